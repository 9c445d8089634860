//! Engagement cohorts: which cohort a journey's recipients are in, and how
//! far a lane's engagement filter lets its mail reach.

use crate::plan::model::{Audience, EngagementFilter, Journey, Trigger};

/// The engagement cohort of a journey's recipients. Mail the recipient's
/// own action starts (a tracked event such as a cart, or a transactional
/// message such as a receipt) reaches someone who engaged moments ago, so
/// it is in the 30-day cohort whatever the journey's audience filter;
/// promotions and mail to a segment or on a schedule reach their audience.
pub fn recipient_cohort(journey: &Journey) -> usize {
    let own_action = matches!(
        journey.trigger,
        Trigger::Event { .. } | Trigger::TransactionalApi { .. }
    );
    if own_action && !journey.intent.is_promotional() {
        0
    } else {
        cohort(journey.audience)
    }
}

/// The least engaged cohort a lane's engagement filter lets its mail
/// reach: people who opened, clicked or bought within 30, 60 or 90 days,
/// or anyone. A predicted intent segment is taken to reach as far as 60
/// days of engagement: predictions rank recent engagers highest, but also
/// score people by purchases and browsing.
pub fn filter_cohort(filter: &EngagementFilter) -> usize {
    match filter {
        EngagementFilter::None => 3,
        EngagementFilter::PredictedIntent => 1,
        EngagementFilter::EngagedWithin { days } | EngagementFilter::PurchasedWithin { days } => {
            match days {
                0..=30 => 0,
                31..=60 => 1,
                61..=90 => 2,
                _ => 3,
            }
        }
    }
}

/// The index of a cohort in per-cohort arrays, most engaged first.
pub fn cohort(audience: Audience) -> usize {
    match audience {
        Audience::Engaged30 => 0,
        Audience::Engaged60 => 1,
        Audience::Engaged90 => 2,
        Audience::All => 3,
    }
}
