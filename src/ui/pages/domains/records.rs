//! The table of planned records, each with its copy button, shared by the
//! brand's and the lanes' sections.

use yew::prelude::*;

use crate::dns::report::RecordView;
use crate::ui::fields::CopyButton;

#[derive(Properties, PartialEq)]
pub(super) struct RecordTableProps {
    pub(super) records: Vec<RecordView>,
    /// Makes the value elements' ids unique on the page.
    pub(super) prefix: String,
}

/// A DNS name with a place to wrap after each dot.
fn dotted(name: &str) -> Html {
    html! {
        for label in name.split_inclusive('.') {
            { label.to_string() }<wbr />
        }
    }
}

/// Records with their values, reasons and copy buttons.
#[component]
pub(super) fn RecordTable(props: &RecordTableProps) -> Html {
    html! {
        <table class="data records">
            <thead><tr><th scope="col">{ "Name" }</th><th scope="col">{ "Type" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Why" }</th><th scope="col"><span class="visually-hidden">{ "Copy" }</span></th></tr></thead>
            <tbody>
                for (i, r) in props.records.iter().enumerate() {
                    <tr class={classes!(r.placeholder.then_some("placeholder"))}>
                        // A name wraps after a dot, between its labels; one
                        // longer than any label wraps anywhere rather than
                        // widen the page.
                        <td class="name"><code class={classes!((r.name.len() > 63).then_some("long-name"))}>{ dotted(&r.name) }</code></td>
                        <td class="kind">{ r.kind.clone() }</td>
                        <td class="value"><code id={format!("{}-{i}", props.prefix)}>{ r.value.clone() }</code>
                            if r.value.len() > 255 { <p class="help">{ format!("{} characters: the zone file splits it into strings of 255.", r.value.len()) }</p> }
                            if let Some(at) = &r.published_as {
                                <p class="help">{ format!("Published: the pasted records hold the provider's record at {at}.") }</p>
                            } else if r.placeholder {
                                <p class="help">{ "Placeholder: replace each part in <angle brackets>, in the name or the value, with what the provider shows." }</p>
                            }
                        </td>
                        <td>{ r.why.clone() }</td>
                        <td><CopyButton id={format!("copy-{}-{i}", props.prefix)} label="Copy" text={r.value.clone()}
                            aria_label={format!("Copy the {} value for {}", r.kind, r.name)} /></td>
                    </tr>
                }
            </tbody>
        </table>
    }
}
