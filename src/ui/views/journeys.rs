//! The journeys page: every journey with its lane and the reason it is
//! there, filters by lane and intent, and an editor for one journey. The
//! filters and the open editor are the page's view state, which comes with
//! each request; fields carry `data-edit` keys (`journey:<id>:<field>`),
//! filters `data-view` keys, and buttons `data-action` or `data-open-journey`.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use super::enum_key;
use super::fields::{select_field, text_field, FieldSpec};
use crate::diagnostic::Diagnostic;
use crate::plan::model::{Audience, Cadence, Intent, Journey, Plan, Trigger, TriggerKind};
use crate::plan::routing::{Reason, Routing};
use crate::units::{fixed, group};

/// Filter value for journeys without a lane.
pub const UNROUTED: &str = "__unrouted";

/// What the journeys page shows: filters (empty for all) and the journey
/// whose editor is open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JourneyView {
    pub lane: String,
    pub intent: String,
    pub open: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct JourneysPageProps {
    pub plan: Rc<Plan>,
    pub routing: Rc<Routing>,
    pub findings: Vec<Diagnostic>,
    pub view: JourneyView,
}

#[component]
pub fn JourneysPage(props: &JourneysPageProps) -> Html {
    let mut lanes: Vec<(&str, &str)> = vec![("", "All lanes")];
    lanes.extend(
        props
            .plan
            .lanes
            .iter()
            .map(|l| (l.id.as_str(), l.name.as_str())),
    );
    lanes.push((UNROUTED, "Unrouted"));
    let intent_keys: Vec<String> = Intent::ALL.iter().map(|i| enum_key(*i)).collect();
    let mut intents: Vec<(&str, &str)> = vec![("", "All intents")];
    intents.extend(
        intent_keys
            .iter()
            .zip(Intent::ALL)
            .map(|(k, i)| (k.as_str(), i.label())),
    );
    // Filters change the view, not the plan: `data-view`, not `data-edit`.
    let filter = |id: &str,
                  key: &str,
                  label: &'static str,
                  options: &[(&str, &str)],
                  selected: &str| {
        html! {
            <div class="field">
                <label for={id.to_string()}>{ label }</label>
                <select id={id.to_string()} data-view={key.to_string()}>
                    for (value, text) in options.iter() {
                        <option value={value.to_string()} selected={*value == selected}>{ text.to_string() }</option>
                    }
                </select>
            </div>
        }
    };
    html! {
        <section aria-labelledby="journeys-heading">
            <div class="page-head">
                <h2 id="journeys-heading">{ "Journeys" }</h2>
                <button type="button" class="primary" id="add-journey" data-action="journey-add">{ "Add journey" }</button>
            </div>
            <div class="row filters" role="search" aria-label="Filter journeys">
                { filter("filter-lane", "journeys.lane", "Lane", &lanes, &props.view.lane) }
                { filter("filter-intent", "journeys.intent", "Intent", &intents, &props.view.intent) }
            </div>
            <JourneyTable plan={props.plan.clone()} routing={props.routing.clone()} findings={props.findings.clone()}
                lane_filter={props.view.lane.clone()} intent_filter={props.view.intent.clone()} open={props.view.open.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct JourneyTableProps {
    pub plan: Rc<Plan>,
    pub routing: Rc<Routing>,
    #[prop_or_default]
    pub findings: Vec<Diagnostic>,
    /// Lane id, `__unrouted`, or empty for all.
    #[prop_or_default]
    pub lane_filter: String,
    /// Intent key, or empty for all.
    #[prop_or_default]
    pub intent_filter: String,
    /// Id of the journey whose editor is open.
    #[prop_or_default]
    pub open: Option<String>,
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
                "" => true,
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
                        let reason_class = match route.reason {
                            Reason::Override => "reason override",
                            Reason::Rule { .. } => "reason rule",
                            Reason::Default => "reason default",
                            Reason::Unrouted { .. } => "reason unrouted",
                        };
                        let prefix = format!("$.journeys[{index}].");
                        let findings: Vec<Diagnostic> = props.findings.iter().filter(|d| d.path.starts_with(&prefix)).cloned().collect();
                        html! {
                            <>
                            <tr id={format!("journey-{}", journey.id)} tabindex="-1"
                                class={classes!("journey-row", is_open.then_some("open"))} data-journey={journey.id.clone()}>
                                <th scope="row">{ journey.name.clone() }</th>
                                <td>{ journey.intent.label() }</td>
                                <td class="trigger">{ journey.trigger.summary() }</td>
                                <td class="num">{ group(u64::from(journey.daily_volume)) }</td>
                                <td class="num">{ fixed(journey.revenue_per_recipient, 2) }</td>
                                <td class="lane-cell">{ lane.unwrap_or_else(|| "—".to_string()) }</td>
                                <td class={reason_class}>{ route.explain(plan) }</td>
                                <td>
                                    <button type="button" id={format!("journey-{}-edit", journey.id)} data-open-journey={journey.id.clone()}
                                        aria-expanded={is_open.to_string()} aria-controls={format!("journey-editor-{}", journey.id)}
                                        aria-label={format!("Edit {}", journey.name)}>{ if is_open { "Close" } else { "Edit" } }</button>
                                </td>
                            </tr>
                            if is_open {
                                <tr class="editor-row">
                                    <td colspan="8">{ journey_form(plan, journey, index, &findings) }</td>
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

fn journey_form(plan: &Plan, j: &Journey, i: usize, findings: &[Diagnostic]) -> Html {
    let fid = |field: &str| format!("journey-{}-{field}", j.id);
    let key = |field: &str| format!("journey:{}:{field}", j.id);
    let at = |field: &str| super::findings_at(findings, &format!("$.journeys[{i}].{field}"));
    let field = |id: &str, name: &str, label: &'static str, value: String, help: &'static str| {
        text_field(FieldSpec {
            id: Some(fid(id)),
            key: key(name),
            label,
            value,
            help,
            findings: at(name),
        })
    };
    let select = |id: &str,
                  name: &str,
                  label: &'static str,
                  options: &[(&str, &str)],
                  selected: &str| {
        let found = at(name);
        html! {
            <>
                { select_field(Some(&fid(id)), &key(name), label, options, selected) }
                for d in found.iter() { <p class={classes!("finding", super::severity_class(d.severity))}>{ d.message.clone() }</p> }
            </>
        }
    };
    let keyed = |keys: Vec<String>, labels: Vec<&'static str>| -> Vec<(String, &'static str)> {
        keys.into_iter().zip(labels).collect()
    };
    let intents = keyed(
        Intent::ALL.iter().map(|x| enum_key(*x)).collect(),
        Intent::ALL.iter().map(|x| x.label()).collect(),
    );
    let audiences = keyed(
        Audience::ALL.iter().map(|x| enum_key(*x)).collect(),
        Audience::ALL.iter().map(|x| x.label()).collect(),
    );
    let kinds = keyed(
        TriggerKind::ALL.iter().map(|x| enum_key(*x)).collect(),
        TriggerKind::ALL.iter().map(|x| x.label()).collect(),
    );
    let cadences = keyed(
        Cadence::ALL.iter().map(|x| enum_key(*x)).collect(),
        Cadence::ALL.iter().map(|x| x.label()).collect(),
    );
    let lane_labels: Vec<(String, String)> =
        std::iter::once((String::new(), "Route by rules".to_string()))
            .chain(
                plan.lanes
                    .iter()
                    .map(|l| (l.id.clone(), format!("Always {}", l.name))),
            )
            .chain(
                j.lane_override
                    .iter()
                    .filter(|id| plan.lane(id).is_none())
                    .map(|id| (id.clone(), format!("Missing lane “{id}”"))),
            )
            .collect();
    let lanes: Vec<(&str, &str)> = lane_labels
        .iter()
        .map(|(k, l)| (k.as_str(), l.as_str()))
        .collect();
    let trigger = match &j.trigger {
        Trigger::Event {
            event_name,
            latency_minutes,
            delay_minutes,
        } => html! {
            <>
                { field("event", "trigger.event_name", "Event name", event_name.clone(), "") }
                { field("latency", "trigger.latency_minutes", "Event arrives within (min)", latency_minutes.to_string(), "") }
                { field("delay", "trigger.delay_minutes", "Sends after (min)", delay_minutes.to_string(), "") }
            </>
        },
        Trigger::SegmentEntry { segment } => {
            field("segment", "trigger.segment", "Segment", segment.clone(), "")
        }
        Trigger::Scheduled { cadence } => select(
            "cadence",
            "trigger.cadence",
            "Cadence",
            &refs(&cadences),
            &enum_key(*cadence),
        ),
    };
    html! {
        <div class="journey-form" id={format!("journey-editor-{}", j.id)}>
            <div class="grid-3">
                { field("name", "name", "Name", j.name.clone(), "") }
                { select("intent", "intent", "Intent", &refs(&intents), &enum_key(j.intent)) }
                { select("lane", "lane_override", "Lane", &lanes, j.lane_override.as_deref().unwrap_or("")) }
                { field("volume", "daily_volume", "Messages per day", j.daily_volume.to_string(), "") }
                { field("revenue", "revenue_per_recipient", "Revenue per recipient", fixed(j.revenue_per_recipient, 2), "") }
                { select("audience", "audience", "Audience", &refs(&audiences), &enum_key(j.audience)) }
                { field("team", "owning_team", "Owning team", j.owning_team.clone(), "Recorded for people; routing follows intent, never the team.") }
                { field("tags", "tags", "Tags", j.tags.join(", "), "Comma-separated; rules can match on them.") }
            </div>
            <p class="help">{ "A lane override wins over every rule; use it sparingly." }</p>
            <fieldset class="group">
                <legend>{ "Trigger" }</legend>
                <div class="grid-3">
                    { select("trigger", "trigger", "Starts on", &refs(&kinds), &enum_key(j.trigger.kind())) }
                    { trigger }
                </div>
            </fieldset>
            <div class="row end">
                <button type="button" class="danger-outline" data-action="confirm-show">{ "Delete journey…" }</button>
                <span class="confirm" role="group" aria-label="Confirm deletion" hidden=true>
                    { format!("Delete “{}”?", j.name) }
                    <button type="button" class="danger" data-action={format!("journey-delete:{}", j.id)}>{ "Delete journey" }</button>
                    <button type="button" data-action="confirm-hide">{ "Cancel" }</button>
                </span>
            </div>
        </div>
    }
}

/// Borrowed (value, label) pairs for `select_field`.
fn refs<'a>(list: &'a [(String, &'static str)]) -> Vec<(&'a str, &'static str)> {
    list.iter().map(|(k, l)| (k.as_str(), *l)).collect()
}
