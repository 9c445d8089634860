//! The unsubscribe policy: topics that stop marketing lanes and never the
//! transactional one, one-click unsubscribe, and requests honoured within
//! two days.

use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, TopicField};
use crate::plan::model::{Lane, Plan, Preferences, Purpose, Topic, TopicKind};

/// Lanes whose mail an unsubscribe must be able to stop: all but the
/// transactional lane, which carries mail customers need.
fn is_marketing(lane: &Lane) -> bool {
    lane.purpose != Purpose::Transactional
}

/// Topics for a plan that has none: promotions, lifecycle nudges and all
/// marketing, each suppressing the lanes it names, with one-click
/// unsubscribe on every marketing lane.
pub fn standard_preferences(plan: &Plan) -> Preferences {
    let lanes = |f: &dyn Fn(&Lane) -> bool| -> Vec<String> {
        plan.lanes
            .iter()
            .filter(|l| f(l))
            .map(|l| l.id.clone())
            .collect()
    };
    let topic = |id: &str, name: &str, kind: TopicKind, suppresses: Vec<String>| Topic {
        id: id.to_string(),
        name: name.to_string(),
        kind,
        suppresses,
    };
    let promotional = lanes(&|l| matches!(l.purpose, Purpose::Promotional | Purpose::Vip));
    let lifecycle =
        lanes(&|l| is_marketing(l) && !matches!(l.purpose, Purpose::Promotional | Purpose::Vip));
    let mut topics = Vec::new();
    if !promotional.is_empty() {
        topics.push(topic(
            "promotions",
            "Offers and news",
            TopicKind::Promotional,
            promotional,
        ));
    }
    if !lifecycle.is_empty() {
        topics.push(topic(
            "reminders",
            "Reminders and recommendations",
            TopicKind::Lifecycle,
            lifecycle,
        ));
    }
    topics.push(topic(
        "all-marketing",
        "All marketing email",
        TopicKind::AllMarketing,
        lanes(&is_marketing),
    ));
    Preferences {
        topics,
        one_click_lanes: lanes(&is_marketing),
        processing_days: 2,
    }
}

/// The fix that makes `topic`'s unsubscribe stop `lane`, or not.
fn suppress(topic: &Topic, lane: &Lane, on: bool) -> Vec<Edit> {
    vec![Edit::Topic {
        topic: topic.id.clone(),
        set: TopicField::Suppresses {
            lane: lane.id.clone(),
            on,
        },
    }]
}

/// An "all marketing" topic stops every marketing lane. A lane no topic
/// stops at all is `lint.lane_not_suppressible` instead.
fn all_marketing_stops_every_lane(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let topics = &plan.preferences.topics;
    let stopped = |lane: &Lane| topics.iter().any(|t| t.suppresses.contains(&lane.id));
    for (t, topic) in topics.iter().enumerate() {
        if topic.kind != TopicKind::AllMarketing {
            continue;
        }
        let missed = plan
            .lanes
            .iter()
            .filter(|l| is_marketing(l) && stopped(l) && !topic.suppresses.contains(&l.id));
        for lane in missed {
            out.push(
                Diagnostic::warning(
                    "lint.all_marketing_misses_lane",
                    format!("$.preferences.topics[{t}].suppresses"),
                    format!("“{}” is the unsubscribe from all marketing, but it does not stop {}.", topic.name, lane.name),
                )
                .hint("People who leave all marketing expect none of it: tick every marketing lane under this topic.")
                .fix(
                    format!("Let “{}” stop {}", topic.name, lane.name),
                    suppress(topic, lane, true),
                ),
            );
        }
    }
}

/// The unsubscribe policy: transactional mail stays out of reach of
/// marketing unsubscribes, every marketing lane can be stopped, with one
/// click, within two days.
pub(super) fn preferences(plan: &Plan, out: &mut Vec<Diagnostic>) {
    topics(plan, out);
    all_marketing_stops_every_lane(plan, out);
    suppressible(plan, out);
    one_click(plan, out);
    let p = &plan.preferences;
    if p.processing_days > 2 {
        out.push(
            Diagnostic::error(
                "lint.unsubscribe_slow",
                "$.preferences.processing_days",
                format!(
                    "Unsubscribes take {} days to take effect.",
                    p.processing_days
                ),
            )
            .hint("Gmail and Yahoo require unsubscribes to be honoured within two days.")
            .fix(
                "Process them within 2 days",
                vec![Edit::SetProcessingDays(2)],
            ),
        );
    }
}

/// Each topic suppresses some lane, and none a transactional one.
fn topics(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for (t, topic) in plan.preferences.topics.iter().enumerate() {
        for lane in topic.suppresses.iter().filter_map(|id| plan.lane(id)) {
            if !is_marketing(lane) {
                out.push(
                    Diagnostic::error(
                        "lint.unsubscribe_suppresses_transactional",
                        format!("$.preferences.topics[{t}].suppresses"),
                        format!("Unsubscribing from “{}” stops {}, so customers who opt out of marketing would lose receipts and shipping updates.", topic.name, lane.name),
                    )
                    .hint("Transactional mail is not marketing: no marketing unsubscribe should suppress it.")
                    .fix(
                        format!("Stop “{}” suppressing {}", topic.name, lane.name),
                        suppress(topic, lane, false),
                    ),
                );
            }
        }
        if topic.suppresses.is_empty() {
            out.push(
                Diagnostic::warning(
                    "lint.topic_suppresses_nothing",
                    format!("$.preferences.topics[{t}].suppresses"),
                    format!(
                        "Unsubscribing from “{}” suppresses no lane, so it changes nothing.",
                        topic.name
                    ),
                )
                .hint("Tick the lanes this topic's mail goes through, or delete the topic."),
            );
        }
    }
}

/// Every marketing lane can be stopped by some unsubscribe topic.
fn suppressible(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let p = &plan.preferences;
    if p.topics.is_empty() && plan.lanes.iter().any(is_marketing) {
        out.push(
            Diagnostic::error(
                "lint.no_preference_topics",
                "$.preferences.topics",
                "No unsubscribe topic suppresses any lane, so an unsubscribe stops nothing.",
            )
            .hint("Decide which unsubscribes stop which lanes: many brands let people leave promotions and lifecycle nudges separately, and all marketing at once.")
            .fix(
                "Add the standard topics",
                vec![Edit::SetPreferences(standard_preferences(plan))],
            ),
        );
    } else {
        let all = p.topics.iter().find(|t| t.kind == TopicKind::AllMarketing);
        for lane in plan.lanes.iter().filter(|l| is_marketing(l)) {
            if !p.topics.iter().any(|t| t.suppresses.contains(&lane.id)) {
                let mut finding = Diagnostic::error(
                    "lint.lane_not_suppressible",
                    "$.preferences.topics",
                    format!("No unsubscribe topic stops {}, so people who unsubscribe keep getting its mail.", lane.name),
                )
                .hint("Tick the lane under the topics whose unsubscribes should stop it, at least “all marketing”.");
                if let Some(all) = all {
                    finding = finding.fix(
                        format!("Let “{}” stop it", all.name),
                        suppress(all, lane, true),
                    );
                }
                out.push(finding);
            }
        }
    }
}

/// Every marketing lane offers one-click unsubscribe (RFC 8058).
fn one_click(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let p = &plan.preferences;
    for lane in plan.lanes.iter().filter(|l| is_marketing(l)) {
        if !p.one_click_lanes.contains(&lane.id) {
            out.push(
                Diagnostic::error(
                    "lint.no_one_click",
                    "$.preferences.one_click_lanes",
                    format!("{} does not offer one-click unsubscribe.", lane.name),
                )
                .hint("Gmail and Yahoo require RFC 8058 List-Unsubscribe-Post headers on bulk marketing mail.")
                .fix(
                    "Offer one-click unsubscribe",
                    vec![Edit::SetOneClick {
                        lane: lane.id.clone(),
                        on: true,
                    }],
                ),
            );
        }
    }
}
