//! Inputs that sit in a table cell, labelled by their column and row
//! rather than by a visible label of their own.

use yew::prelude::*;

use super::date::{commit_date, DateInput, FIRST_DAY, LAST_DAY};
use super::text::{on_checked, on_line, on_value, use_kept_text, use_leave_commit, InputKind};
use super::{input_value, use_read_only, use_refused};
use crate::plan::limits::MAX_TEXT_CHARS;

#[derive(Properties, PartialEq)]
pub struct CellInputProps {
    pub id: AttrValue,
    /// The accessible name; the column heading is the visible one.
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub kind: InputKind,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    pub on_change: Callback<String>,
}

/// A text or date input in a table cell, named by `aria-label` because the
/// column heading is its visible label; commits on `change`, a date as
/// `DateInput` says, with a refusal said under it.
#[component]
pub fn CellInput(props: &CellInputProps) -> Html {
    let (node, value, settle, _) = use_kept_text(props.value.clone());
    let refused = use_refused(props.value.clone());
    let typing = use_mut_ref(|| false);
    let readonly = use_read_only();
    let kind = props.kind.as_str();
    let (label, placeholder) = (props.label.clone(), props.placeholder.clone());
    let leave = use_leave_commit(on_line(&props.on_change, &settle));
    if props.kind != InputKind::Date {
        return html! {
            <input ref={node} type={kind} id={props.id.clone()} class={props.class.clone()} {value} {readonly}
                maxlength={MAX_TEXT_CHARS.to_string()} aria-label={label} {placeholder}
                onchange={leave.onchange} onkeydown={leave.onkeydown} onblur={leave.onblur} />
        };
    }
    let commit = {
        let (on_change, settle) = (props.on_change.clone(), settle.clone());
        move |e: &Event| {
            on_change.emit(input_value(e));
            settle.emit(());
        }
    };
    let DateInput {
        onkeydown,
        onchange,
        onfocusout,
    } = DateInput::new(&typing, &refused, commit_date(&refused, commit));
    let notes = format!("{}-notes", props.id);
    html! {
        <>
            <input ref={node} type={kind} id={props.id.clone()} class={props.class.clone()} {value} {readonly}
                aria-label={label} {onchange} {onkeydown} {onfocusout} min={FIRST_DAY} max={LAST_DAY}
                aria-invalid={refused.is_some().to_string()} aria-describedby={refused.is_some().then(|| notes.clone())} />
            if let Some(error) = (*refused).clone() {
                <p class="finding error" id={notes} role="alert">{ error }</p>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct CellTextProps {
    pub id: AttrValue,
    /// The accessible name; the column heading is the visible one.
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    pub on_change: Callback<String>,
}

/// Free text in a table cell, such as a note: a text box that grows with
/// what is written in it, so that a long note is read whole, without a
/// length limit; commits on `change`.
#[component]
pub fn CellText(props: &CellTextProps) -> Html {
    let (node, value, settle, _) = use_kept_text(props.value.clone());
    let leave = use_leave_commit(on_value(&props.on_change, &settle));
    let readonly = use_read_only();
    html! {
        <textarea ref={node} id={props.id.clone()} class={classes!("cell-text", props.class.clone())} rows="1" {value} {readonly}
            aria-label={props.label.clone()} placeholder={props.placeholder.clone()}
            onchange={leave.onchange} onkeydown={leave.onkeydown} onblur={leave.onblur} />
    }
}

#[derive(Properties, PartialEq)]
pub struct CellCheckProps {
    pub id: AttrValue,
    /// The accessible name, where no `<label>` names the box.
    #[prop_or_default]
    pub label: Option<AttrValue>,
    pub checked: bool,
    pub on_change: Callback<bool>,
}

/// A checkbox in a table cell or beside its own `<label>`.
#[component]
pub fn CellCheck(props: &CellCheckProps) -> Html {
    let onchange = on_checked(&props.on_change);
    let disabled = use_read_only();
    html! {
        <input type="checkbox" id={props.id.clone()} checked={props.checked} {disabled}
            aria-label={props.label.clone()} {onchange} />
    }
}
