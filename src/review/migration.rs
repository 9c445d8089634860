//! What a migration asks of the team: the daily split, the DNS records to
//! publish before the first day and to remove after the grace period, the
//! dated steps of the cutover and the way back, and the lint of moves that
//! would burn a lane or fall in the peak season.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::dns::report::{Evidence, RecordView};
use crate::monitor::health::Health;
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, JourneyField, LaneField, MigrationField, WarmupField};
use crate::plan::model::{Lane, LaneStatus, Migration, Plan, WarmupPlan, WarmupPreset};
use crate::plan::routing::Routing;
use crate::units::{and_list, count, group};
use crate::warmup::calendar::date;
use crate::warmup::migration::{moved_mail, split, Cause, DayKind, Moved, Split};

/// Days before the first day by which the new lane's records are published,
/// so that caches and the provider's verification have caught up.
pub const PUBLISH_DAYS_BEFORE: u64 = 14;
/// Days before the first day by which they are checked.
pub const CHECK_DAYS_BEFORE: u64 = 3;

/// The code of the finding that a move goes into a lane with no warm-up,
/// which the Migrations card matches so that it does not say so twice.
pub const NO_WARMUP_CODE: &str = "lint.migration_no_warmup";
/// The longest peak season a fix turns into hold dates.
const MAX_HOLD_DAYS: i64 = 62;

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
    /// Each journey's lane override back to the old lane.
    pub edits: Vec<Edit>,
    /// The team's own note, from the plan.
    pub note: String,
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

/// A migration's name, or its id while it has none.
pub fn title(m: &Migration) -> &str {
    if m.name.trim().is_empty() {
        &m.id
    } else {
        &m.name
    }
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

/// The days imported delivery data failed lane `lane`'s health gates;
/// none without data.
pub fn imported_gates(plan: &Plan, delivery: Option<&Health>, lane: &str) -> Vec<NaiveDate> {
    delivery.map_or_else(Vec::new, |h| failed_gates(plan, h, lane))
}

/// A migration's schedule: its split, held after each day imported
/// delivery data failed the new lane's health gates, every other sending
/// day taken to pass. The Migrations card, the report and the Simulation
/// tab all show this one, so they give the same completion date. `None`
/// without a valid first day or a lane.
pub fn schedule(
    plan: &Plan,
    routing: &Routing,
    m: &Migration,
    delivery: Option<&Health>,
) -> Option<Split> {
    split(
        plan,
        routing,
        m,
        &imported_gates(plan, delivery, &m.to_lane),
    )
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
    let rollback = rollback(plan, m, &moved);
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

fn rollback(plan: &Plan, m: &Migration, moved: &[String]) -> Rollback {
    let journeys: Vec<(String, String)> = plan
        .journeys
        .iter()
        .filter(|j| moved.contains(&j.id))
        .map(|j| (j.id.clone(), j.name.clone()))
        .collect();
    let edits = journeys
        .iter()
        .map(|(id, _)| Edit::Journey {
            journey: id.clone(),
            set: JourneyField::LaneOverride(Some(m.from_lane.clone())),
        })
        .collect();
    Rollback {
        lane: m.from_lane.clone(),
        lane_name: plan.lane_name(&m.from_lane).to_string(),
        journeys,
        edits,
        note: m.rollback.clone(),
    }
}

/// The dated steps, in the order they happen.
fn steps(
    plan: &Plan,
    routing: &Routing,
    m: &Migration,
    report: &MigrationReport,
    moved: &[String],
    evidence: Option<&[Evidence]>,
    today: NaiveDate,
) -> Vec<Step> {
    let move_ = Move {
        plan,
        m,
        report,
        moved,
        old: plan.lane_name(&m.from_lane),
        new: plan.lane_name(&m.to_lane),
        completes: report
            .split
            .as_ref()
            .and_then(|s| s.completes_on.as_deref())
            .and_then(date),
    };
    let mut out = move_.record_steps(evidence);
    out.extend(move_.moving_steps(routes_moved(routing, moved, &m.to_lane)));
    out.extend(move_.old_lane_steps());
    for s in &mut out {
        s.overdue = !s.done && date(&s.due).is_some_and(|d| d < today) && is_deadline(s.kind);
    }
    out
}

/// One migration, as its steps read it.
struct Move<'a> {
    plan: &'a Plan,
    m: &'a Migration,
    report: &'a MigrationReport,
    moved: &'a [String],
    /// The lanes' names.
    old: &'a str,
    new: &'a str,
    /// The day the new lane takes all the moved mail.
    completes: Option<NaiveDate>,
}

/// What the records are for, in the order SPF, DKIM, bounces, tracking,
/// each named once: a lane bouncing through its provider's CNAME needs no
/// SPF record of its own, one without click tracking no tracking record.
fn record_purposes(records: &[RecordView]) -> String {
    let purpose = |r: &RecordView| {
        let why = r.why.to_lowercase();
        if r.value.starts_with("v=spf1") {
            "SPF"
        } else if r.name.contains("._domainkey.") || why.contains("dkim") {
            "DKIM"
        } else if why.contains("track") {
            "tracking"
        } else {
            "bounces"
        }
    };
    let mut named: Vec<String> = Vec::new();
    for kind in ["SPF", "DKIM", "bounces", "tracking"] {
        if records.iter().any(|r| purpose(r) == kind) {
            named.push(kind.to_string());
        }
    }
    crate::units::and_list(&named)
}

impl Move<'_> {
    /// `days` before the first day.
    fn before(&self, days: u64) -> Option<NaiveDate> {
        date(&self.m.start_date).and_then(|s| s.checked_sub_days(Days::new(days)))
    }

    /// Publishing and checking the new lane's records, done once the
    /// pasted published records hold them all without errors.
    fn record_steps(&self, evidence: Option<&[Evidence]>) -> Vec<Step> {
        let new = self.new;
        let proof = evidence.and_then(|e| e.iter().find(|e| e.lane == self.m.to_lane));
        let published = proof.is_some_and(|e| e.planned > 0 && e.published == e.planned);
        let checked = published && proof.is_some_and(|e| e.errors == 0);
        vec![
            step(
                StepKind::PublishRecords,
                format!("Publish the DNS records of {new}"),
                format!(
                    "{} for {}, before the first day so caches and the provider's verification catch up.",
                    count(self.report.new_records.len() as u64, "record", "records"),
                    record_purposes(&self.report.new_records)
                ),
                self.before(PUBLISH_DAYS_BEFORE),
                published,
            ),
            step(
                StepKind::CheckRecords,
                format!("Check the records of {new}"),
                "Paste the published records on the Domains tab: every planned record found and no DNS errors.".to_string(),
                self.before(CHECK_DAYS_BEFORE),
                checked,
            ),
        ]
    }

    /// The first day the new lane takes mail, and the cutover.
    fn moving_steps(&self, routed: bool) -> Vec<Step> {
        let (old, new) = (self.old, self.new);
        let first_share = self
            .report
            .split
            .as_ref()
            .and_then(|s| {
                s.days
                    .iter()
                    .find(|d| d.new_lane > 0 || d.kind == DayKind::Complete)
            })
            .map(|d| (d.date.clone(), d.new_lane, d.new_share(), d.old_lane));
        vec![
            step(
                StepKind::FirstDay,
                format!("Moves start: {new} takes the most engaged mail"),
                match &first_share {
                    Some((day, n, p, staying)) => format!(
                        "{} ({p}) of the moved mail; {}.{}",
                        count(*n, "message", "messages"),
                        match staying {
                            0 => format!("nothing stays on {old}"),
                            _ => format!("the rest stays on {old}"),
                        },
                        planned_first_day(self.m, day)
                    ),
                    None => "Set the first day to see the split.".to_string(),
                },
                first_share
                    .as_ref()
                    .and_then(|(d, _, _, _)| date(d))
                    .or(date(&self.m.start_date)),
                false,
            ),
            step(
                StepKind::Cutover,
                format!("Cutover: route the moved journeys to {new}"),
                if routed {
                    format!(
                        "The plan's routing sends {} to {new}.",
                        all_moved(self.moved.len())
                    )
                } else {
                    format!("On the day {new} takes all the moved mail, change the rules or overrides so the journeys route to it.")
                },
                self.completes,
                routed,
            ),
        ]
    }

    /// The way back, and the old lane's records: kept, then removed.
    fn old_lane_steps(&self) -> Vec<Step> {
        let (old, new, report) = (self.old, self.new, self.report);
        let rollback = report.rollback.note.trim();
        let mut steps = vec![
            step(
                StepKind::Rollback,
                format!("Rollback: if the health of {new} fails, send the journeys back to {old}"),
                if rollback.is_empty() {
                    format!("Override {} back to {old}, and pause the ramp until the lane recovers.", journey_names(self.plan, self.moved))
                } else {
                    report.rollback.note.clone()
                },
                None,
                !rollback.is_empty(),
            ),
            // Dated by the grace period's end, the day removal may begin.
            step(
                StepKind::KeepOldRecords,
                format!("Keep the records of {old} through the grace period"),
                format!("{} after the last day, while late bounces, replies and complaints still arrive.", count(self.m.grace_days.into(), "day", "days")),
                report.remove_after.as_deref().and_then(date),
                false,
            ),
            // A lane that keeps other journeys keeps its records: the step
            // says so, undated, instead of a removal that is not to be done.
            step(
                StepKind::RemoveOldRecords,
                if report.removal.is_empty() {
                    format!("Keep the records of {old} after the move")
                } else {
                    format!("Remove the records of {old}")
                },
                removal(report, old),
                report
                    .remove_after
                    .as_deref()
                    .and_then(date)
                    .filter(|_| !report.removal.is_empty()),
                false,
            ),
        ];
        // While the old lane keeps other journeys its records stay for
        // good, so a grace period says nothing more.
        if report.removal.is_empty() {
            steps.retain(|s| s.kind != StepKind::KeepOldRecords);
        }
        steps
    }
}

/// Whether the plan's routing already sends every moved journey to `to`.
fn routes_moved(routing: &Routing, moved: &[String], to: &str) -> bool {
    let mut routes = routing
        .routes
        .iter()
        .filter(|r| moved.contains(&r.journey_id));
    !moved.is_empty() && routes.all(|r| r.lane_id.as_deref() == Some(to))
}

/// The old lane's records to remove, or why they stay.
fn removal(report: &MigrationReport, old: &str) -> String {
    if report.removal.is_empty() {
        let kept = count(
            report.old_lane_keeps.into(),
            "other journey",
            "other journeys",
        );
        return format!("{old} keeps {kept}, so its records stay.");
    }
    let names: Vec<String> = report
        .removal
        .iter()
        .map(|r| format!("{} {}", r.kind, r.name))
        .collect();
    format!("Remove: {}.", names.join("; "))
}

/// The planned first day, when mail starts moving later than it: the new
/// lane's own mail, days off and holds can leave no room before.
fn planned_first_day(m: &Migration, moves_start: &str) -> String {
    let planned = m.start_date.trim();
    if planned.is_empty() || planned == moves_start {
        String::new()
    } else {
        format!(" The planned first day is {planned}.")
    }
}

/// "the moved journey" or "all 7 moved journeys".
fn all_moved(n: usize) -> String {
    match n {
        1 => "the moved journey".to_string(),
        n => format!("all {}", count(n as u64, "moved journey", "moved journeys")),
    }
}

/// The mail a move moves, in words: its average `a_day` ("11,000 messages
/// a day"), and its one-off sends apart, as they go out once and are no
/// part of a day's ("and 18,000 in one-off sends").
pub fn moved_words(moved: &Moved, a_day: &str) -> String {
    let daily = format!("{} {a_day}", group(moved.per_day()));
    match moved.one_off() {
        0 => daily,
        once if moved.per_day() == 0 => format!("{} in one-off sends", group(once)),
        once => format!("{daily} and {} in one-off sends", group(once)),
    }
}

/// The headline figures of a split, as (term, value): what moves, when
/// mail starts moving (with the planned first day when that is earlier),
/// when the move completes and what delays it.
pub fn figures(m: &Migration, s: &Split) -> Vec<(&'static str, String)> {
    let moves = format!(
        "{}, {}",
        count(s.moved.journeys.len() as u64, "journey", "journeys"),
        moved_words(&s.moved, "messages a day")
    );
    let start = match &s.first_day {
        Some(day) if !m.start_date.trim().is_empty() && m.start_date.trim() != day => {
            format!("{day} (planned {})", m.start_date.trim())
        }
        Some(day) => day.clone(),
        None => "–".to_string(),
    };
    let complete = (s.completes_on.clone()).unwrap_or_else(|| "not within 400 days".into());
    vec![
        ("Moves", moves),
        ("Moves start", start),
        ("Complete on", complete),
        ("Delays", delays(m, s)),
    ]
}

/// How long the first move waits after the planned first day and why,
/// then how much later the move completes, by cause; "none" for neither.
fn delays(m: &Migration, s: &Split) -> String {
    let parts: Vec<String> = [first_wait(m, s), completion_delays(s)]
        .into_iter()
        .flatten()
        .collect();
    match parts.is_empty() {
        true => "none".to_string(),
        false => parts.join("; "),
    }
}

/// The days between the planned first day and the first move, with what
/// filled them: the new lane's own mail under its cap, or days it does
/// not send.
fn first_wait(m: &Migration, s: &Split) -> Option<String> {
    let planned = date(m.start_date.trim())?;
    let first = date(s.first_day.as_deref()?)?;
    let waited = (first - planned).num_days();
    if waited <= 0 {
        return None;
    }
    // Days the new lane sent on without room for any moved mail.
    let full = s
        .days
        .iter()
        .take_while(|d| date(&d.date) < Some(first))
        .any(|d| d.kind == DayKind::Moving);
    let why = match full {
        true => "the new lane's own mail fills its cap until then",
        false => "the new lane does not send before then",
    };
    Some(format!(
        "first move {} after the planned day, as {why}",
        count(waited as u64, "day", "days")
    ))
}

/// How much later the move completes, and the dates that held it, by
/// cause; `None` when nothing held it.
fn completion_delays(s: &Split) -> Option<String> {
    let causes: Vec<String> = [
        Cause::Skipped,
        Cause::Held,
        Cause::GateFailed,
        Cause::Rewarm,
    ]
    .into_iter()
    .filter(|c| s.count(*c) > 0)
    .map(|c| cause_phrase(c, s.count(c).into()))
    .collect();
    match s.days_late().unwrap_or(0) {
        _ if causes.is_empty() => None,
        0 => Some(format!("on time despite {}", and_list(&causes))),
        late => Some(format!(
            "completes {} later, for {}",
            count(late.into(), "day", "days"),
            and_list(&causes)
        )),
    }
}

/// `n` dates of one cause, in words: "2 hold dates of the move".
fn cause_phrase(cause: Cause, n: u64) -> String {
    match cause {
        Cause::Skipped => format!(
            "{} of the new lane",
            count(n, "skipped date", "skipped dates")
        ),
        Cause::Held => format!("{} of the move", count(n, "hold date", "hold dates")),
        Cause::GateFailed => count(n, "failed health gate", "failed health gates"),
        Cause::Rewarm => format!(
            "{} after 30 idle days",
            count(n, "ramp restart", "ramp restarts")
        ),
    }
}

/// Steps that must be done by their date; the others happen on it.
fn is_deadline(kind: StepKind) -> bool {
    matches!(
        kind,
        StepKind::PublishRecords | StepKind::CheckRecords | StepKind::Cutover
    )
}

fn step(kind: StepKind, title: String, detail: String, due: Option<NaiveDate>, done: bool) -> Step {
    Step {
        kind,
        title,
        detail,
        due: due.map(|d| d.to_string()).unwrap_or_default(),
        done,
        overdue: false,
    }
}

fn journey_names(plan: &Plan, ids: &[String]) -> String {
    let names: Vec<&str> = plan
        .journeys
        .iter()
        .filter(|j| ids.contains(&j.id))
        .map(|j| j.name.as_str())
        .collect();
    if names.is_empty() {
        "the moved journeys".to_string()
    } else {
        names.join(", ")
    }
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

/// The lint of migrations: into a lane with no warm-up, all at once into a
/// warm lane, the same journey moving twice at once, a ramp that advances in the peak season, and a
/// new lane whose warm-up starts after the move.
pub fn findings(plan: &Plan, routing: &Routing) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let splits: Vec<Option<Split>> = plan
        .migrations
        .iter()
        .map(|m| split(plan, routing, m, &[]))
        .collect();
    for (index, m) in plan.migrations.iter().enumerate() {
        let at = format!("$.migrations[{index}]");
        let Some(lane) = plan.lane(&m.to_lane) else {
            continue;
        };
        match &lane.warmup {
            // A warm lane has a reputation of its own to take the mail on.
            None if m.from_lane != m.to_lane && lane.status != LaneStatus::Warm => {
                out.push(no_warmup(m, &at, lane, splits[index].as_ref()))
            }
            None if m.from_lane != m.to_lane => out.extend(
                splits[index]
                    .as_ref()
                    .and_then(|s| at_once(m, &at, lane, s)),
            ),
            // A warm-up begun before the move carries it on; one that
            // begins later leaves the move ramping from its own first day.
            Some(w) if starts_later(&w.start_date, &m.start_date) => {
                out.push(
                    Diagnostic::info(
                        "lint.migration_warmup_start",
                        format!("{at}.start_date"),
                        format!("{} starts on {}, but the warm-up of {} is planned from {}.", title(m), m.start_date, lane.name, if w.start_date.trim().is_empty() { "no date" } else { &w.start_date }),
                    )
                    .hint("The lane's warm-up has not begun when the move does, so the move ramps from its own first day: start the warm-up then, so its calendar and the move agree.")
                    .fix(
                        format!("Start the warm-up on {}", m.start_date),
                        vec![Edit::Warmup {
                            lane: lane.id.clone(),
                            set: WarmupField::StartDate(m.start_date.clone()),
                        }],
                    ),
                );
            }
            _ => {}
        }
        if let (Some(peak), Some(s)) = (&plan.peak_window, &splits[index]) {
            if let Some(finding) = in_peak(m, &at, peak, s) {
                out.push(finding);
            }
        }
        out.extend(unroutable(plan, routing, m, &at, lane));
        out.extend(listed_elsewhere(plan, routing, m, &at));
    }
    overlaps(plan, &splits, &mut out);
    out
}

/// Whether a warm-up starting on `warmup` (a date, or blank) begins after
/// a move starting on `move_start`; ISO dates compare as text.
fn starts_later(warmup: &str, move_start: &str) -> bool {
    let (warmup, move_start) = (warmup.trim(), move_start.trim());
    !move_start.is_empty() && (warmup.is_empty() || warmup > move_start)
}

/// Journeys a move lists that are on neither of its lanes: it takes only
/// the old lane's mail (which is on the new lane once cut over), so they
/// stay where they are.
fn listed_elsewhere(plan: &Plan, routing: &Routing, m: &Migration, at: &str) -> Option<Diagnostic> {
    let elsewhere = moved_mail(plan, routing, m).elsewhere;
    if elsewhere.is_empty() {
        return None;
    }
    let names: Vec<String> = (plan.journeys.iter())
        .filter(|j| elsewhere.contains(&j.id))
        .map(|j| format!("“{}”", j.name))
        .collect();
    let (one, it, them) = match elsewhere.len() {
        1 => ("is", "it", "it"),
        _ => ("are", "they", "them"),
    };
    Some(
        Diagnostic::warning(
            "lint.migration_journey_elsewhere",
            format!("{at}.journeys"),
            format!(
                "{} lists {}, which {one} routed to neither {} nor the new lane: a move takes only the old lane's mail, so it leaves {them} where {} {one}.",
                title(m),
                crate::units::and_list(&names),
                plan.lane_name(&m.from_lane),
                it,
            ),
        )
        .hint("Take them off the move, or route them to the old lane first.")
        .fix(
            format!("Take {} off the move", crate::units::and_list(&names)),
            (elsewhere.into_iter())
                .map(|journey| Edit::Migration {
                    migration: m.id.clone(),
                    set: MigrationField::Journey { journey, on: false },
                })
                .collect(),
        ),
    )
}

/// On Customer.io, which picks the SMTP server by message type, the moved
/// journeys that could not go to the new lane once moved: what Platform
/// would report after the move, said before it is scheduled.
fn unroutable(
    plan: &Plan,
    routing: &Routing,
    m: &Migration,
    at: &str,
    lane: &Lane,
) -> Option<Diagnostic> {
    use crate::plan::model::Platform;
    if plan.platform.kind != Platform::CustomerIo || m.from_lane == m.to_lane {
        return None;
    }
    let moved = moved_mail(plan, routing, m).journeys;
    let mut after = plan.clone();
    for j in after.journeys.iter_mut().filter(|j| moved.contains(&j.id)) {
        j.lane_override = Some(m.to_lane.clone());
    }
    let after_routing = crate::plan::routing::route(&after);
    // The move can strand the journeys it moves or those it leaves behind.
    let before = stranded(plan, routing);
    let blocked: Vec<String> = stranded(&after, &after_routing)
        .into_iter()
        .filter(|id| !before.contains(id))
        .filter_map(|id| plan.journeys.iter().find(|j| j.id == id))
        .map(|j| format!("“{}”", j.name))
        .collect();
    if blocked.is_empty() {
        return None;
    }
    Some(
        Diagnostic::warning(
            "lint.migration_unroutable",
            at.to_string(),
            format!(
                "Customer.io picks the SMTP server by message type, so once {} moves to {}, it cannot route {} as planned.",
                title(m),
                lane.name,
                and_list(&blocked)
            ),
        )
        .hint("Move every journey of that message type together, or send the moved ones through the transactional API; Platform shows what each needs."),
    )
}

/// The ids of the journeys Customer.io could not route as the plan has
/// them.
fn stranded(plan: &Plan, routing: &Routing) -> Vec<String> {
    crate::platform::customer_io::setup(plan, routing)
        .conflicts
        .into_iter()
        .map(|c| c.journey)
        .collect()
}

/// The edits that give `lane` the warm-up schedule its provider publishes
/// (or Braze's moderate one), from the move's first day when it has one,
/// to the lane's busiest day once the move is done, as its peak checks
/// count it: a one-off's send on its date, not added to a usual day.
fn warm_up(m: &Migration, lane: &Lane, split: Option<&Split>) -> (WarmupPreset, Vec<Edit>) {
    let preset = WarmupPreset::for_provider(lane.smtp.provider);
    let set = |set| Edit::Warmup {
        lane: lane.id.clone(),
        set,
    };
    let mut edits = vec![set(WarmupField::Preset(Some(preset)))];
    if !m.start_date.trim().is_empty() {
        edits.push(set(WarmupField::StartDate(m.start_date.clone())));
    }
    // The busiest day of the calendar the fix sets up: a one-off dated
    // outside it is on none of its days.
    let calendar = WarmupPlan {
        start_date: m.start_date.clone(),
        ..WarmupPlan::default()
    };
    let peak = split.map_or(0, |s| {
        (s.moved.moving.and(&s.moved.staying)).peak_for(&calendar)
    });
    if peak > 0 {
        let peak = crate::plan::ranges::Fitted::warmup_volume(peak).value;
        edits.push(set(WarmupField::TargetVolume(peak)));
    }
    (preset, edits)
}

/// A move into a lane that is not warm and has no warm-up.
fn no_warmup(m: &Migration, at: &str, lane: &Lane, split: Option<&Split>) -> Diagnostic {
    let (preset, edits) = warm_up(m, lane, split);
    Diagnostic::warning(
        NO_WARMUP_CODE,
        format!("{at}.to_lane"),
        format!("{} moves mail into {}, which has no warm-up plan, so it all arrives on the first day.", title(m), lane.name),
    )
    .hint("Mailbox providers throttle and filter a sudden volume from a new domain or IP: give the lane a warm-up schedule so the move ramps.")
    .fix(format!("Plan the {} warm-up", preset.label()), edits)
}

/// A move onto a warm lane with no warm-up: all of the moved mail arrives
/// on the first day, which is a jump when it is more than the lane sends of
/// its own. A lane that sends nothing else in the plan may owe its warmth
/// to mail the plan does not hold, so that case is only a note.
fn at_once(m: &Migration, at: &str, lane: &Lane, s: &Split) -> Option<Diagnostic> {
    // A usual day's mail on both sides: a one-off's send goes out on its
    // date, not with the move, and no day carries every send at once.
    let (moving, staying) = (s.moved.moving.per_day(), s.moved.staying.per_day());
    if moving == 0 || moving <= staying {
        return None;
    }
    let first = s.first_day.as_deref().unwrap_or(&m.start_date);
    let moves = format!(
        "{} moves about {} a day into {} at once on {first}",
        title(m),
        count(moving, "message", "messages"),
        lane.name
    );
    let path = format!("{at}.to_lane");
    Some(match staying {
        0 => warm_in_name(m, (path, s), lane, &moves),
        _ => jump(path, &moves, moving, staying),
    })
}

/// The move more than doubles the mail a warm lane sends of its own.
fn jump(path: String, moves: &str, moving: u64, staying: u64) -> Diagnostic {
    let factor = (moving + staying) as f64 / staying as f64;
    Diagnostic::warning(
        "lint.migration_at_once",
        path,
        format!("{moves}, which sends about {} of its own: its volume jumps {factor:.1}× in a day.", group(staying)),
    )
    .hint("A warm lane's reputation covers the volume it usually sends, and mailbox providers throttle a sudden multiple of it: move the journeys in smaller migrations a week or more apart, so the lane's volume at most doubles at each step.")
}

/// The lane is marked warm but the plan routes no other mail to it; the
/// fix treats it as new and warms it up from the move's first day.
fn warm_in_name(
    m: &Migration,
    (path, split): (String, &Split),
    lane: &Lane,
    moves: &str,
) -> Diagnostic {
    let (preset, warm_up) = warm_up(m, lane, Some(split));
    let mut edits = vec![Edit::Lane {
        lane: lane.id.clone(),
        set: LaneField::Status(LaneStatus::New),
    }];
    edits.extend(warm_up);
    Diagnostic::info(
        "lint.migration_at_once",
        path,
        format!("{moves}. The lane is marked warm but sends no other mail in this plan."),
    )
    .hint("If the lane already sends this much outside the plan, nothing needs to change. If it is warm in name only, mark it new and warm it up, so the move ramps.")
    .fix(format!("Mark {} new and plan the {} warm-up", lane.name, preset.label()), edits)
}

/// A move whose split changes inside the peak season, with the fix of
/// holding the move through it.
fn in_peak(
    m: &Migration,
    at: &str,
    peak: &crate::plan::model::PeakWindow,
    s: &Split,
) -> Option<Diagnostic> {
    let (first, last) = (date(&peak.start)?, date(&peak.end)?);
    let inside = |d: &str| date(d).is_some_and(|d| d >= first && d <= last);
    // A day the split changes: more of the mail moves than the day before.
    let mut before = 0;
    let moving = s.days.iter().find(|d| {
        let changes = d.step.is_some() && d.new_lane != before;
        if d.step.is_some() {
            before = d.new_lane;
        }
        changes && inside(&d.date)
    })?;
    let season = if peak.name.trim().is_empty() {
        "the peak season".to_string()
    } else {
        peak.name.clone()
    };
    let mut finding = Diagnostic::warning(
        "lint.migration_in_peak",
        format!("{at}.start_date"),
        format!(
            "{} moves mail on {}, inside {season} ({} to {}).",
            title(m),
            moving.date,
            peak.start,
            peak.end
        ),
    )
    .hint("Change no lane during the peak: hold the move through it, or start after it.");
    let days = (last - first).num_days();
    if (0..MAX_HOLD_DAYS).contains(&days) {
        let mut hold = m.hold_dates.clone();
        for day in first.iter_days().take(days as usize + 1) {
            let text = day.to_string();
            if !hold.contains(&text) {
                hold.push(text);
            }
        }
        hold.sort();
        finding = finding.fix(
            format!("Hold the move through {season}"),
            vec![Edit::Migration {
                migration: m.id.clone(),
                set: MigrationField::HoldDates(hold),
            }],
        );
    }
    Some(finding)
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

/// Two migrations moving the same journey over overlapping dates. The
/// journey follows the move that starts first (`first_mover`), so the
/// finding sits on the other, the one that leaves it be. Its fix starts a
/// whole-lane move the day after the first completes, and takes the
/// journeys off a move that names them, which would move none of them
/// after the first either (`moved_before`).
fn overlaps(plan: &Plan, splits: &[Option<Split>], out: &mut Vec<Diagnostic>) {
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
