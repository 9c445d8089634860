//! SPF records: parsing, then evaluation against a zone that holds the
//! record, must never panic.
//! The work itself is `entries::spf_record`, which the seed replay test shares.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::spf_record(data));
