//! The readiness report: the whole plan on one page, as blocks that the
//! printable view renders and `to_markdown` writes out, so both say the same.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dns::report::RecordView;
use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::Plan;
use crate::plan::routing::Routing;
use crate::review::assess::Assessment;
use crate::review::checklist::{ChecklistReport, Row};
use crate::warmup::calendar::{calendar, requested_by_cohort, MAX_DAYS};

pub use crate::markdown::escape;

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
    pub checklist: &'a ChecklistReport,
    pub assessment: &'a Assessment,
    /// The planned DNS records; `None` where no DNS checks ran.
    pub records: Option<&'a [RecordView]>,
    /// The DMARC policy in force today.
    pub dmarc_stage: &'a str,
    /// Every open finding: validation, routing, lint and DNS.
    pub findings: &'a [Diagnostic],
}

fn table(head: &[&str], rows: Vec<Vec<String>>) -> Block {
    Block::Table {
        head: head.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

/// The report's blocks.
pub fn report(input: &Inputs) -> Report {
    let plan = input.plan;
    let mut b = Vec::new();
    let overall = &input.checklist.overall;
    let count = |s| input.findings.iter().filter(|d| d.severity == s).count();
    use crate::plan::diagnostic::Severity;
    b.push(Block::Paragraph(format!(
        "Prepared on {} for {} ({}). Checklist: {} of {} items done. Open findings: {} errors, {} warnings, {} notes.",
        input.today,
        plan.brand.name,
        plan.brand.primary_domain,
        overall.done,
        overall.total,
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    )));

    b.push(Block::Heading(2, "Should you split?".into()));
    b.push(Block::Paragraph(input.assessment.verdict.clone()));
    b.push(table(
        &["Situation", "Judgement", "From the plan"],
        input
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
            .collect(),
    ));

    b.push(Block::Heading(2, "Lanes".into()));
    b.push(table(
        &[
            "Lane",
            "Purpose",
            "Status",
            "Owner",
            "From",
            "SMTP",
            "Daily volume",
        ],
        crate::plan::routing::lane_loads(plan, input.routing)
            .iter()
            .zip(&plan.lanes)
            .map(|(load, lane)| {
                vec![
                    lane.name.clone(),
                    lane.purpose.label().into(),
                    lane.status.label().into(),
                    lane.owner.clone(),
                    format!("{} <{}>", lane.from_name, lane.from_address),
                    format!("{} {}", lane.smtp.provider.label(), lane.smtp.host),
                    crate::units::group(load.daily_volume),
                ]
            })
            .collect(),
    ));

    b.push(Block::Heading(2, "Domains and records".into()));
    match input.records {
        Some(records) => {
            b.push(Block::Paragraph(format!(
                "DMARC today: p={}. Records marked “placeholder” need a value from the provider.",
                input.dmarc_stage
            )));
            b.push(table(
                &["Name", "Type", "Value", "Lane", "Why"],
                records
                    .iter()
                    .map(|r| {
                        vec![
                            r.name.clone(),
                            r.kind.clone(),
                            if r.placeholder {
                                format!("{} (placeholder)", r.value)
                            } else {
                                r.value.clone()
                            },
                            r.lane
                                .as_deref()
                                .map(|l| plan.lane_name(l).to_string())
                                .unwrap_or_else(|| "Brand".into()),
                            r.why.clone(),
                        ]
                    })
                    .collect(),
            ));
        }
        None => b.push(Block::Paragraph("The DNS checks have not run.".into())),
    }

    b.push(Block::Heading(2, "Routing".into()));
    b.push(table(
        &["Journey", "Intent", "Daily volume", "Lane", "Why"],
        input
            .routing
            .routes
            .iter()
            .zip(&plan.journeys)
            .map(|(route, j)| {
                vec![
                    j.name.clone(),
                    j.intent.label().into(),
                    crate::units::group(u64::from(j.daily_volume)),
                    route
                        .lane_id
                        .as_deref()
                        .map(|l| plan.lane_name(l).to_string())
                        .unwrap_or_else(|| "None".into()),
                    route.explain(plan),
                ]
            })
            .collect(),
    ));

    b.push(Block::Heading(2, "Warm-up".into()));
    let mut any = false;
    for lane in &plan.lanes {
        let Some(w) = &lane.warmup else { continue };
        any = true;
        b.push(Block::Heading(3, lane.name.clone()));
        let requested = requested_by_cohort(plan, input.routing, &lane.id);
        match calendar(w, requested, MAX_DAYS) {
            None => b.push(Block::Paragraph("No start date yet.".into())),
            Some(cal) => {
                b.push(Block::Paragraph(format!(
                    "Starts {}; {}{}",
                    w.start_date,
                    cal.warm_on
                        .as_deref()
                        .map_or("not warm within the calendar".to_string(), |d| format!(
                            "warm on {d}"
                        )),
                    match (cal.reaches_target, w.target_date.as_str()) {
                        (Some(true), date) =>
                            format!("; reaches {} a day by {date}.", w.target_volume),
                        (Some(false), date) => format!(
                            "; does not reach {} a day by {date} (latest start: {}).",
                            crate::units::group(w.target_volume),
                            cal.latest_start.as_deref().unwrap_or("none")
                        ),
                        (None, _) => ".".to_string(),
                    }
                )));
                // The days the cap changes, up to the day the lane is warm.
                let mut last = None;
                let mut rows = Vec::new();
                for day in &cal.days {
                    if day.cap.is_some() && day.cap != last {
                        rows.push(vec![
                            day.date.clone(),
                            day.step.map_or(String::new(), |s| (s + 1).to_string()),
                            day.cap.map_or(String::new(), crate::units::group),
                            crate::units::group(day.sent.iter().sum::<u64>()),
                        ]);
                        last = day.cap;
                    }
                    if Some(&day.date) == cal.warm_on.as_ref() {
                        break;
                    }
                }
                b.push(table(
                    &["Date", "Sending day", "Daily cap", "Planned"],
                    rows,
                ));
            }
        }
    }
    if !any {
        b.push(Block::Paragraph("No lane is warming up.".into()));
    }

    b.push(Block::Heading(2, "Checklist".into()));
    let progress: Vec<String> = input
        .checklist
        .progress
        .iter()
        .map(|p| format!("{}: {} of {} done", p.name, p.done, p.total))
        .collect();
    b.push(Block::List(progress));
    let rows = |rows: &[Row]| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| {
                vec![
                    r.label.clone(),
                    if r.lane_name.is_empty() {
                        "Whole plan".into()
                    } else {
                        r.lane_name.clone()
                    },
                    format!(
                        "{}{}",
                        r.status.label(),
                        if r.proven || r.suggested {
                            " (from the plan)"
                        } else {
                            ""
                        }
                    ),
                    r.owner.clone(),
                    format!("{}{}", r.due, if r.overdue { " (overdue)" } else { "" }),
                    if r.notes.is_empty() {
                        r.evidence.clone()
                    } else {
                        format!("{} {}", r.notes, r.evidence)
                    },
                ]
            })
            .collect()
    };
    let head = ["Item", "Lane", "Status", "Owner", "Due", "Notes"];
    b.push(Block::Heading(3, "Setup steps".into()));
    b.push(table(&head, rows(&input.checklist.steps)));
    b.push(Block::Heading(3, "Implementation checklist".into()));
    b.push(table(&head, rows(&input.checklist.implementation)));
    b.push(Block::Heading(3, "Seed-list tests".into()));
    b.push(table(
        &["Lane", "Date", "Gmail", "Yahoo", "Outlook"],
        input
            .checklist
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
            .collect(),
    ));

    b.push(Block::Heading(2, "Unsubscribe policy".into()));
    let mut head: Vec<&str> = vec!["Topic", "Kind"];
    head.extend(plan.lanes.iter().map(|l| l.name.as_str()));
    b.push(table(
        &head,
        plan.preferences
            .topics
            .iter()
            .map(|t| {
                let mut row = vec![t.name.clone(), t.kind.label().into()];
                row.extend(plan.lanes.iter().map(|l| {
                    if t.suppresses.contains(&l.id) {
                        "suppresses"
                    } else {
                        ""
                    }
                    .to_string()
                }));
                row
            })
            .collect(),
    ));
    b.push(Block::Paragraph(format!(
        "One-click unsubscribe on: {}. Unsubscribes take effect within {} days.",
        names(plan, &plan.preferences.one_click_lanes),
        plan.preferences.processing_days
    )));

    b.push(Block::Heading(2, "Open findings".into()));
    if input.findings.is_empty() {
        b.push(Block::Paragraph("None.".into()));
    } else {
        b.push(table(
            &["Severity", "Where", "Finding", "Fix"],
            input
                .findings
                .iter()
                .map(|d| {
                    vec![
                        d.severity.label().into(),
                        d.path.clone(),
                        d.message.clone(),
                        d.hint.clone(),
                    ]
                })
                .collect(),
        ));
    }
    Report {
        title: format!("Readiness report: {}", plan.brand.name),
        blocks: b,
    }
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

/// The report as Markdown (CommonMark with pipe tables).
pub fn to_markdown(report: &Report) -> String {
    let mut out = format!("# {}\n", escape(&report.title));
    for block in &report.blocks {
        out.push('\n');
        match block {
            Block::Heading(level, text) => {
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                out.push_str(&escape(text));
                out.push('\n');
            }
            Block::Paragraph(text) => {
                out.push_str(&escape(text));
                out.push('\n');
            }
            Block::List(items) => {
                for item in items {
                    out.push_str("- ");
                    out.push_str(&escape(item));
                    out.push('\n');
                }
            }
            Block::Table { head, rows } => {
                let line = |cells: &[String]| {
                    let cells: Vec<String> = cells.iter().map(|c| escape(c)).collect();
                    format!("| {} |\n", cells.join(" | "))
                };
                out.push_str(&line(head));
                out.push_str(&format!("|{}\n", " --- |".repeat(head.len())));
                if rows.is_empty() {
                    let mut empty = vec!["None".to_string()];
                    empty.resize(head.len(), String::new());
                    out.push_str(&line(&empty));
                }
                for row in rows {
                    out.push_str(&line(row));
                }
            }
        }
    }
    out
}
