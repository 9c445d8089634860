//! Warm-ups that hold back mail that cannot wait: a receipt, a login code
//! or a cart reminder deferred to a later day has lost its point, and one
//! not sent is lost, so a lane carrying them should spill its overflow (or,
//! with nowhere to spill, start its ramp at that mail) and send every day
//! it is wanted. And warm-ups that spill mail onto a lane it must be kept
//! from.

use crate::plan::diagnostic::{Diagnostic, Fix};
use crate::plan::edit::{Edit, JourneyField, MigrationField, RampField, WarmupField};
use crate::plan::model::{
    EngagementFilter, Intent, Lane, Overflow, Plan, Purpose, WarmupPlan, WarmupPreset,
};
use crate::plan::ranges::{Fitted, CALENDAR_DAYS};
use crate::plan::routing::Routing;
use crate::plan::validate::{spill_fix, spill_into};
use crate::units::{and_list, count, group};
use crate::warmup::calendar::{calendar, Calendar, Wanted};
use crate::warmup::migration::lane_wanted;

/// Warnings for each lane whose warm-up defers or drops mail that cannot
/// wait: over its cap, and on days it does not send.
pub(super) fn deferred_urgent(plan: &Plan, routing: &Routing) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (index, lane) in plan.lanes.iter().enumerate() {
        let Some(w) = &lane.warmup else { continue };
        let carried: Vec<_> = routing.journeys_on(plan, &lane.id).collect();
        let urgent: Vec<String> = (carried.iter())
            .filter(|j| j.intent.is_transactional() || j.intent.is_recovery())
            .map(|j| j.called().to_string())
            .collect();
        if urgent.is_empty() {
            continue;
        }
        let wanted = lane_wanted(plan, routing, &lane.id);
        let Some(cal) = calendar(w, &wanted, CALENDAR_DAYS) else {
            continue;
        };
        let at = Urgent {
            plan,
            routing,
            index,
            lane,
            w,
            urgent: &urgent,
            only_urgent: urgent.len() == carried.len(),
            alone: super::receipts_alone(plan, routing, lane),
            wanted: &wanted,
            cal: &cal,
        };
        out.extend(over_cap(&at));
        out.extend(off_days(&at));
    }
    out
}

/// A lane carrying urgent mail, with its warm-up's calendar.
struct Urgent<'a> {
    plan: &'a Plan,
    routing: &'a Routing,
    index: usize,
    lane: &'a Lane,
    w: &'a WarmupPlan,
    /// The urgent journeys' names.
    urgent: &'a [String],
    /// The lane carries nothing else.
    only_urgent: bool,
    /// Receipts alone, with no warm lane to carry them (`super::receipts_alone`).
    alone: bool,
    wanted: &'a Wanted,
    cal: &'a Calendar,
}

/// Mail over the cap deferred or not sent.
fn over_cap(at: &Urgent) -> Option<Diagnostic> {
    let Urgent {
        plan,
        routing,
        index,
        lane,
        w,
        urgent,
        cal,
        ..
    } = *at;
    let held = match w.overflow {
        // Mail waiting over days without sending is `off_days`' finding.
        Overflow::Defer if cal.total_over_cap > 0 => format!(
            "defers mail over its cap to later days, up to {} waiting at once and up to {} late",
            group(cal.max_backlog),
            count(u64::from(cal.most_days_late), "day", "days")
        ),
        Overflow::Suppress if cal.total_over_cap > 0 => format!(
            "does not send mail over its cap, {} messages in its calendar",
            group(cal.total_over_cap)
        ),
        _ => return None,
    };
    let hint = if at.alone {
        "No lane in the plan is warm to carry them meanwhile, so they go out from this lane or wait. Receipts and codes are mail people expect and open, which builds a new lane's reputation: send them from its first day. If another sender carries them today, add it as a warm lane, and they can go through it while this lane ramps."
    } else {
        "Spill the overflow into an established lane, route these journeys through one until this lane is warm, or start the ramp higher."
    };
    let finding = Diagnostic::warning(
        "warmup.defers_urgent",
        format!("$.lanes[{index}].warmup.overflow"),
        format!(
            "The warm-up of {} {held}, and the lane carries {}, whose mail is of no use late or lost.",
            lane.name,
            and_list(urgent)
        ),
    )
    .hint(hint);
    // Spilling a lane that also carries promotions into one carrying
    // recovery would swap this warning for another: moving the urgent
    // journeys to their own lane, the tier lint's fix, is the way out.
    let spill = spill_into(plan, lane).filter(|to| !spill_crosses(plan, routing, lane, to));
    Some(match spill {
        Some(to) => finding.fix(
            format!("Spill the overflow into {}", to.name),
            vec![
                Edit::Warmup {
                    lane: lane.id.clone(),
                    set: WarmupField::Overflow(Overflow::Spill),
                },
                Edit::Warmup {
                    lane: lane.id.clone(),
                    set: WarmupField::SpillLane(Some(to.id.clone())),
                },
            ],
        ),
        None => match ramp_covering(at).or_else(|| carried_meanwhile(at)) {
            Some(fix) => finding.with_fix(fix),
            None => finding,
        },
    })
}

/// With no warm lane to spill into and a ramp that must stay a ramp (a
/// new or warming lane), the urgent journeys go through an established
/// lane meanwhile, as the hint says: they are sent there, and a migration
/// moves them onto this lane from the warm-up's start as fast as its cap
/// allows, so the cap shares them out day by day and nothing waits. The
/// mix this makes on the established lane is one the migration takes
/// apart. A lane of promotions is the last choice to carry them; with no
/// warm lane at all there is no fix: the mail must stay with whatever
/// sends it today. A lane that sends promotions itself gets none either.
fn carried_meanwhile(at: &Urgent) -> Option<Fix> {
    let Urgent {
        plan,
        routing,
        lane,
        w,
        ..
    } = *at;
    // Urgent mail beside promotions is the tier lint's to move to a lane of
    // its own; a move onto this lane would bring it back beside them.
    if of_promotions(plan, routing, lane) {
        return None;
    }
    let warm =
        || (plan.lanes.iter()).filter(|l| l.id != lane.id && crate::plan::validate::is_warm(l));
    let via = warm()
        .find(|l| !of_promotions(plan, routing, l))
        .or_else(|| warm().next())?;
    let urgent: Vec<String> = (routing.journeys_on(plan, &lane.id))
        .filter(|j| j.intent.is_transactional() || j.intent.is_recovery())
        .map(|j| j.id.clone())
        .collect();
    let add = Edit::AddMigration {
        from_lane: via.id.clone(),
        to_lane: lane.id.clone(),
    };
    let migration = crate::plan::edit::added_id(plan, &add)?;
    let set = |set| Edit::Migration {
        migration: migration.clone(),
        set,
    };
    let mut edits: Vec<Edit> = (urgent.iter())
        .map(|id| Edit::Journey {
            journey: id.clone(),
            set: JourneyField::LaneOverride(Some(via.id.clone())),
        })
        .collect();
    edits.push(add);
    edits.push(set(MigrationField::WholeLane(false)));
    edits.extend(urgent.iter().map(|id| {
        set(MigrationField::Journey {
            journey: id.clone(),
            on: true,
        })
    }));
    if !w.start_date.is_empty() {
        edits.push(set(MigrationField::StartDate(w.start_date.clone())));
    }
    // A plan its platform cannot build is no fix: on Customer.io,
    // transactional API mail keeps to the All Emails server's lane.
    let mut after = plan.clone();
    crate::plan::edit::edit_plan(&mut after, Edit::Many(edits.clone()));
    let platform = |plan: &Plan| {
        let findings =
            crate::platform::customer_io::findings(plan, &crate::plan::routing::route(plan));
        findings
            .into_iter()
            .map(|d| (d.code, d.path))
            .collect::<Vec<_>>()
    };
    let known = platform(plan);
    if platform(&after).iter().any(|k| !known.contains(k)) {
        return None;
    }
    Some(Fix {
        label: format!(
            "Send them through {} and move them here as the ramp allows",
            via.name
        ),
        edits,
    })
}

/// With no warm lane to spill into, a lane that carries only urgent mail
/// can start its ramp at the most that mail wants on a day: it is mail
/// people asked for, and a cap below it only delays or loses it. The
/// start is offered only if the calendar it gives holds nothing back, and
/// never where it would skip the ramp of a lane still to warm up
/// (`peaks::skips_ramp`): a new sending domain must warm up all the same,
/// unless it carries receipts alone, which have no other way out.
fn ramp_covering(at: &Urgent) -> Option<Fix> {
    if !at.only_urgent {
        return None;
    }
    let sending = at.cal.days.iter().filter(|d| d.sending);
    let fresh = sending.clone().map(|d| d.requested - d.waiting).max()?;
    let most = sending.map(|d| d.requested).max()?;
    // A start over the most a warm-up takes is a value its field refuses.
    let start = [fresh, most]
        .into_iter()
        .filter(|&n| !Fitted::warmup_volume(n).cut)
        .find(|&n| holds_nothing(at, n))?;
    let ramp = |set| Edit::Warmup {
        lane: at.lane.id.clone(),
        set: WarmupField::Custom(set),
    };
    let mut edits = vec![ramp(RampField::StartVolume(start))];
    if at.w.preset != WarmupPreset::Custom {
        edits.insert(
            0,
            Edit::Warmup {
                lane: at.lane.id.clone(),
                set: WarmupField::Preset(Some(WarmupPreset::Custom)),
            },
        );
    }
    if (1..start).contains(&at.w.custom.cap) {
        edits.push(ramp(RampField::Cap(0)));
    }
    let label = if at.alone {
        format!(
            "Send them from the first day: start the ramp at {} a day",
            group(start)
        )
    } else {
        format!("Start the ramp at {} a day", group(start))
    };
    Some(Fix { label, edits })
}

/// Whether a custom ramp starting at `start` holds none of the lane's
/// mail back.
fn holds_nothing(at: &Urgent, start: u64) -> bool {
    let mut w = at.w.clone();
    w.preset = WarmupPreset::Custom;
    w.custom.start_volume = start;
    if (1..start).contains(&w.custom.cap) {
        w.custom.cap = 0;
    }
    !super::peaks::skips_ramp(at.lane, &w, at.wanted, at.alone)
        && calendar(&w, at.wanted, CALENDAR_DAYS).is_some_and(|c| c.total_over_cap == 0)
}

/// Mail wanted on days the ramp does not send (weekdays it leaves out,
/// skipped dates): it waits for the next sending day, or is not sent.
fn off_days(at: &Urgent) -> Option<Diagnostic> {
    let Urgent {
        index,
        lane,
        w,
        urgent,
        cal,
        ..
    } = *at;
    if cal.total_off_day == 0 {
        return None;
    }
    let fate = if w.overflow == Overflow::Defer {
        "waits for the next sending day"
    } else {
        "is not sent"
    };
    let finding = Diagnostic::warning(
        "warmup.urgent_off_days",
        format!("$.lanes[{index}].warmup.sending_weekdays"),
        format!(
            "The warm-up of {} leaves out days its journeys want mail on, {} messages in its calendar, and the lane carries {}: their mail on those days {fate}.",
            lane.name,
            group(cal.total_off_day),
            and_list(urgent)
        ),
    )
    .hint("Send every day while warming, without skipped dates: a smaller cap each day still delivers receipts and reminders on time.");
    let mut edits: Vec<Edit> = (1..=7u8)
        .filter(|d| !w.sending_weekdays.contains(d))
        .map(|day| Edit::Warmup {
            lane: lane.id.clone(),
            set: WarmupField::Weekday { day, on: true },
        })
        .collect();
    if !w.skipped_dates.is_empty() {
        edits.push(Edit::Warmup {
            lane: lane.id.clone(),
            set: WarmupField::SkippedDates(Vec::new()),
        });
    }
    Some(finding.fix("Send every day while warming", edits))
}

/// Warm-ups that spill mail onto a lane it must be kept from: promotions
/// into a lane carrying cart or checkout recovery (the two on one lane is
/// the mistake the split is for, and a warm-up's overflow is its largest
/// mail), or receipts into a lane of promotions (they would go out under
/// its From address and engagement filter, beside its complaints).
pub(super) fn spilled_across_kinds(plan: &Plan, routing: &Routing) -> Vec<Diagnostic> {
    let carried = |id: &str, what: fn(Intent) -> bool| carried(plan, routing, id, what);
    let mut out = Vec::new();
    for (index, lane) in plan.lanes.iter().enumerate() {
        let Some(w) = lane
            .warmup
            .as_ref()
            .filter(|w| w.overflow == Overflow::Spill)
        else {
            continue;
        };
        let Some(to) = (w.spill_lane.as_deref())
            .and_then(|id| plan.lane(id))
            .filter(|to| to.id != lane.id)
        else {
            continue;
        };
        let at = format!("$.lanes[{index}].warmup.spill_lane");
        let (promotions, recovery) = (
            carried(&lane.id, Intent::is_promotional),
            carried(&to.id, Intent::is_recovery),
        );
        if !promotions.is_empty() && !recovery.is_empty() {
            out.push(
                Diagnostic::warning(
                    "warmup.spill_onto_recovery",
                    &at,
                    format!(
                        "The warm-up of {} spills the overflow of {} into {}, which carries {}: promotions and cart recovery on one lane, so a promotion's complaints reach the recovery flows.",
                        lane.name,
                        and_list(&promotions),
                        to.name,
                        and_list(&recovery)
                    ),
                )
                .hint("Spill into a warm lane without recovery flows, or defer the overflow.")
                .with_fix(spill_fix(plan, lane)),
            );
        }
        let receipts = carried(&lane.id, Intent::is_transactional);
        if !receipts.is_empty() && of_promotions(plan, routing, to) {
            let filter = match to.engagement_filter {
                EngagementFilter::None => "",
                _ => " and its engagement filter, which keeps them from people who have not opened mail lately,",
            };
            out.push(
                Diagnostic::warning(
                    "warmup.spill_onto_promotions",
                    &at,
                    format!(
                        "The warm-up of {} spills the overflow of {} into {}, a lane of promotions: they would go out under its From address{filter} with the reputation its promotions' complaints make.",
                        lane.name,
                        and_list(&receipts),
                        to.name
                    ),
                )
                .hint("Spill receipts only into a warm transactional lane, or defer the overflow.")
                .with_fix(spill_fix(plan, lane)),
            );
        }
    }
    out
}

/// The names of the journeys on lane `id` whose intent is `what`.
fn carried(plan: &Plan, routing: &Routing, id: &str, what: fn(Intent) -> bool) -> Vec<String> {
    (routing.journeys_on(plan, id))
        .filter(|j| what(j.intent))
        .map(|j| j.called().to_string())
        .collect()
}

/// Whether `lane` is a lane of promotions: by purpose, or by what it carries.
fn of_promotions(plan: &Plan, routing: &Routing, lane: &Lane) -> bool {
    matches!(lane.purpose, Purpose::Promotional | Purpose::Vip)
        || !carried(plan, routing, &lane.id, Intent::is_promotional).is_empty()
}

/// Whether spilling `lane` into `to` mixes what `spilled_across_kinds`
/// keeps apart: promotions onto recovery, receipts onto promotions.
fn spill_crosses(plan: &Plan, routing: &Routing, lane: &Lane, to: &Lane) -> bool {
    let on = |id: &str, what: fn(Intent) -> bool| !carried(plan, routing, id, what).is_empty();
    (on(&lane.id, Intent::is_promotional) && on(&to.id, Intent::is_recovery))
        || (on(&lane.id, Intent::is_transactional) && of_promotions(plan, routing, to))
}
