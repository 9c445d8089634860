//! Counts judged against a lane's thresholds: the lines reached over a
//! window and on each day on its own, each measure's worst day, and the
//! day the fallback fires.

use super::super::{date_of_day, Counts};
use super::{DayPoint, Firing, Rates, Status, DAY_MIN_MESSAGES, WINDOW_DAYS};
use crate::plan::model::Thresholds;
use crate::units::fixed;

/// Why the rates call for action or watching, worst first.
pub(in crate::monitor) fn judge(c: &Counts, r: &Rates, t: &Thresholds) -> (Status, Vec<String>) {
    let (act, watch) = lines(c, r, t);
    verdict(act, watch)
}

/// The status that reasons to act and to watch make, action first.
pub(super) fn verdict(mut act: Vec<String>, watch: Vec<String>) -> (Status, Vec<String>) {
    if !act.is_empty() {
        act.extend(watch);
        (Status::Act, act)
    } else if !watch.is_empty() {
        (Status::Watch, watch)
    } else {
        (Status::Healthy, Vec::new())
    }
}

/// The action lines and the watch lines the rates reach. A rate over its
/// action line on less mail than a day needs to count (`DAY_MIN_MESSAGES`)
/// is only watched: three messages with one complaint are no signal.
fn lines(c: &Counts, r: &Rates, t: &Thresholds) -> (Vec<String>, Vec<String>) {
    let mut act = Vec::new();
    let mut watch = Vec::new();
    for m in Measure::ALL {
        let Some((rate, messages, base)) = m.of(c, r) else {
            continue;
        };
        let reached = m.reached(rate, t);
        match reached {
            Some(line) if m.acts(rate, t) && messages < DAY_MIN_MESSAGES => watch.push(format!(
                "{line}, but on only {} {base}, too little mail to act on",
                crate::units::group(messages)
            )),
            Some(line) if m.acts(rate, t) => act.push(line),
            Some(line) => watch.push(line),
            None => {}
        }
    }
    match r.filter {
        3 => act.push("Microsoft SNDS filters most of its mail (red)".into()),
        2 => watch.push("Microsoft SNDS filters some of its mail (yellow)".into()),
        _ => {}
    }
    if r.trap_hits > 0 {
        watch.push(format!(
            "{} in Microsoft SNDS",
            crate::units::count(r.trap_hits, "spam-trap hit", "spam-trap hits")
        ));
    }
    (act, watch)
}

/// A day's counts and rates, with the action lines it reaches on its own.
pub(super) fn day_point(day: i32, counts: &Counts, t: &Thresholds) -> DayPoint {
    let rates = Rates::of(counts);
    let date = date_of_day(day);
    let acts = Measure::ALL
        .into_iter()
        .filter_map(|m| {
            let (rate, messages, base) = m.breach(counts, &rates, t)?;
            Some(m.line(rate, messages, base, &date, t))
        })
        .collect();
    DayPoint {
        day,
        date,
        counts: *counts,
        rates,
        acts,
    }
}

/// The day the fallback fires: the first whose trailing window, or which
/// itself with enough mail to count, reaches an action line.
pub(super) fn first_firing(days: &[DayPoint], t: &Thresholds) -> Option<Firing> {
    days.iter().enumerate().find_map(|(i, point)| {
        // A day in the window that acted on its own would have fired
        // already, so only this day's own lines can be new.
        let window = &days[window_start(days, i)..=i];
        // What fires it is the lines acted on; a watch line is no trigger.
        let (_, act, _) = judge_days(window, t);
        (!act.is_empty()).then(|| Firing {
            date: point.date.clone(),
            from: window.first().map_or(String::new(), |d| d.date.clone()),
            why: act.join("; "),
        })
    })
}

/// Where the `WINDOW_DAYS` days ending on day `i` start.
pub(super) fn window_start(days: &[DayPoint], i: usize) -> usize {
    let Some(end) = days.get(i) else {
        return 0;
    };
    days[..i].partition_point(|p| p.day <= end.day - WINDOW_DAYS)
}

/// Some days' rates, and the action and watch lines they reach: their
/// totals against the lines, and any day that reaches an action line on
/// its own.
pub(super) fn judge_days(days: &[DayPoint], t: &Thresholds) -> (Rates, Vec<String>, Vec<String>) {
    let mut total = Counts::default();
    days.iter().for_each(|p| total.add(&p.counts));
    let rates = Rates::of(&total);
    let (mut act, watch) = lines(&total, &rates, t);
    // A measure the totals already act on needs no day to say so again.
    let covered = acting(&total, &rates, t);
    act.extend(
        Measure::ALL
            .into_iter()
            .filter(|m| !covered.contains(m))
            .filter_map(|m| worst_day(days, m, t)),
    );
    (rates, act, watch)
}

/// The worst day that reaches a measure's action line on its own, and how
/// many others do.
fn worst_day(days: &[DayPoint], m: Measure, t: &Thresholds) -> Option<String> {
    let mut worst: Option<(&DayPoint, f64, u64, &str)> = None;
    let mut others = 0;
    for p in days {
        let Some((rate, messages, base)) = m.breach(&p.counts, &p.rates, t) else {
            continue;
        };
        if worst.is_some() {
            others += 1;
        }
        // On a tie the later day is named: it is the more recent news.
        if worst.is_none_or(|w| m.no_better(rate, w.1)) {
            worst = Some((p, rate, messages, base));
        }
    }
    let (p, rate, messages, base) = worst?;
    let line = m.line(rate, messages, base, &p.date, t);
    Some(match others {
        0 => line,
        1 => format!("{line}, as does 1 other day of the last {WINDOW_DAYS}"),
        n => format!("{line}, as do {n} other days of the last {WINDOW_DAYS}"),
    })
}

/// A rate with an action line that one day can reach on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Measure {
    Complaints,
    Bounces,
    Delivered,
}

impl Measure {
    const ALL: [Measure; 3] = [Measure::Complaints, Measure::Bounces, Measure::Delivered];

    /// The rate, and the messages it is taken over with their name, where
    /// the data has it.
    fn of(self, c: &Counts, r: &Rates) -> Option<(f64, u64, &'static str)> {
        match self {
            // As in `Rates::of`: delivered mail, or sent mail for SNDS;
            // sent at least what was delivered or bounced.
            Measure::Complaints if c.delivered > 0 => {
                Some((r.complaint_percent?, c.delivered, "delivered"))
            }
            Measure::Complaints => Some((r.complaint_percent?, c.sent_or_inferred(), "sent")),
            Measure::Bounces => Some((r.bounce_percent?, c.sent_or_inferred(), "sent")),
            Measure::Delivered => Some((r.delivered_percent?, c.sent_or_inferred(), "sent")),
        }
    }

    /// The line a rate over the whole window reaches, action or watch.
    fn reached(self, rate: f64, t: &Thresholds) -> Option<String> {
        let (what, watch_at, act_at) = match self {
            Measure::Complaints => (
                "complaints",
                t.complaint_watch_percent,
                t.complaint_act_percent,
            ),
            Measure::Bounces => ("bounces", t.bounce_watch_percent, t.bounce_act_percent),
            Measure::Delivered if self.acts(rate, t) => {
                return Some(format!(
                    "only {}% delivered, under {}%",
                    fixed(rate, 1),
                    t.delivered_min_percent
                ))
            }
            Measure::Delivered => return None,
        };
        if rate >= act_at {
            Some(format!(
                "{what} {}% reach the {act_at}% action line",
                fixed(rate, 2)
            ))
        } else if rate >= watch_at {
            Some(format!(
                "{what} {}% reach the {watch_at}% watch line",
                fixed(rate, 2)
            ))
        } else {
            None
        }
    }

    fn acts(self, rate: f64, t: &Thresholds) -> bool {
        match self {
            Measure::Complaints => rate >= t.complaint_act_percent,
            Measure::Bounces => rate >= t.bounce_act_percent,
            Measure::Delivered => rate < t.delivered_min_percent,
        }
    }

    /// Whether `a` is as bad as `b` or worse.
    fn no_better(self, a: f64, b: f64) -> bool {
        match self {
            Measure::Delivered => a <= b,
            _ => a >= b,
        }
    }

    /// The day's rate, its volume and the volume's name, when the rate
    /// reaches the action line over enough mail to count.
    fn breach(self, c: &Counts, r: &Rates, t: &Thresholds) -> Option<(f64, u64, &'static str)> {
        let (rate, messages, base) = self.of(c, r)?;
        (messages >= DAY_MIN_MESSAGES && self.acts(rate, t)).then_some((rate, messages, base))
    }

    /// A day's rate against its action line, naming the day and its volume.
    fn line(self, rate: f64, messages: u64, base: &str, date: &str, t: &Thresholds) -> String {
        let volume = format!(
            "({} {base} that day; a day counts from {})",
            crate::units::group(messages),
            crate::units::group(DAY_MIN_MESSAGES)
        );
        match self {
            Measure::Complaints => format!(
                "complaints {}% on {date} reach the {}% action line {volume}",
                fixed(rate, 2),
                t.complaint_act_percent
            ),
            Measure::Bounces => format!(
                "bounces {}% on {date} reach the {}% action line {volume}",
                fixed(rate, 2),
                t.bounce_act_percent
            ),
            Measure::Delivered => format!(
                "only {}% delivered on {date}, under {}% {volume}",
                fixed(rate, 1),
                t.delivered_min_percent
            ),
        }
    }
}

/// The measures whose action line the rates reach over enough mail.
fn acting(c: &Counts, r: &Rates, t: &Thresholds) -> Vec<Measure> {
    Measure::ALL
        .into_iter()
        .filter(|m| m.breach(c, r, t).is_some())
        .collect()
}
