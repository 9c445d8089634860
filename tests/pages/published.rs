//! The domains page's published-DNS card, rendered from reports of checks
//! over recorded answers: off until turned on, then each record with its
//! status, both values where they differ, TTL and time, the lane's checks
//! over published DNS, and a plain message when the resolver fails.

use std::rc::Rc;

use switchyard::dns::live::{check, read_answer, Cache, LiveReport, Provider, Question};
use switchyard::plan::sample::sample_plan;
use switchyard::ui::live_dns::Progress;
use switchyard::ui::pages::published::{PublishedDns, PublishedDnsProps};
use yew::{AttrValue, Callback};

use super::support::{
    attr, checked, element, every_control_labelled, no_behaviour_attributes, no_injected_markup,
    render, tag,
};

/// 2027-02-10 09:30 UTC.
const NOW: u64 = 1_802_251_800_000;

/// A check of the sample plan where `records` (name, type code, data) are
/// published and every other name answers NXDOMAIN; `fail` makes every
/// query fail instead.
fn report(records: &[(&str, u16, &str)], fail: bool) -> Rc<LiveReport> {
    let plan = sample_plan();
    let mut cache = Cache::new();
    for _ in 0..24 {
        let report = check(&plan, &cache, Provider::Cloudflare, NOW);
        if report.complete() {
            return Rc::new(report);
        }
        for q in report.missing {
            if fail {
                cache.insert_failure(
                    q,
                    "the resolver could not be reached (Failed to fetch)".into(),
                    NOW,
                );
                continue;
            }
            cache.insert_answer(q.clone(), answer(&q, records), NOW);
        }
    }
    panic!("the check does not end");
}

fn answer(q: &Question, records: &[(&str, u16, &str)]) -> switchyard::dns::live::DohAnswer {
    let code = switchyard::dns::live::type_code(q.rtype);
    let json = |(n, t, d): &(&str, u16, &str)| serde_json::json!({"name": n, "type": t, "TTL": 3600, "data": d});
    // A CNAME is followed, as a resolver answers.
    let mut name = q.name.as_str();
    let mut found: Vec<serde_json::Value> = Vec::new();
    while let Some(cname) = records
        .iter()
        .find(|(n, t, _)| *n == name && *t == 5 && code != 5)
    {
        found.push(json(cname));
        name = cname.2.trim_end_matches('.');
    }
    found.extend(
        records
            .iter()
            .filter(|(n, t, _)| *n == name && *t == code)
            .map(json),
    );
    let status = if found.is_empty() { 3 } else { 0 };
    let body = serde_json::json!({"Status": status, "Answer": found}).to_string();
    read_answer(&body, "test").unwrap()
}

fn props(lane: Option<&str>, enabled: bool, report: Option<Rc<LiveReport>>) -> PublishedDnsProps {
    PublishedDnsProps {
        lane: lane.map(|l| AttrValue::from(l.to_string())),
        enabled,
        provider: Provider::Cloudflare,
        running: None,
        report,
        blocked: None,
        on_enable: Callback::noop(),
        on_provider: Callback::noop(),
        on_check: Callback::noop(),
    }
}

const PUBLISHED: &[(&str, u16, &str)] = &[
    (
        "bounce.flows.fernleafcoffee.com",
        5,
        "u1234.wl056.sendgrid.net.",
    ),
    (
        "u1234.wl056.sendgrid.net",
        16,
        "\"v=spf1 ip4:198.51.100.10 include:sendgrid.net ~all\"",
    ),
    (
        "_dmarc.fernleafcoffee.com",
        16,
        "\"v=DMARC1; p=none; rua=mailto:dmarc-reports@fernleafcoffee.com\"",
    ),
    (
        "flows.fernleafcoffee.com",
        16,
        "\"v=spf1 -all\" \"<script>alert(1)</script>\"",
    ),
];

#[tokio::test]
async fn checking_is_off_until_turned_on_and_says_where_names_go() {
    let html = render::<PublishedDns>(props(None, false, None)).await;
    assert!(!checked(&html, "live-dns-enable"));
    assert!(tag(&html, "live-dns-check").contains("disabled"));
    let statement = element(&html, "live-dns-statement", "p");
    assert!(
        statement.contains("Cloudflare (cloudflare-dns.com)"),
        "{statement}"
    );
    assert!(statement.contains("nothing is sent until you turn checking on"));
    assert!(html.contains("Not checked in this session."));
    assert!(html.contains("Kept in this browser, not in the plan."));
    every_control_labelled(&html, "live-dns-enable");
    every_control_labelled(&html, "live-dns-resolver");
    no_behaviour_attributes(&html);
    let on = render::<PublishedDns>(props(None, true, None)).await;
    assert!(!tag(&on, "live-dns-check").contains("disabled"));
}

#[tokio::test]
async fn each_record_shows_its_status_both_values_ttl_and_time() {
    let report = report(PUBLISHED, false);
    let html = render::<PublishedDns>(props(None, true, Some(report.clone()))).await;
    let results = element(&html, "live-dns-results", "div");
    assert!(results.contains("Checked 2027-02-10 09:30 UTC through cloudflare-dns.com."));
    let row = results
        .split("<tr")
        .find(|r| r.contains("_dmarc.fernleafcoffee.com"))
        .expect("the DMARC row");
    assert!(row.contains("class=\"verdict different\""), "{row}");
    assert!(row.contains("published, differs"));
    assert!(
        row.contains("p: planned quarantine, published none"),
        "{row}"
    );
    assert!(
        row.contains("v=DMARC1; p=quarantine; sp=quarantine"),
        "the planned value: {row}"
    );
    assert!(
        row.contains("v=DMARC1; p=none; rua=mailto:"),
        "the published value: {row}"
    );
    assert!(
        row.contains("3600 s") && row.contains("2027-02-10 09:30 UTC"),
        "{row}"
    );
    // Brand-wide records only: lanes show their own.
    assert!(!results.contains("bounce.flows.fernleafcoffee.com"));
    assert!(results.contains("_mta-sts.fernleafcoffee.com"));
    no_injected_markup(&html);

    let lane = render::<PublishedDns>(props(Some("revenue-flows"), true, Some(report))).await;
    let results = element(&lane, "live-dns-results", "table");
    let spf = results
        .split("<tr")
        .find(|r| r.contains("bounce.flows.fernleafcoffee.com"))
        .unwrap();
    assert!(
        spf.contains("class=\"verdict present\"") && spf.contains("fits the expected pattern"),
        "{spf}"
    );
    let dkim = results
        .split("<tr")
        .find(|r| r.contains("s1._domainkey.flows"))
        .unwrap();
    assert!(dkim.contains("class=\"verdict missing\""), "{dkim}");
    let summary = element(&lane, "live-dns-summary", "p");
    assert!(
        summary.contains("Not yet published as planned"),
        "{summary}"
    );
    assert!(element(&lane, "live-dns-spf", "ul").contains("198.51.100.10: pass"));
    assert!(element(&lane, "live-dns-dkim", "p")
        .contains("no usable key at s1._domainkey.flows.fernleafcoffee.com"));
    assert!(element(&lane, "live-dns-dmarc", "p")
        .contains("p=none applies, from _dmarc.fernleafcoffee.com"));
    // User text from DNS is only ever text.
    assert!(lane.contains("&lt;script&gt;"), "escaped");
    no_injected_markup(&lane);
}

#[tokio::test]
async fn an_unreachable_resolver_gets_a_plain_message_and_progress_shows() {
    let html =
        render::<PublishedDns>(props(Some("revenue-flows"), true, Some(report(&[], true)))).await;
    let message = element(&html, "live-dns-message", "p");
    assert!(
        message.contains("cloudflare-dns.com could not be reached"),
        "{message}"
    );
    assert!(message.contains("planned-zone results above stay as they are"));
    // Nothing was checked, and the line above the table says so.
    assert!(html.contains(
        "Tried 2027-02-10 09:30 UTC through cloudflare-dns.com, which could not be reached."
    ));
    assert!(!html.contains("Checked 2027-02-10"));
    // The reason is given once, not under every record.
    assert_eq!(html.matches("Failed to fetch").count(), 1);
    assert!(html.contains("No answer; see above."));
    let mut running = props(None, true, None);
    running.running = Some(Progress {
        answered: 3,
        asked: 12,
        round: 2,
    });
    let html = render::<PublishedDns>(running).await;
    assert!(element(&html, "live-dns-progress", "p").contains("3 of 12 answers (round 2)"));
    // While it runs the button stays focusable and says so.
    let check = tag(&html, "live-dns-check");
    assert_eq!(attr(check, "aria-disabled"), Some("true"));
    assert_eq!(attr(check, "disabled"), None);
    assert!(element(&html, "live-dns-check", "button").contains("Checking…"));
    let mut blocked = props(None, true, None);
    blocked.blocked = Some("This browser is offline, so nothing was sent.".into());
    let html = render::<PublishedDns>(blocked).await;
    assert!(element(&html, "live-dns-message", "p").contains("offline"));
    assert!(!html.contains("Not checked in this session"));
}
