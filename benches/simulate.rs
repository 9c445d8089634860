//! Simulates 365 days of 8 lanes at 5 mailbox providers and prints the time
//! per run. Budget: under 5 ms in the browser (see `tests/web.rs`, which
//! prints the Wasm figure); run with `cargo bench --bench simulate`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use switchyard::plan::routing::route;
use switchyard::plan::sample::scaled_sample;
use switchyard::simulate::{simulate, Settings};

fn main() {
    let plan = scaled_sample(8);
    let routing = route(&plan);
    let settings = Settings {
        start_date: "2027-09-06".into(),
        days: 365,
        ..Settings::default()
    };
    let run = || black_box(simulate(&plan, &routing, &settings, &[]).expect("a start date"));
    for _ in 0..5 {
        run();
    }
    let mut times: Vec<Duration> = (0..50)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "simulate: {} lanes × 365 days × 5 providers: median {:.2} ms, best {:.2} ms (native)",
        plan.lanes.len(),
        median.as_secs_f64() * 1000.0,
        times[0].as_secs_f64() * 1000.0
    );
}
