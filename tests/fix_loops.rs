//! Fixes taken in rounds settle: every finding's fix applied, the findings
//! found again, until none offers a fix; no fix brings back a finding that
//! an earlier fix cleared. Findings are told apart by code and JSON path.

use switchyard::plan::diagnostic::{Diagnostic, Severity};
use switchyard::plan::edit::{edit_plan, Edit};
use switchyard::plan::model::*;
use switchyard::plan::routing::route;
use switchyard::plan::sample::{sample_plan, scale_plan};
use switchyard::plan::validate::validate;
use switchyard::platform::customer_io;
use switchyard::review::lint::lint;

/// Every finding about the plan: validation, routing and lint.
fn all_findings(plan: &Plan) -> Vec<Diagnostic> {
    let routing = route(plan);
    let mut all = validate(plan);
    all.extend(routing.diagnostics.iter().cloned());
    all.extend(lint(plan, &routing));
    all
}

type Key = (String, String);

fn key(d: &Diagnostic) -> Key {
    (d.code.to_string(), d.path.clone())
}

/// Applies every finding's fix in order, round after round, until no
/// finding offers one; returns the settled plan and each round's findings.
/// Fails when a finding goes and comes back, when a plan comes back, or
/// when the plan has not settled after `rounds`.
fn settle(mut plan: Plan, rounds: u32) -> (Plan, Vec<Vec<Key>>) {
    let mut history: Vec<Vec<Key>> = Vec::new();
    let mut plans = vec![serde_json::to_string(&plan).unwrap()];
    for _ in 0..rounds {
        let found = all_findings(&plan);
        let keys: Vec<Key> = found.iter().map(key).collect();
        let back: Vec<&Key> = keys.iter().filter(|k| came_back(&history, k)).collect();
        assert!(back.is_empty(), "gone and back: {back:?} after {history:?}");
        history.push(keys);
        let fixes: Vec<Vec<Edit>> = found
            .iter()
            .filter_map(|d| Some(d.fix.clone()?.edits))
            .collect();
        if fixes.is_empty() {
            return (plan, history);
        }
        for edits in fixes {
            edit_plan(&mut plan, Edit::Many(edits));
        }
        let now = serde_json::to_string(&plan).unwrap();
        assert!(!plans.contains(&now), "a plan came back after {history:?}");
        plans.push(now);
    }
    panic!("not settled after {rounds} rounds: {history:?}");
}

/// Whether `key` was found in some round and missing in a later one.
fn came_back(history: &[Vec<Key>], key: &Key) -> bool {
    let Some(first) = history.iter().position(|round| round.contains(key)) else {
        return false;
    };
    history[first..].iter().any(|round| !round.contains(key))
}

/// The codes found at `path`.
fn at(history: &[Vec<Key>], path: &str) -> Vec<String> {
    (history.iter().flatten())
        .filter(|(_, p)| p == path)
        .map(|(c, _)| c.clone())
        .collect()
}

fn smtp_of(plan: &Plan, lane: &str) -> (u16, Security) {
    let smtp = &plan.lane(lane).unwrap().smtp;
    (smtp.port, smtp.security)
}

/// The fix of the finding with this code and path, applied alone.
fn fixed_by(plan: &Plan, code: &str, path: &str) -> Plan {
    let found = all_findings(plan);
    let finding = (found.iter())
        .find(|d| d.code == code && d.path == path)
        .unwrap_or_else(|| {
            panic!(
                "{code} at {path} in {:?}",
                found.iter().map(key).collect::<Vec<_>>()
            )
        });
    let mut after = plan.clone();
    edit_plan(&mut after, Edit::Many(finding.fix.clone().unwrap().edits));
    after
}

#[test]
fn a_refused_port_and_its_security_are_fixed_to_one_port_with_starttls() {
    // Customer.io refuses 25, 465 and 587; its guide asks for 2525, which
    // SendGrid serves with STARTTLS (SES on 2587).
    for (lane, port, security, want) in [
        ("revenue-flows", 465, Security::Starttls, 2525),
        ("revenue-flows", 587, Security::ImplicitTls, 2525),
        ("revenue-flows", 465, Security::ImplicitTls, 2525),
        ("promotional", 465, Security::Starttls, 2587),
    ] {
        let mut plan = sample_plan();
        let index = plan.lanes.iter().position(|l| l.id == lane).unwrap();
        plan.lanes[index].smtp.port = port;
        plan.lanes[index].smtp.security = security;
        let what = format!("{lane} on {port} with {security:?}");
        let end = (want, Security::Starttls);
        // Each finding's fix alone ends where the other's does.
        let port_at = format!("$.lanes[{index}].smtp.port");
        let security_at = format!("$.lanes[{index}].smtp.security");
        let by_port = fixed_by(&plan, "platform.cio_port", &port_at);
        assert_eq!(smtp_of(&by_port, lane), end, "{what}: the port's fix");
        if security == Security::Starttls && port == 465 || port == 587 {
            let by_security = fixed_by(&plan, "smtp.security_mismatch", &security_at);
            assert_eq!(
                smtp_of(&by_security, lane),
                end,
                "{what}: the security's fix"
            );
        }
        let (settled, history) = settle(plan, 6);
        assert_eq!(smtp_of(&settled, lane), end, "{what}");
        assert!(
            at(&history, &port_at).contains(&"platform.cio_port".to_string()),
            "{what}"
        );
        assert!(
            all_findings(&settled)
                .iter()
                .all(|d| !d.path.starts_with(&format!("$.lanes[{index}].smtp"))),
            "{what}"
        );
        assert_eq!(history.len(), 2, "{what}: one round of fixes: {history:?}");
    }
}

#[test]
fn a_mismatched_port_off_customer_io_keeps_its_port() {
    let mut plan = sample_plan();
    plan.platform.kind = Platform::OwnCode;
    plan.lanes[1].smtp.port = 465;
    let after = fixed_by(&plan, "smtp.security_mismatch", "$.lanes[1].smtp.security");
    assert_eq!(
        smtp_of(&after, "revenue-flows"),
        (465, Security::ImplicitTls)
    );
}

fn rule(id: &str, when: Conditions, lane: &str) -> Rule {
    Rule {
        id: id.into(),
        name: id.into(),
        enabled: true,
        when,
        lane: lane.into(),
    }
}

fn revenue(min: f64, max: f64) -> Conditions {
    Conditions {
        min_revenue_per_recipient: Some(min),
        max_revenue_per_recipient: Some(max),
        ..Conditions::default()
    }
}

/// Plans with a rule that can never match, and where its finding is.
fn never_matching() -> Vec<(&'static str, Plan, String)> {
    let impossible = |min: f64, max: f64| {
        let mut plan = sample_plan();
        plan.rules
            .insert(0, rule("bounds", revenue(min, max), "promotional"));
        plan
    };
    let shadowed = {
        let mut plan = sample_plan();
        let when = Conditions {
            intents: vec![Intent::PromotionalBroadcast],
            trigger_kinds: vec![TriggerKind::Scheduled],
            ..Conditions::default()
        };
        plan.rules.push(rule("newsletters", when, "revenue-flows"));
        plan
    };
    vec![
        (
            "bounds catching flows",
            impossible(1.0, 0.5),
            "$.rules[0].when.min_revenue_per_recipient".into(),
        ),
        (
            "bounds catching receipts",
            impossible(0.5, 0.0),
            "$.rules[0].when.min_revenue_per_recipient".into(),
        ),
        (
            "a rule below a broader one",
            shadowed,
            "$.rules[4].when".into(),
        ),
    ]
}

#[test]
fn a_rule_that_can_never_match_is_fixed_without_a_plan_customer_io_cannot_build() {
    for (what, plan, path) in never_matching() {
        let found = all_findings(&plan);
        let finding = (found.iter())
            .find(|d| d.path == path && d.code.starts_with("routing.rule_"))
            .unwrap_or_else(|| panic!("{what}"));
        let after = fixed_by(&plan, &finding.code, &path);
        let errors = |p: &Plan| {
            (all_findings(p).into_iter())
                .filter(|d| d.severity == Severity::Error)
                .map(|d| key(&d))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            errors(&after),
            errors(&plan),
            "{what}: the fix adds no errors"
        );
        let cio = customer_io::findings(&after, &route(&after));
        assert!(
            cio.is_empty(),
            "{what}: {:?}",
            cio.iter().map(key).collect::<Vec<_>>()
        );
        let (settled, history) = settle(plan, 6);
        assert!(
            !all_findings(&settled).iter().any(|d| d.path == path),
            "{what}"
        );
        assert_eq!(history.len(), 2, "{what}: one round of fixes: {history:?}");
    }
}

/// The sample with a rule that sends everything to `lane` inserted at
/// `at`, so that none of the sample's rules below it routes a journey.
fn under_a_catch_all_at(at: usize, lane: &str) -> Plan {
    let mut plan = sample_plan();
    let everything = rule("everything", Conditions::default(), lane);
    plan.rules.insert(at, everything);
    plan
}

fn under_a_catch_all() -> Plan {
    under_a_catch_all_at(0, "promotional")
}

/// The rule ids in order.
fn rule_ids(plan: &Plan) -> Vec<String> {
    plan.rules.iter().map(|r| r.id.clone()).collect()
}

#[test]
fn a_catch_all_above_the_rules_moves_below_them_instead_of_deleting_them() {
    let sample = sample_plan();
    let mut kept = rule_ids(&sample);
    kept.push("everything".into());
    let lanes = |p: &Plan| {
        (route(p).routes.into_iter())
            .map(|r| r.lane_id)
            .collect::<Vec<_>>()
    };
    // (what, the plan, the fix's label, how many rules it shadows)
    let cases = [
        (
            "above every rule",
            under_a_catch_all(),
            "Move rule 1 “everything” to the end of the list",
            4,
        ),
        // Customer.io sends the newsletters through the revenue lane, and
        // moving the broadcasts' rule up would split them, which deleted
        // it before.
        (
            "above the broadcasts' rule",
            under_a_catch_all_at(3, "revenue-flows"),
            "Move rule 4 “everything” to the end of the list",
            1,
        ),
    ];
    for (what, plan, label, shadows) in cases {
        for platform in [Platform::CustomerIo, Platform::OwnCode] {
            let mut plan = plan.clone();
            plan.platform.kind = platform;
            let found = all_findings(&plan);
            let shadowed: Vec<&Diagnostic> = (found.iter())
                .filter(|d| d.code == "routing.rule_shadowed")
                .collect();
            assert_eq!(shadowed.len(), shadows, "{what}, {platform:?}");
            for finding in shadowed {
                let what = format!("{what}, {platform:?}: {}", finding.path);
                assert_eq!(finding.fix.as_ref().unwrap().label, label, "{what}");
                let after = fixed_by(&plan, &finding.code, &finding.path);
                // Every rule is kept, the catch-all last, and each journey
                // goes where the sample's own rules send it.
                assert_eq!(rule_ids(&after), kept, "{what}");
                assert_eq!(lanes(&after), lanes(&sample), "{what}");
                let left: Vec<Key> = (all_findings(&after).iter())
                    .filter(|d| d.code.starts_with("routing.rule_"))
                    .map(key)
                    .collect();
                assert!(left.is_empty(), "{what}: {left:?}");
                let cio = customer_io::findings(&after, &route(&after));
                let cio: Vec<Key> = cio.iter().map(key).collect();
                assert!(cio.is_empty(), "{what}: {cio:?}");
            }
            let (settled, _) = settle(plan, 6);
            assert_eq!(rule_ids(&settled), kept, "{what}, {platform:?}");
        }
    }
}

#[test]
fn a_catch_all_whose_move_customer_io_cannot_build_leaves_its_rules_to_the_old_fix() {
    // Cart recovery would go to the receipts' lane and the rest of its
    // event-triggered type to the revenue lane: a type on two lanes, where
    // the catch-all keeps every type on one.
    let mut plan = under_a_catch_all();
    plan.rules[2].lane = "transactional".into();
    let found = all_findings(&plan);
    let labels: Vec<String> = (found.iter())
        .filter(|d| d.code == "routing.rule_shadowed")
        .filter_map(|d| Some(d.fix.clone()?.label))
        .collect();
    assert_eq!(labels.len(), 4, "{labels:?}");
    assert!(
        labels.iter().all(|l| !l.starts_with("Move rule 1")),
        "{labels:?}"
    );
    // Off Customer.io any order can be built.
    plan.platform.kind = Platform::OwnCode;
    let found = all_findings(&plan);
    let finding = (found.iter())
        .find(|d| d.code == "routing.rule_shadowed")
        .unwrap();
    assert_eq!(
        finding.fix.as_ref().unwrap().label,
        "Move rule 1 “everything” to the end of the list"
    );
}

#[test]
fn a_rule_that_can_never_match_off_customer_io_keeps_its_own_fix() {
    for (what, mut plan, path) in never_matching() {
        plan.platform.kind = Platform::OwnCode;
        let found = all_findings(&plan);
        let fix = (found.iter())
            .find(|d| d.path == path)
            .and_then(|d| d.fix.clone())
            .unwrap();
        assert!(!fix.label.starts_with("Delete"), "{what}: {}", fix.label);
    }
}

#[test]
fn the_nearest_plan_changes_the_fewest_triggers() {
    // Four types want servers on three lanes: retriggering the one
    // API-triggered newsletter frees a server, where sending the
    // segment-triggered type back to All Emails rewrites two flows.
    let mut plan = sample_plan();
    let i = plan
        .journeys
        .iter()
        .position(|j| j.id == "newsletter")
        .unwrap();
    plan.journeys[i].trigger = Trigger::ApiBroadcast {
        broadcast: "restock".into(),
    };
    let setup = customer_io::setup(&plan, &route(&plan));
    let fix = setup.fix.expect("a fix");
    let retriggered: Vec<&str> = (fix.edits.iter())
        .filter_map(|e| match e {
            Edit::Journey {
                journey,
                set: switchyard::plan::edit::JourneyField::TriggerKind(_),
            } => Some(journey.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(retriggered, ["newsletter"]);
    let mut fixed = plan.clone();
    edit_plan(&mut fixed, Edit::Many(fix.edits));
    assert!(customer_io::findings(&fixed, &route(&fixed)).is_empty());
    let (_, history) = settle(plan, 6);
    assert_eq!(history.len(), 2, "{history:?}");
}

/// The sample with a rule, above the others, that sends welcome mail to
/// the promotional lane: event-triggered mail, which Customer.io sends
/// through the revenue lane with the rest of its type.
fn welcome_to_promotions() -> Plan {
    let mut plan = sample_plan();
    let when = Conditions {
        intents: vec![Intent::Welcome],
        ..Conditions::default()
    };
    plan.rules.insert(0, rule("welcome", when, "promotional"));
    plan
}

#[test]
fn a_rule_whose_journeys_all_move_is_sent_whole() {
    let plan = welcome_to_promotions();
    let found = customer_io::findings(&plan, &route(&plan));
    let send = Edit::Rule {
        rule: "welcome".into(),
        set: switchyard::plan::edit::RuleField::Lane("revenue-flows".into()),
    };
    assert!(!found.is_empty());
    for finding in &found {
        let fix = finding.fix.clone().unwrap();
        assert_eq!(fix.edits, std::slice::from_ref(&send), "{}", finding.code);
    }
    let split = (found.iter())
        .find(|d| d.code == "platform.cio_type_split")
        .unwrap();
    assert_eq!(
        split.fix.as_ref().unwrap().label,
        "Send rule “welcome” to Revenue flows"
    );
    let (settled, history) = settle(plan.clone(), 6);
    assert_eq!(history.len(), 2, "{history:?}");
    assert_eq!(settled.journeys, plan.journeys, "no journey is pinned");
    assert_eq!(settled.rules[0].lane, "revenue-flows");
}

#[test]
fn a_rule_with_journeys_that_move_apart_leaves_the_rule_alone() {
    // The rule also catches the weekly promotion, which stays.
    let mut plan = welcome_to_promotions();
    plan.rules[0]
        .when
        .intents
        .push(Intent::PromotionalBroadcast);
    let found = customer_io::findings(&plan, &route(&plan));
    for finding in &found {
        let fix = finding.fix.clone().unwrap();
        assert!(
            fix.edits.iter().all(|e| !matches!(e, Edit::Rule { .. })),
            "{}",
            finding.code
        );
    }
    settle(plan, 6);
}

#[test]
fn at_scale_the_nearest_plan_moves_rules_and_pins_no_journey() {
    let plan = scale_plan();
    let overrides = |p: &Plan| {
        p.journeys
            .iter()
            .filter(|j| j.lane_override.is_some())
            .count()
    };
    let fix = customer_io::setup(&plan, &route(&plan)).fix.expect("a fix");
    let mut fixed = plan.clone();
    edit_plan(&mut fixed, Edit::Many(fix.edits));
    assert!(customer_io::findings(&fixed, &route(&fixed)).is_empty());
    assert_eq!(overrides(&fixed), overrides(&plan));
    let (settled, _) = settle(plan.clone(), 8);
    assert_eq!(overrides(&settled), overrides(&plan));
    let left: Vec<Key> = all_findings(&settled)
        .iter()
        .filter(|d| d.fix.is_some())
        .map(key)
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// The sample with cart and checkout recovery pinned to a second revenue
/// lane, so the recovery rule routes nothing.
fn recovery_pinned_away() -> Plan {
    let mut plan = sample_plan();
    let mut lane = plan.lanes[1].clone();
    lane.id = "revenue-2".into();
    lane.name = "Revenue 2".into();
    plan.lanes.push(lane);
    for j in plan.journeys.iter_mut() {
        if j.intent.is_recovery() {
            j.lane_override = Some("revenue-2".into());
        }
    }
    plan
}

#[test]
fn rules_that_overrides_leave_without_journeys_are_noted_and_deleted() {
    for platform in [Platform::OwnCode, Platform::CustomerIo] {
        let mut plan = recovery_pinned_away();
        plan.platform.kind = platform;
        let found = all_findings(&plan);
        let note = (found.iter())
            .find(|d| d.code == "lint.rules_overridden")
            .unwrap_or_else(|| {
                panic!(
                    "{platform:?}: {:?}",
                    found.iter().map(key).collect::<Vec<_>>()
                )
            });
        assert_eq!(note.severity, Severity::Info);
        assert_eq!(note.path, "$.rules[1]");
        let fix = note.fix.clone().unwrap();
        assert_eq!(fix.edits, [Edit::DeleteRule("rule-recovery".into())]);
        let mut after = plan.clone();
        edit_plan(&mut after, Edit::Many(fix.edits));
        let lanes = |p: &Plan| {
            (route(p).routes.into_iter())
                .map(|r| r.lane_id)
                .collect::<Vec<_>>()
        };
        assert_eq!(lanes(&after), lanes(&plan), "no journey moves");
        let (settled, _) = settle(plan, 8);
        assert!(!all_findings(&settled)
            .iter()
            .any(|d| d.code == "lint.rules_overridden"));
    }
}

#[test]
fn a_rule_whose_journeys_are_pinned_to_its_own_lane_is_not_noted() {
    let mut plan = sample_plan();
    for j in plan.journeys.iter_mut() {
        if j.intent.is_recovery() {
            j.lane_override = Some("revenue-flows".into());
        }
    }
    assert!(!all_findings(&plan)
        .iter()
        .any(|d| d.code == "lint.rules_overridden"));
}

fn lane_edit(lane: &str, set: switchyard::plan::edit::LaneField) -> Edit {
    Edit::Lane {
        lane: lane.into(),
        set,
    }
}

/// A new plan set up as a user would: a transactional lane on SendGrid, a
/// promotional lane on Amazon SES, and four journeys, none routed yet.
fn two_lanes() -> Plan {
    use switchyard::plan::edit::{JourneyField as J, LaneField as L};
    let mut plan = Plan::empty("brewhaus");
    for edit in [
        Edit::SetBrandName("Brewhaus".into()),
        Edit::SetPrimaryDomain("brewhaus.com".into()),
        lane_edit("lane-1", L::Name("Receipts".into())),
        lane_edit("lane-1", L::Purpose(Purpose::Transactional)),
        lane_edit("lane-1", L::Provider(Provider::SendGrid)),
        Edit::AddLane(Purpose::Promotional),
        lane_edit("promotional", L::Name("Promotional".into())),
        lane_edit("promotional", L::Provider(Provider::AmazonSes)),
    ] {
        edit_plan(&mut plan, edit);
    }
    for (name, intent, volume, revenue) in [
        ("Order confirmation", Intent::OrderConfirmation, 800, 0.0),
        ("Shipping updates", Intent::ShippingUpdate, 700, 0.0),
        ("Cart recovery", Intent::CartAbandonment, 300, 4.5),
        ("Weekly promo", Intent::PromotionalBroadcast, 4_000, 0.3),
    ] {
        edit_plan(&mut plan, Edit::AddJourney);
        let id = plan.journeys.last().unwrap().id.clone();
        for set in [
            J::Name(name.into()),
            J::Intent(intent),
            J::DailyVolume(volume),
            J::RevenuePerRecipient(revenue),
        ] {
            let journey = id.clone();
            edit_plan(&mut plan, Edit::Journey { journey, set });
        }
    }
    plan
}

fn with_rule(mut plan: Plan, id: &str, intents: &[Intent], lane: &str) -> Plan {
    let when = Conditions {
        intents: intents.to_vec(),
        ..Conditions::default()
    };
    plan.rules.push(rule(id, when, lane));
    plan
}

/// The two-lane plan with rules for receipts and promotions, as a user
/// might write them, so cart recovery falls through.
fn two_lanes_ruled() -> Plan {
    let plan = two_lanes();
    let receipts = [Intent::OrderConfirmation, Intent::ShippingUpdate];
    let plan = with_rule(plan, "receipts", &receipts, "lane-1");
    with_rule(
        plan,
        "promos",
        &[Intent::PromotionalBroadcast],
        "promotional",
    )
}

/// The lane each journey of the plan ends on.
fn lane_of(plan: &Plan, journey: &str) -> Option<String> {
    route(plan).route_of(journey)?.lane_id.clone()
}

#[test]
fn no_fix_sends_cart_recovery_where_another_finding_objects() {
    let cart = "journey-3";
    let pinned = {
        let mut plan = two_lanes_ruled();
        plan.journeys[2].lane_override = Some("promotional".into());
        plan
    };
    let cases = [
        ("no rules yet", two_lanes(), "routing.no_rules", "$.rules"),
        (
            "cart recovery falls through",
            two_lanes_ruled(),
            "routing.falls_through",
            "$.journeys[2]",
        ),
        (
            "cart recovery on receipts' lane by default",
            two_lanes_ruled(),
            "lint.marketing_on_transactional",
            "$.lanes[0]",
        ),
        (
            "a rule sends cart recovery to receipts' lane",
            with_rule(
                two_lanes_ruled(),
                "cart",
                &[Intent::CartAbandonment],
                "lane-1",
            ),
            "lint.marketing_on_transactional",
            "$.lanes[0]",
        ),
        (
            "cart recovery pinned beside promotions",
            pinned,
            "lint.promos_with_recovery",
            "$.lanes[1]",
        ),
    ];
    let objections = [
        "lint.promos_with_recovery",
        "lint.marketing_on_transactional",
        "lint.rules_overridden",
        "routing.falls_through",
    ];
    for (what, plan, code, path) in cases {
        let after = fixed_by(&plan, code, path);
        let lane = lane_of(&after, cart).unwrap();
        let purpose = after.lane(&lane).map(|l| l.purpose);
        assert_eq!(purpose, Some(Purpose::RevenueFlows), "{what}");
        assert_eq!(after.lanes.len(), 3, "{what}: one lane added");
        let left: Vec<Key> = (all_findings(&after).iter())
            .filter(|d| objections.contains(&&*d.code))
            .map(key)
            .collect();
        assert!(left.is_empty(), "{what}: {left:?}");
    }
    // A rule that routes only cart recovery is sent to the new lane whole.
    let plan = with_rule(
        two_lanes_ruled(),
        "cart",
        &[Intent::CartAbandonment],
        "lane-1",
    );
    let after = fixed_by(&plan, "lint.marketing_on_transactional", "$.lanes[0]");
    assert_eq!(after.rules[2].lane, "revenue-flows");
    assert!(after.journeys.iter().all(|j| j.lane_override.is_none()));
}

#[test]
fn a_two_lane_plan_settles_with_recovery_on_a_lane_of_its_own() {
    for (what, plan) in [("no rules", two_lanes()), ("rules", two_lanes_ruled())] {
        let (settled, _) = settle(plan, 10);
        let found = all_findings(&settled);
        let stuck: Vec<Key> = (found.iter())
            .filter(|d| d.severity == Severity::Error && d.fix.is_none())
            .map(key)
            .collect();
        assert!(stuck.is_empty(), "{what}: {stuck:?}");
        assert_eq!(settled.lanes.len(), 3, "{what}: {:?}", settled.lanes);
        let lane = lane_of(&settled, "journey-3").unwrap();
        assert_eq!(settled.lane(&lane).unwrap().purpose, Purpose::RevenueFlows);
    }
}

/// The sample with the weekly promotion and the newsletter each sending
/// `volume` a day, every week on a Tuesday.
fn tuesday_sends(volume: u32) -> Plan {
    let mut plan = sample_plan();
    for j in plan.journeys.iter_mut() {
        if j.intent.is_broadcast() {
            j.daily_volume = volume;
            j.trigger = Trigger::Scheduled {
                cadence: Cadence::Weekly,
                send_day: Some(Weekday::Tuesday),
                send_date: None,
            };
        }
    }
    plan
}

/// Plans at the edges of what fields and files hold, whose fixes must
/// still write values their fields accept.
fn extreme_plans() -> Vec<(&'static str, Plan)> {
    let huge = switchyard::plan::ranges::MAX_DAILY_VOLUME;
    let low_peak = tuesday_sends(huge);
    let mut custom_ramp = tuesday_sends(huge);
    let promo = &mut custom_ramp.lanes[2];
    let warmup = promo.warmup.as_mut().unwrap();
    warmup.preset = WarmupPreset::Custom;
    warmup.custom.cap = 50_000;
    let mut unplanned = tuesday_sends(huge);
    unplanned.lanes[2].warmup = None;
    // An imported plan may hold a day over any field's range: receipts of
    // four billion a day on a new transactional lane with no warm lane.
    let mut imported = sample_plan();
    for lane in imported.lanes.iter_mut() {
        lane.status = LaneStatus::New;
        lane.warmup = None;
    }
    imported.journeys[0].daily_volume = 4_000_000_000;
    let mut ramped = imported.clone();
    ramped.lanes[0].warmup = Some(WarmupPlan {
        preset: WarmupPreset::Custom,
        start_date: "2027-09-06".into(),
        ..WarmupPlan::default()
    });
    let mut over_peak = sample_plan();
    over_peak.lanes[2].warmup.as_mut().unwrap().target_volume = 5_000_000_000;
    vec![
        ("peak below two huge Tuesday sends", low_peak),
        ("custom ramp below them", custom_ramp),
        ("no warm-up for them", unplanned),
        ("four billion receipts a day", imported),
        ("four billion receipts on a custom ramp", ramped),
        ("a peak over the field's range", over_peak),
    ]
}

fn validation_errors(plan: &Plan) -> Vec<Key> {
    (validate(plan).iter())
        .filter(|d| d.severity == Severity::Error)
        .map(key)
        .collect()
}

#[test]
fn no_fix_writes_a_value_validation_refuses() {
    for (what, plan) in extreme_plans() {
        let before = validation_errors(&plan);
        let found = all_findings(&plan);
        assert!(found.iter().any(|d| d.fix.is_some()), "{what}: no fixes");
        for finding in found.iter().filter(|d| d.fix.is_some()) {
            let fix = finding.fix.clone().unwrap();
            let mut after = plan.clone();
            edit_plan(&mut after, Edit::Many(fix.edits));
            let new: Vec<Key> = (validation_errors(&after).into_iter())
                .filter(|k| !before.contains(k))
                .collect();
            assert!(
                new.is_empty(),
                "{what}: “{}” ({}) adds {new:?}",
                fix.label,
                finding.code
            );
        }
    }
}

#[test]
fn a_fix_cut_to_its_field_says_so() {
    let found = all_findings(&extreme_plans()[0].1);
    let peak = (found.iter())
        .find(|d| d.code == "warmup.peak_below_mail")
        .and_then(|d| d.fix.clone())
        .unwrap();
    assert_eq!(
        peak.label,
        "Set the peak to 1,000,000,000, the most a warm-up takes"
    );
}

#[test]
fn spreading_a_weekly_send_brings_a_peak_set_for_its_send_day_down_with_it() {
    // (the warm-up's peak, the peak after the fix)
    let cases = [(294_000, 42_000), (500_000, 42_000), (100_000, 100_000)];
    for (peak, after) in cases {
        let mut plan = sample_plan();
        let on_promo = |plan: &Plan, id: &str| {
            let routing = route(plan);
            routing.route_of(id).and_then(|r| r.lane_id.as_deref()) == Some("promotional")
        };
        let others: Vec<String> = (plan.journeys.iter())
            .filter(|j| j.id != "weekly-promo" && on_promo(&plan, &j.id))
            .map(|j| j.id.clone())
            .collect();
        plan.journeys.retain(|j| !others.contains(&j.id));
        let promo = plan
            .journeys
            .iter_mut()
            .find(|j| j.id == "weekly-promo")
            .unwrap();
        promo.daily_volume = 42_000;
        promo.trigger = Trigger::Scheduled {
            cadence: Cadence::Weekly,
            send_day: Some(Weekday::Tuesday),
            send_date: None,
        };
        let warmup = plan.lanes[2].warmup.as_mut().unwrap();
        warmup.preset = WarmupPreset::Custom;
        warmup.custom.cap = peak;
        warmup.target_volume = peak;
        let found = all_findings(&plan);
        let spread = (found.iter())
            .find(|d| d.code == "lint.warming_between_sends")
            .and_then(|d| Some(d.fix.clone()?.label))
            .unwrap();
        let plan = fixed_by(&plan, "lint.warming_between_sends", "$.lanes[2].warmup");
        assert_eq!(
            plan.lanes[2].warmup.as_ref().unwrap().target_volume,
            after,
            "{peak}"
        );
        let left = all_findings(&plan);
        let codes: Vec<&str> = (left.iter())
            .filter(|d| d.path.starts_with("$.lanes[2]"))
            .map(|d| d.code.as_ref())
            .collect();
        assert!(
            !codes.contains(&"lint.warming_between_sends"),
            "{peak}: {codes:?}"
        );
        assert!(
            !codes.contains(&"warmup.peak_above_mail"),
            "{peak}: {codes:?}"
        );
        assert!(
            spread.contains("Spread Weekly promotion over every day"),
            "{spread}"
        );
    }
}

#[test]
fn a_peak_brought_down_brings_a_custom_ramps_ceiling_down_with_it() {
    // (preset, ceiling, whether the ceiling follows the peak)
    let cases = [
        (WarmupPreset::Custom, 600_000, true),
        (WarmupPreset::Custom, 0, false),
        (WarmupPreset::Custom, 100_000, false),
        (WarmupPreset::AmazonSes, 600_000, false),
    ];
    for (preset, ceiling, follows) in cases {
        let mut plan = sample_plan();
        let warmup = plan.lanes[2].warmup.as_mut().unwrap();
        warmup.preset = preset;
        warmup.custom.cap = ceiling;
        warmup.target_volume = 600_000;
        let plan = fixed_by(
            &plan,
            "warmup.peak_above_mail",
            "$.lanes[2].warmup.target_volume",
        );
        let warmup = plan.lanes[2].warmup.as_ref().unwrap();
        assert!(warmup.target_volume < 600_000);
        let want = if follows {
            warmup.target_volume
        } else {
            ceiling
        };
        assert_eq!(warmup.custom.cap, want, "{preset:?} {ceiling}");
    }
}

/// On Customer.io, which sends each message type through one server, the
/// fix that moves recovery flows off a promotional lane takes the lane's
/// other lifecycle journeys of their types with them, so it leaves no
/// type on two lanes; elsewhere it moves the recovery flows alone.
#[test]
fn moving_recovery_off_promotions_keeps_customer_io_types_whole() {
    // (platform, Customer.io findings the fix may add, journeys it moves)
    let cases = [(Platform::CustomerIo, 0, 5), (Platform::OwnCode, 0, 2)];
    for (kind, added, moved) in cases {
        let mut plan = sample_plan();
        plan.platform.kind = kind;
        // A catch-all at the top sends everything to Promotional.
        plan.rules
            .insert(0, rule("everything", Conditions::default(), "promotional"));
        let d = lint(&plan, &route(&plan))
            .into_iter()
            .find(|d| d.code == "lint.promos_with_recovery" && d.path == "$.lanes[2]")
            .expect("recovery and promotions meet on Promotional");
        let fix = d.fix.expect("a fix");
        let overrides = (fix.edits.iter())
            .filter(|e| matches!(e, Edit::Journey { .. }))
            .count();
        assert_eq!(overrides, moved, "{kind:?}: {}", fix.label);
        let before = customer_io::findings(&plan, &route(&plan)).len();
        let mut after = plan.clone();
        for e in fix.edits {
            edit_plan(&mut after, e);
        }
        let now = customer_io::findings(&after, &route(&after)).len();
        assert!(now <= before + added, "{kind:?}: {before} then {now}");
        assert!(!lint(&after, &route(&after))
            .iter()
            .any(|d| d.code == "lint.promos_with_recovery"));
    }
}
