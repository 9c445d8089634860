//! When scheduled mail goes out. A journey's volume is its mail per day
//! averaged over its cadence; a scheduled journey with a send day gathers
//! that mail onto the days it sends, and those days are what warm-up caps
//! and reputation feel. Without a send day the mail is spread evenly.

use chrono::{Datelike, NaiveDate};

use crate::plan::model::{Cadence, Journey, Trigger, Weekday};

/// When a journey's mail goes out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// The same share every day.
    Spread,
    /// On the cadence's days, counted from the send day.
    On(Cadence, Weekday),
}

impl Schedule {
    pub fn of(journey: &Journey) -> Schedule {
        match journey.trigger {
            Trigger::Scheduled {
                cadence,
                send_day: Some(day),
            } if cadence != Cadence::Daily => Schedule::On(cadence, day),
            _ => Schedule::Spread,
        }
    }

    /// How many days' worth of the journey's average daily mail goes out
    /// on `day`. Over a whole cadence the worths add up to its days.
    pub fn days_worth(self, day: NaiveDate) -> f64 {
        let Schedule::On(cadence, send) = self else {
            return 1.0;
        };
        let after = (day.weekday().num_days_from_monday() + 7 - send.index()) % 7;
        match cadence {
            Cadence::Daily => 1.0,
            Cadence::SeveralPerWeek if matches!(after, 0 | 2 | 4) => 7.0 / 3.0,
            Cadence::Weekly if after == 0 => 7.0,
            Cadence::Fortnightly if after == 0 && sending_week(day) => 14.0,
            Cadence::Monthly if after == 0 && day.day() <= 7 => f64::from(days_in_month(day)),
            _ => 0.0,
        }
    }

    /// The most days' worth any one day can carry: the warm-up must reach
    /// that day's mail before the lane counts as warm.
    pub fn peak_worth(self) -> f64 {
        match self {
            Schedule::Spread | Schedule::On(Cadence::Daily, _) => 1.0,
            Schedule::On(Cadence::SeveralPerWeek, _) => 7.0 / 3.0,
            Schedule::On(Cadence::Weekly, _) => 7.0,
            Schedule::On(Cadence::Fortnightly, _) => 14.0,
            Schedule::On(Cadence::Monthly, _) => 31.0,
        }
    }
}

/// Fortnightly sends fall in every other week, the same weeks for every
/// plan: those an even number of weeks after the Monday of 1 January of
/// year 1, which is day 1 of chrono's count.
fn sending_week(day: NaiveDate) -> bool {
    (day.num_days_from_ce() - 1).div_euclid(7) % 2 == 0
}

fn days_in_month(day: NaiveDate) -> u32 {
    match day.month() {
        2 if NaiveDate::from_ymd_opt(day.year(), 2, 29).is_some() => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The send days in words, as the journey list shows them: "weekly on
/// Tuesdays", or the cadence alone when the mail is spread.
pub fn describe(cadence: Cadence, send_day: Option<Weekday>) -> String {
    let Some(day) = send_day.filter(|_| cadence != Cadence::Daily) else {
        return cadence.label().to_string();
    };
    let name = day.label();
    match cadence {
        Cadence::Daily => cadence.label().to_string(),
        Cadence::SeveralPerWeek => format!(
            "on {}, {} and {}",
            plural(name),
            plural(day.after(2).label()),
            plural(day.after(4).label())
        ),
        Cadence::Weekly => format!("weekly on {}", plural(name)),
        Cadence::Fortnightly => format!("every other {name}"),
        Cadence::Monthly => format!("on the first {name} of the month"),
    }
}

fn plural(day: &str) -> String {
    format!("{day}s")
}

/// The largest day's total of `mail`, each part its average a day and its
/// schedule. It looks at ten weeks from Monday 1 January 2024, which hold
/// both weeks of a fortnight, a 31-day month and each cadence's send days
/// together where they can fall together, so the answer is the same
/// whatever the plan's dates.
pub fn peak_day(mail: &[(f64, Schedule)]) -> f64 {
    if mail.iter().all(|(_, s)| s.peak_worth() == 1.0) {
        return mail.iter().map(|(v, _)| v).sum();
    }
    let Some(first) = NaiveDate::from_ymd_opt(2024, 1, 1) else {
        return 0.0;
    };
    first
        .iter_days()
        .take(70)
        .map(|day| mail.iter().map(|(v, s)| v * s.days_worth(day)).sum::<f64>())
        .fold(0.0, f64::max)
}
