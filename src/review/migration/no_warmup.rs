//! Moves into a lane with no warm-up plan: a lane that is not warm, or a
//! warm lane whose volume the move more than doubles or that sends nothing
//! else in the plan, with the fixes that plan the provider's warm-up from
//! the move's first day.

use super::{title, NO_WARMUP_CODE};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, LaneField, WarmupField};
use crate::plan::model::{Lane, LaneStatus, Migration, WarmupPlan, WarmupPreset};
use crate::units::{count, group};
use crate::warmup::migration::Split;

/// A move into a lane that is not warm and has no warm-up.
pub(super) fn no_warmup(m: &Migration, at: &str, lane: &Lane, split: Option<&Split>) -> Diagnostic {
    let (preset, edits) = warm_up(m, lane, split);
    Diagnostic::warning(
        NO_WARMUP_CODE,
        format!("{at}.to_lane"),
        format!("{} moves mail into {}, which has no warm-up plan, so it all arrives on the first day.", title(m), lane.name),
    )
    .hint("Mailbox providers throttle and filter a sudden volume from a new domain or IP: give the lane a warm-up schedule so the move ramps.")
    .fix(format!("Plan the {} warm-up", preset.label()), edits)
}

/// A move onto a warm lane with no warm-up: all of the moved mail arrives
/// on the first day, which is a jump when it is more than the lane sends of
/// its own. A lane that sends nothing else in the plan may owe its warmth
/// to mail the plan does not hold, so that case is only a note.
pub(super) fn at_once(m: &Migration, at: &str, lane: &Lane, s: &Split) -> Option<Diagnostic> {
    // A usual day's mail on both sides: a one-off's send goes out on its
    // date, not with the move, and no day carries every send at once.
    let (moving, staying) = (s.moved.moving.per_day(), s.moved.staying.per_day());
    if moving == 0 || moving <= staying {
        return None;
    }
    let first = s.first_day.as_deref().unwrap_or(&m.start_date);
    let moves = format!(
        "{} moves about {} a day into {} at once on {first}",
        title(m),
        count(moving, "message", "messages"),
        lane.name
    );
    let path = format!("{at}.to_lane");
    Some(match staying {
        0 => warm_in_name(m, (path, s), lane, &moves),
        _ => jump(path, &moves, moving, staying),
    })
}

/// The move more than doubles the mail a warm lane sends of its own.
fn jump(path: String, moves: &str, moving: u64, staying: u64) -> Diagnostic {
    let factor = (moving + staying) as f64 / staying as f64;
    Diagnostic::warning(
        "lint.migration_at_once",
        path,
        format!("{moves}, which sends about {} of its own: its volume jumps {factor:.1}× in a day.", group(staying)),
    )
    .hint("A warm lane's reputation covers the volume it usually sends, and mailbox providers throttle a sudden multiple of it: move the journeys in smaller migrations a week or more apart, so the lane's volume at most doubles at each step.")
}

/// The lane is marked warm but the plan routes no other mail to it; the
/// fix treats it as new and warms it up from the move's first day.
fn warm_in_name(
    m: &Migration,
    (path, split): (String, &Split),
    lane: &Lane,
    moves: &str,
) -> Diagnostic {
    let (preset, warm_up) = warm_up(m, lane, Some(split));
    let mut edits = vec![Edit::Lane {
        lane: lane.id.clone(),
        set: LaneField::Status(LaneStatus::New),
    }];
    edits.extend(warm_up);
    Diagnostic::info(
        "lint.migration_at_once",
        path,
        format!("{moves}. The lane is marked warm but sends no other mail in this plan."),
    )
    .hint("If the lane already sends this much outside the plan, nothing needs to change. If it is warm in name only, mark it new and warm it up, so the move ramps.")
    .fix(format!("Mark {} new and plan the {} warm-up", lane.name, preset.label()), edits)
}

/// The edits that give `lane` the warm-up schedule its provider publishes
/// (or Braze's moderate one), from the move's first day when it has one,
/// to the lane's busiest day once the move is done, as its peak checks
/// count it: a one-off's send on its date, not added to a usual day.
fn warm_up(m: &Migration, lane: &Lane, split: Option<&Split>) -> (WarmupPreset, Vec<Edit>) {
    let preset = WarmupPreset::for_provider(lane.smtp.provider);
    let set = |set| Edit::Warmup {
        lane: lane.id.clone(),
        set,
    };
    let mut edits = vec![set(WarmupField::Preset(Some(preset)))];
    if !m.start_date.trim().is_empty() {
        edits.push(set(WarmupField::StartDate(m.start_date.clone())));
    }
    // The busiest day of the calendar the fix sets up: a one-off dated
    // outside it is on none of its days.
    let calendar = WarmupPlan {
        start_date: m.start_date.clone(),
        ..WarmupPlan::default()
    };
    let peak = split.map_or(0, |s| {
        (s.moved.moving.and(&s.moved.staying)).peak_for(&calendar)
    });
    if peak > 0 {
        let peak = crate::plan::ranges::Fitted::warmup_volume(peak).value;
        edits.push(set(WarmupField::TargetVolume(peak)));
    }
    (preset, edits)
}
