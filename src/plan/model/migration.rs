//! Moves of mail from one lane to another on a dated ramp, and the peak
//! season in which no cutover should happen.

use serde::{Deserialize, Serialize};

/// Journeys (or a whole lane) moving from one lane to another from a date.
/// The target lane's warm-up schedule sets how much of the moved mail it
/// takes each sending day; the rest stays on the old lane until it can move.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Migration {
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// The lane the mail leaves.
    pub from_lane: String,
    /// The lane the mail moves to; its warm-up plan sets the ramp.
    pub to_lane: String,
    /// Every journey routed to `from_lane` moves, and `journeys` is ignored.
    #[serde(default)]
    pub whole_lane: bool,
    /// The journeys that move, by id, when `whole_lane` is false.
    #[serde(default)]
    pub journeys: Vec<String>,
    /// First day mail moves (YYYY-MM-DD); empty until scheduled.
    #[serde(default)]
    pub start_date: String,
    /// Days the move holds (YYYY-MM-DD): the split stays as it was and the
    /// ramp does not advance, such as during a sale.
    #[serde(default)]
    pub hold_dates: Vec<String>,
    /// Days after the last day of the move before the old lane's DNS
    /// records may be removed, while late bounces, replies and complaints
    /// still arrive.
    #[serde(default = "default_grace_days")]
    pub grace_days: u32,
    /// How to go back if the new lane's health fails.
    #[serde(default)]
    pub rollback: String,
}

/// Thirty days cover the 72 hours of provider retries, late bounces and
/// feedback loops, and a monthly billing cycle at the old provider.
pub fn default_grace_days() -> u32 {
    30
}

impl Migration {
    /// A migration of a whole lane into another, not yet scheduled.
    pub fn new(id: &str, from_lane: &str, to_lane: &str) -> Migration {
        Migration {
            id: id.to_string(),
            name: String::new(),
            from_lane: from_lane.to_string(),
            to_lane: to_lane.to_string(),
            whole_lane: true,
            journeys: Vec::new(),
            start_date: String::new(),
            hold_dates: Vec::new(),
            grace_days: default_grace_days(),
            rollback: String::new(),
        }
    }
}

/// The brand's peak season, such as Black Friday to Cyber Monday, when no
/// lane should change.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PeakWindow {
    #[serde(default)]
    pub name: String,
    /// First and last day (YYYY-MM-DD), both included.
    pub start: String,
    pub end: String,
}
