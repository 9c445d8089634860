//! What passes between the page and its workers: the request's reading and
//! each worker's answer (see `ui::worker` and `ui::engine`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::plan::model::Plan;

/// What a worker sends the page; each answers the page's latest request.
pub trait WorkerAnswer {
    fn request(&self) -> u32;
    fn error(&self) -> Option<&str>;
}

/// What the engine worker sends the page: the plan's pages rendered to HTML
/// (by `views`) and the findings of validation and routing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EngineAnswer {
    /// The request this answers; older answers are dropped.
    pub request: u32,
    pub overview_html: String,
    pub lanes_html: String,
    pub journeys_html: String,
    pub rules_html: String,
    pub warmup_html: String,
    pub simulation_html: String,
    /// Validation and routing findings, shown beside the fields and listed
    /// on the problems page.
    pub findings: Vec<Diagnostic>,
    /// Why the request could not be answered.
    pub error: Option<String>,
}

/// What the DNS worker sends the page: the domains pages rendered to HTML,
/// the DNS findings and which lane each record belongs to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DnsAnswer {
    pub request: u32,
    pub brand_html: String,
    /// (lane id, HTML) per lane.
    pub lane_html: Vec<(String, String)>,
    /// A `DnsSummary` as JSON, which the page passes on to the review
    /// worker without reading it.
    pub summary: String,
    /// (record name, lane id) for records that belong to a lane.
    pub record_lanes: Vec<(String, String)>,
    /// Findings about records, alignment, optional and pasted records.
    pub findings: Vec<Diagnostic>,
    pub error: Option<String>,
}

/// What the review worker needs of the DNS checks.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DnsSummary {
    pub evidence: Vec<crate::review::checklist::Evidence>,
    pub records: Vec<crate::dns::report::RecordView>,
    /// The DMARC policy in force today.
    pub stage: String,
    pub findings: Vec<Diagnostic>,
}

/// What the review worker sends the page: the checklist, preferences and
/// readiness pages rendered to HTML, and the checklist's progress.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewAnswer {
    pub request: u32,
    pub checklist_html: String,
    pub preferences_html: String,
    pub readiness_html: String,
    /// Checklist items done, and those that apply.
    pub progress: (u32, u32),
    pub error: Option<String>,
}

/// What the monitoring worker sends the page for a plan: the monitoring
/// page rendered to HTML.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MonitorAnswer {
    pub request: u32,
    pub html: String,
    /// Lanes needing action, for the tab's badge.
    pub acting: u32,
    pub error: Option<String>,
}

impl WorkerAnswer for MonitorAnswer {
    fn request(&self) -> u32 {
        self.request
    }
    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

impl WorkerAnswer for ReviewAnswer {
    fn request(&self) -> u32 {
        self.request
    }
    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

/// A form edit the page asks the review worker to make: `kind` is `field`
/// (a `data-edit` key and value), `button` (a `data-action` key, with the
/// purpose chosen beside it in `extra`) or `fix` (a finding's edits as
/// JSON in `value`).
#[derive(Clone, Debug, PartialEq)]
pub struct EditRequest {
    pub kind: String,
    pub key: String,
    pub value: String,
    pub extra: String,
}

/// The plan file after the edit, or `None` when the edit does not apply.
pub fn answer_edit(plan: &Plan, today: &str, edit: &EditRequest) -> Option<String> {
    use crate::edits::{button_edit, field_edit, fix_edit};
    let found = match edit.kind.as_str() {
        "field" => field_edit(plan, &edit.key, &edit.value),
        "button" => button_edit(plan, &edit.key, &edit.extra, today),
        "fix" => {
            let fix = crate::diagnostic::Fix {
                label: String::new(),
                edits: serde_json::from_str(&edit.value).ok()?,
            };
            fix_edit(plan, &fix, today)
        }
        _ => None,
    }?;
    let mut next = plan.clone();
    crate::plan::state::edit_plan(&mut next, found);
    Some(crate::plan::io::export(&next))
}

impl WorkerAnswer for EngineAnswer {
    fn request(&self) -> u32 {
        self.request
    }
    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

impl WorkerAnswer for DnsAnswer {
    fn request(&self) -> u32 {
        self.request
    }
    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

/// Reads the page's request: its number, today's date and the plan file.
pub fn read_request(today: &str, plan: &str) -> Result<(NaiveDate, Plan), String> {
    let (year, month, day) =
        crate::units::parse_iso_date(today).ok_or_else(|| format!("“{today}” is not a date"))?;
    let date = NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("“{today}” is not a date"))?;
    let plan = serde_json::from_str::<Plan>(plan)
        .map_err(|e| format!("the engine could not read the plan: {e}"))?;
    Ok((date, plan))
}
