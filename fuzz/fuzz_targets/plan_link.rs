//! Plan links must never panic, whatever the fragment holds.
//! The work itself is `entries::plan_link`, which the seed replay test shares.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::plan_link(data));
