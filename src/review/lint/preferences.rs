//! The unsubscribe policy: topics that stop marketing lanes and never the
//! transactional one, one-click unsubscribe, and requests honoured within
//! two days.

use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, TopicField};
use crate::plan::model::{Intent, Lane, Plan, Preferences, Purpose, Topic, TopicKind};
use crate::plan::routing::Routing;

/// Lanes whose mail an unsubscribe must be able to stop: all but the
/// transactional lane, which carries mail customers need.
fn is_marketing(lane: &Lane) -> bool {
    lane.purpose != Purpose::Transactional
}

/// Whether `lane` sends marketing mail, which people must be able to stop,
/// with one click (RFC 8058): a lane that is not the transactional one with
/// a journey routed or moving to it that is not a receipt, shipping update
/// or password reset. A lane without such mail has nothing to stop yet,
/// and a move not yet scheduled brings it none.
pub fn sends_marketing(plan: &Plan, routing: &Routing, lane: &Lane) -> bool {
    is_marketing(lane) && !marketing_intents(plan, routing, lane).is_empty()
}

/// The intents of the mail routed or moving to `lane` (by scheduled moves,
/// `super::brought_to`) that is not a receipt, shipping update or password
/// reset.
fn marketing_intents(plan: &Plan, routing: &Routing, lane: &Lane) -> Vec<Intent> {
    let brought = super::brought_to(plan, routing, lane, false);
    (super::routed_to(plan, routing, lane).into_iter())
        .map(|(_, j)| j)
        .chain(brought.into_iter().map(|(_, j, _)| j))
        .map(|j| j.intent)
        .filter(|i| !i.is_transactional())
        .collect()
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
/// marketing unsubscribes, every lane sending marketing mail can be
/// stopped, with one click, within two days.
pub(super) fn preferences(plan: &Plan, routing: &Routing, out: &mut Vec<Diagnostic>) {
    let sending: Vec<&Lane> = (plan.lanes.iter())
        .filter(|l| sends_marketing(plan, routing, l))
        .collect();
    topics(plan, out);
    all_marketing_stops_every_lane(plan, out);
    suppressible(plan, &sending, out);
    own_kind_topics(plan, out);
    topics_miss_lane_mail(plan, routing, out);
    one_click(plan, &sending, out);
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
            let lanes: Vec<&Lane> = (plan.lanes.iter())
                .filter(|l| is_marketing(l))
                .filter(|l| topic.kind == TopicKind::AllMarketing || kind_of(l) == topic.kind)
                .collect();
            if !lanes.is_empty() {
                let names: Vec<&str> = lanes.iter().map(|l| l.name.as_str()).collect();
                let finding = out.last_mut().expect("just pushed");
                *finding = finding.clone().fix(
                    format!("Let it stop {}", names.join(" and ")),
                    lanes
                        .iter()
                        .flat_map(|l| suppress(topic, l, true))
                        .collect(),
                );
            }
        }
    }
}

/// Every lane in `sending`, the lanes sending marketing mail, can be
/// stopped by some unsubscribe topic.
fn suppressible(plan: &Plan, sending: &[&Lane], out: &mut Vec<Diagnostic>) {
    let p = &plan.preferences;
    if p.topics.is_empty() && !sending.is_empty() {
        out.push(
            Diagnostic::error(
                "lint.no_preference_topics",
                "$.preferences.topics",
                "No unsubscribe topic suppresses any lane, so an unsubscribe stops nothing.",
            )
            .hint("Decide which unsubscribes stop which lanes: many brands let people leave promotions and lifecycle nudges separately, and all marketing at once.")
            .fix(
                "Add the standard topics and one-click unsubscribe",
                vec![Edit::SetPreferences(standard_preferences(plan))],
            ),
        );
    } else {
        let all = p.topics.iter().find(|t| t.kind == TopicKind::AllMarketing);
        for lane in sending {
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

/// The kind of topic whose unsubscribe stops a marketing lane's mail on
/// its own: promotions, or lifecycle nudges.
fn kind_of(lane: &Lane) -> TopicKind {
    match lane.purpose {
        Purpose::Promotional | Purpose::Vip => TopicKind::Promotional,
        _ => TopicKind::Lifecycle,
    }
}

/// A note for each marketing lane that only "all marketing" stops: people
/// who want fewer promotions must then give up cart reminders too, and
/// the other way round. The fix lets the lane's own kind of topic stop
/// it, adding that topic when there is none.
fn own_kind_topics(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let topics = &plan.preferences.topics;
    let stopped = |lane: &Lane| topics.iter().any(|t| t.suppresses.contains(&lane.id));
    for lane in plan.lanes.iter().filter(|l| is_marketing(l) && stopped(l)) {
        let kind = kind_of(lane);
        let own = topics.iter().filter(|t| t.kind == kind);
        if own.clone().any(|t| t.suppresses.contains(&lane.id)) {
            continue;
        }
        let (label, edits) = match own.clone().next() {
            Some(topic) => (
                format!("Let “{}” stop it", topic.name),
                suppress(topic, lane, true),
            ),
            None => new_topic(plan, kind, lane),
        };
        let what = mail_of(kind);
        out.push(
            Diagnostic::info(
                "lint.no_topic_of_its_own",
                "$.preferences.topics",
                format!("Only unsubscribing from all marketing stops {}: people cannot leave its {what} and keep the rest.", lane.name),
            )
            .hint("Let a topic of its own kind stop the lane too, so that people who want less mail need not give up all of it.")
            .fix(label, edits),
        );
    }
}

/// A warning for a kind of mail (promotions, or reminders) that lanes of
/// another purpose carry without its topic stopping them: a shared server
/// being moved off, say, keeps sending promotions to people who left them.
/// The fix lets the kind's first topic stop those lanes.
fn topics_miss_lane_mail(plan: &Plan, routing: &Routing, out: &mut Vec<Diagnostic>) {
    let topics = &plan.preferences.topics;
    for kind in [TopicKind::Promotional, TopicKind::Lifecycle] {
        let own: Vec<(usize, &Topic)> = (topics.iter().enumerate())
            .filter(|(_, t)| t.kind == kind)
            .collect();
        let Some(&(index, topic)) = own.first() else {
            continue;
        };
        // A lane of the kind's own purpose is `lint.no_topic_of_its_own`'s.
        let missed: Vec<&Lane> = (plan.lanes.iter())
            .filter(|l| is_marketing(l) && kind_of(l) != kind)
            .filter(|l| carries(plan, routing, l, kind))
            .filter(|l| !own.iter().any(|(_, t)| t.suppresses.contains(&l.id)))
            .collect();
        if missed.is_empty() {
            continue;
        }
        let names: Vec<String> = missed.iter().map(|l| l.name.clone()).collect();
        let (what, verb) = (
            mail_of(kind),
            if names.len() == 1 { "sends" } else { "send" },
        );
        let lanes = crate::units::and_list(&names);
        out.push(
            Diagnostic::warning(
                "lint.topic_misses_lane_mail",
                format!("$.preferences.topics[{index}].suppresses"),
                format!("Unsubscribing from “{}” does not stop the {what} {lanes} {verb}, so people who leave them keep getting them.", topic.name),
            )
            .hint("Let a topic stop every lane that carries its kind of mail, whatever the lane's purpose.")
            .fix(
                format!("Let “{}” stop {lanes}", topic.name),
                missed.iter().flat_map(|l| suppress(topic, l, true)).collect(),
            ),
        );
    }
}

/// Whether `lane` carries, or migrations move onto it, mail of `kind`.
fn carries(plan: &Plan, routing: &Routing, lane: &Lane, kind: TopicKind) -> bool {
    let intents = marketing_intents(plan, routing, lane);
    intents.iter().any(|i| match kind {
        TopicKind::Promotional => i.is_promotional(),
        _ => !i.is_promotional(),
    })
}

/// The mail a topic of `kind` lets people leave, in words.
fn mail_of(kind: TopicKind) -> &'static str {
    match kind {
        TopicKind::Promotional => "promotions",
        _ => "reminders and recommendations",
    }
}

/// The edits that add a topic of `kind` stopping `lane`, with its label.
/// Each fix is applied to the plan as it is, so the topic takes the id
/// the next topic added gets.
fn new_topic(plan: &Plan, kind: TopicKind, lane: &Lane) -> (String, Vec<Edit>) {
    let name = match kind {
        TopicKind::Promotional => "Offers and news",
        _ => "Reminders and recommendations",
    };
    let id = crate::plan::edit::next_topic_id(plan);
    let set = |set: TopicField| Edit::Topic {
        topic: id.clone(),
        set,
    };
    let edits = vec![
        Edit::AddTopic,
        set(TopicField::Name(name.to_string())),
        set(TopicField::Kind(kind)),
        set(TopicField::Suppresses {
            lane: lane.id.clone(),
            on: true,
        }),
    ];
    (format!("Add the topic “{name}” to stop it"), edits)
}

/// Every lane in `sending`, the lanes sending marketing mail, offers
/// one-click unsubscribe (RFC 8058), as Gmail and Yahoo require of bulk
/// marketing mail.
fn one_click(plan: &Plan, sending: &[&Lane], out: &mut Vec<Diagnostic>) {
    let p = &plan.preferences;
    for lane in sending {
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
