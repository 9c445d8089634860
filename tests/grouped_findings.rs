//! Findings that would repeat once per term of a record are grouped: each
//! kind of finding at each record is one finding that names every term.

use switchyard::dns::dkim::parse_dkim_key;
use switchyard::dns::dmarc::parse_dmarc;
use switchyard::dns::spf::{lint_spf, KNOWN_INCLUDES};
use switchyard::dns::{RecordData, Zone};
use switchyard::plan::diagnostic::Diagnostic;
use switchyard::plan::sample::sample_plan;
use switchyard::review::findings::findings;

/// `n` includes of providers outside the planned zone.
fn outside(n: u32) -> Vec<String> {
    (1..=n)
        .map(|i| format!("include:_spf.esp{i}.example"))
        .collect()
}

fn spf(terms: &[String]) -> String {
    format!("v=spf1 {} -all", terms.join(" "))
}

fn zone(records: &[(&str, String)]) -> Zone {
    let mut zone = Zone::new();
    for (name, text) in records {
        zone.add(name, RecordData::Txt(vec![text.clone().into_bytes()]));
    }
    zone
}

fn with_code<'a>(findings: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    findings.iter().filter(|d| d.code == code).collect()
}

/// One SPF record (and the records it includes) linted at `name`.
struct SpfCase {
    what: &'static str,
    records: Vec<(&'static str, String)>,
    code: &'static str,
    /// The record each finding is at, in order.
    at: &'static [&'static str],
    /// Text every finding's message contains.
    says: Vec<String>,
    /// Text no finding's message contains.
    not: &'static [&'static str],
}

fn spf_cases() -> Vec<SpfCase> {
    let eleven = outside(11);
    let three = outside(3);
    vec![
        SpfCase {
            what: "eleven includes outside the zone are one note naming all eleven",
            records: vec![("brand.com", spf(&eleven))],
            code: "spf.not_counted",
            at: &["brand.com"],
            says: std::iter::once("11 includes are outside the planned zone".to_string())
                .chain(eleven.iter().cloned())
                .collect(),
            not: &[],
        },
        SpfCase {
            what: "one include outside the zone keeps the singular note",
            records: vec![("brand.com", spf(&outside(1)))],
            code: "spf.not_counted",
            at: &["brand.com"],
            says: vec![
                "include:_spf.esp1.example is outside the planned zone; its own lookups are not counted."
                    .into(),
            ],
            not: &["includes"],
        },
        SpfCase {
            what: "an include and a redirect outside the zone are one note",
            records: vec![(
                "brand.com",
                "v=spf1 include:_spf.esp1.example redirect=_spf.esp2.example".into(),
            )],
            code: "spf.not_counted",
            at: &["brand.com"],
            says: vec![
                "2 includes and redirects are outside the planned zone".into(),
                "include:_spf.esp1.example and redirect=_spf.esp2.example".into(),
            ],
            not: &[],
        },
        SpfCase {
            what: "known providers are counted, so they are not named",
            records: vec![(
                "brand.com",
                "v=spf1 include:sendgrid.net include:_spf.esp1.example include:amazonses.com -all"
                    .into(),
            )],
            code: "spf.not_counted",
            at: &["brand.com"],
            says: vec!["include:_spf.esp1.example is outside".into()],
            not: &["sendgrid.net", "amazonses.com"],
        },
        SpfCase {
            what: "includes outside the zone are named at the record that holds them",
            records: vec![
                (
                    "brand.com",
                    "v=spf1 include:mail.brand.com include:_spf.esp9.example -all".into(),
                ),
                ("mail.brand.com", spf(&three)),
            ],
            code: "spf.not_counted",
            at: &["mail.brand.com", "brand.com"],
            says: vec!["outside the planned zone".into()],
            not: &[],
        },
        SpfCase {
            what: "the same include twice is named once",
            records: vec![(
                "brand.com",
                "v=spf1 include:_spf.esp1.example ip4:192.0.2.1 include:_spf.esp1.example -all"
                    .into(),
            )],
            code: "spf.not_counted",
            at: &["brand.com"],
            says: vec!["include:_spf.esp1.example is outside".into()],
            not: &["includes are"],
        },
        SpfCase {
            what: "targets written with macros are one note",
            records: vec![(
                "brand.com",
                "v=spf1 include:%{i}._ip.esp.example include:%{d}._d.esp.example -all".into(),
            )],
            code: "spf.not_counted",
            at: &["brand.com"],
            says: vec!["2 targets use macros".into()],
            not: &[],
        },
        SpfCase {
            what: "three ptr terms are one warning naming them",
            records: vec![(
                "brand.com",
                "v=spf1 ptr ip4:192.0.2.1 ptr:a.brand.com ptr:b.brand.com -all".into(),
            )],
            code: "spf.ptr",
            at: &["brand.com"],
            says: vec!["3 ptr terms (ptr, ptr:a.brand.com and ptr:b.brand.com)".into()],
            not: &[],
        },
    ]
}

#[test]
fn spf_findings_are_one_per_kind_and_record() {
    for case in spf_cases() {
        let zone = zone(&case.records);
        let found = lint_spf(&zone, "brand.com", &KNOWN_INCLUDES);
        let grouped = with_code(&found, case.code);
        let at: Vec<&str> = grouped.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(at, case.at, "{}: {grouped:#?}", case.what);
        for finding in &grouped {
            for text in &case.says {
                assert!(
                    finding.message.contains(text.as_str()),
                    "{}: {text:?} not in {:?}",
                    case.what,
                    finding.message
                );
            }
            for text in case.not {
                assert!(!finding.message.contains(text), "{}: {text:?}", case.what);
            }
        }
    }
}

#[test]
fn a_grouped_warning_points_at_its_first_term() {
    let zone = zone(&[(
        "brand.com",
        "v=spf1 ip4:192.0.2.1 ptr ptr:a.brand.com -all".into(),
    )]);
    let found = lint_spf(&zone, "brand.com", &KNOWN_INCLUDES);
    let ptr = with_code(&found, "spf.ptr");
    assert_eq!(ptr.len(), 1);
    assert_eq!(ptr[0].column, Some(21), "the first ptr term");
}

#[test]
fn unknown_tags_are_one_note_per_record() {
    let cases: [(&str, &str, &str); 4] = [
        (
            "v=DMARC1; p=none; colour=blue; size=9; rua=mailto:d@brand.com; x=1",
            "dmarc.unknown_tag",
            "The tags “colour”, “size” and “x” are not DMARC tags",
        ),
        (
            "v=DMARC1; p=none; colour=blue; rua=mailto:d@brand.com",
            "dmarc.unknown_tag",
            "The tag “colour” is not a DMARC tag",
        ),
        (
            "v=DKIM1; k=rsa; q=dns; z=1; p=",
            "dkim.unknown_tag",
            "The tags “q” and “z” are not key-record tags",
        ),
        (
            "v=DKIM1; k=rsa; q=dns; p=",
            "dkim.unknown_tag",
            "The tag “q” is not a key-record tag",
        ),
    ];
    for (text, code, says) in cases {
        let found = if code.starts_with("dmarc") {
            parse_dmarc(text, "_dmarc.brand.com").1
        } else {
            parse_dkim_key(text, "s1._domainkey.brand.com").1
        };
        let grouped = with_code(&found, code);
        assert_eq!(grouped.len(), 1, "{text}: {found:#?}");
        assert!(
            grouped[0].message.contains(says),
            "{text}: {:?}",
            grouped[0].message
        );
        assert!(
            grouped[0].column.is_some(),
            "{text}: points at the first unknown tag"
        );
    }
}

#[test]
fn a_pasted_record_with_eleven_outside_includes_shows_one_note() {
    let mut plan = sample_plan();
    let eleven = outside(11);
    plan.existing_records
        .push_str(&format!("news IN TXT \"{}\"\n", spf(&eleven)));
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    let all = findings(&plan, today, None).all;
    let notes: Vec<&Diagnostic> = all
        .iter()
        .filter(|d| d.code == "spf.not_counted" && d.path == "news.fernleafcoffee.com")
        .collect();
    assert_eq!(notes.len(), 1, "{notes:#?}");
    for include in &eleven {
        assert!(notes[0].message.contains(include.as_str()), "{include}");
    }
    // No finding anywhere is repeated.
    for (i, finding) in all.iter().enumerate() {
        assert!(!all[..i].contains(finding), "repeated: {finding:#?}");
    }
}
