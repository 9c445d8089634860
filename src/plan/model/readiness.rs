//! What a team records while it implements the plan: checklist progress,
//! seed-list results, the preference policy and the monitoring thresholds.
//! Statuses the plan itself proves are not stored; `checklist` derives them.

use serde::{Deserialize, Serialize};

/// Manual checklist state and seed-list results.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    /// Only items someone touched; the rest are derived or not started.
    #[serde(default)]
    pub items: Vec<ItemState>,
    #[serde(default)]
    pub seeds: Vec<SeedTest>,
    /// The brand is moving from another ESP, which the split assessment
    /// weighs.
    #[serde(default)]
    pub migrating_esp: bool,
}

/// One checklist item's owner, due date, notes and manual status, for the
/// whole plan (`lane` empty) or for one lane.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ItemState {
    pub item: Item,
    #[serde(default)]
    pub lane: String,
    /// The status someone set; `None` leaves it to the plan.
    #[serde(default)]
    pub status: Option<ItemStatus>,
    #[serde(default)]
    pub owner: String,
    /// YYYY-MM-DD; empty means the date derived from the warm-up.
    #[serde(default)]
    pub due: String,
    #[serde(default)]
    pub notes: String,
}

/// The guidance's eight setup steps, its nine-item implementation checklist
/// and the four end-to-end QA checks of step 7.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Item {
    MapLanes,
    DomainPlan,
    SmtpServers,
    Authenticate,
    WarmUp,
    AssignRoutes,
    EndToEndQa,
    MonitorByLane,
    LanesWithOwners,
    DomainPlanDocumented,
    AuthConfigured,
    TrackingDomain,
    WarmupPlanCreated,
    RoutingImplemented,
    SeedTests,
    WeeklyReview,
    FallbackPlan,
    QaFromIdentity,
    QaReplyHandling,
    QaTrackingDomain,
    QaUnsubscribe,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    NotStarted,
    InProgress,
    Done,
    NotApplicable,
}

impl Item {
    /// The item's label with the item it is part of, as a notice or a
    /// place names it away from the checklist: the end-to-end QA's ticks
    /// read as “QA from end to end › Link-tracking domain”.
    pub fn full_label(self) -> std::borrow::Cow<'static, str> {
        match self {
            Item::QaFromIdentity
            | Item::QaReplyHandling
            | Item::QaTrackingDomain
            | Item::QaUnsubscribe => {
                format!("{} › {}", Item::EndToEndQa.label(), self.label()).into()
            }
            _ => self.label().into(),
        }
    }

    /// The item as the guidance words it.
    pub fn label(self) -> &'static str {
        match self {
            Item::MapLanes => "Map email categories into 2 to 3 lanes",
            Item::DomainPlan => "Decide the domain plan",
            Item::SmtpServers => "Create the SMTP server configuration",
            Item::Authenticate => "Authenticate with SPF and DKIM; publish DMARC",
            Item::WarmUp => "Warm up the new sending domain, most engaged first",
            Item::AssignRoutes => "Assign the SMTP server per journey by category",
            Item::EndToEndQa => "QA from end to end",
            Item::MonitorByLane => "Monitor deliverability and performance",
            Item::LanesWithOwners => "Lanes defined with owners",
            Item::DomainPlanDocumented => "Domain and subdomain plan documented",
            Item::AuthConfigured => "SPF, DKIM and DMARC configured",
            Item::TrackingDomain => "Link-tracking domain strategy confirmed",
            Item::WarmupPlanCreated => "Warm-up plan created",
            Item::RoutingImplemented => "Routing rules implemented and QAed across key journeys",
            Item::SeedTests => "Seed-list tests completed (Gmail, Yahoo, Outlook)",
            Item::WeeklyReview => "Weekly review of bounces, complaints and revenue per recipient",
            Item::FallbackPlan => "Fallback plan documented if a lane's reputation drops",
            Item::QaFromIdentity => "From name and address",
            Item::QaReplyHandling => "Reply handling",
            Item::QaTrackingDomain => "Link-tracking domain",
            Item::QaUnsubscribe => "Unsubscribe behaviour",
        }
    }
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 4] = [
        ItemStatus::NotStarted,
        ItemStatus::InProgress,
        ItemStatus::Done,
        ItemStatus::NotApplicable,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::NotStarted => "Not started",
            ItemStatus::InProgress => "In progress",
            ItemStatus::Done => "Done",
            ItemStatus::NotApplicable => "Not applicable",
        }
    }
}

/// One seed-list send through a lane and where it landed at each provider.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SeedTest {
    /// Names the row for edits; files written before rows had ids get one
    /// when they are read.
    #[serde(default)]
    pub id: String,
    pub lane: String,
    /// YYYY-MM-DD.
    pub date: String,
    #[serde(default)]
    pub gmail: Placement,
    #[serde(default)]
    pub yahoo: Placement,
    #[serde(default)]
    pub outlook: Placement,
}

impl SeedTest {
    /// A seed test not yet read at any provider.
    pub fn new(id: &str, lane: &str, date: &str) -> SeedTest {
        SeedTest {
            id: id.to_string(),
            lane: lane.to_string(),
            date: date.to_string(),
            gmail: Placement::NotTested,
            yahoo: Placement::NotTested,
            outlook: Placement::NotTested,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    #[default]
    NotTested,
    Inbox,
    /// Delivered to the inbox under a tab, such as Gmail's Promotions.
    Tab,
    Spam,
    Missing,
}

impl Placement {
    pub const ALL: [Placement; 5] = [
        Placement::NotTested,
        Placement::Inbox,
        Placement::Tab,
        Placement::Spam,
        Placement::Missing,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Placement::NotTested => "Not tested",
            Placement::Inbox => "Inbox",
            Placement::Tab => "Inbox, in a tab",
            Placement::Spam => "Spam or junk",
            Placement::Missing => "Missing",
        }
    }
}

/// Which unsubscribes suppress which lanes, and how unsubscribing works.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Preferences {
    #[serde(default)]
    pub topics: Vec<Topic>,
    /// Lanes whose mail carries RFC 8058 one-click unsubscribe headers.
    #[serde(default)]
    pub one_click_lanes: Vec<String>,
    /// Days an unsubscribe takes to reach every lane.
    pub processing_days: u32,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            topics: Vec::new(),
            one_click_lanes: Vec::new(),
            processing_days: 2,
        }
    }
}

/// A subscription topic on the preference page; unsubscribing from it
/// suppresses the listed lanes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub name: String,
    pub kind: TopicKind,
    #[serde(default)]
    pub suppresses: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TopicKind {
    Promotional,
    Lifecycle,
    /// "Unsubscribe from all marketing".
    AllMarketing,
}

impl TopicKind {
    pub const ALL: [TopicKind; 3] = [
        TopicKind::Promotional,
        TopicKind::Lifecycle,
        TopicKind::AllMarketing,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TopicKind::Promotional => "Promotional",
            TopicKind::Lifecycle => "Lifecycle",
            TopicKind::AllMarketing => "All marketing",
        }
    }
}

/// Each lane's health thresholds (in %), which lane each key in imported
/// delivery data belongs to, and Postmaster Tools figures typed in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Monitoring {
    #[serde(default)]
    pub thresholds: Vec<Thresholds>,
    #[serde(default)]
    pub mapping: Vec<KeyMapping>,
    #[serde(default)]
    pub postmaster: Vec<PostmasterEntry>,
}

/// A vendor's lane key (an SES configuration set, an IP pool, a sending
/// IP, …) and the lane it belongs to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KeyMapping {
    pub kind: KeyKind,
    pub key: String,
    pub lane: String,
}

/// A day's user-reported spam rate from Google Postmaster Tools.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PostmasterEntry {
    /// Names the row for edits, as a seed test's id does.
    #[serde(default)]
    pub id: String,
    /// YYYY-MM-DD.
    pub date: String,
    pub domain: String,
    pub spam_rate_percent: f64,
}

impl super::Plan {
    /// The lanes a Postmaster Tools figure for `domain` is about. Postmaster
    /// Tools reports by the domain that authenticated the mail, so a lane's
    /// sending, From, DKIM signing and envelope domains are its own; the
    /// primary domain's figure is every lane's.
    pub fn postmaster_lanes<'a>(&'a self, domain: &str) -> Vec<&'a super::Lane> {
        let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
        let same = |d: &str| !d.is_empty() && d.trim().eq_ignore_ascii_case(&domain);
        let primary = same(&self.brand.primary_domain);
        let from = |l: &super::Lane| l.from_address.rsplit('@').next().unwrap_or("").to_string();
        (self.lanes.iter())
            .filter(|l| {
                primary
                    || same(&l.sending_domain)
                    || same(&from(l))
                    || same(&l.dkim_domain)
                    || same(&l.return_path_domain)
            })
            .collect()
    }
}

/// Messages a day needs before its own rates can make a lane act: the
/// delivered mail its complaints are counted against, the sent mail its
/// bounces and deliveries are. At 500 one complaint is 0.2%, under Gmail's
/// 0.3% line, so a quiet day (a weekend, a test send) cannot turn a lane
/// to Act on one person's click, while a lane sending 1,000 a day is still
/// judged day by day, as Gmail judges it.
pub const DAY_MIN_MESSAGES: u64 = 500;

/// When a lane needs watching and when it needs action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    pub lane: String,
    pub complaint_watch_percent: f64,
    pub complaint_act_percent: f64,
    pub bounce_watch_percent: f64,
    pub bounce_act_percent: f64,
    /// Below this share delivered the lane needs action.
    pub delivered_min_percent: f64,
}

impl Monitoring {
    /// The thresholds the plan sets for `lane`, if any.
    pub fn thresholds_of(&self, lane: &str) -> Option<&Thresholds> {
        self.thresholds.iter().find(|t| t.lane == lane)
    }

    /// The thresholds `lane` is judged by: its own, or the reference's
    /// when the plan sets none (then `true`).
    pub fn thresholds_or_reference(&self, lane: &str) -> (Thresholds, bool) {
        match self.thresholds_of(lane) {
            Some(t) => (t.clone(), false),
            None => (Thresholds::reference(lane), true),
        }
    }
}

impl Thresholds {
    /// The reference's figures: Gmail's and Yahoo's 0.1% complaint target
    /// and 0.3% ceiling, the industry's 2% and 5% bounce lines, and 90%
    /// delivered.
    pub fn reference(lane: &str) -> Thresholds {
        Thresholds {
            lane: lane.to_string(),
            complaint_watch_percent: 0.1,
            complaint_act_percent: 0.3,
            bounce_watch_percent: 2.0,
            bounce_act_percent: 5.0,
            delivered_min_percent: 90.0,
        }
    }
}

/// What identifies a lane in a vendor's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum KeyKind {
    /// A `lane` value the sender put in custom arguments, tags or metadata.
    LaneTag,
    SesConfigurationSet,
    SendgridPool,
    SendgridCategory,
    PostmarkStream,
    MailgunTag,
    SparkpostPool,
    KumoPool,
    CustomerioCampaign,
    SendingIp,
    SendingDomain,
    /// The `lane` column of the per-day CSV template.
    CsvLane,
}

impl KeyKind {
    pub fn label(self) -> &'static str {
        match self {
            KeyKind::LaneTag => "Lane tag",
            KeyKind::SesConfigurationSet => "SES configuration set",
            KeyKind::SendgridPool => "SendGrid IP pool",
            KeyKind::SendgridCategory => "SendGrid category",
            KeyKind::PostmarkStream => "Postmark message stream",
            KeyKind::MailgunTag => "Mailgun tag",
            KeyKind::SparkpostPool => "SparkPost IP pool",
            KeyKind::KumoPool => "KumoMTA egress pool",
            KeyKind::CustomerioCampaign => "Customer.io message",
            KeyKind::SendingIp => "Sending IP",
            KeyKind::SendingDomain => "Sending domain",
            KeyKind::CsvLane => "CSV lane",
        }
    }
}
