//! The preference page: which subscription topics' unsubscribes suppress
//! which lanes, which lanes offer one-click unsubscribe, and how fast an
//! unsubscribe takes effect, with the policy's findings.

use std::rc::Rc;

use yew::prelude::*;

use super::fields::FindingList;
use crate::diagnostic::Diagnostic;
use crate::plan::model::{Plan, Purpose, TopicKind};

#[derive(Properties, PartialEq)]
pub struct PreferencesPageProps {
    pub plan: Rc<Plan>,
    /// Findings about the policy (`$.preferences…`).
    pub findings: Vec<Diagnostic>,
}

#[component]
pub fn PreferencesPage(props: &PreferencesPageProps) -> Html {
    let plan = &props.plan;
    let p = &plan.preferences;
    html! {
        <section aria-labelledby="preferences-heading" class="preferences">
            <h2 id="preferences-heading" tabindex="-1">{ "Unsubscribes and preferences" }</h2>
            <p class="muted">{ "Decide whether promotional unsubscribes should affect lifecycle messages. Many brands keep transactional mail required and let people opt out of promotions and some lifecycle nudges separately. Tick the lanes an unsubscribe from each topic stops." }</p>
            <table class="matrix">
                <caption class="visually-hidden">{ "Topics against lanes: which unsubscribes suppress which lanes" }</caption>
                <thead><tr>
                    <th scope="col">{ "Topic" }</th>
                    <th scope="col">{ "Kind" }</th>
                    for lane in plan.lanes.iter() {
                        <th scope="col">
                            { lane.name.clone() }
                            if lane.name != lane.purpose.label() {
                                <span class="muted">{ format!(" ({})", lane.purpose.label()) }</span>
                            }
                        </th>
                    }
                    <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                </tr></thead>
                <tbody>
                    for topic in p.topics.iter() {
                        <tr id={format!("topic-{}", topic.id)}>
                            <th scope="row">
                                <input type="text" id={format!("topic-{}-name", topic.id)} value={topic.name.clone()}
                                    data-edit={format!("topic:{}:name", topic.id)} aria-label="Topic name" />
                            </th>
                            <td>
                                <select id={format!("topic-{}-kind", topic.id)} data-edit={format!("topic:{}:kind", topic.id)}
                                    aria-label={format!("Kind of {}", topic.name)}>
                                    for kind in TopicKind::ALL {
                                        <option value={super::enum_key(kind)} selected={kind == topic.kind}>{ kind.label() }</option>
                                    }
                                </select>
                            </td>
                            for lane in plan.lanes.iter() {
                                <td class={classes!((lane.purpose == Purpose::Transactional && topic.suppresses.contains(&lane.id)).then_some("wrong"))}>
                                    <input type="checkbox" id={format!("topic-{}-lane-{}", topic.id, lane.id)}
                                        checked={topic.suppresses.contains(&lane.id)}
                                        data-edit={format!("topic:{}:lane-{}", topic.id, lane.id)}
                                        aria-label={format!("Unsubscribing from {} stops {}", topic.name, lane.name)} />
                                </td>
                            }
                            <td><button type="button" class="link" data-action={format!("topic-delete:{}", topic.id)}>{ "Delete" }</button></td>
                        </tr>
                    }
                    <tr class="one-click">
                        <th scope="row" colspan="2">{ "One-click unsubscribe (RFC 8058)" }</th>
                        for lane in plan.lanes.iter() {
                            <td>
                                <input type="checkbox" id={format!("one-click-{}", lane.id)}
                                    checked={p.one_click_lanes.contains(&lane.id)}
                                    data-edit={format!("one_click:{}", lane.id)}
                                    aria-label={format!("{} offers one-click unsubscribe", lane.name)} />
                            </td>
                        }
                        <td></td>
                    </tr>
                </tbody>
            </table>
            <p class="actions">
                <button type="button" data-action="topic-add">{ "Add a topic" }</button>
                if p.topics.is_empty() {
                    { " " }<button type="button" data-action="topics-standard">{ "Add the standard topics" }</button>
                }
            </p>
            <div class="field narrow">
                <label for="processing-days">{ "Days for an unsubscribe to reach every lane" }</label>
                <input type="number" id="processing-days" min="0" max="60" value={p.processing_days.to_string()}
                    data-edit="preferences:processing_days" aria-describedby="processing-days-help" />
                <p class="help" id="processing-days-help">{ "Gmail and Yahoo require two days or less for bulk senders." }</p>
            </div>
            <h3>{ "Policy findings" }</h3>
            <FindingList findings={props.findings.clone()} empty="The policy has no gaps." />
        </section>
    }
}
