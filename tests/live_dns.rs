//! Published DNS over DoH: recorded JSON answers (tests/fixtures/doh/)
//! read into typed answers, the session cache, the checks run over it
//! round by round as the browser runs them, the comparison of planned and
//! published records, and the politeness model.

use std::collections::BTreeMap;
use std::net::IpAddr;

use switchyard::dns::live::{
    check, check_name, evidence, parse_retry_after, parse_txt_data, read_answer, view, Cache,
    DohAnswer, Finished, Lookups, Outcome, Politeness, Provider, Question, Scheduler, Verdict,
    View, MAX_ROUNDS,
};
use switchyard::dns::spf::{check_host, SpfQuery, SpfResult};
use switchyard::dns::{RecordData, RecordType};
use switchyard::plan::model::Plan;
use switchyard::plan::sample::sample_plan;

/// 2027-02-10 09:30 UTC, in milliseconds.
const NOW: u64 = 1_802_251_800_000;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/doh/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str) -> DohAnswer {
    read_answer(&fixture(name), name).unwrap_or_else(|d| panic!("{name}: {}", d.message))
}

/// The view of `name type` after storing the fixture as its answer.
fn view_of(file: &str, name: &str, rtype: RecordType) -> (View, Cache) {
    let question = Question::new(name, rtype);
    let mut cache = Cache::new();
    cache.insert_answer(question.clone(), read(file), NOW);
    (view(&cache, &question, NOW), cache)
}

fn txt(text: &str) -> RecordData {
    RecordData::Txt(vec![text.as_bytes().to_vec()])
}

#[test]
fn each_recorded_answer_reads_with_its_status_flags_and_ttl() {
    // (file, status, TC, AD, answer records, authority records, TTL kept)
    let table: &[(&str, u16, bool, bool, usize, usize, u32)] = &[
        ("noerror.json", 0, false, false, 2, 0, 300),
        ("noerror-unquoted.json", 0, false, true, 1, 0, 1800),
        ("nxdomain.json", 3, false, false, 0, 1, 300),
        ("nodata.json", 0, false, false, 0, 1, 120),
        ("truncated.json", 0, true, false, 1, 0, 0),
        ("servfail.json", 2, false, false, 0, 0, 0),
        ("multi-string-txt.json", 0, false, false, 1, 0, 3600),
        ("cname-chain.json", 0, false, false, 3, 0, 300),
    ];
    for &(file, status, tc, ad, answers, authority, ttl) in table {
        let answer = read(file);
        assert_eq!(answer.status, status, "{file}");
        assert_eq!(answer.truncated, tc, "{file}");
        assert_eq!(answer.authenticated, ad, "{file}");
        assert_eq!(answer.answer.len(), answers, "{file}");
        assert_eq!(answer.authority.len(), authority, "{file}");
        assert_eq!(answer.ttl(), ttl, "{file}");
        assert!(answer.notes.is_empty(), "{file}: {:?}", answer.notes);
    }
}

#[test]
fn noerror_gives_the_records_of_the_type_asked() {
    let (v, _) = view_of(
        "noerror.json",
        "bounce.flows.fernleafcoffee.com",
        RecordType::Txt,
    );
    let View::Records {
        chain,
        records,
        ttl,
    } = v
    else {
        panic!("{v:?}")
    };
    assert!(chain.is_empty());
    assert_eq!(ttl, 300);
    assert_eq!(
        records,
        [
            txt("v=spf1 ip4:198.51.100.10 include:sendgrid.net -all"),
            txt("google-site-verification=abc123")
        ]
    );
    // Unquoted data, as some resolvers write TXT, is one string.
    let (v, _) = view_of("noerror-unquoted.json", "sendgrid.net", RecordType::Txt);
    assert!(
        matches!(&v, View::Records { records, .. } if records == &[txt("v=spf1 ip4:167.89.0.0/17 ip4:208.117.48.0/20 ~all")]),
        "{v:?}"
    );
}

#[test]
fn nxdomain_nodata_truncation_and_servfail_each_have_their_meaning() {
    let table: &[(&str, &str, &str)] = &[
        (
            "nxdomain.json",
            "_dmarc.nothing.fernleafcoffee.com",
            "nxdomain",
        ),
        ("nodata.json", "flows.fernleafcoffee.com", "nodata"),
        ("truncated.json", "big.fernleafcoffee.com", "failed"),
        ("servfail.json", "broken.fernleafcoffee.com", "failed"),
    ];
    for &(file, name, expected) in table {
        let (v, cache) = view_of(file, name, RecordType::Txt);
        let got = match &v {
            View::NxDomain { .. } => "nxdomain",
            View::NoData { .. } => "nodata",
            View::Failed(_) => "failed",
            other => panic!("{file}: {other:?}"),
        };
        assert_eq!(got, expected, "{file}");
        // Through the Resolver trait: void answers for SPF, failures as temperror.
        let lookups = Lookups::new(&cache, NOW);
        let answer = switchyard::dns::Resolver::query(&lookups, name, RecordType::Txt);
        assert_eq!(answer.is_void(), expected != "failed", "{file}: {answer:?}");
        assert!(lookups.missing().is_empty());
    }
    let (v, _) = view_of("truncated.json", "big.fernleafcoffee.com", RecordType::Txt);
    assert!(
        matches!(&v, View::Failed(why) if why.contains("truncated")),
        "{v:?}"
    );
}

#[test]
fn a_multi_string_txt_record_is_joined_without_separators() {
    let (v, _) = view_of(
        "multi-string-txt.json",
        "pm._domainkey.receipts.fernleafcoffee.com",
        RecordType::Txt,
    );
    let View::Records { records, .. } = v else {
        panic!("{v:?}")
    };
    let [RecordData::Txt(strings)] = records.as_slice() else {
        panic!("{records:?}")
    };
    assert_eq!(strings.len(), 2);
    let text = String::from_utf8(strings.concat()).unwrap();
    let (key, findings) =
        switchyard::dns::dkim::parse_dkim_key(&text, "pm._domainkey.receipts.fernleafcoffee.com");
    assert_eq!(key.map(|k| k.bits), Some(2048), "{findings:?}");
}

#[test]
fn a_cname_chain_is_followed_to_the_records_at_its_end() {
    let (v, _) = view_of(
        "cname-chain.json",
        "s1._domainkey.flows.fernleafcoffee.com",
        RecordType::Txt,
    );
    let View::Records {
        chain,
        records,
        ttl,
    } = v
    else {
        panic!("{v:?}")
    };
    assert_eq!(
        chain,
        [
            "s1.domainkey.u1234.wl056.sendgrid.net",
            "dkim-s1.u1234.sendgrid-keys.example"
        ]
    );
    assert_eq!(records.len(), 1);
    assert_eq!(ttl, 300);
}

/// The strings a TXT data reads into, or words of the reason it does not.
type Strings = Result<&'static [&'static [u8]], &'static str>;

#[test]
fn txt_presentation_form_is_read_with_its_escapes() {
    let table: &[(&str, Strings)] = &[
        (r#""v=spf1 -all""#, Ok(&[b"v=spf1 -all"])),
        (r#""part one" "part two""#, Ok(&[b"part one", b"part two"])),
        (r#""a\"b" "c\\d""#, Ok(&[b"a\"b", b"c\\d"])),
        (r#""caf\195\169""#, Ok(&[b"caf\xc3\xa9"])),
        (r#""""#, Ok(&[b""])),
        ("v=spf1 -all", Ok(&[b"v=spf1 -all"])),
        (r#""open"#, Err("never closed")),
        (r#""a" junk"#, Err("outside quotes")),
        (r#""\999""#, Err("above 255")),
        ("\"ends\\", Err("lone backslash")),
    ];
    for (data, expected) in table {
        match (parse_txt_data(data), expected) {
            (Ok(got), Ok(want)) => {
                let want: Vec<Vec<u8>> = want.iter().map(|s| s.to_vec()).collect();
                assert_eq!(got, want, "{data}");
            }
            (Err(got), Err(want)) => assert!(got.contains(want), "{data}: {got}"),
            (got, want) => panic!("{data}: {got:?}, expected {want:?}"),
        }
    }
}

#[test]
fn hostile_json_is_read_or_refused_without_panicking() {
    let answer = read("hostile.json");
    // Every unreadable entry is left out with a note naming its place.
    assert!(answer.notes.len() >= 5, "{:?}", answer.notes);
    assert!(answer
        .notes
        .iter()
        .any(|d| d.path.ends_with("$.Answer[2]") && d.message.contains("IPv4")));
    assert!(answer.notes.iter().any(|d| d.path.ends_with("$.Authority")));
    // A CNAME loop ends; records owned by names off the chain are ignored.
    let question = Question::new("a.example", RecordType::Txt);
    let mut cache = Cache::new();
    cache.insert_answer(question.clone(), answer, NOW);
    let v = view(&cache, &question, NOW);
    assert!(
        matches!(&v, View::NoData { chain } if chain == &["b.example"]),
        "{v:?}"
    );
    let refusals: &[(&str, &str)] = &[
        ("", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        (r#"{"Answer": []}"#, "no numeric Status"),
        (r#"{"Status": "0"}"#, "no numeric Status"),
        (r#"{"Status": 70000}"#, "no numeric Status"),
        ("{\"Status\": 0,", "not JSON"),
    ];
    for (body, why) in refusals {
        let error = read_answer(body, "test").expect_err(body);
        assert!(error.message.contains(why), "{body}: {}", error.message);
    }
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(read_answer(&deep, "deep").is_err());
    let huge = format!("{{\"Status\":0,\"x\":\"{}\"}}", "a".repeat(300 * 1024));
    assert!(read_answer(&huge, "huge")
        .unwrap_err()
        .message
        .contains("bytes"));
}

#[test]
fn names_are_checked_before_any_query() {
    let table: &[(&str, Option<&str>)] = &[
        ("bounce.flows.fernleafcoffee.com", None),
        ("_dmarc.fernleafcoffee.com", None),
        ("s1._domainkey.xn--caf-dma.example", None),
        ("4.3.2.1.in-addr.arpa", None),
        (
            "<token1>._domainkey.mail.fernleafcoffee.com",
            Some("placeholder"),
        ),
        ("localhost", Some("single label")),
        ("a..example", Some("empty label")),
        ("Upper.example", Some("lower case")),
        ("a.example&type=ANY", Some("“&”")),
        ("a b.example", Some("“ ”")),
        ("192.0.2.1", Some("all digits")),
        ("", Some("empty")),
    ];
    for &(name, why) in table {
        match (check_name(name), why) {
            (Ok(()), None) => {}
            (Err(got), Some(want)) => assert!(got.contains(want), "{name}: {got}"),
            (got, want) => panic!("{name}: {got:?}, expected {want:?}"),
        }
    }
    let long = format!("{}.example", "a".repeat(64));
    assert!(check_name(&long).unwrap_err().contains("63"));
    let too_long = format!("{}example", "abcdefghi.".repeat(25));
    assert!(check_name(&too_long).unwrap_err().contains("253"));
}

/// The recorded answers of a zone, by `name TYPE`; a question with no
/// recorded answer gets NXDOMAIN, as a resolver would answer.
struct Recorded(BTreeMap<String, String>);

impl Recorded {
    fn from_fixture(file: &str) -> Recorded {
        let value: serde_json::Value = serde_json::from_str(&fixture(file)).unwrap();
        let answers = value["answers"].as_object().unwrap();
        Recorded(
            answers
                .iter()
                .map(|(k, v)| (k.clone(), v.to_string()))
                .collect(),
        )
    }

    fn answer(&self, question: &Question) -> DohAnswer {
        let key = question.describe();
        let body = self.0.get(&key).cloned().unwrap_or_else(|| {
            r#"{"Status": 3, "Authority": [{"name": "example.", "type": 6, "TTL": 60, "data": "a. b. 1 2 3 4 60"}]}"#.to_string()
        });
        read_answer(&body, &key).unwrap()
    }
}

/// Runs `check_host` as the browser does: over the cache, fetching what it
/// lacked, until nothing is missing. Returns the outcome and the rounds.
fn spf_in_rounds(
    zone: &Recorded,
    ip: &str,
    domain: &str,
) -> (switchyard::dns::spf::SpfOutcome, u32) {
    let mut cache = Cache::new();
    let mail_from = format!("bounce@{domain}");
    for round in 1..=MAX_ROUNDS {
        let lookups = Lookups::new(&cache, NOW);
        let query = SpfQuery {
            ip: ip.parse::<IpAddr>().unwrap(),
            mail_from: &mail_from,
            helo: domain,
            receiver: "receiver.example",
            timestamp: 0,
        };
        let outcome = check_host(&lookups, &query);
        let missing = lookups.missing();
        if missing.is_empty() {
            return (outcome, round);
        }
        for question in missing {
            assert!(check_name(&question.name).is_ok(), "{question:?}");
            let answer = zone.answer(&question);
            cache.insert_answer(question, answer, NOW);
        }
    }
    panic!("no end within {MAX_ROUNDS} rounds");
}

#[test]
fn a_provider_include_nine_levels_deep_is_followed_with_the_real_lookup_count() {
    let zone = Recorded::from_fixture("nested-include.json");
    let (outcome, rounds) = spf_in_rounds(&zone, "192.0.2.25", "bounce.nine.example");
    assert_eq!(outcome.result, SpfResult::Pass, "{:#?}", outcome.trace);
    assert_eq!(outcome.dns_terms, 9);
    assert_eq!(
        rounds, 11,
        "one round per level, plus the record and the end"
    );
    // An address outside the provider's ranges fails at the deepest level.
    let (outcome, _) = spf_in_rounds(&zone, "198.51.100.1", "bounce.nine.example");
    assert_eq!(outcome.result, SpfResult::Fail);
    assert_eq!(outcome.dns_terms, 9);
    // Two more lookups after the include pass the limit of ten.
    let (outcome, _) = spf_in_rounds(&zone, "198.51.100.1", "bounce.over.example");
    assert_eq!(outcome.result, SpfResult::PermError, "{:#?}", outcome.trace);
    assert_eq!(outcome.dns_terms, 11);
}

/// A zone as a resolver would serve it: (name, type code, TTL, data).
struct Served(Vec<(String, u16, u32, String)>);

impl Served {
    fn new(records: &[(&str, u16, &str)]) -> Served {
        Served(
            records
                .iter()
                .map(|(n, t, d)| (n.to_string(), *t, 3600, d.to_string()))
                .collect(),
        )
    }

    /// A DoH JSON answer, CNAMEs followed as a recursive resolver does.
    fn json(&self, question: &Question) -> String {
        let code = switchyard::dns::live::type_code(question.rtype);
        let mut owner = question.name.clone();
        let mut answer = Vec::new();
        for _ in 0..8 {
            let here: Vec<&(String, u16, u32, String)> =
                self.0.iter().filter(|r| r.0 == owner).collect();
            if let Some(cname) = here.iter().find(|r| r.1 == 5 && code != 5) {
                answer.push(
                    serde_json::json!({"name": owner, "type": 5, "TTL": cname.2, "data": cname.3}),
                );
                owner = cname.3.trim_end_matches('.').to_string();
                continue;
            }
            for r in here.iter().filter(|r| r.1 == code) {
                answer.push(serde_json::json!({"name": r.0, "type": r.1, "TTL": r.2, "data": r.3}));
            }
            break;
        }
        let exists = self
            .0
            .iter()
            .any(|r| r.0 == owner || r.0.ends_with(&format!(".{owner}")));
        let status = if answer.is_empty() && !exists { 3 } else { 0 };
        serde_json::json!({
            "Status": status, "TC": false, "RD": true, "RA": true, "AD": false, "CD": false,
            "Question": [{"name": question.name, "type": code}],
            "Answer": answer,
            "Authority": [{"name": "fernleafcoffee.com", "type": 6, "TTL": 300, "data": "ns1.example. h.example. 1 7200 3600 1209600 300"}]
        })
        .to_string()
    }

    /// Checks the plan round by round and returns the last report.
    fn check(&self, plan: &Plan) -> switchyard::dns::live::LiveReport {
        let mut cache = Cache::new();
        for _ in 0..MAX_ROUNDS {
            let report = check(plan, &cache, Provider::Google, NOW);
            if report.complete() {
                return report;
            }
            for question in report.missing {
                let body = self.json(&question);
                let answer = read_answer(&body, &question.describe()).unwrap();
                cache.insert_answer(question, answer, NOW);
            }
        }
        panic!("no end within {MAX_ROUNDS} rounds");
    }
}

const KEY: &str = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtajWQItzTciZXPV1ZbW9np2UxmEHQ0zWnd/x1GJou6NVMrRktHNqg0DmApTDRxMM6bagVi7taum8syFPlmI6nFFoNn/y8zhR6nLIXh5GNMbx/UwDC8ph5gbtWAWFxg2v481ueOFbQXKz8DjcZGU+wFrugkkr1tl1norwmOExieSs+hEfWJqBY9kIrIj+REtpmB/+E2XgcIFtjEiEDe8kg6GNrzYfahLVaJt5qQnIGkBCVJoxOhYyyuDeuMYQlsZberHL4Gq57uBq+WtY/L6xAyy+prxYMsMpZowOIgZPlKGaZGItSp9gvBzBkbZ4YsRIOJ+NWd1OtoR+gkaATPr+xwIDAQAB";

/// The sample plan's revenue-flows lane published as planned, with its
/// SPF record and DKIM key behind SendGrid's CNAMEs; the DMARC record at
/// today's stage; and the promotional lane's bounce records alone, its SPF
/// terms reordered.
fn published_sample() -> Vec<(String, u16, String)> {
    let q = |s: &str| format!("\"{s}\"");
    vec![
        ("bounce.flows.fernleafcoffee.com".into(), 5, "u1234.wl056.sendgrid.net.".into()),
        ("u1234.wl056.sendgrid.net".into(), 16, q("v=spf1 include:sendgrid.net ip4:198.51.100.10 ~all")),
        ("bounce.mail.fernleafcoffee.com".into(), 16, q("v=spf1 include:amazonses.com ip4:203.0.113.11 ip4:203.0.113.10 -all")),
        ("bounce.mail.fernleafcoffee.com".into(), 15, "10 feedback-smtp.us-east-1.amazonses.com.".into()),
        ("amazonses.com".into(), 16, q("v=spf1 ip4:199.255.192.0/22 ~all")),
        ("flows.fernleafcoffee.com".into(), 16, q("v=spf1 -all")),
        ("s1._domainkey.flows.fernleafcoffee.com".into(), 5, "s1.domainkey.u1234.wl056.sendgrid.net.".into()),
        ("s1.domainkey.u1234.wl056.sendgrid.net".into(), 16, format!("\"v=DKIM1; k=rsa; p={}\" \"{}\"", &KEY[..200], &KEY[200..])),
        ("s2._domainkey.flows.fernleafcoffee.com".into(), 5, "s2.domainkey.u1234.wl056.sendgrid.net.".into()),
        ("s2.domainkey.u1234.wl056.sendgrid.net".into(), 16, format!("\"v=DKIM1; k=rsa; p={}\" \"{}\"", &KEY[..200], &KEY[200..])),
        ("links.flows.fernleafcoffee.com".into(), 5, "sendgrid.net.".into()),
        ("sendgrid.net".into(), 1, "167.89.115.1".into()),
        ("sendgrid.net".into(), 16, q("v=spf1 ip4:167.89.0.0/17 ~all")),
        ("_dmarc.fernleafcoffee.com".into(), 16, q("v=DMARC1; p=quarantine; sp=quarantine; rua=mailto:dmarc-reports@fernleafcoffee.com")),
    ]
}

fn served(records: &[(String, u16, String)]) -> Served {
    let borrowed: Vec<(&str, u16, &str)> = records
        .iter()
        .map(|(n, t, d)| (n.as_str(), *t, d.as_str()))
        .collect();
    Served::new(&borrowed)
}

fn verdict_at(report: &switchyard::dns::live::LiveReport, name: &str) -> (Verdict, String) {
    let record = report
        .records
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no record {name}"));
    (record.verdict, record.note.clone())
}

#[test]
fn a_lane_published_as_planned_passes_with_the_same_checks() {
    let report = served(&published_sample()).check(&sample_plan());
    assert_eq!(report.checked_at, "2027-02-10 09:30 UTC");
    let table: &[(&str, Verdict, &str)] = &[
        (
            "bounce.flows.fernleafcoffee.com",
            Verdict::Present,
            "pattern",
        ),
        (
            "bounce.mail.fernleafcoffee.com",
            Verdict::Equal,
            "another order",
        ),
        ("flows.fernleafcoffee.com", Verdict::Equal, ""),
        (
            "s1._domainkey.flows.fernleafcoffee.com",
            Verdict::Present,
            "pattern",
        ),
        ("links.flows.fernleafcoffee.com", Verdict::Equal, ""),
        ("_dmarc.fernleafcoffee.com", Verdict::Equal, ""),
        (
            "<token1>._domainkey.mail.fernleafcoffee.com",
            Verdict::Unknown,
            "placeholder",
        ),
        (
            "<token3>._domainkey.mail.fernleafcoffee.com",
            Verdict::Unknown,
            "placeholder",
        ),
    ];
    for &(name, verdict, note) in table {
        let (got, got_note) = verdict_at(&report, name);
        assert_eq!(got, verdict, "{name}: {got_note}");
        assert!(got_note.contains(note), "{name}: {got_note}");
    }
    // No query for the placeholder names; each is listed as not sent.
    for n in 1..=3 {
        let token = format!("<token{n}>");
        assert!(report.refused.iter().any(|r| r.name.contains(&token)));
    }
    let lane = report
        .lanes
        .iter()
        .find(|l| l.lane_id == "revenue-flows")
        .unwrap();
    assert_eq!(lane.spf.len(), 1);
    assert_eq!(lane.spf[0].result, switchyard::dns::spf::SpfResult::Pass);
    assert_eq!(lane.dmarc_at.as_deref(), Some("_dmarc.fernleafcoffee.com"));
    assert_eq!(lane.dmarc_policy.as_deref(), Some("quarantine"));
    assert_eq!(lane.dkim.key.as_deref(), Some("RSA key of 2048 bits"));
    assert_eq!(lane.dkim.via, ["s1.domainkey.u1234.wl056.sendgrid.net"]);
    assert_eq!(lane.links.len(), 1);
    assert!(lane.links[0].resolves);
    assert!(lane.passed, "{}", lane.summary);
    let proof = evidence(&report);
    let flows = proof.iter().find(|e| e.lane == "revenue-flows").unwrap();
    assert!(flows.passed);
    assert_eq!(flows.day, "2027-02-10");
    assert!(
        flows
            .sentence
            .contains("2027-02-10 09:30 UTC through dns.google"),
        "{}",
        flows.sentence
    );
    // The other lanes have nothing published.
    assert!(proof
        .iter()
        .filter(|e| e.lane != "revenue-flows")
        .all(|e| !e.passed));
}

#[test]
fn differences_are_told_apart_by_whether_they_matter() {
    // (name, published TXT, verdict, words in the note)
    let table: &[(&str, &[&str], Verdict, &str)] = &[
        (
            "_dmarc.fernleafcoffee.com",
            &["v=DMARC1; p=none; rua=mailto:dmarc-reports@fernleafcoffee.com"],
            Verdict::Different,
            "p: planned quarantine, published none",
        ),
        (
            "_dmarc.fernleafcoffee.com",
            &["v=DMARC1;p=QUARANTINE;rua=mailto:DMARC-reports@fernleafcoffee.com; adkim=r"],
            Verdict::Equal,
            "",
        ),
        (
            "_dmarc.fernleafcoffee.com",
            &["v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@fernleafcoffee.com; fo=1"],
            Verdict::Harmless,
            "fo",
        ),
        (
            "_dmarc.fernleafcoffee.com",
            &["v=DMARC1; p=none", "v=DMARC1; p=reject"],
            Verdict::Conflict,
            "apply none",
        ),
        (
            "bounce.mail.fernleafcoffee.com",
            &[
                "v=spf1 ip4:203.0.113.10 ip4:203.0.113.11 include:amazonses.com -all",
                "v=spf1 -all",
            ],
            Verdict::Conflict,
            "permerror",
        ),
        (
            "bounce.mail.fernleafcoffee.com",
            &["v=spf1 ip4:203.0.113.10 ip4:203.0.113.11 ip4:203.0.113.5 include:amazonses.com -all"],
            Verdict::Harmless,
            "ip4:203.0.113.5",
        ),
        (
            "bounce.mail.fernleafcoffee.com",
            &["v=spf1 ip4:203.0.113.10 ip4:203.0.113.11 include:amazonses.com ~all"],
            Verdict::Different,
            "not planned ~all",
        ),
        (
            "bounce.mail.fernleafcoffee.com",
            &["v=spf1 ip4:203.0.113.10 ip4:203.0.113.11 include:amazonses.com"],
            Verdict::Different,
            "missing -all",
        ),
        (
            "bounce.mail.fernleafcoffee.com",
            &["v=spf1 ip4:198.51.100.300 -all"],
            Verdict::Different,
            "does not parse",
        ),
        (
            "bounce.mail.fernleafcoffee.com",
            &["google-site-verification=x"],
            Verdict::Missing,
            "none of this kind",
        ),
    ];
    for &(name, texts, verdict, note) in table {
        let mut records: Vec<(String, u16, String)> = published_sample()
            .into_iter()
            .filter(|r| !(r.0 == name && r.1 == 16))
            .collect();
        for text in texts {
            records.push((name.to_string(), 16, format!("\"{text}\"")));
        }
        let report = served(&records).check(&sample_plan());
        let (got, got_note) = verdict_at(&report, name);
        assert_eq!(got, verdict, "{texts:?}: {got_note}");
        assert!(got_note.contains(note), "{texts:?}: {got_note}");
        let record = report.records.iter().find(|r| r.name == name).unwrap();
        assert_eq!(record.published.len(), texts.len(), "both values are shown");
        assert_eq!(record.ttl, Some(3600));
        assert_eq!(record.checked_at.as_deref(), Some("2027-02-10 09:30 UTC"));
        // The promotional lane's other records are not published here.
        if name.starts_with("bounce.mail.") {
            continue;
        }
        let lane = report
            .lanes
            .iter()
            .find(|l| l.lane_id == "revenue-flows")
            .unwrap();
        assert_eq!(lane.passed, verdict.ok(), "{texts:?}: {}", lane.summary);
    }
}

#[test]
fn np_compares_as_receivers_apply_it() {
    use switchyard::plan::model::DmarcPolicy;
    let name = "_dmarc.fernleafcoffee.com";
    let rua = "rua=mailto:dmarc-reports@fernleafcoffee.com";
    // (np in the plan, published tags after v=DMARC1, verdict, words in the note)
    let table: &[(Option<DmarcPolicy>, String, Verdict, &str)] = &[
        // np left out falls back to sp, and sp to p.
        (
            None,
            format!("p=quarantine; sp=quarantine; np=quarantine; {rua}"),
            Verdict::Equal,
            "",
        ),
        (
            None,
            format!("p=quarantine; np=quarantine; {rua}"),
            Verdict::Equal,
            "",
        ),
        (
            None,
            format!("p=quarantine; np=reject; {rua}"),
            Verdict::Different,
            "np: planned absent, published reject",
        ),
        (
            Some(DmarcPolicy::Reject),
            format!("p=quarantine; sp=quarantine; np=reject; {rua}"),
            Verdict::Equal,
            "",
        ),
        (
            Some(DmarcPolicy::Reject),
            format!("p=QUARANTINE; NP=Reject; {rua}"),
            Verdict::Equal,
            "",
        ),
        (
            Some(DmarcPolicy::Reject),
            format!("p=quarantine; {rua}"),
            Verdict::Different,
            "np: planned reject, published absent",
        ),
        (
            Some(DmarcPolicy::Quarantine),
            format!("p=quarantine; {rua}"),
            Verdict::Equal,
            "",
        ),
    ];
    for (np, tags, verdict, note) in table {
        let mut plan = sample_plan();
        plan.dmarc.np = *np;
        let mut records: Vec<(String, u16, String)> = published_sample()
            .into_iter()
            .filter(|r| !(r.0 == name && r.1 == 16))
            .collect();
        records.push((name.to_string(), 16, format!("\"v=DMARC1; {tags}\"")));
        let (got, got_note) = verdict_at(&served(&records).check(&plan), name);
        assert_eq!(got, *verdict, "{np:?} {tags}: {got_note}");
        assert!(got_note.contains(note), "{np:?} {tags}: {got_note}");
    }
}

#[test]
fn a_missing_dkim_key_and_a_wrong_cname_fail_the_lane() {
    let cases: &[(&str, Verdict)] = &[
        ("drop-key", Verdict::Different),
        ("drop-cname", Verdict::Missing),
        ("wrong-target", Verdict::Different),
    ];
    for &(case, verdict) in cases {
        let records: Vec<(String, u16, String)> = published_sample()
            .into_iter()
            .filter_map(|mut r| match (case, r.0.as_str()) {
                ("drop-key", "s1.domainkey.u1234.wl056.sendgrid.net") => None,
                ("drop-cname", "s1._domainkey.flows.fernleafcoffee.com") => None,
                ("wrong-target", "s1._domainkey.flows.fernleafcoffee.com") => {
                    r.2 = "s1.domainkey.u1234.wl056.mailgun.org.".into();
                    Some(r)
                }
                _ => Some(r),
            })
            .collect();
        let report = served(&records).check(&sample_plan());
        let (got, note) = verdict_at(&report, "s1._domainkey.flows.fernleafcoffee.com");
        assert_eq!(got, verdict, "{case}: {note}");
        let lane = report
            .lanes
            .iter()
            .find(|l| l.lane_id == "revenue-flows")
            .unwrap();
        assert!(lane.dkim.key.is_none(), "{case}");
        assert!(!lane.passed, "{case}");
        assert!(
            lane.summary.contains("no usable DKIM key"),
            "{case}: {}",
            lane.summary
        );
        // Each record that is not as planned is named with its type, so
        // two records at one name are told apart.
        let named = format!(
            "s1._domainkey.flows.fernleafcoffee.com CNAME {}",
            got.label()
        );
        assert!(lane.summary.contains(&named), "{case}: {}", lane.summary);
    }
}

#[test]
fn failures_leave_records_unchecked_with_the_reason() {
    let mut cache = Cache::new();
    let plan = sample_plan();
    let first = check(&plan, &cache, Provider::Cloudflare, NOW);
    assert!(!first.missing.is_empty());
    assert!(first.records.iter().all(|r| r.verdict == Verdict::Unknown));
    for question in &first.missing {
        cache.insert_failure(
            question.clone(),
            "the resolver could not be reached (offline)".into(),
            NOW,
        );
    }
    let second = check(&plan, &cache, Provider::Cloudflare, NOW);
    assert!(
        second.complete(),
        "failures end the check: {:?}",
        second.missing
    );
    assert!(second
        .failed
        .iter()
        .any(|f| f.contains("could not be reached")));
    let (verdict, note) = verdict_at(&second, "bounce.flows.fernleafcoffee.com");
    assert_eq!(verdict, Verdict::Unknown);
    assert!(note.contains("could not be reached"), "{note}");
    let lane = second
        .lanes
        .iter()
        .find(|l| l.lane_id == "revenue-flows")
        .unwrap();
    assert_eq!(
        lane.spf[0].result,
        switchyard::dns::spf::SpfResult::TempError
    );
    // A lookup that failed proves nothing: no lane is judged, the checklist
    // gets no evidence, and no record shows a time it was checked.
    for lane in &second.lanes {
        assert!(lane.unchecked && !lane.passed, "{}", lane.lane_id);
        assert!(lane.summary.starts_with("not checked"), "{}", lane.summary);
    }
    assert_eq!(evidence(&second), vec![]);
    assert!(second.unreachable());
    assert!(second.records.iter().all(|r| r.checked_at.is_none()));
    // A failure is not kept past the check: the next check asks again.
    let later = check(&plan, &cache, Provider::Cloudflare, NOW + 1);
    assert_eq!(later.missing.len(), first.missing.len());
}

#[test]
fn answers_are_cached_for_their_ttl() {
    let question = Question::new("bounce.flows.fernleafcoffee.com", RecordType::Txt);
    let mut cache = Cache::new();
    cache.insert_answer(question.clone(), read("noerror.json"), NOW);
    assert!(cache.get(&question, NOW + 300_000).is_some());
    assert!(cache.get(&question, NOW + 300_001).is_none());
    let nodata = Question::new("flows.fernleafcoffee.com", RecordType::Txt);
    cache.insert_answer(nodata.clone(), read("nodata.json"), NOW);
    assert!(cache.get(&nodata, NOW + 120_000).is_some());
    assert!(cache.get(&nodata, NOW + 120_001).is_none());
    let servfail = Question::new("broken.fernleafcoffee.com", RecordType::Txt);
    cache.insert_answer(servfail.clone(), read("servfail.json"), NOW);
    assert!(cache.get(&servfail, NOW).is_some());
    assert!(cache.get(&servfail, NOW + 1).is_none());
}

#[test]
fn the_resolvers_urls_carry_only_checked_names() {
    let q = Question::new("Bounce.Flows.FernleafCoffee.com.", RecordType::Txt);
    assert_eq!(
        Provider::Google.url(&q),
        "https://dns.google/resolve?name=bounce.flows.fernleafcoffee.com&type=TXT"
    );
    assert_eq!(
        Provider::Cloudflare.url(&Question::new("_dmarc.x.example", RecordType::Mx)),
        "https://cloudflare-dns.com/dns-query?name=_dmarc.x.example&type=MX"
    );
    for p in Provider::ALL {
        assert_eq!(Provider::from_key(p.key()), Some(p));
        assert_eq!(p.accept(), "application/dns-json");
    }
}

fn question(i: u32) -> Question {
    Question::new(&format!("n{i}.example"), RecordType::Txt)
}

#[test]
fn at_most_four_queries_are_in_flight() {
    let mut s = Scheduler::new(Politeness::default());
    for i in 0..10 {
        s.push(question(i));
    }
    s.push(question(0));
    assert_eq!(s.queued(), 10, "a question is queued once");
    let started = s.start(0);
    assert_eq!(started.len(), 4);
    assert_eq!(s.start(0).len(), 0, "no slot is free");
    assert_eq!(
        s.finish(&started[0].question, Outcome::Answered, 10),
        Finished::Done
    );
    let next = s.start(10);
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].question, question(4));
    assert_eq!(s.in_flight(), 4);
    assert_eq!(
        s.finish(&question(99), Outcome::Answered, 10),
        Finished::Ignored
    );
}

#[test]
fn a_429_pauses_every_query_for_its_retry_after() {
    let mut s = Scheduler::new(Politeness::default());
    for i in 0..6 {
        s.push(question(i));
    }
    let started = s.start(0);
    let throttled = Outcome::Http {
        status: 429,
        retry_after: Some("3".into()),
    };
    assert_eq!(
        s.finish(&started[0].question, throttled, 100),
        Finished::Retry { at_ms: 3_100 }
    );
    assert!(s.start(3_099).is_empty(), "paused until Retry-After passes");
    let resumed = s.start(3_100);
    assert_eq!(resumed.len(), 1);
    assert_eq!(
        s.wake_at(),
        Some(3_100),
        "the retried question waits for the pause"
    );
    // Without Retry-After the back-off doubles per try.
    let mut s = Scheduler::new(Politeness::default());
    s.push(question(1));
    let mut at = 0;
    for (attempt, delay) in [(1, 1_000), (2, 2_000), (3, 4_000)] {
        let started = s.start(at);
        assert_eq!(started.len(), 1);
        assert_eq!(started[0].attempt, attempt);
        let outcome = Outcome::Http {
            status: 503,
            retry_after: None,
        };
        assert_eq!(
            s.finish(&question(1), outcome, at),
            Finished::Retry { at_ms: at + delay }
        );
        at += delay;
    }
    s.start(at);
    let gave_up = s.finish(
        &question(1),
        Outcome::Http {
            status: 503,
            retry_after: None,
        },
        at,
    );
    assert!(
        matches!(&gave_up, Finished::GaveUp(why) if why.contains("HTTP 503") && why.contains("4 tries")),
        "{gave_up:?}"
    );
    assert!(s.is_idle());
}

#[test]
fn a_long_retry_after_or_a_refusal_ends_the_question() {
    let mut s = Scheduler::new(Politeness::default());
    s.push(question(1));
    s.push(question(2));
    s.start(0);
    let long = Outcome::Http {
        status: 429,
        retry_after: Some("3600".into()),
    };
    assert!(
        matches!(s.finish(&question(1), long, 0), Finished::GaveUp(why) if why.contains("3600 seconds"))
    );
    let bad = Outcome::Http {
        status: 400,
        retry_after: None,
    };
    assert!(
        matches!(s.finish(&question(2), bad, 0), Finished::GaveUp(why) if why.contains("HTTP 400"))
    );
    assert_eq!(
        parse_retry_after("Wed, 10 Feb 2027 09:30:05 GMT", NOW),
        Some(5_000)
    );
    assert_eq!(
        parse_retry_after("Wed, 10 Feb 2027 09:29:00 GMT", NOW),
        Some(0)
    );
    assert_eq!(parse_retry_after(" 7 ", NOW), Some(7_000));
    assert_eq!(parse_retry_after("soon", NOW), None);
    assert_eq!(
        parse_retry_after("Wed, 99 Feb 2027 09:29:00 GMT", NOW),
        None
    );
}

#[test]
fn an_unreachable_resolver_is_given_up_without_hammering_it() {
    let mut s = Scheduler::new(Politeness::default());
    for i in 0..8 {
        s.push(question(i));
    }
    let started = s.start(0);
    let offline = || Outcome::Network("Failed to fetch".into());
    assert!(matches!(
        s.finish(&started[0].question, offline(), 5),
        Finished::Retry { at_ms: 1_005 }
    ));
    assert!(matches!(
        s.finish(&started[1].question, offline(), 6),
        Finished::Retry { .. }
    ));
    let third = s.finish(&started[2].question, offline(), 7);
    assert!(
        matches!(&third, Finished::GaveUp(why) if why.contains("could not be reached")),
        "{third:?}"
    );
    // The questions still waiting are given up at once, each reported once.
    let abandoned = s.abandoned();
    // Four never sent, and the two tries waiting to be retried.
    assert_eq!(abandoned.len(), 6);
    assert!(s.abandoned().is_empty());
    assert_eq!(s.in_flight(), 1);
    assert_eq!(s.sent(), 4);
}

#[test]
fn a_query_that_takes_too_long_times_out() {
    let policy = Politeness::default();
    let mut s = Scheduler::new(policy);
    s.push(question(1));
    s.start(1_000);
    assert_eq!(s.wake_at(), Some(1_000 + policy.timeout_ms));
    assert!(s.time_out(1_000 + policy.timeout_ms - 1).is_empty());
    let late = s.time_out(1_000 + policy.timeout_ms);
    assert_eq!(late.len(), 1);
    assert!(matches!(late[0].1, Finished::Retry { .. }));
    // A late answer for a try that timed out is dropped.
    assert_eq!(
        s.finish(&question(1), Outcome::Answered, 9_500),
        Finished::Ignored
    );
}

#[test]
fn the_checklist_takes_a_passing_check_as_proof_with_its_date() {
    use switchyard::plan::model::{Item, ItemStatus};
    use switchyard::review::findings::{dns_part, findings_with};
    let plan = sample_plan();
    let day = chrono::NaiveDate::from_ymd_opt(2027, 2, 10).unwrap();
    let report = served(&published_sample()).check(&plan);
    let proof = switchyard::dns::live::proof(&report);
    let part = std::rc::Rc::new(dns_part(&plan, day, None));
    let with = findings_with(
        &plan,
        day,
        part.clone(),
        &Default::default(),
        &proof,
        &Default::default(),
    );
    let without = findings_with(
        &plan,
        day,
        part,
        &Default::default(),
        &Default::default(),
        &Default::default(),
    );
    let row = |f: &switchyard::review::findings::Findings, item: Item, lane: &str| {
        f.checklist
            .steps
            .iter()
            .chain(&f.checklist.implementation)
            .find(|r| r.item == item && r.lane == lane)
            .cloned()
            .unwrap()
    };
    for item in [Item::Authenticate, Item::AuthConfigured] {
        let passed = row(&with, item, "revenue-flows");
        assert_eq!(passed.status, ItemStatus::Done);
        assert!(passed.proven);
        assert!(
            passed
                .evidence
                .contains("Checked in published DNS on 2027-02-10 09:30 UTC"),
            "{}",
            passed.evidence
        );
        // A failing check is a suggestion the team may override.
        let failing = row(&with, item, "promotional");
        assert_eq!(failing.status, ItemStatus::InProgress);
        assert!(!failing.proven);
        assert!(failing.evidence.contains("records published as planned"));
        assert_ne!(
            row(&without, item, "revenue-flows").evidence,
            passed.evidence
        );
    }
}

#[test]
fn a_failing_third_party_include_is_a_temperror_not_an_unchecked_lane() {
    let zone = served(&published_sample());
    let plan = sample_plan();
    let mut cache = Cache::new();
    let mut report = check(&plan, &cache, Provider::Google, NOW);
    for _ in 0..MAX_ROUNDS {
        if report.complete() {
            break;
        }
        for question in report.missing {
            // The provider's own SPF record cannot be had.
            if question.name == "sendgrid.net" && question.rtype == RecordType::Txt {
                cache.insert_failure(question, "the resolver answered SERVFAIL".into(), NOW);
                continue;
            }
            let answer = read_answer(&zone.json(&question), &question.describe()).unwrap();
            cache.insert_answer(question, answer, NOW);
        }
        report = check(&plan, &cache, Provider::Google, NOW);
    }
    assert!(report.complete() && !report.unreachable());
    let lane = report
        .lanes
        .iter()
        .find(|l| l.lane_id == "revenue-flows")
        .unwrap();
    // The lane's own records answered, so it is judged: SPF fails as a
    // receiver's would, and the checklist hears of it.
    assert!(!lane.unchecked && !lane.passed, "{}", lane.summary);
    assert!(lane
        .spf
        .iter()
        .any(|v| v.result == switchyard::dns::spf::SpfResult::TempError));
    assert!(evidence(&report)
        .iter()
        .any(|e| e.lane == "revenue-flows" && !e.passed));
}

#[test]
fn a_published_return_path_cname_of_an_earlier_provider_is_called_stale() {
    // (bounce name, the CNAME published there, verdict, words in the note)
    let table: &[(&str, &str, Verdict, &[&str])] = &[
        // The promotional lane is on Amazon SES, whose SPF and MX the plan
        // publishes; the name still leads to SendGrid.
        (
            "bounce.mail.fernleafcoffee.com",
            "u1234.wl056.sendgrid.net.",
            Verdict::Different,
            &[
                "CNAME to u1234.wl056.sendgrid.net, SendGrid's host, stale from an earlier setup",
                "Amazon SES is not authorised there",
                "the planned TXT record",
            ],
        ),
        // The revenue-flows lane is on SendGrid; the name leads to Postmark.
        (
            "bounce.flows.fernleafcoffee.com",
            "pm.mtasv.net.",
            Verdict::Different,
            &[
                "pm.mtasv.net, Postmark's host",
                "the planned CNAME to u<account>.wl<id>.sendgrid.net",
            ],
        ),
        // A host of no provider known here.
        (
            "bounce.mail.fernleafcoffee.com",
            "bounces.oldesp.example.",
            Verdict::Different,
            &["bounces.oldesp.example, another provider's host"],
        ),
        // SendGrid's own CNAME is no earlier setup.
        (
            "bounce.flows.fernleafcoffee.com",
            "u1234.wl056.sendgrid.net.",
            Verdict::Present,
            &["pattern"],
        ),
    ];
    for &(name, target, verdict, said) in table {
        let mut records: Vec<(String, u16, String)> = (published_sample().into_iter())
            .filter(|r| r.0 != name)
            .collect();
        records.push((name.into(), 5, target.into()));
        let q = |s: &str| format!("\"{s}\"");
        let host = target.trim_end_matches('.').to_string();
        records.push((host.clone(), 16, q("v=spf1 include:oldesp.example -all")));
        records.push((host, 15, "10 mx.oldesp.example.".into()));
        let report = served(&records).check(&sample_plan());
        let (got, note) = verdict_at(&report, name);
        assert_eq!(got, verdict, "{name} → {target}: {note}");
        for words in said {
            assert!(note.contains(words), "{name} → {target}: {note}");
        }
    }
}

#[test]
fn a_dkim_name_the_provider_picks_is_explained_by_that_provider() {
    let report = served(&published_sample()).check(&sample_plan());
    // (lane, words of the note on its unchecked key)
    let table = [
        ("transactional", "Postmark picks the DKIM selector"),
        ("promotional", "Amazon SES names its Easy DKIM records"),
    ];
    for (id, words) in table {
        let lane = report.lanes.iter().find(|l| l.lane_id == id).unwrap();
        assert_eq!(lane.dkim.name, None, "{id}");
        assert!(
            lane.dkim.note.starts_with(words),
            "{id}: {}",
            lane.dkim.note
        );
    }
}

#[test]
fn a_stricter_dmarc_policy_found_published_is_the_error_a_pasted_one_is() {
    use switchyard::plan::edit::Edit;
    use switchyard::plan::state::{apply, Action, PlannerState};
    use switchyard::review::findings::{dns_part, findings_with};
    let mut plan = sample_plan();
    // Before the rollout's first stage moves past p=none.
    let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    let report = served(&published_sample()).check(&plan);
    let live = switchyard::dns::live::proof(&report);
    assert_eq!(live.dmarc.len(), 1, "{:?}", live.dmarc);
    let weakens = |plan: &switchyard::plan::model::Plan| {
        let part = std::rc::Rc::new(dns_part(plan, day, None));
        let derived = findings_with(
            plan,
            day,
            part,
            &Default::default(),
            &live,
            &Default::default(),
        );
        (derived.all.into_iter())
            .filter(|d| d.code == "dmarc.weakens")
            .collect::<Vec<_>>()
    };
    let found = |plan: &switchyard::plan::model::Plan, pasted: bool| {
        let found = weakens(plan);
        // Pasted as well as found, it is said once.
        assert_eq!(found.len(), 1, "pasted: {pasted}: {found:#?}");
        found.into_iter().next().unwrap()
    };
    let finding = found(&plan, false);
    assert!(
        finding.message.starts_with(
            "The DMARC record published at _dmarc.fernleafcoffee.com enforces p=quarantine"
        ),
        "{}",
        finding.message
    );
    plan.existing_records = "_dmarc.fernleafcoffee.com. 3600 IN TXT \"v=DMARC1; p=quarantine; sp=quarantine; rua=mailto:dmarc-reports@fernleafcoffee.com\"".into();
    found(&plan, true);
    // Its fix starts the rollout at the published policy, which clears it.
    let fix = finding.fix.expect("a fix");
    let state = PlannerState::with_plans(vec![(sample_plan(), 1)], None);
    let fixed = apply(&state, Action::Edit(Edit::Many(fix.edits.clone())));
    let left = weakens(fixed.plan());
    assert!(left.is_empty(), "{fix:?}");
}
