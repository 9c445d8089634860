//! What the plan shows of each checklist item: a status, whether that is
//! proof, and why, from the routing, findings, DNS evidence, reports,
//! imported delivery data and the lanes' warm-ups.

use chrono::{Days, NaiveDate};

use crate::dmarc_reports::rollout::ItemEvidence as ReportEvidence;
use crate::dns::live::LiveEvidence;
use crate::monitor::health::LaneHealth;
use crate::plan::diagnostic::{Diagnostic, Severity};
use crate::plan::model::{Item, ItemStatus, Lane, LaneStatus, Placement, Plan, Platform, Purpose};
use crate::plan::routing::{Reason, Routing};
use crate::units::count as counted;
use crate::warmup::calendar::words::{ends_short, still_capping};
use crate::warmup::calendar::{calendar, date, MAX_DAYS};
use crate::warmup::migration::lane_wanted;
use ItemStatus::{Done, InProgress, NotApplicable, NotStarted};

use super::{lead_days, Evidence, Row, QA};

/// What the plan says about an item: a status, whether that is proof, and
/// why.
pub(super) struct Derived {
    pub(super) status: ItemStatus,
    pub(super) proven: bool,
    pub(super) evidence: String,
    /// What would let the team mark the item done, said only while no
    /// one has set its status.
    pub(super) prompt: Option<&'static str>,
}

fn proven(status: ItemStatus, evidence: impl Into<String>) -> Derived {
    Derived {
        status,
        proven: true,
        evidence: evidence.into(),
        prompt: None,
    }
}

fn suggest(status: ItemStatus, evidence: impl Into<String>) -> Derived {
    Derived {
        status,
        proven: false,
        evidence: evidence.into(),
        prompt: None,
    }
}

/// A suggestion with what would make it done: "Thresholds are set; mark
/// it done once the review runs."
fn ask(status: ItemStatus, fact: impl Into<String>, prompt: &'static str) -> Derived {
    Derived {
        prompt: Some(prompt),
        ..suggest(status, fact)
    }
}

/// What every row needs, computed once.
pub(super) struct Context<'a> {
    plan: &'a Plan,
    routing: &'a Routing,
    findings: &'a [Diagnostic],
    evidence: Option<&'a [Evidence]>,
    /// What the DMARC aggregate reports prove of each lane.
    reports: &'a [ReportEvidence],
    /// What the last check of published DNS proves of each lane.
    live: &'a [LiveEvidence],
    /// Each lane's health from imported delivery data.
    pub(super) imported: &'a [LaneHealth],
    today: NaiveDate,
    /// Per lane: the warm-up's first day and the day it is warm.
    warmups: Vec<WarmupDates>,
    /// On Customer.io, the lanes none of the plan's mail goes through:
    /// no server carries them and no migration moves mail to them.
    serverless: Vec<String>,
}

/// A lane's warm-up on the calendar.
#[derive(Clone, Copy, Default)]
struct WarmupDates {
    start: Option<NaiveDate>,
    /// The day the ramp ends; `None` beyond the calendar.
    ends: Option<NaiveDate>,
    /// The day the lane is warm: the day the ramp ends, unless it ends
    /// short of the lane's mail.
    warm: Option<NaiveDate>,
    /// For a ramp that ends short of the lane's mail, where it ends and
    /// what the lane must carry.
    short: Option<(u64, u64)>,
}

impl<'a> Context<'a> {
    pub(super) fn new(
        plan: &'a Plan,
        routing: &'a Routing,
        findings: &'a [Diagnostic],
        evidence: Option<&'a [Evidence]>,
        reports: &'a [ReportEvidence],
        live: &'a [LiveEvidence],
        today: NaiveDate,
    ) -> Self {
        let warmups = plan
            .lanes
            .iter()
            .map(|lane| {
                let Some(w) = &lane.warmup else {
                    return WarmupDates::default();
                };
                let start = date(&w.start_date);
                let cal = start
                    .and_then(|_| calendar(w, &lane_wanted(plan, routing, &lane.id), MAX_DAYS));
                let short = (cal.as_ref()).and_then(|c| Some((c.tops_out?, c.needs)));
                let ends = cal.and_then(|c| c.warm_on).and_then(|d| date(&d));
                WarmupDates {
                    start,
                    ends,
                    warm: ends.filter(|_| short.is_none()),
                    short,
                }
            })
            .collect();
        Context {
            plan,
            routing,
            findings,
            evidence,
            reports,
            live,
            imported: &[],
            today,
            warmups,
            serverless: crate::platform::customer_io::serverless_lanes(plan, routing),
        }
    }

    pub(super) fn row(&self, item: Item, lane_id: &str) -> Row {
        let plan = self.plan;
        let index = plan.lanes.iter().position(|l| l.id == lane_id);
        let state = plan
            .checklist
            .items
            .iter()
            .find(|s| s.item == item && s.lane == lane_id);
        let mut derived = self.derive(item, index);
        let manual = state.and_then(|s| s.status);
        if manual.is_none() && !derived.proven {
            if let Some((twin, status)) = self.twin_status(item, lane_id) {
                derived.status = status;
                derived.evidence = format!("As set for “{}”.", twin.label());
                derived.prompt = None;
            }
        }
        let status = match (derived.proven, manual) {
            (false, Some(manual)) => manual,
            _ => derived.status,
        };
        let evidence = match (derived.prompt, manual) {
            (Some(prompt), None) => format!("{}; {prompt}.", derived.evidence),
            (Some(_), Some(_)) => format!("{}.", derived.evidence),
            (None, _) => derived.evidence,
        };
        let set_due = state.map(|s| s.due.trim()).filter(|d| !d.is_empty());
        let derived_due = self.due(item, index);
        let due = set_due
            .map(str::to_string)
            .or_else(|| derived_due.map(|d| d.to_string()))
            .unwrap_or_default();
        let overdue = date(&due).is_some_and(|d| d < self.today)
            && !matches!(status, ItemStatus::Done | ItemStatus::NotApplicable);
        Row {
            item,
            lane: lane_id.to_string(),
            lane_name: index
                .map(|i| plan.lanes[i].name.clone())
                .unwrap_or_default(),
            label: item.label().to_string(),
            status,
            proven: derived.proven,
            suggested: !derived.proven && manual.is_none(),
            evidence,
            manual,
            owner: state.map(|s| s.owner.clone()).unwrap_or_default(),
            due,
            due_derived: set_due.is_none() && derived_due.is_some(),
            overdue,
            notes: state.map(|s| s.notes.clone()).unwrap_or_default(),
        }
    }

    /// The status set by hand on the item's twin: the implementation step
    /// and the final checklist line that check the same work, so that
    /// marking one suggests the other.
    fn twin_status(&self, item: Item, lane_id: &str) -> Option<(Item, ItemStatus)> {
        let twin = match item {
            Item::Authenticate => Item::AuthConfigured,
            Item::AuthConfigured => Item::Authenticate,
            Item::DomainPlan => Item::DomainPlanDocumented,
            Item::DomainPlanDocumented => Item::DomainPlan,
            Item::AssignRoutes => Item::RoutingImplemented,
            Item::RoutingImplemented => Item::AssignRoutes,
            _ => return None,
        };
        // The same entry `row` reads for the twin itself.
        let status = (self.plan.checklist.items.iter())
            .find(|s| s.item == twin && s.lane == lane_id)
            .and_then(|s| s.status)?;
        Some((twin, status))
    }

    /// The due date counted back from the lane's warm-up start (or, for
    /// plan-wide items, the earliest one): domains and servers three weeks
    /// ahead, authentication two, the warm-up plan one, QA and seed tests
    /// three days; the warm-up itself is due the day it is warm.
    fn due(&self, item: Item, index: Option<usize>) -> Option<NaiveDate> {
        let start = match index {
            Some(i) => self.warmups[i].start,
            None => self.warmups.iter().filter_map(|w| w.start).min(),
        }?;
        match item {
            Item::WarmUp => index.and_then(|i| self.warmups[i].warm),
            _ => start.checked_sub_days(Days::new(lead_days(item))),
        }
    }

    /// Errors among the findings whose path starts with `prefix`.
    fn errors_under(&self, prefix: &str) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == Severity::Error && d.path.starts_with(prefix))
            .count()
    }

    /// An item's status and evidence: what the plan proves, or what it
    /// suggests for the team to confirm.
    fn derive(&self, item: Item, index: Option<usize>) -> Derived {
        let lane = index.and_then(|i| Some((i, self.plan.lanes.get(i)?)));
        match (item, lane) {
            (Item::MapLanes, _) => self.lanes_mapped(),
            (Item::LanesWithOwners, _) => self.lanes_owned(),
            (Item::AssignRoutes, _) => self.routes_assigned(),
            (Item::RoutingImplemented, _) => self.routes_qaed(),
            (Item::FallbackPlan, _) => self.fallbacks_planned(),
            (_, None) => suggest(ItemStatus::NotStarted, ""),
            (Item::DomainPlan | Item::DomainPlanDocumented, Some((i, lane))) => {
                self.domains_planned(i, lane)
            }
            (Item::SmtpServers, Some((_, lane))) if self.serverless.contains(&lane.id) => proven(
                NotApplicable,
                "None of the plan's mail goes through it on Customer.io, so it needs no server yet.",
            ),
            (Item::SmtpServers, Some((_, lane))) => smtp_server(lane, self.plan.platform.kind),
            (Item::Authenticate | Item::AuthConfigured, Some((_, lane))) => {
                self.authenticated(lane)
            }
            (Item::TrackingDomain, Some((i, lane))) => self.tracking_branded(i, lane),
            (Item::WarmUp, Some((i, lane))) => self.warmed_up(i, lane),
            (Item::WarmupPlanCreated, Some((i, lane))) => self.warmup_planned(i, lane),
            (Item::EndToEndQa, Some((_, lane))) => self.qa_ticked(lane),
            (Item::SeedTests, Some((_, lane))) => self.seeds_tested(lane),
            (Item::MonitorByLane, Some((_, lane))) => self.monitored_by_lane(lane),
            (Item::WeeklyReview, Some((_, lane))) => {
                self.monitored(lane, "mark it done once the review runs")
            }
            (_, Some(_)) => suggest(ItemStatus::NotStarted, ""),
        }
    }

    /// A warm-up plan is made once it has a start date and ramps: a lane
    /// still to warm up whose ramp starts at its busiest day has none.
    fn warmup_planned(&self, index: usize, lane: &Lane) -> Derived {
        let at = format!("$.lanes[{index}].warmup.");
        let skips =
            (self.findings.iter()).any(|d| d.code == "warmup.no_ramp" && d.path.starts_with(&at));
        if skips {
            return proven(
                InProgress,
                "The warm-up does not ramp: it starts at the lane's full volume.",
            );
        }
        warmup_planned(lane)
    }

    fn lanes_mapped(&self) -> Derived {
        let unrouted = self
            .routing
            .routes
            .iter()
            .filter(|r| r.lane_id.is_none())
            .count() as u64;
        match self.plan.lanes.len() {
            0 => proven(NotStarted, "The plan has no lanes."),
            1 => proven(InProgress, "The plan has one lane; split mail into 2 to 3."),
            n if unrouted > 0 => proven(
                InProgress,
                format!(
                    "{n} lanes; {} to none.",
                    counted(unrouted, "journey routes", "journeys route")
                ),
            ),
            n => proven(Done, format!("{n} lanes; every journey routes to one.")),
        }
    }

    fn lanes_owned(&self) -> Derived {
        let lanes = &self.plan.lanes;
        let missing: Vec<&str> = lanes
            .iter()
            .filter(|l| l.owner.trim().is_empty())
            .map(|l| l.name.as_str())
            .collect();
        if lanes.len() < 2 {
            proven(InProgress, "Define at least two lanes.")
        } else if missing.is_empty() {
            proven(Done, format!("{} lanes, each with an owner.", lanes.len()))
        } else {
            proven(InProgress, format!("No owner: {}.", missing.join(", ")))
        }
    }

    fn routes_assigned(&self) -> Derived {
        let loose = self
            .routing
            .routes
            .iter()
            .filter(|r| !matches!(r.reason, Reason::Override | Reason::Rule { .. }))
            .count() as u64;
        // Errors in the DNS records, which the authentication step sees
        // to, do not hold up the routing.
        let dns = |d: &Diagnostic| {
            !d.path.starts_with("$.")
                || ["$.existing_records", "$.dmarc", "$.extras"]
                    .iter()
                    .any(|p| d.path.starts_with(p))
        };
        let errors = (self.findings.iter())
            .filter(|d| d.severity == Severity::Error && !dns(d))
            .count() as u64;
        if self.plan.journeys.is_empty() {
            proven(NotStarted, "The plan has no journeys yet.")
        } else if loose > 0 {
            let said = counted(
                loose,
                "journey falls through to the default lane or routes nowhere; give it",
                "journeys fall through to the default lane or route nowhere; give them",
            );
            proven(InProgress, format!("{said} a rule or an override."))
        } else if errors > 0 {
            let errors = counted(
                errors,
                "error outside the DNS records remains",
                "errors outside the DNS records remain",
            );
            proven(InProgress, format!("Every journey routes by a rule or an override, but {errors} on the Problems tab."))
        } else {
            proven(
                Done,
                "Every journey routes by a rule or an override, and no errors remain outside the DNS records.",
            )
        }
    }

    fn fallbacks_planned(&self) -> Derived {
        let plan = self.plan;
        let fallbacks = &plan.simulation.fallbacks;
        let missing: Vec<&str> = plan
            .lanes
            .iter()
            .filter(|l| l.purpose == Purpose::Promotional)
            .filter(|l| !fallbacks.iter().any(|f| f.lane == l.id))
            .map(|l| l.name.as_str())
            .collect();
        if fallbacks.is_empty() {
            proven(NotStarted, "No lane has a fallback plan.")
        } else if missing.is_empty() {
            let lanes = counted(fallbacks.len() as u64, "lane has", "lanes have");
            proven(
                Done,
                format!("{lanes} a fallback plan, covering every promotional lane."),
            )
        } else {
            proven(
                InProgress,
                format!("No fallback for: {}.", missing.join(", ")),
            )
        }
    }

    fn domains_planned(&self, i: usize, lane: &Lane) -> Derived {
        let errors: usize = [
            "sending_domain",
            "from_address",
            "return_path_domain",
            "dkim_domain",
            "tracking_domain",
        ]
        .iter()
        .map(|f| self.errors_under(&format!("$.lanes[{i}].{f}")))
        .sum();
        if lane.sending_domain.trim().is_empty() {
            proven(NotStarted, "No sending domain yet.")
        } else if lane.from_address.trim().is_empty() || errors > 0 {
            let domain = &lane.sending_domain;
            proven(
                InProgress,
                format!("{domain}, with problems to fix in its domains."),
            )
        } else {
            let (domain, from) = (&lane.sending_domain, &lane.from_address);
            proven(Done, format!("Sends from {domain} as {from}."))
        }
    }

    /// What the DMARC reports prove, or else a check of published DNS, or
    /// else the pasted records: each says more than the next. Reports of
    /// mail that passes DMARC without proving the item (aligned DKIM short
    /// of the bar) are a suggestion, so a status set by hand wins.
    fn authenticated(&self, lane: &Lane) -> Derived {
        match self.reports.iter().find(|e| e.lane == lane.id) {
            Some(e) if e.proven => return proven(e.status, e.sentence.clone()),
            Some(e) if e.passed => return suggest(e.status, e.sentence.clone()),
            _ => {}
        }
        match self.live.iter().find(|e| e.lane == lane.id) {
            Some(e) if e.passed => return proven(Done, e.sentence.clone()),
            Some(e) => return suggest(InProgress, e.sentence.clone()),
            None => {}
        }
        match self.evidence.and_then(|e| e.iter().find(|e| e.lane == lane.id)) {
            None => suggest(NotStarted, "Set it by hand, or paste the published records on the Domains tab to have it checked."),
            Some(e) if own_records(e) == 0 => suggest(
                NotStarted,
                "No records are planned for the lane yet: give it a sending domain on the Lanes tab.",
            ),
            Some(e) if e.published == e.planned && e.errors == 0 => {
                proven(Done, format!("{} in the pasted existing records, with no DNS errors.", every_record(e)))
            }
            Some(e) if e.published > 0 => suggest(
                InProgress,
                format!("{} found in the pasted existing records; {}.", some_records(e), counted(e.errors as u64, "DNS error", "DNS errors")),
            ),
            Some(e) => suggest(
                NotStarted,
                format!("{} in the pasted existing records.", no_record(e)),
            ),
        }
    }

    fn tracking_branded(&self, i: usize, lane: &Lane) -> Derived {
        let tracking = lane.tracking_domain.trim();
        let errors = self.errors_under(&format!("$.lanes[{i}].tracking_domain"));
        if tracking.is_empty() {
            suggest(
                NotStarted,
                "The provider's shared tracking domain; confirm that is the choice, or brand it.",
            )
        } else if errors == 0 {
            proven(Done, format!("Branded tracking on {tracking}."))
        } else {
            suggest(InProgress, format!("{tracking} has problems to fix."))
        }
    }

    fn warmed_up(&self, i: usize, lane: &Lane) -> Derived {
        let WarmupDates {
            start,
            ends,
            warm,
            short,
        } = self.warmups[i];
        match (&lane.warmup, lane.status) {
            (None, LaneStatus::Warm | LaneStatus::Paused) => {
                proven(NotApplicable, "The lane is already warm.")
            }
            // Marked warm while the calendar still caps it, the ramp
            // holds its mail all the same (`lint::marked_warm` says so).
            (Some(_), LaneStatus::Warm) => {
                match start.and_then(|_| still_capping(ends, short, self.today)) {
                    Some(capped) => proven(
                        InProgress,
                        format!("The lane is marked warm, but its ramp {capped}."),
                    ),
                    None => proven(Done, "The lane is marked warm."),
                }
            }
            (None, _) => proven(NotStarted, "No warm-up plan yet."),
            (Some(_), _) => match (start, warm, short) {
                (None, _, _) => proven(NotStarted, "The warm-up has no start date."),
                (Some(s), _, _) if s > self.today => proven(NotStarted, format!("Starts {s}.")),
                (Some(_), Some(w), _) if w <= self.today => self.ramp_ended(w, lane),
                (Some(s), Some(w), _) => proven(InProgress, format!("Started {s}; warm on {w}.")),
                (Some(s), None, Some(short)) => proven(
                    InProgress,
                    format!("Started {s}; the ramp {}.", ends_short(ends, short)),
                ),
                (Some(s), None, None) => proven(
                    InProgress,
                    format!("Started {s}; not warm within the calendar."),
                ),
            },
        }
    }

    /// A ramp past its last day on the calendar. Dates alone do not warm a
    /// lane: only mail sent with its authentication in place does, and the
    /// team marks the lane warm once its health held through the ramp.
    fn ramp_ended(&self, warm: NaiveDate, lane: &Lane) -> Derived {
        let fact = if self.row(Item::Authenticate, &lane.id).status == Done {
            format!("The calendar's ramp ended on {warm}")
        } else {
            format!("The calendar's ramp ended on {warm}, but the lane's authentication is not done yet, so its mail may not have warmed it")
        };
        ask(
            InProgress,
            fact,
            "mark the lane warm on the Lanes tab once its health held through the ramp",
        )
    }

    /// Routing is implemented once every journey routes, and QAed once
    /// every lane's end-to-end checks are ticked.
    fn routes_qaed(&self) -> Derived {
        let routed = self.routes_assigned();
        if routed.status != Done {
            return routed;
        }
        let waiting: Vec<String> = (self.plan.lanes.iter())
            .filter(|lane| self.qa_ticked(lane).status != Done)
            .map(|lane| lane.name.clone())
            .collect();
        if waiting.is_empty() {
            proven(Done, "Every journey routes by a rule or an override, no errors remain outside the DNS records, and every lane's QA checks are ticked.")
        } else {
            let lanes = crate::units::and_list(&waiting);
            proven(InProgress, format!("Every journey routes by a rule or an override; the QA checks are still to tick for {lanes}."))
        }
    }

    fn qa_ticked(&self, lane: &Lane) -> Derived {
        let items = &self.plan.checklist.items;
        let done = QA
            .iter()
            .filter(|&&qa| {
                items.iter().any(|s| {
                    s.item == qa
                        && s.lane == lane.id
                        && matches!(s.status, Some(Done | NotApplicable))
                })
            })
            .count();
        let status = match done {
            0 => NotStarted,
            4 => Done,
            _ => InProgress,
        };
        proven(status, format!("{done} of 4 checks ticked."))
    }

    fn seeds_tested(&self, lane: &Lane) -> Derived {
        // The providers of the latest tests, whose rate is judged.
        let latest = crate::review::lint::is_latest_seed(self.plan, &lane.id);
        let seeds = self.plan.checklist.seeds.iter().filter(|s| latest(s));
        let mut tested = [false; 3];
        for s in seeds {
            for (slot, p) in tested.iter_mut().zip([s.gmail, s.yahoo, s.outlook]) {
                *slot |= p != Placement::NotTested;
            }
        }
        let providers = tested.iter().filter(|t| **t).count();
        let (inbox, total) = crate::review::lint::seed_inbox(self.plan, &lane.id);
        let rate = match total {
            0 => String::new(),
            _ => format!(
                "; {}% reached the inbox",
                crate::units::percent_of(inbox.into(), total.into())
            ),
        };
        // Tests that land in spam are a reason to fix and test again, not
        // a step done.
        let min = crate::review::lint::SEED_INBOX_MIN_PERCENT;
        let low = total > 0 && inbox * 100 < min * total;
        let status = match providers {
            0 => NotStarted,
            3 if !low => Done,
            _ => InProgress,
        };
        let again = if low {
            format!(", under {min}%: fix placement and test again")
        } else {
            String::new()
        };
        proven(
            status,
            format!("{providers} of 3 providers tested{rate}{again}."),
        )
    }

    /// Imported delivery data mapped to the lane, with a day in the last
    /// `RECENT_DAYS`, proves it monitored by lane, whatever was set by hand:
    /// the data is the monitoring. Older data only suggests it is in
    /// progress, as monitoring may have stopped (or the lane moved to
    /// another provider), so a status set by hand wins. Postmaster Tools
    /// figures alone, which may be the primary domain's, prove nothing.
    /// Days dated after today count for nothing: no mail was sent on them
    /// (`monitor::findings::ahead_of_today` says so).
    fn monitored_by_lane(&self, lane: &Lane) -> Derived {
        let today = self.today.to_string();
        let data = (self.imported.iter())
            .filter(|h| h.lane == lane.id)
            .find_map(|h| {
                let past = h.days.partition_point(|d| d.date <= today);
                Some((h, past, h.days[..past].last()?))
            });
        let Some((h, past, last)) = data else {
            return self.monitored(lane, IMPORT);
        };
        let covers = format!(
            "Imported delivery data covers {} of the lane, up to {}",
            counted(past as u64, "day", "days"),
            last.date
        );
        let recent = self.today.checked_sub_days(Days::new(RECENT_DAYS - 1));
        if date(&last.date).is_some_and(|d| recent.is_some_and(|r| d >= r)) {
            let status = h.status.label();
            proven(Done, format!("{covers}; the Monitoring tab says {status}."))
        } else {
            ask(InProgress, format!("{covers}, over two weeks ago"), IMPORT)
        }
    }

    /// Thresholds set suggest monitoring is under way, with `prompt`, what
    /// would make it done.
    fn monitored(&self, lane: &Lane, prompt: &'static str) -> Derived {
        if self
            .plan
            .monitoring
            .thresholds
            .iter()
            .any(|t| t.lane == lane.id)
        {
            ask(InProgress, "Thresholds are set", prompt)
        } else {
            suggest(NotStarted, "No thresholds yet.")
        }
    }
}

/// How recent a lane's last day of imported data must be to prove it
/// monitored: as the DMARC reports' window, two weeks.
const RECENT_DAYS: u64 = 14;

/// What would prove a lane monitored, or let the team say it is.
const IMPORT: &str = "import its latest delivery data on the Monitoring tab, or mark it done";

/// The lane's SMTP server, which only the team can say is set up, where
/// the platform sends from.
fn smtp_server(lane: &Lane, platform: Platform) -> Derived {
    let provider = lane.smtp.provider.label();
    let host = lane.smtp.host.trim();
    let server = if host.is_empty() {
        provider.to_string()
    } else {
        format!("{provider} at {host}:{}", lane.smtp.port)
    };
    let prompt = match platform {
        Platform::CustomerIo => "mark it done once the server is set up in Customer.io",
        Platform::OwnCode => "mark it done once your sending code or ESP uses it",
    };
    ask(NotStarted, server, prompt)
}

fn warmup_planned(lane: &Lane) -> Derived {
    match (&lane.warmup, lane.status) {
        (None, LaneStatus::Warm | LaneStatus::Paused) => {
            proven(NotApplicable, "The lane is already warm.")
        }
        (None, LaneStatus::Warming) => {
            proven(NotStarted, "The lane is warming but has no warm-up plan.")
        }
        (None, _) => proven(NotStarted, "The lane is new but has no warm-up plan."),
        (Some(w), _) if w.start_date.trim().is_empty() => {
            proven(InProgress, "The warm-up has no start date.")
        }
        (Some(w), _) if crate::units::iso_date(&w.start_date).is_none() => proven(
            InProgress,
            format!(
                "The warm-up's start date is wrong: {}",
                crate::units::not_a_date(&w.start_date)
            ),
        ),
        (Some(w), _) => proven(Done, format!("Planned from {}.", w.start_date)),
    }
}

/// The lane's own records, as the Domains tab and a migration's steps
/// count them: the evidence's without the brand's DMARC record.
fn own_records(e: &Evidence) -> u32 {
    e.planned.saturating_sub(u32::from(e.dmarc))
}

/// "All 6 of its records are", or "Its one record is", naming the brand's
/// DMARC record where the evidence counts it.
fn every_record(e: &Evidence) -> String {
    let own = own_records(e);
    match (own, e.dmarc) {
        (1, false) => "Its one record is".to_string(),
        (n, false) => format!("All {n} of its records are"),
        (1, true) => "Its one record and the brand's DMARC record are".to_string(),
        (n, true) => format!("All {n} of its records and the brand's DMARC record are"),
    }
}

/// "2 of 6 records", or "2 of 7 records (its 6 and the brand's DMARC
/// record)": the evidence does not say which of them were found.
fn some_records(e: &Evidence) -> String {
    let (found, planned) = (e.published, e.planned);
    match (own_records(e), e.dmarc) {
        (_, false) => format!("{found} of {planned} records"),
        (1, true) => format!("{found} of {planned} records (its one and the brand's DMARC record)"),
        (n, true) => format!("{found} of {planned} records (its {n} and the brand's DMARC record)"),
    }
}

/// "None of its 6 records is", or "Its one record is not", naming the
/// brand's DMARC record where the evidence counts it.
fn no_record(e: &Evidence) -> String {
    match (own_records(e), e.dmarc) {
        (1, false) => "Its one record is not".to_string(),
        (n, false) => format!("None of its {n} records is"),
        (1, true) => "Neither its one record nor the brand's DMARC record is".to_string(),
        (n, true) => format!("None of its {n} records, nor the brand's DMARC record, is"),
    }
}
