//! Number and money inputs: native number inputs with their range, that
//! refuse and explain a value outside it.

use yew::prelude::*;

use super::text::{has_error, use_kept_text, use_leave_commit, FieldFrame};
use super::{bad_input, input_value, shown_refusal, use_kept_refusal, use_read_only, use_refused};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::Edit;

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
    /// What the field belongs to, read after its label but not shown
    /// (see `SelectField`'s).
    #[prop_or_default]
    pub context: AttrValue,
    /// Where the findings' fixes go; without it they show no Fix button.
    #[prop_or_default]
    pub on_fix: Option<Callback<Edit>>,
    pub on_change: Callback<f64>,
}

/// A number input with its range; a value outside it, or not a number, is
/// explained under the field and not committed.
#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let refused = use_refused(props.value);
    let (node, value, settle, _) = use_kept_text(show_number(props.value).into());
    let keep = use_kept_refusal(&props.id, show_number(props.value), &node, &refused);
    let refusal = shown_refusal(&refused, value == show_number(props.value));
    let readonly = use_read_only();
    let onchange = {
        let (on_change, refused, settle, keep) = (
            props.on_change.clone(),
            refused.clone(),
            settle.clone(),
            keep.clone(),
        );
        let (min, max, step) = (props.min, props.max, props.step);
        Callback::from(move |e: Event| {
            let text = input_value(&e);
            match read_number(&text, min, max, step) {
                Some(n) => {
                    refused.set(None);
                    keep.emit(None);
                    on_change.emit(n);
                    settle.emit(());
                }
                None => {
                    let why = AttrValue::from(number_hint(min, max, step, &text));
                    keep.emit(Some((text, why.clone())));
                    refused.set(Some(why));
                }
            }
        })
    };
    let leave = use_leave_commit(onchange);
    let decimals = props.step.fract() != 0.0;
    let onkeydown = decimal_marks(decimals, leave.onkeydown);
    let onpaste = decimal_paste(decimals);
    // The browser's own undo can put the saved number back in the box.
    let oninput = {
        let (refused, saved) = (refused.clone(), show_number(props.value));
        Callback::from(move |e: InputEvent| {
            if input_value(&e) == saved {
                refused.set(None);
                keep.emit(None);
            }
        })
    };
    html! {
        <FieldFrame id={props.id.clone()} label={props.label.clone()} context={props.context.clone()} help={props.help.clone()}
            findings={props.findings.clone()} on_fix={props.on_fix.clone()} error={refusal.clone()}>
            <input ref={node} id={props.id.clone()} type="number" {value} {oninput} {readonly}
                onchange={leave.onchange} {onkeydown} {onpaste} onblur={leave.onblur}
                min={show_number(props.min)} max={show_number(props.max)} step={show_number(props.step)}
                aria-describedby={format!("{}-notes", props.id)}
                aria-invalid={(refusal.is_some() || has_error(&props.findings)).to_string()} />
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
    let refused = use_refused(props.value);
    let shown = props
        .value
        .map(|v| crate::units::fixed(v, 2))
        .unwrap_or_default();
    let (node, value, settle, _) = use_kept_text(shown.clone().into());
    let keep = use_kept_refusal(&props.id, shown.clone(), &node, &refused);
    let refusal = shown_refusal(&refused, value == shown);
    let readonly = use_read_only();
    let onchange = {
        let (on_change, refused, settle) =
            (props.on_change.clone(), refused.clone(), settle.clone());
        Callback::from(move |e: Event| {
            // A number input reports text it cannot read as empty.
            match read_amount(&input_value(&e)).filter(|_| !bad_input(&e)) {
                Some(amount) => {
                    refused.set(None);
                    keep.emit(None);
                    on_change.emit(amount);
                    settle.emit(());
                }
                None => {
                    let why = AttrValue::from(format!(
                        "Enter an amount from 0 to {}, or leave it empty for none.",
                        readable_number(MAX_AMOUNT)
                    ));
                    keep.emit(Some((input_value(&e), why.clone())));
                    refused.set(Some(why));
                }
            }
        })
    };
    let leave = use_leave_commit(onchange);
    let onkeydown = decimal_marks(true, leave.onkeydown);
    let onpaste = decimal_paste(true);
    html! {
        <FieldFrame id={props.id.clone()} label={props.label.clone()} help={AttrValue::default()}
            findings={Vec::new()} error={refusal.clone()}>
            <input ref={node} id={props.id.clone()} type="number" {value} {readonly}
                onchange={leave.onchange} {onkeydown} {onpaste} onblur={leave.onblur}
                min="0" max={show_number(MAX_AMOUNT)} step="0.01" inputmode="decimal"
                aria-describedby={format!("{}-notes", props.id)}
                aria-invalid={refusal.is_some().to_string()} />
        </FieldFrame>
    }
}

/// `keydown` of a field that takes decimals, which reads the marks people
/// type in any country's way. The browser reads a comma in a number as a
/// thousands separator, so "0,15" would be 15, a hundred times the amount
/// meant: a mark typed is a decimal point, typed as the keyboard would,
/// over any selection. The browser refuses a second point, which shows
/// that the point before it grouped thousands ("1,234.56", "1.234,56"):
/// that point goes, and the new mark is the decimal one. Where only whole
/// numbers fit, a comma still groups thousands, as in 42,000.
fn decimal_marks(decimals: bool, keydown: Callback<KeyboardEvent>) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        let mark = matches!(e.key().as_str(), "," | ".");
        let input = e.target_dyn_into::<web_sys::HtmlInputElement>();
        if let (true, true, Some(input)) = (decimals, mark, input) {
            e.prevent_default();
            let before = input.value();
            type_text(".");
            if input.value() == before && before.contains('.') {
                // Typed over the whole text, the browser's own undo can
                // still bring the grouped number back.
                edit("selectAll", "");
                type_text(&format!("{}.", before.replace('.', "")));
            }
        }
        keydown.emit(e)
    })
}

/// `paste` of a field that takes decimals: an amount copied from a page or
/// sheet in any country's marks ("0,15", "1.234,56") is pasted as the
/// number it is, which the browser would read as another.
fn decimal_paste(decimals: bool) -> Callback<Event> {
    use wasm_bindgen::JsCast;
    Callback::from(move |e: Event| {
        let pasted = (e.dyn_ref::<web_sys::ClipboardEvent>())
            .and_then(web_sys::ClipboardEvent::clipboard_data)
            .and_then(|data| data.get_data("text").ok());
        let Some(pasted) = pasted.filter(|_| decimals) else {
            return;
        };
        let plain = crate::units::decimal_text(&pasted);
        if plain != pasted {
            e.prevent_default();
            type_text(&plain);
        }
    })
}

/// Types `text` at the caret, as the keyboard would, with the browser's
/// own undo; a number input offers no other way.
fn type_text(text: &str) {
    edit("insertText", text);
}

/// Runs an editing command on the focused input.
fn edit(command: &str, value: &str) {
    use wasm_bindgen::JsCast;
    let document = gloo::utils::document().dyn_into::<web_sys::HtmlDocument>();
    if let Ok(document) = document {
        let _ = document.exec_command_with_show_ui_and_value(command, false, value);
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
    // "42.000" is 42 to the browser, and forty-two thousand where a point
    // groups thousands: a whole number has no point, so neither is taken.
    let whole = step.fract() != 0.0 || (n.fract() == 0.0 && !text.contains('.'));
    (n.is_finite() && (min..=max).contains(&n) && whole).then_some(n)
}

fn number_hint(min: f64, max: f64, step: f64, text: &str) -> String {
    let kind = if step.fract() == 0.0 {
        "a whole number"
    } else {
        "a number"
    };
    let point = match step.fract() == 0.0 && text.contains('.') {
        true => " A point marks decimals: type thousands as 42000 or 42,000.",
        false => "",
    };
    format!(
        "Enter {kind} from {} to {}.{point}",
        readable_number(min),
        readable_number(max)
    )
}

/// A bound as the help under a field writes it: thousands grouped, as
/// "100,000,000", where the number is whole.
fn readable_number(n: f64) -> String {
    if n.fract() == 0.0 && (0.0..1e15).contains(&n) {
        crate::units::group(n as u64)
    } else {
        show_number(n)
    }
}
