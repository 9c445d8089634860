//! The split assessment and the readiness report.

#[path = "support/delivery.rs"]
mod delivery;

use chrono::NaiveDate;
use switchyard::dns::report::domains_report;
use switchyard::plan::model::*;
use switchyard::plan::routing::route;
use switchyard::plan::sample::sample_plan;
use switchyard::review::assess::{assess, Strength};
use switchyard::review::checklist::checklist;
use switchyard::review::readiness::{escape, report, to_markdown, Block, Inputs};
use switchyard::warmup::migration::carried_on;

#[test]
fn the_sample_should_split_and_start_with_its_revenue_flows() {
    let a = assess(&sample_plan());
    assert!(a.split, "{}", a.verdict);
    let strengths: Vec<Strength> = a.situations.iter().map(|s| s.strength).collect();
    assert_eq!(
        strengths,
        [
            Strength::Strong,
            Strength::Strong,
            Strength::Strong,
            Strength::No,
            Strength::No
        ]
    );
    let order: Vec<Purpose> = a.start_with.iter().map(|s| s.purpose).collect();
    assert_eq!(
        order,
        [
            Purpose::RevenueFlows,
            Purpose::Transactional,
            Purpose::Promotional
        ]
    );
    assert!(a.start_with.iter().all(|s| s.in_plan()));
}

#[test]
fn promotions_are_called_warm_only_on_a_lane_with_nothing_to_warm() {
    let advice = |plan: &Plan| {
        let a = assess(plan);
        let s = a
            .start_with
            .iter()
            .find(|s| s.purpose == Purpose::Promotional);
        s.unwrap().why.clone()
    };
    let warming = "Promotions are on a lane still warming up in this plan";
    let warm = "Keep promotions on the established, warm domain";
    // (status, with its warm-up plan, the advice)
    let cases = [
        (LaneStatus::New, true, warming),
        (LaneStatus::Warming, true, warming),
        (LaneStatus::Paused, true, warming),
        (LaneStatus::Paused, false, warm),
        (LaneStatus::Warm, false, warm),
    ];
    for (status, planned, words) in cases {
        let mut plan = sample_plan();
        plan.lanes[2].status = status;
        if !planned {
            plan.lanes[2].warmup = None;
        }
        assert!(advice(&plan).starts_with(words), "{status:?} {planned}");
    }
}

#[test]
fn the_evidence_groups_thousands_and_counts_its_nouns() {
    // (how, the situation, its evidence)
    let cases: [(Change, usize, &str); 8] = [
        (
            |_| {},
            2,
            "4,250 receipts, shipping updates and login messages a day.",
        ),
        (
            |p| p.journeys[0].intent = Intent::VipOffer,
            3,
            "1,800 VIP offers a day (a lane of its own pays from about 1,000).",
        ),
        (
            |p| {
                p.journeys[0].intent = Intent::VipOffer;
                p.journeys[0].daily_volume = 1;
            },
            3,
            "1 VIP offer a day (a lane of its own pays from about 1,000).",
        ),
        // Moving ESPs as the plan says it, or only a lane moving mail.
        (|_| {}, 4, "Not marked as a migration."),
        (
            |p| p.checklist.migrating_esp = true,
            4,
            "The plan says the brand is moving ESPs.",
        ),
        (
            |p| p.lanes[2].purpose = Purpose::Migration,
            4,
            "A lane's purpose is Migration: mail is moving off a server, though the plan does not say the brand is moving ESPs.",
        ),
        (
            |p| {
                let m = Migration::new("move", "revenue-flows", "promotional");
                p.migrations.push(m);
            },
            4,
            "A migration moves mail from Revenue flows on SendGrid to Promotional on Amazon SES.",
        ),
        // A move between two lanes of one provider is no change of ESP.
        (
            |p| {
                p.lanes[2].smtp = p.lanes[1].smtp.clone();
                let m = Migration::new("move", "revenue-flows", "promotional");
                p.migrations.push(m);
            },
            4,
            "Not marked as a migration.",
        ),
    ];
    for (change, situation, evidence) in cases {
        let mut plan = sample_plan();
        change(&mut plan);
        assert_eq!(assess(&plan).situations[situation].evidence, evidence);
    }
}

type Change = fn(&mut Plan);

#[test]
fn the_numbers_decide() {
    // (change, split, verdict contains, situation index, its strength)
    let cases: Vec<(Change, bool, &str, usize, Strength)> = vec![
        // Promotions only: one kind of mail, nothing to protect.
        (
            |p| {
                p.journeys
                    .retain(|j| j.intent == Intent::PromotionalBroadcast)
            },
            false,
            "One well-authenticated lane",
            0,
            Strength::Strong,
        ),
        // A small programme splits into two lanes at most.
        (
            |p| p.journeys.iter_mut().for_each(|j| j.daily_volume /= 100),
            true,
            "two lanes at most",
            2,
            Strength::Strong,
        ),
        // Recovery is a sliver of the revenue.
        (
            |p| {
                p.journeys
                    .iter_mut()
                    .filter(|j| {
                        matches!(
                            j.intent,
                            Intent::CartAbandonment | Intent::CheckoutAbandonment
                        )
                    })
                    .for_each(|j| j.revenue_per_recipient = 0.01)
            },
            true,
            "Split",
            1,
            Strength::Some,
        ),
        // A fourth lane to suggest waits for the first three.
        (
            |p| p.checklist.migrating_esp = true,
            true,
            "Start with the first 3 lanes below, in order; the others can follow once those are warm.",
            4,
            Strength::Strong,
        ),
        (
            |_| {},
            true,
            "Start with 3 lanes, in the order below.",
            1,
            Strength::Strong,
        ),
    ];
    for (i, (change, split, verdict, index, strength)) in cases.into_iter().enumerate() {
        let mut plan = sample_plan();
        change(&mut plan);
        let a = assess(&plan);
        assert_eq!(a.split, split, "case {i}: {}", a.verdict);
        assert!(a.verdict.contains(verdict), "case {i}: {}", a.verdict);
        assert_eq!(
            a.situations[index].strength, strength,
            "case {i}: {}",
            a.situations[index].evidence
        );
    }
    // Without journeys there is nothing to judge yet.
    let mut plan = sample_plan();
    plan.journeys.clear();
    let a = assess(&plan);
    assert!(!a.split);
    assert!(a.verdict.contains("Add the journeys"), "{}", a.verdict);
    assert!(a.situations.is_empty());
}

#[test]
fn a_big_vip_programme_earns_a_lane_and_a_small_one_a_remark() {
    let mut plan = sample_plan();
    let mut vip = plan.journeys[0].clone();
    vip.id = "vip".into();
    vip.intent = Intent::VipOffer;
    vip.daily_volume = 5_000;
    plan.journeys.push(vip);
    let a = assess(&plan);
    assert!(a
        .start_with
        .iter()
        .any(|s| s.purpose == Purpose::Vip && !s.in_plan()));
    plan.journeys.last_mut().unwrap().daily_volume = 100;
    plan.lanes.push(Lane::new("vip", "VIP", Purpose::Vip));
    let a = assess(&plan);
    assert!(
        a.remarks.iter().any(|r| r.contains("VIP lane")),
        "{:?}",
        a.remarks
    );
    // The lane is weighed by the mail routed to it, as its column shows:
    // 100 routed by rule, and 600 more of another journey moved onto it.
    let vip_remark = |plan: &Plan| {
        let a = assess(plan);
        a.remarks
            .into_iter()
            .find(|r| r.starts_with("VIP is a VIP lane"))
    };
    let routed = switchyard::plan::routing::lane_loads(&plan, &route(&plan));
    let on_vip = (routed.iter())
        .find(|l| l.lane_id.as_deref() == Some("vip"))
        .map_or(0, |l| l.daily_volume);
    let said = vip_remark(&plan).unwrap();
    assert!(
        said.contains(&format!("for {on_vip} messages a day")),
        "{said}"
    );
    let welcome = plan
        .journeys
        .iter()
        .position(|j| j.id == "welcome")
        .unwrap();
    plan.journeys[welcome].lane_override = Some("vip".into());
    let routed = switchyard::plan::routing::lane_loads(&plan, &route(&plan));
    let on_vip = (routed.iter())
        .find(|l| l.lane_id.as_deref() == Some("vip"))
        .unwrap()
        .daily_volume;
    assert!(on_vip > 100, "{on_vip}");
    let said = vip_remark(&plan).unwrap();
    assert!(
        said.contains(&format!(
            "for {} messages a day",
            switchyard::units::group(on_vip)
        )),
        "{said}"
    );
}

fn markdown_of(plan: &Plan, with_dns: bool) -> String {
    markdown_on(
        plan,
        with_dns,
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
    )
}

fn markdown_on(plan: &Plan, with_dns: bool, today: NaiveDate) -> String {
    let routing = route(plan);
    let dns = domains_report(plan, today, None);
    let findings = switchyard::plan::validate::validate(plan);
    let checklist = checklist(plan, &routing, &findings, None, &[], &[], &[], today);
    let assessment = assess(plan);
    let r = report(&Inputs {
        plan,
        today,
        routing: &routing,
        carried: &carried_on(plan, &routing, today),
        checklist: &checklist,
        assessment: &assessment,
        records: with_dns.then_some(dns.records.as_slice()),
        dmarc_stage: &dns.stage,
        findings: &findings,
        delivery: None,
        dmarc_reports: None,
    });
    for block in &r.blocks {
        if let Block::Table { head, rows } = block {
            assert!(rows.iter().all(|row| row.len() == head.len()), "{head:?}");
        }
    }
    to_markdown(&r)
}

#[test]
fn the_report_covers_the_whole_plan() {
    let text = markdown_of(&sample_plan(), true);
    for heading in [
        "# Readiness report: Fernleaf Coffee",
        "## Should you split?",
        "## Lanes",
        "## Domains and records",
        "## Routing",
        "## Warm-up",
        "### Promotional",
        "## Monitoring and fallbacks",
        "## Checklist",
        "### Setup steps",
        "### Implementation checklist",
        "### Seed-list tests",
        "## Unsubscribe policy",
        "## Open findings",
    ] {
        assert!(text.lines().any(|l| l == heading), "missing {heading}");
    }
    assert!(text.contains("| Cart recovery |"), "routing rows");
    assert!(
        text.contains("\\_dmarc.fernleafcoffee.com"),
        "records, escaped"
    );
    assert!(
        text.contains("| 2027\\-09\\-06 |") || text.contains("| 2027-09-06 |"),
        "warm-up calendar"
    );
    assert!(!markdown_of(&sample_plan(), false).contains("\\_dmarc."));
    // What the team watches and does, and when DMARC tightens: the
    // handover carries them, not only the checklist's tick.
    let line = |start: &str| {
        text.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| {
                panic!(
                    "no {start}: {}",
                    &text[text.find("## Monitoring").unwrap()..][..900]
                )
            })
    };
    assert!(
        line("| Transactional | 0.05% / 0.1%").contains("| 2% / 5% |"),
        "{}",
        line("| Transactional |")
    );
    assert!(
        text.contains("| Promotional | Pause promotions |"),
        "fallbacks"
    );
    assert!(
        text.contains("p=quarantine from 2027-02-01, p=reject from 2027-03-01."),
        "rollout: {}",
        text.lines()
            .find(|l| l.contains("The rollout"))
            .unwrap_or("")
    );
}

#[test]
fn the_dmarc_record_is_the_one_to_publish_that_day() {
    // (day, the rollout's stage that day, how the paragraph says it)
    let cases = [
        (
            "2026-11-29",
            "none",
            "The DMARC rollout starts with p=none on 2027-01-04,",
        ),
        (
            "2027-01-04",
            "none",
            "The DMARC rollout calls for p=none today,",
        ),
        (
            "2027-01-31",
            "none",
            "The DMARC rollout calls for p=none today,",
        ),
        (
            "2027-02-01",
            "quarantine",
            "The DMARC rollout calls for p=quarantine today,",
        ),
        (
            "2027-03-01",
            "reject",
            "The DMARC rollout calls for p=reject today,",
        ),
    ];
    for (day, stage, said) in cases {
        let text = markdown_on(&sample_plan(), true, day.parse().unwrap());
        assert!(text.contains(said), "{day}: the paragraph");
        let row = text
            .lines()
            .find(|l| l.starts_with("| \\_dmarc.fernleafcoffee.com |"))
            .unwrap_or_else(|| panic!("{day}: no DMARC row"));
        assert!(
            row.contains(&format!("| v=DMARC1; p={stage};")),
            "{day}: {row}"
        );
        assert_eq!(
            row.contains("the goal is p=reject"),
            stage != "reject",
            "{day}: {row}"
        );
    }
}

#[test]
fn the_report_says_a_one_off_goes_out_once() {
    // (the promotion's cadence, the Promotional lane's row and the
    // promotion's row, as the report's tables write them)
    let cases = [
        (
            Cadence::Weekly,
            "| Promotional | Promotional | Warming |",
            "| 27,000 / day |",
            "| Weekly promotion | Promotional broadcast | 18,000 | Promotional |",
        ),
        (
            Cadence::OneOff,
            "| Promotional | Promotional | Warming |",
            "| 9,000 / day + 18,000 once |",
            "| Weekly promotion | Promotional broadcast | 18,000 once | Promotional |",
        ),
    ];
    for (cadence, lane, volume, journey) in cases {
        let mut plan = sample_plan();
        plan.journeys[10].trigger = Trigger::Scheduled {
            cadence,
            send_day: None,
            send_date: (cadence == Cadence::OneOff).then(|| "2027-11-18".into()),
        };
        let text = markdown_of(&plan, false);
        let row = text
            .lines()
            .find(|l| l.starts_with(lane))
            .unwrap_or_else(|| panic!("{cadence:?}: {text}"));
        assert!(row.ends_with(volume), "{cadence:?}: {row}");
        assert!(
            text.lines().any(|l| l.starts_with(journey)),
            "{cadence:?}: {text}"
        );
    }
}

#[test]
fn plan_text_cannot_break_the_markdown() {
    let mut plan = sample_plan();
    plan.brand.name = "Pipe | <script>alert(1)</script> *bold*\nnext".into();
    let text = markdown_of(&plan, false);
    let title = text.lines().next().unwrap();
    assert_eq!(
        title,
        "# Readiness report: Pipe \\| \\<script\\>alert(1)\\</script\\> \\*bold\\* next"
    );
    assert!(!text.contains("<script>"));
    assert_eq!(escape("a|b"), "a\\|b");
}

#[test]
fn the_summary_and_warm_up_write_numbers_as_people_do() {
    use switchyard::plan::diagnostic::Diagnostic;
    let plan = sample_plan();
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let routing = route(&plan);
    let checklist = checklist(&plan, &routing, &[], None, &[], &[], &[], today);
    let assessment = assess(&plan);
    // (findings, what the summary says of them).
    let cases = [
        (vec![], "Open findings: 0 errors, 0 warnings, 0 notes."),
        (
            vec![
                Diagnostic::error("a", "$.lanes", "One"),
                Diagnostic::warning("b", "$.lanes", "Two"),
                Diagnostic::warning("c", "$.lanes", "Three"),
                Diagnostic::info("d", "$.lanes", "Four"),
            ],
            "Open findings: 1 error, 2 warnings, 1 note.",
        ),
    ];
    for (findings, said) in cases {
        let r = report(&Inputs {
            plan: &plan,
            today,
            routing: &routing,
            carried: &carried_on(&plan, &routing, today),
            checklist: &checklist,
            assessment: &assessment,
            records: None,
            dmarc_stage: "none",
            findings: &findings,
            delivery: None,
            dmarc_reports: None,
        });
        let Block::Paragraph(summary) = &r.blocks[0] else {
            panic!("the report starts with its summary");
        };
        assert!(summary.ends_with(said), "{summary}");
        let warmup = r
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Paragraph(p) if p.contains(" 60,000 a day by 2027-11-26")));
        assert!(warmup, "the target volume is grouped: {:?}", r.blocks);
    }
}

#[test]
fn open_findings_are_placed_as_the_problems_tab_places_them() {
    use switchyard::dmarc_reports::published::REPORTERS_DISAGREE;
    use switchyard::plan::diagnostic::Diagnostic;
    use switchyard::review::place::finding_place_words;
    let plan = sample_plan();
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let routing = route(&plan);
    let checklist = checklist(&plan, &routing, &[], None, &[], &[], &[], today);
    let assessment = assess(&plan);
    // (a finding, where the report says it is).
    let cases = [
        (
            Diagnostic::warning(REPORTERS_DISAGREE, "$.dmarc", "Reporters disagree."),
            "DMARC reports › What receivers saw published",
        ),
        (
            Diagnostic::info("dmarc.np", "$.dmarc.np", "Set np."),
            "DMARC plan › np",
        ),
        (
            Diagnostic::error("lane.name", "$.lanes[1].name", "No name."),
            "Lane “Revenue flows” › name",
        ),
    ];
    for (finding, place) in cases {
        assert_eq!(finding_place_words(&plan, &finding), place);
        let findings = [finding];
        let r = report(&Inputs {
            plan: &plan,
            today,
            routing: &routing,
            carried: &carried_on(&plan, &routing, today),
            checklist: &checklist,
            assessment: &assessment,
            records: None,
            dmarc_stage: "none",
            findings: &findings,
            delivery: None,
            dmarc_reports: None,
        });
        let rows = (r.blocks.iter())
            .find_map(|b| match b {
                Block::Table { head, rows } if head[0] == "Severity" => Some(rows),
                _ => None,
            })
            .expect("the open findings table");
        assert_eq!(rows[0][1], place, "{:?}", rows[0]);
    }
}

#[test]
fn a_planned_migration_has_its_section_with_its_steps() {
    // Without a move there is no section, and the warm-up section says
    // only the simulation holds a ramp.
    let text = markdown_of(&sample_plan(), true);
    assert!(!text.contains("## Migrations"));
    assert!(
        section(&text, "Warm-up").contains("Each ramp as planned, as if every day passed its health gates; the simulation holds a ramp after a day that fails them."),
        "{text}"
    );
    let mut plan = sample_plan();
    plan.migrations.push(Migration {
        name: "Flows onto the promo lane".into(),
        start_date: "2027-09-06".into(),
        ..Migration::new("migration-1", "revenue-flows", "promotional")
    });
    let text = markdown_of(&plan, true);
    assert!(text.lines().any(|l| l == "## Migrations"), "{text}");
    // The warm-up calendars are the ramps as planned; the move's dates
    // may be later.
    assert!(
        section(&text, "Warm-up").contains("a migration's dates below, like the simulation, hold a ramp after a day that failed them."),
        "{text}"
    );
    assert!(text.lines().any(|l| l == "### Flows onto the promo lane"));
    let summary = text
        .lines()
        .find(|l| l.starts_with("From Revenue flows to Promotional, "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(summary.contains(": moves from 2027-09-"), "{summary}");
    assert!(summary.contains(", complete on 2027-09-"), "{summary}");
    assert!(text.contains("| Due | Step | Detail |"), "{text}");
    assert!(text.contains("Keep the records of Revenue flows until the grace period ends"));
    assert!(summary.starts_with("From Revenue flows to Promotional, 11,000 a day: "));
    // A one-off's send is told apart from a day's mail.
    let winback = plan.journeys.iter_mut().find(|j| j.id == "winback");
    winback.unwrap().trigger = Trigger::Scheduled {
        cadence: Cadence::OneOff,
        send_day: None,
        send_date: Some("2027-10-05".into()),
    };
    let text = markdown_of(&plan, true);
    assert!(
        text.contains(
            "From Revenue flows to Promotional, 9,700 a day and 1,300 in one-off sends: "
        ),
        "{text}"
    );
}

#[test]
fn a_peak_past_the_calendar_is_not_called_reached() {
    let mut plan = sample_plan();
    let lane = plan.lanes.iter_mut().find(|l| l.warmup.is_some()).unwrap();
    let warmup = lane.warmup.as_mut().unwrap();
    warmup.start_date = "2027-01-04".into();
    warmup.target_date = "2029-11-23".into();
    let md = markdown_of(&plan, false);
    assert!(
        md.contains("its peak date, 2029-11-23, is more than 400 days after the start, further than the calendar looks."),
        "{md}"
    );
    assert!(!md.contains("a day by 2029-11-23"), "{md}");
}

/// A plan without a brand is the untitled plan, as the picker names it.
#[test]
fn a_plan_without_a_brand_is_reported_as_untitled() {
    let mut plan = sample_plan();
    plan.brand.name = String::new();
    let text = markdown_of(&plan, false);
    assert!(
        text.starts_with("# Readiness report: Untitled plan"),
        "{}",
        &text[..80]
    );
    assert!(text.contains("for Untitled plan ("), "{text}");
}

/// A new plan has no domain and its lane no sender yet: the report leaves
/// out the empty brackets rather than print "()" and "<>".
#[test]
fn a_new_plan_is_reported_without_empty_brackets() {
    let mut plan = sample_plan();
    plan.brand.primary_domain = String::new();
    plan.lanes[0].from_name = String::new();
    plan.lanes[0].from_address = String::new();
    plan.lanes[1].from_name = String::new();
    let text = markdown_of(&plan, false);
    assert!(!text.contains("()"), "{text}");
    assert!(!text.contains("&lt;&gt;") && !text.contains("<>"), "{text}");
    assert!(text.contains(" | not set | "), "{text}");
    let address = &plan.lanes[1].from_address;
    assert!(text.contains(&format!(" | \\<{address}\\> | ")), "{text}");
}

#[test]
fn a_criterion_with_nothing_behind_it_does_not_apply() {
    let no_revenue: Change = |p| {
        for j in p.journeys.iter_mut().filter(|j| j.intent.is_recovery()) {
            j.revenue_per_recipient = 0.0;
        }
    };
    let silent_promos: Change = |p| {
        for j in p.journeys.iter_mut().filter(|j| j.intent.is_broadcast()) {
            j.daily_volume = 0;
            j.trigger = Trigger::Scheduled {
                cadence: Cadence::Daily,
                send_day: None,
                send_date: None,
            };
        }
    };
    // (how, the situation, its strength, words its evidence holds)
    let cases: [(Change, usize, Strength, &str); 3] = [
        (no_revenue, 1, Strength::No, "earn no revenue"),
        (silent_promos, 0, Strength::No, "(0.0%)"),
        (|_| {}, 1, Strength::Strong, "of the revenue"),
    ];
    for (change, situation, strength, words) in cases {
        let mut plan = sample_plan();
        change(&mut plan);
        let judged = &assess(&plan).situations[situation];
        assert_eq!(judged.strength, strength, "{}", judged.evidence);
        assert!(judged.evidence.contains(words), "{}", judged.evidence);
    }
}

#[test]
fn shares_are_given_as_the_overview_gives_them() {
    // Promotions of 1,000 in 3,000 messages: 33.3%, not 33%.
    let mut plan = sample_plan();
    plan.journeys
        .retain(|j| j.intent.is_broadcast() || j.intent.is_transactional());
    let volume = |intent: fn(Intent) -> bool, plan: &mut Plan, v: u32| {
        let mut picked = plan.journeys.iter_mut().filter(|j| intent(j.intent));
        picked.next().unwrap().daily_volume = v;
        picked.for_each(|j| j.daily_volume = 0);
    };
    volume(Intent::is_broadcast, &mut plan, 1_000);
    volume(Intent::is_transactional, &mut plan, 2_000);
    let evidence = &assess(&plan).situations[0].evidence;
    assert!(evidence.contains("(33.3%)"), "{evidence}");
}

fn fixture(path: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The report's Markdown with the given delivery health and DMARC verdict.
fn markdown_with(
    plan: &Plan,
    delivery: Option<&switchyard::monitor::health::Health>,
    verdict: Option<&switchyard::dmarc_reports::rollout::Readiness>,
) -> String {
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    to_markdown(&report_with(plan, today, delivery, verdict))
}

/// The report on `today` with the given delivery health and DMARC verdict,
/// without the DNS records.
fn report_with(
    plan: &Plan,
    today: NaiveDate,
    delivery: Option<&switchyard::monitor::health::Health>,
    verdict: Option<&switchyard::dmarc_reports::rollout::Readiness>,
) -> switchyard::review::readiness::Report {
    let routing = route(plan);
    let dns = domains_report(plan, today, None);
    let findings = switchyard::plan::validate::validate(plan);
    let checklist = checklist(plan, &routing, &findings, None, &[], &[], &[], today);
    report(&Inputs {
        plan,
        today,
        routing: &routing,
        carried: &carried_on(plan, &routing, today),
        checklist: &checklist,
        assessment: &assess(plan),
        records: None,
        dmarc_stage: &dns.stage,
        findings: &findings,
        delivery,
        dmarc_reports: verdict,
    })
}

/// The section of `markdown` under the heading `title`, to its next
/// heading of the same level.
fn section<'a>(markdown: &'a str, title: &str) -> &'a str {
    let start = markdown.find(&format!("## {title}\n")).expect(title);
    let rest = &markdown[start + 3..];
    let end = rest.find("\n## ").map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

#[test]
fn imported_delivery_data_and_dmarc_reports_have_their_section() {
    use switchyard::dmarc_reports::{read::read_file, rollout::readiness, store::Store as Reports};
    use switchyard::monitor::health::{health, Status};
    use switchyard::monitor::import::{import_bytes, Seen};
    let plan = sample_plan();
    let none = markdown_with(&plan, None, None);
    let results = section(&none, "Delivery and DMARC results");
    assert!(
        results.contains("No delivery data is imported."),
        "{results}"
    );
    assert!(
        results.contains("No DMARC aggregate reports are imported."),
        "{results}"
    );

    let mut store = switchyard::monitor::Store::default();
    let daily = fixture("monitoring/daily.csv");
    store.add(import_bytes("daily.csv", &daily, 1 << 16, &mut Seen::default()).unwrap());
    let h = health(&plan, &store);
    let mut reports = Reports::default();
    for name in ["google.zip", "outlook.zip", "yahoo.xml.gz"] {
        for report in read_file(name, &fixture(&format!("dmarc/{name}"))).unwrap() {
            reports.add(report);
        }
    }
    let (_, last) = reports.days().expect("the reports have days");
    let verdict = readiness(&plan, &reports.rows, last.parse().unwrap());
    let both = markdown_with(&plan, Some(&h), Some(&verdict));
    let results = section(&both, "Delivery and DMARC results");
    assert!(results.contains("### Delivery"), "{results}");
    assert!(results
        .contains("| Lane | Status | Days | Sent | Delivered | Bounces | Complaints | Why |"));
    // A lane with data has its row, with its status and its window's days;
    // one without says it has no data, as the Monitoring tab does.
    for lane in &h.lanes {
        // One day is written once.
        let days = match lane.window_from == lane.window_to {
            true => lane.window_from.clone(),
            false => format!("{} to {}", lane.window_from, lane.window_to),
        };
        let row = match lane.status {
            Status::NoData => format!(
                "| {} | No data | – | – | – | – | – | No imported data is mapped to this lane |",
                lane.name
            ),
            status => format!("| {} | {} | {days} |", lane.name, status.label()),
        };
        assert!(results.contains(&row), "{row}\n{results}");
    }
    assert!(results.contains("### DMARC reports"));
    assert!(results.contains(&verdict.sentence), "{results}");
    for lane in &verdict.lanes {
        assert!(
            results.contains(&format!("| {} | ", lane.name)),
            "{}",
            lane.name
        );
    }
    for blocker in &verdict.blockers {
        assert!(results.contains(&blocker.fix), "{}", blocker.fix);
    }
    // Every row has as many cells as its table's head.
    assert!(!both.contains("No delivery data is imported."));
}

/// The Delivery table lists every lane once any has data: a lane without
/// any says so, as the Monitoring tab does, rather than leaving the table.
#[test]
fn a_lane_without_delivery_data_is_listed_as_having_none() {
    use switchyard::monitor::health::health;
    use switchyard::monitor::import::{import_bytes, Seen};
    let plan = sample_plan();
    let no_data = |name: &str| {
        format!(
            "| {name} | No data | – | – | – | – | – | No imported data is mapped to this lane |"
        )
    };
    // (lanes with a day of data, whether the table is there)
    let cases: [(&[&str], bool); 3] = [
        (&[], false),
        (&["promotional"], true),
        (&["transactional", "revenue-flows", "promotional"], true),
    ];
    for (with_data, table) in cases {
        let mut csv = String::from("date,lane,sent,delivered\n");
        for lane in with_data {
            csv.push_str(&format!("2027-03-01,{lane},1000,990\n"));
        }
        let mut store = switchyard::monitor::Store::default();
        if !with_data.is_empty() {
            store.add(import_bytes("d.csv", csv.as_bytes(), 64, &mut Seen::default()).unwrap());
        }
        let text = markdown_with(&plan, Some(&health(&plan, &store)), None);
        let results = section(&text, "Delivery and DMARC results");
        assert_eq!(
            results.contains("### Delivery"),
            table,
            "{with_data:?}\n{results}"
        );
        assert_eq!(
            results.contains("No delivery data is imported."),
            !table,
            "{with_data:?}"
        );
        for lane in &plan.lanes {
            let listed = results.contains(&format!("| {} | ", lane.name));
            assert_eq!(listed, table, "{}: {results}", lane.name);
            let none = results.contains(&no_data(&lane.name));
            assert_eq!(
                none,
                table && !with_data.contains(&lane.id.as_str()),
                "{}: {results}",
                lane.name
            );
        }
    }
}

/// A migration's completion in the report is its schedule's, held after
/// the days imported delivery data failed the new lane's health gates, as
/// the Migrations card and the Simulation tab give it.
#[test]
fn a_moves_completion_follows_the_imported_failed_gates() {
    use switchyard::monitor::health::health;
    use switchyard::review::migration::schedule;
    let mut plan = sample_plan();
    plan.migrations.push(Migration {
        start_date: "2027-09-06".into(),
        ..Migration::new("migration-1", "revenue-flows", "promotional")
    });
    let days: Vec<String> = (6..=30).map(|d| format!("2027-09-{d:02}")).collect();
    let days: Vec<&str> = days.iter().map(String::as_str).collect();
    let planned = schedule(&plan, &route(&plan), &plan.migrations[0], None)
        .and_then(|s| s.completes_on)
        .unwrap();
    // (case, the failed days, whether the completion moves)
    let cases: [(&str, &[&str], bool); 3] = [
        ("no failed day", &[], false),
        ("two failed days", &["2027-09-07", "2027-09-08"], true),
        ("failed long after", &["2027-09-30"], false),
    ];
    for (case, failed, later) in cases {
        let data = health(&plan, &delivery::failing_on("promotional", &days, failed));
        let done = schedule(&plan, &route(&plan), &plan.migrations[0], Some(&data))
            .and_then(|s| s.completes_on)
            .unwrap();
        assert_eq!(done != planned, later, "{case}: {done} {planned}");
        let text = markdown_with(&plan, Some(&data), None);
        let moves = section(&text, "Migrations");
        assert!(
            moves.contains(&format!("complete on {done}")),
            "{case}: {moves}"
        );
    }
}

/// The sample with a second Revenue flows lane on Amazon SES, warming up on
/// Braze's moderate schedule from 2027-09-06, and a move of the first
/// lane's mail onto it from 2027-09-13 held on `held`.
fn second_flows_lane(held: &[&str]) -> Plan {
    use switchyard::plan::edit::{edit_plan, Edit, LaneField};
    let mut plan = sample_plan();
    edit_plan(&mut plan, Edit::AddLane(Purpose::RevenueFlows));
    let id = plan.lanes.last().unwrap().id.clone();
    assert_eq!(id, "revenue-flows-2");
    for set in [
        LaneField::Name("Revenue flows lane".into()),
        LaneField::Provider(Provider::AmazonSes),
    ] {
        edit_plan(
            &mut plan,
            Edit::Lane {
                lane: id.clone(),
                set,
            },
        );
    }
    plan.lanes.last_mut().unwrap().warmup = Some(WarmupPlan {
        preset: WarmupPreset::BrazeModerate,
        start_date: "2027-09-06".into(),
        ..WarmupPlan::default()
    });
    plan.migrations.push(Migration {
        start_date: "2027-09-13".into(),
        hold_dates: held.iter().map(|d| d.to_string()).collect(),
        ..Migration::new("migration-1", "revenue-flows", &id)
    });
    plan
}

/// The report's warm-up paragraphs and table of the lane named `name`.
fn warm_up_of(
    r: &switchyard::review::readiness::Report,
    name: &str,
) -> (Vec<String>, Vec<Vec<String>>) {
    let at = (r.blocks.iter())
        .position(|b| matches!(b, Block::Heading(3, n) if n == name))
        .unwrap_or_else(|| panic!("no warm-up of {name}"));
    let mut paragraphs = Vec::new();
    for block in &r.blocks[at + 1..] {
        match block {
            Block::Paragraph(p) => paragraphs.push(p.clone()),
            Block::Table { rows, .. } => return (paragraphs, rows.clone()),
            other => panic!("{other:?}"),
        }
    }
    panic!("no table for {name}")
}

/// The report on `today` of `plan`, without DNS or imported data.
fn report_on(plan: &Plan, today: NaiveDate) -> switchyard::review::readiness::Report {
    report_with(plan, today, None, None)
}

#[test]
fn a_deferred_backlog_and_a_pause_are_in_the_warm_up_section() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let (paragraphs, rows) = warm_up_of(&report_on(&sample_plan(), today), "Promotional");
    // Suppressed, as the sample has it, the mail over the cap is lost.
    assert!(
        paragraphs[1].starts_with("Over the cap: ")
            && paragraphs[1].ends_with(" messages, not sent."),
        "{paragraphs:?}"
    );
    let plain_last = rows.last().unwrap()[0].clone();
    // Deferred, the mail over the cap goes out after the lane is warm:
    // the table runs on to the day the backlog clears, and says so.
    let mut plan = sample_plan();
    plan.lanes[2].warmup.as_mut().unwrap().overflow = Overflow::Defer;
    let (paragraphs, rows) = warm_up_of(&report_on(&plan, today), "Promotional");
    let over = &paragraphs[1];
    assert!(over.starts_with("Over the cap: "), "{over}");
    assert!(over.contains(" messages deferred, sent up to "), "{over}");
    let clears = over
        .split("clears on ")
        .nth(1)
        .unwrap()
        .trim_end_matches('.');
    assert!(clears > plain_last.as_str(), "{clears} after {plain_last}");
    assert!(rows.last().unwrap()[0].as_str() <= clears);
    assert!(rows.len() > 1);
    // Paused, it is the ramp the lane would run.
    plan.lanes[2].status = LaneStatus::Paused;
    let (paragraphs, _) = warm_up_of(&report_on(&plan, today), "Promotional");
    assert_eq!(
        paragraphs[0],
        "Paused: the lane sends nothing while it stays paused; this is the ramp it would run."
    );
}

#[test]
fn the_warm_up_table_keeps_a_migrations_hold_dates() {
    use switchyard::units::group;
    use switchyard::warmup::calendar::{calendar, MAX_DAYS};
    use switchyard::warmup::migration::lane_wanted;
    // (hold dates, the ramp days of the table's first four rows)
    let cases: [(&[&str], [&str; 4]); 2] = [
        (&[], ["1", "2", "3", "4"]),
        (&["2027-09-15"], ["1", "2", "2 (hold date)", "3"]),
    ];
    for (held, ramp_days) in cases {
        let plan = second_flows_lane(held);
        let today = NaiveDate::from_ymd_opt(2027, 8, 2).unwrap();
        let routing = route(&plan);
        let r = report_on(&plan, today);
        let (paragraphs, rows) = warm_up_of(&r, "Revenue flows lane");
        let summary = &paragraphs[0];
        // The lane has no mail before the move's first day.
        assert!(
            summary.starts_with("Starts 2027-09-06 and first sends on 2027-09-13; warm on "),
            "{held:?}: {summary}"
        );
        let firsts: Vec<&str> = rows.iter().take(4).map(|r| r[1].as_str()).collect();
        assert_eq!(firsts, ramp_days, "{held:?}");
        // Every sending day the Warm-up tab's calendar caps, with its
        // figures, up to the day the lane is warm: Braze's moderate ramp
        // changes its cap each step, and a hold date keeps the last one.
        let w = plan.lanes.last().unwrap().warmup.as_ref().unwrap();
        let wanted = lane_wanted(&plan, &routing, "revenue-flows-2");
        let cal = calendar(w, &wanted, MAX_DAYS).unwrap();
        let warm = cal.warm_on.clone().unwrap();
        let capped: Vec<(String, String, String)> = (cal.days.iter())
            .take_while(|d| d.date <= warm)
            .filter(|d| d.sending && d.cap.is_some())
            .map(|d| {
                let sent = group(d.sent.iter().sum::<u64>());
                (d.date.clone(), group(d.cap.unwrap()), sent)
            })
            .collect();
        let listed: Vec<(String, String, String)> = (rows.iter())
            .map(|r| (r[0].clone(), r[2].clone(), r[3].clone()))
            .collect();
        assert_eq!(listed, capped, "{held:?}");
        assert_eq!(rows[0][0], "2027-09-13", "{held:?}");
    }
}

#[test]
fn the_lanes_table_names_the_mail_migrations_move() {
    let mut plan = sample_plan();
    plan.migrations.push(Migration {
        start_date: "2027-10-04".into(),
        ..Migration::new("migration-1", "revenue-flows", "promotional")
    });
    let text = markdown_of(&plan, false);
    let row = |lane: &str| {
        let start = format!("| {lane} |");
        text.lines()
            .find(|l| l.starts_with(&start))
            .unwrap()
            .to_string()
    };
    // (lane, what its Volume cell says after its routed mail)
    let cases = [
        ("Revenue flows", "11,000 / day. Moves to Promotional, planned first day 2027-10-04: 7 journeys, 11,000 a day (migration-1). |"),
        ("Promotional", "27,000 / day. Moves in from Revenue flows, planned first day 2027-10-04: 7 journeys, 11,000 a day (migration-1). |"),
        ("Transactional", "4,250 / day |"),
    ];
    for (lane, cell) in cases {
        assert!(row(lane).ends_with(cell), "{}", row(lane));
    }
}

/// A new lane the numbers do not call for is remarked on only beside
/// another lane and with mail to weigh: a new plan's one lane is the lane
/// the verdict keeps.
#[test]
fn only_a_second_new_lane_is_one_the_numbers_do_not_call_for() {
    let receipt = |id: &str| {
        let mut j = sample_plan().journeys[0].clone();
        j.id = id.into();
        j.daily_volume = 500;
        j
    };
    let second = || Lane::new("second", "Second", Purpose::Promotional);
    let cases: [(&str, usize, usize, bool); 4] = [
        ("one lane, no mail", 1, 0, false),
        ("one lane with mail", 1, 1, false),
        ("two lanes, no mail", 2, 0, false),
        ("two lanes with mail", 2, 1, true),
    ];
    for (case, lanes, journeys, told) in cases {
        let mut plan = Plan::empty("p");
        plan.lanes[0].status = LaneStatus::New;
        if lanes == 2 {
            plan.lanes.push(second());
        }
        plan.journeys = (0..journeys).map(|i| receipt(&format!("j{i}"))).collect();
        let a = assess(&plan);
        assert!(!a.split, "{case}");
        let remarked = (a.remarks.iter()).any(|r| r.contains("the numbers do not yet call for"));
        assert_eq!(remarked, told, "{case}: {:?}", a.remarks);
    }
}

#[test]
fn a_rollout_that_keeps_a_published_policy_dates_no_stage_it_skips() {
    // (the plan's first stage, the record pasted as published at _dmarc,
    // the report's sentence on the rollout)
    let cases = [
        (
            Some(DmarcPolicy::Reject),
            "v=DMARC1; p=reject; rua=mailto:dmarc-reports@fernleafcoffee.com",
            "The rollout starts at p=reject, the policy the domain already publishes, so it skips p=none and p=quarantine: p=reject from 2026-12-07.",
        ),
        (
            Some(DmarcPolicy::Quarantine),
            "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@fernleafcoffee.com",
            "The rollout starts at p=quarantine, the policy the domain already publishes, so it skips p=none: p=quarantine from 2026-12-07, p=reject from 2027-01-04.",
        ),
        (
            Some(DmarcPolicy::Reject),
            "v=DMARC1; p=none; sp=reject; rua=mailto:dmarc-reports@fernleafcoffee.com",
            "The rollout starts at p=reject, the policy the domain already publishes for its subdomains, so it skips p=none and p=quarantine: p=reject from 2026-12-07.",
        ),
        // Without a published record to keep, the skip is said plainly.
        (
            Some(DmarcPolicy::Reject),
            "",
            "The rollout starts at p=reject, so it skips p=none and p=quarantine: p=reject from 2026-12-07.",
        ),
        (
            None,
            "v=DMARC1; p=none; rua=mailto:dmarc-reports@fernleafcoffee.com",
            "The rollout: p=none from 2026-12-07, p=quarantine from 2027-01-04, p=reject from 2027-02-01.",
        ),
    ];
    let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    for (first, record, sentence) in cases {
        let mut plan = sample_plan();
        plan.dmarc.first_stage = first;
        plan.dmarc.rollout_start = "2026-12-07".into();
        plan.existing_records = match record {
            "" => String::new(),
            record => format!("_dmarc IN TXT \"{record}\"\n"),
        };
        let text = markdown_on(&plan, true, today);
        let line = (text.lines())
            .find(|l| l.contains("The DMARC rollout calls for"))
            .unwrap_or_default();
        assert!(line.ends_with(&format!(" {sentence}")), "{first:?}: {line}");
        // No stage is dated before the day the rollout starts.
        for date in line.split(" from ").skip(1) {
            assert!(&date[..10] >= "2026-12-07", "{line}");
        }
    }
}

/// Beside a status set by hand, the report says which words are the plan's,
/// so "Done" and "none of its records is published" do not read as one
/// claim.
#[test]
fn a_status_set_by_hand_keeps_the_plans_words_apart() {
    let plan = sample_plan();
    let markdown = markdown_of(&plan, true);
    let row = (markdown.lines())
        .find(|l| l.contains("Verified in Postmark."))
        .expect("the transactional lane's authentication row");
    assert!(row.contains("| Done |"), "{row}");
    assert!(
        row.contains("Verified in Postmark. From the plan: "),
        "{row}"
    );
}

/// The report's routing table calls a journey without a name as the
/// Journeys tab does.
#[test]
fn the_routing_table_names_an_unnamed_journey() {
    let mut plan = sample_plan();
    let cart = (plan.journeys.iter_mut())
        .find(|j| j.id == "cart-recovery")
        .unwrap();
    cart.name = String::new();
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let markdown = to_markdown(&report_on(&plan, today));
    assert!(markdown.contains("| Unnamed journey |"), "{markdown}");
}

/// The verdict's "in the order below" is followed by that order: the
/// lanes to start with, as the Overview lists them.
#[test]
fn the_split_section_gives_the_order_its_verdict_points_to() {
    let plan = sample_plan();
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let a = assess(&plan);
    assert!(!a.start_with.is_empty());
    let markdown = to_markdown(&report_on(&plan, today));
    let section = &markdown[markdown.find("## Should you split?").unwrap()..];
    let start = section.find("### Start with").expect("the order");
    let situations = section.find("| Situation |").unwrap();
    assert!(start < situations, "{section}");
    let mut at = start;
    for s in &a.start_with {
        let line = format!("- {} (", s.purpose.label());
        let found = section[at..]
            .find(&line)
            .unwrap_or_else(|| panic!("{line} in {section}"));
        at += found + line.len();
    }
}

/// The warm-up section counts the mail wanted on days the lane does not
/// send, naming its skipped dates, as the Warm-up tab's figure does.
#[test]
fn the_warm_up_section_counts_the_days_the_lane_does_not_send() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let (paragraphs, _) = warm_up_of(&report_on(&sample_plan(), today), "Promotional");
    assert!(
        paragraphs
            .iter()
            .any(|p| p.starts_with("On days the lane does not send")
                && p.ends_with(": 135,000 messages wanted, not sent.")),
        "{paragraphs:?}"
    );
    let mut plan = sample_plan();
    plan.lanes[2]
        .warmup
        .as_mut()
        .unwrap()
        .skipped_dates
        .push("2027-09-08".into());
    let (paragraphs, _) = warm_up_of(&report_on(&plan, today), "Promotional");
    let line = paragraphs
        .iter()
        .find(|p| p.starts_with("On days the lane does not send"))
        .expect("the days-off line");
    assert!(line.contains("2027-09-08"), "{line}");
    assert!(
        line.ends_with(": 162,000 messages wanted, not sent."),
        "{line}"
    );
}

/// Thresholds are given as typed, as the Checklist gives them: a line at
/// 0.125% is not rounded to 0.13%.
#[test]
fn the_reports_thresholds_read_as_typed() {
    let mut plan = sample_plan();
    plan.monitoring.thresholds[0].complaint_watch_percent = 0.125;
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let text = to_markdown(&report_on(&plan, today));
    let lane = plan
        .lane_name(&plan.monitoring.thresholds[0].lane)
        .to_string();
    let row = text
        .lines()
        .find(|l| l.starts_with(&format!("| {lane} | 0.125% /")))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(!row.contains("0.13%"), "{row}");
}

/// The fallbacks are listed in the lanes' order, whatever order they were
/// set in.
#[test]
fn the_reports_fallbacks_follow_the_lanes_order() {
    let mut plan = sample_plan();
    let first = plan.simulation.fallbacks[0].clone();
    plan.simulation.fallbacks = (plan.lanes.iter().rev())
        .map(|l| switchyard::plan::model::FallbackPlan {
            lane: l.id.clone(),
            ..first.clone()
        })
        .collect();
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let text = to_markdown(&report_on(&plan, today));
    let table = &text[text
        .find("| When its reputation drops |")
        .expect("the fallbacks")..];
    let at = |lane: &str| table.find(&format!("| {lane} |"));
    let listed: Vec<usize> = (plan.lanes.iter())
        .filter(|l| plan.simulation.fallbacks.iter().any(|f| f.lane == l.id))
        .filter_map(|l| at(&l.name))
        .collect();
    assert!(listed.len() >= 2, "{table}");
    assert!(listed.windows(2).all(|w| w[0] < w[1]), "{table}");
}

#[test]
fn the_dmarc_stage_names_the_record_only_where_the_plan_has_one() {
    // (primary domain, words about the DMARC record)
    let cases = [
        (
            "fernleafcoffee.com",
            "and the DMARC record below carries it",
        ),
        (
            "",
            "but the plan has no DMARC record yet: it needs the brand's primary domain",
        ),
    ];
    for (domain, words) in cases {
        let mut plan = sample_plan();
        plan.brand.primary_domain = domain.into();
        let text = markdown_of(&plan, true);
        assert!(text.contains(words), "{domain:?}: {text}");
    }
}

#[test]
fn the_lanes_to_start_with_are_named_as_the_plan_names_them() {
    // (the promotional lane's name, or none, and where it is said to be)
    let cases = [
        (Some("Promotional"), "in the plan"),
        (Some("Promotions"), "in the plan as Promotions"),
        (None, "not in the plan yet"),
    ];
    for (name, words) in cases {
        let mut plan = sample_plan();
        match name {
            Some(name) => plan.lanes[2].name = name.into(),
            None => plan.lanes[2].purpose = Purpose::Custom,
        }
        let a = assess(&plan);
        let promotional = (a.start_with.iter())
            .find(|s| s.purpose == Purpose::Promotional)
            .unwrap();
        assert_eq!(promotional.where_words(), words, "{name:?}");
        let text = markdown_of(&plan, false);
        assert!(
            text.contains(&format!("Promotional ({words}): ")),
            "{name:?}: {text}"
        );
    }
}

#[test]
fn a_migration_between_providers_is_a_lane_to_start_with_already_in_the_plan() {
    let mut plan = sample_plan();
    let m = Migration::new("move", "revenue-flows", "promotional");
    plan.migrations.push(m);
    let a = assess(&plan);
    let migration = (a.start_with.iter())
        .find(|s| s.purpose == Purpose::Migration)
        .expect("a migration to start with");
    assert_eq!(migration.where_words(), "in the plan as Promotional");
}

#[test]
fn a_placeholder_the_pasted_records_fill_is_reported_as_published() {
    let name = "20240611083512pm._domainkey.receipts.fernleafcoffee.com";
    let key = "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC73kVD";
    let placeholder = "<date>pm._domainkey.receipts.fernleafcoffee.com";
    // (what is pasted, whether the key's row is published)
    let cases = [
        (String::new(), false),
        (format!("{name}. IN TXT \"{key}\""), true),
    ];
    for (pasted, published) in cases {
        let mut plan = sample_plan();
        plan.existing_records = pasted;
        let markdown = markdown_of(&plan, true);
        let records = section(&markdown, "Domains and records");
        let row = |start: &str| {
            let start = format!("| {} |", escape(start));
            (records.lines()).find(|l| l.starts_with(&start))
        };
        let filled = row(name)
            .map(|l| l.contains("Published: the pasted records hold the provider's value."));
        assert_eq!(filled, published.then_some(true), "{records}");
        assert_eq!(row(placeholder).is_some(), !published, "{records}");
    }
}

/// The report's warm-up figures are the Warm-up tab's: the same calendar,
/// so a skipped date past it is named, not counted, in both.
#[test]
fn the_warm_up_section_counts_the_days_off_of_the_tabs_calendar() {
    use switchyard::warmup::calendar::words::{days_off, skipped_past};
    use switchyard::warmup::calendar::{calendar, shown_days};
    use switchyard::warmup::migration::lane_wanted;
    let mut plan = sample_plan();
    plan.lanes[2].warmup.as_mut().unwrap().start_date = "2027-03-01".into();
    let routing = route(&plan);
    let w = plan.lanes[2].warmup.as_ref().unwrap();
    let wanted = lane_wanted(&plan, &routing, "promotional");
    let cal = calendar(w, &wanted, shown_days(w, &wanted)).unwrap();
    let past = skipped_past(w, &cal);
    assert_eq!(past, ["2027-10-11"]);
    let figure = days_off(&cal, w.overflow, &past);
    let markdown = markdown_of(&plan, false);
    let warmup = section(&markdown, "Warm-up");
    assert!(
        warmup.contains(&format!("On days the lane does not send: {figure}.")),
        "{figure}\n{warmup}"
    );
}
