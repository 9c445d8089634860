//! The limits on a plan's text: names, addresses, ids and dates are short;
//! notes, pasted records and rollback plans may be long.

use serde_json::{json, Value};
use switchyard::plan::limits::{too_long, MAX_TEXT_CHARS};

fn long(extra: usize) -> String {
    "x".repeat(MAX_TEXT_CHARS as usize + extra)
}

#[test]
fn text_over_the_limit_is_found_by_its_path() {
    let cases: Vec<(Value, Option<(&str, u64)>)> = vec![
        (json!({"brand": {"name": "Fernleaf"}}), None),
        (json!({"brand": {"name": long(0)}}), None),
        (
            json!({"brand": {"name": long(1)}}),
            Some(("$.brand.name", 1_001)),
        ),
        (
            json!({"lanes": [{"name": "ok"}, {"ip_addresses": ["1.2.3.4", long(5)]}]}),
            Some(("$.lanes[1].ip_addresses[1]", 1_005)),
        ),
        // Characters, not bytes: 1,000 two-byte letters fit.
        (json!({"journeys": [{"name": "é".repeat(1_000)}]}), None),
        // As a text box counts them: an emoji is two, so 500 fit and 501
        // do not, in a file as in a field.
        (json!({"journeys": [{"name": "🚀".repeat(500)}]}), None),
        (
            json!({"journeys": [{"name": "🚀".repeat(501)}]}),
            Some(("$.journeys[0].name", 1_002)),
        ),
        // Free text may be long, wherever it is.
        (json!({"notes": long(50_000)}), None),
        (json!({"existing_records": long(50_000)}), None),
        (
            json!({"checklist": {"items": {"a": {"notes": long(9)}}}}),
            None,
        ),
        (json!({"migrations": [{"rollback": long(9)}]}), None),
        (
            json!({"migrations": [{"name": long(9)}]}),
            Some(("$.migrations[0].name", 1_009)),
        ),
        // An odd field name is written in brackets, as import errors write it.
        (
            json!({"brand": {"na me": long(1)}}),
            Some(("$.brand[\"na me\"]", 1_001)),
        ),
    ];
    for (plan, expected) in cases {
        let found = too_long(&plan);
        let expected = expected.map(|(path, chars)| (path.to_string(), chars));
        assert_eq!(found, expected, "{plan:.80}");
    }
}

#[test]
fn a_file_over_the_limit_is_refused_but_a_saved_plan_still_opens() {
    let mut plan = switchyard::plan::sample::sample_plan();
    plan.lanes[0].name = long(500);
    let file = switchyard::plan::io::export(&plan);
    let refused = switchyard::plan::io::import(file.as_bytes()).expect_err("too long");
    assert_eq!(refused.location, "$.lanes[0].name");
    assert!(
        refused.message.contains("1,500 characters long"),
        "{}",
        refused.message
    );
    let saved = switchyard::plan::storage::encode_plan(&plan, 3);
    let (opened, rev) = switchyard::plan::storage::decode_plan(&saved).expect("it opens");
    assert_eq!((opened.lanes[0].name.chars().count(), rev), (1_500, 3));
}

#[test]
fn a_long_credential_is_removed_not_refused() {
    let mut value: Value = serde_json::from_str(&switchyard::plan::io::export(
        &switchyard::plan::sample::sample_plan(),
    ))
    .unwrap();
    value["lanes"][0]["smtp"]["password"] = json!(long(500));
    let imported = switchyard::plan::io::import(value.to_string().as_bytes()).expect("it imports");
    assert_eq!(
        imported.removed_secrets,
        vec!["$.lanes[0].smtp.password".to_string()]
    );
}
