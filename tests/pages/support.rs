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
        on_added: Callback::noop(),
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
pub fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.split(&needle)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The value of attribute `name` in an opening tag, if it has one.
pub fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let rest = &tag[tag.find(&needle)? + needle.len()..];
    rest.split('"').next()
}

/// The opening tag of the element with `id`.
pub fn tag<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!(" id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element #{id}"));
    let start = html[..at].rfind('<').expect("a tag opens before its id");
    let end = at + html[at..].find('>').expect("the tag closes");
    &html[start..=end]
}

/// The value of attribute `name` on the element with `id`.
pub fn attribute(html: &str, id: &str, name: &str) -> String {
    attr(tag(html, id), name)
        .unwrap_or_else(|| panic!("#{id} has no {name}"))
        .to_string()
}

/// The HTML of the element with `id`, from its opening tag up to its
/// first `</{close}>`.
pub fn element<'a>(html: &'a str, id: &str, close: &str) -> &'a str {
    let start = html
        .find(tag(html, id))
        .expect("the element is in the page");
    let end = start
        + html[start..]
            .find(&format!("</{close}>"))
            .unwrap_or_else(|| panic!("#{id} has no </{close}>"));
    &html[start..end]
}

/// The value of the one option the select with `id` has selected.
pub fn selected(html: &str, id: &str) -> String {
    let select = element(html, id, "select");
    let chosen: Vec<&str> = select
        .split("<option")
        .skip(1)
        .filter(|option| option.split('>').next().unwrap_or("").contains(" selected"))
        .collect();
    assert_eq!(chosen.len(), 1, "one option selected in #{id}: {select}");
    attr(chosen[0], "value")
        .expect("the option has a value")
        .to_string()
}

/// Whether the checkbox with `id` is ticked.
pub fn checked(html: &str, id: &str) -> bool {
    is_checked(tag(html, id))
}

/// Whether a checkbox's opening tag is ticked.
pub fn is_checked(input: &str) -> bool {
    assert!(input.contains("type=\"checkbox\""), "{input}");
    input.starts_with("<input checked")
        || input.contains(" checked ")
        || input.contains(" checked>")
}

/// No element carries an attribute the old pages read behaviour from, and
/// the browser alone keeps each `<details>` open or closed.
pub fn no_behaviour_attributes(html: &str) {
    for name in [
        "data-edit",
        "data-action",
        "data-fix",
        "data-open",
        "data-copy",
        "data-download",
        "data-source",
        "data-view",
        "data-monitor",
    ] {
        assert!(!html.contains(name), "{name} in {html}");
    }
    for details in html.split("<details").skip(1) {
        let opening = details.split('>').next().unwrap_or("");
        assert!(!opening.contains("open"), "<details{opening}>");
    }
}

/// User text with markup in it shows as text: no `<script>` or `<img>`
/// element came through.
pub fn no_injected_markup(html: &str) {
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<img"), "{html}");
}

/// Text as the server renderer writes it between tags.
pub fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Text as the server renderer writes it inside an attribute.
pub fn escape(text: &str) -> String {
    escape_text(text).replace('"', "&quot;")
}

/// Every control whose id starts with `prefix` (other than the notes
/// under a field) has a `<label for>`.
pub fn every_control_labelled(html: &str, prefix: &str) {
    for id in attributes(html, "id")
        .iter()
        .filter(|id| id.starts_with(prefix) && !id.ends_with("-notes"))
    {
        assert!(
            html.contains(&format!("for=\"{id}\"")),
            "no label for #{id}"
        );
    }
}
