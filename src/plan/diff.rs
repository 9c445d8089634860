//! What an undo or redo changed: the first part of the plan that differs
//! between two versions, named in words and located by a JSON path, so the
//! user hears what moved even when it is on another page. An edited part
//! says which of its fields changed and how (`field_words`).

use super::edit::named_by_plan;
use super::field_words::{self, Fields};
use super::model::{Lane, Plan};

/// One part of the plan that differs between two versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Where the part is in the newer version; a list's own path when the
    /// item is gone from it.
    pub path: String,
    /// The part in words, such as `the journey “Cart recovery”`, or for
    /// several items `the journeys “Cart recovery” and “Winback”`.
    pub what: String,
    pub how: How,
    /// Whether `what` names several items, which take “are”.
    pub several: bool,
    /// How an edited part changed, to follow `what`: “: its lane changed
    /// from Promotional to Transactional”, or “ changed”.
    pub detail: String,
    /// What the change did elsewhere, a sentence of its own after it, such
    /// as the new name of a migration named after a renamed lane; empty
    /// when it did nothing else.
    pub also: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    Edited,
    /// The item is in the newer version only.
    Added,
    /// The item is in the older version only.
    Removed,
    /// The same items in another order.
    Reordered,
}

impl Change {
    /// The change as a sentence, after `done` ("Undone" or "Redone").
    pub fn sentence(&self, done: &str) -> String {
        let what = &self.what;
        let is = if self.several { "are" } else { "is" };
        let also = &self.also;
        match self.how {
            How::Edited => format!("{done}: {what}{}.{also}", self.detail),
            How::Added => format!("{done}: {what} {is} in the plan again.{also}"),
            How::Removed => format!("{done}: {what} {is} no longer in the plan.{also}"),
            How::Reordered => {
                format!("{done}: the order of {what} changed{}.{also}", self.detail)
            }
        }
    }

    /// The change as what sets this tab's version (`before`) apart from
    /// another tab's (`after`), for the choice between them.
    pub fn between_tabs(&self) -> String {
        let (what, also) = (&self.what, &self.also);
        let is = if self.several { "are" } else { "is" };
        // Either tab may have made the change: without the version both
        // started from, the words read one way, not who changed what.
        let first = "Where the versions first differ, read from this tab's to the other tab's (either tab may have made the change):";
        match self.how {
            How::Edited => format!("{first} {what}{}.{also}", self.detail),
            How::Added => format!("{first} {what} {is} only in the other tab's.{also}"),
            How::Removed => format!("{first} {what} {is} only in this tab's.{also}"),
            How::Reordered => format!("{first} the order of {what} changed{}.{also}", self.detail),
        }
    }

    /// The change as another tab's save made it, for the note that this
    /// tab took it: “Added: the lane “VIP”.”, “The lane “Promos”: its
    /// owner changed from “A” to “B”.”
    pub fn from_elsewhere(&self) -> String {
        let (what, also) = (&self.what, &self.also);
        match self.how {
            How::Edited if self.detail.starts_with(':') => {
                format!("{}{}.{also}", capitalised(what), self.detail)
            }
            How::Edited => format!("{} changed.{also}", capitalised(what)),
            How::Added => format!("Added: {what}.{also}"),
            How::Removed => format!("Deleted: {what}.{also}"),
            How::Reordered => format!("The order of {what} changed{}.{also}", self.detail),
        }
    }

    /// The change as an edit's outcome, such as `Deleted the lane “VIP”.`
    pub fn told(&self) -> String {
        let (what, also) = (&self.what, &self.also);
        match self.how {
            // What changed in it, where the diff can say: “Changed the lane
            // “Promos”: its status changed from Warming to Warm.”
            How::Edited if self.detail.starts_with(':') => {
                format!("Changed {what}{}.{also}", self.detail)
            }
            How::Edited => format!("Changed {what}.{also}"),
            How::Added => format!("Added {what}.{also}"),
            How::Removed => format!("Deleted {what}.{also}"),
            How::Reordered => {
                format!("Moved: the order of {what} changed{}.{also}", self.detail)
            }
        }
    }
}

/// The first part of `after` that differs from `before`, in the order the
/// pages show them; `None` when the two are the same.
pub fn change(before: &Plan, after: &Plan) -> Option<Change> {
    let plans = [before, after];
    if before.brand != after.brand {
        return Some(BRAND.change(plans));
    }
    // A lane given the colour it already showed has not changed.
    let lanes = plans.map(Plan::lanes_as_shown);
    let lists = [
        list(
            plans,
            ("lanes", "lane", None),
            [&lanes[0], &lanes[1]],
            |l| (&l.id, &l.name),
            own_page_field,
            field_words::lane,
        ),
        list(
            plans,
            ("journeys", "journey", None),
            plans.map(|p| p.journeys.as_slice()),
            |j| (&j.id, &j.name),
            no_field,
            field_words::journey,
        ),
        list(
            plans,
            ("rules", "rule", None),
            plans.map(|p| p.rules.as_slice()),
            |r| (&r.id, &r.name),
            no_field,
            field_words::rule,
        ),
        list(
            plans,
            ("migrations", "migration", None),
            plans.map(|p| p.migrations.as_slice()),
            |m| (&m.id, &m.name),
            no_field,
            field_words::migration,
        ),
        list(
            plans,
            ("checklist.seeds", "seed test", Some(seed_row)),
            plans.map(|p| p.checklist.seeds.as_slice()),
            |s| (&s.id, &s.date),
            no_field,
            field_words::seed,
        ),
        list(
            plans,
            ("preferences.topics", "topic", None),
            plans.map(|p| p.preferences.topics.as_slice()),
            |t| (&t.id, &t.name),
            no_field,
            field_words::topic,
        ),
        list(
            plans,
            ("monitoring.postmaster", "Postmaster Tools row", None),
            plans.map(|p| p.monitoring.postmaster.as_slice()),
            |p| (&p.id, &p.domain),
            no_field,
            field_words::postmaster,
        ),
    ];
    let mut lists = lists.into_iter().flatten();
    let Some(mut change) = lists.next() else {
        return (SECTIONS.iter())
            .find(|section| !(section.same)(before, after))
            .map(|section| section.change(plans));
    };
    if change.how != How::Edited {
        return Some(change);
    }
    if change.path.starts_with("$.lanes[") {
        change.also = moves_renamed(before, after, change.several);
    }
    // An edit of one item that changed items of other lists too, as a
    // lane's fix that spreads a journey's sends, names them, so the
    // journey is not missed; migrations renamed with a lane are already
    // said. What an added or deleted item takes with it, such as the
    // references to a deleted lane, goes without saying.
    let renamed = !change.also.is_empty();
    let others: Vec<String> = lists
        .filter(|c| !(renamed && c.path.starts_with("$.migrations")))
        .map(|c| c.what)
        .collect();
    if !others.is_empty() {
        let others = capitalised(&crate::units::and_list(&others));
        change.also.push_str(&format!(" {others} changed too."));
    }
    Some(change)
}

/// `text` with its first letter a capital, to start a sentence.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The migrations named after their lanes whose names changed with a
/// lane's name (its own, or its purpose's that named it), as a sentence
/// after the lane's change (`several` lanes': “them”); empty when none
/// did.
fn moves_renamed(before: &Plan, after: &Plan, several: bool) -> String {
    let renamed_lane = |id: &str| match (before.lane(id), after.lane(id)) {
        (Some(old), Some(new)) => old.name != new.name,
        _ => false,
    };
    let names: Vec<String> = (after.migrations.iter())
        .filter(|m| {
            let old = before.migrations.iter().find(|old| old.id == m.id);
            old.is_some_and(|old| {
                old.name != m.name && old.from_lane == m.from_lane && old.to_lane == m.to_lane
            }) && (renamed_lane(&m.from_lane) || renamed_lane(&m.to_lane))
                && named_by_plan(after, m)
        })
        .map(|m| field_words::quoted(&m.name))
        .collect();
    let it = if several { "them" } else { "it" };
    match names.as_slice() {
        [] => String::new(),
        [one] => format!(" The migration named after {it} is now {one}."),
        many => format!(
            " The migrations named after {it} are now {}.",
            field_words::rows(many)
        ),
    }
}

/// How a notice names item `i` of a list in a plan, where the page names
/// its rows itself rather than by a name the user gave: `None` when the
/// row has no such name there, as a seed test of a lane the plan lacks.
type RowName = fn(&Plan, usize) -> Option<String>;

/// A seed test, as the checklist names its row: "Promotional seed test 2".
fn seed_row(plan: &Plan, i: usize) -> Option<String> {
    super::path_words::seed_row(Some(plan), u32::try_from(i).ok()?)
}

/// A part of the plan outside its lists.
struct Section {
    path: &'static str,
    what: &'static str,
    /// Whether `what` is plural, as “the optional DNS records” is.
    several: bool,
    same: fn(&Plan, &Plan) -> bool,
    words: fn(&mut Fields, &Plan),
    /// Whether a plan has the part, for a part a plan may lack: one added
    /// or removed is said so, not as every field changed.
    present: Option<fn(&Plan) -> bool>,
}

impl Section {
    fn change(&self, plans: [&Plan; 2]) -> Change {
        let ([old, new], words) = (plans, self.words);
        let how = match self.present.map(|has| [has(old), has(new)]) {
            Some([false, true]) => How::Added,
            Some([true, false]) => How::Removed,
            _ => How::Edited,
        };
        // A part added or removed is said so, without its fields.
        let detail = match how {
            How::Edited => field_words::detail(
                plans,
                [&|f| words(f, old), &|f| words(f, new)],
                self.several,
            ),
            _ => String::new(),
        };
        Change {
            path: self.path.to_string(),
            what: self.what.to_string(),
            how,
            several: self.several,
            detail,
            also: String::new(),
        }
    }
}

const BRAND: Section = Section {
    path: "$.brand",
    what: "the brand",
    several: false,
    same: |a, b| a.brand == b.brand,
    words: field_words::brand,
    present: None,
};

/// The sections in the order the pages show them.
const SECTIONS: [Section; 11] = [
    Section {
        path: "$.default_lane",
        what: "the default lane",
        several: false,
        same: |a, b| a.default_lane == b.default_lane,
        words: field_words::default_lane,
        present: None,
    },
    Section {
        path: "$.notes",
        what: "the plan's notes",
        several: true,
        same: |a, b| a.notes == b.notes,
        words: field_words::notes,
        present: None,
    },
    Section {
        path: "$.dmarc",
        what: "the DMARC plan",
        several: false,
        same: |a, b| a.dmarc == b.dmarc,
        words: field_words::dmarc,
        present: None,
    },
    Section {
        path: "$.existing_records",
        what: "the existing DNS records",
        several: true,
        same: |a, b| a.existing_records == b.existing_records,
        words: field_words::existing_records,
        present: None,
    },
    Section {
        path: "$.extras",
        what: "the optional DNS records",
        several: true,
        same: |a, b| a.extras == b.extras,
        words: field_words::extras,
        present: None,
    },
    Section {
        path: "$.peak_window",
        what: "the peak season",
        several: false,
        same: |a, b| a.peak_window == b.peak_window,
        words: field_words::peak_window,
        present: Some(|p| p.peak_window.is_some()),
    },
    Section {
        path: "$.simulation",
        what: "the simulation's settings",
        several: true,
        same: |a, b| a.simulation == b.simulation,
        words: field_words::simulation,
        present: None,
    },
    Section {
        path: "$.checklist",
        what: "the checklist",
        several: false,
        same: |a, b| a.checklist == b.checklist,
        words: field_words::checklist,
        present: None,
    },
    Section {
        path: "$.preferences",
        what: "the preferences",
        several: true,
        same: |a, b| a.preferences == b.preferences,
        words: field_words::preferences,
        present: None,
    },
    Section {
        path: "$.monitoring",
        what: "the monitoring settings",
        several: true,
        same: |a, b| a.monitoring == b.monitoring,
        words: field_words::monitoring,
        present: None,
    },
    Section {
        path: "$.platform",
        what: "the platform",
        several: false,
        same: |a, b| a.platform == b.platform,
        words: field_words::platform,
        present: None,
    },
];

/// The first of a lane's fields edited outside its card that differs:
/// its warm-up and its DNS identities have pages of their own.
fn own_page_field(old: &Lane, new: &Lane) -> Option<&'static str> {
    if old.warmup != new.warmup {
        Some("warmup")
    } else if old.dkim_selector != new.dkim_selector {
        Some("dkim_selector")
    } else if old.dkim_domain != new.dkim_domain {
        Some("dkim_domain")
    } else if old.ip_addresses != new.ip_addresses {
        Some("ip_addresses")
    } else {
        None
    }
}

/// Items whose fields are all edited in one place.
fn no_field<T>(_: &T, _: &T) -> Option<&'static str> {
    None
}

/// The first item of a list in a new order that now comes before the item
/// that was in its place, by their names: the one moved, or passed by a
/// move, which is the same change.
fn first_moved<'a, T>(
    before: &'a [T],
    after: &'a [T],
    key: &impl Fn(&T) -> (&String, &String),
) -> Option<(&'a String, &'a String)> {
    let (a, b) = (after.iter().zip(before)).find(|(a, b)| key(a).0 != key(b).0)?;
    Some((key(a).1, key(b).1))
}

/// The one item that moved more than one place and where it now stands,
/// when the new order is the old with only that item moved.
fn moved_far<'a, T>(
    before: &'a [T],
    after: &'a [T],
    key: &impl Fn(&T) -> (&String, &String),
) -> Option<(&'a String, Standing<'a>)> {
    let ids = |list: &'a [T]| list.iter().map(|t| key(t).0).collect::<Vec<_>>();
    let (old, new) = (ids(before), ids(after));
    let at = |id: &String| old.iter().position(|x| *x == id);
    let j = (0..new.len()).find(|&j| at(new[j]).is_some_and(|i| i.abs_diff(j) > 1))?;
    let others = |list: &[&'a String]| {
        let rest = list.iter().filter(|x| **x != new[j]);
        rest.copied().collect::<Vec<_>>()
    };
    if others(&old) != others(&new) {
        return None;
    }
    let standing = match j {
        0 => Standing::First,
        _ if j + 1 == after.len() => Standing::Last,
        _ => Standing::After(key(&after[j - 1]).1),
    };
    Some((key(&after[j]).1, standing))
}

/// Where a moved item now stands in its list.
enum Standing<'a> {
    First,
    Last,
    After(&'a String),
}

/// A name in quotes, or what an item without one is called.
fn quoted(name: &str, noun: &str) -> String {
    match name.trim() {
        "" => format!("a {noun} without a name"),
        name => format!("“{name}”"),
    }
}

/// The first difference between two versions of a list (at `$.list`,
/// of items called `noun`, or named as their page names their rows where
/// `row` says so) whose items have ids and names: an item added, removed,
/// edited (down to the `field` of it that says where, if any, and in
/// `words`, which of its fields changed), or the order.
fn list<T: PartialEq>(
    plans: [&Plan; 2],
    (list, noun, row): (&str, &str, Option<RowName>),
    [before, after]: [&[T]; 2],
    key: impl Fn(&T) -> (&String, &String),
    field: fn(&T, &T) -> Option<&'static str>,
    words: fn(&mut Fields, &T),
) -> Option<Change> {
    if before == after {
        return None;
    }
    let named = |name: &str| match name.trim() {
        "" => format!("a {noun} without a name"),
        name => format!("the {noun} “{name}”"),
    };
    let find = |items: &[T], id: &str| items.iter().position(|item| key(item).0 == id);
    // Item `i` of a plan as its page names its row, if it does.
    let row = |plan: &Plan, i: usize| row.and_then(|row| row(plan, i));
    // Each item by its name, the first few of many: a fix that moves
    // three journeys names them. Rows are named as their page names them.
    let what = |items: &[(Option<String>, &String)]| {
        let rows: Option<Vec<String>> = items.iter().map(|(row, _)| row.clone()).collect();
        match (items, rows) {
            ([_], Some(mut rows)) => (rows.remove(0), false),
            ([(_, one)], None) => (named(one), false),
            (_, Some(rows)) => (field_words::rows(&rows), true),
            (many, None) => {
                let many: Vec<&str> = many.iter().map(|(_, n)| n.as_str()).collect();
                (field_words::several(&many, &format!("{noun}s")), true)
            }
        }
    };
    let change = |path: String, (what, several): (String, bool), how| {
        Some(Change {
            path,
            what,
            how,
            several,
            detail: " changed".to_string(),
            also: String::new(),
        })
    };
    // Items added or removed are what happened, even where that also
    // changed others (a lane deleted clears a warm-up's spill lane).
    let [old_plan, new_plan] = plans;
    let added: Vec<(usize, &T)> = (after.iter().enumerate())
        .filter(|(_, t)| find(before, key(t).0).is_none())
        .collect();
    if let Some(&(i, _)) = added.first() {
        let names: Vec<_> = (added.iter())
            .map(|&(i, t)| (row(new_plan, i), key(t).1))
            .collect();
        return change(format!("$.{list}[{i}]"), what(&names), How::Added);
    }
    let gone: Vec<_> = (before.iter().enumerate())
        .filter(|(_, t)| find(after, key(t).0).is_none())
        .map(|(i, t)| (row(old_plan, i), key(t).1))
        .collect();
    if !gone.is_empty() {
        return change(format!("$.{list}"), what(&gone), How::Removed);
    }
    let edited: Vec<(String, usize, &T, &T)> = (after.iter().enumerate())
        .filter_map(|(i, t)| {
            let j = find(before, key(t).0)?;
            let old = Some(&before[j]).filter(|old| *old != t)?;
            let path = match field(old, t) {
                Some(field) => format!("$.{list}[{i}].{field}"),
                None => format!("$.{list}[{i}]"),
            };
            Some((path, i, old, t))
        })
        .collect();
    match edited.as_slice() {
        [] => {
            let mut moved = change(
                format!("$.{list}"),
                (format!("the {noun}s"), true),
                How::Reordered,
            )?;
            let name = |n: &String| quoted(n, noun);
            moved.detail = match moved_far(before, after, &key) {
                Some((n, Standing::First)) => format!(": {} is now first", name(n)),
                Some((n, Standing::Last)) => format!(": {} is now last", name(n)),
                Some((n, Standing::After(other))) => {
                    format!(": {} now comes after {}", name(n), name(other))
                }
                None => first_moved(before, after, &key).map_or(String::new(), |(up, down)| {
                    format!(
                        ": {} now comes before {}",
                        quoted(up, noun),
                        quoted(down, noun)
                    )
                }),
            };
            Some(moved)
        }
        [(path, i, old, new)] => {
            let name = (row(new_plan, *i), key(new).1);
            let mut one = change(path.clone(), what(&[name]), How::Edited)?;
            one.detail =
                field_words::detail(plans, [&|f| words(f, old), &|f| words(f, new)], false);
            Some(one)
        }
        [(path, ..), ..] => {
            let names: Vec<_> = (edited.iter())
                .map(|(_, i, _, new)| (row(new_plan, *i), key(new).1))
                .collect();
            change(path.clone(), what(&names), How::Edited)
        }
    }
}
