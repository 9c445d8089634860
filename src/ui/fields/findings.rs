//! Findings beside the fields and in lists: their colour class, the ones
//! about a path, their notes with a Fix button, and a list of them.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::keys_by_text;
use super::use_read_only;
use crate::plan::diagnostic::{Diagnostic, Severity};
use crate::plan::edit::Edit;
use crate::plan::path_words::in_words;

/// The class that colours a finding by its severity.
pub fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// A hint as text, with each `https://` address in it a link that opens
/// in a new tab. The address ends at white space; a full stop or comma
/// after it ends the sentence, not the address.
pub fn hint_text(hint: &str) -> Html {
    let mut parts: Vec<Html> = Vec::new();
    let mut rest = hint;
    while let Some(at) = rest.find("https://") {
        let (before, from) = rest.split_at(at);
        let end = from.find(char::is_whitespace).unwrap_or(from.len());
        let url = from[..end].trim_end_matches(['.', ',', ';', ':', ')']);
        parts.push(html! { { before.to_string() } });
        parts.push(html! {
            <a href={url.to_string()} target="_blank" rel="noopener noreferrer">{ url.to_string() }</a>
        });
        rest = &from[url.len()..];
    }
    parts.push(html! { { rest.to_string() } });
    html! { <>{ for parts }</> }
}

/// The findings whose path is exactly `path`, for showing under a field.
pub fn findings_at(findings: &[Diagnostic], path: &str) -> Vec<Diagnostic> {
    findings
        .iter()
        .filter(|d| d.path == path)
        .cloned()
        .collect()
}

/// The findings whose path is `path` or inside it (`path.<field>`).
pub fn findings_under(findings: &[Diagnostic], path: &str) -> Vec<Diagnostic> {
    findings
        .iter()
        .filter(|d| {
            d.path
                .strip_prefix(path)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
        })
        .cloned()
        .collect()
}

/// Keys for findings by code, place and message, so that a finding keeps
/// its element when findings before it come or go.
pub fn finding_keys(findings: &[Diagnostic]) -> Vec<String> {
    let texts: Vec<String> = findings
        .iter()
        .map(|d| format!("{} {} {}", d.code, d.path, d.message))
        .collect();
    keys_by_text(texts.iter().map(String::as_str))
}

/// Findings with their hints and fixes, for places without notes of their
/// own, such as under a select.
pub fn notes(findings: &[Diagnostic], on_edit: &Callback<Edit>) -> Html {
    html! {
        for d in findings.iter() {
            { note(d, on_edit, None) }
        }
    }
}

/// One finding with its hint and fix; `fix_id` names the fix's button
/// where a place opens on it, as a control would be opened.
pub fn note(d: &Diagnostic, on_edit: &Callback<Edit>, fix_id: Option<AttrValue>) -> Html {
    html! {
        <p class={classes!("finding", severity_class(d.severity))}>
            { d.message.clone() }
            if !d.hint.is_empty() { { " " }<span class="hint">{ hint_text(&d.hint) }</span> }
            <FixButton finding={Rc::new(d.clone())} on_edit={on_edit.clone()} id={fix_id} />
        </p>
    }
}

#[derive(Properties, PartialEq)]
pub struct FixButtonProps {
    pub finding: Rc<Diagnostic>,
    pub on_edit: Callback<Edit>,
    /// The id of the finding's message, where the fix's label alone does
    /// not say which of several alike findings it fixes.
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

/// A finding's one-click fix: its edits, as one undo step. The button goes
/// with its finding, and a fix may clear its neighbours too, so the focus
/// first moves, without scrolling, to what surely stays: the card or list
/// that holds it (the nearest element focusable only by script).
#[component]
pub fn FixButton(props: &FixButtonProps) -> Html {
    let disabled = use_read_only();
    let Some(fix) = props.finding.fix.clone() else {
        return Html::default();
    };
    let on_edit = props.on_edit.clone();
    let label = format!("Fix: {}", fix.label);
    let onclick = Callback::from(move |e: MouseEvent| {
        let holders = (e.target_dyn_into::<Element>())
            .map(|b| holders(&b))
            .unwrap_or_default();
        if let Some(first) = holders.first() {
            focus_quietly(first);
        }
        on_edit.emit(Edit::Many(fix.edits.clone()));
        if !holders.is_empty() {
            wasm_bindgen_futures::spawn_local(keep_holding(holders));
        }
    });
    let described_by = props.described_by.clone();
    html! {
        <button type="button" class="fix" id={props.id.clone()} {onclick} {disabled}
            aria-describedby={described_by}>{ label }</button>
    }
}

#[derive(Properties, PartialEq)]
pub struct FindingListProps {
    pub findings: Vec<Diagnostic>,
    pub empty: AttrValue,
    pub on_edit: Callback<Edit>,
}

/// Findings with where they are (record or line, and column) and the fix.
#[component]
pub fn FindingList(props: &FindingListProps) -> Html {
    html! {
        // Focusable by script, so a fix whose finding goes away (the last
        // one included) leaves the focus here.
        <div class="finding-list" tabindex="-1">
            if props.findings.is_empty() {
                <p class="empty">{ props.empty.clone() }</p>
            } else {
                { finding_items(props) }
            }
        </div>
    }
}

fn finding_items(props: &FindingListProps) -> Html {
    html! {
        <ul class="problems findings">
            for (d, key) in props.findings.iter().zip(finding_keys(&props.findings)) {
                <li {key} class={classes!("problem", severity_class(d.severity))}>
                    <span class="severity">{ d.severity.label() }</span>
                    <div>
                        <p>{ d.message.clone() }</p>
                        if !d.hint.is_empty() { <p class="hint">{ hint_text(&d.hint) }</p> }
                        <p class="path"><code title={d.path.clone()}>{ match d.column {
                            // Offsets count from 0; people count characters from 1.
                            Some(offset) => format!("{}, character {}", d.path, offset + 1),
                            // A field in the words the pages use, named
                            // where the plan's findings were; a record name
                            // stays as it is.
                            None if !d.place.is_empty() => d.place.clone(),
                            None => in_words(None, &d.path),
                        } }</code></p>
                        <FixButton finding={Rc::new(d.clone())} on_edit={props.on_edit.clone()} />
                    </div>
                </li>
            }
        </ul>
    }
}

/// Moves the focus from `button`, which is about to go with its finding, to
/// the nearest element around it that is focusable only by script, and
/// returns that element.
pub fn focus_holder(button: &Element) -> Option<web_sys::HtmlElement> {
    let target = button
        .closest("[tabindex='-1']")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())?;
    focus_quietly(&target);
    Some(target)
}

fn focus_quietly(el: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = el.focus_with_options(&options);
}

/// The elements around `button` focusable only by script, nearest first:
/// where the focus may wait while a fix is drawn.
fn holders(button: &Element) -> Vec<web_sys::HtmlElement> {
    let mut out = Vec::new();
    let mut from = button.parent_element();
    while let Some(el) = from.and_then(|f| f.closest("[tabindex='-1']").ok().flatten()) {
        from = el.parent_element();
        out.extend(el.dyn_into::<web_sys::HtmlElement>().ok());
    }
    out
}

/// Once a fix is drawn, the nearest holder still on the page takes the
/// focus back: the one it moved (a rule card moved up), or, when the fix
/// removed it (a card's last finding's list), the card around it; failing
/// all, the page, so the keyboard user is never left at the top of the
/// document. A holder the fix moved out of the window is scrolled back
/// into it, as little as shows it.
async fn keep_holding(holders: Vec<web_sys::HtmlElement>) {
    crate::ui::sleep(0).await;
    let document = gloo::utils::document();
    let body: Option<Element> = document.body().map(Into::into);
    let nearest = web_sys::ScrollLogicalPosition::Nearest;
    if let Some(active) = (document.active_element()).filter(|a| Some(a) != body.as_ref()) {
        if holders
            .iter()
            .any(|h| AsRef::<Element>::as_ref(h) == &active)
        {
            super::buttons::scroll_to(&active, nearest);
        }
        return;
    }
    let kept = holders.into_iter().find(|h| h.is_connected());
    if let Some(kept) = &kept {
        focus_quietly(kept);
        super::buttons::scroll_to(kept, nearest);
        return;
    }
    if let Some(main) = (document.get_element_by_id("main")).and_then(|m| m.dyn_into().ok()) {
        focus_quietly(&main);
    }
}

/// The help, a refusal and the findings under a control, with the id its
/// `aria-describedby` names.
pub(super) fn field_notes(
    id: &str,
    help: &AttrValue,
    error: Option<AttrValue>,
    (findings, on_fix): (&[Diagnostic], Option<&Callback<Edit>>),
) -> Html {
    html! {
        <div id={format!("{id}-notes")} class="field-notes">
            if !help.is_empty() { <p class="help">{ help.clone() }</p> }
            if let Some(error) = error {
                <p class="finding error" role="alert">{ error }</p>
            }
            for d in findings.iter() {
                <p class={classes!("finding", severity_class(d.severity))}>
                    { d.message.clone() }
                    if !d.hint.is_empty() { { " " }<span class="hint">{ super::hint_text(&d.hint) }</span> }
                    if let Some(on_edit) = on_fix {
                        <FixButton finding={std::rc::Rc::new(d.clone())} on_edit={on_edit.clone()} />
                    }
                </p>
            }
        </div>
    }
}
