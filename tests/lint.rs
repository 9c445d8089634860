//! Plan lint: for each common mistake, a plan that makes it and the sample,
//! which does not.

use switchyard::diagnostic::{Diagnostic, Fix, Severity};
use switchyard::edits::fix_edit;
use switchyard::plan::model::*;
use switchyard::plan::routing::route;
use switchyard::plan::sample::sample_plan;
use switchyard::plan::state::edit_plan;
use switchyard::plan::validate::validate;
use switchyard::review::lint::{lint, standard_preferences};

fn codes(plan: &Plan) -> Vec<String> {
    lint(plan, &route(plan))
        .into_iter()
        .map(|d| d.code.to_string())
        .collect()
}

fn journey(plan: &Plan, id: &str) -> usize {
    plan.journeys.iter().position(|j| j.id == id).unwrap()
}

#[test]
fn the_sample_plan_is_clean() {
    assert_eq!(codes(&sample_plan()), Vec::<String>::new());
}

/// Every finding about the plan: validation, routing and lint.
fn all_findings(plan: &Plan) -> Vec<Diagnostic> {
    let routing = route(plan);
    let mut all = validate(plan);
    all.extend(routing.diagnostics.iter().cloned());
    all.extend(lint(plan, &routing));
    all
}

type Break = fn(&mut Plan);

/// (code, how to make the mistake, whether the finding offers a fix).
fn cases() -> Vec<(&'static str, Break, bool)> {
    vec![
        (
            "lint.promos_with_recovery",
            |p| {
                let i = journey(p, "weekly-promo");
                p.journeys[i].lane_override = Some("revenue-flows".into());
            },
            true,
        ),
        (
            "lint.transactional_on_marketing",
            |p| {
                let i = journey(p, "order-confirmation");
                p.journeys[i].lane_override = Some("promotional".into());
            },
            true,
        ),
        (
            "lint.marketing_on_transactional",
            |p| {
                let i = journey(p, "weekly-promo");
                p.journeys[i].lane_override = Some("transactional".into());
            },
            true,
        ),
        (
            "lint.clean_lane_too_big",
            |p| {
                let i = journey(p, "order-confirmation");
                p.journeys[i].daily_volume = 40_000;
            },
            false,
        ),
        (
            "lint.clean_lane_too_big",
            |p| {
                // Marketing on the clean lane makes it big; the fix moves it out.
                let i = journey(p, "weekly-promo");
                p.journeys[i].lane_override = Some("transactional".into());
            },
            true,
        ),
        (
            "lint.promo_without_filter",
            |p| {
                p.lanes[2].engagement_filter = EngagementFilter::None;
            },
            true,
        ),
        (
            "lint.cold_audience_on_warming_lane",
            |p| {
                let i = journey(p, "weekly-promo");
                p.journeys[i].audience = Audience::All;
            },
            true,
        ),
        (
            "lint.latency_over_delay",
            |p| {
                let i = journey(p, "cart-recovery");
                if let Trigger::Event {
                    latency_minutes, ..
                } = &mut p.journeys[i].trigger
                {
                    *latency_minutes = 240;
                }
            },
            true,
        ),
        ("lint.no_fallback", |p| p.simulation.fallbacks.clear(), true),
        (
            "lint.from_name",
            |p| p.lanes[1].from_name = "Deals Team".into(),
            true,
        ),
        (
            "lint.from_domain",
            |p| p.lanes[1].from_address = "hi@othershop.example".into(),
            true,
        ),
        (
            "lint.no_thresholds",
            |p| {
                p.monitoring.thresholds.remove(1);
            },
            true,
        ),
        (
            "lint.seed_inbox_rate",
            |p| {
                p.checklist.seeds[0].gmail = Placement::Spam;
                p.checklist.seeds[0].outlook = Placement::Missing;
            },
            false,
        ),
        (
            "lint.unsubscribe_suppresses_transactional",
            |p| {
                p.preferences.topics[2]
                    .suppresses
                    .insert(0, "transactional".into());
            },
            true,
        ),
        (
            "lint.topic_suppresses_nothing",
            |p| p.preferences.topics[1].suppresses.clear(),
            false,
        ),
        (
            "lint.no_preference_topics",
            |p| p.preferences.topics.clear(),
            true,
        ),
        (
            "lint.lane_not_suppressible",
            |p| {
                for topic in &mut p.preferences.topics {
                    topic.suppresses.retain(|l| l != "revenue-flows");
                }
            },
            true,
        ),
        (
            "lint.no_one_click",
            |p| p.preferences.one_click_lanes.clear(),
            true,
        ),
        (
            "lint.unsubscribe_slow",
            |p| p.preferences.processing_days = 10,
            true,
        ),
        (
            "routing.by_team",
            |p| p.rules[0].when.owning_teams = vec!["Lifecycle".into()],
            true,
        ),
        ("warmup.missing", |p| p.lanes[2].warmup = None, true),
    ]
}

#[test]
fn each_mistake_is_found_and_its_fix_clears_it() {
    for (code, make, has_fix) in cases() {
        let mut plan = sample_plan();
        make(&mut plan);
        let found = all_findings(&plan);
        let finding = found.iter().find(|d| d.code == code);
        assert!(
            finding.is_some(),
            "{code}: {:?}",
            found.iter().map(|d| &d.code).collect::<Vec<_>>()
        );
        let finding = finding.unwrap();
        assert!(
            finding.path.starts_with("$."),
            "{code} points into the plan"
        );
        assert!(!finding.hint.is_empty(), "{code} says how to fix it");
        assert_eq!(finding.fix.is_some(), has_fix, "{code}: fix offered");
        let Some(fix) = &finding.fix else { continue };
        let edit =
            fix_edit(&plan, fix, "2026-11-29").unwrap_or_else(|| panic!("{code}: fix applies"));
        let mut fixed = plan.clone();
        edit_plan(&mut fixed, edit);
        let after = all_findings(&fixed);
        assert!(
            after
                .iter()
                .all(|d| d.code != code || d.message != finding.message),
            "{code}: the fix {:?} clears it, left {:?}",
            fix.label,
            after
                .iter()
                .filter(|d| d.code == code)
                .map(|d| &d.message)
                .collect::<Vec<_>>()
        );
        assert!(
            after
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count()
                <= found
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count(),
            "{code}: the fix adds no errors"
        );
    }
}

#[test]
fn a_fix_that_no_longer_applies_changes_nothing() {
    let plan = sample_plan();
    let fix = Fix {
        label: "Move it".into(),
        edits: vec![("journey:gone:lane_override".into(), "promotional".into())],
    };
    assert_eq!(fix_edit(&plan, &fix, "2026-11-29"), None);
}

#[test]
fn the_standard_topics_suppress_marketing_but_never_transactional_mail() {
    let plan = sample_plan();
    let standard = standard_preferences(&plan);
    let mut fixed = plan.clone();
    fixed.preferences = standard.clone();
    assert_eq!(codes(&fixed), Vec::<String>::new());
    assert!(standard
        .topics
        .iter()
        .all(|t| !t.suppresses.contains(&"transactional".to_string())));
    assert_eq!(standard.processing_days, 2);
}
