//! Plans of moves for tests that read a migration's split and its pages.

// Each test crate uses what it needs of it.
#![allow(dead_code)]

use switchyard::plan::model::{
    Lane, Migration, Overflow, Plan, Provider, Purpose, Smtp, WarmupPlan, WarmupPreset,
};
use switchyard::plan::sample::sample_plan;

/// The sample's promotional lane, warming on weekdays and skipping
/// 2027-10-11, moving whole from `start` to a new SES lane that warms every
/// day from then; the old lane's overflow is `overflow`.
pub fn promotions_to_a_new_lane(start: &str, overflow: Overflow) -> Plan {
    let mut plan = sample_plan();
    let mut lane = Lane::new("promo-ses", "Promotions on SES", Purpose::Promotional);
    lane.smtp = Smtp::from_preset(Provider::AmazonSes);
    lane.sending_domain = "news2.fernleafcoffee.com".into();
    lane.from_address = "news@news2.fernleafcoffee.com".into();
    lane.from_name = "Fernleaf Coffee".into();
    lane.warmup = Some(WarmupPlan {
        preset: WarmupPreset::BrazeModerate,
        start_date: start.into(),
        ..WarmupPlan::default()
    });
    plan.lanes.push(lane);
    plan.lanes[2].warmup.as_mut().unwrap().overflow = overflow;
    plan.migrations.push(Migration {
        start_date: start.into(),
        ..Migration::new("promo-move", "promotional", "promo-ses")
    });
    plan
}
