//! The names a lane goes by at each vendor: IP pools, configuration sets,
//! message streams, KumoMTA tenants and Terraform resources.
//!
//! A name the monitoring mapping already records for the lane wins, so that
//! the events a vendor sends back name the lane the way the plan expects;
//! otherwise the name is derived from the lane id. Names are never cut to
//! fit: one that breaks a vendor's rules is reported instead.
//!
//! The header that names a lane's pool, configuration set or stream on
//! each message is here too, so every file that sets up sending writes
//! the one the ESP reads.

use serde::Serialize;

use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::{IpStrategy, KeyKind, Lane, Plan, Provider};

/// A kind of name a vendor gives a lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameKind {
    SendgridPool,
    SendgridSubuser,
    SesConfigurationSet,
    SesPool,
    PostmarkStream,
    MailgunPool,
    KumoPool,
    KumoTenant,
    ListmonkServer,
    /// A Terraform or CloudFormation resource label.
    Resource,
}

/// What a vendor accepts for one kind of name.
struct Rule {
    min: u32,
    max: u32,
    allowed: fn(char) -> bool,
    /// The rule in words, for findings.
    says: &'static str,
    source: &'static str,
}

fn slug_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
}

/// What listmonk keeps of an SMTP server's name; it rewrites every other
/// character to `-` (`reAlphaNum` in cmd/settings.go).
fn listmonk_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
}

fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

fn rule(kind: NameKind) -> Rule {
    let sendgrid = "https://www.twilio.com/docs/sendgrid/api-reference/ip-pools";
    let ses =
        "https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_CreateConfigurationSet.html";
    match kind {
        NameKind::SendgridPool => Rule {
            min: 2,
            max: 64,
            allowed: word_char,
            says: "2 to 64 letters, digits, hyphens or underscores",
            source: sendgrid,
        },
        NameKind::SendgridSubuser => Rule {
            min: 1,
            max: 64,
            allowed: word_char,
            says: "up to 64 letters, digits, hyphens or underscores",
            source: "https://www.twilio.com/docs/sendgrid/api-reference/subusers-api",
        },
        NameKind::SesConfigurationSet => Rule {
            min: 1,
            max: 64,
            allowed: word_char,
            says: "up to 64 letters, digits, hyphens or underscores",
            source: ses,
        },
        NameKind::SesPool => Rule {
            min: 1,
            max: 64,
            allowed: slug_char,
            says: "up to 64 lower-case letters, digits, hyphens or underscores",
            source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ses-dedicatedippool.html",
        },
        NameKind::PostmarkStream => Rule {
            min: 1,
            max: 30,
            allowed: slug_char,
            says: "up to 30 lower-case letters, digits, hyphens or underscores",
            source: "https://postmarkapp.com/developer/api/message-streams-api",
        },
        NameKind::MailgunPool | NameKind::KumoPool | NameKind::KumoTenant => Rule {
            min: 1,
            max: 64,
            allowed: word_char,
            says: "up to 64 letters, digits, hyphens or underscores",
            source: "https://documentation.mailgun.com/docs/mailgun/api-reference/",
        },
        NameKind::ListmonkServer => Rule {
            min: 1,
            max: 64,
            allowed: listmonk_char,
            says: "lower-case letters, digits and hyphens (listmonk rewrites the rest)",
            source: "https://github.com/knadh/listmonk/blob/master/cmd/settings.go",
        },
        NameKind::Resource => Rule {
            min: 1,
            max: 64,
            allowed: word_char,
            says: "letters, digits, hyphens or underscores, starting with a letter",
            source: "https://developer.hashicorp.com/terraform/language/syntax/configuration",
        },
    }
}

/// The monitoring mapping kind that records this name, where there is one.
fn mapped_kind(kind: NameKind) -> Option<KeyKind> {
    match kind {
        NameKind::SendgridPool => Some(KeyKind::SendgridPool),
        NameKind::SesConfigurationSet => Some(KeyKind::SesConfigurationSet),
        NameKind::PostmarkStream => Some(KeyKind::PostmarkStream),
        NameKind::KumoPool => Some(KeyKind::KumoPool),
        _ => None,
    }
}

/// The name `kind` gives `lane` at its vendor.
pub fn lane_name(plan: &Plan, lane: &Lane, kind: NameKind) -> String {
    let mapped = mapped_kind(kind).and_then(|k| {
        plan.monitoring
            .mapping
            .iter()
            .find(|m| m.kind == k && m.lane == lane.id && !m.key.is_empty())
    });
    match mapped {
        Some(m) => m.key.clone(),
        None => derive(&lane.id, kind),
    }
}

/// The lane id rewritten into the characters `kind` allows.
fn derive(id: &str, kind: NameKind) -> String {
    let allowed = rule(kind).allowed;
    let lowered = id.to_ascii_lowercase();
    let mut name: String = lowered
        .chars()
        .map(|c| if allowed(c) { c } else { '-' })
        .collect();
    match kind {
        NameKind::ListmonkServer => name.insert_str(0, "email-"),
        NameKind::Resource => name = name.replace('-', "_"),
        _ => {}
    }
    if kind == NameKind::Resource && !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "lane_");
    }
    name
}

/// Why `name` is not valid for `kind`, if it is not.
pub fn problem(name: &str, kind: NameKind) -> Option<String> {
    let rule = rule(kind);
    let length = name.chars().count() as u32;
    let fits = (rule.min..=rule.max).contains(&length);
    if fits && name.chars().all(rule.allowed) {
        return None;
    }
    Some(format!(
        "“{name}” is not a valid name here: use {}.",
        rule.says
    ))
}

/// The source that states the rule for `kind`.
pub fn source(kind: NameKind) -> &'static str {
    rule(kind).source
}

/// A finding for `lane` when its name for `kind` breaks the vendor's rules.
pub fn name_finding(plan: &Plan, index: u32, kind: NameKind, what: &str) -> Option<Diagnostic> {
    let lane = plan.lanes.get(index as usize)?;
    let name = lane_name(plan, lane, kind);
    let problem = problem(&name, kind)?;
    Some(
        Diagnostic::warning(
            "platform.invalid_name",
            format!("$.lanes[{index}].id"),
            format!("The {what} for {} cannot be created. {problem}", lane.name),
        )
        .hint(format!(
            "Give the lane a shorter id, or record the name the vendor uses in the monitoring mapping. Source: {}",
            rule(kind).source
        )),
    )
}

/// A header a lane's messages carry so its ESP sends them the lane's way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Header {
    pub name: &'static str,
    pub value: String,
}

/// The headers a lane's messages need so that its ESP sends them through
/// the lane's pool, configuration set or stream.
pub fn lane_headers(plan: &Plan, lane: &Lane) -> Vec<Header> {
    lane_headers_on(plan, lane, lane.smtp.provider)
}

/// The same headers were the lane on `provider`. A lane on shared IPs has
/// no pool to pick at SendGrid or Mailgun, and the other providers take
/// no such header.
pub fn lane_headers_on(plan: &Plan, lane: &Lane, provider: Provider) -> Vec<Header> {
    let dedicated = matches!(lane.ip_strategy, IpStrategy::Dedicated { .. });
    let header = |name: &'static str, value: String| vec![Header { name, value }];
    match provider {
        Provider::AmazonSes => header(
            "X-SES-CONFIGURATION-SET",
            lane_name(plan, lane, NameKind::SesConfigurationSet),
        ),
        Provider::Postmark => header(
            "X-PM-Message-Stream",
            lane_name(plan, lane, NameKind::PostmarkStream),
        ),
        Provider::SendGrid if dedicated => header(
            "X-SMTPAPI",
            serde_json::json!({ "ip_pool": lane_name(plan, lane, NameKind::SendgridPool) })
                .to_string(),
        ),
        // Mailgun picks a pool by the id it gives the pool on creation.
        Provider::Mailgun if dedicated => header(
            "X-Mailgun-Sending-Ip-Pool",
            format!(
                "<pool_id Mailgun returns for the pool {}>",
                lane_name(plan, lane, NameKind::MailgunPool)
            ),
        ),
        _ => Vec::new(),
    }
}
