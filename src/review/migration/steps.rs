//! A migration's dated steps, in the order they happen: publishing and
//! checking the new lane's records, the first day and the cutover, the way
//! back, and the old lane's records kept and then removed.

use chrono::{Days, NaiveDate};

use super::{
    journey_names, MigrationReport, Step, StepKind, CHECK_DAYS_BEFORE, PUBLISH_DAYS_BEFORE,
};
use crate::dns::report::{Evidence, RecordView};
use crate::plan::model::{Migration, Plan};
use crate::plan::routing::Routing;
use crate::units::count;
use crate::warmup::calendar::date;
use crate::warmup::migration::DayKind;

/// The dated steps, in the order they happen.
pub(super) fn steps(
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
                format!("Keep the records of {old} until the grace period ends"),
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
    // Records of one kind at one name (a provider's two MX hosts) are
    // named once, with how many there are.
    let mut names: Vec<(String, u64)> = Vec::new();
    for r in &report.removal {
        let name = format!("{} {}", r.kind, r.name);
        match names.iter_mut().find(|(n, _)| *n == name) {
            Some((_, n)) => *n += 1,
            None => names.push((name, 1)),
        }
    }
    let names: Vec<String> = (names.into_iter())
        .map(|(name, n)| match n {
            1 => name,
            n => format!("{name} ({n} records)"),
        })
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
