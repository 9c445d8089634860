//! The shell's derived data: every finding about a plan, the DNS report and
//! the checklist, computed once per plan for all pages.

use chrono::NaiveDate;
use switchyard::dns::report::{domains_report, evidence};
use switchyard::plan::diagnostic::{Diagnostic, Severity};
use switchyard::plan::edit::{edit_plan, Edit, ItemField};
use switchyard::plan::model::{Item, ItemStatus, Plan};
use switchyard::plan::path_words::name_places;
use switchyard::plan::routing::route;
use switchyard::plan::sample::sample_plan;
use switchyard::plan::validate::validate;
use switchyard::review::checklist::{checklist, per_lane, IMPLEMENTATION, QA, STEPS};
use switchyard::review::findings::{findings, Findings};
use switchyard::review::lint::lint;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 2, 10).unwrap()
}

/// The sample plan with a routing mistake (a rule conditioned on the
/// owning team) and a lint mistake (a marketing lane without one-click
/// unsubscribe), on top of the DNS findings about its pasted records.
fn with_mistakes() -> Plan {
    let mut plan = sample_plan();
    plan.rules[0].when.owning_teams = vec!["Customer experience".into()];
    plan.preferences
        .one_click_lanes
        .retain(|l| l != "promotional");
    plan
}

fn codes(list: &[Diagnostic]) -> Vec<&str> {
    list.iter().map(|d| d.code.as_ref()).collect()
}

/// Checks `f` against the core's functions called one by one.
fn check_parts(plan: &Plan, f: &Findings) {
    let routing = route(plan);
    assert_eq!(f.routing, routing);
    // Each finding says where it is in words.
    let named = |mut list: Vec<Diagnostic>| {
        name_places(plan, &mut list);
        list
    };
    assert_eq!(f.fields, named(validate(plan)));
    let mut shown = validate(plan);
    shown.extend(routing.diagnostics.iter().cloned());
    shown.extend(lint(plan, &routing));
    let shown = named(shown);
    assert_eq!(f.plan, shown, "validation, routing and lint, in that order");
    let mut report = domains_report(plan, today(), None);
    report.findings = named(report.findings);
    report.existing_findings = named(report.existing_findings);
    assert_eq!(f.domains.report, report);
    assert_eq!(f.domains.evidence, evidence(plan, &f.domains.report));
    // Everything once, errors first, and in the order found within a
    // severity.
    let mut unsorted = shown;
    unsorted.extend(f.domains.findings.iter().cloned());
    unsorted.extend(f.domains.existing_findings.iter().cloned());
    assert_eq!(f.all.len(), unsorted.len());
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let of = |list: &[Diagnostic]| -> Vec<Diagnostic> {
            list.iter()
                .filter(|d| d.severity == severity)
                .cloned()
                .collect()
        };
        assert_eq!(of(&f.all), of(&unsorted), "{severity:?}");
    }
    assert!(
        f.all.windows(2).all(|w| w[0].severity <= w[1].severity),
        "sorted by severity: {:?}",
        f.all.iter().map(|d| d.severity).collect::<Vec<_>>()
    );
    // The checklist is the one the checklist page computed by itself.
    let direct = checklist(
        plan,
        &routing,
        &f.all,
        Some(&f.domains.evidence),
        &[],
        &[],
        &[],
        today(),
    );
    assert_eq!(f.checklist.overall, direct.overall);
    assert_eq!(f.checklist, direct);
}

#[test]
fn the_sample_plan_gets_only_the_dns_findings_about_its_records() {
    let plan = sample_plan();
    let f = findings(&plan, today(), None);
    check_parts(&plan, &f);
    assert!(f.plan.is_empty(), "{:?}", codes(&f.plan));
    assert!(!f.domains.existing_findings.is_empty());
    assert!(
        codes(&f.all).contains(&"dkim.revoked"),
        "{:?}",
        codes(&f.all)
    );
}

#[test]
fn findings_gather_lint_dns_and_routing_sorted_by_severity() {
    let plan = with_mistakes();
    let f = findings(&plan, today(), None);
    check_parts(&plan, &f);
    let all = codes(&f.all);
    for code in ["routing.by_team", "lint.no_one_click", "dkim.revoked"] {
        assert!(all.contains(&code), "{code} in {all:?}");
    }
    assert_eq!(f.all[0].severity, Severity::Error, "{all:?}");
    assert_eq!(f.all.last().unwrap().severity, Severity::Info, "{all:?}");
    // Routing's finding is shown with the plan's, and is in the routing.
    assert!(codes(&f.routing.diagnostics).contains(&"routing.by_team"));
    assert!(codes(&f.plan).contains(&"routing.by_team"));
}

#[test]
fn each_reference_to_a_deleted_lane_is_reported_once() {
    let mut plan = sample_plan();
    edit_plan(&mut plan, Edit::DeleteLane("promotional".into()));
    let f = findings(&plan, today(), None);
    check_parts(&plan, &f);
    // (path, the one message shown there)
    let cases = [
        (
            "$.default_lane",
            "The default lane (id “promotional”) is no longer in the plan: journeys no rule matches have no lane.",
        ),
        (
            "$.rules[3].lane",
            "Rule 4 “Scheduled broadcasts” sends to the missing lane “promotional”.",
        ),
    ];
    for (path, message) in cases {
        let at: Vec<&str> = (f.plan.iter().filter(|d| d.path == path))
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(at, [message], "{path}");
    }
}

#[test]
fn an_empty_plan_has_findings_without_panicking() {
    let plan = Plan::empty("p");
    let f = findings(&plan, today(), None);
    check_parts(&plan, &f);
}

#[test]
fn the_dns_part_is_kept_only_across_edits_it_does_not_read() {
    use std::rc::Rc;
    use switchyard::plan::edit::{edit_plan, Edit, JourneyField, LaneField};
    use switchyard::review::findings::{dns_part, findings_with, DnsKey};
    let plan = switchyard::plan::sample::sample_plan();
    let key = DnsKey::of(&plan);
    let journey = plan.journeys[0].id.clone();
    let lane = plan.lanes[0].id.clone();
    let table: Vec<(Edit, bool)> = vec![
        (
            Edit::Journey {
                journey,
                set: JourneyField::Name("Renamed".into()),
            },
            false,
        ),
        (Edit::SetNotes("Notes".into()), false),
        (
            Edit::Lane {
                lane,
                set: LaneField::DkimSelector("s2".into()),
            },
            true,
        ),
        (Edit::SetExistingRecords("x IN TXT \"y\"".into()), true),
    ];
    for (edit, changes) in table {
        let mut edited = plan.clone();
        edit_plan(&mut edited, edit.clone());
        assert_eq!(DnsKey::of(&edited) != key, changes, "{edit:?}");
        // Whatever the key says, the kept part gives what a fresh one does.
        if !changes {
            let kept = Rc::new(dns_part(&plan, today(), None));
            assert_eq!(
                findings_with(
                    &edited,
                    today(),
                    kept,
                    &Default::default(),
                    &Default::default(),
                    &Default::default()
                ),
                findings(&edited, today(), None),
                "{edit:?}"
            );
        }
    }
}

#[test]
fn a_new_lane_whose_warm_up_start_has_passed_is_told_and_fixed_to_start_once_set_up() {
    let mut plan = sample_plan();
    let lane = (plan.lanes.iter())
        .position(|l| l.warmup.is_some())
        .unwrap();
    plan.lanes[lane].status = switchyard::plan::model::LaneStatus::New;
    plan.lanes[lane].warmup.as_mut().unwrap().start_date = "2027-01-04".into();
    let f = findings(&plan, today(), None);
    let passed = (f.plan.iter())
        .find(|d| d.code == "warmup.start_passed")
        .expect("the start has passed");
    assert_eq!(passed.path, format!("$.lanes[{lane}].warmup.start_date"));
    // Three weeks on, for the domains and servers still to set up; with
    // only QA left, a week, since routing is QAed only with the lanes'
    // checks; with the checks done, the seed tests' three days.
    let lane_id = plan.lanes[lane].id.clone();
    let mark = |plan: &mut Plan, items: &[Item]| {
        for &item in items {
            let on = if per_lane(item) {
                lane_id.clone()
            } else {
                String::new()
            };
            edit_plan(
                plan,
                Edit::ChecklistItem {
                    item,
                    lane: on,
                    set: ItemField::Status(Some(ItemStatus::Done)),
                },
            );
        }
    };
    let label = |plan: &Plan| {
        let f = findings(plan, today(), None);
        let passed = f.plan.iter().find(|d| d.code == "warmup.start_passed");
        passed.and_then(|d| d.fix.clone()).map(|fix| fix.label)
    };
    let mut ready = plan.clone();
    assert_eq!(
        label(&ready).as_deref(),
        Some("Start the warm-up on 2027-03-03")
    );
    let all: Vec<Item> = STEPS
        .iter()
        .chain(&IMPLEMENTATION)
        .chain(&QA)
        .copied()
        .collect();
    let qa_left: Vec<Item> = (all.iter().copied())
        .filter(|i| !QA.contains(i) && !matches!(i, Item::EndToEndQa | Item::SeedTests))
        .collect();
    mark(&mut ready, &qa_left);
    assert_eq!(
        label(&ready).as_deref(),
        Some("Start the warm-up on 2027-02-17")
    );
    mark(&mut ready, &all);
    // Routing counts as QAed once every lane's checks are ticked.
    for other in plan.lanes.iter().map(|l| l.id.clone()) {
        for item in QA.iter().chain(&[Item::EndToEndQa]) {
            edit_plan(
                &mut ready,
                Edit::ChecklistItem {
                    item: *item,
                    lane: other.clone(),
                    set: ItemField::Status(Some(ItemStatus::Done)),
                },
            );
        }
    }
    // The seed tests, which their results prove, are three days' work left.
    assert_eq!(
        label(&ready).as_deref(),
        Some("Start the warm-up on 2027-02-13")
    );
    let fix = passed.fix.clone().unwrap();
    edit_plan(&mut plan, Edit::Many(fix.edits));
    let f = findings(&plan, today(), None);
    assert!(!f.plan.iter().any(|d| d.code == "warmup.start_passed"));
    // A lane already warming up has begun its ramp.
    plan.lanes[lane].warmup.as_mut().unwrap().start_date = "2027-01-04".into();
    plan.lanes[lane].status = switchyard::plan::model::LaneStatus::Warming;
    let f = findings(&plan, today(), None);
    assert!(!f.plan.iter().any(|d| d.code == "warmup.start_passed"));
}

#[test]
fn a_seed_test_dated_after_today_is_named_and_dated_today_by_its_fix() {
    let mut plan = sample_plan();
    edit_plan(
        &mut plan,
        Edit::AddSeed {
            lane: "promotional".into(),
            date: "2028-02-10".into(),
        },
    );
    let f = findings(&plan, today(), None);
    let ahead = (f.all.iter())
        .find(|d| d.code == "lint.seed_future")
        .expect("the test dated ahead is named");
    // Named as the checklist names the row: the promotional lane's first.
    assert_eq!(
        ahead.place,
        "Checklist › seed-list tests › Promotional seed test 1 › date"
    );
    let fix = ahead.fix.clone().unwrap();
    assert_eq!(fix.label, "Date it today, 2027-02-10");
    edit_plan(&mut plan, Edit::Many(fix.edits));
    let f = findings(&plan, today(), None);
    assert!(!f.all.iter().any(|d| d.code == "lint.seed_future"));
}

/// A new or warming lane whose warm-up starts from today on, but before
/// its set-up can be done, would make its checklist items overdue at once:
/// told, and fixed to start once the set-up is done. A start on that day
/// is fine; a warm lane has no ramp to start.
#[test]
fn a_lane_whose_warm_up_starts_before_its_set_up_is_told_and_fixed() {
    use switchyard::plan::model::LaneStatus;
    for (status, told) in [
        (LaneStatus::New, true),
        (LaneStatus::Warming, true),
        (LaneStatus::Warm, false),
    ] {
        let mut plan = sample_plan();
        let lane = (plan.lanes.iter()).position(|l| l.warmup.is_some());
        plan.lanes[lane.unwrap()].status = status;
        let soon = |plan: &Plan| {
            let f = findings(plan, today(), None);
            f.plan.iter().any(|d| d.code == "warmup.start_too_soon")
        };
        plan.lanes[lane.unwrap()]
            .warmup
            .as_mut()
            .unwrap()
            .start_date = "2027-02-10".into();
        assert_eq!(soon(&plan), told, "{status:?}");
    }
    let mut plan = sample_plan();
    let lane = (plan.lanes.iter())
        .position(|l| l.warmup.is_some())
        .unwrap();
    plan.lanes[lane].status = switchyard::plan::model::LaneStatus::New;
    let starting = |plan: &Plan, on: &str| {
        let mut plan = plan.clone();
        plan.lanes[lane].warmup.as_mut().unwrap().start_date = on.into();
        plan
    };
    let soon = |plan: &Plan| {
        let f = findings(plan, today(), None);
        f.plan
            .into_iter()
            .find(|d| d.code == "warmup.start_too_soon")
    };
    for (on, told) in [
        ("2027-02-10", true),
        ("2027-03-02", true),
        ("2027-03-03", false),
        ("2027-06-01", false),
    ] {
        let plan = starting(&plan, on);
        let found = soon(&plan);
        assert_eq!(found.is_some(), told, "{on}: {found:?}");
        let Some(found) = found else { continue };
        assert_eq!(found.path, format!("$.lanes[{lane}].warmup.start_date"));
        assert!(
            found.message.contains(&format!("starts on {on}, before")),
            "{}",
            found.message
        );
        let fix = found.fix.unwrap();
        assert_eq!(fix.label, "Start the warm-up on 2027-03-03");
        let mut fixed = plan.clone();
        edit_plan(&mut fixed, Edit::Many(fix.edits));
        assert!(soon(&fixed).is_none(), "{on}");
        // A passed start is told as passed, not also as too soon.
        let f = findings(&fixed, today(), None);
        assert!(!f.plan.iter().any(|d| d.code == "warmup.start_passed"));
    }
}

/// A warm-up without a first day is offered the first day its lane's
/// set-up allows, in every list the pages read, and the fix clears it.
#[test]
fn a_warm_up_without_a_first_day_is_fixed_to_start_once_set_up() {
    let mut plan = sample_plan();
    let lane = (plan.lanes.iter())
        .position(|l| l.warmup.is_some())
        .unwrap();
    plan.lanes[lane].status = switchyard::plan::model::LaneStatus::New;
    plan.lanes[lane].warmup.as_mut().unwrap().start_date = String::new();
    let f = findings(&plan, today(), None);
    let path = format!("$.lanes[{lane}].warmup.start_date");
    let unscheduled = |list: &[switchyard::plan::diagnostic::Diagnostic]| {
        (list.iter())
            .find(|d| d.code == "warmup.unscheduled" && d.path == path)
            .cloned()
    };
    let mut fix = None;
    for list in [&f.fields, &f.plan, &f.all] {
        let found = unscheduled(list).expect("told in each list");
        let label = found.fix.as_ref().map(|fix| fix.label.as_str());
        assert_eq!(label, Some("Start the warm-up on 2027-03-03"));
        fix = found.fix;
    }
    // A move into the lane that starts later fills it from its first
    // day: the one finding offers that day, which the move's lint agrees
    // with rather than offering a second date.
    let mut moved = plan.clone();
    let from = if lane == 0 { 1 } else { 0 };
    moved.migrations.push(switchyard::plan::model::Migration {
        start_date: "2027-04-05".into(),
        ..switchyard::plan::model::Migration::new(
            "migration-1",
            &moved.lanes[from].id.clone(),
            &moved.lanes[lane].id.clone(),
        )
    });
    let f = findings(&moved, today(), None);
    let found = unscheduled(&f.all).expect("told");
    let label = found.fix.as_ref().map(|fix| fix.label.as_str());
    assert_eq!(label, Some("Start the warm-up on 2027-04-05"));
    let offers = (f.all.iter())
        .filter_map(|d| d.fix.as_ref())
        .filter(|fix| fix.label.starts_with("Start the warm-up on"))
        .count();
    assert_eq!(offers, 1, "{:?}", codes(&f.all));
    edit_plan(&mut plan, Edit::Many(fix.unwrap().edits));
    let f = findings(&plan, today(), None);
    assert!(unscheduled(&f.all).is_none());
    assert!(!f.all.iter().any(|d| d.code.starts_with("warmup.start_")));
}

/// A lane marked warm while its ramp still caps its mail is held to the
/// ramp by the calendar, the simulation and the Report: told, with the
/// checklist's warm-up still in progress, and fixed by marking it warming.
/// Once the ramp has ended, marking it warm is how the warm-up is done.
#[test]
fn a_lane_marked_warm_while_its_ramp_caps_it_is_told_and_marked_warming() {
    use switchyard::plan::model::LaneStatus;
    use switchyard::review::lint::MARKED_WARM;
    let mut plan = sample_plan();
    plan.lanes[2].status = LaneStatus::Warm;
    let warm_up = |f: &Findings| {
        let rows = f.checklist.steps.iter().chain(&f.checklist.implementation);
        let r = rows
            .clone()
            .find(|r| r.item == Item::WarmUp && r.lane == "promotional");
        r.map(|r| (r.status, r.evidence.clone())).unwrap()
    };
    let f = findings(&plan, today(), None);
    let told = (f.all.iter())
        .find(|d| d.code == MARKED_WARM)
        .expect("the lane is still capped");
    assert_eq!(told.path, "$.lanes[2].status");
    assert_eq!(
        told.message,
        "Promotional is marked warm, but its warm-up ramp caps its mail until 2027-09-21."
    );
    assert_eq!(
        warm_up(&f),
        (
            ItemStatus::InProgress,
            "The lane is marked warm, but its ramp caps its mail until 2027-09-21.".into()
        )
    );
    let fix = told.fix.clone().unwrap();
    assert_eq!(fix.label, "Mark Promotional warming");
    let mut fixed = plan.clone();
    edit_plan(&mut fixed, Edit::Many(fix.edits));
    let f = findings(&fixed, today(), None);
    assert!(!f.all.iter().any(|d| d.code == MARKED_WARM));
    // After the ramp's last day, marked warm is warmed up.
    let later = NaiveDate::from_ymd_opt(2027, 9, 21).unwrap();
    let f = findings(&plan, later, None);
    assert!(!f.all.iter().any(|d| d.code == MARKED_WARM));
    assert_eq!(
        warm_up(&f),
        (ItemStatus::Done, "The lane is marked warm.".into())
    );
}

/// A fix that would start a warm-up on a day already past is not offered:
/// the finding on a passed start would take it back, and the two would
/// undo each other forever.
#[test]
fn no_fix_starts_a_warm_up_on_a_day_that_has_passed() {
    use switchyard::plan::edit::{Edit, WarmupField};
    fn past_start(e: &Edit, today: &str) -> bool {
        match e {
            Edit::Warmup {
                set: WarmupField::StartDate(d),
                ..
            } => d.as_str() < today,
            Edit::Many(edits) => edits.iter().any(|e| past_start(e, today)),
            _ => false,
        }
    }
    let mut plan = sample_plan();
    let w = plan.lanes[2].warmup.as_mut().unwrap();
    w.start_date = "2027-09-06".into();
    w.target_date = "2027-09-20".into();
    // The latest start that reaches the peak is 2027-09-03.
    for (today, offered) in [
        ("2027-01-04", true),
        ("2027-09-03", true),
        ("2027-09-04", false),
    ] {
        let day = chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
        let found = switchyard::review::findings::findings(&plan, day, None);
        let missed = (found.all.iter())
            .find(|d| d.code == "warmup.peak_missed")
            .expect("the peak is missed");
        assert_eq!(missed.fix.is_some(), offered, "{today}: {missed:?}");
        assert_eq!(
            missed
                .hint
                .ends_with("That day has passed, so no fix is offered."),
            !offered,
            "{today}"
        );
        for d in found.all.iter().chain(&found.plan).chain(&found.fields) {
            let edits = d.fix.as_ref().map_or(&[][..], |f| f.edits.as_slice());
            assert!(
                !edits.iter().any(|e| past_start(e, today)),
                "{today}: {d:?}"
            );
        }
    }
}
