//! Routing: precedence, first match, reasons and rule diagnostics.

use switchyard::plan::model::*;
use switchyard::plan::routing::{lane_loads, route, Reason};
use switchyard::plan::sample::sample_plan;

fn journey(
    id: &str,
    intent: Intent,
    trigger: Trigger,
    audience: Audience,
    revenue: f64,
    tags: &[&str],
) -> Journey {
    Journey {
        intent,
        trigger,
        audience,
        revenue_per_recipient: revenue,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        daily_volume: 100,
        ..Journey::new(id, id)
    }
}

fn event() -> Trigger {
    Trigger::Event {
        event_name: "Added to Cart".into(),
        latency_minutes: 1,
        delay_minutes: 30,
    }
}

fn scheduled() -> Trigger {
    Trigger::Scheduled {
        cadence: Cadence::Weekly,
        send_day: None,
        send_date: None,
    }
}

fn rule(id: &str, lane: &str, when: Conditions) -> Rule {
    Rule {
        id: id.into(),
        name: id.into(),
        enabled: true,
        when,
        lane: lane.into(),
    }
}

/// Three lanes, no journeys, no rules, default lane `promo`.
fn plan_with(rules: Vec<Rule>, journeys: Vec<Journey>) -> Plan {
    let mut plan = Plan::empty("t");
    plan.lanes = vec![
        Lane::new("tx", "Transactional", Purpose::Transactional),
        Lane::new("rev", "Revenue", Purpose::RevenueFlows),
        Lane::new("promo", "Promotional", Purpose::Promotional),
    ];
    plan.default_lane = Some("promo".into());
    plan.rules = rules;
    plan.journeys = journeys;
    plan
}

fn lane_of(plan: &Plan, journey: &str) -> (Option<String>, Reason) {
    let routing = route(plan);
    let r = routing.route_of(journey).expect("journey routed").clone();
    (r.lane_id, r.reason)
}

#[test]
fn conditions_match_as_documented() {
    // (conditions, journey, matches?)
    let cases: Vec<(&str, Conditions, Journey, bool)> = vec![
        (
            "empty conditions match anything",
            Conditions::default(),
            journey("j", Intent::Custom, scheduled(), Audience::All, 0.0, &[]),
            true,
        ),
        (
            "intent in list",
            Conditions {
                intents: vec![Intent::CartAbandonment, Intent::Winback],
                ..Default::default()
            },
            journey("j", Intent::Winback, event(), Audience::All, 0.0, &[]),
            true,
        ),
        (
            "intent not in list",
            Conditions {
                intents: vec![Intent::CartAbandonment],
                ..Default::default()
            },
            journey("j", Intent::Newsletter, event(), Audience::All, 0.0, &[]),
            false,
        ),
        (
            "trigger kind",
            Conditions {
                trigger_kinds: vec![TriggerKind::Scheduled],
                ..Default::default()
            },
            journey("j", Intent::Custom, scheduled(), Audience::All, 0.0, &[]),
            true,
        ),
        (
            "trigger kind mismatch",
            Conditions {
                trigger_kinds: vec![TriggerKind::Scheduled],
                ..Default::default()
            },
            journey("j", Intent::Custom, event(), Audience::All, 0.0, &[]),
            false,
        ),
        (
            "audience",
            Conditions {
                audiences: vec![Audience::Engaged30, Audience::Engaged60],
                ..Default::default()
            },
            journey("j", Intent::Custom, event(), Audience::Engaged60, 0.0, &[]),
            true,
        ),
        (
            "audience mismatch",
            Conditions {
                audiences: vec![Audience::Engaged30],
                ..Default::default()
            },
            journey("j", Intent::Custom, event(), Audience::All, 0.0, &[]),
            false,
        ),
        (
            "revenue at the minimum",
            Conditions {
                min_revenue_per_recipient: Some(1.0),
                ..Default::default()
            },
            journey("j", Intent::Custom, event(), Audience::All, 1.0, &[]),
            true,
        ),
        (
            "revenue below the minimum",
            Conditions {
                min_revenue_per_recipient: Some(1.0),
                ..Default::default()
            },
            journey("j", Intent::Custom, event(), Audience::All, 0.99, &[]),
            false,
        ),
        (
            "revenue above the maximum",
            Conditions {
                max_revenue_per_recipient: Some(1.0),
                ..Default::default()
            },
            journey("j", Intent::Custom, event(), Audience::All, 1.5, &[]),
            false,
        ),
        (
            "any tag",
            Conditions {
                tags: vec!["vip".into(), "bf".into()],
                ..Default::default()
            },
            journey(
                "j",
                Intent::Custom,
                event(),
                Audience::All,
                0.0,
                &["other", "bf"],
            ),
            true,
        ),
        (
            "a tag whatever its case and spaces",
            Conditions {
                tags: vec![" VIP ".into()],
                ..Default::default()
            },
            journey("j", Intent::Custom, event(), Audience::All, 0.0, &["vip"]),
            true,
        ),
        (
            "no tag",
            Conditions {
                tags: vec!["vip".into()],
                ..Default::default()
            },
            journey("j", Intent::Custom, event(), Audience::All, 0.0, &["other"]),
            false,
        ),
        (
            "all conditions must hold",
            Conditions {
                intents: vec![Intent::CartAbandonment],
                audiences: vec![Audience::Engaged30],
                ..Default::default()
            },
            journey(
                "j",
                Intent::CartAbandonment,
                event(),
                Audience::All,
                0.0,
                &[],
            ),
            false,
        ),
        (
            "owning team is ignored",
            Conditions {
                intents: vec![Intent::Newsletter],
                owning_teams: vec!["Brand".into()],
                ..Default::default()
            },
            journey(
                "j",
                Intent::Newsletter,
                scheduled(),
                Audience::All,
                0.0,
                &[],
            ),
            true,
        ),
    ];
    for (name, when, j, expected) in cases {
        let plan = plan_with(vec![rule("r", "tx", when)], vec![j]);
        let (lane, reason) = lane_of(&plan, "j");
        let matched = matches!(reason, Reason::Rule { .. });
        assert_eq!(matched, expected, "{name}");
        assert_eq!(
            lane.as_deref(),
            Some(if expected { "tx" } else { "promo" }),
            "{name}"
        );
    }
}

#[test]
fn precedence_is_override_then_first_rule_then_default() {
    let cart = journey(
        "cart",
        Intent::CartAbandonment,
        event(),
        Audience::All,
        2.0,
        &[],
    );
    let mut pinned = journey(
        "pinned",
        Intent::CartAbandonment,
        event(),
        Audience::All,
        2.0,
        &[],
    );
    pinned.lane_override = Some("tx".into());
    let other = journey("other", Intent::Custom, event(), Audience::All, 0.0, &[]);
    let plan = plan_with(
        vec![
            rule(
                "first",
                "rev",
                Conditions {
                    intents: vec![Intent::CartAbandonment],
                    ..Default::default()
                },
            ),
            rule(
                "second",
                "tx",
                Conditions {
                    intents: vec![Intent::CartAbandonment],
                    ..Default::default()
                },
            ),
        ],
        vec![cart, pinned, other],
    );
    assert_eq!(
        lane_of(&plan, "cart"),
        (
            Some("rev".into()),
            Reason::Rule {
                rule_id: "first".into(),
                position: 0
            }
        )
    );
    assert_eq!(
        lane_of(&plan, "pinned"),
        (Some("tx".into()), Reason::Override)
    );
    assert_eq!(
        lane_of(&plan, "other"),
        (Some("promo".into()), Reason::Default)
    );
}

#[test]
fn disabled_rules_are_skipped() {
    let mut off = rule("off", "tx", Conditions::default());
    off.enabled = false;
    let plan = plan_with(
        vec![off],
        vec![journey(
            "j",
            Intent::Custom,
            event(),
            Audience::All,
            0.0,
            &[],
        )],
    );
    assert_eq!(lane_of(&plan, "j").1, Reason::Default);
}

#[test]
fn missing_lanes_leave_journeys_unrouted_never_moved() {
    let mut pinned = journey("pinned", Intent::Custom, event(), Audience::All, 0.0, &[]);
    pinned.lane_override = Some("gone".into());
    let caught = journey("caught", Intent::Winback, event(), Audience::All, 0.0, &[]);
    let fallthrough = journey("fall", Intent::Custom, event(), Audience::All, 0.0, &[]);
    let mut plan = plan_with(
        vec![
            rule(
                "to-gone",
                "gone",
                Conditions {
                    intents: vec![Intent::Winback],
                    ..Default::default()
                },
            ),
            rule(
                "later",
                "rev",
                Conditions {
                    intents: vec![Intent::Winback],
                    ..Default::default()
                },
            ),
        ],
        vec![pinned, caught, fallthrough],
    );
    plan.default_lane = Some("also-gone".into());
    let routing = route(&plan);
    for id in ["pinned", "caught", "fall"] {
        let r = routing.route_of(id).unwrap();
        assert_eq!(r.lane_id, None, "{id} must not be moved to another lane");
        assert!(matches!(r.reason, Reason::Unrouted { .. }), "{id}");
    }
    // Only the journey a rule sent to the missing lane names the rule.
    let rule_of = |id: &str| match &routing.route_of(id).unwrap().reason {
        Reason::Unrouted { rule_id, .. } => rule_id.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(rule_of("caught").as_deref(), Some("to-gone"));
    assert_eq!((rule_of("pinned"), rule_of("fall")), (None, None));
    let codes: Vec<&str> = routing
        .diagnostics
        .iter()
        .map(|d| d.code.as_ref())
        .collect();
    // The missing lanes themselves are validation's findings, not routing's.
    assert!(!codes.iter().any(|c| c.ends_with("_missing")), "{codes:?}");
    assert_eq!(
        codes.iter().filter(|c| **c == "routing.unrouted").count(),
        3
    );
}

#[test]
fn rule_diagnostics() {
    let intents = |list: &[Intent]| Conditions {
        intents: list.to_vec(),
        ..Default::default()
    };
    // (rules, expected codes)
    let cases: Vec<(&str, Vec<Rule>, Vec<&str>)> = vec![
        (
            "a broader rule above shadows a narrower one",
            vec![
                rule(
                    "broad",
                    "rev",
                    intents(&[Intent::CartAbandonment, Intent::CheckoutAbandonment]),
                ),
                rule("narrow", "tx", intents(&[Intent::CartAbandonment])),
            ],
            vec!["routing.rule_shadowed"],
        ),
        (
            "a catch-all shadows everything below",
            vec![
                rule("all", "rev", Conditions::default()),
                rule(
                    "any",
                    "tx",
                    Conditions {
                        tags: vec!["x".into()],
                        ..Default::default()
                    },
                ),
            ],
            vec!["routing.rule_shadowed"],
        ),
        (
            "a narrower rule above does not shadow",
            vec![
                rule("narrow", "tx", intents(&[Intent::CartAbandonment])),
                rule(
                    "broad",
                    "rev",
                    intents(&[Intent::CartAbandonment, Intent::Winback]),
                ),
            ],
            vec![],
        ),
        (
            "revenue ranges: a wider range shadows",
            vec![
                rule(
                    "wide",
                    "rev",
                    Conditions {
                        min_revenue_per_recipient: Some(1.0),
                        ..Default::default()
                    },
                ),
                rule(
                    "high",
                    "tx",
                    Conditions {
                        min_revenue_per_recipient: Some(5.0),
                        max_revenue_per_recipient: Some(9.0),
                        ..Default::default()
                    },
                ),
            ],
            vec!["routing.rule_shadowed"],
        ),
        (
            "every intent ticked is any intent, and shadows an untagged rule",
            vec![
                rule("every", "rev", intents(&Intent::ALL)),
                rule("all", "tx", Conditions::default()),
            ],
            vec!["routing.rule_shadowed"],
        ),
        (
            "every trigger and audience ticked shadows a rule without them",
            vec![
                rule(
                    "every",
                    "rev",
                    Conditions {
                        trigger_kinds: TriggerKind::ALL.to_vec(),
                        audiences: Audience::ALL.to_vec(),
                        ..Default::default()
                    },
                ),
                rule("winback", "tx", intents(&[Intent::Winback])),
            ],
            vec!["routing.rule_shadowed"],
        ),
        (
            "a minimum of $0 bounds nothing, and shadows a rule without one",
            vec![
                rule(
                    "free",
                    "rev",
                    Conditions {
                        min_revenue_per_recipient: Some(0.0),
                        ..Default::default()
                    },
                ),
                rule("winback", "tx", intents(&[Intent::Winback])),
            ],
            vec!["routing.rule_shadowed"],
        ),
        (
            "a minimum above $0 does not shadow a rule without one",
            vec![
                rule(
                    "paying",
                    "rev",
                    Conditions {
                        min_revenue_per_recipient: Some(0.01),
                        ..Default::default()
                    },
                ),
                rule("winback", "tx", intents(&[Intent::Winback])),
            ],
            vec![],
        ),
        (
            "a tag rule does not shadow an untagged rule",
            vec![
                rule(
                    "tag",
                    "rev",
                    Conditions {
                        tags: vec!["vip".into()],
                        ..Default::default()
                    },
                ),
                rule("all", "tx", Conditions::default()),
            ],
            vec![],
        ),
        (
            "a disabled rule shadows nothing",
            vec![
                Rule {
                    enabled: false,
                    ..rule("off", "rev", Conditions::default())
                },
                rule("on", "tx", intents(&[Intent::Winback])),
            ],
            vec![],
        ),
        (
            "impossible revenue bounds",
            vec![rule(
                "bad",
                "rev",
                Conditions {
                    min_revenue_per_recipient: Some(5.0),
                    max_revenue_per_recipient: Some(1.0),
                    ..Default::default()
                },
            )],
            vec!["routing.rule_impossible"],
        ),
        (
            "missing lane, which validation reports",
            vec![rule("r", "nope", intents(&[Intent::Winback]))],
            vec![],
        ),
        (
            "routing by team",
            vec![rule(
                "team",
                "rev",
                Conditions {
                    owning_teams: vec!["Lifecycle".into()],
                    intents: vec![Intent::Winback],
                    ..Default::default()
                },
            )],
            vec!["routing.by_team"],
        ),
    ];
    for (name, rules, expected) in cases {
        let plan = plan_with(rules, vec![]);
        let routed = route(&plan);
        let codes: Vec<&str> = routed.diagnostics.iter().map(|d| d.code.as_ref()).collect();
        assert_eq!(codes, expected, "{name}");
    }
}

#[test]
fn a_rule_that_can_never_match_is_fixed_without_catching_another() {
    use switchyard::plan::edit::{edit_plan, Edit};
    let intents = |list: &[Intent]| Conditions {
        intents: list.to_vec(),
        ..Default::default()
    };
    let cart = || intents(&[Intent::CartAbandonment]);
    let upside_down = Conditions {
        min_revenue_per_recipient: Some(9.0),
        max_revenue_per_recipient: Some(2.0),
        ..Default::default()
    };
    // (rules, the fix's label, the rule ids after it)
    let cases: Vec<(Vec<Rule>, &str, Vec<&str>)> = vec![
        (
            vec![
                rule(
                    "broad",
                    "rev",
                    intents(&[Intent::CartAbandonment, Intent::Winback]),
                ),
                rule("other", "tx", intents(&[Intent::Replenishment])),
                rule("narrow", "tx", cart()),
            ],
            "Move it above rule 1 “broad”",
            vec!["narrow", "broad", "other"],
        ),
        // Sending where the broader rule does, it changes nothing.
        (
            vec![
                rule("broad", "rev", Conditions::default()),
                rule("narrow", "rev", cart()),
            ],
            "Delete rule 2",
            vec!["broad"],
        ),
        // Moved up, it would catch the rule it passes.
        (
            vec![
                rule("all", "rev", Conditions::default()),
                rule("cart", "tx", cart()),
                rule("also-cart", "tx", cart()),
            ],
            "Delete rule 3",
            vec!["all", "cart"],
        ),
        (
            vec![rule("upside", "tx", upside_down)],
            "Swap the revenue bounds",
            vec!["upside"],
        ),
        // Moved up, it would catch the rule it passes, so the catch-all
        // goes below both, which keeps them.
        (
            vec![
                rule("all", "rev", Conditions::default()),
                rule("cart", "tx", cart()),
                rule(
                    "cart-or-winback",
                    "promo",
                    intents(&[Intent::CartAbandonment, Intent::Winback]),
                ),
            ],
            "Move rule 1 “all” to the end of the list",
            vec!["cart", "cart-or-winback", "all"],
        ),
        // A catch-all above rules of which one sends where it does.
        (
            vec![
                rule("all", "rev", Conditions::default()),
                rule("cart", "tx", cart()),
                rule("winback", "rev", intents(&[Intent::Winback])),
            ],
            "Move rule 1 “all” to the end of the list",
            vec!["cart", "winback", "all"],
        ),
    ];
    for (rules, label, after) in cases {
        let mut plan = plan_with(rules, vec![]);
        let routed = route(&plan);
        // The last rule's finding.
        let finding = (routed.diagnostics.iter())
            .rfind(|d| d.code == "routing.rule_shadowed" || d.code == "routing.rule_impossible")
            .unwrap();
        // Bounds the wrong way round point at the minimum, which Open
        // focuses.
        if finding.code == "routing.rule_impossible" {
            assert!(
                finding.path.ends_with(".when.min_revenue_per_recipient"),
                "{}",
                finding.path
            );
        }
        let fix = finding.fix.clone().expect(label);
        assert_eq!(fix.label, label);
        edit_plan(&mut plan, Edit::Many(fix.edits));
        let ids: Vec<&str> = plan.rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, after, "{label}");
        // Nothing but what was there before is left: a fix catches no rule.
        let rule_findings = |r: &switchyard::plan::routing::Routing| {
            (r.diagnostics.iter())
                .filter(|d| d.code.starts_with("routing.rule_"))
                .map(|d| (d.code.to_string(), d.path.clone()))
                .collect::<Vec<_>>()
        };
        let before = rule_findings(&routed);
        let left = rule_findings(&route(&plan));
        assert!(left.len() < before.len(), "{label}: {left:?}");
        assert!(left.iter().all(|k| before.contains(k)), "{label}: {left:?}");
    }
}

#[test]
fn journeys_that_fall_through_are_noted() {
    let plan = plan_with(
        vec![rule(
            "r",
            "rev",
            Conditions {
                intents: vec![Intent::Winback],
                ..Default::default()
            },
        )],
        vec![journey(
            "odd",
            Intent::Custom,
            event(),
            Audience::All,
            0.0,
            &[],
        )],
    );
    let routing = route(&plan);
    let d = routing
        .diagnostics
        .iter()
        .find(|d| d.code == "routing.falls_through")
        .expect("noted");
    assert_eq!(d.path, "$.journeys[0]");
    assert!(d.message.contains("odd"));
}

#[test]
fn no_default_lane_is_an_error() {
    let mut plan = plan_with(
        vec![],
        vec![journey(
            "j",
            Intent::Custom,
            event(),
            Audience::All,
            0.0,
            &[],
        )],
    );
    plan.default_lane = None;
    let routing = route(&plan);
    assert!(routing
        .diagnostics
        .iter()
        .any(|d| d.code == "routing.no_default" && d.path == "$.default_lane"));
    assert_eq!(routing.routes[0].lane_id, None);
}

#[test]
fn sample_plan_routes_every_journey_by_a_rule() {
    let plan = sample_plan();
    let routing = route(&plan);
    assert_eq!(routing.routes.len(), 12);
    for r in &routing.routes {
        assert!(
            matches!(r.reason, Reason::Rule { .. }),
            "{} routed by {:?}",
            r.journey_id,
            r.reason
        );
    }
    assert!(routing.diagnostics.is_empty(), "{:?}", routing.diagnostics);
    let lane = |j: &str| routing.route_of(j).unwrap().lane_id.clone().unwrap();
    assert_eq!(lane("order-confirmation"), "transactional");
    assert_eq!(lane("cart-recovery"), "revenue-flows");
    assert_eq!(lane("weekly-promo"), "promotional");
    assert_eq!(
        routing.route_of("cart-recovery").unwrap().explain(&plan),
        "Rule 2: Cart and checkout recovery"
    );
    // A rule whose name was cleared is named by its number alone.
    let mut unnamed = plan.clone();
    unnamed.rules[1].name = "  ".into();
    assert_eq!(
        routing.route_of("cart-recovery").unwrap().explain(&unnamed),
        "Rule 2 (unnamed)"
    );
}

#[test]
fn lane_loads_add_up() {
    let plan = sample_plan();
    let loads = lane_loads(&plan, &route(&plan));
    assert_eq!(
        loads.len(),
        3,
        "no unrouted entry when everything is routed"
    );
    let total: u64 = loads.iter().map(|l| l.daily_volume).sum();
    assert_eq!(total, plan.total_daily_volume());
    let share: f64 = loads.iter().map(|l| l.share_percent).sum();
    assert!((share - 100.0).abs() < 1e-9);
    assert_eq!(loads.iter().map(|l| l.share_tenths).sum::<u64>(), 1_000);
    // Shown shares add up to 100.0% where rounding each alone would not:
    // 1,500, 1,300 and 22,000 of 24,800 are 6.0%, 5.2% and 88.7% alone.
    let mut three = plan.clone();
    three
        .journeys
        .retain(|j| j.daily_volume > 0 && !j.is_one_off());
    let lanes = ["transactional", "revenue-flows", "promotional"];
    for (lane, volume) in lanes.iter().zip([1_500, 1_300, 22_000]) {
        let mut on = three.journeys.iter_mut().filter(|j| {
            route(&plan)
                .route_of(&j.id)
                .and_then(|r| r.lane_id.as_deref())
                == Some(*lane)
        });
        on.next().unwrap().daily_volume = volume;
        on.for_each(|j| j.daily_volume = 0);
    }
    let shown: Vec<String> = (lane_loads(&three, &route(&three)).iter())
        .map(|l| l.share_text())
        .collect();
    assert_eq!(shown, ["6.1%", "5.2%", "88.7%"]);
    assert_eq!(
        loads[0].journeys,
        vec!["order-confirmation", "shipping-updates", "login-code"]
    );
}

#[test]
fn unrouted_journeys_get_their_own_load_entry() {
    let mut plan = sample_plan();
    plan.lanes.retain(|l| l.id != "promotional");
    let loads = lane_loads(&plan, &route(&plan));
    let last = loads.last().unwrap();
    assert_eq!(last.lane_id, None);
    assert_eq!(last.journeys, vec!["weekly-promo", "newsletter"]);
}

#[test]
fn many_tags_still_match() {
    // Past 128 distinct tags the matcher falls back from bit sets to lists.
    let tags: Vec<String> = (0..200).map(|i| format!("t{i}")).collect();
    let plan = plan_with(
        vec![
            rule(
                "many",
                "rev",
                Conditions {
                    tags: tags.clone(),
                    ..Default::default()
                },
            ),
            rule(
                "t199",
                "tx",
                Conditions {
                    tags: vec!["t199".into()],
                    ..Default::default()
                },
            ),
        ],
        vec![journey(
            "j",
            Intent::Custom,
            event(),
            Audience::All,
            0.0,
            &["t199"],
        )],
    );
    let routing = route(&plan);
    assert_eq!(routing.routes[0].lane_id.as_deref(), Some("rev"));
    assert!(routing
        .diagnostics
        .iter()
        .any(|d| d.code == "routing.rule_shadowed"));
}

#[test]
fn a_route_is_found_by_place_and_then_by_id() {
    let plan = sample_plan();
    let mut routing = route(&plan);
    let first = plan.journeys[0].id.clone();
    let second = plan.journeys[1].id.clone();
    assert_eq!(routing.route_at(1, &second).unwrap().journey_id, second);
    // Routing from a plan whose journeys were in another order.
    routing.routes.swap(0, 1);
    assert_eq!(routing.route_at(0, &first).unwrap().journey_id, first);
    assert_eq!(routing.route_at(1, &second).unwrap().journey_id, second);
    assert!(routing.route_at(0, "no-such-journey").is_none());
    assert!(routing.route_at(999, &first).is_some());
}

#[test]
fn a_lanes_journeys_are_read_in_journey_order() {
    let plan = sample_plan();
    let mut routing = route(&plan);
    let expected = |lane: &str| -> Vec<String> {
        let routed = |j: &&Journey| lane_of(&plan, &j.id).0.as_deref() == Some(lane);
        plan.journeys
            .iter()
            .filter(routed)
            .map(|j| j.id.clone())
            .collect()
    };
    let on = |routing: &switchyard::plan::routing::Routing, lane: &str| -> Vec<String> {
        routing
            .journeys_on(&plan, lane)
            .map(|j| j.id.clone())
            .collect()
    };
    for lane in &plan.lanes {
        assert!(!expected(&lane.id).is_empty(), "{} has journeys", lane.id);
        assert_eq!(on(&routing, &lane.id), expected(&lane.id), "{}", lane.id);
    }
    // Routes out of journey order are still matched by id.
    routing.routes.reverse();
    for lane in &plan.lanes {
        assert_eq!(on(&routing, &lane.id), expected(&lane.id), "{}", lane.id);
    }
    assert_eq!(on(&routing, "no-such-lane"), Vec::<String>::new());
}

#[test]
fn typed_tags_keep_the_first_spelling_of_each() {
    assert_eq!(
        split_tags("vip, VIP , Seasonal,, vip,seasonal "),
        ["vip", "Seasonal"]
    );
}

fn apply_fix(plan: &mut Plan, code: &str) -> Vec<switchyard::plan::diagnostic::Diagnostic> {
    let routing = route(plan);
    let found: Vec<_> = routing
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .cloned()
        .collect();
    let fix = found[0].fix.clone().expect("a fix");
    switchyard::plan::edit::edit_plan(plan, switchyard::plan::edit::Edit::Many(fix.edits));
    found
}

#[test]
fn a_plan_without_rules_is_offered_a_rule_for_each_kind_of_mail() {
    let mut plan = sample_plan();
    plan.rules.clear();
    for journey in &mut plan.journeys {
        journey.lane_override = None;
    }
    let found = apply_fix(&mut plan, "routing.no_rules");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].path, "$.rules");
    assert!(
        found[0].message.starts_with(
            "No rule routes the journeys: 12 journeys without an override go to the default lane,"
        ),
        "{}",
        found[0].message
    );
    let names: Vec<&str> = plan.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        ["Receipts and account mail", "Revenue flows", "Promotions"]
    );
    let routing = route(&plan);
    assert!(
        !routing
            .diagnostics
            .iter()
            .any(|d| d.code.starts_with("routing.")),
        "{:?}",
        routing.diagnostics
    );
    for (journey, route) in plan.journeys.iter().zip(&routing.routes) {
        let lane = plan.lane(route.lane_id.as_deref().unwrap()).unwrap();
        assert_eq!(Some(lane.purpose), journey.intent.tier(), "{}", journey.id);
        assert!(
            matches!(route.reason, Reason::Rule { .. }),
            "{}",
            journey.id
        );
    }
    // Every intent has its rule, those no journey has yet too, so a
    // journey added later lands on its kind's lane.
    for intent in Intent::ALL {
        let rule = plan.rules.iter().find(|r| r.when.intents.contains(&intent));
        let lane = rule.and_then(|r| plan.lane(&r.lane)).map(|l| l.purpose);
        assert_eq!(lane, intent.tier(), "{intent:?}");
    }
    // Journeys pinned to their kind's lane are left to the new rules; one
    // pinned elsewhere keeps its override.
    let mut plan = sample_plan();
    plan.rules.clear();
    for journey in &mut plan.journeys {
        journey.lane_override = None;
    }
    plan.journeys[0].lane_override = Some("transactional".into());
    plan.journeys[1].lane_override = Some("promotional".into());
    let found = apply_fix(&mut plan, "routing.no_rules");
    assert_eq!(
        found[0].fix.as_ref().unwrap().label,
        "Add a rule for each kind of mail, and let them route the 1 journey pinned to their kind's lane"
    );
    assert_eq!(plan.journeys[0].lane_override, None);
    assert_eq!(
        plan.journeys[1].lane_override.as_deref(),
        Some("promotional")
    );
    // One lane, or rules already, and nothing is said.
    let mut one = sample_plan();
    one.rules.clear();
    one.lanes.truncate(1);
    one.default_lane = Some(one.lanes[0].id.clone());
    assert!(!route(&one)
        .diagnostics
        .iter()
        .any(|d| d.code == "routing.no_rules"));
    assert!(!route(&sample_plan())
        .diagnostics
        .iter()
        .any(|d| d.code == "routing.no_rules"));
}

#[test]
fn a_journey_that_falls_through_is_offered_a_rule_for_its_intent() {
    let mut plan = sample_plan();
    let welcome = plan
        .journeys
        .iter()
        .position(|j| j.intent == Intent::Welcome)
        .unwrap();
    // No rule matches welcome mail once its rule is gone.
    plan.rules
        .retain(|r| !r.when.intents.contains(&Intent::Welcome));
    plan.journeys[welcome].lane_override = None;
    let before = route(&plan);
    assert_eq!(before.routes[welcome].reason, Reason::Default);
    let at = format!("$.journeys[{welcome}]");
    let finding = (before.diagnostics.iter())
        .find(|d| d.code == "routing.falls_through" && d.path == at)
        .expect("noted");
    let fix = finding.fix.clone().unwrap();
    assert_eq!(fix.label, "Add a rule: Welcome to Revenue flows");
    switchyard::plan::edit::edit_plan(&mut plan, switchyard::plan::edit::Edit::Many(fix.edits));
    let after = route(&plan);
    assert!(matches!(after.routes[welcome].reason, Reason::Rule { .. }));
    assert_eq!(
        after.routes[welcome].lane_id.as_deref(),
        Some("revenue-flows")
    );
    assert!(!after
        .diagnostics
        .iter()
        .any(|d| d.code == "routing.falls_through" && d.path == at));
}

#[test]
fn a_plan_without_a_default_lane_is_offered_one_kept_off_receipts() {
    let mut plan = sample_plan();
    plan.default_lane = None;
    let fix = (route(&plan).diagnostics.into_iter())
        .find(|d| d.code == "routing.no_default")
        .and_then(|d| d.fix)
        .expect("a fix");
    assert_eq!(fix.label, "Make Promotional the default");
    switchyard::plan::edit::edit_plan(&mut plan, switchyard::plan::edit::Edit::Many(fix.edits));
    assert_eq!(plan.default_lane.as_deref(), Some("promotional"));
}

/// On Customer.io, which picks a server by the mail's type, a fall-through
/// fix that would send a message type through a second lane is not
/// offered; each fix that is offered adds no error.
#[test]
fn a_fall_through_fix_keeps_each_message_type_on_one_lane_on_customer_io() {
    use switchyard::plan::diagnostic::Severity;
    use switchyard::plan::edit::{edit_plan, Edit};
    use switchyard::review::lint::lint;
    let mut plan = sample_plan();
    assert_eq!(plan.platform.kind, Platform::CustomerIo);
    plan.rules.retain(|r| r.id != "rule-lifecycle");
    let errors = |plan: &Plan| {
        let routing = route(plan);
        (lint(plan, &routing).iter().chain(&routing.diagnostics))
            .filter(|d| d.severity == Severity::Error)
            .count()
    };
    let before = errors(&plan);
    let routing = route(&plan);
    let falling: Vec<_> = (routing.diagnostics.iter())
        .filter(|d| d.code == "routing.falls_through")
        .collect();
    let replenishment = (plan.journeys.iter())
        .position(|j| j.name == "Replenishment reminder")
        .unwrap();
    let at = format!("$.journeys[{replenishment}]");
    let noted = falling.iter().find(|d| d.path == at).expect("noted");
    assert!(noted.fix.is_none(), "{:?}", noted.fix);
    for finding in falling.iter().filter(|d| d.fix.is_some()) {
        let mut fixed = plan.clone();
        edit_plan(&mut fixed, Edit::Many(finding.fix.clone().unwrap().edits));
        assert!(errors(&fixed) <= before, "{}", finding.message);
    }
    // Elsewhere a lane carries any type's mail, and the fix is offered.
    plan.platform.kind = Platform::OwnCode;
    let routing = route(&plan);
    let noted = (routing.diagnostics.iter())
        .find(|d| d.code == "routing.falls_through" && d.path == at)
        .expect("noted");
    assert!(noted.fix.is_some());
}

#[test]
fn deleting_a_rule_says_where_its_journeys_go() {
    use switchyard::plan::routing::rule_deletion_words;
    type Change = fn(&mut Plan);
    let names = |plan: &Plan, intents: &[Intent]| -> Vec<String> {
        (plan.journeys.iter())
            .filter(|j| intents.contains(&j.intent))
            .map(|j| format!("“{}”", j.name))
            .collect()
    };
    // (change, rule deleted, the words with {} for the journeys)
    let cases: Vec<(Change, &str, &str)> = vec![
        (
            |_| {},
            "rule-recovery",
            "go to Promotional, the default lane.",
        ),
        // A later rule to the same lane keeps them where they are.
        (
            |p| {
                let mut again = p.rules[1].clone();
                again.id = "rule-again".into();
                p.rules.push(again);
            },
            "rule-recovery",
            "stay on Revenue flows.",
        ),
        (
            |p| p.default_lane = None,
            "rule-recovery",
            "will be unrouted.",
        ),
    ];
    for (change, rule, words) in cases {
        let mut plan = sample_plan();
        change(&mut plan);
        let said = rule_deletion_words(&plan, rule);
        let caught = names(
            &plan,
            &[Intent::CartAbandonment, Intent::CheckoutAbandonment],
        );
        let expected = format!(
            "It catches {} journeys: without it, {} {words}",
            caught.len(),
            switchyard::units::and_list(&caught)
        );
        assert_eq!(said, expected);
    }
    // A rule that routes nothing adds nothing to the question.
    let mut plan = sample_plan();
    plan.rules[1].enabled = false;
    assert_eq!(rule_deletion_words(&plan, "rule-recovery"), "");
}

#[test]
fn deleting_a_rule_to_a_missing_lane_says_where_its_journeys_go() {
    use switchyard::plan::routing::rule_deletion_words;
    let mut plan = sample_plan();
    plan.lanes.retain(|l| l.id != "promotional");
    plan.default_lane = Some("revenue-flows".into());
    let said = rule_deletion_words(&plan, "rule-broadcasts");
    assert!(
        said.starts_with("It catches 2 journeys: without it, "),
        "{said}"
    );
    assert!(
        said.ends_with(" go to Revenue flows, the default lane."),
        "{said}"
    );
}
