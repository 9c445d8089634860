//! Labelled form controls that report a committed value, not each keystroke,
//! so that one edit is one undo step.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::diagnostic::Diagnostic;

/// The findings whose path is exactly `path`, for showing under a field.
pub fn findings_at<'a>(
    findings: &'a [Diagnostic],
    path: &'a str,
) -> impl Iterator<Item = &'a Diagnostic> {
    findings.iter().filter(move |d| d.path == path)
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub on_commit: Callback<String>,
    #[prop_or_default]
    pub placeholder: AttrValue,
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub help: AttrValue,
    #[prop_or_default]
    pub findings: Vec<Diagnostic>,
    #[prop_or_default]
    pub multiline: bool,
    /// For `kind="number"`: the step and the least value.
    #[prop_or_default]
    pub step: Option<AttrValue>,
    #[prop_or_default]
    pub min: Option<AttrValue>,
}

/// A text input with its label, help and any findings about its value.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let on_commit = props.on_commit.clone();
    let onchange = Callback::from(move |e: Event| {
        let value = if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
            input.value()
        } else {
            e.target_unchecked_into::<HtmlTextAreaElement>().value()
        };
        on_commit.emit(value);
    });
    let described = format!("{}-notes", props.id);
    let number = props.kind == "number";
    let invalid = props
        .findings
        .iter()
        .any(|d| d.severity == crate::diagnostic::Severity::Error);
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            if props.multiline {
                <textarea id={props.id.clone()} value={props.value.clone()} {onchange}
                    rows="3" aria-describedby={described.clone()} placeholder={props.placeholder.clone()} />
            } else {
                <input id={props.id.clone()} type={props.kind.clone()} value={props.value.clone()} {onchange}
                    placeholder={props.placeholder.clone()} aria-describedby={described.clone()}
                    aria-invalid={invalid.to_string()} spellcheck="false"
                    step={props.step.clone()} min={props.min.clone().or_else(|| number.then_some(AttrValue::Static("0")))}
                    inputmode={number.then_some("decimal")} />
            }
            { field_notes(&described, &props.help, &props.findings) }
        </div>
    }
}

/// A field's help and the findings about its value, which the field's
/// `aria-describedby` points at.
pub fn field_notes(id: &str, help: &AttrValue, findings: &[Diagnostic]) -> Html {
    html! {
        <div id={id.to_string()} class="field-notes">
            if !help.is_empty() { <p class="help">{ help.clone() }</p> }
            for d in findings.iter() {
                <p class={classes!("finding", severity_class(d))}>
                    { d.message.clone() }
                    if !d.hint.is_empty() { {" "}<span class="hint">{ d.hint.clone() }</span> }
                </p>
            }
        </div>
    }
}

pub fn severity_class(d: &Diagnostic) -> &'static str {
    match d.severity {
        crate::diagnostic::Severity::Error => "error",
        crate::diagnostic::Severity::Warning => "warning",
        crate::diagnostic::Severity::Info => "info",
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// (value, label) pairs.
    pub options: Vec<(String, String)>,
    pub selected: AttrValue,
    pub on_select: Callback<String>,
    #[prop_or_default]
    pub findings: Vec<Diagnostic>,
    #[prop_or_default]
    pub help: AttrValue,
}

#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let on_select = props.on_select.clone();
    let onchange = Callback::from(move |e: Event| {
        on_select.emit(e.target_unchecked_into::<HtmlSelectElement>().value());
    });
    let described = format!("{}-notes", props.id);
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <select id={props.id.clone()} {onchange} aria-describedby={described.clone()}>
                for (value, label) in props.options.iter() {
                    <option value={value.clone()} selected={*value == *props.selected}>{ label.clone() }</option>
                }
            </select>
            { field_notes(&described, &props.help, &props.findings) }
        </div>
    }
}

pub struct CheckGroupProps {
    pub id: String,
    pub legend: &'static str,
    /// (value, label, checked) triples.
    pub options: Vec<(String, String, bool)>,
    /// Emits the full set of checked values after each toggle.
    pub on_change: Callback<Vec<String>>,
}

/// A fieldset of checkboxes for "any of these" conditions. A plain function
/// rather than a component: it has no state, and each component type adds
/// to the bundle.
pub fn check_group(props: CheckGroupProps) -> Html {
    html! {
        <fieldset class="check-group" id={props.id.clone()}>
            <legend>{ props.legend }</legend>
            for (index, (value, label, checked)) in props.options.iter().enumerate() {
                {{
                    let options = props.options.clone();
                    let on_change = props.on_change.clone();
                    let me = value.clone();
                    let onchange = Callback::from(move |e: Event| {
                        let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                        let chosen = options
                            .iter()
                            .filter(|(v, _, c)| if *v == me { on } else { *c })
                            .map(|(v, _, _)| v.clone())
                            .collect();
                        on_change.emit(chosen);
                    });
                    let id = format!("{}-{index}", props.id);
                    html! {
                        <label class="check" for={id.clone()}>
                            <input type="checkbox" id={id} checked={*checked} {onchange} />
                            { label.clone() }
                        </label>
                    }
                }}
            }
        </fieldset>
    }
}

/// A callback that applies `set` with the committed value to a copy of
/// `item` and emits the copy, for forms that edit one lane, journey or rule.
pub fn updater<T: Clone + 'static, V: 'static>(
    item: &T,
    on_change: &Callback<T>,
    set: fn(&mut T, V),
) -> Callback<V> {
    let item = item.clone();
    let on_change = on_change.clone();
    Callback::from(move |value: V| {
        let mut next = item.clone();
        set(&mut next, value);
        on_change.emit(next);
    })
}

/// The snake_case name serde gives a unit enum variant.
pub fn enum_key<T: serde::Serialize>(item: T) -> String {
    // The pretty serialiser is the one exports use, so no other is compiled in.
    serde_json::to_string_pretty(&item)
        .map(|quoted| quoted.trim_matches('"').to_string())
        .unwrap_or_default()
}

/// The unit enum variant with this snake_case name, if any.
pub fn enum_from_key<T: Copy + serde::Serialize>(all: &[T], key: &str) -> Option<T> {
    all.iter().copied().find(|&item| enum_key(item) == key)
}
