//! Zone-file fragments must never panic, every record read has valid
//! names, and what is read reads back the same after writing.
//! The work itself is `entries::zone_file`, which the seed replay test shares.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::zone_file(data));
