//! Plan imports must never panic, whatever the file holds.
//! The work itself is `entries::plan_import`, which the seed replay test shares.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::plan_import(data));
