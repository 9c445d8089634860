//! The message bar, the message about saved plans that could not be read,
//! and the two-tab conflict banner.

use yew::prelude::*;

use crate::plan::state::{Conflict, Notice, Resolution, Tone};
use crate::plan::storage::DamagedCopy;
use crate::ui::fields::focus_id;

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub notice: Notice,
    pub on_dismiss: Callback<MouseEvent>,
    /// Opens the part of the plan the notice is about, when it names one.
    #[prop_or_default]
    pub on_show: Option<Callback<MouseEvent>>,
}

#[component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let (class, role) = match props.notice.tone {
        Tone::Error => ("notice error", "alert"),
        Tone::Success => ("notice success", "status"),
        Tone::Info => ("notice info", "status"),
    };
    // The × goes with the message, so the focus moves on to the page.
    let dismiss = {
        let on_dismiss = props.on_dismiss.clone();
        Callback::from(move |e: MouseEvent| {
            focus_id("main");
            on_dismiss.emit(e);
        })
    };
    html! {
        <div class={class} role={role} id="notice">
            <div>
                <p class="notice-text">
                    { props.notice.text.clone() }
                    if let Some(on_show) = props.on_show.clone() {
                        { " " }<button type="button" class="link" id="notice-show" onclick={on_show}>{ "Show" }</button>
                    }
                </p>
                if !props.notice.details.is_empty() {
                    <ul>
                        for detail in props.notice.details.iter() { <li>{ detail.clone() }</li> }
                    </ul>
                }
            </div>
            <button type="button" class="dismiss" onclick={dismiss} aria-label="Dismiss message">{ "×" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct DamagedBarProps {
    /// The saved plans that could not be read.
    pub copies: Vec<DamagedCopy>,
    /// Downloads them as they are and removes them from the browser.
    pub on_clear: Callback<MouseEvent>,
    pub on_dismiss: Callback<MouseEvent>,
}

/// The saved plans that could not be read, each by the name the user knows
/// it by, with a button that downloads and removes them. It is a message
/// of its own, so it stays while other messages come and go.
#[component]
pub fn DamagedBar(props: &DamagedBarProps) -> Html {
    let (text, button) = match props.copies.len() {
        1 => (
            "A saved plan could not be read and was left as it is.".to_string(),
            "Download it as it is and remove it",
        ),
        n => (
            format!("{n} saved plans could not be read and were left as they are."),
            "Download them as they are and remove them",
        ),
    };
    // The buttons go with the message, so the focus moves on to the page.
    let and_leave = |cb: &Callback<MouseEvent>| {
        let cb = cb.clone();
        Callback::from(move |e: MouseEvent| {
            focus_id("main");
            cb.emit(e);
        })
    };
    html! {
        <div class="notice error" role="alert" id="damaged">
            <div>
                <p class="notice-text">{ text }</p>
                <ul>
                    for copy in props.copies.iter() {
                        <li>{ format!("{}: {}", copy.label(), copy.problem) }</li>
                    }
                </ul>
                <p>{ "The download keeps each copy's text as it was, to mend by hand; it is not a plan file to import." }</p>
                <button type="button" id="damaged-clear" onclick={and_leave(&props.on_clear)}>{ button }</button>
            </div>
            <button type="button" class="dismiss" onclick={and_leave(&props.on_dismiss)}
                aria-label="Dismiss the message about plans that could not be read">{ "×" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ConflictBannerProps {
    pub conflict: Conflict,
    pub plan_name: AttrValue,
    /// The first difference between this tab's version and the other's,
    /// in words; empty when there is none to tell (a deletion).
    #[prop_or_default]
    pub differs: AttrValue,
    pub on_resolve: Callback<Resolution>,
}

#[component]
pub fn ConflictBanner(props: &ConflictBannerProps) -> Html {
    // The banner goes with the answer, so the focus moves on to the page.
    let resolve = |r: Resolution| {
        let cb = props.on_resolve.clone();
        Callback::from(move |_: MouseEvent| {
            focus_id("main");
            cb.emit(r)
        })
    };
    let what = match (&props.conflict.theirs, props.conflict.tie) {
        (Some(_), true) => "was saved in another tab at the same moment as in this one",
        (Some(_), false) => "was changed in another tab while this tab had unsaved edits",
        (None, _) => "was deleted in another tab while this tab had unsaved edits",
    };
    html! {
        <div class="notice conflict" role="alert" id="conflict">
            <p class="notice-text">
                // Named, since the user may have opened another plan since.
                { match props.plan_name.trim() {
                    "" => format!("This plan {what}. Saving is paused so neither version is lost."),
                    name => format!("The plan “{name}” {what}. Saving is paused so neither version is lost."),
                } }
            </p>
            if !props.differs.is_empty() {
                <p id="conflict-differs">{ props.differs.clone() }</p>
            }
            <div class="row">
                <button type="button" onclick={resolve(Resolution::TakeTheirs)}>
                    { if props.conflict.theirs.is_some() { "Load the other tab's version" } else { "Accept the deletion" } }
                </button>
                <button type="button" class="primary" onclick={resolve(Resolution::KeepMine)}>{ "Keep this tab's version" }</button>
            </div>
        </div>
    }
}
