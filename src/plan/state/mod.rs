//! The planner's state and its pure reducer, `apply(state, action)`.
//!
//! The state holds every plan in the picker, the undo and redo stacks of
//! each plan opened in this tab, what is saved, and the message shown to the user. Nothing
//! here performs I/O: saving and loading happen in the UI's effects, which
//! report back with `Saved`, `SaveConflict` and `External` actions.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::diff;
pub use super::edit::{edit_plan, Direction, Edit};
use super::edit::{provider_move_note, LaneField, Told};
use super::io::{self, ImportError, Imported};
use super::model::Plan;
use super::picker;
use super::storage::DamagedCopy;

mod plans;
mod sync;

use plans::{add_plan, delete_plan, duplicate, import, refused, save_failed, Origin};
use sync::{external, resolve};

/// Undo keeps at least this many steps.
pub const UNDO_LIMIT: usize = 100;

#[derive(Clone, Debug, PartialEq)]
pub struct PlannerState {
    /// Plans in picker order; never empty.
    pub plans: Vec<PlanEntry>,
    /// Id of the plan being edited; always one of `plans`.
    pub active: String,
    /// Earlier versions of the active plan, shared rather than copied, so
    /// that the reducer's copy of the state stays cheap.
    pub undo: Vec<Rc<Plan>>,
    pub redo: Vec<Rc<Plan>>,
    /// The undo and redo stacks of the other plans, kept while another is
    /// open, so that switching back can still undo.
    parked: BTreeMap<String, History>,
    pub notice: Option<Notice>,
    /// Saved plans that could not be read, which a message of their own
    /// offers to download until the user does or dismisses it, whatever
    /// other messages come and go.
    pub damaged: Vec<DamagedCopy>,
    /// Another tab changed the active plan while this one had edits.
    pub conflict: Option<Conflict>,
    /// What the last edit that added, deleted, moved or fixed something
    /// did, in words, for screen readers; numbered so that the same words
    /// said twice are heard twice.
    pub said: Option<(u64, String)>,
}

/// A plan's undo and redo stacks.
type History = (Vec<Rc<Plan>>, Vec<Rc<Plan>>);

/// A plan plus what this tab knows about its saved copy.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanEntry {
    pub plan: Rc<Plan>,
    /// Revision of the saved copy this plan is based on; 0 when never saved.
    pub stored_rev: u64,
    /// The plan has changes that are not saved yet.
    pub unsaved: bool,
    /// The last attempt to save it failed (storage full or blocked).
    pub save_failed: bool,
    /// This tab wrote the saved copy's revision itself, so another tab's
    /// save of the same revision means both saved at once.
    pub wrote: bool,
    /// The plan's name in the picker, kept so that it stays the same when
    /// other plans come and go (`picker::labels`).
    pub label: String,
}

impl PlanEntry {
    /// The plan as the picker calls it, which tells a copy from its
    /// original; its title until the picker has named it.
    pub fn called(&self) -> &str {
        match self.label.as_str() {
            "" => self.plan.title(),
            label => label,
        }
    }
}

/// Where saving a plan stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Paused until the user picks a version in a conflict.
    Paused,
    /// The browser refused the last save.
    Failed,
    Saving,
    Saved,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub tone: Tone,
    pub text: String,
    pub details: Vec<String>,
    /// The part of the plan the notice is about, as a JSON path, which the
    /// message offers to show.
    pub at: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub plan_id: String,
    /// The other tab's version; `None` when the other tab deleted the plan.
    pub theirs: Option<Plan>,
    pub rev: u64,
    /// Both tabs saved revision `rev` at once: storage holds one of the two
    /// versions, so the one the user keeps is saved again either way.
    pub tie: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    KeepMine,
    TakeTheirs,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Edit(Edit),
    Undo,
    Redo,
    /// Adds an empty plan with the given id and makes it active.
    NewPlan {
        id: String,
    },
    /// Adds the sample plan with the given id and makes it active.
    AddSample {
        id: String,
    },
    /// Adds a copy of the active plan with the given id and opens it.
    DuplicatePlan {
        id: String,
    },
    SelectPlan(String),
    DeletePlan(String),
    /// Adds the imported plan; `fresh_id` is used if its id is taken.
    Import {
        imported: Imported,
        fresh_id: String,
    },
    /// Adds the plan a link opened read-only, as `Import` adds a file's.
    AddShared {
        imported: Imported,
        fresh_id: String,
    },
    ImportFailed(ImportError),
    /// A plan link that could not be read.
    LinkFailed(ImportError),
    Notify(Notice),
    DismissNotice,
    /// The user downloaded the saved plans that could not be read, or
    /// dismissed the message about them.
    DismissDamaged,
    /// The effect wrote the plan at this revision.
    Saved {
        plan_id: String,
        rev: u64,
    },
    SaveFailed {
        plan_id: String,
        message: String,
    },
    /// The effect found a newer saved copy than the plan is based on.
    SaveConflict {
        plan_id: String,
        theirs: Option<Plan>,
        rev: u64,
    },
    /// Another tab saved (or deleted, `None`) a plan.
    External {
        plan_id: String,
        plan: Option<Plan>,
        rev: u64,
    },
    Resolve(Resolution),
    /// Another tab saved the picker's names: (plan id, name) for each plan
    /// it has, in the picker's order, as storage holds them now.
    NamedElsewhere(Vec<(String, String)>),
}

impl PlannerState {
    /// A state holding the given plans, the first one active. `plans` must
    /// not be empty; the UI falls back to the sample plan.
    pub fn with_plans(plans: Vec<(Plan, u64)>, active: Option<&str>) -> PlannerState {
        let plans: Vec<PlanEntry> = plans
            .into_iter()
            .map(|(plan, rev)| PlanEntry {
                plan: Rc::new(plan),
                stored_rev: rev,
                unsaved: rev == 0,
                save_failed: false,
                wrote: false,
                label: String::new(),
            })
            .collect();
        let active = active
            .filter(|id| plans.iter().any(|e| e.plan.id == *id))
            .map(str::to_string)
            .unwrap_or_else(|| plans[0].plan.id.clone());
        let mut state = PlannerState {
            plans,
            active,
            undo: Vec::new(),
            redo: Vec::new(),
            parked: BTreeMap::new(),
            notice: None,
            damaged: Vec::new(),
            conflict: None,
            said: None,
        };
        state.relabel();
        state
    }

    /// Gives each plan the picker name it had when it was saved (`kept`,
    /// by plan id), where that name still fits it.
    pub fn keep_labels<'a>(&mut self, kept: impl Fn(&str) -> Option<&'a str>) {
        for entry in &mut self.plans {
            entry.label = kept(&entry.plan.id).unwrap_or_default().to_string();
        }
        self.relabel();
    }

    /// Takes the names and the order another tab gave the plans both tabs
    /// have, so every tab's picker says the same, in the same order. A plan
    /// only this tab has keeps its name unless the other tab gave that name
    /// to a plan this tab has; then it is named afresh. It comes after the
    /// others, where a tab adds a plan. Names of plans this tab has not
    /// heard of yet wait for them. The names are read from storage as it is
    /// now, not as the other tab's event had them, so tabs whose saves
    /// cross settle on the last one.
    fn take_names(&mut self, names: &[(String, String)]) {
        let here = |id: &str| self.plans.iter().any(|e| e.plan.id == id);
        let names: Vec<&(String, String)> = names.iter().filter(|(id, _)| here(id)).collect();
        let given = |label: &str| names.iter().any(|(_, name)| name == label);
        for entry in &mut self.plans {
            match names.iter().find(|(id, _)| *id == entry.plan.id) {
                Some((_, name)) => entry.label = name.clone(),
                None if given(&entry.label) => entry.label.clear(),
                None => {}
            }
        }
        // A stable sort keeps the order of the plans the names leave out.
        let place = |id: &str| names.iter().position(|(named, _)| named == id);
        (self.plans).sort_by_key(|e| place(&e.plan.id).unwrap_or(names.len()));
    }

    /// Names each plan in the picker, keeping the names plans have.
    fn relabel(&mut self) {
        let plans: Vec<(&str, &str)> = (self.plans.iter())
            .map(|e| (e.plan.title(), e.label.as_str()))
            .collect();
        let labels = picker::labels(&plans);
        for (entry, label) in self.plans.iter_mut().zip(labels) {
            entry.label = label;
        }
    }

    pub fn entry(&self) -> &PlanEntry {
        self.plans
            .iter()
            .find(|e| e.plan.id == self.active)
            .unwrap_or(&self.plans[0])
    }

    /// Where saving the open plan stands.
    pub fn save_state(&self) -> SaveState {
        let entry = self.entry();
        let paused = self
            .conflict
            .as_ref()
            .is_some_and(|c| c.plan_id == entry.plan.id);
        match (paused, entry.save_failed, entry.unsaved) {
            (true, _, _) => SaveState::Paused,
            (_, true, _) => SaveState::Failed,
            (_, _, true) => SaveState::Saving,
            _ => SaveState::Saved,
        }
    }

    /// Whether some plan's edits are kept only in this tab: saving is
    /// paused for a conflict, or the browser refused it.
    pub fn edits_at_risk(&self) -> bool {
        self.conflict.is_some() || self.plans.iter().any(|e| e.save_failed)
    }

    pub fn plan(&self) -> &Plan {
        &self.entry().plan
    }

    /// Each plan's name in the plan picker, in picker order: its brand
    /// (“Untitled plan” when the brand is blank), numbered from the second
    /// plan of a name on (`picker::labels`).
    pub fn picker_labels(&self) -> Vec<String> {
        self.plans.iter().map(|e| e.label.clone()).collect()
    }

    /// The name the picker gives plan `id`.
    pub fn label_of(&self, id: &str) -> Option<String> {
        let entry = self.plans.iter().find(|e| e.plan.id == id)?;
        Some(entry.label.clone())
    }

    /// The active plan, shared.
    pub fn plan_rc(&self) -> Rc<Plan> {
        self.entry().plan.clone()
    }

    fn entry_mut(&mut self, id: &str) -> Option<&mut PlanEntry> {
        self.plans.iter_mut().find(|e| e.plan.id == id)
    }

    fn notify(&mut self, tone: Tone, text: impl Into<String>, details: Vec<String>) {
        self.notice = Some(Notice {
            tone,
            text: text.into(),
            details,
            at: None,
        });
    }

    /// Replaces the active plan, recording the old one for undo.
    fn commit(&mut self, plan: Plan) {
        let id = self.active.clone();
        let Some(entry) = self.entry_mut(&id) else {
            return;
        };
        if *entry.plan == plan {
            return;
        }
        let old = std::mem::replace(&mut entry.plan, Rc::new(plan));
        entry.unsaved = true;
        self.undo.push(old);
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Undoes (`undo`) or redoes one edit, and says what it changed, as
    /// that may be on a page the user is not looking at.
    fn step(&mut self, undo: bool) {
        let popped = if undo {
            self.undo.pop()
        } else {
            self.redo.pop()
        };
        let Some(version) = popped else {
            return;
        };
        let id = self.active.clone();
        let Some(entry) = self.entry_mut(&id) else {
            return;
        };
        let current = std::mem::replace(&mut entry.plan, version);
        entry.unsaved = true;
        let change = diff::change(&current, &entry.plan);
        if undo {
            self.redo.push(current);
        } else {
            self.undo.push(current);
        }
        if let Some(change) = change {
            self.notice = Some(Notice {
                tone: Tone::Info,
                text: change.sentence(if undo { "Undone" } else { "Redone" }),
                details: Vec::new(),
                at: Some(change.path),
            });
        }
    }

    /// Drops a notice that has served once the user moves on: what an undo
    /// changed, or a confirmation (a new plan, an import with nothing to
    /// report). Errors, and notices with details to read, stay until
    /// dismissed.
    fn drop_passing_notice(&mut self) {
        let passing = self
            .notice
            .as_ref()
            .is_some_and(|n| n.at.is_some() || (n.tone != Tone::Error && n.details.is_empty()));
        if passing {
            self.notice = None;
        }
    }

    /// Drops what the open plan's notice says of it on leaving the plan: an
    /// import's summary or what a move cleared belongs to it, not to the
    /// plan opened next. A refusal is about a file, and stays.
    fn leave_plans_notices(&mut self) {
        if self.notice.as_ref().is_some_and(|n| n.tone != Tone::Error) {
            self.notice = None;
        }
    }

    /// Opens plan `id`, parking the open plan's undo and redo stacks and
    /// taking up the ones `id` had.
    fn activate(&mut self, id: &str) {
        if self.active != id {
            let open = (
                std::mem::take(&mut self.undo),
                std::mem::take(&mut self.redo),
            );
            let was = std::mem::replace(&mut self.active, id.to_string());
            self.parked.insert(was, open);
            (self.undo, self.redo) = self.parked.remove(id).unwrap_or_default();
        }
    }

    /// Drops plan `id`'s undo and redo stacks: its versions no longer lead
    /// to the plan it is now (another tab replaced it, or it is gone).
    fn forget_history(&mut self, id: &str) {
        if self.active == id {
            self.undo.clear();
            self.redo.clear();
        }
        self.parked.remove(id);
    }
}

/// The reducer: the next state after `action`. Pure and total.
pub fn apply(state: &PlannerState, action: Action) -> PlannerState {
    let mut next = state.clone();
    // What the last edit did is no longer so once the plan steps back or
    // another plan opens.
    if !matches!(
        action,
        Action::Edit(_)
            | Action::Saved { .. }
            | Action::Notify(_)
            | Action::DismissNotice
            | Action::DismissDamaged
            | Action::NamedElsewhere(_)
    ) {
        next.said = None;
    }
    match action {
        Action::Edit(edit) => edit_active(&mut next, edit),
        Action::Undo => next.step(true),
        Action::Redo => next.step(false),
        Action::NewPlan { id } => {
            add_plan(&mut next, Plan::empty(&id), "Started a new, empty plan.")
        }
        Action::AddSample { id } => {
            let mut plan = crate::plan::sample::sample_plan();
            plan.id = id;
            add_plan(&mut next, plan, "Added the sample plan.");
        }
        Action::DuplicatePlan { id } => duplicate(&mut next, id),
        Action::SelectPlan(id) => {
            if id != next.active && next.plans.iter().any(|e| e.plan.id == id) {
                next.leave_plans_notices();
                next.activate(&id);
            }
        }
        Action::DeletePlan(id) => delete_plan(&mut next, &id),
        Action::Import { imported, fresh_id } => {
            import(&mut next, imported, fresh_id, Origin::File)
        }
        Action::AddShared { imported, fresh_id } => {
            import(&mut next, imported, fresh_id, Origin::Link)
        }
        Action::ImportFailed(error) => refused(&mut next, "Import refused", &error),
        Action::LinkFailed(error) => refused(&mut next, "Link refused", &error),
        Action::Notify(notice) => next.notice = Some(notice),
        Action::DismissNotice => next.notice = None,
        Action::DismissDamaged => next.damaged.clear(),
        Action::Saved { plan_id, rev } => {
            if let Some(entry) = next.entry_mut(&plan_id) {
                entry.stored_rev = rev;
                entry.unsaved = false;
                entry.save_failed = false;
                entry.wrote = true;
            }
        }
        Action::SaveFailed { plan_id, message } => save_failed(&mut next, &plan_id, &message),
        Action::SaveConflict {
            plan_id,
            theirs,
            rev,
        } => {
            next.conflict = Some(Conflict {
                plan_id,
                theirs,
                rev,
                tie: false,
            });
        }
        Action::External { plan_id, plan, rev } => external(&mut next, plan_id, plan, rev),
        Action::Resolve(resolution) => resolve(&mut next, resolution),
        Action::NamedElsewhere(names) => next.take_names(&names),
    }
    // A plan's title changes with its brand, and plans come and go.
    next.relabel();
    next
}

/// Applies an edit to the active plan as one undo step, without any
/// credential it would have put there.
fn edit_active(state: &mut PlannerState, edit: Edit) {
    let told = edit.told();
    let before = state.plan();
    let mut plan = before.clone();
    // A fix moves a lane too, inside its list of edits: to another
    // provider, region or sending domain.
    let moves = |e: &Edit| {
        matches!(
            e,
            Edit::Lane {
                set: LaneField::Provider(_) | LaneField::SmtpHost(_) | LaneField::SendingDomain(_),
                ..
            }
        )
    };
    let moved = match &edit {
        Edit::Many(edits) => edits.iter().find(|e| moves(e)).cloned(),
        e => moves(e).then(|| e.clone()),
    };
    edit_plan(&mut plan, edit);
    let note = moved.and_then(|edit| provider_move_note(before, &plan, &edit));
    // Every plan here is free of credentials, so only what the edit
    // changed can hold one.
    let removed = io::scrub_changes(before, &mut plan);
    let changed = *before != plan;
    let said = told.and_then(|told| Some((told, diff::change(before, &plan)?)));
    // What an undo said it changed is out of date once the plan changes
    // again, and a confirmation has been read once the user edits on.
    if changed {
        state.drop_passing_notice();
    }
    if let Some((told, change)) = said {
        let n = state.said.as_ref().map_or(0, |(n, _)| n + 1);
        let words = match told {
            Told::Reshape => change.told(),
            Told::Applied => format!("Applied. {}", change.told()),
        };
        state.said = Some((n, words));
    }
    if !removed.is_empty() {
        // Named as the pages name them, as an import's notice does.
        let places = (removed.iter())
            .map(|path| crate::plan::path_words::in_words(Some(&plan), path))
            .collect();
        state.notify(
            Tone::Info,
            "A value that looked like a password or API key was removed. Plans never hold credentials.",
            places,
        );
    }
    // What was cleared is listed, so the notice stays until dismissed,
    // through a second change of provider that clears nothing more, which
    // only names the new provider in it.
    if let Some(note) = note {
        // Another lane's move's notice promises that Undo brings back what
        // that move cleared; Undo would now undo this move.
        let stale = (state.notice.as_ref())
            .is_some_and(|n| !n.text.starts_with(&note.lead) && n.text.contains("brings it back"));
        let earlier = (state.notice.as_mut()).filter(|n| n.text.starts_with(&note.lead));
        match (note.cleared.is_empty(), earlier) {
            (false, _) => state.notify(Tone::Info, note.text, note.cleared),
            (true, Some(notice)) => notice.text = note.again,
            (true, None) if stale => state.notify(Tone::Info, note.moved, Vec::new()),
            (true, None) => {}
        }
    }
    state.commit(plan);
}

/// Whether `action`, another tab's save, takes away the open plan (`open`,
/// as this tab has it) or a lane, journey, rule or migration in it, where
/// text being typed would be lost or land in another plan.
pub fn takes_away(open: &Plan, action: &Action) -> bool {
    let Action::External { plan_id, plan, .. } = action else {
        return false;
    };
    if *plan_id != open.id {
        return false;
    }
    let Some(theirs) = plan else {
        return true;
    };
    let ids = |plan: &Plan| {
        [
            plan.lanes.iter().map(|l| l.id.clone()).collect::<Vec<_>>(),
            plan.journeys.iter().map(|j| j.id.clone()).collect(),
            plan.rules.iter().map(|r| r.id.clone()).collect(),
            plan.migrations.iter().map(|m| m.id.clone()).collect(),
        ]
    };
    let gone = |(mine, kept): (Vec<String>, Vec<String>)| mine.iter().any(|id| !kept.contains(id));
    ids(open).into_iter().zip(ids(theirs)).any(gone)
}
