//! The plan: brand, lanes, journeys and routing rules, as saved in plan files.
//!
//! Every type here is plain data with a stable JSON form. Field order is the
//! order in the file, so exports are byte-for-byte reproducible. Unknown
//! fields are refused so that a typo in a hand-edited plan is reported rather
//! than silently dropped.
//!
//! Enums with data are written as objects with a `kind` field. They are read
//! through the flat structs in `tagged`, which accept exactly the same JSON
//! but avoid serde's buffering of internally tagged enums, a sizeable part of
//! the Wasm bundle. The schema is derived from the enums themselves.

use serde::{Deserialize, Serialize};

mod journey;
mod kinds;
mod lane;
mod migration;
mod readiness;
mod tagged;

pub use journey::*;
pub use kinds::*;
pub use lane::*;
pub use migration::*;
pub use readiness::*;

/// The snake_case name serde gives a unit enum variant, as plan files and
/// form keys write it.
pub fn enum_key<T: Serialize>(item: T) -> String {
    serde_json::to_string(&item)
        .map(|quoted| quoted.trim_matches('"').to_string())
        .unwrap_or_default()
}

/// Puts a domain in canonical form (lower-case ASCII), if it parses.
pub fn canonical_domain(value: &mut String) {
    if let Ok(ascii) = crate::domain::normalize_domain(value) {
        *value = ascii;
    }
}

/// Puts an address in canonical form, if it parses.
pub fn canonical_address(value: &mut String) {
    if let Ok(ascii) = crate::domain::normalize_address(value) {
        *value = ascii;
    }
}

/// The plan file format version this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;

/// A complete sending plan for one brand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Format version of this file; see `SCHEMA_VERSION`.
    pub schema_version: u32,
    /// Stable identifier of the plan, used to tell plans apart in the picker.
    pub id: String,
    pub brand: Brand,
    /// Lanes in display order.
    pub lanes: Vec<Lane>,
    pub journeys: Vec<Journey>,
    /// Routing rules, evaluated top to bottom; the first match wins.
    pub rules: Vec<Rule>,
    /// Lane for journeys that no override or rule catches. Required.
    pub default_lane: Option<String>,
    #[serde(default)]
    pub notes: String,
    /// The DMARC policy for the primary domain and its rollout.
    #[serde(default)]
    pub dmarc: DmarcPlan,
    /// DNS records that already exist, as a zone-file fragment; they join
    /// the planned zone for every check.
    #[serde(default)]
    pub existing_records: String,
    /// Optional records for inbound TLS and brand logos.
    #[serde(default)]
    pub extras: ExtraRecords,
    /// What-if settings and fallback plans for the reputation simulator.
    #[serde(default)]
    pub simulation: SimulationPlan,
    /// Implementation progress and seed-list results.
    #[serde(default)]
    pub checklist: Checklist,
    /// Which unsubscribes suppress which lanes.
    #[serde(default)]
    pub preferences: Preferences,
    /// Each lane's health thresholds.
    #[serde(default)]
    pub monitoring: Monitoring,
    /// The platform that sends the plan's mail.
    #[serde(default)]
    pub platform: PlatformPlan,
    /// Journeys moving from one lane to another on a dated ramp.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub migrations: Vec<Migration>,
    /// The peak season, when no cutover should happen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peak_window: Option<PeakWindow>,
}

/// The sending platform and what it needs to know about the lanes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlatformPlan {
    #[serde(default)]
    pub kind: Platform,
    /// Customer.io: the lane whose SMTP server keeps "All Emails", the
    /// fallback for transactional API mail and every message type that has
    /// no server of its own.
    #[serde(default)]
    pub all_emails_lane: Option<String>,
}

/// The simulator's settings that a brand changes (the rest are the model
/// card's defaults), and each lane's fallback plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SimulationPlan {
    /// First simulated day (YYYY-MM-DD); empty: the earliest warm-up start.
    #[serde(default)]
    pub start_date: String,
    pub days: u32,
    /// Recipients at Gmail, Yahoo/AOL, Microsoft, Apple and others, in %.
    pub mix_percent: [u32; 5],
    /// Promotional volume against the plan's, in %.
    pub promo_frequency_percent: u32,
    /// The least engaged cohort promotions may mail.
    pub promo_audience: Audience,
    /// Complaint rates against the model's, in %.
    pub complaint_percent: u32,
    /// Health gates: a warm-up advances only after a day with more than
    /// this share delivered and less than these complaint and bounce rates,
    /// all in %.
    #[serde(default = "gates::delivered")]
    pub gate_delivered_percent: f64,
    #[serde(default = "gates::complaints")]
    pub gate_complaint_percent: f64,
    #[serde(default = "gates::bounces")]
    pub gate_bounce_percent: f64,
    #[serde(default)]
    pub fallbacks: Vec<FallbackPlan>,
}

/// The health gates' defaults: SparkPost's and Braze's 90% delivered,
/// Gmail's 0.1% complaints, the industry's 2% bounces.
mod gates {
    pub fn delivered() -> f64 {
        90.0
    }
    pub fn complaints() -> f64 {
        0.1
    }
    pub fn bounces() -> f64 {
        2.0
    }
}

impl Default for SimulationPlan {
    fn default() -> Self {
        SimulationPlan {
            start_date: String::new(),
            days: 90,
            mix_percent: [45, 15, 20, 12, 8],
            promo_frequency_percent: 100,
            promo_audience: Audience::All,
            complaint_percent: 100,
            gate_delivered_percent: gates::delivered(),
            gate_complaint_percent: gates::complaints(),
            gate_bounce_percent: gates::bounces(),
            fallbacks: Vec::new(),
        }
    }
}

/// What a lane does when its reputation turns Low, its complaints pass
/// 0.3% or its bounces 5%.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FallbackPlan {
    pub lane: String,
    pub action: FallbackAction,
    /// The lane that takes the promotions when `action` is `shift`.
    #[serde(default)]
    pub shift_lane: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FallbackAction {
    PausePromotions,
    Shift,
    TightenTo30Days,
}

impl FallbackAction {
    pub const ALL: [FallbackAction; 3] = [
        FallbackAction::PausePromotions,
        FallbackAction::Shift,
        FallbackAction::TightenTo30Days,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FallbackAction::PausePromotions => "Pause promotions",
            FallbackAction::Shift => "Shift promotions to another lane",
            FallbackAction::TightenTo30Days => "Mail only the 30-day engaged",
        }
    }
}

/// The DMARC policy the brand is heading for and when it gets there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DmarcPlan {
    /// Mailbox for aggregate reports; empty means no reports.
    #[serde(default)]
    pub rua: String,
    /// The policy at the end of the rollout.
    pub goal: DmarcPolicy,
    /// The policy for subdomains that do not exist (the record's `np`),
    /// which spoofers favour; unset, they get the subdomains' policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub np: Option<DmarcPolicy>,
    #[serde(default)]
    pub strict_dkim: bool,
    #[serde(default)]
    pub strict_spf: bool,
    /// First day of the rollout (YYYY-MM-DD); empty until scheduled.
    #[serde(default)]
    pub rollout_start: String,
    /// The policy the rollout starts at on `rollout_start`, for a domain
    /// that already publishes a stricter one than p=none: the stages
    /// before it are skipped, never dated. Unset, it starts at p=none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_stage: Option<DmarcPolicy>,
    /// Weeks at p=none, then again at quarantine, before the next step.
    pub weeks_per_stage: u32,
    /// Addresses in DMARC reports the team has checked are not the brand's
    /// own services: spoofing, which a stricter policy stops, so they do
    /// not hold the rollout back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_ours: Vec<String>,
}

impl Default for DmarcPlan {
    fn default() -> Self {
        DmarcPlan {
            rua: String::new(),
            goal: DmarcPolicy::Reject,
            np: None,
            strict_dkim: false,
            strict_spf: false,
            rollout_start: String::new(),
            first_stage: None,
            weeks_per_stage: 4,
            not_ours: Vec::new(),
        }
    }
}

/// Records beyond SPF, DKIM and DMARC that a brand may publish at its
/// primary domain: MTA-STS (RFC 8461), TLS reporting (RFC 8460) and BIMI.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExtraRecords {
    #[serde(default)]
    pub mta_sts: MtaStsMode,
    /// Mailbox for SMTP TLS reports; empty means no TLS-RPT record.
    #[serde(default)]
    pub tls_rpt_rua: String,
    /// HTTPS address of the SVG Tiny PS logo; empty means no BIMI record.
    #[serde(default)]
    pub bimi_logo: String,
    /// HTTPS address of the mark certificate (VMC or CMC), if any.
    #[serde(default)]
    pub bimi_certificate: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Brand {
    pub name: String,
    /// The organisational domain customers know, such as `brand.com`.
    pub primary_domain: String,
}

/// How many colours lanes take turns with; the stylesheet defines them.
pub const LANE_COLOURS: u8 = 6;

/// A plan's name where the app names it, from its brand's name: the
/// brand, or “Untitled plan” while the brand is blank.
pub fn title_of(brand_name: &str) -> &str {
    match brand_name.trim() {
        "" => "Untitled plan",
        name => name,
    }
}

impl Plan {
    /// The plan's name where the app names it (`title_of`).
    pub fn title(&self) -> &str {
        title_of(&self.brand.name)
    }

    /// Lane `index`'s colour: the one it keeps, or its position's.
    pub fn lane_colour(&self, index: usize) -> u8 {
        let position = (index % usize::from(LANE_COLOURS)) as u8;
        self.lanes
            .get(index)
            .and_then(|l| l.colour)
            .map_or(position, |c| c % LANE_COLOURS)
    }

    /// Gives every lane the colour it shows now, before lanes are added,
    /// moved or deleted, so that none of the others changes colour.
    pub fn keep_colours(&mut self) {
        self.lanes = self.lanes_as_shown();
    }

    /// The lanes, each with the colour it shows kept.
    pub fn lanes_as_shown(&self) -> Vec<Lane> {
        let mut lanes = self.lanes.clone();
        for (index, lane) in lanes.iter_mut().enumerate() {
            lane.colour = Some(self.lane_colour(index));
        }
        lanes
    }

    /// The colour for a new lane: the one fewest lanes show, the first of
    /// equals.
    pub fn free_colour(&self) -> u8 {
        let mut used = [0u32; LANE_COLOURS as usize];
        for index in 0..self.lanes.len() {
            used[usize::from(self.lane_colour(index))] += 1;
        }
        (0..LANE_COLOURS)
            .min_by_key(|&c| used[usize::from(c)])
            .unwrap_or(0)
    }

    /// An empty plan with one lane, so that the required default lane
    /// exists. Its brand is blank, not a placeholder that fixes would offer
    /// as the From name customers see; the plan is “Untitled plan” until
    /// it is named.
    pub fn empty(id: &str) -> Plan {
        let lane = Lane::new("lane-1", FIRST_LANE_NAME, Purpose::Custom);
        Plan {
            schema_version: SCHEMA_VERSION,
            id: id.to_string(),
            brand: Brand {
                name: String::new(),
                primary_domain: String::new(),
            },
            default_lane: Some(lane.id.clone()),
            lanes: vec![lane],
            journeys: Vec::new(),
            rules: Vec::new(),
            notes: String::new(),
            dmarc: DmarcPlan::default(),
            existing_records: String::new(),
            extras: ExtraRecords::default(),
            simulation: SimulationPlan::default(),
            checklist: Checklist::default(),
            preferences: Preferences::default(),
            monitoring: Monitoring::default(),
            platform: PlatformPlan::default(),
            migrations: Vec::new(),
            peak_window: None,
        }
    }

    /// Gives every seed test and Postmaster row without an id, or with an
    /// id an earlier row has, a fresh one, so that edits can name each row.
    pub fn fill_row_ids(&mut self) {
        fn fill(ids: Vec<&mut String>, prefix: &str) {
            let mut taken: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
            let mut seen: Vec<String> = Vec::new();
            for id in ids {
                if id.is_empty() || seen.contains(id) {
                    *id = fresh_id(prefix, taken.iter().map(String::as_str));
                    taken.push(id.clone());
                }
                seen.push(id.clone());
            }
        }
        fill(
            self.checklist.seeds.iter_mut().map(|s| &mut s.id).collect(),
            "seed",
        );
        let rows = self.monitoring.postmaster.iter_mut();
        fill(rows.map(|p| &mut p.id).collect(), "postmaster");
    }

    pub fn lane(&self, id: &str) -> Option<&Lane> {
        self.lanes.iter().find(|lane| lane.id == id)
    }

    pub fn lane_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.lane(id).map_or(id, |lane| lane.name.as_str())
    }

    pub fn total_daily_volume(&self) -> u64 {
        self.journeys
            .iter()
            .map(|j| u64::from(j.daily_volume))
            .sum()
    }
}

/// The first identifier `prefix-N` (N from 1) that `taken` does not contain.
pub fn fresh_id<'a>(prefix: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    (1u32..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|candidate| !taken.clone().any(|id| id == candidate))
        .expect("an unused identifier exists below u32::MAX")
}

/// `base` itself when `taken` does not contain it, else the first
/// `base`, `separator` and N (from 2) that it does not: “Promo lane 2”,
/// `promotional-2`.
pub fn fresh_named<'a>(
    base: &str,
    separator: char,
    taken: impl Iterator<Item = &'a str> + Clone,
) -> String {
    let free = |candidate: &str| !taken.clone().any(|id| id == candidate);
    if free(base) {
        return base.to_string();
    }
    (2u32..)
        .map(|n| format!("{base}{separator}{n}"))
        .find(|candidate| free(candidate))
        .expect("an unused name exists below u32::MAX")
}
