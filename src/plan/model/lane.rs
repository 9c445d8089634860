//! A lane: its SMTP server, domains, identities and warm-up plan.

use serde::{Deserialize, Serialize};

use super::{
    canonical_address, canonical_domain, LaneStatus, Overflow, Platform, Provider, Purpose,
    Security, WarmupPreset,
};
use crate::units::count;

/// One sending lane: an SMTP server with its own domain and reputation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Lane {
    pub id: String,
    pub name: String,
    pub purpose: Purpose,
    /// Person or team accountable for the lane's health.
    #[serde(default)]
    pub owner: String,
    pub smtp: Smtp,
    pub sending_domain: String,
    pub from_name: String,
    pub from_address: String,
    #[serde(default)]
    pub reply_to: String,
    /// Envelope sender (bounce) domain; empty means the provider's default.
    #[serde(default)]
    pub return_path_domain: String,
    /// Branded link-tracking domain; empty means the provider's default.
    #[serde(default)]
    pub tracking_domain: String,
    pub ip_strategy: IpStrategy,
    pub status: LaneStatus,
    pub engagement_filter: EngagementFilter,
    /// DKIM selector; empty means the provider's default (see `dns::plan`).
    #[serde(default)]
    pub dkim_selector: String,
    /// DKIM signing domain (`d=`); empty means the sending domain.
    #[serde(default)]
    pub dkim_domain: String,
    /// The lane's dedicated sending addresses, when known.
    #[serde(default)]
    pub ip_addresses: Vec<String>,
    /// How the lane's new domain or IPs warm up; `None` for a warm lane.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warmup: Option<WarmupPlan>,
    /// Which of the six lane colours (0 to 5) the lane shows, kept so that
    /// deleting or moving another lane does not recolour it. Absent in plans
    /// from before lanes kept one: such a lane shows its position's colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(max = 5)))]
    pub colour: Option<u8>,
}

/// A lane's warm-up: the ramp, the calendar and what happens over the cap.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WarmupPlan {
    pub preset: WarmupPreset,
    /// The ramp when `preset` is `custom`.
    #[serde(default)]
    pub custom: CustomRamp,
    /// First day of the ramp (YYYY-MM-DD); empty until scheduled.
    #[serde(default)]
    pub start_date: String,
    /// Weekdays the lane sends on, 1 (Monday) to 7 (Sunday). Other days do
    /// not advance the ramp.
    pub sending_weekdays: Vec<u8>,
    /// Days without sending (YYYY-MM-DD), such as holidays.
    #[serde(default)]
    pub skipped_dates: Vec<String>,
    /// The peak daily volume the lane must reach, such as Black Friday's.
    #[serde(default)]
    pub target_volume: u64,
    /// The day it must be reached (YYYY-MM-DD); empty for none.
    #[serde(default)]
    pub target_date: String,
    #[serde(default)]
    pub overflow: Overflow,
    /// The warm lane that takes the overflow when `overflow` is `spill`.
    #[serde(default)]
    pub spill_lane: Option<String>,
}

/// A ramp of one's own: `start_volume` growing by `growth_percent` every
/// `hold_days` sending days until `cap` (0: no ceiling).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomRamp {
    pub start_volume: u64,
    pub growth_percent: u32,
    pub hold_days: u32,
    pub cap: u64,
}

impl Default for CustomRamp {
    fn default() -> Self {
        CustomRamp {
            start_volume: 500,
            growth_percent: 40,
            hold_days: 1,
            cap: 0,
        }
    }
}

impl Default for WarmupPlan {
    fn default() -> Self {
        WarmupPlan {
            preset: WarmupPreset::default(),
            custom: CustomRamp::default(),
            start_date: String::new(),
            sending_weekdays: vec![1, 2, 3, 4, 5, 6, 7],
            skipped_dates: Vec::new(),
            target_volume: 0,
            target_date: String::new(),
            overflow: Overflow::default(),
            spill_lane: None,
        }
    }
}

/// The most days a warm-up calendar, a migration's split or a simulation
/// covers.
pub const CALENDAR_DAYS: u32 = 400;

impl WarmupPlan {
    /// The first and last dates its calendar looks at: `CALENDAR_DAYS`
    /// from its first day. `None` until the first day is a date.
    pub fn calendar_days(&self) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        let first = crate::units::iso_date(self.start_date.trim())?;
        let days = u64::from(CALENDAR_DAYS - 1);
        let last = first.checked_add_days(chrono::Days::new(days));
        Some((first, last.unwrap_or(chrono::NaiveDate::MAX)))
    }

    /// Whether the peak date is further from the start than the calendar
    /// looks, so that nothing can be said of the ramp on that day.
    pub fn peak_beyond_calendar(&self) -> bool {
        let day = |text: &str| crate::units::iso_date(text.trim());
        match (day(&self.start_date), day(&self.target_date)) {
            (Some(start), Some(peak)) => (peak - start).num_days() > i64::from(CALENDAR_DAYS),
            _ => false,
        }
    }
}

/// SMTP connection details. Passwords and API keys are never part of a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Smtp {
    pub provider: Provider,
    /// Empty for Customer.io's own delivery, which needs no SMTP host.
    #[serde(default)]
    pub host: String,
    pub port: u16,
    pub security: Security,
    #[serde(default)]
    pub username: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(
    not(feature = "schema"),
    serde(try_from = "super::tagged::IpStrategyRepr")
)]
pub enum IpStrategy {
    Shared,
    Dedicated { count: u32 },
}

/// Who a lane is allowed to mail, applied on top of each journey's audience.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(
    not(feature = "schema"),
    serde(try_from = "super::tagged::EngagementFilterRepr")
)]
pub enum EngagementFilter {
    None,
    /// Opened or clicked within the last `days` days.
    EngagedWithin {
        days: u32,
    },
    /// Purchased within the last `days` days.
    PurchasedWithin {
        days: u32,
    },
    /// In a segment the sending platform's predictions rank as likely to
    /// buy, such as a high predicted intent or purchase likelihood segment.
    PredictedIntent,
}

impl EngagementFilter {
    pub fn label(self) -> String {
        match self {
            EngagementFilter::None => "No filter".to_string(),
            EngagementFilter::EngagedWithin { days } => {
                format!(
                    "Opened or clicked in the last {}",
                    count(days.into(), "day", "days")
                )
            }
            EngagementFilter::PurchasedWithin { days } => {
                format!(
                    "Purchased in the last {}",
                    count(days.into(), "day", "days")
                )
            }
            EngagementFilter::PredictedIntent => "In a high predicted intent segment".to_string(),
        }
    }
}

/// The name of a new plan's one lane until the team names it or gives it
/// a purpose.
pub const FIRST_LANE_NAME: &str = "Main lane";

impl Lane {
    /// A lane with the given purpose and no domain yet.
    pub fn new(id: &str, name: &str, purpose: Purpose) -> Lane {
        Lane {
            id: id.to_string(),
            name: name.to_string(),
            purpose,
            owner: String::new(),
            smtp: Smtp::from_preset(Provider::Custom),
            sending_domain: String::new(),
            from_name: String::new(),
            from_address: String::new(),
            reply_to: String::new(),
            return_path_domain: String::new(),
            tracking_domain: String::new(),
            ip_strategy: IpStrategy::Shared,
            status: LaneStatus::New,
            engagement_filter: EngagementFilter::None,
            dkim_selector: String::new(),
            dkim_domain: String::new(),
            ip_addresses: Vec::new(),
            warmup: None,
            colour: None,
        }
    }
}

/// The AWS region in an SES SMTP host such as `email-smtp.eu-west-1.amazonaws.com`.
pub fn ses_region(host: &str) -> Option<&str> {
    let region = host
        .strip_prefix("email-smtp.")?
        .strip_suffix(".amazonaws.com")?;
    let named = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    (!region.is_empty() && region.chars().all(named)).then_some(region)
}

impl Smtp {
    /// Whether a new host moves an SES lane to another region, where its
    /// identity, DKIM tokens, bounce MX and dedicated IPs are all new.
    pub fn changes_region(&self, host: &str) -> bool {
        let old = ses_region(&self.host);
        self.provider == Provider::AmazonSes
            && old.is_some()
            && ses_region(host).is_some_and(|new| Some(new) != old)
    }

    pub fn from_preset(provider: Provider) -> Smtp {
        let preset = provider.preset();
        Smtp {
            provider,
            host: preset.host.to_string(),
            port: preset.port,
            security: preset.security,
            username: preset.username.to_string(),
        }
    }

    /// The provider's preset with a port the platform accepts: where the
    /// preset's port is refused, the provider's spare STARTTLS port.
    pub fn for_platform(provider: Provider, platform: Platform) -> Smtp {
        let mut smtp = Smtp::from_preset(provider);
        if platform.refused_ports().contains(&smtp.port) {
            smtp.port = provider.spare_port().unwrap_or(smtp.port);
        }
        smtp
    }

    /// Switches the security, and with it a well-known port of the other
    /// mode (587, 2525 or 2587 ↔ 465 or 2465), so that port and security
    /// agree; any other port stays as typed.
    pub fn set_security(&mut self, security: Security, platform: Platform) {
        if security == self.security {
            return;
        }
        self.security = security;
        self.port = match (security, self.port) {
            (Security::ImplicitTls, 587 | 2525 | 2587) => self.implicit_port(platform),
            (Security::Starttls, 465 | 2465) => self.starttls_port(platform),
            (_, port) => port,
        };
    }

    /// 465, or SES's other TLS port where the platform refuses 465.
    fn implicit_port(&self, platform: Platform) -> u16 {
        let refused = platform.refused_ports().contains(&465);
        if refused && self.provider == Provider::AmazonSes {
            2465
        } else {
            465
        }
    }

    /// 587, or the provider's spare port where the platform refuses 587.
    fn starttls_port(&self, platform: Platform) -> u16 {
        match self.provider.spare_port() {
            Some(spare) if platform.refused_ports().contains(&587) => spare,
            _ => 587,
        }
    }
}

impl Lane {
    /// Puts the lane's domains and addresses in canonical form. Values that
    /// do not parse are left as typed, so that validation can point at them.
    pub fn normalize(&mut self) {
        canonical_domain(&mut self.sending_domain);
        canonical_domain(&mut self.return_path_domain);
        canonical_domain(&mut self.tracking_domain);
        canonical_domain(&mut self.smtp.host);
        canonical_address(&mut self.from_address);
        canonical_address(&mut self.reply_to);
        canonical_domain(&mut self.dkim_domain);
    }
}
