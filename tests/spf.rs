//! SPF parsing, macros and evaluation over a planned zone.

use std::net::IpAddr;

use switchyard::dns::spf::*;
use switchyard::dns::{Answer, RecordData, RecordType, Resolver, Zone};

fn txt(text: &str) -> RecordData {
    RecordData::Txt(vec![text.as_bytes().to_vec()])
}

#[test]
fn records_are_recognised_by_their_version() {
    for (text, is_spf) in [
        ("v=spf1 -all", true),
        ("V=SPF1", true),
        ("v=spf1", true),
        ("v=spf10 -all", false),
        ("spf2.0/pra -all", false),
        ("google-site-verification=abc", false),
    ] {
        assert_eq!(is_spf_record(text.as_bytes()), is_spf, "{text}");
    }
}

#[test]
fn syntax_errors_say_where_and_what() {
    // (record, offset of the bad term, words in the message)
    let cases = [
        ("v=spf1 ip4:192.0.2.300 -all", 7, "not an IPv4 address"),
        ("v=spf1 a mx foo -all", 12, "“foo” is not a mechanism"),
        ("v=spf1 -all/8", 7, "all takes no argument"),
        ("v=spf1 ip4:192.0.2.0/33", 7, "prefix length from 0 to 32"),
        ("v=spf1 ip4:192.0.2.0/024", 7, "prefix length"),
        ("v=spf1 include: -all", 7, "the domain is empty"),
        ("v=spf1 a:museum", 7, "two labels"),
        ("v=spf1 a:example.123", 7, "top-level label"),
        ("v=spf1 exists:%{x}.example.com", 7, "not a macro letter"),
        ("v=spf1 exists:%{c}.example.com", 7, "only in explanation"),
        (
            "v=spf1 redirect=a.example redirect=b.example",
            26,
            "appears twice",
        ),
        ("v=spf1 a:b%c.example.com", 7, "is not a macro"),
        ("v=spf1 a -all é", 14, "US-ASCII"),
    ];
    for (text, offset, words) in cases {
        let error = parse_record(text).expect_err(text);
        assert_eq!(error.offset, offset, "{text}: {}", error.message);
        assert!(error.message.contains(words), "{text}: {}", error.message);
        assert!(!error.hint.is_empty(), "{text} has a hint");
    }
}

#[test]
fn well_formed_records_parse() {
    let record = parse_record("v=spf1 +a:mail.example.com/24//64 mx/30 ~ip6:2001:db8::/32 include:_spf.%{d2} ?exists:%{ir}.x.example.com exp=why.example.com unknown=%{s} -all").unwrap();
    assert_eq!(record.directives.len(), 6);
    assert!(matches!(
        record.directives[0].mechanism,
        Mechanism::A {
            domain: Some(_),
            v4: 24,
            v6: 64
        }
    ));
    assert!(matches!(
        record.directives[1].mechanism,
        Mechanism::Mx {
            domain: None,
            v4: 30,
            v6: 128
        }
    ));
    assert_eq!(record.directives[2].qualifier, Qualifier::SoftFail);
    assert_eq!(record.directives[5].qualifier, Qualifier::Fail);
    assert!(record.explanation.is_some());
    assert!(record.redirect.is_none());
}

/// A planned zone for brand.com: a bounce domain with its own SPF record
/// that includes a provider and lists the lane's dedicated IP.
fn zone() -> Zone {
    let mut zone = Zone::new();
    zone.add(
        "bounce.brand.com",
        txt("v=spf1 ip4:198.51.100.7 include:_spf.provider.example ~all"),
    );
    zone.add(
        "_spf.provider.example",
        txt("v=spf1 ip4:203.0.113.0/24 ip6:2001:db8:1::/48 -all"),
    );
    zone.add("brand.com", txt("v=spf1 mx -all"));
    zone.add(
        "brand.com",
        RecordData::Mx {
            preference: 10,
            exchange: "mx.brand.com".into(),
        },
    );
    zone.add("mx.brand.com", RecordData::A("192.0.2.25".parse().unwrap()));
    zone.add("alias.brand.com", RecordData::Cname("mx.brand.com".into()));
    zone.add("news.brand.com", txt("v=spf1 -all"));
    zone.add("news.brand.com", txt("v=spf1 +all"));
    zone
}

fn check(ip: &str, mail_from: &str) -> SpfOutcome {
    let ip: IpAddr = ip.parse().unwrap();
    check_host(
        &zone(),
        &SpfQuery {
            ip,
            mail_from,
            helo: "mta.brand.com",
            receiver: "mx.receiver.example",
            timestamp: 0,
        },
    )
}

#[test]
fn lanes_are_evaluated_over_the_planned_zone() {
    let cases = [
        ("198.51.100.7", "bounce@bounce.brand.com", SpfResult::Pass),
        ("203.0.113.40", "bounce@bounce.brand.com", SpfResult::Pass),
        ("2001:db8:1::9", "bounce@bounce.brand.com", SpfResult::Pass),
        ("192.0.2.99", "bounce@bounce.brand.com", SpfResult::SoftFail),
        ("192.0.2.25", "hello@brand.com", SpfResult::Pass),
        ("192.0.2.26", "hello@brand.com", SpfResult::Fail),
        ("192.0.2.26", "hello@nowhere.brand.com", SpfResult::None),
        ("192.0.2.26", "hello@news.brand.com", SpfResult::PermError),
        (
            "::ffff:198.51.100.7",
            "bounce@bounce.brand.com",
            SpfResult::Pass,
        ),
    ];
    for (ip, from, expected) in cases {
        let outcome = check(ip, from);
        assert_eq!(
            outcome.result, expected,
            "{ip} {from}: {:#?}",
            outcome.trace
        );
    }
}

#[test]
fn the_trace_explains_the_verdict() {
    let outcome = check("203.0.113.40", "bounce@bounce.brand.com");
    assert_eq!(outcome.dns_terms, 1);
    assert_eq!(
        outcome.trace,
        [
            "bounce.brand.com: \"v=spf1 ip4:198.51.100.7 include:_spf.provider.example ~all\"",
            "  ip4:198.51.100.7: no match",
            "  _spf.provider.example: \"v=spf1 ip4:203.0.113.0/24 ip6:2001:db8:1::/48 -all\"",
            "    ip4:203.0.113.0/24: matches, pass",
            "  include:_spf.provider.example: matches, pass",
            "result: pass",
        ]
    );
}

#[test]
fn the_zone_answers_like_a_resolver() {
    let zone = zone();
    assert_eq!(
        zone.query("MX.Brand.com.", RecordType::A),
        Answer::Records(vec![RecordData::A("192.0.2.25".parse().unwrap())])
    );
    assert_eq!(
        zone.query("alias.brand.com", RecordType::A),
        Answer::Records(vec![RecordData::A("192.0.2.25".parse().unwrap())])
    );
    assert_eq!(zone.query("mx.brand.com", RecordType::Txt), Answer::NoData);
    assert_eq!(
        zone.query("missing.brand.com", RecordType::A),
        Answer::NxDomain
    );
    let mut looped = Zone::new();
    looped.add("a.example", RecordData::Cname("b.example".into()));
    looped.add("b.example", RecordData::Cname("a.example".into()));
    assert_eq!(looped.query("a.example", RecordType::A), Answer::Failure);
}

#[test]
fn limits_stop_runaway_records() {
    let mut zone = Zone::new();
    zone.add("loop.example", txt("v=spf1 include:loop.example -all"));
    zone.add(
        "many.example",
        txt("v=spf1 a:a1.example a:a2.example a:a3.example -all"),
    );
    let ip: IpAddr = "192.0.2.1".parse().unwrap();
    let run = |from: &str| {
        check_host(
            &zone,
            &SpfQuery {
                ip,
                mail_from: from,
                helo: "h.example",
                receiver: "r",
                timestamp: 0,
            },
        )
    };
    let looped = run("x@loop.example");
    assert_eq!(looped.result, SpfResult::PermError);
    assert_eq!(looped.dns_terms, MAX_DNS_TERMS + 1);
    let voids = run("x@many.example");
    assert_eq!(
        voids.result,
        SpfResult::PermError,
        "the third void lookup is one too many"
    );
    assert_eq!(voids.void_lookups, MAX_VOID_LOOKUPS + 1);
}

#[test]
fn explanations_expand_macros() {
    let mut zone = Zone::new();
    zone.add("brand.example", txt("v=spf1 -all exp=why.brand.example"));
    zone.add(
        "why.brand.example",
        txt("%{c} may not send for %{d} (%{l}); see https://%{o}/spf at %{t}"),
    );
    let ip: IpAddr = "2001:db8::5".parse().unwrap();
    let outcome = check_host(
        &zone,
        &SpfQuery {
            ip,
            mail_from: "ann@brand.example",
            helo: "h.example",
            receiver: "r",
            timestamp: 1_700_000_000,
        },
    );
    assert_eq!(outcome.result, SpfResult::Fail);
    assert_eq!(outcome.explanation.as_deref(), Some("2001:db8::5 may not send for brand.example (ann); see https://brand.example/spf at 1700000000"));
}

#[test]
fn a_null_mx_matches_no_address_and_costs_no_lookup() {
    // RFC 7505: “MX 0 .” names no host, so “mx” has nothing to look up.
    let mut zone = Zone::new();
    zone.add("nomail.example", txt("v=spf1 mx ip4:192.0.2.9 -all"));
    zone.add(
        "nomail.example",
        RecordData::Mx {
            preference: 0,
            exchange: String::new(),
        },
    );
    let query = |ip: &str| SpfQuery {
        ip: ip.parse().unwrap(),
        mail_from: "a@nomail.example",
        helo: "h.example",
        receiver: "r",
        timestamp: 0,
    };
    let fail = check_host(&zone, &query("192.0.2.1"));
    assert_eq!(fail.result, SpfResult::Fail);
    // The root is never looked up as a host name.
    assert!(
        fail.trace
            .iter()
            .all(|line| !line.contains("not a valid DNS name")),
        "{:?}",
        fail.trace
    );
    assert_eq!(
        check_host(&zone, &query("192.0.2.9")).result,
        SpfResult::Pass
    );
}
