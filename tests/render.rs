//! Leaf components rendered to HTML natively, with made-up props.
#![cfg(feature = "ui")]

use std::rc::Rc;

use switchyard::diagnostic::Diagnostic;
use switchyard::plan::model::Plan;
use switchyard::plan::routing::route;
use switchyard::plan::sample::sample_plan;
use switchyard::plan::state::{Notice, Tone};
use switchyard::ui::views::journeys::{JourneyTable, JourneyTableProps};
use switchyard::ui::views::overview::{Overview, OverviewProps};
use switchyard::ui::views::problems::{Problems, ProblemsProps};
use switchyard::ui::views::rules::{RuleCard, RuleCardProps};
use switchyard::ui::*;
use yew::LocalServerRenderer;

async fn render<C>(props: C::Properties) -> String
where
    C: yew::BaseComponent,
{
    LocalServerRenderer::<C>::with_props(props)
        .hydratable(false)
        .render()
        .await
}

/// The overview of a plan.
async fn overview(plan: Plan) -> String {
    let plan = Rc::new(plan);
    let routing = Rc::new(route(&plan));
    render::<Overview>(OverviewProps {
        plan,
        routing,
        findings: Vec::new(),
    })
    .await
}

#[tokio::test]
async fn overview_shows_lanes_with_volume_and_share() {
    let html = overview(sample_plan()).await;
    assert!(
        html.contains("3 lanes · 12 journeys · 42,250 messages a day"),
        "{html}"
    );
    for text in [
        "Transactional",
        "Revenue flows",
        "Promotional",
        "4,250",
        "11,000",
        "27,000",
        "63.9% of volume",
        "Cart recovery",
    ] {
        assert!(html.contains(text), "missing {text}");
    }
    assert!(html.contains("aria-label=\"Share of daily volume by lane\""));
    assert!(
        !html.contains("Unrouted"),
        "nothing is unrouted in the sample"
    );
}

#[tokio::test]
async fn overview_collects_unrouted_journeys() {
    let mut plan = sample_plan();
    plan.lanes.retain(|l| l.id != "promotional");
    let html = overview(plan).await;
    assert!(html.contains("Unrouted"));
    assert!(html.contains("Weekly promotion"));
}

/// The journeys table of the sample plan with the given filters.
async fn journey_table(lane_filter: &str, intent_filter: &str, open: Option<&str>) -> String {
    let plan = Rc::new(sample_plan());
    let routing = Rc::new(route(&plan));
    render::<JourneyTable>(JourneyTableProps {
        plan,
        routing,
        findings: Default::default(),
        lane_filter: lane_filter.into(),
        intent_filter: intent_filter.into(),
        open: open.map(str::to_string),
    })
    .await
}

#[tokio::test]
async fn journey_table_shows_lanes_reasons_and_filters() {
    let all = journey_table("", "", None).await;
    assert!(all.contains("Showing 12 of 12 journeys."));
    assert!(all.contains("Rule 2: Cart and checkout recovery"));
    let filtered = journey_table("transactional", "", Some("login-code")).await;
    assert!(filtered.contains("Showing 3 of 12 journeys."));
    assert!(!filtered.contains("Cart recovery"));
    assert!(
        filtered.contains("journey-editor-login-code"),
        "the open journey shows its editor"
    );
    let by_intent = journey_table("", "winback", None).await;
    assert!(by_intent.contains("Showing 1 of 12 journeys."));
    let unrouted = journey_table("__unrouted", "", None).await;
    assert!(unrouted.contains("Showing 0 of 12 journeys."));
}

#[tokio::test]
async fn user_text_is_escaped() {
    let mut plan = sample_plan();
    plan.journeys[0].name = "<img src=x onerror=alert(1)>".into();
    let html = overview(plan).await;
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[tokio::test]
async fn rule_card_lists_what_it_catches_and_its_problems() {
    let plan = sample_plan();
    let rule = plan.rules[1].clone();
    let html = render::<RuleCard>(RuleCardProps {
        rule,
        index: 1,
        count: 4,
        lanes: plan
            .lanes
            .iter()
            .map(|l| (l.id.clone(), l.name.clone()))
            .collect(),
        caught: vec!["Cart recovery".into(), "Checkout recovery".into()],
        findings: vec![Diagnostic::warning(
            "routing.rule_shadowed",
            "$.rules[1].when",
            "Rule 2 can never match.",
        )
        .hint("Move it up.")],
    })
    .await;
    assert!(
        html.contains("Catches 2: </strong>Cart recovery, Checkout recovery"),
        "{html}"
    );
    assert!(html.contains("Rule 2 can never match."));
    assert!(
        html.contains("Move rule Cart and checkout recovery up"),
        "labelled arrange buttons"
    );
    assert!(
        html.contains("<label for=\"rule-rule-recovery-name\">"),
        "inputs have labels"
    );
}

#[tokio::test]
async fn problems_link_each_finding() {
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
    let html = render::<Problems>(ProblemsProps { findings }).await;
    assert!(html.contains("1 errors · 0 warnings · 1 notes"));
    assert!(html.contains("$.rules[0].lane"));
    assert_eq!(html.matches(">Open</button>").count(), 2);
    // The page opens what each button's data-open names.
    assert!(html.contains("data-open=\"$.journeys[1]\""));
    let none = render::<Problems>(ProblemsProps { findings: vec![] }).await;
    assert!(none.contains("No problems found"));
}

#[tokio::test]
async fn notices_are_announced() {
    let notice = Notice {
        tone: Tone::Error,
        text: "Import refused: bad.".into(),
        details: vec!["Where: line 3".into()],
    };
    let html = render::<NoticeBar>(NoticeBarProps {
        notice,
        on_dismiss: Default::default(),
    })
    .await;
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains("Where: line 3"));
    assert!(html.contains("aria-label=\"Dismiss message\""));
}
