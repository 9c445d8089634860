//! The simulation page: what-if settings and fallback plans, "everything on
//! one lane" against "this plan", and per lane a chart of volume, cap and
//! reputation with the fallback's trigger marked, and the same numbers as a
//! table. The model card is served beside the app.

use std::rc::Rc;

use yew::prelude::*;

use super::enum_key;
use super::fields::{select_field, text_field, FieldSpec};
use crate::diagnostic::Diagnostic;
use crate::plan::model::{Audience, FallbackAction, Plan};
use crate::plan::routing::Routing;
use crate::simulate::{from_plan, simulate, single_lane, LaneRun, Run, Tier, PROVIDERS};
use crate::units::{fixed, group};

#[derive(Properties, PartialEq)]
pub struct SimulationPageProps {
    pub plan: Rc<Plan>,
    pub routing: Rc<Routing>,
    /// Findings about `$.simulation`.
    pub findings: Vec<Diagnostic>,
}

#[component]
pub fn SimulationPage(props: &SimulationPageProps) -> Html {
    let plan = &props.plan;
    html! {
        <section aria-labelledby="simulation-heading" class="simulation">
            <h2 id="simulation-heading">{ "Simulation" }</h2>
            <p class="muted">
                { "Day by day, per lane and mailbox provider: the mail the journeys want, what the warm-up lets through, complaints and bounces by engagement, reputation, inbox placement and revenue. Every equation and default is in the " }
                <a href="reputation-model.md" target="_blank" rel="noopener">{ "model card" }</a>{ "." }
            </p>
            { settings_form(plan, &props.findings) }
            { match from_plan(plan) {
                None => html! { <p class="empty">{ "Set a first day, or schedule a lane's warm-up, to run the simulation." }</p> },
                Some((settings, fallbacks)) => {
                    let ours = simulate(plan, &props.routing, &settings, &fallbacks);
                    let (one, one_routing) = single_lane(plan);
                    let shared = simulate(&one, &one_routing, &settings, &[]);
                    match (ours, shared) {
                        (Some(ours), Some(shared)) => html! {
                            <>
                                { comparison(&ours, &shared, settings.days) }
                                for (i, lane) in ours.lanes.iter().enumerate() {
                                    { lane_view(plan, lane, i) }
                                }
                            </>
                        },
                        _ => html! { <p class="empty">{ "The first day is not a date." }</p> },
                    }
                }
            } }
        </section>
    }
}

fn settings_form(plan: &Plan, findings: &[Diagnostic]) -> Html {
    let sim = &plan.simulation;
    let at = |path: &str| -> Vec<Diagnostic> {
        findings
            .iter()
            .filter(|d| d.path.starts_with(path))
            .cloned()
            .collect()
    };
    let field = |name: &str, label: &'static str, value: String, help: &'static str| {
        text_field(FieldSpec {
            id: None,
            key: format!("sim:{name}"),
            label,
            value,
            help,
            findings: at(&format!("$.simulation.{name}")),
        })
    };
    let audiences: Vec<(String, &str)> = Audience::ALL
        .iter()
        .map(|a| (enum_key(*a), a.label()))
        .collect();
    let audience_refs: Vec<(&str, &str)> =
        audiences.iter().map(|(k, l)| (k.as_str(), *l)).collect();
    let actions = [
        ("none", "No fallback"),
        ("pause_promotions", "Pause promotions"),
        ("shift", "Shift promotions to another lane"),
        ("tighten_to30_days", "Mail only the 30-day engaged"),
    ];
    let mix_findings = at("$.simulation.mix_percent");
    html! {
        <>
        <article class="card" id="simulation-settings" aria-labelledby="sim-settings-heading">
            <h3 id="sim-settings-heading">{ "What if" }</h3>
            <div class="grid-3">
                { field("start_date", "First day (YYYY-MM-DD)", sim.start_date.clone(), "Empty: the earliest warm-up start.") }
                { field("days", "Days", sim.days.to_string(), "") }
                { field("promo_frequency_percent", "Promotional volume (% of plan)", sim.promo_frequency_percent.to_string(), "200 sends promotions twice as often.") }
                { select_field(None, "sim:promo_audience", "Promotions mail at most", &audience_refs, &enum_key(sim.promo_audience)) }
                { field("complaint_percent", "Complaint rates (% of the model's)", sim.complaint_percent.to_string(), "") }
            </div>
            <fieldset class="group">
                <legend>{ "Health gates: a warm-up advances only after a clean day" }</legend>
                <div class="grid-3">
                    { field("gate_delivered_percent", "Delivered more than (%)", fixed(sim.gate_delivered_percent, 2), "") }
                    { field("gate_complaint_percent", "Complaints under (%)", fixed(sim.gate_complaint_percent, 3), "") }
                    { field("gate_bounce_percent", "Bounces under (%)", fixed(sim.gate_bounce_percent, 2), "") }
                </div>
            </fieldset>
            <fieldset class="group">
                <legend>{ "Recipients by mailbox provider (%)" }</legend>
                <div class="grid-3">
                    for (i, name) in PROVIDERS.iter().enumerate() {
                        { text_field(FieldSpec {
                            id: None,
                            key: format!("sim:mix-{i}"),
                            label: name,
                            value: sim.mix_percent[i].to_string(),
                            help: "",
                            findings: Vec::new(),
                        }) }
                    }
                </div>
                for d in mix_findings.iter() { <p class={classes!("finding", super::severity_class(d.severity))}>{ d.message.clone() }</p> }
            </fieldset>
        </article>
        <article class="card" id="simulation-fallbacks" aria-labelledby="sim-fallback-heading">
            <h3 id="sim-fallback-heading">{ "Fallback plans" }</h3>
            <p class="muted">{ "A lane's fallback fires when its reputation turns Low, its complaints pass 0.3% or its bounces 5%, and acts from the next day." }</p>
            <div class="grid-3">
                for lane in plan.lanes.iter() {
                    {{
                        let fallback = sim.fallbacks.iter().find(|f| f.lane == lane.id);
                        let chosen = fallback.map_or("none".to_string(), |f| enum_key(f.action));
                        let mut others: Vec<(&str, &str)> = vec![("", "Choose a lane")];
                        others.extend(plan.lanes.iter().filter(|l| l.id != lane.id).map(|l| (l.id.as_str(), l.name.as_str())));
                        let index = sim.fallbacks.iter().position(|f| f.lane == lane.id);
                        let found: Vec<Diagnostic> = index.map(|i| at(&format!("$.simulation.fallbacks[{i}]"))).unwrap_or_default();
                        html! {
                            <div class="fallback">
                                { select_field(None, &format!("fallback:{}:action", lane.id), "Fallback", &actions, &chosen).with_label(&lane.name) }
                                if fallback.is_some_and(|f| f.action == FallbackAction::Shift) {
                                    { select_field(None, &format!("fallback:{}:shift_lane", lane.id), "Shift to", &others,
                                        fallback.and_then(|f| f.shift_lane.as_deref()).unwrap_or("")) }
                                }
                                for d in found.iter() { <p class={classes!("finding", super::severity_class(d.severity))}>{ d.message.clone() }</p> }
                            </div>
                        }
                    }}
                }
            </div>
        </article>
        </>
    }
}

/// Names the lane a fallback select belongs to, above it.
trait WithLabel {
    fn with_label(self, lane: &str) -> Html;
}

impl WithLabel for Html {
    fn with_label(self, lane: &str) -> Html {
        html! { <><h4>{ lane.to_string() }</h4>{ self }</> }
    }
}

/// This plan against the same journeys on one warm lane.
fn comparison(ours: &Run, shared: &Run, days: u32) -> Html {
    let inbox_rate = |r: &Run| {
        let delivered = r.total(|d| d.delivered);
        if delivered > 0.0 {
            r.total(|d| d.inbox) / delivered
        } else {
            0.0
        }
    };
    let rows = [
        (
            "Revenue",
            ours.total(|d| d.revenue),
            shared.total(|d| d.revenue),
            true,
        ),
        (
            "Revenue from cart, checkout and post-purchase",
            ours.total(|d| d.revenue_flows),
            shared.total(|d| d.revenue_flows),
            true,
        ),
        (
            "Messages delivered",
            ours.total(|d| d.delivered),
            shared.total(|d| d.delivered),
            false,
        ),
        (
            "Messages in the inbox",
            ours.total(|d| d.inbox),
            shared.total(|d| d.inbox),
            false,
        ),
    ];
    html! {
        <article class="card" id="simulation-comparison" aria-labelledby="sim-compare-heading">
            <h3 id="sim-compare-heading">{ format!("This plan against everything on one lane, over {days} days") }</h3>
            <table class="data">
                <thead><tr><th scope="col">{ "" }</th><th scope="col" class="num">{ "This plan" }</th><th scope="col" class="num">{ "One lane" }</th><th scope="col" class="num">{ "Difference" }</th></tr></thead>
                <tbody>
                    for (name, a, b, money) in rows.iter() {
                        <tr>
                            <th scope="row">{ *name }</th>
                            <td class="num">{ amount(*a, *money) }</td>
                            <td class="num">{ amount(*b, *money) }</td>
                            <td class="num">{ signed(*a - *b, *money) }</td>
                        </tr>
                    }
                    <tr>
                        <th scope="row">{ "Inbox placement" }</th>
                        <td class="num">{ format!("{}%", fixed(inbox_rate(ours) * 100.0, 1)) }</td>
                        <td class="num">{ format!("{}%", fixed(inbox_rate(shared) * 100.0, 1)) }</td>
                        <td class="num">{ format!("{} points", fixed((inbox_rate(ours) - inbox_rate(shared)) * 100.0, 1)) }</td>
                    </tr>
                </tbody>
            </table>
            <p class="muted">{ "One lane: the plan's default lane takes every journey, warm and without a warm-up cap; lanes pay when promotions would otherwise drag the revenue flows down." }</p>
        </article>
    }
}

fn amount(value: f64, money: bool) -> String {
    let rounded = group(value.max(0.0).round() as u64);
    if money {
        format!("${rounded}")
    } else {
        rounded
    }
}

fn signed(value: f64, money: bool) -> String {
    let sign = if value < 0.0 { "−" } else { "+" };
    format!("{sign}{}", amount(value.abs(), money))
}

fn lane_view(plan: &Plan, run: &LaneRun, index: usize) -> Html {
    let name = plan
        .lane(&run.lane_id)
        .map_or(run.lane_id.as_str(), |l| l.name.as_str());
    let mix = crate::simulate::Settings::default().mix;
    let reputation =
        |d: &crate::simulate::LaneDay| (0..5).map(|p| mix[p] * d.reputation[p]).sum::<f64>();
    let last = run.days.last();
    let figures = [
        ("Revenue", amount(run.total(|d| d.revenue), true)),
        ("Inbox placement", {
            let delivered = run.total(|d| d.delivered);
            if delivered > 0.0 {
                format!("{}%", fixed(run.total(|d| d.inbox) / delivered * 100.0, 1))
            } else {
                "–".into()
            }
        }),
        (
            "Reputation at the end",
            last.map_or("–".into(), |d| {
                format!(
                    "{} ({:?})",
                    fixed(reputation(d), 2),
                    Tier::of(reputation(d))
                )
            }),
        ),
        (
            "Fallback",
            run.fallback_on
                .as_ref()
                .map_or("did not fire".into(), |d| format!("fired on {d}")),
        ),
    ];
    html! {
        <article class="card" id={format!("simulation-{}", run.lane_id)} tabindex="-1" aria-labelledby={format!("sim-{index}-heading")}>
            <h3 id={format!("sim-{index}-heading")}>{ name.to_string() }</h3>
            <dl class="figures">
                for (term, value) in figures.iter() {
                    <div><dt>{ *term }</dt><dd>{ value.clone() }</dd></div>
                }
            </dl>
            { chart(name, run, &reputation) }
            { outcome_chart(name, run) }
            <details>
                <summary>{ format!("Simulation for {name} as a table") }</summary>
                <table class="data">
                    <thead><tr>
                        <th scope="col">{ "Date" }</th><th scope="col" class="num">{ "Wanted" }</th><th scope="col" class="num">{ "Cap" }</th>
                        <th scope="col" class="num">{ "Accepted" }</th><th scope="col" class="num">{ "Complaints" }</th><th scope="col" class="num">{ "Bounces" }</th>
                        <th scope="col" class="num">{ "Reputation" }</th><th scope="col" class="num">{ "Inbox" }</th><th scope="col" class="num">{ "Revenue" }</th><th scope="col">{ "Note" }</th>
                    </tr></thead>
                    <tbody>
                        for d in run.days.iter() {
                            <tr>
                                <td>{ d.date.clone() }</td>
                                <td class="num">{ group(d.requested.round() as u64) }</td>
                                <td class="num">{ d.cap.map_or("–".into(), |c| group(c as u64)) }</td>
                                <td class="num">{ group(d.accepted.round() as u64) }</td>
                                <td class="num">{ format!("{}%", fixed(d.complaint_rate * 100.0, 3)) }</td>
                                <td class="num">{ format!("{}%", fixed(d.bounce_rate * 100.0, 2)) }</td>
                                <td class="num">{ fixed(reputation(d), 2) }</td>
                                <td class="num">{ group(d.inbox.round() as u64) }</td>
                                <td class="num">{ amount(d.revenue, true) }</td>
                                <td>{ match (d.triggered, d.gmail_ineligible) {
                                    (Some(t), _) => format!("Fallback fires ({t:?})"),
                                    (None, true) => "Gmail: no mitigation".to_string(),
                                    _ => String::new(),
                                } }</td>
                            </tr>
                        }
                    </tbody>
                </table>
            </details>
        </article>
    }
}

/// Wanted (light) and accepted (dark) mail as bars, the cap and the
/// reputation as lines, the fallback's trigger as a marker.
fn chart(name: &str, run: &LaneRun, reputation: &dyn Fn(&crate::simulate::LaneDay) -> f64) -> Html {
    let (w, h) = (600.0f64, 160.0f64);
    let n = run.days.len().max(1) as f64;
    let top = run.days.iter().map(|d| d.requested).fold(1.0f64, f64::max) * 1.1;
    let x = |i: usize| i as f64 * w / n;
    let y = |v: f64| h - v.min(top) / top * h;
    let bar = (w / n).max(1.0);
    let mut cap = String::new();
    let mut rep = String::new();
    for (i, d) in run.days.iter().enumerate() {
        if let Some(c) = d.cap {
            cap.push_str(&format!(
                "{},{} {},{} ",
                fixed(x(i), 1),
                fixed(y(c), 1),
                fixed(x(i) + bar, 1),
                fixed(y(c), 1)
            ));
        }
        rep.push_str(&format!(
            "{},{} ",
            fixed(x(i) + bar / 2.0, 1),
            fixed(h - reputation(d) * h, 1)
        ));
    }
    let label = format!(
        "{name}: mail wanted and accepted each day with the warm-up cap, and reputation from 0 to 1 on the same height; the volume scale reaches {} a day.",
        group(top as u64)
    );
    html! {
        <figure class="chart">
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={label.clone()} preserveAspectRatio="none">
                for (i, d) in run.days.iter().enumerate() {
                    if d.requested > 0.0 {
                        <rect class="wanted" x={fixed(x(i), 1)} y={fixed(y(d.requested), 1)} width={fixed(bar, 1)} height={fixed(h - y(d.requested), 1)} />
                    }
                    if d.accepted > 0.0 {
                        <rect class="sent" x={fixed(x(i), 1)} y={fixed(y(d.accepted), 1)} width={fixed(bar, 1)} height={fixed(h - y(d.accepted), 1)} />
                    }
                    if d.triggered.is_some() {
                        <line class="marker" x1={fixed(x(i), 1)} x2={fixed(x(i), 1)} y1="0" y2={fixed(h, 1)}>
                            <title>{ format!("Fallback fires on {}", d.date) }</title>
                        </line>
                    }
                }
                <polyline class="cap" points={cap} />
                <polyline class="reputation" points={rep} />
            </svg>
            <figcaption>{ label }{ " Light bars: wanted. Dark bars: accepted. Red line: cap. Green line: reputation. Dashed line: the fallback fires." }</figcaption>
        </figure>
    }
}

/// Inbox placement (a line, 0–100%) and revenue (bars) per day.
fn outcome_chart(name: &str, run: &LaneRun) -> Html {
    let (w, h) = (600.0f64, 100.0f64);
    let n = run.days.len().max(1) as f64;
    let top = run.days.iter().map(|d| d.revenue).fold(1.0f64, f64::max) * 1.1;
    let x = |i: usize| i as f64 * w / n;
    let bar = (w / n).max(1.0);
    let mut inbox = String::new();
    for (i, d) in run.days.iter().enumerate() {
        if d.delivered > 0.0 {
            let share = d.inbox / d.delivered;
            inbox.push_str(&format!(
                "{},{} ",
                fixed(x(i) + bar / 2.0, 1),
                fixed(h - share * h, 1)
            ));
        }
    }
    let label = format!(
        "{name}: revenue each day as bars, up to {} a day, and the share of delivered mail in the inbox as a line from 0 to 100%.",
        amount(top, true)
    );
    html! {
        <figure class="chart outcome">
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={label.clone()} preserveAspectRatio="none">
                for (i, d) in run.days.iter().enumerate() {
                    if d.revenue > 0.0 {
                        <rect class="revenue" x={fixed(x(i), 1)} y={fixed(h - d.revenue / top * h, 1)} width={fixed(bar, 1)} height={fixed(d.revenue / top * h, 1)} />
                    }
                }
                <polyline class="inbox" points={inbox} />
            </svg>
            <figcaption>{ label }</figcaption>
        </figure>
    }
}
