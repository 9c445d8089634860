//! SPF records: parsing, then evaluation against a zone that holds the
//! record, must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use switchyard::dns::spf::{check_host, parse_record, SpfQuery};
use switchyard::dns::{RecordData, Zone};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_record(text);
    }
    let mut zone = Zone::new();
    zone.add("a.example", RecordData::Txt(vec![data.to_vec()]));
    zone.add(
        "b.example",
        RecordData::Txt(vec![b"v=spf1 include:a.example -all".to_vec()]),
    );
    for ip in ["192.0.2.1", "2001:db8::1"] {
        let query = SpfQuery {
            ip: ip.parse().unwrap(),
            mail_from: "x@b.example",
            helo: "h.example",
            receiver: "r",
            timestamp: 0,
        };
        let _ = check_host(&zone, &query);
    }
});
