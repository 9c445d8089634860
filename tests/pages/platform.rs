//! The platform page: the platform and its fallback lane, Customer.io's
//! servers and conflicts, the lane × platform table, the steps and every
//! vendor file's buttons.

use switchyard::plan::model::{enum_key, Plan, Platform, Provider, Smtp};
use switchyard::plan::sample::sample_plan;
use switchyard::platform::export::ExportKind;
use switchyard::review::findings::findings;
use switchyard::ui::pages::platform::PlatformPage;

use super::support::{
    element, escape_text, every_control_labelled, no_behaviour_attributes, no_injected_markup,
    props, render, selected, today,
};

async fn platform(plan: Plan) -> String {
    render::<PlatformPage>(props(plan)).await
}

#[tokio::test]
async fn the_sample_shows_its_customer_io_servers_in_order() {
    let plan = sample_plan();
    let html = platform(plan.clone()).await;
    assert_eq!(
        selected(&html, "platform-kind"),
        enum_key(Platform::CustomerIo)
    );
    assert_eq!(selected(&html, "platform-all-emails"), "transactional");
    let servers = element(&html, "cio-servers", "table");
    let rows: Vec<&str> = servers.split("<tr").skip(2).collect();
    assert_eq!(rows.len(), 4, "{servers}");
    assert!(rows[0].contains("All Emails") && rows[0].contains("Transactional"));
    assert!(rows[0].contains("smtp.postmarkapp.com:2525"));
    for (row, kind) in rows[1..]
        .iter()
        .zip(["Segment Triggered", "Event Triggered", "Newsletters"])
    {
        assert!(row.contains(kind), "{row}");
    }
    assert!(html.contains("Every journey can go to its planned lane on Customer.io."));
    every_control_labelled(&html, "platform-kind");
    every_control_labelled(&html, "platform-all-emails");
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn a_journey_on_the_wrong_lane_is_a_conflict_with_one_fix() {
    let mut plan = sample_plan();
    let welcome = plan
        .journeys
        .iter_mut()
        .find(|j| j.id == "welcome")
        .unwrap();
    welcome.lane_override = Some("promotional".to_string());
    let html = platform(plan).await;
    let conflicts = element(&html, "cio-conflicts", "ul");
    assert!(
        conflicts.contains("Welcome series (Event Triggered) cannot go to Promotional"),
        "{conflicts}"
    );
    let section = element(&html, "cio-conflicts", "div");
    assert_eq!(
        section.matches("class=\"fix\"").count(),
        1,
        "one button for the whole fix"
    );
}

#[tokio::test]
async fn vendor_notes_are_listed_apart_from_the_findings_problems_counts() {
    let plan = sample_plan();
    let html = platform(plan.clone()).await;
    let premium = "Customer.io offers more than one on its Premium plan";
    let notes = element(&html, "vendor-notes", "section");
    assert!(notes.contains(premium), "{notes}");
    assert!(notes.contains("Problems does not count them"));
    let before = &html[..html.find("id=\"vendor-notes\"").expect("the notes")];
    assert!(!before.contains(premium), "not among the platform findings");
    let counted = findings(&plan, today(), None).all;
    assert!(counted.iter().all(|d| d.code != "platform.cio_premium"));

    // A plan no vendor has a note on shows no notes section.
    let mut plain = plan;
    plain.platform.kind = Platform::OwnCode;
    for lane in &mut plain.lanes {
        lane.smtp.provider = Provider::Custom;
    }
    assert!(!platform(plain).await.contains("id=\"vendor-notes\""));
}

#[tokio::test]
async fn a_plan_sent_by_its_own_code_has_no_customer_io_section() {
    let mut plan = sample_plan();
    plan.platform.kind = Platform::OwnCode;
    let html = platform(plan).await;
    assert_eq!(
        selected(&html, "platform-kind"),
        enum_key(Platform::OwnCode)
    );
    assert!(!html.contains("id=\"cio-servers\""));
    assert!(!html.contains("id=\"platform-all-emails\""));
}

#[tokio::test]
async fn every_lane_has_a_row_against_every_platform() {
    let plan = sample_plan();
    let html = platform(plan.clone()).await;
    let fit = element(&html, "platform-fit", "table");
    for lane in &plan.lanes {
        assert!(
            fit.contains(&format!("<th scope=\"row\">{}</th>", lane.name)),
            "{}",
            lane.id
        );
    }
    for label in [
        "Customer.io",
        "SendGrid",
        "Amazon SES",
        "Postmark",
        "Mailgun",
        "KumoMTA",
        "listmonk",
    ] {
        assert!(fit.contains(label), "{label}");
    }
    assert!(fit.contains("As planned"));
    assert!(html.contains("Steps on Customer.io"));
}

/// The sample plan's steps per platform: (section, what it lists, what
/// it must not).
fn step_cases() -> Vec<(&'static str, Vec<&'static str>, Vec<&'static str>)> {
    vec![
        (
            "steps-send_grid",
            vec![
                "For the lanes that send through SendGrid.",
                "Revenue flows: Create the IP pool “flows” and add 198.51.100.10.",
            ],
            vec!["Transactional:", "Promotional:", "203.0.113.10", "receipts."],
        ),
        (
            "steps-amazon_ses",
            vec!["Promotional: Create the dedicated IP pool", "203.0.113.10, 203.0.113.11"],
            vec!["Transactional:", "Revenue flows:", "198.51.100.10"],
        ),
        (
            "steps-postmark",
            vec!["Transactional: Add receipts.fernleafcoffee.com as a sender domain"],
            vec!["Revenue flows:", "Promotional:"],
        ),
        (
            // Customer.io sends every lane's mail through that lane's server.
            "steps-customer_io",
            vec!["Transactional: Add server 1", "Revenue flows:", "Promotional:"],
            vec![],
        ),
        (
            // No lane is on Mailgun: every lane, without another vendor's IPs.
            "steps-mailgun",
            vec!["No lane sends through Mailgun; these steps set up every lane there for comparison.", "Transactional:", "Revenue flows:", "Promotional:"],
            vec!["198.51.100.10", "203.0.113.10"],
        ),
    ]
}

#[tokio::test]
async fn each_platforms_steps_cover_only_its_own_lanes() {
    let html = platform(sample_plan()).await;
    for (id, holds, never) in step_cases() {
        let steps = element(&html, id, "ol");
        for text in holds {
            assert!(steps.contains(text), "{id} lacks {text}: {steps}");
        }
        for text in never {
            assert!(!steps.contains(text), "{id} holds {text}: {steps}");
        }
    }
    assert!(!html.contains("id=\"steps-elsewhere\""));
}

#[tokio::test]
async fn a_lane_on_an_unknown_provider_is_named_below_the_steps() {
    let mut plan = sample_plan();
    plan.lanes[0].smtp = Smtp::from_preset(Provider::SparkPost);
    let html = platform(plan).await;
    let elsewhere = element(&html, "steps-elsewhere", "ul");
    assert!(
        elsewhere.contains("Transactional sends through SparkPost, which has no steps here"),
        "{elsewhere}"
    );
    // Postmark now sends no lane, so its steps are for comparison.
    let postmark = element(&html, "steps-postmark", "ol");
    assert!(postmark.contains("for comparison"), "{postmark}");
}

#[tokio::test]
async fn every_vendor_file_has_a_download_and_a_copy_button() {
    let html = platform(sample_plan()).await;
    for kind in ExportKind::ALL {
        let name = kind.file_name();
        assert!(
            html.contains(&format!(">Download {name}</button>")),
            "{name}"
        );
        assert!(
            html.contains(&format!("aria-label=\"Copy {name}\"")),
            "{name}"
        );
    }
}

#[tokio::test]
async fn names_with_markup_show_as_text() {
    let mut plan = sample_plan();
    plan.lanes[0].name = "<script>alert(1)</script>".to_string();
    plan.journeys[0].name = "<img src=x>".to_string();
    let html = platform(plan).await;
    no_injected_markup(&html);
}

#[tokio::test]
async fn no_all_emails_lane_opens_the_select_that_chooses_it() {
    use switchyard::review::place::{place_of_finding, Place};
    use switchyard::ui::pages::platform::ALL_EMAILS_CONTROL;
    let mut plan = sample_plan();
    plan.platform.all_emails_lane = None;
    let page = props(plan.clone());
    let finding = (page.findings.all.iter())
        .find(|d| d.code == "platform.cio_no_all_emails")
        .cloned()
        .expect("no All Emails lane");
    // Open lands on the select the finding asks to set, not the heading.
    assert_eq!(place_of_finding(&plan, &[], &finding), Place::AllEmailsLane);
    let html = render::<PlatformPage>(page).await;
    assert_eq!(ALL_EMAILS_CONTROL, "platform-all-emails");
    assert_eq!(selected(&html, ALL_EMAILS_CONTROL), "");
    every_control_labelled(&html, ALL_EMAILS_CONTROL);
}

/// The sample moving its promotional lane onto a copy of it, “Promotions
/// 2”, warming up from 2027-09-06, on a ramp that completes on
/// 2027-09-17; `cut` routes the promotions there already.
fn promotions_moving(cut: bool) -> Plan {
    use switchyard::plan::model::Migration;
    let mut plan = sample_plan();
    let mut lane = plan.lanes[2].clone();
    lane.id = "promotional-2".into();
    lane.name = "Promotions 2".into();
    plan.lanes.push(lane);
    plan.migrations.push(Migration {
        name: "Promotions to the new pool".into(),
        start_date: "2027-09-06".into(),
        ..Migration::new("promotions-move", "promotional", "promotional-2")
    });
    if cut {
        for j in plan.journeys.iter_mut().filter(|j| j.intent.is_broadcast()) {
            j.lane_override = Some("promotional-2".into());
        }
    }
    plan
}

/// The page on `day`, with what the shell derives on that day.
async fn platform_on(plan: Plan, day: &str) -> String {
    use std::rc::Rc;
    let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    let mut page = props(plan.clone());
    page.findings = Rc::new(findings(&plan, day, None));
    page.today = day;
    render::<PlatformPage>(page).await
}

/// A move cut over before it completes still sends through the old lane's
/// server until then, as its split and the calendars have it: the page
/// shows the servers, steps and findings it showed before the cutover.
/// From the day the move completes the old lane's server is gone.
#[tokio::test]
async fn a_move_cut_over_early_keeps_its_customer_io_setup_until_it_completes() {
    let old_server = "Promotional: Add server 4, “Promotional (Newsletters)”";
    // Past four servers, the old lane's server changes in place.
    let new_server = "rename it “Promotions 2 (Newsletters)”, rather than add a server";
    let five = "the plan would have 5 Customer.io SMTP servers";
    let nothing = "Nothing on the platforms stops this plan.";
    let parts = |html: &str| {
        [
            element(html, "cio-servers", "table").to_string(),
            element(html, "steps-customer_io", "ol").to_string(),
        ]
    };
    let before = platform_on(promotions_moving(false), "2027-09-10").await;
    // (what, cut over, the day, whether the old lane keeps its server)
    let cases = [
        ("before the cutover", false, "2027-09-10", true),
        ("cut over before the move starts", true, "2027-08-01", true),
        (
            "cut over while the move is under way",
            true,
            "2027-09-10",
            true,
        ),
        (
            "cut over, on the day it completes",
            true,
            "2027-09-17",
            false,
        ),
    ];
    for (what, cut, day, kept) in cases {
        let html = platform_on(promotions_moving(cut), day).await;
        assert_eq!(parts(&html) == parts(&before), kept, "{what}");
        let steps = element(&html, "steps-customer_io", "ol");
        assert_eq!(
            steps.contains(&escape_text(old_server)),
            kept,
            "{what}: {steps}"
        );
        assert_eq!(
            steps.contains(&escape_text(new_server)),
            kept,
            "{what}: {steps}"
        );
        assert!(steps.contains("add the 4 servers"), "{what}: {steps}");
        assert_eq!(html.contains(five), kept, "{what}");
        assert_eq!(html.contains(nothing), !kept, "{what}");
        if !kept {
            let none = "Promotional: Add no server: none of the plan's mail goes through Promotional on Customer.io.";
            assert!(steps.contains(&escape_text(none)), "{what}: {steps}");
        }
    }
}
