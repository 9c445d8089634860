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
    // In the other tab's order, the plan it does not list yet after them.
    assert_eq!(heard.picker_labels(), ["Acme", "Acme (2)", "Acme (3)"]);
    assert_eq!(heard.label_of("q").as_deref(), Some("Acme (3)"));
}

/// Local storage as two tabs share it: each plan's saved copy and the
/// index of the pickers' names, in picker order.
#[derive(Default)]
struct Storage {
    plans: Vec<(String, u64, switchyard::plan::model::Plan)>,
    index: Vec<(String, String)>,
}

/// A write the other tab hears of: a plan saved, with its copy as written,
/// or the index.
enum Heard {
    Plan(String, u64, Box<switchyard::plan::model::Plan>),
    Index,
}

/// A tab: its state and the writes it has yet to hear of.
struct Tab {
    state: PlannerState,
    inbox: std::collections::VecDeque<Heard>,
}

/// Two tabs over one storage, each saving as the app does after every
/// change, and hearing the other's writes as `storage` events.
struct Browser {
    storage: Storage,
    tabs: [Tab; 2],
}

impl Browser {
    /// Both tabs opened on plan "p", saved with its name.
    fn new() -> Browser {
        let (plan, rev) = acme("p");
        let state = PlannerState::with_plans(vec![(plan.clone(), rev)], None);
        let tab = || Tab {
            state: state.clone(),
            inbox: Default::default(),
        };
        Browser {
            storage: Storage {
                plans: vec![("p".into(), rev, plan)],
                index: vec![("p".into(), "Acme".into())],
            },
            tabs: [tab(), tab()],
        }
    }

    /// Tab `t` takes `action`, and saves what changed, as its effect does.
    fn act(&mut self, t: usize, action: Action) {
        let before = self.tabs[t].state.clone();
        self.tabs[t].state = apply(&before, action);
        if self.tabs[t].state != before {
            self.save(t);
        }
    }

    /// What `ui::persist::save` does: each unsaved plan written at the
    /// revision `decide_save` gives, then the index when it differs.
    fn save(&mut self, t: usize) {
        use switchyard::plan::storage::{decide_save, SaveDecision};
        let other = 1 - t;
        let mut results = Vec::new();
        let state = self.tabs[t].state.clone();
        for entry in state.plans.iter().filter(|e| e.unsaved) {
            let id = entry.plan.id.clone();
            let found = (self.storage.plans.iter()).position(|(saved, _, _)| *saved == id);
            let rev = found.map(|at| self.storage.plans[at].1);
            match decide_save(entry.stored_rev, rev) {
                SaveDecision::Write(rev) => {
                    let copy = (id.clone(), rev, (*entry.plan).clone());
                    match found {
                        Some(at) => self.storage.plans[at] = copy,
                        None => self.storage.plans.push(copy),
                    }
                    let heard = Heard::Plan(id.clone(), rev, Box::new((*entry.plan).clone()));
                    self.tabs[other].inbox.push_back(heard);
                    results.push(Action::Saved { plan_id: id, rev });
                }
                SaveDecision::Conflict => panic!("no tab edits a plan here"),
            }
        }
        let index = index_of(&state);
        if index != self.storage.index {
            self.storage.index = index;
            self.tabs[other].inbox.push_back(Heard::Index);
        }
        for action in results {
            self.act(t, action);
        }
    }

    /// Tab `t` hears the next write it has not heard of, and the names
    /// storage holds now, as `ui::persist::listen_to_other_tabs` reports.
    fn hear(&mut self, t: usize) {
        let Some(heard) = self.tabs[t].inbox.pop_front() else {
            return;
        };
        let names = Action::NamedElsewhere(self.storage.index.clone());
        let mut state = self.tabs[t].state.clone();
        if let Heard::Plan(plan_id, rev, plan) = heard {
            let external = Action::External {
                plan_id,
                plan: Some(*plan),
                rev,
            };
            state = apply(&state, external);
        }
        state = apply(&state, names);
        if state != self.tabs[t].state {
            self.tabs[t].state = state;
            self.save(t);
        }
    }

    /// Both tabs hear everything, in turns, until neither writes again.
    fn settle(&mut self) {
        for _ in 0..100 {
            if self.tabs.iter().all(|tab| tab.inbox.is_empty()) {
                return;
            }
            self.hear(0);
            self.hear(1);
        }
        panic!("the tabs keep writing");
    }

    /// Each plan's id and picker name in tab `t`, in its picker's order.
    fn picker(&self, t: usize) -> Vec<(String, String)> {
        index_of(&self.tabs[t].state)
    }
}

/// What a tab does in a case of crossing saves.
#[derive(Clone, Copy, Debug)]
enum Step {
    /// The tab copies the open plan as a new plan with this id.
    Copy(usize, &'static str),
    /// The tab hears the next write of the other tab.
    Hear(usize),
}

/// Two tabs that copy plans at once, their saves crossing: once each has
/// heard the other, both pickers list the plans in storage's order, under
/// storage's names, whichever tab wrote the index last.
#[test]
fn tabs_whose_saves_cross_list_plans_in_storages_order() {
    use Step::*;
    let cases: [(&str, &[Step]); 6] = [
        (
            "both copy, then each hears all",
            &[Copy(0, "x"), Copy(1, "y")],
        ),
        (
            "the second tab hears the first before its own copy is heard",
            &[Copy(0, "x"), Copy(1, "y"), Hear(1), Hear(1), Hear(0)],
        ),
        (
            "the first tab hears everything first",
            &[Copy(0, "x"), Copy(1, "y"), Hear(0), Hear(0), Hear(0)],
        ),
        (
            "one tab hears the other's plan but not its names",
            &[Copy(1, "y"), Copy(0, "x"), Hear(0), Hear(1)],
        ),
        (
            "a tab copies again before hearing",
            &[Copy(0, "x"), Copy(1, "y"), Copy(0, "z"), Hear(1)],
        ),
        (
            "both copy twice",
            &[Copy(0, "x"), Copy(1, "y"), Copy(1, "w"), Copy(0, "z")],
        ),
    ];
    for (case, steps) in cases {
        let mut browser = Browser::new();
        for &step in steps {
            match step {
                Copy(t, id) => browser.act(t, Action::DuplicatePlan { id: id.into() }),
                Hear(t) => browser.hear(t),
            }
        }
        browser.settle();
        let stored = browser.storage.index.clone();
        assert_eq!(browser.picker(0), stored, "{case}: the first tab");
        assert_eq!(browser.picker(1), stored, "{case}: the second tab");
        let mut names: Vec<&str> = stored.iter().map(|(_, name)| name.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), stored.len(), "{case}: {stored:?}");
    }
}

/// (the index as storage holds it, the picker's order after it)
type OrderCase<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);

/// Storage's order comes first; a plan its index does not list yet keeps
/// its place after them, as a plan a tab adds does.
#[test]
fn the_order_follows_the_index_and_unlisted_plans_follow() {
    let s = PlannerState::with_plans(vec![acme("p"), acme("q"), acme("r")], None);
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(i, l)| (i.to_string(), l.to_string()))
            .collect()
    };
    let ids =
        |s: &PlannerState| -> Vec<String> { s.plans.iter().map(|e| e.plan.id.clone()).collect() };
    let cases: [OrderCase; 4] = [
        (
            &[("p", "Acme"), ("q", "Acme (2)"), ("r", "Acme (3)")],
            &["p", "q", "r"],
        ),
        (
            &[("r", "Acme (3)"), ("p", "Acme"), ("q", "Acme (2)")],
            &["r", "p", "q"],
        ),
        (&[("q", "Acme (2)"), ("p", "Acme")], &["q", "p", "r"]),
        // A plan this tab has not heard of waits, and takes no place.
        (&[("z", "Acme (4)"), ("r", "Acme (3)")], &["r", "p", "q"]),
    ];
    for (index, order) in cases {
        let next = apply(&s, Action::NamedElsewhere(pairs(index)));
        assert_eq!(ids(&next), order, "{index:?}");
        assert_eq!(next.active, "p", "{index:?}");
    }
}
