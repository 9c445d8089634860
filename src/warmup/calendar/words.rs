//! A calendar's figures in words, as the Warm-up tab and the Report both
//! write them.

use chrono::NaiveDate;

use super::{date, Calendar};
use crate::plan::model::{Overflow, WarmupPlan};
use crate::units::group;

/// What becomes of the mail wanted on days the ramp does not send (a
/// weekday it leaves out, or a skipped date), as "135,000 messages wanted,
/// not sent".
pub fn off_days(cal: &Calendar, overflow: Overflow) -> String {
    let fate = match overflow {
        Overflow::Defer => "wait for the next sending day",
        _ => "not sent",
    };
    format!("{} messages wanted, {fate}", group(cal.total_off_day))
}

/// What the mail over the cap costs, by what happens to it.
pub fn over_cap(cal: &Calendar, overflow: Overflow, spill_to: Option<&str>) -> String {
    let over = group(cal.total_over_cap);
    match overflow {
        // Mail wanted on days the lane does not send has its own line, so
        // this one speaks of the sending days alone.
        _ if cal.total_over_cap == 0 && cal.total_off_day > 0 => {
            "None: on the days the lane sends, the cap lets their mail through".to_string()
        }
        _ if cal.total_over_cap == 0 => "None: the cap lets all the mail through".to_string(),
        Overflow::Defer => {
            let clears = cal
                .backlog_clears_on
                .as_deref()
                .map_or("does not clear in the calendar".to_string(), |d| {
                    format!("clears on {d}")
                });
            format!(
                "{over} messages deferred, {}; the backlog peaks at {} and {clears}",
                late_by(cal.most_days_late),
                group(cal.max_backlog)
            )
        }
        Overflow::Spill => match spill_to {
            Some(lane) => format!("{over} messages, spilled to {lane}"),
            None => format!("{over} messages, to spill once a lane is chosen"),
        },
        Overflow::Suppress => format!("{over} messages, not sent"),
    }
}

/// How late deferred mail goes out, at most.
fn late_by(days: u32) -> String {
    match days {
        0 => "none sent in the calendar".to_string(),
        1 => "sent up to a day late".to_string(),
        n => format!("sent up to {n} days late"),
    }
}

/// Said of a paused lane's calendar, which the simulation does not send.
pub const PAUSED_RAMP: &str =
    "Paused: the lane sends nothing while it stays paused; this is the ramp it would run.";

/// A ramp that ends short of the lane's mail, in words: "ends on
/// 2026-12-29 at 30,000 a day, short of the 60,000 a day the lane must
/// carry (its busiest day or its peak target)".
pub fn ends_short(end: Option<NaiveDate>, (top, needs): (u64, u64)) -> String {
    let on = end.map(|d| format!(" on {d}")).unwrap_or_default();
    format!(
        "ends{on} at {} a day, short of the {} a day the lane must carry (its busiest day or its peak target)",
        group(top),
        group(needs)
    )
}

/// How a dated ramp still caps a lane's mail on `today`, in words ("caps
/// its mail until 2027-09-21"), from its calendar's warm day (the day a
/// ramp ends) and, for a ramp short of the lane's mail, where it tops out
/// and what the lane must carry; `None` once the ramp has ended.
pub fn still_capping(
    warm: Option<NaiveDate>,
    short: Option<(u64, u64)>,
    today: NaiveDate,
) -> Option<String> {
    Some(match (short, warm) {
        (Some(short), _) => ends_short(warm, short),
        (None, Some(warm)) if warm <= today => return None,
        (None, Some(warm)) => format!("caps its mail until {warm}"),
        (None, None) => "caps its mail past the end of the calendar".to_string(),
    })
}

/// What becomes of the mail wanted on days the ramp does not send.
/// Skipped dates past the calendar's last day count on none of its days;
/// they are named beside the figure, which the Simulation's longer run
/// counts them in.
pub fn days_off(cal: &Calendar, overflow: Overflow, past: &[&str]) -> String {
    let mut text = off_days(cal, overflow);
    if !past.is_empty() {
        text.push_str(&format!(
            "; skipped past this calendar, and not counted here: {}",
            past.join(", ")
        ));
    }
    text
}

/// The skipped dates after the calendar's last day.
pub fn skipped_past<'w>(w: &'w WarmupPlan, cal: &Calendar) -> Vec<&'w str> {
    let Some(last) = cal.days.last() else {
        return Vec::new();
    };
    (w.skipped_dates.iter())
        .map(String::as_str)
        .filter(|d| date(d).is_some() && *d > last.date.as_str())
        .collect()
}
