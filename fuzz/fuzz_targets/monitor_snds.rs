//! Microsoft SNDS data files must never panic, whatever their rows hold.
//! The work itself is `entries::monitor_snds`, which the seed replay test shares.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::monitor_snds(data));
