//! Zone files: malformed names are findings at their line and column, no
//! record ever has an invalid name, what is read is written back and read
//! again unchanged, and every zone file the planner offers for download is
//! read in full by a second, independent master-file parser.

use std::net::{Ipv4Addr, Ipv6Addr};

use hickory_proto::rr::{RData, Record};
use hickory_proto::serialize::txt::Parser;
use switchyard::dns::plan::{stage_on, zone_files, Pasted};
use switchyard::dns::zonefile::{parse_zone, write_master_file, write_zone, ZONE_TTL};
use switchyard::dns::RecordData;
use switchyard::plan::diagnostic::{Diagnostic, Severity};
use switchyard::plan::model::{DmarcPolicy, Provider};
use switchyard::plan::sample::sample_plan;

/// One finding expected from a fragment.
struct Case {
    text: &'static str,
    code: &'static str,
    line: u32,
    column: u32,
    /// Words the message must hold.
    message: &'static str,
    /// Words the hint must hold.
    hint: &'static str,
    /// The names of the records still read.
    names: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        text: "mail IN A 192.0.2.1\nthis is not a zone file at all",
        code: "zone.not_record",
        line: 2,
        column: 5,
        message: "Line 2 is not a record: “is” is not a DNS record type.",
        hint: "“name TTL class type value”, such as “mail IN A 192.0.2.10”",
        names: &["mail.brand.com"],
    },
    Case {
        text: "v=spf1 include:sendgrid.net -all",
        code: "zone.not_record",
        line: 1,
        column: 0,
        message: "Line 1 is not a record: it holds a TXT value without the record's name and type.",
        hint: "here “@ IN TXT \"v=spf1 include:sendgrid.net -all\"”",
        names: &[],
    },
    Case {
        text: "\"v=spf1 -all\"",
        code: "zone.not_record",
        line: 1,
        column: 0,
        message: "it holds a TXT value",
        hint: "here “@ IN TXT \"v=spf1 -all\"”",
        names: &[],
    },
    Case {
        text: "v=DMARC1; p=reject; rua=mailto:d@brand.com",
        code: "zone.not_record",
        line: 1,
        column: 0,
        message: "it holds a TXT value",
        hint: "here “_dmarc IN TXT \"v=DMARC1; p=reject; rua=mailto:d@brand.com\"”",
        names: &[],
    },
    Case {
        text: "v=DKIM1; k=rsa; p=MIGf",
        code: "zone.not_record",
        line: 1,
        column: 0,
        message: "it holds a TXT value",
        hint: "here “selector._domainkey IN TXT \"v=DKIM1; k=rsa; p=MIGf\"”",
        names: &[],
    },
    Case {
        text: "_dmarc 300 \"v=DMARC1; p=none\"",
        code: "zone.not_record",
        line: 1,
        column: 11,
        message: "“v=DMARC1; p=none” is not a DNS record type",
        hint: "here “_dmarc IN TXT \"v=DMARC1; p=none\"”",
        names: &[],
    },
    Case {
        text: "$ORIGIN .example.com.\nmail IN A 192.0.2.1\n_dmarc IN TXT \"v=DMARC1; p=none\"\n@ IN MX 10 mail",
        code: "zone.origin",
        line: 1,
        column: 8,
        message: "starts with a dot",
        hint: "“example.com.”",
        names: &[],
    },
    Case {
        text: "$ORIGIN example..com.\nwww IN A 192.0.2.1",
        code: "zone.origin",
        line: 1,
        column: 16,
        message: "two dots in a row",
        hint: "“example.com.”",
        names: &[],
    },
    Case {
        text: "$ORIGIN aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com.",
        code: "zone.origin",
        line: 1,
        column: 8,
        message: "64 characters long",
        hint: "Shorten the label",
        names: &[],
    },
    Case {
        text: "$ORIGIN\nwww IN A 192.0.2.1\nok.brand.com. IN A 192.0.2.2",
        code: "zone.origin",
        line: 1,
        column: 7,
        message: "needs a domain",
        hint: "$ORIGIN brand.com.",
        names: &["ok.brand.com"],
    },
    Case {
        text: "$ORIGIN .x.com.\nrel IN A 192.0.2.1\n$ORIGIN brand.com.\nback IN A 192.0.2.2",
        code: "zone.origin",
        line: 1,
        column: 8,
        message: "Records with relative names are skipped",
        hint: "“x.com.”",
        names: &["back.brand.com"],
    },
    Case {
        text: "$TTL 1x\nwww IN A 192.0.2.1",
        code: "zone.ttl",
        line: 1,
        column: 5,
        message: "“1x” is not a TTL",
        hint: "$TTL 3600",
        names: &["www.brand.com"],
    },
    Case {
        text: "$TTL",
        code: "zone.ttl",
        line: 1,
        column: 4,
        message: "needs a number",
        hint: "$TTL 3600",
        names: &[],
    },
    Case {
        text: "$TTL 2147483648",
        code: "zone.ttl",
        line: 1,
        column: 5,
        message: "longest TTL",
        hint: "$TTL 1h",
        names: &[],
    },
    Case {
        text: "a IN A 192.0.2.1\nwww 4294967296 IN A 192.0.2.1",
        code: "zone.ttl",
        line: 2,
        column: 4,
        message: "longest TTL",
        hint: "3600",
        names: &["a.brand.com"],
    },
    Case {
        text: "www..brand.com. IN A 192.0.2.1\n     IN A 192.0.2.2",
        code: "zone.owner",
        line: 1,
        column: 4,
        message: "two dots in a row",
        hint: "“www.brand.com.”",
        names: &[],
    },
    Case {
        text: "ok IN A 192.0.2.1\n.www IN A 192.0.2.1",
        code: "zone.owner",
        line: 2,
        column: 0,
        message: "starts with a dot",
        hint: "“www”",
        names: &["ok.brand.com"],
    },
    Case {
        text: "bücher IN A 192.0.2.1",
        code: "zone.owner",
        line: 1,
        column: 1,
        message: "cannot appear",
        hint: "Punycode",
        names: &[],
    },
    Case {
        text: "$ORIGIN ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc.ddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd.com.\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy IN A 192.0.2.1",
        code: "zone.owner",
        line: 2,
        column: 0,
        message: "with the origin, the name is 254 characters long",
        hint: "End the name with a dot",
        names: &[],
    },
    Case {
        text: "$ORIGIN .\n@ IN A 192.0.2.1\nwww IN A 192.0.2.2",
        code: "zone.owner",
        line: 2,
        column: 0,
        message: "@ stands for the origin",
        hint: "$ORIGIN brand.com.",
        names: &["www"],
    },
    Case {
        text: "links IN CNAME ( track..provider.example. )",
        code: "zone.rdata",
        line: 1,
        column: 23,
        message: "CNAME record: it has two dots in a row",
        hint: "“track.provider.example.”",
        names: &[],
    },
    Case {
        text: "@ IN MX (\n  10\n  .mail.brand.com. )",
        code: "zone.rdata",
        line: 3,
        column: 2,
        message: "MX record: it starts with a dot",
        hint: "“mail.brand.com.”",
        names: &[],
    },
    Case {
        text: "@ IN TXT \"v=spf1 -all\"\n@ IN TXT aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        code: "zone.txt_length",
        line: 2,
        column: 9,
        message: "TXT record: a string is 256 bytes long",
        hint: "at most 255 bytes",
        names: &["brand.com", "brand.com"],
    },
    Case {
        text: "www IN A 192.0.2.300",
        code: "zone.rdata",
        line: 1,
        column: 9,
        message: "not an IPv4 address",
        hint: "192.0.2.10",
        names: &[],
    },
];

#[test]
fn malformed_names_are_findings_at_their_place() {
    for case in CASES {
        let (records, findings) = parse_zone(case.text, "brand.com");
        let at = case.text;
        assert_eq!(findings.len(), 1, "{at}\n{findings:#?}");
        let finding = &findings[0];
        assert_eq!(finding.code, case.code, "{at}");
        assert_eq!(finding.path, format!("line {}", case.line), "{at}");
        assert_eq!(finding.column, Some(case.column), "{at}\n{finding:?}");
        assert!(finding.message.contains(case.message), "{at}\n{finding:?}");
        assert!(finding.hint.contains(case.hint), "{at}\n{finding:?}");
        let names: Vec<&str> = records.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, case.names, "{at}");
    }
}

#[test]
fn ttls_take_units_and_long_strings_are_split() {
    let text = "$TTL 1h30m\na IN TXT \"x\"\nb 1W IN TXT \"y\"\nc IN 0 TXT \"z\"";
    let (records, findings) = parse_zone(text, "brand.com");
    assert!(findings.is_empty(), "{findings:?}");
    let ttls: Vec<Option<u32>> = records.iter().map(|r| r.ttl).collect();
    assert_eq!(ttls, [Some(5400), Some(604_800), Some(0)]);

    let long = "k".repeat(600);
    let (records, findings) = parse_zone(&format!("a IN TXT \"{long}\" \"\""), "brand.com");
    assert_eq!(codes(&findings), ["zone.txt_length"]);
    assert_eq!(findings[0].severity, Severity::Warning);
    let RecordData::Txt(strings) = &records[0].data else {
        panic!("{records:?}");
    };
    let lengths: Vec<usize> = strings.iter().map(Vec::len).collect();
    assert_eq!(lengths, [255, 255, 90, 0]);
}

fn codes(findings: &[Diagnostic]) -> Vec<&str> {
    findings.iter().map(|d| d.code.as_ref()).collect()
}

// ---- Generated fragments, read against a model of what they hold ----

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// A label of letters, digits and inner hyphens, sometimes after an
/// underscore (as in `_dmarc`).
fn label(rng: &mut Rng) -> String {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789-";
    let len = 1 + rng.below(8);
    let mut out: String = (0..len)
        .map(|i| match CHARS[rng.below(CHARS.len())] {
            b'-' if i == 0 || i + 1 == len => 'h',
            c => c as char,
        })
        .collect();
    if rng.chance(15) {
        out.insert(0, '_');
    }
    if rng.chance(10) {
        out.make_ascii_uppercase();
    }
    out
}

fn relative_name(rng: &mut Rng) -> String {
    let mut name = label(rng);
    for _ in 0..rng.below(3) {
        name = format!("{}.{name}", label(rng));
    }
    if rng.chance(5) {
        name = format!("*.{name}");
    }
    name
}

/// A name that is not a domain, written relative or absolute.
fn bad_name(rng: &mut Rng) -> String {
    let name = relative_name(rng);
    match rng.below(5) {
        0 => format!(".{name}"),
        1 => format!("{name}..{}", label(rng)),
        2 => format!("{}.{name}", "l".repeat(64)),
        3 => vec!["n".repeat(50); 5].join("."),
        _ => format!("{name}ü"),
    }
}

/// What the reader knows while the model reads: the origin (`None` after
/// a refused `$ORIGIN`) and the owner a blank repeats.
struct Model {
    origin: Option<String>,
    owner: Option<Option<String>>,
    records: Vec<(String, RecordData)>,
    errors: usize,
    warnings: usize,
    notes: usize,
    /// Only printable ASCII in TXT strings (what the second parser reads).
    printable: bool,
}

enum Name {
    Valid(String),
    /// Relative to a refused `$ORIGIN`: skipped without a finding.
    Skipped,
    Error,
}

impl Model {
    /// A written name and what it stands for.
    fn name(&self, rng: &mut Rng) -> (String, Name) {
        let complete = |relative: &str| match &self.origin {
            None => Name::Skipped,
            Some(origin) if origin.is_empty() => Name::Valid(relative.to_ascii_lowercase()),
            Some(origin) if relative.len() + 1 + origin.len() > 253 => Name::Error,
            Some(origin) => Name::Valid(format!("{relative}.{origin}").to_ascii_lowercase()),
        };
        match rng.below(10) {
            0..=3 => {
                let written = relative_name(rng);
                let name = complete(&written);
                (written, name)
            }
            4..=6 => {
                let name = format!("{}.example", relative_name(rng));
                (format!("{name}."), Name::Valid(name.to_ascii_lowercase()))
            }
            7 | 8 => match &self.origin {
                None => ("@".into(), Name::Skipped),
                Some(o) if o.is_empty() => ("@".into(), Name::Error),
                Some(o) => ("@".into(), Name::Valid(o.clone())),
            },
            _ => {
                let written = bad_name(rng);
                match (&self.origin, rng.chance(50)) {
                    (_, true) => (format!("{written}."), Name::Error),
                    (None, false) => (written, Name::Skipped),
                    (Some(_), false) => (written, Name::Error),
                }
            }
        }
    }
}

fn txt_string(rng: &mut Rng, model: &mut Model) -> (String, Vec<u8>) {
    let len = match rng.below(10) {
        0 => 0,
        1 => 200 + rng.below(400),
        _ => rng.below(40),
    };
    let bytes: Vec<u8> = (0..len)
        .map(|_| match rng.below(20) {
            0 => b'"',
            1 => b'\\',
            2 => b';',
            3 => rng.below(256) as u8,
            _ => b' ' + rng.below(95) as u8,
        })
        .collect();
    let plain = !bytes.is_empty() && bytes.iter().all(u8::is_ascii_alphanumeric);
    if plain && rng.chance(50) {
        return (String::from_utf8(bytes.clone()).unwrap(), bytes);
    }
    let mut written = String::from("\"");
    for &b in &bytes {
        match b {
            b'"' | b'\\' => written.push_str(&format!("\\{}", b as char)),
            0x20..=0x7e if rng.chance(95) => written.push(b as char),
            _ => written.push_str(&format!("\\{b:03}")),
        }
    }
    written.push('"');
    model.printable &= bytes.iter().all(|b| (0x20..=0x7e).contains(b));
    (written, bytes)
}

/// One line of a fragment, and what the model expects of it.
fn line(rng: &mut Rng, model: &mut Model) -> String {
    match rng.below(12) {
        0 => {
            let (written, name) = model.name(rng);
            match name {
                Name::Valid(name) if written != "@" => model.origin = Some(name),
                Name::Valid(_) => {}
                Name::Skipped => {}
                Name::Error => {
                    model.errors += 1;
                    model.origin = None;
                }
            }
            format!("$ORIGIN {written}")
        }
        1 if rng.chance(30) => {
            model.origin = Some(String::new());
            "$ORIGIN .".into()
        }
        1 => {
            let good = ["3600", "300", "1h30m", "0", "2w"];
            let bad = ["1x", "4294967296", "h"];
            if rng.chance(75) {
                format!("$TTL {}", good[rng.below(good.len())])
            } else {
                model.errors += 1;
                format!("$TTL {}", bad[rng.below(bad.len())])
            }
        }
        _ => record_line(rng, model),
    }
}

fn record_line(rng: &mut Rng, model: &mut Model) -> String {
    let (written, owner) = if rng.chance(15) {
        let owner = match &model.owner {
            None => Name::Error,
            Some(None) => Name::Skipped,
            Some(Some(name)) => Name::Valid(name.clone()),
        };
        (String::new(), owner)
    } else {
        let (written, owner) = model.name(rng);
        model.owner = Some(match &owner {
            Name::Valid(name) => Some(name.clone()),
            _ => None,
        });
        (written, owner)
    };
    let owner = match owner {
        Name::Valid(name) => Some(name),
        Name::Skipped => None,
        Name::Error => {
            model.errors += 1;
            None
        }
    };
    let prefixes = ["", "300 ", "IN ", "300 IN ", "IN 1h ", "4294967296 "];
    let prefix = prefixes[rng.below(prefixes.len())];
    let bad_ttl = prefix.starts_with("4294967296");
    let (rdata, data) = record_data(rng, model);
    let line = format!(" {written} {prefix}{rdata}");
    let line = if written.is_empty() {
        line
    } else {
        line[1..].to_string()
    };
    let Some(owner) = owner else {
        return line;
    };
    if bad_ttl {
        model.errors += 1;
        return line;
    }
    match data {
        Data::Record(data, long) => {
            model.warnings += usize::from(long);
            model.records.push((owner, data));
        }
        Data::Skipped => {}
        Data::Error => model.errors += 1,
        Data::Note => model.notes += 1,
    }
    line
}

enum Data {
    /// The data, and whether a string was over 255 bytes.
    Record(RecordData, bool),
    Skipped,
    Error,
    Note,
}

fn record_data(rng: &mut Rng, model: &mut Model) -> (String, Data) {
    let target = |rng: &mut Rng, model: &Model| -> (String, Option<Data>, String) {
        let (written, name) = model.name(rng);
        match name {
            Name::Valid(name) => (written, None, name),
            Name::Skipped => (written, Some(Data::Skipped), String::new()),
            Name::Error => (written, Some(Data::Error), String::new()),
        }
    };
    match rng.below(8) {
        0 => {
            let ip = Ipv4Addr::from(rng.next() as u32);
            (format!("A {ip}"), Data::Record(RecordData::A(ip), false))
        }
        1 => {
            let ip = Ipv6Addr::from(u128::from(rng.next()) << 64 | u128::from(rng.next()));
            (
                format!("AAAA {ip}"),
                Data::Record(RecordData::Aaaa(ip), false),
            )
        }
        2 => {
            let preference = rng.below(65536) as u16;
            let (written, outcome, exchange) = target(rng, model);
            let data = RecordData::Mx {
                preference,
                exchange,
            };
            let outcome = outcome.unwrap_or(Data::Record(data, false));
            (format!("MX {preference} {written}"), outcome)
        }
        3 => {
            let (written, outcome, name) = target(rng, model);
            let outcome = outcome.unwrap_or(Data::Record(RecordData::Cname(name), false));
            (format!("CNAME ( {written} )"), outcome)
        }
        4 => ("HTTPS 1 . alpn=h2".into(), Data::Note),
        5 if rng.chance(30) => ("A 192.0.2.300".into(), Data::Error),
        _ => {
            let mut written = Vec::new();
            let mut strings = Vec::new();
            let mut long = false;
            for _ in 0..1 + rng.below(3) {
                let (text, bytes) = txt_string(rng, model);
                written.push(text);
                long |= bytes.len() > 255;
                if bytes.is_empty() {
                    strings.push(Vec::new());
                }
                strings.extend(bytes.chunks(255).map(<[u8]>::to_vec));
            }
            let data = RecordData::Txt(strings);
            (
                format!("TXT ( {} )", written.join("\n   ")),
                Data::Record(data, long),
            )
        }
    }
}

#[test]
fn generated_fragments_read_as_the_model_says_and_write_back_unchanged() {
    let mut rng = Rng(0x5eed_2027);
    let (mut records, mut refused, mut second_reader) = (0, 0, 0);
    for round in 0..3000 {
        let mut model = Model {
            origin: Some("brand.example".into()),
            owner: None,
            records: Vec::new(),
            errors: 0,
            warnings: 0,
            notes: 0,
            printable: true,
        };
        let lines: Vec<String> = (0..1 + rng.below(10))
            .map(|_| line(&mut rng, &mut model))
            .collect();
        let text = lines.join("\n");
        let (read, findings) = parse_zone(&text, "brand.example");
        let count = |s: Severity| findings.iter().filter(|d| d.severity == s).count();
        let at = format!("round {round}:\n{text}\n{findings:#?}");
        assert_eq!(count(Severity::Error), model.errors, "{at}");
        assert_eq!(count(Severity::Warning), model.warnings, "{at}");
        assert_eq!(count(Severity::Info), model.notes, "{at}");
        assert!(findings.iter().all(|d| d.column.is_some()), "{at}");
        let pairs: Vec<(String, RecordData)> = read.into_iter().map(|r| (r.name, r.data)).collect();
        assert_eq!(pairs, model.records, "{at}");
        records += pairs.len();
        refused += model.errors;

        let written = write_master_file("brand.example", ZONE_TTL, &pairs);
        let (again, findings) = parse_zone(&written, "");
        assert!(findings.is_empty(), "{written}\n{findings:?}");
        let again: Vec<(String, RecordData)> =
            again.into_iter().map(|r| (r.name, r.data)).collect();
        assert_eq!(again, pairs, "{written}");
        if model.printable {
            assert_eq!(independent(&written), normalised(&pairs), "{written}");
            second_reader += 1;
        }
    }
    println!("{records} records read, {refused} errors found, {second_reader} files read twice");
    assert!(records > 5000 && refused > 1000 && second_reader > 1000);
}

// ---- The second parser ----

/// Reads a master file with hickory-proto's parser, as comparable records.
fn independent(text: &str) -> Vec<(String, RecordData)> {
    let (_, sets) = Parser::new(text, None, None)
        .parse()
        .unwrap_or_else(|e| panic!("the second parser refuses it: {e}\n{text}"));
    let mut out: Vec<(String, RecordData)> = sets
        .values()
        .flat_map(|set| set.records_without_rrsigs())
        .map(ours)
        .collect();
    out.sort_by_key(|(name, data)| format!("{name} {data:?}"));
    out
}

fn ours(record: &Record) -> (String, RecordData) {
    let name = |n: &hickory_proto::rr::Name| n.to_ascii().trim_end_matches('.').to_lowercase();
    let data = match record.data() {
        RData::A(a) => RecordData::A(a.0),
        RData::AAAA(a) => RecordData::Aaaa(a.0),
        RData::MX(mx) => RecordData::Mx {
            preference: mx.preference(),
            exchange: name(mx.exchange()),
        },
        RData::CNAME(target) => RecordData::Cname(name(&target.0)),
        RData::PTR(target) => RecordData::Ptr(name(&target.0)),
        RData::TXT(txt) => RecordData::Txt(txt.txt_data().iter().map(|s| s.to_vec()).collect()),
        other => panic!("unexpected record {other:?}"),
    };
    (name(record.name()), data)
}

/// Records as the second parser gives them back: sorted, one of each, and
/// one CNAME per name (a name holds at most one).
fn normalised(records: &[(String, RecordData)]) -> Vec<(String, RecordData)> {
    let mut out: Vec<(String, RecordData)> = Vec::new();
    for (name, data) in records {
        let cname = matches!(data, RecordData::Cname(_));
        out.retain(|(n, d)| !(cname && n == name && matches!(d, RecordData::Cname(_))));
        if !out.contains(&(name.clone(), data.clone())) {
            out.push((name.clone(), data.clone()));
        }
    }
    out.sort_by_key(|(name, data)| format!("{name} {data:?}"));
    out
}

#[test]
fn every_zone_download_is_read_in_full_by_a_second_parser() {
    let mut plan = sample_plan();
    let today = chrono::NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
    let mut checked = 0;
    let mut files = zone_files(&plan, &Pasted::of(&plan), stage_on(&plan, today));
    // A lane on a separate domain, and reports to another domain, give
    // files of their own.
    plan.lanes[2].sending_domain = "news.fernleafmail.com".into();
    plan.lanes[2].from_address = "hello@news.fernleafmail.com".into();
    plan.lanes[2].return_path_domain = String::new();
    plan.lanes[2].tracking_domain = String::new();
    plan.dmarc.rua = "reports@dmarc.example".into();
    files.extend(zone_files(&plan, &Pasted::of(&plan), DmarcPolicy::Reject));
    for file in &files {
        assert!(
            file.text
                .starts_with(&format!("$TTL {ZONE_TTL}\n$ORIGIN {}.\n", file.origin)),
            "{}",
            file.text
        );
        let ready: Vec<(String, RecordData)> = file
            .records
            .iter()
            .filter(|r| !r.placeholder)
            .map(|r| (r.name.clone(), r.data.clone()))
            .collect();
        assert_eq!(independent(&file.text), normalised(&ready), "{}", file.text);
        let (ours, findings) = parse_zone(&file.text, "");
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(ours.len(), ready.len());
        checked += ready.len();
    }
    let sample = &files[0];
    assert_eq!(sample.origin, "fernleafcoffee.com");
    println!(
        "{} files, {checked} records read by both parsers",
        files.len()
    );
    assert!(sample.records.iter().filter(|r| !r.placeholder).count() >= 10);
}

#[test]
fn lanes_outside_the_brand_share_the_zone_of_the_domain_they_are_under() {
    // The primary domain moved; the lanes are still on the old one, whose
    // zone also takes the report authorisation of the new one's DMARC.
    let mut plan = sample_plan();
    plan.brand.primary_domain = "fernleaf.coffee".into();
    let origins = |plan: &switchyard::plan::model::Plan| -> Vec<String> {
        let files = zone_files(plan, &Pasted::of(plan), DmarcPolicy::None);
        let mut origins: Vec<String> = files.into_iter().map(|f| f.origin).collect();
        origins.sort();
        origins
    };
    assert_eq!(origins(&plan), ["fernleaf.coffee", "fernleafcoffee.com"]);
    // A lane on a domain of its own has that domain's zone; one under a
    // country's second-level domain has the domain registered there.
    let cases = [
        ("fernleafmail.com", "fernleafmail.com"),
        ("news.fernleafmail.com", "fernleafmail.com"),
        ("news.fernleaf.co.uk", "fernleaf.co.uk"),
    ];
    for (domain, zone) in cases {
        plan.lanes[2].sending_domain = domain.into();
        plan.lanes[2].from_address = format!("hello@{domain}");
        plan.lanes[2].return_path_domain = String::new();
        plan.lanes[2].tracking_domain = String::new();
        assert!(
            origins(&plan).contains(&zone.to_string()),
            "{domain}: {:?}",
            origins(&plan)
        );
        assert!(
            !origins(&plan).contains(&domain.to_string()) || domain == zone,
            "{domain}"
        );
    }
}

#[test]
fn a_fragment_without_ttl_is_refused_by_the_second_parser() {
    // What the download held before it began with $TTL: the second parser
    // is strict about it, so the test above can fail.
    let text = write_zone(
        "brand.com",
        &[("brand.com".into(), RecordData::Txt(vec![b"x".to_vec()]))],
    );
    assert!(Parser::new(text.as_str(), None, None).parse().is_err());
}

#[test]
fn a_null_mx_is_read_written_back_and_read_by_the_second_parser() {
    // RFC 7505: "MX 0 ." says the domain takes no mail.
    let (records, findings) = parse_zone("$ORIGIN brand.com.\nbounce IN MX 0 .", "");
    assert!(findings.is_empty(), "{findings:?}");
    let null = RecordData::Mx {
        preference: 0,
        exchange: String::new(),
    };
    assert_eq!(records[0].data, null);
    assert_eq!(null.shown(), ("MX", "0 .".to_string()));
    let pairs = vec![("bounce.brand.com".to_string(), null.clone())];
    let text = write_master_file("brand.com", ZONE_TTL, &pairs);
    assert!(text.contains("IN MX    0 .\n"), "{text}");
    assert_eq!(parse_zone(&text, "").0[0].data, null);
    assert_eq!(independent(&text), pairs);
    // Quoted, the dot is text and still not a name.
    let (_, findings) = parse_zone("$ORIGIN brand.com.\n@ IN MX 0 \".\"", "");
    assert_eq!(codes(&findings), ["zone.rdata"]);
}

#[test]
fn planned_names_past_253_characters_are_findings_and_left_out_of_downloads() {
    // 251 characters: valid alone, too long under a DKIM selector.
    let labels = [
        "a".repeat(63),
        "b".repeat(63),
        "c".repeat(63),
        "d".repeat(40),
    ];
    let long = format!("{}.fernleafcoffee.com", labels.join("."));
    assert_eq!(long.len(), 251);
    // 225 characters: fits under “s1._domainkey.”, not under a 32-character
    // SES token, though “<token1>” alone would fit.
    let dkim = format!(
        "{}.{}.{}.{}fernleafcoffee.com",
        "e".repeat(63),
        "f".repeat(63),
        "g".repeat(60),
        "h.".repeat(9)
    );
    assert_eq!(dkim.len(), 225);
    let cases = [
        (
            Provider::SendGrid,
            long.clone(),
            String::new(),
            format!("s1._domainkey.{long}"),
        ),
        (
            Provider::SendGrid,
            "flows.fernleafcoffee.com".into(),
            dkim.clone(),
            String::new(),
        ),
        (
            Provider::AmazonSes,
            "flows.fernleafcoffee.com".into(),
            dkim.clone(),
            format!("<token3>._domainkey.{dkim}"),
        ),
    ];
    for (provider, sending, dkim_domain, expected) in cases {
        let mut plan = sample_plan();
        plan.lanes[1].smtp.provider = provider;
        plan.lanes[1].sending_domain = sending;
        plan.lanes[1].dkim_domain = dkim_domain;
        let report = switchyard::dns::checks::check_authentication(&plan);
        let oversized: Vec<&Diagnostic> = report
            .findings
            .iter()
            .filter(|f| f.code == "dns.name_too_long")
            .collect();
        // Each is reported at its name, which the domains page shows.
        let names: Vec<&str> = oversized.iter().map(|f| f.path.as_str()).collect();
        match expected.is_empty() {
            true => assert!(names.is_empty(), "{names:?}"),
            false => assert!(
                names.contains(&expected.as_str()),
                "{provider:?}: {names:?}"
            ),
        }
        assert!(oversized.iter().all(|f| f.severity == Severity::Error));
        assert!(oversized.iter().all(|f| f.message.contains("at most 253")));
        for file in zone_files(&plan, &Pasted::of(&plan), DmarcPolicy::None) {
            assert!(file.origin.len() <= 253, "{}", file.origin);
            assert!(file
                .records
                .iter()
                .all(|r| !names.contains(&r.name.as_str())));
            let (_, findings) = parse_zone(&file.text, "");
            assert!(findings.is_empty(), "{findings:?}\n{}", file.text);
            independent(&file.text);
        }
    }
}

#[test]
fn a_null_mx_that_is_not_alone_or_not_preference_0_is_a_warning() {
    let cases: [(&str, &[&str]); 4] = [
        ("nomail IN MX 0 .", &[]),
        ("nomail IN MX 10 .", &["dns.null_mx_preference"]),
        (
            "nomail IN MX 0 .\nnomail IN MX 10 mx.example.net.",
            &["dns.null_mx_not_alone"],
        ),
        ("nomail IN MX 5 mx.example.net.", &[]),
    ];
    for (text, expected) in cases {
        let mut plan = sample_plan();
        plan.existing_records = format!("$ORIGIN fernleafcoffee.com.\n{text}\n");
        let report = switchyard::dns::checks::check_authentication(&plan);
        let found: Vec<&str> = report
            .findings
            .iter()
            .filter(|f| f.code.starts_with("dns.null_mx"))
            .map(|f| f.code.as_ref())
            .collect();
        assert_eq!(found, expected, "{text}");
        assert!(report
            .findings
            .iter()
            .filter(|f| f.code.starts_with("dns.null_mx"))
            .all(|f| f.path == "nomail.fernleafcoffee.com"));
    }
}
