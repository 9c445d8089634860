//! The labelled text field that reports a committed value, not each keystroke,
//! so that one edit is one undo step.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
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
/// While it has the focus, a re-render (a worker's answer, say) keeps the
/// text being typed: Yew would otherwise put the plan's value back.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let node = use_node_ref();
    let focused = use_mut_ref(|| false);
    let typed = || -> Option<AttrValue> {
        if !*focused.borrow() {
            return None;
        }
        let text = match node.cast::<HtmlInputElement>() {
            Some(input) => input.value(),
            None => node.cast::<HtmlTextAreaElement>()?.value(),
        };
        Some(text.into())
    };
    let value = typed().unwrap_or_else(|| props.value.clone());
    let onfocus = {
        let focused = focused.clone();
        Callback::from(move |_: FocusEvent| *focused.borrow_mut() = true)
    };
    let onblur = Callback::from(move |_: FocusEvent| *focused.borrow_mut() = false);
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
                <textarea id={props.id.clone()} ref={node} {value} {onchange} {onfocus} {onblur}
                    rows="3" aria-describedby={described.clone()} placeholder={props.placeholder.clone()} />
            } else {
                <input id={props.id.clone()} ref={node} type={props.kind.clone()} {value} {onchange} {onfocus} {onblur}
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
