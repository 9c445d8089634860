//! Findings from lane health: a lane whose imported data (or Postmaster
//! Tools figures) reaches an action line is an error, one past a watch line
//! a warning, each at the lane and naming its worst reason, so the Problems
//! tab lists what the Monitoring tab shows.

use super::health::{Health, Status};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::Plan;
use crate::units::count;

/// The code of a lane whose monitoring says act.
pub const ACT: &str = "monitor.act";
/// The code of a lane whose monitoring says watch.
pub const WATCH: &str = "monitor.watch";

/// A finding per lane at Act or Watch, at the lane (`$.lanes[i]`), in the
/// plan's lane order. Health about a lane the plan no longer has is left
/// out.
pub fn findings(plan: &Plan, health: &Health) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for h in &health.lanes {
        let Some(i) = plan.lanes.iter().position(|l| l.id == h.lane) else {
            continue;
        };
        let Some((worst, rest)) = h.reasons.split_first() else {
            continue;
        };
        let more = match rest.len() as u64 {
            0 => String::new(),
            n => format!(
                " ({} on the Monitoring tab)",
                count(n, "more reason", "more reasons")
            ),
        };
        let path = format!("$.lanes[{i}]");
        let fallback = h.fallback.as_deref();
        let finding = match h.status {
            Status::Act => Diagnostic::error(
                ACT,
                path,
                format!("{} needs action: {worst}{more}.", h.name),
            )
            .hint(match fallback {
                Some(f) => format!("Follow the plan's fallback for the lane: {f}."),
                None => "Find the cause on the Monitoring tab and slow the lane's mail until it is fixed; the lane has no fallback plan (Simulation tab).".to_string(),
            }),
            Status::Watch => Diagnostic::warning(
                WATCH,
                path,
                format!("{} is on watch: {worst}{more}.", h.name),
            )
            .hint(format!(
                "Watch its next days on the Monitoring tab{}.",
                fallback.map_or(String::new(), |f| format!(
                    "; at an action line, the plan's fallback: {f}"
                ))
            )),
            Status::Healthy | Status::NoData => continue,
        };
        out.push(finding);
    }
    out
}

/// The code of a lane whose imported data has days after today.
pub const AHEAD: &str = "monitor.ahead_of_today";

/// A warning per lane whose imported delivery data runs past `today`:
/// no mail was sent on a day still to come, so the file's dates (or the
/// computer's clock) are wrong, and the checklist leaves those days out.
pub fn ahead_of_today(plan: &Plan, health: &Health, today: &str) -> Vec<Diagnostic> {
    let ahead = |days: &[super::health::DayPoint]| {
        let first = days.iter().find(|d| d.date.as_str() > today)?;
        Some((first.date.clone(), days.last()?.date.clone()))
    };
    (health.lanes.iter())
        .filter_map(|h| {
            let i = plan.lanes.iter().position(|l| l.id == h.lane)?;
            let (from, to) = ahead(&h.days)?;
            let (span, them) = match from == to {
                true => (format!("{from}, a day"), "it"),
                false => (format!("{from} to {to}, days"), "them"),
            };
            Some(
                Diagnostic::warning(
                    AHEAD,
                    format!("$.lanes[{i}]"),
                    format!(
                        "Imported delivery data of {} is dated {span} after today ({today}); the checklist leaves {them} out.",
                        h.name
                    ),
                )
                .hint("Check the dates in the file, or this computer's date, and import it again."),
            )
        })
        .collect()
}
