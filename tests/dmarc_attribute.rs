//! DMARC aggregate rows by lane: attribution by each kind of evidence and
//! its conflicts, the rates per lane, domain, organisation and day, the
//! unexplained sources and their hints, and the rollout's readiness.

use chrono::NaiveDate;
use switchyard::dmarc_reports::attribute::{
    lane_of, other_brands, summarise, Attribution, Crossed, Evidence, HintKind, Lanes, Summary,
};
use switchyard::dmarc_reports::rollout::{
    checklist_evidence, readiness, BlockerKind, LaneOutcome, Outcome, Readiness, StageState,
};
use switchyard::dmarc_reports::{
    Disposition, DkimResult, PublishedPolicy, Report, Row, SpfResult, Verdict,
};
use switchyard::dns::plan::lane_domains;
use switchyard::plan::model::{DmarcPolicy, ItemStatus, Plan};
use switchyard::plan::sample::sample_plan;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// A row from `ip` as `header_from`, failing everything until told more.
fn row(ip: &str, header_from: &str) -> Row {
    Row {
        day: "2027-02-01".into(),
        org: "google.com".into(),
        policy_domain: "fernleafcoffee.com".into(),
        source_ip: ip.into(),
        header_from: header_from.into(),
        envelope_from: String::new(),
        dkim: Vec::new(),
        spf: Vec::new(),
        policy_dkim: Verdict::Fail,
        policy_spf: Verdict::Fail,
        disposition: Disposition::None,
        reasons: Vec::new(),
        count: 1,
    }
}

/// Builder steps for rows.
trait With {
    fn dkim(self, domain: &str, selector: &str, result: &str) -> Row;
    fn spf(self, domain: &str, scope: &str, result: &str) -> Row;
    fn aligned(self, dkim: bool, spf: bool) -> Row;
    fn on(self, day: &str, org: &str) -> Row;
    fn count(self, n: u64) -> Row;
    fn disposition(self, d: Disposition) -> Row;
    fn reason(self, r: &str) -> Row;
}

impl With for Row {
    fn dkim(mut self, domain: &str, selector: &str, result: &str) -> Row {
        self.dkim.push(DkimResult {
            domain: domain.into(),
            selector: selector.into(),
            result: result.into(),
        });
        self
    }
    fn spf(mut self, domain: &str, scope: &str, result: &str) -> Row {
        self.spf.push(SpfResult {
            domain: domain.into(),
            scope: scope.into(),
            result: result.into(),
        });
        self
    }
    fn aligned(mut self, dkim: bool, spf: bool) -> Row {
        let v = |b| if b { Verdict::Pass } else { Verdict::Fail };
        self.policy_dkim = v(dkim);
        self.policy_spf = v(spf);
        self
    }
    fn on(mut self, day: &str, org: &str) -> Row {
        self.day = day.into();
        self.org = org.into();
        self
    }
    fn count(mut self, n: u64) -> Row {
        self.count = n;
        self
    }
    fn disposition(mut self, d: Disposition) -> Row {
        self.disposition = d;
        self
    }
    fn reason(mut self, r: &str) -> Row {
        self.reasons.push(r.into());
        self
    }
}

const RECEIPTS: &str = "receipts.fernleafcoffee.com";
const FLOWS: &str = "flows.fernleafcoffee.com";
const MAIL: &str = "mail.fernleafcoffee.com";
const ROOT: &str = "fernleafcoffee.com";
const FLOWS_IP: &str = "198.51.100.10";
const PROMO_IP: &str = "203.0.113.11";

/// A lane's id, From, DKIM and selector, bounce domain and IPs.
type Identities<'a> = (&'a str, String, String, String, String, Vec<String>);

#[test]
fn the_sample_lanes_have_the_identities_these_tests_use() {
    let plan = sample_plan();
    let ids: Vec<Identities> = plan
        .lanes
        .iter()
        .map(|l| {
            let d = lane_domains(l).unwrap();
            (
                l.id.as_str(),
                d.from_domain,
                d.dkim_domain,
                d.dkim_selector,
                d.bounce_domain,
                l.ip_addresses.clone(),
            )
        })
        .collect();
    let s = |t: &str| t.to_string();
    assert_eq!(
        ids,
        vec![
            (
                "transactional",
                s(RECEIPTS),
                s(RECEIPTS),
                s(switchyard::dns::plan::POSTMARK_SELECTOR),
                format!("bounce.{RECEIPTS}"),
                vec![]
            ),
            (
                "revenue-flows",
                s(FLOWS),
                s(FLOWS),
                s("s1"),
                format!("bounce.{FLOWS}"),
                vec![s(FLOWS_IP)]
            ),
            (
                "promotional",
                s(MAIL),
                s(MAIL),
                s(switchyard::dns::plan::SES_TOKEN),
                format!("bounce.{MAIL}"),
                vec![s("203.0.113.10"), s(PROMO_IP)]
            ),
        ]
    );
}

fn expect(lane: Option<&str>, by: Evidence) -> Attribution {
    Attribution {
        lane: lane.map(str::to_string),
        by,
    }
}

#[test]
fn rows_go_to_lanes_by_the_strongest_evidence() {
    let plan = sample_plan();
    let cases: Vec<(&str, Row, Attribution)> = vec![
        (
            "the lane's IP",
            row(FLOWS_IP, FLOWS),
            expect(Some("revenue-flows"), Evidence::Ip),
        ),
        (
            "an IPv4-mapped IPv6 address",
            row("::ffff:203.0.113.11", MAIL),
            expect(Some("promotional"), Evidence::Ip),
        ),
        (
            "the IP wins even when everything fails",
            row(PROMO_IP, ROOT),
            expect(Some("promotional"), Evidence::Ip),
        ),
        (
            "a passing DKIM signature",
            row("192.0.2.9", RECEIPTS).dkim(RECEIPTS, "pm", "pass"),
            expect(Some("transactional"), Evidence::Dkim),
        ),
        (
            "DKIM in another case with a final dot",
            row("192.0.2.9", RECEIPTS).dkim("Receipts.FernleafCoffee.com.", "PM", "Pass"),
            expect(Some("transactional"), Evidence::Dkim),
        ),
        (
            "DKIM with a selector the plan cannot know",
            row("192.0.2.9", MAIL).dkim(MAIL, "abcdef123", "pass"),
            expect(Some("promotional"), Evidence::Dkim),
        ),
        (
            "a failing DKIM signature proves nothing",
            row("192.0.2.9", RECEIPTS).dkim(RECEIPTS, "pm", "fail"),
            expect(None, Evidence::None),
        ),
        (
            "a passing MAIL FROM check",
            row("192.0.2.9", FLOWS).spf("bounce.flows.fernleafcoffee.com", "mfrom", "pass"),
            expect(Some("revenue-flows"), Evidence::Spf),
        ),
        (
            "SPF without a scope counts as MAIL FROM",
            row("192.0.2.9", FLOWS).spf("bounce.flows.fernleafcoffee.com", "", "pass"),
            expect(Some("revenue-flows"), Evidence::Spf),
        ),
        (
            "a HELO check is not the MAIL FROM",
            row("192.0.2.9", FLOWS).spf("bounce.flows.fernleafcoffee.com", "helo", "pass"),
            expect(None, Evidence::None),
        ),
        (
            "a failing SPF check proves nothing",
            row("192.0.2.9", FLOWS).spf("bounce.flows.fernleafcoffee.com", "mfrom", "softfail"),
            expect(None, Evidence::None),
        ),
        (
            "the header From of mail that passes DMARC",
            row("192.0.2.9", MAIL)
                .dkim(ROOT, "google", "pass")
                .aligned(true, false),
            expect(Some("promotional"), Evidence::HeaderFrom),
        ),
        (
            "the header From of mail that fails DMARC",
            row("192.0.2.9", MAIL),
            expect(None, Evidence::None),
        ),
        (
            "nothing the plan knows",
            row("192.0.2.9", ROOT)
                .dkim(ROOT, "google", "pass")
                .aligned(true, false),
            expect(None, Evidence::None),
        ),
        (
            "the IP beats another lane's DKIM",
            row(FLOWS_IP, MAIL).dkim(MAIL, "s1", "pass"),
            expect(Some("revenue-flows"), Evidence::Ip),
        ),
        (
            "DKIM beats another lane's SPF",
            row("192.0.2.9", MAIL).dkim(RECEIPTS, "pm", "pass").spf(
                "bounce.mail.fernleafcoffee.com",
                "mfrom",
                "pass",
            ),
            expect(Some("transactional"), Evidence::Dkim),
        ),
        (
            "an unreadable IP still matches by DKIM",
            row("not an ip", RECEIPTS).dkim(RECEIPTS, "pm", "pass"),
            expect(Some("transactional"), Evidence::Dkim),
        ),
    ];
    let lanes = Lanes::new(&plan);
    for (what, row, want) in cases {
        assert_eq!(lane_of(&plan, &row), want, "{what}");
        assert_eq!(lanes.attribution(&row), want, "{what} (index)");
    }
}

#[test]
fn ties_between_lanes_are_broken_by_header_from_selector_then_plan_order() {
    let mut plan = sample_plan();
    // Revenue flows and promotions sign as the brand, with their own selectors.
    plan.lanes[1].dkim_domain = ROOT.into();
    plan.lanes[1].dkim_selector = "flows".into();
    plan.lanes[2].dkim_domain = ROOT.into();
    plan.lanes[2].dkim_selector = "promo".into();
    // And promotions share revenue flows' address.
    plan.lanes[2].ip_addresses.push(FLOWS_IP.into());
    let cases: Vec<(&str, Row, Attribution)> = vec![
        (
            "shared DKIM domain, header From decides",
            row("192.0.2.9", MAIL).dkim(ROOT, "flows", "pass"),
            expect(Some("promotional"), Evidence::Dkim),
        ),
        (
            "shared DKIM domain, the selector decides",
            row("192.0.2.9", ROOT).dkim(ROOT, "promo", "pass"),
            expect(Some("promotional"), Evidence::Dkim),
        ),
        (
            "shared DKIM domain, nothing decides: first in the plan",
            row("192.0.2.9", ROOT).dkim(ROOT, "other", "pass"),
            expect(Some("revenue-flows"), Evidence::Dkim),
        ),
        (
            "shared IP, header From decides",
            row(FLOWS_IP, MAIL),
            expect(Some("promotional"), Evidence::Ip),
        ),
        (
            "shared IP, the DKIM selector decides",
            row(FLOWS_IP, ROOT).dkim(ROOT, "promo", "pass"),
            expect(Some("promotional"), Evidence::Ip),
        ),
        (
            "shared IP, SPF decides",
            row(FLOWS_IP, ROOT).spf("bounce.mail.fernleafcoffee.com", "mfrom", "pass"),
            expect(Some("promotional"), Evidence::Ip),
        ),
        (
            "shared IP, nothing decides: first in the plan",
            row(FLOWS_IP, ROOT),
            expect(Some("revenue-flows"), Evidence::Ip),
        ),
    ];
    for (what, row, want) in cases {
        assert_eq!(lane_of(&plan, &row), want, "{what}");
    }
}

fn flows(day: &str, org: &str) -> Row {
    row(FLOWS_IP, FLOWS).on(day, org)
}

fn rates_rows() -> Vec<Row> {
    vec![
        flows("2027-02-01", "google.com")
            .aligned(true, true)
            .count(90),
        flows("2027-02-02", "yahoo.com")
            .aligned(true, false)
            .count(6),
        flows("2027-02-02", "yahoo.com")
            .disposition(Disposition::Quarantine)
            .count(3),
        flows("2027-02-03", "google.com")
            .disposition(Disposition::Reject)
            .count(1),
        // Outside the period on either side.
        flows("2027-01-31", "google.com").count(1000),
        flows("2027-02-04", "google.com").count(1000),
        // Not a date: left out and counted.
        flows("2027-2-1", "google.com").count(1000),
        // Promotional mail under RFC 9990's `pass` disposition.
        row(PROMO_IP, MAIL)
            .on("2027-02-03", "outlook.com")
            .aligned(true, true)
            .disposition(Disposition::Pass)
            .count(50),
    ]
}

fn lane<'a>(s: &'a Summary, id: &str) -> &'a switchyard::dmarc_reports::attribute::LaneSummary {
    s.lanes.iter().find(|l| l.lane == id).unwrap()
}

#[test]
fn rates_per_lane_count_the_period_inclusively() {
    let s = summarise(
        &sample_plan(),
        &rates_rows(),
        day("2027-02-01"),
        day("2027-02-03"),
    );
    assert_eq!(
        (s.from.as_str(), s.to.as_str()),
        ("2027-02-01", "2027-02-03")
    );
    assert_eq!(s.undated_rows, 1);
    assert_eq!(s.total.messages, 150);
    let t = &lane(&s, "revenue-flows").tally;
    // (messages, DMARC pass, aligned SPF pass, aligned DKIM pass)
    assert_eq!(
        (
            t.messages,
            t.dmarc_pass,
            t.spf_aligned_pass,
            t.dkim_aligned_pass
        ),
        (100, 96, 90, 96)
    );
    assert_eq!(
        (t.dmarc_pass_bps, t.spf_aligned_bps, t.dkim_aligned_bps),
        (Some(9600), Some(9000), Some(9600))
    );
    let d = &t.dispositions;
    assert_eq!((d.none, d.quarantine, d.reject, d.pass), (96, 3, 1, 0));
    assert_eq!(lane(&s, "revenue-flows").by.ip, 100);
    let p = &lane(&s, "promotional").tally;
    assert_eq!(
        (p.messages, p.dispositions.pass, p.dmarc_pass_bps),
        (50, 50, Some(10_000))
    );
    // A lane without mail has no rate rather than 0%.
    let tx = &lane(&s, "transactional").tally;
    assert_eq!((tx.messages, tx.dmarc_pass_bps), (0, None));
    assert_eq!(
        s.lanes.iter().map(|l| l.lane.as_str()).collect::<Vec<_>>(),
        ["transactional", "revenue-flows", "promotional"]
    );
}

#[test]
fn reports_about_another_brands_domain_are_left_out() {
    // The same address and identities, but a report about another brand's
    // domain: none of it is this plan's mail.
    let mut rows = rates_rows();
    let mut other = flows("2027-02-02", "google.com")
        .aligned(true, true)
        .count(400);
    other.policy_domain = "OtherBrand.example".into();
    other.header_from = "flows.otherbrand.example".into();
    rows.push(other.clone());
    // A subdomain's own policy is the brand's.
    let mut sub = other.clone();
    sub.policy_domain = "flows.fernleafcoffee.com".into();
    sub.header_from = FLOWS.into();
    sub.count = 4;
    rows.push(sub.clone());
    // Mail whose header From is another brand's, in the brand's report.
    let mut foreign_from = sub;
    foreign_from.header_from = "OtherBrand.example".into();
    foreign_from.count = 7;
    rows.push(foreign_from);
    let s = summarise(&sample_plan(), &rows, day("2027-02-01"), day("2027-02-03"));
    assert_eq!(s.other_domains, [("otherbrand.example".to_string(), 407)]);
    assert_eq!(s.total.messages, 154);
    assert_eq!(lane(&s, "revenue-flows").tally.messages, 104);
    assert_eq!(s.unexplained.messages, 0);
    // Without a primary domain there is nothing to tell them apart by.
    let mut plan = sample_plan();
    plan.brand.primary_domain.clear();
    let s = summarise(&plan, &rows, day("2027-02-01"), day("2027-02-03"));
    assert!(s.other_domains.is_empty());
    assert_eq!(s.total.messages, 561);
}

#[test]
fn rates_by_organisation_domain_and_day() {
    let s = summarise(
        &sample_plan(),
        &rates_rows(),
        day("2027-02-01"),
        day("2027-02-03"),
    );
    let orgs: Vec<(Option<&str>, &str, u64, Option<u32>)> = s
        .lane_orgs
        .iter()
        .map(|o| {
            (
                o.lane.as_deref(),
                o.org.as_str(),
                o.tally.messages,
                o.tally.dmarc_pass_bps,
            )
        })
        .collect();
    assert_eq!(
        orgs,
        vec![
            (Some("revenue-flows"), "google.com", 91, Some(9890)),
            // Two of three is 66.66%, rounded down.
            (Some("revenue-flows"), "yahoo.com", 9, Some(6666)),
            (Some("promotional"), "outlook.com", 50, Some(10_000)),
        ]
    );
    let domains: Vec<(&str, u64)> = s
        .domains
        .iter()
        .map(|d| (d.domain.as_str(), d.tally.messages))
        .collect();
    assert_eq!(domains, vec![(FLOWS, 100), (MAIL, 50)]);
    let domain_orgs: Vec<(&str, &str, u64)> = s
        .domain_orgs
        .iter()
        .map(|d| (d.domain.as_str(), d.org.as_str(), d.tally.messages))
        .collect();
    assert_eq!(
        domain_orgs,
        vec![
            (FLOWS, "google.com", 91),
            (FLOWS, "yahoo.com", 9),
            (MAIL, "outlook.com", 50)
        ]
    );
    let series = &s
        .daily
        .iter()
        .find(|d| d.lane == "revenue-flows")
        .unwrap()
        .days;
    let points: Vec<(&str, u64, u64, Option<u32>)> = series
        .iter()
        .map(|p| (p.day.as_str(), p.messages, p.dmarc_pass, p.pass_bps))
        .collect();
    assert_eq!(
        points,
        vec![
            ("2027-02-01", 90, 90, Some(10_000)),
            ("2027-02-02", 9, 6, Some(6666)),
            ("2027-02-03", 1, 0, Some(0)),
        ]
    );
}

#[test]
fn periods_include_both_ends_and_nothing_else() {
    let plan = sample_plan();
    let rows = rates_rows();
    let cases = [
        ("2027-02-01", "2027-02-01", 90),
        ("2027-02-02", "2027-02-02", 9),
        ("2027-01-31", "2027-02-04", 2150),
        ("2027-02-04", "2027-02-01", 0),
    ];
    for (from, to, messages) in cases {
        let s = summarise(&plan, &rows, day(from), day(to));
        assert_eq!(s.total.messages, messages, "{from}..={to}");
    }
}

#[test]
fn hostile_counts_saturate_instead_of_overflowing() {
    let rows = vec![
        flows("2027-02-01", "google.com")
            .aligned(true, true)
            .count(u64::MAX),
        flows("2027-02-01", "google.com").count(u64::MAX),
    ];
    let s = summarise(&sample_plan(), &rows, day("2027-02-01"), day("2027-02-01"));
    let t = &lane(&s, "revenue-flows").tally;
    assert_eq!((t.messages, t.dmarc_pass), (u64::MAX, u64::MAX));
    assert_eq!(t.dmarc_pass_bps, Some(10_000));
    // Mail on another lane's address sums the same way.
    let crossed = row(FLOWS_IP, RECEIPTS)
        .dkim(RECEIPTS, "pm", "pass")
        .aligned(true, true)
        .count(u64::MAX);
    let rows = [crossed.clone(), crossed];
    let s = summarise(&sample_plan(), &rows, day("2027-02-01"), day("2027-02-01"));
    assert_eq!(s.crossed[0].messages, u64::MAX);
    let r = readiness(&sample_plan(), &rows, day("2027-02-01"));
    let receipts = r.lanes.iter().find(|l| l.lane == "transactional").unwrap();
    assert_eq!(receipts.elsewhere, u64::MAX);
}

fn unexplained_rows() -> Vec<Row> {
    vec![
        // The same address on two days, failing everything.
        row("192.0.2.1", ROOT)
            .spf(ROOT, "mfrom", "fail")
            .on("2027-02-05", "google.com")
            .count(7),
        row("192.0.2.1", ROOT)
            .on("2027-02-01", "yahoo.com")
            .count(3),
        row("192.0.2.2", FLOWS).reason("forwarded").count(40),
        row("192.0.2.3", FLOWS)
            .dkim("sendgrid.net", "s1", "pass")
            .spf("sendgrid.net", "mfrom", "pass")
            .count(30),
        row("192.0.2.4", RECEIPTS)
            .dkim(RECEIPTS, "pm", "fail")
            .spf("bounce.receipts.fernleafcoffee.com", "mfrom", "fail")
            .count(25),
        row("192.0.2.5", ROOT)
            .dkim(ROOT, "google", "pass")
            .spf(ROOT, "mfrom", "pass")
            .aligned(true, true)
            .count(20),
        // A second signature that failed is no signer the hint names.
        row("192.0.2.6", ROOT)
            .dkim("lists.example.org", "x", "pass")
            .dkim("relay.example.net", "y", "fail")
            .spf("lists.example.org", "mfrom", "fail")
            .count(15),
        row("192.0.2.7", ROOT)
            .dkim(ROOT, "google", "pass")
            .aligned(true, false)
            .count(4),
        row("192.0.2.7", ROOT).count(4),
        row("2001:DB8::1", RECEIPTS)
            .dkim("pm.mtasv.net", "pm", "pass")
            .count(2),
        row("192.0.2.8", MAIL)
            .spf("eu-west-1.amazonses.com", "mfrom", "pass")
            .count(1),
        // A help desk signing and bouncing with its own domain.
        row("192.0.2.55", ROOT)
            .dkim("zendesk.com", "zendesk1", "pass")
            .spf("mail.zendesk.com", "mfrom", "pass")
            .count(6),
        // A list re-signed the brand's mail and broke its signature.
        row("192.0.2.9", ROOT)
            .dkim(ROOT, "google", "fail")
            .dkim("lists.example.org", "x", "pass")
            .spf("lists.example.org", "mfrom", "fail")
            .count(3),
    ]
}

#[test]
fn unexplained_sources_are_grouped_by_address_with_a_hint() {
    let s = summarise(
        &sample_plan(),
        &unexplained_rows(),
        day("2027-01-01"),
        day("2027-12-31"),
    );
    assert!(s.lanes.iter().all(|l| l.tally.messages == 0));
    assert_eq!(s.unexplained.messages, 160);
    let got: Vec<(&str, u64, HintKind, Vec<&str>)> = s
        .sources
        .iter()
        .map(|x| {
            (
                x.source_ip.as_str(),
                x.messages,
                x.hint.kind,
                x.hint.lanes.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("192.0.2.2", 40, HintKind::Forwarding, vec![]),
            ("192.0.2.3", 30, HintKind::Provider, vec!["revenue-flows"]),
            (
                "192.0.2.4",
                25,
                HintKind::LaneIdentity,
                vec!["transactional"]
            ),
            ("192.0.2.5", 20, HintKind::Authorised, vec![]),
            // Signed by the list alone: never the brand's, and it fails DMARC.
            ("192.0.2.6", 15, HintKind::Unknown, vec![]),
            ("192.0.2.1", 10, HintKind::Spoofing, vec![]),
            ("192.0.2.7", 8, HintKind::Unknown, vec![]),
            ("192.0.2.55", 6, HintKind::Unknown, vec![]),
            ("192.0.2.9", 3, HintKind::Forwarding, vec![]),
            ("2001:db8::1", 2, HintKind::Provider, vec!["transactional"]),
            ("192.0.2.8", 1, HintKind::Provider, vec!["promotional"]),
        ]
    );
    let list = s.sources.iter().find(|x| x.source_ip == "192.0.2.6");
    assert!(list.unwrap().hint.text.starts_with(
        "DKIM passes only for lists.example.org, not the brand's domain, and SPF fails"
    ));
    let desk = s.sources.iter().find(|x| x.source_ip == "192.0.2.55");
    assert!(desk.unwrap().hint.text.starts_with(
        "It is authenticated, but as zendesk.com and mail.zendesk.com, not the brand's domain"
    ));
    let spoof = s
        .sources
        .iter()
        .find(|x| x.source_ip == "192.0.2.1")
        .unwrap();
    assert_eq!(
        (spoof.first_seen.as_str(), spoof.last_seen.as_str()),
        ("2027-02-01", "2027-02-05")
    );
    assert_eq!((spoof.dmarc_pass, spoof.dmarc_fail), (0, 10));
    assert_eq!(spoof.spf_domains, vec![ROOT]);
    assert_eq!(spoof.orgs, vec!["google.com", "yahoo.com"]);
    assert!(spoof.hint.text.contains("spoofing"), "{}", spoof.hint.text);
    let forwarded = s
        .sources
        .iter()
        .find(|x| x.source_ip == "192.0.2.2")
        .unwrap();
    assert_eq!(forwarded.reasons, vec!["forwarded"]);
    let provider = s
        .sources
        .iter()
        .find(|x| x.source_ip == "192.0.2.3")
        .unwrap();
    assert!(
        provider.hint.text.contains("SendGrid") && provider.hint.text.contains("Revenue flows"),
        "{}",
        provider.hint.text
    );
    assert_eq!(
        (
            provider.dkim_domains.clone(),
            provider.dkim_pass,
            provider.spf_pass
        ),
        (vec!["sendgrid.net".to_string()], 30, 30)
    );
    let mixed = s
        .sources
        .iter()
        .find(|x| x.source_ip == "192.0.2.7")
        .unwrap();
    assert_eq!((mixed.dmarc_pass, mixed.dmarc_fail), (4, 4));
    // The unexplained mail sorts last among the organisations.
    assert!(s.lane_orgs.iter().all(|o| o.lane.is_none()));
}

/// `pass` passing and `fail` failing messages of a lane on `day`, sent the
/// way that lane sends: transactional mail by its DKIM signature from
/// Postmark's shared addresses, the others from their own IPs.
fn lane_mail(lane: &str, day: &str, pass: u64, fail: u64) -> Vec<Row> {
    let base = match lane {
        "transactional" => row("192.0.2.200", RECEIPTS).dkim(RECEIPTS, "pm", "pass"),
        "revenue-flows" => row(FLOWS_IP, FLOWS),
        _ => row(PROMO_IP, MAIL),
    }
    .on(day, "google.com");
    let mut rows = Vec::new();
    if pass > 0 {
        rows.push(base.clone().aligned(true, true).count(pass));
    }
    if fail > 0 {
        rows.push(base.count(fail));
    }
    rows
}

/// Each lane's mail over the window ending 2027-01-31, with the given
/// passing and failing messages for revenue flows and promotions' volume.
fn window(flows: (u64, u64), promotional: u64) -> Vec<Row> {
    let mut rows = lane_mail("transactional", "2027-01-20", 300, 0);
    rows.extend(lane_mail("revenue-flows", "2027-01-25", flows.0, flows.1));
    rows.extend(lane_mail("promotional", "2027-01-31", promotional, 0));
    rows
}

fn ready_on(plan: &Plan, rows: &[Row], today: &str) -> Readiness {
    readiness(plan, rows, day(today))
}

/// What, revenue flows' passing and failing mail, promotions' volume, the
/// outcome and the blocking lane.
type ReadinessCase<'a> = (
    &'a str,
    (u64, u64),
    u64,
    Outcome,
    Option<(&'a str, BlockerKind)>,
);

#[test]
fn readiness_needs_every_lane_at_98_percent_with_100_messages() {
    let plan = sample_plan();
    let cases: Vec<ReadinessCase> = vec![
        ("all pass", (200, 0), 200, Outcome::Ready, None),
        ("exactly 98%", (196, 4), 200, Outcome::Ready, None),
        (
            "one lane at 95%",
            (190, 10),
            200,
            Outcome::Blocked,
            Some(("revenue-flows", BlockerKind::LaneFails)),
        ),
        (
            "one lane at 97.5%",
            (195, 5),
            200,
            Outcome::Blocked,
            Some(("revenue-flows", BlockerKind::LaneFails)),
        ),
        (
            "99 messages",
            (200, 0),
            99,
            Outcome::NotEnoughData,
            Some(("promotional", BlockerKind::LaneNeedsData)),
        ),
        ("100 messages", (200, 0), 100, Outcome::Ready, None),
        (
            "no mail at all",
            (200, 0),
            0,
            Outcome::NotEnoughData,
            Some(("promotional", BlockerKind::LaneNeedsData)),
        ),
    ];
    for (what, flows, promotional, outcome, blocker) in cases {
        let r = ready_on(&plan, &window(flows, promotional), "2027-01-31");
        assert_eq!(r.outcome, outcome, "{what}: {}", r.sentence);
        let blockers: Vec<(&str, BlockerKind)> = r
            .blockers
            .iter()
            .map(|b| (b.lane.as_deref().unwrap_or(""), b.kind))
            .collect();
        assert_eq!(blockers, blocker.into_iter().collect::<Vec<_>>(), "{what}");
        if let Some((id, _)) = blocker {
            let name = &plan.lanes.iter().find(|l| l.id == id).unwrap().name;
            assert!(r.sentence.contains(name.as_str()), "{what}: {}", r.sentence);
        }
    }
}

#[test]
fn a_lane_passing_on_spf_alone_is_not_ready() {
    let plan = sample_plan();
    // (aligned DKIM on revenue flows' 200 messages, the outcome)
    let cases = [
        (200, Outcome::Ready),
        (196, Outcome::Ready),
        (195, Outcome::Blocked),
        (0, Outcome::Blocked),
    ];
    for (dkim, outcome) in cases {
        let mut rows = window((0, 0), 200);
        let flows = row(FLOWS_IP, FLOWS).on("2027-01-25", "google.com");
        rows.push(flows.clone().aligned(true, true).count(dkim));
        rows.push(flows.aligned(false, true).count(200 - dkim));
        rows.retain(|r| r.count > 0);
        let r = ready_on(&plan, &rows, "2027-01-31");
        assert_eq!(r.outcome, outcome, "{dkim}: {}", r.sentence);
        let lane = r.lanes.iter().find(|l| l.lane == "revenue-flows").unwrap();
        if outcome == Outcome::Blocked {
            assert!(
                lane.sentence.contains("passed DMARC on 100.00%"),
                "{}",
                lane.sentence
            );
            assert!(
                lane.sentence.contains("needs aligned DKIM on 98.00%"),
                "{}",
                lane.sentence
            );
        }
    }
}

#[test]
fn a_blocked_lane_says_what_to_fix() {
    let r = ready_on(&sample_plan(), &window((190, 10), 200), "2027-01-31");
    let b = &r.blockers[0];
    assert!(b.fix.contains("95.00%"), "{}", b.fix);
    assert!(b.fix.contains("d=flows.fernleafcoffee.com"), "{}", b.fix);
    let lane = r.lanes.iter().find(|l| l.lane == "revenue-flows").unwrap();
    assert_eq!(
        (lane.outcome, lane.messages, lane.pass_bps),
        (LaneOutcome::Fail, 200, Some(9500))
    );
    assert!(
        r.sentence.starts_with("Moving to p=quarantine is blocked"),
        "{}",
        r.sentence
    );
}

#[test]
fn failing_unexplained_sources_block_unless_they_look_forwarded() {
    let plan = sample_plan();
    let spoof = |n: u64| {
        row("192.0.2.66", ROOT)
            .on("2027-01-30", "yahoo.com")
            .count(n)
    };
    let cases: Vec<(&str, Row, Outcome, bool)> = vec![
        ("a failing source", spoof(50), Outcome::Blocked, true),
        (
            "a forwarded source",
            spoof(50).reason("forwarded"),
            Outcome::Ready,
            false,
        ),
        (
            "a mailing list",
            spoof(50).reason("Mailing_List"),
            Outcome::Ready,
            false,
        ),
        ("too few failures", spoof(9), Outcome::Ready, false),
        (
            "a passing source",
            spoof(50).dkim(ROOT, "google", "pass").aligned(true, false),
            Outcome::Ready,
            false,
        ),
        (
            "a lane's mail from an address the plan lacks",
            row("192.0.2.77", RECEIPTS)
                .dkim(RECEIPTS, "pm", "fail")
                .on("2027-01-30", "yahoo.com")
                .count(50),
            Outcome::Blocked,
            true,
        ),
        (
            "before the window",
            spoof(50).on("2027-01-17", "yahoo.com"),
            Outcome::Ready,
            false,
        ),
        (
            "the window's first day",
            spoof(50).on("2027-01-18", "yahoo.com"),
            Outcome::Blocked,
            true,
        ),
    ];
    for (what, extra, outcome, blocks) in cases {
        let mut rows = window((200, 0), 200);
        rows.push(extra);
        let r = ready_on(&plan, &rows, "2027-01-31");
        assert_eq!(r.outcome, outcome, "{what}: {}", r.sentence);
        assert_eq!(r.sources.iter().any(|s| s.blocks), blocks, "{what}");
        let blocker = r
            .blockers
            .iter()
            .find(|b| b.kind == BlockerKind::SourceFails);
        assert_eq!(blocker.is_some(), blocks, "{what}");
        if let Some(b) = blocker {
            assert!(
                r.sentence.contains(b.source_ip.as_deref().unwrap()),
                "{what}: {}",
                r.sentence
            );
        }
    }
}

#[test]
fn a_source_marked_not_ours_no_longer_blocks() {
    use switchyard::plan::edit::{edit_plan, DmarcField, Edit};
    let mut plan = sample_plan();
    let mut rows = window((200, 0), 200);
    rows.push(
        row("192.0.2.66", ROOT)
            .on("2027-01-30", "yahoo.com")
            .count(50),
    );
    assert_eq!(
        ready_on(&plan, &rows, "2027-01-31").outcome,
        Outcome::Blocked
    );
    // Marked in another written form of the same address.
    let mark = |not_ours| {
        Edit::Dmarc(DmarcField::NotOurs {
            source_ip: "::ffff:192.0.2.66".into(),
            not_ours,
        })
    };
    edit_plan(&mut plan, mark(true));
    let r = ready_on(&plan, &rows, "2027-01-31");
    assert_eq!(r.outcome, Outcome::Ready, "{}", r.sentence);
    let source = r
        .sources
        .iter()
        .find(|s| s.source_ip == "192.0.2.66")
        .unwrap();
    assert!(source.not_ours && !source.blocks);
    assert!(
        source.sentence.contains("marked not the brand's own"),
        "{}",
        source.sentence
    );
    // Taken back, it blocks again.
    edit_plan(&mut plan, mark(false));
    assert!(plan.dmarc.not_ours.is_empty());
    assert_eq!(
        ready_on(&plan, &rows, "2027-01-31").outcome,
        Outcome::Blocked
    );
}

#[test]
fn a_blocking_source_names_the_lane_its_hint_points_at() {
    let plan = sample_plan();
    let cases = [
        (
            row("192.0.2.77", RECEIPTS).dkim(RECEIPTS, "pm", "fail"),
            Some("transactional"),
        ),
        (
            row("192.0.2.77", FLOWS).spf("sendgrid.net", "mfrom", "pass"),
            Some("revenue-flows"),
        ),
        (row("192.0.2.77", ROOT), None),
    ];
    for (extra, lane) in cases {
        let mut rows = window((200, 0), 200);
        rows.push(extra.on("2027-01-30", "yahoo.com").count(50));
        let r = ready_on(&plan, &rows, "2027-01-31");
        let b = &r.blockers[0];
        assert_eq!(b.kind, BlockerKind::SourceFails);
        assert_eq!(b.lane.as_deref(), lane, "{}", b.fix);
        assert_eq!(b.source_ip.as_deref(), Some("192.0.2.77"));
    }
}

#[test]
fn a_small_failing_source_does_not_block_a_big_sender() {
    // 12 failures among 20,000 messages is under a tenth of a percent.
    let mut rows = window((20_000, 0), 200);
    rows.push(
        row("192.0.2.66", ROOT)
            .on("2027-01-30", "yahoo.com")
            .count(12),
    );
    let r = ready_on(&sample_plan(), &rows, "2027-01-31");
    assert_eq!(r.outcome, Outcome::Ready, "{}", r.sentence);
}

#[test]
fn stages_follow_the_rollout_calendar() {
    let plan = sample_plan();
    let rows = window((200, 0), 200);
    // (today, current, next, each stage's state)
    let cases = [
        (
            "2026-12-01",
            DmarcPolicy::None,
            Some(DmarcPolicy::Quarantine),
            [
                StageState::Current,
                StageState::Upcoming,
                StageState::Upcoming,
            ],
        ),
        (
            "2027-01-31",
            DmarcPolicy::None,
            Some(DmarcPolicy::Quarantine),
            [
                StageState::Current,
                StageState::Upcoming,
                StageState::Upcoming,
            ],
        ),
        (
            "2027-02-01",
            DmarcPolicy::Quarantine,
            Some(DmarcPolicy::Reject),
            [StageState::Past, StageState::Current, StageState::Upcoming],
        ),
        (
            "2027-03-01",
            DmarcPolicy::Reject,
            None,
            [StageState::Past, StageState::Past, StageState::Current],
        ),
    ];
    for (today, current, next, states) in cases {
        let r = ready_on(&plan, &rows, today);
        assert_eq!((r.current, r.next), (current, next), "{today}");
        assert_eq!(
            r.stages.iter().map(|s| s.state).collect::<Vec<_>>(),
            states,
            "{today}"
        );
        assert!(r.scheduled);
    }
    let r = ready_on(&plan, &rows, "2027-01-31");
    let starts: Vec<&str> = r.stages.iter().map(|s| s.starts.as_str()).collect();
    assert_eq!(starts, ["2027-01-04", "2027-02-01", "2027-03-01"]);
    assert_eq!(
        (r.window_from.as_str(), r.window_to.as_str()),
        ("2027-01-18", "2027-01-31")
    );
    // p=none is always safe; the stricter stages wait for the data.
    let blocked = ready_on(&plan, &window((190, 10), 200), "2027-01-31");
    let outcomes: Vec<Outcome> = blocked.stages.iter().map(|s| s.outcome).collect();
    assert_eq!(
        outcomes,
        [Outcome::Ready, Outcome::Blocked, Outcome::Blocked]
    );
    assert!(
        blocked.stages[1].sentence.contains("Revenue flows"),
        "{}",
        blocked.stages[1].sentence
    );
}

#[test]
fn an_unscheduled_rollout_still_judges_the_next_stage() {
    let mut plan = sample_plan();
    plan.dmarc.rollout_start.clear();
    let r = ready_on(&plan, &window((200, 0), 200), "2027-01-31");
    assert!(!r.scheduled);
    assert_eq!(
        (r.current, r.next, r.outcome),
        (
            DmarcPolicy::None,
            Some(DmarcPolicy::Quarantine),
            Outcome::Ready
        )
    );
    assert!(r.stages.iter().all(|s| s.starts.is_empty()));
    assert_eq!(r.stages.len(), 3);
}

#[test]
fn the_checklist_takes_dated_evidence_per_lane() {
    let plan = sample_plan();
    let ready = ready_on(&plan, &window((190, 10), 40), "2027-01-31");
    let evidence = checklist_evidence(&ready);
    let got: Vec<(&str, bool, bool, ItemStatus)> = evidence
        .iter()
        .map(|e| (e.lane.as_str(), e.passed, e.proven, e.status))
        .collect();
    assert_eq!(
        got,
        vec![
            ("transactional", true, true, ItemStatus::Done),
            ("revenue-flows", false, true, ItemStatus::InProgress),
            ("promotional", false, false, ItemStatus::InProgress),
        ]
    );
    for e in &evidence {
        assert_eq!(e.day, "2027-01-31");
        assert!(
            e.sentence
                .starts_with("DMARC reports of 2027-01-20 to 2027-01-31: "),
            "{}",
            e.sentence
        );
    }
    assert!(
        evidence[0].sentence.contains("100.00% of 300 messages"),
        "{}",
        evidence[0].sentence
    );
}

/// What, revenue flows' messages passing on aligned DKIM (and SPF), on
/// aligned SPF alone and failing DMARC, then its evidence: passed, proven,
/// status, and words the sentence holds.
type EvidenceCase<'a> = (&'a str, (u64, u64, u64), (bool, bool, ItemStatus, &'a str));

#[test]
fn authentication_evidence_judges_mail_that_authenticates_and_passes_dmarc() {
    use ItemStatus::{Done, InProgress};
    let plan = sample_plan();
    let cases: Vec<EvidenceCase> = vec![
        (
            "DMARC and aligned DKIM at 98%",
            (196, 0, 4),
            (true, true, Done, "passed DMARC on 98.00% of 200 messages."),
        ),
        (
            "DMARC passes, aligned DKIM just short",
            (195, 5, 0),
            (true, false, Done, "so its mail authenticates. Aligned DKIM passed on 97.50%: before the policy tightens it needs 98.00%"),
        ),
        (
            "DMARC passes, most of it on SPF alone",
            (90, 110, 0),
            (true, false, InProgress, "but most of it on SPF alone. Aligned DKIM passed on 45.00%"),
        ),
        (
            "DMARC fails",
            (190, 0, 10),
            (false, true, InProgress, "passed DMARC on 95.00% of 200 messages; it needs 98.00%."),
        ),
        (
            "too little mail",
            (40, 10, 0),
            (false, false, InProgress, "it needs 100 to judge"),
        ),
    ];
    for (what, (dkim, spf_only, failing), (passed, proven, status, words)) in cases {
        let mut rows = window((0, 0), 200);
        let flows = row(FLOWS_IP, FLOWS).on("2027-01-25", "google.com");
        rows.push(flows.clone().aligned(true, true).count(dkim));
        rows.push(flows.clone().aligned(false, true).count(spf_only));
        rows.push(flows.count(failing));
        rows.retain(|r| r.count > 0);
        let ready = ready_on(&plan, &rows, "2027-01-31");
        let evidence = checklist_evidence(&ready);
        let e = evidence.iter().find(|e| e.lane == "revenue-flows").unwrap();
        assert_eq!(
            (e.passed, e.proven, e.status),
            (passed, proven, status),
            "{what}"
        );
        assert!(e.sentence.contains(words), "{what}: {}", e.sentence);
        // Short of aligned DKIM, the stricter stage stays blocked by it.
        let blocked = ready
            .blockers
            .iter()
            .any(|b| b.lane.as_deref() == Some("revenue-flows"));
        assert_eq!(blocked, !(passed && proven), "{what}");
    }
}

#[test]
fn a_status_set_by_hand_stands_unless_the_reports_prove_otherwise() {
    use switchyard::plan::model::{Item, ItemState};
    use switchyard::plan::routing::route;
    use switchyard::review::checklist::checklist;
    use ItemStatus::{Done, InProgress, NotStarted};
    // (what, revenue flows' messages as above, the status set by hand,
    // the status shown, whether it is proven).
    let cases = [
        ("DKIM short, set done", (195, 5, 0), Some(Done), Done, false),
        (
            "DKIM short, set in progress",
            (195, 5, 0),
            Some(InProgress),
            InProgress,
            false,
        ),
        ("DKIM short, not set", (195, 5, 0), None, Done, false),
        (
            "DMARC fails, set done",
            (190, 0, 10),
            Some(Done),
            InProgress,
            true,
        ),
        (
            "all pass, set not started",
            (200, 0, 0),
            Some(NotStarted),
            Done,
            true,
        ),
        (
            "too little mail, set done",
            (40, 10, 0),
            Some(Done),
            Done,
            false,
        ),
    ];
    for (what, (dkim, spf_only, failing), manual, shown, proven) in cases {
        let mut plan = sample_plan();
        plan.checklist.items.retain(|s| s.lane != "revenue-flows");
        for item in [Item::Authenticate, Item::AuthConfigured] {
            plan.checklist.items.push(ItemState {
                item,
                lane: "revenue-flows".into(),
                status: manual,
                owner: String::new(),
                due: String::new(),
                notes: String::new(),
            });
        }
        let mut rows = window((0, 0), 200);
        let flows = row(FLOWS_IP, FLOWS).on("2027-01-25", "google.com");
        rows.push(flows.clone().aligned(true, true).count(dkim));
        rows.push(flows.clone().aligned(false, true).count(spf_only));
        rows.push(flows.count(failing));
        rows.retain(|r| r.count > 0);
        let evidence = checklist_evidence(&ready_on(&plan, &rows, "2027-01-31"));
        let routing = route(&plan);
        let report = checklist(
            &plan,
            &routing,
            &[],
            None,
            &evidence,
            &[],
            &[],
            day("2027-01-31"),
        );
        for item in [Item::Authenticate, Item::AuthConfigured] {
            let r = (report.steps.iter().chain(&report.implementation))
                .find(|r| r.item == item && r.lane == "revenue-flows")
                .unwrap();
            assert_eq!(
                (r.status, r.proven),
                (shown, proven),
                "{what}: {item:?}: {}",
                r.evidence
            );
            if dkim + spf_only + failing >= 100 {
                assert!(
                    r.evidence.starts_with("DMARC reports of "),
                    "{what}: {}",
                    r.evidence
                );
            }
        }
    }
}

#[test]
fn results_serialise_for_the_page() {
    let plan = sample_plan();
    let rows = window((190, 10), 200);
    let s = summarise(&plan, &rows, day("2027-01-18"), day("2027-01-31"));
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["lanes"][1]["tally"]["dmarc_pass_bps"], 9500);
    let r = serde_json::to_value(ready_on(&plan, &rows, "2027-01-31")).unwrap();
    assert_eq!(r["outcome"], "blocked");
    assert_eq!(r["next"], "quarantine");
    let a = serde_json::to_value(lane_of(&plan, &rows[0])).unwrap();
    assert_eq!(
        a,
        serde_json::json!({"lane": "transactional", "by": "dkim"})
    );
}

#[test]
fn a_hundred_thousand_rows_sum_exactly() {
    let plan = sample_plan();
    let days = ["2027-01-29", "2027-01-30", "2027-01-31"];
    let rows: Vec<Row> = (0..100_000u64)
        .map(|i| {
            let d = days[(i % 3) as usize];
            match i % 4 {
                0 => row(FLOWS_IP, FLOWS).aligned(true, true).on(d, "google.com"),
                1 => row("192.0.2.200", RECEIPTS)
                    .dkim(RECEIPTS, "pm", "pass")
                    .aligned(true, false)
                    .on(d, "yahoo.com"),
                2 => row(PROMO_IP, MAIL)
                    .aligned(false, true)
                    .on(d, "outlook.com"),
                _ => row(&format!("192.0.{}.{}", i % 200, i % 250), ROOT).on(d, "google.com"),
            }
        })
        .collect();
    let s = summarise(&plan, &rows, day("2027-01-29"), day("2027-01-31"));
    assert_eq!(s.total.messages, 100_000);
    let per_lane: Vec<u64> = s.lanes.iter().map(|l| l.tally.messages).collect();
    assert_eq!(per_lane, vec![25_000, 25_000, 25_000]);
    assert_eq!(s.unexplained.messages, 25_000);
    assert_eq!(s.sources.iter().map(|x| x.messages).sum::<u64>(), 25_000);
    let r = readiness(&plan, &rows, day("2027-01-31"));
    assert_eq!(r.outcome, Outcome::Blocked, "{}", r.sentence);
}

#[test]
fn mail_from_one_lanes_address_with_another_lanes_identity_is_shown_apart() {
    let plan = sample_plan();
    // From Revenue flows' address, signed and bounced as Transactional.
    let crossed = row(FLOWS_IP, RECEIPTS)
        .dkim(RECEIPTS, "pm", "pass")
        .spf(&format!("bounce.{RECEIPTS}"), "mfrom", "pass")
        .aligned(true, true)
        .count(500);
    // Revenue flows' own mail from its address, and Transactional's from
    // no planned address.
    let own = row(FLOWS_IP, FLOWS).dkim(FLOWS, "s1", "pass").count(40);
    let elsewhere = row("192.0.2.44", RECEIPTS)
        .dkim(RECEIPTS, "pm", "pass")
        .count(7);
    // Only a failing signature names Transactional: not crossed.
    let failing = row(FLOWS_IP, RECEIPTS)
        .dkim(RECEIPTS, "pm", "fail")
        .count(3);
    let rows = vec![crossed.clone(), own, elsewhere, failing];
    // The address still decides the lane.
    assert_eq!(
        lane_of(&plan, &crossed),
        expect(Some("revenue-flows"), Evidence::Ip)
    );
    let s = summarise(&plan, &rows, day("2027-02-01"), day("2027-02-01"));
    assert_eq!(
        s.crossed,
        vec![Crossed {
            source_ip: FLOWS_IP.into(),
            ip_lane: "revenue-flows".into(),
            identity_lane: "transactional".into(),
            messages: 500,
        }]
    );
    // The verdict on Transactional, with too little mail of its own, says
    // where the rest of its mail went, and the fix is the routing.
    let r = readiness(&plan, &rows, day("2027-02-01"));
    let receipts = r
        .lanes
        .iter()
        .find(|l| l.lane == "transactional")
        .expect("a lane check");
    assert_eq!(receipts.outcome, LaneOutcome::NotEnoughData);
    assert_eq!(receipts.elsewhere, 500);
    assert!(
        receipts.sentence.ends_with(
            "Another 500 messages carrying its identity came from the address of Revenue flows; they count there (see Mail on another lane's address)."
        ),
        "{}",
        receipts.sentence
    );
    let blocker = r
        .blockers
        .iter()
        .find(|b| b.lane.as_deref() == Some("transactional"))
        .expect("a blocker");
    assert_eq!(blocker.kind, BlockerKind::LaneNeedsData);
    assert!(
        blocker.fix.contains("through its own SMTP server"),
        "{}",
        blocker.fix
    );
    // A lane none of whose mail went elsewhere keeps the usual words.
    let promo = r
        .lanes
        .iter()
        .find(|l| l.lane == "promotional")
        .expect("a lane check");
    assert_eq!(promo.elsewhere, 0);
    assert!(!promo.sentence.contains("Another"), "{}", promo.sentence);
}

#[test]
fn a_report_is_another_brands_by_its_policy_domain() {
    // (primary domain, the report's policy domain, what is said)
    let cases = [
        ("fernleafcoffee.com", "fernleafcoffee.com", None),
        ("fernleafcoffee.com", "FernleafCoffee.COM.", None),
        ("fernleafcoffee.com", "flows.fernleafcoffee.com", None),
        (
            "fernleafcoffee.com",
            "otherbrand.example",
            Some("otherbrand.example"),
        ),
        // A name that only ends like the brand's is another domain.
        (
            "fernleafcoffee.com",
            "notfernleafcoffee.com",
            Some("notfernleafcoffee.com"),
        ),
        // Without a domain there is nothing to tell them apart by.
        ("", "otherbrand.example", None),
        ("not a domain", "otherbrand.example", None),
        ("fernleafcoffee.com", "", None),
    ];
    for (primary, domain, said) in cases {
        let report = Report {
            org: "google.com".into(),
            report_id: "1".into(),
            begin: 0,
            end: 86_400,
            policy: PublishedPolicy {
                domain: domain.into(),
                ..PublishedPolicy::default()
            },
            rows: Vec::new(),
            notes: Vec::new(),
        };
        assert_eq!(other_brands(primary, &report), said, "{primary} {domain}");
    }
}
