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
    ];
    for (plan, expected) in cases {
        let found = too_long(&plan);
        let expected = expected.map(|(path, chars)| (path.to_string(), chars));
        assert_eq!(found, expected, "{plan:.80}");
    }
}
