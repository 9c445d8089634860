//! Browser tests: run in headless Chromium by wasm-bindgen-test-runner.
//! `scripts/test` runs them; they compile to nothing natively.
#![cfg(all(target_arch = "wasm32", feature = "ui"))]

use switchyard::plan::io::export;
use switchyard::plan::routing::route;
use switchyard::plan::sample::sample_plan;
use switchyard::plan::storage::{encode_index, encode_plan, plan_key, Index, INDEX_KEY};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_core_gives_the_same_output_as_natively() {
    // tests/golden holds the same figures computed natively (tests/golden.rs).
    let routing = serde_json::to_string_pretty(&route(&sample_plan())).unwrap();
    assert_eq!(
        routing,
        include_str!("golden/sample-routing.json").trim_end()
    );
    assert_eq!(
        export(&sample_plan()),
        include_str!("golden/sample-plan.json")
    );
    // The DNS checks, rollout and zone files on a fixed day.
    let day = chrono::NaiveDate::from_ymd_opt(2027, 2, 10).unwrap();
    let report = switchyard::dns::report::domains_report(&sample_plan(), day, None);
    assert_eq!(
        serde_json::to_string_pretty(&report).unwrap(),
        include_str!("golden/sample-domains.json").trim_end()
    );
    // The reputation simulator, whose floating point must agree bit for bit.
    let plan = sample_plan();
    let settings = switchyard::simulate::Settings {
        start_date: "2027-09-06".into(),
        days: 21,
        ..Default::default()
    };
    let run = switchyard::simulate::simulate(&plan, &route(&plan), &settings, &[]).unwrap();
    assert_eq!(
        serde_json::to_string_pretty(&run).unwrap(),
        include_str!("golden/sample-simulation.json").trim_end()
    );
    // A file's fingerprint, pinned in tests/monitor.rs too.
    assert_eq!(
        switchyard::monitor::import::fingerprint(3, b"abc", b"abc"),
        "3-667be5914ed3eb77"
    );
}

#[wasm_bindgen_test]
fn the_crash_screen_offers_the_last_saved_plan() {
    let window = web_sys::window().unwrap();
    let storage = window.local_storage().unwrap().unwrap();
    let plan = sample_plan();
    storage
        .set_item(&plan_key(&plan.id), &encode_plan(&plan, 3))
        .unwrap();
    let index = Index {
        plans: vec![plan.id.clone()],
        active: Some(plan.id.clone()),
        labels: Vec::new(),
    };
    storage.set_item(INDEX_KEY, &encode_index(&index)).unwrap();

    switchyard::ui::show_crash_screen("panicked at <script>boom</script>");

    let document = window.document().unwrap();
    let screen = document.get_element_by_id("crash").expect("a crash screen");
    assert_eq!(screen.get_attribute("role").as_deref(), Some("alert"));
    let text = screen.text_content().unwrap();
    assert!(text.contains("Switchyard stopped because of an internal error"));
    assert!(
        text.contains("<script>boom</script>"),
        "the message is shown as text"
    );
    assert!(
        screen.query_selector("script").unwrap().is_none(),
        "never as markup"
    );
    let link: web_sys::HtmlAnchorElement = screen
        .query_selector("a[download]")
        .unwrap()
        .expect("a download link")
        .dyn_into()
        .unwrap();
    assert!(link.href().starts_with("blob:"));
    assert_eq!(link.download(), "switchyard-recovered-plan.json");
    assert_eq!(
        document.active_element().map(|e| e.id()).as_deref(),
        Some("crash")
    );
    screen.remove();
}

#[wasm_bindgen_test]
async fn the_crash_screen_offers_the_plan_on_screen_with_its_unsaved_edits() {
    let window = web_sys::window().unwrap();
    let storage = window.local_storage().unwrap().unwrap();
    let saved = sample_plan();
    storage
        .set_item(&plan_key(&saved.id), &encode_plan(&saved, 3))
        .unwrap();
    let mut shown = sample_plan();
    shown.brand.name = "Edited, not saved yet".into();
    switchyard::ui::remember_shown(std::rc::Rc::new(shown));
    switchyard::ui::show_crash_screen("boom");
    let document = window.document().unwrap();
    let screen = document.get_element_by_id("crash").expect("a crash screen");
    let link: web_sys::HtmlAnchorElement = screen
        .query_selector("a[download]")
        .unwrap()
        .expect("a download link")
        .dyn_into()
        .unwrap();
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&link.href()))
            .await
            .unwrap()
            .dyn_into()
            .unwrap();
    let text = wasm_bindgen_futures::JsFuture::from(response.text().unwrap())
        .await
        .unwrap()
        .as_string()
        .unwrap();
    assert!(text.contains("Edited, not saved yet"), "{text}");
    screen.remove();
}

/// The simulator's benchmark in the browser: prints the median time of a
/// 365-day run of 8 lanes at 5 providers (budget: under 5 ms). A figure, not
/// a timed test: `scripts/test` shows it with `--nocapture`.
#[wasm_bindgen_test]
fn simulation_speed_in_the_browser() {
    let plan = switchyard::plan::sample::scaled_sample(8);
    let routing = route(&plan);
    let settings = switchyard::simulate::Settings {
        start_date: "2027-09-06".into(),
        days: 365,
        ..Default::default()
    };
    let performance = web_sys::window().unwrap().performance().unwrap();
    // As natively, the first runs are not timed: the browser compiles hot
    // Wasm a second time, optimised, while it runs.
    let mut times: Vec<f64> = (0..35)
        .map(|_| {
            let start = performance.now();
            let run = switchyard::simulate::simulate(&plan, &routing, &settings, &[]);
            assert!(run.is_some());
            performance.now() - start
        })
        .skip(10)
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    web_sys::console::log_1(
        &format!(
            "simulate: 8 lanes × 365 days × 5 providers: median {:.2} ms (Wasm in Chromium)",
            times[times.len() / 2]
        )
        .into(),
    );
}

/// What the app derives on each edit, at 8 lanes × 500 journeys × 100
/// rules, in the browser, in the two parts the shell memoises apart: the
/// DNS part (rerun only when the brand, a lane, the DMARC plan or the
/// records change) and the rest (routing, validation, lint and the
/// checklist, rerun on every edit). Work over 8 ms would belong in a
/// compute worker; figures, not timed tests.
#[wasm_bindgen_test]
fn derived_data_speed_in_the_browser() {
    use switchyard::review::findings::{dns_part, findings_with};
    let plan = switchyard::plan::sample::scale_plan();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let performance = web_sys::window().unwrap().performance().unwrap();
    let median = |run: &mut dyn FnMut()| {
        // The first runs are not timed, as for the simulation above.
        let mut times: Vec<f64> = (0..25)
            .map(|_| {
                let start = performance.now();
                run();
                performance.now() - start
            })
            .skip(10)
            .collect();
        times.sort_by(|a, b| a.total_cmp(b));
        times[times.len() / 2]
    };
    let part = std::rc::Rc::new(dns_part(&plan, today, None));
    let dns = median(&mut || drop(dns_part(&plan, today, None)));
    let rest = median(&mut || {
        let derived = findings_with(
            &plan,
            today,
            part.clone(),
            &Default::default(),
            &Default::default(),
            &Default::default(),
        );
        assert!(!derived.all.is_empty());
    });
    web_sys::console::log_1(
        &format!(
            "findings at 8 lanes × 500 journeys × 100 rules (Wasm in Chromium): every edit {rest:.2} ms median; DNS part (brand, lane and DMARC edits) {dns:.2} ms median"
        )
        .into(),
    );
}
