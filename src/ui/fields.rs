//! Form fields and small controls every page shares. Each takes typed props
//! and reports a committed value through a callback; the page turns it into
//! an `Edit`. Text commits on `change` (leaving the field or pressing
//! Enter), as one undo step; the text being typed is the browser's until
//! then, so a redraw never takes it away. Controls inside tables (`CellInput`,
//! `CellSelect`, `CellCheck`) carry an `aria-label` instead of a label of
//! their own, since the column heading is their visible label.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::plan::diagnostic::{Diagnostic, Severity};
use crate::plan::edit::{DateChange, Direction, Edit};
use crate::plan::model::enum_key;
use serde::Serialize;

pub fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// The findings whose path is exactly `path`, for showing under a field.
pub fn findings_at(findings: &[Diagnostic], path: &str) -> Vec<Diagnostic> {
    findings
        .iter()
        .filter(|d| d.path == path)
        .cloned()
        .collect()
}

/// The findings whose path is `path` or inside it (`path.<field>`).
pub fn findings_under(findings: &[Diagnostic], path: &str) -> Vec<Diagnostic> {
    findings
        .iter()
        .filter(|d| {
            d.path
                .strip_prefix(path)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
        })
        .cloned()
        .collect()
}

/// A select's options and what picking one does. Each option stands for a
/// typed value; the page holds only the option's position and a readable
/// key, so picking one hands back the value itself and no text is parsed.
#[derive(Clone, PartialEq)]
pub struct Choices {
    /// Each option's `value` attribute (a stable key) and label.
    options: Rc<[(AttrValue, AttrValue)]>,
    /// The current value's position, if it is among the options.
    selected: Option<usize>,
    /// Takes the position of the option picked.
    on_pick: Callback<usize>,
}

impl Choices {
    /// Options from (value, key, label) triples, with `current` chosen.
    pub fn new<T: PartialEq + Clone + 'static>(
        items: Vec<(T, AttrValue, AttrValue)>,
        current: &T,
        on_pick: Callback<T>,
    ) -> Self {
        let (values, options): (Vec<T>, Vec<_>) = items
            .into_iter()
            .map(|(value, key, label)| (value, (key, label)))
            .unzip();
        let selected = values.iter().position(|v| v == current);
        let on_pick = Callback::from(move |i: usize| {
            if let Some(value) = values.get(i) {
                on_pick.emit(value.clone());
            }
        });
        Choices {
            options: options.into(),
            selected,
            on_pick,
        }
    }

    /// Every variant of a unit enum, keyed by its name in plan files.
    pub fn of_enum<T: Serialize + Copy + PartialEq + 'static>(
        all: &[T],
        label: fn(T) -> &'static str,
        current: T,
        on_pick: Callback<T>,
    ) -> Self {
        Choices::new(enum_items(all, label).collect(), &current, on_pick)
    }

    /// "No choice" first, then every variant of a unit enum.
    pub fn of_optional_enum<T: Serialize + Copy + PartialEq + 'static>(
        none: (&'static str, &'static str),
        all: &[T],
        label: fn(T) -> &'static str,
        current: Option<T>,
        on_pick: Callback<Option<T>>,
    ) -> Self {
        let first = (None, AttrValue::Static(none.0), AttrValue::Static(none.1));
        let rest = enum_items(all, label).map(|(v, key, text)| (Some(v), key, text));
        Choices::new(
            std::iter::once(first).chain(rest).collect(),
            &current,
            on_pick,
        )
    }

    /// Lanes as (id, name) pairs, each standing for its id.
    pub fn of_lanes(
        lanes: &[(AttrValue, AttrValue)],
        current: &str,
        on_pick: Callback<String>,
    ) -> Self {
        let items = lane_items(lanes, Some(current));
        Choices::new(items, &current.to_string(), on_pick)
    }

    /// `none` first (standing for no lane), then lanes as (id, name) pairs.
    pub fn of_optional_lanes(
        none: &'static str,
        lanes: &[(AttrValue, AttrValue)],
        current: Option<&str>,
        on_pick: Callback<Option<String>>,
    ) -> Self {
        let first = (None, AttrValue::Static(""), AttrValue::Static(none));
        let rest = lane_items(lanes, current)
            .into_iter()
            .map(|(id, key, name)| (Some(id), key, name));
        let current = current.map(str::to_string);
        Choices::new(
            std::iter::once(first).chain(rest).collect(),
            &current,
            on_pick,
        )
    }

    /// The options, with the current one marked selected.
    pub fn render(&self) -> Html {
        html! {
            for (i, (value, text)) in self.options.iter().enumerate() {
                <option value={value.clone()} selected={self.selected == Some(i)}>{ text.clone() }</option>
            }
        }
    }

    /// A callback for the select's `change` event that picks by position.
    pub fn on_change(&self) -> Callback<Event> {
        let on_pick = self.on_pick.clone();
        Callback::from(move |e: Event| {
            let index = e
                .target_unchecked_into::<HtmlSelectElement>()
                .selected_index();
            if let Ok(index) = usize::try_from(index) {
                on_pick.emit(index);
            }
        })
    }
}

/// (id, key, name) for each lane, and for `current` when it names no lane,
/// so the select shows what the plan says until the user changes it.
fn lane_items(
    lanes: &[(AttrValue, AttrValue)],
    current: Option<&str>,
) -> Vec<(String, AttrValue, AttrValue)> {
    let mut items: Vec<_> = lanes
        .iter()
        .map(|(id, name)| (id.to_string(), id.clone(), name.clone()))
        .collect();
    let missing = current.filter(|c| !c.is_empty() && !lanes.iter().any(|(id, _)| id == c));
    if let Some(missing) = missing {
        let label = format!("Missing lane “{missing}”");
        items.push((
            missing.to_string(),
            missing.to_string().into(),
            label.into(),
        ));
    }
    items
}

/// (value, key, label) for every variant of a unit enum.
pub fn enum_items<T: Serialize + Copy>(
    all: &[T],
    label: fn(T) -> &'static str,
) -> impl Iterator<Item = (T, AttrValue, AttrValue)> + '_ {
    all.iter()
        .map(move |&v| (v, AttrValue::from(enum_key(v)), AttrValue::Static(label(v))))
}

fn input_value(e: &Event) -> String {
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

fn input_checked(e: &Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// The kinds of text input a `Field` can be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum InputKind {
    #[default]
    Text,
    Email,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
}

impl InputKind {
    /// The input's `type` attribute.
    fn as_str(self) -> &'static str {
        match self {
            InputKind::Text => "text",
            InputKind::Email => "email",
            InputKind::Date => "date",
        }
    }
}

/// A callback for a control's `change` event that reports its value.
fn on_value(on_change: &Callback<String>) -> Callback<Event> {
    let on_change = on_change.clone();
    Callback::from(move |e: Event| on_change.emit(input_value(&e)))
}

/// A callback for a checkbox's `change` event that reports whether it is
/// ticked.
fn on_checked(on_change: &Callback<bool>) -> Callback<Event> {
    let on_change = on_change.clone();
    Callback::from(move |e: Event| on_change.emit(input_checked(&e)))
}

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub kind: InputKind,
    #[prop_or_default]
    pub help: AttrValue,
    #[prop_or_default]
    pub placeholder: AttrValue,
    #[prop_or_default]
    pub findings: Vec<Diagnostic>,
    pub on_change: Callback<String>,
}

/// The value a text control shows, and the ref it needs. Yew puts a
/// control's value back whenever it redraws it, which would throw away text
/// typed but not yet committed whenever another edit redraws the page. So
/// while the plan's value is the one last drawn, the control keeps what it
/// holds; when the plan's value changes (an edit, an undo), it shows that.
#[hook]
fn use_kept_text(value: AttrValue) -> (NodeRef, AttrValue) {
    let node = use_node_ref();
    let last = use_mut_ref(|| value.clone());
    let unchanged = *last.borrow() == value;
    *last.borrow_mut() = value.clone();
    let typed = node
        .cast::<HtmlInputElement>()
        .map(|input| input.value())
        .or_else(|| node.cast::<HtmlTextAreaElement>().map(|area| area.value()));
    match typed {
        Some(text) if unchanged => (node, text.into()),
        _ => (node, value),
    }
}

/// Whether a `<details>` is open, kept by a component above a branch that
/// may drop it (a calendar that is gone while its first day is not a date),
/// so the section comes back as the user left it.
#[derive(Clone, PartialEq)]
pub struct Disclosure {
    pub open: bool,
    /// For the `<details>`' `ontoggle`.
    pub on_toggle: Callback<Event>,
}

#[hook]
pub fn use_disclosure() -> Disclosure {
    let open = use_state_eq(|| false);
    let on_toggle = {
        let open = open.setter();
        use_callback((), move |e: Event, _| {
            if let Some(details) = e.target_dyn_into::<Element>() {
                open.set(details.has_attribute("open"));
            }
        })
    };
    Disclosure {
        open: *open,
        on_toggle,
    }
}

/// A labelled input with its help and findings.
#[component]
pub fn Field(props: &FieldProps) -> Html {
    let onchange = on_value(&props.on_change);
    let (node, value) = use_kept_text(props.value.clone());
    let kind = props.kind.as_str();
    let placeholder = (!props.placeholder.is_empty()).then(|| props.placeholder.clone());
    html! {
        <FieldFrame id={props.id.clone()} label={props.label.clone()} help={props.help.clone()}
            findings={props.findings.clone()} error={None::<AttrValue>}>
            <input ref={node} id={props.id.clone()} type={kind} {value} {onchange} {placeholder}
                spellcheck="false" aria-describedby={format!("{}-notes", props.id)}
                aria-invalid={has_error(&props.findings).to_string()} />
        </FieldFrame>
    }
}

fn has_error(findings: &[Diagnostic]) -> bool {
    findings.iter().any(|d| d.severity == Severity::Error)
}

#[derive(Properties, PartialEq)]
struct FieldFrameProps {
    id: AttrValue,
    label: AttrValue,
    help: AttrValue,
    findings: Vec<Diagnostic>,
    /// A value the field itself refused, such as a number out of range.
    error: Option<AttrValue>,
    children: Html,
}

/// The label, the control, and the notes under it that the control's
/// `aria-describedby` names.
#[component]
fn FieldFrame(props: &FieldFrameProps) -> Html {
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            { props.children.clone() }
            { field_notes(&props.id, &props.help, props.error.clone(), &props.findings) }
        </div>
    }
}

/// The help, a refusal and the findings under a control, with the id its
/// `aria-describedby` names.
fn field_notes(
    id: &str,
    help: &AttrValue,
    error: Option<AttrValue>,
    findings: &[Diagnostic],
) -> Html {
    html! {
        <div id={format!("{id}-notes")} class="field-notes">
            if !help.is_empty() { <p class="help">{ help.clone() }</p> }
            if let Some(error) = error {
                <p class="finding error" role="alert">{ error }</p>
            }
            for d in findings.iter() {
                <p class={classes!("finding", severity_class(d.severity))}>
                    { d.message.clone() }
                    if !d.hint.is_empty() { { " " }<span class="hint">{ d.hint.clone() }</span> }
                </p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct DateListProps {
    pub id: AttrValue,
    /// What the dates are, as the group's legend.
    pub label: AttrValue,
    /// The label of the empty date input that adds one.
    pub add_label: AttrValue,
    pub dates: Vec<String>,
    #[prop_or_default]
    pub help: AttrValue,
    #[prop_or_default]
    pub findings: Vec<Diagnostic>,
    /// One date added, moved or removed.
    pub on_change: Callback<DateChange>,
}

/// A set of calendar dates: a date input for each, a button that removes
/// it, and an empty date input whose pick is added. Each change is named
/// by the date it touches, never by its place in the list.
#[component]
pub fn DateListField(props: &DateListProps) -> Html {
    let id = &props.id;
    let changed = |from: Option<String>| {
        let on_change = props.on_change.clone();
        move |to: String| {
            on_change.emit(DateChange {
                from: from.clone(),
                to,
            })
        }
    };
    let add = {
        let add = changed(None);
        Callback::from(move |e: Event| {
            add(input_value(&e));
            // The pick is in the list now; the adding input is ready for the next.
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                input.set_value("");
            }
        })
    };
    html! {
        <fieldset class="field date-list" aria-describedby={format!("{id}-notes")}>
            <legend>{ props.label.clone() }</legend>
            if !props.dates.is_empty() {
                <ul>
                    for (i, date) in props.dates.iter().enumerate() {
                        <li>
                            <label class="visually-hidden" for={format!("{id}-{i}")}>{ format!("{}: {date}", props.label) }</label>
                            <input type="date" id={format!("{id}-{i}")} value={date.clone()}
                                onchange={{ let set = changed(Some(date.clone())); move |e: Event| set(input_value(&e)) }} />
                            <button type="button" class="link" aria-label={format!("Remove {date}")}
                                onclick={{ let set = changed(Some(date.clone())); move |_| set(String::new()) }}>
                                { "Remove" }
                            </button>
                        </li>
                    }
                </ul>
            }
            <label for={format!("{id}-add")}>{ props.add_label.clone() }</label>
            <input type="date" id={format!("{id}-add")} onchange={add} />
            { field_notes(id, &props.help, None, &props.findings) }
        </fieldset>
    }
}

/// Keys for findings by code, place and message, so that a finding keeps
/// its element when findings before it come or go.
pub fn finding_keys(findings: &[Diagnostic]) -> Vec<String> {
    let texts: Vec<String> = findings
        .iter()
        .map(|d| format!("{} {} {}", d.code, d.path, d.message))
        .collect();
    keys_by_text(texts.iter().map(String::as_str))
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

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: f64,
    pub min: f64,
    pub max: f64,
    /// 1 for whole numbers.
    #[prop_or(1.0)]
    pub step: f64,
    #[prop_or_default]
    pub help: AttrValue,
    #[prop_or_default]
    pub findings: Vec<Diagnostic>,
    pub on_change: Callback<f64>,
}

/// A number input with its range; a value outside it, or not a number, is
/// explained under the field and not committed.
#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let refused = use_state(|| None::<AttrValue>);
    let (node, value) = use_kept_text(show_number(props.value).into());
    let onchange = {
        let (on_change, refused) = (props.on_change.clone(), refused.clone());
        let (min, max, step) = (props.min, props.max, props.step);
        Callback::from(move |e: Event| {
            let text = input_value(&e);
            match read_number(&text, min, max, step) {
                Some(n) => {
                    refused.set(None);
                    on_change.emit(n);
                }
                None => refused.set(Some(number_hint(min, max, step).into())),
            }
        })
    };
    html! {
        <FieldFrame id={props.id.clone()} label={props.label.clone()} help={props.help.clone()}
            findings={props.findings.clone()} error={(*refused).clone()}>
            <input ref={node} id={props.id.clone()} type="number" {value} {onchange}
                min={show_number(props.min)} max={show_number(props.max)} step={show_number(props.step)}
                aria-describedby={format!("{}-notes", props.id)}
                aria-invalid={(refused.is_some() || has_error(&props.findings)).to_string()} />
        </FieldFrame>
    }
}

#[derive(Properties, PartialEq)]
pub struct MoneyFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// `None` is no amount: the field is empty.
    pub value: Option<f64>,
    pub on_change: Callback<Option<f64>>,
}

/// An optional amount of money from 0 to `MAX_AMOUNT`, kept to the cent;
/// empty means none. Text the browser cannot read as a number, or an
/// amount out of range, is explained under the field and not committed.
#[component]
pub fn MoneyField(props: &MoneyFieldProps) -> Html {
    let refused = use_state(|| None::<AttrValue>);
    let shown = props
        .value
        .map(|v| crate::units::fixed(v, 2))
        .unwrap_or_default();
    let (node, value) = use_kept_text(shown.into());
    let onchange = {
        let (on_change, refused) = (props.on_change.clone(), refused.clone());
        Callback::from(move |e: Event| {
            // A number input reports text it cannot read as empty.
            let unreadable = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .is_some_and(|input| input.validity().bad_input());
            match read_amount(&input_value(&e)).filter(|_| !unreadable) {
                Some(amount) => {
                    refused.set(None);
                    on_change.emit(amount);
                }
                None => refused.set(Some(
                    format!(
                        "Enter an amount from 0 to {}, or leave it empty for none.",
                        show_number(MAX_AMOUNT)
                    )
                    .into(),
                )),
            }
        })
    };
    html! {
        <FieldFrame id={props.id.clone()} label={props.label.clone()} help={AttrValue::default()}
            findings={Vec::new()} error={(*refused).clone()}>
            <input ref={node} id={props.id.clone()} type="number" {value} {onchange}
                min="0" max={show_number(MAX_AMOUNT)} step="0.01" inputmode="decimal"
                aria-describedby={format!("{}-notes", props.id)}
                aria-invalid={refused.is_some().to_string()} />
        </FieldFrame>
    }
}

/// The largest amount a money field takes: far above any revenue per
/// recipient, and small enough to show to the cent.
const MAX_AMOUNT: f64 = 1_000_000.0;

/// `Some(None)` for empty text, `Some(Some(n))` for an amount in range,
/// rounded to the cent as the field shows it, `None` for anything else.
fn read_amount(text: &str) -> Option<Option<f64>> {
    let text = text.trim();
    if text.is_empty() {
        return Some(None);
    }
    let n: f64 = text.parse().ok()?;
    let cents = (n * 100.0).round() / 100.0;
    (0.0..=MAX_AMOUNT).contains(&cents).then_some(Some(cents))
}

/// A number as people write it: no trailing `.0`.
pub fn show_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The number typed, if it is one within the range (and whole, for a step
/// of 1).
pub fn read_number(text: &str, min: f64, max: f64, step: f64) -> Option<f64> {
    let n: f64 = text.trim().trim_end_matches('%').trim().parse().ok()?;
    let whole = step.fract() != 0.0 || n.fract() == 0.0;
    (n.is_finite() && (min..=max).contains(&n) && whole).then_some(n)
}

fn number_hint(min: f64, max: f64, step: f64) -> String {
    let kind = if step.fract() == 0.0 {
        "a whole number"
    } else {
        "a number"
    };
    format!(
        "Enter {kind} from {} to {}.",
        show_number(min),
        show_number(max)
    )
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub choices: Choices,
    #[prop_or_default]
    pub help: AttrValue,
}

/// A labelled select of typed choices.
#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let onchange = props.choices.on_change();
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <select id={props.id.clone()} {onchange}>
                { props.choices.render() }
            </select>
            if !props.help.is_empty() { <p class="help">{ props.help.clone() }</p> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub on_change: Callback<bool>,
}

/// A checkbox with its label after it.
#[component]
pub fn CheckField(props: &CheckFieldProps) -> Html {
    let onchange = on_checked(&props.on_change);
    html! {
        <label class="check" for={props.id.clone()}>
            <input id={props.id.clone()} type="checkbox" checked={props.checked} {onchange} />
            { " " }{ props.label.clone() }
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextAreaProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or(6)]
    pub rows: u32,
    #[prop_or_default]
    pub help: AttrValue,
    #[prop_or_default]
    pub placeholder: AttrValue,
    pub on_change: Callback<String>,
}

/// A labelled multi-line text box.
#[component]
pub fn TextArea(props: &TextAreaProps) -> Html {
    let onchange = on_value(&props.on_change);
    let (node, value) = use_kept_text(props.value.clone());
    let placeholder = (!props.placeholder.is_empty()).then(|| props.placeholder.clone());
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <textarea ref={node} id={props.id.clone()} rows={props.rows.to_string()} {value}
                {onchange} {placeholder} spellcheck="false" />
            if !props.help.is_empty() { <p class="help">{ props.help.clone() }</p> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CellInputProps {
    pub id: AttrValue,
    /// The accessible name; the column heading is the visible one.
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub kind: InputKind,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    pub on_change: Callback<String>,
}

/// A text or date input in a table cell, named by `aria-label` because the
/// column heading is its visible label; commits on `change`.
#[component]
pub fn CellInput(props: &CellInputProps) -> Html {
    let onchange = on_value(&props.on_change);
    let (node, value) = use_kept_text(props.value.clone());
    html! {
        <input ref={node} type={props.kind.as_str()} id={props.id.clone()} class={props.class.clone()} {value}
            aria-label={props.label.clone()} placeholder={props.placeholder.clone()} {onchange} />
    }
}

#[derive(Properties, PartialEq)]
pub struct CellSelectProps {
    pub id: AttrValue,
    /// The accessible name; the column heading is the visible one.
    pub label: AttrValue,
    pub choices: Choices,
    #[prop_or_default]
    pub class: Classes,
}

/// A select in a table cell.
#[component]
pub fn CellSelect(props: &CellSelectProps) -> Html {
    let onchange = props.choices.on_change();
    html! {
        <select id={props.id.clone()} class={props.class.clone()} aria-label={props.label.clone()} {onchange}>
            { props.choices.render() }
        </select>
    }
}

#[derive(Properties, PartialEq)]
pub struct CellCheckProps {
    pub id: AttrValue,
    /// The accessible name, where no `<label>` names the box.
    #[prop_or_default]
    pub label: Option<AttrValue>,
    pub checked: bool,
    pub on_change: Callback<bool>,
}

/// A checkbox in a table cell or beside its own `<label>`.
#[component]
pub fn CellCheck(props: &CellCheckProps) -> Html {
    let onchange = on_checked(&props.on_change);
    html! {
        <input type="checkbox" id={props.id.clone()} checked={props.checked}
            aria-label={props.label.clone()} {onchange} />
    }
}

/// Findings with their hints and fixes, for places without notes of their
/// own, such as under a select.
pub fn notes(findings: &[Diagnostic], on_edit: &Callback<Edit>) -> Html {
    html! {
        for d in findings.iter() {
            <p class={classes!("finding", severity_class(d.severity))}>
                { d.message.clone() }
                if !d.hint.is_empty() { { " " }<span class="hint">{ d.hint.clone() }</span> }
                <FixButton finding={Rc::new(d.clone())} on_edit={on_edit.clone()} />
            </p>
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct FixButtonProps {
    pub finding: Rc<Diagnostic>,
    pub on_edit: Callback<Edit>,
}

/// A finding's one-click fix: its edits, as one undo step. The button goes
/// with its finding, and a fix may clear its neighbours too, so the focus
/// first moves, without scrolling, to what surely stays: the card or list
/// that holds it (the nearest element focusable only by script).
#[component]
pub fn FixButton(props: &FixButtonProps) -> Html {
    let Some(fix) = props.finding.fix.clone() else {
        return Html::default();
    };
    let on_edit = props.on_edit.clone();
    let label = format!("Fix: {}", fix.label);
    let onclick = Callback::from(move |e: MouseEvent| {
        if let Some(button) = e.target_dyn_into::<Element>() {
            focus_holder(&button);
        }
        on_edit.emit(Edit::Many(fix.edits.clone()))
    });
    html! { <button type="button" class="fix" {onclick}>{ label }</button> }
}

#[derive(Properties, PartialEq)]
pub struct FindingListProps {
    pub findings: Vec<Diagnostic>,
    pub empty: AttrValue,
    pub on_edit: Callback<Edit>,
}

/// Findings with where they are (record or line, and column) and the fix.
#[component]
pub fn FindingList(props: &FindingListProps) -> Html {
    html! {
        // Focusable by script, so a fix whose finding goes away (the last
        // one included) leaves the focus here.
        <div class="finding-list" tabindex="-1">
            if props.findings.is_empty() {
                <p class="empty">{ props.empty.clone() }</p>
            } else {
                { finding_items(props) }
            }
        </div>
    }
}

fn finding_items(props: &FindingListProps) -> Html {
    html! {
        <ul class="problems findings">
            for (d, key) in props.findings.iter().zip(finding_keys(&props.findings)) {
                <li {key} class={classes!("problem", severity_class(d.severity))}>
                    <span class="severity">{ d.severity.label() }</span>
                    <div>
                        <p>{ d.message.clone() }</p>
                        if !d.hint.is_empty() { <p class="hint">{ d.hint.clone() }</p> }
                        <p class="path"><code>{ match d.column {
                            // Offsets count from 0; people count characters from 1.
                            Some(offset) => format!("{}, character {}", d.path, offset + 1),
                            None => d.path.clone(),
                        } }</code></p>
                        <FixButton finding={Rc::new(d.clone())} on_edit={props.on_edit.clone()} />
                    </div>
                </li>
            }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// What the button says, and what assistive technology reads.
    pub label: AttrValue,
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    pub text: AttrValue,
}

/// Copies `text` to the clipboard and says whether it worked.
#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let said = use_state(|| None::<&'static str>);
    let onclick = {
        let (text, said) = (props.text.clone(), said.clone());
        Callback::from(move |_| {
            let said = said.clone();
            let Some(window) = web_sys::window() else {
                return;
            };
            let promise = window.navigator().clipboard().write_text(&text);
            wasm_bindgen_futures::spawn_local(async move {
                let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                said.set(Some(if copied {
                    "Copied"
                } else {
                    "Copy failed: select and copy"
                }));
            });
        })
    };
    let label = said.map_or(props.label.clone(), AttrValue::Static);
    html! {
        <button type="button" class="copy" id={props.id.clone()} aria-label={props.aria_label.clone()}
            aria-live="polite" {onclick}>{ label }</button>
    }
}

#[derive(Properties, PartialEq)]
pub struct DownloadButtonProps {
    #[prop_or_default]
    pub id: Option<AttrValue>,
    pub label: AttrValue,
    pub file_name: AttrValue,
    #[prop_or(AttrValue::Static("text/plain"))]
    pub mime: AttrValue,
    pub text: AttrValue,
}

/// Offers `text` as a file download.
#[component]
pub fn DownloadButton(props: &DownloadButtonProps) -> Html {
    let failed = use_state(|| None::<String>);
    let onclick = {
        let (name, mime, text) = (
            props.file_name.clone(),
            props.mime.clone(),
            props.text.clone(),
        );
        let failed = failed.clone();
        Callback::from(move |_| {
            failed.set(super::files::download(&name, &mime, &text).err());
        })
    };
    html! {
        <>
            <button type="button" id={props.id.clone()} {onclick}>{ props.label.clone() }</button>
            if let Some(why) = (*failed).clone() {
                <span class="finding error" role="alert">{ format!("Download failed: {why}.") }</span>
            }
        </>
    }
}

/// Moves the focus from `button`, which is about to go with its finding, to
/// the nearest element around it that is focusable only by script.
fn focus_holder(button: &Element) {
    let target = button
        .closest("[tabindex='-1']")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(target) = target {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = target.focus_with_options(&options);
    }
}

/// Focuses the element behind `node`, if it is drawn and enabled.
fn focus(node: &NodeRef) -> bool {
    match node.cast::<web_sys::HtmlElement>() {
        Some(el) if !el.has_attribute("disabled") => el.focus().is_ok(),
        _ => false,
    }
}

#[derive(Properties, PartialEq)]
pub struct MoveButtonsProps {
    /// The buttons' ids are this with "-up" and "-down".
    pub id: AttrValue,
    /// What moves, for the labels: "rule Welcome" gives "Move rule Welcome up".
    pub what: AttrValue,
    /// The item's place in its list, and the list's length.
    pub index: u32,
    pub count: u32,
    pub on_move: Callback<Direction>,
}

/// The up and down buttons of an item in a list. Moving an item moves its
/// elements, which drops focus, so the button used keeps it (or the other
/// one, once the item reaches an end and the button used is disabled).
#[component]
pub fn MoveButtons(props: &MoveButtonsProps) -> Html {
    let (up, down) = (use_node_ref(), use_node_ref());
    // The button used and the place it should bring the item to; any other
    // change of place (a lane above deleted) leaves the focus alone.
    let moved = use_mut_ref(|| None::<(Direction, u32)>);
    {
        let (up, down, moved) = (up.clone(), down.clone(), moved.clone());
        use_effect_with(props.index, move |index| {
            let order = match moved.borrow_mut().take() {
                Some((Direction::Up, to)) if to == *index => [&up, &down],
                Some((Direction::Down, to)) if to == *index => [&down, &up],
                _ => return,
            };
            let _ = order.into_iter().any(focus);
        });
    }
    let button = |direction: Direction| {
        let (moved, on_move, index) = (moved.clone(), props.on_move.clone(), props.index);
        Callback::from(move |_: MouseEvent| {
            let to = match direction {
                Direction::Up => index.saturating_sub(1),
                Direction::Down => index + 1,
            };
            *moved.borrow_mut() = Some((direction, to));
            on_move.emit(direction);
        })
    };
    html! {
        <>
            <button type="button" id={format!("{}-up", props.id)} onclick={button(Direction::Up)} ref={up}
                disabled={props.index == 0} aria-label={format!("Move {} up", props.what)}>{ "↑" }</button>
            <button type="button" id={format!("{}-down", props.id)} onclick={button(Direction::Down)} ref={down}
                disabled={props.index + 1 >= props.count} aria-label={format!("Move {} down", props.what)}>{ "↓" }</button>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct ConfirmButtonProps {
    /// The first button's text, such as "Delete…".
    pub label: AttrValue,
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    /// The question asked before acting.
    pub question: AttrValue,
    /// The button that acts, such as "Delete lane".
    pub confirm: AttrValue,
    #[prop_or_default]
    pub confirm_id: Option<AttrValue>,
    pub on_confirm: Callback<()>,
}

/// A destructive button that asks first, in place. Focus moves to Cancel
/// when it asks, and back to the button when the user cancels, since the
/// Cancel button that had it is gone. After a confirmed delete the page
/// moves the focus, as the button goes with its item.
#[component]
pub fn ConfirmButton(props: &ConfirmButtonProps) -> Html {
    let asking = use_state(|| false);
    let (ask, cancel) = (use_node_ref(), use_node_ref());
    {
        let (ask, cancel) = (ask.clone(), cancel.clone());
        // Not on the first render: a button drawn closed keeps focus where it is.
        let drawn = use_mut_ref(|| false);
        use_effect_with(*asking, move |asking| {
            if std::mem::replace(&mut *drawn.borrow_mut(), true) {
                focus(if *asking { &cancel } else { &ask });
            }
        });
    }
    let show = {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(true))
    };
    let hide = {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(false))
    };
    let confirm = {
        let (asking, on_confirm) = (asking.clone(), props.on_confirm.clone());
        Callback::from(move |_| {
            asking.set(false);
            on_confirm.emit(());
        })
    };
    html! {
        <>
            <button type="button" class="danger-outline" aria-label={props.aria_label.clone()}
                aria-expanded={asking.to_string()} onclick={show} ref={ask}>{ props.label.clone() }</button>
            if *asking {
                <span class="confirm" role="group" aria-label="Confirm deletion">
                    { props.question.clone() }
                    <button type="button" class="danger" id={props.confirm_id.clone()} onclick={confirm}>{ props.confirm.clone() }</button>
                    <button type="button" onclick={hide} ref={cancel}>{ "Cancel" }</button>
                </span>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct FileDropProps {
    /// The file input's id, which its "Choose files…" label names.
    pub id: AttrValue,
    /// The input's `accept` list.
    pub accept: AttrValue,
    /// What follows the button, such as " or drop them here."
    pub hint: AttrValue,
    /// While files are being read, no more are taken.
    pub busy: bool,
    pub on_files: Callback<Vec<web_sys::File>>,
}

/// Files from a drop or the picker.
fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// A zone where files are dropped or picked with a button.
#[component]
pub fn FileDrop(props: &FileDropProps) -> Html {
    let dragging = use_state(|| false);
    let onchange = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_files.emit(files_of(input.files()));
            // The same file may be picked again.
            input.set_value("");
        })
    };
    // The zone keeps its drops from the window's plan-file drop.
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            e.stop_propagation();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let (on_files, dragging) = (props.on_files.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            e.stop_propagation();
            dragging.set(false);
            on_files.emit(files_of(e.data_transfer().and_then(|t| t.files())));
        })
    };
    html! {
        <div class={classes!("drop-zone", dragging.then_some("over"))} {ondragover} {ondragleave} {ondrop}>
            <label class="button" for={props.id.clone()}>{ "Choose files…" }</label>
            <input type="file" id={props.id.clone()} class="visually-hidden" multiple=true {onchange}
                disabled={props.busy} accept={props.accept.clone()} />
            <span class="muted">{ props.hint.clone() }</span>
        </div>
    }
}
