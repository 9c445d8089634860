//! The readiness report as a printable page, with its Markdown for download.
//!
//! The report is built here, not by the shell: only this page shows it, so
//! it is computed while the page is open and again only when the plan, the
//! day or what the shell derived from the plan changes.

use std::rc::Rc;

use yew::prelude::*;

use super::PageProps;
use crate::dmarc_reports::rollout::{judged_on, readiness};
use crate::dmarc_reports::store::Store as ReportStore;
use crate::monitor::health::Health;
use crate::review::assess::assess;
use crate::review::readiness::{report, to_markdown, Block, Inputs};
use crate::ui::fields::DownloadButton;

#[derive(Properties, PartialEq)]
pub struct ReadinessPageProps {
    pub page: PageProps,
    /// Lane health from the delivery data imported on the Monitoring tab.
    #[prop_or_default]
    pub health: Option<Rc<Health>>,
    /// The DMARC aggregate reports imported on the DMARC tab; `None` for a
    /// shared plan, which carries none.
    #[prop_or_default]
    pub reports: Option<Rc<ReportStore>>,
}

#[component]
pub fn ReadinessPage(props: &ReadinessPageProps) -> Html {
    let page = &props.page;
    // The verdict is judged as the DMARC tab judges it: on the last day
    // with reports when they run past today's date.
    let verdict = use_memo(
        (page.plan.clone(), props.reports.clone(), page.today),
        |(plan, store, today)| {
            let store = store.as_ref().filter(|s| !s.rows.is_empty())?;
            let day = judged_on(store, *today);
            Some(readiness(plan, &store.rows, day))
        },
    );
    let built = use_memo(
        (
            page.plan.clone(),
            page.today,
            page.findings.clone(),
            props.health.clone(),
            verdict.clone(),
        ),
        |(plan, today, findings, health, verdict)| {
            let report = report(&Inputs {
                plan,
                today: *today,
                routing: &findings.routing,
                carried: &findings.carried,
                checklist: &findings.checklist,
                assessment: &assess(plan),
                records: Some(&findings.domains.records),
                dmarc_stage: &findings.domains.stage,
                findings: &findings.all,
                delivery: health.as_deref(),
                dmarc_reports: verdict.as_ref().as_ref(),
            });
            let markdown = AttrValue::from(to_markdown(&report));
            (report, markdown)
        },
    );
    let (report, markdown) = &*built;
    let stem = crate::ui::context::use_file_stem(&page.plan);
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            // Printing can be refused (a sandboxed frame); there is nothing
            // to undo then.
            let _ = window.print();
        }
    });
    html! {
        <section aria-labelledby="readiness-heading" class="readiness">
            <div class="no-print actions">
                <button type="button" onclick={print}>{ "Print" }</button>{ " " }
                <DownloadButton label="Download Markdown" file_name={format!("{stem}-readiness.md")}
                    text={markdown.clone()} />
            </div>
            <h2 id="readiness-heading">{ report.title.clone() }</h2>
            for block in report.blocks.iter() { { block_html(block) } }
        </section>
    }
}

/// Whether a cell holds a token longer than a column should be wide, such
/// as a host name or a DKIM key: only such cells may break inside a word,
/// so "Transactional" or "CNAME" keep their line.
fn has_long_token(cell: &str) -> bool {
    cell.split_whitespace()
        .any(|word| word.chars().count() > 20)
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
                <thead><tr>for h in head.iter() {
                    <th scope="col" class={has_long_token(h).then_some("token")}>{ h.clone() }</th>
                }</tr></thead>
                <tbody>
                    if rows.is_empty() {
                        <tr><td colspan={head.len().to_string()}>{ "None" }</td></tr>
                    }
                    for row in rows.iter() {
                        <tr>for cell in row.iter() {
                            <td class={has_long_token(cell).then_some("token")}>{ cell.clone() }</td>
                        }</tr>
                    }
                </tbody>
            </table>
        },
    }
}
