//! DMARC, DKIM and zone-file parsing, SPF lint, and organisational domains.

use switchyard::dns::dkim::{parse_dkim_key, KeyType};
use switchyard::dns::dmarc::{discover, parse_dmarc, Alignment, Policy, Psd};
use switchyard::dns::psl::SuffixList;
use switchyard::dns::spf::{lint_spf, KNOWN_INCLUDES};
use switchyard::dns::zonefile::{add_to_zone, parse_zone, write_zone};
use switchyard::dns::{RecordData, Zone};
use switchyard::plan::diagnostic::Severity;

fn codes(findings: &[switchyard::plan::diagnostic::Diagnostic]) -> Vec<&str> {
    findings.iter().map(|d| d.code.as_ref()).collect()
}

fn txt(text: &str) -> RecordData {
    RecordData::Txt(vec![text.as_bytes().to_vec()])
}

/// DMARC vectors from tests/fixtures/dmarc-vectors.tsv: record, usable?,
/// finding codes and the spec reference of each case.
#[test]
fn dmarc_records() {
    let vectors = include_str!("fixtures/dmarc-vectors.tsv");
    let cases: Vec<(&str, bool, Vec<&str>, &str)> = vectors
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let codes = cols[2].split(',').filter(|c| !c.is_empty()).collect();
            (cols[0], cols[1] == "yes", codes, cols[3])
        })
        .collect();
    assert_eq!(cases.len(), 21);
    for (text, usable, expected, spec) in cases {
        let (record, findings) = parse_dmarc(text, "_dmarc.brand.com");
        assert_eq!(record.is_some(), usable, "{text} ({spec})");
        assert_eq!(codes(&findings), expected, "{text} ({spec})");
    }
    let (record, _) = parse_dmarc(
        "v=DMARC1; p=reject; sp=quarantine; adkim=s; aspf=r; psd=n; rua=mailto:D@Brand.com",
        "x",
    );
    let record = record.unwrap();
    assert_eq!(record.policy, Some(Policy::Reject));
    assert_eq!(
        record.effective_subdomain_policy(),
        Some(Policy::Quarantine)
    );
    assert_eq!(
        (record.adkim, record.aspf, record.psd),
        (Alignment::Strict, Alignment::Relaxed, Psd::No)
    );
    assert_eq!(record.rua, ["D@brand.com"]);
    let (_, findings) = parse_dmarc("v=DMARC1; p=none; rua=mailto:d@brand.com; bogus", "x");
    assert_eq!(
        findings[0].column,
        Some(42),
        "findings point into the record"
    );
}

#[test]
fn dmarc_tree_walk_over_the_planned_zone() {
    let mut zone = Zone::new();
    zone.add(
        "_dmarc.brand.com",
        txt("v=DMARC1; p=reject; rua=mailto:d@brand.com"),
    );
    zone.add(
        "_dmarc.mail.brand.com",
        txt("v=DMARC1; p=none; rua=mailto:d@brand.com"),
    );
    let found = discover(&zone, "news.mail.brand.com");
    assert_eq!(
        found.record.as_ref().map(|(name, _)| name.as_str()),
        Some("mail.brand.com")
    );
    assert_eq!(
        found.organizational_domain, "brand.com",
        "the record with the fewest labels"
    );
    assert_eq!(
        found.queried,
        [
            "_dmarc.news.mail.brand.com",
            "_dmarc.mail.brand.com",
            "_dmarc.brand.com",
            "_dmarc.com"
        ]
    );

    zone.add("_dmarc.mail.brand.com", txt("v=DMARC1; p=none"));
    let found = discover(&zone, "mail.brand.com");
    assert_eq!(
        found.record.as_ref().map(|(name, _)| name.as_str()),
        Some("brand.com"),
        "two records at one name count as none"
    );

    let mut psd = Zone::new();
    psd.add(
        "_dmarc.gov.example",
        txt("v=DMARC1; p=reject; psd=y; rua=mailto:d@gov.example"),
    );
    assert_eq!(
        discover(&psd, "a.agency.gov.example").organizational_domain,
        "agency.gov.example"
    );
    let deep = "a.b.c.d.e.f.g.h.i.brand.com";
    assert_eq!(
        discover(&Zone::new(), deep).queried.len(),
        8,
        "at most eight queries"
    );
    assert_eq!(
        discover(&Zone::new(), deep).organizational_domain,
        deep,
        "no records: the domain itself"
    );
}

#[test]
fn dkim_key_records() {
    let key = |text: &str| parse_dkim_key(text, "s1._domainkey.brand.com");
    let (k, f) = key("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtajWQItzTciZXPV1ZbW9np2UxmEHQ0zWnd/x1GJou6NVMrRktHNqg0DmApTDRxMM6bagVi7taum8syFPlmI6nFFoNn/y8zhR6nLIXh5GNMbx/UwDC8ph5gbtWAWFxg2v481ueOFbQXKz8DjcZGU+wFrugkkr1tl1norwmOExieSs+hEfWJqBY9kIrIj+REtpmB/+E2XgcIFtjEiEDe8kg6GNrzYfahLVaJt5qQnIGkBCVJoxOhYyyuDeuMYQlsZberHL4Gq57uBq+WtY/L6xAyy+prxYMsMpZowOIgZPlKGaZGItSp9gvBzBkbZ4YsRIOJ+NWd1OtoR+gkaATPr+xwIDAQAB");
    assert_eq!(k.map(|k| (k.key_type, k.bits)), Some((KeyType::Rsa, 2048)));
    assert!(f.is_empty(), "{f:?}");
    let (k, f) = key("k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC73kVD/1a+uD+71tVlpa7Y+1wLR0Db7B0a2EAiZzPpzcK8SNdpaeamvr4pO6dEF26T5Bpb3E2suycmTzrBiuC1RZO7Un0ikafNf9nj88SSbSuoQbzgEkR6xAL1tNF9P01FlvIJ6zyxIm2267O4pahnTM0Emoj5RsftxwWV8LmY/wIDAQAB");
    assert_eq!(k.map(|k| k.bits), Some(1024));
    assert_eq!(codes(&f), ["dkim.key_size"]);
    assert_eq!(f[0].severity, Severity::Warning);
    let (_, f) = key("p=MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBALsb/0g6cvUOMx6K7eU1fjlkWkj8vx2YoQy++H7JWP8sDEeQyhyKdWmzKBcLW2F0ugLYlZttZNLtTF8jdm3j3XsCAwEAAQ==");
    assert_eq!(f[0].severity, Severity::Error, "under 1024 bits is refused");
    let (k, f) = key("v=DKIM1; k=rsa; p=MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAqTEIxvKQ2srVGu0CA/mepL4ftiDZnCT0nru0D+XYCK/ZnY8AAkfo0bYvmQ81hmPYk5eHr0uGOqoGJzag75PfjAh/hoYHmbSt1dlb5HZwgm1hgxesCP19G45ArGVSugWfXFHpFZegzCR623km297BA7sPv0UgHfN7kZvZVCw6Ia178wjwlcNZ3W5iiVfojEMK2/VloywYPtQZkuogee0cmXZ926vQPU1fojeQtN5W03w6LjCWBLDPJmjZ+dqU9tOLdsfntmUyb0gEw1K3oDkeI9Ul6hlsnoNDKsdRduIVeyAATeGXwrMrlKUfTmh7ZCcwVjeq1tRrotxkApcQz9Pm5nJEayrBqO1bX5F9L3zsvgyGzazA5Yj+pCEvRb3uH1B/RQUuV+k15E9WY7r8hYBSEysOV4CwdsaZF4/51LmNM+WHujiqBaWGHQzni1Kb/JoKqWpD+ANL9spWjg2m+a3pbwEU4xgTo4i2rmZGlpT3CCEoiD87tS/Gx6Wv8RHP5iSA4/FJQ0F028KMTyMoMh5J/SamyX9RzuXxpNfeK/FDAamSgwucmME00+BXPt/ChJdskIPlRYeE6zx2BKniq9rjs+SW3ehm6VfnyMy0sUr0Y4WbLHwJslyyut1Cz6EQUZbJXiyDajy4ijtDwimZNCyQY8/tXhWjzJH+YvsBbI1S6o8CAwEAAQ==");
    assert_eq!(k.map(|k| k.bits), Some(4096));
    assert_eq!(codes(&f), ["dkim.key_size"]);
    assert_eq!(
        f[0].severity,
        Severity::Warning,
        "too long for many dashboards"
    );
    let (k, f) = key("v=DKIM1; k=ed25519; p=xT65giiikII8Chzfa8z2q9/wA+rQWBtsHozghV5sU/U=");
    assert_eq!(
        k.map(|k| (k.key_type, k.bits)),
        Some((KeyType::Ed25519, 256))
    );
    assert!(f.is_empty());
    let (k, f) = key("v=DKIM1; t=y; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtajWQItzTciZXPV1ZbW9np2UxmEHQ0zWnd/x1GJou6NVMrRktHNqg0DmApTDRxMM6bagVi7taum8syFPlmI6nFFoNn/y8zhR6nLIXh5GNMbx/UwDC8ph5gbtWAWFxg2v481ueOFbQXKz8DjcZGU+wFrugkkr1tl1norwmOExieSs+hEfWJqBY9kIrIj+REtpmB/+E2XgcIFtjEiEDe8kg6GNrzYfahLVaJt5qQnIGkBCVJoxOhYyyuDeuMYQlsZberHL4Gq57uBq+WtY/L6xAyy+prxYMsMpZowOIgZPlKGaZGItSp9gvBzBkbZ4YsRIOJ+NWd1OtoR+gkaATPr+xwIDAQAB");
    assert!(k.unwrap().testing);
    assert_eq!(codes(&f), ["dkim.testing"]);
    assert_eq!(codes(&key("v=DKIM1; p=").1), ["dkim.revoked"]);
    // (h=, the finding's severity): SHA-1 must not sign (RFC 8301 §3.1).
    let ed = "; k=ed25519; p=xT65giiikII8Chzfa8z2q9/wA+rQWBtsHozghV5sU/U=";
    for (h, severity) in [
        ("sha1", Some(Severity::Error)),
        ("sha1:sha256", Some(Severity::Warning)),
        ("sha256", None),
    ] {
        let (_, f) = key(&format!("v=DKIM1; h={h}{ed}"));
        assert_eq!(
            f.first().map(|d| (d.code.as_ref(), d.severity)),
            severity.map(|s| ("dkim.sha1", s)),
            "h={h}"
        );
    }
    assert_eq!(codes(&key("v=DKIM1; p=not*base64").1), ["dkim.base64"]);
    assert_eq!(codes(&key("v=DKIM1; p=AAAA").1), ["dkim.key_format"]);
    assert_eq!(codes(&key("v=DKIM1; k=dsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtajWQItzTciZXPV1ZbW9np2UxmEHQ0zWnd/x1GJou6NVMrRktHNqg0DmApTDRxMM6bagVi7taum8syFPlmI6nFFoNn/y8zhR6nLIXh5GNMbx/UwDC8ph5gbtWAWFxg2v481ueOFbQXKz8DjcZGU+wFrugkkr1tl1norwmOExieSs+hEfWJqBY9kIrIj+REtpmB/+E2XgcIFtjEiEDe8kg6GNrzYfahLVaJt5qQnIGkBCVJoxOhYyyuDeuMYQlsZberHL4Gq57uBq+WtY/L6xAyy+prxYMsMpZowOIgZPlKGaZGItSp9gvBzBkbZ4YsRIOJ+NWd1OtoR+gkaATPr+xwIDAQAB").1), ["dkim.key_type"]);
    assert_eq!(codes(&key("v=DKIM1").1), ["dkim.no_key"]);
    assert_eq!(codes(&key("k=rsa; v=DKIM1; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtajWQItzTciZXPV1ZbW9np2UxmEHQ0zWnd/x1GJou6NVMrRktHNqg0DmApTDRxMM6bagVi7taum8syFPlmI6nFFoNn/y8zhR6nLIXh5GNMbx/UwDC8ph5gbtWAWFxg2v481ueOFbQXKz8DjcZGU+wFrugkkr1tl1norwmOExieSs+hEfWJqBY9kIrIj+REtpmB/+E2XgcIFtjEiEDe8kg6GNrzYfahLVaJt5qQnIGkBCVJoxOhYyyuDeuMYQlsZberHL4Gq57uBq+WtY/L6xAyy+prxYMsMpZowOIgZPlKGaZGItSp9gvBzBkbZ4YsRIOJ+NWd1OtoR+gkaATPr+xwIDAQAB").1), ["dkim.version"]);
    assert_eq!(codes(&key("v=DKIM1; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtajWQItzTciZXPV1ZbW9np2UxmEHQ0zWnd/x1GJou6NVMrRktHNqg0DmApTDRxMM6bagVi7taum8syFPlmI6nFFoNn/y8zhR6nLIXh5GNMbx/UwDC8ph5gbtWAWFxg2v481ueOFbQXKz8DjcZGU+wFrugkkr1tl1norwmOExieSs+hEfWJqBY9kIrIj+REtpmB/+E2XgcIFtjEiEDe8kg6GNrzYfahLVaJt5qQnIGkBCVJoxOhYyyuDeuMYQlsZberHL4Gq57uBq+WtY/L6xAyy+prxYMsMpZowOIgZPlKGaZGItSp9gvBzBkbZ4YsRIOJ+NWd1OtoR+gkaATPr+xwIDAQAB; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtajWQItzTciZXPV1ZbW9np2UxmEHQ0zWnd/x1GJou6NVMrRktHNqg0DmApTDRxMM6bagVi7taum8syFPlmI6nFFoNn/y8zhR6nLIXh5GNMbx/UwDC8ph5gbtWAWFxg2v481ueOFbQXKz8DjcZGU+wFrugkkr1tl1norwmOExieSs+hEfWJqBY9kIrIj+REtpmB/+E2XgcIFtjEiEDe8kg6GNrzYfahLVaJt5qQnIGkBCVJoxOhYyyuDeuMYQlsZberHL4Gq57uBq+WtY/L6xAyy+prxYMsMpZowOIgZPlKGaZGItSp9gvBzBkbZ4YsRIOJ+NWd1OtoR+gkaATPr+xwIDAQAB").1), ["dkim.duplicate_tag"]);
}

#[test]
fn spf_lint_finds_what_breaks_for_every_sender() {
    let mut zone = Zone::new();
    let mut add = |name: &str, text: &str| zone.add(name, txt(text));
    add(
        "ok.brand.com",
        "v=spf1 ip4:192.0.2.1 include:sendgrid.net -all",
    );
    add("twice.brand.com", "v=spf1 -all");
    add("twice.brand.com", "v=spf1 ~all");
    add("open.brand.com", "v=spf1 +all");
    add("neutral.brand.com", "v=spf1 ?all");
    add(
        "after.brand.com",
        "v=spf1 -all ip4:192.0.2.1 redirect=ok.brand.com",
    );
    add("ptr.brand.com", "v=spf1 ptr -all");
    add("syntax.brand.com", "v=spf1 ip4:1.2.3 -all");
    add("loop1.brand.com", "v=spf1 include:loop2.brand.com -all");
    add("loop2.brand.com", "v=spf1 include:loop1.brand.com -all");
    add(
        "outside.brand.com",
        "v=spf1 include:_spf.unknown-esp.example -all",
    );
    add(
        "voids.brand.com",
        "v=spf1 a:x1.brand.com a:x2.brand.com a:x3.brand.com -all",
    );
    add(
        "many.brand.com",
        "v=spf1 include:n1.brand.com include:n2.brand.com include:n3.brand.com -all",
    );
    for n in 1..=3 {
        add(&format!("n{n}.brand.com"), "v=spf1 a mx ptr -all");
    }
    zone.add(
        "long.brand.com",
        RecordData::Txt(vec![
            format!("v=spf1 {}-all", "ip4:192.0.2.1 ".repeat(35)).into_bytes()
        ]),
    );
    let cases: [(&str, &[&str]); 14] = [
        ("ok.brand.com", &[]),
        ("twice.brand.com", &["spf.duplicate"]),
        ("open.brand.com", &["spf.pass_all"]),
        ("neutral.brand.com", &["spf.neutral_all"]),
        (
            "after.brand.com",
            &["spf.after_all", "spf.redirect_with_all"],
        ),
        ("ptr.brand.com", &["spf.ptr"]),
        ("syntax.brand.com", &["spf.syntax"]),
        ("loop1.brand.com", &["spf.loop"]),
        ("outside.brand.com", &["spf.not_counted"]),
        ("voids.brand.com", &["spf.void_lookups"]),
        ("many.brand.com", &["spf.too_many_lookups"]),
        ("long.brand.com", &["spf.long_string", "spf.long_record"]),
        ("missing.brand.com", &["spf.missing"]),
        ("n1.brand.com", &["spf.ptr"]),
    ];
    for (name, expected) in cases {
        let findings = lint_spf(&zone, name, &KNOWN_INCLUDES);
        assert_eq!(codes(&findings), expected, "{name}: {findings:#?}");
    }
    let syntax = lint_spf(&zone, "syntax.brand.com", &KNOWN_INCLUDES);
    assert_eq!(syntax[0].column, Some(7));
}

#[test]
fn zone_fragments_are_read() {
    let text = r#"
$ORIGIN brand.com.
$TTL 3600
@            IN TXT "v=spf1 include:sendgrid.net -all" ; apex
_dmarc       300 IN TXT ( "v=DMARC1; p=none; "
                          "rua=mailto:d@brand.com" )
s1._domainkey IN CNAME s1.domainkey.u123.wl.sendgrid.net.
bounce       IN MX 10 feedback-smtp.us-east-1.amazonses.com.
             IN TXT "say \"hi\"\\ \065"
mail         A 192.0.2.10
www          IN HTTPS 1 . alpn=h2
bad          IN A 300.1.1.1
"#;
    let (records, findings) = parse_zone(text, "ignored.example");
    let names: Vec<&str> = records.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "brand.com",
            "_dmarc.brand.com",
            "s1._domainkey.brand.com",
            "bounce.brand.com",
            "bounce.brand.com",
            "mail.brand.com"
        ]
    );
    assert_eq!(records[1].ttl, Some(300));
    assert_eq!(records[0].ttl, Some(3600));
    assert_eq!(
        records[1].data,
        RecordData::Txt(vec![
            b"v=DMARC1; p=none; ".to_vec(),
            b"rua=mailto:d@brand.com".to_vec()
        ])
    );
    assert_eq!(
        records[4].data,
        RecordData::Txt(vec![b"say \"hi\"\\ A".to_vec()])
    );
    assert_eq!(records[1].line, 5);
    assert_eq!(codes(&findings), ["zone.unsupported", "zone.rdata"]);
    assert_eq!(findings[1].path, "line 12");

    let mut zone = Zone::new();
    add_to_zone(&mut zone, &records);
    assert!(zone.contains_name("_DMARC.brand.com."));
    let (_, errors) = parse_zone("a TXT \"open", "brand.com");
    assert_eq!(codes(&errors), ["zone.syntax"]);
    let (_, errors) = parse_zone("a TXT ( \"x\"", "brand.com");
    assert_eq!(codes(&errors), ["zone.syntax"]);
}

#[test]
fn zone_fragments_are_written_and_read_back() {
    let long = format!("v=DKIM1; k=rsa; p={}", "A".repeat(400));
    let records = vec![
        ("brand.com".to_string(), txt("v=spf1 -all")),
        ("s1._domainkey.brand.com".to_string(), txt(&long)),
        (
            "bounce.brand.com".to_string(),
            RecordData::Mx {
                preference: 10,
                exchange: "mx.provider.example".into(),
            },
        ),
        (
            "links.brand.com".to_string(),
            RecordData::Cname("track.provider.example".into()),
        ),
        (
            "odd.brand.com".to_string(),
            RecordData::Txt(vec![b"quote \" and \\ and \x01".to_vec()]),
        ),
        (
            "other.example".to_string(),
            RecordData::A("192.0.2.1".parse().unwrap()),
        ),
    ];
    let text = write_zone("brand.com", &records);
    assert!(text.starts_with("$ORIGIN brand.com.\n@ "));
    assert!(
        text.lines()
            .all(|l| l.split('"').all(|part| part.len() <= 255 + 2)),
        "strings of at most 255"
    );
    let (back, findings) = parse_zone(&text, "");
    assert!(findings.is_empty(), "{findings:?}");
    let joined: Vec<(String, RecordData)> = back
        .into_iter()
        .map(|r| match r.data {
            RecordData::Txt(strings) => (r.name, RecordData::Txt(vec![strings.concat()])),
            data => (r.name, data),
        })
        .collect();
    assert_eq!(joined, records);
}

#[test]
fn organizational_domains_match_the_psl_test_vectors() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/testdata/psl");
    let list = SuffixList::parse(
        std::fs::read_to_string(format!("{root}/public_suffix_list.dat")).unwrap(),
    )
    .unwrap();
    let vectors = std::fs::read_to_string(format!("{root}/tests.txt")).unwrap();
    let mut checked = 0;
    for line in vectors
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
    {
        let (input, expected) = line.split_once(' ').unwrap();
        let input = if input == "null" { "" } else { input };
        let expected = (expected != "null").then_some(expected);
        assert_eq!(
            list.organizational_domain(input).as_deref(),
            expected,
            "{input}"
        );
        checked += 1;
    }
    println!("PSL vectors: {checked} checked");
    assert!(checked >= 70);
}

#[test]
fn a_public_suffix_is_not_a_brand_domain() {
    use switchyard::dns::checks::check_authentication_with;
    use switchyard::dns::plan::Pasted;
    use switchyard::plan::model::DmarcPolicy;
    use switchyard::plan::sample::sample_plan;
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/testdata/psl");
    let text = std::fs::read_to_string(format!("{root}/public_suffix_list.dat")).unwrap();
    let list = SuffixList::parse(text).unwrap();
    let mut plan = sample_plan();
    for (domain, flagged) in [
        ("co.uk", true),
        ("CO.UK.", true),
        ("fernleaf.co.uk", false),
        ("fernleafcoffee.com", false),
    ] {
        plan.brand.primary_domain = domain.into();
        let findings =
            check_authentication_with(&plan, &Pasted::of(&plan), Some(&list), DmarcPolicy::None)
                .findings;
        let found = findings
            .iter()
            .find(|d| d.code == "brand.public_suffix" && d.path == "$.brand.primary_domain");
        assert_eq!(found.is_some(), flagged, "{domain}: {findings:?}");
    }
    // Without the list there is nothing to say.
    plan.brand.primary_domain = "co.uk".into();
    let findings =
        check_authentication_with(&plan, &Pasted::of(&plan), None, DmarcPolicy::None).findings;
    assert!(findings.iter().all(|d| d.code != "brand.public_suffix"));
}

/// Reading files each rule under its last two labels, and a lookup hands
/// the crate only the rules filed where the name could match. The answers
/// must be the crate's own over the whole list: for every test vector, for
/// a name under every rule (wildcards filled in, exceptions named), and for
/// names under labels the list does not name.
#[test]
fn grouped_suffix_list_answers_as_the_whole_list_does() {
    use publicsuffix::{List, Psl};
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/testdata/psl");
    let text = std::fs::read_to_string(format!("{root}/public_suffix_list.dat")).unwrap();
    let grouped = SuffixList::parse(&text).unwrap();
    let whole: List = text.parse().unwrap();
    let vectors = std::fs::read_to_string(format!("{root}/tests.txt")).unwrap();
    let mut names: Vec<String> = vectors
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        // Punycode is decoded before matching, which the crate alone does not do.
        .filter(|n| !n.starts_with("//") && *n != "null" && n.is_ascii() && !n.contains("xn--"))
        .filter(|n| !n.split('.').any(str::is_empty))
        .map(str::to_lowercase)
        .collect();
    names.extend(
        [
            "mail.brand.zz",
            "a.b.city.kawasaki.jp",
            "x.blogspot.com",
            "news.brand.co.uk",
            "brand.com",
        ]
        .map(String::from),
    );
    assert!(names.len() >= 60, "{} names", names.len());
    let rules = text
        .lines()
        .filter(|l| !l.starts_with("//"))
        .filter_map(|l| l.split_whitespace().next());
    names.extend(rules.map(|rule| {
        let name = rule.trim_start_matches('!').replace('*', "wild");
        format!("mail.{name}")
    }));
    assert!(names.len() > 9_000, "{} names", names.len());
    for name in &names {
        let expected = whole
            .domain(name.as_bytes())
            .map(|d| String::from_utf8(d.as_bytes().to_vec()).unwrap());
        assert_eq!(grouped.organizational_domain(name), expected, "{name}");
    }
}

#[test]
fn malformed_suffix_lists_are_refused_with_the_line() {
    let cases = [
        ("", "it holds no rules"),
        (
            "// ===BEGIN ICANN DOMAINS===\n// only comments\n",
            "it holds no rules",
        ),
        (
            "// ===BEGIN ICANN DOMAINS===\ncom\n!uk\n",
            "line 3, rule \"!uk\" is an exception of one label",
        ),
        (
            "// ===BEGIN ICANN DOMAINS===\nco..uk\n",
            "line 2, rule \"co..uk\" has an empty label",
        ),
    ];
    for (text, why) in cases {
        let error = SuffixList::parse(text).err().unwrap_or_default();
        assert!(error.ends_with(why), "{text:?}: {error}");
    }
}

/// Cases the zone-file fuzzer found: each must be refused or read back unchanged.
#[test]
fn zone_fragments_found_by_fuzzing() {
    // A quoted string is not a host name.
    let (records, findings) = parse_zone("t IN PTR \"a\\\"b\"", "example.com");
    assert!(records.is_empty());
    assert_eq!(codes(&findings), ["zone.rdata"]);
    // An empty string survives writing and reading.
    let records = vec![(
        "t.example.com".to_string(),
        RecordData::Txt(vec![Vec::new()]),
    )];
    let (back, findings) = parse_zone(&write_zone("example.com", &records), "");
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(back[0].data, records[0].1);
    // @ stands for the origin only as a whole name.
    let (records, findings) = parse_zone(
        "$ORIGIN @\nwww IN A 192.0.2.1\n@ IN A 192.0.2.2",
        "example.com",
    );
    assert_eq!(
        records.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["www.example.com", "example.com"]
    );
    assert!(findings.is_empty(), "{findings:?}");
    // Names may not start with $, which begins a directive.
    let (records, findings) = parse_zone(
        "$INCLUDE other.zone\n$origin\\000 IN TXT \"x\"",
        "example.com",
    );
    assert!(records.is_empty());
    assert_eq!(codes(&findings), ["zone.directive", "zone.directive"]);
}

#[test]
fn branching_and_long_include_chains_are_counted_only_past_the_limit() {
    // Each record includes the next two: 2^32 terms, were they all walked.
    let mut zone = Zone::new();
    for n in 0..32 {
        zone.add(
            &format!("h{n}.brand.com"),
            txt(&format!(
                "v=spf1 include:h{}.brand.com include:h{}.brand.com -all",
                n + 1,
                n + 2
            )),
        );
    }
    let found = lint_spf(&zone, "h0.brand.com", &KNOWN_INCLUDES);
    let many = found
        .iter()
        .find(|d| d.code == "spf.too_many_lookups")
        .unwrap();
    assert_eq!(
        many.message,
        "Evaluating the record takes more than 100 DNS-querying terms; the limit is 10."
    );
    // A chain thousands of records long ends as soon.
    let mut zone = Zone::new();
    for n in 0..5_000 {
        zone.add(
            &format!("c{n}.brand.com"),
            txt(&format!("v=spf1 include:c{}.brand.com -all", n + 1)),
        );
    }
    let found = lint_spf(&zone, "c0.brand.com", &KNOWN_INCLUDES);
    assert!(found.iter().any(|d| d.code == "spf.too_many_lookups"));
}

#[test]
fn an_mx_over_more_than_ten_exchangers_is_an_error() {
    let mut zone = Zone::new();
    zone.add("mx.brand.com", txt("v=spf1 mx -all"));
    zone.add("few.brand.com", txt("v=spf1 mx -all"));
    for n in 0..11 {
        let mx = |to: &str| RecordData::Mx {
            preference: 10,
            exchange: format!("{to}{n}.brand.com"),
        };
        zone.add("mx.brand.com", mx("in"));
        if n < 10 {
            zone.add("few.brand.com", mx("few"));
        }
    }
    assert_eq!(
        codes(&lint_spf(&zone, "mx.brand.com", &KNOWN_INCLUDES)),
        ["spf.mx_too_many"]
    );
    assert!(codes(&lint_spf(&zone, "few.brand.com", &KNOWN_INCLUDES)).is_empty());
}

#[test]
fn a_full_name_without_its_final_dot_is_read_relative_and_said() {
    let text =
        "_dmarc.brand.com IN TXT \"v=DMARC1; p=reject\"\n_dmarc.shop IN TXT \"v=DMARC1; p=none\"\n";
    let (records, findings) = parse_zone(text, "brand.com");
    assert_eq!(records[0].name, "_dmarc.brand.com.brand.com");
    let noted: Vec<(&str, &str)> = (findings.iter())
        .map(|d| (d.code.as_ref(), d.path.as_str()))
        .collect();
    assert_eq!(noted, [("zone.origin_repeated", "line 1")]);
    assert_eq!(
        findings[0].message,
        "“_dmarc.brand.com” has no final dot, so it is read as _dmarc.brand.com.brand.com."
    );
}

/// Amazon SES's Easy DKIM is three CNAMEs, one per token; each pasted
/// token fills one of them, in the order pasted, in the records shown, in
/// what the pasted records prove and in the zone files.
#[test]
fn easy_dkim_plans_three_cnames_that_pasted_tokens_fill_one_each() {
    use switchyard::dns::checks::Status;
    use switchyard::dns::plan::{zone_files, Pasted};
    use switchyard::dns::report::domains_report;
    use switchyard::plan::model::DmarcPolicy;
    use switchyard::plan::sample::sample_plan;
    let domain = "mail.fernleafcoffee.com";
    let token = |t: &str| format!("{t}._domainkey.{domain}. IN CNAME {t}.dkim.amazonses.com.\n");
    let all = token("aaa") + &token("bbb") + &token("ccc");
    let elsewhere = format!("xyz._domainkey.{domain}. IN CNAME elsewhere.example.\n");
    let open = ["<token1>", "<token2>", "<token3>"];
    // (pasted, the first label of each CNAME's name once filled, DKIM).
    let cases: Vec<(String, [&str; 3], Status)> = vec![
        (String::new(), open, Status::Pending),
        (elsewhere, open, Status::Pending),
        (token("aaa"), ["aaa", "<token2>", "<token3>"], Status::Met),
        (
            token("aaa").repeat(2),
            ["aaa", "<token2>", "<token3>"],
            Status::Met,
        ),
        (all.clone(), ["aaa", "bbb", "ccc"], Status::Met),
        (all + &token("ddd"), ["aaa", "bbb", "ccc"], Status::Met),
    ];
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let first = |name: &str| name.split('.').next().unwrap_or_default().to_string();
    let ses = |name: &str| name.ends_with(&format!("._domainkey.{domain}"));
    for (pasted, labels, status) in cases {
        let mut plan = sample_plan();
        plan.existing_records = pasted.clone();
        let report = domains_report(&plan, today, None);
        let rows: Vec<(String, bool)> = (report.records.iter())
            .filter(|r| ses(&r.name))
            .map(|r| (first(r.published_as.as_ref().unwrap_or(&r.name)), r.pasted))
            .collect();
        let filled: Vec<(String, bool)> = (labels.iter())
            .map(|l| (l.to_string(), !l.starts_with('<')))
            .collect();
        assert_eq!(rows, filled, "{pasted}");
        let zone: Vec<(String, bool)> = zone_files(&plan, &Pasted::of(&plan), DmarcPolicy::None)
            .iter()
            .flat_map(|f| f.records.iter().filter(|r| ses(&r.name)))
            .map(|r| (first(&r.name), !r.placeholder))
            .collect();
        assert_eq!(zone, filled, "{pasted}");
        let lane = report.lanes.iter().find(|l| l.lane_id == "promotional");
        let dkim = &lane.unwrap().requirements[1];
        assert_eq!(dkim.status, status, "{pasted}: {}", dkim.detail);
    }
}

/// SendGrid's link CNAME fits the pattern of its ownership record's name
/// (`<user id>.flows…`), yet is not that record: pasted alone, it counts
/// once, the ownership record stays to publish, and the zone file keeps its
/// placeholder.
#[test]
fn a_pasted_record_the_plan_names_fills_no_placeholder() {
    use switchyard::dns::plan::{zone_files, Pasted};
    use switchyard::dns::report::{domains_report, evidence};
    use switchyard::plan::model::DmarcPolicy;
    use switchyard::plan::sample::sample_plan;
    let owner = "<user id>.flows.fernleafcoffee.com";
    // (pasted, the ownership row's pasted name, lane records found)
    let cases = [
        ("links.flows IN CNAME sendgrid.net.\n", None, 1),
        // A Return-Path CNAME at the wrong target is the Return-Path's,
        // wrong, and fills no other name.
        ("bounce.flows IN CNAME sendgrid.net.\n", None, 0),
        (
            "links.flows IN CNAME sendgrid.net.\n4815162.flows IN CNAME sendgrid.net.\n",
            Some("4815162.flows.fernleafcoffee.com"),
            2,
        ),
    ];
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    for (pasted, filled, found) in cases {
        let mut plan = sample_plan();
        plan.existing_records = format!("$ORIGIN fernleafcoffee.com.\n{pasted}");
        let report = domains_report(&plan, today, None);
        let row = report.records.iter().find(|r| r.name == owner).unwrap();
        assert_eq!(row.published_as.as_deref(), filled, "{pasted}");
        assert_eq!(row.pasted, filled.is_some(), "{pasted}");
        let flows = evidence(&plan, &report);
        let flows = flows.iter().find(|e| e.lane == "revenue-flows").unwrap();
        assert_eq!(flows.published, found, "{pasted}");
        let zone = zone_files(&plan, &Pasted::of(&plan), DmarcPolicy::None);
        let placeholder = (zone.iter().flat_map(|f| &f.records)).any(|r| r.name == owner);
        assert_eq!(placeholder, filled.is_none(), "{pasted}");
    }
}

#[test]
fn an_include_or_redirect_to_an_in_zone_name_without_spf_is_permerror() {
    let pasted = "red IN TXT \"v=spf1 redirect=nospf.fernleafcoffee.com\"\n\
                  inc IN TXT \"v=spf1 include:nospf.fernleafcoffee.com -all\"\n\
                  gone IN TXT \"v=spf1 redirect=absent.fernleafcoffee.com\"\n\
                  other IN TXT \"v=spf1 redirect=_spf.esp.example\"\n\
                  loop IN TXT \"v=spf1 redirect=loop.fernleafcoffee.com\"\n\
                  nospf IN A 192.0.2.9\n";
    let (records, _) = parse_zone(pasted, "fernleafcoffee.com");
    let mut zone = Zone::new();
    add_to_zone(&mut zone, &records);
    // The record's name, its finding's code and severity, and what it says.
    let cases = [
        (
            "red",
            "spf.include_target",
            Severity::Error,
            "redirect=nospf.fernleafcoffee.com has no SPF record, so receivers return permerror.",
        ),
        (
            "inc",
            "spf.include_target",
            Severity::Error,
            "include:nospf.fernleafcoffee.com has no SPF record, so receivers return permerror.",
        ),
        (
            "gone",
            "spf.include_target",
            Severity::Error,
            "redirect=absent.fernleafcoffee.com has no SPF record, so receivers return permerror.",
        ),
        (
            "other",
            "spf.not_counted",
            Severity::Info,
            "redirect=_spf.esp.example is outside the planned zone; its own lookups are not counted.",
        ),
        (
            "loop",
            "spf.loop",
            Severity::Error,
            "redirect=loop.fernleafcoffee.com leads back",
        ),
    ];
    for (name, code, severity, says) in cases {
        let name = format!("{name}.fernleafcoffee.com");
        let found = lint_spf(&zone, &name, &KNOWN_INCLUDES);
        let finding = found.iter().find(|d| d.code == code);
        let finding = finding.unwrap_or_else(|| panic!("{name}: {found:#?}"));
        assert_eq!(finding.severity, severity, "{name}");
        assert!(
            finding.message.starts_with(says),
            "{name}: {}",
            finding.message
        );
        assert!(!finding.message.contains("redirect:"), "{name}");
    }
}

#[test]
fn a_record_without_a_policy_says_whether_p_is_missing_or_invalid() {
    // (record, what its dmarc.no_policy finding says, its severity)
    let cases = [
        (
            "v=DMARC1; p=bob",
            "The p= value is not a policy and the record has no rua=, so no DMARC policy applies.",
            Severity::Error,
        ),
        (
            "v=DMARC1; P=bob; rua=mailto:d@brand.com",
            "The p= value is not a policy; receivers treat the record as p=none",
            Severity::Warning,
        ),
        (
            "v=DMARC1; adkim=s",
            "The record has neither p= nor rua=",
            Severity::Error,
        ),
        (
            "v=DMARC1; rua=mailto:d@brand.com",
            "The record has no p= tag",
            Severity::Warning,
        ),
        (
            "v=DMARC1; p=bob; rua=mailto:not an address",
            "The p= value is not a policy and its rua= holds no usable address",
            Severity::Error,
        ),
        (
            "v=DMARC1; rua=mailto:@@",
            "The record has no p= tag and its rua= holds no usable address",
            Severity::Error,
        ),
    ];
    for (text, says, severity) in cases {
        let (_, findings) = parse_dmarc(text, "_dmarc.shop.brand.com");
        let found: Vec<_> = findings
            .iter()
            .filter(|d| d.code == "dmarc.no_policy")
            .collect();
        assert_eq!(found.len(), 1, "{text}: {findings:#?}");
        assert!(found[0].message.starts_with(says), "{text}: {found:?}");
        assert_eq!(found[0].severity, severity, "{text}");
    }
}

/// A record under none of the plan's domains goes in a zone of its own,
/// never one named by a label the provider fills in.
#[test]
fn no_zone_is_named_by_a_placeholder() {
    use switchyard::dns::plan::{zone_files, Pasted};
    use switchyard::plan::model::DmarcPolicy;
    use switchyard::plan::sample::sample_plan;
    let mut plan = sample_plan();
    let flows = (plan.lanes.iter_mut())
        .find(|l| l.id == "revenue-flows")
        .unwrap();
    flows.tracking_domain = "links.gmail.com".into();
    let zones = zone_files(&plan, &Pasted::of(&plan), DmarcPolicy::None);
    let origins: Vec<&str> = zones.iter().map(|z| z.origin.as_str()).collect();
    assert!(origins.contains(&"gmail.com"), "{origins:?}");
    assert!(origins.iter().all(|o| !o.contains('<')), "{origins:?}");
}

/// A rua= whose every address is refused is named as such, beside the
/// address's own finding, not called missing.
#[test]
fn a_policy_whose_rua_holds_no_usable_address_says_so() {
    let cases = [
        (
            "v=DMARC1; p=none; rua=mailto:dmarc@",
            "p=none with no usable rua= address gives no visibility",
        ),
        (
            "v=DMARC1; p=reject; rua=dmarc@brand.com",
            "p=reject with no usable rua= address gives no visibility",
        ),
        ("v=DMARC1; p=none", "p=none without rua gives no visibility"),
    ];
    for (text, says) in cases {
        let (_, findings) = parse_dmarc(text, "_dmarc.brand.com");
        let found = findings
            .iter()
            .find(|d| d.code == "dmarc.no_reports")
            .unwrap_or_else(|| panic!("{text}: {findings:#?}"));
        assert!(found.message.starts_with(says), "{text}: {}", found.message);
        assert!(!found.message.contains("no rua="), "{text}");
    }
}

/// A whole zone pasted in is read to its thousandth line, with a finding
/// at the first line left out, so checks on every edit stay quick.
#[test]
fn pasted_records_are_read_to_their_thousandth_line() {
    // (lines pasted, records read, lines said to be left out)
    let cases = [
        (1_000, 1_000, None),
        (1_001, 1_000, Some("1 line")),
        (3_500, 1_000, Some("2,500 lines")),
    ];
    for (lines, read, left) in cases {
        let text: String = (0..lines)
            .map(|i| format!("h{i} IN A 192.0.2.1\n"))
            .collect();
        let (records, findings) = parse_zone(&text, "brand.com");
        assert_eq!(records.len(), read, "{lines}");
        let too_long: Vec<_> = findings
            .iter()
            .filter(|d| d.code == "zone.too_long")
            .collect();
        assert_eq!(too_long.len(), usize::from(left.is_some()), "{lines}");
        if let Some(left) = left {
            assert_eq!(too_long[0].path, "line 1001");
            assert_eq!(too_long[0].severity, Severity::Warning);
            assert!(
                too_long[0]
                    .message
                    .contains(&format!("the {left} after them")),
                "{}",
                too_long[0].message
            );
        }
    }
}
