//! Times the openspf RFC 7208 suite: reading its 16 zones and 203 cases, and
//! evaluating every case. Budget: under 20 ms. Run with `cargo bench --bench spf_suite`.

// The bench reads only the fields it needs of what the shared loader gives.
#[allow(dead_code)]
#[path = "../tests/support/spf_suite.rs"]
mod suite;

use std::hint::black_box;
use std::time::{Duration, Instant};

use switchyard::dns::spf::check_host;

fn run(text: &str) -> usize {
    let (zones, cases) = suite::load(text);
    cases
        .iter()
        .filter(|case| {
            let query = case.query();
            let outcome = check_host(&zones[case.scenario], &query);
            case.results.iter().any(|r| r == outcome.result.as_str())
        })
        .count()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let text =
        std::fs::read_to_string(suite::SUITE).expect("the suite is in ../shared/testdata/spf");
    let (zones, cases) = suite::load(&text);
    let passed = run(&text);
    let whole: Vec<Duration> = (0..30)
        .map(|_| {
            let t = Instant::now();
            black_box(run(black_box(&text)));
            t.elapsed()
        })
        .collect();
    let evaluation: Vec<Duration> = (0..30)
        .map(|_| {
            let t = Instant::now();
            for case in &cases {
                let query = case.query();
                black_box(check_host(&zones[case.scenario], black_box(&query)));
            }
            t.elapsed()
        })
        .collect();
    let whole = median(whole);
    println!(
        "spf suite: {passed}/{} results as expected; read and evaluate: median {:.2} ms; evaluate only: median {:.2} ms; budget 20 ms: {}",
        cases.len(),
        whole.as_secs_f64() * 1e3,
        median(evaluation).as_secs_f64() * 1e3,
        if whole < Duration::from_millis(20) { "within budget" } else { "OVER BUDGET" }
    );
}
