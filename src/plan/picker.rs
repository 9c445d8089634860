//! The name the plan picker gives each plan: its title, and a number from
//! the second plan of a title on, so copies are told apart without
//! renaming the brand they send as. A plan keeps the name it was given
//! while its title stays the same, so deleting one plan never renames
//! another: “Acme (3)” stays “Acme (3)” when “Acme (2)” goes.

/// Each plan's name, from its title and the name it had (empty for a plan
/// that has none yet), in picker order. Names are unique: a name two
/// plans had stays with the first, and the other gets a new one.
pub fn labels(plans: &[(&str, &str)]) -> Vec<String> {
    let mut labels: Vec<Option<String>> = vec![None; plans.len()];
    for (i, &(title, kept)) in plans.iter().enumerate() {
        let taken = labels.iter().flatten().any(|label| label == kept);
        if fits(kept, title) && !taken {
            labels[i] = Some(kept.to_string());
        }
    }
    for (i, &(title, _)) in plans.iter().enumerate() {
        if labels[i].is_none() {
            labels[i] = Some(fresh(title, plans, &labels));
        }
    }
    labels.into_iter().flatten().collect()
}

/// Whether `label` names a plan titled `title`: the title itself, or the
/// title and a number from 2, such as “Acme (3)”.
fn fits(label: &str, title: &str) -> bool {
    let number = (label.strip_prefix(title))
        .and_then(|rest| rest.strip_prefix(" ("))
        .and_then(|rest| rest.strip_suffix(')'));
    match number {
        _ if label == title => true,
        // Written as the picker writes numbers: “(2)”, never “(02)”.
        Some(n) if n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0') => {
            n.parse().is_ok_and(|n: u32| n >= 2)
        }
        _ => false,
    }
}

/// A name for a plan titled `title` that no plan has: the title, or the
/// title with the first number that is neither a name given nor a title,
/// since a brand may itself be called “X (2)”.
fn fresh(title: &str, plans: &[(&str, &str)], labels: &[Option<String>]) -> String {
    let given = |label: &str| labels.iter().flatten().any(|l| l == label);
    if !given(title) {
        return title.to_string();
    }
    let titled = |label: &str| plans.iter().any(|&(title, _)| title == label);
    (2u32..)
        .map(|n| format!("{title} ({n})"))
        .find(|label| !given(label) && !titled(label))
        .expect("a free number below u32::MAX")
}
