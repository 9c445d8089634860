//! The files that set a plan up at each vendor, as downloads.
//!
//! Every file follows the same rules: no credential ever appears (secrets
//! are environment variables or named placeholders), a value only a vendor
//! dashboard can give is a marked placeholder, names come from
//! `platform::names`, and the text is a function of the plan alone, so
//! that two exports of one plan diff cleanly.
//!
//! Below the registry are the pieces several vendor files share: the
//! request file of the API vendors (SendGrid, Postmark, Mailgun) and the
//! quoting and comments of the text formats.

mod customer_io;
mod dns_code;
mod kumomta;
mod listmonk;
mod mailgun;
mod postmark;
mod sendgrid;
mod ses;

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::plan::model::{DmarcPolicy, Lane, Plan};
use crate::plan::routing::Routing;
use crate::platform::names::{problem, Header, NameKind};
use crate::platform::status::{lane_vendor, Vendor};

/// What every export reads.
pub struct Inputs<'a> {
    pub plan: &'a Plan,
    pub routing: &'a Routing,
    /// The routing as the lanes carry the mail on the day
    /// (`warmup::migration::carried_on`), which Customer.io's sheet sets
    /// up, as the Platform tab's steps do.
    pub carried: &'a Routing,
    /// The DMARC policy the rollout is at, so DNS files never jump to the goal.
    pub dmarc_stage: DmarcPolicy,
}

/// One file a user can download.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportKind {
    CustomerIoServers,
    SendgridRequests,
    SendgridScript,
    SesCloudFormation,
    SesTerraform,
    PostmarkRequests,
    MailgunRequests,
    KumoSources,
    KumoQueues,
    KumoWarmup,
    ListmonkSettings,
    DnsCloudflare,
    DnsRoute53,
}

/// A written export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Download {
    pub kind: ExportKind,
    pub file_name: &'static str,
    pub mime: &'static str,
    pub text: String,
}

impl ExportKind {
    pub const ALL: [ExportKind; 13] = [
        ExportKind::CustomerIoServers,
        ExportKind::SendgridRequests,
        ExportKind::SendgridScript,
        ExportKind::SesCloudFormation,
        ExportKind::SesTerraform,
        ExportKind::PostmarkRequests,
        ExportKind::MailgunRequests,
        ExportKind::KumoSources,
        ExportKind::KumoQueues,
        ExportKind::KumoWarmup,
        ExportKind::ListmonkSettings,
        ExportKind::DnsCloudflare,
        ExportKind::DnsRoute53,
    ];

    /// The vendor or tool the file is for.
    pub fn vendor(self) -> &'static str {
        match self {
            ExportKind::CustomerIoServers => "Customer.io",
            ExportKind::SendgridRequests | ExportKind::SendgridScript => "SendGrid",
            ExportKind::SesCloudFormation | ExportKind::SesTerraform => "Amazon SES v2",
            ExportKind::PostmarkRequests => "Postmark",
            ExportKind::MailgunRequests => "Mailgun",
            ExportKind::KumoSources | ExportKind::KumoQueues | ExportKind::KumoWarmup => "KumoMTA",
            ExportKind::ListmonkSettings => "listmonk",
            ExportKind::DnsCloudflare | ExportKind::DnsRoute53 => "DNS as code",
        }
    }

    /// What the file holds, in a few words.
    pub fn label(self) -> &'static str {
        match self {
            ExportKind::CustomerIoServers => "SMTP servers, their order and per-lane headers",
            ExportKind::SendgridRequests => "API requests in order (JSON)",
            ExportKind::SendgridScript => "The same requests as a shell script",
            ExportKind::SesCloudFormation => "CloudFormation template",
            ExportKind::SesTerraform => "Terraform",
            ExportKind::PostmarkRequests => "Servers and message streams (API bodies)",
            ExportKind::MailgunRequests => "Domains and IP pools (API bodies)",
            ExportKind::KumoSources => "sources.toml: egress sources and pools",
            ExportKind::KumoQueues => "queues.toml: tenants to pools",
            ExportKind::KumoWarmup => "shaping.toml: each source's warm-up",
            ExportKind::ListmonkSettings => "SMTP messengers (settings JSON)",
            ExportKind::DnsCloudflare => "Terraform for Cloudflare",
            ExportKind::DnsRoute53 => "Terraform for Route 53",
        }
    }

    pub fn file_name(self) -> &'static str {
        match self {
            ExportKind::CustomerIoServers => "customer-io-smtp-servers.yaml",
            ExportKind::SendgridRequests => "sendgrid-requests.json",
            ExportKind::SendgridScript => "sendgrid-setup.sh",
            ExportKind::SesCloudFormation => "ses-cloudformation.yaml",
            ExportKind::SesTerraform => "ses.tf",
            ExportKind::PostmarkRequests => "postmark-requests.json",
            ExportKind::MailgunRequests => "mailgun-requests.json",
            ExportKind::KumoSources => "kumomta-sources.toml",
            ExportKind::KumoQueues => "kumomta-queues.toml",
            ExportKind::KumoWarmup => "kumomta-shaping.toml",
            ExportKind::ListmonkSettings => "listmonk-smtp.json",
            ExportKind::DnsCloudflare => "dns-cloudflare.tf",
            ExportKind::DnsRoute53 => "dns-route53.tf",
        }
    }

    pub fn mime(self) -> &'static str {
        match self.file_name().rsplit('.').next() {
            Some("json") => "application/json",
            Some("yaml") => "application/yaml",
            Some("toml") => "application/toml",
            Some("sh") => "text/x-shellscript",
            _ => "text/plain",
        }
    }
}

/// Writes one export.
pub fn download(inputs: &Inputs, kind: ExportKind) -> Download {
    let text = match kind {
        ExportKind::CustomerIoServers => customer_io::servers(inputs),
        ExportKind::SendgridRequests => sendgrid::requests(inputs),
        ExportKind::SendgridScript => sendgrid::script(inputs),
        ExportKind::SesCloudFormation => ses::cloudformation(inputs),
        ExportKind::SesTerraform => ses::terraform(inputs),
        ExportKind::PostmarkRequests => postmark::requests(inputs),
        ExportKind::MailgunRequests => mailgun::requests(inputs),
        ExportKind::KumoSources => kumomta::sources(inputs),
        ExportKind::KumoQueues => kumomta::queues(inputs),
        ExportKind::KumoWarmup => kumomta::shaping(inputs),
        ExportKind::ListmonkSettings => listmonk::settings(inputs),
        ExportKind::DnsCloudflare => dns_code::cloudflare(inputs),
        ExportKind::DnsRoute53 => dns_code::route53(inputs),
    };
    Download {
        kind,
        file_name: kind.file_name(),
        mime: kind.mime(),
        text,
    }
}

/// The lanes a vendor's file sets up: those planned on `vendor`, by the
/// rule the platform page's table and steps use (`status::lane_vendor`),
/// or, when no lane is, every lane, so the file shows the whole plan built
/// there for comparison. The flag says which.
pub fn lanes_on(plan: &Plan, vendor: Vendor) -> (Vec<&Lane>, bool) {
    let planned: Vec<&Lane> = plan
        .lanes
        .iter()
        .filter(|l| lane_vendor(l) == Some(vendor))
        .collect();
    if planned.is_empty() {
        (plan.lanes.iter().collect(), true)
    } else {
        (planned, false)
    }
}

/// A value only the vendor's dashboard can give, marked so nobody mistakes
/// it for a real one.
pub fn placeholder(what: &str) -> String {
    format!("<{what}>")
}

/// The note a file carries when it sets up every lane for comparison.
fn comparison_note(vendor: &str) -> String {
    format!("No lane is planned on {vendor}; this sets up every lane there for comparison.")
}

/// The addresses a lane lists, when the file's vendor owns them. In a file
/// that sets lanes up for comparison they belong to each lane's own vendor,
/// so none is taken.
fn own_ips(lane: &Lane, comparison: bool) -> &[String] {
    if comparison {
        &[]
    } else {
        &lane.ip_addresses
    }
}

/// A lane's dedicated addresses as the plan lists them, or placeholders
/// for the `count` it plans when it lists none the vendor owns. A count
/// past the most a plan may hold, from an imported file, is a finding of
/// validation's; the files hold at most that many.
fn dedicated_ips(lane: &Lane, count: u32, comparison: bool) -> Vec<String> {
    let listed = own_ips(lane, comparison);
    if listed.is_empty() {
        return (1..=count.clamp(1, crate::plan::ranges::MAX_DEDICATED_IPS))
            .map(|n| placeholder(&format!("dedicated IP {n} of {}", lane.name)))
            .collect();
    }
    listed.iter().map(|ip| ip.trim().to_string()).collect()
}

// The request files of the API vendors (SendGrid, Postmark, Mailgun):
// what they are for, notes, the requests in order and the header each
// lane's messages carry.

/// One API request.
#[derive(Serialize)]
struct Request {
    step: u32,
    method: &'static str,
    path: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    headers: BTreeMap<&'static str, String>,
    body: Value,
    why: String,
}

/// A header each message of a lane carries to pick its pool or stream.
#[derive(Serialize)]
struct MessageHeader {
    lane: String,
    name: &'static str,
    value: String,
}

/// A request file as it is built.
#[derive(Default)]
struct Requests {
    /// Whether the lanes are set up for comparison (`lanes_on`).
    comparison: bool,
    notes: Vec<String>,
    requests: Vec<Request>,
    headers: Vec<MessageHeader>,
}

/// A request file as it is written.
#[derive(Serialize)]
struct RequestFile<'a> {
    about: String,
    notes: &'a [String],
    requests: &'a [Request],
    message_headers: &'a [MessageHeader],
}

impl Requests {
    /// An empty file, noting when its lanes are set up for comparison.
    fn new(vendor: &str, for_comparison: bool) -> Self {
        let mut file = Requests {
            comparison: for_comparison,
            ..Requests::default()
        };
        if for_comparison {
            file.notes.push(comparison_note(vendor));
        }
        file
    }

    /// Adds the next request and returns it, numbered.
    fn push(&mut self, method: &'static str, path: &str, body: Value, why: String) -> &mut Request {
        let step = self.requests.len() as u32 + 1;
        self.requests.push(Request {
            step,
            method,
            path: path.to_string(),
            headers: BTreeMap::new(),
            body,
            why,
        });
        let last = self.requests.len() - 1;
        &mut self.requests[last]
    }

    /// Notes that `name` breaks the vendor's rules for `kind`.
    fn check_name(&mut self, name: &str, kind: NameKind, what: &str) {
        if let Some(problem) = problem(name, kind) {
            self.notes
                .push(format!("The {what} cannot be created: {problem}"));
        }
    }

    /// Records the header `lane`'s messages carry.
    fn tag(&mut self, lane: &Lane, header: Header) {
        self.headers.push(MessageHeader {
            lane: lane.id.clone(),
            name: header.name,
            value: header.value,
        });
    }

    /// The file as pretty JSON, `about` first.
    fn to_json(&self, about: String) -> String {
        let file = RequestFile {
            about,
            notes: &self.notes,
            requests: &self.requests,
            message_headers: &self.headers,
        };
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// A URL path segment with every byte outside the unreserved set escaped.
fn path_segment(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

// Text for the configuration files (YAML, TOML, HCL, shell).

/// A `#` comment line of plan text.
fn comment(text: &str) -> String {
    format!("# {}\n", comment_text(text))
}

/// Text safe inside a `#` comment of any of the formats: one line and
/// printable, so nothing in plan text ends the comment early.
fn comment_text(text: &str) -> String {
    text.chars()
        .map(|c| if unprintable(c) { ' ' } else { c })
        .collect()
}

/// The characters YAML does not print: the control characters and a few
/// more, which the other formats take as they are.
fn unprintable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// A double-quoted TOML or YAML string: quotes and backslashes escaped,
/// and every character `hex` picks written as `\uXXXX`.
fn double_quoted(text: &str, hex: fn(char) -> bool) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if hex(c) => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A YAML double-quoted scalar: quotes, backslashes and every character
/// YAML does not print are escaped.
fn yaml_string(text: &str) -> String {
    double_quoted(text, unprintable)
}

/// An HCL quoted string: quotes, backslashes and control characters are
/// escaped, and `${` and `%{` are doubled so they stay literal text.
fn hcl_string(text: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A Terraform resource block's opening words.
fn resource(kind: &str, label: &str) -> String {
    format!("resource \"{kind}\" \"{label}\"")
}

/// `name`, or with `separator` and the next free number when it is taken;
/// recorded as taken, so every lane keeps a distinct, stable label.
fn unique(name: String, taken: &mut Vec<String>, separator: &str) -> String {
    let mut candidate = name.clone();
    let mut number = 2;
    while taken.contains(&candidate) {
        candidate = format!("{name}{separator}{number}");
        number += 1;
    }
    taken.push(candidate.clone());
    candidate
}
