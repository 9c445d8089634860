//! How plans are kept in the browser's local storage, without touching it.
//!
//! Each plan lives under its own key with a revision number, so that two tabs
//! can tell whether the copy they are about to overwrite is the one they
//! loaded. The UI does the reading and writing; this module decides.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::plan::io::{self, ImportError};
use crate::plan::model::Plan;

/// The plan a browser opens on when it has no readable plan: the sample,
/// under an id none of the `damaged` copies has, so that saving it never
/// overwrites a copy the user is offered to download.
pub fn opening_sample(damaged: &[String]) -> Plan {
    let mut plan = crate::plan::sample::sample_plan();
    if damaged.contains(&plan.id) {
        let taken = damaged.iter().map(String::as_str);
        plan.id = crate::plan::model::fresh_id(&plan.id, taken);
    }
    plan
}

/// Key of the list of plan ids and the active plan.
pub const INDEX_KEY: &str = "switchyard.index";

/// The plan a tab last opened, which a new tab opens; written only when a
/// tab opens a plan.
pub const LAST_OPENED_KEY: &str = "switchyard.last-opened";
/// Prefix of each plan's key.
pub const PLAN_PREFIX: &str = "switchyard.plan.";

pub fn plan_key(id: &str) -> String {
    format!("{PLAN_PREFIX}{id}")
}

/// Where a plan's delivery counts are kept, beside the plan.
pub fn monitoring_key(id: &str) -> String {
    format!("switchyard.monitoring.{id}")
}

/// Where a plan's DMARC aggregate report rows are kept, beside the plan.
pub fn reports_key(id: &str) -> String {
    format!("switchyard.dmarc.{id}")
}

/// Every key a plan's data is kept under, so that deleting the plan
/// leaves nothing behind for a later plan with its id to take up.
pub fn keys_of(id: &str) -> [String; 3] {
    [plan_key(id), monitoring_key(id), reports_key(id)]
}

/// The plan id a storage key belongs to, if it is a plan key.
pub fn plan_id_of(key: &str) -> Option<&str> {
    key.strip_prefix(PLAN_PREFIX)
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub plans: Vec<String>,
    pub active: Option<String>,
    /// Each plan's name in the picker, in the order of `plans`, so that a
    /// reload keeps the numbers that tell plans of one brand apart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
}

impl Index {
    /// The picker's name for plan `id` when the index was written.
    pub fn label_of(&self, id: &str) -> Option<&str> {
        let at = self.plans.iter().position(|plan| plan == id)?;
        self.labels.get(at).map(String::as_str)
    }

    /// Each named plan's id and picker name.
    pub fn names(&self) -> Vec<(String, String)> {
        self.plans
            .iter()
            .cloned()
            .zip(self.labels.iter().cloned())
            .collect()
    }
}

pub fn encode_index(index: &Index) -> String {
    serde_json::to_string(index).expect("an index always serialises")
}

/// Reads the index; a damaged one reads as empty, since plans are kept apart.
pub fn decode_index(text: &str) -> Index {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|value| Index::deserialize(&value).ok())
        .unwrap_or_default()
}

#[derive(Serialize)]
struct StoredRef<'a> {
    rev: u64,
    plan: &'a Plan,
}

#[derive(Deserialize)]
struct StoredRaw {
    rev: u64,
    plan: Value,
}

/// A plan as it is saved with its revision: compact, since nobody reads
/// the saved copy but the app, and it is written after every edit.
pub fn encode_plan(plan: &Plan, rev: u64) -> String {
    serde_json::to_string(&StoredRef { rev, plan }).expect("a plan always serialises")
}

/// Reads a stored plan through the same checks as an imported file, but
/// for the limit on text length (`io::restore`).
pub fn decode_plan(text: &str) -> Result<(Plan, u64), ImportError> {
    // Parsing to a Value first shares one JSON reader with imports.
    let value: Value = serde_json::from_str(text).map_err(|e| damaged(&e))?;
    let raw = StoredRaw::deserialize(&value).map_err(|e| damaged(&e))?;
    let bytes = serde_json::to_vec(&raw.plan).expect("a JSON value always serialises");
    io::restore(&bytes).map(|imported| (imported.plan, raw.rev))
}

/// A saved plan that could not be read, which the app offers to download
/// as it is and remove.
#[derive(Clone, Debug, PartialEq)]
pub struct DamagedCopy {
    /// The plan's id, which its keys in storage carry.
    pub id: String,
    /// The name the user knows the plan by (`damaged_name`), if one is left.
    pub name: Option<String>,
    /// Why it could not be read.
    pub problem: String,
}

impl DamagedCopy {
    /// The copy as a message lists it: its name in quotes, cut short, or
    /// what a plan without one left is called.
    pub fn label(&self) -> String {
        match &self.name {
            Some(name) => super::field_words::quoted(name),
            None => "A plan whose name cannot be read".to_string(),
        }
    }
}

/// The name to give a saved copy that could not be read: the picker's
/// name for it when the index still has one (`picker`), else the title
/// its text still shows, as a reload after the index is written again
/// finds it; `None` when neither is left. The id is never the name: the
/// user never sees ids.
pub fn damaged_name(text: &str, picker: Option<&str>) -> Option<String> {
    if let Some(name) = picker.filter(|name| !name.trim().is_empty()) {
        return Some(name.to_string());
    }
    let brand = brand_name_in(text)?;
    Some(super::model::title_of(&brand).to_string())
}

/// The brand's name in a saved copy, also from a copy cut short after it:
/// the app writes the brand's name near the start.
fn brand_name_in(text: &str) -> Option<String> {
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        return Some(value.pointer("/plan/brand/name")?.as_str()?.to_string());
    }
    let (_, rest) = text.split_once("\"brand\"")?;
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('{')?.trim_start();
    let rest = rest
        .strip_prefix("\"name\"")?
        .trim_start()
        .strip_prefix(':')?;
    // Reads the one string there, whatever follows it.
    String::deserialize(&mut serde_json::Deserializer::from_str(rest)).ok()
}

/// Why a saved copy cannot be read, in words: the parser's own message
/// names line and column of a text the user never sees.
fn damaged(e: &serde_json::Error) -> ImportError {
    use serde_json::error::Category;
    let why = match e.classify() {
        Category::Eof => "it ends too soon, as if it was cut off while being saved",
        Category::Data => "it does not hold a plan in the form the app saves",
        Category::Syntax | Category::Io => "its text is not valid JSON",
    };
    ImportError {
        message: format!("the saved copy is damaged: {why}"),
        location: String::new(),
        hint: "It cannot be recovered here; import an exported copy.".to_string(),
    }
}

/// What a save should do, given the revision found in storage now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveDecision {
    /// Write at this revision.
    Write(u64),
    /// Someone else wrote since this tab's copy was loaded: ask the user.
    Conflict,
}

/// `base` is the revision this tab's plan is based on (0 if never saved);
/// `found` the revision in storage now (`None` if the key is absent).
pub fn decide_save(base: u64, found: Option<u64>) -> SaveDecision {
    match found {
        None if base == 0 => SaveDecision::Write(1),
        // The saved copy was deleted elsewhere; that is a change too.
        None => SaveDecision::Conflict,
        Some(rev) if rev == base => SaveDecision::Write(rev + 1),
        Some(_) => SaveDecision::Conflict,
    }
}

/// The revision of a stored plan, read without checking the plan itself.
pub fn peek_rev(text: &str) -> Option<u64> {
    // The plan is skipped, not built: this runs before every save.
    #[derive(Deserialize)]
    struct Rev {
        rev: u64,
    }
    serde_json::from_str::<Rev>(text).ok().map(|r| r.rev)
}
