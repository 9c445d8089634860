//! What every page test needs: props for a plan and a renderer.

use std::rc::Rc;

use chrono::NaiveDate;
use switchyard::plan::model::Plan;
use switchyard::review::findings::findings;
use switchyard::ui::pages::PageProps;
use yew::{BaseComponent, Callback, LocalServerRenderer};

/// The day every page test is rendered on.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).expect("a real date")
}

/// A page's props for `plan`, with what the shell derives from it and
/// callbacks that do nothing.
pub fn props(plan: Plan) -> PageProps {
    let derived = findings(&plan, today(), None);
    PageProps {
        plan: Rc::new(plan),
        findings: Rc::new(derived),
        today: today(),
        on_edit: Callback::noop(),
        on_open: Callback::noop(),
        focus: None,
    }
}

/// The component's HTML.
pub async fn render<C: BaseComponent>(props: C::Properties) -> String {
    LocalServerRenderer::<C>::with_props(props)
        .hydratable(false)
        .render()
        .await
}

/// The values of every `name="…"` attribute in `html`, in order.
#[allow(dead_code)]
pub fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.split(&needle)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}
