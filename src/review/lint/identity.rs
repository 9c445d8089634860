//! Identity: From names and domains that stay the brand's, and lanes of
//! different purposes that share a sending domain and so its reputation.

use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{usual_names, Edit, LaneField};
use crate::plan::model::{Lane, Plan, Purpose};

/// Lanes of different purposes that send from one domain share its
/// reputation, which is what lanes are there to keep apart. The two lanes
/// of a migration may share one while the mail moves.
pub(super) fn shared_domains(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let domain = |lane: &Lane| crate::domain::normalize_domain(&lane.sending_domain).ok();
    for (index, lane) in plan.lanes.iter().enumerate() {
        let Some(mine) = domain(lane) else {
            continue;
        };
        let Some((other_index, other)) =
            plan.lanes[..index].iter().enumerate().find(|(_, other)| {
                domain(other).as_ref() == Some(&mine)
                    && other.purpose != lane.purpose
                    && !migrating(plan, lane, other)
            })
        else {
            continue;
        };
        // The finding goes to the lane that looks moved onto the domain:
        // not the one whose purpose the subdomain is named for (mail. for
        // promotions), else the one whose From address is elsewhere, else
        // the later one.
        let named_for = |l: &Lane| mine.split('.').next() == Some(usual_names(l.purpose).0);
        let sends_there = |l: &Lane| {
            crate::domain::address_domain(&l.from_address)
                .and_then(|d| crate::domain::normalize_domain(d).ok())
                .is_some_and(|d| crate::domain::is_within(&d, &mine))
        };
        let other_moved = match (named_for(lane), named_for(other)) {
            (true, false) => true,
            (false, true) => false,
            _ => sends_there(lane) && !sends_there(other),
        };
        let moved = if other_moved {
            (other_index, other, lane)
        } else {
            (index, lane, other)
        };
        out.push(shared_domain(plan, moved, &mine));
    }
}

/// The finding that `lane`, at `index`, sends from `domain` as `other`
/// does, with a fix that gives it a subdomain of its own.
fn shared_domain(
    plan: &Plan,
    (index, lane, other): (usize, &Lane, &Lane),
    domain: &str,
) -> Diagnostic {
    let finding = Diagnostic::warning(
        "lint.shared_domain",
        format!("$.lanes[{index}].sending_domain"),
        format!("{} sends from {domain}, as {} does, so the two lanes share its reputation: complaints about one lane's mail hold back the other's.", lane.name, other.name),
    )
    .hint("Give each lane a subdomain of its own, such as receipts.brand.com for receipts and mail.brand.com for promotions.");
    let Some(own) = crate::plan::edit::own_domains(plan, lane.purpose, Some(&lane.id)) else {
        return finding;
    };
    let set = |field: LaneField| Edit::Lane {
        lane: lane.id.clone(),
        set: field,
    };
    // Links and signatures on the shared domain would keep sharing its
    // reputation, so they move with the lane too.
    let on_shared = |name: &str| {
        crate::domain::normalize_domain(name).is_ok_and(|d| crate::domain::is_within(&d, domain))
    };
    let mut edits = vec![
        set(LaneField::SendingDomain(own.sending.clone())),
        set(LaneField::FromAddress(own.from_address)),
        set(LaneField::ReturnPathDomain(own.return_path)),
    ];
    if on_shared(&lane.tracking_domain) {
        edits.push(set(LaneField::TrackingDomain(format!(
            "links.{}",
            own.sending
        ))));
    }
    if on_shared(&lane.dkim_domain) {
        edits.push(set(LaneField::DkimDomain(String::new())));
    }
    finding.fix(format!("Send {} from {}", lane.name, own.sending), edits)
}

/// Whether a migration moves mail between lanes `a` and `b`, or either is
/// a migration lane.
fn migrating(plan: &Plan, a: &Lane, b: &Lane) -> bool {
    let between = |m: &crate::plan::model::Migration| {
        (m.from_lane == a.id && m.to_lane == b.id) || (m.from_lane == b.id && m.to_lane == a.id)
    };
    a.purpose == Purpose::Migration
        || b.purpose == Purpose::Migration
        || plan.migrations.iter().any(between)
}

/// From names that differ beyond the brand's, and From addresses on
/// unrelated domains, confuse recipients and split reputation.
pub(super) fn identity(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let brand = plan.brand.name.trim().to_lowercase();
    for (index, lane) in plan.lanes.iter().enumerate() {
        let name = lane.from_name.trim().to_lowercase();
        if !brand.is_empty() && !name.is_empty() && !name.contains(&brand) {
            out.push(
                Diagnostic::info(
                    "lint.from_name",
                    format!("$.lanes[{index}].from_name"),
                    format!("The From name “{}” of {} does not include the brand “{}”.", lane.from_name, lane.name, plan.brand.name),
                )
                .hint("Use the brand in every lane's From name, such as “Brand” or “Brand Orders”, so recipients recognise it.")
                .fix(
                    format!("Use “{}”", plan.brand.name.trim()),
                    vec![Edit::Lane {
                        lane: lane.id.clone(),
                        set: LaneField::FromName(plan.brand.name.trim().to_string()),
                    }],
                ),
            );
        }
        let primary = crate::domain::normalize_domain(&plan.brand.primary_domain).ok();
        let mut moves = false;
        let from = crate::domain::address_domain(&lane.from_address)
            .and_then(|d| crate::domain::normalize_domain(d).ok());
        if let (Some(primary), Some(from)) = (primary, from) {
            if !crate::domain::is_within(&from, &primary) {
                out.push(
                    Diagnostic::warning(
                        "lint.from_domain",
                        format!("$.lanes[{index}].from_address"),
                        format!("{} sends from {from}, outside the brand's domain {primary}.", lane.name),
                    )
                    .hint("Send every lane from a subdomain of the primary domain, so the lanes share one recognisable identity."),
                );
                let sending = crate::domain::normalize_domain(&lane.sending_domain).ok();
                let local = lane.from_address.split('@').next().unwrap_or("hello");
                let fix = match sending {
                    Some(sending) if crate::domain::is_within(&sending, &primary) => Some((
                        format!("Send from {local}@{sending}"),
                        LaneField::FromAddress(format!("{local}@{sending}")),
                    )),
                    // The whole lane is on another domain, as after the
                    // brand's primary domain changed: its From address,
                    // bounce and link domains follow its sending domain.
                    _ => moved_under(plan, lane, &primary).map(|moved| {
                        let label = format!("Move {} to {moved}", lane.name);
                        (label, LaneField::SendingDomain(moved))
                    }),
                };
                if let Some((label, set)) = fix {
                    moves = matches!(set, LaneField::SendingDomain(_));
                    let finding = out.last_mut().expect("just pushed");
                    let lane = lane.id.clone();
                    *finding = finding.clone().fix(label, vec![Edit::Lane { lane, set }]);
                }
            }
        }
        if let Ok(primary) = crate::domain::normalize_domain(&plan.brand.primary_domain) {
            outside_domains(index, lane, &primary, moves, out);
        }
    }
}

/// Where a lane whose sending domain is outside the brand's would go under
/// `primary`: the labels it adds to the domain the plan's lanes outside
/// share (receipts of receipts.old.com, beside flows.old.com), or its
/// first label where it is alone there; `None` for a domain of two labels,
/// which adds none, or a place another lane sends from.
fn moved_under(plan: &Plan, lane: &Lane, primary: &str) -> Option<String> {
    let domain = |l: &Lane| crate::domain::normalize_domain(&l.sending_domain).ok();
    let sending = domain(lane)?;
    let outside: Vec<String> = (plan.lanes.iter())
        .filter_map(domain)
        .filter(|d| !crate::domain::is_within(d, primary))
        .collect();
    let shared = shared_parent(&outside).filter(|p| *p != sending && p.contains('.'));
    let added = match shared {
        Some(parent) => sending.strip_suffix(&format!(".{parent}"))?.to_string(),
        None if !crate::domain::looks_registered(&sending) => {
            sending.split('.').next()?.to_string()
        }
        None => return None,
    };
    let moved = format!("{added}.{primary}");
    let taken = (plan.lanes.iter()).any(|l| domain(l).as_deref() == Some(moved.as_str()));
    (!taken).then_some(moved)
}

/// The longest domain every one of `domains` is, or is under.
fn shared_parent(domains: &[String]) -> Option<String> {
    let (first, rest) = domains.split_first()?;
    let mut labels: Vec<&str> = first.rsplit('.').collect();
    for d in rest {
        let same = (labels.iter().zip(d.rsplit('.')))
            .take_while(|(a, b)| *a == b)
            .count();
        labels.truncate(same);
    }
    let parent: Vec<&str> = labels.into_iter().rev().collect();
    (!parent.is_empty()).then(|| parent.join("."))
}

/// A Return-Path or link-tracking domain outside the brand's domain: its
/// records cannot go in the brand's zones. The fix moves it under the
/// lane's sending domain, where that is the brand's. Where the lane `moves`
/// (its From domain's finding moves its sending domain under the brand's),
/// those under the sending domain go with it and need no word of their own.
fn outside_domains(
    index: usize,
    lane: &Lane,
    primary: &str,
    moves: bool,
    out: &mut Vec<Diagnostic>,
) {
    let own = crate::domain::normalize_domain(&lane.sending_domain).ok();
    let follows = |d: &str| {
        moves
            && own
                .as_deref()
                .is_some_and(|s| crate::domain::is_within(d, s))
    };
    let sending = own.clone().filter(|d| crate::domain::is_within(d, primary));
    let set_bounce: fn(String) -> LaneField = LaneField::ReturnPathDomain;
    let fields = [
        (
            "return_path_domain",
            "Return-Path domain",
            &lane.return_path_domain,
            "bounce",
            set_bounce,
            "and SPF there does not align with the From domain for DMARC",
        ),
        (
            "tracking_domain",
            "link-tracking domain",
            &lane.tracking_domain,
            "links",
            LaneField::TrackingDomain,
            "and links on a domain unlike the sender's are a spam signal to filters",
        ),
    ];
    // A provider that bounces at the sending domain ignores the field.
    let skip_bounce = lane.smtp.provider.bounces_at_sending_domain();
    for (field, words, value, label, set, why) in fields {
        let Ok(domain) = crate::domain::normalize_domain(value) else {
            continue;
        };
        if crate::domain::is_within(&domain, primary)
            || (skip_bounce && label == "bounce")
            || follows(&domain)
        {
            continue;
        }
        let finding = Diagnostic::warning(
            "lint.outside_domain",
            format!("$.lanes[{index}].{field}"),
            format!("The {words} of {}, {domain}, is outside the brand's domain {primary}.", lane.name),
        )
        .hint(match own.as_deref().filter(|s| crate::domain::is_within(&domain, s)) {
            // Under the lane's own domain, which is outside too: the lane
            // is what moves.
            Some(own) => format!("It is under the lane's sending domain {own}, which is outside the brand's domain too: send the lane from a subdomain of {primary}, and it follows."),
            None => format!("Use a subdomain of the lane's sending domain: the brand's zones cannot hold its records, {why}."),
        });
        out.push(match &sending {
            Some(sending) => finding.fix(
                format!("Use {label}.{sending}"),
                vec![Edit::Lane {
                    lane: lane.id.clone(),
                    set: set(format!("{label}.{sending}")),
                }],
            ),
            None => finding,
        });
    }
}
