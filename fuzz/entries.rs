//! What each fuzz target does with its input. The targets in `fuzz_targets/`
//! and the native replay of the seeds (`tests/fuzz_seeds.rs`) include this
//! one file, so a seed replays exactly as the fuzzer ran it. An entry must
//! never panic, except where it asserts a promise the reader makes.
#![allow(dead_code)]

use switchyard::dmarc_reports::read::read_file;
use switchyard::dns::dkim::parse_dkim_key;
use switchyard::dns::dmarc::{discover, parse_dmarc};
use switchyard::dns::spf::{check_host, parse_record, SpfQuery};
use switchyard::dns::zonefile::{parse_zone, write_zone};
use switchyard::dns::{RecordData, Zone};
use switchyard::monitor::import::{import_bytes, Seen};

/// What a target runs on one input.
pub type Entry = fn(&[u8]);

/// Every target by name, as `fuzz/Cargo.toml` and `scripts/fuzz` name them.
pub const TARGETS: [(&str, Entry); 12] = [
    ("spf_record", spf_record),
    ("dkim_record", dkim_record),
    ("dmarc_record", dmarc_record),
    ("dmarc_report", dmarc_report),
    ("zone_file", zone_file),
    ("plan_import", plan_import),
    ("plan_link", plan_link),
    ("monitor_import", monitor_import),
    ("monitor_csv", monitor_csv),
    ("monitor_snds", monitor_snds),
    ("monitor_postmaster", monitor_postmaster),
    ("doh_answer", doh_answer),
];

/// SPF records: parsing, then evaluation against a zone that holds the
/// record.
pub fn spf_record(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_record(text);
    }
    let mut zone = Zone::new();
    zone.add("a.example", RecordData::Txt(vec![data.to_vec()]));
    zone.add(
        "b.example",
        RecordData::Txt(vec![b"v=spf1 include:a.example -all".to_vec()]),
    );
    for ip in ["192.0.2.1", "2001:db8::1"] {
        let query = SpfQuery {
            ip: ip.parse().expect("a literal address"),
            mail_from: "x@b.example",
            helo: "h.example",
            receiver: "r",
            timestamp: 0,
        };
        let _ = check_host(&zone, &query);
    }
}

/// DKIM key records, including the DER walk of the key.
pub fn dkim_record(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_dkim_key(text, "s1._domainkey.example");
    }
}

/// DMARC records: parsing and the tree walk.
pub fn dmarc_record(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_dmarc(text, "_dmarc.example");
        let _ = discover(&Zone::new(), text);
    }
    let mut zone = Zone::new();
    zone.add("_dmarc.example.com", RecordData::Txt(vec![data.to_vec()]));
    let _ = discover(&zone, "a.b.example.com");
}

/// DMARC aggregate report files, whatever the bytes: XML, gzip or zip,
/// damaged or hostile. Whatever is read goes into a store, twice.
pub fn dmarc_report(data: &[u8]) {
    let mut store = switchyard::dmarc_reports::store::Store::default();
    if let Ok(reports) = read_file("fuzz", data) {
        for report in reports {
            let again = report.clone();
            store.add(report);
            store.add(again);
        }
    }
    let _ = store.days();
}

/// Zone-file fragments, read with an origin and without one: every record
/// has valid names, and writing what was read and reading it again gives
/// the same records with no finding.
pub fn zone_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for origin in ["example.com", ""] {
        let (records, _) = parse_zone(text, origin);
        let pairs: Vec<(String, RecordData)> =
            records.into_iter().map(|r| (r.name, r.data)).collect();
        for (name, data) in &pairs {
            assert!(is_domain(name), "owner {name:?}");
            assert!(target_of(data).is_none_or(is_domain), "{data:?}");
        }
        let written = write_zone(origin, &pairs);
        let (again, findings) = parse_zone(&written, "");
        assert!(findings.is_empty(), "{written}\n{findings:?}");
        let again: Vec<(String, RecordData)> =
            again.into_iter().map(|r| (r.name, r.data)).collect();
        assert_eq!(again, pairs, "{written}");
    }
}

/// The host name a record points to, if it has one.
pub fn target_of(data: &RecordData) -> Option<&str> {
    match data {
        RecordData::Cname(name) | RecordData::Ptr(name) => Some(name),
        // A null MX (RFC 7505) names no host.
        RecordData::Mx { exchange, .. } if exchange.is_empty() => None,
        RecordData::Mx { exchange, .. } => Some(exchange),
        _ => None,
    }
}

/// A domain name as the planner stores it: labels of 1 to 63 octets,
/// at most 253 in all, no final dot.
pub fn is_domain(name: &str) -> bool {
    name.len() <= 253 && name.split('.').all(|l| (1..=63).contains(&l.len()))
}

/// Plan files.
pub fn plan_import(data: &[u8]) {
    let _ = switchyard::plan::io::import(data);
}

/// Plan links: the input as a link's fragment, and as the JSON a link
/// carries, which then goes through the file import.
pub fn plan_link(data: &[u8]) {
    use switchyard::plan::link::{pack, read};
    let _ = read(&String::from_utf8_lossy(data));
    let _ = read(&format!("plan=1.{}", pack(data)));
}

/// Monitoring imports in any format, however the file is cut into chunks
/// (the first byte sets the chunk size); the health page is computed from
/// whatever was read.
pub fn monitor_import(data: &[u8]) {
    let Some((&cut, rest)) = data.split_first() else {
        return;
    };
    import_and_review(rest, usize::from(cut) + 1);
}

/// The per-day CSV: the input is the rows under the template's header.
pub fn monitor_csv(data: &[u8]) {
    let header = switchyard::monitor::tables::TEMPLATE_COLUMNS.join(",");
    import_and_review(&[header.as_bytes(), b"\n", data].concat(), 4096);
}

/// Microsoft SNDS data: the input is the rows after one valid row, which
/// tells the import the file is SNDS.
pub fn monitor_snds(data: &[u8]) {
    let first = b"192.0.2.1,3/1/2027 0:00,3/1/2027 23:59,10,10,1000,GREEN,< 0.1%,,,0\n";
    import_and_review(&[&first[..], data].concat(), 4096);
}

/// Google Postmaster Tools statistics: the input is the body of the
/// statistics array, v1 (`trafficStats`) when the first byte is even and
/// v2 (`domainStats`) when it is odd.
pub fn monitor_postmaster(data: &[u8]) {
    let Some((&version, rest)) = data.split_first() else {
        return;
    };
    let key: &[u8] = match version % 2 {
        0 => b"{\"trafficStats\": [",
        _ => b"{\"domainStats\": [",
    };
    import_and_review(&[key, rest, b"]}"].concat(), 4096);
}

fn import_and_review(bytes: &[u8], chunk: usize) {
    let mut store = switchyard::monitor::Store::default();
    if let Ok(source) = import_bytes("fuzz", bytes, chunk, &mut Seen::default()) {
        store.add(source);
    }
    let plan = switchyard::plan::sample::sample_plan();
    let _ = switchyard::monitor::health::health(&plan, &store);
}

/// DoH JSON answers, whatever the bytes: read, cached, followed through
/// CNAMEs and queried through the resolver the checks use.
pub fn doh_answer(data: &[u8]) {
    use switchyard::dns::live::{read_answer_bytes, view, Cache, Lookups, Question};
    use switchyard::dns::{RecordType, Resolver};
    let Ok(answer) = read_answer_bytes(data, "fuzz") else {
        return;
    };
    let _ = answer.ttl();
    let mut cache = Cache::new();
    for rtype in [
        RecordType::Txt,
        RecordType::A,
        RecordType::Mx,
        RecordType::Cname,
    ] {
        let question = Question::new("a.example", rtype);
        cache.insert_answer(question.clone(), answer.clone(), 0);
        let _ = view(&cache, &question, 0);
        let _ = Lookups::new(&cache, 0).query("a.example", rtype);
    }
}
