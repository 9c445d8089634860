//! A lane's calendar: the headline figures, the chart of the cap against
//! the mail the journeys want, and the calendar as a table and as CSV.

use yew::prelude::*;

use super::LaneCalendar;
use crate::plan::model::{Audience, Lane, WarmupPlan};
use crate::plan::ranges::CALENDAR_DAYS;
use crate::ui::chart::{
    above_scale, dated, legend, nice_top, scale, scaled, step_path, ChartFrame,
};
use crate::ui::fields::{Disclosure, DownloadButton};
use crate::units::group;
use crate::warmup::calendar::words::{days_off, over_cap, skipped_past};
use crate::warmup::calendar::{Calendar, Day};

pub(super) fn calendar_view(
    lane: &Lane,
    w: &WarmupPlan,
    cal: &Calendar,
    lc: &LaneCalendar,
    table: &Disclosure,
) -> Html {
    let (target, target_date) = (w.target_volume, Some(w.target_date.as_str()));
    let (audiences, sent_head) = audience_columns(lc.requested);
    let summary = summary(w, cal, lc, lc.spill_to.as_deref());
    html! {
        <>
            <dl class="figures">
                for (term, value) in summary.iter() {
                    <div><dt>{ *term }</dt><dd>{ value.clone() }</dd></div>
                }
            </dl>
            { chart(lane, target, target_date, cal) }
            <details open={table.open} ontoggle={table.on_toggle.clone()}>
                <summary>{ format!("Calendar for {} as a table", lane.name) }</summary>
                <table class="data calendar">
                    <thead><tr>
                        <th scope="col">{ "Date" }</th><th scope="col" class="num">{ "Ramp day" }</th><th scope="col" class="num">{ "Cap" }</th>
                        <th scope="col" class="num">{ "Wanted" }</th><th scope="col" class="num">{ sent_head }</th><th scope="col" class="num">{ "Over cap" }</th><th scope="col">{ "Note" }</th>
                    </tr></thead>
                    <tbody>
                        for day in cal.days.iter() {
                            <tr class={classes!((!day.sending).then_some("idle"))}>
                                <td class="date">{ day.date.clone() }</td>
                                <td class="num">{ day.step.map(|s| (s + 1).to_string()).unwrap_or_default() }</td>
                                <td class="num">{ match (day.sending, day.cap) { (false, _) => "–".to_string(), (true, None) => "warm".to_string(), (true, Some(c)) => group(c) } }</td>
                                <td class="num">{ wanted_cell(day) }</td>
                                <td class="num">{ audiences.iter().map(|&c| group(day.sent[c])).collect::<Vec<_>>().join(" / ") }</td>
                                <td class="num">{ group(day.over_cap) }</td>
                                <td>{ day.note.clone() }</td>
                            </tr>
                        }
                    </tbody>
                </table>
            </details>
            <DownloadButton id={format!("download-warmup-{}", lane.id)} label="Download the calendar (CSV)"
                file_name={format!("warmup-{}.csv", lane.id)} mime="text/csv" text={lc.csv.clone()} />
        </>
    }
}

/// A day's mail in the table, with the part deferred from earlier days.
fn wanted_cell(day: &Day) -> String {
    let wanted = group(day.requested + day.off_day);
    match day.waiting {
        0 => wanted,
        waiting => format!("{wanted} ({} deferred)", group(waiting)),
    }
}

/// The cohorts the table shows sent mail for, and its heading. Each
/// journey's recipients are in one cohort, so a lane sends only to the
/// cohorts of its journeys; the others would be columns of zeros.
fn audience_columns(requested: [u64; 4]) -> (Vec<usize>, String) {
    let audiences: Vec<usize> = (0..4).filter(|&c| requested[c] > 0).collect();
    if audiences.is_empty() {
        // Nothing wanted: one column, of zeros.
        return (vec![3], "Sent".to_string());
    }
    let names: Vec<&str> = audiences
        .iter()
        .map(|&c| Audience::ALL[c].label())
        .collect();
    let head = format!("Sent by audience: {}", names.join(" / "));
    (audiences, head)
}

/// The calendar's headline figures, as (term, value); mail on days the
/// ramp leaves out is said only when there is some.
fn summary(
    w: &WarmupPlan,
    cal: &Calendar,
    lc: &LaneCalendar,
    spill_to: Option<&str>,
) -> Vec<(&'static str, String)> {
    let (largest, (once, undated)) = (lc.largest_day, lc.one_offs);
    // A one-off's send is no part of a day's average: it is told apart.
    let per_day = lc.requested.iter().sum::<u64>().saturating_sub(once);
    let mut wanted = format!("{} a day", group(per_day));
    if largest > per_day || once > 0 {
        wanted.push_str(" on average");
    }
    match (per_day, once) {
        (_, 0) => {}
        (0, once) => wanted = format!("{} in one-off sends", group(once)),
        (_, once) => wanted.push_str(&format!(", and {} in one-off sends", group(once))),
    }
    // A send dated outside the calendar is on none of its days.
    match lc.outside {
        0 => {}
        all if all == once => wanted.push_str(", dated outside this calendar"),
        some => wanted.push_str(&format!(
            ", {} of it dated outside this calendar",
            group(some)
        )),
    }
    if largest > per_day {
        wanted.push_str(&format!(
            "; {} on the busiest day of scheduled sends",
            group(largest)
        ));
    }
    // A send without a date may go out on any day: the busiest counts it.
    if undated > 0 {
        wanted.push_str(&format!(
            ", counting the {} of one-off sends without a date on it",
            group(undated)
        ));
    }
    let mut figures = vec![
        ("Mail the lane's journeys want", wanted),
        (
            "Warm on",
            cal.warm_on
                .clone()
                .unwrap_or_else(|| "not within the calendar".into()),
        ),
        ("Peak target", peak_target(w, cal)),
        (
            "Latest start that reaches it",
            cal.latest_start.clone().unwrap_or_else(|| "–".into()),
        ),
        (
            "Over the cap in this calendar",
            over_cap(cal, w.overflow, spill_to),
        ),
    ];
    let past = skipped_past(w, cal);
    if cal.total_off_day > 0 || !past.is_empty() {
        figures.push((
            "On days the lane does not send",
            days_off(cal, w.overflow, &past),
        ));
    }
    if let Some(top) = cal.tops_out {
        figures.push((
            "Where the ramp ends",
            format!(
                "{} a day, short of the lane's {}: choose a schedule or a custom ramp that climbs that far",
                group(top),
                group(largest.max(w.target_volume))
            ),
        ));
    }
    figures
}

/// Whether the ramp reaches the peak volume on the peak date.
fn peak_target(w: &WarmupPlan, cal: &Calendar) -> String {
    let target = cal.target_needs;
    if w.peak_beyond_calendar() {
        return format!(
            "{} a day on {}: past the calendar's {CALENDAR_DAYS} days",
            group(target),
            w.target_date
        );
    }
    let reading = match (cal.reaches_target, cal.cap_on_target) {
        (None, _) => return "no peak date set".into(),
        // Nothing to carry: no peak volume, or migrations have moved all
        // of the lane's mail off by then.
        (Some(true), _) if target == 0 => {
            return format!("none: the lane has no mail on {}", w.target_date)
        }
        // A cap far above the peak (a doubling ramp's) says nothing more.
        (Some(true), None) => format!("{} a day: reached, the lane is warm by then", group(target)),
        (Some(true), Some(cap)) if cap >= target.saturating_mul(10) => format!(
            "{} a day: reached, with the cap far above it that day",
            group(target)
        ),
        (Some(true), Some(cap)) => {
            format!(
                "{} a day: reached (cap {} that day)",
                group(target),
                group(cap)
            )
        }
        // The calendar counts the lane warm once its ramp ends, so the
        // peak goes out without a cap, above anything the ramp sent.
        (Some(false), None) => format!(
            "{} a day: not reached, the ramp ends at {} a day; the peak's mail then goes out uncapped",
            group(target),
            group(cal.tops_out.unwrap_or(0))
        ),
        (Some(false), Some(0)) => format!(
            "{} a day: not reached, the lane sends nothing that day",
            group(target)
        ),
        (Some(false), Some(cap)) => format!(
            "{} a day: not reached (cap {} that day)",
            group(target),
            group(cap)
        ),
    };
    if target > w.target_volume {
        format!(
            "{reading}; the lane's own mail that day, above the {} planned",
            group(w.target_volume)
        )
    } else {
        reading
    }
}

/// The cap as a line over the mail wanted (light, with deferred mail
/// stacked on it) and sent (dark) per day.
fn chart(lane: &Lane, target: u64, target_date: Option<&str>, cal: &Calendar) -> Html {
    let (w, h) = (600u64, 160u64);
    let n = cal.days.len().max(1) as u64;
    // The scale follows the journeys' own mail and the target, not caps far
    // above them, nor a backlog that can grow without bound.
    let own = |d: &Day| d.requested - d.waiting;
    let peak = cal
        .days
        .iter()
        .map(|d| own(d) + d.off_day)
        .max()
        .unwrap_or(0)
        .max(target);
    let top = nice_top(
        peak.saturating_add(peak / 5)
            .max(cal.days.iter().filter_map(|d| d.cap).min().unwrap_or(1)),
    );
    let x = |i: usize| i as u64 * w / n;
    let y = |v: u64| h - scaled(v.min(top), top, h);
    let bar = (w / n).max(1);
    // A cap above the scale is left out rather than drawn along the top.
    let caps = cal.days.iter().map(|d| d.cap.filter(|_| d.sending));
    let line = step_path(
        caps.clone()
            .map(|c| c.filter(|c| *c <= top).map(|c| y(c) as f64)),
        |i| x(i) as f64,
        bar as f64,
    );
    let last = cal.days.last().map_or("", |d| d.date.as_str());
    // A peak past the calendar has no marker, so the caption says where it is.
    let later = match target_date {
        Some(date) if !last.is_empty() && date > last => {
            format!(" The peak date, {date}, comes after the last day shown.")
        }
        _ => String::new(),
    };
    let caption = format!(
        "{}: the warm-up cap against the mail wanted and sent each day, {} to {last}; the scale reaches {} a day.{later}",
        lane.name,
        cal.days.first().map_or("", |d| d.date.as_str()),
        group(top)
    );
    let note = above_scale(
        caps.flatten().filter(|c| *c > top).count(),
        cal.days
            .iter()
            .filter(|d| d.requested + d.off_day > top)
            .count(),
    );
    let label = match &note {
        Some(note) => format!("{caption} {note}"),
        None => caption.clone(),
    };
    let warm = |date: &String| Some(date) == cal.warm_on.as_ref();
    let peak = |date: &String| Some(date.as_str()) == target_date;
    let mut keys = vec![("wanted", "Wanted")];
    if cal.days.iter().any(|d| d.waiting > 0) {
        keys.push(("waiting", "Deferred from earlier days"));
    }
    if cal.days.iter().any(|d| d.off_day > 0) {
        keys.push(("offday", "Wanted on a day it does not send"));
    }
    keys.extend([("sent", "Sent"), ("cap", "Daily cap")]);
    let any = |on: &dyn Fn(&String) -> bool| cal.days.iter().any(|d| on(&d.date));
    if any(&warm) {
        keys.push(("marker", "Warm on"));
    }
    if any(&peak) {
        keys.push(("marker peak", "Peak date"));
    }
    let column = |class: &'static str, (from, to): (u64, u64), i: usize| {
        (y(to) < y(from)).then(|| html! {
            <rect {class} x={x(i).to_string()} y={y(to).to_string()} width={bar.to_string()} height={(y(from) - y(to)).to_string()} />
        })
    };
    html! {
        <ChartFrame caption={caption} left={scale(top as f64, |v| group(v as u64))}
            legend={legend(&keys)} note={note.map(AttrValue::from)}
            readout={cal.days.iter().map(|d| (AttrValue::from(d.date.clone()), day_words(d, warm(&d.date), peak(&d.date)))).collect::<Vec<_>>()}>
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={label} preserveAspectRatio="none">
                for (i, day) in cal.days.iter().enumerate() {
                    { column("wanted", (0, own(day)), i) }
                    { column("waiting", (own(day) + day.off_day, day.requested + day.off_day), i) }
                    { column("offday", (0, day.off_day), i) }
                    { column("sent", (0, day.sent.iter().sum()), i) }
                }
                // A light halo keeps the line visible over the dark bars.
                <path class="halo" d={line.clone()} />
                <path class="cap" d={line} />
                for (i, day) in cal.days.iter().enumerate() {
                    if warm(&day.date) {
                        <line class="marker" x1={x(i).to_string()} x2={x(i).to_string()} y1="0" y2={h.to_string()}>
                            <title>{ format!("Warm on {}", day.date) }</title>
                        </line>
                    }
                    if peak(&day.date) {
                        <line class="marker peak" x1={x(i).to_string()} x2={x(i).to_string()} y1="0" y2={h.to_string()}>
                            <title>{ format!("Peak on {}", day.date) }</title>
                        </line>
                    }
                }
            </svg>
        </ChartFrame>
    }
}

/// A day's figures in words, for the chart's readout.
fn day_words(day: &Day, warm: bool, peak: bool) -> AttrValue {
    let mut words = dated(&day.date);
    let lead = if day.sending { ":" } else { ": does not send;" };
    let wanted = group(day.requested + day.off_day);
    words.push_str(&format!("{lead} {wanted} wanted"));
    if day.waiting > 0 {
        words.push_str(&format!(" ({} of it deferred)", group(day.waiting)));
    }
    if day.sending {
        words.push_str(&format!(", {} sent", group(day.sent.iter().sum())));
        match day.cap {
            Some(cap) => words.push_str(&format!(", cap {}", group(cap))),
            // The table and the Simulation call such a day warm too.
            None => words.push_str(", warm, no cap"),
        }
        if day.over_cap > 0 {
            words.push_str(&format!(", {} over the cap", group(day.over_cap)));
        }
    }
    if warm {
        words.push_str("; warm from this day");
    }
    if peak {
        words.push_str("; the peak date");
    }
    words.push('.');
    words.into()
}
