//! When scheduled mail goes out. A journey's volume is its mail per day
//! averaged over its cadence; a scheduled journey with a send day gathers
//! that mail onto the days it sends, and those days are what warm-up caps
//! and reputation feel. Without a send day the mail is spread evenly. A
//! one-off sends its volume once, on its date, and nothing on other days;
//! without a date it sends on no day, and the busiest day counts it as if
//! it went out then.

use chrono::{Datelike, NaiveDate};

use crate::plan::model::{Cadence, Journey, Trigger, Weekday};

/// When a journey's mail goes out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// The same share every day.
    Spread,
    /// On the cadence's days, counted from the send day.
    On(Cadence, Weekday),
    /// Once, a day's mail on the date; `None` for a one-off without a
    /// date (or with one that is not a date), which sends nothing.
    Once(Option<NaiveDate>),
}

impl Schedule {
    pub fn of(journey: &Journey) -> Schedule {
        match &journey.trigger {
            Trigger::Scheduled {
                cadence: Cadence::OneOff,
                send_date,
                ..
            } => Schedule::Once(send_date.as_deref().and_then(crate::units::iso_date)),
            Trigger::Scheduled {
                cadence,
                send_day: Some(day),
                ..
            } if *cadence != Cadence::Daily => Schedule::On(*cadence, *day),
            _ => Schedule::Spread,
        }
    }

    /// Whether any of its mail goes out from `first` to `last` (`None`
    /// for every day): a one-off dated outside them sends none there,
    /// while one without a date may go out on any of them.
    pub fn sends_within(self, days: Option<(NaiveDate, NaiveDate)>) -> bool {
        match (self, days) {
            (Schedule::Once(Some(date)), Some((first, last))) => (first..=last).contains(&date),
            _ => true,
        }
    }

    /// How many days' worth of the journey's average daily mail goes out
    /// on `day`. Over a whole cadence the worths add up to its days; a
    /// one-off's is one on its date.
    pub fn days_worth(self, day: NaiveDate) -> f64 {
        self.worth_on(Slot::on(day))
    }

    /// As `days_worth`, on a day described by what the cadences read:
    /// cheaper for many journeys on one day.
    pub fn worth_on(self, slot: Slot) -> f64 {
        let (cadence, send) = match self {
            Schedule::Spread => return 1.0,
            Schedule::Once(date) => {
                return f64::from(u8::from(date.is_some() && slot.date == date));
            }
            Schedule::On(cadence, send) => (cadence, send),
        };
        let after = (slot.weekday + 7 - send.index()) % 7;
        match cadence {
            Cadence::Daily => 1.0,
            Cadence::SeveralPerWeek if matches!(after, 0 | 2 | 4) => 7.0 / 3.0,
            Cadence::Weekly if after == 0 => 7.0,
            Cadence::Fortnightly if after == 0 && slot.sending_week => 14.0,
            Cadence::Monthly if after == 0 && slot.first_week => f64::from(slot.month_days),
            // A one-off with a send day but no schedule of its own: `of`
            // never makes one.
            _ => 0.0,
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

/// What each send of a journey with `daily` messages a day carries, in
/// words: "Sends weekly on Tuesdays: about 126,000 each time, the week's
/// mail." A month's send is said for a usual, 30-day month.
pub fn per_send(cadence: Cadence, day: Weekday, daily: u32) -> String {
    let whose = match cadence {
        Cadence::Daily => "the day's mail",
        Cadence::SeveralPerWeek => "a third of the week's mail",
        Cadence::Weekly => "the week's mail",
        Cadence::Fortnightly => "two weeks' mail",
        Cadence::Monthly => "the month's mail",
        Cadence::OneOff => "the whole send",
    };
    format!(
        "Sends {}: about {} each time, {whose}.",
        cadence.describe(Some(day)),
        crate::units::group(send_size(cadence, daily))
    )
}

/// About how many messages each send of a cadence holds, given the
/// journey's daily average.
pub fn send_size(cadence: Cadence, daily: u32) -> u64 {
    let days = match cadence {
        Cadence::Daily => 1.0,
        Cadence::SeveralPerWeek => 7.0 / 3.0,
        Cadence::Weekly => 7.0,
        Cadence::Fortnightly => 14.0,
        Cadence::Monthly => 30.0,
        // A one-off's volume is its send's.
        Cadence::OneOff => 1.0,
    };
    (days * f64::from(daily)).round() as u64
}

/// What the cadences read of a day: its weekday (0 for Monday), whether
/// it is in a fortnight's sending week and in its month's first seven
/// days, its month's length, and the date itself, which a one-off reads
/// (`None` for a kind of day, which no one-off falls on).
#[derive(Clone, Copy)]
pub struct Slot {
    weekday: u32,
    sending_week: bool,
    first_week: bool,
    month_days: u32,
    date: Option<NaiveDate>,
}

impl Slot {
    /// The slot `day` falls in.
    pub fn on(day: NaiveDate) -> Slot {
        Slot {
            weekday: day.weekday().num_days_from_monday(),
            sending_week: sending_week(day),
            first_week: day.day() <= 7,
            month_days: days_in_month(day),
            date: Some(day),
        }
    }
}

/// The largest day's total of `mail`, each part its average a day and its
/// schedule, with `each` turning a part's mail that day into what counts
/// (rounded, say). Every kind of day is tried, whether or not the dates
/// bring the sends together soon, and a month's send is counted as a
/// 31-day month's, so the answer covers every date whatever the plan's.
/// A one-off counts on its own date, with what the cadences send that day;
/// one without a date yet may go out on any day, so it counts on the
/// busiest: a warm-up sized to the answer carries it whatever date it
/// gets.
pub fn peak_day_by(mail: &[(f64, Schedule)], each: impl Fn(f64) -> f64) -> f64 {
    let undated: f64 = (mail.iter())
        .filter(|(_, s)| *s == Schedule::Once(None))
        .map(|(v, _)| each(*v))
        .sum();
    day_totals(mail, 31, &each).fold(0.0, f64::max) + undated
}

/// The smallest day's total of `mail`: what its sender can count on every
/// day. Every kind of day occurs, so the least of them is met on some date;
/// a one-off adds nothing to it.
pub fn quiet_day(mail: &[(f64, Schedule)]) -> f64 {
    day_totals(mail, 28, |v| v).fold(f64::INFINITY, f64::min)
}

/// The total of `mail` on every kind of day (a weekday, in a fortnight's
/// sending week or not, in its month's first week or not) and on each
/// one-off's date, a month's send counted as a `month_days` month's.
fn day_totals<'a>(
    mail: &'a [(f64, Schedule)],
    month_days: u32,
    each: impl Fn(f64) -> f64 + 'a,
) -> impl Iterator<Item = f64> + 'a {
    let kinds = [(false, false), (false, true), (true, false), (true, true)];
    let slots = (0..7u32).flat_map(move |weekday| {
        kinds.map(|(sending_week, first_week)| Slot {
            weekday,
            sending_week,
            first_week,
            month_days,
            date: None,
        })
    });
    let once = mail.iter().filter_map(move |(_, s)| match s {
        Schedule::Once(Some(date)) => Some(Slot {
            month_days,
            ..Slot::on(*date)
        }),
        _ => None,
    });
    let slots = slots.chain(once);
    slots.map(move |slot| {
        mail.iter()
            .map(|(v, s)| each(v * s.worth_on(slot)))
            .sum::<f64>()
    })
}

/// `peak_day_by` counting each part's mail as it is.
pub fn peak_day(mail: &[(f64, Schedule)]) -> f64 {
    peak_day_by(mail, |v| v)
}
