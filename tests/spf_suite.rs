//! The openspf RFC 7208 test suite (../shared/testdata/spf), run against
//! `check_host()`. Run with `--nocapture` to see `SPF suite: N/203 passed`.

#[path = "support/spf_suite.rs"]
mod suite;

use switchyard::dns::spf::check_host;

#[test]
fn rfc7208_suite() {
    let text =
        std::fs::read_to_string(suite::SUITE).expect("the suite is in ../shared/testdata/spf");
    let (zones, cases) = suite::load(&text);
    let mut failures = Vec::new();
    for case in &cases {
        let query = case.query();
        let outcome = check_host(&zones[case.scenario], &query);
        let result_ok = case.results.iter().any(|r| r == outcome.result.as_str());
        let explanation_ok = case.explanation.is_none() || outcome.explanation == case.explanation;
        if !(result_ok && explanation_ok) {
            failures.push(format!(
                "{}: expected {:?} {:?}, got {} {:?}\n    {}",
                case.id,
                case.results,
                case.explanation,
                outcome.result.as_str(),
                outcome.explanation,
                outcome.trace.join("\n    ")
            ));
        }
    }
    println!(
        "SPF suite: {}/{} passed",
        cases.len() - failures.len(),
        cases.len()
    );
    for failure in &failures {
        println!("FAILED {failure}");
    }
    assert_eq!(cases.len(), 203, "the suite has 203 tests");
    assert!(
        failures.is_empty(),
        "{} SPF suite tests failed",
        failures.len()
    );
}
