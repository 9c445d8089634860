//! The routing rules page: the rules top to bottom with their conditions,
//! target lane and the journeys each catches now, and the default lane for
//! journeys no rule catches. Each rule is a `RuleCard` with its own props,
//! so an edit re-renders only the cards it changed.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use super::{item_focus, lane_choices, use_edit_focusing, PageProps};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, RuleField};
use crate::plan::model::{split_tags, Audience, Intent, Rule, TriggerKind};
use crate::plan::routing::{rule_deletion_words, Reason};
use crate::review::place::Place;
use crate::ui::fields::{
    findings_at, findings_under, note, notes, use_read_only, CheckField, Choices, ConfirmButton,
    Field, MoneyField, MoveButtons, SelectField,
};

#[component]
pub fn RulesPage(props: &PageProps) -> Html {
    let locked = use_read_only();
    let plan = &props.plan;
    let routing = &props.findings.routing;
    let on_edit = use_edit_focusing(props, item_focus);
    let lanes = lane_choices(plan);
    let caught = caught_by_rule(props);
    let overrides = routing
        .routes
        .iter()
        .filter(|r| r.reason == Reason::Override)
        .count();
    let count = plan.rules.len() as u32;
    let add = props.add(|_: MouseEvent| Edit::AddRule, Place::Rule);
    // The rule whose delete question is open, and where its journeys go
    // without it, worked out again with every edit while it is open.
    let asking = use_state(|| None::<String>);
    let deletion = use_memo((plan.clone(), (*asking).clone()), |(plan, rule)| {
        AttrValue::from(
            rule.as_ref()
                .map(|r| rule_deletion_words(plan, r))
                .unwrap_or_default(),
        )
    });
    let on_asking = {
        let asking = asking.setter();
        use_callback((), move |(rule, on): (String, bool), _| {
            asking.set(on.then_some(rule))
        })
    };
    html! {
        <section aria-labelledby="rules-heading">
            <div class="page-head">
                <h2 id="rules-heading">{ "Routing rules" }</h2>
                <button type="button" disabled={locked} class="primary" id="add-rule" onclick={add}>{ "Add rule" }</button>
            </div>
            <p class="muted">
                { "Rules run top to bottom; the first whose conditions all match picks the lane. A journey's own lane override wins over every rule. Route by customer intent and revenue sensitivity, not by which team owns a journey." }
            </p>
            if overrides > 0 {
                <p class="muted">{ match overrides { 1 => "1 journey uses a lane override and skips these rules.".to_string(), n => format!("{} use a lane override and skip these rules.", crate::units::count(n as u64, "journey", "journeys")) } }</p>
            }
            <ol class="rules">
                for (index, rule) in plan.rules.iter().enumerate() {
                    <li key={rule.id.clone()}>
                        <RuleCard rule={rule.clone()} index={index as u32} {count} lanes={lanes.clone()}
                            caught={caught.get(rule.id.as_str()).cloned().unwrap_or_default()}
                            findings={rule_findings(&props.findings.plan, index)}
                            deletion={if asking.as_deref() == Some(rule.id.as_str()) { (*deletion).clone() } else { AttrValue::default() }}
                            on_asking={on_asking.clone()} on_edit={on_edit.clone()} />
                    </li>
                }
            </ol>
            if plan.rules.is_empty() {
                <p class="empty">{ "No rules yet: every journey goes to the default lane. Add a rule per intent group." }</p>
            }
            { default_lane(props, &lanes) }
        </section>
    }
}

/// The names of the journeys each rule catches, by rule id, in one pass
/// over the routes.
fn caught_by_rule(props: &PageProps) -> HashMap<&str, Vec<AttrValue>> {
    let names = journey_names(props);
    let mut caught: HashMap<&str, Vec<AttrValue>> = HashMap::new();
    for route in &props.findings.routing.routes {
        // A rule that sends journeys to a missing lane catches them too.
        let Some(rule_id) = route.catching_rule() else {
            continue;
        };
        if let Some(name) = names.get(route.journey_id.as_str()) {
            let list = caught.entry(rule_id).or_default();
            list.push(AttrValue::from(name.to_string()));
        }
    }
    caught
}

fn journey_names(props: &PageProps) -> HashMap<&str, &str> {
    props
        .plan
        .journeys
        .iter()
        .map(|j| (j.id.as_str(), j.called()))
        .collect()
}

/// Findings whose path is rule `index` or inside it.
fn rule_findings(findings: &[Diagnostic], index: usize) -> Vec<Diagnostic> {
    findings_under(findings, &format!("$.rules[{index}]"))
}

/// The default lane: the select, its findings and the journeys it catches.
fn default_lane(props: &PageProps, lanes: &[(AttrValue, AttrValue)]) -> Html {
    let plan = &props.plan;
    let mut options = vec![(AttrValue::Static(""), AttrValue::Static("No default lane"))];
    options.extend(lanes.iter().cloned());
    if let Some(missing) = plan
        .default_lane
        .as_ref()
        .filter(|id| plan.lane(id).is_none())
    {
        options.push((
            missing.clone().into(),
            format!("Missing lane “{missing}”").into(),
        ));
    }
    let names = journey_names(props);
    let defaulted: Vec<&str> = props
        .findings
        .routing
        .routes
        .iter()
        .filter(|r| r.reason == Reason::Default)
        .filter_map(|r| names.get(r.journey_id.as_str()).copied())
        .collect();
    let findings = findings_at(&props.findings.plan, "$.default_lane");
    let choices = Choices::of_optional_lanes(
        "No default lane",
        lanes,
        plan.default_lane.as_deref(),
        props.edit(Edit::SetDefaultLane),
    );
    html! {
        <section class="card default-lane" id="default-lane" tabindex="-1" aria-labelledby="default-heading">
            <h3 id="default-heading">{ "Default lane" }</h3>
            <SelectField id="default-lane-select" label="Journeys no rule catches go to" {choices} />
            { notes(&findings, &props.on_edit) }
            <p class="caught">
                if defaulted.is_empty() {
                    { "Catches no journeys." }
                } else {
                    { format!("Catches {}: {}", defaulted.len(), defaulted.join(", ")) }
                }
            </p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct RuleCardProps {
    pub rule: Rule,
    /// The rule's position, from 0.
    pub index: u32,
    /// How many rules there are, to know the last.
    pub count: u32,
    /// (lane id, lane name) for the target select.
    pub lanes: Rc<Vec<(AttrValue, AttrValue)>>,
    /// Names of the journeys this rule catches now.
    #[prop_or_default]
    pub caught: Vec<AttrValue>,
    /// Findings whose path is in this rule.
    #[prop_or_default]
    pub findings: Vec<Diagnostic>,
    /// While its delete question is open, where the rule's journeys go
    /// once it is deleted, in words; empty otherwise.
    #[prop_or_default]
    pub deletion: AttrValue,
    /// Tells the page the rule's delete question opened or closed.
    pub on_asking: Callback<(String, bool)>,
    pub on_edit: Callback<Edit>,
}

/// A callback that turns a field's value into an edit of rule `id`.
fn rule_edit<T: 'static>(
    on_edit: &Callback<Edit>,
    id: &str,
    field: impl Fn(T) -> RuleField + 'static,
) -> Callback<T> {
    let (on_edit, id) = (on_edit.clone(), id.to_string());
    Callback::from(move |value: T| {
        on_edit.emit(Edit::Rule {
            rule: id.clone(),
            set: field(value),
        })
    })
}

/// One rule: its conditions, target lane, order, and what it catches.
#[component]
pub fn RuleCard(props: &RuleCardProps) -> Html {
    let rule = &props.rule;
    let i = props.index;
    let on_edit = &props.on_edit;
    let fid = |field: &str| format!("rule-{}-{field}", rule.id);
    let path = format!("$.rules[{i}]");
    let lane_path = format!("{path}.lane");
    let name_path = format!("{path}.name");
    let teams_path = format!("{path}.when.owning_teams");
    // Findings about the lane, the name and the owning teams go beside
    // them; the rest (conditions) go under the heading.
    let general: Vec<Diagnostic> = props
        .findings
        .iter()
        .filter(|d| ![&lane_path, &name_path, &teams_path].contains(&&d.path))
        .cloned()
        .collect();
    let delete = {
        let (on_edit, id) = (on_edit.clone(), rule.id.clone());
        Callback::from(move |()| on_edit.emit(Edit::DeleteRule(id.clone())))
    };
    let more = props.deletion.clone();
    let on_asking = {
        let (told, id) = (props.on_asking.clone(), rule.id.clone());
        Some(Callback::from(move |on: bool| told.emit((id.clone(), on))))
    };
    // A rule without a name is called by its number, so no label reads
    // "Move rule  up".
    let called = match rule.name.trim() {
        "" => format!("rule {}", i + 1),
        name => format!("rule {name}"),
    };
    let id = rule.id.clone();
    let moved = move |direction| Edit::MoveRule {
        rule: id.clone(),
        direction,
    };
    // Only the card being worked in reads out what it catches: a move or
    // a new rule changes many cards' lines at once.
    let working = use_state_eq(|| false);
    let (onfocusin, onfocusout) = {
        let (into, out) = (working.clone(), working.clone());
        (
            Callback::from(move |_: FocusEvent| into.set(true)),
            Callback::from(move |_: FocusEvent| out.set(false)),
        )
    };
    html! {
        <article class={classes!("card", "rule-card", (!rule.enabled).then_some("disabled"))} id={format!("rule-{}", rule.id)}
            tabindex="-1" aria-labelledby={fid("title")} {onfocusin} {onfocusout}>
            <header class="card-head">
                <h3 id={fid("title")}><span class="rule-number">{ format!("{}.", i + 1) }</span>{ " " }{ title(&rule.name) }</h3>
                <div class="row" role="group" aria-label={format!("Arrange {called}")}>
                    <CheckField id={fid("enabled")} label="Enabled" checked={rule.enabled}
                        on_change={rule_edit(on_edit, &rule.id, RuleField::Enabled)} />
                    <MoveButtons id={format!("rule-{}", rule.id)} what={called.clone()} index={props.index}
                        count={props.count} on_move={on_edit.reform(moved)} />
                    <ConfirmButton label="Delete…" aria_label={AttrValue::from(format!("Delete {called}"))}
                        question={match rule.name.trim() {
                            "" => format!("Delete {called}?"),
                            name => format!("Delete “{name}”?"),
                        }} confirm="Delete rule" {more} {on_asking}
                        on_confirm={delete} />
                </div>
            </header>
            <div id={fid("notes")} class="field-notes">{ notes(&general, on_edit) }</div>
            <div class="grid-3">
                <Field id={fid("name")} label="Rule name" value={rule.name.clone()} findings={findings_at(&props.findings, &name_path)}
                    on_change={rule_edit(on_edit, &rule.id, RuleField::Name)} />
                <SelectField id={fid("lane")} label="Send to lane" choices={Choices::of_lanes(&props.lanes,
                    &rule.lane, rule_edit(on_edit, &rule.id, RuleField::Lane))} />
                <Field id={fid("tags")} label="Journey has any tag" value={rule.when.tags.join(", ")}
                    on_change={rule_edit(on_edit, &rule.id, |v: String| RuleField::Tags(split_tags(&v)))} />
                <MoneyField id={fid("min")} label="Revenue per recipient at least" value={rule.when.min_revenue_per_recipient}
                    on_change={rule_edit(on_edit, &rule.id, RuleField::MinRevenue)} />
                <MoneyField id={fid("max")} label="Revenue per recipient at most" value={rule.when.max_revenue_per_recipient}
                    on_change={rule_edit(on_edit, &rule.id, RuleField::MaxRevenue)} />
            </div>
            { notes(&findings_at(&props.findings, &lane_path), on_edit) }
            <div class="conditions">
                { checks(&fid("intents"), "Intent is any of (none ticked: any intent)", &Intent::ALL, Intent::label,
                    &rule.when.intents, rule_edit(on_edit, &rule.id, |(intent, on)| RuleField::Intent { intent, on })) }
                { checks(&fid("triggers"), "Trigger is any of (none ticked: any trigger)", &TriggerKind::ALL, TriggerKind::label,
                    &rule.when.trigger_kinds, rule_edit(on_edit, &rule.id, |(kind, on)| RuleField::TriggerKind { kind, on })) }
                { checks(&fid("audiences"), "Audience is any of (none ticked: any audience)", &Audience::ALL, Audience::label,
                    &rule.when.audiences, rule_edit(on_edit, &rule.id, |(audience, on)| RuleField::Audience { audience, on })) }
            </div>
            if !rule.when.owning_teams.is_empty() {
                // Plans written elsewhere may carry teams; the card names
                // them and its fix is where a finding about them opens.
                <div class="field-notes">
                    <p>{ format!("Owning team is any of: {}.", rule.when.owning_teams.join(", ")) }</p>
                    for d in findings_at(&props.findings, &teams_path) {
                        { note(&d, on_edit, Some(fid("teams").into())) }
                    }
                </div>
            }
            <p class="caught" aria-live={(*working).then_some("polite")} id={fid("caught")}>
                if props.caught.is_empty() {
                    { "Catches no journeys." }
                } else {
                    <strong>{ format!("Catches {}: ", props.caught.len()) }</strong>
                    { props.caught.iter().map(AttrValue::as_str).collect::<Vec<_>>().join(", ") }
                    if !props.lanes.iter().any(|(id, _)| id.as_str() == rule.lane) {
                        { format!("; its lane “{}” is missing, so they have no lane.", rule.lane) }
                    }
                }
            </p>
        </article>
    }
}

/// The id of the control named `control` on rule `rule`'s card: the first
/// box of a group of conditions, the fix of the owning teams.
pub fn control_id(rule: &str, control: &str) -> String {
    match control {
        "intents" | "triggers" | "audiences" => format!("rule-{rule}-{control}-0"),
        _ => format!("rule-{rule}-{control}"),
    }
}

/// A fieldset of checkboxes, one per choice; ticking one sends the choice
/// and whether it is now on.
fn checks<T: Copy + PartialEq + 'static>(
    id: &str,
    legend: &'static str,
    all: &[T],
    label: fn(T) -> &'static str,
    ticked: &[T],
    on_change: Callback<(T, bool)>,
) -> Html {
    html! {
        <fieldset class="check-group" id={id.to_string()}>
            <legend>{ legend }</legend>
            for (index, choice) in all.iter().copied().enumerate() {
                <CheckField id={format!("{id}-{index}")} label={label(choice)} checked={ticked.contains(&choice)}
                    on_change={on_change.reform(move |on: bool| (choice, on))} />
            }
        </fieldset>
    }
}

/// A rule's title after its number: its name, or a word saying it has none.
fn title(name: &str) -> String {
    match name.trim() {
        "" => "(unnamed)".to_string(),
        name => name.to_string(),
    }
}
