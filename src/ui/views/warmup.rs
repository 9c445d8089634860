//! The warm-up page: per lane, the schedule and calendar settings, the
//! headline figures (warm on, target reached, latest start), a chart of the
//! cap against the mail the lane's journeys want, the calendar as a table
//! and as CSV, and the published schedules with their sources.

use std::rc::Rc;

use yew::prelude::*;

use super::fields::{select_field, text_field, FieldSpec};
use crate::diagnostic::Diagnostic;
use crate::plan::model::{Lane, Overflow, Plan, WarmupPreset};
use crate::plan::routing::Routing;
use crate::units::group;
use crate::warmup::calendar::{calendar, date, requested_by_cohort, to_csv, Calendar};
use crate::warmup::presets::{daily_cap, schedule, Unit};

/// Days shown: until the lane is warm and past the target, within limits.
const MIN_DAYS: u32 = 30;
const MAX_SHOWN: u32 = 180;

#[derive(Properties, PartialEq)]
pub struct WarmupPageProps {
    pub plan: Rc<Plan>,
    pub routing: Rc<Routing>,
    /// Findings about the plan's fields (`$.lanes[i].warmup…`).
    pub findings: Vec<Diagnostic>,
}

#[component]
pub fn WarmupPage(props: &WarmupPageProps) -> Html {
    let plan = &props.plan;
    html! {
        <section aria-labelledby="warmup-heading" class="warmup">
            <h2 id="warmup-heading">{ "Warm-up" }</h2>
            <p class="muted">{ "Warm up each new sending domain or IP gradually, starting with the most engaged audiences. Only sending days advance a ramp; a month without sending starts it again." }</p>
            for (index, lane) in plan.lanes.iter().enumerate() {
                { lane_section(plan, &props.routing, lane, index, &props.findings) }
            }
            <PresetTable />
        </section>
    }
}

fn lane_section(
    plan: &Plan,
    routing: &Routing,
    lane: &Lane,
    index: usize,
    findings: &[Diagnostic],
) -> Html {
    let key = |field: &str| format!("warmup:{}:{field}", lane.id);
    let prefix = format!("$.lanes[{index}].warmup");
    let at = |field: &str| -> Vec<Diagnostic> {
        let path = format!("{prefix}.{field}");
        findings
            .iter()
            .filter(|d| d.path == path || d.path.starts_with(&format!("{path}[")))
            .cloned()
            .collect()
    };
    let mut presets: Vec<(&str, &str)> = vec![("none", "No warm-up (the lane is warm)")];
    presets.extend(WarmupPreset::ALL.iter().map(|p| (p.key(), p.label())));
    let chosen = lane.warmup.as_ref().map_or("none", |w| w.preset.key());
    let general: Vec<Diagnostic> = findings
        .iter()
        .filter(|d| d.path == prefix)
        .cloned()
        .collect();
    let head = html! {
        <>
            <h3 id={format!("warmup-{}-heading", lane.id)}>{ lane.name.clone() }</h3>
            { select_field(None, &key("preset"), "Schedule", &presets, chosen) }
            if !general.is_empty() {
                <super::fields::FindingList findings={general} empty="" />
            }
        </>
    };
    let Some(w) = &lane.warmup else {
        return html! {
            <article class="card" id={format!("warmup-{}", lane.id)} tabindex="-1" aria-labelledby={format!("warmup-{}-heading", lane.id)}>
                { head }
                <p class="muted">{ "Choose a schedule to plan this lane's warm-up." }</p>
            </article>
        };
    };
    let field = |name: &str, label: &'static str, value: String, help: &'static str| {
        text_field(FieldSpec {
            id: None,
            key: key(name),
            label,
            value,
            help,
            findings: at(name),
        })
    };
    let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let overflows: Vec<(String, &str)> = Overflow::ALL
        .iter()
        .map(|o| (super::enum_key(*o), o.label()))
        .collect();
    let overflow_options: Vec<(&str, &str)> =
        overflows.iter().map(|(k, l)| (k.as_str(), *l)).collect();
    let mut spill: Vec<(&str, &str)> = vec![("", "Choose a lane")];
    spill.extend(
        plan.lanes
            .iter()
            .filter(|l| l.id != lane.id)
            .map(|l| (l.id.as_str(), l.name.as_str())),
    );
    let requested = requested_by_cohort(plan, routing, &lane.id);
    let source = schedule(w.preset);
    html! {
        <article class="card" id={format!("warmup-{}", lane.id)} tabindex="-1" aria-labelledby={format!("warmup-{}-heading", lane.id)}>
            { head }
            if let Some(s) = source {
                <p class="muted">{ format!("{} Source: {}.", s.note, s.source) }</p>
            }
            <div class="grid-3">
                { field("start_date", "First day (YYYY-MM-DD)", w.start_date.clone(), "") }
                { field("target_volume", "Peak volume to reach (a day)", w.target_volume.to_string(), "Warm up to your peak, not your average.") }
                { field("target_date", "Peak date (YYYY-MM-DD)", w.target_date.clone(), "Such as Black Friday.") }
                { field("skipped_dates", "Days without sending", w.skipped_dates.join(", "), "YYYY-MM-DD, separated by commas; they hold the ramp.") }
                { select_field(None, &key("overflow"), "Mail over the day's cap", &overflow_options, &super::enum_key(w.overflow)) }
                if w.overflow == Overflow::Spill {
                    { select_field(None, &key("spill_lane"), "Spill into", &spill, w.spill_lane.as_deref().unwrap_or("")) }
                }
                <fieldset class="check-group">
                    <legend>{ "Sending days" }</legend>
                    for (i, name) in weekdays.iter().enumerate() {
                        {{
                            let id = format!("f-warmup-{}-weekday-{}", lane.id, i + 1);
                            let checked = w.sending_weekdays.contains(&(i as u8 + 1));
                            html! { <label class="check" for={id.clone()}><input type="checkbox" {id} {checked} data-edit={key(&format!("weekday-{}", i + 1))} />{ *name }</label> }
                        }}
                    }
                </fieldset>
                if w.preset == WarmupPreset::Custom {
                    { field("custom-start_volume", "Start volume (a day)", w.custom.start_volume.to_string(), "") }
                    { field("custom-growth_percent", "Growth per level (%)", w.custom.growth_percent.to_string(), "") }
                    { field("custom-hold_days", "Sending days per level", w.custom.hold_days.to_string(), "") }
                    { field("custom-cap", "Warm at (a day; 0 for none)", w.custom.cap.to_string(), "") }
                }
            </div>
            { for at("spill_lane").iter().chain(at("sending_weekdays").iter()).chain(at("custom").iter()).map(|d| html! {
                <p class={classes!("finding", super::severity_class(d.severity))}>{ d.message.clone() }{ " " }<span class="hint">{ d.hint.clone() }</span></p>
            }) }
            { match calendar(w, requested, shown_days(w, requested)) {
                Some(cal) => calendar_view(lane, w.target_volume, Some(w.target_date.as_str()), w.overflow, &cal, requested),
                None => html! { <p class="empty">{ "Set a valid first day to see the calendar." }</p> },
            } }
        </article>
    }
}

/// Enough days to see the lane warm and the target date pass.
fn shown_days(w: &crate::plan::model::WarmupPlan, requested: [u64; 4]) -> u32 {
    let span = match (date(&w.start_date), date(&w.target_date)) {
        (Some(start), Some(target)) if target > start => (target - start).num_days() as u32 + 14,
        _ => 0,
    };
    let full = calendar(w, requested, MAX_SHOWN)
        .and_then(|c| {
            let warm = c.warm_on?;
            c.days.iter().position(|d| d.date == warm)
        })
        .map_or(MAX_SHOWN, |i| i as u32 + 14);
    span.max(full).clamp(MIN_DAYS, MAX_SHOWN)
}

fn calendar_view(
    lane: &Lane,
    target: u64,
    target_date: Option<&str>,
    overflow: Overflow,
    cal: &Calendar,
    requested: [u64; 4],
) -> Html {
    let per_day: u64 = requested.iter().sum();
    let summary = [
        (
            "Mail the lane's journeys want",
            format!("{} a day", group(per_day)),
        ),
        (
            "Warm on",
            cal.warm_on
                .clone()
                .unwrap_or_else(|| "not within the calendar".into()),
        ),
        (
            "Peak target",
            match (cal.reaches_target, cal.cap_on_target) {
                (None, _) => "no peak date set".into(),
                (Some(true), None) => {
                    format!("{} a day: reached, the lane is warm by then", group(target))
                }
                (Some(true), Some(cap)) => format!(
                    "{} a day: reached (cap {} that day)",
                    group(target),
                    group(cap)
                ),
                (Some(false), cap) => format!(
                    "{} a day: not reached (cap {} that day)",
                    group(target),
                    group(cap.unwrap_or(0))
                ),
            },
        ),
        (
            "Latest start that reaches it",
            cal.latest_start.clone().unwrap_or_else(|| "–".into()),
        ),
        (
            "Over the cap in this calendar",
            match overflow {
                Overflow::Defer => format!(
                    "{} messages deferred; the backlog peaks at {} and {}",
                    group(cal.total_over_cap),
                    group(cal.max_backlog),
                    cal.backlog_clears_on
                        .as_deref()
                        .map_or("does not clear in the calendar".to_string(), |d| format!(
                            "clears on {d}"
                        ))
                ),
                Overflow::Spill => format!(
                    "{} messages, spilled to the chosen lane",
                    group(cal.total_over_cap)
                ),
                Overflow::Suppress => format!("{} messages, not sent", group(cal.total_over_cap)),
            },
        ),
    ];
    let csv_id = format!("warmup-csv-{}", lane.id);
    html! {
        <>
            <dl class="figures">
                for (term, value) in summary.iter() {
                    <div><dt>{ *term }</dt><dd>{ value.clone() }</dd></div>
                }
            </dl>
            { chart(lane, target, target_date, cal) }
            <details>
                <summary>{ format!("Calendar for {} as a table", lane.name) }</summary>
                <table class="data calendar">
                    <thead><tr>
                        <th scope="col">{ "Date" }</th><th scope="col">{ "Ramp day" }</th><th scope="col">{ "Cap" }</th>
                        <th scope="col">{ "Wanted" }</th><th scope="col">{ "Sent: 30 / 60 / 90 days / others" }</th><th scope="col">{ "Over cap" }</th><th scope="col">{ "Note" }</th>
                    </tr></thead>
                    <tbody>
                        for day in cal.days.iter() {
                            <tr class={classes!((!day.sending).then_some("idle"))}>
                                <td>{ day.date.clone() }</td>
                                <td>{ day.step.map(|s| (s + 1).to_string()).unwrap_or_default() }</td>
                                <td>{ match (day.sending, day.cap) { (false, _) => "–".to_string(), (true, None) => "warm".to_string(), (true, Some(c)) => group(c) } }</td>
                                <td>{ group(day.requested) }</td>
                                <td>{ day.sent.iter().map(|n| group(*n)).collect::<Vec<_>>().join(" / ") }</td>
                                <td>{ group(day.over_cap) }</td>
                                <td>{ day.note.clone() }</td>
                            </tr>
                        }
                    </tbody>
                </table>
            </details>
            <pre id={csv_id.clone()} hidden=true>{ to_csv(cal) }</pre>
            <button type="button" id={format!("download-warmup-{}", lane.id)} data-download={format!("warmup-{}.csv", lane.id)} data-source={csv_id}>
                { "Download the calendar (CSV)" }
            </button>
        </>
    }
}

/// The cap as a line over the mail wanted (light) and sent (dark) per day.
fn chart(lane: &Lane, target: u64, target_date: Option<&str>, cal: &Calendar) -> Html {
    let (w, h) = (600u64, 160u64);
    let n = cal.days.len().max(1) as u64;
    // The scale follows the mail, not caps far above it.
    let wanted = cal.days.iter().map(|d| d.requested).max().unwrap_or(0);
    let top = (wanted.max(target) + wanted.max(target) / 5)
        .max(cal.days.iter().filter_map(|d| d.cap).min().unwrap_or(1));
    let x = |i: usize| i as u64 * w / n;
    let y = |v: u64| h - v.min(top) * h / top;
    let bar = (w / n).max(1);
    let mut line = String::new();
    for (i, day) in cal.days.iter().enumerate() {
        if let (true, Some(cap)) = (day.sending, day.cap) {
            line.push_str(&format!("{},{} {},{} ", x(i), y(cap), x(i) + bar, y(cap)));
        }
    }
    let label = format!(
        "{}: the warm-up cap against the mail wanted and sent each day, {} to {}; the scale reaches {} a day.",
        lane.name,
        cal.days.first().map_or("", |d| d.date.as_str()),
        cal.days.last().map_or("", |d| d.date.as_str()),
        group(top)
    );
    html! {
        <figure class="chart">
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={label.clone()} preserveAspectRatio="none">
                for (i, day) in cal.days.iter().enumerate() {
                    if day.requested > 0 {
                        <rect class="wanted" x={x(i).to_string()} y={y(day.requested).to_string()} width={bar.to_string()} height={(h - y(day.requested)).to_string()} />
                    }
                    if day.sent.iter().sum::<u64>() > 0 {
                        <rect class="sent" x={x(i).to_string()} y={y(day.sent.iter().sum()).to_string()} width={bar.to_string()} height={(h - y(day.sent.iter().sum())).to_string()} />
                    }
                }
                <polyline class="cap" points={line} />
                for (i, day) in cal.days.iter().enumerate() {
                    if Some(&day.date) == cal.warm_on.as_ref() || Some(day.date.as_str()) == target_date {
                        <line class="marker" x1={x(i).to_string()} x2={x(i).to_string()} y1="0" y2={h.to_string()}>
                            <title>{ if Some(&day.date) == cal.warm_on.as_ref() { format!("Warm on {}", day.date) } else { format!("Peak on {}", day.date) } }</title>
                        </line>
                    }
                }
            </svg>
            <figcaption>{ label }{ " Line: cap. Light bars: wanted. Dark bars: sent. Dashed lines: the day the lane is warm and the peak date." }</figcaption>
        </figure>
    }
}

/// Every published schedule with its first days and its source.
#[component]
fn PresetTable() -> Html {
    html! {
        <details class="card presets">
            <summary>{ "The published schedules" }</summary>
            <table class="data">
                <thead><tr><th scope="col">{ "Schedule" }</th><th scope="col">{ "Days 1–10 (a day)" }</th><th scope="col">{ "Length" }</th><th scope="col">{ "Source" }</th></tr></thead>
                <tbody>
                    for preset in WarmupPreset::ALL.iter().filter(|p| **p != WarmupPreset::Custom) {
                        if let Some(s) = schedule(*preset) {
                            <tr>
                                <th scope="row">{ preset.label() }</th>
                                <td>{ (0..10).filter_map(|d| daily_cap(&s, d)).map(group).collect::<Vec<_>>().join(", ") }</td>
                                <td>{ match s.unit {
                                    Unit::Weekly => format!("{} weeks", s.values.len()),
                                    Unit::Daily | Unit::Hourly => format!("{} days", s.values.len()),
                                } }</td>
                                <td>{ s.source }</td>
                            </tr>
                        }
                    }
                </tbody>
            </table>
        </details>
    }
}
