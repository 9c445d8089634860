//! Writes the plan the browser benchmark edits at scale: the sample brand
//! grown to 8 lanes, 500 journeys and 100 rules, exported as a plan file.
//! `cargo run --profile bench --example scale_plan -- target/tmp/scale-plan.json`
//!
//! The plan keeps the sample's three lanes (so its checklist, preferences,
//! monitoring and fallbacks still refer to lanes that exist) and adds five
//! more with domains and addresses of their own. Most rules are narrow
//! (one intent, one audience, sometimes a tag or a revenue floor) and come
//! before the sample's broad rules, so every journey is tested against many
//! of them. The file is read back with the app's own import before it is
//! written, so a file the app would refuse is never left behind.

use switchyard::plan::io;
use switchyard::plan::model::*;
use switchyard::plan::routing::{route, Reason};
use switchyard::plan::sample::sample_plan;

const LANES: usize = 8;
const JOURNEYS: usize = 500;
const RULES: usize = 100;

/// A deterministic generator, so every run writes the same file.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// A copy of `base` as lane number `n`, on a sending domain of its own.
fn extra_lane(base: &Lane, n: usize) -> Lane {
    let mut lane = base.clone();
    lane.id = format!("{}-{n}", base.id);
    lane.name = format!("{} {n}", base.name);
    // "receipts.fernleafcoffee.com" becomes "receipts3.fernleafcoffee.com".
    let (sub, parent) = base
        .sending_domain
        .split_once('.')
        .expect("the sample's lanes have sending domains");
    let domain = format!("{sub}{n}.{parent}");
    let mailbox = base
        .from_address
        .split('@')
        .next()
        .unwrap_or("hello")
        .to_string();
    lane.from_address = format!("{mailbox}@{domain}");
    lane.return_path_domain = format!("bounce.{domain}");
    if !base.tracking_domain.is_empty() {
        lane.tracking_domain = format!("links.{domain}");
    }
    lane.sending_domain = domain;
    // Documentation addresses (RFC 5737), moved up so no two lanes share one.
    lane.ip_addresses = base
        .ip_addresses
        .iter()
        .map(|ip| {
            let (block, last) = ip.rsplit_once('.').expect("dotted IPv4 address");
            let last: usize = last.parse().expect("numeric octet");
            format!("{block}.{}", last + 10 * n)
        })
        .collect();
    lane
}

fn scale_plan() -> Plan {
    let mut rng = Lcg(7);
    let base = sample_plan();
    let mut plan = base.clone();
    plan.id = "scale-fernleaf".to_string();
    plan.brand.name = "Fernleaf Coffee at scale".to_string();
    plan.notes = format!(
        "Benchmark plan: the sample grown to {LANES} lanes, {JOURNEYS} journeys and {RULES} rules (examples/scale_plan.rs)."
    );

    for n in base.lanes.len()..LANES {
        let lane = extra_lane(&base.lanes[n % base.lanes.len()], n);
        plan.monitoring
            .thresholds
            .push(Thresholds::reference(&lane.id));
        plan.lanes.push(lane);
    }
    let lanes_where = |keep: fn(Purpose) -> bool| -> Vec<String> {
        plan.lanes
            .iter()
            .filter(|l| keep(l.purpose))
            .map(|l| l.id.clone())
            .collect()
    };
    let transactional = lanes_where(|p| p == Purpose::Transactional);
    let revenue = lanes_where(|p| p == Purpose::RevenueFlows);
    let promotional = lanes_where(|p| p == Purpose::Promotional);
    assert!(!transactional.is_empty() && !revenue.is_empty() && !promotional.is_empty());
    let lane_for = |intent: Intent, rng: &mut Lcg| -> String {
        let pool = if intent.is_transactional() {
            &transactional
        } else if intent.is_broadcast() || intent == Intent::VipOffer {
            &promotional
        } else {
            &revenue
        };
        pool[rng.next(pool.len() as u64) as usize].clone()
    };

    let tags: Vec<String> = (0..40).map(|i| format!("tag-{i}")).collect();
    let markets = [
        "US",
        "UK",
        "EU",
        "CA",
        "AU",
        "JP",
        "Wholesale",
        "Subscriptions",
    ];
    plan.journeys = (0..JOURNEYS)
        .map(|k| {
            let template = &base.journeys[k % base.journeys.len()];
            let copy = k / base.journeys.len() + 1;
            let mut journey = template.clone();
            journey.id = format!("{}-{copy}", template.id);
            journey.name = format!(
                "{} · {} {copy}",
                template.name,
                markets[copy % markets.len()]
            );
            // 25% to 100% of the sample's volume, so the total stays plausible.
            journey.daily_volume =
                (u64::from(template.daily_volume) * (25 + rng.next(76)) / 100) as u32;
            journey.audience = Audience::ALL[rng.next(4) as usize];
            journey.tags = (0..rng.next(4))
                .map(|_| tags[rng.next(40) as usize].clone())
                .collect();
            journey.tags.sort();
            journey.tags.dedup();
            // A few journeys are placed by hand.
            if k % 25 == 24 {
                journey.lane_override = Some(lane_for(journey.intent, &mut rng));
            }
            journey
        })
        .collect();

    // Narrow rules first, then the sample's broad ones as the catch-alls.
    let broad = base.rules.clone();
    let narrow = RULES - broad.len();
    plan.rules = (0..narrow)
        .map(|i| {
            let intent = Intent::ALL[rng.next(14) as usize];
            Rule {
                id: format!("rule-narrow-{i}"),
                name: format!("{} ({})", intent.label(), i + 1),
                enabled: i % 17 != 16,
                when: Conditions {
                    intents: vec![intent],
                    audiences: vec![Audience::ALL[rng.next(4) as usize]],
                    min_revenue_per_recipient: if intent.is_transactional() {
                        None
                    } else {
                        Some(rng.next(300) as f64 / 100.0)
                    },
                    tags: if i % 3 == 0 {
                        vec![tags[rng.next(40) as usize].clone()]
                    } else {
                        vec![]
                    },
                    ..Conditions::default()
                },
                lane: lane_for(intent, &mut rng),
            }
        })
        .chain(broad)
        .collect();
    plan
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: scale_plan PATH");
        std::process::exit(2);
    };
    let plan = scale_plan();
    assert_eq!(
        (plan.lanes.len(), plan.journeys.len(), plan.rules.len()),
        (LANES, JOURNEYS, RULES)
    );
    let text = io::export(&plan);
    // The app's own import must take the file as it is.
    let imported = match io::import(text.as_bytes()) {
        Ok(imported) => imported,
        Err(error) => panic!("the app's import refuses the scale plan: {error}"),
    };
    assert!(
        imported.removed_secrets.is_empty(),
        "the import removed values from the scale plan: {:?}",
        imported.removed_secrets
    );
    assert_eq!(
        (
            imported.plan.lanes.len(),
            imported.plan.journeys.len(),
            imported.plan.rules.len()
        ),
        (LANES, JOURNEYS, RULES),
        "the import changed the plan's size"
    );
    let routing = route(&imported.plan);
    let by_rule = routing
        .routes
        .iter()
        .filter(|r| matches!(r.reason, Reason::Rule { .. }))
        .count();
    if let Some(dir) = std::path::Path::new(&path).parent() {
        if !dir.as_os_str().is_empty() {
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!("cannot create {}: {e}", dir.display());
                std::process::exit(1);
            }
        }
    }
    if let Err(e) = std::fs::write(&path, &text) {
        eprintln!("cannot write {path}: {e}");
        std::process::exit(1);
    }
    println!(
        "wrote {path}: {} lanes, {} journeys ({} caught by a rule), {} rules, {} KB",
        plan.lanes.len(),
        plan.journeys.len(),
        by_rule,
        plan.rules.len(),
        text.len() / 1000
    );
}
