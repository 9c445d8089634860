//! Warm-ups that do not reach their peak volume by their peak date: the
//! calendar and the report say so, and so does Problems, since a change
//! elsewhere (a later start, a fix that restarts a ramp) can cause it. A
//! peak far from the lane's mail, below it or above it, is told here too.

use crate::plan::diagnostic::{target_of, Diagnostic, Fix, Target};
use crate::plan::edit::{Edit, LaneField, RampField, WarmupField};
use crate::plan::model::{Lane, LaneStatus, Plan, WarmupPlan, WarmupPreset};
use crate::plan::ranges::{Fitted, CALENDAR_DAYS};
use crate::plan::routing::Routing;
use crate::units::{and_list, group};
use crate::warmup::calendar::words::still_capping;
use crate::warmup::calendar::{calendar, date, enough, holds_at, top, Calendar, Wanted, MAX_DAYS};
use crate::warmup::migration::{lane_moves, lane_wanted, move_start};
use chrono::NaiveDate;

/// One warning for each lane whose warm-up misses its peak, and one for
/// each whose peak target is below its own busiest day or far above it.
pub(super) fn missed_peaks(plan: &Plan, routing: &Routing) -> Vec<Diagnostic> {
    let lanes = plan.lanes.iter().enumerate();
    lanes
        .filter(|(_, lane)| lane.warmup.is_some())
        .flat_map(|(index, lane)| {
            let wanted = lane_wanted(plan, routing, &lane.id);
            // A ramp that stops short is one finding: a missed peak
            // date when there is one, else the ramp's own ceiling.
            let missed = missed_peak(&wanted, index, lane);
            // One-offs without a date count on the busiest day: said.
            let undated = super::undated_on(plan, routing, lane);
            let short = match missed {
                Some(_) => None,
                None => ramp_short(&wanted, index, lane, &undated),
            };
            let busiest = super::busiest_day(plan, routing, lane);
            let alone = super::receipts_alone(plan, routing, lane);
            [
                missed,
                short,
                low_peak(&wanted, index, lane, &undated),
                high_peak(busiest, index, lane, &undated),
                no_ramp(&wanted, (index, lane, alone), &undated),
                moved_peak(plan, routing, &wanted, (index, lane), busiest),
            ]
        })
        .flatten()
        .collect()
}

/// Whether warm-up `w` of `lane` skips the ramp: a lane still to warm up
/// on a custom ramp that starts at its busiest day's mail is warm on its
/// first day, which is no warm-up at all. New sending domains must build
/// their volume, however urgent their mail, but for one case: a lane of
/// receipts and codes with no warm lane in the plan to carry them meanwhile
/// (`alone`, `super::receipts_alone`), whose mail has nowhere else to
/// go. Held back, a receipt is late or lost; sent, it is the mail people
/// expect and open, which builds the lane's reputation.
pub(super) fn skips_ramp(lane: &Lane, w: &WarmupPlan, wanted: &Wanted, alone: bool) -> bool {
    let warming = matches!(lane.status, LaneStatus::New | LaneStatus::Warming);
    let busiest = enough(w, wanted.peak_for(w));
    let whole = w.preset == WarmupPreset::Custom && w.custom.start_volume >= busiest;
    warming && whole && busiest > FIRST_DAY && !alone
}

/// A custom ramp that skips the ramp (`skips_ramp`), with a fix that
/// ramps again: the provider's schedule where it climbs to the lane's
/// busiest day, else the custom ramp from a first day's volume. `undated`
/// names the one-offs without a date the busiest day counts.
fn no_ramp(
    wanted: &Wanted,
    (index, lane, alone): (usize, &Lane, bool),
    undated: &str,
) -> Option<Diagnostic> {
    let w = lane.warmup.as_ref()?;
    if !skips_ramp(lane, w, wanted, alone) {
        return None;
    }
    let (start, busiest) = (w.custom.start_volume, enough(w, wanted.peak_for(w)));
    // What the ramp must reach: the peak target when it is above the
    // journeys' busiest day.
    let reach = if w.target_volume >= wanted.peak_for(w) {
        format!("its peak target of {}", group(busiest))
    } else {
        format!("its busiest day of {}{undated}", group(busiest))
    };
    Some(
        Diagnostic::warning(
            "warmup.no_ramp",
            format!("$.lanes[{index}].warmup.custom.start_volume"),
            format!(
                "The custom ramp of {} starts at {} a day, which already carries {reach}: the lane is sent its full volume from the first day, with no warm-up.",
                lane.name,
                group(start),
            ),
        )
        .hint("Warm up gradually: start at a few hundred a day, to the most engaged, and grow by 20 to 50 percent a level.")
        .with_fix(ramp_again(lane, busiest)),
    )
}

/// A fix that gives a lane skipping its ramp a real one: its provider's
/// published schedule when that climbs to `busiest`, else its custom
/// ramp from `FIRST_DAY`.
fn ramp_again(lane: &Lane, busiest: u64) -> Fix {
    let preset = WarmupPreset::for_provider(lane.smtp.provider);
    let published = WarmupPlan {
        preset,
        ..WarmupPlan::default()
    };
    let reaches = holds_at(&published)
        .or(top(&published))
        .is_none_or(|c| c >= busiest);
    let set = |set| {
        vec![Edit::Warmup {
            lane: lane.id.clone(),
            set,
        }]
    };
    if reaches && preset != WarmupPreset::Custom {
        return Fix {
            label: format!("Use {}", preset.label()),
            edits: set(WarmupField::Preset(Some(preset))),
        };
    }
    Fix {
        label: format!("Start the ramp at {} a day", group(FIRST_DAY)),
        edits: set(WarmupField::Custom(RampField::StartVolume(FIRST_DAY))),
    }
}

/// Where a custom ramp that starts too high is started instead.
const FIRST_DAY: u64 = 200;

/// A peak target below the mail the lane's journeys send on their busiest
/// day: the warm-up would be called done before the lane can carry it.
fn low_peak(wanted: &Wanted, index: usize, lane: &Lane, undated: &str) -> Option<Diagnostic> {
    let w = lane.warmup.as_ref()?;
    let busiest = wanted.peak_for(w);
    if w.target_volume == 0 || w.target_volume >= busiest {
        return None;
    }
    let finding = Diagnostic::warning(
        "warmup.peak_below_mail",
        format!("$.lanes[{index}].warmup.target_volume"),
        format!(
            "The peak target of {} for {} is below the {} its journeys send on their busiest day{undated}.",
            group(w.target_volume),
            lane.name,
            group(busiest)
        ),
    )
    .hint(format!("Set the peak to at least {}.", group(busiest)));
    let peak = Fitted::warmup_volume(busiest);
    // At the field's most already, no peak reaches the day: only spreading
    // its mail over more days or lanes does.
    if peak.value <= w.target_volume {
        return Some(finding.hint(format!("The busiest day of {} is more than a warm-up's peak can be: spread its mail over more days or lanes.", group(busiest))));
    }
    Some(finding.fix(
        format!("Set the peak to {}", peak.words()),
        vec![Edit::Warmup {
            lane: lane.id.clone(),
            set: WarmupField::TargetVolume(peak.value),
        }],
    ))
}

/// How many times its busiest day a lane's peak target may be before it is
/// noted: a season's peak, such as Black Friday, commonly runs two to three
/// times a usual busy day, so more than that is likely a peak left from
/// mail that has since moved to other lanes.
pub(super) const PEAK_OVER_MAIL: u64 = 3;

/// A peak target far above the `busiest` day of mail the lane carries,
/// migrations' included: the ramp climbs further, and takes longer, than
/// the lane needs. A lane with no mail at all needs no warm-up yet, so its
/// fix removes it (`unplanned` asks for one again once mail is routed).
fn high_peak(busiest: u64, index: usize, lane: &Lane, undated: &str) -> Option<Diagnostic> {
    let peak = lane.warmup.as_ref()?.target_volume;
    if peak <= busiest.saturating_mul(PEAK_OVER_MAIL) {
        return None;
    }
    let path = format!("$.lanes[{index}].warmup.target_volume");
    let set = |set: WarmupField| {
        vec![Edit::Warmup {
            lane: lane.id.clone(),
            set,
        }]
    };
    let finding = match busiest {
        0 => Diagnostic::warning(
            "warmup.peak_above_mail",
            path,
            format!("The warm-up of {} ramps to a peak of {} a day, but no journey sends mail on the lane.", lane.name, group(peak)),
        )
        .hint("Its mail has moved to other lanes, or none is routed to it yet: a warm-up needs mail to ramp. Route journeys to the lane, or remove its warm-up until it has mail.")
        .fix("Remove the warm-up", set(WarmupField::Preset(None))),
        _ => Diagnostic::info(
            "warmup.peak_above_mail",
            path,
            format!("The peak target of {} for {} is more than {PEAK_OVER_MAIL} times the {} its journeys send on their busiest day{undated}.", group(peak), lane.name, group(busiest)),
        )
        .hint("A peak left from mail that has moved to other lanes makes the ramp climb further, and for longer, than the lane needs. If it is the season's peak, such as Black Friday, keep it.")
        .fix(format!("Set the peak to {}", Fitted::warmup_volume(busiest).words()), lower_peak(lane, Fitted::warmup_volume(busiest).value)),
    };
    Some(finding)
}

/// A peak on a lane whose mail migrations have all moved off by its date:
/// the lane has no mail that day, and the lane that carries it then has no
/// peak to ramp to. The fix moves the peak there, or, when that lane has
/// no warm-up, takes it off; the lane keeps its `busiest` day as the
/// volume to reach until its mail has gone.
fn moved_peak(
    plan: &Plan,
    routing: &Routing,
    wanted: &Wanted,
    (index, lane): (usize, &Lane),
    busiest: u64,
) -> Option<Diagnostic> {
    let w = lane.warmup.as_ref()?;
    let peak = date(&w.target_date)?;
    if w.target_volume == 0 || !wanted.all_moved_off(peak) {
        return None;
    }
    let mut to: Vec<&Lane> = Vec::new();
    for mv in lane_moves(plan, routing, &lane.id) {
        let by_then = move_start(plan, mv.migration).is_some_and(|s| s <= peak);
        let new = plan.lane(&mv.migration.to_lane);
        if let Some(new) = new.filter(|n| by_then && !mv.onto && !to.contains(n)) {
            to.push(new);
        }
    }
    let names: Vec<String> = to.iter().map(|l| l.name.clone()).collect();
    let finding = Diagnostic::warning(
        "warmup.peak_moved_off",
        format!("$.lanes[{index}].warmup.target_date"),
        format!(
            "The peak of {} a day on {peak} is planned on {}, but migrations move all its mail to {} before then, so the lane has no mail that day.",
            group(w.target_volume),
            lane.name,
            and_list(&names)
        ),
    )
    .hint("Plan the peak on the lane that carries the mail by then, so its warm-up reaches it.");
    let [new] = to.as_slice() else {
        return Some(finding);
    };
    let mut edits = lower_peak(lane, Fitted::warmup_volume(busiest).value);
    edits.push(Edit::Warmup {
        lane: lane.id.clone(),
        set: WarmupField::TargetDate(String::new()),
    });
    let Some(theirs) = new.warmup.as_ref() else {
        return Some(finding.fix(format!("Take the peak off {}", lane.name), edits));
    };
    // A peak of its own on another day is the team's to weigh.
    let (ours, other) = (w.target_date.trim(), theirs.target_date.trim());
    if !other.is_empty() && other != ours {
        return Some(finding);
    }
    let set = |set| Edit::Warmup {
        lane: new.id.clone(),
        set,
    };
    edits.push(set(WarmupField::TargetDate(ours.to_string())));
    edits.push(set(WarmupField::TargetVolume(
        w.target_volume.max(theirs.target_volume),
    )));
    Some(finding.fix(format!("Move the peak to {}", new.name), edits))
}

/// Edits that bring the lane's peak down to `volume`. A custom ramp whose
/// ceiling stood at the old peak comes down with it: the lane is warm once
/// the ramp reaches its peak, and a ceiling left far above would read as a
/// ramp climbing on past it.
pub(super) fn lower_peak(lane: &Lane, volume: u64) -> Vec<Edit> {
    let set = |set: WarmupField| Edit::Warmup {
        lane: lane.id.clone(),
        set,
    };
    let mut edits = vec![set(WarmupField::TargetVolume(volume))];
    let custom = lane
        .warmup
        .as_ref()
        .filter(|w| w.preset == WarmupPreset::Custom);
    if custom.is_some_and(|w| w.custom.cap > volume && w.custom.cap >= w.target_volume) {
        edits.push(set(WarmupField::Custom(RampField::Cap(volume))));
    }
    edits
}

/// A ramp whose ceiling is below the lane's busiest day: a schedule that
/// holds its last cap never lets the lane carry that day, and one that
/// ends there leaves it to jump to its full volume the day after.
fn ramp_short(wanted: &Wanted, index: usize, lane: &Lane, undated: &str) -> Option<Diagnostic> {
    let w = lane.warmup.as_ref()?;
    let busiest = wanted.peak_for(w);
    let (ceiling, then) = match (holds_at(w), top(w)) {
        (Some(held), _) => (held, "holds there for good: the lane never carries its busiest day, and mail over the cap never goes out on its day"),
        (None, Some(top)) => (top, "ends there, so the lane jumps to its full volume the next day, which mailbox providers read as a cold start"),
        (None, None) => return None,
    };
    if ceiling >= busiest {
        return None;
    }
    let finding = Diagnostic::warning(
        "warmup.ramp_short",
        format!("$.lanes[{index}].warmup.preset"),
        format!(
            "The warm-up of {} climbs to {} a day, below the {} its journeys send on their busiest day{undated}, and {then}.",
            lane.name,
            group(ceiling),
            group(busiest)
        ),
    )
    .hint(format!(
        "Choose a schedule or a custom ramp that climbs to {}, or spread the busiest send over more days.",
        group(busiest)
    ));
    Some(match climbing_ramp(lane, w, busiest) {
        Some((label, edits)) => finding.fix(label, edits),
        None => finding,
    })
}

fn missed_peak(wanted: &Wanted, index: usize, lane: &Lane) -> Option<Diagnostic> {
    let w = lane.warmup.as_ref()?;
    let (start, peak) = (date(&w.start_date)?, date(&w.target_date)?);
    // A peak past the calendar's reach has a finding of its own.
    if peak < start || (peak - start).num_days() > i64::from(CALENDAR_DAYS) || w.target_volume == 0
    {
        return None;
    }
    // No days are walked: the cap on the peak date comes from the ramp.
    let cal = calendar(w, wanted, 0)?;
    if cal.reaches_target != Some(false) {
        return None;
    }
    if cal.cap_on_target == Some(0) {
        return Some(quiet_peak(index, lane, w, &cal, peak));
    }
    // Without a cap on the day, the ramp has ended short of the peak.
    let reached = cal.cap_on_target.or(cal.tops_out).unwrap_or(0);
    let message = format!(
        "The warm-up of {} reaches only {} a day by its peak on {peak}, short of the {} it needs that day.",
        lane.name,
        group(reached),
        group(cal.target_needs)
    );
    let finding = Diagnostic::warning(
        "warmup.peak_missed",
        format!("$.lanes[{index}].warmup.target_date"),
        message,
    );
    Some(match cal.latest_start {
        Some(latest) => finding
            .hint(format!(
                "Start the warm-up by {latest}, or plan for a smaller peak."
            ))
            .fix(
                format!("Start the warm-up on {latest}"),
                vec![Edit::Warmup {
                    lane: lane.id.clone(),
                    set: WarmupField::StartDate(latest),
                }],
            ),
        None if cal.tops_out.is_some() => {
            let hint = format!(
                "The ramp ends at {} a day, so no start date reaches the peak: choose a schedule or a custom ramp that climbs to {}.",
                group(reached),
                group(cal.target_needs)
            );
            match custom_ramp(lane, w, wanted) {
                Some((label, edits)) => finding.hint(hint).fix(label, edits),
                None => finding.hint(hint),
            }
        }
        // The schedule holds, or climbs too slowly, below the peak: a
        // custom ramp that climbs all the way can still reach it.
        None => match custom_ramp(lane, w, wanted) {
            Some((label, edits)) => finding
                .hint(format!(
                    "No start date reaches it on this schedule, which holds or climbs too slowly below {} a day: a custom ramp that climbs all the way does.",
                    group(cal.target_needs)
                ))
                .fix(label, edits),
            None => finding.hint(
                "No start date reaches it by the peak, on this schedule or a custom one: plan for a smaller peak.",
            ),
        },
    })
}

/// A peak on a day the lane does not send: a day without sending, or a
/// weekday its ramp leaves out while it is still warming up.
fn quiet_peak(
    index: usize,
    lane: &Lane,
    w: &WarmupPlan,
    cal: &Calendar,
    peak: NaiveDate,
) -> Diagnostic {
    let finding = Diagnostic::warning(
        "warmup.peak_missed",
        format!("$.lanes[{index}].warmup.target_date"),
        format!(
            "The warm-up of {} sends nothing on its peak date, {peak}, which needs {} a day.",
            lane.name,
            group(cal.target_needs)
        ),
    );
    let day = peak.to_string();
    if w.skipped_dates.iter().any(|d| d.trim() == day) {
        let kept: Vec<String> = (w.skipped_dates.iter())
            .filter(|d| d.trim() != day)
            .cloned()
            .collect();
        return finding
            .hint("The peak date is one of the lane's days without sending.")
            .fix(
                format!("Send on {day}"),
                vec![Edit::Warmup {
                    lane: lane.id.clone(),
                    set: WarmupField::SkippedDates(kept),
                }],
            );
    }
    let finding = finding.hint(
        "Its weekday is one the ramp leaves out, and the lane is not warm by then: start the warm-up early enough to be warm, or send on that weekday too.",
    );
    match &cal.latest_start {
        Some(latest) => finding.fix(
            format!("Start the warm-up on {latest}"),
            vec![Edit::Warmup {
                lane: lane.id.clone(),
                set: WarmupField::StartDate(latest.clone()),
            }],
        ),
        None => finding,
    }
}

/// A custom ramp that climbs to all the lane needs, started early enough
/// to reach its peak, as a fix's label and edits; `None` if none does.
fn custom_ramp(lane: &Lane, w: &WarmupPlan, wanted: &Wanted) -> Option<(String, Vec<Edit>)> {
    let (label, mut edits) = climbing_ramp(lane, w, wanted.peak_for(w))?;
    let mut custom = w.clone();
    custom.preset = WarmupPreset::Custom;
    custom.custom.cap = Fitted::warmup_volume(enough(w, wanted.peak_for(w))).value;
    let cal = calendar(&custom, wanted, 0)?;
    match (cal.reaches_target, cal.latest_start) {
        (Some(true), _) => Some((label, edits)),
        (_, Some(latest)) => {
            edits.push(Edit::Warmup {
                lane: lane.id.clone(),
                set: WarmupField::StartDate(latest.clone()),
            });
            Some((format!("{label}, from {latest}"), edits))
        }
        _ => None,
    }
}

/// The custom ramp, from the lane's own ramp settings, that climbs to
/// `busiest` a day, or as far as a warm-up may, as a fix's label and
/// edits; `None` when the lane has that ramp already.
fn climbing_ramp(lane: &Lane, w: &WarmupPlan, busiest: u64) -> Option<(String, Vec<Edit>)> {
    let cap = Fitted::warmup_volume(enough(w, busiest));
    if w.preset == WarmupPreset::Custom && w.custom.cap == cap.value {
        return None;
    }
    let set = |set: WarmupField| Edit::Warmup {
        lane: lane.id.clone(),
        set,
    };
    let edits = vec![
        set(WarmupField::Preset(Some(WarmupPreset::Custom))),
        set(WarmupField::Custom(RampField::Cap(cap.value))),
    ];
    Some((format!("Use a custom ramp up to {}", cap.words()), edits))
}

/// New or warming lanes whose warm-up starts before its set-up can be
/// done. A start before `today` has passed while the lane is still new, so
/// either the ramp began and the lane is warming up, or the plan's dates
/// are stale; a warming lane's ramp began, so its past start is news to no
/// one. A start from today on but before `ready`, the first day the lane's
/// set-up still to do lets it start, makes the checklist's items overdue
/// at once, whatever the lane's status says. The fix moves the start to
/// `ready`.
pub fn past_starts(
    plan: &Plan,
    today: NaiveDate,
    ready: impl Fn(&str) -> NaiveDate,
) -> Vec<Diagnostic> {
    let start = |lane: &Lane| {
        let start = lane.warmup.as_ref().and_then(|w| date(&w.start_date))?;
        match lane.status {
            LaneStatus::New => Some(start),
            LaneStatus::Warming => (start >= today).then_some(start),
            _ => None,
        }
    };
    (plan.lanes.iter().enumerate())
        .filter_map(|(index, lane)| Some((index, lane, start(lane)?)))
        .filter_map(|(index, lane, start)| {
            // Not today: the set-up still to do comes first, or the fix
            // would make its items overdue at once.
            let ready = ready(&lane.id);
            let path = format!("$.lanes[{index}].warmup.start_date");
            let finding = match start < today {
                true => passed(lane, start, path),
                false if start < ready => too_soon(lane, start, ready, path),
                false => return None,
            };
            Some(finding.fix(
                format!("Start the warm-up on {ready}"),
                vec![Edit::Warmup {
                    lane: lane.id.clone(),
                    set: WarmupField::StartDate(ready.to_string()),
                }],
            ))
        })
        .collect()
}

/// Gives each warm-up without a first day (validation's
/// `warmup.unscheduled`, which has no today to date it) a fix that starts
/// it on `ready`, the first day the lane's set-up allows, as a passed
/// start is moved there, or on the first day a move fills it, if later.
pub fn date_unscheduled(
    plan: &Plan,
    findings: &mut [Diagnostic],
    ready: impl Fn(&str) -> NaiveDate,
) {
    for d in findings
        .iter_mut()
        .filter(|d| d.code == "warmup.unscheduled" && d.fix.is_none())
    {
        let Target::Lane(index) = target_of(&d.path) else {
            continue;
        };
        let Some(lane) = plan.lanes.get(index as usize) else {
            continue;
        };
        // A lane a move fills has its mail from the day the move starts
        // moving it (`move_start`), which waits for the old lane's warm-up.
        let moved = (plan.migrations.iter())
            .filter(|m| m.to_lane == lane.id && m.from_lane != lane.id)
            .filter_map(|m| move_start(plan, m))
            .min();
        let ready = ready(&lane.id).max(moved.unwrap_or_default());
        *d = d.clone().fix(
            format!("Start the warm-up on {ready}"),
            vec![Edit::Warmup {
                lane: lane.id.clone(),
                set: WarmupField::StartDate(ready.to_string()),
            }],
        );
    }
}

/// A new lane's warm-up start that has passed.
fn passed(lane: &Lane, start: NaiveDate, path: String) -> Diagnostic {
    Diagnostic::warning(
        "warmup.start_passed",
        path,
        format!(
            "The warm-up of {} starts on {start}, which has passed, and the lane is still new.",
            lane.name
        ),
    )
    .hint("If the ramp has begun, set the lane's status to Warming; if not, start it once the lane's set-up can be done, and check its peak is still reached.")
}

/// A new lane's warm-up start that comes before its set-up can be done.
fn too_soon(lane: &Lane, start: NaiveDate, ready: NaiveDate, path: String) -> Diagnostic {
    Diagnostic::warning(
        "warmup.start_too_soon",
        path,
        format!(
            "The warm-up of {} starts on {start}, before the set-up still to do can be done on {ready}, so some of the lane's checklist items are overdue already.",
            lane.name
        ),
    )
    .hint("Start the ramp once the lane's domains, server and seed tests are ready, or mark done on the Checklist what is done already; check its peak is still reached.")
}

/// The code of a lane marked warm while its warm-up ramp still caps it.
pub const MARKED_WARM: &str = "lint.marked_warm_while_capped";

/// A lane marked warm while its warm-up calendar still caps its mail on
/// `today`: the calendar, the simulation and the Report hold it to the
/// ramp, while the checklist would take it as warm. The fix marks it
/// warming; a lane warm already drops its warm-up instead.
pub fn marked_warm(plan: &Plan, routing: &Routing, today: NaiveDate) -> Vec<Diagnostic> {
    (plan.lanes.iter().enumerate())
        .filter(|(_, lane)| lane.status == LaneStatus::Warm)
        .filter_map(|(index, lane)| {
            let capped = capped_until(plan, routing, lane, today)?;
            let finding = Diagnostic::warning(
                MARKED_WARM,
                format!("$.lanes[{index}].status"),
                format!("{} is marked warm, but its warm-up ramp {capped}.", lane.name),
            )
            .hint("The warm-up calendar, the simulation and the Report hold the lane to its ramp. Mark it warming while it ramps, or choose No warm-up for its schedule if it is warm already.");
            Some(finding.fix(
                format!("Mark {} warming", lane.name),
                vec![Edit::Lane {
                    lane: lane.id.clone(),
                    set: LaneField::Status(LaneStatus::Warming),
                }],
            ))
        })
        .collect()
}

/// How a lane's dated warm-up still caps its mail on `today`, in words;
/// `None` once the ramp has ended, or without a dated warm-up.
fn capped_until(plan: &Plan, routing: &Routing, lane: &Lane, today: NaiveDate) -> Option<String> {
    let w = lane.warmup.as_ref()?;
    date(&w.start_date)?;
    let cal = calendar(w, &lane_wanted(plan, routing, &lane.id), MAX_DAYS)?;
    let short = cal.tops_out.map(|top| (top, cal.needs));
    still_capping(cal.warm_on.as_deref().and_then(date), short, today)
}
