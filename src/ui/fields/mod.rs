//! Form fields and small controls every page shares. Each takes typed props
//! and reports a committed value through a callback; the page turns it into
//! an `Edit`. Text commits on `change` (leaving the field or pressing
//! Enter), as one undo step; the text being typed is the browser's until
//! then, so a redraw never takes it away. Controls inside tables (`CellInput`,
//! `CellSelect`, `CellCheck`) carry an `aria-label` instead of a label of
//! their own, since the column heading is their visible label.

mod buttons;
mod cells;
mod choices;
mod date;
mod drop;
mod findings;
mod number;
mod text;

pub use buttons::*;
pub use cells::*;
pub use choices::*;
pub use date::*;
pub use drop::*;
pub use findings::*;
pub use number::*;
pub use text::*;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::kept::Kept;

/// Whether the plan on screen takes edits: a plan opened from a link is
/// read-only until the user adds it to their plans. Controls that edit
/// the plan read it; those that only change what is shown (filters, the
/// period a chart covers) and those that copy, download or print do not,
/// so a shared plan can still be read, searched and taken away.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ReadOnly(pub bool);

/// Whether edits are locked here.
#[hook]
pub fn use_read_only() -> bool {
    use_context::<ReadOnly>().is_some_and(|r| r.0)
}

/// A field's note on an entry it refused, cleared when the saved value
/// changes (an undo, a fix, another tab): the note was about text that is
/// no longer in the field.
#[hook]
pub fn use_refused<T: PartialEq + 'static>(saved: T) -> UseStateHandle<Option<AttrValue>> {
    let refused = use_state_eq(|| None::<AttrValue>);
    {
        let refused = refused.clone();
        use_effect_with(saved, move |_| refused.set(None));
    }
    refused
}

/// The refusal to show: none while the field shows the saved value again
/// (undo put it back under a refusal of other text).
pub fn shown_refusal(refused: &Option<AttrValue>, showing_saved: bool) -> Option<AttrValue> {
    refused.clone().filter(|_| !showing_saved)
}

/// Entries a number field refused, by field id, kept by the shell so that
/// after a visit to another tab the field shows the text and why again,
/// as a text field shows its bad text, which went into the plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeptRefusals(pub BTreeMap<String, KeptRefusal>);

/// What a field refused: the saved value it was typed over, the text, why.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptRefusal {
    pub saved: String,
    pub typed: String,
    pub why: AttrValue,
}

/// A number field's refusal kept across visits to other tabs: the one it
/// had when it was last left, if the saved value is still the one it was
/// typed over, is put back as the field mounts (its text in the input and
/// why under it). Returns the callback that keeps the field's current
/// refusal, or forgets it (`None`).
#[hook]
pub fn use_kept_refusal(
    id: &AttrValue,
    saved: String,
    node: &NodeRef,
    refused: &UseStateHandle<Option<AttrValue>>,
) -> Callback<Option<(String, AttrValue)>> {
    let kept = use_context::<Kept<KeptRefusals>>();
    {
        // Read once, as the field mounts; an entry typed over another
        // saved value (undone or changed since) is about text no longer
        // there.
        let entry = kept
            .as_ref()
            .and_then(|k| k.with(|r| r.0.get(id.as_str()).cloned()));
        let restored = entry.filter(|e| e.saved == saved);
        let (node, refused) = (node.clone(), refused.clone());
        use_effect_with((), move |_| {
            if let Some(r) = restored {
                if let Some(input) = node.cast::<web_sys::HtmlInputElement>() {
                    input.set_value(&r.typed);
                }
                refused.set(Some(r.why));
            }
        });
    }
    let id = id.to_string();
    Callback::from(move |entry: Option<(String, AttrValue)>| {
        let Some(kept) = &kept else { return };
        kept.with(|r| match entry {
            Some((typed, why)) => {
                let saved = saved.clone();
                r.0.insert(id.clone(), KeptRefusal { saved, typed, why })
            }
            None => r.0.remove(&id),
        });
    })
}

/// The `<details>` sections the user opened, by key, kept by the shell so
/// that a section comes back open after a visit to another tab.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OpenSections(pub BTreeSet<String>);

impl OpenSections {
    /// Whether the section `key` was left open; none are without a shell.
    pub fn kept_open(kept: Option<&Kept<OpenSections>>, key: &str) -> bool {
        kept.is_some_and(|k| k.with(|s| s.0.contains(key)))
    }

    /// Keeps section `key` open or closed.
    pub fn keep(kept: Option<&Kept<OpenSections>>, key: &str, open: bool) {
        if let Some(kept) = kept {
            kept.with(|s| match open {
                true => s.0.insert(key.to_string()),
                false => s.0.remove(key),
            });
        }
    }
}

/// Whether a `<details>` is open, kept by a component above a branch that
/// may drop it (a calendar that is gone while its first day is not a date),
/// so the section comes back as the user left it, and by the shell under
/// `key`, so it also does after a visit to another tab.
#[derive(Clone, PartialEq)]
pub struct Disclosure {
    pub open: bool,
    /// For the `<details>`' `ontoggle`.
    pub on_toggle: Callback<Event>,
}

#[hook]
pub fn use_disclosure(key: String) -> Disclosure {
    let kept = use_context::<Kept<OpenSections>>();
    let open = {
        let (kept, key) = (kept.clone(), key.clone());
        use_state_eq(move || OpenSections::kept_open(kept.as_ref(), &key))
    };
    let on_toggle = {
        let open = open.setter();
        use_callback((key, kept), move |e: Event, (key, kept)| {
            if let Some(details) = e.target_dyn_into::<Element>() {
                let now = details.has_attribute("open");
                OpenSections::keep(kept.as_ref(), key, now);
                open.set(now);
            }
        })
    };
    Disclosure {
        open: *open,
        on_toggle,
    }
}

/// Keys for a list's items by their text, repeats numbered, so that an
/// item keeps its element, and whatever the user opened in it, when items
/// before it come or go.
pub fn keys_by_text<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen: Vec<&str> = Vec::new();
    texts
        .into_iter()
        .map(|text| {
            let repeat = seen.iter().filter(|s| **s == text).count();
            seen.push(text);
            format!("{text}#{repeat}")
        })
        .collect()
}

/// Where the focus goes once the component has drawn an edit: the first of
/// some CSS selectors that matches, such as the item beside a deleted one
/// or a new item, then the list's Add button. The button pressed may be
/// gone by then, which would drop the focus to the page.
#[derive(Clone)]
pub struct FocusLater(Rc<RefCell<Option<Wanted>>>);

/// The selectors to try, how many draws they have waited, and whether a
/// text box found is to have its text selected.
type Wanted = (Vec<String>, u8, bool);

impl FocusLater {
    pub fn request(&self, selectors: Vec<String>) {
        self.ask(selectors, false);
    }

    fn ask(&self, selectors: Vec<String>, select: bool) {
        if !selectors.is_empty() {
            *self.0.borrow_mut() = Some((selectors, 0, select));
        }
    }

    /// Asks for the first of these elements, by id, that is there.
    pub fn request_ids<'a>(&self, ids: impl IntoIterator<Item = &'a str>) {
        self.request(ids.into_iter().map(|id| format!("[id='{id}']")).collect());
    }

    /// As `request_ids`, with the text of the text box it focuses selected:
    /// the name of an item just added, which typing then replaces.
    pub fn request_new<'a>(&self, ids: impl IntoIterator<Item = &'a str>) {
        self.ask(
            ids.into_iter().map(|id| format!("[id='{id}']")).collect(),
            true,
        );
    }
}

impl PartialEq for FocusLater {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A `FocusLater` for this component. A request waits up to three draws
/// for its element, since an edit may take one to arrive.
#[hook]
pub fn use_focus_later() -> FocusLater {
    let slot = use_mut_ref(|| None);
    let later = FocusLater(slot.clone());
    use_effect(move || {
        let Some((selectors, tries, select)) = slot.borrow_mut().take() else {
            return;
        };
        let document = gloo::utils::document();
        let found = selectors
            .iter()
            .find_map(|s| document.query_selector(s).ok().flatten());
        match found.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
            Some(element) => {
                let _ = element.focus();
                if let Some(input) = element
                    .dyn_ref::<web_sys::HtmlInputElement>()
                    .filter(|_| select)
                {
                    input.select();
                }
            }
            None if tries < 2 => *slot.borrow_mut() = Some((selectors, tries + 1, select)),
            None => {}
        }
    });
    later
}

/// The text of the input or text area an event came from.
pub(super) fn input_value(e: &Event) -> String {
    let target = e.target();
    if let Some(input) = target
        .clone()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    {
        return input.value();
    }
    if let Some(area) = target
        .clone()
        .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
    {
        return area.value();
    }
    String::new()
}

/// Whether the input holds text it cannot read as a value, such as a date
/// with one part cleared: it then reports itself empty.
pub(super) fn bad_input(e: &Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|input| input.validity().bad_input())
}
