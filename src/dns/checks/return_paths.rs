//! Findings about the lanes' Return-Path names: one where the company's
//! own mail lives, a CNAME there left from an earlier provider, and a
//! Mailgun Return-Path that is never used.

use crate::dns::plan::{lane_domains, sendgrid_return_label, PlannedRecord};
use crate::dns::zonefile::ParsedRecord;
use crate::dns::RecordData;
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::Edit;
use crate::plan::model::{Lane, Plan, Provider};

/// An error for each lane whose Return-Path domain is where the company's
/// own mail lives: the primary domain, or a name with existing MX or SPF
/// records. The bounce records planned there would replace that MX and
/// SPF, taking its incoming mail and failing SPF for its other senders.
/// Each error comes with the name.
pub(super) fn bounces_on_mail_names(
    plan: &Plan,
    existing: &[ParsedRecord],
    planned: &[PlannedRecord],
) -> Vec<(String, Diagnostic)> {
    // Records pasted as the plan publishes them are the lanes' own. So are
    // records naming the provider a planned record there names (its SPF
    // include, its mail exchanger), or the SPF include of a lane bouncing
    // there (beside a Return-Path CNAME): the lane's, published before.
    let lanes_own = |r: &ParsedRecord| {
        let senders = providers_named(&r.data);
        let bounces_here = |lane: &Lane| {
            lane_domains(lane)
                .is_some_and(|d| crate::dns::canonical_name(&d.bounce_domain) == r.name)
                && crate::dns::plan::spf_include(lane.smtp.provider)
                    .is_some_and(|include| senders.iter().any(|s| s == include))
        };
        plan.lanes.iter().any(bounces_here)
            || planned.iter().any(|p| {
                p.name == r.name
                    && (p.data == r.data
                        || providers_named(&p.data).iter().any(|s| senders.contains(s)))
            })
    };
    let theirs = |name: &str| {
        existing
            .iter()
            .any(|r| r.name == name && crate::dns::plan::carries_mail(&r.data) && !lanes_own(r))
    };
    let origin = crate::domain::normalize_domain(&plan.brand.primary_domain).unwrap_or_default();
    let primary = crate::dns::canonical_name(&origin);
    let is_mail = |name: &str| {
        let name = crate::dns::canonical_name(name);
        name == primary || theirs(&name)
    };
    let mut out = Vec::new();
    for (index, lane) in plan.lanes.iter().enumerate() {
        let Some(d) = lane_domains(lane) else {
            continue;
        };
        if !is_mail(&d.bounce_domain) {
            continue;
        }
        let name = crate::dns::canonical_name(&d.bounce_domain);
        let found = Diagnostic::error(
            "lane.bounce_on_mail_domain",
            format!("$.lanes[{index}].return_path_domain"),
            format!("The Return-Path domain of {} is {}, where the company's own mail lives: the bounce records planned there would replace its MX and SPF records, sending its incoming mail to {} and failing SPF for everything else it sends.", lane.name, d.bounce_domain, lane.smtp.provider.label()),
        );
        if lane.smtp.provider.bounces_at_sending_domain() {
            out.push((name, found.hint("Mailgun bounces at the domain added to it: add a subdomain of its own, such as mg.brand.com, to Mailgun and make it the lane's sending domain.")));
            continue;
        }
        // The first free name of bounce.{from}, bounce-{lane}.{from}, and
        // one under the taken name itself.
        let taken = |name: &String| *name == d.bounce_domain || is_mail(name);
        let own = [
            format!("bounce.{}", d.from_domain),
            format!("bounce-{}.{}", lane.id, d.from_domain),
        ]
        .into_iter()
        .find(|name| !taken(name))
        .unwrap_or_else(|| format!("bounce-{}.{}", lane.id, d.bounce_domain));
        out.push((
            name,
            found
                .hint("Give the lane a bounce subdomain of its own, which nothing else uses.")
                .fix(
                    format!("Bounce to {own}"),
                    vec![Edit::Lane {
                        lane: lane.id.clone(),
                        set: crate::plan::edit::LaneField::ReturnPathDomain(own),
                    }],
                ),
        ));
    }
    out
}

/// An error for each pasted CNAME at a lane's Return-Path name that leads
/// somewhere its provider's setup does not: a host of the provider the
/// lane sent through before (or of no provider known here), left from an
/// earlier setup. Receivers would look up the lane's SPF there, where the
/// current provider's servers are not authorised, and the provider cannot
/// verify the name. Each error comes with the name and the pasted line.
pub(super) fn stale_return_paths(
    plan: &Plan,
    existing: &[ParsedRecord],
    planned: &[PlannedRecord],
) -> Vec<(String, String, Diagnostic)> {
    let mut out = Vec::new();
    for lane in &plan.lanes {
        let Some(d) = lane_domains(lane) else {
            continue;
        };
        let name = crate::dns::canonical_name(&d.bounce_domain);
        let stale = existing.iter().filter_map(|r| match &r.data {
            RecordData::Cname(target) if r.name == name => Some((r, target)),
            _ => None,
        });
        for (record, target) in stale {
            let target = crate::dns::canonical_name(target);
            let Some(whose) = crate::dns::plan::earlier_return_path(lane, &target) else {
                continue;
            };
            let now = lane.smtp.provider.label();
            let wanted: Vec<String> = (planned.iter())
                .filter(|p| p.name == name && p.lane.as_deref() == Some(lane.id.as_str()))
                .map(|p| {
                    let (kind, value) = p.data.shown();
                    format!("{kind} {value}")
                })
                .collect();
            let hint = match wanted.as_slice() {
                [] => format!("Delete the CNAME at {name}."),
                [one] => format!("Replace the CNAME at {name} with the planned record: {one}."),
                many => format!(
                    "Replace the CNAME at {name} with the planned records: {}.",
                    many.join("; ")
                ),
            };
            let line = format!("line {}", record.line);
            let found = Diagnostic::error(
                "dns.stale_return_path",
                &line,
                format!("{name}, the Return-Path of {}, is a CNAME to {target}, {whose}, not {now}'s: it is stale from an earlier setup. Receivers look up the lane's SPF there, where {now}'s servers are not authorised, and {now} cannot verify the name.", lane.name),
            )
            .hint(hint);
            out.push((name.clone(), line, found));
        }
    }
    out
}

/// The services a mail record names: an SPF record's includes, an MX
/// record's exchanger.
fn providers_named(data: &RecordData) -> Vec<String> {
    match data {
        RecordData::Txt(strings) => String::from_utf8_lossy(&strings.concat())
            .split_whitespace()
            .filter_map(|term| {
                let term = term
                    .trim_start_matches(['+', '~', '?', '-'])
                    .to_ascii_lowercase();
                term.strip_prefix("include:")
                    .map(crate::dns::canonical_name)
            })
            .collect(),
        RecordData::Mx { exchange, .. } => vec![crate::dns::canonical_name(exchange)],
        _ => Vec::new(),
    }
}

/// A warning for each SendGrid lane whose Return-Path domain is not under
/// its From domain: SendGrid's domain authentication puts the return path
/// under the domain it authenticates, so the name set is never used.
pub(super) fn unused_sendgrid_return_paths(plan: &Plan) -> Vec<Diagnostic> {
    let sendgrid = plan.lanes.iter().enumerate();
    let sendgrid = sendgrid.filter(|(_, l)| l.smtp.provider == Provider::SendGrid);
    let mut out = Vec::new();
    for (index, lane) in sendgrid {
        let Some(d) = lane_domains(lane) else {
            continue;
        };
        if sendgrid_return_label(&d).is_some() {
            continue;
        }
        let label = d.bounce_domain.split('.').next().unwrap_or("bounce");
        let under = format!("{label}.{}", d.from_domain);
        out.push(
            Diagnostic::warning(
                "lane.sendgrid_return_path",
                format!("$.lanes[{index}].return_path_domain"),
                format!("{}: SendGrid authenticates {} with its return path under that domain, so the Return-Path domain {} is never used, though its CNAME is planned.", lane.name, d.from_domain, d.bounce_domain),
            )
            .hint("Put the Return-Path domain under the From domain, as SendGrid's domain authentication does.")
            .fix(
                format!("Bounce at {under}"),
                vec![Edit::Lane {
                    lane: lane.id.clone(),
                    set: crate::plan::edit::LaneField::ReturnPathDomain(under),
                }],
            ),
        );
    }
    out
}

/// A warning for each Mailgun lane given a Return-Path domain other than
/// its sending domain: Mailgun bounces at the domain added to it, so the
/// name set is never used and its records are not planned.
pub(super) fn unused_mailgun_return_paths(plan: &Plan) -> Vec<Diagnostic> {
    let mailgun = plan.lanes.iter().enumerate();
    let mailgun = mailgun.filter(|(_, l)| l.smtp.provider.bounces_at_sending_domain());
    let mut out = Vec::new();
    for (index, lane) in mailgun {
        let Some(d) = lane_domains(lane) else {
            continue;
        };
        let set = crate::domain::normalize_domain(&lane.return_path_domain).unwrap_or_default();
        if set.is_empty() || set == d.bounce_domain {
            continue;
        }
        out.push(
            Diagnostic::warning(
                "lane.mailgun_return_path",
                format!("$.lanes[{index}].return_path_domain"),
                format!("{}: Mailgun sends every message with the Return-Path bounce+…@{}, the domain added to it, so the Return-Path domain {set} is never used; the plan puts the lane's SPF and bounce MX at {}.", lane.name, d.bounce_domain, d.bounce_domain),
            )
            .hint("Set the Return-Path domain to the sending domain, or give the lane another sending domain in Mailgun.")
            .fix(
                format!("Bounce at {}", d.bounce_domain),
                vec![Edit::Lane {
                    lane: lane.id.clone(),
                    set: crate::plan::edit::LaneField::ReturnPathDomain(d.bounce_domain.clone()),
                }],
            ),
        );
    }
    out
}
