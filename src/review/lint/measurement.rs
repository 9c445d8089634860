//! Measurement: a lane without thresholds to be judged against, and seed
//! tests that found a placement problem.

use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, SeedField, ThresholdField};
use crate::plan::model::{Plan, SeedTest};

/// "Routing without measurement": a lane without thresholds has nothing to
/// be judged against.
pub(super) fn monitoring(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for lane in &plan.lanes {
        if !plan.monitoring.thresholds.iter().any(|t| t.lane == lane.id) {
            out.push(
                Diagnostic::warning(
                    "lint.no_thresholds",
                    "$.monitoring.thresholds",
                    format!("{} has no monitoring thresholds, so nothing says when its complaints or bounces need action.", lane.name),
                )
                .hint("Set complaint, bounce and delivery thresholds for the lane on the Checklist tab.")
                .fix(
                    "Use the reference thresholds",
                    vec![Edit::Threshold {
                        lane: lane.id.clone(),
                        set: ThresholdField::Reset,
                    }],
                ),
            );
        }
    }
}

/// Share of seed-list results that reached the inbox, below which a lane
/// has a placement problem.
pub const SEED_INBOX_MIN_PERCENT: u32 = 80;

/// The date of a lane's latest seed tests with results: placement fixed
/// since an older test, or broken since, is what the lane shows now. `None`
/// when no such test has a valid date, and then every test counts.
pub fn latest_seed_date<'a>(plan: &'a Plan, lane: &str) -> Option<&'a str> {
    use crate::plan::model::Placement;
    // A test just added, with no result yet, says nothing about the lane.
    let has_results = |s: &SeedTest| {
        [s.gmail, s.yahoo, s.outlook]
            .iter()
            .any(|p| *p != Placement::NotTested)
    };
    (plan.checklist.seeds.iter())
        .filter(|s| s.lane == lane && crate::units::is_iso_date(s.date.trim()) && has_results(s))
        .map(|s| s.date.trim())
        .max()
}

/// Whether a seed test is one of `lane`'s latest: of `latest_seed_date`,
/// or any of the lane's when none has a date. The rate, its finding and the
/// checklist item judge these alone.
pub fn is_latest_seed<'a>(plan: &'a Plan, lane: &'a str) -> impl Fn(&SeedTest) -> bool + 'a {
    let latest = latest_seed_date(plan, lane);
    move |s| s.lane == lane && latest.is_none_or(|d| s.date.trim() == d)
}

/// Seed results in the inbox (a tab counts) out of those tested, per lane,
/// in its latest tests.
pub fn seed_inbox(plan: &Plan, lane: &str) -> (u32, u32) {
    use crate::plan::model::Placement;
    let current = is_latest_seed(plan, lane);
    let mut inbox = 0;
    let mut tested = 0;
    for seed in plan.checklist.seeds.iter().filter(|s| current(s)) {
        for placement in [seed.gmail, seed.yahoo, seed.outlook] {
            if placement != Placement::NotTested {
                tested += 1;
                inbox += u32::from(matches!(placement, Placement::Inbox | Placement::Tab));
            }
        }
    }
    (inbox, tested)
}

pub(super) fn seeds(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for lane in &plan.lanes {
        let (inbox, tested) = seed_inbox(plan, &lane.id);
        if tested > 0 && inbox * 100 < SEED_INBOX_MIN_PERCENT * tested {
            let when =
                latest_seed_date(plan, &lane.id).map_or(String::new(), |d| format!(" on {d}"));
            out.push(
                Diagnostic::warning(
                    "lint.seed_inbox_rate",
                    first_missed(plan, &lane.id),
                    format!("{} reached the inbox in {inbox} of {tested} results of its latest seed test{when} ({}%), under {SEED_INBOX_MIN_PERCENT}%.", lane.name, crate::units::percent_of(inbox.into(), tested.into())),
                )
                .hint("Check the lane's authentication and content, send only to engaged recipients for a while, and test again."),
            );
        }
    }
}

/// The first result of `lane`'s latest seed tests that missed the inbox,
/// as a path to its field: the result to look into, whose select Open
/// lands on.
fn first_missed(plan: &Plan, lane: &str) -> String {
    use crate::plan::model::Placement;
    let current = is_latest_seed(plan, lane);
    let missed =
        |p: Placement| !matches!(p, Placement::NotTested | Placement::Inbox | Placement::Tab);
    (plan.checklist.seeds.iter().enumerate())
        .filter(|(_, s)| current(s))
        .find_map(|(i, s)| {
            let results = [
                ("gmail", s.gmail),
                ("yahoo", s.yahoo),
                ("outlook", s.outlook),
            ];
            let (field, _) = results.into_iter().find(|(_, p)| missed(*p))?;
            Some(format!("$.checklist.seeds[{i}].{field}"))
        })
        .unwrap_or_else(|| "$.checklist.seeds".to_string())
}

/// Seed tests dated after `today`: the latest test is the lane's placement
/// now, so a mistyped year would hide every later result.
pub fn future_seeds(plan: &Plan, today: chrono::NaiveDate) -> Vec<Diagnostic> {
    let today = today.to_string();
    (plan.checklist.seeds.iter().enumerate())
        .filter(|(_, s)| crate::units::is_iso_date(s.date.trim()) && s.date.trim() > today.as_str())
        .map(|(index, s)| {
            Diagnostic::warning(
                "lint.seed_future",
                format!("$.checklist.seeds[{index}].date"),
                format!("A seed test of {} is dated {}, after today, so it counts as the lane's latest placement and hides any test since.", plan.lane_name(&s.lane), s.date.trim()),
            )
            .hint("Correct the test's date.")
            .fix(
                format!("Date it today, {today}"),
                vec![Edit::Seed {
                    seed: s.id.clone(),
                    set: SeedField::Date(today.clone()),
                }],
            )
        })
        .collect()
}
