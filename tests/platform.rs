//! Platform feasibility: Customer.io plans that fit and plans that do not,
//! with the nearest plan each fix makes; what each ESP's limits mean for
//! its lanes; the platform page's table; and the Customer.io setup sheet,
//! against its golden file and read back with a YAML parser.

use switchyard::plan::diagnostic::{Diagnostic, Severity};
use switchyard::plan::edit::Edit;
use switchyard::plan::model::*;
use switchyard::plan::routing::route;
use switchyard::plan::sample::{sample_plan, scale_plan, scaled_sample};
use switchyard::plan::state::{apply, Action, PlannerState};
use switchyard::platform::customer_io::{self, MessageType, Suggestion};
use switchyard::platform::export::{download, ExportKind, Inputs};
use switchyard::platform::limits;
use switchyard::platform::status::{status, status_on, unplaced, LaneFit, Vendor};
use switchyard::review::lint::lint;
use yaml_rust2::{Yaml, YamlLoader};

// Plans.

fn journey_at(plan: &Plan, id: &str) -> usize {
    plan.journeys.iter().position(|j| j.id == id).unwrap()
}

fn put(plan: &mut Plan, journey: &str, lane: &str) {
    let i = journey_at(plan, journey);
    plan.journeys[i].lane_override = Some(lane.into());
}

fn retrigger(plan: &mut Plan, journey: &str, trigger: Trigger) {
    let i = journey_at(plan, journey);
    plan.journeys[i].trigger = trigger;
}

fn event(name: &str) -> Trigger {
    Trigger::Event {
        event_name: name.into(),
        latency_minutes: 1,
        delay_minutes: 0,
    }
}

fn api_broadcast() -> Trigger {
    Trigger::ApiBroadcast {
        broadcast: "restock".into(),
    }
}

/// A lane on `provider` at a port Customer.io accepts.
fn add_lane(plan: &mut Plan, id: &str, purpose: Purpose, provider: Provider) {
    let mut lane = Lane::new(id, id, purpose);
    lane.smtp = Smtp::from_preset(provider);
    lane.smtp.port = customer_io::accepted_port(provider);
    plan.lanes.push(lane);
}

/// The sample with a fourth lane that takes the segment-triggered flows.
fn four_lanes() -> Plan {
    let mut plan = sample_plan();
    add_lane(
        &mut plan,
        "winback",
        Purpose::RevenueFlows,
        Provider::SendGrid,
    );
    put(&mut plan, "replenishment", "winback");
    put(&mut plan, "winback", "winback");
    plan
}

/// Four lanes plus one for API-triggered broadcasts: every type wants a
/// server of its own, one more than Customer.io uses.
fn five_lanes() -> Plan {
    let mut plan = four_lanes();
    add_lane(
        &mut plan,
        "restock",
        Purpose::Promotional,
        Provider::Mailgun,
    );
    retrigger(&mut plan, "newsletter", api_broadcast());
    put(&mut plan, "newsletter", "restock");
    plan
}

/// A Customer.io plan without journeys, whose lanes have these purposes.
fn bare(purposes: &[Purpose]) -> Plan {
    let mut plan = Plan::empty("bare");
    plan.lanes.clear();
    for (i, purpose) in purposes.iter().enumerate() {
        add_lane(
            &mut plan,
            &format!("lane-{}", i + 1),
            *purpose,
            Provider::Postmark,
        );
    }
    plan.default_lane = plan.lanes.first().map(|l| l.id.clone());
    plan.platform.kind = Platform::CustomerIo;
    plan
}

// Customer.io feasibility.

struct Case {
    name: &'static str,
    plan: Plan,
    /// Every Customer.io finding, as (code, path).
    findings: Vec<(&'static str, String)>,
    /// The journeys that cannot stay, with what the nearest plan does.
    conflicts: Vec<(&'static str, Suggestion)>,
    merged: Vec<MessageType>,
    all_emails: &'static str,
    servers: u32,
}

fn moves(lane: &str) -> Suggestion {
    Suggestion::Move { lane: lane.into() }
}

fn switches() -> Suggestion {
    Suggestion::Trigger {
        trigger: TriggerKind::TransactionalApi,
    }
}

fn triggered(trigger: TriggerKind) -> Suggestion {
    Suggestion::Trigger { trigger }
}

fn triggered_on(trigger: TriggerKind, lane: &str) -> Suggestion {
    Suggestion::TriggerAndMove {
        trigger,
        lane: lane.into(),
    }
}

fn at(path: &str) -> String {
    path.to_string()
}

fn cases() -> Vec<Case> {
    let summary = ("platform.cio_not_buildable", at("$.platform"));
    vec![
        Case {
            name: "the sample: three lanes that fit",
            plan: sample_plan(),
            findings: vec![],
            conflicts: vec![],
            merged: vec![],
            all_emails: "transactional",
            servers: 4,
        },
        Case {
            name: "four lanes, one per type and All Emails",
            plan: four_lanes(),
            findings: vec![],
            conflicts: vec![],
            merged: vec![],
            all_emails: "transactional",
            servers: 4,
        },
        Case {
            name: "five lanes: four types want servers of their own",
            plan: five_lanes(),
            findings: vec![(
                "platform.cio_too_many_servers",
                at("$.journeys[11].trigger"),
            )],
            // One type goes back to All Emails, the one whose return
            // changes the fewest journeys: the API-triggered newsletter is
            // scheduled instead, on the promotional lane that carries
            // newsletters, rather than two flows triggered anew.
            conflicts: vec![(
                "newsletter",
                triggered_on(TriggerKind::Scheduled, "promotional"),
            )],
            merged: vec![MessageType::TriggeredBroadcasts],
            all_emails: "transactional",
            servers: 4,
        },
        Case {
            name: "three lanes carrying four types besides All Emails",
            plan: {
                let mut plan = sample_plan();
                retrigger(&mut plan, "newsletter", api_broadcast());
                plan
            },
            findings: vec![(
                "platform.cio_too_many_servers",
                at("$.journeys[11].trigger"),
            )],
            // One type goes back to All Emails, but the newsletter stays off
            // the transactional lane: scheduled, it is a newsletter like the
            // promotional lane's other, one journey changed instead of two.
            conflicts: vec![("newsletter", triggered(TriggerKind::Scheduled))],
            merged: vec![MessageType::TriggeredBroadcasts],
            all_emails: "transactional",
            servers: 4,
        },
        Case {
            name: "two event-triggered journeys on different lanes",
            plan: {
                let mut plan = sample_plan();
                put(&mut plan, "welcome", "promotional");
                plan
            },
            findings: vec![("platform.cio_type_split", at("$.journeys[9].lane_override"))],
            conflicts: vec![("welcome", moves("revenue-flows"))],
            merged: vec![],
            all_emails: "transactional",
            servers: 4,
        },
        Case {
            name: "most event-triggered mail planned elsewhere",
            plan: {
                let mut plan = sample_plan();
                for id in ["cart-recovery", "browse-abandonment", "post-purchase"] {
                    put(&mut plan, id, "promotional");
                }
                plan
            },
            findings: vec![
                ("platform.cio_type_split", at("$.journeys[3].lane_override")),
                ("platform.cio_type_split", at("$.journeys[5].lane_override")),
                ("platform.cio_type_split", at("$.journeys[6].lane_override")),
                summary.clone(),
            ],
            // Event-triggered mail settles on the revenue lane, where none
            // of it mixes with promotions, so the recovery flows pinned to
            // the promotional lane go back rather than the rest leaving.
            conflicts: vec![
                ("cart-recovery", moves("revenue-flows")),
                ("browse-abandonment", moves("revenue-flows")),
                ("post-purchase", moves("revenue-flows")),
            ],
            merged: vec![],
            all_emails: "transactional",
            servers: 4,
        },
        Case {
            name: "an event-triggered promotion beside event-triggered recovery",
            plan: {
                let mut plan = sample_plan();
                retrigger(&mut plan, "newsletter", event("Back in stock"));
                plan
            },
            findings: vec![("platform.cio_type_split", at("$.journeys[11].trigger"))],
            // Not onto the lane carrying cart recovery: the promotional
            // lane's scheduled broadcasts have a server there.
            conflicts: vec![("newsletter", triggered(TriggerKind::Scheduled))],
            merged: vec![],
            all_emails: "transactional",
            servers: 4,
        },
        Case {
            name: "an event-triggered marketing flow on the transactional lane",
            plan: {
                let mut plan = sample_plan();
                put(&mut plan, "welcome", "transactional");
                plan
            },
            // No segment-triggered server on the transactional lane, so the
            // welcome flow moves to the revenue lane, where its tier goes.
            findings: vec![("platform.cio_type_split", at("$.journeys[9].lane_override"))],
            conflicts: vec![("welcome", moves("revenue-flows"))],
            merged: vec![],
            all_emails: "transactional",
            servers: 4,
        },
        Case {
            name: "receipts planned on the promotional lane",
            plan: {
                let mut plan = sample_plan();
                for id in ["order-confirmation", "shipping-updates", "login-code"] {
                    put(&mut plan, id, "promotional");
                }
                plan
            },
            // Moving All Emails to the promotional lane would change fewer
            // journeys, but All Emails carries receipts: it is not offered.
            findings: vec![
                (
                    "platform.cio_transactional_lane",
                    at("$.journeys[0].lane_override"),
                ),
                (
                    "platform.cio_transactional_lane",
                    at("$.journeys[1].lane_override"),
                ),
                (
                    "platform.cio_transactional_lane",
                    at("$.journeys[2].lane_override"),
                ),
                summary.clone(),
            ],
            conflicts: vec![
                ("order-confirmation", moves("transactional")),
                ("shipping-updates", moves("transactional")),
                ("login-code", moves("transactional")),
            ],
            merged: vec![],
            all_emails: "transactional",
            servers: 4,
        },
        Case {
            name: "no All Emails lane, and receipts planned on the promotional lane",
            plan: {
                let mut plan = sample_plan();
                plan.platform.all_emails_lane = None;
                for id in ["order-confirmation", "shipping-updates", "login-code"] {
                    put(&mut plan, id, "promotional");
                }
                plan
            },
            // All Emails goes to the transactional lane, not where the
            // receipts were drawn.
            findings: vec![
                (
                    "platform.cio_no_all_emails",
                    at("$.platform.all_emails_lane"),
                ),
                (
                    "platform.cio_transactional_lane",
                    at("$.journeys[0].lane_override"),
                ),
                (
                    "platform.cio_transactional_lane",
                    at("$.journeys[1].lane_override"),
                ),
                (
                    "platform.cio_transactional_lane",
                    at("$.journeys[2].lane_override"),
                ),
                summary.clone(),
            ],
            conflicts: vec![
                ("order-confirmation", moves("transactional")),
                ("shipping-updates", moves("transactional")),
                ("login-code", moves("transactional")),
            ],
            merged: vec![],
            all_emails: "transactional",
            servers: 4,
        },
        Case {
            name: "a lane on Customer.io's own delivery beside custom servers",
            plan: {
                let mut plan = sample_plan();
                let lane = plan
                    .lanes
                    .iter_mut()
                    .find(|l| l.id == "promotional")
                    .unwrap();
                lane.smtp = Smtp::from_preset(Provider::CustomerIo);
                plan
            },
            findings: vec![("platform.cio_own_delivery", at("$.lanes[2].smtp.provider"))],
            conflicts: vec![],
            merged: vec![],
            all_emails: "transactional",
            servers: 4,
        },
        Case {
            name: "an event-triggered receipt on the All Emails lane",
            plan: {
                let mut plan = sample_plan();
                retrigger(&mut plan, "order-confirmation", event("Order Placed"));
                plan
            },
            findings: vec![("platform.cio_type_split", at("$.journeys[0].trigger"))],
            conflicts: vec![("order-confirmation", switches())],
            merged: vec![],
            all_emails: "transactional",
            servers: 4,
        },
        Case {
            name: "a transactional API message off the All Emails lane",
            plan: {
                let mut plan = sample_plan();
                put(&mut plan, "login-code", "revenue-flows");
                plan
            },
            findings: vec![(
                "platform.cio_transactional_lane",
                at("$.journeys[2].lane_override"),
            )],
            conflicts: vec![("login-code", moves("transactional"))],
            merged: vec![],
            all_emails: "transactional",
            servers: 4,
        },
        Case {
            name: "a lane with only transactional API mail, and All Emails elsewhere",
            plan: {
                let mut plan = sample_plan();
                plan.platform.all_emails_lane = Some("promotional".into());
                plan
            },
            // The chosen lane keeps All Emails; the first finding offers the
            // lane that changes fewer journeys.
            findings: vec![
                (
                    "platform.cio_transactional_lane",
                    at("$.platform.all_emails_lane"),
                ),
                (
                    "platform.cio_transactional_lane",
                    at("$.journeys[0].lane_override"),
                ),
                (
                    "platform.cio_transactional_lane",
                    at("$.journeys[1].lane_override"),
                ),
                (
                    "platform.cio_transactional_lane",
                    at("$.journeys[2].lane_override"),
                ),
                summary.clone(),
            ],
            conflicts: vec![
                ("order-confirmation", moves("promotional")),
                ("shipping-updates", moves("promotional")),
                ("login-code", moves("promotional")),
            ],
            merged: vec![],
            all_emails: "promotional",
            servers: 3,
        },
        Case {
            name: "no All Emails lane: the transactional API's lane",
            plan: {
                let mut plan = sample_plan();
                plan.platform.all_emails_lane = None;
                plan
            },
            findings: vec![(
                "platform.cio_no_all_emails",
                at("$.platform.all_emails_lane"),
            )],
            conflicts: vec![],
            merged: vec![],
            all_emails: "transactional",
            servers: 4,
        },
        Case {
            name: "no All Emails lane and no API mail: the transactional lane",
            plan: bare(&[Purpose::Promotional, Purpose::Transactional]),
            findings: vec![(
                "platform.cio_no_all_emails",
                at("$.platform.all_emails_lane"),
            )],
            conflicts: vec![],
            merged: vec![],
            all_emails: "lane-2",
            servers: 1,
        },
        Case {
            name: "no All Emails lane, no API mail, no transactional lane: the first",
            plan: bare(&[Purpose::Promotional, Purpose::Custom]),
            findings: vec![(
                "platform.cio_no_all_emails",
                at("$.platform.all_emails_lane"),
            )],
            conflicts: vec![],
            merged: vec![],
            all_emails: "lane-1",
            servers: 1,
        },
        Case {
            name: "no All Emails lane, and a login code off the API's lane",
            plan: {
                let mut plan = sample_plan();
                plan.platform.all_emails_lane = None;
                put(&mut plan, "login-code", "revenue-flows");
                plan
            },
            findings: vec![
                (
                    "platform.cio_no_all_emails",
                    at("$.platform.all_emails_lane"),
                ),
                (
                    "platform.cio_transactional_lane",
                    at("$.journeys[2].lane_override"),
                ),
                summary.clone(),
            ],
            conflicts: vec![("login-code", moves("transactional"))],
            merged: vec![],
            all_emails: "transactional",
            servers: 4,
        },
        Case {
            name: "a server on a port Customer.io refuses",
            plan: {
                let mut plan = sample_plan();
                plan.lanes[1].smtp.port = 587;
                plan
            },
            findings: vec![("platform.cio_port", at("$.lanes[1].smtp.port"))],
            conflicts: vec![],
            merged: vec![],
            all_emails: "transactional",
            servers: 4,
        },
        Case {
            name: "a plan sent from its own code is not held to Customer.io",
            plan: {
                let mut plan = sample_plan();
                put(&mut plan, "welcome", "promotional");
                plan.platform.kind = Platform::OwnCode;
                plan
            },
            findings: vec![],
            conflicts: vec![("welcome", moves("revenue-flows"))],
            merged: vec![],
            all_emails: "transactional",
            servers: 4,
        },
    ]
}

fn cio_findings(plan: &Plan) -> Vec<Diagnostic> {
    customer_io::findings(plan, &route(plan))
}

fn key(d: &Diagnostic) -> (String, String) {
    (d.code.to_string(), d.path.clone())
}

/// Applies edits as a fix button does: one edit, one undo step.
fn apply_fix(plan: &Plan, edits: &[Edit], what: &str) -> Plan {
    let state = PlannerState::with_plans(vec![(plan.clone(), 1)], None);
    let next = apply(&state, Action::Edit(Edit::Many(edits.to_vec())));
    assert_ne!(next.plan(), plan, "{what}: the fix changes the plan");
    assert_eq!(
        apply(&next, Action::Undo).plan(),
        plan,
        "{what}: one undo step"
    );
    next.plan().clone()
}

#[test]
fn each_plan_gets_its_findings_and_nearest_plan() {
    for case in cases() {
        let what = case.name;
        let found: Vec<(String, String)> = cio_findings(&case.plan).iter().map(key).collect();
        let expected: Vec<(String, String)> = case
            .findings
            .iter()
            .map(|(c, p)| (c.to_string(), p.clone()))
            .collect();
        assert_eq!(found, expected, "{what}");
        let setup = customer_io::setup(&case.plan, &route(&case.plan));
        let conflicts: Vec<(String, Suggestion)> = setup
            .conflicts
            .iter()
            .map(|c| (c.journey.clone(), c.suggested.clone()))
            .collect();
        let expected: Vec<(String, Suggestion)> = case
            .conflicts
            .iter()
            .map(|(j, s)| (j.to_string(), s.clone()))
            .collect();
        assert_eq!(conflicts, expected, "{what}");
        assert_eq!(setup.merged, case.merged, "{what}");
        assert_eq!(
            setup.all_emails_lane.as_deref(),
            Some(case.all_emails),
            "{what}"
        );
        assert_eq!(setup.servers.len() as u32, case.servers, "{what}");
        assert_eq!(
            setup.fix.is_some(),
            !case.conflicts.is_empty() || !found.is_empty(),
            "{what}"
        );
    }
}

#[test]
fn every_finding_explains_itself_and_names_its_source() {
    for case in cases() {
        for finding in cio_findings(&case.plan) {
            let what = format!("{}: {}", case.name, finding.code);
            assert!(finding.path.starts_with("$."), "{what}");
            assert!(!finding.message.is_empty(), "{what}");
            assert!(
                finding
                    .hint
                    .ends_with("https://customer.io/docs/multiple-smtp-servers")
                    || finding.hint.ends_with("use-your-smtp-server.html"),
                "{what}: {}",
                finding.hint
            );
            assert!(finding.fix.is_some(), "{what}: offers a fix");
        }
    }
}

#[test]
fn the_whole_fix_leaves_nothing_customer_io_cannot_build() {
    for case in cases() {
        let setup = customer_io::setup(&case.plan, &route(&case.plan));
        let Some(fix) = setup.fix else { continue };
        let mut fixed = apply_fix(&case.plan, &fix.edits, case.name);
        fixed.platform.kind = Platform::CustomerIo;
        let left: Vec<(String, String)> = cio_findings(&fixed).iter().map(key).collect();
        assert!(left.is_empty(), "{}: {left:?}", case.name);
        let after = customer_io::setup(&fixed, &route(&fixed));
        assert!(
            after.conflicts.is_empty() && after.fix.is_none(),
            "{}",
            case.name
        );
        assert!(
            after.servers.len() as u32 <= customer_io::MAX_SERVERS,
            "{}",
            case.name
        );
    }
}

#[test]
fn the_summary_offers_the_whole_fix() {
    for case in cases() {
        let found = cio_findings(&case.plan);
        let Some(summary) = found
            .iter()
            .find(|d| d.code == "platform.cio_not_buildable")
        else {
            continue;
        };
        let setup = customer_io::setup(&case.plan, &route(&case.plan));
        assert_eq!(summary.fix, setup.fix, "{}", case.name);
        assert_eq!(summary.severity, Severity::Error, "{}", case.name);
    }
}

#[test]
fn each_small_fix_clears_its_own_finding() {
    for case in cases() {
        for finding in cio_findings(&case.plan) {
            let fix = finding.fix.as_ref().unwrap();
            let what = format!("{}: {} at {}", case.name, finding.code, finding.path);
            let fixed = apply_fix(&case.plan, &fix.edits, &what);
            let still = cio_findings(&fixed).iter().any(|d| key(d) == key(&finding));
            assert!(!still, "{what}");
        }
    }
}

#[test]
fn small_fixes_taken_one_at_a_time_settle_without_crossing_tiers() {
    for case in cases() {
        let mut plan = case.plan.clone();
        plan.platform.kind = Platform::CustomerIo;
        let before = lanes_of(&plan);
        for step in 0.. {
            assert!(step < 20, "{}: the fixes go round", case.name);
            let found = cio_findings(&plan);
            let Some(fix) = (found.iter())
                .filter(|d| d.code != "platform.cio_not_buildable")
                .find_map(|d| d.fix.clone())
            else {
                break;
            };
            plan = apply_fix(&plan, &fix.edits, case.name);
        }
        for (journey, lane) in lanes_of(&plan) {
            let intent = plan.journeys[journey_at(&plan, &journey)].intent;
            let purpose = plan.lane(&lane).unwrap().purpose;
            // A type sent back to All Emails goes wherever All Emails is.
            let kind =
                MessageType::of(&case.plan.journeys[journey_at(&case.plan, &journey)].trigger);
            let moved = before.get(&journey) != Some(&lane) && !case.merged.contains(&kind);
            let tier = match intent {
                i if i.is_transactional() => Purpose::Transactional,
                i if i.is_promotional() => Purpose::Promotional,
                Intent::Custom => purpose,
                _ => Purpose::RevenueFlows,
            };
            assert!(
                !moved || tier == purpose,
                "{}: {journey} moved to {lane}",
                case.name
            );
        }
    }
}

/// Each routed journey's lane.
fn lanes_of(plan: &Plan) -> std::collections::HashMap<String, String> {
    let routing = route(plan);
    (plan.journeys.iter())
        .filter_map(|j| Some((j.id.clone(), routing.route_of(&j.id)?.lane_id.clone()?)))
        .collect()
}

#[test]
fn a_retriggered_journey_keeps_its_lane_and_names_its_segment() {
    // Event-triggered promotions outnumber the one event-triggered flow,
    // checkout recovery, beside a revenue lane whose segment-triggered
    // flows have a server: the type settles on the promotional lane, and
    // checkout recovery keeps its lane, triggered by a segment instead.
    let mut plan = sample_plan();
    for id in [
        "cart-recovery",
        "browse-abandonment",
        "post-purchase",
        "welcome",
    ] {
        let at = journey_at(&plan, id);
        plan.journeys[at].trigger = Trigger::SegmentEntry {
            segment: plan.journeys[at].name.clone(),
        };
    }
    for j in (plan.journeys.iter_mut()).filter(|j| j.intent == Intent::PromotionalBroadcast) {
        j.trigger = event("Price drop");
    }
    let before = plan.journeys[journey_at(&plan, "checkout-recovery")].clone();
    let Trigger::Event { event_name, .. } = &before.trigger else {
        panic!("checkout recovery starts from an event");
    };
    let fix = customer_io::setup(&plan, &route(&plan)).fix.unwrap();
    let fixed = apply_fix(&plan, &fix.edits, "retrigger");
    let after = &fixed.journeys[journey_at(&fixed, "checkout-recovery")];
    assert_eq!(
        after.trigger,
        Trigger::SegmentEntry {
            segment: event_name.clone()
        }
    );
    let lane = route(&fixed)
        .route_of("checkout-recovery")
        .unwrap()
        .lane_id
        .clone();
    assert_eq!(lane.as_deref(), Some("revenue-flows"));
}

#[test]
fn a_switched_receipt_keeps_its_lane_and_its_name() {
    let mut plan = sample_plan();
    retrigger(&mut plan, "order-confirmation", event("Order Placed"));
    let fix = customer_io::setup(&plan, &route(&plan)).fix.unwrap();
    let fixed = apply_fix(&plan, &fix.edits, "switch");
    let journey = &fixed.journeys[0];
    assert_eq!(
        journey.trigger,
        Trigger::TransactionalApi {
            message: "Order Placed".into()
        }
    );
    let routing = route(&fixed);
    assert_eq!(
        routing
            .route_of("order-confirmation")
            .unwrap()
            .lane_id
            .as_deref(),
        Some("transactional")
    );
}

#[test]
fn the_sample_plan_has_no_platform_finding() {
    let plan = sample_plan();
    let routing = route(&plan);
    assert_eq!(cio_findings(&plan), vec![]);
    assert_eq!(limits::findings(&plan, &routing), vec![]);
    let codes: Vec<String> = lint(&plan, &routing)
        .iter()
        .map(|d| d.code.to_string())
        .filter(|c| c.starts_with("platform."))
        .collect();
    assert_eq!(codes, Vec::<String>::new());
}

#[test]
fn lint_reports_what_customer_io_cannot_build() {
    let mut plan = sample_plan();
    put(&mut plan, "welcome", "promotional");
    let codes: Vec<String> = lint(&plan, &route(&plan))
        .iter()
        .map(|d| d.code.to_string())
        .collect();
    assert!(
        codes.contains(&"platform.cio_type_split".to_string()),
        "{codes:?}"
    );
}

#[test]
fn the_servers_keep_the_chosen_all_emails_lane_and_agree_with_the_findings() {
    // (All Emails lane chosen, the first server's lane, the table's summary)
    let cases = [
        (
            Some("transactional"),
            "transactional",
            "Every journey can go to its planned lane on Customer.io.",
        ),
        (
            Some("promotional"),
            "promotional",
            "Customer.io cannot build this plan as drawn: 3 journeys cannot go to their planned lane.",
        ),
        (
            None,
            "transactional",
            "Customer.io cannot build this plan as drawn: the All Emails lane must change.",
        ),
    ];
    for (chosen, first, verdict) in cases {
        let mut plan = sample_plan();
        plan.platform.all_emails_lane = chosen.map(String::from);
        let setup = customer_io::setup(&plan, &route(&plan));
        let server = &setup.servers[0];
        assert_eq!(server.email_type, MessageType::AllEmails, "{chosen:?}");
        assert_eq!(server.lane, first, "{chosen:?}");
        assert_eq!(setup.verdict(), verdict, "{chosen:?}");
        let summary = cio_findings(&plan)
            .into_iter()
            .find(|d| d.code == "platform.cio_not_buildable");
        let said = summary.map_or(setup.verdict(), |d| d.message);
        assert_eq!(said, verdict, "{chosen:?}: the findings say the same");
    }
}

#[test]
fn servers_come_in_order_with_all_emails_first() {
    let plan = four_lanes();
    let setup = customer_io::setup(&plan, &route(&plan));
    let servers: Vec<(u32, &str, MessageType)> = setup
        .servers
        .iter()
        .map(|s| (s.order, s.lane.as_str(), s.email_type))
        .collect();
    assert_eq!(
        servers,
        [
            (1, "transactional", MessageType::AllEmails),
            (2, "revenue-flows", MessageType::EventTriggered),
            (3, "promotional", MessageType::Newsletters),
            (4, "winback", MessageType::SegmentTriggered),
        ]
    );
    assert_eq!(setup.servers[3].journeys, ["replenishment", "winback"]);
    assert!(setup.premium);
}

#[test]
fn large_plans_are_made_buildable_in_one_step() {
    for plan in [scale_plan(), scaled_sample(12)] {
        let setup = customer_io::setup(&plan, &route(&plan));
        assert!(!setup.conflicts.is_empty(), "{}: a plan to fix", plan.id);
        let fixed = apply_fix(&plan, &setup.fix.unwrap().edits, &plan.id);
        assert_eq!(cio_findings(&fixed), vec![], "{}", plan.id);
    }
}

#[test]
fn odd_plans_do_not_panic() {
    let mut empty = Plan::empty("x");
    empty.platform.kind = Platform::CustomerIo;
    let mut no_lanes = empty.clone();
    no_lanes.lanes.clear();
    no_lanes.default_lane = None;
    for plan in [empty, no_lanes] {
        let routing = route(&plan);
        customer_io::setup(&plan, &routing);
        cio_findings(&plan);
        limits::findings(&plan, &routing);
        limits::notes(&plan, &routing);
        status(&plan, &routing);
    }
}

// ESP limits.

type Break = fn(&mut Plan);

/// A finding's code and path.
type Expected = Option<(&'static str, &'static str)>;

/// (what the plan does, how, the finding expected; `None` for a plan
/// within the limits).
fn limit_cases() -> Vec<(&'static str, Break, Expected)> {
    vec![
        (
            "a SendGrid DKIM selector of four characters",
            |p| p.lanes[1].dkim_selector = "flow".into(),
            Some((
                "platform.sendgrid_dkim_selector",
                "$.lanes[1].dkim_selector",
            )),
        ),
        (
            "a SendGrid DKIM selector of three",
            |p| p.lanes[1].dkim_selector = "fl1".into(),
            None,
        ),
        (
            "SendGrid's own DKIM selector",
            |p| p.lanes[1].dkim_selector = "s1".into(),
            None,
        ),
        (
            "a SendGrid pool name SendGrid refuses",
            |p| p.monitoring.mapping[1].key = "flows pool!".into(),
            Some(("platform.invalid_name", "$.lanes[1].id")),
        ),
        (
            "more SendGrid pools than a user may have",
            |p| {
                for i in 0..100 {
                    add_lane(p, &format!("pool-{i}"), Purpose::Custom, Provider::SendGrid);
                    let lane = p.lanes.last_mut().unwrap();
                    lane.ip_strategy = IpStrategy::Dedicated { count: 1 };
                }
            },
            Some(("platform.sendgrid_pools", "$.lanes[102]")),
        ),
        (
            "twenty SES IPs for promotions",
            |p| p.lanes[2].ip_strategy = IpStrategy::Dedicated { count: 20 },
            Some(("platform.ses_ip_volume", "$.lanes[2].ip_strategy")),
        ),
        (
            "two SES lanes sharing a configuration set",
            |p| {
                p.lanes[1].smtp = Smtp::from_preset(Provider::AmazonSes);
                p.lanes[1].smtp.port = 2587;
                p.monitoring.mapping[1] = KeyMapping {
                    kind: KeyKind::SesConfigurationSet,
                    key: "fernleaf-promotions".into(),
                    lane: "revenue-flows".into(),
                };
            },
            Some(("platform.ses_shared_configuration_set", "$.lanes[2].id")),
        ),
        (
            "a promotion on Postmark's transactional stream",
            |p| put(p, "weekly-promo", "transactional"),
            Some(("platform.postmark_broadcast_stream", "$.lanes[0]")),
        ),
        (
            "promotions alone on the default transactional stream",
            |p| {
                p.lanes[2].smtp = Smtp::from_preset(Provider::Postmark);
                p.lanes[2].smtp.port = 2525;
                p.lanes[2].ip_strategy = IpStrategy::Shared;
                p.monitoring.mapping[2] = KeyMapping {
                    kind: KeyKind::PostmarkStream,
                    key: "outbound".into(),
                    lane: "promotional".into(),
                };
            },
            Some(("platform.postmark_broadcast_stream", "$.lanes[2]")),
        ),
        (
            "dedicated IPs on Postmark",
            |p| p.lanes[0].ip_strategy = IpStrategy::Dedicated { count: 1 },
            Some(("platform.postmark_dedicated_ips", "$.lanes[0].ip_strategy")),
        ),
        (
            "more Postmark lanes than a server has streams",
            |p| {
                for i in 0..10 {
                    add_lane(
                        p,
                        &format!("stream-{i}"),
                        Purpose::Custom,
                        Provider::Postmark,
                    );
                }
            },
            Some(("platform.postmark_streams", "$.lanes[12]")),
        ),
        (
            "two Mailgun lanes with their own IPs on one domain",
            |p| {
                for i in [1, 2] {
                    p.lanes[i].smtp = Smtp::from_preset(Provider::Mailgun);
                    p.lanes[i].smtp.port = 2525;
                    p.lanes[i].sending_domain = "mail.fernleafcoffee.com".into();
                }
            },
            Some((
                "platform.mailgun_shared_domain",
                "$.lanes[2].sending_domain",
            )),
        ),
    ]
}

#[test]
fn each_esp_limit_is_found_with_its_source() {
    for (what, make, expected) in limit_cases() {
        let mut plan = sample_plan();
        make(&mut plan);
        let found = limits::findings(&plan, &route(&plan));
        let keys: Vec<(String, String)> = found.iter().map(key).collect();
        match expected {
            None => assert!(keys.is_empty(), "{what}: {keys:?}"),
            Some((code, path)) => assert!(
                keys.contains(&(code.to_string(), path.to_string())),
                "{what}: {keys:?}"
            ),
        }
        for finding in &found {
            assert_eq!(
                finding.severity,
                Severity::Warning,
                "{what}: {}",
                finding.code
            );
            let source = finding.hint.rsplit("Source: ").next().unwrap();
            assert!(
                source.starts_with("https://") && !source.contains(' '),
                "{what}: {} ends with its source: {}",
                finding.code,
                finding.hint
            );
        }
    }
}

#[test]
fn the_sample_gets_a_note_per_esp_it_uses() {
    let plan = sample_plan();
    let notes = limits::notes(&plan, &route(&plan));
    let keys: Vec<(String, String)> = notes.iter().map(key).collect();
    let expected = [
        ("platform.postmark_stream", "$.lanes[0]"),
        ("platform.sendgrid_rdns", "$.lanes[1].ip_addresses"),
        ("platform.ses_configuration_set", "$.lanes[2]"),
        ("platform.ses_dedicated_pool", "$.lanes[2].ip_strategy"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(c, p)| (c.to_string(), p.to_string()))
        .collect();
    assert_eq!(keys, expected);
    for note in &notes {
        assert_eq!(note.severity, Severity::Info);
        assert!(note.hint.contains("Source: https://"), "{}", note.code);
    }
    assert!(
        notes[2].message.contains("“fernleaf-promotions”"),
        "the mapped set name"
    );
    let cio = customer_io::notes(&plan, &route(&plan));
    assert_eq!(cio.len(), 1);
    assert_eq!(cio[0].code, "platform.cio_premium");
}

#[test]
fn huge_imported_volumes_do_not_overflow_the_ses_check() {
    let mut plan = sample_plan();
    for journey in &mut plan.journeys {
        journey.daily_volume = u32::MAX;
        journey.lane_override = Some("promotional".to_string());
    }
    plan.simulation.mix_percent = [u32::MAX; 5];
    let routing = route(&plan);
    // Saturated, the volume per IP is far above SES's floor: no warning.
    let found = limits::lane_findings(&plan, &routing, 2, Provider::AmazonSes);
    assert!(
        found.iter().all(|d| d.code != "platform.ses_ip_volume"),
        "{found:?}"
    );
    status(&plan, &routing);
}

// The platform page.

fn fit_kind(fit: &LaneFit) -> &'static str {
    match fit {
        LaneFit::AsPlanned => "as planned",
        LaneFit::NeedsChange(_) => "needs a change",
        LaneFit::NotPossible(_) => "not possible",
    }
}

#[test]
fn the_sample_platform_table() {
    let plan = sample_plan();
    let table = status(&plan, &route(&plan));
    let vendors: Vec<Vendor> = table.iter().map(|t| t.vendor).collect();
    assert_eq!(vendors, Vendor::ALL);
    let grid: Vec<(Vendor, Vec<&str>)> = table
        .iter()
        .map(|t| (t.vendor, t.lanes.iter().map(|l| fit_kind(&l.fit)).collect()))
        .collect();
    let planned = "as planned";
    let change = "needs a change";
    assert_eq!(
        grid,
        [
            (Vendor::CustomerIo, vec![planned, planned, planned]),
            (Vendor::SendGrid, vec![change, planned, change]),
            (Vendor::AmazonSes, vec![change, change, planned]),
            (Vendor::Postmark, vec![planned, change, change]),
            (Vendor::Mailgun, vec![change, change, change]),
            (Vendor::KumoMta, vec![change, change, change]),
            (Vendor::Listmonk, vec![planned, planned, planned]),
        ]
    );
    let in_plan: Vec<bool> = table.iter().map(|t| t.in_plan).collect();
    assert_eq!(in_plan, [true, true, true, true, false, false, false]);
    let cio = &table[0];
    assert_eq!(cio.lanes[1].steps.len(), 3, "{:?}", cio.lanes[1].steps);
    assert!(cio.lanes[1].steps[0].starts_with("Add server 2, “Revenue flows (Segment Triggered)”"));
    assert!(cio.lanes[1].steps[2].contains(r#"X-SMTPAPI: {"ip_pool":"flows"}"#));
    for t in &table {
        for row in &t.lanes {
            assert!(!row.steps.is_empty(), "{:?} {}", t.vendor, row.lane);
            for step in &row.steps {
                assert!(step.ends_with('.'), "a sentence: {step}");
            }
        }
    }
    // The table travels to the page as JSON.
    let json = serde_json::to_value(&table).unwrap();
    assert_eq!(json[0]["lanes"][0]["fit"]["kind"], "as_planned");
    assert_eq!(json[1]["lanes"][0]["fit"]["kind"], "needs_change");
}

/// Which lanes each platform's steps cover, and whether for comparison.
type Scopes = Vec<(Vendor, Vec<&'static str>, bool)>;

const ALL_LANES: [&str; 3] = ["transactional", "revenue-flows", "promotional"];

/// The sample sent by its own code, with a fourth lane on SparkPost, which
/// no platform stands for, and its promotions on the brand's own servers.
fn mixed_providers() -> Plan {
    let mut plan = sample_plan();
    plan.platform.kind = Platform::OwnCode;
    plan.lanes[2].smtp = Smtp::from_preset(Provider::Custom);
    add_lane(&mut plan, "spark", Purpose::Custom, Provider::SparkPost);
    plan
}

fn step_cases() -> Vec<(&'static str, Plan, Scopes, Vec<&'static str>)> {
    let all = ALL_LANES.to_vec();
    let mut all_four = all.clone();
    all_four.push("spark");
    vec![
        (
            "sample",
            sample_plan(),
            vec![
                (Vendor::CustomerIo, all.clone(), false),
                (Vendor::SendGrid, vec!["revenue-flows"], false),
                (Vendor::AmazonSes, vec!["promotional"], false),
                (Vendor::Postmark, vec!["transactional"], false),
                (Vendor::Mailgun, all.clone(), true),
                (Vendor::KumoMta, all.clone(), true),
                (Vendor::Listmonk, all.clone(), true),
            ],
            vec![],
        ),
        (
            "a lane on an unknown provider",
            mixed_providers(),
            vec![
                (Vendor::CustomerIo, all_four.clone(), true),
                (Vendor::SendGrid, vec!["revenue-flows"], false),
                (Vendor::AmazonSes, all_four.clone(), true),
                (Vendor::Postmark, vec!["transactional"], false),
                (Vendor::Mailgun, all_four.clone(), true),
                (Vendor::KumoMta, vec!["promotional"], false),
                (Vendor::Listmonk, all_four.clone(), true),
            ],
            vec!["spark"],
        ),
    ]
}

#[test]
fn each_platforms_steps_cover_the_lanes_that_send_through_it() {
    for (what, plan, expected, unknown) in step_cases() {
        let table = status(&plan, &route(&plan));
        let scopes: Vec<(Vendor, Vec<&str>, bool)> = table
            .iter()
            .map(|t| {
                let lanes = t.step_rows().map(|r| r.lane.as_str()).collect();
                (t.vendor, lanes, t.comparison)
            })
            .collect();
        assert_eq!(scopes, expected, "{what}");
        let elsewhere: Vec<String> = unplaced(&plan).into_iter().map(|u| u.lane).collect();
        assert_eq!(elsewhere, unknown, "{what}");
        for t in &table {
            // A platform the plan sends through lists only its own lanes.
            assert!(t.comparison || t.in_plan, "{what}: {:?}", t.vendor);
            assert!(t.scope().ends_with('.'), "{what}: {}", t.scope());
        }
    }
}

#[test]
fn the_steps_and_the_table_agree_on_each_lanes_platform() {
    for (what, plan, _, _) in step_cases() {
        let table = status(&plan, &route(&plan));
        for t in table
            .iter()
            .filter(|t| !matches!(t.vendor, Vendor::CustomerIo | Vendor::Listmonk))
        {
            for row in &t.lanes {
                let moves = match &row.fit {
                    LaneFit::AsPlanned => false,
                    LaneFit::NeedsChange(r) | LaneFit::NotPossible(r) => {
                        r.iter().any(|r| r.starts_with("It is planned on"))
                    }
                };
                assert_eq!(
                    moves, !row.sends_here,
                    "{what}: {:?} {}",
                    t.vendor, row.lane
                );
                // A lane shown elsewhere never takes its own vendor's IPs there.
                let lane = plan.lane(&row.lane).unwrap();
                for ip in lane.ip_addresses.iter().filter(|_| !row.sends_here) {
                    let steps = row.steps.join(" ");
                    assert!(
                        !steps.contains(ip.as_str()),
                        "{what}: {:?} {steps}",
                        t.vendor
                    );
                }
            }
        }
    }
}

#[test]
fn a_lane_on_no_platform_here_is_named_with_its_provider() {
    let plan = mixed_providers();
    let elsewhere = unplaced(&plan);
    assert_eq!(elsewhere.len(), 1);
    let reason = &elsewhere[0].reason;
    assert!(
        reason.starts_with("spark sends through SparkPost"),
        "{reason}"
    );
    assert!(reason.ends_with('.'), "{reason}");
    assert!(unplaced(&sample_plan()).is_empty());
}

/// The addresses each vendor file may hold: only those of lanes planned
/// there.
/// (plan, file, addresses it holds, addresses it must not hold)
type AddressCase = (
    &'static str,
    Plan,
    ExportKind,
    Vec<&'static str>,
    Vec<&'static str>,
);

fn address_cases() -> Vec<AddressCase> {
    let flows = "198.51.100.10";
    let promo = ["203.0.113.10", "203.0.113.11"];
    let mut on_mailgun = sample_plan();
    on_mailgun.lanes[1].smtp = Smtp::from_preset(Provider::Mailgun);
    vec![
        (
            "sample",
            sample_plan(),
            ExportKind::SendgridRequests,
            vec![flows],
            promo.to_vec(),
        ),
        (
            "sample",
            sample_plan(),
            ExportKind::SendgridScript,
            vec![flows],
            promo.to_vec(),
        ),
        (
            "sample",
            sample_plan(),
            ExportKind::SesCloudFormation,
            promo.to_vec(),
            vec![flows],
        ),
        (
            "sample",
            sample_plan(),
            ExportKind::SesTerraform,
            promo.to_vec(),
            vec![flows],
        ),
        (
            "sample",
            sample_plan(),
            ExportKind::MailgunRequests,
            vec![],
            vec![flows, promo[0], promo[1]],
        ),
        (
            "sample",
            sample_plan(),
            ExportKind::KumoSources,
            vec![],
            vec![flows, promo[0], promo[1]],
        ),
        (
            "sample",
            sample_plan(),
            ExportKind::KumoWarmup,
            vec![],
            vec![flows, promo[0], promo[1]],
        ),
        (
            "on own servers",
            mixed_providers(),
            ExportKind::KumoSources,
            promo.to_vec(),
            vec![flows],
        ),
        (
            "flows on Mailgun",
            on_mailgun.clone(),
            ExportKind::MailgunRequests,
            vec![flows],
            promo.to_vec(),
        ),
        (
            "flows on Mailgun",
            on_mailgun,
            ExportKind::SendgridRequests,
            vec![],
            vec![flows, promo[0], promo[1]],
        ),
    ]
}

#[test]
fn no_vendor_file_sets_up_another_vendors_addresses() {
    for (what, plan, kind, holds, never) in address_cases() {
        let routing = route(&plan);
        let inputs = Inputs {
            plan: &plan,
            routing: &routing,
            carried: &routing,
            dmarc_stage: DmarcPolicy::None,
        };
        let text = download(&inputs, kind).text;
        for ip in holds {
            assert!(text.contains(ip), "{what}: {kind:?} lacks {ip}");
        }
        for ip in never {
            assert!(!text.contains(ip), "{what}: {kind:?} holds {ip}");
        }
    }
}

#[test]
fn the_table_shows_what_customer_io_changes() {
    let mut plan = sample_plan();
    put(&mut plan, "welcome", "promotional");
    plan.lanes[1].smtp.port = 587;
    let table = status(&plan, &route(&plan));
    let cio = &table[0];
    match &cio.lanes[2].fit {
        LaneFit::NeedsChange(reasons) => {
            assert!(
                reasons[0].contains("“Welcome series” moves to Revenue flows"),
                "{reasons:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    match &cio.lanes[1].fit {
        LaneFit::NeedsChange(reasons) => assert!(reasons[0].contains("587 becomes 2525")),
        other => panic!("{other:?}"),
    }
    // A lane whose every journey must leave carries nothing on Customer.io.
    let mut plan = sample_plan();
    add_lane(&mut plan, "side", Purpose::Custom, Provider::SendGrid);
    put(&mut plan, "replenishment", "side");
    let table = status(&plan, &route(&plan));
    assert_eq!(fit_kind(&table[0].lanes[3].fit), "not possible");
}

/// The sample with a second promotional lane, “Promotions 2”, fourth in
/// the plan, that migration “Promotions to the new pool” moves the
/// promotional lane onto from its warm-up's first day; `warm` makes the
/// lane warm without a warm-up, so it takes all the mail on that day.
fn promotions_moving(warm: bool) -> Plan {
    let mut plan = sample_plan();
    let mut lane = plan.lanes[2].clone();
    lane.id = "promotional-2".into();
    lane.name = "Promotions 2".into();
    let start = lane.warmup.as_ref().unwrap().start_date.clone();
    if warm {
        lane.warmup = None;
        lane.status = LaneStatus::Warm;
    }
    plan.lanes.push(lane);
    let mut m = Migration::new("promotions-move", "promotional", "promotional-2");
    m.name = "Promotions to the new pool".into();
    m.start_date = start;
    plan.migrations.push(m);
    plan
}

/// `promotions_moving(true)` with no journey entering a segment, so the
/// workspace has three servers of its own and room for the move's.
fn with_room_for_a_server() -> Plan {
    let mut plan = promotions_moving(true);
    for j in plan.journeys.iter_mut() {
        if matches!(j.trigger, Trigger::SegmentEntry { .. }) {
            j.trigger = Trigger::Event {
                event_name: "Entered".into(),
                latency_minutes: 0,
                delay_minutes: 0,
            };
        }
    }
    plan
}

/// A plan, a lane, each of the lane's Customer.io steps in full or how
/// it starts, and parts some step holds.
type MoveCase = (&'static str, Plan, &'static str, Vec<String>, Vec<String>);

#[test]
fn a_lane_a_migration_moves_mail_onto_gets_a_server_for_it() {
    let start = promotions_moving(false).migrations[0].start_date.clone();
    let add = |lane: &str, kind: &str, from: &str| {
        format!("Add a server “{lane} ({kind})”: email-smtp.us-east-1.amazonaws.com, port 2587, email type None; migration “Promotions to the new pool” moves {kind} mail here from {from}.")
    };
    let switch = |kind: &str, from: &str| {
        format!("On {start}, when migration “Promotions to the new pool” moves the mail, set server “Promotions 2 ({kind})” to {kind} and the {kind} server on {from} to None.")
    };
    // The sample's four servers and one more are past what Customer.io
    // uses: the old lane's server changes in place.
    let change = |lane: &str, kind: &str, from: &str| {
        format!("change the {kind} server on {from} to email-smtp.us-east-1.amazonaws.com, port 2587 with {lane}'s login, and rename it “{lane} ({kind})”, rather than add a server.")
    };
    let in_place = |kind: &str, from: &str| {
        format!(
            "On {start}, when migration “Promotions to the new pool” moves the mail, {}",
            change("Promotions 2", kind, from)
        )
    };
    let ramp = |kind: &str, from: &str, to: &str| {
        format!("Migration “Promotions to the new pool” splits {kind} mail between {from} and {to} day by day from {start} to ")
    };
    let header = "Send the lane's mail with the header X-SES-CONFIGURATION-SET: promotional-2.";
    let one_date = format!("which Customer.io cannot do: it sends each message type through one server. Move Newsletters on one date instead, such as 2027-09-17, when the ramp would take all of it, and on that date {}", change("Promotions 2", "Newsletters", "Promotional"));
    // With three servers of its own, the workspace takes the new one.
    let three = with_room_for_a_server();
    let unscheduled = {
        let mut plan = promotions_moving(false);
        plan.migrations[0].start_date.clear();
        plan
    };
    let partly = {
        let mut plan = promotions_moving(true);
        plan.migrations[0].whole_lane = false;
        plan.migrations[0].journeys = vec!["newsletter".into()];
        plan
    };
    let receipts = {
        let mut plan = promotions_moving(true);
        plan.migrations[0].from_lane = "transactional".into();
        plan
    };
    // The welcome series moves onto the promotional lane, which has a
    // server of another type, with the rest of its type.
    let welcome = {
        let mut plan = sample_plan();
        let mut m = Migration::new("promotions-move", "revenue-flows", "promotional");
        m.name = "Promotions to the new pool".into();
        m.whole_lane = false;
        m.journeys = vec!["welcome".into()];
        m.start_date = start.clone();
        plan.migrations.push(m);
        plan
    };
    let cases: Vec<MoveCase> = vec![
        (
            "a migration not yet scheduled",
            unscheduled,
            "promotional-2",
            vec!["No server yet: migration “Promotions to the new pool” would move mail here but has no first day; once it has one, these steps give the server it needs.".into()],
            vec![],
        ),
        (
            "a one-day cutover onto a warm lane",
            promotions_moving(true),
            "promotional-2",
            vec![in_place("Newsletters", "Promotional"), header.into()],
            vec![],
        ),
        (
            "a workspace with room for the new server",
            three,
            "promotional-2",
            vec![
                add("Promotions 2", "Newsletters", "Promotional"),
                switch("Newsletters", "Promotional"),
                header.into(),
            ],
            vec![],
        ),
        (
            "a ramp onto a lane that warms up",
            promotions_moving(false),
            "promotional-2",
            vec![
                ramp("Newsletters", "Promotional", "Promotions 2"),
                header.into(),
            ],
            vec![one_date],
        ),
        (
            "a move of part of a type",
            partly,
            "promotional-2",
            vec![in_place("Newsletters", "Promotional"), header.into()],
            vec![" Customer.io moves a type whole, so migration “Promotions to the new pool” also moves 1 journey it leaves on Promotional: “Weekly promotion”; in all, Newsletters moves 27,000 messages a day.".into()],
        ),
        (
            "a move of the All Emails lane's mail",
            receipts,
            "promotional-2",
            vec![in_place("All Emails", "Transactional"), header.into()],
            vec![" All Emails carries every type without a server of its own, so that mail moves here too.".into()],
        ),
        (
            "a move onto a lane with a server of another type",
            welcome,
            "promotional",
            vec![
                "Add server 4, “Promotional (Newsletters)”".into(),
                "On ".into(),
                "Send the lane's mail with the header X-SES-CONFIGURATION-SET: fernleaf-promotions.".into(),
            ],
            vec![
                format!(", when migration “Promotions to the new pool” moves the mail, {} Customer.io moves a type whole, so migration “Promotions to the new pool” also moves 4 journeys it leaves on Revenue flows: “Cart recovery”, “Checkout recovery”, “Browse abandonment” and 1 more; in all, Event Triggered moves 8,600 messages a day.", change("Promotional", "Event Triggered", "Revenue flows")),
            ],
        ),
    ];
    for (what, plan, lane, starts, parts) in cases {
        let table = status(&plan, &route(&plan));
        let cio = &table[0];
        let at = plan.lanes.iter().position(|l| l.id == lane).unwrap();
        let steps = &cio.lanes[at].steps;
        assert_eq!(steps.len(), starts.len(), "{what}: {steps:#?}");
        for (step, start) in steps.iter().zip(&starts) {
            assert!(
                step.starts_with(start.as_str()),
                "{what}: {step}\nnot {start}"
            );
            assert!(step.ends_with('.'), "{what}: a sentence: {step}");
        }
        for part in &parts {
            assert!(
                steps.iter().any(|s| s.contains(part.as_str())),
                "{what}: {part} in {steps:#?}"
            );
        }
        // A fifth server is one more than Customer.io uses.
        let most = "The migrations' servers would make 5 in all, and with five or more Customer.io uses only four of them: rather than add a move's server, on the move's day change the old lane's server for the type it moves to the new lane's host, port and login, and rename it, so the workspace keeps 4 servers.";
        let past_four = !starts.iter().any(|s| s.starts_with("Add a server"))
            && steps.iter().any(|s| s.contains("rather than add a server"));
        assert_eq!(
            cio.steps.iter().any(|s| s == most),
            past_four,
            "{what}: {:#?}",
            cio.steps
        );
    }
}

/// `promotions_moving(true)`, moving only `journeys` of the promotional
/// lane's Newsletters.
fn part_of_newsletters(journeys: &[&str]) -> Plan {
    let mut plan = promotions_moving(true);
    plan.migrations[0].whole_lane = false;
    plan.migrations[0].journeys = journeys.iter().map(|j| j.to_string()).collect();
    plan
}

/// The steps of `lane` on Customer.io that say how a migration's type
/// changes server, as the Platform tab lists them.
fn switch_steps(plan: &Plan, lane: &str) -> Vec<String> {
    let table = status(plan, &route(plan));
    let at = plan.lanes.iter().position(|l| l.id == lane).unwrap();
    (table[0].lanes[at].steps.iter())
        .filter(|s| s.starts_with("On ") || s.starts_with("Migration “"))
        .cloned()
        .collect()
}

#[test]
fn a_move_of_part_of_a_type_gives_the_whole_types_figure_on_both_tabs() {
    use switchyard::platform::customer_io::moves;
    let whole = |stays: &str| {
        format!("Customer.io moves a type whole, so migration “Promotions to the new pool” also moves 1 journey it leaves on Promotional: “{stays}”; in all, Newsletters moves 27,000 messages a day.")
    };
    let off_customer_io = {
        let mut plan = part_of_newsletters(&["weekly-promo"]);
        plan.platform.kind = Platform::OwnCode;
        plan
    };
    // (what, plan, the sentence with the whole type's figure, if any, and
    // whether the Migrations card shows the Platform tab's steps).
    let cases: Vec<(&str, Plan, Option<String>, bool)> = vec![
        (
            "the weekly promotion's 18,000 a day alone",
            part_of_newsletters(&["weekly-promo"]),
            Some(whole("Roaster's newsletter")),
            true,
        ),
        (
            "the newsletter alone",
            part_of_newsletters(&["newsletter"]),
            Some(whole("Weekly promotion")),
            true,
        ),
        ("the whole type", promotions_moving(true), None, true),
        (
            "a plan sent by its own code",
            off_customer_io,
            Some(whole("Roaster's newsletter")),
            false,
        ),
    ];
    for (what, plan, sentence, on_card) in cases {
        let routing = route(&plan);
        let steps = switch_steps(&plan, "promotional-2");
        assert_eq!(steps.len(), 1, "{what}: {steps:#?}");
        let cio = customer_io::setup(&plan, &routing);
        let card = moves::steps_of(&plan, &routing, &cio, &plan.migrations[0]);
        // The card says what the Platform tab says, word for word.
        match on_card {
            true => assert_eq!(card, steps, "{what}"),
            false => assert!(card.is_empty(), "{what}: {card:#?}"),
        }
        let table = status(&plan, &route(&plan));
        for lane in [2, 3] {
            let said = match &table[0].lanes[lane].fit {
                LaneFit::NeedsChange(reasons) => reasons.clone(),
                _ => Vec::new(),
            };
            match &sentence {
                Some(sentence) => {
                    assert!(
                        steps[0].ends_with(sentence.as_str()),
                        "{what}: {}",
                        steps[0]
                    );
                    assert!(said.contains(sentence), "{what}: lane {lane}: {said:#?}");
                }
                None => {
                    assert!(!steps[0].contains("in all"), "{what}: {}", steps[0]);
                    assert!(said.is_empty(), "{what}: lane {lane}: {said:#?}");
                }
            }
        }
    }
}

#[test]
fn the_table_says_what_a_ramp_does_to_the_lane_it_moves_onto() {
    let ramp = "Migration “Promotions to the new pool” splits Newsletters mail between Promotional and Promotions 2 day by day from 2027-09-06 to 2027-09-17, which Customer.io cannot do: it sends each message type through one server. Move Newsletters on one date instead, such as 2027-09-17, when the ramp would take all of it.";
    let unscheduled = {
        let mut plan = promotions_moving(false);
        plan.migrations[0].start_date.clear();
        plan
    };
    // (what, plan, the fit of Promotional and of Promotions 2, and what
    // Promotions 2's says).
    let cases: Vec<(&str, Plan, [&str; 2], Vec<&str>)> = vec![
        (
            "a ramp onto a lane that warms up",
            promotions_moving(false),
            ["as planned", "needs a change"],
            vec![ramp],
        ),
        (
            "a one-day cutover onto a warm lane",
            promotions_moving(true),
            ["as planned", "as planned"],
            vec![],
        ),
        (
            "a migration not yet scheduled",
            unscheduled,
            ["as planned", "as planned"],
            vec![],
        ),
    ];
    for (what, plan, fits, said) in cases {
        let table = status(&plan, &route(&plan));
        let rows = &table[0].lanes;
        assert_eq!(
            [fit_kind(&rows[2].fit), fit_kind(&rows[3].fit)],
            fits,
            "{what}: {rows:#?}"
        );
        let reasons = match &rows[3].fit {
            LaneFit::NeedsChange(reasons) => reasons.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        };
        assert_eq!(reasons, said, "{what}");
        // The reason is the Platform tab's own step, up to what to set.
        for reason in &reasons {
            let step = reason.trim_end_matches('.');
            assert!(
                rows[3].steps.iter().any(|s| s.starts_with(step)),
                "{what}: {:#?}",
                rows[3].steps
            );
        }
    }
}

/// A plan, and each finding's path with the servers it counts.
type ServerCountCase = (&'static str, Plan, Vec<(&'static str, u32)>);

#[test]
fn migrations_servers_past_four_are_a_finding() {
    let most = "The migrations' servers would make";
    let welcome = |plan: &mut Plan| {
        let mut m = Migration::new("welcome-move", "revenue-flows", "promotional");
        m.name = "Welcome to promotions".into();
        m.whole_lane = false;
        m.journeys = vec!["welcome".into()];
        m.start_date = "2027-09-06".into();
        plan.migrations.push(m);
    };
    let two = {
        let mut plan = promotions_moving(true);
        welcome(&mut plan);
        plan
    };
    // The lifecycle flows all triggered by events: three servers, so the
    // migration's makes four.
    let three = {
        let mut plan = promotions_moving(true);
        for id in ["replenishment", "winback"] {
            retrigger(&mut plan, id, event(id));
        }
        plan
    };
    let unscheduled = {
        let mut plan = promotions_moving(true);
        plan.migrations[0].start_date.clear();
        plan
    };
    let own_code = {
        let mut plan = promotions_moving(true);
        plan.platform.kind = Platform::OwnCode;
        plan
    };
    let cases: Vec<ServerCountCase> = vec![
        (
            "a fifth server",
            promotions_moving(true),
            vec![("$.migrations[0]", 5)],
        ),
        (
            "two moves, a fifth and a sixth",
            two,
            vec![("$.migrations[0]", 5), ("$.migrations[1]", 6)],
        ),
        ("a fourth server", three, vec![]),
        ("a migration not yet scheduled", unscheduled, vec![]),
        ("a plan sent by its own code", own_code, vec![]),
    ];
    for (what, plan, expected) in cases {
        let routing = route(&plan);
        let found: Vec<Diagnostic> = (lint(&plan, &routing).into_iter())
            .filter(|d| d.code == "platform.cio_migration_servers")
            .collect();
        let at: Vec<(&str, u32)> = (found.iter())
            .zip(&expected)
            .map(|(d, (_, n))| (d.path.as_str(), *n))
            .collect();
        assert_eq!(at, expected, "{what}: {found:#?}");
        assert_eq!(found.len(), expected.len(), "{what}: {found:#?}");
        for (d, (_, n)) in found.iter().zip(&expected) {
            assert_eq!(d.severity, Severity::Info, "{what}");
            assert!(
                d.message
                    .contains(&format!("the plan would have {n} Customer.io SMTP servers")),
                "{what}: {}",
                d.message
            );
            // The hint is the Platform tab's step's advice, with its source.
            let hint = d.hint.as_str();
            assert!(hint.contains("on the move's day change the old lane's server for the type it moves to the new lane's host, port and login"), "{what}: {hint}");
            assert!(hint.contains(customer_io::SERVERS_SOURCE), "{what}: {hint}");
            assert!(d.fix.is_none(), "{what}");
        }
        // The finding and the Platform tab's step come together.
        let table = status(&plan, &routing);
        let step = table[0].steps.iter().any(|s| s.starts_with(most));
        let on_cio = plan.platform.kind == Platform::CustomerIo;
        assert_eq!(step && on_cio, !found.is_empty(), "{what}");
    }
}

/// `promotions_moving(false)`, its ramp from 2027-09-06 to 2027-09-17,
/// with its cutover done already when `cut`: the plan routes the
/// promotions to Promotions 2.
fn cut_over(cut: bool) -> Plan {
    let mut plan = promotions_moving(false);
    if cut {
        for id in ["weekly-promo", "newsletter"] {
            put(&mut plan, id, "promotional-2");
        }
    }
    plan
}

/// The cutover is the move's last step, not the end of what it moves:
/// until the move completes, Customer.io carries the moved mail through
/// the old lane's server, as the split and the calendars keep it there.
/// So a move cut over early keeps the old lane's server in the count, the
/// migration's steps and its findings, as before its cutover; from the
/// day it completes the plan's routing stands and the old server is gone.
#[test]
fn a_move_cut_over_early_keeps_its_customer_io_setup_until_it_completes() {
    use switchyard::review::findings::findings;
    let old_server = "Add server 4, “Promotional (Newsletters)”: email-smtp.us-east-1.amazonaws.com, port 2587, email type Newsletters.";
    // Past four servers, the old lane's changes in place on the move's day.
    let new_server = "rename it “Promotions 2 (Newsletters)”, rather than add a server.";
    let five = "The migrations' servers would make 5 in all";
    // (what, cut over, today, whether the old lane keeps its server)
    let cases = [
        ("before the cutover", false, "2027-09-10", true),
        (
            "not cut over once the ramp is done",
            false,
            "2027-10-01",
            true,
        ),
        ("cut over before the move starts", true, "2027-08-01", true),
        (
            "cut over while the move is under way",
            true,
            "2027-09-10",
            true,
        ),
        (
            "cut over, the day before it completes",
            true,
            "2027-09-16",
            true,
        ),
        (
            "cut over, on the day it completes",
            true,
            "2027-09-17",
            false,
        ),
        ("cut over, after it completes", true, "2027-10-01", false),
    ];
    let uncut = cut_over(false);
    let before = status(&uncut, &route(&uncut));
    let sheet_before = sheet(&uncut);
    for (what, cut, today, kept) in cases {
        let plan = cut_over(cut);
        let today = chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
        let derived = findings(&plan, today, None);
        let table = status_on(&plan, &derived.routing, &derived.carried);
        let cio = &table[0];
        // The server sheet sets up what the steps say.
        let inputs = Inputs {
            plan: &plan,
            routing: &derived.routing,
            carried: &derived.carried,
            dmarc_stage: DmarcPolicy::None,
        };
        let text = download(&inputs, ExportKind::CustomerIoServers).text;
        assert_eq!(text == sheet_before, kept, "{what}: {text}");
        let steps = |lane: usize| cio.lanes[lane].steps.clone();
        // The Customer.io column says all it said before the cutover.
        assert_eq!(before[0] == *cio, kept, "{what}: {cio:#?}");
        assert_eq!(steps(2)[0] == old_server, kept, "{what}: {:#?}", steps(2));
        assert_eq!(
            steps(3)[0].ends_with(new_server),
            kept,
            "{what}: {:#?}",
            steps(3)
        );
        let servers = customer_io::setup(&plan, &derived.carried).servers;
        assert_eq!(servers.len(), 4, "{what}");
        let on_old = servers.iter().any(|s| s.lane == "promotional");
        assert_eq!(on_old, kept, "{what}: {servers:#?}");
        assert_eq!(
            cio.steps.iter().any(|s| s.starts_with(five)),
            kept,
            "{what}: {:#?}",
            cio.steps
        );
        // What the Platform tab's findings say, which Problems counts.
        let count = (derived.all.iter())
            .filter(|d| d.code == "platform.cio_migration_servers")
            .count();
        assert_eq!(count, kept as usize, "{what}");
        if !kept {
            assert_eq!(steps(2), ["Add no server: none of the plan's mail goes through Promotional on Customer.io."], "{what}");
            assert!(
                !steps(3).iter().any(|s| s.contains("migration")),
                "{what}: {:#?}",
                steps(3)
            );
        }
    }
}

// The setup sheet.

fn sheet(plan: &Plan) -> String {
    let routing = route(plan);
    let inputs = Inputs {
        plan,
        routing: &routing,
        carried: &routing,
        dmarc_stage: DmarcPolicy::None,
    };
    let file = download(&inputs, ExportKind::CustomerIoServers);
    assert_eq!(file.file_name, "customer-io-smtp-servers.yaml");
    file.text
}

fn parse(text: &str) -> Yaml {
    let mut docs = YamlLoader::load_from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

fn check_golden(name: &str, actual: &str) {
    let full = format!("{}/tests/golden/exports/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&full, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&full).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} differs; rerun with UPDATE_GOLDEN=1 after checking the change"
    );
}

#[test]
fn the_sample_setup_sheet() {
    let text = sheet(&sample_plan());
    check_golden("customer-io-smtp-servers.yaml", &text);
    let doc = parse(&text);
    let servers = doc["servers"].as_vec().unwrap();
    let rows: Vec<(i64, &str, &str, i64)> = servers
        .iter()
        .map(|s| {
            (
                s["order"].as_i64().unwrap(),
                s["lane"].as_str().unwrap(),
                s["email_type"].as_str().unwrap(),
                s["port"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (1, "transactional", "All Emails", 2525),
            (2, "revenue-flows", "Segment Triggered", 2525),
            (3, "revenue-flows", "Event Triggered", 2525),
            (4, "promotional", "Newsletters", 2587),
        ]
    );
    assert_eq!(servers[0]["host"].as_str(), Some("smtp.postmarkapp.com"));
    assert_eq!(servers[1]["username"].as_str(), Some("apikey"));
    for server in servers {
        let password = server["password"].as_str().unwrap();
        assert!(
            password.starts_with("<SMTP password or API key from "),
            "{password}"
        );
    }
    let receipts: Vec<&str> = servers[0]["journeys"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|j| j.as_str().unwrap())
        .collect();
    assert_eq!(
        receipts,
        ["Order confirmation", "Shipping updates", "Login code"]
    );
    assert_eq!(doc["premium_plan_needed"].as_bool(), Some(true));
    assert!(doc["plan_changes"].as_vec().unwrap().is_empty());
    // Each lane's header, where its ESP looks for it.
    let headers = doc["lane_headers"].as_vec().unwrap();
    assert_eq!(
        headers[0]["headers"]["X-PM-Message-Stream"].as_str(),
        Some("outbound")
    );
    let smtpapi = headers[1]["headers"]["X-SMTPAPI"].as_str().unwrap();
    let smtpapi: serde_json::Value = serde_json::from_str(smtpapi).unwrap();
    assert_eq!(smtpapi["ip_pool"], "flows");
    assert_eq!(
        headers[2]["headers"]["X-SES-CONFIGURATION-SET"].as_str(),
        Some("fernleaf-promotions")
    );
}

#[test]
fn the_sheet_lists_changes_and_gives_the_port_to_use() {
    let mut plan = sample_plan();
    put(&mut plan, "welcome", "promotional");
    plan.lanes[1].smtp.port = 587;
    plan.lanes[1].smtp.username.clear();
    let text = sheet(&plan);
    assert!(text.contains("port: 2525  # the plan says 587"), "{text}");
    let doc = parse(&text);
    let changes: Vec<&str> = doc["plan_changes"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(
        changes,
        [
            "Welcome series: move to Revenue flows",
            "Revenue flows: use port 2525"
        ]
    );
    let server = &doc["servers"][2];
    assert_eq!(server["email_type"].as_str(), Some("Event Triggered"));
    assert_eq!(server["port"].as_i64(), Some(2525));
    assert_eq!(
        server["username"].as_str(),
        Some("<SMTP username from SendGrid>")
    );
    let journeys = server["journeys"].as_vec().unwrap();
    assert_eq!(journeys.last().unwrap().as_str(), Some("Welcome series"));
}

#[test]
fn a_lane_on_customer_ios_own_delivery_has_no_server_to_enter() {
    let mut plan = sample_plan();
    let lane = plan
        .lanes
        .iter_mut()
        .find(|l| l.id == "promotional")
        .unwrap();
    lane.smtp = Smtp::from_preset(Provider::CustomerIo);
    let doc = parse(&sheet(&plan));
    let servers = doc["servers"].as_vec().unwrap();
    let own = servers
        .iter()
        .find(|s| s["lane"].as_str() == Some("promotional"))
        .unwrap();
    assert!(
        own["port"].is_badvalue() && own["host"].is_badvalue(),
        "{own:?}"
    );
    // Beside custom servers it carries nothing: the sheet says where its
    // mail goes instead, as plan_changes does.
    assert_eq!(
        own["smtp"].as_str(),
        Some("none yet: Customer.io's own delivery carries nothing beside custom servers; send it through Postmark (see plan_changes)")
    );
    let changes = doc["plan_changes"].as_vec().unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c.as_str() == Some("Promotional: send through Postmark")),
        "{changes:?}"
    );
    // A plan all on Customer.io's own delivery has no server to enter.
    let mut own_only = sample_plan();
    for lane in &mut own_only.lanes {
        lane.smtp = Smtp::from_preset(Provider::CustomerIo);
    }
    let doc = parse(&sheet(&own_only));
    assert_eq!(
        doc["servers"][0]["smtp"].as_str(),
        Some("none: Customer.io's own delivery, no custom SMTP server")
    );
}

/// A plan, and each server its migrations add: its name, the email type
/// it takes and the journeys of that type.
type AddedCase = (
    &'static str,
    Plan,
    Vec<(&'static str, &'static str, Vec<&'static str>)>,
);

#[test]
fn the_sheet_lists_the_servers_migrations_add_as_the_steps_do() {
    let unscheduled = {
        let mut plan = promotions_moving(true);
        plan.migrations[0].start_date.clear();
        plan
    };
    let both = ["Weekly promotion", "Roaster's newsletter"];
    // With three servers of its own, the workspace takes the new one.
    let three = with_room_for_a_server();
    let cases: Vec<AddedCase> = vec![
        (
            "a workspace with room for the new server",
            three,
            vec![("Promotions 2 (Newsletters)", "Newsletters", both.to_vec())],
        ),
        (
            "a one-day cutover",
            promotions_moving(true),
            vec![("Promotions 2 (Newsletters)", "Newsletters", both.to_vec())],
        ),
        (
            "a ramp",
            promotions_moving(false),
            vec![("Promotions 2 (Newsletters)", "Newsletters", both.to_vec())],
        ),
        // The type moves whole, so the server carries the journey the
        // migration leaves behind too.
        (
            "a move of part of a type",
            part_of_newsletters(&["weekly-promo"]),
            vec![("Promotions 2 (Newsletters)", "Newsletters", both.to_vec())],
        ),
        ("a migration not yet scheduled", unscheduled, vec![]),
        ("no migration", sample_plan(), vec![]),
    ];
    for (what, plan, expected) in cases {
        let text = sheet(&plan);
        let doc = parse(&text);
        let added = doc["migration_servers"].as_vec().unwrap();
        let names = |list: &Yaml| -> Vec<String> {
            (list.as_vec().unwrap().iter())
                .map(|j| j.as_str().unwrap().to_string())
                .collect()
        };
        // Past four servers, the old lane's server of the type is changed
        // in place, so it keeps its type; with room, the new one waits on
        // None until the type moves.
        let got: Vec<(String, String, Vec<String>)> = (added.iter())
            .map(|s| {
                let kind = match s["replaces"].as_str() {
                    Some(old) => {
                        assert_eq!(old, "Promotional (Newsletters)", "{what}");
                        assert!(s["then_email_type"].is_badvalue(), "{what}");
                        s["email_type"].as_str()
                    }
                    None => {
                        assert_eq!(s["email_type"].as_str(), Some("None"), "{what}");
                        s["then_email_type"].as_str()
                    }
                };
                (
                    s["name"].as_str().unwrap().to_string(),
                    kind.unwrap().to_string(),
                    names(&s["journeys"]),
                )
            })
            .collect();
        let want: Vec<(String, String, Vec<String>)> = (expected.iter())
            .map(|(n, t, j)| {
                let j = j.iter().map(|j| j.to_string()).collect();
                (n.to_string(), t.to_string(), j)
            })
            .collect();
        assert_eq!(got, want, "{what}\n{text}");
        if added.is_empty() {
            assert!(text.contains("\nmigration_servers: []\n"), "{what}\n{text}");
            continue;
        }
        // The server is entered as the Platform tab's steps enter it, and
        // switched by the same steps; its lane's header is listed.
        let server = &added[0];
        assert_eq!(server["lane"].as_str(), Some("promotional-2"), "{what}");
        assert_eq!(server["port"].as_i64(), Some(2587), "{what}");
        assert_eq!(
            server["host"].as_str(),
            Some("email-smtp.us-east-1.amazonaws.com"),
            "{what}"
        );
        assert_eq!(
            names(&server["steps"]),
            switch_steps(&plan, "promotional-2"),
            "{what}"
        );
        let headers = doc["lane_headers"].as_vec().unwrap();
        assert!(
            headers
                .iter()
                .any(|h| h["lane"].as_str() == Some("promotional-2")),
            "{what}\n{text}"
        );
        // Five servers with the sample's four: the sheet says to change
        // the old one in place.
        assert_eq!(
            text.contains("# With the migrations' servers there would be more than four"),
            !server["replaces"].is_badvalue(),
            "{what}\n{text}"
        );
    }
}

#[test]
fn hostile_names_stay_inside_their_strings() {
    let mut plan = sample_plan();
    let hostile = "Tx \"lane\" \\ # x: y\n- z: \u{85}\t'";
    plan.lanes[0].name = hostile.into();
    plan.brand.name = hostile.into();
    plan.journeys[0].name = hostile.into();
    plan.lanes[0].smtp.username = hostile.into();
    let doc = parse(&sheet(&plan));
    assert_eq!(doc["brand"].as_str(), Some(hostile));
    let server = &doc["servers"][0];
    assert_eq!(
        server["name"].as_str(),
        Some(format!("{hostile} (All Emails)").as_str())
    );
    assert_eq!(server["username"].as_str(), Some(hostile));
    assert_eq!(server["journeys"][0].as_str(), Some(hostile));
    assert_eq!(doc["servers"].as_vec().unwrap().len(), 4);
}

#[test]
fn odd_plans_give_a_sheet_that_parses() {
    let empty = Plan::empty("x");
    let doc = parse(&sheet(&empty));
    assert_eq!(doc["servers"].as_vec().unwrap().len(), 1);
    assert_eq!(
        doc["servers"][0]["host"].as_str(),
        Some("<SMTP host from Custom SMTP>")
    );
    assert_eq!(doc["all_emails_lane"].as_str(), Some("lane-1"));
    let mut no_lanes = empty.clone();
    no_lanes.lanes.clear();
    no_lanes.default_lane = None;
    let doc = parse(&sheet(&no_lanes));
    assert!(doc["servers"].as_vec().unwrap().is_empty());
    assert!(doc["all_emails_lane"].is_null());
}

#[test]
fn ses_ip_volume_weighs_the_quietest_day_of_scheduled_sends() {
    let mut plan = sample_plan();
    assert_eq!(plan.lanes[2].smtp.provider, Provider::AmazonSes);
    plan.lanes[2].ip_strategy = IpStrategy::Dedicated { count: 1 };
    let found = |plan: &Plan| {
        limits::lane_findings(plan, &route(plan), 2, Provider::AmazonSes)
            .into_iter()
            .find(|d| d.code == "platform.ses_ip_volume")
    };
    assert_eq!(found(&plan), None, "spread mail keeps one IP busy");
    let mut weekly = 0;
    for journey in &mut plan.journeys {
        if let Trigger::Scheduled {
            cadence, send_day, ..
        } = &mut journey.trigger
        {
            if *cadence != Cadence::Daily {
                *send_day = Some(Weekday::Tuesday);
                weekly += 1;
            }
        }
    }
    assert!(weekly > 0, "the sample has scheduled journeys");
    let finding = found(&plan).expect("the days between sends leave the IP idle");
    assert!(
        finding.message.ends_with("on its quietest days."),
        "{}",
        finding.message
    );
    assert!(finding
        .hint
        .contains("spread its scheduled sends over more days"));
}

#[test]
fn the_reverse_dns_note_names_one_ip_or_several() {
    let one = ["198.51.100.10"];
    let two = ["198.51.100.10", "198.51.100.11"];
    let cases: [(&[&str], &str); 3] = [
        (&[], "on its dedicated IPs before adding them to"),
        (&one, "on 198.51.100.10 before adding it to"),
        (
            &two,
            "on 198.51.100.10, 198.51.100.11 before adding them to",
        ),
    ];
    for (ips, words) in cases {
        let mut plan = sample_plan();
        plan.lanes[1].ip_addresses = ips.iter().map(|ip| ip.to_string()).collect();
        let notes = limits::notes(&plan, &route(&plan));
        let note = notes
            .iter()
            .find(|d| d.code == "platform.sendgrid_rdns")
            .expect("the SendGrid lane's note");
        assert!(note.message.contains(words), "{}", note.message);
    }
}

#[test]
fn a_switched_trigger_is_pinned_only_when_the_rules_would_move_it() {
    let mut plan = sample_plan();
    retrigger(&mut plan, "order-confirmation", event("Order Placed"));
    let fixed = |plan: &Plan| {
        let fix = customer_io::setup(plan, &route(plan)).fix.expect("a fix");
        apply_fix(plan, &fix.edits, "switch to the transactional API")
    };
    let lane_of = |plan: &Plan| {
        let routing = route(plan);
        let route = routing.route_of("order-confirmation").cloned().unwrap();
        (
            route.lane_id,
            plan.journeys[journey_at(plan, "order-confirmation")]
                .lane_override
                .clone(),
        )
    };
    // The rules catch receipts by intent, so they keep it where it is.
    let after = fixed(&plan);
    assert_eq!(lane_of(&after), (Some("transactional".to_string()), None));

    // A rule that catches it only while it starts on an event would let it
    // fall to the default lane, so it is pinned.
    let rule_id = match route(&plan)
        .route_of("order-confirmation")
        .unwrap()
        .reason
        .clone()
    {
        switchyard::plan::routing::Reason::Rule { rule_id, .. } => rule_id,
        other => panic!("{other:?}"),
    };
    let r = plan.rules.iter().position(|r| r.id == rule_id).unwrap();
    plan.rules[r].when.trigger_kinds = vec![TriggerKind::Event];
    plan.default_lane = Some("promotional".into());
    let after = fixed(&plan);
    assert_eq!(
        lane_of(&after),
        (
            Some("transactional".to_string()),
            Some("transactional".to_string())
        )
    );
}

/// A plan with a VIP lane and VIP offers of every trigger on it and on the
/// promotional lane, and one with a custom API-triggered broadcast.
fn vip_plans() -> Vec<(&'static str, Plan)> {
    let mut vip = sample_plan();
    add_lane(&mut vip, "vip", Purpose::Vip, Provider::Custom);
    let offer = |id: &str, trigger: Trigger, lane: &str, volume: u32| {
        let mut j = Journey::new(id, id);
        j.intent = Intent::VipOffer;
        j.trigger = trigger;
        j.daily_volume = volume;
        j.lane_override = Some(lane.into());
        j
    };
    let monthly = Trigger::Scheduled {
        cadence: Cadence::Monthly,
        send_day: None,
        send_date: None,
    };
    let segment = |name: &str| Trigger::SegmentEntry {
        segment: name.into(),
    };
    vip.journeys.extend([
        offer("vip-early", event("VIP Tier Reached"), "vip", 300),
        offer("vip-monthly", monthly, "vip", 500),
        offer("vip-flash", event("Flash Sale Opened"), "promotional", 400),
        offer("vip-lapsed", segment("Lapsed VIPs"), "vip", 100),
        offer("vip-birthday", segment("VIP birthdays"), "vip", 100),
        offer("vip-anniversary", segment("VIP anniversaries"), "vip", 100),
    ]);
    let mut custom = sample_plan();
    let mut blast = Journey::new("flash-blast", "Flash sale blast");
    blast.trigger = api_broadcast();
    blast.daily_volume = 100;
    custom.journeys.push(blast);
    vec![("VIP offers", vip), ("a custom broadcast", custom)]
}

#[test]
fn customer_io_fixes_keep_each_tier_of_mail_on_its_own_lanes() {
    let tier_of = |plan: &Plan, lane: &str| plan.lane(lane).map(|l| l.purpose);
    for (name, plan) in vip_plans() {
        let before: Vec<String> = lint(&plan, &route(&plan))
            .iter()
            .filter(|d| d.severity == Severity::Error && !d.code.starts_with("platform."))
            .map(|d| d.code.to_string())
            .collect();
        // The whole fix, and the small fixes one at a time.
        let whole = {
            let fix = customer_io::setup(&plan, &route(&plan)).fix.expect("a fix");
            apply_fix(&plan, &fix.edits, name)
        };
        let mut step = plan.clone();
        for round in 0.. {
            assert!(round < 20, "{name}: the fixes go round");
            let fix = cio_findings(&step)
                .into_iter()
                .filter(|d| d.code != "platform.cio_not_buildable")
                .find_map(|d| d.fix);
            let Some(fix) = fix else { break };
            step = apply_fix(&step, &fix.edits, name);
        }
        for fixed in [whole, step] {
            assert_eq!(cio_findings(&fixed), vec![], "{name}");
            let errors: Vec<String> = lint(&fixed, &route(&fixed))
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.code.to_string())
                .filter(|c| !before.contains(c))
                .collect();
            assert!(errors.is_empty(), "{name}: {errors:?}");
            let routing = route(&fixed);
            for j in &fixed.journeys {
                let lane = routing
                    .route_of(&j.id)
                    .and_then(|r| r.lane_id.clone())
                    .unwrap();
                let purpose = tier_of(&fixed, &lane);
                if j.intent.is_promotional() {
                    assert!(
                        matches!(purpose, Some(Purpose::Promotional | Purpose::Vip)),
                        "{name}: {} on {lane}",
                        j.id
                    );
                }
                if !j.intent.is_transactional() {
                    assert_ne!(
                        purpose,
                        Some(Purpose::Transactional),
                        "{name}: {} on {lane}",
                        j.id
                    );
                }
            }
        }
    }
}

/// Applies the first fix of the first finding offering one, errors first,
/// until none is offered or a plan comes back; returns the codes fixed
/// and whether a plan came back.
fn fix_until_settled(mut plan: Plan, rounds: usize) -> (Vec<String>, bool) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
    let mut seen = vec![serde_json::to_string(&plan).unwrap()];
    let mut fixed = Vec::new();
    for _ in 0..rounds {
        let all = switchyard::review::findings::findings(&plan, today, None).all;
        let Some(finding) = (all.iter())
            .filter(|d| d.code.starts_with("lint.") || d.code.starts_with("platform."))
            .find(|d| d.fix.is_some())
        else {
            return (fixed, false);
        };
        fixed.push(finding.code.to_string());
        let edits = finding.fix.clone().unwrap().edits;
        switchyard::plan::edit::edit_plan(&mut plan, Edit::Many(edits));
        let now = serde_json::to_string(&plan).unwrap();
        if seen.contains(&now) {
            return (fixed, true);
        }
        seen.push(now);
    }
    (fixed, false)
}

#[test]
fn the_fixes_of_a_catch_all_rule_settle_instead_of_undoing_each_other() {
    // A rule with no conditions above every other sends all to promotions.
    let mut plan = sample_plan();
    plan.rules.insert(
        0,
        Rule {
            id: "everything".into(),
            name: "Everything".into(),
            enabled: true,
            when: Conditions::default(),
            lane: "promotional".into(),
        },
    );
    let (fixed, cycled) = fix_until_settled(plan, 30);
    assert!(!cycled, "{fixed:?}");
    // A newsletter tagged VIP and routed to the revenue lane, tied with the
    // promotional lane's: Customer.io's type goes to the promotional lane.
    let mut plan = sample_plan();
    let weekly = (plan.journeys.iter_mut())
        .find(|j| j.intent == Intent::PromotionalBroadcast)
        .unwrap();
    weekly.tags = vec!["VIP".into()];
    plan.rules.insert(
        0,
        Rule {
            id: "vip".into(),
            name: "VIP".into(),
            enabled: true,
            when: Conditions {
                tags: vec!["vip".into()],
                ..Conditions::default()
            },
            lane: "revenue-flows".into(),
        },
    );
    let routing = route(&plan);
    let found = customer_io::findings(&plan, &routing);
    let split = found
        .iter()
        .find(|d| d.message.contains("Newsletters mail"));
    let split = split.expect("the newsletters are split");
    assert!(
        split
            .message
            .contains("goes through Promotional, the lane its journeys' kind of mail belongs on"),
        "{}",
        split.message
    );
    let (fixed, cycled) = fix_until_settled(plan, 30);
    assert!(!cycled, "{fixed:?}");
}

/// With All Emails on a marketing lane, the nearest plan makes the
/// receipts' lane All Emails, as the All Emails finding advises, instead
/// of moving receipts onto the marketing lane for a lint to move back.
#[test]
fn the_nearest_plan_takes_the_cheaper_all_emails_lane() {
    let mut plan = sample_plan();
    plan.platform.all_emails_lane = Some("revenue-flows".into());
    let routing = route(&plan);
    let found = customer_io::findings(&plan, &routing);
    let nearest = (found.iter())
        .find(|d| d.code == "platform.cio_not_buildable")
        .expect("the plan is not buildable");
    let fix = nearest.fix.clone().unwrap();
    assert_eq!(
        fix.edits.first(),
        Some(&Edit::SetAllEmailsLane(Some("transactional".into())))
    );
    assert!(
        nearest.hint.contains("Transactional keeps All Emails"),
        "{}",
        nearest.hint
    );
    let mut fixed = plan.clone();
    switchyard::plan::edit::edit_plan(&mut fixed, Edit::Many(fix.edits));
    assert_eq!(
        fixed.platform.all_emails_lane.as_deref(),
        Some("transactional")
    );
    assert_eq!(fixed.journeys, plan.journeys, "no receipt is moved");
    let (codes, cycled) = fix_until_settled(plan, 30);
    assert!(!cycled, "{codes:?}");
    assert!(codes.len() <= 2, "{codes:?}");
}

#[test]
fn receipts_bring_all_emails_to_their_lane_rather_than_move_onto_marketing() {
    let mut plan = sample_plan();
    plan.platform.all_emails_lane = Some("promotional".into());
    let found = cio_findings(&plan);
    let receipt = (found.iter())
        .find(|d| {
            d.path
                == format!(
                    "$.journeys[{}].lane_override",
                    journey_at(&plan, "order-confirmation")
                )
        })
        .expect("the receipt's finding");
    let fix = receipt.fix.clone().expect("a fix");
    assert_eq!(fix.label, "Make Transactional the All Emails lane");
    let fixed = apply_fix(&plan, &fix.edits, "All Emails to the receipts' lane");
    assert_eq!(
        fixed.platform.all_emails_lane.as_deref(),
        Some("transactional")
    );
    assert!(
        !cio_findings(&fixed)
            .iter()
            .any(|d| d.severity == Severity::Error),
        "{:?}",
        cio_findings(&fixed)
    );
    let setup = customer_io::setup(&plan, &route(&plan));
    let conflict = (setup.conflicts.iter())
        .find(|c| c.journey == "order-confirmation")
        .unwrap();
    assert!(customer_io::all_emails_instead(&plan, conflict));
}

/// The SendGrid step names the selector the DNS records are under:
/// SendGrid's own for `s1` or one it cannot take, else the lane's.
#[test]
fn the_sendgrid_step_names_the_selector_the_records_use() {
    for (selector, words) in [
        ("s1", "and SendGrid's own DKIM selectors."),
        ("s2", "and SendGrid's own DKIM selectors."),
        ("fl1", "and the custom DKIM selector “fl1”."),
    ] {
        let mut plan = sample_plan();
        plan.lanes[1].dkim_selector = selector.into();
        let sendgrid = status(&plan, &route(&plan))
            .into_iter()
            .find(|s| s.label == "SendGrid")
            .unwrap();
        let row = sendgrid
            .lanes
            .iter()
            .find(|r| r.lane == "revenue-flows")
            .unwrap();
        let step = (row.steps.iter())
            .find(|s| s.starts_with("Authenticate "))
            .unwrap();
        assert!(step.ends_with(words), "{selector}: {step}");
    }
}

/// A lane on Customer.io's own delivery beside custom servers is given a
/// server of its own by the fix, and its step says so, as the count of
/// servers to add does.
#[test]
fn an_own_delivery_lane_beside_custom_servers_is_added_once_fixed() {
    let mut plan = sample_plan();
    plan.platform.kind = Platform::CustomerIo;
    plan.lanes[2].smtp = Smtp::from_preset(Provider::CustomerIo);
    let cio = status(&plan, &route(&plan))
        .into_iter()
        .find(|s| s.label == "Customer.io")
        .unwrap();
    let row = cio.lanes.iter().find(|r| r.lane == "promotional").unwrap();
    let step = row.steps.join(" ");
    assert!(
        step.starts_with("Add server ")
            && step.contains("once the plan's Customer.io fix moves the lane to "),
        "{step}"
    );
    assert!(!step.contains("no SMTP server to add"), "{step}");
    // Alone, own delivery needs no server.
    for lane in &mut plan.lanes {
        lane.smtp = Smtp::from_preset(Provider::CustomerIo);
    }
    let cio = status(&plan, &route(&plan))
        .into_iter()
        .find(|s| s.label == "Customer.io")
        .unwrap();
    let row = cio.lanes.iter().find(|r| r.lane == "promotional").unwrap();
    assert!(
        row.steps.iter().all(|s| !s.starts_with("Add server")),
        "{:?}",
        row.steps
    );
}

/// Journeys with no lane go to no server: the servers' summary says so,
/// rather than that every journey can go to its planned lane.
#[test]
fn the_servers_summary_names_journeys_without_a_lane() {
    let mut plan = sample_plan();
    plan.lanes.retain(|l| l.id != "revenue-flows");
    let routing = route(&plan);
    let unrouted = routing
        .routes
        .iter()
        .filter(|r| r.lane_id.is_none())
        .count();
    assert!(unrouted > 0);
    let verdict = switchyard::platform::customer_io::setup(&plan, &routing).verdict();
    assert!(!verdict.starts_with("Every journey can go"), "{verdict}");
    assert!(
        verdict.contains(&format!("but {unrouted} journeys have no lane yet")),
        "{verdict}"
    );
    let whole = sample_plan();
    let verdict = switchyard::platform::customer_io::setup(&whole, &route(&whole)).verdict();
    assert_eq!(
        verdict,
        "Every journey can go to its planned lane on Customer.io."
    );
}

#[test]
fn dedicated_ips_on_postmark_are_fixed_by_planning_shared_ones() {
    let mut plan = sample_plan();
    plan.lanes[0].ip_strategy = IpStrategy::Dedicated { count: 2 };
    let found = limits::findings(&plan, &route(&plan));
    let finding = (found.iter())
        .find(|d| d.code == "platform.postmark_dedicated_ips")
        .expect("a finding on the Postmark lane");
    let fix = finding.fix.as_ref().expect("a fix");
    assert_eq!(fix.label, "Plan Transactional on shared IPs");
    let fixed = apply_fix(&plan, &fix.edits, "shared IPs");
    assert_eq!(fixed.lanes[0].ip_strategy, IpStrategy::Shared);
    let after = limits::findings(&fixed, &route(&fixed));
    assert!(!after.iter().any(|d| d.code == finding.code), "{after:#?}");
    // The lane's own Postmark column says why, in the finding's words.
    let columns = status(&plan, &route(&plan));
    let postmark = columns
        .iter()
        .find(|c| c.vendor == Vendor::Postmark)
        .unwrap();
    assert_eq!(
        postmark.lanes[0].fit,
        LaneFit::NeedsChange(vec![finding.message.clone()])
    );
}

#[test]
fn a_fix_that_triggers_a_journey_anew_names_it_only_with_words_the_plan_has() {
    use switchyard::plan::edit::JourneyField;
    // (event name, journey name, the transactional message the fix names)
    let cases = [
        ("Order Placed", "Order confirmation", Some("Order Placed")),
        ("", "Order confirmation", Some("Order confirmation")),
        ("", " ", None),
    ];
    for (event_name, name, named) in cases {
        let mut plan = sample_plan();
        retrigger(&mut plan, "order-confirmation", event(event_name));
        let at = journey_at(&plan, "order-confirmation");
        plan.journeys[at].name = name.into();
        let fix = customer_io::setup(&plan, &route(&plan)).fix.expect("a fix");
        let given: Vec<&String> = (fix.edits.iter())
            .flat_map(|e| match e {
                Edit::Many(edits) => edits.iter().collect::<Vec<_>>(),
                e => vec![e],
            })
            .filter_map(|e| match e {
                Edit::Journey {
                    journey,
                    set: JourneyField::TransactionalMessage(message),
                } if journey == "order-confirmation" => Some(message),
                _ => None,
            })
            .collect();
        let expected: Vec<String> = named.map(str::to_string).into_iter().collect();
        assert_eq!(
            given,
            expected.iter().collect::<Vec<_>>(),
            "{event_name:?} {name:?}"
        );
    }
}

#[test]
fn the_server_lanes_are_the_setups_without_its_fix() {
    for case in cases() {
        let routing = route(&case.plan);
        let setup = customer_io::setup(&case.plan, &routing);
        let lanes: Vec<String> = setup.servers.iter().map(|s| s.lane.clone()).collect();
        assert_eq!(
            customer_io::server_lanes(&case.plan, &routing),
            lanes,
            "{}",
            case.name
        );
    }
}
