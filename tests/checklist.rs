//! The checklist: statuses the plan proves, suggestions it makes, the
//! team's own statuses, due dates from the warm-up, progress, and the
//! evidence of published DNS records.

#[path = "support/delivery.rs"]
mod delivery;

use chrono::NaiveDate;
use switchyard::dns::report::{domains_report, evidence, RecordView};
use switchyard::monitor::health::health;
use switchyard::plan::diagnostic::Diagnostic;
use switchyard::plan::model::*;
use switchyard::plan::routing::route;
use switchyard::plan::sample::sample_plan;
use switchyard::plan::validate::validate;
use switchyard::review::checklist::{checklist, ChecklistReport, Evidence, Row};
use switchyard::review::findings::findings;
use switchyard::review::lint::lint;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn report_on(plan: &Plan, today: &str, evidence: Option<&[Evidence]>) -> ChecklistReport {
    let routing = route(plan);
    let mut findings: Vec<Diagnostic> = validate(plan);
    findings.extend(routing.diagnostics.iter().cloned());
    findings.extend(lint(plan, &routing));
    checklist(
        plan,
        &routing,
        &findings,
        evidence,
        &[],
        &[],
        &[],
        day(today),
    )
}

fn row<'a>(report: &'a ChecklistReport, item: Item, lane: &str) -> &'a Row {
    report
        .steps
        .iter()
        .chain(&report.implementation)
        .chain(report.lanes.iter().flat_map(|l| &l.qa))
        .find(|r| r.item == item && r.lane == lane)
        .unwrap_or_else(|| panic!("{item:?} for {lane:?}"))
}

type Change = fn(&mut Plan);

fn tick_all_qa(plan: &mut Plan) {
    let lanes: Vec<String> = plan.lanes.iter().map(|l| l.id.clone()).collect();
    for lane in lanes {
        for item in switchyard::review::checklist::QA {
            plan.checklist
                .items
                .retain(|s| !(s.item == item && s.lane == lane));
            plan.checklist.items.push(ItemState {
                item,
                lane: lane.clone(),
                status: Some(ItemStatus::Done),
                owner: String::new(),
                due: String::new(),
                notes: String::new(),
            });
        }
    }
}

#[test]
fn statuses_follow_the_plan() {
    use ItemStatus::*;
    // (what changes, item, lane, status, proven by the plan)
    let cases: Vec<(Change, Item, &str, ItemStatus, bool)> = vec![
        (|_| {}, Item::MapLanes, "", Done, true),
        (
            |p| p.lanes.truncate(1),
            Item::MapLanes,
            "",
            InProgress,
            true,
        ),
        (|_| {}, Item::LanesWithOwners, "", Done, true),
        (
            |p| p.lanes[1].owner.clear(),
            Item::LanesWithOwners,
            "",
            InProgress,
            true,
        ),
        (|_| {}, Item::AssignRoutes, "", Done, true),
        // Implemented, and QAed only once every lane's QA checks are ticked.
        (|_| {}, Item::RoutingImplemented, "", InProgress, true),
        (tick_all_qa, Item::RoutingImplemented, "", Done, true),
        (
            |p| p.rules.clear(),
            Item::RoutingImplemented,
            "",
            InProgress,
            true,
        ),
        (
            |p| p.preferences.one_click_lanes.clear(),
            Item::RoutingImplemented,
            "",
            InProgress,
            true,
        ),
        (
            |p| p.journeys.clear(),
            Item::AssignRoutes,
            "",
            NotStarted,
            true,
        ),
        (|_| {}, Item::FallbackPlan, "", Done, true),
        (
            |p| p.simulation.fallbacks.clear(),
            Item::FallbackPlan,
            "",
            NotStarted,
            true,
        ),
        (|_| {}, Item::DomainPlan, "promotional", Done, true),
        (
            |p| p.lanes[2].sending_domain.clear(),
            Item::DomainPlanDocumented,
            "promotional",
            NotStarted,
            true,
        ),
        (
            |p| p.lanes[2].from_address = "news@".into(),
            Item::DomainPlan,
            "promotional",
            InProgress,
            true,
        ),
        (|_| {}, Item::TrackingDomain, "promotional", Done, true),
        (
            |_| {},
            Item::TrackingDomain,
            "transactional",
            NotStarted,
            false,
        ),
        (|_| {}, Item::WarmupPlanCreated, "promotional", Done, true),
        (
            |_| {},
            Item::WarmupPlanCreated,
            "transactional",
            NotApplicable,
            true,
        ),
        (
            |p| p.lanes[2].warmup = None,
            Item::WarmupPlanCreated,
            "promotional",
            NotStarted,
            true,
        ),
        (|_| {}, Item::WarmUp, "promotional", NotStarted, true),
        (|_| {}, Item::WarmUp, "revenue-flows", NotApplicable, true),
        (|_| {}, Item::EndToEndQa, "transactional", Done, true),
        (|_| {}, Item::EndToEndQa, "revenue-flows", InProgress, true),
        (|_| {}, Item::EndToEndQa, "promotional", NotStarted, true),
        (|_| {}, Item::SeedTests, "transactional", Done, true),
        (|_| {}, Item::SeedTests, "promotional", NotStarted, true),
        // The team's own status, where the plan cannot know.
        (|_| {}, Item::SmtpServers, "transactional", Done, false),
        (|_| {}, Item::SmtpServers, "promotional", InProgress, false),
        (|_| {}, Item::WeeklyReview, "promotional", InProgress, false),
        (
            |p| p.monitoring.thresholds.clear(),
            Item::MonitorByLane,
            "promotional",
            NotStarted,
            false,
        ),
        // A status the plan proves cannot be overridden.
        (
            |p| {
                p.checklist.items.push(ItemState {
                    item: Item::MapLanes,
                    lane: String::new(),
                    status: Some(ItemStatus::NotStarted),
                    owner: String::new(),
                    due: String::new(),
                    notes: String::new(),
                })
            },
            Item::MapLanes,
            "",
            Done,
            true,
        ),
    ];
    for (i, (change, item, lane, status, proven)) in cases.into_iter().enumerate() {
        let mut plan = sample_plan();
        change(&mut plan);
        let report = report_on(&plan, "2026-11-29", None);
        let r = row(&report, item, lane);
        assert_eq!(
            (r.status, r.proven),
            (status, proven),
            "case {i}: {item:?} {lane}: {}",
            r.evidence
        );
    }
}

#[test]
fn the_warm_up_advances_with_today() {
    let plan = sample_plan();
    // Past the ramp's last day the item waits for the lane to be marked
    // warm: dates alone do not warm a lane.
    for (today, status, proven) in [
        ("2027-09-01", ItemStatus::NotStarted, true),
        ("2027-09-20", ItemStatus::InProgress, true),
        ("2028-03-01", ItemStatus::InProgress, false),
    ] {
        let report = report_on(&plan, today, None);
        let r = row(&report, Item::WarmUp, "promotional");
        assert_eq!((r.status, r.proven), (status, proven), "{today}");
    }
}

#[test]
fn a_ramp_past_its_end_is_done_once_the_lane_is_marked_warm() {
    let mut plan = sample_plan();
    let ended = |plan: &Plan| {
        let report = report_on(plan, "2028-03-01", None);
        let r = row(&report, Item::WarmUp, "promotional");
        (r.status, r.proven, r.evidence.clone())
    };
    let (_, _, evidence) = ended(&plan);
    assert!(
        evidence.contains("authentication is not done yet"),
        "{evidence}"
    );
    let lane = plan
        .lanes
        .iter_mut()
        .find(|l| l.id == "promotional")
        .unwrap();
    lane.status = LaneStatus::Warm;
    let (status, proven, _) = ended(&plan);
    assert_eq!((status, proven), (ItemStatus::Done, true));
}

#[test]
fn a_ramp_that_ends_short_of_the_lanes_mail_never_makes_it_warm() {
    // Amazon SES's ramp ends far below the 140,000 peak: long after its
    // end the lane is still warming, and the row says where it ends.
    let mut plan = sample_plan();
    let w = plan.lanes[2].warmup.as_mut().unwrap();
    w.preset = WarmupPreset::AmazonSes;
    w.target_volume = 140_000;
    let report = report_on(&plan, "2028-03-01", None);
    let r = row(&report, Item::WarmUp, "promotional");
    assert_eq!(r.status, ItemStatus::InProgress, "{}", r.evidence);
    // The row names the day the ramp ends, as the Warm-up tab does, and
    // what the lane must carry.
    let routing = switchyard::plan::routing::route(&plan);
    let wanted = switchyard::warmup::migration::lane_wanted(&plan, &routing, "promotional");
    let w = plan.lanes[2].warmup.as_ref().unwrap();
    let cal =
        switchyard::warmup::calendar::calendar(w, &wanted, switchyard::warmup::calendar::MAX_DAYS)
            .unwrap();
    let ends = cal.warm_on.clone().expect("the day the ramp ends");
    assert!(
        r.evidence.contains(&format!(
            "the ramp ends on {ends} at 50,000 a day, short of the 140,000 a day the lane must carry"
        )),
        "{}",
        r.evidence
    );
}

#[test]
fn seed_tests_that_land_in_spam_are_not_done() {
    let mut plan = sample_plan();
    plan.checklist.seeds.retain(|s| s.lane != "promotional");
    let seed = |gmail, yahoo, outlook| SeedTest {
        id: "promo-seed".into(),
        lane: "promotional".into(),
        date: "2026-11-20".into(),
        gmail,
        yahoo,
        outlook,
    };
    use Placement::*;
    let cases = [
        (seed(Spam, Inbox, Missing), ItemStatus::InProgress, "3 of 3 providers tested; 33.3% reached the inbox, under 80%: fix placement and test again."),
        (seed(Inbox, Tab, Inbox), ItemStatus::Done, "3 of 3 providers tested; 100.0% reached the inbox."),
    ];
    for (test, status, says) in cases {
        let mut plan = plan.clone();
        plan.checklist.seeds.push(test);
        let report = report_on(&plan, "2026-11-29", None);
        let r = row(&report, Item::SeedTests, "promotional");
        assert_eq!((r.status, r.evidence.as_str()), (status, says));
    }
}

#[test]
fn the_latest_seed_test_decides_the_inbox_rate() {
    use Placement::*;
    let seed = |date: &str, p: Placement| SeedTest {
        id: format!("s-{date}-{p:?}"),
        lane: "promotional".into(),
        date: date.into(),
        gmail: p,
        yahoo: p,
        outlook: p,
    };
    // (tests, the rate's (inbox, tested), its date, whether the lane is low)
    let cases = [
        // Three clean tests, then a failing one: the lane is failing now.
        (
            vec![
                seed("2026-11-01", Inbox),
                seed("2026-11-08", Inbox),
                seed("2026-11-15", Inbox),
                seed("2026-11-22", Spam),
            ],
            (0, 3),
            Some("2026-11-22"),
            true,
        ),
        // An old failure, fixed since.
        (
            vec![seed("2026-11-01", Spam), seed("2026-11-22", Inbox)],
            (3, 3),
            Some("2026-11-22"),
            false,
        ),
        // Two tests on the latest day count together, in any order.
        (
            vec![
                seed("2026-11-22", Inbox),
                seed("2026-11-01", Inbox),
                seed("2026-11-22", Missing),
            ],
            (3, 6),
            Some("2026-11-22"),
            true,
        ),
        // A test added to test again has no result yet, and changes nothing.
        (
            vec![seed("2026-11-22", Spam), seed("2026-11-29", NotTested)],
            (0, 3),
            Some("2026-11-22"),
            true,
        ),
        // Without a valid date, every test counts.
        (
            vec![seed("", Inbox), seed("soon", Spam)],
            (3, 6),
            None,
            true,
        ),
    ];
    for (tests, rate, latest, low) in cases {
        let mut plan = sample_plan();
        plan.checklist.seeds.retain(|s| s.lane != "promotional");
        plan.checklist.seeds.extend(tests);
        let report = report_on(&plan, "2026-11-29", None);
        let lane = report
            .seeds
            .iter()
            .find(|s| s.lane == "promotional")
            .unwrap();
        assert_eq!(
            ((lane.inbox, lane.tested), lane.latest.as_deref(), lane.low),
            (rate, latest, low)
        );
        let routing = route(&plan);
        let found = lint(&plan, &routing)
            .into_iter()
            .any(|d| d.code == "lint.seed_inbox_rate" && d.message.starts_with("Promotional"));
        assert_eq!(found, low, "{rate:?}");
    }
}

#[test]
fn due_dates_count_back_from_the_warm_up() {
    let mut plan = sample_plan();
    let report = report_on(&plan, "2026-11-29", None);
    let r = row(&report, Item::DomainPlan, "promotional");
    assert_eq!((r.due.as_str(), r.due_derived), ("2027-08-16", true));
    assert_eq!(
        row(&report, Item::AuthConfigured, "promotional").due,
        "2027-08-23"
    );
    assert_eq!(
        row(&report, Item::SeedTests, "promotional").due,
        "2027-09-03"
    );
    assert_eq!(row(&report, Item::LanesWithOwners, "").due, "2027-08-16");
    // A lane without a warm-up has no derived date.
    assert_eq!(row(&report, Item::SmtpServers, "transactional").due, "");
    // A date set by hand wins, and past it an unfinished item is overdue.
    let state = plan
        .checklist
        .items
        .iter_mut()
        .find(|s| s.item == Item::SmtpServers && s.lane == "promotional")
        .unwrap();
    state.due = "2026-11-01".into();
    let report = report_on(&plan, "2026-11-29", None);
    let r = row(&report, Item::SmtpServers, "promotional");
    assert_eq!(
        (r.due.as_str(), r.due_derived, r.overdue),
        ("2026-11-01", false, true)
    );
}

#[test]
fn progress_counts_what_applies() {
    let report = report_on(&sample_plan(), "2026-11-29", None);
    let rows: Vec<&Row> = report.steps.iter().chain(&report.implementation).collect();
    let applies = rows
        .iter()
        .filter(|r| r.status != ItemStatus::NotApplicable)
        .count() as u32;
    let done = rows.iter().filter(|r| r.status == ItemStatus::Done).count() as u32;
    assert_eq!((report.overall.done, report.overall.total), (done, applies));
    // 5 plan-wide items, 12 per lane.
    assert_eq!(rows.len(), 5 + 12 * 3);
    let sum: u32 = report.progress.iter().map(|p| p.total).sum();
    assert_eq!(sum, report.overall.total);
    // The spam on 2026-11-16 was fixed by the test of 2026-11-23.
    assert!(report.seeds[1].tested == 3 && report.seeds[1].inbox == 3 && !report.seeds[1].low);
}

/// A planned name or value with the provider's parts filled in.
fn fill(text: &str) -> String {
    text.replace("<token1>", "k7f3q2v9x8w1a6s5d4g3h2j1l0p9o8i7")
        .replace("<token2>", "r4t6y8u0i2o4p6a8s0d2f4g6h8j0k2l4")
        .replace("<token3>", "z1x3c5v7b9n1m3q5w7e9r1t3y5u7i9o1")
        .replace("<date>", "20250314120000")
        .replace("<user id>", "4815162")
        .replace("<account>", "4815162")
        .replace("<id>", "42")
}

#[test]
fn published_records_prove_authentication() {
    let mut plan = sample_plan();
    let today = day("2026-11-29");
    // Nothing pasted for the lanes yet: a suggestion, not proof.
    let report = domains_report(&plan, today, None);
    let found = evidence(&plan, &report);
    assert!(found.iter().all(|e| e.planned > 0 && e.published == 0));
    let r = report_on(&plan, "2026-11-29", Some(&found));
    assert_eq!(
        row(&r, Item::AuthConfigured, "promotional").status,
        ItemStatus::NotStarted
    );
    // Publish everything the plan asks for, with the provider's values in
    // place of the placeholders, in names as in values: the plan proves it
    // is done.
    let key = "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC73kVD/1a+uD+71tVlpa7Y+1wLR0Db7B0a2EAiZzPpzcK8SNdpaeamvr4pO6dEF26T5Bpb3E2suycmTzrBiuC1RZO7Un0ikafNf9nj88SSbSuoQbzgEkR6xAL1tNF9P01FlvIJ6zyxIm2267O4pahnTM0Emoj5RsftxwWV8LmY/wIDAQAB";
    let zones: String = report
        .records
        .iter()
        .map(|r| {
            let name = fill(&r.name);
            match (r.kind.as_str(), r.placeholder) {
                ("TXT", true) => format!("{name}. IN TXT \"{key}\"\n"),
                ("TXT", false) => format!("{name}. IN TXT \"{}\"\n", r.value),
                (kind, _) => format!("{name}. IN {kind} {}.\n", fill(&r.value)),
            }
        })
        .collect();
    plan.existing_records = zones;
    let report = domains_report(&plan, today, None);
    let found = evidence(&plan, &report);
    assert!(found.iter().all(|e| e.published == e.planned), "{found:?}");
    let r = report_on(&plan, "2026-11-29", Some(&found));
    let auth = row(&r, Item::AuthConfigured, "promotional");
    assert_eq!(
        (auth.status, auth.proven),
        (ItemStatus::Done, true),
        "{}",
        auth.evidence
    );
    // Records at the right names with other values prove nothing: a DKIM
    // CNAME to another provider, a link host elsewhere, an SPF record
    // that leaves the lane's provider out.
    let promotional: Vec<&RecordView> = (report.records.iter())
        .filter(|r| r.lane.as_deref() == Some("promotional"))
        .collect();
    for wrong in promotional.iter().filter(|r| r.kind != "MX") {
        let bad = match wrong.kind.as_str() {
            "CNAME" => format!("{}. IN CNAME elsewhere.example.\n", fill(&wrong.name)),
            // The Return-Path's SPF; an SPF record pasted at the From
            // domain is kept in place of the plan's, not compared.
            _ if wrong.value.starts_with("v=spf1") && wrong.name.starts_with("bounce.") => {
                format!(
                    "{}. IN TXT \"v=spf1 include:other.example ~all\"\n",
                    fill(&wrong.name)
                )
            }
            _ => continue,
        };
        let kept: String = (plan.existing_records.lines())
            .filter(|l| !l.starts_with(&format!("{}. IN {} ", fill(&wrong.name), wrong.kind)))
            .map(|l| format!("{l}\n"))
            .collect();
        let mut changed = plan.clone();
        changed.existing_records = kept + &bad;
        let found = evidence(&changed, &domains_report(&changed, today, None));
        let lane = found.iter().find(|e| e.lane == "promotional").unwrap();
        assert_eq!((lane.published + 1, lane.planned), (8, 8), "{bad}");
    }
    // A second DMARC record beside the planned one leaves the domain with
    // no policy at all: not done.
    let mut twice = plan.clone();
    twice.existing_records +=
        "_dmarc.fernleafcoffee.com. IN TXT \"v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@fernleafcoffee.com\"\n";
    let found = evidence(&twice, &domains_report(&twice, today, None));
    let r = report_on(&twice, "2026-11-29", Some(&found));
    let auth = row(&r, Item::AuthConfigured, "promotional");
    assert_eq!(auth.status, ItemStatus::InProgress, "{}", auth.evidence);
}

/// The checklist counts the brand's DMARC record with a lane's own
/// records, and says so: the number it gives for the lane's own is the
/// one the Domains tab lists and a migration's step to publish them says.
#[test]
fn the_checklist_counts_a_lanes_records_as_the_migration_step_does() {
    use switchyard::review::migration::{report as move_report, StepKind};
    let today = day("2026-11-29");
    let mut plan = sample_plan();
    plan.migrations.push(Migration {
        start_date: "2027-10-04".into(),
        ..Migration::new("migration-1", "revenue-flows", "promotional")
    });
    let records = domains_report(&plan, today, None).records;
    let own: Vec<&RecordView> = (records.iter())
        .filter(|r| r.lane.as_deref() == Some("promotional"))
        .collect();
    assert_eq!(own.len(), 7, "the Domains tab's records of the lane");
    let lane_zone: String = (own.iter())
        .map(|r| match r.kind.as_str() {
            "TXT" => format!("{}. IN TXT \"{}\"\n", fill(&r.name), r.value),
            kind => format!("{}. IN {kind} {}.\n", fill(&r.name), fill(&r.value)),
        })
        .collect();
    // (pasted existing records, what the checklist says of the lane)
    let cases = [
        (
            String::new(),
            "None of its 7 records, nor the brand's DMARC record, is in the pasted existing records.",
        ),
        (
            lane_zone,
            "7 of 8 records (its 7 and the brand's DMARC record) found in the pasted existing records; 0 DNS errors.",
        ),
    ];
    for (pasted, said) in cases {
        plan.existing_records = pasted;
        let dns = domains_report(&plan, today, None);
        let found = evidence(&plan, &dns);
        let auth = row(
            &report_on(&plan, "2026-11-29", Some(&found)),
            Item::AuthConfigured,
            "promotional",
        )
        .clone();
        assert_eq!(auth.evidence, said);
        let routing = route(&plan);
        let m = move_report(
            &plan,
            &routing,
            &plan.migrations[0],
            &dns.records,
            Some(&found),
            today,
            None,
        );
        let publish = m
            .steps
            .iter()
            .find(|s| s.kind == StepKind::PublishRecords)
            .unwrap();
        assert!(
            publish
                .detail
                .starts_with("7 records for SPF, DKIM, bounces and tracking,"),
            "{}",
            publish.detail
        );
    }
}

#[test]
fn evidence_agrees_its_counts_with_their_nouns() {
    // (what changes, item, what the evidence says).
    let cases: Vec<(Change, Item, &str)> = vec![
        (
            |p| p.journeys[0].lane_override = Some("gone".into()),
            Item::MapLanes,
            "3 lanes; 1 journey routes to none.",
        ),
        (
            |p| {
                p.journeys[0].lane_override = Some("gone".into());
                p.journeys[1].lane_override = Some("gone".into());
            },
            Item::MapLanes,
            "3 lanes; 2 journeys route to none.",
        ),
        (
            |p| {
                p.simulation.fallbacks.truncate(1);
            },
            Item::FallbackPlan,
            "1 lane has a fallback plan, covering every promotional lane.",
        ),
    ];
    for (change, item, said) in cases {
        let mut plan = sample_plan();
        change(&mut plan);
        let report = report_on(&plan, "2027-08-01", None);
        assert_eq!(row(&report, item, "").evidence, said, "{item:?}");
    }
}

#[test]
fn a_step_and_its_checklist_line_suggest_each_others_status() {
    // The sample marks authentication done by hand for the transactional
    // lane; the checklist's line for the same work follows, as a suggestion.
    let plan = sample_plan();
    let report = report_on(&plan, "2026-12-01", None);
    let step = row(&report, Item::Authenticate, "transactional");
    assert_eq!(step.manual, Some(ItemStatus::Done));
    let line = row(&report, Item::AuthConfigured, "transactional");
    assert_eq!(line.status, ItemStatus::Done);
    assert!(line.suggested && line.manual.is_none());
    assert_eq!(
        line.evidence,
        "As set for “Authenticate with SPF and DKIM; publish DMARC”."
    );
    // A status set on the line itself wins over its twin's.
    let mut plan = plan;
    plan.checklist.items.push(ItemState {
        item: Item::AuthConfigured,
        lane: "transactional".into(),
        status: Some(ItemStatus::InProgress),
        owner: String::new(),
        due: String::new(),
        notes: String::new(),
    });
    let report = report_on(&plan, "2026-12-01", None);
    let line = row(&report, Item::AuthConfigured, "transactional");
    assert_eq!(line.status, ItemStatus::InProgress);
}

#[test]
fn a_lane_without_planned_records_says_what_to_do_first() {
    let plan = sample_plan();
    let found = vec![Evidence {
        lane: "promotional".into(),
        planned: 0,
        dmarc: false,
        published: 0,
        errors: 0,
    }];
    let r = report_on(&plan, "2026-11-29", Some(&found));
    let auth = row(&r, Item::Authenticate, "promotional");
    assert_eq!(
        auth.evidence,
        "No records are planned for the lane yet: give it a sending domain on the Lanes tab."
    );
    assert_eq!(auth.status, ItemStatus::NotStarted);
}

#[test]
fn a_prompt_to_mark_an_item_done_goes_once_its_status_is_set() {
    // (platform, status set by hand, the SMTP server step's evidence)
    let cases = [
        (Platform::CustomerIo, None, "SendGrid at smtp.sendgrid.net:2525; mark it done once the server is set up in Customer.io."),
        (Platform::OwnCode, None, "SendGrid at smtp.sendgrid.net:2525; mark it done once your sending code or ESP uses it."),
        (Platform::CustomerIo, Some(ItemStatus::Done), "SendGrid at smtp.sendgrid.net:2525."),
    ];
    for (platform, status, said) in cases {
        let mut plan = sample_plan();
        plan.platform.kind = platform;
        plan.checklist
            .items
            .retain(|s| !(s.item == Item::SmtpServers && s.lane == "revenue-flows"));
        if let Some(status) = status {
            plan.checklist.items.push(ItemState {
                item: Item::SmtpServers,
                lane: "revenue-flows".into(),
                status: Some(status),
                owner: String::new(),
                due: String::new(),
                notes: String::new(),
            });
        }
        let report = report_on(&plan, "2026-11-29", None);
        assert_eq!(
            row(&report, Item::SmtpServers, "revenue-flows").evidence,
            said,
            "{platform:?} {status:?}"
        );
    }
}

#[test]
fn a_ramp_past_its_end_counts_authentication_marked_done_by_hand() {
    let mut plan = sample_plan();
    let said = |plan: &Plan| {
        let report = report_on(plan, "2028-03-01", None);
        row(&report, Item::WarmUp, "promotional").evidence.clone()
    };
    assert!(said(&plan).contains("authentication is not done yet"));
    switchyard::plan::edit::edit_plan(
        &mut plan,
        switchyard::plan::edit::Edit::ChecklistItem {
            item: Item::Authenticate,
            lane: "promotional".into(),
            set: switchyard::plan::edit::ItemField::Status(Some(ItemStatus::Done)),
        },
    );
    assert_eq!(
        said(&plan),
        "The calendar's ramp ended on 2027-09-21; mark the lane warm on the Lanes tab once its health held through the ramp."
    );
}

/// A start date that is no date plans no warm-up, as the problems and the
/// report say.
#[test]
fn a_warm_up_from_a_date_that_is_none_is_not_planned() {
    for (start, status, says) in [
        ("2027-09-06", ItemStatus::Done, "Planned from 2027-09-06."),
        (
            "2026-02-30",
            ItemStatus::InProgress,
            "“2026-02-30” is not a date.",
        ),
        (
            "1999-12-31",
            ItemStatus::InProgress,
            "plans run from 2000 to 2199",
        ),
    ] {
        let mut plan = sample_plan();
        let lane = plan
            .lanes
            .iter_mut()
            .find(|l| l.id == "promotional")
            .unwrap();
        lane.warmup.as_mut().unwrap().start_date = start.into();
        let report = report_on(&plan, "2027-01-01", None);
        let r = row(&report, Item::WarmupPlanCreated, "promotional");
        assert_eq!(r.status, status, "{start}");
        assert!(r.evidence.contains(says), "{start}: {}", r.evidence);
    }
}

/// Pasted records prove nothing where a placeholder was pasted unfilled,
/// or where other records stand at a name the plan leads to the provider
/// by a CNAME (a Return-Path or link name).
#[test]
fn unfilled_placeholders_and_records_in_place_of_a_cname_prove_nothing() {
    let mut plan = sample_plan();
    let today = day("2026-11-29");
    let report = domains_report(&plan, today, None);
    let lane_records = |lane: &str| -> Vec<RecordView> {
        (report.records.iter())
            .filter(|r| r.lane.as_deref() == Some(lane))
            .cloned()
            .collect()
    };
    let pasted = |records: &[RecordView], filled: bool| -> String {
        let fill = |text: &str| if filled { fill(text) } else { text.to_string() };
        (records.iter())
            .map(|r| match r.kind.as_str() {
                "TXT" => format!("{}. IN TXT \"{}\"\n", fill(&r.name), r.value),
                kind => format!("{}. IN {kind} {}.\n", fill(&r.name), fill(&r.value)),
            })
            .collect()
    };
    let published = |plan: &Plan, lane: &str| {
        let found = evidence(plan, &domains_report(plan, today, None));
        let lane = found.iter().find(|e| e.lane == lane).unwrap().clone();
        (lane.published, lane.planned)
    };
    // SES's DKIM CNAME pasted with its token as it is.
    let promotional = lane_records("promotional");
    plan.existing_records = pasted(&promotional, true);
    let (all, planned) = published(&plan, "promotional");
    assert_eq!(all + 1, planned, "all but the brand's DMARC record");
    plan.existing_records = pasted(&promotional, false);
    assert!(published(&plan, "promotional").0 < all);
    // An SPF record where SendGrid's Return-Path CNAME belongs.
    let revenue = lane_records("revenue-flows");
    plan.existing_records = pasted(&revenue, true);
    let (all, _) = published(&plan, "revenue-flows");
    let bounce = revenue
        .iter()
        .find(|r| r.name.starts_with("bounce."))
        .unwrap();
    plan.existing_records = (plan.existing_records.lines())
        .filter(|l| !l.starts_with(&format!("{}.", bounce.name)))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        + &format!(
            "{}. IN TXT \"v=spf1 include:mailgun.org -all\"\n",
            bounce.name
        );
    assert_eq!(published(&plan, "revenue-flows").0 + 1, all);
}

#[test]
fn a_warm_up_that_does_not_ramp_is_not_a_plan_made() {
    // (the promotional lane's status and custom start, whether made).
    let cases = [
        (LaneStatus::Warming, 200, ItemStatus::Done),
        (LaneStatus::Warming, 1_000_000, ItemStatus::InProgress),
        (LaneStatus::New, 1_000_000, ItemStatus::InProgress),
    ];
    for (status, start, made) in cases {
        let mut plan = sample_plan();
        plan.lanes[2].status = status;
        let w = plan.lanes[2].warmup.as_mut().unwrap();
        (w.preset, w.custom.start_volume) = (WarmupPreset::Custom, start);
        let report = report_on(&plan, "2027-08-01", None);
        let item = row(&report, Item::WarmupPlanCreated, "promotional");
        assert_eq!(item.status, made, "{status:?} {start}: {item:?}");
    }
}

/// A status set by hand on an item of a lane.
fn set_by_hand(plan: &mut Plan, item: Item, lane: &str, status: ItemStatus) {
    plan.checklist
        .items
        .retain(|s| !(s.item == item && s.lane == lane));
    plan.checklist.items.push(ItemState {
        item,
        lane: lane.into(),
        status: Some(status),
        owner: String::new(),
        due: String::new(),
        notes: String::new(),
    });
}

#[test]
fn imported_data_proves_a_lane_monitored_and_an_old_import_only_suggests_it() {
    use ItemStatus::*;
    // A week of promotional mail ending `last` days before 2026-11-29,
    // complaints at `complaints` a thousand.
    let week = |last: u64, complaints: u64| -> Vec<delivery::Day> {
        let end = day("2026-11-29") - chrono::Days::new(last);
        (0..7u64)
            .map(|i| {
                let d = end - chrono::Days::new(6 - i);
                (d.to_string(), 1_000, 1_000, 0, complaints)
            })
            .collect()
    };
    // A week of promotional mail from `first`, days after today included.
    let from = |first: &str| -> Vec<delivery::Day> {
        (0..7u64)
            .map(|i| {
                (
                    (day(first) + chrono::Days::new(i)).to_string(),
                    1_000,
                    1_000,
                    0,
                    0,
                )
            })
            .collect()
    };
    let none = |_: &mut Plan| {};
    let by_hand =
        |status| move |p: &mut Plan| set_by_hand(p, Item::MonitorByLane, "promotional", status);
    let in_progress = by_hand(InProgress);
    let done = by_hand(Done);
    let n_a = by_hand(NotApplicable);
    let typed_in = |p: &mut Plan| {
        p.monitoring.postmaster.push(PostmasterEntry {
            id: "pm-1".into(),
            date: "2026-11-28".into(),
            domain: "fernleafcoffee.com".into(),
            spam_rate_percent: 0.35,
        })
    };
    let no_thresholds = |p: &mut Plan| p.monitoring.thresholds.clear();
    // (case, the plan's change, the lane's data, item, status, proven,
    // words of the evidence)
    type Case<'a> = (
        &'a str,
        &'a dyn Fn(&mut Plan),
        Vec<delivery::Day>,
        Item,
        ItemStatus,
        bool,
        &'a str,
    );
    let cases: Vec<Case> = vec![
        (
            "no data: thresholds only suggest it",
            &none,
            vec![],
            Item::MonitorByLane,
            InProgress,
            false,
            "Thresholds are set; import its latest delivery data on the Monitoring tab, or mark it done.",
        ),
        ("no data, no thresholds", &no_thresholds, vec![], Item::MonitorByLane, NotStarted, false, "No thresholds yet."),
        (
            "data up to yesterday proves it",
            &none,
            week(1, 0),
            Item::MonitorByLane,
            Done,
            true,
            "Imported delivery data covers 7 days of the lane, up to 2026-11-28; the Monitoring tab says Healthy.",
        ),
        (
            "a lane that needs action is still monitored",
            &none,
            week(1, 5),
            Item::MonitorByLane,
            Done,
            true,
            "the Monitoring tab says Act.",
        ),
        (
            "the data proves it over a status set by hand",
            &in_progress,
            week(1, 0),
            Item::MonitorByLane,
            Done,
            true,
            "up to 2026-11-28",
        ),
        ("over not applicable too, as the lane sends", &n_a, week(13, 0), Item::MonitorByLane, Done, true, "up to 2026-11-16"),
        (
            "data two weeks old only suggests it",
            &none,
            week(14, 0),
            Item::MonitorByLane,
            InProgress,
            false,
            "Imported delivery data covers 7 days of the lane, up to 2026-11-15, over two weeks ago; import its latest delivery data on the Monitoring tab, or mark it done.",
        ),
        ("and a status set by hand wins", &done, week(40, 0), Item::MonitorByLane, Done, false, "up to 2026-10-20, over two weeks ago."),
        (
            "days after today count for nothing",
            &none,
            from("2026-11-27"),
            Item::MonitorByLane,
            Done,
            true,
            "Imported delivery data covers 3 days of the lane, up to 2026-11-29;",
        ),
        (
            "nor does data all ahead of today",
            &none,
            from("2026-12-01"),
            Item::MonitorByLane,
            InProgress,
            false,
            "Thresholds are set",
        ),
        (
            "Postmaster Tools figures alone prove nothing",
            &typed_in,
            vec![],
            Item::MonitorByLane,
            InProgress,
            false,
            "Thresholds are set",
        ),
        (
            "no data proves the weekly review ran",
            &none,
            week(1, 0),
            Item::WeeklyReview,
            InProgress,
            false,
            "Thresholds are set; mark it done once the review runs.",
        ),
    ];
    for (case, change, days, item, status, proven, words) in cases {
        let mut plan = sample_plan();
        change(&mut plan);
        let h = health(&plan, &delivery::store_of("promotional", &days));
        let routing = route(&plan);
        let report = checklist(
            &plan,
            &routing,
            &[],
            None,
            &[],
            &[],
            &h.lanes,
            day("2026-11-29"),
        );
        let r = row(&report, item, "promotional");
        assert_eq!(
            (r.status, r.proven),
            (status, proven),
            "{case}: {}",
            r.evidence
        );
        assert!(r.evidence.contains(words), "{case}: {}", r.evidence);
        // Another lane's data proves nothing of this one.
        let other = row(&report, Item::MonitorByLane, "revenue-flows");
        assert!(!other.proven, "{case}: {}", other.evidence);
    }
}

/// An error in the pasted DNS records is the authentication step's to see
/// to; the routing item waits only on the errors outside them, such as a
/// journey sent to a lane the plan lacks.
#[test]
fn dns_errors_do_not_hold_up_the_routing() {
    use switchyard::plan::diagnostic::Severity;
    use switchyard::review::findings::findings;
    let today = day("2026-12-01");
    let assign = |plan: &Plan| {
        let derived = findings(plan, today, None);
        let errors: Vec<String> = (derived.all.iter())
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.code.to_string())
            .collect();
        (
            row(&derived.checklist, Item::AssignRoutes, "").status,
            errors,
        )
    };
    let mut plan = sample_plan();
    assert_eq!(assign(&plan), (ItemStatus::Done, vec![]));
    let domain = plan.brand.primary_domain.clone();
    plan.existing_records.push_str(&format!(
        "_dmarc.{domain}. 300 IN TXT \"v=DMARC1; p=none\"\n_dmarc.{domain}. 300 IN TXT \"v=DMARC1; p=reject\"\n"
    ));
    let (status, errors) = assign(&plan);
    assert!(!errors.is_empty(), "the records hold an error");
    assert_eq!(status, ItemStatus::Done, "{errors:?}");
    plan.journeys[0].lane_override = Some("gone".into());
    assert_eq!(assign(&plan).0, ItemStatus::InProgress);
}

#[test]
fn a_lane_without_a_warm_up_plan_is_told_by_its_status() {
    for (status, evidence) in [
        (LaneStatus::New, "The lane is new but has no warm-up plan."),
        (
            LaneStatus::Warming,
            "The lane is warming but has no warm-up plan.",
        ),
        (LaneStatus::Warm, "The lane is already warm."),
    ] {
        let mut plan = sample_plan();
        plan.lanes[2].warmup = None;
        plan.lanes[2].status = status;
        let report = report_on(&plan, "2026-11-29", None);
        let r = row(&report, Item::WarmupPlanCreated, "promotional");
        assert_eq!(r.evidence, evidence, "{status:?}");
    }
}

#[test]
fn a_lane_no_mail_goes_through_needs_no_customer_io_server() {
    // (platform, a migration moves mail to the lane, the SMTP server step)
    let cases = [
        (Platform::CustomerIo, false, ItemStatus::NotApplicable, "None of the plan's mail goes through it on Customer.io, so it needs no server yet."),
        (Platform::CustomerIo, true, ItemStatus::NotStarted, "SendGrid at smtp.sendgrid.net:2525; mark it done once the server is set up in Customer.io."),
        (Platform::OwnCode, false, ItemStatus::NotStarted, "SendGrid at smtp.sendgrid.net:2525; mark it done once your sending code or ESP uses it."),
    ];
    for (platform, migrated, status, said) in cases {
        let mut plan = sample_plan();
        plan.platform.kind = platform;
        let mut spare = plan.lane("revenue-flows").unwrap().clone();
        spare.id = "spare".into();
        spare.name = "Spare".into();
        plan.lanes.push(spare);
        if migrated {
            (plan.migrations).push(Migration::new("to-spare", "revenue-flows", "spare"));
        }
        let report = report_on(&plan, "2026-11-29", None);
        let step = row(&report, Item::SmtpServers, "spare");
        assert_eq!(step.status, status, "{platform:?} {migrated}");
        assert_eq!(step.evidence, said, "{platform:?} {migrated}");
        // Its SMTP host is missing only where it needs a server.
        let at = plan.lanes.len() - 1;
        plan.lanes[at].smtp.host.clear();
        let found = findings(&plan, day("2026-11-29"), None);
        let host = format!("$.lanes[{at}].smtp.host");
        let asked = (found.all.iter()).any(|d| d.code == "smtp.host_missing" && d.path == host);
        let needed = status != ItemStatus::NotApplicable;
        assert_eq!(asked, needed, "{platform:?} {migrated}");
        // A lane that carries mail still asks for its server.
        let carrying = row(&report, Item::SmtpServers, "revenue-flows");
        assert_ne!(carrying.status, ItemStatus::NotApplicable, "{platform:?}");
    }
}
