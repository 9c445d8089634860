//! Imported delivery data for tests: one lane's days in a store, as the
//! per-day CSV would give them.

// Each test crate uses what it needs of it.
#![allow(dead_code)]

use switchyard::monitor::{day_of_iso, Counts, KeyKind, LaneKey, Mailbox, Row, Source, Store};

/// (date, sent, delivered, hard bounces, complaints)
pub type Day = (String, u64, u64, u64, u64);

/// A store holding `lane`'s `days`, all at Gmail.
pub fn store_of(lane: &str, days: &[Day]) -> Store {
    let rows = days
        .iter()
        .map(|(date, sent, delivered, hard_bounces, complaints)| {
            let counts = Counts {
                sent: *sent,
                delivered: *delivered,
                hard_bounces: *hard_bounces,
                complaints: *complaints,
                ..Counts::default()
            };
            Row(day_of_iso(date).expect("a date"), 0, Mailbox::Gmail, counts)
        })
        .collect();
    let mut store = Store::default();
    store.add(Source {
        name: "days.csv".into(),
        fingerprint: "days".into(),
        format: "Per-day CSV".into(),
        records: days.len() as u64,
        skipped: 0,
        duplicates: 0,
        keys: vec![LaneKey {
            kind: KeyKind::CsvLane,
            value: lane.into(),
        }],
        rows,
        postmaster: Vec::new(),
        skipped_lines: Vec::new(),
        without_key: 0,
    });
    store
}

/// A thousand messages a day on each of `days`, all delivered, with
/// complaints over any health gate (5%) on the days in `failed`.
pub fn failing_on(lane: &str, days: &[&str], failed: &[&str]) -> Store {
    let days: Vec<Day> = (days.iter())
        .map(|d| {
            let complaints = if failed.contains(d) { 50 } else { 0 };
            (d.to_string(), 1_000, 1_000, 0, complaints)
        })
        .collect();
    store_of(lane, &days)
}
