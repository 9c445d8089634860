//! DMARC records: parsing and the tree walk must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use switchyard::dns::dmarc::{discover, parse_dmarc};
use switchyard::dns::{RecordData, Zone};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_dmarc(text, "_dmarc.example");
        let _ = discover(&Zone::new(), text);
    }
    let mut zone = Zone::new();
    zone.add("_dmarc.example.com", RecordData::Txt(vec![data.to_vec()]));
    let _ = discover(&zone, "a.b.example.com");
});
