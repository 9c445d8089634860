//! Selects. A select's options each stand for a typed value (`Choices`),
//! and picking one hands that value back by its position.

use std::rc::Rc;

use serde::Serialize;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::text::label_text;
use super::use_read_only;

use crate::plan::model::enum_key;

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
    fn render(&self) -> Html {
        html! {
            for (i, (value, text)) in self.options.iter().enumerate() {
                <option value={value.clone()} selected={self.selected == Some(i)}>{ text.clone() }</option>
            }
        }
    }

    /// A callback for the select's `change` event that picks by position.
    fn on_change(&self) -> Callback<Event> {
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

#[derive(Properties, PartialEq)]
pub struct SelectProps {
    pub id: AttrValue,
    pub choices: Choices,
    #[prop_or_default]
    pub class: Classes,
    /// The accessible name, where no `<label>` names the select.
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    /// The id of the help that describes the select.
    #[prop_or_default]
    pub describedby: Option<AttrValue>,
    /// Changes what is shown, not the plan (a filter): stays usable in a
    /// read-only plan.
    #[prop_or_default]
    pub view: bool,
}

/// A select of typed choices that always shows the current one. An
/// option's `selected` attribute only chooses it until the user picks
/// another, so after an undo, a fix or another tab's change the select
/// would show the user's last pick; its index is set after every render.
#[component]
pub fn Select(props: &SelectProps) -> Html {
    let node = use_node_ref();
    {
        let (node, selected) = (node.clone(), props.choices.selected);
        // A value no option stands for shows as no choice, not as the
        // first option, which the user could then not pick.
        use_effect(move || {
            if let Some(select) = node.cast::<HtmlSelectElement>() {
                let index = selected.and_then(|i| i32::try_from(i).ok()).unwrap_or(-1);
                if select.selected_index() != index {
                    select.set_selected_index(index);
                }
            }
        });
    }
    let choices = &props.choices;
    let disabled = use_read_only() && !props.view;
    let (onkeydown, onchange, onblur) =
        use_keyed_commits(&node, choices.on_change(), props.choices.selected);
    html! {
        <select ref={node} id={props.id.clone()} class={props.class.clone()} {disabled}
            aria-label={props.aria_label.clone()} aria-describedby={props.describedby.clone()}
            {onkeydown} {onchange} {onblur}>
            { choices.render() }
        </select>
    }
}

/// The select's handlers. A choice moved with the keys of a closed select
/// (arrows, Home, End, a letter) is taken when the user leaves the select
/// or presses Enter or Tab, and Escape puts back the plan's choice: stepping
/// past options on the way to one would otherwise make each an edit (a
/// lane moved through every provider). A pick with the mouse or from the
/// open list is taken at once. Undo's keys on a choice not yet taken put
/// back the plan's, as Escape does, and stop there: undoing an earlier
/// edit under a choice still shown would lose that edit to the choice.
#[hook]
fn use_keyed_commits(
    node: &NodeRef,
    commit: Callback<Event>,
    selected: Option<usize>,
) -> (
    Callback<KeyboardEvent>,
    Callback<Event>,
    Callback<FocusEvent>,
) {
    let held = use_mut_ref(|| false);
    let onkeydown = {
        let (held, commit, node) = (held.clone(), commit.clone(), node.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowUp" | "ArrowDown" | "Home" | "End" | "PageUp" | "PageDown" => {
                *held.borrow_mut() = true;
            }
            key if key.chars().count() == 1 && key != " " && !e.ctrl_key() && !e.meta_key() => {
                *held.borrow_mut() = true;
            }
            // Yew draws the choice in the microtask that runs before Tab's
            // own move, so the focus lands on any control it enables, and
            // keys typed straight after go where the user means them.
            // Enter takes the choice and no more: the browser would also
            // open the list, and the next Tab would only close it.
            "Enter" if held.replace(false) => {
                e.prevent_default();
                commit.emit(e.into());
            }
            "Tab" if held.replace(false) => commit.emit(e.into()),
            "Escape" if held.replace(false) => put_back(&node, selected),
            "z" | "Z" | "y" | "Y" if (e.ctrl_key() || e.meta_key()) && held.replace(false) => {
                e.prevent_default();
                e.stop_propagation();
                put_back(&node, selected);
            }
            _ => {}
        })
    };
    let onchange = {
        let (held, commit) = (held.clone(), commit.clone());
        Callback::from(move |e: Event| {
            if !*held.borrow() {
                commit.emit(e);
            }
        })
    };
    let onblur = Callback::from(move |e: FocusEvent| {
        if held.replace(false) {
            commit.emit(e.into());
        }
    });
    (onkeydown, onchange, onblur)
}

/// Shows the plan's choice again in the select.
fn put_back(node: &NodeRef, selected: Option<usize>) {
    if let Some(select) = node.cast::<HtmlSelectElement>() {
        select.set_selected_index(selected.and_then(|i| i32::try_from(i).ok()).unwrap_or(-1));
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub choices: Choices,
    #[prop_or_default]
    pub help: AttrValue,
    /// What the select belongs to, such as a lane's name, read after the
    /// label but not shown: the card's heading shows it already, and several
    /// cards' selects would otherwise share one accessible name.
    #[prop_or_default]
    pub context: AttrValue,
    /// Changes what is shown, not the plan (a filter): stays usable in a
    /// read-only plan.
    #[prop_or_default]
    pub view: bool,
}

/// A labelled select of typed choices.
#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let help_id = AttrValue::from(format!("{}-notes", props.id));
    let describedby = (!props.help.is_empty()).then(|| help_id.clone());
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ label_text(&props.label, &props.context) }</label>
            <Select id={props.id.clone()} choices={props.choices.clone()} {describedby} view={props.view} />
            if !props.help.is_empty() { <p class="help" id={help_id}>{ props.help.clone() }</p> }
        </div>
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
    html! {
        <Select id={props.id.clone()} class={props.class.clone()} aria_label={props.label.clone()}
            choices={props.choices.clone()} />
    }
}
