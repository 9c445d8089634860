//! Migrations of journeys from one lane to another.

use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::Plan;

/// Migrations that move nothing, or into the lane they leave, and dates
/// that cannot be read.
pub(super) fn check_migrations(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let date = |value: &str, path: String, out: &mut Vec<Diagnostic>| {
        let value = value.trim();
        if !value.is_empty() && !crate::units::is_iso_date(value) {
            out.push(
                Diagnostic::error("migration.date", path, crate::units::not_a_date(value))
                    .hint("Write dates as YYYY-MM-DD, such as 2027-09-06."),
            );
        }
    };
    for (index, m) in plan.migrations.iter().enumerate() {
        let at = |field: &str| format!("$.migrations[{index}].{field}");
        let label = if m.name.trim().is_empty() {
            &m.id
        } else {
            &m.name
        };
        if m.from_lane == m.to_lane {
            out.push(
                Diagnostic::error(
                    "migration.same_lane",
                    at("to_lane"),
                    format!(
                        "{label} moves mail from {} into the same lane.",
                        plan.lane_name(&m.from_lane)
                    ),
                )
                .hint("Choose the lane the mail moves to."),
            );
        }
        if !m.whole_lane && m.journeys.is_empty() {
            out.push(
                Diagnostic::warning(
                    "migration.empty",
                    at("journeys"),
                    format!("{label} moves no journeys."),
                )
                .hint("Tick the journeys that move, or move the whole lane."),
            );
        }
        date(&m.start_date, at("start_date"), out);
        for (i, day) in m.hold_dates.iter().enumerate() {
            date(day, format!("{}[{i}]", at("hold_dates")), out);
        }
        if m.start_date.trim().is_empty() {
            out.push(
                Diagnostic::info(
                    "migration.unscheduled",
                    at("start_date"),
                    format!("{label} has no start date yet."),
                )
                .hint("Set the first day mail moves to see the daily split."),
            );
        }
    }
    if let Some(peak) = &plan.peak_window {
        date(&peak.start, "$.peak_window.start".into(), out);
        date(&peak.end, "$.peak_window.end".into(), out);
        if peak.end.trim() < peak.start.trim() {
            out.push(
                Diagnostic::error(
                    "migration.peak_window",
                    "$.peak_window.end",
                    "The peak season ends before it starts.",
                )
                .hint("Set the last day on or after the first."),
            );
        }
    }
}
