//! Plan lint: the common mistakes of the guidance, found in the plan as
//! routed. Each finding explains the rule it breaks and points at the place
//! to fix it. Validation (`validate`) checks values; this checks the design.

use chrono::Datelike;

use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, JourneyField, LaneField, ThresholdField, TopicField};
use crate::plan::model::{
    Audience, EngagementFilter, FallbackAction, FallbackPlan, Intent, Journey, Lane, LaneStatus,
    Overflow, Plan, Preferences, Purpose, Topic, TopicKind, Trigger,
};
use crate::plan::routing::Routing;
use crate::plan::validate::{is_warm, shift_fix, spill_fix};
use crate::warmup::calendar::Wanted;

/// Share of the daily volume above which the clean lane is too big.
pub const CLEAN_LANE_MAX_SHARE: u64 = 20;

/// Promotional mail, VIP offers included.
fn is_promotional(intent: Intent) -> bool {
    intent.is_broadcast() || intent == Intent::VipOffer
}

/// Every design finding for the plan as routed.
pub fn lint(plan: &Plan, routing: &Routing) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (index, lane) in plan.lanes.iter().enumerate() {
        let on_lane = Carried {
            plan,
            lane,
            at: format!("$.lanes[{index}]"),
            journeys: routed_to(plan, routing, lane),
        };
        out.extend(on_lane.findings());
    }
    identity(plan, &mut out);
    shared_domains(plan, &mut out);
    out.extend(late_events(plan));
    out.extend(no_fallback(plan));
    out.extend(into_transactional(plan));
    monitoring(plan, &mut out);
    seeds(plan, &mut out);
    preferences(plan, &mut out);
    out.extend(super::migration::findings(plan, routing));
    // What the sending platform and each lane's ESP cannot build as drawn.
    out.extend(crate::platform::customer_io::findings(plan, routing));
    out.extend(crate::platform::limits::findings(plan, routing));
    out
}

/// The journeys routed to `lane`, with their index in the plan.
fn routed_to<'a>(plan: &'a Plan, routing: &Routing, lane: &Lane) -> Vec<(usize, &'a Journey)> {
    routing
        .routes
        .iter()
        .enumerate()
        .filter(|(_, r)| r.lane_id.as_deref() == Some(lane.id.as_str()))
        .filter_map(|(i, _)| Some((i, plan.journeys.get(i)?)))
        .collect()
}

/// A lane and the journeys it carries: the mix of mail the guidance warns
/// about.
struct Carried<'a> {
    plan: &'a Plan,
    lane: &'a Lane,
    /// The lane's JSON path.
    at: String,
    journeys: Vec<(usize, &'a Journey)>,
}

impl Carried<'_> {
    fn findings(&self) -> Vec<Diagnostic> {
        [
            self.promos_with_recovery(),
            self.transactional_on_marketing(),
            self.marketing_on_transactional(),
            self.clean_lane_too_big(),
            self.promo_without_filter(),
            self.cold_audience_while_warming(),
            self.warming_between_sends(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    fn has(&self, f: fn(Intent) -> bool) -> bool {
        self.journeys.iter().any(|(_, j)| f(j.intent))
    }

    /// Overrides moving the journeys whose intent passes `f` to another
    /// lane of `purpose`, and that lane.
    fn move_to(&self, purpose: Purpose, f: fn(Intent) -> bool) -> Option<(&Lane, Vec<Edit>)> {
        let target = other_lane(self.plan, &self.lane.id, purpose)?;
        Some((target, moves(&self.journeys, f, target)))
    }

    fn promos_with_recovery(&self) -> Option<Diagnostic> {
        if !(self.has(is_promotional) && self.has(Intent::is_recovery)) {
            return None;
        }
        let finding = Diagnostic::error(
            "lint.promos_with_recovery",
            &self.at,
            format!("{} carries promotions and cart or checkout recovery together, so a noisy promotion calendar can drag recovery into the spam folder.", self.lane.name),
        )
        .hint("Route the promotions, or the recovery flows, to their own lane.");
        let fix = self
            .move_to(Purpose::RevenueFlows, Intent::is_recovery)
            .or_else(|| self.move_to(Purpose::Promotional, is_promotional));
        Some(match fix {
            Some((target, edits)) => finding.fix(format!("Move them to {}", target.name), edits),
            None => finding,
        })
    }

    fn transactional_on_marketing(&self) -> Option<Diagnostic> {
        let marketing = matches!(
            self.lane.purpose,
            Purpose::Promotional | Purpose::RevenueFlows | Purpose::Vip
        );
        if !(marketing && self.has(Intent::is_transactional)) {
            return None;
        }
        let finding = Diagnostic::warning(
            "lint.transactional_on_marketing",
            &self.at,
            format!("{} is a marketing lane but carries receipts, shipping updates or password resets.", self.lane.name),
        )
        .hint("Send transactional mail through the transactional lane, whose reputation marketing cannot touch.");
        Some(
            match self.move_to(Purpose::Transactional, Intent::is_transactional) {
                Some((target, edits)) => {
                    finding.fix(format!("Move them to {}", target.name), edits)
                }
                None => finding,
            },
        )
    }

    fn marketing_on_transactional(&self) -> Option<Diagnostic> {
        let marketing = self
            .journeys
            .iter()
            .any(|(_, j)| !j.intent.is_transactional());
        if !(self.lane.purpose == Purpose::Transactional && marketing) {
            return None;
        }
        let finding = Diagnostic::warning(
            "lint.marketing_on_transactional",
            &self.at,
            format!(
                "The transactional lane {} carries marketing journeys.",
                self.lane.name
            ),
        )
        .hint("Keep the clean lane to mail customers expect: receipts, shipping, account mail.");
        Some(
            match move_marketing_out(self.plan, self.lane, &self.journeys) {
                Some(edits) => finding.fix("Move them to the marketing lanes", edits),
                None => finding,
            },
        )
    }

    fn clean_lane_too_big(&self) -> Option<Diagnostic> {
        if self.lane.purpose != Purpose::Transactional {
            return None;
        }
        let volume: u64 = self
            .journeys
            .iter()
            .map(|(_, j)| u64::from(j.daily_volume))
            .sum();
        let share = volume * 100 / self.plan.total_daily_volume().max(1);
        if share <= CLEAN_LANE_MAX_SHARE {
            return None;
        }
        let finding = Diagnostic::warning(
            "lint.clean_lane_too_big",
            &self.at,
            format!("The clean lane {} sends {share}% of the daily volume, over {CLEAN_LANE_MAX_SHARE}%.", self.lane.name),
        )
        .hint("Keep the clean lane small and high intent; move everything that is not transactional out of it.");
        Some(
            match move_marketing_out(self.plan, self.lane, &self.journeys) {
                Some(edits) => finding.fix("Move its marketing journeys out", edits),
                None => finding,
            },
        )
    }

    fn promo_without_filter(&self) -> Option<Diagnostic> {
        let lane = self.lane;
        if lane.purpose != Purpose::Promotional || lane.engagement_filter != EngagementFilter::None
        {
            return None;
        }
        let filter = EngagementFilter::EngagedWithin { days: 90 };
        Some(
            Diagnostic::warning(
                "lint.promo_without_filter",
                format!("{}.engagement_filter", self.at),
                format!(
                    "The promotional lane {} mails everyone, engaged or not.",
                    lane.name
                ),
            )
            .hint("Add an engagement filter, such as opened or clicked in the last 90 days.")
            .fix(
                "Mail only people engaged in 90 days",
                vec![Edit::Lane {
                    lane: lane.id.clone(),
                    set: LaneField::EngagementFilter(filter),
                }],
            ),
        )
    }

    fn cold_audience_while_warming(&self) -> Option<Diagnostic> {
        if !matches!(self.lane.status, LaneStatus::New | LaneStatus::Warming) {
            return None;
        }
        let (i, j) = self
            .journeys
            .iter()
            .find(|(_, j)| j.audience == Audience::All)?;
        Some(
            Diagnostic::warning(
                "lint.cold_audience_on_warming_lane",
                format!("$.journeys[{i}].audience"),
                format!("{} mails everyone through {}, which is still warming up.", j.name, self.lane.name),
            )
            .hint("Start a warming lane with the most engaged audiences; add the rest as the ramp allows.")
            .fix(
                "Mail only people engaged in 90 days",
                vec![Edit::Journey {
                    journey: j.id.clone(),
                    set: JourneyField::Audience(Audience::Engaged90),
                }],
            ),
        )
    }

    /// A warming lane whose scheduled sends leave some of its ramp days
    /// without mail: the ramp advances only on days with mail, so it warms
    /// slower than the schedule reads.
    fn warming_between_sends(&self) -> Option<Diagnostic> {
        let warmup = self.lane.warmup.as_ref()?;
        let wanted = Wanted::of_journeys(self.journeys.iter().map(|(_, j)| *j));
        // Four weeks hold every cadence's send days, a month's included.
        let first = chrono::NaiveDate::from_ymd_opt(2024, 1, 1)?;
        let ramp_days: Vec<_> = first
            .iter_days()
            .take(28)
            .filter(|d| {
                warmup
                    .sending_weekdays
                    .contains(&(d.weekday().number_from_monday() as u8))
            })
            .collect();
        let with_mail = ramp_days.iter().filter(|d| !wanted.quiet_on(**d)).count();
        if wanted.is_empty() || with_mail == ramp_days.len() {
            return None;
        }
        let spread: Vec<Edit> = self
            .journeys
            .iter()
            .filter(|(_, j)| {
                matches!(
                    j.trigger,
                    Trigger::Scheduled {
                        send_day: Some(_),
                        ..
                    }
                )
            })
            .map(|(_, j)| Edit::Journey {
                journey: j.id.clone(),
                set: JourneyField::SendDay(None),
            })
            .collect();
        Some(
            Diagnostic::warning(
                "lint.warming_between_sends",
                format!("{}.warmup", self.at),
                format!(
                    "{}'s journeys want mail on {with_mail} of its {} ramp days in four weeks, and its warm-up advances only on days with mail.",
                    self.lane.name,
                    ramp_days.len()
                ),
            )
            .hint("A weekly sender ramps more slowly than a daily one: while the lane warms, spread its scheduled mail over the days, or start the warm-up earlier.")
            .fix("Spread its scheduled mail over every day", spread),
        )
    }
}

/// Journeys that send before the events they check can have arrived.
fn late_events(plan: &Plan) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, j) in plan.journeys.iter().enumerate() {
        let Trigger::Event {
            latency_minutes,
            delay_minutes,
            ..
        } = &j.trigger
        else {
            continue;
        };
        // A journey that waits checks the data when the wait ends; events
        // later than the wait are not there yet.
        if *delay_minutes == 0 || latency_minutes <= delay_minutes {
            continue;
        }
        let warning = Diagnostic::warning(
            "lint.latency_over_delay",
            format!("$.journeys[{i}].trigger"),
            format!("{}: events can arrive up to {latency_minutes} minutes late, longer than its {delay_minutes}-minute wait, so a purchase made meanwhile may not be known when it sends.", j.name),
        )
        .hint("Make the wait longer than the event latency, or speed up the data flow.");
        // The next quarter hour beyond the latency; a latency too large for
        // one has no wait to offer.
        out.push(match (latency_minutes / 15 + 1).checked_mul(15) {
            Some(wait) => warning.fix(
                format!("Wait {wait} minutes"),
                vec![Edit::Journey {
                    journey: j.id.clone(),
                    set: JourneyField::DelayMinutes(wait),
                }],
            ),
            None => warning,
        });
    }
    out
}

/// A plan of several lanes with no fallback for a reputation drop.
fn no_fallback(plan: &Plan) -> Option<Diagnostic> {
    if !plan.simulation.fallbacks.is_empty() || plan.lanes.len() < 2 {
        return None;
    }
    let finding = Diagnostic::info(
        "lint.no_fallback",
        "$.simulation.fallbacks",
        "No lane has a fallback plan for when its reputation drops.",
    )
    .hint("On the Simulation tab, give the promotional lane a fallback: pause promotions or mail only recent engagers.");
    let promotional: Vec<Edit> = plan
        .lanes
        .iter()
        .filter(|l| l.purpose == Purpose::Promotional)
        .map(|l| Edit::SetFallback {
            lane: l.id.clone(),
            action: Some(FallbackAction::PausePromotions),
        })
        .collect();
    Some(if promotional.is_empty() {
        finding
    } else {
        finding.fix("Pause promotions when it drops", promotional)
    })
}

/// Promotions and warm-up overflow sent into a warm transactional lane.
fn into_transactional(plan: &Plan) -> Vec<Diagnostic> {
    let fallbacks = plan.simulation.fallbacks.iter().enumerate();
    let lanes = plan.lanes.iter().enumerate();
    fallbacks
        .filter_map(|(i, f)| shift_to_transactional(plan, i, f))
        .chain(lanes.filter_map(|(i, l)| spill_to_transactional(plan, i, l)))
        .collect()
}

/// The transactional lane `id` names, when it is warm; a lane that is not
/// warm is validation's to report (`simulation.shift_cold`,
/// `warmup.spill_cold`).
fn warm_transactional<'a>(plan: &'a Plan, id: Option<&str>) -> Option<&'a Lane> {
    plan.lane(id?)
        .filter(|l| l.purpose == Purpose::Transactional && is_warm(l))
}

fn shift_to_transactional(
    plan: &Plan,
    index: usize,
    fallback: &FallbackPlan,
) -> Option<Diagnostic> {
    if fallback.action != FallbackAction::Shift {
        return None;
    }
    // Shifting to the lane itself is validation's error.
    let to = warm_transactional(plan, fallback.shift_lane.as_deref())
        .filter(|to| to.id != fallback.lane)?;
    Some(
        Diagnostic::warning(
            "lint.shift_to_transactional",
            format!("$.simulation.fallbacks[{index}].shift_lane"),
            format!(
                "When {} drops, its fallback shifts promotions to {}, the transactional lane, so a promotion gone wrong can take receipts and password resets down with it.",
                plan.lane_name(&fallback.lane),
                to.name
            ),
        )
        .hint("Shift promotions to a warm marketing lane, or pause them; keep the transactional lane for mail people ask for.")
        .with_fix(shift_fix(plan, fallback)),
    )
}

fn spill_to_transactional(plan: &Plan, index: usize, lane: &Lane) -> Option<Diagnostic> {
    let w = lane
        .warmup
        .as_ref()
        .filter(|w| w.overflow == Overflow::Spill)?;
    // Transactional overflow may spill into another transactional lane.
    if lane.purpose == Purpose::Transactional {
        return None;
    }
    let to = warm_transactional(plan, w.spill_lane.as_deref())?;
    Some(
        Diagnostic::warning(
            "lint.spill_to_transactional",
            format!("$.lanes[{index}].warmup.spill_lane"),
            format!(
                "The warm-up of {} spills its overflow into {}, the transactional lane, so marketing mail borrows the reputation that receipts and password resets need.",
                lane.name, to.name
            ),
        )
        .hint("Spill into a warm lane of the same kind, or defer the overflow.")
        .with_fix(spill_fix(plan, lane)),
    )
}

/// Another lane with this purpose, for a fix to move journeys to.
fn other_lane<'a>(plan: &'a Plan, not: &str, purpose: Purpose) -> Option<&'a Lane> {
    plan.lanes
        .iter()
        .find(|l| l.id != not && l.purpose == purpose)
}

/// Overrides that move the journeys whose intent passes `f` to `target`.
fn moves(journeys: &[(usize, &Journey)], f: fn(Intent) -> bool, target: &Lane) -> Vec<Edit> {
    journeys
        .iter()
        .filter(|(_, j)| f(j.intent))
        .map(|(_, j)| move_journey(j, target))
        .collect()
}

/// Overrides a journey's lane, the fix for a journey on the wrong lane.
fn move_journey(journey: &Journey, target: &Lane) -> Edit {
    Edit::Journey {
        journey: journey.id.clone(),
        set: JourneyField::LaneOverride(Some(target.id.clone())),
    }
}

/// Moves each marketing journey off the transactional lane to the lane its
/// intent belongs on; `None` when some journey has nowhere to go.
fn move_marketing_out(
    plan: &Plan,
    lane: &Lane,
    journeys: &[(usize, &Journey)],
) -> Option<Vec<Edit>> {
    let mut edits = Vec::new();
    for (_, j) in journeys
        .iter()
        .filter(|(_, j)| !j.intent.is_transactional())
    {
        let want = match j.intent {
            Intent::VipOffer => [Purpose::Vip, Purpose::Promotional],
            i if is_promotional(i) => [Purpose::Promotional, Purpose::Promotional],
            _ => [Purpose::RevenueFlows, Purpose::Promotional],
        };
        let target = want.iter().find_map(|p| other_lane(plan, &lane.id, *p))?;
        edits.push(move_journey(j, target));
    }
    (!edits.is_empty()).then_some(edits)
}

/// "Routing without measurement": a lane without thresholds has nothing to
/// be judged against.
fn monitoring(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for lane in &plan.lanes {
        if !plan.monitoring.thresholds.iter().any(|t| t.lane == lane.id) {
            out.push(
                Diagnostic::warning(
                    "lint.no_thresholds",
                    "$.monitoring.thresholds",
                    format!("{} has no monitoring thresholds, so nothing says when its complaints or bounces need action.", lane.name),
                )
                .hint("Set complaint, bounce and delivery thresholds for the lane on the Checklist tab.")
                .fix(
                    "Use the reference thresholds",
                    vec![Edit::Threshold {
                        lane: lane.id.clone(),
                        set: ThresholdField::Reset,
                    }],
                ),
            );
        }
    }
}

/// Share of seed-list results that reached the inbox, below which a lane
/// has a placement problem.
pub const SEED_INBOX_MIN_PERCENT: u32 = 80;

/// Seed results in the inbox (a tab counts) out of those tested, per lane.
pub fn seed_inbox(plan: &Plan, lane: &str) -> (u32, u32) {
    use crate::plan::model::Placement;
    let mut inbox = 0;
    let mut tested = 0;
    for seed in plan.checklist.seeds.iter().filter(|s| s.lane == lane) {
        for placement in [seed.gmail, seed.yahoo, seed.outlook] {
            if placement != Placement::NotTested {
                tested += 1;
                inbox += u32::from(matches!(placement, Placement::Inbox | Placement::Tab));
            }
        }
    }
    (inbox, tested)
}

fn seeds(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for lane in &plan.lanes {
        let (inbox, tested) = seed_inbox(plan, &lane.id);
        if tested > 0 && inbox * 100 < SEED_INBOX_MIN_PERCENT * tested {
            let last = plan
                .checklist
                .seeds
                .iter()
                .rposition(|s| s.lane == lane.id)
                .unwrap_or(0);
            out.push(
                Diagnostic::warning(
                    "lint.seed_inbox_rate",
                    format!("$.checklist.seeds[{last}]"),
                    format!("{} reached the inbox in {inbox} of {tested} seed-list results ({}%), under {SEED_INBOX_MIN_PERCENT}%.", lane.name, inbox * 100 / tested),
                )
                .hint("Check the lane's authentication and content, send only to engaged recipients for a while, and test again."),
            );
        }
    }
}

/// Lanes whose mail an unsubscribe must be able to stop: all but the
/// transactional lane, which carries mail customers need.
fn is_marketing(lane: &Lane) -> bool {
    lane.purpose != Purpose::Transactional
}

/// Topics for a plan that has none: promotions, lifecycle nudges and all
/// marketing, each suppressing the lanes it names, with one-click
/// unsubscribe on every marketing lane.
pub fn standard_preferences(plan: &Plan) -> Preferences {
    let lanes = |f: &dyn Fn(&Lane) -> bool| -> Vec<String> {
        plan.lanes
            .iter()
            .filter(|l| f(l))
            .map(|l| l.id.clone())
            .collect()
    };
    let topic = |id: &str, name: &str, kind: TopicKind, suppresses: Vec<String>| Topic {
        id: id.to_string(),
        name: name.to_string(),
        kind,
        suppresses,
    };
    let promotional = lanes(&|l| matches!(l.purpose, Purpose::Promotional | Purpose::Vip));
    let lifecycle =
        lanes(&|l| is_marketing(l) && !matches!(l.purpose, Purpose::Promotional | Purpose::Vip));
    let mut topics = Vec::new();
    if !promotional.is_empty() {
        topics.push(topic(
            "promotions",
            "Offers and news",
            TopicKind::Promotional,
            promotional,
        ));
    }
    if !lifecycle.is_empty() {
        topics.push(topic(
            "reminders",
            "Reminders and recommendations",
            TopicKind::Lifecycle,
            lifecycle,
        ));
    }
    topics.push(topic(
        "all-marketing",
        "All marketing email",
        TopicKind::AllMarketing,
        lanes(&is_marketing),
    ));
    Preferences {
        topics,
        one_click_lanes: lanes(&is_marketing),
        processing_days: 2,
    }
}

/// The fix that makes `topic`'s unsubscribe stop `lane`, or not.
fn suppress(topic: &Topic, lane: &Lane, on: bool) -> Vec<Edit> {
    vec![Edit::Topic {
        topic: topic.id.clone(),
        set: TopicField::Suppresses {
            lane: lane.id.clone(),
            on,
        },
    }]
}

/// An "all marketing" topic stops every marketing lane. A lane no topic
/// stops at all is `lint.lane_not_suppressible` instead.
fn all_marketing_stops_every_lane(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let topics = &plan.preferences.topics;
    let stopped = |lane: &Lane| topics.iter().any(|t| t.suppresses.contains(&lane.id));
    for (t, topic) in topics.iter().enumerate() {
        if topic.kind != TopicKind::AllMarketing {
            continue;
        }
        let missed = plan
            .lanes
            .iter()
            .filter(|l| is_marketing(l) && stopped(l) && !topic.suppresses.contains(&l.id));
        for lane in missed {
            out.push(
                Diagnostic::warning(
                    "lint.all_marketing_misses_lane",
                    format!("$.preferences.topics[{t}].suppresses"),
                    format!("“{}” is the unsubscribe from all marketing, but it does not stop {}.", topic.name, lane.name),
                )
                .hint("People who leave all marketing expect none of it: tick every marketing lane under this topic.")
                .fix(
                    format!("Let “{}” stop {}", topic.name, lane.name),
                    suppress(topic, lane, true),
                ),
            );
        }
    }
}

/// The unsubscribe policy: transactional mail stays out of reach of
/// marketing unsubscribes, every marketing lane can be stopped, with one
/// click, within two days.
fn preferences(plan: &Plan, out: &mut Vec<Diagnostic>) {
    topics(plan, out);
    all_marketing_stops_every_lane(plan, out);
    suppressible(plan, out);
    one_click(plan, out);
    let p = &plan.preferences;
    if p.processing_days > 2 {
        out.push(
            Diagnostic::error(
                "lint.unsubscribe_slow",
                "$.preferences.processing_days",
                format!(
                    "Unsubscribes take {} days to take effect.",
                    p.processing_days
                ),
            )
            .hint("Gmail and Yahoo require unsubscribes to be honoured within two days.")
            .fix(
                "Process them within 2 days",
                vec![Edit::SetProcessingDays(2)],
            ),
        );
    }
}

/// Each topic suppresses some lane, and none a transactional one.
fn topics(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for (t, topic) in plan.preferences.topics.iter().enumerate() {
        for lane in topic.suppresses.iter().filter_map(|id| plan.lane(id)) {
            if !is_marketing(lane) {
                out.push(
                    Diagnostic::error(
                        "lint.unsubscribe_suppresses_transactional",
                        format!("$.preferences.topics[{t}].suppresses"),
                        format!("Unsubscribing from “{}” stops {}, so customers who opt out of marketing would lose receipts and shipping updates.", topic.name, lane.name),
                    )
                    .hint("Transactional mail is not marketing: no marketing unsubscribe should suppress it.")
                    .fix(
                        format!("Stop “{}” suppressing {}", topic.name, lane.name),
                        suppress(topic, lane, false),
                    ),
                );
            }
        }
        if topic.suppresses.is_empty() {
            out.push(
                Diagnostic::warning(
                    "lint.topic_suppresses_nothing",
                    format!("$.preferences.topics[{t}].suppresses"),
                    format!(
                        "Unsubscribing from “{}” suppresses no lane, so it changes nothing.",
                        topic.name
                    ),
                )
                .hint("Tick the lanes this topic's mail goes through, or delete the topic."),
            );
        }
    }
}

/// Every marketing lane can be stopped by some unsubscribe topic.
fn suppressible(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let p = &plan.preferences;
    if p.topics.is_empty() && plan.lanes.iter().any(is_marketing) {
        out.push(
            Diagnostic::error(
                "lint.no_preference_topics",
                "$.preferences.topics",
                "No unsubscribe topic suppresses any lane, so an unsubscribe stops nothing.",
            )
            .hint("Decide which unsubscribes stop which lanes: many brands let people leave promotions and lifecycle nudges separately, and all marketing at once.")
            .fix(
                "Add the standard topics",
                vec![Edit::SetPreferences(standard_preferences(plan))],
            ),
        );
    } else {
        let all = p.topics.iter().find(|t| t.kind == TopicKind::AllMarketing);
        for lane in plan.lanes.iter().filter(|l| is_marketing(l)) {
            if !p.topics.iter().any(|t| t.suppresses.contains(&lane.id)) {
                let mut finding = Diagnostic::error(
                    "lint.lane_not_suppressible",
                    "$.preferences.topics",
                    format!("No unsubscribe topic stops {}, so people who unsubscribe keep getting its mail.", lane.name),
                )
                .hint("Tick the lane under the topics whose unsubscribes should stop it, at least “all marketing”.");
                if let Some(all) = all {
                    finding = finding.fix(
                        format!("Let “{}” stop it", all.name),
                        suppress(all, lane, true),
                    );
                }
                out.push(finding);
            }
        }
    }
}

/// Every marketing lane offers one-click unsubscribe (RFC 8058).
fn one_click(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let p = &plan.preferences;
    for lane in plan.lanes.iter().filter(|l| is_marketing(l)) {
        if !p.one_click_lanes.contains(&lane.id) {
            out.push(
                Diagnostic::error(
                    "lint.no_one_click",
                    "$.preferences.one_click_lanes",
                    format!("{} does not offer one-click unsubscribe.", lane.name),
                )
                .hint("Gmail and Yahoo require RFC 8058 List-Unsubscribe-Post headers on bulk marketing mail.")
                .fix(
                    "Offer one-click unsubscribe",
                    vec![Edit::SetOneClick {
                        lane: lane.id.clone(),
                        on: true,
                    }],
                ),
            );
        }
    }
}

/// Lanes of different purposes that send from one domain share its
/// reputation, which is what lanes are there to keep apart. The two lanes
/// of a migration may share one while the mail moves.
fn shared_domains(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let domain = |lane: &Lane| crate::domain::normalize_domain(&lane.sending_domain).ok();
    for (index, lane) in plan.lanes.iter().enumerate() {
        let Some(mine) = domain(lane) else {
            continue;
        };
        let Some((other_index, other)) =
            plan.lanes[..index].iter().enumerate().find(|(_, other)| {
                domain(other).as_ref() == Some(&mine)
                    && other.purpose != lane.purpose
                    && !migrating(plan, lane, other)
            })
        else {
            continue;
        };
        // The finding goes to the lane that looks moved onto the domain:
        // the one whose From address is elsewhere, else the later one.
        let sends_there = |l: &Lane| {
            crate::domain::address_domain(&l.from_address)
                .and_then(|d| crate::domain::normalize_domain(d).ok())
                .is_some_and(|d| crate::domain::is_within(&d, &mine))
        };
        let moved = if sends_there(lane) && !sends_there(other) {
            (other_index, other, lane)
        } else {
            (index, lane, other)
        };
        out.push(shared_domain(plan, moved, &mine));
    }
}

/// The finding that `lane`, at `index`, sends from `domain` as `other`
/// does, with a fix that gives it a subdomain of its own.
fn shared_domain(
    plan: &Plan,
    (index, lane, other): (usize, &Lane, &Lane),
    domain: &str,
) -> Diagnostic {
    let finding = Diagnostic::warning(
        "lint.shared_domain",
        format!("$.lanes[{index}].sending_domain"),
        format!("{} sends from {domain}, as {} does, so the two lanes share its reputation: complaints about one lane's mail hold back the other's.", lane.name, other.name),
    )
    .hint("Give each lane a subdomain of its own, such as receipts.brand.com for receipts and mail.brand.com for promotions.");
    let Some(own) = crate::plan::edit::own_domains(plan, lane.purpose, Some(&lane.id)) else {
        return finding;
    };
    let set = |field: LaneField| Edit::Lane {
        lane: lane.id.clone(),
        set: field,
    };
    finding.fix(
        format!("Send {} from {}", lane.name, own.sending),
        vec![
            set(LaneField::SendingDomain(own.sending)),
            set(LaneField::FromAddress(own.from_address)),
            set(LaneField::ReturnPathDomain(own.return_path)),
        ],
    )
}

/// Whether a migration moves mail between lanes `a` and `b`, or either is
/// a migration lane.
fn migrating(plan: &Plan, a: &Lane, b: &Lane) -> bool {
    let between = |m: &crate::plan::model::Migration| {
        (m.from_lane == a.id && m.to_lane == b.id) || (m.from_lane == b.id && m.to_lane == a.id)
    };
    a.purpose == Purpose::Migration
        || b.purpose == Purpose::Migration
        || plan.migrations.iter().any(between)
}

/// From names that differ beyond the brand's, and From addresses on
/// unrelated domains, confuse recipients and split reputation.
fn identity(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let brand = plan.brand.name.trim().to_lowercase();
    for (index, lane) in plan.lanes.iter().enumerate() {
        let name = lane.from_name.trim().to_lowercase();
        if !brand.is_empty() && !name.is_empty() && !name.contains(&brand) {
            out.push(
                Diagnostic::info(
                    "lint.from_name",
                    format!("$.lanes[{index}].from_name"),
                    format!("The From name “{}” of {} does not include the brand “{}”.", lane.from_name, lane.name, plan.brand.name),
                )
                .hint("Use the brand in every lane's From name, such as “Brand” or “Brand Orders”, so recipients recognise it.")
                .fix(
                    format!("Use “{}”", plan.brand.name.trim()),
                    vec![Edit::Lane {
                        lane: lane.id.clone(),
                        set: LaneField::FromName(plan.brand.name.trim().to_string()),
                    }],
                ),
            );
        }
        let primary = crate::domain::normalize_domain(&plan.brand.primary_domain).ok();
        let from = crate::domain::address_domain(&lane.from_address)
            .and_then(|d| crate::domain::normalize_domain(d).ok());
        if let (Some(primary), Some(from)) = (primary, from) {
            if !crate::domain::is_within(&from, &primary) {
                out.push(
                    Diagnostic::warning(
                        "lint.from_domain",
                        format!("$.lanes[{index}].from_address"),
                        format!("{} sends from {from}, outside the brand's domain {primary}.", lane.name),
                    )
                    .hint("Send every lane from a subdomain of the primary domain, so the lanes share one recognisable identity."),
                );
                let sending = crate::domain::normalize_domain(&lane.sending_domain).ok();
                let local = lane.from_address.split('@').next().unwrap_or("hello");
                if let Some(sending) = sending.filter(|d| crate::domain::is_within(d, &primary)) {
                    let finding = out.last_mut().expect("just pushed");
                    *finding = finding.clone().fix(
                        format!("Send from {local}@{sending}"),
                        vec![Edit::Lane {
                            lane: lane.id.clone(),
                            set: LaneField::FromAddress(format!("{local}@{sending}")),
                        }],
                    );
                }
            }
        }
    }
}
