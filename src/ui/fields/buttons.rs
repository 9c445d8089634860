//! Buttons that do more than send an edit: copy, download, move an item
//! up or down keeping the focus, and delete after asking.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::use_read_only;
use crate::plan::edit::Direction;
use crate::ui::files;

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

/// Copies `text` to the clipboard and says whether it worked, for as long
/// as the text is the one copied: a record that changes after a copy is
/// not the one on the clipboard.
#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let said = use_state(|| None::<(&'static str, AttrValue)>);
    let onclick = {
        let (text, said) = (props.text.clone(), said.clone());
        Callback::from(move |_| {
            let (said, text) = (said.clone(), text.clone());
            let Some(window) = web_sys::window() else {
                return;
            };
            let promise = window.navigator().clipboard().write_text(&text);
            wasm_bindgen_futures::spawn_local(async move {
                let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                let word = match copied {
                    true => "Copied",
                    false => "Copy failed: select and copy",
                };
                said.set(Some((word, text)));
            });
        })
    };
    let label = match &*said {
        Some((word, copied)) if *copied == props.text => AttrValue::Static(word),
        _ => props.label.clone(),
    };
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
            failed.set(files::download(&name, &mime, &text).err());
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

/// Escape closes what `close` closes, once: the innermost handler takes
/// it. The field being typed in is left first, so its text is kept (fields
/// commit when they lose focus).
pub fn on_escape(close: impl Fn() + 'static) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if e.key() != "Escape" || e.default_prevented() {
            return;
        }
        e.prevent_default();
        commit_typing();
        close();
    })
}

/// Leaves the field being typed in, which commits its text (fields commit
/// when they lose the focus), or the select whose choice is held. Any
/// other control keeps the focus: the import's file input, used from the
/// keyboard, stays where the user is.
pub fn commit_typing() {
    const TYPED: &str = "select, textarea, input:not([type=file], [type=checkbox], [type=radio], [type=button], [type=submit], [type=reset])";
    let active = gloo::utils::document().active_element();
    let typed = active.filter(|el| el.matches(TYPED).unwrap_or(false));
    if let Some(field) = typed.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = field.blur();
    }
}

/// Focuses the element with `id`, if there is one: for a control that
/// takes itself away, such as a dismissed message's ×. Whether it took the
/// focus (a disabled button does not, though it may stay the active
/// element for a moment after it was disabled).
pub fn focus_id(id: &str) -> bool {
    let el = gloo::utils::document().get_element_by_id(id);
    let el = el.filter(|el| !el.matches(":disabled").unwrap_or(false));
    let html = el
        .as_ref()
        .and_then(|el| el.dyn_ref::<web_sys::HtmlElement>());
    html.is_some_and(|h| h.focus().is_ok()) && el.is_some_and(|el| is_focused(&el))
}

/// Whether `el` holds the keyboard focus.
pub fn is_focused(el: &web_sys::Element) -> bool {
    gloo::utils::document().active_element().as_ref() == Some(el)
}

/// Scrolls `el` into the window, to `block`: `Nearest` scrolls as little
/// as shows it, `Center` and `Start` bring it to the middle or the top.
pub fn scroll_to(el: &web_sys::Element, block: web_sys::ScrollLogicalPosition) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(block);
    el.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Focuses the element behind `node`, if it is drawn and enabled.
pub fn focus(node: &NodeRef) -> bool {
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
/// elements, which drops focus, so the button used keeps it. At an end of
/// the list a button is marked disabled but stays focusable, so pressing
/// Enter again there does nothing instead of moving the item back.
#[component]
pub fn MoveButtons(props: &MoveButtonsProps) -> Html {
    let (up, down) = (use_node_ref(), use_node_ref());
    // The button used since the item last moved; a change of place with
    // none used (a lane above deleted) leaves the focus alone. Presses
    // faster than the page redraws each move the item, so the place it
    // lands on is not known when the button is pressed.
    let moved = use_mut_ref(|| None::<Direction>);
    {
        let (up, down, moved) = (up.clone(), down.clone(), moved.clone());
        use_effect_with(props.index, move |_| {
            let order = match moved.borrow_mut().take() {
                Some(Direction::Up) => [&up, &down],
                Some(Direction::Down) => [&down, &up],
                None => return,
            };
            let _ = order.into_iter().any(focus);
            // The item has moved on the page; its button goes with it into view.
            if let Some(active) = gloo::utils::document().active_element() {
                scroll_to(&active, web_sys::ScrollLogicalPosition::Nearest);
            }
        });
    }
    let button = |direction: Direction| {
        let (moved, on_move, index) = (moved.clone(), props.on_move.clone(), props.index);
        let count = props.count;
        Callback::from(move |_: MouseEvent| {
            let can = match direction {
                Direction::Up => index > 0,
                Direction::Down => index + 1 < count,
            };
            if can {
                *moved.borrow_mut() = Some(direction);
                on_move.emit(direction);
            }
        })
    };
    let (at_top, at_bottom) = (props.index == 0, props.index + 1 >= props.count);
    if use_read_only() {
        return Html::default();
    }
    html! {
        <>
            <button type="button" id={format!("{}-up", props.id)} onclick={button(Direction::Up)} ref={up}
                aria-disabled={at_top.then_some("true")} aria-label={format!("Move {} up", props.what)}>{ "↑" }</button>
            <button type="button" id={format!("{}-down", props.id)} onclick={button(Direction::Down)} ref={down}
                aria-disabled={at_bottom.then_some("true")} aria-label={format!("Move {} down", props.what)}>{ "↓" }</button>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct ConfirmButtonProps {
    /// The first button's text, such as "Delete…".
    pub label: AttrValue,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or_default]
    pub title: Option<AttrValue>,
    #[prop_or_default]
    pub disabled: bool,
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    /// The question asked before acting.
    pub question: AttrValue,
    /// The button that acts, such as "Delete lane".
    pub confirm: AttrValue,
    #[prop_or_default]
    pub confirm_id: Option<AttrValue>,
    /// What the question goes on to say, for words that cost too much to
    /// work out for every button: the page works them out while told the
    /// question is open (`on_asking`).
    #[prop_or_default]
    pub more: AttrValue,
    #[prop_or_default]
    pub on_asking: Option<Callback<bool>>,
    pub on_confirm: Callback<()>,
}

/// A destructive button that asks first, in place. Focus moves to Cancel
/// when it asks, and back to the button when the user cancels, since the
/// Cancel button that had it is gone. After a confirmed delete the page
/// moves the focus, as the button goes with its item.
#[component]
pub fn ConfirmButton(props: &ConfirmButtonProps) -> Html {
    let asking = use_state(|| false);
    // The question's id, unique on the page, which its buttons point to
    // so that a screen reader reads it with the focused Cancel.
    let question_id = use_memo((), |_| {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        format!(
            "confirm-question-{}",
            NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        )
    });
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
    // Asks or stops asking, telling the page which.
    let set_asking = {
        let (asking, told) = (asking.clone(), props.on_asking.clone());
        Callback::from(move |on: bool| {
            asking.set(on);
            if let Some(told) = &told {
                told.emit(on);
            }
        })
    };
    let show = set_asking.reform(|_: MouseEvent| true);
    let hide = set_asking.reform(|_: MouseEvent| false);
    let escape = {
        let set_asking = set_asking.clone();
        on_escape(move || set_asking.emit(false))
    };
    let locked = use_read_only();
    let confirm = {
        let (set_asking, on_confirm) = (set_asking.clone(), props.on_confirm.clone());
        Callback::from(move |_: MouseEvent| {
            set_asking.emit(false);
            on_confirm.emit(());
        })
    };
    let question = match props.more.is_empty() {
        true => props.question.to_string(),
        false => format!("{} {}", props.question, props.more),
    };
    html! {
        <>
            <button type="button" class="danger-outline" id={props.id.clone()} title={props.title.clone()}
                aria-label={props.aria_label.clone()} disabled={props.disabled || locked}
                aria-expanded={asking.to_string()} onclick={show} ref={ask}>{ props.label.clone() }</button>
            if *asking {
                <span class="confirm" role="group" aria-label="Confirm deletion" onkeydown={escape}
                    aria-describedby={(*question_id).clone()}>
                    <span id={(*question_id).clone()}>{ question }</span>
                    <button type="button" class="danger" id={props.confirm_id.clone()} onclick={confirm}
                        aria-describedby={(*question_id).clone()}>{ props.confirm.clone() }</button>
                    <button type="button" onclick={hide} ref={cancel}
                        aria-describedby={(*question_id).clone()}>{ "Cancel" }</button>
                </span>
            }
        </>
    }
}
