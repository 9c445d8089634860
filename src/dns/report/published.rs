//! The DMARC records already published, as pasted: whether they enforce
//! more or less than the rollout's stage, drop its reports, leave
//! subdomains or nonexistent names to another policy, or repeat.

use chrono::NaiveDate;

use crate::dns::plan::lane_domains;
use crate::dns::zonefile::ParsedRecord;
use crate::dns::RecordData;
use crate::domain::normalize_domain;
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::DmarcField;
use crate::plan::model::{DmarcPolicy, LaneStatus, Plan};

/// An error when the brand's published DMARC record enforces more than
/// the rollout's stage of `today`: publishing the plan would stop receivers
/// acting on mail that fails DMARC. The fix keeps the published policy
/// from today: the rollout starts there today, its weaker stages skipped.
pub(super) fn weakened_dmarc(
    plan: &Plan,
    (published, existing): (DmarcPolicy, &[crate::dns::zonefile::ParsedRecord]),
    (stage, today): (DmarcPolicy, NaiveDate),
) -> Option<Diagnostic> {
    let name = dmarc_name(plan)?;
    if published <= stage {
        return stricter_subdomains(plan, existing, (stage, today));
    }
    let edits = keep_from(plan, published, today, existing);
    let (was, now) = (published.as_str(), stage.as_str());
    let worded = match testing_policy(existing, &name, published) {
        Some(p) => format!(
            "p={} with t=y, which receivers apply as p={was}",
            p.as_str()
        ),
        None => format!("p={was}"),
    };
    // The plan has one policy for the domain and its subdomains, so
    // keeping a stricter p takes subdomains the record spares with it.
    let spared = weaker_subdomains(existing, &name, published);
    let (also, label) = match spared {
        Some(sp) => (
            format!(" Its sp={} spares the subdomains the lanes send from; the plan has one policy for the domain and its subdomains, so keeping p={was} takes them to p={was} too, and each lane's mail must pass DMARC first.", sp.as_str()),
            format!("Keep p={was} from today, subdomains too"),
        ),
        None => (String::new(), format!("Keep p={was} from today")),
    };
    Some(
        Diagnostic::error(
            super::WEAKENS,
            "$.dmarc.rollout_start",
            format!("The DMARC record published at {name} enforces {worded}, and the plan's rollout publishes p={now} there today: receivers would stop acting on mail that fails DMARC.{also}"),
        )
        .hint("Start the rollout at the policy already published; the lanes' mail must pass DMARC from its first message.")
        .fix(label, edits),
    )
}

/// The edits that put the rollout at `level` today: it starts there
/// today, the stages before it skipped rather than dated in the past, the
/// goal raised to it if lower, and, where the plan asks for no aggregate
/// reports, the published record's report address kept, so the fix does
/// not stop the reports the domain receives.
fn keep_from(
    plan: &Plan,
    level: DmarcPolicy,
    today: NaiveDate,
    existing: &[ParsedRecord],
) -> Vec<crate::plan::edit::Edit> {
    let goal = plan.dmarc.goal.max(level);
    let dmarc = |set| crate::plan::edit::Edit::Dmarc(set);
    let mut edits = Vec::new();
    if goal != plan.dmarc.goal {
        edits.push(dmarc(DmarcField::Goal(goal)));
    }
    edits.push(dmarc(DmarcField::FirstStage(Some(level))));
    edits.push(dmarc(DmarcField::RolloutStart(today.to_string())));
    let published = published_record(plan, existing).and_then(|r| r.rua.into_iter().next());
    if let (None, Some(rua)) = (planned_rua(plan), published) {
        edits.push(dmarc(DmarcField::Rua(rua)));
    }
    edits
}

/// The aggregate report address the planned record carries, if any.
fn planned_rua(plan: &Plan) -> Option<String> {
    crate::domain::normalize_address(&plan.dmarc.rua).ok()
}

/// The brand's one DMARC record pasted as published; `None` without one,
/// or with several, which receivers apply none of.
fn published_record(
    plan: &Plan,
    existing: &[ParsedRecord],
) -> Option<crate::dns::dmarc::DmarcRecord> {
    let name = dmarc_name(plan)?;
    if pasted_dmarc_texts(existing, &name).len() != 1 {
        return None;
    }
    pasted_dmarc(existing, &name).into_iter().next()
}

/// A finding when the brand's published DMARC record asks for reports at
/// addresses the planned record does not: publishing the plan's record
/// stops them. A warning, `dmarc.reports_dropped`, where the plan asks for
/// no aggregate reports at all, with a fix that keeps the published
/// address; a note, `dmarc.reports_moved`, where it sends them elsewhere
/// or the published record asks for failure reports, which the plan never
/// does, fixed only where one address brings back everything published.
pub(super) fn dropped_reports(plan: &Plan, existing: &[ParsedRecord]) -> Option<Diagnostic> {
    let record = published_record(plan, existing)?;
    let name = dmarc_name(plan)?;
    let planned = planned_rua(plan);
    let dropped: Vec<String> = (record.rua.iter())
        .filter(|a| planned.as_ref() != Some(*a))
        .cloned()
        .collect();
    if dropped.is_empty() && record.ruf.is_empty() {
        return None;
    }
    let failure = match record.ruf.as_slice() {
        [] => String::new(),
        ruf => format!(
            " It also asks for failure reports (ruf) at {}, which the planned record never asks for: those stop too.",
            crate::units::and_list(ruf)
        ),
    };
    let keep = |address: &String| {
        let set = crate::plan::edit::Edit::Dmarc(DmarcField::Rua(address.clone()));
        (format!("Keep reports to {address}"), vec![set])
    };
    let message = match (&planned, record.rua.first(), dropped.as_slice()) {
        (None, Some(first), _) => {
            let all = crate::units::and_list(&record.rua);
            let (label, edits) = keep(first);
            return Some(
                Diagnostic::warning(
                    "dmarc.reports_dropped",
                    "$.dmarc.rua",
                    format!("The DMARC record published at {name} sends aggregate reports to {all}, and the planned record asks for none: publishing it stops those reports, and with them the view of who sends as the domain.{failure}"),
                )
                .hint(format!("Set the plan's report address to {first}, the published one, so the reports go on through the rollout."))
                .fix(label, edits),
            );
        }
        (Some(planned), _, [_, ..]) => format!("The DMARC record published at {name} sends aggregate reports to {}, and the planned record sends them to {planned} alone: publishing it stops the reports to {}.{failure}", crate::units::and_list(&record.rua), crate::units::and_list(&dropped)),
        _ => format!("The DMARC record published at {name} asks for failure reports (ruf) at {}, which the planned record never asks for: publishing it stops them.", crate::units::and_list(&record.ruf)),
    };
    let hint = if dropped.is_empty() {
        "The plan asks for aggregate reports alone: few receivers send failure reports, which carry parts of messages. Add ruf= to the record when you publish it if they are still wanted."
    } else {
        "The planned record carries one report address: set it to a published one if the reports there are still wanted."
    };
    let found = Diagnostic::info("dmarc.reports_moved", "$.dmarc.rua", message).hint(hint);
    // One edit keeps everything the record asks for only where it asks for
    // aggregate reports at one address alone.
    Some(match (record.rua.as_slice(), record.ruf.is_empty()) {
        ([only], true) => {
            let (label, edits) = keep(only);
            found.fix(label, edits)
        }
        _ => found,
    })
}

/// A published record whose `sp` enforces more than the plan's rollout
/// does today: the plan's record, one policy for the domain and its
/// subdomains, would stop receivers acting on the lanes' failing mail.
fn stricter_subdomains(
    plan: &Plan,
    existing: &[crate::dns::zonefile::ParsedRecord],
    (stage, today): (DmarcPolicy, NaiveDate),
) -> Option<Diagnostic> {
    let name = dmarc_name(plan)?;
    let level = pasted_subdomain_policy(existing, &name)?;
    if level <= stage {
        return None;
    }
    let (sp, now) = (level.as_str(), stage.as_str());
    Some(
        Diagnostic::error(
            super::WEAKENS,
            "$.dmarc.rollout_start",
            format!("The DMARC record published at {name} enforces sp={sp} for subdomains, where the lanes send, and the plan's rollout publishes p={now} there today, for the domain and its subdomains alike: receivers would stop acting on the lanes' mail that fails DMARC."),
        )
        .hint("Start the rollout at the subdomains' published policy; the plan has one policy for both, so the domain's own mail must pass DMARC too.")
        .fix(format!("Keep {sp} from today, the domain too"), keep_from(plan, level, today, existing)),
    )
}

/// The subdomain policy of the record pasted at `name`, as receivers
/// apply it, when it is weaker than the record's own `published` one.
fn weaker_subdomains(
    existing: &[crate::dns::zonefile::ParsedRecord],
    name: &str,
    published: DmarcPolicy,
) -> Option<DmarcPolicy> {
    let sp = pasted_subdomain_policy(existing, name)?;
    (sp < published).then_some(sp)
}

/// Whether a finding says receivers ignore a DMARC record: it does not
/// start with v=DMARC1, or starts with a space.
pub(super) fn ignored_dmarc(d: &Diagnostic) -> bool {
    d.code == "dmarc.version" || d.code == "dmarc.leading_space"
}

/// A pasted DMARC record receivers ignore, found by name, is placed at
/// its line of the pasted text, so Open goes there.
pub(super) fn at_pasted_lines(
    findings: Vec<Diagnostic>,
    existing: &[crate::dns::zonefile::ParsedRecord],
) -> Vec<Diagnostic> {
    let ignored = |r: &&crate::dns::zonefile::ParsedRecord, name: &str| {
        r.name == name
            && matches!(&r.data, RecordData::Txt(strings)
                if !crate::dns::dmarc::is_dmarc_record(&String::from_utf8_lossy(&strings.concat())))
    };
    (findings.into_iter())
        .map(|mut d| {
            if ignored_dmarc(&d) {
                if let Some(r) = existing.iter().find(|r| ignored(r, &d.path)) {
                    d.path = format!("line {}", r.line);
                }
            }
            d
        })
        .collect()
}

/// The brand's DMARC record name, `_dmarc.` and the primary domain.
pub(super) fn dmarc_name(plan: &Plan) -> Option<String> {
    let origin = normalize_domain(&plan.brand.primary_domain).ok()?;
    Some(format!("_dmarc.{origin}"))
}

/// The strictest policy of the brand's DMARC records pasted as published,
/// as receivers apply it: `t=y` asks them for one step less (RFC 9989).
pub(super) fn published_policy(
    plan: &Plan,
    existing: &[crate::dns::zonefile::ParsedRecord],
) -> Option<DmarcPolicy> {
    pasted_policy(existing, &dmarc_name(plan)?)
}

/// The strictest policy of the DMARC records pasted at `name`, as
/// receivers apply them.
fn pasted_policy(
    existing: &[crate::dns::zonefile::ParsedRecord],
    name: &str,
) -> Option<DmarcPolicy> {
    // With two records at one name receivers apply neither (RFC 9989).
    if pasted_dmarc_texts(existing, name).len() > 1 {
        return None;
    }
    pasted_dmarc(existing, name)
        .iter()
        .filter_map(applied)
        .max()
}

/// The distinct DMARC record texts pasted at `name`; DNS keeps one of
/// two identical records.
fn pasted_dmarc_texts(existing: &[crate::dns::zonefile::ParsedRecord], name: &str) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    for r in existing.iter().filter(|r| r.name == name) {
        if let RecordData::Txt(strings) = &r.data {
            let text = String::from_utf8_lossy(&strings.concat()).into_owned();
            if crate::dns::dmarc::is_dmarc_record(&text) && !texts.contains(&text) {
                texts.push(text);
            }
        }
    }
    texts
}

/// An error for each name where the pasted records hold more than one
/// DMARC record: receivers apply none of them, so the domain has no
/// policy until the plan's one record replaces them, and the checklist
/// does not count it as published.
pub(super) fn duplicate_dmarc(existing: &[crate::dns::zonefile::ParsedRecord]) -> Vec<Diagnostic> {
    let mut names: Vec<&str> = Vec::new();
    for r in existing.iter().filter(|r| r.name.starts_with("_dmarc.")) {
        if !names.contains(&r.name.as_str()) {
            names.push(&r.name);
        }
    }
    (names.into_iter())
        .filter_map(|name| {
            let n = pasted_dmarc_texts(existing, name).len();
            (n > 1).then(|| {
                Diagnostic::error(
                    "dmarc.duplicate",
                    name,
                    format!("The pasted records hold {n} DMARC records at {name}: receivers apply none of them, so the domain has no DMARC policy today."),
                )
                .hint("Publish one DMARC record there: the plan's, in place of all of them.")
            })
        })
        .collect()
}

/// The DMARC records pasted at `name` that receivers read as such.
fn pasted_dmarc(
    existing: &[crate::dns::zonefile::ParsedRecord],
    name: &str,
) -> Vec<crate::dns::dmarc::DmarcRecord> {
    (pasted_dmarc_texts(existing, name).iter())
        .filter_map(|text| crate::dns::dmarc::parse_dmarc(text, name).0)
        .collect()
}

/// The `p` of a record pasted at `name` with `t=y` that receivers apply
/// as `applied`, so a message can say both.
fn testing_policy(
    existing: &[crate::dns::zonefile::ParsedRecord],
    name: &str,
    applied: DmarcPolicy,
) -> Option<DmarcPolicy> {
    (pasted_dmarc(existing, name).iter())
        .filter(|record| record.testing && self::applied(record) == Some(applied))
        .find_map(|record| record.policy.map(policy_of))
}

/// The `sp` of the DMARC record pasted at `name`, as receivers apply it.
pub(super) fn pasted_subdomain_policy(
    existing: &[crate::dns::zonefile::ParsedRecord],
    name: &str,
) -> Option<DmarcPolicy> {
    pasted_tag(existing, name, |record| record.subdomain_policy)
}

/// A policy tag (`sp`, `np`) of the DMARC record pasted at `name`, as
/// receivers apply it; `None` where the record does not write it.
fn pasted_tag(
    existing: &[crate::dns::zonefile::ParsedRecord],
    name: &str,
    tag: fn(&crate::dns::dmarc::DmarcRecord) -> Option<crate::dns::dmarc::Policy>,
) -> Option<DmarcPolicy> {
    let record = pasted_dmarc(existing, name).into_iter().next()?;
    Some(as_applied(record.testing, policy_of(tag(&record)?)))
}

/// A DMARC record's policy as receivers apply it: `t=y` asks them for one
/// step less (RFC 9989).
fn applied(record: &crate::dns::dmarc::DmarcRecord) -> Option<DmarcPolicy> {
    Some(as_applied(record.testing, policy_of(record.policy?)))
}

/// A policy as receivers apply it, one step less under `t=y`.
fn as_applied(testing: bool, policy: DmarcPolicy) -> DmarcPolicy {
    match (testing, policy) {
        (true, DmarcPolicy::Reject) => DmarcPolicy::Quarantine,
        (true, _) => DmarcPolicy::None,
        (false, policy) => policy,
    }
}

/// A warning for each new or warming lane whose From domain has a DMARC
/// record of its own among the pasted records, one that enforces: it
/// overrides the brand's record for that domain, rollout or not, so the
/// lane's mail must pass DMARC from its first message.
pub(super) fn subdomains_enforcing(
    plan: &Plan,
    existing: &[crate::dns::zonefile::ParsedRecord],
) -> Vec<Diagnostic> {
    let primary = normalize_domain(&plan.brand.primary_domain).unwrap_or_default();
    let starting = (plan.lanes.iter())
        .filter(|lane| matches!(lane.status, LaneStatus::New | LaneStatus::Warming));
    let mut out = Vec::new();
    for lane in starting {
        let Some(d) = lane_domains(lane).filter(|d| d.from_domain != primary) else {
            continue;
        };
        let name = format!("_dmarc.{}", d.from_domain);
        let policy = pasted_policy(existing, &name);
        let Some(policy) = policy.filter(|p| *p != DmarcPolicy::None) else {
            continue;
        };
        let acts = match policy {
            DmarcPolicy::Reject => "rejected",
            _ => "sent to spam",
        };
        out.push(
            Diagnostic::warning(
                "dmarc.subdomain_enforcing_unready",
                crate::plan::diagnostic::lane_checks(&lane.id),
                format!("The DMARC record published at {name} says {} for {}'s From domain, whatever the brand's rollout says, while the lane is new or still warming up: its mail must pass DMARC from the first message, or it is {acts}.", policy.label(), lane.name),
            )
            .hint("Publish the lane's DKIM and Return-Path records and confirm it passes (the published-DNS check) before it sends, or set that record to p=none while the lane starts."),
        );
    }
    out
}

/// A note while lanes send from subdomains of the brand's domain, the
/// plan leaves `np` unset and the record in force today (`stage`) does not
/// reject: spoofers make up subdomains that do not exist, which get
/// today's policy. A warning where the record pasted as published sets a
/// stricter `np`, which the plan would drop.
pub(super) fn nonexistent_unset(
    plan: &Plan,
    existing: &[ParsedRecord],
    stage: DmarcPolicy,
) -> Option<Diagnostic> {
    if plan.dmarc.np.is_some() || stage == DmarcPolicy::Reject {
        return None;
    }
    let primary = normalize_domain(&plan.brand.primary_domain).ok()?;
    let name = format!("_dmarc.{primary}");
    let dropped = pasted_tag(existing, &name, |r| r.nonexistent_policy).filter(|np| *np > stage);
    let today = format!(
        "p={}, the policy in force today{}",
        stage.as_str(),
        until(plan.dmarc.goal)
    );
    let message = match (dropped, sending_subdomain(plan, &primary)) {
        (Some(np), _) => format!("The DMARC record published at {name} sets np={}, which the planned record drops: mail from subdomains of {primary} that do not exist would get {today}.", np.as_str()),
        (None, Some(sub)) => format!("The lanes send from subdomains of {primary}, such as {sub}, so spoofers may make up others: mail from subdomains that do not exist gets {today}."),
        (None, None) => return None,
    };
    let (code, at) = ("dmarc.np_unset", "$.dmarc.np");
    let found = match dropped {
        Some(_) => Diagnostic::warning(code, at, message),
        None => Diagnostic::info(code, at, message),
    };
    let set = crate::plan::edit::Edit::Dmarc(DmarcField::Np(Some(DmarcPolicy::Reject)));
    Some(
        found
            .hint("Set np=reject: no real mail comes from a name that does not exist, and each lane's subdomain exists once its planned records are published.")
            .fix("Set np=reject", vec![set]),
    )
}

/// How long the rollout leaves a policy below reject in force.
fn until(goal: DmarcPolicy) -> String {
    match goal {
        DmarcPolicy::Reject => ", until the rollout reaches reject".to_string(),
        goal => format!(", and the rollout stops at p={}", goal.as_str()),
    }
}

/// The first lane From domain strictly under `primary`, if any.
fn sending_subdomain(plan: &Plan, primary: &str) -> Option<String> {
    (plan.lanes.iter())
        .filter_map(|lane| Some(lane_domains(lane)?.from_domain))
        .find(|from| from != primary && crate::domain::is_within(from, primary))
}

fn policy_of(policy: crate::dns::dmarc::Policy) -> DmarcPolicy {
    match policy {
        crate::dns::dmarc::Policy::None => DmarcPolicy::None,
        crate::dns::dmarc::Policy::Quarantine => DmarcPolicy::Quarantine,
        crate::dns::dmarc::Policy::Reject => DmarcPolicy::Reject,
    }
}
