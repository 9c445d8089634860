//! One lane's day in the simulator: the mail it wants, what its warm-up
//! cap lets through and what overflows, the complaints and bounces that
//! mail draws, and the reputation, Gmail standing and ramp step they leave.

use chrono::NaiveDate;

use super::flows::Flow;
use super::{clamp01, quality, Action, Gate, LaneDay, MoveHold, Settings};
use crate::plan::model::{Lane, LaneStatus, Overflow};
use crate::warmup::calendar::{after_pause, cap_at};
use crate::warmup::late::Ages;
use crate::warmup::migration::{kept_after_pause, move_step, step_after_failed_hold};

/// The share of a broader audience's mail that reaches its 30-day
/// engagers, which a fallback that mails only them keeps.
const ENGAGED_30_SHARE: f64 = 0.3;

/// A lane's mail by cohort (30, 60, 90 days, all): volume, revenue value
/// and revenue-flow value once delivered, and volume weighted by complaint
/// and by bounce factor.
pub(super) type Mail = [[f64; 4]; 5];

/// What a lane carries from one day to the next.
pub(super) struct LaneState {
    pub(super) reputation: [f64; 5],
    pub(super) step: u32,
    idle: u32,
    /// The move step of the last sending day, whose split a move's hold
    /// date keeps (`warmup::migration::move_step`).
    kept: Option<u32>,
    /// The last day the lane sent.
    last_sent: Option<NaiveDate>,
    /// The day whose move step `kept` is, so that a move's hold date can
    /// tell the move's sending days from the lane's earlier ones
    /// (`kept_in_move`).
    kept_on: Option<NaiveDate>,
    /// Deferred mail, kept by cohort with its factors and value.
    backlog: Mail,
    /// The days the deferred mail was wanted on.
    ages: Ages,
    /// Deferred mail sent on the last sending day, and the most days any
    /// of it waited.
    late: (f64, u32),
    /// Complaint rates of past days (none on a day without sending), for
    /// the lag.
    complaints: Vec<Option<f64>>,
    /// The worst complaint rate that became known on days without
    /// sending, which the next sending day takes in.
    unseen: f64,
    /// The complaint rate the last sending day acted on.
    pub(super) known: f64,
    under_gmail_limit: u32,
    gmail_ineligible: bool,
    /// The gate the last sending day failed.
    held_by: Option<Gate>,
    /// The last sending day imported delivery data failed, whose hold is
    /// still to come, and what held a move's split on the last sending day.
    imported: Option<NaiveDate>,
    move_held: Option<MoveHold>,
    pub(super) fired: Option<Action>,
    /// Whether the lane has sent any mail yet: one that has not has no
    /// reputation to share with its organisation's other lanes.
    pub(super) has_sent: bool,
}

/// What a day's sent mail did; all zero on a day off.
#[derive(Clone, Copy, Default)]
pub(super) struct Outcome {
    accepted: f64,
    delivered: f64,
    complaint_rate: f64,
    bounce_rate: f64,
}

impl LaneState {
    /// A lane on the first day: only a warm lane without a warm-up plan
    /// starts with a warm reputation.
    pub(super) fn new(lane: &Lane, settings: &Settings) -> LaneState {
        let warm = lane.status == LaneStatus::Warm && lane.warmup.is_none();
        let r = if warm {
            settings.warm_reputation
        } else {
            settings.cold_reputation
        };
        LaneState {
            reputation: [r; 5],
            step: 0,
            idle: 0,
            kept: None,
            last_sent: None,
            kept_on: None,
            backlog: Mail::default(),
            ages: Ages::default(),
            late: (0.0, 0),
            complaints: Vec::new(),
            unseen: 0.0,
            known: 0.0,
            under_gmail_limit: 7,
            gmail_ineligible: false,
            held_by: None,
            imported: None,
            move_held: None,
            fired: None,
            has_sent: false,
        }
    }

    /// The lane's mail today, in three parts: what it deferred on earlier
    /// days; the day's own, the `carried` mail plus its flows' after any
    /// fired fallback plan; and what a fired fallback takes off the lane
    /// (promotions paused or shifted, or the part of a broader audience
    /// beyond its 30-day engagers), which is wanted all the same.
    pub(super) fn todays_mail(
        &mut self,
        settings: &Settings,
        (carried, limit): (Mail, usize),
        flows: &[(&Flow, f64)],
    ) -> (Mail, Mail, Mail) {
        let bounce_rate = &settings.bounce_rate;
        // Deferred mail is the same mail sent late: it keeps its cohort,
        // its factors and its value.
        let held = std::mem::take(&mut self.backlog);
        let mut today = carried;
        let mut withheld = Mail::default();
        for &(f, scale) in flows {
            // The lane's engagement filter keeps its mail to the cohorts it
            // lets through (`limit`).
            let (mut c, mut v) = (f.cohort.min(limit), f.volume * scale);
            match &self.fired {
                Some(Action::PausePromotions | Action::ShiftTo(_)) if f.promotional => {
                    add_flow(&mut withheld, bounce_rate, f, c, v);
                    continue;
                }
                // Only the 30-day engagers of a broader audience remain;
                // the rest is still wanted, and not sent.
                Some(Action::TightenTo30Days) if c > 0 => {
                    add_flow(
                        &mut withheld,
                        bounce_rate,
                        f,
                        c,
                        v * (1.0 - ENGAGED_30_SHARE),
                    );
                    v *= ENGAGED_30_SHARE;
                    c = 0;
                }
                _ => {}
            }
            add_flow(&mut today, bounce_rate, f, c, v);
        }
        (held, today, withheld)
    }

    /// A day the lane does not send: the ramp stays where it is, and the
    /// reputation too, but the complaints of days before still come in
    /// and Gmail counts the day among its days under 0.3%. The mail waits
    /// for the next sending day if the warm-up defers, else it is lost;
    /// returns what is lost.
    pub(super) fn rest(
        &mut self,
        settings: &Settings,
        lane: &Lane,
        mail: Mail,
        on: NaiveDate,
    ) -> f64 {
        self.idle += 1;
        self.complaints.push(None);
        let known = self.complaints_known(settings.complaint_lag);
        self.unseen = self.unseen.max(known);
        self.apply_gmail_rule(known);
        if lane
            .warmup
            .as_ref()
            .is_some_and(|w| w.overflow == Overflow::Defer)
        {
            self.backlog = mail;
            self.ages.keep(on, mail[0]);
            0.0
        } else {
            mail[0].iter().sum()
        }
    }

    /// The ramp step if the lane sends today: after a long pause, the
    /// ramp's first.
    pub(super) fn step_today(&self) -> u32 {
        after_pause(self.step, self.idle)
    }

    /// The move step a hold date keeps if the lane sends today: the last
    /// sending day's, none after a long pause.
    pub(super) fn kept_today(&self) -> Option<u32> {
        kept_after_pause(self.kept, self.idle)
    }

    /// The move step a hold date keeps today, with the day it is from.
    pub(super) fn kept_since(&self) -> super::flows::Kept {
        (self.kept_today(), self.kept_on)
    }

    /// Sends what the lane's warm-up cap lets through of the `held` and
    /// `today` mail on `on`; returns the cap, what each cohort sent and
    /// the overflow.
    pub(super) fn send(
        &mut self,
        lane: &Lane,
        (held, today): (&Mail, &Mail),
        (on, holding): (NaiveDate, bool),
    ) -> (Option<f64>, [f64; 4], Mail) {
        // A long pause starts the ramp again, so no failed day holds it.
        if self.step_today() != self.step {
            self.imported = None;
        }
        self.step = self.step_today();
        self.kept = self.kept_today();
        self.idle = 0;
        self.last_sent = Some(on);
        // A move's hold date keeps the last sending day's step, as the
        // lane's calendar does.
        let step = match holding {
            true => self.kept.unwrap_or(self.step),
            false => self.step,
        };
        // A hold date keeps its own step, so a failed day's hold comes
        // after it.
        self.move_held = match holding {
            true => Some(MoveHold::HoldDate),
            false => (self.imported.take()).map(|d| MoveHold::Imported(d.to_string())),
        };
        let cap = lane
            .warmup
            .as_ref()
            .and_then(|w| cap_at(w, step))
            .map(|c| c as f64);
        // Mail held back from earlier days goes first, as the warm-up
        // calendar sends it; within each, the most engaged cohorts fill
        // the cap first, so the least engaged mail is what overflows.
        let mut room = cap.unwrap_or(f64::MAX);
        let sent_held = take_room(&held[0], &mut room);
        self.late = (sent_held.iter().sum(), self.ages.send(on, sent_held));
        let sent_today = take_room(&today[0], &mut room);
        let sent: [f64; 4] = std::array::from_fn(|c| sent_held[c] + sent_today[c]);
        let mut over = unsent(held, &sent_held);
        add(&mut over, &unsent(today, &sent_today));
        (cap, sent, over)
    }

    /// Keeps overflow for the next sending day; what the cap left of the
    /// day's own mail was wanted `on` it.
    pub(super) fn defer(&mut self, over: Mail, on: NaiveDate) {
        self.ages.keep(on, over[0]);
        self.backlog = over;
    }

    /// What a sending day teaches: the reputation moves, Gmail's rule
    /// applies, and the ramp advances after a clean day unless a move
    /// holds it (`holding`) or imported delivery data failed the day's
    /// health gates (`failed`).
    pub(super) fn learn(
        &mut self,
        settings: &Settings,
        day: &Outcome,
        (holding, failed): (bool, bool),
    ) {
        self.complaints.push(Some(day.complaint_rate));
        self.has_sent = true;
        // Complaints that came in while the lane was quiet count now, and
        // a lagged day without sending brings no figure: the last stands.
        let known = self
            .last_known(settings.complaint_lag)
            .max(std::mem::take(&mut self.unseen));
        self.known = known;
        self.update_reputation(settings, known, day.bounce_rate);
        self.apply_gmail_rule(known);
        let seen = Outcome {
            complaint_rate: known,
            ..*day
        };
        self.held_by = seen.failed_gate(settings);
        if failed {
            self.imported = self.last_sent;
        }
        // The next hold date keeps this day's move step, whether its gates
        // passed or not.
        self.kept = move_step(self.step, holding, self.kept);
        if !holding {
            self.kept_on = self.last_sent;
        }
        if self.held_by.is_none() && !holding && !failed {
            self.step += 1;
        }
        // A hold date that fails its gates holds the next sending day at
        // the step it sent at, as the split does.
        if holding && (self.held_by.is_some() || failed) {
            self.step = step_after_failed_hold(self.step, self.kept);
        }
    }

    /// The complaint rate known today: that of the mail sent `lag` days
    /// earlier, since recipients report mail days after it arrives; none
    /// before then. Every day counts, sending or not.
    pub(super) fn complaints_known(&self, lag: u32) -> f64 {
        self.reported(lag).last().copied().flatten().unwrap_or(0.0)
    }

    /// The complaint rate of the last mail sent at least `lag` days
    /// earlier, which a sending day's health gate judges: a quiet weekend
    /// brings no figure, and must not make a bad rate look clean.
    fn last_known(&self, lag: u32) -> f64 {
        let mut reported = self.reported(lag).iter().rev();
        reported.find_map(|rate| *rate).unwrap_or(0.0)
    }

    /// The days whose complaints have come in by today, `lag` days on.
    fn reported(&self, lag: u32) -> &[Option<f64>] {
        let known = self.complaints.len().saturating_sub(lag as usize);
        &self.complaints[..known]
    }

    /// Moves the reputation at every provider toward the day's quality:
    /// fast when it falls, slowly when it recovers.
    fn update_reputation(&mut self, settings: &Settings, complaint_rate: f64, bounce_rate: f64) {
        let q = quality(complaint_rate, bounce_rate);
        for r in self.reputation.iter_mut() {
            let a = if q < *r {
                settings.a_down
            } else {
                settings.a_up
            };
            *r = clamp01(a * *r + (1.0 - a) * q);
        }
    }

    /// Gmail refuses mitigation after a day over 0.3% complaints until 7
    /// days in a row are under it.
    fn apply_gmail_rule(&mut self, complaint_rate: f64) {
        if complaint_rate > 0.003 {
            self.gmail_ineligible = true;
            self.under_gmail_limit = 0;
        } else {
            self.under_gmail_limit += 1;
            if self.under_gmail_limit >= 7 {
                self.gmail_ineligible = false;
            }
        }
    }

    /// The lane's day as reported before placement and revenue, with the
    /// reputation after today; `None` for a day without sending.
    pub(super) fn record(
        &self,
        date: String,
        sent: Option<(f64, Option<f64>, &Outcome)>,
    ) -> LaneDay {
        let idle = Outcome::default();
        let (requested, cap, day) = sent.unwrap_or((0.0, None, &idle));
        let (sent_late, days_late) = sent.map_or((0.0, 0), |_| self.late);
        LaneDay {
            date,
            sending: sent.is_some(),
            requested,
            deferred: 0.0,
            passed_in: Vec::new(),
            passed_on: Vec::new(),
            cap,
            accepted: day.accepted,
            waiting: self.backlog[0].iter().sum(),
            sent_late,
            days_late,
            lost: 0.0,
            withheld: 0.0,
            delivered: day.delivered,
            inbox: 0.0,
            revenue: 0.0,
            revenue_flows: 0.0,
            complaint_rate: day.complaint_rate,
            known_complaint_rate: sent.map_or(0.0, |_| self.known),
            bounce_rate: day.bounce_rate,
            reputation: self.reputation,
            gmail_ineligible: self.gmail_ineligible,
            triggered: None,
            held_by: sent.and(self.held_by),
            move_held: sent.and(self.move_held.clone()),
            // `learn` keeps a failed day as the one whose hold is to come.
            imported_failed: sent.is_some()
                && self.imported.is_some_and(|d| Some(d) == self.last_sent),
        }
    }
}

impl Outcome {
    /// The complaints and bounces of the mail `sent` from each cohort of
    /// `mail`, as rates of what was delivered and accepted.
    pub(super) fn of(settings: &Settings, mail: &Mail, sent: &[f64; 4]) -> Outcome {
        let [wanted, _, _, c_weight, b_weight] = mail;
        // The mix of mail in each cohort sets its factors.
        let factor = |weight: &[f64; 4], c: usize| {
            if wanted[c] > 0.0 {
                weight[c] / wanted[c]
            } else {
                1.0
            }
        };
        let accepted: f64 = sent.iter().sum();
        let complaints: f64 = (0..4)
            .map(|c| {
                sent[c]
                    * settings.complaint_rate[c]
                    * factor(c_weight, c)
                    * settings.complaint_multiplier
            })
            .sum();
        let bounces: f64 = (0..4)
            .map(|c| sent[c] * settings.bounce_rate[c] * factor(b_weight, c))
            .sum();
        let delivered = accepted - bounces;
        Outcome {
            accepted,
            delivered,
            complaint_rate: if delivered > 0.0 {
                complaints / delivered
            } else {
                0.0
            },
            bounce_rate: if accepted > 0.0 {
                bounces / accepted
            } else {
                0.0
            },
        }
    }

    /// The first health gate the day failed; the ramp advances only after
    /// a day that fails none.
    fn failed_gate(&self, settings: &Settings) -> Option<Gate> {
        if self.delivered / self.accepted.max(1.0) <= settings.gate_delivered {
            Some(Gate::Delivered)
        } else if self.complaint_rate >= settings.gate_complaints {
            Some(Gate::Complaints)
        } else if self.bounce_rate >= settings.gate_bounces {
            Some(Gate::Bounces)
        } else {
            None
        }
    }
}

/// The revenue value and revenue-flow value of the mail `sent` from each
/// cohort of `mail`: each cohort's value in proportion to what it sent.
pub(super) fn value_sent(mail: &Mail, sent: &[f64; 4]) -> (f64, f64) {
    let [wanted, value, flows, _, _] = mail;
    let mut out = (0.0, 0.0);
    for c in (0..4).filter(|&c| wanted[c] > 0.0) {
        out.0 += value[c] * sent[c] / wanted[c];
        out.1 += flows[c] * sent[c] / wanted[c];
    }
    out
}

/// Adds `volume` of flow `f` to `mail` in `cohort`, with its value and
/// its weights. The value is that of the flow's delivered mail, at its own
/// bounce rate, so one journey's bounces never cost another's revenue.
fn add_flow(mail: &mut Mail, bounce_rate: &[f64; 4], f: &Flow, cohort: usize, volume: f64) {
    let delivered = clamp01(1.0 - bounce_rate[cohort] * f.bounce_factor);
    let value = volume * delivered * f.revenue_per_recipient;
    mail[0][cohort] += volume;
    mail[1][cohort] += value;
    if f.revenue_flow {
        mail[2][cohort] += value;
    }
    mail[3][cohort] += volume * f.complaint_factor;
    mail[4][cohort] += volume * f.bounce_factor;
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
pub(super) fn add(mail: &mut Mail, part: &Mail) {
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
