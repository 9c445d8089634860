//! Postmark: a server per lane, the lane's message stream in it and a
//! webhook on that stream, as API requests in order.
//!
//! A server per lane keeps each lane's tokens, bounces and webhooks apart.
//! A stream is `Broadcasts` when the lane sends bulk mail (a promotional
//! lane, or promotions, newsletters or broadcasts routed to it), since
//! Postmark sends broadcasts from other IPs than transactional mail and
//! allows only transactional mail on transactional streams; otherwise it
//! is `Transactional`. Every new server already has the transactional
//! stream `outbound`, so a lane whose stream is `outbound` renames it
//! instead of creating it.
//!
//! Tokens never appear: the account token and each server's token are
//! placeholders, the server's coming from the response to its step.

use serde_json::{json, Value};

use super::{lanes_on, placeholder, Inputs, Requests};
use crate::dns::plan::{lane_domains, POSTMARK_SELECTOR};
use crate::domain::is_within;
use crate::plan::model::{Lane, Plan, Platform, Provider, Purpose, TriggerKind};
use crate::plan::routing::Routing;
use crate::platform::names::{lane_headers_on, lane_name, NameKind};
use crate::platform::status::Vendor;

/// The requests as JSON: what they are for, notes, the requests in order
/// and the header each lane's messages carry.
pub fn requests(inputs: &Inputs) -> String {
    let (lanes, comparison) = lanes_on(inputs.plan, Vendor::Postmark);
    let mut file = Requests::new("Postmark", comparison);
    for lane in lanes {
        lane_steps(&mut file, inputs, lane);
    }
    file.to_json(about(inputs.plan))
}

/// Postmark's default transactional stream, which every server has.
const DEFAULT_STREAM: &str = "outbound";

/// The header a request is sent with: an account or a server token.
type Token = (&'static str, String);

/// Adds a request sent with `token` and returns its step number.
fn send(
    file: &mut Requests,
    method: &'static str,
    path: &str,
    token: Token,
    body: Value,
    why: String,
) -> u32 {
    let request = file.push(method, path, body, why);
    request.headers.insert(token.0, token.1);
    request.step
}

fn about(plan: &Plan) -> String {
    format!(
        "Postmark API requests for {}, in order. Send each to https://api.postmarkapp.com with the \
         headers shown, \"Accept: application/json\" and a JSON body. Values in <angle brackets> \
         come from Postmark: the account token from its dashboard, a server token from the \
         response to the step that created the server.",
        plan.title()
    )
}

/// The server, the stream and its webhook for one lane.
fn lane_steps(file: &mut Requests, inputs: &Inputs, lane: &Lane) {
    let stream = lane_name(inputs.plan, lane, NameKind::PostmarkStream);
    file.check_name(&stream, NameKind::PostmarkStream, "message stream");
    let broadcasts = is_broadcast_lane(lane, inputs.plan, inputs.routing);
    let server = server_step(file, inputs.plan, lane);
    domain_step(file, lane);
    let token = (
        "X-Postmark-Server-Token",
        placeholder(&format!("server token returned by step {server}")),
    );
    if stream == DEFAULT_STREAM {
        rename_default_stream(file, lane, token.clone(), broadcasts);
    } else {
        create_stream(file, inputs.plan, lane, &stream, token.clone(), broadcasts);
    }
    webhook_step(file, inputs.plan, lane, &stream, token);
    for header in lane_headers_on(inputs.plan, lane, Provider::Postmark) {
        file.tag(lane, header);
    }
}

/// Whether the lane sends bulk mail: a promotional lane, or one that
/// journeys of promotional intent or broadcast triggers are routed to.
fn is_broadcast_lane(lane: &Lane, plan: &Plan, routing: &Routing) -> bool {
    if lane.purpose == Purpose::Promotional {
        return true;
    }
    plan.journeys.iter().any(|journey| {
        let routed_here = routing
            .route_of(&journey.id)
            .and_then(|route| route.lane_id.as_deref())
            == Some(lane.id.as_str());
        let bulk = journey.intent.is_broadcast()
            || matches!(
                journey.trigger.kind(),
                TriggerKind::Scheduled | TriggerKind::ApiBroadcast
            );
        routed_here && bulk
    })
}

fn server_step(file: &mut Requests, plan: &Plan, lane: &Lane) -> u32 {
    let token = ("X-Postmark-Account-Token", placeholder("account API token"));
    let body = json!({
        "Name": match plan.title().trim() {
            "" => lane.name.clone(),
            brand => format!("{brand}: {}", lane.name),
        },
        "DeliveryType": "Live",
        "SmtpApiActivated": true,
    });
    let why = format!(
        "A server for {}, so its tokens, bounces and webhooks stay apart from the other lanes'.",
        lane.name
    );
    send(file, "POST", "/servers", token, body, why)
}

/// The lane's sender domain, which Postmark signs for and, with a
/// Return-Path under it, takes bounces at. Lanes that share it keep the
/// Return-Path of the first.
fn domain_step(file: &mut Requests, lane: &Lane) {
    let Some(d) = lane_domains(lane) else {
        return;
    };
    // A domain is the account's: added once, whichever lanes send from it.
    let added =
        (file.requests.iter()).any(|r| r.path == "/domains" && r.body["Name"] == *d.dkim_domain);
    if added {
        return;
    }
    let token = ("X-Postmark-Account-Token", placeholder("account API token"));
    let mut body = json!({ "Name": d.dkim_domain });
    let mut why = format!(
        "The sender domain {} of {}, which Postmark signs with DKIM",
        d.dkim_domain, lane.name
    );
    if d.bounce_domain != d.dkim_domain && is_within(&d.bounce_domain, &d.dkim_domain) {
        body["ReturnPathDomain"] = json!(d.bounce_domain);
        why.push_str(&format!(
            ", with the Return-Path {} (its CNAME to pm.mtasv.net aligns SPF)",
            d.bounce_domain
        ));
    }
    why.push_str(match d.dkim_selector == POSTMARK_SELECTOR {
        true => ". The response names the DKIM record to publish (DKIMPendingHost, DKIMPendingTextValue): enter the selector before ._domainkey as the lane's DKIM selector, so the plan's records name it.",
        false => ". The response names the DKIM record to publish (DKIMPendingHost, DKIMPendingTextValue); if its selector is not the lane's, enter the new one on the lane.",
    });
    send(file, "POST", "/domains", token, body, why);
}

fn create_stream(
    file: &mut Requests,
    plan: &Plan,
    lane: &Lane,
    stream: &str,
    token: Token,
    broadcasts: bool,
) {
    let (kind, unsubscribe) = if broadcasts {
        ("Broadcasts", broadcast_unsubscribe(plan))
    } else {
        ("Transactional", "None")
    };
    let body = json!({
        "ID": stream,
        "Name": lane.name,
        "MessageStreamType": kind,
        "Description": description(lane),
        "SubscriptionManagementConfiguration": { "UnsubscribeHandlingType": unsubscribe },
    });
    let why = format!(
        "The {kind} stream of {}: messages name it in X-PM-Message-Stream and webhooks report it as MessageStream.",
        lane.name
    );
    send(file, "POST", "/message-streams", token, body, why);
}

/// Who handles unsubscribes on a broadcast stream: the sending platform
/// when it manages subscriptions itself, Postmark otherwise.
fn broadcast_unsubscribe(plan: &Plan) -> &'static str {
    match plan.platform.kind {
        Platform::CustomerIo => "Custom",
        Platform::OwnCode => "Postmark",
    }
}

fn rename_default_stream(file: &mut Requests, lane: &Lane, token: Token, broadcasts: bool) {
    if broadcasts {
        file.notes.push(format!(
            "{} sends broadcasts but its stream is “{DEFAULT_STREAM}”, Postmark's default transactional stream: record a stream name of its own for the lane.",
            lane.name
        ));
    }
    let body = json!({ "Name": lane.name, "Description": description(lane) });
    let why = format!(
        "Every server starts with the transactional stream “{DEFAULT_STREAM}”; this names it after {}.",
        lane.name
    );
    let path = format!("/message-streams/{DEFAULT_STREAM}");
    send(file, "PATCH", &path, token, body, why);
}

fn description(lane: &Lane) -> String {
    format!("Switchyard lane {} ({})", lane.name, lane.id)
}

/// The stream's webhook. On Customer.io it is Customer.io's feedback
/// webhook, which takes deliveries, bounces, complaints and subscription
/// changes but not opens or clicks: Customer.io tracks those itself and
/// would count each twice. Otherwise it feeds monitoring, engagement too.
fn webhook_step(file: &mut Requests, plan: &Plan, lane: &Lane, stream: &str, token: Token) {
    let customer_io = plan.platform.kind == Platform::CustomerIo;
    let mut triggers = json!({
        "Delivery": { "Enabled": true },
        "Bounce": { "Enabled": true, "IncludeContent": false },
        "SpamComplaint": { "Enabled": true, "IncludeContent": false },
        "SubscriptionChange": { "Enabled": true },
    });
    if !customer_io {
        triggers["Open"] = json!({ "Enabled": true, "PostFirstOpenOnly": false });
        triggers["Click"] = json!({ "Enabled": true });
    }
    let (url, why) = if customer_io {
        (
            "https://track.customer.io/postmark/events".to_string(),
            format!(
                "Customer.io's feedback webhook for {}: deliveries, bounces, complaints and unsubscribes reach its reports. Opens and clicks are left out, as Customer.io tracks them itself and would count each twice; an EU account uses track-eu.customer.io.",
                lane.name
            ),
        )
    } else {
        (
            placeholder("HTTPS address that receives Postmark events"),
            format!(
                "Sends the delivery, bounce, complaint and engagement events of {} to monitoring.",
                lane.name
            ),
        )
    };
    let body = json!({ "Url": url, "MessageStream": stream, "Triggers": triggers });
    send(file, "POST", "/webhooks", token, body, why);
}
