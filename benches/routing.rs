//! Routes a plan of 500 journeys and 100 rules and prints the time per call.
//! Budget: under 1 ms. Run with `cargo bench --bench routing`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use switchyard::plan::model::*;
use switchyard::plan::routing::route;
// A deterministic generator, so every run measures the same plan.
use switchyard::plan::sample::Lcg;

fn big_plan() -> Plan {
    let mut rng = Lcg(7);
    let mut plan = Plan::empty("bench");
    plan.lanes = (0..8)
        .map(|i| Lane::new(&format!("lane-{i}"), &format!("Lane {i}"), Purpose::Custom))
        .collect();
    plan.default_lane = Some("lane-0".into());
    let tags: Vec<String> = (0..40).map(|i| format!("tag-{i}")).collect();
    plan.journeys = (0..500)
        .map(|i| {
            let trigger = match rng.next(3) {
                0 => Trigger::Event {
                    event_name: "Added to Cart".into(),
                    latency_minutes: 2,
                    delay_minutes: 30,
                },
                1 => Trigger::SegmentEntry {
                    segment: "Lapsed".into(),
                },
                _ => Trigger::Scheduled {
                    cadence: Cadence::Weekly,
                    send_day: None,
                    send_date: None,
                },
            };
            Journey {
                intent: Intent::ALL[rng.next(14) as usize],
                trigger,
                audience: Audience::ALL[rng.next(4) as usize],
                revenue_per_recipient: rng.next(500) as f64 / 100.0,
                daily_volume: rng.next(10_000) as u32,
                tags: (0..rng.next(4))
                    .map(|_| tags[rng.next(40) as usize].clone())
                    .collect(),
                ..Journey::new(&format!("journey-{i}"), &format!("Journey {i}"))
            }
        })
        .collect();
    // Narrow rules, so most journeys are tested against many of them.
    plan.rules = (0..100)
        .map(|i| Rule {
            id: format!("rule-{i}"),
            name: format!("Rule {i}"),
            enabled: true,
            when: Conditions {
                intents: vec![Intent::ALL[rng.next(14) as usize]],
                audiences: vec![Audience::ALL[rng.next(4) as usize]],
                min_revenue_per_recipient: Some(rng.next(300) as f64 / 100.0),
                tags: if i % 3 == 0 {
                    vec![tags[rng.next(40) as usize].clone()]
                } else {
                    vec![]
                },
                ..Conditions::default()
            },
            lane: format!("lane-{}", rng.next(8)),
        })
        .collect();
    plan
}

fn main() {
    let plan = big_plan();
    let routing = route(&plan);
    let by_rule = routing
        .routes
        .iter()
        .filter(|r| matches!(r.reason, switchyard::plan::routing::Reason::Rule { .. }))
        .count();
    // Warm up, then time batches until about two seconds have passed.
    for _ in 0..50 {
        black_box(route(black_box(&plan)));
    }
    let mut samples: Vec<Duration> = Vec::new();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(2) || samples.len() < 20 {
        let batch = 20;
        let t = Instant::now();
        for _ in 0..batch {
            black_box(route(black_box(&plan)));
        }
        samples.push(t.elapsed() / batch);
    }
    samples.sort();
    let median = samples[samples.len() / 2];
    let best = samples[0];
    let budget = Duration::from_millis(1);
    println!(
        "routing: {} journeys x {} rules ({} caught by a rule, {} diagnostics): median {:.1} µs, best {:.1} µs per route(); budget {} µs: {}",
        plan.journeys.len(),
        plan.rules.len(),
        by_rule,
        routing.diagnostics.len(),
        median.as_secs_f64() * 1e6,
        best.as_secs_f64() * 1e6,
        budget.as_micros(),
        if median < budget { "within budget" } else { "OVER BUDGET" }
    );
}
