//! Lane health from the imported counts: the plan's mapping from lane keys
//! to lanes (with suggestions for keys not mapped yet), each lane's rates
//! per day and by mailbox provider, a status against its thresholds (over
//! the last `WINDOW_DAYS` days, and for each of those days on its own,
//! since Gmail judges spam rates per day), the fallback plan's triggers on
//! the real numbers (the weekly review is in `review`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use rustc_hash::FxHashMap as HashMap;

use super::{date_of_day, day_of_iso, Counts, KeyKind, LaneKey, Mailbox, Store};
use crate::plan::model::{FallbackAction, Lane, Plan, Purpose, Thresholds};

mod judge;
mod keys;

pub(super) use judge::judge;
use judge::{day_point, first_firing, judge_days, verdict, window_start};
use keys::mapped;
pub use keys::suggest;

/// Days a lane's status and its fallback triggers look back over: their
/// totals, and the days in them that count on their own.
pub const WINDOW_DAYS: i32 = 7;

/// Messages a day needs before its own rates count; the simulation's
/// fallback triggers use the same.
pub use crate::plan::model::DAY_MIN_MESSAGES;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NoData,
    Healthy,
    Watch,
    Act,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::NoData => "No data",
            Status::Healthy => "Healthy",
            Status::Watch => "Watch",
            Status::Act => "Act",
        }
    }
}

/// Rates over some counts, in %; `None` where the data cannot say.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rates {
    pub sent: u64,
    pub delivered: u64,
    pub delivered_percent: Option<f64>,
    pub hard_bounce_percent: Option<f64>,
    pub soft_bounce_percent: Option<f64>,
    pub bounce_percent: Option<f64>,
    pub complaint_percent: Option<f64>,
    pub unsubscribe_percent: Option<f64>,
    pub open_percent: Option<f64>,
    pub click_percent: Option<f64>,
    /// Share of opens flagged as machine opens.
    pub machine_open_percent: Option<f64>,
    pub revenue_per_recipient: Option<f64>,
    pub trap_hits: u64,
    /// Microsoft SNDS's worst filter result: 0 none, 1 green, 2 yellow, 3 red.
    pub filter: u8,
}

/// A rate as the pages and the readiness report write it, such as
/// "0.12%", or "–" where the data cannot say.
pub fn rate_text(rate: Option<f64>, digits: u32) -> String {
    rate.map_or("–".to_string(), |x| {
        format!("{}%", crate::units::fixed(x, digits))
    })
}

fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

impl Rates {
    pub fn of(c: &Counts) -> Rates {
        // Each key's counts come with their own sent (`health`); in an
        // event file, a day's deliveries of mail sent the day before
        // can still outnumber its send events, so rates are taken against
        // at least what was delivered or bounced, never above 100%.
        let sent = c.sent_or_inferred();
        // Complaints count against delivered mail, as Gmail and Yahoo do;
        // data without deliveries (SNDS) counts them against sent.
        let base = if c.delivered > 0 { c.delivered } else { sent };
        let bounced = c.hard_bounces.saturating_add(c.soft_bounces);
        let has_outcomes = c.delivered > 0 || bounced > 0;
        Rates {
            sent,
            delivered: c.delivered,
            delivered_percent: has_outcomes.then(|| percent(c.delivered, sent)).flatten(),
            hard_bounce_percent: has_outcomes
                .then(|| percent(c.hard_bounces, sent))
                .flatten(),
            soft_bounce_percent: has_outcomes
                .then(|| percent(c.soft_bounces, sent))
                .flatten(),
            bounce_percent: has_outcomes.then(|| percent(bounced, sent)).flatten(),
            complaint_percent: percent(c.complaints, base),
            unsubscribe_percent: percent(c.unsubscribes, base),
            open_percent: (c.opens > 0).then(|| percent(c.opens, base)).flatten(),
            click_percent: (c.clicks > 0 || c.opens > 0)
                .then(|| percent(c.clicks, base))
                .flatten(),
            machine_open_percent: percent(c.machine_opens, c.opens).filter(|_| c.machine_opens > 0),
            revenue_per_recipient: (c.revenue_cents > 0 && base > 0)
                .then(|| c.revenue_cents as f64 / 100.0 / base as f64),
            trap_hits: c.trap_hits,
            filter: c.filter,
        }
    }
}

/// A lane key found in the data, with its volume and lane.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyRow {
    pub key: LaneKey,
    pub sent: u64,
    /// The lane it is mapped to, and whether by the plan's mapping (or by
    /// being the lane's own id).
    pub lane: Option<String>,
    pub mapped: bool,
    /// A lane the plan suggests, and why.
    pub suggestion: Option<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayPoint {
    pub day: i32,
    pub date: String,
    pub counts: Counts,
    pub rates: Rates,
    /// The action lines the day reaches on its own, with enough mail to
    /// count (`DAY_MIN_MESSAGES`).
    #[serde(default)]
    pub acts: Vec<String>,
}

/// When a fallback trigger first fired on the real numbers: the first day
/// whose trailing window, or which on its own, reached an action line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Firing {
    pub date: String,
    /// The first day of the window judged that day, which is `date` when
    /// the day reached an action line with no earlier day in the window.
    pub from: String,
    pub why: String,
}

impl Firing {
    /// When it fired and over which days, since the window's rates differ
    /// from the ones the lane's status reads over its latest window:
    /// "on 2026-12-03, over 2026-12-01 to 2026-12-03".
    pub fn when(&self) -> String {
        match self.from == self.date {
            true => format!("on {}", self.date),
            false => format!("on {}, over {} to {}", self.date, self.from, self.date),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LaneHealth {
    pub lane: String,
    pub name: String,
    pub purpose: Purpose,
    pub status: Status,
    pub reasons: Vec<String>,
    pub thresholds: Thresholds,
    /// The lane has no thresholds of its own; the reference's apply.
    pub reference_thresholds: bool,
    /// The last `WINDOW_DAYS` days with data.
    pub window: Rates,
    pub window_from: String,
    pub window_to: String,
    pub days: Vec<DayPoint>,
    pub by_provider: Vec<(Mailbox, Rates)>,
    /// Postmaster Tools spam rates for the lane's domains: (date, domain, %).
    pub postmaster: Vec<(String, String, f64)>,
    pub firing: Option<Firing>,
    /// What the plan's fallback for the lane prescribes.
    pub fallback: Option<String>,
}

impl LaneHealth {
    /// The Postmaster Tools figure that judges the lane
    /// (`postmaster_figure`), over the days up to its last day of data.
    pub fn judging_postmaster(&self) -> Option<&(String, String, f64)> {
        postmaster_figure(&self.postmaster, self.days.last().map(|d| d.day))
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Health {
    pub keys: Vec<KeyRow>,
    pub lanes: Vec<LaneHealth>,
    /// "Is the clean lane staying clean?"
    pub clean_lane: Option<String>,
    /// Domains of imported Postmaster Tools figures that no lane's are.
    #[serde(default)]
    pub unmatched_postmaster: Vec<String>,
}

/// The format name of Microsoft SNDS data.
const SNDS: &str = "Microsoft SNDS";

/// Counts per lane, day and mailbox provider.
type ByLane = BTreeMap<String, BTreeMap<i32, BTreeMap<Mailbox, Counts>>>;

/// Adds SNDS's days to the lanes' Microsoft mail. SNDS sees, at the
/// sending IP, the same mail a vendor's events count: on a day the lane
/// has other data, only its filter result and trap hits are added, so
/// Microsoft's mail is not counted twice.
fn add_snds(lanes: &mut ByLane, snds: ByLane) {
    for (lane, days) in snds {
        let lane = lanes.entry(lane).or_default();
        for (day, by) in days {
            let on_day = lane.entry(day).or_default();
            let alone = on_day.is_empty();
            for (mailbox, counts) in by {
                let seen = Counts {
                    trap_hits: counts.trap_hits,
                    filter: counts.filter,
                    ..Counts::default()
                };
                let add = if alone { counts } else { seen };
                on_day.entry(mailbox).or_default().add(&add);
            }
        }
    }
}

/// The lane keys some file counts mail sent for: the per-day CSV's sent
/// column, SNDS's recipients, a vendor's send events. Postmark's webhooks
/// have no send event, nor has an export of deliveries only. (A map of
/// the kind `health` keeps its keys' volume in, so no other is compiled.)
fn keys_counting_sent(store: &Store) -> BTreeMap<LaneKey, Counts> {
    let mut sending: BTreeMap<LaneKey, Counts> = BTreeMap::new();
    for source in &store.sources {
        for super::Row(_, key, _, counts) in source.rows.iter().filter(|r| r.3.sent > 0) {
            if let Some(k) = source.keys.get(*key as usize) {
                sending.entry(k.clone()).or_default().add(counts);
            }
        }
    }
    sending
}

/// Everything the monitoring page shows.
pub fn health(plan: &Plan, store: &Store) -> Health {
    // Keys across the sources, with their volume and lane.
    let mut volume: BTreeMap<LaneKey, Counts> = BTreeMap::new();
    // Per lane: day → provider → counts.
    let mut lanes: ByLane = BTreeMap::new();
    let latest = latest_csv_days(store);
    let sending = keys_counting_sent(store);
    // SNDS's rows, kept apart until the lanes' other data is in.
    let mut snds: ByLane = BTreeMap::new();
    for (index, source) in store.sources.iter().enumerate() {
        let lane_of: Vec<Option<String>> = source
            .keys
            .iter()
            .map(|k| mapped(plan, k).map(|(lane, _)| lane))
            .collect();
        for super::Row(day, key, mailbox, counts) in &source.rows {
            let (day, mailbox) = (*day, *mailbox);
            let Some(k) = source.keys.get(*key as usize) else {
                continue;
            };
            // A key's deliveries stand in for its sends only where no file
            // counts its sends: files split by event type (an SES event
            // destination per type) then count the mail once, and another
            // key's deliveries never stand in for this key's sends.
            let counts = Counts {
                sent: if sending.contains_key(k) {
                    counts.sent
                } else {
                    counts.sent_or_inferred()
                },
                ..*counts
            };
            // A later per-day CSV file's figures for the day replace these.
            if k.kind == KeyKind::CsvLane
                && latest.get(&(day, k.value.as_str(), mailbox)) != Some(&index)
            {
                continue;
            }
            // Summed first and then, as the lane's figures count it, sent
            // at least what was delivered or bounced: deliveries on the day
            // after their sends are not counted again.
            volume.entry(k.clone()).or_default().add(&counts);
            let Some(Some(lane)) = lane_of.get(*key as usize) else {
                continue;
            };
            let into = if source.format == SNDS {
                &mut snds
            } else {
                &mut lanes
            };
            (into
                .entry(lane.clone())
                .or_default()
                .entry(day)
                .or_default())
            .entry(mailbox)
            .or_default()
            .add(&counts);
        }
    }
    add_snds(&mut lanes, snds);
    let keys = volume
        .into_iter()
        .map(|(key, counts)| {
            let found = mapped(plan, &key);
            KeyRow {
                sent: counts.sent_or_inferred(),
                lane: found.as_ref().map(|(l, _)| l.clone()),
                mapped: found.as_ref().is_some_and(|(_, by_plan)| *by_plan),
                suggestion: if found.is_none() {
                    suggest(plan, &key)
                } else {
                    None
                },
                key,
            }
        })
        .collect();
    let (postmaster, unmatched_postmaster) = postmaster_by_lane(plan, store);
    let lanes: Vec<LaneHealth> = plan
        .lanes
        .iter()
        .map(|lane| lane_health(plan, lane, lanes.get(&lane.id), &postmaster))
        .collect();
    let clean_lane = plan
        .lanes
        .iter()
        .zip(&lanes)
        .find(|(l, _)| l.purpose == Purpose::Transactional)
        .map(|(l, h)| match h.status {
            Status::NoData => format!("No data for {} yet: import its events to see.", l.name),
            Status::Healthy => format!(
                "Yes: {} is healthy over its last {WINDOW_DAYS} days of data.",
                l.name
            ),
            Status::Watch | Status::Act => format!("No: {}: {}.", l.name, h.reasons.join("; ")),
        });
    Health {
        keys,
        lanes,
        clean_lane,
        unmatched_postmaster,
    }
}

/// The per-day CSV file whose figures count for each day, lane and
/// provider: the last imported that gives them, by its place in the store.
fn latest_csv_days(store: &Store) -> HashMap<(i32, &str, Mailbox), usize> {
    let mut latest = HashMap::default();
    for (index, source) in store.sources.iter().enumerate() {
        for super::Row(day, key, mailbox, _) in &source.rows {
            if let Some(k) = source.keys.get(*key as usize) {
                if k.kind == KeyKind::CsvLane {
                    latest.insert((*day, k.value.as_str(), *mailbox), index);
                }
            }
        }
    }
    latest
}

/// A Postmaster Tools figure by lane: (lane id, date, domain, %).
type LaneFigure = (String, String, String, f64);

/// Postmaster Tools rates (imported and typed in) by the lane whose domain
/// they are about (`Plan::postmaster_lanes`), and the imported figures'
/// domains no lane's are, so that the page can say they go uncounted.
fn postmaster_by_lane(plan: &Plan, store: &Store) -> (Vec<LaneFigure>, Vec<String>) {
    let imported = store.sources.iter().flat_map(|s| s.postmaster.iter());
    let mut figures: Vec<(i32, String, f64, bool)> = imported
        .map(|(d, domain, r)| (*d, domain.clone(), *r, true))
        .collect();
    // A typed rate no percentage can be is an error at its field, and
    // judges no lane until it is corrected.
    let typed = (plan.monitoring.postmaster.iter())
        .filter(|p| (0.0..=100.0).contains(&p.spam_rate_percent));
    figures.extend(typed.filter_map(|p| {
        let domain = p.domain.trim().to_ascii_lowercase();
        Some((day_of_iso(&p.date)?, domain, p.spam_rate_percent, false))
    }));
    figures.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out = Vec::new();
    let mut unmatched: Vec<String> = Vec::new();
    for (day, domain, rate, imported) in figures {
        let lanes = plan.postmaster_lanes(&domain);
        if lanes.is_empty() && imported && !unmatched.contains(&domain) {
            unmatched.push(domain.clone());
        }
        for lane in lanes {
            out.push((lane.id.clone(), date_of_day(day), domain.clone(), rate));
        }
    }
    unmatched.sort();
    (out, unmatched)
}

fn lane_health(
    plan: &Plan,
    lane: &Lane,
    data: Option<&BTreeMap<i32, BTreeMap<Mailbox, Counts>>>,
    postmaster: &[LaneFigure],
) -> LaneHealth {
    let (t, reference) = plan.monitoring.thresholds_or_reference(&lane.id);
    let mut health = LaneHealth {
        lane: lane.id.clone(),
        name: lane.name.clone(),
        purpose: lane.purpose,
        status: Status::NoData,
        reasons: Vec::new(),
        thresholds: t.clone(),
        reference_thresholds: reference,
        window: Rates::default(),
        window_from: String::new(),
        window_to: String::new(),
        days: Vec::new(),
        by_provider: Vec::new(),
        postmaster: postmaster
            .iter()
            .filter(|p| p.0 == lane.id)
            .map(|p| (p.1.clone(), p.2.clone(), p.3))
            .collect(),
        firing: None,
        fallback: fallback(plan, &lane.id),
    };
    match data {
        Some(data) => read_days(&mut health, data, &t),
        // Postmaster Tools' spam rates alone still judge the lane.
        None if !health.postmaster.is_empty() => {
            let (status, reason) =
                postmaster_line(&health).map_or((Status::Healthy, None), |(s, r)| (s, Some(r)));
            health.status = status;
            health.reasons.extend(reason);
        }
        None => {}
    }
    health
}

/// The lane's planned fallback, in words.
fn fallback(plan: &Plan, lane: &str) -> Option<String> {
    let f = plan.simulation.fallbacks.iter().find(|f| f.lane == lane)?;
    Some(match f.action {
        FallbackAction::PausePromotions => "Pause promotions on the lane".to_string(),
        FallbackAction::Shift => format!(
            "Shift its promotions to {}",
            f.shift_lane
                .as_deref()
                .map_or("another lane", |l| plan.lane_name(l))
        ),
        FallbackAction::TightenTo30Days => {
            "Mail only people engaged in the last 30 days".to_string()
        }
    })
}

/// Fills in the lane's days, its last window by day and by mailbox
/// provider, and its status with the reasons for it.
fn read_days(
    health: &mut LaneHealth,
    data: &BTreeMap<i32, BTreeMap<Mailbox, Counts>>,
    t: &Thresholds,
) {
    // Where the data counts sends, a day shows the sends it counted, so the
    // days add up to the lane's sent; its rates still take at least what it
    // delivered or bounced, as mail sent the day before arrives.
    let counts_sends = data.values().flat_map(|by| by.values()).any(|c| c.sent > 0);
    health.days = data
        .iter()
        .map(|(day, by)| {
            let mut total = Counts::default();
            by.values().for_each(|c| total.add(c));
            let mut point = day_point(*day, &total, t);
            if counts_sends {
                point.rates.sent = total.sent;
            }
            point
        })
        .collect();
    health.firing = first_firing(&health.days, t);
    let last = health.days.last().map_or(0, |p| p.day);
    let start = window_start(&health.days, health.days.len().saturating_sub(1));
    let mut providers: BTreeMap<Mailbox, Counts> = BTreeMap::new();
    for by in data.range(last - WINDOW_DAYS + 1..=last).map(|(_, by)| by) {
        for (mailbox, c) in by {
            providers.entry(*mailbox).or_default().add(c);
        }
    }
    health.window_from = health
        .days
        .get(start)
        .map_or_else(String::new, |p| p.date.clone());
    health.window_to = date_of_day(last);
    health.by_provider = providers.iter().map(|(m, c)| (*m, Rates::of(c))).collect();
    let (window, mut act, mut watch) = judge_days(&health.days[start..], t);
    health.window = window;
    // Postmaster Tools' reason takes its place among the others, worst
    // first, so an Act lane starts with what makes it act.
    match postmaster_line(health) {
        Some((Status::Act, reason)) => act.push(reason),
        Some((_, reason)) => watch.push(reason),
        None => {}
    }
    (health.status, health.reasons) = verdict(act, watch);
}

/// The Postmaster Tools figure a lane is judged by: the highest of its
/// figures (its own domain's and the primary domain's, each imported or
/// typed) in the `WINDOW_DAYS` days up to the later of its latest figure
/// and `last_data`, the lane's last day of delivery data. Gmail judges
/// each day's spam rate, so a bad day counts beside a later good one, as a
/// bad day of delivery data does, and a figure from before the window
/// judges nothing; of equal rates, the latest.
pub fn postmaster_figure(
    postmaster: &[(String, String, f64)],
    last_data: Option<i32>,
) -> Option<&(String, String, f64)> {
    let day = |p: &(String, String, f64)| day_of_iso(&p.0);
    let latest = postmaster.iter().filter_map(day).max()?;
    let end = last_data.map_or(latest, |last| last.max(latest));
    (postmaster.iter())
        .filter(|p| day(p).is_some_and(|d| d > end - WINDOW_DAYS && d <= end))
        .max_by(|a, b| a.2.total_cmp(&b.2).then_with(|| a.0.cmp(&b.0)))
}

/// What a Postmaster Tools spam rate (in %) says of a lane on its own:
/// Act from Gmail's and Yahoo's 0.3% line, Watch from their 0.1% line.
pub fn spam_rate_status(rate: f64) -> Status {
    if rate >= 0.3 {
        Status::Act
    } else if rate >= 0.1 {
        Status::Watch
    } else {
        Status::Healthy
    }
}

/// Gmail's and Yahoo's spam-rate lines, read on the figure that judges the
/// lane (`LaneHealth::judging_postmaster`): 0.3% or more calls for action, 0.1% or more
/// for watching.
fn postmaster_line(health: &LaneHealth) -> Option<(Status, String)> {
    let (date, domain, rate) = health.judging_postmaster()?;
    let level = spam_rate_status(*rate);
    let line = match level {
        Status::Act => "0.3% action",
        Status::Watch => "0.1% watch",
        _ => return None,
    };
    let reason = format!(
        "Postmaster Tools spam rate {}% for {domain} on {date} reaches the {line} line",
        crate::units::fixed(*rate, 2)
    );
    Some((level, reason))
}
