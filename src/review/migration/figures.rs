//! A migration's split in words: the mail it moves, when it starts and
//! completes, and what delays it, as the Migrations card and the report
//! show them.

use crate::plan::model::{Migration, Plan};
use crate::units::{and_list, count};
use crate::warmup::calendar::date;
use crate::warmup::migration::{moved_words, Cause, DayKind, LaneMove, Split};

/// A move in a lane's words, as the Overview and the report's Lanes
/// table show it: which way the mail goes, from when, and how much
/// ("Moves in from Promotions, planned first day 2027-01-11: 2 journeys, 1,200 a
/// day (Cart recovery move).").
pub fn lane_move_words(plan: &Plan, mv: &LaneMove) -> String {
    let m = mv.migration;
    let way = match mv.onto {
        true => format!("Moves in from {}", plan.lane_name(&m.from_lane)),
        false => format!("Moves to {}", plan.lane_name(&m.to_lane)),
    };
    // The first day planned: the card says when mail really starts, which
    // the new lane's own mail and the gates may put later.
    let when = match date(&m.start_date) {
        Some(day) => format!(", planned first day {day}"),
        None => ", no first day yet".to_string(),
    };
    format!(
        "{way}{when}: {}, {} ({}).",
        count(mv.moved.journeys.len() as u64, "journey", "journeys"),
        moved_words(&mv.moved, "a day"),
        super::title(m)
    )
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
/// filled them: the old lane's warm-up not begun yet, the new lane's own
/// mail under its cap, or days it does not send.
fn first_wait(m: &Migration, s: &Split) -> Option<String> {
    let planned = date(m.start_date.trim())?;
    let first = date(s.first_day.as_deref()?)?;
    let waited = (first - planned).num_days();
    if waited <= 0 {
        return None;
    }
    let before: Vec<DayKind> = (s.days.iter())
        .take_while(|d| date(&d.date) < Some(first))
        .map(|d| d.kind)
        .collect();
    let n = |kind: DayKind| before.iter().filter(|k| **k == kind).count() as u64;
    // Days the new lane sent on without room for any moved mail, or else
    // days it does not send; then the dates that held the ramp.
    let after = match n(DayKind::Moving) > 0 {
        true => "the new lane's own mail fills its cap until then",
        false => "the new lane does not send before then",
    };
    // The split starts on the old lane's first day when that is later.
    let base = match s.old_lane_begins.as_deref() {
        Some(begins) => {
            let old = format!(
                "the old lane sends none of its mail before its warm-up begins on {begins}"
            );
            match date(begins) == Some(first) {
                true => old,
                false => format!("{old}, and {after}"),
            }
        }
        None => after.to_string(),
    };
    let held: Vec<String> = [
        (DayKind::Held, Cause::Held),
        (DayKind::Skipped, Cause::Skipped),
    ]
    .into_iter()
    .filter(|(kind, _)| n(*kind) > 0)
    .map(|(kind, cause)| cause_phrase(cause, n(kind)))
    .collect();
    let why = match held.is_empty() {
        true => base,
        false => format!("{base} and for {}", and_list(&held)),
    };
    let waited = count(waited as u64, "day", "days");
    Some(format!(
        "first move {waited} after the planned day, as {why}"
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
    // Said as what the dates do, so that dates the first move's wait
    // already named read as the same dates, not more of them.
    let dates: u32 = [
        Cause::Skipped,
        Cause::Held,
        Cause::GateFailed,
        Cause::Rewarm,
    ]
    .into_iter()
    .map(|c| s.count(c))
    .sum();
    let delay = if dates == 1 { "delays" } else { "delay" };
    match s.days_late().unwrap_or(0) {
        _ if causes.is_empty() => None,
        0 => Some(format!("on time despite {}", and_list(&causes))),
        late => Some(format!(
            "{} {delay} its completion by {}",
            and_list(&causes),
            count(late.into(), "day", "days")
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
