//! Mailgun: per lane an IP pool for its dedicated IPs and its sending
//! domain linked to that pool, as API requests in order.
//!
//! Mailgun's API takes form fields, not JSON: each body here is a JSON
//! object whose members are the form fields, every value a string as it
//! goes on the wire. A pool's id exists only once Mailgun answers the step
//! that creates it, so later steps name that step in a placeholder.

use serde_json::json;

use super::{dedicated_ips, lanes_on, path_segment, placeholder, Inputs, Requests};
use crate::domain::normalize_domain;
use crate::plan::model::{IpStrategy, Lane, LaneStatus, Plan};
use crate::platform::names::{lane_name, Header, NameKind};
use crate::platform::status::Vendor;

/// The requests as JSON: what they are for, notes, the requests in order
/// and the header each lane's messages may carry.
pub fn requests(inputs: &Inputs) -> String {
    let (lanes, comparison) = lanes_on(inputs.plan, Vendor::Mailgun);
    let mut file = Requests::new("Mailgun", comparison);
    for lane in lanes {
        let pool_step = pool_step(&mut file, inputs.plan, lane);
        domain_steps(&mut file, lane, pool_step);
    }
    file.to_json(about(inputs.plan))
}

fn about(plan: &Plan) -> String {
    format!(
        "Mailgun API requests for {}, in order. Send each to https://api.mailgun.net (or \
         https://api.eu.mailgun.net for an EU account) with HTTP basic authentication, user \
         \"api\" and your API key as the password. Mailgun takes form fields, not JSON: each \
         body lists the form fields to send. Values in <angle brackets> come from Mailgun's \
         answer to an earlier step.",
        plan.title()
    )
}

/// The lane's IP pool, for a lane with dedicated IPs, and the header that
/// picks it per message; returns the pool's step.
fn pool_step(file: &mut Requests, plan: &Plan, lane: &Lane) -> Option<u32> {
    let IpStrategy::Dedicated { count } = lane.ip_strategy else {
        return None;
    };
    let name = lane_name(plan, lane, NameKind::MailgunPool);
    file.check_name(&name, NameKind::MailgunPool, "IP pool");
    if lane.warmup.is_some() || lane.status == LaneStatus::Warming {
        file.notes.push(format!(
            "Mailgun adds to a pool only IPs outside its automatic warm-up: if Mailgun warms the IPs of {}, add them once that warm-up ends.",
            lane.name
        ));
    }
    let body = json!({
        "name": name,
        "description": format!("Switchyard lane {} ({})", lane.name, lane.id),
        "ips": dedicated_ips(lane, count, file.comparison).join(","),
    });
    let why = format!(
        "The IP pool of {}, so its mail leaves from its own dedicated IPs.",
        lane.name
    );
    let step = file.push("POST", "/v1/ip_pools", body, why).step;
    // The header names the pool by the id this step returns.
    let header = Header {
        name: "X-Mailgun-Sending-Ip-Pool",
        value: pool_id(step),
    };
    file.tag(lane, header);
    Some(step)
}

/// The id Mailgun gives the pool, which only its answer to `step` holds.
fn pool_id(step: u32) -> String {
    placeholder(&format!("pool_id returned by step {step}"))
}

/// The lane's sending domain and, when the lane has a pool, the link
/// that sends the domain's mail through it.
fn domain_steps(file: &mut Requests, lane: &Lane, pool_step: Option<u32>) {
    let Ok(domain) = normalize_domain(&lane.sending_domain) else {
        file.notes.push(format!(
            "{} has no valid sending domain yet, so it has no Mailgun domain here.",
            lane.name
        ));
        return;
    };
    let body = json!({ "name": domain, "dkim_key_size": "2048", "web_scheme": "https" });
    let why = format!(
        "The sending domain of {}, with a 2048-bit DKIM key and HTTPS tracking links; Mailgun answers with the DNS records to publish. Mailgun picks the DKIM selector: enter the one in its answer as the lane's DKIM selector, so the plan's records name it.",
        lane.name
    );
    file.push("POST", "/v3/domains", body, why);
    let Some(pool_step) = pool_step else {
        return;
    };
    let why = format!(
        "Sends all mail from {domain} through the pool of {}.",
        lane.name
    );
    let path = format!("/v3/domains/{}/ips", path_segment(&domain));
    let body = json!({ "pool_id": pool_id(pool_step) });
    file.push("POST", &path, body, why);
}
