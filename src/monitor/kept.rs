//! What a new import replaces of the files kept from before the worker
//! started (from an earlier visit, or before an import was cancelled). The
//! worker only knows the files imported since it started; the page keeps
//! every file's counts, so it tells the rest, from the counts alone.

use super::formats::Format;
use super::import::Earlier;
use super::protocol::{replaced, ReportLine};
use super::{KeyKind, Mailbox, Source};
use crate::units::{and_list, count};

/// What an import found of the kept files the worker did not know: what
/// the worker finds of the files it knows, and the days shared with kept
/// files of the same event format, whose event ids are gone: (that file's
/// name, days both have counts for).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeptEarlier {
    pub earlier: Earlier,
    pub unchecked_days: Vec<(String, u64)>,
}

/// What `source`, just imported, replaces of the `kept` files (oldest
/// first) that the worker did not know, and the days it shares with those
/// of its own event format. `batch` holds the fingerprints of the import's
/// files: a kept file read again in the same import has its ids known again.
pub fn kept_earlier(source: &Source, kept: &[&Source], batch: &[String]) -> KeptEarlier {
    let same = |s: &&&Source| s.fingerprint == source.fingerprint;
    let others: Vec<&Source> = kept.iter().filter(|s| !same(s)).copied().collect();
    KeptEarlier {
        earlier: Earlier {
            same_content: kept.iter().find(same).map(|s| s.name.clone()),
            replaced_days: replaced_days(source, &others),
        },
        unchecked_days: unchecked_days(source, &others, batch),
    }
}

/// The per-day CSV rows of `source` whose day, lane and provider a kept
/// file gave before, by the latest such file.
fn replaced_days(source: &Source, kept: &[&Source]) -> Vec<(String, u64)> {
    let mut replaced: Vec<(String, u64)> = Vec::new();
    let mut met: Vec<CsvDay> = Vec::new();
    for day in csv_days(source) {
        if met.contains(&day) {
            continue;
        }
        if let Some(file) = kept.iter().rev().find(|k| csv_days(k).any(|d| d == day)) {
            match replaced.iter_mut().find(|(name, _)| *name == file.name) {
                Some((_, n)) => *n += 1,
                None => replaced.push((file.name.clone(), 1)),
            }
        }
        met.push(day);
    }
    replaced
}

type CsvDay<'a> = (i32, &'a str, Mailbox);

fn csv_days(source: &Source) -> impl Iterator<Item = CsvDay<'_>> {
    source.rows.iter().filter_map(|row| {
        let key = source.keys.get(row.1 as usize)?;
        (key.kind == KeyKind::CsvLane).then_some((row.0, key.value.as_str(), row.2))
    })
}

/// The days `source` has counts for that a kept file of the same vendor
/// event format has too, by file, unless that file is in this import.
fn unchecked_days(source: &Source, kept: &[&Source], batch: &[String]) -> Vec<(String, u64)> {
    if !is_event_format(&source.format) {
        return Vec::new();
    }
    let days = days_of(source);
    kept.iter()
        .filter(|k| k.format == source.format && !batch.contains(&k.fingerprint))
        .filter_map(|k| {
            let shared = days_of(k).iter().filter(|d| days.contains(d)).count() as u64;
            (shared > 0).then(|| (k.name.clone(), shared))
        })
        .collect()
}

/// Each day a file has counts for, once.
fn days_of(source: &Source) -> Vec<i32> {
    let mut days: Vec<i32> = source.rows.iter().map(|r| r.0).collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// Whether a file's format, as its import named it, is a vendor's event
/// stream, whose events carry ids that two files can share.
fn is_event_format(label: &str) -> bool {
    let formats = [
        Format::SendGrid,
        Format::Ses,
        Format::Postmark,
        Format::Mailgun { webhook: false },
        Format::SparkPost { webhook: false },
        Format::KumoMta,
        Format::CustomerIo,
    ];
    formats.iter().any(|f| f.label() == label)
}

/// What a report line adds for the days a file shares with kept files of
/// its format: their events cannot be told apart, so those in both count
/// twice until both files are imported again together.
pub fn unchecked_sentence(shared: &[(String, u64)]) -> String {
    if shared.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = shared
        .iter()
        .map(|(name, days)| format!("{} with {name}", count(*days, "day", "days")))
        .collect();
    let files = if shared.len() == 1 {
        "that file"
    } else {
        "those files"
    };
    format!(
        " It shares {}, imported before this plan was last opened on the page, so their event ids are no longer held: an event in both is counted twice. To count each event once, import this file and {files} again together.",
        and_list(&parts)
    )
}

/// Adds to each line of an import's `report` what its file replaced of the
/// `kept` files the worker did not know (see `kept_earlier`); `sources`
/// are the files the import read.
pub fn add_kept(report: &mut [ReportLine], sources: &[Source], kept: &[&Source]) {
    let batch: Vec<String> = sources.iter().map(|s| s.fingerprint.clone()).collect();
    for line in report {
        let Some(file) = &line.file else { continue };
        let Some(source) = sources.iter().find(|s| s.fingerprint == *file) else {
            continue;
        };
        let found = kept_earlier(source, kept, &batch);
        line.text.push_str(&replaced(&source.name, &found.earlier));
        line.text
            .push_str(&unchecked_sentence(&found.unchecked_days));
    }
}
