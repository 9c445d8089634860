//! One component per page. Every page takes `PageProps`: the plan, what the
//! shell derived from it, and the callbacks through which its fields and
//! buttons send typed edits and open the place a finding points at. Pages
//! derive what only they show with `use_memo`, so it is computed only while
//! the page is on screen.

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use crate::plan::edit::{added_id, Edit};
use crate::plan::model::{Lane, Plan};
use crate::review::findings::Findings;
use crate::review::place::Place;
use crate::ui::fields::use_focus_later;

pub mod checklist;
pub mod dmarc;
pub mod domains;
pub mod journeys;
pub mod lanes;
pub mod migrations;
pub mod monitoring;
pub mod overview;
pub mod platform;
pub mod preferences;
pub mod problems;
pub mod published;
pub mod readiness;
pub mod rules;
pub mod simulation;
pub mod warmup;

/// A place the user asked to see, such as a journey's row or a lane's DNS
/// section. `seq` grows with each request, so asking twice for the same
/// place opens it again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Focus {
    pub place: Place,
    pub seq: u32,
    /// The place is an item just added: its name takes the focus, selected,
    /// so typing names it.
    pub added: bool,
}

#[derive(Properties, PartialEq, Clone)]
pub struct PageProps {
    pub plan: Rc<Plan>,
    pub findings: Rc<Findings>,
    /// The day the page is opened, for dates counted from today.
    pub today: NaiveDate,
    pub on_edit: Callback<Edit>,
    /// Opens a place, such as the one a finding is fixed in.
    pub on_open: Callback<Place>,
    /// Opens an item just added.
    #[prop_or_default]
    pub on_added: Callback<Place>,
    #[prop_or_default]
    pub focus: Option<Focus>,
}

impl PageProps {
    /// A callback that turns a field's committed value into an edit.
    pub fn edit<T: 'static>(&self, make: impl Fn(T) -> Edit + 'static) -> Callback<T> {
        let on_edit = self.on_edit.clone();
        Callback::from(move |value: T| on_edit.emit(make(value)))
    }

    /// A callback for an add button: sends the edit `make` builds, then
    /// opens the item it adds, so the new item is on screen with its name
    /// focused.
    pub fn add<T: 'static>(
        &self,
        make: impl Fn(T) -> Edit + 'static,
        place: fn(Option<String>) -> Place,
    ) -> Callback<T> {
        let (plan, on_edit, on_added) = (
            self.plan.clone(),
            self.on_edit.clone(),
            self.on_added.clone(),
        );
        Callback::from(move |value: T| {
            let edit = make(value);
            let id = added_id(&plan, &edit);
            on_edit.emit(edit);
            on_added.emit(place(id));
        })
    }

    /// A callback that sends a fixed edit, for buttons.
    pub fn send<E: 'static>(&self, edit: Edit) -> Callback<E> {
        let on_edit = self.on_edit.clone();
        Callback::from(move |_: E| on_edit.emit(edit.clone()))
    }
}

/// (lane id, lane name) of every lane, for selects.
pub fn lane_choices(plan: &Plan) -> Rc<Vec<(AttrValue, AttrValue)>> {
    let pair = |l: &Lane| {
        (
            AttrValue::from(l.id.clone()),
            AttrValue::from(l.name.clone()),
        )
    };
    Rc::new(plan.lanes.iter().map(pair).collect())
}

/// (lane id, lane name) of every lane but `lane`, for the lanes mail may
/// move to. When the plan already names `lane` itself (`chosen`), it is
/// listed as "this lane", so the select shows what the plan says and the
/// finding beside it explains why that cannot work.
pub fn other_lanes(plan: &Plan, lane: &Lane, chosen: Option<&str>) -> Vec<(AttrValue, AttrValue)> {
    plan.lanes
        .iter()
        .filter(|l| l.id != lane.id || chosen == Some(l.id.as_str()))
        .map(|l| {
            let name = if l.id == lane.id {
                format!("{} (this lane)", l.name)
            } else {
                l.name.clone()
            };
            (l.id.clone().into(), name.into())
        })
        .collect()
}

/// A callback that sends the edit a value makes, and ignores a value that
/// makes none.
pub fn maybe_edit<T: 'static>(
    on_edit: &Callback<Edit>,
    make: impl Fn(T) -> Option<Edit> + 'static,
) -> Callback<T> {
    let on_edit = on_edit.clone();
    Callback::from(move |value: T| {
        if let Some(edit) = make(value) {
            on_edit.emit(edit);
        }
    })
}

/// The page's edit callback, the same on every render, that also asks for
/// the focus an add or a delete needs once it is drawn: `target` names the
/// elements to try, by id, for an edit to the plan as it is before it.
#[hook]
pub fn use_edit_focusing(
    props: &PageProps,
    target: fn(&Plan, &Edit) -> Vec<String>,
) -> Callback<Edit> {
    let later = use_focus_later();
    let plan = use_mut_ref(|| props.plan.clone());
    *plan.borrow_mut() = props.plan.clone();
    use_callback(
        (props.on_edit.clone(), later),
        move |edit: Edit, (on_edit, later)| {
            let ids = target(&plan.borrow(), &edit);
            let ids = ids.iter().map(String::as_str);
            if added_id(&plan.borrow(), &edit).is_some() {
                later.request_new(ids);
            } else {
                later.request_ids(ids);
            }
            on_edit.emit(edit);
        },
    )
}

/// The elements to focus when the item `gone` leaves the list `ids`: the
/// one beside it (the next, else the one before), else the list's `add`
/// button.
pub fn neighbours(
    ids: &[&str],
    gone: &str,
    element: impl Fn(&str) -> String,
    add: &str,
) -> Vec<String> {
    let beside = ids
        .iter()
        .position(|id| *id == gone)
        .map_or(Vec::new(), |i| {
            let next = ids.get(i + 1);
            let before = i.checked_sub(1).and_then(|b| ids.get(b));
            next.into_iter()
                .chain(before)
                .map(|id| element(id))
                .collect()
        });
    beside.into_iter().chain([add.to_string()]).collect()
}

/// Where the focus goes after a lane, journey, rule or migration is
/// deleted: its card or row's neighbour, else the list's Add button.
pub fn item_focus(plan: &Plan, edit: &Edit) -> Vec<String> {
    let (kind, ids, gone): (&str, Vec<&str>, &str) = match edit {
        Edit::DeleteLane(id) => (
            "lane",
            plan.lanes.iter().map(|l| l.id.as_str()).collect(),
            id,
        ),
        Edit::DeleteJourney(id) => (
            "journey",
            plan.journeys.iter().map(|j| j.id.as_str()).collect(),
            id,
        ),
        Edit::DeleteRule(id) => (
            "rule",
            plan.rules.iter().map(|r| r.id.as_str()).collect(),
            id,
        ),
        Edit::DeleteMigration(id) => (
            "migration",
            plan.migrations.iter().map(|m| m.id.as_str()).collect(),
            id,
        ),
        _ => return Vec::new(),
    };
    neighbours(
        &ids,
        gone,
        |id| format!("{kind}-{id}"),
        &format!("add-{kind}"),
    )
}
