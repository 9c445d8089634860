//! Monitoring imports must never panic, whatever the file holds and however
//! it is cut into chunks; the health page is computed from whatever was read.
//! The work itself is `entries::monitor_import`, which the seed replay test shares.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::monitor_import(data));
