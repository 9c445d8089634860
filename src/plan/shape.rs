//! Where a plan file's shape goes wrong, and what to say about it: the
//! path of the field a plan's reader refused, and its error in words a
//! marketer reads (a whole number, text, a list) with a hint.

use std::ops::Range;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::limits::{key_step, MAX_DEPTH};
use crate::plan::model::Plan;

/// The message, JSON path and hint for `error`, which reading `value` as
/// a plan gave. `value` is only read to explain the error: the search
/// leaves out what follows the faulty part.
pub(super) fn describe(mut value: Value, error: &str) -> (String, String, &'static str) {
    let steps = locate_shape_error(&mut value, error);
    let (message, hint) = explain(error, &steps);
    (message, json_path(&steps), hint)
}

/// The most further unknown fields an import lists.
const MORE_UNKNOWN: usize = 10;

/// The paths of the unknown fields after the first, which `error` names:
/// a file written for another version often has several, and the reader
/// stops at the first. Each found field is removed and the plan read
/// again, up to `MORE_UNKNOWN` more.
pub(super) fn more_unknown_fields(mut value: Value, error: &str) -> Vec<String> {
    let mut error = error.to_string();
    let mut paths: Vec<String> = Vec::new();
    while paths.len() <= MORE_UNKNOWN && error.starts_with("unknown field ") {
        let steps = locate_shape_error(&mut value.clone(), &error);
        let Some((Step::Key(key), parent)) = steps.split_last() else {
            break;
        };
        let removed = node_mut(&mut value, parent)
            .and_then(Value::as_object_mut)
            .and_then(|object| object.remove(key));
        if removed.is_none() {
            break;
        }
        paths.push(json_path(&steps));
        match fails::<Plan>(&value) {
            Some(next) => error = next,
            None => break,
        }
    }
    paths.into_iter().skip(1).collect()
}

/// One step of a JSON path: a field of an object or an entry of a list.
enum Step {
    Key(String),
    Index(usize),
}

/// Reads a value as one of the plan's types and returns the error, if any.
type Check = fn(&Value) -> Option<String>;

fn fails<T: DeserializeOwned>(value: &Value) -> Option<String> {
    T::deserialize(value).err().map(|e| e.to_string())
}

/// Parts of the plan that are read on their own once the search reaches
/// them: trying a lane again is cheaper than trying the whole plan.
fn check_of(steps: &[Step]) -> Option<Check> {
    use crate::plan::model::{Brand, Journey, Lane, Rule};
    match steps {
        [Step::Key(key)] if key == "brand" => Some(fails::<Brand>),
        [Step::Key(list), Step::Index(_)] => match list.as_str() {
            "lanes" => Some(fails::<Lane>),
            "journeys" => Some(fails::<Journey>),
            "rules" => Some(fails::<Rule>),
            _ => None,
        },
        _ => None,
    }
}

/// Finds the innermost field or list entry that `error` comes from, using
/// only the plan's own readers, so that no second deserializer of the plan
/// (such as a path-tracking one) is compiled into the bundle.
///
/// serde reads an object's fields and a list's entries in order and stops
/// at the first value it cannot read, while a missing field is only noticed
/// at the end. So the first k fields of an object bring the error in exactly
/// when they include the wrong one: a binary search over those prefixes
/// finds it, and that field alone must bring the same error in. The search
/// then goes on inside it, down to a plain value or to the object that
/// lacks a field. Objects and lists are taken apart and put back for each
/// trial, never copied; what follows the culprit is dropped, as the value
/// is read only to explain its error.
fn locate_shape_error(value: &mut Value, error: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    // Trials read the part at `steps[..base]` with `check`.
    let (mut base, mut check): (usize, Check) = (0, fails::<Plan>);
    // Each round goes one level deeper, and `check_depth` bounds the levels.
    for _ in 0..=MAX_DEPTH {
        if base == 0 {
            if let Some(own) = check_of(&steps) {
                let same =
                    node_mut(value, &steps).is_some_and(|n| own(n).as_deref() == Some(error));
                if same {
                    (base, check) = (steps.len(), own);
                }
            }
        }
        let Some(root) = node_mut(value, &steps[..base]) else {
            break;
        };
        match faulty_part(root, &steps[base..], check, error) {
            Some(step) => steps.push(step),
            None => break,
        }
    }
    steps
}

fn node_mut<'a>(value: &'a mut Value, steps: &[Step]) -> Option<&'a mut Value> {
    steps.iter().try_fold(value, |node, step| match step {
        Step::Key(key) => node.get_mut(key.as_str()),
        Step::Index(index) => node.get_mut(*index),
    })
}

/// The field or entry of the object or list at `at` that brings `error`
/// in, if one does; `check` reads `root`. The entries after it are left
/// out from then on: the reader meets them only after the error, and one
/// of them with the same error would mislead the search further in.
fn faulty_part(root: &mut Value, at: &[Step], check: Check, error: &str) -> Option<Step> {
    let mut parts = Parts::take(node_mut(root, at)?)?;
    let found = parts.search(root, at, check, error);
    let kept = found.as_ref().map_or(parts.entries.len(), |(i, _)| i + 1);
    parts.place(root, at, 0..kept);
    found.map(|(_, step)| step)
}

/// The fields of an object, or the entries of a list with empty names,
/// taken out so that trials can put any run of them back.
struct Parts {
    object: bool,
    entries: Vec<(String, Value)>,
}

impl Parts {
    fn take(node: &mut Value) -> Option<Parts> {
        let (object, entries) = match std::mem::take(node) {
            Value::Object(map) => (true, map.into_iter().collect()),
            Value::Array(items) => (
                false,
                items.into_iter().map(|v| (String::new(), v)).collect(),
            ),
            plain => {
                *node = plain;
                return None;
            }
        };
        Some(Parts { object, entries })
    }

    /// Puts `entries[run]` back at `at`, alone.
    fn place(&mut self, root: &mut Value, at: &[Step], run: Range<usize>) {
        let taken = self
            .entries
            .get_mut(run)
            .into_iter()
            .flatten()
            .map(std::mem::take);
        // Inserted one by one: collecting would sort the entries first,
        // and compile a sort into the bundle for nothing.
        let value = if self.object {
            let mut map = serde_json::Map::new();
            for (key, v) in taken {
                map.insert(key, v);
            }
            Value::Object(map)
        } else {
            Value::Array(taken.map(|(_, v)| v).collect())
        };
        if let Some(node) = node_mut(root, at) {
            *node = value;
        }
    }

    /// Whether `entries[run]` alone bring `error` in. They are taken back
    /// afterwards, in the order they went: a map iterates a run of its
    /// entries in the same order as it did the whole.
    fn brings(
        &mut self,
        root: &mut Value,
        at: &[Step],
        run: Range<usize>,
        check: Check,
        error: &str,
    ) -> bool {
        let start = run.start;
        self.place(root, at, run);
        let same = check(root).as_deref() == Some(error);
        let back: Vec<(String, Value)> = match node_mut(root, at).map(std::mem::take) {
            Some(Value::Object(map)) => map.into_iter().collect(),
            Some(Value::Array(items)) => items.into_iter().map(|v| (String::new(), v)).collect(),
            _ => Vec::new(),
        };
        for (slot, entry) in self.entries.iter_mut().skip(start).zip(back) {
            *slot = entry;
        }
        same
    }

    /// The culprit's position among the entries, and its step.
    fn search(
        &mut self,
        root: &mut Value,
        at: &[Step],
        check: Check,
        error: &str,
    ) -> Option<(usize, Step)> {
        let len = self.entries.len();
        if len == 0 || self.brings(root, at, 0..0, check, error) {
            return None;
        }
        // The shortest prefix that brings the error in ends with the culprit.
        let (mut without, mut with) = (0, len);
        while with - without > 1 {
            let middle = without + (with - without) / 2;
            if self.brings(root, at, 0..middle, check, error) {
                with = middle;
            } else {
                without = middle;
            }
        }
        let index = with - 1;
        // A missing field is reported once the object ends, so a plain
        // value that ends the shortest prefix did not cause it: it only
        // supplied the last field declared before the missing one.
        let plain = self
            .entries
            .get(index)
            .is_some_and(|(_, v)| !v.is_object() && !v.is_array());
        if (plain && error.starts_with("missing field"))
            || !self.brings(root, at, index..with, check, error)
        {
            return None;
        }
        let step = match self.entries.get(index) {
            Some((name, _)) if self.object => Step::Key(name.clone()),
            _ => Step::Index(index),
        };
        Some((index, step))
    }
}

/// `$`, `$.journeys[2].daily_volume`; odd field names in brackets.
fn json_path(steps: &[Step]) -> String {
    let mut path = String::from("$");
    for step in steps {
        match step {
            Step::Key(key) => path.push_str(&key_step(key)),
            Step::Index(index) => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

const SCHEMA_HINT: &str = "Compare the file with plan.schema.json, which the app links to.";

/// A shape error in words a marketer reads, and its hint. serde's messages
/// have a few fixed forms; anything else is shown as it is.
fn explain(error: &str, steps: &[Step]) -> (String, &'static str) {
    let what = subject(steps);
    let typed =
        (error.strip_prefix("invalid type: ")).or_else(|| error.strip_prefix("invalid value: "));
    if let Some((found, expected)) = typed.and_then(|rest| rest.rsplit_once(", expected ")) {
        // A negative count is refused for its sign, whatever its type's top.
        let negative = found.starts_with("integer `-");
        let (wanted, hint) = match negative {
            true => ("a whole number of 0 or more".to_string(), WHOLE),
            false => wanted(expected, error.starts_with("invalid value: integer")),
        };
        return (
            format!(
                "Expected {wanted} for {what}, but the file has {}",
                found_words(found)
            ),
            hint,
        );
    }
    if let Some((length, expected)) = (error.strip_prefix("invalid length "))
        .and_then(|rest| rest.split_once(", expected an array of length "))
    {
        return (
            format!("Expected a list of {expected} entries for {what}, but the file has {length}"),
            "Write one entry for each, in square brackets.",
        );
    }
    if let Some((field, expected)) =
        (error.strip_prefix("unknown field ")).and_then(|rest| rest.split_once(", "))
    {
        return (
            format!(
                "The field {} is not known here; {}",
                quoted(field),
                quoted(expected)
            ),
            "Check the spelling, or remove the field; plan.schema.json lists every field.",
        );
    }
    if let Some((choice, expected)) =
        (error.strip_prefix("unknown variant ")).and_then(|rest| rest.split_once(", "))
    {
        return (
            format!(
                "{} is not one of the choices for {what}; {}",
                quoted(choice),
                quoted(expected)
            ),
            "Write one of the choices exactly as listed, in double quotes.",
        );
    }
    if let Some(field) = error.strip_prefix("missing field ") {
        return (
            format!(
                "{} is missing the required field {}",
                crate::units::capitalised(&what),
                quoted(field)
            ),
            "Add the field, or export the plan again from Switchyard.",
        );
    }
    (
        format!(
            "The plan does not have the expected shape: {}",
            quoted(error)
        ),
        SCHEMA_HINT,
    )
}

/// What the path names, for the middle of a sentence.
fn subject(steps: &[Step]) -> String {
    match steps {
        [] => "the plan".to_string(),
        [.., Step::Key(key)] => format!("“{key}”"),
        [.., Step::Key(list), Step::Index(_)] => format!("an entry of “{list}”"),
        [.., Step::Index(_)] => "an entry of a list".to_string(),
    }
}

/// serde's name for the expected type, in words, with its hint.
const WHOLE: &str = "Write a whole number without quotes or separators, such as 1200.";

fn wanted(expected: &str, out_of_range: bool) -> (String, &'static str) {
    let (words, hint) = match expected {
        "u8" if out_of_range => ("a whole number from 0 to 255", WHOLE),
        "u16" if out_of_range => ("a whole number from 0 to 65,535", WHOLE),
        "u32" if out_of_range => ("a whole number from 0 to 4,294,967,295", WHOLE),
        "u64" | "usize" if out_of_range => ("a whole number of 0 or more", WHOLE),
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128"
        | "isize" => ("a whole number", WHOLE),
        "f32" | "f64" => ("a number", "Write a number without quotes, such as 0.25."),
        "a boolean" => ("true or false", "Write true or false, without quotes."),
        "a string" | "a borrowed string" | "a character" => {
            ("text", "Put the text in double quotes.")
        }
        "a sequence" => (
            "a list",
            "Write a list in square brackets, such as [] for none.",
        ),
        "string or map" => (
            "one of the named choices",
            "Write one of the choices plan.schema.json lists, in double quotes.",
        ),
        _ if expected.starts_with("struct ") || expected == "a map" => (
            "an object",
            "Write the fields in curly braces {}; plan.schema.json shows which.",
        ),
        _ => return (quoted(expected), SCHEMA_HINT),
    };
    (words.to_string(), hint)
}

/// serde's description of the value found, in words.
fn found_words(found: &str) -> String {
    if let Some(text) = found.strip_prefix("string ") {
        let text = text
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .unwrap_or(text);
        let mut short: String = text.chars().take(40).collect();
        if short.len() < text.len() {
            short.push('…');
        }
        return format!("the text “{short}”");
    }
    let number = (found.strip_prefix("integer ")).or_else(|| found.strip_prefix("floating point "));
    if let Some(number) = number {
        return format!("the number {}", number.trim_matches('`'));
    }
    match found {
        "boolean `true`" => "true".to_string(),
        "boolean `false`" => "false".to_string(),
        "unit value" => "null".to_string(),
        "sequence" => "a list".to_string(),
        "map" => "an object".to_string(),
        other => quoted(other),
    }
}

/// serde's `name` quoting as “name”.
fn quoted(text: &str) -> String {
    let mut open = false;
    text.chars()
        .map(|c| match c {
            '`' => {
                open = !open;
                if open {
                    '“'
                } else {
                    '”'
                }
            }
            c => c,
        })
        .collect()
}

/// serde_json's commonest syntax errors, in words.
pub(super) fn syntax_words(message: &str) -> String {
    const WORDS: [(&str, &str); 9] = [
        (
            "expected value",
            "a value is missing or misspelled there (text needs double quotes)",
        ),
        ("expected `,` or `}`", "a comma or a closing } is missing"),
        ("expected `,` or `]`", "a comma or a closing ] is missing"),
        ("expected `:`", "a colon is missing after a field name"),
        ("expected ident", "true, false or null is misspelled"),
        (
            "key must be a string",
            "a field name is not in double quotes",
        ),
        (
            "trailing comma",
            "a comma comes right before a closing bracket",
        ),
        (
            "trailing characters",
            "more text follows the end of the plan",
        ),
        (
            "control character (\\u0000-\\u001F) found while parsing a string",
            "a text value holds a line break or tab; write \\n or \\t instead",
        ),
    ];
    (WORDS.iter().find(|(serde, _)| *serde == message))
        .map_or_else(|| message.to_string(), |(_, words)| words.to_string())
}
