//! One-off sends: a scheduled journey that goes out once, on a date. Its
//! mail on the calendars and in the simulation, its words in the journey
//! list and an undo's notice, the plan file (older files read as they
//! were) and the findings about its date.

use chrono::NaiveDate;
use serde_json::Value;
use switchyard::plan::diagnostic::{Diagnostic, Severity};
use switchyard::plan::edit::{edit_plan, once_note, Edit, JourneyField, SetAside};
use switchyard::plan::io::{export, import};
use switchyard::plan::model::*;
use switchyard::plan::routing::route;
use switchyard::plan::sample::sample_plan;
use switchyard::plan::schedule::{peak_day, quiet_day, Schedule};
use switchyard::plan::state::{apply, Action, PlannerState};
use switchyard::plan::validate::validate;
use switchyard::review::findings::findings;
use switchyard::review::lint::lint;
use switchyard::simulate::{simulate, Settings};
use switchyard::warmup::calendar::Wanted;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn one_off(date: Option<&str>) -> Trigger {
    Trigger::Scheduled {
        cadence: Cadence::OneOff,
        send_day: None,
        send_date: date.map(str::to_string),
    }
}

/// The sample with its weekly promotion (18,000 a day) sent once instead.
fn launch(date: Option<&str>) -> Plan {
    let mut plan = sample_plan();
    let promo = plan.journeys.iter_mut().find(|j| j.id == "weekly-promo");
    promo.unwrap().trigger = one_off(date);
    plan
}

#[test]
fn a_one_off_carries_its_volume_on_its_date_only() {
    let once = Schedule::Once(Some(day("2027-11-18")));
    // (the schedule, the day, the days' worth it sends)
    let cases = [
        (once, "2027-11-18", 1.0),
        (once, "2027-11-17", 0.0),
        (once, "2027-11-19", 0.0),
        (once, "2027-11-25", 0.0),
        (once, "2028-11-18", 0.0),
        (Schedule::Once(None), "2027-11-18", 0.0),
    ];
    for (schedule, date, worth) in cases {
        assert_eq!(schedule.days_worth(day(date)), worth, "{schedule:?} {date}");
    }
}

#[test]
fn a_journey_reads_its_one_off_schedule_from_its_trigger() {
    let with = |trigger: Trigger| Journey {
        trigger,
        ..Journey::new("j", "Launch")
    };
    let cases = [
        (
            one_off(Some("2027-11-18")),
            Schedule::Once(Some(day("2027-11-18"))),
        ),
        (
            one_off(Some(" 2027-11-18 ")),
            Schedule::Once(Some(day("2027-11-18"))),
        ),
        (one_off(None), Schedule::Once(None)),
        (one_off(Some("next Thursday")), Schedule::Once(None)),
        (one_off(Some("2027-02-30")), Schedule::Once(None)),
        // A send day on a one-off is not its schedule.
        (
            Trigger::Scheduled {
                cadence: Cadence::OneOff,
                send_day: Some(Weekday::Tuesday),
                send_date: Some("2027-11-18".into()),
            },
            Schedule::Once(Some(day("2027-11-18"))),
        ),
        // A date left on another cadence is not either.
        (
            Trigger::Scheduled {
                cadence: Cadence::Weekly,
                send_day: Some(Weekday::Tuesday),
                send_date: Some("2027-11-18".into()),
            },
            Schedule::On(Cadence::Weekly, Weekday::Tuesday),
        ),
    ];
    for (trigger, schedule) in cases {
        assert_eq!(
            Schedule::of(&with(trigger.clone())),
            schedule,
            "{trigger:?}"
        );
    }
}

#[test]
fn the_busiest_day_counts_a_one_off_with_what_else_goes_out_that_day() {
    let weekly = Schedule::On(Cadence::Weekly, Weekday::Thursday);
    let once = |d: &str| Schedule::Once(Some(day(d)));
    // (the mail, the busiest day, the quietest day)
    type Mail = Vec<(f64, Schedule)>;
    let cases: Vec<(Mail, f64, f64)> = vec![
        (vec![(5_000.0, once("2027-11-18"))], 5_000.0, 0.0),
        // Without a date it may go out on any day: on the busiest, at worst.
        (vec![(5_000.0, Schedule::Once(None))], 5_000.0, 0.0),
        (
            vec![(1_000.0, weekly), (5_000.0, Schedule::Once(None))],
            12_000.0,
            0.0,
        ),
        (
            vec![
                (1_000.0, weekly),
                (5_000.0, once("2027-11-19")),
                (4_000.0, Schedule::Once(None)),
            ],
            11_000.0,
            0.0,
        ),
        (
            vec![
                (300.0, Schedule::Spread),
                (5_000.0, Schedule::Once(None)),
                (4_000.0, Schedule::Once(None)),
            ],
            9_300.0,
            300.0,
        ),
        // 2027-11-18 is a Thursday: the weekly send goes out with it.
        (
            vec![(1_000.0, weekly), (5_000.0, once("2027-11-18"))],
            12_000.0,
            0.0,
        ),
        // On a Friday it does not: the week's send stays the busiest day.
        (
            vec![(1_000.0, weekly), (5_000.0, once("2027-11-19"))],
            7_000.0,
            0.0,
        ),
        // Two one-offs on different dates never meet.
        (
            vec![(5_000.0, once("2027-11-18")), (4_000.0, once("2027-11-19"))],
            5_000.0,
            0.0,
        ),
        (
            vec![(5_000.0, once("2027-11-18")), (4_000.0, once("2027-11-18"))],
            9_000.0,
            0.0,
        ),
        // Spread mail goes out every day, one-off or not.
        (
            vec![(300.0, Schedule::Spread), (5_000.0, once("2027-11-18"))],
            5_300.0,
            300.0,
        ),
    ];
    for (mail, busiest, quietest) in cases {
        assert_eq!(peak_day(&mail), busiest, "{mail:?}");
        assert_eq!(quiet_day(&mail), quietest, "{mail:?}");
    }
}

#[test]
fn a_one_off_without_a_date_counts_on_the_lanes_busiest_day_and_is_said_to() {
    // The promotional lane carries the newsletter, 9,000 a day spread,
    // and the launch of 18,000: 27,000 on its busiest day, dated or not.
    // (the send date, the peak target, the peak finding and its words)
    let undated = "counting Weekly promotion, a one-off send with no date yet, on that day.";
    let cases = [
        (None, 10_000, Some(("warmup.peak_below_mail", undated))),
        (
            Some("2027-11-18"),
            10_000,
            Some(("warmup.peak_below_mail", "send on their busiest day.")),
        ),
        // A peak for the launch is no peak far above the lane's mail,
        // whatever day the launch gets.
        (None, 30_000, None),
        (Some("2027-11-18"), 30_000, None),
        (None, 100_000, Some(("warmup.peak_above_mail", undated))),
    ];
    for (date, target, expected) in cases {
        let mut plan = launch(date);
        let routing = route(&plan);
        let wanted = Wanted::of_lane(&plan, &routing, "promotional");
        assert_eq!(wanted.peak(), 27_000, "{date:?}");
        plan.lanes[2].warmup.as_mut().unwrap().target_volume = target;
        let found: Vec<(String, String)> = lint(&plan, &route(&plan))
            .into_iter()
            .filter(|d| d.path == "$.lanes[2].warmup.target_volume")
            .map(|d| (d.code.to_string(), d.message))
            .collect();
        let case = format!("{date:?} {target}");
        match expected {
            None => assert_eq!(found, vec![], "{case}"),
            Some((code, says)) => {
                assert_eq!(found.len(), 1, "{case}: {found:?}");
                assert_eq!(found[0].0, code, "{case}");
                assert!(found[0].1.contains("27,000"), "{case}: {}", found[0].1);
                assert!(found[0].1.ends_with(says), "{case}: {}", found[0].1);
            }
        }
    }
    // The finding on the date says where its mail is counted meanwhile.
    let plan = launch(None);
    let finding = validate(&plan)
        .into_iter()
        .find(|d| d.code == "journey.send_date")
        .unwrap();
    assert!(
        finding
            .message
            .contains("the warm-ups count it on the lane's busiest day"),
        "{}",
        finding.message
    );
    assert_eq!(
        finding.hint,
        "Enter the day it goes out as YYYY-MM-DD, from 2027-09-06 to 2027-12-04, the simulated days."
    );
}

#[test]
fn the_warm_up_calendar_wants_the_one_off_on_its_date() {
    let plan = launch(Some("2027-11-18"));
    let without = {
        let mut plan = plan.clone();
        plan.journeys.retain(|j| j.id != "weekly-promo");
        plan
    };
    let routing = route(&plan);
    let lane = (routing.route_of("weekly-promo"))
        .and_then(|r| r.lane_id.clone())
        .expect("the promotion is routed");
    let wanted = |plan: &Plan, date: &str| -> u64 {
        Wanted::of_lane(plan, &route(plan), &lane)
            .on(day(date))
            .iter()
            .sum()
    };
    // (the day, the one-off's mail that day)
    let cases = [
        ("2027-11-17", 0),
        ("2027-11-18", 18_000),
        ("2027-11-19", 0),
        ("2027-11-25", 0),
    ];
    for (date, mail) in cases {
        assert_eq!(wanted(&plan, date) - wanted(&without, date), mail, "{date}");
    }
}

#[test]
fn the_simulation_sends_the_one_off_on_its_date() {
    let mut plan = launch(Some("2027-09-16"));
    // A warm lane without a cap, so no mail waits for a later day.
    let promotional = plan.lanes.iter_mut().find(|l| l.id == "promotional");
    let promotional = promotional.unwrap();
    promotional.warmup = None;
    promotional.status = LaneStatus::Warm;
    let mut without = plan.clone();
    without.journeys.retain(|j| j.id != "weekly-promo");
    let settings = Settings {
        start_date: "2027-09-13".into(),
        days: 7,
        ..Settings::default()
    };
    let requested = |plan: &Plan| -> Vec<f64> {
        let run = simulate(plan, &route(plan), &settings, &[]).expect("a start date is set");
        let lane = run.lanes.iter().find(|l| l.lane_id == "promotional");
        lane.unwrap().days.iter().map(|d| d.requested).collect()
    };
    let (with, without) = (requested(&plan), requested(&without));
    let extra: Vec<f64> = with.iter().zip(&without).map(|(a, b)| a - b).collect();
    // 13 to 19 September: the send on the 16th, nothing on other days.
    for (i, mail) in extra.iter().enumerate() {
        let expected = if i == 3 { 18_000.0 } else { 0.0 };
        assert!((mail - expected).abs() < 1e-6, "day {i}: {extra:?}");
    }
}

#[test]
fn the_journey_list_says_when_a_one_off_goes_out() {
    let cases = [
        (one_off(Some("2027-11-18")), "Scheduled, once on 2027-11-18"),
        (one_off(None), "Scheduled, once (no date yet)"),
        (one_off(Some("  ")), "Scheduled, once (no date yet)"),
    ];
    for (trigger, words) in cases {
        assert_eq!(trigger.summary(), words);
    }
    assert!(Cadence::ALL.contains(&Cadence::OneOff));
    assert_eq!(Cadence::OneOff.option(), "Once, on a date");
}

#[test]
fn a_one_off_is_kept_in_the_plan_file_and_older_files_read_as_they_were() {
    // The sample has no one-off: its file has no send date, as before.
    let sample = sample_plan();
    let text = export(&sample);
    assert!(!text.contains("send_date") && !text.contains("one_off"));
    assert_eq!(import(text.as_bytes()).unwrap().plan, sample);
    // A file from before one-offs, exactly as the golden file keeps it.
    let old = include_str!("golden/sample-plan.json");
    assert!(!old.contains("send_date"));
    let plan = import(old.as_bytes())
        .expect("an older file still imports")
        .plan;
    assert_eq!(export(&plan), old, "read and written unchanged");
    // A one-off writes its cadence and date, and reads back the same.
    let plan = launch(Some("2027-11-18"));
    let text = export(&plan);
    let json: Value = serde_json::from_str(&text).unwrap();
    let trigger = &json["journeys"][10]["trigger"];
    assert_eq!(trigger["kind"], "scheduled");
    assert_eq!(trigger["cadence"], "one_off");
    assert_eq!(trigger["send_date"], "2027-11-18");
    assert_eq!(import(text.as_bytes()).unwrap().plan, plan);
    // Without a date the field is left out, and the plan still reads.
    let plan = launch(None);
    let text = export(&plan);
    assert!(!text.contains("send_date"));
    assert_eq!(import(text.as_bytes()).unwrap().plan, plan);
}

#[test]
fn a_one_offs_volume_is_worded_as_one_send() {
    let with = |cadence: Cadence| {
        let mut plan = sample_plan();
        plan.journeys[10].trigger = Trigger::Scheduled {
            cadence,
            send_day: None,
            send_date: (cadence == Cadence::OneOff).then(|| "2027-11-18".into()),
        };
        plan
    };
    // (the cadence, its volume's label, its cell in a table, what an
    // undo of a new volume says, what a volume out of range says)
    let cases = [
        (
            Cadence::Weekly,
            "Messages per day",
            "18,000",
            "its messages per day changed from 20,000 to 18,000.",
            "2,000,000,000 messages a day is beyond what one journey sends.",
        ),
        (
            Cadence::OneOff,
            "Messages in the send",
            "18,000 once",
            "its messages in the send changed from 20,000 to 18,000.",
            "2,000,000,000 messages in one send is beyond what one journey sends.",
        ),
    ];
    for (cadence, label, cell, undone, too_many) in cases {
        let plan = with(cadence);
        let j = &plan.journeys[10];
        assert_eq!((j.volume_label(), j.volume_cell()), (label, cell.into()));
        // The lanes' loads keep a one-off's send apart from a day's mail.
        let loads = switchyard::plan::routing::lane_loads(&plan, &route(&plan));
        let promotional = (loads.iter())
            .find(|l| l.lane_id.as_deref() == Some("promotional"))
            .unwrap();
        let once = if cadence == Cadence::OneOff {
            18_000
        } else {
            0
        };
        assert_eq!(
            (promotional.daily_volume, promotional.one_off_volume),
            (27_000 - once, once),
            "{cadence:?}"
        );
        assert_eq!(
            loads.iter().map(|l| l.share_percent).sum::<f64>().round(),
            100.0
        );
        // An undo's notice names the field as its editor labels it.
        let state = PlannerState::with_plans(vec![(plan.clone(), 1)], None);
        let edited = apply(
            &state,
            Action::Edit(Edit::Journey {
                journey: "weekly-promo".into(),
                set: JourneyField::DailyVolume(20_000),
            }),
        );
        let after_undo = apply(&edited, Action::Undo);
        let notice = after_undo.notice.map(|n| n.text).unwrap_or_default();
        assert!(notice.ends_with(undone), "{cadence:?}: {notice}");
        // So does a finding on the volume.
        let mut plan = plan;
        plan.journeys[10].daily_volume = 2_000_000_000;
        let found = validate(&plan)
            .into_iter()
            .find(|d| d.code == "journey.volume")
            .unwrap();
        assert_eq!(found.message, too_many, "{cadence:?}");
    }
}

#[test]
fn a_send_date_on_another_kind_of_trigger_is_refused() {
    let mut json: Value = serde_json::from_str(&export(&sample_plan())).unwrap();
    json["journeys"][3]["trigger"]["send_date"] = "2027-11-18".into();
    let e = import(json.to_string().as_bytes()).expect_err("an event has no send date");
    assert!(e.message.contains("send_date"), "{}", e.message);
    assert!(!e.hint.is_empty());
}

/// The findings about journey 10's send date, as (code, severity, fix).
fn send_date_findings(plan: &Plan) -> Vec<(String, Severity, Option<String>)> {
    validate(plan)
        .into_iter()
        .filter(|d| d.path == "$.journeys[10].trigger.send_date")
        .map(|d| {
            assert!(!d.hint.is_empty(), "{d:?}");
            let fix = d.fix.map(|f| f.label);
            (d.code.to_string(), d.severity, fix)
        })
        .collect()
}

#[test]
fn a_one_off_without_a_usable_date_is_found_with_a_hint() {
    let sim = |start: &'static str, days: u32| {
        move |plan: &mut Plan| {
            plan.simulation.start_date = start.into();
            plan.simulation.days = days;
        }
    };
    type Setup = Box<dyn Fn(&mut Plan)>;
    let keep: Setup = Box::new(|_| {});
    let no_warmups: Setup = Box::new(|plan: &mut Plan| {
        plan.lanes.iter_mut().for_each(|l| l.warmup = None);
    });
    // The sample simulates 90 days from its warm-up's start: 2027-09-06 to
    // 2027-12-04. (the date, the plan's settings, what is found)
    type Found = Vec<(&'static str, Severity, Option<&'static str>)>;
    let cases: Vec<(Option<&str>, Setup, Found)> = vec![
        (Some("2027-11-18"), keep, vec![]),
        (Some("2027-09-06"), Box::new(|_| {}), vec![]),
        (Some("2027-12-04"), Box::new(|_| {}), vec![]),
        (
            None,
            Box::new(|_| {}),
            vec![("journey.send_date", Severity::Error, None)],
        ),
        (
            Some(" "),
            Box::new(|_| {}),
            vec![("journey.send_date", Severity::Error, None)],
        ),
        (
            Some("18/11/2027"),
            Box::new(|_| {}),
            vec![("journey.send_date", Severity::Error, None)],
        ),
        (
            Some("2027-12-05"),
            Box::new(|_| {}),
            vec![(
                "journey.send_date_outside",
                Severity::Warning,
                Some("Simulate 91 days to reach 2027-12-05"),
            )],
        ),
        (
            Some("2027-09-05"),
            Box::new(|_| {}),
            vec![("journey.send_date_outside", Severity::Warning, None)],
        ),
        // Past the longest simulation: no fix reaches it.
        (
            Some("2029-01-01"),
            Box::new(|_| {}),
            vec![("journey.send_date_outside", Severity::Warning, None)],
        ),
        // The simulation's own first day wins over the warm-up's; starting
        // it on the send date, its last day kept, brings the send in.
        (
            Some("2027-11-18"),
            Box::new(sim("2027-12-01", 30)),
            vec![(
                "journey.send_date_outside",
                Severity::Warning,
                Some("Simulate from 2027-11-18 to 2027-12-30"),
            )],
        ),
        // Unless that takes more days than a simulation runs.
        (
            Some("2027-11-18"),
            Box::new(sim("2027-12-01", 360)),
            vec![("journey.send_date_outside", Severity::Warning, None)],
        ),
        // Before its lane's warm-up starts, the lane carries none of its
        // mail, simulated or not: no first day brings it in.
        (
            Some("2027-09-01"),
            Box::new(sim("2027-12-01", 30)),
            vec![("journey.send_date_outside", Severity::Warning, None)],
        ),
        // Through a warm lane, it is sent on any simulated day.
        (
            Some("2027-09-01"),
            Box::new(move |plan: &mut Plan| {
                sim("2027-10-01", 30)(plan);
                let promotional = plan.lanes.iter_mut().find(|l| l.id == "promotional");
                let promotional = promotional.unwrap();
                promotional.status = LaneStatus::Warm;
                promotional.warmup = None;
            }),
            vec![(
                "journey.send_date_outside",
                Severity::Warning,
                Some("Simulate from 2027-09-01 to 2027-10-30"),
            )],
        ),
        (Some("2027-12-20"), Box::new(sim("2027-12-01", 30)), vec![]),
        // With no first day at all, there are no simulated days to leave.
        (Some("2031-01-01"), no_warmups, vec![]),
        // A first day that is not a date is its own finding.
        (Some("2031-01-01"), Box::new(sim("soon", 30)), vec![]),
    ];
    for (date, setup, expected) in cases {
        let mut plan = launch(date);
        setup(&mut plan);
        let expected: Vec<_> = (expected.into_iter())
            .map(|(code, severity, fix)| (code.to_string(), severity, fix.map(String::from)))
            .collect();
        assert_eq!(send_date_findings(&plan), expected, "{date:?}");
    }
}

#[test]
fn the_fixes_for_a_send_date_do_what_they_say() {
    // Simulating more days brings a late one-off into the plan.
    let mut plan = launch(Some("2027-12-05"));
    let finding = validate(&plan)
        .into_iter()
        .find(|d| d.code == "journey.send_date_outside")
        .unwrap();
    edit_plan(&mut plan, Edit::Many(finding.fix.unwrap().edits));
    assert_eq!(plan.simulation.days, 91);
    assert_eq!(send_date_findings(&plan), vec![]);
    // A date left on a weekly send is said to do nothing, and cleared.
    let mut plan = sample_plan();
    plan.journeys[10].trigger = Trigger::Scheduled {
        cadence: Cadence::Weekly,
        send_day: None,
        send_date: Some("2027-11-18".into()),
    };
    let found = send_date_findings(&plan);
    assert_eq!(
        found,
        vec![(
            "journey.send_date_unused".to_string(),
            Severity::Warning,
            Some("Clear the send date of “Weekly promotion”".to_string())
        )]
    );
    let finding = validate(&plan)
        .into_iter()
        .find(|d| d.code == "journey.send_date_unused")
        .unwrap();
    edit_plan(&mut plan, Edit::Many(finding.fix.unwrap().edits));
    assert_eq!(plan, sample_plan());
}

#[test]
fn an_early_send_is_simulated_from_its_date_or_told_why_not() {
    // The simulation runs 30 days from its first day; the send goes out
    // earlier. (the first day, the send date, the hint's words, whether a
    // fix sends it)
    let cases = [
        (
            "2027-12-01",
            "2027-11-18",
            "or start the simulation on 2027-11-18 (Simulation › first day), keeping its last day.",
            true,
        ),
        (
            "2027-12-01",
            "2027-09-01",
            "its lane, Promotional, carries no mail before its warm-up starts on 2027-09-06",
            false,
        ),
        (
            "2028-12-01",
            "2027-11-18",
            "a simulation runs at most 365 days, too few to reach back to 2027-11-18 and keep 2028-12-30.",
            false,
        ),
    ];
    for (first, date, says, fixed) in cases {
        let mut plan = launch(Some(date));
        plan.simulation.start_date = first.into();
        plan.simulation.days = 30;
        let finding = validate(&plan)
            .into_iter()
            .find(|d| d.code == "journey.send_date_outside")
            .unwrap_or_else(|| panic!("{date}"));
        assert!(finding.hint.contains(says), "{date}: {}", finding.hint);
        assert_eq!(finding.fix.is_some(), fixed, "{date}");
        let Some(fix) = finding.fix else { continue };
        edit_plan(&mut plan, Edit::Many(fix.edits));
        // The first day is the send's and the last day stays.
        assert_eq!(plan.simulation.start_date, date);
        assert_eq!(plan.simulation.days, 43);
        assert_eq!(send_date_findings(&plan), vec![]);
        // And the simulation now sends it, on its date.
        let (settings, _) = switchyard::simulate::from_plan(&plan).unwrap();
        let run = simulate(&plan, &route(&plan), &settings, &[]).unwrap();
        let lane = run.lanes.iter().find(|l| l.lane_id == "promotional");
        let day = (lane.unwrap().days.iter()).find(|d| d.date == date);
        assert!(day.unwrap().requested >= 18_000.0, "{date}: {day:?}");
    }
}

#[test]
fn choosing_a_cadence_keeps_only_the_day_or_date_it_uses() {
    let edit = |set: JourneyField| Edit::Journey {
        journey: "weekly-promo".into(),
        set,
    };
    let trigger = |cadence, send_day, send_date: Option<&str>| Trigger::Scheduled {
        cadence,
        send_day,
        send_date: send_date.map(String::from),
    };
    let tuesday = Some(Weekday::Tuesday);
    // (the edits in turn, the trigger after them)
    let cases = [
        (
            vec![edit(JourneyField::SendDay(tuesday))],
            trigger(Cadence::Weekly, tuesday, None),
        ),
        (
            vec![
                edit(JourneyField::SendDay(tuesday)),
                edit(JourneyField::Cadence(Cadence::OneOff)),
            ],
            trigger(Cadence::OneOff, None, None),
        ),
        (
            vec![
                edit(JourneyField::Cadence(Cadence::OneOff)),
                edit(JourneyField::SendDate(" 2027-11-18 ".into())),
            ],
            trigger(Cadence::OneOff, None, Some("2027-11-18")),
        ),
        (
            vec![
                edit(JourneyField::Cadence(Cadence::OneOff)),
                edit(JourneyField::SendDate("2027-11-18".into())),
                edit(JourneyField::SendDate("".into())),
            ],
            trigger(Cadence::OneOff, None, None),
        ),
        (
            vec![
                edit(JourneyField::Cadence(Cadence::OneOff)),
                edit(JourneyField::SendDate("2027-11-18".into())),
                edit(JourneyField::Cadence(Cadence::Monthly)),
            ],
            trigger(Cadence::Monthly, None, None),
        ),
    ];
    for (edits, expected) in cases {
        let mut plan = sample_plan();
        for e in edits.clone() {
            edit_plan(&mut plan, e);
        }
        assert_eq!(plan.journeys[10].trigger, expected, "{edits:?}");
    }
    // A send date given to a journey that is not scheduled changes nothing.
    let mut plan = sample_plan();
    let cart = Edit::Journey {
        journey: "cart-recovery".into(),
        set: JourneyField::SendDate("2027-11-18".into()),
    };
    edit_plan(&mut plan, cart);
    assert_eq!(plan, sample_plan());
}

/// The journey editor's cadence changes, as it makes them: each from the
/// plan as it then is, with what earlier changes set aside.
fn change_cadences(plan: &mut Plan, set_aside: &mut SetAside, changes: &[Step]) {
    let promo = |plan: &Plan| plan.journeys[10].trigger.clone();
    for step in changes {
        set_aside.note(&promo(plan));
        let set = match step {
            Step::To(cadence) => set_aside.cadence(*cadence),
            Step::Day(day) => JourneyField::SendDay(*day),
            Step::Date(date) => JourneyField::SendDate(date.to_string()),
        };
        let journey = "weekly-promo".to_string();
        edit_plan(plan, Edit::Journey { journey, set });
    }
    set_aside.note(&promo(plan));
}

/// A change in the journey editor.
#[derive(Debug)]
enum Step {
    To(Cadence),
    Day(Option<Weekday>),
    Date(&'static str),
}

#[test]
fn a_cadence_changed_away_and_back_keeps_its_send_day_and_date() {
    use Cadence::*;
    use Step::*;
    let trigger = |cadence, send_day, send_date: Option<&str>| Trigger::Scheduled {
        cadence,
        send_day,
        send_date: send_date.map(String::from),
    };
    let tuesday = Some(Weekday::Tuesday);
    // (the changes, the trigger after them)
    let cases = [
        (
            vec![Day(tuesday), To(OneOff), To(Weekly)],
            trigger(Weekly, tuesday, None),
        ),
        (
            vec![Day(tuesday), To(Daily), To(Monthly)],
            trigger(Monthly, tuesday, None),
        ),
        (
            vec![Day(tuesday), To(Fortnightly)],
            trigger(Fortnightly, tuesday, None),
        ),
        // A day chosen meanwhile is the one kept.
        (
            vec![
                Day(tuesday),
                To(Monthly),
                Day(Some(Weekday::Friday)),
                To(OneOff),
                To(Weekly),
            ],
            trigger(Weekly, Some(Weekday::Friday), None),
        ),
        // Mail spread over every day stays spread.
        (
            vec![Day(tuesday), Day(None), To(OneOff), To(Weekly)],
            trigger(Weekly, None, None),
        ),
        // A one-off has no day of the week, and a weekly send no date.
        (vec![Day(tuesday), To(OneOff)], trigger(OneOff, None, None)),
        (
            vec![Day(tuesday), To(OneOff), Date("2027-11-18"), To(Weekly)],
            trigger(Weekly, tuesday, None),
        ),
        // The one-off's date comes back with it.
        (
            vec![
                Day(tuesday),
                To(OneOff),
                Date("2027-11-18"),
                To(Weekly),
                To(OneOff),
            ],
            trigger(OneOff, None, Some("2027-11-18")),
        ),
        (
            vec![
                To(OneOff),
                Date("2027-11-18"),
                Date(""),
                To(Daily),
                To(OneOff),
            ],
            trigger(OneOff, None, None),
        ),
    ];
    for (changes, expected) in cases {
        let mut plan = sample_plan();
        change_cadences(&mut plan, &mut SetAside::default(), &changes);
        assert_eq!(plan.journeys[10].trigger, expected, "{changes:?}");
        // The plan file has only the fields its cadence uses.
        let json: Value = serde_json::from_str(&export(&plan)).unwrap();
        let written = &json["journeys"][10]["trigger"];
        let has = |field: &str| written.get(field).is_some_and(|v| !v.is_null());
        let Trigger::Scheduled {
            send_day,
            send_date,
            ..
        } = &expected
        else {
            unreachable!()
        };
        assert_eq!(
            has("send_day"),
            send_day.is_some(),
            "{changes:?}: {written}"
        );
        assert_eq!(
            has("send_date"),
            send_date.is_some(),
            "{changes:?}: {written}"
        );
    }
    // An undo of the change back to weekly is back to the one-off, and
    // one more undo is weekly on Tuesdays.
    let mut plan = sample_plan();
    let mut set_aside = SetAside::default();
    change_cadences(&mut plan, &mut set_aside, &[Day(tuesday)]);
    let mut state = PlannerState::with_plans(vec![(plan.clone(), 1)], None);
    for to in [OneOff, Weekly] {
        set_aside.note(&state.plan().journeys[10].trigger);
        let set = set_aside.cadence(to);
        let journey = "weekly-promo".to_string();
        state = apply(&state, Action::Edit(Edit::Journey { journey, set }));
    }
    assert_eq!(
        state.plan().journeys[10].trigger,
        trigger(Weekly, tuesday, None)
    );
    state = apply(&state, Action::Undo);
    // A change the editor makes as a whole trigger still reads as one of
    // the cadence.
    let said = |s: &PlannerState| s.notice.as_ref().map(|n| n.text.clone());
    let undone = "Undone: the journey “Weekly promotion”: its cadence changed from";
    assert_eq!(said(&state), Some(format!("{undone} weekly to once.")));
    assert_eq!(
        state.plan().journeys[10].trigger,
        trigger(OneOff, None, None)
    );
    state = apply(&state, Action::Undo);
    assert_eq!(said(&state), Some(format!("{undone} once to weekly.")));
    assert_eq!(
        state.plan().journeys[10].trigger,
        trigger(Weekly, tuesday, None)
    );
}

#[test]
fn a_cadence_change_made_with_another_before_a_redraw_keeps_both() {
    use Cadence::*;
    use Step::*;
    let trigger = |cadence, send_day, send_date: Option<&str>| Trigger::Scheduled {
        cadence,
        send_day,
        send_date: send_date.map(String::from),
    };
    let (tuesday, friday) = (Some(Weekday::Tuesday), Some(Weekday::Friday));
    // (the changes before the editor draws, the edits it then makes one
    // after the other from what that draw showed, the trigger after them)
    let cases = [
        // A day picked and then a cadence, both before a redraw.
        (
            vec![],
            vec![
                JourneyField::SendDay(tuesday),
                JourneyField::Cadence(Monthly),
            ],
            trigger(Monthly, tuesday, None),
        ),
        (
            vec![Day(tuesday), To(Monthly)],
            vec![JourneyField::SendDay(friday), JourneyField::Cadence(Weekly)],
            trigger(Weekly, friday, None),
        ),
        // The day set aside comes back when there is none to keep.
        (
            vec![Day(tuesday), To(OneOff)],
            vec![
                JourneyField::SendDate("2027-11-18".into()),
                JourneyField::Cadence(Weekly),
            ],
            trigger(Weekly, tuesday, None),
        ),
        // A one-off keeps the date it was given just before.
        (
            vec![To(OneOff), Date("2027-11-18"), To(Weekly), To(OneOff)],
            vec![
                JourneyField::SendDate("2027-12-01".into()),
                JourneyField::Cadence(OneOff),
            ],
            trigger(OneOff, None, Some("2027-12-01")),
        ),
        // The cadence first, then a day, still makes both.
        (
            vec![],
            vec![
                JourneyField::Cadence(Fortnightly),
                JourneyField::SendDay(friday),
            ],
            trigger(Fortnightly, friday, None),
        ),
    ];
    for (before, edits, expected) in cases {
        let mut plan = sample_plan();
        let mut set_aside = SetAside::default();
        change_cadences(&mut plan, &mut set_aside, &before);
        let mut state = PlannerState::with_plans(vec![(plan, 1)], None);
        for set in edits.iter().cloned() {
            // Each edit as the editor's draw made it: a cadence from what
            // that draw set aside.
            let set = match set {
                JourneyField::Cadence(to) => set_aside.cadence(to),
                set => set,
            };
            let journey = "weekly-promo".to_string();
            state = apply(&state, Action::Edit(Edit::Journey { journey, set }));
        }
        let promo = &state.plan().journeys[10];
        assert_eq!(promo.trigger, expected, "{before:?} then {edits:?}");
    }
    // A journey that is not scheduled has no cadence to change.
    let mut plan = sample_plan();
    let set = SetAside::default().cadence(Weekly);
    edit_plan(
        &mut plan,
        Edit::Journey {
            journey: "cart-recovery".into(),
            set,
        },
    );
    assert_eq!(plan, sample_plan());
}

#[test]
fn a_change_to_a_one_off_says_its_volume_is_now_the_whole_send() {
    use Cadence::*;
    use Step::*;
    let said = "The volume is now the whole send: 18,000 once.";
    // (the changes, the cadence it was a one-off from, what the volume says)
    let cases = [
        (vec![], None, None),
        (vec![To(OneOff)], Some(Weekly), Some(said)),
        (vec![To(Daily), To(OneOff)], Some(Daily), Some(said)),
        (
            vec![To(OneOff), Date("2027-11-18")],
            Some(Weekly),
            Some(said),
        ),
        (vec![To(OneOff), To(Weekly)], None, None),
    ];
    for (changes, from, says) in cases {
        let mut plan = sample_plan();
        let mut set_aside = SetAside::default();
        change_cadences(&mut plan, &mut set_aside, &changes);
        assert_eq!(set_aside.once_from, from, "{changes:?}");
        let note = once_note(&plan.journeys[10], set_aside.once_from);
        assert_eq!(note.as_deref(), says, "{changes:?}");
    }
    // A journey that was a one-off already, as the editor first shows it,
    // has nothing to say about a change.
    let mut set_aside = SetAside::default();
    set_aside.note(&one_off(Some("2027-11-18")));
    assert_eq!(set_aside.once_from, None);
    // One sent on another trigger, a day's mail, then a one-off again:
    // its number is the whole send once more.
    set_aside.note(&Trigger::ApiBroadcast {
        broadcast: "spring".into(),
    });
    set_aside.note(&one_off(Some("2027-11-18")));
    assert_eq!(set_aside.once_from, Some(Daily));
    // Another journey's volume is its own.
    let plan = launch(None);
    assert_eq!(
        once_note(&plan.journeys[10], Some(Weekly)).as_deref(),
        Some(said)
    );
    assert_eq!(once_note(&plan.journeys[9], Some(Weekly)), None);
}

#[test]
fn an_undo_names_the_cadence_and_the_send_date() {
    let start = || PlannerState::with_plans(vec![(sample_plan(), 1)], None);
    let edit = |set: JourneyField| {
        Action::Edit(Edit::Journey {
            journey: "weekly-promo".into(),
            set,
        })
    };
    // (the edits, what undoing the last says, what redoing it says)
    let cases = [
        (
            vec![edit(JourneyField::Cadence(Cadence::OneOff))],
            "Undone: the journey “Weekly promotion”: its cadence changed from once to weekly.",
            "Redone: the journey “Weekly promotion”: its cadence changed from weekly to once.",
        ),
        (
            vec![
                edit(JourneyField::Cadence(Cadence::OneOff)),
                edit(JourneyField::SendDate("2027-11-18".into())),
            ],
            "Undone: the journey “Weekly promotion”: its send date was cleared.",
            "Redone: the journey “Weekly promotion”: its send date was set to 2027-11-18.",
        ),
        (
            vec![
                edit(JourneyField::Cadence(Cadence::OneOff)),
                edit(JourneyField::SendDate("2027-11-18".into())),
                edit(JourneyField::SendDate("2027-11-25".into())),
            ],
            "Undone: the journey “Weekly promotion”: its send date changed from 2027-11-25 to 2027-11-18.",
            "Redone: the journey “Weekly promotion”: its send date changed from 2027-11-18 to 2027-11-25.",
        ),
    ];
    for (edits, undone, redone) in cases {
        let edited = edits.into_iter().fold(start(), |s, a| apply(&s, a));
        let after_undo = apply(&edited, Action::Undo);
        let after_redo = apply(&after_undo, Action::Redo);
        let text = |s: &PlannerState| s.notice.as_ref().map(|n| n.text.clone());
        assert_eq!(text(&after_undo).as_deref(), Some(undone));
        assert_eq!(text(&after_redo).as_deref(), Some(redone));
    }
}

/// A finding as (code, severity, whether it has a fix).
type Said = (String, Severity, bool);

/// The findings the shell shows about journey 10's send date on `today`,
/// after checking that every list of them agrees.
fn shown_on(plan: &Plan, today: &str) -> Vec<Said> {
    let f = findings(plan, day(today), None);
    let about = |list: &[Diagnostic]| -> Vec<Said> {
        (list.iter())
            .filter(|d| d.path == "$.journeys[10].trigger.send_date")
            .map(|d| (d.code.to_string(), d.severity, d.fix.is_some()))
            .collect()
    };
    let shown = about(&f.plan);
    let mut all = about(&f.all);
    all.sort_by_key(|(code, ..)| code.clone());
    let mut sorted = shown.clone();
    sorted.sort_by_key(|(code, ..)| code.clone());
    assert_eq!(all, sorted, "{today}");
    // Validation's findings beside the field are the shown ones but for
    // those about today.
    let fields = about(&f.fields);
    let undated: Vec<_> = (shown.iter())
        .filter(|(code, ..)| code != "journey.send_date_passed")
        .cloned()
        .collect();
    assert_eq!(fields, undated, "{today}");
    shown
}

#[test]
fn a_one_off_dated_before_today_is_told_once_without_a_fix() {
    let passed = || {
        (
            "journey.send_date_passed".to_string(),
            Severity::Warning,
            false,
        )
    };
    let weekly = Trigger::Scheduled {
        cadence: Cadence::Weekly,
        send_day: None,
        send_date: Some("2027-01-04".into()),
    };
    // The sample simulates 2027-09-06 to 2027-12-04. (the trigger, today,
    // what is found)
    let cases: Vec<(Trigger, &str, Vec<Said>)> = vec![
        (one_off(Some("2027-11-18")), "2027-02-10", vec![]),
        // Going out today is not passed.
        (one_off(Some("2027-11-18")), "2027-11-18", vec![]),
        (one_off(Some("2027-11-18")), "2027-11-19", vec![passed()]),
        (one_off(Some(" 2027-11-18 ")), "2028-03-01", vec![passed()]),
        // Before the simulated days and still to come: outside them.
        (
            one_off(Some("2027-09-05")),
            "2027-02-10",
            vec![(
                "journey.send_date_outside".to_string(),
                Severity::Warning,
                false,
            )],
        ),
        // Outside them and passed: told once, as passed, with no fix that
        // would simulate back to it.
        (one_off(Some("2027-09-05")), "2027-09-06", vec![passed()]),
        (one_off(Some("2027-12-05")), "2028-01-01", vec![passed()]),
        // Without a usable date, only that is said.
        (
            one_off(None),
            "2028-01-01",
            vec![("journey.send_date".to_string(), Severity::Error, false)],
        ),
        (
            one_off(Some("18/11/2027")),
            "2028-01-01",
            vec![("journey.send_date".to_string(), Severity::Error, false)],
        ),
        // A date on another cadence is not a send.
        (
            weekly,
            "2028-01-01",
            vec![(
                "journey.send_date_unused".to_string(),
                Severity::Warning,
                true,
            )],
        ),
    ];
    for (trigger, today, expected) in cases {
        let mut plan = sample_plan();
        plan.journeys[10].trigger = trigger.clone();
        assert_eq!(shown_on(&plan, today), expected, "{trigger:?} {today}");
    }
}

#[test]
fn a_passed_send_names_the_journey_and_date_and_says_what_to_do() {
    let plan = launch(Some("2027-09-05"));
    let f = findings(&plan, day("2027-10-01"), None);
    let passed = (f.plan.iter())
        .find(|d| d.code == "journey.send_date_passed")
        .expect("the send has passed");
    assert_eq!(
        passed.message,
        "The one-off send “Weekly promotion” is dated 2027-09-05, which has passed, so the plan still counts a send that is over or was missed."
    );
    assert_eq!(
        passed.hint,
        "If it is still to go out, set the date of its next send; if it has gone out, delete the journey. Only you know which, so there is no fix."
    );
    assert!(passed.fix.is_none());
    assert_eq!(
        passed.place,
        "Journey “Weekly promotion” › trigger › send date"
    );
    // Its Open button goes to the journey's send date.
    assert_eq!(
        switchyard::review::place::place_of(&plan, &[], &passed.path),
        switchyard::review::place::Place::JourneyField {
            journey: "weekly-promo".into(),
            control: "send_date",
        }
    );
    // Its next date clears it, and the send is inside the simulated days.
    let mut plan = plan;
    edit_plan(
        &mut plan,
        Edit::Journey {
            journey: "weekly-promo".into(),
            set: JourneyField::SendDate("2027-11-18".into()),
        },
    );
    assert_eq!(shown_on(&plan, "2027-10-01"), vec![]);
}

#[test]
fn a_lanes_share_of_the_daily_volume_leaves_one_off_sends_out() {
    type Setup = fn(&mut Plan);
    let to_flows: Setup = |p| p.journeys[10].lane_override = Some("revenue-flows".into());
    let more_receipts: Setup = |p| p.journeys[0].daily_volume += 1_500;
    // (the promotion sent once, the setup, the finding, the share it names)
    let cases: [(bool, Setup, &str, Option<&str>); 4] = [
        // A launch on the money lane is no day's mail: 11,000 of 24,250 a
        // day is under half.
        (true, to_flows, "lint.money_lane_too_big", None),
        // Sent every week, it is: 29,000 of 42,250.
        (
            false,
            to_flows,
            "lint.money_lane_too_big",
            Some("sends 68.6% of the daily volume"),
        ),
        // Nor does a launch elsewhere shrink the clean lane: 5,750 of 25,750.
        (
            true,
            more_receipts,
            "lint.clean_lane_too_big",
            Some("sends 22.3% of the daily volume"),
        ),
        // Beside a weekly promotion it is small: 5,750 of 43,750.
        (false, more_receipts, "lint.clean_lane_too_big", None),
    ];
    for (once, setup, code, share) in cases {
        let mut plan = match once {
            true => launch(Some("2027-11-18")),
            false => sample_plan(),
        };
        assert_eq!(plan.journeys[0].id, "order-confirmation");
        setup(&mut plan);
        let found = lint(&plan, &route(&plan));
        let finding = found.iter().find(|d| d.code == code);
        let said = finding.map(|d| {
            let share = share.unwrap_or("");
            assert!(d.message.contains(share), "{}", d.message);
            share
        });
        assert_eq!(said, share, "{once} {code}");
    }
}

#[test]
fn a_warm_up_without_a_peak_aims_for_the_lanes_busiest_day_with_its_one_offs() {
    fn once(id: &'static str, date: Option<&'static str>) -> impl Fn(&mut Plan) {
        move |plan: &mut Plan| {
            let j = plan.journeys.iter_mut().find(|j| j.id == id).unwrap();
            j.trigger = one_off(date);
        }
    }
    type Setup = Box<dyn Fn(&mut Plan)>;
    // The promotional lane: the promotion's 18,000 and the newsletter's
    // 9,000. (the setup, the peak aimed for)
    let cases: Vec<(Setup, u64)> = vec![
        (Box::new(|_| {}), 27_000),
        // A launch goes out with the day's newsletter.
        (Box::new(once("weekly-promo", Some("2027-11-18"))), 27_000),
        // Undated, it may go out on any day.
        (Box::new(once("weekly-promo", None)), 27_000),
        // Two launches on different days are not one day's mail.
        (
            Box::new(|plan: &mut Plan| {
                once("weekly-promo", Some("2027-11-18"))(plan);
                once("newsletter", Some("2027-11-25"))(plan);
            }),
            18_000,
        ),
        // On the same day they are.
        (
            Box::new(|plan: &mut Plan| {
                once("weekly-promo", Some("2027-11-18"))(plan);
                once("newsletter", Some("2027-11-18"))(plan);
            }),
            27_000,
        ),
        // A week's promotion goes out on its Tuesday.
        (
            Box::new(|plan: &mut Plan| {
                let j = plan.journeys.iter_mut().find(|j| j.id == "weekly-promo");
                j.unwrap().trigger = Trigger::Scheduled {
                    cadence: Cadence::Weekly,
                    send_day: Some(Weekday::Tuesday),
                    send_date: None,
                };
            }),
            135_000,
        ),
    ];
    for (setup, peak) in cases {
        let mut plan = sample_plan();
        setup(&mut plan);
        plan.lanes[2].warmup.as_mut().unwrap().target_volume = 0;
        let fix = (validate(&plan).into_iter())
            .find(|d| d.code == "warmup.target_volume")
            .and_then(|d| d.fix)
            .expect("a fix");
        let label = format!(
            "Aim for {} a day, the lane's busiest day",
            switchyard::units::group(peak)
        );
        assert_eq!(fix.label, label);
        edit_plan(&mut plan, Edit::Many(fix.edits));
        assert_eq!(plan.lanes[2].warmup.as_ref().unwrap().target_volume, peak);
        // Neither missing nor below the lane's mail, nor far above it.
        let found = lint(&plan, &route(&plan));
        let peaks: Vec<_> = (validate(&plan).into_iter().chain(found))
            .filter(|d| d.path == "$.lanes[2].warmup.target_volume")
            .map(|d| d.code)
            .collect();
        assert!(peaks.is_empty(), "{label}: {peaks:?}");
    }
}

#[test]
fn a_dated_one_off_counts_on_the_busiest_day_only_within_the_warm_up_calendar() {
    // The promotional lane's warm-up starts on 2027-09-06 and its calendar
    // looks 400 days ahead, to 2028-10-09. It carries the newsletter's
    // 9,000 a day and the launch's 18,000.
    // (the send date, the busiest day within the calendar)
    let cases = [
        (Some("2027-11-18"), 27_000),
        (Some("2027-09-06"), 27_000),
        (Some("2028-10-09"), 27_000),
        (Some("2027-09-05"), 9_000),
        (Some("2028-10-10"), 9_000),
        (Some("2030-01-01"), 9_000),
        // Without a date it may go out on any day of it.
        (None, 27_000),
    ];
    for (date, busiest) in cases {
        let mut plan = launch(date);
        let routing = route(&plan);
        let wanted = Wanted::of_lane(&plan, &routing, "promotional");
        let w = plan.lanes[2].warmup.clone().unwrap();
        assert_eq!(wanted.peak_for(&w), busiest, "{date:?}");
        // The fix for a missing peak aims for that day.
        plan.lanes[2].warmup.as_mut().unwrap().target_volume = 0;
        let fix = (validate(&plan).into_iter())
            .find(|d| d.code == "warmup.target_volume")
            .and_then(|d| d.fix)
            .expect("a fix");
        let group = switchyard::units::group;
        let aim = format!("Aim for {} a day, the lane's busiest day", group(busiest));
        assert_eq!(fix.label, aim, "{date:?}");
        // A peak of 10,000 is below that day when the launch is on it,
        // and 30,000 more than three times it when it is not.
        // (the peak target, the finding on it)
        let peaks = [
            (
                10_000,
                (busiest > 10_000).then_some("warmup.peak_below_mail"),
            ),
            (
                30_000,
                (busiest * 3 < 30_000).then_some("warmup.peak_above_mail"),
            ),
        ];
        for (target, expected) in peaks {
            plan.lanes[2].warmup.as_mut().unwrap().target_volume = target;
            let found: Vec<_> = lint(&plan, &route(&plan))
                .into_iter()
                .filter(|d| d.path == "$.lanes[2].warmup.target_volume")
                .collect();
            let codes: Vec<&str> = found.iter().map(|d| d.code.as_ref()).collect();
            assert_eq!(codes, Vec::from_iter(expected), "{date:?} {target}");
            for d in &found {
                assert!(
                    d.message.contains(&group(busiest)),
                    "{date:?}: {}",
                    d.message
                );
            }
        }
    }
}

/// A lane's share is of the mail a day, as in the split assessment: a
/// one-off send takes none, and the shares still add up to 100.
#[test]
fn a_one_off_takes_no_share_of_the_daily_volume() {
    for (plan, promotional) in [(sample_plan(), 63.9), (launch(Some("2027-10-12")), 37.1)] {
        let loads = switchyard::plan::routing::lane_loads(&plan, &route(&plan));
        let share = |id: &str| {
            let load = loads.iter().find(|l| l.lane_id.as_deref() == Some(id));
            (load.unwrap().share_percent * 10.0).round() / 10.0
        };
        assert_eq!(share("promotional"), promotional);
        let total: f64 = loads.iter().map(|l| l.share_percent).sum();
        assert!((total - 100.0).abs() < 1e-9, "{total}");
    }
}
