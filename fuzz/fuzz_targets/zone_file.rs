//! Zone-file fragments must never panic, and what is read must read back
//! the same after writing (TXT strings compared joined, as DNS joins them).
#![no_main]

use libfuzzer_sys::fuzz_target;
use switchyard::dns::zonefile::{parse_zone, write_zone};
use switchyard::dns::RecordData;

fn joined(records: Vec<(String, RecordData)>) -> Vec<(String, RecordData)> {
    records
        .into_iter()
        .map(|(name, data)| match data {
            RecordData::Txt(strings) => (name, RecordData::Txt(vec![strings.concat()])),
            other => (name, other),
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (records, _) = parse_zone(text, "example.com");
    let pairs: Vec<_> = records.into_iter().map(|r| (r.name, r.data)).collect();
    let written = write_zone("example.com", &pairs);
    let (again, findings) = parse_zone(&written, "");
    assert!(findings.is_empty(), "{written}\n{findings:?}");
    let again: Vec<_> = again.into_iter().map(|r| (r.name, r.data)).collect();
    assert_eq!(joined(again), joined(pairs), "{written}");
});
