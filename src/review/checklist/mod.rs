//! The implementation checklist: the guidance's eight setup steps and its
//! nine-item checklist, per lane where they apply, with each item's status
//! derived from the plan where the plan proves it and taken from the team
//! otherwise, plus due dates counted back from the lane's warm-up.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::dmarc_reports::rollout::ItemEvidence as ReportEvidence;
use crate::dns::live::LiveEvidence;
use crate::monitor::health::LaneHealth;
use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::{Item, ItemStatus, Lane, Plan, SeedTest, Thresholds};
use crate::plan::routing::Routing;

mod derive;

use derive::Context;

pub use crate::dns::report::Evidence;

pub const STEPS: [Item; 8] = [
    Item::MapLanes,
    Item::DomainPlan,
    Item::SmtpServers,
    Item::Authenticate,
    Item::WarmUp,
    Item::AssignRoutes,
    Item::EndToEndQa,
    Item::MonitorByLane,
];

pub const IMPLEMENTATION: [Item; 9] = [
    Item::LanesWithOwners,
    Item::DomainPlanDocumented,
    Item::AuthConfigured,
    Item::TrackingDomain,
    Item::WarmupPlanCreated,
    Item::RoutingImplemented,
    Item::SeedTests,
    Item::WeeklyReview,
    Item::FallbackPlan,
];

pub const QA: [Item; 4] = [
    Item::QaFromIdentity,
    Item::QaReplyHandling,
    Item::QaTrackingDomain,
    Item::QaUnsubscribe,
];

/// How many days before a lane's warm-up starts an item is due: domains
/// and servers three weeks ahead, authentication two, the warm-up plan
/// one, QA and seed tests three days; monitoring on the first day. The
/// warm-up itself is due the day the lane is warm.
pub fn lead_days(item: Item) -> u64 {
    match item {
        Item::MapLanes
        | Item::LanesWithOwners
        | Item::DomainPlan
        | Item::DomainPlanDocumented
        | Item::SmtpServers => 21,
        Item::Authenticate | Item::AuthConfigured | Item::TrackingDomain => 14,
        Item::WarmupPlanCreated | Item::AssignRoutes | Item::RoutingImplemented => 7,
        Item::EndToEndQa
        | Item::SeedTests
        | Item::QaFromIdentity
        | Item::QaReplyHandling
        | Item::QaTrackingDomain
        | Item::QaUnsubscribe => 3,
        Item::WarmUp | Item::MonitorByLane | Item::WeeklyReview | Item::FallbackPlan => 0,
    }
}

/// The first day a lane's warm-up can start from `today` with every item
/// of its set-up on time: the longest lead of the items the checklist
/// does not show done, for the lane or the whole plan.
pub fn earliest_start(report: &ChecklistReport, lane: &str, today: NaiveDate) -> NaiveDate {
    let qa = (report.lanes.iter())
        .filter(|l| l.lane == lane)
        .flat_map(|l| &l.qa);
    let lead = (report.steps.iter().chain(&report.implementation).chain(qa))
        .filter(|r| r.lane.is_empty() || r.lane == lane)
        .filter(|r| !matches!(r.status, ItemStatus::Done | ItemStatus::NotApplicable))
        .map(|r| lead_days(r.item))
        .max()
        .unwrap_or(0);
    today.checked_add_days(Days::new(lead)).unwrap_or(today)
}

/// Whether the item is done once per lane rather than once for the plan.
pub fn per_lane(item: Item) -> bool {
    !matches!(
        item,
        Item::MapLanes
            | Item::AssignRoutes
            | Item::LanesWithOwners
            | Item::RoutingImplemented
            | Item::FallbackPlan
    )
}

/// One line of the checklist as shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub item: Item,
    /// The lane's id; empty for the whole plan.
    pub lane: String,
    pub lane_name: String,
    pub label: String,
    pub status: ItemStatus,
    /// The plan proves the status; it cannot be set by hand.
    pub proven: bool,
    /// Nobody set a status; it is the plan's suggestion.
    pub suggested: bool,
    /// What the plan shows about the item.
    pub evidence: String,
    pub manual: Option<ItemStatus>,
    pub owner: String,
    pub due: String,
    /// The due date is counted back from the warm-up, not set by hand.
    pub due_derived: bool,
    pub overdue: bool,
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// The lane's id; empty for plan-wide items or the total.
    pub lane: String,
    pub name: String,
    pub done: u32,
    /// Items that apply.
    pub total: u32,
}

/// A lane's seed-list results and its inbox rate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeedLane {
    pub lane: String,
    pub name: String,
    /// (index in the plan's list, the test).
    pub tests: Vec<(u32, SeedTest)>,
    /// Results in the inbox, and results, of the latest tests.
    pub inbox: u32,
    pub tested: u32,
    /// The latest tests' date, which the rate is of.
    pub latest: Option<String>,
    /// Under `lint::SEED_INBOX_MIN_PERCENT`.
    pub low: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LaneChecks {
    pub lane: String,
    pub name: String,
    pub qa: Vec<Row>,
    pub thresholds: Option<Thresholds>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChecklistReport {
    pub steps: Vec<Row>,
    pub implementation: Vec<Row>,
    pub lanes: Vec<LaneChecks>,
    pub seeds: Vec<SeedLane>,
    /// Plan-wide items first, then each lane.
    pub progress: Vec<Progress>,
    pub overall: Progress,
}

/// The checklist for the plan on `today`. `findings` are the plan's
/// validation, routing and lint findings; `evidence` the DNS worker's, or
/// `None` where no DNS checks ran; `imported` the lanes' health from
/// imported delivery data.
#[allow(clippy::too_many_arguments)]
pub fn checklist(
    plan: &Plan,
    routing: &Routing,
    findings: &[Diagnostic],
    evidence: Option<&[Evidence]>,
    reports: &[ReportEvidence],
    live: &[LiveEvidence],
    imported: &[LaneHealth],
    today: NaiveDate,
) -> ChecklistReport {
    let mut context = Context::new(plan, routing, findings, evidence, reports, live, today);
    context.imported = imported;
    let rows = |items: &[Item]| -> Vec<Row> {
        let mut rows = Vec::new();
        for &item in items {
            if per_lane(item) {
                for lane in &plan.lanes {
                    rows.push(context.row(item, &lane.id));
                }
            } else {
                rows.push(context.row(item, ""));
            }
        }
        rows
    };
    let steps = rows(&STEPS);
    let implementation = rows(&IMPLEMENTATION);
    let all = || steps.iter().chain(&implementation);
    let mut progress = vec![count("", "Whole plan", all().filter(|r| r.lane.is_empty()))];
    progress.extend(
        (plan.lanes.iter())
            .map(|lane| count(&lane.id, &lane.name, all().filter(|r| r.lane == lane.id))),
    );
    let overall = count("", "Overall", all());
    let lanes = plan
        .lanes
        .iter()
        .map(|lane| LaneChecks {
            lane: lane.id.clone(),
            name: lane.name.clone(),
            qa: QA.iter().map(|&item| context.row(item, &lane.id)).collect(),
            thresholds: plan.monitoring.thresholds_of(&lane.id).cloned(),
        })
        .collect();
    ChecklistReport {
        steps,
        implementation,
        lanes,
        seeds: plan
            .lanes
            .iter()
            .map(|lane| seed_lane(plan, lane))
            .collect(),
        progress,
        overall,
    }
}

/// A lane's seed-list tests, with their index in the plan, and its inbox
/// rate in the latest of them.
fn seed_lane(plan: &Plan, lane: &Lane) -> SeedLane {
    let (inbox, tested) = crate::review::lint::seed_inbox(plan, &lane.id);
    SeedLane {
        lane: lane.id.clone(),
        name: lane.name.clone(),
        tests: (0u32..)
            .zip(&plan.checklist.seeds)
            .filter(|(_, s)| s.lane == lane.id)
            .map(|(i, s)| (i, s.clone()))
            .collect(),
        inbox,
        tested,
        latest: crate::review::lint::latest_seed_date(plan, &lane.id).map(str::to_string),
        low: tested > 0 && inbox * 100 < crate::review::lint::SEED_INBOX_MIN_PERCENT * tested,
    }
}

fn count<'a>(lane: &str, name: &str, rows: impl Iterator<Item = &'a Row>) -> Progress {
    let mut progress = Progress {
        lane: lane.to_string(),
        name: name.to_string(),
        done: 0,
        total: 0,
    };
    for row in rows.filter(|r| r.status != ItemStatus::NotApplicable) {
        progress.total += 1;
        progress.done += u32::from(row.status == ItemStatus::Done);
    }
    progress
}
