//! The report's watch and results sections: thresholds and fallback
//! plans, then what imported delivery data and DMARC reports show.

use super::{table, Block, Inputs};
use crate::dmarc_reports::attribute::rate;
use crate::dmarc_reports::rollout::{LaneOutcome, Readiness as DmarcVerdict};
use crate::monitor::health::{rate_text, Health, LaneHealth, Status};
use crate::units::group;

/// What each lane is watched for and what it does when it drops: the
/// monitoring thresholds and the fallback plans, which the weekly review
/// works from.
pub(super) fn watch_section(input: &Inputs) -> Vec<Block> {
    let plan = input.plan;
    // As typed, as the Checklist's fields and findings give them: a line
    // at 0.125% is not rounded to 0.13%.
    let percent = |v: f64| format!("{v}%");
    let thresholds = (plan.monitoring.thresholds.iter())
        .map(|t| {
            vec![
                plan.lane_name(&t.lane).to_string(),
                format!(
                    "{} / {}",
                    percent(t.complaint_watch_percent),
                    percent(t.complaint_act_percent)
                ),
                format!(
                    "{} / {}",
                    percent(t.bounce_watch_percent),
                    percent(t.bounce_act_percent)
                ),
                percent(t.delivered_min_percent),
            ]
        })
        .collect();
    // In the lanes' order, as every other table lists lanes; a fallback
    // for a lane the plan lacks goes last.
    let mut set: Vec<_> = plan.simulation.fallbacks.iter().collect();
    set.sort_by_key(|f| {
        plan.lanes
            .iter()
            .position(|l| l.id == f.lane)
            .unwrap_or(usize::MAX)
    });
    let fallbacks: Vec<Vec<String>> = (set.into_iter())
        .map(|f| {
            let to = f.shift_lane.as_deref().map(|l| plan.lane_name(l));
            let action = match (f.action, to) {
                (crate::plan::model::FallbackAction::Shift, Some(to)) => {
                    format!("Shift promotions to {to}")
                }
                (action, _) => action.label().to_string(),
            };
            vec![plan.lane_name(&f.lane).to_string(), action]
        })
        .collect();
    let mut blocks = vec![
        Block::Heading(2, "Monitoring and fallbacks".into()),
        table(
            &[
                "Lane",
                "Complaints: watch / act",
                "Bounces: watch / act",
                "Delivered at least",
            ],
            thresholds,
        ),
    ];
    if fallbacks.is_empty() {
        blocks.push(Block::Paragraph("No lane has a fallback plan.".into()));
    } else {
        blocks.push(table(&["Lane", "When its reputation drops"], fallbacks));
    }
    blocks
}

/// What the imported data says: each lane's delivery health from the
/// Monitoring tab and the DMARC reports' verdict from the DMARC tab, so a
/// report handed on carries the numbers as well as the plan.
pub(super) fn results_section(input: &Inputs) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(2, "Delivery and DMARC results".into())];
    blocks.extend(delivery_blocks(input.delivery));
    blocks.extend(dmarc_blocks(input.dmarc_reports));
    blocks
}

fn delivery_blocks(health: Option<&Health>) -> Vec<Block> {
    let lanes: Vec<&LaneHealth> = (health.iter()).flat_map(|h| &h.lanes).collect();
    if lanes.iter().all(|l| l.status == Status::NoData) {
        return vec![Block::Paragraph(
            "No delivery data is imported. Import the providers' event files on the Monitoring tab to report each lane's health here.".into(),
        )];
    }
    // A lane without data is listed too, as the Monitoring tab shows it,
    // so that no lane drops out of the report unnoticed.
    let rows = (lanes.iter())
        .map(|l| {
            if l.status == Status::NoData {
                let mut row = vec![l.name.clone(), l.status.label().to_string()];
                row.extend(["–"; 5].map(String::from));
                row.push("No imported data is mapped to this lane".into());
                return row;
            }
            let days = match (l.window_from.as_str(), l.window_to.as_str()) {
                ("", _) => "–".to_string(),
                (from, to) if from == to => from.to_string(),
                (from, to) => format!("{from} to {to}"),
            };
            let mut why = l.reasons.clone();
            if let Some(f) = &l.firing {
                why.push(format!("Fallback trigger fired {}", f.when()));
            }
            vec![
                l.name.clone(),
                l.status.label().to_string(),
                days,
                group(l.window.sent),
                rate_text(l.window.delivered_percent, 1),
                rate_text(l.window.bounce_percent, 2),
                rate_text(l.window.complaint_percent, 3),
                why.join("; "),
            ]
        })
        .collect();
    vec![
        Block::Heading(3, "Delivery".into()),
        table(
            &[
                "Lane",
                "Status",
                "Days",
                "Sent",
                "Delivered",
                "Bounces",
                "Complaints",
                "Why",
            ],
            rows,
        ),
    ]
}

fn dmarc_blocks(verdict: Option<&DmarcVerdict>) -> Vec<Block> {
    let Some(v) = verdict else {
        return vec![Block::Paragraph(
            "No DMARC aggregate reports are imported. Import them on the DMARC tab to report whether each lane passes DMARC.".into(),
        )];
    };
    let rows = (v.lanes.iter())
        .map(|l| {
            let outcome = match l.outcome {
                LaneOutcome::Pass => "Passes",
                LaneOutcome::Fail => "Fails",
                LaneOutcome::NotEnoughData => "Not enough data",
            };
            vec![
                l.name.clone(),
                group(l.messages),
                rate(l.pass_bps),
                rate(l.spf_aligned_bps),
                rate(l.dkim_aligned_bps),
                outcome.to_string(),
            ]
        })
        .collect();
    // The sentence names the stage, the verdict and the days reported.
    let mut blocks = vec![
        Block::Heading(3, "DMARC reports".into()),
        Block::Paragraph(v.sentence.clone()),
        table(
            &[
                "Lane",
                "Messages",
                "DMARC pass",
                "SPF aligned",
                "DKIM aligned",
                "Verdict",
            ],
            rows,
        ),
    ];
    if !v.blockers.is_empty() {
        blocks.push(Block::List(
            v.blockers.iter().map(|b| b.fix.clone()).collect(),
        ));
    }
    blocks
}
