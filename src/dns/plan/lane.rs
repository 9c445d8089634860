//! A lane's records: SPF and the bounce MX at its Return-Path name, DKIM
//! by provider, and its tracking CNAME.

use crate::dns::{canonical_name, RecordData};
use crate::plan::model::{ses_region, Lane, Provider};

use super::{
    spf_include, txt, LaneDomains, PlannedRecord, MAILGUN_SELECTOR, POSTMARK_SELECTOR, SES_TOKEN,
    SES_TOKENS,
};

/// A lane's records; `mail` names the domains that carry other mail.
pub(super) fn lane_records(
    lane: &Lane,
    d: &LaneDomains,
    mail: &[String],
    out: &mut Vec<PlannedRecord>,
) {
    let mut records = bounce_records(lane, d);
    records.extend(dkim_records(lane.smtp.provider, d));
    records.extend(sendgrid_second_key(lane.smtp.provider, d));
    records.extend(tracking_record(lane, d));
    // One ownership record serves every lane whose links share a domain.
    let owner = sendgrid_link_owner(lane, d);
    records.extend(owner.filter(|o| !out.iter().any(|r| r.name == o.name && r.data == o.data)));
    if d.from_domain != d.bounce_domain && !mail.contains(&canonical_name(&d.from_domain)) {
        records.push(lane_record(
            &d.from_domain,
            txt("v=spf1 -all"),
            "The From domain sends no envelope mail itself; this stops others using it as a Return-Path.",
            false,
        ));
    }
    out.extend(records.into_iter().map(|r| PlannedRecord {
        lane: Some(lane.id.clone()),
        ..r
    }));
}

/// A record of a lane's, at its canonical name; `lane_records` names the lane.
fn lane_record(
    name: &str,
    data: RecordData,
    why: impl Into<String>,
    placeholder: bool,
) -> PlannedRecord {
    PlannedRecord {
        name: canonical_name(name),
        data,
        why: why.into(),
        lane: None,
        placeholder,
    }
}

/// Where a provider's own domain setup points the Return-Path name: a
/// CNAME to a host where the provider keeps the SPF record and the bounce
/// MX, and whether the target must be copied from its dashboard. `None`
/// where the plan publishes SPF itself.
pub fn return_path_cname(lane: &Lane) -> Option<(String, bool)> {
    match lane.smtp.provider {
        Provider::Postmark => Some(("pm.mtasv.net".to_string(), false)),
        // Automated security, which the SendGrid export turns on.
        Provider::SendGrid => Some(("u<account>.wl<id>.sendgrid.net".to_string(), true)),
        Provider::SparkPost if lane.smtp.host.contains(".eu.") => {
            Some(("eu.sparkpostmail.com".to_string(), false))
        }
        Provider::SparkPost => Some(("sparkpostmail.com".to_string(), false)),
        _ => None,
    }
}

/// The provider whose host `target` is, by the domains its Return-Path
/// CNAMEs and SPF includes lead to (`u123.wl456.sendgrid.net` is
/// SendGrid's), or `None` for a host of no provider known here.
pub fn provider_of_host(target: &str) -> Option<Provider> {
    let host = canonical_name(target);
    Provider::ALL.into_iter().find(|&p| {
        let base = match p {
            Provider::Postmark => "mtasv.net",
            Provider::SparkPost => "sparkpostmail.com",
            _ => match spf_include(p) {
                Some(include) => include,
                None => return false,
            },
        };
        host == base || host.ends_with(&format!(".{base}"))
    })
}

/// Whose host `target`, a CNAME at `lane`'s Return-Path name, is when it
/// is left from an earlier setup ("SendGrid's host"): neither the CNAME
/// the lane's provider asks for nor another host of that provider. A host
/// of no provider known here counts only for a lane on a known provider:
/// a lane on its own servers may mean to send bounces there.
pub fn earlier_return_path(lane: &Lane, target: &str) -> Option<String> {
    let host = provider_of_host(target);
    let own = planned_return_path(lane, target) || host == Some(lane.smtp.provider);
    match host {
        _ if own => None,
        Some(p) => Some(format!("{}'s host", p.label())),
        None if lane.smtp.provider == Provider::Custom => None,
        None => Some("another provider's host".to_string()),
    }
}

/// Whether `target`, the CNAME published at `lane`'s Return-Path name, is
/// the one its provider's setup asks for.
pub fn planned_return_path(lane: &Lane, target: &str) -> bool {
    let target = canonical_name(target);
    return_path_cname(lane).is_some_and(|(want, placeholder)| match placeholder {
        true => crate::dns::fits_placeholders(&want, &target),
        false => canonical_name(&want) == target,
    })
}

/// The records at the bounce name: the provider's CNAME where it keeps
/// SPF itself, otherwise SPF plus the MX that brings bounces back.
fn bounce_records(lane: &Lane, d: &LaneDomains) -> Vec<PlannedRecord> {
    let label = lane.smtp.provider.label();
    match return_path_cname(lane) {
        Some((target, placeholder)) => {
            let copy = match placeholder {
                true => " Copy the target from its domain authentication page.",
                false => "",
            };
            vec![lane_record(
                &d.bounce_domain,
                RecordData::Cname(target),
                format!("Return-Path: {label} verifies this CNAME and publishes SPF and the bounce MX behind it, so no TXT record goes here.{copy}"),
                placeholder,
            )]
        }
        None => {
            let mut records = vec![spf_record(lane, d)];
            records.extend(ses_feedback_mx(lane, d));
            records.extend(mailgun_mx(lane, d));
            records
        }
    }
}

/// Mailgun receives a domain's bounces at its own MX hosts.
fn mailgun_mx(lane: &Lane, d: &LaneDomains) -> Vec<PlannedRecord> {
    if lane.smtp.provider != Provider::Mailgun {
        return Vec::new();
    }
    ["mxa.mailgun.org", "mxb.mailgun.org"]
        .into_iter()
        .map(|host| {
            lane_record(
                &d.bounce_domain,
                RecordData::Mx {
                    preference: 10,
                    exchange: host.to_string(),
                },
                "Mailgun's MX for the envelope domain: bounces come back to Mailgun through it.",
                false,
            )
        })
        .collect()
}

/// Whether the lane's planned SPF authorises no server: its provider has
/// no include and publishes none behind a CNAME, and it lists no IPs.
pub fn spf_authorises_nothing(lane: &Lane) -> bool {
    return_path_cname(lane).is_none() && spf_terms(lane).is_empty()
}

/// The mechanisms of the bounce domain's SPF: the lane's IPs, then its
/// provider's include.
fn spf_terms(lane: &Lane) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    let ips =
        (lane.ip_addresses.iter()).filter_map(|ip| ip.trim().parse::<std::net::IpAddr>().ok());
    for ip in ips {
        let term = match ip.is_ipv4() {
            true => format!("ip4:{ip}"),
            false => format!("ip6:{ip}"),
        };
        // An address listed twice is named once.
        if !terms.contains(&term) {
            terms.push(term);
        }
    }
    terms.extend(spf_include(lane.smtp.provider).map(|include| format!("include:{include}")));
    terms
}

/// SPF at the bounce name, the identity SPF checks and DMARC aligns.
fn spf_record(lane: &Lane, d: &LaneDomains) -> PlannedRecord {
    let terms = spf_terms(lane);
    let spf = format!("v=spf1 {} -all", terms.join(" ")).replace("  ", " ");
    let why = if terms.is_empty() {
        "SPF for the bounce domain. No addresses or provider include are known yet, so nothing may send; add the lane's IPs.".to_string()
    } else {
        format!(
            "SPF for the bounce (Return-Path) domain: authorises {} and fails everything else.",
            terms.join(", ")
        )
    };
    lane_record(&d.bounce_domain, txt(&spf), why, false)
}

/// SES's custom MAIL FROM needs an MX at the bounce name.
fn ses_feedback_mx(lane: &Lane, d: &LaneDomains) -> Option<PlannedRecord> {
    if lane.smtp.provider != Provider::AmazonSes {
        return None;
    }
    let region = ses_region(&lane.smtp.host)?;
    Some(lane_record(
        &d.bounce_domain,
        RecordData::Mx {
            preference: 10,
            exchange: format!("feedback-smtp.{region}.amazonses.com"),
        },
        "SES custom MAIL FROM: bounces and complaints come back to SES through this MX.",
        false,
    ))
}

/// DKIM: CNAMEs to provider-held keys, or a key record to fill in.
fn dkim_records(provider: Provider, d: &LaneDomains) -> Vec<PlannedRecord> {
    let label = provider.label();
    let dkim_name = d.dkim_name();
    let domain = &d.dkim_domain;
    let why = match provider {
        Provider::SendGrid => {
            return vec![lane_record(
                &dkim_name,
                RecordData::Cname(format!("{}.domainkey.u<account>.wl<id>.sendgrid.net", d.dkim_selector)),
                format!("DKIM key held by {label}; copy the account-specific target from the domain authentication page."),
                true,
            )]
        }
        Provider::AmazonSes if d.dkim_selector == SES_TOKEN => return easy_dkim(d),
        Provider::AmazonSes => format!("BYODKIM: the public half (RSA 2048) of the key pair you give SES for d={domain}; paste it here."),
        Provider::Postmark if d.dkim_selector == POSTMARK_SELECTOR => format!("DKIM public key for d={domain}, under the selector Postmark picks when the domain is added (a date ending in pm); enter that selector on the lane, or publish the key under the name Postmark shows."),
        Provider::Postmark => format!("DKIM public key for d={domain}: paste the key Postmark shows for this selector."),
        Provider::Mailgun if d.dkim_selector == MAILGUN_SELECTOR => format!("DKIM public key for d={domain}, under the selector Mailgun shows once the domain is added; enter that selector on the lane, or publish the key under the name Mailgun shows."),
        _ => format!("DKIM public key (RSA 2048) for d={domain}; paste the key from {label}."),
    };
    vec![lane_record(
        &dkim_name,
        txt("v=DKIM1; k=rsa; p=<public key>"),
        why,
        true,
    )]
}

/// Amazon SES's Easy DKIM: three CNAMEs, one per token, to keys SES holds.
fn easy_dkim(d: &LaneDomains) -> Vec<PlannedRecord> {
    let nth = ["first", "second", "third"];
    (SES_TOKENS.iter().zip(nth))
        .map(|(token, nth)| {
            lane_record(
                &format!("{token}._domainkey.{}", d.dkim_domain),
                RecordData::Cname(format!("{token}.dkim.amazonses.com")),
                format!("Easy DKIM: the {nth} of the three CNAMEs SES shows; copy its token in place of {token}."),
                true,
            )
        })
        .collect()
}

/// SendGrid's automated security publishes a second key to rotate to:
/// `s2` beside `s1`, or the custom selector with a 2.
fn sendgrid_second_key(provider: Provider, d: &LaneDomains) -> Option<PlannedRecord> {
    if provider != Provider::SendGrid {
        return None;
    }
    let second = match d.dkim_selector.as_str() {
        "s1" => "s2".to_string(),
        selector => format!("{selector}2"),
    };
    Some(lane_record(
        &format!("{second}._domainkey.{}", d.dkim_domain),
        RecordData::Cname(format!("{second}.domainkey.u<account>.wl<id>.sendgrid.net")),
        "SendGrid's second DKIM key, which it rotates to; copy the target from the domain authentication page.",
        true,
    ))
}

/// Branded link tracking, a CNAME to the provider's tracking host.
fn tracking_record(lane: &Lane, d: &LaneDomains) -> Option<PlannedRecord> {
    let tracking = d.tracking_domain.as_ref()?;
    let provider = lane.smtp.provider;
    let target = match provider {
        Provider::SendGrid => Some("sendgrid.net".to_string()),
        Provider::Mailgun => Some("mailgun.org".to_string()),
        Provider::Postmark => Some("track.postmarkapp.com".to_string()),
        Provider::AmazonSes => ses_region(&lane.smtp.host).map(|r| format!("r.{r}.awstrack.me")),
        _ => None,
    };
    let placeholder = target.is_none();
    Some(lane_record(
        tracking,
        RecordData::Cname(target.unwrap_or_else(|| format!("<tracking host from {}>", provider.label()))),
        "Branded link tracking: links point at your own domain instead of the provider's shared one.",
        placeholder,
    ))
}

/// A tracking domain as SendGrid's link branding takes it: the domain and
/// the subdomain under it, `brand.com` and `click` for `click.brand.com`;
/// a domain of two labels is taken whole.
pub fn link_branding(tracking: &str) -> (&str, Option<&str>) {
    match tracking.split_once('.') {
        Some((sub, root)) if root.contains('.') => (root, Some(sub)),
        _ => (tracking, None),
    }
}

/// SendGrid's link branding proves the account owns the domain with a
/// second CNAME, named after the account's user id, beside the link one.
fn sendgrid_link_owner(lane: &Lane, d: &LaneDomains) -> Option<PlannedRecord> {
    if lane.smtp.provider != Provider::SendGrid {
        return None;
    }
    let (root, _) = link_branding(d.tracking_domain.as_ref()?);
    Some(lane_record(
        &format!("<user id>.{root}"),
        RecordData::Cname("sendgrid.net".to_string()),
        "SendGrid link branding's ownership record: the name starts with the account's user id, which the link branding page shows.",
        true,
    ))
}
