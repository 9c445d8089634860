//! Golden files: the sample plan's export and routing, as computed natively.
//! tests/web.rs checks that the browser build computes the same bytes.

// The export tests use the rest of the module.
#[allow(dead_code)]
#[path = "support/golden.rs"]
mod golden;

use golden::check;
use switchyard::plan::io::export;
use switchyard::plan::routing::route;
use switchyard::plan::sample::sample_plan;

#[test]
fn sample_plan_export() {
    check("sample-plan.json", &export(&sample_plan()));
}

#[test]
fn sample_plan_routing() {
    let mut text = serde_json::to_string_pretty(&route(&sample_plan())).unwrap();
    text.push('\n');
    check("sample-routing.json", &text);
}

#[test]
fn sample_plan_zone_files() {
    let plan = sample_plan();
    let pasted = switchyard::dns::plan::Pasted::of(&plan);
    let text: String = switchyard::dns::plan::zone_files(
        &plan,
        &pasted,
        switchyard::plan::model::DmarcPolicy::None,
    )
    .into_iter()
    .map(|file| file.text + "\n")
    .collect();
    check("sample-zones.txt", &text);
}

#[test]
fn sample_plan_domains_report() {
    let day = chrono::NaiveDate::from_ymd_opt(2027, 2, 10).unwrap();
    let report = switchyard::dns::report::domains_report(&sample_plan(), day, None);
    let mut text = serde_json::to_string_pretty(&report).unwrap();
    text.push('\n');
    check("sample-domains.json", &text);
}

#[test]
fn sample_plan_simulation() {
    let plan = sample_plan();
    let settings = switchyard::simulate::Settings {
        start_date: "2027-09-06".into(),
        days: 21,
        ..Default::default()
    };
    let run = switchyard::simulate::simulate(&plan, &route(&plan), &settings, &[]).unwrap();
    let mut text = serde_json::to_string_pretty(&run).unwrap();
    text.push('\n');
    check("sample-simulation.json", &text);
}
