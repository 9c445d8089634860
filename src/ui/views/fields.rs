//! Field and finding helpers the views share. Fields carry `data-edit`
//! keys that the page turns into edits (see `edits::field_edit`).

use yew::prelude::*;

use crate::diagnostic::Diagnostic;

#[derive(Properties, PartialEq)]
pub struct FindingListProps {
    pub findings: Vec<Diagnostic>,
    pub empty: AttrValue,
}

/// Findings with where they are (record or line, and column) and the fix.
#[component]
pub fn FindingList(props: &FindingListProps) -> Html {
    if props.findings.is_empty() {
        return html! { <p class="empty">{ props.empty.clone() }</p> };
    }
    html! {
        <ul class="problems findings">
            for d in props.findings.iter() {
                <li class={classes!("problem", super::severity_class(d.severity))}>
                    <span class="severity">{ d.severity.label() }</span>
                    <div>
                        <p>{ d.message.clone() }</p>
                        if !d.hint.is_empty() { <p class="hint">{ d.hint.clone() }</p> }
                        <p class="path"><code>{ match d.column {
                            // Offsets count from 0; people count characters from 1.
                            Some(offset) => format!("{}, character {}", d.path, offset + 1),
                            None => d.path.clone(),
                        } }</code></p>
                        { fix_button(d) }
                    </div>
                </li>
            }
        </ul>
    }
}

/// One text field the page turns into an edit: `key` is what the page's
/// `data-edit` handler reads (see `edits::field_edit`).
pub struct FieldSpec {
    /// The input's id; by default derived from the key.
    pub id: Option<String>,
    pub key: String,
    pub label: &'static str,
    pub value: String,
    pub help: &'static str,
    pub findings: Vec<Diagnostic>,
}

/// A labelled input with its help and findings; changes reach the page
/// through `data-edit`.
pub fn text_field(field: FieldSpec) -> Html {
    let id = field
        .id
        .unwrap_or_else(|| format!("f-{}", field.key.replace(':', "-")));
    let notes = format!("{id}-notes");
    let invalid = field
        .findings
        .iter()
        .any(|d| d.severity == crate::diagnostic::Severity::Error);
    html! {
        <div class="field">
            <label for={id.clone()}>{ field.label }</label>
            <input {id} type="text" value={field.value} data-edit={field.key} spellcheck="false"
                aria-describedby={notes.clone()} aria-invalid={invalid.to_string()} />
            <div id={notes} class="field-notes">
                if !field.help.is_empty() { <p class="help">{ field.help }</p> }
                for d in field.findings.iter() {
                    <p class={classes!("finding", super::severity_class(d.severity))}>
                        { d.message.clone() }
                        if !d.hint.is_empty() { { " " }<span class="hint">{ d.hint.clone() }</span> }
                    </p>
                }
            </div>
        </div>
    }
}

/// A labelled select whose options are (value, label) pairs; its id is
/// `id`, or derived from the key.
pub fn select_field(
    id: Option<&str>,
    key: &str,
    label: &'static str,
    options: &[(&str, &str)],
    selected: &str,
) -> Html {
    let id = id.map_or_else(|| format!("f-{}", key.replace(':', "-")), str::to_string);
    html! {
        <div class="field">
            <label for={id.clone()}>{ label }</label>
            <select {id} data-edit={key.to_string()}>
                for (value, text) in options.iter() {
                    <option value={value.to_string()} selected={*value == selected}>{ text.to_string() }</option>
                }
            </select>
        </div>
    }
}

/// The finding's one-click fix, if it has one: its edits ride in
/// `data-fix` for the page to apply (see `edits::fix_edit`).
pub fn fix_button(d: &Diagnostic) -> Html {
    let Some(fix) = &d.fix else {
        return Html::default();
    };
    html! {
        <button type="button" class="fix" data-fix={serde_json::to_string(&fix.edits).unwrap_or_default()}>
            { format!("Fix: {}", fix.label) }
        </button>
    }
}
