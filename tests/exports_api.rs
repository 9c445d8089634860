//! The SendGrid, Postmark, Mailgun and listmonk exports: a golden file each
//! for the sample plan, every file read back with serde_json and checked
//! for where the vendor expects each value, the SendGrid script checked by
//! the shell and run against a stand-in curl, and plans with hostile names
//! and no lanes.

#[path = "support/golden.rs"]
mod golden;

use std::path::PathBuf;
use std::process::Command;

use golden::{check_exports, export};
use serde_json::{json, Value};
use switchyard::plan::model::{
    IpStrategy, KeyKind, KeyMapping, Lane, LaneStatus, Plan, Provider, Purpose, Smtp, Trigger,
    TriggerKind, WarmupPlan, WarmupPreset,
};
use switchyard::plan::sample::sample_plan;
use switchyard::platform::export::ExportKind;
use switchyard::platform::names::{
    lane_headers, lane_headers_on, lane_name, problem, Header, NameKind,
};

const KINDS: [ExportKind; 5] = [
    ExportKind::SendgridRequests,
    ExportKind::SendgridScript,
    ExportKind::PostmarkRequests,
    ExportKind::MailgunRequests,
    ExportKind::ListmonkSettings,
];

const JSON_KINDS: [ExportKind; 4] = [
    ExportKind::SendgridRequests,
    ExportKind::PostmarkRequests,
    ExportKind::MailgunRequests,
    ExportKind::ListmonkSettings,
];

fn parsed(plan: &Plan, kind: ExportKind) -> Value {
    let text = export(plan, kind);
    assert!(text.ends_with("}\n"), "{kind:?} ends with a newline");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{kind:?} is not JSON: {e}\n{text}"))
}

fn requests(file: &Value) -> &Vec<Value> {
    file["requests"].as_array().expect("a requests array")
}

/// Each request's method and path, in order.
fn calls(file: &Value) -> Vec<(String, String)> {
    requests(file)
        .iter()
        .map(|r| {
            let text = |key: &str| r[key].as_str().unwrap_or_default().to_string();
            (text("method"), text("path"))
        })
        .collect()
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect()
}

/// Checks the body fields of the requests: (index, field, value).
fn body_fields<T: std::fmt::Debug>(requests: &[Value], cases: &[(usize, &str, T)])
where
    Value: PartialEq<T>,
{
    for (index, field, expected) in cases {
        assert_eq!(
            requests[*index]["body"][*field],
            *expected,
            "step {} {field}",
            index + 1
        );
    }
}

fn is_placeholder(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|s| s.starts_with('<') && s.ends_with('>'))
}

#[test]
fn golden_files_for_the_sample_plan() {
    check_exports(&sample_plan(), &KINDS);
}

#[test]
fn requests_are_numbered_in_order() {
    for plan in [sample_plan(), hostile_plan(), Plan::empty("x"), no_lanes()] {
        for kind in [
            ExportKind::SendgridRequests,
            ExportKind::PostmarkRequests,
            ExportKind::MailgunRequests,
        ] {
            let file = parsed(&plan, kind);
            let steps: Vec<u64> = requests(&file)
                .iter()
                .map(|r| r["step"].as_u64().unwrap())
                .collect();
            let expected: Vec<u64> = (1..=steps.len() as u64).collect();
            assert_eq!(steps, expected, "{kind:?} of {}", plan.id);
            assert!(file["about"].as_str().is_some_and(|a| !a.is_empty()));
        }
    }
}

#[test]
fn sendgrid_sets_up_the_sample_lane_on_sendgrid() {
    let file = parsed(&sample_plan(), ExportKind::SendgridRequests);
    assert_eq!(
        calls(&file),
        owned(&[
            ("POST", "/v3/ips/pools"),
            ("POST", "/v3/ips/pools/flows/ips"),
            ("POST", "/v3/whitelabel/domains"),
            ("POST", "/v3/whitelabel/links"),
            ("POST", "/v3/user/webhooks/event/settings"),
        ])
    );
    let r = requests(&file);
    let cases = [
        (0, "name", json!("flows")),
        (1, "ip", json!("198.51.100.10")),
        (2, "domain", json!("flows.fernleafcoffee.com")),
        (2, "subdomain", json!("bounce")),
        (2, "automatic_security", json!(true)),
        (3, "domain", json!("flows.fernleafcoffee.com")),
        (3, "subdomain", json!("links")),
        (4, "processed", json!(true)),
    ];
    body_fields(r, &cases);
    // One lane: no subuser, no DKIM selector of its own, the URL left to fill in.
    assert!(r[2]["body"].get("username").is_none());
    assert!(r[2]["body"].get("custom_dkim_selector").is_none());
    assert!(is_placeholder(&r[4]["body"]["url"]));
    assert_eq!(file["notes"], json!([]));
    assert_eq!(
        file["message_headers"],
        json!([{"lane": "revenue-flows", "name": "X-SMTPAPI", "value": "{\"ip_pool\":\"flows\"}"}])
    );
}

/// The sample plan with every lane moved off SendGrid, so the file sets
/// them all up there for comparison, one subuser each.
fn nothing_on_sendgrid() -> Plan {
    let mut plan = sample_plan();
    for lane in &mut plan.lanes {
        lane.smtp = Smtp::from_preset(Provider::Mailgun);
    }
    plan
}

#[test]
fn sendgrid_gives_each_lane_a_subuser_when_it_sets_up_several() {
    let file = parsed(&nothing_on_sendgrid(), ExportKind::SendgridRequests);
    let notes = file["notes"].to_string();
    assert!(notes.contains("for comparison"), "{notes}");
    let subusers: Vec<&Value> = requests(&file)
        .iter()
        .filter(|r| r["path"] == "/v3/subusers")
        .collect();
    let names: Vec<&str> = subusers
        .iter()
        .map(|r| r["body"]["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["transactional", "revenue-flows", "promotional"]);
    for subuser in &subusers {
        assert!(is_placeholder(&subuser["body"]["password"]));
        assert!(subuser["body"]["ips"]
            .as_array()
            .is_some_and(|ips| !ips.is_empty()));
    }
    // The shared-IP lane has no pool and no addresses of its own, and the
    // addresses the others list are Mailgun's, so SendGrid's are to come.
    assert!(is_placeholder(&subusers[0]["body"]["ips"][0]));
    assert_eq!(
        subusers[2]["body"]["ips"],
        json!([
            "<dedicated IP 1 of Promotional>",
            "<dedicated IP 2 of Promotional>"
        ])
    );
    // Each subuser's domain, links and webhook land in its own account.
    let webhooks: Vec<&Value> = requests(&file)
        .iter()
        .filter(|r| r["path"] == "/v3/user/webhooks/event/settings")
        .map(|r| &r["headers"]["on-behalf-of"])
        .collect();
    assert_eq!(
        webhooks,
        [
            &json!("transactional"),
            &json!("revenue-flows"),
            &json!("promotional")
        ]
    );
    let links = requests(&file)
        .iter()
        .filter(|r| r["path"] == "/v3/whitelabel/links")
        .count();
    assert_eq!(links, 2, "the transactional lane tracks no links");
}

#[test]
fn sendgrid_takes_a_dkim_selector_of_exactly_three_characters() {
    // (selector, sent as the custom one, noted as left out, the selector
    // the DNS records are under)
    let cases = [
        ("", None, false, "s1"),
        ("ab1", Some("ab1"), false, "ab1"),
        ("S2", None, true, "s1"),
        // SendGrid's own.
        ("s1", None, false, "s1"),
        ("fern2027", None, true, "s1"),
        ("a-b", None, true, "s1"),
    ];
    for (selector, sent, noted, published) in cases {
        let mut plan = sample_plan();
        plan.lanes[1].dkim_selector = selector.to_string();
        let domains = switchyard::dns::plan::lane_domains(&plan.lanes[1]).unwrap();
        assert_eq!(domains.dkim_selector, published, "{selector}");
        let file = parsed(&plan, ExportKind::SendgridRequests);
        let domain = requests(&file)
            .iter()
            .find(|r| r["path"] == "/v3/whitelabel/domains")
            .unwrap();
        assert_eq!(
            domain["body"]
                .get("custom_dkim_selector")
                .and_then(Value::as_str),
            sent,
            "{selector}"
        );
        assert_eq!(
            file["notes"].to_string().contains("selector"),
            noted,
            "{selector}"
        );
    }
}

#[test]
fn postmark_sets_up_a_server_stream_and_webhook_per_lane() {
    let file = parsed(&sample_plan(), ExportKind::PostmarkRequests);
    // The sample's stream is Postmark's default, which every server has.
    assert_eq!(
        calls(&file),
        owned(&[
            ("POST", "/servers"),
            ("POST", "/domains"),
            ("PATCH", "/message-streams/outbound"),
            ("POST", "/webhooks"),
        ])
    );
    let r = requests(&file);
    assert!(is_placeholder(&r[0]["headers"]["X-Postmark-Account-Token"]));
    // The sender domain, with its Return-Path, is the account's.
    assert!(is_placeholder(&r[1]["headers"]["X-Postmark-Account-Token"]));
    assert_eq!(r[1]["body"]["Name"], "receipts.fernleafcoffee.com");
    assert_eq!(
        r[1]["body"]["ReturnPathDomain"],
        "bounce.receipts.fernleafcoffee.com"
    );
    let r: Vec<Value> = r
        .iter()
        .filter(|r| r["path"] != "/domains")
        .cloned()
        .collect();
    for later in &r[1..] {
        let token = later["headers"]["X-Postmark-Server-Token"]
            .as_str()
            .unwrap();
        assert!(token.contains("step 1"), "{token}");
    }
    assert_eq!(r[2]["body"]["MessageStream"], "outbound");
    // On Customer.io the webhook is its feedback webhook, without opens
    // and clicks, which Customer.io tracks itself and would count twice.
    let triggers = &r[2]["body"]["Triggers"];
    assert_eq!(
        r[2]["body"]["Url"],
        "https://track.customer.io/postmark/events"
    );
    for event in ["Delivery", "Bounce", "SpamComplaint", "SubscriptionChange"] {
        assert_eq!(triggers[event]["Enabled"], true, "{event}");
    }
    assert!(
        triggers.get("Open").is_none() && triggers.get("Click").is_none(),
        "{triggers}"
    );
    assert_eq!(file["message_headers"][0]["name"], "X-PM-Message-Stream");
    assert_eq!(file["message_headers"][0]["value"], "outbound");
    // Built in the brand's own code, it feeds monitoring, engagement too.
    let mut own = sample_plan();
    own.platform.kind = switchyard::plan::model::Platform::OwnCode;
    let file = parsed(&own, ExportKind::PostmarkRequests);
    let webhook = &requests(&file)[3]["body"];
    assert!(is_placeholder(&webhook["Url"]));
    assert_eq!(webhook["Triggers"]["Open"]["Enabled"], true);
    assert_eq!(webhook["Triggers"]["Click"]["Enabled"], true);
}

#[test]
fn postmark_stream_type_follows_the_lane_and_its_journeys() {
    // Every sample lane moved to Postmark, without the recorded stream name.
    let mut plan = sample_plan();
    plan.monitoring.mapping.clear();
    for lane in &mut plan.lanes {
        lane.smtp = Smtp::from_preset(Provider::Postmark);
    }
    let file = parsed(&plan, ExportKind::PostmarkRequests);
    let streams: Vec<(String, String, String)> = requests(&file)
        .iter()
        .filter(|r| r["path"] == "/message-streams")
        .map(|r| {
            let body = &r["body"];
            let text = |v: &Value| v.as_str().unwrap().to_string();
            (
                text(&body["ID"]),
                text(&body["MessageStreamType"]),
                text(&body["SubscriptionManagementConfiguration"]["UnsubscribeHandlingType"]),
            )
        })
        .collect();
    let expected = [
        ("transactional", "Transactional", "None"),
        ("revenue-flows", "Transactional", "None"),
        // Promotions; Customer.io runs the unsubscribe links.
        ("promotional", "Broadcasts", "Custom"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(streams, expected);

    // A newsletter routed to the revenue lane makes its stream a broadcast one.
    let newsletter = plan
        .journeys
        .iter_mut()
        .find(|j| j.id == "newsletter")
        .unwrap();
    newsletter.lane_override = Some("revenue-flows".to_string());
    let file = parsed(&plan, ExportKind::PostmarkRequests);
    let revenue = requests(&file)
        .iter()
        .find(|r| r["body"]["ID"] == "revenue-flows")
        .unwrap();
    assert_eq!(revenue["body"]["MessageStreamType"], "Broadcasts");

    // So does a broadcast started through the API, whatever its intent.
    let welcome = plan
        .journeys
        .iter_mut()
        .find(|j| j.id == "welcome")
        .unwrap();
    welcome.trigger = Trigger::starting(TriggerKind::ApiBroadcast);
    welcome.lane_override = Some("transactional".to_string());
    let file = parsed(&plan, ExportKind::PostmarkRequests);
    let transactional = requests(&file)
        .iter()
        .find(|r| r["body"]["ID"] == "transactional")
        .unwrap();
    assert_eq!(transactional["body"]["MessageStreamType"], "Broadcasts");
}

#[test]
fn mailgun_sets_up_pools_and_domains_as_form_fields() {
    // No sample lane is on Mailgun: every lane, for comparison.
    let file = parsed(&sample_plan(), ExportKind::MailgunRequests);
    assert!(file["notes"].to_string().contains("for comparison"));
    assert!(file["about"].as_str().unwrap().contains("form fields"));
    assert_eq!(
        calls(&file),
        owned(&[
            ("POST", "/v3/domains"),
            ("POST", "/v1/ip_pools"),
            ("POST", "/v3/domains"),
            ("POST", "/v3/domains/flows.fernleafcoffee.com/ips"),
            ("POST", "/v1/ip_pools"),
            ("POST", "/v3/domains"),
            ("POST", "/v3/domains/mail.fernleafcoffee.com/ips"),
        ])
    );
    let r = requests(&file);
    let cases = [
        (0, "name", "receipts.fernleafcoffee.com"),
        (0, "dkim_key_size", "2048"),
        (0, "web_scheme", "https"),
        (1, "name", "revenue-flows"),
        // The listed IPs are SendGrid's and SES's: Mailgun assigns its own.
        (1, "ips", "<dedicated IP 1 of Revenue flows>"),
        (3, "pool_id", "<pool_id returned by step 2>"),
        (
            4,
            "ips",
            "<dedicated IP 1 of Promotional>,<dedicated IP 2 of Promotional>",
        ),
        (6, "pool_id", "<pool_id returned by step 5>"),
    ];
    body_fields(r, &cases);
    // Form fields are strings, every one.
    for request in r {
        let body = request["body"].as_object().unwrap();
        assert!(body.values().all(Value::is_string), "{request}");
    }
    let headers: Vec<(&str, &str)> = file["message_headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["lane"].as_str().unwrap(), h["value"].as_str().unwrap()))
        .collect();
    assert_eq!(
        headers,
        [
            ("revenue-flows", "<pool_id returned by step 2>"),
            ("promotional", "<pool_id returned by step 5>"),
        ]
    );
    // The warming lane's IPs cannot join a pool yet.
    assert!(file["notes"].to_string().contains("automatic warm-up"));
}

const LISTMONK_FIELDS: [&str; 18] = [
    "name",
    "uuid",
    "enabled",
    "host",
    "hello_hostname",
    "port",
    "auth_protocol",
    "username",
    "password",
    "email_headers",
    "max_conns",
    "max_msg_retries",
    "msg_retry_delay",
    "idle_timeout",
    "wait_timeout",
    "tls_type",
    "tls_skip_verify",
    "from_addresses",
];

#[test]
fn listmonk_has_a_server_per_lane_with_its_tagging_header() {
    let file = parsed(&sample_plan(), ExportKind::ListmonkSettings);
    let servers = file["smtp"].as_array().unwrap();
    let cases = [
        (
            "email-transactional",
            "smtp.postmarkapp.com",
            2525,
            json!([{"X-PM-Message-Stream": "outbound"}]),
            "receipts.fernleafcoffee.com",
        ),
        (
            "email-revenue-flows",
            "smtp.sendgrid.net",
            2525,
            json!([{"X-SMTPAPI": "{\"ip_pool\":\"flows\"}"}]),
            "flows.fernleafcoffee.com",
        ),
        (
            "email-promotional",
            "email-smtp.us-east-1.amazonaws.com",
            2587,
            json!([{"X-SES-CONFIGURATION-SET": "fernleaf-promotions"}]),
            "mail.fernleafcoffee.com",
        ),
    ];
    assert_eq!(servers.len(), cases.len());
    for (server, (name, host, port, headers, from)) in servers.iter().zip(cases) {
        let keys: Vec<&str> = server
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected_keys = LISTMONK_FIELDS.to_vec();
        expected_keys.sort();
        let mut keys = keys;
        keys.sort();
        assert_eq!(keys, expected_keys, "{name}");
        assert_eq!(server["name"], name);
        assert_eq!(server["host"], host);
        assert_eq!(server["port"], port);
        assert_eq!(server["tls_type"], "STARTTLS");
        assert_eq!(server["email_headers"], headers, "{name}");
        assert_eq!(server["from_addresses"], json!([from]));
        assert!(is_placeholder(&server["password"]));
        assert_eq!(server["enabled"], true);
    }
    assert_eq!(servers[1]["username"], "apikey");
    // Postmark's username is the server token: the plan leaves it to fill in.
    assert!(is_placeholder(&servers[0]["username"]));
}

#[test]
fn listmonk_maps_implicit_tls() {
    let mut plan = sample_plan();
    plan.lanes[0].smtp.security = switchyard::plan::model::Security::ImplicitTls;
    plan.lanes[0].smtp.port = 465;
    let file = parsed(&plan, ExportKind::ListmonkSettings);
    assert_eq!(file["smtp"][0]["tls_type"], "TLS");
    assert_eq!(file["smtp"][0]["port"], 465);
}

#[test]
fn listmonk_server_names_keep_what_listmonk_keeps() {
    // listmonk rewrites every character outside [a-z0-9-] to "-".
    let derived = [
        ("transactional", "email-transactional"),
        ("Ops.Team", "email-ops-team"),
        ("a_b", "email-a-b"),
        ("email-2", "email-email-2"),
    ];
    for (id, expected) in derived {
        let mut plan = sample_plan();
        plan.lanes[0].id = id.to_string();
        let file = parsed(&plan, ExportKind::ListmonkSettings);
        assert_eq!(file["smtp"][0]["name"], expected, "{id}");
        let name = lane_name(&plan, &plan.lanes[0], NameKind::ListmonkServer);
        assert_eq!(problem(&name, NameKind::ListmonkServer), None, "{name}");
    }
    for (name, valid) in [
        ("email-a-b", true),
        ("email-a_b", false),
        ("Email-a", false),
    ] {
        assert_eq!(
            problem(name, NameKind::ListmonkServer).is_none(),
            valid,
            "{name}"
        );
    }
}

#[test]
fn a_numbered_lane_is_named_at_vendors_after_its_name() {
    use NameKind::*;
    // (lane name, names a recorded Postmark stream leaves alone, each
    // kind's name): a new plan's `lane-1` says nothing at a vendor.
    let cases: &[(&str, &[(NameKind, &str)])] = &[
        (
            "Transactional lane",
            &[
                (PostmarkStream, "transactional-lane"),
                (SesConfigurationSet, "transactional-lane"),
                (SendgridPool, "transactional-lane"),
                (KumoTenant, "transactional-lane"),
                (ListmonkServer, "email-transactional-lane"),
                (Resource, "transactional_lane"),
            ],
        ),
        ("  Promo / EU (2027) ", &[(PostmarkStream, "promo-eu-2027")]),
        ("9 to 5", &[(Resource, "lane_9_to_5")]),
        // Cut to fit Postmark's 30 characters, with no hyphen left at the end.
        (
            "Receipts and password resets for every shop",
            &[(PostmarkStream, "receipts-and-password-resets")],
        ),
        // Nothing, or too little, to name it by: the id stays.
        ("", &[(PostmarkStream, "lane-1"), (Resource, "lane_1")]),
        ("Café", &[(PostmarkStream, "caf")]),
        ("日本", &[(PostmarkStream, "lane-1")]),
        ("A", &[(SendgridPool, "lane-1")]),
    ];
    for (name, names) in cases {
        let mut plan = Plan::empty("p");
        plan.lanes[0].name = name.to_string();
        for (kind, expected) in names.iter() {
            let got = lane_name(&plan, &plan.lanes[0], *kind);
            assert_eq!(got, *expected, "{name:?} {kind:?}");
            assert_eq!(problem(&got, *kind), None, "{name:?} {kind:?}");
        }
    }
    // A lane with an id that names it keeps it; a recorded name still wins.
    let mut plan = Plan::empty("p");
    plan.lanes[0].name = "Transactional lane".into();
    plan.lanes
        .push(Lane::new("receipts", "Receipts", Purpose::Transactional));
    plan.monitoring.mapping.push(KeyMapping {
        kind: KeyKind::PostmarkStream,
        key: "outbound".into(),
        lane: "lane-1".into(),
    });
    let name = |i: usize, kind| lane_name(&plan, &plan.lanes[i], kind);
    assert_eq!(name(0, PostmarkStream), "outbound");
    assert_eq!(name(0, SesConfigurationSet), "transactional-lane");
    assert_eq!(name(1, PostmarkStream), "receipts");
}

#[test]
fn numbered_lanes_keep_their_names_apart() {
    // (lanes as id and name, the Postmark stream of each): a name another
    // lane's id, name or recorded stream has is numbered on.
    type Lanes<'a> = &'a [(&'a str, &'a str)];
    let cases: &[(Lanes, &[&str])] = &[
        (
            &[
                ("lane-1", "Promotional"),
                ("promotional", "Promotional lane"),
                ("lane-2", "Promotional"),
            ],
            &["promotional-2", "promotional", "promotional-3"],
        ),
        (
            &[("lane-1", "Main lane"), ("lane-2", "Main lane")],
            &["main-lane", "main-lane-2"],
        ),
        // The id is the name of a lane its name cannot name.
        (
            &[("lane-1", "Lane 2"), ("lane-2", "")],
            &["lane-2-2", "lane-2"],
        ),
        // Numbered on within 30 characters.
        (
            &[
                ("lane-1", "Receipts and password resets for every shop"),
                ("lane-2", "Receipts and password resets for all"),
            ],
            &[
                "receipts-and-password-resets",
                "receipts-and-password-resets-2",
            ],
        ),
        // The stream recorded for the transactional lane is its own.
        (
            &[("transactional", "Receipts"), ("lane-1", "Outbound")],
            &["outbound", "outbound-2"],
        ),
    ];
    for (lanes, streams) in cases {
        let mut plan = Plan::empty("p");
        plan.lanes = (lanes.iter())
            .map(|(id, name)| Lane::new(id, name, Purpose::Custom))
            .collect();
        plan.monitoring.mapping.push(KeyMapping {
            kind: KeyKind::PostmarkStream,
            key: "outbound".into(),
            lane: "transactional".into(),
        });
        let got: Vec<String> = (plan.lanes.iter())
            .map(|l| lane_name(&plan, l, NameKind::PostmarkStream))
            .collect();
        assert_eq!(got, *streams, "{lanes:?}");
        for stream in &got {
            assert_eq!(problem(stream, NameKind::PostmarkStream), None, "{stream}");
        }
    }
}

#[test]
fn monitoring_takes_the_exported_stream_for_its_lane() {
    use switchyard::monitor::health::suggest;
    use switchyard::monitor::LaneKey;
    // A new plan's first lane, made transactional, beside a lane whose id
    // the stream's name holds.
    let mut plan = Plan::empty("p");
    plan.lanes[0].name = "Transactional lane".into();
    plan.lanes[0].purpose = Purpose::Transactional;
    plan.lanes.insert(
        0,
        Lane::new("transactional", "Receipts", Purpose::Transactional),
    );
    plan.lanes
        .push(Lane::new("lane-10", "Promotions", Purpose::Promotional));
    for lane in &mut plan.lanes {
        lane.smtp = Smtp::from_preset(Provider::Postmark);
    }
    let file = parsed(&plan, ExportKind::PostmarkRequests);
    let headers = file["message_headers"].as_array().expect("headers");
    assert_eq!(headers.len(), 3, "{headers:?}");
    for header in headers {
        let stream = header["value"].as_str().unwrap();
        let key = LaneKey {
            kind: KeyKind::PostmarkStream,
            value: stream.to_string(),
        };
        let lane = suggest(&plan, &key).map(|(lane, _)| lane);
        assert_eq!(lane.as_deref(), header["lane"].as_str(), "{stream}");
    }
    assert_eq!(headers[1]["value"], "transactional-lane");
}

#[test]
fn lane_headers_follow_the_provider() {
    let plan = sample_plan();
    let shared = &plan.lanes[0];
    let dedicated = &plan.lanes[2];
    let cases = [
        (
            dedicated,
            Provider::AmazonSes,
            Some(("X-SES-CONFIGURATION-SET", "fernleaf-promotions")),
        ),
        (
            shared,
            Provider::Postmark,
            Some(("X-PM-Message-Stream", "outbound")),
        ),
        (
            dedicated,
            Provider::SendGrid,
            Some(("X-SMTPAPI", r#"{"ip_pool":"promotional"}"#)),
        ),
        (shared, Provider::SendGrid, None),
        (
            dedicated,
            Provider::Mailgun,
            Some((
                "X-Mailgun-Sending-Ip-Pool",
                "<pool_id Mailgun returns for the pool promotional>",
            )),
        ),
        (shared, Provider::Mailgun, None),
        (dedicated, Provider::Custom, None),
    ];
    for (lane, provider, expected) in cases {
        let expected: Vec<Header> = expected
            .into_iter()
            .map(|(name, value)| Header {
                name,
                value: value.to_string(),
            })
            .collect();
        assert_eq!(
            lane_headers_on(&plan, lane, provider),
            expected,
            "{} on {provider:?}",
            lane.id
        );
    }
    assert_eq!(
        lane_headers(&plan, dedicated),
        lane_headers_on(&plan, dedicated, Provider::AmazonSes)
    );
}

/// Text that breaks every format it is pasted into unescaped.
const HOSTILE: &str = "a'b\"c\\d\n$(touch pwned)`touch pwned`;e}<f>";

/// Two SendGrid lanes whose ids, names, recorded pool name, IP and
/// selector are hostile, beside the sample's other lanes.
fn hostile_plan() -> Plan {
    let mut plan = sample_plan();
    plan.id = "hostile".to_string();
    plan.brand.name = HOSTILE.to_string();
    let mut twin = plan.lanes[1].clone();
    twin.id = format!("twin{HOSTILE}");
    twin.name = HOSTILE.to_string();
    twin.ip_addresses = vec![format!("198.51.100.20{HOSTILE}")];
    twin.dkim_selector = HOSTILE.to_string();
    twin.sending_domain = format!("bad{HOSTILE}.example");
    plan.lanes.push(twin);
    let lane = &mut plan.lanes[1];
    lane.id = format!("rev{HOSTILE}");
    lane.name = HOSTILE.to_string();
    lane.ip_addresses = Vec::new();
    lane.tracking_domain = HOSTILE.to_string();
    plan.monitoring.mapping.push(KeyMapping {
        kind: KeyKind::SendgridPool,
        key: format!("pool{HOSTILE}"),
        lane: format!("rev{HOSTILE}"),
    });
    let mut postmark = Lane::new(HOSTILE, HOSTILE, Purpose::Promotional);
    postmark.smtp = Smtp::from_preset(Provider::Postmark);
    postmark.ip_strategy = IpStrategy::Dedicated { count: 2 };
    plan.lanes.push(postmark);
    plan
}

fn no_lanes() -> Plan {
    let mut plan = Plan::empty("none");
    plan.lanes.clear();
    plan.default_lane = None;
    plan
}

#[test]
fn hostile_names_survive_every_json_export() {
    let plan = hostile_plan();
    // The brand name comes back whole from each request file's summary.
    for kind in [
        ExportKind::SendgridRequests,
        ExportKind::PostmarkRequests,
        ExportKind::MailgunRequests,
    ] {
        let about = parsed(&plan, kind)["about"].as_str().unwrap().to_string();
        assert!(about.contains(HOSTILE), "{kind:?}: {about}");
    }
    let postmark = parsed(&plan, ExportKind::PostmarkRequests);
    let server_names: Vec<&Value> = requests(&postmark)
        .iter()
        .filter(|r| r["path"] == "/servers")
        .map(|r| &r["body"]["Name"])
        .collect();
    assert_eq!(server_names[1], &json!(format!("{HOSTILE}: {HOSTILE}")));
    let file = parsed(&plan, ExportKind::SendgridRequests);
    let pool = format!("pool{HOSTILE}");
    let first = &requests(&file)[0];
    assert_eq!(first["body"]["name"], pool.as_str());
    let ip_path = requests(&file)[1]["path"].as_str().unwrap();
    assert!(
        ip_path.starts_with("/v3/ips/pools/poola%27b%22c%5Cd%0A%24%28"),
        "{ip_path}"
    );
    assert!(ip_path.ends_with("/ips"));
    // The recorded pool name breaks SendGrid's rules: said, not mended.
    assert!(file["notes"].to_string().contains("cannot be created"));
    let listmonk = parsed(&plan, ExportKind::ListmonkSettings);
    let names: Vec<&str> = listmonk["smtp"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.iter().all(|n| n
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')));
    assert_eq!(
        listmonk["smtp"][1]["email_headers"][0]["X-SMTPAPI"],
        json!({"ip_pool": pool}).to_string()
    );
}

#[test]
fn odd_plans_export_without_panicking() {
    for plan in [Plan::empty("x"), no_lanes()] {
        for kind in JSON_KINDS {
            parsed(&plan, kind);
        }
        script_is_valid_shell(&export(&plan, ExportKind::SendgridScript));
    }
    let empty = parsed(&Plan::empty("x"), ExportKind::ListmonkSettings);
    // A new plan's `lane-1` is named after its name, “Main lane”.
    assert_eq!(empty["smtp"][0]["name"], "email-main-lane");
    assert!(is_placeholder(&empty["smtp"][0]["host"]));
    assert_eq!(empty["smtp"][0]["from_addresses"], json!([]));
    let none = parsed(&no_lanes(), ExportKind::SendgridRequests);
    assert_eq!(none["requests"], json!([]));
}

fn script_is_valid_shell(script: &str) {
    for shell in ["bash", "sh"] {
        let output = Command::new(shell)
            .args(["-n", "-c", script])
            .output()
            .expect("the shell runs");
        assert!(
            output.status.success(),
            "{shell} -n: {}\n{script}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// A scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("switchyard-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A curl that records each call as four lines (method, URL, headers with
/// `@file` headers read, body from stdin) and answers 200.
const FAKE_CURL: &str = r#"#!/bin/sh
method= url= headers=
while [ $# -gt 0 ]; do
  case $1 in
    -X) method=$2; shift 2 ;;
    -H) case $2 in @*) h=$(cat "${2#@}") ;; *) h=$2 ;; esac
        headers="$headers[$h]"; shift 2 ;;
    -w|--data-binary) shift 2 ;;
    -*) shift ;;
    *) url=$1; shift ;;
  esac
done
body=$(cat)
printf '%s\n%s\n%s\n%s\n' "$method" "$url" "$headers" "$body" >> "$CURL_LOG"
printf '{"ok":true}\n200'
"#;

struct Call {
    method: String,
    url: String,
    headers: String,
    body: Value,
}

/// Runs the script against the recording curl with `env` set; returns
/// whether it succeeded, its error output and the calls it made.
fn run_script(name: &str, script: &str, env: &[(&str, &str)]) -> (bool, String, Vec<Call>) {
    let dir = scratch(name);
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::write(bin.join("curl"), FAKE_CURL).unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(bin.join("curl"))
        .status()
        .unwrap();
    std::fs::write(dir.join("setup.sh"), script).unwrap();
    let log = dir.join("calls.log");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("sh")
        .arg("setup.sh")
        .current_dir(&dir)
        .env_clear()
        .env("PATH", path)
        .env("CURL_LOG", &log)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(
        !dir.join("pwned").exists(),
        "the script ran plan text as a command"
    );
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let calls = lines
        .chunks(4)
        .map(|c| Call {
            method: c[0].to_string(),
            url: c[1].to_string(),
            headers: c[2].to_string(),
            body: serde_json::from_str(c[3]).unwrap_or_else(|e| panic!("body {}: {e}", c[3])),
        })
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    (output.status.success(), stderr, calls)
}

const SECRETS: [(&str, &str); 4] = [
    ("SENDGRID_API_KEY", "SG.test-key"),
    (
        "SENDGRID_EVENT_WEBHOOK_URL",
        "https://hooks.example/sg?a=\"1\"&b='2'",
    ),
    ("SENDGRID_SUBUSER_EMAIL", "ops@example.com"),
    ("SENDGRID_SUBUSER_PASSWORD_TRANSACTIONAL", "pa\"ss\\wo'rd"),
];

/// Checks that the script sent exactly the JSON file's requests, with each
/// placeholder the script reads from the environment filled in.
fn same_requests(file: &Value, calls: &[Call]) {
    let requests = requests(file);
    assert_eq!(calls.len(), requests.len());
    for (call, request) in calls.iter().zip(requests) {
        assert_eq!(call.method, request["method"]);
        let url = format!(
            "https://api.sendgrid.com{}",
            request["path"].as_str().unwrap()
        );
        assert_eq!(call.url, url);
        assert!(call.headers.contains("[Authorization: Bearer SG.test-key]"));
        if let Some(user) = request["headers"]["on-behalf-of"].as_str() {
            assert!(call.headers.contains(&format!("[on-behalf-of: {user}]")));
        }
        let mut expected = request["body"].clone();
        for (field, value) in [("url", SECRETS[1].1), ("email", SECRETS[2].1)] {
            if expected.get(field).is_some_and(is_placeholder) {
                expected[field] = json!(value);
            }
        }
        if expected.get("password").is_some() {
            assert_ne!(call.body["password"], expected["password"]);
            expected["password"] = call.body["password"].clone();
        }
        assert_eq!(call.body, expected, "step {}", request["step"]);
    }
}

#[test]
fn sendgrid_script_sends_the_json_requests() {
    let plan = sample_plan();
    let script = export(&plan, ExportKind::SendgridScript);
    script_is_valid_shell(&script);
    let (ok, stderr, calls) = run_script("sample", &script, &SECRETS);
    assert!(ok, "{stderr}");
    same_requests(&parsed(&plan, ExportKind::SendgridRequests), &calls);
    assert!(!script.contains("SG.test-key"));
}

#[test]
fn sendgrid_script_reads_subuser_passwords_from_the_environment() {
    let plan = nothing_on_sendgrid();
    let script = export(&plan, ExportKind::SendgridScript);
    script_is_valid_shell(&script);
    // The transactional lane's subuser needs an IP the plan does not know.
    let (ok, stderr, calls) = run_script("guard", &script, &SECRETS);
    assert!(!ok && calls.is_empty(), "{stderr}");
    assert!(stderr.contains("angle brackets"), "{stderr}");
    let filled = without_guard(&script);
    let (ok, stderr, _) = run_script("passwords", &filled, &SECRETS);
    assert!(
        !ok && stderr.contains("SENDGRID_SUBUSER_PASSWORD_REVENUE_FLOWS"),
        "{stderr}"
    );
    let mut env = SECRETS.to_vec();
    env.push(("SENDGRID_SUBUSER_PASSWORD_REVENUE_FLOWS", "two"));
    env.push(("SENDGRID_SUBUSER_PASSWORD_PROMOTIONAL", "three"));
    let (ok, stderr, calls) = run_script("subusers", &filled, &env);
    assert!(ok, "{stderr}");
    same_requests(&parsed(&plan, ExportKind::SendgridRequests), &calls);
    let passwords: Vec<&Value> = calls
        .iter()
        .filter(|c| c.url.ends_with("/v3/subusers"))
        .map(|c| &c.body["password"])
        .collect();
    assert_eq!(
        passwords,
        [&json!("pa\"ss\\wo'rd"), &json!("two"), &json!("three")]
    );
}

/// The variables the script stops without.
fn required_vars(script: &str) -> Vec<String> {
    script
        .lines()
        .filter_map(|l| l.strip_prefix(": \"${"))
        .filter_map(|l| l.split_once(":?").map(|(var, _)| var.to_string()))
        .collect()
}

/// The script without the line that stops it while placeholders remain.
fn without_guard(script: &str) -> String {
    script
        .lines()
        .filter(|l| !l.starts_with("echo 'Fill in"))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn sendgrid_script_stops_without_an_api_key() {
    let script = export(&sample_plan(), ExportKind::SendgridScript);
    let (ok, stderr, calls) = run_script("no-key", &script, &SECRETS[1..]);
    assert!(!ok);
    assert!(calls.is_empty());
    assert!(stderr.contains("SENDGRID_API_KEY"), "{stderr}");
}

#[test]
fn sendgrid_script_resumes_from_a_step() {
    let script = export(&sample_plan(), ExportKind::SendgridScript);
    let mut env = SECRETS.to_vec();
    env.push(("SENDGRID_FROM_STEP", "4"));
    let (ok, stderr, calls) = run_script("resume", &script, &env);
    assert!(ok, "{stderr}");
    let paths: Vec<&str> = calls.iter().map(|c| c.url.as_str()).collect();
    assert_eq!(
        paths,
        [
            "https://api.sendgrid.com/v3/whitelabel/links",
            "https://api.sendgrid.com/v3/user/webhooks/event/settings"
        ]
    );
}

#[test]
fn sendgrid_script_keeps_hostile_text_inert() {
    let plan = hostile_plan();
    let script = export(&plan, ExportKind::SendgridScript);
    script_is_valid_shell(&script);
    let vars = required_vars(&script);
    let mut env = SECRETS.to_vec();
    for var in vars
        .iter()
        .filter(|v| v.starts_with("SENDGRID_SUBUSER_PASSWORD_"))
    {
        env.push((var, "x"));
    }
    assert_eq!(env.len(), SECRETS.len() + 2, "{vars:?}");
    let (ok, stderr, calls) = run_script("hostile", &without_guard(&script), &env);
    assert!(ok, "{stderr}");
    same_requests(&parsed(&plan, ExportKind::SendgridRequests), &calls);
    let pool = format!("pool{HOSTILE}");
    assert_eq!(calls[0].body["name"], pool.as_str());
}

#[test]
fn sendgrid_starts_its_automated_warm_up_only_for_a_lane_that_follows_it() {
    let mut plan = sample_plan();
    let index = plan
        .lanes
        .iter()
        .position(|l| l.id == "revenue-flows")
        .unwrap();
    let lane = &mut plan.lanes[index];
    assert_eq!(lane.smtp.provider, Provider::SendGrid);
    let warmups = |plan: &Plan| -> Vec<Value> {
        let file = parsed(plan, ExportKind::SendgridRequests);
        (requests(&file).iter())
            .filter(|r| r["path"] == "/v3/ips/warmup")
            .map(|r| r["body"]["ip"].clone())
            .collect()
    };
    assert!(warmups(&plan).is_empty(), "the sample follows its own ramp");
    let lane = &mut plan.lanes[index];
    lane.status = LaneStatus::Warming;
    lane.warmup = Some(WarmupPlan {
        preset: WarmupPreset::SendgridAutomated,
        ..WarmupPlan::default()
    });
    let ips: Vec<Value> = (lane.ip_addresses.iter()).map(|ip| json!(ip)).collect();
    assert!(!ips.is_empty());
    assert_eq!(warmups(&plan), ips);
    // Once warm, its IPs are not sent back to the first day's caps.
    plan.lanes[index].status = LaneStatus::Warm;
    assert!(warmups(&plan).is_empty());
}

#[test]
fn ses_files_name_the_region_the_planned_dns_is_for() {
    let mut plan = sample_plan();
    let text = export(&plan, ExportKind::SesTerraform);
    assert!(
        text.contains("provider \"aws\" {\n  region = \"us-east-1\"\n}"),
        "{text}"
    );
    let cfn = export(&plan, ExportKind::SesCloudFormation);
    assert!(cfn.contains("# Deploy in us-east-1"), "{cfn}");
    // Two regions: no single provider region, and a note for each lane.
    let mut second = plan.lanes[2].clone();
    second.id = "eu".into();
    second.name = "EU promotions".into();
    second.smtp.host = "email-smtp.eu-west-1.amazonaws.com".into();
    plan.lanes.push(second);
    let text = export(&plan, ExportKind::SesTerraform);
    assert!(!text.contains("provider \"aws\""), "{text}");
    assert!(text.contains("us-east-1 and eu-west-1"), "{text}");
}

#[test]
fn an_ip_count_past_the_limit_is_written_as_the_most_a_plan_may_hold() {
    // A hand-edited file may ask for any count; validation flags it, and
    // every export still writes, with at most 64 placeholder addresses.
    for count in [0, 65, 100_000_000, u32::MAX] {
        let mut plan = sample_plan();
        for lane in &mut plan.lanes {
            lane.ip_strategy = IpStrategy::Dedicated { count };
            lane.ip_addresses.clear();
        }
        for kind in ExportKind::ALL {
            let text = export(&plan, kind);
            let placeholders = text.matches("<dedicated IP 65 ").count();
            assert_eq!(placeholders, 0, "{kind:?} with {count}");
        }
    }
}

#[test]
fn the_sendgrid_webhook_feeds_customer_io_without_opens_and_clicks_or_monitoring_with_them() {
    // (platform, opens and clicks sent, words of the step)
    let cases = [
        (
            switchyard::plan::model::Platform::CustomerIo,
            false,
            "Customer.io's SendGrid feedback webhook",
        ),
        (
            switchyard::plan::model::Platform::OwnCode,
            true,
            "for monitoring",
        ),
    ];
    for (kind, engagement, why) in cases {
        let mut plan = sample_plan();
        plan.platform.kind = kind;
        let file = parsed(&plan, ExportKind::SendgridRequests);
        let r = requests(&file);
        let hook = (r.iter())
            .find(|r| r["path"] == "/v3/user/webhooks/event/settings")
            .expect("a webhook step");
        assert!(is_placeholder(&hook["body"]["url"]), "{kind:?}");
        assert_eq!(hook["body"]["open"], engagement, "{kind:?}");
        assert_eq!(hook["body"]["click"], engagement, "{kind:?}");
        for event in ["delivered", "bounce", "spam_report", "unsubscribe"] {
            assert_eq!(hook["body"][event], true, "{kind:?} {event}");
        }
        let said = hook["why"].as_str().unwrap();
        assert!(said.contains(why), "{kind:?}: {said}");
    }
}

#[test]
fn a_plan_without_a_brand_name_gives_vendor_files_no_empty_names() {
    let mut plan = sample_plan();
    plan.brand.name = String::new();
    for lane in &mut plan.lanes {
        lane.smtp = Smtp::from_preset(Provider::Postmark);
    }
    let file = parsed(&plan, ExportKind::PostmarkRequests);
    let about = file["about"].as_str().unwrap();
    assert!(about.contains("for Untitled plan, in order"), "{about}");
    let servers: Vec<&str> = (requests(&file).iter())
        .filter(|r| r["path"] == "/servers")
        .map(|r| r["body"]["Name"].as_str().unwrap())
        .collect();
    assert!(!servers.is_empty());
    for name in servers {
        assert!(!name.starts_with(':') && !name.starts_with(' '), "{name}");
    }
    for kind in [ExportKind::SendgridRequests, ExportKind::MailgunRequests] {
        let text = export(&plan, kind);
        assert!(!text.contains("for , in order"), "{kind:?}");
    }
}
