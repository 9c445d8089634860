//! The published warm-up schedules, each in full in a table of its own,
//! numbered as its vendor numbers it, with its source.

use yew::prelude::*;

use crate::plan::model::WarmupPreset;
use crate::units::{capitalised, group};
use crate::warmup::presets::{schedule, After, PublishedStep, Schedule, Unit};

/// Every published schedule in full, each in a table of its own, numbered
/// as its vendor numbers it, so it can be checked against the vendor's.
#[component]
pub(super) fn PresetTable() -> Html {
    html! {
        <details class="card presets">
            <summary>{ "The published schedules" }</summary>
            <p class="muted">{ "Each vendor's table in full, every row with its cap, and what follows its last row." }</p>
            for preset in WarmupPreset::ALL.iter().filter(|p| **p != WarmupPreset::Custom) {
                if let Some(s) = schedule(*preset) {
                    { published(*preset, &s) }
                }
            }
        </details>
    }
}

/// One preset's whole table, its source and what follows it.
fn published(preset: WarmupPreset, s: &Schedule) -> Html {
    let steps = s.steps();
    let hourly = s.unit == Unit::Hourly;
    let step = capitalised(s.step);
    html! {
        <details class="preset-schedule" id={format!("schedule-{}", preset.key())}>
            <summary>{ format!("{}: {} {}s, {}", preset.label(), steps.len(), s.step, after_table(s, &steps, false)) }</summary>
            <p>{ s.note }{ counted_from(s) }</p>
            <table class="data schedule">
                <caption class="visually-hidden">{ format!("{}, as published", preset.label()) }</caption>
                <thead><tr>
                    <th scope="col">{ step }</th>
                    if hourly { <th scope="col" class="num">{ "Cap an hour" }</th> }
                    <th scope="col" class="num">{ if s.unit == Unit::Weekly { "Cap a day, all week" } else { "Cap a day" } }</th>
                </tr></thead>
                <tbody>
                    for row in steps.iter() {
                        <tr key={row.number}>
                            <th scope="row">{ row.number }</th>
                            if hourly { <td class="num">{ group(row.published) }</td> }
                            <td class="num">{ group(row.per_day) }</td>
                        </tr>
                    }
                </tbody>
            </table>
            <p>{ after_table(s, &steps, true) }</p>
            <p class="muted">{ format!("Source: {}.", s.source) }</p>
        </details>
    }
}

/// What happens after the table's last row; `full` names that row.
fn after_table(s: &Schedule, steps: &[PublishedStep], full: bool) -> String {
    let rule = match s.after {
        After::Warm => "then warm, no cap".to_string(),
        After::Hold => "then the last cap holds".to_string(),
        After::Double { days: 1 } => "then the cap doubles every sending day".to_string(),
        After::Double { days } => format!("then the cap doubles every {days} sending days"),
    };
    match (full, steps.last()) {
        (true, Some(last)) => format!(
            "After {} {} ({} a day), {rule}.",
            s.step,
            last.number,
            group(last.per_day)
        ),
        _ => rule,
    }
}

/// For a vendor that numbers its rows from 0, how they match the ramp
/// days the calendars count from 1.
pub(super) fn counted_from(s: &Schedule) -> String {
    match s.first {
        1 => String::new(),
        first => format!(
            " The vendor numbers its {step}s from {first}: its {step} {first} is ramp day 1 in the calendar.",
            step = s.step
        ),
    }
}
