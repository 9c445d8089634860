//! Migrations that move the same journey: two moves at once, and a move
//! that lists journeys an earlier one has already taken, with fixes that
//! leave each journey to one move at a time.

use chrono::NaiveDate;

use super::{journey_names, title};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, MigrationField};
use crate::plan::model::{Migration, Plan};
use crate::warmup::calendar::date;
use crate::warmup::migration::Split;

/// Two migrations moving the same journey over overlapping dates. The
/// journey follows the move that starts first (`first_mover`), so the
/// finding sits on the other, the one that leaves it be. Its fix starts a
/// whole-lane move the day after the first completes, and takes the
/// journeys off a move that names them, which would move none of them
/// after the first either (`moved_before`).
pub(super) fn overlaps(plan: &Plan, splits: &[Option<Split>], out: &mut Vec<Diagnostic>) {
    let span = |s: &Split| -> Option<(NaiveDate, Option<NaiveDate>)> {
        let first = date(&s.days.first()?.date)?;
        Some((first, s.completes_on.as_deref().and_then(date)))
    };
    let overlap = |a: (NaiveDate, Option<NaiveDate>), b: (NaiveDate, Option<NaiveDate>)| {
        a.1.is_none_or(|end| b.0 <= end) && b.1.is_none_or(|end| a.0 <= end)
    };
    for (index, (m, split)) in plan.migrations.iter().zip(splits).enumerate() {
        let Some(split) = split else {
            continue;
        };
        for (first_index, first) in plan.migrations.iter().enumerate() {
            let shared: Vec<String> = (split.moved.taken_by.iter())
                .filter(|(_, by)| *by == first.id)
                .map(|(journey, _)| journey.clone())
                .collect();
            let Some(theirs) = splits.get(first_index).and_then(|s| s.as_ref()) else {
                continue;
            };
            let (Some(a), Some(b)) = (span(theirs), span(split)) else {
                continue;
            };
            if shared.is_empty() {
                continue;
            }
            if !overlap(a, b) {
                out.extend(moved_before((index, m), first, &shared, plan));
                continue;
            }
            let names = journey_names(plan, &shared);
            let them = if shared.len() == 1 { "it" } else { "them" };
            let mut finding = Diagnostic::warning(
                "lint.migration_overlap",
                format!("$.migrations[{index}].start_date"),
                format!(
                    "{} and {} both move {names} at the same time. A journey follows one move at a time, so the calendars and the simulation move {them} with {}, which starts first, and {} leaves {them} be.",
                    title(first),
                    title(m),
                    title(first),
                    title(m),
                ),
            )
            .hint(format!(
                "Move a journey by one move at a time: start {} after {} completes, or take {them} off one of the moves.",
                title(m),
                title(first)
            ));
            // A move that names the journeys would move none of them
            // after the first either: it gives them up.
            if !m.whole_lane {
                finding = finding.fix(
                    format!("Take {them} off {}", title(m)),
                    take_off(m, &shared),
                );
            } else if let Some(end) = a.1.and_then(|e| e.succ_opt()) {
                finding = finding.fix(
                    format!("Start {} on {end}", title(m)),
                    vec![Edit::Migration {
                        migration: m.id.clone(),
                        set: MigrationField::StartDate(end.to_string()),
                    }],
                );
            }
            out.push(finding);
        }
    }
}

/// A move that lists journeys by name that an earlier move has already
/// taken to its new lane by the time this one starts: it moves none of
/// their mail, so the calendars and the simulation leave them where the
/// earlier move put them, and taking them off says so. A move of a whole
/// lane lists none, so it is left be.
fn moved_before(
    (index, m): (usize, &Migration),
    first: &Migration,
    shared: &[String],
    plan: &Plan,
) -> Option<Diagnostic> {
    if m.whole_lane {
        return None;
    }
    let names = journey_names(plan, shared);
    let them = if shared.len() == 1 { "it" } else { "them" };
    let to = plan.lane_name(&first.to_lane);
    let finding = Diagnostic::warning(
        "lint.migration_after_move",
        format!("$.migrations[{index}].journeys"),
        format!(
            "{} moves {names} to {to} before {} starts, so {} moves none of {}: {them} stay on {to}.",
            title(first),
            title(m),
            title(m),
            if shared.len() == 1 { "its mail" } else { "their mail" },
        ),
    )
    .hint(format!(
        "Take {them} off {}, or, to move {them} on from {to}, route {them} to {to} once {} completes and plan a move from there.",
        title(m),
        title(first)
    ));
    Some(finding.fix(format!("Take {them} off {}", title(m)), take_off(m, shared)))
}

/// The edits that untick `journeys` on move `m`.
fn take_off(m: &Migration, journeys: &[String]) -> Vec<Edit> {
    (journeys.iter())
        .map(|journey| Edit::Migration {
            migration: m.id.clone(),
            set: MigrationField::Journey {
                journey: journey.clone(),
                on: false,
            },
        })
        .collect()
}
