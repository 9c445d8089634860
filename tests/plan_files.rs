//! Plan files: export, import and its refusals, and the saved-copy format.

use serde_json::{json, Value};
use switchyard::plan::edit::{edit_plan, Edit};
use switchyard::plan::io::{
    check_size, export, export_file_name, import, restore, MAX_IMPORT_BYTES,
};
use switchyard::plan::model::*;
use switchyard::plan::sample::sample_plan;
use switchyard::plan::storage::{
    damaged_name, decide_save, decode_index, decode_plan, encode_index, encode_plan,
    opening_sample, peek_rev, DamagedCopy, Index, SaveDecision,
};
use switchyard::plan::validate;

fn sample_json() -> Value {
    serde_json::from_str(&export(&sample_plan())).unwrap()
}

#[test]
fn export_then_import_is_the_identity() {
    let mut plan = sample_plan();
    plan.notes = "Ünïcödé, \"quotes\", <tags> & emoji ☕\nsecond line".into();
    plan.journeys[0].tags = vec!["vip".into(), "é".into()];
    plan.journeys[1].lane_override = Some("transactional".into());
    plan.rules[0].when.min_revenue_per_recipient = Some(0.25);
    plan.lanes[2].engagement_filter = EngagementFilter::PurchasedWithin { days: 180 };
    plan.lanes[1].engagement_filter = EngagementFilter::PredictedIntent;
    let text = export(&plan);
    assert!(
        text.contains("\"engagement_filter\": {\n        \"kind\": \"predicted_intent\"\n      }")
    );
    let back = import(text.as_bytes()).expect("imports").plan;
    assert_eq!(back, plan);
    assert_eq!(export(&back), text, "byte-for-byte stable");
}

#[test]
fn export_is_pretty_with_fields_in_declaration_order() {
    let text = export(&sample_plan());
    assert!(text.starts_with(
        "{\n  \"schema_version\": 1,\n  \"id\": \"sample-fernleaf\",\n  \"brand\": {"
    ));
    assert!(text.ends_with("}\n"));
    assert!(text.contains(
        "\"ip_strategy\": {\n        \"kind\": \"dedicated\",\n        \"count\": 1\n      }"
    ));
    assert!(!text.contains("\"password\""), "no credential fields");
}

#[test]
fn export_file_names_are_safe() {
    assert_eq!(
        export_file_name(&sample_plan()),
        "switchyard-fernleaf-coffee.json"
    );
    let mut plan = sample_plan();
    plan.brand.name = "../../etc/passwd & Co".into();
    assert_eq!(export_file_name(&plan), "switchyard-etc-passwd-co.json");
    plan.brand.name = "☕".into();
    assert_eq!(export_file_name(&plan), "switchyard-plan.json");
    // A long brand is cut at a word, far below file systems' 255 bytes.
    plan.brand.name = "Ridgeway Outfitters ".repeat(20);
    let name = export_file_name(&plan);
    assert!(name.len() <= 80, "{name}");
    assert!(name.ends_with("-ridgeway-outfitters.json"), "{name}");
    plan.brand.name = "x".repeat(300);
    assert_eq!(
        export_file_name(&plan),
        format!("switchyard-{}.json", "x".repeat(60))
    );
    // Letters of any script are kept, lower case.
    plan.brand.name = "Brühaus Café “Bean” & Co.".into();
    assert_eq!(
        export_file_name(&plan),
        "switchyard-brühaus-café-bean-co.json"
    );
    plan.brand.name = "Ämter Kaffee Østerbro".into();
    assert_eq!(
        export_file_name(&plan),
        "switchyard-ämter-kaffee-østerbro.json"
    );
    // A long name of two-byte letters is cut between letters.
    plan.brand.name = "é".repeat(300);
    assert_eq!(
        export_file_name(&plan),
        format!("switchyard-{}.json", "é".repeat(30))
    );
}

/// Imports `value` and returns the refusal's message and location.
fn refusal(bytes: &[u8]) -> (String, String) {
    let e = import(bytes).expect_err("should be refused");
    assert!(
        !e.hint.is_empty(),
        "every refusal has a hint: {}",
        e.message
    );
    (e.message, e.location)
}

fn with(change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v = sample_json();
    change(&mut v);
    serde_json::to_vec(&v).unwrap()
}

#[test]
fn a_file_that_is_not_utf8_is_told_apart_from_json_in_another_encoding() {
    // (bytes, what the hint says)
    let cases: [(&[u8], &str); 2] = [
        (
            b"{\n  \"notes\": \"caf\xe9\"\n}",
            "saved in another encoding",
        ),
        (b"\x89PNG\r\n\x1a\n\xff", "spreadsheet or image"),
    ];
    for (bytes, hint) in cases {
        let e = import(bytes).expect_err("refused");
        assert_eq!(e.message, "The file is not UTF-8 text");
        assert!(e.hint.contains(hint), "{}", e.hint);
    }
}

#[test]
fn bad_files_are_refused_with_what_and_where() {
    let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "not JSON",
            b"hello, world".to_vec(),
            "is not a plan: a plan file is JSON",
            "line 1",
        ),
        (
            "truncated JSON",
            export(&sample_plan()).as_bytes()[..200].to_vec(),
            "not valid JSON",
            "line ",
        ),
        ("empty", b"  \n".to_vec(), "empty", ""),
        (
            "not UTF-8",
            vec![0x7b, 0xff, 0xfe, 0x7d],
            "not UTF-8",
            "byte 1",
        ),
        ("an array", b"[1, 2]".to_vec(), "not a plan object", "$"),
        (
            "a key named twice",
            export(&sample_plan())
                .replacen(
                    "\"id\": \"sample-fernleaf\",",
                    "\"id\": \"a\",\n  \"id\": \"b\",",
                    1,
                )
                .into_bytes(),
            "names one field twice: the key “id” appears twice in one object",
            "line 4, column",
        ),
        (
            "no version",
            with(|v| {
                v.as_object_mut().unwrap().remove("schema_version");
            }),
            "no schema_version",
            "$.schema_version",
        ),
        (
            "newer version",
            with(|v| v["schema_version"] = json!(7)),
            "format version 7, newer",
            "$.schema_version",
        ),
        (
            "version as text",
            with(|v| v["schema_version"] = json!("1")),
            "not a number",
            "$.schema_version",
        ),
        (
            "version zero",
            with(|v| v["schema_version"] = json!(0)),
            "not a format version",
            "$.schema_version",
        ),
        (
            "deep nesting",
            deep.into_bytes(),
            "more than 32 deep",
            "line 1, column 33",
        ),
        (
            "missing field",
            with(|v| {
                v["lanes"][1]
                    .as_object_mut()
                    .unwrap()
                    .remove("sending_domain");
            }),
            "required field “sending_domain”",
            "$.lanes[1]",
        ),
        (
            "wrong type deep inside",
            with(|v| v["lanes"][2]["smtp"]["port"] = json!("587")),
            "Expected a whole number",
            "$.lanes[2].smtp.port",
        ),
        (
            "unknown field",
            with(|v| v["journeys"][4]["colour"] = json!("red")),
            "field “colour” is not known",
            "$.journeys[4].colour",
        ),
        (
            "several unknown fields, all named at once",
            with(|v| {
                v["journeys"][4]["colour"] = json!("red");
                v["lanes"][1]["smtp"]["hostname"] = json!({"a": 1});
                v["size"] = json!(3);
            }),
            "field “colour” is not known here; expected one of",
            "$.journeys[4].colour",
        ),
        (
            "several unknown fields, the rest listed",
            with(|v| {
                v["journeys"][4]["colour"] = json!("red");
                v["lanes"][1]["smtp"]["hostname"] = json!({"a": 1});
                v["size"] = json!(3);
            }),
            "Also not known: $.lanes[1].smtp.hostname, $.size",
            "$.journeys[4].colour",
        ),
        (
            "an unknown field and a wrong type: the fields alone",
            with(|v| {
                v["journeys"][4]["colour"] = json!("red");
                v["journeys"][5]["daily_volume"] = json!("many");
            }),
            "field “colour” is not known here",
            "$.journeys[4].colour",
        ),
        (
            "bad enum value",
            with(|v| v["journeys"][0]["intent"] = json!("spam")),
            "“spam” is not one of the choices",
            "$.journeys[0].intent",
        ),
        (
            "trigger fields of another kind",
            with(|v| v["journeys"][0]["trigger"]["segment"] = json!("x")),
            "does not belong",
            "$.journeys[0].trigger",
        ),
        (
            "a window on a predicted intent filter",
            with(|v| {
                v["lanes"][2]["engagement_filter"] = json!({"kind": "predicted_intent", "days": 30})
            }),
            "does not belong",
            "$.lanes[2].engagement_filter",
        ),
        (
            "a send day on a trigger that is not scheduled",
            with(|v| v["journeys"][0]["trigger"]["send_day"] = json!("monday")),
            "does not belong",
            "$.journeys[0].trigger",
        ),
        (
            "a send day that is not a weekday",
            with(|v| v["journeys"][10]["trigger"]["send_day"] = json!("someday")),
            "“someday” is not one of the choices",
            "$.journeys[10].trigger",
        ),
        (
            "bad brand",
            with(|v| v["brand"] = json!(3)),
            "Expected an object",
            "$.brand",
        ),
        (
            "a name too long to lay out",
            with(|v| v["brand"]["name"] = json!("x".repeat(200_000))),
            "200,000 characters long",
            "$.brand.name",
        ),
        (
            "duplicate ids",
            with(|v| v["lanes"][1]["id"] = json!("transactional")),
            "already used",
            "$.lanes[1].id",
        ),
    ];
    for (name, bytes, message, location) in cases {
        let (m, l) = refusal(&bytes);
        assert!(m.contains(message), "{name}: message {m:?}");
        assert!(l.starts_with(location), "{name}: location {l:?}");
    }
}

/// A plan file with one thing wrong in its shape, where the refusal must
/// point, and words the refusal must use (compared in lower case).
struct Shape {
    name: &'static str,
    change: fn(&mut Value),
    path: &'static str,
    says: &'static [&'static str],
}

/// serde's and Rust's own words, which a marketer should never read.
const JARGON: [&str; 12] = [
    "u8",
    "u16",
    "u32",
    "u64",
    "i64",
    "f64",
    "invalid type",
    "invalid value",
    "struct ",
    "sequence",
    "EOF",
    "`",
];

fn assert_plain(name: &str, message: &str) {
    for word in JARGON {
        assert!(!message.contains(word), "{name}: {word:?} in {message:?}");
    }
}

#[test]
fn wrong_shapes_name_the_field_in_plain_words() {
    let cases = [
        Shape {
            name: "two checklist items with the same wrong status",
            change: |v| {
                v["checklist"]["items"] = json!([
                    {"item": "domain_plan", "status": "complete"},
                    {"item": "authenticate", "status": "complete"}
                ])
            },
            path: "$.checklist.items[0].status",
            says: &["“complete” is not one of the choices", "“status”"],
        },
        Shape {
            name: "a journey's volume as text",
            change: |v| v["journeys"][2]["daily_volume"] = json!("lots"),
            path: "$.journeys[2].daily_volume",
            says: &[
                "expected a whole number",
                "“daily_volume”",
                "the text “lots”",
            ],
        },
        Shape {
            name: "a lane's SMTP port as text",
            change: |v| v["lanes"][2]["smtp"]["port"] = json!("587"),
            path: "$.lanes[2].smtp.port",
            says: &["expected a whole number", "“port”", "the text “587”"],
        },
        Shape {
            name: "a port out of range",
            change: |v| v["lanes"][0]["smtp"]["port"] = json!(70000),
            path: "$.lanes[0].smtp.port",
            says: &["a whole number from 0 to 65,535", "the number 70000"],
        },
        Shape {
            name: "a negative volume",
            change: |v| v["journeys"][1]["daily_volume"] = json!(-5),
            path: "$.journeys[1].daily_volume",
            says: &["a whole number of 0 or more", "the number -5"],
        },
        Shape {
            name: "a boolean as text",
            change: |v| v["rules"][1]["enabled"] = json!("yes"),
            path: "$.rules[1].enabled",
            says: &["expected true or false", "“enabled”", "the text “yes”"],
        },
        Shape {
            name: "a boolean as text outside lanes, journeys and rules",
            change: |v| v["dmarc"]["strict_dkim"] = json!("true"),
            path: "$.dmarc.strict_dkim",
            says: &["expected true or false", "the text “true”"],
        },
        Shape {
            name: "a policy for subdomains that do not exist it has no word for",
            change: |v| v["dmarc"]["np"] = json!("block"),
            path: "$.dmarc.np",
            says: &["“block” is not one of the choices", "“np”"],
        },
        Shape {
            name: "a nested trigger field",
            change: |v| v["journeys"][3]["trigger"]["event_name"] = json!(42),
            path: "$.journeys[3].trigger.event_name",
            says: &["expected text", "“event_name”", "the number 42"],
        },
        Shape {
            name: "a fraction where a whole number goes",
            change: |v| v["journeys"][4]["trigger"]["latency_minutes"] = json!(2.5),
            path: "$.journeys[4].trigger.latency_minutes",
            says: &["expected a whole number", "the number 2.5"],
        },
        Shape {
            name: "revenue as text",
            change: |v| v["journeys"][3]["revenue_per_recipient"] = json!("1.85"),
            path: "$.journeys[3].revenue_per_recipient",
            says: &["expected a number for", "the text “1.85”"],
        },
        Shape {
            name: "a top-level field",
            change: |v| v["notes"] = json!(5),
            path: "$.notes",
            says: &["expected text for “notes”", "the number 5"],
        },
        Shape {
            name: "a top-level optional field",
            change: |v| v["default_lane"] = json!(true),
            path: "$.default_lane",
            says: &["expected text for “default_lane”", "but the file has true"],
        },
        Shape {
            name: "an object for a list",
            change: |v| v["journeys"] = json!({}),
            path: "$.journeys",
            says: &["expected a list for “journeys”", "an object"],
        },
        Shape {
            name: "text for a list",
            change: |v| v["journeys"][1]["tags"] = json!("vip"),
            path: "$.journeys[1].tags",
            says: &["expected a list", "the text “vip”"],
        },
        Shape {
            name: "an entry of a list",
            change: |v| v["journeys"][1]["tags"] = json!(["vip", 3]),
            path: "$.journeys[1].tags[1]",
            says: &["expected text for an entry of “tags”", "the number 3"],
        },
        Shape {
            name: "four levels inside a lane",
            change: |v| v["lanes"][2]["warmup"]["custom"]["hold_days"] = json!("1"),
            path: "$.lanes[2].warmup.custom.hold_days",
            says: &["expected a whole number", "“hold_days”"],
        },
        Shape {
            name: "a weekday out of range",
            change: |v| v["lanes"][2]["warmup"]["sending_weekdays"][1] = json!(300),
            path: "$.lanes[2].warmup.sending_weekdays[1]",
            says: &["a whole number from 0 to 255", "the number 300"],
        },
        Shape {
            name: "an entry of a list of objects outside lanes, journeys and rules",
            change: |v| v["monitoring"]["thresholds"][1]["complaint_act_percent"] = json!("0.3"),
            path: "$.monitoring.thresholds[1].complaint_act_percent",
            says: &["expected a number", "the text “0.3”"],
        },
        Shape {
            name: "an entry of a fixed-length list",
            change: |v| v["simulation"]["mix_percent"][2] = json!("20"),
            path: "$.simulation.mix_percent[2]",
            says: &["expected a whole number", "the text “20”"],
        },
        Shape {
            name: "a fixed-length list too short",
            change: |v| v["simulation"]["mix_percent"] = json!([45, 15, 20, 20]),
            path: "$.simulation.mix_percent",
            says: &["expected a list of 5 entries for “mix_percent”", "has 4"],
        },
        Shape {
            name: "a plain value for an object",
            change: |v| v["brand"] = json!(3),
            path: "$.brand",
            says: &["expected an object for “brand”", "the number 3"],
        },
        Shape {
            name: "text for a tagged object",
            change: |v| v["lanes"][1]["ip_strategy"] = json!("shared"),
            path: "$.lanes[1].ip_strategy",
            says: &["expected an object", "the text “shared”"],
        },
        Shape {
            name: "an unknown field",
            change: |v| v["journeys"][4]["colour"] = json!("red"),
            path: "$.journeys[4].colour",
            says: &["the field “colour” is not known here", "“daily_volume”"],
        },
        Shape {
            name: "an unknown top-level field",
            change: |v| v["colour"] = json!("red"),
            path: "$.colour",
            says: &["the field “colour” is not known here", "“journeys”"],
        },
        Shape {
            name: "an unknown nested field holding an object",
            change: |v| v["lanes"][0]["smtp"]["hostname"] = json!({"a": 1}),
            path: "$.lanes[0].smtp.hostname",
            says: &["the field “hostname” is not known here", "“host”"],
        },
        Shape {
            name: "an unknown field with a space in its name",
            change: |v| v["journeys"][0]["daily volume"] = json!(5),
            path: "$.journeys[0][\"daily volume\"]",
            says: &["the field “daily volume” is not known here"],
        },
        Shape {
            name: "an unknown choice",
            change: |v| v["journeys"][0]["intent"] = json!("spam"),
            path: "$.journeys[0].intent",
            says: &[
                "“spam” is not one of the choices for “intent”",
                "“order_confirmation”",
            ],
        },
        Shape {
            name: "a number for a choice",
            change: |v| v["lanes"][0]["status"] = json!(1),
            path: "$.lanes[0].status",
            says: &[
                "expected one of the named choices for “status”",
                "the number 1",
            ],
        },
        Shape {
            name: "a missing field",
            change: |v| {
                drop(
                    v["lanes"][1]
                        .as_object_mut()
                        .unwrap()
                        .remove("sending_domain"),
                )
            },
            path: "$.lanes[1]",
            says: &["an entry of “lanes” is missing the required field “sending_domain”"],
        },
        Shape {
            name: "a missing nested field",
            change: |v| {
                drop(
                    v["lanes"][2]["smtp"]
                        .as_object_mut()
                        .unwrap()
                        .remove("port"),
                )
            },
            path: "$.lanes[2].smtp",
            says: &["“smtp” is missing the required field “port”"],
        },
        Shape {
            name: "a missing field after the only other one",
            change: |v| v["brand"] = json!({"name": "Fernleaf"}),
            path: "$.brand",
            says: &["“brand” is missing the required field “primary_domain”"],
        },
        Shape {
            name: "a missing field of a kind",
            change: |v| {
                drop(
                    v["lanes"][2]["ip_strategy"]
                        .as_object_mut()
                        .unwrap()
                        .remove("count"),
                )
            },
            path: "$.lanes[2].ip_strategy",
            says: &["missing the required field “count” for kind “dedicated”"],
        },
        Shape {
            name: "a missing top-level field",
            change: |v| drop(v.as_object_mut().unwrap().remove("lanes")),
            path: "$",
            says: &["the plan is missing the required field “lanes”"],
        },
        Shape {
            name: "fields of another kind",
            change: |v| v["journeys"][0]["trigger"]["segment"] = json!("x"),
            path: "$.journeys[0].trigger",
            says: &["does not belong to kind “transactional_api”"],
        },
    ];
    for case in cases {
        let mut value = sample_json();
        (case.change)(&mut value);
        let bytes = serde_json::to_vec(&value).unwrap();
        let error = import(&bytes).expect_err(case.name);
        assert_eq!(error.location, case.path, "{}: {error:?}", case.name);
        let message = error.message.to_lowercase();
        for words in case.says {
            assert!(
                message.contains(&words.to_lowercase()),
                "{}: {words:?} not in {:?}",
                case.name,
                error.message
            );
        }
        assert_plain(case.name, &error.message);
        assert!(!error.hint.is_empty(), "{}: no hint", case.name);
    }
}

/// The report that started this: the notice names the field and says the
/// open plan is unchanged.
#[test]
fn a_refused_import_says_where_and_keeps_the_plan() {
    use switchyard::plan::state::{apply, Action, PlannerState};
    let state = PlannerState::with_plans(vec![(sample_plan(), 1)], None);
    let bytes = with(|v| v["journeys"][2]["daily_volume"] = json!("lots"));
    let error = import(&bytes).unwrap_err();
    let after = apply(&state, Action::ImportFailed(error));
    assert_eq!(after.plan(), state.plan());
    let notice = after.notice.expect("a notice");
    assert_eq!(
        notice.text,
        "Import refused: Expected a whole number for “daily_volume”, but the file has the text “lots”."
    );
    assert!(notice
        .details
        .contains(&"Where: Journey 3 › daily volume ($.journeys[2].daily_volume)".to_string()));
    assert!(notice
        .details
        .contains(&"Your current plan was not changed.".to_string()));
}

#[test]
fn two_wrong_values_alike_point_at_one_of_them() {
    let bytes = with(|v| {
        v["journeys"][3]["trigger"]["latency_minutes"] = json!("5");
        v["journeys"][3]["trigger"]["delay_minutes"] = json!("5");
    });
    let error = import(&bytes).unwrap_err();
    assert!(
        [
            "$.journeys[3].trigger.latency_minutes",
            "$.journeys[3].trigger.delay_minutes"
        ]
        .contains(&error.location.as_str()),
        "{error:?}"
    );
    assert!(
        error.message.contains("Expected a whole number"),
        "{error:?}"
    );
}

#[test]
fn a_wrong_value_is_found_among_many_entries() {
    // Many lanes and journeys: the search halves the list rather than
    // trying each entry.
    let bytes = with(|v| {
        let journeys = v["journeys"].as_array_mut().unwrap();
        let template = journeys[3].clone();
        for i in 0..1_900 {
            let mut journey = template.clone();
            journey["id"] = json!(format!("extra-{i}"));
            journeys.push(journey);
        }
        journeys[1_500]["daily_volume"] = json!(null);
    });
    let error = import(&bytes).unwrap_err();
    assert_eq!(error.location, "$.journeys[1500].daily_volume");
    assert!(error.message.contains("but the file has null"), "{error:?}");
}

#[test]
fn cut_off_and_broken_json_say_what_and_where() {
    let exported = export(&sample_plan());
    let cut = &exported[..200];
    let cut_line = cut.matches('\n').count() + 1;
    let cut_column = cut.rsplit('\n').next().unwrap().len();
    let cut_at = format!("line {cut_line}, column {cut_column}");
    let cases: Vec<(&str, &str, &[&str], String)> = vec![
        (
            "cut inside a list",
            r#"{"schema_version": 1, "lanes": ["#,
            &["ends too soon", "cut off"],
            "line 1, column 32".to_string(),
        ),
        (
            "cut inside a value",
            r#"{"schema_version": 1, "id": "sample", "brand": {"name": "Fernleaf", "primary_domain": "#,
            &["ends too soon", "cut off"],
            "line 1, column 86".to_string(),
        ),
        (
            "an exported plan cut short",
            cut,
            &["ends too soon", "cut off"],
            cut_at,
        ),
        (
            "a value missing",
            r#"{"schema_version": 1, "lanes": [}"#,
            &["not valid JSON", "a value is missing"],
            "line 1, column 33".to_string(),
        ),
        (
            "a comma before a bracket",
            "{\"schema_version\": 1,\n  \"lanes\": [1,]}",
            &[
                "not valid JSON",
                "a comma comes right before a closing bracket",
            ],
            "line 2, column 15".to_string(),
        ),
        (
            "a field name without quotes",
            "{schema_version: 1}",
            &["not valid JSON", "a field name is not in double quotes"],
            "line 1, column 2".to_string(),
        ),
    ];
    for (name, text, says, at) in cases {
        let error = import(text.as_bytes()).expect_err(name);
        assert_eq!(error.location, at, "{name}: {error:?}");
        for words in says {
            assert!(error.message.contains(words), "{name}: {error:?}");
        }
        assert!(
            error.message.starts_with("The file is not valid JSON"),
            "{name}"
        );
        assert_plain(name, &error.message);
        assert!(!error.hint.is_empty(), "{name}");
    }
}

#[test]
fn oversized_files_are_refused_before_reading() {
    assert!(check_size(MAX_IMPORT_BYTES).is_ok());
    let e = check_size(MAX_IMPORT_BYTES + 1).unwrap_err();
    assert!(
        e.message
            .starts_with("The file is 5.01 MB; plan files are at most 5 MB"),
        "{}",
        e.message
    );
    let huge = vec![b' '; (MAX_IMPORT_BYTES + 1) as usize];
    assert!(import(&huge).unwrap_err().message.contains("at most 5 MB"));
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{}", export(&sample_plan()));
    assert_eq!(import(text.as_bytes()).unwrap().plan, sample_plan());
}

#[test]
fn hostile_text_inside_strings_is_only_text() {
    let bytes = with(|v| {
        v["notes"] = json!("<script>alert(1)</script>{{[[");
        v["brand"]["name"] = json!("\u{202e}evil\u{0000}");
    });
    let plan = import(&bytes).unwrap().plan;
    assert_eq!(plan.notes, "<script>alert(1)</script>{{[[");
    // The override that would reverse the text around the name goes, and
    // so does the control character.
    assert_eq!(plan.brand.name, "evil");
}

#[test]
fn keys_are_found_wherever_a_line_puts_them() {
    let key = "SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    let cases = [
        (
            format!("SendGrid key:\n{key}"),
            "SendGrid key:\n[secret removed]",
        ),
        (
            format!("SMTP_PASSWORD={key}"),
            "SMTP_PASSWORD=[secret removed]",
        ),
        (format!("api_key={key};"), "api_key=[secret removed];"),
        (format!("key:{key}\tnext"), "key:[secret removed]\tnext"),
        (format!("“{key}” was it"), "“[secret removed]” was it"),
    ];
    for (notes, want) in cases {
        let bytes = with(|v| v["notes"] = json!(notes));
        let imported = import(&bytes).expect("imports without the key");
        assert_eq!(imported.plan.notes, want, "{notes}");
        assert_eq!(imported.removed_secrets, ["$.notes"], "{notes}");
    }
    // Ordinary text keeps every separator as it was.
    let text = "Reports: mailto:dmarc@fernleaf.coffee\n\tsee  https://example.com/?a=b";
    let bytes = with(|v| v["notes"] = json!(text));
    assert_eq!(import(&bytes).unwrap().plan.notes, text);
}

#[test]
fn secrets_are_dropped_and_reported() {
    let bytes = with(|v| {
        v["lanes"][0]["smtp"]["password"] = json!("hunter2");
        v["lanes"][1]["smtp"]["api_key"] =
            json!("SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ");
        v["notes"] = json!("aws AKIAIOSFODNN7EXAMPLE here");
        v["journeys"][0]["name"] = json!("key-0123456789abcdef0123456789abcdef");
    });
    let imported = import(&bytes).expect("imports without the secrets");
    assert_eq!(
        imported.removed_secrets,
        [
            "$.journeys[0].name",
            "$.lanes[0].smtp.password",
            "$.lanes[1].smtp.api_key",
            "$.notes"
        ]
    );
    assert_eq!(imported.plan.notes, "aws [secret removed] here");
    assert!(!export(&imported.plan).contains("hunter2"));
    let ordinary = import(export(&sample_plan()).as_bytes()).unwrap();
    assert!(
        ordinary.removed_secrets.is_empty(),
        "{:?}",
        ordinary.removed_secrets
    );
}

#[test]
fn imported_domains_are_normalised() {
    let bytes = with(|v| v["lanes"][0]["sending_domain"] = json!("Receipts.FernleafCoffee.COM"));
    assert_eq!(
        import(&bytes).unwrap().plan.lanes[0].sending_domain,
        "receipts.fernleafcoffee.com"
    );
}

#[test]
fn optional_fields_may_be_left_out() {
    let bytes = with(|v| {
        let lane = v["lanes"][0].as_object_mut().unwrap();
        for f in ["owner", "reply_to", "return_path_domain", "tracking_domain"] {
            lane.remove(f);
        }
        let rule = v["rules"][0].as_object_mut().unwrap();
        rule.remove("enabled");
        v.as_object_mut().unwrap().remove("notes");
    });
    let plan = import(&bytes).unwrap().plan;
    // A scheduled journey without a send day spreads its mail.
    assert!(matches!(
        plan.journeys[10].trigger,
        Trigger::Scheduled { send_day: None, .. }
    ));
    assert_eq!(plan.lanes[0].owner, "");
    assert!(plan.rules[0].enabled);
    assert_eq!(plan.notes, "");
}

#[test]
fn the_policy_for_subdomains_that_do_not_exist_is_written_only_when_set() {
    // Files from before np import unchanged, and export as they were.
    let older = export(&sample_plan());
    assert!(!older.contains("\"np\""));
    let plan = import(older.as_bytes()).unwrap().plan;
    assert_eq!(plan.dmarc.np, None);
    assert_eq!(export(&plan), older);
    // Set, it follows the goal and reads back.
    for (np, written) in [(DmarcPolicy::Reject, "reject"), (DmarcPolicy::None, "none")] {
        let mut plan = sample_plan();
        plan.dmarc.np = Some(np);
        let text = export(&plan);
        let goal = "\"goal\": \"reject\",\n    ";
        assert!(
            text.contains(&format!("{goal}\"np\": \"{written}\",")),
            "{text}"
        );
        assert_eq!(import(text.as_bytes()).unwrap().plan, plan);
    }
    // An explicit null is "not set".
    let bytes = with(|v| v["dmarc"]["np"] = Value::Null);
    assert_eq!(import(&bytes).unwrap().plan.dmarc.np, None);
}

#[test]
fn saved_copies_round_trip_with_their_revision() {
    let plan = sample_plan();
    let text = encode_plan(&plan, 42);
    assert_eq!(peek_rev(&text), Some(42));
    assert_eq!(decode_plan(&text).unwrap(), (plan, 42));
    assert!(decode_plan("{\"rev\": 1}").is_err());
    assert_eq!(peek_rev("garbage"), None);
}

/// Why a saved copy cannot be read is said in words, never in the
/// parser's terms of lines and columns the user never sees.
#[test]
fn a_damaged_copy_says_why_in_words() {
    // (the saved text, the reason given)
    let cases = [
        (
            "{\"rev\": 3, \"plan\": {\"id\": \"p\", \"lanes\": [",
            "the saved copy is damaged: it ends too soon, as if it was cut off while being saved",
        ),
        (
            "garbage",
            "the saved copy is damaged: its text is not valid JSON",
        ),
        (
            "{\"rev\": 1}",
            "the saved copy is damaged: it does not hold a plan in the form the app saves",
        ),
    ];
    for (text, why) in cases {
        let error = decode_plan(text).unwrap_err();
        assert_eq!(error.message, why, "{text}");
        assert!(!error.message.contains("line"), "{text}");
    }
}

#[test]
fn the_index_survives_damage() {
    let index = Index {
        plans: vec!["a".into(), "b".into()],
        active: Some("b".into()),
        labels: vec!["Acme".into(), "Acme (3)".into()],
    };
    assert_eq!(decode_index(&encode_index(&index)), index);
    assert_eq!(decode_index("{oops"), Index::default());
    assert_eq!(decode_index(""), Index::default());
}

/// The index keeps each plan's name in the picker; one written before it
/// did reads without names, and a plan it does not list has none.
#[test]
fn the_index_keeps_the_pickers_names() {
    let index = Index {
        plans: vec!["a".into(), "b".into()],
        active: None,
        labels: vec!["Acme".into(), "Acme (3)".into()],
    };
    let read = decode_index(&encode_index(&index));
    assert_eq!(read.label_of("b"), Some("Acme (3)"));
    assert_eq!(read.label_of("c"), None);
    let older = decode_index(r#"{"plans":["a","b"],"active":"a"}"#);
    assert_eq!((older.plans.len(), older.label_of("a")), (2, None));
    // Fewer names than plans leaves the rest without one.
    let short = decode_index(r#"{"plans":["a","b"],"active":null,"labels":["Acme"]}"#);
    assert_eq!(
        (short.label_of("a"), short.label_of("b")),
        (Some("Acme"), None)
    );
}

#[test]
fn saves_write_only_over_the_copy_they_started_from() {
    let cases = [
        (0, None, SaveDecision::Write(1)),
        (3, Some(3), SaveDecision::Write(4)),
        (3, Some(4), SaveDecision::Conflict),
        (3, None, SaveDecision::Conflict),
        (0, Some(2), SaveDecision::Conflict),
    ];
    for (base, found, expected) in cases {
        assert_eq!(
            decide_save(base, found),
            expected,
            "base {base}, found {found:?}"
        );
    }
}

/// The sample plan's file as written before seed tests and Postmaster rows
/// had ids, with two Postmaster rows.
fn without_row_ids() -> Vec<u8> {
    with(|v| {
        for seed in v["checklist"]["seeds"].as_array_mut().unwrap() {
            seed.as_object_mut().unwrap().remove("id");
        }
        v["monitoring"]["postmaster"] = json!([
            {"date": "2027-03-01", "domain": "mail.fernleafcoffee.com", "spam_rate_percent": 0.1},
            {"date": "2027-03-02", "domain": "mail.fernleafcoffee.com", "spam_rate_percent": 0.2},
        ]);
    })
}

fn assert_unique_and_filled(ids: &[&str]) {
    assert!(ids.iter().all(|id| !id.is_empty()), "{ids:?}");
    let mut sorted = ids.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "{ids:?}");
}

#[test]
fn files_without_row_ids_import_with_fresh_unique_ids() {
    let plan = import(&without_row_ids()).unwrap().plan;
    let seeds: Vec<&str> = plan.checklist.seeds.iter().map(|s| s.id.as_str()).collect();
    let rows: Vec<&str> = (plan.monitoring.postmaster.iter())
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!((seeds.len(), rows.len()), (3, 2));
    assert_unique_and_filled(&seeds);
    assert_unique_and_filled(&rows);
    // Otherwise the rows are as the file has them.
    let mut expected = sample_plan();
    for (seed, id) in expected.checklist.seeds.iter_mut().zip(&seeds) {
        seed.id = id.to_string();
    }
    assert_eq!(plan.checklist, expected.checklist);
    // The ids are written back, so the next import reads the same plan.
    assert_eq!(import(export(&plan).as_bytes()).unwrap().plan, plan);
    // A copy saved in the browser by an older version reads the same way.
    let saved = format!(
        "{{\"rev\":3,\"plan\":{}}}",
        String::from_utf8(without_row_ids()).unwrap()
    );
    assert_eq!(decode_plan(&saved).unwrap(), (plan.clone(), 3));
}

#[test]
fn edits_address_imported_rows_by_their_new_ids() {
    use switchyard::plan::edit::{Edit, PostmasterField, SeedField};
    use switchyard::plan::state::{apply, Action, PlannerState};
    let imported = import(&without_row_ids()).unwrap();
    let state = PlannerState::with_plans(vec![(Plan::empty("other"), 1)], None);
    let state = apply(
        &state,
        Action::Import {
            imported,
            fresh_id: "fresh".into(),
        },
    );
    let plan = state.plan().clone();
    assert_eq!(plan.id, "sample-fernleaf");
    let second_seed = plan.checklist.seeds[1].id.clone();
    let first_row = plan.monitoring.postmaster[0].id.clone();
    let second_row = plan.monitoring.postmaster[1].id.clone();
    let state = apply(
        &state,
        Action::Edit(Edit::Many(vec![
            Edit::Seed {
                seed: second_seed.clone(),
                set: SeedField::Gmail(Placement::Spam),
            },
            Edit::Postmaster {
                entry: second_row.clone(),
                set: PostmasterField::SpamRatePercent(0.5),
            },
            Edit::DeletePostmaster(first_row),
        ])),
    );
    let after = state.plan();
    let gmail: Vec<Placement> = after.checklist.seeds.iter().map(|s| s.gmail).collect();
    assert_eq!(gmail, [Placement::Inbox, Placement::Spam, Placement::Tab]);
    assert_eq!(after.checklist.seeds[1].id, second_seed);
    assert_eq!(after.monitoring.postmaster.len(), 1);
    let row = &after.monitoring.postmaster[0];
    assert_eq!(
        (row.id.as_str(), row.date.as_str(), row.spam_rate_percent),
        (second_row.as_str(), "2027-03-02", 0.5)
    );
}

#[test]
fn rows_that_share_an_id_each_get_their_own() {
    let bytes = with(|v| {
        for seed in v["checklist"]["seeds"].as_array_mut().unwrap() {
            seed["id"] = json!("seed-1");
        }
    });
    let plan = import(&bytes).unwrap().plan;
    let seeds: Vec<&str> = plan.checklist.seeds.iter().map(|s| s.id.as_str()).collect();
    assert_unique_and_filled(&seeds);
    assert_eq!(seeds[0], "seed-1", "the first keeps its id");
}

#[test]
fn a_plan_left_with_references_to_a_deleted_lane_opens_again() {
    // Deleting a lane leaves its rules, overrides and the default lane
    // naming it; Problems lists them, and the file must still open.
    let mut plan = sample_plan();
    plan.journeys[2].lane_override = Some("revenue-flows".into());
    plan.default_lane = Some("revenue-flows".into());
    edit_plan(&mut plan, Edit::DeleteLane("revenue-flows".into()));
    let dangling: Vec<String> = validate::integrity(&plan)
        .iter()
        .map(|d| format!("{} {}", d.code, d.path))
        .collect();
    assert!(dangling.len() >= 3, "{dangling:?}");
    assert!(dangling
        .iter()
        .all(|d| d.starts_with(validate::DANGLING_LANE)));
    let file = export(&plan);
    assert_eq!(import(file.as_bytes()).expect("it opens").plan, plan);
    assert_eq!(restore(file.as_bytes()).expect("it opens").plan, plan);
    // A duplicate id is still refused: edits would not know which is meant.
    plan.lanes[1].id = plan.lanes[0].id.clone();
    let (message, location) = refusal(export(&plan).as_bytes());
    assert!(message.contains("already used"), "{message}");
    assert_eq!(location, "$.lanes[1].id");
}

#[test]
fn labelled_passwords_and_newer_key_formats_are_removed_from_notes() {
    let cases = [
        (
            "SMTP password: hunter2secret",
            "SMTP password: [secret removed]",
        ),
        (
            "password=Sup3rS3cret! then",
            "password=[secret removed] then",
        ),
        ("api_key=abcd1234efgh5678", "api_key=[secret removed]"),
        (
            "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "AWS_SECRET_ACCESS_KEY=[secret removed]",
        ),
        (
            "id AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "id [secret removed] secret [secret removed]",
        ),
        (
            "mailgun 0123456789abcdef0123456789abcdef-0123abcd-4567ef01",
            "mailgun [secret removed]",
        ),
    ];
    for (notes, want) in cases {
        let bytes = with(|v| v["notes"] = json!(notes));
        let imported = import(&bytes).expect("imports without the secret");
        assert_eq!(imported.plan.notes, want, "{notes}");
    }
    // Words that only mention a password stay.
    for text in [
        "Rotate the password monthly; the token: comes from the vault.",
        "Reset password: sends a link to the customer.",
    ] {
        let bytes = with(|v| v["notes"] = json!(text));
        assert_eq!(import(&bytes).unwrap().plan.notes, text);
    }
}

#[test]
fn long_names_stay_and_random_tokens_go() {
    for name in [
        "AbandonedCheckout_Step2_2024_EU_v3",
        "BF2024-early-access-VIP-segment-A",
        "Lapsed_Customers_Spring2025_EU_Boots",
        "Promotions-EU-Spring2025-Campaigns-Lane",
        "AbandonedCheckoutStep2FinalEU2024xx",
        "WelcomeSeriesForNewSubscribersInEurope24",
        "WinbackLapsed90DaysHighValueCustomersQ4",
        "CartAbandonmentReminder2Of3MobileAppUsersV2",
        "SpringSaleEarlyBirdVIP2025LondonStoreA",
    ] {
        let bytes = with(|v| v["journeys"][0]["name"] = json!(name));
        let imported = import(&bytes).unwrap();
        assert_eq!(imported.plan.journeys[0].name, name);
        assert!(imported.removed_secrets.is_empty(), "{name}");
    }
    for token in [
        "x7Gk2PqL9mZr4TbW8nYc3VhJ6dFs1QaE",
        "ghp_x7Gk2PqL9mZr4TbW8nYc3VhJ6dFs1QaE0a",
    ] {
        let bytes = with(|v| v["notes"] = json!(format!("token {token} here")));
        assert_eq!(
            import(&bytes).unwrap().plan.notes,
            "token [secret removed] here"
        );
    }
}

#[test]
fn invisible_controls_and_surrounding_spaces_leave_one_line_values() {
    let bytes = with(|v| {
        v["brand"]["name"] = json!("  \u{202e}Fern\u{200b}leaf \u{2066}Coffee\u{2069}  ");
        v["notes"] = json!("  kept \u{202e} as written  ");
    });
    let plan = import(&bytes).unwrap().plan;
    assert_eq!(plan.brand.name, "Fernleaf Coffee");
    assert_eq!(
        plan.notes, "  kept \u{202e} as written  ",
        "free text is the user's"
    );
}

#[test]
fn line_breaks_in_one_line_values_become_spaces() {
    let cases = [
        ("Transactional\nrm -rf /", "Transactional rm -rf /"),
        ("Receipts\r\nand codes", "Receipts and codes"),
        ("Flows\u{2028}and\u{2029}more", "Flows and more"),
        ("Tab\there\u{0}", "Tab here"),
        ("\n Promotions \n", "Promotions"),
    ];
    for (name, kept) in cases {
        let bytes = with(|v| {
            v["lanes"][0]["name"] = json!(name);
            v["notes"] = json!(name);
        });
        let plan = import(&bytes).unwrap().plan;
        assert_eq!(plan.lanes[0].name, kept, "{name:?}");
        assert_eq!(plan.notes, name, "free text keeps its lines");
    }
}

#[test]
fn plans_with_thousands_of_lanes_are_refused_before_they_freeze_the_page() {
    let bytes = with(|v| {
        let lane = v["lanes"][0].clone();
        let lanes: Vec<serde_json::Value> = (0..101)
            .map(|i| {
                let mut lane = lane.clone();
                lane["id"] = json!(format!("lane-{i}"));
                lane["name"] = json!(format!("Lane {i}"));
                lane
            })
            .collect();
        v["lanes"] = json!(lanes);
    });
    let error = import(&bytes).unwrap_err();
    assert_eq!(error.location, "$.lanes");
    assert!(error.message.contains("101 lanes"), "{}", error.message);
    assert!(error.message.contains("at most 100"));
}

#[test]
fn dates_outside_the_years_plans_run_are_findings_not_calendars() {
    let bytes = with(|v| v["lanes"][2]["warmup"]["start_date"] = json!("0000-01-01"));
    let plan = import(&bytes).unwrap().plan;
    let findings = switchyard::plan::validate::validate(&plan);
    let date = findings
        .iter()
        .find(|d| d.code == "warmup.date")
        .expect("the year is a finding");
    assert!(
        date.message.contains("plans run from 2000 to 2199"),
        "{}",
        date.message
    );
}

#[test]
fn a_plan_saved_here_opens_whatever_its_lists_hold() {
    use switchyard::plan::io::restore;
    let bytes = with(|v| {
        let journey = v["journeys"][0].clone();
        let journeys: Vec<serde_json::Value> = (0..2_100)
            .map(|i| {
                let mut j = journey.clone();
                j["id"] = json!(format!("j-{i}"));
                j
            })
            .collect();
        v["journeys"] = json!(journeys);
    });
    assert!(import(&bytes).is_err(), "a file is held to the limit");
    let restored = restore(&bytes).expect("a saved plan is never lost");
    assert_eq!(restored.plan.journeys.len(), 2_100);
}

#[test]
fn lists_inside_a_plans_items_are_held_to_what_a_tab_can_check() {
    // (what the file holds, where it is refused)
    let ips: Vec<Value> = (0..300)
        .map(|i| json!(format!("203.0.{}.{}", i / 200, i % 200)))
        .collect();
    let seeds: Vec<Value> = (0..1_001)
        .map(|i| json!({"id": format!("seed-{i}"), "lane": "promotional", "date": "2027-01-04"}))
        .collect();
    let cases: [(Vec<u8>, &str); 2] = [
        (
            with(|v| v["lanes"][2]["ip_addresses"] = json!(ips)),
            "$.lanes[2].ip_addresses",
        ),
        (
            with(|v| v["checklist"]["seeds"] = json!(seeds)),
            "$.checklist.seeds",
        ),
    ];
    for (bytes, at) in cases {
        let (message, location) = refusal(&bytes);
        assert_eq!(location, at, "{message}");
        assert!(message.starts_with("A list holds "), "{message}");
    }
    // A plan's own lists keep their own limits, and a real plan opens.
    assert!(import(&with(|_| {})).is_ok());
}

#[test]
fn the_opening_sample_never_takes_a_damaged_copys_id() {
    let sample = sample_plan().id;
    // (ids of damaged copies, the id the opening sample takes)
    let cases: [(Vec<String>, String); 3] = [
        (vec![], sample.clone()),
        (vec!["plan-7".into()], sample.clone()),
        (
            vec![sample.clone(), format!("{sample}-1")],
            format!("{sample}-2"),
        ),
    ];
    for (damaged, id) in cases {
        let plan = opening_sample(&damaged);
        assert_eq!(plan.id, id, "{damaged:?}");
        assert_eq!(plan.brand, sample_plan().brand);
    }
}

/// A saved copy that cannot be read is named as the user knows the plan:
/// the picker's name the index kept for it, else the brand the copy still
/// shows, even cut short, else nothing; never its id.
#[test]
fn a_damaged_copy_is_named_as_the_user_knows_it() {
    let saved = encode_plan(&sample_plan(), 4);
    let cut = &saved[..saved.len() - 30];
    let mut untitled = sample_plan();
    untitled.brand.name = "  ".into();
    let untitled = encode_plan(&untitled, 1);
    let pretty =
        "{\n  \"rev\": 1,\n  \"plan\": {\n    \"brand\" : { \"name\" : \"Roast \\\"Q\\\"\",\n";
    // (the copy's text, the picker's name for it, the name given)
    let cases: [(&str, Option<&str>, Option<&str>); 10] = [
        ("garbage", Some("Acme (2)"), Some("Acme (2)")),
        (
            cut,
            Some("Fernleaf Coffee (3)"),
            Some("Fernleaf Coffee (3)"),
        ),
        // The index no longer names it: the brand, read from the copy.
        (cut, None, Some("Fernleaf Coffee")),
        (cut, Some(" "), Some("Fernleaf Coffee")),
        (pretty, None, Some("Roast \"Q\"")),
        (
            &untitled[..untitled.len() - 10],
            None,
            Some("Untitled plan"),
        ),
        // Whole JSON that is no plan still names its brand.
        (
            r#"{"rev": 2, "plan": {"brand": {"name": "Acme"}, "lanes": 7}}"#,
            None,
            Some("Acme"),
        ),
        // Cut before the brand, or inside its name: nothing to name it by.
        (
            r#"{"rev": 3, "plan": {"id": "broken-one", "lanes": ["#,
            None,
            None,
        ),
        (
            r#"{"rev":1,"plan":{"id":"x","brand":{"name":"Acm"#,
            None,
            None,
        ),
        ("garbage", None, None),
    ];
    for (text, picker, name) in cases {
        assert_eq!(
            damaged_name(text, picker).as_deref(),
            name,
            "{text} {picker:?}"
        );
    }
    // As a message lists it: quoted and cut short, or said to have no name.
    let copy = |name: Option<String>| DamagedCopy {
        id: "plan-7".into(),
        name,
        problem: String::new(),
    };
    assert_eq!(copy(Some("Acme".into())).label(), "“Acme”");
    assert_eq!(copy(None).label(), "A plan whose name cannot be read");
    let long = copy(Some("Acme ".repeat(40))).label();
    assert!(long.ends_with("…”") && long.chars().count() < 100, "{long}");
}

#[test]
fn a_refused_import_names_the_item_and_the_kinds_of_the_other_problems() {
    let mut plan = sample_plan();
    // One duplicate id, whose copy leaves the rest of the plan's lanes
    // standing, and a rule sent to a lane that does not exist.
    let copy = plan.lanes[1].clone();
    plan.lanes[1].id = plan.lanes[0].id.clone();
    plan.lanes.push(Lane {
        id: "another".into(),
        ..copy
    });
    let error = import(export(&plan).as_bytes()).unwrap_err();
    let text = error.to_string();
    assert!(text.contains("is already used by Lane 1"), "{text}");
    assert!(!text.contains("lanes[0]"), "{text}");
    // The other problems are the references to the lane whose id moved.
    assert!(
        text.contains("; the file also has 13 broken references"),
        "{text}"
    );
}

#[test]
fn a_checklist_entry_listed_twice_for_one_lane_is_refused_rather_than_dropped() {
    use switchyard::plan::model::{Item, ItemState, ItemStatus};
    let entry = |lane: &str, status| ItemState {
        item: Item::SmtpServers,
        lane: lane.into(),
        status: Some(status),
        owner: String::new(),
        due: String::new(),
        notes: String::new(),
    };
    let mut plan = sample_plan();
    plan.checklist.items = vec![
        entry("transactional", ItemStatus::Done),
        entry("promotional", ItemStatus::Done),
        entry("transactional", ItemStatus::NotStarted),
    ];
    let error = import(export(&plan).as_bytes()).unwrap_err();
    assert_eq!(error.location, "$.checklist.items[2]");
    let text = error.to_string();
    assert!(
        text.contains("“Create the SMTP server configuration” for Transactional is listed twice, as entries 1 and 3"),
        "{text}"
    );
    // One entry for each lane is no repeat.
    plan.checklist.items.pop();
    assert!(import(export(&plan).as_bytes()).is_ok());
}

#[test]
fn a_file_that_is_not_json_at_all_is_named_as_another_kind() {
    // (the file's text, where its first line is)
    let cases = [
        (
            "email,event,timestamp\nana@example.com,open,2027-01-01\n",
            "line 1",
        ),
        ("\n\n<?xml version=\"1.0\"?><feedback/>", "line 3"),
        ("// my plan\n{\"schema_version\": 1}", "line 1"),
    ];
    for (text, at) in cases {
        let error = import(text.as_bytes()).unwrap_err();
        assert!(
            error.message.starts_with("The file is not a plan: a plan file is JSON, which starts with “{”, and this one starts “"),
            "{text}: {error:?}"
        );
        assert_eq!(error.location, at, "{text}");
        assert!(error.hint.contains("Monitoring tab"), "{text}");
    }
    // JSON of another shape keeps its own words.
    let error = import(b"[1, 2]").unwrap_err();
    assert!(
        !error.message.starts_with("The file is not a plan"),
        "{error:?}"
    );
}
