//! Monitoring imports: each vendor's format detected and counted from its
//! fixture, in any chunking; broken lines reported by number; duplicates
//! dropped; and lane health, mapping, fallback triggers and the weekly
//! review computed from the counts.

use switchyard::monitor::health::{health, postmaster_figure, suggest, Status};
use switchyard::monitor::import::{fingerprint, import_bytes, Seen};
use switchyard::monitor::kept::add_kept;
use switchyard::monitor::protocol::ReportLine;
use switchyard::monitor::review::{weekly_csv, weekly_markdown, weeks};
use switchyard::monitor::{Counts, KeyKind, LaneKey, Mailbox, Recount, Row, Source, Store};
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

/// Why a file is refused, in the page's words.
fn refusal(name: &str, bytes: &[u8], chunk: usize) -> String {
    import_bytes(name, bytes, chunk, &mut Seen::default())
        .unwrap_err()
        .words(name)
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
            // The delivery's sending IP is named, though its send's pool
            // counts its mail.
            vec![
                (KeyKind::SendgridPool, "promo"),
                (KeyKind::SendingIp, "203.0.113.10"),
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
            vec![(KeyKind::MailgunTag, "promotional")],
        ),
        (
            "mailgun-page.json",
            "Mailgun events",
            8,
            [1, 1, 1, 0, 1, 1, 1, 1],
            vec![(KeyKind::MailgunTag, "promotional")],
        ),
        (
            "mailgun-page-paging-first.json",
            "Mailgun events",
            8,
            [1, 1, 1, 0, 1, 1, 1, 1],
            vec![(KeyKind::MailgunTag, "promotional")],
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
        "mailgun-page.json",
        "mailgun-page-paging-first.json",
        "daily.csv",
        "broken.ndjson",
        "snds.csv",
    ] {
        let bytes = fixture(file);
        let whole = import_bytes(file, &bytes, 1 << 20, &mut Seen::default()).unwrap();
        for chunk in [1, 2, 7, 64, 1000] {
            let parts = import_bytes(file, &bytes, chunk, &mut Seen::default())
                .unwrap_or_else(|e| panic!("{file} in chunks of {chunk}: {e:?}"));
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
    // The page words each reason plainly, with no parser's message.
    use switchyard::monitor::skip_reason;
    let worded: Vec<String> = (s.skipped_lines.iter())
        .map(|(line, why)| format!("Line {line}: {}", skip_reason(why)))
        .collect();
    assert_eq!(
        worded,
        [
            "Line 2: the record is not complete JSON",
            "Line 3: a line that is not a JSON record",
            "Line 4: the record has no readable time",
            "Line 5: the record has no readable time",
        ]
    );
    // The good records either side still count.
    assert_eq!(counted(&totals(&s))[..2], [1, 1]);
    let csv = import("daily.csv");
    let lines: Vec<u32> = csv.skipped_lines.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [5, 6, 7], "{:?}", csv.skipped_lines);
}

/// A parser's place counts from the record's first line, the line the
/// page names.
#[test]
fn a_skipped_lines_reason_words_the_parsers_place() {
    use switchyard::monitor::skip_reason;
    for (why, want) in [
        (
            "expected `,` at line 1 column 40",
            "the record is not valid JSON: expected `,` (column 40)",
        ),
        (
            "EOF while parsing an object at line 3 column 2",
            "the record is cut off (2 lines further, column 2)",
        ),
        (
            "the record has no readable time",
            "the record has no readable time",
        ),
        ("odd at line x column 2", "odd at line x column 2"),
        (
            "odd at line 0 column 2",
            "the record is not valid JSON: odd (column 2)",
        ),
        // A field the record lacks, which the parser notices at its end.
        (
            "missing field `timestamp` at line 1 column 87",
            "the record has no readable time",
        ),
        (
            "missing field `event` at line 1 column 87",
            "the record has no “event” field",
        ),
        (
            "the notification's Message is not an SES record: missing field `mail` at line 1 column 20",
            "the notification's Message is not an SES record: the record has no “mail” field",
        ),
        // A value of the wrong kind, at its place.
        (
            "invalid type: boolean `true`, expected a time in seconds or YYYY-MM-DD… at line 1 column 30",
            "a field holds boolean `true` where a time in seconds or YYYY-MM-DD… belongs (column 30)",
        ),
        (
            "the notification's Message is not an SES record: expected value at line 1 column 1",
            "the notification's Message is not an SES record: expected value (column 1)",
        ),
    ] {
        assert_eq!(skip_reason(why), want);
    }
}

/// Suppressed SES sends and Postmark's replies filed as bounces count
/// toward no rate.
#[test]
fn suppressed_sends_and_auto_replies_are_not_bounces() {
    let ses_bounce = |sub: &str| {
        format!(
            r#"{{"eventType": "Bounce", "mail": {{"timestamp": "2027-03-01T10:00:00.000Z", "messageId": "m-{sub}", "destination": ["a@gmail.com"], "tags": {{"lane": ["promo"]}}}}, "bounce": {{"bounceType": "Permanent", "bounceSubType": "{sub}", "bouncedRecipients": [{{"emailAddress": "a@gmail.com"}}]}}}}"#
        )
    };
    let ses_complaint = r#"{"eventType": "Complaint", "mail": {"timestamp": "2027-03-01T10:00:00.000Z", "messageId": "m-c", "destination": ["b@gmail.com"], "tags": {"lane": ["promo"]}}, "complaint": {"complaintSubType": "OnAccountSuppressionList", "complainedRecipients": [{"emailAddress": "b@gmail.com"}]}}"#;
    let postmark = |kind: &str| {
        format!(
            r#"{{"RecordType": "Bounce", "Type": "{kind}", "ID": "{kind}", "Email": "c@gmail.com", "BouncedAt": "2027-03-01T10:00:00Z", "MessageStream": "outbound"}}"#
        )
    };
    let ses_send = |id: &str, to: &str| {
        format!(
            r#"{{"eventType": "Send", "mail": {{"timestamp": "2027-03-01T10:00:00.000Z", "messageId": "m-{id}", "destination": ["{to}"], "tags": {{"lane": ["promo"]}}}}}}"#
        )
    };
    let not_spam = ses_complaint
        .replace("OnAccountSuppressionList", "x")
        .replace(
            "\"complaintSubType\"",
            "\"complaintFeedbackType\": \"not-spam\", \"complaintSubType\"",
        );
    let mailgun = |event: &str, id: &str, reason: &str| {
        format!(
            r#"{{"event-data": {{"event": "{event}", "id": "{id}", "timestamp": 1803895200.25, "envelope": {{"sending-ip": "198.51.100.9"}}, "recipient": "a@gmail.com", "tags": ["promotional"], "severity": "permanent", "reason": "{reason}"}}}}"#
        )
    };
    let cases: [(String, [u64; 8]); 7] = [
        // A recipient's report that the mail is not spam is no complaint.
        (
            [ses_send("c", "b@gmail.com"), not_spam].join("\n"),
            [1, 0, 0, 0, 0, 0, 0, 0],
        ),
        (
            [
                mailgun("accepted", "a1", ""),
                mailgun("accepted", "a2", ""),
                mailgun("failed", "f1", "suppress-bounce"),
                mailgun("failed", "f2", "bounce"),
            ]
            .join("\n"),
            // Two sends, one never tried; one hard bounce.
            [1, 0, 1, 0, 0, 0, 0, 0],
        ),
        (mailgun("failed", "f3", "suppress-unsubscribe"), [0; 8]),
        (
            [
                ses_send("General", "a@gmail.com"),
                ses_send("OnAccountSuppressionList", "a@gmail.com"),
                ses_send("c", "b@gmail.com"),
                ses_bounce("General"),
                ses_bounce("OnAccountSuppressionList"),
                ses_complaint.into(),
            ]
            .join("\n"),
            // Three sends, two of them never made; one hard bounce.
            [1, 0, 1, 0, 0, 0, 0, 0],
        ),
        (
            [
                "HardBounce",
                "AutoResponder",
                "Subscribe",
                "AddressChange",
                "Transient",
            ]
            .map(postmark)
            .join("\n"),
            [0, 0, 1, 1, 0, 0, 0, 0],
        ),
        (postmark("ChallengeVerification"), [0; 8]),
        (postmark("DnsError"), [0, 0, 0, 1, 0, 0, 0, 0]),
    ];
    for (text, want) in cases {
        let s = import_bytes("f.json", text.as_bytes(), 1 << 20, &mut Seen::default()).unwrap();
        assert!(s.skipped_lines.is_empty(), "{:?}", s.skipped_lines);
        assert_eq!(counted(&totals(&s)), want, "{text}");
    }
}

#[test]
fn an_unrecognised_file_says_what_was_expected() {
    for (name, bytes) in [
        ("unknown.json", fixture("unknown.json")),
        ("notes.txt", b"hello there\nnothing here\n".to_vec()),
    ] {
        let err = refusal(name, &bytes, 64);
        assert!(
            err.contains("SendGrid Event Webhook") && err.contains("per-day CSV"),
            "{err}"
        );
    }
    let err = refusal("empty.json", b"  \n", 64);
    assert_eq!(err, "The file is empty.");
    let err = refusal("open.json", b"[\n", 64);
    assert_eq!(
        err,
        "Nothing could be read: the file ends before its first record."
    );
    // Records no format has, and nothing after them, are not a format read.
    let odd = b"{\"ping\":1}\n{\"ping\":2}\n";
    let err = refusal("odd.json", odd, 64);
    assert!(err.contains("is not a format Switchyard reads"), "{err}");
    // A file whose only record is cut off says so.
    let cut = br#"{"event":"delivered","email":"a@gmail.com","timestamp":18038"#;
    let err = refusal("cut.json", cut, 64);
    assert_eq!(
        err,
        "Nothing could be read: at line 1, the record is cut off at the end of the file."
    );
    // Packed files say so, rather than that they are not CSV or JSON.
    let mut gzip = Vec::new();
    {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(&mut gzip, flate2::Compression::default());
        e.write_all(&fixture("sendgrid.json")).unwrap();
        e.finish().unwrap();
    }
    for (name, bytes) in [
        ("events.json.gz", gzip),
        ("events.zip", b"PK\x03\x04\x14\0\0\0".to_vec()),
    ] {
        let err = refusal(name, &bytes, 64);
        assert!(err.starts_with("The file is compressed."), "{name}: {err}");
    }
}

#[test]
fn a_complete_empty_array_holds_no_records_rather_than_being_cut_off() {
    for text in ["[]", " [ ]\n", "\u{feff}[\n]\n", "[][]"] {
        for chunk in [1, 64] {
            let err = refusal("empty.json", text.as_bytes(), chunk);
            assert!(
                err.starts_with("The file holds no records"),
                "{text:?}: {err}"
            );
        }
    }
    // An array left open is still cut off.
    let err = refusal("open.json", b"[ ]\n[", 1);
    assert!(err.contains("ends before its first record"), "{err}");
}

/// A Mailgun Events API item: an event of `tag` on day `day` (0 or 1).
fn mailgun_item(event: &str, id: &str, tag: &str, day: u32) -> String {
    let time = 1_803_895_200 + day * 86_400;
    format!(
        r#"{{"event": "{event}", "id": "{id}", "timestamp": {time}.5, "log-level": "info", "recipient": "a@gmail.com", "tags": ["{tag}"]}}"#
    )
}

/// A page of the Events API, as `GET /v3/<domain>/events` answers.
fn mailgun_page(items: &[String]) -> String {
    format!(
        r#"{{"items": [{}], "paging": {{"next": "https://api.mailgun.net/v3/mg.example/events/W3siYiI6IHRydWV9XQ==", "previous": "https://api.mailgun.net/v3/mg.example/events/W3siYiI6IGZhbHNlfV0="}}}}"#,
        items.join(", ")
    )
}

/// The same page with its `paging` first, as a client that sorts keys, or
/// writes them in another order, saves it.
fn mailgun_page_paging_first(items: &[String]) -> String {
    format!(
        r#"{{"paging": {{"previous": "https://api.mailgun.net/v3/mg.example/events/W3siYiI6IGZhbHNlfV0=", "next": "https://api.mailgun.net/v3/mg.example/events/W3siYiI6IHRydWV9XQ=="}}, "items": [{}]}}"#,
        items.join(", ")
    )
}

/// A page of either order.
type PageOf = fn(&[String]) -> String;

/// An import with its name and fingerprint left out, in chunks of `chunk`.
fn read_as(text: &str, chunk: usize) -> Source {
    let mut s = import_bytes("f.json", text.as_bytes(), chunk, &mut Seen::default()).unwrap();
    (s.name, s.fingerprint) = (String::new(), String::new());
    s
}

#[test]
fn a_mailgun_events_page_reads_as_its_items_in_an_array() {
    let items: Vec<String> = [
        ("accepted", "promotional", 0),
        ("delivered", "promotional", 0),
        ("failed", "transactional", 0),
        ("opened", "promotional", 1),
        ("clicked", "transactional", 1),
    ]
    .iter()
    .enumerate()
    .map(|(n, (event, tag, day))| mailgun_item(event, &format!("e{n}"), tag, *day))
    .collect();
    let (a, b) = items.split_at(3);
    let bare = format!("[{}]", items.join(",\n"));
    // An item whose line breaks where a page's writer might break it.
    let odd = a[1].replacen(", ", ",\n  ", 2);
    let want = read_as(&bare, 1 << 20);
    assert_eq!(want.format, "Mailgun events");
    assert_eq!((want.records, want.rows.len(), want.keys.len()), (5, 4, 2));
    let orders: [(&str, PageOf); 2] = [
        ("items first", mailgun_page),
        ("paging first", mailgun_page_paging_first),
    ];
    for (order, page) in orders {
        let cases: [(&str, String); 9] = [
            ("one page on one line", page(&items)),
            ("the same, in an array", format!("[{}]\n", page(&items))),
            (
                "pages one per line",
                format!("{}\n{}\n", page(a), page(b)),
            ),
            (
                "pages one per line, the last one empty, as the API's last is",
                format!("{}\n{}\n{}", page(a), page(b), page(&[])),
            ),
            ("an array of pages", format!("[{}, {}]", page(a), page(b))),
            (
                "an array of pages, one per line",
                format!("[\n{},\n{}\n]\n", page(a), page(b)),
            ),
            (
                "a page split oddly across lines, then one on a line",
                format!(
                    "{{\"items\"\n  :\n [ {},\n{} ,{}\n],\n \"paging\": {{\"next\": \"]\"}}\n}}\n{}\n",
                    a[0],
                    odd,
                    a[2],
                    page(b)
                ),
            ),
            (
                "a page with its paging first split oddly across lines, then one on a line",
                format!(
                    "{{ \"paging\" :\n {{\"next\": \"}}]\\\" \\\\\", \"x\": [{{}}, \"[\"]}}\n ,\n\"items\"\n  :\n [ {},\n{} ,{}\n]\n}}\n{}\n",
                    a[0],
                    odd,
                    a[2],
                    page(b)
                ),
            ),
            ("pages one after another", format!("{} {}", page(a), page(b))),
        ];
        for (what, text) in cases {
            for chunk in [1, 7, 64, 1 << 20] {
                assert_eq!(
                    read_as(&text, chunk),
                    want,
                    "{order}: {what}, in chunks of {chunk}"
                );
            }
        }
    }
    // A saved page, either way round, reads as the webhooks of the same
    // events.
    let hooks = import("mailgun.ndjson");
    for file in ["mailgun-page.json", "mailgun-page-paging-first.json"] {
        let page = import(file);
        assert_eq!(
            (page.records, &page.keys, &page.rows),
            (hooks.records, &hooks.keys, &hooks.rows),
            "{file}"
        );
    }
}

#[test]
fn only_paging_then_items_makes_a_page_of_a_record_that_starts_with_paging() {
    let good = mailgun_item("delivered", "g1", "promotional", 0);
    // Records that start like a page but are not one are read as records:
    // no format has them, so the file is refused as one of no format.
    for text in [
        r#"{"paging": {"next": "x"}}"#.to_string(),
        format!(r#"{{"paging": {{"next": "x"}} "items": [{good}]}}"#),
        format!(r#"{{"paging": "x", "items": [{good}]}}"#),
        format!(r#"{{"paging": {{"next": "x"}}, "other": 1, "items": [{good}]}}"#),
        format!(r#"{{"paging": {{"next": "x"}}, "items": {good}}}"#),
    ] {
        for chunk in [1, 64] {
            let err = refusal("page.json", text.as_bytes(), chunk);
            assert!(
                err.contains("is not a format Switchyard reads"),
                "{text}: {err}"
            );
        }
    }
    // White space anywhere between the tokens, and a paging of any depth.
    let text =
        format!("\n{{\t\"paging\"\r\n:{{\"a\":{{\"b\":[[\"}}\"]]}}}}\n,\"items\":[{good}]}}\n");
    assert_eq!(read_as(&text, 3).records, 1);
}

#[test]
fn a_pages_items_are_skipped_and_reported_as_an_arrays_would_be() {
    let good = mailgun_item("delivered", "g1", "promotional", 0);
    let ping = r#"{"ping": 1}"#.to_string();
    let no_time = good.replace("\"timestamp\": 1803895200.5, ", "");
    // (what, items on lines 2, 3, …); the page and the array open on
    // line 1, so each item is on the same line in both.
    let cases: [(&str, Vec<String>); 4] = [
        ("foreign items", vec![ping.clone(), ping.clone()]),
        (
            "a foreign item before events",
            vec![ping.clone(), good.clone()],
        ),
        ("an event without a time", vec![good.clone(), no_time]),
        (
            "a value that is not a record",
            vec![good.clone(), "7".into()],
        ),
    ];
    for (what, items) in cases {
        let lines = items.join(",\n");
        let bare = format!("[\n{lines}\n]\n");
        let pages = [
            format!("{{\"items\": [\n{lines}\n], \"paging\": {{}}}}\n"),
            format!("{{\"paging\": {{}}, \"items\": [\n{lines}\n]}}\n"),
        ];
        for (page, chunk) in pages.iter().flat_map(|p| [(p, 1), (p, 64)]) {
            let want = import_bytes("f.json", bare.as_bytes(), chunk, &mut Seen::default());
            let got = import_bytes("f.json", page.as_bytes(), chunk, &mut Seen::default());
            match (got, want) {
                (Ok(mut got), Ok(mut want)) => {
                    got.fingerprint.clear();
                    want.fingerprint.clear();
                    assert!(!want.skipped_lines.is_empty(), "{what}");
                    assert_eq!(got, want, "{what}, in chunks of {chunk}");
                }
                (Err(got), Err(want)) => {
                    assert_eq!(got.words("f.json"), want.words("f.json"), "{what}");
                    assert!(got
                        .words("f.json")
                        .contains("is not a format Switchyard reads"));
                }
                (got, want) => panic!("{what}: {got:?} against {want:?}"),
            }
        }
    }
    // A page on one line whose last item is cut off names its line.
    for (page, cut) in [
        (
            mailgun_page as PageOf,
            r#"{"items": [{"event": "delivered", "note": "}"#,
        ),
        (
            mailgun_page_paging_first,
            r#"{"paging": {"next": "}"}, "items": [{"event": "delivered", "note": "}"#,
        ),
    ] {
        let text = format!("{}\n{cut}\n", page(std::slice::from_ref(&good)));
        let s = read_as(&text, 7);
        assert_eq!(s.records, 1, "{cut}");
        assert_eq!(
            s.skipped_lines,
            [(2, "the record is not complete JSON".to_string())],
            "{cut}"
        );
    }
}

#[test]
fn an_empty_mailgun_page_holds_no_records() {
    let empty = [
        mailgun_page(&[]),
        "{\n  \"items\": [\n  ],\n  \"paging\": {}\n}\n".into(),
        format!("[{}]", mailgun_page(&[])),
        format!("{}\n{}\n", mailgun_page(&[]), mailgun_page(&[])),
        mailgun_page_paging_first(&[]),
        "{\n  \"paging\": {\n    \"next\": \"]\"\n  },\n  \"items\": [\n  ]\n}\n".into(),
        format!("[{}]", mailgun_page_paging_first(&[])),
        format!(
            "{}\n{}\n",
            mailgun_page_paging_first(&[]),
            mailgun_page(&[])
        ),
    ];
    for text in empty {
        for chunk in [1, 64] {
            assert_eq!(
                refusal("page.json", text.as_bytes(), chunk),
                refusal("page.json", b"[]", chunk),
                "{text}"
            );
        }
    }
    for page in [mailgun_page(&[]), mailgun_page_paging_first(&[])] {
        assert!(refusal("page.json", page.as_bytes(), 64).contains("empty page"));
    }
}

#[test]
fn dates_read_from_numbers_are_the_days_their_iso_dates_are() {
    use switchyard::monitor::{day_of_iso, day_of_ymd};
    // (year, month, day): the same day as its ISO date, or none.
    let cases: [(u64, u64, u64); 9] = [
        (2027, 3, 25),
        (2000, 1, 1),
        (2199, 12, 31),
        (2024, 2, 29),
        (2027, 2, 29),
        (1999, 12, 31),
        (2200, 1, 1),
        (2027, 13, 1),
        (2027, 0, 1),
    ];
    for (y, m, d) in cases {
        let iso = day_of_iso(&format!("{y:04}-{m:02}-{d:02}"));
        assert_eq!(day_of_ymd(y, m, d), iso, "{y}-{m}-{d}");
    }
    assert!(day_of_ymd(2027, 3, 25).is_some());
    assert_eq!(day_of_ymd(u64::MAX, 3, 25), None);
    assert_eq!(day_of_ymd(2027, u64::MAX, u64::MAX), None);
    // Postmaster Tools v2 dates come as numbers.
    let v2 = r#"{"domainStats": [
        {"name": "domains/brand.example/domainStats/x", "metric": "SPAM_RATE", "date": {"year": 2027, "month": 3, "day": 25}, "value": {"doubleValue": 0.002}},
        {"name": "domains/brand.example/domainStats/y", "metric": "SPAM_RATE", "date": {"year": 2027, "month": 2, "day": 30}, "value": {"doubleValue": 0.002}}
    ]}"#;
    let s = import_bytes("v2.json", v2.as_bytes(), 64, &mut Seen::default()).unwrap();
    assert_eq!(s.format, "Google Postmaster Tools (v2)");
    assert_eq!(s.postmaster.len(), 1);
    assert_eq!(Some(s.postmaster[0].0), day_of_iso("2027-03-25"));
    assert_eq!(s.skipped, 1);
    // SNDS dates are month first, with or without leading zeros.
    let row = |date: &str| {
        format!("203.0.113.10,{date} 12:00 AM,{date} 11:59 PM,60,60,60,GREEN,< 0.1%,,,0,mta1,b@x\n")
    };
    for (date, day) in [
        ("3/1/2027", day_of_iso("2027-03-01")),
        ("03/01/2027", day_of_iso("2027-03-01")),
        ("12/31/2027", day_of_iso("2027-12-31")),
    ] {
        let s = import_bytes("snds.csv", row(date).as_bytes(), 64, &mut Seen::default()).unwrap();
        assert_eq!(s.rows.first().map(|r| r.0), day, "{date}");
    }
    for date in ["13/1/2027", "3/+1/2027", "3/1/27", "3/1"] {
        let s = import_bytes("snds.csv", row(date).as_bytes(), 64, &mut Seen::default());
        assert!(s.is_err() || s.unwrap().rows.is_empty(), "{date}");
    }
}

#[test]
fn a_utf16_file_is_named_as_such_with_the_way_out() {
    use switchyard::monitor::refused::Refused;
    let csv = "date,lane,sent\n2027-03-01,promo,100\n";
    let json = String::from_utf8(fixture("sendgrid.ndjson")).unwrap();
    let utf16 = |text: &str, bom: bool, big: bool| {
        let mut bytes = Vec::new();
        for unit in bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16()) {
            let pair = if big {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        bytes
    };
    for text in [csv, json.as_str()] {
        for (bom, big) in [(true, false), (true, true), (false, false), (false, true)] {
            for chunk in [1, 3, 4096] {
                let bytes = utf16(text, bom, big);
                let why = import_bytes("export.csv", &bytes, chunk, &mut Seen::default());
                assert_eq!(why, Err(Refused::Utf16), "{bom} {big} {chunk}");
            }
        }
    }
    let line = ReportLine::failed("export.csv", &Refused::Utf16);
    assert!(line.error);
    assert!(
        line.text
            .starts_with("✗ export.csv: The file is UTF-16 text")
            && line.text.contains("Save it as UTF-8"),
        "{}",
        line.text
    );
    // The worker sends the kind; the page words it.
    let sent = ReportLine::refused("export.csv", Refused::Utf16);
    assert_eq!(sent.text, "export.csv");
    assert_eq!(sent.worded(&[]), line);
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
    // Forgetting the first file after a reload, when the worker no longer
    // holds the files, names the later one that dropped its events as
    // duplicates, to import again; a file of another format shares no
    // events with it.
    use switchyard::monitor::protocol::ReportLine;
    store.add(again);
    store.add(import_bytes("ses.ndjson", &fixture("ses.ndjson"), 4096, &mut seen).unwrap());
    store.sources[2].duplicates = 3;
    let first = store.sources[0].fingerprint.clone();
    let line = ReportLine::forgot(&store, &first, &[]).unwrap();
    assert_eq!(line.text, "Forgot sendgrid (1).json: its counts left this browser. retry.ndjson dropped duplicates that may be its events; without it, they count nowhere until that file is imported again.");
    let last = store.sources[2].fingerprint.clone();
    let line = ReportLine::forgot(&store, &last, &[]).unwrap();
    assert_eq!(
        line.text,
        "Forgot ses.ndjson: its counts left this browser."
    );
    assert!(ReportLine::forgot(&store, "none", &[]).is_none());
    // While the worker holds both, it counts the later file's duplicates
    // again, so nothing needs saying.
    let held = [first.clone(), store.sources[1].fingerprint.clone()];
    let line = ReportLine::forgot(&store, &first, &held).unwrap();
    assert_eq!(
        line.text,
        "Forgot sendgrid (1).json: its counts left this browser."
    );
}

#[test]
fn forgetting_a_file_names_every_file_that_may_have_dropped_its_events() {
    let file = |name: &str, format: &str, duplicates: u64| Source {
        name: name.into(),
        fingerprint: name.into(),
        format: format.into(),
        records: 1,
        skipped: 0,
        duplicates,
        keys: Vec::new(),
        rows: Vec::new(),
        postmaster: Vec::new(),
        skipped_lines: Vec::new(),
        without_key: 0,
    };
    // a.json was imported again after b.json, which had dropped its events
    // as duplicates, so b.json now comes before it in the list.
    let store = Store {
        sources: vec![
            file("b.json", "SendGrid Event Webhook", 2),
            file("a.json", "SendGrid Event Webhook", 0),
            file("c.json", "Amazon SES event publishing", 1),
            file("d.json", "SendGrid Event Webhook", 1),
        ],
    };
    // (forgotten, files the worker holds, files named)
    let cases: [(&str, &[&str], &[&str]); 8] = [
        ("a.json", &[], &["b.json", "d.json"]),
        // Imported again since the reload, a.json is held, the others not.
        ("a.json", &["a.json"], &["b.json", "d.json"]),
        // The worker counts b.json again itself.
        ("a.json", &["a.json", "b.json"], &["d.json"]),
        // Files imported since the reload dropped none of a.json's events.
        ("a.json", &["b.json", "d.json"], &[]),
        ("b.json", &[], &["d.json"]),
        ("d.json", &["a.json"], &["b.json"]),
        // Files of another format share no events with it.
        ("c.json", &[], &[]),
        ("no such file", &[], &[]),
    ];
    for (gone, held, named) in cases {
        let held: Vec<String> = held.iter().map(|h| h.to_string()).collect();
        let found: Vec<&str> = (store.dropped_maybe_from(gone, &held).iter())
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(found, named, "{gone} with {held:?} held");
    }
    let line = ReportLine::forgot(&store, "a.json", &[]).unwrap();
    assert_eq!(line.text, "Forgot a.json: its counts left this browser. b.json and d.json dropped duplicates that may be its events; without it, they count nowhere until those files are imported again.");
    let line = ReportLine::forgot(&store, "c.json", &[]).unwrap();
    assert_eq!(line.text, "Forgot c.json: its counts left this browser.");
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
        // A word guesses only among the lanes on the key's vendor: the
        // promotional lane is on Amazon SES, not SendGrid.
        (key(KeyKind::SendgridPool, "promo"), None),
        (key(KeyKind::SendgridCategory, "promo-blast"), None),
        (
            key(KeyKind::SesConfigurationSet, "promo-blast"),
            Some("promotional"),
        ),
        (key(KeyKind::PostmarkStream, "broadcast"), None),
        (
            key(KeyKind::PostmarkStream, "outbound"),
            Some("transactional"),
        ),
        (key(KeyKind::KumoPool, "pool-flows"), Some("revenue-flows")),
        (
            key(KeyKind::SesConfigurationSet, "Revenue flows EU"),
            Some("revenue-flows"),
        ),
        // A Customer.io campaign may be cart recovery as well as a promotion.
        (key(KeyKind::CustomerioCampaign, "campaign 17"), None),
        (
            key(KeyKind::CustomerioCampaign, "newsletter 4"),
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
    // A key with a delivery but no send event sent what it delivered, as
    // the lane's figures count it.
    assert_eq!(row(KeyKind::LaneTag, "transactional").sent, 1);
    // “promo” guesses at promotions, but the promotional lane sends
    // through Amazon SES, so no SendGrid pool is suggested for it.
    assert_eq!(pool.suggestion.as_ref().map(|s| s.0.as_str()), None);
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

/// A store holding one per-day CSV of `lane`'s days.
fn store_of_days(lane: &str, days: &[Day]) -> Store {
    let mut store = Store::default();
    store.add(import_bytes("days.csv", &days_csv(lane, days), 64, &mut Seen::default()).unwrap());
    store
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
        let store = store_of_days("revenue-flows", &days);
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
    // Postmaster Tools alone judges the lane.
    assert_eq!(promo.status, Status::Act);
    assert_eq!(
        promo.reasons,
        ["Postmaster Tools spam rate 0.32% for mail.fernleafcoffee.com on 2027-03-05 reaches the 0.3% action line"]
    );
    // Of a day's figures for the lane, the highest counts, whatever the
    // domains' spelling.
    for (primary, own) in [(0.4, 0.05), (0.05, 0.4)] {
        let mut plan = sample_plan();
        for (id, domain, rate) in [
            ("p1", "fernleafcoffee.com", primary),
            ("p2", "mail.fernleafcoffee.com", own),
        ] {
            plan.monitoring.postmaster.push(PostmasterEntry {
                id: id.into(),
                date: "2027-03-05".into(),
                domain: domain.into(),
                spam_rate_percent: rate,
            });
        }
        let h = health(&plan, &Store::default());
        let promo = h.lanes.iter().find(|l| l.lane == "promotional").unwrap();
        assert_eq!(promo.status, Status::Act, "{primary} {own}");
    }
}

/// Postmaster Tools figures judge a lane over the same seven days as its
/// delivery data: a bad day beside a later good one for the primary
/// domain still counts, and a figure from long before the lane's data
/// judges nothing.
#[test]
fn postmaster_figures_judge_the_lanes_last_seven_days() {
    let figure = |domain: &str, date: &str, ratio: f64| {
        format!(
            r#"{{"name": "domains/{domain}/trafficStats/{date}", "userReportedSpamRatio": {ratio}}}"#
        )
    };
    // (figures, with the delivery data of 2027-03-01 or not, the lane's
    // status, the figure its card shows)
    let cases = [
        (
            vec![
                figure("mail.fernleafcoffee.com", "20270305", 0.0042),
                figure("fernleafcoffee.com", "20270306", 0.0004),
            ],
            false,
            Status::Act,
            Some("2027-03-05"),
        ),
        (
            vec![figure("mail.fernleafcoffee.com", "20260101", 0.005)],
            true,
            Status::Healthy,
            None,
        ),
        // Six days before the data's last day is inside the window.
        (
            vec![figure("mail.fernleafcoffee.com", "20270223", 0.005)],
            true,
            Status::Act,
            Some("2027-02-23"),
        ),
        (
            vec![figure("mail.fernleafcoffee.com", "20270222", 0.005)],
            true,
            Status::Healthy,
            None,
        ),
    ];
    for (figures, with_data, status, shown) in cases {
        let file = format!(r#"{{"trafficStats": [{}]}}"#, figures.join(","));
        let mut store = Store::default();
        store.add(import_bytes("pm.json", file.as_bytes(), 64, &mut Seen::default()).unwrap());
        if with_data {
            let rows =
                b"date,lane,mailbox_provider,sent,delivered,hard_bounces,soft_bounces,complaints\n\
                2027-03-01,promotional,gmail,12000,11900,10,10,1\n";
            store.add(import_bytes("day.csv", rows, 64, &mut Seen::default()).unwrap());
        }
        let h = health(&sample_plan(), &store);
        let promo = h.lanes.iter().find(|l| l.lane == "promotional").unwrap();
        assert_eq!(promo.status, status, "{figures:?}: {:?}", promo.reasons);
        let last = promo.days.last().map(|d| d.day);
        let judged = postmaster_figure(&promo.postmaster, last).map(|f| f.0.as_str());
        assert_eq!(judged, shown, "{figures:?}");
    }
}

#[test]
fn postmaster_figures_reach_lanes_by_every_authenticated_domain() {
    let mut plan = sample_plan();
    let flows = plan
        .lanes
        .iter_mut()
        .find(|l| l.id == "revenue-flows")
        .unwrap();
    flows.dkim_domain = "dkim.fernleafcoffee.com".into();
    let bounce = flows.return_path_domain.clone();
    // (domain, the lanes its figure is about)
    let cases: [(&str, &[&str]); 5] = [
        ("DKIM.fernleafcoffee.com.", &["revenue-flows"]),
        (&bounce, &["revenue-flows"]),
        ("mail.fernleafcoffee.com", &["promotional"]),
        (
            "fernleafcoffee.com",
            &["transactional", "revenue-flows", "promotional"],
        ),
        ("other.example", &[]),
    ];
    for (domain, lanes) in cases {
        let found: Vec<&str> = (plan.postmaster_lanes(domain).iter())
            .map(|l| l.id.as_str())
            .collect();
        assert_eq!(found, lanes, "{domain}");
    }
}

#[test]
fn imported_postmaster_figures_for_no_lane_are_named() {
    let plan = sample_plan();
    let file = r#"{"trafficStats": [
        {"name": "domains/news.other.example/trafficStats/20270301", "userReportedSpamRatio": 0.004},
        {"name": "domains/news.other.example/trafficStats/20270302", "userReportedSpamRatio": 0.004},
        {"name": "domains/mail.fernleafcoffee.com/trafficStats/20270301", "userReportedSpamRatio": 0.0005}
    ]}"#;
    let mut store = Store::default();
    store.add(import_bytes("pm.json", file.as_bytes(), 64, &mut Seen::default()).unwrap());
    let h = health(&plan, &store);
    assert_eq!(h.unmatched_postmaster, ["news.other.example"]);
    // The unmatched figures judge no lane.
    assert!(h.lanes.iter().all(|l| l.status != Status::Act));
    // A figure typed in for a domain no lane has is a warning on its field.
    let mut plan = sample_plan();
    plan.monitoring.postmaster.push(PostmasterEntry {
        id: "postmaster-1".into(),
        date: "2027-03-05".into(),
        domain: "news.other.example".into(),
        spam_rate_percent: 0.05,
    });
    let found = switchyard::plan::validate::validate(&plan);
    let warning = found
        .iter()
        .find(|d| d.code == "monitoring.postmaster_no_lane")
        .expect("a warning");
    assert_eq!(warning.path, "$.monitoring.postmaster[0].domain");
    assert!(!warning.hint.is_empty());
    assert!(health(&plan, &Store::default())
        .unmatched_postmaster
        .is_empty());
}

#[test]
fn the_weekly_review_exports_each_lanes_weeks() {
    let plan = plan_with_flows_fallback();
    let days: Vec<Day> = (1..=14)
        .map(|d| (d, 1_000, 990, 5, if d == 10 { 40 } else { 1 }))
        .collect();
    let store = store_of_days("revenue-flows", &days);
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
    // A rate rounds as the lane's card rounds it: 35 of 28,000 is 0.13%.
    let mut half = rows.clone();
    half[0].2.hard_bounce_percent = Some(35.0 / 28_000.0 * 100.0);
    let card = switchyard::monitor::health::rate_text(half[0].2.hard_bounce_percent, 2);
    assert_eq!(card, "0.13%");
    let line = weekly_csv(&half).lines().nth(1).unwrap().to_string();
    assert_eq!(line.split(',').nth(4), Some("0.13"), "{line}");
    // A lane named like a formula stays text in a spreadsheet.
    let mut named = rows.clone();
    named[0].0 = "=HYPERLINK(\"http://evil.example\",\"x\")".into();
    let csv = weekly_csv(&named);
    assert!(
        csv.contains("\n\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","),
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
            report: (store.sources.iter().map(ReportLine::imported))
                .chain(refused_lines())
                .collect(),
            memory_bytes: 123_731_968,
            recounted: vec![recount_of(&store.sources[0])],
        },
        FromWorker::Recounted {
            plan_id: "sample-fernleaf".into(),
            recounted: vec![recount_of(&store.sources[1])],
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
        recounted: Vec::new(),
    };
    assert_eq!(
        imported.to_json(),
        r#"{"imported":{"id":1,"plan_id":"p","sources":[],"report":[],"memory_bytes":5,"recounted":[]}}"#
    );
    assert!(ToWorker::from_json("[\"import\", 1]").is_err());
    assert!(FromWorker::from_json("").is_err());
}

/// A file's counts, as the worker sends them when it counts it again.
fn recount_of(source: &Source) -> Recount {
    Recount {
        fingerprint: source.fingerprint.clone(),
        keys: source.keys.clone(),
        rows: source.rows.clone(),
        without_key: source.without_key,
        duplicates: source.duplicates,
    }
}

/// A line for each kind of refusal the worker sends, as it sends them.
fn refused_lines() -> Vec<ReportLine> {
    use switchyard::monitor::refused::Refused::*;
    let kinds = [
        Empty,
        EndsEarly,
        NoRecords,
        Utf16,
        Compressed,
        Dmarc,
        NotCsvOrJson,
        Unknown,
        NotTemplate,
        Tabs,
        Bars,
        Unreadable,
        NoSpamMetric,
        Said("the per-day CSV has no sent column.".into()),
    ];
    (kinds.into_iter())
        .map(|why| ReportLine::refused("f.csv", why))
        .collect()
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
        .starts_with("✓ broken.ndjson: SendGrid Event Webhook, 2 records, 4 lines skipped"));
    let why = import_bytes(
        "unknown.json",
        &fixture("unknown.json"),
        1 << 20,
        &mut Seen::default(),
    )
    .unwrap_err();
    // Records read, but no event among them that counts.
    let other = br#"[{"email":"a@gmail.com","timestamp":1805328000,"event":"group_resubscribe","sg_event_id":"g1"},{"email":"b@gmail.com","timestamp":1805328000,"event":"group_resubscribe","sg_event_id":"g2"}]"#;
    let source = import_bytes("other.json", other, 1 << 20, &mut Seen::default()).unwrap();
    let line = ReportLine::imported(&source);
    assert!(line.error, "{}", line.text);
    assert!(
        line.text.starts_with(
            "✗ other.json: SendGrid Event Webhook, 2 records. None of its records is an event"
        ),
        "{}",
        line.text
    );
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

/// A per-day CSV imported on its own.
fn csv_import(name: &str, text: &str) -> Source {
    import_bytes(name, text.as_bytes(), 64, &mut Seen::default()).unwrap()
}

/// The mail sent on each of a lane's days, from the plan's health.
fn lane_sent(store: &Store, lane: &str) -> Vec<(String, u64)> {
    let h = health(&sample_plan(), store);
    let l = h.lanes.iter().find(|l| l.lane == lane).unwrap();
    l.days
        .iter()
        .map(|d| (d.date.clone(), d.rates.sent))
        .collect()
}

#[test]
fn per_day_rows_whose_numbers_do_not_add_up_are_skipped_with_their_line() {
    const HEADER: &str =
        "date,lane,mailbox_provider,sent,delivered,hard_bounces,soft_bounces,complaints,unsubscribes\n";
    const GOOD: &str = "2027-03-01,promotional,gmail,1000,990,5,5,1,1\n";
    // (the row after a good one, why it is skipped on line 3, or the sent
    // it counts)
    let cases: [(&str, Result<u64, &str>); 12] = [
        (
            "2027-03-02,promotional,gmail,100,500,0,0,0,0",
            Err("delivered 500 and bounced 0 add up to more than sent 100; sent counts every message, delivered or bounced, so correct the row"),
        ),
        (
            "2027-03-02,promotional,gmail,100,90,6,5,0,0",
            Err("delivered 90 and bounced 11 add up to more than sent 100; sent counts every message, delivered or bounced, so correct the row"),
        ),
        (
            "2027-03-02,promotional,gmail,\"1,000\",\"1,000\",1,0,0,0",
            Err("delivered 1,000 and bounced 1 add up to more than sent 1,000; sent counts every message, delivered or bounced, so correct the row"),
        ),
        ("2027-03-02,promotional,gmail,100,90,5,5,0,0", Ok(100)),
        (
            "2027-03-02,promotional,gmail,100,100,0,0,142,0",
            Err("142 complaints are more than the 100 delivered; complaints come only from mail people received, so correct the row"),
        ),
        ("2027-03-02,promotional,gmail,100,100,0,0,100,0", Ok(100)),
        (
            "2027-03-02,promotional,gmail,100,20,0,0,0,21",
            Err("21 unsubscribes are more than the 20 delivered; people unsubscribe only from mail they received, so correct the row"),
        ),
        (
            "2027-03-02,promotional,gmail,100,0,0,0,1,0",
            Err("1 complaint is more than the 0 delivered; complaints come only from mail people received, so correct the row"),
        ),
        // Without a delivered count, complaints are weighed against sent.
        (
            "2027-03-02,promotional,gmail,100,,0,0,101,0",
            Err("101 complaints are more than the 100 sent; complaints come only from mail people received, so correct the row"),
        ),
        ("2027-03-02,promotional,gmail,100,,0,0,3,0", Ok(100)),
        // Without a sent count, sent is what was delivered or bounced.
        ("2027-03-02,promotional,gmail,,100,2,1,0,0", Ok(103)),
        // Without either, complaints are weighed against that, and said so.
        (
            "2027-03-02,promotional,gmail,,,2,0,3,0",
            Err("3 complaints are more than the 2 delivered or bounced (sent and delivered are blank); complaints come only from mail people received, so correct the row"),
        ),
    ];
    // A file that gives no records says so, as a failure.
    let bad = csv_import("odd.csv", &format!("{HEADER}{}\n", cases[0].0));
    let line = ReportLine::imported(&bad);
    assert!(line.error);
    assert_eq!(
        line.text,
        "✗ odd.csv: Per-day CSV, nothing imported, 1 line skipped (see Imported files)."
    );
    let header_only = ReportLine::imported(&csv_import("empty.csv", HEADER));
    assert!(header_only.error);
    assert!(header_only.text.ends_with("nothing imported. The file holds no events or rows; check that it is the export you meant."), "{}", header_only.text);
    for (row, expected) in cases {
        let source = csv_import("days.csv", &format!("{HEADER}{GOOD}{row}\n"));
        let report = ReportLine::imported(&source).text;
        let mut store = Store::default();
        store.add(source.clone());
        let sent = lane_sent(&store, "promotional");
        match expected {
            Err(why) => {
                assert_eq!(source.skipped_lines, [(3, why.to_string())], "{row}");
                assert_eq!(
                    report,
                    "✓ days.csv: Per-day CSV, 1 record, 1 line skipped (see Imported files).",
                    "{row}"
                );
                assert_eq!(sent, [("2027-03-01".to_string(), 1000)], "{row}");
            }
            Ok(counted) => {
                assert_eq!(source.skipped_lines, [], "{row}");
                assert_eq!(
                    sent,
                    [
                        ("2027-03-01".to_string(), 1000),
                        ("2027-03-02".to_string(), counted)
                    ],
                    "{row}"
                );
            }
        }
        // No rate the page shows can pass 100%.
        let h = health(&sample_plan(), &store);
        for day in &h
            .lanes
            .iter()
            .find(|l| l.lane == "promotional")
            .unwrap()
            .days
        {
            let r = &day.rates;
            for rate in [
                r.delivered_percent,
                r.bounce_percent,
                r.complaint_percent,
                r.unsubscribe_percent,
            ] {
                assert!(rate.unwrap_or(0.0) <= 100.0, "{row}: {r:?}");
            }
        }
    }
}

/// SendGrid records on 2027-03-01 for the promotional lane: (event, id).
fn sendgrid_day(events: &[(&str, String)]) -> Vec<u8> {
    let mut out = String::new();
    for (event, id) in events {
        out.push_str(&format!(
            "{{\"email\":\"{id}@gmail.com\",\"timestamp\":1803862800,\"event\":\"{event}\",\"sg_event_id\":\"{event}-{id}\",\"lane\":\"promotional\"}}\n"
        ));
    }
    out.into_bytes()
}

#[test]
fn each_file_adds_its_own_sent_when_two_are_combined() {
    fn events(event: &str, n: u32) -> Vec<(&str, String)> {
        (0..n).map(|i| (event, format!("r{i}"))).collect()
    }
    let header = "date,lane,mailbox_provider,sent,delivered,hard_bounces\n";
    // (case, events, per-day CSV rows, sent that day, the event file's key's sent)
    type Case = (&'static str, Vec<u8>, &'static str, u64, u64);
    let cases: Vec<Case> = vec![
        (
            "the user's day: 20,000 deliveries without send events and 21 sent in the CSV",
            sendgrid_day(&events("delivered", 20_000)),
            "2027-03-01,promotional,gmail,21,,",
            20_021,
            20_000,
        ),
        (
            "deliveries without send events and a CSV day with fewer delivered than sent",
            sendgrid_day(&events("delivered", 3)),
            "2027-03-01,promotional,gmail,21,0,0",
            24,
            3,
        ),
        (
            "send events and deliveries, and a CSV day",
            sendgrid_day(&[events("processed", 2), events("delivered", 2)].concat()),
            "2027-03-01,promotional,gmail,21,20,1",
            23,
            2,
        ),
        (
            "deliveries and bounces without send events, alone",
            sendgrid_day(&[events("delivered", 3), events("bounce", 1)].concat()),
            "",
            4,
            4,
        ),
        (
            "send events with fewer deliveries, alone",
            sendgrid_day(&[events("processed", 5), events("delivered", 3)].concat()),
            "",
            5,
            5,
        ),
    ];
    for (case, events, rows, sent, key_sent) in cases {
        let mut seen = Seen::default();
        let mut store = Store::default();
        store.add(import_bytes("events.ndjson", &events, 4096, &mut seen).unwrap());
        if !rows.is_empty() {
            let csv = format!("{header}{rows}\n");
            store.add(import_bytes("days.csv", csv.as_bytes(), 64, &mut seen).unwrap());
        }
        assert_eq!(
            lane_sent(&store, "promotional"),
            [("2027-03-01".to_string(), sent)],
            "{case}"
        );
        let h = health(&sample_plan(), &store);
        let key = h
            .keys
            .iter()
            .find(|k| k.key.kind == KeyKind::LaneTag)
            .unwrap();
        assert_eq!(key.sent, key_sent, "{case}");
    }
}

/// A per-day CSV of the promotional lane's days, `sent` each.
fn week_csv(days: std::ops::RangeInclusive<u32>, provider: &str, sent: u64) -> Vec<u8> {
    let mut text = String::from("date,lane,mailbox_provider,sent,delivered\n");
    for d in days {
        text.push_str(&format!(
            "2027-03-{d:02},promotional,{provider},{sent},{sent}\n"
        ));
    }
    text.into_bytes()
}

#[test]
fn a_day_another_per_day_csv_gave_is_replaced_not_added() {
    struct Case {
        name: &'static str,
        /// Files imported in turn: (name, content).
        files: Vec<(&'static str, Vec<u8>)>,
        /// The report on the last file.
        report: &'static str,
        /// Sent per day of March.
        sent: Vec<(u32, u64)>,
    }
    let cases = vec![
        Case {
            name: "a re-exported week overlapping the last by three days",
            files: vec![
                ("week1.csv", week_csv(1..=7, "gmail", 1_000)),
                ("week2.csv", week_csv(5..=11, "gmail", 2_000)),
            ],
            report: "✓ week2.csv: Per-day CSV, 7 records. 3 rows already imported from week1.csv were replaced by this file's figures for the same day, lane and provider.",
            sent: (1..=11).map(|d| (d, if d < 5 { 1_000 } else { 2_000 })).collect(),
        },
        Case {
            name: "one day in common",
            files: vec![
                ("week1.csv", week_csv(1..=3, "gmail", 1_000)),
                ("week2.csv", week_csv(3..=4, "gmail", 2_000)),
            ],
            report: "✓ week2.csv: Per-day CSV, 2 records. 1 row already imported from week1.csv was replaced by this file's figures for the same day, lane and provider.",
            sent: vec![(1, 1_000), (2, 1_000), (3, 2_000), (4, 2_000)],
        },
        Case {
            name: "days from two earlier files",
            files: vec![
                ("a.csv", week_csv(1..=2, "gmail", 1_000)),
                ("b.csv", week_csv(3..=4, "gmail", 2_000)),
                ("c.csv", week_csv(2..=3, "gmail", 3_000)),
            ],
            report: "✓ c.csv: Per-day CSV, 2 records. 1 row already imported from a.csv and 1 row already imported from b.csv were replaced by this file's figures for the same day, lane and provider.",
            sent: vec![(1, 1_000), (2, 3_000), (3, 3_000), (4, 2_000)],
        },
        Case {
            name: "the same days for another provider add up",
            files: vec![
                ("gmail.csv", week_csv(1..=2, "gmail", 1_000)),
                ("yahoo.csv", week_csv(1..=2, "yahoo", 500)),
            ],
            report: "✓ yahoo.csv: Per-day CSV, 2 records.",
            sent: vec![(1, 1_500), (2, 1_500)],
        },
        Case {
            name: "the older week imported again is the newer figure",
            files: vec![
                ("week1.csv", week_csv(1..=3, "gmail", 1_000)),
                ("week2.csv", week_csv(3..=4, "gmail", 2_000)),
                ("week1.csv", week_csv(1..=3, "gmail", 1_000)),
            ],
            report: "✓ week1.csv: Per-day CSV, 3 records. week1.csv was imported before; this import replaced that one, so nothing is counted twice. 1 row already imported from week2.csv was replaced by this file's figures for the same day, lane and provider.",
            sent: vec![(1, 1_000), (2, 1_000), (3, 1_000), (4, 2_000)],
        },
    ];
    for case in cases {
        let mut seen = Seen::default();
        let mut store = Store::default();
        let mut report = String::new();
        for (name, bytes) in &case.files {
            let source = import_bytes(name, bytes, 64, &mut seen).unwrap();
            report = ReportLine::imported_after(&source, &seen).text;
            store.add(source);
        }
        assert_eq!(report, case.report, "{}", case.name);
        let sent: Vec<(String, u64)> = case
            .sent
            .iter()
            .map(|(d, s)| (format!("2027-03-{d:02}"), *s))
            .collect();
        assert_eq!(lane_sent(&store, "promotional"), sent, "{}", case.name);
    }
    // Forgetting the newer file brings back the older one's figures, and a
    // later import no longer names it.
    let mut seen = Seen::default();
    let mut store = Store::default();
    for (name, bytes) in [
        ("week1.csv", week_csv(1..=2, "gmail", 1_000)),
        ("week2.csv", week_csv(2..=3, "gmail", 2_000)),
    ] {
        store.add(import_bytes(name, &bytes, 64, &mut seen).unwrap());
    }
    let week2 = store.sources[1].fingerprint.clone();
    store.sources.retain(|s| s.fingerprint != week2);
    seen.forget(&week2);
    assert_eq!(
        lane_sent(&store, "promotional"),
        [
            ("2027-03-01".to_string(), 1_000),
            ("2027-03-02".to_string(), 1_000)
        ]
    );
    let week3 = import_bytes("week3.csv", &week_csv(2..=2, "gmail", 3_000), 64, &mut seen).unwrap();
    assert_eq!(
        ReportLine::imported_after(&week3, &seen).text,
        "✓ week3.csv: Per-day CSV, 1 record. 1 row already imported from week1.csv was replaced by this file's figures for the same day, lane and provider."
    );
}

#[test]
fn a_file_with_the_content_of_an_earlier_one_says_it_replaced_it() {
    // (first name, second name, the report on the second)
    let cases = [
        (
            "sendgrid.json",
            "sendgrid (1).json",
            "✓ sendgrid (1).json: SendGrid Event Webhook, 16 records. It has the same content as sendgrid.json, imported before, and replaced it under Imported files, so nothing is counted twice.",
        ),
        (
            "sendgrid.json",
            "sendgrid.json",
            "✓ sendgrid.json: SendGrid Event Webhook, 16 records. sendgrid.json was imported before; this import replaced that one, so nothing is counted twice.",
        ),
    ];
    let bytes = fixture("sendgrid.json");
    for (first, second, expected) in cases {
        let mut seen = Seen::default();
        let mut store = Store::default();
        let a = import_bytes(first, &bytes, 4096, &mut seen).unwrap();
        assert_eq!(
            ReportLine::imported_after(&a, &seen).text,
            "✓ sendgrid.json: SendGrid Event Webhook, 16 records."
        );
        store.add(a);
        let b = import_bytes(second, &bytes, 4096, &mut seen).unwrap();
        assert_eq!(ReportLine::imported_after(&b, &seen).text, expected);
        store.add(b);
        // Files are known by their content: the second import replaced the
        // first, under its own name, and nothing counts twice.
        let names: Vec<&str> = store.sources.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, [second], "{second}");
        assert_eq!(totals(&store.sources[0]).sent, 5);
        assert_eq!(store.sources[0].duplicates, 0);
    }
}

#[test]
fn a_count_below_zero_is_called_negative() {
    // (column, cell, why line 2 is skipped)
    let cases = [
        (
            "sent",
            "-100",
            "sent “-100” is negative; counts are whole numbers from 0",
        ),
        (
            "sent",
            "\"-1,000\"",
            "sent “-1,000” is negative; counts are whole numbers from 0",
        ),
        (
            "complaints",
            "−5",
            "complaints “−5” is negative; counts are whole numbers from 0",
        ),
        (
            "delivered",
            "-0.5",
            "delivered “-0.5” is negative; counts are whole numbers from 0",
        ),
        ("sent", "twelve", "sent “twelve” is not a whole number"),
        ("sent", "12.5", "sent “12.5” is not a whole number"),
        (
            "revenue",
            "-3.50",
            "revenue “-3.50” is negative; revenue is an amount from 0",
        ),
        ("revenue", "lots", "revenue “lots” is not an amount"),
    ];
    for (column, cell, why) in cases {
        let text = format!("date,lane,{column}\n2027-03-01,promotional,{cell}\n");
        let text = if column == "sent" {
            text
        } else {
            text.replace(",lane,", ",lane,sent,")
                .replace(",promotional,", ",promotional,100,")
        };
        let source = csv_import("days.csv", &text);
        assert_eq!(source.skipped_lines, [(2, why.to_string())], "{cell}");
        assert_eq!(source.records, 0, "{cell}");
    }
}

#[test]
fn a_semicolon_separated_csv_is_read_as_the_comma_separated_one() {
    let comma = "date,lane,mailbox_provider,sent,delivered,hard_bounces,soft_bounces,complaints,opens,clicks,unsubscribes,revenue\n\
        2027-03-01,promotional,gmail,12000,11800,40,60,9,2400,310,14,5230.50\n\
        2027-03-01,revenue-flows,yahoo,\"2,500\",2490,2,3,0,900,210,1,\"7,410.25\"\n\
        2027-03-02,promotional,gmail,-100,0,0,0,0,0,0,0,0\n";
    let expected = csv_import("comma.csv", comma);
    assert_eq!((expected.records, expected.skipped), (2, 1));
    // (case, file)
    let cases = [
        (
            "European Excel: semicolons and decimal commas",
            "date;lane;mailbox_provider;sent;delivered;hard_bounces;soft_bounces;complaints;opens;clicks;unsubscribes;revenue\n\
            2027-03-01;promotional;gmail;12000;11800;40;60;9;2400;310;14;5230,50\n\
            2027-03-01;revenue-flows;yahoo;2500;2490;2;3;0;900;210;1;7410,25\n\
            2027-03-02;promotional;gmail;-100;0;0;0;0;0;0;0;0\n",
        ),
        (
            "with a byte-order mark, CRLF and thousands grouped",
            "\u{feff}Date;Lane;Mailbox_provider;Sent;Delivered;Hard_bounces;Soft_bounces;Complaints;Opens;Clicks;Unsubscribes;Revenue\r\n\
            2027-03-01;promotional;gmail;12.000;11.800;40;60;9;2.400;310;14;5.230,50\r\n\
            2027-03-01;revenue-flows;yahoo;2 500;2\u{a0}490;2;3;0;900;210;1;\"7.410,25\"\r\n\
            2027-03-02;promotional;gmail;-100;0;0;0;0;0;0;0;0\r\n",
        ),
        (
            "semicolons with decimal points",
            "date;lane;mailbox_provider;sent;delivered;hard_bounces;soft_bounces;complaints;opens;clicks;unsubscribes;revenue\n\
            2027-03-01;promotional;gmail;12000;11800;40;60;9;2400;310;14;5230.50\n\
            2027-03-01;revenue-flows;yahoo;2500;2490;2;3;0;900;210;1;7410.25\n\
            2027-03-02;promotional;gmail;-100;0;0;0;0;0;0;0;0\n",
        ),
    ];
    for (case, text) in cases {
        for chunk in [1, 7, 4096] {
            let source = import_bytes(
                "semicolons.csv",
                text.as_bytes(),
                chunk,
                &mut Seen::default(),
            )
            .unwrap_or_else(|e| panic!("{case}: {e:?}"));
            assert_eq!(source.format, "Per-day CSV", "{case}");
            assert_eq!(source.rows, expected.rows, "{case}");
            assert_eq!(source.keys, expected.keys, "{case}");
            assert_eq!(
                source.skipped_lines,
                [(
                    4,
                    "sent “-100” is negative; counts are whole numbers from 0".to_string()
                )],
                "{case}"
            );
        }
    }
    assert_eq!(totals(&expected).revenue_cents, 1_264_075);
    // A header between other separators is not guessed at: the error says
    // how to save the file.
    let cases = [
        ("tabs", "date\tlane\tsent\n2027-03-01\tpromotional\t100\n"),
        (
            "vertical bars",
            "date|lane|sent\n2027-03-01|promotional|100\n",
        ),
    ];
    for (what, text) in cases {
        let err = refusal("days.txt", text.as_bytes(), 64);
        assert_eq!(
            err,
            format!("The first line is the per-day CSV's header with its columns separated by {what}. Save the file as comma-separated CSV (in Excel, “CSV UTF-8 (Comma delimited)”) and import it again.")
        );
    }
}

#[test]
fn monitoring_text_counts_one_and_many() {
    let source = |records, skipped, duplicates| Source {
        records,
        skipped,
        duplicates,
        ..csv_import("days.csv", "date,lane,sent\n")
    };
    // (records, skipped lines, duplicates, report)
    let cases = [
        (1, 1, 1, "✓ days.csv: Per-day CSV, 1 record, 1 line skipped (see Imported files), 1 duplicate dropped."),
        (2, 2, 2, "✓ days.csv: Per-day CSV, 2 records, 2 lines skipped (see Imported files), 2 duplicates dropped."),
        (1_500, 0, 1_000, "✓ days.csv: Per-day CSV, 1,500 records, 1,000 duplicates dropped."),
    ];
    for (records, skipped, duplicates, report) in cases {
        assert_eq!(
            ReportLine::imported(&source(records, skipped, duplicates)).text,
            report
        );
    }
    // Microsoft SNDS spam-trap hits on a lane's IP.
    let mut plan = sample_plan();
    plan.monitoring.mapping.push(KeyMapping {
        kind: KeyKind::SendingIp,
        key: "203.0.113.10".into(),
        lane: "promotional".into(),
    });
    for (hits, reason) in [
        (1, "1 spam-trap hit in Microsoft SNDS"),
        (2, "2 spam-trap hits in Microsoft SNDS"),
    ] {
        let row = format!("203.0.113.10,2/28/2027 10:00 AM,3/1/2027 9:00 AM,9200,9190,9180,GREEN,< 0.1%,,,{hits},mta1,bounce@x\n");
        let mut store = Store::default();
        store.add(csv_import("snds.csv", &row));
        let h = health(&plan, &store);
        let promo = h.lanes.iter().find(|l| l.lane == "promotional").unwrap();
        assert_eq!(promo.reasons, [reason]);
    }
}
#[test]
fn skipped_lines_are_numbered_as_editors_number_them() {
    // (case, file, the line of the row whose sent is “x”)
    let cases = [
        ("LF", "date,lane,sent\n2027-03-01,p,1\n2027-03-01,p,x\n", 3),
        (
            "CRLF",
            "date,lane,sent\r\n2027-03-01,p,1\r\n2027-03-01,p,x\r\n",
            3,
        ),
        (
            "a byte-order mark and CRLF",
            "\u{feff}date,lane,sent\r\n2027-03-01,p,1\r\n2027-03-01,p,x\r\n",
            3,
        ),
        (
            "semicolons and CRLF",
            "date;lane;sent\r\n2027-03-01;p;1\r\n2027-03-01;p;x\r\n",
            3,
        ),
        (
            "blank lines",
            "\r\n\r\ndate,lane,sent\r\n\r\n2027-03-01,p,1\r\n2027-03-01,p,x\r\n",
            6,
        ),
        (
            "a quoted field over two lines",
            "date,lane,note,sent\r\n2027-03-01,p,\"a\r\nb\",1\r\n2027-03-01,p,,x\r\n",
            4,
        ),
    ];
    for (case, text, line) in cases {
        for chunk in [1, 4096] {
            let s = import_bytes("days.csv", text.as_bytes(), chunk, &mut Seen::default()).unwrap();
            assert_eq!(
                s.skipped_lines,
                [(line, "sent “x” is not a whole number".to_string())],
                "{case}"
            );
        }
    }
    // A row cut short is skipped, not counted with its bounces and
    // complaints as none.
    let text = "date,lane,sent,hard_bounces,complaints\n2027-03-01,p,100,2,1\n2027-03-02,p,100\n";
    let s = import_bytes("days.csv", text.as_bytes(), 4096, &mut Seen::default()).unwrap();
    assert_eq!(
        s.skipped_lines,
        [(3, "it has 3 of the header's 5 columns".to_string())]
    );
    // SNDS files end their lines with CRLF.
    let snds = String::from_utf8(fixture("snds.csv"))
        .unwrap()
        .replace('\n', "\r\n");
    let s = import_bytes("snds.csv", snds.as_bytes(), 64, &mut Seen::default()).unwrap();
    let lines: Vec<u32> = s.skipped_lines.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [3]);
}

/// The files kept, and the report on `after`, imported in one go after a
/// reload, when the page keeps the files of `before`, which the worker
/// does not know.
fn after_reload(
    before: &[(&str, Vec<u8>)],
    after: &[(&str, Vec<u8>)],
) -> (Vec<Source>, Vec<String>) {
    let mut store = Store::default();
    let mut seen = Seen::default();
    for (name, bytes) in before {
        store.add(import_bytes(name, bytes, 4096, &mut seen).unwrap());
    }
    let mut seen = Seen::default();
    let sources: Vec<Source> = after
        .iter()
        .map(|(name, bytes)| import_bytes(name, bytes, 4096, &mut seen).unwrap())
        .collect();
    let mut report: Vec<ReportLine> = sources
        .iter()
        .map(|s| ReportLine::imported_after(s, &seen))
        .collect();
    let kept: Vec<&Source> = store.sources.iter().collect();
    add_kept(&mut report, &sources, &kept);
    sources.into_iter().for_each(|s| store.add(s));
    (store.sources, report.into_iter().map(|l| l.text).collect())
}

#[test]
fn after_a_reload_an_import_still_says_what_it_replaces_of_kept_files() {
    // (files kept before the reload, the file imported after, its report)
    let week1 = ("week1.csv", week_csv(1..=7, "gmail", 1_000));
    let sendgrid = ("sendgrid.json", fixture("sendgrid.json"));
    let cases = [
        (
            vec![week1.clone()],
            ("week2.csv", week_csv(5..=11, "gmail", 2_000)),
            "✓ week2.csv: Per-day CSV, 7 records. 3 rows already imported from week1.csv were replaced by this file's figures for the same day, lane and provider.",
        ),
        (
            vec![sendgrid.clone()],
            ("sendgrid (1).json", fixture("sendgrid.json")),
            "✓ sendgrid (1).json: SendGrid Event Webhook, 16 records. It has the same content as sendgrid.json, imported before, and replaced it under Imported files, so nothing is counted twice.",
        ),
        (
            vec![sendgrid.clone()],
            ("retry.ndjson", fixture("sendgrid.ndjson")),
            "✓ retry.ndjson: SendGrid Event Webhook, 7 records, 1 duplicate dropped. It shares 1 day with sendgrid.json, imported before this plan was last opened on the page, so their event ids are no longer held: an event in both is counted twice. To count each event once, import this file and that file again together.",
        ),
        (
            vec![week1, sendgrid],
            ("other.csv", week_csv(20..=21, "gmail", 500)),
            "✓ other.csv: Per-day CSV, 2 records.",
        ),
    ];
    for (before, after, expected) in cases {
        let name = after.0;
        let (_, report) = after_reload(&before, &[after]);
        assert_eq!(report, [expected], "{name}");
    }
}

#[test]
fn after_a_reload_importing_both_files_again_counts_shared_events_once() {
    let json = ("sendgrid.json", fixture("sendgrid.json"));
    let retry = ("retry.ndjson", fixture("sendgrid.ndjson"));
    let (kept, report) = after_reload(std::slice::from_ref(&json), std::slice::from_ref(&retry));
    assert_eq!(
        kept[1].duplicates, 1,
        "only the repeat within the file is known"
    );
    assert!(report[0].contains("It shares 1 day with sendgrid.json"));
    // Both again, in one import: the worker holds both files' ids, and
    // neither is reported as a kept file it cannot check.
    let (kept, report) = after_reload(&[json.clone(), retry.clone()], &[json, retry]);
    assert_eq!(
        kept[1].duplicates, 7,
        "as when both were imported in one visit"
    );
    for text in report {
        assert!(!text.contains("It shares"), "{text}");
        assert!(
            text.contains("was imported before; this import replaced that one"),
            "{text}"
        );
    }
}

#[test]
fn an_snds_complaint_rate_outside_0_to_100_skips_its_row() {
    // (the rate cell, complaints counted, or why the row was skipped)
    let cases: [(&str, Result<u64, &str>); 6] = [
        ("0.3%", Ok(24)),
        ("< 0.1%", Ok(0)),
        ("", Ok(0)),
        (
            "150%",
            Err("complaint rate “150%” is not a percentage from 0 to 100"),
        ),
        (
            "-5%",
            Err("complaint rate “-5%” is not a percentage from 0 to 100"),
        ),
        (
            "NaN",
            Err("complaint rate “NaN” is not a percentage from 0 to 100"),
        ),
    ];
    for (rate, expected) in cases {
        let row = format!("203.0.113.11,2/28/2027 10:00 AM,3/1/2027 9:00 AM,8000,7990,7990,YELLOW,{rate},,,0,mta2,bounce@x\n");
        let source = csv_import("snds.csv", &row);
        let found = match source.skipped_lines.first() {
            Some((_, why)) => Err(why.as_str()),
            None => Ok(totals(&source).complaints),
        };
        assert_eq!(found, expected, "{rate}");
    }
}

#[test]
fn a_day_first_or_month_first_date_is_refused_with_the_way_out() {
    const HEADER: &str =
        "date,lane,mailbox_provider,sent,delivered,hard_bounces,soft_bounces,complaints,unsubscribes\n";
    for (date, says) in [
        (
            "01/03/2027",
            "could be day-first or month-first; format the date column as yyyy-mm-dd",
        ),
        ("01.03.2027", "could be day-first or month-first"),
        ("March 1", "is not a date (YYYY-MM-DD)"),
    ] {
        let source = csv_import(
            "euro.csv",
            &format!("{HEADER}{date},promotional,gmail,1000,990,5,5,1,1\n"),
        );
        assert_eq!(source.records, 0, "{date}");
        let (line, why) = &source.skipped_lines[0];
        assert_eq!(*line, 2);
        assert!(why.contains(says), "{date}: {why}");
    }
}

#[test]
fn sendgrid_events_that_name_only_a_category_count_on_their_sends_pool() {
    // SendGrid names the pool on `processed` only; every event names its
    // category. The send is met twice (an overlapping export), and the
    // later events still find its pool.
    let event = |id: &str, kind: &str, pool: bool| {
        let pool = if pool {
            r#","pool":{"name":"flows","id":7}"#
        } else {
            ""
        };
        format!(
            r#"{{"email":"a@gmail.com","timestamp":1805328000,"event":"{kind}","sg_event_id":"{id}","sg_message_id":"m1.filter","category":["cart-recovery"]{pool}}}"#
        )
    };
    let text = format!(
        "[{},{},{},{},{}]",
        event("e1", "processed", true),
        event("e1", "processed", true),
        event("e2", "delivered", false),
        event("e3", "spamreport", false),
        // Another message, sent without a pool: its category names it.
        event("e4", "delivered", false).replace("m1.filter", "m2.filter"),
    );
    let source = import_bytes("sg.json", text.as_bytes(), 1 << 20, &mut Seen::default()).unwrap();
    let on = |kind: KeyKind| {
        let mut total = Counts::default();
        for row in source
            .rows
            .iter()
            .filter(|r| source.keys[r.1 as usize].kind == kind)
        {
            total.add(&row.3);
        }
        counted(&total)
    };
    assert_eq!(on(KeyKind::SendgridPool), [1, 1, 0, 0, 1, 0, 0, 0]);
    assert_eq!(on(KeyKind::SendgridCategory), [0, 1, 0, 0, 0, 0, 0, 0]);
    assert_eq!(source.duplicates, 1);
}

#[test]
fn timestamps_count_on_their_utc_date() {
    let day =
        |text: &str| switchyard::monitor::day_of_iso(text).map(switchyard::monitor::date_of_day);
    let cases = [
        ("2027-03-21", "2027-03-21"),
        ("2027-03-21T20:30:00Z", "2027-03-21"),
        ("2027-03-21T20:30:00.0000000-04:00", "2027-03-22"),
        ("2027-03-22T01:15:00+05:30", "2027-03-21"),
        ("2027-03-22T06:00:00+0530", "2027-03-22"),
        ("2027-03-21 23:59:59", "2027-03-21"),
        ("2027-03-21T23:00:00-01:00", "2027-03-22"),
    ];
    for (text, utc) in cases {
        assert_eq!(day(text).as_deref(), Some(utc), "{text}");
    }
    // Seconds, and milliseconds as some exports write them.
    let unix = |n: f64| switchyard::monitor::day_of_unix(n).map(switchyard::monitor::date_of_day);
    assert_eq!(unix(1_805_328_000.0).as_deref(), Some("2027-03-18"));
    assert_eq!(unix(1_805_328_000_000.0).as_deref(), Some("2027-03-18"));
    assert_eq!(unix(-1.0), None);
    // A time of 0, or the epoch's date, is a system's blank; plans run
    // from 2000 to 2199.
    assert_eq!(unix(0.0), None);
    assert_eq!(unix(946_684_799.0), None);
    assert_eq!(unix(946_684_800.0).as_deref(), Some("2000-01-01"));
    assert_eq!(day("1970-01-01T00:00:00Z"), None);
    assert_eq!(day("2199-12-31").as_deref(), Some("2199-12-31"));
    assert_eq!(day("2200-01-01"), None);
}

#[test]
fn a_log_of_webhook_batches_is_read_batch_after_batch() {
    let event = |id: u32| {
        format!(
            r#"{{"email":"a@gmail.com","timestamp":1805328000,"event":"delivered","sg_event_id":"e{id}","sg_message_id":"m{id}","pool":{{"name":"flows","id":7}}}}"#
        )
    };
    let batch =
        |ids: std::ops::Range<u32>| format!("[{}]", ids.map(event).collect::<Vec<_>>().join(","));
    let text = format!("{}\n{}{}\n", batch(0..3), batch(3..5), batch(5..9));
    for chunk in [1 << 20, 7, 1] {
        let source =
            import_bytes("batches.json", text.as_bytes(), chunk, &mut Seen::default()).unwrap();
        assert_eq!(
            (source.records, source.skipped),
            (9, 0),
            "chunks of {chunk}"
        );
        assert_eq!(totals(&source).delivered, 9);
    }
}

#[test]
fn each_ses_open_counts_and_only_a_copy_is_a_duplicate() {
    let open = |at: &str| {
        format!(
            r#"{{"eventType": "Open", "mail": {{"timestamp": "2027-03-01T10:00:00.000Z", "messageId": "ses-1", "source": "news@mail.brand.example", "destination": ["b@yahoo.com"], "tags": {{"ses:configuration-set": ["brand-promotions"]}}}}, "open": {{"ipAddress": "192.0.2.9", "timestamp": "{at}", "userAgent": "Mozilla"}}}}"#
        )
    };
    let text = [
        open("2027-03-01T15:00:00.000Z"),
        open("2027-03-01T18:30:00.000Z"),
        open("2027-03-01T18:30:00.000Z"),
    ]
    .join("\n");
    let source =
        import_bytes("ses.ndjson", text.as_bytes(), 1 << 20, &mut Seen::default()).unwrap();
    assert_eq!(totals(&source).opens, 2);
    assert_eq!(source.duplicates, 1);
}

#[test]
fn mail_delivered_the_day_after_it_was_sent_is_counted_once() {
    // 1,000 processed just before midnight, delivered and bounced just
    // after, on the revenue flows' pool.
    let mut plan = sample_plan();
    plan.monitoring.mapping.push(KeyMapping {
        kind: KeyKind::SendgridPool,
        key: "flows".into(),
        lane: "revenue-flows".into(),
    });
    let mut lines = String::new();
    for i in 0..1000 {
        lines.push_str(&format!("{{\"email\":\"a{i}@gmail.com\",\"timestamp\":1796255400,\"event\":\"processed\",\"sg_event_id\":\"p{i}\",\"sg_message_id\":\"m{i}\",\"pool\":{{\"name\":\"flows\",\"id\":1}}}}\n"));
        let event = if i < 990 { "delivered" } else { "bounce" };
        lines.push_str(&format!("{{\"email\":\"a{i}@gmail.com\",\"timestamp\":1796256300,\"event\":\"{event}\",\"sg_event_id\":\"d{i}\",\"sg_message_id\":\"m{i}\",\"pool\":{{\"name\":\"flows\",\"id\":1}}}}\n"));
    }
    let mut seen = Seen::default();
    let mut store = Store::default();
    store.add(import_bytes("events.json", lines.as_bytes(), 4096, &mut seen).unwrap());
    let h = health(&plan, &store);
    let lane = h.lanes.iter().find(|l| l.lane == "revenue-flows").unwrap();
    assert_eq!(lane.window.sent, 1000);
    let by_day: u64 = lane.days.iter().map(|d| d.rates.sent).sum();
    assert_eq!(
        by_day,
        1000,
        "{:?}",
        lane.days
            .iter()
            .map(|d| (&d.date, d.rates.sent))
            .collect::<Vec<_>>()
    );
    let key = h.keys.iter().find(|k| k.key.value == "flows").unwrap();
    assert_eq!(key.sent, 1000);
    // The day of the deliveries has its rates against what it delivered
    // or bounced: 1% bounced, not more than all of it.
    let delivered_day = lane.days.iter().find(|d| d.counts.delivered > 0).unwrap();
    assert_eq!(delivered_day.rates.bounce_percent, Some(1.0));
}

/// Forgetting a file whose events a later file dropped as duplicates has
/// that file count them, and importing either file again still counts
/// each event once.
#[test]
fn a_forgotten_files_shared_events_count_in_the_file_that_dropped_them() {
    let event = |id: u32| {
        format!(
            r#"{{"email":"a{id}@gmail.com","timestamp":1805328000,"event":"processed","sg_event_id":"e{id}","pool":{{"name":"flows"}}}}"#
        )
    };
    let file =
        |ids: std::ops::Range<u32>| ids.map(event).collect::<Vec<_>>().join("\n").into_bytes();
    let (a, b) = (file(0..10), file(5..15));
    let sent = |store: &Store| store.sources.iter().map(|s| totals(s).sent).sum::<u64>();
    for again in ["first", "later"] {
        let mut seen = Seen::default();
        let mut store = Store::default();
        page_import(&mut store, &mut seen, "a.json", &a);
        page_import(&mut store, &mut seen, "b.json", &b);
        assert_eq!((sent(&store), store.sources[1].duplicates), (15, 5));
        // The later file imported again, the first kept: still once.
        page_import(&mut store, &mut seen, "b.json", &b);
        assert_eq!(sent(&store), 15);
        let a_print = store.sources[0].fingerprint.clone();
        page_forget(&mut store, &mut seen, &a_print);
        // The later file counts what it dropped.
        assert_eq!((sent(&store), store.sources[0].duplicates), (10, 0));
        let (name, bytes) = if again == "first" {
            ("a.json", &a)
        } else {
            ("b.json", &b)
        };
        page_import(&mut store, &mut seen, name, bytes);
        // Both files' events, or the later file's ten.
        let want = if again == "first" { 15 } else { 10 };
        assert_eq!(sent(&store), want, "{again}");
    }
}

/// Imports a file as the page does: its counts added, and the kept files
/// the worker counted again put in their places.
fn page_import(store: &mut Store, seen: &mut Seen, name: &str, bytes: &[u8]) {
    store.add(import_bytes(name, bytes, 64, seen).unwrap());
    store.recounted(seen.take_recounted());
}

/// Forgets a file as the page does: its counts removed, and the kept
/// files the worker counted again without it put in their places.
fn page_forget(store: &mut Store, seen: &mut Seen, fingerprint: &str) {
    store.sources.retain(|s| s.fingerprint != fingerprint);
    seen.forget(fingerprint);
    store.recounted(seen.take_recounted());
}

/// SES records of the promotional lane on 2027-03-01: `sends` sends, of
/// which `delivered` delivered and the rest bounced, as two files split by
/// event type (an SES event destination per type), or as one.
fn ses_by_type(sends: u32, delivered: u32) -> (String, String) {
    let mail = |i: u32| {
        format!(
            r#""mail": {{"timestamp": "2027-03-01T10:00:00.000Z", "messageId": "m-{i}", "destination": ["r{i}@outlook.com"], "tags": {{"ses:configuration-set": ["fernleaf-promotions"]}}}}"#
        )
    };
    let mut send_lines = String::new();
    let mut outcome_lines = String::new();
    for i in 0..sends {
        send_lines.push_str(&format!("{{\"eventType\": \"Send\", {}}}\n", mail(i)));
        outcome_lines.push_str(&if i < delivered {
            format!("{{\"eventType\": \"Delivery\", {}, \"delivery\": {{\"timestamp\": \"2027-03-01T10:00:05.000Z\", \"recipients\": [\"r{i}@outlook.com\"]}}}}\n", mail(i))
        } else {
            format!("{{\"eventType\": \"Bounce\", {}, \"bounce\": {{\"bounceType\": \"Permanent\", \"bounceSubType\": \"General\", \"bouncedRecipients\": [{{\"emailAddress\": \"r{i}@outlook.com\"}}]}}}}\n", mail(i))
        });
    }
    (send_lines, outcome_lines)
}

#[test]
fn files_split_by_event_type_count_their_mail_once() {
    let (sends, outcomes) = ses_by_type(100, 96);
    let mut seen = Seen::default();
    let mut store = Store::default();
    store.add(import_bytes("sends.ndjson", sends.as_bytes(), 4096, &mut seen).unwrap());
    store.add(import_bytes("outcomes.ndjson", outcomes.as_bytes(), 4096, &mut seen).unwrap());
    let h = health(&sample_plan(), &store);
    let promo = h.lanes.iter().find(|l| l.lane == "promotional").unwrap();
    let day = &promo.days[0].rates;
    assert_eq!((day.sent, day.delivered), (100, 96));
    assert_eq!(day.hard_bounce_percent, Some(4.0));
    let key = h
        .keys
        .iter()
        .find(|k| k.key.kind == KeyKind::SesConfigurationSet);
    assert_eq!(key.map(|k| k.sent), Some(100));
}

#[test]
fn snds_adds_only_its_filter_and_traps_to_a_day_other_data_counts() {
    let mut plan = sample_plan();
    plan.monitoring.mapping.push(KeyMapping {
        kind: KeyKind::SendingIp,
        key: "203.0.113.10".into(),
        lane: "promotional".into(),
    });
    let snds = "203.0.113.10,3/1/2027 12:00 AM,3/1/2027 11:59 PM,60,60,60,YELLOW,< 0.1%,,,2,mta1,bounce@x\n";
    let (sends, outcomes) = ses_by_type(100, 96);
    let mut seen = Seen::default();
    let mut store = Store::default();
    store.add(
        import_bytes(
            "ses.ndjson",
            format!("{sends}{outcomes}").as_bytes(),
            4096,
            &mut seen,
        )
        .unwrap(),
    );
    store.add(csv_import("snds.csv", snds));
    let h = health(&plan, &store);
    let promo = h.lanes.iter().find(|l| l.lane == "promotional").unwrap();
    let day = &promo.days[0];
    assert_eq!((day.rates.sent, day.rates.delivered), (100, 96));
    assert_eq!((day.rates.trap_hits, day.rates.filter), (2, 2));
    // Alone, SNDS's recipients are the lane's Microsoft mail.
    let mut store = Store::default();
    store.add(csv_import("snds.csv", snds));
    let h = health(&plan, &store);
    let promo = h.lanes.iter().find(|l| l.lane == "promotional").unwrap();
    assert_eq!(promo.days[0].rates.sent, 60);
}

#[test]
fn an_ses_delivery_after_midnight_counts_on_its_sends_day() {
    let mut text = String::new();
    for i in 0..600 {
        let mail = format!(
            r#""mail": {{"timestamp": "2027-03-01T22:30:00.000Z", "messageId": "m-{i}", "destination": ["r{i}@gmail.com"], "tags": {{"ses:configuration-set": ["fernleaf-promotions"]}}}}"#
        );
        text.push_str(&format!("{{\"eventType\": \"Send\", {mail}}}\n"));
        text.push_str(&format!("{{\"eventType\": \"Delivery\", {mail}, \"delivery\": {{\"timestamp\": \"2027-03-02T01:00:00.000Z\", \"recipients\": [\"r{i}@gmail.com\"]}}}}\n"));
    }
    let mut store = Store::default();
    store.add(import_bytes("ses.ndjson", text.as_bytes(), 4096, &mut Seen::default()).unwrap());
    let h = health(&sample_plan(), &store);
    let promo = h.lanes.iter().find(|l| l.lane == "promotional").unwrap();
    let days: Vec<(&str, u64, u64)> = (promo.days.iter())
        .map(|d| (d.date.as_str(), d.rates.sent, d.rates.delivered))
        .collect();
    assert_eq!(days, [("2027-03-01", 600, 600)]);
    assert_eq!(promo.status, Status::Healthy, "{:?}", promo.reasons);
}

#[test]
fn a_first_record_no_format_has_is_passed_over() {
    let bare = fixture("ses.ndjson");
    let ses = String::from_utf8(bare)
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .to_string();
    let sns = serde_json::json!({"Type": "Notification", "Message": ses.replace("ses-1", "ses-9")})
        .to_string();
    let confirm = r#"{"Type":"SubscriptionConfirmation","Message":"You have chosen to subscribe to the topic.","SubscribeURL":"https://sns.example/confirm"}"#;
    // An SNS endpoint's log: the subscription first, then bare and wrapped records.
    let text = format!("{confirm}\n{ses}\n{sns}\n");
    let source = import_bytes("ses-mixed.json", text.as_bytes(), 64, &mut Seen::default()).unwrap();
    assert_eq!(source.format, "Amazon SES event publishing");
    assert_eq!(
        totals(&source).delivered,
        4,
        "bare and SNS lines are both read"
    );
    assert_eq!(source.skipped, 1);
    assert_eq!(source.skipped_lines[0].0, 1);
    // Twenty odd records still let the format show; past that the file is refused.
    let lead = "{\"ping\":1}\n".repeat(20);
    let text = format!("{lead}{ses}\n");
    assert!(import_bytes("late.json", text.as_bytes(), 64, &mut Seen::default()).is_ok());
    let text = format!("{lead}{{\"ping\":1}}\n{ses}\n");
    let err = refusal("later.json", text.as_bytes(), 64);
    assert!(err.contains("is not a format Switchyard reads"), "{err}");
}

#[test]
fn a_later_files_events_take_the_pool_an_earlier_files_send_named() {
    let sends = br#"{"email":"ann@gmail.com","timestamp":1803895200,"event":"processed","pool":{"name":"promo","id":210},"sg_event_id":"s1","sg_message_id":"m1.filter0001"}
{"email":"bob@yahoo.com","timestamp":1803895200,"event":"processed","pool":{"name":"promo","id":210},"sg_event_id":"s2","sg_message_id":"m2.filter0001"}
"#;
    let outcomes = br#"{"email":"ann@gmail.com","timestamp":1803898800,"event":"delivered","sg_event_id":"o1","sg_message_id":"m1.filter0001"}
{"email":"bob@yahoo.com","timestamp":1803898800,"event":"bounce","type":"bounce","sg_event_id":"o2","sg_message_id":"m2.filter0001"}
{"email":"cy@gmail.com","timestamp":1803898800,"event":"delivered","sg_event_id":"o3","sg_message_id":"m3.filter0001"}
{"email":"ann@gmail.com","timestamp":1803902400,"event":"open","category":["spring-sale"],"sg_event_id":"o4","sg_message_id":"m1.filter0001"}
"#;
    let mut seen = Seen::default();
    import_bytes("sends.json", sends, 64, &mut seen).unwrap();
    let later = import_bytes("outcomes.json", outcomes, 64, &mut seen).unwrap();
    let promo = (later.keys.iter())
        .position(|k| k.value == "promo")
        .expect("the pool is named") as u32;
    let on_pool: Counts =
        (later.rows.iter().filter(|r| r.1 == promo)).fold(Counts::default(), |mut c, r| {
            c.add(&r.3);
            c
        });
    // The open names a category too; the send's pool wins, as in one file.
    assert_eq!(
        (on_pool.delivered, on_pool.hard_bounces, on_pool.opens),
        (1, 1, 1)
    );
    assert_eq!(later.without_key, 1, "a message no file sent has no pool");
    // Alone, the outcomes name no pool.
    let alone = import_bytes("outcomes.json", outcomes, 64, &mut Seen::default()).unwrap();
    assert_eq!(alone.without_key, 3);
    // Forgetting the sends forgets their pools too.
    let mut seen = Seen::default();
    let sends_file = import_bytes("sends.json", sends, 64, &mut seen).unwrap();
    seen.forget(&sends_file.fingerprint);
    let after = import_bytes("outcomes.json", outcomes, 64, &mut seen).unwrap();
    assert_eq!(after.without_key, 3);
}

/// SendGrid `processed` events of `messages`, each on `pool`.
fn sendgrid_sends(pool: &str, messages: &[&str]) -> Vec<u8> {
    let line = |m: &&str| {
        format!(
            r#"{{"email":"{m}@gmail.com","timestamp":1803895200,"event":"processed","pool":{{"name":"{pool}","id":1}},"sg_event_id":"s-{m}","sg_message_id":"{m}.filter0001"}}"#
        )
    };
    let lines: Vec<String> = messages.iter().map(line).collect();
    (lines.join("\n") + "\n").into_bytes()
}

/// SendGrid deliveries of `messages`, which name no pool.
fn sendgrid_deliveries(messages: &[&str]) -> Vec<u8> {
    let line = |m: &&str| {
        format!(
            r#"{{"email":"{m}@gmail.com","timestamp":1803898800,"event":"delivered","sg_event_id":"d-{m}","sg_message_id":"{m}.filter0001"}}"#
        )
    };
    let lines: Vec<String> = messages.iter().map(line).collect();
    (lines.join("\n") + "\n").into_bytes()
}

/// Delivered per lane key of a source, by the key's value.
fn delivered_by_key(source: &Source) -> Vec<(String, u64)> {
    let mut by_key: Vec<(String, u64)> = Vec::new();
    for Row(_, key, _, counts) in &source.rows {
        let name = source.keys[*key as usize].value.clone();
        match by_key.iter_mut().find(|(k, _)| *k == name) {
            Some((_, n)) => *n += counts.delivered,
            None => by_key.push((name, counts.delivered)),
        }
    }
    by_key.sort();
    by_key
}

#[test]
fn forgetting_a_file_forgets_only_the_pools_it_taught() {
    let promo = sendgrid_sends("promo", &["m1"]);
    let flows = sendgrid_sends("flows", &["m2"]);
    let outcomes = sendgrid_deliveries(&["m1", "m2"]);
    let mut seen = Seen::default();
    import_bytes("promo.json", &promo, 64, &mut seen).unwrap();
    let flows_file = import_bytes("flows.json", &flows, 64, &mut seen).unwrap();
    seen.forget(&flows_file.fingerprint);
    // The promotional sends are kept, so their message still joins.
    let later = import_bytes("outcomes.json", &outcomes, 64, &mut seen).unwrap();
    assert_eq!(delivered_by_key(&later), [("promo".to_string(), 1)]);
    assert_eq!(later.without_key, 1);
    // Importing a kept file again keeps the other files' pools.
    let mut seen = Seen::default();
    import_bytes("promo.json", &promo, 64, &mut seen).unwrap();
    import_bytes("flows.json", &flows, 64, &mut seen).unwrap();
    import_bytes("promo.json", &promo, 64, &mut seen).unwrap();
    let later = import_bytes("outcomes.json", &outcomes, 64, &mut seen).unwrap();
    let both = [("flows".to_string(), 1), ("promo".to_string(), 1)];
    assert_eq!(delivered_by_key(&later), both);
}

#[test]
fn a_later_files_sends_give_an_earlier_files_events_their_pool() {
    // m1's delivery names a category, m2's nothing; m3 was never sent.
    let outcomes = br#"{"email":"m1@gmail.com","timestamp":1803898800,"event":"delivered","category":["spring-sale"],"sg_event_id":"d-m1","sg_message_id":"m1.filter0001"}
{"email":"m2@gmail.com","timestamp":1803898800,"event":"delivered","sg_event_id":"d-m2","sg_message_id":"m2.filter0001"}
{"email":"m3@gmail.com","timestamp":1803898800,"event":"delivered","sg_event_id":"d-m3","sg_message_id":"m3.filter0001"}
"#;
    let sends = sendgrid_sends("promo", &["m1", "m2"]);
    let mut seen = Seen::default();
    let mut store = Store::default();
    store.add(import_bytes("outcomes.json", outcomes, 64, &mut seen).unwrap());
    assert!(seen.take_recounted().is_empty());
    assert_eq!(
        (
            delivered_by_key(&store.sources[0]),
            store.sources[0].without_key
        ),
        (vec![("spring-sale".to_string(), 1)], 2)
    );
    store.add(import_bytes("sends.json", &sends, 64, &mut seen).unwrap());
    let recounted = seen.take_recounted();
    assert_eq!(recounted.len(), 1, "the earlier file");
    store.recounted(recounted);
    // The deliveries stay the earlier file's, on the pool their sends named.
    let earlier = &store.sources[0];
    assert_eq!(delivered_by_key(earlier), [("promo".to_string(), 1 + 1)]);
    assert_eq!(earlier.without_key, 1, "m3 has no send anywhere");
    assert_eq!(totals(&store.sources[1]).sent, 2);
    // So the lane the pool maps to holds them, and the category's none.
    let mut plan = sample_plan();
    let lane = plan.lanes[0].id.clone();
    let key = LaneKey {
        kind: KeyKind::SendgridPool,
        value: "promo".into(),
    };
    plan.monitoring.mapping.push(KeyMapping {
        kind: key.kind,
        key: key.value.clone(),
        lane: lane.clone(),
    });
    let lanes = health(&plan, &store).lanes;
    let on_lane = lanes.iter().find(|l| l.lane == lane).unwrap();
    let delivered: u64 = on_lane.days.iter().map(|d| d.rates.delivered).sum();
    assert_eq!(delivered, 2);
    // A third file sending the same messages moves nothing again.
    import_bytes(
        "again.json",
        &sendgrid_sends("flows", &["m1"]),
        64,
        &mut seen,
    )
    .unwrap();
    assert_eq!(seen.take_recounted(), [recount_of(&store.sources[0])]);
}

#[test]
fn forgetting_a_sends_file_names_the_pools_other_files_count_on() {
    let sends = sendgrid_sends("promo", &["m1"]);
    let other = sendgrid_sends("flows", &["m2"]);
    let outcomes = sendgrid_deliveries(&["m1"]);
    let mut seen = Seen::default();
    let mut store = Store::default();
    store.add(import_bytes("promo.json", &sends, 64, &mut seen).unwrap());
    store.add(import_bytes("flows.json", &other, 64, &mut seen).unwrap());
    let promo = store.sources[0].fingerprint.clone();
    let flows = store.sources[1].fingerprint.clone();
    // The worker holds none of the files, as after a reload.
    let none: &[String] = &[];
    // No other file counts on either pool yet.
    assert!(store.pools_shared(&promo, none).is_empty());
    // The outcomes joined to the promotional sends count on its pool.
    store.add(import_bytes("outcomes.json", &outcomes, 64, &mut seen).unwrap());
    assert_eq!(store.pools_shared(&promo, none), ["promo"]);
    assert!(store.pools_shared(&flows, none).is_empty());
    // The outcomes file holds no sends, so it taught no pool.
    let outcomes = store.sources[2].fingerprint.clone();
    assert!(store.pools_shared(&outcomes, none).is_empty());
    assert!(store.pools_shared("no such file", none).is_empty());
    // Where the worker holds both files, it counts the outcomes again
    // without the sends, so nothing needs saying.
    let held = [promo.clone(), outcomes.clone()];
    assert!(store.pools_shared(&promo, &held).is_empty());
    assert_eq!(store.pools_shared(&promo, &held[..1]), ["promo"]);
}

/// A SendGrid record: `event` with id `id` of message `message`, naming
/// `pool` or `category` where they are not empty.
fn sendgrid_record(event: &str, id: &str, message: &str, pool: &str, category: &str) -> String {
    let mut record = format!(
        r#"{{"email":"{message}@gmail.com","timestamp":1803895200,"event":"{event}","sg_event_id":"{id}","sg_message_id":"{message}.filter0001""#
    );
    if !pool.is_empty() {
        record.push_str(&format!(r#","pool":{{"name":"{pool}"}}"#));
    }
    if !category.is_empty() {
        record.push_str(&format!(r#","category":["{category}"]"#));
    }
    record + "}\n"
}

/// A SendGrid file of records: (event, id, message, pool, category).
fn sendgrid_file(records: &[(&str, &str, &str, &str, &str)]) -> Vec<u8> {
    let records = records.iter();
    (records.map(|&(e, id, m, pool, category)| sendgrid_record(e, id, m, pool, category)))
        .collect::<String>()
        .into_bytes()
}

/// Every order of `n` files, by index.
fn orders(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![Vec::new()];
    }
    let mut all = Vec::new();
    for order in orders(n - 1) {
        for at in 0..n {
            let mut order = order.clone();
            order.insert(at, n - 1);
            all.push(order);
        }
    }
    all
}

/// The files imported in order, as the page imports them.
fn imported(files: &[&(&str, Vec<u8>)]) -> (Store, Seen) {
    let (mut store, mut seen) = (Store::default(), Seen::default());
    for (name, bytes) in files {
        page_import(&mut store, &mut seen, name, bytes);
    }
    (store, seen)
}

/// Forgetting any file, in any order of import, leaves the counts a fresh
/// import of the other files leaves, and importing it again afterwards
/// counts as importing it last would: events joined to its sends' pools
/// go back to their own keys or to another file's send of their message,
/// and events a later file dropped as duplicates of its own count there.
#[test]
fn forgetting_a_file_counts_as_if_it_had_never_been_imported() {
    let sends = sendgrid_file(&[
        ("processed", "s1", "m1", "promo", ""),
        ("processed", "s2", "m2", "promo", ""),
        ("processed", "s3", "m3", "flows", ""),
    ]);
    // Events of those sends, by category or without a key; m4 and m9
    // were never sent, and o1 is repeated.
    let events = sendgrid_file(&[
        ("delivered", "d1", "m1", "", "sale"),
        ("open", "o1", "m1", "", "sale"),
        ("delivered", "d2", "m2", "", ""),
        ("click", "c3", "m3", "", "news"),
        ("delivered", "d4", "m4", "", "sale"),
        ("bounce", "b9", "m9", "", ""),
        ("open", "o1", "m1", "", "sale"),
    ]);
    // Another send of m2, on another pool, and a message it both sends
    // and delivers.
    let resends = sendgrid_file(&[
        ("processed", "s2b", "m2", "vip", ""),
        ("delivered", "d5", "m5", "", "sale"),
        ("processed", "s5", "m5", "vip", ""),
    ]);
    // Events that overlap the first events file, and one of their own.
    let overlap = sendgrid_file(&[
        ("open", "o1", "m1", "", "sale"),
        ("delivered", "d2", "m2", "", ""),
        ("click", "c7", "m7", "", "news"),
        ("processed", "s3", "m3", "flows", ""),
    ]);
    let again = sendgrid_file(&[
        ("delivered", "d2", "m2", "", ""),
        ("open", "o1", "m1", "", "sale"),
    ]);
    // Deliveries that name their sending IP, which a send's pool in any
    // file outranks, and events of their messages in another file.
    let with_ip = |bytes: Vec<u8>, ip: &str| {
        let text = String::from_utf8(bytes).unwrap();
        let named = format!(r#""event":"delivered","ip":"{ip}""#);
        text.replace(r#""event":"delivered""#, &named).into_bytes()
    };
    let delivered_ips = with_ip(
        sendgrid_file(&[
            ("delivered", "d1", "m1", "", ""),
            ("spamreport", "c1", "m1", "", ""),
            ("delivered", "d4", "m4", "", ""),
            ("delivered", "d8", "m8", "", "sale"),
        ]),
        "192.0.2.5",
    );
    let other_ips = with_ip(
        sendgrid_file(&[
            ("delivered", "d1", "m1", "", ""),
            ("delivered", "d6", "m6", "", ""),
            ("click", "k4", "m4", "", ""),
            ("spamreport", "c6", "m6", "", ""),
        ]),
        "192.0.2.6",
    );
    let file = |name: &'static str, bytes: &Vec<u8>| (name, bytes.clone());
    // (what the files hold, the files)
    let cases = [
        (
            "sends and their events",
            vec![file("sends", &sends), file("events", &events)],
        ),
        (
            "two files send one message",
            vec![
                file("sends", &sends),
                file("events", &events),
                file("resends", &resends),
            ],
        ),
        (
            "three files share events",
            vec![
                file("events", &events),
                file("overlap", &overlap),
                file("again", &again),
            ],
        ),
        (
            "deliveries name their sending IPs",
            vec![
                file("sends", &sends),
                file("delivered", &delivered_ips),
                file("other", &other_ips),
                file("events", &events),
            ],
        ),
        (
            "sends, and events in two files",
            vec![
                file("sends", &sends),
                file("events", &events),
                file("resends", &resends),
                file("overlap", &overlap),
            ],
        ),
    ];
    for (what, files) in cases {
        for order in orders(files.len()) {
            let files: Vec<&(&str, Vec<u8>)> = order.iter().map(|&i| &files[i]).collect();
            let names: Vec<&str> = files.iter().map(|f| f.0).collect();
            for gone in 0..files.len() {
                let (mut store, mut seen) = imported(&files);
                let print = store.sources[gone].fingerprint.clone();
                page_forget(&mut store, &mut seen, &print);
                let mut rest = files.clone();
                let file = rest.remove(gone);
                let at = format!("{what}: {names:?}, {} forgotten", file.0);
                assert_eq!(store, imported(&rest).0, "{at}");
                page_import(&mut store, &mut seen, file.0, &file.1);
                rest.push(file);
                assert_eq!(store, imported(&rest).0, "{at} and imported again");
            }
        }
    }
}

/// A SendGrid event of message `m`: `event`, with id `id`, and `extra`
/// fields (a pool, a category, an IP).
fn sendgrid_event(event: &str, id: &str, m: &str, extra: &str) -> String {
    format!(
        r#"{{"email":"{m}@gmail.com","timestamp":1803895200,"event":"{event}","sg_event_id":"{id}","sg_message_id":"{m}.filter0001"{extra}}}"#
    ) + "\n"
}

/// Delivered, complaints and clicks per lane key of a source, by the key's
/// kind and value, and the events without a key.
type ByKey = (Vec<(KeyKind, String, [u64; 3])>, u64);

fn by_key(source: &Source) -> ByKey {
    let mut keys: Vec<(KeyKind, String, [u64; 3])> = Vec::new();
    for Row(_, key, _, c) in &source.rows {
        let k = &source.keys[*key as usize];
        let at = match keys
            .iter()
            .position(|(kind, v, _)| *kind == k.kind && *v == k.value)
        {
            Some(at) => at,
            None => {
                keys.push((k.kind, k.value.clone(), [0; 3]));
                keys.len() - 1
            }
        };
        let n = &mut keys[at].2;
        *n = [n[0] + c.delivered, n[1] + c.complaints, n[2] + c.clicks];
    }
    keys.sort();
    (keys, source.without_key)
}

/// SendGrid names the sending IP on `delivered` events only (an open's or a
/// click's `ip` is the reader's): without a send's pool, a delivery counts
/// on its IP, and the message's later events join it there; a send's pool,
/// in any file, wins; a category still comes before the IP.
#[test]
fn sendgrid_deliveries_count_on_their_sending_ip_until_a_send_names_a_pool() {
    let ip = r#","ip":"198.51.100.10""#;
    let reader = r#","ip":"192.0.2.77""#;
    let outcomes = [
        sendgrid_event("delivered", "d1", "m1", ip),
        sendgrid_event("spamreport", "c1", "m1", ""),
        sendgrid_event("click", "k1", "m1", reader),
        // A bounce names no IP, and no delivery of its message does.
        sendgrid_event("bounce", "b2", "m2", r#","type":"bounce""#),
        sendgrid_event("delivered", "d3", "m3", ip),
    ]
    .concat();
    let sends = [
        sendgrid_event("processed", "s1", "m1", r#","pool":{"name":"flows"}"#),
        sendgrid_event("processed", "s2", "m2", r#","pool":{"name":"flows"}"#),
        sendgrid_event("processed", "s3", "m3", r#","pool":{"name":"flows"}"#),
    ]
    .concat();
    let categorised = [
        sendgrid_event(
            "delivered",
            "d1",
            "m1",
            &format!(r#"{ip},"category":"cart""#),
        ),
        sendgrid_event("spamreport", "c1", "m1", r#","category":"cart""#),
    ]
    .concat();
    let on_ip = |d, c, k| (KeyKind::SendingIp, "198.51.100.10".to_string(), [d, c, k]);
    let on_pool = |d, c, k| (KeyKind::SendgridPool, "flows".to_string(), [d, c, k]);
    // (case, files in the order imported, the last file's counts)
    let cases: Vec<(&str, Vec<String>, ByKey)> = vec![
        (
            "outcomes alone",
            vec![outcomes.clone()],
            (vec![on_ip(2, 1, 1)], 1),
        ),
        (
            "sends and outcomes in one file, sends last",
            vec![outcomes.clone() + &sends],
            (vec![on_pool(2, 1, 1)], 0),
        ),
        (
            "sends imported before",
            vec![sends.clone(), outcomes.clone()],
            (vec![on_pool(2, 1, 1)], 0),
        ),
        (
            "a category before the IP",
            vec![categorised.clone()],
            (
                vec![(KeyKind::SendgridCategory, "cart".into(), [1, 1, 0])],
                0,
            ),
        ),
    ];
    for (case, files, want) in cases {
        for chunk in [7, 1 << 20] {
            let mut seen = Seen::default();
            let last = (files.iter().enumerate())
                .map(|(i, text)| {
                    let name = format!("file-{i}.json");
                    import_bytes(&name, text.as_bytes(), chunk, &mut seen).unwrap()
                })
                .last()
                .unwrap();
            assert_eq!(by_key(&last), want, "{case}, in chunks of {chunk}");
        }
    }
    // Sends imported after the outcomes give them the pool when counted
    // again, and forgetting the sends gives them back their IP.
    let mut store = Store::default();
    let mut seen = Seen::default();
    page_import(&mut store, &mut seen, "outcomes.json", outcomes.as_bytes());
    page_import(&mut store, &mut seen, "sends.json", sends.as_bytes());
    assert_eq!(by_key(&store.sources[0]), (vec![on_pool(2, 1, 1)], 0));
    let print = store.sources[1].fingerprint.clone();
    page_forget(&mut store, &mut seen, &print);
    assert_eq!(by_key(&store.sources[0]), (vec![on_ip(2, 1, 1)], 1));
}

/// The sending IP of a SendGrid export without `processed` events is
/// suggested for the lane that lists it, and once mapped the lane has the
/// mail.
#[test]
fn a_sendgrid_sending_ip_is_suggested_for_its_lane_and_counts_once_mapped() {
    let outcomes: String = (1..=600)
        .map(|n| {
            let m = format!("m{n}");
            let mut e = sendgrid_event(
                "delivered",
                &format!("d{n}"),
                &m,
                r#","ip":"198.51.100.10""#,
            );
            if n <= 3 {
                e += &sendgrid_event("spamreport", &format!("c{n}"), &m, "");
            }
            e
        })
        .collect();
    let mut store = Store::default();
    store.add(
        import_bytes(
            "outcomes.json",
            outcomes.as_bytes(),
            1 << 16,
            &mut Seen::default(),
        )
        .unwrap(),
    );
    let mut plan = sample_plan();
    let flows = plan
        .lanes
        .iter()
        .position(|l| l.id == "revenue-flows")
        .unwrap();
    plan.lanes[flows].ip_addresses = vec!["198.51.100.10".into()];
    let h = health(&plan, &store);
    let key = &h.keys[0];
    assert_eq!(
        (key.key.kind, key.key.value.as_str(), key.lane.as_deref()),
        (KeyKind::SendingIp, "198.51.100.10", None)
    );
    assert_eq!(
        key.suggestion,
        Some((
            "revenue-flows".to_string(),
            "198.51.100.10 is one of its sending IPs".to_string()
        ))
    );
    let lane = |h: &switchyard::monitor::health::Health| {
        let l = h.lanes.iter().find(|l| l.lane == "revenue-flows").unwrap();
        (
            l.status,
            l.window.delivered,
            l.window.complaint_percent.is_some(),
        )
    };
    assert_eq!(lane(&h), (Status::NoData, 0, false));
    plan.monitoring.mapping.push(KeyMapping {
        kind: KeyKind::SendingIp,
        key: "198.51.100.10".into(),
        lane: "revenue-flows".into(),
    });
    // 3 complaints on 600 delivered: 0.5%, over the 0.3% action line.
    assert_eq!(lane(&health(&plan, &store)), (Status::Act, 600, true));
}

/// An import whose events name no lane key is not a plain success: its
/// line warns and says which field or events to include.
#[test]
fn an_import_whose_events_name_no_lane_warns_with_the_way_out() {
    let sendgrid = [
        sendgrid_event("bounce", "b1", "m1", ""),
        sendgrid_event("spamreport", "c2", "m2", ""),
        sendgrid_event("click", "k2", "m2", r#","ip":"192.0.2.77""#),
    ]
    .concat();
    let postmark = r#"{"RecordType":"Delivery","MessageID":"p1","Recipient":"a@gmail.com","DeliveredAt":"2027-03-01T10:00:00Z"}"#;
    let ses = r#"{"eventType":"Send","mail":{"timestamp":"2027-03-01T10:00:00.000Z","messageId":"s1","destination":["a@gmail.com"]},"send":{}}"#;
    // (file, text, warns, what the line ends with)
    let cases = [
        ("sg.json", sendgrid, true, "export those events too, or send with a category or a lane custom argument."),
        ("pm.json", postmark.to_string(), true, "Export the webhooks with their MessageStream field, or set lane in the messages' metadata."),
        ("ses.json", ses.to_string(), true, "Send through a configuration set, which SES tags each event with, or tag the mail with lane."),
        ("keyed.json", sendgrid_event("delivered", "d1", "m1", r#","ip":"198.51.100.10""#), false, "SendGrid Event Webhook, 1 record."),
    ];
    for (name, text, warns, end) in cases {
        let source = import_bytes(name, text.as_bytes(), 64, &mut Seen::default()).unwrap();
        let line = ReportLine::imported(&source);
        assert_eq!((line.error, line.warning), (false, warns), "{}", line.text);
        assert_eq!(line.text.starts_with('⚠'), warns, "{}", line.text);
        assert!(line.text.starts_with('✓') != warns, "{}", line.text);
        assert!(line.text.ends_with(end), "{}", line.text);
        if warns {
            assert!(
                line.text
                    .contains(". No event in it names a lane, so none counts for a lane. "),
                "{}",
                line.text
            );
        }
    }
    // The warning is the page's: it never travels from the worker.
    let source = import_bytes(
        "sg.json",
        b"{\"email\":\"a@gmail.com\",\"timestamp\":1803895200,\"event\":\"bounce\"}",
        64,
        &mut Seen::default(),
    )
    .unwrap();
    let line = ReportLine::imported(&source);
    assert!(line.warning);
    let json = serde_json::to_string(&line).unwrap();
    assert!(!json.contains("warning"), "{json}");
}

/// A DMARC aggregate report dropped on the Monitoring tab, as XML or packed,
/// is named as one and sent to the DMARC reports tab; other packed files are
/// asked to be unpacked. A packed report is told by its name, as receivers
/// name reports (RFC 7489), so the worker never looks inside.
#[test]
fn a_dmarc_report_is_sent_to_the_dmarc_reports_tab() {
    let as_is =
        "It is a DMARC aggregate report, not delivery data: import it on the DMARC reports tab.";
    let packed = "It looks like a packed DMARC aggregate report, not delivery data: import it as it is on the DMARC reports tab, which unpacks it.";
    let unpack = "The file is compressed. Unpack it (open it, or run gunzip or unzip on it) and import the file inside.";
    let unpack_or_dmarc = "The file is compressed. Unpack it (open it, or run gunzip or unzip on it) and import the file inside; a packed DMARC aggregate report goes as it is to the DMARC reports tab.";
    let gzip = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x4b, 0x4c];
    // (file name, bytes, what the page says)
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("outlook.xml", fixture_dmarc("rfc9990.xml"), as_is),
        // A namespace prefix and a wrapper element change nothing.
        ("messy.xml", fixture_dmarc("messy.xml"), as_is),
        (
            "report.xml",
            b"<?xml version=\"1.0\"?>\n<feedback>\n<report_metadata>".to_vec(),
            as_is,
        ),
        (
            "google.com!fernleafcoffee.com!1803945600!1804031999.zip",
            fixture_dmarc("google.zip"),
            packed,
        ),
        (
            "enterprise.protection.outlook.com!fernleafcoffee.com!1803945600!1804031999.xml.gz",
            gzip.clone(),
            packed,
        ),
        (
            "yahoo-20261202.XML.GZ",
            fixture_dmarc("yahoo.xml.gz"),
            packed,
        ),
        ("report.xml.zip", b"PK\x03\x04\x14\0\0\0".to_vec(), packed),
        // Packed delivery data, and packed files whose name says neither,
        // such as a report renamed.
        ("events.json.gz", gzip.clone(), unpack),
        ("Daily.CSV.zip", b"PK\x03\x04\x14\0\0\0".to_vec(), unpack),
        ("google.zip", fixture_dmarc("google.zip"), unpack_or_dmarc),
        ("export.gz", gzip.clone(), unpack_or_dmarc),
    ];
    for (name, bytes, want) in cases {
        assert_eq!(refusal(name, &bytes, 64), want, "{name}");
    }
    // XML that is not a report is not taken for one.
    let page = b"<?xml version=\"1.0\"?>\n<html><body>Your feedback report</body></html>";
    let err = refusal("page.xml", page, 64);
    assert!(err.starts_with("The first line is neither"), "{err}");
}

fn fixture_dmarc(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/dmarc/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// A lane's reasons come worst first: what makes it act, Postmaster Tools'
/// spam rate among them, before what only needs watching; and Postmaster
/// Tools' reason names the line it reaches, as the others do.
#[test]
fn a_lanes_reasons_are_worst_first_and_name_their_line() {
    let postmaster = |rate: f64| {
        format!(
            "Postmaster Tools spam rate {rate:.2}% for mail.fernleafcoffee.com on 2027-03-02 reaches the {}",
            if rate >= 0.3 { "0.3% action line" } else { "0.1% watch line" }
        )
    };
    let watched = "complaints 0.15% reach the 0.1% watch line".to_string();
    let acting = "complaints 0.40% reach the 0.3% action line".to_string();
    // (complaints a day, Postmaster's rate, status, reasons)
    let cases = [
        (
            15,
            0.35,
            Status::Act,
            vec![postmaster(0.35), watched.clone()],
        ),
        (
            15,
            0.15,
            Status::Watch,
            vec![watched.clone(), postmaster(0.15)],
        ),
        (
            40,
            0.15,
            Status::Act,
            vec![acting.clone(), postmaster(0.15)],
        ),
        (
            40,
            0.35,
            Status::Act,
            vec![acting.clone(), postmaster(0.35)],
        ),
        (15, 0.05, Status::Watch, vec![watched.clone()]),
    ];
    for (complaints, rate, status, reasons) in cases {
        let mut plan = sample_plan();
        plan.monitoring.postmaster.push(PostmasterEntry {
            id: "postmaster-1".into(),
            date: "2027-03-02".into(),
            domain: "mail.fernleafcoffee.com".into(),
            spam_rate_percent: rate,
        });
        let days = [
            (1, 10_000, 10_000, 0, complaints),
            (2, 10_000, 10_000, 0, complaints),
        ];
        let mut store = Store::default();
        store.add(
            import_bytes(
                "d.csv",
                &days_csv("promotional", &days),
                64,
                &mut Seen::default(),
            )
            .unwrap(),
        );
        let h = health(&plan, &store);
        let promo = h.lanes.iter().find(|l| l.lane == "promotional").unwrap();
        let case = format!("{complaints} complaints a day, Postmaster {rate}%");
        assert_eq!(promo.status, status, "{case}");
        assert_eq!(promo.reasons, reasons, "{case}");
    }
}

/// SES names every address of the message on an open or a click, which
/// is still one recipient's: it counts once.
#[test]
fn an_ses_open_of_a_message_to_four_addresses_counts_once() {
    let event = |kind: &str, sub: &str| {
        format!(
            r#"{{"eventType": "{kind}", "mail": {{"timestamp": "2027-03-01T10:00:00.000Z", "messageId": "ses-4", "source": "news@mail.brand.example", "destination": ["a@gmail.com", "b@yahoo.com", "c@outlook.com", "d@gmail.com"], "tags": {{"ses:configuration-set": ["brand-promotions"]}}}}, "{sub}": {{"timestamp": "2027-03-01T15:00:00.000Z"}}}}"#
        )
    };
    let text = [event("Open", "open"), event("Click", "click")].join("\n");
    let source =
        import_bytes("ses.ndjson", text.as_bytes(), 1 << 20, &mut Seen::default()).unwrap();
    let counts = totals(&source);
    assert_eq!((counts.opens, counts.clicks), (1, 1));
}

/// One SparkPost render sends a top-pixel `initial_open` and a
/// bottom-pixel `open`; it is one open, as SparkPost counts it.
#[test]
fn a_sparkpost_render_with_both_pixels_is_one_open() {
    let event = |kind: &str, id: &str| {
        format!(
            r#"{{"msys": {{"track_event": {{"type": "{kind}", "event_id": "{id}", "timestamp": "1803895200", "rcpt_to": "a@gmail.com", "ip_pool": "promo-pool", "transmission_id": "tx-1"}}}}}}"#
        )
    };
    let text = format!(
        "[{}]",
        [
            event("initial_open", "o-1"),
            event("open", "o-2"),
            event("amp_initial_open", "o-3"),
            event("amp_open", "o-4"),
        ]
        .join(", ")
    );
    let source = import_bytes(
        "sparkpost.json",
        text.as_bytes(),
        1 << 20,
        &mut Seen::default(),
    )
    .unwrap();
    assert_eq!(totals(&source).opens, 2);
}

/// A Postmaster Tools spam rate dated in a week judges that week's row of
/// the weekly review, as it judges the lane's status above the table.
#[test]
fn a_weeks_postmaster_figure_judges_its_row_as_it_judges_the_lane() {
    let mut plan = plan_with_flows_fallback();
    plan.monitoring.postmaster.push(PostmasterEntry {
        id: "postmaster-1".into(),
        date: "2027-03-04".into(),
        domain: "mail.fernleafcoffee.com".into(),
        spam_rate_percent: 0.35,
    });
    let days: Vec<Day> = (1..=7).map(|d| (d, 1_000, 990, 5, 0)).collect();
    let store = store_of_days("promotional", &days);
    let h = health(&plan, &store);
    let promo = h.lanes.iter().find(|l| l.lane == "promotional").unwrap();
    assert_eq!(promo.status, Status::Act);
    let rows = weeks(&h);
    let week: Vec<_> = (rows.iter())
        .filter(|r| r.0 == promo.name)
        .map(|r| (r.1.as_str(), r.3))
        .collect();
    assert_eq!(week, [("2027-03-01", Status::Act)]);
    assert!(weekly_csv(&rows).contains(",Act\n"));
    // A figure between the lines makes an otherwise healthy week Watch.
    plan.monitoring.postmaster[0].spam_rate_percent = 0.15;
    let h = health(&plan, &store);
    let rows = weeks(&h);
    let status = rows.iter().find(|r| r.0 == promo.name).map(|r| r.3);
    assert_eq!(status, Some(Status::Watch));
    plan.monitoring.postmaster.clear();
    let rows = weeks(&health(&plan, &store));
    let status = rows.iter().find(|r| r.0 == promo.name).map(|r| r.3);
    assert_eq!(status, Some(Status::Healthy));
}

/// Postmaster Tools v2 names a metric by the query's own label; a file
/// whose labels name no spam rate says so and how to label it, rather
/// than that it holds nothing.
#[test]
fn a_postmaster_v2_file_without_a_spam_label_says_how_to_label_it() {
    let file = r#"{"domainStats": [
        {"name": "domains/brand.example/domainStats/x", "metric": "user_reported_complaints", "date": {"year": 2027, "month": 3, "day": 25}, "value": {"doubleValue": 0.002}},
        {"name": "domains/brand.example/domainStats/y", "metric": "auth_dkim", "date": {"year": 2027, "month": 3, "day": 25}, "value": {"doubleValue": 0.99}}
    ]}"#;
    let why = refusal("postmaster.json", file.as_bytes(), 1 << 20);
    assert!(
        why.contains("The Postmaster Tools file has no metric labelled as a spam rate."),
        "{why}"
    );
    assert!(
        why.contains("Query SPAM_RATE with a label that holds “spam”"),
        "{why}"
    );
    // Beside a spam rate, other metrics are passed over without a word.
    let both = file.replace("auth_dkim", "spam_rate");
    let source = import_bytes(
        "postmaster.json",
        both.as_bytes(),
        1 << 20,
        &mut Seen::default(),
    )
    .unwrap();
    assert_eq!(source.postmaster.len(), 1);
}
