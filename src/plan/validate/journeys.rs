//! Each journey's numbers and trigger.

use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::{Plan, Trigger};
use crate::units::group;

use crate::plan::ranges::{MAX_DAILY_VOLUME, MAX_MINUTES, MAX_REVENUE};

pub(super) fn check_journeys(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for (index, journey) in plan.journeys.iter().enumerate() {
        let at = |field: &str| format!("$.journeys[{index}].{field}");
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
