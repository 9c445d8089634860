//! Plan lint: the common mistakes of the guidance, found in the plan as
//! routed. Each finding explains the rule it breaks and points at the place
//! to fix it. Validation (`validate`) checks values; this checks the design.

use crate::diagnostic::Diagnostic;
use crate::model::{Audience, EngagementFilter, Intent, LaneStatus, Plan, Purpose, Trigger};
use crate::routing::Routing;

/// Share of the daily volume above which the clean lane is too big.
pub const CLEAN_LANE_MAX_SHARE: u64 = 20;

fn is_transactional(intent: Intent) -> bool {
    matches!(
        intent,
        Intent::OrderConfirmation | Intent::ShippingUpdate | Intent::PasswordReset
    )
}

fn is_promotional(intent: Intent) -> bool {
    matches!(
        intent,
        Intent::PromotionalBroadcast | Intent::Newsletter | Intent::VipOffer
    )
}

fn is_recovery(intent: Intent) -> bool {
    matches!(
        intent,
        Intent::CartAbandonment | Intent::CheckoutAbandonment
    )
}

/// Every design finding for the plan as routed.
pub fn lint(plan: &Plan, routing: &Routing) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let total = plan.total_daily_volume().max(1);
    for (index, lane) in plan.lanes.iter().enumerate() {
        let at = format!("$.lanes[{index}]");
        let journeys: Vec<(usize, &crate::model::Journey)> = routing
            .routes
            .iter()
            .enumerate()
            .filter(|(_, r)| r.lane_id.as_deref() == Some(lane.id.as_str()))
            .map(|(i, _)| (i, &plan.journeys[i]))
            .collect();
        let has = |f: fn(Intent) -> bool| journeys.iter().any(|(_, j)| f(j.intent));
        if has(is_promotional) && has(is_recovery) {
            out.push(
                Diagnostic::error(
                    "lint.promos_with_recovery",
                    &at,
                    format!("{} carries promotions and cart or checkout recovery together, so a noisy promotion calendar can drag recovery into the spam folder.", lane.name),
                )
                .hint("Route the promotions, or the recovery flows, to their own lane."),
            );
        }
        let marketing_lane = matches!(
            lane.purpose,
            Purpose::Promotional | Purpose::RevenueFlows | Purpose::Vip
        );
        if marketing_lane && has(is_transactional) {
            out.push(
                Diagnostic::warning(
                    "lint.transactional_on_marketing",
                    &at,
                    format!("{} is a marketing lane but carries receipts, shipping updates or password resets.", lane.name),
                )
                .hint("Send transactional mail through the transactional lane, whose reputation marketing cannot touch."),
            );
        }
        if lane.purpose == Purpose::Transactional
            && journeys.iter().any(|(_, j)| !is_transactional(j.intent))
        {
            out.push(
                Diagnostic::warning(
                    "lint.marketing_on_transactional",
                    &at,
                    format!("The transactional lane {} carries marketing journeys.", lane.name),
                )
                .hint("Keep the clean lane to mail customers expect: receipts, shipping, account mail."),
            );
        }
        if lane.purpose == Purpose::Transactional {
            let volume: u64 = journeys
                .iter()
                .map(|(_, j)| u64::from(j.daily_volume))
                .sum();
            let share = volume * 100 / total;
            if share > CLEAN_LANE_MAX_SHARE {
                out.push(
                    Diagnostic::warning(
                        "lint.clean_lane_too_big",
                        &at,
                        format!("The clean lane {} sends {share}% of the daily volume, over {CLEAN_LANE_MAX_SHARE}%.", lane.name),
                    )
                    .hint("Keep the clean lane small and high intent; move everything that is not transactional out of it."),
                );
            }
        }
        if lane.purpose == Purpose::Promotional && lane.engagement_filter == EngagementFilter::None
        {
            out.push(
                Diagnostic::warning(
                    "lint.promo_without_filter",
                    format!("{at}.engagement_filter"),
                    format!(
                        "The promotional lane {} mails everyone, engaged or not.",
                        lane.name
                    ),
                )
                .hint("Add an engagement filter, such as opened or clicked in the last 90 days."),
            );
        }
        if matches!(lane.status, LaneStatus::New | LaneStatus::Warming) {
            if let Some((i, j)) = journeys.iter().find(|(_, j)| j.audience == Audience::All) {
                out.push(
                    Diagnostic::warning(
                        "lint.cold_audience_on_warming_lane",
                        format!("$.journeys[{i}].audience"),
                        format!("{} mails everyone through {}, which is still warming up.", j.name, lane.name),
                    )
                    .hint("Start a warming lane with the most engaged audiences; add the rest as the ramp allows."),
                );
            }
        }
    }
    identity(plan, &mut out);
    for (i, j) in plan.journeys.iter().enumerate() {
        if let Trigger::Event {
            latency_minutes,
            delay_minutes,
            ..
        } = &j.trigger
        {
            // A journey that waits checks the data when the wait ends; events
            // later than the wait are not there yet.
            if *delay_minutes > 0 && latency_minutes > delay_minutes {
                out.push(
                    Diagnostic::warning(
                        "lint.latency_over_delay",
                        format!("$.journeys[{i}].trigger"),
                        format!("{}: events can arrive up to {latency_minutes} minutes late, longer than its {delay_minutes}-minute wait, so a purchase made meanwhile may not be known when it sends.", j.name),
                    )
                    .hint("Make the wait longer than the event latency, or speed up the data flow."),
                );
            }
        }
    }
    if plan.simulation.fallbacks.is_empty() && plan.lanes.len() > 1 {
        out.push(
            Diagnostic::info(
                "lint.no_fallback",
                "$.simulation.fallbacks",
                "No lane has a fallback plan for when its reputation drops.",
            )
            .hint("On the Simulation tab, give the promotional lane a fallback: pause promotions or mail only recent engagers."),
        );
    }
    out
}

/// From names that differ beyond the brand's, and From addresses on
/// unrelated domains, confuse recipients and split reputation.
fn identity(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let brand = plan.brand.name.trim().to_lowercase();
    for (index, lane) in plan.lanes.iter().enumerate() {
        let name = lane.from_name.trim().to_lowercase();
        if !brand.is_empty() && !name.is_empty() && !name.contains(&brand) {
            out.push(
                Diagnostic::info(
                    "lint.from_name",
                    format!("$.lanes[{index}].from_name"),
                    format!("{}'s From name “{}” does not include the brand “{}”.", lane.name, lane.from_name, plan.brand.name),
                )
                .hint("Use the brand in every lane's From name, such as “Brand” or “Brand Orders”, so recipients recognise it."),
            );
        }
        let primary = crate::domain::normalize_domain(&plan.brand.primary_domain).ok();
        let from = crate::domain::address_domain(&lane.from_address)
            .and_then(|d| crate::domain::normalize_domain(d).ok());
        if let (Some(primary), Some(from)) = (primary, from) {
            if !crate::domain::is_within(&from, &primary) {
                out.push(
                    Diagnostic::warning(
                        "lint.from_domain",
                        format!("$.lanes[{index}].from_address"),
                        format!("{} sends from {from}, outside the brand's domain {primary}.", lane.name),
                    )
                    .hint("Send every lane from a subdomain of the primary domain, so the lanes share one recognisable identity."),
                );
            }
        }
    }
}
