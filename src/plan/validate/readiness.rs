//! The readiness tracker: checklist dates, seed results and monitoring
//! thresholds.

use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, ThresholdField};
use crate::plan::model::{Plan, Thresholds};

/// A checklist entry kept twice, for the same item and lane: the checklist
/// reads the first, so a file's second entry, with its own status, owner
/// and notes, would be dropped without a word.
pub(super) fn repeated_items(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let mut seen: rustc_hash::FxHashMap<(crate::plan::model::Item, &str), usize> =
        Default::default();
    for (index, entry) in plan.checklist.items.iter().enumerate() {
        let Some(first) = seen.insert((entry.item, entry.lane.as_str()), index) else {
            continue;
        };
        let lane = plan.lanes.iter().find(|l| l.id == entry.lane);
        let whose = match lane.map_or(entry.lane.as_str(), |l| l.name.as_str()) {
            "" => String::new(),
            name => format!(" for {name}"),
        };
        out.push(
            Diagnostic::error(
                "plan.repeated_item",
                format!("$.checklist.items[{index}]"),
                format!(
                    "The checklist item “{}”{whose} is listed twice, as entries {} and {}",
                    entry.item.label(),
                    first + 1,
                    index + 1
                ),
            )
            .hint("Keep one of the two entries, with the status, owner and notes you want."),
        );
        seen.insert((entry.item, entry.lane.as_str()), first);
    }
}

/// Checklist dates, seed results and thresholds that cannot be read.
pub(super) fn check_readiness(plan: &Plan, out: &mut Vec<Diagnostic>) {
    check_checklist(plan, out);
    check_topics(plan, out);
    check_postmaster(plan, out);
    check_thresholds(plan, out);
}

/// An error for a date that is neither empty nor YYYY-MM-DD.
fn check_date(value: &str, path: String, out: &mut Vec<Diagnostic>) {
    let value = value.trim();
    if !value.is_empty() && !crate::units::is_iso_date(value) {
        out.push(
            Diagnostic::error("checklist.date", path, crate::units::not_a_date(value))
                .hint("Write dates as YYYY-MM-DD, such as 2027-03-01."),
        );
    }
}

/// The checklist's due dates and the seed tests' dates.
fn check_checklist(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for (i, item) in plan.checklist.items.iter().enumerate() {
        check_date(&item.due, format!("$.checklist.items[{i}].due"), out);
    }
    for (i, seed) in plan.checklist.seeds.iter().enumerate() {
        if seed.date.trim().is_empty() {
            out.push(
                Diagnostic::warning(
                    "checklist.seed_date",
                    format!("$.checklist.seeds[{i}].date"),
                    "The seed test has no date.",
                )
                .hint("Record the day the seed list was sent, so older results can be told apart."),
            );
        }
        check_date(&seed.date, format!("$.checklist.seeds[{i}].date"), out);
    }
}

/// Every preference topic needs a name.
fn check_topics(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for (i, topic) in plan.preferences.topics.iter().enumerate() {
        if topic.name.trim().is_empty() {
            out.push(
                Diagnostic::error(
                    "preferences.topic_name",
                    format!("$.preferences.topics[{i}].name"),
                    "The topic has no name.",
                )
                .hint("Name it as the preference page does, such as “Offers and news”."),
            );
        }
    }
}

/// Postmaster Tools rows: a date, a domain and a spam rate in 0–100%.
fn check_postmaster(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for (i, p) in plan.monitoring.postmaster.iter().enumerate() {
        check_date(&p.date, format!("$.monitoring.postmaster[{i}].date"), out);
        if crate::domain::normalize_domain(&p.domain).is_err() {
            out.push(
                Diagnostic::error(
                    "monitoring.postmaster_domain",
                    format!("$.monitoring.postmaster[{i}].domain"),
                    format!("“{}” is not a domain.", p.domain),
                )
                .hint("Use the domain as Postmaster Tools lists it, such as mail.brand.com."),
            );
        } else if plan.postmaster_lanes(&p.domain).is_empty() {
            out.push(
                Diagnostic::warning(
                    "monitoring.postmaster_no_lane",
                    format!("$.monitoring.postmaster[{i}].domain"),
                    format!("No lane sends from or signs for {}, so no lane counts this figure.", p.domain.trim()),
                )
                .hint("Check the domain against a lane's sending, From, DKIM or envelope domain, or the primary domain."),
            );
        }
        if !(0.0..=100.0).contains(&p.spam_rate_percent) {
            out.push(
                Diagnostic::error(
                    "monitoring.range",
                    format!("$.monitoring.postmaster[{i}].spam_rate_percent"),
                    "The spam rate is outside 0–100%.",
                )
                .hint("Write the rate in %, such as 0.08."),
            );
        }
    }
}

/// Monitoring thresholds: percentages, with each action threshold at or
/// above its watch threshold.
fn check_thresholds(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for (i, t) in plan.monitoring.thresholds.iter().enumerate() {
        let at = |field: &str| format!("$.monitoring.thresholds[{i}].{field}");
        let values = [
            t.complaint_watch_percent,
            t.complaint_act_percent,
            t.bounce_watch_percent,
            t.bounce_act_percent,
            t.delivered_min_percent,
        ];
        if values.iter().any(|v| !(0.0..=100.0).contains(v)) {
            out.push(
                Diagnostic::error(
                    "monitoring.range",
                    at("lane"),
                    "A threshold is outside 0–100%.",
                )
                .hint("Thresholds are percentages, such as 0.3 for complaints."),
            );
        }
        for (watch, act, field, what) in [
            (
                t.complaint_watch_percent,
                t.complaint_act_percent,
                "complaint_act_percent",
                "complaint",
            ),
            (
                t.bounce_watch_percent,
                t.bounce_act_percent,
                "bounce_act_percent",
                "bounce",
            ),
        ] {
            if act < watch {
                out.push(
                    Diagnostic::error(
                        "monitoring.order",
                        at(field),
                        format!("The {what} rate that calls for action ({act}%) is below the one that calls for watching ({watch}%)."),
                    )
                    .hint("Set the action threshold at or above the watch threshold."),
                );
            }
        }
        out.extend(lenient(i, t));
    }
}

/// Action lines looser than the mailbox providers' own: above 0.3%
/// complaints Gmail offers no mitigation until seven days under it, and
/// Amazon SES reviews an account from 5% bounces. A lane that waits past
/// them acts when the damage is done.
fn lenient(i: usize, t: &Thresholds) -> Vec<Diagnostic> {
    let lines = [
        Line {
            field: "complaint_act_percent",
            act: t.complaint_act_percent,
            limit: 0.3,
            watch_at: 0.1,
            watch: t.complaint_watch_percent,
            why: "complaints waits past Gmail's 0.3%, above which Gmail offers no mitigation until seven days under it",
            act_of: ThresholdField::ComplaintActPercent,
            watch_of: ThresholdField::ComplaintWatchPercent,
        },
        Line {
            field: "bounce_act_percent",
            act: t.bounce_act_percent,
            limit: 5.0,
            watch_at: 2.0,
            watch: t.bounce_watch_percent,
            why: "bounces waits past the 5% at which Amazon SES puts an account under review",
            act_of: ThresholdField::BounceActPercent,
            watch_of: ThresholdField::BounceWatchPercent,
        },
    ];
    let set = |set: ThresholdField| Edit::Threshold {
        lane: t.lane.clone(),
        set,
    };
    lines
        .into_iter()
        .filter(|line| line.act > line.limit)
        .map(|line| {
            Diagnostic::warning(
                "monitoring.lenient",
                format!("$.monitoring.thresholds[{i}].{}", line.field),
                format!("Acting only at {}% {}.", line.act, line.why),
            )
            .hint(format!(
                "Act at {}% or lower, and watch from {}%.",
                line.limit, line.watch_at
            ))
            .fix(
                format!("Act at {}%", line.limit),
                vec![
                    set((line.watch_of)(line.watch.min(line.watch_at))),
                    set((line.act_of)(line.limit)),
                ],
            )
        })
        .collect()
}

/// An action line and the providers' own line it should not pass.
struct Line {
    field: &'static str,
    act: f64,
    limit: f64,
    /// The watch line to go with it, and the lane's own.
    watch_at: f64,
    watch: f64,
    /// What acting past the providers' line waits for.
    why: &'static str,
    act_of: fn(f64) -> ThresholdField,
    watch_of: fn(f64) -> ThresholdField,
}
