//! Typed edits to a plan, and `edit_plan` (in `apply`), which applies one.
//!
//! An edit names what it changes by id (a lane, journey, rule, topic, seed
//! test or Postmaster row) and carries a typed value, so a form, a button
//! and a finding's fix all speak the same checked language. Each edit is
//! applied to the plan as it is when the reducer runs, so two edits made
//! one after another never undo each other. An edit whose target is gone
//! changes nothing.

use serde::{Deserialize, Serialize};

mod apply;
mod cadence;
mod ids;
mod items;
mod lanes;
mod sections;

pub use apply::edit_plan;
pub use cadence::{once_note, SetAside};
pub use ids::{added_id, next_rule_id, next_topic_id};
pub use items::named_by_plan;
pub use lanes::{own_domains, provider_move_note, usual_names, OwnDomains, ProviderMove};

use super::model::{
    Audience, Cadence, DmarcPolicy, EngagementFilter, FallbackAction, Intent, IpStrategy, Item,
    ItemStatus, KeyKind, LaneStatus, Mailbox, MtaStsMode, Overflow, PeakWindow, Placement,
    Platform, Preferences, Provider, Purpose, TopicKind, Trigger, TriggerKind, WarmupPlan,
    WarmupPreset, Weekday,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
}

/// One undoable change to the active plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Edit {
    SetBrandName(String),
    SetPrimaryDomain(String),
    SetNotes(String),
    AddLane(Purpose),
    /// The lane of `purpose` a fix adds, with the id `lane` that `added_id`
    /// gave `AddLane(purpose)` when the fix was made. It is added once:
    /// several fixes made from one plan may each need it.
    AddLaneAs {
        lane: String,
        purpose: Purpose,
    },
    Lane {
        lane: String,
        set: LaneField,
    },
    Warmup {
        lane: String,
        set: WarmupField,
    },
    DeleteLane(String),
    MoveLane {
        lane: String,
        direction: Direction,
    },
    AddJourney,
    Journey {
        journey: String,
        set: JourneyField,
    },
    DeleteJourney(String),
    AddRule,
    Rule {
        rule: String,
        set: RuleField,
    },
    DeleteRule(String),
    MoveRule {
        rule: String,
        direction: Direction,
    },
    SetDefaultLane(Option<String>),
    Dmarc(DmarcField),
    Extras(ExtrasField),
    /// Replaces the pasted zone-file text of records that already exist.
    SetExistingRecords(String),
    Simulation(SimulationField),
    /// A lane's fallback plan; `None` removes it.
    SetFallback {
        lane: String,
        action: Option<FallbackAction>,
    },
    SetFallbackShift {
        lane: String,
        shift_lane: Option<String>,
    },
    ChecklistItem {
        item: Item,
        lane: String,
        set: ItemField,
    },
    SetMigratingEsp(bool),
    /// The platform that sends the plan's mail.
    SetPlatform(Platform),
    /// Customer.io: the lane whose server keeps "All Emails".
    SetAllEmailsLane(Option<String>),
    AddSeed {
        lane: String,
        date: String,
    },
    Seed {
        seed: String,
        set: SeedField,
    },
    DeleteSeed(String),
    AddTopic,
    Topic {
        topic: String,
        set: TopicField,
    },
    DeleteTopic(String),
    /// The whole preference policy, such as the standard topics.
    SetPreferences(Preferences),
    SetOneClick {
        lane: String,
        on: bool,
    },
    SetProcessingDays(u32),
    /// Maps a lane key found in delivery data to a lane; `None` unmaps it.
    MapKey {
        kind: KeyKind,
        key: String,
        lane: Option<String>,
    },
    AddPostmaster {
        date: String,
    },
    Postmaster {
        entry: String,
        set: PostmasterField,
    },
    DeletePostmaster(String),
    Threshold {
        lane: String,
        set: ThresholdField,
    },
    /// A new migration of a whole lane into another, not yet scheduled.
    AddMigration {
        from_lane: String,
        to_lane: String,
    },
    Migration {
        migration: String,
        set: MigrationField,
    },
    DeleteMigration(String),
    /// The peak season; `None` removes it.
    SetPeakWindow(Option<PeakWindow>),
    /// One field of the peak season, starting one if there is none.
    PeakWindow(PeakField),
    /// Several edits as one undo step, such as a finding's fix.
    Many(Vec<Edit>),
}

/// Edits whose outcome screen readers are told, as it may be out of sight:
/// the item went, or came somewhere else on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Told {
    /// An item added, deleted or moved.
    Reshape,
    /// Several edits at once, such as a finding's fix.
    Applied,
}

impl Edit {
    /// Whether and how the edit's outcome is told to screen readers.
    pub fn told(&self) -> Option<Told> {
        use Edit::*;
        match self {
            AddLane(_)
            | AddLaneAs { .. }
            | DeleteLane(_)
            | MoveLane { .. }
            | AddJourney
            | DeleteJourney(_)
            | AddRule
            | DeleteRule(_)
            | MoveRule { .. }
            | AddSeed { .. }
            | DeleteSeed(_)
            | AddTopic
            | DeleteTopic(_)
            | AddPostmaster { .. }
            | DeletePostmaster(_)
            | AddMigration { .. }
            | DeleteMigration(_) => Some(Told::Reshape),
            Many(_) => Some(Told::Applied),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LaneField {
    Name(String),
    Owner(String),
    Purpose(Purpose),
    Status(LaneStatus),
    /// A provider brings its SMTP defaults.
    Provider(Provider),
    SmtpHost(String),
    SmtpPort(u16),
    SmtpSecurity(super::model::Security),
    SmtpUsername(String),
    SendingDomain(String),
    FromName(String),
    FromAddress(String),
    ReplyTo(String),
    ReturnPathDomain(String),
    TrackingDomain(String),
    DkimDomain(String),
    DkimSelector(String),
    IpAddresses(Vec<String>),
    IpStrategy(IpStrategy),
    EngagementFilter(EngagementFilter),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarmupField {
    /// A preset starts a warm-up plan (keeping its dates); `None` removes it.
    Preset(Option<WarmupPreset>),
    StartDate(String),
    TargetDate(String),
    TargetVolume(u64),
    SkippedDates(Vec<String>),
    SkippedDate(DateChange),
    Weekday {
        day: u8,
        on: bool,
    },
    Overflow(Overflow),
    SpillLane(Option<String>),
    /// One number of the custom ramp.
    Custom(RampField),
    /// A whole warm-up plan: the one set aside when the user chose no
    /// warm-up, brought back when they choose a schedule again.
    Restore(Box<WarmupPlan>),
}

/// One number of a lane's custom ramp.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RampField {
    StartVolume(u64),
    GrowthPercent(u32),
    HoldDays(u32),
    Cap(u64),
}

/// One field of the peak season.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeakField {
    Name(String),
    Start(String),
    End(String),
}

/// One date of a set of dates added, moved or removed, named by the date
/// itself, so that changes made one after another never undo each other.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateChange {
    /// The date moved or removed; `None` adds `to`.
    pub from: Option<String>,
    /// The new date; empty removes `from`.
    pub to: String,
}

impl DateChange {
    /// Applies the change, leaving the dates sorted and without repeats. A
    /// date to move or remove that is gone changes nothing.
    pub fn apply(&self, dates: &mut Vec<String>) {
        if let Some(from) = &self.from {
            if !dates.contains(from) {
                return;
            }
        }
        dates.retain(|d| Some(d) != self.from.as_ref());
        let to = self.to.trim();
        if !to.is_empty() {
            dates.push(to.to_string());
        }
        dates.sort();
        dates.dedup();
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JourneyField {
    Name(String),
    Intent(Intent),
    /// A new kind of trigger starts from that kind's defaults.
    TriggerKind(TriggerKind),
    /// A whole trigger: the one a journey had, when its kind switches back.
    Trigger(Trigger),
    EventName(String),
    LatencyMinutes(u32),
    DelayMinutes(u32),
    Segment(String),
    Cadence(Cadence),
    /// The journey editor's cadence change, with the send day and date it
    /// set aside earlier: each comes back when the new cadence uses it and
    /// the trigger, as the reducer finds it, has none of its own
    /// (`cadence::change_cadence`), so an edit made just before is kept.
    CadenceWith {
        cadence: Cadence,
        send_day: Option<Weekday>,
        send_date: Option<String>,
    },
    /// `None` spreads the mail over every day.
    SendDay(Option<Weekday>),
    /// A one-off's date (YYYY-MM-DD); empty clears it.
    SendDate(String),
    Broadcast(String),
    TransactionalMessage(String),
    DailyVolume(u32),
    RevenuePerRecipient(f64),
    Audience(Audience),
    OwningTeam(String),
    Tags(Vec<String>),
    LaneOverride(Option<String>),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleField {
    Name(String),
    Enabled(bool),
    Lane(String),
    Intent {
        intent: Intent,
        on: bool,
    },
    TriggerKind {
        kind: TriggerKind,
        on: bool,
    },
    Audience {
        audience: Audience,
        on: bool,
    },
    MinRevenue(Option<f64>),
    MaxRevenue(Option<f64>),
    Tags(Vec<String>),
    /// Removes the owning-team conditions, which routing ignores.
    ClearTeams,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DmarcField {
    Goal(DmarcPolicy),
    /// The policy for subdomains that do not exist; `None` inherits.
    Np(Option<DmarcPolicy>),
    Rua(String),
    RolloutStart(String),
    /// The policy the rollout starts at; p=none, or `None`, starts it at
    /// the beginning.
    FirstStage(Option<DmarcPolicy>),
    WeeksPerStage(u32),
    StrictDkim(bool),
    StrictSpf(bool),
    /// Marks a source address of the DMARC reports as not the brand's own
    /// (spoofing), or takes the mark back.
    NotOurs {
        source_ip: String,
        not_ours: bool,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtrasField {
    MtaSts(MtaStsMode),
    TlsRptRua(String),
    BimiLogo(String),
    BimiCertificate(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SimulationField {
    StartDate(String),
    Days(u32),
    /// One mailbox provider's share of the recipients.
    Mix {
        provider: Mailbox,
        percent: u32,
    },
    PromoFrequencyPercent(u32),
    PromoAudience(Audience),
    ComplaintPercent(u32),
    GateDeliveredPercent(f64),
    GateComplaintPercent(f64),
    GateBouncePercent(f64),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemField {
    /// `None` goes back to the status the plan proves or suggests.
    Status(Option<ItemStatus>),
    Owner(String),
    Due(String),
    Notes(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeedField {
    Date(String),
    Gmail(Placement),
    Yahoo(Placement),
    Outlook(Placement),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopicField {
    Name(String),
    Kind(TopicKind),
    Suppresses { lane: String, on: bool },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostmasterField {
    Date(String),
    Domain(String),
    SpamRatePercent(f64),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThresholdField {
    ComplaintWatchPercent(f64),
    ComplaintActPercent(f64),
    BounceWatchPercent(f64),
    BounceActPercent(f64),
    DeliveredMinPercent(f64),
    /// Back to the reference thresholds.
    Reset,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MigrationField {
    Name(String),
    FromLane(String),
    ToLane(String),
    WholeLane(bool),
    /// Ticks a journey in or out of the move; the list keeps plan order.
    Journey {
        journey: String,
        on: bool,
    },
    StartDate(String),
    HoldDates(Vec<String>),
    HoldDate(DateChange),
    GraceDays(u32),
    Rollback(String),
}
