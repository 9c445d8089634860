//! Where in the planner a finding is fixed: its location (a JSON path into
//! the plan file, a lane's DNS checks, a record name or a line of pasted
//! records) read once into a typed `Place` that names lanes, journeys,
//! rules and migrations by id; a finding about what DMARC reporters saw,
//! by its code, the reports' list of it, and one about a lane's health, its
//! card on the Monitoring tab.

use crate::dmarc_reports::published::REPORTERS_DISAGREE;
use crate::dns::report::RecordView;
use crate::monitor::findings::{ACT, AHEAD, WATCH};
use crate::plan::diagnostic::{lane_of_checks, target_of, Diagnostic, Target};
use crate::plan::edit::{Edit, TopicField};
use crate::plan::model::{Lane, Plan, Purpose};
use crate::plan::path_words::in_words;

/// A form or section of the planner. `None` ids stand for an index the plan
/// no longer has: the page opens without a section chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The brand form on the overview.
    Brand,
    /// The brand's name (`name`) or primary domain (`primary_domain`),
    /// fields of the brand form.
    BrandField(&'static str),
    /// A lane's card on the lanes page.
    Lane(Option<String>),
    /// One field of a lane's card, by its path below the lane, such as
    /// `from_address` or `smtp.port`.
    LaneField {
        lane: String,
        field: String,
    },
    /// A lane's section on the domains page.
    Domains(Option<String>),
    /// The brand's section on the domains page: DMARC, the optional
    /// records and records no lane publishes.
    DnsBrand,
    /// One field of the DMARC plan in the brand's section, by its name in
    /// the plan file (`np`, `rollout_start`, …).
    DmarcField(&'static str),
    /// One of the optional records' fields in the brand's section
    /// (`mta_sts`, `bimi_logo`, …).
    ExtrasField(&'static str),
    /// The records pasted as already existing, in the brand's section.
    ExistingRecords,
    /// A lane's warm-up plan.
    Warmup(Option<String>),
    /// One field of a lane's warm-up plan, by its name in the plan file.
    WarmupField {
        lane: String,
        field: &'static str,
    },
    Journey(Option<String>),
    /// One field of a journey's editor, by the control's name (`lane`,
    /// `event`, `segment`, `volume`, …): findings about where it is routed
    /// go to its Lane field.
    JourneyField {
        journey: String,
        control: &'static str,
    },
    Rule(Option<String>),
    /// One control of a rule's card, by its name (`lane`, `intents`,
    /// `teams`, …).
    RuleField {
        rule: String,
        control: &'static str,
    },
    /// The default lane, under the rules.
    DefaultLane,
    Migration(Option<String>),
    /// One control of a migration's card, by its name in the plan file
    /// (`to_lane`, `start_date`, …).
    MigrationField {
        migration: String,
        field: &'static str,
    },
    PeakWindow,
    /// The simulation's what-if settings.
    Simulation,
    /// The lanes' fallback plans, on the simulation page.
    Fallbacks,
    /// One control of a lane's fallback plan, by its name in the plan file
    /// (`action`, `shift_lane`): for the plan as a whole, its action.
    FallbackField {
        lane: String,
        field: &'static str,
    },
    Checklist,
    SeedTests,
    /// One field of a seed test's row on the checklist, by its name in the
    /// plan file (`date`, `gmail`, …): a finding about the whole test
    /// opens its first field, the date.
    SeedField {
        seed: String,
        field: &'static str,
    },
    Thresholds,
    /// One lane's monitoring threshold, by its name in the plan file: for
    /// the lane's thresholds as a whole, the row's first.
    ThresholdField {
        lane: String,
        field: &'static str,
    },
    /// The button in a lane's row of thresholds that sets them to the
    /// reference figures, the row's one control while the lane has none.
    ThresholdReset(String),
    Mapping,
    Postmaster,
    /// One field of a Postmaster Tools figure typed in on the Monitoring
    /// tab, by the row's id and the field's name in the plan file
    /// (`date`, `domain`, `spam_rate_percent`): a finding about the whole
    /// figure opens its first field, the date.
    PostmasterField {
        row: String,
        field: &'static str,
    },
    /// A lane's health card on the Monitoring tab, by the lane's id.
    LaneHealth(String),
    Preferences,
    /// An unsubscribe topic's row, by its id; with none, the Add a topic
    /// button.
    Topic(Option<String>),
    /// The box in a topic's row that says whether its unsubscribe stops a
    /// lane.
    TopicLane {
        topic: String,
        lane: String,
    },
    /// The one-click unsubscribe row at one lane's box: the lane a
    /// finding's fix ticks, or, from its path alone, the first lane
    /// without it.
    OneClick(String),
    /// The days an unsubscribe takes to reach every lane.
    ProcessingDays,
    Platform,
    /// The select of the lane that keeps Customer.io's All Emails server.
    AllEmailsLane,
    /// The policies the DMARC reports saw published, each with who
    /// reported it, on the DMARC reports tab.
    DmarcPublished,
}

/// The place a finding is seen to. Where reporters saw different policies
/// the plan has nothing to change: the reports' list of who saw which
/// policy shows it; so does a lane's health (and its delivery data dated
/// after today), at its card on the Monitoring
/// tab. The brand's planned DMARC record without rua= opens
/// the DMARC plan's report address, which writes it. A finding about a
/// lane a list lacks opens the lane's control its fix sets
/// (`lane_in_list`). Every other finding's place is its location's.
pub fn place_of_finding(plan: &Plan, records: &[RecordView], finding: &Diagnostic) -> Place {
    let at = || place_of(plan, records, &finding.path);
    match finding.code.as_ref() {
        REPORTERS_DISAGREE => Place::DmarcPublished,
        ACT | WATCH | AHEAD => match health_lane(plan, finding) {
            Some(lane) => Place::LaneHealth(lane.id.clone()),
            None => at(),
        },
        // A record the plan does not write is the pasted records' to fix.
        NO_REPORTS if at() == Place::DnsBrand => Place::DmarcField("rua"),
        _ => lane_in_list(finding).unwrap_or_else(at),
    }
}

/// The code of a DMARC record that asks for no reports.
const NO_REPORTS: &str = "dmarc.no_reports";

/// The control a finding's fix sets for a lane that the list at its path
/// leaves out, so no index in the path can name it: the box that lets a
/// topic stop the lane, the lane's one-click box, or the button that gives
/// it thresholds. `None` for any other finding, or one without such a fix.
fn lane_in_list(finding: &Diagnostic) -> Option<Place> {
    let edit = finding.fix.as_ref()?.edits.first()?;
    Some(match (finding.path.as_str(), edit) {
        (
            "$.preferences.topics",
            Edit::Topic {
                topic,
                set: TopicField::Suppresses { lane, .. },
            },
        ) => Place::TopicLane {
            topic: topic.clone(),
            lane: lane.clone(),
        },
        ("$.preferences.one_click_lanes", Edit::SetOneClick { lane, .. }) => {
            Place::OneClick(lane.clone())
        }
        ("$.monitoring.thresholds", Edit::Threshold { lane, .. }) => {
            Place::ThresholdReset(lane.clone())
        }
        _ => return None,
    })
}

/// The lane a finding about a lane's health is at.
fn health_lane<'p>(plan: &'p Plan, finding: &Diagnostic) -> Option<&'p Lane> {
    match target_of(&finding.path) {
        Target::Lane(i) => plan.lanes.get(i as usize),
        _ => None,
    }
}

/// Names each finding's place as `finding_place_words` does: DMARC
/// report and lane health findings, wherever they are listed.
pub fn name_finding_places(plan: &Plan, findings: &mut [Diagnostic]) {
    for d in findings {
        d.place = finding_place_words(plan, d);
    }
}

/// `place_of_finding`'s place in words, as the Problems tab names it.
pub fn finding_place_words(plan: &Plan, finding: &Diagnostic) -> String {
    match finding.code.as_ref() {
        REPORTERS_DISAGREE => "DMARC reports › What receivers saw published".to_string(),
        ACT | WATCH | AHEAD => match health_lane(plan, finding) {
            Some(lane) => format!("Monitoring › lane health › “{}”", lane.name),
            None => in_words(Some(plan), &finding.path),
        },
        _ => with_lane_in_list(plan, finding, in_words(Some(plan), &finding.path)),
    }
}

/// A finding's place in words, with the lane it is about where the list
/// at its path leaves that lane out (`lane_in_list`): a lane's row of
/// thresholds or its one-click box, which the path cannot name.
fn with_lane_in_list(plan: &Plan, finding: &Diagnostic, words: String) -> String {
    let lane = match lane_in_list(finding) {
        Some(Place::ThresholdReset(lane) | Place::OneClick(lane)) => lane,
        _ => return words,
    };
    match plan.lane(&lane).map(|l| l.name.trim()) {
        Some("") | None => format!("{words} › Lane {lane}"),
        Some(name) => format!("{words} › Lane “{name}”"),
    }
}

/// Sections and fields whose findings sit under one JSON path prefix; more
/// specific prefixes come first.
const SECTIONS: [(&str, Place); 12] = [
    ("$.simulation.fallbacks", Place::Fallbacks),
    ("$.simulation", Place::Simulation),
    ("$.peak_window", Place::PeakWindow),
    ("$.checklist.seeds", Place::SeedTests),
    ("$.checklist", Place::Checklist),
    ("$.monitoring.mapping", Place::Mapping),
    ("$.monitoring.postmaster", Place::Postmaster),
    ("$.monitoring", Place::Thresholds),
    ("$.preferences", Place::Preferences),
    ("$.platform.all_emails_lane", Place::AllEmailsLane),
    ("$.platform", Place::Platform),
    ("$.default_lane", Place::DefaultLane),
];

/// Warm-up fields that have a control of their own on the warm-up page.
const WARMUP_FIELDS: [&str; 8] = [
    "preset",
    "start_date",
    "target_volume",
    "target_date",
    "skipped_dates",
    "overflow",
    "spill_lane",
    "sending_weekdays",
];

/// Lane fields edited on the domains page rather than the lane's card.
const DOMAIN_FIELDS: [&str; 3] = ["dkim_selector", "dkim_domain", "ip_addresses"];

/// The place a finding at `path` is fixed. `records` are the planned DNS
/// records, which say which lane publishes a record name.
pub fn place_of(plan: &Plan, records: &[RecordView], path: &str) -> Place {
    if let Some(id) = lane_of_checks(path) {
        return Place::Domains(Some(id.to_string()));
    }
    if !path.starts_with('$') {
        // A record name, or a line of the pasted records; a name no
        // planned record has comes from the pasted records.
        return match records.iter().find(|r| r.name == path) {
            Some(r) => r
                .lane
                .clone()
                .map_or(Place::DnsBrand, |lane| Place::Domains(Some(lane))),
            None => Place::ExistingRecords,
        };
    }
    // A whole list, such as where an item was removed: its Add button.
    match path {
        "$.lanes" => return Place::Lane(None),
        "$.journeys" => return Place::Journey(None),
        "$.rules" => return Place::Rule(None),
        "$.migrations" => return Place::Migration(None),
        _ => {}
    }
    if let Some(found) = in_list(path, "$.migrations", &plan.migrations, &MIGRATION_FIELDS) {
        return match found {
            (Some(m), Some(field)) => Place::MigrationField {
                migration: m.id.clone(),
                field,
            },
            (m, _) => Place::Migration(m.map(|m| m.id.clone())),
        };
    }
    if let Some(place) = threshold_field(plan, path) {
        return place;
    }
    if let Some(place) = seed_field(plan, path) {
        return place;
    }
    if let Some(place) = postmaster_field(plan, path) {
        return place;
    }
    if let Some(place) = fallback_field(plan, path) {
        return place;
    }
    if let Some(place) = preferences_field(plan, path) {
        return place;
    }
    if let Some((_, place)) = SECTIONS.iter().find(|(prefix, _)| path.starts_with(prefix)) {
        return place.clone();
    }
    match target_of(path) {
        Target::Lane(i) => lane_place(plan, i, path),
        Target::Journey(i) => journey_place(plan, i, path),
        Target::Rule(i) => rule_place(plan, i, path),
        Target::Brand | Target::Plan if path.starts_with("$.existing_records") => {
            Place::ExistingRecords
        }
        // DMARC and the optional records.
        Target::Brand | Target::Plan if is_dns(path) => dmarc_field(path),
        Target::Brand | Target::Plan => match path {
            "$.brand.name" => Place::BrandField("name"),
            "$.brand.primary_domain" => Place::BrandField("primary_domain"),
            _ => Place::Brand,
        },
    }
}

/// Monitoring thresholds, each a column of a lane's row on the checklist.
const THRESHOLD_FIELDS: [&str; 5] = [
    "complaint_watch_percent",
    "complaint_act_percent",
    "bounce_watch_percent",
    "bounce_act_percent",
    "delivered_min_percent",
];

/// The lane's threshold a path such as
/// `$.monitoring.thresholds[1].complaint_act_percent` names, or the row's
/// first for the row as a whole or its lane; `None` when the plan has no
/// such row or the checklist shows it under no lane.
fn threshold_field(plan: &Plan, path: &str) -> Option<Place> {
    let rows = &plan.monitoring.thresholds;
    let (row, field) = in_list(path, "$.monitoring.thresholds", rows, &THRESHOLD_FIELDS)?;
    let lane = plan.lane(&row?.lane)?;
    Some(Place::ThresholdField {
        lane: lane.id.clone(),
        field: field.unwrap_or(THRESHOLD_FIELDS[0]),
    })
}

/// The item of the list at `list` (such as `$.migrations`) that `path`
/// points into, if the plan has it, and the field of it named right below,
/// if that is one of `fields`: a field's own elements, such as a hold
/// date, are not the field's control. `None` when `path` is not in the
/// list's items.
fn in_list<'p, T>(
    path: &str,
    list: &str,
    items: &'p [T],
    fields: &[&'static str],
) -> Option<(Option<&'p T>, Option<&'static str>)> {
    let rest = path.strip_prefix(list)?.strip_prefix('[')?;
    let (index, below) = rest.split_once(']').unwrap_or((rest, ""));
    let item = index.parse::<usize>().ok().and_then(|i| items.get(i));
    let name = below.strip_prefix('.').unwrap_or_default();
    Some((item, fields.iter().copied().find(|f| *f == name)))
}

/// A migration's fields with one control each on its card; a finding
/// about another, such as a hold date, opens the card.
const MIGRATION_FIELDS: [&str; 7] = [
    "name",
    "from_lane",
    "to_lane",
    "start_date",
    "grace_days",
    "whole_lane",
    "rollback",
];

/// The control of the preferences page a path such as
/// `$.preferences.topics[1].suppresses` names: a topic's row, the
/// one-click row or the processing days; `None` for the page as a whole.
fn preferences_field(plan: &Plan, path: &str) -> Option<Place> {
    let p = &plan.preferences;
    let rest = path.strip_prefix("$.preferences.")?;
    if rest == "topics" {
        return Some(Place::Topic(None));
    }
    if let Some((topic, _)) = in_list(path, "$.preferences.topics", &p.topics, &[]) {
        return Some(Place::Topic(topic.map(|t| t.id.clone())));
    }
    if rest.starts_with("one_click_lanes") {
        // The finding names a lane that is not the transactional one and
        // lacks the box: the first such lane is the first finding's.
        let lacking = (plan.lanes.iter())
            .filter(|l| l.purpose != Purpose::Transactional)
            .find(|l| !p.one_click_lanes.contains(&l.id));
        return lacking
            .or(plan.lanes.first())
            .map(|l| Place::OneClick(l.id.clone()));
    }
    (rest == "processing_days").then_some(Place::ProcessingDays)
}

/// A seed test's fields, in the order of its row on the checklist.
const SEED_FIELDS: [&str; 4] = ["date", "gmail", "yahoo", "outlook"];

/// The field of a seed test's row a path such as
/// `$.checklist.seeds[2].date` names, or the row's first for the test as
/// a whole or a field with no control of its own; `None` when the plan
/// has no such test or the checklist shows it under no lane.
fn seed_field(plan: &Plan, path: &str) -> Option<Place> {
    let seeds = &plan.checklist.seeds;
    let (seed, field) = in_list(path, "$.checklist.seeds", seeds, &SEED_FIELDS)?;
    let seed = seed?;
    plan.lane(&seed.lane)?;
    Some(Place::SeedField {
        seed: seed.id.clone(),
        field: field.unwrap_or(SEED_FIELDS[0]),
    })
}

/// A Postmaster Tools figure's fields, in the order of its row.
const POSTMASTER_FIELDS: [&str; 3] = ["date", "domain", "spam_rate_percent"];

/// The field of a Postmaster Tools figure a path such as
/// `$.monitoring.postmaster[1].domain` names, or the row's first for the
/// figure as a whole; `None` when the plan has no such figure.
fn postmaster_field(plan: &Plan, path: &str) -> Option<Place> {
    let rows = &plan.monitoring.postmaster;
    let (row, field) = in_list(path, "$.monitoring.postmaster", rows, &POSTMASTER_FIELDS)?;
    Some(Place::PostmasterField {
        row: row?.id.clone(),
        field: field.unwrap_or(POSTMASTER_FIELDS[0]),
    })
}

/// A lane's fallback plan's controls, in the order of its row.
const FALLBACK_FIELDS: [&str; 2] = ["action", "shift_lane"];

/// The control of a lane's fallback plan a path such as
/// `$.simulation.fallbacks[0].shift_lane` names, or its action for the
/// plan as a whole; `None` when the plan has no such fallback or the
/// simulation page shows it under no lane.
fn fallback_field(plan: &Plan, path: &str) -> Option<Place> {
    let rows = &plan.simulation.fallbacks;
    let (row, field) = in_list(path, "$.simulation.fallbacks", rows, &FALLBACK_FIELDS)?;
    let lane = plan.lane(&row?.lane)?;
    Some(Place::FallbackField {
        lane: lane.id.clone(),
        field: field.unwrap_or(FALLBACK_FIELDS[0]),
    })
}

/// The DMARC plan's field a path names, where the brand's section has a
/// control for it; else the section.
fn dmarc_field(path: &str) -> Place {
    const FIELDS: [&str; 8] = [
        "goal",
        "np",
        "rua",
        "rollout_start",
        "first_stage",
        "weeks_per_stage",
        "strict_dkim",
        "strict_spf",
    ];
    const EXTRAS: [&str; 4] = ["mta_sts", "tls_rpt_rua", "bimi_logo", "bimi_certificate"];
    let name = |prefix: &str| {
        let below = path.strip_prefix(prefix).unwrap_or("");
        below.split(['.', '[']).next().unwrap_or("").to_string()
    };
    let dmarc = name("$.dmarc.");
    let extra = name("$.extras.");
    if let Some(field) = FIELDS.iter().find(|field| **field == dmarc) {
        return Place::DmarcField(field);
    }
    match EXTRAS.iter().find(|field| **field == extra) {
        Some(field) => Place::ExtrasField(field),
        None => Place::DnsBrand,
    }
}

fn is_dns(path: &str) -> bool {
    ["$.dmarc", "$.extras"].iter().any(|p| path.starts_with(p))
}

/// A journey, or the field of its editor the finding is about.
fn journey_place(plan: &Plan, index: u32, path: &str) -> Place {
    let id = plan.journeys.get(index as usize).map(|j| j.id.clone());
    let below = path.split_once("].").map_or("", |(_, below)| below);
    match (id, journey_control(below)) {
        (Some(journey), Some(control)) => Place::JourneyField { journey, control },
        (id, _) => Place::Journey(id),
    }
}

/// The control of a journey's editor that edits the field at `below`, the
/// path under the journey.
fn journey_control(below: &str) -> Option<&'static str> {
    Some(match below {
        "lane_override" => "lane",
        "name" => "name",
        "intent" => "intent",
        "trigger" => "trigger",
        "trigger.event_name" => "event",
        "trigger.latency_minutes" => "latency",
        "trigger.delay_minutes" => "delay",
        "trigger.segment" => "segment",
        "trigger.cadence" => "cadence",
        "trigger.send_date" => "send_date",
        "trigger.broadcast" => "broadcast",
        "trigger.message" => "message",
        "daily_volume" => "volume",
        "revenue_per_recipient" => "revenue",
        "audience" => "audience",
        "owning_team" => "team",
        "tags" => "tags",
        _ => return None,
    })
}

/// A rule, or the control of its card the finding is about.
fn rule_place(plan: &Plan, index: u32, path: &str) -> Place {
    let id = plan.rules.get(index as usize).map(|r| r.id.clone());
    let below = path.split_once("].").map_or("", |(_, below)| below);
    match (id, rule_control(below)) {
        (Some(rule), Some(control)) => Place::RuleField { rule, control },
        (id, _) => Place::Rule(id),
    }
}

/// The control of a rule's card that edits the field at `below`, the path
/// under the rule.
fn rule_control(below: &str) -> Option<&'static str> {
    Some(match below {
        "name" => "name",
        "lane" => "lane",
        "enabled" => "enabled",
        "when.tags" => "tags",
        "when.min_revenue_per_recipient" => "min",
        "when.max_revenue_per_recipient" => "max",
        "when.intents" => "intents",
        "when.trigger_kinds" => "triggers",
        "when.audiences" => "audiences",
        "when.owning_teams" => "teams",
        _ => return None,
    })
}

/// A lane's field: its warm-up, its DNS identities, a field of its card,
/// or the card.
fn lane_place(plan: &Plan, index: u32, path: &str) -> Place {
    let id = plan.lanes.get(index as usize).map(|l| l.id.clone());
    let field = path.split('.').nth(2).unwrap_or_default();
    // The path below the lane: `smtp.port` of `$.lanes[0].smtp.port`.
    let below = path.splitn(3, '.').nth(2).unwrap_or_default();
    if field.starts_with("warmup") {
        let named = below
            .strip_prefix("warmup.")
            .and_then(|f| f.split('[').next())
            .and_then(|f| WARMUP_FIELDS.iter().copied().find(|known| *known == f));
        match (id, named) {
            (Some(lane), Some(field)) => Place::WarmupField { lane, field },
            (id, _) => Place::Warmup(id),
        }
    } else if DOMAIN_FIELDS.iter().any(|f| field.starts_with(f)) {
        Place::Domains(id)
    } else {
        match id {
            Some(lane) if !below.is_empty() => Place::LaneField {
                lane,
                field: below.to_string(),
            },
            id => Place::Lane(id),
        }
    }
}
