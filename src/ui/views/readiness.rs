//! The readiness report as a printable page, with its Markdown for download.

use std::rc::Rc;

use yew::prelude::*;

use crate::review::readiness::{Block, Report};

#[derive(Properties, PartialEq)]
pub struct ReadinessPageProps {
    pub report: Rc<Report>,
    pub markdown: AttrValue,
    pub file_name: AttrValue,
}

#[component]
pub fn ReadinessPage(props: &ReadinessPageProps) -> Html {
    html! {
        <section aria-labelledby="readiness-heading" class="readiness">
            <div class="no-print actions">
                <button type="button" data-action="print">{ "Print" }</button>{ " " }
                <button type="button" data-download={props.file_name.clone()} data-source="readiness-markdown">{ "Download Markdown" }</button>
            </div>
            <h2 id="readiness-heading">{ props.report.title.clone() }</h2>
            for block in props.report.blocks.iter() { { block_html(block) } }
            <pre id="readiness-markdown" hidden=true>{ props.markdown.clone() }</pre>
        </section>
    }
}

fn block_html(block: &Block) -> Html {
    match block {
        Block::Heading(2, text) => html! { <h3>{ text.clone() }</h3> },
        Block::Heading(_, text) => html! { <h4>{ text.clone() }</h4> },
        Block::Paragraph(text) => html! { <p>{ text.clone() }</p> },
        Block::List(items) => html! {
            <ul>for item in items.iter() { <li>{ item.clone() }</li> }</ul>
        },
        Block::Table { head, rows } => html! {
            <table class="report-table">
                <thead><tr>for h in head.iter() { <th scope="col">{ h.clone() }</th> }</tr></thead>
                <tbody>
                    if rows.is_empty() {
                        <tr><td colspan={head.len().to_string()}>{ "None" }</td></tr>
                    }
                    for row in rows.iter() {
                        <tr>for cell in row.iter() { <td>{ cell.clone() }</td> }</tr>
                    }
                </tbody>
            </table>
        },
    }
}
