//! The preference page: which subscription topics' unsubscribes suppress
//! which lanes, which lanes offer one-click unsubscribe, and how fast an
//! unsubscribe takes effect, with the policy's findings.

use std::rc::Rc;

use yew::prelude::*;

use super::{neighbours, use_edit_focusing, PageProps};
use crate::plan::edit::{added_id, Edit, TopicField};
use crate::plan::model::{Plan, Purpose, Topic, TopicKind};
use crate::plan::ranges::PROCESSING_DAYS;
use crate::review::lint::standard_preferences;
use crate::ui::fields::{
    use_read_only, CellCheck, CellInput, CellSelect, Choices, FindingList, NumberField,
};

#[component]
pub fn PreferencesPage(props: &PageProps) -> Html {
    let locked = use_read_only();
    let on_edit = use_edit_focusing(props, topic_focus);
    let plan = &props.plan;
    let p = &plan.preferences;
    let findings: Vec<_> = props
        .findings
        .all
        .iter()
        .filter(|d| d.path.starts_with("$.preferences"))
        .cloned()
        .collect();
    let columns: Rc<Vec<Column>> = Rc::new(
        plan.lanes
            .iter()
            .map(|l| Column {
                id: l.id.clone(),
                name: l.name.clone(),
                transactional: l.purpose == Purpose::Transactional,
            })
            .collect(),
    );
    html! {
        <section aria-labelledby="preferences-heading" class="preferences">
            <h2 id="preferences-heading" tabindex="-1">{ "Unsubscribes and preferences" }</h2>
            <p class="muted">{ "Decide whether promotional unsubscribes should affect lifecycle messages. Many brands keep transactional mail required and let people opt out of promotions and some lifecycle nudges separately. Tick the lanes an unsubscribe from each topic stops; an “All marketing” topic must stop every marketing lane." }</p>
            <table class="matrix">
                <caption class="visually-hidden">{ "Topics against lanes: which unsubscribes suppress which lanes" }</caption>
                <thead><tr>
                    <th scope="col">{ "Topic" }</th>
                    <th scope="col">{ "Kind" }</th>
                    for lane in plan.lanes.iter() {
                        <th scope="col" key={lane.id.clone()}>
                            // A long name shows its first lines, so the
                            // topics' own columns keep room to be edited.
                            <span class="clamp" title={lane.name.clone()}>{ lane.name.clone() }</span>
                            if lane.name != lane.purpose.label() {
                                <span class="muted">{ format!(" ({})", lane.purpose.label()) }</span>
                            }
                        </th>
                    }
                    <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                </tr></thead>
                <tbody>
                    for topic in p.topics.iter() {
                        <TopicRow key={topic.id.clone()} topic={topic.clone()} lanes={columns.clone()}
                            on_edit={on_edit.clone()} />
                    }
                    <tr class="one-click">
                        <th scope="row" colspan="2">{ "One-click unsubscribe (RFC 8058)" }</th>
                        for lane in plan.lanes.iter() {
                            <td key={lane.id.clone()}>
                                <CellCheck id={one_click_control(&lane.id)}
                                    checked={p.one_click_lanes.contains(&lane.id)}
                                    label={format!("{} offers one-click unsubscribe", lane.name)}
                                    on_change={props.edit({ let lane = lane.id.clone(); move |on| Edit::SetOneClick { lane: lane.clone(), on } })} />
                            </td>
                        }
                        <td></td>
                    </tr>
                </tbody>
            </table>
            <p class="actions">
                <button type="button" disabled={locked} id="add-topic" onclick={on_edit.reform(|_: MouseEvent| Edit::AddTopic)}>{ "Add a topic" }</button>
                if p.topics.is_empty() {
                    { " " }
                    <button type="button" disabled={locked} onclick={{
                        let standard = standard_preferences(plan);
                        on_edit.reform(move |_: MouseEvent| Edit::SetPreferences(standard.clone()))
                    }}>
                        { "Add the standard topics and one-click unsubscribe" }
                    </button>
                }
            </p>
            <div class="field narrow">
                <NumberField id="processing-days" label="Days for an unsubscribe to reach every lane"
                    value={f64::from(p.processing_days)} min={PROCESSING_DAYS.lowest()} max={PROCESSING_DAYS.highest()}
                    help="Gmail and Yahoo require two days or less for bulk senders."
                    on_change={props.edit(|n: f64| Edit::SetProcessingDays(n as u32))} />
            </div>
            <h3>{ "Policy findings" }</h3>
            <FindingList {findings} empty="The policy has no gaps." on_edit={props.on_edit.clone()} />
        </section>
    }
}

/// What a topic's row needs of a lane, so a row redraws only when its
/// topic or these change.
#[derive(PartialEq)]
struct Column {
    id: String,
    name: String,
    transactional: bool,
}

/// The id of a topic's row, or of the control for `field` in it (`name`,
/// `kind`, or a lane's box, `topic_lane_control`), which Open and the
/// focus after an edit land on.
pub fn topic_control(topic: &str, field: Option<&str>) -> String {
    match field {
        Some(field) => format!("topic-{topic}-{field}"),
        None => format!("topic-{topic}"),
    }
}

/// The id of the box in `topic`'s row that says whether its unsubscribe
/// stops `lane`.
pub fn topic_lane_control(topic: &str, lane: &str) -> String {
    topic_control(topic, Some(&format!("lane-{lane}")))
}

/// The id of a lane's one-click unsubscribe box.
pub fn one_click_control(lane: &str) -> String {
    format!("one-click-{lane}")
}

/// Where the focus goes after a topic is added (its name) or deleted (the
/// name of the topic beside it, or the Add button).
fn topic_focus(plan: &Plan, edit: &Edit) -> Vec<String> {
    let name = |id: &str| topic_control(id, Some("name"));
    match edit {
        Edit::AddTopic => added_id(plan, edit)
            .map(|id| name(&id))
            .into_iter()
            .collect(),
        Edit::DeleteTopic(gone) => {
            let ids: Vec<&str> = plan
                .preferences
                .topics
                .iter()
                .map(|t| t.id.as_str())
                .collect();
            neighbours(&ids, gone, name, "add-topic")
        }
        // The standard topics replace the button that added them.
        Edit::SetPreferences(standard) => (standard.topics.first())
            .map(|t| name(&t.id))
            .into_iter()
            .chain(["add-topic".to_string()])
            .collect(),
        _ => Vec::new(),
    }
}

#[derive(Properties, PartialEq)]
struct TopicRowProps {
    topic: Topic,
    lanes: Rc<Vec<Column>>,
    on_edit: Callback<Edit>,
}

/// A callback setting a field of the topic with id `topic`.
fn topic_edit<T: 'static>(
    on_edit: &Callback<Edit>,
    topic: &str,
    make: fn(T) -> TopicField,
) -> Callback<T> {
    let topic = topic.to_string();
    on_edit.reform(move |value| Edit::Topic {
        topic: topic.clone(),
        set: make(value),
    })
}

/// A topic's name, kind, the lanes its unsubscribe stops, and a delete
/// button. Ticking a transactional lane is marked as wrong.
#[component]
fn TopicRow(props: &TopicRowProps) -> Html {
    let locked = use_read_only();
    let topic = &props.topic;
    let suppress = |lane: &str| {
        let (on_edit, id, lane) = (props.on_edit.clone(), topic.id.clone(), lane.to_string());
        Callback::from(move |on: bool| {
            on_edit.emit(Edit::Topic {
                topic: id.clone(),
                set: TopicField::Suppresses {
                    lane: lane.clone(),
                    on,
                },
            })
        })
    };
    let delete = {
        let (on_edit, id) = (props.on_edit.clone(), topic.id.clone());
        Callback::from(move |_: MouseEvent| on_edit.emit(Edit::DeleteTopic(id.clone())))
    };
    html! {
        <tr id={topic_control(&topic.id, None)}>
            <th scope="row">
                <CellInput id={topic_control(&topic.id, Some("name"))} label={format!("Name of topic {}", topic.name)} value={topic.name.clone()}
                    on_change={topic_edit(&props.on_edit, &topic.id, TopicField::Name)} />
            </th>
            <td>
                <CellSelect id={topic_control(&topic.id, Some("kind"))} label={format!("Kind of {}", topic.name)}
                    choices={Choices::of_enum(&TopicKind::ALL, TopicKind::label, topic.kind,
                        topic_edit(&props.on_edit, &topic.id, TopicField::Kind))} />
            </td>
            for lane in props.lanes.iter() {
                {{
                    let on = topic.suppresses.contains(&lane.id);
                    let wrong = lane.transactional && on;
                    html! {
                        <td key={lane.id.clone()} class={classes!(wrong.then_some("wrong"))}>
                            <CellCheck id={topic_lane_control(&topic.id, &lane.id)} checked={on}
                                label={format!("Unsubscribing from {} stops {}", topic.name, lane.name)}
                                on_change={suppress(&lane.id)} />
                        </td>
                    }
                }}
            }
            <td><button type="button" disabled={locked} class="link" onclick={delete}
                aria-label={format!("Delete topic {}", topic.name)}>{ "Delete" }</button></td>
        </tr>
    }
}
