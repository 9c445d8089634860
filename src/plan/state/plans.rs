//! Plans coming and going in the picker: added, imported, duplicated and
//! deleted, and files or saves refused with where and why.

use std::rc::Rc;

use super::{PlanEntry, PlannerState, Tone};
use crate::plan::io::{ImportError, Imported};
use crate::plan::model::Plan;

/// Deletes a plan, unless it is the last one.
pub(super) fn delete_plan(state: &mut PlannerState, id: &str) {
    if state.plans.len() < 2 {
        state.notify(
            Tone::Error,
            "The last plan cannot be deleted; start a new plan first.",
            vec![],
        );
        return;
    }
    let at = state.plans.iter().position(|e| e.plan.id == id);
    // Plans are named as the picker lists them, numbered beside others
    // of the same name, so deleting a copy never reads as the original.
    let Some(title) = at.map(|i| state.plans[i].called().to_string()) else {
        return;
    };
    state.drop_passing_notice();
    state.plans.retain(|e| e.plan.id != id);
    let mut said = format!("Deleted “{title}”.");
    if state.active == id {
        // The plan before it in the picker opens, as the list closes up.
        let next = at.unwrap_or(0).saturating_sub(1);
        let next = state.plans[next.min(state.plans.len() - 1)].plan.id.clone();
        state.leave_plans_notices();
        state.activate(&next);
        said = format!("Deleted “{title}”; “{}” is open.", state.entry().called());
    }
    state.notify(Tone::Success, said, vec![]);
    state.forget_history(id);
    if state.conflict.as_ref().is_some_and(|c| c.plan_id == id) {
        state.conflict = None;
    }
}

/// Says why a file or link was refused, where in it, and that the plan is
/// as it was.
pub(super) fn refused(state: &mut PlannerState, what: &str, error: &ImportError) {
    let details = [
        (!error.location.is_empty()).then(|| where_in_file(&error.location)),
        (!error.hint.is_empty()).then(|| error.hint.clone()),
        Some("Your current plan was not changed.".to_string()),
    ];
    state.notify(
        Tone::Error,
        format!("{what}: {}.", error.message),
        details.into_iter().flatten().collect(),
    );
}

pub(super) fn save_failed(state: &mut PlannerState, plan_id: &str, message: &str) {
    let Some(entry) = state.entry_mut(plan_id) else {
        return;
    };
    // Every later action tries the save again; the notice said it once,
    // and the save state keeps saying it, so a retry that fails again
    // does not take the place of what the user did since.
    if std::mem::replace(&mut entry.save_failed, true) {
        return;
    }
    let name = state
        .plans
        .iter()
        .find(|e| e.plan.id == plan_id)
        .map_or(plan_id.to_string(), |e| e.called().to_string());
    state.notify(
        Tone::Error,
        format!("“{name}” could not be saved in this browser: {message}"),
        vec!["Export the plan to keep a copy.".to_string()],
    );
}

pub(super) fn add_plan(state: &mut PlannerState, plan: Plan, message: &str) {
    if state.plans.iter().any(|e| e.plan.id == plan.id) {
        state.notify(
            Tone::Error,
            format!("A plan with the id “{}” already exists.", plan.id),
            vec![],
        );
        return;
    }
    let id = plan.id.clone();
    state.plans.push(PlanEntry {
        plan: Rc::new(plan),
        stored_rev: 0,
        unsaved: true,
        save_failed: false,
        wrote: false,
        label: String::new(),
    });
    state.relabel();
    state.activate(&id);
    state.notify(Tone::Success, message, vec![]);
}

/// Opens a copy of the active plan, so that a what-if can be tried on it
/// while the original stays as it was.
pub(super) fn duplicate(state: &mut PlannerState, id: String) {
    let taken = state.label_of(&id).is_some();
    let original = state.label_of(&state.active).unwrap_or_default();
    let mut plan = state.plan().clone();
    plan.id.clone_from(&id);
    add_plan(state, plan, "");
    if let Some(copy) = state.label_of(&id).filter(|_| !taken) {
        state.notify(
            Tone::Success,
            format!("Opened “{copy}”, a copy of “{original}”. Edits to it leave the original as it was."),
            vec![],
        );
    }
}

/// Where an added plan came from, which its notice names.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Origin {
    File,
    Link,
}

pub(super) fn import(state: &mut PlannerState, imported: Imported, fresh_id: String, from: Origin) {
    let Imported {
        mut plan,
        removed_secrets,
    } = imported;
    let mut details = Vec::new();
    if !removed_secrets.is_empty() {
        let (values, like) = match removed_secrets.len() {
            1 => ("1 value".to_string(), "a password or API key"),
            n => (format!("{n} values"), "passwords or API keys"),
        };
        details.push(format!(
            "Removed {values} that looked like {like}: {}.",
            (removed_secrets.iter())
                .map(|path| crate::plan::path_words::in_words(Some(&plan), path))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let broken = crate::plan::validate::routes_to_missing_lanes(&plan).len() as u64;
    if broken > 0 {
        details.push(format!(
            "It has {}; the Problems tab lists each with its fix.",
            crate::units::count(broken, "broken lane reference", "broken lane references")
        ));
    }
    let existing = state.plans.iter().find(|e| e.plan.id == plan.id);
    // A copy made by an earlier import of the same file has another id.
    let same = |e: &&PlanEntry| {
        let mut probe = plan.clone();
        probe.id.clone_from(&e.plan.id);
        *e.plan == probe
    };
    // The plan the file was exported from, where it is still as the file
    // has it, else the first of any others identical to it.
    let identical = (state.plans.iter().find(|e| e.plan.id == plan.id && same(e)))
        .or_else(|| state.plans.iter().find(same));
    if let Some((id, name)) = identical.map(|e| (e.plan.id.clone(), e.called().to_string())) {
        state.activate(&id);
        state.notify(
            Tone::Info,
            match from {
                Origin::File => format!("Nothing imported: the file is identical to “{name}”, a plan you already have, which is now open."),
                Origin::Link => format!("Nothing added: the linked plan is identical to “{name}”, a plan you already have, which is now open."),
            },
            Vec::new(),
        );
        return;
    }
    if existing.is_some() {
        details.push(format!(
            "A different plan already uses the id “{}”, so {} was added as a copy.",
            plan.id,
            match from {
                Origin::File => "the import",
                Origin::Link => "the linked plan",
            }
        ));
        plan.id = fresh_id;
    }
    // Named as the picker lists it, numbered beside a plan of the same name.
    let (id, title) = (plan.id.clone(), plan.title().to_string());
    add_plan(state, plan, "");
    let name = state.label_of(&id).unwrap_or(title);
    let done = match from {
        Origin::File => format!("Imported “{name}”."),
        Origin::Link => format!("Added “{name}” to your plans."),
    };
    state.notify(Tone::Success, done, details);
}

/// Where in a refused file the problem is: in words, and as the JSON path
/// that finds it in the file.
fn where_in_file(location: &str) -> String {
    match location.starts_with('$') {
        true => format!(
            "Where: {} ({location})",
            crate::plan::path_words::in_words(None, location)
        ),
        false => format!("Where: {location}"),
    }
}
