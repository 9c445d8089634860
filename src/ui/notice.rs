//! The message bar and the two-tab conflict banner.

use yew::prelude::*;

use crate::plan::state::{Conflict, Notice, Resolution, Tone};
use crate::ui::fields::focus_id;

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub notice: Notice,
    pub on_dismiss: Callback<MouseEvent>,
    /// Opens the part of the plan the notice is about, when it names one.
    #[prop_or_default]
    pub on_show: Option<Callback<MouseEvent>>,
    /// Downloads and removes the saved copies the notice says are damaged.
    #[prop_or_default]
    pub on_clear: Option<Callback<MouseEvent>>,
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
                if let Some(on_clear) = props.on_clear.clone().filter(|_| !props.notice.damaged.is_empty()) {
                    <button type="button" id="notice-clear" onclick={on_clear}>
                        { "Download them as they are and remove them" }
                    </button>
                }
            </div>
            <button type="button" class="dismiss" onclick={dismiss} aria-label="Dismiss message">{ "×" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ConflictBannerProps {
    pub conflict: Conflict,
    pub plan_name: AttrValue,
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
                { format!("This plan {what}. Saving is paused so neither version is lost.") }
            </p>
            <div class="row">
                <button type="button" onclick={resolve(Resolution::TakeTheirs)}>
                    { if props.conflict.theirs.is_some() { "Load the other tab's version" } else { "Accept the deletion" } }
                </button>
                <button type="button" class="primary" onclick={resolve(Resolution::KeepMine)}>{ "Keep this tab's version" }</button>
            </div>
        </div>
    }
}
