//! The JSON Schema of plan files, derived from the model types.

/// The schema as pretty JSON with a trailing newline.
pub fn plan_schema() -> String {
    let mut schema = schemars::schema_for!(crate::plan::model::Plan);
    schema.insert("$id".to_string(), "urn:switchyard:plan-schema:1".into());
    schema.insert(
        "description".to_string(),
        "A Switchyard sending plan: brand, lanes, journeys and routing rules. Passwords and API keys are never part of a plan.".into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    text.push('\n');
    text
}
