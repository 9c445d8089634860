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
use switchyard::plan::routing::{route, Reason};
use switchyard::plan::sample::{
    scale_plan, SCALE_JOURNEYS as JOURNEYS, SCALE_LANES as LANES, SCALE_RULES as RULES,
};

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
