//! Monitoring imports must never panic, whatever the file holds and however
//! it is cut into chunks; the health page is computed from whatever was read.
#![no_main]

use libfuzzer_sys::fuzz_target;
use switchyard::monitor::import::{import_bytes, Seen};
use switchyard::monitor::Store;

fuzz_target!(|data: &[u8]| {
    let Some((&cut, rest)) = data.split_first() else {
        return;
    };
    let mut store = Store::default();
    if let Ok(source) = import_bytes("fuzz", rest, usize::from(cut) + 1, &mut Seen::default()) {
        store.add(source);
    }
    let _ = switchyard::monitor::health::health(&switchyard::plan::sample::sample_plan(), &store);
});
