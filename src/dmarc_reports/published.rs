//! What receivers saw published: the DMARC policies the kept reports name,
//! each with who reported it and the days, latest first; whether the
//! latest ones for the brand's primary domain (every policy seen on the
//! latest report day) are the policy the plan's rollout has in force on
//! that day; and where two reporters saw different policies on the same
//! day.
//!
//! Tags compare as receivers apply them, as the published-DNS check reads
//! a record: a missing `sp` is `p`, a missing `pct` is 100. A report that
//! leaves out `np`, `adkim`, `aspf` or `t` says nothing of it, since many
//! reporters do whatever the record says. Two reports
//! disagree only where both state a tag, a missing `sp` read as `p`: one
//! that leaves any other tag out does not disagree with one that writes it.

use super::store::{Seen, Store};
use super::PublishedPolicy;
use crate::dns::plan::{dmarc_record, stage_on};
use crate::domain::{is_within, normalize_domain};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::{DmarcPolicy, Plan};
use crate::units::{and_list, iso_date};

/// The code of a report finding whose p or sp differs from the plan's.
pub const POLICY_DIFFERS: &str = "dmarc_reports.published_policy";
/// The code of a report finding whose np differs from the plan's.
pub const NP_DIFFERS: &str = "dmarc_reports.published_np";
/// The code of a report finding whose adkim differs from the plan's.
pub const ADKIM_DIFFERS: &str = "dmarc_reports.published_adkim";
/// The code of a report finding whose aspf differs from the plan's.
pub const ASPF_DIFFERS: &str = "dmarc_reports.published_aspf";
/// The code of a report finding whose pct is not the plan's 100.
pub const PCT_DIFFERS: &str = "dmarc_reports.published_pct";
/// The code of a report finding in test mode (t=y) the plan never sets.
pub const TESTING_DIFFERS: &str = "dmarc_reports.published_testing";
/// The code of the finding where reporters saw different policies for one
/// domain on the same days.
pub const REPORTERS_DISAGREE: &str = "dmarc_reports.reporters_disagree";

/// One policy the reports saw published, with every organisation that
/// reported it and the first and last day of those reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub policy: PublishedPolicy,
    /// By name, in any case.
    pub orgs: Vec<String>,
    pub first: String,
    pub last: String,
}

impl Period {
    /// The days in words: one day, or the first to the last.
    pub fn days(&self) -> String {
        if self.first == self.last {
            self.first.clone()
        } else {
            format!("{} to {}", self.first, self.last)
        }
    }
}

/// Each distinct published policy (its domain included), the one seen
/// last first.
pub fn periods(store: &Store) -> Vec<Period> {
    let mut out: Vec<Period> = Vec::new();
    for seen in kept(store) {
        match out.iter_mut().find(|p| p.policy == seen.policy) {
            Some(p) => {
                if !p.orgs.contains(&seen.org) {
                    p.orgs.push(seen.org.clone());
                }
                if seen.first < p.first {
                    p.first.clone_from(&seen.first);
                }
                if seen.last > p.last {
                    p.last.clone_from(&seen.last);
                }
            }
            None => out.push(Period {
                policy: seen.policy.clone(),
                orgs: vec![seen.org.clone()],
                first: seen.first.clone(),
                last: seen.last.clone(),
            }),
        }
    }
    // Organisations read as the reporters list reads them: in any case.
    for p in &mut out {
        p.orgs
            .sort_by_cached_key(|org| (org.to_lowercase(), org.clone()));
    }
    out.sort_by(|a, b| {
        (&b.last, &b.first)
            .cmp(&(&a.last, &a.first))
            .then_with(|| a.policy.domain.cmp(&b.policy.domain))
            .then_with(|| by_name(&a.orgs).cmp(&by_name(&b.orgs)))
    });
    out
}

/// Organisation names in any case, for ordering periods seen on the same days.
fn by_name(orgs: &[String]) -> Vec<String> {
    orgs.iter().map(|org| org.to_lowercase()).collect()
}

/// A policy's tags as its report states them, `None` where it leaves one
/// out: p, sp, np, adkim, aspf, pct and t.
fn stated(policy: &PublishedPolicy) -> [Option<String>; 7] {
    let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
    [
        text(&policy.p),
        text(&policy.sp),
        policy.np.map(|np| np.as_str().to_string()),
        text(&policy.adkim),
        text(&policy.aspf),
        policy.pct.map(|n| n.to_string()),
        text(&policy.testing),
    ]
}

/// A policy's tags as receivers apply them where that is plain: `stated`,
/// with a missing sp taken as p.
fn applied(policy: &PublishedPolicy) -> [Option<String>; 7] {
    let mut tags = stated(policy);
    if tags[1].is_none() {
        tags[1] = tags[0].clone();
    }
    tags
}

/// Whether two reports' policies differ in a tag both state.
fn conflicts(a: &[Option<String>; 7], b: &[Option<String>; 7]) -> bool {
    a.iter()
        .zip(b)
        .any(|pair| matches!(pair, (Some(x), Some(y)) if x != y))
}

/// The store's entries but those another of the same organisation and
/// domain covers, stating every tag they state alike and more: reports
/// kept before the reader read a tag, imported again, are listed once.
fn kept(store: &Store) -> Vec<&Seen> {
    let all = &store.published;
    let tags: Vec<_> = all.iter().map(|s| stated(&s.policy)).collect();
    let says_more = |t: usize, s: usize| {
        let (a, b) = (&all[t], &all[s]);
        a.policy != b.policy
            && (a.first <= b.first && b.last <= a.last)
            && (tags[s].iter().zip(&tags[t])).all(|(x, y)| x.is_none() || x == y)
    };
    // Entries are sorted by organisation and domain: each is compared
    // within its own run of them.
    let mut out = Vec::new();
    let mut start = 0;
    for run in all.chunk_by(|a, b| (&a.org, &a.policy.domain) == (&b.org, &b.policy.domain)) {
        let run = start..start + run.len();
        out.extend(
            (run.clone())
                .filter(|&s| !run.clone().any(|t| says_more(t, s)))
                .map(|s| &all[s]),
        );
        start = run.end;
    }
    out
}

/// A published policy as its tags, such as `p=none; sp=none; np absent`,
/// then the alignment, `pct` and `t` where the report states them
/// (`; adkim=r; aspf=s; pct=100; t=y`), since they have plain defaults.
pub fn words(policy: &PublishedPolicy) -> String {
    let names = ["p", "sp", "np", "adkim", "aspf", "pct", "t"];
    let mut out = String::new();
    for (k, (name, value)) in names.into_iter().zip(stated(policy)).enumerate() {
        if value.is_none() && k > 2 {
            continue;
        }
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(name);
        match value {
            Some(v) => {
                out.push('=');
                out.push_str(&v);
            }
            None => out.push_str(" absent"),
        }
    }
    out
}

fn policy_of(text: &str) -> Option<DmarcPolicy> {
    DmarcPolicy::ALL.into_iter().find(|p| p.as_str() == text)
}

/// The latest policies the reports saw for the brand's primary domain
/// against the rollout's policy on their last day: `None` when there is
/// nothing to compare (no such report, or a p no receiver applies), else
/// the findings, none when they agree. Reporters that sent reports for the
/// same latest day may have seen different policies (a record read on
/// either side of a change, or two records), so each policy seen that day
/// is compared, in the order `periods` lists them; a difference several
/// of them share is one finding naming them all.
pub fn compare(plan: &Plan, store: &Store) -> Option<Vec<Diagnostic>> {
    let primary = normalize_domain(&plan.brand.primary_domain).ok()?;
    let all = periods(store);
    let ours = || all.iter().filter(|p| p.policy.domain == primary);
    let last = &ours().next()?.last;
    let mut found: Option<Vec<(Difference, Vec<String>)>> = None;
    for period in ours().take_while(|p| p.last == *last) {
        let Some(said) = compare_one(plan, &primary, period) else {
            continue;
        };
        let found = found.get_or_insert_with(Vec::new);
        for (key, by) in said {
            match found.iter_mut().find(|(k, _)| *k == key) {
                Some((_, bys)) => bys.push(by),
                None => found.push((key, vec![by])),
            }
        }
    }
    let found = found?.into_iter().map(|((code, path, rest, hint), bys)| {
        Diagnostic::warning(
            code,
            path,
            format!("{} published for {primary}, and {rest}", and_list(&bys)),
        )
        .hint(hint)
    });
    Some(found.collect())
}

/// A difference from the plan: its code, its path, its message after who
/// saw what, and its hint.
type Difference = (&'static str, &'static str, String, String);
/// A difference with who saw what, such as `google.com last saw p=none;
/// sp absent; np absent (2027-03-02)`.
type Said = (Difference, String);

/// The differences between one published policy and the rollout's on
/// the policy's last day; `None` when its p is none a receiver applies.
fn compare_one(plan: &Plan, primary: &str, latest: &Period) -> Option<Vec<Said>> {
    let seen = &latest.policy;
    let day = iso_date(&latest.last)?;
    let p = policy_of(&seen.p)?;
    // An sp no receiver knows is left out of the comparison.
    let sp = match seen.sp.as_str() {
        "" => Some(p),
        text => policy_of(text),
    };
    let stage = stage_on(plan, day);
    let planned_np = plan.dmarc.np.unwrap_or(stage);
    // The reporters come first, so tied findings differ from their start.
    let by = format!(
        "{} last saw {} ({})",
        and_list(&latest.orgs),
        words(seen),
        latest.days()
    );
    let record = dmarc_record(plan, stage);
    let at = format!("_dmarc.{primary}");
    let differs = |tag: &str, seen: String, planned: String| {
        format!("{tag} differs: receivers saw {seen}, the plan has {planned}")
    };
    // A value a missing tag takes from another says so.
    let fallback = |value: DmarcPolicy, absent: bool, tag: &str, from: &str| match absent {
        true => format!("{} ({tag} absent, so {from} applies)", value.as_str()),
        false => value.as_str().to_string(),
    };
    let mut out = Vec::new();
    let mut tags = Vec::new();
    if p != stage {
        tags.push(differs("p", p.as_str().into(), stage.as_str().into()));
    }
    if let Some(sp) = sp.filter(|sp| *sp != stage) {
        tags.push(differs(
            "sp",
            fallback(sp, seen.sp.is_empty(), "sp", "p"),
            stage.as_str().into(),
        ));
    }
    if !tags.is_empty() {
        out.push((
            (
                POLICY_DIFFERS,
                "$.dmarc.rollout_start",
                format!(
                    "the plan's rollout has p={} in force on {day}. {}.",
                    stage.as_str(),
                    tags.join("; ")
                ),
                format!(
                    "Update the DMARC record at {at} to the plan's ({record}), or change the rollout's dates if the published record is where it should be."
                ),
            ),
            by.clone(),
        ));
    }
    // Reporters differ in the tags they write: many leave np out whatever
    // the record says (the live DNS check reads the record itself), so
    // only an np the report states is compared.
    if let Some(np) = seen.np.filter(|np| *np != planned_np) {
        let tag = differs(
            "np",
            np.as_str().to_string(),
            fallback(planned_np, plan.dmarc.np.is_none(), "np", "sp"),
        );
        out.push((
            (
                NP_DIFFERS,
                "$.dmarc.np",
                format!("the plan has another policy for subdomains that do not exist on {day}. {tag}."),
                format!(
                    "Update the DMARC record at {at} to the plan's ({record}), or set the plan's policy for subdomains that do not exist to the one published if that is the one wanted."
                ),
            ),
            by.clone(),
        ));
    }
    // The rest of the record as receivers apply it, each difference with
    // what the plan's record does and the hint's way out: a missing adkim
    // or aspf in the plan's record is relaxed; the plan's record never
    // writes pct or t, so its policy applies to all
    // failing mail, in full. A report that leaves t out says nothing of it.
    let mut rest: Vec<(&'static str, &'static str, String, String, String)> = Vec::new();
    let alignments = [
        (
            ADKIM_DIFFERS,
            "adkim",
            "DKIM",
            "$.dmarc.strict_dkim",
            &seen.adkim,
            plan.dmarc.strict_dkim,
        ),
        (
            ASPF_DIFFERS,
            "aspf",
            "SPF",
            "$.dmarc.strict_spf",
            &seen.aspf,
            plan.dmarc.strict_spf,
        ),
    ];
    for (code, tag, what, path, reported, strict) in alignments {
        let mode = |v: &str| if v == "s" { "strict" } else { "relaxed" };
        let worded = |v: &str, absent: bool| match absent {
            true => format!("{v} ({tag} absent, so {} applies)", mode(v)),
            false => format!("{v} ({})", mode(v)),
        };
        let planned = if strict { "s" } else { "r" };
        // As with np, some reporters leave the alignment tags out whatever
        // the record says, so only a mode the report states is compared.
        let seen_mode = reported.as_str();
        if !seen_mode.is_empty() && seen_mode != planned {
            rest.push((
                code,
                path,
                differs(tag, worded(seen_mode, false), worded(planned, !strict)),
                format!("asks for {} {what} alignment", mode(planned)),
                format!(", or set the plan's {what} alignment to {} if the published one is wanted: the lanes' alignment checks follow the plan's", mode(seen_mode)),
            ));
        }
    }
    let stage = stage.as_str();
    if let Some(pct) = seen.pct.filter(|pct| *pct != 100) {
        rest.push((
            PCT_DIFFERS,
            "$.dmarc.rollout_start",
            differs(
                "pct",
                pct.to_string(),
                "100 (pct absent, so 100 applies)".into(),
            ),
            format!("applies p={stage} to all failing mail"),
            ": RFC 9989 drops pct, and the rollout's dated stages take its place".into(),
        ));
    }
    if seen.testing == "y" {
        rest.push((
            TESTING_DIFFERS,
            "$.dmarc.rollout_start",
            differs("t", "y (test mode)".into(), "n (t absent, so n applies)".into()),
            format!("applies p={stage} in full"),
            ": t=y asks receivers to apply one step less than p= (quarantine as none, reject as quarantine), and the rollout's p=none stage is the plan's test".into(),
        ));
    }
    for (code, path, tag, planned, way_out) in rest {
        out.push((
            (
                code,
                path,
                format!("the plan's record on {day} {planned}. {tag}."),
                format!("Update the DMARC record at {at} to the plan's ({record}){way_out}."),
            ),
            by.clone(),
        ));
    }
    Some(out)
}

/// The report findings: `compare`'s, then where reporters disagree;
/// `None` when there is nothing to compare and no disagreement.
pub fn findings(plan: &Plan, store: &Store) -> Option<Vec<Diagnostic>> {
    let disagree = disagreements(plan, store);
    match compare(plan, store) {
        Some(mut found) => {
            found.extend(disagree);
            Some(found)
        }
        None => (!disagree.is_empty()).then_some(disagree),
    }
}

/// Days two entries share, first and last, if any.
fn shared<'a>(a: &'a Seen, b: &'a Seen) -> Option<(&'a str, &'a str)> {
    let first = a.first.as_str().max(b.first.as_str());
    let last = a.last.as_str().min(b.last.as_str());
    (first <= last).then_some((first, last))
}

/// The day after a YYYY-MM-DD day, empty if it is no date.
fn day_after(day: &str) -> String {
    iso_date(day)
        .and_then(|d| d.succ_opt())
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// A warning for each run of days on which reporters saw different
/// policies published for the brand's primary domain or a domain under
/// it: a tag both state differs (sp as receivers apply it). One that
/// leaves another tag out agrees.
pub fn disagreements(plan: &Plan, store: &Store) -> Vec<Diagnostic> {
    let Ok(primary) = normalize_domain(&plan.brand.primary_domain) else {
        return Vec::new();
    };
    let seen: Vec<&Seen> = (kept(store).into_iter())
        .filter(|s| is_within(&s.policy.domain, &primary))
        .collect();
    let tags: Vec<_> = seen.iter().map(|s| applied(&s.policy)).collect();
    // Each pair of organisations' entries for one domain that share days
    // and state a tag differently, with those days; and each domain's
    // days of them, in order (kept without sorting, which would compile
    // another sort into the app).
    let mut clashes: Vec<(&str, &str, &str, [usize; 2])> = Vec::new();
    let mut days: Vec<(&str, Vec<String>)> = Vec::new();
    for (i, a) in seen.iter().enumerate() {
        for (j, b) in seen.iter().enumerate().skip(i + 1) {
            let domain = a.policy.domain.as_str();
            let Some((first, last)) = shared(a, b) else {
                continue;
            };
            if a.org == b.org || domain != b.policy.domain || !conflicts(&tags[i], &tags[j]) {
                continue;
            }
            clashes.push((domain, first, last, [i, j]));
            let at = days
                .iter()
                .position(|(d, _)| *d == domain)
                .unwrap_or_else(|| {
                    days.push((domain, Vec::new()));
                    days.len() - 1
                });
            let list = &mut days[at].1;
            let mut day = first.to_string();
            while !day.is_empty() && day.as_str() <= last {
                if let Err(at) = list.binary_search(&day) {
                    list.insert(at, day.clone());
                }
                day = day_after(&day);
            }
        }
    }
    // Each run of days that follow one another is one warning.
    let mut out = Vec::new();
    for (domain, list) in &days {
        let mut start = 0;
        for end in 1..=list.len() {
            if end < list.len() && list[end] == day_after(&list[end - 1]) {
                continue;
            }
            let (first, last) = (list[start].as_str(), list[end - 1].as_str());
            let members = (clashes.iter())
                .filter(|c| c.0 == *domain && c.1 <= last && first <= c.2)
                .flat_map(|c| c.3);
            out.push(disagreement(
                plan,
                &primary,
                domain,
                (first, last),
                members,
                (&seen, &tags),
            ));
            start = end;
        }
    }
    out
}

/// The warning for one run of days on which reporters disagree: each
/// policy with who saw it, the one seen first first. Entries that agree
/// (as `conflicts` reads them) are one side, worded as the one of them
/// that states the most tags, so only policies that differ are listed.
fn disagreement(
    plan: &Plan,
    primary: &str,
    domain: &str,
    (first, last): (&str, &str),
    members: impl Iterator<Item = usize>,
    (seen, tags): (&[&Seen], &[[Option<String>; 7]]),
) -> Diagnostic {
    // Each entry once, in the order `seen` holds them (kept without
    // sorting, as in `disagreements`).
    let mut member = vec![false; seen.len()];
    for m in members {
        member[m] = true;
    }
    // (the entry it is worded as, its entries).
    let mut sides: Vec<(usize, Vec<usize>)> = Vec::new();
    let said = |e: usize| stated(&seen[e].policy).iter().flatten().count();
    for m in (0..seen.len()).filter(|&m| member[m]) {
        let side =
            (sides.iter_mut()).find(|side| !side.1.iter().any(|&o| conflicts(&tags[o], &tags[m])));
        match side {
            Some(side) if said(m) > said(side.0) => {
                side.0 = m;
                side.1.push(m);
            }
            Some(side) => side.1.push(m),
            None => sides.push((m, vec![m])),
        }
    }
    // (first day seen, policy, organisations), in that order.
    let mut listed: Vec<(&str, String, Vec<String>)> = Vec::new();
    for (worded, entries) in sides {
        let policy = words(&seen[worded].policy);
        let mut orgs: Vec<String> = Vec::new();
        let mut since = last;
        for entry in entries.into_iter().map(|e| seen[e]) {
            if let Err(at) = orgs.binary_search(&entry.org) {
                orgs.insert(at, entry.org.clone());
            }
            since = since.min(entry.first.as_str());
        }
        let at = (listed.iter())
            .position(|s| (s.0, &s.1) > (since, &policy))
            .unwrap_or(listed.len());
        listed.insert(at, (since, policy, orgs));
    }
    let listed: Vec<String> = (listed.iter())
        .map(|(_, policy, orgs)| format!("{policy} ({})", and_list(orgs)))
        .collect();
    let one_day = first == last;
    let (days, cause, when) = match one_day {
        true => (
            format!("on {first}"),
            "The record probably changed that day, and some receivers read it before the change; if it did not change, more than one DMARC record may be published there, or DNS was still propagating a change.",
            "that day",
        ),
        false => (
            format!("from {first} to {last}"),
            "More than one DMARC record may be published there, or DNS was still propagating a change; the record may also have changed in those days.",
            "in those days",
        ),
    };
    let planned = match iso_date(last) {
        Some(day) if domain == primary => {
            format!(", the plan's ({})", dmarc_record(plan, stage_on(plan, day)))
        }
        _ => String::new(),
    };
    Diagnostic::warning(
        REPORTERS_DISAGREE,
        "$.dmarc",
        format!(
            "Reporters saw different DMARC policies published for {domain} {days}: {}. {cause}",
            and_list(&listed)
        ),
    )
    .hint(format!(
        "Check that _dmarc.{domain} holds a single DMARC record{planned}; the published-DNS check on the Domains tab reads it. If the record was changed {when}, the reports after it will agree."
    ))
}
