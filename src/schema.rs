//! The JSON Schema of plan files, derived from the model types, with the
//! limits an import holds files to (`plan::limits`), so that a file the
//! schema accepts is one the app opens as far as a schema can say.

use serde_json::{json, Map, Value};

use crate::plan::limits::{
    is_free_text, MAX_INNER_ITEMS, MAX_ITEMS, MAX_OTHER_ITEMS, MAX_TEXT_CHARS,
};
use crate::plan::model::SCHEMA_VERSION;

/// The schema as pretty JSON with a trailing newline.
pub fn plan_schema() -> String {
    let mut schema = schemars::schema_for!(crate::plan::model::Plan);
    if let Some(map) = schema.as_object_mut() {
        let mut root = Value::Object(std::mem::take(map));
        add_limits(&mut root);
        if let Value::Object(limited) = root {
            *map = limited;
        }
    }
    schema.insert("$id".to_string(), "urn:switchyard:plan-schema:1".into());
    schema.insert(
        "description".to_string(),
        "A Switchyard sending plan: brand, lanes, journeys and routing rules. Passwords and API keys are never part of a plan. Ids are unique within their list, and lanes are named by id wherever a plan refers to one. The app counts text as a text box does, in UTF-16 code units, so a name of emoji holds 500 of them, not the 1,000 characters maxLength says.".into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    text.push('\n');
    text
}

/// Adds the import's limits: the format versions it reads, a plan id with
/// a character in it, and the most items and characters in lists and text.
fn add_limits(schema: &mut Value) {
    limit(schema, None);
    let properties = &mut schema["properties"];
    for (key, most) in MAX_ITEMS {
        properties[key]["maxItems"] = most.into();
    }
    properties["schema_version"]["minimum"] = 1.into();
    properties["schema_version"]["maximum"] = SCHEMA_VERSION.into();
    properties["id"]["pattern"] = "\\S".into();
}

/// Limits the strings and arrays of one schema node; `key` is the
/// property the node describes, whose name sets its limits.
fn limit(node: &mut Value, key: Option<&str>) {
    let Value::Object(map) = node else {
        return;
    };
    // A closed list of words needs no limit of its own.
    let closed = map.contains_key("enum") || map.contains_key("const");
    if is_type(map, "string") && !closed && !key.is_some_and(is_free_text) {
        map.insert("maxLength".into(), json!(MAX_TEXT_CHARS));
    }
    // A list of fixed length, such as the mix's five shares, keeps its own.
    if is_type(map, "array") && !map.contains_key("maxItems") {
        let most = (MAX_INNER_ITEMS.iter()).find(|(k, _)| Some(*k) == key);
        map.insert(
            "maxItems".into(),
            json!(most.map_or(MAX_OTHER_ITEMS, |&(_, n)| n)),
        );
    }
    for (keyword, child) in map.iter_mut() {
        match (keyword.as_str(), child) {
            ("properties", Value::Object(properties)) => {
                for (name, property) in properties.iter_mut() {
                    limit(property, Some(name));
                }
            }
            ("$defs", Value::Object(defs)) => defs.values_mut().for_each(|d| limit(d, None)),
            ("items" | "additionalProperties", child) => limit(child, key),
            ("oneOf" | "anyOf" | "allOf", Value::Array(options)) => {
                options.iter_mut().for_each(|o| limit(o, key));
            }
            _ => {}
        }
    }
}

/// Whether a node's `type` is `kind` or a list holding it.
fn is_type(node: &Map<String, Value>, kind: &str) -> bool {
    match node.get("type") {
        Some(Value::String(t)) => t == kind,
        Some(Value::Array(types)) => types.iter().any(|t| t == kind),
        _ => false,
    }
}
