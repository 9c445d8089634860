//! The names the plan picker gives plans: numbered from the second plan of
//! a title on, and kept while other plans come and go.

use switchyard::plan::picker::labels;
use switchyard::plan::sample::sample_plan;
use switchyard::plan::state::*;

/// (each plan's title and the name it had, the names the picker gives)
type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);

#[test]
fn plans_keep_their_names_when_others_go() {
    let cases: [Case; 9] = [
        // Plans never named are numbered in picker order.
        (&[("X", ""), ("X", ""), ("X", "")], &["X", "X (2)", "X (3)"]),
        // “X (2)” deleted: “X (3)” stays “X (3)”.
        (&[("X", "X"), ("X", "X (3)")], &["X", "X (3)"]),
        // “X” deleted: the others keep their numbers.
        (&[("X", "X (2)"), ("X", "X (3)")], &["X (2)", "X (3)"]),
        // A new copy takes the first name no plan has.
        (
            &[("X", "X (2)"), ("X", "X (3)"), ("X", "")],
            &["X (2)", "X (3)", "X"],
        ),
        (
            &[("X", "X"), ("X", "X (3)"), ("X", "")],
            &["X", "X (3)", "X (2)"],
        ),
        // A plan whose brand changed is named afresh.
        (&[("X", "X"), ("Y", "X (2)")], &["X", "Y"]),
        // A name two plans had stays with the first.
        (&[("X", "X (2)"), ("X", "X (2)")], &["X (2)", "X"]),
        // Names the picker would not write are not kept.
        (
            &[("X", "Y"), ("X", "X (1)"), ("X", "X (02)"), ("X", "X ()")],
            &["X", "X (2)", "X (3)", "X (4)"],
        ),
        // A brand that looks like a numbered copy comes after the number
        // a plan already has.
        (
            &[("X", "X"), ("X", "X (2)"), ("X (2)", "")],
            &["X", "X (2)", "X (2) (2)"],
        ),
    ];
    for (plans, named) in cases {
        assert_eq!(labels(plans), named, "{plans:?}");
    }
}

fn acme(id: &str) -> (switchyard::plan::model::Plan, u64) {
    let mut plan = sample_plan();
    plan.id = id.to_string();
    plan.brand.name = "Acme".to_string();
    (plan, 1)
}

#[test]
fn deleting_a_plan_renames_no_other() {
    let s = PlannerState::with_plans(vec![acme("a"), acme("b"), acme("c")], None);
    assert_eq!(s.picker_labels(), ["Acme", "Acme (2)", "Acme (3)"]);
    let s = apply(&s, Action::DeletePlan("b".into()));
    assert_eq!(s.picker_labels(), ["Acme", "Acme (3)"]);
    let s = apply(&s, Action::DeletePlan("a".into()));
    assert_eq!(s.picker_labels(), ["Acme (3)"]);
    assert_eq!(s.label_of("c").as_deref(), Some("Acme (3)"));
    // Another tab's new plan, and an edit to the brand, name plans anew.
    let (plan, rev) = acme("d");
    let external = Action::External {
        plan_id: "d".into(),
        plan: Some(plan),
        rev,
    };
    let s = apply(&s, external);
    assert_eq!(s.picker_labels(), ["Acme (3)", "Acme"]);
    let s = apply(&s, Action::Edit(Edit::SetBrandName("Beta".into())));
    assert_eq!(s.picker_labels(), ["Beta", "Acme"]);
}

/// A reload gives each plan the name the index kept for it.
#[test]
fn names_kept_with_the_saved_plans_come_back() {
    let mut s = PlannerState::with_plans(vec![acme("b"), acme("c")], None);
    assert_eq!(s.picker_labels(), ["Acme", "Acme (2)"]);
    let kept = [("b", "Acme (2)"), ("c", "Acme (3)")];
    s.keep_labels(|id| kept.iter().find(|(k, _)| *k == id).map(|(_, l)| *l));
    assert_eq!(s.picker_labels(), ["Acme (2)", "Acme (3)"]);
    let s = apply(&s, Action::DuplicatePlan { id: "d".into() });
    assert_eq!(s.picker_labels(), ["Acme (2)", "Acme (3)", "Acme"]);
    assert_eq!(
        s.notice.map(|n| n.text).unwrap_or_default(),
        "Opened “Acme”, a copy of “Acme (2)”. Edits to it leave the original as it was."
    );
}

/// Each plan's id and picker name, in id order, to compare two tabs whose
/// pickers list plans in different orders.
fn names_by_id(s: &PlannerState) -> Vec<(String, String)> {
    let mut names: Vec<(String, String)> = (s.plans.iter())
        .map(|e| (e.plan.id.clone(), e.label.clone()))
        .collect();
    names.sort();
    names
}

/// What a tab's save leaves in storage's index of names.
fn index_of(s: &PlannerState) -> Vec<(String, String)> {
    s.plans
        .iter()
        .map(|e| e.plan.id.clone())
        .zip(s.picker_labels())
        .collect()
}

fn told_of(s: &PlannerState, id: &str) -> Action {
    let entry = s.plans.iter().find(|e| e.plan.id == id).unwrap();
    Action::External {
        plan_id: id.into(),
        plan: Some((*entry.plan).clone()),
        rev: 1,
    }
}

/// Two tabs that copy the same plan at once both call their copy
/// “Acme (2)”; once either's names are saved, both pickers agree, whichever
/// save storage kept last.
#[test]
fn two_tabs_settle_on_the_names_storage_holds() {
    for last_writer in ["a", "b"] {
        let start = PlannerState::with_plans(vec![acme("p")], None);
        let a = apply(&start, Action::DuplicatePlan { id: "x".into() });
        let b = apply(&start, Action::DuplicatePlan { id: "y".into() });
        assert_eq!(a.label_of("x").as_deref(), Some("Acme (2)"));
        assert_eq!(b.label_of("y").as_deref(), Some("Acme (2)"));
        // Each tab hears of the other's plan, then of the names in storage.
        let a = apply(&a, told_of(&b, "y"));
        let b = apply(&b, told_of(&a, "x"));
        let stored = if last_writer == "a" {
            index_of(&a)
        } else {
            index_of(&b)
        };
        let a = apply(&a, Action::NamedElsewhere(stored.clone()));
        let b = apply(&b, Action::NamedElsewhere(stored.clone()));
        assert_eq!(
            names_by_id(&a),
            names_by_id(&b),
            "last writer {last_writer}"
        );
        let mut stored = stored;
        stored.sort();
        assert_eq!(names_by_id(&a), stored, "last writer {last_writer}");
        // Hearing the same names again changes nothing, so nothing is saved again.
        let again = apply(&a, Action::NamedElsewhere(index_of(&a)));
        assert_eq!(again, a);
    }
}

/// A plan the other tab does not list yet keeps its name, unless the
/// other tab gave that name to a plan of its own.
#[test]
fn a_plan_only_this_tab_has_keeps_its_name_unless_given_away() {
    let s = PlannerState::with_plans(vec![acme("p"), acme("q")], None);
    assert_eq!(s.picker_labels(), ["Acme", "Acme (2)"]);
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(i, l)| (i.to_string(), l.to_string()))
            .collect()
    };
    let kept = apply(&s, Action::NamedElsewhere(pairs(&[("p", "Acme")])));
    assert_eq!(kept.picker_labels(), ["Acme", "Acme (2)"]);
    let renamed = apply(&s, Action::NamedElsewhere(pairs(&[("p", "Acme (2)")])));
    assert_eq!(renamed.picker_labels(), ["Acme (2)", "Acme"]);
    // A name the other tab gives a plan this tab has not heard of waits
    // for that plan, which then takes it.
    let names = pairs(&[("p", "Acme"), ("z", "Acme (2)")]);
    let waiting = apply(&s, Action::NamedElsewhere(names.clone()));
    assert_eq!(waiting.picker_labels(), ["Acme", "Acme (2)"]);
    let (plan, rev) = acme("z");
    let z = Action::External {
        plan_id: "z".into(),
        plan: Some(plan),
        rev,
    };
    let heard = apply(&apply(&waiting, z), Action::NamedElsewhere(names));
    assert_eq!(heard.picker_labels(), ["Acme", "Acme (3)", "Acme (2)"]);
}
