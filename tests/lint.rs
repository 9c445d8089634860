//! Plan lint: for each common mistake, a plan that makes it and the sample,
//! which does not.

use switchyard::plan::diagnostic::{Diagnostic, Fix, Severity};
use switchyard::plan::edit::{edit_plan, Edit, JourneyField, LaneField};
use switchyard::plan::model::*;
use switchyard::plan::routing::route;
use switchyard::plan::sample::sample_plan;
use switchyard::plan::state::{apply, Action, PlannerState};
use switchyard::plan::validate::validate;
use switchyard::review::lint::{lint, standard_preferences};
use switchyard::warmup::calendar::Wanted;

fn codes(plan: &Plan) -> Vec<String> {
    lint(plan, &route(plan))
        .into_iter()
        .map(|d| d.code.to_string())
        .collect()
}

fn journey(plan: &Plan, id: &str) -> usize {
    plan.journeys.iter().position(|j| j.id == id).unwrap()
}

/// Cart recovery's events arrive up to `minutes` late.
fn late_cart_events(plan: &mut Plan, minutes: u32) {
    let i = journey(plan, "cart-recovery");
    if let Trigger::Event {
        latency_minutes, ..
    } = &mut plan.journeys[i].trigger
    {
        *latency_minutes = minutes;
    }
}

/// The weekly promotion and the newsletter sent on these days.
fn send_on(plan: &mut Plan, promo: Weekday, newsletter: Weekday) {
    for (id, day) in [("weekly-promo", promo), ("newsletter", newsletter)] {
        let i = journey(plan, id);
        if let Trigger::Scheduled { send_day, .. } = &mut plan.journeys[i].trigger {
            *send_day = Some(day);
        }
    }
}

#[test]
fn a_missed_peak_says_by_how_much_and_when_to_start() {
    let mut plan = sample_plan();
    plan.lanes[2].warmup.as_mut().unwrap().start_date = "2027-11-20".into();
    let found = lint(&plan, &route(&plan));
    let missed = found
        .iter()
        .find(|d| d.code == "warmup.peak_missed")
        .unwrap();
    assert_eq!(missed.path, "$.lanes[2].warmup.target_date");
    assert!(
        missed
            .message
            .starts_with("The warm-up of Promotional reaches only "),
        "{}",
        missed.message
    );
    assert!(missed
        .message
        .ends_with(" a day by its peak on 2027-11-26, short of the 60,000 it needs that day."));
    assert!(missed.hint.starts_with("Start the warm-up by 2027-"));
    // A peak past the calendar's reach is validation's to say, not this.
    plan.lanes[2].warmup.as_mut().unwrap().target_date = "2029-11-23".into();
    assert!(codes(&plan).iter().all(|c| c != "warmup.peak_missed"));
}

#[test]
fn a_ramp_that_ends_below_the_peak_does_not_reach_it() {
    // Amazon SES's ramp ends far below a peak of 140,000: the calendar
    // calls the lane warm when it ends, but that does not carry the peak.
    let mut plan = sample_plan();
    let w = plan.lanes[2].warmup.as_mut().unwrap();
    w.preset = WarmupPreset::AmazonSes;
    w.target_volume = 140_000;
    let w = w.clone();
    let top = switchyard::warmup::calendar::top(&w).expect("the ramp ends");
    assert!(top < 140_000);
    let routing = route(&plan);
    let wanted = switchyard::warmup::calendar::Wanted::of_lane(&plan, &routing, "promotional");
    let cal = switchyard::warmup::calendar::calendar(&w, &wanted, 400).unwrap();
    assert_eq!((cal.reaches_target, cal.tops_out), (Some(false), Some(top)));
    assert_eq!(cal.latest_start, None, "no start reaches it");
    let warm = cal
        .days
        .iter()
        .find(|d| Some(&d.date) == cal.warm_on.as_ref())
        .unwrap();
    assert!(warm.note.starts_with("The ramp ends at "), "{}", warm.note);
    // Problems says so, with a custom ramp that climbs all the way.
    let found = lint(&plan, &routing);
    let missed = found
        .iter()
        .find(|d| d.code == "warmup.peak_missed")
        .unwrap();
    assert!(
        missed.hint.starts_with("The ramp ends at "),
        "{}",
        missed.hint
    );
    let fix = missed.fix.clone().expect("a fix");
    assert!(
        fix.label.starts_with("Use a custom ramp up to 140,000"),
        "{}",
        fix.label
    );
    edit_plan(&mut plan, Edit::Many(fix.edits));
    let after = lint(&plan, &route(&plan));
    assert!(
        !after
            .iter()
            .any(|d| d.code == missed.code && d.path == missed.path),
        "{after:#?}"
    );
    assert_eq!(
        plan.lanes[2].warmup.as_ref().unwrap().preset,
        WarmupPreset::Custom
    );
}

#[test]
fn replies_land_where_a_mailbox_is() {
    // A pasted MX record for the From domain receives them.
    let mut plan = sample_plan();
    plan.lanes[1].reply_to.clear();
    let domain = plan.lanes[1]
        .from_address
        .split('@')
        .nth(1)
        .unwrap()
        .to_string();
    assert!(codes(&plan).contains(&"lint.replies_bounce".to_string()));
    plan.existing_records = format!("{domain}. 300 IN MX 10 mx.example.net.\n");
    assert!(!codes(&plan).contains(&"lint.replies_bounce".to_string()));
    // A null MX (RFC 7505) takes none.
    plan.existing_records = format!("{domain}. 300 IN MX 0 .\n");
    assert!(codes(&plan).contains(&"lint.replies_bounce".to_string()));
    // A From address at the primary domain reaches the company's mailboxes.
    plan.existing_records.clear();
    plan.lanes[1].from_address = "hello@fernleafcoffee.com".into();
    assert!(!codes(&plan).contains(&"lint.replies_bounce".to_string()));
}

#[test]
fn the_sample_plan_is_clean() {
    assert_eq!(codes(&sample_plan()), Vec::<String>::new());
}

/// Every finding about the plan: validation, routing and lint.
fn all_findings(plan: &Plan) -> Vec<Diagnostic> {
    let routing = route(plan);
    let mut all = validate(plan);
    all.extend(routing.diagnostics.iter().cloned());
    all.extend(lint(plan, &routing));
    all
}

type Break = fn(&mut Plan);

/// (code, how to make the mistake, whether the finding offers a fix).
fn cases() -> Vec<(&'static str, Break, bool)> {
    vec![
        (
            // A custom ramp that starts at more than the lane ever sends.
            "warmup.no_ramp",
            |p| {
                let w = p.lanes[2].warmup.as_mut().unwrap();
                w.preset = WarmupPreset::Custom;
                w.custom.start_volume = 1_000_000;
                w.custom.growth_percent = 30;
            },
            true,
        ),
        (
            // A custom ramp that grows by 0%.
            "warmup.custom_flat",
            |p| {
                let w = p.lanes[2].warmup.as_mut().unwrap();
                w.preset = WarmupPreset::Custom;
                w.custom.growth_percent = 0;
            },
            true,
        ),
        (
            // A second lane called as the first is, in other capitals.
            "plan.duplicate_name",
            |p| p.lanes[1].name = p.lanes[0].name.to_uppercase(),
            true,
        ),
        (
            // A rule naming a lane by an id the plan does not have.
            "plan.dangling_lane",
            |p| p.rules[3].lane = "promo".into(),
            true,
        ),
        (
            // Signing with the provider's domain.
            "lane.dkim_outside",
            |p| p.lanes[1].dkim_domain = "sendgrid.net".into(),
            true,
        ),
        (
            // The From address on another organisation's domain.
            "lane.from_outside_domain",
            |p| p.lanes[2].from_address = "news@other.com".into(),
            true,
        ),
        (
            // A promotion of 200,000 a day on SES's ramp, which ends far below.
            "warmup.ramp_short",
            |p| {
                let i = journey(p, "weekly-promo");
                p.journeys[i].daily_volume = 200_000;
                let w = p.lanes[2].warmup.as_mut().unwrap();
                w.preset = WarmupPreset::AmazonSes;
                w.target_date.clear();
            },
            true,
        ),
        (
            // Revenue flows warming up, deferring cart recovery, beside an
            // established promotional lane to spill into.
            "warmup.defers_urgent",
            |p| {
                let mut w = p.lanes[2].warmup.clone().unwrap();
                w.overflow = Overflow::Defer;
                w.target_date.clear();
                p.lanes[1].status = LaneStatus::Warming;
                p.lanes[1].warmup = Some(w);
                p.lanes[2].status = LaneStatus::Warm;
                p.lanes[2].warmup = None;
            },
            true,
        ),
        (
            // Revenue flows warming on weekdays only: a cart left on
            // Saturday gets its reminder on Monday, or never.
            "warmup.urgent_off_days",
            |p| {
                let mut w = p.lanes[2].warmup.clone().unwrap();
                w.overflow = Overflow::Spill;
                w.spill_lane = Some("promotional".into());
                w.sending_weekdays = vec![1, 2, 3, 4, 5];
                w.target_date.clear();
                p.lanes[1].status = LaneStatus::Warming;
                p.lanes[1].warmup = Some(w);
                p.lanes[2].status = LaneStatus::Warm;
                p.lanes[2].warmup = None;
            },
            true,
        ),
        (
            // Promotions warming up spill into the lane of cart recovery.
            "warmup.spill_onto_recovery",
            |p| {
                let w = p.lanes[2].warmup.as_mut().unwrap();
                w.overflow = Overflow::Spill;
                w.spill_lane = Some("revenue-flows".into());
            },
            true,
        ),
        (
            // Receipts warming up spill into the lane of promotions.
            "warmup.spill_onto_promotions",
            |p| {
                let mut w = p.lanes[2].warmup.clone().unwrap();
                w.overflow = Overflow::Spill;
                w.spill_lane = Some("promotional".into());
                p.lanes[0].status = LaneStatus::Warming;
                p.lanes[0].warmup = Some(w);
            },
            true,
        ),
        (
            // The winback rides a lane still warming up.
            "lint.winback_while_warming",
            |p| p.lanes[1].status = LaneStatus::Warming,
            false,
        ),
        (
            // Browse abandonment to everyone at 40,000 a day.
            "lint.money_lane_too_big",
            |p| {
                let i = journey(p, "browse-abandonment");
                p.journeys[i].daily_volume = 40_000;
            },
            false,
        ),
        (
            // A peak of 100 a day below the 27,000 the lane's journeys send.
            "warmup.peak_below_mail",
            |p| p.lanes[2].warmup.as_mut().unwrap().target_volume = 100,
            true,
        ),
        (
            "lint.promos_with_recovery",
            |p| {
                let i = journey(p, "weekly-promo");
                p.journeys[i].lane_override = Some("revenue-flows".into());
            },
            true,
        ),
        (
            // Revenue flows moved onto the promotional lane's domain.
            "lint.shared_domain",
            |p| p.lanes[1].sending_domain = p.lanes[2].sending_domain.clone(),
            true,
        ),
        (
            "lint.transactional_on_marketing",
            |p| {
                let i = journey(p, "order-confirmation");
                p.journeys[i].lane_override = Some("promotional".into());
            },
            true,
        ),
        (
            "lint.marketing_on_transactional",
            |p| {
                let i = journey(p, "weekly-promo");
                p.journeys[i].lane_override = Some("transactional".into());
            },
            true,
        ),
        (
            "lint.clean_lane_too_big",
            |p| {
                let i = journey(p, "order-confirmation");
                p.journeys[i].daily_volume = 40_000;
            },
            false,
        ),
        (
            "lint.clean_lane_too_big",
            |p| {
                // Marketing on the clean lane makes it big; the fix moves it out.
                let i = journey(p, "weekly-promo");
                p.journeys[i].lane_override = Some("transactional".into());
            },
            true,
        ),
        (
            "lint.promo_without_filter",
            |p| {
                p.lanes[2].engagement_filter = EngagementFilter::None;
            },
            true,
        ),
        (
            // Started six days before Black Friday, the ramp is still low.
            "warmup.peak_missed",
            |p| p.lanes[2].warmup.as_mut().unwrap().start_date = "2027-11-20".into(),
            true,
        ),
        (
            "lint.cold_audience_on_warming_lane",
            |p| {
                // Everyone, through a lane with no engagement filter.
                let i = journey(p, "weekly-promo");
                p.journeys[i].audience = Audience::All;
                p.lanes[2].engagement_filter = EngagementFilter::None;
            },
            true,
        ),
        (
            // Everyone, through a new lane that a scheduled migration moves
            // the journey onto.
            "lint.cold_audience_on_warming_lane",
            |p| {
                flows_move_to_a_new_lane(p);
                let i = journey(p, "replenishment");
                p.journeys[i].audience = Audience::All;
            },
            true,
        ),
        (
            // The warming promotional lane's mail, all of it scheduled,
            // sent on Tuesdays and every other Thursday.
            "lint.warming_between_sends",
            |p| send_on(p, Weekday::Tuesday, Weekday::Thursday),
            true,
        ),
        (
            // Sent on Saturdays and Sundays only, which the promotional
            // lane does not ramp on: its warm-up never advances.
            "lint.warming_between_sends",
            |p| send_on(p, Weekday::Saturday, Weekday::Sunday),
            true,
        ),
        (
            "lint.latency_over_delay",
            |p| late_cart_events(p, 240),
            true,
        ),
        (
            // A latency from a file too large for any wait: the finding
            // stands, with no wait to offer.
            "lint.latency_over_delay",
            |p| late_cart_events(p, u32::MAX),
            false,
        ),
        ("lint.no_fallback", |p| p.simulation.fallbacks.clear(), true),
        (
            "lint.paused_with_mail",
            |p| p.lanes[2].status = LaneStatus::Paused,
            false,
        ),
        (
            "lint.from_name",
            |p| p.lanes[1].from_name = "Deals Team".into(),
            true,
        ),
        (
            "lint.from_domain",
            |p| p.lanes[1].from_address = "hi@othershop.example".into(),
            true,
        ),
        (
            // The brand's domain changed under the lanes: each moves.
            "lint.from_domain",
            |p| p.brand.primary_domain = "fernleafroasters.com".into(),
            true,
        ),
        (
            "lint.outside_domain",
            |p| p.lanes[2].tracking_domain = "links.gmail.com".into(),
            true,
        ),
        (
            "lint.outside_domain",
            |p| p.lanes[1].return_path_domain = "bounce.other.example".into(),
            true,
        ),
        (
            // A lane sending from outside the brand's domain has no
            // subdomain of the brand's to offer.
            "lint.outside_domain",
            |p| {
                p.lanes[1].sending_domain = "mail.othershop.example".into();
                p.lanes[1].tracking_domain = "links.othershop.example".into();
            },
            false,
        ),
        (
            // No Reply-To on a subdomain that receives no mail: the fix
            // takes the address the other lanes use.
            "lint.replies_bounce",
            |p| p.lanes[1].reply_to.clear(),
            true,
        ),
        (
            // Every lane without one: nothing to copy, so no fix.
            "lint.replies_bounce",
            |p| p.lanes.iter_mut().for_each(|l| l.reply_to.clear()),
            false,
        ),
        (
            "lint.no_reply",
            |p| p.lanes[0].reply_to = "No-Reply+orders@fernleafcoffee.com".into(),
            true,
        ),
        (
            "lint.no_thresholds",
            |p| {
                p.monitoring.thresholds.remove(1);
            },
            true,
        ),
        (
            "lint.seed_inbox_rate",
            |p| {
                p.checklist.seeds[0].gmail = Placement::Spam;
                p.checklist.seeds[0].outlook = Placement::Missing;
            },
            false,
        ),
        (
            "lint.unsubscribe_suppresses_transactional",
            |p| {
                p.preferences.topics[2]
                    .suppresses
                    .insert(0, "transactional".into());
            },
            true,
        ),
        (
            "lint.topic_suppresses_nothing",
            |p| p.preferences.topics[1].suppresses.clear(),
            true,
        ),
        (
            "lint.no_topic_of_its_own",
            |p| {
                p.preferences.topics.remove(1);
            },
            true,
        ),
        (
            // Revenue flows sends a promotion, which leaving promotions
            // does not stop.
            "lint.topic_misses_lane_mail",
            |p| {
                let promo = p.journeys.iter_mut().find(|j| j.intent.is_broadcast());
                promo.unwrap().lane_override = Some("revenue-flows".into());
            },
            true,
        ),
        (
            "lint.no_preference_topics",
            |p| p.preferences.topics.clear(),
            true,
        ),
        (
            "lint.lane_not_suppressible",
            |p| {
                for topic in &mut p.preferences.topics {
                    topic.suppresses.retain(|l| l != "revenue-flows");
                }
            },
            true,
        ),
        (
            "lint.all_marketing_misses_lane",
            |p| {
                p.preferences.topics[2]
                    .suppresses
                    .retain(|l| l != "promotional")
            },
            true,
        ),
        (
            "lint.no_one_click",
            |p| p.preferences.one_click_lanes.retain(|l| l != "promotional"),
            true,
        ),
        (
            "lint.unsubscribe_slow",
            |p| p.preferences.processing_days = 10,
            true,
        ),
        (
            "routing.by_team",
            |p| p.rules[0].when.owning_teams = vec!["Lifecycle".into()],
            true,
        ),
        (
            // A rule above the broadcasts' that sends everything left to
            // the revenue lane: on Customer.io its fix moves it below them,
            // where deleting the broadcasts' rule was the fix before.
            "routing.rule_shadowed",
            |p| {
                let mut everything = p.rules[3].clone();
                everything.id = "everything".into();
                everything.name = "Everything".into();
                everything.when = Conditions::default();
                everything.lane = "revenue-flows".into();
                p.rules.insert(3, everything);
            },
            true,
        ),
        (
            // Cart and checkout recovery pinned to the transactional lane
            // leave the recovery rule routing nothing.
            "lint.rules_overridden",
            |p| {
                for j in p.journeys.iter_mut().filter(|j| j.intent.is_recovery()) {
                    j.lane_override = Some("transactional".into());
                }
            },
            true,
        ),
        ("warmup.missing", |p| p.lanes[2].warmup = None, true),
        (
            // A peak of a million a day on a lane whose busiest day is far
            // below it.
            "warmup.peak_above_mail",
            |p| p.lanes[2].warmup.as_mut().unwrap().target_volume = 1_000_000,
            true,
        ),
        (
            // A new lane's warm-up to a peak, with no mail routed to it.
            "warmup.peak_above_mail",
            |p| {
                edit_plan(p, Edit::AddLane(Purpose::Vip));
                let mut warm_up = p.lanes[2].warmup.clone().unwrap();
                warm_up.target_volume = 20_000;
                p.lanes[3].warmup = Some(warm_up);
            },
            true,
        ),
        (
            "lint.shift_onto_recovery",
            |p| shift(p, "promotional", "revenue-flows"),
            true,
        ),
        (
            "lint.shift_to_transactional",
            |p| shift(p, "promotional", "transactional"),
            true,
        ),
        (
            "lint.shift_to_transactional",
            |p| {
                second_promotional(p);
                shift(p, "promotional", "transactional");
            },
            true,
        ),
        (
            "lint.spill_to_transactional",
            |p| spill(p, "transactional"),
            true,
        ),
        (
            "simulation.shift_cold",
            |p| shift(p, "revenue-flows", "promotional"),
            true,
        ),
        (
            "warmup.spill_cold",
            |p| {
                second_promotional(p);
                p.lanes[3].status = LaneStatus::Paused;
                spill(p, "promotional-2");
            },
            true,
        ),
        (
            // Receipts on a new lane whose warm-up defers them, with no warm
            // lane to carry them meanwhile: they go out from the first day.
            "warmup.defers_urgent",
            |p| *p = receipts_alone(LaneStatus::New, WarmupPreset::SendgridAutomated, 500),
            true,
        ),
        (
            // A one-off sent before the simulation's first day, through a
            // lane already warming up then.
            "journey.send_date_outside",
            |p| {
                let i = journey(p, "weekly-promo");
                p.journeys[i].trigger = Trigger::Scheduled {
                    cadence: Cadence::OneOff,
                    send_day: None,
                    send_date: Some("2027-11-18".into()),
                };
                p.simulation.start_date = "2027-12-01".into();
            },
            true,
        ),
    ]
}

/// A fallback for `lane` that shifts its promotions to `to`.
fn shift(plan: &mut Plan, lane: &str, to: &str) {
    plan.simulation.fallbacks = vec![FallbackPlan {
        lane: lane.into(),
        action: FallbackAction::Shift,
        shift_lane: Some(to.into()),
    }];
}

/// The promotional lane's warm-up spills its overflow into `to`.
fn spill(plan: &mut Plan, to: &str) {
    let warmup = plan.lanes[2].warmup.as_mut().unwrap();
    warmup.overflow = Overflow::Spill;
    warmup.spill_lane = Some(to.into());
}

/// A second, warm promotional lane, "promotional-2", fourth in the plan.
fn second_promotional(plan: &mut Plan) {
    let mut lane = plan.lanes[2].clone();
    lane.id = "promotional-2".into();
    lane.name = "Older promotions".into();
    lane.status = LaneStatus::Warm;
    lane.warmup = None;
    plan.lanes.push(lane);
}

#[test]
fn promotions_and_overflow_go_to_a_warm_lane_not_the_transactional_one() {
    // (how, the code at the shift or spill lane, the fix it offers)
    let cases: [(Break, &str, &str); 8] = [
        (
            |p| shift(p, "promotional", "transactional"),
            "lint.shift_to_transactional",
            "Pause promotions instead",
        ),
        (
            |p| {
                second_promotional(p);
                shift(p, "promotional", "transactional");
            },
            "lint.shift_to_transactional",
            "Shift them to Older promotions",
        ),
        (
            |p| shift(p, "revenue-flows", "promotional"),
            "simulation.shift_cold",
            "Pause promotions instead",
        ),
        (
            |p| spill(p, "transactional"),
            "lint.spill_to_transactional",
            "Defer the overflow instead",
        ),
        (
            |p| {
                second_promotional(p);
                spill(p, "transactional");
            },
            "lint.spill_to_transactional",
            "Spill into Older promotions",
        ),
        // Promotions spilled onto cart recovery's lane.
        (
            |p| spill(p, "revenue-flows"),
            "warmup.spill_onto_recovery",
            "Defer the overflow instead",
        ),
        (
            |p| {
                second_promotional(p);
                spill(p, "revenue-flows");
            },
            "warmup.spill_onto_recovery",
            "Spill into Older promotions",
        ),
        (
            |p| {
                second_promotional(p);
                spill(p, "promotional-2");
            },
            "",
            "",
        ),
    ];
    for (make, code, label) in cases {
        let mut plan = sample_plan();
        make(&mut plan);
        let at = [
            "$.simulation.fallbacks[0].shift_lane",
            "$.lanes[2].warmup.spill_lane",
        ];
        let found: Vec<(String, String)> = all_findings(&plan)
            .into_iter()
            .filter(|d| at.contains(&d.path.as_str()))
            .map(|d| {
                (
                    d.code.to_string(),
                    d.fix.map(|f| f.label).unwrap_or_default(),
                )
            })
            .collect();
        let expected: Vec<(String, String)> = if code.is_empty() {
            vec![]
        } else {
            vec![(code.to_string(), label.to_string())]
        };
        assert_eq!(found, expected, "one finding for each lane it names");
    }
}

#[test]
fn each_mistake_is_found_with_its_place_and_hint() {
    for (code, make, has_fix) in cases() {
        let mut plan = sample_plan();
        make(&mut plan);
        let found = all_findings(&plan);
        let finding = found.iter().find(|d| d.code == code);
        assert!(
            finding.is_some(),
            "{code}: {:?}",
            found.iter().map(|d| &d.code).collect::<Vec<_>>()
        );
        let finding = finding.unwrap();
        assert!(
            finding.path.starts_with("$."),
            "{code} points into the plan"
        );
        assert!(!finding.hint.is_empty(), "{code} says how to fix it");
        assert_eq!(finding.fix.is_some(), has_fix, "{code}: fix offered");
    }
}

/// A finding's identity: its code and where it points, not its wording.
fn key(d: &Diagnostic) -> (String, String) {
    (d.code.to_string(), d.path.clone())
}

#[test]
fn every_fix_applies_and_clears_its_finding() {
    let mut fixed: Vec<String> = Vec::new();
    for (case, make, _) in cases() {
        let mut plan = sample_plan();
        make(&mut plan);
        let found = all_findings(&plan);
        let errors = found
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        for finding in found.iter().filter(|d| d.fix.is_some()) {
            let fix = finding.fix.as_ref().unwrap();
            let what = format!(
                "{case}: {} at {} ({:?})",
                finding.code, finding.path, fix.label
            );
            assert!(!fix.edits.is_empty(), "{what}: a fix edits the plan");
            assert_eq!(
                found.iter().filter(|d| key(d) == key(finding)).count(),
                1,
                "{what}: one finding per code and place, so clearing it means something"
            );
            // The fix travels as JSON to the page and back.
            let json = serde_json::to_string(fix).unwrap();
            assert_eq!(serde_json::from_str::<Fix>(&json).unwrap(), *fix, "{what}");
            // Applied as the fix button does: one edit, one undo step.
            let state = PlannerState::with_plans(vec![(plan.clone(), 1)], None);
            let next = apply(&state, Action::Edit(Edit::Many(fix.edits.clone())));
            assert_ne!(next.plan(), &plan, "{what}: the fix changes the plan");
            let after = all_findings(next.plan());
            let left: Vec<&str> = after
                .iter()
                .filter(|d| key(d) == key(finding))
                .map(|d| d.message.as_str())
                .collect();
            assert!(left.is_empty(), "{what}: still there: {left:?}");
            assert!(
                after
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count()
                    <= errors,
                "{what}: the fix adds no errors"
            );
            assert_eq!(
                apply(&next, Action::Undo).plan(),
                &plan,
                "{what}: one undo step"
            );
            // edit_plan is what the reducer runs: the same plan either way.
            let mut direct = plan.clone();
            for edit in &fix.edits {
                edit_plan(&mut direct, edit.clone());
            }
            assert_eq!(&direct, next.plan(), "{what}");
            fixed.push(finding.code.to_string());
        }
    }
    // Every code that offers a fix had it checked, validation's and
    // routing's included.
    let cases = cases();
    for (code, _, _) in &cases {
        let offers = cases.iter().any(|(c, _, has_fix)| c == code && *has_fix);
        assert_eq!(fixed.iter().any(|c| c == code), offers, "{code}");
    }
}

#[test]
fn a_fix_whose_target_is_gone_changes_nothing() {
    let plan = sample_plan();
    let fix = Fix {
        label: "Move it".into(),
        edits: vec![Edit::Journey {
            journey: "gone".into(),
            set: JourneyField::LaneOverride(Some("promotional".into())),
        }],
    };
    let mut after = plan.clone();
    edit_plan(&mut after, Edit::Many(fix.edits));
    assert_eq!(after, plan);
}

#[test]
fn a_fix_is_a_list_of_typed_edits() {
    let mut plan = sample_plan();
    plan.preferences.one_click_lanes.clear();
    let found = all_findings(&plan);
    let fixes: Vec<&Fix> = found
        .iter()
        .filter(|d| d.code == "lint.no_one_click")
        .filter_map(|d| d.fix.as_ref())
        .collect();
    assert_eq!(fixes.len(), 2, "one per marketing lane");
    assert_eq!(fixes[0].label, "Offer one-click unsubscribe");
    assert_eq!(
        fixes[0].edits,
        [Edit::SetOneClick {
            lane: "revenue-flows".into(),
            on: true
        }]
    );
}

#[test]
fn the_standard_topics_suppress_marketing_but_never_transactional_mail() {
    let plan = sample_plan();
    let standard = standard_preferences(&plan);
    let mut fixed = plan.clone();
    fixed.preferences = standard.clone();
    assert_eq!(codes(&fixed), Vec::<String>::new());
    assert!(standard
        .topics
        .iter()
        .all(|t| !t.suppresses.contains(&"transactional".to_string())));
    assert_eq!(standard.processing_days, 2);
}

#[test]
fn a_lane_named_with_a_final_s_is_not_written_with_s_apostrophe_s() {
    let mut plan = sample_plan();
    plan.lanes[1].from_name = "Flows".into();
    let found = lint(&plan, &route(&plan));
    let from = found.iter().find(|d| d.code == "lint.from_name").unwrap();
    assert!(
        from.message
            .starts_with("The From name “Flows” of Revenue flows does not include"),
        "{}",
        from.message
    );
}

/// Where a shared sending domain is reported and what its fix sets, for
/// plans that share one and plans that may.
#[test]
fn lanes_of_different_purposes_on_one_domain_are_told_apart() {
    let shared = |p: &mut Plan| p.lanes[1].sending_domain = p.lanes[2].sending_domain.clone();
    // (case, how the plan is made, the path reported and the domain the
    // fix sets, if any)
    type Reported = Option<(&'static str, &'static str)>;
    let cases: Vec<(&str, Break, Reported)> = vec![
        (
            "revenue flows moved onto the promotional domain: it is the one told",
            shared,
            Some(("$.lanes[1].sending_domain", "flows.fernleafcoffee.com")),
        ),
        (
            "promotional moved onto the revenue flows domain: it is the one told",
            |p| p.lanes[2].sending_domain = p.lanes[1].sending_domain.clone(),
            Some(("$.lanes[2].sending_domain", "mail.fernleafcoffee.com")),
        ),
        (
            "case and a final dot do not hide a shared domain",
            |p| p.lanes[1].sending_domain = "Mail.FernleafCoffee.com.".into(),
            Some(("$.lanes[1].sending_domain", "flows.fernleafcoffee.com")),
        ),
        (
            "two promotional lanes may share a domain",
            |p| {
                second_promotional(p);
            },
            None,
        ),
        (
            "a migration's two lanes may share a domain while the mail moves",
            |p| {
                p.lanes[1].sending_domain = p.lanes[2].sending_domain.clone();
                p.migrations
                    .push(Migration::new("m", "revenue-flows", "promotional"));
            },
            None,
        ),
    ];
    for (case, make, expected) in cases {
        let mut plan = sample_plan();
        make(&mut plan);
        let found: Vec<Diagnostic> = all_findings(&plan)
            .into_iter()
            .filter(|d| d.code == "lint.shared_domain")
            .collect();
        match expected {
            None => assert!(found.is_empty(), "{case}: {found:?}"),
            Some((path, domain)) => {
                assert_eq!(found.len(), 1, "{case}: {found:?}");
                assert_eq!(found[0].path, path, "{case}");
                let fix = found[0].fix.as_ref().expect("a fix");
                assert!(
                    fix.edits.iter().any(|e| matches!(e, Edit::Lane { set: LaneField::SendingDomain(d), .. } if d == domain)),
                    "{case}: {:?}",
                    fix.edits
                );
            }
        }
    }
}

#[test]
fn a_warming_lane_without_mail_on_any_ramp_day_never_warms() {
    // (send days, severity, what it says, whether the lane is still warming).
    let cases = [
        (
            Weekday::Tuesday,
            Weekday::Thursday,
            Severity::Warning,
            "want mail on 6 of its 20 ramp days",
            true,
        ),
        (
            Weekday::Saturday,
            Weekday::Sunday,
            Severity::Error,
            "never advances",
            true,
        ),
        // A warm lane has no ramp to hold.
        (
            Weekday::Saturday,
            Weekday::Sunday,
            Severity::Error,
            "",
            false,
        ),
    ];
    for (promo, newsletter, severity, says, warming) in cases {
        let mut plan = sample_plan();
        send_on(&mut plan, promo, newsletter);
        if !warming {
            plan.lanes[2].status = LaneStatus::Warm;
        }
        let found: Vec<Diagnostic> = lint(&plan, &route(&plan))
            .into_iter()
            .filter(|d| d.code == "lint.warming_between_sends")
            .collect();
        if !warming {
            assert!(found.is_empty(), "{found:?}");
            continue;
        }
        assert_eq!(found.len(), 1, "{promo:?}");
        assert_eq!(found[0].severity, severity);
        assert_eq!(found[0].path, "$.lanes[2].warmup");
        assert!(found[0].message.contains(says), "{}", found[0].message);
    }
}

#[test]
fn a_warming_lane_names_every_journey_that_mails_everyone_once() {
    // Revenue flows warming: cart and checkout recovery and the
    // post-purchase guide mail "everyone", but their recipients acted
    // moments ago; a replenishment segment of everyone does reach people
    // who have not engaged lately. Winback is told apart, below.
    let mut plan = sample_plan();
    plan.lanes[1].status = LaneStatus::Warming;
    let found = |plan: &Plan, code: &str| -> Vec<Diagnostic> {
        lint(plan, &route(plan))
            .into_iter()
            .filter(|d| d.code == code)
            .collect()
    };
    let cold = "lint.cold_audience_on_warming_lane";
    assert!(
        found(&plan, cold).is_empty(),
        "a winback mails the lapsed by design"
    );
    let r = journey(&plan, "replenishment");
    plan.journeys[r].audience = Audience::All;
    let one = found(&plan, cold);
    assert_eq!(one.len(), 1, "{one:?}");
    assert_eq!(
        one[0].message,
        "Replenishment reminder mails everyone through Revenue flows, which is still warming up."
    );
    // A journey without a name still reads as one.
    let name = std::mem::take(&mut plan.journeys[r].name);
    assert_eq!(
        found(&plan, cold)[0].message,
        "Unnamed journey mails everyone through Revenue flows, which is still warming up."
    );
    plan.journeys[r].name = name;
    // A journey that sends nothing yet reaches no one.
    let volume = std::mem::take(&mut plan.journeys[r].daily_volume);
    assert!(found(&plan, cold).is_empty());
    plan.journeys[r].daily_volume = volume;
    // A new lane has not started warming up.
    plan.lanes[1].status = LaneStatus::New;
    assert_eq!(
        found(&plan, cold)[0].message,
        "Replenishment reminder mails everyone through Revenue flows, which is new and not yet warmed up."
    );
    plan.lanes[1].status = LaneStatus::Warming;
    let p = journey(&plan, "post-purchase");
    plan.journeys[p].trigger = plan.journeys[r].trigger.clone();
    let both = found(&plan, cold);
    assert_eq!(both.len(), 1, "one finding for the lane");
    assert!(
        both[0]
            .message
            .contains(" and Replenishment reminder mail everyone"),
        "{}",
        both[0].message
    );
    let fix = both[0].fix.clone().expect("a fix");
    assert_eq!(fix.edits.len(), 2);
    edit_plan(&mut plan, Edit::Many(fix.edits));
    assert!(found(&plan, cold).is_empty());
    for (id, expected) in [
        ("replenishment", Audience::Engaged90),
        ("post-purchase", Audience::Engaged90),
        ("winback", Audience::All),
        ("cart-recovery", Audience::All),
    ] {
        assert_eq!(plan.journeys[journey(&plan, id)].audience, expected, "{id}");
    }
}

/// The revenue flows moving, from 2027-09-06, to a new lane of their kind,
/// “Flows on SES”, by “Flows to SES”; the new lane warms up on the
/// promotional lane's schedule.
fn flows_move_to_a_new_lane(plan: &mut Plan) {
    edit_plan(plan, Edit::AddLane(Purpose::RevenueFlows));
    let to = plan.lanes[3].id.clone();
    plan.lanes[3].name = "Flows on SES".into();
    plan.lanes[3].warmup = plan.lanes[2].warmup.clone();
    edit_plan(
        plan,
        Edit::AddMigration {
            from_lane: "revenue-flows".into(),
            to_lane: to,
        },
    );
    let m = plan.migrations.last_mut().unwrap();
    m.name = "Flows to SES".into();
    m.start_date = "2027-09-06".into();
}

#[test]
fn a_journey_a_migration_moves_onto_a_warming_lane_mails_through_it() {
    let cold = "lint.cold_audience_on_warming_lane";
    let found = |plan: &Plan| -> Vec<Diagnostic> {
        lint(plan, &route(plan))
            .into_iter()
            .filter(|d| d.code == cold)
            .collect()
    };
    let mut plan = sample_plan();
    flows_move_to_a_new_lane(&mut plan);
    let new_lane = plan.lanes[3].id.clone();
    assert!(found(&plan).is_empty(), "{:?}", found(&plan));
    // The replenishment reminder, routed to the warm revenue flows lane,
    // mails everyone; the move takes it onto the new lane.
    let r = journey(&plan, "replenishment");
    plan.journeys[r].audience = Audience::All;
    let one = found(&plan);
    assert_eq!(one.len(), 1, "{one:?}");
    assert_eq!(one[0].path, format!("$.journeys[{r}].audience"));
    assert_eq!(
        one[0].message,
        "Replenishment reminder mails everyone through Flows on SES, which is new and not yet warmed up. Flows to SES moves it there."
    );
    // A move not yet scheduled moves nothing yet.
    let mut unscheduled = plan.clone();
    unscheduled.migrations[0].start_date.clear();
    assert!(found(&unscheduled).is_empty());
    // A journey of its own is named first, and the moved one apart.
    let n = journey(&plan, "newsletter");
    plan.journeys[n].audience = Audience::All;
    plan.journeys[n].lane_override = Some(new_lane.clone());
    let both = found(&plan);
    assert_eq!(both.len(), 1, "one finding for the lane: {both:?}");
    assert_eq!(both[0].path, format!("$.journeys[{n}].audience"));
    assert_eq!(
        both[0].message,
        "Roaster's newsletter and Replenishment reminder mail everyone through Flows on SES, which is new and not yet warmed up. Flows to SES moves Replenishment reminder there."
    );
    // Its fix narrows both, and clears the finding.
    let mut fixed = plan.clone();
    edit_plan(&mut fixed, Edit::Many(both[0].fix.clone().unwrap().edits));
    assert!(found(&fixed).is_empty(), "{:?}", found(&fixed));
    for id in ["replenishment", "newsletter"] {
        let j = &fixed.journeys[journey(&fixed, id)];
        assert_eq!(j.audience, Audience::Engaged90, "{id}");
    }
    plan.journeys[n].lane_override = None;
    plan.journeys[n].audience = Audience::Engaged60;
    // A lane it leaves that is warming too names it, once: that finding's
    // fix narrows it on both lanes.
    let mut both_warming = plan.clone();
    both_warming.lanes[1].status = LaneStatus::Warming;
    let once = found(&both_warming);
    assert_eq!(once.len(), 1, "{once:?}");
    assert_eq!(
        once[0].message,
        "Replenishment reminder mails everyone through Revenue flows, which is still warming up."
    );
    // A move that starts earlier takes it elsewhere first, so this one
    // leaves it be; the promotional lane's filter keeps the unengaged out.
    let mut taken = plan.clone();
    taken.migrations.insert(
        0,
        Migration {
            name: "Replenishment to promotions".into(),
            start_date: "2027-08-02".into(),
            whole_lane: false,
            journeys: vec!["replenishment".into()],
            ..Migration::new("first", "revenue-flows", "promotional")
        },
    );
    assert!(found(&taken).is_empty(), "{:?}", found(&taken));
    // A one-off sent before the move starts goes out from the old lane.
    for (date, moves) in [("2027-09-01", false), ("2027-09-06", true)] {
        let mut once_off = plan.clone();
        once_off.journeys[r].trigger = Trigger::Scheduled {
            cadence: Cadence::OneOff,
            send_day: None,
            send_date: Some(date.into()),
        };
        assert_eq!(found(&once_off).len(), usize::from(moves), "{date}");
    }
}

#[test]
fn a_winback_on_a_lane_not_yet_warm_is_held_not_narrowed() {
    // (lane status, whether the winback is flagged)
    let cases = [
        (LaneStatus::New, true),
        (LaneStatus::Warming, true),
        (LaneStatus::Warm, false),
    ];
    for (status, flagged) in cases {
        let mut plan = sample_plan();
        plan.lanes[1].status = status;
        let found: Vec<Diagnostic> = lint(&plan, &route(&plan))
            .into_iter()
            .filter(|d| d.code == "lint.winback_while_warming")
            .collect();
        if !flagged {
            assert!(found.is_empty(), "{status:?}: {found:?}");
            continue;
        }
        assert_eq!(found.len(), 1, "{status:?}");
        let w = journey(&plan, "winback");
        // Placed at the journey's lane, which is what to change.
        assert_eq!(found[0].path, format!("$.journeys[{w}].lane_override"));
        assert_eq!(
            found[0].message,
            "Winback after 90 days mails lapsed subscribers through Revenue flows, which is not warm yet."
        );
        assert!(found[0].fix.is_none(), "no audience fix empties a winback");
    }
}

#[test]
fn a_missing_warm_up_is_fixed_with_the_providers_own_schedule() {
    // (provider, the schedule the fix plans)
    // (provider, the schedule the fix plans, what the label says after it)
    let cases = [
        (Provider::SendGrid, WarmupPreset::SendgridAutomated, ""),
        (Provider::AmazonSes, WarmupPreset::AmazonSes, ""),
        (Provider::SparkPost, WarmupPreset::Sparkpost, ""),
        (
            Provider::Postmark,
            WarmupPreset::BrazeModerate,
            ", a general schedule, as Postmark publishes none of its own",
        ),
        (
            Provider::Mailgun,
            WarmupPreset::BrazeModerate,
            ", a general schedule, as Mailgun publishes none of its own",
        ),
        (
            Provider::Custom,
            WarmupPreset::BrazeModerate,
            ", a general schedule",
        ),
    ];
    for (provider, preset, general) in cases {
        let mut plan = sample_plan();
        plan.lanes[1].status = LaneStatus::Warming;
        plan.lanes[1].warmup = None;
        plan.lanes[1].smtp.provider = provider;
        let found = all_findings(&plan);
        let missing = found
            .iter()
            .find(|d| d.code == "warmup.missing" && d.path == "$.lanes[1].warmup")
            .expect("the warming lane has no plan");
        let fix = missing.fix.clone().expect("a fix");
        // It aims for the lane's busiest day, so no warning of a missing
        // or low peak follows it.
        let routing = route(&plan);
        let busiest = Wanted::of_lane(&plan, &routing, "revenue-flows").peak();
        assert!(busiest > 0);
        let to = switchyard::units::group(busiest);
        assert_eq!(
            fix.label,
            format!("Plan a warm-up: {} to {to} a day{general}", preset.label())
        );
        edit_plan(&mut plan, Edit::Many(fix.edits));
        let planned = plan.lanes[1]
            .warmup
            .as_ref()
            .map(|w| (w.preset, w.target_volume));
        assert_eq!(planned, Some((preset, busiest)), "{provider:?}");
        assert_eq!(
            warm_up_warnings(&plan, 1),
            [] as [String; 0],
            "{provider:?}"
        );
    }
}

/// The codes of warnings and errors about lane `index`'s warm-up.
fn warm_up_warnings(plan: &Plan, index: usize) -> Vec<String> {
    (all_findings(plan).into_iter())
        .filter(|d| d.path.starts_with(&format!("$.lanes[{index}].warmup")))
        .filter(|d| d.severity != Severity::Info)
        .map(|d| d.code.to_string())
        .collect()
}

#[test]
fn a_missing_warm_up_beyond_the_providers_schedule_is_a_custom_ramp() {
    let mut plan = sample_plan();
    plan.lanes[1].status = LaneStatus::New;
    plan.lanes[1].warmup = None;
    plan.lanes[1].smtp.provider = Provider::AmazonSes;
    for journey in plan.journeys.iter_mut() {
        journey.daily_volume = journey.daily_volume.saturating_mul(40);
    }
    let routing = route(&plan);
    let busiest = Wanted::of_lane(&plan, &routing, "revenue-flows").peak();
    assert!(busiest > 50_000, "{busiest}");
    let fix = (all_findings(&plan).iter())
        .find(|d| d.code == "warmup.missing" && d.path == "$.lanes[1].warmup")
        .and_then(|d| d.fix.clone())
        .expect("a fix");
    let to = switchyard::units::group(busiest);
    assert_eq!(
        fix.label,
        format!("Plan a warm-up: a custom ramp to {to} a day, as Amazon SES (45-day ramp) stops at 50,000")
    );
    edit_plan(&mut plan, Edit::Many(fix.edits));
    let w = plan.lanes[1].warmup.as_ref().unwrap();
    assert_eq!(
        (w.preset, w.custom.cap, w.target_volume),
        (WarmupPreset::Custom, busiest, busiest)
    );
    assert_eq!(warm_up_warnings(&plan, 1), [] as [String; 0]);
}

#[test]
fn a_warm_up_without_a_peak_aims_for_the_lanes_busiest_day() {
    let mut plan = sample_plan();
    plan.lanes[2].warmup.as_mut().unwrap().target_volume = 0;
    let fix = (validate(&plan).iter())
        .find(|d| d.code == "warmup.target_volume")
        .and_then(|d| d.fix.clone())
        .expect("a fix");
    assert_eq!(fix.label, "Aim for 27,000 a day, the lane's busiest day");
    edit_plan(&mut plan, Edit::Many(fix.edits));
    assert_eq!(plan.lanes[2].warmup.as_ref().unwrap().target_volume, 27_000);
    assert!(!validate(&plan)
        .iter()
        .any(|d| d.code.starts_with("warmup.target")));
}

#[test]
fn a_duplicate_name_is_fixed_with_a_number_no_other_name_has_in_any_capitals() {
    let mut plan = sample_plan();
    plan.lanes[0].name = "Promo".into();
    plan.lanes[1].name = "promo".into();
    plan.lanes[2].name = "PROMO 2".into();
    let fix = (validate(&plan).iter())
        .find(|d| d.code == "plan.duplicate_name")
        .and_then(|d| d.fix.clone())
        .expect("a fix");
    assert_eq!(fix.label, "Rename it “promo 3”");
    edit_plan(&mut plan, Edit::Many(fix.edits));
    assert!(!validate(&plan)
        .iter()
        .any(|d| d.code == "plan.duplicate_name"));
    // Names that differ only in their spacing are the same name, and a
    // numbered name counts on from its number.
    let mut plan = sample_plan();
    plan.lanes[0].name = "Welcome email 2".into();
    plan.lanes[1].name = "Welcome\u{a0}email  2".into();
    let fix = (validate(&plan).iter())
        .find(|d| d.code == "plan.duplicate_name")
        .and_then(|d| d.fix.clone())
        .expect("a fix");
    assert_eq!(fix.label, "Rename it “Welcome email 3”");
}

#[test]
fn names_are_the_same_in_any_capitals_and_spacing_in_any_script() {
    let cases = [
        ("Cart recovery", "cart  RECOVERY", true),
        ("Cart recovery", "Cart\trecovery\n", true),
        ("Été — promo", "ÉTÉ —\u{a0}PROMO", true),
        ("ΟΔΟΣ Α", "οδος α", true),
        ("ΟΔΟΣ Α", "οδοσ α", false),
        ("Straße", "STRASSE", false),
        ("Cart recovery", "Cart recovery 2", false),
        ("Cart re covery", "Cart recovery", false),
    ];
    for (first, second, same) in cases {
        let mut plan = sample_plan();
        plan.lanes[0].name = first.into();
        plan.lanes[1].name = second.into();
        let found = validate(&plan)
            .iter()
            .any(|d| d.code == "plan.duplicate_name");
        assert_eq!(found, same, "{first:?} and {second:?}");
    }
}

#[test]
fn a_missing_warm_up_for_recovery_mail_spills_into_a_warm_lane_of_its_kind() {
    let mut plan = sample_plan();
    plan.lanes[1].status = LaneStatus::New;
    plan.lanes[1].warmup = None;
    let mut old = plan.lanes[1].clone();
    old.id = "old-flows".into();
    old.name = "Old flows".into();
    old.status = LaneStatus::Warm;
    plan.lanes.push(old);
    let found = all_findings(&plan);
    let fix = (found.iter())
        .find(|d| d.code == "warmup.missing" && d.path == "$.lanes[1].warmup")
        .and_then(|d| d.fix.clone())
        .expect("a fix");
    assert!(
        fix.label.ends_with("spilling into Old flows"),
        "{}",
        fix.label
    );
    edit_plan(&mut plan, Edit::Many(fix.edits));
    let w = plan.lanes[1].warmup.as_ref().unwrap();
    assert_eq!(w.overflow, Overflow::Spill);
    assert_eq!(w.spill_lane.as_deref(), Some("old-flows"));
    let left = warmup_findings(
        &plan,
        1,
        &[
            "warmup.defers_urgent",
            "warmup.spill_lane",
            "warmup.missing",
        ],
    );
    assert!(left.is_empty(), "{left:?}");
}

/// The findings about lane `index`'s warm-up with one of `codes`.
fn warmup_findings(plan: &Plan, index: usize, codes: &[&str]) -> Vec<Diagnostic> {
    let at = format!("$.lanes[{index}].warmup");
    (all_findings(plan).into_iter())
        .filter(|d| d.path.starts_with(&at) && codes.contains(&d.code.as_ref()))
        .collect()
}

#[test]
fn a_peak_below_the_lanes_own_mail_is_not_reached_by_the_small_number() {
    // A peak of 100 a day, while the promotional lane's journeys send
    // 27,000 on the peak date: the ramp must carry the 27,000.
    let mut plan = sample_plan();
    plan.lanes[2].warmup.as_mut().unwrap().target_volume = 100;
    let routing = switchyard::plan::routing::route(&plan);
    let w = plan.lanes[2].warmup.clone().unwrap();
    let wanted = switchyard::warmup::calendar::Wanted::of_lane(&plan, &routing, "promotional");
    let cal = switchyard::warmup::calendar::calendar(&w, &wanted, 0).unwrap();
    assert!(cal.target_needs > 100, "{}", cal.target_needs);
    let mut late = w.clone();
    late.start_date = cal.latest_start.clone().unwrap();
    let walked = switchyard::warmup::calendar::calendar(&late, &wanted, 120).unwrap();
    let peak_day = walked
        .days
        .iter()
        .find(|d| d.date == w.target_date)
        .unwrap();
    assert_eq!(
        peak_day.over_cap, 0,
        "the latest start carries the day's mail: {peak_day:?}"
    );
    let finding = all_findings(&plan)
        .into_iter()
        .find(|d| d.code == "warmup.peak_below_mail")
        .expect("the low peak is a finding");
    assert_eq!(finding.path, "$.lanes[2].warmup.target_volume");
}

#[test]
fn a_ramp_whose_ceiling_is_below_the_busiest_day_says_so_once() {
    // (schedule, the promotion's daily volume, the peak date, what the
    // finding says, if anything)
    let cases = [
        (WarmupPreset::AmazonSes, 200_000, "", Some("ends there")),
        (
            WarmupPreset::BrazeModerate,
            2_000_000,
            "",
            Some("holds there for good"),
        ),
        (WarmupPreset::Custom, 200_000, "", None),
        (WarmupPreset::AmazonSes, 10, "", None),
        // A peak date it misses is the one finding.
        (WarmupPreset::AmazonSes, 200_000, "2027-11-26", None),
    ];
    for (preset, volume, peak, says) in cases {
        let mut plan = sample_plan();
        let p = journey(&plan, "weekly-promo");
        plan.journeys[p].daily_volume = volume;
        let w = plan.lanes[2].warmup.as_mut().unwrap();
        w.preset = preset;
        w.custom.cap = 0;
        w.target_date = peak.into();
        let what = format!("{preset:?} {volume} {peak}");
        let found: Vec<Diagnostic> = lint(&plan, &route(&plan))
            .into_iter()
            .filter(|d| d.code == "warmup.ramp_short")
            .collect();
        let Some(says) = says else {
            assert!(found.is_empty(), "{what}: {found:?}");
            continue;
        };
        assert_eq!(found.len(), 1, "{what}");
        assert_eq!(found[0].path, "$.lanes[2].warmup.preset", "{what}");
        assert!(
            found[0]
                .message
                .starts_with("The warm-up of Promotional climbs to "),
            "{}",
            found[0].message
        );
        assert!(
            found[0].message.contains(says),
            "{what}: {}",
            found[0].message
        );
        let fix = found[0]
            .fix
            .clone()
            .expect("a custom ramp that climbs all the way");
        edit_plan(&mut plan, Edit::Many(fix.edits));
        let left = codes(&plan);
        assert!(
            !left.iter().any(|c| c == "warmup.ramp_short"),
            "{what}: {left:?}"
        );
    }
    let mut plan = sample_plan();
    let p = journey(&plan, "weekly-promo");
    plan.journeys[p].daily_volume = 200_000;
    plan.lanes[2].warmup.as_mut().unwrap().preset = WarmupPreset::AmazonSes;
    let found = codes(&plan);
    assert!(found.iter().any(|c| c == "warmup.peak_missed"), "{found:?}");
    assert!(!found.iter().any(|c| c == "warmup.ramp_short"), "{found:?}");
}

#[test]
fn a_warm_up_that_defers_mail_that_cannot_wait_offers_to_spill_it() {
    // (the revenue lane's overflow, whether promotions are established,
    // whether the finding shows, the fix it offers)
    let cases = [
        (Overflow::Defer, false, true, None),
        (
            Overflow::Defer,
            true,
            true,
            Some("Spill the overflow into Promotional"),
        ),
        (
            Overflow::Suppress,
            true,
            true,
            Some("Spill the overflow into Promotional"),
        ),
    ];
    for (overflow, promo_warm, shows, fix) in cases {
        let mut plan = sample_plan();
        let mut w = plan.lanes[2].warmup.clone().unwrap();
        w.overflow = overflow;
        w.target_date.clear();
        plan.lanes[1].status = LaneStatus::Warming;
        plan.lanes[1].warmup = Some(w);
        if promo_warm {
            plan.lanes[2].status = LaneStatus::Warm;
            plan.lanes[2].warmup = None;
        }
        let what = format!("{overflow:?} {promo_warm}");
        let found: Vec<Diagnostic> = lint(&plan, &route(&plan))
            .into_iter()
            .filter(|d| d.code == "warmup.defers_urgent")
            .collect();
        if !shows {
            assert!(found.is_empty(), "{what}: {found:?}");
            continue;
        }
        assert_eq!(found.len(), 1, "{what}");
        assert_eq!(found[0].path, "$.lanes[1].warmup.overflow");
        let says = match overflow {
            Overflow::Defer => "The warm-up of Revenue flows defers mail over its cap",
            _ => "The warm-up of Revenue flows does not send mail over its cap",
        };
        assert!(found[0].message.starts_with(says), "{}", found[0].message);
        assert!(
            found[0].message.contains("Cart recovery"),
            "{}",
            found[0].message
        );
        assert_eq!(
            found[0].fix.as_ref().map(|f| f.label.as_str()),
            fix,
            "{what}"
        );
        if let Some(f) = found[0].fix.clone() {
            edit_plan(&mut plan, Edit::Many(f.edits));
            assert!(
                !codes(&plan).iter().any(|c| c == "warmup.defers_urgent"),
                "{what}"
            );
        }
    }
    // A lane of promotions alone may defer: nothing there is urgent.
    let mut plan = sample_plan();
    plan.lanes[2].warmup.as_mut().unwrap().overflow = Overflow::Defer;
    assert!(!codes(&plan).iter().any(|c| c == "warmup.defers_urgent"));
}

/// The receipts lane of the walk: order confirmations and shipping
/// updates of 800 and 700 a day, alone on a lane with `status` warming up
/// from 2026-12-28 on `preset` (a custom ramp from `start` a day), its
/// overflow deferred, beside promotions still warming up themselves.
fn receipts_alone(status: LaneStatus, preset: WarmupPreset, start: u64) -> Plan {
    let mut plan = sample_plan();
    let keep = ["order-confirmation", "shipping-updates", "weekly-promo"];
    plan.journeys.retain(|j| keep.contains(&j.id.as_str()));
    (plan.journeys[0].daily_volume, plan.journeys[1].daily_volume) = (800, 700);
    plan.lanes.retain(|l| l.id != "revenue-flows");
    plan.rules.retain(|r| r.lane != "revenue-flows");
    let receipts = &mut plan.lanes[0];
    (receipts.name, receipts.status) = ("Receipts".into(), status);
    receipts.smtp.provider = Provider::SendGrid;
    let mut w = WarmupPlan {
        preset,
        start_date: "2026-12-28".into(),
        overflow: Overflow::Defer,
        ..WarmupPlan::default()
    };
    w.custom.start_volume = start;
    receipts.warmup = Some(w);
    plan.lanes[1].warmup.as_mut().unwrap().start_date = "2026-12-21".into();
    plan
}

#[test]
fn a_fix_turns_a_warming_lanes_ramp_into_none_only_for_receipts_with_nowhere_else_to_go() {
    // (status, whether promotions are warm, whether its ramp may start at
    // its mail: a lane that is warm already has no ramp to lose, and
    // receipts with no warm lane to go through meanwhile go out from the
    // first day rather than late).
    let cases = [
        (LaneStatus::New, true, false),
        (LaneStatus::Warming, true, false),
        (LaneStatus::Warm, true, true),
        (LaneStatus::New, false, true),
        (LaneStatus::Warming, false, true),
        (LaneStatus::Warm, false, true),
    ];
    for (status, promo_warm, may_skip) in cases {
        let mut plan = receipts_alone(status, WarmupPreset::SendgridAutomated, 500);
        if promo_warm {
            plan.lanes[1].status = LaneStatus::Warm;
            plan.lanes[1].warmup = None;
        }
        let status = format!("{status:?} beside warm promotions: {promo_warm}");
        let found: Vec<Diagnostic> = lint(&plan, &route(&plan))
            .into_iter()
            .filter(|d| d.code == "warmup.defers_urgent")
            .collect();
        assert_eq!(found.len(), 1, "{status}");
        assert!(
            found[0].message.contains("days late"),
            "{}",
            found[0].message
        );
        let skips = found[0].fix.as_ref().is_some_and(|f| {
            let mut after = plan.clone();
            edit_plan(&mut after, Edit::Many(f.edits.clone()));
            let w = after.lanes[0].warmup.as_ref().unwrap();
            w.preset == WarmupPreset::Custom && w.custom.start_volume >= 1500
        });
        assert_eq!(skips, may_skip, "{status}: {:?}", found[0].fix);
        if let Some(f) = found[0].fix.clone() {
            edit_plan(&mut plan, Edit::Many(f.edits));
            let left = codes(&plan);
            assert!(!left.iter().any(|c| c == "warmup.no_ramp"), "{status}");
            assert!(
                !left.iter().any(|c| c == "warmup.defers_urgent"),
                "{status}"
            );
        }
    }
}

#[test]
fn a_custom_ramp_from_a_warming_lanes_busiest_day_is_no_warm_up() {
    // (status, preset, custom start, whether promotions are warm, the
    // finding's fix or none).
    let sendgrid = "Use SendGrid automated (hourly caps, 42 days)";
    let cases = [
        // The walk: the fix that started the ramp at 1,500 a day.
        (
            LaneStatus::New,
            WarmupPreset::Custom,
            1500,
            true,
            Some(sendgrid),
        ),
        (
            LaneStatus::Warming,
            WarmupPreset::Custom,
            5000,
            true,
            Some(sendgrid),
        ),
        (LaneStatus::New, WarmupPreset::Custom, 1499, true, None),
        (
            LaneStatus::New,
            WarmupPreset::SendgridAutomated,
            1500,
            true,
            None,
        ),
        (LaneStatus::Warm, WarmupPreset::Custom, 1500, true, None),
        // Receipts with no warm lane to go through meanwhile may go out
        // from the first day: no finding.
        (LaneStatus::New, WarmupPreset::Custom, 1500, false, None),
        (LaneStatus::Warming, WarmupPreset::Custom, 5000, false, None),
    ];
    for (status, preset, start, promo_warm, fix) in cases {
        let case = format!("{status:?} {preset:?} {start} {promo_warm}");
        let mut plan = receipts_alone(status, preset, start);
        if promo_warm {
            plan.lanes[1].status = LaneStatus::Warm;
            plan.lanes[1].warmup = None;
        }
        let found = lint(&plan, &route(&plan));
        let found = found.iter().find(|d| d.code == "warmup.no_ramp");
        assert_eq!(
            found.and_then(|d| d.fix.as_ref()).map(|f| f.label.as_str()),
            fix,
            "{case}"
        );
        let Some(f) = found.and_then(|d| d.fix.clone()) else {
            continue;
        };
        assert_eq!(found.unwrap().path, "$.lanes[0].warmup.custom.start_volume");
        // The fix ramps again, and no fix then takes the ramp away.
        edit_plan(&mut plan, Edit::Many(f.edits));
        let w = plan.lanes[0].warmup.as_ref().unwrap();
        assert_eq!(w.preset, WarmupPreset::SendgridAutomated, "{case}");
        for d in lint(&plan, &route(&plan)) {
            assert_ne!(d.code, "warmup.no_ramp", "{case}");
            let Some(f) = d.fix else { continue };
            let mut after = plan.clone();
            edit_plan(&mut after, Edit::Many(f.edits));
            assert!(
                !codes(&after).iter().any(|c| c == "warmup.no_ramp"),
                "{case}: {}",
                f.label
            );
        }
    }
}

#[test]
fn a_mix_a_migration_moves_apart_is_left_to_the_migration() {
    // Promotions on the revenue lane beside cart recovery.
    let mixed = || {
        let mut plan = sample_plan();
        let i = journey(&plan, "weekly-promo");
        plan.journeys[i].lane_override = Some("revenue-flows".into());
        plan
    };
    let found = |plan: &Plan| -> Vec<Diagnostic> {
        lint(plan, &route(plan))
            .into_iter()
            .filter(|d| d.code == "lint.promos_with_recovery")
            .collect()
    };
    // (what the migration moves off the revenue lane, and to where;
    // whether the mix is still a finding)
    let cases: Vec<(Vec<&str>, bool, &str, bool)> = vec![
        (vec!["weekly-promo"], false, "promotional", false),
        // The whole lane moves, so they stay together.
        (vec![], true, "promotional", true),
        (vec!["winback"], false, "promotional", true),
        // A move to a lane that is not there moves nothing.
        (vec!["weekly-promo"], false, "gone", true),
    ];
    for (journeys, whole_lane, to, still) in cases {
        let mut plan = mixed();
        let mut m = Migration::new("move", "revenue-flows", to);
        m.whole_lane = whole_lane;
        m.journeys = journeys.iter().map(|j| j.to_string()).collect();
        plan.migrations = vec![m];
        let f = found(&plan);
        assert_eq!(
            f.len(),
            usize::from(still),
            "{journeys:?} {whole_lane} {to}: {f:?}"
        );
        // Its fix moves only what the migration leaves, and is not offered
        // when that is nothing.
        if let Some(fix) = f.first().and_then(|d| d.fix.clone()) {
            assert!(!fix.edits.is_empty(), "{fix:?}");
            assert!(fix.edits.iter().all(|e| !matches!(e, Edit::Journey { journey, .. } if journeys.contains(&journey.as_str()) && to != "gone")), "{fix:?}");
        }
    }
    assert_eq!(found(&mixed()).len(), 1);
}

#[test]
fn a_lane_moved_onto_another_lanes_subdomain_is_the_one_told() {
    // Revenue flows moved onto mail., promotions' subdomain: its From
    // address and bounce domain follow it there, and it is still the lane
    // told to move back.
    let mut plan = sample_plan();
    edit_plan(
        &mut plan,
        Edit::Lane {
            lane: "revenue-flows".into(),
            set: LaneField::SendingDomain("mail.fernleafcoffee.com".into()),
        },
    );
    assert_eq!(plan.lanes[1].from_address, "hello@mail.fernleafcoffee.com");
    let found: Vec<Diagnostic> = lint(&plan, &route(&plan))
        .into_iter()
        .filter(|d| d.code == "lint.shared_domain")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].path, "$.lanes[1].sending_domain");
    let fix = found[0].fix.clone().unwrap();
    assert_eq!(
        fix.label,
        "Send Revenue flows from flows.fernleafcoffee.com"
    );
    edit_plan(&mut plan, Edit::Many(fix.edits));
    assert!(!codes(&plan).iter().any(|c| c == "lint.shared_domain"));
}

#[test]
fn a_lane_given_its_own_domain_takes_its_links_and_signature_along() {
    // A VIP lane set up on the promotional lane's subdomain, with links
    // and DKIM there too: the fix moves all of it, so nothing of the VIP
    // lane's mail rides on the promotions' reputation.
    let mut plan = sample_plan();
    edit_plan(&mut plan, Edit::AddLane(Purpose::Vip));
    let vip = plan.lanes.last().unwrap().id.clone();
    let set = |set: LaneField| Edit::Lane {
        lane: vip.clone(),
        set,
    };
    for field in [
        LaneField::SendingDomain("mail.fernleafcoffee.com".into()),
        LaneField::TrackingDomain("click.mail.fernleafcoffee.com".into()),
        LaneField::DkimDomain("mail.fernleafcoffee.com".into()),
    ] {
        edit_plan(&mut plan, set(field));
    }
    let fix = lint(&plan, &route(&plan))
        .into_iter()
        .find(|d| d.code == "lint.shared_domain")
        .and_then(|d| d.fix)
        .expect("a fix");
    edit_plan(&mut plan, Edit::Many(fix.edits));
    let lane = plan.lane(&vip).unwrap();
    assert_eq!(
        (
            lane.sending_domain.as_str(),
            lane.tracking_domain.as_str(),
            lane.dkim_domain.as_str()
        ),
        ("vip.fernleafcoffee.com", "links.vip.fernleafcoffee.com", "")
    );
    assert!(!codes(&plan).iter().any(|c| c == "lint.shared_domain"));
}

#[test]
fn a_lanes_link_domain_follows_its_sending_domain() {
    let mut plan = sample_plan();
    let lane = |set: LaneField| Edit::Lane {
        lane: "promotional".into(),
        set,
    };
    edit_plan(
        &mut plan,
        lane(LaneField::TrackingDomain(
            "links.mail.fernleafcoffee.com".into(),
        )),
    );
    edit_plan(
        &mut plan,
        lane(LaneField::SendingDomain("news.fernleafcoffee.com".into())),
    );
    assert_eq!(
        plan.lane("promotional").unwrap().tracking_domain,
        "links.news.fernleafcoffee.com"
    );
    // One set elsewhere stays.
    edit_plan(
        &mut plan,
        lane(LaneField::TrackingDomain("go.fernleafcoffee.com".into())),
    );
    edit_plan(
        &mut plan,
        lane(LaneField::SendingDomain("mail.fernleafcoffee.com".into())),
    );
    assert_eq!(
        plan.lane("promotional").unwrap().tracking_domain,
        "go.fernleafcoffee.com"
    );
}

#[test]
fn a_peak_on_a_day_without_sending_is_missed_and_fixed() {
    // (how the peak date is quiet, the fix's label)
    type Quiet = fn(&mut WarmupPlan);
    let cases: [(Quiet, &str); 2] = [
        (
            |w| w.skipped_dates.push("2027-11-26".into()),
            "Send on 2027-11-26",
        ),
        // A Saturday, which the Monday-to-Friday ramp leaves out while
        // it still warms up.
        (
            |w| {
                w.target_date = "2027-11-27".into();
                w.start_date = "2027-11-22".into();
            },
            "Start the warm-up on",
        ),
    ];
    for (quiet, label) in cases {
        let mut plan = sample_plan();
        let w = plan.lanes[2].warmup.as_mut().unwrap();
        w.target_date = "2027-11-26".into();
        quiet(w);
        let found = all_findings(&plan);
        let missed = (found.iter())
            .find(|d| d.code == "warmup.peak_missed" && d.path == "$.lanes[2].warmup.target_date")
            .unwrap_or_else(|| panic!("{label}: {found:?}"));
        assert!(
            missed.message.contains("sends nothing on its peak date"),
            "{}",
            missed.message
        );
        let fix = missed.fix.clone().expect("a fix");
        assert!(fix.label.starts_with(label), "{}", fix.label);
        edit_plan(&mut plan, Edit::Many(fix.edits));
        assert!(
            !all_findings(&plan)
                .iter()
                .any(|d| d.code == "warmup.peak_missed"),
            "{label}"
        );
    }
}

#[test]
fn a_schedule_that_holds_below_its_peak_is_fixed_with_a_ramp_that_climbs() {
    let mut plan = sample_plan();
    let w = plan.lanes[2].warmup.as_mut().unwrap();
    w.preset = WarmupPreset::BrazeModerate;
    w.target_volume = 2_000_000;
    let found = all_findings(&plan);
    let missed = (found.iter())
        .find(|d| d.code == "warmup.peak_missed")
        .unwrap_or_else(|| panic!("{found:?}"));
    let fix = missed
        .fix
        .clone()
        .unwrap_or_else(|| panic!("{}", missed.hint));
    assert!(fix.label.starts_with("Use a custom ramp"), "{}", fix.label);
    edit_plan(&mut plan, Edit::Many(fix.edits));
    assert!(!all_findings(&plan)
        .iter()
        .any(|d| d.code == "warmup.peak_missed"));
}

#[test]
fn a_rule_of_a_deleted_lane_gets_a_lane_of_its_kind_of_mail() {
    // Revenue flows deleted: its rules' mail goes to no lane of promotions
    // or receipts, but to a new revenue flows lane.
    let mut plan = sample_plan();
    edit_plan(&mut plan, Edit::DeleteLane("revenue-flows".into()));
    let before = all_findings(&plan);
    let dangling: Vec<&str> = (before.iter())
        .filter(|d| d.code == "plan.dangling_lane" && d.path.starts_with("$.rules"))
        .map(|d| d.fix.as_ref().map_or("", |f| f.label.as_str()))
        .collect();
    assert!(!dangling.is_empty());
    assert!(
        dangling
            .iter()
            .all(|l| *l == "Add a revenue flows lane for it"),
        "{dangling:?}"
    );
    let fix = (before.iter())
        .find(|d| d.code == "plan.dangling_lane" && d.path.starts_with("$.rules"))
        .and_then(|d| d.fix.clone())
        .unwrap();
    edit_plan(&mut plan, Edit::Many(fix.edits));
    let after = all_findings(&plan);
    // No mail lands beside another kind (the new lane's own setup, such
    // as one-click unsubscribe, is found as for any new lane).
    let mixed = [
        "lint.promos_with_recovery",
        "lint.transactional_on_marketing",
        "lint.marketing_on_transactional",
    ];
    let errors: Vec<&str> = (after.iter())
        .map(|d| d.code.as_ref())
        .filter(|c| mixed.contains(c))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!((before.iter()).all(|d| !mixed.contains(&d.code.as_ref())));
    // The next rule of that mail is offered the new lane.
    let next = (after.iter())
        .find(|d| d.code == "plan.dangling_lane" && d.path.starts_with("$.rules"))
        .and_then(|d| d.fix.clone());
    if let Some(next) = next {
        assert!(
            next.label.starts_with("Send it to Revenue flows"),
            "{}",
            next.label
        );
    }
}

#[test]
fn a_missing_lane_is_fixed_with_the_lane_most_like_it() {
    // (how the plan names a missing lane, the finding's path, the fix)
    let cases: [(Break, &str, &str); 7] = [
        // A lane whose id begins alike.
        (
            |p| p.rules[3].lane = "promo".into(),
            "$.rules[3].lane",
            "Send it to Promotional",
        ),
        (
            |p| p.rules[2].lane = "revenue-flows-old".into(),
            "$.rules[2].lane",
            "Send it to Revenue flows",
        ),
        // The lane the rule's intents call for, never the promotional lane
        // for recovery or receipts.
        (
            |p| p.rules[1].lane = "flows".into(),
            "$.rules[1].lane",
            "Send it to Revenue flows",
        ),
        (
            |p| p.rules[0].lane = "receipts".into(),
            "$.rules[0].lane",
            "Send it to Transactional",
        ),
        (
            |p| p.rules[3].lane = "gone".into(),
            "$.rules[3].lane",
            "Send it to Promotional",
        ),
        (
            |p| p.default_lane = Some("gone".into()),
            "$.default_lane",
            "Make Promotional the default",
        ),
        (
            |p| p.journeys[0].lane_override = Some("gone".into()),
            "$.journeys[0].lane_override",
            "Route it by the rules",
        ),
    ];
    for (make, path, label) in cases {
        let mut plan = sample_plan();
        make(&mut plan);
        let found: Vec<(String, String)> = all_findings(&plan)
            .into_iter()
            .filter(|d| d.code == "plan.dangling_lane")
            .map(|d| (d.path.clone(), d.fix.map(|f| f.label).unwrap_or_default()))
            .collect();
        assert_eq!(found, [(path.to_string(), label.to_string())], "{path}");
    }
}

#[test]
fn urgent_mail_on_a_lane_of_promotions_is_not_spilled_beside_recovery() {
    // A login code pinned to the promotional lane: spilling that lane's
    // overflow into revenue flows would put its promotions beside cart
    // recovery, which `warmup.spill_onto_recovery` then undoes; the way
    // out is moving the login code, which the tier lint offers.
    let mut plan = sample_plan();
    plan.platform.kind = Platform::OwnCode;
    let login = plan
        .journeys
        .iter()
        .position(|j| j.id == "login-code")
        .unwrap();
    plan.journeys[login].lane_override = Some("promotional".into());
    let found = all_findings(&plan);
    let urgent = (found.iter())
        .find(|d| d.code == "warmup.defers_urgent" && d.path.starts_with("$.lanes[2]"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert!(urgent.fix.is_none(), "{:?}", urgent.fix);
    let moving = (found.iter())
        .find(|d| d.code == "lint.transactional_on_marketing")
        .and_then(|d| d.fix.clone())
        .expect("the tier lint moves the login code");
    edit_plan(&mut plan, Edit::Many(moving.edits));
    let after = all_findings(&plan);
    assert!(!after
        .iter()
        .any(|d| d.code == "warmup.defers_urgent" && d.path.starts_with("$.lanes[2]")));
}

#[test]
fn receipts_moved_off_the_all_emails_lane_take_all_emails_along() {
    // Customer.io's All Emails on revenue flows, which carries receipts:
    // moving them to the transactional lane moves All Emails too, or
    // Customer.io's own fixes would move them back.
    let mut plan = sample_plan();
    plan.platform.all_emails_lane = Some("revenue-flows".into());
    for id in ["order-confirmation", "shipping-updates", "login-code"] {
        if let Some(j) = plan.journeys.iter_mut().find(|j| j.id == id) {
            j.lane_override = Some("revenue-flows".into());
        }
    }
    let fix = (all_findings(&plan).iter())
        .find(|d| d.code == "lint.transactional_on_marketing")
        .and_then(|d| d.fix.clone())
        .expect("a fix");
    assert!(
        fix.label.ends_with(", and make it the All Emails lane"),
        "{}",
        fix.label
    );
    edit_plan(&mut plan, Edit::Many(fix.edits));
    assert_eq!(
        plan.platform.all_emails_lane.as_deref(),
        Some("transactional")
    );
    let after = all_findings(&plan);
    let back: Vec<&str> = (after.iter())
        .filter(|d| {
            d.code.starts_with("platform.cio") || d.code == "lint.transactional_on_marketing"
        })
        .map(|d| d.code.as_ref())
        .collect();
    assert!(back.is_empty(), "{back:?}");
}

/// Journeys a rule sends to the wrong lane are moved by sending the rule
/// there, so no rule is left sending the next such journey back; journeys
/// that got there otherwise are moved one by one.
#[test]
fn a_rule_sending_recovery_to_promotions_is_moved_whole() {
    let mut plan = sample_plan();
    let rule = plan
        .rules
        .iter_mut()
        .find(|r| r.id == "rule-recovery")
        .unwrap();
    rule.lane = "promotional".into();
    let found = lint(&plan, &route(&plan));
    let mix = (found.iter())
        .find(|d| d.code == "lint.promos_with_recovery")
        .expect("recovery beside promotions");
    let fix = mix.fix.clone().unwrap();
    assert_eq!(
        fix.edits,
        [Edit::Rule {
            rule: "rule-recovery".into(),
            set: switchyard::plan::edit::RuleField::Lane("revenue-flows".into()),
        }]
    );
    assert_eq!(
        fix.label,
        "Send rule “Cart and checkout recovery” to Revenue flows"
    );
    edit_plan(&mut plan, Edit::Many(fix.edits));
    assert!(!codes(&plan)
        .iter()
        .any(|c| c == "lint.promos_with_recovery"));
    assert!(plan.journeys.iter().all(|j| j.lane_override.is_none()));
    // A journey overridden onto promotions is moved by its override.
    let cart = plan
        .journeys
        .iter_mut()
        .find(|j| j.intent == Intent::CartAbandonment)
        .unwrap();
    cart.lane_override = Some("promotional".into());
    let found = lint(&plan, &route(&plan));
    let mix = found
        .iter()
        .find(|d| d.code == "lint.promos_with_recovery")
        .unwrap();
    assert!(matches!(
        mix.fix.as_ref().unwrap().edits.as_slice(),
        [Edit::Journey { .. }]
    ));
}

/// A migration that brings recovery flows onto the promotions lane mixes
/// them there as a rule would.
#[test]
fn recovery_moved_onto_the_promotions_lane_is_a_mix() {
    let mut plan = sample_plan();
    plan.migrations.push(Migration {
        whole_lane: true,
        ..Migration::new("flows-to-promo", "revenue-flows", "promotional")
    });
    // Found on the migration, which makes the mix, so its card shows it.
    let found = lint(&plan, &route(&plan));
    let mix = (found.iter())
        .find(|d| d.code == "lint.promos_with_recovery")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(mix.path, "$.migrations[0].to_lane");
    assert_eq!(
        mix.message,
        "flows-to-promo brings promotions and cart or checkout recovery together on Promotional, so a noisy promotion calendar can drag recovery into the spam folder."
    );
    // Only the welcome series moving brings no recovery flow.
    plan.migrations[0].whole_lane = false;
    plan.migrations[0].journeys = vec!["welcome".into()];
    let found = lint(&plan, &route(&plan));
    assert!(!found.iter().any(|d| d.code == "lint.promos_with_recovery"));
}

#[test]
fn a_rule_without_intents_whose_lane_is_gone_goes_to_a_lane_of_the_mail_it_catches() {
    // “Scheduled broadcasts” names triggers only, and catches promotions.
    let mut plan = sample_plan();
    plan.lanes.retain(|l| l.id != "promotional");
    plan.default_lane = Some("transactional".into());
    let fix = (all_findings(&plan).into_iter())
        .find(|d| d.code == "plan.dangling_lane" && d.path == "$.rules[3].lane")
        .and_then(|d| d.fix)
        .expect("a fix");
    assert_eq!(fix.label, "Add a promotional lane for it");
    edit_plan(&mut plan, Edit::Many(fix.edits));
    let rule = &plan.rules[3];
    assert_eq!(
        plan.lane(&rule.lane).map(|l| l.purpose),
        Some(Purpose::Promotional)
    );
}

#[test]
fn a_warm_up_of_a_lane_without_mail_notes_its_missing_peak() {
    let mut plan = sample_plan();
    let mut lane = Lane::new("vip", "VIP", Purpose::Vip);
    lane.warmup = Some(WarmupPlan::default());
    plan.lanes.push(lane);
    let peak = (validate(&plan).into_iter())
        .find(|d| d.code == "warmup.target_volume" && d.path.starts_with("$.lanes[3]"))
        .expect("the missing peak is noted");
    assert_eq!(peak.severity, Severity::Info);
}

/// A new, empty plan with a journey of each of `intents` added, as the
/// Journeys tab adds them.
fn new_plan_with(intents: &[Intent]) -> Plan {
    let mut plan = Plan::empty("p");
    for (n, intent) in (1..).zip(intents) {
        edit_plan(&mut plan, Edit::AddJourney);
        let set = JourneyField::Intent(*intent);
        let journey = format!("journey-{n}");
        edit_plan(&mut plan, Edit::Journey { journey, set });
    }
    plan
}

/// Sets the daily volumes of `new_plan_with`'s journeys, in order.
fn set_volumes(plan: &mut Plan, volumes: &[u32]) {
    for (n, volume) in (1..).zip(volumes) {
        let set = JourneyField::DailyVolume(*volume);
        let journey = format!("journey-{n}");
        edit_plan(plan, Edit::Journey { journey, set });
    }
}

/// The lanes a code is reported for, by the lane its message names.
fn lanes_told(plan: &Plan, code: &str) -> Vec<String> {
    (all_findings(plan).into_iter())
        .filter(|d| d.code == code)
        .filter_map(|d| {
            let lane = plan.lanes.iter().find(|l| d.message.contains(&l.name))?;
            Some(lane.id.clone())
        })
        .collect()
}

#[test]
fn one_click_unsubscribe_is_asked_of_lanes_that_send_marketing_mail() {
    let receipts = || new_plan_with(&[Intent::OrderConfirmation, Intent::PasswordReset]);
    let sample_without = |lanes: &[&str]| {
        let mut plan = sample_plan();
        let out = |l: &String| !lanes.contains(&l.as_str());
        plan.preferences.one_click_lanes.retain(out);
        plan
    };
    // (what, the plan, the lanes told they lack one-click unsubscribe)
    let cases: Vec<(&str, Plan, Vec<&str>)> = vec![
        ("a new plan's lane without mail", Plan::empty("p"), vec![]),
        ("receipts and codes alone", receipts(), vec![]),
        (
            "a promotion",
            new_plan_with(&[Intent::PromotionalBroadcast]),
            vec!["lane-1"],
        ),
        (
            "receipts and a cart reminder",
            new_plan_with(&[Intent::OrderConfirmation, Intent::CartAbandonment]),
            vec!["lane-1"],
        ),
        (
            "the sample's marketing lanes",
            sample_without(&["revenue-flows", "promotional"]),
            vec!["revenue-flows", "promotional"],
        ),
        (
            "an added lane without mail",
            {
                let mut plan = sample_plan();
                edit_plan(&mut plan, Edit::AddLane(Purpose::Vip));
                plan
            },
            vec![],
        ),
        (
            "a promotional lane whose mail moved away",
            {
                let mut plan = sample_without(&["promotional"]);
                for j in plan.journeys.iter_mut() {
                    j.lane_override = Some("revenue-flows".into());
                }
                plan
            },
            vec![],
        ),
    ];
    for (what, plan, expected) in cases {
        assert_eq!(lanes_told(&plan, "lint.no_one_click"), expected, "{what}");
    }
}

#[test]
fn a_new_plan_guides_without_errors_until_there_is_mail_to_judge() {
    let today = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    let errors = |plan: &Plan| -> Vec<String> {
        (switchyard::review::findings::findings(plan, today, None).all)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.code.to_string())
            .collect()
    };
    assert_eq!(errors(&Plan::empty("p")), Vec::<String>::new());
    // Once marketing mail is routed, the unsubscribe policy is asked for.
    let plan = new_plan_with(&[Intent::Welcome]);
    assert_eq!(
        errors(&plan),
        ["lint.no_preference_topics", "lint.no_one_click"]
    );
    // The standard topics' fix answers both.
    let fix = (all_findings(&plan).into_iter())
        .find(|d| d.code == "lint.no_preference_topics")
        .and_then(|d| d.fix)
        .expect("a fix");
    let mut fixed = plan.clone();
    edit_plan(&mut fixed, Edit::Many(fix.edits));
    assert_eq!(errors(&fixed), Vec::<String>::new());
}

/// The fix of the finding `code`, applied to `plan` as the Fix button does.
fn apply_fix(plan: &mut Plan, code: &str) {
    let fix = (all_findings(plan).into_iter())
        .find(|d| d.code == code)
        .and_then(|d| d.fix)
        .unwrap_or_else(|| panic!("{code} with a fix"));
    edit_plan(plan, Edit::Many(fix.edits));
}

#[test]
fn a_warm_up_peak_left_behind_by_mail_that_moved_away_is_told_and_removed() {
    // A new plan whose one lane carries a promotion and receipts, warmed
    // up to their busiest day, then split by kind of mail.
    let mut plan = new_plan_with(&[Intent::PromotionalBroadcast, Intent::OrderConfirmation]);
    set_volumes(&mut plan, &[20_000, 1_500]);
    apply_fix(&mut plan, "warmup.missing");
    assert_eq!(plan.lanes[0].warmup.as_ref().unwrap().target_volume, 21_500);
    assert!(!codes(&plan).contains(&"warmup.peak_above_mail".to_string()));
    edit_plan(&mut plan, Edit::AddLane(Purpose::Transactional));
    edit_plan(&mut plan, Edit::AddLane(Purpose::Promotional));
    apply_fix(&mut plan, "routing.no_rules");
    let routing = route(&plan);
    assert_eq!(Wanted::of_lane(&plan, &routing, "lane-1").peak(), 0);
    let found = (all_findings(&plan).into_iter())
        .find(|d| d.code == "warmup.peak_above_mail")
        .expect("the peak without mail is told");
    assert_eq!(
        (found.severity, found.path.as_str()),
        (Severity::Warning, "$.lanes[0].warmup.target_volume")
    );
    apply_fix(&mut plan, "warmup.peak_above_mail");
    assert_eq!(plan.lanes[0].warmup, None);
    // Nothing asks for the warm-up back while the lane has no mail.
    let about_it: Vec<String> = (all_findings(&plan).into_iter())
        .filter(|d| d.path.starts_with("$.lanes[0].warmup"))
        .map(|d| d.code.to_string())
        .collect();
    assert_eq!(about_it, Vec::<String>::new());
}

#[test]
fn a_peak_far_above_the_lanes_busiest_day_is_noted_with_that_day() {
    // The promotional lane's busiest day, and its peak in multiples of it.
    let plan = sample_plan();
    let busiest = Wanted::of_lane(&plan, &route(&plan), "promotional").peak();
    assert!(busiest > 0);
    // (peak target, the finding's severity, or none)
    let cases = [
        (0, None),
        (busiest / 2, None),
        (busiest, None),
        (busiest * 3, None),
        (busiest * 3 + 1, Some(Severity::Info)),
        (busiest * 10, Some(Severity::Info)),
        (u64::MAX, Some(Severity::Info)),
    ];
    for (peak, expected) in cases {
        let mut plan = plan.clone();
        plan.lanes[2].warmup.as_mut().unwrap().target_volume = peak;
        let found: Vec<Diagnostic> = (all_findings(&plan).into_iter())
            .filter(|d| d.code == "warmup.peak_above_mail")
            .collect();
        let severity = found.first().map(|d| d.severity);
        assert_eq!(severity, expected, "{peak}");
        let Some(finding) = found.first() else {
            continue;
        };
        assert_eq!(found.len(), 1, "{peak}");
        let fix = finding.fix.clone().expect("a fix");
        assert_eq!(
            fix.label,
            format!("Set the peak to {}", switchyard::units::group(busiest))
        );
        let mut fixed = plan.clone();
        edit_plan(&mut fixed, Edit::Many(fix.edits));
        assert_eq!(
            fixed.lanes[2].warmup.as_ref().unwrap().target_volume,
            busiest
        );
        // No finding about the peak follows, so none undoes this fix.
        let peak_findings: Vec<String> = (all_findings(&fixed).into_iter())
            .filter(|d| d.path == "$.lanes[2].warmup.target_volume")
            .map(|d| d.code.to_string())
            .collect();
        assert_eq!(peak_findings, Vec::<String>::new(), "{peak}");
    }
}

#[test]
fn mail_a_migration_brings_counts_toward_the_lanes_busiest_day() {
    // A new lane that the promotions move to has no mail routed to it,
    // but its warm-up ramps to the mail the move brings.
    let mut plan = sample_plan();
    edit_plan(&mut plan, Edit::AddLane(Purpose::Promotional));
    let to = plan.lanes[3].id.clone();
    edit_plan(
        &mut plan,
        Edit::AddMigration {
            from_lane: "promotional".into(),
            to_lane: to.clone(),
        },
    );
    let mut warm_up = plan.lanes[2].warmup.clone().unwrap();
    warm_up.target_volume = Wanted::of_lane(&plan, &route(&plan), "promotional").peak();
    plan.lanes[3].warmup = Some(warm_up);
    assert_eq!(Wanted::of_lane(&plan, &route(&plan), &to).peak(), 0);
    assert!(!codes(&plan).contains(&"warmup.peak_above_mail".to_string()));
}

#[test]
fn shares_of_the_volume_are_rounded_as_the_overview_rounds_them() {
    // (journeys and their volumes, the finding, the share it gives)
    let cases = [
        (
            [("order-confirmation", 1_500), ("weekly-promo", 4_300)],
            "lint.clean_lane_too_big",
            "sends 25.9% of the daily volume",
        ),
        (
            [("cart-recovery", 976), ("weekly-promo", 24)],
            "lint.money_lane_too_big",
            "sends 97.6% of the daily volume",
        ),
    ];
    for (volumes, code, share) in cases {
        let mut plan = sample_plan();
        for j in plan.journeys.iter_mut() {
            let set = volumes.iter().find(|(id, _)| *id == j.id);
            j.daily_volume = set.map_or(0, |(_, v)| *v);
        }
        let found = lint(&plan, &route(&plan));
        let finding = found.iter().find(|d| d.code == code).unwrap();
        assert!(finding.message.contains(share), "{}", finding.message);
    }
}

#[test]
fn a_clean_lane_of_receipts_alone_is_a_note_and_with_marketing_a_warning() {
    // (journeys on the clean lane besides its own, the severity)
    let cases = [
        (None, Severity::Info),
        (Some("weekly-promo"), Severity::Warning),
    ];
    for (moved, severity) in cases {
        let mut plan = sample_plan();
        for j in plan.journeys.iter_mut() {
            j.daily_volume = match j.id.as_str() {
                "order-confirmation" => 1_500,
                "weekly-promo" => 4_300,
                _ => 0,
            };
            if Some(j.id.as_str()) == moved {
                j.lane_override = Some("transactional".into());
            }
        }
        let found = lint(&plan, &route(&plan));
        let finding = found
            .iter()
            .find(|d| d.code == "lint.clean_lane_too_big")
            .unwrap();
        assert_eq!(finding.severity, severity, "{moved:?}");
    }
}

#[test]
fn receipts_with_no_warm_lane_go_out_from_the_first_day() {
    let first_day = "Send them from the first day: start the ramp at 1,500 a day";
    // (the receipts lane's status, the promotional lane's, the platform,
    // what else the receipts lane carries, the fix offered).
    let cases = [
        (
            LaneStatus::New,
            LaneStatus::Warming,
            Platform::OwnCode,
            None,
            Some(first_day),
        ),
        (
            LaneStatus::Warming,
            LaneStatus::New,
            Platform::OwnCode,
            None,
            Some(first_day),
        ),
        // Only the ramp changes, which any platform builds.
        (
            LaneStatus::New,
            LaneStatus::Warming,
            Platform::CustomerIo,
            None,
            Some(first_day),
        ),
        // A login code is a receipt's kind of mail.
        (
            LaneStatus::New,
            LaneStatus::Warming,
            Platform::OwnCode,
            Some("login-code"),
            Some("Send them from the first day: start the ramp at 1,850 a day"),
        ),
        // Cart recovery is not: a new lane ramps for it all the same.
        (
            LaneStatus::New,
            LaneStatus::Warming,
            Platform::OwnCode,
            Some("cart-recovery"),
            None,
        ),
        // With a warm lane, they go through it instead.
        (
            LaneStatus::New,
            LaneStatus::Warm,
            Platform::OwnCode,
            None,
            Some("Send them through Promotional and move them here as the ramp allows"),
        ),
    ];
    for (status, promo, kind, also, fix) in cases {
        let case = format!("{status:?} beside {promo:?} on {kind:?} with {also:?}");
        let mut plan = receipts_alone(status, WarmupPreset::SendgridAutomated, 500);
        plan.platform.kind = kind;
        plan.lanes[1].status = promo;
        if promo == LaneStatus::Warm {
            plan.lanes[1].warmup = None;
        }
        if let Some(id) = also {
            let mut j = sample_plan().journeys[journey(&sample_plan(), id)].clone();
            j.lane_override = Some("transactional".into());
            plan.journeys.push(j);
        }
        let urgent = |plan: &Plan| {
            all_findings(plan).into_iter().find(|d| {
                d.code == "warmup.defers_urgent" && d.path == "$.lanes[0].warmup.overflow"
            })
        };
        let found = urgent(&plan).unwrap_or_else(|| panic!("{case}"));
        assert!(!found.hint.is_empty(), "{case}");
        assert_eq!(found.fix.as_ref().map(|f| f.label.as_str()), fix, "{case}");
        let Some(f) = found.fix else { continue };
        edit_plan(&mut plan, Edit::Many(f.edits));
        assert!(urgent(&plan).is_none(), "{case}");
        if promo == LaneStatus::Warm {
            continue;
        }
        // The ramp starts at the receipts' day, which no finding calls a
        // skipped ramp, and no fix then defers them again.
        let w = plan.lanes[0].warmup.as_ref().unwrap();
        assert_eq!(w.preset, WarmupPreset::Custom, "{case}");
        let after = all_findings(&plan);
        assert!(
            !after.iter().any(|d| d.code == "warmup.no_ramp"),
            "{case}: {after:?}"
        );
        for d in after {
            let Some(f) = d.fix else { continue };
            let mut next = plan.clone();
            edit_plan(&mut next, Edit::Many(f.edits));
            assert!(urgent(&next).is_none(), "{case}: {} undoes it", f.label);
        }
    }
}

#[test]
fn receipts_on_a_new_lane_go_through_a_warm_lane_while_it_ramps() {
    // (status of the other lane, whether it is warm, the fix offered).
    let via = "Send them through Promotional and move them here as the ramp allows";
    // With no established lane at all, the receipts go out from the first
    // day instead (`receipts_with_no_warm_lane_go_out_from_the_first_day`).
    let cases: [(LaneStatus, bool, Option<&str>); 1] = [(LaneStatus::Warm, true, Some(via))];
    let platforms = [Platform::OwnCode, Platform::CustomerIo];
    for (status, kind) in [LaneStatus::New, LaneStatus::Warming]
        .into_iter()
        .flat_map(|s| platforms.map(|p| (s, p)))
    {
        for &(other, warm, fix) in &cases {
            let case = format!("{status:?} beside {other:?} on {kind:?}");
            let mut plan = receipts_alone(status, WarmupPreset::SendgridAutomated, 500);
            plan.platform.kind = kind;
            // Customer.io sends transactional API mail through one server,
            // on the receipts lane: a move it cannot build is no fix.
            let fix = fix.filter(|_| kind == Platform::OwnCode);
            plan.lanes[1].status = other;
            if warm {
                plan.lanes[1].warmup = None;
            }
            let urgent = |plan: &Plan| {
                lint(plan, &route(plan)).into_iter().find(|d| {
                    d.code == "warmup.defers_urgent" && d.path == "$.lanes[0].warmup.overflow"
                })
            };
            let found = urgent(&plan).unwrap_or_else(|| panic!("{case}"));
            assert_eq!(found.fix.as_ref().map(|f| f.label.as_str()), fix, "{case}");
            let Some(f) = found.fix else { continue };
            let before = plan.clone();
            edit_plan(&mut plan, Edit::Many(f.edits));
            // Through the reducer, the finding is gone, the ramp is still
            // the provider's, and the receipts move with a migration from
            // the warm-up's start.
            assert!(urgent(&plan).is_none(), "{case}");
            let w = plan.lanes[0].warmup.as_ref().unwrap();
            assert_eq!(w.preset, WarmupPreset::SendgridAutomated, "{case}");
            assert_eq!(w.overflow, Overflow::Defer, "{case}");
            let [m] = plan.migrations.as_slice() else {
                panic!("{case}: {:?}", plan.migrations)
            };
            assert_eq!(
                (m.from_lane.as_str(), m.to_lane.as_str()),
                ("promotional", "transactional")
            );
            assert!(!m.whole_lane);
            assert_eq!(
                m.journeys,
                ["order-confirmation", "shipping-updates"],
                "{case}"
            );
            assert_eq!(m.start_date, "2026-12-28");
            // The new lane's calendar holds nothing back: the move gives it
            // what its cap allows and the rest goes out through the warm lane.
            let routing = route(&plan);
            let wanted =
                switchyard::warmup::migration::lane_wanted(&plan, &routing, "transactional");
            let cal = switchyard::warmup::calendar::calendar(w, &wanted, 0).unwrap();
            assert_eq!(cal.total_over_cap, 0, "{case}");
            assert!(wanted.peak() > 0, "{case}");
            // No finding's fix undoes it: none takes the migration away or
            // sends the receipts straight back onto the ramp.
            for d in all_findings(&plan) {
                let Some(f) = d.fix else { continue };
                let mut after = plan.clone();
                edit_plan(&mut after, Edit::Many(f.edits));
                assert!(
                    urgent(&after).is_none() && after != before,
                    "{case}: {} ({}) undoes it",
                    f.label,
                    d.code
                );
            }
        }
    }
}

#[test]
fn a_lane_that_carries_promotions_is_stopped_by_the_promotions_topic_whatever_its_purpose() {
    let mut plan = sample_plan();
    // A shared server being moved off carries promotions and flows.
    plan.lanes[1].purpose = Purpose::Migration;
    let promo = plan.journeys.iter_mut().find(|j| j.intent.is_broadcast());
    promo.unwrap().lane_override = Some("revenue-flows".into());
    let found = all_findings(&plan);
    let finding = found
        .iter()
        .find(|d| d.code == "lint.topic_misses_lane_mail")
        .expect("the gap is found");
    assert_eq!(finding.severity, Severity::Warning);
    assert_eq!(
        finding.message,
        "Unsubscribing from “Offers and new roasts” does not stop the promotions Revenue flows sends, so people who leave them keep getting them."
    );
    let fix = finding.fix.as_ref().unwrap();
    assert_eq!(fix.label, "Let “Offers and new roasts” stop Revenue flows");
    // With no promotion on the lane, nothing is said.
    let mut plain = sample_plan();
    plain.lanes[1].purpose = Purpose::Migration;
    let found = all_findings(&plain);
    assert!(!found
        .iter()
        .any(|d| d.code == "lint.topic_misses_lane_mail"));
}

/// A new lane of receipts and codes with no warm lane to carry them gets a
/// warm-up that sends them from its first day: the plain schedule's fix
/// was followed, once a start was set, by a warning that its receipts wait
/// and a second fix that undid the ramp.
#[test]
fn a_missing_warm_up_for_receipts_alone_sends_them_from_the_first_day() {
    let mut plan = new_plan_with(&[Intent::OrderConfirmation, Intent::PasswordReset]);
    set_volumes(&mut plan, &[3_000, 2_000]);
    let fix = (all_findings(&plan).into_iter())
        .find(|d| d.code == "warmup.missing")
        .and_then(|d| d.fix)
        .expect("a fix");
    assert!(
        fix.label
            .contains("a custom ramp from 5,000 a day, which sends the receipts"),
        "{}",
        fix.label
    );
    edit_plan(&mut plan, Edit::Many(fix.edits));
    let lane = plan.lanes[0].id.clone();
    edit_plan(
        &mut plan,
        Edit::Warmup {
            lane,
            set: switchyard::plan::edit::WarmupField::StartDate("2027-03-01".into()),
        },
    );
    let left = warmup_findings(
        &plan,
        0,
        &["warmup.defers_urgent", "warmup.off_days", "warmup.missing"],
    );
    assert!(left.is_empty(), "{left:?}");
}

/// Marketing mail on the transactional lane is named, journey by journey,
/// so a journey that fell there by default can be found.
#[test]
fn marketing_on_the_transactional_lane_names_its_journeys() {
    let mut plan = sample_plan();
    let i = journey(&plan, "weekly-promo");
    plan.journeys[i].lane_override = Some("transactional".into());
    let name = plan.journeys[i].called().to_string();
    let found = (all_findings(&plan).into_iter())
        .find(|d| d.code == "lint.marketing_on_transactional")
        .expect("told");
    assert!(
        found
            .message
            .ends_with(&format!("carries marketing mail: {name}.")),
        "{}",
        found.message
    );
}

/// The moves of a case: each from the revenue flows lane to a lane (`NEW`
/// for the lane the case adds), from a first day (empty: not scheduled),
/// taking the journeys named.
type Moves = &'static [(&'static str, &'static str, &'static [&'static str])];

/// The lane a case adds, with no mail and no warm-up of its own.
const NEW: &str = "new";

/// The sample with a new revenue flows lane, and `moves` in plan order.
fn with_moves(moves: Moves) -> (Plan, String) {
    let mut plan = sample_plan();
    edit_plan(&mut plan, Edit::AddLane(Purpose::RevenueFlows));
    let new = plan.lanes[3].id.clone();
    for (k, (to, start, journeys)) in moves.iter().enumerate() {
        let to = if *to == NEW { new.as_str() } else { to };
        plan.migrations.push(Migration {
            start_date: start.to_string(),
            whole_lane: false,
            journeys: journeys.iter().map(|j| j.to_string()).collect(),
            ..Migration::new(&format!("m{k}"), "revenue-flows", to)
        });
    }
    (plan, new)
}

/// A lane's lints count each journey moves bring it once, with the move
/// that takes it: a journey two moves name follows the one that starts
/// first. The unsubscribe a lane needs counts only scheduled moves, which
/// send mail through it; its busiest day counts moves not scheduled yet
/// too, since a warm-up set up for a planned move must reach its mail.
#[test]
fn the_lanes_lints_count_each_moved_journey_once_and_only_scheduled_moves_send() {
    // (case, the moves, the new lane's busiest day as the missing warm-up's
    // fix reads it, none without mail, and whether it must offer one-click
    // unsubscribe for the marketing mail moved onto it)
    let cases: [(&str, Moves, Option<u64>, bool); 6] = [
        ("nothing moves", &[], None, false),
        (
            "a scheduled move",
            &[(NEW, "2027-09-06", &["cart-recovery"])],
            Some(2_400),
            true,
        ),
        (
            "a move not yet scheduled sends nothing yet",
            &[(NEW, "", &["cart-recovery"])],
            Some(2_400),
            false,
        ),
        (
            "beside a scheduled move",
            &[
                (NEW, "", &["cart-recovery"]),
                (NEW, "2027-09-06", &["checkout-recovery"]),
            ],
            Some(3_300),
            true,
        ),
        (
            "a journey two moves bring is counted once",
            &[
                (NEW, "2027-09-06", &["cart-recovery"]),
                (NEW, "2027-10-04", &["cart-recovery", "checkout-recovery"]),
            ],
            Some(3_300),
            true,
        ),
        (
            "a journey an earlier move takes elsewhere does not come",
            &[
                ("promotional", "2027-09-06", &["cart-recovery"]),
                (NEW, "2027-10-04", &["cart-recovery", "checkout-recovery"]),
            ],
            Some(900),
            true,
        ),
    ];
    for (case, moves, busiest, one_click) in cases {
        let (plan, new) = with_moves(moves);
        let at = plan.lanes.iter().position(|l| l.id == new).unwrap();
        let found = lint(&plan, &route(&plan));
        let missing = (found.iter())
            .find(|d| d.code == "warmup.missing" && d.path == format!("$.lanes[{at}].warmup"));
        let target = missing.and_then(|d| {
            d.fix.as_ref()?.edits.iter().find_map(|e| match e {
                Edit::Warmup {
                    set: switchyard::plan::edit::WarmupField::TargetVolume(v),
                    ..
                } => Some(*v),
                _ => None,
            })
        });
        let expected = busiest.map(|b| switchyard::plan::ranges::Fitted::warmup_volume(b).value);
        assert_eq!(target, expected, "{case}: {missing:?}");
        let name = &plan.lanes[at].name;
        let asked = (found.iter())
            .any(|d| d.code == "lint.no_one_click" && d.message.starts_with(name.as_str()));
        assert_eq!(asked, one_click, "{case}");
    }
}

/// A mix a move would make is told on the move before it is scheduled, as
/// a rule's would be; a journey an earlier move takes elsewhere makes none.
#[test]
fn a_mix_counts_the_journeys_the_move_brings() {
    // (case, the moves, whether promotions and recovery meet on the
    // promotional lane)
    let cases: [(&str, Moves, bool); 3] = [
        (
            "a move not yet scheduled",
            &[("promotional", "", &["cart-recovery"])],
            true,
        ),
        (
            "a scheduled move",
            &[("promotional", "2027-10-04", &["cart-recovery"])],
            true,
        ),
        (
            "an earlier move takes it to another lane first",
            &[
                (NEW, "2027-09-06", &["cart-recovery"]),
                ("promotional", "2027-10-04", &["cart-recovery"]),
            ],
            false,
        ),
    ];
    for (case, moves, mixed) in cases {
        let (plan, _) = with_moves(moves);
        let found = lint(&plan, &route(&plan));
        let mix = (found.iter()).any(|d| d.code == "lint.promos_with_recovery");
        assert_eq!(mix, mixed, "{case}: {found:#?}");
    }
}

/// A paused lane's finding names its journeys and the mail they want a day.
#[test]
fn a_paused_lane_with_journeys_says_what_goes_unsent() {
    let mut plan = sample_plan();
    let at = plan
        .lanes
        .iter()
        .position(|l| l.id == "revenue-flows")
        .unwrap();
    plan.lanes[at].status = LaneStatus::Paused;
    let found: Vec<Diagnostic> = lint(&plan, &route(&plan))
        .into_iter()
        .filter(|d| d.code == "lint.paused_with_mail")
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].path, format!("$.lanes[{at}].status"));
    let message = &found[0].message;
    assert!(
        message.starts_with("Revenue flows is paused, yet 7 journeys route to it (“"),
        "{message}"
    );
    assert!(
        message
            .ends_with(" and 4 more): 11,000 messages a day are not sent while it stays paused."),
        "{message}"
    );
    // Set back to warm, the lane sends, and the finding goes.
    plan.lanes[at].status = LaneStatus::Warm;
    assert!(!lint(&plan, &route(&plan))
        .iter()
        .any(|d| d.code == "lint.paused_with_mail"));
}

/// A journey without a name is "Unnamed journey" wherever findings quote
/// it, as the Journeys tab calls it, never an empty “”.
#[test]
fn an_unnamed_journey_is_called_unnamed_in_findings() {
    let mut plan = sample_plan();
    let cart = (plan.journeys.iter_mut())
        .find(|j| j.id == "cart-recovery")
        .unwrap();
    cart.name = "  ".into();
    plan.lanes[1].status = LaneStatus::Paused;
    let routing = route(&plan);
    let found = lint(&plan, &routing);
    let quoted: Vec<&Diagnostic> = found
        .iter()
        .chain(routing.diagnostics.iter())
        .filter(|d| d.message.contains("“Unnamed journey”"))
        .collect();
    assert!(!quoted.is_empty(), "{found:#?}");
    for d in found.iter().chain(routing.diagnostics.iter()) {
        assert!(!d.message.contains("“”"), "{}: {}", d.code, d.message);
        assert!(!d.message.contains("“  ”"), "{}: {}", d.code, d.message);
    }
}

#[test]
fn lanes_left_on_the_old_primary_domain_move_under_the_new_one() {
    // (the lanes' sending domains, the brand's new domain, each lane's move)
    type Case<'a> = (&'a [&'a str], &'a str, &'a [Option<&'a str>]);
    let cases: [Case; 5] = [
        (
            &[
                "receipts.fernleafcoffee.com",
                "flows.fernleafcoffee.com",
                "mail.fernleafcoffee.com",
            ],
            "fernleafroasters.com",
            &[
                Some("receipts.fernleafroasters.com"),
                Some("flows.fernleafroasters.com"),
                Some("mail.fernleafroasters.com"),
            ],
        ),
        // The labels under the domain the lanes share, not only the first.
        (
            &["a.receipts.old.co.uk", "b.flows.old.co.uk", "mail.new.com"],
            "new.com",
            &[Some("a.receipts.new.com"), Some("b.flows.new.com"), None],
        ),
        // Alone outside, a lane takes its first label; a domain of two
        // labels has none to take.
        (
            &["receipts.old.example", "flows.new.com", "old.example"],
            "new.com",
            &[Some("receipts.new.com"), None, None],
        ),
        // A registered domain under a country code's has no lane's label.
        (
            &["fernleaf.co.uk", "flows.new.com", "mail.new.com"],
            "new.com",
            &[None, None, None],
        ),
        // Never onto another lane's domain.
        (
            &["flows.old.example", "flows.new.com", "mail.new.com"],
            "new.com",
            &[None, None, None],
        ),
    ];
    for (domains, primary, moves) in cases {
        let mut plan = sample_plan();
        plan.brand.primary_domain = primary.into();
        for (lane, domain) in plan.lanes.iter_mut().zip(domains) {
            lane.sending_domain = domain.to_string();
            lane.from_address = format!("hello@{domain}");
            lane.return_path_domain = format!("bounce.{domain}");
            lane.tracking_domain = format!("links.{domain}");
        }
        let found = lint(&plan, &route(&plan));
        for (index, moved) in moves.iter().enumerate() {
            let at = |field: &str| format!("$.lanes[{index}].{field}");
            let from = found
                .iter()
                .find(|d| d.code == "lint.from_domain" && d.path == at("from_address"));
            let fix = from.and_then(|d| d.fix.as_ref());
            let set = fix.map(|f| f.edits.clone());
            let expected = moved.map(|m| {
                vec![Edit::Lane {
                    lane: plan.lanes[index].id.clone(),
                    set: LaneField::SendingDomain(m.to_string()),
                }]
            });
            assert_eq!(set, expected, "{domains:?} {index}");
            // A lane that moves takes its bounce and link domains along,
            // which need no finding of their own.
            let outside = (found.iter())
                .filter(|d| d.code == "lint.outside_domain")
                .any(|d| d.path.starts_with(&format!("$.lanes[{index}].")));
            let inside = domains[index].ends_with(primary);
            assert_eq!(outside, moved.is_none() && !inside, "{domains:?} {index}");
            // Under a sending domain outside too, the hint moves the lane.
            for d in (found.iter())
                .filter(|d| d.code == "lint.outside_domain" && d.path.starts_with(&at("")))
            {
                let said = format!("It is under the lane's sending domain {}, which is outside the brand's domain too", domains[index]);
                assert!(d.hint.starts_with(&said), "{}", d.hint);
            }
        }
    }
}

/// On Customer.io, the fix that takes recovery flows off a lane of
/// promotions takes the lifecycle journeys of their message types along,
/// but never a receipt onto the marketing lane.
#[test]
fn the_recovery_fix_on_customer_io_leaves_receipts_where_they_are() {
    let mut plan = sample_plan();
    plan.platform.kind = Platform::CustomerIo;
    // Receipts started by events, as recovery flows are: one message type.
    for j in plan.journeys.iter_mut() {
        j.lane_override = Some("transactional".into());
        if j.intent.is_transactional() {
            j.trigger = Trigger::Event {
                event_name: "Order placed".into(),
                latency_minutes: 0,
                delay_minutes: 0,
            };
        }
    }
    let found = lint(&plan, &route(&plan));
    let finding = (found.iter())
        .find(|d| d.code == "lint.promos_with_recovery")
        .expect("promotions beside recovery");
    let fix = finding.fix.clone().expect("a fix");
    let mut fixed = plan.clone();
    edit_plan(&mut fixed, Edit::Many(fix.edits.clone()));
    let moved: Vec<&Journey> = (fixed.journeys.iter())
        .filter(|j| j.lane_override.as_deref() != Some("transactional"))
        .collect();
    assert!(
        moved.iter().any(|j| j.intent.is_recovery()),
        "{}",
        fix.label
    );
    assert!(
        !moved.iter().any(|j| j.intent.is_transactional()),
        "{}",
        fix.label
    );
    let after = lint(&fixed, &route(&fixed));
    assert!(
        !after
            .iter()
            .any(|d| d.code == "lint.transactional_on_marketing"),
        "{:?}",
        after.iter().map(|d| &d.code).collect::<Vec<_>>()
    );
}
