//! listmonk: one SMTP server per lane in the `smtp` list of listmonk's
//! settings, ready for `PUT /api/settings`.
//!
//! Every lane is listed, since listmonk sends through whichever lane a
//! campaign's messenger (`email-<name>`) names. Fields the plan does not
//! set keep listmonk's defaults. The password is a placeholder; listmonk
//! assigns the `uuid` itself when it is empty.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{placeholder, Inputs};
use crate::domain::normalize_domain;
use crate::plan::model::{Lane, Plan, Security};
use crate::platform::names::{lane_headers, lane_name, NameKind};

/// The settings JSON: `{"smtp": [...]}` with a server per lane in lane
/// order.
pub fn settings(inputs: &Inputs) -> String {
    let plan = inputs.plan;
    let smtp: Vec<Server> = plan.lanes.iter().map(|lane| server(plan, lane)).collect();
    let mut text = serde_json::to_string_pretty(&Settings { smtp }).unwrap_or_default();
    text.push('\n');
    text
}

#[derive(Serialize)]
struct Settings {
    smtp: Vec<Server>,
}

/// One entry of `settings.smtp`, its fields in listmonk's order.
#[derive(Serialize)]
struct Server {
    name: String,
    uuid: String,
    enabled: bool,
    host: String,
    hello_hostname: String,
    port: u16,
    auth_protocol: &'static str,
    username: String,
    password: String,
    email_headers: Vec<BTreeMap<&'static str, String>>,
    max_conns: u32,
    max_msg_retries: u32,
    msg_retry_delay: &'static str,
    idle_timeout: &'static str,
    wait_timeout: &'static str,
    tls_type: &'static str,
    tls_skip_verify: bool,
    from_addresses: Vec<String>,
}

/// listmonk's default port (schema.sql), for a lane without one.
const DEFAULT_PORT: u16 = 25;

fn server(plan: &Plan, lane: &Lane) -> Server {
    let host = lane.smtp.host.trim();
    let username = lane.smtp.username.trim();
    Server {
        name: lane_name(plan, lane, NameKind::ListmonkServer),
        uuid: String::new(),
        enabled: true,
        host: or_placeholder(host, &format!("SMTP host for {}", lane.name)),
        hello_hostname: String::new(),
        port: if lane.smtp.port == 0 {
            DEFAULT_PORT
        } else {
            lane.smtp.port
        },
        // The ESPs' SMTP services take AUTH LOGIN; listmonk's default,
        // CRAM-MD5, is one most of them refuse.
        auth_protocol: "login",
        username: or_placeholder(username, &format!("SMTP username for {}", lane.name)),
        password: placeholder(&format!("SMTP password for {}", lane.name)),
        email_headers: lane_headers(plan, lane)
            .into_iter()
            .map(|header| BTreeMap::from([(header.name, header.value)]))
            .collect(),
        max_conns: 10,
        max_msg_retries: 2,
        msg_retry_delay: "10ms",
        idle_timeout: "15s",
        wait_timeout: "5s",
        tls_type: match lane.smtp.security {
            Security::Starttls => "STARTTLS",
            Security::ImplicitTls => "TLS",
        },
        tls_skip_verify: false,
        from_addresses: normalize_domain(&lane.sending_domain).into_iter().collect(),
    }
}

fn or_placeholder(value: &str, what: &str) -> String {
    if value.is_empty() {
        placeholder(what)
    } else {
        value.to_string()
    }
}
