//! The simulation page: what-if settings and fallback plans, "everything on
//! one lane" against "this plan", and per lane a chart of volume, cap and
//! reputation with the fallback's trigger marked, and the same numbers as a
//! table. The model card is served beside the app.

use std::rc::Rc;

use yew::prelude::*;

use super::{other_lanes, PageProps};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, SimulationField};
use crate::plan::model::{Audience, FallbackAction, FallbackPlan, Lane, Mailbox, Plan};
use crate::plan::ranges::{KNOB_PERCENT, SIMULATED_DAYS};
use crate::plan::routing::route;
use crate::simulate::migration::planned_moves;
use crate::simulate::{
    from_plan, simulate, simulate_moves, single_lane, LaneDay, LaneRun, Run, Tier,
};
use crate::ui::chart::{date_ticks, nice_top, scale, step_path, ChartFrame};
use crate::ui::fields::{severity_class, Choices, Field, InputKind, NumberField, SelectField};
use crate::units::{and_list, count, fixed, group};

/// What the simulation of a plan gives.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// No first day: neither the plan's nor a warm-up's.
    NoStart,
    /// The first day is not a date.
    BadStart,
    Ran {
        days: u32,
        ours: Run,
        /// The same journeys on one warm lane.
        shared: Run,
        /// `ours`' lanes, each shared with its card.
        lanes: Vec<Rc<LaneRun>>,
        /// The migrations `ours` follows, by name.
        migrations: Vec<String>,
    },
}

/// Runs the plan as routed, with its migrations, and on one lane, with the
/// plan's what-if settings and fallback plans.
pub fn run(plan: &Plan) -> Outcome {
    let Some((settings, fallbacks)) = from_plan(plan) else {
        return Outcome::NoStart;
    };
    // Routed from the same plan, so the run never mixes two versions.
    let routing = route(plan);
    let planned = planned_moves(plan, &routing);
    let moves: Vec<_> = planned.iter().map(|(_, mv)| mv.clone()).collect();
    let migrations = planned
        .iter()
        .map(|(m, _)| crate::review::migration::title(m).to_string())
        .collect();
    let ours = simulate_moves(plan, &routing, &settings, &fallbacks, &moves);
    let (one, one_routing) = single_lane(plan);
    let shared = simulate(&one, &one_routing, &settings, &[]);
    match (ours, shared) {
        (Some(ours), Some(shared)) => Outcome::Ran {
            days: settings.days,
            lanes: ours.lanes.iter().cloned().map(Rc::new).collect(),
            ours,
            shared,
            migrations,
        },
        _ => Outcome::BadStart,
    }
}

#[component]
pub fn SimulationPage(props: &PageProps) -> Html {
    let outcome = use_memo(props.plan.clone(), |plan| run(plan));
    let (open_tables, on_table) = use_open_tables();
    let plan = &props.plan;
    html! {
        <section aria-labelledby="simulation-heading" class="simulation">
            <h2 id="simulation-heading">{ "Simulation" }</h2>
            <p class="muted">
                { "Day by day, per lane and mailbox provider: the mail the journeys want, what the warm-up lets through, complaints and bounces by engagement, reputation, inbox placement and revenue. Every equation and default is in the " }
                <a href="reputation-model.md" target="_blank" rel="noopener">{ "model card" }</a>{ "." }
            </p>
            { settings_form(props) }
            { fallbacks(props) }
            { match &*outcome {
                Outcome::NoStart => html! { <p class="empty">{ "Set a first day, or schedule a lane's warm-up, to run the simulation." }</p> },
                Outcome::BadStart => html! { <p class="empty">{ "The first day is not a date." }</p> },
                Outcome::Ran { days, ours, shared, lanes, migrations } => html! {
                    <>
                        { comparison(ours, shared, *days) }
                        if !migrations.is_empty() {
                            <p class="muted" id="simulation-migrations">
                                { format!("The run moves mail as the plan's migrations do, each on its new lane's ramp: {}.", and_list(migrations)) }
                            </p>
                        }
                        for (index, lane) in lanes.iter().enumerate() {
                            <SimulatedLane key={lane.lane_id.clone()} {index} run={lane.clone()}
                                name={plan.lane(&lane.lane_id).map_or(lane.lane_id.clone(), |l| l.name.clone())}
                                warms={plan.lane(&lane.lane_id).is_some_and(|l| l.warmup.is_some())}
                                table_open={open_tables.0.contains(&lane.lane_id)} on_table={on_table.clone()} />
                        }
                    </>
                },
            } }
        </section>
    }
}

/// The lanes whose table the user opened, kept above the run so that they
/// open again when a run returns (after the plan briefly had no first day).
#[derive(Default, PartialEq)]
struct OpenTables(Vec<String>);

impl Reducible for OpenTables {
    /// A lane's table opened (`true`) or closed.
    type Action = (String, bool);

    fn reduce(self: Rc<Self>, (lane, open): (String, bool)) -> Rc<Self> {
        if self.0.contains(&lane) == open {
            return self;
        }
        let mut lanes: Vec<String> = self.0.iter().filter(|l| **l != lane).cloned().collect();
        if open {
            lanes.push(lane);
        }
        Rc::new(OpenTables(lanes))
    }
}

/// The open tables, and a callback for a table opened or closed that stays
/// the same across renders, so toggling one redraws only its lane.
#[hook]
fn use_open_tables() -> (UseReducerHandle<OpenTables>, Callback<(String, bool)>) {
    let open = use_reducer_eq(OpenTables::default);
    let dispatcher = open.dispatcher();
    let on_table = use_callback((), move |change: (String, bool), _| {
        dispatcher.dispatch(change)
    });
    (open, on_table)
}

/// The findings about `path`, or a part of it.
fn about(findings: &[Diagnostic], path: &str) -> Vec<Diagnostic> {
    findings
        .iter()
        .filter(|d| {
            d.path.strip_prefix(path).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with('.') || rest.starts_with('[')
            })
        })
        .cloned()
        .collect()
}

/// Findings under a group of fields.
fn finding_notes(findings: &[Diagnostic]) -> Html {
    html! {
        for d in findings.iter() {
            <p class={classes!("finding", severity_class(d.severity))}>{ d.message.clone() }</p>
        }
    }
}

/// A callback that turns a field's value into a what-if edit.
fn sim_edit<T: 'static>(
    props: &PageProps,
    make: impl Fn(T) -> SimulationField + 'static,
) -> Callback<T> {
    props.edit(move |value| Edit::Simulation(make(value)))
}

/// The what-if settings, the health gates and the provider mix.
fn settings_form(props: &PageProps) -> Html {
    let sim = &props.plan.simulation;
    let findings = &props.findings.plan;
    let at = |field: &str| about(findings, &format!("$.simulation.{field}"));
    let percent = |field: &str,
                   label: &'static str,
                   value: u32,
                   help: &'static str,
                   make: fn(u32) -> SimulationField| {
        html! {
            <NumberField id={format!("f-sim-{field}")} {label} value={f64::from(value)} min={KNOB_PERCENT.lowest()} max={KNOB_PERCENT.highest()}
                {help} findings={at(field)} on_change={sim_edit(props, move |n: f64| make(n as u32))} />
        }
    };
    let gate = |field: &str, label: &'static str, value: f64, make: fn(f64) -> SimulationField| {
        html! {
            <NumberField id={format!("f-sim-{field}")} {label} {value} min={0.0} max={100.0} step={0.01}
                findings={at(field)} on_change={sim_edit(props, make)} />
        }
    };
    html! {
        <article class="card" id="simulation-settings" aria-labelledby="sim-settings-heading">
            <h3 id="sim-settings-heading">{ "What if" }</h3>
            <div class="grid-3">
                <Field id="f-sim-start_date" label="First day" kind={InputKind::Date} value={sim.start_date.clone()}
                    help="Empty: the earliest warm-up start." findings={at("start_date")}
                    on_change={sim_edit(props, SimulationField::StartDate)} />
                <NumberField id="f-sim-days" label="Days" value={f64::from(sim.days)} min={SIMULATED_DAYS.lowest()} max={SIMULATED_DAYS.highest()}
                    findings={at("days")} on_change={sim_edit(props, |n: f64| SimulationField::Days(n as u32))} />
                { percent("promo_frequency_percent", "Promotional volume (% of plan)", sim.promo_frequency_percent,
                    "200 sends promotions twice as often.", SimulationField::PromoFrequencyPercent) }
                <SelectField id="f-sim-promo_audience" label="Promotions mail at most"
                    choices={Choices::of_enum(&Audience::ALL, Audience::label, sim.promo_audience,
                        sim_edit(props, SimulationField::PromoAudience))} />
                { percent("complaint_percent", "Complaint rates (% of the model's)", sim.complaint_percent, "",
                    SimulationField::ComplaintPercent) }
            </div>
            <fieldset class="group">
                <legend>{ "Health gates: a warm-up advances only after a clean day" }</legend>
                <div class="grid-3">
                    { gate("gate_delivered_percent", "Delivered more than (%)", sim.gate_delivered_percent, SimulationField::GateDeliveredPercent) }
                    { gate("gate_complaint_percent", "Complaints under (%)", sim.gate_complaint_percent, SimulationField::GateComplaintPercent) }
                    { gate("gate_bounce_percent", "Bounces under (%)", sim.gate_bounce_percent, SimulationField::GateBouncePercent) }
                </div>
            </fieldset>
            <fieldset class="group">
                <legend>{ "Recipients by mailbox provider (%)" }</legend>
                <div class="grid-3">
                    for provider in Mailbox::ALL {
                        <NumberField id={format!("f-sim-mix-{}", provider.slot())} label={provider.label()}
                            value={f64::from(sim.mix_percent[provider.slot()])} min={0.0} max={100.0}
                            on_change={sim_edit(props, move |n: f64| SimulationField::Mix { provider, percent: n as u32 })} />
                    }
                </div>
                { finding_notes(&at("mix_percent")) }
            </fieldset>
        </article>
    }
}

/// Each lane's fallback plan.
fn fallbacks(props: &PageProps) -> Html {
    let plan = &props.plan;
    let sim = &plan.simulation;
    let fallback_of = |lane: &Lane| sim.fallbacks.iter().find(|f| f.lane == lane.id);
    html! {
        <article class="card" id="simulation-fallbacks" aria-labelledby="sim-fallback-heading">
            <h3 id="sim-fallback-heading">{ "Fallback plans" }</h3>
            <p class="muted">{ "A lane's fallback fires when its reputation turns Low, or its complaints or bounces pass the lane's action thresholds (set on the Checklist tab), and acts from the next day." }</p>
            <div class="grid-3">
                for lane in plan.lanes.iter() {
                    <FallbackCard key={lane.id.clone()} lane={lane.id.clone()} name={lane.name.clone()}
                        fallback={fallback_of(lane).cloned()} fires={fires_at(plan, lane)}
                        others={other_lanes(plan, lane, fallback_of(lane).and_then(|f| f.shift_lane.as_deref()))}
                        findings={sim.fallbacks.iter().position(|f| f.lane == lane.id)
                            .map(|i| about(&props.findings.plan, &format!("$.simulation.fallbacks[{i}]")))
                            .unwrap_or_default()}
                        on_edit={props.on_edit.clone()} />
                }
            </div>
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct FallbackCardProps {
    lane: AttrValue,
    name: AttrValue,
    fallback: Option<FallbackPlan>,
    /// The other lanes, to shift to: (id, name).
    others: Vec<(AttrValue, AttrValue)>,
    /// The complaint and bounce rates the fallback fires above.
    fires: AttrValue,
    findings: Vec<Diagnostic>,
    on_edit: Callback<Edit>,
}

/// A lane's fallback: what it does, and where shifted promotions go.
#[component]
fn FallbackCard(props: &FallbackCardProps) -> Html {
    let lane = props.lane.to_string();
    let fallback = props.fallback.as_ref();
    let on_action = {
        let lane = lane.clone();
        props.on_edit.reform(move |action| Edit::SetFallback {
            lane: lane.clone(),
            action,
        })
    };
    let actions = Choices::of_optional_enum(
        ("none", "No fallback"),
        &FallbackAction::ALL,
        FallbackAction::label,
        fallback.map(|f| f.action),
        on_action,
    );
    let on_shift = props
        .on_edit
        .reform(move |shift_lane| Edit::SetFallbackShift {
            lane: lane.clone(),
            shift_lane,
        });
    html! {
        <div class="fallback">
            <h4>{ props.name.clone() }</h4>
            <SelectField id={format!("f-fallback-{}-action", props.lane)} label="Fallback"
                choices={actions} />
            if let Some(f) = fallback.filter(|f| f.action == FallbackAction::Shift) {
                <SelectField id={format!("f-fallback-{}-shift_lane", props.lane)} label="Shift to"
                    choices={Choices::of_optional_lanes("Choose a lane", &props.others,
                        f.shift_lane.as_deref(), on_shift)} />
            }
            if fallback.is_some() {
                <p class="muted fires" id={format!("fallback-{}-fires", props.lane)}>{ props.fires.clone() }</p>
            }
            { finding_notes(&props.findings) }
        </div>
    }
}

/// When a lane's fallback fires, in its own thresholds' figures.
fn fires_at(plan: &Plan, lane: &Lane) -> AttrValue {
    let (t, _) = plan.monitoring.thresholds_or_reference(&lane.id);
    format!(
        "Fires above {}% complaints or {}% bounces.",
        t.complaint_act_percent, t.bounce_act_percent
    )
    .into()
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
    let row = |name: &'static str, pick: fn(&LaneDay) -> f64, money: bool| {
        (name, ours.total(pick), shared.total(pick), money)
    };
    let rows = [
        row("Revenue", |d| d.revenue, true),
        row(
            "Revenue from cart, checkout and post-purchase",
            |d| d.revenue_flows,
            true,
        ),
        row("Messages delivered", |d| d.delivered, false),
        row("Messages in the inbox", |d| d.inbox, false),
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
                            <td class="num">{ signed(shown(*a) - shown(*b), *money) }</td>
                        </tr>
                    }
                    <tr>
                        <th scope="row">{ "Inbox placement" }</th>
                        <td class="num">{ percent(tenths(inbox_rate(ours))) }</td>
                        <td class="num">{ percent(tenths(inbox_rate(shared))) }</td>
                        <td class="num">{ points(tenths(inbox_rate(ours)) - tenths(inbox_rate(shared))) }</td>
                    </tr>
                </tbody>
            </table>
            <p class="muted">{ "One lane: the plan's default lane takes every journey, warm and without a warm-up cap; lanes pay when promotions would otherwise drag the revenue flows down." }</p>
            if tenths(inbox_rate(ours)) == tenths(inbox_rate(shared)) && shown(ours.total(|d| d.revenue)) <= shown(shared.total(|d| d.revenue)) {
                <p class="muted" id="simulation-no-gain">{ "Here the promotions do not pull any lane below the top placement tier, so both place mail alike and the split costs only what its warm-up holds back. Raise the promotional volume or the complaint rates above to see when separate lanes pay." }</p>
            }
        </article>
    }
}

fn amount(value: f64, money: bool) -> String {
    if money {
        crate::units::money(value.max(0.0))
    } else {
        group(shown(value) as u64)
    }
}

/// A count or amount as `amount` shows it: whole and not below 0. A
/// difference is taken between these, so it matches the figures beside it.
fn shown(value: f64) -> f64 {
    value.max(0.0).round()
}

/// A share as shown, in tenths of a percent.
fn tenths(share: f64) -> i64 {
    (share * 1000.0).round() as i64
}

/// A share in tenths of a percent, as a percentage.
fn percent(tenths: i64) -> String {
    format!("{}%", fixed(tenths as f64 / 10.0, 1))
}

/// A difference in tenths of a percentage point, signed as the other
/// differences are.
fn points(tenths: i64) -> String {
    format!(
        "{}{} points",
        sign(tenths as f64),
        fixed(tenths.abs() as f64 / 10.0, 1)
    )
}

fn signed(value: f64, money: bool) -> String {
    format!("{}{}", sign(value), amount(value.abs(), money))
}

/// The sign of a difference; none for no difference.
fn sign(value: f64) -> &'static str {
    if value < 0.0 {
        "−"
    } else if value > 0.0 {
        "+"
    } else {
        ""
    }
}

#[derive(Properties, PartialEq)]
struct SimulatedLaneProps {
    name: AttrValue,
    /// The lane's place in the run, for its heading's id.
    index: usize,
    run: Rc<LaneRun>,
    /// The lane has a warm-up, so a day without a cap is a warm day.
    warms: bool,
    table_open: bool,
    on_table: Callback<(String, bool)>,
}

/// A lane's figures, charts and table.
#[component]
fn SimulatedLane(props: &SimulatedLaneProps) -> Html {
    let (run, index, name) = (&*props.run, props.index, props.name.as_str());
    let ontoggle = {
        let (on_table, lane) = (props.on_table.clone(), run.lane_id.clone());
        Callback::from(move |e: Event| {
            if let Some(details) = e.target_dyn_into::<web_sys::Element>() {
                on_table.emit((lane.clone(), details.has_attribute("open")));
            }
        })
    };
    let mix = crate::simulate::Settings::default().mix;
    let reputation = |d: &LaneDay| (0..5).map(|p| mix[p] * d.reputation[p]).sum::<f64>();
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
            <details open={props.table_open} {ontoggle}>
                <summary>{ format!("Simulation for {name} as a table") }</summary>
                <table class="data">
                    <thead><tr>
                        <th scope="col">{ "Date" }</th><th scope="col" class="num">{ "Wanted" }</th><th scope="col" class="num">{ "Cap" }</th>
                        <th scope="col" class="num">{ "Accepted" }</th><th scope="col" class="num">{ "Complaints" }</th><th scope="col" class="num">{ "Bounces" }</th>
                        <th scope="col" class="num">{ "Reputation" }</th><th scope="col" class="num">{ "Inbox" }</th><th scope="col" class="num">{ "Revenue" }</th><th scope="col">{ "Note" }</th>
                    </tr></thead>
                    <tbody>
                        for d in run.days.iter() {
                            <tr class={classes!((!d.sending).then_some("idle"))}>
                                <td>{ d.date.clone() }</td>
                                <td class="num">{ group(d.requested.round() as u64) }</td>
                                <td class="num">{ match d.cap {
                                    Some(c) => group(c as u64),
                                    None if !d.sending => "not sending".into(),
                                    None if props.warms => "warm".into(),
                                    None => "no cap".into(),
                                } }</td>
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
fn chart(name: &str, run: &LaneRun, reputation: &dyn Fn(&LaneDay) -> f64) -> Html {
    let (w, h) = (600.0f64, 160.0f64);
    let n = run.days.len().max(1) as f64;
    let wanted = run.days.iter().map(|d| d.requested).fold(1.0f64, f64::max) * 1.1;
    let top = nice_top(wanted.ceil() as u64) as f64;
    let x = |i: usize| i as f64 * w / n;
    let y = |v: f64| h - v.min(top) / top * h;
    let bar = (w / n).max(1.0);
    // A cap above the scale is left out rather than drawn along the top.
    let levels = run.days.iter().map(|d| d.cap.filter(|c| *c <= top).map(y));
    let cap = step_path(levels, x, bar);
    let mut rep = String::new();
    for (i, d) in run.days.iter().enumerate() {
        rep.push_str(&format!(
            "{},{} ",
            fixed(x(i) + bar / 2.0, 1),
            fixed(h - reputation(d) * h, 1)
        ));
    }
    let caption = format!(
        "{name}: mail wanted and accepted each day with the warm-up cap, and reputation from 0 to 1 on the same height; the volume scale reaches {} a day.",
        group(top as u64)
    );
    let above = run
        .days
        .iter()
        .filter(|d| d.cap.is_some_and(|c| c > top))
        .count();
    let note = (above > 0).then(|| {
        format!(
            "The cap is above the scale on {}.",
            count(above as u64, "day", "days")
        )
    });
    let label = match &note {
        Some(note) => format!("{caption} {note}"),
        None => caption.clone(),
    };
    let mut legend = vec![("wanted", "Wanted"), ("sent", "Accepted")];
    if run.days.iter().any(|d| d.cap.is_some()) {
        legend.push(("cap", "Daily cap"));
    }
    legend.push(("reputation", "Reputation (right scale)"));
    if run.fallback_on.is_some() {
        legend.push(("marker", "Fallback fires"));
    }
    html! {
        <ChartFrame {caption} left={scale(top, |v| group(v as u64))} right={scale(1.0, |v| fixed(v, 1))}
            ticks={date_ticks(run.days.iter().map(|d| d.date.as_str()))} {legend} note={note.map(AttrValue::from)}>
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={label} preserveAspectRatio="none">
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
                // Light halos keep the lines visible over the dark bars.
                <path class="halo" d={cap.clone()} />
                <path class="cap" d={cap} />
                <polyline class="halo" points={rep.clone()} />
                <polyline class="reputation" points={rep} />
            </svg>
        </ChartFrame>
    }
}

/// Inbox placement (a line, 0–100%) and revenue (bars) per day.
fn outcome_chart(name: &str, run: &LaneRun) -> Html {
    let (w, h) = (600.0f64, 100.0f64);
    let n = run.days.len().max(1) as f64;
    let most = run.days.iter().map(|d| d.revenue).fold(1.0f64, f64::max) * 1.1;
    let top = nice_top(most.ceil() as u64) as f64;
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
    let caption = format!(
        "{name}: revenue each day as bars, up to {} a day, and the share of delivered mail in the inbox as a line from 0 to 100%.",
        amount(top, true)
    );
    html! {
        <ChartFrame class="outcome" caption={caption.clone()} left={scale(top, |v| amount(v, true))}
            right={scale(100.0, |v| format!("{}%", fixed(v, 0)))}
            ticks={date_ticks(run.days.iter().map(|d| d.date.as_str()))}
            legend={vec![("revenue", "Revenue"), ("inbox", "Inbox placement (right scale)")]}>
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={caption} preserveAspectRatio="none">
                for (i, d) in run.days.iter().enumerate() {
                    if d.revenue > 0.0 {
                        <rect class="revenue" x={fixed(x(i), 1)} y={fixed(h - d.revenue / top * h, 1)} width={fixed(bar, 1)} height={fixed(d.revenue / top * h, 1)} />
                    }
                }
                <polyline class="halo" points={inbox.clone()} />
                <polyline class="inbox" points={inbox} />
            </svg>
        </ChartFrame>
    }
}
