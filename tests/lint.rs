//! Plan lint: for each common mistake, a plan that makes it and the sample,
//! which does not.

use switchyard::lint::lint;
use switchyard::model::*;
use switchyard::routing::route;
use switchyard::sample::sample_plan;

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

#[test]
fn each_mistake_is_found() {
    type Break = fn(&mut Plan);
    let cases: [(&str, Break); 10] = [
        ("lint.promos_with_recovery", |p| {
            let i = journey(p, "weekly-promo");
            p.journeys[i].lane_override = Some("revenue-flows".into());
        }),
        ("lint.transactional_on_marketing", |p| {
            let i = journey(p, "order-confirmation");
            p.journeys[i].lane_override = Some("promotional".into());
        }),
        ("lint.marketing_on_transactional", |p| {
            let i = journey(p, "weekly-promo");
            p.journeys[i].lane_override = Some("transactional".into());
        }),
        ("lint.clean_lane_too_big", |p| {
            let i = journey(p, "order-confirmation");
            p.journeys[i].daily_volume = 40_000;
        }),
        ("lint.promo_without_filter", |p| {
            p.lanes[2].engagement_filter = EngagementFilter::None;
        }),
        ("lint.cold_audience_on_warming_lane", |p| {
            let i = journey(p, "weekly-promo");
            p.journeys[i].audience = Audience::All;
        }),
        ("lint.latency_over_delay", |p| {
            let i = journey(p, "cart-recovery");
            if let Trigger::Event {
                latency_minutes, ..
            } = &mut p.journeys[i].trigger
            {
                *latency_minutes = 240;
            }
        }),
        ("lint.no_fallback", |p| p.simulation.fallbacks.clear()),
        ("lint.from_name", |p| {
            p.lanes[1].from_name = "Deals Team".into()
        }),
        ("lint.from_domain", |p| {
            p.lanes[1].from_address = "hi@othershop.example".into()
        }),
    ];
    for (code, make) in cases {
        let mut plan = sample_plan();
        make(&mut plan);
        let found = lint(&plan, &route(&plan));
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
    }
}
