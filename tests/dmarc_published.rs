//! The policies receivers saw published: the store keeps each report's
//! `policy_published` with its days and organisation through adding,
//! removing an organisation and clearing, and reads stores kept before it
//! did; the distinct policies are listed latest first; and the latest for
//! the brand's domain is compared with what the plan's rollout has in
//! force on its last day (a missing sp as p, a missing np as sp).

use std::rc::Rc;

use chrono::NaiveDate;
use switchyard::dmarc_reports::published::{compare, periods, words, NP_DIFFERS, POLICY_DIFFERS};
use switchyard::dmarc_reports::read::read_file;
use switchyard::dmarc_reports::rollout::{checklist_evidence, proof, readiness};
use switchyard::dmarc_reports::store::{Added, Store};
use switchyard::dmarc_reports::Report;
use switchyard::plan::diagnostic::Severity;
use switchyard::plan::model::{DmarcPolicy, Plan};
use switchyard::plan::sample::sample_plan;
use switchyard::review::findings::{dns_part, findings_with};

const ALL: [&str; 5] = [
    "google.zip",
    "outlook.zip",
    "yahoo.xml.gz",
    "rfc9990.xml",
    "messy.xml",
];

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/dmarc/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn store_of(files: &[&str]) -> Store {
    let mut store = Store::default();
    for file in files {
        for report in read_file(file, &fixture(file)).unwrap() {
            store.add(report);
        }
    }
    store
}

/// The store's entries as (organisation, first, last, policy in words).
fn entries(store: &Store) -> Vec<(String, String, String, String)> {
    (store.published.iter())
        .map(|s| {
            (
                s.org.clone(),
                s.first.clone(),
                s.last.clone(),
                words(&s.policy),
            )
        })
        .collect()
}

fn owned(rows: &[(&str, &str, &str, &str)]) -> Vec<(String, String, String, String)> {
    (rows.iter())
        .map(|&(a, b, c, d)| (a.into(), b.into(), c.into(), d.into()))
        .collect()
}

/// Google's fixture report again, as of `day`, with its own id and the
/// published `p`, `sp` and `np` given ("" for a tag left out).
fn google_on(day: &str, [p, sp, np]: [&str; 3]) -> Report {
    let mut report = read_file("google.zip", &fixture("google.zip"))
        .unwrap()
        .remove(0);
    let begin = NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp();
    report.report_id = format!("{day}-{p}-{sp}-{np}");
    report.begin = begin;
    report.end = begin + 86_399;
    for row in &mut report.rows {
        row.day = day.to_string();
    }
    report.policy.p = p.to_string();
    report.policy.sp = sp.to_string();
    report.policy.np = DmarcPolicy::ALL.into_iter().find(|x| x.as_str() == np);
    report
}

#[test]
fn each_fixture_keeps_its_published_policy_with_its_days() {
    // Outlook.com's report runs to the next midnight: it covers one day.
    let expected = [
        (
            "google.zip",
            (
                "google.com",
                "2027-03-02",
                "2027-03-02",
                "p=none; sp=none; np=none",
            ),
        ),
        (
            "outlook.zip",
            (
                "Outlook.com",
                "2027-03-02",
                "2027-03-02",
                "p=none; sp=none; np absent",
            ),
        ),
        (
            "yahoo.xml.gz",
            (
                "Yahoo",
                "2027-03-03",
                "2027-03-03",
                "p=none; sp absent; np absent",
            ),
        ),
        (
            "rfc9990.xml",
            (
                "fastmail.com",
                "2027-03-04",
                "2027-03-04",
                "p=none; sp=none; np=reject",
            ),
        ),
        (
            "messy.xml",
            (
                "Mail & More GmbH",
                "2027-03-05",
                "2027-03-05",
                "p=none; sp absent; np absent",
            ),
        ),
    ];
    for (file, entry) in expected {
        let store = store_of(&[file]);
        assert_eq!(entries(&store), owned(&[entry]), "{file}");
        assert_eq!(
            store.published[0].policy.domain, "fernleafcoffee.com",
            "{file}"
        );
    }
}

#[test]
fn policies_go_with_their_organisation_and_with_a_clear() {
    let all = store_of(&ALL);
    assert_eq!(all.published.len(), 5);
    // A report seen twice adds no second entry.
    let mut again = all.clone();
    for report in read_file("google.zip", &fixture("google.zip")).unwrap() {
        again.add(report);
    }
    assert_eq!(again, all);
    // The same in any order.
    let mut reversed = ALL;
    reversed.reverse();
    assert_eq!(store_of(&reversed), all);
    // Each organisation removed takes its policies and nothing else's.
    let cases: [(&str, &[&str]); 3] = [
        (
            "google.com",
            &["Mail & More GmbH", "Outlook.com", "Yahoo", "fastmail.com"],
        ),
        (
            "Yahoo",
            &[
                "Mail & More GmbH",
                "Outlook.com",
                "fastmail.com",
                "google.com",
            ],
        ),
        (
            "nobody.example",
            &[
                "Mail & More GmbH",
                "Outlook.com",
                "Yahoo",
                "fastmail.com",
                "google.com",
            ],
        ),
    ];
    for (org, left) in cases {
        let without = all.without(org);
        let orgs: Vec<&str> = without.published.iter().map(|s| s.org.as_str()).collect();
        assert_eq!(orgs, left, "{org}");
    }
    // Removing every organisation leaves what a clear leaves.
    let mut emptied = all.clone();
    for r in all.reporters() {
        emptied = emptied.without(&r.org);
    }
    assert_eq!(emptied, Store::default());
    assert_eq!(periods(&emptied), []);
}

/// A report's day and its published p, sp and np.
type Dated = (&'static str, [&'static str; 3]);
/// An entry's first and last day and its policy in words.
type Entry = (&'static str, &'static str, &'static str);

#[test]
fn one_organisations_reports_join_while_their_days_meet() {
    let none = ["none", "", ""];
    let reject = ["reject", "", ""];
    let cases: [(&str, &[Dated], &[Entry]); 5] = [
        (
            "consecutive days of one policy are one entry",
            &[
                ("2027-03-01", none),
                ("2027-03-02", none),
                ("2027-03-03", none),
            ],
            &[("2027-03-01", "2027-03-03", "p=none; sp absent; np absent")],
        ),
        (
            "a day without a report splits them",
            &[("2027-03-01", none), ("2027-03-03", none)],
            &[
                ("2027-03-01", "2027-03-01", "p=none; sp absent; np absent"),
                ("2027-03-03", "2027-03-03", "p=none; sp absent; np absent"),
            ],
        ),
        (
            "a report that fills the gap joins them",
            &[
                ("2027-03-03", none),
                ("2027-03-01", none),
                ("2027-03-02", none),
            ],
            &[("2027-03-01", "2027-03-03", "p=none; sp absent; np absent")],
        ),
        (
            "another policy between keeps them apart",
            &[
                ("2027-03-01", none),
                ("2027-03-03", none),
                ("2027-03-02", reject),
            ],
            &[
                ("2027-03-01", "2027-03-01", "p=none; sp absent; np absent"),
                ("2027-03-02", "2027-03-02", "p=reject; sp absent; np absent"),
                ("2027-03-03", "2027-03-03", "p=none; sp absent; np absent"),
            ],
        ),
        (
            "a change of policy starts a new entry",
            &[
                ("2027-03-01", none),
                ("2027-03-02", none),
                ("2027-03-03", reject),
                ("2027-03-04", reject),
            ],
            &[
                ("2027-03-01", "2027-03-02", "p=none; sp absent; np absent"),
                ("2027-03-03", "2027-03-04", "p=reject; sp absent; np absent"),
            ],
        ),
    ];
    for (what, reports, expected) in cases {
        let mut store = Store::default();
        for &(day, policy) in reports {
            store.add(google_on(day, policy));
        }
        let expected: Vec<_> = (expected.iter())
            .map(|&(first, last, policy)| ("google.com", first, last, policy))
            .collect();
        assert_eq!(entries(&store), owned(&expected), "{what}");
        // Any order gives the same entries.
        let mut backwards = Store::default();
        for &(day, policy) in reports.iter().rev() {
            backwards.add(google_on(day, policy));
        }
        assert_eq!(backwards, store, "{what}");
    }
}

#[test]
fn a_store_kept_before_policies_were_still_loads() {
    let store = store_of(&ALL);
    let json = serde_json::to_string(&store).unwrap();
    assert!(json.contains("\"published\":["), "{json}");
    assert_eq!(serde_json::from_str::<Store>(&json).unwrap(), store);
    // An older store has no published key at all.
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value.as_object_mut().unwrap().remove("published");
    let older: Store = serde_json::from_value(value).unwrap();
    assert_eq!(older.rows, store.rows);
    assert_eq!(older.seen, store.seen);
    assert!(older.published.is_empty());
    // A store without policies writes none, as older ones were.
    let written = serde_json::to_string(&older).unwrap();
    assert!(!written.contains("published"), "{written}");
    // Its reports imported again are counted once and give their
    // policies, as new reports do.
    let mut older = older;
    for file in ALL {
        for report in read_file(file, &fixture(file)).unwrap() {
            assert_eq!(older.add(report), Added::Duplicate, "{file}");
        }
    }
    assert_eq!(older, store);
    older.add(google_on("2027-03-06", ["reject", "", ""]));
    assert_eq!(older.published.len(), 6);
}

#[test]
fn distinct_policies_are_listed_latest_first() {
    let listed: Vec<(String, String, String)> = periods(&store_of(&ALL))
        .iter()
        .map(|p| (words(&p.policy), p.orgs.join(", "), p.days()))
        .collect();
    let expected = [
        (
            "p=none; sp absent; np absent",
            "Mail & More GmbH, Yahoo",
            "2027-03-03 to 2027-03-05",
        ),
        ("p=none; sp=none; np=reject", "fastmail.com", "2027-03-04"),
        ("p=none; sp=none; np absent", "Outlook.com", "2027-03-02"),
        ("p=none; sp=none; np=none", "google.com", "2027-03-02"),
    ];
    let expected: Vec<_> = (expected.iter())
        .map(|&(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(listed, expected);
    let mut testing = google_on("2027-03-06", ["reject", "", ""]);
    testing.policy.testing = "y".into();
    assert_eq!(
        words(&testing.policy),
        "p=reject; sp absent; np absent; t=y"
    );
}

/// The sample plan, whose rollout goes to quarantine on 2027-02-01 and
/// to reject on 2027-03-01, with its np set as given.
fn plan_with(np: Option<DmarcPolicy>, start: &str) -> Plan {
    let mut plan = sample_plan();
    plan.dmarc.np = np;
    plan.dmarc.rollout_start = start.to_string();
    plan
}

struct Case {
    what: &'static str,
    plan_np: Option<DmarcPolicy>,
    start: &'static str,
    /// The reports, oldest first: day and p, sp, np.
    reports: &'static [(&'static str, [&'static str; 3])],
    /// None: nothing to compare. Otherwise each finding's code and the
    /// differences its message names.
    found: Option<&'static [(&'static str, &'static [&'static str])]>,
}

const START: &str = "2027-01-04";

const CASES: &[Case] = &[
    Case {
        what: "the plan's reject as published",
        plan_np: None,
        start: START,
        reports: &[("2027-03-02", ["reject", "", ""])],
        found: Some(&[]),
    },
    Case {
        what: "the same with every tag written out",
        plan_np: None,
        start: START,
        reports: &[("2027-03-02", ["reject", "reject", "reject"])],
        found: Some(&[]),
    },
    Case {
        what: "p=none still published when the plan has reject",
        plan_np: None,
        start: START,
        reports: &[("2027-03-02", ["none", "", ""])],
        found: Some(&[(
            POLICY_DIFFERS,
            &[
                "p differs: receivers saw none, the plan has reject",
                "sp differs: receivers saw none (sp absent, so p applies), the plan has reject",
            ],
        )]),
    },
    Case {
        what: "np written as none: its own finding",
        plan_np: None,
        start: START,
        reports: &[("2027-03-02", ["none", "none", "none"])],
        found: Some(&[
            (
                POLICY_DIFFERS,
                &[
                    "p differs: receivers saw none, the plan has reject",
                    "sp differs: receivers saw none, the plan has reject",
                ],
            ),
            (
                NP_DIFFERS,
                &["np differs: receivers saw none, the plan has reject (np absent, so sp applies)"],
            ),
        ]),
    },
    Case {
        what: "only sp differs",
        plan_np: None,
        start: START,
        reports: &[("2027-03-02", ["reject", "none", ""])],
        found: Some(&[(POLICY_DIFFERS, &["sp differs: receivers saw none, the plan has reject"])]),
    },
    Case {
        what: "only np differs, published",
        plan_np: None,
        start: START,
        reports: &[("2027-03-02", ["reject", "", "quarantine"])],
        found: Some(&[(
            NP_DIFFERS,
            &["np differs: receivers saw quarantine, the plan has reject (np absent, so sp applies)"],
        )]),
    },
    // Many reporters leave np out whatever the record says, so a report
    // without it says nothing of np.
    Case {
        what: "an np the report leaves out is not compared",
        plan_np: Some(DmarcPolicy::None),
        start: START,
        reports: &[("2027-03-02", ["reject", "", ""])],
        found: Some(&[]),
    },
    Case {
        what: "only np differs, stated by the report",
        plan_np: Some(DmarcPolicy::None),
        start: START,
        reports: &[("2027-03-02", ["reject", "", "reject"])],
        found: Some(&[(
            NP_DIFFERS,
            &["np differs: receivers saw reject, the plan has none"],
        )]),
    },
    Case {
        what: "np reaches sp through the fallbacks",
        plan_np: Some(DmarcPolicy::Reject),
        start: START,
        reports: &[("2027-03-02", ["reject", "", ""])],
        found: Some(&[]),
    },
    Case {
        what: "the plan's np published while the rest lags",
        plan_np: Some(DmarcPolicy::Reject),
        start: START,
        reports: &[("2027-03-02", ["quarantine", "", "reject"])],
        found: Some(&[(
            POLICY_DIFFERS,
            &[
                "p differs: receivers saw quarantine, the plan has reject",
                "sp differs: receivers saw quarantine (sp absent, so p applies), the plan has reject",
            ],
        )]),
    },
    Case {
        what: "judged on the last report's day: quarantine in February",
        plan_np: None,
        start: START,
        reports: &[("2027-02-15", ["quarantine", "", ""])],
        found: Some(&[]),
    },
    Case {
        what: "a record ahead of the plan",
        plan_np: None,
        start: START,
        reports: &[("2027-02-15", ["reject", "", ""])],
        found: Some(&[(
            POLICY_DIFFERS,
            &[
                "p differs: receivers saw reject, the plan has quarantine",
                "sp differs: receivers saw reject (sp absent, so p applies), the plan has quarantine",
            ],
        )]),
    },
    Case {
        what: "the latest report decides",
        plan_np: None,
        start: START,
        reports: &[
            ("2027-02-27", ["none", "", ""]),
            ("2027-03-02", ["reject", "", ""]),
        ],
        found: Some(&[]),
    },
    Case {
        what: "a rollout without dates is at p=none",
        plan_np: None,
        start: "",
        reports: &[("2027-03-02", ["none", "", ""])],
        found: Some(&[]),
    },
    Case {
        what: "an sp no receiver knows is left out",
        plan_np: None,
        start: START,
        reports: &[("2027-03-02", ["reject", "bogus", ""])],
        found: Some(&[]),
    },
    Case {
        what: "a p no receiver knows compares nothing",
        plan_np: None,
        start: START,
        reports: &[("2027-03-02", ["bogus", "", ""])],
        found: None,
    },
    Case {
        what: "no reports",
        plan_np: None,
        start: START,
        reports: &[],
        found: None,
    },
];

#[test]
fn the_latest_published_policy_is_compared_with_the_plans() {
    for case in CASES {
        let plan = plan_with(case.plan_np, case.start);
        let mut store = Store::default();
        for &(day, policy) in case.reports {
            store.add(google_on(day, policy));
        }
        let what = case.what;
        let found = compare(&plan, &store);
        let Some(expected) = case.found else {
            assert_eq!(found, None, "{what}");
            continue;
        };
        let found = found.unwrap_or_else(|| panic!("{what}: something to compare"));
        let codes: Vec<&str> = found.iter().map(|d| d.code.as_ref()).collect();
        let wanted: Vec<&str> = expected.iter().map(|(code, _)| *code).collect();
        assert_eq!(codes, wanted, "{what}: {found:#?}");
        for (d, (code, tags)) in found.iter().zip(expected) {
            assert_eq!(d.severity, Severity::Warning, "{what}");
            assert!(d.fix.is_none(), "{what}: no typed fix");
            let path = if *code == NP_DIFFERS {
                "$.dmarc.np"
            } else {
                "$.dmarc.rollout_start"
            };
            assert_eq!(d.path, path, "{what}");
            assert!(
                d.message.starts_with("Receivers last saw p="),
                "{what}: {}",
                d.message
            );
            assert!(d.message.contains("(google.com, "), "{what}: {}", d.message);
            assert!(
                d.message.contains("published for fernleafcoffee.com"),
                "{what}"
            );
            for tag in *tags {
                assert!(d.message.contains(tag), "{what}: {tag} in {}", d.message);
            }
            // Exactly the tags named: none that agree.
            assert_eq!(
                d.message.matches(" differs: ").count(),
                tags.len(),
                "{what}"
            );
            assert!(
                d.hint.starts_with("Update the DMARC record at _dmarc.fernleafcoffee.com to the plan's (v=DMARC1; p="),
                "{what}: {}",
                d.hint
            );
        }
    }
}

#[test]
fn the_message_names_who_saw_it_and_when() {
    let plan = plan_with(None, START);
    let found = compare(&plan, &store_of(&ALL)).expect("the brand's reports");
    // Yahoo and the messy reporter saw p=none without sp or np last.
    assert_eq!(
        found[0].message,
        "Receivers last saw p=none; sp absent; np absent (Mail & More GmbH and Yahoo, 2027-03-03 to 2027-03-05) published for fernleafcoffee.com, and the plan's rollout has p=reject in force on 2027-03-05. p differs: receivers saw none, the plan has reject; sp differs: receivers saw none (sp absent, so p applies), the plan has reject."
    );
    assert_eq!(
        found[0].hint,
        "Update the DMARC record at _dmarc.fernleafcoffee.com to the plan's (v=DMARC1; p=reject; sp=reject; rua=mailto:dmarc-reports@fernleafcoffee.com), or change the rollout's dates if the published record is where it should be."
    );
    assert_eq!(found.len(), 1);
    // Reports about another domain are listed but never compared.
    let mut other = google_on("2027-03-09", ["reject", "", ""]);
    other.policy.domain = "otherbrand.example".into();
    let mut store = store_of(&ALL);
    store.add(other);
    assert_eq!(periods(&store)[0].policy.domain, "otherbrand.example");
    assert_eq!(compare(&plan, &store), Some(found));
}

#[test]
fn report_findings_join_the_plans_without_repeating_the_pasted_records() {
    let today = NaiveDate::from_ymd_opt(2027, 1, 10).unwrap();
    let store = {
        let mut store = Store::default();
        store.add(google_on("2027-01-10", ["reject", "", "quarantine"]));
        store
    };
    let findings_for = |plan: &Plan| {
        let part = Rc::new(dns_part(plan, today, None));
        let proof = proof(plan, &store, today);
        findings_with(plan, today, part, &proof, &[])
    };
    let codes = |f: &switchyard::review::findings::Findings| -> Vec<String> {
        (f.all.iter())
            .filter(|d| d.code.starts_with("dmarc_reports.") || d.code == "dmarc.weakens")
            .map(|d| d.code.to_string())
            .collect()
    };
    // The rollout is at p=none on the report's day: the reports say so.
    let plan = plan_with(None, START);
    let found = findings_for(&plan);
    assert_eq!(codes(&found), [POLICY_DIFFERS, NP_DIFFERS]);
    let np = found.all.iter().find(|d| d.code == NP_DIFFERS).unwrap();
    assert!(!np.place.is_empty(), "named as the pages name places");
    // The same record pasted as published is already an error about p;
    // the reports' word on p and sp would repeat it, their np would not.
    let mut pasted = plan.clone();
    pasted
        .existing_records
        .push_str("_dmarc IN TXT \"v=DMARC1; p=reject; np=quarantine\"\n");
    assert_eq!(codes(&findings_for(&pasted)), ["dmarc.weakens", NP_DIFFERS]);
    // The checklist's evidence is what it was.
    let proof = proof(&plan, &store, today);
    assert_eq!(
        proof.evidence,
        checklist_evidence(&readiness(&plan, &store.rows, today))
    );
    assert_eq!(proof.findings, compare(&plan, &store).unwrap());
}
