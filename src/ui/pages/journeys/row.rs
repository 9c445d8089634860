//! One journey's row in the journeys table and, when open, its editor:
//! name, intent, audience, trigger, cadence, volume and the lane override.

use std::rc::Rc;

use yew::prelude::*;

use super::JourneyMemory;
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{once_note, Edit, JourneyField};
use crate::plan::model::{
    split_tags, Audience, Cadence, Intent, Journey, Trigger, TriggerKind, Weekday,
};
use crate::plan::ranges::{MAX_DAILY_VOLUME, MAX_MINUTES, MAX_REVENUE};
use crate::plan::routing::{Reason, Route};
use crate::plan::schedule::per_send;
use crate::ui::fields::{
    findings_at, focus, notes, on_escape, Choices, ConfirmButton, Field, InputKind, NumberField,
    SelectField,
};
use crate::ui::kept::Kept;
use crate::ui::pages::maybe_edit;
use crate::units::{cents, group};

#[derive(Properties, PartialEq)]
pub struct JourneyRowProps {
    pub journey: Journey,
    /// The journey's position in the plan, which findings' paths use.
    pub index: usize,
    pub route: Route,
    /// The lane's name; `None` when the journey is unrouted.
    pub lane: Option<AttrValue>,
    /// The route in words: the override, the rule, or the default lane.
    pub why: AttrValue,
    pub open: bool,
    /// (lane id, lane name) of every lane, for the override.
    pub lanes: Rc<Vec<(AttrValue, AttrValue)>>,
    /// Findings whose path is in this journey.
    #[prop_or_default]
    pub findings: Vec<Diagnostic>,
    /// What the journey's editor remembers, which outlives the row.
    #[prop_or_default]
    pub memory: Kept<JourneyMemory>,
    pub on_edit: Callback<Edit>,
    /// Opens a journey's editor, or closes it with `None`.
    pub on_toggle: Callback<Option<String>>,
}

impl JourneyRowProps {
    /// The id of one of the editor's fields.
    fn field_id(&self, field: &str) -> AttrValue {
        format!("journey-{}-{field}", self.journey.id).into()
    }

    /// The findings about one field of the journey, such as `audience`.
    fn at(&self, field: &str) -> Vec<Diagnostic> {
        let path = format!("$.journeys[{}].{field}", self.index);
        findings_at(&self.findings, &path)
    }
}

/// One journey's row and, when open, its editor below it.
#[component]
pub fn JourneyRow(props: &JourneyRowProps) -> Html {
    let j = &props.journey;
    // Each kind of trigger the journey has had, so switching away and back
    // brings back the event, segment or schedule the user set, and the
    // send day and date a cadence change sets aside.
    props.memory.with(|m| m.note(&j.trigger));
    let reason_class = match props.route.reason {
        Reason::Override => "reason override",
        Reason::Rule { .. } => "reason rule",
        Reason::Default => "reason default",
        Reason::Unrouted { .. } => "reason unrouted",
    };
    let toggle = {
        let (on_toggle, id, open) = (props.on_toggle.clone(), j.id.clone(), props.open);
        Callback::from(move |_: MouseEvent| on_toggle.emit((!open).then(|| id.clone())))
    };
    // The accessible name starts with the visible word, so speech input finds it.
    let verb = if props.open { "Close" } else { "Edit" };
    let button = use_node_ref();
    let escape = {
        let (on_toggle, button) = (props.on_toggle.clone(), button.clone());
        on_escape(move || {
            on_toggle.emit(None);
            focus(&button);
        })
    };
    html! {
        <>
            // Escape closes the editor from its row's Close button too.
            <tr id={format!("journey-{}", j.id)} tabindex="-1" onkeydown={props.open.then(|| escape.clone())}
                class={classes!("journey-row", props.open.then_some("open"))}>
                <th scope="row">{ clamped(j.called().to_string()) }</th>
                <td>{ j.intent.label() }</td>
                <td class="trigger">{ j.trigger.summary() }</td>
                <td class="num">{ j.volume_cell() }</td>
                <td class="num">{ cents(j.revenue_per_recipient) }</td>
                <td class="lane-cell">{ props.lane.clone().map_or(html! { "—" }, clamped) }</td>
                <td class={reason_class}>{ clamped(props.why.clone()) }</td>
                <td>
                    <button type="button" id={format!("journey-{}-edit", j.id)} onclick={toggle} ref={button}
                        aria-expanded={props.open.to_string()} aria-controls={format!("journey-editor-{}", j.id)}
                        aria-label={format!("{verb} {}", j.called())}>{ verb }</button>
                </td>
            </tr>
            if props.open {
                <tr class="editor-row" onkeydown={escape}>
                    <td colspan="8">{ editor(props) }</td>
                </tr>
            }
        </>
    }
}

/// Longer text than this may take more than two lines of a cell.
const CLAMP_CHARS: usize = 40;

/// Text of a row's cell. Long text shows in at most two lines, so a very
/// long name does not make the row tall, with the whole text as its title;
/// short text stays a plain text node, which keeps the table's layout cheap.
fn clamped(text: impl Into<AttrValue>) -> Html {
    let text = text.into();
    if text.chars().count() <= CLAMP_CHARS {
        return html! { { text } };
    }
    html! { <span class="clamp" title={text.clone()}>{ text }</span> }
}

/// The choices of a unit enum field of journey `id`.
fn journey_choice<E: serde::Serialize + Copy + PartialEq + 'static>(
    on_edit: &Callback<Edit>,
    id: &str,
    all: &[E],
    label: fn(E) -> &'static str,
    current: E,
    field: fn(E) -> JourneyField,
) -> Choices {
    Choices::of_enum(
        all,
        label,
        current,
        journey_edit(on_edit, id, move |v| Some(field(v))),
    )
}

/// A callback that turns a field's value into an edit of journey `id`;
/// a value that is not one (an unknown option) changes nothing.
fn journey_edit<T: 'static>(
    on_edit: &Callback<Edit>,
    id: &str,
    field: impl Fn(T) -> Option<JourneyField> + 'static,
) -> Callback<T> {
    let id = id.to_string();
    maybe_edit(on_edit, move |value: T| {
        field(value).map(|set| Edit::Journey {
            journey: id.clone(),
            set,
        })
    })
}

fn editor(props: &JourneyRowProps) -> Html {
    let j = &props.journey;
    let on_edit = &props.on_edit;
    let (fid, at) = (|f: &str| props.field_id(f), |f: &str| props.at(f));
    let about = findings_at(&props.findings, &format!("$.journeys[{}]", props.index));
    let set =
        |field: fn(String) -> JourneyField| journey_edit(on_edit, &j.id, move |v| Some(field(v)));
    let delete = {
        let (on_edit, on_toggle, id) = (on_edit.clone(), props.on_toggle.clone(), j.id.clone());
        Callback::from(move |()| {
            on_edit.emit(Edit::DeleteJourney(id.clone()));
            on_toggle.emit(None);
        })
    };
    html! {
        // Focusable by script, for the focus a fix moves out of its note.
        <div class="journey-form" id={format!("journey-editor-{}", j.id)} tabindex="-1">
            { notes(&about, on_edit) }
            <div class="grid-3">
                <Field id={fid("name")} label="Name" value={j.name.clone()} findings={at("name")}
                    on_change={set(JourneyField::Name)} />
                <div>
                    <SelectField id={fid("intent")} label="Intent"
                        choices={journey_choice(on_edit, &j.id, &Intent::ALL, Intent::label, j.intent, JourneyField::Intent)} />
                    { notes(&at("intent"), on_edit) }
                </div>
                <div>
                    <SelectField id={fid("lane")} label="Lane" choices={override_choices(j, &props.lanes,
                        journey_edit(on_edit, &j.id, |v| Some(JourneyField::LaneOverride(v))))} />
                    { notes(&at("lane_override"), on_edit) }
                </div>
                <JourneyVolume id={fid("volume")} journey={j.clone()} once_from={props.memory.with(|m| m.once_from())}
                    findings={at("daily_volume")}
                    on_change={journey_edit(on_edit, &j.id, |n: f64| Some(JourneyField::DailyVolume(n as u32)))} />
                <NumberField id={fid("revenue")} label="Revenue per recipient ($)" value={j.revenue_per_recipient}
                    min={0.0} max={MAX_REVENUE} step={0.01} findings={at("revenue_per_recipient")}
                    on_change={journey_edit(on_edit, &j.id, |n: f64| Some(JourneyField::RevenuePerRecipient(n)))} />
                <div>
                    <SelectField id={fid("audience")} label="Audience"
                        choices={journey_choice(on_edit, &j.id, &Audience::ALL, Audience::label, j.audience, JourneyField::Audience)} />
                    { notes(&at("audience"), on_edit) }
                </div>
                <Field id={fid("team")} label="Owning team" value={j.owning_team.clone()} findings={at("owning_team")}
                    help="Recorded for people; routing follows intent, never the team."
                    on_change={set(JourneyField::OwningTeam)} />
                <Field id={fid("tags")} label="Tags" value={j.tags.join(", ")} findings={at("tags")}
                    help="Comma-separated; rules can match on them."
                    on_change={set(|v| JourneyField::Tags(split_tags(&v)))} />
            </div>
            <p class="help">{ "A lane override wins over every rule; use it sparingly." }</p>
            <fieldset class="group">
                <legend>{ "Trigger" }</legend>
                <div class="grid-3">
                    <div>
                        <SelectField id={fid("trigger")} label="Starts on"
                            choices={trigger_choices(on_edit, j, &props.memory)} />
                        { notes(&at("trigger"), on_edit) }
                    </div>
                    { trigger_fields(props) }
                </div>
            </fieldset>
            <div class="row end">
                <ConfirmButton label="Delete journey…" question={match j.name.trim() {
                    "" => "Delete this unnamed journey?".to_string(),
                    name => format!("Delete “{name}”?"),
                }}
                    confirm="Delete journey" on_confirm={delete} />
            </div>
        </div>
    }
}

/// The kinds of trigger to choose from: one the journey had before comes
/// back as it was, a new one with its kind's defaults.
fn trigger_choices(on_edit: &Callback<Edit>, j: &Journey, memory: &Kept<JourneyMemory>) -> Choices {
    let memory = memory.clone();
    let pick = journey_edit(on_edit, &j.id, move |kind: TriggerKind| {
        Some(match memory.with(|m| m.earlier.get(&kind).cloned()) {
            Some(trigger) => JourneyField::Trigger(trigger),
            None => JourneyField::TriggerKind(kind),
        })
    });
    Choices::of_enum(
        &TriggerKind::ALL,
        TriggerKind::label,
        j.trigger.kind(),
        pick,
    )
}

/// The cadences to choose from: a change brings back the send day or date
/// an earlier change set aside (`SetAside::cadence`).
fn cadence_choices(
    on_edit: &Callback<Edit>,
    j: &Journey,
    current: Cadence,
    memory: &Kept<JourneyMemory>,
) -> Choices {
    let memory = memory.clone();
    let pick = journey_edit(on_edit, &j.id, move |to: Cadence| {
        Some(memory.with(|m| m.cadence(to)))
    });
    Choices::of_enum(&Cadence::ALL, Cadence::option, current, pick)
}

/// The fields of the journey's kind of trigger.
fn trigger_fields(props: &JourneyRowProps) -> Html {
    let j = &props.journey;
    let on_edit = &props.on_edit;
    let (fid, at) = (|f: &str| props.field_id(f), |f: &str| props.at(f));
    let minutes = |field: fn(u32) -> JourneyField| {
        journey_edit(on_edit, &j.id, move |n: f64| Some(field(n as u32)))
    };
    match &j.trigger {
        Trigger::Event {
            event_name,
            latency_minutes,
            delay_minutes,
        } => html! {
            <>
                <Field id={fid("event")} label="Event name" value={event_name.clone()} findings={at("trigger.event_name")}
                    on_change={journey_edit(on_edit, &j.id, |v: String| Some(JourneyField::EventName(v)))} />
                <NumberField id={fid("latency")} label="Event arrives within (min)" value={f64::from(*latency_minutes)}
                    min={0.0} max={f64::from(MAX_MINUTES)} step={1.0} findings={at("trigger.latency_minutes")}
                    on_change={minutes(JourneyField::LatencyMinutes)} />
                <NumberField id={fid("delay")} label="Sends after (min)" value={f64::from(*delay_minutes)}
                    min={0.0} max={f64::from(MAX_MINUTES)} step={1.0} findings={at("trigger.delay_minutes")}
                    on_change={minutes(JourneyField::DelayMinutes)} />
            </>
        },
        Trigger::SegmentEntry { segment } => html! {
            <Field id={fid("segment")} label="Segment" value={segment.clone()} findings={at("trigger.segment")}
                on_change={journey_edit(on_edit, &j.id, |v: String| Some(JourneyField::Segment(v)))} />
        },
        Trigger::Scheduled {
            cadence,
            send_day,
            send_date,
        } => html! {
            <>
                <div>
                    <SelectField id={fid("cadence")} label="Cadence"
                        choices={cadence_choices(on_edit, j, *cadence, &props.memory)} />
                    { notes(&at("trigger.cadence"), on_edit) }
                </div>
                if *cadence == Cadence::OneOff {
                    <Field id={fid("send_date")} label="Send date" kind={InputKind::Date}
                        value={send_date.clone().unwrap_or_default()} findings={at("trigger.send_date")}
                        on_fix={Some(on_edit.clone())}
                        help="The one day this send goes out: its messages count that day only."
                        on_change={journey_edit(on_edit, &j.id, |v: String| Some(JourneyField::SendDate(v)))} />
                } else if *cadence != Cadence::Daily {
                    <SelectField id={fid("send_day")} label="Send day" help={send_day_help(j, *cadence, *send_day)}
                        choices={Choices::of_optional_enum(("spread", "Spread over every day"), &Weekday::ALL,
                            Weekday::label, *send_day, journey_edit(on_edit, &j.id, |d| Some(JourneyField::SendDay(d))))} />
                }
            </>
        },
        Trigger::ApiBroadcast { broadcast } => html! {
            <Field id={fid("broadcast")} label="Broadcast" value={broadcast.clone()} findings={at("trigger.broadcast")}
                help="The API-triggered broadcast the brand's systems start."
                on_change={journey_edit(on_edit, &j.id, |v: String| Some(JourneyField::Broadcast(v)))} />
        },
        Trigger::TransactionalApi { message } => html! {
            <Field id={fid("message")} label="Transactional message" value={message.clone()} findings={at("trigger.message")}
                help="The message's name or id in the platform's transactional API."
                on_change={journey_edit(on_edit, &j.id, |v: String| Some(JourneyField::TransactionalMessage(v)))} />
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct JourneyVolumeProps {
    pub id: AttrValue,
    pub journey: Journey,
    /// The cadence the journey had before the editor changed it to a
    /// one-off, if it did.
    #[prop_or_default]
    pub once_from: Option<Cadence>,
    #[prop_or_default]
    pub findings: Vec<Diagnostic>,
    pub on_change: Callback<f64>,
}

/// A journey's volume, labelled for a day's mail or a one-off's send. Just
/// after a change to a one-off, its help says the number kept now counts
/// the whole send.
#[component]
pub fn JourneyVolume(props: &JourneyVolumeProps) -> Html {
    let j = &props.journey;
    let help = match once_note(j, props.once_from) {
        Some(note) => note.into(),
        None => volume_help(&j.trigger, j.daily_volume),
    };
    html! {
        <NumberField id={props.id.clone()} label={j.volume_label()} value={f64::from(j.daily_volume)} {help}
            min={0.0} max={f64::from(MAX_DAILY_VOLUME)} step={1.0} findings={props.findings.clone()}
            on_change={props.on_change.clone()} />
    }
}

/// What the send day does to the journey's mail, in its own figures.
/// A scheduled journey's volume is a daily average: the help says what a
/// send then holds, since teams often think of a send's size.
fn volume_help(trigger: &Trigger, daily: u32) -> AttrValue {
    match trigger {
        Trigger::Scheduled {
            cadence: Cadence::OneOff,
            ..
        } => "A one-off sends this many once, on its send date.".into(),
        // Spread over every day, there is no send to size.
        Trigger::Scheduled {
            cadence,
            send_day: None,
            ..
        } if *cadence != Cadence::Daily => {
            "A daily average over the cadence, sent every day until a send day is chosen.".into()
        }
        Trigger::Scheduled { cadence, .. } if *cadence != Cadence::Daily => format!(
            "A daily average over the cadence: about {} a send.",
            group(crate::plan::schedule::send_size(*cadence, daily))
        )
        .into(),
        _ => AttrValue::default(),
    }
}

fn send_day_help(j: &Journey, cadence: Cadence, send_day: Option<Weekday>) -> AttrValue {
    match send_day {
        Some(day) => per_send(cadence, day, j.daily_volume).into(),
        None => "Messages per day go out every day. Choose a day to send them together, as the warm-up cap and reputation will see them.".into(),
    }
}

/// "Route by rules", then each lane, then the missing lane the journey
/// names, if it names one, so the select shows what the plan says. Each
/// lane's option begins with its name, so typing a name picks it.
fn override_choices(
    j: &Journey,
    lanes: &[(AttrValue, AttrValue)],
    on_pick: Callback<Option<String>>,
) -> Choices {
    let always: Vec<_> = lanes
        .iter()
        .map(|(id, name)| (id.clone(), AttrValue::from(format!("{name} (always)"))))
        .collect();
    Choices::of_optional_lanes(
        "Route by rules",
        &always,
        j.lane_override.as_deref(),
        on_pick,
    )
}
