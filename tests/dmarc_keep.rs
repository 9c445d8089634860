//! A DMARC policy the domain already publishes, kept from today: the
//! rollout starts at it that day, its weaker stages skipped rather than
//! dated in the past, and the report addresses the published record asks
//! for are kept, or their loss said.

use chrono::NaiveDate;
use switchyard::dns::report::{domains_report, DomainsReport};
use switchyard::plan::diagnostic::{Diagnostic, Severity};
use switchyard::plan::edit::{edit_plan, DmarcField, Edit};
use switchyard::plan::model::*;
use switchyard::plan::sample::sample_plan;

/// The day of the walk that found the bugs.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
}

/// The sample plan's DMARC as a new plan leaves it (no rollout start), with
/// `rua` as the report address and `records` pasted as published at the
/// brand's DMARC name.
fn published(records: &[&str], rua: &str) -> Plan {
    let mut plan = sample_plan();
    plan.dmarc.rua = rua.into();
    plan.dmarc.rollout_start.clear();
    plan.existing_records = (records.iter())
        .map(|r| format!("_dmarc IN TXT \"{r}\"\n"))
        .collect();
    plan
}

fn found<'a>(report: &'a DomainsReport, code: &str) -> Option<&'a Diagnostic> {
    report.findings.iter().find(|d| d.code == code)
}

/// The planned DMARC record's value.
fn dmarc_value(report: &DomainsReport) -> String {
    (report.records.iter())
        .find(|r| r.name == "_dmarc.fernleafcoffee.com")
        .map(|r| r.value.clone())
        .unwrap_or_default()
}

#[test]
fn keeping_a_published_policy_keeps_its_report_address() {
    let mut plan = published(
        &["v=DMARC1; p=reject; rua=mailto:dmarc@fernleafcoffee.com"],
        "",
    );
    let report = domains_report(&plan, today(), None);
    // Before the fix: the plan's p=none would drop the policy and the
    // reports, and the report address's warning says the second, once.
    let dropped = found(&report, "dmarc.reports_dropped").expect("the reports' loss is said");
    assert_eq!(dropped.path, "$.dmarc.rua");
    assert!(
        !(report.findings.iter())
            .any(|d| d.code == "dmarc.no_reports" && d.path == "_dmarc.fernleafcoffee.com"),
        "{:?}",
        report.findings
    );
    let fix = found(&report, "dmarc.weakens")
        .unwrap()
        .fix
        .clone()
        .unwrap();
    assert_eq!(fix.label, "Keep p=reject from today");
    let set = |f| Edit::Dmarc(f);
    assert_eq!(
        fix.edits,
        [
            set(DmarcField::FirstStage(Some(DmarcPolicy::Reject))),
            set(DmarcField::RolloutStart("2026-12-07".into())),
            set(DmarcField::Rua("dmarc@fernleafcoffee.com".into())),
        ]
    );
    edit_plan(&mut plan, Edit::Many(fix.edits));
    assert_eq!(
        plan.dmarc.rollout_start, "2026-12-07",
        "today, not backdated"
    );
    let after = domains_report(&plan, today(), None);
    assert_eq!(after.stage, "reject");
    let value = "v=DMARC1; p=reject; sp=reject; rua=mailto:dmarc@fernleafcoffee.com";
    assert_eq!(dmarc_value(&after), value);
    assert!(after.zone_files[0].text.contains(value));
    for code in ["dmarc.weakens", "dmarc.reports_dropped", "dmarc.no_reports"] {
        assert!(
            found(&after, code).is_none(),
            "{code}: {:?}",
            after.findings
        );
    }
}

#[test]
fn keeping_a_policy_carries_the_report_address_only_where_the_plan_has_none() {
    // (the plan's report address, the address the fix sets)
    let cases = [
        ("", Some("dmarc@fernleafcoffee.com")),
        ("  ", Some("dmarc@fernleafcoffee.com")),
        ("reports@fernleafcoffee.com", None),
    ];
    for (rua, carried) in cases {
        let plan = published(
            &["v=DMARC1; p=quarantine; rua=mailto:dmarc@fernleafcoffee.com"],
            rua,
        );
        let report = domains_report(&plan, today(), None);
        let fix = found(&report, "dmarc.weakens")
            .unwrap()
            .fix
            .clone()
            .unwrap();
        let set: Option<String> = fix.edits.iter().find_map(|e| match e {
            Edit::Dmarc(DmarcField::Rua(v)) => Some(v.clone()),
            _ => None,
        });
        assert_eq!(set.as_deref(), carried, "{rua:?}");
    }
    // A record that asks for no reports has none to carry.
    let plan = published(&["v=DMARC1; p=reject"], "");
    let report = domains_report(&plan, today(), None);
    let fix = found(&report, "dmarc.weakens")
        .unwrap()
        .fix
        .clone()
        .unwrap();
    assert!(
        !(fix.edits.iter()).any(|e| matches!(e, Edit::Dmarc(DmarcField::Rua(_)))),
        "{:?}",
        fix.edits
    );
}

#[test]
fn published_report_addresses_are_not_dropped_unsaid() {
    // (the records pasted at _dmarc, the plan's report address, the
    // finding as (code, severity, what its message says, the address its
    // fix sets), or none)
    type Expected = Option<(&'static str, Severity, &'static str, Option<&'static str>)>;
    let cases: [(&[&str], &str, Expected); 11] = [
        (
            &["v=DMARC1; p=none; rua=mailto:dmarc@fernleafcoffee.com"],
            "",
            Some((
                "dmarc.reports_dropped",
                Severity::Warning,
                "sends aggregate reports to dmarc@fernleafcoffee.com, and the planned record asks for none: publishing it stops those reports",
                Some("dmarc@fernleafcoffee.com"),
            )),
        ),
        // An address the plan cannot write asks for none either.
        (
            &["v=DMARC1; p=none; rua=mailto:dmarc@fernleafcoffee.com"],
            "dmarc@",
            Some((
                "dmarc.reports_dropped",
                Severity::Warning,
                "and the planned record asks for none",
                Some("dmarc@fernleafcoffee.com"),
            )),
        ),
        (
            &["v=DMARC1; p=none; rua=mailto:dmarc@fernleafcoffee.com"],
            "dmarc@fernleafcoffee.com",
            None,
        ),
        // Domains are compared as DNS compares them.
        (
            &["v=DMARC1; p=none; rua=mailto:dmarc@FernleafCoffee.com"],
            "dmarc@fernleafcoffee.com",
            None,
        ),
        (
            &["v=DMARC1; p=none; rua=mailto:old@fernleafcoffee.com"],
            "dmarc@fernleafcoffee.com",
            Some((
                "dmarc.reports_moved",
                Severity::Info,
                "sends them to dmarc@fernleafcoffee.com alone: publishing it stops the reports to old@fernleafcoffee.com.",
                Some("old@fernleafcoffee.com"),
            )),
        ),
        // The plan's record carries one address: keeping the first leaves
        // the second's loss said, as a note without a fix.
        (
            &["v=DMARC1; p=none; rua=mailto:a@fernleafcoffee.com,mailto:b@fernleafcoffee.com"],
            "",
            Some((
                "dmarc.reports_dropped",
                Severity::Warning,
                "sends aggregate reports to a@fernleafcoffee.com and b@fernleafcoffee.com, and the planned record asks for none",
                Some("a@fernleafcoffee.com"),
            )),
        ),
        (
            &["v=DMARC1; p=none; rua=mailto:a@fernleafcoffee.com,mailto:b@fernleafcoffee.com"],
            "a@fernleafcoffee.com",
            Some((
                "dmarc.reports_moved",
                Severity::Info,
                "publishing it stops the reports to b@fernleafcoffee.com.",
                None,
            )),
        ),
        // Failure reports, which the plan's record never asks for.
        (
            &["v=DMARC1; p=none; rua=mailto:a@fernleafcoffee.com; ruf=mailto:f@fernleafcoffee.com"],
            "a@fernleafcoffee.com",
            Some((
                "dmarc.reports_moved",
                Severity::Info,
                "asks for failure reports (ruf) at f@fernleafcoffee.com, which the planned record never asks for: publishing it stops them.",
                None,
            )),
        ),
        (
            &["v=DMARC1; p=none; ruf=mailto:f@fernleafcoffee.com"],
            "",
            Some((
                "dmarc.reports_moved",
                Severity::Info,
                "asks for failure reports (ruf) at f@fernleafcoffee.com",
                None,
            )),
        ),
        (&["v=DMARC1; p=none"], "", None),
        // Two records are no policy, and receivers send no reports.
        (
            &[
                "v=DMARC1; p=none; rua=mailto:a@fernleafcoffee.com",
                "v=DMARC1; p=reject; rua=mailto:a@fernleafcoffee.com",
            ],
            "",
            None,
        ),
    ];
    for (records, rua, expected) in cases {
        let mut plan = published(records, rua);
        let report = domains_report(&plan, today(), None);
        let codes = ["dmarc.reports_dropped", "dmarc.reports_moved"];
        let findings: Vec<&Diagnostic> = (report.findings.iter())
            .filter(|d| codes.contains(&d.code.as_ref()))
            .collect();
        let Some((code, severity, says, keeps)) = expected else {
            assert!(findings.is_empty(), "{records:?} {rua:?}: {findings:?}");
            continue;
        };
        let [finding] = findings.as_slice() else {
            panic!("{records:?} {rua:?}: {findings:?}");
        };
        assert_eq!(
            (
                finding.code.as_ref(),
                finding.path.as_str(),
                finding.severity
            ),
            (code, "$.dmarc.rua", severity),
            "{records:?} {rua:?}"
        );
        assert!(finding.message.contains(says), "{}", finding.message);
        let fix = finding.fix.clone();
        let edits = fix.as_ref().map(|f| f.edits.clone());
        let keeps = keeps.map(|a| vec![Edit::Dmarc(DmarcField::Rua(a.into()))]);
        assert_eq!(edits, keeps, "{records:?} {rua:?}");
        if let Some(fix) = fix {
            assert!(fix.label.starts_with("Keep reports to "), "{}", fix.label);
            edit_plan(&mut plan, Edit::Many(fix.edits));
            let after = domains_report(&plan, today(), None);
            assert!(
                !(after.findings.iter()).any(|d| d.code == finding.code && d.path == finding.path),
                "{records:?} {rua:?}: {:?}",
                after.findings
            );
        }
    }
}

#[test]
fn an_enforcing_planned_record_without_reports_is_warned() {
    // (the stage the rollout starts at today, what the warning says)
    let cases = [
        (None, "p=none without rua gives no visibility"),
        (
            Some(DmarcPolicy::Quarantine),
            "p=quarantine without rua gives no visibility into the mail it sends to spam",
        ),
        (
            Some(DmarcPolicy::Reject),
            "p=reject without rua gives no visibility into the mail it rejects",
        ),
    ];
    for (first, says) in cases {
        let mut plan = published(&[], "");
        plan.dmarc.rollout_start = "2026-12-07".into();
        plan.dmarc.first_stage = first;
        let report = domains_report(&plan, today(), None);
        let warning = (report.findings.iter())
            .find(|d| d.code == "dmarc.no_reports" && d.path == "_dmarc.fernleafcoffee.com")
            .unwrap_or_else(|| panic!("{first:?}: {:?}", report.findings));
        assert_eq!(warning.severity, Severity::Warning);
        assert!(warning.message.starts_with(says), "{}", warning.message);
        // A report address clears it.
        plan.dmarc.rua = "dmarc@fernleafcoffee.com".into();
        let after = domains_report(&plan, today(), None);
        assert!(found(&after, "dmarc.no_reports").is_none(), "{first:?}");
    }
}

#[test]
fn a_rollout_that_starts_past_p_none_skips_its_first_stages() {
    // (the plan's first stage, its goal, the stages as (policy, start, is
    // it skipped), the policy in force today)
    type Stages = &'static [(&'static str, &'static str, bool)];
    let cases: [(Option<DmarcPolicy>, DmarcPolicy, Stages, &str); 4] = [
        (
            None,
            DmarcPolicy::Reject,
            &[
                ("none", "2026-12-07", false),
                ("quarantine", "2027-01-04", false),
                ("reject", "2027-02-01", false),
            ],
            "none",
        ),
        (
            Some(DmarcPolicy::Quarantine),
            DmarcPolicy::Reject,
            &[
                ("none", "", true),
                ("quarantine", "2026-12-07", false),
                ("reject", "2027-01-04", false),
            ],
            "quarantine",
        ),
        (
            Some(DmarcPolicy::Reject),
            DmarcPolicy::Reject,
            &[
                ("none", "", true),
                ("quarantine", "", true),
                ("reject", "2026-12-07", false),
            ],
            "reject",
        ),
        // A file whose first stage is past its goal starts at the goal.
        (
            Some(DmarcPolicy::Reject),
            DmarcPolicy::Quarantine,
            &[("none", "", true), ("quarantine", "2026-12-07", false)],
            "quarantine",
        ),
    ];
    for (first, goal, stages, stage) in cases {
        let mut plan = published(&[], "dmarc@fernleafcoffee.com");
        plan.dmarc.goal = goal;
        plan.dmarc.first_stage = first;
        plan.dmarc.rollout_start = "2026-12-07".into();
        let report = domains_report(&plan, today(), None);
        let got: Vec<(&str, &str, bool)> = (report.rollout.iter())
            .map(|s| (s.policy.as_str(), s.starts.as_str(), s.skipped))
            .collect();
        assert_eq!(got, stages, "{first:?}");
        assert_eq!(report.stage, stage, "{first:?}");
        // Before the rollout starts, and without a start date, the first
        // stage is the one published.
        let before = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        assert_eq!(domains_report(&plan, before, None).stage, stage);
        plan.dmarc.rollout_start.clear();
        assert_eq!(domains_report(&plan, today(), None).stage, stage);
    }
}

#[test]
fn lanes_still_warming_under_a_rollout_past_p_none_are_told_how_to_start_at_p_none() {
    // (the plan's first stage, what the hint offers besides passing DMARC)
    let cases = [
        (None, "or move the rollout start so the record is at p=none"),
        (
            Some(DmarcPolicy::Quarantine),
            "or start the rollout at p=none (its first stage)",
        ),
    ];
    for (first, offers) in cases {
        let mut plan = published(&[], "dmarc@fernleafcoffee.com");
        plan.dmarc.first_stage = first;
        plan.dmarc.rollout_start = "2026-10-01".into();
        let report = domains_report(&plan, today(), None);
        let warning = found(&report, "dmarc.enforcing_unready").expect("lanes still warming");
        assert!(warning.hint.contains(offers), "{first:?}: {}", warning.hint);
    }
}

#[test]
fn the_first_stage_never_passes_the_goal() {
    // (the edits, the first stage they leave)
    let set = |f| Edit::Dmarc(f);
    let cases = [
        (
            vec![set(DmarcField::FirstStage(Some(DmarcPolicy::Reject)))],
            Some(DmarcPolicy::Reject),
        ),
        (
            vec![set(DmarcField::FirstStage(Some(DmarcPolicy::None)))],
            None,
        ),
        (
            vec![
                set(DmarcField::FirstStage(Some(DmarcPolicy::Reject))),
                set(DmarcField::Goal(DmarcPolicy::Quarantine)),
            ],
            Some(DmarcPolicy::Quarantine),
        ),
        (
            vec![
                set(DmarcField::FirstStage(Some(DmarcPolicy::Quarantine))),
                set(DmarcField::Goal(DmarcPolicy::None)),
            ],
            None,
        ),
        (
            vec![
                set(DmarcField::Goal(DmarcPolicy::Quarantine)),
                set(DmarcField::FirstStage(Some(DmarcPolicy::Reject))),
            ],
            Some(DmarcPolicy::Quarantine),
        ),
    ];
    for (edits, first) in cases {
        let mut plan = sample_plan();
        edit_plan(&mut plan, Edit::Many(edits.clone()));
        assert_eq!(plan.dmarc.first_stage, first, "{edits:?}");
    }
}

#[test]
fn plan_files_without_a_first_stage_load_and_save_as_before() {
    use switchyard::plan::io::{export, import};
    let plan = sample_plan();
    let text = export(&plan);
    assert!(!text.contains("first_stage"), "left out while unset");
    assert_eq!(
        import(text.as_bytes()).unwrap().plan.dmarc.first_stage,
        None
    );
    let mut kept = plan.clone();
    kept.dmarc.first_stage = Some(DmarcPolicy::Reject);
    let text = export(&kept);
    assert!(text.contains("\"first_stage\": \"reject\""), "{text}");
    assert_eq!(
        import(text.as_bytes()).unwrap().plan.dmarc.first_stage,
        Some(DmarcPolicy::Reject)
    );
}
