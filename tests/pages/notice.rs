//! The message bar: its words, and a Show button only when the message
//! names a part of the plan; and the message about saved plans that could
//! not be read.

use switchyard::plan::state::{Notice, Tone};
use switchyard::plan::storage::DamagedCopy;
use switchyard::ui::{DamagedBar, DamagedBarProps, NoticeBar, NoticeBarProps};
use yew::Callback;

use super::support::{render, tag};

fn notice(at: Option<&str>) -> Notice {
    Notice {
        tone: Tone::Info,
        text: "Undone: the journey “<b>Cart</b>” changed.".into(),
        details: vec![],
        at: at.map(str::to_string),
    }
}

#[tokio::test]
async fn a_notice_about_a_part_of_the_plan_offers_to_show_it() {
    let html = render::<NoticeBar>(NoticeBarProps {
        notice: notice(Some("$.journeys[1]")),
        on_dismiss: Callback::noop(),
        on_show: Some(Callback::noop()),
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
    })
    .await;
    assert!(!html.contains("notice-show"), "{html}");
}

fn copy(id: &str, name: Option<&str>) -> DamagedCopy {
    DamagedCopy {
        id: id.into(),
        name: name.map(str::to_string),
        problem: "the saved copy is damaged: it ends too soon".into(),
    }
}

/// The message names each plan as the user knows it, never by its id, and
/// says "it" for one plan and "them" for several.
#[tokio::test]
async fn unreadable_plans_are_named_and_offered_for_download() {
    // (copies, the message, its button, the plans as listed)
    let cases: [(Vec<DamagedCopy>, &str, &str, Vec<&str>); 3] = [
        (
            vec![copy("plan-2", Some("Acme (2)"))],
            "A saved plan could not be read and was left as it is.",
            "Download it as it is and remove it",
            vec!["“Acme (2)”: the saved copy is damaged: it ends too soon"],
        ),
        (
            vec![copy("plan-7", None)],
            "A saved plan could not be read and was left as it is.",
            "Download it as it is and remove it",
            vec!["A plan whose name cannot be read: the saved copy is damaged"],
        ),
        (
            vec![copy("plan-2", Some("<b>Acme</b>")), copy("plan-7", None)],
            "2 saved plans could not be read and were left as they are.",
            "Download them as they are and remove them",
            vec![
                "“&lt;b&gt;Acme&lt;/b&gt;”: the saved copy",
                "A plan whose name cannot be read: the saved copy",
            ],
        ),
    ];
    for (copies, text, button, listed) in cases {
        let html = render::<DamagedBar>(DamagedBarProps {
            copies,
            on_clear: Callback::noop(),
            on_dismiss: Callback::noop(),
        })
        .await;
        let bar = tag(&html, "damaged");
        assert!(bar.contains("role=\"alert\""), "{bar}");
        assert!(html.contains(&format!(">{text}</p>")), "{html}");
        assert!(tag(&html, "damaged-clear").starts_with("<button"), "{html}");
        assert!(html.contains(&format!(">{button}</button>")), "{html}");
        for line in listed {
            assert!(html.contains(&format!("<li>{line}")), "{line}: {html}");
        }
        assert!(
            !html.contains("plan-2") && !html.contains("plan-7"),
            "{html}"
        );
        assert!(
            html.contains("aria-label=\"Dismiss the message about plans that could not be read\""),
            "{html}"
        );
    }
}
