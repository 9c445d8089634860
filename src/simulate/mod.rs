//! The reputation simulator: day by day, per lane and mailbox provider,
//! the mail the routed journeys want, what the warm-up cap lets through,
//! complaints and bounces by engagement cohort, reputation with asymmetric
//! smoothing, inbox placement by reputation tier, and revenue. Every
//! equation and default is in `docs/reputation-model.md`.
//!
//! This file holds the model's types and runs the days; `flows` turns
//! journeys into each lane's daily mail, `lane` runs one lane's day and
//! `day` one day of every lane.
//!
//! Only `+ - * /` and comparisons on `f64`: no library maths, so the native
//! and Wasm builds compute the same bits.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::plan::model::{Audience, Intent, Mailbox, Plan};
use crate::plan::routing::Routing;
use crate::warmup::calendar::date;
use day::{Handed, Simulation};
use flows::Ledger;
use lane::LaneState;

mod day;
mod flows;
mod lane;
pub mod migration;
mod scenario;
pub use flows::promotions_left_out;
pub use scenario::{
    from_plan, paused_unsent, simulate_single_lane, simulate_with_one_lane, single_lane,
    single_lane_warm,
};

/// Mailbox providers' names, in the order of every per-provider array.
pub const PROVIDERS: [&str; 5] = [
    Mailbox::Gmail.label(),
    Mailbox::Yahoo.label(),
    Mailbox::Microsoft.label(),
    Mailbox::Apple.label(),
    Mailbox::Other.label(),
];
const GMAIL: usize = Mailbox::Gmail.slot();

/// The model's parameters; `Default` holds the card's values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub start_date: String,
    pub days: u32,
    /// Share of recipients at each provider, summing to 1.
    pub mix: [f64; 5],
    /// Complaint and hard-bounce rates per cohort (30, 60, 90 days, all).
    pub complaint_rate: [f64; 4],
    pub bounce_rate: [f64; 4],
    /// Smoothing when reputation falls and when it recovers.
    pub a_down: f64,
    pub a_up: f64,
    /// Days before complaints reach the reputation.
    pub complaint_lag: u32,
    /// Weight of the organisation's shared reputation in a lane's own.
    pub shared_weight: f64,
    /// Reputation of a warm lane and of a new one on day 1.
    pub warm_reputation: f64,
    pub cold_reputation: f64,
    /// A clean day: delivered over, complaints and bounces under these.
    pub gate_delivered: f64,
    pub gate_complaints: f64,
    pub gate_bounces: f64,
    /// What-if knobs: promotional volume (1 = as planned), the least
    /// engaged cohort promotions may mail, all complaint rates.
    pub promo_frequency: f64,
    pub promo_audience: Audience,
    pub complaint_multiplier: f64,
    /// The days imported delivery data failed each lane's health gates, by
    /// lane id, as ISO dates: a ramp holds the next sending day after each,
    /// as after a day the run fails. Not the model's to choose, so no
    /// default holds any.
    #[serde(default)]
    pub failed_gates: Vec<(String, Vec<String>)>,
}

impl Settings {
    /// Whether imported delivery data failed lane `lane`'s gates on `date`.
    pub fn failed_on(&self, lane: &str, date: &str) -> bool {
        (self.failed_gates.iter()).any(|(id, days)| id == lane && days.iter().any(|d| d == date))
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            start_date: String::new(),
            days: 90,
            mix: [0.45, 0.15, 0.20, 0.12, 0.08],
            complaint_rate: [0.0002, 0.0005, 0.0012, 0.0035],
            bounce_rate: [0.002, 0.004, 0.008, 0.025],
            a_down: 0.65,
            a_up: 0.93,
            complaint_lag: 2,
            shared_weight: 0.3,
            warm_reputation: 0.85,
            cold_reputation: 0.7,
            gate_delivered: 0.90,
            gate_complaints: 0.001,
            gate_bounces: 0.02,
            promo_frequency: 1.0,
            promo_audience: Audience::All,
            complaint_multiplier: 1.0,
            failed_gates: Vec::new(),
        }
    }
}

/// Reputation tiers as Google Postmaster Tools names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tier {
    High,
    Medium,
    Low,
    Bad,
}

impl Tier {
    pub fn of(reputation: f64) -> Tier {
        if reputation >= 0.8 {
            Tier::High
        } else if reputation >= 0.6 {
            Tier::Medium
        } else if reputation >= 0.35 {
            Tier::Low
        } else {
            Tier::Bad
        }
    }

    /// The tier's name, as Postmaster Tools gives it.
    pub fn label(self) -> &'static str {
        match self {
            Tier::High => "High",
            Tier::Medium => "Medium",
            Tier::Low => "Low",
            Tier::Bad => "Bad",
        }
    }

    /// The share of delivered mail that reaches the inbox.
    pub fn inbox(self) -> f64 {
        match self {
            Tier::High => 0.96,
            Tier::Medium => 0.85,
            Tier::Low => 0.55,
            Tier::Bad => 0.15,
        }
    }
}

/// Why a lane's fallback plan fired.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Trigger {
    TierLow,
    Complaints,
    Bounces,
}

impl Trigger {
    /// Why, in words.
    pub fn label(self) -> &'static str {
        match self {
            Trigger::TierLow => "reputation fell to Low",
            Trigger::Complaints => "complaint rate over its line",
            Trigger::Bounces => "bounce rate over its line",
        }
    }
}

/// What the fallback plan does once fired.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    PausePromotions,
    ShiftTo(String),
    TightenTo30Days,
}

/// A lane's fallback plan for the simulation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fallback {
    pub lane_id: String,
    pub action: Action,
    /// Complaint and bounce rates that fire it when a day reaches them, as
    /// monitoring's action lines do; a Low tier always does.
    pub complaints_at: f64,
    pub bounces_at: f64,
}

/// One lane on one day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LaneDay {
    pub date: String,
    /// Whether the lane sends today; a day without sending keeps deferred
    /// mail for the next.
    pub sending: bool,
    /// Mail wanted today: the day's own, with what a fired fallback holds
    /// back or shifts, the mail deferred from earlier days and the mail
    /// other lanes hand on. It is accepted, waiting, lost or passed on.
    pub requested: f64,
    /// The part of `requested` deferred from earlier days, which a table
    /// of the days would otherwise count again each day it waits.
    pub deferred: f64,
    /// The parts of `requested` other lanes handed on, each from its lane:
    /// spilled over their caps or shifted by their fallbacks. Their rows
    /// count it as passed on, so the plan's mail is counted once.
    pub passed_in: Vec<PassedIn>,
    /// Mail handed on to other lanes today, which they send.
    pub passed_on: Vec<PassedOn>,
    pub cap: Option<f64>,
    pub accepted: f64,
    /// Mail deferred to the next sending day, as the day ends; on the
    /// run's last day also mail other lanes handed the lane after its turn,
    /// which it would take the next day.
    pub waiting: f64,
    /// Mail deferred from earlier days that went out today, and the most
    /// days any of it waited, oldest first in each cohort.
    pub sent_late: f64,
    pub days_late: u32,
    /// Mail the day let go for good: suppressed over the cap, wanted on a
    /// day without sending when nothing is deferred, or `withheld`.
    pub lost: f64,
    /// Mail a fired fallback kept from sending today: promotions paused
    /// or shifted to a lane the plan lacks, or the part of a broader
    /// audience beyond its 30-day engagers.
    pub withheld: f64,
    pub delivered: f64,
    pub inbox: f64,
    pub revenue: f64,
    /// Revenue from cart, checkout and post-purchase journeys.
    pub revenue_flows: f64,
    pub complaint_rate: f64,
    /// The complaint rate that became known today, of mail sent days
    /// earlier (`Settings::complaint_lag`): the figure the complaints gate
    /// and the reputation read, not today's own.
    #[serde(default)]
    pub known_complaint_rate: f64,
    pub bounce_rate: f64,
    /// Reputation per provider, after today.
    pub reputation: [f64; 5],
    /// Gmail refuses mitigation until 7 days in a row under 0.3%.
    pub gmail_ineligible: bool,
    pub triggered: Option<Trigger>,
    /// The health gate the day failed, which holds a warm-up's ramp at
    /// today's step; `None` on a clean day or a day without sending.
    pub held_by: Option<Gate>,
    /// What held a move's split onto the lane today, apart from the run's
    /// own gates: one of its hold dates, or a day imported delivery data
    /// failed the lane's gates; `None` on other days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_held: Option<MoveHold>,
    /// Whether imported delivery data failed the lane's gates today, so
    /// its ramp holds the next sending day.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub imported_failed: bool,
}

/// Why a move's split held on a day of its new lane.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveHold {
    /// One of the move's hold dates: the split stays as it was.
    HoldDate,
    /// Imported delivery data failed the lane's gates on this date, so the
    /// ramp repeats that day's step.
    Imported(String),
}

impl LaneDay {
    /// The mail handed on to other lanes today.
    pub fn passed_out(&self) -> f64 {
        self.passed_on.iter().map(|p| p.volume).sum()
    }

    /// The mail other lanes handed the lane.
    pub fn handed_in(&self) -> f64 {
        self.passed_in.iter().map(|p| p.volume).sum()
    }
}

/// Mail a lane hands on to another lane on a day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PassedOn {
    pub lane_id: String,
    pub volume: f64,
    pub why: Passing,
}

/// Mail a lane took from another lane, which that lane's row passes on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PassedIn {
    /// The lane it came from.
    pub lane_id: String,
    /// The day that lane passed it on: the day before when it did so
    /// after this lane's turn.
    pub on: String,
    pub volume: f64,
    pub why: Passing,
}

/// Why mail leaves a lane for another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Passing {
    /// Over the warm-up's cap, into its spill lane.
    Spilled,
    /// Promotions a fired fallback shifts to another lane.
    Shifted,
}

impl Passing {
    /// How the mail left, in words.
    pub fn label(self) -> &'static str {
        match self {
            Passing::Spilled => "spilled",
            Passing::Shifted => "shifted",
        }
    }
}

/// A health gate of the warm-up: the ramp advances only after a sending
/// day that passes all three.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gate {
    Delivered,
    Complaints,
    Bounces,
}

impl Gate {
    /// Why the ramp holds, in words.
    pub fn label(self) -> &'static str {
        match self {
            Gate::Delivered => "delivered share under its gate",
            Gate::Complaints => "complaints known today over their gate",
            Gate::Bounces => "bounces over their gate",
        }
    }
}

/// A reputation per provider over the providers, weighed by the brand's
/// `mix`: what a fallback's tier watches and the page shows.
pub fn blended(mix: &[f64; 5], reputation: &[f64; 5]) -> f64 {
    (0..5).map(|p| mix[p] * reputation[p]).sum()
}

/// A lane's days.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LaneRun {
    pub lane_id: String,
    pub days: Vec<LaneDay>,
    /// The first day the fallback fired, if it did.
    pub fallback_on: Option<String>,
}

impl LaneRun {
    pub fn total(&self, pick: fn(&LaneDay) -> f64) -> f64 {
        self.days.iter().map(pick).sum()
    }
}

/// A whole run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Run {
    pub lanes: Vec<LaneRun>,
}

impl Run {
    pub fn total(&self, pick: fn(&LaneDay) -> f64) -> f64 {
        self.lanes.iter().map(|l| l.total(pick)).sum()
    }
}

/// Journeys moving from one lane to another from a date: on a ramp, the
/// new lane takes what its warm-up cap leaves room for, most engaged
/// cohort first, and the rest stays on the old lane; in a cutover it takes
/// everything on the first day.
#[derive(Clone, Debug, PartialEq)]
pub struct Move {
    pub journeys: Vec<String>,
    pub from_lane: String,
    pub to_lane: String,
    pub start: NaiveDate,
    /// Days the ramp holds: the new lane's share stays as it was.
    pub hold: Vec<NaiveDate>,
    /// Days imported delivery data failed the new lane's health gates:
    /// its ramp holds the next sending day, as after a day the run fails.
    pub failed: Vec<NaiveDate>,
    pub cutover: bool,
    /// The new lane's cap that completes the move (`completes_at`): from
    /// then on all the moved mail is the new lane's, on the days it does
    /// not send too.
    pub completes_at: u64,
}

/// Complaint and bounce factors by intent (see the model card): people
/// rarely report receipts, and addresses that just bought do not bounce.
pub fn intent_factors(intent: Intent) -> (f64, f64) {
    match intent {
        Intent::OrderConfirmation | Intent::ShippingUpdate | Intent::PasswordReset => (0.05, 0.2),
        Intent::CartAbandonment
        | Intent::CheckoutAbandonment
        | Intent::BrowseAbandonment
        | Intent::PostPurchase
        | Intent::Replenishment => (0.4, 0.5),
        Intent::Welcome => (0.5, 1.0),
        Intent::Winback => (1.5, 1.5),
        Intent::PromotionalBroadcast | Intent::Newsletter | Intent::VipOffer | Intent::Custom => {
            (1.0, 1.0)
        }
    }
}

fn clamp01(x: f64) -> f64 {
    x.clamp(0.0, 1.0)
}

/// Quality of a day's mail in [0, 1], with knees at complaints of 0.05%,
/// 0.1%, 0.2% and 0.3% and hard bounces of 2%, 5% and 10%.
pub fn quality(complaint_rate: f64, bounce_rate: f64) -> f64 {
    let c = if complaint_rate <= 0.0005 {
        1.0
    } else if complaint_rate <= 0.001 {
        1.0 - 0.2 * (complaint_rate - 0.0005) / 0.0005
    } else if complaint_rate <= 0.002 {
        0.8 - 0.3 * (complaint_rate - 0.001) / 0.001
    } else if complaint_rate <= 0.003 {
        0.5 - 0.5 * (complaint_rate - 0.002) / 0.001
    } else {
        0.0
    };
    let b = if bounce_rate <= 0.02 {
        1.0
    } else if bounce_rate <= 0.05 {
        1.0 - 0.5 * (bounce_rate - 0.02) / 0.03
    } else if bounce_rate <= 0.10 {
        0.5 - 0.5 * (bounce_rate - 0.05) / 0.05
    } else {
        0.0
    };
    clamp01(c.min(b))
}

/// Runs the plan as routed. `None` without a valid start date.
pub fn simulate(
    plan: &Plan,
    routing: &Routing,
    settings: &Settings,
    fallbacks: &[Fallback],
) -> Option<Run> {
    simulate_moves(plan, routing, settings, fallbacks, &[])
}

/// The earliest warm-up start or migration first day before `start`, at
/// most a calendar's length before it; `start` when none came earlier. A
/// run that starts part way through a ramp or a move finds them where
/// they stand that day, rather than starting them again.
fn lead_in_start(plan: &Plan, start: NaiveDate) -> NaiveDate {
    let reach = u64::from(crate::plan::ranges::CALENDAR_DAYS);
    let earliest = start.checked_sub_days(Days::new(reach)).unwrap_or(start);
    first_days(plan)
        .filter(|d| *d < start)
        .min()
        .map_or(start, |d| d.max(earliest))
}

/// The first days of the plan's warm-ups and migrations.
pub(crate) fn first_days(plan: &Plan) -> impl Iterator<Item = NaiveDate> + '_ {
    let warmups =
        (plan.lanes.iter()).filter_map(|l| l.warmup.as_ref().and_then(|w| date(&w.start_date)));
    warmups.chain(plan.migrations.iter().filter_map(|m| date(&m.start_date)))
}

/// Runs the plan as routed while `moves` carry journeys to other lanes.
pub fn simulate_moves(
    plan: &Plan,
    routing: &Routing,
    settings: &Settings,
    fallbacks: &[Fallback],
    moves: &[Move],
) -> Option<Run> {
    run(
        plan,
        routing,
        settings,
        (fallbacks, moves),
        Source::Own(None),
    )
}

/// Where a run's daily mail comes from.
enum Source<'l> {
    /// The lanes' own journeys, moved by the run's moves and swollen on
    /// each lane's peak, and kept in the ledger when there is one.
    Own(Option<&'l mut Ledger>),
    /// Each journey's mail a day as another run's ledger keeps it.
    Follow(&'l Ledger),
}

/// Runs the plan as routed with its fallbacks and moves, its mail from
/// `source`.
fn run(
    plan: &Plan,
    routing: &Routing,
    settings: &Settings,
    (fallbacks, moves): (&[Fallback], &[Move]),
    source: Source,
) -> Option<Run> {
    let start = date(&settings.start_date)?;
    let (follow, mut ledger) = match source {
        Source::Own(ledger) => (None, ledger),
        Source::Follow(followed) => (Some(followed), None),
    };
    let simulation = Simulation::new(plan, routing, settings, (fallbacks, moves), follow);
    let mut state: Vec<LaneState> = plan
        .lanes
        .iter()
        .map(|l| LaneState::new(l, settings))
        .collect();
    let shown = settings.days.min(crate::plan::ranges::CALENDAR_DAYS);
    // Room for every day up front: a lane's days are large, and growing
    // the list as they come would copy them over and over.
    let mut runs: Vec<LaneRun> = (plan.lanes.iter())
        .map(|l| LaneRun {
            lane_id: l.id.clone(),
            days: Vec::with_capacity(shown as usize),
            fallback_on: None,
        })
        .collect();
    // Mail shifted by a fired fallback or spilled over a cap joins the
    // receiving lane's next turn: today if it comes later in the plan.
    let mut carry = vec![Handed::default(); plan.lanes.len()];
    // A warm-up that started before the first day has got somewhere by
    // then: those days run first, unshown, so the first day shows the
    // ramp, the reputation and any backlog as they stand.
    let mut day = lead_in_start(plan, start);
    while day < start {
        let lanes = (&mut state[..], &mut carry[..]);
        simulation.run_day(day, moves, lanes, &mut runs, ledger.as_deref_mut());
        day = day.checked_add_days(Days::new(1))?;
    }
    runs.iter_mut().for_each(|run| run.days.clear());
    for offset in 0..shown {
        let day = start.checked_add_days(Days::new(u64::from(offset)))?;
        let lanes = (&mut state[..], &mut carry[..]);
        simulation.run_day(day, moves, lanes, &mut runs, ledger.as_deref_mut());
    }
    // Mail handed to a lane after its last turn is not sent yet: it is
    // wanted of that lane and waits.
    for (lane, handed) in runs.iter_mut().zip(carry) {
        if let Some(last) = lane.days.last_mut() {
            let volume = handed.mail[0].iter().sum::<f64>();
            last.requested += volume;
            last.waiting += volume;
            last.passed_in.extend(handed.from);
        }
    }
    Some(Run { lanes: runs })
}
