//! DKIM key records, including the DER walk of the key, must never panic.
//! The work itself is `entries::dkim_record`, which the seed replay test shares.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::dkim_record(data));
