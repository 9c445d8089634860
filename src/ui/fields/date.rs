//! Date inputs: a date is committed once whole and within the years a
//! plan runs in, so a year typed digit by digit is never planned around;
//! and a list of dates, each its own input, with an empty one that adds.

use yew::prelude::*;

use web_sys::HtmlInputElement;

use super::buttons::is_focused;
use super::findings::field_notes;
use super::{bad_input, input_value, use_focus_later, use_read_only};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::DateChange;
use wasm_bindgen::JsCast;

/// Whether a date input holds a date whose year is still being typed: the
/// browser reads a year's first figures as the years 2, 20 and 202, and
/// reports each as a change.
fn year_unfinished(value: &str) -> bool {
    let year = value.split('-').next().and_then(|y| y.parse::<u32>().ok());
    year.is_some_and(|y| y < 1000)
}

/// Whether a date input is part way to a date: its year still being typed,
/// or a part of it cleared, which the browser reports as an empty value.
/// Neither is committed, so a date is never lost to half an edit.
fn date_unfinished(e: &Event) -> bool {
    year_unfinished(&input_value(e)) || bad_input(e)
}

/// The years a plan's dates may fall in. The inputs carry them as `min`
/// and `max`, so the picker offers no others; a date typed outside them is
/// a mistyped year, and is refused rather than planned around.
pub(super) const FIRST_DAY: &str = "2000-01-01";
pub(super) const LAST_DAY: &str = "2199-12-31";
const OUT_OF_REACH: &str = "Plans run from 2000 to 2199; check the year.";

/// Whether a whole date lies outside the years a plan runs in.
fn out_of_reach(value: &str) -> bool {
    !value.is_empty() && !(FIRST_DAY..=LAST_DAY).contains(&value)
}

/// What a date input left with its year unfinished says.
const FINISH_THE_YEAR: &str = "Type the year in full, such as 2027.";
/// What a date input left with a part cleared says.
const FINISH_THE_DATE: &str = "Finish the date (day, month and year), or clear all of it.";

/// The callbacks of a date input that holds a date: a pick is committed
/// at once, keys typed only on leaving the field, Tab or Enter, since typing
/// over a date passes through whole dates the user does not mean (the new
/// month with the old year). `typing` is shared by a component's inputs,
/// of which one at a time has the focus. Tab may move between the input's
/// own parts, or to its picker button, without leaving it; in a list, whose
/// rows keep the dates' order, a Tab that would move the date half typed to
/// another row commits only once the input is left, or the rest of it would
/// be typed over the date that took its place.
pub(super) struct DateInput {
    pub(super) onkeydown: Callback<KeyboardEvent>,
    pub(super) onchange: Callback<Event>,
    pub(super) onfocusout: Callback<FocusEvent>,
}

impl DateInput {
    pub(super) fn new(
        typing: &std::rc::Rc<std::cell::RefCell<bool>>,
        refused: &UseStateHandle<Option<AttrValue>>,
        commit: Callback<Event>,
    ) -> DateInput {
        Self::with_tab(typing, refused, commit, std::rc::Rc::new(|_: &str| true))
    }

    /// As `new`, with Tab committing only where `tab_commits` the input's
    /// value.
    pub(super) fn with_tab(
        typing: &std::rc::Rc<std::cell::RefCell<bool>>,
        refused: &UseStateHandle<Option<AttrValue>>,
        commit: Callback<Event>,
        tab_commits: std::rc::Rc<dyn Fn(&str) -> bool>,
    ) -> DateInput {
        let onkeydown = {
            let (typing, commit) = (typing.clone(), commit.clone());
            // Tab may move focus inside the input's own parts rather than
            // out of it, so it commits as leaving does.
            Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                "Tab" if !tab_commits(&input_value(&e)) => {}
                "Enter" | "Tab" => {
                    if std::mem::take(&mut *typing.borrow_mut()) {
                        commit.emit(e.into());
                    }
                }
                "Shift" | "Escape" => {}
                _ => *typing.borrow_mut() = true,
            })
        };
        let onchange = {
            let (typing, commit) = (typing.clone(), commit.clone());
            Callback::from(move |e: Event| {
                if !*typing.borrow() {
                    commit.emit(e);
                }
            })
        };
        let leaving = unfinished_date_on_leaving(true, refused);
        let onfocusout = {
            let typing = typing.clone();
            Callback::from(move |e: FocusEvent| {
                if std::mem::take(&mut *typing.borrow_mut()) {
                    commit.emit(e.clone().into());
                }
                leaving.emit(e);
            })
        };
        DateInput {
            onkeydown,
            onchange,
            onfocusout,
        }
    }
}

/// Commits a whole date within the years a plan runs in through `set`;
/// a date out of reach is refused, and one part way to a date waits.
pub(super) fn commit_date(
    refused: &UseStateHandle<Option<AttrValue>>,
    set: impl Fn(&Event) + 'static,
) -> Callback<Event> {
    let refused = refused.clone();
    Callback::from(move |e: Event| {
        if date_unfinished(&e) {
            return;
        }
        if out_of_reach(&input_value(&e)) {
            refused.set(Some(OUT_OF_REACH.into()));
            return;
        }
        refused.set(None);
        set(&e);
    })
}

/// On leaving a date input part way to a date, says what it lacks.
fn unfinished_date_on_leaving(
    date: bool,
    refused: &UseStateHandle<Option<AttrValue>>,
) -> Callback<FocusEvent> {
    let refused = refused.clone();
    Callback::from(move |e: FocusEvent| {
        if !date {
            return;
        }
        if year_unfinished(&input_value(&e)) {
            refused.set(Some(FINISH_THE_YEAR.into()));
        } else if bad_input(&e) {
            refused.set(Some(FINISH_THE_DATE.into()));
        }
    })
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
    /// Where the findings' fixes go; without it they show no Fix button.
    #[prop_or_default]
    pub on_fix: Option<Callback<crate::plan::edit::Edit>>,
    /// One date added, moved or removed.
    pub on_change: Callback<DateChange>,
}

/// Sends the change of the date `from` (`None` for a new one) to `to`
/// (empty to remove it).
fn changed_date(props: &DateListProps, from: Option<String>) -> impl Fn(String) {
    let on_change = props.on_change.clone();
    move |to: String| {
        on_change.emit(DateChange {
            from: from.clone(),
            to,
        })
    }
}

/// A date list's change to `to`, unless `to` is listed already: then the
/// list stays as it is and the field says so, and an edited date's input
/// shows its date again rather than a change that did not happen.
fn unless_listed(
    props: &DateListProps,
    from: Option<String>,
    refused: &UseStateHandle<Option<AttrValue>>,
) -> impl Fn(&Event) {
    let set = changed_date(props, from.clone());
    let (dates, refused) = (props.dates.clone(), refused.clone());
    move |e: &Event| {
        let to = input_value(e);
        if Some(&to) == from.as_ref() || !dates.contains(&to) {
            return set(to);
        }
        refused.set(Some(format!("{to} is listed already.").into()));
        if let (Some(from), Some(input)) = (&from, e.target_dyn_into::<HtmlInputElement>()) {
            input.set_value(from);
            // Leaving the input, the browser writes the date typed into it
            // after this event; the listed date is shown again once it has.
            let from = from.clone();
            wasm_bindgen_futures::spawn_local(async move {
                crate::ui::sleep(0).await;
                input.set_value(&from);
            });
        }
    }
}

/// Whether the date at row `i`, changed to a value, stays on that row, so
/// Tab may commit it while the focus stays in its input.
fn stays_in_row(props: &DateListProps, i: usize) -> std::rc::Rc<dyn Fn(&str) -> bool> {
    let (id, dates) = (format!("{}-{i}", props.id), props.dates.clone());
    let list = props.id.to_string();
    std::rc::Rc::new(move |to: &str| moved_control(&list, &dates, (i, to), &id).is_none())
}

/// `commit` of the date at row `i`, with the focus following the rows: the
/// rows keep the list's order, so a date moved lands on another row, and
/// the control the focus is on or going to, in the date's row or another,
/// is asked for again where its date is after the change.
fn following(
    props: &DateListProps,
    i: usize,
    later: &super::FocusLater,
    commit: impl Fn(&Event) + 'static,
) -> impl Fn(&Event) + 'static {
    let (id, dates, later) = (props.id.to_string(), props.dates.clone(), later.clone());
    move |e: &Event| {
        // Leaving names where the focus goes; Enter keeps it on the input.
        let going = match e.dyn_ref::<FocusEvent>() {
            Some(f) => f
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .map(|el| el.id()),
            None => Some(format!("{id}-{i}")),
        };
        commit(e);
        let to = input_value(e);
        if let Some(moved) = going.and_then(|at| moved_control(&id, &dates, (i, &to), &at)) {
            later.request_ids([moved.as_str()]);
        }
    }
}

/// The id of control `at` (a row's input or Remove button) once the date
/// at row `i` of `dates` becomes `to`: the same control of the row its
/// date is on then; `None` when it stays where it is, or is not a row's.
fn moved_control(id: &str, dates: &[String], (i, to): (usize, &str), at: &str) -> Option<String> {
    let remove = format!("remove-{id}-");
    let input = format!("{id}-");
    let (prefix, row) = match at.strip_prefix(&remove) {
        Some(row) => (remove.as_str(), row),
        None => (input.as_str(), at.strip_prefix(&input)?),
    };
    let row: usize = row.parse().ok()?;
    let date = if row == i { to } else { dates.get(row)? };
    let mut after = dates.to_vec();
    let change = DateChange {
        from: dates.get(i).cloned(),
        to: to.to_string(),
    };
    change.apply(&mut after);
    let now = after.iter().position(|d| d == date)?;
    (now != row).then(|| format!("{prefix}{now}"))
}

/// A set of calendar dates: a date input for each, a button that removes
/// it, and an empty date input whose pick is added. Each change is named
/// by the date it touches, never by its place in the list.
#[component]
pub fn DateListField(props: &DateListProps) -> Html {
    let id = &props.id;
    let later = use_focus_later();
    // After a removal, the next date's Remove button, else the one before,
    // else the adding input.
    let remove = |i: usize, date: &String| {
        let set = changed_date(props, Some(date.clone()));
        let (later, id, last) = (later.clone(), id.clone(), props.dates.len() - 1);
        Callback::from(move |_: MouseEvent| {
            let next = (i < last).then(|| format!("remove-{id}-{i}"));
            let before = i.checked_sub(1).map(|b| format!("remove-{id}-{b}"));
            let add = format!("{id}-add");
            let ids = next.iter().chain(&before).map(String::as_str);
            later.request_ids(ids.chain([add.as_str()]));
            set(String::new());
        })
    };
    let refused = use_state(|| None::<AttrValue>);
    let typing = use_mut_ref(|| false);
    let locked = use_read_only();
    let add = {
        let add = unless_listed(props, None, &refused);
        commit_date(&refused, move |e| {
            add(e);
            // The pick is in the list now; the adding input is ready for the
            // next. Cleared, it keeps typing into the year, so it is left
            // and entered again, which starts the next date at its first part.
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                input.set_value("");
                if is_focused(&input) {
                    let _ = input.blur();
                    let _ = input.focus();
                }
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
                            { entry(DateInput::with_tab(&typing, &refused,
                                commit_date(&refused, following(props, i, &later, unless_listed(props, Some(date.clone()), &refused))),
                                stays_in_row(props, i)),
                                (format!("{id}-{i}"), date.clone(), locked)) }
                            <button type="button" class="link" id={format!("remove-{id}-{i}")} disabled={locked}
                                aria-label={format!("Remove {date}")} onclick={remove(i, date)}>
                                { "Remove" }
                            </button>
                        </li>
                    }
                </ul>
            }
            <label for={format!("{id}-add")}>{ props.add_label.clone() }</label>
            <input type="date" id={format!("{id}-add")} onchange={add} readonly={locked}
                onfocusout={unfinished_date_on_leaving(true, &refused)} min={FIRST_DAY} max={LAST_DAY} />
            { field_notes(id, &props.help, (*refused).clone(), (&props.findings, props.on_fix.as_ref())) }
        </fieldset>
    }
}

/// One listed date's input.
fn entry(input: DateInput, (id, date, locked): (String, String, bool)) -> Html {
    let DateInput {
        onkeydown,
        onchange,
        onfocusout,
    } = input;
    html! {
        <input type="date" {id} value={date} {onchange} {onkeydown} {onfocusout}
            min={FIRST_DAY} max={LAST_DAY} readonly={locked} />
    }
}
