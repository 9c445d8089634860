//! The policies receivers saw published: the store keeps each report's
//! `policy_published` with its days and organisation through adding,
//! removing an organisation and clearing, and reads stores kept before it
//! did; the distinct policies are listed latest first; and the latest for
//! the brand's domain is compared with what the plan's rollout has in
//! force on its last day (a missing sp as p, a missing np as sp).

use std::rc::Rc;

use chrono::NaiveDate;
use switchyard::dmarc_reports::published::{
    compare, periods, words, ADKIM_DIFFERS, ASPF_DIFFERS, NP_DIFFERS, PCT_DIFFERS, POLICY_DIFFERS,
    TESTING_DIFFERS,
};
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
/// published `p`, `sp` and `np` given ("" for a tag left out), the rest
/// left out.
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
    report.policy.adkim.clear();
    report.policy.aspf.clear();
    report.policy.pct = None;
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
                "p=none; sp=none; np=none; adkim=r; aspf=r; pct=100",
            ),
        ),
        (
            "outlook.zip",
            (
                "Outlook.com",
                "2027-03-02",
                "2027-03-02",
                "p=none; sp=none; np absent; adkim=r; aspf=r; pct=100",
            ),
        ),
        (
            "yahoo.xml.gz",
            (
                "Yahoo",
                "2027-03-03",
                "2027-03-03",
                "p=none; sp absent; np absent; adkim=r; aspf=r; pct=100",
            ),
        ),
        (
            "rfc9990.xml",
            (
                "fastmail.com",
                "2027-03-04",
                "2027-03-04",
                "p=none; sp=none; np=reject; adkim=r; aspf=r; t=n",
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
    // Yahoo writes adkim, aspf and pct, the messy reporter none of them:
    // two policies in words, though receivers apply them alike.
    let expected = [
        (
            "p=none; sp absent; np absent",
            "Mail & More GmbH",
            "2027-03-05",
        ),
        (
            "p=none; sp=none; np=reject; adkim=r; aspf=r; t=n",
            "fastmail.com",
            "2027-03-04",
        ),
        (
            "p=none; sp absent; np absent; adkim=r; aspf=r; pct=100",
            "Yahoo",
            "2027-03-03",
        ),
        // Seen on the same days: by reporter, in any case.
        (
            "p=none; sp=none; np=none; adkim=r; aspf=r; pct=100",
            "google.com",
            "2027-03-02",
        ),
        (
            "p=none; sp=none; np absent; adkim=r; aspf=r; pct=100",
            "Outlook.com",
            "2027-03-02",
        ),
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
                d.message.starts_with("google.com last saw p="),
                "{what}: {}",
                d.message
            );
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
    // The messy reporter saw p=none without sp or np last.
    assert_eq!(
        found[0].message,
        "Mail & More GmbH last saw p=none; sp absent; np absent (2027-03-05) published for fernleafcoffee.com, and the plan's rollout has p=reject in force on 2027-03-05. p differs: receivers saw none, the plan has reject; sp differs: receivers saw none (sp absent, so p applies), the plan has reject."
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
        findings_with(
            plan,
            today,
            part,
            &proof,
            &Default::default(),
            &Default::default(),
        )
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

/// A report from `org` on `day` whose published policy is `tags`, written
/// as a record's tags (`p=none; adkim=s; pct=50; t=y`); a tag left out is
/// left out of the report. A `domain=` tag names another policy domain.
fn report(org: &str, day: &str, tags: &str) -> Report {
    let mut report = google_on(day, ["", "", ""]);
    report.org = org.to_string();
    report.report_id = format!("{org} {day} {tags}");
    for row in &mut report.rows {
        row.org = org.to_string();
    }
    let policy = &mut report.policy;
    for tag in tags.split("; ") {
        let (name, value) = tag.split_once('=').unwrap_or_else(|| panic!("{tag}"));
        let text = value.to_string();
        match name {
            "p" => policy.p = text,
            "sp" => policy.sp = text,
            "np" => policy.np = DmarcPolicy::ALL.into_iter().find(|x| x.as_str() == value),
            "adkim" => policy.adkim = text,
            "aspf" => policy.aspf = text,
            "pct" => policy.pct = Some(value.parse().unwrap()),
            "t" => policy.testing = text,
            "domain" => policy.domain = text,
            _ => panic!("{tag}"),
        }
    }
    report
}

struct TagCase {
    what: &'static str,
    strict_dkim: bool,
    strict_spf: bool,
    /// The latest report's published policy, as record tags.
    seen: &'static str,
    /// Each finding's code, path and the difference its message names.
    found: &'static [(&'static str, &'static str, &'static str)],
}

/// The sample plan has p=reject in force on the reports' day.
const TAG_CASES: &[TagCase] = &[
    TagCase {
        what: "every optional tag left out",
        strict_dkim: false,
        strict_spf: false,
        seen: "p=reject",
        found: &[],
    },
    TagCase {
        what: "every tag at its default, written out",
        strict_dkim: false,
        strict_spf: false,
        seen: "p=reject; adkim=r; aspf=r; pct=100; t=n",
        found: &[],
    },
    TagCase {
        what: "strict tags as the plan has them",
        strict_dkim: true,
        strict_spf: true,
        seen: "p=reject; adkim=s; aspf=s",
        found: &[],
    },
    TagCase {
        what: "strict DKIM published, relaxed planned",
        strict_dkim: false,
        strict_spf: false,
        seen: "p=reject; adkim=s; aspf=r",
        found: &[(
            ADKIM_DIFFERS,
            "$.dmarc.strict_dkim",
            "adkim differs: receivers saw s (strict), the plan has r (adkim absent, so relaxed applies).",
        )],
    },
    TagCase {
        what: "strict alignment planned, adkim and aspf left out of the report",
        strict_dkim: true,
        strict_spf: true,
        seen: "p=reject",
        found: &[],
    },
    TagCase {
        what: "strict SPF planned, relaxed published",
        strict_dkim: false,
        strict_spf: true,
        seen: "p=reject; adkim=r; aspf=r",
        found: &[(
            ASPF_DIFFERS,
            "$.dmarc.strict_spf",
            "aspf differs: receivers saw r (relaxed), the plan has s (strict).",
        )],
    },
    TagCase {
        what: "both alignments the other way round",
        strict_dkim: true,
        strict_spf: true,
        seen: "p=reject; adkim=r; aspf=r",
        found: &[
            (ADKIM_DIFFERS, "$.dmarc.strict_dkim", "adkim differs: receivers saw r (relaxed), the plan has s (strict)."),
            (ASPF_DIFFERS, "$.dmarc.strict_spf", "aspf differs: receivers saw r (relaxed), the plan has s (strict)."),
        ],
    },
    TagCase {
        what: "pct below 100",
        strict_dkim: false,
        strict_spf: false,
        seen: "p=reject; pct=50",
        found: &[(
            PCT_DIFFERS,
            "$.dmarc.rollout_start",
            "pct differs: receivers saw 50, the plan has 100 (pct absent, so 100 applies).",
        )],
    },
    TagCase {
        what: "pct=0",
        strict_dkim: false,
        strict_spf: false,
        seen: "p=reject; pct=0",
        found: &[(
            PCT_DIFFERS,
            "$.dmarc.rollout_start",
            "pct differs: receivers saw 0, the plan has 100 (pct absent, so 100 applies).",
        )],
    },
    TagCase {
        what: "test mode the plan never sets",
        strict_dkim: false,
        strict_spf: false,
        seen: "p=reject; t=y",
        found: &[(
            TESTING_DIFFERS,
            "$.dmarc.rollout_start",
            "t differs: receivers saw y (test mode), the plan has n (t absent, so n applies).",
        )],
    },
    TagCase {
        what: "each difference its own finding, p first",
        strict_dkim: false,
        strict_spf: false,
        seen: "p=quarantine; sp=quarantine; adkim=s; pct=20; t=y",
        found: &[
            (POLICY_DIFFERS, "$.dmarc.rollout_start", "p differs: receivers saw quarantine, the plan has reject"),
            (ADKIM_DIFFERS, "$.dmarc.strict_dkim", "adkim differs: receivers saw s (strict)"),
            (PCT_DIFFERS, "$.dmarc.rollout_start", "pct differs: receivers saw 20"),
            (TESTING_DIFFERS, "$.dmarc.rollout_start", "t differs: receivers saw y"),
        ],
    },
];

#[test]
fn alignment_pct_and_test_mode_are_compared_with_the_plans() {
    for case in TAG_CASES {
        let what = case.what;
        let mut plan = plan_with(None, START);
        plan.dmarc.strict_dkim = case.strict_dkim;
        plan.dmarc.strict_spf = case.strict_spf;
        let mut store = Store::default();
        // An older report with other tags does not count: the latest does.
        store.add(report(
            "google.com",
            "2027-03-01",
            "p=none; adkim=s; aspf=s; pct=1; t=y",
        ));
        store.add(report("google.com", "2027-03-02", case.seen));
        let found = compare(&plan, &store).expect("something to compare");
        let codes: Vec<&str> = found.iter().map(|d| d.code.as_ref()).collect();
        let wanted: Vec<&str> = case.found.iter().map(|(code, ..)| *code).collect();
        assert_eq!(codes, wanted, "{what}: {found:#?}");
        let record = switchyard::dns::plan::dmarc_record(&plan, DmarcPolicy::Reject);
        for (d, (_, path, difference)) in found.iter().zip(case.found) {
            assert_eq!(d.severity, Severity::Warning, "{what}");
            assert!(d.fix.is_none(), "{what}: no typed fix");
            assert_eq!(d.path, *path, "{what}");
            assert!(
                d.message.contains(difference),
                "{what}: {difference} in {}",
                d.message
            );
            assert_eq!(
                d.message.matches(" differs: ").count(),
                (d.code == POLICY_DIFFERS) as usize + 1,
                "{what}"
            );
            // Who saw it and when, in the words the card shows.
            let seen = format!(
                "google.com last saw {} (2027-03-02) published for fernleafcoffee.com",
                words(&store.published[1].policy)
            );
            assert!(d.message.starts_with(&seen), "{what}: {}", d.message);
            assert!(
                d.hint.starts_with(&format!(
                    "Update the DMARC record at _dmarc.fernleafcoffee.com to the plan's ({record})"
                )),
                "{what}: {}",
                d.hint
            );
        }
        // The alignment hints name the other way out: the plan's setting.
        for d in found.iter().filter(|d| d.code == ADKIM_DIFFERS) {
            let mode = if case.strict_dkim {
                "relaxed"
            } else {
                "strict"
            };
            assert!(
                d.hint.contains(&format!(
                    "or set the plan's DKIM alignment to {mode} if the published one is wanted"
                )),
                "{what}: {}",
                d.hint
            );
        }
    }
}

#[test]
fn the_findings_open_on_the_fields_they_are_about() {
    use switchyard::review::place::{place_of, Place};
    let plan = sample_plan();
    for (path, place) in [
        ("$.dmarc.strict_dkim", Place::DmarcField("strict_dkim")),
        ("$.dmarc.strict_spf", Place::DmarcField("strict_spf")),
        ("$.dmarc.rollout_start", Place::DmarcField("rollout_start")),
        ("$.dmarc", Place::DnsBrand),
    ] {
        assert_eq!(place_of(&plan, &[], path), place, "{path}");
    }
}

struct Disagree {
    what: &'static str,
    /// The reports: organisation, day and published policy as tags.
    reports: &'static [(&'static str, &'static str, &'static str)],
    /// Each warning's message, in parts that must all be in it.
    found: &'static [&'static [&'static str]],
}

const NONE: &str = "p=none; sp absent; np absent";
const QUARANTINE: &str = "p=quarantine; sp absent; np absent";

const DISAGREE: &[Disagree] = &[
    Disagree {
        what: "Google saw p=none and Outlook.com p=quarantine on one day",
        reports: &[
            ("google.com", "2026-11-03", "p=none"),
            ("Outlook.com", "2026-11-03", "p=quarantine"),
        ],
        found: &[&[
            "Reporters saw different DMARC policies published for fernleafcoffee.com on 2026-11-03: p=none; sp absent; np absent (google.com) and p=quarantine; sp absent; np absent (Outlook.com).",
            "The record probably changed that day, and some receivers read it before the change; if it did not change, more than one DMARC record may be published there, or DNS was still propagating a change.",
        ]],
    },
    Disagree {
        what: "one report leaves out tags the other writes",
        reports: &[
            ("google.com", "2026-11-03", "p=none; sp=none; np=none; adkim=r; aspf=r; pct=100; t=n"),
            ("Outlook.com", "2026-11-03", "p=none"),
        ],
        found: &[],
    },
    Disagree {
        what: "the same policy written alike",
        reports: &[
            ("google.com", "2026-11-03", "p=reject; adkim=s"),
            ("Outlook.com", "2026-11-03", "p=reject; adkim=s"),
        ],
        found: &[],
    },
    Disagree {
        what: "a change between two days is no disagreement",
        reports: &[
            ("google.com", "2026-11-02", "p=none"),
            ("Outlook.com", "2026-11-03", "p=quarantine"),
        ],
        found: &[],
    },
    Disagree {
        what: "one organisation's own reports are not two reporters",
        reports: &[
            ("google.com", "2026-11-03", "p=none"),
            ("google.com", "2026-11-03", "p=quarantine"),
        ],
        found: &[],
    },
    Disagree {
        what: "a tag both state differs",
        reports: &[
            ("google.com", "2026-11-03", "p=none; adkim=r"),
            ("Outlook.com", "2026-11-03", "p=none; adkim=s; pct=100"),
        ],
        found: &[&[
            "on 2026-11-03: p=none; sp absent; np absent; adkim=r (google.com) and p=none; sp absent; np absent; adkim=s; pct=100 (Outlook.com).",
        ]],
    },
    Disagree {
        what: "test mode stated both ways",
        reports: &[
            ("google.com", "2026-11-03", "p=reject; t=n"),
            ("fastmail.com", "2026-11-03", "p=reject; t=y"),
        ],
        found: &[&["(fastmail.com)", "t=y", "(google.com)", "t=n"]],
    },
    Disagree {
        what: "days shared over a run are one warning, the policy seen first first",
        reports: &[
            ("google.com", "2026-11-01", "p=none"),
            ("google.com", "2026-11-02", "p=none"),
            ("google.com", "2026-11-03", "p=none"),
            ("google.com", "2026-11-04", "p=none"),
            ("Yahoo", "2026-11-03", "p=quarantine"),
            ("Yahoo", "2026-11-04", "p=quarantine"),
            ("Yahoo", "2026-11-05", "p=quarantine"),
        ],
        found: &[&[
            "for fernleafcoffee.com from 2026-11-03 to 2026-11-04: p=none; sp absent; np absent (google.com) and p=quarantine; sp absent; np absent (Yahoo).",
            "More than one DMARC record may be published there, or DNS was still propagating a change; the record may also have changed in those days.",
        ]],
    },
    Disagree {
        what: "three reporters, two policies",
        reports: &[
            ("google.com", "2026-11-03", "p=none"),
            ("Yahoo", "2026-11-03", "p=none"),
            ("Outlook.com", "2026-11-03", "p=quarantine"),
        ],
        found: &[&[
            "on 2026-11-03: p=none; sp absent; np absent (Yahoo and google.com) and p=quarantine; sp absent; np absent (Outlook.com).",
        ]],
    },
    Disagree {
        what: "policies that agree are one side, worded as the one that states most",
        reports: &[
            ("google.com", "2026-11-03", "p=none; sp=none; adkim=r; aspf=r; pct=100"),
            ("two.example", "2026-11-03", "p=none; adkim=r; aspf=r; pct=100"),
            ("tag.example", "2026-11-03", "p=none; aspf=r; pct=100"),
            ("Outlook.com", "2026-11-03", "p=quarantine; sp=quarantine; adkim=r; aspf=r; pct=100"),
        ],
        found: &[&[
            "on 2026-11-03: p=none; sp=none; np absent; adkim=r; aspf=r; pct=100 (google.com, tag.example and two.example) and p=quarantine; sp=quarantine; np absent; adkim=r; aspf=r; pct=100 (Outlook.com).",
        ]],
    },
    Disagree {
        what: "a missing sp is p, so it differs from another sp",
        reports: &[
            ("google.com", "2026-11-03", "p=quarantine; sp=none"),
            ("Outlook.com", "2026-11-03", "p=quarantine"),
        ],
        found: &[&[
            "on 2026-11-03: p=quarantine; sp absent; np absent (Outlook.com) and p=quarantine; sp=none; np absent (google.com).",
        ]],
    },
    Disagree {
        what: "a missing sp is p, so it agrees with the same sp",
        reports: &[
            ("google.com", "2026-11-03", "p=quarantine; sp=quarantine"),
            ("Outlook.com", "2026-11-03", "p=quarantine"),
        ],
        found: &[],
    },
    Disagree {
        what: "two days apart are two warnings",
        reports: &[
            ("google.com", "2026-11-03", "p=none"),
            ("Outlook.com", "2026-11-03", "p=quarantine"),
            ("google.com", "2026-11-10", "p=quarantine"),
            ("Outlook.com", "2026-11-10", "p=reject"),
        ],
        found: &[&["on 2026-11-03:"], &["on 2026-11-10:"]],
    },
    Disagree {
        what: "a domain under the brand's",
        reports: &[
            ("google.com", "2026-11-03", "domain=mail.fernleafcoffee.com; p=none"),
            ("Outlook.com", "2026-11-03", "domain=mail.fernleafcoffee.com; p=reject"),
        ],
        found: &[&["published for mail.fernleafcoffee.com on 2026-11-03"]],
    },
    Disagree {
        what: "another brand's domain is not this plan's to warn about",
        reports: &[
            ("google.com", "2026-11-03", "domain=otherbrand.example; p=none"),
            ("Outlook.com", "2026-11-03", "domain=otherbrand.example; p=reject"),
        ],
        found: &[],
    },
    Disagree {
        what: "different domains on one day",
        reports: &[
            ("google.com", "2026-11-03", "p=none"),
            ("Outlook.com", "2026-11-03", "domain=mail.fernleafcoffee.com; p=reject"),
        ],
        found: &[],
    },
];

#[test]
fn reporters_that_saw_different_policies_on_the_same_days_are_named() {
    use switchyard::dmarc_reports::published::{disagreements, REPORTERS_DISAGREE};
    assert!(NONE.len() < QUARANTINE.len());
    let plan = plan_with(None, START);
    for case in DISAGREE {
        let what = case.what;
        let mut store = Store::default();
        for &(org, day, tags) in case.reports {
            store.add(report(org, day, tags));
        }
        let found = disagreements(&plan, &store);
        assert_eq!(found.len(), case.found.len(), "{what}: {found:#?}");
        for (d, parts) in found.iter().zip(case.found) {
            assert_eq!(d.code, REPORTERS_DISAGREE, "{what}");
            assert_eq!(d.severity, Severity::Warning, "{what}");
            assert_eq!(d.path, "$.dmarc", "{what}");
            assert!(d.fix.is_none(), "{what}");
            for part in *parts {
                assert!(d.message.contains(part), "{what}: {part} in {}", d.message);
            }
            assert!(
                d.hint.starts_with("Check that _dmarc."),
                "{what}: {}",
                d.hint
            );
        }
        // The same in any order.
        let mut backwards = Store::default();
        for &(org, day, tags) in case.reports.iter().rev() {
            backwards.add(report(org, day, tags));
        }
        assert_eq!(disagreements(&plan, &backwards), found, "{what}");
    }
    // The hint gives the plan's record for the brand's own domain, in
    // force on the last day they disagree.
    let mut store = Store::default();
    store.add(report("google.com", "2027-02-10", "p=none"));
    store.add(report("Outlook.com", "2027-02-10", "p=quarantine"));
    assert_eq!(
        disagreements(&plan, &store)[0].hint,
        "Check that _dmarc.fernleafcoffee.com holds a single DMARC record, the plan's (v=DMARC1; p=quarantine; sp=quarantine; rua=mailto:dmarc-reports@fernleafcoffee.com); the published-DNS check on the Domains tab reads it. If the record was changed that day, the reports after it will agree."
    );
    // Without a primary domain there is no brand to warn about.
    let mut nameless = plan.clone();
    nameless.brand.primary_domain.clear();
    assert_eq!(disagreements(&nameless, &store), []);
}

#[test]
fn disagreements_join_the_findings_after_the_comparison() {
    use switchyard::dmarc_reports::published::{findings, REPORTERS_DISAGREE};
    let today = NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
    let plan = plan_with(None, START);
    let mut store = Store::default();
    store.add(report("google.com", "2027-03-02", "p=none"));
    store.add(report("Outlook.com", "2027-03-02", "p=reject"));
    let found = findings(&plan, &store).expect("findings");
    let codes: Vec<&str> = found.iter().map(|d| d.code.as_ref()).collect();
    // Whichever report is the latest, the comparison names p.
    assert_eq!(codes.last(), Some(&REPORTERS_DISAGREE), "{codes:?}");
    assert_eq!(proof(&plan, &store, today).findings, found);
    let part = Rc::new(dns_part(&plan, today, None));
    let all = findings_with(
        &plan,
        today,
        part,
        &proof(&plan, &store, today),
        &Default::default(),
        &Default::default(),
    );
    let warning = (all.all.iter())
        .find(|d| d.code == REPORTERS_DISAGREE)
        .expect("on the Problems tab");
    assert!(!warning.place.is_empty());
    // Nothing to compare (no primary domain) and no disagreement: none.
    let mut nameless = plan.clone();
    nameless.brand.primary_domain.clear();
    assert_eq!(findings(&nameless, &store), None);
    assert_eq!(findings(&plan, &Store::default()), None);
}

#[test]
fn reports_kept_before_the_newer_tags_were_read_give_way_to_the_same_reports_read_again() {
    let store = store_of(&ALL);
    // The store as an older version kept it: no adkim, aspf or pct.
    let mut value = serde_json::to_value(&store).unwrap();
    for seen in value["published"].as_array_mut().unwrap() {
        let policy = seen["policy"].as_object_mut().unwrap();
        for key in ["adkim", "aspf", "pct"] {
            policy.remove(key);
        }
    }
    let older: Store = serde_json::from_value(value).unwrap();
    assert_eq!(older.rows, store.rows);
    let listed = |store: &Store| -> Vec<String> {
        periods(store)
            .iter()
            .map(|p| format!("{} {}", words(&p.policy), p.orgs.join(", ")))
            .collect()
    };
    assert_eq!(
        listed(&older)[..2],
        [
            "p=none; sp absent; np absent Mail & More GmbH, Yahoo",
            "p=none; sp=none; np=reject; t=n fastmail.com",
        ]
    );
    // Imported again, the reports count once and their full policies
    // take the place of the ones kept with less.
    let mut again = older.clone();
    for file in ALL {
        for report in read_file(file, &fixture(file)).unwrap() {
            assert_eq!(again.add(report), Added::Duplicate, "{file}");
        }
    }
    assert_eq!(
        again.published.len(),
        9,
        "both kept: the store is never rewritten"
    );
    assert_eq!(listed(&again), listed(&store));
    let plan = plan_with(None, START);
    assert_eq!(compare(&plan, &again), compare(&plan, &store));
    // An older report's policy leaves the newer tags out: it never
    // disagrees with the same policy written in full.
    use switchyard::dmarc_reports::published::disagreements;
    assert_eq!(disagreements(&plan, &again), []);
}

struct Tie {
    what: &'static str,
    /// The reports: organisation, day and published policy as tags.
    reports: &'static [(&'static str, &'static str, &'static str)],
    /// Each finding's code, who it names (`(org, day)`) and who it must
    /// not name.
    found: &'static [(
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
    )],
}

/// The sample plan has p=reject in force from 2027-03-01.
const TIES: &[Tie] = &[
    Tie {
        what: "a tie where both agree with the plan",
        reports: &[
            ("google.com", "2027-03-02", "p=reject"),
            ("Outlook.com", "2027-03-02", "p=reject; adkim=r; pct=100"),
        ],
        found: &[],
    },
    Tie {
        what: "a tie where the reporter listed second differs",
        reports: &[
            ("google.com", "2027-03-02", "p=none"),
            ("Outlook.com", "2027-03-02", "p=reject"),
        ],
        found: &[(POLICY_DIFFERS, &["google.com last saw p="], &["Outlook.com"])],
    },
    Tie {
        what: "a tie where the reporter listed first differs",
        reports: &[
            ("google.com", "2027-03-02", "p=reject"),
            ("Outlook.com", "2027-03-02", "p=none"),
        ],
        found: &[(POLICY_DIFFERS, &["Outlook.com last saw p="], &["google.com"])],
    },
    Tie {
        what: "a tie where both differ alike: one finding naming both",
        reports: &[
            ("google.com", "2027-03-02", "p=none"),
            ("Yahoo", "2027-03-02", "p=none; adkim=r"),
        ],
        found: &[(
            POLICY_DIFFERS,
            &[
                "google.com last saw p=none; sp absent; np absent (2027-03-02) and Yahoo last saw p=none; sp absent; np absent; adkim=r (2027-03-02) published for fernleafcoffee.com, and the plan's rollout has p=reject in force on 2027-03-02.",
            ],
            &[],
        )],
    },
    Tie {
        what: "a tie where each differs in its own tag",
        reports: &[
            ("google.com", "2027-03-02", "p=reject; pct=50"),
            ("Outlook.com", "2027-03-02", "p=reject; t=y"),
        ],
        found: &[
            // Reporters in the order the reporters list has them: by name, in any case.
            (PCT_DIFFERS, &["google.com last saw p="], &["Outlook.com"]),
            (TESTING_DIFFERS, &["Outlook.com last saw p="], &["google.com"]),
        ],
    },
    Tie {
        what: "no tie: an earlier report that differs is not compared",
        reports: &[
            ("google.com", "2027-03-01", "p=none"),
            ("Outlook.com", "2027-03-02", "p=reject"),
        ],
        found: &[],
    },
    Tie {
        what: "no tie: the latest report differs",
        reports: &[
            ("google.com", "2027-03-01", "p=reject"),
            ("Outlook.com", "2027-03-02", "p=none"),
        ],
        found: &[(POLICY_DIFFERS, &["Outlook.com last saw p="], &["google.com"])],
    },
];

#[test]
fn every_policy_seen_on_the_latest_day_is_compared_with_the_plans() {
    let plan = plan_with(None, START);
    for case in TIES {
        let what = case.what;
        let mut store = Store::default();
        for &(org, day, tags) in case.reports {
            store.add(report(org, day, tags));
        }
        let found = compare(&plan, &store).expect("something to compare");
        let codes: Vec<&str> = found.iter().map(|d| d.code.as_ref()).collect();
        let wanted: Vec<&str> = case.found.iter().map(|(code, ..)| *code).collect();
        assert_eq!(codes, wanted, "{what}: {found:#?}");
        for (d, (_, named, unnamed)) in found.iter().zip(case.found) {
            // The reporter comes first, so tied findings differ from their start.
            let first = named.first().expect("a reporter named");
            assert!(d.message.starts_with(first), "{what}: {}", d.message);
            for part in *named {
                assert!(d.message.contains(part), "{what}: {part} in {}", d.message);
            }
            for org in *unnamed {
                assert!(!d.message.contains(org), "{what}: {org} in {}", d.message);
            }
        }
        // The same in any order.
        let mut backwards = Store::default();
        for &(org, day, tags) in case.reports.iter().rev() {
            backwards.add(report(org, day, tags));
        }
        assert_eq!(compare(&plan, &backwards), Some(found), "{what}");
    }
}

#[test]
fn readiness_is_judged_on_today_unless_every_recent_report_is_dated_ahead() {
    use switchyard::dmarc_reports::rollout::judged_on;
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    let today = day("2027-01-12");
    let store_on = |days: &[&str]| {
        let mut store = Store::default();
        for d in days {
            store.add(google_on(d, ["none", "", ""]));
        }
        store
    };
    // (report days, the day judged on)
    let cases: [(&[&str], &str); 4] = [
        (&["2027-01-10"], "2027-01-12"),
        // A stray report dated ahead leaves the last two weeks' reports be.
        (&["2027-01-10", "2027-06-01"], "2027-01-12"),
        // Reports all dated ahead are a plan's future, or a clock set wrong.
        (&["2027-06-01"], "2027-06-01"),
        (&["2026-10-01"], "2027-01-12"),
    ];
    for (days, judged) in cases {
        assert_eq!(judged_on(&store_on(days), today), day(judged), "{days:?}");
    }
}
