//! The mail each lane carries: promotions beside recovery, transactional
//! and marketing mail mixed, a clean lane grown too big, promotions without
//! an engagement filter, everyone mailed or ramp days left without mail
//! while a lane warms; and the fixes that move journeys where they belong.

use chrono::Datelike;

use crate::plan::diagnostic::{Diagnostic, Fix};
use crate::plan::edit::{Edit, JourneyField, LaneField, RuleField};
use crate::plan::model::{
    Audience, Cadence, EngagementFilter, Intent, Journey, Lane, LaneStatus, Plan, Platform,
    Purpose, Trigger,
};
use crate::plan::ranges::Fitted;
use crate::plan::routing::{home_of, Home, Reason, Routing};
use crate::platform::customer_io::MessageType;
use crate::review::migration::title as migration_title;
use crate::units::{and_list, percent_of};
use crate::warmup::calendar::{cohort, filter_cohort, recipient_cohort, Wanted};

use super::is_promotional;
use super::peaks::{lower_peak, PEAK_OVER_MAIL};

/// Share of the daily volume above which the clean lane is too big.
pub const CLEAN_LANE_MAX_SHARE: u64 = 20;

/// Share of the daily volume above which the money-flows lane has become
/// a lane for everything: what is protected must stay the smaller part.
pub const MONEY_LANE_MAX_SHARE: u64 = 50;

/// A lane and the journeys it carries: the mix of mail the guidance warns
/// about.
pub(super) struct Carried<'a> {
    pub(super) plan: &'a Plan,
    pub(super) routing: &'a Routing,
    pub(super) lane: &'a Lane,
    /// The lane's JSON path.
    pub(super) at: String,
    pub(super) journeys: Vec<(usize, &'a Journey)>,
    /// The journeys the lane carries today (`super::lint_on`'s `carried`):
    /// a move under way keeps those it takes on its old lane until it
    /// completes, whichever lane the plan routes them to.
    pub(super) today: Vec<(usize, &'a Journey)>,
    /// Journeys of other lanes that migrations move to this one, each with
    /// the index of the move that brings it (`super::brought_to`): those
    /// planned, scheduled or not, which make or answer a mix, and those
    /// scheduled moves bring, which the lane sends.
    pub(super) planned: Vec<(usize, &'a Journey, usize)>,
    pub(super) brought: Vec<(usize, &'a Journey, usize)>,
}

impl Carried<'_> {
    pub(super) fn findings(&self) -> Vec<Diagnostic> {
        [
            self.promos_with_recovery(),
            self.transactional_on_marketing(),
            self.marketing_on_transactional(),
            self.clean_lane_too_big(),
            self.money_lane_too_big(),
            self.promo_without_filter(),
            self.cold_audience_while_warming(),
            self.winback_while_warming(),
            self.warming_between_sends(),
            self.paused_with_mail(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// The lane a journey ends on: the new lane of a migration that moves
    /// it off this one, else this lane.
    fn destination(&self, journey: &Journey) -> &Lane {
        (self.plan.migrations.iter())
            .filter(|m| m.from_lane == self.lane.id && m.to_lane != self.lane.id)
            .filter(|m| m.whole_lane || m.journeys.contains(&journey.id))
            .find_map(|m| self.plan.lane(&m.to_lane))
            .unwrap_or(self.lane)
    }

    /// Whether a migration moves `journey` off this lane to another.
    fn leaving(&self, journey: &Journey) -> bool {
        self.destination(journey).id != self.lane.id
    }

    /// Whether journeys of `a` and of `b`, on this lane or arriving on it by
    /// a migration, end on this lane: a planned move that takes them apart
    /// already answers the mix, and one that brings them together makes it.
    fn end_together(&self, a: fn(Intent) -> bool, b: fn(Intent) -> bool) -> bool {
        self.meet(a, b, |_| true)
    }

    /// `end_together`, counting only the planned arrivals of the moves
    /// `by` picks, by index.
    fn meet(
        &self,
        a: fn(Intent) -> bool,
        b: fn(Intent) -> bool,
        by: impl Fn(usize) -> bool + Copy,
    ) -> bool {
        let ends = |f: fn(Intent) -> bool| -> Vec<&str> {
            let here = (self.journeys.iter())
                .filter(|(_, j)| f(j.intent))
                .map(|(_, j)| self.destination(j).id.as_str());
            let arriving = (self.planned.iter())
                .filter(|(_, j, k)| by(*k) && f(j.intent))
                .map(|_| self.lane.id.as_str());
            here.chain(arriving).collect()
        };
        // A mix on the lane a migration takes them to is that lane's
        // finding, where the journeys arriving are counted.
        let (ours, theirs) = (ends(a), ends(b));
        let here = self.lane.id.as_str();
        ours.contains(&here) && theirs.contains(&here)
    }

    /// Whether journeys of `f` end on a lane that `wrong` says is the
    /// wrong kind for them: this one, or the one a migration moves them
    /// to.
    fn end_on(&self, f: fn(Intent) -> bool, wrong: fn(&Lane) -> bool) -> bool {
        (self.journeys.iter())
            .filter(|(_, j)| f(j.intent))
            .any(|(_, j)| wrong(self.destination(j)))
    }

    /// The edits that move the lane's journeys of `f` to another lane of
    /// `purpose`, leaving alone those a migration already moves.
    fn move_to(
        &self,
        purpose: Purpose,
        f: &dyn Fn(&Journey) -> bool,
    ) -> Option<(Home<'_>, Vec<Edit>)> {
        let target = other_lane(self.plan, &self.lane.id, purpose)?;
        self.move_home(Home::Lane(target), f)
    }

    /// The edits that move the lane's journeys of `f` that stay on it to
    /// `home`, adding it first when it is a new lane.
    fn move_home<'a>(
        &self,
        home: Home<'a>,
        f: &dyn Fn(&Journey) -> bool,
    ) -> Option<(Home<'a>, Vec<Edit>)> {
        let moving: Vec<(usize, &Journey)> = (self.journeys.iter())
            .filter(|(_, j)| !self.leaving(j) && f(j))
            .copied()
            .collect();
        if moving.is_empty() {
            return None;
        }
        let mut edits = home.add_edits(self.plan);
        edits.extend(self.moves(&moving, &home.id(self.plan)));
        Some((home, edits))
    }

    /// The edits that move these journeys to lane `target`: a rule that
    /// routes only such journeys is sent there whole, so the journeys it
    /// catches later go too and no rule is left sending them to the wrong
    /// lane; the rest are overridden one by one.
    fn moves(&self, moving: &[(usize, &Journey)], target: &str) -> Vec<Edit> {
        let rule_of = |(i, j): &(usize, &Journey)| match &self.routing.route_at(*i, &j.id)?.reason {
            Reason::Rule { rule_id, .. } => Some(rule_id.as_str()),
            _ => None,
        };
        let only_moving = |rule: &str| {
            (self.routing.routes.iter())
                .filter(|r| matches!(&r.reason, Reason::Rule { rule_id, .. } if rule_id == rule))
                .all(|r| moving.iter().any(|(_, j)| j.id == r.journey_id))
        };
        let mut whole: Vec<&str> = moving
            .iter()
            .filter_map(rule_of)
            .filter(|r| only_moving(r))
            .collect();
        whole.sort_unstable();
        whole.dedup();
        let rules = whole.iter().map(|rule| Edit::Rule {
            rule: rule.to_string(),
            set: RuleField::Lane(target.to_string()),
        });
        let overrides = (moving.iter())
            .filter(|m| rule_of(m).is_none_or(|r| !whole.contains(&r)))
            .map(|(_, j)| move_journey(j, target));
        rules.chain(overrides).collect()
    }

    /// Moves each marketing journey that stays on this lane to the lane
    /// its intent belongs on (`home_of`), adding the lanes the plan lacks;
    /// `None` when some journey has nowhere to go.
    fn move_marketing_out(&self) -> Option<(Vec<Home<'_>>, Vec<Edit>)> {
        let mut groups: Vec<(Home, Vec<(usize, &Journey)>)> = Vec::new();
        for &(i, j) in self
            .journeys
            .iter()
            .filter(|(_, j)| !j.intent.is_transactional())
        {
            if self.leaving(j) {
                continue;
            }
            let home = home_of(self.plan, j.intent, Some(&self.lane.id))?;
            match groups.iter_mut().find(|(h, _)| *h == home) {
                Some((_, moving)) => moving.push((i, j)),
                None => groups.push((home, vec![(i, j)])),
            }
        }
        let mut edits = Vec::new();
        for (home, _) in &groups {
            edits.extend(home.add_edits(self.plan));
        }
        for (home, moving) in &groups {
            edits.extend(self.moves(moving, &home.id(self.plan)));
        }
        let homes = groups.into_iter().map(|(h, _)| h).collect();
        (!edits.is_empty()).then_some((homes, edits))
    }

    /// The label of `move_marketing_out`'s fix.
    fn marketing_out_label(&self, homes: &[Home], edits: &[Edit]) -> String {
        let moving: Vec<Edit> = (edits.iter())
            .filter(|e| !matches!(e, Edit::AddLaneAs { .. }))
            .cloned()
            .collect();
        match homes {
            [home] => move_label(self.plan, &moving, &home.name()),
            _ => {
                let mut label = move_label(self.plan, &moving, "the marketing lanes");
                for home in homes.iter().filter(|h| matches!(h, Home::New(_))) {
                    label.push_str(&format!(", adding {}", home.name()));
                }
                label
            }
        }
    }

    /// The index of the migration that brings a mix of `a` and `b` onto
    /// this lane, when without the journeys it brings there is none.
    fn mixed_by_migration(&self, a: fn(Intent) -> bool, b: fn(Intent) -> bool) -> Option<usize> {
        if self.meet(a, b, |_| false) {
            return None;
        }
        (0..self.plan.migrations.len()).find(|&k| self.meet(a, b, |by| by == k))
    }

    /// A move's label, the edits that add a new lane aside.
    fn fix_label(&self, edits: &[Edit], target: &Home) -> String {
        let moving: Vec<Edit> = (edits.iter())
            .filter(|e| !matches!(e, Edit::AddLaneAs { .. }))
            .cloned()
            .collect();
        move_label(self.plan, &moving, &target.name())
    }

    /// Which of the lane's journeys the recovery flows' fix moves: the
    /// recovery flows, and on Customer.io, which sends each message type
    /// through one server, the lane's other lifecycle journeys of their
    /// types, so the move leaves no type on two lanes. Promotions stay, and
    /// so do receipts, which never go to a marketing lane: a type they
    /// share is the platform's finding, whose fix triggers them otherwise.
    fn recovery_and_its_types(&self) -> impl Fn(&Journey) -> bool {
        let cio = self.plan.platform.kind == Platform::CustomerIo;
        let types: Vec<MessageType> = (self.journeys.iter())
            .filter(|(_, j)| cio && j.intent.is_recovery())
            .map(|(_, j)| MessageType::of(&j.trigger))
            .collect();
        move |j: &Journey| {
            let kind = MessageType::of(&j.trigger);
            let lifecycle = !is_promotional(j.intent) && !j.intent.is_transactional();
            j.intent.is_recovery() || (types.contains(&kind) && lifecycle)
        }
    }

    fn promos_with_recovery(&self) -> Option<Diagnostic> {
        if !self.end_together(is_promotional, Intent::is_recovery) {
            return None;
        }
        // A mix only a migration makes is found on the migration, where
        // its card shows it.
        if let Some(k) = self.mixed_by_migration(is_promotional, Intent::is_recovery) {
            let m = &self.plan.migrations[k];
            return Some(
                Diagnostic::error(
                    "lint.promos_with_recovery",
                    format!("$.migrations[{k}].to_lane"),
                    format!("{} brings promotions and cart or checkout recovery together on {}, so a noisy promotion calendar can drag recovery into the spam folder.", migration_title(m), self.lane.name),
                )
                .hint("Move the recovery flows to a lane of their own instead, or move the promotions off the lane first."),
            );
        }
        let finding = Diagnostic::error(
            "lint.promos_with_recovery",
            &self.at,
            format!("{} carries promotions and cart or checkout recovery together, so a noisy promotion calendar can drag recovery into the spam folder.", self.lane.name),
        )
        .hint("Route the promotions, or the recovery flows, to their own lane.");
        // The recovery flows to the revenue flows' lane, else the
        // promotions to another promotional lane, else the recovery flows
        // to a new revenue flows lane: never to the transactional lane,
        // which would carry marketing then.
        let recovery = self.recovery_and_its_types();
        let fix = self
            .move_to(Purpose::RevenueFlows, &recovery)
            .or_else(|| self.move_to(Purpose::Promotional, &|j| is_promotional(j.intent)))
            .or_else(|| self.move_home(Home::New(Purpose::RevenueFlows), &recovery));
        Some(match fix {
            Some((target, edits)) => finding.fix(self.fix_label(&edits, &target), edits),
            None => finding,
        })
    }

    fn transactional_on_marketing(&self) -> Option<Diagnostic> {
        let marketing = |lane: &Lane| {
            matches!(
                lane.purpose,
                Purpose::Promotional | Purpose::RevenueFlows | Purpose::Vip
            )
        };
        if !(marketing(self.lane) && self.end_on(Intent::is_transactional, marketing)) {
            return None;
        }
        let finding = Diagnostic::warning(
            "lint.transactional_on_marketing",
            &self.at,
            format!("{} is a marketing lane but carries receipts, shipping updates or password resets.", self.lane.name),
        )
        .hint("Send transactional mail through the transactional lane, whose reputation marketing cannot touch.");
        Some(
            match self.move_to(Purpose::Transactional, &|j| j.intent.is_transactional()) {
                Some((target, mut edits)) => {
                    let mut label = self.fix_label(&edits, &target);
                    // On Customer.io, receipts sent through the API go by
                    // All Emails: a marketing lane keeping it would pull
                    // them back, so the transactional lane takes it too.
                    let platform = &self.plan.platform;
                    let keeps = platform.all_emails_lane.as_deref() == Some(self.lane.id.as_str());
                    if platform.kind == Platform::CustomerIo && keeps {
                        edits.push(Edit::SetAllEmailsLane(Some(target.id(self.plan))));
                        label.push_str(", and make it the All Emails lane");
                    }
                    finding.fix(label, edits)
                }
                None => finding,
            },
        )
    }

    fn marketing_on_transactional(&self) -> Option<Diagnostic> {
        let marketing: Vec<String> = (self.journeys.iter())
            .filter(|(_, j)| !j.intent.is_transactional())
            .map(|(_, j)| j.called().to_string())
            .collect();
        if self.lane.purpose != Purpose::Transactional || marketing.is_empty() {
            return None;
        }
        let finding = Diagnostic::warning(
            "lint.marketing_on_transactional",
            &self.at,
            format!(
                "{} is the transactional lane but carries marketing mail: {}.",
                self.lane.name,
                and_list(&marketing)
            ),
        )
        .hint("Keep the clean lane to mail customers expect: receipts, shipping, account mail. Move these journeys to a marketing lane; one whose intent is Custom stays on the default lane until its intent or a rule sends it elsewhere.");
        Some(match self.move_marketing_out() {
            Some((homes, edits)) => finding.fix(self.marketing_out_label(&homes, &edits), edits),
            None => finding,
        })
    }

    /// The lane's share of the plan's daily volume, in percent written as
    /// the Overview writes a share, and whether it is over `max` percent.
    /// A one-off send is no day's mail, so it counts on neither side: a
    /// launch would make its lane look big, and every other lane small.
    fn share_over(&self, max: u64) -> (String, bool) {
        let daily = |j: &Journey| match j.is_one_off() {
            true => 0,
            false => u64::from(j.daily_volume),
        };
        let volume: u64 = self.journeys.iter().map(|(_, j)| daily(j)).sum();
        let total: u64 = self.plan.journeys.iter().map(daily).sum();
        (percent_of(volume, total), volume * 100 > max * total)
    }

    /// The source guide's tip for the protected lane: routing everything
    /// "important" there makes it a lane for everything.
    fn money_lane_too_big(&self) -> Option<Diagnostic> {
        let (share, over) = self.share_over(MONEY_LANE_MAX_SHARE);
        if self.lane.purpose != Purpose::RevenueFlows || !over {
            return None;
        }
        Some(
            Diagnostic::warning(
                "lint.money_lane_too_big",
                &self.at,
                format!("The money-flows lane {} sends {share}% of the daily volume, over {MONEY_LANE_MAX_SHARE}%: when everything important goes there, it stops being protected.", self.lane.name),
            )
            .hint("Keep it small and high intent (cart, checkout, replenishment, winback); send broad or low-intent journeys, such as browse abandonment to everyone, on the promotional lane."),
        )
    }

    fn clean_lane_too_big(&self) -> Option<Diagnostic> {
        if self.lane.purpose != Purpose::Transactional {
            return None;
        }
        let (share, over) = self.share_over(CLEAN_LANE_MAX_SHARE);
        if !over {
            return None;
        }
        let message = format!(
            "The clean lane {} sends {share}% of the daily volume, over {CLEAN_LANE_MAX_SHARE}%.",
            self.lane.name
        );
        // Receipts alone: nothing to move and nothing wrong, so it is a note
        // that says what the share means.
        if self
            .journeys
            .iter()
            .all(|(_, j)| j.intent.is_transactional())
        {
            return Some(Diagnostic::info("lint.clean_lane_too_big", &self.at, message).hint("It carries only receipts and account mail, so the share is large because the marketing volume is small. Keep it that way: send nothing else through it."));
        }
        let finding = Diagnostic::warning("lint.clean_lane_too_big", &self.at, message)
            .hint("Keep the clean lane small and high intent; move everything that is not transactional out of it.");
        Some(match self.move_marketing_out() {
            Some((_, edits)) => finding.fix("Move its marketing journeys out", edits),
            None => finding,
        })
    }

    /// A paused lane sends nothing, so the journeys it carries today go
    /// unsent until it sends again or they move.
    fn paused_with_mail(&self) -> Option<Diagnostic> {
        let lane = self.lane;
        if lane.status != LaneStatus::Paused || self.today.is_empty() {
            return None;
        }
        let mut names: Vec<String> = (self.today.iter().take(3))
            .map(|(_, j)| format!("“{}”", j.called()))
            .collect();
        if self.today.len() > 3 {
            names.push(format!("{} more", self.today.len() - 3));
        }
        let daily: u64 = (self.today.iter())
            .filter(|(_, j)| !j.is_one_off())
            .map(|(_, j)| u64::from(j.daily_volume))
            .sum();
        Some(
            Diagnostic::warning(
                "lint.paused_with_mail",
                format!("{}.status", self.at),
                format!(
                    "{} is paused, yet {} {} to it ({}): {} a day {} not sent while it stays paused.",
                    lane.name,
                    crate::units::count(self.today.len() as u64, "journey", "journeys"),
                    if self.today.len() == 1 { "routes" } else { "route" },
                    and_list(&names),
                    crate::units::count(daily, "message", "messages"),
                    if daily == 1 { "is" } else { "are" },
                ),
            )
            .hint("Route its journeys to another lane while it is paused, or change its status from Paused once it sends again."),
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

    /// Journeys of a warming lane that reach people who have not engaged
    /// lately, its own and those a migration moves onto it, which send
    /// through its IPs and domain during the warm-up just the same. Mail
    /// the recipient's own action starts reaches someone engaged moments
    /// ago whatever its audience (`recipient_cohort`), so only the others
    /// count; one finding names them all, and the migrations that bring
    /// any of them.
    fn cold_audience_while_warming(&self) -> Option<Diagnostic> {
        if !is_warming(self.lane) {
            return None;
        }
        let own = (self.journeys.iter())
            .filter(|(_, j)| mails_unengaged(self.lane, j))
            .map(|&(i, j)| (i, j, None));
        // A journey that mails everyone through its own warming lane is
        // named there, once: that finding's fix narrows it on both lanes.
        let brought = (self.brought.iter().copied())
            .filter(|(_, j, k)| mails_unengaged(self.lane, j) && !self.told_before(j, *k))
            .map(|(i, j, k)| (i, j, Some(k)));
        let reach_all: Vec<(usize, &Journey, Option<usize>)> = own.chain(brought).collect();
        let &(first, _, _) = reach_all.first()?;
        let names: Vec<String> = reach_all
            .iter()
            .map(|(_, j, _)| j.called().to_string())
            .collect();
        let verb = if names.len() == 1 { "mails" } else { "mail" };
        Some(
            Diagnostic::warning(
                "lint.cold_audience_on_warming_lane",
                format!("$.journeys[{first}].audience"),
                format!(
                    "{} {verb} everyone through {}, which is {}.{}",
                    and_list(&names),
                    self.lane.name,
                    match self.lane.status {
                        LaneStatus::New => "new and not yet warmed up",
                        _ => "still warming up",
                    },
                    self.brought_words(&reach_all),
                ),
            )
            .hint("Start a warming lane with the most engaged audiences; add the rest as the ramp allows.")
            .fix(
                "Mail only people engaged in 90 days",
                reach_all
                    .iter()
                    .map(|(_, j, _)| Edit::Journey {
                        journey: j.id.clone(),
                        set: JourneyField::Audience(Audience::Engaged90),
                    })
                    .collect(),
            ),
        )
    }

    /// Whether `journey`, brought by migration `k`, is named by the cold
    /// audience finding of the lane it leaves, also warming.
    fn told_before(&self, journey: &Journey, k: usize) -> bool {
        (self.plan.migrations.get(k))
            .and_then(|m| self.plan.lane(&m.from_lane))
            .is_some_and(|from| is_warming(from) && mails_unengaged(from, journey))
    }

    /// The migrations that bring journeys of `reach_all` onto the lane,
    /// in words to follow the finding's first sentence: “ Flows to SES
    /// moves it there.”; empty when none are brought.
    fn brought_words(&self, reach_all: &[(usize, &Journey, Option<usize>)]) -> String {
        let mut moves: Vec<usize> = reach_all.iter().filter_map(|(_, _, k)| *k).collect();
        moves.sort_unstable();
        moves.dedup();
        let clauses: Vec<String> = (moves.iter())
            .filter_map(|&k| Some((k, self.plan.migrations.get(k)?)))
            .map(|(k, m)| {
                let names: Vec<String> = (reach_all.iter())
                    .filter(|(_, _, by)| *by == Some(k))
                    .map(|(_, j, _)| j.called().to_string())
                    .collect();
                let them = match (names.len() == reach_all.len(), names.len()) {
                    (true, 1) => "it".to_string(),
                    (true, _) => "them".to_string(),
                    (false, _) => and_list(&names),
                };
                format!("{} moves {them} there", migration_title(m))
            })
            .collect();
        match clauses.is_empty() {
            true => String::new(),
            false => format!(" {}.", and_list(&clauses)),
        }
    }

    /// Winback journeys a lane that is not warm yet carries today:
    /// lapsed addresses bounce, trap and complain the most, which is what
    /// a warming lane can least afford, and no audience filter helps,
    /// since lapsed is the audience. One a move under way still carries
    /// on its warm old lane goes to this lane only when the move
    /// completes. It sits at the first journey's lane, which is what to
    /// change; it has no fix, as holding the journey or moving it, and
    /// where, is the sender's choice.
    fn winback_while_warming(&self) -> Option<Diagnostic> {
        if !matches!(self.lane.status, LaneStatus::New | LaneStatus::Warming) {
            return None;
        }
        let winbacks: Vec<&(usize, &Journey)> = (self.today.iter())
            .filter(|(_, j)| j.intent == Intent::Winback)
            .collect();
        let &&(first, _) = winbacks.first()?;
        let names: Vec<String> = winbacks
            .iter()
            .map(|(_, j)| j.called().to_string())
            .collect();
        Some(
            Diagnostic::warning(
                "lint.winback_while_warming",
                format!("$.journeys[{first}].lane_override"),
                format!(
                    "{} {} lapsed subscribers through {}, which is not warm yet.",
                    and_list(&names),
                    if names.len() == 1 { "mails" } else { "mail" },
                    self.lane.name
                ),
            )
            .hint("Lapsed addresses bounce and complain the most. Hold winback until the lane is warm, or send it through an established lane, then start it small."),
        )
    }

    /// A warming lane whose scheduled sends leave some of its ramp days
    /// without mail: the ramp advances only on days with mail, so it warms
    /// slower than the schedule reads, or never when no ramp day has mail.
    fn warming_between_sends(&self) -> Option<Diagnostic> {
        if !matches!(self.lane.status, LaneStatus::New | LaneStatus::Warming) {
            return None;
        }
        let warmup = self.lane.warmup.as_ref()?;
        // A one-off's single day is no part of the lane's usual days.
        let repeating = (self.journeys.iter().map(|(_, j)| *j)).filter(|j| !is_one_off(j));
        let wanted = Wanted::of_journeys(repeating);
        // Four weeks hold every cadence's send days, a month's included.
        let first = chrono::NaiveDate::from_ymd_opt(2024, 1, 1)?;
        let weekday = |d: &chrono::NaiveDate| d.weekday().number_from_monday() as u8;
        let days: Vec<_> = first.iter_days().take(28).collect();
        let ramp_days = days
            .iter()
            .filter(|d| warmup.sending_weekdays.contains(&weekday(d)));
        let ramp_count = ramp_days.clone().count();
        let with_mail = ramp_days.filter(|d| !wanted.quiet_on(**d)).count();
        if wanted.is_empty() || with_mail == ramp_count {
            return None;
        }
        let at = format!("{}.warmup", self.at);
        let name = &self.lane.name;
        if with_mail > 0 {
            return Some(
                Diagnostic::warning(
                    "lint.warming_between_sends",
                    at,
                    format!("The journeys of {name} want mail on {with_mail} of its {ramp_count} ramp days in four weeks, and its warm-up advances only on days with mail."),
                )
                .hint("A weekly sender ramps more slowly than a daily one: while the lane warms, spread its scheduled mail over the days, or start the warm-up earlier.")
                .with_fix(self.spread_fix(warmup.target_volume)),
            );
        }
        Some(
            Diagnostic::error(
                "lint.warming_between_sends",
                at,
                format!("The journeys of {name} want no mail on any of its sending days while warming, so its warm-up never advances."),
            )
            .hint("Spread its scheduled mail over the days while it warms, or add the days that mail goes out to the lane's sending days while warming.")
            .with_fix(self.spread_fix(warmup.target_volume)),
        )
    }

    /// Spreads the lane's scheduled mail over every day by taking away the
    /// journeys' send days, which the label names. A peak planned for a
    /// send day's mail comes down to the spread mail's busiest day with it:
    /// left, it would be far above the mail, and its own fix would follow.
    fn spread_fix(&self, peak: u64) -> Fix {
        let days: Vec<&Journey> = (self.journeys.iter())
            .filter(|(_, j)| {
                !is_one_off(j)
                    && matches!(
                        j.trigger,
                        Trigger::Scheduled {
                            send_day: Some(_),
                            ..
                        }
                    )
            })
            .map(|(_, j)| *j)
            .collect();
        let names: Vec<String> = days.iter().map(|j| j.called().to_string()).collect();
        let mut label = format!(
            "Spread {} over every day instead of one send day",
            and_list(&names)
        );
        let mut edits: Vec<Edit> = (days.iter())
            .map(|j| Edit::Journey {
                journey: j.id.clone(),
                set: JourneyField::SendDay(None),
            })
            .collect();
        let brought = self.planned.iter().map(|&(i, j, _)| (i, j));
        let spread: Vec<Journey> = (self.journeys.iter().copied().chain(brought))
            .map(|(_, j)| spread_out(j))
            .collect();
        let cohort = filter_cohort(&self.lane.engagement_filter);
        let days = self.lane.warmup.as_ref().and_then(|w| w.calendar_days());
        let busiest = Wanted::of_journeys_within(spread.iter(), cohort).peak_within(days);
        if busiest > 0 && peak > busiest.saturating_mul(PEAK_OVER_MAIL) {
            let fitted = Fitted::warmup_volume(busiest);
            label.push_str(&format!(", and ramp to {} a day", fitted.words()));
            edits.extend(lower_peak(self.lane, fitted.value));
        }
        Fix { label, edits }
    }
}

/// Whether a lane is new or warming up, so its reputation is still being
/// built.
fn is_warming(lane: &Lane) -> bool {
    matches!(lane.status, LaneStatus::New | LaneStatus::Warming)
}

/// Whether `journey` reaches people who have not engaged lately through
/// `lane`: mailed to everyone, with no engagement filter on the lane to
/// keep them out. A winback mails the lapsed by design, so narrowing its
/// audience to the engaged would empty it; `winback_while_warming` says
/// to hold it instead. A journey that sends nothing yet reaches no one.
fn mails_unengaged(lane: &Lane, journey: &Journey) -> bool {
    let limit = filter_cohort(&lane.engagement_filter);
    journey.audience == Audience::All
        && recipient_cohort(journey).min(limit) == cohort(Audience::All)
        && journey.intent != Intent::Winback
        && journey.daily_volume > 0
}

/// Another lane with this purpose, for a fix to move journeys to.
fn other_lane<'a>(plan: &'a Plan, not: &str, purpose: Purpose) -> Option<&'a Lane> {
    plan.lanes
        .iter()
        .find(|l| l.id != not && l.purpose == purpose)
}

/// A move's label, naming the journey when it is one: “Move “Winback” to
/// Revenue flows”, or “Move the 2 journeys to the marketing lanes”.
fn move_label(plan: &Plan, edits: &[Edit], to: &str) -> String {
    match edits {
        [Edit::Journey { journey, .. }] => {
            let name = (plan.journeys.iter())
                .find(|j| &j.id == journey)
                .map_or(journey.as_str(), |j| j.called());
            format!("Move “{name}” to {to}")
        }
        [Edit::Rule { rule, .. }] => {
            let name = (plan.rules.iter())
                .find(|r| &r.id == rule)
                .map_or(rule.as_str(), |r| r.name.as_str());
            format!("Send rule “{name}” to {to}")
        }
        _ if edits.iter().any(|e| matches!(e, Edit::Rule { .. })) => {
            format!("Send their rules and journeys to {to}")
        }
        _ => format!("Move the {} journeys to {to}", edits.len()),
    }
}

/// Overrides a journey's lane, the fix for a journey on the wrong lane.
fn move_journey(journey: &Journey, target: &str) -> Edit {
    Edit::Journey {
        journey: journey.id.clone(),
        set: JourneyField::LaneOverride(Some(target.to_string())),
    }
}

/// Whether a journey sends once, on a date.
fn is_one_off(journey: &Journey) -> bool {
    matches!(
        journey.trigger,
        Trigger::Scheduled {
            cadence: Cadence::OneOff,
            ..
        }
    )
}

/// The journey with its scheduled mail spread over every day.
fn spread_out(journey: &Journey) -> Journey {
    let mut spread = journey.clone();
    if let Trigger::Scheduled { send_day, .. } = &mut spread.trigger {
        *send_day = None;
    }
    spread
}
