//! A drop zone for files, with a file picker beside it.

use yew::prelude::*;

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
    let disabled = super::use_read_only();
    // While busy the input stays enabled, only refusing files: disabling
    // the focused input would drop the keyboard user's focus to the page.
    let busy = props.busy;
    let onclick = Callback::from(move |e: MouseEvent| {
        if busy {
            e.prevent_default();
        }
    });
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
            if !busy && !disabled {
                on_files.emit(files_of(e.data_transfer().and_then(|t| t.files())));
            }
        })
    };
    html! {
        <div class={classes!("drop-zone", dragging.then_some("over"))} {ondragover} {ondragleave} {ondrop}>
            <label class="button" for={props.id.clone()}>{ "Choose files…" }</label>
            <input type="file" id={props.id.clone()} class="visually-hidden" multiple=true {onchange} {onclick} {disabled}
                aria-disabled={busy.to_string()} accept={props.accept.clone()} />
            <span class="muted">{ props.hint.clone() }</span>
        </div>
    }
}
