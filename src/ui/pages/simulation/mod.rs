//! The simulation page: what-if settings and fallback plans, "everything on
//! one lane" against "this plan", and per lane a chart of volume, cap and
//! reputation with the fallback's trigger marked, and the same numbers as a
//! table. The model card is served beside the app.

use std::rc::Rc;

use yew::prelude::*;

use super::{other_lanes, PageProps};
use crate::monitor::health::Health;
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, SimulationField};
use crate::plan::model::{Audience, FallbackAction, FallbackPlan, Lane, Mailbox, Plan};
use crate::plan::ranges::{KNOB_PERCENT, SIMULATED_DAYS};
use crate::plan::routing::route;
use crate::review::migration::imported_gates;
use crate::simulate::migration::{held, planned_moves, Held};
use crate::simulate::{
    from_plan, paused_unsent, promotions_left_out, simulate_with_one_lane, single_lane_warm,
    LaneRun, Run,
};
use crate::ui::fields::{
    severity_class, Choices, Field, InputKind, NumberField, OpenSections, SelectField,
};
use crate::ui::kept::Kept;
use crate::units::and_list;

mod comparison;
mod lane;

use comparison::comparison;
use lane::{taken, SimulatedLane, Taken};

/// What the simulation of a plan gives.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// No first day: neither the plan's nor a warm-up's.
    NoStart,
    /// The first day is not a date.
    BadStart,
    Ran {
        days: u32,
        /// The brand's mailbox-provider mix the run used.
        mix: [f64; 5],
        ours: Run,
        /// The same mail on one lane (`simulate_with_one_lane`).
        shared: Run,
        /// `ours`' lanes, each shared with its card, with the figures of
        /// the mail other lanes passed in (`lane::taken`).
        lanes: Vec<(Rc<LaneRun>, Rc<Taken>)>,
        /// The migrations `ours` follows, by name, each with its split as
        /// the run held it (`simulate::migration::held`).
        migrations: Vec<(String, Option<Held>)>,
        /// Every lane's id and name, shared with each card.
        names: Rc<Vec<(String, String)>>,
    },
}

/// Runs the plan as routed, with its migrations, and on one lane, with the
/// plan's what-if settings and fallback plans. The migrations hold after
/// the days the imported delivery data (`delivery`) failed their new
/// lanes' health gates, as their schedules do.
pub fn run(plan: &Plan, delivery: Option<&Health>) -> Outcome {
    let Some((mut settings, fallbacks)) = from_plan(plan) else {
        return Outcome::NoStart;
    };
    // Routed from the same plan, so the run never mixes two versions.
    let routing = route(plan);
    let known = |lane: &str| imported_gates(plan, delivery, lane);
    // Each lane's ramp holds after its imported failures too, moved onto
    // or not, as the Monitoring tab's gates say.
    settings.failed_gates = (plan.lanes.iter())
        .map(|l| {
            (
                l.id.clone(),
                known(&l.id).iter().map(|d| d.to_string()).collect(),
            )
        })
        .filter(|(_, days): &(String, Vec<String>)| !days.is_empty())
        .collect();
    let planned = planned_moves(plan, &routing, &known);
    let moves: Vec<_> = planned.iter().map(|(_, mv)| mv.clone()).collect();
    match simulate_with_one_lane(plan, &routing, &settings, (&fallbacks, &moves)) {
        Some((ours, shared)) => Outcome::Ran {
            migrations: (planned.iter())
                .map(|(m, _)| {
                    let name = crate::review::migration::title(m).to_string();
                    (name, held(plan, &routing, m, &ours, &known(&m.to_lane)))
                })
                .collect(),
            days: settings.days,
            mix: settings.mix,
            lanes: (ours.lanes.iter())
                .map(|l| (Rc::new(l.clone()), Rc::new(taken(&ours.lanes, l))))
                .collect(),
            ours,
            shared,
            names: Rc::new(
                (plan.lanes.iter())
                    .map(|l| (l.id.clone(), l.name.clone()))
                    .collect(),
            ),
        },
        None => Outcome::BadStart,
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct SimulationPageProps {
    pub page: PageProps,
    /// Lane health from imported delivery data, whose failed health gates
    /// hold the migrations' schedules.
    #[prop_or_default]
    pub health: Option<Rc<Health>>,
}

#[component]
pub fn SimulationPage(props: &SimulationPageProps) -> Html {
    let outcome = use_memo(
        (props.page.plan.clone(), props.health.clone()),
        |(plan, health)| run(plan, health.as_deref()),
    );
    let props = &props.page;
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
                Outcome::NoStart => html! { <p class="empty">{ "Set a first day, or give a lane's warm-up or a migration its first day, to run the simulation." }</p> },
                Outcome::BadStart => html! { <p class="empty">{ "The first day is not a date." }</p> },
                Outcome::Ran { days, mix, ours, shared, lanes, migrations, names } => html! {
                    <>
                        { comparison((ours, shared), *days, single_lane_warm(plan), names, promotions_run(plan), &paused_unsent(plan, ours)) }
                        if !migrations.is_empty() {
                            <p class="muted" id="simulation-migrations">
                                { format!("The run moves mail as the plan's migrations do, each on its new lane's ramp: {}. A day that fails a health gate, in the run or in imported delivery data, holds the ramp, and with it the split, the next sending day; the calendars on the Warm-up tab take every day to pass, and each migration's schedule on the Migrations tab fails only the days imported delivery data failed.", and_list(&migrations.iter().map(|(name, _)| name.clone()).collect::<Vec<_>>())) }
                            </p>
                            <ul class="muted" id="simulation-migrations-held">
                                for (name, held) in migrations.iter() {
                                    <li>{ held_words(name, held.as_ref()) }</li>
                                }
                            </ul>
                        }
                        for (index, (lane, taken)) in lanes.iter().enumerate() {
                            <SimulatedLane key={lane.lane_id.clone()} {index} run={lane.clone()} taken={taken.clone()} mix={*mix} names={names.clone()}
                                name={plan.lane(&lane.lane_id).map_or(lane.lane_id.clone(), |l| l.name.clone())}
                                warms={plan.lane(&lane.lane_id).is_some_and(|l| l.warmup.is_some())}
                                peak={plan.lane(&lane.lane_id).and_then(|l| l.warmup.as_ref()).map(|w| AttrValue::from(w.target_date.clone()))}
                                table_open={open_tables.0.contains(&lane.lane_id)} on_table={on_table.clone()} />
                        }
                    </>
                },
            } }
        </section>
    }
}

/// A migration as the run made it, against its schedule: the split held
/// after the days imported delivery data failed the new lane's gates, as
/// the Migrations tab and the report show it.
pub fn held_words(name: &str, held: Option<&Held>) -> String {
    let Some(held) = held else {
        return format!("{name}: the run does not reach its new lane.");
    };
    let days = |n: usize| crate::units::count(n as u64, "day", "days");
    let completes = match (&held.completes_on, &held.planned_completes_on) {
        (None, _) => "does not complete within the calendar".to_string(),
        (Some(d), Some(p)) if d == p => format!("completes on {d}, as scheduled"),
        (Some(d), Some(p)) => match held.days_late() {
            Some(late) => format!(
                "completes on {d}, {} after its scheduled {p}",
                days(late as usize)
            ),
            None => format!("completes on {d}; its schedule has {p}"),
        },
        (Some(d), None) => format!("completes on {d}"),
    };
    let run = match held.held.first() {
        None => format!("{name}: no health gate of the run held the split; it {completes}."),
        Some(first) => format!(
            "{name}: the new lane's health gates held the split on {} of the run (the first {first}), so it {completes}.",
            days(held.held.len())
        ),
    };
    match held.imported.len() {
        0 => run,
        n => format!(
            "{run} Its schedule holds the split after the {} imported delivery data failed the new lane's gates.",
            days(n)
        ),
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

/// The open tables, as the shell kept them while the user was on another
/// tab, and a callback for a table opened or closed that stays the same
/// across renders, so toggling one redraws only its lane.
#[hook]
fn use_open_tables() -> (UseReducerHandle<OpenTables>, Callback<(String, bool)>) {
    let kept = use_context::<Kept<OpenSections>>();
    let open = {
        let kept = kept.clone();
        use_reducer_eq(move || {
            let lanes = kept.map_or_else(Vec::new, |k| {
                k.with(|s| {
                    (s.0.iter())
                        .filter_map(|key| key.strip_prefix(TABLE_KEY))
                        .map(String::from)
                        .collect()
                })
            });
            OpenTables(lanes)
        })
    };
    let dispatcher = open.dispatcher();
    let on_table = use_callback(kept, move |(lane, now): (String, bool), kept| {
        OpenSections::keep(kept.as_ref(), &format!("{TABLE_KEY}{lane}"), now);
        dispatcher.dispatch((lane, now))
    });
    (open, on_table)
}

/// The key a lane's day table is kept open under, before the lane's id.
const TABLE_KEY: &str = "simulation-table-";

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

/// Whether any promotional journey is in the run: the promotions audience
/// may leave them all out.
fn promotions_run(plan: &Plan) -> bool {
    let (out, all) = promotions_left_out(plan);
    (out.len() as u32) < all
}

/// Which promotional journeys the promotions audience leaves out of the
/// run, by name: the model drops them rather than narrowing them.
fn audience_help(plan: &Plan) -> String {
    let (out, all) = promotions_left_out(plan);
    let names: Vec<String> = out.iter().map(|j| format!("“{}”", j.called())).collect();
    match names.len() {
        0 => "Every promotional journey is in the run; one that mails a broader audience would be left out.".to_string(),
        n if n as u32 == all => format!(
            "Every promotional journey mails a broader audience, so the run sends no promotions: {}.",
            and_list(&names)
        ),
        n => format!(
            "Leaves out {n} of the {all} promotional journeys, which mail a broader audience: {}.",
            and_list(&names)
        ),
    }
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
        <article class="card" id="simulation-settings" tabindex="-1" aria-labelledby="sim-settings-heading">
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
                        sim_edit(props, SimulationField::PromoAudience))}
                    help={audience_help(&props.plan)} />
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
                <p class="help" id="sim-mix-help">{ "Providers judge a lane by the same complaints and bounces, so the mix moves a run only through Gmail's rule: a lane whose complaints pass 0.3% loses Gmail's mitigation until it has stayed under it for 7 days. A run whose lanes stay under it comes out the same under any mix." }</p>
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
        <article class="card" id="simulation-fallbacks" tabindex="-1" aria-labelledby="sim-fallback-heading">
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
                context={props.name.clone()} choices={actions} />
            if let Some(f) = fallback.filter(|f| f.action == FallbackAction::Shift) {
                <SelectField id={format!("f-fallback-{}-shift_lane", props.lane)} label="Shift to" context={props.name.clone()}
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
        "Fires when complaints reach {}% or bounces {}%.",
        t.complaint_act_percent, t.bounce_act_percent
    )
    .into()
}
