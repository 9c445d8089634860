//! "Should you split at all?": the guidance's five situations in which
//! separate lanes pay off, weighed with the plan's own numbers, and which
//! lanes to start with.

use serde::{Deserialize, Serialize};

use crate::plan::model::{Cadence, Intent, LaneStatus, Plan, Purpose, Trigger};
use crate::units::{count, group};

/// Daily volume under which every extra lane thins the mail each domain
/// builds its reputation on.
pub const SMALL_PROGRAM_DAILY: u64 = 2_000;
/// VIP mail per day that justifies a lane of its own.
pub const VIP_LANE_DAILY: u64 = 1_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    No,
    Some,
    Strong,
}

impl Strength {
    pub fn label(self) -> &'static str {
        match self {
            Strength::No => "Does not apply",
            Strength::Some => "Applies somewhat",
            Strength::Strong => "Applies",
        }
    }
}

/// One of the guidance's situations, judged from the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Situation {
    pub title: String,
    pub strength: Strength,
    /// The plan's numbers behind the judgement.
    pub evidence: String,
}

/// A lane to start with, and whether the plan has one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub purpose: Purpose,
    pub why: String,
    pub in_plan: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub situations: Vec<Situation>,
    pub split: bool,
    pub verdict: String,
    /// In the order to set them up.
    pub start_with: Vec<Suggestion>,
    /// Lanes the plan has that the numbers do not call for.
    pub remarks: Vec<String>,
}

fn percent(part: f64, whole: f64) -> u64 {
    if whole > 0.0 {
        (part * 100.0 / whole).round() as u64
    } else {
        0
    }
}

/// The assessment of the plan as it stands.
pub fn assess(plan: &Plan) -> Assessment {
    let volume = |f: fn(Intent) -> bool| -> u64 {
        plan.journeys
            .iter()
            .filter(|j| f(j.intent))
            .map(|j| u64::from(j.daily_volume))
            .sum()
    };
    let revenue = |f: fn(Intent) -> bool| -> f64 {
        plan.journeys
            .iter()
            .filter(|j| f(j.intent))
            .map(|j| f64::from(j.daily_volume) * j.revenue_per_recipient)
            .sum()
    };
    let total = plan.total_daily_volume();
    let promo = volume(Intent::is_broadcast);
    let frequent = plan.journeys.iter().any(|j| {
        j.intent.is_broadcast()
            && matches!(
                j.trigger,
                Trigger::Scheduled {
                    cadence: Cadence::Daily | Cadence::SeveralPerWeek
                }
            )
    });
    let promo_share = percent(promo as f64, total as f64);
    let promo_strength = if promo_share >= 50 || frequent {
        Strength::Strong
    } else if promo_share >= 25 {
        Strength::Some
    } else {
        Strength::No
    };
    let all_revenue = revenue(|_| true);
    let recovery_share = percent(revenue(Intent::is_recovery), all_revenue);
    let has_recovery = volume(Intent::is_recovery) > 0;
    let recovery_strength = match recovery_share {
        _ if !has_recovery => Strength::No,
        20.. => Strength::Strong,
        _ => Strength::Some,
    };
    let transactional = volume(Intent::is_transactional);
    let vip = volume(|i| i == Intent::VipOffer);
    let migrating =
        plan.checklist.migrating_esp || plan.lanes.iter().any(|l| l.purpose == Purpose::Migration);
    let situations = vec![
        Situation {
            title: "Your promo volume is high".to_string(),
            strength: promo_strength,
            evidence: format!(
                "Promotions are {} of {} messages a day ({promo_share}%){}.",
                group(promo),
                group(total),
                if frequent {
                    ", sent daily or several times a week"
                } else {
                    ""
                }
            ),
        },
        Situation {
            title: "You rely heavily on cart recovery".to_string(),
            strength: recovery_strength,
            evidence: if has_recovery {
                format!("Cart and checkout recovery bring {recovery_share}% of the revenue the journeys earn.")
            } else {
                "No cart or checkout recovery journeys.".to_string()
            },
        },
        Situation {
            title: "You send true transactional email".to_string(),
            strength: if transactional > 0 {
                Strength::Strong
            } else {
                Strength::No
            },
            evidence: format!(
                "{} receipts, shipping updates and login messages a day.",
                group(transactional)
            ),
        },
        Situation {
            title: "You segment VIP customers".to_string(),
            strength: match vip {
                0 => Strength::No,
                v if v >= VIP_LANE_DAILY => Strength::Strong,
                _ => Strength::Some,
            },
            evidence: format!(
                "{} a day (a lane of its own pays from about {}).",
                count(vip, "VIP offer", "VIP offers"),
                group(VIP_LANE_DAILY)
            ),
        },
        Situation {
            title: "You are migrating ESPs".to_string(),
            strength: if migrating {
                Strength::Strong
            } else {
                Strength::No
            },
            evidence: if migrating {
                "The plan says the brand is moving ESPs.".to_string()
            } else {
                "Not marked as a migration.".to_string()
            },
        },
    ];
    let has_lane = |p: Purpose| plan.lanes.iter().any(|l| l.purpose == p);
    let mut start_with = Vec::new();
    let mut suggest = |purpose: Purpose, why: String| {
        start_with.push(Suggestion {
            purpose,
            why,
            in_plan: has_lane(purpose),
        })
    };
    let marketing = promo > 0 || vip > 0;
    if has_recovery && marketing {
        suggest(Purpose::RevenueFlows, "Move cart, checkout and post-purchase flows off the promotional sender first: that protects the revenue most exposed to promotion complaints.".to_string());
    }
    if transactional > 0 && (marketing || has_recovery) {
        suggest(Purpose::Transactional, "Put receipts, shipping updates and login codes on a small lane of their own, out of reach of marketing complaints and unsubscribes.".to_string());
    }
    if marketing {
        // Advice to stay on a warm domain would contradict a plan that
        // already moves promotions to a lane still warming up.
        let promo_warming = plan.lanes.iter().any(|l| {
            l.purpose == Purpose::Promotional
                && matches!(l.status, LaneStatus::New | LaneStatus::Warming)
        });
        suggest(Purpose::Promotional, if promo_warming {
            "Promotions are on a lane still warming up in this plan: keep its engagement filter strict and its volume on the warm-up schedule, since it is the biggest lane to warm."
        } else {
            "Keep promotions on the established, warm domain, with engagement filters, so the new lanes are the small ones that must warm up."
        }.to_string());
    }
    if vip >= VIP_LANE_DAILY {
        suggest(
            Purpose::Vip,
            "The VIP programme is big enough to earn a lane that can send more often.".to_string(),
        );
    }
    if migrating {
        suggest(Purpose::Migration, "Ramp the new ESP's lanes gradually while the old one carries the rest, instead of moving everything to a cold domain at once.".to_string());
    }
    let kinds = [promo > 0, has_recovery, transactional > 0]
        .iter()
        .filter(|k| **k)
        .count();
    let strong = situations
        .iter()
        .filter(|s| s.strength == Strength::Strong)
        .count();
    let split = kinds >= 2 && strong >= 1;
    let verdict = if total == 0 {
        "Add the journeys and their volumes to weigh the split.".to_string()
    } else if !split {
        "One well-authenticated lane is enough for now: the mail is not mixed enough for separate reputations to pay for the work. Revisit when promotions grow.".to_string()
    } else if total < SMALL_PROGRAM_DAILY {
        format!("Split into two lanes at most: at {} messages a day, more lanes thin the volume each domain builds its reputation on.", group(total))
    } else {
        let n = start_with.len().clamp(2, 3);
        let verb = if strong == 1 { "applies" } else { "apply" };
        let strong = ["no", "one", "two", "three", "four", "five"]
            .get(strong)
            .unwrap_or(&"all");
        format!("Split: {strong} of the five situations clearly {verb}. Start with {n} lanes, in the order below.")
    };
    let mut remarks = Vec::new();
    for lane in &plan.lanes {
        if lane.purpose == Purpose::Vip && vip < VIP_LANE_DAILY {
            remarks.push(format!("{} is a VIP lane for {} messages a day; it may not send enough to keep a reputation of its own.", lane.name, group(vip)));
        }
        if lane.status == LaneStatus::New && !split {
            remarks.push(format!(
                "{} is a new lane the numbers do not yet call for.",
                lane.name
            ));
        }
    }
    Assessment {
        situations,
        split,
        verdict,
        start_with,
        remarks,
    }
}
