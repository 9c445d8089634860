//! The journeys page: every journey with its lane and the reason it is
//! there, filters by lane, intent and words, and an editor for one journey at a
//! time. The filters and the open editor belong to the page, not the plan,
//! so they survive every edit and undo. Each journey is a `JourneyRow` with
//! its own props, so an edit re-renders only the rows it changed, which
//! keeps the page quick with hundreds of journeys.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use super::{item_focus, lane_choices, use_edit_focusing, PageProps};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, JourneyField, SetAside};
use crate::plan::model::{Cadence, Intent, Journey, Plan, Trigger, TriggerKind};
use crate::plan::routing::{Reason, Route};
use crate::review::findings::Findings;
use crate::review::place::Place;
use crate::ui::fields::{use_focus_later, use_read_only, Choices, SelectField};
use crate::ui::kept::Kept;

mod row;

pub use row::{JourneyRow, JourneyRowProps, JourneyVolume, JourneyVolumeProps};

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
    /// Words a journey's name, tags or trigger must hold, as typed.
    pub text: String,
    pub open: Option<String>,
}

impl Default for JourneysView {
    fn default() -> Self {
        JourneysView {
            plan_id: String::new(),
            lane: LaneFilter::All,
            intent: None,
            text: String::new(),
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
    let text_filter = use_state(|| start.text.clone());
    let open = use_state(|| start.open.clone());
    {
        // Opening another plan starts its journeys unfiltered and closed.
        let (lane, intent, text, open, seen) = (
            lane_filter.clone(),
            intent_filter.clone(),
            text_filter.clone(),
            open.clone(),
            use_mut_ref(|| plan_id.clone()),
        );
        use_effect_with(plan_id.clone(), move |id| {
            if *seen.borrow() != *id {
                *seen.borrow_mut() = id.clone();
                lane.set(LaneFilter::All);
                intent.set(None);
                text.set(String::new());
                open.set(None);
            }
        });
    }
    use_effect_with(
        (
            plan_id,
            (*lane_filter).clone(),
            *intent_filter,
            (*text_filter).clone(),
            (*open).clone(),
        ),
        move |(plan_id, lane, intent, text, open)| {
            if let Some(kept) = kept {
                kept.set(JourneysView {
                    plan_id: plan_id.clone(),
                    lane: lane.clone(),
                    intent: *intent,
                    text: text.clone(),
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
    use_open_focused(props, &open, &lane_filter, &intent_filter, &text_filter);

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
        text: &text_filter,
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
        let (lane_filter, intent_filter, text_filter) = (
            lane_filter.clone(),
            intent_filter.clone(),
            text_filter.clone(),
        );
        Callback::from(move |e: MouseEvent| {
            // Cleared filters make sure the new journey's row is on screen.
            lane_filter.set(LaneFilter::All);
            intent_filter.set(None);
            text_filter.set(String::new());
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
                { text_field(&text_filter) }
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
    text: &'a str,
    open: &'a Option<String>,
}

impl Filters<'_> {
    /// Whether `journey`'s editor is the open one.
    fn is_open(&self, journey: &Journey) -> bool {
        self.open.as_deref() == Some(journey.id.as_str())
    }

    /// Whether the filters let the journey through.
    fn pass(&self, journey: &Journey, view: &JourneyView) -> bool {
        shows(self.lane, self.intent, journey, &view.route) && journey.holds_words(self.text)
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

/// The search box: a filter, so it stays usable in a read-only plan and
/// filters as the user types.
fn text_field(text: &UseStateHandle<String>) -> Html {
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(crate::ui::fields::input_value(&e)))
    };
    html! {
        <div class="field">
            <label for="filter-text">{ "Name, tag or trigger" }</label>
            <input type="search" id="filter-text" value={(**text).clone()} {oninput}
                spellcheck="false" autocomplete="off" />
        </div>
    }
}

/// How many journeys the filters show, and the one kept for its editor.
fn shown_note(shown: usize, total: usize, kept: Option<&Journey>) -> Html {
    html! {
        <p class="muted" id="journeys-shown" tabindex="-1" aria-live="polite">
            { format!("Showing {} of {} journeys.", crate::units::group(shown as u64), crate::units::group(total as u64)) }
            if let Some(journey) = kept {
                { format!(" {} no longer matches the filters; it stays while its editor is open.", journey.called()) }
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
    text_filter: &UseStateHandle<String>,
) {
    let (plan, findings) = (props.plan.clone(), props.findings.clone());
    let (open, lane_filter, intent_filter, text_filter) = (
        open.clone(),
        lane_filter.clone(),
        intent_filter.clone(),
        text_filter.clone(),
    );
    use_effect_with(props.focus.clone(), move |focus| {
        let id = focus.as_ref().and_then(|f| match &f.place {
            Place::Journey(id) => id.as_deref(),
            Place::JourneyField { journey, .. } => Some(journey.as_str()),
            _ => None,
        });
        let journey = id.and_then(|id| plan.journeys.iter().find(|j| j.id == id));
        if let Some(journey) = journey {
            let route = findings.routing.route_of(&journey.id);
            let shown = |r: &Route| {
                shows(&lane_filter, *intent_filter, journey, r) && journey.holds_words(&text_filter)
            };
            if route.is_none_or(|r| !shown(r)) {
                lane_filter.set(LaneFilter::All);
                intent_filter.set(None);
                text_filter.set(String::new());
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
