//! The problems page: every finding with its place and its fix.

use std::rc::Rc;

use switchyard::plan::diagnostic::{Diagnostic, Fix};
use switchyard::plan::edit::Edit;
use switchyard::plan::model::Plan;
use switchyard::plan::sample::sample_plan;
use switchyard::ui::pages::problems::ProblemsPage;
use switchyard::ui::pages::PageProps;

use super::support::{no_behaviour_attributes, no_injected_markup, props, render};

/// The page for the sample plan with `all` as its findings.
fn with_findings(all: Vec<Diagnostic>) -> PageProps {
    let mut p = props(sample_plan());
    let mut findings = (*p.findings).clone();
    findings.all = all;
    p.findings = Rc::new(findings);
    p
}

#[tokio::test]
async fn each_finding_has_its_place_and_an_open_button() {
    let findings = vec![
        Diagnostic::error(
            "plan.dangling_lane",
            "$.rules[0].lane",
            "It refers to the lane “x”.",
        )
        .hint("Use an existing lane."),
        Diagnostic::info("routing.falls_through", "$.journeys[1]", "Falls through.")
            .hint("Add a rule."),
    ];
    let html = render::<ProblemsPage>(with_findings(findings)).await;
    assert!(html.contains("1 error · 0 warnings · 1 note"), "{html}");
    // The place in words, with the JSON path for those who want it.
    assert!(html.contains("<span title=\"$.rules[0].lane\">Rule “Receipts, shipping and login codes” › lane</span>"), "{html}");
    assert!(html.contains("<span title=\"$.journeys[1]\">Journey “Shipping updates”</span>"));
    assert!(html.contains("Use an existing lane."));
    assert!(html.contains("class=\"problem error\""));
    assert!(html.contains("class=\"problem info\""));
    assert_eq!(html.matches(">Open</button>").count(), 2);
    // Each Open button is named by its place, so a list of them reads apart.
    assert!(
        html.contains("aria-label=\"Open Journey “Shipping updates”\""),
        "{html}"
    );
    assert!(html.contains("aria-label=\"Open Rule “Receipts, shipping and login codes” › lane\""));
    assert!(!html.contains("class=\"fix\""), "no fix without one");
}

#[tokio::test]
async fn a_seed_tests_finding_is_placed_at_its_row_as_the_checklist_names_it() {
    let findings = vec![Diagnostic::warning(
        "lint.seed_inbox_rate",
        "$.checklist.seeds[2]",
        "Revenue flows reached the inbox in 2 of 3 results.",
    )
    .hint("Test again.")];
    let html = render::<ProblemsPage>(with_findings(findings)).await;
    let place = "Checklist › seed-list tests › Revenue flows seed test 2";
    assert!(
        html.contains(&format!(
            "<span title=\"$.checklist.seeds[2]\">{place}</span>"
        )),
        "{html}"
    );
    assert!(html.contains(&format!("aria-label=\"Open {place}\"")));
}

#[tokio::test]
async fn a_finding_with_a_fix_offers_it() {
    let mut finding =
        Diagnostic::warning("brand.name_empty", "$.brand.name", "The brand has no name.");
    finding.fix = Some(Fix {
        label: "Name it Fernleaf".into(),
        edits: vec![Edit::SetBrandName("Fernleaf".into())],
    });
    let html = render::<ProblemsPage>(with_findings(vec![finding])).await;
    assert!(html.contains(">Fix: Name it Fernleaf</button>"), "{html}");
}

#[tokio::test]
async fn the_sample_plan_lists_every_finding() {
    let p = props(sample_plan());
    let count = p.findings.all.len();
    let html = render::<ProblemsPage>(p).await;
    assert_eq!(html.matches("class=\"problem ").count(), count);
    assert_eq!(html.matches(">Open</button>").count(), count);
}

#[tokio::test]
async fn no_findings_says_so() {
    let html = render::<ProblemsPage>(with_findings(Vec::new())).await;
    assert!(html.contains("No problems found in this plan."));
    assert!(html.contains("0 errors · 0 warnings · 0 notes"));
}

#[tokio::test]
async fn an_empty_plan_has_problems_to_show() {
    let html = render::<ProblemsPage>(props(Plan::empty("p"))).await;
    assert!(html.contains("The primary domain is not set."), "{html}");
}

#[tokio::test]
async fn user_text_is_escaped() {
    let mut plan = sample_plan();
    plan.lanes[0].sending_domain = "<script>alert(1)</script>".into();
    let html = render::<ProblemsPage>(props(plan)).await;
    no_injected_markup(&html);
    assert!(html.contains("&lt;script&gt;"));
}

#[tokio::test]
async fn no_behaviour_rides_in_attributes() {
    let mut plan = sample_plan();
    plan.brand.name.clear();
    let html = render::<ProblemsPage>(props(plan)).await;
    no_behaviour_attributes(&html);
}

/// After a fix, the focus goes to the problem that took the fixed one's
/// place, even when the fix changed that problem's message.
#[test]
fn a_fix_leaves_the_focus_on_the_problem_that_took_its_place() {
    use switchyard::ui::pages::problems::next_after_fix;
    let ids = |s: &str| -> Vec<String> { s.split_whitespace().map(String::from).collect() };
    // (before the fixed one, the list now, the index to focus)
    let cases = [
        // The next one moves up into the fixed one's place.
        ("a b", "a b d e", Some(2)),
        // The next one's message changed: it is still the one there.
        ("a b", "a b d2 e", Some(2)),
        // The fix cleared its neighbour too.
        ("a b", "a b e", Some(2)),
        // A new problem listed first does not take the focus.
        ("a b", "n a b d", Some(3)),
        // The fixed one was the last: the one before it.
        ("a b", "a b", Some(1)),
        // The fixed one stays: the focus stays on it.
        ("a", "a c d", Some(1)),
        // The fixed one was first, with problems left after it.
        ("", "d e", Some(0)),
        // Nothing is left: the list itself.
        ("", "", None),
    ];
    for (before, now, expected) in cases {
        assert_eq!(
            next_after_fix(&ids(before), &ids(now)),
            expected,
            "{before} / {now}"
        );
    }
}

#[tokio::test]
async fn an_address_in_a_hint_is_a_link_and_the_rest_stays_text() {
    let finding = Diagnostic::error("platform.cio", "$.platform", "Customer.io cannot build this plan.")
        .hint("Move the journey. Source: https://customer.io/docs/multiple-smtp-servers. <b>Not markup</b>");
    let html = render::<ProblemsPage>(with_findings(vec![finding])).await;
    assert!(
        html.contains("Move the journey. Source: <a href=\"https://customer.io/docs/multiple-smtp-servers\" target=\"_blank\" rel=\"noopener noreferrer\">https://customer.io/docs/multiple-smtp-servers</a>. &lt;b&gt;Not markup&lt;/b&gt;"),
        "{html}"
    );
    no_injected_markup(&html);
}

#[tokio::test]
async fn a_disagreement_between_reporters_is_placed_on_the_dmarc_reports_tab() {
    let finding = Diagnostic::warning(
        "dmarc_reports.reporters_disagree",
        "$.dmarc",
        "Reporters saw different DMARC policies.",
    );
    let html = render::<ProblemsPage>(with_findings(vec![finding])).await;
    // Its Open button goes there, and says so.
    assert!(
        html.contains(">DMARC reports › What receivers saw published</span>"),
        "{html}"
    );
    assert!(
        html.contains("aria-label=\"Open DMARC reports › What receivers saw published\""),
        "{html}"
    );
}

#[tokio::test]
async fn a_lanes_health_is_placed_at_its_card_on_the_monitoring_tab() {
    let findings = vec![
        Diagnostic::error(
            switchyard::monitor::findings::ACT,
            "$.lanes[2]",
            "Promotional needs action: complaints 0.50% reach the 0.3% action line.",
        )
        .hint("Follow the plan's fallback for the lane: Pause promotions on the lane."),
        Diagnostic::warning(
            switchyard::monitor::findings::WATCH,
            "$.lanes[1]",
            "Revenue flows is on watch: bounces 2.10% reach the 2% watch line.",
        ),
    ];
    let html = render::<ProblemsPage>(with_findings(findings)).await;
    assert!(html.contains("1 error · 1 warning · 0 notes"), "{html}");
    for (path, lane) in [
        ("$.lanes[2]", "Promotional"),
        ("$.lanes[1]", "Revenue flows"),
    ] {
        let place = format!("Monitoring › lane health › “{lane}”");
        assert!(
            html.contains(&format!("<span title=\"{path}\">{place}</span>")),
            "{html}"
        );
        assert!(
            html.contains(&format!("aria-label=\"Open {place}\"")),
            "{html}"
        );
    }
    assert!(!html.contains("class=\"fix\""), "no fix for delivery data");
}
