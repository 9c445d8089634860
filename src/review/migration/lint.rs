//! The lint of migrations, move by move: a move into a lane without a
//! warm-up, a warm-up that starts after the move, a move off a lane whose
//! warm-up begins after it, a ramp that advances in
//! the peak season, journeys the move cannot route on Customer.io or does
//! not take, and moves that share journeys.

use super::no_warmup::{at_once, no_warmup};
use super::overlaps::overlaps;
use super::title;
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, MigrationField, WarmupField};
use crate::plan::model::{Lane, LaneStatus, Migration, Plan};
use crate::plan::routing::Routing;
use crate::platform::customer_io::moves;
use crate::units::and_list;
use crate::warmup::calendar::date;
use crate::warmup::migration::{moved_mail, old_lane_begins, split, Split};

/// The longest peak season a fix turns into hold dates.
const MAX_HOLD_DAYS: i64 = 62;

/// The lint of migrations: into a lane with no warm-up, all at once into a
/// warm lane, the same journey moving twice at once, a ramp that advances in the peak season, a
/// new lane whose warm-up starts after the move, and an old lane whose
/// warm-up begins after it.
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
            Some(w)
                if !w.start_date.trim().is_empty()
                    && starts_later(&w.start_date, &m.start_date) =>
            {
                out.push(
                    Diagnostic::info(
                        "lint.migration_warmup_start",
                        format!("{at}.start_date"),
                        format!("{} starts on {}, but the warm-up of {} is planned from {}.", title(m), m.start_date, lane.name, w.start_date),
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
        out.extend(before_old_lane(plan, m, &at));
        out.extend(holds_before_start(m, &at));
        out.extend(unroutable(plan, routing, m, &at, lane));
        out.extend(listed_elsewhere(plan, routing, m, &at));
    }
    overlaps(plan, &splits, &mut out);
    out
}

/// Hold dates before the move's first day, which hold nothing: the move
/// has not begun. The fix keeps the others.
fn holds_before_start(m: &Migration, at: &str) -> Option<Diagnostic> {
    let start = crate::warmup::calendar::date(&m.start_date)?;
    let early = |d: &String| crate::warmup::calendar::date(d).is_some_and(|d| d < start);
    let before: Vec<&String> = m.hold_dates.iter().filter(|d| early(d)).collect();
    if before.is_empty() {
        return None;
    }
    let listed: Vec<String> = before.iter().map(|d| d.to_string()).collect();
    let (dates, them, holds) = match before.len() {
        1 => (format!("hold date {}", listed[0]), "it", "it holds"),
        _ => (
            format!("hold dates {}", crate::units::and_list(&listed)),
            "them",
            "they hold",
        ),
    };
    let kept: Vec<String> = (m.hold_dates.iter())
        .filter(|d| !early(d))
        .cloned()
        .collect();
    Some(
        Diagnostic::warning(
            "lint.migration_hold_before_start",
            format!("{at}.hold_dates"),
            format!("{} has {dates} before its first day, {}: {holds} nothing, as the move has not begun.", title(m), m.start_date),
        )
        .hint(format!("Remove {them}, or move the first day earlier if the move is meant to be under way by then."))
        .fix(
            format!("Remove the {dates}"),
            vec![Edit::Migration {
                migration: m.id.clone(),
                set: MigrationField::HoldDates(kept),
            }],
        ),
    )
}

/// Whether a warm-up starting on `warmup` begins after a move starting on
/// `move_start`; ISO dates compare as text. A warm-up with no first day
/// has a finding of its own, whose fix starts it when the move does.
fn starts_later(warmup: &str, move_start: &str) -> bool {
    let (warmup, move_start) = (warmup.trim(), move_start.trim());
    !move_start.is_empty() && !warmup.is_empty() && warmup > move_start
}

/// A move that starts before its old lane's warm-up begins: the old lane
/// sends none of its journeys' mail before then, in its calendar and the
/// simulation, so the split starts on that day (`move_start`). The fix
/// plans the move for that day; an old lane that already sends the mail
/// is Warm with no warm-up instead, which only the team knows.
fn before_old_lane(plan: &Plan, m: &Migration, at: &str) -> Option<Diagnostic> {
    let begins = old_lane_begins(plan, m)?.to_string();
    let old = plan.lane_name(&m.from_lane);
    Some(
        Diagnostic::warning(
            "lint.migration_before_old_lane",
            format!("{at}.start_date"),
            format!(
                "{} starts on {}, but {old} sends none of its mail before its warm-up begins on {begins}, so nothing moves until then.",
                title(m),
                m.start_date.trim()
            ),
        )
        .hint(format!("If {old} already sends this mail, set it to Warm and remove its warm-up; if not, start the move on {begins}."))
        .fix(
            format!("Start the move on {begins}"),
            vec![Edit::Migration {
                migration: m.id.clone(),
                set: MigrationField::StartDate(begins.clone()),
            }],
        ),
    )
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
        .map(|j| format!("“{}”", j.called()))
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
    let hint = "Move every journey of that message type together, or give the moved ones a message type of their own, such as API-triggered broadcasts with their server on the new lane; the Platform tab's steps say what the move needs on Customer.io.";
    // A dated move switches each type's server whole, as the Platform
    // tab's steps do, taking the journeys of the type it leaves along.
    let cio = crate::platform::customer_io::setup(plan, routing);
    let along: Vec<String> = (moves::arriving(plan, routing, &cio).iter())
        .filter(|a| std::ptr::eq(a.migration, m))
        .filter_map(|a| moves::whole_type(plan, a))
        .collect();
    if !along.is_empty() {
        let d = Diagnostic::warning("lint.migration_unroutable", at.to_string(), along.join(" "));
        return Some(d.hint(hint));
    }
    let moved = moved_mail(plan, routing, m).journeys;
    let mut after = plan.clone();
    for j in after.journeys.iter_mut().filter(|j| moved.contains(&j.id)) {
        j.lane_override = Some(m.to_lane.clone());
    }
    // A whole lane moved takes its All Emails server along, as the
    // Platform tab's steps do.
    let all_emails = &mut after.platform.all_emails_lane;
    if m.whole_lane && all_emails.as_deref() == Some(m.from_lane.as_str()) {
        *all_emails = Some(m.to_lane.clone());
    }
    let after_routing = crate::plan::routing::route(&after);
    // The move can strand the journeys it moves or those it leaves behind.
    let before = stranded(plan, routing);
    let blocked: Vec<String> = stranded(&after, &after_routing)
        .into_iter()
        .filter(|id| !before.contains(id))
        .filter_map(|id| plan.journeys.iter().find(|j| j.id == id))
        .map(|j| format!("“{}”", j.called()))
        .collect();
    if blocked.is_empty() {
        return None;
    }
    Some(
        Diagnostic::warning(
            "lint.migration_unroutable",
            at.to_string(),
            format!(
                "Customer.io picks the SMTP server by message type, so once migration “{}” moves its mail to {}, it cannot route {} as planned.",
                title(m),
                lane.name,
                and_list(&blocked)
            ),
        )
        .hint(hint),
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
