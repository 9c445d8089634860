//! The plan's lanes indexed by every identity a row can carry, and the
//! lane each row goes to by its strongest evidence (see the parent
//! module).

use std::borrow::Cow;
use std::net::IpAddr;

use rustc_hash::FxHashMap;

use super::{Attribution, Evidence};
use crate::dmarc_reports::Row;
use crate::dns::plan::{lane_domains, spf_include};
use crate::domain::normalize_domain;
use crate::plan::model::{Plan, Provider};

/// One lane's identities, normalised once.
#[derive(Clone, Debug)]
pub(super) struct LaneIds {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) dkim_domain: String,
    pub(super) dkim_selector: String,
    pub(super) bounce_domain: String,
}

/// The plan's lanes indexed by every identity a row can carry, so that
/// each row costs a few hash lookups.
#[derive(Clone, Debug)]
pub struct Lanes {
    pub(super) lanes: Vec<LaneIds>,
    pub(super) by_ip: FxHashMap<IpAddr, Vec<u32>>,
    pub(super) by_dkim: FxHashMap<String, Vec<u32>>,
    pub(super) by_bounce: FxHashMap<String, Vec<u32>>,
    pub(super) by_from: FxHashMap<String, Vec<u32>>,
    /// Each provider's SPF include, cut to its registered domain (such as
    /// `mtasv.net` for `spf.mtasv.net`), with the lanes that use it.
    pub(super) providers: Vec<(String, Provider, Vec<u32>)>,
    /// The brand's primary domain, which every report's policy domain
    /// must be or be under; `None` while it is not a domain.
    pub(super) brand: Option<String>,
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
    pub(super) fn attribute(&self, row: &Row) -> (Option<u32>, Evidence) {
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
    pub(super) fn crossed(&self, row: &Row) -> Option<(u32, u32)> {
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
    pub(super) fn dkim_lanes(&self, row: &Row) -> (Vec<u32>, Vec<u32>) {
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
    pub(super) fn spf_lanes(&self, row: &Row) -> Vec<u32> {
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

    pub(super) fn ids(&self, lanes: &[u32]) -> Vec<String> {
        lanes
            .iter()
            .map(|&i| self.lanes[i as usize].id.clone())
            .collect()
    }
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

pub(super) fn push(list: &mut Vec<u32>, lane: u32) {
    if !list.contains(&lane) {
        list.push(lane);
    }
}

pub(super) fn is_pass(result: &str) -> bool {
    result.trim().eq_ignore_ascii_case("pass")
}

/// An address as text in one form, so `::FFFF:192.0.2.1` is `192.0.2.1`.
pub(in crate::dmarc_reports) fn ip_key(text: &str) -> Option<IpAddr> {
    text.trim()
        .parse::<IpAddr>()
        .ok()
        .map(|ip| ip.to_canonical())
}

/// A domain (or reason) as the plan writes it: lower case, no final dot,
/// international names in Punycode. Borrows when nothing changes, since
/// this runs several times for every row.
pub(super) fn fold(domain: &str) -> Cow<'_, str> {
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
