//! Monitoring catches a bad day: a day that reaches an action line with
//! enough mail to count (`DAY_MIN_MESSAGES`) makes its lane act while it is
//! in the lane's last `WINDOW_DAYS` days, with the day and its rate as the
//! reason, and fires the fallback trigger on that day; the window's totals
//! still decide Watch.

#[path = "support/delivery.rs"]
mod delivery;

use switchyard::monitor::health::{health, LaneHealth, Status, DAY_MIN_MESSAGES, WINDOW_DAYS};
use switchyard::monitor::review::{weekly_markdown, weeks};
use switchyard::monitor::Store;
use switchyard::plan::model::Plan;
use switchyard::plan::sample::sample_plan;

/// (day of March 2027, sent, delivered, hard bounces, complaints)
type Day = (u32, u64, u64, u64, u64);

/// The sample plan's promotional lane: the reference thresholds (0.1% and
/// 0.3% complaints, 2% and 5% bounces, 90% delivered) and a fallback plan
/// that pauses promotions.
const LANE: &str = "promotional";

/// A store holding one lane's days, as the per-day CSV would give them.
fn store_of(days: &[Day]) -> Store {
    let days: Vec<delivery::Day> = (days.iter())
        .map(|&(d, sent, delivered, hard_bounces, complaints)| {
            let date = format!("2027-03-{d:02}");
            (date, sent, delivered, hard_bounces, complaints)
        })
        .collect();
    delivery::store_of(LANE, &days)
}

/// Days 1 to `n` of `per_day` mail each, all delivered, with complaints on
/// the days named.
fn steady(n: u32, per_day: u64, complaints: &[(u32, u64)]) -> Vec<Day> {
    (1..=n)
        .map(|d| {
            let c = complaints
                .iter()
                .find(|(on, _)| *on == d)
                .map_or(0, |c| c.1);
            (d, per_day, per_day, 0, c)
        })
        .collect()
}

fn lane(plan: &Plan, days: &[Day]) -> LaneHealth {
    let h = health(plan, &store_of(days));
    h.lanes
        .into_iter()
        .find(|l| l.lane == LANE)
        .expect("the lane")
}

/// A day's volume as its reasons give it.
fn volume(messages: &str, base: &str) -> String {
    format!("({messages} {base} that day; a day counts from 500)")
}

/// The reason a day at `rate`% complaints gives.
fn complaints(rate: &str, date: &str, messages: &str, base: &str) -> String {
    format!(
        "complaints {rate}% on {date} reach the 0.3% action line {}",
        volume(messages, base)
    )
}

#[test]
fn the_minimum_and_the_window_are_as_documented() {
    assert_eq!(DAY_MIN_MESSAGES, 500);
    assert_eq!(WINDOW_DAYS, 7);
}

#[test]
fn a_bad_day_makes_its_lane_act_and_fires_the_fallback() {
    let plan = sample_plan();
    struct Case {
        name: &'static str,
        days: Vec<Day>,
        status: Status,
        reasons: Vec<String>,
        /// The day the fallback fired, and the start of why.
        fired: Option<(&'static str, String)>,
    }
    let issue_day = complaints("0.50", "2027-03-02", "1,000", "delivered");
    let bounce_day = format!(
        "bounces 7.00% on 2027-03-02 reach the 5% action line {}",
        volume("1,000", "sent")
    );
    let delivered_day = format!(
        "only 85.0% delivered on 2027-03-02, under 90% {}",
        volume("1,000", "sent")
    );
    let watch = |rate: &str| format!("complaints {rate}% reach the 0.1% watch line");
    let cases = vec![
        Case {
            name: "the issue: 1,000 a day for three days, one day at 0.5% complaints",
            days: steady(3, 1_000, &[(2, 5)]),
            status: Status::Act,
            reasons: vec![issue_day.clone(), watch("0.17")],
            // The watch line the window also reaches is no trigger.
            fired: Some(("2027-03-02", issue_day.clone())),
        },
        Case {
            name: "a day at 0.2% complaints is under the action line",
            days: steady(3, 1_000, &[(2, 2)]),
            status: Status::Healthy,
            reasons: vec![],
            fired: None,
        },
        Case {
            name: "499 delivered is under the minimum",
            // On the third day, so the trailing window holds 1,497 mails.
            days: steady(3, 499, &[(3, 3)]),
            status: Status::Watch,
            reasons: vec![watch("0.20")],
            fired: None,
        },
        Case {
            name: "500 delivered counts",
            days: steady(3, 500, &[(3, 3)]),
            status: Status::Act,
            reasons: vec![
                complaints("0.60", "2027-03-03", "500", "delivered"),
                watch("0.20"),
            ],
            fired: Some((
                "2027-03-03",
                complaints("0.60", "2027-03-03", "500", "delivered"),
            )),
        },
        Case {
            name: "a quiet day: one complaint in 50 is 2% but does not count",
            days: vec![
                (1, 1_000, 1_000, 0, 0),
                (2, 1_000, 1_000, 0, 0),
                (3, 50, 50, 0, 1),
            ],
            status: Status::Healthy,
            reasons: vec![],
            fired: None,
        },
        Case {
            name: "a bad bounce day",
            days: vec![
                (1, 1_000, 1_000, 0, 0),
                (2, 1_000, 930, 70, 0),
                (3, 1_000, 1_000, 0, 0),
            ],
            status: Status::Act,
            reasons: vec![
                bounce_day.clone(),
                "bounces 2.33% reach the 2% watch line".into(),
            ],
            fired: Some(("2027-03-02", bounce_day.clone())),
        },
        Case {
            name: "a bad bounce day under the minimum",
            days: vec![
                (1, 400, 400, 0, 0),
                (2, 400, 370, 30, 0),
                (3, 400, 400, 0, 0),
            ],
            status: Status::Watch,
            reasons: vec!["bounces 2.50% reach the 2% watch line".into()],
            fired: None,
        },
        Case {
            name: "a day with too little delivered",
            days: vec![
                (1, 1_000, 1_000, 0, 0),
                (2, 1_000, 850, 0, 0),
                (3, 1_000, 1_000, 0, 0),
            ],
            status: Status::Act,
            reasons: vec![delivered_day.clone()],
            fired: Some(("2027-03-02", delivered_day.clone())),
        },
        Case {
            name: "complaints without deliveries (SNDS) count against sent mail",
            days: vec![
                (1, 1_000, 0, 0, 0),
                (2, 1_000, 0, 0, 5),
                (3, 1_000, 0, 0, 0),
            ],
            status: Status::Act,
            reasons: vec![
                complaints("0.50", "2027-03-02", "1,000", "sent"),
                watch("0.17"),
            ],
            fired: Some((
                "2027-03-02",
                complaints("0.50", "2027-03-02", "1,000", "sent"),
            )),
        },
        Case {
            name: "two bad days: the worst is named, the other counted",
            days: steady(5, 1_000, &[(2, 5), (4, 8)]),
            status: Status::Act,
            reasons: vec![
                format!(
                    "{}, as does 1 other day of the last 7",
                    complaints("0.80", "2027-03-04", "1,000", "delivered")
                ),
                watch("0.26"),
            ],
            fired: Some(("2027-03-02", issue_day.clone())),
        },
        Case {
            name: "the window's totals already act: the day is not repeated",
            days: steady(1, 1_000, &[(1, 5)]),
            status: Status::Act,
            reasons: vec!["complaints 0.50% reach the 0.3% action line".into()],
            fired: Some((
                "2027-03-01",
                "complaints 0.50% reach the 0.3% action line".into(),
            )),
        },
        Case {
            name: "a bad day on the window's first day still counts",
            days: steady(8, 1_000, &[(2, 5)]),
            status: Status::Act,
            reasons: vec![issue_day.clone()],
            fired: Some(("2027-03-02", issue_day.clone())),
        },
        Case {
            name: "a bad day older than the window no longer makes the lane act",
            days: steady(9, 1_000, &[(2, 5)]),
            status: Status::Healthy,
            reasons: vec![],
            // The trigger fired that day all the same.
            fired: Some(("2027-03-02", issue_day.clone())),
        },
    ];
    for case in cases {
        let l = lane(&plan, &case.days);
        assert_eq!(l.status, case.status, "{}: {:?}", case.name, l.reasons);
        assert_eq!(l.reasons, case.reasons, "{}", case.name);
        match (&l.firing, &case.fired) {
            (Some(f), Some((date, why))) => {
                assert_eq!(f.date, *date, "{}", case.name);
                assert!(f.why.starts_with(why.as_str()), "{}: {}", case.name, f.why);
                assert!(!f.why.contains("watch line"), "{}: {}", case.name, f.why);
            }
            (None, None) => {}
            (found, wanted) => panic!("{}: fired {found:?}, wanted {wanted:?}", case.name),
        }
        assert_eq!(
            l.fallback.as_deref(),
            Some("Pause promotions on the lane"),
            "{}",
            case.name
        );
    }
}

#[test]
fn each_day_says_which_lines_it_reaches_on_its_own() {
    let l = lane(&sample_plan(), &steady(3, 1_000, &[(2, 5)]));
    let acts: Vec<(&str, usize)> = l
        .days
        .iter()
        .map(|d| (d.date.as_str(), d.acts.len()))
        .collect();
    assert_eq!(
        acts,
        [("2027-03-01", 0), ("2027-03-02", 1), ("2027-03-03", 0)]
    );
    assert!(l.days[1].acts[0].starts_with("complaints 0.50% on 2027-03-02"));
    // The window still reports its totals.
    assert_eq!(
        (l.window.sent, l.window_from.as_str(), l.window_to.as_str()),
        (3_000, "2027-03-01", "2027-03-03")
    );
}

#[test]
fn the_weekly_review_shows_the_bad_day() {
    let plan = sample_plan();
    // 2027-03-01 is a Monday: the bad day is in the first week only.
    let days = steady(14, 1_000, &[(2, 5)]);
    let h = health(&plan, &store_of(&days));
    let rows: Vec<(&str, Status)> = weeks(&h)
        .iter()
        .filter(|r| r.0 == "Promotional")
        .map(|r| {
            (
                if r.1 == "2027-03-01" {
                    "first"
                } else {
                    "second"
                },
                r.3,
            )
        })
        .collect();
    assert_eq!(rows, [("first", Status::Act), ("second", Status::Healthy)]);
    let md = weekly_markdown(&plan, &h);
    assert!(
        // The window judged that day, whose rates differ from the status's.
        md.contains("Fallback trigger fired on 2027-03-02, over 2027-03-01 to 2027-03-02: complaints 0.50% on 2027-03-02"),
        "{md}"
    );
    assert!(md.contains("Plan: Pause promotions on the lane."), "{md}");
}

#[test]
fn a_window_of_a_few_messages_is_watched_not_acted_on() {
    // Three messages, one complaint and one bounce: the rates are far over
    // the lines, but on far too little mail to act on.
    let plan = sample_plan();
    let l = lane(&plan, &[(1, 3, 2, 1, 1)]);
    assert_eq!(l.status, Status::Watch, "{:?}", l.reasons);
    assert!(l.firing.is_none(), "{:?}", l.firing);
    assert_eq!(
        l.reasons[0],
        "complaints 50.00% reach the 0.3% action line, but on only 2 delivered, too little mail to act on"
    );
    assert!(l
        .reasons
        .iter()
        .any(|r| r.starts_with("bounces 33.33% reach the 5% action line, but on only 3 sent")));
    // The same rates over enough mail act.
    let l = lane(&plan, &[(1, 3_000, 2_000, 1_000, 1_000)]);
    assert_eq!(l.status, Status::Act);
    assert!(l.firing.is_some());
}

#[test]
fn a_firing_names_the_days_it_judged() {
    let l = lane(&sample_plan(), &steady(3, 1_000, &[(2, 5)]));
    let f = l.firing.expect("the bad day fires");
    assert_eq!(
        (f.date.as_str(), f.from.as_str()),
        ("2027-03-02", "2027-03-01")
    );
    assert_eq!(f.when(), "on 2027-03-02, over 2027-03-01 to 2027-03-02");
    let first = lane(&sample_plan(), &steady(3, 1_000, &[(1, 5)]));
    assert_eq!(first.firing.expect("fires").when(), "on 2027-03-01");
}
