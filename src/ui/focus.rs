//! Showing a place the user asked to see: the element that holds it,
//! scrolled into view and focused once its page has rendered.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::fields::{is_focused, scroll_to};
use super::pages::checklist::{seed_control, threshold_control};
use super::pages::monitoring::postmaster_control;
use super::pages::platform::ALL_EMAILS_CONTROL;
use super::pages::preferences::{one_click_control, topic_control, topic_lane_control};
use super::pages::Focus;
use crate::review::place::Place;

/// Scrolls to and focuses the element the user asked to see, once the page
/// that holds it has rendered; for an item just added, its name.
#[hook]
pub fn use_focus(target: Option<Focus>) {
    use_effect_with(target, |target| {
        let Some(target) = target else {
            return;
        };
        let Some(id) = element_of(&target.place) else {
            return;
        };
        let name = name_of(&target.place).filter(|_| target.added);
        match (name, field_of(&target.place)) {
            (Some(name), _) => wasm_bindgen_futures::spawn_local(show_soon(name, id, true)),
            (None, Some(field)) => wasm_bindgen_futures::spawn_local(show_soon(field, id, false)),
            (None, None) => {
                if let Some(el) = element(&id) {
                    show(&el, false);
                }
            }
        }
    });
}

/// Focuses the field `field` of an item, such as a new item's name, with
/// its text selected when `select` is set, so typing replaces the name it
/// was given; else the item itself, `id`, which also takes the focus when
/// the field cannot (a shared plan's disabled select). A journey's fields
/// are in its editor, which opens a draw after its row, so the field is
/// looked for over a few tasks.
async fn show_soon(field: String, id: String, select: bool) {
    for _ in 0..3 {
        if let Some(el) = element(&field) {
            show(&el, select);
            if let Some(input) = el.dyn_ref::<HtmlInputElement>().filter(|_| select) {
                input.select();
            }
            if is_focused(&el) {
                return;
            }
            break;
        }
        super::sleep(0).await;
    }
    if let Some(el) = element(&id) {
        show(&el, false);
    }
}

fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// Focuses `el`, scrolling only if it is not wholly in the window, so
/// opening the item beside one just deleted does not jump the page. A
/// heading scrolled to goes to the top, so its section shows below it, and
/// so does an item taller than the window, whose middle would hide its
/// name; anything else, and a new item's name always, goes to the middle,
/// with what surrounds it in view.
fn show(el: &web_sys::Element, centre: bool) {
    if centre || !in_window(el) {
        let heading = matches!(el.tag_name().as_str(), "H2" | "H3" | "H4");
        let tall = el.get_bounding_client_rect().height() > window_height();
        scroll_to(
            el,
            if heading || tall {
                web_sys::ScrollLogicalPosition::Start
            } else {
                web_sys::ScrollLogicalPosition::Center
            },
        );
    }
    // The ring shows even after a mouse click: the user was moved here and
    // needs to see where they landed, which a browser shows only after keys.
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_focus_visible(true);
        let _ = el.focus_with_options(&options);
    }
}

/// Whether the whole of `el` is inside the window's height, below the
/// messages' band where it covers the top.
fn in_window(el: &web_sys::Element) -> bool {
    let rect = el.get_bounding_client_rect();
    rect.top() >= super::band::covered() && rect.bottom() <= window_height()
}

fn window_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0)
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
        Place::Brand | Place::BrandField(_) => fixed("brand"),
        // The section's button, which the domains page marks as current.
        Place::DnsBrand | Place::DmarcField(_) | Place::ExtrasField(_) => fixed("domains-brand"),
        Place::ExistingRecords => fixed("existing-records"),
        Place::Domains(id) => id.as_ref().map(|id| format!("domains-lane-{id}")),
        Place::Lane(id) => item("lane", id),
        Place::LaneField { lane, .. } => Some(format!("lane-{lane}")),
        Place::Warmup(id) => id.as_ref().map(|id| format!("warmup-{id}")),
        Place::WarmupField { lane, .. } => Some(format!("warmup-{lane}")),
        Place::Journey(id) => item("journey", id),
        Place::JourneyField { journey, .. } => Some(format!("journey-{journey}")),
        Place::Rule(id) => item("rule", id),
        Place::RuleField { rule, .. } => Some(format!("rule-{rule}")),
        Place::Migration(id) => item("migration", id),
        Place::MigrationField { migration, .. } => Some(format!("migration-{migration}")),
        Place::DefaultLane => fixed("default-lane"),
        Place::PeakWindow => fixed("peak-window"),
        Place::Simulation => fixed("simulation-settings"),
        Place::Fallbacks | Place::FallbackField { .. } => fixed("simulation-fallbacks"),
        Place::Checklist => fixed("checklist-heading"),
        // The section's heading, should the row not be drawn.
        Place::SeedTests | Place::SeedField { .. } => fixed("seeds"),
        Place::Thresholds | Place::ThresholdField { .. } | Place::ThresholdReset(_) => {
            fixed("thresholds")
        }
        Place::Mapping => fixed("mapping-heading"),
        // The section's heading, should the row not be drawn.
        Place::Postmaster | Place::PostmasterField { .. } => fixed("postmaster-heading"),
        Place::LaneHealth(lane) => Some(format!("health-{lane}")),
        Place::Preferences => fixed("preferences-heading"),
        Place::Topic(id) => Some(
            id.as_ref()
                .map_or("add-topic".to_string(), |id| topic_control(id, None)),
        ),
        Place::TopicLane { topic, .. } => Some(topic_control(topic, None)),
        Place::OneClick(lane) => Some(one_click_control(lane)),
        Place::ProcessingDays => fixed("processing-days"),
        // The heading, should the select not be drawn.
        Place::Platform | Place::AllEmailsLane => fixed("platform-heading"),
        Place::DmarcPublished => fixed("dmarc-published-policies"),
    }
}

/// The field a place names within its item, which the page draws once the
/// item is open.
fn field_of(place: &Place) -> Option<String> {
    match place {
        Place::JourneyField { journey, control } => Some(format!("journey-{journey}-{control}")),
        // The days are a box each: the first takes the focus.
        Place::WarmupField {
            lane,
            field: "sending_weekdays",
        } => Some(format!("f-warmup-{lane}-weekday-1")),
        Place::WarmupField { lane, field } => Some(format!("f-warmup-{lane}-{field}")),
        Place::DmarcField(field) => Some(format!("f-dmarc-{field}")),
        Place::ExtrasField(field) => Some(format!("f-extras-{field}")),
        Place::BrandField("primary_domain") => Some("brand-domain".into()),
        Place::BrandField(_) => Some("brand-name".into()),
        Place::ThresholdField { lane, field } => Some(threshold_control(lane, field)),
        Place::ThresholdReset(lane) => Some(threshold_control(lane, "reset")),
        Place::FallbackField { lane, field } => Some(format!("f-fallback-{lane}-{field}")),
        Place::SeedField { seed, field } => Some(seed_control(seed, field)),
        Place::PostmasterField { row, field } => Some(postmaster_control(row, field)),
        Place::Topic(Some(id)) => Some(topic_control(id, Some("name"))),
        Place::TopicLane { topic, lane } => Some(topic_lane_control(topic, lane)),
        Place::AllEmailsLane => Some(ALL_EMAILS_CONTROL.into()),
        Place::MigrationField { migration, field } => Some(
            super::pages::migrations::migration_control(migration, field),
        ),
        Place::RuleField { rule, control } => Some(super::pages::rules::control_id(rule, control)),
        Place::LaneField { lane, field } => {
            super::pages::lanes::lane_control(field).map(|control| format!("lane-{lane}-{control}"))
        }
        _ => None,
    }
}

/// The name field of an item that has one.
fn name_of(place: &Place) -> Option<String> {
    match place {
        Place::Lane(Some(id)) => Some(format!("lane-{id}-name")),
        Place::Journey(Some(id)) => Some(format!("journey-{id}-name")),
        Place::Rule(Some(id)) => Some(format!("rule-{id}-name")),
        Place::Migration(Some(id)) => Some(format!("f-migration-{id}-name")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{element_of, field_of};
    use crate::review::place::Place;
    use crate::ui::tabs::{tab_of, Tab};

    #[test]
    fn a_disagreement_between_reporters_opens_the_dmarc_reports_list_of_policies() {
        let place = Place::DmarcPublished;
        assert_eq!(tab_of(&place), Tab::Dmarc);
        // The table of published policies, with who reported each.
        assert_eq!(
            element_of(&place).as_deref(),
            Some("dmarc-published-policies")
        );
    }

    #[test]
    fn a_lanes_health_opens_its_card_on_the_monitoring_tab() {
        let place = Place::LaneHealth("promotional".into());
        assert_eq!(tab_of(&place), Tab::Monitoring);
        assert_eq!(element_of(&place).as_deref(), Some("health-promotional"));
        assert_eq!(field_of(&place), None);
    }

    #[test]
    fn a_migrations_field_opens_its_control_on_its_card() {
        let place = Place::MigrationField {
            migration: "migration-2".into(),
            field: "to_lane",
        };
        assert_eq!(tab_of(&place), Tab::Migrations);
        // The control, or the card should the control not be drawn.
        let control = field_of(&place);
        assert_eq!(control.as_deref(), Some("f-migration-migration-2-to_lane"));
        assert_eq!(element_of(&place).as_deref(), Some("migration-migration-2"));
    }

    #[test]
    fn a_lanes_box_under_a_topic_opens_on_the_preferences() {
        let place = Place::TopicLane {
            topic: "all-marketing".into(),
            lane: "promotional".into(),
        };
        assert_eq!(tab_of(&place), Tab::Preferences);
        // The box, or the topic's row should the box not be drawn.
        let control = field_of(&place);
        assert_eq!(
            control.as_deref(),
            Some("topic-all-marketing-lane-promotional")
        );
        assert_eq!(element_of(&place).as_deref(), Some("topic-all-marketing"));
    }

    #[test]
    fn a_lanes_thresholds_button_opens_on_the_checklist() {
        let place = Place::ThresholdReset("promotional".into());
        assert_eq!(tab_of(&place), Tab::Checklist);
        // The button, or the table's heading should it not be drawn.
        assert_eq!(field_of(&place).as_deref(), Some("th-promotional-reset"));
        assert_eq!(element_of(&place).as_deref(), Some("thresholds"));
    }

    #[test]
    fn the_all_emails_lane_opens_its_select_on_the_platform() {
        let place = Place::AllEmailsLane;
        assert_eq!(tab_of(&place), Tab::Platform);
        // The select, or the page's heading should it not be drawn, as on
        // a plan sent by its own code.
        assert_eq!(field_of(&place).as_deref(), Some("platform-all-emails"));
        assert_eq!(element_of(&place).as_deref(), Some("platform-heading"));
    }

    #[test]
    fn a_postmaster_figures_field_opens_its_input_on_the_monitoring_tab() {
        // (the field, its input)
        let cases = [
            ("date", "pm-postmaster-2-date"),
            ("domain", "pm-postmaster-2-domain"),
            ("spam_rate_percent", "pm-postmaster-2-rate"),
        ];
        for (field, input) in cases {
            let place = Place::PostmasterField {
                row: "postmaster-2".into(),
                field,
            };
            assert_eq!(tab_of(&place), Tab::Monitoring);
            assert_eq!(field_of(&place).as_deref(), Some(input), "{field}");
            // The section's heading, should the row not be drawn.
            assert_eq!(element_of(&place).as_deref(), Some("postmaster-heading"));
        }
    }

    #[test]
    fn a_seed_test_opens_its_rows_field_on_the_checklist() {
        let place = Place::SeedField {
            seed: "seed-2".into(),
            field: "date",
        };
        assert_eq!(tab_of(&place), Tab::Checklist);
        // The row's date, as the checklist's seed rows name their controls;
        // the section's heading should the row not be drawn.
        assert_eq!(field_of(&place).as_deref(), Some("seed-seed-2-date"));
        assert_eq!(element_of(&place).as_deref(), Some("seeds"));
    }
}

/// Keeps the focus in an element the page moves. A keyed item moved in
/// its list (a lane or rule moved up, here or in another tab) has its
/// elements taken out and put back, which drops the focus to the page, so
/// keys typed next would go nowhere. When the focus leaves an element for
/// nothing, not by a pointer, and the element is still on the page once
/// the page has settled, it is focused again with its selection. A click
/// on the page, a move to another window or an element removed leaves the
/// focus where it went.
#[hook]
pub fn use_focus_through_moves() {
    use_effect_with((), |_| {
        let document = gloo::utils::document();
        let pointed = Rc::new(Cell::new(false));
        let capture = || EventListenerOptions::run_in_capture_phase();
        let down = {
            let pointed = pointed.clone();
            EventListener::new_with_options(&document, "pointerdown", capture(), move |_| {
                pointed.set(true);
                let pointed = pointed.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    settled().await;
                    pointed.set(false);
                });
            })
        };
        let out = EventListener::new_with_options(&document, "focusout", capture(), move |e| {
            let Some(e) = e.dyn_ref::<web_sys::FocusEvent>() else {
                return;
            };
            let target = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
            let (Some(el), None, false) = (target, e.related_target(), pointed.get()) else {
                return;
            };
            let selection = selection_of(&el);
            wasm_bindgen_futures::spawn_local(async move {
                settled().await;
                refocus(&el, selection);
            });
        });
        move || drop((down, out))
    });
}

/// Waits for the page to settle: the end of the task that moved an
/// element, and the microtasks queued by then.
async fn settled() {
    let tick = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
    let _ = wasm_bindgen_futures::JsFuture::from(tick).await;
}

/// The selection in an input that has one.
fn selection_of(el: &web_sys::HtmlElement) -> Option<(u32, u32)> {
    let input = el.dyn_ref::<HtmlInputElement>()?;
    // Number and date inputs have no selection; theirs is an error.
    Some((input.selection_start().ok()??, input.selection_end().ok()??))
}

/// Focuses `el` again, where the focus fell to the page while it stayed on it.
fn refocus(el: &web_sys::HtmlElement, selection: Option<(u32, u32)>) {
    let document = gloo::utils::document();
    let on_page = match document.active_element() {
        None => true,
        Some(now) => document.body().is_some_and(|body| now == *body.as_ref()),
    };
    if !on_page || !el.is_connected() || !document.has_focus().unwrap_or(false) {
        return;
    }
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = el.focus_with_options(&options);
    if let (Some(input), Some((start, end))) = (el.dyn_ref::<HtmlInputElement>(), selection) {
        let _ = input.set_selection_range(start, end);
    }
}
