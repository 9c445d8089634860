//! What an undo or redo changed: the first part of the plan that differs
//! between two versions, named in words and located by a JSON path, so the
//! user hears what moved even when it is on another page.

use super::model::{Lane, Plan};

/// One part of the plan that differs between two versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Where the part is in the newer version; a list's own path when the
    /// item is gone from it.
    pub path: String,
    /// The part in words, such as `the journey “Cart recovery”`.
    pub what: String,
    pub how: How,
    /// Whether `what` names several items (“2 rules”), which take “are”.
    pub several: bool,
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
        match self.how {
            How::Edited => format!("{done}: {what} changed."),
            How::Added => format!("{done}: {what} {is} in the plan again."),
            How::Removed => format!("{done}: {what} {is} no longer in the plan."),
            How::Reordered => format!("{done}: the order of {what} changed."),
        }
    }

    /// The change as an edit's outcome, such as `Deleted the lane “VIP”.`
    pub fn told(&self) -> String {
        let what = &self.what;
        match self.how {
            How::Edited => format!("Changed {what}."),
            How::Added => format!("Added {what}."),
            How::Removed => format!("Deleted {what}."),
            How::Reordered => format!("Moved: the order of {what} changed."),
        }
    }
}

/// The first part of `after` that differs from `before`, in the order the
/// pages show them; `None` when the two are the same.
pub fn change(before: &Plan, after: &Plan) -> Option<Change> {
    let edited = |path: &str, what: &str| Change {
        path: path.to_string(),
        what: what.to_string(),
        how: How::Edited,
        several: false,
    };
    if before.brand != after.brand {
        return Some(edited("$.brand", "the brand"));
    }
    // A lane given the colour it already showed has not changed.
    let lanes = [before, after].map(Plan::lanes_as_shown);
    let lists = [
        list(
            "lanes",
            "lane",
            &lanes[0],
            &lanes[1],
            |l| (&l.id, &l.name),
            own_page_field,
        ),
        list(
            "journeys",
            "journey",
            &before.journeys,
            &after.journeys,
            |j| (&j.id, &j.name),
            no_field,
        ),
        list(
            "rules",
            "rule",
            &before.rules,
            &after.rules,
            |r| (&r.id, &r.name),
            no_field,
        ),
        list(
            "migrations",
            "migration",
            &before.migrations,
            &after.migrations,
            |m| (&m.id, &m.name),
            no_field,
        ),
        list(
            "checklist.seeds",
            "seed test",
            &before.checklist.seeds,
            &after.checklist.seeds,
            |s| (&s.id, &s.date),
            no_field,
        ),
        list(
            "preferences.topics",
            "topic",
            &before.preferences.topics,
            &after.preferences.topics,
            |t| (&t.id, &t.name),
            no_field,
        ),
        list(
            "monitoring.postmaster",
            "Postmaster Tools row",
            &before.monitoring.postmaster,
            &after.monitoring.postmaster,
            |p| (&p.id, &p.domain),
            no_field,
        ),
    ];
    if let Some(change) = lists.into_iter().flatten().next() {
        return Some(change);
    }
    SECTIONS
        .iter()
        .find(|(_, _, same)| !same(before, after))
        .map(|(path, what, _)| edited(path, what))
}

/// The plan's parts outside its lists, with their paths and names.
type Section = (&'static str, &'static str, fn(&Plan, &Plan) -> bool);

const SECTIONS: [Section; 11] = [
    ("$.default_lane", "the default lane", |a, b| {
        a.default_lane == b.default_lane
    }),
    ("$.notes", "the plan's notes", |a, b| a.notes == b.notes),
    ("$.dmarc", "the DMARC plan", |a, b| a.dmarc == b.dmarc),
    ("$.existing_records", "the existing DNS records", |a, b| {
        a.existing_records == b.existing_records
    }),
    ("$.extras", "the optional DNS records", |a, b| {
        a.extras == b.extras
    }),
    ("$.peak_window", "the peak season", |a, b| {
        a.peak_window == b.peak_window
    }),
    ("$.simulation", "the simulation's settings", |a, b| {
        a.simulation == b.simulation
    }),
    ("$.checklist", "the checklist", |a, b| {
        a.checklist == b.checklist
    }),
    ("$.preferences", "the preferences", |a, b| {
        a.preferences == b.preferences
    }),
    ("$.monitoring", "the monitoring settings", |a, b| {
        a.monitoring == b.monitoring
    }),
    ("$.platform", "the platform", |a, b| {
        a.platform == b.platform
    }),
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

/// The first difference between two versions of a list whose items have
/// ids and names: an item added, removed, edited (down to the `field` of
/// it that says where, if any), or the order.
fn list<T: PartialEq>(
    list: &str,
    noun: &str,
    before: &[T],
    after: &[T],
    key: impl Fn(&T) -> (&String, &String),
    field: fn(&T, &T) -> Option<&'static str>,
) -> Option<Change> {
    if before == after {
        return None;
    }
    let named = |name: &str| match name.trim() {
        "" => format!("a {noun} without a name"),
        name => format!("the {noun} “{name}”"),
    };
    let find = |items: &[T], id: &str| items.iter().position(|item| key(item).0 == id);
    // One item by its name, several by their count: a fix that moves
    // three journeys says so.
    let what = |names: &[&String]| match names {
        [one] => (named(one), false),
        many => (format!("{} {noun}s", many.len()), true),
    };
    let change = |path: String, (what, several): (String, bool), how| {
        Some(Change {
            path,
            what,
            how,
            several,
        })
    };
    // Items added or removed are what happened, even where that also
    // changed others (a lane deleted clears a warm-up's spill lane).
    let added: Vec<(usize, &String)> = (after.iter().enumerate())
        .filter(|(_, item)| find(before, key(item).0).is_none())
        .map(|(i, item)| (i, key(item).1))
        .collect();
    if let Some(&(i, _)) = added.first() {
        let names: Vec<&String> = added.iter().map(|(_, n)| *n).collect();
        return change(format!("$.{list}[{i}]"), what(&names), How::Added);
    }
    let gone: Vec<&String> = (before.iter())
        .filter(|item| find(after, key(item).0).is_none())
        .map(|item| key(item).1)
        .collect();
    if !gone.is_empty() {
        return change(format!("$.{list}"), what(&gone), How::Removed);
    }
    let edited: Vec<(String, &String)> = (after.iter().enumerate())
        .filter_map(|(i, item)| {
            let j = find(before, key(item).0).filter(|&j| before[j] != *item)?;
            let path = match field(&before[j], item) {
                Some(field) => format!("$.{list}[{i}].{field}"),
                None => format!("$.{list}[{i}]"),
            };
            Some((path, key(item).1))
        })
        .collect();
    if let Some((path, _)) = edited.first() {
        let names: Vec<&String> = edited.iter().map(|(_, n)| *n).collect();
        return change(path.clone(), what(&names), How::Edited);
    }
    let all = (format!("the {noun}s"), true);
    change(format!("$.{list}"), all, How::Reordered)
}
