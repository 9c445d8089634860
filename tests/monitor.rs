//! Monitoring imports: each vendor's format detected and counted from its
//! fixture, in any chunking; broken lines reported by number; duplicates
//! dropped; and lane health, mapping, fallback triggers and the weekly
//! review computed from the counts.

use switchyard::monitor::health::{health, suggest, Status};
use switchyard::monitor::import::{fingerprint, import_bytes, Seen};
use switchyard::monitor::review::{weekly_csv, weekly_markdown, weeks};
use switchyard::monitor::{Counts, KeyKind, LaneKey, Mailbox, Source, Store};
use switchyard::plan::model::*;
use switchyard::plan::sample::sample_plan;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/monitoring/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn import(name: &str) -> Source {
    import_bytes(name, &fixture(name), 1 << 20, &mut Seen::default()).unwrap()
}

fn totals(source: &Source) -> Counts {
    let mut total = Counts::default();
    source.rows.iter().for_each(|r| total.add(&r.3));
    total
}

/// (sent, delivered, hard, soft, complaints, opens, clicks, unsubscribes)
fn counted(c: &Counts) -> [u64; 8] {
    [
        c.sent,
        c.delivered,
        c.hard_bounces,
        c.soft_bounces,
        c.complaints,
        c.opens,
        c.clicks,
        c.unsubscribes,
    ]
}

/// Fingerprints are kept with the counts, so they must stay what the Wasm
/// worker has always written (std's `DefaultHasher`, SipHash-1-3 with zero
/// keys, over the size, then each part's length as a 4-byte number and its
/// bytes), natively as in Wasm, with any toolchain.
#[test]
fn file_fingerprints_stay_what_the_worker_wrote() {
    let head: Vec<u8> = (0..70_000u32).map(|i| (i % 251) as u8).collect();
    let cases: [(u64, &[u8], &[u8], &str); 4] = [
        (0, b"", b"", "0-76be999e3e25b2a0"),
        (3, b"abc", b"abc", "3-667be5914ed3eb77"),
        (
            140_000,
            &head[..65_536],
            &head[4_464..],
            "140000-c230778973f1e4cd",
        ),
        (
            u64::MAX,
            b"{\"event\":\"open\"}",
            b"\n",
            "18446744073709551615-86dc8c429a8ec1a9",
        ),
    ];
    for (size, head, tail, expected) in cases {
        assert_eq!(fingerprint(size, head, tail), expected, "{size}");
    }
}

#[test]
fn every_format_is_detected_and_counted() {
    // (file, format, records, counts, lane keys)
    type Case = (
        &'static str,
        &'static str,
        u64,
        [u64; 8],
        Vec<(KeyKind, &'static str)>,
    );
    let cases: Vec<Case> = vec![
        (
            "sendgrid.json",
            "SendGrid Event Webhook",
            16,
            [5, 4, 1, 1, 1, 1, 1, 1],
            vec![
                (KeyKind::SendgridPool, "promo"),
                (KeyKind::LaneTag, "transactional"),
            ],
        ),
        (
            "ses.ndjson",
            "Amazon SES event publishing",
            9,
            [3, 2, 1, 0, 1, 1, 1, 1],
            vec![(KeyKind::SesConfigurationSet, "brand-promotions")],
        ),
        (
            "ses-sns.ndjson",
            "Amazon SES event publishing",
            4,
            [3, 2, 1, 0, 0, 0, 0, 0],
            vec![(KeyKind::SesConfigurationSet, "brand-promotions")],
        ),
        (
            "postmark.json",
            "Postmark webhooks",
            9,
            [0, 2, 1, 1, 1, 1, 1, 1],
            vec![
                (KeyKind::PostmarkStream, "outbound"),
                (KeyKind::LaneTag, "promotional"),
            ],
        ),
        (
            "mailgun.ndjson",
            "Mailgun events",
            8,
            [1, 1, 1, 0, 1, 1, 1, 1],
            vec![(KeyKind::SendingIp, "198.51.100.9")],
        ),
        (
            "sparkpost.json",
            "SparkPost events",
            8,
            [1, 1, 1, 1, 1, 1, 1, 1],
            vec![(KeyKind::SparkpostPool, "promo-pool")],
        ),
        (
            "kumomta.ndjson",
            "KumoMTA log records",
            8,
            [3, 1, 1, 1, 1, 0, 0, 0],
            vec![(KeyKind::KumoPool, "pool-flows")],
        ),
        (
            "customerio.ndjson",
            "Customer.io reporting webhooks",
            9,
            [2, 1, 1, 0, 1, 1, 1, 1],
            vec![
                (KeyKind::CustomerioCampaign, "campaign 17"),
                (KeyKind::CustomerioCampaign, "newsletter 5"),
            ],
        ),
        (
            "daily.csv",
            "Per-day CSV",
            4,
            [21_500, 21_230, 56, 85, 14, 5_300, 670, 18],
            vec![
                (KeyKind::CsvLane, "promotional"),
                (KeyKind::CsvLane, "revenue-flows"),
                (KeyKind::CsvLane, "transactional"),
            ],
        ),
        (
            "snds.csv",
            "Microsoft SNDS",
            2,
            [17_170, 0, 0, 0, 24, 0, 0, 0],
            vec![
                (KeyKind::SendingIp, "203.0.113.10"),
                (KeyKind::SendingIp, "203.0.113.11"),
            ],
        ),
    ];
    for (file, format, records, counts, keys) in cases {
        let s = import(file);
        assert_eq!(s.format, format, "{file}");
        assert_eq!(s.records, records, "{file}: records");
        assert_eq!(counted(&totals(&s)), counts, "{file}: counts");
        let found: Vec<(KeyKind, &str)> =
            s.keys.iter().map(|k| (k.kind, k.value.as_str())).collect();
        assert_eq!(found, keys, "{file}: lane keys");
        assert_eq!(s.without_key, 0, "{file}: every event has a lane key");
    }
}

#[test]
fn details_of_the_formats_are_kept() {
    let sendgrid = totals(&import("sendgrid.json"));
    assert_eq!(
        sendgrid.machine_opens, 1,
        "Apple's machine opens are flagged"
    );
    let mailgun = totals(&import("mailgun.ndjson"));
    assert_eq!(
        mailgun.deferred, 1,
        "temporary failures are retried, not bounced"
    );
    let csv = totals(&import("daily.csv"));
    assert_eq!(csv.revenue_cents, 1_362_075);
    let snds = import("snds.csv");
    let t = totals(&snds);
    assert_eq!((t.trap_hits, t.filter), (2, 2));
    assert!(snds.rows.iter().all(|r| r.2 == Mailbox::Microsoft));
    // Mailbox providers come from the recipient or the vendor's own field.
    let sp = import("sparkpost.json");
    let providers: Vec<Mailbox> = sp.rows.iter().map(|r| r.2).collect();
    assert!(providers.contains(&Mailbox::Yahoo) && providers.contains(&Mailbox::Microsoft));
    let pm = import("postmaster-v1.json");
    assert_eq!(pm.format, "Google Postmaster Tools (v1)");
    assert_eq!(pm.postmaster.len(), 2);
    assert!((pm.postmaster[1].2 - 0.35).abs() < 1e-9);
    assert_eq!(pm.skipped, 1);
}

#[test]
fn chunking_never_changes_the_result() {
    for file in [
        "sendgrid.json",
        "ses.ndjson",
        "postmark.json",
        "sparkpost.json",
        "daily.csv",
        "broken.ndjson",
        "snds.csv",
    ] {
        let bytes = fixture(file);
        let whole = import_bytes(file, &bytes, 1 << 20, &mut Seen::default()).unwrap();
        for chunk in [1, 2, 7, 64, 1000] {
            let parts = import_bytes(file, &bytes, chunk, &mut Seen::default())
                .unwrap_or_else(|e| panic!("{file} in chunks of {chunk}: {e}"));
            assert_eq!(parts, whole, "{file} in chunks of {chunk}");
        }
    }
}

#[test]
fn broken_lines_are_skipped_and_reported_by_number() {
    let s = import("broken.ndjson");
    let lines: Vec<u32> = s.skipped_lines.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [2, 3, 4, 5], "{:?}", s.skipped_lines);
    assert_eq!(s.skipped, 4);
    assert!(
        s.skipped_lines[2].1.contains("time"),
        "{:?}",
        s.skipped_lines[2]
    );
    assert!(
        s.skipped_lines[3].1.contains("timestamp"),
        "{:?}",
        s.skipped_lines[3]
    );
    // The good records either side still count.
    assert_eq!(counted(&totals(&s))[..2], [1, 1]);
    let csv = import("daily.csv");
    let lines: Vec<u32> = csv.skipped_lines.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [5, 6, 7], "{:?}", csv.skipped_lines);
}

#[test]
fn an_unrecognised_file_says_what_was_expected() {
    for (name, bytes) in [
        ("unknown.json", fixture("unknown.json")),
        ("notes.txt", b"hello there\nnothing here\n".to_vec()),
    ] {
        let err = import_bytes(name, &bytes, 64, &mut Seen::default()).unwrap_err();
        assert!(
            err.contains("SendGrid Event Webhook") && err.contains("per-day CSV"),
            "{err}"
        );
    }
    let err = import_bytes("empty.json", b"  \n", 64, &mut Seen::default()).unwrap_err();
    assert_eq!(err, "The file is empty.");
}

#[test]
fn hostile_input_is_skipped_not_held() {
    // A record longer than 1 MiB, then a good one.
    let mut bytes = br#"{"email":"a@gmail.com","timestamp":1803895200,"event":"processed","pool":{"name":"p"},"sg_event_id":"x0"}"#.to_vec();
    bytes.push(b'\n');
    bytes.extend_from_slice(br#"{"a":""#);
    bytes.extend(std::iter::repeat_n(b'x', 2 << 20));
    bytes.extend_from_slice(b"\"}\n");
    bytes.extend_from_slice(br#"{"email":"b@gmail.com","timestamp":1803895200,"event":"processed","pool":{"name":"p"},"sg_event_id":"x1"}"#);
    let s = import_bytes("big.ndjson", &bytes, 64 * 1024, &mut Seen::default()).unwrap();
    assert_eq!(totals(&s).sent, 2);
    assert_eq!(s.skipped_lines[0].0, 2);
    // Deep nesting and odd bytes do not panic.
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let _ = import_bytes("deep.json", deep.as_bytes(), 100, &mut Seen::default());
    let _ = import_bytes(
        "binary",
        &[0xff, 0xfe, 0x00, 0x7b, 0x22],
        1,
        &mut Seen::default(),
    );
}

#[test]
fn re_importing_does_not_double_count() {
    let mut seen = Seen::default();
    let mut store = Store::default();
    let bytes = fixture("sendgrid.json");
    store.add(import_bytes("sendgrid.json", &bytes, 4096, &mut seen).unwrap());
    store.add(import_bytes("sendgrid (1).json", &bytes, 4096, &mut seen).unwrap());
    assert_eq!(
        store.sources.len(),
        1,
        "the same content replaces its earlier import"
    );
    assert_eq!(totals(&store.sources[0]).sent, 5);
    // Another file repeating some of the same events counts them once.
    let again = import_bytes("retry.ndjson", &fixture("sendgrid.ndjson"), 4096, &mut seen).unwrap();
    assert_eq!(again.duplicates, 7);
    assert_eq!(totals(&again), Counts::default());
    // Within one file, a repeated event id counts once.
    let once = import("sendgrid.ndjson");
    assert_eq!(once.duplicates, 1);
}

fn store_of(files: &[&str]) -> Store {
    let mut seen = Seen::default();
    let mut store = Store::default();
    for f in files {
        store.add(import_bytes(f, &fixture(f), 4096, &mut seen).unwrap());
    }
    store
}

#[test]
fn keys_are_mapped_by_the_plan_and_suggested_from_it() {
    let plan = sample_plan();
    let key = |kind, value: &str| LaneKey {
        kind,
        value: value.into(),
    };
    // (key, suggested lane)
    let cases = [
        (key(KeyKind::SendingIp, "203.0.113.10"), Some("promotional")),
        (key(KeyKind::SendingIp, "192.0.2.99"), None),
        (
            key(KeyKind::SendingDomain, "mail.fernleafcoffee.com"),
            Some("promotional"),
        ),
        (
            key(KeyKind::SendingDomain, "bounce.flows.fernleafcoffee.com"),
            Some("revenue-flows"),
        ),
        (key(KeyKind::SendgridPool, "promo"), Some("promotional")),
        (
            key(KeyKind::PostmarkStream, "outbound"),
            Some("transactional"),
        ),
        (key(KeyKind::KumoPool, "pool-flows"), Some("revenue-flows")),
        (
            key(KeyKind::SesConfigurationSet, "Revenue flows EU"),
            Some("revenue-flows"),
        ),
        (
            key(KeyKind::CustomerioCampaign, "campaign 17"),
            Some("promotional"),
        ),
        (key(KeyKind::MailgunTag, "misc"), None),
    ];
    for (k, lane) in cases {
        assert_eq!(
            suggest(&plan, &k).map(|(l, _)| l),
            lane.map(str::to_string),
            "{k:?}"
        );
    }
    let store = store_of(&["daily.csv", "sendgrid.json"]);
    let h = health(&plan, &store);
    let row = |kind, value: &str| {
        h.keys
            .iter()
            .find(|r| r.key.kind == kind && r.key.value == value)
            .unwrap()
    };
    // The CSV names lanes by id; SendGrid's pool needs mapping.
    assert_eq!(
        row(KeyKind::CsvLane, "promotional").lane.as_deref(),
        Some("promotional")
    );
    let pool = row(KeyKind::SendgridPool, "promo");
    assert_eq!((pool.lane.as_deref(), pool.sent), (None, 5));
    assert_eq!(
        pool.suggestion.as_ref().map(|s| s.0.as_str()),
        Some("promotional")
    );
    let mut mapped = plan.clone();
    mapped.monitoring.mapping.push(KeyMapping {
        kind: KeyKind::SendgridPool,
        key: "promo".into(),
        lane: "promotional".into(),
    });
    let h2 = health(&mapped, &store);
    let promo = h2.lanes.iter().find(|l| l.lane == "promotional").unwrap();
    let before = h.lanes.iter().find(|l| l.lane == "promotional").unwrap();
    assert_eq!(
        promo.window.sent,
        before.window.sent + 5,
        "the pool's mail joins the lane"
    );
}

fn plan_with_flows_fallback() -> Plan {
    let mut plan = sample_plan();
    plan.simulation.fallbacks.push(FallbackPlan {
        lane: "revenue-flows".into(),
        action: FallbackAction::TightenTo30Days,
        shift_lane: None,
    });
    plan
}

/// (day of March, sent, delivered, bounces, complaints)
type Day = (u32, u64, u64, u64, u64);

/// A per-day CSV for one lane.
fn days_csv(lane: &str, days: &[Day]) -> Vec<u8> {
    let mut text = String::from("date,lane,sent,delivered,hard_bounces,complaints\n");
    for (d, sent, delivered, bounces, complaints) in days {
        text.push_str(&format!(
            "2027-03-{d:02},{lane},{sent},{delivered},{bounces},{complaints}\n"
        ));
    }
    text.into_bytes()
}

#[test]
fn a_lane_turns_to_act_and_its_fallback_fires() {
    let plan = plan_with_flows_fallback();
    // (days, status, fired on)
    type Case = (Vec<Day>, Status, Option<&'static str>);
    let cases: Vec<Case> = vec![
        (
            vec![(1, 10_000, 9_900, 50, 5), (2, 10_000, 9_900, 50, 5)],
            Status::Healthy,
            None,
        ),
        (
            vec![(1, 10_000, 9_900, 50, 5), (2, 10_000, 9_900, 50, 20)],
            Status::Watch,
            None,
        ),
        // Complaints cross 0.3% of delivered mail on day 3.
        (
            vec![
                (1, 10_000, 9_900, 50, 5),
                (2, 10_000, 9_900, 50, 5),
                (3, 10_000, 9_900, 50, 120),
            ],
            Status::Act,
            Some("2027-03-03"),
        ),
        // Bounces over 5%.
        (
            vec![(1, 10_000, 9_300, 700, 0)],
            Status::Act,
            Some("2027-03-01"),
        ),
    ];
    for (i, (days, status, fired)) in cases.into_iter().enumerate() {
        let mut store = Store::default();
        store.add(
            import_bytes(
                "days.csv",
                &days_csv("revenue-flows", &days),
                64,
                &mut Seen::default(),
            )
            .unwrap(),
        );
        let h = health(&plan, &store);
        let flows = h.lanes.iter().find(|l| l.lane == "revenue-flows").unwrap();
        assert_eq!(flows.status, status, "case {i}: {:?}", flows.reasons);
        assert_eq!(
            flows.firing.as_ref().map(|f| f.date.as_str()),
            fired,
            "case {i}"
        );
        assert_eq!(
            flows.fallback.as_deref(),
            Some("Mail only people engaged in the last 30 days")
        );
        assert_eq!(
            h.lanes
                .iter()
                .find(|l| l.lane == "promotional")
                .unwrap()
                .status,
            Status::NoData
        );
    }
}

#[test]
fn the_clean_lane_question_is_answered() {
    let plan = sample_plan();
    let mut store = Store::default();
    store.add(
        import_bytes(
            "t.csv",
            &days_csv("transactional", &[(1, 5_000, 4_990, 5, 0)]),
            64,
            &mut Seen::default(),
        )
        .unwrap(),
    );
    let h = health(&plan, &store);
    assert!(
        h.clean_lane
            .as_deref()
            .unwrap()
            .starts_with("Yes: Transactional is healthy"),
        "{:?}",
        h.clean_lane
    );
    // Its own thresholds are tighter than the reference: 0.1% complaints act.
    let mut store = Store::default();
    store.add(
        import_bytes(
            "t.csv",
            &days_csv("transactional", &[(1, 5_000, 4_990, 5, 6)]),
            64,
            &mut Seen::default(),
        )
        .unwrap(),
    );
    let h = health(&plan, &store);
    assert!(
        h.clean_lane
            .as_deref()
            .unwrap()
            .starts_with("No: Transactional: complaints 0.12%"),
        "{:?}",
        h.clean_lane
    );
}

#[test]
fn postmaster_rates_reach_the_lane_of_their_domain() {
    let mut plan = sample_plan();
    plan.monitoring.postmaster.push(PostmasterEntry {
        id: "postmaster-1".into(),
        date: "2027-03-05".into(),
        domain: "mail.fernleafcoffee.com".into(),
        spam_rate_percent: 0.32,
    });
    let h = health(&plan, &Store::default());
    let promo = h.lanes.iter().find(|l| l.lane == "promotional").unwrap();
    assert_eq!(
        promo.postmaster,
        [(
            "2027-03-05".to_string(),
            "mail.fernleafcoffee.com".to_string(),
            0.32
        )]
    );
}

#[test]
fn the_weekly_review_exports_each_lanes_weeks() {
    let plan = plan_with_flows_fallback();
    let days: Vec<Day> = (1..=14)
        .map(|d| (d, 1_000, 990, 5, if d == 10 { 40 } else { 1 }))
        .collect();
    let mut store = Store::default();
    store.add(
        import_bytes(
            "days.csv",
            &days_csv("revenue-flows", &days),
            64,
            &mut Seen::default(),
        )
        .unwrap(),
    );
    let h = health(&plan, &store);
    let rows = weeks(&h);
    // 2027-03-01 is a Monday: two full weeks and one more day.
    let flows: Vec<&str> = rows
        .iter()
        .filter(|r| r.0 == "Revenue flows")
        .map(|r| r.1.as_str())
        .collect();
    assert_eq!(flows, ["2027-03-01", "2027-03-08"]);
    let csv = weekly_csv(&rows);
    assert!(csv.starts_with("lane,week_starting,sent,"));
    assert!(
        csv.contains("Revenue flows,2027-03-08,7000,99.00,"),
        "{csv}"
    );
    let md = weekly_markdown(&plan, &h);
    assert!(md.contains("## Revenue flows"));
    assert!(md.contains("Fallback trigger fired on 2027-03-10"), "{md}");
    assert!(md.contains("Plan: Mail only people engaged in the last 30 days."));
    assert!(md.contains("Apple Mail Privacy Protection"));
}

#[test]
fn distinct_event_ids_are_never_taken_for_duplicates() {
    let bytes = switchyard::monitor::generate::sendgrid_ndjson(20_000_000, 11);
    let events = bytes.iter().filter(|b| **b == b'\n').count() as u64;
    let s = import_bytes("generated.ndjson", &bytes, 4 << 20, &mut Seen::default()).unwrap();
    assert_eq!(
        (s.records, s.duplicates, s.skipped, s.without_key),
        (events, 0, 0, 0)
    );
    assert_eq!(s.keys.len(), 4, "one key per pool");
}

#[test]
fn the_worker_protocol_survives_a_round_trip() {
    use switchyard::monitor::protocol::{FromWorker, Progress, ReportLine, ToWorker};
    let store = store_of(&["daily.csv", "sendgrid.json"]);
    let to_worker = [
        ToWorker::Load {
            plan_id: "sample-fernleaf".into(),
        },
        ToWorker::Import { id: 7 },
        ToWorker::Forget {
            fingerprint: store.sources[1].fingerprint.clone(),
        },
    ];
    for message in to_worker {
        assert_eq!(ToWorker::from_json(&message.to_json()), Ok(message));
    }
    let from_worker = [
        FromWorker::Ready,
        FromWorker::Progress(Progress {
            id: 7,
            done: 4_194_304.0,
            total: 104_857_600.0,
            file: "big.ndjson".into(),
        }),
        FromWorker::Imported {
            id: 7,
            plan_id: "sample-fernleaf".into(),
            sources: store.sources.clone(),
            report: store.sources.iter().map(ReportLine::imported).collect(),
            memory_bytes: 123_731_968,
        },
        FromWorker::Failed {
            id: Some(8),
            why: "this browser cannot read files in a worker".into(),
        },
        FromWorker::Failed {
            id: None,
            why: "it could not read a message".into(),
        },
    ];
    for message in from_worker {
        assert_eq!(FromWorker::from_json(&message.to_json()), Ok(message));
    }
    // The benchmark reads the import's answer by these names.
    let imported = FromWorker::Imported {
        id: 1,
        plan_id: "p".into(),
        sources: Vec::new(),
        report: Vec::new(),
        memory_bytes: 5,
    };
    assert_eq!(
        imported.to_json(),
        r#"{"imported":{"id":1,"plan_id":"p","sources":[],"report":[],"memory_bytes":5}}"#
    );
    assert!(ToWorker::from_json("[\"import\", 1]").is_err());
    assert!(FromWorker::from_json("").is_err());
}

#[test]
fn an_imports_report_says_what_each_file_held() {
    use switchyard::monitor::protocol::ReportLine;
    let line = ReportLine::imported(&import("sendgrid.json"));
    assert_eq!(
        (line.error, line.text.as_str()),
        (
            false,
            "✓ sendgrid.json: SendGrid Event Webhook, 16 records."
        )
    );
    let broken = ReportLine::imported(&import("broken.ndjson"));
    assert!(broken
        .text
        .starts_with("✓ broken.ndjson: SendGrid Event Webhook, 4 records, 4 lines skipped"));
    let why = import_bytes(
        "unknown.json",
        &fixture("unknown.json"),
        1 << 20,
        &mut Seen::default(),
    )
    .unwrap_err();
    let failed = ReportLine::failed("unknown.json", &why);
    assert!(failed.error);
    assert!(failed
        .text
        .starts_with("✗ unknown.json: unknown.json is not a format Switchyard reads."));
}

#[test]
fn bytes_that_are_not_utf8_are_replaced_and_the_record_still_counts() {
    // A Latin-1 “é” in a field the reader skips, and in one it keeps.
    let mut bytes = Vec::new();
    bytes.extend_from_slice(
        br#"{"email":"a@gmail.com","timestamp":1803895200,"event":"processed","subject":"Caf"#,
    );
    bytes.push(0xe9);
    bytes.extend_from_slice(b"\",\"pool\":{\"name\":\"p\"},\"sg_event_id\":\"l1\"}\n");
    bytes.extend_from_slice(
        br#"{"email":"b@gmail.com","timestamp":1803895200,"event":"processed","pool":{"name":"p"#,
    );
    bytes.push(0xe9);
    bytes.extend_from_slice(b"\"},\"sg_event_id\":\"l2\"}\n");
    for chunk in [7, 64, 4096] {
        let s = import_bytes("latin1.ndjson", &bytes, chunk, &mut Seen::default()).unwrap();
        assert_eq!(totals(&s).sent, 2, "chunk {chunk}");
        assert!(s.skipped_lines.is_empty(), "{:?}", s.skipped_lines);
    }
}

#[test]
fn counts_at_the_edge_of_a_u64_stop_there_instead_of_wrapping() {
    let max = u64::MAX;
    // Two rows of one day and lane are summed; a third day adds more.
    let file = days_csv(
        "transactional",
        &[(1, max, max, max, 1), (1, max, 5, 5, 1), (2, 7, 7, 0, 0)],
    );
    let source = import_bytes("big.csv", &file, 64, &mut Seen::default()).unwrap();
    let total = totals(&source);
    assert_eq!(
        [total.sent, total.delivered, total.hard_bounces],
        [max, max, max]
    );
    assert_eq!(total.complaints, 2);
    assert_eq!(total.sent_or_inferred(), max);
    let mut store = Store::default();
    store.add(source);
    let h = health(&sample_plan(), &store);
    assert!(!h.lanes.is_empty());
}
