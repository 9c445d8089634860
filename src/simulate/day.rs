//! One day of a run across every lane: which lanes send, the day's flows
//! after the moves under way, each lane's day in plan order with the mail
//! it shifts or spills to other lanes, then inbox placement from the
//! shared reputation, revenue, and the fallback plans' triggers.

use chrono::NaiveDate;

use super::flows::{followed_flows, lane_flows, todays_flows, DayFlows, Flow, Ledger};
use super::lane::{add, value_sent, LaneState, Mail, Outcome};
use super::{
    Action, Fallback, LaneDay, LaneRun, Move, MoveHold, PassedIn, PassedOn, Passing, Settings,
    Tier, Trigger, GMAIL,
};
use crate::domain::{is_within, normalize_domain};
use crate::plan::model::{Lane, LaneStatus, Overflow, Plan, DAY_MIN_MESSAGES};
use crate::plan::routing::Routing;
use crate::plan::schedule::{peak_day, Schedule};
use crate::warmup::calendar::{binding, date, enough, filter_cohort, sends_on};

/// What every day of a run reads: the settings, and each lane with its
/// flows, skipped dates, reputation peers and fallback plan.
pub(super) struct Simulation<'a> {
    settings: &'a Settings,
    lanes: Vec<&'a Lane>,
    flows: Vec<Vec<Flow>>,
    /// The plan's journeys, which a ledger keeps by place.
    journeys: usize,
    /// Another run's ledger, whose mail each day this run wants instead
    /// of its own moves and peaks.
    follow: Option<&'a Ledger>,
    skipped: Vec<Vec<NaiveDate>>,
    /// Each lane's first day (`start`), before which it does not send.
    starts: Vec<Option<NaiveDate>>,
    /// The volume at which each lane's warm-up is done (`warmup::enough`
    /// of what `wanted` gives it).
    enough: Vec<u64>,
    /// Each lane's peak, on whose day its mail swells.
    peaks: Vec<Option<Peak>>,
    /// The lanes sharing each lane's organisation's reputation.
    peers: Vec<Vec<usize>>,
    fallbacks: Vec<Option<&'a Fallback>>,
    /// The order lanes take their turns in each day: a lane after every
    /// lane that spills or shifts mail into it, so that mail arrives the
    /// day it is handed on, whatever the lanes' order in the plan.
    turns: Vec<usize>,
}

/// The day as every lane's turn reads it: its date, and per lane whether
/// it sends, its flows, and whether a move holds its ramp.
struct Today<'f> {
    on: NaiveDate,
    date: String,
    flows: DayFlows<'f>,
    sending: Vec<bool>,
    holding: Vec<bool>,
    /// The lanes whose health gates imported delivery data failed today.
    failed: Vec<bool>,
}

/// Mail handed to a lane for its next turn, and the lanes it came from.
#[derive(Clone, Default)]
pub(super) struct Handed {
    pub(super) mail: Mail,
    pub(super) from: Vec<PassedIn>,
}

/// A lane's day before placement, with the revenue value and
/// revenue-flow value of the delivered mail it sent.
type Sent = (LaneDay, (f64, f64));

/// A warm-up's peak: the day its target names and the mail its lane must
/// carry then (such as Black Friday's), to which the lane's mail swells.
#[derive(Clone, Copy, Debug)]
struct Peak {
    on: NaiveDate,
    volume: f64,
}

impl Peak {
    /// A lane's peak, from its warm-up's target.
    fn of(lane: &Lane) -> Option<Peak> {
        let w = lane.warmup.as_ref().filter(|w| w.target_volume > 0)?;
        Some(Peak {
            on: date(&w.target_date)?,
            volume: w.target_volume as f64,
        })
    }
}

/// Swells a lane's mail on its peak's day to the peak volume, each flow in
/// proportion: the peak is the usual mail, more of it, sent that day even
/// where its schedule sends nothing then (unless `whole` is false: some of
/// the lane's mail is moving away). A day that already carries as much is
/// left as it is.
fn swell(flows: &mut [(&Flow, f64)], peak: &Peak, whole: bool) {
    let sum = |flows: &[(&Flow, f64)]| flows.iter().map(|e| e.0.volume * e.1).sum::<f64>();
    let today = sum(flows);
    if peak.volume <= today {
        return;
    }
    if today <= 0.0 && whole {
        // A day its schedules skip: the flows' daily averages in its place,
        // a one-off's none, as it is no part of the usual mail.
        (flows.iter_mut())
            .filter(|e| !matches!(e.0.schedule, Schedule::Once(_)))
            .for_each(|e| e.1 = 1.0);
    }
    let usual = sum(flows);
    if usual > 0.0 {
        let scale = peak.volume / usual;
        flows.iter_mut().for_each(|e| e.1 *= scale);
    }
}

/// A lane's first day: its warm-up's, or the first day of a move onto it
/// when that is earlier, as the move's split ramps the lane from then;
/// `None`, from the run's start, for a lane whose warm-up is not dated.
fn start(lane: &Lane, moves: &[Move]) -> Option<NaiveDate> {
    let own = date(&lane.warmup.as_ref()?.start_date)?;
    let onto = (moves.iter())
        .filter(|m| m.to_lane == lane.id && m.from_lane != lane.id)
        .map(|m| m.start);
    onto.chain([own]).min()
}

/// Each lane's largest day's mail under the what-if settings, with the
/// journeys migrations bring it: what its warm-up must reach to be done.
fn largest_days(lanes: &[&Lane], flows: &[Vec<Flow>], moves: &[Move]) -> Vec<u64> {
    let index = |id: &str| lanes.iter().position(|l| l.id == id);
    lanes
        .iter()
        .zip(flows)
        .map(|(lane, own)| {
            let arriving = moves
                .iter()
                .filter(|mv| mv.to_lane == lane.id && mv.from_lane != lane.id)
                .filter_map(|mv| {
                    let from = &flows[index(&mv.from_lane)?];
                    Some(from.iter().filter(|f| mv.journeys.contains(&f.journey)))
                })
                .flatten();
            // As the lane's calendar counts it: a one-off dated outside
            // the calendar is on none of its days.
            let days = lane.warmup.as_ref().and_then(|w| w.calendar_days());
            let mail: Vec<_> = own
                .iter()
                .chain(arriving)
                .map(|f| (f.volume, f.schedule))
                .filter(|(_, schedule)| schedule.sends_within(days))
                .collect();
            // A quarter of u64 at most, as the calendar's cohorts are.
            peak_day(&mail).min((u64::MAX / 4) as f64).round() as u64
        })
        .collect()
}

impl<'a> Simulation<'a> {
    /// Reads the plan once for every day of the run, whose mail follows
    /// the ledger `follow` when there is one.
    pub(super) fn new(
        plan: &'a Plan,
        routing: &Routing,
        settings: &'a Settings,
        (fallbacks, moves): (&'a [Fallback], &[Move]),
        follow: Option<&'a Ledger>,
    ) -> Simulation<'a> {
        let lanes: Vec<&Lane> = plan.lanes.iter().collect();
        let fallbacks: Vec<Option<&Fallback>> = (lanes.iter())
            .map(|l| fallbacks.iter().find(|f| f.lane_id == l.id))
            .collect();
        let flows: Vec<Vec<Flow>> = lanes
            .iter()
            .map(|lane| lane_flows(plan, routing, settings, (lane, moves)))
            .collect();
        Simulation {
            settings,
            skipped: lanes
                .iter()
                .map(|l| {
                    l.warmup
                        .iter()
                        .flat_map(|w| w.skipped_dates.iter().filter_map(|d| date(d)))
                        .collect()
                })
                .collect(),
            starts: lanes.iter().map(|l| start(l, moves)).collect(),
            enough: lanes
                .iter()
                .zip(largest_days(&lanes, &flows, moves))
                .map(|(l, largest)| l.warmup.as_ref().map_or(0, |w| enough(w, largest)))
                .collect(),
            peaks: lanes.iter().map(|l| Peak::of(l)).collect(),
            flows,
            journeys: plan.journeys.len(),
            follow,
            peers: peers(plan),
            turns: turns(&lanes, &fallbacks),
            fallbacks,
            lanes,
        }
    }

    /// Runs one day and adds it to each lane's run, and its mail to
    /// `ledger`. Every lane sends before any is placed, since placement
    /// blends the reputations of lanes that share an organisation.
    pub(super) fn run_day(
        &self,
        day: NaiveDate,
        moves: &[Move],
        (state, carry): (&mut [LaneState], &mut [Handed]),
        runs: &mut [LaneRun],
        ledger: Option<&mut Ledger>,
    ) {
        let today = self.today(day, moves, state);
        if let Some(ledger) = ledger {
            ledger.record(day, &today.flows, self.journeys);
        }
        let mut sent: Vec<Option<Sent>> = (0..state.len()).map(|_| None).collect();
        for &i in &self.turns {
            sent[i] = Some(self.lane_day(i, &mut state[i], carry, &today));
        }
        let sent = sent
            .into_iter()
            .map(|s| s.expect("every lane takes a turn"));
        for (i, (mut d, value)) in sent.enumerate() {
            self.place(i, state, &mut d, value);
            self.watch(i, &mut state[i], &mut d, &mut runs[i]);
            runs[i].days.push(d);
        }
    }

    /// Which lanes send on `day`, and each lane's flows after the moves
    /// and peaks, or as the followed ledger has them, read as the day
    /// begins.
    fn today(&self, day: NaiveDate, moves: &[Move], state: &[LaneState]) -> Today<'_> {
        let steps: Vec<u32> = state.iter().map(LaneState::step_today).collect();
        let kept: Vec<_> = state.iter().map(LaneState::kept_since).collect();
        let sending: Vec<bool> = (0..self.lanes.len())
            .map(|i| self.sends(i, day, steps[i]))
            .collect();
        if let Some(ledger) = self.follow {
            return Today {
                on: day,
                date: day.to_string(),
                flows: followed_flows(&self.flows, ledger, day),
                holding: vec![false; sending.len()],
                failed: vec![false; sending.len()],
                sending,
            };
        }
        let live: Vec<bool> = (0..self.lanes.len()).map(|i| self.live(i, day)).collect();
        let (mut flows, holding, mut failed) = todays_flows(
            &self.lanes,
            &self.flows,
            moves,
            day,
            &live,
            (&sending, &steps, &kept),
        );
        // A lane's own imported failures hold its ramp, moved onto or not.
        let date = day.to_string();
        for (lane, failed) in self.lanes.iter().zip(&mut failed) {
            *failed |= self.settings.failed_on(&lane.id, &date);
        }
        for (i, (peak, flows)) in self.peaks.iter().zip(&mut flows).enumerate() {
            if let Some(peak) = peak.filter(|p| p.on == day && live[i]) {
                // Mail moving off the lane stays off it.
                let id = &self.lanes[i].id;
                let leaving = moves.iter().any(|m| m.from_lane == *id && day >= m.start);
                swell(flows, &peak, !leaving);
            }
        }
        Today {
            on: day,
            date,
            flows,
            sending,
            holding,
            failed,
        }
    }

    /// Whether lane `i`'s journeys are on it on `day`: from its warm-up's
    /// first day, as its warm-up calendar counts them. Before then the lane
    /// is not their way out, so their mail is not wanted of it.
    fn live(&self, i: usize, day: NaiveDate) -> bool {
        self.starts[i].is_none_or(|start| day >= start)
    }

    /// Whether lane `i` sends on `day`: never while it is paused; else a
    /// warm-up plan names its first day, and its weekdays and skipped
    /// dates until the lane is warm.
    fn sends(&self, i: usize, day: NaiveDate, step: u32) -> bool {
        if self.lanes[i].status == LaneStatus::Paused {
            return false;
        }
        let warmup = self.lanes[i].warmup.as_ref();
        let started = self.live(i, day);
        warmup.is_none_or(|w| started && sends_on(w, (step, self.enough[i]), day, &self.skipped[i]))
    }

    /// Lane `i`'s day: its mail, and on a sending day what the cap lets
    /// through and what that mail does. Mail shifted or spilled to other
    /// lanes goes into their `carry`. The day's mail is accepted, waiting,
    /// lost or passed on, so its row adds up.
    fn lane_day(&self, i: usize, st: &mut LaneState, carry: &mut [Handed], day: &Today) -> Sent {
        let lane = self.lanes[i];
        let Handed { mail, from } = std::mem::take(&mut carry[i]);
        let (held, today, withheld) = st.todays_mail(
            self.settings,
            (mail, filter_cohort(&lane.engagement_filter)),
            &day.flows[i],
        );
        let (withheld, shifted) = self.hand_on((i, st), &withheld, (carry, day));
        let mut mail = held;
        add(&mut mail, &today);
        // A day with no mail of its own to send is a day off, as in the
        // warm-up calendar: its journeys want nothing (between a weekly
        // promotion's sends), or a fired fallback paused all they want. It
        // neither advances the ramp nor moves the reputation, and a long
        // run of them starts the ramp again: mailbox providers forget a
        // sender that has gone quiet. Deferred mail waits for a day with
        // mail of its own, as on the warm-up calendar.
        let quiet = today[0].iter().sum::<f64>() <= 0.0;
        let (mut record, value) = if !day.sending[i] || quiet {
            // What waits is wanted again on the day that takes it.
            let lost = st.rest(self.settings, lane, mail, day.on);
            let mut record = st.record(day.date.clone(), None);
            record.lost = lost;
            (record, (0.0, 0.0))
        } else {
            self.send_day(i, st, (&held, &today), carry, day)
        };
        record.passed_on.extend(shifted);
        let shifted: f64 = (record.passed_on.iter())
            .filter(|p| p.why == Passing::Shifted)
            .map(|p| p.volume)
            .sum();
        record.requested = mail[0].iter().sum::<f64>() + withheld + shifted;
        (record.lost, record.withheld) = (record.lost + withheld, withheld);
        (record.deferred, record.passed_in) = (held[0].iter().sum(), from);
        (record, value)
    }

    /// Lane `i`'s sending day: what its cap lets through of the `held` and
    /// `today` mail, where the rest goes, and what the sent mail does.
    fn send_day(
        &self,
        i: usize,
        st: &mut LaneState,
        (held, today): (&Mail, &Mail),
        carry: &mut [Handed],
        day: &Today,
    ) -> Sent {
        let lane = self.lanes[i];
        let mut mail = *held;
        add(&mut mail, today);
        let requested: f64 = mail[0].iter().sum();
        let (cap, sent, over) = st.send(lane, (held, today), (day.on, day.holding[i]));
        let (lost, spilled) = self.overflow((i, st), over, (carry, day));
        let outcome = Outcome::of(self.settings, &mail, &sent);
        st.learn(self.settings, &outcome, (day.holding[i], day.failed[i]));
        // As the warm-up calendar reports it: no cap once it covers the day.
        let wanted = self.enough[i].max(requested.ceil() as u64);
        let cap = binding(cap.map(|c| c as u64), wanted).map(|c| c as f64);
        let mut record = st.record(day.date.clone(), Some((requested, cap, &outcome)));
        // A day the cap covers is warm: there is no ramp for an imported
        // failed day to hold, as on the split once the move completes.
        if cap.is_none() {
            record.move_held = record.move_held.filter(|h| *h == MoveHold::HoldDate);
        }
        record.lost = lost;
        record.passed_on.extend(spilled);
        (record, value_sent(&mail, &sent))
    }

    /// Hands the promotions a fired fallback takes off a lane to the lane
    /// it shifts them to; returns what goes nowhere, since mail paused,
    /// shifted to a lane the plan lacks or left out of a narrowed audience
    /// is wanted and never sent, and what was shifted.
    fn hand_on(
        &self,
        (i, st): (usize, &LaneState),
        withheld: &Mail,
        to: (&mut [Handed], &Today),
    ) -> (f64, Option<PassedOn>) {
        if let Some(Action::ShiftTo(target)) = &st.fired {
            if let Some(t) = self.index(target) {
                return (0.0, self.hand((i, t), (withheld, Passing::Shifted), to));
            }
        }
        (withheld[0].iter().sum(), None)
    }

    /// Sends lane `i`'s overflow where its warm-up plan says: to its next
    /// sending day, into another lane's turn, or nowhere; returns what is
    /// lost and what was spilled.
    fn overflow(
        &self,
        (i, st): (usize, &mut LaneState),
        over: Mail,
        (carry, day): (&mut [Handed], &Today),
    ) -> (f64, Option<PassedOn>) {
        let target = match self.lanes[i]
            .warmup
            .as_ref()
            .map(|w| (w.overflow, w.spill_lane.as_deref()))
        {
            Some((Overflow::Defer, _)) => {
                st.defer(over, day.on);
                return (0.0, None);
            }
            Some((Overflow::Spill, Some(target))) => self.index(target).filter(|&t| t != i),
            _ => None,
        };
        match target {
            Some(t) => (
                0.0,
                self.hand((i, t), (&over, Passing::Spilled), (carry, day)),
            ),
            None => (over[0].iter().sum(), None),
        }
    }

    /// Hands lane `i`'s `mail` to lane `t`'s next turn; returns the part
    /// lane `i`'s row passes on, which lane `t`'s names as passed in.
    fn hand(
        &self,
        (i, t): (usize, usize),
        (mail, why): (&Mail, Passing),
        (carry, day): (&mut [Handed], &Today),
    ) -> Option<PassedOn> {
        let volume: f64 = mail[0].iter().sum();
        add(&mut carry[t].mail, mail);
        if volume <= 0.0 {
            return None;
        }
        carry[t].from.push(PassedIn {
            lane_id: self.lanes[i].id.clone(),
            on: day.date.clone(),
            volume,
            why,
        });
        Some(PassedOn {
            lane_id: self.lanes[t].id.clone(),
            volume,
            why,
        })
    }

    /// Places lane `i`'s delivered mail, then credits the `value` of the
    /// delivered mail sent in proportion to what reached the inbox.
    fn place(&self, i: usize, state: &[LaneState], d: &mut LaneDay, value: (f64, f64)) {
        let (value_sent, flows_sent) = value;
        let inbox_share = self.inbox_share(i, state, d.gmail_ineligible);
        d.inbox = d.delivered * inbox_share;
        d.revenue = value_sent * inbox_share;
        d.revenue_flows = flows_sent * inbox_share;
    }

    /// The share of lane `i`'s delivered mail that reaches the inbox over
    /// the provider mix, each provider placing by the lane's reputation
    /// blended with its organisation's.
    fn inbox_share(&self, i: usize, state: &[LaneState], gmail_ineligible: bool) -> f64 {
        let settings = self.settings;
        // A lane that has sent nothing yet has no reputation to share.
        let (mut shared, mut count) = ([0.0; 5], 0.0);
        for &j in self.peers[i]
            .iter()
            .filter(|&&j| j == i || state[j].has_sent)
        {
            count += 1.0;
            (shared.iter_mut().zip(state[j].reputation)).for_each(|(s, r)| *s += r);
        }
        let count = f64::max(count, 1.0);
        let mut inbox_share = 0.0;
        for (p, shared) in shared.iter().enumerate() {
            let r = (1.0 - settings.shared_weight) * state[i].reputation[p]
                + settings.shared_weight * shared / count;
            let mut inbox = Tier::of(r).inbox();
            if p == GMAIL && gmail_ineligible {
                inbox *= 0.6;
            }
            inbox_share += settings.mix[p] * inbox;
        }
        inbox_share
    }

    /// Fires lane `i`'s fallback plan on the first day a trigger trips; it
    /// acts from the lane's next turn.
    fn watch(&self, i: usize, st: &mut LaneState, d: &mut LaneDay, run: &mut LaneRun) {
        let Some(fb) = self.fallbacks[i] else {
            return;
        };
        if st.fired.is_some() {
            return;
        }
        if let Some(t) = trigger(fb, (&self.settings.mix, &st.reputation), st.known, d) {
            d.triggered = Some(t);
            st.fired = Some(fb.action.clone());
            run.fallback_on = Some(d.date.clone());
        }
    }

    /// The position of the lane with `id`, if the plan has one.
    fn index(&self, id: &str) -> Option<usize> {
        self.lanes.iter().position(|l| l.id == id)
    }
}

/// Each lane's peers, whose reputations its placement blends with its
/// own: the lanes under the brand's primary domain are one organisation,
/// and any other lane shares only with lanes of its sending domain.
fn peers(plan: &Plan) -> Vec<Vec<usize>> {
    let primary = normalize_domain(&plan.brand.primary_domain).unwrap_or_default();
    let group: Vec<&str> = plan
        .lanes
        .iter()
        .map(|l| {
            if !primary.is_empty() && is_within(&l.sending_domain, &primary) {
                primary.as_str()
            } else {
                l.sending_domain.as_str()
            }
        })
        .collect();
    (0..group.len())
        .map(|i| (0..group.len()).filter(|&j| group[j] == group[i]).collect())
        .collect()
}

/// What trips a fallback plan today, if anything: the plan watches the
/// numbers a sender sees today (the day's bounces, and the `complaints`
/// reported by now, which arrive days late), and a Low or Bad tier trips
/// it. As in monitoring, a day counts only from `DAY_MIN_MESSAGES`
/// messages: a quiet day's fraction of a complaint is no signal, and
/// Postmaster Tools shows no reputation for so little mail.
fn trigger(
    fb: &Fallback,
    (mix, reputation): (&[f64; 5], &[f64; 5]),
    complaints: f64,
    d: &LaneDay,
) -> Option<Trigger> {
    let mean_r = super::blended(mix, reputation);
    if d.accepted < DAY_MIN_MESSAGES as f64 {
        None
    } else if matches!(Tier::of(mean_r), Tier::Low | Tier::Bad) {
        Some(Trigger::TierLow)
    } else if complaints >= fb.complaints_at {
        Some(Trigger::Complaints)
    } else if d.bounce_rate >= fb.bounces_at {
        Some(Trigger::Bounces)
    } else {
        None
    }
}

/// Lanes in an order where each comes after the lanes that hand it mail
/// (a warm-up's spill, a fallback's shift); otherwise in the plan's order.
/// Lanes that hand mail round in a circle keep the plan's order.
fn turns(lanes: &[&Lane], fallbacks: &[Option<&Fallback>]) -> Vec<usize> {
    let index = |id: &str| lanes.iter().position(|l| l.id == id);
    let hands_to: Vec<Vec<usize>> = (lanes.iter().zip(fallbacks))
        .map(|(lane, fallback)| {
            let spill = (lane.warmup.as_ref())
                .filter(|w| w.overflow == Overflow::Spill)
                .and_then(|w| w.spill_lane.as_deref());
            let shift = fallback.and_then(|f| match &f.action {
                Action::ShiftTo(target) => Some(target.as_str()),
                _ => None,
            });
            let mut to: Vec<usize> = spill.into_iter().chain(shift).filter_map(index).collect();
            to.sort_unstable();
            to.dedup();
            to
        })
        .collect();
    let mut waiting: Vec<usize> = (0..lanes.len())
        .map(|i| {
            hands_to
                .iter()
                .enumerate()
                .filter(|(j, to)| *j != i && to.contains(&i))
                .count()
        })
        .collect();
    let mut order = Vec::with_capacity(lanes.len());
    while order.len() < lanes.len() {
        let free = (0..lanes.len()).find(|i| !order.contains(i) && waiting[*i] == 0);
        // A circle: the first lane left goes next.
        let next =
            free.unwrap_or_else(|| (0..lanes.len()).find(|i| !order.contains(i)).unwrap_or(0));
        order.push(next);
        for &to in &hands_to[next] {
            waiting[to] = waiting[to].saturating_sub(1);
        }
    }
    order
}
