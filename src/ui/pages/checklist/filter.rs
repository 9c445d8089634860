//! The filters over the checklist's two tables of items: by lane, by
//! status and by owner. They belong to the page, not the plan: the shell
//! keeps them while the user is on another tab, and an edit never resets
//! them. A row edited under the filters stays on screen until they change,
//! so setting an item done while showing what is left to do does not take
//! the row, and the focus, away.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::plan::edit::Edit;
use crate::plan::model::{Item, ItemStatus, Plan};
use crate::review::checklist::Row;
use crate::ui::fields::{Choices, SelectField};
use crate::ui::kept::Kept;

/// Which lane's items the tables show.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum LaneShown {
    #[default]
    All,
    /// The items of the whole plan, which belong to no lane.
    WholePlan,
    /// The items of the lane with this id.
    Lane(String),
}

/// Which statuses the tables show.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum StatusShown {
    #[default]
    Any,
    /// Neither done nor not applicable.
    ToDo,
    Overdue,
    Done,
}

/// Whose items the tables show.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum OwnerShown {
    #[default]
    Anyone,
    Nobody,
    /// Items whose owner reads this, spaces and case aside.
    Named(String),
}

/// The filters, which the shell keeps for the plan they were set on, with
/// the rows edited under them, which stay in view after another tab too.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChecklistView {
    pub plan_id: String,
    pub lane: LaneShown,
    pub status: StatusShown,
    pub owner: OwnerShown,
    pub edited: Edited,
}

impl ChecklistView {
    /// Whether the filters let `row` through.
    pub fn passes(&self, row: &Row) -> bool {
        let lane = match &self.lane {
            LaneShown::All => true,
            LaneShown::WholePlan => row.lane.is_empty(),
            LaneShown::Lane(id) => row.lane == *id,
        };
        let status = match self.status {
            StatusShown::Any => true,
            StatusShown::ToDo => {
                !matches!(row.status, ItemStatus::Done | ItemStatus::NotApplicable)
            }
            StatusShown::Overdue => row.overdue,
            StatusShown::Done => row.status == ItemStatus::Done,
        };
        let owner = match &self.owner {
            OwnerShown::Anyone => true,
            OwnerShown::Nobody => row.owner.trim().is_empty(),
            OwnerShown::Named(name) => same_owner(&row.owner, name),
        };
        lane && status && owner
    }

    /// Whether any filter hides rows.
    pub fn filters(&self) -> bool {
        self.lane != LaneShown::All
            || self.status != StatusShown::Any
            || self.owner != OwnerShown::Anyone
    }
}

fn same_owner(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The owners named on the plan's items, each once as first written, in
/// the order of the rows.
pub fn owners<'a>(rows: impl Iterator<Item = &'a Row>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for row in rows {
        let owner = row.owner.trim();
        if !owner.is_empty() && !out.iter().any(|o| same_owner(o, owner)) {
            out.push(owner.to_string());
        }
    }
    out
}

/// The items edited since the filters last changed, by item and lane,
/// which stay on screen whatever the filters say.
pub type Edited = Rc<RefCell<Vec<(Item, String)>>>;

/// The page's filters and the rows edited under them. The filters start
/// as the shell kept them for this plan, and go back to showing every
/// item for another plan.
#[hook]
pub fn use_checklist_view(plan: &Plan) -> (UseStateHandle<ChecklistView>, Edited) {
    let kept = use_context::<Kept<ChecklistView>>();
    let start = (kept.as_ref().map(Kept::get))
        .filter(|v| v.plan_id == plan.id)
        .unwrap_or_else(|| ChecklistView {
            plan_id: plan.id.clone(),
            ..ChecklistView::default()
        });
    let view = use_state(|| start);
    let edited = view.edited.clone();
    if view.plan_id != plan.id {
        view.set(ChecklistView {
            plan_id: plan.id.clone(),
            ..ChecklistView::default()
        });
    }
    // A lane deleted since it was chosen shows every lane's items again.
    if matches!(&view.lane, LaneShown::Lane(id) if plan.lane(id).is_none()) {
        view.set(ChecklistView {
            lane: LaneShown::All,
            edited: Edited::default(),
            ..(*view).clone()
        });
    }
    use_effect_with((*view).clone(), move |view| {
        if let Some(kept) = kept {
            kept.set(view.clone());
        }
    });
    (view, edited)
}

/// `on_edit` that first notes the checklist item an edit changes, so its
/// row stays on screen.
#[hook]
pub fn use_noting_edits(on_edit: &Callback<Edit>, edited: &Edited) -> Callback<Edit> {
    use_callback(
        (on_edit.clone(), edited.clone()),
        |edit: Edit, (on_edit, edited)| {
            if let Edit::ChecklistItem { item, lane, .. } = &edit {
                let key = (*item, lane.clone());
                let mut edited = edited.borrow_mut();
                if !edited.contains(&key) {
                    edited.push(key);
                }
            }
            on_edit.emit(edit);
        },
    )
}

#[derive(Properties, PartialEq)]
pub struct ChecklistFiltersProps {
    pub view: ChecklistView,
    /// (lane id, lane name) of every lane.
    pub lanes: Rc<Vec<(AttrValue, AttrValue)>>,
    /// The owners named on the items.
    pub owners: Vec<String>,
    pub on_change: Callback<ChecklistView>,
}

/// The three selects over the tables. They change what is shown, not the
/// plan, so they stay usable in a read-only plan.
#[component]
pub fn ChecklistFilters(props: &ChecklistFiltersProps) -> Html {
    let view = &props.view;
    let lane = setter(view, &props.on_change, |v, lane| v.lane = lane);
    let status = setter(view, &props.on_change, |v, status| v.status = status);
    let owner = setter(view, &props.on_change, |v, owner| v.owner = owner);
    html! {
        <div class="row filters" role="search" aria-label="Filter checklist items">
            <SelectField id="checklist-filter-lane" label="Lane" view=true
                choices={Choices::new(lane_items(&props.lanes), &view.lane, lane)} />
            <SelectField id="checklist-filter-status" label="Status" view=true
                choices={Choices::new(status_items(), &view.status, status)} />
            <SelectField id="checklist-filter-owner" label="Owner" view=true
                choices={Choices::new(owner_items(&props.owners, &view.owner), &view.owner, owner)} />
        </div>
    }
}

/// A select's callback: the filters with its choice set by `set`.
fn setter<T: 'static>(
    view: &ChecklistView,
    on_change: &Callback<ChecklistView>,
    set: fn(&mut ChecklistView, T),
) -> Callback<T> {
    let (view, on_change) = (view.clone(), on_change.clone());
    Callback::from(move |value: T| {
        let mut next = view.clone();
        set(&mut next, value);
        on_change.emit(next);
    })
}

fn lane_items(lanes: &[(AttrValue, AttrValue)]) -> Vec<(LaneShown, AttrValue, AttrValue)> {
    let mut items = vec![
        (LaneShown::All, "".into(), "All lanes".into()),
        (LaneShown::WholePlan, "plan".into(), "Whole plan".into()),
    ];
    items.extend(
        (lanes.iter())
            .map(|(id, name)| (LaneShown::Lane(id.to_string()), id.clone(), name.clone())),
    );
    items
}

fn status_items() -> Vec<(StatusShown, AttrValue, AttrValue)> {
    vec![
        (StatusShown::Any, "".into(), "Any status".into()),
        (StatusShown::ToDo, "to-do".into(), "Still to do".into()),
        (StatusShown::Overdue, "overdue".into(), "Overdue".into()),
        (StatusShown::Done, "done".into(), "Done".into()),
    ]
}

/// Anyone, no one, and each owner named; an owner chosen and since
/// renamed stays a choice, so the select shows what filters the rows.
fn owner_items(owners: &[String], chosen: &OwnerShown) -> Vec<(OwnerShown, AttrValue, AttrValue)> {
    let mut named: Vec<String> = owners.to_vec();
    if let OwnerShown::Named(name) = chosen {
        if !named.iter().any(|o| same_owner(o, name)) {
            named.push(name.clone());
        }
    }
    let mut items = vec![
        (OwnerShown::Anyone, "".into(), "Anyone".into()),
        (OwnerShown::Nobody, "nobody".into(), "No owner".into()),
    ];
    items.extend(named.into_iter().enumerate().map(|(i, name)| {
        (
            OwnerShown::Named(name.clone()),
            AttrValue::from(format!("owner-{i}")),
            AttrValue::from(name),
        )
    }));
    items
}
