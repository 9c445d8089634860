//! Imports 100 MB of SendGrid events natively, in the 4 MiB chunks the
//! browser worker reads, and prints events and megabytes per second.
//! Budget: at least 1 million events a second. The browser figure (100 MB
//! in under 10 s) comes from `scripts/bench-import`.

use std::time::{Duration, Instant};

use switchyard::monitor::generate::sendgrid_ndjson;
use switchyard::monitor::import::{import_bytes, Seen};

fn main() {
    let bytes = sendgrid_ndjson(100_000_000, 7);
    let events = bytes.iter().filter(|b| **b == b'\n').count() as f64;
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let source = import_bytes("events.ndjson", &bytes, 4 << 20, &mut Seen::default())
                .expect("the generated file imports");
            let elapsed = start.elapsed();
            assert_eq!(source.records as f64, events);
            assert_eq!(source.duplicates, 0, "every generated event id is distinct");
            elapsed
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2].as_secs_f64();
    println!(
        "monitor import: {:.0} MB, {} events: median {:.2} s, {:.2} million events/s, {:.0} MB/s (native)",
        bytes.len() as f64 / 1e6,
        events,
        median,
        events / median / 1e6,
        bytes.len() as f64 / 1e6 / median
    );
}
