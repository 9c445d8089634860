//! Each journey's numbers and trigger.

use chrono::NaiveDate;

use crate::plan::diagnostic::{Diagnostic, Fix};
use crate::plan::edit::{Edit, JourneyField, SimulationField};
use crate::plan::model::{Cadence, Journey, Plan, Trigger};
use crate::units::{count, group, iso_date};

use crate::plan::ranges::{MAX_DAILY_VOLUME, MAX_MINUTES, MAX_REVENUE, SIMULATED_DAYS};

pub(super) fn check_journeys(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let horizon = horizon(plan);
    for (index, journey) in plan.journeys.iter().enumerate() {
        let at = |field: &str| format!("$.journeys[{index}].{field}");
        out.extend(check_send_date(journey, &at("trigger.send_date"), horizon));
        if !(0.0..=MAX_REVENUE).contains(&journey.revenue_per_recipient) {
            out.push(
                Diagnostic::error(
                    "journey.revenue",
                    at("revenue_per_recipient"),
                    "Revenue per recipient must be from zero to 1,000,000.",
                )
                .hint("Enter the average revenue one recipient brings, such as 0.45."),
            );
        }
        if let Trigger::Event {
            latency_minutes,
            delay_minutes,
            ..
        } = &journey.trigger
        {
            let fields = [
                ("latency_minutes", latency_minutes),
                ("delay_minutes", delay_minutes),
            ];
            for (field, minutes) in fields {
                if *minutes > MAX_MINUTES {
                    out.push(
                        Diagnostic::error(
                            "journey.minutes",
                            at(&format!("trigger.{field}")),
                            format!("{} is longer than a year.", crate::units::minutes(*minutes)),
                        )
                        .hint("Enter minutes up to 525,600 (a year)."),
                    );
                }
            }
        }
        if journey.daily_volume > MAX_DAILY_VOLUME {
            out.push(
                Diagnostic::error(
                    "journey.volume",
                    at("daily_volume"),
                    format!(
                        "{} messages a day is beyond what one journey sends.",
                        group(journey.daily_volume.into())
                    ),
                )
                .hint(format!(
                    "Enter a daily volume up to {}.",
                    group(MAX_DAILY_VOLUME.into())
                )),
            );
        }
        match &journey.trigger {
            Trigger::Event { event_name, .. } if event_name.trim().is_empty() => out.push(
                Diagnostic::warning(
                    "journey.event_name",
                    at("trigger.event_name"),
                    "The trigger event has no name.",
                )
                .hint(
                    "Name the event exactly as the platform receives it, such as “Added to Cart”.",
                ),
            ),
            Trigger::SegmentEntry { segment } if segment.trim().is_empty() => out.push(
                Diagnostic::warning(
                    "journey.segment",
                    at("trigger.segment"),
                    "The trigger segment has no name.",
                )
                .hint("Name the segment people enter."),
            ),
            _ => {}
        }
    }
}

/// The plan's simulated days, first and last, as the simulation reads them:
/// from its first day, or the earliest warm-up start when it names none.
/// `None` when neither is a date.
fn horizon(plan: &Plan) -> Option<(NaiveDate, NaiveDate)> {
    let sim = &plan.simulation;
    let first = match sim.start_date.trim() {
        "" => (plan.lanes.iter())
            .filter_map(|l| iso_date(&l.warmup.as_ref()?.start_date))
            .min()?,
        start => iso_date(start)?,
    };
    let days = SIMULATED_DAYS.clamp(sim.days);
    Some((first, first + chrono::Days::new(u64::from(days) - 1)))
}

/// A one-off's date: there, a date, and within the simulated days; a date
/// left on another cadence is said to do nothing.
fn check_send_date(
    journey: &Journey,
    at: &str,
    horizon: Option<(NaiveDate, NaiveDate)>,
) -> Option<Diagnostic> {
    let Trigger::Scheduled {
        cadence, send_date, ..
    } = &journey.trigger
    else {
        return None;
    };
    let name = journey.called();
    let text = send_date.as_deref().map_or("", str::trim);
    if *cadence != Cadence::OneOff {
        return send_date.is_some().then(|| {
            Diagnostic::warning(
                "journey.send_date_unused",
                at,
                format!(
                    "“{name}” sends {}, so its send date {text} is not used.",
                    cadence.label()
                ),
            )
            .hint("A send date belongs to a one-off. Choose “Once, on a date” as the cadence, or clear the date.")
            .with_fix(Fix {
                label: format!("Clear the send date of “{name}”"),
                edits: vec![Edit::Journey {
                    journey: journey.id.clone(),
                    set: JourneyField::SendDate(String::new()),
                }],
            })
        });
    }
    if text.is_empty() {
        return Some(
            Diagnostic::error(
                "journey.send_date",
                at,
                format!("The one-off send “{name}” has no date, so no calendar or simulation counts its mail."),
            )
            .hint("Enter the day it goes out as YYYY-MM-DD, within the simulated days."),
        );
    }
    let Some(date) = iso_date(text) else {
        return Some(
            Diagnostic::error("journey.send_date", at, crate::units::not_a_date(text))
                .hint("Write the day the one-off goes out as YYYY-MM-DD."),
        );
    };
    let (first, last) = horizon?;
    if (first..=last).contains(&date) {
        return None;
    }
    let finding = Diagnostic::warning(
        "journey.send_date_outside",
        at,
        format!(
            "The one-off send “{name}” on {date} falls outside the simulated days, {first} to {last}, so no calendar or simulation counts its mail."
        ),
    );
    // A later send is reached by simulating more days, up to the most.
    let needed = (date - first).num_days() + 1;
    match u32::try_from(needed) {
        Ok(days) if date > last && SIMULATED_DAYS.contains(days.into()) => Some(
            finding
                .hint(format!(
                    "Move the send to a day from {first} to {last}, or simulate {} to reach it.",
                    count(days.into(), "day", "days")
                ))
                .with_fix(Fix {
                    label: format!("Simulate {} to reach {date}", count(days.into(), "day", "days")),
                    edits: vec![Edit::Simulation(SimulationField::Days(days))],
                }),
        ),
        _ if date < first => Some(finding.hint(format!(
            "Move the send to a day from {first} to {last}, or start the simulation (Simulation › first day) on or before {date}."
        ))),
        _ => Some(finding.hint(format!(
            "Move the send to a day from {first} to {last}; a simulation runs at most {} days.",
            SIMULATED_DAYS.max
        ))),
    }
}
