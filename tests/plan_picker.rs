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
