//! Local-storage I/O for the provider's effects. The decisions (keys,
//! revisions, conflicts) are the core's `storage` module; this file only
//! reads and writes.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::StorageEvent;

use crate::plan::sample::sample_plan;
use crate::plan::state::{Action, Notice, PlannerState, Tone};
use crate::plan::storage::{self, decide_save, Index, SaveDecision};

fn raw() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Where this tab keeps the plan it has open: each tab reopens its own
/// plan on reload, and a new tab the one last opened anywhere.
const TAB_ACTIVE_KEY: &str = "switchyard.tab.active";

fn tab_store() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The plan this tab had open, as it last saved.
pub fn tab_active() -> Option<String> {
    tab_store()?.get_item(TAB_ACTIVE_KEY).ok().flatten()
}

/// The tab of the app this browser tab showed last, so that a reload
/// comes back to it rather than to the overview.
const PAGE_KEY: &str = "switchyard.tab.page";

/// The app's tab this browser tab showed last, by its slug.
pub fn tab_page() -> Option<String> {
    tab_store()?.get_item(PAGE_KEY).ok().flatten()
}

pub fn keep_tab_page(slug: &str) {
    if let Some(store) = tab_store() {
        let _ = store.set_item(PAGE_KEY, slug);
    }
}

/// The saved plans, or the sample plan on first open.
pub fn load() -> PlannerState {
    let Some(store) = raw() else {
        let mut state = PlannerState::with_plans(vec![(sample_plan(), 0)], None);
        state.notice = Some(Notice {
            tone: Tone::Error,
            text: "This browser does not allow local storage, so changes are not kept.".into(),
            details: vec!["Export the plan before closing the tab.".into()],
            at: None,
        });
        return state;
    };
    let index = storage::decode_index(
        &store
            .get_item(storage::INDEX_KEY)
            .ok()
            .flatten()
            .unwrap_or_default(),
    );
    let mut ids = index.plans.clone();
    // Plans saved by a tab that closed before writing the index are kept too.
    let count = store.length().unwrap_or(0);
    for i in 0..count {
        if let Some(key) = store.key(i).ok().flatten() {
            if let Some(id) = storage::plan_id_of(&key) {
                if !ids.iter().any(|known| known == id) {
                    ids.push(id.to_string());
                }
            }
        }
    }
    let mut plans = Vec::new();
    let mut damaged = Vec::new();
    for id in ids {
        let Some(text) = store.get_item(&storage::plan_key(&id)).ok().flatten() else {
            continue;
        };
        match storage::decode_plan(&text) {
            Ok(found) => plans.push(found),
            Err(error) => damaged.push(storage::DamagedCopy {
                name: storage::damaged_name(&text, index.label_of(&id)),
                problem: error.to_string(),
                id,
            }),
        }
    }
    if plans.is_empty() {
        let ids: Vec<String> = damaged.iter().map(|copy| copy.id.clone()).collect();
        plans.push((storage::opening_sample(&ids), 0));
    }
    let last_opened = store.get_item(storage::LAST_OPENED_KEY).ok().flatten();
    let active = [tab_active(), last_opened]
        .into_iter()
        .flatten()
        .find(|id| plans.iter().any(|(plan, _)| &plan.id == id))
        .or(index.active.clone());
    let mut state = PlannerState::with_plans(plans, active.as_deref());
    state.keep_labels(|id| index.label_of(id));
    // The plan this tab opens with is its own from now on; opening it is
    // no switch that moves where new tabs open.
    if let Some(tab) = tab_store() {
        let _ = tab.set_item(TAB_ACTIVE_KEY, &state.active);
    }
    state.damaged = damaged;
    state
}

/// Saves every plan with unsaved changes; returns what happened, as actions.
pub fn save(state: &PlannerState) -> Vec<Action> {
    let Some(store) = raw() else {
        return Vec::new();
    };
    let mut results = Vec::new();
    for entry in state.plans.iter().filter(|e| e.unsaved) {
        let id = &entry.plan.id;
        if state.conflict.as_ref().is_some_and(|c| &c.plan_id == id) {
            continue;
        }
        let key = storage::plan_key(id);
        let stored = store.get_item(&key).ok().flatten();
        // A damaged copy has no readable revision; treating it as ours lets the save repair it.
        let found = stored
            .as_deref()
            .map(|text| storage::peek_rev(text).unwrap_or(entry.stored_rev));
        match decide_save(entry.stored_rev, found) {
            SaveDecision::Write(rev) => {
                match store.set_item(&key, &storage::encode_plan(&entry.plan, rev)) {
                    Ok(()) => results.push(Action::Saved {
                        plan_id: id.clone(),
                        rev,
                    }),
                    Err(_) => results.push(Action::SaveFailed {
                        plan_id: id.clone(),
                        message: "the browser's storage is full or blocked.".into(),
                    }),
                }
            }
            SaveDecision::Conflict => results.push(Action::SaveConflict {
                plan_id: id.clone(),
                theirs: stored
                    .as_deref()
                    .and_then(|text| storage::decode_plan(text).ok())
                    .map(|(plan, _)| plan),
                rev: found.unwrap_or(0),
            }),
        }
    }
    // A new tab opens the plan last opened anywhere, which this tab names
    // when it opens another plan, under a key of its own: the index, which
    // every tab rewrites, may be read stale by one and written back.
    if tab_active().as_deref() != Some(state.active.as_str()) {
        let _ = store.set_item(storage::LAST_OPENED_KEY, &state.active);
    }
    let index = Index {
        plans: state.plans.iter().map(|e| e.plan.id.clone()).collect(),
        active: Some(state.active.clone()),
        labels: state.picker_labels(),
    };
    if let Some(tab) = tab_store() {
        let _ = tab.set_item(TAB_ACTIVE_KEY, &state.active);
    }
    let encoded = storage::encode_index(&index);
    if store.get_item(storage::INDEX_KEY).ok().flatten().as_deref() != Some(encoded.as_str()) {
        let _ = store.set_item(storage::INDEX_KEY, &encoded);
    }
    results
}

/// Removes a plan's saved copy, and the delivery counts and DMARC reports
/// kept beside it, when the user deletes the plan.
pub fn forget(plan_id: &str) {
    if let Some(store) = raw() {
        for key in storage::keys_of(plan_id) {
            let _ = store.remove_item(&key);
        }
    }
}

/// Downloads the saved copies that could not be read, as they are, with
/// what is kept beside them, and then removes them from the browser, so
/// the notice about them stops coming back and nothing is lost. Says how
/// it went, and whether they were removed.
pub fn clear_damaged(ids: &[String]) -> (Notice, bool) {
    const FILE: &str = "switchyard-unreadable-copies.json";
    let store = raw();
    // A copy saved again since the load, such as the sample reopened under
    // its id, reads now and is no longer the damaged one.
    let still_damaged = |id: &&String| {
        let text = store
            .as_ref()
            .and_then(|s| s.get_item(&storage::plan_key(id)).ok().flatten());
        text.is_some_and(|text| storage::decode_plan(&text).is_err())
    };
    let cleared: Vec<&String> = ids.iter().filter(still_damaged).collect();
    let kept: serde_json::Map<String, serde_json::Value> = (cleared.iter())
        .flat_map(|id| storage::keys_of(id))
        .filter_map(|key| {
            let text = store.as_ref()?.get_item(&key).ok().flatten()?;
            Some((key, serde_json::Value::String(text)))
        })
        .collect();
    let text = serde_json::to_string_pretty(&kept).unwrap_or_default();
    let (copies, them, were) = match cleared.len() {
        1 => ("copy", "it", "was"),
        _ => ("copies", "them", "were"),
    };
    let (tone, text, done) = match crate::ui::files::download(FILE, "application/json", &text) {
        Err(why) => (
            Tone::Error,
            format!("The {copies} {were} kept: {why}."),
            false,
        ),
        Ok(()) => {
            for key in kept.keys() {
                if let Some(store) = &store {
                    let _ = store.remove_item(key);
                }
            }
            let text = format!("Downloaded the unreadable {copies} as {FILE} and removed {them} from this browser.");
            (Tone::Success, text, true)
        }
    };
    let notice = Notice {
        tone,
        text,
        details: Vec::new(),
        at: None,
    };
    (notice, done)
}

/// The last saved copy of a plan, for the crash screen's download.
pub fn saved_text(plan_id: &str) -> Option<String> {
    saved_text_of_key(&storage::plan_key(plan_id))
}

/// Reports plans that other tabs save or delete, and the names their
/// pickers give plans. The listener stops when dropped.
pub fn listen_to_other_tabs(report: impl Fn(Action) + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "storage", move |event| {
        let Some(event) = event.dyn_ref::<StorageEvent>() else {
            return;
        };
        let Some(key) = event.key() else { return };
        // The names as storage holds them now: a later save may have
        // crossed this one. A tab saves its plans before its names, so a
        // plan heard of here can take its name at once.
        let names_now = || {
            let now = saved_text_of_key(storage::INDEX_KEY).unwrap_or_default();
            Action::NamedElsewhere(storage::decode_index(&now).names())
        };
        if key == storage::INDEX_KEY {
            report(names_now());
            return;
        }
        let Some(id) = storage::plan_id_of(&key) else {
            return;
        };
        match event.new_value() {
            Some(text) => {
                if let Ok((plan, rev)) = storage::decode_plan(&text) {
                    report(Action::External {
                        plan_id: id.to_string(),
                        plan: Some(plan),
                        rev,
                    });
                }
            }
            None => report(Action::External {
                plan_id: id.to_string(),
                plan: None,
                rev: 0,
            }),
        }
        report(names_now());
    }))
}

/// Calls `changed` when another tab writes or removes `key`, such as a
/// plan's delivery counts or DMARC reports. The listener stops when dropped.
pub fn listen_to_key(key: String, changed: impl Fn() + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "storage", move |event| {
        let named = (event.dyn_ref::<StorageEvent>())
            .and_then(StorageEvent::key)
            .is_none_or(|k| k == key);
        if named {
            changed();
        }
    }))
}

/// The raw text under a storage key.
pub fn saved_text_of_key(key: &str) -> Option<String> {
    raw()?.get_item(key).ok().flatten()
}

/// Data kept beside a plan under `key`, such as imported counts: the
/// default when there is none or it cannot be read.
pub fn read_beside<T: serde::de::DeserializeOwned + Default>(key: &str) -> T {
    raw()
        .and_then(|s| s.get_item(key).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Keeps data beside a plan under `key`, or removes the key when the data
/// is empty; false if the browser refused.
pub fn keep_beside<T: serde::Serialize>(key: &str, value: &T, empty: bool) -> bool {
    let Some(s) = raw() else {
        return false;
    };
    if empty {
        return s.remove_item(key).is_ok();
    }
    serde_json::to_string(value).is_ok_and(|text| s.set_item(key, &text).is_ok())
}
