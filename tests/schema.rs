//! The committed JSON Schema matches the types and accepts real plans.
#![cfg(feature = "schema")]

use serde_json::Value;
use switchyard::plan::io::export;
use switchyard::plan::sample::sample_plan;
use switchyard::schema::plan_schema;

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&plan_schema()).unwrap();
    jsonschema::validator_for(&schema).expect("the schema is valid JSON Schema")
}

#[test]
fn committed_schema_is_up_to_date() {
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/static/plan.schema.json"
    ))
    .unwrap();
    assert!(
        committed == plan_schema(),
        "static/plan.schema.json is stale: run `cargo run --features schema --bin schema > static/plan.schema.json`"
    );
}

#[test]
fn the_sample_plan_validates() {
    let plan: Value = serde_json::from_str(&export(&sample_plan())).unwrap();
    let errors: Vec<String> = validator()
        .iter_errors(&plan)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn the_schema_rejects_what_imports_reject() {
    let v = validator();
    let mut plan: Value = serde_json::from_str(&export(&sample_plan())).unwrap();
    plan["lanes"][0]["smtp"]["password"] = "hunter2".into();
    assert!(!v.is_valid(&plan), "credentials are not part of the format");
    let mut plan: Value = serde_json::from_str(&export(&sample_plan())).unwrap();
    plan["journeys"][0]["trigger"] = serde_json::json!({"kind": "event", "segment": "x"});
    assert!(!v.is_valid(&plan));
    let mut plan: Value = serde_json::from_str(&export(&sample_plan())).unwrap();
    plan["lanes"][0]["ip_strategy"] = serde_json::json!({"kind": "dedicated"});
    assert!(!v.is_valid(&plan));
}

#[test]
fn the_schema_holds_files_to_the_import_limits() {
    let v = validator();
    let sample: Value = serde_json::from_str(&export(&sample_plan())).unwrap();
    let lane = sample["lanes"][0].clone();
    let long = "x".repeat(1_001);
    // (what the file gets wrong, how)
    type Spoil = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Spoil)> = vec![
        (
            "a newer format",
            Box::new(|p| p["schema_version"] = 2.into()),
        ),
        ("format 0", Box::new(|p| p["schema_version"] = 0.into())),
        ("a blank plan id", Box::new(|p| p["id"] = " ".into())),
        (
            "a long name",
            Box::new(move |p| p["lanes"][0]["name"] = long.clone().into()),
        ),
        (
            "a long tag",
            Box::new(|p| p["journeys"][0]["tags"] = serde_json::json!(["y".repeat(1_001)])),
        ),
        (
            "101 lanes",
            Box::new(move |p| p["lanes"] = vec![lane.clone(); 101].into()),
        ),
        (
            "257 addresses",
            Box::new(|p| p["lanes"][0]["ip_addresses"] = vec!["192.0.2.1"; 257].into()),
        ),
    ];
    for (what, spoil) in cases {
        let mut plan = sample.clone();
        spoil(&mut plan);
        assert!(!v.is_valid(&plan), "the schema accepts {what}");
        let bytes = serde_json::to_vec(&plan).unwrap();
        assert!(
            switchyard::plan::io::import(&bytes).is_err(),
            "the app opens {what}"
        );
    }
    // Free text has no limit but the file's.
    let mut plan = sample.clone();
    plan["notes"] = "n".repeat(5_000).into();
    assert!(v.is_valid(&plan));
}
