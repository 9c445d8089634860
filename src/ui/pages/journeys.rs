//! The journeys page: every journey with its lane and the reason it is
//! there, filters by lane and intent, and an editor for one journey at a
//! time. The filters and the open editor belong to the page, not the plan,
//! so they survive every edit and undo. Each journey is a `JourneyRow` with
//! its own props, so an edit re-renders only the rows it changed, which
//! keeps the page quick with hundreds of journeys.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use super::{item_focus, lane_choices, maybe_edit, use_edit_focusing, PageProps};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{once_note, Edit, JourneyField, SetAside};
use crate::plan::model::{
    split_tags, Audience, Cadence, Intent, Journey, Plan, Trigger, TriggerKind, Weekday,
};
use crate::plan::ranges::{MAX_DAILY_VOLUME, MAX_MINUTES, MAX_REVENUE};
use crate::plan::routing::{Reason, Route};
use crate::plan::schedule::per_send;
use crate::review::findings::Findings;
use crate::review::place::Place;
use crate::ui::fields::{
    findings_at, focus, notes, on_escape, use_focus_later, use_read_only, Choices, ConfirmButton,
    Field, InputKind, NumberField, SelectField,
};
use crate::ui::kept::Kept;
use crate::units::{cents, group};

/// Which journeys the lane filter lets through.
#[derive(Clone, Debug, PartialEq)]
pub enum LaneFilter {
    All,
    /// Journeys no lane takes.
    Unrouted,
    /// Journeys routed to the lane with this id.
    Lane(String),
}

/// The page's filters and open editor, which the shell keeps while the
/// user is on another tab, for the plan they were set on.
#[derive(Clone, Debug, PartialEq)]
pub struct JourneysView {
    pub plan_id: String,
    pub lane: LaneFilter,
    pub intent: Option<Intent>,
    pub open: Option<String>,
}

impl Default for JourneysView {
    fn default() -> Self {
        JourneysView {
            plan_id: String::new(),
            lane: LaneFilter::All,
            intent: None,
            open: None,
        }
    }
}

/// What a journey's editor remembers beyond the plan: each kind of trigger
/// the journey has had, and the send day and date its cadence changes set
/// aside.
#[derive(Default)]
pub struct JourneyMemory {
    earlier: HashMap<TriggerKind, Trigger>,
    set_aside: SetAside,
}

impl JourneyMemory {
    /// Notes the journey as a render shows it.
    fn note(&mut self, trigger: &Trigger) {
        self.earlier.insert(trigger.kind(), trigger.clone());
        self.set_aside.note(trigger);
    }

    /// The edit that changes the journey's cadence to `to`, bringing back
    /// what an earlier change set aside when `to` uses it.
    pub fn cadence(&self, to: Cadence) -> JourneyField {
        self.set_aside.cadence(to)
    }

    /// The cadence the journey had before the editor changed it to a
    /// one-off, while it is one.
    pub fn once_from(&self) -> Option<Cadence> {
        self.set_aside.once_from
    }
}

/// Each journey's `JourneyMemory`, for the plan it was set on. The shell
/// keeps it for the session, so closing an editor, filtering or a visit to
/// another tab forgets nothing; a journey deleted takes its memory with it,
/// so a new journey given its id starts afresh.
#[derive(Default)]
pub struct JourneyMemories {
    plan_id: String,
    by_journey: HashMap<String, Kept<JourneyMemory>>,
}

impl JourneyMemories {
    /// The memory of each journey of `plan`, in the plan's order; those of
    /// journeys it no longer has, or of another plan, are dropped.
    pub fn of(&mut self, plan: &Plan) -> Vec<Kept<JourneyMemory>> {
        let mut before = std::mem::take(&mut self.by_journey);
        if self.plan_id != plan.id {
            self.plan_id = plan.id.clone();
            before.clear();
        }
        plan.journeys
            .iter()
            .map(|j| {
                let memory = before.remove(&j.id).unwrap_or_default();
                self.by_journey.insert(j.id.clone(), memory.clone());
                memory
            })
            .collect()
    }
}

#[component]
pub fn JourneysPage(props: &PageProps) -> Html {
    let locked = use_read_only();
    let kept = use_context::<Kept<JourneysView>>();
    // Without the shell, as in a test, the page keeps its own.
    let own = use_memo((), |_| Kept::<JourneyMemories>::default());
    let memories = use_context::<Kept<JourneyMemories>>().unwrap_or_else(|| Kept::clone(&own));
    let plan_id = props.plan.id.clone();
    // Another plan's filters would name its lanes and journeys.
    let start = kept
        .as_ref()
        .map(Kept::get)
        .filter(|view| view.plan_id == plan_id)
        .unwrap_or_default();
    let lane_filter = use_state(|| start.lane.clone());
    // A filter on a lane since deleted falls back to every lane, rather
    // than hiding the journeys that lane carried.
    if matches!(&*lane_filter, LaneFilter::Lane(id) if !props.plan.lanes.iter().any(|l| l.id == *id))
    {
        lane_filter.set(LaneFilter::All);
    }
    let intent_filter = use_state(|| start.intent);
    let open = use_state(|| start.open.clone());
    {
        // Opening another plan starts its journeys unfiltered and closed.
        let (lane, intent, open, seen) = (
            lane_filter.clone(),
            intent_filter.clone(),
            open.clone(),
            use_mut_ref(|| plan_id.clone()),
        );
        use_effect_with(plan_id.clone(), move |id| {
            if *seen.borrow() != *id {
                *seen.borrow_mut() = id.clone();
                lane.set(LaneFilter::All);
                intent.set(None);
                open.set(None);
            }
        });
    }
    use_effect_with(
        (
            plan_id,
            (*lane_filter).clone(),
            *intent_filter,
            (*open).clone(),
        ),
        move |(plan_id, lane, intent, open)| {
            if let Some(kept) = kept {
                kept.set(JourneysView {
                    plan_id: plan_id.clone(),
                    lane: lane.clone(),
                    intent: *intent,
                    open: open.clone(),
                });
            }
        },
    );
    // The same callback on every render, so rows given it are drawn again
    // only when their own journey changes.
    let on_edit = use_edit_focusing(props, item_focus);
    // Whether the open editor's journey no longer matches the filters, as
    // last drawn: closing it then takes its row away.
    let kept_open = use_mut_ref(|| false);
    let on_toggle = use_toggle(&open, &kept_open);
    use_open_focused(props, &open, &lane_filter, &intent_filter);

    let plan = &props.plan;
    let lanes = lane_choices(plan);
    // Filtering and opening a row redraw the page without working out the
    // routes and findings again; an edit does.
    let derived = use_memo(
        (plan.clone(), props.findings.clone()),
        |(plan, findings)| journey_views(plan, findings),
    );
    let filters = Filters {
        lane: &lane_filter,
        intent: *intent_filter,
        open: &open,
    };
    let memories = memories.with(|m| m.of(plan));
    let rows: Vec<Html> = plan
        .journeys
        .iter()
        .zip(derived.iter())
        .zip(memories)
        .enumerate()
        .filter(|(_, ((journey, view), _))| filters.keeps(journey, view))
        .map(|(index, ((journey, view), memory))| {
            html! {
                // Keyed by plan too: another plan's journey of the same id is
                // a row of its own.
                <JourneyRow key={format!("{}/{}", plan.id, journey.id)} journey={journey.clone()} {index}
                    route={view.route.clone()} lane={view.lane.clone()} why={view.why.clone()}
                    open={filters.is_open(journey)} lanes={lanes.clone()} findings={view.findings.clone()}
                    {memory} on_edit={on_edit.clone()} on_toggle={on_toggle.clone()} />
            }
        })
        .collect();
    // Named when the filters no longer match the journey being edited.
    let kept = plan
        .journeys
        .iter()
        .zip(derived.iter())
        .find(|(journey, view)| filters.is_open(journey) && !filters.pass(journey, view))
        .map(|(journey, _)| journey);
    let shown = rows.len() - usize::from(kept.is_some());
    *kept_open.borrow_mut() = kept.is_some();

    let on_add = {
        let add = props.add(|_: MouseEvent| Edit::AddJourney, Place::Journey);
        let (lane_filter, intent_filter) = (lane_filter.clone(), intent_filter.clone());
        Callback::from(move |e: MouseEvent| {
            // Cleared filters make sure the new journey's row is on screen.
            lane_filter.set(LaneFilter::All);
            intent_filter.set(None);
            add.emit(e);
        })
    };
    html! {
        <section aria-labelledby="journeys-heading">
            <div class="page-head">
                <h2 id="journeys-heading">{ "Journeys" }</h2>
                <button type="button" disabled={locked} class="primary" id="add-journey" onclick={on_add}>{ "Add journey" }</button>
            </div>
            <div class="row filters" role="search" aria-label="Filter journeys">
                <SelectField id="filter-lane" label="Lane" view=true
                    choices={lane_filter_choices(&lanes, &lane_filter)} />
                <SelectField id="filter-intent" label="Intent" view=true
                    choices={Choices::of_optional_enum(("", "All intents"), &Intent::ALL, Intent::label,
                        *intent_filter, setter(&intent_filter))} />
            </div>
            { shown_note(shown, plan.journeys.len(), kept) }
            { journeys_table(rows) }
            if plan.journeys.is_empty() {
                <p class="empty">{ "No journeys yet. Add each flow and campaign the brand sends, with its intent and volume, and the rules route it to a lane." }</p>
            } else if shown == 0 {
                <p class="empty">{ "No journey matches these filters." }</p>
            }
        </section>
    }
}

/// The page's filters and its open editor, as one render sees them.
struct Filters<'a> {
    lane: &'a LaneFilter,
    intent: Option<Intent>,
    open: &'a Option<String>,
}

impl Filters<'_> {
    /// Whether `journey`'s editor is the open one.
    fn is_open(&self, journey: &Journey) -> bool {
        self.open.as_deref() == Some(journey.id.as_str())
    }

    /// Whether the filters let the journey through.
    fn pass(&self, journey: &Journey, view: &JourneyView) -> bool {
        shows(self.lane, self.intent, journey, &view.route)
    }

    /// Whether the journey's row is drawn: the journey being edited stays
    /// on screen, with its editor and the focus, even when an edit takes it
    /// out of the filters.
    fn keeps(&self, journey: &Journey, view: &JourneyView) -> bool {
        self.is_open(journey) || self.pass(journey, view)
    }
}

/// Opens a journey's editor, or closes it with `None`. The callback never
/// changes, so it never re-renders the rows by itself.
#[hook]
fn use_toggle(
    open: &UseStateHandle<Option<String>>,
    kept_open: &Rc<std::cell::RefCell<bool>>,
) -> Callback<Option<String>> {
    let later = use_focus_later();
    let (set_open, kept_open) = (open.setter(), kept_open.clone());
    use_callback((), move |id: Option<String>, _| {
        if id.is_none() && *kept_open.borrow() {
            // The focus goes to the count of journeys shown, which says
            // the filters hide it now, not to the page.
            later.request_ids(["journeys-shown"]);
        }
        set_open.set(id)
    })
}

/// How many journeys the filters show, and the one kept for its editor.
fn shown_note(shown: usize, total: usize, kept: Option<&Journey>) -> Html {
    html! {
        <p class="muted" id="journeys-shown" tabindex="-1" aria-live="polite">
            { format!("Showing {shown} of {total} journeys.") }
            if let Some(journey) = kept {
                { format!(" {} no longer matches the filters; it stays while its editor is open.", journey.name) }
            }
        </p>
    }
}

/// The journeys' table around their rows.
fn journeys_table(rows: Vec<Html>) -> Html {
    html! {
        <table class="journeys">
            <thead>
                <tr>
                    <th scope="col">{ "Journey" }</th>
                    <th scope="col">{ "Intent" }</th>
                    <th scope="col">{ "Trigger" }</th>
                    <th scope="col" class="num">{ "Volume" }</th>
                    <th scope="col" class="num">{ "Revenue / recipient" }</th>
                    <th scope="col">{ "Lane" }</th>
                    <th scope="col">{ "Why" }</th>
                    <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

/// Opens the editor of the journey a finding points at, and clears filters
/// that would hide its row.
#[hook]
fn use_open_focused(
    props: &PageProps,
    open: &UseStateHandle<Option<String>>,
    lane_filter: &UseStateHandle<LaneFilter>,
    intent_filter: &UseStateHandle<Option<Intent>>,
) {
    let (plan, findings) = (props.plan.clone(), props.findings.clone());
    let (open, lane_filter, intent_filter) =
        (open.clone(), lane_filter.clone(), intent_filter.clone());
    use_effect_with(props.focus.clone(), move |focus| {
        let id = focus.as_ref().and_then(|f| match &f.place {
            Place::Journey(id) => id.as_deref(),
            Place::JourneyField { journey, .. } => Some(journey.as_str()),
            _ => None,
        });
        let journey = id.and_then(|id| plan.journeys.iter().find(|j| j.id == id));
        if let Some(journey) = journey {
            let route = findings.routing.route_of(&journey.id);
            if route.is_none_or(|r| !shows(&lane_filter, *intent_filter, journey, r)) {
                lane_filter.set(LaneFilter::All);
                intent_filter.set(None);
            }
            open.set(Some(journey.id.clone()));
        }
    });
}

fn setter<T: 'static>(state: &UseStateHandle<T>) -> Callback<T> {
    let set = state.setter();
    Callback::from(move |value: T| set.set(value))
}

/// Whether a journey passes the lane filter and the intent filter (`None`
/// for any intent).
pub fn shows(lane: &LaneFilter, intent: Option<Intent>, journey: &Journey, route: &Route) -> bool {
    let lane_ok = match lane {
        LaneFilter::All => true,
        LaneFilter::Unrouted => route.lane_id.is_none(),
        LaneFilter::Lane(id) => route.lane_id.as_deref() == Some(id.as_str()),
    };
    lane_ok && intent.is_none_or(|intent| journey.intent == intent)
}

/// What a journey's row shows that comes from the plan as a whole.
#[derive(PartialEq)]
struct JourneyView {
    route: Route,
    /// The lane's name; `None` when the journey is unrouted.
    lane: Option<AttrValue>,
    /// The route in words.
    why: AttrValue,
    findings: Vec<Diagnostic>,
}

/// Each journey's view, in the plan's order.
fn journey_views(plan: &Plan, findings: &Findings) -> Vec<JourneyView> {
    let routing = &findings.routing;
    let mut by_journey = findings_by_journey(&findings.plan);
    plan.journeys
        .iter()
        .enumerate()
        .map(|(index, journey)| {
            let route = routing
                .route_at(index, &journey.id)
                .cloned()
                .unwrap_or_else(|| unknown_route(journey));
            JourneyView {
                lane: route
                    .lane_id
                    .as_deref()
                    .map(|id| AttrValue::from(plan.lane_name(id).to_string())),
                why: AttrValue::from(route.explain(plan)),
                findings: by_journey.remove(&index).unwrap_or_default(),
                route,
            }
        })
        .collect()
}

/// A journey the routing has not seen yet shows as unrouted, never as
/// routed somewhere it is not.
fn unknown_route(journey: &Journey) -> Route {
    Route {
        journey_id: journey.id.clone(),
        lane_id: None,
        reason: Reason::Unrouted {
            why: "not routed yet".to_string(),
            rule_id: None,
        },
    }
}

/// The findings about each journey, by its index in the plan.
fn findings_by_journey(findings: &[Diagnostic]) -> HashMap<usize, Vec<Diagnostic>> {
    let mut by_index: HashMap<usize, Vec<Diagnostic>> = HashMap::new();
    for d in findings {
        let index = d
            .path
            .strip_prefix("$.journeys[")
            .and_then(|rest| rest.split_once(']'))
            .and_then(|(digits, _)| digits.parse().ok());
        if let Some(index) = index {
            by_index.entry(index).or_default().push(d.clone());
        }
    }
    by_index
}

/// All lanes, each lane, then unrouted journeys.
fn lane_filter_choices(
    lanes: &[(AttrValue, AttrValue)],
    filter: &UseStateHandle<LaneFilter>,
) -> Choices {
    let all = (LaneFilter::All, "".into(), "All lanes".into());
    let each = lanes
        .iter()
        .map(|(id, name)| (LaneFilter::Lane(id.to_string()), id.clone(), name.clone()));
    let unrouted = (LaneFilter::Unrouted, "unrouted".into(), "Unrouted".into());
    let items = std::iter::once(all)
        .chain(each)
        .chain(std::iter::once(unrouted));
    Choices::new(items.collect(), filter, setter(filter))
}

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
