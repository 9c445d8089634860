//! Each lane's health side by side (its status and reasons, rates against
//! its thresholds, a chart, its mailbox providers and its days), and the
//! weekly review downloads.

use std::rc::Rc;

use yew::prelude::*;

use crate::monitor::date_of_day;
use crate::monitor::health::{DayPoint, Health, LaneHealth, Rates, Status};
use crate::monitor::review::{weekly_csv, weekly_markdown, weeks};
use crate::plan::model::Plan;
use crate::ui::chart::{dated, day_slots, days_covered, line_path, scale, ChartFrame};
use crate::ui::fields::DownloadButton;
use crate::units::{fixed, group};

#[derive(Properties, PartialEq)]
pub(super) struct HealthSectionProps {
    pub(super) plan: Rc<Plan>,
    pub(super) health: Rc<Health>,
}

/// The clean-lane question, a card per lane and the downloads.
#[component]
pub(super) fn HealthSection(props: &HealthSectionProps) -> Html {
    let h = &props.health;
    let weekly = use_memo((props.plan.clone(), h.clone()), |(plan, h)| {
        let markdown = AttrValue::from(weekly_markdown(plan, h));
        (markdown, AttrValue::from(weekly_csv(&weeks(h))))
    });
    let template = use_memo((), |_| AttrValue::from(crate::monitor::tables::template()));
    let stem = crate::ui::context::use_file_stem(&props.plan);
    let file = |kind: &str| AttrValue::from(format!("{stem}-weekly-review.{kind}"));
    html! {
        <>
            <h3 id="health-heading" tabindex="-1">{ "Lane health" }</h3>
            if let Some(clean) = &h.clean_lane {
                <p class="clean-lane"><strong>{ "Is the clean lane staying clean? " }</strong>{ clean.clone() }</p>
            }
            <div class="health-lanes">
                for lane in h.lanes.iter() { { lane_card(lane) } }
            </div>
            <p class="muted">{ "Open rates are inflated by Apple Mail Privacy Protection, which opens mail on the recipient's behalf; judge engagement by clicks. Statuses look at each lane's last 7 days of data, and at each of those days on its own: a day of at least 500 messages over an action line makes the lane Act, and so do the 7 days' totals over as much mail." }</p>
            <div class="actions">
                <DownloadButton label="Download the weekly review (Markdown)" file_name={file("md")}
                    mime="text/markdown" text={weekly.0.clone()} />{ " " }
                <DownloadButton label="Download the weekly review (CSV)" file_name={file("csv")}
                    mime="text/csv" text={weekly.1.clone()} />{ " " }
                <DownloadButton label="Download the per-day CSV template" file_name="switchyard-daily-template.csv"
                    mime="text/csv" text={(*template).clone()} />
            </div>
        </>
    }
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::NoData => "health-none",
        Status::Healthy => "health-ok",
        Status::Watch => "health-watch",
        Status::Act => "health-act",
    }
}

use crate::monitor::health::rate_text as pct;

/// A day's rate, or, on a day without the mail to take it over (a
/// complaint arriving the day after its send), the count itself.
fn pct_or_count(x: Option<f64>, n: u64, digits: u32) -> String {
    match x {
        None if n > 0 => format!("{} (no sends that day)", group(n)),
        x => pct(x, digits),
    }
}

/// An amount in dollars, as the journeys' revenue is typed.
fn money(x: Option<f64>) -> String {
    x.map_or("–".into(), crate::units::cents)
}

fn lane_card(l: &LaneHealth) -> Html {
    let t = &l.thresholds;
    html! {
        // Focusable by script: a finding about the lane's health opens here.
        <article key={l.lane.clone()} class={classes!("health-card", status_class(l.status))} id={format!("health-{}", l.lane)}
            tabindex="-1" aria-label={format!("Health of {}", l.name)}>
            <header>
                <h4>{ l.name.clone() }</h4>
                <span class="health-status">{ l.status.label() }</span>
            </header>
            if l.status == Status::NoData {
                <p class="muted">{ "No imported data is mapped to this lane." }</p>
            } else if l.days.is_empty() {
                // Judged by Postmaster Tools' figures alone.
                <ul class="reasons">for r in l.reasons.iter() { <li>{ r.clone() }</li> }</ul>
                <p class="muted">{ "No delivery data is mapped to this lane yet." }</p>
            } else {
                if !l.reasons.is_empty() {
                    <ul class="reasons">for r in l.reasons.iter() { <li>{ r.clone() }</li> }</ul>
                }
                <p class="muted">{ format!("{} to {}", l.window_from, l.window_to) }</p>
                { rates_table(&l.window) }
                { chart(&l.name, &l.days, "Complaints", |r| r.complaint_percent, (t.complaint_watch_percent, t.complaint_act_percent)) }
                { chart(&l.name, &l.days, "Bounces", |r| r.bounce_percent, (t.bounce_watch_percent, t.bounce_act_percent)) }
                { day_table(&l.name, &l.days) }
                { provider_table(l) }
            }
            for (date, domain, rate) in l.judging_postmaster() {
                <p class="muted">{ format!("Postmaster Tools: {}% spam rate for {domain} on {date}", fixed(*rate, 2)) }</p>
            }
            <p class="thresholds">
                { format!("Act at {}% complaints, {}% bounces or under {}% delivered; watch from {}% and {}%{}.",
                    t.complaint_act_percent, t.bounce_act_percent, t.delivered_min_percent,
                    t.complaint_watch_percent, t.bounce_watch_percent,
                    if l.reference_thresholds { " (the reference figures: the lane has none of its own)" } else { "" }) }
            </p>
            <div class={classes!("fallback", l.firing.is_some().then_some("fired"))}>
                { fallback_text(l) }
            </div>
        </article>
    }
}

fn fallback_text(l: &LaneHealth) -> String {
    match (&l.firing, &l.fallback) {
        (Some(f), Some(plan)) => format!("Fallback trigger fired {}: {}. The plan: {}.", f.when(), f.why, plan),
        (Some(f), None) => format!("Fallback trigger fired {}: {}. The lane has no fallback plan; add one on the Simulation tab.", f.when(), f.why),
        (None, Some(plan)) => format!("Fallback not triggered. If it is: {}.", plan),
        (None, None) => "Fallback not triggered; the lane has no fallback plan.".to_string(),
    }
}

fn day_table(lane: &str, days: &[DayPoint]) -> Html {
    // The table scrolls sideways on narrow screens; keyboard users scroll
    // it by focusing its region.
    html! {
        <details>
            <summary>{ "Day by day" }</summary>
            <div class="table-scroll" tabindex="0" role="region" aria-label={format!("{lane}, day by day")}>
                <table class="report-table day-table">
                    <thead><tr>
                        <th scope="col">{ "Date" }</th><th scope="col">{ "Sent" }</th><th scope="col">{ "Delivered" }</th>
                        <th scope="col">{ "Hard" }</th><th scope="col">{ "Soft" }</th><th scope="col">{ "Complaints" }</th>
                        <th scope="col">{ "Unsubs" }</th><th scope="col">{ "Opens" }</th><th scope="col">{ "Clicks" }</th><th scope="col">{ "Revenue / recipient" }</th>
                    </tr></thead>
                    <tbody>
                        for d in days.iter().rev() {
                            <tr key={d.day}>
                                <th scope="row">{ d.date.clone() }</th>
                                <td class="num">{ group(d.rates.sent) }</td>
                                <td class="num">{ pct(d.rates.delivered_percent, 1) }</td>
                                <td class="num">{ pct_or_count(d.rates.hard_bounce_percent, d.counts.hard_bounces, 2) }</td>
                                <td class="num">{ pct_or_count(d.rates.soft_bounce_percent, d.counts.soft_bounces, 2) }</td>
                                <td class="num">{ pct_or_count(d.rates.complaint_percent, d.counts.complaints, 3) }</td>
                                <td class="num">{ pct_or_count(d.rates.unsubscribe_percent, d.counts.unsubscribes, 3) }</td>
                                <td class="num">{ pct(d.rates.open_percent, 1) }</td>
                                <td class="num">{ pct(d.rates.click_percent, 2) }</td>
                                <td class="num">{ money(d.rates.revenue_per_recipient) }</td>
                            </tr>
                        }
                    </tbody>
                </table>
            </div>
        </details>
    }
}

fn provider_table(l: &LaneHealth) -> Html {
    if l.by_provider.is_empty() {
        return Html::default();
    }
    html! {
        <details>
            <summary>{ "By mailbox provider" }</summary>
            // Numbers and providers' names never break; a narrow card
            // scrolls the table instead.
            <div class="table-scroll" tabindex="0" role="region" aria-label={format!("{}, by mailbox provider", l.name)}>
                <table class="report-table provider-table">
                    <thead><tr>
                        <th scope="col">{ "Provider" }</th><th scope="col" class="num">{ "Sent" }</th><th scope="col" class="num">{ "Delivered" }</th>
                        <th scope="col" class="num">{ "Bounces" }</th><th scope="col" class="num">{ "Complaints" }</th>
                    </tr></thead>
                    <tbody>
                        for (m, r) in l.by_provider.iter() {
                            <tr>
                                <th scope="row">{ m.label() }</th>
                                <td class="num">{ group(r.sent) }</td>
                                <td class="num">{ pct(r.delivered_percent, 1) }</td>
                                <td class="num">{ pct(r.bounce_percent, 2) }</td>
                                <td class="num">{ pct(r.complaint_percent, 3) }</td>
                            </tr>
                        }
                    </tbody>
                </table>
            </div>
        </details>
    }
}

fn rates_table(r: &Rates) -> Html {
    let rows: [(&str, String); 9] = [
        ("Sent", group(r.sent)),
        ("Delivered", pct(r.delivered_percent, 1)),
        ("Hard bounces", pct(r.hard_bounce_percent, 2)),
        ("Soft bounces", pct(r.soft_bounce_percent, 2)),
        ("Complaints", pct(r.complaint_percent, 3)),
        ("Unsubscribes", pct(r.unsubscribe_percent, 3)),
        ("Opens", pct(r.open_percent, 1)),
        ("Clicks", pct(r.click_percent, 2)),
        ("Revenue per recipient", money(r.revenue_per_recipient)),
    ];
    html! {
        <table class="rates">
            <tbody>
                for (label, value) in rows.iter() {
                    <tr><th scope="row">{ *label }</th><td class="num">{ value.clone() }</td></tr>
                }
            </tbody>
        </table>
    }
}

/// The fewest messages a day sends for its rate to set a chart's scale.
const SCALED_FROM: u64 = 100;

/// A rate per day as a line over its watch and act bands, read out day by
/// day like the other charts.
fn chart(
    name: &str,
    days: &[DayPoint],
    what: &str,
    rate: fn(&Rates) -> Option<f64>,
    (watch, act): (f64, f64),
) -> Html {
    let (w, h) = (300.0f64, 80.0f64);
    // A day of a few messages can show any rate (one bounce in four is
    // 25%): the scale follows the days with enough mail to mean something,
    // and a small day above it is named under the chart.
    let top = days
        .iter()
        .filter(|d| d.rates.sent >= SCALED_FROM)
        .filter_map(|d| rate(&d.rates))
        .fold(act * 1.5, f64::max)
        .max(0.001);
    let off_scale: Vec<String> = (days.iter())
        .filter_map(|d| Some((d, rate(&d.rates)?)))
        .filter(|(_, v)| *v > top)
        .map(|(d, v)| {
            format!(
                "{} ({}%, {} sent)",
                d.date,
                fixed(v, 2),
                group(d.rates.sent)
            )
        })
        .collect();
    let note = (!off_scale.is_empty()).then(|| {
        AttrValue::from(format!(
            "Above the scale, days of fewer than {} messages: {}.",
            group(SCALED_FROM),
            off_scale.join(", ")
        ))
    });
    let (first, slots) = day_slots(days, |d| d.day);
    // Each day at the middle of its slot, where the readout's guide is.
    let n = slots.len().max(1) as f64;
    let x = |i: usize| (i as f64 + 0.5) * w / n;
    let y = |v: f64| h - (v / top).min(1.0) * h;
    let levels: Vec<Option<f64>> = (slots.iter())
        .map(|d| d.and_then(|d| rate(&d.rates)).map(y))
        .collect();
    let line = line_path(&levels, x, w / n);
    let label = format!(
        "{name}: {} {}, against the watch line at {watch}% and the action line at {act}%.",
        what.to_lowercase(),
        days_covered(
            days.first().map_or("", |d| d.date.as_str()),
            days.last().map_or("", |d| d.date.as_str())
        )
    );
    let label = match slots.iter().filter(|d| d.is_none()).count() {
        0 => label,
        blank => format!("{label} No data was imported for {blank} of these days."),
    };
    let words = |d: &DayPoint| {
        let said = match rate(&d.rates) {
            Some(v) if v >= act => format!("{}%, past the action line", fixed(v, 3)),
            Some(v) if v >= watch => format!("{}%, past the watch line", fixed(v, 3)),
            Some(v) => format!("{}%", fixed(v, 3)),
            None if d.rates.sent > 0 => format!(
                "not known yet: {} sent, none delivered or bounced that day",
                group(d.rates.sent)
            ),
            None => "no mail".to_string(),
        };
        AttrValue::from(format!("{}: {what} {said}.", dated(&d.date)))
    };
    let readout: Vec<(AttrValue, AttrValue)> = (slots.iter().zip(first..))
        .map(|(d, day)| match d {
            Some(d) => (AttrValue::from(d.date.clone()), words(d)),
            None => {
                let date = date_of_day(day);
                let said = format!("{}: no data was imported for this day.", dated(&date));
                (AttrValue::from(date), AttrValue::from(said))
            }
        })
        .collect();
    let legend: Vec<(AttrValue, AttrValue)> = vec![
        ("rate".into(), AttrValue::from(what.to_string())),
        ("band-watch".into(), "Watch".into()),
        ("band-act".into(), "Act".into()),
    ];
    html! {
        <ChartFrame class="health-chart" caption={label.clone()} left={scale(top, |v| format!("{}%", fixed(v, 2)))}
            {legend} {note} {readout}>
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={label} preserveAspectRatio="none">
                <rect class="band-act" x="0" y="0" width={fixed(w, 1)} height={fixed(y(act), 1)} />
                <rect class="band-watch" x="0" y={fixed(y(act), 1)} width={fixed(w, 1)} height={fixed(y(watch) - y(act), 1)} />
                <path class="rate" d={line} />
            </svg>
        </ChartFrame>
    }
}
