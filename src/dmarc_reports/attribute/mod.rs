//! Which lane sent each aggregate row, and what the rows say per lane, per
//! header From domain, per reporting organisation and per day, with the
//! sources no lane explains and a hint at who they are.
//!
//! A row goes to a lane by the strongest evidence it carries, in this
//! order:
//! 1. **IP**: the source IP is one of the lane's planned addresses.
//! 2. **DKIM**: a passing signature's `d=` is the lane's DKIM signing domain.
//! 3. **SPF**: a passing SPF result (MAIL FROM, not HELO) is for the lane's
//!    bounce (Return-Path) domain.
//! 4. **Header From**: the header From domain is the lane's From domain, and
//!    the row passes DMARC (so someone holding the domain's keys sent it).
//!
//! DKIM and SPF count only when they pass: a failing signature or SPF check
//! proves nothing about the sender, and mail that claims a lane's domains
//! but fails them (forwarded and changed on the way, or spoofed) stays
//! unexplained, with a hint naming the lane. When the winning evidence names
//! several lanes (two lanes sharing an IP or a signing domain), the header
//! From narrows them, then the DKIM selector, then the row's other
//! evidence (DKIM, SPF, IP); what still ties goes to the lane listed first
//! in the plan. The selector only narrows, because providers such as Amazon
//! SES sign with selectors the plan cannot know.
//!
//! Rates are basis points (1/100 of a percent: 9,800 is 98%), rounded down
//! so that a rate shown as 98.00% has really reached 98%; `None` where there
//! is no mail to divide by. Counts are messages.

mod lanes;
mod summary;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Report, Row};
use crate::domain::{is_within, normalize_domain};
use crate::plan::model::Plan;

use lanes::fold;
pub(super) use lanes::ip_key;
pub use lanes::Lanes;

/// What tied a row to its lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    Ip,
    Dkim,
    Spf,
    HeaderFrom,
    /// Nothing tied the row to a lane: an unexplained source.
    None,
}

/// A row's lane, and the evidence that decided it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// The lane's id; `None` for an unexplained source.
    pub lane: Option<String>,
    pub by: Evidence,
}

/// What the receivers did with the mail, in messages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispositions {
    pub none: u64,
    pub quarantine: u64,
    pub reject: u64,
    /// RFC 9990 receivers say `pass` for mail that passed DMARC.
    pub pass: u64,
}

/// Messages and their DMARC results over some rows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub messages: u64,
    pub dmarc_pass: u64,
    pub spf_aligned_pass: u64,
    pub dkim_aligned_pass: u64,
    pub dispositions: Dispositions,
    /// Basis points, rounded down; `None` without messages.
    pub dmarc_pass_bps: Option<u32>,
    pub spf_aligned_bps: Option<u32>,
    pub dkim_aligned_bps: Option<u32>,
}

/// Messages a lane received by each kind of evidence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByEvidence {
    pub ip: u64,
    pub dkim: u64,
    pub spf: u64,
    pub header_from: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaneSummary {
    pub lane: String,
    pub name: String,
    pub tally: Tally,
    pub by: ByEvidence,
}

/// The mail with one header From domain, whichever lane sent it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainSummary {
    pub domain: String,
    pub tally: Tally,
}

/// One lane's mail as one reporting organisation saw it; `lane` is `None`
/// for the unexplained sources.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaneOrg {
    pub lane: Option<String>,
    pub org: String,
    pub tally: Tally,
}

/// One header From domain as one reporting organisation saw it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainOrg {
    pub domain: String,
    pub org: String,
    pub tally: Tally,
}

/// One day of a lane's mail, for the pass-rate chart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayPoint {
    pub day: String,
    pub messages: u64,
    pub dmarc_pass: u64,
    pub pass_bps: Option<u32>,
}

/// A lane's days with reported mail, oldest first; days without reports
/// are left out rather than shown as zero.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaneSeries {
    pub lane: String,
    pub name: String,
    pub days: Vec<DayPoint>,
}

/// Who an unexplained source probably is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HintKind {
    /// The receiver said forwarded or mailing list, or the mail kept a
    /// passing DKIM signature while SPF failed.
    Forwarding,
    /// It carries a lane's DKIM or bounce domain, which failed.
    LaneIdentity,
    /// It was signed or bounced through a provider one of the lanes uses.
    Provider,
    /// It passes DMARC: a service authorised for the domain that no lane
    /// names (staff mailboxes, a help desk, a CRM).
    Authorised,
    /// Everything fails and nothing ties it to the plan.
    Spoofing,
    /// Mixed results the plan cannot explain.
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hint {
    pub kind: HintKind,
    /// The lanes the hint points at, by id.
    pub lanes: Vec<String>,
    pub text: String,
}

/// Mail from one source IP that no lane explains.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub source_ip: String,
    pub messages: u64,
    pub first_seen: String,
    pub last_seen: String,
    pub dmarc_pass: u64,
    pub dmarc_fail: u64,
    /// Messages with at least one passing DKIM signature, aligned or not.
    pub dkim_pass: u64,
    /// Messages with a passing SPF result, aligned or not.
    pub spf_pass: u64,
    pub header_from: Vec<String>,
    pub dkim_domains: Vec<String>,
    pub spf_domains: Vec<String>,
    /// Override reasons the receivers gave, such as forwarded.
    pub reasons: Vec<String>,
    pub orgs: Vec<String>,
    pub hint: Hint,
}

/// Mail from one lane's own address that carries another lane's identity
/// (a passing DKIM signature, or else a passing MAIL FROM): that lane's
/// journeys going out through the wrong SMTP server. It counts for the
/// address's lane, as the address decides, and is shown apart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Crossed {
    pub source_ip: String,
    /// The lane whose planned address sent it, by id.
    pub ip_lane: String,
    /// The lane whose identity it carries, by id.
    pub identity_lane: String,
    pub messages: u64,
}

/// Everything the reports say over a period, `from` to `to` inclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub from: String,
    pub to: String,
    pub total: Tally,
    /// Every lane of the plan, in plan order, with or without mail.
    pub lanes: Vec<LaneSummary>,
    pub unexplained: Tally,
    /// By header From domain, in name order.
    pub domains: Vec<DomainSummary>,
    /// Lanes in plan order, the unexplained sources last; organisations in
    /// name order within each.
    pub lane_orgs: Vec<LaneOrg>,
    pub domain_orgs: Vec<DomainOrg>,
    pub daily: Vec<LaneSeries>,
    /// Most messages first.
    pub sources: Vec<Source>,
    /// Most messages first.
    pub crossed: Vec<Crossed>,
    /// The first and last day with the brand's mail in the period, so
    /// that a verdict names the days the reports cover; empty without.
    pub first_day: String,
    pub last_day: String,
    /// Rows whose day is not a YYYY-MM-DD date, left out of every sum.
    pub undated_rows: u64,
    /// Messages of reports about another brand's domain, by that policy
    /// domain, in name order: left out of every sum, since they are not
    /// this plan's mail even when they come from its addresses.
    pub other_domains: Vec<(String, u64)>,
}

/// Whether a row is the brand's mail, which every sum counts: see
/// `foreign`.
pub fn brands_mail(plan: &Plan) -> impl Fn(&Row) -> bool {
    let brand = normalize_domain(&plan.brand.primary_domain).ok();
    move |row| foreign(brand.as_deref(), row).is_none()
}

/// The domain that makes a row another brand's mail: its report's policy
/// domain, or its header From, where that is not the brand's domain or
/// under it (a row whose header From is another domain is not the brand's
/// mail, even in a report about the brand's domain); `None` for the
/// brand's own mail, and for every row while the plan has no domain.
fn foreign<'r>(brand: Option<&str>, row: &'r Row) -> Option<&'r String> {
    let brand = brand?;
    [&row.policy_domain, &row.header_from]
        .into_iter()
        .find(|d| !d.is_empty() && !is_within(&fold(d), brand))
}

/// The policy domain of a report about another brand's domain, whose
/// rows no sum counts (see `foreign`); `None` for the brand's own, and for
/// every report while `primary_domain` is not a domain.
pub fn other_brands<'r>(primary_domain: &str, report: &'r Report) -> Option<&'r str> {
    let brand = normalize_domain(primary_domain).ok()?;
    let domain = report.policy.domain.as_str();
    (!domain.is_empty() && !is_within(&fold(domain), &brand)).then_some(domain)
}

/// The lane of one row. To attribute many rows, build `Lanes` once.
pub fn lane_of(plan: &Plan, row: &Row) -> Attribution {
    Lanes::new(plan).attribution(row)
}

/// Every sum over the rows whose day lies in `from..=to`.
pub fn summarise(plan: &Plan, rows: &[Row], from: NaiveDate, to: NaiveDate) -> Summary {
    Lanes::new(plan).summarise(rows, from, to)
}

/// `bps` as a percentage with two decimals, such as "98.50%".
pub fn percent(bps: u32) -> String {
    format!("{}.{:02}%", bps / 100, bps % 100)
}

/// A rate in basis points as written, or "—" where there is none.
pub fn rate(bps: Option<u32>) -> String {
    bps.map_or("—".to_string(), percent)
}

/// `part` of `whole` in basis points, rounded down; `None` when `whole` is 0.
pub fn bps(part: u64, whole: u64) -> Option<u32> {
    (whole > 0).then(|| {
        let ratio = u128::from(part.min(whole)) * 10_000 / u128::from(whole);
        ratio as u32
    })
}
