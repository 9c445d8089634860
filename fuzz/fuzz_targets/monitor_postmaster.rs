//! Google Postmaster Tools statistics (v1 and v2) must never panic,
//! whatever their entries hold.
//! The work itself is `entries::monitor_postmaster`, which the seed replay test shares.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::monitor_postmaster(data));
