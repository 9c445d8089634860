//! Whether the plan's next DMARC stage is safe: every lane, and every
//! unexplained source that sends at volume, must pass DMARC with alignment
//! on at least 98% of its mail over the last 14 days, and each lane needs
//! enough mail in that window to judge. The verdict also feeds the
//! checklist's authentication items as dated evidence.
//!
//! Thresholds, all over `today - 13 ..= today`:
//! - a lane passes at [`PASS_BPS`] (98%) or more of [`MIN_LANE_MESSAGES`]
//!   (100) messages or more; with fewer it is "not enough data";
//! - an unexplained source blocks when it fails DMARC on
//!   [`MIN_SOURCE_FAILING`] (10) messages or more, and on at least
//!   [`SOURCE_SHARE_BPS`] (0.1%) of all the window's mail, and passes under
//!   98% itself, unless it looks like forwarding. Below that share it moves
//!   the brand's pass rate by less than a tenth of a percent.
//!
//! The first stage, p=none, changes no delivery and is always safe.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::attribute::{bps, ip_key, percent, HintKind, LaneSummary, Lanes, Source, Summary};
use super::store::Store;
use super::{published, Row};
use crate::dns::plan::{lane_domains, planned_stages, rollout, stage_on};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::{DmarcPolicy, ItemStatus, Plan};
use crate::units::{and_list, count, group};
use crate::warmup::calendar::date;

/// Days the verdict looks back over, today included.
pub const WINDOW_DAYS: u64 = 14;
/// The DMARC pass rate a lane or source needs, in basis points.
pub const PASS_BPS: u32 = 9_800;
/// Messages a lane needs in the window to be judged.
pub const MIN_LANE_MESSAGES: u64 = 100;
/// Failing messages that make an unexplained source count.
pub const MIN_SOURCE_FAILING: u64 = 10;
/// The share of the window's mail an unexplained source's failures must
/// reach to count, in basis points.
pub const SOURCE_SHARE_BPS: u32 = 10;

/// The verdict on a stage or on the whole rollout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Ready,
    Blocked,
    NotEnoughData,
}

/// Where a stage stands on `today`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageState {
    Past,
    Current,
    Upcoming,
}

/// One stage of the rollout and whether the reports allow it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    pub policy: DmarcPolicy,
    /// YYYY-MM-DD; empty while the rollout has no start date.
    pub starts: String,
    pub state: StageState,
    pub outcome: Outcome,
    pub sentence: String,
}

/// One lane over the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LaneOutcome {
    Pass,
    Fail,
    NotEnoughData,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaneCheck {
    pub lane: String,
    pub name: String,
    pub messages: u64,
    pub dmarc_pass: u64,
    pub pass_bps: Option<u32>,
    pub spf_aligned_bps: Option<u32>,
    pub dkim_aligned_bps: Option<u32>,
    pub outcome: LaneOutcome,
    pub sentence: String,
    /// Messages carrying this lane's identity that came from another
    /// lane's address: they count for that lane, not this one.
    pub elsewhere: u64,
}

/// An unexplained source over the window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceCheck {
    pub source_ip: String,
    pub messages: u64,
    pub dmarc_fail: u64,
    pub pass_bps: Option<u32>,
    pub hint: HintKind,
    /// The lanes its hint points at.
    pub lanes: Vec<String>,
    pub blocks: bool,
    /// The team marked it not the brand's own: spoofing, which does not
    /// block.
    pub not_ours: bool,
    pub sentence: String,
}

/// What stands in the way of the next stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockerKind {
    LaneFails,
    LaneNeedsData,
    SourceFails,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blocker {
    pub kind: BlockerKind,
    /// The lane to fix, by id: the failing lane, or the lane a failing
    /// source's hint points at (`None` when it points at none).
    pub lane: Option<String>,
    pub source_ip: Option<String>,
    /// The lane's name or the source's address, for sentences.
    pub name: String,
    /// What to do, in sentences that start with what it is about (the
    /// lane's name or the source's address), so they read on their own.
    pub fix: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readiness {
    pub today: String,
    pub window_from: String,
    pub window_to: String,
    /// The days within the window the reports cover, in words.
    pub reported: String,
    /// The rollout has a start date.
    pub scheduled: bool,
    /// The policy in force today.
    pub current: DmarcPolicy,
    /// The stage after it; `None` once the goal is in force.
    pub next: Option<DmarcPolicy>,
    /// The verdict on the next stage, or on keeping the goal once there.
    pub outcome: Outcome,
    pub sentence: String,
    pub stages: Vec<Stage>,
    pub lanes: Vec<LaneCheck>,
    /// Every unexplained source in the window, most messages first.
    pub sources: Vec<SourceCheck>,
    /// Failing lanes first, then sources, then lanes without enough data.
    pub blockers: Vec<Blocker>,
}

/// Dated evidence for one lane's checklist items on authentication.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemEvidence {
    pub lane: String,
    /// The last day of the window, YYYY-MM-DD.
    pub day: String,
    /// The lane's mail passes DMARC, with enough of it to judge.
    pub passed: bool,
    /// The reports prove the status: enough mail to judge, passing DMARC
    /// and aligned DKIM, or failing DMARC.
    pub proven: bool,
    pub status: ItemStatus,
    pub sentence: String,
}

/// The rollout's stages and whether the reports of the last 14 days allow
/// the next one.
pub fn readiness(plan: &Plan, rows: &[Row], today: NaiveDate) -> Readiness {
    let from = today
        .checked_sub_days(Days::new(WINDOW_DAYS - 1))
        .unwrap_or(NaiveDate::MIN);
    let summary = Lanes::new(plan).summarise(rows, from, today);
    let lanes: Vec<LaneCheck> = summary
        .lanes
        .iter()
        .map(|lane| lane_check(lane, &summary))
        .collect();
    let sources: Vec<SourceCheck> = summary
        .sources
        .iter()
        .map(|s| source_check(s, summary.total.messages, &plan.dmarc.not_ours))
        .collect();
    let blockers = blockers(plan, &lanes, &sources);
    let outcome = outcome_of(&blockers);
    let current = stage_on(plan, today);
    let (scheduled, policies) = stage_dates(plan);
    let next = policies
        .iter()
        .position(|(p, _)| *p == current)
        .and_then(|i| policies.get(i + 1))
        .map(|(p, _)| *p);
    let stages = stages(&policies, current, outcome, &blockers);
    let sentence = headline(next, current, outcome, &blockers, &summary);
    Readiness {
        today: today.to_string(),
        window_from: summary.from.clone(),
        window_to: summary.to.clone(),
        reported: reported_days(&summary),
        scheduled,
        current,
        next,
        outcome,
        sentence,
        stages,
        lanes,
        sources,
        blockers,
    }
}

/// What a plan's DMARC reports prove: dated evidence for the checklist,
/// and findings where the policy receivers saw published is not the
/// plan's, or where reporters saw different policies on the same days.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Proof {
    pub evidence: Vec<ItemEvidence>,
    pub findings: Vec<Diagnostic>,
}

/// The reports' proof, judged on the day `judged_on` gives.
pub fn proof(plan: &Plan, store: &Store, today: NaiveDate) -> Proof {
    let evidence = match store.days() {
        Some(_) => checklist_evidence(&readiness(plan, &store.rows, judged_on(store, today))),
        None => Vec::new(),
    };
    Proof {
        evidence,
        findings: published::findings(plan, store).unwrap_or_default(),
    }
}

/// Evidence for the checklist's authentication items (`Authenticate`,
/// `AuthConfigured`), one per lane, judging what they say: the lane's mail
/// authenticates and passes DMARC. With enough mail to judge, passing
/// DMARC and aligned DKIM on 98% proves them done, and failing DMARC
/// (under 98%) proves them in progress. Passing DMARC with aligned DKIM
/// short of 98% is no failure of the items, only of the bar for a
/// stricter policy, which the verdict keeps as a blocker: it suggests
/// done (in progress while most of the mail has no aligned DKIM), so a
/// status the team sets wins. Without enough mail it is a suggestion too.
pub fn checklist_evidence(readiness: &Readiness) -> Vec<ItemEvidence> {
    readiness
        .lanes
        .iter()
        .map(|lane| {
            let dmarc = passes(lane.dmarc_pass, lane.messages);
            let mut sentence = lane.sentence.clone();
            let (passed, proven, status) = match lane.outcome {
                LaneOutcome::Pass => (true, true, ItemStatus::Done),
                LaneOutcome::Fail if dmarc => {
                    let dkim = lane.dkim_aligned_bps.unwrap_or(0);
                    let most = dkim >= 5_000;
                    let (so, status) = match most {
                        true => ("so its mail authenticates", ItemStatus::Done),
                        false => ("but most of it on SPF alone", ItemStatus::InProgress),
                    };
                    sentence = format!(
                        "{} passed DMARC on {} of {} messages, {so}. Aligned DKIM passed on {}: before the policy tightens it needs {}, since SPF alone fails once mail is forwarded (see the DMARC reports tab).",
                        lane.name,
                        lane.pass_bps.map_or("no".into(), percent),
                        group(lane.messages),
                        percent(dkim),
                        percent(PASS_BPS)
                    );
                    (true, false, status)
                }
                LaneOutcome::Fail => (false, true, ItemStatus::InProgress),
                LaneOutcome::NotEnoughData if lane.messages > 0 => {
                    (false, false, ItemStatus::InProgress)
                }
                LaneOutcome::NotEnoughData => (false, false, ItemStatus::NotStarted),
            };
            ItemEvidence {
                lane: lane.lane.clone(),
                day: readiness.window_to.clone(),
                passed,
                proven,
                status,
                sentence: format!("DMARC reports of {}: {sentence}", readiness.reported),
            }
        })
        .collect()
}

fn lane_check(lane: &LaneSummary, summary: &Summary) -> LaneCheck {
    let t = &lane.tally;
    let elsewhere = sent_elsewhere(lane, summary);
    // SPF breaks when mail is forwarded, so a lane must pass on DKIM.
    let dkim_passes = passes(t.dkim_aligned_pass, t.messages);
    let outcome = if t.messages < MIN_LANE_MESSAGES {
        LaneOutcome::NotEnoughData
    } else if passes(t.dmarc_pass, t.messages) && dkim_passes {
        LaneOutcome::Pass
    } else {
        LaneOutcome::Fail
    };
    let rate = t.dmarc_pass_bps.map_or("no".to_string(), percent);
    let sentence = match outcome {
        LaneOutcome::Pass => format!(
            "{} passed DMARC on {rate} of {} messages.",
            lane.name,
            group(t.messages)
        ),
        LaneOutcome::Fail if passes(t.dmarc_pass, t.messages) => format!(
            "{} passed DMARC on {rate} of {} messages, but aligned DKIM on only {}: SPF alone fails once mail is forwarded, so it needs aligned DKIM on {} too.",
            lane.name,
            group(t.messages),
            t.dkim_aligned_bps.map_or("none".to_string(), percent),
            percent(PASS_BPS)
        ),
        LaneOutcome::Fail => format!(
            "{} passed DMARC on {rate} of {} messages; it needs {}.",
            lane.name,
            group(t.messages),
            percent(PASS_BPS)
        ),
        LaneOutcome::NotEnoughData if t.messages == 0 => format!(
            "{} has no reported mail; it needs {} messages to judge.",
            lane.name,
            group(MIN_LANE_MESSAGES)
        ),
        LaneOutcome::NotEnoughData => format!(
            "{} has only {} ({rate} passed DMARC); it needs {} to judge.",
            lane.name,
            count(t.messages, "reported message", "reported messages"),
            group(MIN_LANE_MESSAGES)
        ),
    };
    let sentence = match (&elsewhere, outcome) {
        (Some((messages, addresses)), LaneOutcome::NotEnoughData) => format!(
            "{sentence} Another {} carrying its identity came from the address of {addresses}; they count there (see Mail on another lane's address).",
            count(*messages, "message", "messages")
        ),
        _ => sentence,
    };
    LaneCheck {
        elsewhere: elsewhere.map_or(0, |(messages, _)| messages),
        lane: lane.lane.clone(),
        name: lane.name.clone(),
        messages: t.messages,
        dmarc_pass: t.dmarc_pass,
        pass_bps: t.dmarc_pass_bps,
        spf_aligned_bps: t.spf_aligned_bps,
        dkim_aligned_bps: t.dkim_aligned_bps,
        outcome,
        sentence,
    }
}

/// The messages carrying `lane`'s identity that came from other lanes'
/// addresses, with those lanes' names; `None` when there are none.
fn sent_elsewhere(lane: &LaneSummary, summary: &Summary) -> Option<(u64, String)> {
    let mut messages = 0;
    let mut names: Vec<String> = Vec::new();
    for c in summary
        .crossed
        .iter()
        .filter(|c| c.identity_lane == lane.lane)
    {
        messages = c.messages.saturating_add(messages);
        let name = summary
            .lanes
            .iter()
            .find(|l| l.lane == c.ip_lane)
            .map_or(&c.ip_lane, |l| &l.name);
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    (messages > 0).then(|| (messages, and_list(&names)))
}

fn source_check(source: &Source, window_messages: u64, not_ours: &[String]) -> SourceCheck {
    let fail = source.dmarc_fail;
    let meaningful = fail >= MIN_SOURCE_FAILING
        && u128::from(fail) * 10_000 >= u128::from(window_messages) * u128::from(SOURCE_SHARE_BPS);
    let forwarding = source.hint.kind == HintKind::Forwarding;
    let spoofing = not_ours
        .iter()
        .any(|ip| same_address(ip, &source.source_ip));
    let blocks =
        meaningful && !forwarding && !spoofing && !passes(source.dmarc_pass, source.messages);
    let why = if spoofing {
        "marked not the brand's own, so the stricter policy is what stops it"
    } else if forwarding {
        "it looks like forwarding, which does not block"
    } else if blocks {
        "it blocks the next stage"
    } else {
        "too little fails to block"
    };
    SourceCheck {
        source_ip: source.source_ip.clone(),
        messages: source.messages,
        dmarc_fail: fail,
        pass_bps: bps(source.dmarc_pass, source.messages),
        hint: source.hint.kind,
        lanes: source.hint.lanes.clone(),
        blocks,
        not_ours: spoofing,
        sentence: format!(
            "{} sent {} no lane explains, {} failing DMARC; {why}. {}",
            source.source_ip,
            count(source.messages, "message", "messages"),
            group(fail),
            source.hint.text
        ),
    }
}

/// Whether two addresses are one, in any of their written forms.
fn same_address(a: &str, b: &str) -> bool {
    match (ip_key(a), ip_key(b)) {
        (Some(a), Some(b)) => a == b,
        _ => a.trim().eq_ignore_ascii_case(b.trim()),
    }
}

/// Whether `pass` of `total` reaches 98%, exactly.
fn passes(pass: u64, total: u64) -> bool {
    u128::from(pass) * 10_000 >= u128::from(total) * u128::from(PASS_BPS)
}

fn blockers(plan: &Plan, lanes: &[LaneCheck], sources: &[SourceCheck]) -> Vec<Blocker> {
    let failing = lanes
        .iter()
        .filter(|l| l.outcome == LaneOutcome::Fail)
        .map(|l| Blocker {
            kind: BlockerKind::LaneFails,
            lane: Some(l.lane.clone()),
            source_ip: None,
            name: l.name.clone(),
            fix: lane_fix(plan, l),
        });
    let sources = sources.iter().filter(|s| s.blocks).map(|s| Blocker {
        kind: BlockerKind::SourceFails,
        lane: s.lanes.first().cloned(),
        source_ip: Some(s.source_ip.clone()),
        name: s.source_ip.clone(),
        fix: source_fix(s),
    });
    let thin = lanes
        .iter()
        .filter(|l| l.outcome == LaneOutcome::NotEnoughData)
        .map(|l| Blocker {
            kind: BlockerKind::LaneNeedsData,
            lane: Some(l.lane.clone()),
            source_ip: None,
            name: l.name.clone(),
            fix: format!("{} {}", l.sentence, if l.elsewhere > 0 {
                "Send its journeys through its own SMTP server, so that its mail comes from its own addresses."
            } else {
                "Wait for more reports, or check that its mail goes out and that the DMARC record's rua reaches the reports mailbox."
            }),
        });
    failing.chain(sources).chain(thin).collect()
}

/// Which mechanism to fix: DKIM first, because it survives forwarding.
fn lane_fix(plan: &Plan, lane: &LaneCheck) -> String {
    let domains = plan
        .lanes
        .iter()
        .find(|l| l.id == lane.lane)
        .and_then(lane_domains);
    let rates = format!(
        "aligned DKIM passed {}, aligned SPF {}",
        lane.dkim_aligned_bps.map_or("–".into(), percent),
        lane.spf_aligned_bps.map_or("–".into(), percent)
    );
    match domains {
        Some(d) => format!(
            "{} Fix {}: {rates}. Sign its mail with d={} ({}) and send it with the Return-Path on {}.",
            lane.sentence, lane.name, d.dkim_domain, d.selector_shown(), d.bounce_domain
        ),
        None => format!("{} Fix {}: {rates}.", lane.sentence, lane.name),
    }
}

fn source_fix(source: &SourceCheck) -> String {
    let what = match source.hint {
        HintKind::LaneIdentity | HintKind::Provider => {
            "Fix the lane it points at, or list this address among the lane's IPs."
        }
        HintKind::Spoofing => "Find out whether it is a service of the brand's: if it is, authenticate it; if it is not, mark it not ours: it is spoofing, which the stricter policy stops.",
        _ => "Find the service behind it and authenticate it for the domain (SPF and DKIM), or stop it sending as the brand; if it is not the brand's at all, mark it not ours.",
    };
    format!("{} {what}", source.sentence)
}

fn outcome_of(blockers: &[Blocker]) -> Outcome {
    if blockers
        .iter()
        .any(|b| b.kind != BlockerKind::LaneNeedsData)
    {
        Outcome::Blocked
    } else if blockers.is_empty() {
        Outcome::Ready
    } else {
        Outcome::NotEnoughData
    }
}

/// The rollout's policies with their start days, or the goal's policies
/// without days while the rollout has no start date.
fn stage_dates(plan: &Plan) -> (bool, Vec<(DmarcPolicy, Option<NaiveDate>)>) {
    if let Some(stages) = rollout(plan) {
        return (
            true,
            stages.iter().map(|s| (s.policy, Some(s.starts))).collect(),
        );
    }
    let policies = planned_stages(plan);
    (false, policies.iter().map(|p| (*p, None)).collect())
}

fn stages(
    policies: &[(DmarcPolicy, Option<NaiveDate>)],
    current: DmarcPolicy,
    outcome: Outcome,
    blockers: &[Blocker],
) -> Vec<Stage> {
    let at = policies
        .iter()
        .position(|(p, _)| *p == current)
        .unwrap_or(0);
    policies
        .iter()
        .enumerate()
        .map(|(i, &(policy, starts))| {
            let state = match i.cmp(&at) {
                std::cmp::Ordering::Less => StageState::Past,
                std::cmp::Ordering::Equal => StageState::Current,
                std::cmp::Ordering::Greater => StageState::Upcoming,
            };
            let outcome = if policy == DmarcPolicy::None {
                Outcome::Ready
            } else {
                outcome
            };
            Stage {
                policy,
                starts: starts.map(|d| d.to_string()).unwrap_or_default(),
                state,
                outcome,
                sentence: stage_sentence(policy, outcome, blockers),
            }
        })
        .collect()
}

fn stage_sentence(policy: DmarcPolicy, outcome: Outcome, blockers: &[Blocker]) -> String {
    let p = policy.as_str();
    match (policy, outcome) {
        (DmarcPolicy::None, _) => "p=none only asks for reports; it changes no delivery.".into(),
        (_, Outcome::Ready) => {
            format!("p={p} is safe: every lane passes and no unexplained source fails at volume.")
        }
        (_, Outcome::Blocked) => format!("p={p} is blocked by {}.", names(blockers, false)),
        (_, Outcome::NotEnoughData) => {
            format!("Not enough data for p={p}: {}.", names(blockers, true))
        }
    }
}

/// The lanes or sources the blockers name, joined for a sentence.
fn names(blockers: &[Blocker], thin: bool) -> String {
    let named: Vec<&str> = blockers
        .iter()
        .filter(|b| (b.kind == BlockerKind::LaneNeedsData) == thin)
        .map(|b| b.name.as_str())
        .collect();
    named.join(", ")
}

fn headline(
    next: Option<DmarcPolicy>,
    current: DmarcPolicy,
    outcome: Outcome,
    blockers: &[Blocker],
    summary: &Summary,
) -> String {
    let window = reported_days(summary);
    let stage = match next {
        Some(p) => format!("Moving to p={}", p.as_str()),
        None => format!("Keeping p={}", current.as_str()),
    };
    match outcome {
        Outcome::Ready => format!("{stage} is safe: in the reports of {window} every lane passed DMARC, and aligned DKIM, on at least {} of its mail, and no unexplained source fails at volume.", percent(PASS_BPS)),
        Outcome::Blocked => format!("{stage} is blocked ({window}) by {}.", names(blockers, false)),
        Outcome::NotEnoughData => format!("Not enough data to judge {} ({window}): {} need at least {} messages each.", stage.to_lowercase(), names(blockers, true), group(MIN_LANE_MESSAGES)),
    }
}

/// The days the reports cover within the period, or the period itself
/// when they hold none of the brand's mail.
fn reported_days(summary: &Summary) -> String {
    match (summary.first_day.as_str(), summary.last_day.as_str()) {
        ("", _) => format!("{} to {}", summary.from, summary.to),
        (first, last) if first == last => first.to_string(),
        (first, last) => format!("{first} to {last}"),
    }
}

/// The day readiness is judged on: today, or, when no report falls in the
/// window up to today and some are dated later than the clock says (a
/// clock set wrong, or reports written for a plan's future dates), the
/// last day with reports. A stray report dated ahead does not move the
/// window off the reports of the last two weeks.
pub fn judged_on(store: &Store, today: NaiveDate) -> NaiveDate {
    let first = today
        .checked_sub_days(Days::new(WINDOW_DAYS - 1))
        .unwrap_or(today);
    if store.messages_between(&first.to_string(), &today.to_string()) > 0 {
        return today;
    }
    (store.days())
        .and_then(|(_, last)| date(last))
        .map_or(today, |last| last.max(today))
}
