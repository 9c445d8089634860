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
        out.extend(check_send_date(
            plan,
            journey,
            &at("trigger.send_date"),
            horizon,
        ));
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
            // A one-off's volume is its one send's, not a day's.
            let (per, volume) = match journey.is_one_off() {
                true => ("in one send", "a send of"),
                false => ("a day", "a daily volume"),
            };
            out.push(
                Diagnostic::error(
                    "journey.volume",
                    at("daily_volume"),
                    format!(
                        "{} messages {per} is beyond what one journey sends.",
                        group(journey.daily_volume.into())
                    ),
                )
                .hint(format!(
                    "Enter {volume} up to {}.",
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
            Trigger::ApiBroadcast { broadcast } if broadcast.trim().is_empty() => out.push(
                Diagnostic::warning(
                    "journey.broadcast",
                    at("trigger.broadcast"),
                    "The API broadcast has no name.",
                )
                .hint("Name the broadcast as the platform lists it, such as “Flash sale”."),
            ),
            Trigger::TransactionalApi { message } if message.trim().is_empty() => out.push(
                Diagnostic::warning(
                    "journey.message",
                    at("trigger.message"),
                    "The transactional message has no name.",
                )
                .hint("Name the message as the platform lists it, such as “Order receipt”."),
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
    plan: &Plan,
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
        let within = match horizon {
            Some((first, last)) => format!("from {first} to {last}, the simulated days"),
            None => "within the simulated days".to_string(),
        };
        return Some(
            Diagnostic::error(
                "journey.send_date",
                at,
                format!("The one-off send “{name}” has no date, so no day of the calendars or the simulation carries its mail; the warm-ups count it on the lane's busiest day, as it may go out then."),
            )
            .hint(format!("Enter the day it goes out as YYYY-MM-DD, {within}.")),
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
            "The one-off send “{name}” on {date} falls outside the simulated days, {first} to {last}, so the simulation never sends it."
        ),
    );
    if date < first {
        return Some(earlier(plan, journey, finding, date, (first, last)));
    }
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
                    label: format!(
                        "Simulate {} to reach {date}",
                        count(days.into(), "day", "days")
                    ),
                    edits: vec![Edit::Simulation(SimulationField::Days(days))],
                }),
        ),
        _ => Some(finding.hint(format!(
            "Move the send to a day from {first} to {last}; a simulation runs at most {} days.",
            SIMULATED_DAYS.max
        ))),
    }
}

/// A one-off sent before the first simulated day: the simulation starts on
/// its date instead, keeping its last day, when that brings the send in.
/// It does not while the journey's lane has yet to start its warm-up (a
/// lane carries its mail from its warm-up's first day, in the calendars
/// and the simulation alike), nor when that many days are more than a
/// simulation runs: the hint says so.
fn earlier(
    plan: &Plan,
    journey: &Journey,
    finding: Diagnostic,
    date: NaiveDate,
    (first, last): (NaiveDate, NaiveDate),
) -> Diagnostic {
    let move_it = format!("Move the send to a day from {first} to {last}");
    let routing = crate::plan::routing::route(plan);
    let Some(lane) = (routing.route_of(&journey.id)).and_then(|r| plan.lane(r.lane_id.as_deref()?))
    else {
        return finding.hint(format!(
            "{move_it}, or start the simulation (Simulation › first day) on or before {date}."
        ));
    };
    let starts = (lane.warmup.as_ref()).and_then(|w| iso_date(&w.start_date));
    if let Some(start) = starts.filter(|s| *s > date) {
        return finding.hint(format!(
            "{move_it}: its lane, {}, carries no mail before its warm-up starts on {start}, so simulating earlier days would not send it either. To send it on {date}, start that warm-up by then.",
            lane.name
        ));
    }
    let days = (last - date).num_days() + 1;
    match u32::try_from(days) {
        Ok(days) if SIMULATED_DAYS.contains(days.into()) => {
            let mut edits = vec![Edit::Simulation(SimulationField::StartDate(
                date.to_string(),
            ))];
            if days != plan.simulation.days {
                edits.push(Edit::Simulation(SimulationField::Days(days)));
            }
            finding
                .hint(format!(
                    "{move_it}, or start the simulation on {date} (Simulation › first day), keeping its last day."
                ))
                .with_fix(Fix {
                    label: format!("Simulate from {date} to {last}"),
                    edits,
                })
        }
        _ => finding.hint(format!(
            "{move_it}; a simulation runs at most {} days, too few to reach back to {date} and keep {last}.",
            SIMULATED_DAYS.max
        )),
    }
}
