//! The sums over a report's rows: per lane, per header From domain, per
//! reporting organisation and per day, with the sources no lane explains
//! and a hint at who they are.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::lanes::{fold, ip_key, is_pass, push, LaneIds, Lanes};
use super::{
    bps, foreign, ByEvidence, Crossed, DayPoint, DomainOrg, DomainSummary, Evidence, Hint,
    HintKind, LaneOrg, LaneSeries, LaneSummary, Source, Summary, Tally,
};
use crate::dmarc_reports::{Disposition, Row, Verdict};
use crate::domain::is_within;
use crate::units::{and_list, is_iso_date};

impl Lanes {
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
