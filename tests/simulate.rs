//! The reputation simulator: properties over many varied plans, the
//! scenario that justifies lanes, Gmail's 7-day rule, complaint lag,
//! fallback plans and deferred mail.

use switchyard::plan::model::Trigger;
use switchyard::plan::model::*;
use switchyard::plan::routing::route;
use switchyard::plan::sample::sample_plan;
use switchyard::simulate::*;
use switchyard::warmup::calendar::cohort;

fn settings(start: &str) -> Settings {
    Settings {
        start_date: start.into(),
        ..Settings::default()
    }
}

/// The sample with a noisy promotion calendar: promotions to everyone,
/// unengaged included, and a warm promotional lane.
fn noisy() -> Plan {
    let mut plan = sample_plan();
    for j in &mut plan.journeys {
        if matches!(j.intent, Intent::PromotionalBroadcast | Intent::Newsletter) {
            j.audience = Audience::All;
        }
    }
    plan.lanes[2].warmup = None;
    plan.lanes[2].status = LaneStatus::Warm;
    plan.lanes[2].engagement_filter = EngagementFilter::None;
    plan
}

/// The promotional lane's fallback: pause promotions at 0.3% complaints
/// or 5% bounces.
fn pause_promotions() -> Fallback {
    Fallback {
        lane_id: "promotional".into(),
        action: Action::PausePromotions,
        complaints_at: 0.003,
        bounces_at: 0.05,
    }
}

fn run(plan: &Plan, s: &Settings, fallbacks: &[Fallback]) -> Run {
    simulate(plan, &route(plan), s, fallbacks).expect("a start date is set")
}

/// A small deterministic generator, so every case can be replayed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// Plans and settings that vary presets, dates, weekdays, volumes and rates.
fn cases() -> Vec<(Plan, Settings)> {
    let mut rng = Lcg(7);
    (0..60)
        .map(|_| {
            let mut plan = sample_plan();
            for lane in &mut plan.lanes {
                if rng.next(2) == 0 {
                    lane.warmup = Some(WarmupPlan {
                        preset: WarmupPreset::ALL[rng.next(11) as usize],
                        start_date: format!("2027-0{}-0{}", 1 + rng.next(9), 1 + rng.next(9)),
                        sending_weekdays: (1..=7).filter(|_| rng.next(4) != 0).collect(),
                        skipped_dates: vec![format!("2027-0{}-1{}", 1 + rng.next(9), rng.next(10))],
                        overflow: Overflow::ALL[rng.next(3) as usize],
                        spill_lane: Some("transactional".into()),
                        ..WarmupPlan::default()
                    });
                }
            }
            for j in &mut plan.journeys {
                j.daily_volume = (rng.next(50_000) + 1) as u32;
            }
            let mut s = settings(&format!("2027-0{}-1{}", 1 + rng.next(9), rng.next(10)));
            s.complaint_multiplier = 0.5 + rng.next(40) as f64 / 4.0;
            s.promo_frequency = 0.5 + rng.next(8) as f64 / 2.0;
            s.days = 30 + rng.next(90) as u32;
            (plan, s)
        })
        .collect()
}

#[test]
fn reputation_stays_between_0_and_1_and_accepted_mail_within_the_cap() {
    for (plan, s) in cases() {
        let r = run(&plan, &s, &[]);
        for lane in &r.lanes {
            assert_eq!(lane.days.len() as u32, s.days);
            for d in &lane.days {
                assert!(
                    d.reputation.iter().all(|r| (0.0..=1.0).contains(r)),
                    "{d:?}"
                );
                assert!(d.accepted <= d.requested + 1e-6, "{d:?}");
                if let Some(cap) = d.cap {
                    assert!(d.accepted <= cap + 1e-6, "{d:?}");
                }
                assert!(d.inbox <= d.delivered + 1e-6 && d.delivered <= d.accepted + 1e-6);
                assert!(d.revenue >= 0.0 && d.revenue_flows <= d.revenue + 1e-6);
            }
        }
    }
}

#[test]
fn the_same_inputs_give_the_same_run() {
    for (plan, s) in cases().into_iter().take(10) {
        assert_eq!(run(&plan, &s, &[]), run(&plan, &s, &[]));
    }
}

#[test]
fn skipped_days_never_advance_the_ramp() {
    let mut plan = sample_plan();
    let base = plan.lanes[2].warmup.clone().unwrap();
    let caps = |plan: &Plan| -> Vec<f64> {
        run(plan, &settings("2027-09-06"), &[]).lanes[2]
            .days
            .iter()
            .filter(|d| d.accepted > 0.0)
            .filter_map(|d| d.cap)
            .collect()
    };
    plan.lanes[2].warmup = Some(WarmupPlan {
        skipped_dates: vec![],
        ..base.clone()
    });
    let without = caps(&plan);
    plan.lanes[2].warmup = Some(WarmupPlan {
        skipped_dates: vec![
            "2027-09-07".into(),
            "2027-09-08".into(),
            "2027-09-21".into(),
        ],
        ..base
    });
    let with = caps(&plan);
    // The same ramp, one sending day later for each skipped one.
    assert_eq!(with[..with.len() - 3], without[..with.len() - 3]);
}

#[test]
fn lanes_protect_the_revenue_flows_from_a_noisy_promotion_calendar() {
    let plan = noisy();
    let mut s = settings("2027-09-06");
    s.promo_frequency = 3.0;
    let split = run(&plan, &s, &[]);
    let shared = simulate_single_lane(&plan, &route(&plan), &s, (&[], &[])).unwrap();
    let flows = |r: &Run| r.total(|d| d.revenue_flows);
    assert!(
        flows(&split) > flows(&shared) * 2.0,
        "split {} vs shared {}",
        flows(&split),
        flows(&shared)
    );
    // The single lane mails everyone at once: more mail, but worse placement.
    let rate = |r: &Run| r.total(|d| d.inbox) / r.total(|d| d.delivered);
    assert!(
        rate(&split) > rate(&shared),
        "{} vs {}",
        rate(&split),
        rate(&shared)
    );
}

#[test]
fn gmail_mitigation_returns_after_seven_days_under_the_limit() {
    let plan = noisy();
    let mut s = settings("2027-01-04");
    s.days = 20;
    // Promotions to everyone run over 0.3%: no mitigation at Gmail.
    let hot = run(&plan, &s, &[]);
    let promo = &hot.lanes[2];
    assert!(
        promo.days[0].complaint_rate > 0.003,
        "{}",
        promo.days[0].complaint_rate
    );
    // Complaints are reported two days late, and so is the rule.
    assert!(!promo.days[1].gmail_ineligible);
    assert!(promo.days[2..].iter().all(|d| d.gmail_ineligible));
    // The fallback fires the day the complaints are known and pauses
    // promotions from the next: ineligible until seven days in a row of
    // known complaints are under the limit.
    let fallback = pause_promotions();
    let cooled = run(&plan, &s, &[fallback]);
    let days = &cooled.lanes[2].days;
    assert!(days[2].gmail_ineligible);
    let cool_from = days.iter().position(|d| d.complaint_rate < 0.003).unwrap();
    let first_eligible = days
        .iter()
        .skip(2)
        .position(|d| !d.gmail_ineligible)
        .unwrap()
        + 2;
    // The last hot day is known two days on; seven clean days later the
    // lane is eligible again.
    assert_eq!(
        first_eligible,
        cool_from + 2 + 6,
        "{:?}",
        days.iter()
            .map(|d| (d.complaint_rate, d.gmail_ineligible))
            .collect::<Vec<_>>()
    );
}

#[test]
fn complaints_reach_the_reputation_after_the_lag() {
    let plan = noisy();
    let mut s = settings("2027-01-04");
    s.days = 6;
    let r = run(&plan, &s, &[]);
    let gmail = |i: usize| r.lanes[2].days[i].reputation[0];
    // No complaint signal for the first two days: reputation only rises.
    assert!(gmail(1) >= gmail(0));
    assert!(gmail(3) < gmail(1), "{} then {}", gmail(1), gmail(3));
}

#[test]
fn a_fallback_fires_on_its_trigger_and_changes_what_is_sent() {
    let plan = noisy();
    let mut s = settings("2027-01-04");
    s.days = 30;
    let fallback = pause_promotions();
    let without = run(&plan, &s, &[]);
    let with = run(&plan, &s, std::slice::from_ref(&fallback));
    let lane = &with.lanes[2];
    // The first day's complaints are reported two days later.
    assert_eq!(lane.fallback_on.as_deref(), Some("2027-01-06"));
    // The reputation takes the same late complaints, so it trips too.
    use switchyard::simulate::Trigger;
    assert!(
        matches!(
            lane.days[2].triggered,
            Some(Trigger::Complaints | Trigger::TierLow)
        ),
        "{:?}",
        lane.days[2].triggered
    );
    assert_eq!(lane.days[1].triggered, None);
    // Paused promotions are still wanted, and counted as not sent.
    let (paused, sent) = (&lane.days[5], &without.lanes[2].days[5]);
    assert!(close(paused.requested, sent.requested), "{paused:?}");
    assert!(paused.accepted < sent.accepted, "{paused:?}");
    assert!(paused.withheld > 0.0 && close(paused.lost, paused.withheld));
    // Shifting instead moves the promotions to the named lane.
    let shift = Fallback {
        action: Action::ShiftTo("revenue-flows".into()),
        ..fallback
    };
    let shifted = run(&plan, &s, &[shift]);
    assert!(shifted.lanes[1].days[5].requested > without.lanes[1].days[5].requested);
}

#[test]
fn a_quiet_days_rates_trip_no_fallback() {
    // The same noisy promotions, but a few dozen a day: a fraction of one
    // complaint is no signal, as monitoring's 500-message floor says.
    let mut plan = noisy();
    for j in &mut plan.journeys {
        if matches!(j.intent, Intent::PromotionalBroadcast | Intent::Newsletter) {
            j.daily_volume = 10;
        }
    }
    let mut s = settings("2027-01-04");
    s.days = 30;
    let fallback = pause_promotions();
    let quiet = run(&plan, &s, &[fallback]);
    let lane = &quiet.lanes[2];
    assert!(lane.days.iter().all(|d| d.accepted < 500.0));
    assert!(
        lane.days[0].complaint_rate > 0.003,
        "the rate alone would trip it"
    );
    // Nothing trips on so little mail: not the complaint or bounce line,
    // and not the tier, which Postmaster Tools does not show for it.
    let tier = |d: &&LaneDay| Tier::of((0..5).map(|p| s.mix[p] * d.reputation[p]).sum());
    let low = lane
        .days
        .iter()
        .filter(|d| matches!(tier(d), Tier::Low | Tier::Bad));
    assert!(low.count() > 0, "the tier alone would trip it");
    assert!(lane.days.iter().all(|d| d.triggered.is_none()));
    assert_eq!(lane.fallback_on, None);
}

#[test]
fn quality_has_knees_at_the_published_thresholds() {
    let cases = [
        (0.0, 0.0, 1.0),
        (0.0005, 0.0, 1.0),
        (0.001, 0.0, 0.8),
        (0.002, 0.0, 0.5),
        (0.003, 0.0, 0.0),
        (0.0, 0.02, 1.0),
        (0.0, 0.05, 0.5),
        (0.0, 0.10, 0.0),
        (0.001, 0.05, 0.5),
    ];
    for (c, b, q) in cases {
        assert!(
            (quality(c, b) - q).abs() < 1e-9,
            "{c} {b}: {}",
            quality(c, b)
        );
    }
    assert_eq!(Tier::of(0.9), Tier::High);
    assert_eq!(Tier::of(0.5), Tier::Low);
    assert_eq!(Tier::of(0.1), Tier::Bad);
}

/// One journey's mail: intent, audience, daily volume, revenue per recipient.
type JourneyMail = (Intent, Audience, u32, f64);

/// The sample's default lane alone, carrying `journeys`, on a custom ramp
/// from `cap` a day (doubling after each clean day when `ceiling` is set,
/// until it lifts at `ceiling`) that defers what it cannot send.
fn deferring(cap: u64, ceiling: u64, weekdays: &[u8], journeys: &[JourneyMail]) -> Plan {
    let (mut plan, _) = single_lane(&sample_plan());
    plan.lanes[0].warmup = Some(WarmupPlan {
        preset: WarmupPreset::Custom,
        custom: CustomRamp {
            start_volume: cap,
            growth_percent: if ceiling > 0 { 100 } else { 0 },
            hold_days: if ceiling > 0 { 1 } else { 1000 },
            cap: ceiling,
        },
        start_date: "2027-01-04".into(),
        sending_weekdays: weekdays.to_vec(),
        overflow: Overflow::Defer,
        ..WarmupPlan::default()
    });
    // Mail to a segment reaches the journey's audience, so each journey's
    // cohort is its audience's.
    let template = Journey {
        trigger: Trigger::SegmentEntry {
            segment: "Test".into(),
        },
        ..plan.journeys[0].clone()
    };
    plan.journeys = journeys
        .iter()
        .enumerate()
        .map(|(n, &(intent, audience, daily_volume, revenue))| Journey {
            id: format!("journey-{n}"),
            intent,
            audience,
            daily_volume,
            revenue_per_recipient: revenue,
            ..template.clone()
        })
        .collect();
    plan
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn deferred_mail_is_sent_in_its_own_cohort_with_its_factors_and_value() {
    // (intent, audience, revenue per recipient, whether a revenue flow).
    let cases = [
        (Intent::PromotionalBroadcast, Audience::All, 0.5, false),
        (Intent::Winback, Audience::Engaged60, 0.8, false),
        (Intent::CartAbandonment, Audience::Engaged90, 2.0, true),
        (Intent::Newsletter, Audience::Engaged30, 0.3, false),
    ];
    let mut s = settings("2027-01-04");
    s.days = 14;
    for (intent, audience, revenue, flow) in cases {
        // 1,500 wanted a weekday under a cap of 1,000: from the second
        // sending day, part of each day's mail is deferred mail.
        let plan = deferring(
            1000,
            0,
            &[1, 2, 3, 4, 5],
            &[(intent, audience, 1500, revenue)],
        );
        let r = run(&plan, &s, &[]);
        let c = cohort(audience);
        let (f, g) = intent_factors(intent);
        let sending: Vec<_> = r.lanes[0]
            .days
            .iter()
            .filter(|d| d.accepted > 0.0)
            .collect();
        assert_eq!(sending.len(), 10, "{intent:?}");
        for d in sending {
            let case = format!("{intent:?} {audience:?} {}", d.date);
            assert!(
                close(d.accepted, 1000.0) && d.requested > 1500.0 - 1e-9,
                "{case}: {d:?}"
            );
            // Every message sent is from the journey's cohort at its factors.
            let bounces = s.bounce_rate[c] * g;
            assert!(close(d.bounce_rate, bounces), "{case}: {}", d.bounce_rate);
            let complaints = s.complaint_rate[c] * f / (1.0 - bounces);
            assert!(
                close(d.complaint_rate, complaints),
                "{case}: {}",
                d.complaint_rate
            );
            // Every message in the inbox earns the journey's revenue.
            assert!(close(d.revenue, d.inbox * revenue), "{case}: {d:?}");
            let flows = if flow { d.revenue } else { 0.0 };
            assert!(close(d.revenue_flows, flows), "{case}: {d:?}");
        }
    }
}

#[test]
fn deferring_neither_loses_nor_doubles_mail() {
    let mixed = [
        (Intent::CartAbandonment, Audience::Engaged30, 900, 2.0),
        (Intent::Welcome, Audience::Engaged60, 600, 0.0),
        (Intent::Newsletter, Audience::Engaged30, 500, 0.3),
    ];
    let promo = [(Intent::PromotionalBroadcast, Audience::All, 1500, 0.5)];
    // (cap, ceiling, weekdays, journeys, days, whether the backlog clears).
    type Case<'a> = (u64, u64, &'a [u8], &'a [JourneyMail], u32, bool);
    let cases: [Case; 4] = [
        (1000, 0, &[1, 2, 3, 4, 5], &promo, 14, false),
        (700, 0, &[1, 3, 5], &promo, 20, false),
        // The ramp lifts on the fourth sending day and the runs end on a
        // sending day, so the backlog clears.
        (1000, 8000, &[1, 2, 3, 4, 5], &mixed, 19, true),
        (1000, 8000, &[1, 2, 3, 4, 5, 6, 7], &mixed, 10, true),
    ];
    for (cap, ceiling, weekdays, journeys, days, clears) in cases {
        let plan = deferring(cap, ceiling, weekdays, journeys);
        let mut s = settings("2027-01-04");
        s.days = days;
        let r = run(&plan, &s, &[]);
        let daily: f64 = journeys.iter().map(|j| f64::from(j.2)).sum();
        let mut left = 0.0;
        for d in &r.lanes[0].days {
            // Every day wants its own mail and all that is left, which a
            // day without sending keeps.
            assert!(close(d.requested, daily + left), "{weekdays:?} {d:?}");
            assert!(close(d.deferred, left), "{weekdays:?} {d:?}");
            left = d.requested - d.accepted;
        }
        let sent = r.total(|d| d.accepted);
        let all = daily * f64::from(days);
        assert!(
            close(sent + left, all),
            "{weekdays:?}: {sent} + {left} vs {all}"
        );
        assert_eq!(close(left, 0.0), clears, "{weekdays:?}: {left} left");
    }
}

#[test]
fn deferred_mail_goes_out_before_the_days_own_mail() {
    // 800 engaged-30 newsletters and 800 promotions to everyone a day, under
    // a cap of 1,000. Day one sends the newsletters and 200 promotions; day
    // two sends the 600 deferred promotions first, then 400 newsletters.
    let plan = deferring(
        1000,
        0,
        &[1, 2, 3, 4, 5, 6, 7],
        &[
            (Intent::Newsletter, Audience::Engaged30, 800, 0.3),
            (Intent::PromotionalBroadcast, Audience::All, 800, 0.5),
        ],
    );
    let mut s = settings("2027-01-04");
    s.days = 2;
    let r = run(&plan, &s, &[]);
    let (news, promo) = (cohort(Audience::Engaged30), cohort(Audience::All));
    let bounce = |n: f64, p: f64| {
        let (newsletter, broadcast) = (
            intent_factors(Intent::Newsletter).1,
            intent_factors(Intent::PromotionalBroadcast).1,
        );
        (n * s.bounce_rate[news] * newsletter + p * s.bounce_rate[promo] * broadcast) / (n + p)
    };
    let days = &r.lanes[0].days;
    // (day, newsletters sent, promotions sent).
    for (d, n, p) in [(0, 800.0, 200.0), (1, 400.0, 600.0)] {
        assert!(close(days[d].accepted, 1000.0), "{:?}", days[d]);
        assert!(
            close(days[d].bounce_rate, bounce(n, p)),
            "day {d}: {} against {}",
            days[d].bounce_rate,
            bounce(n, p)
        );
    }
}

#[test]
fn a_warm_lane_sends_at_weekends_though_it_ramped_up_on_weekdays() {
    // The sample's promotional lane ramps Mon–Fri from 2027-09-06 and keeps
    // 2027-10-11 free; once warm, weekend mail goes out.
    let plan = sample_plan();
    let mut s = settings("2027-09-06");
    s.days = 60;
    let r = run(&plan, &s, &[]);
    let promo = plan
        .lanes
        .iter()
        .position(|l| l.id == "promotional")
        .unwrap();
    let days = &r.lanes[promo].days;
    let on = |date: &str| days.iter().find(|d| d.date == date).unwrap();
    // (day, whether it sends): the first weekend is still in the ramp.
    for (date, sends) in [
        ("2027-09-11", false),
        ("2027-10-02", true),
        ("2027-10-03", true),
        ("2027-10-11", false),
        ("2027-10-30", true),
    ] {
        let d = on(date);
        assert_eq!(d.accepted > 0.0, sends, "{date}: {d:?}");
    }
}

#[test]
fn a_warm_lane_back_from_a_long_pause_ramps_on_its_weekdays() {
    // A Mon–Fri ramp from Monday 2027-01-04 of 1,000 a day, doubling, warm
    // at 4,000 within the first week; then 33 days without sending from
    // Monday 2027-01-11. The pause ends on a Saturday, but the ramp starts
    // again, so the lane waits for Monday and sends its first day's cap.
    let mut plan = deferring(
        1000,
        4000,
        &[1, 2, 3, 4, 5],
        &[(Intent::Newsletter, Audience::Engaged30, 2000, 0.3)],
    );
    let first = chrono::NaiveDate::from_ymd_opt(2027, 1, 11).unwrap();
    plan.lanes[0].warmup.as_mut().unwrap().skipped_dates =
        first.iter_days().take(33).map(|d| d.to_string()).collect();
    let mut s = settings("2027-01-04");
    s.days = 50;
    let r = run(&plan, &s, &[]);
    let on = |date: &str| r.lanes[0].days.iter().find(|d| d.date == date).unwrap();
    assert!(on("2027-01-09").accepted > 0.0, "warm: Saturdays send");
    for weekend in ["2027-02-13", "2027-02-14"] {
        assert_eq!(on(weekend).accepted, 0.0, "{weekend}");
    }
    let back = on("2027-02-15");
    assert_eq!(back.cap, Some(1000.0));
    assert!(close(back.accepted, 1000.0), "{back:?}");
}

#[test]
fn a_lane_is_warm_against_the_mail_the_what_if_settings_give_it() {
    // A Mon–Fri ramp held at 1,000 a day, carrying 800 promotions a day:
    // warm as planned, so it sends on Saturday. At twice the promotion
    // frequency its 1,600 a day are over the cap, so it keeps to weekdays.
    let plan = deferring(
        1000,
        0,
        &[1, 2, 3, 4, 5],
        &[(Intent::PromotionalBroadcast, Audience::All, 800, 0.5)],
    );
    let mut s = settings("2027-01-04");
    s.days = 7;
    let saturday = |s: &Settings| run(&plan, s, &[]).lanes[0].days[5].accepted;
    assert!(saturday(&s) > 0.0);
    s.promo_frequency = 2.0;
    assert_eq!(saturday(&s), 0.0);
}

/// The sample plan's own run and its one-lane run, at a promotional
/// frequency in percent, with the plan's what-if settings and fallbacks.
fn sample_against_one_lane(plan: &Plan, promo_percent: u32) -> (Run, Run) {
    let mut plan = plan.clone();
    plan.simulation.promo_frequency_percent = promo_percent;
    let (s, fallbacks) = from_plan(&plan).expect("the sample has a warm-up start");
    let ours = run(&plan, &s, &fallbacks);
    let shared =
        simulate_single_lane(&plan, &route(&plan), &s, (&[], &[])).expect("a start date is set");
    (ours, shared)
}

/// A lane's reputation on its last day, over the default provider mix.
fn final_reputation(lane: &LaneRun) -> f64 {
    let mix = Settings::default().mix;
    let last = lane.days.last().expect("the run has days");
    (0..5).map(|p| mix[p] * last.reputation[p]).sum()
}

fn inbox_rate(r: &Run) -> f64 {
    r.total(|d| d.inbox) / r.total(|d| d.delivered)
}

#[test]
fn more_promotions_never_improve_the_one_lane_baseline() {
    // (what is measured, the figure): none may rise as promotions grow.
    type Figure = (&'static str, fn(&Run) -> f64);
    let figures: [Figure; 3] = [
        ("reputation", |r| final_reputation(&r.lanes[0])),
        ("inbox placement", inbox_rate),
        ("revenue flows", |r| r.total(|d| d.revenue_flows)),
    ];
    let percents = [50, 100, 150, 200, 250, 300, 400];
    let shared: Vec<Run> = percents
        .iter()
        .map(|&p| sample_against_one_lane(&sample_plan(), p).1)
        .collect();
    for (name, figure) in figures {
        for (pair, runs) in percents.windows(2).zip(shared.windows(2)) {
            let (before, after) = (figure(&runs[0]), figure(&runs[1]));
            assert!(
                after <= before * (1.0 + 1e-12),
                "{name} rose from {before} at {}% to {after} at {}%",
                pair[0],
                pair[1]
            );
        }
    }
}

#[test]
fn the_revenue_flows_lane_keeps_a_reputation_no_worse_than_promotions() {
    // (promotional frequency, complaint rates), both in %.
    let cases = [(50, 100), (100, 100), (150, 100), (200, 100), (300, 150)];
    for (promo, complaints) in cases {
        let mut plan = sample_plan();
        plan.simulation.complaint_percent = complaints;
        let (ours, _) = sample_against_one_lane(&plan, promo);
        let lane = |id: &str| ours.lanes.iter().find(|l| l.lane_id == id).unwrap();
        let (flows, promotions) = (
            final_reputation(lane("revenue-flows")),
            final_reputation(lane("promotional")),
        );
        assert!(
            flows >= promotions,
            "{promo}% promotions, {complaints}% complaints: flows {flows} vs promotions {promotions}"
        );
    }
}

#[test]
fn without_a_warm_up_to_pay_for_the_split_earns_no_less_than_one_lane() {
    // The sample's promotional lane already warm: the runs differ only in
    // the lanes, so the split may not lose revenue or its flows' revenue.
    let mut plan = sample_plan();
    plan.lanes[2].warmup = None;
    plan.lanes[2].status = LaneStatus::Warm;
    plan.simulation.start_date = "2027-09-06".into();
    for promo in [50, 100, 200, 300] {
        let (ours, shared) = sample_against_one_lane(&plan, promo);
        type Pick = (&'static str, fn(&LaneDay) -> f64);
        let picks: [Pick; 2] = [
            ("revenue", |d| d.revenue),
            ("revenue flows", |d| d.revenue_flows),
        ];
        for (name, pick) in picks {
            let (split, one) = (ours.total(pick), shared.total(pick));
            assert!(
                split >= one * (1.0 - 1e-9),
                "{promo}%: {name} {split} split vs {one} on one lane"
            );
        }
    }
}

#[test]
fn a_journey_started_by_its_recipient_mails_the_most_engaged_cohort() {
    // (intent, trigger, audience, the cohort whose rates its mail draws).
    let event = Trigger::Event {
        event_name: "Added to Cart".into(),
        latency_minutes: 2,
        delay_minutes: 60,
    };
    let receipt = Trigger::TransactionalApi {
        message: "receipt".into(),
    };
    let segment = Trigger::SegmentEntry {
        segment: "No order in 90 days".into(),
    };
    let cases = [
        (Intent::CartAbandonment, event.clone(), Audience::All, 0),
        (Intent::OrderConfirmation, receipt, Audience::All, 0),
        (Intent::Welcome, event.clone(), Audience::Engaged90, 0),
        (Intent::Winback, segment.clone(), Audience::All, 3),
        (Intent::Replenishment, segment, Audience::Engaged90, 2),
        // Promotions reach their audience however they are started.
        (Intent::PromotionalBroadcast, event, Audience::Engaged60, 1),
    ];
    let mut s = settings("2027-01-04");
    s.days = 3;
    for (intent, trigger, audience, c) in cases {
        let mut plan = deferring(100_000, 0, &[1, 2, 3, 4, 5, 6, 7], &[]);
        plan.journeys = vec![Journey {
            id: "journey".into(),
            intent,
            trigger,
            audience,
            daily_volume: 1000,
            ..sample_plan().journeys[0].clone()
        }];
        let d = &run(&plan, &s, &[]).lanes[0].days[0];
        let bounces = s.bounce_rate[c] * intent_factors(intent).1;
        assert!(close(d.bounce_rate, bounces), "{intent:?}: {d:?}");
        // The warm-up calendar counts the mail in the same cohort.
        let lane = plan.lanes[0].id.clone();
        let requested =
            switchyard::warmup::calendar::Wanted::of_lane(&plan, &route(&plan), &lane).average();
        let mut wanted = [0; 4];
        wanted[c] = 1000;
        assert_eq!(requested, wanted, "{intent:?}");
    }
}

/// The sample with its promotion sent on Tuesdays and its newsletter on
/// every other Thursday.
fn with_send_days() -> Plan {
    let mut plan = sample_plan();
    for (id, day) in [
        ("weekly-promo", Weekday::Tuesday),
        ("newsletter", Weekday::Thursday),
    ] {
        let j = plan.journeys.iter_mut().find(|j| j.id == id).unwrap();
        if let Trigger::Scheduled { send_day, .. } = &mut j.trigger {
            *send_day = Some(day);
        }
    }
    plan
}

#[test]
fn a_day_without_sending_wants_what_the_warm_up_calendar_wants() {
    // The sample's promotional lane ramps on weekdays and keeps 2027-10-11
    // free; every day of its calendar, sending or not, wants the same as
    // the Warm-up tab shows (its mail and, on a day off, the day's own),
    // with its mail spread over the days or sent on its send days.
    // Spread, every sending day but the peak's is clean and the cap goes
    // when the calendar's does; on send days the promotion's engaged-90 mail fails
    // the health gates, which the calendar does not model.
    for (plan, gated) in [(sample_plan(), false), (with_send_days(), true)] {
        let routing = route(&plan);
        let warmup = plan.lanes[2].warmup.as_ref().unwrap();
        let wanted = switchyard::warmup::calendar::Wanted::of_lane(&plan, &routing, "promotional");
        let calendar = switchyard::warmup::calendar::calendar(warmup, &wanted, 90).unwrap();
        let mut s = settings("2027-09-06");
        s.days = 90;
        let sim = run(&plan, &s, &[]);
        for (day, cal) in sim.lanes[2].days.iter().zip(&calendar.days) {
            assert_eq!(day.date, cal.date);
            // The run sends the peak target on its day, which the calendar
            // checks the cap against instead.
            if day.date == warmup.target_date {
                assert_eq!(day.requested, warmup.target_volume as f64);
                continue;
            }
            let wanted = cal.requested + cal.off_day;
            assert_eq!(day.requested, wanted as f64, "{}", day.date);
            assert_eq!(day.sending, cal.sending, "{}", day.date);
            if gated {
                continue;
            }
            assert_eq!(
                day.cap.is_none(),
                !cal.sending || cal.cap.is_none(),
                "{}",
                day.date
            );
        }
    }
    // (plan, date, wanted, sending): the weekend in the ramp and the
    // skipped date want the day's mail but do not send it; a weekday wants
    // the lane's promotions, spread or on their send days.
    let spread = sample_plan();
    let shaped = with_send_days();
    for (plan, date, wanted, sending) in [
        (&spread, "2027-09-10", 27_000.0, true),
        (&spread, "2027-09-11", 27_000.0, false),
        (&spread, "2027-09-12", 27_000.0, false),
        (&spread, "2027-10-11", 27_000.0, false),
        // Tuesday: a week of the promotion.
        (&shaped, "2027-09-07", 126_000.0, true),
        // Wednesday: nothing is scheduled, so the lane does not send.
        (&shaped, "2027-09-08", 0.0, false),
        // The newsletter's Thursday: two weeks of it.
        (&shaped, "2027-09-16", 126_000.0, true),
        (&shaped, "2027-09-23", 0.0, false),
    ] {
        let mut s = settings("2027-09-06");
        s.days = 40;
        let sim = run(plan, &s, &[]);
        let d = sim.lanes[2].days.iter().find(|d| d.date == date).unwrap();
        assert_eq!(d.requested, wanted, "{date}");
        assert!(d.accepted <= wanted, "{date}");
        assert_eq!(d.sending, sending, "{date}");
    }
}

#[test]
fn mail_of_a_day_off_is_deferred_or_lost_as_the_calendar_says() {
    // The sample's promotional lane leaves out weekends in its ramp and
    // skips 2027-10-11. The days' mail is wanted on them in both, and
    // deferred, wanted again on the next sending day; otherwise the
    // simulator loses what the calendar counts as not sent. They agree until the health gates,
    // which the calendar does not model, hold the simulator's ramp: with
    // deferral, from the third week's backlog of less engaged mail.
    for (overflow, agree_until) in [
        (Overflow::Defer, "2027-09-21"),
        (Overflow::Suppress, "2027-11-04"),
    ] {
        let mut plan = sample_plan();
        plan.lanes[2].warmup.as_mut().unwrap().overflow = overflow;
        let routing = route(&plan);
        let warmup = plan.lanes[2].warmup.as_ref().unwrap();
        let wanted = switchyard::warmup::calendar::Wanted::of_lane(&plan, &routing, "promotional");
        let calendar = switchyard::warmup::calendar::calendar(warmup, &wanted, 60).unwrap();
        let mut s = settings("2027-09-06");
        s.days = 60;
        let sim = run(&plan, &s, &[]);
        let days = sim.lanes[2].days.iter().zip(&calendar.days);
        for (day, cal) in days.take_while(|(d, _)| d.date.as_str() <= agree_until) {
            // A day off wants the deferred mail that waits on in both.
            assert_eq!(
                (day.requested, day.deferred),
                ((cal.requested + cal.off_day) as f64, cal.waiting as f64),
                "{overflow:?} {}",
                day.date
            );
            assert_eq!(
                day.cap,
                cal.cap.map(|c| c as f64),
                "{overflow:?} {}",
                day.date
            );
            let lost = if overflow == Overflow::Suppress {
                cal.off_day
            } else {
                0
            };
            if !cal.sending {
                assert_eq!(day.lost, lost as f64, "{overflow:?} {}", day.date);
            }
        }
        assert_eq!(calendar.total_off_day, 5 * 27_000, "{overflow:?}");
    }
}

#[test]
fn sends_gathered_on_one_day_weigh_on_a_shared_lane() {
    // The same mail a week on one warm lane: spread over the days, or the
    // promotion and the newsletter on their send days. The busy days'
    // promotional mix falls on the reputation at once, and the days
    // between do not lift it.
    let mut s = settings("2027-09-06");
    s.days = 56;
    s.complaint_multiplier = 2.0;
    let lowest = |plan: &Plan| {
        let (one, routing) = single_lane(plan);
        let run = simulate(&one, &routing, &s, &[]).unwrap();
        let reps = run.lanes[0]
            .days
            .iter()
            .filter(|d| d.sending)
            .map(|d| d.reputation[0]);
        reps.fold(1.0, f64::min)
    };
    let (spread, shaped) = (lowest(&sample_plan()), lowest(&with_send_days()));
    assert!(shaped < spread, "gathered {shaped} against spread {spread}");
}

#[test]
fn any_provider_mix_in_a_plan_file_gives_shares_that_add_up_to_one() {
    // (the plan's percentages, the shares expected).
    let default = Settings::default().mix;
    let cases: [([u32; 5], [f64; 5]); 5] = [
        ([45, 15, 20, 12, 8], [0.45, 0.15, 0.20, 0.12, 0.08]),
        (
            [u32::MAX, 101, 0, 0, 0],
            [
                u32::MAX as f64 / (u32::MAX as f64 + 101.0),
                101.0 / (u32::MAX as f64 + 101.0),
                0.0,
                0.0,
                0.0,
            ],
        ),
        ([u32::MAX; 5], [0.2; 5]),
        ([250, 0, 0, 0, 0], [1.0, 0.0, 0.0, 0.0, 0.0]),
        ([0; 5], default),
    ];
    for (percent, expected) in cases {
        let mut plan = sample_plan();
        plan.simulation.mix_percent = percent;
        let (s, fallbacks) = from_plan(&plan).unwrap();
        for (share, want) in s.mix.iter().zip(expected) {
            assert!(
                close(*share, want) && (0.0..=1.0).contains(share),
                "{percent:?}: {:?}",
                s.mix
            );
        }
        assert!(close(s.mix.iter().sum(), 1.0), "{percent:?}: {:?}", s.mix);
        // No lane places more than it delivers.
        for d in run(&plan, &s, &fallbacks)
            .lanes
            .iter()
            .flat_map(|l| &l.days)
        {
            assert!(d.inbox <= d.delivered * (1.0 + 1e-12), "{percent:?}: {d:?}");
        }
    }
}

#[test]
fn a_lane_sends_nothing_before_its_warm_up_starts() {
    // The sample's promotional lane starts its warm-up on Monday
    // 2027-09-06; a run from the Monday before keeps it quiet for a week.
    let plan = sample_plan();
    let mut s = settings("2027-08-30");
    s.days = 14;
    let promotional = &run(&plan, &s, &[]).lanes[2];
    for day in &promotional.days {
        let started = day.date.as_str() >= "2027-09-06";
        let weekend = ["2027-09-11", "2027-09-12"].contains(&day.date.as_str());
        assert_eq!(day.sending, started && !weekend, "{}", day.date);
        if !day.sending {
            assert_eq!(day.accepted, 0.0, "{}", day.date);
        }
    }
    // The other lanes have no warm-up and send from the first day.
    assert!(run(&plan, &s, &[]).lanes[0].days[0].sending);
}

/// A fallback fires above its lane's own action thresholds, as monitoring
/// judges the lane, and above the reference's where the plan sets none.
#[test]
fn a_fallback_fires_at_its_lanes_action_thresholds() {
    // (case, the lane's complaint and bounce action thresholds in percent,
    // the rates it fires above)
    type Rates = (f64, f64);
    let cases: [(&str, Option<Rates>, Rates); 3] = [
        (
            "the sample's promotional lane: the reference",
            None,
            (0.003, 0.05),
        ),
        ("stricter lines", Some((0.1, 2.0)), (0.001, 0.02)),
        ("looser lines", Some((0.5, 8.0)), (0.005, 0.08)),
    ];
    for (case, set, (complaints, bounces)) in cases {
        let mut plan = sample_plan();
        let t = plan
            .monitoring
            .thresholds
            .iter_mut()
            .find(|t| t.lane == "promotional")
            .unwrap();
        if let Some((c, b)) = set {
            t.complaint_act_percent = c;
            t.bounce_act_percent = b;
        }
        let (_, fallbacks) = from_plan(&plan).unwrap();
        assert_eq!(fallbacks.len(), 1, "{case}");
        assert!(
            close(fallbacks[0].complaints_at, complaints),
            "{case}: {:?}",
            fallbacks[0].complaints_at
        );
        assert!(close(fallbacks[0].bounces_at, bounces), "{case}");
    }
    // A lane without thresholds of its own gets the reference's.
    let mut plan = sample_plan();
    plan.monitoring
        .thresholds
        .retain(|t| t.lane != "promotional");
    let (_, fallbacks) = from_plan(&plan).unwrap();
    assert!(close(fallbacks[0].complaints_at, 0.003));
    assert!(close(fallbacks[0].bounces_at, 0.05));
}

#[test]
fn complaints_that_arrive_on_quiet_days_still_count() {
    // One promotion a week to everyone on a warm lane: its complaints come
    // in two days after each send, on days the lane sends nothing.
    let mut plan = deferring(
        1_000_000,
        0,
        &[1, 2, 3, 4, 5, 6, 7],
        &[(Intent::PromotionalBroadcast, Audience::All, 20_000, 0.1)],
    );
    plan.journeys[0].trigger = Trigger::Scheduled {
        cadence: Cadence::Weekly,
        send_day: Some(Weekday::Tuesday),
        send_date: None,
    };
    plan.lanes[0].warmup = None;
    plan.lanes[0].status = LaneStatus::Warm;
    let mut s = settings("2027-01-04");
    s.days = 40;
    s.complaint_multiplier = 3.0;
    let fallback = Fallback {
        lane_id: plan.lanes[0].id.clone(),
        ..pause_promotions()
    };
    let r = run(&plan, &s, std::slice::from_ref(&fallback));
    let lane = &r.lanes[0];
    let sends: Vec<&str> = lane
        .days
        .iter()
        .filter(|d| d.sending)
        .map(|d| d.date.as_str())
        .collect();
    assert!(sends.len() >= 2, "{sends:?}");
    assert!(lane
        .days
        .iter()
        .filter(|d| d.sending)
        .all(|d| d.complaint_rate > 0.003));
    // The second send takes in the first's complaints and trips the plan.
    assert_eq!(lane.fallback_on.as_deref(), Some(sends[1]), "{sends:?}");
}

#[test]
fn the_one_lane_compared_with_starts_as_the_plans_lanes_do() {
    // (the lanes' status, whether the one lane is warm and uncapped)
    let cases = [
        (None, true),
        (Some(LaneStatus::New), false),
        (Some(LaneStatus::Warming), false),
    ];
    for (status, warm) in cases {
        let mut plan = sample_plan();
        if let Some(status) = status {
            let mut w = plan.lanes[2].warmup.clone().unwrap();
            w.overflow = Overflow::Spill;
            w.spill_lane = Some("promotional".into());
            for lane in &mut plan.lanes {
                lane.status = status;
                lane.warmup = Some(w.clone());
            }
        }
        let (one, routing) = single_lane(&plan);
        assert_eq!(one.lanes.len(), 1);
        let lane = &one.lanes[0];
        assert_eq!(lane.status == LaneStatus::Warm, warm, "{status:?}");
        assert_eq!(lane.warmup.is_none(), warm, "{status:?}");
        if let Some(w) = &lane.warmup {
            assert_eq!((w.overflow, w.spill_lane.clone()), (Overflow::Defer, None));
        }
        assert!(routing
            .routes
            .iter()
            .all(|r| r.lane_id.as_deref() == Some(lane.id.as_str())));
    }
}

#[test]
fn a_day_that_holds_the_ramp_says_which_gate_held_it() {
    // (gates: delivered, complaints, bounces; the gate that holds the
    // promotional lane's ramp on its capped days)
    let cases = [
        ((0.0, 1.0, 1.0), None),
        ((0.0, 0.0, 1.0), Some(Gate::Complaints)),
        ((0.0, 1.0, 0.0), Some(Gate::Bounces)),
        ((1.0, 1.0, 1.0), Some(Gate::Delivered)),
    ];
    for ((delivered, complaints, bounces), held) in cases {
        let plan = sample_plan();
        let s = Settings {
            gate_delivered: delivered,
            gate_complaints: complaints,
            gate_bounces: bounces,
            ..settings("2027-09-06")
        };
        let run = run(&plan, &s, &[]);
        let promo = run
            .lanes
            .iter()
            .find(|l| l.lane_id == "promotional")
            .unwrap();
        let capped: Vec<&LaneDay> = promo
            .days
            .iter()
            .filter(|d| d.sending && d.cap.is_some())
            .collect();
        assert!(capped.len() > 5, "the ramp has capped days");
        // The second sending day on: complaints are known a day or two late.
        for d in &capped[3..] {
            assert_eq!(
                d.held_by,
                held,
                "{} {:?}",
                d.date,
                (delivered, complaints, bounces)
            );
        }
        if held.is_some() {
            let caps: Vec<Option<f64>> = capped.iter().map(|d| d.cap).collect();
            assert!(
                caps.windows(2).all(|w| w[0] == w[1]),
                "a held ramp keeps its cap: {caps:?}"
            );
        }
        assert!(promo
            .days
            .iter()
            .filter(|d| !d.sending)
            .all(|d| d.held_by.is_none()));
    }
}

#[test]
fn the_complaints_gate_reads_the_complaints_known_that_day() {
    // With the other gates off, a day holds for complaints exactly when
    // the rate that became known that day reaches the gate, whatever the
    // day's own mail's rate.
    let gated = |gate: f64| {
        let s = Settings {
            gate_delivered: 0.0,
            gate_complaints: gate,
            gate_bounces: 1.0,
            ..settings("2027-09-06")
        };
        let run = run(&sample_plan(), &s, &[]);
        let promo = run.lanes.into_iter().find(|l| l.lane_id == "promotional");
        let days = promo.unwrap().days.into_iter().filter(|d| d.sending);
        days.collect::<Vec<LaneDay>>()
    };
    let mut known: Vec<f64> = gated(1.0).iter().map(|d| d.known_complaint_rate).collect();
    known.sort_by(f64::total_cmp);
    // A gate between the lowest and highest known rates.
    let gate = known[known.len() / 2];
    let days = gated(gate);
    let held = days.iter().filter(|d| d.held_by == Some(Gate::Complaints));
    assert!(held.count() > 0 && known[0] < gate);
    for d in &days {
        let over = d.known_complaint_rate >= gate;
        assert_eq!(d.held_by == Some(Gate::Complaints), over, "{}", d.date);
    }
    // The day's own rate is another figure: it would not tell the gate.
    assert!(days
        .iter()
        .any(|d| d.complaint_rate != d.known_complaint_rate));
}

#[test]
fn a_lanes_engagement_filter_keeps_its_mail_to_the_engaged() {
    // (the promotional lane's filter, the cohort its promotions reach)
    let cases = [
        (EngagementFilter::None, 3),
        (EngagementFilter::EngagedWithin { days: 180 }, 3),
        (EngagementFilter::EngagedWithin { days: 90 }, 2),
        (EngagementFilter::PurchasedWithin { days: 60 }, 1),
        (EngagementFilter::PredictedIntent, 1),
        (EngagementFilter::EngagedWithin { days: 30 }, 0),
    ];
    let mut s = settings("2027-09-06");
    s.days = 5;
    let (mut rates, mut requested) = (Vec::new(), Vec::new());
    for (filter, c) in cases {
        let mut plan = noisy();
        plan.lanes[2].engagement_filter = filter;
        let routing = route(&plan);
        let wanted = switchyard::warmup::calendar::Wanted::of_lane(&plan, &routing, "promotional");
        let promo = run(&plan, &s, &[]);
        let lane = promo
            .lanes
            .iter()
            .find(|l| l.lane_id == "promotional")
            .unwrap();
        let day = lane
            .days
            .iter()
            .find(|d| d.sending && d.accepted > 0.0)
            .unwrap();
        rates.push(day.complaint_rate);
        // The warm-up calendar counts the mail in the same cohort.
        let cal = switchyard::warmup::calendar::calendar(
            &WarmupPlan {
                start_date: "2027-09-06".into(),
                ..WarmupPlan::default()
            },
            &wanted,
            7,
        )
        .unwrap();
        let sent: [u64; 4] = cal.days.iter().fold([0; 4], |mut a, d| {
            (0..4).for_each(|i| a[i] += d.sent[i]);
            a
        });
        assert!(sent[c] > 0, "{filter:?}: {sent:?}");
        assert!(
            sent[c + 1..].iter().all(|&n| n == 0),
            "{filter:?}: {sent:?}"
        );
        // Volumes stay as the journeys give them.
        requested.push(lane.days.iter().map(|d| d.requested).sum::<f64>());
    }
    assert!(
        requested.iter().all(|r| close(*r, requested[0])),
        "{requested:?}"
    );
    // The narrower the filter, the fewer complaints.
    assert!(rates.windows(2).all(|w| w[0] >= w[1]), "{rates:?}");
    assert!(rates[0] > rates[4], "{rates:?}");
}

#[test]
fn a_quiet_weekend_does_not_let_a_ramp_over_the_complaint_gate_advance() {
    // The sample's promotional ramp, Monday to Friday, sent to its
    // 90-day engaged recipients over a gate of 0.05%: once the first
    // figure is known, no day is clean, weekend or not.
    let mut plan = sample_plan();
    for j in &mut plan.journeys {
        if matches!(j.intent, Intent::PromotionalBroadcast | Intent::Newsletter) {
            j.audience = Audience::Engaged90;
        }
    }
    let mut s = settings("2027-09-06");
    s.days = 28;
    s.gate_complaints = 0.0005;
    let sim = run(&plan, &s, &[]);
    let sent: Vec<&LaneDay> = (sim.lanes[2].days.iter())
        .filter(|d| d.accepted > 0.0)
        .collect();
    assert!(sent.iter().all(|d| d.complaint_rate > 0.0005));
    let caps: Vec<Option<f64>> = sent.iter().skip(3).map(|d| d.cap).collect();
    assert!(
        caps.windows(2).all(|w| w[0] == w[1]),
        "the ramp holds: {caps:?}"
    );
}

#[test]
fn a_later_first_day_shows_the_warm_ups_where_they_have_got_to() {
    // The sample's warm-ups start on 2027-09-06; a run from 2027-11-01
    // shows that day as the run from 2027-09-06 does.
    let plan = sample_plan();
    let mut early = settings("2027-09-06");
    early.days = 70;
    let mut late = settings("2027-11-01");
    late.days = 14;
    let (early, late) = (run(&plan, &early, &[]), run(&plan, &late, &[]));
    for (e, l) in early.lanes.iter().zip(&late.lanes) {
        assert_eq!(l.days[0].date, "2027-11-01");
        let same = e.days.iter().find(|d| d.date == "2027-11-01").unwrap();
        assert_eq!(&l.days[0], same, "{}", e.lane_id);
        assert_eq!(l.days.len(), 14);
    }
}

/// The sample with the revenue lane warm and the promotional lane
/// spilling what its cap holds back into it.
fn promotions_spilling_into_revenue() -> Plan {
    let mut plan = sample_plan();
    plan.lanes[1].status = LaneStatus::Warm;
    plan.lanes[1].warmup = None;
    let w = plan.lanes[2].warmup.as_mut().unwrap();
    w.overflow = Overflow::Spill;
    w.spill_lane = Some("revenue-flows".into());
    plan
}

#[test]
fn spilled_mail_arrives_the_day_it_is_handed_on_whatever_the_lane_order() {
    // Promotions spill into the warm revenue lane, listed before them.
    let plan = promotions_spilling_into_revenue();
    let mut s = settings("2027-09-06");
    s.days = 21;
    let listed = run(&plan, &s, &[]);
    let mut reversed = plan.clone();
    reversed.lanes.reverse();
    let reversed = run(&reversed, &s, &[]);
    for lane in &listed.lanes {
        let other = (reversed.lanes.iter())
            .find(|l| l.lane_id == lane.lane_id)
            .unwrap();
        assert_eq!(lane.days, other.days, "{}", lane.lane_id);
    }
    // The first day's overflow is on the revenue lane that day.
    let promo = &listed.lanes[2].days[0];
    let flows = &listed.lanes[1].days[0];
    assert!(promo.requested > promo.accepted);
    assert!(flows.requested >= promo.requested - promo.accepted);
}

#[test]
fn a_lane_that_sends_nothing_shares_no_reputation_with_its_peers() {
    // The sample with its transactional journeys silent, against the
    // same plan without the transactional lane at all.
    let mut idle = sample_plan();
    let routing = route(&idle);
    let on_transactional: Vec<String> = (idle.journeys.iter())
        .filter(|j| {
            routing.route_of(&j.id).and_then(|r| r.lane_id.as_deref()) == Some("transactional")
        })
        .map(|j| j.id.clone())
        .collect();
    for j in idle
        .journeys
        .iter_mut()
        .filter(|j| on_transactional.contains(&j.id))
    {
        j.daily_volume = 0;
    }
    let mut without = idle.clone();
    without.lanes.retain(|l| l.id != "transactional");
    without
        .journeys
        .retain(|j| !on_transactional.contains(&j.id));
    let mut s = settings("2027-09-06");
    s.days = 30;
    let (idle, without) = (run(&idle, &s, &[]), run(&without, &s, &[]));
    let promo = |r: &Run| {
        r.lanes
            .iter()
            .find(|l| l.lane_id == "promotional")
            .unwrap()
            .days
            .clone()
    };
    assert_eq!(promo(&idle), promo(&without));
}

#[test]
fn the_peak_day_sends_the_warm_up_target() {
    // The sample's promotional lane must carry 60,000 on 2027-11-26, Black
    // Friday; a later peak the run does not reach changes nothing.
    let plan = sample_plan();
    let promo = plan.lanes.iter().position(|l| l.id == "promotional");
    let promo = promo.unwrap();
    let mut s = settings("2027-09-06");
    s.days = 120;
    let on = |run: &Run, date: &str| {
        let days = &run.lanes[promo].days;
        days.iter().find(|d| d.date == date).unwrap().clone()
    };
    let with_peak = run(&plan, &s, &[]);
    let mut no_peak = plan.clone();
    no_peak.lanes[promo].warmup.as_mut().unwrap().target_date = "2029-01-01".into();
    let without = run(&no_peak, &s, &[]);
    let peak = on(&with_peak, "2027-11-26");
    assert!(close(peak.requested, 60_000.0), "{peak:?}");
    let usual = on(&without, "2027-11-26");
    assert!(usual.requested < 30_000.0, "{usual:?} {peak:?}");
    // The days around it are the lane's usual mail.
    for date in ["2027-11-25", "2027-11-27"] {
        assert_eq!(
            on(&with_peak, date).requested,
            on(&without, date).requested,
            "{date}"
        );
    }
    // On a day its schedules skip, the peak is sent all the same.
    let on_tuesdays = run(&with_send_days(), &s, &[]);
    assert!(close(on(&on_tuesdays, "2027-11-26").requested, 60_000.0));
    // A peak no larger than the day's own mail adds nothing.
    let mut small = plan.clone();
    small.lanes[promo].warmup.as_mut().unwrap().target_volume = 1;
    let small = run(&small, &s, &[]);
    assert_eq!(
        on(&small, "2027-11-26").requested,
        on(&without, "2027-11-26").requested
    );
}

/// A day without sending, as the simulator shows it: the mail the day
/// wanted, and what of it was lost.
#[test]
fn a_day_without_sending_shows_the_mail_it_wanted_and_loses_only_that() {
    // The sample's promotional lane ramps on weekdays from 2027-09-06 and
    // skips 2027-10-11; spread, its journeys want 27,000 a day.
    let mut off_tuesdays = with_send_days();
    let w = off_tuesdays.lanes[2].warmup.as_mut().unwrap();
    w.sending_weekdays = vec![1, 3, 4, 5];
    // (case, plan, overflow, date, wanted, lost)
    let cases = [
        (
            "a weekend day",
            sample_plan(),
            Overflow::Suppress,
            "2027-09-11",
            27_000.0,
            27_000.0,
        ),
        (
            "a weekend day, deferred",
            sample_plan(),
            Overflow::Defer,
            "2027-09-11",
            27_000.0,
            0.0,
        ),
        (
            "the skipped date",
            sample_plan(),
            Overflow::Suppress,
            "2027-10-11",
            27_000.0,
            27_000.0,
        ),
        // The journeys are not on the lane until its ramp begins.
        (
            "before the warm-up",
            sample_plan(),
            Overflow::Suppress,
            "2027-09-03",
            0.0,
            0.0,
        ),
        (
            "a broadcast's off day",
            with_send_days(),
            Overflow::Suppress,
            "2027-09-08",
            0.0,
            0.0,
        ),
        (
            "a broadcast off the ramp's days",
            off_tuesdays,
            Overflow::Suppress,
            "2027-09-07",
            126_000.0,
            126_000.0,
        ),
    ];
    let mut s = settings("2027-08-30");
    s.days = 50;
    for (case, mut plan, overflow, date, wanted, lost) in cases {
        plan.lanes[2].warmup.as_mut().unwrap().overflow = overflow;
        let sim = run(&plan, &s, &[]);
        let d = sim.lanes[2].days.iter().find(|d| d.date == date).unwrap();
        assert!(close(d.requested - d.deferred, wanted), "{case}: {d:?}");
        assert!(close(d.lost, lost), "{case}: {d:?}");
        if !d.sending {
            assert_eq!(d.accepted, 0.0, "{case}");
        }
    }
}

#[test]
fn mail_is_lost_only_if_it_was_wanted() {
    for (plan, s) in cases() {
        for fallbacks in [vec![], vec![pause_promotions()]] {
            for d in run(&plan, &s, &fallbacks)
                .lanes
                .iter()
                .flat_map(|l| &l.days)
            {
                assert!(d.lost <= d.requested * (1.0 + 1e-12) + 1e-6, "{d:?}");
                assert!(
                    d.accepted + d.lost <= d.requested * (1.0 + 1e-12) + 1e-6,
                    "{d:?}"
                );
            }
        }
    }
}

#[test]
fn mail_a_fallback_holds_back_is_counted_as_not_sent() {
    // One warm lane mails a noisy promotion to everyone and cart reminders
    // every day; a second warm lane carries nothing of its own.
    let journeys = [
        (Intent::PromotionalBroadcast, Audience::All, 20_000, 0.1),
        (Intent::CartAbandonment, Audience::Engaged30, 3_000, 2.0),
    ];
    let mut plan = deferring(1, 0, &[1, 2, 3, 4, 5, 6, 7], &journeys);
    plan.lanes[0].warmup = None;
    plan.lanes[0].status = LaneStatus::Warm;
    let spare = Lane {
        id: "spare".into(),
        ..plan.lanes[0].clone()
    };
    plan.lanes.push(spare);
    let lane = plan.lanes[0].id.clone();
    let mut s = settings("2027-01-04");
    s.days = 30;
    s.complaint_multiplier = 3.0;
    // (the fallback's action, whether mail is lost once it fires, and
    // what it holds back each day from then on: the promotions, or the
    // 70% of them beyond the 30-day engagers)
    let cases = [
        (Action::PausePromotions, true, 20_000.0),
        (Action::ShiftTo("spare".into()), false, 0.0),
        (Action::ShiftTo("gone".into()), true, 20_000.0),
        (Action::TightenTo30Days, true, 14_000.0),
    ];
    for (action, lost, held_back) in cases {
        let fallback = Fallback {
            lane_id: lane.clone(),
            action: action.clone(),
            ..pause_promotions()
        };
        let r = run(&plan, &s, &[fallback]);
        let fired = r.lanes[0].fallback_on.clone().expect("the fallback fires");
        for d in r.lanes[0].days.iter().filter(|d| d.date > fired) {
            assert!(close(d.withheld, held_back), "{action:?} {d:?}");
        }
        // Every day wants the journeys' mail, wherever it goes.
        for day in 0..s.days as usize {
            // Mail one lane hands another is counted once, as it leaves.
            let own = |d: &LaneDay| d.requested - d.deferred - d.handed_in();
            let wanted: f64 = r.lanes.iter().map(|l| own(&l.days[day])).sum();
            assert!(close(wanted, 23_000.0), "{action:?} day {day}: {wanted}");
        }
        // What is not sent is counted: lost, or waiting at the end.
        let waiting: f64 = r.lanes.iter().map(|l| l.days.last().unwrap().waiting).sum();
        let sent = r.total(|d| d.accepted);
        let not_sent = r.total(|d| d.lost) + waiting;
        assert!(
            close(sent + not_sent, 23_000.0 * f64::from(s.days)),
            "{action:?}: {sent} sent, {not_sent} not sent"
        );
        assert_eq!(not_sent > 0.0, lost, "{action:?}: {not_sent}");
    }
}

/// The plan with every warm-up's peak moved past any run.
fn no_peaks(plan: &Plan) -> Plan {
    let mut flat = plan.clone();
    for w in flat.lanes.iter_mut().filter_map(|l| l.warmup.as_mut()) {
        w.target_date = "2029-01-01".into();
    }
    flat
}

#[test]
fn the_one_lane_baseline_carries_the_same_peak_as_the_plan() {
    // The sample's promotional lane peaks at 60,000 on 2027-11-26.
    let mut by_transactional = sample_plan();
    by_transactional.default_lane = Some("transactional".into());
    let mut all_new = sample_plan();
    let w = all_new.lanes[2].warmup.clone();
    for lane in &mut all_new.lanes {
        lane.status = LaneStatus::New;
        lane.warmup = w.clone();
    }
    // (case, plan): the one lane warm on the promotional lane, warm on
    // another, and every lane new with the same peak, the one lane on
    // its warm-up.
    let cases = [
        ("the sample", sample_plan()),
        ("another default lane", by_transactional),
        ("every lane new", all_new),
    ];
    let mut s = settings("2027-09-06");
    s.days = 90;
    let wanted_on_peak = |r: &Run| -> f64 {
        let days = r.lanes.iter().flat_map(|l| &l.days);
        days.filter(|d| d.date == "2027-11-26")
            .map(|d| d.requested)
            .sum()
    };
    let one_lane = |plan: &Plan| simulate_single_lane(plan, &route(plan), &s, (&[], &[])).unwrap();
    for (case, plan) in cases {
        let flat = no_peaks(&plan);
        let split = wanted_on_peak(&run(&plan, &s, &[])) - wanted_on_peak(&run(&flat, &s, &[]));
        let one = wanted_on_peak(&one_lane(&plan)) - wanted_on_peak(&one_lane(&flat));
        assert!(split > 10_000.0, "{case}: {split}");
        assert!(close(one, split), "{case}: one lane {one}, split {split}");
    }
}

#[test]
fn the_one_lane_defers_its_overflow_whatever_the_default_lane_does() {
    // (the default lane's overflow) — a new one lane keeps its warm-up
    // and defers, with nothing to spill into.
    for overflow in [Overflow::Suppress, Overflow::Spill, Overflow::Defer] {
        let mut plan = sample_plan();
        for lane in &mut plan.lanes {
            lane.status = LaneStatus::New;
        }
        let keep = plan.default_lane.clone().unwrap();
        let lane = plan.lanes.iter_mut().find(|l| l.id == keep).unwrap();
        let mut warmup = lane
            .warmup
            .clone()
            .expect("the sample's default lane warms up");
        warmup.overflow = overflow;
        warmup.spill_lane = (overflow == Overflow::Spill).then(|| "promotional".to_string());
        lane.warmup = Some(warmup);
        let (one, _) = single_lane(&plan);
        let w = one.lanes[0].warmup.as_ref().expect("the one lane warms up");
        assert_eq!(
            (w.overflow, w.spill_lane.clone()),
            (Overflow::Defer, None),
            "{overflow:?}"
        );
    }
}

#[test]
fn the_warm_up_calendar_wants_the_peak_on_its_day_as_the_simulation_does() {
    use switchyard::warmup::calendar::{calendar, Wanted};
    // (the peak's date: a Friday the lane sends on, and a skipped date)
    for (peak, skipped) in [
        ("2027-11-26", vec![]),
        ("2027-10-11", vec!["2027-10-11".to_string()]),
    ] {
        let mut plan = sample_plan();
        let w = plan.lanes[2].warmup.as_mut().unwrap();
        w.target_date = peak.into();
        w.skipped_dates = skipped;
        let routing = route(&plan);
        let lane = &plan.lanes[2];
        let wanted = Wanted::of_lane(&plan, &routing, &lane.id);
        let cal = calendar(lane.warmup.as_ref().unwrap(), &wanted, 120).unwrap();
        let day = cal.days.iter().find(|d| d.date == peak).unwrap();
        let (s, fallbacks) = from_plan(&plan).unwrap();
        let run = simulate(&plan, &routing, &s, &fallbacks).unwrap();
        let simulated = run.lanes[2].days.iter().find(|d| d.date == peak).unwrap();
        assert_eq!(
            (day.requested + day.off_day) as f64,
            simulated.requested.round(),
            "{peak}"
        );
        assert_eq!(day.requested + day.off_day, 60_000, "{peak}");
    }
}

#[test]
fn a_sending_day_names_the_deferred_mail_it_takes() {
    let mut plan = sample_plan();
    plan.lanes[2].warmup.as_mut().unwrap().overflow = Overflow::Defer;
    let (s, fallbacks) = from_plan(&plan).unwrap();
    let run = simulate(&plan, &route(&plan), &s, &fallbacks).unwrap();
    let days = &run.lanes[2].days;
    let mut deferred = 0.0;
    for pair in days.windows(2) {
        let (before, day) = (&pair[0], &pair[1]);
        let carried = before.waiting;
        assert!(
            (day.deferred - carried).abs() < 0.5,
            "{}: {} against {carried}",
            day.date,
            day.deferred
        );
        assert!(day.deferred <= day.requested + 0.5, "{}", day.date);
        deferred += day.deferred;
    }
    assert!(deferred > 0.0, "the ramp defers some of the promotions");
}

#[test]
fn mail_handed_between_lanes_at_the_end_still_waits() {
    // Two lanes under a cap of 1,000 a day spill their overflow into each
    // other; whichever takes its turn first gets the other's overflow only
    // the next day, so some is still on its way when the run ends.
    let journeys = [
        (Intent::PromotionalBroadcast, Audience::All, 1_500, 0.5),
        (Intent::Newsletter, Audience::Engaged30, 1_200, 0.3),
    ];
    // (each lane's overflow: spilled into the other, or only the first's)
    let cases = [(true, true), (true, false), (false, true)];
    for (first_spills, second_spills) in cases {
        let mut plan = deferring(1000, 0, &[1, 2, 3, 4, 5, 6, 7], &journeys);
        let mut other = Lane {
            id: "other".into(),
            ..plan.lanes[0].clone()
        };
        let first = plan.lanes[0].id.clone();
        let spill = |w: &mut WarmupPlan, on: bool, to: &str| {
            w.overflow = if on {
                Overflow::Spill
            } else {
                Overflow::Suppress
            };
            w.spill_lane = Some(to.to_string());
        };
        spill(
            plan.lanes[0].warmup.as_mut().unwrap(),
            first_spills,
            "other",
        );
        spill(other.warmup.as_mut().unwrap(), second_spills, &first);
        plan.lanes.push(other);
        plan.journeys[1].lane_override = Some("other".into());
        let mut s = settings("2027-01-04");
        s.days = 10;
        let r = run(&plan, &s, &[]);
        let wanted = 2_700.0 * f64::from(s.days);
        let sent = r.total(|d| d.accepted);
        let lost = r.total(|d| d.lost);
        let waiting: f64 = r.lanes.iter().map(|l| l.days.last().unwrap().waiting).sum();
        let case = format!("{first_spills} {second_spills}");
        assert!(
            close(sent + lost + waiting, wanted),
            "{case}: {sent} sent, {lost} lost, {waiting} waiting, of {wanted}"
        );
    }
}

/// The sample with the promotional lane's journeys (all of them, or those
/// listed) moving from `start` onto a warm lane with no warm-up or peak.
fn promotions_moved(start: &str, journeys: &[&str]) -> Plan {
    let mut plan = sample_plan();
    let mut warm = plan.lanes[1].clone();
    warm.id = "promo-warm".into();
    warm.name = "Promotions, warm".into();
    plan.lanes.push(warm);
    plan.migrations.push(Migration {
        start_date: start.into(),
        whole_lane: journeys.is_empty(),
        journeys: journeys.iter().map(|j| j.to_string()).collect(),
        ..Migration::new("promotions-away", "promotional", "promo-warm")
    });
    plan
}

#[test]
fn the_one_lane_follows_the_mail_migrations_leave_on_the_plans_lanes() {
    use switchyard::simulate::migration::planned_moves;
    // The promotional lane peaks at 60,000 on 2027-11-26.
    // (case, plan, whether the plan still wants the peak on its day)
    let cases = [
        (
            "all moved before the peak",
            promotions_moved("2027-10-04", &[]),
            false,
        ),
        (
            "all moved after the peak",
            promotions_moved("2027-12-06", &[]),
            true,
        ),
        (
            "the weekly promotion moved before the peak",
            promotions_moved("2027-10-04", &["weekly-promo"]),
            true,
        ),
    ];
    let mut s = settings("2027-09-06");
    s.days = 120;
    let own_mail = |r: &Run, day: usize| -> f64 {
        (r.lanes.iter().map(|l| &l.days[day]))
            .map(|d| d.requested - d.deferred)
            .sum()
    };
    for (case, plan, peaks) in cases {
        let routing = route(&plan);
        let moves: Vec<Move> = (planned_moves(&plan, &routing, &|_| Vec::new()).into_iter())
            .map(|(_, mv)| mv)
            .collect();
        let (ours, one) = simulate_with_one_lane(&plan, &routing, &s, (&[], &moves)).unwrap();
        for day in 0..s.days as usize {
            let (split, shared) = (own_mail(&ours, day), own_mail(&one, day));
            let date = &one.lanes[0].days[day].date;
            assert!(
                close(split, shared),
                "{case} {date}: plan {split}, one lane {shared}"
            );
        }
        let peak = (ours.lanes[0].days.iter()).position(|d| d.date == "2027-11-26");
        let on_peak = own_mail(&ours, peak.unwrap());
        assert_eq!(on_peak >= 60_000.0, peaks, "{case}: {on_peak}");
    }
}

/// The plan of the walk: Receipts (order confirmations 800 and shipping
/// updates 700 a day) warming on `receipts` from 2026-12-28, and the
/// weekly promotion on Promotional warming from 2026-12-21; run from the
/// earliest warm-up start, as the Simulation tab runs it.
fn receipts_after_promotions(receipts: WarmupPlan) -> (Plan, Settings) {
    let mut plan = sample_plan();
    let keep = ["order-confirmation", "shipping-updates", "weekly-promo"];
    plan.journeys.retain(|j| keep.contains(&j.id.as_str()));
    plan.journeys[0].daily_volume = 800;
    plan.journeys[1].daily_volume = 700;
    plan.lanes.retain(|l| l.id != "revenue-flows");
    plan.rules.retain(|r| r.lane != "revenue-flows");
    plan.lanes[0].name = "Receipts".into();
    plan.lanes[0].status = LaneStatus::New;
    plan.lanes[0].warmup = Some(WarmupPlan {
        start_date: "2026-12-28".into(),
        ..receipts
    });
    let promotional = plan.lanes[1].warmup.as_mut().unwrap();
    promotional.start_date = "2026-12-21".into();
    promotional.target_date.clear();
    plan.simulation.start_date.clear();
    let (settings, _) = from_plan(&plan).expect("a warm-up start");
    (plan, settings)
}

#[test]
fn a_lane_wants_its_mail_from_its_own_warm_up_start_and_says_what_it_sends_late() {
    let custom = |start_volume| WarmupPlan {
        preset: WarmupPreset::Custom,
        custom: CustomRamp {
            start_volume,
            ..CustomRamp::default()
        },
        ..WarmupPlan::default()
    };
    let sendgrid = WarmupPlan {
        preset: WarmupPreset::SendgridAutomated,
        ..WarmupPlan::default()
    };
    // (case, Receipts' warm-up, whether its cap sends mail late).
    let cases = [
        ("a ramp from 1,500, the lane's day", custom(1500), false),
        ("a ramp from 500", custom(500), true),
        ("SendGrid's schedule", sendgrid, true),
    ];
    for (case, warmup, late) in cases {
        let (plan, s) = receipts_after_promotions(warmup);
        assert_eq!(s.start_date, "2026-12-21", "{case}");
        let receipts = &run(&plan, &s, &[]).lanes[0];
        // Before its ramp begins the lane is not the journeys' way out:
        // none of their mail is wanted of it, so none piles up.
        for d in receipts
            .days
            .iter()
            .filter(|d| d.date.as_str() < "2026-12-28")
        {
            let idle = (d.sending, d.requested, d.waiting, d.lost);
            assert_eq!(idle, (false, 0.0, 0.0, 0.0), "{case}: {d:?}");
        }
        let first = receipts.days.iter().find(|d| d.date == "2026-12-28");
        assert!(close(first.unwrap().requested, 1500.0), "{case}: {first:?}");
        // Mail a cap defers is sent late, as the warm-up calendar says.
        let w = plan.lanes[0].warmup.as_ref().unwrap();
        let wanted =
            switchyard::warmup::calendar::Wanted::of_lane(&plan, &route(&plan), "transactional");
        let cal = switchyard::warmup::calendar::calendar(w, &wanted, s.days - 7).unwrap();
        let sent_late = receipts.total(|d| d.sent_late);
        let days_late = receipts.days.iter().map(|d| d.days_late).max().unwrap();
        assert_eq!(sent_late > 0.0, late, "{case}: {sent_late}");
        assert!(
            (sent_late - cal.total_over_cap as f64).abs() < 1.0,
            "{case}: {sent_late} vs {}",
            cal.total_over_cap
        );
        assert_eq!(days_late, cal.most_days_late, "{case}");
        assert_eq!(days_late > 0, late, "{case}");
        assert_eq!(receipts.days.last().unwrap().waiting, 0.0, "{case}");
    }
}

/// Two lanes under a cap of 1,000 a day carrying `journeys`, the first
/// sending on `weekdays`; each spills into the other when `spill` is set.
fn two_lanes(weekdays: &[u8], spill: bool, journeys: &[JourneyMail]) -> Plan {
    let mut plan = deferring(1000, 0, weekdays, journeys);
    let mut other = Lane {
        id: "other".into(),
        ..plan.lanes[0].clone()
    };
    let first = plan.lanes[0].id.clone();
    if spill {
        let w = plan.lanes[0].warmup.as_mut().unwrap();
        (w.overflow, w.spill_lane) = (Overflow::Spill, Some("other".into()));
        let w = other.warmup.as_mut().unwrap();
        (w.overflow, w.spill_lane) = (Overflow::Spill, Some(first));
    }
    plan.lanes.push(other);
    plan.journeys[1].lane_override = Some("other".into());
    plan
}

#[test]
fn every_day_row_adds_up_wherever_its_mail_goes() {
    let journeys = [
        (Intent::PromotionalBroadcast, Audience::All, 1_500, 0.5),
        (Intent::Newsletter, Audience::Engaged30, 1_200, 0.3),
    ];
    let mut shifting = two_lanes(&[1, 2, 3, 4, 5, 6, 7], false, &journeys);
    shifting.lanes[0].warmup = None;
    shifting.lanes[0].status = LaneStatus::Warm;
    shifting.journeys[0].daily_volume = 20_000;
    let shift = Fallback {
        lane_id: shifting.lanes[0].id.clone(),
        action: Action::ShiftTo("other".into()),
        ..pause_promotions()
    };
    let mut noisy = settings("2027-01-04");
    noisy.complaint_multiplier = 3.0;
    // (case, plan, settings, fallbacks, the plan's mail a day, how mail
    // leaves a lane: passed on, or deferred over a day without sending)
    let cases = [
        (
            "spill both ways",
            two_lanes(&[1, 2, 3, 4, 5, 6, 7], true, &journeys),
            settings("2027-01-04"),
            vec![],
            2_700.0,
            Some(Passing::Spilled),
        ),
        (
            "shift fallback",
            shifting,
            noisy,
            vec![shift],
            21_200.0,
            Some(Passing::Shifted),
        ),
        (
            "idle day with a backlog",
            deferring(1000, 0, &[1, 2, 3, 4, 5], &journeys[..1]),
            settings("2027-01-04"),
            vec![],
            1_500.0,
            None,
        ),
    ];
    for (case, plan, mut s, fallbacks, daily, passing) in cases {
        s.days = 14;
        let r = run(&plan, &s, &fallbacks);
        for day in 0..s.days as usize {
            let days: Vec<&LaneDay> = r.lanes.iter().map(|l| &l.days[day]).collect();
            for d in &days {
                let out = d.accepted + d.waiting + d.lost + d.passed_out();
                assert!(close(d.requested, out), "{case}: {d:?}");
            }
            // Mail handed between lanes, or waiting, is counted once.
            let own: f64 = days
                .iter()
                .map(|d| d.requested - d.deferred - d.handed_in())
                .sum();
            assert!(close(own, daily), "{case} day {day}: {own}");
        }
        let passed = r
            .lanes
            .iter()
            .flat_map(|l| &l.days)
            .flat_map(|d| &d.passed_on);
        let named: Vec<_> = passed.map(|p| (p.why, p.lane_id.as_str())).collect();
        match passing {
            Some(why) => assert!(named.iter().any(|p| p.0 == why), "{case}: {named:?}"),
            None => {
                let idle = r.lanes[0].days.iter().find(|d| !d.sending).unwrap();
                assert!(
                    idle.deferred > 0.0 && close(idle.waiting, idle.requested),
                    "{case}: {idle:?}"
                );
            }
        }
    }
}

/// A part handed between lanes: from, to, the day it was passed on,
/// volume and why.
type Part = (String, String, String, f64, Passing);

/// Every part of `r` handed between lanes, once as the sender's rows pass
/// it on and once as the receiver's rows name it passed in.
fn handed(r: &Run) -> [Vec<Part>; 2] {
    let (mut on, mut into) = (Vec::new(), Vec::new());
    for lane in &r.lanes {
        let id = &lane.lane_id;
        for d in &lane.days {
            on.extend((d.passed_on.iter()).map(|p| {
                (
                    id.clone(),
                    p.lane_id.clone(),
                    d.date.clone(),
                    p.volume,
                    p.why,
                )
            }));
            into.extend(
                (d.passed_in.iter())
                    .map(|p| (p.lane_id.clone(), id.clone(), p.on.clone(), p.volume, p.why)),
            );
        }
    }
    let key = |p: &Part| (p.0.clone(), p.1.clone(), p.2.clone(), p.4.label());
    on.sort_by_key(key);
    into.sort_by_key(key);
    [on, into]
}

#[test]
fn a_lane_names_the_lanes_that_passed_it_mail_with_their_figures() {
    // Promotions and receipts both spill over their caps into the warm
    // revenue lane.
    let mut plan = promotions_spilling_into_revenue();
    let mut receipts = plan.lanes[2].warmup.clone().unwrap();
    receipts.sending_weekdays = vec![1, 2, 3, 4, 5, 6, 7];
    plan.lanes[0].status = LaneStatus::Warming;
    plan.lanes[0].warmup = Some(receipts);
    let mut s = settings("2027-09-06");
    s.days = 14;
    let r = run(&plan, &s, &[]);
    let [on, into] = handed(&r);
    assert!(!on.is_empty());
    assert_eq!(on, into);
    // On the first day both senders are named, each with its figure.
    let flows = &r.lanes[1].days[0];
    for sender in [&r.lanes[0], &r.lanes[2]] {
        let d = &sender.days[0];
        let sent = d.passed_on.iter().find(|p| p.lane_id == "revenue-flows");
        let named = (flows.passed_in.iter()).find(|p| p.lane_id == sender.lane_id);
        let named = named.map(|p| (p.on.as_str(), p.volume, p.why));
        let sent = sent.map(|p| (d.date.as_str(), p.volume, p.why));
        assert!(sent.is_some(), "{}: {d:?}", sender.lane_id);
        assert_eq!(named, sent, "{}", sender.lane_id);
    }
    assert!(close(
        flows.handed_in(),
        r.lanes[0].days[0].passed_out() + r.lanes[2].days[0].passed_out()
    ));
}

#[test]
fn mail_passed_after_a_lanes_turn_is_named_on_its_next_day() {
    let journeys = [
        (Intent::PromotionalBroadcast, Audience::All, 1_500, 0.5),
        (Intent::Newsletter, Audience::Engaged30, 1_200, 0.3),
    ];
    // Each lane spills into the other: the second lane's mail reaches the
    // first the day after, and on the run's last day waits there.
    let plan = two_lanes(&[1, 2, 3, 4, 5, 6, 7], true, &journeys);
    let mut s = settings("2027-01-04");
    s.days = 7;
    let r = run(&plan, &s, &[]);
    let [on, into] = handed(&r);
    assert_eq!(on, into);
    let first = &r.lanes[0].days;
    let late = (first.iter().enumerate().skip(1))
        .flat_map(|(n, d)| d.passed_in.iter().map(move |p| (n, p)))
        .filter(|(n, p)| p.on == first[n - 1].date);
    assert!(late.count() > 0, "{first:?}");
    let last = first.last().unwrap();
    assert!(last.passed_in.iter().any(|p| p.on == last.date), "{last:?}");
}

/// A paused lane sends nothing: the mail its journeys want goes unsent,
/// and the other lanes send as much as before.
#[test]
fn a_paused_lane_sends_nothing() {
    let s = settings("2026-01-05");
    let mut plan = noisy();
    let before = run(&plan, &s, &[]);
    let flows = plan
        .lanes
        .iter()
        .position(|l| l.id == "revenue-flows")
        .unwrap();
    plan.lanes[flows].status = LaneStatus::Paused;
    let after = run(&plan, &s, &[]);
    let lane = |run: &Run, id: &str| run.lanes.iter().find(|l| l.lane_id == id).cloned().unwrap();
    let paused = lane(&after, "revenue-flows");
    assert!(paused.days.iter().all(|d| !d.sending && d.accepted == 0.0));
    assert!(paused.total(|d| d.lost) > 0.0);
    let was = lane(&before, "revenue-flows");
    assert!(was.total(|d| d.accepted) > 0.0);
    // The other lanes' mail goes out as before; only the shared
    // reputation they draw on moves.
    let sent = |run: &Run| lane(run, "transactional").total(|d| d.accepted);
    assert_eq!(sent(&after), sent(&before));
    assert_eq!(paused_unsent(&plan, &after), ["Revenue flows"]);
    assert!(paused_unsent(&plan, &before).is_empty());
    // The one lane the plan is compared with sends, even when it is the
    // plan's paused default lane.
    let default = plan.default_lane.clone().unwrap();
    plan.lanes
        .iter_mut()
        .find(|l| l.id == default)
        .unwrap()
        .status = LaneStatus::Paused;
    let (one, _) = single_lane(&plan);
    assert_ne!(one.lanes[0].status, LaneStatus::Paused);
}

/// A day imported delivery data failed a lane's health gates holds its
/// ramp the next sending day, as a day the run fails does, whether or not
/// a migration moves mail onto the lane.
#[test]
fn a_lane_s_imported_failures_hold_its_own_ramp() {
    let plan = sample_plan();
    let caps = |failed: &[&str]| {
        let mut s = settings("2027-09-06");
        s.days = 14;
        s.failed_gates = vec![(
            "promotional".to_string(),
            failed.iter().map(|d| d.to_string()).collect(),
        )];
        let r = run(&plan, &s, &[]);
        let lane = r.lanes.iter().find(|l| l.lane_id == "promotional").unwrap();
        (lane.days.iter())
            .filter(|d| d.sending)
            .map(|d| (d.date.clone(), d.cap, d.imported_failed))
            .collect::<Vec<_>>()
    };
    let planned = caps(&[]);
    let held = caps(&["2027-09-08"]);
    assert!(planned.iter().all(|d| !d.2));
    let at = |days: &[(String, Option<f64>, bool)], date: &str| {
        days.iter().find(|d| d.0 == date).cloned().unwrap()
    };
    assert!(at(&held, "2027-09-08").2, "told on the day it failed");
    // The next sending day repeats the failed day's cap, where the plan
    // steps up.
    let (failed_day, next) = (at(&held, "2027-09-08"), at(&held, "2027-09-09"));
    assert_eq!(next.1, failed_day.1);
    assert!(at(&planned, "2027-09-09").1 > failed_day.1);
    // Another lane's failures hold nothing of this one.
    let mut s = settings("2027-09-06");
    s.days = 14;
    s.failed_gates = vec![("revenue-flows".to_string(), vec!["2027-09-08".to_string()])];
    let r = run(&plan, &s, &[]);
    let lane = r.lanes.iter().find(|l| l.lane_id == "promotional").unwrap();
    assert!(lane.days.iter().all(|d| !d.imported_failed));
}
