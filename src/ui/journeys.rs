//! The journeys page: every journey with its lane and the reason it is
//! there, filters by lane and intent, and an inline editor.

use std::rc::Rc;

use yew::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::{Audience, Cadence, Intent, Journey, Plan, Trigger, TriggerKind};
use crate::routing::{Reason, Routing};
use crate::state::Edit;

use super::context::use_planner;
use super::fields::{
    enum_from_key, enum_key, enum_options, findings_at, updater, SelectField, TextField,
};
use crate::units::{fixed, group};

/// Filter value for journeys without a lane.
const UNROUTED: &str = "__unrouted";
const ANY: &str = "";

#[derive(Properties, PartialEq)]
pub struct JourneysPageProps {
    pub plan: Rc<Plan>,
    pub routing: Rc<Routing>,
    pub findings: Rc<Vec<Diagnostic>>,
    /// Element id of a journey to open, from a finding's link.
    #[prop_or_default]
    pub open: Option<String>,
}

#[component]
pub fn JourneysPage(props: &JourneysPageProps) -> Html {
    let planner = use_planner();
    let edit = planner.on_edit();
    let lane_filter = use_state(|| ANY.to_string());
    let intent_filter = use_state(|| ANY.to_string());
    let open = use_state(|| {
        props
            .open
            .as_ref()
            .and_then(|id| id.strip_prefix("journey-"))
            .map(str::to_string)
    });
    {
        let open = open.clone();
        use_effect_with(props.open.clone(), move |target| {
            if let Some(id) = target.as_ref().and_then(|id| id.strip_prefix("journey-")) {
                open.set(Some(id.to_string()));
            }
        });
    }
    let on_add = {
        let edit = edit.clone();
        let open = open.clone();
        let plan = props.plan.clone();
        Callback::from(move |_| {
            edit.emit(Edit::AddJourney);
            // The reducer names new journeys journey-N; open the one it will add.
            let id = crate::model::fresh_id("journey", plan.journeys.iter().map(|j| j.id.as_str()));
            open.set(Some(id));
        })
    };
    let lane_options: Vec<(String, String)> =
        std::iter::once((ANY.to_string(), "All lanes".to_string()))
            .chain(
                props
                    .plan
                    .lanes
                    .iter()
                    .map(|l| (l.id.clone(), l.name.clone())),
            )
            .chain(std::iter::once((
                UNROUTED.to_string(),
                "Unrouted".to_string(),
            )))
            .collect();
    let intent_options: Vec<(String, String)> =
        std::iter::once((ANY.to_string(), "All intents".to_string()))
            .chain(enum_options(&Intent::ALL, |i| i.label().to_string()))
            .collect();
    let set = |handle: &UseStateHandle<String>| {
        let handle = handle.clone();
        Callback::from(move |v: String| handle.set(v))
    };
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |id: String| {
            open.set(if open.as_deref() == Some(id.as_str()) {
                None
            } else {
                Some(id)
            })
        })
    };
    html! {
        <section aria-labelledby="journeys-heading">
            <div class="page-head">
                <h2 id="journeys-heading">{ "Journeys" }</h2>
                <button type="button" class="primary" id="add-journey" onclick={on_add}>{ "Add journey" }</button>
            </div>
            <div class="row filters" role="search" aria-label="Filter journeys">
                <SelectField id="filter-lane" label="Lane" options={lane_options} selected={(*lane_filter).clone()} on_select={set(&lane_filter)} />
                <SelectField id="filter-intent" label="Intent" options={intent_options} selected={(*intent_filter).clone()} on_select={set(&intent_filter)} />
            </div>
            <JourneyTable plan={props.plan.clone()} routing={props.routing.clone()} findings={props.findings.clone()}
                lane_filter={(*lane_filter).clone()} intent_filter={(*intent_filter).clone()} open={(*open).clone()}
                {on_toggle}
                on_change={{ let edit = edit.clone(); Callback::from(move |j: Journey| edit.emit(Edit::UpdateJourney(j))) }}
                on_delete={{ let edit = edit.clone(); let open = open.clone(); Callback::from(move |id: String| { open.set(None); edit.emit(Edit::DeleteJourney(id)) }) }} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct JourneyTableProps {
    pub plan: Rc<Plan>,
    pub routing: Rc<Routing>,
    #[prop_or_default]
    pub findings: Rc<Vec<Diagnostic>>,
    /// Lane id, `__unrouted`, or empty for all.
    #[prop_or_default]
    pub lane_filter: String,
    /// Intent key, or empty for all.
    #[prop_or_default]
    pub intent_filter: String,
    /// Id of the journey whose editor is open.
    #[prop_or_default]
    pub open: Option<String>,
    #[prop_or_default]
    pub on_toggle: Callback<String>,
    #[prop_or_default]
    pub on_change: Callback<Journey>,
    #[prop_or_default]
    pub on_delete: Callback<String>,
}

/// The journeys table with routing reasons.
#[component]
pub fn JourneyTable(props: &JourneyTableProps) -> Html {
    let plan = &props.plan;
    let rows: Vec<(usize, &Journey)> = plan
        .journeys
        .iter()
        .enumerate()
        .filter(|(i, j)| {
            let route = &props.routing.routes[*i];
            let lane_ok = match props.lane_filter.as_str() {
                ANY => true,
                UNROUTED => route.lane_id.is_none(),
                lane => route.lane_id.as_deref() == Some(lane),
            };
            let intent_ok =
                props.intent_filter.is_empty() || enum_key(j.intent) == props.intent_filter;
            lane_ok && intent_ok
        })
        .collect();
    html! {
        <>
        <p class="muted" aria-live="polite">{ format!("Showing {} of {} journeys.", rows.len(), plan.journeys.len()) }</p>
        <table class="journeys">
            <thead>
                <tr>
                    <th scope="col">{ "Journey" }</th>
                    <th scope="col">{ "Intent" }</th>
                    <th scope="col">{ "Trigger" }</th>
                    <th scope="col" class="num">{ "Per day" }</th>
                    <th scope="col" class="num">{ "Revenue / recipient" }</th>
                    <th scope="col">{ "Lane" }</th>
                    <th scope="col">{ "Why" }</th>
                    <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                </tr>
            </thead>
            <tbody>
                for (index, journey) in rows {
                    {{
                        let route = &props.routing.routes[index];
                        let lane = route.lane_id.as_deref().map(|id| plan.lane_name(id).to_string());
                        let is_open = props.open.as_deref() == Some(journey.id.as_str());
                        let toggle = { let cb = props.on_toggle.clone(); let id = journey.id.clone(); Callback::from(move |_| cb.emit(id.clone())) };
                        let reason_class = match route.reason {
                            Reason::Override => "reason override",
                            Reason::Rule { .. } => "reason rule",
                            Reason::Default => "reason default",
                            Reason::Unrouted { .. } => "reason unrouted",
                        };
                        html! {
                            <>
                            <tr key={journey.id.clone()} id={format!("journey-{}", journey.id)} tabindex="-1"
                                class={classes!("journey-row", is_open.then_some("open"))} data-journey={journey.id.clone()}>
                                <th scope="row">{ journey.name.clone() }</th>
                                <td>{ journey.intent.label() }</td>
                                <td class="trigger">{ journey.trigger.summary() }</td>
                                <td class="num">{ group(u64::from(journey.daily_volume)) }</td>
                                <td class="num">{ fixed(journey.revenue_per_recipient, 2) }</td>
                                <td class="lane-cell">{ lane.unwrap_or_else(|| "—".to_string()) }</td>
                                <td class={reason_class}>{ route.explain(plan) }</td>
                                <td>
                                    <button type="button" onclick={toggle} aria-expanded={is_open.to_string()}
                                        aria-controls={format!("journey-editor-{}", journey.id)}
                                        aria-label={format!("Edit {}", journey.name)}>{ if is_open { "Close" } else { "Edit" } }</button>
                                </td>
                            </tr>
                            if is_open {
                                <tr class="editor-row" key={format!("{}-editor", journey.id)}>
                                    <td colspan="8">
                                        <JourneyForm journey={journey.clone()} index={index as u32} plan={props.plan.clone()}
                                            findings={props.findings.iter().filter(|d| d.path.starts_with(&format!("$.journeys[{index}]."))).cloned().collect::<Vec<_>>()}
                                            on_change={props.on_change.clone()} on_delete={props.on_delete.clone()} />
                                    </td>
                                </tr>
                            }
                            </>
                        }
                    }}
                }
            </tbody>
        </table>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct JourneyFormProps {
    pub journey: Journey,
    pub index: u32,
    pub plan: Rc<Plan>,
    pub findings: Vec<Diagnostic>,
    pub on_change: Callback<Journey>,
    pub on_delete: Callback<String>,
}

#[component]
pub fn JourneyForm(props: &JourneyFormProps) -> Html {
    let confirming = use_state(|| false);
    let j = &props.journey;
    let i = props.index;
    let fid = |field: &str| format!("journey-{}-{field}", j.id);
    let at = |field: &str| {
        findings_at(&props.findings, &format!("$.journeys[{i}].{field}"))
            .cloned()
            .collect::<Vec<_>>()
    };
    let update = |set: fn(&mut Journey, String)| updater(j, &props.on_change, set);
    let lane_options: Vec<(String, String)> =
        std::iter::once((String::new(), "Route by rules".to_string()))
            .chain(
                props
                    .plan
                    .lanes
                    .iter()
                    .map(|l| (l.id.clone(), format!("Always {}", l.name))),
            )
            .chain(
                j.lane_override
                    .iter()
                    .filter(|id| props.plan.lane(id).is_none())
                    .map(|id| (id.clone(), format!("Missing lane “{id}”"))),
            )
            .collect();
    html! {
        <div class="journey-form" id={format!("journey-editor-{}", j.id)}>
            <div class="grid-3">
                <TextField id={fid("name")} label="Name" value={j.name.clone()} findings={at("name")}
                    on_commit={update(|j, v| j.name = v)} />
                <SelectField id={fid("intent")} label="Intent" options={enum_options(&Intent::ALL, |i| i.label().to_string())}
                    selected={enum_key(j.intent)}
                    on_select={update(|j, v| if let Some(i) = enum_from_key(&Intent::ALL, &v) { j.intent = i })} />
                <SelectField id={fid("lane")} label="Lane" options={lane_options}
                    selected={j.lane_override.clone().unwrap_or_default()} findings={at("lane_override")}
                    help="An override wins over every rule; use it sparingly."
                    on_select={update(|j, v| j.lane_override = (!v.is_empty()).then_some(v))} />
                <TextField kind="number" id={fid("volume")} label="Messages per day" value={j.daily_volume.to_string()} findings={at("daily_volume")}
                    on_commit={update(|j, v| if let Ok(n) = v.trim().parse() { j.daily_volume = n })} />
                <TextField kind="number" id={fid("revenue")} label="Revenue per recipient" value={fixed(j.revenue_per_recipient, 2)} step={Some(AttrValue::Static("0.01"))}
                    findings={at("revenue_per_recipient")}
                    on_commit={update(|j, v| if let Ok(n) = v.trim().parse::<f64>() { if n.is_finite() && n >= 0.0 { j.revenue_per_recipient = n } })} />
                <SelectField id={fid("audience")} label="Audience" options={enum_options(&Audience::ALL, |a| a.label().to_string())}
                    selected={enum_key(j.audience)}
                    on_select={update(|j, v| if let Some(a) = enum_from_key(&Audience::ALL, &v) { j.audience = a })} />
                <TextField id={fid("team")} label="Owning team" value={j.owning_team.clone()}
                    help="Recorded for people; routing follows intent, never the team."
                    on_commit={update(|j, v| j.owning_team = v)} />
                <TextField id={fid("tags")} label="Tags" value={j.tags.join(", ")} placeholder="vip, seasonal"
                    help="Comma-separated; rules can match on them."
                    on_commit={update(|j, v| j.tags = split_tags(&v))} />
            </div>
            <fieldset class="group">
                <legend>{ "Trigger" }</legend>
                <div class="grid-3">
                    <SelectField id={fid("trigger")} label="Starts on" options={enum_options(&TriggerKind::ALL, |k| k.label().to_string())}
                        selected={enum_key(j.trigger.kind())}
                        on_select={update(|j, v| if let Some(k) = enum_from_key(&TriggerKind::ALL, &v) { if k != j.trigger.kind() { j.trigger = default_trigger(k) } })} />
                    { trigger_fields(j, &fid, &at, &update) }
                </div>
            </fieldset>
            <div class="row end">
                if *confirming {
                    <span class="confirm" role="group" aria-label="Confirm deletion">
                        { format!("Delete “{}”?", j.name) }
                        <button type="button" class="danger" onclick={{ let cb = props.on_delete.clone(); let id = j.id.clone(); move |_| cb.emit(id.clone()) }}>{ "Delete journey" }</button>
                        <button type="button" onclick={{ let c = confirming.clone(); move |_| c.set(false) }}>{ "Cancel" }</button>
                    </span>
                } else {
                    <button type="button" class="danger-outline" onclick={{ let c = confirming.clone(); move |_| c.set(true) }}>{ "Delete journey…" }</button>
                }
            </div>
        </div>
    }
}

fn trigger_fields(
    j: &Journey,
    fid: &dyn Fn(&str) -> String,
    at: &dyn Fn(&str) -> Vec<Diagnostic>,
    update: &dyn Fn(fn(&mut Journey, String)) -> Callback<String>,
) -> Html {
    match &j.trigger {
        Trigger::Event {
            event_name,
            latency_minutes,
            delay_minutes,
        } => html! {
            <>
                <TextField id={fid("event")} label="Event name" value={event_name.clone()} findings={at("trigger.event_name")}
                    placeholder="Added to Cart"
                    on_commit={update(|j, v| if let Trigger::Event { event_name, .. } = &mut j.trigger { *event_name = v })} />
                <TextField kind="number" id={fid("latency")} label="Event arrives within (min)" value={latency_minutes.to_string()}
                    on_commit={update(|j, v| if let (Trigger::Event { latency_minutes, .. }, Ok(n)) = (&mut j.trigger, v.trim().parse()) { *latency_minutes = n })} />
                <TextField kind="number" id={fid("delay")} label="Sends after (min)" value={delay_minutes.to_string()}
                    on_commit={update(|j, v| if let (Trigger::Event { delay_minutes, .. }, Ok(n)) = (&mut j.trigger, v.trim().parse()) { *delay_minutes = n })} />
            </>
        },
        Trigger::SegmentEntry { segment } => html! {
            <TextField id={fid("segment")} label="Segment" value={segment.clone()} findings={at("trigger.segment")}
                on_commit={update(|j, v| if let Trigger::SegmentEntry { segment } = &mut j.trigger { *segment = v })} />
        },
        Trigger::Scheduled { cadence } => html! {
            <SelectField id={fid("cadence")} label="Cadence" options={enum_options(&Cadence::ALL, |c| c.label().to_string())}
                selected={enum_key(*cadence)}
                on_select={update(|j, v| if let (Trigger::Scheduled { cadence }, Some(c)) = (&mut j.trigger, enum_from_key(&Cadence::ALL, &v)) { *cadence = c })} />
        },
    }
}

fn default_trigger(kind: TriggerKind) -> Trigger {
    match kind {
        TriggerKind::Event => Trigger::Event {
            event_name: String::new(),
            latency_minutes: 1,
            delay_minutes: 0,
        },
        TriggerKind::SegmentEntry => Trigger::SegmentEntry {
            segment: String::new(),
        },
        TriggerKind::Scheduled => Trigger::Scheduled {
            cadence: Cadence::Weekly,
        },
    }
}

/// "vip, Seasonal ,, vip" → ["vip", "Seasonal"].
pub fn split_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    tags
}
