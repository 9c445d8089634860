//! Showing a place the user asked to see: the element that holds it,
//! scrolled into view and focused once its page has rendered.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::pages::Focus;
use crate::review::place::Place;

/// Scrolls to and focuses the element the user asked to see, once the page
/// that holds it has rendered.
#[hook]
pub fn use_focus(target: Option<Focus>) {
    use_effect_with(target, |target| {
        let Some(id) = target.as_ref().and_then(|f| element_of(&f.place)) else {
            return;
        };
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id));
        if let Some(el) = element {
            // As little scrolling as shows it, so opening the item beside
            // one just deleted does not jump the page.
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&options);
            if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// The element that shows a place, to scroll to and focus.
fn element_of(place: &Place) -> Option<String> {
    let fixed = |id: &str| Some(id.to_string());
    // An item of a list, or, with no item named, the list's Add button:
    // where a finding about the list, or the last item's delete, leaves
    // the user.
    let item = |kind: &str, id: &Option<String>| {
        Some(
            id.as_ref()
                .map_or(format!("add-{kind}"), |id| format!("{kind}-{id}")),
        )
    };
    match place {
        Place::Brand => fixed("brand"),
        // The section's button, which the domains page marks as current.
        Place::DnsBrand => fixed("domains-brand"),
        Place::ExistingRecords => fixed("existing-records"),
        Place::Domains(id) => id.as_ref().map(|id| format!("domains-lane-{id}")),
        Place::Lane(id) => item("lane", id),
        Place::Warmup(id) => id.as_ref().map(|id| format!("warmup-{id}")),
        Place::Journey(id) => item("journey", id),
        Place::Rule(id) => item("rule", id),
        Place::Migration(id) => item("migration", id),
        Place::DefaultLane => fixed("default-lane"),
        Place::PeakWindow => fixed("peak-window"),
        Place::Simulation => None,
        Place::Checklist => fixed("checklist-heading"),
        Place::SeedTests => fixed("seeds"),
        Place::Thresholds => fixed("thresholds"),
        Place::Mapping => fixed("mapping-heading"),
        Place::Postmaster => fixed("postmaster-heading"),
        Place::Preferences => fixed("preferences-heading"),
        Place::Platform => fixed("platform-heading"),
    }
}
