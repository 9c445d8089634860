//! How late deferred mail goes out: each cohort's backlog kept by the day
//! its mail was wanted, sent oldest first, so the warm-up calendar and the
//! simulator can say how long the mail they send late has waited.

use std::collections::VecDeque;

use chrono::NaiveDate;

/// Deferred mail by cohort, each part with the day it was wanted, oldest
/// first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ages {
    queues: [VecDeque<(NaiveDate, f64)>; 4],
}

/// A share of a message small enough to be rounding, not mail.
const TINY: f64 = 1e-9;

impl Ages {
    /// Notes the backlog after `on`: what it holds beyond the mail already
    /// waiting was wanted on `on`. A cohort left empty forgets its parts,
    /// so rounding never keeps a date alive.
    pub fn keep(&mut self, on: NaiveDate, backlog: [f64; 4]) {
        for (queue, volume) in self.queues.iter_mut().zip(backlog) {
            let waiting: f64 = queue.iter().map(|part| part.1).sum();
            if volume <= TINY {
                queue.clear();
            } else if volume - waiting > TINY * volume.max(1.0) {
                queue.push_back((on, volume - waiting));
            }
        }
    }

    /// Sends `sent` of the waiting mail on `on`, each cohort's oldest
    /// first; returns the most days any of it waited (0 if none is sent).
    pub fn send(&mut self, on: NaiveDate, sent: [f64; 4]) -> u32 {
        let mut most = 0;
        for (queue, volume) in self.queues.iter_mut().zip(sent) {
            let mut left = volume;
            while left > TINY * volume.max(1.0) {
                let Some(oldest) = queue.front_mut() else {
                    break;
                };
                most = most.max(days_between(oldest.0, on));
                if oldest.1 <= left + TINY * oldest.1.max(1.0) {
                    left -= oldest.1;
                    queue.pop_front();
                } else {
                    oldest.1 -= left;
                    left = 0.0;
                }
            }
        }
        most
    }
}

/// Whole days from `from` to `to`; 0 if `to` is not later.
fn days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    u32::try_from((to - from).num_days()).unwrap_or(0)
}
