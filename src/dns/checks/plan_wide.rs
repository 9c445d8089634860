//! Findings about the plan as a whole rather than one record or one lane's
//! authentication: a DMARC policy that enforces while lanes are still new,
//! lanes that share a DKIM key, and what the optional records need.

use crate::dns::plan::{lane_domains, Pasted};
use crate::plan::diagnostic::{lane_checks, Diagnostic};
use crate::plan::model::{DmarcPolicy, Lane, LaneStatus, MtaStsMode, Plan};

/// A warning while the DMARC record in force today (`stage`) enforces and
/// lanes under the brand's domain are new or still warming up: their mail
/// must pass DMARC from its first message, or the policy acts on it. A
/// rollout start in the past reaches enforcement at once. Clears as the
/// lanes become warm, or when the rollout is moved to begin at p=none.
/// `published` says the brand already publishes an enforcing policy, which
/// the plan keeps, so the rollout is not to go back to p=none.
pub fn enforcing_unready(plan: &Plan, stage: DmarcPolicy, published: bool) -> Option<Diagnostic> {
    if stage == DmarcPolicy::None {
        return None;
    }
    let primary = crate::domain::normalize_domain(&plan.brand.primary_domain).ok()?;
    let unready: Vec<String> = (plan.lanes.iter())
        .filter(|lane| matches!(lane.status, LaneStatus::New | LaneStatus::Warming))
        .filter(|lane| {
            lane_domains(lane).is_some_and(|d| crate::domain::is_within(&d.from_domain, &primary))
        })
        .map(|lane| lane.name.clone())
        .collect();
    if unready.is_empty() {
        return None;
    }
    let acts = match stage {
        DmarcPolicy::Reject => "rejected",
        _ => "sent to spam",
    };
    Some(
        Diagnostic::warning(
            "dmarc.enforcing_unready",
            "$.dmarc.rollout_start",
            format!(
                "The DMARC record in force today says {}, while {} {} new or still warming up: {} mail must pass DMARC from the first message, or it is {acts}.",
                stage.label(),
                crate::units::and_list(&unready),
                if unready.len() == 1 { "is" } else { "are" },
                if unready.len() == 1 { "its" } else { "their" },
            ),
        )
        .hint(if published {
            "Publish each new lane's DKIM and Return-Path records and confirm it passes (the published-DNS check) before it sends: the policy already published stays."
        } else if crate::dns::plan::first_stage(&plan.dmarc) != DmarcPolicy::None {
            // A rollout that starts past p=none is there before its start too.
            "Publish each new lane's DKIM and Return-Path records and confirm it passes (the published-DNS check) before it sends, or start the rollout at p=none (its first stage) so the record is at p=none while the lanes start."
        } else {
            "Publish each new lane's DKIM and Return-Path records and confirm it passes (the published-DNS check) before it sends, or move the rollout start so the record is at p=none while the lanes start."
        }),
    )
}

/// A warning for each lane that signs under another lane's DKIM selector:
/// one key then serves both, and reports cannot tell their mail apart.
/// Easy DKIM's tokens are each lane's own.
pub(super) fn shared_keys(plan: &Plan) -> Vec<Diagnostic> {
    let mut seen: Vec<(String, &Lane)> = Vec::new();
    let mut out = Vec::new();
    for lane in &plan.lanes {
        let Some(d) = lane_domains(lane) else {
            continue;
        };
        let name = d.dkim_name();
        if name.contains(crate::dns::plan::SES_TOKEN) {
            continue;
        }
        // Postmark and Mailgun pick one selector per domain, which the
        // lane cannot change.
        let provider = lane.smtp.provider.label();
        let hint = match d.dkim_selector.contains('<') {
            true => format!(
                "Sign {} with a DKIM domain of its own: {provider} picks one selector per domain.",
                lane.name
            ),
            false => format!(
                "Give {} its own selector, such as {}2.",
                lane.name, d.dkim_selector
            ),
        };
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name) {
            out.push(
                Diagnostic::warning(
                    "dkim.shared_selector",
                    lane_checks(&lane.id),
                    format!("{} signs with the same DKIM key as {}, at {name}: a rotation or a leak touches both lanes, and DMARC reports cannot tell their mail apart.", lane.name, first.name),
                )
                .hint(hint),
            );
        } else {
            seen.push((name, lane));
        }
    }
    out
}

/// What the optional records need from the rest of the plan.
pub(super) fn extras_findings(plan: &Plan, pasted: &Pasted) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let extras = &plan.extras;
    if !extras.bimi_logo.trim().is_empty() {
        if plan.dmarc.goal == DmarcPolicy::None {
            out.push(
                Diagnostic::error("bimi.needs_enforcement", "$.extras.bimi_logo", "BIMI logos are shown only for domains whose DMARC policy is quarantine or reject; the plan stops at p=none.")
                    .hint("Set the DMARC goal to quarantine or reject, and publish BIMI once that stage starts."),
            );
        }
        if extras.bimi_certificate.trim().is_empty() {
            out.push(
                Diagnostic::info("bimi.no_certificate", "$.extras.bimi_certificate", "Gmail and Apple Mail show BIMI logos only with a mark certificate (VMC or CMC).")
                    .hint("Add the certificate's HTTPS address once the mark is certified."),
            );
        }
    }
    let no_mx =
        !crate::dns::plan::mta_sts_policy(plan, pasted).is_some_and(|p| p.contains("\nmx: "));
    match extras.mta_sts {
        MtaStsMode::Enforce if no_mx => out.push(
            Diagnostic::error("mta_sts.no_mx", "$.extras.mta_sts", "MTA-STS enforce mode with no MX hosts in the policy would make senders refuse to deliver your inbound mail.")
                .hint("Paste the primary domain's MX records under existing records, or use testing mode. A domain whose only MX is a null MX takes no mail and needs no MTA-STS."),
        ),
        MtaStsMode::Testing if no_mx => out.push(
            Diagnostic::warning("mta_sts.no_mx", "$.extras.mta_sts", "MTA-STS testing mode with no MX hosts in the policy: every delivery to you fails it, so the TLS reports say nothing useful.")
                .hint("Paste the primary domain's MX records under existing records, so the policy lists its hosts."),
        ),
        _ => {}
    }
    out
}
