//! The checks the domains page runs over the planned zone, run over
//! published DNS for each lane: SPF `check_host()` for each sending
//! address through the real includes, DMARC discovery by the RFC 9989 tree
//! walk, the DKIM key found and parsed, and the provider CNAMEs followed.
//! The checks are the same functions; only the resolver differs.

use serde::{Deserialize, Serialize};

use super::compare::{RecordCheck, Verdict};
use super::{Lookups, Question, View};
use crate::dns::checks::lane_spf;
use crate::dns::checks::VerdictView;
use crate::dns::dkim::parse_dkim_key;
use crate::dns::dmarc::discover;
use crate::dns::plan::{lane_domains, LaneDomains, MAILGUN_SELECTOR, POSTMARK_SELECTOR};
use crate::dns::spf::SpfResult;
use crate::dns::{RecordData, RecordType, Resolver};
use crate::plan::model::{Lane, Plan};

/// What published DNS says about one lane.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LaneLive {
    pub lane_id: String,
    pub bounce_domain: String,
    pub spf: Vec<VerdictView>,
    pub dmarc_at: Option<String>,
    pub dmarc_policy: Option<String>,
    pub dmarc_queried: Vec<String>,
    pub dkim: DkimLive,
    pub links: Vec<LinkLive>,
    /// Some of the lane's names got no usable answer (or none yet), so
    /// its checks say nothing about what is published.
    pub unchecked: bool,
    /// Every record published well enough, SPF passing for every address,
    /// the DKIM key usable and a DMARC policy applying.
    pub passed: bool,
    /// The above in a sentence, for the checklist.
    pub summary: String,
}

/// The lane's DKIM key as published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DkimLive {
    /// Where the key was looked for; `None` when the name is not known
    /// (a provider token to fill in).
    pub name: Option<String>,
    /// CNAME targets followed to the key.
    pub via: Vec<String>,
    /// `RSA key of 2048 bits`, when a usable key was found.
    pub key: Option<String>,
    pub note: String,
}

/// A CNAME the lane points at its provider, and where it leads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkLive {
    pub name: String,
    pub chain: Vec<String>,
    /// The end of the chain has addresses.
    pub resolves: bool,
}

/// Each lane with a valid sending domain, checked over the cache. Each
/// lane asks through lookups of its own, so that a lane is marked
/// unchecked only while its own checks still lack answers, or when its own
/// records got none (a failing third-party include is a real temperror,
/// which receivers see too).
pub fn check_lanes(plan: &Plan, lookups: &Lookups<'_>, records: &[RecordCheck]) -> Vec<LaneLive> {
    plan.lanes
        .iter()
        .filter_map(|lane| {
            let domains = lane_domains(lane)?;
            let own = lookups.fresh();
            let mut live = check_lane(lane, &domains, &own, records);
            if own.lacking() && !live.unchecked {
                live = unchecked(live);
            }
            lookups.absorb(own);
            Some(live)
        })
        .collect()
}

/// A lane whose checks lacked answers: not passed, and said so.
fn unchecked(live: LaneLive) -> LaneLive {
    LaneLive {
        unchecked: true,
        passed: false,
        summary: "not checked: some of its names got no usable answer from the resolver.".into(),
        ..live
    }
}

fn check_lane(
    lane: &Lane,
    domains: &LaneDomains,
    lookups: &Lookups<'_>,
    records: &[RecordCheck],
) -> LaneLive {
    let own: Vec<&RecordCheck> = records
        .iter()
        .filter(|r| {
            r.lane.as_deref() == Some(lane.id.as_str())
                || (r.lane.is_none() && r.name.starts_with("_dmarc."))
        })
        .collect();
    let spf: Vec<VerdictView> = lane_spf(lookups, lane, domains)
        .iter()
        .map(VerdictView::of)
        .collect();
    let dmarc = discover(lookups, &domains.from_domain);
    let dkim = dkim(lookups, &own);
    let links: Vec<LinkLive> = own
        .iter()
        .filter(|r| r.kind == "CNAME" && domains.tracking_domain.as_ref() == Some(&r.name))
        .map(|r| link(&r.name, lookups))
        .collect();
    let checkable: Vec<&&RecordCheck> = own.iter().filter(|r| !r.name.contains('<')).collect();
    let published = checkable.iter().filter(|r| r.verdict.ok()).count();
    let spf_passing = spf.iter().filter(|v| v.result == SpfResult::Pass).count();
    let policy = dmarc
        .record
        .as_ref()
        .and_then(|(_, r)| r.effective_policy())
        .map(|p| p.as_str().to_string());
    let dmarc_at = dmarc
        .record
        .as_ref()
        .map(|(name, _)| format!("_dmarc.{name}"));
    let passed = published == checkable.len()
        && spf_passing == spf.len()
        && dkim.key.is_some()
        && policy.is_some();
    let summary = summary(
        &checkable,
        &spf,
        &dkim,
        dmarc_at.as_deref(),
        policy.as_deref(),
    );
    let live = LaneLive {
        lane_id: lane.id.clone(),
        bounce_domain: domains.bounce_domain.clone(),
        spf,
        dmarc_at,
        dmarc_policy: policy,
        dmarc_queried: dmarc.queried,
        dkim,
        links,
        unchecked: false,
        passed,
        summary,
    };
    // A planned record whose name got no answer leaves the lane unchecked.
    if checkable.iter().any(|r| r.verdict == Verdict::Unknown) {
        return unchecked(live);
    }
    live
}

/// Why the key under a DKIM name still holding the provider's
/// placeholder is not looked up, by the provider the placeholder is.
fn unnamed_key(name: &str) -> &'static str {
    if name.contains(POSTMARK_SELECTOR) {
        "Postmark picks the DKIM selector, a date followed by pm, when the domain is added, so the key is not checked here until the lane's DKIM selector names it."
    } else if name.contains(MAILGUN_SELECTOR) {
        "Mailgun picks the DKIM selector when the domain is added, so the key is not checked here until the lane's DKIM selector names it."
    } else {
        "Amazon SES names its Easy DKIM records with tokens only its console shows, so they are not checked here; SES verifies them itself."
    }
}

/// The key at the planned DKIM name; none where the name holds a
/// provider's token.
fn dkim(lookups: &Lookups<'_>, own: &[&RecordCheck]) -> DkimLive {
    let name = own
        .iter()
        .find(|r| r.name.contains("._domainkey.") && !r.name.contains('<'))
        .map(|r| r.name.clone());
    let Some(name) = name else {
        let placeholder = (own.iter())
            .find(|r| r.name.contains("._domainkey."))
            .map_or("", |r| r.name.as_str());
        return DkimLive {
            name: None,
            via: Vec::new(),
            key: None,
            note: unnamed_key(placeholder).into(),
        };
    };
    let via = match lookups.view(&Question::new(&name, RecordType::Txt)) {
        View::Records { chain, .. } | View::NoData { chain } | View::NxDomain { chain } => chain,
        _ => Vec::new(),
    };
    let answer = lookups.query(&name, RecordType::Txt);
    let texts: Vec<String> = answer
        .records()
        .iter()
        .filter_map(|r| match r {
            RecordData::Txt(s) => Some(String::from_utf8_lossy(&s.concat()).into_owned()),
            _ => None,
        })
        .collect();
    let parsed: Vec<_> = texts.iter().map(|t| parse_dkim_key(t, &name)).collect();
    let usable = parsed
        .iter()
        .find_map(|(key, _)| key.as_ref().filter(|k| !k.revoked));
    let (key, note) = match (usable, parsed.first(), &answer) {
        (Some(k), _, _) => (
            Some(format!("{:?} key of {} bits", k.key_type, k.bits).replace("Rsa", "RSA")),
            if k.testing {
                "The key is marked t=y (testing).".to_string()
            } else {
                String::new()
            },
        ),
        (None, Some((Some(_), _)), _) => (None, "The key is revoked (empty p=).".to_string()),
        (None, Some((None, findings)), _) => (
            None,
            findings
                .first()
                .map_or("The key record does not parse.".to_string(), |d| {
                    d.message.clone()
                }),
        ),
        (None, None, crate::dns::Answer::Failure) => {
            (None, "Not checked yet, or the query failed.".to_string())
        }
        (None, None, _) => (None, "No key record is published.".to_string()),
    };
    DkimLive {
        name: Some(name),
        via,
        key,
        note,
    }
}

fn link(name: &str, lookups: &Lookups<'_>) -> LinkLive {
    match lookups.view(&Question::new(name, RecordType::A)) {
        View::Records { chain, records, .. } => LinkLive {
            name: name.to_string(),
            chain,
            resolves: !records.is_empty(),
        },
        View::NoData { chain } | View::NxDomain { chain } => LinkLive {
            name: name.to_string(),
            chain,
            resolves: false,
        },
        _ => LinkLive {
            name: name.to_string(),
            chain: Vec::new(),
            resolves: false,
        },
    }
}

fn summary(
    records: &[&&RecordCheck],
    spf: &[VerdictView],
    dkim: &DkimLive,
    dmarc_at: Option<&str>,
    policy: Option<&str>,
) -> String {
    let published = records.iter().filter(|r| r.verdict.ok()).count();
    let mut parts = vec![format!(
        "{published} of {} records published as planned",
        records.len()
    )];
    let problems: Vec<String> = records
        .iter()
        .filter(|r| !r.verdict.ok())
        .map(|r| format!("{} {} {}", r.name, r.kind, r.verdict.label()))
        .collect();
    if !problems.is_empty() {
        parts.push(format!(" ({})", problems.join(", ")));
    }
    if !spf.is_empty() {
        let passing = spf.iter().filter(|v| v.result == SpfResult::Pass).count();
        let terms = spf.iter().map(|v| v.dns_terms).max().unwrap_or(0);
        parts.push(format!(
            "; SPF passes for {passing} of {} addresses ({terms} of 10 DNS lookups)",
            spf.len()
        ));
    }
    parts.push(match (&dkim.key, &dkim.name) {
        (Some(key), Some(name)) => format!("; DKIM {key} at {name}"),
        (None, Some(name)) => format!("; no usable DKIM key at {name}"),
        _ => "; DKIM not checked".to_string(),
    });
    parts.push(match (dmarc_at, policy) {
        (Some(at), Some(p)) => format!("; DMARC p={p} from {at}."),
        _ => "; no DMARC policy applies.".to_string(),
    });
    parts.concat()
}
