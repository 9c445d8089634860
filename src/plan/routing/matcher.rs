//! Rules and journeys reduced to bit masks, so that matching a journey
//! against a rule is a few mask tests.

use rustc_hash::FxHashMap as HashMap;

use crate::plan::model::{tag_key, Audience, Conditions, Intent, Journey, Rule, TriggerKind};
use crate::plan::ranges::MAX_REVENUE;

/// Tags interned to bit positions so that matching is a few mask tests,
/// each under its `tag_key`.
#[derive(Clone, Default)]
pub(super) struct TagTable {
    index: HashMap<String, u32>,
}

impl TagTable {
    pub(super) fn intern(&mut self, tag: &str) -> u32 {
        let next = self.index.len() as u32;
        *self.index.entry(tag_key(tag)).or_insert(next)
    }

    /// A tag already in its key's form, as most are, is looked up without
    /// making its key: routing looks up every tag of every journey.
    /// How many tags there are: a new one takes the next bit.
    pub(super) fn len(&self) -> usize {
        self.index.len()
    }

    pub(super) fn get(&self, tag: &str) -> Option<u32> {
        if is_key(tag) {
            self.index.get(tag).copied()
        } else {
            self.index.get(&tag_key(tag)).copied()
        }
    }
}

/// Whether `tag` is its own key: trimmed, and each character its own
/// lower case.
fn is_key(tag: &str) -> bool {
    let lower = |c: char| {
        let mut l = c.to_lowercase();
        l.next() == Some(c) && l.next().is_none()
    };
    tag.trim().len() == tag.len() && tag.chars().all(lower)
}

/// Sets of small indices; tags beyond 128 distinct values fall back to a list.
#[derive(Clone, Default, PartialEq)]
struct BitSet {
    bits: u128,
    overflow: Vec<u32>,
}

impl BitSet {
    fn insert(&mut self, i: u32) {
        if i < 128 {
            self.bits |= 1u128 << i;
        } else if !self.overflow.contains(&i) {
            self.overflow.push(i);
        }
    }

    fn is_empty(&self) -> bool {
        self.bits == 0 && self.overflow.is_empty()
    }

    fn intersects(&self, other: &BitSet) -> bool {
        self.bits & other.bits != 0 || self.overflow.iter().any(|i| other.overflow.contains(i))
    }

    fn is_subset(&self, other: &BitSet) -> bool {
        self.bits & !other.bits == 0 && self.overflow.iter().all(|i| other.overflow.contains(i))
    }
}

/// A mask of the ticked choices; every choice ticked is "any", `0`, as
/// none ticked is, so a rule that lists them all covers as one that
/// lists none.
fn any_if_all(ticked: impl Iterator<Item = u32>, all: usize) -> u32 {
    let mask = ticked.fold(0u32, |m, i| m | 1 << i);
    if mask == (1u32 << all) - 1 {
        0
    } else {
        mask
    }
}

/// A rule reduced to masks: `0` or an empty set means "any".
pub(super) struct Compiled {
    intents: u32,
    triggers: u32,
    audiences: u32,
    min: f64,
    max: f64,
    tags: BitSet,
    enabled: bool,
    pub(super) never: bool,
}

/// A journey reduced to the same masks.
pub(super) struct Facts {
    intent: u32,
    trigger: u32,
    audience: u32,
    revenue: f64,
    tags: BitSet,
}

impl Compiled {
    pub(super) fn new(rule: &Rule, tags: &mut TagTable) -> Compiled {
        let Conditions {
            intents,
            trigger_kinds,
            audiences,
            min_revenue_per_recipient,
            max_revenue_per_recipient,
            tags: rule_tags,
            owning_teams: _,
        } = &rule.when;
        let mut tag_set = BitSet::default();
        for tag in rule_tags {
            tag_set.insert(tags.intern(tag));
        }
        let min = min_revenue_per_recipient.unwrap_or(f64::NEG_INFINITY);
        let max = max_revenue_per_recipient.unwrap_or(f64::INFINITY);
        Compiled {
            intents: any_if_all(intents.iter().map(|i| i.index()), Intent::ALL.len()),
            triggers: any_if_all(
                trigger_kinds.iter().map(|t| t.index()),
                TriggerKind::ALL.len(),
            ),
            audiences: any_if_all(audiences.iter().map(|a| a.index()), Audience::ALL.len()),
            min,
            max,
            tags: tag_set,
            enabled: rule.enabled,
            // NaN bounds compare false everywhere, so such a rule never matches either.
            never: min.is_nan() || max.is_nan() || min > max,
        }
    }

    pub(super) fn matches(&self, facts: &Facts) -> bool {
        self.enabled
            && !self.never
            && (self.intents == 0 || self.intents & facts.intent != 0)
            && (self.triggers == 0 || self.triggers & facts.trigger != 0)
            && (self.audiences == 0 || self.audiences & facts.audience != 0)
            && facts.revenue >= self.min
            && facts.revenue <= self.max
            && (self.tags.is_empty() || self.tags.intersects(&facts.tags))
    }

    /// Whether every journey that `later` matches is also matched by `self`.
    /// Journeys' revenue lies in 0 to `MAX_REVENUE` (validation says so of
    /// any other), so a bound at or past either end bounds nothing.
    pub(super) fn covers(&self, later: &Compiled) -> bool {
        let mask_covers =
            |mine: u32, theirs: u32| mine == 0 || (theirs != 0 && theirs & !mine == 0);
        let (low, high) = (|v: f64| v.max(0.0), |v: f64| v.min(MAX_REVENUE));
        mask_covers(self.intents, later.intents)
            && mask_covers(self.triggers, later.triggers)
            && mask_covers(self.audiences, later.audiences)
            && low(self.min) <= low(later.min)
            && high(self.max) >= high(later.max)
            && (self.tags.is_empty()
                || (!later.tags.is_empty() && later.tags.is_subset(&self.tags)))
    }
}

impl Facts {
    pub(super) fn of(journey: &Journey, tags: &TagTable) -> Facts {
        let mut tag_set = BitSet::default();
        for tag in &journey.tags {
            // Tags no rule mentions cannot affect matching, so they are skipped.
            if let Some(i) = tags.get(tag) {
                tag_set.insert(i);
            }
        }
        Facts {
            intent: 1 << journey.intent.index(),
            trigger: 1 << journey.trigger.kind().index(),
            audience: 1 << journey.audience.index(),
            revenue: journey.revenue_per_recipient,
            tags: tag_set,
        }
    }
}
