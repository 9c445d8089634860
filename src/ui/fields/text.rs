//! Labelled text, e-mail, date and checkbox inputs, and the commits they
//! share with the cells' inputs. Text commits on `change`, and the text
//! being typed is the browser's until then, so a redraw never takes it away.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::buttons::is_focused;
use super::date::{commit_date, DateInput, FIRST_DAY, LAST_DAY};
use super::findings::field_notes;
use super::{input_value, shown_refusal, use_read_only, use_refused};
use crate::plan::diagnostic::{Diagnostic, Severity};
use crate::plan::edit::Edit;
// A paste cannot make a name longer than a page can lay out in time.
use crate::plan::limits::MAX_TEXT_CHARS;

fn input_checked(e: &Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// The kinds of text input a `Field` can be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum InputKind {
    #[default]
    Text,
    Email,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
}

impl InputKind {
    /// The input's `type` attribute.
    pub(super) fn as_str(self) -> &'static str {
        match self {
            InputKind::Text => "text",
            InputKind::Email => "email",
            InputKind::Date => "date",
        }
    }
}

/// A callback for a text box's `change` event that reports its text, then
/// has the box show the text as the plan keeps it. Spaces and blank lines
/// at its end are not kept: unseen, they would be an edit no one can see.
pub(super) fn on_value(on_change: &Callback<String>, settle: &Callback<()>) -> Callback<Event> {
    let (on_change, settle) = (on_change.clone(), settle.clone());
    Callback::from(move |e: Event| {
        on_change.emit(input_value(&e).trim_end().to_string());
        settle.emit(());
    })
}

/// A callback for a one-line input's `change` event: its value as a plan
/// keeps it (`units::clean_line`).
pub(super) fn on_line(on_change: &Callback<String>, settle: &Callback<()>) -> Callback<Event> {
    let (on_change, settle) = (on_change.clone(), settle.clone());
    Callback::from(move |e: Event| {
        on_change.emit(commit_line(&e));
        settle.emit(());
    })
}

/// A one-line input's value cleaned as a plan keeps it, and shown so in
/// the input at once, which may keep the focus (Enter commits too).
fn commit_line(e: &Event) -> String {
    let clean = crate::units::clean_line(&input_value(e));
    if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
        if input.value() != clean {
            input.set_value(&clean);
        }
    }
    clean
}

/// A callback for a checkbox's `change` event that reports whether it is
/// ticked.
pub(super) fn on_checked(on_change: &Callback<bool>) -> Callback<Event> {
    let on_change = on_change.clone();
    Callback::from(move |e: Event| on_change.emit(input_checked(&e)))
}

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub kind: InputKind,
    #[prop_or_default]
    pub help: AttrValue,
    #[prop_or_default]
    pub placeholder: AttrValue,
    #[prop_or_default]
    pub findings: Vec<Diagnostic>,
    /// Where the findings' fixes go: with it, each finding that has a fix
    /// shows its button under the field.
    #[prop_or_default]
    pub on_fix: Option<Callback<Edit>>,
    /// Changes what is shown, not the plan (a filter): stays usable in a
    /// read-only plan.
    #[prop_or_default]
    pub view: bool,
    pub on_change: Callback<String>,
}

/// The value a text control shows, the ref it needs, and the callback a
/// commit calls. Yew puts a control's value back whenever it redraws it,
/// which would throw away text typed but not yet committed whenever another
/// edit redraws the page. So while the plan's value is the one last drawn,
/// the control keeps what it holds; when the plan's value changes (an edit,
/// an undo), it shows that. Once committed, the control shows the value as
/// the plan keeps it (a domain in lower case) even when the commit changed
/// nothing, which draws nothing else.
///
/// The fourth value is the plan's value that arrived while text was being
/// typed (another tab saved the field), which the field says, so that the
/// user knows their text will replace it.
#[hook]
pub(super) fn use_kept_text(
    value: AttrValue,
) -> (NodeRef, AttrValue, Callback<()>, Option<AttrValue>) {
    let node = use_node_ref();
    let last = use_mut_ref(|| value.clone());
    let overtaken = use_mut_ref(|| None::<AttrValue>);
    let committed = use_mut_ref(|| false);
    let redraw = use_force_update();
    let settle = use_callback((), {
        let (committed, node) = (committed.clone(), node.clone());
        move |(), _| {
            *committed.borrow_mut() = true;
            close_typing(&node);
            redraw.force_update();
        }
    });
    use_saved_history(&node, &value);
    let drawn = last.replace(value.clone());
    let settled = std::mem::take(&mut *committed.borrow_mut());
    let typed = node
        .cast::<HtmlInputElement>()
        .map(|input| input.value())
        .or_else(|| node.cast::<HtmlTextAreaElement>().map(|area| area.value()));
    let shown = match typed {
        _ if settled => value,
        Some(text) if drawn == value => {
            return (node, text.into(), settle, overtaken.borrow().clone())
        }
        // Text being typed is the user's, even when another tab saves a
        // new value of the field meanwhile; committing it decides.
        Some(text) if text != drawn.as_str() && has_focus(&node) => {
            *overtaken.borrow_mut() = Some(value);
            return (node, text.into(), settle, overtaken.borrow().clone());
        }
        _ => value,
    };
    overtaken.borrow_mut().take();
    (node, shown, settle, None)
}

/// Ends the browser's run of typing in a box whose text was just committed
/// while it keeps the focus (Enter): setting the selection where it is
/// closes the run, so the box's own undo of what is typed next stops at
/// the committed text instead of taking it back too.
fn close_typing(node: &NodeRef) {
    if let Some(input) = node.cast::<HtmlInputElement>() {
        // Number and date inputs have no selection; theirs is an error.
        if let (Ok(Some(start)), Ok(Some(end))) = (input.selection_start(), input.selection_end()) {
            let _ = input.set_selection_range(start, end);
        }
    } else if let Some(area) = node.cast::<HtmlTextAreaElement>() {
        if let (Ok(Some(start)), Ok(Some(end))) = (area.selection_start(), area.selection_end()) {
            let _ = area.set_selection_range(start, end);
        }
    }
}

/// Cancels the browser's undo or redo in a box showing its committed text,
/// `saved`. The browser keeps one text history for the whole page, and in
/// a box it holds the typing already committed too; cancelled, the undo is
/// the plan's (see `ui::undo_keys`). Text typed since still goes first.
/// A number box has no selection to end a run of typing at a commit (see
/// `close_typing`), so the browser's undo there would take the typing back
/// past the saved number; the box shows the saved number after it.
#[hook]
fn use_saved_history(node: &NodeRef, saved: &AttrValue) {
    let kept = use_mut_ref(AttrValue::default);
    *kept.borrow_mut() = saved.clone();
    use_effect_with(node.clone(), move |node| {
        let listener = node.get().map(|element| {
            let options = EventListenerOptions::enable_prevent_default();
            let number = (element.dyn_ref::<HtmlInputElement>()).filter(|i| i.type_() == "number");
            let number = number.cloned();
            EventListener::new_with_options(&element, "beforeinput", options, move |e| {
                let kind = e.dyn_ref::<web_sys::InputEvent>().map(|e| e.input_type());
                let history = matches!(kind.as_deref(), Some("historyUndo" | "historyRedo"));
                let saved = kept.borrow().clone();
                if history && input_value(e) == saved.as_str() {
                    e.prevent_default();
                } else if let (Some("historyUndo"), Some(input)) = (kind.as_deref(), &number) {
                    // Cancelled, the undo would be the plan's: the browser's
                    // runs, and the saved number is put back after it.
                    let input = input.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        crate::ui::sleep(0).await;
                        input.set_value(&saved);
                        // The field hears it as it hears typing.
                        if let Ok(event) = web_sys::Event::new("input") {
                            let _ = input.dispatch_event(&event);
                        }
                    });
                }
            })
        });
        move || drop(listener)
    });
}

/// The handlers of a text or number box that commits as the focus leaves
/// it: on `change`, and on Tab before the focus moves. Yew draws Tab's
/// commit in the microtask that runs before the key's own move, so the
/// focus lands where the page is after the edit: a finding's fix button
/// the edit clears is no longer there to take it and vanish under it. The
/// `change` that follows the move is then the same edit, and is skipped.
pub(super) struct LeaveCommit {
    pub onkeydown: Callback<KeyboardEvent>,
    pub onchange: Callback<Event>,
    pub onblur: Callback<FocusEvent>,
}

#[hook]
pub(super) fn use_leave_commit(commit: Callback<Event>) -> LeaveCommit {
    let tabbed = use_mut_ref(|| false);
    let onkeydown = {
        let (tabbed, commit) = (tabbed.clone(), commit.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Tab" {
                *tabbed.borrow_mut() = true;
                commit.emit(e.into());
            }
        })
    };
    let onchange = {
        let tabbed = tabbed.clone();
        Callback::from(move |e: Event| {
            if !std::mem::take(&mut *tabbed.borrow_mut()) {
                commit.emit(e);
            }
        })
    };
    // Tab's move may leave no change to skip.
    let onblur = Callback::from(move |_: FocusEvent| *tabbed.borrow_mut() = false);
    LeaveCommit {
        onkeydown,
        onchange,
        onblur,
    }
}

/// What a field says when another tab saved it while text was typed there.
pub(super) fn overtaken_note(theirs: &str) -> AttrValue {
    format!("Another tab saved “{theirs}” here while you typed. Leaving the field keeps your text; Undo then brings “{theirs}” back.").into()
}

/// Whether the element behind `node` holds the keyboard focus.
fn has_focus(node: &NodeRef) -> bool {
    node.cast::<web_sys::Element>()
        .is_some_and(|e| is_focused(&e))
}

/// A labelled input with its help and findings. A date is committed once
/// whole, as `DateInput` says.
#[component]
pub fn Field(props: &FieldProps) -> Html {
    let refused = use_refused(props.value.clone());
    let typing = use_mut_ref(|| false);
    let (node, value, settle, overtaken) = use_kept_text(props.value.clone());
    let refusal = shown_refusal(&refused, value == props.value);
    let note = refusal
        .clone()
        .or_else(|| overtaken.map(|theirs| overtaken_note(&theirs)));
    let date = props.kind == InputKind::Date;
    let commit = {
        let (on_change, settle) = (props.on_change.clone(), settle.clone());
        move |e: &Event| {
            on_change.emit(commit_line(e));
            settle.emit(());
        }
    };
    let leave = {
        let (refused, commit) = (refused.clone(), commit.clone());
        use_leave_commit(Callback::from(move |e: Event| {
            refused.set(None);
            commit(&e);
        }))
    };
    let (onchange, onkeydown, onfocusout) = if date {
        let input = DateInput::new(&typing, &refused, commit_date(&refused, commit));
        (input.onchange, input.onkeydown, input.onfocusout)
    } else {
        (leave.onchange, leave.onkeydown, leave.onblur)
    };
    let kind = props.kind.as_str();
    let readonly = use_read_only() && !props.view;
    let placeholder = (!props.placeholder.is_empty()).then(|| props.placeholder.clone());
    html! {
        <FieldFrame id={props.id.clone()} label={props.label.clone()} help={props.help.clone()}
            findings={props.findings.clone()} on_fix={props.on_fix.clone()} error={note}>
            <input ref={node} id={props.id.clone()} type={kind} {value} {onchange} {onkeydown} {onfocusout} {placeholder} {readonly}
                min={date.then_some(FIRST_DAY)} max={date.then_some(LAST_DAY)}
                maxlength={MAX_TEXT_CHARS.to_string()} spellcheck="false" aria-describedby={format!("{}-notes", props.id)}
                aria-invalid={(has_error(&props.findings) || refusal.is_some()).to_string()} />
        </FieldFrame>
    }
}

pub(super) fn has_error(findings: &[Diagnostic]) -> bool {
    findings.iter().any(|d| d.severity == Severity::Error)
}

#[derive(Properties, PartialEq)]
pub(super) struct FieldFrameProps {
    pub(super) id: AttrValue,
    pub(super) label: AttrValue,
    /// Read after the label but not shown, such as the lane a field of a
    /// table's row belongs to.
    #[prop_or_default]
    pub(super) context: AttrValue,
    pub(super) help: AttrValue,
    pub(super) findings: Vec<Diagnostic>,
    #[prop_or_default]
    pub(super) on_fix: Option<Callback<Edit>>,
    /// A value the field itself refused, such as a number out of range.
    pub(super) error: Option<AttrValue>,
    pub(super) children: Html,
}

/// The label, the control, and the notes under it that the control's
/// `aria-describedby` names.
#[component]
pub(super) fn FieldFrame(props: &FieldFrameProps) -> Html {
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ label_text(&props.label, &props.context) }</label>
            { props.children.clone() }
            { field_notes(&props.id, &props.help, props.error.clone(), (&props.findings, props.on_fix.as_ref())) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    /// Changes what is shown, not the plan (a filter): stays usable in a
    /// read-only plan.
    #[prop_or_default]
    pub view: bool,
    pub on_change: Callback<bool>,
}

/// A checkbox with its label after it.
#[component]
pub fn CheckField(props: &CheckFieldProps) -> Html {
    let onchange = on_checked(&props.on_change);
    let disabled = use_read_only() && !props.view;
    html! {
        <label class="check" for={props.id.clone()}>
            <input id={props.id.clone()} type="checkbox" checked={props.checked} {onchange} {disabled} />
            { " " }{ props.label.clone() }
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextAreaProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or(6)]
    pub rows: u32,
    #[prop_or_default]
    pub help: AttrValue,
    #[prop_or_default]
    pub placeholder: AttrValue,
    pub on_change: Callback<String>,
}

/// A labelled multi-line text box.
#[component]
pub fn TextArea(props: &TextAreaProps) -> Html {
    let (node, value, settle, _) = use_kept_text(props.value.clone());
    let leave = use_leave_commit(on_value(&props.on_change, &settle));
    let placeholder = (!props.placeholder.is_empty()).then(|| props.placeholder.clone());
    let help_id = AttrValue::from(format!("{}-notes", props.id));
    let describedby = (!props.help.is_empty()).then(|| help_id.clone());
    let readonly = use_read_only();
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <textarea ref={node} id={props.id.clone()} rows={props.rows.to_string()} {value} {readonly}
                onchange={leave.onchange} onkeydown={leave.onkeydown} onblur={leave.onblur}
                {placeholder} spellcheck="false" aria-describedby={describedby} />
            if !props.help.is_empty() { <p class="help" id={help_id}>{ props.help.clone() }</p> }
        </div>
    }
}

/// A label's text, with the item it belongs to read after it but not shown
/// (“Schedule, Transactional”). The whole name is one hidden text, and the
/// visible word is hidden from the name: a hidden part beside a visible
/// one is read with a stray space before its comma.
pub(super) fn label_text(label: &AttrValue, context: &AttrValue) -> Html {
    if context.is_empty() {
        return html! { { label.clone() } };
    }
    html! {
        <>
            <span aria-hidden="true">{ label.clone() }</span>
            <span class="visually-hidden">{ format!("{label}, {context}") }</span>
        </>
    }
}
