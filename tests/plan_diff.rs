//! What an undo or redo says it changed, and where that is.

use switchyard::plan::diff::{change, How};
use switchyard::plan::edit::{DmarcField, JourneyField, LaneField, WarmupField};
use switchyard::plan::sample::sample_plan;
use switchyard::plan::state::*;

fn start() -> PlannerState {
    PlannerState::with_plans(vec![(sample_plan(), 1)], None)
}

fn run(state: &PlannerState, actions: Vec<Action>) -> PlannerState {
    actions.into_iter().fold(state.clone(), |s, a| apply(&s, a))
}

/// Each edit, then an undo: the notice's words and the path it offers to show.
#[test]
fn undo_says_what_it_changed_and_where() {
    let cases: Vec<(Edit, &str, &str)> = vec![
        (
            Edit::SetBrandName("Fernleaf".into()),
            "Undone: the brand: its name changed from “Fernleaf” to “Fernleaf Coffee”.",
            "$.brand",
        ),
        (
            Edit::Journey {
                journey: "order-confirmation".into(),
                set: JourneyField::Name("Receipts".into()),
            },
            "Undone: the journey “Order confirmation”: its name changed from “Receipts” to “Order confirmation”.",
            "$.journeys[0]",
        ),
        (
            Edit::Lane {
                lane: "promotional".into(),
                set: LaneField::Owner("Growth".into()),
            },
            "Undone: the lane “Promotional”: its owner changed from “Growth” to “Brand marketing”.",
            "$.lanes[2]",
        ),
        (
            Edit::Warmup {
                lane: "promotional".into(),
                set: WarmupField::TargetVolume(30_000),
            },
            "Undone: the lane “Promotional”: its peak volume to reach changed from 30,000 to 60,000.",
            "$.lanes[2].warmup",
        ),
        (
            Edit::Lane {
                lane: "revenue-flows".into(),
                set: LaneField::DkimSelector("s2".into()),
            },
            "Undone: the lane “Revenue flows”: its DKIM selector was cleared.",
            "$.lanes[1].dkim_selector",
        ),
        (
            Edit::DeleteJourney("order-confirmation".into()),
            "Undone: the journey “Order confirmation” is in the plan again.",
            "$.journeys[0]",
        ),
        (
            Edit::AddJourney,
            "Undone: the journey “New journey” is no longer in the plan.",
            "$.journeys",
        ),
        (
            Edit::MoveRule {
                rule: "rule-recovery".into(),
                direction: Direction::Up,
            },
            "Undone: the order of the rules changed: “Receipts, shipping and login codes” now comes before “Cart and checkout recovery”.",
            "$.rules",
        ),
        (
            Edit::Dmarc(DmarcField::Rua("dmarc@fernleafcoffee.com".into())),
            "Undone: the DMARC plan: its aggregate report address changed from “dmarc@fernleafcoffee.com” to “dmarc-reports@fernleafcoffee.com”.",
            "$.dmarc",
        ),
        (
            Edit::SetNotes("Nothing".into()),
            "Undone: the plan's notes changed.",
            "$.notes",
        ),
        // A fix that changes a lane and a journey names the journey too.
        (
            Edit::Many(vec![
                Edit::Warmup {
                    lane: "promotional".into(),
                    set: WarmupField::TargetVolume(30_000),
                },
                Edit::Journey {
                    journey: "order-confirmation".into(),
                    set: JourneyField::DailyVolume(10),
                },
            ]),
            "Undone: the lane “Promotional”: its peak volume to reach changed from 30,000 to 60,000. The journey “Order confirmation” changed too.",
            "$.lanes[2].warmup",
        ),
    ];
    for (edit, text, path) in cases {
        let undone = run(&start(), vec![Action::Edit(edit.clone()), Action::Undo]);
        let notice = undone.notice.clone().expect("an undo says what it did");
        assert_eq!(
            (notice.text.as_str(), notice.at.as_deref(), notice.tone),
            (text, Some(path), Tone::Info),
            "{edit:?}"
        );
        assert_eq!(undone.plan(), start().plan(), "{edit:?}");
    }
}

#[test]
fn redo_names_the_change_from_the_other_side() {
    let s = run(
        &start(),
        vec![
            Action::Edit(Edit::DeleteLane("promotional".into())),
            Action::Undo,
            Action::Redo,
        ],
    );
    let notice = s.notice.expect("a redo says what it did");
    assert_eq!(
        notice.text,
        "Redone: the lane “Promotional” is no longer in the plan."
    );
    assert_eq!(notice.at.as_deref(), Some("$.lanes"));
}

#[test]
fn an_item_without_a_name_is_called_so() {
    let blank = Edit::Journey {
        journey: "order-confirmation".into(),
        set: JourneyField::Name("  ".into()),
    };
    let s = run(
        &start(),
        vec![Action::Edit(blank), Action::Undo, Action::Redo],
    );
    assert_eq!(
        s.notice.map(|n| n.text).as_deref(),
        Some("Redone: a journey without a name: its name was cleared.")
    );
}

#[test]
fn the_next_edit_clears_what_an_undo_said() {
    let undone = run(
        &start(),
        vec![Action::Edit(Edit::SetNotes("A".into())), Action::Undo],
    );
    assert!(undone.notice.is_some());
    let same = apply(&undone, Action::Edit(Edit::SetNotes(sample_plan().notes)));
    assert!(
        same.notice.is_some(),
        "an edit that changes nothing keeps it"
    );
    let edited = apply(&undone, Action::Edit(Edit::SetNotes("B".into())));
    assert_eq!(edited.notice, None);
}

#[test]
fn undo_with_nothing_to_undo_says_nothing() {
    let s = apply(&start(), Action::Undo);
    assert_eq!(s.notice, None);
    assert_eq!(s, start());
}

#[test]
fn the_same_plan_has_no_change() {
    assert_eq!(change(&sample_plan(), &sample_plan()), None);
    let mut other = sample_plan();
    other.platform.all_emails_lane = Some("promotional".into());
    let found = change(&sample_plan(), &other).expect("the platform differs");
    assert_eq!(
        (found.path.as_str(), found.how),
        ("$.platform", How::Edited)
    );
}

/// What an edit says it did, for screen readers: seed tests as the
/// checklist names their rows, topics and Postmaster rows by name, and a delete that also changes another item
/// told as the delete.
#[test]
fn an_edit_says_which_item_it_added_or_deleted() {
    let plan = sample_plan();
    let seed = plan.checklist.seeds.first().map(|s| s.id.clone());
    let topic = plan
        .preferences
        .topics
        .first()
        .map(|t| (t.id.clone(), t.name.clone()));
    let mut cases: Vec<(Edit, String)> = vec![
        (Edit::AddTopic, "Added ".into()),
        (
            Edit::AddSeed {
                lane: "promotional".into(),
                date: "2027-02-01".into(),
            },
            "Added Promotional seed test 1.".into(),
        ),
        (
            Edit::AddPostmaster {
                date: "2027-02-01".into(),
            },
            "Added the Postmaster Tools row “fernleafcoffee.com”.".into(),
        ),
    ];
    if let Some((id, name)) = topic {
        cases.push((
            Edit::DeleteTopic(id),
            format!("Deleted the topic “{name}”."),
        ));
    }
    if let Some(id) = seed {
        cases.push((
            Edit::DeleteSeed(id),
            "Deleted Transactional seed test 1.".into(),
        ));
    }
    for (edit, said) in cases {
        let after = run(&start(), vec![Action::Edit(edit.clone())]);
        let told = after
            .said
            .as_ref()
            .map(|(_, s)| s.clone())
            .unwrap_or_default();
        assert!(told.starts_with(&said), "{edit:?}: {told}");
    }
    // Deleting the lane a warm-up spills into also clears that spill lane;
    // the delete is what is said.
    let mut spilling = sample_plan();
    let warm = spilling
        .lanes
        .iter_mut()
        .find(|l| l.warmup.is_some())
        .unwrap();
    warm.warmup.as_mut().unwrap().spill_lane = Some("transactional".into());
    let state = PlannerState::with_plans(vec![(spilling.clone(), 1)], None);
    let after = run(
        &state,
        vec![Action::Edit(Edit::DeleteLane("transactional".into()))],
    );
    let told = after
        .said
        .as_ref()
        .map(|(_, s)| s.clone())
        .unwrap_or_default();
    assert!(
        told.starts_with("Deleted the lane “Transactional”."),
        "{told}"
    );
}

/// A fix that changes several items of a list says how many.
#[test]
fn a_fix_that_changes_several_items_names_them() {
    let plan = sample_plan();
    let ids: Vec<String> = plan.journeys.iter().take(2).map(|j| j.id.clone()).collect();
    let fix = Edit::Many(
        ids.iter()
            .map(|id| Edit::Journey {
                journey: id.clone(),
                set: JourneyField::Name(format!("{id} renamed")),
            })
            .collect(),
    );
    let after = run(&start(), vec![Action::Edit(fix)]);
    let told = after
        .said
        .as_ref()
        .map(|(_, s)| s.clone())
        .unwrap_or_default();
    assert!(
        told.starts_with(
            "Applied. Changed the journeys “order-confirmation renamed” and “shipping-updates renamed”."
        ),
        "{told}"
    );
    let undone = apply(&after, Action::Undo);
    let notice = undone
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert_eq!(
        notice,
        "Undone: the journeys “Order confirmation” and “Shipping updates” changed."
    );
    let rules = Edit::Many(vec![Edit::AddRule, Edit::AddRule]);
    let after = run(&start(), vec![Action::Edit(rules)]);
    let told = after
        .said
        .as_ref()
        .map(|(_, s)| s.clone())
        .unwrap_or_default();
    assert!(
        told.starts_with("Applied. Added the rules “New rule” and “New rule 2”."),
        "{told}"
    );
}

#[test]
fn several_items_agree_with_their_verb() {
    let two_rules = Edit::Many(vec![Edit::AddRule, Edit::AddRule]);
    let both_gone = Edit::Many(vec![
        Edit::DeleteRule("rule-recovery".into()),
        Edit::DeleteRule("rule-transactional".into()),
    ]);
    // (the edit, what its undo says, what its redo says)
    let cases = [
        (
            two_rules,
            "Undone: the rules “New rule” and “New rule 2” are no longer in the plan.",
            "Redone: the rules “New rule” and “New rule 2” are in the plan again.",
        ),
        (
            both_gone,
            "Undone: the rules “Receipts, shipping and login codes” and “Cart and checkout recovery” are in the plan again.",
            "Redone: the rules “Receipts, shipping and login codes” and “Cart and checkout recovery” are no longer in the plan.",
        ),
        (
            Edit::AddRule,
            "Undone: the rule “New rule” is no longer in the plan.",
            "Redone: the rule “New rule” is in the plan again.",
        ),
    ];
    for (edit, undone, redone) in cases {
        let edited = vec![Action::Edit(edit.clone()), Action::Undo];
        let s = run(&start(), edited.clone());
        assert_eq!(s.notice.unwrap().text, undone, "{edit:?}");
        let s = run(&start(), [edited, vec![Action::Redo]].concat());
        assert_eq!(s.notice.unwrap().text, redone, "{edit:?}");
    }
}

/// A rule moved several places is named with where it now stands; a swap
/// of two neighbours names the one now first.
#[test]
fn a_rule_moved_several_places_is_named_where_it_stands() {
    let before = sample_plan();
    let names: Vec<String> = before.rules.iter().map(|r| r.name.clone()).collect();
    assert!(names.len() >= 4, "{names:?}");
    let reordered = |order: &[usize]| {
        let mut after = before.clone();
        after.rules = order.iter().map(|&i| before.rules[i].clone()).collect();
        change(&before, &after).unwrap().sentence("Moved")
    };
    let last = names.len() - 1;
    let mut to_end: Vec<usize> = (1..=last).collect();
    to_end.push(0);
    let mut to_front = vec![last];
    to_front.extend(0..last);
    let mut to_middle: Vec<usize> = vec![1, 2, 0];
    to_middle.extend(3..=last);
    // (the new order, what the sentence ends with)
    let cases = [
        (to_end, format!(": “{}” is now last.", names[0])),
        (to_front, format!(": “{}” is now first.", names[last])),
        (
            to_middle,
            format!(": “{}” now comes after “{}”.", names[0], names[2]),
        ),
        (
            [vec![1, 0], (2..=last).collect()].concat(),
            format!(": “{}” now comes before “{}”.", names[1], names[0]),
        ),
    ];
    for (order, end) in cases {
        let said = reordered(&order);
        assert!(
            said.starts_with("Moved: the order of the rules changed"),
            "{said}"
        );
        assert!(said.ends_with(&end), "{order:?}: {said}");
    }
}
