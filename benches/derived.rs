//! Times what the app derives from a plan at scale (8 lanes, 500 journeys,
//! 100 rules), piece by piece: what the shell recomputes on every edit
//! (`review::findings`) and what a page computes while it is open (the
//! warm-up calendars, the simulation, the readiness report). Anything over
//! 8 ms in the browser would belong in a compute worker; the browser is
//! about two to three times slower than these native figures.
//! Run with `cargo bench --bench derived`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use switchyard::dns::report::domains_report;
use switchyard::plan::model::Plan;
use switchyard::plan::routing::route;
use switchyard::plan::sample::scale_plan;
use switchyard::plan::validate::validate;
use switchyard::review::assess::assess;
use switchyard::review::findings::findings;
use switchyard::review::lint::lint;
use switchyard::review::readiness::{report, Inputs};
use switchyard::simulate::{from_plan, simulate_with_one_lane};
use switchyard::warmup::calendar::calendar;
use switchyard::warmup::migration::lane_wanted;

/// The median of 30 timed runs after 3 untimed ones, in milliseconds.
/// The plan with `n` pasted SPF records, each including the next: the
/// most each record's lookup count can cost.
fn with_chained_spf(plan: &Plan, n: u32) -> Plan {
    let mut plan = plan.clone();
    let domain = plan.brand.primary_domain.clone();
    plan.existing_records = (0..n)
        .map(|i| {
            format!(
                "c{i}.{domain}. 300 IN TXT \"v=spf1 include:c{}.{domain} ip4:192.0.2.{} -all\"\n",
                i + 1,
                i % 250
            )
        })
        .collect();
    plan
}

fn median_ms(run: impl FnMut()) -> f64 {
    median_of(30, run)
}

/// The median of `runs` timed runs, after three untimed ones.
fn median_of(runs: u32, mut run: impl FnMut()) -> f64 {
    for _ in 0..3 {
        run();
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

fn main() {
    let plan = scale_plan();
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a real date");
    let routing = route(&plan);
    let derived = findings(&plan, today, None);
    let (settings, fallbacks) = from_plan(&plan).expect("the sample simulates");
    let assessment = assess(&plan);
    let chained = with_chained_spf(&plan, 3_000);
    let rows: Vec<(&str, f64)> = vec![
        ("routing", median_ms(|| drop(black_box(route(&plan))))),
        ("validation", median_ms(|| drop(black_box(validate(&plan))))),
        ("lint", median_ms(|| drop(black_box(lint(&plan, &routing))))),
        (
            "DNS report",
            median_ms(|| drop(black_box(domains_report(&plan, today, None)))),
        ),
        (
            "all of the shell's findings (each edit)",
            median_ms(|| drop(black_box(findings(&plan, today, None)))),
        ),
        (
            "warm-up calendars (Warm-up tab)",
            median_ms(|| {
                for lane in &plan.lanes {
                    if let Some(w) = &lane.warmup {
                        let wanted = lane_wanted(&plan, &routing, &lane.id);
                        black_box(calendar(w, &wanted, 120));
                    }
                }
            }),
        ),
        (
            "simulation, plan and one lane (Simulation tab)",
            median_ms(|| {
                black_box(simulate_with_one_lane(
                    &plan,
                    &routing,
                    &settings,
                    (&fallbacks, &[]),
                ));
            }),
        ),
        (
            "readiness report (Report tab)",
            median_ms(|| {
                black_box(report(&Inputs {
                    plan: &plan,
                    today,
                    routing: &derived.routing,
                    carried: &derived.carried,
                    checklist: &derived.checklist,
                    assessment: &assessment,
                    records: Some(&derived.domains.records),
                    dmarc_stage: &derived.domains.stage,
                    findings: &derived.all,
                    delivery: None,
                    dmarc_reports: None,
                }));
            }),
        ),
        (
            "DNS report with 3,000 pasted SPF records, each including the next",
            median_of(5, || {
                drop(black_box(domains_report(&chained, today, None)));
            }),
        ),
    ];
    println!(
        "derived data at {} lanes x {} journeys x {} rules (native medians):",
        plan.lanes.len(),
        plan.journeys.len(),
        plan.rules.len()
    );
    for (what, ms) in rows {
        println!("  {what}: {ms:.2} ms");
    }
}
