//! The readiness report: the whole plan on one page, as blocks that the
//! printable view renders and `to_markdown` writes out, so both say the same.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dmarc_reports::rollout::Readiness as DmarcVerdict;
use crate::dns::report::RecordView;
use crate::monitor::health::Health;
use crate::plan::diagnostic::{Diagnostic, Severity};
use crate::plan::model::{Migration, Plan};
use crate::plan::routing::{lane_loads, LaneLoad, Route, Routing};
use crate::review::assess::Assessment;
use crate::review::checklist::{ChecklistReport, Row};
use crate::review::migration;
use crate::review::place::finding_place_words;
use crate::units::{count, group};
use crate::warmup::migration::{lane_moves, split};

pub use crate::markdown::escape;

mod markdown;
mod results;
mod warmup;

pub use markdown::to_markdown;
use results::{results_section, watch_section};
use warmup::{migrations_section, warmup_section};

/// A piece of the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// Level 2 or 3.
    Heading(u8, String),
    Paragraph(String),
    List(Vec<String>),
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// Everything the report draws on, computed by its callers.
pub struct Inputs<'a> {
    pub plan: &'a Plan,
    pub today: NaiveDate,
    pub routing: &'a Routing,
    /// The routing as the lanes carry the mail today
    /// (`warmup::migration::carried_on`): a journey a move under way takes
    /// is on its old lane until the move completes, so today's volumes
    /// follow the split.
    pub carried: &'a Routing,
    pub checklist: &'a ChecklistReport,
    pub assessment: &'a Assessment,
    /// The planned DNS records; `None` where no DNS checks ran.
    pub records: Option<&'a [RecordView]>,
    /// The DMARC policy in force today.
    pub dmarc_stage: &'a str,
    /// Every open finding: validation, routing, lint and DNS.
    pub findings: &'a [Diagnostic],
    /// Each lane's health from the delivery data imported on the
    /// Monitoring tab; `None` where none can be read.
    pub delivery: Option<&'a Health>,
    /// The verdict of the DMARC aggregate reports imported on the DMARC
    /// tab; `None` without reports.
    pub dmarc_reports: Option<&'a DmarcVerdict>,
}

fn table(head: &[&str], rows: Vec<Vec<String>>) -> Block {
    Block::Table {
        head: head.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

/// The report's blocks: a summary, then a section for each part of the
/// plan in the order the planner's tabs show them.
pub fn report(input: &Inputs) -> Report {
    let sections: [fn(&Inputs) -> Vec<Block>; 12] = [
        summary,
        split_section,
        lanes_section,
        domains_section,
        routing_section,
        warmup_section,
        watch_section,
        results_section,
        migrations_section,
        checklist_section,
        preferences_section,
        findings_section,
    ];
    Report {
        title: format!("Readiness report: {}", input.plan.title()),
        blocks: sections.iter().flat_map(|section| section(input)).collect(),
    }
}

/// When and for whom the report was prepared, and how far along it is.
fn summary(input: &Inputs) -> Vec<Block> {
    let plan = input.plan;
    let overall = &input.checklist.overall;
    let of = |s| input.findings.iter().filter(|d| d.severity == s).count() as u64;
    // A new plan has no domain yet, which would leave empty brackets.
    let domain = match plan.brand.primary_domain.trim() {
        "" => String::new(),
        domain => format!(" ({domain})"),
    };
    vec![Block::Paragraph(format!(
        "Prepared on {} for {}{domain}. Checklist: {} of {} items done. Open findings: {}, {}, {}.",
        input.today,
        plan.title(),
        overall.done,
        overall.total,
        count(of(Severity::Error), "error", "errors"),
        count(of(Severity::Warning), "warning", "warnings"),
        count(of(Severity::Info), "note", "notes"),
    ))]
}

fn split_section(input: &Inputs) -> Vec<Block> {
    let rows: Vec<Vec<String>> = input
        .assessment
        .situations
        .iter()
        .map(|s| {
            vec![
                s.title.clone(),
                s.strength.label().into(),
                s.evidence.clone(),
            ]
        })
        .collect();
    let a = input.assessment;
    let mut blocks = vec![
        Block::Heading(2, "Should you split?".into()),
        Block::Paragraph(a.verdict.clone()),
    ];
    // The lanes to set up, in order, right below the verdict that asks
    // for them, as the Overview lists them.
    if !a.start_with.is_empty() {
        let start: Vec<String> = (a.start_with.iter())
            .map(|s| format!("{} ({}): {}", s.purpose.label(), s.where_words(), s.why))
            .collect();
        blocks.push(Block::Heading(3, "Start with".into()));
        blocks.push(Block::List(start));
    }
    if !rows.is_empty() {
        blocks.push(table(&["Situation", "Judgement", "From the plan"], rows));
    }
    blocks.extend(a.remarks.iter().cloned().map(Block::Paragraph));
    blocks
}

fn lanes_section(input: &Inputs) -> Vec<Block> {
    let plan = input.plan;
    // Each lane's mail as it carries it today; the moves' words say what
    // comes or goes.
    let rows = lane_loads(plan, input.carried)
        .iter()
        .zip(&plan.lanes)
        .map(|(load, lane)| {
            vec![
                lane.name.clone(),
                lane.purpose.label().into(),
                lane.status.label().into(),
                lane.owner.clone(),
                sender(&lane.from_name, &lane.from_address),
                format!("{} {}", lane.smtp.provider.label(), lane.smtp.host),
                lane_volume(plan, input.routing, &lane.id, load),
            ]
        })
        .collect();
    let head = [
        "Lane", "Purpose", "Status", "Owner", "From", "SMTP", "Volume",
    ];
    vec![Block::Heading(2, "Lanes".into()), table(&head, rows)]
}

/// A lane's From header as written, with no empty part: a new lane has
/// neither a name nor an address yet.
fn sender(name: &str, address: &str) -> String {
    match (name.trim(), address.trim()) {
        ("", "") => "not set".into(),
        (name, "") => name.into(),
        ("", address) => format!("<{address}>"),
        (name, address) => format!("{name} <{address}>"),
    }
}

/// A lane's routed mail, then the mail each migration moves onto it or
/// off it, which its routing does not show.
fn lane_volume(plan: &Plan, routing: &Routing, lane_id: &str, load: &LaneLoad) -> String {
    let moves = lane_moves(plan, routing, lane_id);
    let words = moves.iter().map(|mv| migration::lane_move_words(plan, mv));
    match moves.is_empty() {
        true => volume_words(load),
        false => format!(
            "{}. {}",
            volume_words(load),
            words.collect::<Vec<_>>().join(" ")
        ),
    }
}

/// A lane's mail a day, with its one-off sends told apart: they go out
/// once, on their dates, and are no part of a day's.
fn volume_words(load: &LaneLoad) -> String {
    match load.one_off_volume {
        0 => format!("{} / day", group(load.daily_volume)),
        once => format!("{} / day + {} once", group(load.daily_volume), group(once)),
    }
}

fn domains_section(input: &Inputs) -> Vec<Block> {
    let heading = Block::Heading(2, "Domains and records".into());
    let Some(records) = input.records else {
        return vec![
            heading,
            Block::Paragraph("The DNS checks have not run.".into()),
        ];
    };
    let rows = records
        .iter()
        .map(|r| {
            let lane = r
                .lane
                .as_deref()
                .map_or("Brand", |l| input.plan.lane_name(l));
            // A placeholder the pasted records fill is published, under the
            // name the provider gave it; the zone file carries its value.
            if let Some(at) = &r.published_as {
                let value = "Published: the pasted records hold the provider's value.".to_string();
                return vec![
                    at.clone(),
                    r.kind.clone(),
                    value,
                    lane.to_string(),
                    r.why.clone(),
                ];
            }
            // The placeholder is marked where it is: a SendGrid ownership
            // record's user id is in its name, not its value.
            let in_name = r.placeholder && r.name.contains('<') && !r.value.contains('<');
            let name = if in_name {
                format!("{} (placeholder)", r.name)
            } else {
                r.name.clone()
            };
            let value = if r.placeholder && !in_name {
                format!("{} (placeholder)", r.value)
            } else {
                r.value.clone()
            };
            vec![name, r.kind.clone(), value, lane.to_string(), r.why.clone()]
        })
        .collect();
    // Without a primary domain the plan has no DMARC record to carry it.
    let carried = match records.iter().any(|r| r.name.starts_with("_dmarc.")) {
        true => "and the DMARC record below carries it",
        false => "but the plan has no DMARC record yet: it needs the brand's primary domain",
    };
    vec![
        heading,
        Block::Paragraph(format!(
            "{}, {carried}; the checklist says which records are published. Records marked “placeholder” need each part in angle brackets filled in from the provider.{}",
            stage_words(input),
            rollout_words(input.plan)
        )),
        table(&["Name", "Type", "Value", "Lane", "Why"], rows),
    ]
}

/// The policy the DMARC record carries today: the rollout's first stage,
/// with the day it starts, while that day is still to come.
fn stage_words(input: &Inputs) -> String {
    let stage = input.dmarc_stage;
    let first = crate::dns::plan::rollout(input.plan).and_then(|s| s.first().map(|s| s.starts));
    match first {
        Some(day) if day > input.today => {
            format!("The DMARC rollout starts with p={stage} on {day}")
        }
        _ => format!("The DMARC rollout calls for p={stage} today"),
    }
}

/// The DMARC rollout's stages with their dates, as a sentence after a
/// space; stages the rollout skips are said to be skipped, never dated.
fn rollout_words(plan: &Plan) -> String {
    let Some(stages) = crate::dns::plan::rollout(plan) else {
        return " The rollout has no start date yet.".into();
    };
    let steps: Vec<String> = (stages.iter())
        .map(|s| format!("{} from {}", s.policy.label(), s.starts))
        .collect();
    if crate::dns::plan::skipped_stages(plan).is_empty() {
        return format!(" The rollout: {}.", steps.join(", "));
    }
    let pasted = crate::dns::plan::Pasted::of(plan);
    let skipped = crate::dns::report::skipped_words(plan, &pasted.records).unwrap_or_default();
    format!(" {skipped}: {}.", steps.join(", "))
}

/// Where the plan routes each journey; one a move under way still carries
/// on its old lane says so, with the day the move completes.
fn routing_section(input: &Inputs) -> Vec<Block> {
    let plan = input.plan;
    let held = |m: &Migration, i: usize, r: &Route| {
        let carried = input.carried.route_at(i, &r.journey_id);
        r.lane_id.as_deref() == Some(m.to_lane.as_str())
            && carried.and_then(|c| c.lane_id.as_deref()) == Some(m.from_lane.as_str())
    };
    // Each move that holds a journey back, with the day it completes,
    // worked out once.
    let moves: Vec<(&Migration, Option<String>)> = (plan.migrations.iter())
        .filter(|m| (input.routing.routes.iter().enumerate()).any(|(i, r)| held(m, i, r)))
        .map(|m| {
            (
                m,
                split(plan, input.routing, m, &[]).and_then(|s| s.completes_on),
            )
        })
        .collect();
    let rows = input
        .routing
        .routes
        .iter()
        .zip(&plan.journeys)
        .enumerate()
        .map(|(i, (route, j))| {
            let mut lane = route
                .lane_id
                .as_deref()
                .map_or("None", |l| plan.lane_name(l))
                .to_string();
            if let Some((m, done)) = moves.iter().find(|(m, _)| held(m, i, route)) {
                let when = done.as_ref().map_or(String::new(), |d| format!(" on {d}"));
                lane.push_str(&format!(
                    " (on {} until the move completes{when})",
                    plan.lane_name(&m.from_lane)
                ));
            }
            vec![
                j.called().to_string(),
                j.intent.label().into(),
                j.volume_cell(),
                lane,
                route.explain(plan),
            ]
        })
        .collect();
    vec![
        Block::Heading(2, "Routing".into()),
        table(&["Journey", "Intent", "Volume", "Lane", "Why"], rows),
    ]
}

fn checklist_section(input: &Inputs) -> Vec<Block> {
    let checklist = input.checklist;
    let progress = checklist
        .progress
        .iter()
        .map(|p| format!("{}: {} of {} done", p.name, p.done, p.total))
        .collect();
    let head = ["Item", "Lane", "Status", "Owner", "Due", "Notes"];
    let seeds = checklist
        .seeds
        .iter()
        .flat_map(|lane| {
            lane.tests.iter().map(|(_, t)| {
                vec![
                    lane.name.clone(),
                    t.date.clone(),
                    t.gmail.label().into(),
                    t.yahoo.label().into(),
                    t.outlook.label().into(),
                ]
            })
        })
        .collect();
    vec![
        Block::Heading(2, "Checklist".into()),
        Block::List(progress),
        Block::Heading(3, "Setup steps".into()),
        table(&head, checklist_rows(&checklist.steps)),
        Block::Heading(3, "Implementation checklist".into()),
        table(&head, checklist_rows(&checklist.implementation)),
        Block::Heading(3, "Seed-list tests".into()),
        table(&["Lane", "Date", "Gmail", "Yahoo", "Outlook"], seeds),
    ]
}

/// A checklist table's rows: item, lane, status, owner, due date, notes.
fn checklist_rows(rows: &[Row]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let lane = if r.lane_name.is_empty() {
                "Whole plan".to_string()
            } else {
                r.lane_name.clone()
            };
            let derived = if r.proven || r.suggested {
                " (from the plan)"
            } else {
                ""
            };
            let overdue = if r.overdue { " (overdue)" } else { "" };
            // Beside a status set by hand, what the plan shows is its own
            // word, which may differ.
            let evidence = match (r.proven || r.suggested, r.evidence.as_str()) {
                (false, e) if !e.is_empty() => format!("From the plan: {e}"),
                (_, e) => e.to_string(),
            };
            // The team's note and the plan's words stay told apart.
            let notes = match (r.notes.trim(), evidence.as_str()) {
                ("", evidence) => evidence.to_string(),
                (notes, "") => notes.to_string(),
                (notes, e) if e.starts_with("From the plan:") => format!("Note: {notes} {e}"),
                (notes, e) => format!("Note: {notes} From the plan: {e}"),
            };
            vec![
                r.label.clone(),
                lane,
                format!("{}{derived}", r.status.label()),
                r.owner.clone(),
                format!("{}{overdue}", r.due),
                notes,
            ]
        })
        .collect()
}

fn preferences_section(input: &Inputs) -> Vec<Block> {
    let plan = input.plan;
    let mut head: Vec<&str> = vec!["Topic", "Kind"];
    head.extend(plan.lanes.iter().map(|l| l.name.as_str()));
    let rows = plan
        .preferences
        .topics
        .iter()
        .map(|t| {
            let mut row = vec![t.name.clone(), t.kind.label().into()];
            row.extend(plan.lanes.iter().map(|l| {
                let on = t.suppresses.contains(&l.id);
                if on { "suppresses" } else { "" }.to_string()
            }));
            row
        })
        .collect();
    vec![
        Block::Heading(2, "Unsubscribe policy".into()),
        table(&head, rows),
        Block::Paragraph(format!(
            "One-click unsubscribe on: {}. Unsubscribes take effect within {}.",
            names(plan, &plan.preferences.one_click_lanes),
            count(plan.preferences.processing_days.into(), "day", "days")
        )),
    ]
}

fn findings_section(input: &Inputs) -> Vec<Block> {
    let heading = Block::Heading(2, "Open findings".into());
    if input.findings.is_empty() {
        return vec![heading, Block::Paragraph("None.".into())];
    }
    let rows = input
        .findings
        .iter()
        .map(|d| {
            // Named as the Problems tab names it.
            vec![
                d.severity.label().into(),
                finding_place_words(input.plan, d),
                d.message.clone(),
                d.hint.clone(),
            ]
        })
        .collect();
    vec![
        heading,
        table(&["Severity", "Where", "Finding", "Fix"], rows),
    ]
}

fn names(plan: &Plan, ids: &[String]) -> String {
    if ids.is_empty() {
        return "no lane".to_string();
    }
    ids.iter()
        .map(|id| plan.lane_name(id))
        .collect::<Vec<_>>()
        .join(", ")
}
