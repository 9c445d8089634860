//! What a migration asks of the team: the daily split, the DNS records to
//! publish before the first day and to remove after the grace period, the
//! dated steps of the cutover and the way back, and the lint of moves that
//! would burn a lane or fall in the peak season.
//!
//! This file holds the report's types and how each migration's report is
//! put together; the files beside it hold the dated steps, the headline
//! figures in words and the lint.

mod figures;
mod lint;
mod no_warmup;
mod overlaps;
mod steps;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::dns::report::{Evidence, RecordView};
use crate::monitor::health::Health;
use crate::plan::edit::{Edit, JourneyField, MigrationField};
use crate::plan::model::{Migration, Plan};
use crate::plan::routing::Routing;
use crate::warmup::calendar::date;
use crate::warmup::migration::{mark_old_lane_off, move_start, moved_mail, split, Split};

pub use crate::warmup::migration::moved_words;
pub use figures::{figures, lane_move_words};
pub use lint::findings;
use steps::steps;

/// Days before the first day by which the new lane's records are published,
/// so that caches and the provider's verification have caught up.
pub const PUBLISH_DAYS_BEFORE: u64 = 14;
/// Days before the first day by which they are checked.
pub const CHECK_DAYS_BEFORE: u64 = 3;

/// The code of the finding that a move goes into a lane with no warm-up,
/// which the Migrations card matches so that it does not say so twice.
pub const NO_WARMUP_CODE: &str = "lint.migration_no_warmup";

/// What a step is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    PublishRecords,
    CheckRecords,
    FirstDay,
    Cutover,
    Rollback,
    KeepOldRecords,
    RemoveOldRecords,
}

/// One dated step of a migration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub kind: StepKind,
    pub title: String,
    pub detail: String,
    /// YYYY-MM-DD; empty while the migration has no date for it.
    pub due: String,
    /// The plan proves it done.
    pub done: bool,
    pub overdue: bool,
}

/// The way back if the new lane's health fails: which journeys return to
/// which lane, as edits a button can apply.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rollback {
    pub lane: String,
    pub lane_name: String,
    /// (journey id, journey name).
    pub journeys: Vec<(String, String)>,
    /// Each journey's lane override back to the old lane, and the move's
    /// first day cleared, so it moves nothing until it is set again: a
    /// move left scheduled would go on taking the journeys.
    pub edits: Vec<Edit>,
    /// The team's own note, from the plan.
    pub note: String,
    /// Why there is nothing to roll back yet, before the move's first day
    /// or while it has none; `None` once mail may have moved.
    pub not_yet: Option<String>,
}

/// Everything the migrations page and the checklist show of one migration.
#[derive(Clone, Debug, PartialEq)]
pub struct MigrationReport {
    pub id: String,
    pub name: String,
    pub from_lane: String,
    pub to_lane: String,
    pub split: Option<Split>,
    /// The new lane's records, published before the first day.
    pub new_records: Vec<RecordView>,
    /// The old lane's records that no other lane publishes, removed after
    /// the grace period; empty while the old lane keeps other mail.
    pub removal: Vec<RecordView>,
    /// Journeys that stay on the old lane, which keep its records.
    pub old_lane_keeps: u32,
    /// The last day of the move plus the grace days.
    pub remove_after: Option<String>,
    pub steps: Vec<Step>,
    pub rollback: Rollback,
}

/// Every migration's report. `records` and `evidence` are the DNS report's
/// planned records and what the pasted records prove; `delivery` the
/// imported delivery data, whose failed health gates hold the schedules.
pub fn reports(
    plan: &Plan,
    routing: &Routing,
    records: &[RecordView],
    evidence: Option<&[Evidence]>,
    today: NaiveDate,
    delivery: Option<&Health>,
) -> Vec<MigrationReport> {
    plan.migrations
        .iter()
        .map(|m| report(plan, routing, m, records, evidence, today, delivery))
        .collect()
}

/// One migration's report, on its schedule (`schedule`).
pub fn report(
    plan: &Plan,
    routing: &Routing,
    m: &Migration,
    records: &[RecordView],
    evidence: Option<&[Evidence]>,
    today: NaiveDate,
    delivery: Option<&Health>,
) -> MigrationReport {
    let split = schedule(plan, routing, m, delivery);
    // What moves does not wait for a first day, so the records and the
    // rollback are right before one is set.
    let moved = moved_mail(plan, routing, m).journeys;
    let of_lane = |id: &str| -> Vec<RecordView> {
        records
            .iter()
            .filter(|r| r.lane.as_deref() == Some(id))
            .cloned()
            .collect()
    };
    let old_lane_keeps = routing
        .routes
        .iter()
        .filter(|r| r.lane_id.as_deref() == Some(m.from_lane.as_str()))
        .filter(|r| !moved.contains(&r.journey_id))
        .count() as u32;
    // Records another lane also publishes stay for that lane.
    let removal = if old_lane_keeps == 0 {
        of_lane(&m.from_lane)
            .into_iter()
            .filter(|r| {
                !records.iter().any(|o| {
                    o.lane.as_deref() != Some(m.from_lane.as_str())
                        && o.name == r.name
                        && o.kind == r.kind
                        && o.value == r.value
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let last = split
        .as_ref()
        .and_then(|s| s.completes_on.as_deref())
        .and_then(date);
    let remove_after = last.and_then(|d| d.checked_add_days(Days::new(u64::from(m.grace_days))));
    let first = (split.as_ref())
        .and_then(|s| s.first_day.as_deref().and_then(date))
        .or_else(|| move_start(plan, m));
    let rollback = rollback(plan, m, &moved, first.map(|f| (f, today)));
    let mut report = MigrationReport {
        id: m.id.clone(),
        name: title(m).to_string(),
        from_lane: m.from_lane.clone(),
        to_lane: m.to_lane.clone(),
        new_records: of_lane(&m.to_lane),
        removal,
        old_lane_keeps,
        remove_after: remove_after.map(|d| d.to_string()),
        steps: Vec::new(),
        rollback,
        split,
    };
    report.steps = steps(plan, routing, m, &report, &moved, evidence, today);
    report
}

/// A migration's schedule: its split, held after each day imported
/// delivery data failed the new lane's health gates, every other sending
/// day taken to pass, with the days the old lane does not send marked
/// (`mark_old_lane_off`). The Migrations card, the report and the
/// Simulation tab all show this one, so they give the same completion
/// date. `None` without a valid first day or a lane.
pub fn schedule(
    plan: &Plan,
    routing: &Routing,
    m: &Migration,
    delivery: Option<&Health>,
) -> Option<Split> {
    let gates = imported_gates(plan, delivery, &m.to_lane);
    let mut s = split(plan, routing, m, &gates)?;
    mark_old_lane_off(plan, routing, m, &mut s);
    Some(s)
}

/// The days imported delivery data failed lane `lane`'s health gates;
/// none without data.
pub fn imported_gates(plan: &Plan, delivery: Option<&Health>, lane: &str) -> Vec<NaiveDate> {
    delivery.map_or_else(Vec::new, |h| failed_gates(plan, h, lane))
}

/// The sending days on which a lane's imported delivery data broke the
/// plan's health gates.
pub fn failed_gates(plan: &Plan, health: &Health, lane: &str) -> Vec<NaiveDate> {
    let sim = &plan.simulation;
    let Some(lane) = health.lanes.iter().find(|l| l.lane == lane) else {
        return Vec::new();
    };
    lane.days
        .iter()
        .filter(|d| d.rates.sent > 0)
        .filter(|d| {
            let r = &d.rates;
            r.delivered_percent
                .is_some_and(|p| p <= sim.gate_delivered_percent)
                || r.complaint_percent
                    .is_some_and(|p| p >= sim.gate_complaint_percent)
                || r.bounce_percent
                    .is_some_and(|p| p >= sim.gate_bounce_percent)
        })
        .filter_map(|d| date(&d.date))
        .collect()
}

/// A migration's name, or its id while it has none.
pub fn title(m: &Migration) -> &str {
    if m.name.trim().is_empty() {
        &m.id
    } else {
        &m.name
    }
}

/// The way back from move `m`, which moves `moved`; `first` is the day
/// its mail starts to move, with today, before which nothing has moved.
fn rollback(
    plan: &Plan,
    m: &Migration,
    moved: &[String],
    first: Option<(NaiveDate, NaiveDate)>,
) -> Rollback {
    let journeys: Vec<(String, String)> = plan
        .journeys
        .iter()
        .filter(|j| moved.contains(&j.id))
        .map(|j| (j.id.clone(), j.called().to_string()))
        .collect();
    let mut edits: Vec<Edit> = (journeys.iter())
        .map(|(id, _)| Edit::Journey {
            journey: id.clone(),
            set: JourneyField::LaneOverride(Some(m.from_lane.clone())),
        })
        .collect();
    edits.push(Edit::Migration {
        migration: m.id.clone(),
        set: MigrationField::StartDate(String::new()),
    });
    let not_yet = match first {
        None => Some("Nothing moves until the move has a first day.".to_string()),
        Some((first, today)) if today < first => Some(format!(
            "Nothing has moved yet: mail starts to move on {first}. To call the move off before then, clear its first day or delete it."
        )),
        Some(_) => None,
    };
    Rollback {
        lane: m.from_lane.clone(),
        lane_name: plan.lane_name(&m.from_lane).to_string(),
        journeys,
        edits,
        note: m.rollback.clone(),
        not_yet,
    }
}

fn journey_names(plan: &Plan, ids: &[String]) -> String {
    let names: Vec<&str> = plan
        .journeys
        .iter()
        .filter(|j| ids.contains(&j.id))
        .map(|j| j.called())
        .collect();
    if names.is_empty() {
        "the moved journeys".to_string()
    } else {
        names.join(", ")
    }
}
