//! The bulk-sender rules the plan itself meets or not, beside those the
//! DNS checks judge: one-click unsubscribe on each lane that carries
//! marketing mail, as Problems judges it, and whether the brand's busiest
//! day makes it a bulk sender. They read the journeys, the routing and the
//! preferences, which the DNS checks do not, so they follow every edit.

use serde::Serialize;

use crate::dns::checks::{Status, BULK_THRESHOLD};
use crate::dns::report::RequirementView;
use crate::plan::model::{Lane, Plan, Purpose};
use crate::plan::routing::Routing;
use crate::plan::schedule::{peak_day_by, Schedule};

use super::lint::sends_marketing;

/// The plan's own rows of one lane's bulk-sender requirements.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LaneRules {
    pub lane: String,
    pub rows: Vec<RequirementView>,
}

/// Each lane's rows, in lane order.
pub fn sender_rules(plan: &Plan, routing: &Routing) -> Vec<LaneRules> {
    let bulk = bulk_sender(plan);
    (plan.lanes.iter())
        .map(|lane| LaneRules {
            lane: lane.id.clone(),
            rows: std::iter::once(one_click(plan, routing, lane))
                .chain(bulk.clone())
                .collect(),
        })
        .collect()
}

fn row(requirement: &str, required_by: &str, status: Status, detail: &str) -> RequirementView {
    RequirementView {
        requirement: requirement.to_string(),
        required_by: required_by.to_string(),
        status,
        detail: detail.to_string(),
    }
}

/// One-click unsubscribe on a lane carrying marketing mail: to check in QA
/// where the plan offers it, missing where the Preferences tab does not.
fn one_click(plan: &Plan, routing: &Routing, lane: &Lane) -> RequirementView {
    let offered = plan.preferences.one_click_lanes.contains(&lane.id);
    let (status, detail) = match (lane.purpose, sends_marketing(plan, routing, lane), offered) {
        (Purpose::Transactional, _, _) => (Status::NotApplicable, "Transactional mail needs no unsubscribe."),
        (_, false, _) => (Status::NotApplicable, "No marketing mail goes through this lane yet."),
        (_, true, true) => (Status::Pending, "Offered in the plan: check List-Unsubscribe and List-Unsubscribe-Post in QA; honour requests within 2 days."),
        (_, true, false) => (Status::Missing, "The plan does not offer it on this lane: tick the lane under one-click unsubscribe on the Preferences tab."),
    };
    row(
        "One-click unsubscribe (RFC 8058) on marketing mail",
        "Gmail, Yahoo",
        status,
        detail,
    )
}

/// Gmail's bulk-sender line, which the brand's whole volume crosses or not
/// on its busiest day.
fn bulk_sender(plan: &Plan) -> Option<RequirementView> {
    // Gmail's line is the mail of any 24 hours: a weekly send counts on
    // its weekday and a one-off on its date, with the day's own mail.
    let mail: Vec<(f64, Schedule)> = (plan.journeys.iter())
        .map(|j| (f64::from(j.daily_volume), Schedule::of(j)))
        .collect();
    let busiest = peak_day_by(&mail, f64::round) as u64;
    if busiest <= BULK_THRESHOLD {
        return None;
    }
    let primary = crate::domain::normalize_domain(&plan.brand.primary_domain).ok();
    let detail = format!(
        "Up to {} messages on the busiest day across {}; Gmail counts every subdomain together, so all rows apply.",
        crate::units::group(busiest),
        primary.as_deref().unwrap_or("the brand's domains")
    );
    Some(row(
        "Treated as a bulk sender",
        "Gmail",
        Status::Met,
        &detail,
    ))
}
