//! How deep a plan file may nest, and how long its text may be. A name, address, id or date runs to a
//! few dozen characters; one of hundreds of thousands, which only a broken
//! or hostile file holds, would take the browser minutes to lay out
//! wherever the name is shown. Free text (notes, pasted records, a
//! rollback plan) may be long.

use serde_json::Value;

/// Deepest nesting of arrays and objects accepted; real plans use about 6.
pub const MAX_DEPTH: u32 = 32;

/// The most characters in a name, address, id or date, counted as a text
/// box's `maxlength` counts them (UTF-16 code units), so that a file and
/// a field meet the same limit: 1,000 letters, or 500 emoji.
pub const MAX_TEXT_CHARS: u32 = 1_000;

/// The most items a plan's lists may hold. Real plans have a handful of
/// lanes and a few hundred journeys; a file with thousands of lanes is
/// broken or hostile, and would keep the page busy for minutes on every
/// load.
pub const MAX_ITEMS: [(&str, u32); 4] = [
    ("lanes", 100),
    ("journeys", 2_000),
    ("rules", 500),
    ("migrations", 100),
];

/// The most items of the lists inside a plan's items, by their key: a
/// lane's addresses, a warm-up's days without sending, the seed tests.
/// Real plans hold a few; the page's checks compare them with each other,
/// so thousands, which only a broken or hostile file or link holds, would
/// keep the page busy for minutes or exhaust it.
pub const MAX_INNER_ITEMS: [(&str, u32); 4] = [
    ("ip_addresses", 256),
    ("skipped_dates", 1_000),
    ("hold_dates", 1_000),
    ("seeds", 1_000),
];

/// The most items of any other list inside a plan.
pub const MAX_OTHER_ITEMS: u32 = 20_000;

/// The first list inside the plan's items longer than `MAX_INNER_ITEMS`
/// or `MAX_OTHER_ITEMS` allows, as its JSON path, length and limit.
pub fn too_many_inside(plan: &Value) -> Option<(String, u64, u32)> {
    let Value::Object(map) = plan else {
        return None;
    };
    let mut path = "$".to_string();
    map.iter().find_map(|(k, item)| {
        let top = MAX_ITEMS.iter().any(|(key, _)| key == k);
        within(&mut path, &key_step(k), |path| match (top, item) {
            // The plan's own lists are `too_many`'s; their items are walked.
            (true, Value::Array(items)) => (items.iter().enumerate()).find_map(|(i, item)| {
                within(path, &format!("[{i}]"), |path| long_list(item, path, None))
            }),
            _ => long_list(item, path, Some(k)),
        })
    })
}

fn long_list(value: &Value, path: &mut String, key: Option<&str>) -> Option<(String, u64, u32)> {
    match value {
        Value::Array(items) => {
            let most = (MAX_INNER_ITEMS.iter())
                .find(|(k, _)| Some(*k) == key)
                .map_or(MAX_OTHER_ITEMS, |&(_, most)| most);
            if items.len() as u64 > u64::from(most) {
                return Some((path.clone(), items.len() as u64, most));
            }
            (items.iter().enumerate()).find_map(|(i, item)| {
                within(path, &format!("[{i}]"), |path| long_list(item, path, key))
            })
        }
        Value::Object(map) => map.iter().find_map(|(k, item)| {
            within(path, &key_step(k), |path| long_list(item, path, Some(k)))
        }),
        _ => None,
    }
}

/// The first top-level list longer than `MAX_ITEMS` allows, as its key,
/// its length and the limit.
pub fn too_many(plan: &Value) -> Option<(&'static str, u64, u32)> {
    MAX_ITEMS.iter().find_map(|&(key, most)| {
        let len = plan.get(key)?.as_array()?.len() as u64;
        (len > u64::from(most)).then_some((key, len, most))
    })
}

/// Keys whose values are free text, with no limit but the file's size.
const FREE_TEXT: [&str; 3] = ["notes", "existing_records", "rollback"];

/// The first text value over the limit, as its JSON path and length in
/// characters; `None` when every value fits.
pub fn too_long(plan: &Value) -> Option<(String, u64)> {
    find(plan, &mut "$".to_string(), None)
}

/// Whether values under `key` are free text: notes, pasted records.
pub fn is_free_text(key: &str) -> bool {
    FREE_TEXT.contains(&key)
}

fn find(value: &Value, path: &mut String, key: Option<&str>) -> Option<(String, u64)> {
    let free = key.is_some_and(is_free_text);
    match value {
        Value::String(text) if !free => {
            let chars = text.encode_utf16().count() as u64;
            (chars > u64::from(MAX_TEXT_CHARS)).then(|| (path.clone(), chars))
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| within(path, &format!("[{i}]"), |path| find(item, path, key))),
        Value::Object(map) => map
            .iter()
            .find_map(|(k, item)| within(path, &key_step(k), |path| find(item, path, Some(k)))),
        _ => None,
    }
}

/// A field's step in a JSON path: `.name`, or `["odd name"]` for a name
/// that is not a plain word.
pub(super) fn key_step(key: &str) -> String {
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if plain {
        format!(".{key}")
    } else {
        format!("[{key:?}]")
    }
}

/// Runs `f` with `step` added to the path, then takes it off again.
fn within<T>(path: &mut String, step: &str, f: impl FnOnce(&mut String) -> T) -> T {
    let len = path.len();
    path.push_str(step);
    let out = f(path);
    path.truncate(len);
    out
}
