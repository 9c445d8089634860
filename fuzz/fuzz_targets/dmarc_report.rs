//! DMARC aggregate report files must never panic, whatever the bytes: XML,
//! gzip or zip, damaged or hostile. Whatever is read goes into a store.
#![no_main]

use libfuzzer_sys::fuzz_target;
use switchyard::dmarc_reports::read::read_file;
use switchyard::dmarc_reports::store::Store;

fuzz_target!(|data: &[u8]| {
    let mut store = Store::default();
    if let Ok(reports) = read_file("fuzz", data) {
        for report in reports {
            let again = report.clone();
            store.add(report);
            store.add(again);
        }
    }
    let _ = store.days();
});
