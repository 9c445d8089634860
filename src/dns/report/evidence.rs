//! What the pasted records prove of each lane, for the checklist.

use serde::{Deserialize, Serialize};

use super::{DomainsReport, RecordView};
use crate::plan::diagnostic::lane_of_checks;
use crate::plan::model::Plan;

/// What the published DNS records say about one lane: how many of its
/// planned records the pasted existing records hold, and the DNS errors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub lane: String,
    /// The lane's planned records, and the brand's DMARC record when
    /// `dmarc`.
    pub planned: u32,
    /// Whether `planned` counts the brand's DMARC record, which the
    /// lane's mail needs as well as its own records. The Domains tab and a
    /// migration's steps count the lane's own records alone, so the
    /// checklist says this one apart.
    pub dmarc: bool,
    pub published: u32,
    pub errors: u32,
}

/// How far each lane's records are published: its planned records (and the
/// brand's DMARC record) found among the pasted existing records with
/// values that serve, and the DNS errors about the lane. A name the
/// provider picks part of (SES's token, Postmark's date) is found by the
/// rest of it.
pub fn evidence(plan: &Plan, report: &DomainsReport) -> Vec<Evidence> {
    plan.lanes
        .iter()
        .map(|lane| {
            let records: Vec<&RecordView> = report
                .records
                .iter()
                .filter(|r| {
                    r.lane.as_deref() == Some(lane.id.as_str())
                        || (r.lane.is_none() && r.name.starts_with("_dmarc."))
                })
                .collect();
            let names: Vec<&str> = records.iter().map(|r| r.name.as_str()).collect();
            let errors = report
                .findings
                .iter()
                .filter(|d| {
                    d.severity == crate::plan::diagnostic::Severity::Error
                        && (lane_of_checks(&d.path) == Some(lane.id.as_str())
                            || names.contains(&d.path.as_str()))
                })
                .count();
            Evidence {
                lane: lane.id.clone(),
                planned: records.len() as u32,
                dmarc: records.iter().any(|r| r.lane.is_none()),
                published: records.iter().filter(|r| r.pasted).count() as u32,
                errors: errors as u32,
            }
        })
        .collect()
}
