//! The report's warm-up and migrations: each ramp's summary and the days
//! its cap changes, and each planned move with its steps.

use super::{table, Block, Inputs};
use crate::plan::model::{LaneStatus, Plan, WarmupPlan};
use crate::review::migration::{self, MigrationReport};
use crate::units::group;
use crate::warmup::calendar::words::{days_off, over_cap, skipped_past, PAUSED_RAMP};
use crate::warmup::calendar::{calendar, date, shown_days, Calendar, Wanted};
use crate::warmup::migration::lane_wanted;

pub(super) fn warmup_section(input: &Inputs) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(2, "Warm-up".into())];
    let warming: Vec<_> = input
        .plan
        .lanes
        .iter()
        .filter_map(|lane| Some((lane, lane.warmup.as_ref()?)))
        .collect();
    if warming.is_empty() {
        blocks.push(Block::Paragraph("No lane is warming up.".into()));
    } else {
        // The migration section's dates may be later: they follow the
        // days imported delivery data failed.
        let held = match input.plan.migrations.is_empty() {
            true => "the simulation holds a ramp after a day that fails them",
            false => "a migration's dates below, like the simulation, hold a ramp after a day that failed them",
        };
        blocks.push(Block::Paragraph(format!(
            "Each ramp as planned, as if every day passed its health gates; {held}."
        )));
    }
    for (lane, w) in warming {
        blocks.push(Block::Heading(3, lane.name.clone()));
        // A paused lane's calendar is the ramp it would run, as the
        // simulation sends nothing on it.
        if lane.status == LaneStatus::Paused {
            blocks.push(Block::Paragraph(PAUSED_RAMP.into()));
        }
        let wanted = lane_wanted(input.plan, input.routing, &lane.id);
        // The Warm-up tab's calendar, so the figures are the same.
        match calendar(w, &wanted, shown_days(w, &wanted)) {
            None => blocks.push(Block::Paragraph("No start date yet.".into())),
            Some(cal) => {
                blocks.push(Block::Paragraph(warmup_summary(w, &cal)));
                if cal.total_over_cap > 0 {
                    let spill_to = (w.spill_lane.as_deref()).and_then(|id| input.plan.lane(id));
                    let over = over_cap(&cal, w.overflow, spill_to.map(|l| l.name.as_str()));
                    blocks.push(Block::Paragraph(format!("Over the cap: {over}.")));
                }
                // As the Warm-up tab's figure: days the ramp leaves out,
                // and the skipped dates by name, since the table lists
                // only the days its cap changes.
                let past = skipped_past(w, &cal);
                if cal.total_off_day > 0 || !past.is_empty() {
                    let within: Vec<&str> = (w.skipped_dates.iter())
                        .map(String::as_str)
                        .filter(|d| !past.contains(d))
                        .collect();
                    let skipped = match within.is_empty() {
                        true => String::new(),
                        false => format!(" (skipped dates: {})", within.join(", ")),
                    };
                    blocks.push(Block::Paragraph(format!(
                        "On days the lane does not send{skipped}: {}.",
                        days_off(&cal, w.overflow, &past)
                    )));
                }
                blocks.push(table(
                    &["Date", "Ramp day", "Daily cap", "Planned"],
                    cap_changes(&cal, &wanted),
                ));
            }
        }
    }
    blocks
}

/// When a warm-up starts, when the lane is warm, and whether it reaches its
/// target in time.
fn warmup_summary(w: &WarmupPlan, cal: &Calendar) -> String {
    let warm = cal
        .warm_on
        .as_deref()
        .map_or("not warm within the calendar".to_string(), |d| {
            format!("warm on {d}")
        });
    let target = match (cal.reaches_target, w.target_date.as_str()) {
        (Some(_), date) if w.peak_beyond_calendar() => format!(
            "; its peak date, {date}, is more than {} days after the start, further than the calendar looks.",
            crate::plan::ranges::CALENDAR_DAYS
        ),
        (Some(true), date) => format!("; reaches {} a day by {date}.", group(cal.target_needs)),
        (Some(false), date) => format!(
            "; does not reach {} a day by {date} (latest start: {}).",
            group(cal.target_needs),
            cal.latest_start.as_deref().unwrap_or("none")
        ),
        (None, _) => ".".to_string(),
    };
    // A lane whose journeys want no mail at first, such as one a migration
    // fills, starts its calendar on the start date but sends later.
    let first = cal.days.iter().find(|d| d.sending).map(|d| &d.date);
    let start = match first {
        Some(first) if first != w.start_date.trim() => {
            format!("Starts {} and first sends on {first}", w.start_date)
        }
        _ => format!("Starts {}", w.start_date),
    };
    format!("{start}; {warm}{target}")
}

/// The days the cap changes, and a migration's hold dates, on which the
/// lane sends at the last sending day's cap, up to the day the lane is
/// warm, or the day deferred mail has all gone out, if later. Without the
/// hold dates the table would read them as days without sending.
fn cap_changes(cal: &Calendar, wanted: &Wanted) -> Vec<Vec<String>> {
    let last_day = match (&cal.warm_on, &cal.backlog_clears_on) {
        (Some(warm), Some(clears)) => Some(warm.max(clears)),
        (warm, _) => warm.as_ref(),
    };
    let mut last = None;
    let mut rows = Vec::new();
    for day in &cal.days {
        let held = day.sending && date(&day.date).is_some_and(|d| wanted.held_on(d));
        if day.cap.is_some() && (day.cap != last || held) {
            let step = day.step.map_or(String::new(), |s| (s + 1).to_string());
            rows.push(vec![
                day.date.clone(),
                match held {
                    true => format!("{step} (hold date)"),
                    false => step,
                },
                day.cap.map_or(String::new(), group),
                group(day.sent.iter().sum::<u64>()),
            ]);
            last = day.cap;
        }
        if Some(&day.date) == last_day {
            break;
        }
    }
    rows
}

/// Each planned move between lanes: what moves, when it is complete, and
/// its steps with their dates. Left out while no move is planned.
pub(super) fn migrations_section(input: &Inputs) -> Vec<Block> {
    let plan = input.plan;
    if plan.migrations.is_empty() {
        return Vec::new();
    }
    let mut blocks = vec![Block::Heading(2, "Migrations".into())];
    let records = input.records.unwrap_or(&[]);
    // The schedules hold on the days imported delivery data failed their
    // gates, as the Migrations card and the Simulation tab show them.
    let reports = migration::reports(
        plan,
        input.routing,
        records,
        None,
        input.today,
        input.delivery,
    );
    for r in &reports {
        blocks.push(Block::Heading(3, r.name.clone()));
        blocks.push(Block::Paragraph(move_summary(plan, r)));
        let rows = (r.steps.iter())
            .map(|s| vec![s.due.clone(), s.title.clone(), s.detail.clone()])
            .collect();
        blocks.push(table(&["Due", "Step", "Detail"], rows));
    }
    blocks
}

/// A move in a sentence: its lanes, its mail and when it is complete.
fn move_summary(plan: &Plan, r: &MigrationReport) -> String {
    let (from, to) = (plan.lane_name(&r.from_lane), plan.lane_name(&r.to_lane));
    let when = match r.split.as_ref() {
        None => "no first day set yet".to_string(),
        Some(split) => match (&split.first_day, &split.completes_on) {
            (Some(first), Some(done)) => format!("moves from {first}, complete on {done}"),
            (Some(first), None) => format!("moves from {first}, not complete within the calendar"),
            _ => "nothing moves yet".to_string(),
        },
    };
    let moving = r.split.as_ref().map_or(String::new(), |split| {
        format!(
            ", {}",
            crate::review::migration::moved_words(&split.moved, "a day")
        )
    });
    format!("From {from} to {to}{moving}: {when}.")
}
