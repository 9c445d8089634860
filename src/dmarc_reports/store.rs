//! The aggregate rows of every report read, each report counted once.
//!
//! A report is known by its reporting organisation and report id; a second
//! copy of it adds nothing. Rows equal in everything but their count are
//! merged by summing, and the rows stay sorted by day and then by every
//! other field, so the same reports give the same store in any order. The
//! policy each report saw published is kept too, with the days of the
//! reports that saw it: one entry per organisation's run of reports on
//! days that meet with the same policy. The app keeps the store in local
//! storage beside the plan.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::read::day_of;
use super::{PublishedPolicy, Report, Row};

/// What tells one report from another.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ReportKey {
    pub org: String,
    pub report_id: String,
}

/// Every report's rows, merged.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Store {
    /// The reports taken in, sorted.
    pub seen: Vec<ReportKey>,
    /// Sorted by day, then by the other fields; no two differ only in count.
    pub rows: Vec<Row>,
    /// The policies the reports saw published, sorted by organisation,
    /// domain and days; stores kept before these were have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub published: Vec<Seen>,
}

/// A policy one organisation's reports saw published, and the days those
/// reports cover (YYYY-MM-DD, the last inclusive).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub org: String,
    pub first: String,
    pub last: String,
    pub policy: PublishedPolicy,
}

/// One reporting organisation's share of the store.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reporter {
    pub org: String,
    pub reports: u32,
    pub messages: u64,
    /// The first and last day its rows cover (YYYY-MM-DD).
    pub first: String,
    pub last: String,
}

/// What adding a report did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Added {
    /// A report not seen before: its rows and the messages they count.
    New { rows: u32, messages: u64 },
    /// The same organisation and report id were taken in before.
    Duplicate,
}

impl Store {
    /// Takes in a report unless it was taken in before; its published
    /// policy either way.
    pub fn add(&mut self, report: Report) -> Added {
        let key = ReportKey {
            org: report.org,
            report_id: report.report_id,
        };
        // A range ends at its last second: a report to the next midnight
        // covers the day before it. A report seen before still gives its
        // policy to a store kept before policies were (the same entry
        // again changes nothing).
        self.keep_seen(Seen {
            org: key.org.clone(),
            first: day_of(report.begin),
            last: day_of(report.end.saturating_sub(1).max(report.begin)),
            policy: report.policy,
        });
        let slot = match self.seen.binary_search(&key) {
            Ok(_) => return Added::Duplicate,
            Err(slot) => slot,
        };
        self.seen.insert(slot, key);
        let rows = u32::try_from(report.rows.len()).unwrap_or(u32::MAX);
        let messages = report
            .rows
            .iter()
            .map(|r| r.count)
            .fold(0, u64::saturating_add);
        self.merge(report.rows);
        Added::New { rows, messages }
    }

    /// Whether a report with this organisation and id was taken in.
    pub fn has(&self, org: &str, report_id: &str) -> bool {
        self.seen
            .binary_search_by(|k| (k.org.as_str(), k.report_id.as_str()).cmp(&(org, report_id)))
            .is_ok()
    }

    /// The first and last day with rows (YYYY-MM-DD), if any.
    pub fn days(&self) -> Option<(&str, &str)> {
        Some((&self.rows.first()?.day, &self.rows.last()?.day))
    }

    /// The messages counted on the days from `first` to `last`, inclusive.
    pub fn messages_between(&self, first: &str, last: &str) -> u64 {
        self.rows
            .iter()
            .filter(|r| (first..=last).contains(&r.day.as_str()))
            .map(|r| r.count)
            .fold(0, u64::saturating_add)
    }

    /// The reporting organisations, by name in any case: how many reports each sent,
    /// the messages they count and the days they cover.
    pub fn reporters(&self) -> Vec<Reporter> {
        self.reporters_counting(|_| true)
    }

    /// `reporters`, with only the messages of the rows `counted` takes
    /// (the brand's mail, which the page's sums count); the reports and
    /// days are all of them, which removing an organisation removes.
    pub fn reporters_counting(&self, counted: impl Fn(&Row) -> bool) -> Vec<Reporter> {
        let mut out: Vec<Reporter> = Vec::new();
        for key in &self.seen {
            match out.last_mut() {
                Some(r) if r.org == key.org => r.reports += 1,
                _ => out.push(Reporter {
                    org: key.org.clone(),
                    reports: 1,
                    ..Reporter::default()
                }),
            }
        }
        for row in &self.rows {
            let Ok(at) = out.binary_search_by(|r| r.org.as_str().cmp(&row.org)) else {
                continue;
            };
            let r = &mut out[at];
            if counted(row) {
                r.messages = r.messages.saturating_add(row.count);
            }
            if r.first.is_empty() || row.day < r.first {
                r.first = row.day.clone();
            }
            if row.day > r.last {
                r.last = row.day.clone();
            }
        }
        // Shown as people read names: Outlook.com between google.com and
        // Yahoo, not before them.
        out.sort_by_cached_key(|r| r.org.to_lowercase());
        out
    }

    /// Leaves out everything `org` reported: its reports and their rows.
    /// Rows are merged per organisation, so one organisation's reports go
    /// together, never another's with them.
    pub fn without(&self, org: &str) -> Store {
        Store {
            seen: self.seen.iter().filter(|k| k.org != org).cloned().collect(),
            rows: self.rows.iter().filter(|r| r.org != org).cloned().collect(),
            published: (self.published.iter())
                .filter(|s| s.org != org)
                .cloned()
                .collect(),
        }
    }

    /// Puts a report's published policy in its place, and joins it with
    /// the entries beside it of the same organisation, domain and policy
    /// whose days meet or overlap its own.
    fn keep_seen(&mut self, seen: Seen) {
        let at = (self.published).partition_point(|s| seen_order(s, &seen) == Ordering::Less);
        self.published.insert(at, seen);
        let after = |day: &str| {
            crate::units::iso_date(day)
                .and_then(|d| d.succ_opt())
                .map(|d| d.to_string())
                .unwrap_or_default()
        };
        self.published.dedup_by(|next, kept| {
            let joins = next.org == kept.org
                && next.policy == kept.policy
                && (next.first <= kept.last || next.first == after(&kept.last));
            if joins && next.last > kept.last {
                kept.last.clone_from(&next.last);
            }
            joins
        });
    }

    /// Merges `incoming` into the sorted rows in one pass over both.
    fn merge(&mut self, mut incoming: Vec<Row>) {
        incoming.sort_by(order);
        let old = std::mem::take(&mut self.rows);
        let mut merged: Vec<Row> = Vec::with_capacity(old.len() + incoming.len());
        let mut old = old.into_iter().peekable();
        let mut new = incoming.into_iter().peekable();
        loop {
            let next = match (old.peek(), new.peek()) {
                (Some(a), Some(b)) if order(a, b) != Ordering::Greater => old.next(),
                (Some(_), Some(_)) | (None, Some(_)) => new.next(),
                (Some(_), None) => old.next(),
                (None, None) => break,
            };
            let Some(row) = next else { break };
            match merged.last_mut() {
                Some(last) if order(last, &row) == Ordering::Equal => {
                    last.count = last.count.saturating_add(row.count);
                }
                _ => merged.push(row),
            }
        }
        self.rows = merged;
    }
}

/// Published policies by organisation, domain and days, then by policy,
/// so the same reports keep the same entries in any order.
fn seen_order(a: &Seen, b: &Seen) -> Ordering {
    fn key(s: &Seen) -> impl Ord + '_ {
        let p = &s.policy;
        (
            (&s.org, &p.domain, &s.first, &s.last),
            (&p.p, &p.sp, p.np, &p.testing),
            (&p.adkim, &p.aspf, p.pct),
        )
    }
    key(a).cmp(&key(b))
}

/// Rows by day, then by every field but the count; `Equal` means the two
/// rows merge.
pub fn order(a: &Row, b: &Row) -> Ordering {
    (
        &a.day,
        &a.org,
        &a.policy_domain,
        &a.source_ip,
        &a.header_from,
        &a.envelope_from,
    )
        .cmp(&(
            &b.day,
            &b.org,
            &b.policy_domain,
            &b.source_ip,
            &b.header_from,
            &b.envelope_from,
        ))
        .then_with(|| {
            a.dkim
                .iter()
                .map(|d| (&d.domain, &d.selector, &d.result))
                .cmp(b.dkim.iter().map(|d| (&d.domain, &d.selector, &d.result)))
        })
        .then_with(|| {
            a.spf
                .iter()
                .map(|s| (&s.domain, &s.scope, &s.result))
                .cmp(b.spf.iter().map(|s| (&s.domain, &s.scope, &s.result)))
        })
        .then_with(|| {
            (a.policy_dkim as u8, a.policy_spf as u8)
                .cmp(&(b.policy_dkim as u8, b.policy_spf as u8))
        })
        .then_with(|| (a.disposition as u8).cmp(&(b.disposition as u8)))
        .then_with(|| a.reasons.cmp(&b.reasons))
}
