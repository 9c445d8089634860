//! The reducer: edits, undo and redo, plans, imports, saving and other tabs.

use switchyard::edits::{button_edit, field_edit};
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
    assert_eq!(lane.id, "lane-1");
    assert_eq!(lane.name, "VIP lane");
    assert_eq!(lane.sending_domain, "vip.fernleafcoffee.com");
    assert_eq!(lane.from_address, "vip@vip.fernleafcoffee.com");
    assert_eq!(lane.from_name, "Fernleaf Coffee");
    let s = run(&s, vec![edit(Edit::AddLane(Purpose::Vip))]);
    assert_eq!(s.plan().lanes.last().unwrap().name, "VIP lane 2");
    let s = run(
        &s,
        vec![edit(Edit::MoveLane("lane-1".into(), Direction::Up))],
    );
    let ids: Vec<&str> = s.plan().lanes.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "transactional",
            "revenue-flows",
            "lane-1",
            "promotional",
            "lane-2"
        ]
    );
    let s2 = run(
        &s,
        vec![edit(Edit::MoveLane("transactional".into(), Direction::Up))],
    );
    assert_eq!(s2.plan(), s.plan(), "moving the first lane up does nothing");
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
    let mut lane = s0.plan().lanes[0].clone();
    lane.sending_domain = "Receipts.Bücher.example".into();
    lane.from_address = "orders@RECEIPTS.bücher.example".into();
    let s1 = apply(&s0, edit(Edit::UpdateLane(lane)));
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
    let mut pinned = s0.plan().journeys[3].clone();
    pinned.lane_override = Some("revenue-flows".into());
    let s = run(
        &s0,
        vec![
            edit(Edit::UpdateJourney(pinned)),
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
        vec![edit(Edit::MoveRule("rule-1".into(), Direction::Up))],
    );
    assert_eq!(s.plan().rules[3].id, "rule-1");
    let mut changed = rule.clone();
    changed.when.intents = vec![Intent::Winback];
    changed.lane = "transactional".into();
    let s = run(
        &s,
        vec![
            edit(Edit::UpdateRule(changed)),
            edit(Edit::DeleteJourney("journey-1".into())),
            edit(Edit::DeleteRule("rule-broadcasts".into())),
        ],
    );
    assert_eq!(s.plan().journeys.len(), 13);
    assert!(s.plan().rules.iter().all(|r| r.id != "rule-broadcasts"));
    assert_eq!(
        s.plan()
            .rules
            .iter()
            .find(|r| r.id == "rule-1")
            .unwrap()
            .lane,
        "transactional"
    );
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
}

#[test]
fn credentials_typed_into_fields_are_removed() {
    let s0 = start();
    let mut lane = s0.plan().lanes[1].clone();
    lane.smtp.username =
        "SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ".into();
    let s = apply(&s0, edit(Edit::UpdateLane(lane)));
    assert_eq!(s.plan().lanes[1].smtp.username, "[secret removed]");
    assert!(s.notice.as_ref().unwrap().text.contains("removed"));
    let s = apply(
        &s,
        edit(Edit::SetNotes("key is AKIAIOSFODNN7EXAMPLE for now".into())),
    );
    assert_eq!(s.plan().notes, "key is [secret removed] for now");
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
    assert_eq!(s.plan().brand.name, "Changed elsewhere (imported)");
    assert_eq!(
        s.plans[0].plan,
        *s0.plan(),
        "the existing plan is untouched"
    );
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
    let stale = apply(
        &s,
        Action::External {
            plan_id: "sample-fernleaf".into(),
            plan: Some(sample_plan()),
            rev: 2,
        },
    );
    assert_eq!(
        stale.plan(),
        &theirs,
        "an echo of a revision already known is ignored"
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

#[test]
fn fields_of_the_domains_page_become_edits() {
    let plan = sample_plan();
    let after = |key: &str, value: &str| -> Plan {
        let edit = field_edit(&plan, key, value).unwrap_or_else(|| panic!("{key}"));
        apply(&start(), Action::Edit(edit)).plan().clone()
    };
    let p = after("lane:revenue-flows:dkim_selector", "k2");
    assert_eq!(p.lane("revenue-flows").unwrap().dkim_selector, "k2");
    let p = after(
        "lane:revenue-flows:ip_addresses",
        "198.51.100.10, 198.51.100.11 2001:db8::1",
    );
    assert_eq!(
        p.lane("revenue-flows").unwrap().ip_addresses,
        ["198.51.100.10", "198.51.100.11", "2001:db8::1"]
    );
    assert_eq!(
        after("dmarc:goal", "quarantine").dmarc.goal,
        DmarcPolicy::Quarantine
    );
    assert_eq!(
        after("dmarc:weeks_per_stage", " 6 ").dmarc.weeks_per_stage,
        6
    );
    assert!(after("dmarc:strict_spf", "true").dmarc.strict_spf);
    assert!(!after("dmarc:strict_dkim", "false").dmarc.strict_dkim);
    assert_eq!(
        after("extras:mta_sts", "enforce").extras.mta_sts,
        MtaStsMode::Enforce
    );
    assert_eq!(
        after("extras:bimi_logo", "https://a.example/l.svg")
            .extras
            .bimi_logo,
        "https://a.example/l.svg"
    );
    assert_eq!(
        after("existing", "@ IN TXT \"x\"").existing_records,
        "@ IN TXT \"x\""
    );
    // Unknown keys, lanes and values change nothing.
    for (key, value) in [
        ("lane:nope:dkim_selector", "x"),
        ("lane:revenue-flows:colour", "x"),
        ("lane:revenue-flows:purpose", "gossip"),
        ("lane:revenue-flows:smtp.port", "many"),
        ("dmarc:goal", "maybe"),
        ("dmarc:weeks_per_stage", "four"),
        ("extras:mta_sts", "on"),
        ("brand:colour", "x"),
        ("", ""),
    ] {
        assert_eq!(field_edit(&plan, key, value), None, "{key}");
    }
}

#[test]
fn the_brand_form_and_the_monitoring_page_become_edits() {
    let plan = sample_plan();
    assert_eq!(
        field_edit(&plan, "brand:name", "Fernleaf"),
        Some(Edit::SetBrandName("Fernleaf".into()))
    );
    assert_eq!(
        field_edit(&plan, "brand:primary_domain", "x.example"),
        Some(Edit::SetPrimaryDomain("x.example".into()))
    );
    assert_eq!(
        field_edit(&plan, "notes", "n"),
        Some(Edit::SetNotes("n".into()))
    );
    // Mapping a lane key, moving it, and removing it.
    let p = edited(&plan, "mapping:sendgrid_pool:promo:eu", "promotional").unwrap();
    let m = p.monitoring.mapping.last().unwrap();
    assert_eq!(
        (m.key.as_str(), m.lane.as_str()),
        ("promo:eu", "promotional")
    );
    let p = edited(&p, "mapping:sendgrid_pool:promo:eu", "revenue-flows").unwrap();
    assert_eq!(
        p.monitoring
            .mapping
            .iter()
            .filter(|m| m.key == "promo:eu")
            .count(),
        1
    );
    let p = edited(&p, "mapping:sendgrid_pool:promo:eu", "").unwrap();
    assert_eq!(p.monitoring.mapping, plan.monitoring.mapping);
    assert_eq!(
        field_edit(&plan, "mapping:sendgrid_pool:promo", "gone"),
        None
    );
    assert_eq!(
        field_edit(&plan, "mapping:carrier_pigeon:promo", "promotional"),
        None
    );
    // Postmaster Tools figures typed in.
    let p = edited(&plan, "postmaster-add", "").unwrap();
    assert_eq!(p.monitoring.postmaster[0].date, "2026-11-29");
    let p = edited(&p, "postmaster:0:spam_rate_percent", "0.2%").unwrap();
    let p = edited(&p, "postmaster:0:domain", "Mail.FernleafCoffee.com").unwrap();
    assert_eq!(
        (
            p.monitoring.postmaster[0].spam_rate_percent,
            p.monitoring.postmaster[0].domain.as_str()
        ),
        (0.2, "mail.fernleafcoffee.com")
    );
    assert_eq!(
        field_edit(&p, "postmaster:0:spam_rate_percent", "200"),
        None
    );
    let p = edited(&p, "postmaster-delete:0", "").unwrap();
    assert!(p.monitoring.postmaster.is_empty());
}

#[test]
fn fields_and_buttons_of_the_lanes_page_become_edits() {
    let plan = sample_plan();
    let after = |key: &str, value: &str| -> Plan {
        let edit = field_edit(&plan, key, value).unwrap_or_else(|| panic!("{key}"));
        apply(&start(), Action::Edit(edit)).plan().clone()
    };
    let lane = |p: &Plan| p.lane("promotional").unwrap().clone();
    assert_eq!(
        lane(&after("lane:promotional:name", "Offers")).name,
        "Offers"
    );
    assert_eq!(
        lane(&after("lane:promotional:purpose", "vip")).purpose,
        Purpose::Vip
    );
    assert_eq!(
        lane(&after("lane:promotional:status", "warm")).status,
        LaneStatus::Warm
    );
    // A provider brings its SMTP defaults.
    let postmark = lane(&after("lane:promotional:provider", "postmark"));
    assert_eq!(postmark.smtp, Smtp::from_preset(Provider::Postmark));
    assert_eq!(
        lane(&after("lane:promotional:smtp.port", "2525")).smtp.port,
        2525
    );
    assert_eq!(
        lane(&after("lane:promotional:ip_strategy", "shared")).ip_strategy,
        IpStrategy::Shared
    );
    assert_eq!(
        lane(&after("lane:promotional:ip_strategy.count", "4")).ip_strategy,
        IpStrategy::Dedicated { count: 4 }
    );
    assert_eq!(
        lane(&after("lane:promotional:engagement_filter.days", "60")).engagement_filter,
        EngagementFilter::EngagedWithin { days: 60 }
    );
    // A password typed as a user name is removed, as everywhere.
    assert_eq!(
        lane(&after(
            "lane:promotional:smtp.username",
            "SG.aaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
        ))
        .smtp
        .username,
        "[secret removed]"
    );

    assert_eq!(
        button_edit(&plan, "lane-add", "vip", "2026-11-29"),
        Some(Edit::AddLane(Purpose::Vip))
    );
    assert_eq!(
        button_edit(&plan, "lane-up:promotional", "", "2026-11-29"),
        Some(Edit::MoveLane("promotional".into(), Direction::Up))
    );
    assert_eq!(
        button_edit(&plan, "lane-delete:transactional", "", "2026-11-29"),
        Some(Edit::DeleteLane("transactional".into()))
    );
    assert_eq!(
        button_edit(&plan, "lane-delete:nope", "", "2026-11-29"),
        None
    );
    assert_eq!(button_edit(&plan, "launch", "", "2026-11-29"), None);
}

#[test]
fn domain_edits_undo_in_one_step() {
    let s = run(
        &start(),
        vec![
            edit(Edit::UpdateDmarc(DmarcPlan {
                rua: "r@fernleafcoffee.com".into(),
                ..sample_plan().dmarc
            })),
            edit(Edit::SetExistingRecords(String::new())),
            Action::Undo,
        ],
    );
    assert_eq!(s.plan().dmarc.rua, "r@fernleafcoffee.com");
    assert_eq!(s.plan().existing_records, sample_plan().existing_records);
}

#[test]
fn simulation_settings_and_fallbacks_become_edits() {
    let plan = sample_plan();
    let after = |key: &str, value: &str| -> Plan {
        let edit = field_edit(&plan, key, value).unwrap_or_else(|| panic!("{key}"));
        apply(&start(), Action::Edit(edit)).plan().clone()
    };
    assert_eq!(after("sim:mix-4", "9").simulation.mix_percent[4], 9);
    assert_eq!(
        after("sim:promo_audience", "engaged30")
            .simulation
            .promo_audience,
        Audience::Engaged30
    );
    assert_eq!(
        after("sim:gate_bounce_percent", "3.5%")
            .simulation
            .gate_bounce_percent,
        3.5
    );
    let shifted = after("fallback:revenue-flows:action", "shift");
    assert_eq!(shifted.simulation.fallbacks.len(), 2);
    assert_eq!(
        shifted.simulation.fallbacks[1].action,
        FallbackAction::Shift
    );
    assert!(after("fallback:promotional:action", "none")
        .simulation
        .fallbacks
        .is_empty());
    for (key, value) in [
        ("sim:mix-5", "1"),
        ("sim:gate_delivered_percent", "101"),
        ("sim:days", "soon"),
        ("fallback:nope:action", "shift"),
        ("fallback:promotional:action", "panic"),
        ("fallback:transactional:shift_lane", "promotional"),
    ] {
        assert_eq!(field_edit(&plan, key, value), None, "{key}");
    }
    // Deleting a lane removes its fallback and any shift into it.
    let s = apply(
        &start(),
        Action::Edit(Edit::DeleteLane("promotional".into())),
    );
    assert!(s.plan().simulation.fallbacks.is_empty());
}

#[test]
fn fields_and_buttons_of_the_rules_page_become_edits() {
    let plan = sample_plan();
    let after = |key: &str, value: &str| -> Plan {
        let edit = field_edit(&plan, key, value).unwrap_or_else(|| panic!("{key}"));
        apply(&start(), Action::Edit(edit)).plan().clone()
    };
    let rule = |p: &Plan| {
        p.rules
            .iter()
            .find(|r| r.id == "rule-recovery")
            .unwrap()
            .clone()
    };
    assert!(!rule(&after("rule:rule-recovery:enabled", "false")).enabled);
    assert_eq!(
        rule(&after("rule:rule-recovery:lane", "transactional")).lane,
        "transactional"
    );
    assert_eq!(
        rule(&after("rule:rule-recovery:min", "0.5"))
            .when
            .min_revenue_per_recipient,
        Some(0.5)
    );
    assert_eq!(
        rule(&after("rule:rule-recovery:min", ""))
            .when
            .min_revenue_per_recipient,
        None
    );
    // Ticking keeps the choices' order; unticking removes one.
    let ticked = rule(&after(
        "rule:rule-recovery:intent-cart_abandonment",
        "false",
    ));
    assert!(!ticked.when.intents.contains(&Intent::CartAbandonment));
    let order = rule(&after(
        "rule:rule-recovery:intent-browse_abandonment",
        "true",
    ))
    .when
    .intents;
    let mut sorted = order.clone();
    sorted.sort_by_key(|i| Intent::ALL.iter().position(|x| x == i));
    assert_eq!(order, sorted);
    assert_eq!(after("default_lane", "").default_lane, None);
    for (key, value) in [
        ("rule:rule-recovery:min", "-1"),
        ("rule:rule-recovery:intent-nonsense", "true"),
        ("rule:nope:name", "x"),
    ] {
        assert_eq!(field_edit(&plan, key, value), None, "{key}");
    }
    assert_eq!(
        button_edit(&plan, "rule-add", "", "2026-11-29"),
        Some(Edit::AddRule)
    );
    assert_eq!(
        button_edit(&plan, "rule-down:rule-recovery", "", "2026-11-29"),
        Some(Edit::MoveRule("rule-recovery".into(), Direction::Down))
    );
    assert_eq!(
        button_edit(&plan, "rule-delete:rule-recovery", "", "2026-11-29"),
        Some(Edit::DeleteRule("rule-recovery".into()))
    );
    assert_eq!(
        button_edit(&plan, "rule-delete:nope", "", "2026-11-29"),
        None
    );
}

/// Applies a form edit (field, then button) to the plan, as the review
/// worker does.
fn edited(plan: &Plan, key: &str, value: &str) -> Option<Plan> {
    let edit =
        field_edit(plan, key, value).or_else(|| button_edit(plan, key, value, "2026-11-29"))?;
    let mut next = plan.clone();
    edit_plan(&mut next, edit);
    Some(next)
}

#[test]
fn checklist_fields_become_edits() {
    let plan = sample_plan();
    let state = |p: &Plan, item: Item, lane: &str| {
        p.checklist
            .items
            .iter()
            .find(|s| s.item == item && s.lane == lane)
            .cloned()
    };
    // A first touch creates the item's state; later ones change it.
    assert_eq!(state(&plan, Item::DomainPlan, "promotional"), None);
    let p = edited(&plan, "item:domain_plan:promotional:owner", "Dana").unwrap();
    let p = edited(&p, "item:domain_plan:promotional:due", " 2027-08-01 ").unwrap();
    let p = edited(&p, "item:domain_plan:promotional:notes", "Waiting on IT").unwrap();
    let s = state(&p, Item::DomainPlan, "promotional").unwrap();
    assert_eq!(
        (s.owner.as_str(), s.due.as_str(), s.notes.as_str(), s.status),
        ("Dana", "2027-08-01", "Waiting on IT", None)
    );
    let p = edited(&p, "item:smtp_servers:promotional:status", "done").unwrap();
    assert_eq!(
        state(&p, Item::SmtpServers, "promotional").unwrap().status,
        Some(ItemStatus::Done)
    );
    let p = edited(&p, "item:smtp_servers:promotional:status", "auto").unwrap();
    assert_eq!(
        state(&p, Item::SmtpServers, "promotional").unwrap().status,
        None
    );
    let p = edited(&p, "item:qa_unsubscribe:promotional:check", "true").unwrap();
    assert_eq!(
        state(&p, Item::QaUnsubscribe, "promotional")
            .unwrap()
            .status,
        Some(ItemStatus::Done)
    );
    let p = edited(&p, "item:qa_unsubscribe:promotional:check", "false").unwrap();
    assert_eq!(
        state(&p, Item::QaUnsubscribe, "promotional")
            .unwrap()
            .status,
        None
    );
    // Plan-wide items have no lane.
    let p = edited(&p, "item:fallback_plan::owner", "Ops").unwrap();
    assert_eq!(state(&p, Item::FallbackPlan, "").unwrap().owner, "Ops");
    let p = edited(&p, "checklist:migrating_esp", "true").unwrap();
    assert!(p.checklist.migrating_esp);
    for (key, value) in [
        ("item:nope:promotional:owner", "x"),
        ("item:domain_plan:gone:owner", "x"),
        ("item:domain_plan:promotional:colour", "x"),
        ("item:smtp_servers:promotional:status", "finished"),
    ] {
        assert_eq!(field_edit(&plan, key, value), None, "{key}");
    }
}

#[test]
fn seed_tests_are_added_edited_and_deleted() {
    let plan = sample_plan();
    let n = plan.checklist.seeds.len();
    let p = edited(&plan, "seed-add:promotional", "").unwrap();
    let seed = p.checklist.seeds.last().unwrap();
    assert_eq!(
        (seed.lane.as_str(), seed.date.as_str(), seed.gmail),
        ("promotional", "2026-11-29", Placement::NotTested)
    );
    let p = edited(&p, &format!("seed:{n}:gmail"), "tab").unwrap();
    let p = edited(&p, &format!("seed:{n}:outlook"), "spam").unwrap();
    let p = edited(&p, &format!("seed:{n}:date"), "2026-11-30").unwrap();
    let seed = &p.checklist.seeds[n];
    assert_eq!(
        (seed.gmail, seed.outlook, seed.date.as_str()),
        (Placement::Tab, Placement::Spam, "2026-11-30")
    );
    let p = edited(&p, "seed-delete:0", "").unwrap();
    assert_eq!(p.checklist.seeds.len(), n);
    assert_eq!(edited(&p, "seed-delete:99", ""), None);
    assert_eq!(field_edit(&p, "seed:0:gmail", "lost"), None);
    assert_eq!(button_edit(&p, "seed-add:gone", "", "2026-11-29"), None);
}

#[test]
fn the_preference_matrix_becomes_edits() {
    let plan = sample_plan();
    let p = edited(&plan, "topic-add", "").unwrap();
    let topic = p.preferences.topics.last().unwrap().clone();
    assert_eq!(
        (topic.id.as_str(), topic.kind),
        ("topic-1", TopicKind::Lifecycle)
    );
    let p = edited(&p, "topic:topic-1:name", "Restock alerts").unwrap();
    let p = edited(&p, "topic:topic-1:kind", "promotional").unwrap();
    // Ticked lanes keep the plan's lane order, whatever the order of ticks.
    let p = edited(&p, "topic:topic-1:lane-promotional", "true").unwrap();
    let p = edited(&p, "topic:topic-1:lane-revenue-flows", "true").unwrap();
    let t = p.preferences.topics.last().unwrap();
    assert_eq!(
        (t.name.as_str(), t.kind),
        ("Restock alerts", TopicKind::Promotional)
    );
    assert_eq!(t.suppresses, ["revenue-flows", "promotional"]);
    let p = edited(&p, "topic:topic-1:lane-revenue-flows", "false").unwrap();
    assert_eq!(
        p.preferences.topics.last().unwrap().suppresses,
        ["promotional"]
    );
    let p = edited(&p, "one_click:transactional", "true").unwrap();
    assert_eq!(
        p.preferences.one_click_lanes,
        ["transactional", "revenue-flows", "promotional"]
    );
    let p = edited(&p, "one_click:promotional", "false").unwrap();
    assert_eq!(
        p.preferences.one_click_lanes,
        ["transactional", "revenue-flows"]
    );
    let p = edited(&p, "preferences:processing_days", "1").unwrap();
    assert_eq!(p.preferences.processing_days, 1);
    let p = edited(&p, "topic-delete:topic-1", "").unwrap();
    assert_eq!(p.preferences.topics.len(), plan.preferences.topics.len());
    let mut empty = plan.clone();
    empty.preferences.topics.clear();
    let p = edited(&empty, "topics-standard", "").unwrap();
    assert_eq!(p.preferences.topics.len(), 3);
    for (key, value) in [
        ("topic:nope:name", "x"),
        ("topic:promotions:lane-gone", "true"),
        ("topic:promotions:kind", "weekly"),
        ("one_click:gone", "true"),
        ("preferences:processing_days", "soon"),
    ] {
        assert_eq!(field_edit(&plan, key, value), None, "{key}");
    }
    assert_eq!(
        button_edit(&plan, "topic-delete:nope", "", "2026-11-29"),
        None
    );
}

#[test]
fn thresholds_become_edits() {
    let mut plan = sample_plan();
    plan.monitoring.thresholds.clear();
    // The first edit starts from the reference figures.
    let p = edited(
        &plan,
        "threshold:promotional:complaint_act_percent",
        "0.25%",
    )
    .unwrap();
    let t = &p.monitoring.thresholds[0];
    assert_eq!(
        (
            t.lane.as_str(),
            t.complaint_act_percent,
            t.bounce_act_percent
        ),
        ("promotional", 0.25, 5.0)
    );
    let p = edited(&p, "threshold:promotional:reset", "").unwrap();
    assert_eq!(
        p.monitoring.thresholds[0],
        Thresholds::reference("promotional")
    );
    for value in ["-1", "101", "lots"] {
        assert_eq!(
            field_edit(&p, "threshold:promotional:bounce_watch_percent", value),
            None
        );
    }
    assert_eq!(field_edit(&p, "threshold:gone:reset", ""), None);
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
fn a_fix_and_a_replaced_plan_are_one_undo_step() {
    let s0 = start();
    let mut other = sample_plan();
    other.brand.name = "Elsewhere".into();
    let s1 = apply(&s0, edit(Edit::Replace(Box::new(other))));
    assert_eq!(s1.plan().brand.name, "Elsewhere");
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
    assert_eq!(s3.plan().brand.name, "Elsewhere");
}

#[test]
fn the_review_worker_answers_an_edit_with_the_edited_plan() {
    use switchyard::answers::{answer_edit, EditRequest};
    let plan = sample_plan();
    let request = |kind: &str, key: &str, value: &str| EditRequest {
        kind: kind.into(),
        key: key.into(),
        value: value.into(),
        extra: String::new(),
    };
    let text = answer_edit(
        &plan,
        "2026-11-29",
        &request("field", "lane:promotional:name", "Promos"),
    )
    .unwrap();
    let back = io::import(text.as_bytes()).unwrap().plan;
    assert_eq!(back.lanes[2].name, "Promos");
    let fix = r#"[["preferences:processing_days","2"],["one_click:transactional","true"]]"#;
    let text = answer_edit(&plan, "2026-11-29", &request("fix", "", fix)).unwrap();
    let back = io::import(text.as_bytes()).unwrap().plan;
    assert_eq!(back.preferences.one_click_lanes.len(), 3);
    assert_eq!(
        answer_edit(
            &plan,
            "2026-11-29",
            &request("field", "lane:gone:name", "x")
        ),
        None
    );
    assert_eq!(
        answer_edit(&plan, "2026-11-29", &request("fix", "", "not json")),
        None
    );
    assert_eq!(
        answer_edit(&plan, "2026-11-29", &request("launch", "", "")),
        None
    );
}
