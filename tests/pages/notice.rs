//! The message bar: its words, and a Show button only when the message
//! names a part of the plan.

use switchyard::plan::state::{Notice, Tone};
use switchyard::ui::{NoticeBar, NoticeBarProps};
use yew::Callback;

use super::support::{render, tag};

fn notice(at: Option<&str>) -> Notice {
    Notice {
        tone: Tone::Info,
        text: "Undone: the journey “<b>Cart</b>” changed.".into(),
        details: vec![],
        at: at.map(str::to_string),
        damaged: vec![],
    }
}

#[tokio::test]
async fn a_notice_about_a_part_of_the_plan_offers_to_show_it() {
    let html = render::<NoticeBar>(NoticeBarProps {
        notice: notice(Some("$.journeys[1]")),
        on_dismiss: Callback::noop(),
        on_show: Some(Callback::noop()),
        on_clear: None,
    })
    .await;
    assert!(
        html.contains("Undone: the journey “&lt;b&gt;Cart&lt;/b&gt;” changed."),
        "{html}"
    );
    assert!(tag(&html, "notice-show").starts_with("<button"), "{html}");
    assert!(tag(&html, "notice").contains("role=\"status\""));
}

#[tokio::test]
async fn a_notice_about_nothing_in_particular_has_no_show_button() {
    let html = render::<NoticeBar>(NoticeBarProps {
        notice: notice(None),
        on_dismiss: Callback::noop(),
        on_show: None,
        on_clear: Some(Callback::noop()),
    })
    .await;
    assert!(!html.contains("notice-show"), "{html}");
    // Nothing is damaged, so nothing is offered to clear.
    assert!(!html.contains("notice-clear"), "{html}");
}

#[tokio::test]
async fn a_notice_of_unreadable_copies_offers_to_download_and_remove_them() {
    let html = render::<NoticeBar>(NoticeBarProps {
        notice: Notice {
            tone: Tone::Error,
            damaged: vec!["plan-2".into()],
            ..notice(None)
        },
        on_dismiss: Callback::noop(),
        on_show: None,
        on_clear: Some(Callback::noop()),
    })
    .await;
    assert!(tag(&html, "notice-clear").starts_with("<button"), "{html}");
    assert!(
        html.contains(">Download them as they are and remove them</button>"),
        "{html}"
    );
    assert!(tag(&html, "notice").contains("role=\"alert\""));
}
