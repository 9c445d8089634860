//! Plans as links: round trips, the file import's refusals through a link,
//! damaged and cut links, deflate bombs and the length limit.

use serde_json::{json, Value};
use switchyard::plan::io::{export, import};
use switchyard::plan::link::{crc32, fragment, link, pack, read, unpack, MAX_LINK_CHARS, PREFIX};
use switchyard::plan::model::{EngagementFilter, Plan};
use switchyard::plan::sample::sample_plan;

const BASE: &str = "https://switchyard.example/planner/";

/// The plan a link carries, or the refusal's text.
fn open(fragment: &str) -> Result<Plan, String> {
    match read(fragment) {
        None => Err("not a plan link".into()),
        Some(Ok(imported)) => Ok(imported.plan),
        Some(Err(e)) => {
            assert!(!e.hint.is_empty(), "every refusal has a hint: {e}");
            Err(e.to_string())
        }
    }
}

/// A link whose payload is `bytes`, as if some other program made it.
fn link_of_bytes(bytes: &[u8]) -> String {
    format!("#{PREFIX}1.{}", pack(bytes))
}

fn sample_json() -> Value {
    serde_json::from_str(&export(&sample_plan())).unwrap()
}

fn with(change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v = sample_json();
    change(&mut v);
    serde_json::to_vec(&v).unwrap()
}

#[test]
fn the_sample_plan_round_trips_and_its_length_is_printed() {
    let url = link(BASE, &sample_plan()).expect("the sample fits in a link");
    println!(
        "sample plan link: {} characters ({} of them the fragment); export {} bytes",
        url.chars().count(),
        url.len() - BASE.len(),
        export(&sample_plan()).len()
    );
    assert!(url.starts_with(&format!("{BASE}#plan=1.")));
    let (_, fragment) = url.split_once('#').unwrap();
    let imported = read(fragment).unwrap().expect("reads back");
    assert_eq!(imported.plan, sample_plan());
    assert!(imported.removed_secrets.is_empty());
    assert!(
        url.len() < 16_000,
        "the sample's link stays well under the limit"
    );
}

#[test]
fn a_link_holds_exactly_what_a_file_export_holds() {
    let plan = sample_plan();
    let payload = fragment(&plan);
    let data = payload.strip_prefix("plan=1.").unwrap();
    let json: Value = serde_json::from_slice(&unpack(data).unwrap()).unwrap();
    assert_eq!(
        json,
        sample_json(),
        "the same fields and values, nothing else"
    );
    let text = String::from_utf8(unpack(data).unwrap()).unwrap();
    assert!(!text.contains('\n'), "compact JSON");
}

#[test]
fn hostile_but_valid_plans_round_trip() {
    let mut cases: Vec<(&str, Plan)> = Vec::new();
    let mut text = sample_plan();
    text.notes = "<script>alert(1)</script>{{[[ \"quotes\" & ☕\nsecond line".into();
    // A right-to-left override or a control character would be dropped
    // on the way in, so the name carries only what a field keeps.
    text.brand.name = "evil <b>".into();
    cases.push(("markup and control characters", text));
    let mut shapes = sample_plan();
    shapes.journeys[0].tags = vec!["vip".into(), "é".into()];
    shapes.journeys[1].lane_override = Some("transactional".into());
    shapes.rules[0].when.min_revenue_per_recipient = Some(0.25);
    shapes.lanes[2].engagement_filter = EngagementFilter::PurchasedWithin { days: 180 };
    cases.push(("every optional shape", shapes));
    cases.push(("an empty plan", Plan::empty("plan-empty")));
    let mut long = sample_plan();
    long.notes = "#plan=1.AAAA%20?&=".repeat(200);
    cases.push(("text that looks like a link", long));
    for (name, plan) in cases {
        let url = link(BASE, &plan).unwrap_or_else(|e| panic!("{name}: {e}"));
        let back = open(url.split_once('#').unwrap().1).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back, plan, "{name}");
    }
}

#[test]
fn credentials_never_travel_in_a_link() {
    let mut plan = sample_plan();
    plan.notes = "aws AKIAIOSFODNN7EXAMPLE here".into();
    plan.lanes[0].smtp.username =
        "SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ".into();
    let payload = fragment(&plan);
    let text =
        String::from_utf8(unpack(payload.strip_prefix("plan=1.").unwrap()).unwrap()).unwrap();
    assert!(!text.contains("AKIAIOSFODNN7EXAMPLE"), "{text}");
    assert!(!text.contains("SG.abcdef"));
    assert_eq!(open(&payload).unwrap().notes, "aws [secret removed] here");
    // A link made elsewhere with a credential field is scrubbed like a file.
    let bytes = with(|v| v["lanes"][0]["smtp"]["password"] = json!("hunter2"));
    let imported = read(&link_of_bytes(&bytes)).unwrap().unwrap();
    assert_eq!(imported.removed_secrets, ["$.lanes[0].smtp.password"]);
}

#[test]
fn bad_plans_in_a_link_are_refused_like_bad_files() {
    let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
    let truncated = export(&sample_plan()).as_bytes()[..200].to_vec();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("not JSON", b"hello, world".to_vec()),
        ("truncated JSON", truncated),
        ("empty", b"  \n".to_vec()),
        ("not UTF-8", vec![0x7b, 0xff, 0xfe, 0x7d]),
        ("an array", b"[1, 2]".to_vec()),
        (
            "no version",
            with(|v| drop(v.as_object_mut().unwrap().remove("schema_version"))),
        ),
        ("newer version", with(|v| v["schema_version"] = json!(7))),
        (
            "version as text",
            with(|v| v["schema_version"] = json!("1")),
        ),
        ("deep nesting", deep.into_bytes()),
        (
            "missing field",
            with(|v| {
                drop(
                    v["lanes"][1]
                        .as_object_mut()
                        .unwrap()
                        .remove("sending_domain"),
                )
            }),
        ),
        (
            "wrong type deep inside",
            with(|v| v["lanes"][2]["smtp"]["port"] = json!("587")),
        ),
        (
            "unknown field",
            with(|v| v["journeys"][4]["colour"] = json!("red")),
        ),
        (
            "bad enum value",
            with(|v| v["journeys"][0]["intent"] = json!("spam")),
        ),
        (
            "a migration from a missing lane",
            with(|v| {
                v["migrations"] = json!([{
                    "id": "m", "name": "Move", "from_lane": "gone", "to_lane": "promotional",
                    "start_date": "2027-01-04"
                }])
            }),
        ),
        (
            "duplicate ids",
            with(|v| v["lanes"][1]["id"] = json!("transactional")),
        ),
    ];
    for (name, bytes) in cases {
        let file = import(&bytes).expect_err(name);
        let through_link = read(&link_of_bytes(&bytes)).unwrap().expect_err(name);
        assert_eq!(through_link.location, file.location, "{name}");
        assert_eq!(through_link.hint, file.hint, "{name}");
        assert_eq!(
            through_link.message,
            format!("the plan in the link: {}", file.message),
            "{name}"
        );
    }
}

#[test]
fn a_cut_link_is_refused_at_every_length() {
    let whole = fragment(&sample_plan());
    let cut_at: Vec<usize> = (PREFIX.len()..whole.len())
        .step_by(7)
        .chain([whole.len() - 1])
        .collect();
    for at in cut_at {
        let message = open(&whole[..at]).expect_err("a cut link is refused");
        assert!(
            message.contains("cut short") || message.contains("link format"),
            "cut at {at}: {message}"
        );
    }
    assert!(open(&whole[..whole.len() - 40])
        .unwrap_err()
        .contains("cut short"));
}

#[test]
fn a_changed_character_anywhere_is_refused() {
    let whole = fragment(&sample_plan());
    let data_start = whole.find('.').unwrap() + 1;
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut refused = 0u32;
    for at in data_start..whole.len() {
        let here = alphabet
            .iter()
            .position(|&c| c == whole.as_bytes()[at])
            .unwrap();
        for step in [1, 32] {
            let mut bytes = whole.clone().into_bytes();
            bytes[at] = alphabet[(here + step) % 64];
            let changed = String::from_utf8(bytes).unwrap();
            let message = open(&changed).expect_err("a changed link is refused");
            assert!(message.contains("link"), "{message}");
            refused += 1;
        }
    }
    println!("{refused} single-character changes refused");
}

/// The checksum is CRC-32/ISO-HDLC: its check value, and flate2's answer
/// for every length up to a few blocks of varied bytes.
#[test]
fn the_link_checksum_is_zlibs_crc32() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
    let bytes: Vec<u8> = (0..600u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for len in 0..bytes.len() {
        let mut expected = flate2::Crc::new();
        expected.update(&bytes[..len]);
        assert_eq!(crc32(&bytes[..len]), expected.sum(), "{len} bytes");
    }
}

/// A fragment holding `bytes` as they are, with a correct checksum.
fn with_checksum(bytes: &[u8]) -> String {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    let mut data = bytes.to_vec();
    data.extend_from_slice(&crc.sum().to_be_bytes());
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let bits: String = data.iter().map(|b| format!("{b:08b}")).collect();
    let text: String = bits
        .as_bytes()
        .chunks(6)
        .map(|six| {
            let padded = format!("{:0<6}", std::str::from_utf8(six).unwrap());
            char::from(alphabet[usize::from_str_radix(&padded, 2).unwrap()])
        })
        .collect();
    format!("plan=1.{text}")
}

/// `payload` with its last character's unused low bits set, which `pack`
/// never writes.
fn with_leftover_bits(payload: &str) -> String {
    assert_ne!(payload.len() % 4, 0, "the last character has unused bits");
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let (head, last) = payload.split_at(payload.len() - 1);
    let index = alphabet.find(last).unwrap();
    format!("{head}{}", &alphabet[index + 1..index + 2])
}

#[test]
fn damaged_links_say_what_and_where() {
    let whole = fragment(&sample_plan());
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "a stray character",
            whole.replacen('A', "%", 1),
            "“%” cannot appear",
        ),
        ("padding", format!("{whole}=="), "cannot appear"),
        ("a space", whole.replacen('A', " ", 1), "cannot appear"),
        (
            "non-ASCII",
            whole.replacen('A', "é", 1),
            "“é” cannot appear",
        ),
        (
            "no format",
            "plan=".to_string(),
            "does not say which link format",
        ),
        ("no data", "plan=1.".to_string(), "cut short"),
        (
            "a newer format",
            whole.replacen("plan=1.", "plan=2.", 1),
            "link format 2, newer",
        ),
        (
            "a format that is no number",
            "plan=x1.AAAA".into(),
            "“x1” is not a link format",
        ),
        (
            "data after the end",
            format!("{whole}{}", &pack(b"{}")[..8]),
            "damaged",
        ),
        (
            "not deflate data",
            with_checksum(b"hello, world: not deflate"),
            "does not unpack",
        ),
        (
            "leftover bits",
            format!("plan=1.{}", with_leftover_bits(&pack(b"{}"))),
            "do not decode",
        ),
    ];
    for (name, fragment, expected) in cases {
        let message = open(&fragment).expect_err(name);
        assert!(message.contains(expected), "{name}: {message}");
    }
    let stray = read(&whole.replacen('A', "%", 1)).unwrap().unwrap_err();
    assert!(
        stray.location.starts_with("character "),
        "{}",
        stray.location
    );
}

#[test]
fn fragments_that_are_not_plan_links_are_left_alone() {
    for fragment in ["", "#", "#lanes", "#plan", "#Plan=1.AAAA", "#share=1.AAAA"] {
        assert!(read(fragment).is_none(), "{fragment:?}");
    }
}

#[test]
fn a_deflate_bomb_stops_at_the_cap() {
    let bomb = vec![b' '; 6 * 1024 * 1024];
    let fragment = link_of_bytes(&bomb);
    assert!(
        fragment.len() < 32_768,
        "the bomb fits in a link: {}",
        fragment.len()
    );
    let message = open(&fragment).unwrap_err();
    assert!(message.contains("more than 5 MB"), "{message}");
    // Just under the cap unpacks, and is then refused as a file would be.
    let under = vec![b' '; 5 * 1024 * 1024];
    assert!(open(&link_of_bytes(&under)).unwrap_err().contains("empty"));
}

/// The sample with `count` more journeys under names that do not compress.
fn large_plan(count: u32) -> Plan {
    let mut plan = sample_plan();
    let mut state = 5u64;
    for i in 0..count {
        let mut journey = plan.journeys[0].clone();
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        journey.id = format!("journey-{i}");
        journey.name = format!("{state:016x}{:08x}", state >> 17);
        plan.journeys.push(journey);
    }
    plan
}

#[test]
fn a_plan_too_large_for_a_link_is_refused_with_its_length() {
    let big = large_plan(1_500);
    let Err(error) = link(BASE, &big) else {
        panic!("the large plan fits in a link")
    };
    assert!(error.chars > MAX_LINK_CHARS, "{}", error.chars);
    let message = error.to_string();
    assert!(message.contains("Export JSON"), "{message}");
    assert!(message.contains("32,768"), "{message}");
    // The limit counts the whole address, not only the fragment.
    let small = sample_plan();
    let fits = link(BASE, &small).unwrap();
    let long_base = "x".repeat(MAX_LINK_CHARS as usize - fits.len() + BASE.len() + 1);
    assert_eq!(
        link(&long_base, &small).unwrap_err().chars,
        MAX_LINK_CHARS + 1
    );
}

#[test]
fn mutated_links_never_panic() {
    let whole = fragment(&sample_plan());
    let mut state = 11u64;
    let mut next = |below: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) % below as u64) as usize
    };
    for _ in 0..2_000 {
        let mut bytes = whole.clone().into_bytes();
        for _ in 0..1 + next(4) {
            let at = next(bytes.len());
            match next(3) {
                0 => bytes[at] = next(128) as u8,
                1 => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, b"A_-.=%"[next(6)]),
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        let _ = read(&text);
    }
}

#[test]
fn a_link_made_by_another_zlib_reads_back() {
    // The seed was written with Python's zlib, not the app's deflate.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fuzz/seeds/plan_link/sample-plan"
    );
    let fragment = std::fs::read_to_string(path).unwrap();
    let plan = open(&fragment).unwrap();
    assert_eq!(plan.id, "sample-fernleaf");
    assert_eq!(plan.lanes.len(), sample_plan().lanes.len());
}
