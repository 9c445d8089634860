//! The reducer: edits, undo and redo, plans, imports, saving and other tabs.

use switchyard::plan::edit::{
    added_id, DmarcField, ExtrasField, ItemField, JourneyField, LaneField, PostmasterField,
    RuleField, SeedField, SimulationField, ThresholdField, TopicField, WarmupField,
};
use switchyard::plan::io;
use switchyard::plan::model::*;
use switchyard::plan::sample::sample_plan;
use switchyard::plan::state::*;

fn start() -> PlannerState {
    PlannerState::with_plans(vec![(sample_plan(), 1)], None)
}

fn run(state: &PlannerState, actions: Vec<Action>) -> PlannerState {
    actions.into_iter().fold(state.clone(), |s, a| apply(&s, a))
}

fn edit(e: Edit) -> Action {
    Action::Edit(e)
}

#[test]
fn edits_change_the_active_plan_and_mark_it_unsaved() {
    let s0 = start();
    assert!(!s0.entry().unsaved);
    let s1 = apply(&s0, edit(Edit::SetBrandName("Fernleaf".into())));
    assert_eq!(s1.plan().brand.name, "Fernleaf");
    assert!(s1.entry().unsaved);
    assert_eq!(s1.undo.len(), 1);
    assert_eq!(
        s0.plan().brand.name,
        "Fernleaf Coffee",
        "apply leaves its input alone"
    );
}

#[test]
fn a_no_op_edit_changes_nothing() {
    let s0 = start();
    let s1 = apply(&s0, edit(Edit::SetBrandName("Fernleaf Coffee".into())));
    assert_eq!(s0, s1);
}

#[test]
fn lanes_add_with_subdomain_defaults_and_reorder() {
    let s = run(&start(), vec![edit(Edit::AddLane(Purpose::Vip))]);
    let lane = s.plan().lanes.last().unwrap();
    // A new lane is named, and its id made, after its purpose.
    assert_eq!(lane.id, "vip");
    assert_eq!(lane.name, "VIP lane");
    assert_eq!(lane.sending_domain, "vip.fernleafcoffee.com");
    assert_eq!(lane.from_address, "vip@vip.fernleafcoffee.com");
    assert_eq!(lane.from_name, "Fernleaf Coffee");
    let s = run(&s, vec![edit(Edit::AddLane(Purpose::Vip))]);
    assert_eq!(s.plan().lanes.last().unwrap().name, "VIP lane 2");
    assert_eq!(s.plan().lanes.last().unwrap().id, "vip-2");
    let s = run(
        &s,
        vec![edit(Edit::MoveLane {
            lane: "vip".into(),
            direction: Direction::Up,
        })],
    );
    let ids: Vec<&str> = s.plan().lanes.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "transactional",
            "revenue-flows",
            "vip",
            "promotional",
            "vip-2"
        ]
    );
    let s2 = run(
        &s,
        vec![edit(Edit::MoveLane {
            lane: "transactional".into(),
            direction: Direction::Up,
        })],
    );
    assert_eq!(s2.plan(), s.plan(), "moving the first lane up does nothing");
}

/// Every item id of a plan, with what kind of item holds it.
fn item_ids(plan: &Plan) -> Vec<String> {
    let lanes = plan.lanes.iter().map(|l| format!("lane {}", l.id));
    let journeys = plan.journeys.iter().map(|j| format!("journey {}", j.id));
    let rules = plan.rules.iter().map(|r| format!("rule {}", r.id));
    let migrations = plan
        .migrations
        .iter()
        .map(|m| format!("migration {}", m.id));
    lanes
        .chain(journeys)
        .chain(rules)
        .chain(migrations)
        .chain(
            plan.checklist
                .seeds
                .iter()
                .map(|s| format!("seed {}", s.id)),
        )
        .chain(
            plan.preferences
                .topics
                .iter()
                .map(|t| format!("topic {}", t.id)),
        )
        .chain((plan.monitoring.postmaster.iter()).map(|p| format!("postmaster figure {}", p.id)))
        .collect()
}

#[test]
fn an_add_edit_tells_the_id_it_will_give() {
    let migration = || Edit::AddMigration {
        from_lane: "revenue-flows".into(),
        to_lane: "promotional".into(),
    };
    // (edit, the kind of item it adds)
    let cases = [
        (Edit::AddLane(Purpose::Vip), "lane"),
        (Edit::AddJourney, "journey"),
        (Edit::AddRule, "rule"),
        (migration(), "migration"),
        (
            Edit::AddSeed {
                lane: "promotional".into(),
                date: "2027-09-01".into(),
            },
            "seed",
        ),
        (Edit::AddTopic, "topic"),
        // A figure's controls are named by its id, which Open focuses.
        (
            Edit::AddPostmaster {
                date: "2027-09-01".into(),
            },
            "postmaster figure",
        ),
    ];
    for (edit, kind) in cases {
        let mut plan = sample_plan();
        // Twice, so the second id is told from a plan holding the first.
        for _ in 0..2 {
            let id = added_id(&plan, &edit).expect("an add edit");
            let before = item_ids(&plan);
            plan = edited(&plan, edit.clone());
            let new: Vec<String> = item_ids(&plan)
                .into_iter()
                .filter(|i| !before.contains(i))
                .collect();
            assert_eq!(new, [format!("{kind} {id}")], "{edit:?}");
        }
    }
    assert_eq!(added_id(&sample_plan(), &Edit::SetNotes("x".into())), None);
}

#[test]
fn a_new_lane_sends_from_a_subdomain_no_lane_uses() {
    // (purpose added twice, the first lane's sending domain, the second's)
    let cases = [
        (Purpose::Transactional, "receipts2", "receipts3"),
        (Purpose::RevenueFlows, "flows2", "flows3"),
        (Purpose::Promotional, "mail2", "mail3"),
        (Purpose::Vip, "vip", "vip2"),
        (Purpose::Custom, "notify", "notify2"),
    ];
    for (purpose, first, second) in cases {
        let mut s = start();
        for sub in [first, second] {
            s = run(&s, vec![edit(Edit::AddLane(purpose))]);
            let lane = s.plan().lanes.last().unwrap();
            let domain = format!("{sub}.fernleafcoffee.com");
            assert_eq!(lane.sending_domain, domain, "{purpose:?}");
            assert!(lane.from_address.ends_with(&format!("@{domain}")));
            assert_eq!(lane.return_path_domain, format!("bounce.{domain}"));
        }
        let auth = switchyard::dns::checks::check_authentication(s.plan());
        assert!(
            auth.findings
                .iter()
                .all(|d| d.severity != switchyard::plan::diagnostic::Severity::Error),
            "{purpose:?}: {:?}",
            auth.findings
        );
    }
}

#[test]
fn any_name_a_lane_uses_reserves_its_subdomain() {
    type Change = fn(&mut Lane);
    // (how the transactional lane uses receipts.… while sending from tx.…)
    let cases: [Change; 4] = [
        |l| l.from_address = "orders@receipts.fernleafcoffee.com".into(),
        |l| l.dkim_domain = "receipts.fernleafcoffee.com".into(),
        |l| l.tracking_domain = "links.receipts.fernleafcoffee.com".into(),
        |l| l.return_path_domain = "Bounce.Receipts.FernleafCoffee.com.".into(),
    ];
    for (i, change) in cases.into_iter().enumerate() {
        let mut plan = sample_plan();
        let lane = &mut plan.lanes[0];
        lane.sending_domain = "tx.fernleafcoffee.com".into();
        lane.from_address = "orders@tx.fernleafcoffee.com".into();
        lane.return_path_domain = "bounce.tx.fernleafcoffee.com".into();
        change(lane);
        let added = edited(&plan, Edit::AddLane(Purpose::Transactional));
        let lane = added.lanes.last().unwrap();
        assert_eq!(
            lane.sending_domain, "receipts2.fernleafcoffee.com",
            "case {i}"
        );
    }
    // Sending from tx.… alone leaves receipts.… free.
    let mut plan = sample_plan();
    plan.lanes[0].sending_domain = "tx.fernleafcoffee.com".into();
    plan.lanes[0].from_address = "orders@tx.fernleafcoffee.com".into();
    plan.lanes[0].return_path_domain = "bounce.tx.fernleafcoffee.com".into();
    let added = edited(&plan, Edit::AddLane(Purpose::Transactional));
    assert_eq!(
        added.lanes.last().unwrap().sending_domain,
        "receipts.fernleafcoffee.com"
    );
}

#[test]
fn promotional_lanes_start_with_an_engagement_filter() {
    let s = run(&start(), vec![edit(Edit::AddLane(Purpose::Promotional))]);
    assert_eq!(
        s.plan().lanes.last().unwrap().engagement_filter,
        EngagementFilter::EngagedWithin { days: 90 }
    );
}

#[test]
fn updating_a_lane_normalises_its_domains() {
    let s0 = start();
    let s1 = run(
        &s0,
        vec![
            edit(lane_edit(
                "transactional",
                LaneField::SendingDomain("Receipts.Bücher.example".into()),
            )),
            edit(lane_edit(
                "transactional",
                LaneField::FromAddress("orders@RECEIPTS.bücher.example".into()),
            )),
        ],
    );
    assert_eq!(
        s1.plan().lanes[0].sending_domain,
        "receipts.xn--bcher-kva.example"
    );
    assert_eq!(
        s1.plan().lanes[0].from_address,
        "orders@receipts.xn--bcher-kva.example"
    );
}

#[test]
fn deleting_a_lane_leaves_its_journeys_unrouted() {
    let s0 = start();
    let s = run(
        &s0,
        vec![
            edit(Edit::Journey {
                journey: "cart-recovery".into(),
                set: JourneyField::LaneOverride(Some("revenue-flows".into())),
            }),
            edit(Edit::DeleteLane("revenue-flows".into())),
        ],
    );
    assert!(s.plan().lane("revenue-flows").is_none());
    assert_eq!(
        s.plan().journeys[3].lane_override.as_deref(),
        Some("revenue-flows"),
        "never silently moved"
    );
    let routing = switchyard::plan::routing::route(s.plan());
    assert_eq!(routing.routes[3].lane_id, None);
}

#[test]
fn a_new_lane_never_takes_the_id_a_deleted_one_is_still_named_by() {
    // (what goes on naming the deleted lane, the new lane's id)
    let rule = |lane: &str| {
        edit(Edit::Rule {
            rule: "rule-recovery".into(),
            set: RuleField::Lane(lane.into()),
        })
    };
    let cases: Vec<(Vec<Action>, &str)> = vec![
        (vec![], "vip"),
        (vec![rule("vip")], "vip-2"),
        (
            vec![edit(Edit::Journey {
                journey: "winback".into(),
                set: JourneyField::LaneOverride(Some("vip".into())),
            })],
            "vip-2",
        ),
        (
            vec![edit(Edit::SetDefaultLane(Some("vip".into())))],
            "vip-2",
        ),
        // Pointed elsewhere, the id is free again.
        (vec![rule("vip"), rule("promotional")], "vip"),
    ];
    for (naming, new_id) in cases {
        let mut actions = vec![edit(Edit::AddLane(Purpose::Vip))];
        actions.extend(naming.clone());
        actions.push(edit(Edit::DeleteLane("vip".into())));
        let s = run(&start(), actions);
        let s = apply(&s, edit(Edit::AddLane(Purpose::Vip)));
        let ids: Vec<&str> = s.plan().lanes.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids.last(), Some(&new_id), "{naming:?}");
    }
}

#[test]
fn journeys_and_rules_add_update_move_delete() {
    let s = run(
        &start(),
        vec![
            edit(Edit::AddJourney),
            edit(Edit::AddJourney),
            edit(Edit::AddRule),
        ],
    );
    let plan = s.plan();
    assert_eq!(plan.journeys[12].id, "journey-1");
    assert_eq!(plan.journeys[13].name, "New journey 2");
    let rule = plan.rules.last().unwrap().clone();
    assert_eq!(
        (rule.id.as_str(), rule.lane.as_str()),
        ("rule-1", "promotional")
    );
    let s = run(
        &s,
        vec![edit(Edit::MoveRule {
            rule: "rule-1".into(),
            direction: Direction::Up,
        })],
    );
    assert_eq!(s.plan().rules[3].id, "rule-1");
    let rule_edit = |set: RuleField| {
        edit(Edit::Rule {
            rule: "rule-1".into(),
            set,
        })
    };
    let s = run(
        &s,
        vec![
            rule_edit(RuleField::Intent {
                intent: Intent::Winback,
                on: true,
            }),
            rule_edit(RuleField::Lane("transactional".into())),
            edit(Edit::DeleteJourney("journey-1".into())),
            edit(Edit::DeleteRule("rule-broadcasts".into())),
        ],
    );
    assert_eq!(s.plan().journeys.len(), 13);
    assert!(s.plan().rules.iter().all(|r| r.id != "rule-broadcasts"));
    let rule = s.plan().rules.iter().find(|r| r.id == "rule-1").unwrap();
    assert_eq!(rule.lane, "transactional");
    assert_eq!(rule.when.intents, [Intent::Winback]);
}

#[test]
fn adds_deletes_moves_and_fixes_are_said_for_screen_readers() {
    let lane = |set: LaneField| Edit::Lane {
        lane: "promotional".into(),
        set,
    };
    // (edit, what is said afterwards; None: what was said before stays)
    let cases: Vec<(Edit, Option<&str>)> = vec![
        (Edit::AddJourney, Some("Added the journey “New journey”.")),
        (
            Edit::DeleteLane("promotional".into()),
            Some("Deleted the lane “Promotional”."),
        ),
        (
            Edit::MoveRule {
                rule: "rule-broadcasts".into(),
                direction: Direction::Up,
            },
            Some("Moved: the order of the rules changed: “Scheduled broadcasts” now comes before “Lifecycle revenue flows”."),
        ),
        (
            Edit::Many(vec![lane(LaneField::Name("Promos".into()))]),
            Some("Applied. Changed the lane “Promos”: its name changed from “Promotional” to “Promos”."),
        ),
        (
            Edit::Many(vec![
                lane(LaneField::Owner("Growth".into())),
                Edit::Journey {
                    journey: "order-confirmation".into(),
                    set: JourneyField::DailyVolume(10),
                },
            ]),
            Some("Applied. Changed the lane “Promotional”: its owner changed from “Brand marketing” to “Growth”. The journey “Order confirmation” changed too."),
        ),
        // A field typed into is heard as it is typed, so nothing is said.
        (lane(LaneField::Name("Promos".into())), None),
        // Nothing changed: nothing to say.
        (
            Edit::MoveLane {
                lane: "transactional".into(),
                direction: Direction::Up,
            },
            None,
        ),
    ];
    for (e, want) in cases {
        let before = start();
        let before = apply(&before, edit(Edit::AddRule));
        let after = apply(&before, edit(e.clone()));
        match want {
            Some(want) => {
                let (n, words) = after.said.clone().expect("something said");
                assert_eq!(words, want, "{e:?}");
                assert_eq!(n, before.said.as_ref().map_or(0, |(n, _)| n + 1), "{e:?}");
            }
            None => assert_eq!(after.said, before.said, "{e:?}"),
        }
    }
    // An undo, or another plan opened, makes what was said out of date.
    let added = apply(&start(), edit(Edit::AddJourney));
    assert!(added.said.is_some());
    assert_eq!(apply(&added, Action::Undo).said, None);
    let other = apply(&added, Action::NewPlan { id: "other".into() });
    assert_eq!(other.said, None);
}

#[test]
fn undo_and_redo_walk_the_history() {
    let s0 = start();
    let names = ["A", "B", "C"];
    let s3 = run(
        &s0,
        names
            .iter()
            .map(|n| edit(Edit::SetBrandName(n.to_string())))
            .collect(),
    );
    let s1 = run(&s3, vec![Action::Undo, Action::Undo]);
    assert_eq!(s1.plan().brand.name, "A");
    let s2 = run(&s1, vec![Action::Redo]);
    assert_eq!(s2.plan().brand.name, "B");
    let back = run(&s2, vec![Action::Undo, Action::Undo, Action::Undo]);
    assert_eq!(back.plan(), s0.plan());
    assert_eq!(
        run(&back, vec![Action::Undo]).plan(),
        s0.plan(),
        "undo past the start does nothing"
    );
    let branched = run(&s1, vec![edit(Edit::SetBrandName("Z".into()))]);
    assert!(branched.redo.is_empty(), "a new edit clears redo");
}

#[test]
fn undo_keeps_at_least_fifty_steps() {
    let s = run(
        &start(),
        (0..120)
            .map(|i| edit(Edit::SetNotes(format!("note {i}"))))
            .collect(),
    );
    assert_eq!(s.undo.len(), UNDO_LIMIT);
    let s = run(&s, (0..50).map(|_| Action::Undo).collect());
    assert_eq!(s.plan().notes, "note 69");
}

#[test]
fn a_duplicate_opens_as_a_copy_and_leaves_the_original_alone() {
    let s = run(&start(), vec![edit(Edit::SetNotes("before".into()))]);
    let s = run(&s, vec![Action::DuplicatePlan { id: "copy".into() }]);
    assert_eq!(s.active, "copy");
    assert_eq!(s.plans.len(), 2);
    let mut expected = start().plan().clone();
    expected.notes = "before".into();
    expected.id = "copy".into();
    assert_eq!(*s.plan(), expected, "the copy is the plan as edited so far");
    assert!(s.undo.is_empty(), "the copy starts its own history");
    assert!(s.entry().unsaved);
    let notice = s.notice.clone().expect("a confirmation");
    assert_eq!(notice.tone, Tone::Success);
    assert!(
        notice
            .text
            .contains("“Fernleaf Coffee (2)”, a copy of “Fernleaf Coffee”"),
        "{}",
        notice.text
    );
    // Editing the copy leaves the original as it was.
    let s = run(
        &s,
        vec![
            edit(Edit::SetNotes("after".into())),
            Action::SelectPlan("sample-fernleaf".into()),
        ],
    );
    assert_eq!(s.plan().notes, "before");
    assert_eq!(s.undo.len(), 1, "the original keeps its history");
    // An id already in use adds nothing.
    let again = run(&s, vec![Action::DuplicatePlan { id: "copy".into() }]);
    assert_eq!(again.plans.len(), 2);
    assert_eq!(again.active, "sample-fernleaf");
    assert_eq!(again.notice.unwrap().tone, Tone::Error);
}

/// A new plan's first lane is a custom lane, and its id is the one a
/// custom lane added to a plan without lanes takes: lane ids follow the
/// lane's purpose, numbered for a custom lane, never its name, which the
/// team may change while vendors keep the names made from the id.
#[test]
fn a_new_plans_first_lane_has_the_id_its_purpose_gives_an_added_lane() {
    let s = run(&start(), vec![Action::NewPlan { id: "p2".into() }]);
    let first = &s.plan().lanes[0];
    assert_eq!(first.purpose, Purpose::Custom);
    let mut bare = s.plan().clone();
    bare.lanes.clear();
    bare.default_lane = None;
    assert_eq!(
        added_id(&bare, &Edit::AddLane(first.purpose)).as_deref(),
        Some(first.id.as_str())
    );
    // (purpose of a lane added after it, its id)
    let cases = [
        (Purpose::Custom, "lane-2"),
        (Purpose::Promotional, "promotional"),
    ];
    for (purpose, id) in cases {
        let s = apply(&s, edit(Edit::AddLane(purpose)));
        assert_eq!(s.plan().lanes.last().unwrap().id, id, "{purpose:?}");
    }
}

#[test]
fn plans_are_added_selected_and_deleted() {
    let s = run(&start(), vec![Action::NewPlan { id: "p2".into() }]);
    assert_eq!(s.active, "p2");
    assert_eq!(s.plan().lanes.len(), 1);
    assert_eq!(s.plan().default_lane.as_deref(), Some("lane-1"));
    let s = run(
        &s,
        vec![
            edit(Edit::SetBrandName("Second".into())),
            Action::SelectPlan("sample-fernleaf".into()),
        ],
    );
    assert_eq!(s.plan().brand.name, "Fernleaf Coffee");
    assert!(s.undo.is_empty(), "history belongs to one plan");
    let s = run(&s, vec![Action::SelectPlan("nope".into())]);
    assert_eq!(s.active, "sample-fernleaf");
    let s = run(&s, vec![Action::DeletePlan("sample-fernleaf".into())]);
    assert_eq!(s.active, "p2");
    let s = run(&s, vec![Action::DeletePlan("p2".into())]);
    assert_eq!(s.plans.len(), 1, "the last plan stays");
    assert_eq!(s.notice.as_ref().unwrap().tone, Tone::Error);
    let s = run(&s, vec![Action::AddSample { id: "s2".into() }]);
    assert_eq!(s.plan().journeys.len(), 12);
    assert_eq!(s.plan().id, "s2");
    // Deleting the open plan opens the one before it in the picker.
    let s = run(
        &s,
        vec![
            Action::NewPlan { id: "p3".into() },
            Action::SelectPlan("s2".into()),
            Action::DeletePlan("s2".into()),
        ],
    );
    assert_eq!(s.active, "p2");
    let s = run(
        &s,
        vec![
            Action::SelectPlan("p2".into()),
            Action::DeletePlan("p2".into()),
        ],
    );
    assert_eq!(s.active, "p3", "the first plan's neighbour is the next");
}

#[test]
fn credentials_typed_into_fields_are_removed() {
    let s0 = start();
    let s = apply(
        &s0,
        edit(lane_edit(
            "revenue-flows",
            LaneField::SmtpUsername(
                "SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ".into(),
            ),
        )),
    );
    // A value that was a credential alone is cleared, so that exports
    // write their placeholder for it.
    assert_eq!(s.plan().lanes[1].smtp.username, "");
    assert!(s.notice.as_ref().unwrap().text.contains("removed"));
    let s = apply(
        &s,
        edit(Edit::SetNotes("key is AKIAIOSFODNN7EXAMPLE for now".into())),
    );
    assert_eq!(s.plan().notes, "key is [secret removed] for now");
}

#[test]
fn a_credential_in_any_text_is_removed_before_it_is_kept_exported_or_linked() {
    let key = "AKIAIOSFODNN7EXAMPLE";
    // (the edit, where its text lands)
    let cases = [
        (
            Edit::ChecklistItem {
                item: Item::SmtpServers,
                lane: "promotional".into(),
                set: ItemField::Notes(format!("smtp key {key}")),
            },
            "Checklist › Create the SMTP server configuration (Promotional) › notes",
        ),
        (
            lane_edit("promotional", LaneField::SmtpHost(key.to_string())),
            "Lane “Promotional” › SMTP › host",
        ),
        (
            Edit::Journey {
                journey: "order-confirmation".into(),
                set: JourneyField::Name(format!("Welcome {key}")),
            },
            "Journey “Welcome [secret removed]” › name",
        ),
    ];
    for (e, at) in cases {
        let s = apply(&start(), edit(e));
        let plan = s.plan();
        let notice = s.notice.as_ref().expect("a notice");
        assert!(notice.text.contains("removed"), "{at}");
        assert!(
            notice.details.iter().any(|p| p == at),
            "{at}: {:?}",
            notice.details
        );
        for (what, text) in [
            ("export", io::export(plan)),
            ("storage", switchyard::plan::storage::encode_plan(plan, 1)),
            ("link", switchyard::plan::link::fragment(plan)),
        ] {
            assert!(!text.contains(key), "{at}: {what}");
        }
    }
}

#[test]
fn every_text_of_a_plan_is_scrubbed() {
    // Each text of the sample plan in turn holds a key; the scrub finds it
    // wherever it is, except in pasted DNS records, which hold public keys,
    // whether it scrubs the whole plan or only what changed.
    let key = "xkeysib-0123456789abcdef";
    let value = serde_json::to_value(sample_plan()).unwrap();
    let mut paths = Vec::new();
    texts(&value, "$".into(), &mut paths);
    assert!(paths.len() > 100, "{}", paths.len());
    let mut scrubbed = 0;
    for path in &paths {
        let mut value = value.clone();
        let Some(text) = at(&mut value, path) else {
            continue;
        };
        *text = format!("{text} {key}");
        let Ok(plan) = serde_json::from_value::<Plan>(value) else {
            continue; // A tag, which no key could be.
        };
        // The whole plan, as a link does, and what changed, as an edit does.
        let mut whole = plan.clone();
        let mut changed = plan;
        for (how, removed, plan) in [
            ("whole", io::scrub_plan(&mut whole), whole),
            (
                "changed",
                io::scrub_changes(&sample_plan(), &mut changed),
                changed,
            ),
        ] {
            let kept = io::export(&plan).contains(key);
            if path.starts_with("$.existing_records") {
                assert!(kept && removed.is_empty(), "{how} {path}");
            } else {
                assert!(
                    !kept && removed == [path.clone()],
                    "{how} {path}: {removed:?}"
                );
            }
        }
        scrubbed += u32::from(!path.starts_with("$.existing_records"));
    }
    assert!(scrubbed > 100, "{scrubbed}");
}

/// The JSON paths of every string in `value`.
fn texts(value: &serde_json::Value, path: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(_) => out.push(path),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                texts(item, format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map {
                texts(item, format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

/// The string at a path `texts` wrote.
fn at<'v>(value: &'v mut serde_json::Value, path: &str) -> Option<&'v mut String> {
    let mut here = value;
    for step in path.trim_start_matches('$').split('.').skip(1) {
        let (key, indexes) = step.split_once('[').map_or((step, ""), |(k, i)| (k, i));
        here = here.get_mut(key)?;
        for index in indexes.split('[').filter(|i| !i.is_empty()) {
            here = here.get_mut(index.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    match here {
        serde_json::Value::String(text) => Some(text),
        _ => None,
    }
}

#[test]
fn imports_add_a_plan_and_never_replace_a_different_one() {
    let s0 = start();
    let same = io::import(io::export(s0.plan()).as_bytes()).unwrap();
    let s = apply(
        &s0,
        Action::Import {
            imported: same,
            fresh_id: "fresh".into(),
        },
    );
    assert_eq!(s.plans.len(), 1, "an identical plan is just opened");
    let mut other = sample_plan();
    other.brand.name = "Changed elsewhere".into();
    let imported = io::import(io::export(&other).as_bytes()).unwrap();
    let s = apply(
        &s0,
        Action::Import {
            imported,
            fresh_id: "fresh".into(),
        },
    );
    assert_eq!(s.plans.len(), 2);
    assert_eq!(s.active, "fresh");
    assert_eq!(
        s.plan().brand.name,
        "Changed elsewhere",
        "the brand is kept"
    );
    assert_eq!(
        *s.plans[0].plan,
        *s0.plan(),
        "the existing plan is untouched"
    );
    // The same file again opens the copy it made, instead of a third plan.
    let again = io::import(io::export(&other).as_bytes()).unwrap();
    let back = apply(&s, Action::SelectPlan("sample-fernleaf".into()));
    let s = apply(
        &back,
        Action::Import {
            imported: again,
            fresh_id: "fresher".into(),
        },
    );
    assert_eq!((s.plans.len(), s.active.as_str()), (2, "fresh"));
    let notice = s.notice.as_ref().unwrap();
    assert_eq!(
        notice.text,
        "Nothing imported: the file is identical to “Changed elsewhere”, a plan you already have, which is now open."
    );
    assert_eq!(notice.tone, Tone::Info);
}

#[test]
fn copies_are_named_as_the_picker_names_them_when_deleted_or_imported_again() {
    let copies = run(
        &start(),
        vec![
            Action::DuplicatePlan {
                id: "copy-2".into(),
            },
            Action::DuplicatePlan {
                id: "copy-3".into(),
            },
        ],
    );
    assert_eq!(
        copies.label_of("copy-3").as_deref(),
        Some("Fernleaf Coffee (3)")
    );
    let deleted = apply(&copies, Action::DeletePlan("copy-3".into()));
    assert_eq!(
        deleted.notice.expect("the deletion is told").text,
        "Deleted “Fernleaf Coffee (3)”; “Fernleaf Coffee (2)” is open."
    );
    // The file a copy exported opens that copy, not the first plan
    // identical to it.
    let file = io::import(io::export(copies.plan()).as_bytes()).unwrap();
    let back = apply(&copies, Action::SelectPlan("sample-fernleaf".into()));
    let s = apply(
        &back,
        Action::Import {
            imported: file,
            fresh_id: "fresher".into(),
        },
    );
    assert_eq!((s.plans.len(), s.active.as_str()), (3, "copy-3"));
    assert_eq!(
        s.notice.unwrap().text,
        "Nothing imported: the file is identical to “Fernleaf Coffee (3)”, a plan you already have, which is now open."
    );
}

#[test]
fn a_refused_link_is_said_to_be_a_link() {
    let s0 = start();
    let error = switchyard::plan::link::read("#plan=1.garbage!!")
        .unwrap()
        .unwrap_err();
    let s = apply(&s0, Action::LinkFailed(error));
    assert_eq!(s.plans, s0.plans);
    let notice = s.notice.unwrap();
    assert_eq!(notice.tone, Tone::Error);
    assert!(notice.text.starts_with("Link refused: "), "{}", notice.text);
    assert!(notice.details.iter().any(|d| d.contains("not changed")));
}

/// The saved plans that could not be read keep their own message through
/// every other message, edit, undo, import and switch of plan, until the
/// user downloads them or dismisses it.
#[test]
fn unreadable_plans_stay_offered_until_downloaded_or_dismissed() {
    let mut s0 = start();
    s0.damaged = vec![switchyard::plan::storage::DamagedCopy {
        id: "plan-2".into(),
        name: Some("Acme".into()),
        problem: "the saved copy is damaged".into(),
    }];
    let mut other = sample_plan();
    other.brand.name = "Elsewhere".into();
    let imported = io::import(io::export(&other).as_bytes()).unwrap();
    let error = switchyard::plan::link::read("#plan=1.garbage!!")
        .unwrap()
        .unwrap_err();
    let actions = [
        edit(Edit::SetBrandName("Fernleaf".into())),
        Action::Undo,
        Action::Redo,
        Action::Import {
            imported,
            fresh_id: "fresh".into(),
        },
        Action::SelectPlan("sample-fernleaf".into()),
        Action::LinkFailed(error),
        Action::DismissNotice,
        Action::NewPlan { id: "new".into() },
        Action::DeletePlan("new".into()),
    ];
    let mut s = s0.clone();
    for action in actions {
        let label = format!("{action:?}");
        s = apply(&s, action);
        assert_eq!(s.damaged, s0.damaged, "{label}");
    }
    let s = apply(&s, Action::DismissDamaged);
    assert!(s.damaged.is_empty());
    // Dismissing it leaves any other message alone.
    let s = apply(
        &s0,
        Action::LinkFailed(switchyard::plan::io::import(b"x").unwrap_err()),
    );
    let s = apply(&s, Action::DismissDamaged);
    assert!(s.notice.is_some() && s.damaged.is_empty());
}

#[test]
fn an_import_with_references_to_a_missing_lane_opens_and_says_so() {
    let s0 = start();
    let mut other = sample_plan();
    other.id = "other".into();
    edit_plan(&mut other, Edit::DeleteLane("revenue-flows".into()));
    let imported = io::import(io::export(&other).as_bytes()).unwrap();
    let s = apply(
        &s0,
        Action::Import {
            imported,
            fresh_id: "fresh".into(),
        },
    );
    assert_eq!(*s.plan(), other);
    let notice = s.notice.expect("the import says how it went");
    let broken = switchyard::plan::validate::integrity(&other).len();
    assert!(broken > 0);
    assert_eq!(
        notice.details,
        [format!(
            "It has {broken} broken lane references; the Problems tab lists each with its fix."
        )]
    );
}

#[test]
fn the_picker_numbers_plans_that_share_a_brand() {
    // (each plan's id and brand, the picker's labels)
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);
    let cases: [Case; 6] = [
        (&[("a", "Fernleaf")], &["Fernleaf"]),
        (
            &[("a", "Fernleaf"), ("b", "Other"), ("c", " Fernleaf ")],
            &["Fernleaf", "Other", "Fernleaf (2)"],
        ),
        (
            &[("a", "X"), ("b", "X"), ("c", "X")],
            &["X", "X (2)", "X (3)"],
        ),
        // A blank brand is an untitled plan, never its internal id.
        (
            &[("a", ""), ("b", "  ")],
            &["Untitled plan", "Untitled plan (2)"],
        ),
        // A brand that looks like a numbered copy keeps its name.
        (
            &[("a", "X"), ("b", "X"), ("c", "X (2)")],
            &["X", "X (3)", "X (2)"],
        ),
        (
            &[("a", "X (2)"), ("b", "X"), ("c", "X"), ("d", "X (2)")],
            &["X (2)", "X", "X (3)", "X (2) (2)"],
        ),
    ];
    for (plans, labels) in cases {
        let plans = plans
            .iter()
            .map(|(id, brand)| {
                let mut plan = sample_plan();
                plan.id = id.to_string();
                plan.brand.name = brand.to_string();
                (plan, 1)
            })
            .collect();
        assert_eq!(
            PlannerState::with_plans(plans, None).picker_labels(),
            labels
        );
    }
}

/// An import of a plan named as one already kept is named as the picker
/// numbers it.
#[test]
fn an_import_named_like_a_kept_plan_is_named_as_the_picker_numbers_it() {
    let s0 = start();
    let mut copy = sample_plan();
    copy.notes = "A changed copy".into();
    let imported = io::import(io::export(&copy).as_bytes()).unwrap();
    let s = apply(
        &s0,
        Action::Import {
            imported,
            fresh_id: "fresh".into(),
        },
    );
    let label = s.label_of("fresh").unwrap();
    assert_eq!(label, "Fernleaf Coffee (2)");
    let notice = s.notice.unwrap();
    assert_eq!(notice.text, "Imported “Fernleaf Coffee (2)”.");
    assert!(notice.details.iter().any(|d| d.contains("added as a copy")));
}

/// A plan whose brand is blank is named as the picker names it./// A plan whose brand is blank is named as the picker names it.
#[test]
fn a_plan_without_a_brand_is_untitled_in_notices() {
    let s0 = start();
    let mut blank = sample_plan();
    blank.brand.name = "  ".into();
    let imported = io::import(io::export(&blank).as_bytes()).unwrap();
    let s = apply(
        &s0,
        Action::Import {
            imported,
            fresh_id: "fresh".into(),
        },
    );
    assert_eq!(s.notice.unwrap().text, "Imported “Untitled plan”.");
    assert_eq!(blank.title(), "Untitled plan");
}

#[test]
fn a_failed_import_changes_only_the_message() {
    let s0 = start();
    let error = io::import(b"{ nope").unwrap_err();
    let s = apply(&s0, Action::ImportFailed(error));
    assert_eq!(s.plans, s0.plans);
    let notice = s.notice.unwrap();
    assert_eq!(notice.tone, Tone::Error);
    assert!(notice.text.starts_with("Import refused"));
    assert!(notice.details.iter().any(|d| d.contains("line 1")));
    assert!(notice.details.iter().any(|d| d.contains("not changed")));
}

#[test]
fn saving_records_the_revision() {
    let s = run(
        &start(),
        vec![
            edit(Edit::SetNotes("x".into())),
            Action::Saved {
                plan_id: "sample-fernleaf".into(),
                rev: 2,
            },
        ],
    );
    assert!(!s.entry().unsaved);
    assert_eq!(s.entry().stored_rev, 2);
}

#[test]
fn another_tab_updates_a_clean_plan() {
    let mut theirs = sample_plan();
    theirs.notes = "from tab B".into();
    let s = apply(
        &start(),
        Action::External {
            plan_id: "sample-fernleaf".into(),
            plan: Some(theirs.clone()),
            rev: 2,
        },
    );
    assert_eq!(s.plan(), &theirs);
    assert_eq!(s.entry().stored_rev, 2);
    assert!(s.conflict.is_none());
    let external = |s: &PlannerState, plan: &Plan, rev: u64| {
        apply(
            s,
            Action::External {
                plan_id: "sample-fernleaf".into(),
                plan: Some(plan.clone()),
                rev,
            },
        )
    };
    let stale = external(&s, &sample_plan(), 1);
    assert_eq!(stale, s, "an older revision, arriving late, is ignored");
    assert_eq!(
        external(&s, &theirs, 2),
        s,
        "the same version again is ignored"
    );
    assert_eq!(
        s.notice.as_ref().unwrap().text,
        "This plan was updated from another tab."
    );
    // A tab with steps to undo is told they are gone, since undoing past the
    // other tab's version would undo its edits too.
    let edited = apply(&s, Action::Edit(Edit::SetNotes("mine".into())));
    let saved = apply(
        &edited,
        Action::Saved {
            plan_id: "sample-fernleaf".into(),
            rev: 3,
        },
    );
    let mut again = theirs.clone();
    again.notes = "from tab B again".into();
    let told = apply(
        &saved,
        Action::External {
            plan_id: "sample-fernleaf".into(),
            plan: Some(again),
            rev: 4,
        },
    );
    assert!(told
        .notice
        .as_ref()
        .unwrap()
        .text
        .contains("Undo starts again"));
}

#[test]
fn two_tabs_saving_the_same_revision_at_once_are_asked_which_to_keep() {
    // This tab saved revision 2; another tab saved its own revision 2 at
    // the same moment, and storage holds one of the two.
    let mine = run(
        &start(),
        vec![
            edit(Edit::SetBrandName("Mine".into())),
            Action::Saved {
                plan_id: "sample-fernleaf".into(),
                rev: 2,
            },
        ],
    );
    let mut theirs = sample_plan();
    theirs.brand.primary_domain = "theirs.example".into();
    let s = apply(
        &mine,
        Action::External {
            plan_id: "sample-fernleaf".into(),
            plan: Some(theirs.clone()),
            rev: 2,
        },
    );
    let conflict = s.conflict.clone().expect("the question is asked");
    assert!(conflict.tie);
    assert_eq!(
        s.plan().brand.name,
        "Mine",
        "nothing changes before the answer"
    );
    // Either answer is saved again, as storage may hold the other version.
    let kept = apply(&s, Action::Resolve(Resolution::KeepMine));
    assert_eq!(
        (
            kept.plan().brand.name.as_str(),
            kept.entry().unsaved,
            kept.entry().stored_rev
        ),
        ("Mine", true, 2)
    );
    let taken = apply(&s, Action::Resolve(Resolution::TakeTheirs));
    // A third tab that only read revision 2 takes the later of the two
    // saves, with no question: it wrote neither.
    let bystander = apply(
        &start(),
        Action::External {
            plan_id: "sample-fernleaf".into(),
            plan: Some(mine.plan().clone()),
            rev: 2,
        },
    );
    let later = apply(
        &bystander,
        Action::External {
            plan_id: "sample-fernleaf".into(),
            plan: Some(theirs.clone()),
            rev: 2,
        },
    );
    assert!(later.conflict.is_none());
    assert_eq!(later.plan(), &theirs);
    assert_eq!(
        (
            taken.plan(),
            taken.entry().unsaved,
            taken.entry().stored_rev
        ),
        (&theirs, true, 2)
    );
}

#[test]
fn another_tab_never_silently_overwrites_unsaved_edits() {
    let mine = run(&start(), vec![edit(Edit::SetNotes("mine".into()))]);
    let mut theirs = sample_plan();
    theirs.notes = "theirs".into();
    let s = apply(
        &mine,
        Action::External {
            plan_id: "sample-fernleaf".into(),
            plan: Some(theirs.clone()),
            rev: 2,
        },
    );
    assert_eq!(s.plan().notes, "mine");
    assert_eq!(s.conflict.as_ref().unwrap().rev, 2);

    let kept = apply(&s, Action::Resolve(Resolution::KeepMine));
    assert_eq!(kept.plan().notes, "mine");
    assert_eq!(
        (kept.entry().stored_rev, kept.entry().unsaved),
        (2, true),
        "the next save overwrites revision 2 on purpose"
    );
    assert!(kept.conflict.is_none());

    let taken = apply(&s, Action::Resolve(Resolution::TakeTheirs));
    assert_eq!(taken.plan().notes, "theirs");
    assert_eq!(
        (taken.entry().stored_rev, taken.entry().unsaved),
        (2, false)
    );
}

#[test]
fn a_save_conflict_pauses_until_resolved() {
    let s = run(
        &start(),
        vec![
            edit(Edit::SetNotes("mine".into())),
            Action::SaveConflict {
                plan_id: "sample-fernleaf".into(),
                theirs: Some(sample_plan()),
                rev: 5,
            },
        ],
    );
    assert!(s.conflict.is_some());
    assert!(s.entry().unsaved);
}

#[test]
fn plans_from_other_tabs_appear_and_disappear() {
    let mut other = sample_plan();
    other.id = "tab-b".into();
    let s = apply(
        &start(),
        Action::External {
            plan_id: "tab-b".into(),
            plan: Some(other),
            rev: 1,
        },
    );
    assert_eq!(s.plans.len(), 2);
    assert_eq!(
        s.active, "sample-fernleaf",
        "a new plan elsewhere does not take focus"
    );
    let s = apply(
        &s,
        Action::External {
            plan_id: "tab-b".into(),
            plan: None,
            rev: 0,
        },
    );
    assert_eq!(s.plans.len(), 1);
    // The open plan deleted in another tab gives way to the one before it.
    let s = run(
        &start(),
        vec![
            Action::NewPlan { id: "p2".into() },
            Action::NewPlan { id: "p3".into() },
            Action::SelectPlan("p3".into()),
            Action::Saved {
                plan_id: "p3".into(),
                rev: 1,
            },
            Action::External {
                plan_id: "p3".into(),
                plan: None,
                rev: 0,
            },
        ],
    );
    assert_eq!(s.active, "p2");
    assert!(s
        .notice
        .as_ref()
        .unwrap()
        .text
        .contains("deleted in another tab"));
}

#[test]
fn with_plans_falls_back_to_the_first_plan() {
    let s = PlannerState::with_plans(vec![(sample_plan(), 3)], Some("missing"));
    assert_eq!(s.active, "sample-fernleaf");
    assert!(!s.entry().unsaved);
    let fresh = PlannerState::with_plans(vec![(sample_plan(), 0)], None);
    assert!(
        fresh.entry().unsaved,
        "a plan never saved is saved on first run"
    );
}

fn lane_edit(lane: &str, set: LaneField) -> Edit {
    Edit::Lane {
        lane: lane.into(),
        set,
    }
}

/// The sample plan after one edit through the reducer, which also removes
/// anything that looks like a credential.
fn after(e: Edit) -> Plan {
    apply(&start(), edit(e)).plan().clone()
}

/// `plan` with one edit applied, as the reducer applies it.
fn edited(plan: &Plan, e: Edit) -> Plan {
    let mut next = plan.clone();
    edit_plan(&mut next, e);
    next
}

#[test]
fn fields_of_the_domains_page_edit_the_plan() {
    let p = after(lane_edit(
        "revenue-flows",
        LaneField::DkimSelector("k2".into()),
    ));
    assert_eq!(p.lane("revenue-flows").unwrap().dkim_selector, "k2");
    let p = after(lane_edit(
        "revenue-flows",
        LaneField::IpAddresses(vec![
            "198.51.100.10".into(),
            "198.51.100.11".into(),
            "2001:db8::1".into(),
        ]),
    ));
    assert_eq!(
        p.lane("revenue-flows").unwrap().ip_addresses,
        ["198.51.100.10", "198.51.100.11", "2001:db8::1"]
    );
    assert_eq!(
        after(Edit::Dmarc(DmarcField::Goal(DmarcPolicy::Quarantine)))
            .dmarc
            .goal,
        DmarcPolicy::Quarantine
    );
    assert_eq!(
        after(Edit::Dmarc(DmarcField::WeeksPerStage(6)))
            .dmarc
            .weeks_per_stage,
        6
    );
    assert_eq!(
        after(Edit::Dmarc(DmarcField::RolloutStart(" 2027-02-01 ".into())))
            .dmarc
            .rollout_start,
        "2027-02-01",
        "dates are kept without the spaces around them"
    );
    assert!(
        after(Edit::Dmarc(DmarcField::StrictSpf(true)))
            .dmarc
            .strict_spf
    );
    assert!(
        !after(Edit::Dmarc(DmarcField::StrictDkim(false)))
            .dmarc
            .strict_dkim
    );
    assert_eq!(
        after(Edit::Extras(ExtrasField::MtaSts(MtaStsMode::Enforce)))
            .extras
            .mta_sts,
        MtaStsMode::Enforce
    );
    assert_eq!(
        after(Edit::Extras(ExtrasField::BimiLogo(
            "https://a.example/l.svg".into()
        )))
        .extras
        .bimi_logo,
        "https://a.example/l.svg"
    );
    assert_eq!(
        after(Edit::SetExistingRecords("@ IN TXT \"x\"".into())).existing_records,
        "@ IN TXT \"x\""
    );
    // An edit to a lane the plan does not have changes nothing.
    let s0 = start();
    let s = apply(
        &s0,
        edit(lane_edit("nope", LaneField::DkimSelector("x".into()))),
    );
    assert_eq!(s, s0, "no undo step either");
}

#[test]
fn the_brand_form_and_the_monitoring_page_edit_the_plan() {
    let plan = sample_plan();
    assert_eq!(
        after(Edit::SetBrandName("Fernleaf".into())).brand.name,
        "Fernleaf"
    );
    assert_eq!(
        after(Edit::SetPrimaryDomain("X.Example".into()))
            .brand
            .primary_domain,
        "x.example"
    );
    assert_eq!(after(Edit::SetNotes("n".into())).notes, "n");
    // Mapping a lane key, moving it, and removing it.
    let map = |lane: Option<&str>| Edit::MapKey {
        kind: KeyKind::SendgridPool,
        key: "promo:eu".into(),
        lane: lane.map(str::to_string),
    };
    let p = edited(&plan, map(Some("promotional")));
    let m = p.monitoring.mapping.last().unwrap();
    assert_eq!(
        (m.key.as_str(), m.lane.as_str()),
        ("promo:eu", "promotional")
    );
    let p = edited(&p, map(Some("revenue-flows")));
    assert_eq!(
        p.monitoring
            .mapping
            .iter()
            .filter(|m| m.key == "promo:eu")
            .count(),
        1
    );
    let p = edited(&p, map(None));
    assert_eq!(p.monitoring.mapping, plan.monitoring.mapping);
    assert_eq!(edited(&plan, map(Some("gone"))), plan);
    // Postmaster Tools figures typed in, each row addressed by its id.
    let add = Edit::AddPostmaster {
        date: "2026-11-29".into(),
    };
    let p = edited(&plan, add.clone());
    let first = p.monitoring.postmaster[0].clone();
    assert_eq!(
        (first.date.as_str(), first.domain.as_str()),
        ("2026-11-29", "fernleafcoffee.com")
    );
    let row = |set: PostmasterField| Edit::Postmaster {
        entry: first.id.clone(),
        set,
    };
    let p = edited(&p, row(PostmasterField::SpamRatePercent(0.2)));
    let p = edited(
        &p,
        row(PostmasterField::Domain("Mail.FernleafCoffee.com".into())),
    );
    assert_eq!(
        (
            p.monitoring.postmaster[0].spam_rate_percent,
            p.monitoring.postmaster[0].domain.as_str()
        ),
        (0.2, "mail.fernleafcoffee.com")
    );
    assert_eq!(
        edited(&p, row(PostmasterField::SpamRatePercent(200.0))),
        p,
        "a rate over 100% is refused"
    );
    let p = edited(&p, add);
    let second = p.monitoring.postmaster[1].id.clone();
    assert_ne!(second, first.id);
    let p = edited(&p, Edit::DeletePostmaster(first.id.clone()));
    assert_eq!(p.monitoring.postmaster.len(), 1);
    assert_eq!(p.monitoring.postmaster[0].id, second);
}

#[test]
fn smtp_ports_follow_the_platform_and_the_security() {
    use Security::{ImplicitTls as Tls, Starttls as Start};
    // (platform, provider, securities chosen in turn, the port after the
    // provider and after each security)
    let cases: [(Platform, Provider, &[Security], &[u16]); 7] = [
        (
            Platform::OwnCode,
            Provider::Postmark,
            &[Tls, Start],
            &[587, 465, 587],
        ),
        (
            Platform::CustomerIo,
            Provider::Postmark,
            &[Tls, Start],
            &[2525, 465, 2525],
        ),
        // SES's other ports, where Customer.io refuses 587 and 465.
        (
            Platform::CustomerIo,
            Provider::AmazonSes,
            &[Tls, Start],
            &[2587, 2465, 2587],
        ),
        (
            Platform::OwnCode,
            Provider::AmazonSes,
            &[Tls, Start],
            &[587, 465, 587],
        ),
        (
            Platform::CustomerIo,
            Provider::Custom,
            &[Tls, Start],
            &[2525, 465, 2525],
        ),
        (Platform::CustomerIo, Provider::CustomerIo, &[], &[0]),
        // The same security again moves nothing.
        (
            Platform::OwnCode,
            Provider::SendGrid,
            &[Start, Tls, Tls],
            &[587, 587, 465, 465],
        ),
    ];
    for (platform, provider, securities, ports) in cases {
        let mut plan = sample_plan();
        plan.platform.kind = platform;
        let what = format!("{provider:?} on {platform:?}");
        plan = edited(
            &plan,
            lane_edit("promotional", LaneField::Provider(provider)),
        );
        let port = |p: &Plan| p.lane("promotional").unwrap().smtp.port;
        let mut seen = vec![port(&plan)];
        for security in securities {
            plan = edited(
                &plan,
                lane_edit("promotional", LaneField::SmtpSecurity(*security)),
            );
            seen.push(port(&plan));
        }
        assert_eq!(seen, ports, "{what}");
    }
    // A port typed by hand stays when the security changes.
    let mut plan = sample_plan();
    plan.lanes[2].smtp.port = 2600;
    let plan = edited(
        &plan,
        lane_edit("promotional", LaneField::SmtpSecurity(Tls)),
    );
    assert_eq!(plan.lanes[2].smtp.port, 2600);
}

#[test]
fn fields_and_buttons_of_the_lanes_page_edit_the_plan() {
    let lane = |p: &Plan| p.lane("promotional").unwrap().clone();
    let set = |field: LaneField| lane(&after(lane_edit("promotional", field)));
    assert_eq!(set(LaneField::Name("Offers".into())).name, "Offers");
    // A cleared name becomes the purpose's, numbered past the others'.
    assert_eq!(set(LaneField::Name("  ".into())).name, "Promotional lane");
    let mut two = sample_plan();
    two.lanes[1].name = "Promotional lane".into();
    let cleared = edited(
        &two,
        lane_edit("promotional", LaneField::Name(String::new())),
    );
    assert_eq!(cleared.lanes[2].name, "Promotional lane 2");
    assert_eq!(set(LaneField::Purpose(Purpose::Vip)).purpose, Purpose::Vip);
    assert_eq!(
        set(LaneField::Status(LaneStatus::Warm)).status,
        LaneStatus::Warm
    );
    // A provider brings its SMTP defaults, on a port Customer.io takes.
    assert_eq!(
        set(LaneField::Provider(Provider::Postmark)).smtp,
        Smtp {
            port: 2525,
            ..Smtp::from_preset(Provider::Postmark)
        }
    );
    assert_eq!(set(LaneField::SmtpPort(2525)).smtp.port, 2525);
    assert_eq!(
        set(LaneField::IpStrategy(IpStrategy::Shared)).ip_strategy,
        IpStrategy::Shared
    );
    assert_eq!(
        set(LaneField::IpStrategy(IpStrategy::Dedicated { count: 4 })).ip_strategy,
        IpStrategy::Dedicated { count: 4 }
    );
    assert_eq!(
        set(LaneField::EngagementFilter(
            EngagementFilter::EngagedWithin { days: 60 }
        ))
        .engagement_filter,
        EngagementFilter::EngagedWithin { days: 60 }
    );
    // A password typed as a user name is removed, as everywhere.
    assert_eq!(
        set(LaneField::SmtpUsername(
            "SG.aaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".into()
        ))
        .smtp
        .username,
        ""
    );
    let ids = |p: &Plan| p.lanes.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
    let p = after(Edit::AddLane(Purpose::Vip));
    assert_eq!(p.lanes.last().unwrap().purpose, Purpose::Vip);
    let p = after(Edit::MoveLane {
        lane: "promotional".into(),
        direction: Direction::Up,
    });
    assert_eq!(ids(&p), ["transactional", "promotional", "revenue-flows"]);
    let p = after(Edit::DeleteLane("transactional".into()));
    assert_eq!(ids(&p), ["revenue-flows", "promotional"]);
    assert_eq!(after(Edit::DeleteLane("nope".into())), sample_plan());
}

#[test]
fn choosing_a_schedule_for_a_warm_lane_plans_its_warmup() {
    let preset = |p: Option<WarmupPreset>| Edit::Warmup {
        lane: "transactional".into(),
        set: WarmupField::Preset(p),
    };
    let s = apply(
        &start(),
        edit(preset(Some(WarmupPreset::KumoTransactional))),
    );
    let lane = s.plan().lane("transactional").unwrap();
    assert_eq!(
        lane.warmup.as_ref().unwrap().preset,
        WarmupPreset::KumoTransactional
    );
    let s = apply(&s, edit(preset(None)));
    assert!(s.plan().lane("transactional").unwrap().warmup.is_none());
    // Another preset keeps the dates already planned.
    let p = after(Edit::Warmup {
        lane: "promotional".into(),
        set: WarmupField::Preset(Some(WarmupPreset::Custom)),
    });
    let w = p.lane("promotional").unwrap().warmup.clone().unwrap();
    assert_eq!(
        (w.preset, w.start_date.as_str(), w.target_volume),
        (WarmupPreset::Custom, "2027-09-06", 60_000)
    );
}

#[test]
fn domain_edits_undo_in_one_step() {
    let s = run(
        &start(),
        vec![
            edit(Edit::Dmarc(DmarcField::Rua("r@fernleafcoffee.com".into()))),
            edit(Edit::SetExistingRecords(String::new())),
            Action::Undo,
        ],
    );
    assert_eq!(s.plan().dmarc.rua, "r@fernleafcoffee.com");
    assert_eq!(s.plan().existing_records, sample_plan().existing_records);
}

#[test]
fn simulation_settings_and_fallbacks_edit_the_plan() {
    let plan = sample_plan();
    let sim = |set: SimulationField| after(Edit::Simulation(set)).simulation;
    assert_eq!(
        sim(SimulationField::Mix {
            provider: Mailbox::Other,
            percent: 9,
        })
        .mix_percent[4],
        9
    );
    assert_eq!(
        sim(SimulationField::PromoAudience(Audience::Engaged30)).promo_audience,
        Audience::Engaged30
    );
    assert_eq!(
        sim(SimulationField::GateBouncePercent(3.5)).gate_bounce_percent,
        3.5
    );
    let fallback = |lane: &str, action: Option<FallbackAction>| Edit::SetFallback {
        lane: lane.into(),
        action,
    };
    let shifted = after(fallback("revenue-flows", Some(FallbackAction::Shift)));
    assert_eq!(shifted.simulation.fallbacks.len(), 2);
    assert_eq!(
        shifted.simulation.fallbacks[1].action,
        FallbackAction::Shift
    );
    assert!(after(fallback("promotional", None))
        .simulation
        .fallbacks
        .is_empty());
    for refused in [
        Edit::Simulation(SimulationField::GateDeliveredPercent(101.0)),
        fallback("nope", Some(FallbackAction::Shift)),
        // A lane without a fallback has no lane to shift to.
        Edit::SetFallbackShift {
            lane: "transactional".into(),
            shift_lane: Some("promotional".into()),
        },
    ] {
        assert_eq!(edited(&plan, refused.clone()), plan, "{refused:?}");
    }
    // Deleting a lane removes its fallback and any shift into it.
    let s = run(
        &start(),
        vec![
            edit(fallback("revenue-flows", Some(FallbackAction::Shift))),
            edit(Edit::SetFallbackShift {
                lane: "revenue-flows".into(),
                shift_lane: Some("promotional".into()),
            }),
        ],
    );
    assert_eq!(
        s.plan().simulation.fallbacks[1].shift_lane.as_deref(),
        Some("promotional")
    );
    let s = apply(&s, edit(Edit::DeleteLane("promotional".into())));
    let fallbacks = &s.plan().simulation.fallbacks;
    assert_eq!(fallbacks.len(), 1);
    assert_eq!(
        (
            fallbacks[0].lane.as_str(),
            fallbacks[0].shift_lane.as_deref()
        ),
        ("revenue-flows", None)
    );
}

#[test]
fn fields_and_buttons_of_the_rules_page_edit_the_plan() {
    let plan = sample_plan();
    let set = |set: RuleField| Edit::Rule {
        rule: "rule-recovery".into(),
        set,
    };
    let rule = |p: &Plan| {
        p.rules
            .iter()
            .find(|r| r.id == "rule-recovery")
            .unwrap()
            .clone()
    };
    assert!(!rule(&after(set(RuleField::Enabled(false)))).enabled);
    assert_eq!(
        rule(&after(set(RuleField::Lane("transactional".into())))).lane,
        "transactional"
    );
    let p = after(set(RuleField::MinRevenue(Some(0.5))));
    assert_eq!(rule(&p).when.min_revenue_per_recipient, Some(0.5));
    let p = edited(&p, set(RuleField::MinRevenue(None)));
    assert_eq!(rule(&p).when.min_revenue_per_recipient, None);
    // Ticking keeps the choices' order; unticking removes one.
    let unticked = rule(&after(set(RuleField::Intent {
        intent: Intent::CartAbandonment,
        on: false,
    })));
    assert!(!unticked.when.intents.contains(&Intent::CartAbandonment));
    let order = rule(&after(set(RuleField::Intent {
        intent: Intent::BrowseAbandonment,
        on: true,
    })))
    .when
    .intents;
    let mut sorted = order.clone();
    sorted.sort_by_key(|i| Intent::ALL.iter().position(|x| x == i));
    assert_eq!(order, sorted);
    assert_eq!(order.len(), 3);
    assert_eq!(after(Edit::SetDefaultLane(None)).default_lane, None);
    for refused in [
        set(RuleField::MinRevenue(Some(-1.0))),
        set(RuleField::Lane("gone".into())),
        Edit::Rule {
            rule: "nope".into(),
            set: RuleField::Name("x".into()),
        },
        Edit::DeleteRule("nope".into()),
    ] {
        assert_eq!(edited(&plan, refused.clone()), plan, "{refused:?}");
    }
    let p = after(Edit::AddRule);
    assert_eq!(p.rules.len(), plan.rules.len() + 1);
    let p = after(Edit::MoveRule {
        rule: "rule-recovery".into(),
        direction: Direction::Down,
    });
    assert_eq!(p.rules[2].id, "rule-recovery");
    let p = after(Edit::DeleteRule("rule-recovery".into()));
    assert!(p.rules.iter().all(|r| r.id != "rule-recovery"));
}

#[test]
fn checklist_fields_edit_the_plan() {
    let plan = sample_plan();
    let state = |p: &Plan, item: Item, lane: &str| {
        p.checklist
            .items
            .iter()
            .find(|s| s.item == item && s.lane == lane)
            .cloned()
    };
    let set = |item: Item, lane: &str, set: ItemField| Edit::ChecklistItem {
        item,
        lane: lane.into(),
        set,
    };
    // A first touch creates the item's state; later ones change it.
    assert_eq!(state(&plan, Item::DomainPlan, "promotional"), None);
    let p = edited(
        &plan,
        set(
            Item::DomainPlan,
            "promotional",
            ItemField::Owner("Dana".into()),
        ),
    );
    let p = edited(
        &p,
        set(
            Item::DomainPlan,
            "promotional",
            ItemField::Due(" 2027-08-01 ".into()),
        ),
    );
    let p = edited(
        &p,
        set(
            Item::DomainPlan,
            "promotional",
            ItemField::Notes("Waiting on IT".into()),
        ),
    );
    let s = state(&p, Item::DomainPlan, "promotional").unwrap();
    assert_eq!(
        (s.owner.as_str(), s.due.as_str(), s.notes.as_str(), s.status),
        ("Dana", "2027-08-01", "Waiting on IT", None)
    );
    let status = |item: Item, status: Option<ItemStatus>| {
        set(item, "promotional", ItemField::Status(status))
    };
    let p = edited(&p, status(Item::SmtpServers, Some(ItemStatus::Done)));
    assert_eq!(
        state(&p, Item::SmtpServers, "promotional").unwrap().status,
        Some(ItemStatus::Done)
    );
    let p = edited(&p, status(Item::SmtpServers, None));
    assert_eq!(
        state(&p, Item::SmtpServers, "promotional").unwrap().status,
        None
    );
    // An empty note on an item without a record changes nothing, and a
    // record set back to nothing goes: it says no more than none.
    let blank = set(
        Item::TrackingDomain,
        "promotional",
        ItemField::Notes(String::new()),
    );
    assert_eq!(edited(&p, blank), p);
    let noted = set(
        Item::TrackingDomain,
        "promotional",
        ItemField::Notes("Ask IT".into()),
    );
    let cleared = set(
        Item::TrackingDomain,
        "promotional",
        ItemField::Notes(String::new()),
    );
    assert_eq!(edited(&edited(&p, noted), cleared), p);
    // A QA box ticks the check done, or takes it back.
    let p = edited(&p, status(Item::QaUnsubscribe, Some(ItemStatus::Done)));
    assert_eq!(
        state(&p, Item::QaUnsubscribe, "promotional")
            .unwrap()
            .status,
        Some(ItemStatus::Done)
    );
    // Taken back, the box leaves no record, as before it was ticked.
    let p = edited(&p, status(Item::QaUnsubscribe, None));
    assert_eq!(state(&p, Item::QaUnsubscribe, "promotional"), None);
    // Plan-wide items have no lane.
    let p = edited(
        &p,
        set(Item::FallbackPlan, "", ItemField::Owner("Ops".into())),
    );
    assert_eq!(state(&p, Item::FallbackPlan, "").unwrap().owner, "Ops");
    let p = edited(&p, Edit::SetMigratingEsp(true));
    assert!(p.checklist.migrating_esp);
    let gone = set(Item::DomainPlan, "gone", ItemField::Owner("x".into()));
    assert_eq!(edited(&plan, gone), plan);
}

#[test]
fn seed_tests_are_added_edited_and_deleted_by_id() {
    let plan = sample_plan();
    let n = plan.checklist.seeds.len();
    let p = edited(
        &plan,
        Edit::AddSeed {
            lane: "promotional".into(),
            date: "2026-11-29".into(),
        },
    );
    let seed = p.checklist.seeds.last().unwrap().clone();
    assert_eq!(
        (seed.lane.as_str(), seed.date.as_str(), seed.gmail),
        ("promotional", "2026-11-29", Placement::NotTested)
    );
    assert!(plan.checklist.seeds.iter().all(|s| s.id != seed.id));
    let set = |set: SeedField| Edit::Seed {
        seed: seed.id.clone(),
        set,
    };
    let p = edited(&p, set(SeedField::Gmail(Placement::Tab)));
    let p = edited(&p, set(SeedField::Outlook(Placement::Spam)));
    let p = edited(&p, set(SeedField::Date("2026-11-30".into())));
    let s = &p.checklist.seeds[n];
    assert_eq!(
        (s.gmail, s.outlook, s.date.as_str()),
        (Placement::Tab, Placement::Spam, "2026-11-30")
    );
    // Deleting an earlier row moves the new one up; its id still finds it.
    let p = edited(&p, Edit::DeleteSeed(plan.checklist.seeds[0].id.clone()));
    assert_eq!(p.checklist.seeds.len(), n);
    let p = edited(&p, set(SeedField::Yahoo(Placement::Missing)));
    assert_eq!(p.checklist.seeds[n - 1].id, seed.id);
    assert_eq!(p.checklist.seeds[n - 1].yahoo, Placement::Missing);
    for refused in [
        Edit::DeleteSeed("seed-99".into()),
        Edit::Seed {
            seed: "seed-99".into(),
            set: SeedField::Gmail(Placement::Spam),
        },
        Edit::AddSeed {
            lane: "gone".into(),
            date: "2026-11-29".into(),
        },
    ] {
        assert_eq!(edited(&p, refused.clone()), p, "{refused:?}");
    }
}

#[test]
fn the_preference_matrix_edits_the_plan() {
    let plan = sample_plan();
    let p = edited(&plan, Edit::AddTopic);
    let topic = p.preferences.topics.last().unwrap().clone();
    assert_eq!(
        (topic.id.as_str(), topic.kind),
        ("topic-1", TopicKind::Lifecycle)
    );
    let set = |set: TopicField| Edit::Topic {
        topic: "topic-1".into(),
        set,
    };
    let tick = |lane: &str, on: bool| {
        set(TopicField::Suppresses {
            lane: lane.into(),
            on,
        })
    };
    let p = edited(&p, set(TopicField::Name("Restock alerts".into())));
    let p = edited(&p, set(TopicField::Kind(TopicKind::Promotional)));
    // Ticked lanes keep the plan's lane order, whatever the order of ticks.
    let p = edited(&p, tick("promotional", true));
    let p = edited(&p, tick("revenue-flows", true));
    let t = p.preferences.topics.last().unwrap();
    assert_eq!(
        (t.name.as_str(), t.kind),
        ("Restock alerts", TopicKind::Promotional)
    );
    assert_eq!(t.suppresses, ["revenue-flows", "promotional"]);
    let p = edited(&p, tick("revenue-flows", false));
    assert_eq!(
        p.preferences.topics.last().unwrap().suppresses,
        ["promotional"]
    );
    let one_click = |lane: &str, on: bool| Edit::SetOneClick {
        lane: lane.into(),
        on,
    };
    let p = edited(&p, one_click("transactional", true));
    assert_eq!(
        p.preferences.one_click_lanes,
        ["transactional", "revenue-flows", "promotional"]
    );
    let p = edited(&p, one_click("promotional", false));
    assert_eq!(
        p.preferences.one_click_lanes,
        ["transactional", "revenue-flows"]
    );
    let p = edited(&p, Edit::SetProcessingDays(1));
    assert_eq!(p.preferences.processing_days, 1);
    let p = edited(&p, Edit::DeleteTopic("topic-1".into()));
    assert_eq!(p.preferences.topics.len(), plan.preferences.topics.len());
    let mut empty = plan.clone();
    empty.preferences.topics.clear();
    let standard = switchyard::review::lint::standard_preferences(&empty);
    let p = edited(&empty, Edit::SetPreferences(standard));
    assert_eq!(p.preferences.topics.len(), 3);
    for refused in [
        Edit::Topic {
            topic: "nope".into(),
            set: TopicField::Name("x".into()),
        },
        Edit::Topic {
            topic: "promotions".into(),
            set: TopicField::Suppresses {
                lane: "gone".into(),
                on: true,
            },
        },
        one_click("gone", true),
        Edit::DeleteTopic("nope".into()),
    ] {
        assert_eq!(edited(&plan, refused.clone()), plan, "{refused:?}");
    }
}

#[test]
fn thresholds_edit_the_plan() {
    let mut plan = sample_plan();
    plan.monitoring.thresholds.clear();
    let set = |lane: &str, set: ThresholdField| Edit::Threshold {
        lane: lane.into(),
        set,
    };
    // The first edit starts from the reference figures.
    let p = edited(
        &plan,
        set("promotional", ThresholdField::ComplaintActPercent(0.25)),
    );
    let t = &p.monitoring.thresholds[0];
    assert_eq!(
        (
            t.lane.as_str(),
            t.complaint_act_percent,
            t.bounce_act_percent
        ),
        ("promotional", 0.25, 5.0)
    );
    let p = edited(&p, set("promotional", ThresholdField::Reset));
    assert_eq!(
        p.monitoring.thresholds[0],
        Thresholds::reference("promotional")
    );
    for value in [-1.0, 101.0, f64::NAN] {
        let refused = set("promotional", ThresholdField::BounceWatchPercent(value));
        assert_eq!(edited(&p, refused.clone()), p, "{refused:?}");
        assert_eq!(edited(&plan, refused.clone()), plan, "{refused:?}");
    }
    assert_eq!(edited(&p, set("gone", ThresholdField::Reset)), p);
}

#[test]
fn deleting_a_lane_takes_its_progress_and_policy_with_it() {
    let s = run(
        &start(),
        vec![edit(Edit::DeleteLane("revenue-flows".into()))],
    );
    let plan = s.plan();
    assert!(plan
        .checklist
        .items
        .iter()
        .all(|i| i.lane != "revenue-flows"));
    assert!(plan
        .checklist
        .seeds
        .iter()
        .all(|i| i.lane != "revenue-flows"));
    assert!(plan
        .preferences
        .topics
        .iter()
        .all(|t| !t.suppresses.contains(&"revenue-flows".to_string())));
    assert!(!plan
        .preferences
        .one_click_lanes
        .contains(&"revenue-flows".to_string()));
    assert!(plan
        .monitoring
        .thresholds
        .iter()
        .all(|t| t.lane != "revenue-flows"));
}

#[test]
fn several_edits_are_one_undo_step() {
    let s1 = apply(&start(), edit(Edit::SetBrandName("Elsewhere".into())));
    let s2 = apply(
        &s1,
        edit(Edit::Many(vec![
            Edit::SetBrandName("A".into()),
            Edit::SetNotes("B".into()),
        ])),
    );
    assert_eq!(
        (s2.plan().brand.name.as_str(), s2.plan().notes.as_str()),
        ("A", "B")
    );
    let s3 = apply(&s2, Action::Undo);
    assert_eq!(s3.plan(), s1.plan());
}

#[test]
fn each_plan_keeps_its_undo_while_another_is_open() {
    let s = run(
        &start(),
        vec![
            edit(Edit::SetBrandName("Fernleaf".into())),
            Action::NewPlan {
                id: "plan-2".into(),
            },
            edit(Edit::SetBrandName("Second".into())),
            Action::SelectPlan("sample-fernleaf".into()),
        ],
    );
    assert_eq!(s.plan().brand.name, "Fernleaf");
    assert_eq!((s.undo.len(), s.redo.len()), (1, 0));
    let s = apply(&s, Action::Undo);
    assert_eq!(s.plan().brand.name, "Fernleaf Coffee");
    // Back on the second plan: its own history, with the undo just made
    // on the first left behind.
    let s = apply(&s, Action::SelectPlan("plan-2".into()));
    assert_eq!((s.undo.len(), s.redo.len()), (1, 0));
    let s = apply(&s, Action::Undo);
    assert_eq!(s.plan().title(), "Untitled plan");
    // A deleted plan's history goes with it.
    let s = run(
        &s,
        vec![
            edit(Edit::SetNotes("kept".into())),
            Action::DeletePlan("plan-2".into()),
            Action::NewPlan {
                id: "plan-2".into(),
            },
        ],
    );
    assert!(s.undo.is_empty() && s.redo.is_empty());
}

#[test]
fn a_failed_save_is_remembered_until_a_save_succeeds() {
    let state = PlannerState::with_plans(vec![(sample_plan(), 1)], None);
    let id = state.plan().id.clone();
    let failed = apply(
        &state,
        Action::SaveFailed {
            plan_id: id.clone(),
            message: "the browser's storage is full or blocked.".into(),
        },
    );
    assert!(failed.entry().save_failed);
    assert_eq!(failed.save_state(), SaveState::Failed);
    assert!(failed.edits_at_risk());
    assert!(failed
        .notice
        .as_ref()
        .unwrap()
        .text
        .contains("could not be saved"));
    // A retry that fails again keeps what the user did since in view.
    let later = run(
        &failed,
        vec![
            Action::ImportFailed(io::import(b"{ nope").unwrap_err()),
            Action::SaveFailed {
                plan_id: id.clone(),
                message: "the browser's storage is full or blocked.".into(),
            },
        ],
    );
    assert!(later.entry().save_failed);
    assert!(later
        .notice
        .as_ref()
        .unwrap()
        .text
        .starts_with("Import refused"));
    let saved = apply(
        &failed,
        Action::Saved {
            plan_id: id,
            rev: 2,
        },
    );
    assert!(!saved.entry().save_failed);
    assert!(!saved.entry().unsaved);
    assert_eq!(saved.save_state(), SaveState::Saved);
    assert!(!saved.edits_at_risk());
}

#[test]
fn a_confirmation_goes_with_the_next_edit_and_an_error_stays() {
    let rename = || edit(Edit::SetBrandName("Next Brand".into()));
    // (what raises the notice, whether the next edit clears it)
    let cases: Vec<(Action, bool)> = vec![
        (Action::NewPlan { id: "fresh".into() }, true),
        (
            Action::AddSample {
                id: "second".into(),
            },
            true,
        ),
        (Action::DeletePlan("fernleaf-coffee".into()), false),
    ];
    for (raise, clears) in cases {
        let s = apply(&start(), raise.clone());
        let raised = s.notice.clone().expect("a notice");
        let after = apply(&s, rename());
        assert_eq!(after.notice.is_none(), clears, "{raise:?}: {raised:?}");
        // An edit that changes nothing leaves every notice alone.
        let same = apply(&after, rename());
        assert_eq!(same.notice, after.notice);
    }
    // Opening another plan, or deleting the new one, moves on too.
    let s = apply(&start(), Action::NewPlan { id: "fresh".into() });
    assert!(apply(&s, Action::SelectPlan("sample-fernleaf".into()))
        .notice
        .is_none());
    // A deletion says what it deleted and what is open now, in place of
    // the new plan's confirmation.
    let deleted = apply(&s, Action::DeletePlan("fresh".into()));
    let said = deleted.notice.expect("the deletion is told").text;
    assert!(said.starts_with("Deleted “"), "{said}");
    assert!(said.ends_with("” is open."), "{said}");
    assert!(
        apply(&s, Action::SelectPlan("fresh".into()))
            .notice
            .is_some(),
        "the open plan again"
    );
}

#[test]
fn moving_a_lane_to_another_provider_says_what_it_cleared() {
    let lane = |set: LaneField| {
        edit(Edit::Lane {
            lane: "revenue-flows".into(),
            set,
        })
    };
    let done = |item: Item| {
        edit(Edit::ChecklistItem {
            item,
            lane: "revenue-flows".into(),
            set: ItemField::Status(Some(ItemStatus::Done)),
        })
    };
    let in_progress = edit(Edit::ChecklistItem {
        item: Item::SmtpServers,
        lane: "revenue-flows".into(),
        set: ItemField::Status(Some(ItemStatus::InProgress)),
    });
    let said = "Revenue flows now sends through Amazon SES. What was set for the old provider is cleared; Undo brings it back.";
    let shared = lane(LaneField::IpStrategy(IpStrategy::Shared));
    // (what the lane had, the new provider, what the notice lists)
    type Case<'a> = (Vec<Action>, Provider, Option<Vec<&'a str>>);
    let cold = "Status: was warm, now new, as the new provider's dedicated IPs warm up anew";
    // The lane's seed results stay, said beside what was cleared.
    let seeds = "Seed tests: 2 results from the old provider kept; the latest counts until the lane is tested again";
    let cases: Vec<Case> = vec![
        (vec![shared.clone()], Provider::AmazonSes, None),
        // Dedicated IPs at the new provider start cold.
        (vec![], Provider::AmazonSes, Some(vec![cold, seeds])),
        (
            vec![shared.clone(), lane(LaneField::IpAddresses(vec!["198.51.100.10".into()]))],
            Provider::AmazonSes,
            Some(vec!["IP address 198.51.100.10, the old provider's", seeds]),
        ),
        (
            vec![
                lane(LaneField::IpAddresses(vec!["198.51.100.10".into(), "198.51.100.11".into()])),
                in_progress,
                done(Item::Authenticate),
            ],
            Provider::AmazonSes,
            Some(vec![
                "IP address 198.51.100.10, the old provider's",
                "IP address 198.51.100.11, the old provider's",
                cold,
                "Checklist: “Create the SMTP server configuration” was in progress, now as the plan shows it",
                "Checklist: “Authenticate with SPF and DKIM; publish DMARC” was done, now as the plan shows it",
                seeds,
            ]),
        ),
        // The DKIM selector the old provider gave goes with it.
        (
            vec![shared.clone(), lane(LaneField::DkimSelector("s7".into()))],
            Provider::AmazonSes,
            Some(vec!["DKIM selector s7, the old provider's", seeds]),
        ),
        // The same provider again clears nothing.
        (
            vec![
                lane(LaneField::IpAddresses(vec!["198.51.100.10".into()])),
                lane(LaneField::DkimSelector("s7".into())),
            ],
            Provider::SendGrid,
            None,
        ),
    ];
    // The sample's lane has an address and work done; each case starts without.
    let mut clean = vec![lane(LaneField::IpAddresses(vec![]))];
    for item in [Item::SmtpServers, Item::Authenticate, Item::AuthConfigured] {
        clean.push(edit(Edit::ChecklistItem {
            item,
            lane: "revenue-flows".into(),
            set: ItemField::Status(None),
        }));
    }
    for (had, provider, says) in cases {
        let s = run(&run(&start(), clean.clone()), had);
        let s = apply(&s, Action::DismissNotice);
        let s = apply(&s, lane(LaneField::Provider(provider)));
        let notice = s.notice.as_ref().map(|n| {
            (
                n.text.as_str(),
                n.details.iter().map(String::as_str).collect::<Vec<_>>(),
            )
        });
        assert_eq!(notice, says.map(|d| (said, d)), "{provider:?}");
        // A second change, which clears nothing more, leaves the list on
        // screen under the new provider's name.
        if notice.is_some() {
            let again = apply(&s, lane(LaneField::Provider(Provider::Postmark)));
            let (was, now) = (s.notice.as_ref().unwrap(), again.notice.as_ref().unwrap());
            assert_eq!(now.details, was.details);
            // One undo now brings back the first move's provider, not
            // what it cleared, and the notice says so.
            assert_eq!(
                now.text,
                "Revenue flows now sends through Postmark. What was set before the first move is cleared; undoing each move brings it back."
            );
        }
    }
}

/// A warm lane moved to another sending domain starts new there, as the
/// domain has no reputation yet, and the work done on the old domain
/// reopens; a notice says so, and Undo brings it all back. The same
/// domain written otherwise moves nothing.
#[test]
fn moving_a_lane_to_another_sending_domain_says_what_it_cleared() {
    let set = |domain: &str| {
        edit(Edit::Lane {
            lane: "transactional".into(),
            set: LaneField::SendingDomain(domain.into()),
        })
    };
    let done = edit(Edit::ChecklistItem {
        item: Item::QaTrackingDomain,
        lane: "transactional".into(),
        set: ItemField::Status(Some(ItemStatus::Done)),
    });
    let s = apply(&run(&start(), vec![done]), Action::DismissNotice);
    let before = s.plan().clone();
    let lane = |s: &PlannerState| s.plan().lane("transactional").unwrap().clone();
    assert_eq!(lane(&s).status, LaneStatus::Warm);
    let same = apply(&s, set(&lane(&s).sending_domain.to_uppercase()));
    assert!(same.notice.is_none());
    assert_eq!(lane(&same).status, LaneStatus::Warm);
    let moved = apply(&s, set("txn.fernleafcoffee.com"));
    assert_eq!(lane(&moved).status, LaneStatus::New);
    let notice = moved.notice.as_ref().unwrap();
    assert_eq!(
        notice.text,
        "Transactional now sends from txn.fernleafcoffee.com. What was set for the old sending domain is cleared; Undo brings it back."
    );
    assert_eq!(
        notice.details[0],
        "Status: was warm, now new, as the new sending domain has no reputation yet"
    );
    assert!(notice.details.contains(&"Checklist: “QA from end to end › Link-tracking domain” was done, now as the plan shows it".to_string()), "{:?}", notice.details);
    let reopened = (moved.plan().checklist.items.iter())
        .filter(|i| i.lane == "transactional" && i.item == Item::QaTrackingDomain)
        .all(|i| i.status.is_none());
    assert!(reopened);
    assert_eq!(apply(&moved, Action::Undo).plan(), &before);
}

#[test]
fn moving_an_ses_lane_to_another_region_reopens_its_work() {
    let lane = |set: LaneField| {
        edit(Edit::Lane {
            lane: "revenue-flows".into(),
            set,
        })
    };
    let authenticated = edit(Edit::ChecklistItem {
        item: Item::Authenticate,
        lane: "revenue-flows".into(),
        set: ItemField::Status(Some(ItemStatus::Done)),
    });
    let host = |region: &str| {
        lane(LaneField::SmtpHost(format!(
            "email-smtp.{region}.amazonaws.com"
        )))
    };
    let on_ses = run(
        &start(),
        vec![
            lane(LaneField::IpStrategy(IpStrategy::Shared)),
            lane(LaneField::Provider(Provider::AmazonSes)),
            host("us-east-1"),
            authenticated,
            Action::DismissNotice,
        ],
    );
    let status = |s: &PlannerState| {
        (s.plan().checklist.items.iter())
            .find(|i| i.item == Item::Authenticate && i.lane == "revenue-flows")
            .and_then(|i| i.status)
    };
    assert_eq!(status(&on_ses), Some(ItemStatus::Done));
    // (the new host, whether the work reopens)
    let cases = [
        ("email-smtp.eu-west-1.amazonaws.com", true),
        ("email-smtp.us-east-1.amazonaws.com", false),
        ("smtp.relay.example", false),
    ];
    for (to, reopens) in cases {
        let s = apply(&on_ses, lane(LaneField::SmtpHost(to.into())));
        assert_eq!(status(&s).is_none(), reopens, "{to}");
        let text = s.notice.as_ref().map(|n| n.text.clone());
        if reopens {
            assert_eq!(
                text.as_deref(),
                Some("Revenue flows now sends through Amazon SES in eu-west-1. What was set for the old region is cleared; Undo brings it back.")
            );
            assert_eq!(apply(&s, Action::Undo).plan(), on_ses.plan(), "{to}");
        } else {
            assert_eq!(text, None, "{to}");
        }
    }
}

#[test]
fn a_new_lanes_suggested_domains_follow_the_primary_domain_and_its_purpose() {
    let lane = |set: LaneField| {
        edit(Edit::Lane {
            lane: "lane-1".into(),
            set,
        })
    };
    let domains = |s: &PlannerState| {
        let l = &s.plan().lanes[0];
        (
            l.sending_domain.clone(),
            l.from_address.clone(),
            l.return_path_domain.clone(),
        )
    };
    let s = run(&start(), vec![Action::NewPlan { id: "fresh".into() }]);
    assert_eq!(domains(&s), (String::new(), String::new(), String::new()));
    let purpose = s.plan().lanes[0].purpose;
    let s = apply(&s, edit(Edit::SetPrimaryDomain("JuniperRye.com".into())));
    let suggested = |s: &PlannerState, p: Purpose| {
        let d = switchyard::plan::edit::own_domains(s.plan(), p, Some("lane-1")).unwrap();
        (d.sending, d.from_address, d.return_path)
    };
    assert_eq!(domains(&s), suggested(&s, purpose));
    let s = apply(&s, lane(LaneField::Purpose(Purpose::Transactional)));
    assert_eq!(
        domains(&s),
        (
            "receipts.juniperrye.com".into(),
            "orders@receipts.juniperrye.com".into(),
            "bounce.receipts.juniperrye.com".into()
        )
    );
    // Domains the user chose stay, whatever the purpose.
    let s = apply(
        &s,
        lane(LaneField::SendingDomain("tx.juniperrye.com".into())),
    );
    let chosen = domains(&s);
    let s = apply(&s, lane(LaneField::Purpose(Purpose::Promotional)));
    assert_eq!(domains(&s), chosen);
    // So do a sending lane's, whose records are published.
    let s = run(
        &start(),
        vec![edit(Edit::Lane {
            lane: "transactional".into(),
            set: LaneField::Purpose(Purpose::Custom),
        })],
    );
    assert_eq!(
        s.plan().lanes[0].sending_domain,
        start().plan().lanes[0].sending_domain
    );
}

#[test]
fn a_new_journeys_trigger_follows_its_intent_until_set() {
    // (platform, intent picked, the trigger it starts from)
    let cases = [
        (
            Platform::CustomerIo,
            Intent::OrderConfirmation,
            TriggerKind::TransactionalApi,
        ),
        (
            Platform::OwnCode,
            Intent::OrderConfirmation,
            TriggerKind::Event,
        ),
        (
            Platform::OwnCode,
            Intent::CartAbandonment,
            TriggerKind::Event,
        ),
        (
            Platform::OwnCode,
            Intent::Winback,
            TriggerKind::SegmentEntry,
        ),
        (
            Platform::OwnCode,
            Intent::Newsletter,
            TriggerKind::Scheduled,
        ),
    ];
    for (platform, intent, kind) in cases {
        let journey = |set: JourneyField| {
            edit(Edit::Journey {
                journey: "journey-1".into(),
                set,
            })
        };
        let s = run(
            &start(),
            vec![
                edit(Edit::SetPlatform(platform)),
                edit(Edit::AddJourney),
                journey(JourneyField::Intent(intent)),
            ],
        );
        let j = s.plan().journeys.last().unwrap();
        assert_eq!(j.trigger.kind(), kind, "{platform:?} {intent:?}");
        // Once the trigger is set, the intent no longer moves it.
        let s = run(
            &s,
            vec![
                journey(JourneyField::TriggerKind(TriggerKind::ApiBroadcast)),
                journey(JourneyField::Intent(Intent::Welcome)),
            ],
        );
        let j = s.plan().journeys.last().unwrap();
        assert_eq!(
            j.trigger.kind(),
            TriggerKind::ApiBroadcast,
            "{platform:?} {intent:?}"
        );
    }
    // A journey that sends keeps its trigger, even the usual one: a weekly
    // newsletter turned into a winback stays scheduled.
    let mut plan = sample_plan();
    let n = plan
        .journeys
        .iter()
        .position(|j| j.id == "newsletter")
        .unwrap();
    plan.journeys[n].trigger = Trigger::starting(TriggerKind::Scheduled);
    let s = apply(
        &PlannerState::with_plans(vec![(plan, 1)], None),
        edit(Edit::Journey {
            journey: "newsletter".into(),
            set: JourneyField::Intent(Intent::Winback),
        }),
    );
    let j = s
        .plan()
        .journeys
        .iter()
        .find(|j| j.id == "newsletter")
        .unwrap();
    assert_eq!(j.trigger.kind(), TriggerKind::Scheduled);
}

#[test]
fn a_from_address_and_bounce_domain_on_the_sending_domain_follow_it() {
    let set = |set: LaneField| {
        edit(Edit::Lane {
            lane: "transactional".into(),
            set,
        })
    };
    let identity = |s: &PlannerState| {
        let l = &s.plan().lanes[0];
        (l.from_address.clone(), l.return_path_domain.clone())
    };
    // (a change made first, the new sending domain, the From address and
    // bounce domain after)
    let cases = [
        (
            None,
            "tx.fernleafcoffee.com",
            (
                "orders@tx.fernleafcoffee.com",
                "bounce.tx.fernleafcoffee.com",
            ),
        ),
        (
            Some(set(LaneField::FromAddress(
                "care@fernleafcoffee.com".into(),
            ))),
            "tx.fernleafcoffee.com",
            ("care@fernleafcoffee.com", "bounce.tx.fernleafcoffee.com"),
        ),
        (
            Some(set(LaneField::ReturnPathDomain(
                "rp.fernleafcoffee.com".into(),
            ))),
            "TX.FernleafCoffee.com.",
            ("orders@tx.fernleafcoffee.com", "rp.fernleafcoffee.com"),
        ),
        // A name that is not yet a domain stays as typed, as does the From
        // address it gives, but the bounce domain it gives is a domain, in
        // canonical form at once rather than at the lane's next edit.
        (None, "Mail2", ("orders@Mail2", "bounce.mail2")),
    ];
    for (first, domain, (from, bounce)) in cases {
        let s = run(&start(), first.into_iter().collect());
        let s = apply(&s, set(LaneField::SendingDomain(domain.into())));
        assert_eq!(
            identity(&s),
            (from.to_string(), bounce.to_string()),
            "{domain}"
        );
    }
}

#[test]
fn untouched_suggested_domains_follow_a_corrected_primary_domain_and_a_numbered_subdomain_moves() {
    let lane = |id: &str, set: LaneField| {
        edit(Edit::Lane {
            lane: id.into(),
            set,
        })
    };
    let sending = |s: &PlannerState, id: &str| s.plan().lane(id).unwrap().sending_domain.clone();
    let s = run(
        &start(),
        vec![
            Action::NewPlan { id: "fresh".into() },
            edit(Edit::SetPrimaryDomain("acme-shpo.com".into())),
            edit(Edit::SetPrimaryDomain("acme-shop.com".into())),
        ],
    );
    assert!(
        sending(&s, "lane-1").ends_with(".acme-shop.com"),
        "{}",
        sending(&s, "lane-1")
    );
    let from = s.plan().lanes[0].from_address.clone();
    assert!(from.ends_with(".acme-shop.com"), "{from}");
    // Two promotional lanes: mail. and mail2.; the second, made
    // transactional, takes receipts.
    let s = run(
        &s,
        vec![
            edit(Edit::AddLane(Purpose::Promotional)),
            edit(Edit::AddLane(Purpose::Promotional)),
        ],
    );
    assert_eq!(sending(&s, "promotional-2"), "mail2.acme-shop.com");
    let s = apply(
        &s,
        lane("promotional-2", LaneField::Purpose(Purpose::Transactional)),
    );
    assert_eq!(sending(&s, "promotional-2"), "receipts.acme-shop.com");
}

#[test]
fn a_fix_that_moves_a_lane_names_the_provider_it_moves_to() {
    let lane = |set: LaneField| {
        edit(Edit::Lane {
            lane: "revenue-flows".into(),
            set,
        })
    };
    let moved = run(
        &start(),
        vec![lane(LaneField::Provider(Provider::CustomerIo))],
    );
    let text = |s: &PlannerState| {
        s.notice
            .as_ref()
            .map(|n| n.text.clone())
            .unwrap_or_default()
    };
    assert!(
        text(&moved).starts_with("Revenue flows now sends through Customer.io"),
        "{}",
        text(&moved)
    );
    // The fix is a list of edits; its move updates the notice.
    let fix = edit(Edit::Many(vec![Edit::Lane {
        lane: "revenue-flows".into(),
        set: LaneField::Provider(Provider::Postmark),
    }]));
    let fixed = apply(&moved, fix);
    assert!(
        text(&fixed).starts_with("Revenue flows now sends through Postmark."),
        "{}",
        text(&fixed)
    );
}

#[test]
fn another_tab_takes_away_the_open_plan_or_an_item_in_it() {
    let ours = sample_plan();
    let external = |plan: Option<Plan>| Action::External {
        plan_id: ours.id.clone(),
        plan,
        rev: 2,
    };
    let without = |drop: fn(&mut Plan)| {
        let mut theirs = ours.clone();
        drop(&mut theirs);
        external(Some(theirs))
    };
    let mut renamed = ours.clone();
    renamed.lanes[0].name = "Receipts".into();
    let mut added = ours.clone();
    added.journeys.push(added.journeys[0].clone());
    added.journeys.last_mut().unwrap().id = "another".into();
    let mut elsewhere = ours.clone();
    elsewhere.id = "other-plan".into();
    // (what the other tab saved, whether it takes something away)
    let cases = [
        (external(None), true),
        (without(|p| drop(p.lanes.pop())), true),
        (without(|p| drop(p.journeys.remove(3))), true),
        (without(|p| drop(p.rules.remove(0))), true),
        (external(Some(renamed)), false),
        (external(Some(added)), false),
        (
            Action::External {
                plan_id: "other-plan".into(),
                plan: None,
                rev: 1,
            },
            false,
        ),
        (Action::Undo, false),
    ];
    for (action, expected) in cases {
        assert_eq!(takes_away(&ours, &action), expected, "{action:?}");
    }
    // Typed text committed first makes an edit, so the delete is asked about.
    let two = run(
        &start(),
        vec![
            Action::NewPlan { id: "p2".into() },
            Action::SelectPlan("sample-fernleaf".into()),
        ],
    );
    let typed = run(
        &two,
        vec![edit(Edit::SetNotes("typed".into())), external(None)],
    );
    let conflict = typed.conflict.clone().expect("the user is asked");
    assert_eq!(conflict.theirs, None);
    assert_eq!(typed.plan().notes, "typed");
}

#[test]
fn a_new_plans_lanes_take_the_brand_name_as_from_name_in_one_undo_step() {
    // (steps after New plan, each lane's From name after them)
    let named = |n: &str| edit(Edit::SetBrandName(n.into()));
    let from = |lane: &str, v: &str| {
        edit(Edit::Lane {
            lane: lane.into(),
            set: LaneField::FromName(v.into()),
        })
    };
    let cases: Vec<(Vec<Action>, Vec<&str>)> = vec![
        (vec![], vec![""]),
        (vec![named("Acme Tea")], vec!["Acme Tea"]),
        (
            vec![named("Acme Tea"), edit(Edit::AddLane(Purpose::Promotional))],
            vec!["Acme Tea", "Acme Tea"],
        ),
        (
            vec![edit(Edit::AddLane(Purpose::Promotional)), named("Acme Tea")],
            vec!["Acme Tea", "Acme Tea"],
        ),
        // Filled from the brand, it follows the brand's next name.
        (vec![named("Acme"), named("Acme Tea")], vec!["Acme Tea"]),
        // A From name written by hand stays.
        (
            vec![from("lane-1", "Tea Club"), named("Acme Tea")],
            vec!["Tea Club"],
        ),
        (
            vec![named("Acme"), from("lane-1", "Tea Club"), named("Acme Tea")],
            vec!["Tea Club"],
        ),
        // One of blanks only counts as empty.
        (
            vec![from("lane-1", "  "), named("Acme Tea")],
            vec!["Acme Tea"],
        ),
    ];
    let new = apply(&start(), Action::NewPlan { id: "new".into() });
    for (steps, expected) in cases {
        let what = format!("{steps:?}");
        let s = run(&new, steps);
        let names: Vec<&str> = (s.plan().lanes.iter())
            .map(|l| l.from_name.as_str())
            .collect();
        assert_eq!(names, expected, "{what}");
        // Naming the brand is one step: undo takes back the name and
        // every From name it filled.
        let before = s.plan().clone();
        let renamed = apply(&s, named("Acme Tea Co"));
        let lanes = &renamed.plan().lanes;
        assert!(lanes.iter().all(|l| !l.from_name.is_empty()), "{what}");
        assert_eq!(apply(&renamed, Action::Undo).plan(), &before, "{what}");
    }
}

#[test]
fn a_new_plan_has_no_placeholder_brand_for_fixes_to_offer() {
    // (From name typed on the new plan's lane, then a brand name or none)
    let cases = [
        ("Brewhaus Orders", None),
        ("Shop", None),
        ("Shop", Some("Brewhaus")),
    ];
    for (from, brand) in cases {
        let mut actions = vec![Action::NewPlan {
            id: "plan-2".into(),
        }];
        actions.push(edit(Edit::Lane {
            lane: "lane-1".into(),
            set: LaneField::FromName(from.into()),
        }));
        if let Some(brand) = brand {
            actions.push(edit(Edit::SetBrandName(brand.into())));
        }
        let s = run(&start(), actions);
        let plan = s.plan();
        assert_eq!(plan.title(), brand.unwrap_or("Untitled plan"));
        let routing = switchyard::plan::routing::route(plan);
        let offers: Vec<String> = (switchyard::review::lint::lint(plan, &routing).iter())
            .filter_map(|d| Some(d.fix.as_ref()?.label.clone()))
            .filter(|label| label.starts_with("Use “"))
            .collect();
        let want: Vec<String> = brand.map(|b| format!("Use “{b}”")).into_iter().collect();
        assert_eq!(offers, want, "{from}");
    }
}

/// A lane still called what it was given (a new plan's "Main lane", or its
/// purpose's name) is renamed with a new purpose; a name the team chose
/// stays.
#[test]
fn a_lanes_given_name_follows_its_purpose_and_a_chosen_one_stays() {
    let lane = |set: LaneField| {
        edit(Edit::Lane {
            lane: "lane-1".into(),
            set,
        })
    };
    let name = |s: &PlannerState| s.plan().lanes[0].name.clone();
    let s = run(&start(), vec![Action::NewPlan { id: "fresh".into() }]);
    assert_eq!(name(&s), "Main lane");
    let steps = [
        (
            LaneField::Purpose(Purpose::Transactional),
            "Transactional lane",
        ),
        (LaneField::Purpose(Purpose::Promotional), "Promotional lane"),
        (LaneField::Name("Receipts".into()), "Receipts"),
        (LaneField::Purpose(Purpose::Transactional), "Receipts"),
    ];
    let mut s = s;
    for (set, want) in steps {
        s = apply(&s, lane(set.clone()));
        assert_eq!(name(&s), want, "{set:?}");
    }
    // The sample's lanes have chosen names.
    let s = run(
        &start(),
        vec![edit(Edit::Lane {
            lane: "transactional".into(),
            set: LaneField::Purpose(Purpose::Custom),
        })],
    );
    assert_eq!(s.plan().lanes[0].name, start().plan().lanes[0].name);
}

#[test]
fn an_import_names_the_credentials_it_removed_in_the_pages_words() {
    let mut plan = sample_plan();
    plan.brand.name = "Imported".into();
    plan.lanes[1].smtp.username =
        "SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ".into();
    let imported = io::import(io::export(&plan).as_bytes()).unwrap();
    let s = apply(
        &start(),
        Action::Import {
            imported,
            fresh_id: "fresh".into(),
        },
    );
    assert_eq!(s.plan().lanes[1].smtp.username, "");
    let details = s.notice.as_ref().unwrap().details.join(" ");
    let lane = &plan.lanes[1].name;
    assert!(details.contains("Removed 1 value"), "{details}");
    assert!(details.contains(lane.as_str()), "{details}");
    assert!(!details.contains("$.lanes"), "{details}");
}

/// A plan added from a link is named as added, not as a file imported.
#[test]
fn a_linked_plan_added_says_it_was_added() {
    let s0 = start();
    let mut other = sample_plan();
    other.brand.name = "Linked Roasters".into();
    let shared = |plan: &Plan| io::import(io::export(plan).as_bytes()).unwrap();
    let s = apply(
        &s0,
        Action::AddShared {
            imported: shared(&other),
            fresh_id: "fresh".into(),
        },
    );
    let notice = s.notice.as_ref().unwrap();
    assert_eq!(notice.text, "Added “Linked Roasters” to your plans.");
    assert!(
        notice
            .details
            .iter()
            .any(|d| d.contains("so the linked plan was added as a copy")),
        "{:?}",
        notice.details
    );
    let again = apply(
        &s,
        Action::AddShared {
            imported: shared(&other),
            fresh_id: "fresher".into(),
        },
    );
    assert!(again
        .notice
        .as_ref()
        .unwrap()
        .text
        .starts_with("Nothing added: the linked plan is identical to “Linked Roasters”"));
}

/// The state after another tab saved `plan` (or deleted it) as `rev`.
fn from_other_tab(s: &PlannerState, plan: Option<Plan>, rev: u64) -> PlannerState {
    apply(
        s,
        Action::External {
            plan_id: "sample-fernleaf".into(),
            plan,
            rev,
        },
    )
}

/// The conflict question says where the two tabs' versions first differ,
/// from this tab's version to the other's.
#[test]
fn a_conflict_says_where_the_two_versions_differ() {
    let mine = run(&start(), vec![edit(Edit::SetBrandName("Mine".into()))]);
    assert_eq!(mine.conflict_differs(), "");
    let mut theirs = sample_plan();
    theirs.brand.name = "Theirs".into();
    let s = from_other_tab(&mine, Some(theirs), 2);
    assert!(s.conflict.is_some());
    let words = s.conflict_differs();
    assert!(
        words.starts_with("Where the versions first differ, read from this tab's to the other tab's (either tab may have made the change):"),
        "{words}"
    );
    assert!(
        words.contains("“Mine”") && words.contains("“Theirs”"),
        "{words}"
    );
    // A deletion in the other tab has no version to compare.
    let gone = from_other_tab(&mine, None, 2);
    assert_eq!(gone.conflict_differs(), "");
}

/// While this tab asks which version to keep, another save from the other
/// tab becomes the version offered and never replaces this tab's own, so
/// Keep keeps it; a save of this tab's very version ends the question.
#[test]
fn a_later_save_during_a_conflict_updates_the_version_offered() {
    let mine = run(
        &start(),
        vec![
            edit(Edit::SetBrandName("Mine".into())),
            Action::Saved {
                plan_id: "sample-fernleaf".into(),
                rev: 2,
            },
        ],
    );
    let external =
        |s: &PlannerState, plan: &Plan, rev: u64| from_other_tab(s, Some(plan.clone()), rev);
    let mut theirs = sample_plan();
    theirs.notes = "Theirs".into();
    let asked = external(&mine, &theirs, 2);
    assert!(asked.conflict.as_ref().is_some_and(|c| c.tie));
    // The other tab keeps its version, saving it again as revision 3.
    let again = external(&asked, &theirs, 3);
    assert_eq!(again.plan().brand.name, "Mine", "this tab's version stays");
    let conflict = again.conflict.as_ref().expect("still asked");
    assert_eq!((conflict.rev, conflict.tie), (3, false));
    assert_eq!(conflict.theirs.as_ref(), Some(&theirs));
    let kept = apply(&again, Action::Resolve(Resolution::KeepMine));
    assert_eq!(kept.plan().brand.name, "Mine");
    assert_eq!(kept.entry().stored_rev, 3);
    assert!(kept.entry().unsaved, "saved again over the other tab's");
    // The other tab took this tab's version: nothing is left to ask.
    let same = external(&asked, mine.plan(), 3);
    assert!(same.conflict.is_none());
    assert!(!same.entry().unsaved);
    assert_eq!(same.entry().stored_rev, 3);
}

/// A version taken from another tab says what it changed, so an edit of
/// this tab's that it replaced is not lost unannounced.
#[test]
fn a_version_taken_from_another_tab_says_what_it_changed() {
    let mut theirs = sample_plan();
    theirs.notes = "Notes from the other tab".into();
    let s = from_other_tab(&start(), Some(theirs), 2);
    let notice = s.notice.as_ref().unwrap();
    assert_eq!(notice.text, "This plan was updated from another tab.");
    assert_eq!(notice.details.len(), 1, "{notice:?}");
    assert_eq!(notice.details[0], "The plan's notes changed.");
    // A field the diff can name says from what to what.
    let mut renamed = sample_plan();
    renamed.lanes[2].owner = "Growth".into();
    let s = from_other_tab(&start(), Some(renamed), 2);
    let detail = &s.notice.as_ref().unwrap().details[0];
    assert!(
        detail.starts_with("The lane “Promotional”: its owner changed from "),
        "{detail}"
    );
}

/// A new lane whose domains follow a corrected primary domain moves as a
/// move by hand does, its link-tracking domain with it; one with checklist
/// work recorded stays, as moving it would undo that work unseen.
#[test]
fn new_lanes_follow_the_primary_domain_unless_their_work_is_recorded() {
    let fresh = |recorded: bool| {
        let mut s = run(&start(), vec![Action::NewPlan { id: "fresh".into() }]);
        s = apply(&s, edit(Edit::SetPrimaryDomain("acme-shpo.com".into())));
        let id = s.plan().lanes[0].id.clone();
        let sending = s.plan().lanes[0].sending_domain.clone();
        let tracking = LaneField::TrackingDomain(format!("links.{sending}"));
        s = apply(
            &s,
            edit(Edit::Lane {
                lane: id.clone(),
                set: tracking,
            }),
        );
        if recorded {
            s = apply(
                &s,
                edit(Edit::ChecklistItem {
                    item: Item::Authenticate,
                    lane: id,
                    set: ItemField::Status(Some(ItemStatus::Done)),
                }),
            );
        }
        apply(&s, edit(Edit::SetPrimaryDomain("acme-shop.com".into())))
    };
    let moved = fresh(false);
    let lane = &moved.plan().lanes[0];
    assert!(lane.sending_domain.ends_with(".acme-shop.com"), "{lane:?}");
    assert_eq!(
        lane.tracking_domain,
        format!("links.{}", lane.sending_domain)
    );
    let kept = fresh(true);
    let lane = &kept.plan().lanes[0];
    assert!(lane.sending_domain.ends_with(".acme-shpo.com"), "{lane:?}");
    let done = (kept.plan().checklist.items.iter())
        .any(|i| i.item == Item::Authenticate && i.status == Some(ItemStatus::Done));
    assert!(done);
}

/// A move that clears nothing after another lane's move that did: that
/// notice's Undo would now undo this move, so this move's own words
/// replace it.
#[test]
fn a_second_lanes_move_replaces_the_notice_whose_undo_it_would_take() {
    let lane = |id: &str, domain: &str| {
        edit(Edit::Lane {
            lane: id.into(),
            set: LaneField::SendingDomain(domain.into()),
        })
    };
    let s = run(
        &start(),
        vec![lane("transactional", "txn.fernleafcoffee.com")],
    );
    assert!(s
        .notice
        .as_ref()
        .unwrap()
        .text
        .contains("Undo brings it back"));
    let s = apply(&s, lane("promotional", "promo.fernleafcoffee.com"));
    let notice = s.notice.as_ref().unwrap();
    assert_eq!(
        notice.text,
        "Promotional now sends from promo.fernleafcoffee.com."
    );
    assert!(notice.details.is_empty());
}

/// What a notice says of a plan stays with that plan: an import's summary
/// goes when another plan is opened, or the plan is deleted; a refused
/// file's error stays, as it is about the file.
#[test]
fn a_plans_notice_does_not_follow_into_another_plan() {
    let mut plan = sample_plan();
    plan.id = "imported".into();
    plan.notes = "api_key: sk_live_0123456789abcdefghijklmnop".into();
    let file = switchyard::plan::io::export(&plan);
    let imported = switchyard::plan::io::import(file.as_bytes()).unwrap();
    let s = apply(
        &start(),
        Action::Import {
            imported,
            fresh_id: "imported-2".into(),
        },
    );
    let notice = s.notice.clone().expect("the import is told");
    assert!(!notice.details.is_empty(), "{notice:?}");
    let other = s
        .plans
        .iter()
        .find(|e| e.plan.id != s.active)
        .unwrap()
        .plan
        .id
        .clone();
    assert!(apply(&s, Action::SelectPlan(other)).notice.is_none());
    let refused = apply(
        &s,
        Action::ImportFailed(switchyard::plan::io::import(b"{").unwrap_err()),
    );
    let other = refused
        .plans
        .iter()
        .find(|e| e.plan.id != refused.active)
        .unwrap()
        .plan
        .id
        .clone();
    let after = apply(&refused, Action::SelectPlan(other));
    assert_eq!(after.notice.map(|n| n.tone), Some(Tone::Error));
}
