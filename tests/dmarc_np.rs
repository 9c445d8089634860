//! The policy for subdomains that do not exist (DMARC's `np` tag): where
//! the planned record writes it, the note that offers `np=reject` and its
//! fix, and the warning for `np=none` under a stricter policy.

use chrono::NaiveDate;
use switchyard::dns::dmarc::{parse_dmarc, Policy};
use switchyard::dns::plan::{dmarc_record, rollout, zone_files, Pasted};
use switchyard::dns::report::domains_report;
use switchyard::plan::diagnostic::{Diagnostic, Severity};
use switchyard::plan::edit::{edit_plan, DmarcField, Edit};
use switchyard::plan::model::*;
use switchyard::plan::routing::route;
use switchyard::plan::sample::sample_plan;
use switchyard::plan::state::{apply, Action, PlannerState};
use switchyard::platform::export::{download, ExportKind, Inputs};

const RUA: &str = "rua=mailto:dmarc-reports@fernleafcoffee.com";

/// A day of the sample's rollout at each stage.
fn day_at(stage: DmarcPolicy) -> NaiveDate {
    let (month, day) = match stage {
        DmarcPolicy::None => (1, 10),
        DmarcPolicy::Quarantine => (2, 10),
        DmarcPolicy::Reject => (3, 10),
    };
    NaiveDate::from_ymd_opt(2027, month, day).unwrap()
}

fn with_np(np: Option<DmarcPolicy>) -> Plan {
    let mut plan = sample_plan();
    plan.dmarc.np = np;
    plan
}

#[test]
fn np_follows_sp_in_the_record_at_every_stage() {
    use DmarcPolicy::{None as N, Quarantine as Q, Reject as R};
    // (stage, np, strict DKIM, the record's tags after v=DMARC1)
    let table = [
        (N, None, false, format!("p=none; {RUA}")),
        (N, Some(R), false, format!("p=none; np=reject; {RUA}")),
        (
            Q,
            Some(R),
            false,
            format!("p=quarantine; sp=quarantine; np=reject; {RUA}"),
        ),
        (
            R,
            Some(R),
            false,
            format!("p=reject; sp=reject; np=reject; {RUA}"),
        ),
        (
            Q,
            Some(Q),
            true,
            format!("p=quarantine; sp=quarantine; np=quarantine; adkim=s; {RUA}"),
        ),
        (
            R,
            Some(N),
            false,
            format!("p=reject; sp=reject; np=none; {RUA}"),
        ),
    ];
    for (stage, np, strict_dkim, tags) in table {
        let mut plan = with_np(np);
        plan.dmarc.strict_dkim = strict_dkim;
        let record = dmarc_record(&plan, stage);
        assert_eq!(record, format!("v=DMARC1; {tags}"), "{stage:?} {np:?}");
        // Receivers read back the policy the plan set.
        let (parsed, _) = parse_dmarc(&record, "_dmarc.fernleafcoffee.com");
        let parsed = parsed.expect("usable");
        let want = np.map(|p| match p {
            N => Policy::None,
            Q => Policy::Quarantine,
            R => Policy::Reject,
        });
        assert_eq!(parsed.nonexistent_policy, want, "{record}");
    }
}

#[test]
fn np_reaches_every_place_the_record_appears() {
    let plan = with_np(Some(DmarcPolicy::Reject));
    let today = day_at(DmarcPolicy::Quarantine);
    let record = format!("v=DMARC1; p=quarantine; sp=quarantine; np=reject; {RUA}");
    // The rollout shows np at each stage.
    let stages = rollout(&plan).unwrap();
    assert!(stages.iter().all(|s| s.record.contains("; np=reject; ")));
    // The records table, and why the record says what it says.
    let report = domains_report(&plan, today, None);
    let row = (report.records.iter())
        .find(|r| r.name == "_dmarc.fernleafcoffee.com")
        .unwrap();
    assert_eq!(row.value, record);
    assert!(
        row.why.contains("do not exist get np=reject"),
        "{}",
        row.why
    );
    // The zone file and both Terraform files carry the same text.
    let zones = zone_files(&plan, &Pasted::of(&plan), DmarcPolicy::Quarantine);
    assert!(zones[0].text.contains(&format!("\"{record}\"")));
    let routing = route(&plan);
    let inputs = Inputs {
        plan: &plan,
        routing: &routing,
        carried: &routing,
        dmarc_stage: DmarcPolicy::Quarantine,
    };
    for kind in [ExportKind::DnsCloudflare, ExportKind::DnsRoute53] {
        let text = download(&inputs, kind).text;
        assert!(text.contains(&record), "{kind:?}");
    }
}

/// The np note of the sample changed by `change`, on a day at `stage`.
fn np_finding(change: impl Fn(&mut Plan), stage: DmarcPolicy) -> Option<Diagnostic> {
    let mut plan = sample_plan();
    change(&mut plan);
    let report = domains_report(&plan, day_at(stage), None);
    let mut found = report
        .findings
        .into_iter()
        .filter(|d| d.code == "dmarc.np_unset");
    let first = found.next();
    assert!(found.next().is_none(), "one finding at most");
    first
}

/// A change to the sample plan, for tables of cases.
type Change = fn(&mut Plan);

fn paste(plan: &mut Plan, text: &str) {
    plan.existing_records = format!("_dmarc IN TXT \"{text}\"\n");
}

/// Every lane sends from the primary domain itself.
fn from_primary(plan: &mut Plan) {
    for lane in &mut plan.lanes {
        lane.from_address = "hello@fernleafcoffee.com".into();
    }
}

#[test]
fn the_note_offers_np_reject_only_where_it_protects_something() {
    use DmarcPolicy::{None as N, Quarantine as Q, Reject as R};
    // (case, change, stage today, severity of the note, words in it)
    type Case = (
        &'static str,
        Change,
        DmarcPolicy,
        Option<Severity>,
        &'static str,
    );
    let table: [Case; 11] = [
        (
            "the sample at p=none",
            |_| {},
            N,
            Some(Severity::Info),
            "gets p=none, the policy in force today, until the rollout reaches reject",
        ),
        (
            "the sample at quarantine",
            |_| {},
            Q,
            Some(Severity::Info),
            "such as receipts.fernleafcoffee.com",
        ),
        ("the sample at reject", |_| {}, R, None, ""),
        ("np set to reject", |p| p.dmarc.np = Some(R), Q, None, ""),
        (
            "np set to none on purpose",
            |p| p.dmarc.np = Some(N),
            Q,
            None,
            "",
        ),
        (
            "a goal of quarantine",
            |p| p.dmarc.goal = Q,
            Q,
            Some(Severity::Info),
            "and the rollout stops at p=quarantine",
        ),
        ("no lane sends from a subdomain", from_primary, N, None, ""),
        (
            "no primary domain",
            |p| p.brand.primary_domain.clear(),
            N,
            None,
            "",
        ),
        (
            "a published np=reject the plan would drop",
            |p| {
                from_primary(p);
                paste(p, "v=DMARC1; p=none; np=reject");
            },
            N,
            Some(Severity::Warning),
            "sets np=reject, which the planned record drops",
        ),
        (
            "a published np no stricter than today",
            |p| paste(p, "v=DMARC1; p=none; np=quarantine"),
            Q,
            Some(Severity::Info),
            "The lanes send from subdomains",
        ),
        (
            "a published np=reject in test mode",
            |p| paste(p, "v=DMARC1; p=none; np=reject; t=y"),
            N,
            Some(Severity::Warning),
            "sets np=quarantine",
        ),
    ];
    for (case, change, stage, severity, words) in table {
        let found = np_finding(change, stage);
        assert_eq!(found.as_ref().map(|d| d.severity), severity, "{case}");
        let Some(found) = found else { continue };
        assert!(found.message.contains(words), "{case}: {}", found.message);
        assert_eq!(found.path, "$.dmarc.np", "{case}");
        assert!(!found.hint.is_empty(), "{case}");
    }
}

#[test]
fn the_fix_sets_np_reject_and_clears_the_note() {
    let cases: [(Change, DmarcPolicy); 3] = [
        (|_| {}, DmarcPolicy::None),
        (
            |p| p.dmarc.goal = DmarcPolicy::Quarantine,
            DmarcPolicy::Quarantine,
        ),
        (
            |p| paste(p, "v=DMARC1; p=none; np=reject"),
            DmarcPolicy::None,
        ),
    ];
    for (change, stage) in cases {
        let mut plan = sample_plan();
        change(&mut plan);
        let today = day_at(stage);
        let before = domains_report(&plan, today, None).findings;
        let finding = (before.iter())
            .find(|d| d.code == "dmarc.np_unset")
            .unwrap();
        let fix = finding.fix.clone().expect("a fix");
        assert_eq!(fix.label, "Set np=reject");
        assert_eq!(
            fix.edits,
            [Edit::Dmarc(DmarcField::Np(Some(DmarcPolicy::Reject)))]
        );
        // Applied as the fix button does: one edit, one undo step.
        let state = PlannerState::with_plans(vec![(plan.clone(), 1)], None);
        let next = apply(&state, Action::Edit(Edit::Many(fix.edits.clone())));
        assert_eq!(next.plan().dmarc.np, Some(DmarcPolicy::Reject));
        assert_eq!(apply(&next, Action::Undo).plan(), &plan);
        let after = domains_report(next.plan(), today, None).findings;
        assert!(after.iter().all(|d| d.code != "dmarc.np_unset"));
        let errors = |found: &[Diagnostic]| {
            (found.iter())
                .filter(|d| d.severity == Severity::Error)
                .count()
        };
        assert!(errors(&after) <= errors(&before), "the fix adds no errors");
        assert!(after.iter().all(|d| d.code != "dmarc.weak_nonexistent"));
    }
}

#[test]
fn np_none_under_a_stricter_policy_is_a_warning() {
    // (record, warned)
    let table = [
        ("v=DMARC1; p=reject; np=none", true),
        ("v=DMARC1; p=none; sp=quarantine; np=none", true),
        ("v=DMARC1; p=reject; sp=none; np=none", false),
        ("v=DMARC1; p=none; np=none; rua=mailto:d@brand.com", false),
        ("v=DMARC1; p=quarantine; np=quarantine", false),
        ("v=DMARC1; p=reject; np=quarantine", false),
    ];
    for (record, warned) in table {
        let (_, findings) = parse_dmarc(record, "_dmarc.brand.com");
        let found = findings.iter().any(|d| d.code == "dmarc.weak_nonexistent");
        assert_eq!(found, warned, "{record}: {findings:?}");
    }
    // The planned record says so too, once the rollout enforces.
    let plan = with_np(Some(DmarcPolicy::None));
    for (stage, warned) in [(DmarcPolicy::None, false), (DmarcPolicy::Quarantine, true)] {
        let findings = domains_report(&plan, day_at(stage), None).findings;
        let found = findings.iter().any(|d| d.code == "dmarc.weak_nonexistent");
        assert_eq!(found, warned, "{stage:?}");
    }
}

#[test]
fn an_edit_sets_and_clears_np() {
    let mut plan = sample_plan();
    for np in [Some(DmarcPolicy::Quarantine), None, Some(DmarcPolicy::None)] {
        edit_plan(&mut plan, Edit::Dmarc(DmarcField::Np(np)));
        assert_eq!(plan.dmarc.np, np);
    }
}
