//! The ESPs' and MTAs' columns: whether each lane fits the vendor, and
//! the steps to set it up there.

use super::{dedicated, fit_of, header_step, header_text, ips, the_ips, LaneFit};
use crate::dns::plan::{default_selector, lane_domains, LaneDomains};
use crate::plan::model::{Lane, Plan, Provider};
use crate::plan::routing::Routing;
use crate::platform::limits;
use crate::platform::names::{lane_headers, lane_name, NameKind};

pub(super) fn esp_fit(
    plan: &Plan,
    routing: &Routing,
    index: u32,
    provider: Provider,
    here: bool,
) -> LaneFit {
    let lane = &plan.lanes[index as usize];
    let mut reasons = Vec::new();
    if !here {
        reasons.push(format!(
            "It is planned on {}; its mail would move to {}.",
            lane.smtp.provider.label(),
            provider.label()
        ));
        // Postmark assigns no dedicated IPs at all, which its own finding says.
        if dedicated(lane) && !lane.ip_addresses.is_empty() && provider != Provider::Postmark {
            reasons.push(format!(
                "Its listed IPs belong to {}; {} assigns its own, which warm up anew.",
                lane.smtp.provider.label(),
                provider.label()
            ));
        }
    }
    reasons.extend(
        limits::lane_findings(plan, routing, index, provider)
            .into_iter()
            .map(|d| d.message),
    );
    fit_of(reasons)
}

pub(super) fn esp_steps(
    plan: &Plan,
    routing: &Routing,
    lane: &Lane,
    provider: Provider,
) -> Vec<String> {
    let domains = lane_domains(lane);
    let mut steps = match (provider, &domains) {
        (_, None) => vec!["Give the lane a sending domain to authenticate.".to_string()],
        (Provider::SendGrid, Some(d)) => sendgrid_steps(plan, lane, d),
        (Provider::AmazonSes, Some(d)) => ses_steps(plan, lane, d),
        (Provider::Postmark, Some(d)) => postmark_steps(plan, routing, lane, d),
        (_, Some(d)) => mailgun_steps(plan, lane, d),
    };
    steps.extend(header_step(plan, lane, provider));
    steps
}

fn sendgrid_steps(plan: &Plan, lane: &Lane, d: &LaneDomains) -> Vec<String> {
    let mut steps = Vec::new();
    if dedicated(lane) {
        let pool = lane_name(plan, lane, NameKind::SendgridPool);
        steps.push(format!("Set up reverse DNS for {}.", ips(lane)));
        steps.push(format!(
            "Create the IP pool “{pool}” and add {}.",
            ips(lane)
        ));
    }
    // The selector the DNS records are under: SendGrid's own, s1, when
    // the lane names none SendGrid takes.
    let selector = if d.dkim_selector == default_selector(Provider::SendGrid) {
        "SendGrid's own DKIM selectors".to_string()
    } else {
        format!("the custom DKIM selector “{}”", d.dkim_selector)
    };
    steps.push(match crate::dns::plan::sendgrid_return_label(d) {
        Some(label) => format!(
            "Authenticate {} with the return-path subdomain “{label}” and {selector}.",
            d.from_domain
        ),
        None => format!(
            "Authenticate {} with {selector}; SendGrid's return path sits under that domain, not at {}.",
            d.from_domain, d.bounce_domain
        ),
    });
    if let Some(tracking) = &d.tracking_domain {
        steps.push(format!("Brand the lane's links with {tracking}."));
    }
    steps.push(
        "Turn on the Event Webhook so the lane's bounces and complaints reach your monitoring."
            .to_string(),
    );
    steps
}

fn ses_steps(plan: &Plan, lane: &Lane, d: &LaneDomains) -> Vec<String> {
    let set = lane_name(plan, lane, NameKind::SesConfigurationSet);
    let mut steps = vec![if lane.dkim_selector.trim().is_empty() {
        format!(
            "Verify {} as an email identity with Easy DKIM.",
            d.from_domain
        )
    } else {
        format!(
            "Verify {} as an email identity with your own DKIM key under the selector “{}” (BYODKIM).",
            d.from_domain, d.dkim_selector
        )
    }];
    steps.push(format!(
        "Set its custom MAIL FROM domain to {}.",
        d.bounce_domain
    ));
    let mut sending = String::new();
    if dedicated(lane) {
        let pool = lane_name(plan, lane, NameKind::SesPool);
        let leased = if lane.ip_addresses.is_empty() {
            "the IPs you lease".to_string()
        } else {
            format!("the leased IPs {}", ips(lane))
        };
        steps.push(format!(
            "Create the dedicated IP pool “{pool}”: standard for {leased}, or managed to let SES scale and warm them."
        ));
        sending = format!(", sending through the pool “{pool}”");
    }
    steps.push(format!(
        "Create the configuration set “{set}” with reputation metrics on{sending}, and an event destination for bounces and complaints."
    ));
    if let Some(tracking) = &d.tracking_domain {
        steps.push(format!(
            "Set the set's custom redirect domain to {tracking}."
        ));
    }
    steps
}

fn postmark_steps(plan: &Plan, routing: &Routing, lane: &Lane, d: &LaneDomains) -> Vec<String> {
    let stream = lane_name(plan, lane, NameKind::PostmarkStream);
    let kind = limits::postmark_stream_type(plan, routing, lane);
    vec![
        format!(
            "Add {} as a sender domain, with its DKIM record and the Return-Path {}.",
            d.from_domain, d.bounce_domain
        ),
        if stream == "outbound" {
            "Send through the server's default transactional stream “outbound”.".to_string()
        } else {
            format!("Create the {kind} message stream “{stream}”.")
        },
        "Hand the sender the stream's SMTP token.".to_string(),
        "Add the stream's webhooks for deliveries, bounces and spam complaints.".to_string(),
    ]
}

fn mailgun_steps(plan: &Plan, lane: &Lane, d: &LaneDomains) -> Vec<String> {
    let mut steps = vec![format!(
        "Add the sending domain {} and publish the records Mailgun gives for it.",
        d.from_domain
    )];
    if dedicated(lane) {
        steps.push(format!(
            "Once {} are out of warm-up, create the IP pool “{}” with them and link it to {}.",
            the_ips(lane),
            lane_name(plan, lane, NameKind::MailgunPool),
            d.from_domain
        ));
    }
    steps.push("Add webhooks for deliveries, bounces and complaints.".to_string());
    steps
}

// KumoMTA and listmonk.

pub(super) fn kumo_fit(lane: &Lane, here: bool) -> LaneFit {
    let mut reasons = Vec::new();
    if !here {
        reasons.push(format!(
            "It is planned on {}; KumoMTA sends from your own servers instead.",
            lane.smtp.provider.label()
        ));
    }
    if !dedicated(lane) {
        reasons.push("KumoMTA sends from your own IP addresses, so the lane needs addresses of its own, each with reverse DNS that matches its EHLO name.".to_string());
    } else if lane.ip_addresses.is_empty() {
        reasons.push("List the lane's IP addresses: each becomes an egress source.".to_string());
    }
    fit_of(reasons)
}

pub(super) fn kumo_steps(plan: &Plan, lane: &Lane) -> Vec<String> {
    let pool = lane_name(plan, lane, NameKind::KumoPool);
    let tenant = lane_name(plan, lane, NameKind::KumoTenant);
    let mut steps = vec![
        format!(
            "Add an egress source for each of {}, with an EHLO name that matches its reverse DNS.",
            ips(lane)
        ),
        format!("Group them in the egress pool “{pool}” in sources.toml."),
        format!("Map the tenant “{tenant}” to that pool in queues.toml, and send the lane's mail with the header X-Tenant: {tenant}."),
    ];
    if let Some(warmup) = &lane.warmup {
        steps.push(format!(
            "Limit each new source with source_selection_rate in shaping.toml while it warms up ({}).",
            warmup.preset.label()
        ));
    }
    if let Some(d) = lane_domains(lane) {
        steps.push(format!(
            "Sign with DKIM for {} under the selector “{}”, and publish the planned records.",
            d.dkim_domain, d.dkim_selector
        ));
    }
    steps
}

pub(super) fn listmonk_fit(lane: &Lane) -> LaneFit {
    if lane.smtp.host.trim().is_empty() {
        return LaneFit::NeedsChange(vec![format!(
            "listmonk needs an SMTP server for the lane, and {} names none.",
            lane.name
        )]);
    }
    LaneFit::AsPlanned
}

pub(super) fn listmonk_steps(plan: &Plan, lane: &Lane) -> Vec<String> {
    let messenger = lane_name(plan, lane, NameKind::ListmonkServer);
    let smtp = &lane.smtp;
    let mut steps = vec![format!(
        "Add an SMTP server for {}:{} whose messenger is “{messenger}”.",
        if smtp.host.is_empty() {
            "the lane's SMTP host"
        } else {
            &smtp.host
        },
        smtp.port
    )];
    let headers = lane_headers(plan, lane);
    if !headers.is_empty() {
        steps.push(format!(
            "Give it the email headers {}.",
            header_text(&headers)
        ));
    }
    steps.push(format!("Choose the messenger “{messenger}” on each of the lane's campaigns: listmonk falls back to the shared “email” messenger, without a word, when it is missing or disabled."));
    steps
}
