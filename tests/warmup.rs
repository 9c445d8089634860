//! Warm-up presets against the tables in the research notes
//! (`../shared/reference/sending-landscape.md`), and the calendar's rules.

use chrono::NaiveDate;
use switchyard::plan::model::*;
use switchyard::plan::routing::route;
use switchyard::plan::sample::sample_plan;
use switchyard::warmup::calendar::{calendar, to_csv, Wanted};
use switchyard::warmup::presets::{daily_cap, schedule, Unit};

fn reference() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/reference/sending-landscape.md"
    );
    std::fs::read_to_string(path).expect("the research notes sit beside the repository")
}

/// "1.25M" → 1,250,000; "7.5k" → 7,500; "≤50k" → 50,000; "19,601,056" → itself.
fn count(text: &str) -> Option<u64> {
    let t = text.trim().trim_start_matches('≤').replace(',', "");
    let (number, scale) = match t.chars().last()? {
        'k' => (&t[..t.len() - 1], 1_000.0),
        'M' => (&t[..t.len() - 1], 1_000_000.0),
        _ => (t.as_str(), 1.0),
    };
    number
        .parse::<f64>()
        .ok()
        .map(|n| (n * scale).round() as u64)
}

/// The numbers in the second column of the markdown table that follows
/// `marker`, in order.
fn table_after(text: &str, marker: &str) -> Vec<u64> {
    let start = text.find(marker).unwrap_or_else(|| panic!("{marker}"));
    text[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| l.split('|').nth(2))
        .flat_map(|cell| cell.split(", ").filter_map(count).collect::<Vec<_>>())
        .collect()
}

fn caps(preset: WarmupPreset, days: u32) -> Vec<u64> {
    let s = schedule(preset).unwrap();
    (0..days).filter_map(|d| daily_cap(&s, d)).collect()
}

#[test]
fn sendgrid_hourly_caps_match_the_published_table() {
    let hourly = table_after(&reference(), "Hourly cap by warm-up day");
    assert_eq!(hourly.len(), 42);
    let s = schedule(WarmupPreset::SendgridAutomated).unwrap();
    assert_eq!(s.unit, Unit::Hourly);
    assert_eq!(s.values, hourly.as_slice());
    // A day allows 24 hours at the cap; after day 41 the IP is warm.
    assert_eq!(daily_cap(&s, 0), Some(480));
    assert_eq!(daily_cap(&s, 42), None);
}

#[test]
fn sparkpost_stages_match_the_published_table() {
    let stages = table_after(&reference(), "29 daily stages, then stage 30 is DONE");
    assert_eq!(stages.len(), 29);
    assert_eq!(caps(WarmupPreset::Sparkpost, 40), stages);
}

#[test]
fn braze_schedules_match_the_published_table() {
    let text = reference();
    let row = |name: &str| -> Vec<u64> {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("| {name} |")))
            .unwrap();
        let cell = line.split('|').nth(2).unwrap();
        let list = cell.split(" (days").next().unwrap();
        list.split(", ").filter_map(count).collect()
    };
    assert_eq!(caps(WarmupPreset::BrazeModerate, 21), row("Moderate"));
    assert_eq!(caps(WarmupPreset::BrazeAggressive, 17), row("Aggressive"));
    // Conservative is written as ranges: three days at each level.
    let conservative = caps(WarmupPreset::BrazeConservative, 21);
    for (days, level) in [
        (0..3, 50),
        (3..6, 100),
        (6..9, 500),
        (9..12, 1_000),
        (12..15, 2_000),
        (15..18, 4_000),
        (18..21, 8_000),
    ] {
        assert!(conservative[days].iter().all(|&c| c == level), "{level}");
    }
    // After their tables: conservative doubles every 3 days, aggressive daily,
    // moderate holds.
    let s = |p| schedule(p).unwrap();
    assert_eq!(
        daily_cap(&s(WarmupPreset::BrazeConservative), 21),
        Some(16_000)
    );
    assert_eq!(
        daily_cap(&s(WarmupPreset::BrazeConservative), 23),
        Some(16_000)
    );
    assert_eq!(
        daily_cap(&s(WarmupPreset::BrazeConservative), 24),
        Some(32_000)
    );
    assert_eq!(
        daily_cap(&s(WarmupPreset::BrazeAggressive), 17),
        Some(8_000_000)
    );
    assert_eq!(
        daily_cap(&s(WarmupPreset::BrazeModerate), 60),
        Some(1_000_000)
    );
}

#[test]
fn kumomta_schedules_match_the_published_lists() {
    let text = reference();
    let row = |name: &str| -> Vec<String> {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("| {name}")))
            .unwrap();
        line.split('|')
            .nth(3)
            .unwrap()
            .split(", ")
            .map(|s| s.trim().to_string())
            .collect()
    };
    assert_eq!(
        caps(WarmupPreset::KumoAggressive, 20),
        row("aggressive")
            .iter()
            .filter_map(|c| count(c))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        caps(WarmupPreset::KumoTransactional, 30),
        row("transactional")
            .iter()
            .filter_map(|c| count(c))
            .collect::<Vec<_>>()
    );
    // The notes abbreviate conservative with "…"; its ends must match, and
    // the full list is KumoMTA's warmup.toml.
    let listed = row("conservative (default)");
    let gap = listed.iter().position(|c| c.contains('…')).unwrap();
    let head: Vec<u64> = listed[..gap].iter().filter_map(|c| count(c)).collect();
    let tail: Vec<u64> = listed[gap + 1..].iter().filter_map(|c| count(c)).collect();
    let ours = caps(WarmupPreset::KumoConservative, 40);
    assert_eq!(ours.len(), 30);
    assert_eq!(ours[..head.len()], head[..]);
    assert_eq!(ours[ours.len() - tail.len()..], tail[..]);
}

#[test]
fn salesforce_mailtrap_and_ses_match_their_sources() {
    let text = reference();
    let weekly = table_after(&text, "Daily caps by week:");
    assert_eq!(
        weekly,
        [50_000, 100_000, 200_000, 400_000, 800_000, 1_600_000]
    );
    let sf = caps(WarmupPreset::SalesforceWeekly, 7 * 8);
    for (week, cap) in weekly.iter().enumerate() {
        assert!(
            sf[week * 7..week * 7 + 7].iter().all(|c| c == cap),
            "week {}",
            week + 1
        );
    }
    assert!(sf[42..].iter().all(|&c| c == 1_600_000), "week 6 onward");

    let line = text.lines().find(|l| l.contains("**Mailtrap**")).unwrap();
    let list = line
        .split("per day**: ")
        .nth(1)
        .unwrap()
        .split(". ")
        .next()
        .unwrap();
    let mailtrap: Vec<u64> = list.split(", ").filter_map(count).collect();
    assert_eq!(mailtrap.len(), 21);
    assert_eq!(caps(WarmupPreset::Mailtrap, 30), mailtrap);

    // SES publishes the end point only: 50,000 a day on day 45.
    let ses = caps(WarmupPreset::AmazonSes, 60);
    assert_eq!(ses.len(), 45);
    assert_eq!(*ses.last().unwrap(), 50_000);
    assert!(ses.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn every_preset_cites_its_source_and_grows() {
    for preset in WarmupPreset::ALL {
        let Some(s) = schedule(preset) else {
            assert_eq!(preset, WarmupPreset::Custom);
            continue;
        };
        assert!(!s.source.is_empty() && !s.note.is_empty(), "{preset:?}");
        assert!(s.values.windows(2).all(|w| w[0] <= w[1]), "{preset:?}");
    }
}

fn plan_on(start: &str, weekdays: &[u8]) -> WarmupPlan {
    WarmupPlan {
        preset: WarmupPreset::KumoAggressive,
        start_date: start.into(),
        sending_weekdays: weekdays.to_vec(),
        ..WarmupPlan::default()
    }
}

#[test]
fn only_sending_days_advance_the_ramp() {
    // 2027-09-06 is a Monday; weekends do not send.
    let mut warmup = plan_on("2027-09-06", &[1, 2, 3, 4, 5]);
    warmup.skipped_dates = vec!["2027-09-08".into()];
    let cal = calendar(&warmup, &Wanted::spread([0; 4]), 14).unwrap();
    let steps: Vec<Option<u32>> = cal.days.iter().map(|d| d.step).collect();
    assert_eq!(
        steps,
        [
            Some(0),
            Some(1),
            None,
            Some(2),
            Some(3),
            None,
            None,
            Some(4),
            Some(5),
            Some(6),
            Some(7),
            Some(8),
            None,
            None
        ]
    );
    assert_eq!(cal.days[2].note, "Skipped date: the ramp holds.");
    assert_eq!(cal.days[7].cap, Some(5_000));
}

#[test]
fn a_month_without_sending_starts_the_ramp_again() {
    let mut warmup = plan_on("2027-01-04", &[1, 2, 3, 4, 5, 6, 7]);
    warmup.skipped_dates = (5..=31)
        .map(|d| format!("2027-01-{d:02}"))
        .chain((1..=5).map(|d| format!("2027-02-{d:02}")))
        .collect();
    let cal = calendar(&warmup, &Wanted::spread([0; 4]), 40).unwrap();
    let back = cal.days.iter().find(|d| d.date == "2027-02-06").unwrap();
    assert_eq!(back.step, Some(0));
    assert!(
        back.note.contains("32 days without sending"),
        "{}",
        back.note
    );
}

#[test]
fn cohorts_fill_the_cap_most_engaged_first_and_overflow_follows_the_setting() {
    let mut warmup = plan_on("2027-09-06", &[1, 2, 3, 4, 5, 6, 7]);
    let requested = [150, 100, 100, 100];
    let cal = calendar(&warmup, &Wanted::spread(requested), 3).unwrap();
    // Day 1: cap 200: all of the 30-day cohort, 50 of the 60-day one.
    assert_eq!(cal.days[0].sent, [150, 50, 0, 0]);
    assert_eq!(cal.days[0].over_cap, 250);
    // Deferred mail comes first the next day (cap 500, 250 + 450 wanted).
    assert_eq!(cal.days[1].requested, 700);
    // The 250 deferred are the 60-, 90-day and other cohorts' (50, 100,
    // 100), and are counted in their own cohorts; today's mail fills the
    // other 250, most engaged first.
    assert_eq!(cal.days[1].sent, [150, 150, 100, 100]);
    assert_eq!(cal.days[2].sent, [150, 100, 200, 200]);
    // Each message counts once, however long it waits: 250 held back on
    // the first day and 200 of the second day's own on the second.
    assert_eq!(cal.total_over_cap, 450);
    assert_eq!(cal.max_backlog, 250);
    assert_eq!(cal.backlog_clears_on.as_deref(), Some("2027-09-08"));
    warmup.overflow = Overflow::Suppress;
    let cal = calendar(&warmup, &Wanted::spread(requested), 3).unwrap();
    assert_eq!(cal.days[1].requested, 450);
    assert_eq!(cal.total_over_cap, 250);
}

#[test]
fn the_latest_start_reaches_the_target_on_time() {
    let mut warmup = plan_on("2027-09-06", &[1, 2, 3, 4, 5]);
    warmup.target_volume = 100_000;
    warmup.target_date = "2027-11-26".into();
    let cal = calendar(&warmup, &Wanted::spread([0; 4]), 120).unwrap();
    assert_eq!(cal.reaches_target, Some(true));
    let latest = cal.latest_start.clone().unwrap();
    // From the latest start the target is just reached; a day later it is not.
    let mut late = warmup.clone();
    late.start_date = latest.clone();
    assert_eq!(
        calendar(&late, &Wanted::spread([0; 4]), 1)
            .unwrap()
            .reaches_target,
        Some(true)
    );
    let next = chrono::NaiveDate::parse_from_str(&latest, "%Y-%m-%d")
        .unwrap()
        .succ_opt()
        .unwrap();
    late.start_date = next.to_string();
    assert_eq!(
        calendar(&late, &Wanted::spread([0; 4]), 1)
            .unwrap()
            .reaches_target,
        Some(false)
    );
}

#[test]
fn the_sample_lane_warms_up_for_black_friday_and_exports_csv() {
    let plan = sample_plan();
    let routing = route(&plan);
    let lane = plan.lane("promotional").unwrap();
    let wanted = Wanted::of_lane(&plan, &routing, &lane.id);
    assert!(wanted.peak() > 0);
    let cal = calendar(lane.warmup.as_ref().unwrap(), &wanted, 100).unwrap();
    assert_eq!(cal.reaches_target, Some(true));
    let csv = to_csv(&cal);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("date,sending,ramp_day,daily_cap,wanted,waiting,sent_engaged_30,sent_engaged_60,sent_engaged_90,sent_others,over_cap,off_day,note")
    );
    assert!(lines.next().unwrap().starts_with("2027-09-06,yes,1,50,"));
    assert_eq!(csv.lines().count(), 101);
    // A note with a comma is quoted by the CSV writer.
    assert!(csv.contains("2027-10-11,no,,,27000,0,0,0,0,0,0,27000,\"Skipped date: the ramp holds, and the day's 27,000 messages are not sent.\""), "{csv}");
    // Two weekends in the ramp and the skipped date: five days' promotions.
    assert_eq!(cal.total_off_day, 5 * 27_000);
}

#[test]
fn custom_ramps_grow_hold_and_stop_at_their_cap() {
    let warmup = WarmupPlan {
        preset: WarmupPreset::Custom,
        custom: CustomRamp {
            start_volume: 1_000,
            growth_percent: 50,
            hold_days: 2,
            cap: 5_000,
        },
        start_date: "2027-01-04".into(),
        ..WarmupPlan::default()
    };
    let cal = calendar(&warmup, &Wanted::spread([0; 4]), 10).unwrap();
    let caps: Vec<Option<u64>> = cal.days.iter().map(|d| d.cap).collect();
    assert_eq!(
        caps,
        [
            Some(1_000),
            Some(1_000),
            Some(1_500),
            Some(1_500),
            Some(2_250),
            Some(2_250),
            Some(3_375),
            Some(3_375),
            None,
            None
        ]
    );
    assert_eq!(cal.warm_on.as_deref(), Some("2027-01-12"));
}

#[test]
fn a_custom_ramp_from_the_largest_start_holds_there() {
    use switchyard::warmup::presets::custom_cap;
    assert_eq!(custom_cap(u64::MAX, 10, 1, 0, 5), Some(u64::MAX));
    assert_eq!(custom_cap(u64::MAX, 0, 1, 0, 5), Some(u64::MAX));
    assert_eq!(custom_cap(u64::MAX - 1, 10, 1, u64::MAX, 5), None);
}

#[test]
fn a_warm_lane_sends_every_day_but_its_days_without_sending() {
    // Mon–Fri from Monday 2027-09-06, 1,000 a day wanted: the aggressive
    // ramp covers it before the first weekend, after which weekends send.
    let mut warmup = plan_on("2027-09-06", &[1, 2, 3, 4, 5]);
    warmup.target_volume = 0;
    warmup.target_date = "2027-10-02".into();
    warmup.skipped_dates = vec!["2027-10-09".into()];
    let cal = calendar(&warmup, &Wanted::spread([1000, 0, 0, 0]), 40).unwrap();
    let warm = cal.warm_on.clone().expect("warm within the calendar");
    assert!(warm.as_str() < "2027-09-11", "warm on {warm}");
    for d in &cal.days {
        assert_eq!(d.sending, d.date != "2027-10-09", "{}", d.date);
    }
    let saturday = cal.days.iter().find(|d| d.date == "2027-10-02").unwrap();
    assert_eq!(saturday.requested, 1000);
    // The peak date's cap counts the same sending days as its row.
    assert_eq!(cal.cap_on_target, saturday.cap);
}

#[test]
fn a_warm_lane_back_from_a_long_pause_ramps_on_its_weekdays() {
    // Warm before its first weekend, then 33 days without sending from
    // Monday 2027-09-13: the ramp starts again, on a Monday, not on the
    // Saturday the pause ends.
    let mut warmup = plan_on("2027-09-06", &[1, 2, 3, 4, 5]);
    warmup.target_volume = 0;
    warmup.target_date = "2027-10-18".into();
    let first = NaiveDate::from_ymd_opt(2027, 9, 13).unwrap();
    warmup.skipped_dates = first.iter_days().take(33).map(|d| d.to_string()).collect();
    let cal = calendar(&warmup, &Wanted::spread([1000, 0, 0, 0]), 60).unwrap();
    let day = |date: &str| cal.days.iter().find(|d| d.date == date).unwrap();
    assert!(day("2027-09-11").sending, "a warm lane sends on Saturdays");
    for weekend in ["2027-10-16", "2027-10-17"] {
        assert!(!day(weekend).sending, "{weekend}");
    }
    let back = day("2027-10-18");
    assert_eq!(back.step, Some(0));
    assert!(
        back.note.contains("35 days without sending"),
        "{}",
        back.note
    );
    assert_eq!(cal.cap_on_target, back.cap);
}

#[test]
fn the_day_a_lane_warms_says_when_a_backlog_still_runs_over_the_cap() {
    // A custom ramp doubling from 100 a day, 1,000 a day wanted, deferred:
    // on day five the cap (1,600) covers the day's mail but not the 2,500
    // deferred before it.
    let mut warmup = plan_on("2027-09-06", &[1, 2, 3, 4, 5, 6, 7]);
    warmup.preset = WarmupPreset::Custom;
    warmup.custom = CustomRamp {
        start_volume: 100,
        growth_percent: 100,
        hold_days: 1,
        cap: 0,
    };
    warmup.target_volume = 0;
    warmup.overflow = Overflow::Defer;
    let cal = calendar(&warmup, &Wanted::spread([1000, 0, 0, 0]), 10).unwrap();
    assert_eq!(cal.warm_on.as_deref(), Some("2027-09-10"));
    let warm = &cal.days[4];
    assert_eq!((warm.cap, warm.over_cap), (Some(1600), 1900));
    assert_eq!(
        warm.note,
        "The cap now covers the lane's busiest day. Mail deferred from earlier days still runs over it."
    );
    // A peak target is named only when the lane has one, with its date;
    // a peak volume without a date is named by its figure.
    // (peak date, what the warm day's note starts with)
    let cases = [
        (
            "2027-09-30",
            "The cap now covers the lane's busiest day and its peak target.",
        ),
        (
            "",
            "The cap now covers the lane's busiest day and its peak volume of 1,000 a day.",
        ),
    ];
    for (target_date, note) in cases {
        let targeted = WarmupPlan {
            target_volume: 1000,
            target_date: target_date.into(),
            ..warmup.clone()
        };
        let with_target = calendar(&targeted, &Wanted::spread([1000, 0, 0, 0]), 10).unwrap();
        let said = &with_target.days[4].note;
        assert!(said.starts_with(note), "{target_date}: {said}");
    }
    // The next day's cap (3,200) covers the backlog and the day's mail
    // (2,900). From then on the doubling ramp no longer limits the lane,
    // however far it grows, and the days say so instead of naming a cap.
    assert!(cal.days[5..].iter().all(|d| d.cap.is_none()));
    assert_eq!((cal.days[5].requested, cal.days[5].over_cap), (2900, 0));
    assert!(cal.days[6..]
        .iter()
        .all(|d| d.over_cap == 0 && d.sent == [1000, 0, 0, 0]));
}

#[test]
fn a_weekly_send_ramps_only_on_its_days_and_warms_for_its_busiest_day() {
    let mut plan = sample_plan();
    let promo = plan
        .journeys
        .iter_mut()
        .find(|j| j.id == "weekly-promo")
        .unwrap();
    promo.trigger = Trigger::Scheduled {
        cadence: Cadence::Weekly,
        send_day: Some(Weekday::Tuesday),
        send_date: None,
    };
    // Without the newsletter, the promotional lane has the Tuesday send
    // alone.
    plan.journeys.retain(|j| j.id != "newsletter");
    let routing = route(&plan);
    let lane = plan.lane("promotional").unwrap();
    let wanted = Wanted::of_lane(&plan, &routing, &lane.id);
    assert_eq!(wanted.average(), [0, 0, 18_000, 0]);
    assert_eq!(wanted.peak(), 126_000);
    let warmup = lane.warmup.as_ref().unwrap();
    let cal = calendar(warmup, &wanted, 120).unwrap();
    let sending: Vec<&str> = cal
        .days
        .iter()
        .filter(|d| d.sending)
        .map(|d| d.date.as_str())
        .collect();
    // Tuesdays only, one ramp step each; 2027-09-06 is a Monday.
    assert_eq!(&sending[..3], ["2027-09-07", "2027-09-14", "2027-09-21"]);
    for (step, d) in cal.days.iter().filter(|d| d.sending).enumerate() {
        assert_eq!(d.step, Some(step as u32), "{}", d.date);
        // The peak's Friday sends too, the peak's volume, as the
        // simulation sends it.
        let wants = if d.date == "2027-11-26" {
            60_000
        } else {
            126_000
        };
        assert_eq!(d.requested, wants, "{}", d.date);
    }
    // The first day without mail says why the ramp holds, once.
    assert_eq!(
        cal.days[0].note,
        "No mail wanted today: the ramp holds until the next send."
    );
    assert_eq!(
        cal.days
            .iter()
            .filter(|d| d.note.starts_with("No mail"))
            .count(),
        1
    );
    // Warm only when the cap covers the 126,000 of a Tuesday: later than
    // the same mail spread over the days.
    let spread = calendar(warmup, &Wanted::spread(wanted.average()), 120).unwrap();
    let (weekly_warm, spread_warm) = (cal.warm_on.unwrap(), spread.warm_on.unwrap());
    assert!(
        weekly_warm > spread_warm,
        "{weekly_warm} against {spread_warm}"
    );
}

#[test]
fn spread_journeys_add_up_by_cohort_and_scheduled_ones_stay_apart() {
    let mut plan = sample_plan();
    let weekly = Trigger::Scheduled {
        cadence: Cadence::Weekly,
        send_day: Some(Weekday::Tuesday),
        send_date: None,
    };
    plan.journeys[0].trigger = weekly.clone();
    plan.journeys[1].trigger = weekly;
    let wanted = Wanted::of_journeys(plan.journeys.iter());
    let spread: Vec<&Journey> = plan.journeys[2..].iter().collect();
    let mut by_cohort = [0u64; 4];
    for j in &spread {
        by_cohort[switchyard::warmup::calendar::recipient_cohort(j)] += u64::from(j.daily_volume);
    }
    let expected = Wanted::spread(by_cohort).and(&Wanted::of_journeys(plan.journeys[..2].iter()));
    assert_eq!(wanted, expected);
    // Each day is the sum of its journeys' days, however they are grouped.
    let tuesday = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    for day in tuesday.iter_days().take(14) {
        let apart = plan.journeys.iter().fold([0u64; 4], |mut sum, j| {
            let one = Wanted::of_journeys(std::iter::once(j)).on(day);
            (0..4).for_each(|c| sum[c] += one[c]);
            sum
        });
        assert_eq!(wanted.on(day), apart, "{day}");
    }
}

#[test]
fn mail_wanted_on_a_day_off_waits_or_is_not_sent() {
    // 2027-09-06 is a Monday; the ramp leaves out weekends and skips
    // Wednesday. 100 a day stay under every cap.
    let mut warmup = plan_on("2027-09-06", &[1, 2, 3, 4, 5]);
    warmup.skipped_dates = vec!["2027-09-08".into()];
    // A peak far off keeps the lane warming, so it keeps to its weekdays.
    warmup.target_volume = 100_000;
    let wanted = Wanted::spread([100, 0, 0, 0]);
    // (overflow, requested on Thursday and the next Monday, the notes' end)
    let cases = [
        (
            Overflow::Defer,
            [200, 300],
            "wait for the next sending day.",
        ),
        (Overflow::Suppress, [100, 100], "are not sent."),
    ];
    for (overflow, [thursday, monday], fate) in cases {
        warmup.overflow = overflow;
        let cal = calendar(&warmup, &wanted, 8).unwrap();
        let day = |date: &str| cal.days.iter().find(|d| d.date == date).unwrap();
        let wednesday = day("2027-09-08");
        assert_eq!((wednesday.sending, wednesday.requested), (false, 0));
        assert_eq!(wednesday.off_day, 100);
        assert_eq!(
            wednesday.note,
            format!("Skipped date: the ramp holds, and the day's 100 messages {fate}")
        );
        assert_eq!(
            day("2027-09-11").note,
            format!("Not a sending day in the ramp: the day's 100 messages {fate}")
        );
        assert_eq!(day("2027-09-09").requested, thursday, "{overflow:?}");
        assert_eq!(day("2027-09-13").requested, monday, "{overflow:?}");
        // Deferred, Saturday's mail waits on over Sunday, which wants it
        // with its own, as the simulator's Sunday does.
        let waits = if overflow == Overflow::Defer { 100 } else { 0 };
        let sunday = day("2027-09-12");
        assert_eq!(
            (
                sunday.sending,
                sunday.requested,
                sunday.waiting,
                sunday.off_day
            ),
            (false, waits, waits, 100),
            "{overflow:?}"
        );
        assert_eq!((cal.total_off_day, cal.total_over_cap), (300, 0));
        let csv = to_csv(&cal);
        assert!(
            csv.lines()
                .nth(3)
                .unwrap()
                .contains(",0,100,\"Skipped date"),
            "{csv}"
        );
    }
    // A day off that wants nothing says only why the ramp holds.
    let cal = calendar(&warmup, &Wanted::spread([0; 4]), 8).unwrap();
    assert_eq!(cal.days[2].note, "Skipped date: the ramp holds.");
    assert_eq!((cal.days[5].note.as_str(), cal.total_off_day), ("", 0));
}

#[test]
fn the_ramp_ends_on_one_of_its_own_weekdays() {
    // Started on a Friday, the sample's Mon–Fri ramp ends its climb on a
    // Friday below the peak; the Saturday after is not its first warm day.
    for start in ["2027-09-03", "2028-03-10"] {
        let plan = sample_plan();
        let routing = route(&plan);
        let mut w = plan.lanes[2].warmup.clone().unwrap();
        w.start_date = start.into();
        let wanted = Wanted::of_lane(&plan, &routing, "promotional");
        let cal = calendar(&w, &wanted, 60).unwrap();
        let warm = cal.warm_on.clone().expect("warm within 60 days");
        let day = NaiveDate::parse_from_str(&warm, "%Y-%m-%d").unwrap();
        let weekday = chrono::Datelike::weekday(&day).number_from_monday() as u8;
        assert!(
            w.sending_weekdays.contains(&weekday),
            "{start}: warm on {warm}"
        );
        // After that, weekends send too.
        let weekend = cal
            .days
            .iter()
            .skip_while(|d| d.date != warm)
            .find(|d| {
                let d = NaiveDate::parse_from_str(&d.date, "%Y-%m-%d").unwrap();
                chrono::Datelike::weekday(&d).number_from_monday() > 5
            })
            .unwrap();
        assert!(weekend.sending, "{start}: {weekend:?}");
    }
}

#[test]
fn the_largest_backlog_counts_mail_waiting_over_a_weekend() {
    let warmup = plan_on("2027-09-06", &[1, 2, 3, 4, 5]);
    let cal = calendar(&warmup, &Wanted::spread([500_000, 0, 0, 0]), 10).unwrap();
    let monday = cal.days.iter().find(|d| d.date == "2027-09-13").unwrap();
    assert!(monday.waiting > 0);
    assert!(
        cal.max_backlog >= monday.waiting,
        "{} against {} waiting on Monday",
        cal.max_backlog,
        monday.waiting
    );
}

#[test]
fn a_weekly_schedule_steps_up_each_calendar_week() {
    // Salesforce's weekly caps on a Monday-to-Friday ramp from a Monday:
    // week 2 starts the next Monday, not after seven sending days.
    let mut warmup = plan_on("2027-09-06", &[1, 2, 3, 4, 5]);
    warmup.preset = WarmupPreset::SalesforceWeekly;
    let cal = calendar(&warmup, &Wanted::spread([2_000_000, 0, 0, 0]), 21).unwrap();
    let cap = |date: &str| cal.days.iter().find(|d| d.date == date).unwrap().cap;
    assert_eq!(cap("2027-09-10"), Some(50_000));
    assert_eq!(cap("2027-09-13"), Some(100_000));
    assert_eq!(cap("2027-09-20"), Some(200_000));
}

#[test]
fn a_peak_day_wants_the_peak_exactly_whatever_its_cohorts() {
    // Three cohorts of one message each, swollen to a peak of 10, round
    // down to 9 unless the rest goes somewhere.
    let warmup = WarmupPlan {
        target_volume: 10,
        target_date: "2027-09-08".into(),
        start_date: "2027-09-06".into(),
        ..sample_plan().lanes[2].warmup.clone().unwrap()
    };
    let cal = calendar(&warmup, &Wanted::spread([1, 1, 1, 0]), 5).unwrap();
    let peak = cal.days.iter().find(|d| d.date == "2027-09-08").unwrap();
    assert_eq!(peak.requested + peak.off_day, 10);
}

#[test]
fn a_calendar_says_how_late_its_deferred_mail_goes_out() {
    // (case, first cap, growth, sending weekdays, start, most days late):
    // 1,500 engaged mail a day, deferred over the cap and on days off.
    type Case<'a> = (&'a str, u64, u32, &'a [u8], &'a str, u32);
    let cases: [Case; 4] = [
        (
            "under the cap",
            1500,
            40,
            &[1, 2, 3, 4, 5, 6, 7],
            "2027-01-04",
            0,
        ),
        (
            "over the cap a day",
            500,
            100,
            &[1, 2, 3, 4, 5, 6, 7],
            "2027-01-04",
            1,
        ),
        (
            "a weekend off, from a Friday",
            1000,
            100,
            &[1, 2, 3, 4, 5],
            "2027-01-08",
            3,
        ),
        (
            "over the cap for days",
            200,
            40,
            &[1, 2, 3, 4, 5, 6, 7],
            "2027-01-04",
            4,
        ),
    ];
    for (case, start_volume, growth_percent, weekdays, start, late) in cases {
        let w = WarmupPlan {
            preset: WarmupPreset::Custom,
            custom: CustomRamp {
                start_volume,
                growth_percent,
                ..CustomRamp::default()
            },
            start_date: start.into(),
            sending_weekdays: weekdays.to_vec(),
            overflow: Overflow::Defer,
            ..WarmupPlan::default()
        };
        let cal = calendar(&w, &Wanted::spread([1500, 0, 0, 0]), 60).unwrap();
        assert_eq!(cal.most_days_late, late, "{case}");
        assert_eq!(
            cal.total_over_cap + cal.total_off_day > 0,
            late > 0,
            "{case}"
        );
    }
}
