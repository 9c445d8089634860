//! Published DNS, read over DNS-over-HTTPS: the answers a public resolver
//! gave (Google Public DNS or Cloudflare, JSON flavour), kept in a session
//! cache for their TTL, and the same checks the planned zone gets, run over
//! that cache.
//!
//! Fetching is asynchronous and the checks are not, so a check runs over
//! whatever the cache holds and records each question it lacked. The
//! browser fetches those and runs the check again, until nothing is
//! missing; the lookup limits of SPF and DMARC bound the number of rounds.
//! Nothing here touches the network or reads a clock: times are arguments.
//!
//! - `doh.rs` reads one JSON answer into typed records, with diagnostics.
//! - `names.rs` refuses names that must not be sent to a resolver.
//! - `schedule.rs` is the politeness model: queries in flight, back-off,
//!   `Retry-After`, timeouts.
//! - `compare.rs` compares each planned record with the published ones.
//! - `lanes.rs` runs SPF, DMARC discovery and DKIM over the cache per lane.

mod compare;
mod doh;
mod lanes;
mod names;
mod schedule;

use std::cell::RefCell;
use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Timelike};
use serde::{Deserialize, Serialize};

use crate::dns::zonefile::ParsedRecord;
use crate::dns::{canonical_name, Answer, RecordData, RecordType, Resolver};
use crate::plan::model::Plan;

pub use compare::{pasted_verdict, RecordCheck, Verdict};
pub use doh::{parse_txt_data, read_answer, read_answer_bytes, MAX_BODY};
pub use lanes::{DkimLive, LaneLive, LinkLive};
pub use names::check_name;
pub use schedule::{
    parse_retry_after, Finished, Outcome, Politeness, Scheduler, Start, MAX_IN_FLIGHT,
};

/// Most check rounds one request makes: a round per level of SPF includes
/// and redirects, with room to spare.
pub const MAX_ROUNDS: u32 = 24;
/// Most questions one check sends, whatever the records say.
pub const MAX_QUESTIONS: u32 = 300;
/// How long an answer without records or an SOA is kept, in seconds.
const DEFAULT_NEGATIVE_TTL: u32 = 60;
/// Answers are kept at most a day, whatever their TTL says.
const MAX_TTL: u32 = 86_400;
/// CNAMEs followed inside one answer, as the planned zone follows them.
const MAX_CHAIN: usize = 8;

/// The public resolvers the app may ask. Both answer JSON with
/// `Access-Control-Allow-Origin: *`, so a page may call them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    Google,
    Cloudflare,
}

impl Provider {
    pub const ALL: [Provider; 2] = [Provider::Google, Provider::Cloudflare];

    pub fn label(self) -> &'static str {
        match self {
            Provider::Google => "Google Public DNS (dns.google)",
            Provider::Cloudflare => "Cloudflare (cloudflare-dns.com)",
        }
    }

    pub fn host(self) -> &'static str {
        match self {
            Provider::Google => "dns.google",
            Provider::Cloudflare => "cloudflare-dns.com",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Provider::Google => "google",
            Provider::Cloudflare => "cloudflare",
        }
    }

    pub fn from_key(key: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The query's address. The name has passed `check_name`, so it holds
    /// only letters, digits, hyphens, underscores and dots.
    pub fn url(self, question: &Question) -> String {
        let path = match self {
            Provider::Google => "resolve",
            Provider::Cloudflare => "dns-query",
        };
        format!(
            "https://{}/{path}?name={}&type={}",
            self.host(),
            question.name,
            type_name(question.rtype)
        )
    }

    /// The `accept` header the resolver needs for its JSON answers.
    pub fn accept(self) -> &'static str {
        "application/dns-json"
    }
}

/// One query: a name in canonical form and a type.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Question {
    pub name: String,
    pub rtype: RecordType,
}

impl Question {
    pub fn new(name: &str, rtype: RecordType) -> Question {
        Question {
            name: canonical_name(name),
            rtype,
        }
    }

    /// `bounce.brand.com TXT`, for messages.
    pub fn describe(&self) -> String {
        format!("{} {}", self.name, type_name(self.rtype))
    }
}

/// The type's mnemonic, as DoH query strings and people write it.
pub fn type_name(rtype: RecordType) -> &'static str {
    match rtype {
        RecordType::A => "A",
        RecordType::Aaaa => "AAAA",
        RecordType::Mx => "MX",
        RecordType::Ptr => "PTR",
        RecordType::Txt => "TXT",
        RecordType::Cname => "CNAME",
    }
}

/// The type's number in DNS messages and in DoH JSON (`type`).
pub fn type_code(rtype: RecordType) -> u16 {
    match rtype {
        RecordType::A => 1,
        RecordType::Cname => 5,
        RecordType::Ptr => 12,
        RecordType::Mx => 15,
        RecordType::Txt => 16,
        RecordType::Aaaa => 28,
    }
}

/// The SOA type's number, which NODATA and NXDOMAIN answers carry.
pub const SOA: u16 = 6;

/// One record of an answer, typed where the planner knows the type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DohRecord {
    /// The owner name, canonical.
    pub name: String,
    pub rtype: u16,
    pub ttl: u32,
    pub data: DohData,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DohData {
    Known(RecordData),
    /// An SOA's negative-caching TTL (its last field).
    Soa {
        minimum: u32,
    },
    /// A type the planner does not read, kept as the resolver wrote it.
    Other(String),
}

/// One DoH JSON answer, read.
#[derive(Clone, Debug, PartialEq)]
pub struct DohAnswer {
    /// The DNS RCODE: 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, others refusals.
    pub status: u16,
    /// `TC`: the resolver's answer was truncated and may be incomplete.
    pub truncated: bool,
    /// `AD`: the resolver validated the answer with DNSSEC.
    pub authenticated: bool,
    pub answer: Vec<DohRecord>,
    pub authority: Vec<DohRecord>,
    /// Entries skipped or questioned while reading, with their place.
    pub notes: Vec<crate::plan::diagnostic::Diagnostic>,
}

impl DohAnswer {
    /// How long the answer may be kept: the smallest TTL among the records
    /// that answer, or for an empty answer the SOA's negative TTL
    /// (RFC 2308); nothing for answers that are not answers.
    pub fn ttl(&self) -> u32 {
        if self.truncated || !matches!(self.status, 0 | 3) {
            return 0;
        }
        let ttl = if self.answer.is_empty() {
            self.authority
                .iter()
                .filter_map(|r| match r.data {
                    DohData::Soa { minimum } => Some(r.ttl.min(minimum)),
                    _ => None,
                })
                .min()
                .unwrap_or(DEFAULT_NEGATIVE_TTL)
        } else {
            self.answer.iter().map(|r| r.ttl).min().unwrap_or(0)
        };
        ttl.min(MAX_TTL)
    }
}

/// What the cache holds for a question.
#[derive(Clone, Debug, PartialEq)]
pub enum Fetched {
    Answer(DohAnswer),
    /// No answer could be had: the reason, for people.
    Failed(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub fetched: Fetched,
    /// When it was fetched, in milliseconds since 1970.
    pub at_ms: u64,
    /// Until when it may be used.
    pub expires_ms: u64,
}

/// The answers of one browser session, each kept for its TTL.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cache {
    entries: BTreeMap<Question, Entry>,
}

impl Cache {
    pub fn new() -> Cache {
        Cache::default()
    }

    pub fn insert_answer(&mut self, question: Question, answer: DohAnswer, at_ms: u64) {
        let expires_ms = at_ms.saturating_add(u64::from(answer.ttl()) * 1000);
        self.entries.insert(
            question,
            Entry {
                fetched: Fetched::Answer(answer),
                at_ms,
                expires_ms,
            },
        );
    }

    /// A failure is kept only for the check under way: the next check asks
    /// again.
    pub fn insert_failure(&mut self, question: Question, why: String, at_ms: u64) {
        self.entries.insert(
            question,
            Entry {
                fetched: Fetched::Failed(why),
                at_ms,
                expires_ms: at_ms,
            },
        );
    }

    /// The entry, if it is still fresh at `now_ms`.
    pub fn get(&self, question: &Question, now_ms: u64) -> Option<&Entry> {
        self.entries
            .get(question)
            .filter(|e| e.expires_ms >= now_ms)
    }

    pub fn len(&self) -> u32 {
        self.entries.len() as u32
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// What a question's cached answer says, with CNAMEs followed.
#[derive(Clone, Debug, PartialEq)]
pub enum View {
    /// Not in the cache yet.
    Unknown,
    /// Not sent: the name is malformed.
    Refused(String),
    /// No usable answer: SERVFAIL, truncation, a refusal or a failed fetch.
    Failed(String),
    NxDomain {
        chain: Vec<String>,
    },
    NoData {
        chain: Vec<String>,
    },
    Records {
        /// The CNAME targets from the name asked to the records' owner.
        chain: Vec<String>,
        records: Vec<RecordData>,
        ttl: u32,
    },
}

/// The records of `rtype` that answer `name` in `answer`: CNAMEs from the
/// name are followed (at most `MAX_CHAIN`), and records owned by any other
/// name are ignored, whatever the resolver put there.
fn follow<'a>(
    answer: &'a DohAnswer,
    name: &str,
    rtype: RecordType,
) -> (Vec<String>, Vec<&'a DohRecord>) {
    let mut chain: Vec<String> = Vec::new();
    let mut owner = name.to_string();
    let code = type_code(rtype);
    if rtype != RecordType::Cname {
        while chain.len() < MAX_CHAIN {
            let next = answer.answer.iter().find_map(|r| match &r.data {
                DohData::Known(RecordData::Cname(target)) if r.name == owner => {
                    Some(canonical_name(target))
                }
                _ => None,
            });
            match next {
                Some(target) if target != name && !chain.contains(&target) => {
                    chain.push(target.clone());
                    owner = target;
                }
                _ => break,
            }
        }
    }
    let records = answer
        .answer
        .iter()
        .filter(|r| r.name == owner && r.rtype == code)
        .collect();
    (chain, records)
}

/// The view of a question over the cache at `now_ms`.
pub fn view(cache: &Cache, question: &Question, now_ms: u64) -> View {
    if let Err(why) = check_name(&question.name) {
        return View::Refused(why);
    }
    let Some(entry) = cache.get(question, now_ms) else {
        return View::Unknown;
    };
    let answer = match &entry.fetched {
        Fetched::Failed(why) => return View::Failed(why.clone()),
        Fetched::Answer(answer) => answer,
    };
    if answer.truncated {
        return View::Failed(
            "the resolver's answer was truncated (TC), so records may be missing".into(),
        );
    }
    let (chain, records) = follow(answer, &question.name, question.rtype);
    match answer.status {
        0 if records.is_empty() => View::NoData { chain },
        0 => View::Records {
            chain,
            ttl: records.iter().map(|r| r.ttl).min().unwrap_or(0),
            records: records
                .into_iter()
                .filter_map(|r| match &r.data {
                    DohData::Known(data) => Some(data.clone()),
                    _ => None,
                })
                .collect(),
        },
        3 => View::NxDomain { chain },
        2 => View::Failed("the resolver answered SERVFAIL (status 2)".into()),
        5 => View::Failed("the resolver refused the query (status 5)".into()),
        other => View::Failed(format!("the resolver answered status {other}")),
    }
}

/// A resolver over the session cache that notes every question it lacked.
/// A lacking answer is a failed lookup (temperror in SPF), so a check
/// stops where the cache ends and goes further in the next round.
pub struct Lookups<'a> {
    cache: &'a Cache,
    now_ms: u64,
    missing: RefCell<Vec<Question>>,
    refused: RefCell<Vec<(String, String)>>,
    failed: RefCell<Vec<String>>,
}

impl<'a> Lookups<'a> {
    pub fn new(cache: &'a Cache, now_ms: u64) -> Lookups<'a> {
        Lookups {
            cache,
            now_ms,
            missing: RefCell::new(Vec::new()),
            refused: RefCell::new(Vec::new()),
            failed: RefCell::new(Vec::new()),
        }
    }

    /// The view of a question, noting it if it is missing or refused.
    pub fn view(&self, question: &Question) -> View {
        let view = view(self.cache, question, self.now_ms);
        match &view {
            View::Unknown => {
                let mut missing = self.missing.borrow_mut();
                if !missing.contains(question) {
                    missing.push(question.clone());
                }
            }
            View::Refused(why) => {
                let mut refused = self.refused.borrow_mut();
                if !refused.iter().any(|(n, _)| *n == question.name) {
                    refused.push((question.name.clone(), why.clone()));
                }
            }
            View::Failed(why) => {
                let line = format!("{}: {why}", question.describe());
                let mut failed = self.failed.borrow_mut();
                if !failed.contains(&line) {
                    failed.push(line);
                }
            }
            _ => {}
        }
        view
    }

    /// The questions lacked so far, in the order they were asked.
    pub fn missing(&self) -> Vec<Question> {
        self.missing.borrow().clone()
    }

    pub fn refused(&self) -> Vec<(String, String)> {
        self.refused.borrow().clone()
    }

    /// The questions with no usable answer, with the reason.
    pub fn failed(&self) -> Vec<String> {
        self.failed.borrow().clone()
    }

    pub fn entry(&self, question: &Question) -> Option<&Entry> {
        self.cache.get(question, self.now_ms)
    }

    /// New lookups over the same cache, to tell what one part of a check
    /// lacked; `absorb` adds them back.
    pub fn fresh(&self) -> Lookups<'a> {
        Lookups::new(self.cache, self.now_ms)
    }

    /// Whether any question asked is still to be fetched.
    pub fn lacking(&self) -> bool {
        !self.missing.borrow().is_empty()
    }

    /// Notes what `other` noted, each once.
    pub fn absorb(&self, other: Lookups<'_>) {
        fn add<T: PartialEq>(to: &RefCell<Vec<T>>, items: Vec<T>) {
            let mut to = to.borrow_mut();
            for item in items {
                if !to.contains(&item) {
                    to.push(item);
                }
            }
        }
        add(&self.missing, other.missing.into_inner());
        add(&self.refused, other.refused.into_inner());
        add(&self.failed, other.failed.into_inner());
    }
}

impl Resolver for Lookups<'_> {
    fn query(&self, name: &str, rtype: RecordType) -> Answer {
        match self.view(&Question::new(name, rtype)) {
            // A name DNS cannot carry does not exist; it is never sent.
            View::Refused(_) => Answer::NxDomain,
            View::Unknown | View::Failed(_) => Answer::Failure,
            View::NxDomain { .. } => Answer::NxDomain,
            View::NoData { .. } => Answer::NoData,
            View::Records { records, .. } => Answer::Records(records),
        }
    }
}

/// A name that was not sent, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedName {
    pub name: String,
    pub why: String,
}

/// Everything one check of published DNS says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LiveReport {
    pub provider: Provider,
    /// When the check ran, `YYYY-MM-DD HH:MM UTC`, and its day.
    pub checked_at: String,
    pub day: String,
    pub records: Vec<RecordCheck>,
    pub lanes: Vec<LaneLive>,
    /// Questions the cache lacked: the next round fetches them.
    #[serde(skip)]
    pub missing: Vec<Question>,
    pub refused: Vec<RefusedName>,
    /// Questions with no usable answer, with the reason.
    pub failed: Vec<String>,
}

impl LiveReport {
    /// True once every question this check needs has an answer or failed.
    pub fn complete(&self) -> bool {
        self.missing.is_empty()
    }

    /// Whether every query failed for want of the resolver, so that one
    /// reason stands for all the records.
    pub fn unreachable(&self) -> bool {
        !self.failed.is_empty()
            && self
                .failed
                .iter()
                .all(|f| f.contains("could not be reached"))
    }
}

/// `YYYY-MM-DD HH:MM UTC` and the day for a time in milliseconds.
pub fn timestamp(at_ms: u64) -> (String, NaiveDate) {
    let at = DateTime::from_timestamp_millis(i64::try_from(at_ms).unwrap_or(i64::MAX))
        .unwrap_or_default();
    let day = at.date_naive();
    (
        format!("{day} {:02}:{:02} UTC", at.hour(), at.minute()),
        day,
    )
}

/// Checks the plan's records and lanes against the cache as it is at
/// `now_ms`, the check's start. `missing` in the result lists what to fetch
/// before the next round.
pub fn check(plan: &Plan, cache: &Cache, provider: Provider, now_ms: u64) -> LiveReport {
    let lookups = Lookups::new(cache, now_ms);
    let (checked_at, day) = timestamp(now_ms);
    let records = compare::compare(plan, &lookups, day);
    let lanes = lanes::check_lanes(plan, &lookups, &records);
    LiveReport {
        provider,
        checked_at,
        day: day.to_string(),
        records,
        lanes,
        missing: lookups.missing(),
        refused: lookups
            .refused()
            .into_iter()
            .map(|(name, why)| RefusedName { name, why })
            .collect(),
        failed: lookups.failed(),
    }
}

/// What a live check proves of one lane, for the checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveEvidence {
    pub lane: String,
    /// The day of the check, YYYY-MM-DD.
    pub day: String,
    pub passed: bool,
    pub sentence: String,
}

/// What a check proves: each lane's evidence for the checklist, and the
/// brand's DMARC records as found, read as pasted records are read, so
/// that a published policy stricter than the rollout's is found either
/// way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LiveProof {
    pub lanes: Vec<LiveEvidence>,
    pub dmarc: Vec<ParsedRecord>,
}

pub fn proof(report: &LiveReport) -> LiveProof {
    LiveProof {
        lanes: evidence(report),
        dmarc: published_dmarc(report),
    }
}

/// The TXT records found at the brand's DMARC name, lines numbered from 0
/// since they were never pasted.
fn published_dmarc(report: &LiveReport) -> Vec<ParsedRecord> {
    let brand = (report.records.iter())
        .filter(|r| r.lane.is_none() && r.kind == "TXT" && r.name.starts_with("_dmarc."));
    brand
        .flat_map(|r| {
            (r.published.iter()).map(|text| ParsedRecord {
                name: r.name.clone(),
                ttl: r.ttl,
                data: RecordData::Txt(vec![text.clone().into_bytes()]),
                line: 0,
            })
        })
        .collect()
}

/// Each lane's evidence from a complete check. A lane whose names got no
/// usable answer proves nothing either way, so it gives none.
pub fn evidence(report: &LiveReport) -> Vec<LiveEvidence> {
    report
        .lanes
        .iter()
        .filter(|lane| !lane.unchecked)
        .map(|lane| LiveEvidence {
            lane: lane.lane_id.clone(),
            day: report.day.clone(),
            passed: lane.passed,
            sentence: format!(
                "Checked in published DNS on {} through {}: {}",
                report.checked_at,
                report.provider.host(),
                lane.summary
            ),
        })
        .collect()
}
