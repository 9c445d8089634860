//! Amazon SES v2 for the lanes planned there, as a CloudFormation template
//! and as the same setup in Terraform: per lane a configuration set (its
//! dedicated pool, suppression, reputation metrics and an event
//! destination), the dedicated IP pool, and the sending domain's email
//! identity with DKIM and a custom MAIL FROM domain.
//!
//! Nothing secret is written: a BYODKIM private key is a `NoEcho`
//! parameter or a sensitive variable, and the SNS topic that receives the
//! events is a parameter the user supplies.

use super::{
    comment, comparison_note, hcl_string, lanes_on, own_ips, resource, unique, yaml_string, Inputs,
};
use crate::dns::plan::{lane_domains, ses_region, LaneDomains};
use crate::domain::{is_within, normalize_domain};
use crate::plan::model::{IpStrategy, Lane, Plan, WarmupPreset};
use crate::platform::names::{lane_name, problem, NameKind};
use crate::platform::status::Vendor;
use crate::units::and_list;

/// Every pool is STANDARD. SES has two kinds: a standard pool holds IPs
/// the account leases, which SES's automatic warm-up (on by default) ramps
/// over a fixed 45 days; a managed pool gets its IPs from SES, which adds
/// and warms them per mailbox provider as volume grows. The plan's
/// `amazon_ses` preset is the standard pools' 45-day ramp and no preset
/// models the managed pools' adaptive one, so no lane calls for MANAGED.
const SCALING_MODE: &str = "STANDARD";

/// The events each lane's destination receives, as CloudFormation spells
/// them (the CDK's `EmailSendingEvent` values) and as the v2 API does.
const EVENTS_CLOUDFORMATION: [&str; 8] = [
    "send",
    "reject",
    "bounce",
    "complaint",
    "delivery",
    "deliveryDelay",
    "open",
    "click",
];
/// The same events as the v2 API and Terraform spell them.
const EVENTS_API: [&str; 8] = [
    "SEND",
    "REJECT",
    "BOUNCE",
    "COMPLAINT",
    "DELIVERY",
    "DELIVERY_DELAY",
    "OPEN",
    "CLICK",
];

/// The event destination's name; it only has to be unique within its set.
const DESTINATION: &str = "lane-events";

/// The CloudFormation parameter and Terraform variable for the SNS topic.
const TOPIC_PARAMETER: &str = "EventsTopicArn";
const TOPIC_VARIABLE: &str = "events_topic_arn";
const TOPIC_HELP: &str = "ARN of the SNS topic that receives the lanes' sending events.";
/// The pattern CloudFormation documents for an SNS destination's topic.
const TOPIC_PATTERN: &str = r"^arn:aws[a-z0-9-]*:sns:[a-z0-9-]+:\d{12}:[^:]+$";

/// What the files set up for one lane.
struct SesLane {
    /// Prefix of the lane's CloudFormation logical ids (alphanumeric).
    logical: String,
    /// The lane's Terraform resource label.
    label: String,
    set: String,
    /// The dedicated pool's name, for a lane with dedicated IPs.
    pool: Option<String>,
    identity: Option<Identity>,
    tracking: Option<String>,
    /// Sentences the files show above the lane's resources.
    notes: Vec<String>,
}

/// The sending domain's identity at SES.
struct Identity {
    domain: String,
    /// The custom MAIL FROM domain, when the bounce domain can be one.
    mail_from: Option<String>,
    /// The BYODKIM selector, when the lane names one; otherwise Easy DKIM.
    byodkim: Option<String>,
}

/// The CloudFormation template (YAML).
pub fn cloudformation(inputs: &Inputs) -> String {
    let deploy = format!("Deploy with the SNS topic's ARN as the {TOPIC_PARAMETER} parameter.");
    let (lanes, mut out, _) = opening(inputs.plan, &deploy);
    out.push_str("AWSTemplateFormatVersion: \"2010-09-09\"\n");
    out.push_str("Description: \"Amazon SES v2 configuration sets, dedicated IP pools and identities, one set per sending lane.\"\n");
    if !lanes.is_empty() {
        cfn_parameters(&lanes, &mut out);
    }
    out.push_str(if lanes.is_empty() {
        "Resources: {}\n"
    } else {
        "Resources:\n"
    });
    for lane in &lanes {
        out.push('\n');
        notes(&mut out, "  ", lane);
        cfn_pool(lane, &mut out);
        cfn_set(lane, &mut out);
        cfn_destination(lane, &mut out);
        cfn_identity(lane, &mut out);
    }
    out
}

/// The same setup as Terraform (hashicorp/aws, `aws_sesv2_*` resources).
pub fn terraform(inputs: &Inputs) -> String {
    let deploy = format!("Set var.{TOPIC_VARIABLE} to the SNS topic's ARN.");
    let (lanes, mut out, regions) = opening(inputs.plan, &deploy);
    out.push_str("terraform {\n  required_providers {\n    aws = {\n      source = \"hashicorp/aws\"\n    }\n  }\n}\n");
    if let [region] = regions.as_slice() {
        out.push_str(&format!(
            "\nprovider \"aws\" {{\n  region = \"{region}\"\n}}\n"
        ));
    }
    if !lanes.is_empty() {
        tf_variables(&lanes, &mut out);
    }
    let writers: [fn(&SesLane, &mut String); 5] =
        [tf_pool, tf_set, tf_destination, tf_identity, tf_mail_from];
    for lane in &lanes {
        out.push('\n');
        notes(&mut out, "", lane);
        let blocks: Vec<String> = writers
            .iter()
            .map(|write| {
                let mut block = String::new();
                write(lane, &mut block);
                block
            })
            .filter(|block| !block.is_empty())
            .collect();
        out.push_str(&blocks.join("\n"));
    }
    out
}

/// The lanes with their names, unique labels and notes.
fn ses_lanes(plan: &Plan, lanes: &[&Lane], comparison: bool) -> Vec<SesLane> {
    let mut labels = Vec::new();
    let mut logicals = Vec::new();
    for lane in lanes {
        let label = unique(lane_name(plan, lane, NameKind::Resource), &mut labels, "_");
        unique(logical_id(&label), &mut logicals, "");
    }
    lanes
        .iter()
        .zip(labels)
        .zip(logicals)
        .map(|((lane, label), logical)| describe(plan, lane, label, logical, comparison))
        .collect()
}

fn describe(plan: &Plan, lane: &Lane, label: String, logical: String, comparison: bool) -> SesLane {
    let set = lane_name(plan, lane, NameKind::SesConfigurationSet);
    let pool = matches!(lane.ip_strategy, IpStrategy::Dedicated { .. })
        .then(|| lane_name(plan, lane, NameKind::SesPool));
    let domains = lane_domains(lane);
    let identity = domains.as_ref().and_then(|d| identity(lane, d));
    let mut notes = vec![format!("Lane “{}” ({}).", lane.name, lane.id)];
    notes.extend(problem(&set, NameKind::SesConfigurationSet));
    if let Some(pool) = &pool {
        notes.extend(problem(pool, NameKind::SesPool));
        notes.push(pool_note(lane, pool, own_ips(lane, comparison)));
    }
    notes.extend(warmup_note(lane, pool.is_some()));
    notes.extend(identity_note(domains.as_ref(), identity.as_ref()));
    SesLane {
        logical,
        label,
        set,
        pool,
        identity,
        tracking: domains.and_then(|d| d.tracking_domain),
        notes,
    }
}

fn identity(lane: &Lane, domains: &LaneDomains) -> Option<Identity> {
    let domain = normalize_domain(&lane.sending_domain).ok()?;
    let bounce = &domains.bounce_domain;
    // SES takes a MAIL FROM domain only below the identity's domain.
    let mail_from = (bounce != &domain && is_within(bounce, &domain)).then(|| bounce.clone());
    let byodkim = (!lane.dkim_selector.trim().is_empty()).then(|| domains.dkim_selector.clone());
    Some(Identity {
        domain,
        mail_from,
        byodkim,
    })
}

/// Standard pools get their IPs outside the template, once leased; `ips`
/// are those the account already leases.
fn pool_note(lane: &Lane, pool: &str, ips: &[String]) -> String {
    if ips.is_empty() {
        let count = match lane.ip_strategy {
            IpStrategy::Dedicated { count } => count,
            IpStrategy::Shared => 0,
        };
        format!(
            "Lease {}, then move {} into the pool “{pool}” (PutDedicatedIpInPool).",
            crate::units::count(u64::from(count), "dedicated IP", "dedicated IPs"),
            if count == 1 { "it" } else { "them" }
        )
    } else {
        format!(
            "Move the lane's leased IPs into the pool “{pool}” (PutDedicatedIpInPool): {}.",
            ips.join(", ")
        )
    }
}

/// How SES's own warm-up of standard IPs meets the lane's ramp.
fn warmup_note(lane: &Lane, dedicated: bool) -> Option<String> {
    let preset = lane.warmup.as_ref()?.preset;
    if !dedicated {
        return None;
    }
    Some(match preset {
        WarmupPreset::AmazonSes => {
            "SES's automatic warm-up of standard IPs, on by default, runs this lane's ramp."
                .to_string()
        }
        other => format!(
            "The lane warms up on the {} ramp: turn off SES's automatic warm-up (PutAccountDedicatedIpWarmupAttributes) or both ramps apply.",
            other.label()
        ),
    })
}

fn identity_note(domains: Option<&LaneDomains>, identity: Option<&Identity>) -> Option<String> {
    match (domains, identity) {
        (None, _) | (_, None) => {
            Some("The lane has no valid sending domain yet, so no email identity.".to_string())
        }
        (Some(d), Some(identity)) if identity.mail_from.is_none() => Some(format!(
            "The bounce domain {} is not below {}, so SES keeps its own MAIL FROM domain.",
            d.bounce_domain, identity.domain
        )),
        _ => None,
    }
}

/// The SES regions the lanes' SMTP hosts name, each once.
fn regions(lanes: &[&Lane]) -> Vec<String> {
    let mut regions: Vec<String> = Vec::new();
    for region in lanes.iter().filter_map(|l| ses_region(&l.smtp.host)) {
        if !regions.iter().any(|r| r == region) {
            regions.push(region.to_string());
        }
    }
    regions
}

/// The lanes both files set up, the comment lines at their top, and the
/// SES regions the lanes send from.
fn opening(plan: &Plan, deploy: &str) -> (Vec<SesLane>, String, Vec<String>) {
    let (lanes, for_comparison) = lanes_on(plan, Vendor::AmazonSes);
    let mut lines = vec![
        format!("Amazon SES v2 setup for {}.", plan.title()),
        "Per lane: a configuration set (dedicated pool, suppression, reputation metrics,"
            .to_string(),
        "event destination) and the sending domain's identity with DKIM and MAIL FROM.".to_string(),
        deploy.to_string(),
    ];
    if for_comparison {
        lines.push(comparison_note("Amazon SES"));
    }
    let regions = regions(&lanes);
    match regions.as_slice() {
        [] => {}
        [region] => lines.push(format!(
            "Deploy in {region}: the planned MAIL FROM MX and tracking CNAME name that region."
        )),
        several => lines.push(format!(
            "The lanes send from {}: deploy each lane in its own region, which its planned MAIL FROM MX and tracking CNAME name.",
            and_list(several)
        )),
    }
    let mut out: String = lines.iter().map(|line| comment(line)).collect();
    out.push('\n');
    (ses_lanes(plan, &lanes, for_comparison), out, regions)
}

fn notes(out: &mut String, indent: &str, lane: &SesLane) {
    for note in &lane.notes {
        out.push_str(indent);
        out.push_str(&comment(note));
    }
}

fn cfn_parameters(lanes: &[SesLane], out: &mut String) {
    out.push_str("Parameters:\n");
    push(out, 1, &format!("{TOPIC_PARAMETER}:"));
    push(out, 2, "Type: String");
    push(out, 2, &format!("Description: {}", yaml_string(TOPIC_HELP)));
    push(
        out,
        2,
        &format!("AllowedPattern: {}", yaml_string(TOPIC_PATTERN)),
    );
    for lane in lanes {
        let Some((identity, selector)) = byodkim(lane) else {
            continue;
        };
        push(out, 1, &format!("{}DkimPrivateKey:", lane.logical));
        push(out, 2, "Type: String");
        push(out, 2, "NoEcho: true");
        push(
            out,
            2,
            &format!(
                "Description: {}",
                yaml_string(&key_help(identity, selector))
            ),
        );
    }
}

fn cfn_pool(lane: &SesLane, out: &mut String) {
    let Some(pool) = &lane.pool else {
        return;
    };
    let id = format!("{}Pool", lane.logical);
    cfn_resource(out, &id, "AWS::SES::DedicatedIpPool");
    push(out, 3, &format!("PoolName: {}", yaml_string(pool)));
    push(out, 3, &format!("ScalingMode: {SCALING_MODE}"));
}

/// A key whose value is a `Ref` to the parameter or resource `target`.
fn cfn_ref(out: &mut String, depth: usize, key: &str, target: &str) {
    push(out, depth, &format!("{key}:"));
    push(out, depth + 1, &format!("Ref: {target}"));
}

/// A resource's logical id, type and the key its properties follow.
fn cfn_resource(out: &mut String, id: &str, kind: &str) {
    push(out, 1, &format!("{id}:"));
    push(out, 2, &format!("Type: {kind}"));
    push(out, 2, "Properties:");
}

fn cfn_set(lane: &SesLane, out: &mut String) {
    let id = &lane.logical;
    cfn_resource(
        out,
        &format!("{id}ConfigurationSet"),
        "AWS::SES::ConfigurationSet",
    );
    push(out, 3, &format!("Name: {}", yaml_string(&lane.set)));
    if lane.pool.is_some() {
        push(out, 3, "DeliveryOptions:");
        cfn_ref(out, 4, "SendingPoolName", &format!("{id}Pool"));
    }
    push(out, 3, "ReputationOptions:");
    push(out, 4, "ReputationMetricsEnabled: true");
    push(out, 3, "SuppressionOptions:");
    push(out, 4, "SuppressedReasons: [BOUNCE, COMPLAINT]");
    if let Some(tracking) = &lane.tracking {
        push(out, 3, "TrackingOptions:");
        push(
            out,
            4,
            &format!("CustomRedirectDomain: {}", yaml_string(tracking)),
        );
    }
}

fn cfn_destination(lane: &SesLane, out: &mut String) {
    let id = &lane.logical;
    cfn_resource(
        out,
        &format!("{id}EventDestination"),
        "AWS::SES::ConfigurationSetEventDestination",
    );
    cfn_ref(
        out,
        3,
        "ConfigurationSetName",
        &format!("{id}ConfigurationSet"),
    );
    push(out, 3, "EventDestination:");
    push(out, 4, &format!("Name: {DESTINATION}"));
    push(out, 4, "Enabled: true");
    push(
        out,
        4,
        &format!("MatchingEventTypes: [{}]", EVENTS_CLOUDFORMATION.join(", ")),
    );
    push(out, 4, "SnsDestination:");
    cfn_ref(out, 5, "TopicARN", TOPIC_PARAMETER);
}

fn cfn_identity(lane: &SesLane, out: &mut String) {
    let Some(identity) = &lane.identity else {
        return;
    };
    let id = &lane.logical;
    cfn_resource(out, &format!("{id}Identity"), "AWS::SES::EmailIdentity");
    push(
        out,
        3,
        &format!("EmailIdentity: {}", yaml_string(&identity.domain)),
    );
    push(out, 3, "ConfigurationSetAttributes:");
    cfn_ref(
        out,
        4,
        "ConfigurationSetName",
        &format!("{id}ConfigurationSet"),
    );
    push(out, 3, "DkimAttributes:");
    push(out, 4, "SigningEnabled: true");
    push(out, 3, "DkimSigningAttributes:");
    match &identity.byodkim {
        Some(selector) => {
            push(
                out,
                4,
                &format!("DomainSigningSelector: {}", yaml_string(selector)),
            );
            cfn_ref(
                out,
                4,
                "DomainSigningPrivateKey",
                &format!("{id}DkimPrivateKey"),
            );
        }
        None => push(out, 4, "NextSigningKeyLength: RSA_2048_BIT"),
    }
    if let Some(mail_from) = &identity.mail_from {
        push(out, 3, "MailFromAttributes:");
        push(
            out,
            4,
            &format!("MailFromDomain: {}", yaml_string(mail_from)),
        );
        push(out, 4, "BehaviorOnMxFailure: USE_DEFAULT_VALUE");
    }
}

fn tf_variables(lanes: &[SesLane], out: &mut String) {
    out.push('\n');
    tf_block(
        out,
        &format!("variable \"{TOPIC_VARIABLE}\""),
        &[
            ("description", hcl_string(TOPIC_HELP)),
            ("type", "string".to_string()),
        ],
    );
    for lane in lanes {
        let Some((identity, selector)) = byodkim(lane) else {
            continue;
        };
        out.push('\n');
        tf_block(
            out,
            &format!("variable \"{}_dkim_private_key\"", lane.label),
            &[
                ("description", hcl_string(&key_help(identity, selector))),
                ("type", "string".to_string()),
                ("sensitive", "true".to_string()),
            ],
        );
    }
}

fn tf_pool(lane: &SesLane, out: &mut String) {
    let Some(pool) = &lane.pool else {
        return;
    };
    tf_block(
        out,
        &resource("aws_sesv2_dedicated_ip_pool", &lane.label),
        &[
            ("pool_name", hcl_string(pool)),
            ("scaling_mode", hcl_string(SCALING_MODE)),
        ],
    );
}

fn tf_set(lane: &SesLane, out: &mut String) {
    out.push_str(&format!(
        "{} {{\n",
        resource("aws_sesv2_configuration_set", &lane.label)
    ));
    attributes(out, 1, &[("configuration_set_name", hcl_string(&lane.set))]);
    if lane.pool.is_some() {
        let pool = format!("aws_sesv2_dedicated_ip_pool.{}.pool_name", lane.label);
        nested(out, "delivery_options", &[("sending_pool_name", pool)]);
    }
    nested(
        out,
        "reputation_options",
        &[("reputation_metrics_enabled", "true".to_string())],
    );
    let reasons = "[\"BOUNCE\", \"COMPLAINT\"]".to_string();
    nested(
        out,
        "suppression_options",
        &[("suppressed_reasons", reasons)],
    );
    if let Some(tracking) = &lane.tracking {
        nested(
            out,
            "tracking_options",
            &[("custom_redirect_domain", hcl_string(tracking))],
        );
    }
    out.push_str("}\n");
}

fn tf_destination(lane: &SesLane, out: &mut String) {
    let kind = "aws_sesv2_configuration_set_event_destination";
    out.push_str(&format!("{} {{\n", resource(kind, &lane.label)));
    attributes(
        out,
        1,
        &[
            ("configuration_set_name", set_reference(lane)),
            ("event_destination_name", hcl_string(DESTINATION)),
        ],
    );
    push(out, 1, "event_destination {");
    let events: Vec<String> = EVENTS_API.iter().map(|e| hcl_string(e)).collect();
    attributes(
        out,
        2,
        &[
            ("enabled", "true".to_string()),
            ("matching_event_types", format!("[{}]", events.join(", "))),
        ],
    );
    push(out, 2, "sns_destination {");
    attributes(out, 3, &[("topic_arn", format!("var.{TOPIC_VARIABLE}"))]);
    push(out, 2, "}");
    push(out, 1, "}");
    out.push_str("}\n");
}

fn tf_identity(lane: &SesLane, out: &mut String) {
    let Some(identity) = &lane.identity else {
        return;
    };
    let label = &lane.label;
    out.push_str(&format!(
        "{} {{\n",
        resource("aws_sesv2_email_identity", label)
    ));
    attributes(
        out,
        1,
        &[
            ("email_identity", hcl_string(&identity.domain)),
            ("configuration_set_name", set_reference(lane)),
        ],
    );
    let dkim = match &identity.byodkim {
        Some(selector) => vec![
            (
                "domain_signing_private_key",
                format!("var.{label}_dkim_private_key"),
            ),
            ("domain_signing_selector", hcl_string(selector)),
        ],
        None => vec![("next_signing_key_length", hcl_string("RSA_2048_BIT"))],
    };
    nested(out, "dkim_signing_attributes", &dkim);
    out.push_str("}\n");
}

fn tf_mail_from(lane: &SesLane, out: &mut String) {
    let Some(mail_from) = lane.identity.as_ref().and_then(|i| i.mail_from.as_ref()) else {
        return;
    };
    let label = &lane.label;
    let kind = "aws_sesv2_email_identity_mail_from_attributes";
    tf_block(
        out,
        &resource(kind, label),
        &[
            (
                "email_identity",
                format!("aws_sesv2_email_identity.{label}.email_identity"),
            ),
            ("behavior_on_mx_failure", hcl_string("USE_DEFAULT_VALUE")),
            ("mail_from_domain", hcl_string(mail_from)),
        ],
    );
}

/// The lane's identity domain and BYODKIM selector, when it uses BYODKIM.
fn byodkim(lane: &SesLane) -> Option<(&str, &str)> {
    let identity = lane.identity.as_ref()?;
    let selector = identity.byodkim.as_deref()?;
    Some((&identity.domain, selector))
}

fn key_help(domain: &str, selector: &str) -> String {
    format!("BYODKIM private key for selector {selector} of {domain}: base64 RSA, without the PEM header and footer lines.")
}

fn set_reference(lane: &SesLane) -> String {
    format!(
        "aws_sesv2_configuration_set.{}.configuration_set_name",
        lane.label
    )
}

/// A block of plain attributes.
fn tf_block(out: &mut String, opening: &str, attrs: &[(&str, String)]) {
    out.push_str(&format!("{opening} {{\n"));
    attributes(out, 1, attrs);
    out.push_str("}\n");
}

/// A nested block inside a resource.
fn nested(out: &mut String, name: &str, attrs: &[(&str, String)]) {
    push(out, 1, &format!("{name} {{"));
    attributes(out, 2, attrs);
    push(out, 1, "}");
}

/// Attribute lines with their `=` aligned, as `terraform fmt` writes them.
fn attributes(out: &mut String, depth: usize, attrs: &[(&str, String)]) {
    let width = attrs.iter().map(|(key, _)| key.len()).max().unwrap_or(0);
    for (key, value) in attrs {
        push(out, depth, &format!("{key:<width$} = {value}"));
    }
}

/// One line at `depth` levels of two-space indentation.
fn push(out: &mut String, depth: usize, line: &str) {
    out.push_str(&"  ".repeat(depth));
    out.push_str(line);
    out.push('\n');
}

/// A CloudFormation logical id (letters and digits only) from a resource
/// label: its words capitalised and joined.
fn logical_id(label: &str) -> String {
    let mut out = String::new();
    for word in label.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    // Logical ids are at most 255 characters; the suffixes need room.
    out.truncate(64);
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert_str(0, "Lane");
    }
    out
}
