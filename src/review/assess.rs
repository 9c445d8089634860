//! "Should you split at all?": the guidance's five situations in which
//! separate lanes pay off, weighed with the plan's own numbers, and which
//! lanes to start with.

use serde::{Deserialize, Serialize};

use crate::plan::model::{Cadence, Intent, LaneStatus, Plan, Purpose, Trigger};
use crate::units::{count, group, percent};

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
    /// The names of the plan's lanes of this purpose.
    #[serde(default)]
    pub lanes: Vec<String>,
}

impl Suggestion {
    /// Whether the plan has a lane of this purpose.
    pub fn in_plan(&self) -> bool {
        !self.lanes.is_empty()
    }

    /// "in the plan", "in the plan as Promotions", "not in the plan yet":
    /// the lanes named where their names are not the purpose's.
    pub fn where_words(&self) -> String {
        let label = self.purpose.label();
        match self.lanes.as_slice() {
            [] => "not in the plan yet".to_string(),
            names if names.iter().all(|n| n.trim().eq_ignore_ascii_case(label)) => {
                "in the plan".to_string()
            }
            names => format!("in the plan as {}", crate::units::and_list(names)),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// The five situations judged; none while the plan has no mail.
    pub situations: Vec<Situation>,
    pub split: bool,
    pub verdict: String,
    /// In the order to set them up.
    pub start_with: Vec<Suggestion>,
    /// Lanes the plan has that the numbers do not call for.
    pub remarks: Vec<String>,
}

/// `part`'s share of `whole` in percent; 0 of nothing.
fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        part * 100.0 / whole
    } else {
        0.0
    }
}

/// The plan's mail by kind, the numbers every judgement below reads.
struct Mix {
    total: u64,
    promo: u64,
    /// Promotions go out daily or several times a week.
    frequent: bool,
    /// Promotions' share of the daily volume, in %.
    promo_share: f64,
    has_recovery: bool,
    /// Recovery's share of the revenue the journeys earn, in %.
    recovery_share: f64,
    transactional: u64,
    vip: u64,
    migrating: bool,
    /// Whether the plan says the brand is moving ESPs, rather than only
    /// having a lane whose purpose is migration.
    said_migrating: bool,
    /// A migration the plan holds between lanes on two providers, in
    /// words: mail is moving ESPs whatever the tick box says.
    moving: Option<String>,
}

impl Mix {
    fn of(plan: &Plan) -> Mix {
        // The mail of a usual day: a one-off's send is no day's.
        let daily = || plan.journeys.iter().filter(|j| !j.is_one_off());
        let volume = |f: fn(Intent) -> bool| -> u64 {
            let picked = daily().filter(|j| f(j.intent));
            picked.map(|j| u64::from(j.daily_volume)).sum()
        };
        let revenue = |f: fn(Intent) -> bool| -> f64 {
            let picked = daily().filter(|j| f(j.intent));
            picked
                .map(|j| f64::from(j.daily_volume) * j.revenue_per_recipient)
                .sum()
        };
        let total = volume(|_| true);
        let promo = volume(Intent::is_broadcast);
        Mix {
            total,
            promo,
            // A broadcast that sends nothing is not frequent promotion.
            frequent: plan.journeys.iter().any(|j| {
                j.intent.is_broadcast()
                    && j.daily_volume > 0
                    && matches!(
                        j.trigger,
                        Trigger::Scheduled {
                            cadence: Cadence::Daily | Cadence::SeveralPerWeek,
                            ..
                        }
                    )
            }),
            promo_share: share(promo as f64, total as f64),
            has_recovery: volume(Intent::is_recovery) > 0,
            recovery_share: share(revenue(Intent::is_recovery), revenue(|_| true)),
            transactional: volume(Intent::is_transactional),
            vip: volume(|i| i == Intent::VipOffer),
            migrating: plan.checklist.migrating_esp
                || plan.lanes.iter().any(|l| l.purpose == Purpose::Migration),
            said_migrating: plan.checklist.migrating_esp,
            moving: moving_esps(plan),
        }
    }

    fn marketing(&self) -> bool {
        self.promo > 0 || self.vip > 0
    }
}

/// The assessment of the plan as it stands.
pub fn assess(plan: &Plan) -> Assessment {
    let mix = Mix::of(plan);
    // Without mail there is nothing to judge, and "does not apply" five
    // times over would read as a verdict.
    let situations = if mix.total == 0 {
        Vec::new()
    } else {
        situations(&mix)
    };
    let kinds = [mix.promo > 0, mix.has_recovery, mix.transactional > 0]
        .iter()
        .filter(|k| **k)
        .count();
    let strong = situations
        .iter()
        .filter(|s| s.strength == Strength::Strong)
        .count();
    let split = kinds >= 2 && strong >= 1;
    let start_with = suggestions(plan, &mix);
    Assessment {
        verdict: verdict(&mix, split, strong, start_with.len()),
        remarks: remarks(plan, &mix, split),
        situations,
        split,
        start_with,
    }
}

/// The guidance's five situations, each judged from the plan's numbers.
fn situations(mix: &Mix) -> Vec<Situation> {
    vec![
        promo_volume(mix),
        recovery(mix),
        Situation {
            title: "You send true transactional email".to_string(),
            strength: strong_if(mix.transactional > 0),
            evidence: format!(
                "{} receipts, shipping updates and login messages a day.",
                group(mix.transactional)
            ),
        },
        Situation {
            title: "You segment VIP customers".to_string(),
            strength: match mix.vip {
                0 => Strength::No,
                v if v >= VIP_LANE_DAILY => Strength::Strong,
                _ => Strength::Some,
            },
            evidence: format!(
                "{} a day (a lane of its own pays from about {}).",
                count(mix.vip, "VIP offer", "VIP offers"),
                group(VIP_LANE_DAILY)
            ),
        },
        Situation {
            title: "You are migrating ESPs".to_string(),
            strength: strong_if(mix.migrating || mix.moving.is_some()),
            evidence: match (mix.said_migrating, mix.migrating, &mix.moving) {
                (true, _, _) => "The plan says the brand is moving ESPs.".to_string(),
                (false, _, Some(moving)) => moving.clone(),
                (false, true, None) => "A lane's purpose is Migration: mail is moving off a server, though the plan does not say the brand is moving ESPs.".to_string(),
                (false, false, None) => "Not marked as a migration.".to_string(),
            },
        },
    ]
}

/// The first migration whose lanes are on two providers, in words.
fn moving_esps(plan: &Plan) -> Option<String> {
    plan.migrations.iter().find_map(|m| {
        let (from, to) = (plan.lane(&m.from_lane)?, plan.lane(&m.to_lane)?);
        let (old, new) = (from.smtp.provider, to.smtp.provider);
        (old != new).then(|| {
            format!(
                "A migration moves mail from {} on {} to {} on {}.",
                from.name,
                old.label(),
                to.name,
                new.label()
            )
        })
    })
}

fn strong_if(applies: bool) -> Strength {
    match applies {
        true => Strength::Strong,
        false => Strength::No,
    }
}

fn promo_volume(mix: &Mix) -> Situation {
    let strength = match mix.promo_share {
        _ if mix.frequent => Strength::Strong,
        s if s >= 50.0 => Strength::Strong,
        s if s >= 25.0 => Strength::Some,
        _ => Strength::No,
    };
    let cadence = match mix.frequent {
        true => ", sent daily or several times a week",
        false => "",
    };
    Situation {
        title: "Your promo volume is high".to_string(),
        strength,
        evidence: format!(
            "Promotions are {} of {} messages a day ({}%){cadence}.",
            group(mix.promo),
            group(mix.total),
            percent(mix.promo_share)
        ),
    }
}

fn recovery(mix: &Mix) -> Situation {
    // Recovery that earns nothing, or too little to show, is no reliance:
    // the criterion applies only with revenue behind it.
    let earns = mix.has_recovery && percent(mix.recovery_share) != percent(0.0);
    let strength = match mix.recovery_share {
        _ if !earns => Strength::No,
        s if s >= 20.0 => Strength::Strong,
        _ => Strength::Some,
    };
    let evidence = match (mix.has_recovery, earns) {
        (true, true) => format!(
            "Cart and checkout recovery bring {}% of the revenue the journeys earn.",
            percent(mix.recovery_share)
        ),
        (true, false) => "Cart and checkout recovery journeys earn no revenue in the plan: give them a revenue per recipient to weigh them.".to_string(),
        (false, _) => "No cart or checkout recovery journeys.".to_string(),
    };
    Situation {
        title: "You rely heavily on cart recovery".to_string(),
        strength,
        evidence,
    }
}

/// The lanes to set up, in order, each with why and whether the plan has it.
fn suggestions(plan: &Plan, mix: &Mix) -> Vec<Suggestion> {
    let mut start_with: Vec<(Purpose, &str)> = Vec::new();
    if mix.has_recovery && mix.marketing() {
        start_with.push((Purpose::RevenueFlows, "Move cart, checkout and post-purchase flows off the promotional sender first: that protects the revenue most exposed to promotion complaints."));
    }
    if mix.transactional > 0 && (mix.marketing() || mix.has_recovery) {
        start_with.push((Purpose::Transactional, "Put receipts, shipping updates and login codes on a small lane of their own, out of reach of marketing complaints and unsubscribes."));
    }
    if mix.marketing() {
        start_with.push((Purpose::Promotional, promotional_advice(plan)));
    }
    if mix.vip >= VIP_LANE_DAILY {
        start_with.push((
            Purpose::Vip,
            "The VIP programme is big enough to earn a lane that can send more often.",
        ));
    }
    if mix.migrating || mix.moving.is_some() {
        start_with.push((Purpose::Migration, "Ramp the new ESP's lanes gradually while the old one carries the rest, instead of moving everything to a cold domain at once."));
    }
    // A migration the plan holds ramps the lane it moves mail to, as a
    // lane whose purpose is migration would.
    let migrating_to = (plan.migrations.iter()).filter_map(|m| plan.lane(&m.to_lane));
    let lanes = |p: Purpose| -> Vec<String> {
        let mut names: Vec<String> = (plan.lanes.iter())
            .filter(|l| l.purpose == p)
            .chain(migrating_to.clone().filter(|_| p == Purpose::Migration))
            .map(|l| l.name.clone())
            .collect();
        names.dedup();
        names
    };
    start_with
        .into_iter()
        .map(|(purpose, why)| Suggestion {
            purpose,
            why: why.to_string(),
            lanes: lanes(purpose),
        })
        .collect()
}

/// Where promotions should go. Advice to stay on a warm domain would
/// contradict a plan that already moves promotions to a lane still
/// warming up.
fn promotional_advice(plan: &Plan) -> &'static str {
    // A paused lane with a warm-up plan is still to warm when it resumes.
    let promo_warming = plan.lanes.iter().any(|l| {
        l.purpose == Purpose::Promotional
            && match l.status {
                LaneStatus::New | LaneStatus::Warming => true,
                LaneStatus::Paused => l.warmup.is_some(),
                LaneStatus::Warm => false,
            }
    });
    match promo_warming {
        true => "Promotions are on a lane still warming up in this plan: keep its engagement filter strict and its volume on the warm-up schedule, since it is the biggest lane to warm.",
        false => "Keep promotions on the established, warm domain, with engagement filters, so the new lanes are the small ones that must warm up.",
    }
}

/// The verdict in a sentence: whether to split, and into how many lanes.
fn verdict(mix: &Mix, split: bool, strong: usize, suggested: usize) -> String {
    if mix.total == 0 {
        "Add the journeys and their volumes to weigh the split.".to_string()
    } else if !split {
        "One well-authenticated lane is enough for now: the mail is not mixed enough for separate reputations to pay for the work. Revisit when promotions grow.".to_string()
    } else if mix.total < SMALL_PROGRAM_DAILY {
        format!("Split into two lanes at most: at {} messages a day, more lanes thin the volume each domain builds its reputation on.", group(mix.total))
    } else {
        // The guidance maps the mail into two or three lanes; more
        // suggestions follow once those are warm.
        let n = suggested.clamp(2, 3);
        let start = match suggested > n {
            true => format!(
                "the first {n} lanes below, in order; the others can follow once those are warm"
            ),
            false => format!("{n} lanes, in the order below"),
        };
        let verb = if strong == 1 { "applies" } else { "apply" };
        let strong = ["no", "one", "two", "three", "four", "five"]
            .get(strong)
            .unwrap_or(&"all");
        format!("Split: {strong} of the five situations clearly {verb}. Start with {start}.")
    }
}

/// Lanes the plan has that its numbers do not call for. A plan's only
/// lane is the one lane the verdict keeps, and a plan without mail has no
/// numbers to call for anything.
fn remarks(plan: &Plan, mix: &Mix, split: bool) -> Vec<String> {
    let mut remarks = Vec::new();
    let weighed = plan.lanes.len() > 1 && mix.total > 0;
    // A VIP lane is weighed by the mail routed to it, as its column shows,
    // whatever the journeys' intents.
    let vip_lanes = plan.lanes.iter().any(|l| l.purpose == Purpose::Vip);
    let loads = match vip_lanes {
        true => crate::plan::routing::lane_loads(plan, &crate::plan::routing::route(plan)),
        false => Vec::new(),
    };
    for lane in &plan.lanes {
        let carried = (loads.iter())
            .find(|l| l.lane_id.as_deref() == Some(lane.id.as_str()))
            .map_or(0, |l| l.daily_volume);
        if lane.purpose == Purpose::Vip && carried < VIP_LANE_DAILY {
            remarks.push(format!("{} is a VIP lane for {} messages a day; it may not send enough to keep a reputation of its own.", lane.name, group(carried)));
        }
        if lane.status == LaneStatus::New && !split && weighed {
            remarks.push(format!(
                "{} is a new lane the numbers do not yet call for.",
                lane.name
            ));
        }
    }
    remarks
}
