//! The routing rules page: an ordered editor that shows, live, which
//! journeys each rule catches, and the default lane.

use std::rc::Rc;

use yew::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::{Audience, Intent, Plan, Rule, TriggerKind};
use crate::routing::Routing;
use crate::state::{Direction, Edit};

use super::context::use_planner;
use super::fields::{
    check_group, enum_from_key, enum_key, field_notes, findings_at, updater, CheckGroupProps,
    SelectField, TextField,
};
use crate::model::split_tags;

#[derive(Properties, PartialEq)]
pub struct RulesPageProps {
    pub plan: Rc<Plan>,
    pub routing: Rc<Routing>,
    pub findings: Rc<Vec<Diagnostic>>,
}

#[component]
pub fn RulesPage(props: &RulesPageProps) -> Html {
    let planner = use_planner();
    let edit = planner.on_edit();
    let plan = &props.plan;
    let lanes: Vec<(String, String)> = plan
        .lanes
        .iter()
        .map(|l| (l.id.clone(), l.name.clone()))
        .collect();
    let mut default_options: Vec<(String, String)> =
        vec![(String::new(), "No default lane".to_string())];
    default_options.extend(lanes.iter().cloned());
    if let Some(missing) = plan
        .default_lane
        .as_ref()
        .filter(|id| plan.lane(id).is_none())
    {
        default_options.push((missing.clone(), format!("Missing lane “{missing}”")));
    }
    let overrides = props
        .routing
        .routes
        .iter()
        .filter(|r| r.reason == crate::routing::Reason::Override)
        .count();
    let defaulted: Vec<&str> = props
        .routing
        .routes
        .iter()
        .zip(&plan.journeys)
        .filter(|(r, _)| r.reason == crate::routing::Reason::Default)
        .map(|(_, j)| j.name.as_str())
        .collect();
    html! {
        <section aria-labelledby="rules-heading">
            <div class="page-head">
                <h2 id="rules-heading">{ "Routing rules" }</h2>
                <button type="button" class="primary" id="add-rule" onclick={{ let e = edit.clone(); move |_| e.emit(Edit::AddRule) }}>{ "Add rule" }</button>
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
                        let id = rule.id.clone();
                        html! {
                            <li key={rule.id.clone()}>
                                <RuleCard rule={rule.clone()} index={index as u32} count={plan.rules.len() as u32}
                                    lanes={lanes.clone()} {caught} {findings}
                                    on_change={{ let e = edit.clone(); Callback::from(move |r: Rule| e.emit(Edit::UpdateRule(r))) }}
                                    on_delete={{ let e = edit.clone(); let id = id.clone(); Callback::from(move |_| e.emit(Edit::DeleteRule(id.clone()))) }}
                                    on_move={{ let e = edit.clone(); let id = id.clone(); Callback::from(move |d| e.emit(Edit::MoveRule(id.clone(), d))) }} />
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
                <SelectField id="default-lane-select" label="Journeys no rule catches go to" options={default_options}
                    selected={plan.default_lane.clone().unwrap_or_default()}
                    findings={findings_at(&props.findings, "$.default_lane").cloned().collect::<Vec<_>>()}
                    on_select={{ let e = edit.clone(); Callback::from(move |v: String| e.emit(Edit::SetDefaultLane((!v.is_empty()).then_some(v)))) }} />
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
    #[prop_or_default]
    pub on_change: Callback<Rule>,
    #[prop_or_default]
    pub on_delete: Callback<()>,
    #[prop_or_default]
    pub on_move: Callback<Direction>,
}

/// One rule: conditions, target lane, and what it catches.
#[component]
pub fn RuleCard(props: &RuleCardProps) -> Html {
    let rule = &props.rule;
    let i = props.index;
    let fid = |field: &str| format!("rule-{}-{field}", rule.id);
    let at = |field: &str| {
        findings_at(&props.findings, &format!("$.rules[{i}].{field}"))
            .cloned()
            .collect::<Vec<_>>()
    };
    let update = |set: fn(&mut Rule, String)| updater(rule, &props.on_change, set);
    let update_set = |set: fn(&mut Rule, Vec<String>)| updater(rule, &props.on_change, set);
    let move_by = |d: Direction| {
        let on_move = props.on_move.clone();
        Callback::from(move |_: MouseEvent| on_move.emit(d))
    };
    let mut lanes = props.lanes.clone();
    if !lanes.iter().any(|(id, _)| *id == rule.lane) {
        lanes.push((rule.lane.clone(), format!("Missing lane “{}”", rule.lane)));
    }
    let checks = |all: &[(String, String)], chosen: &[String]| -> Vec<(String, String, bool)> {
        all.iter()
            .map(|(k, l)| (k.clone(), l.clone(), chosen.contains(k)))
            .collect()
    };
    let keyed = |items: Vec<String>| items;
    let intents: Vec<(String, String)> = Intent::ALL
        .iter()
        .map(|&i| (enum_key(i), i.label().to_string()))
        .collect();
    let triggers: Vec<(String, String)> = TriggerKind::ALL
        .iter()
        .map(|&t| (enum_key(t), t.label().to_string()))
        .collect();
    let audiences: Vec<(String, String)> = Audience::ALL
        .iter()
        .map(|&a| (enum_key(a), a.label().to_string()))
        .collect();
    let chosen_intents = keyed(rule.when.intents.iter().map(|&i| enum_key(i)).collect());
    let chosen_triggers = keyed(
        rule.when
            .trigger_kinds
            .iter()
            .map(|&t| enum_key(t))
            .collect(),
    );
    let chosen_audiences = keyed(rule.when.audiences.iter().map(|&a| enum_key(a)).collect());
    let money = |v: Option<f64>| v.map(|v| crate::units::fixed(v, 2)).unwrap_or_default();
    let general: Vec<Diagnostic> = props
        .findings
        .iter()
        .filter(|d| d.path.ends_with(".when") || d.path.ends_with(".owning_teams"))
        .cloned()
        .collect();
    html! {
        <article class={classes!("card", "rule-card", (!rule.enabled).then_some("disabled"))} id={format!("rule-{}", rule.id)}
            tabindex="-1" aria-labelledby={fid("title")}>
            <header class="card-head">
                <h3 id={fid("title")}><span class="rule-number">{ format!("{}.", i + 1) }</span>{ " " }{ rule.name.clone() }</h3>
                <div class="row" role="group" aria-label={format!("Arrange rule {}", rule.name)}>
                    <label class="check" for={fid("enabled")}>
                        <input type="checkbox" id={fid("enabled")} checked={rule.enabled}
                            onchange={{ let r = rule.clone(); let cb = props.on_change.clone(); move |_| { let mut n = r.clone(); n.enabled = !n.enabled; cb.emit(n) } }} />
                        { "Enabled" }
                    </label>
                    <button type="button" onclick={move_by(Direction::Up)} disabled={i == 0} aria-label={format!("Move rule {} up", rule.name)}>{ "↑" }</button>
                    <button type="button" onclick={move_by(Direction::Down)} disabled={i + 1 >= props.count} aria-label={format!("Move rule {} down", rule.name)}>{ "↓" }</button>
                    <button type="button" class="danger-outline" onclick={{ let cb = props.on_delete.clone(); move |_| cb.emit(()) }}
                        aria-label={format!("Delete rule {}", rule.name)}>{ "Delete" }</button>
                </div>
            </header>
            { field_notes(&fid("notes"), &AttrValue::default(), &general) }
            <div class="grid-3">
                <TextField id={fid("name")} label="Rule name" value={rule.name.clone()} on_commit={update(|r, v| r.name = v)} />
                <SelectField id={fid("lane")} label="Send to lane" options={lanes} selected={rule.lane.clone()} findings={at("lane")}
                    on_select={update(|r, v| r.lane = v)} />
                <TextField id={fid("tags")} label="Journey has any tag" value={rule.when.tags.join(", ")} placeholder="any"
                    on_commit={update(|r, v| r.when.tags = split_tags(&v))} />
                <TextField id={fid("min")} label="Revenue per recipient at least" kind="number" value={money(rule.when.min_revenue_per_recipient)}
                    placeholder="any" on_commit={update(|r, v| r.when.min_revenue_per_recipient = parse_money(&v))} />
                <TextField id={fid("max")} label="Revenue per recipient at most" kind="number" value={money(rule.when.max_revenue_per_recipient)}
                    placeholder="any" on_commit={update(|r, v| r.when.max_revenue_per_recipient = parse_money(&v))} />
            </div>
            <div class="conditions">
                { check_group(CheckGroupProps { id: fid("intents"), legend: "Intent is any of (none ticked: any intent)", options: checks(&intents, &chosen_intents),
                    on_change: update_set(|r, v| r.when.intents = v.iter().filter_map(|k| enum_from_key(&Intent::ALL, k)).collect()) }) }
                { check_group(CheckGroupProps { id: fid("triggers"), legend: "Trigger is", options: checks(&triggers, &chosen_triggers),
                    on_change: update_set(|r, v| r.when.trigger_kinds = v.iter().filter_map(|k| enum_from_key(&TriggerKind::ALL, k)).collect()) }) }
                { check_group(CheckGroupProps { id: fid("audiences"), legend: "Audience is", options: checks(&audiences, &chosen_audiences),
                    on_change: update_set(|r, v| r.when.audiences = v.iter().filter_map(|k| enum_from_key(&Audience::ALL, k)).collect()) }) }
            </div>
            if !rule.when.owning_teams.is_empty() {
                <p class="finding warning">
                    { format!("Owning-team condition ({}) is ignored. ", rule.when.owning_teams.join(", ")) }
                    <button type="button" class="link" onclick={{ let r = rule.clone(); let cb = props.on_change.clone(); move |_| { let mut n = r.clone(); n.when.owning_teams.clear(); cb.emit(n) } }}>
                        { "Remove it" }
                    </button>
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

fn parse_money(text: &str) -> Option<f64> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
}
