//! Scheduled journeys' send days: how much of the average daily mail each
//! date carries, the busiest day, the words for it, and the plan file.

use chrono::{Datelike, NaiveDate};
use switchyard::plan::io::{export, import};
use switchyard::plan::model::*;
use switchyard::plan::sample::sample_plan;
use switchyard::plan::schedule::{peak_day, quiet_day, Schedule};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[test]
fn each_date_carries_its_share_of_the_cadence() {
    use Cadence::*;
    use Weekday::*;
    // 2028-02-07 is a Monday; February 2028 has 29 days.
    let cases: [(Schedule, &str, f64); 17] = [
        (Schedule::Spread, "2028-02-08", 1.0),
        (Schedule::On(Daily, Tuesday), "2028-02-09", 1.0),
        (
            Schedule::On(SeveralPerWeek, Monday),
            "2028-02-07",
            7.0 / 3.0,
        ),
        (Schedule::On(SeveralPerWeek, Monday), "2028-02-08", 0.0),
        (
            Schedule::On(SeveralPerWeek, Monday),
            "2028-02-09",
            7.0 / 3.0,
        ),
        (
            Schedule::On(SeveralPerWeek, Monday),
            "2028-02-11",
            7.0 / 3.0,
        ),
        (Schedule::On(SeveralPerWeek, Monday), "2028-02-13", 0.0),
        // Friday, Sunday and Tuesday: the pattern wraps the week.
        (
            Schedule::On(SeveralPerWeek, Friday),
            "2028-02-08",
            7.0 / 3.0,
        ),
        (Schedule::On(Weekly, Tuesday), "2028-02-08", 7.0),
        (Schedule::On(Weekly, Tuesday), "2028-02-09", 0.0),
        // Fortnightly: one Thursday of two.
        (Schedule::On(Fortnightly, Thursday), "2028-02-10", 0.0),
        (Schedule::On(Fortnightly, Thursday), "2028-02-17", 14.0),
        (Schedule::On(Fortnightly, Thursday), "2028-02-24", 0.0),
        // Monthly: the month's first Monday carries the whole month.
        (Schedule::On(Monthly, Monday), "2028-02-07", 29.0),
        (Schedule::On(Monthly, Monday), "2028-02-14", 0.0),
        (Schedule::On(Monthly, Monday), "2028-03-06", 31.0),
        (Schedule::On(Monthly, Monday), "2027-02-01", 28.0),
    ];
    for (schedule, date, worth) in cases {
        assert_eq!(
            schedule.days_worth(day(date)),
            worth,
            "{schedule:?} on {date}"
        );
    }
}

#[test]
fn a_whole_cadence_sends_as_many_days_worth_as_it_has_days() {
    let first = day("2027-05-03");
    let sum = |schedule: Schedule, days: usize| -> f64 {
        first
            .iter_days()
            .take(days)
            .map(|d| schedule.days_worth(d))
            .sum()
    };
    for send in Weekday::ALL {
        for (cadence, days) in [
            (Cadence::SeveralPerWeek, 7),
            (Cadence::Weekly, 7),
            (Cadence::Fortnightly, 14),
        ] {
            let total = sum(Schedule::On(cadence, send), days);
            assert!(
                (total - days as f64).abs() < 1e-9,
                "{cadence:?} {send:?}: {total}"
            );
        }
    }
    // May 2027 from its first day: the month's one send carries 31 days.
    let may = first.with_day0(0).unwrap();
    let total: f64 = may
        .iter_days()
        .take(31)
        .map(|d| Schedule::On(Cadence::Monthly, Weekday::Wednesday).days_worth(d))
        .sum();
    assert_eq!(total, 31.0);
}

/// Each part's average a day and schedule.
type Mail = Vec<(f64, Schedule)>;

#[test]
fn the_busiest_day_adds_only_the_sends_that_fall_together() {
    use Cadence::*;
    use Weekday::*;
    let cases: [(&str, Mail, f64); 6] = [
        (
            "spread only",
            vec![(1000.0, Schedule::Spread), (500.0, Schedule::Spread)],
            1500.0,
        ),
        (
            "a weekly send over daily mail",
            vec![
                (1000.0, Schedule::On(Weekly, Tuesday)),
                (500.0, Schedule::Spread),
            ],
            7500.0,
        ),
        (
            "two weekly sends on different days",
            vec![
                (1000.0, Schedule::On(Weekly, Tuesday)),
                (1000.0, Schedule::On(Weekly, Friday)),
            ],
            7000.0,
        ),
        (
            "two weekly sends on one day",
            vec![
                (1000.0, Schedule::On(Weekly, Tuesday)),
                (1000.0, Schedule::On(Weekly, Tuesday)),
            ],
            14000.0,
        ),
        (
            // The dates bring these together only now and then (a first
            // Friday in a fortnight's sending week); it still counts.
            "a monthly and a fortnightly send on one Friday",
            vec![
                (100.0, Schedule::On(Monthly, Friday)),
                (100.0, Schedule::On(Fortnightly, Friday)),
            ],
            4500.0,
        ),
        (
            "a monthly send is as long as the longest month",
            vec![(100.0, Schedule::On(Monthly, Sunday))],
            3100.0,
        ),
    ];
    for (name, mail, peak) in cases {
        assert!(
            (peak_day(&mail) - peak).abs() < 1e-6,
            "{name}: {}",
            peak_day(&mail)
        );
    }
}

#[test]
fn the_quietest_day_is_what_every_day_carries() {
    use Cadence::*;
    use Weekday::*;
    let cases: [(&str, Mail, f64); 6] = [
        ("no mail", vec![], 0.0),
        (
            "spread and daily",
            vec![
                (100.0, Schedule::Spread),
                (50.0, Schedule::On(Daily, Monday)),
            ],
            150.0,
        ),
        (
            "a weekly send leaves six days without it",
            vec![
                (100.0, Schedule::Spread),
                (70.0, Schedule::On(Weekly, Tuesday)),
            ],
            100.0,
        ),
        (
            "weekly sends on every weekday cover the week",
            [
                Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday,
            ]
            .map(|d| (10.0, Schedule::On(Weekly, d)))
            .to_vec(),
            70.0,
        ),
        (
            "several a week, and weekly on a day between",
            vec![
                (30.0, Schedule::On(SeveralPerWeek, Monday)),
                (10.0, Schedule::On(Weekly, Tuesday)),
            ],
            0.0,
        ),
        (
            "every other Monday, and weekly on Mondays",
            vec![
                (10.0, Schedule::On(Fortnightly, Monday)),
                (10.0, Schedule::On(Weekly, Monday)),
            ],
            0.0,
        ),
    ];
    for (name, mail, least) in cases {
        assert!(
            (quiet_day(&mail) - least).abs() < 1e-6,
            "{name}: {}",
            quiet_day(&mail)
        );
    }
}

#[test]
fn send_days_read_as_the_journey_list_shows_them() {
    use Cadence::*;
    use Weekday::*;
    let cases = [
        (Weekly, None, "weekly"),
        (Daily, Some(Monday), "daily"),
        (Weekly, Some(Tuesday), "weekly on Tuesdays"),
        (
            SeveralPerWeek,
            Some(Friday),
            "on Fridays, Sundays and Tuesdays",
        ),
        (Fortnightly, Some(Thursday), "every other Thursday"),
        (Monthly, Some(Monday), "on the first Monday of the month"),
    ];
    for (cadence, send_day, words) in cases {
        assert_eq!(cadence.describe(send_day), words);
    }
    let trigger = Trigger::Scheduled {
        cadence: Weekly,
        send_day: Some(Tuesday),
        send_date: None,
    };
    assert_eq!(trigger.summary(), "Scheduled, weekly on Tuesdays");
}

#[test]
fn a_send_day_is_kept_in_the_plan_file_and_left_out_without_one() {
    let mut plan = sample_plan();
    let text = export(&plan);
    assert!(
        !text.contains("send_day"),
        "a spread journey writes no send day"
    );
    plan.journeys[10].trigger = Trigger::Scheduled {
        cadence: Cadence::Weekly,
        send_day: Some(Weekday::Tuesday),
        send_date: None,
    };
    let text = export(&plan);
    assert!(text.contains("\"send_day\": \"tuesday\""), "{text}");
    assert_eq!(import(text.as_bytes()).unwrap().plan, plan);
}

#[test]
fn a_trigger_without_a_name_says_so_instead_of_empty_quotes() {
    let s = |v: &str| v.to_string();
    let cases = [
        (
            Trigger::Event {
                event_name: s(" "),
                latency_minutes: 1,
                delay_minutes: 0,
            },
            "Event (no name yet), arrives in ~1 min, sends at once",
        ),
        (
            Trigger::Event {
                event_name: s("Order Placed"),
                latency_minutes: 1,
                delay_minutes: 0,
            },
            "Event “Order Placed”, arrives in ~1 min, sends at once",
        ),
        (
            Trigger::SegmentEntry { segment: s("") },
            "Enters segment (no name yet)",
        ),
        (
            Trigger::ApiBroadcast { broadcast: s("") },
            "API-triggered broadcast (no name yet)",
        ),
        (
            Trigger::TransactionalApi { message: s("") },
            "Transactional API message (no name yet)",
        ),
        (
            Trigger::TransactionalApi {
                message: s("Receipt"),
            },
            "Transactional API message “Receipt”",
        ),
    ];
    for (trigger, words) in cases {
        assert_eq!(trigger.summary(), words);
    }
}
