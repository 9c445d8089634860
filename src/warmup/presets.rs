//! Warm-up schedules as their vendors publish them, each with its source.
//! A schedule gives the cap for each sending day of the ramp, counted from
//! 0; `after` says what happens once the published table ends.

use crate::plan::model::WarmupPreset;

/// How a vendor states its caps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Messages per day, one value per sending day.
    Daily,
    /// Messages per hour, one value per sending day; a day allows 24 hours.
    Hourly,
    /// Messages per day, one value per week of sending days.
    Weekly,
}

/// What follows the published table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum After {
    /// The lane is warm: no warm-up cap.
    Warm,
    /// The last value stays the cap (the vendor publishes no rule after it).
    Hold,
    /// The cap doubles every `days` sending days.
    Double { days: u32 },
}

/// One published schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub unit: Unit,
    pub values: &'static [u64],
    pub after: After,
    /// Where the numbers come from.
    pub source: &'static str,
    /// What the vendor says about the schedule, in a sentence.
    pub note: &'static str,
    /// What the vendor calls one row of its table: "day", "stage" or "week".
    pub step: &'static str,
    /// The number the vendor gives the first row (SendGrid counts from 0).
    pub first: u32,
}

/// One row of a published table, numbered as the vendor numbers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublishedStep {
    /// The day, stage or week, as the vendor counts.
    pub number: u32,
    /// The value as published: an hourly cap for hourly schedules.
    pub published: u64,
    /// The daily cap it means.
    pub per_day: u64,
}

impl Schedule {
    /// Every row of the published table in order, so the whole table can be
    /// shown and checked against the vendor's.
    pub fn steps(&self) -> Vec<PublishedStep> {
        (self.first..)
            .zip(self.values)
            .map(|(number, &published)| PublishedStep {
                number,
                published,
                per_day: match self.unit {
                    Unit::Hourly => published.saturating_mul(24),
                    Unit::Daily | Unit::Weekly => published,
                },
            })
            .collect()
    }
}

/// SendGrid's automated IP warm-up: hourly caps for days 0–41, about ×1.4
/// a day; after day 41 the IP leaves warm-up.
const SENDGRID: [u64; 42] = [
    20, 28, 39, 55, 77, 108, 151, 211, 295, 413, 579, 810, 1_000, 1_587, 2_222, 3_111, 4_356,
    6_098, 8_583, 11_953, 16_734, 23_427, 32_798, 45_917, 64_284, 89_998, 125_997, 176_395,
    246_953, 345_735, 484_029, 677_640, 948_696, 1_328_175, 1_859_444, 2_603_222, 3_644_511,
    5_102_316, 7_143_242, 10_000_539, 14_000_754, 19_601_056,
];

/// SparkPost's automated warm-up: 29 daily stages, then done.
const SPARKPOST: [u64; 29] = [
    200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 40_000, 50_000, 75_000, 100_000, 150_000,
    200_000, 250_000, 325_000, 400_000, 500_000, 600_000, 750_000, 1_000_000, 1_250_000, 1_750_000,
    2_000_000, 3_000_000, 4_250_000, 5_000_000, 6_000_000, 7_500_000, 10_000_000,
];

/// Braze conservative: three days at each level, then double every 3 days.
const BRAZE_CONSERVATIVE: [u64; 21] = [
    50, 50, 50, 100, 100, 100, 500, 500, 500, 1_000, 1_000, 1_000, 2_000, 2_000, 2_000, 4_000,
    4_000, 4_000, 8_000, 8_000, 8_000,
];

const BRAZE_MODERATE: [u64; 21] = [
    50, 100, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 25_000, 35_000, 50_000, 75_000, 100_000,
    150_000, 200_000, 275_000, 375_000, 500_000, 650_000, 825_000, 1_000_000,
];

const BRAZE_AGGRESSIVE: [u64; 17] = [
    50, 100, 500, 1_000, 5_000, 10_000, 20_000, 40_000, 70_000, 100_000, 150_000, 250_000, 400_000,
    600_000, 1_000_000, 2_000_000, 4_000_000,
];

const KUMO_CONSERVATIVE: [u64; 30] = [
    50, 100, 200, 400, 800, 1_500, 3_000, 5_000, 7_500, 10_000, 12_500, 15_000, 20_000, 25_000,
    30_000, 35_000, 40_000, 45_000, 50_000, 55_000, 60_000, 70_000, 80_000, 90_000, 100_000,
    110_000, 120_000, 135_000, 150_000, 175_000,
];

const KUMO_AGGRESSIVE: [u64; 14] = [
    200, 500, 1_000, 2_500, 5_000, 10_000, 20_000, 35_000, 50_000, 75_000, 100_000, 150_000,
    200_000, 300_000,
];

const KUMO_TRANSACTIONAL: [u64; 21] = [
    100, 250, 500, 1_000, 2_000, 4_000, 8_000, 12_000, 18_000, 25_000, 35_000, 45_000, 60_000,
    80_000, 100_000, 125_000, 150_000, 175_000, 200_000, 250_000, 300_000,
];

/// Salesforce Marketing Cloud: the daily cap for each week.
const SALESFORCE: [u64; 6] = [50_000, 100_000, 200_000, 400_000, 800_000, 1_600_000];

/// Mailtrap: 21 days at about +30% a day.
const MAILTRAP: [u64; 21] = [
    300, 390, 510, 660, 860, 1_100, 1_400, 1_900, 2_400, 3_200, 4_100, 5_400, 7_000, 9_100, 11_800,
    15_400, 20_000, 26_000, 33_700, 43_900, 57_000,
];

/// The published schedule of a preset; `None` for a custom ramp.
pub fn schedule(preset: WarmupPreset) -> Option<Schedule> {
    use WarmupPreset as P;
    // Most vendors number days or weeks from 1; the two exceptions say so.
    let s = |unit, values, after, source, note| {
        Some(Schedule {
            unit,
            values,
            after,
            source,
            note,
            step: if unit == Unit::Weekly { "week" } else { "day" },
            first: 1,
        })
    };
    match preset {
        P::SendgridAutomated => s(
            Unit::Hourly,
            &SENDGRID,
            After::Warm,
            "SendGrid docs, “Warm up IP addresses” (twilio.com/docs/sendgrid/concepts/reputation/warm-up-ip-addresses)",
            "Hourly caps for 42 days (SendGrid's days 0–41), about ×1.4 a day; traffic over the cap spills to other IPs or retries for 72 hours. SendGrid counts calendar days whatever days you send; this calendar counts sending days, so with days off its dates run later than SendGrid's.",
        )
        .map(|s| Schedule { first: 0, ..s }),
        P::Sparkpost => s(
            Unit::Daily,
            &SPARKPOST,
            After::Warm,
            "SparkPost support docs, “Automated IP warm-up”",
            "29 daily stages; an IP moves up only after delivering more than 90% of the stage's target.",
        )
        .map(|s| Schedule { step: "stage", ..s }),
        P::BrazeConservative => s(
            Unit::Daily,
            &BRAZE_CONSERVATIVE,
            After::Double { days: 3 },
            "Braze docs, “IP warming” (email setup)",
            "Three days at each level for 21 days, then double every 3 days.",
        ),
        P::BrazeModerate => s(
            Unit::Daily,
            &BRAZE_MODERATE,
            After::Hold,
            "Braze docs, “IP warming” (email setup)",
            "21 days to 1M a day; Braze says to continue scaling, without a rule, so the last value holds.",
        ),
        P::BrazeAggressive => s(
            Unit::Daily,
            &BRAZE_AGGRESSIVE,
            After::Double { days: 1 },
            "Braze docs, “IP warming” (email setup)",
            "17 days to 4M a day, then double daily.",
        ),
        P::KumoConservative => s(
            Unit::Daily,
            &KUMO_CONSERVATIVE,
            After::Warm,
            "KumoMTA policy-extras warmup.toml, schedule.conservative",
            "About 30 days; KumoMTA's default for new dedicated IPs on permission lists.",
        ),
        P::KumoAggressive => s(
            Unit::Daily,
            &KUMO_AGGRESSIVE,
            After::Warm,
            "KumoMTA policy-extras warmup.toml, schedule.aggressive",
            "About 14 days; only with strong existing domain reputation.",
        ),
        P::KumoTransactional => s(
            Unit::Daily,
            &KUMO_TRANSACTIONAL,
            After::Warm,
            "KumoMTA policy-extras warmup.toml, schedule.transactional",
            "About 21 days, for opt-in transactional and lifecycle mail.",
        ),
        P::SalesforceWeekly => s(
            Unit::Weekly,
            &SALESFORCE,
            After::Hold,
            "Salesforce Trailhead, “Build your IP reputation” (send management in Marketing Cloud)",
            "A daily cap per week: 50k in week 1, doubling to 1.6M from week 6 on.",
        ),
        P::Mailtrap => s(
            Unit::Daily,
            &MAILTRAP,
            After::Warm,
            "Mailtrap help, “IP warmup” (help.mailtrap.io article 98)",
            "21 days at about +30% a day.",
        ),
        P::AmazonSes => s(
            Unit::Daily,
            &SES,
            After::Warm,
            "Amazon SES developer guide, “Dedicated IP warming”, and the 2017 launch note",
            "Time-based: the daily maximum climbs to 50,000 over 45 days, whatever days you send; this calendar counts sending days, so with days off its dates run later than SES's. SES publishes no table per day; this ramp is derived, geometric from 200 to 50,000 (see the model card).",
        ),
        P::Custom => None,
    }
}

/// Amazon SES's time-based ramp reaches 50,000 a day on day 45 but has no
/// published table per day. This one is derived: 200 · 250^(day/44), rounded
/// to two significant figures, written out so every build agrees.
const SES: [u64; 45] = [
    200, 230, 260, 290, 330, 380, 430, 480, 550, 620, 700, 800, 900, 1_000, 1_200, 1_300, 1_500,
    1_700, 1_900, 2_200, 2_500, 2_800, 3_200, 3_600, 4_100, 4_600, 5_200, 5_900, 6_700, 7_600,
    8_600, 9_800, 11_000, 13_000, 14_000, 16_000, 18_000, 21_000, 24_000, 27_000, 30_000, 34_000,
    39_000, 44_000, 50_000,
];

/// The daily cap on sending day `step` (from 0) of a published schedule;
/// `None` once the schedule leaves the lane warm.
pub fn daily_cap(schedule: &Schedule, step: u32) -> Option<u64> {
    let index = match schedule.unit {
        Unit::Weekly => step / 7,
        Unit::Daily | Unit::Hourly => step,
    } as usize;
    let per_unit = |v: u64| match schedule.unit {
        Unit::Hourly => v.saturating_mul(24),
        Unit::Daily | Unit::Weekly => v,
    };
    if let Some(&value) = schedule.values.get(index) {
        return Some(per_unit(value));
    }
    let last = per_unit(*schedule.values.last()?);
    match schedule.after {
        After::Warm => None,
        After::Hold => Some(last),
        After::Double { days } => {
            let beyond = index as u32 + 1 - schedule.values.len() as u32;
            let doublings = beyond.div_ceil(days.max(1)).min(40);
            Some(last.saturating_mul(1u64 << doublings))
        }
    }
}

/// The last daily cap of a schedule that ends (`After::Warm`); `None` for
/// one that goes on holding or doubling.
pub fn final_cap(schedule: &Schedule) -> Option<u64> {
    last_daily(schedule).filter(|_| schedule.after == After::Warm)
}

/// The daily cap a schedule that holds its last value (`After::Hold`)
/// keeps for good; `None` for one that ends or goes on growing.
pub fn held_cap(schedule: &Schedule) -> Option<u64> {
    last_daily(schedule).filter(|_| schedule.after == After::Hold)
}

/// The schedule's last row as a daily cap.
fn last_daily(schedule: &Schedule) -> Option<u64> {
    let last = *schedule.values.last()?;
    Some(match schedule.unit {
        Unit::Hourly => last.saturating_mul(24),
        Unit::Daily | Unit::Weekly => last,
    })
}

/// The daily cap on sending day `step` of a custom ramp: `start` growing by
/// `growth_percent` a day, each level held `hold_days` days, up to `cap`
/// (0 means no ceiling); the lane is warm once the ramp reaches `cap`.
pub fn custom_cap(
    start: u64,
    growth_percent: u32,
    hold_days: u32,
    cap: u64,
    step: u32,
) -> Option<u64> {
    let levels = step / hold_days.max(1);
    let mut value = start.max(1);
    if growth_percent == 0 {
        // Each level adds one message, so the ramp is a sum.
        value = value.saturating_add(u64::from(levels));
        return (cap == 0 || value < cap).then_some(value);
    }
    for _ in 0..levels {
        if value == u64::MAX {
            // Saturated: no level grows it further.
            break;
        }
        let next = value.saturating_mul(100 + u64::from(growth_percent)) / 100;
        value = next.max(value.saturating_add(1));
        if cap > 0 && value >= cap {
            return None;
        }
    }
    if cap > 0 && value >= cap {
        return None;
    }
    Some(value)
}
