//! What of a Customer.io plan's routing keeps it from being built, which
//! the fixes of the rule list and of journeys that fall through are held
//! to: a fix may not make it worse.

use crate::plan::model::{Plan, Platform, TriggerKind};

use super::Route;

/// What of a Customer.io plan's routing keeps it from being built, as far
/// as routing can tell: the trigger kinds (each its mail's message type)
/// sent through more than one lane, transactional API mail off the All
/// Emails lane the plan names, and the servers its types need.
#[derive(Clone, Copy)]
pub(super) struct Types {
    /// The kinds on more than one lane, by `TriggerKind::index`.
    split: u32,
    api_off: bool,
    servers: u32,
}

impl Types {
    pub(super) fn of<'a>(plan: &'a Plan, routes: &'a [Route]) -> Types {
        Types::of_lanes(plan, routes.iter().map(|r| r.lane_id.as_deref()))
    }

    /// `of`, for routing that puts each journey, in plan order, on `lanes`.
    pub(super) fn of_lanes<'a>(
        plan: &'a Plan,
        lanes: impl Iterator<Item = Option<&'a str>>,
    ) -> Types {
        let mut placed: Vec<(u32, &str)> = (plan.journeys.iter().zip(lanes))
            .filter_map(|(j, lane)| Some((j.trigger.kind().index(), lane?)))
            .collect();
        placed.sort_unstable();
        placed.dedup();
        let api = TriggerKind::TransactionalApi.index();
        let named = (plan.platform.all_emails_lane.as_deref()).filter(|l| plan.lane(l).is_some());
        let all_emails = named.or_else(|| placed.iter().find(|p| p.0 == api).map(|p| p.1));
        let mut split = 0;
        for pair in placed.windows(2).filter(|w| w[0].0 == w[1].0) {
            split |= 1 << pair[0].0;
        }
        Types {
            split,
            api_off: named.is_some() && placed.iter().any(|p| p.0 == api && Some(p.1) != named),
            servers: 1
                + (placed.iter())
                    .filter(|p| p.0 != api && Some(p.1) != all_emails)
                    .count() as u32,
        }
    }

    /// Whether `self`, the routing after a fix, brings no obstacle the
    /// routing before it, `before`, lacked.
    pub(super) fn no_worse_than(self, before: Types) -> bool {
        let most = Platform::CustomerIo.most_servers();
        self.split & !before.split == 0
            && (!self.api_off || before.api_off)
            && (self.servers <= most || self.servers <= before.servers)
    }
}
