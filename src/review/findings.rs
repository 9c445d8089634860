//! Everything the app derives from a plan on each change and shows on more
//! than one page or in a tab's badge: routing, every finding, the DNS report
//! and the checklist. Pages derive what only they show (warm-up calendars,
//! the simulation, the readiness report) themselves.

use chrono::NaiveDate;

use crate::dns::psl::SuffixList;
use crate::dns::report::{domains_report, evidence, DomainsReport, Evidence};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::Plan;
use crate::plan::routing::{route, Routing};
use crate::plan::validate::validate;

use super::checklist::{checklist, ChecklistReport};
use super::lint::lint;

#[derive(Clone, Debug, PartialEq)]
pub struct Findings {
    pub routing: Routing,
    /// Validation's findings, shown beside the fields they are about.
    pub fields: Vec<Diagnostic>,
    /// Validation, routing and lint: what the plan's pages show.
    pub plan: Vec<Diagnostic>,
    pub domains: DomainsReport,
    /// Every finding, the DNS checks' and the pasted records' included,
    /// errors first: the problems page and its badge.
    pub all: Vec<Diagnostic>,
    pub evidence: Vec<Evidence>,
    pub checklist: ChecklistReport,
}

/// Derives everything above from the plan. `psl` is the Public Suffix List
/// once loaded; DMARC alignment is checked without it until then.
pub fn findings(plan: &Plan, today: NaiveDate, psl: Option<&SuffixList>) -> Findings {
    let routing = route(plan);
    let fields = validate(plan);
    let mut shown = fields.clone();
    shown.extend(routing.diagnostics.iter().cloned());
    shown.extend(lint(plan, &routing));
    let domains = domains_report(plan, today, 0, psl);
    let mut all = shown.clone();
    all.extend(domains.findings.iter().cloned());
    all.extend(domains.existing_findings.iter().cloned());
    // Stable, so findings keep the plan's order within a severity.
    all.sort_by_key(|d| d.severity);
    let evidence = evidence(plan, &domains);
    let checklist = checklist(plan, &routing, &all, Some(&evidence), today);
    Findings {
        routing,
        fields,
        plan: shown,
        domains,
        all,
        evidence,
        checklist,
    }
}
