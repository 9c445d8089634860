//! DMARC aggregate report files must never panic, whatever the bytes: XML,
//! gzip or zip, damaged or hostile. Whatever is read goes into a store.
//! The work itself is `entries::dmarc_report`, which the seed replay test shares.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::dmarc_report(data));
