//! Typed edits to a plan and `edit_plan`, which applies one.
//!
//! An edit names what it changes by id (a lane, journey, rule, topic, seed
//! test or Postmaster row) and carries a typed value, so a form, a button
//! and a finding's fix all speak the same checked language. Each edit is
//! applied to the plan as it is when the reducer runs, so two edits made
//! one after another never undo each other. An edit whose target is gone
//! changes nothing.

use serde::{Deserialize, Serialize};

use super::model::{
    fresh_id, Audience, Cadence, DmarcPolicy, EngagementFilter, FallbackAction, FallbackPlan,
    Intent, IpStrategy, Item, ItemState, ItemStatus, Journey, KeyKind, KeyMapping, Lane,
    LaneStatus, Mailbox, MtaStsMode, Overflow, Placement, Plan, Platform, PostmasterEntry,
    Preferences, Provider, Purpose, Rule, SeedTest, Smtp, Thresholds, Topic, TopicKind, Trigger,
    TriggerKind, WarmupPlan, WarmupPreset, Weekday,
};
use super::model::{Migration, PeakWindow};

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
    EventName(String),
    LatencyMinutes(u32),
    DelayMinutes(u32),
    Segment(String),
    Cadence(Cadence),
    /// `None` spreads the mail over every day.
    SendDay(Option<Weekday>),
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
    Rua(String),
    RolloutStart(String),
    WeeksPerStage(u32),
    StrictDkim(bool),
    StrictSpf(bool),
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

/// The id an edit that adds a lane, journey, rule or migration gives the
/// new item, so a page can open and focus it; `None` for other edits.
pub fn added_id(plan: &Plan, edit: &Edit) -> Option<String> {
    let kind = match edit {
        Edit::AddLane(_) => Added::Lane,
        Edit::AddJourney => Added::Journey,
        Edit::AddRule => Added::Rule,
        Edit::AddMigration { .. } => Added::Migration,
        Edit::AddSeed { .. } => Added::Seed,
        Edit::AddTopic => Added::Topic,
        _ => return None,
    };
    Some(next_id(plan, kind))
}

/// The kinds of item whose new ids `added_id` tells in advance.
#[derive(Clone, Copy)]
enum Added {
    Lane,
    Journey,
    Rule,
    Migration,
    Seed,
    Topic,
}

fn next_id(plan: &Plan, kind: Added) -> String {
    match kind {
        Added::Lane => fresh_id("lane", plan.lanes.iter().map(|l| l.id.as_str())),
        Added::Journey => fresh_id("journey", plan.journeys.iter().map(|j| j.id.as_str())),
        Added::Rule => fresh_id("rule", plan.rules.iter().map(|r| r.id.as_str())),
        Added::Migration => fresh_id("migration", plan.migrations.iter().map(|m| m.id.as_str())),
        Added::Seed => fresh_id("seed", plan.checklist.seeds.iter().map(|s| s.id.as_str())),
        Added::Topic => fresh_id(
            "topic",
            plan.preferences.topics.iter().map(|t| t.id.as_str()),
        ),
    }
}

/// Applies one edit to a plan. Total: an edit whose target is gone, or
/// whose value is out of range, leaves the plan as it was.
pub fn edit_plan(plan: &mut Plan, edit: Edit) {
    if names_missing_lane(plan, &edit) {
        return;
    }
    match edit {
        Edit::SetBrandName(name) => plan.brand.name = name,
        Edit::SetPrimaryDomain(domain) => {
            plan.brand.primary_domain = crate::domain::normalize_domain(&domain).unwrap_or(domain)
        }
        Edit::SetNotes(notes) => plan.notes = notes,
        Edit::AddLane(purpose) => add_lane(plan, purpose),
        Edit::Lane { lane: id, set } => {
            let platform = plan.platform.kind;
            let provider = match set {
                LaneField::Provider(p) => Some(p),
                _ => None,
            };
            let Some(lane) = plan.lanes.iter_mut().find(|l| l.id == id) else {
                return;
            };
            let moved = provider.is_some_and(|p| p != lane.smtp.provider);
            set_lane(lane, set, platform);
            lane.normalize();
            if moved {
                reopen_provider_work(plan, &id);
            }
        }
        Edit::Warmup { lane, set } => {
            if let Some(lane) = plan.lanes.iter_mut().find(|l| l.id == lane) {
                set_warmup(lane, set);
            }
        }
        Edit::DeleteLane(id) => delete_lane(plan, &id),
        Edit::MoveLane { lane, direction } => {
            move_item(&mut plan.lanes, |l| l.id == lane, direction)
        }
        Edit::AddJourney => {
            let id = next_id(plan, Added::Journey);
            let name = fresh_name("New journey", plan.journeys.iter().map(|j| j.name.as_str()));
            plan.journeys.push(Journey::new(&id, &name));
        }
        Edit::Journey { journey, set } => {
            if let Some(journey) = plan.journeys.iter_mut().find(|j| j.id == journey) {
                set_journey(journey, set);
            }
        }
        Edit::DeleteJourney(id) => {
            plan.journeys.retain(|j| j.id != id);
            for migration in &mut plan.migrations {
                migration.journeys.retain(|j| *j != id);
            }
        }
        Edit::AddRule => add_rule(plan),
        Edit::Rule { rule, set } => {
            if let Some(rule) = plan.rules.iter_mut().find(|r| r.id == rule) {
                set_rule(rule, set);
            }
        }
        Edit::DeleteRule(id) => plan.rules.retain(|r| r.id != id),
        Edit::MoveRule { rule, direction } => {
            move_item(&mut plan.rules, |r| r.id == rule, direction)
        }
        Edit::SetDefaultLane(lane) => plan.default_lane = lane.filter(|l| !l.is_empty()),
        Edit::Dmarc(set) => set_dmarc(plan, set),
        Edit::Extras(set) => set_extras(plan, set),
        Edit::SetExistingRecords(text) => plan.existing_records = text,
        Edit::Simulation(set) => set_simulation(plan, set),
        Edit::SetFallback { lane, action } => set_fallback(plan, lane, action),
        Edit::SetFallbackShift { lane, shift_lane } => {
            if let Some(f) = plan
                .simulation
                .fallbacks
                .iter_mut()
                .find(|f| f.lane == lane)
            {
                f.shift_lane = shift_lane.filter(|s| !s.is_empty());
            }
        }
        Edit::ChecklistItem { item, lane, set } => set_item(plan, item, lane, set),
        Edit::SetMigratingEsp(on) => plan.checklist.migrating_esp = on,
        Edit::SetPlatform(kind) => plan.platform.kind = kind,
        Edit::SetAllEmailsLane(lane) => {
            plan.platform.all_emails_lane = lane.filter(|l| !l.is_empty())
        }
        Edit::AddSeed { lane, date } => {
            if plan.lane(&lane).is_some() {
                let id = next_id(plan, Added::Seed);
                plan.checklist.seeds.push(SeedTest::new(&id, &lane, &date));
            }
        }
        Edit::Seed { seed, set } => {
            if let Some(seed) = plan.checklist.seeds.iter_mut().find(|s| s.id == seed) {
                match set {
                    SeedField::Date(date) => seed.date = date.trim().to_string(),
                    SeedField::Gmail(p) => seed.gmail = p,
                    SeedField::Yahoo(p) => seed.yahoo = p,
                    SeedField::Outlook(p) => seed.outlook = p,
                }
            }
        }
        Edit::DeleteSeed(id) => plan.checklist.seeds.retain(|s| s.id != id),
        Edit::AddTopic => {
            let id = next_id(plan, Added::Topic);
            plan.preferences.topics.push(Topic {
                id,
                name: "New topic".to_string(),
                kind: TopicKind::Lifecycle,
                suppresses: Vec::new(),
            });
        }
        Edit::Topic { topic, set } => set_topic(plan, &topic, set),
        Edit::DeleteTopic(id) => plan.preferences.topics.retain(|t| t.id != id),
        Edit::SetPreferences(preferences) => plan.preferences = preferences,
        Edit::SetOneClick { lane, on } => {
            let list = &plan.preferences.one_click_lanes;
            plan.preferences.one_click_lanes = toggle_lane(plan, list, &lane, on);
        }
        Edit::SetProcessingDays(days) => plan.preferences.processing_days = days,
        Edit::MapKey { kind, key, lane } => map_key(plan, kind, key, lane),
        Edit::AddPostmaster { date } => {
            let rows = &plan.monitoring.postmaster;
            let id = fresh_id("postmaster", rows.iter().map(|p| p.id.as_str()));
            let domain = plan.brand.primary_domain.clone();
            plan.monitoring.postmaster.push(PostmasterEntry {
                id,
                date,
                domain,
                spam_rate_percent: 0.0,
            });
        }
        Edit::Postmaster { entry, set } => {
            let rows = &mut plan.monitoring.postmaster;
            if let Some(row) = rows.iter_mut().find(|p| p.id == entry) {
                match set {
                    PostmasterField::Date(date) => row.date = date.trim().to_string(),
                    PostmasterField::Domain(d) => row.domain = d.trim().to_ascii_lowercase(),
                    PostmasterField::SpamRatePercent(n) if is_percent(n) => {
                        row.spam_rate_percent = n
                    }
                    PostmasterField::SpamRatePercent(_) => {}
                }
            }
        }
        Edit::DeletePostmaster(id) => plan.monitoring.postmaster.retain(|p| p.id != id),
        Edit::Threshold { lane, set } => set_threshold(plan, &lane, set),
        Edit::AddMigration { from_lane, to_lane } => {
            let id = next_id(plan, Added::Migration);
            // Named after its lanes, so a new card reads as what it moves.
            let lane_name = |id: &str| {
                let lane = plan.lanes.iter().find(|l| l.id == id);
                lane.map_or(id.to_string(), |l| l.name.clone())
            };
            let base = format!("{} to {}", lane_name(&from_lane), lane_name(&to_lane));
            let name = fresh_name(&base, plan.migrations.iter().map(|m| m.name.as_str()));
            plan.migrations.push(Migration {
                name,
                ..Migration::new(&id, &from_lane, &to_lane)
            });
        }
        Edit::Migration { migration, set } => set_migration(plan, &migration, set),
        Edit::DeleteMigration(id) => plan.migrations.retain(|m| m.id != id),
        Edit::SetPeakWindow(window) => plan.peak_window = window,
        Edit::PeakWindow(set) => {
            let peak = plan.peak_window.get_or_insert_with(PeakWindow::default);
            match set {
                PeakField::Name(v) => peak.name = v.trim().to_string(),
                PeakField::Start(v) => peak.start = v.trim().to_string(),
                PeakField::End(v) => peak.end = v.trim().to_string(),
            }
        }
        Edit::Many(edits) => {
            for edit in edits {
                edit_plan(plan, edit);
            }
        }
    }
}

/// Whether the edit would point something at a lane the plan does not
/// have: a plan with such a reference is one its own import refuses. An
/// empty lane means none, where the field is optional.
fn names_missing_lane(plan: &Plan, edit: &Edit) -> bool {
    let missing = |lane: &Option<String>| {
        lane.as_deref()
            .is_some_and(|l| !l.is_empty() && plan.lane(l).is_none())
    };
    match edit {
        Edit::SetDefaultLane(lane) | Edit::SetAllEmailsLane(lane) => missing(lane),
        Edit::Rule {
            set: RuleField::Lane(lane),
            ..
        } => plan.lane(lane).is_none(),
        Edit::Journey {
            set: JourneyField::LaneOverride(lane),
            ..
        } => missing(lane),
        Edit::Warmup {
            set: WarmupField::SpillLane(lane),
            ..
        } => missing(lane),
        Edit::SetFallbackShift { shift_lane, .. } => missing(shift_lane),
        Edit::MapKey { lane, .. } => missing(lane),
        Edit::AddMigration { from_lane, to_lane } => {
            plan.lane(from_lane).is_none() || plan.lane(to_lane).is_none()
        }
        Edit::Migration {
            set: MigrationField::FromLane(lane) | MigrationField::ToLane(lane),
            ..
        } => plan.lane(lane).is_none(),
        _ => false,
    }
}

fn is_percent(n: f64) -> bool {
    (0.0..=100.0).contains(&n)
}

fn add_lane(plan: &mut Plan, purpose: Purpose) {
    let lane = new_lane(plan, purpose);
    if plan.default_lane.is_none() {
        plan.default_lane = Some(lane.id.clone());
    }
    plan.lanes.push(lane);
}

/// Sets one field of a lane; SMTP defaults take ports `platform` accepts.
fn set_lane(lane: &mut Lane, set: LaneField, platform: Platform) {
    match set {
        LaneField::Name(v) => lane.name = v,
        LaneField::Owner(v) => lane.owner = v,
        LaneField::Purpose(v) => lane.purpose = v,
        LaneField::Status(v) => lane.status = v,
        LaneField::Provider(v) => lane.smtp = Smtp::for_platform(v, platform),
        LaneField::SmtpHost(v) => lane.smtp.host = v,
        LaneField::SmtpPort(v) => lane.smtp.port = v,
        LaneField::SmtpSecurity(v) => lane.smtp.set_security(v, platform),
        LaneField::SmtpUsername(v) => lane.smtp.username = v,
        LaneField::SendingDomain(v) => lane.sending_domain = v,
        LaneField::FromName(v) => lane.from_name = v,
        LaneField::FromAddress(v) => lane.from_address = v,
        LaneField::ReplyTo(v) => lane.reply_to = v,
        LaneField::ReturnPathDomain(v) => lane.return_path_domain = v,
        LaneField::TrackingDomain(v) => lane.tracking_domain = v,
        LaneField::DkimDomain(v) => lane.dkim_domain = v,
        LaneField::DkimSelector(v) => lane.dkim_selector = v,
        LaneField::IpAddresses(v) => lane.ip_addresses = v,
        LaneField::IpStrategy(v) => lane.ip_strategy = v,
        LaneField::EngagementFilter(v) => lane.engagement_filter = v,
    }
}

/// A lane moved to another provider needs its SMTP server set up and its
/// domain authenticated there again, so the statuses set by hand for that
/// work go back to what the plan shows; owners, dates and notes stay.
fn reopen_provider_work(plan: &mut Plan, lane: &str) {
    let redone = [Item::SmtpServers, Item::Authenticate, Item::AuthConfigured];
    for state in &mut plan.checklist.items {
        if state.lane == lane && redone.contains(&state.item) {
            state.status = None;
        }
    }
}

fn set_warmup(lane: &mut Lane, set: WarmupField) {
    match set {
        WarmupField::Preset(preset) => {
            lane.warmup = preset.map(|preset| WarmupPlan {
                preset,
                ..lane.warmup.take().unwrap_or_default()
            });
        }
        WarmupField::Restore(plan) => lane.warmup = Some(*plan),
        set => {
            if let Some(w) = lane.warmup.as_mut() {
                set_warmup_field(w, set);
            }
        }
    }
}

/// One field of a warm-up plan the lane already has.
fn set_warmup_field(w: &mut WarmupPlan, set: WarmupField) {
    match set {
        WarmupField::Preset(_) | WarmupField::Restore(_) => {}
        WarmupField::StartDate(v) => w.start_date = v.trim().to_string(),
        WarmupField::TargetDate(v) => w.target_date = v.trim().to_string(),
        WarmupField::TargetVolume(v) => w.target_volume = v,
        WarmupField::SkippedDates(v) => w.skipped_dates = v,
        WarmupField::SkippedDate(change) => change.apply(&mut w.skipped_dates),
        WarmupField::Weekday { day, on } if (1..=7).contains(&day) => {
            // Rebuilt in weekday order, without a sort.
            let was = std::mem::take(&mut w.sending_weekdays);
            w.sending_weekdays = (1..=7u8)
                .filter(|d| if *d == day { on } else { was.contains(d) })
                .collect();
        }
        WarmupField::Weekday { .. } => {}
        WarmupField::Overflow(v) => w.overflow = v,
        WarmupField::SpillLane(v) => w.spill_lane = v.filter(|s| !s.is_empty()),
        WarmupField::Custom(RampField::StartVolume(v)) => w.custom.start_volume = v,
        WarmupField::Custom(RampField::GrowthPercent(v)) => w.custom.growth_percent = v,
        WarmupField::Custom(RampField::HoldDays(v)) => w.custom.hold_days = v,
        WarmupField::Custom(RampField::Cap(v)) => w.custom.cap = v,
    }
}

fn delete_lane(plan: &mut Plan, id: &str) {
    plan.lanes.retain(|l| l.id != id);
    // A warm-up or fallback that used the lane now says it needs one.
    for warmup in plan.lanes.iter_mut().filter_map(|l| l.warmup.as_mut()) {
        if warmup.spill_lane.as_deref() == Some(id) {
            warmup.spill_lane = None;
        }
    }
    let sim = &mut plan.simulation;
    sim.fallbacks.retain(|f| f.lane != id);
    for fallback in &mut sim.fallbacks {
        if fallback.shift_lane.as_deref() == Some(id) {
            fallback.shift_lane = None;
        }
    }
    // Progress, seed results and thresholds go with the lane.
    plan.checklist.items.retain(|i| i.lane != id);
    plan.checklist.seeds.retain(|s| s.lane != id);
    let preferences = &mut plan.preferences;
    preferences.one_click_lanes.retain(|l| l != id);
    for topic in &mut preferences.topics {
        topic.suppresses.retain(|l| l != id);
    }
    plan.monitoring.thresholds.retain(|t| t.lane != id);
    plan.monitoring.mapping.retain(|m| m.lane != id);
    if plan.platform.all_emails_lane.as_deref() == Some(id) {
        plan.platform.all_emails_lane = None;
    }
    // A move from or to the lane has nothing left to move.
    plan.migrations
        .retain(|m| m.from_lane != id && m.to_lane != id);
}

fn set_journey(j: &mut Journey, set: JourneyField) {
    match set {
        JourneyField::Name(v) => j.name = v,
        JourneyField::Intent(v) => j.intent = v,
        JourneyField::TriggerKind(kind) if kind != j.trigger.kind() => {
            j.trigger = Trigger::starting(kind)
        }
        JourneyField::TriggerKind(_) => {}
        JourneyField::EventName(v) => {
            if let Trigger::Event { event_name, .. } = &mut j.trigger {
                *event_name = v;
            }
        }
        JourneyField::LatencyMinutes(v) => {
            if let Trigger::Event {
                latency_minutes, ..
            } = &mut j.trigger
            {
                *latency_minutes = v;
            }
        }
        JourneyField::DelayMinutes(v) => {
            if let Trigger::Event { delay_minutes, .. } = &mut j.trigger {
                *delay_minutes = v;
            }
        }
        JourneyField::Segment(v) => {
            if let Trigger::SegmentEntry { segment } = &mut j.trigger {
                *segment = v;
            }
        }
        JourneyField::Cadence(v) => {
            if let Trigger::Scheduled { cadence, send_day } = &mut j.trigger {
                *cadence = v;
                // Daily mail goes out every day: there is no day to keep.
                if v == Cadence::Daily {
                    *send_day = None;
                }
            }
        }
        JourneyField::SendDay(v) => {
            if let Trigger::Scheduled { send_day, .. } = &mut j.trigger {
                *send_day = v;
            }
        }
        JourneyField::Broadcast(v) => {
            if let Trigger::ApiBroadcast { broadcast } = &mut j.trigger {
                *broadcast = v;
            }
        }
        JourneyField::TransactionalMessage(v) => {
            if let Trigger::TransactionalApi { message } = &mut j.trigger {
                *message = v;
            }
        }
        JourneyField::DailyVolume(v) => j.daily_volume = v,
        JourneyField::RevenuePerRecipient(v) if v.is_finite() && v >= 0.0 => {
            j.revenue_per_recipient = v
        }
        JourneyField::RevenuePerRecipient(_) => {}
        JourneyField::Audience(v) => j.audience = v,
        JourneyField::OwningTeam(v) => j.owning_team = v,
        JourneyField::Tags(v) => j.tags = v,
        JourneyField::LaneOverride(v) => j.lane_override = v.filter(|s| !s.is_empty()),
    }
}

fn add_rule(plan: &mut Plan) {
    let id = next_id(plan, Added::Rule);
    let lane = plan
        .default_lane
        .clone()
        .or_else(|| plan.lanes.first().map(|l| l.id.clone()))
        .unwrap_or_default();
    plan.rules.push(Rule {
        id,
        name: format!("Rule {}", plan.rules.len() + 1),
        enabled: true,
        when: Default::default(),
        lane,
    });
}

fn set_rule(rule: &mut Rule, set: RuleField) {
    // `None` clears a bound; a negative or endless amount is refused.
    let money = |v: Option<f64>| v.is_none_or(|n| n.is_finite() && n >= 0.0);
    let w = &mut rule.when;
    match set {
        RuleField::Name(v) => rule.name = v,
        RuleField::Enabled(v) => rule.enabled = v,
        RuleField::Lane(v) => rule.lane = v,
        RuleField::Intent { intent, on } => toggle(&Intent::ALL, &mut w.intents, intent, on),
        RuleField::TriggerKind { kind, on } => {
            toggle(&TriggerKind::ALL, &mut w.trigger_kinds, kind, on)
        }
        RuleField::Audience { audience, on } => {
            toggle(&Audience::ALL, &mut w.audiences, audience, on)
        }
        RuleField::MinRevenue(v) if money(v) => w.min_revenue_per_recipient = v,
        RuleField::MaxRevenue(v) if money(v) => w.max_revenue_per_recipient = v,
        RuleField::MinRevenue(_) | RuleField::MaxRevenue(_) => {}
        RuleField::Tags(v) => w.tags = v,
        RuleField::ClearTeams => w.owning_teams.clear(),
    }
}

/// Ticking a choice adds it, unticking removes it; the list keeps the order
/// of the choices, as the boxes show them.
fn toggle<T: PartialEq + Copy>(all: &[T], list: &mut Vec<T>, item: T, on: bool) {
    *list = all
        .iter()
        .copied()
        .filter(|x| if *x == item { on } else { list.contains(x) })
        .collect();
}

fn set_dmarc(plan: &mut Plan, set: DmarcField) {
    let dmarc = &mut plan.dmarc;
    match set {
        DmarcField::Goal(v) => dmarc.goal = v,
        DmarcField::Rua(v) => dmarc.rua = v,
        DmarcField::RolloutStart(v) => dmarc.rollout_start = v.trim().to_string(),
        DmarcField::WeeksPerStage(v) => dmarc.weeks_per_stage = v,
        DmarcField::StrictDkim(v) => dmarc.strict_dkim = v,
        DmarcField::StrictSpf(v) => dmarc.strict_spf = v,
    }
}

fn set_extras(plan: &mut Plan, set: ExtrasField) {
    let extras = &mut plan.extras;
    match set {
        ExtrasField::MtaSts(v) => extras.mta_sts = v,
        ExtrasField::TlsRptRua(v) => extras.tls_rpt_rua = v,
        ExtrasField::BimiLogo(v) => extras.bimi_logo = v,
        ExtrasField::BimiCertificate(v) => extras.bimi_certificate = v,
    }
}

fn set_simulation(plan: &mut Plan, set: SimulationField) {
    let sim = &mut plan.simulation;
    match set {
        SimulationField::StartDate(v) => sim.start_date = v.trim().to_string(),
        SimulationField::Days(v) => sim.days = v,
        SimulationField::Mix { provider, percent } => sim.mix_percent[provider.slot()] = percent,
        SimulationField::PromoFrequencyPercent(v) => sim.promo_frequency_percent = v,
        SimulationField::PromoAudience(v) => sim.promo_audience = v,
        SimulationField::ComplaintPercent(v) => sim.complaint_percent = v,
        SimulationField::GateDeliveredPercent(v) if is_percent(v) => sim.gate_delivered_percent = v,
        SimulationField::GateComplaintPercent(v) if is_percent(v) => sim.gate_complaint_percent = v,
        SimulationField::GateBouncePercent(v) if is_percent(v) => sim.gate_bounce_percent = v,
        SimulationField::GateDeliveredPercent(_)
        | SimulationField::GateComplaintPercent(_)
        | SimulationField::GateBouncePercent(_) => {}
    }
}

fn set_fallback(plan: &mut Plan, lane: String, action: Option<FallbackAction>) {
    if plan.lane(&lane).is_none() {
        return;
    }
    let fallbacks = &mut plan.simulation.fallbacks;
    match (action, fallbacks.iter_mut().find(|f| f.lane == lane)) {
        (None, _) => fallbacks.retain(|f| f.lane != lane),
        (Some(action), Some(existing)) => existing.action = action,
        (Some(action), None) => fallbacks.push(FallbackPlan {
            lane,
            action,
            shift_lane: None,
        }),
    }
}

fn set_item(plan: &mut Plan, item: Item, lane: String, set: ItemField) {
    if !lane.is_empty() && plan.lane(&lane).is_none() {
        return;
    }
    let items = &mut plan.checklist.items;
    let index = match items.iter().position(|i| i.item == item && i.lane == lane) {
        Some(index) => index,
        None => {
            items.push(ItemState {
                item,
                lane,
                status: None,
                owner: String::new(),
                due: String::new(),
                notes: String::new(),
            });
            items.len() - 1
        }
    };
    let state = &mut items[index];
    match set {
        ItemField::Status(v) => state.status = v,
        ItemField::Owner(v) => state.owner = v,
        ItemField::Due(v) => state.due = v.trim().to_string(),
        ItemField::Notes(v) => state.notes = v,
    }
}

fn set_topic(plan: &mut Plan, id: &str, set: TopicField) {
    let lanes: Vec<String> = plan.lanes.iter().map(|l| l.id.clone()).collect();
    let Some(topic) = plan.preferences.topics.iter_mut().find(|t| t.id == id) else {
        return;
    };
    match set {
        TopicField::Name(v) => topic.name = v,
        TopicField::Kind(v) => topic.kind = v,
        TopicField::Suppresses { lane, on } => {
            // Kept in the plan's lane order, as the matrix shows it.
            topic.suppresses = lanes
                .into_iter()
                .filter(|l| {
                    if *l == lane {
                        on
                    } else {
                        topic.suppresses.contains(l)
                    }
                })
                .collect();
        }
    }
}

/// A list of lane ids with `lane` ticked or not, in the plan's lane order.
fn toggle_lane(plan: &Plan, list: &[String], lane: &str, on: bool) -> Vec<String> {
    plan.lanes
        .iter()
        .map(|l| l.id.as_str())
        .filter(|l| {
            if *l == lane {
                on
            } else {
                list.iter().any(|s| s == l)
            }
        })
        .map(str::to_string)
        .collect()
}

fn map_key(plan: &mut Plan, kind: KeyKind, key: String, lane: Option<String>) {
    let lane = lane.filter(|l| plan.lane(l).is_some());
    let mapping = &mut plan.monitoring.mapping;
    mapping.retain(|m| !(m.kind == kind && m.key == key));
    if let Some(lane) = lane {
        mapping.push(KeyMapping { kind, key, lane });
    }
}

fn set_threshold(plan: &mut Plan, lane: &str, set: ThresholdField) {
    let figure = match set {
        ThresholdField::Reset => 0.0,
        ThresholdField::ComplaintWatchPercent(n)
        | ThresholdField::ComplaintActPercent(n)
        | ThresholdField::BounceWatchPercent(n)
        | ThresholdField::BounceActPercent(n)
        | ThresholdField::DeliveredMinPercent(n) => n,
    };
    // Checked first, so that a refused figure adds no thresholds either.
    if plan.lane(lane).is_none() || !is_percent(figure) {
        return;
    }
    let thresholds = &mut plan.monitoring.thresholds;
    let index = match thresholds.iter().position(|t| t.lane == lane) {
        Some(index) => index,
        None => {
            thresholds.push(Thresholds::reference(lane));
            thresholds.len() - 1
        }
    };
    let t = &mut thresholds[index];
    match set {
        ThresholdField::Reset => *t = Thresholds::reference(lane),
        ThresholdField::ComplaintWatchPercent(n) => t.complaint_watch_percent = n,
        ThresholdField::ComplaintActPercent(n) => t.complaint_act_percent = n,
        ThresholdField::BounceWatchPercent(n) => t.bounce_watch_percent = n,
        ThresholdField::BounceActPercent(n) => t.bounce_act_percent = n,
        ThresholdField::DeliveredMinPercent(n) => t.delivered_min_percent = n,
    }
}

fn set_migration(plan: &mut Plan, id: &str, set: MigrationField) {
    let journeys: Vec<String> = plan.journeys.iter().map(|j| j.id.clone()).collect();
    let Some(m) = plan.migrations.iter_mut().find(|m| m.id == id) else {
        return;
    };
    match set {
        MigrationField::Name(v) => m.name = v,
        MigrationField::FromLane(v) => m.from_lane = v,
        MigrationField::ToLane(v) => m.to_lane = v,
        MigrationField::WholeLane(v) => m.whole_lane = v,
        MigrationField::Journey { journey, on } if journeys.contains(&journey) => {
            // Rebuilt in the plan's journey order, as the boxes show them.
            m.journeys = journeys
                .into_iter()
                .filter(|j| {
                    if *j == journey {
                        on
                    } else {
                        m.journeys.contains(j)
                    }
                })
                .collect();
        }
        MigrationField::Journey { .. } => {}
        MigrationField::StartDate(v) => m.start_date = v.trim().to_string(),
        MigrationField::HoldDates(v) => m.hold_dates = v,
        MigrationField::HoldDate(change) => change.apply(&mut m.hold_dates),
        MigrationField::GraceDays(v) => m.grace_days = v,
        MigrationField::Rollback(v) => m.rollback = v,
    }
}

fn move_item<T>(items: &mut [T], is_it: impl Fn(&T) -> bool, direction: Direction) {
    let Some(index) = items.iter().position(is_it) else {
        return;
    };
    match direction {
        Direction::Up if index > 0 => items.swap(index, index - 1),
        Direction::Down if index + 1 < items.len() => items.swap(index, index + 1),
        _ => {}
    }
}

/// `sub`, or `sub2`, `sub3`, … : the first whose subdomain of `primary` no
/// lane sends from, so a second lane of a purpose gets its own SPF and
/// DKIM names instead of a duplicate of the first lane's.
fn free_subdomain(plan: &Plan, sub: &str, primary: &str, except: Option<&str>) -> String {
    use crate::domain::{address_domain, is_within, normalize_domain};
    let used = |candidate: &str| {
        let domain = format!("{candidate}.{primary}");
        let mut others = plan.lanes.iter().filter(|l| Some(l.id.as_str()) != except);
        others.any(|l| {
            let from = address_domain(&l.from_address).unwrap_or_default();
            [
                l.sending_domain.as_str(),
                from,
                &l.return_path_domain,
                &l.dkim_domain,
                &l.tracking_domain,
            ]
            .into_iter()
            .filter_map(|d| normalize_domain(d).ok())
            .any(|d| is_within(&d, &domain))
        })
    };
    std::iter::once(sub.to_string())
        .chain((2u32..).map(|n| format!("{sub}{n}")))
        .find(|candidate| !used(candidate))
        .expect("an unused subdomain exists below u32::MAX")
}

fn fresh_name<'a>(base: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    if !taken.clone().any(|name| name == base) {
        return base.to_string();
    }
    (2u32..)
        .map(|n| format!("{base} {n}"))
        .find(|candidate| !taken.clone().any(|name| name == candidate))
        .expect("an unused name exists below u32::MAX")
}

/// A lane's own sending domain, From address and bounce domain.
pub struct OwnDomains {
    pub sending: String,
    pub from_address: String,
    pub return_path: String,
}

/// Domains for a lane of `purpose` on a subdomain of the primary domain
/// that no lane but `except` uses yet, as the usual subdomain plan names
/// them (receipts, flows, mail, …); None without a valid primary domain.
pub fn own_domains(plan: &Plan, purpose: Purpose, except: Option<&str>) -> Option<OwnDomains> {
    let (sub, mailbox) = match purpose {
        Purpose::Transactional => ("receipts", "orders"),
        Purpose::RevenueFlows => ("flows", "hello"),
        Purpose::Promotional => ("mail", "news"),
        Purpose::Vip => ("vip", "vip"),
        Purpose::Migration => ("send", "hello"),
        Purpose::Custom => ("notify", "hello"),
    };
    let primary = crate::domain::normalize_domain(&plan.brand.primary_domain).ok()?;
    let sub = free_subdomain(plan, sub, &primary, except);
    Some(OwnDomains {
        sending: format!("{sub}.{primary}"),
        from_address: format!("{mailbox}@{sub}.{primary}"),
        return_path: format!("bounce.{sub}.{primary}"),
    })
}

/// A new lane with defaults that follow the usual subdomain plan.
fn new_lane(plan: &Plan, purpose: Purpose) -> Lane {
    let id = next_id(plan, Added::Lane);
    let name = fresh_name(
        &format!("{} lane", purpose.label()),
        plan.lanes.iter().map(|l| l.name.as_str()),
    );
    let mut lane = Lane::new(&id, &name, purpose);
    if let Some(domains) = own_domains(plan, purpose, None) {
        lane.sending_domain = domains.sending;
        lane.from_address = domains.from_address;
        lane.return_path_domain = domains.return_path;
    }
    lane.from_name = plan.brand.name.clone();
    lane.smtp = Smtp::from_preset(Provider::Custom);
    lane.status = LaneStatus::New;
    if purpose == Purpose::Promotional {
        lane.engagement_filter = EngagementFilter::EngagedWithin { days: 90 };
    }
    lane
}
