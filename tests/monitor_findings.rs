//! Lane health as findings: a lane whose imported data (or Postmaster
//! Tools figures) reaches an action line is an error on the Problems tab,
//! one past a watch line a warning, each naming the lane and its worst
//! reason, with the plan's fallback as the hint, opening the lane's card
//! on the Monitoring tab.

#[path = "support/delivery.rs"]
mod delivery;

use std::rc::Rc;

use switchyard::monitor::findings::{findings, ACT, WATCH};
use switchyard::monitor::health::health;
use switchyard::plan::diagnostic::Severity;
use switchyard::plan::model::{Item, ItemStatus, Plan, PostmasterEntry};
use switchyard::plan::sample::sample_plan;
use switchyard::review::findings::{dns_part, findings_with};
use switchyard::review::place::{finding_place_words, place_of_finding, Place};

/// The sample plan's promotional lane: the reference thresholds (0.1% and
/// 0.3% complaints, 2% and 5% bounces, 90% delivered) and a fallback plan
/// that pauses promotions.
const LANE: &str = "promotional";

/// Seven days of November 2026 on the promotional lane, each `sent`
/// messages with `delivered`, `bounced` hard bounces and `complaints`.
fn week(sent: u64, delivered: u64, bounced: u64, complaints: u64) -> Vec<delivery::Day> {
    (20..=26)
        .map(|d| (format!("2026-11-{d}"), sent, delivered, bounced, complaints))
        .collect()
}

type Change = fn(&mut Plan);

/// A finding as expected: severity, code, path, message, and words its
/// hint holds.
type Expected = (
    Severity,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[test]
fn lanes_at_act_or_watch_are_findings_at_the_lane() {
    let fallback = "Follow the plan's fallback for the lane: Pause promotions on the lane.";
    let watch_hint = "Watch its next days on the Monitoring tab; at an action line, the plan's fallback: Pause promotions on the lane.";
    // (case, plan change, the lane's days, the findings)
    let cases: Vec<(&str, Change, Vec<delivery::Day>, Vec<Expected>)> = vec![
        ("healthy", |_| {}, week(1_000, 1_000, 0, 0), vec![]),
        ("no data", |_| {}, vec![], vec![]),
        (
            "complaints past the action line",
            |_| {},
            week(1_000, 1_000, 0, 5),
            vec![(
                Severity::Error,
                ACT,
                "$.lanes[2]",
                "Promotional needs action: complaints 0.50% reach the 0.3% action line.",
                fallback,
            )],
        ),
        (
            "two lines reached: the worst first, the other counted",
            |_| {},
            week(1_000, 940, 60, 5),
            vec![(
                Severity::Error,
                ACT,
                "$.lanes[2]",
                "Promotional needs action: complaints 0.53% reach the 0.3% action line (1 more reason on the Monitoring tab).",
                fallback,
            )],
        ),
        (
            "no fallback plan",
            |p| p.simulation.fallbacks.clear(),
            week(1_000, 1_000, 0, 5),
            vec![(
                Severity::Error,
                ACT,
                "$.lanes[2]",
                "Promotional needs action: complaints 0.50% reach the 0.3% action line.",
                "Find the cause on the Monitoring tab and slow the lane's mail until it is fixed; the lane has no fallback plan (Simulation tab).",
            )],
        ),
        (
            "complaints past the watch line",
            |_| {},
            week(1_000, 1_000, 0, 2),
            vec![(
                Severity::Warning,
                WATCH,
                "$.lanes[2]",
                "Promotional is on watch: complaints 0.20% reach the 0.1% watch line.",
                watch_hint,
            )],
        ),
        (
            "too little mail to act on is watched",
            |_| {},
            vec![("2026-11-26".into(), 3, 3, 0, 1)],
            vec![(
                Severity::Warning,
                WATCH,
                "$.lanes[2]",
                "Promotional is on watch: complaints 33.33% reach the 0.3% action line, but on only 3 delivered, too little mail to act on.",
                watch_hint,
            )],
        ),
        (
            // The primary domain's spam rate is every lane's, typed in
            // with no delivery data at all.
            "a Postmaster Tools figure typed in",
            |p| {
                p.monitoring.postmaster.push(PostmasterEntry {
                    id: "pm-1".into(),
                    date: "2026-11-26".into(),
                    domain: "fernleafcoffee.com".into(),
                    spam_rate_percent: 0.35,
                })
            },
            vec![],
            vec![
                (
                    Severity::Error,
                    ACT,
                    "$.lanes[0]",
                    "Transactional needs action: Postmaster Tools spam rate 0.35% for fernleafcoffee.com on 2026-11-26 reaches the 0.3% action line.",
                    "the lane has no fallback plan",
                ),
                (
                    Severity::Error,
                    ACT,
                    "$.lanes[1]",
                    "Revenue flows needs action: Postmaster Tools spam rate 0.35% for fernleafcoffee.com on 2026-11-26 reaches the 0.3% action line.",
                    "the lane has no fallback plan",
                ),
                (
                    Severity::Error,
                    ACT,
                    "$.lanes[2]",
                    "Promotional needs action: Postmaster Tools spam rate 0.35% for fernleafcoffee.com on 2026-11-26 reaches the 0.3% action line.",
                    fallback,
                ),
            ],
        ),
        (
            // A rate no percentage can be is its field's error alone.
            "a Postmaster Tools figure out of range",
            |p| {
                p.monitoring.postmaster.push(PostmasterEntry {
                    id: "pm-1".into(),
                    date: "2026-11-26".into(),
                    domain: "fernleafcoffee.com".into(),
                    spam_rate_percent: 150.0,
                })
            },
            vec![],
            vec![],
        ),
    ];
    for (case, change, days, expected) in cases {
        let mut plan = sample_plan();
        change(&mut plan);
        let h = health(&plan, &delivery::store_of(LANE, &days));
        let found = findings(&plan, &h);
        assert_eq!(found.len(), expected.len(), "{case}: {found:#?}");
        for (d, (severity, code, path, message, hint)) in found.iter().zip(expected) {
            assert_eq!(
                (d.severity, d.code.as_ref(), d.path.as_str()),
                (severity, code, path),
                "{case}"
            );
            assert_eq!(d.message, message, "{case}");
            assert!(d.hint.contains(hint), "{case}: {}", d.hint);
            assert!(
                d.fix.is_none(),
                "{case}: nothing in the plan fixes delivery"
            );
        }
    }
}

#[test]
fn health_about_a_lane_the_plan_no_longer_has_makes_no_finding() {
    let plan = sample_plan();
    let h = health(&plan, &delivery::store_of(LANE, &week(1_000, 1_000, 0, 5)));
    let mut without = plan.clone();
    without.lanes.retain(|l| l.id != LANE);
    assert_eq!(findings(&plan, &h).len(), 1);
    assert!(findings(&without, &h).is_empty());
}

#[test]
fn the_problems_tab_lists_a_lane_at_act_and_opens_its_health_card() {
    let plan = sample_plan();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let h = health(&plan, &delivery::store_of(LANE, &week(1_000, 1_000, 0, 5)));
    let part = Rc::new(dns_part(&plan, today, None));
    let with = findings_with(
        &plan,
        today,
        part.clone(),
        &Default::default(),
        &Default::default(),
        &h,
    );
    let without = findings_with(
        &plan,
        today,
        part,
        &Default::default(),
        &Default::default(),
        &Default::default(),
    );
    let act: Vec<_> = with.all.iter().filter(|d| d.code == ACT).collect();
    assert_eq!(act.len(), 1);
    assert!(without.all.iter().all(|d| d.code != ACT));
    // Listed with the other errors, at the lane's card on the Monitoring
    // tab, and named so.
    let d = act[0];
    let first_warning = with.all.iter().position(|d| d.severity != Severity::Error);
    let at = with.all.iter().position(|f| f == d).unwrap();
    assert!(first_warning.is_none_or(|w| at < w));
    let records = &with.domains.records;
    assert_eq!(
        place_of_finding(&plan, records, d),
        Place::LaneHealth(LANE.into())
    );
    let words = "Monitoring › lane health › “Promotional”";
    assert_eq!(d.place, words);
    assert_eq!(finding_place_words(&plan, d), words);
    // A lane's mail going wrong undoes no step of the set-up: routing is
    // still implemented with no errors of the plan's left.
    let row = |f: &switchyard::review::findings::Findings, item: Item| {
        let rows = f.checklist.steps.iter().chain(&f.checklist.implementation);
        let r = rows.clone().find(|r| r.item == item && r.lane.is_empty());
        r.map(|r| (r.status, r.evidence.clone())).unwrap()
    };
    assert_eq!(
        row(&with, Item::AssignRoutes),
        row(&without, Item::AssignRoutes)
    );
    assert_eq!(row(&with, Item::AssignRoutes).0, ItemStatus::Done);
    // The rest of the findings are the plan's alone.
    let rest: Vec<_> = with.all.iter().filter(|d| d.code != ACT).collect();
    assert_eq!(rest, without.all.iter().collect::<Vec<_>>());
}

#[test]
fn delivery_data_dated_after_today_is_a_warning_at_the_lane() {
    use switchyard::monitor::findings::{ahead_of_today, AHEAD};
    let plan = sample_plan();
    let h = health(&plan, &delivery::store_of(LANE, &week(1_000, 1_000, 0, 0)));
    // (today, the message, or none)
    let cases: [(&str, Option<&str>); 3] = [
        ("2026-11-26", None),
        (
            "2026-11-25",
            Some("Imported delivery data of Promotional is dated 2026-11-26, a day after today (2026-11-25); the checklist leaves it out."),
        ),
        (
            "2026-11-19",
            Some("Imported delivery data of Promotional is dated 2026-11-20 to 2026-11-26, days after today (2026-11-19); the checklist leaves them out."),
        ),
    ];
    for (today, message) in cases {
        let found = ahead_of_today(&plan, &h, today);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, message.into_iter().collect::<Vec<_>>(), "{today}");
        for d in &found {
            assert_eq!((d.code.as_ref(), d.path.as_str()), (AHEAD, "$.lanes[2]"));
            assert_eq!(d.severity, Severity::Warning);
        }
    }
    // On the Problems tab, from the derived findings of the day.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let part = Rc::new(dns_part(&plan, today, None));
    let all = findings_with(
        &plan,
        today,
        part,
        &Default::default(),
        &Default::default(),
        &h,
    )
    .all;
    let ahead: Vec<_> = all.iter().filter(|d| d.code == AHEAD).collect();
    assert_eq!(ahead.len(), 1);
    // Its Open button goes to the lane's card on the Monitoring tab.
    assert_eq!(ahead[0].place, "Monitoring › lane health › “Promotional”");
}
