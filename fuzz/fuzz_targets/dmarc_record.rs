//! DMARC records: parsing and the tree walk must never panic.
//! The work itself is `entries::dmarc_record`, which the seed replay test shares.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::dmarc_record(data));
