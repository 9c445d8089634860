//! The readiness tracker: checklist dates, seed results and monitoring
//! thresholds.

use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, ThresholdField};
use crate::plan::model::{Plan, Thresholds};

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
            Diagnostic::error("checklist.date", path, format!("“{value}” is not a date."))
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
    let at = |field: &str| format!("$.monitoring.thresholds[{i}].{field}");
    let fix = |watch: f64,
               act: f64,
               make: fn(f64) -> ThresholdField,
               watch_of: fn(f64) -> ThresholdField| {
        vec![
            Edit::Threshold {
                lane: t.lane.clone(),
                set: watch_of(watch),
            },
            Edit::Threshold {
                lane: t.lane.clone(),
                set: make(act),
            },
        ]
    };
    let mut out = Vec::new();
    if t.complaint_act_percent > 0.3 {
        out.push(
            Diagnostic::warning(
                "monitoring.lenient",
                at("complaint_act_percent"),
                format!("Acting only at {}% complaints waits past Gmail's 0.3%, above which Gmail offers no mitigation until seven days under it.", t.complaint_act_percent),
            )
            .hint("Act at 0.3% or lower, and watch from 0.1%, the rate Gmail asks senders to stay under.")
            .fix(
                "Act at 0.3%",
                fix(t.complaint_watch_percent.min(0.1), 0.3, ThresholdField::ComplaintActPercent, ThresholdField::ComplaintWatchPercent),
            ),
        );
    }
    if t.bounce_act_percent > 5.0 {
        out.push(
            Diagnostic::warning(
                "monitoring.lenient",
                at("bounce_act_percent"),
                format!("Acting only at {}% bounces waits past the 5% at which Amazon SES puts an account under review.", t.bounce_act_percent),
            )
            .hint("Act at 5% or lower, and watch from 2%.")
            .fix(
                "Act at 5%",
                fix(t.bounce_watch_percent.min(2.0), 5.0, ThresholdField::BounceActPercent, ThresholdField::BounceWatchPercent),
            ),
        );
    }
    out
}
