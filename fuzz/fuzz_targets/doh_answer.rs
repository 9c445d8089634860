//! DoH JSON answers must never panic, whatever the bytes: read, cached,
//! followed through CNAMEs and queried through the resolver the checks use.
//! The work itself is `entries::doh_answer`, which the seed replay test shares.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::doh_answer(data));
