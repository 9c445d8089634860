//! DKIM key records, including the DER walk of the key, must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use switchyard::dns::dkim::parse_dkim_key;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_dkim_key(text, "s1._domainkey.example");
    }
});
