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

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::{Disposition, Row, Verdict};
use crate::dns::plan::{lane_domains, spf_include};
use crate::domain::{is_within, normalize_domain};
use crate::plan::model::{Plan, Provider};
use crate::units::{and_list, is_iso_date};

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

/// One lane's identities, normalised once.
#[derive(Clone, Debug)]
struct LaneIds {
    id: String,
    name: String,
    dkim_domain: String,
    dkim_selector: String,
    bounce_domain: String,
}

/// The plan's lanes indexed by every identity a row can carry, so that
/// each row costs a few hash lookups.
#[derive(Clone, Debug)]
pub struct Lanes {
    lanes: Vec<LaneIds>,
    by_ip: FxHashMap<IpAddr, Vec<u32>>,
    by_dkim: FxHashMap<String, Vec<u32>>,
    by_bounce: FxHashMap<String, Vec<u32>>,
    by_from: FxHashMap<String, Vec<u32>>,
    /// Each provider's SPF include, cut to its registered domain (such as
    /// `mtasv.net` for `spf.mtasv.net`), with the lanes that use it.
    providers: Vec<(String, Provider, Vec<u32>)>,
    /// The brand's primary domain, which every report's policy domain
    /// must be or be under; `None` while it is not a domain.
    brand: Option<String>,
}

impl Lanes {
    pub fn new(plan: &Plan) -> Lanes {
        let mut index = Lanes {
            lanes: Vec::with_capacity(plan.lanes.len()),
            by_ip: FxHashMap::default(),
            by_dkim: FxHashMap::default(),
            by_bounce: FxHashMap::default(),
            by_from: FxHashMap::default(),
            providers: Vec::new(),
            brand: normalize_domain(&plan.brand.primary_domain).ok(),
        };
        for (i, lane) in (0u32..).zip(&plan.lanes) {
            for ip in lane.ip_addresses.iter().filter_map(|a| ip_key(a)) {
                push(index.by_ip.entry(ip).or_default(), i);
            }
            let domains = lane_domains(lane);
            if let Some(d) = &domains {
                push(index.by_dkim.entry(d.dkim_domain.clone()).or_default(), i);
                push(
                    index.by_bounce.entry(d.bounce_domain.clone()).or_default(),
                    i,
                );
                push(index.by_from.entry(d.from_domain.clone()).or_default(), i);
                if let Ok(sending) = normalize_domain(&lane.sending_domain) {
                    push(index.by_from.entry(sending).or_default(), i);
                }
            }
            if let Some(base) = spf_include(lane.smtp.provider).map(registered) {
                match index.providers.iter_mut().find(|p| p.0 == base) {
                    Some(p) => push(&mut p.2, i),
                    None => index
                        .providers
                        .push((base.to_string(), lane.smtp.provider, vec![i])),
                }
            }
            index.lanes.push(LaneIds {
                id: lane.id.clone(),
                name: lane.name.clone(),
                dkim_domain: domains
                    .as_ref()
                    .map(|d| d.dkim_domain.clone())
                    .unwrap_or_default(),
                dkim_selector: domains
                    .as_ref()
                    .map(|d| d.dkim_selector.clone())
                    .unwrap_or_default(),
                bounce_domain: domains.map(|d| d.bounce_domain).unwrap_or_default(),
            });
        }
        index
    }

    pub fn attribution(&self, row: &Row) -> Attribution {
        let (lane, by) = self.attribute(row);
        Attribution {
            lane: lane.map(|i| self.lanes[i as usize].id.clone()),
            by,
        }
    }

    /// The lane's index in the plan and the evidence; see the module notes.
    fn attribute(&self, row: &Row) -> (Option<u32>, Evidence) {
        let ip: &[u32] = ip_key(&row.source_ip)
            .and_then(|ip| self.by_ip.get(&ip))
            .map_or(&[], Vec::as_slice);
        // Most of a lane's mail comes from its own address: nothing to weigh.
        if let [only] = ip {
            return (Some(*only), Evidence::Ip);
        }
        let from: &[u32] = self
            .by_from
            .get(fold(&row.header_from).as_ref())
            .map_or(&[], Vec::as_slice);
        let (dkim, selector) = self.dkim_lanes(row);
        let spf = self.spf_lanes(row);
        let narrowers: [&[u32]; 5] = [from, &selector, &dkim, &spf, ip];
        let ranked: [(&[u32], Evidence); 3] = [
            (ip, Evidence::Ip),
            (&dkim, Evidence::Dkim),
            (&spf, Evidence::Spf),
        ];
        for (set, by) in ranked {
            if !set.is_empty() {
                return (Some(narrow(set, &narrowers)), by);
            }
        }
        if row.passes() && !from.is_empty() {
            return (Some(narrow(from, &narrowers)), Evidence::HeaderFrom);
        }
        (None, Evidence::None)
    }

    /// The (address lane, identity lane) of a row that one lane's address
    /// sent with another lane's identity; `None` for every other row.
    fn crossed(&self, row: &Row) -> Option<(u32, u32)> {
        let ip = ip_key(&row.source_ip).and_then(|ip| self.by_ip.get(&ip))?;
        let [ip_lane] = ip.as_slice() else {
            return None;
        };
        let (dkim, selector) = self.dkim_lanes(row);
        let identity = if dkim.is_empty() {
            self.spf_lanes(row)
        } else {
            dkim
        };
        if identity.is_empty() || identity.contains(ip_lane) {
            return None;
        }
        let from: &[u32] = self
            .by_from
            .get(fold(&row.header_from).as_ref())
            .map_or(&[], Vec::as_slice);
        Some((*ip_lane, narrow(&identity, &[from, &selector])))
    }

    /// Lanes whose signing domain a passing signature names, and among
    /// them those whose selector it names too.
    fn dkim_lanes(&self, row: &Row) -> (Vec<u32>, Vec<u32>) {
        let mut domain = Vec::new();
        let mut selector = Vec::new();
        for sig in row.dkim.iter().filter(|s| is_pass(&s.result)) {
            for &i in self
                .by_dkim
                .get(fold(&sig.domain).as_ref())
                .into_iter()
                .flatten()
            {
                push(&mut domain, i);
                let seen = sig.selector.trim().to_ascii_lowercase();
                if crate::dns::fits_placeholders(&self.lanes[i as usize].dkim_selector, &seen) {
                    push(&mut selector, i);
                }
            }
        }
        (domain, selector)
    }

    /// Lanes whose bounce domain a passing MAIL FROM check names.
    fn spf_lanes(&self, row: &Row) -> Vec<u32> {
        let mut lanes = Vec::new();
        for spf in row
            .spf
            .iter()
            .filter(|s| is_pass(&s.result) && !s.scope.trim().eq_ignore_ascii_case("helo"))
        {
            for &i in self
                .by_bounce
                .get(fold(&spf.domain).as_ref())
                .into_iter()
                .flatten()
            {
                push(&mut lanes, i);
            }
        }
        lanes
    }

    /// Every sum over the rows whose day lies in `from..=to`.
    pub fn summarise(&self, rows: &[Row], from: NaiveDate, to: NaiveDate) -> Summary {
        let mut sums = Sums::new(self.lanes.len());
        let (first, last) = (from.to_string(), to.to_string());
        let mut valid_day = "";
        for row in rows {
            // Reports repeat the same day for many rows; check it once.
            if row.day != valid_day {
                if !is_iso_date(&row.day) {
                    sums.undated_rows += 1;
                    continue;
                }
                valid_day = &row.day;
            }
            if row.day.as_str() < first.as_str() || row.day.as_str() > last.as_str() {
                continue;
            }
            if let Some(domain) = foreign(self.brand.as_deref(), row) {
                let other = sums.other_domains.entry(fold(domain)).or_default();
                *other = other.saturating_add(row.count);
                continue;
            }
            let (lane, by) = self.attribute(row);
            sums.add(row, lane, by);
            if let Some((ip_lane, identity_lane)) = self.crossed(row) {
                let key = (row.source_ip.as_str(), ip_lane, identity_lane);
                let crossed = sums.crossed.entry(key).or_default();
                *crossed = crossed.saturating_add(row.count);
            }
        }
        self.finish(sums, first, last)
    }

    fn finish(&self, sums: Sums<'_>, from: String, to: String) -> Summary {
        let lane_id = |i: u32| self.lanes.get(i as usize).map(|l| l.id.clone());
        let lanes = self
            .lanes
            .iter()
            .zip(sums.lanes)
            .map(|(l, (tally, by))| LaneSummary {
                lane: l.id.clone(),
                name: l.name.clone(),
                tally: tally.finished(),
                by,
            })
            .collect();
        let daily = self
            .lanes
            .iter()
            .zip(sums.daily)
            .map(|(l, days)| series(l, days))
            .collect();
        Summary {
            from,
            to,
            total: sums.total.finished(),
            lanes,
            unexplained: sums.unexplained.finished(),
            domains: sums
                .domains
                .into_iter()
                .map(|(domain, tally)| DomainSummary {
                    domain: domain.into_owned(),
                    tally: tally.finished(),
                })
                .collect(),
            lane_orgs: sums
                .lane_orgs
                .into_iter()
                .map(|((lane, org), tally)| LaneOrg {
                    lane: lane_id(lane),
                    org: org.to_string(),
                    tally: tally.finished(),
                })
                .collect(),
            domain_orgs: sums
                .domain_orgs
                .into_iter()
                .map(|((domain, org), tally)| DomainOrg {
                    domain: domain.into_owned(),
                    org: org.to_string(),
                    tally: tally.finished(),
                })
                .collect(),
            daily,
            sources: self.source_list(sums.sources),
            crossed: self.crossed_list(sums.crossed),
            first_day: sums.first_day.to_string(),
            last_day: sums.last_day.to_string(),
            undated_rows: sums.undated_rows,
            other_domains: sums
                .other_domains
                .into_iter()
                .map(|(d, n)| (d.into_owned(), n))
                .collect(),
        }
    }

    /// The unexplained sources, most messages first, then by address.
    fn source_list(&self, sums: BTreeMap<String, SourceSums<'_>>) -> Vec<Source> {
        let mut sources: Vec<Source> = sums.into_iter().map(|(ip, s)| self.source(ip, s)).collect();
        sources.sort_by(|a, b| {
            b.messages
                .cmp(&a.messages)
                .then_with(|| a.source_ip.cmp(&b.source_ip))
        });
        sources
    }

    /// Mail from one lane's address carrying another lane's identity.
    fn crossed_list(&self, sums: BTreeMap<(&str, u32, u32), u64>) -> Vec<Crossed> {
        let id = |i: u32| {
            self.lanes
                .get(i as usize)
                .map(|l| l.id.clone())
                .unwrap_or_default()
        };
        let mut crossed: Vec<Crossed> = sums
            .into_iter()
            .map(|((ip, from, to), messages)| Crossed {
                source_ip: ip.to_string(),
                ip_lane: id(from),
                identity_lane: id(to),
                messages,
            })
            .collect();
        // Most messages first; the map's order breaks ties.
        crossed.sort_by_key(|c| std::cmp::Reverse(c.messages));
        crossed
    }

    fn source(&self, ip: String, s: SourceSums<'_>) -> Source {
        let list = |set: BTreeSet<Cow<'_, str>>| -> Vec<String> {
            set.into_iter().map(Cow::into_owned).collect()
        };
        let hint = self.hint(&s);
        Source {
            source_ip: ip,
            messages: s.messages,
            first_seen: s.first.to_string(),
            last_seen: s.last.to_string(),
            dmarc_pass: s.dmarc_pass,
            dmarc_fail: s.messages.saturating_sub(s.dmarc_pass),
            dkim_pass: s.dkim_pass,
            spf_pass: s.spf_pass,
            header_from: list(s.header_from),
            dkim_domains: list(s.dkim),
            spf_domains: list(s.spf),
            reasons: list(s.reasons),
            orgs: s.orgs.into_iter().map(str::to_string).collect(),
            hint,
        }
    }

    /// The first of these that fits: forwarding the receiver named, a
    /// lane's own domains failing, a provider a lane uses, a passing DKIM
    /// signature without SPF (forwarding, or a service signing as itself),
    /// passing DMARC (an authorised service), failing everything (spoofing).
    fn hint(&self, s: &SourceSums<'_>) -> Hint {
        let forwarded = s
            .reasons
            .iter()
            .any(|r| FORWARDING_REASONS.contains(&r.as_ref()));
        if forwarded {
            return hint(
                HintKind::Forwarding,
                Vec::new(),
                "The receivers say this mail was forwarded or came through a mailing list.".into(),
            );
        }
        if let Some(h) = self.lane_identity_hint(s) {
            return h;
        }
        if let Some(h) = self.provider_hint(s) {
            return h;
        }
        if s.dkim_pass == s.messages && s.spf_pass == 0 {
            return signed_without_spf(s);
        }
        if s.dmarc_pass == s.messages {
            return hint(HintKind::Authorised, Vec::new(), "It passes DMARC, so the domain authorises it: a service no lane names, such as staff mailboxes, a help desk or a CRM. Add it to the plan, or leave it.".into());
        }
        if s.dmarc_pass == 0 && (s.dkim_pass == s.messages || s.spf_pass == s.messages) {
            return authenticated_elsewhere(s);
        }
        if s.dmarc_pass == 0 {
            return hint(HintKind::Spoofing, Vec::new(), "DMARC fails on all of it, from an address no lane uses: possible spoofing, or a service sending as the brand without authentication.".into());
        }
        hint(
            HintKind::Unknown,
            Vec::new(),
            "Part of it passes DMARC; nothing in the plan explains it.".into(),
        )
    }

    fn lane_identity_hint(&self, s: &SourceSums<'_>) -> Option<Hint> {
        let mut lanes: Vec<u32> = Vec::new();
        for d in &s.dkim {
            for &i in self.by_dkim.get(d.as_ref()).into_iter().flatten() {
                push(&mut lanes, i);
            }
        }
        for d in &s.spf {
            for &i in self.by_bounce.get(d.as_ref()).into_iter().flatten() {
                push(&mut lanes, i);
            }
        }
        let first = &self.lanes[*lanes.first()? as usize];
        Some(hint(
            HintKind::LaneIdentity,
            self.ids(&lanes),
            format!(
                "It carries the DKIM domain {} or bounce domain {} of {}, but they fail: that lane's mail sent from an address the plan does not list, or forwarded and changed on the way.",
                first.dkim_domain, first.bounce_domain, first.name
            ),
        ))
    }

    fn provider_hint(&self, s: &SourceSums<'_>) -> Option<Hint> {
        let (base, provider, lanes) = self.providers.iter().find(|(base, _, _)| {
            s.dkim
                .iter()
                .chain(&s.spf)
                .any(|d| d.as_ref() == base || d.ends_with(&format!(".{base}")))
        })?;
        let names: Vec<&str> = lanes
            .iter()
            .map(|&i| self.lanes[i as usize].name.as_str())
            .collect();
        Some(hint(
            HintKind::Provider,
            self.ids(lanes),
            format!(
                "Signed or bounced through {} ({base}), which {} uses: probably that lane's mail on the provider's own domain; authenticate the lane's domain at {}.",
                provider.label(),
                names.join(" and "),
                provider.label()
            ),
        ))
    }

    fn ids(&self, lanes: &[u32]) -> Vec<String> {
        lanes
            .iter()
            .map(|&i| self.lanes[i as usize].id.clone())
            .collect()
    }
}

/// Override reasons that mean the mail was relayed, not sent, by the source.
const FORWARDING_REASONS: [&str; 3] = ["forwarded", "mailing_list", "trusted_forwarder"];

fn hint(kind: HintKind, lanes: Vec<String>, text: String) -> Hint {
    Hint { kind, lanes, text }
}

/// Running sums while the rows are read; keys borrow from the rows.
struct Sums<'a> {
    total: Tally,
    unexplained: Tally,
    lanes: Vec<(Tally, ByEvidence)>,
    daily: Vec<BTreeMap<&'a str, (u64, u64)>>,
    domains: BTreeMap<Cow<'a, str>, Tally>,
    /// Unexplained rows sort last under `u32::MAX`.
    lane_orgs: BTreeMap<(u32, &'a str), Tally>,
    domain_orgs: BTreeMap<(Cow<'a, str>, &'a str), Tally>,
    sources: BTreeMap<String, SourceSums<'a>>,
    /// Messages by (source IP, address lane, identity lane).
    crossed: BTreeMap<(&'a str, u32, u32), u64>,
    first_day: &'a str,
    last_day: &'a str,
    undated_rows: u64,
    other_domains: BTreeMap<Cow<'a, str>, u64>,
}

/// One unexplained source while the rows are read.
#[derive(Default)]
struct SourceSums<'a> {
    messages: u64,
    dmarc_pass: u64,
    dkim_pass: u64,
    spf_pass: u64,
    first: &'a str,
    last: &'a str,
    header_from: BTreeSet<Cow<'a, str>>,
    dkim: BTreeSet<Cow<'a, str>>,
    /// Of `dkim`, the domains whose signature passed.
    dkim_passed: BTreeSet<Cow<'a, str>>,
    spf: BTreeSet<Cow<'a, str>>,
    reasons: BTreeSet<Cow<'a, str>>,
    orgs: BTreeSet<&'a str>,
}

impl<'a> Sums<'a> {
    fn new(lanes: usize) -> Sums<'a> {
        Sums {
            total: Tally::default(),
            unexplained: Tally::default(),
            lanes: vec![Default::default(); lanes],
            daily: vec![BTreeMap::new(); lanes],
            domains: BTreeMap::new(),
            lane_orgs: BTreeMap::new(),
            domain_orgs: BTreeMap::new(),
            sources: BTreeMap::new(),
            crossed: BTreeMap::new(),
            first_day: "",
            last_day: "",
            undated_rows: 0,
            other_domains: BTreeMap::new(),
        }
    }

    fn add(&mut self, row: &'a Row, lane: Option<u32>, by: Evidence) {
        self.total.add(row);
        if self.first_day.is_empty() || row.day.as_str() < self.first_day {
            self.first_day = &row.day;
        }
        self.last_day = self.last_day.max(&row.day);
        let domain = fold(&row.header_from);
        self.domains.entry(domain.clone()).or_default().add(row);
        self.domain_orgs
            .entry((domain, row.org.as_str()))
            .or_default()
            .add(row);
        self.lane_orgs
            .entry((lane.unwrap_or(u32::MAX), row.org.as_str()))
            .or_default()
            .add(row);
        match lane {
            Some(i) => self.add_to_lane(row, i as usize, by),
            None => self.add_unexplained(row),
        }
    }

    fn add_to_lane(&mut self, row: &'a Row, i: usize, by: Evidence) {
        let (tally, evidence) = &mut self.lanes[i];
        tally.add(row);
        let slot = match by {
            Evidence::Ip => &mut evidence.ip,
            Evidence::Dkim => &mut evidence.dkim,
            Evidence::Spf => &mut evidence.spf,
            Evidence::HeaderFrom | Evidence::None => &mut evidence.header_from,
        };
        *slot = slot.saturating_add(row.count);
        let day = self.daily[i].entry(row.day.as_str()).or_default();
        day.0 = day.0.saturating_add(row.count);
        if row.passes() {
            day.1 = day.1.saturating_add(row.count);
        }
    }

    fn add_unexplained(&mut self, row: &'a Row) {
        self.unexplained.add(row);
        let key = match ip_key(&row.source_ip) {
            Some(ip) => ip.to_string(),
            None => row.source_ip.trim().to_string(),
        };
        let s = self.sources.entry(key).or_default();
        let n = row.count;
        s.messages = s.messages.saturating_add(n);
        if row.passes() {
            s.dmarc_pass = s.dmarc_pass.saturating_add(n);
        }
        if row.dkim.iter().any(|d| is_pass(&d.result)) {
            s.dkim_pass = s.dkim_pass.saturating_add(n);
        }
        if row.spf.iter().any(|d| is_pass(&d.result)) {
            s.spf_pass = s.spf_pass.saturating_add(n);
        }
        if s.first.is_empty() || row.day.as_str() < s.first {
            s.first = &row.day;
        }
        if row.day.as_str() > s.last {
            s.last = &row.day;
        }
        s.header_from.insert(fold(&row.header_from));
        s.dkim.extend(row.dkim.iter().map(|d| fold(&d.domain)));
        s.dkim_passed.extend(
            (row.dkim.iter())
                .filter(|d| is_pass(&d.result))
                .map(|d| fold(&d.domain)),
        );
        s.spf.extend(row.spf.iter().map(|d| fold(&d.domain)));
        s.reasons.extend(
            row.reasons
                .iter()
                .map(|r| fold(r))
                .filter(|r| !r.is_empty()),
        );
        s.orgs.insert(&row.org);
    }
}

impl Tally {
    fn add(&mut self, row: &Row) {
        let n = row.count;
        let add = |slot: &mut u64, yes: bool| {
            if yes {
                *slot = slot.saturating_add(n);
            }
        };
        add(&mut self.messages, true);
        add(&mut self.dmarc_pass, row.passes());
        add(&mut self.spf_aligned_pass, row.policy_spf == Verdict::Pass);
        add(
            &mut self.dkim_aligned_pass,
            row.policy_dkim == Verdict::Pass,
        );
        let d = &mut self.dispositions;
        let slot = match row.disposition {
            Disposition::None => &mut d.none,
            Disposition::Quarantine => &mut d.quarantine,
            Disposition::Reject => &mut d.reject,
            Disposition::Pass => &mut d.pass,
        };
        add(slot, true);
    }

    /// The sums with their rates filled in.
    fn finished(mut self) -> Tally {
        self.dmarc_pass_bps = bps(self.dmarc_pass, self.messages);
        self.spf_aligned_bps = bps(self.spf_aligned_pass, self.messages);
        self.dkim_aligned_bps = bps(self.dkim_aligned_pass, self.messages);
        self
    }
}

/// A lane's messages and DMARC passes by day.
fn series(lane: &LaneIds, days: BTreeMap<&str, (u64, u64)>) -> LaneSeries {
    LaneSeries {
        lane: lane.id.clone(),
        name: lane.name.clone(),
        days: days
            .into_iter()
            .map(|(day, (messages, pass))| DayPoint {
                day: day.to_string(),
                messages,
                dmarc_pass: pass,
                pass_bps: bps(pass, messages),
            })
            .collect(),
    }
}

/// A source whose DKIM passes and SPF fails. Forwarded mail still carries
/// the brand's own signature (intact, or broken by the forwarder); mail
/// signed only by another domain, such as a help desk's, was never the
/// brand's, and fails DMARC wherever it goes.
fn signed_without_spf(s: &SourceSums<'_>) -> Hint {
    let brand_signed = s.dkim.iter().any(|d| {
        s.header_from
            .iter()
            .any(|from| is_within(d, from) || is_within(from, d))
    });
    if brand_signed {
        return hint(
            HintKind::Forwarding,
            Vec::new(),
            "A DKIM signature passes but SPF does not, and the brand's own signature is there: mail forwarded by another server.".into(),
        );
    }
    // Only the signatures that passed: a failed one proves nothing.
    let signers: Vec<String> = s.dkim_passed.iter().map(|d| d.to_string()).collect();
    hint(
        HintKind::Unknown,
        Vec::new(),
        format!(
            "DKIM passes only for {}, not the brand's domain, and SPF fails, so DMARC fails: a service sending as the brand under its own signature, such as a help desk, a CRM or a mailing list. Have it sign with the brand's domain, or send it through a lane.",
            and_list(&signers)
        ),
    )
}

/// Mail that passes DKIM or SPF for another domain, such as a help desk's
/// own, but fails DMARC: authenticated, just not as the brand.
fn authenticated_elsewhere(s: &SourceSums<'_>) -> Hint {
    let mut domains: Vec<String> = Vec::new();
    for d in s.dkim.iter().chain(&s.spf) {
        let brands = s.header_from.iter().any(|from| is_within(d, from));
        if !brands && !domains.iter().any(|known| known == d.as_ref()) {
            domains.push(d.to_string());
        }
    }
    hint(
        HintKind::Unknown,
        Vec::new(),
        format!(
            "It is authenticated, but as {}, not the brand's domain, so DMARC fails: a service sending as the brand under its own domain, such as a help desk, a CRM or a mailing list. Have it sign with the brand's domain and bounce through it, or send it through a lane.",
            and_list(&domains)
        ),
    )
}

/// Narrows `set` by each of `narrowers` in turn, skipping one that would
/// leave nothing; the lowest index (first in the plan) breaks a tie.
fn narrow(set: &[u32], narrowers: &[&[u32]]) -> u32 {
    if let [only] = set {
        return *only;
    }
    let mut kept = set.to_vec();
    for narrower in narrowers {
        if kept.len() <= 1 {
            break;
        }
        let next: Vec<u32> = kept
            .iter()
            .copied()
            .filter(|i| narrower.contains(i))
            .collect();
        if !next.is_empty() {
            kept = next;
        }
    }
    kept.into_iter().min().unwrap_or(set[0])
}

fn push(list: &mut Vec<u32>, lane: u32) {
    if !list.contains(&lane) {
        list.push(lane);
    }
}

fn is_pass(result: &str) -> bool {
    result.trim().eq_ignore_ascii_case("pass")
}

/// An address as text in one form, so `::FFFF:192.0.2.1` is `192.0.2.1`.
pub(super) fn ip_key(text: &str) -> Option<IpAddr> {
    text.trim()
        .parse::<IpAddr>()
        .ok()
        .map(|ip| ip.to_canonical())
}

/// A domain (or reason) as the plan writes it: lower case, no final dot,
/// international names in Punycode. Borrows when nothing changes, since
/// this runs several times for every row.
fn fold(domain: &str) -> Cow<'_, str> {
    let trimmed = domain.trim().trim_end_matches('.');
    if !trimmed.is_ascii() {
        return normalize_domain(trimmed)
            .map(Cow::Owned)
            .unwrap_or(Cow::Borrowed(trimmed));
    }
    if trimmed.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(trimmed.to_ascii_lowercase())
    } else {
        Cow::Borrowed(trimmed)
    }
}

/// The last two labels of a provider's SPF include: `spf.mtasv.net` gives
/// `mtasv.net`, the domain its default envelopes and signatures use.
fn registered(include: &str) -> &str {
    match include.rmatch_indices('.').nth(1) {
        Some((at, _)) => &include[at + 1..],
        None => include,
    }
}
