//! The reputation simulator: day by day, per lane and mailbox provider,
//! the mail the routed journeys want, what the warm-up cap lets through,
//! complaints and bounces by engagement cohort, reputation with asymmetric
//! smoothing, inbox placement by reputation tier, and revenue. Every
//! equation and default is in `docs/reputation-model.md`.
//!
//! Only `+ - * /` and comparisons on `f64`: no library maths, so the native
//! and Wasm builds compute the same bits.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::is_within;
use crate::plan::model::{Audience, Intent, LaneStatus, Mailbox, Overflow, Plan};
use crate::plan::routing::Routing;
use crate::warmup::calendar::{cap_at, cohort, date, REWARM_AFTER_DAYS};

pub mod migration;
mod scenario;
pub use scenario::{from_plan, single_lane};

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
    /// Complaint and bounce rates that fire it; a Low tier always does.
    pub complaints_over: f64,
    pub bounces_over: f64,
}

/// One lane on one day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LaneDay {
    pub date: String,
    pub requested: f64,
    pub cap: Option<f64>,
    pub accepted: f64,
    pub delivered: f64,
    pub inbox: f64,
    pub revenue: f64,
    /// Revenue from cart, checkout and post-purchase journeys.
    pub revenue_flows: f64,
    pub complaint_rate: f64,
    pub bounce_rate: f64,
    /// Reputation per provider, after today.
    pub reputation: [f64; 5],
    /// Gmail refuses mitigation until 7 days in a row under 0.3%.
    pub gmail_ineligible: bool,
    pub triggered: Option<Trigger>,
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
    pub cutover: bool,
}

/// One journey's daily mail on its lane.
struct Flow {
    journey: String,
    cohort: usize,
    volume: f64,
    /// How this kind of mail draws complaints and bounces, relative to a
    /// promotion to the same cohort.
    complaint_factor: f64,
    bounce_factor: f64,
    revenue_per_recipient: f64,
    promotional: bool,
    revenue_flow: bool,
}

/// A lane's mail by cohort (30, 60, 90 days, all): volume, revenue value,
/// revenue-flow value, and volume weighted by complaint and by bounce
/// factor.
type Mail = [[f64; 4]; 5];

struct LaneState {
    reputation: [f64; 5],
    step: u32,
    idle: u32,
    /// Deferred mail, kept by cohort with its factors and value.
    backlog: Mail,
    /// Complaint rates of past sending days, for the lag.
    complaints: Vec<f64>,
    under_gmail_limit: u32,
    gmail_ineligible: bool,
    fired: Option<Action>,
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

/// Runs the plan as routed while `moves` carry journeys to other lanes.
pub fn simulate_moves(
    plan: &Plan,
    routing: &Routing,
    settings: &Settings,
    fallbacks: &[Fallback],
    moves: &[Move],
) -> Option<Run> {
    let start = date(&settings.start_date)?;
    let lanes: Vec<&crate::plan::model::Lane> = plan.lanes.iter().collect();
    let flows: Vec<Vec<Flow>> = lanes
        .iter()
        .map(|lane| {
            routing
                .routes
                .iter()
                .filter(|r| r.lane_id.as_deref() == Some(lane.id.as_str()))
                .filter_map(|r| plan.journeys.iter().find(|j| j.id == r.journey_id))
                .filter_map(|j| {
                    let promotional = matches!(
                        j.intent,
                        Intent::PromotionalBroadcast | Intent::Newsletter | Intent::VipOffer
                    );
                    if promotional && cohort(j.audience) > cohort(settings.promo_audience) {
                        return None;
                    }
                    let scale = if promotional {
                        settings.promo_frequency
                    } else {
                        1.0
                    };
                    let (complaint_factor, bounce_factor) = intent_factors(j.intent);
                    Some(Flow {
                        journey: j.id.clone(),
                        cohort: cohort(j.audience),
                        volume: f64::from(j.daily_volume) * scale,
                        complaint_factor,
                        bounce_factor,
                        revenue_per_recipient: j.revenue_per_recipient,
                        promotional,
                        revenue_flow: matches!(
                            j.intent,
                            Intent::CartAbandonment
                                | Intent::CheckoutAbandonment
                                | Intent::PostPurchase
                        ),
                    })
                })
                .collect()
        })
        .collect();
    // Lanes under the primary domain share part of its reputation.
    let primary = crate::domain::normalize_domain(&plan.brand.primary_domain).unwrap_or_default();
    let group: Vec<String> = lanes
        .iter()
        .map(|l| {
            if !primary.is_empty() && is_within(&l.sending_domain, &primary) {
                primary.clone()
            } else {
                l.sending_domain.clone()
            }
        })
        .collect();
    let mut state: Vec<LaneState> = lanes
        .iter()
        .map(|l| {
            let warm = l.status == LaneStatus::Warm && l.warmup.is_none();
            let r = if warm {
                settings.warm_reputation
            } else {
                settings.cold_reputation
            };
            LaneState {
                reputation: [r; 5],
                step: 0,
                idle: 0,
                backlog: Mail::default(),
                complaints: Vec::new(),
                under_gmail_limit: 7,
                gmail_ineligible: false,
                fired: None,
            }
        })
        .collect();
    let mut runs: Vec<LaneRun> = lanes
        .iter()
        .map(|l| LaneRun {
            lane_id: l.id.clone(),
            days: Vec::new(),
            fallback_on: None,
        })
        .collect();
    // Mail shifted by a fired fallback or spilled over a cap joins the
    // receiving lane's next turn: today if it comes later in the plan.
    let mut carry = vec![Mail::default(); lanes.len()];
    // Read once: each lane's skipped dates, and the lanes sharing its
    // organisation's reputation.
    let skipped: Vec<Vec<NaiveDate>> = lanes
        .iter()
        .map(|l| {
            l.warmup
                .iter()
                .flat_map(|w| w.skipped_dates.iter().filter_map(|d| date(d)))
                .collect()
        })
        .collect();
    let peers: Vec<Vec<usize>> = (0..lanes.len())
        .map(|i| (0..lanes.len()).filter(|&j| group[j] == group[i]).collect())
        .collect();
    for offset in 0..settings.days.min(400) {
        let day = start.checked_add_days(Days::new(u64::from(offset)))?;
        let weekday = day.weekday().number_from_monday() as u8;
        let day_text = day.to_string();
        let mut revenue_sent = vec![(0.0f64, 0.0f64); lanes.len()];
        let mut results: Vec<LaneDay> = Vec::with_capacity(lanes.len());
        let sends = |i: usize| {
            lanes[i]
                .warmup
                .as_ref()
                .is_none_or(|w| w.sending_weekdays.contains(&weekday) && !skipped[i].contains(&day))
        };
        let (day_flows, holding) = todays_flows(&lanes, &flows, &state, moves, day, &sends);
        for (i, lane) in lanes.iter().enumerate() {
            let st = &mut state[i];
            let sending = sends(i);
            // Deferred mail is the same mail sent late: it keeps its cohort,
            // its factors and its value.
            let held = std::mem::take(&mut st.backlog);
            let [mut wanted, mut value, mut flow_value, mut c_weight, mut b_weight] =
                std::mem::take(&mut carry[i]);
            let mut shift_out = Mail::default();
            for &(f, scale) in &day_flows[i] {
                let (mut c, mut v) = (f.cohort, f.volume * scale);
                match &st.fired {
                    Some(Action::PausePromotions) if f.promotional => continue,
                    Some(Action::ShiftTo(_)) if f.promotional => {
                        shift_out[0][c] += v;
                        shift_out[1][c] += v * f.revenue_per_recipient;
                        shift_out[3][c] += v * f.complaint_factor;
                        shift_out[4][c] += v * f.bounce_factor;
                        continue;
                    }
                    // Only the 30-day engagers of a broader audience remain.
                    Some(Action::TightenTo30Days) if c > 0 => {
                        v *= 0.3;
                        c = 0;
                    }
                    _ => {}
                }
                wanted[c] += v;
                c_weight[c] += v * f.complaint_factor;
                b_weight[c] += v * f.bounce_factor;
                value[c] += v * f.revenue_per_recipient;
                if f.revenue_flow {
                    flow_value[c] += v * f.revenue_per_recipient;
                }
            }
            if let Some(Action::ShiftTo(target)) = &st.fired {
                if let Some(t) = lanes.iter().position(|l| &l.id == target) {
                    add(&mut carry[t], &shift_out);
                }
            }
            let today = [wanted, value, flow_value, c_weight, b_weight];
            let mut mail = held;
            add(&mut mail, &today);
            let [wanted, value, flow_value, c_weight, b_weight] = mail;
            let requested: f64 = wanted.iter().sum();
            if !sending {
                st.idle += 1;
                // Deferred mail waits for the next sending day; otherwise a
                // day off loses the day's mail.
                if lane
                    .warmup
                    .as_ref()
                    .is_some_and(|w| w.overflow == Overflow::Defer)
                {
                    st.backlog = mail;
                }
                results.push(idle_day(day_text.clone(), requested, st));
                continue;
            }
            if st.idle > REWARM_AFTER_DAYS && st.step > 0 {
                st.step = 0;
            }
            st.idle = 0;
            let cap = lane
                .warmup
                .as_ref()
                .and_then(|w| cap_at(w, st.step))
                .map(|c| c as f64);
            // Mail held back from earlier days goes first, as the warm-up
            // calendar sends it; within each, the most engaged cohorts fill
            // the cap first, so the least engaged mail is what overflows.
            let mut room = cap.unwrap_or(f64::MAX);
            let sent_held = take_room(&held[0], &mut room);
            let sent_today = take_room(&today[0], &mut room);
            let sent: [f64; 4] = std::array::from_fn(|c| sent_held[c] + sent_today[c]);
            let accepted: f64 = sent.iter().sum();
            let mut over = unsent(&held, &sent_held);
            add(&mut over, &unsent(&today, &sent_today));
            match lane
                .warmup
                .as_ref()
                .map(|w| (w.overflow, w.spill_lane.as_deref()))
            {
                Some((Overflow::Defer, _)) => st.backlog = over,
                Some((Overflow::Spill, Some(target))) => {
                    if let Some(t) = lanes
                        .iter()
                        .position(|l| l.id == target)
                        .filter(|&t| t != i)
                    {
                        add(&mut carry[t], &over);
                    }
                }
                _ => {}
            }
            // The mix of mail in each cohort sets its factors.
            let factor = |weight: &[f64; 4], c: usize| {
                if wanted[c] > 0.0 {
                    weight[c] / wanted[c]
                } else {
                    1.0
                }
            };
            let complaints: f64 = (0..4)
                .map(|c| {
                    sent[c]
                        * settings.complaint_rate[c]
                        * factor(&c_weight, c)
                        * settings.complaint_multiplier
                })
                .sum();
            let bounces: f64 = (0..4)
                .map(|c| sent[c] * settings.bounce_rate[c] * factor(&b_weight, c))
                .sum();
            let delivered = accepted - bounces;
            let complaint_rate = if delivered > 0.0 {
                complaints / delivered
            } else {
                0.0
            };
            let bounce_rate = if accepted > 0.0 {
                bounces / accepted
            } else {
                0.0
            };
            // Complaint signals reach the reputation late.
            st.complaints.push(complaint_rate);
            let lag = settings.complaint_lag as usize;
            let lagged = if st.complaints.len() > lag {
                st.complaints[st.complaints.len() - 1 - lag]
            } else {
                0.0
            };
            let q = quality(lagged, bounce_rate);
            for r in st.reputation.iter_mut() {
                let a = if q < *r {
                    settings.a_down
                } else {
                    settings.a_up
                };
                *r = clamp01(a * *r + (1.0 - a) * q);
            }
            if complaint_rate > 0.003 {
                st.gmail_ineligible = true;
                st.under_gmail_limit = 0;
            } else {
                st.under_gmail_limit += 1;
                if st.under_gmail_limit >= 7 {
                    st.gmail_ineligible = false;
                }
            }
            // Only after a clean day does the ramp advance.
            let clean = delivered / accepted.max(1.0) > settings.gate_delivered
                && complaint_rate < settings.gate_complaints
                && bounce_rate < settings.gate_bounces;
            if clean && !holding[i] {
                st.step += 1;
            }
            let share = |v: &[f64; 4]| -> f64 {
                (0..4)
                    .map(|c| {
                        if wanted[c] > 0.0 {
                            v[c] * sent[c] / wanted[c]
                        } else {
                            0.0
                        }
                    })
                    .sum()
            };
            revenue_sent[i] = (share(&value), share(&flow_value));
            results.push(LaneDay {
                date: day_text.clone(),
                requested,
                cap,
                accepted,
                delivered,
                inbox: 0.0,
                revenue: 0.0,
                revenue_flows: 0.0,
                complaint_rate,
                bounce_rate,
                reputation: st.reputation,
                gmail_ineligible: st.gmail_ineligible,
                triggered: None,
            });
        }
        // Inbox placement uses each lane's reputation blended with its
        // organisation's, then revenue follows the inbox.
        for (i, mut d) in results.into_iter().enumerate() {
            let mut inbox_share = 0.0;
            for p in 0..5 {
                let shared = peers[i]
                    .iter()
                    .map(|&j| state[j].reputation[p])
                    .sum::<f64>()
                    / peers[i].len() as f64;
                let r = (1.0 - settings.shared_weight) * state[i].reputation[p]
                    + settings.shared_weight * shared;
                let mut inbox = Tier::of(r).inbox();
                if p == GMAIL && d.gmail_ineligible {
                    inbox *= 0.6;
                }
                inbox_share += settings.mix[p] * inbox;
            }
            let (value_sent, flows_sent) = revenue_sent[i];
            let delivered_share = if d.accepted > 0.0 {
                d.delivered / d.accepted
            } else {
                0.0
            };
            d.inbox = d.delivered * inbox_share;
            d.revenue = value_sent * delivered_share * inbox_share;
            d.revenue_flows = flows_sent * delivered_share * inbox_share;
            // The fallback plan watches the same numbers the day reports.
            if let Some(fb) = fallbacks.iter().find(|f| f.lane_id == lanes[i].id) {
                let mean_r = (0..5)
                    .map(|p| settings.mix[p] * state[i].reputation[p])
                    .sum::<f64>();
                let trigger = if Tier::of(mean_r) == Tier::Low || Tier::of(mean_r) == Tier::Bad {
                    Some(Trigger::TierLow)
                } else if d.complaint_rate > fb.complaints_over {
                    Some(Trigger::Complaints)
                } else if d.bounce_rate > fb.bounces_over {
                    Some(Trigger::Bounces)
                } else {
                    None
                };
                if let (Some(t), None) = (trigger, &state[i].fired) {
                    d.triggered = Some(t);
                    state[i].fired = Some(fb.action.clone());
                    runs[i].fallback_on = Some(d.date.clone());
                }
            }
            runs[i].days.push(d);
        }
    }
    Some(Run { lanes: runs })
}

/// What the cap's remaining `room` lets through of each cohort's volume,
/// most engaged first; the room shrinks by what is sent.
fn take_room(wanted: &[f64; 4], room: &mut f64) -> [f64; 4] {
    let mut sent = [0.0; 4];
    for (s, w) in sent.iter_mut().zip(wanted) {
        *s = w.min(*room);
        *room -= *s;
    }
    sent
}

/// Adds `part` to `mail`, cohort by cohort and quantity by quantity.
fn add(mail: &mut Mail, part: &Mail) {
    for (total, more) in mail.iter_mut().zip(part) {
        for (t, m) in total.iter_mut().zip(more) {
            *t += m;
        }
    }
}

/// The mail of each cohort that was not sent: its volume, and each weight
/// in proportion, since the cohort's mail is sent as one mix.
fn unsent(mail: &Mail, sent: &[f64; 4]) -> Mail {
    let mut out = Mail::default();
    for c in 0..4 {
        let wanted = mail[0][c];
        out[0][c] = wanted - sent[c];
        if wanted > 0.0 {
            let part = out[0][c] / wanted;
            for k in 1..5 {
                out[k][c] = mail[k][c] * part;
            }
        }
    }
    out
}

/// Each lane's flows today, each with the share of it the lane carries.
type DayFlows<'a> = Vec<Vec<(&'a Flow, f64)>>;

/// Each lane's flows today with the share of each it carries, after the
/// moves under way, and the lanes whose ramp holds today.
fn todays_flows<'a>(
    lanes: &[&crate::plan::model::Lane],
    flows: &'a [Vec<Flow>],
    state: &[LaneState],
    moves: &[Move],
    day: NaiveDate,
    sends: &dyn Fn(usize) -> bool,
) -> (DayFlows<'a>, Vec<bool>) {
    let mut out: DayFlows = flows
        .iter()
        .map(|list| list.iter().map(|f| (f, 1.0)).collect())
        .collect();
    let mut holding = vec![false; lanes.len()];
    let index = |id: &str| lanes.iter().position(|l| l.id == id);
    for mv in moves.iter().filter(|mv| day >= mv.start) {
        let (Some(a), Some(b)) = (index(&mv.from_lane), index(&mv.to_lane)) else {
            continue;
        };
        if a == b {
            continue;
        }
        let moving = |f: &Flow| mv.journeys.contains(&f.journey);
        let mut wanted = [0.0f64; 4];
        for (f, scale) in out[a].iter().filter(|(f, _)| moving(f)) {
            wanted[f.cohort] += f.volume * scale;
        }
        let held = !mv.cutover && mv.hold.contains(&day);
        holding[b] |= held;
        let share = if mv.cutover {
            [1.0; 4]
        } else if !sends(b) {
            [0.0; 4]
        } else {
            ramp_share(lanes[b], &flows[b], state[b].step, held, wanted)
        };
        let mut arriving = Vec::new();
        for entry in out[a].iter_mut().filter(|(f, _)| moving(f)) {
            let s = share[entry.0.cohort];
            arriving.push((entry.0, entry.1 * s));
            entry.1 *= 1.0 - s;
        }
        out[b].extend(arriving);
    }
    (out, holding)
}

/// The share of the moved mail in each cohort that the new lane's cap has
/// room for, after its own mail, most engaged cohort first. A hold repeats
/// the last step's cap.
fn ramp_share(
    lane: &crate::plan::model::Lane,
    own: &[Flow],
    step: u32,
    held: bool,
    wanted: [f64; 4],
) -> [f64; 4] {
    let cap = match (&lane.warmup, held) {
        (None, _) => return [1.0; 4],
        (Some(_), true) if step == 0 => Some(0),
        (Some(w), true) => cap_at(w, step - 1),
        (Some(w), false) => cap_at(w, step),
    };
    let Some(cap) = cap else {
        return [1.0; 4];
    };
    let own: f64 = own.iter().map(|f| f.volume).sum();
    let mut room = (cap as f64 - own).max(0.0);
    let mut share = [0.0f64; 4];
    for c in 0..4 {
        let take = wanted[c].min(room);
        room -= take;
        if wanted[c] > 0.0 {
            share[c] = take / wanted[c];
        }
    }
    share
}

fn idle_day(date: String, requested: f64, st: &LaneState) -> LaneDay {
    LaneDay {
        date,
        requested,
        cap: None,
        accepted: 0.0,
        delivered: 0.0,
        inbox: 0.0,
        revenue: 0.0,
        revenue_flows: 0.0,
        complaint_rate: 0.0,
        bounce_rate: 0.0,
        reputation: st.reputation,
        gmail_ineligible: st.gmail_ineligible,
        triggered: None,
    }
}
