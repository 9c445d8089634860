//! What deleting a lane clears, said before the user confirms, against
//! what the reducer then does.

use switchyard::plan::edit::{edit_plan, Edit};
use switchyard::plan::lane_refs::{cleared_with, left_naming};
use switchyard::plan::model::*;
use switchyard::plan::sample::sample_plan;

type Change = fn(&mut Plan);

/// The sample with the promotional lane named by another lane's warm-up
/// spill, a migration, a fallback shift and the All Emails choice.
fn naming_promotional(plan: &mut Plan) {
    let warmup = plan.lanes[1].warmup.get_or_insert_with(WarmupPlan::default);
    warmup.overflow = Overflow::Spill;
    warmup.spill_lane = Some("promotional".into());
    edit_plan(
        plan,
        Edit::AddMigration {
            from_lane: "revenue-flows".into(),
            to_lane: "promotional".into(),
        },
    );
    plan.simulation.fallbacks.push(FallbackPlan {
        lane: "revenue-flows".into(),
        action: FallbackAction::Shift,
        shift_lane: Some("promotional".into()),
    });
    plan.platform.all_emails_lane = Some("promotional".into());
}

#[test]
fn the_question_names_what_the_deletion_clears() {
    // (what changes, lane deleted, what the question lists).
    let cases: [(Change, &str, &[&str]); 3] = [
        (
            |_| {},
            "transactional",
            &[
                "the “All Emails” choice",
                "its checklist progress and seed tests",
                "its monitoring thresholds and key mappings",
            ],
        ),
        (
            naming_promotional,
            "promotional",
            &[
                "the warm-up spill lane of Revenue flows",
                "1 migration",
                "the fallback shift lane of Revenue flows",
                "its fallback plan",
                "the “All Emails” choice",
                "its checklist progress and seed tests",
                "its one-click unsubscribe and topic suppressions",
                "its monitoring thresholds and key mappings",
            ],
        ),
        (
            |p| {
                p.checklist = Default::default();
                p.monitoring.thresholds.clear();
                p.monitoring.mapping.clear();
                p.simulation.fallbacks.clear();
                p.preferences.one_click_lanes.clear();
                for topic in &mut p.preferences.topics {
                    topic.suppresses.clear();
                }
            },
            "promotional",
            &[],
        ),
    ];
    for (change, lane, said) in cases {
        let mut plan = sample_plan();
        change(&mut plan);
        let cleared = cleared_with(&plan, lane);
        let listed: Vec<&str> = cleared.iter().map(String::as_str).collect();
        assert_eq!(listed, said, "{lane}");
        // Everything listed goes with the lane; the others keep their
        // colours.
        let mut without = plan.clone();
        without.keep_colours();
        without.lanes.retain(|l| l.id != lane);
        edit_plan(&mut plan, Edit::DeleteLane(lane.into()));
        assert!(cleared_with(&plan, lane).is_empty(), "{lane}");
        // With nothing listed, nothing but the lane goes.
        if said.is_empty() {
            assert_eq!(plan, without, "{lane}");
        }
    }
}

#[test]
fn the_question_names_what_will_name_the_missing_lane() {
    let mut plan = sample_plan();
    assert_eq!(
        left_naming(&plan, "revenue-flows"),
        [
            "rule 2 “Cart and checkout recovery”",
            "rule 3 “Lifecycle revenue flows”"
        ]
    );
    plan.journeys[0].lane_override = Some("promotional".into());
    plan.default_lane = Some("promotional".into());
    plan.rules[0].name = " ".into();
    plan.rules[0].lane = "promotional".into();
    let left = left_naming(&plan, "promotional");
    assert_eq!(left[0], "rule 1");
    assert_eq!(
        &left[left.len() - 2..],
        ["the lane override of 1 journey", "the default lane"]
    );
    // Each is a finding once the lane is gone.
    let listed = left.len();
    edit_plan(&mut plan, Edit::DeleteLane("promotional".into()));
    let dangling = switchyard::plan::validate::integrity(&plan).len();
    assert_eq!(dangling, listed);
}
