//! The monitoring page below the app's import area: is the clean lane
//! clean, each lane's health side by side with charts against its
//! thresholds and its fallback trigger, the lane-key mapping, Postmaster
//! Tools figures, the imported files and the weekly review downloads.

use std::rc::Rc;

use yew::prelude::*;

use crate::monitor::health::{DayPoint, Health, LaneHealth, Rates, Status};
use crate::monitor::Source;
use crate::plan::model::Plan;
use crate::units::{fixed, group};

#[derive(Properties, PartialEq)]
pub struct MonitoringPageProps {
    pub plan: Rc<Plan>,
    pub health: Rc<Health>,
    pub sources: Rc<Vec<Source>>,
    pub weekly_markdown: AttrValue,
    pub weekly_csv: AttrValue,
    pub template: AttrValue,
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::NoData => "health-none",
        Status::Healthy => "health-ok",
        Status::Watch => "health-watch",
        Status::Act => "health-act",
    }
}

fn pct(x: Option<f64>, digits: u32) -> String {
    x.map_or("–".to_string(), |x| format!("{}%", fixed(x, digits)))
}

#[component]
pub fn MonitoringPage(props: &MonitoringPageProps) -> Html {
    let h = &props.health;
    let plan = &props.plan;
    let file = |kind: &str| format!("{}-weekly-review.{kind}", plan.id);
    html! {
        <section aria-labelledby="health-heading" class="monitoring">
            <h3 id="health-heading" tabindex="-1">{ "Lane health" }</h3>
            if let Some(clean) = &h.clean_lane {
                <p class="clean-lane"><strong>{ "Is the clean lane staying clean? " }</strong>{ clean.clone() }</p>
            }
            <div class="health-lanes">
                for lane in h.lanes.iter() { { lane_card(lane) } }
            </div>
            <p class="muted">{ "Open rates are inflated by Apple Mail Privacy Protection, which opens mail on the recipient's behalf; judge engagement by clicks. Statuses look at each lane's last 7 days of data." }</p>
            <div class="actions">
                <button type="button" data-download={file("md")} data-source="weekly-markdown">{ "Download the weekly review (Markdown)" }</button>{ " " }
                <button type="button" data-download={file("csv")} data-source="weekly-csv">{ "Download the weekly review (CSV)" }</button>{ " " }
                <button type="button" data-download="switchyard-daily-template.csv" data-source="csv-template">{ "Download the per-day CSV template" }</button>
            </div>
            <pre id="weekly-markdown" hidden=true>{ props.weekly_markdown.clone() }</pre>
            <pre id="weekly-csv" hidden=true>{ props.weekly_csv.clone() }</pre>
            { mapping(plan, h) }
            { postmaster(plan) }
            { sources(&props.sources) }
            <pre id="csv-template" hidden=true>{ props.template.clone() }</pre>
        </section>
    }
}

fn lane_card(l: &LaneHealth) -> Html {
    let w = &l.window;
    let t = &l.thresholds;
    html! {
        <article class={classes!("health-card", status_class(l.status))} id={format!("health-{}", l.lane)} aria-label={format!("Health of {}", l.name)}>
            <header>
                <h4>{ l.name.clone() }</h4>
                <span class="health-status">{ l.status.label() }</span>
            </header>
            if l.status == Status::NoData {
                <p class="muted">{ "No imported data is mapped to this lane." }</p>
            } else {
                if !l.reasons.is_empty() {
                    <ul class="reasons">for r in l.reasons.iter() { <li>{ r.clone() }</li> }</ul>
                }
                <p class="muted">{ format!("{} to {}", l.window_from, l.window_to) }</p>
                { rates_table(w) }
                { chart(&l.name, &l.days, "Complaints", |r| r.complaint_percent, t.complaint_watch_percent, t.complaint_act_percent) }
                { chart(&l.name, &l.days, "Bounces", |r| r.bounce_percent, t.bounce_watch_percent, t.bounce_act_percent) }
                <details>
                    <summary>{ "Day by day" }</summary>
                    <table class="report-table day-table">
                        <thead><tr>
                            <th scope="col">{ "Date" }</th><th scope="col">{ "Sent" }</th><th scope="col">{ "Delivered" }</th>
                            <th scope="col">{ "Hard" }</th><th scope="col">{ "Soft" }</th><th scope="col">{ "Complaints" }</th>
                            <th scope="col">{ "Unsubs" }</th><th scope="col">{ "Opens" }</th><th scope="col">{ "Clicks" }</th><th scope="col">{ "Revenue / recipient" }</th>
                        </tr></thead>
                        <tbody>
                            for d in l.days.iter().rev() {
                                <tr>
                                    <th scope="row">{ d.date.clone() }</th>
                                    <td class="num">{ group(d.rates.sent) }</td>
                                    <td class="num">{ pct(d.rates.delivered_percent, 1) }</td>
                                    <td class="num">{ pct(d.rates.hard_bounce_percent, 2) }</td>
                                    <td class="num">{ pct(d.rates.soft_bounce_percent, 2) }</td>
                                    <td class="num">{ pct(d.rates.complaint_percent, 3) }</td>
                                    <td class="num">{ pct(d.rates.unsubscribe_percent, 3) }</td>
                                    <td class="num">{ pct(d.rates.open_percent, 1) }</td>
                                    <td class="num">{ pct(d.rates.click_percent, 2) }</td>
                                    <td class="num">{ d.rates.revenue_per_recipient.map_or("–".into(), |v| fixed(v, 2)) }</td>
                                </tr>
                            }
                        </tbody>
                    </table>
                </details>
                if !l.by_provider.is_empty() {
                    <details>
                        <summary>{ "By mailbox provider" }</summary>
                        <table class="report-table">
                            <thead><tr>
                                <th scope="col">{ "Provider" }</th><th scope="col">{ "Sent" }</th><th scope="col">{ "Delivered" }</th>
                                <th scope="col">{ "Bounces" }</th><th scope="col">{ "Complaints" }</th>
                            </tr></thead>
                            <tbody>
                                for (m, r) in l.by_provider.iter() {
                                    <tr>
                                        <th scope="row">{ m.label() }</th>
                                        <td>{ group(r.sent) }</td>
                                        <td>{ pct(r.delivered_percent, 1) }</td>
                                        <td>{ pct(r.bounce_percent, 2) }</td>
                                        <td>{ pct(r.complaint_percent, 3) }</td>
                                    </tr>
                                }
                            </tbody>
                        </table>
                    </details>
                }
            }
            for (date, domain, rate) in l.postmaster.iter().rev().take(1) {
                <p class="muted">{ format!("Postmaster Tools: {}% spam rate for {domain} on {date}", fixed(*rate, 2)) }</p>
            }
            <p class="thresholds">
                { format!("Act at {}% complaints, {}% bounces or under {}% delivered; watch from {}% and {}%{}.",
                    t.complaint_act_percent, t.bounce_act_percent, t.delivered_min_percent,
                    t.complaint_watch_percent, t.bounce_watch_percent,
                    if l.reference_thresholds { " (the reference figures: the lane has none of its own)" } else { "" }) }
            </p>
            <div class={classes!("fallback", l.firing.is_some().then_some("fired"))}>
                { match (&l.firing, &l.fallback) {
                    (Some(f), Some(plan)) => format!("Fallback trigger fired on {}: {}. The plan: {}.", f.date, f.why, plan),
                    (Some(f), None) => format!("Fallback trigger fired on {}: {}. The lane has no fallback plan; add one on the Simulation tab.", f.date, f.why),
                    (None, Some(plan)) => format!("Fallback not triggered. If it is: {}.", plan),
                    (None, None) => "Fallback not triggered; the lane has no fallback plan.".to_string(),
                } }
            </div>
        </article>
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
        (
            "Revenue per recipient",
            r.revenue_per_recipient.map_or("–".into(), |v| fixed(v, 2)),
        ),
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

/// A rate per day as a line over its watch and act bands.
fn chart(
    name: &str,
    days: &[DayPoint],
    what: &str,
    rate: fn(&Rates) -> Option<f64>,
    watch: f64,
    act: f64,
) -> Html {
    let (w, h) = (300.0f64, 80.0f64);
    let top = days
        .iter()
        .filter_map(|d| rate(&d.rates))
        .fold(act * 1.5, f64::max)
        .max(0.001);
    let n = days.len().max(2) as f64 - 1.0;
    let x = |i: usize| i as f64 * w / n;
    let y = |v: f64| h - (v / top).min(1.0) * h;
    let mut points = String::new();
    let mut dots = Vec::new();
    for (i, d) in days.iter().enumerate() {
        if let Some(v) = rate(&d.rates) {
            points.push_str(&format!("{},{} ", fixed(x(i), 1), fixed(y(v), 1)));
            dots.push((
                fixed(x(i), 1),
                fixed(y(v), 1),
                format!("{}: {}%", d.date, fixed(v, 3)),
            ));
        }
    }
    let label = format!(
        "{name}: {} each day from {} to {}, against the watch line at {watch}% and the action line at {act}%.",
        what.to_lowercase(),
        days.first().map_or("", |d| d.date.as_str()),
        days.last().map_or("", |d| d.date.as_str())
    );
    html! {
        <figure class="chart health-chart">
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={label.clone()} preserveAspectRatio="none">
                <rect class="band-act" x="0" y="0" width={fixed(w, 1)} height={fixed(y(act), 1)} />
                <rect class="band-watch" x="0" y={fixed(y(act), 1)} width={fixed(w, 1)} height={fixed(y(watch) - y(act), 1)} />
                <polyline class="rate" points={points} />
                for (cx, cy, title) in dots.iter() {
                    <circle class="dot" cx={cx.clone()} cy={cy.clone()} r="3"><title>{ title.clone() }</title></circle>
                }
            </svg>
            <figcaption>{ format!("{what}: {}–{}% scale; shaded: watch and act.", 0, fixed(top, 2)) }</figcaption>
        </figure>
    }
}

fn mapping(plan: &Plan, h: &Health) -> Html {
    let lanes: Vec<(String, String)> = plan
        .lanes
        .iter()
        .map(|l| (l.id.clone(), l.name.clone()))
        .collect();
    let suggested: Vec<(String, String)> = h
        .keys
        .iter()
        .filter(|k| k.lane.is_none())
        .filter_map(|k| {
            let (lane, _) = k.suggestion.as_ref()?;
            Some((
                format!("mapping:{}:{}", super::enum_key(k.key.kind), k.key.value),
                lane.clone(),
            ))
        })
        .collect();
    html! {
        <section aria-labelledby="mapping-heading" class="mapping">
            <h3 id="mapping-heading" tabindex="-1">{ "Lane keys in the data" }</h3>
            <p class="muted">{ "Each vendor names the lane its own way: a configuration set, an IP pool, a message stream, a sending IP. Map each key to a lane; mail under keys not mapped counts for no lane. The mapping is saved with the plan." }</p>
            if h.keys.is_empty() {
                <p class="empty">{ "No data imported yet." }</p>
            } else {
                <table class="report-table key-table">
                    <thead><tr>
                        <th scope="col">{ "Kind" }</th><th scope="col">{ "Key" }</th>
                        <th scope="col">{ "Sent" }</th><th scope="col">{ "Lane" }</th><th scope="col">{ "Suggestion" }</th>
                    </tr></thead>
                    <tbody>
                        for (i, k) in h.keys.iter().enumerate() {
                            {{
                                let edit = format!("mapping:{}:{}", super::enum_key(k.key.kind), k.key.value);
                                let chosen = k.lane.clone().unwrap_or_default();
                                html! {
                                    <tr class={classes!(k.lane.is_none().then_some("unmapped"))}>
                                        <td>{ k.key.kind.label() }</td>
                                        <td><code>{ k.key.value.clone() }</code></td>
                                        <td class="num">{ group(k.sent) }</td>
                                        <td>
                                            <select id={format!("map-{i}")} data-edit={edit.clone()}
                                                aria-label={format!("Lane for {} {}", k.key.kind.label(), k.key.value)}>
                                                <option value="" selected={chosen.is_empty()}>{ "Not mapped" }</option>
                                                for (id, name) in lanes.iter() {
                                                    <option value={id.clone()} selected={*id == chosen}>{ name.clone() }</option>
                                                }
                                            </select>
                                            if k.lane.is_some() && !k.mapped { <p class="evidence">{ "The key is the lane's id." }</p> }
                                        </td>
                                        <td>
                                            if let Some((lane, why)) = &k.suggestion {
                                                <span class="evidence">{ format!("{}: {why}. ", plan.lane_name(lane)) }</span>
                                                <button type="button" class="link"
                                                    data-fix={serde_json::to_string(&[(edit.clone(), lane.clone())]).unwrap_or_default()}>
                                                    { format!("Map to {}", plan.lane_name(lane)) }
                                                </button>
                                            }
                                        </td>
                                    </tr>
                                }
                            }}
                        }
                    </tbody>
                </table>
                if suggested.len() > 1 {
                    <button type="button" data-fix={serde_json::to_string(&suggested).unwrap_or_default()}>
                        { format!("Map all {} suggestions", suggested.len()) }
                    </button>
                }
            }
        </section>
    }
}

fn postmaster(plan: &Plan) -> Html {
    html! {
        <section aria-labelledby="postmaster-heading" class="postmaster">
            <h3 id="postmaster-heading">{ "Google Postmaster Tools" }</h3>
            <p class="muted">{ "Import the traffic statistics Postmaster Tools' API returns, or type in a day's user-reported spam rate per domain. A figure for a lane's sending or From domain is that lane's; one for the primary domain is every lane's. Gmail asks senders to stay under 0.1% and never reach 0.3%." }</p>
            if !plan.monitoring.postmaster.is_empty() {
                <table class="report-table">
                    <thead><tr><th scope="col">{ "Date" }</th><th scope="col">{ "Domain" }</th><th scope="col">{ "Spam rate %" }</th><th scope="col"><span class="visually-hidden">{ "Actions" }</span></th></tr></thead>
                    <tbody>
                        for (i, p) in plan.monitoring.postmaster.iter().enumerate() {
                            <tr>
                                <td><input type="date" id={format!("pm-{i}-date")} value={p.date.clone()} data-edit={format!("postmaster:{i}:date")} aria-label={format!("Date of figure {}", i + 1)} /></td>
                                <td><input type="text" id={format!("pm-{i}-domain")} value={p.domain.clone()} data-edit={format!("postmaster:{i}:domain")} aria-label={format!("Domain of figure {}", i + 1)} /></td>
                                <td><input type="number" step="0.01" min="0" id={format!("pm-{i}-rate")} value={p.spam_rate_percent.to_string()} data-edit={format!("postmaster:{i}:spam_rate_percent")} aria-label={format!("Spam rate of figure {}", i + 1)} /></td>
                                <td><button type="button" class="link" data-action={format!("postmaster-delete:{i}")}>{ "Delete" }</button></td>
                            </tr>
                        }
                    </tbody>
                </table>
            }
            <button type="button" data-action="postmaster-add">{ "Add a figure" }</button>
        </section>
    }
}

fn sources(sources: &[Source]) -> Html {
    html! {
        <section aria-labelledby="sources-heading" class="sources">
            <h3 id="sources-heading">{ "Imported files" }</h3>
            <p class="muted">{ "Only counts per day, lane key and mailbox provider are kept, in this browser; addresses and message contents are never stored. Importing a file again replaces it; events already counted from another file are counted once." }</p>
            if sources.is_empty() {
                <p class="empty">{ "None yet." }</p>
            }
            <ul class="source-list">
                for s in sources.iter() {
                    <li>
                        <strong>{ s.name.clone() }</strong>
                        { format!(" — {}: {} records", s.format, group(s.records)) }
                        if s.duplicates > 0 { { format!(", {} duplicates dropped", group(s.duplicates)) } }
                        if s.without_key > 0 { { format!(", {} events without a lane key", group(s.without_key)) } }
                        if s.skipped > 0 {
                            <details class="skipped">
                                <summary>{ format!("{} lines skipped", group(s.skipped)) }</summary>
                                <ul>
                                    for (line, why) in s.skipped_lines.iter() { <li>{ format!("Line {line}: {why}") }</li> }
                                    if s.skipped as usize > s.skipped_lines.len() {
                                        <li>{ format!("… and {} more", s.skipped as usize - s.skipped_lines.len()) }</li>
                                    }
                                </ul>
                            </details>
                        }
                        { " " }
                        <button type="button" class="link" data-monitor={format!("forget:{}", s.fingerprint)}>{ format!("Forget {}", s.name) }</button>
                    </li>
                }
            </ul>
        </section>
    }
}
