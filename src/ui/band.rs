//! The messages' band stays at the top of the window as the page scrolls
//! (see the stylesheet). While it covers the top of the page, the page's
//! scroll padding is as tall as the band, so the browser's Tab and the
//! app's own scrolling (`focus`) bring a control out below it, and a
//! message that grows over the control the user is on moves the page
//! so the control shows.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::prelude::*;

use super::resize::Observer;

/// Keeps the page's scroll padding to the band behind `node`, for as long
/// as the component that calls it is drawn.
#[hook]
pub fn use_band(node: NodeRef) {
    use_effect_with((), move |_| {
        let observer = node.cast::<Element>().and_then(|band| {
            let target = band.clone();
            let sized = Closure::<dyn Fn()>::new(move || fit_to(&target));
            Observer::new(&band, sized)
        });
        move || drop(observer)
    });
}

/// How far down the window the band covers the page: its bottom, or 0
/// when it is not at the top of the window (still in the page's flow
/// below the toolbar, or empty).
pub fn covered() -> f64 {
    let band = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".app-messages").ok().flatten());
    band.map_or(0.0, |b| {
        let rect = b.get_bounding_client_rect();
        match rect.top() <= 0.5 {
            true => rect.bottom().max(0.0),
            false => 0.0,
        }
    })
}

/// Sets the scroll padding to the band's height, and scrolls the focused
/// control out from under it.
fn fit_to(band: &Element) {
    let height = band.get_bounding_client_rect().height().ceil();
    let document = web_sys::window().and_then(|w| w.document());
    let root = document.as_ref().and_then(|d| d.document_element());
    if let Some(root) = root.and_then(|r| r.dyn_into::<HtmlElement>().ok()) {
        let _ = root
            .style()
            .set_property("scroll-padding-top", &format!("{height}px"));
    }
    let active = document.and_then(|d| d.active_element());
    if let Some(active) = active.filter(|a| under(a, band)) {
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Nearest);
        active.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Whether `el` lies, at least in part, under the band.
fn under(el: &Element, band: &Element) -> bool {
    let (rect, band) = (
        el.get_bounding_client_rect(),
        band.get_bounding_client_rect(),
    );
    band.height() > 0.0 && rect.top() < band.bottom() && rect.bottom() > band.top()
}
