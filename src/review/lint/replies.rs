//! Reply handling (step 7 of the rollout): where a customer's reply to a
//! lane's mail goes. A lane on a subdomain replies, unless told otherwise,
//! to its From address, and a subdomain that receives no mail bounces it.

use crate::dns::zonefile::parse_zone;
use crate::dns::RecordData;
use crate::domain::{address_domain, normalize_address, normalize_domain};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, LaneField};
use crate::plan::model::{Lane, Plan};

/// Mailbox names that tell customers their replies are not read.
const NO_REPLY: [&str; 6] = [
    "noreply",
    "no-reply",
    "no_reply",
    "donotreply",
    "do-not-reply",
    "do_not_reply",
];

/// Findings about where replies to each lane's mail land.
pub(super) fn replies(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let Ok(primary) = normalize_domain(&plan.brand.primary_domain) else {
        return;
    };
    let receiving = receiving_names(plan, &primary);
    for (index, lane) in plan.lanes.iter().enumerate() {
        let Ok(from) = normalize_address(&lane.from_address) else {
            continue;
        };
        let replies_to = normalize_address(&lane.reply_to).unwrap_or(from.clone());
        if no_reply(&replies_to) {
            out.push(no_reply_finding(plan, index, lane, &replies_to));
            continue;
        }
        let domain = address_domain(&replies_to).unwrap_or_default();
        if lane.reply_to.trim().is_empty() && !receiving.iter().any(|n| n == domain) {
            out.push(bouncing_finding(plan, index, lane, &from, domain, &primary));
        }
    }
}

/// The primary domain, which holds the company's mailboxes, and the names
/// with a pasted MX record that takes mail.
fn receiving_names(plan: &Plan, primary: &str) -> Vec<String> {
    let (existing, _) = parse_zone(&plan.existing_records, primary);
    let mut names = vec![primary.to_string()];
    names.extend(existing.into_iter().filter_map(|r| match r.data {
        RecordData::Mx { exchange, .. } if !exchange.is_empty() => Some(r.name),
        _ => None,
    }));
    names
}

fn no_reply(address: &str) -> bool {
    let local = address.split('@').next().unwrap_or_default();
    let mailbox = local.split('+').next().unwrap_or_default();
    NO_REPLY.contains(&mailbox.to_ascii_lowercase().as_str())
}

fn no_reply_finding(plan: &Plan, index: usize, lane: &Lane, address: &str) -> Diagnostic {
    let finding = Diagnostic::info(
        "lint.no_reply",
        format!("$.lanes[{index}].reply_to"),
        format!("Replies to {}'s mail go to {address}, which tells customers no one reads them: a question sent back about an order is lost.", lane.name),
    )
    .hint("Set the Reply-To to a mailbox someone reads, such as your customer care address.");
    with_other_reply_to(plan, lane, finding)
}

fn bouncing_finding(
    plan: &Plan,
    index: usize,
    lane: &Lane,
    from: &str,
    domain: &str,
    primary: &str,
) -> Diagnostic {
    let finding = Diagnostic::warning(
        "lint.replies_bounce",
        format!("$.lanes[{index}].reply_to"),
        format!("{} has no Reply-To, so replies go to its From address {from}; {domain} has no MX record among the records you pasted, so a customer's reply is likely to bounce.", lane.name),
    )
    .hint(format!("Set a Reply-To at a mailbox someone reads, such as one at {primary}, or publish an MX record for {domain} and paste it."));
    with_other_reply_to(plan, lane, finding)
}

/// A fix that takes the Reply-To another lane already uses, when one does.
fn with_other_reply_to(plan: &Plan, lane: &Lane, finding: Diagnostic) -> Diagnostic {
    let other = plan.lanes.iter().find(|other| {
        other.id != lane.id
            && normalize_address(&other.reply_to).is_ok_and(|address| !no_reply(&address))
    });
    match other {
        Some(other) => {
            let address = other.reply_to.trim().to_string();
            finding.fix(
                format!("Use {address}, as {} does", other.name),
                vec![Edit::Lane {
                    lane: lane.id.clone(),
                    set: LaneField::ReplyTo(address),
                }],
            )
        }
        None => finding,
    }
}
