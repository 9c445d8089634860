//! Another tab's saves: taken in, or held as a conflict with this tab's
//! edits until the user resolves it.

use std::rc::Rc;

use super::{Conflict, PlanEntry, PlannerState, Resolution, Tone};
use crate::plan::model::Plan;

pub(super) fn external(state: &mut PlannerState, plan_id: String, plan: Option<Plan>, rev: u64) {
    let Some(entry) = state.plans.iter().position(|e| e.plan.id == plan_id) else {
        if let Some(plan) = plan {
            state.plans.push(PlanEntry {
                plan: Rc::new(plan),
                stored_rev: rev,
                unsaved: false,
                save_failed: false,
                wrote: false,
                label: String::new(),
            });
        }
        return;
    };
    let e = &state.plans[entry];
    if rev != 0 && rev < e.stored_rev {
        return;
    }
    if state
        .conflict
        .as_ref()
        .is_some_and(|c| c.plan_id == plan_id)
    {
        conflict_moved(state, entry, plan, rev);
        return;
    }
    // Only other tabs' saves arrive here: one of the revision this tab
    // wrote means both saved it at once. The same version needs nothing,
    // and a tab that only read the revision takes the later save.
    let again = rev != 0 && rev == e.stored_rev;
    if again && plan.as_ref() == Some(&*e.plan) {
        return;
    }
    let tie = again && e.wrote;
    if e.unsaved || tie {
        state.conflict = Some(Conflict {
            plan_id,
            theirs: plan,
            rev,
            tie,
        });
        return;
    }
    match plan {
        Some(plan) => {
            let active = state.active == plan_id;
            let had_history = active && !(state.undo.is_empty() && state.redo.is_empty());
            // What the other tab changed, so an edit of this tab's that it
            // replaced is not lost unannounced.
            let changed = crate::plan::diff::change(&state.plans[entry].plan, &plan)
                .map(|c| c.from_elsewhere());
            let e = &mut state.plans[entry];
            e.plan = Rc::new(plan);
            e.stored_rev = rev;
            e.wrote = false;
            state.forget_history(&plan_id);
            if active {
                // Undoing past the other tab's version would quietly undo
                // its edits too, so this tab's steps end here.
                let text = match had_history {
                    true => "This plan was updated from another tab. Undo starts again from its version.",
                    false => "This plan was updated from another tab.",
                };
                state.notify(Tone::Info, text, changed.into_iter().collect());
            }
        }
        None if state.plans.len() > 1 => {
            state.plans.remove(entry);
            let was_open = state.active == plan_id;
            if was_open {
                // The plan before it in the picker opens, as after a delete here.
                let next = state.plans[entry.saturating_sub(1)].plan.id.clone();
                state.activate(&next);
            }
            state.forget_history(&plan_id);
            if was_open {
                state.notify(
                    Tone::Info,
                    "The plan you had open was deleted in another tab.",
                    vec![],
                );
            }
        }
        None => {
            // The other tab deleted the only plan; keep it here, to be saved again.
            state.plans[entry].unsaved = true;
            state.plans[entry].stored_rev = 0;
        }
    }
}

impl PlannerState {
    /// What sets this tab's version of the conflicting plan apart from the
    /// other tab's, in words; empty without a conflict or a version there.
    pub fn conflict_differs(&self) -> String {
        let Some(conflict) = &self.conflict else {
            return String::new();
        };
        let mine = self.plans.iter().find(|e| e.plan.id == conflict.plan_id);
        match (mine, &conflict.theirs) {
            (Some(mine), Some(theirs)) => crate::plan::diff::change(&mine.plan, theirs)
                .map(|c| c.between_tabs())
                .unwrap_or_default(),
            _ => String::new(),
        }
    }
}

/// Another tab saved again while this tab asks which version to keep: its
/// save becomes the version offered, and never replaces this tab's. A save
/// of this tab's very version leaves nothing to ask.
fn conflict_moved(state: &mut PlannerState, entry: usize, plan: Option<Plan>, rev: u64) {
    let e = &mut state.plans[entry];
    if plan.as_ref() == Some(&*e.plan) {
        e.stored_rev = rev;
        e.unsaved = false;
        e.wrote = false;
        state.conflict = None;
        return;
    }
    if let Some(conflict) = state.conflict.as_mut() {
        conflict.theirs = plan;
        conflict.rev = rev;
        // A later save is no longer one made at the same moment.
        conflict.tie = false;
    }
}

pub(super) fn resolve(state: &mut PlannerState, resolution: Resolution) {
    let Some(conflict) = state.conflict.take() else {
        return;
    };
    let Some(index) = state
        .plans
        .iter()
        .position(|e| e.plan.id == conflict.plan_id)
    else {
        return;
    };
    match (resolution, conflict.theirs) {
        (Resolution::KeepMine, _) => {
            let entry = &mut state.plans[index];
            entry.stored_rev = conflict.rev;
            entry.unsaved = true;
            state.notify(
                Tone::Info,
                "Kept this tab's version; it replaces the other tab's.",
                vec![],
            );
        }
        (Resolution::TakeTheirs, Some(theirs)) => {
            let entry = &mut state.plans[index];
            entry.plan = Rc::new(theirs);
            entry.stored_rev = conflict.rev;
            entry.unsaved = conflict.tie;
            state.forget_history(&conflict.plan_id);
            state.notify(Tone::Info, "Loaded the other tab's version.", vec![]);
        }
        (Resolution::TakeTheirs, None) => {
            if state.plans.len() > 1 {
                state.plans.remove(index);
                if state.active == conflict.plan_id {
                    let first = state.plans[0].plan.id.clone();
                    state.activate(&first);
                }
                state.forget_history(&conflict.plan_id);
            } else {
                state.plans[index].stored_rev = 0;
                state.plans[index].unsaved = true;
            }
        }
    }
}
