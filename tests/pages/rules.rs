//! The routing rules page: a card per rule with its conditions, lane, order
//! and what it catches, and the default lane.

use std::rc::Rc;

use switchyard::plan::diagnostic::Diagnostic;
use switchyard::plan::model::{Intent, Plan};
use switchyard::plan::sample::sample_plan;
use switchyard::ui::pages::rules::{RuleCard, RuleCardProps, RulesPage};
use yew::Callback;

use super::support::{
    attributes, checked, element, no_behaviour_attributes, no_injected_markup, props, render,
    selected, tag,
};

async fn rules(plan: Plan) -> String {
    render::<RulesPage>(props(plan)).await
}

#[tokio::test]
async fn a_rule_whose_name_was_cleared_says_it_is_unnamed() {
    let mut plan = sample_plan();
    plan.rules[0].name = " ".into();
    let html = rules(plan).await;
    assert!(
        html.contains("<span class=\"rule-number\">1.</span> (unnamed)</h3>"),
        "{html}"
    );
}

#[tokio::test]
async fn every_rule_has_its_card_with_the_plan_values() {
    let plan = sample_plan();
    let html = rules(plan.clone()).await;
    assert_eq!(html.matches("class=\"card rule-card\"").count(), 4);
    for (i, rule) in plan.rules.iter().enumerate() {
        let id = |f: &str| format!("rule-{}-{f}", rule.id);
        assert!(html.contains(&format!("id=\"rule-{}\"", rule.id)));
        assert!(html.contains(&format!("<span class=\"rule-number\">{}.</span>", i + 1)));
        assert_eq!(
            attributes(tag(&html, &id("name")), "value"),
            [rule.name.as_str()]
        );
        assert_eq!(selected(&html, &id("lane")), rule.lane);
        assert!(checked(&html, &id("enabled")));
        for (n, intent) in Intent::ALL.iter().enumerate() {
            let ticked = checked(&html, &format!("{}-{n}", id("intents")));
            assert_eq!(
                ticked,
                rule.when.intents.contains(intent),
                "{} {intent:?}",
                rule.id
            );
        }
        for field in ["min", "max", "tags"] {
            assert_eq!(attributes(tag(&html, &id(field)), "value"), [""], "{field}");
        }
        // Revenue bounds are amounts of money: number inputs, to the cent.
        for field in ["min", "max"] {
            let input = tag(&html, &id(field));
            assert_eq!(attributes(input, "type"), ["number"], "{field}");
            assert_eq!(attributes(input, "min"), ["0"], "{field}");
            assert_eq!(attributes(input, "step"), ["0.01"], "{field}");
            assert_eq!(attributes(input, "max"), ["1000000"], "{field}");
        }
    }
    // Arranging: the first cannot go up, the last cannot go down.
    assert!(tag(&html, "rule-rule-transactional-up").contains("aria-disabled=\"true\""));
    assert!(!tag(&html, "rule-rule-transactional-down").contains("aria-disabled=\"true\""));
    assert!(tag(&html, "rule-rule-broadcasts-down").contains("aria-disabled=\"true\""));
    assert!(!tag(&html, "rule-rule-broadcasts-up").contains("aria-disabled=\"true\""));
    assert!(
        checked(&html, "rule-rule-broadcasts-triggers-2"),
        "scheduled"
    );
    assert!(html.contains("id=\"add-rule\""));
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn revenue_bounds_show_to_the_cent() {
    let mut plan = sample_plan();
    plan.rules[0].when.min_revenue_per_recipient = Some(12.5);
    plan.rules[0].when.max_revenue_per_recipient = Some(0.0);
    let html = rules(plan.clone()).await;
    let id = |f: &str| format!("rule-{}-{f}", plan.rules[0].id);
    assert_eq!(attributes(tag(&html, &id("min")), "value"), ["12.50"]);
    assert_eq!(attributes(tag(&html, &id("max")), "value"), ["0.00"]);
}

#[tokio::test]
async fn each_rule_lists_the_journeys_it_catches() {
    let html = rules(sample_plan()).await;
    assert!(
        element(&html, "rule-rule-recovery-caught", "p")
            .contains("Catches 2: </strong>Cart recovery, Checkout recovery"),
        "{html}"
    );
    assert!(element(&html, "rule-rule-broadcasts-caught", "p")
        .contains("Catches 2: </strong>Weekly promotion, Roaster's newsletter"));
    let mut plan = sample_plan();
    plan.rules[1].enabled = false;
    let html = rules(plan).await;
    assert!(element(&html, "rule-rule-recovery-caught", "p").contains("Catches no journeys."));
    assert!(!checked(&html, "rule-rule-recovery-enabled"));
    assert!(html.contains("class=\"card rule-card disabled\""));
    assert!(element(&html, "default-lane", "section")
        .contains("Catches 2: Cart recovery, Checkout recovery"));
    // A rule whose lane is gone still catches its journeys, which then
    // have no lane.
    let mut plan = sample_plan();
    plan.rules[1].lane = "gone".into();
    let html = rules(plan).await;
    let caught = element(&html, "rule-rule-recovery-caught", "p");
    assert!(
        caught.contains("Catches 2: </strong>Cart recovery, Checkout recovery; its lane “gone” is missing, so they have no lane."),
        "{caught}"
    );
}

#[tokio::test]
async fn the_default_lane_is_selected_and_explained() {
    let html = rules(sample_plan()).await;
    assert_eq!(selected(&html, "default-lane-select"), "promotional");
    assert!(tag(&html, "default-lane").contains("tabindex=\"-1\""));
    assert!(element(&html, "default-lane", "section").contains("Catches no journeys."));

    let mut plan = sample_plan();
    plan.default_lane = None;
    let html = rules(plan).await;
    assert_eq!(selected(&html, "default-lane-select"), "");
    assert!(html.contains("The plan has no default lane."));

    let mut plan = sample_plan();
    plan.default_lane = Some("gone".into());
    let html = rules(plan).await;
    assert_eq!(selected(&html, "default-lane-select"), "gone");
    assert!(html.contains("Missing lane “gone”"));
    assert!(html.contains("The default lane (id “gone”) is no longer in the plan"));
}

#[tokio::test]
async fn findings_show_on_their_rule_with_the_fix() {
    let mut plan = sample_plan();
    plan.rules[2].when.owning_teams = vec!["Lifecycle".into()];
    plan.rules[1].lane = "gone".into();
    plan.rules[3].when.min_revenue_per_recipient = Some(5.0);
    plan.rules[3].when.max_revenue_per_recipient = Some(1.5);
    let html = rules(plan).await;
    let lifecycle = element(&html, "rule-rule-lifecycle", "article");
    assert!(
        lifecycle.contains("Fix: Remove the team condition"),
        "{lifecycle}"
    );
    assert!(lifecycle.contains("Owning team is any of: Lifecycle."));
    // The fix is the control a finding about the teams opens.
    assert!(lifecycle.contains(r#"id="rule-rule-lifecycle-teams""#));
    let recovery = element(&html, "rule-rule-recovery", "article");
    assert_eq!(selected(recovery, "rule-rule-recovery-lane"), "gone");
    assert!(recovery.contains("Missing lane “gone”"));
    assert!(
        recovery.contains("sends to the missing lane “gone”"),
        "{recovery}"
    );
    let broadcasts = element(&html, "rule-rule-broadcasts", "article");
    assert!(broadcasts.contains("its minimum revenue is above its maximum"));
    assert_eq!(
        attributes(tag(broadcasts, "rule-rule-broadcasts-min"), "value"),
        ["5.00"]
    );
    assert_eq!(
        attributes(tag(broadcasts, "rule-rule-broadcasts-max"), "value"),
        ["1.50"]
    );
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn a_lane_override_is_counted_above_the_rules() {
    let mut plan = sample_plan();
    plan.journeys[8].lane_override = Some("promotional".into());
    let html = rules(plan).await;
    assert!(html.contains("1 journey uses a lane override and skips these rules."));
    assert!(!element(&html, "rule-rule-lifecycle-caught", "p").contains("Winback"));
    plan = sample_plan();
    plan.journeys[7].lane_override = Some("promotional".into());
    plan.journeys[8].lane_override = Some("promotional".into());
    let html = rules(plan).await;
    assert!(html.contains("2 journeys use a lane override and skip these rules."));
}

#[tokio::test]
async fn a_rule_card_shows_its_problems_and_labels() {
    let plan = sample_plan();
    let html = render::<RuleCard>(RuleCardProps {
        rule: plan.rules[1].clone(),
        index: 1,
        count: 4,
        lanes: Rc::new(
            plan.lanes
                .iter()
                .map(|l| (l.id.clone().into(), l.name.clone().into()))
                .collect(),
        ),
        caught: vec!["Cart recovery".into(), "Checkout recovery".into()],
        findings: vec![Diagnostic::warning(
            "routing.rule_shadowed",
            "$.rules[1].when",
            "Rule 2 can never match.",
        )
        .hint("Move it up.")],
        deletion: yew::AttrValue::default(),
        on_asking: Callback::noop(),
        on_edit: Callback::noop(),
    })
    .await;
    assert!(
        html.contains("Catches 2: </strong>Cart recovery, Checkout recovery"),
        "{html}"
    );
    assert!(html.contains("Rule 2 can never match."));
    assert!(html.contains("Move it up."));
    assert!(
        html.contains("Move rule Cart and checkout recovery up"),
        "labelled arrange buttons"
    );
    assert!(html.contains("Delete rule Cart and checkout recovery"));
    assert!(
        html.contains("<label for=\"rule-rule-recovery-name\">"),
        "inputs have labels"
    );
    assert!(html.contains("<label for=\"rule-rule-recovery-intents-0\" class=\"check\">"));
    assert!(tag(&html, "rule-rule-recovery-min").contains("type=\"number\""));
    assert!(html.contains("<label for=\"rule-rule-recovery-min\">"));
}

#[tokio::test]
async fn a_rule_without_a_name_is_called_by_its_number() {
    let mut plan = sample_plan();
    plan.rules[2].name = " ".into();
    let html = rules(plan).await;
    assert!(html.contains("aria-label=\"Move rule 3 up\""), "{html}");
    assert!(html.contains("aria-label=\"Delete rule 3\""));
    assert!(html.contains("aria-label=\"Arrange rule 3\""));
    assert!(!html.contains("rule  "), "no label has a gap for the name");
}

#[tokio::test]
async fn an_empty_plan_invites_a_first_rule() {
    let html = rules(Plan::empty("p")).await;
    assert!(html.contains("No rules yet: every journey goes to the default lane."));
    assert_eq!(selected(&html, "default-lane-select"), "lane-1");
    assert!(!html.contains("rule-card"));
}

#[tokio::test]
async fn user_text_is_escaped() {
    let mut plan = sample_plan();
    plan.rules[0].name = "<script>alert(1)</script>".into();
    plan.rules[0].when.tags = vec!["\"><img src=x onerror=alert(1)>".into()];
    plan.journeys[0].name = "<img src=x onerror=alert(2)>".into();
    let html = rules(plan).await;
    no_injected_markup(&html);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[tokio::test]
async fn a_rule_lists_an_unnamed_journey_as_the_journeys_page_calls_it() {
    let mut plan = sample_plan();
    let cart = (plan.journeys.iter_mut())
        .find(|j| j.id == "cart-recovery")
        .unwrap();
    cart.name = String::new();
    let html = rules(plan).await;
    assert!(
        element(&html, "rule-rule-recovery-caught", "p")
            .contains("Catches 2: </strong>Unnamed journey, Checkout recovery"),
        "{html}"
    );
}
