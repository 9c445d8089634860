//! The simulator's settings and fallback plans.

use crate::plan::diagnostic::{Diagnostic, Fix};
use crate::plan::edit::Edit;
use crate::plan::model::{FallbackAction, FallbackPlan, Plan, SimulationPlan};
use crate::units::count;

use super::warmups::{is_warm, warm_like};
use crate::plan::ranges::SIMULATED_DAYS;

pub(super) fn check_simulation(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let sim = &plan.simulation;
    let start = sim.start_date.trim();
    if !start.is_empty() && !crate::units::is_iso_date(start) {
        out.push(
            Diagnostic::error(
                "simulation.start_date",
                "$.simulation.start_date",
                crate::units::not_a_date(start),
            )
            .hint("Write the first simulated day as YYYY-MM-DD."),
        );
    }
    if !SIMULATED_DAYS.contains(sim.days.into()) {
        out.push(
            Diagnostic::error(
                "simulation.days",
                "$.simulation.days",
                format!(
                    "{} is outside {} to {}.",
                    count(sim.days.into(), "day", "days"),
                    SIMULATED_DAYS.min,
                    SIMULATED_DAYS.max
                ),
            )
            .hint("Simulate 90 days to see a warm-up and its repair times."),
        );
    }
    check_gates(sim, out);
    // Summed wide: a file may hold any shares, and a sum that wrapped
    // could come out at exactly 100.
    let mix: u64 = sim.mix_percent.iter().map(|&p| u64::from(p)).sum();
    if mix != 100 {
        out.push(
            Diagnostic::error(
                "simulation.mix",
                "$.simulation.mix_percent",
                format!("The mailbox-provider mix adds up to {mix}%, not 100%."),
            )
            .hint("Take the shares from your list's recipient domains."),
        );
    }
    for (index, fallback) in sim.fallbacks.iter().enumerate() {
        out.extend(check_shift(plan, index, fallback));
    }
}

/// Each health gate a percentage, and one that some day can pass.
fn check_gates(sim: &SimulationPlan, out: &mut Vec<Diagnostic>) {
    let gates = [
        (sim.gate_delivered_percent, "gate_delivered_percent"),
        (sim.gate_complaint_percent, "gate_complaint_percent"),
        (sim.gate_bounce_percent, "gate_bounce_percent"),
    ];
    for (value, field) in gates {
        if !(0.0..=100.0).contains(&value) {
            out.push(
                Diagnostic::error(
                    "simulation.gate",
                    format!("$.simulation.{field}"),
                    "A health gate is a percentage from 0 to 100.",
                )
                .hint("The defaults are 90% delivered, 0.1% complaints and 2% bounces."),
            );
        }
    }
    out.extend(unreachable_gate(sim));
}

/// A fallback that shifts promotions needs another lane, and a warm one.
fn check_shift(plan: &Plan, index: usize, fallback: &FallbackPlan) -> Option<Diagnostic> {
    if fallback.action != FallbackAction::Shift {
        return None;
    }
    let at = format!("$.simulation.fallbacks[{index}].shift_lane");
    let target = fallback.shift_lane.as_deref();
    if target.is_none() || target == Some(fallback.lane.as_str()) {
        return Some(
            Diagnostic::error(
                "simulation.shift_lane",
                at,
                "A fallback that shifts promotions needs another lane to take them.",
            )
            .hint("Choose a warm lane, or pause the promotions instead."),
        );
    }
    let lane = target
        .and_then(|id| plan.lane(id))
        .filter(|l| !is_warm(l))?;
    Some(
        Diagnostic::warning("simulation.shift_cold", at, format!("The fallback shifts promotions to {}, which is not warm itself.", lane.name))
            .hint("A fallback lane must have a reputation of its own; warm it up first, or pause the promotions.")
            .with_fix(shift_fix(plan, fallback)),
    )
}

/// The fix for a fallback that shifts promotions to the wrong lane: a warm
/// lane like its own, else pausing the promotions.
pub fn shift_fix(plan: &Plan, fallback: &FallbackPlan) -> Fix {
    let not = fallback.shift_lane.as_deref().unwrap_or("");
    let to = plan
        .lane(&fallback.lane)
        .and_then(|l| warm_like(plan, l, not));
    let lane = fallback.lane.clone();
    match to {
        Some(to) => Fix {
            label: format!("Shift them to {}", to.name),
            edits: vec![Edit::SetFallbackShift {
                lane,
                shift_lane: Some(to.id.clone()),
            }],
        },
        None => Fix {
            label: "Pause promotions instead".to_string(),
            edits: vec![Edit::SetFallback {
                lane,
                action: Some(FallbackAction::PausePromotions),
            }],
        },
    }
}

/// A gate no day can pass: a warm-up advances only after a day with more
/// than its share delivered and less than its complaint and bounce rates,
/// so 100% delivered, or 0% complaints or bounces, holds every ramp at its
/// first step.
fn unreachable_gate(sim: &SimulationPlan) -> Option<Diagnostic> {
    let (field, why) = if sim.gate_delivered_percent == 100.0 {
        ("gate_delivered_percent", "more than 100% delivered")
    } else if sim.gate_complaint_percent == 0.0 {
        ("gate_complaint_percent", "fewer than 0% complaints")
    } else if sim.gate_bounce_percent == 0.0 {
        ("gate_bounce_percent", "fewer than 0% bounces")
    } else {
        return None;
    };
    Some(
        Diagnostic::warning(
            "simulation.gate_unreachable",
            format!("$.simulation.{field}"),
            format!("No day can pass this health gate, which asks for {why}: every warm-up stays at its first step."),
        )
        .hint("The defaults are 90% delivered, 0.1% complaints and 2% bounces."),
    )
}
