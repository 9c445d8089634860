//! The routing rules page: rules in order with their conditions, target
//! lane and what each catches now, and the default lane. Fields carry
//! `data-edit` keys (`rule:<id>:<field>`, `default_lane`) and buttons
//! `data-action` keys (see `edits::button_edit`).

use std::rc::Rc;

use yew::prelude::*;

use super::enum_key;
use super::fields::{select_field, text_field, FieldSpec};
use crate::diagnostic::Diagnostic;
use crate::plan::model::{Audience, Intent, Plan, Rule, TriggerKind};
use crate::plan::routing::{Reason, Routing};
use crate::units::fixed;

#[derive(Properties, PartialEq)]
pub struct RulesPageProps {
    pub plan: Rc<Plan>,
    pub routing: Rc<Routing>,
    pub findings: Vec<Diagnostic>,
}

#[component]
pub fn RulesPage(props: &RulesPageProps) -> Html {
    let plan = &props.plan;
    let lanes: Vec<(String, String)> = plan
        .lanes
        .iter()
        .map(|l| (l.id.clone(), l.name.clone()))
        .collect();
    let mut defaults: Vec<(String, String)> = vec![(String::new(), "No default lane".to_string())];
    defaults.extend(lanes.iter().cloned());
    if let Some(missing) = plan
        .default_lane
        .as_ref()
        .filter(|id| plan.lane(id).is_none())
    {
        defaults.push((missing.clone(), format!("Missing lane “{missing}”")));
    }
    let default_refs: Vec<(&str, &str)> = defaults
        .iter()
        .map(|(k, l)| (k.as_str(), l.as_str()))
        .collect();
    let overrides = props
        .routing
        .routes
        .iter()
        .filter(|r| r.reason == Reason::Override)
        .count();
    let defaulted: Vec<&str> = props
        .routing
        .routes
        .iter()
        .zip(&plan.journeys)
        .filter(|(r, _)| r.reason == Reason::Default)
        .map(|(_, j)| j.name.as_str())
        .collect();
    let default_findings = super::findings_at(&props.findings, "$.default_lane");
    html! {
        <section aria-labelledby="rules-heading">
            <div class="page-head">
                <h2 id="rules-heading">{ "Routing rules" }</h2>
                <button type="button" class="primary" id="add-rule" data-action="rule-add">{ "Add rule" }</button>
            </div>
            <p class="muted">
                { "Rules run top to bottom; the first whose conditions all match picks the lane. A journey's own lane override wins over every rule. Route by customer intent and revenue sensitivity, not by which team owns a journey." }
            </p>
            if overrides > 0 {
                <p class="muted">{ format!("{overrides} journey(s) use a lane override and skip these rules.") }</p>
            }
            <ol class="rules">
                for (index, rule) in plan.rules.iter().enumerate() {
                    {{
                        let caught: Vec<String> = props.routing.caught_by(&rule.id)
                            .filter_map(|id| plan.journeys.iter().find(|j| j.id == id))
                            .map(|j| j.name.clone())
                            .collect();
                        let prefix = format!("$.rules[{index}]");
                        let findings: Vec<Diagnostic> = props.findings.iter().filter(|d| d.path.starts_with(&prefix)).cloned().collect();
                        html! {
                            <li>
                                <RuleCard rule={rule.clone()} index={index as u32} count={plan.rules.len() as u32}
                                    lanes={lanes.clone()} {caught} {findings} />
                            </li>
                        }
                    }}
                }
            </ol>
            if plan.rules.is_empty() {
                <p class="empty">{ "No rules yet: every journey goes to the default lane. Add a rule per intent group." }</p>
            }
            <section class="card default-lane" id="default-lane" tabindex="-1" aria-labelledby="default-heading">
                <h3 id="default-heading">{ "Default lane" }</h3>
                { select_field(Some("default-lane-select"), "default_lane", "Journeys no rule catches go to", &default_refs,
                    plan.default_lane.as_deref().unwrap_or("")) }
                for d in default_findings.iter() { <p class={classes!("finding", super::severity_class(d.severity))}>{ d.message.clone() }</p> }
                <p class="caught">
                    if defaulted.is_empty() {
                        { "Catches no journeys." }
                    } else {
                        { format!("Catches {}: {}", defaulted.len(), defaulted.join(", ")) }
                    }
                </p>
            </section>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct RuleCardProps {
    pub rule: Rule,
    pub index: u32,
    pub count: u32,
    /// (lane id, lane name) for the target select.
    pub lanes: Vec<(String, String)>,
    /// Names of the journeys this rule catches now.
    pub caught: Vec<String>,
    #[prop_or_default]
    pub findings: Vec<Diagnostic>,
}

/// One rule: conditions, target lane, and what it catches.
#[component]
pub fn RuleCard(props: &RuleCardProps) -> Html {
    let rule = &props.rule;
    let i = props.index;
    let fid = |field: &str| format!("rule-{}-{field}", rule.id);
    let key = |field: &str| format!("rule:{}:{field}", rule.id);
    let at = |field: &str| super::findings_at(&props.findings, &format!("$.rules[{i}].{field}"));
    let field = |id: &str, name: &str, label: &'static str, value: String| {
        text_field(FieldSpec {
            id: Some(fid(id)),
            key: key(name),
            label,
            value,
            help: "",
            findings: at(name),
        })
    };
    let mut lanes = props.lanes.clone();
    if !lanes.iter().any(|(id, _)| *id == rule.lane) {
        lanes.push((rule.lane.clone(), format!("Missing lane “{}”", rule.lane)));
    }
    let lane_refs: Vec<(&str, &str)> = lanes
        .iter()
        .map(|(k, l)| (k.as_str(), l.as_str()))
        .collect();
    let money = |v: Option<f64>| v.map(|v| fixed(v, 2)).unwrap_or_default();
    let general: Vec<Diagnostic> = props
        .findings
        .iter()
        .filter(|d| d.path.ends_with(".when") || d.path.ends_with(".owning_teams"))
        .cloned()
        .collect();
    // A fieldset of checkboxes: ticking one toggles it in the rule.
    let group = |id: &str,
                 name: &str,
                 legend: &'static str,
                 options: Vec<(String, &'static str, bool)>| {
        let id = fid(id);
        html! {
            <fieldset class="check-group" id={id.clone()}>
                <legend>{ legend }</legend>
                for (index, (value, label, checked)) in options.into_iter().enumerate() {
                    {{
                        let box_id = format!("{id}-{index}");
                        html! {
                            <label class="check" for={box_id.clone()}>
                                <input type="checkbox" id={box_id} {checked} data-edit={key(&format!("{name}-{value}"))} />
                                { label }
                            </label>
                        }
                    }}
                }
            </fieldset>
        }
    };
    let intents = Intent::ALL
        .iter()
        .map(|&x| (enum_key(x), x.label(), rule.when.intents.contains(&x)))
        .collect();
    let triggers = TriggerKind::ALL
        .iter()
        .map(|&x| (enum_key(x), x.label(), rule.when.trigger_kinds.contains(&x)))
        .collect();
    let audiences = Audience::ALL
        .iter()
        .map(|&x| (enum_key(x), x.label(), rule.when.audiences.contains(&x)))
        .collect();
    html! {
        <article class={classes!("card", "rule-card", (!rule.enabled).then_some("disabled"))} id={format!("rule-{}", rule.id)}
            tabindex="-1" aria-labelledby={fid("title")}>
            <header class="card-head">
                <h3 id={fid("title")}><span class="rule-number">{ format!("{}.", i + 1) }</span>{ " " }{ rule.name.clone() }</h3>
                <div class="row" role="group" aria-label={format!("Arrange rule {}", rule.name)}>
                    <label class="check" for={fid("enabled")}>
                        <input type="checkbox" id={fid("enabled")} checked={rule.enabled} data-edit={key("enabled")} />
                        { "Enabled" }
                    </label>
                    <button type="button" id={fid("up")} data-action={format!("rule-up:{}", rule.id)} disabled={i == 0}
                        aria-label={format!("Move rule {} up", rule.name)}>{ "↑" }</button>
                    <button type="button" id={fid("down")} data-action={format!("rule-down:{}", rule.id)} disabled={i + 1 >= props.count}
                        aria-label={format!("Move rule {} down", rule.name)}>{ "↓" }</button>
                    <button type="button" class="danger-outline" data-action={format!("rule-delete:{}", rule.id)}
                        aria-label={format!("Delete rule {}", rule.name)}>{ "Delete" }</button>
                </div>
            </header>
            <div id={fid("notes")} class="field-notes">
                for d in general.iter() {
                    <p class={classes!("finding", super::severity_class(d.severity))}>
                        { d.message.clone() }
                        if !d.hint.is_empty() { { " " }<span class="hint">{ d.hint.clone() }</span> }
                    </p>
                }
            </div>
            <div class="grid-3">
                { field("name", "name", "Rule name", rule.name.clone()) }
                { select_field(Some(&fid("lane")), &key("lane"), "Send to lane", &lane_refs, &rule.lane) }
                { field("tags", "tags", "Journey has any tag", rule.when.tags.join(", ")) }
                { field("min", "min", "Revenue per recipient at least", money(rule.when.min_revenue_per_recipient)) }
                { field("max", "max", "Revenue per recipient at most", money(rule.when.max_revenue_per_recipient)) }
            </div>
            for d in at("lane").iter() { <p class={classes!("finding", super::severity_class(d.severity))}>{ d.message.clone() }</p> }
            <div class="conditions">
                { group("intents", "intent", "Intent is any of (none ticked: any intent)", intents) }
                { group("triggers", "trigger", "Trigger is", triggers) }
                { group("audiences", "audience", "Audience is", audiences) }
            </div>
            if !rule.when.owning_teams.is_empty() {
                <p class="finding warning">
                    { format!("Owning-team condition ({}) is ignored. ", rule.when.owning_teams.join(", ")) }
                    <button type="button" class="link" data-action={format!("rule-clear-teams:{}", rule.id)}>{ "Remove it" }</button>
                </p>
            }
            <p class="caught" aria-live="polite" id={fid("caught")}>
                if props.caught.is_empty() {
                    { "Catches no journeys." }
                } else {
                    <strong>{ format!("Catches {}: ", props.caught.len()) }</strong>{ props.caught.join(", ") }
                }
            </p>
        </article>
    }
}
