//! The per-day monitoring CSV must never panic, whatever its rows hold.
//! The work itself is `entries::monitor_csv`, which the seed replay test shares.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::monitor_csv(data));
