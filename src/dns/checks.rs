//! Authentication checks of a plan over its planned zone: every record
//! validated, each lane's SPF verdict per sending address with its trace,
//! DMARC alignment of SPF and DKIM with the From domain, and the 2025 bulk
//! sender requirements of Gmail, Yahoo and Microsoft.

use std::net::IpAddr;

use crate::dns::dkim::{parse_dkim_key, KeyType};
use crate::dns::dmarc::{discover, is_dmarc_record, parse_dmarc, Discovery};
use crate::dns::plan::{
    lane_domains, planned_zone, records_at_stage, unpublishable, LaneDomains, Pasted, PlannedRecord,
};
use crate::dns::psl::SuffixList;
use crate::dns::spf::{
    check_host, is_spf_record, lint_spf_in, SpfOutcome, SpfQuery, SpfReader, SpfResult,
    KNOWN_INCLUDES,
};
use crate::dns::zonefile::ParsedRecord;
use crate::dns::{Answer, RecordData, RecordType, Resolver, Zone};
use crate::plan::diagnostic::{lane_checks, Diagnostic, Fix};
use crate::plan::edit::{DmarcField, Edit};
use crate::plan::model::{DmarcPolicy, Lane, LaneStatus, MtaStsMode, Plan, Purpose};

/// Daily volume above which mailbox providers treat a sender as bulk; Gmail
/// counts every subdomain of the primary domain together.
pub const BULK_THRESHOLD: u64 = 5_000;

/// The SPF verdict for one sending address of a lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpfVerdict {
    pub ip: String,
    pub outcome: SpfOutcome,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Missing,
    /// Met once a placeholder is replaced, or checked outside the plan.
    Pending,
    NotApplicable,
}

/// One bulk-sender requirement for one lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    pub requirement: &'static str,
    /// Which mailbox providers require it.
    pub required_by: &'static str,
    pub status: Status,
    pub detail: String,
}

/// Everything the checks say about one lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaneAuth {
    pub lane_id: String,
    pub domains: LaneDomains,
    pub spf: Vec<SpfVerdict>,
    /// The provider host the bounce name's CNAME leads to, where the
    /// provider keeps the SPF record the plan cannot see.
    pub spf_behind: Option<String>,
    /// Organisational domains of the bounce and DKIM domains (tree walk).
    pub bounce_org: String,
    pub dkim_org: String,
    /// The same three by the Public Suffix List (RFC 7489), when given one.
    pub psl_orgs: Option<[Option<String>; 3]>,
    pub strict_spf: bool,
    pub strict_dkim: bool,
    pub spf_aligned: bool,
    pub dkim_aligned: bool,
    pub dmarc: Discovery,
    pub requirements: Vec<Requirement>,
}

/// The checks for a whole plan.
#[derive(Clone, Debug, PartialEq)]
pub struct AuthReport {
    pub lanes: Vec<LaneAuth>,
    pub findings: Vec<Diagnostic>,
}

/// Names outside the planned zone cannot be known: they answer as a
/// failed lookup, so verdicts that depend on them say temperror.
struct PlannedResolver<'a> {
    zone: &'a Zone,
}

impl Resolver for PlannedResolver<'_> {
    fn query(&self, name: &str, rtype: RecordType) -> Answer {
        match self.zone.query(name, rtype) {
            Answer::NxDomain if !self.zone.contains_name(name) && !name.ends_with(".arpa") => {
                Answer::Failure
            }
            answer => answer,
        }
    }
}

/// Runs every check over the plan's records joined with the existing ones.
pub fn check_authentication(plan: &Plan) -> AuthReport {
    check_authentication_with(plan, &Pasted::of(plan), None, plan.dmarc.goal)
}

/// The checks, plus a comparison of each lane's alignment under RFC 9989's
/// tree walk with alignment under RFC 7489's Public Suffix List, which
/// receivers that have not moved to RFC 9989 still use. The brand's DMARC
/// record is at the rollout's `stage`, so the policy shown is the one that
/// applies while that stage is published. `pasted` holds the plan's
/// pasted records, read once for the whole check.
pub fn check_authentication_with(
    plan: &Plan,
    pasted: &Pasted,
    psl: Option<&SuffixList>,
    stage: DmarcPolicy,
) -> AuthReport {
    let (zone, mut findings) = planned_zone(plan, pasted, stage);
    // The records at the rollout's goal, which the checks below read.
    let planned = records_at_stage(plan, pasted, plan.dmarc.goal);
    findings.extend(psl.and_then(|list| public_suffix(plan, list)));
    findings.extend(record_findings(plan, &zone, &planned));
    findings.extend(extras_findings(plan, pasted));
    findings.extend(shared_keys(plan));
    let bounces = bounces_on_mail_names(plan, &pasted.records, &planned);
    // A Return-Path name that carries other mail has an error that says
    // what replacing its records does; a note advising it would contradict it.
    let at_bounces: Vec<String> = (pasted.records.iter())
        .filter(|r| bounces.iter().any(|(name, _)| *name == r.name))
        .map(|r| format!("line {}", r.line))
        .collect();
    findings.retain(|d| !(d.code == "dns.replaced" && at_bounces.contains(&d.path)));
    findings.extend(bounces.into_iter().map(|(_, d)| d));
    findings.extend(unused_mailgun_return_paths(plan));
    let stale = stale_return_paths(plan, &pasted.records, &planned);
    // The stale CNAME's error says what to publish instead: the note that
    // the plan replaces it, or the clash beside the planned SPF, would
    // repeat it.
    findings.retain(|d| {
        !stale.iter().any(|(name, line, _)| {
            (d.code == "dns.replaced" && d.path == *line)
                || (d.code == "dns.cname_and_other" && d.path == *name)
        })
    });
    findings.extend(stale.into_iter().map(|(_, _, d)| d));
    let lanes = plan
        .lanes
        .iter()
        .filter_map(|lane| lane_auth(plan, (&zone, &planned), psl, lane, &mut findings))
        .collect();
    AuthReport { lanes, findings }
}

/// An error for each lane whose Return-Path domain is where the company's
/// own mail lives: the primary domain, or a name with existing MX or SPF
/// records. The bounce records planned there would replace that MX and
/// SPF, taking its incoming mail and failing SPF for its other senders.
/// Each error comes with the name.
fn bounces_on_mail_names(
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
            format!("{}'s Return-Path domain is {}, where the company's own mail lives: the bounce records planned there would replace its MX and SPF records, sending its incoming mail to {} and failing SPF for everything else it sends.", lane.name, d.bounce_domain, lane.smtp.provider.label()),
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
fn stale_return_paths(
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

/// A warning for each Mailgun lane given a Return-Path domain other than
/// its sending domain: Mailgun bounces at the domain added to it, so the
/// name set is never used and its records are not planned.
fn unused_mailgun_return_paths(plan: &Plan) -> Vec<Diagnostic> {
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
        } else {
            "Publish each new lane's DKIM and Return-Path records and confirm it passes (the published-DNS check) before it sends, or move the rollout start so the record is at p=none while the lanes start."
        }),
    )
}

/// An error when the primary domain is itself a public suffix, such as
/// `co.uk`: no one registers it, and its DMARC record is not the brand's.
fn public_suffix(plan: &Plan, list: &SuffixList) -> Option<Diagnostic> {
    let primary = crate::domain::normalize_domain(&plan.brand.primary_domain).ok()?;
    if list.organizational_domain(&primary).is_some() {
        return None;
    }
    Some(
        Diagnostic::error(
            "brand.public_suffix",
            "$.brand.primary_domain",
            format!("“{primary}” is a public suffix: names are registered under it, not it."),
        )
        .hint(format!(
            "Enter the domain the brand registered under it, such as brand.{primary}."
        )),
    )
}

/// One lane's authentication in the planned zone: its SPF verdicts, DMARC
/// policy and alignment, and the bulk-sender requirements it meets; its
/// findings go to `findings`. None for a lane without a sending domain.
fn lane_auth(
    plan: &Plan,
    (zone, planned): (&Zone, &[PlannedRecord]),
    psl: Option<&SuffixList>,
    lane: &Lane,
    findings: &mut Vec<Diagnostic>,
) -> Option<LaneAuth> {
    let domains = lane_domains(lane)?;
    // A provider's CNAME leads out of the plan, so its SPF is checked live.
    let spf_behind = cname_at(zone, &domains.bounce_domain);
    let spf = match spf_behind {
        Some(_) => Vec::new(),
        None => lane_spf(&PlannedResolver { zone }, lane, &domains),
    };
    let dmarc = discover(zone, &domains.from_domain);
    let org = |name: &str| discover(zone, name).organizational_domain;
    let a = Aligned::of(plan, zone, &domains, &dmarc);
    let psl_orgs = psl.map(|list| {
        [
            &domains.from_domain,
            &domains.bounce_domain,
            &domains.dkim_domain,
        ]
        .map(|d| list.organizational_domain(d))
    });
    if let Some(orgs) = &psl_orgs {
        let strict = (a.strict_spf, a.strict_dkim);
        findings.extend(psl_differs(lane, &domains, orgs, strict, (a.spf, a.dkim)));
        let index = plan.lanes.iter().position(|l| l.id == lane.id).unwrap_or(0);
        findings.extend(suffix_identities(lane, index, &domains, orgs));
    }
    lane_findings(plan, lane, &domains, &a, &dmarc, findings);
    let requirements = requirements(plan, (zone, planned), lane, &domains, &spf, &a, &dmarc);
    Some(LaneAuth {
        lane_id: lane.id.clone(),
        bounce_org: org(&domains.bounce_domain),
        dkim_org: org(&domains.dkim_domain),
        domains,
        spf,
        spf_behind,
        psl_orgs,
        strict_spf: a.strict_spf,
        strict_dkim: a.strict_dkim,
        spf_aligned: a.spf,
        dkim_aligned: a.dkim,
        dmarc,
        requirements,
    })
}

/// A lane's DMARC alignment: the modes the record in force asks for (the
/// plan's own where no record applies), and whether SPF's and DKIM's
/// domains align with the From domain under them.
struct Aligned {
    strict_spf: bool,
    strict_dkim: bool,
    spf: bool,
    dkim: bool,
}

impl Aligned {
    fn of(plan: &Plan, zone: &Zone, domains: &LaneDomains, dmarc: &Discovery) -> Aligned {
        use crate::dns::dmarc::Alignment::Strict;
        let policy = dmarc.record.as_ref().map(|(_, r)| r);
        let strict_spf = policy.map_or(plan.dmarc.strict_spf, |r| r.aspf == Strict);
        let strict_dkim = policy.map_or(plan.dmarc.strict_dkim, |r| r.adkim == Strict);
        let aligned = |other: &str, strict: bool| {
            if strict {
                other == domains.from_domain
            } else {
                discover(zone, other).organizational_domain == dmarc.organizational_domain
            }
        };
        Aligned {
            strict_spf,
            strict_dkim,
            spf: aligned(&domains.bounce_domain, strict_spf),
            dkim: aligned(&domains.dkim_domain, strict_dkim),
        }
    }

    /// Whether either identity aligns, which is all DMARC needs.
    fn any(&self) -> bool {
        self.spf || self.dkim
    }
}

/// A warning when DMARC alignment under the RFC 9989 tree walk (SPF's and
/// DKIM's, `aligned`) differs from alignment by the Public Suffix List
/// (RFC 7489), whose organisational domains of the From, bounce and DKIM
/// domains are `orgs`; a note when only one identity differs, as that
/// identity is the backup when the other fails (a forward breaks SPF, a
/// rotated key DKIM).
fn psl_differs(
    lane: &Lane,
    domains: &LaneDomains,
    [from, bounce, dkim]: &[Option<String>; 3],
    (strict_spf, strict_dkim): (bool, bool),
    (spf, dkim_aligned): (bool, bool),
) -> Option<Diagnostic> {
    let psl_aligned = |other: &str, org: &Option<String>, strict: bool| {
        if strict {
            other == domains.from_domain
        } else {
            from.is_some() && org == from
        }
    };
    let old = (
        psl_aligned(&domains.bounce_domain, bounce, strict_spf),
        psl_aligned(&domains.dkim_domain, dkim, strict_dkim),
    );
    let (aligned, old_any) = (spf || dkim_aligned, old.0 || old.1);
    let verb = |aligns: bool| if aligns { "aligns" } else { "fails" };
    let puts = format!(
        "which puts {} in {}",
        domains.from_domain,
        from.as_deref().unwrap_or("no organisation")
    );
    let hint = "Keep the bounce and DKIM domains under the From domain's registrable domain, so both methods agree.";
    if old_any != aligned {
        return Some(
            Diagnostic::warning(
                "align.psl_differs",
                lane_checks(&lane.id),
                format!(
                    "{}: DMARC {} under the RFC 9989 tree walk but {} for receivers that still use the Public Suffix List (RFC 7489), {puts}.",
                    lane.name,
                    verb(aligned),
                    verb(old_any),
                ),
            )
            .hint(hint),
        );
    }
    let (which, now) = match (spf != old.0, dkim_aligned != old.1) {
        (true, false) => ("SPF", spf),
        (false, true) => ("DKIM", dkim_aligned),
        // Each method has one identity, and not the same one: neither has
        // a backup.
        (true, true) => {
            let one = |spf: bool| if spf { "SPF" } else { "DKIM" };
            return Some(
                Diagnostic::info(
                    "align.psl_differs_one",
                    lane_checks(&lane.id),
                    format!(
                        "{}: DMARC rests on {} alone under the RFC 9989 tree walk and on {} alone for receivers that still use the Public Suffix List (RFC 7489), {puts}; neither has a backup.",
                        lane.name,
                        one(spf),
                        one(old.0),
                    ),
                )
                .hint(hint),
            );
        }
        (false, false) => return None,
    };
    Some(
        Diagnostic::info(
            "align.psl_differs_one",
            lane_checks(&lane.id),
            format!(
                "{}: {which} {} under the RFC 9989 tree walk but {} for receivers that still use the Public Suffix List (RFC 7489), {puts}. DMARC passes either way while the other identity aligns, but {which} is no backup for it there.",
                lane.name,
                verb(now),
                verb(!now),
            ),
        )
        .hint(hint),
    )
}

/// An error for each of a lane's From, bounce and DKIM domains that is a
/// public suffix (no organisation under the Public Suffix List): no one
/// registers it, so its records are not the brand's to publish.
fn suffix_identities(
    lane: &Lane,
    index: usize,
    d: &LaneDomains,
    orgs: &[Option<String>; 3],
) -> Vec<Diagnostic> {
    let names = [
        (&d.from_domain, "From", "from_address"),
        (&d.bounce_domain, "Return-Path", "return_path_domain"),
        (&d.dkim_domain, "DKIM", "dkim_domain"),
    ];
    let mut out: Vec<Diagnostic> = Vec::new();
    for ((name, role, field), org) in names.into_iter().zip(orgs) {
        if org.is_some() || out.iter().any(|f| f.message.contains(&format!("“{name}”"))) {
            continue;
        }
        out.push(
            Diagnostic::error(
                "lane.public_suffix",
                format!("$.lanes[{index}].{field}"),
                format!("{}: the {role} domain “{name}” is a public suffix: names are registered under it, not it.", lane.name),
            )
            .hint("Use a subdomain of the brand's own domain, such as bounce.mail.brand.com."),
        );
    }
    out
}

/// SPF `check_host()` for each of a lane's sending addresses, as a receiver
/// runs it for mail from the lane's bounce domain, over any resolver: the
/// planned zone here, published DNS in `dns::live`.
pub fn lane_spf(resolver: &dyn Resolver, lane: &Lane, domains: &LaneDomains) -> Vec<SpfVerdict> {
    let mail_from = format!("bounce@{}", domains.bounce_domain);
    lane.ip_addresses
        .iter()
        .filter_map(|ip| ip.trim().parse::<IpAddr>().ok())
        .map(|ip| {
            let query = SpfQuery {
                ip,
                mail_from: &mail_from,
                helo: &domains.bounce_domain,
                receiver: "receiver.example",
                timestamp: 0,
            };
            SpfVerdict {
                ip: ip.to_string(),
                outcome: check_host(resolver, &query),
            }
        })
        .collect()
}

/// Findings about the records themselves: planned names DNS cannot hold,
/// SPF, DMARC and DKIM syntax and limits, null MX records that are not
/// alone or not preference 0, and CNAMEs that share a name with other
/// records.
fn record_findings(plan: &Plan, zone: &Zone, planned: &[PlannedRecord]) -> Vec<Diagnostic> {
    let placeholders: Vec<&str> = planned
        .iter()
        .filter(|r| r.placeholder)
        .map(|r| r.name.as_str())
        .collect();
    let mut out = oversized_findings(planned);
    let spf = SpfReader::new(zone);
    for (name, records) in zone.names() {
        let records: Vec<&RecordData> = records.iter().collect();
        out.extend(null_mx_findings(name, &records));
        if records.iter().any(|r| matches!(r, RecordData::Cname(_))) && records.len() > 1 {
            out.push(
                Diagnostic::error("dns.cname_and_other", name, format!("{name} has a CNAME and other records; a CNAME must stand alone (RFC 1034 §3.6.2)."))
                    .hint("Move the other records to another name, or drop the CNAME."),
            );
        }
        let texts: Vec<String> = records
            .iter()
            .filter_map(|r| match r {
                RecordData::Txt(strings) => {
                    Some(String::from_utf8_lossy(&strings.concat()).into_owned())
                }
                _ => None,
            })
            .collect();
        if texts.iter().any(|t| is_spf_record(t.as_bytes())) {
            out.extend(lint_spf_in(&spf, name, &KNOWN_INCLUDES));
        }
        out.extend(texts.iter().filter_map(|t| spf_lookalike(name, t)));
        let dmarc: Vec<&String> = texts.iter().filter(|t| is_dmarc_record(t)).collect();
        if name.starts_with("_dmarc.") {
            if dmarc.len() > 1 {
                out.push(
                    Diagnostic::error(
                        "dmarc.duplicate",
                        name,
                        format!(
                            "{} DMARC records at {name}; receivers apply none of them.",
                            dmarc.len()
                        ),
                    )
                    .hint("Keep one record."),
                );
            }
            for text in &dmarc {
                let (record, findings) = parse_dmarc(text, name);
                out.extend(findings);
                if let Some(record) = record {
                    for (kind, addresses) in [
                        (Reports::Aggregate, &record.rua),
                        (Reports::Failure, &record.ruf),
                    ] {
                        out.extend(unverified_reports(zone, planned, name, kind, addresses));
                    }
                    out.extend(brand_psd(plan, name, &record));
                }
            }
            // A record that names DMARC1 further on is ignored by receivers;
            // its parse says why.
            for text in texts.iter().filter(|t| !is_dmarc_record(t)) {
                if text.to_ascii_lowercase().contains("v=dmarc1") {
                    out.extend(parse_dmarc(text, name).1);
                }
            }
        } else if !dmarc.is_empty() && !name.contains("._report._dmarc.") {
            // A report authorisation record (RFC 9989 §7.1) is a DMARC record
            // by its text, and sits where it belongs.
            out.push(
                Diagnostic::warning(
                    "dmarc.misplaced",
                    name,
                    format!("A DMARC record at {name} has no effect; it belongs at _dmarc.{name}."),
                )
                .hint(format!("Move it to _dmarc.{name}.")),
            );
        }
        // The plan's own placeholder key is checked once filled in; a key
        // pasted in its place is checked as it stands.
        if name.contains("._domainkey.") {
            let placeholder = placeholders.contains(&name);
            for text in texts.iter().filter(|t| !(placeholder && t.contains('<'))) {
                out.extend(parse_dkim_key(text, name).1);
            }
        }
    }
    // A record walked through another's include reports what its own check
    // reports; each finding is kept once.
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(out.len());
    for finding in out {
        if !kept.contains(&finding) {
            kept.push(finding);
        }
    }
    kept
}

/// The two kinds of report a DMARC record asks for: `rua` and `ruf`.
#[derive(Clone, Copy)]
enum Reports {
    Aggregate,
    Failure,
}

/// A warning for each report address outside the policy domain's
/// organisation whose domain does not authorise the reports (RFC 9989
/// §7.1); receivers drop them. Failure reports need the same record as
/// aggregate ones. The plan's own authorisation records count.
fn unverified_reports(
    zone: &Zone,
    planned: &[PlannedRecord],
    name: &str,
    kind: Reports,
    addresses: &[String],
) -> Vec<Diagnostic> {
    let domain = name.strip_prefix("_dmarc.").unwrap_or(name);
    let org = discover(zone, domain).organizational_domain;
    let (code, what) = match kind {
        Reports::Aggregate => ("dmarc.rua_unverified", "Reports"),
        Reports::Failure => ("dmarc.ruf_unverified", "Failure reports (ruf)"),
    };
    addresses.iter()
        .filter_map(|address| {
            let to = crate::domain::address_domain(address)?.to_ascii_lowercase();
            let auth = format!("{domain}._report._dmarc.{to}");
            let outside = !crate::domain::is_within(&to, &org);
            // A wildcard record authorises every domain's reports (RFC 9989 §7.1).
            let wildcard = format!("*._report._dmarc.{to}");
            let published = |name: &str| {
                zone.query(name, RecordType::Txt).records().iter().any(
                    |r| matches!(r, RecordData::Txt(s) if is_dmarc_record(&String::from_utf8_lossy(&s.concat()))),
                )
            };
            let authorised = planned.iter().any(|r| r.name == auth)
                || published(&auth)
                || published(&wildcard);
            (outside && !authorised).then(|| {
                Diagnostic::warning(
                    code,
                    name,
                    format!("{what} for {domain} go to {address}, outside its organisation; receivers send them only if {to} publishes “v=DMARC1” at {auth}."),
                )
                .hint(format!("Ask the report service to publish that record, or send reports to an address under {org}."))
            })
        })
        .collect()
}

/// `psd=y` on the brand's own domain or a subdomain of it: it declares a
/// public suffix, so the RFC 9989 tree walk takes the names below it for
/// organisational domains of their own, and mail from one to another no
/// longer aligns.
fn brand_psd(
    plan: &Plan,
    name: &str,
    record: &crate::dns::dmarc::DmarcRecord,
) -> Option<Diagnostic> {
    let domain = name.strip_prefix("_dmarc.")?;
    let primary = plan.brand.primary_domain.trim().to_ascii_lowercase();
    let own =
        !primary.is_empty() && (domain == primary || domain.ends_with(&format!(".{primary}")));
    (own && record.psd == crate::dns::dmarc::Psd::Yes).then(|| {
        Diagnostic::error(
            "dmarc.psd_on_brand",
            name,
            format!("psd=y at {name} declares {domain} a public suffix, which only registries are: the tree walk then takes the names below it for separate organisations, and their SPF and DKIM no longer align with each other."),
        )
        .hint("Remove psd=y; a brand's own domain is never a public suffix.")
    })
}

/// A TXT record that begins like SPF but is not one (`v=spf10`, or
/// `"v=spf1" "+all"`, whose strings join with no space): receivers read
/// only a record that is exactly `v=spf1` or begins `v=spf1 `, so the
/// name has no SPF record though it looks as if it had.
fn spf_lookalike(name: &str, text: &str) -> Option<Diagnostic> {
    let looks = text
        .get(..5)
        .is_some_and(|v| v.eq_ignore_ascii_case("v=spf"));
    (looks && !is_spf_record(text.as_bytes())).then(|| {
        Diagnostic::warning(
            "spf.lookalike",
            name,
            format!("The TXT record “{text}” at {name} begins like SPF but is not an SPF record, so receivers find no SPF policy there."),
        )
        .hint("Begin the record with “v=spf1” and a space. Quoted strings join with nothing between them, so put the space inside a string.")
    })
}

/// Planned names that DNS cannot hold: a long domain under a selector or
/// `_dmarc.` prefix can pass 253 characters though the domain alone fits.
/// Each is reported at its name, which the domains page shows.
fn oversized_findings(planned: &[PlannedRecord]) -> Vec<Diagnostic> {
    planned
        .iter()
        .filter_map(|record| {
            let why = unpublishable(&record.name)?;
            let hint = match record.lane {
                Some(_) => "Shorten the lane's sending, bounce or DKIM domain, or its DKIM selector.",
                None => "Shorten the primary domain or the report address's domain.",
            };
            let message = format!("The planned record cannot be published: {why}. Zone files and exports leave it out.");
            Some(Diagnostic::error("dns.name_too_long", &record.name, message).hint(hint))
        })
        .collect()
}

/// A null MX (RFC 7505) says a domain takes no mail: it has preference 0
/// and stands alone, or receivers may still try the other hosts.
fn null_mx_findings(name: &str, records: &[&RecordData]) -> Vec<Diagnostic> {
    let mx: Vec<(u16, &str)> = records
        .iter()
        .filter_map(|r| match r {
            RecordData::Mx {
                preference,
                exchange,
            } => Some((*preference, exchange.as_str())),
            _ => None,
        })
        .collect();
    let Some(&(preference, _)) = mx.iter().find(|(_, e)| e.is_empty()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if mx.len() > 1 {
        out.push(
            Diagnostic::warning("dns.null_mx_not_alone", name, format!("{name} has a null MX beside other MX records; a null MX must stand alone (RFC 7505 §3)."))
                .hint("Keep the null MX if the domain takes no mail, or remove it."),
        );
    }
    if preference != 0 {
        out.push(
            Diagnostic::warning(
                "dns.null_mx_preference",
                name,
                format!(
                    "The null MX at {name} has preference {preference}; RFC 7505 §3 gives it 0."
                ),
            )
            .hint("Write it as “MX 0 .”."),
        );
    }
    out
}

/// A warning for each lane that signs under another lane's DKIM selector:
/// one key then serves both, and reports cannot tell their mail apart.
/// Easy DKIM's tokens are each lane's own.
fn shared_keys(plan: &Plan) -> Vec<Diagnostic> {
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
fn extras_findings(plan: &Plan, pasted: &Pasted) -> Vec<Diagnostic> {
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

#[allow(clippy::too_many_arguments)]
fn lane_findings(
    plan: &Plan,
    lane: &Lane,
    d: &LaneDomains,
    a: &Aligned,
    dmarc: &Discovery,
    out: &mut Vec<Diagnostic>,
) {
    let (at, lane_name) = (lane_checks(&lane.id), &lane.name);
    // The plan's alignment modes are its own to relax; a lane domain's own
    // pasted record is the team's to change.
    let primary = crate::domain::normalize_domain(&plan.brand.primary_domain).unwrap_or_default();
    let plans_modes = (dmarc.record.as_ref()).is_none_or(|(name, _)| *name == primary);
    let relax = |label: &str, set: DmarcField| {
        plans_modes.then(|| Fix {
            label: label.to_string(),
            edits: vec![Edit::Dmarc(set)],
        })
    };
    if a.strict_spf && d.bounce_domain != d.from_domain {
        let finding = Diagnostic::warning("align.strict_spf", &at, format!("{lane_name}: aspf=s needs the bounce domain {} to equal the From domain {}, so SPF never aligns.", d.bounce_domain, d.from_domain))
            .hint("Use relaxed SPF alignment (aspf=r), which accepts any bounce subdomain of the same organisation.");
        out.push(
            match relax("Use relaxed SPF alignment", DmarcField::StrictSpf(false)) {
                Some(fix) => finding.with_fix(fix),
                None => finding,
            },
        );
    }
    if a.strict_dkim && d.dkim_domain != d.from_domain {
        let finding = Diagnostic::warning(
            "align.strict_dkim",
            &at,
            format!(
                "{lane_name}: adkim=s needs d={} to equal the From domain {}.",
                d.dkim_domain, d.from_domain
            ),
        )
        .hint("Sign with d= set to the From domain, or use relaxed DKIM alignment.");
        out.push(
            match relax("Use relaxed DKIM alignment", DmarcField::StrictDkim(false)) {
                Some(fix) => finding.with_fix(fix),
                None => finding,
            },
        );
    }
    if crate::dns::plan::spf_authorises_nothing(lane) {
        out.push(
            Diagnostic::warning(
                "spf.authorises_nothing",
                &at,
                format!(
                    "{lane_name}: the planned SPF at {} is v=spf1 -all, which authorises no server, as the lane lists no IP addresses and {} has no include Switchyard knows; its mail fails SPF.",
                    d.bounce_domain,
                    lane.smtp.provider.label()
                ),
            )
            .hint("List the sending server's IP addresses on the Domains tab, or use the Return-Path the provider gives, whose SPF it publishes."),
        );
    }
    if a.spf && !a.dkim {
        out.push(
            Diagnostic::warning("align.spf_only", &at, format!("{lane_name} passes DMARC on SPF alone; forwarded mail loses SPF and then fails DMARC."))
                .hint("Sign with a DKIM domain in the From domain's organisation."),
        );
    }
    if !a.any() {
        out.push(
            Diagnostic::error("align.none", &at, format!("{lane_name}: neither SPF nor DKIM aligns with the From domain {}, so DMARC fails.", d.from_domain))
                .hint("Put the bounce and DKIM domains under the From domain's organisation."),
        );
    }
    if dmarc.record.is_none() {
        out.push(
            Diagnostic::error(
                "dmarc.none_applies",
                &at,
                format!("{lane_name}: no DMARC record applies to {}.", d.from_domain),
            )
            .hint(dmarc_home_hint(plan, &d.from_domain)),
        );
    }
}

/// Where a From domain's DMARC record belongs: the primary domain covers
/// its own subdomains, never another organisation's.
fn dmarc_home_hint(plan: &Plan, from: &str) -> String {
    match crate::domain::normalize_domain(&plan.brand.primary_domain) {
        Ok(primary) if crate::domain::is_within(from, &primary) => {
            "Publish a DMARC record at the primary domain; subdomains inherit it.".to_string()
        }
        _ => format!("Publish a DMARC record at _dmarc of {from}'s registered domain, or send from a subdomain of the primary domain."),
    }
}

/// The mailbox providers whose bulk-sender rules a requirement comes from.
const BULK_RULES_BY: &str = "Gmail, Yahoo, Microsoft";

/// The bulk-sender rules' rows for one lane, each with its status and the
/// evidence behind it.
fn requirements(
    plan: &Plan,
    (zone, planned): (&Zone, &[PlannedRecord]),
    lane: &Lane,
    d: &LaneDomains,
    spf: &[SpfVerdict],
    a: &Aligned,
    dmarc: &Discovery,
) -> Vec<Requirement> {
    let marketing = lane.purpose != Purpose::Transactional;
    let (spf_aligned, dkim_aligned) = (a.spf, a.dkim);
    let status = |ok: bool| if ok { Status::Met } else { Status::Missing };
    let policy = dmarc
        .record
        .as_ref()
        .and_then(|(_, r)| r.effective_policy());
    let mut rows = vec![
        spf_row(zone, lane, d, spf),
        dkim_row(zone, planned, d),
        Requirement {
            requirement: "DMARC published, at least p=none",
            required_by: BULK_RULES_BY,
            status: status(policy.is_some()),
            detail: dmarc
                .record
                .as_ref()
                .map_or("No DMARC record applies.".to_string(), |(name, _)| {
                    format!("From _dmarc.{name}.")
                }),
        },
        Requirement {
            requirement: "From domain aligned with SPF or DKIM",
            required_by: BULK_RULES_BY,
            status: status(spf_aligned || dkim_aligned),
            detail: format!(
                "SPF {}, DKIM {}.",
                if spf_aligned {
                    "aligned"
                } else {
                    "not aligned"
                },
                if dkim_aligned {
                    "aligned"
                } else {
                    "not aligned"
                }
            ),
        },
        Requirement {
            requirement: "One-click unsubscribe (RFC 8058) on marketing mail",
            required_by: "Gmail, Yahoo",
            status: if marketing {
                Status::Pending
            } else {
                Status::NotApplicable
            },
            detail: if marketing {
                "Check List-Unsubscribe and List-Unsubscribe-Post in QA; honour requests within 2 days.".into()
            } else {
                "Transactional mail needs no unsubscribe.".into()
            },
        },
        Requirement {
            requirement: "Spam complaint rate under 0.1%, never 0.3%",
            required_by: BULK_RULES_BY,
            status: Status::Pending,
            detail: "Measured once mail flows; watch Postmaster Tools and SNDS per lane.".into(),
        },
    ];
    rows.extend(bulk_sender(plan));
    rows
}

/// Gmail's bulk-sender line, which the brand's whole volume crosses or not.
fn bulk_sender(plan: &Plan) -> Option<Requirement> {
    // One-off sends count: Gmail's line is the mail of any 24 hours, and a
    // send's day carries it with the day's own.
    let brand_volume = plan.total_daily_volume();
    if brand_volume <= BULK_THRESHOLD {
        return None;
    }
    let primary = crate::domain::normalize_domain(&plan.brand.primary_domain).ok();
    Some(Requirement {
        requirement: "Treated as a bulk sender",
        required_by: "Gmail",
        status: Status::Met,
        detail: format!(
            "{} messages a day across {}; Gmail counts every subdomain together, so all rows apply.",
            crate::units::group(brand_volume),
            primary.as_deref().unwrap_or("the brand's domains")
        ),
    })
}

/// The CNAME target at `name` in the planned zone, if any.
fn cname_at(zone: &Zone, name: &str) -> Option<String> {
    zone.query(name, RecordType::Cname)
        .records()
        .iter()
        .find_map(|r| match r {
            RecordData::Cname(target) => Some(target.clone()),
            _ => None,
        })
}

/// SPF passes for the bounce domain: published, and every sending
/// address checked passes (pending until the lane lists its IPs).
fn spf_row(zone: &Zone, lane: &Lane, d: &LaneDomains, spf: &[SpfVerdict]) -> Requirement {
    let cname = cname_at(zone, &d.bounce_domain);
    // A CNAME the lane's provider does not ask for is stale from an
    // earlier setup: SPF is looked up at a host that does not authorise
    // the lane (`stale_return_paths`).
    let stale = |t: &String| crate::dns::plan::earlier_return_path(lane, t);
    if let Some((target, whose)) = cname.as_ref().and_then(|t| Some((t, stale(t)?))) {
        return Requirement {
            requirement: "SPF passes for the bounce domain",
            required_by: BULK_RULES_BY,
            status: Status::Missing,
            detail: format!(
                "{} is a CNAME to {target}, {whose} left from an earlier setup, so SPF is checked there, not with {}; replace it with the planned records.",
                d.bounce_domain,
                lane.smtp.provider.label()
            ),
        };
    }
    if let Some(target) = cname {
        return Requirement {
            requirement: "SPF passes for the bounce domain",
            required_by: BULK_RULES_BY,
            status: Status::Pending,
            detail: format!(
                "{} is a CNAME to {target}, where the provider publishes SPF; the live DNS check follows it.",
                d.bounce_domain
            ),
        };
    }
    let spf_record = zone
        .query(&d.bounce_domain, RecordType::Txt)
        .records()
        .iter()
        .any(|r| matches!(r, RecordData::Txt(s) if is_spf_record(&s.concat())));
    let failing = spf
        .iter()
        .filter(|v| v.outcome.result != SpfResult::Pass)
        .count();
    let status = match (spf_record, spf.is_empty(), failing) {
        (false, _, _) => Status::Missing,
        (true, true, _) => Status::Pending,
        (true, false, 0) => Status::Met,
        (true, false, _) => Status::Missing,
    };
    let detail = match status {
        Status::Pending => format!(
            "SPF is published at {}; list the lane's IPs to check a verdict.",
            d.bounce_domain
        ),
        _ => format!(
            "{} of {} sending addresses pass at {}.",
            spf.len() - failing,
            spf.len(),
            d.bounce_domain
        ),
    };
    Requirement {
        requirement: "SPF passes for the bounce domain",
        required_by: BULK_RULES_BY,
        status,
        detail,
    }
}

/// Where the lane's key is published in place of the plan's placeholder:
/// a usable key at the name the provider picked (the planned name with its
/// `<…>` parts filled), or a CNAME there that fills the planned one and
/// so delegates the key to the provider. The placeholders themselves are
/// no one's record.
fn filled(
    zone: &Zone,
    name: &str,
    placeholder: Option<&PlannedRecord>,
    usable: &dyn Fn(&[u8]) -> bool,
) -> Option<String> {
    zone.records().find_map(|(at, r)| {
        let found = match r {
            _ if at.contains('<') => false,
            RecordData::Txt(s) => crate::dns::fits_placeholders(name, at) && usable(&s.concat()),
            RecordData::Cname(target) if !target.contains('<') => {
                placeholder.is_some_and(|p| crate::dns::plan::fills(at, r, p))
            }
            _ => false,
        };
        found.then(|| at.to_string())
    })
}

/// DKIM signs with a usable key: one published at the lane's selector and
/// not revoked (pending while the plan holds a placeholder).
fn dkim_row(zone: &Zone, planned: &[PlannedRecord], d: &LaneDomains) -> Requirement {
    let name = d.dkim_name();
    let placeholder = planned.iter().find(|r| r.name == name && r.placeholder);
    // A key a receiver would use, of the length the requirement names.
    let usable = |text: &[u8]| {
        let key = parse_dkim_key(&String::from_utf8_lossy(text), &name).0;
        key.is_some_and(|k| !k.revoked && (k.key_type == KeyType::Ed25519 || k.bits >= 1024))
    };
    let published = || {
        let texts = zone.query(&name, RecordType::Txt);
        let at_name = (texts.records().iter())
            .any(|r| matches!(r, RecordData::Txt(s) if usable(&s.concat())));
        match at_name {
            true => Some(name.clone()),
            false => filled(zone, &name, placeholder, &usable),
        }
    };
    let (status, detail) = match (published(), &placeholder) {
        (Some(at), _) => (Status::Met, at),
        (None, Some(_)) => (
            Status::Pending,
            format!("Replace the placeholder at {name} with the provider's key or CNAME."),
        ),
        (None, None) => (Status::Missing, name),
    };
    Requirement {
        requirement: "DKIM signs with a key of at least 1024 bits",
        required_by: BULK_RULES_BY,
        status,
        detail,
    }
}
