//! A cadence change that can be taken back: the send day a one-off or a
//! daily journey has no use for, and the date only a one-off has, are set
//! aside rather than kept in the plan, where they would be unused fields
//! (a date left on a weekly journey is a finding). The journeys page keeps
//! them for each journey while the plan is open, and its cadence edits
//! carry them, to come back with the cadence that uses them.

use super::JourneyField;
use crate::plan::model::{Cadence, Journey, Trigger, Weekday};

/// A scheduled journey's send day and date as last set, and the cadence it
/// had before it became a one-off, while it still is one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetAside {
    /// The send day of the last cadence that had one; `None` for mail
    /// spread over every day.
    pub send_day: Option<Weekday>,
    /// The last one-off date.
    pub send_date: Option<String>,
    /// The cadence the journey had before it was changed to a one-off.
    pub once_from: Option<Cadence>,
    /// The cadence last noted; daily for another trigger, whose volume is
    /// a day's.
    last: Option<Cadence>,
}

/// Whether a cadence sends on a day of the week.
fn has_send_day(cadence: Cadence) -> bool {
    !matches!(cadence, Cadence::Daily | Cadence::OneOff)
}

impl SetAside {
    /// Notes the journey's trigger as it is now.
    pub fn note(&mut self, trigger: &Trigger) {
        let Trigger::Scheduled {
            cadence,
            send_day,
            send_date,
        } = trigger
        else {
            // Other triggers count their volume a day, as a daily cadence
            // does: made a one-off again, the number means the whole send.
            (self.once_from, self.last) = (None, Some(Cadence::Daily));
            return;
        };
        if has_send_day(*cadence) {
            self.send_day = *send_day;
        }
        if *cadence == Cadence::OneOff {
            self.send_date = send_date.clone();
            if let Some(before) = self.last.filter(|c| *c != Cadence::OneOff) {
                self.once_from = Some(before);
            }
        } else {
            self.once_from = None;
        }
        self.last = Some(*cadence);
    }

    /// The edit that changes a journey's cadence to `to`, carrying what is
    /// set aside: the reducer brings the send day or date back when `to`
    /// uses it, so weekly on Tuesdays, then once, then weekly again is on
    /// Tuesdays.
    pub fn cadence(&self, to: Cadence) -> JourneyField {
        JourneyField::CadenceWith {
            cadence: to,
            send_day: self.send_day,
            send_date: self.send_date.clone(),
        }
    }
}

/// Changes a scheduled trigger's cadence to `to`. The send day and date it
/// has stay when `to` uses them; when it has none, `day` and `date`, set
/// aside earlier, come back; what `to` does not use goes. Merged with the
/// trigger as it is when the edit applies, so a send day chosen just
/// before is never lost. Other triggers have no cadence to change.
pub(super) fn change_cadence(
    trigger: &mut Trigger,
    to: Cadence,
    day: Option<Weekday>,
    date: Option<String>,
) {
    let Trigger::Scheduled {
        cadence,
        send_day,
        send_date,
    } = trigger
    else {
        return;
    };
    *send_day = match (has_send_day(to), has_send_day(*cadence)) {
        (false, _) => None,
        (true, true) => *send_day,
        (true, false) => day,
    };
    *send_date = match (to, *cadence) {
        (Cadence::OneOff, Cadence::OneOff) => send_date.take(),
        (Cadence::OneOff, _) => date,
        _ => None,
    };
    *cadence = to;
}

/// What the volume of `journey` means once it has been changed to a
/// one-off from cadence `once_from`, said while it is one: the number is
/// kept, and now counts the whole send rather than a day's mail.
pub fn once_note(journey: &Journey, once_from: Option<Cadence>) -> Option<String> {
    once_from.filter(|_| journey.is_one_off())?;
    Some(format!(
        "The volume is now the whole send: {}.",
        journey.volume_cell()
    ))
}
