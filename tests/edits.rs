//! Every typed edit, from a table: each variant of `Edit` and of its field
//! enums reads back from JSON unchanged, applies with the effect it names,
//! undoes in one step, and changes nothing once its target is gone.
//!
//! The table cannot silently fall behind the enums: `expect` matches every
//! variant without a wildcard, so a new variant does not compile until its
//! effect is written down, and `every_variant_has_a_case` reads the variant
//! names from serde, so a new variant fails until the table has a case.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use switchyard::domain::{normalize_address, normalize_domain};
use switchyard::plan::edit::{
    edit_plan, DateChange, Direction, DmarcField, Edit, ExtrasField, ItemField, JourneyField,
    LaneField, MigrationField, PeakField, PostmasterField, RampField, RuleField, SeedField,
    SimulationField, ThresholdField, TopicField, WarmupField,
};
use switchyard::plan::model::*;
use switchyard::plan::sample::sample_plan;
use switchyard::plan::state::{apply, Action, PlannerState};
use switchyard::review::lint::standard_preferences;

/// The plan every case starts from: the sample, plus what the sample lacks
/// for some edits to have an effect or for a refused one to be seen (a
/// Postmaster row, a rule with a team and revenue bounds, a lane without
/// thresholds).
fn base() -> Plan {
    let mut plan = sample_plan();
    plan.monitoring.postmaster.push(PostmasterEntry {
        id: "postmaster-1".into(),
        date: "2027-03-01".into(),
        domain: "mail.fernleafcoffee.com".into(),
        spam_rate_percent: 0.125,
    });
    let broadcasts = rule_mut(&mut plan, "rule-broadcasts");
    broadcasts.when.owning_teams = vec!["Brand".into()];
    broadcasts.when.min_revenue_per_recipient = Some(0.25);
    broadcasts.when.max_revenue_per_recipient = Some(10.0);
    plan.monitoring
        .thresholds
        .retain(|t| t.lane != "promotional");
    plan.migrations.push(Migration {
        whole_lane: false,
        journeys: vec!["welcome".into()],
        start_date: "2027-09-06".into(),
        ..Migration::new("migration-1", "revenue-flows", "promotional")
    });
    plan.peak_window = Some(PeakWindow {
        name: "Black Friday".into(),
        start: "2027-11-26".into(),
        end: "2027-11-29".into(),
    });
    plan
}

fn migration_edit(set: MigrationField) -> Edit {
    Edit::Migration {
        migration: "migration-1".into(),
        set,
    }
}

fn rule_mut<'a>(plan: &'a mut Plan, id: &str) -> &'a mut Rule {
    plan.rules.iter_mut().find(|r| r.id == id).unwrap()
}

fn lane_edit(lane: &str, set: LaneField) -> Edit {
    Edit::Lane {
        lane: lane.into(),
        set,
    }
}

fn added_date(to: &str) -> DateChange {
    DateChange {
        from: None,
        to: to.into(),
    }
}

fn moved_date(from: &str, to: &str) -> DateChange {
    DateChange {
        from: Some(from.into()),
        to: to.into(),
    }
}

/// A date change leaves the new date in, the old one out, the others as
/// they were, and the dates sorted without repeats; a date to move or
/// remove that is gone changes nothing.
fn expect_dates(change: &DateChange, before: &[String], dates: &[String]) {
    if change
        .from
        .as_ref()
        .is_some_and(|from| !before.contains(from))
    {
        assert_eq!(dates, before, "{change:?}");
        return;
    }
    let to = change.to.trim();
    let kept = |d: &&String| Some(*d) != change.from.as_ref();
    assert!(
        before.iter().filter(kept).all(|d| dates.contains(d)),
        "{dates:?}"
    );
    let expected = before.iter().filter(kept).count() + usize::from(!to.is_empty());
    assert!(dates.len() <= expected, "{dates:?}");
    if !to.is_empty() {
        assert!(dates.iter().any(|d| d == to), "{to} in {dates:?}");
    }
    if let Some(from) = change.from.as_deref().filter(|from| *from != to) {
        assert!(!dates.iter().any(|d| d == from), "{from} out of {dates:?}");
    }
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
}

fn warmup_edit(set: WarmupField) -> Edit {
    Edit::Warmup {
        lane: "promotional".into(),
        set,
    }
}

fn journey_edit(journey: &str, set: JourneyField) -> Edit {
    Edit::Journey {
        journey: journey.into(),
        set,
    }
}

fn rule_edit(set: RuleField) -> Edit {
    Edit::Rule {
        rule: "rule-broadcasts".into(),
        set,
    }
}

fn item_edit(item: Item, lane: &str, set: ItemField) -> Edit {
    Edit::ChecklistItem {
        item,
        lane: lane.into(),
        set,
    }
}

fn seed_edit(set: SeedField) -> Edit {
    Edit::Seed {
        seed: "seed-revenue-flows-2026-11-16".into(),
        set,
    }
}

fn topic_edit(set: TopicField) -> Edit {
    Edit::Topic {
        topic: "reminders".into(),
        set,
    }
}

fn postmaster_edit(set: PostmasterField) -> Edit {
    Edit::Postmaster {
        entry: "postmaster-1".into(),
        set,
    }
}

fn threshold_edit(lane: &str, set: ThresholdField) -> Edit {
    Edit::Threshold {
        lane: lane.into(),
        set,
    }
}

/// At least one case for every variant of `Edit` and of each field enum;
/// each changes `base()`.
fn cases() -> Vec<Edit> {
    let s = |v: &str| v.to_string();
    vec![
        Edit::SetBrandName(s("Fernleaf Roasters")),
        Edit::SetPrimaryDomain(s("Fernleaf.Example")),
        Edit::SetNotes(s("Roast dates on every bag.")),
        Edit::AddLane(Purpose::Vip),
        // The id a new VIP lane of the base plan takes: the lane is added.
        Edit::AddLaneAs {
            lane: s("vip"),
            purpose: Purpose::Vip,
        },
        lane_edit("promotional", LaneField::Name(s("Offers"))),
        lane_edit("promotional", LaneField::Owner(s("Dana"))),
        lane_edit("promotional", LaneField::Purpose(Purpose::Vip)),
        lane_edit("promotional", LaneField::Status(LaneStatus::Warm)),
        lane_edit("promotional", LaneField::Provider(Provider::Postmark)),
        lane_edit("promotional", LaneField::SmtpHost(s("SMTP.Example.com"))),
        lane_edit("promotional", LaneField::SmtpPort(2525)),
        lane_edit(
            "promotional",
            LaneField::SmtpSecurity(Security::ImplicitTls),
        ),
        lane_edit("promotional", LaneField::SmtpUsername(s("apikey"))),
        lane_edit(
            "promotional",
            LaneField::SendingDomain(s("News.FernleafCoffee.com")),
        ),
        lane_edit("promotional", LaneField::FromName(s("Fernleaf Offers"))),
        lane_edit(
            "promotional",
            LaneField::FromAddress(s("offers@NEWS.fernleafcoffee.com")),
        ),
        lane_edit(
            "promotional",
            LaneField::ReplyTo(s("help@fernleafcoffee.com")),
        ),
        lane_edit(
            "promotional",
            LaneField::ReturnPathDomain(s("bounce.news.fernleafcoffee.com")),
        ),
        lane_edit(
            "promotional",
            LaneField::TrackingDomain(s("click.fernleafcoffee.com")),
        ),
        lane_edit(
            "promotional",
            LaneField::DkimDomain(s("news.fernleafcoffee.com")),
        ),
        lane_edit("promotional", LaneField::DkimSelector(s("k2"))),
        lane_edit(
            "revenue-flows",
            LaneField::IpAddresses(vec![s("198.51.100.10"), s("2001:db8::1")]),
        ),
        lane_edit("promotional", LaneField::IpStrategy(IpStrategy::Shared)),
        lane_edit(
            "promotional",
            LaneField::EngagementFilter(EngagementFilter::PurchasedWithin { days: 180 }),
        ),
        warmup_edit(WarmupField::Preset(Some(WarmupPreset::KumoConservative))),
        warmup_edit(WarmupField::Preset(None)),
        Edit::Warmup {
            lane: s("transactional"),
            set: WarmupField::Preset(Some(WarmupPreset::KumoTransactional)),
        },
        warmup_edit(WarmupField::StartDate(s("2027-09-13"))),
        warmup_edit(WarmupField::TargetDate(s("2027-11-19"))),
        warmup_edit(WarmupField::TargetVolume(80_000)),
        warmup_edit(WarmupField::SkippedDates(vec![s("2027-10-12")])),
        // The sample skips 2027-10-11: one date added, one moved, one removed.
        warmup_edit(WarmupField::SkippedDate(added_date(" 2027-10-04 "))),
        warmup_edit(WarmupField::SkippedDate(moved_date(
            "2027-10-11",
            "2027-10-01",
        ))),
        warmup_edit(WarmupField::SkippedDate(moved_date("2027-10-11", ""))),
        warmup_edit(WarmupField::Weekday { day: 6, on: true }),
        warmup_edit(WarmupField::Weekday { day: 3, on: false }),
        warmup_edit(WarmupField::Overflow(Overflow::Spill)),
        warmup_edit(WarmupField::SpillLane(Some(s("revenue-flows")))),
        warmup_edit(WarmupField::Custom(RampField::StartVolume(1_000))),
        warmup_edit(WarmupField::Custom(RampField::GrowthPercent(25))),
        warmup_edit(WarmupField::Custom(RampField::HoldDays(2))),
        warmup_edit(WarmupField::Custom(RampField::Cap(50_000))),
        warmup_edit(WarmupField::Restore(Box::new(WarmupPlan {
            preset: WarmupPreset::Custom,
            start_date: s("2027-08-02"),
            target_volume: 60_000,
            skipped_dates: vec![s("2027-08-09")],
            ..WarmupPlan::default()
        }))),
        Edit::DeleteLane(s("revenue-flows")),
        Edit::MoveLane {
            lane: s("promotional"),
            direction: Direction::Up,
        },
        Edit::MoveLane {
            lane: s("transactional"),
            direction: Direction::Down,
        },
        Edit::AddJourney,
        journey_edit("welcome", JourneyField::Name(s("Welcome flow"))),
        journey_edit("welcome", JourneyField::Intent(Intent::Custom)),
        journey_edit(
            "cart-recovery",
            JourneyField::TriggerKind(TriggerKind::Scheduled),
        ),
        journey_edit(
            "weekly-promo",
            JourneyField::Trigger(Trigger::Event {
                event_name: s("Price Dropped"),
                latency_minutes: 3,
                delay_minutes: 45,
            }),
        ),
        journey_edit("cart-recovery", JourneyField::EventName(s("Cart Updated"))),
        journey_edit("cart-recovery", JourneyField::LatencyMinutes(5)),
        journey_edit("cart-recovery", JourneyField::DelayMinutes(90)),
        journey_edit("replenishment", JourneyField::Segment(s("Day 28"))),
        journey_edit("weekly-promo", JourneyField::Cadence(Cadence::Monthly)),
        journey_edit(
            "weekly-promo",
            JourneyField::CadenceWith {
                cadence: Cadence::OneOff,
                send_day: Some(Weekday::Tuesday),
                send_date: Some(s("2027-11-18")),
            },
        ),
        journey_edit(
            "weekly-promo",
            JourneyField::CadenceWith {
                cadence: Cadence::Monthly,
                send_day: Some(Weekday::Friday),
                send_date: Some(s("2027-11-18")),
            },
        ),
        journey_edit(
            "weekly-promo",
            JourneyField::SendDay(Some(Weekday::Tuesday)),
        ),
        journey_edit("newsletter", JourneyField::SendDay(Some(Weekday::Thursday))),
        journey_edit("newsletter", JourneyField::Cadence(Cadence::OneOff)),
        journey_edit("newsletter", JourneyField::SendDate(s(" 2027-11-18 "))),
        journey_edit(
            "welcome",
            JourneyField::TriggerKind(TriggerKind::ApiBroadcast),
        ),
        journey_edit(
            "welcome",
            JourneyField::TriggerKind(TriggerKind::TransactionalApi),
        ),
        journey_edit(
            "order-confirmation",
            JourneyField::TriggerKind(TriggerKind::SegmentEntry),
        ),
        journey_edit(
            "login-code",
            JourneyField::TransactionalMessage(s("login_code_v2")),
        ),
        Edit::Many(vec![
            journey_edit(
                "welcome",
                JourneyField::TriggerKind(TriggerKind::ApiBroadcast),
            ),
            journey_edit("welcome", JourneyField::Broadcast(s("Restock alert"))),
        ]),
        journey_edit("welcome", JourneyField::DailyVolume(750)),
        journey_edit("welcome", JourneyField::RevenuePerRecipient(2.75)),
        journey_edit("welcome", JourneyField::Audience(Audience::All)),
        journey_edit("welcome", JourneyField::OwningTeam(s("Growth"))),
        journey_edit("welcome", JourneyField::Tags(vec![s("vip"), s("eu")])),
        journey_edit(
            "welcome",
            JourneyField::LaneOverride(Some(s("promotional"))),
        ),
        Edit::DeleteJourney(s("newsletter")),
        Edit::AddRule,
        rule_edit(RuleField::Name(s("Broadcasts"))),
        rule_edit(RuleField::Enabled(false)),
        rule_edit(RuleField::Lane(s("revenue-flows"))),
        rule_edit(RuleField::Intent {
            intent: Intent::Newsletter,
            on: true,
        }),
        rule_edit(RuleField::TriggerKind {
            kind: TriggerKind::Scheduled,
            on: false,
        }),
        rule_edit(RuleField::Audience {
            audience: Audience::Engaged30,
            on: true,
        }),
        rule_edit(RuleField::MinRevenue(Some(0.5))),
        rule_edit(RuleField::MaxRevenue(Some(3.5))),
        rule_edit(RuleField::Tags(vec![s("seasonal")])),
        rule_edit(RuleField::ClearTeams),
        Edit::DeleteRule(s("rule-lifecycle")),
        Edit::MoveRule {
            rule: s("rule-broadcasts"),
            direction: Direction::Up,
        },
        Edit::MoveRule {
            rule: s("rule-transactional"),
            direction: Direction::Down,
        },
        Edit::SetDefaultLane(Some(s("revenue-flows"))),
        Edit::SetDefaultLane(None),
        Edit::Dmarc(DmarcField::Goal(DmarcPolicy::Quarantine)),
        Edit::Dmarc(DmarcField::Np(Some(DmarcPolicy::Reject))),
        Edit::Dmarc(DmarcField::Rua(s("dmarc@fernleafcoffee.com"))),
        // As the record's tag writes it: the address alone is kept.
        Edit::Dmarc(DmarcField::Rua(s(" MAILTO:dmarc@fernleafcoffee.com"))),
        Edit::Dmarc(DmarcField::RolloutStart(s("2027-02-01"))),
        Edit::Dmarc(DmarcField::FirstStage(Some(DmarcPolicy::Quarantine))),
        Edit::Dmarc(DmarcField::WeeksPerStage(6)),
        Edit::Dmarc(DmarcField::StrictDkim(true)),
        Edit::Dmarc(DmarcField::StrictSpf(true)),
        Edit::Dmarc(DmarcField::NotOurs {
            source_ip: s("185.220.101.5"),
            not_ours: true,
        }),
        Edit::Extras(ExtrasField::MtaSts(MtaStsMode::Enforce)),
        Edit::Extras(ExtrasField::TlsRptRua(s("tls@fernleafcoffee.com"))),
        Edit::Extras(ExtrasField::TlsRptRua(s("mailto:tls@fernleafcoffee.com"))),
        Edit::Extras(ExtrasField::BimiLogo(s(
            "https://fernleafcoffee.com/logo.svg",
        ))),
        Edit::Extras(ExtrasField::BimiCertificate(s(
            "https://fernleafcoffee.com/vmc.pem",
        ))),
        Edit::SetExistingRecords(s("@ IN TXT \"v=spf1 -all\"")),
        Edit::Simulation(SimulationField::StartDate(s("2027-09-06"))),
        Edit::Simulation(SimulationField::Days(120)),
        Edit::Simulation(SimulationField::Mix {
            provider: Mailbox::Other,
            percent: 9,
        }),
        Edit::Simulation(SimulationField::PromoFrequencyPercent(150)),
        Edit::Simulation(SimulationField::PromoAudience(Audience::Engaged30)),
        Edit::Simulation(SimulationField::ComplaintPercent(200)),
        Edit::Simulation(SimulationField::GateDeliveredPercent(95.5)),
        Edit::Simulation(SimulationField::GateComplaintPercent(0.25)),
        Edit::Simulation(SimulationField::GateBouncePercent(3.5)),
        Edit::SetFallback {
            lane: s("revenue-flows"),
            action: Some(FallbackAction::Shift),
        },
        Edit::SetFallback {
            lane: s("promotional"),
            action: Some(FallbackAction::TightenTo30Days),
        },
        Edit::SetFallback {
            lane: s("promotional"),
            action: None,
        },
        Edit::SetFallbackShift {
            lane: s("promotional"),
            shift_lane: Some(s("revenue-flows")),
        },
        item_edit(
            Item::SmtpServers,
            "promotional",
            ItemField::Status(Some(ItemStatus::Done)),
        ),
        item_edit(Item::SmtpServers, "promotional", ItemField::Status(None)),
        item_edit(Item::DomainPlan, "promotional", ItemField::Owner(s("Dana"))),
        item_edit(Item::FallbackPlan, "", ItemField::Due(s("2027-08-01"))),
        item_edit(
            Item::DomainPlan,
            "promotional",
            ItemField::Notes(s("Waiting on IT")),
        ),
        Edit::SetMigratingEsp(true),
        Edit::SetPlatform(Platform::OwnCode),
        Edit::SetAllEmailsLane(Some(s("revenue-flows"))),
        Edit::SetAllEmailsLane(None),
        Edit::AddSeed {
            lane: s("promotional"),
            date: s("2026-11-29"),
        },
        seed_edit(SeedField::Date(s("2026-11-17"))),
        seed_edit(SeedField::Gmail(Placement::Tab)),
        seed_edit(SeedField::Yahoo(Placement::Missing)),
        seed_edit(SeedField::Outlook(Placement::Inbox)),
        Edit::DeleteSeed(s("seed-transactional-2026-11-16")),
        Edit::AddTopic,
        topic_edit(TopicField::Name(s("Refill reminders"))),
        topic_edit(TopicField::Kind(TopicKind::Promotional)),
        topic_edit(TopicField::Suppresses {
            lane: s("promotional"),
            on: true,
        }),
        topic_edit(TopicField::Suppresses {
            lane: s("revenue-flows"),
            on: false,
        }),
        Edit::DeleteTopic(s("promotions")),
        Edit::SetPreferences(Preferences {
            processing_days: 1,
            ..standard_preferences(&sample_plan())
        }),
        Edit::SetOneClick {
            lane: s("transactional"),
            on: true,
        },
        Edit::SetOneClick {
            lane: s("promotional"),
            on: false,
        },
        Edit::SetProcessingDays(1),
        Edit::MapKey {
            kind: KeyKind::SendgridPool,
            key: s("promo:eu"),
            lane: Some(s("promotional")),
        },
        Edit::MapKey {
            kind: KeyKind::SendgridPool,
            key: s("flows"),
            lane: Some(s("promotional")),
        },
        Edit::MapKey {
            kind: KeyKind::PostmarkStream,
            key: s("outbound"),
            lane: None,
        },
        Edit::AddPostmaster {
            date: s("2027-03-08"),
        },
        postmaster_edit(PostmasterField::Date(s("2027-03-02"))),
        postmaster_edit(PostmasterField::Domain(s("Flows.FernleafCoffee.com"))),
        postmaster_edit(PostmasterField::SpamRatePercent(0.25)),
        Edit::DeletePostmaster(s("postmaster-1")),
        threshold_edit("promotional", ThresholdField::ComplaintWatchPercent(0.125)),
        threshold_edit("promotional", ThresholdField::ComplaintActPercent(0.25)),
        threshold_edit("promotional", ThresholdField::BounceWatchPercent(1.5)),
        threshold_edit("promotional", ThresholdField::BounceActPercent(4.5)),
        threshold_edit("promotional", ThresholdField::DeliveredMinPercent(95.5)),
        threshold_edit("transactional", ThresholdField::Reset),
        Edit::AddMigration {
            from_lane: s("transactional"),
            to_lane: s("promotional"),
        },
        migration_edit(MigrationField::Name(s("Flows to SES"))),
        migration_edit(MigrationField::FromLane(s("transactional"))),
        migration_edit(MigrationField::ToLane(s("transactional"))),
        migration_edit(MigrationField::WholeLane(true)),
        migration_edit(MigrationField::Journey {
            journey: s("cart-recovery"),
            on: true,
        }),
        migration_edit(MigrationField::Journey {
            journey: s("welcome"),
            on: false,
        }),
        migration_edit(MigrationField::StartDate(s("2027-10-04"))),
        migration_edit(MigrationField::HoldDates(vec![s("2027-10-11")])),
        migration_edit(MigrationField::HoldDate(added_date("2027-10-18"))),
        migration_edit(MigrationField::GraceDays(45)),
        migration_edit(MigrationField::Rollback(s("Override back to flows."))),
        Edit::DeleteMigration(s("migration-1")),
        Edit::SetPeakWindow(Some(PeakWindow {
            name: s("Holidays"),
            start: s("2027-12-18"),
            end: s("2027-12-31"),
        })),
        Edit::SetPeakWindow(None),
        // Each changes its own field of the season and keeps the others.
        Edit::PeakWindow(PeakField::Name(s(" Holidays "))),
        Edit::PeakWindow(PeakField::Start(s(" 2027-11-25 "))),
        Edit::PeakWindow(PeakField::End(s("2027-12-01"))),
        Edit::Many(vec![
            Edit::SetBrandName(s("A")),
            lane_edit("promotional", LaneField::Name(s("B"))),
            Edit::SetProcessingDays(1),
        ]),
    ]
}

/// Asserts that `after` is `before` with `edit` applied, as the edit's
/// variant says. No wildcard: every variant needs its effect written here.
/// A report address without the `mailto:` its record's tag adds.
fn bare(value: &str) -> String {
    let text = value.trim();
    match text.to_ascii_lowercase().strip_prefix("mailto:") {
        Some(_) => text[7..].to_string(),
        None => value.to_string(),
    }
}

fn expect(edit: &Edit, before: &Plan, after: &Plan) {
    match edit {
        Edit::SetBrandName(v) => {
            assert_eq!(after.brand.name, *v);
            // From names that were the brand's, or empty, follow it;
            // others stay.
            for (b, a) in before.lanes.iter().zip(&after.lanes) {
                let follows = b.from_name == before.brand.name || b.from_name.trim().is_empty();
                assert_eq!(&a.from_name, if follows { v } else { &b.from_name });
            }
        }
        Edit::SetPrimaryDomain(v) => {
            assert_eq!(after.brand.primary_domain, normalize_domain(v).unwrap())
        }
        Edit::SetNotes(v) => assert_eq!(after.notes, *v),
        Edit::AddLane(purpose) => {
            // The others keep the colours they showed (`keep_colours`).
            let mut kept = before.clone();
            kept.keep_colours();
            let lane = added(&kept.lanes, &after.lanes, |l| &l.id);
            assert_eq!(lane.purpose, *purpose);
            assert_eq!(lane.colour, Some(kept.free_colour()));
        }
        Edit::AddLaneAs { lane, purpose } => {
            let mut kept = before.clone();
            kept.keep_colours();
            let new = added(&kept.lanes, &after.lanes, |l| &l.id);
            assert_eq!((&new.id, new.purpose), (lane, *purpose));
            // Once the lane is there, the same edit adds nothing.
            let mut again = after.clone();
            edit_plan(&mut again, edit.clone());
            assert_eq!(again, *after);
        }
        Edit::Lane { lane, set } => {
            expect_lane(set, after.platform.kind, after.lane(lane).unwrap())
        }
        Edit::Warmup { lane, set } => expect_warmup(
            set,
            before.lane(lane).unwrap().warmup.as_ref(),
            after.lane(lane).unwrap().warmup.as_ref(),
        ),
        Edit::DeleteLane(id) => {
            assert!(after.lane(id).is_none());
            assert_eq!(after.lanes.len(), before.lanes.len() - 1);
        }
        Edit::MoveLane { lane, direction } => {
            // Each lane takes its colour along (`keep_colours`).
            let mut kept = before.clone();
            kept.keep_colours();
            expect_moved(&kept.lanes, &after.lanes, lane, *direction, |l| &l.id)
        }
        Edit::AddJourney => {
            let journey = added(&before.journeys, &after.journeys, |j| &j.id);
            assert!(journey.name.starts_with("New journey"));
        }
        Edit::Journey { journey, set } => expect_journey(
            set,
            find(&before.journeys, journey, |j| &j.id),
            find(&after.journeys, journey, |j| &j.id),
        ),
        Edit::DeleteJourney(id) => {
            assert!(after.journeys.iter().all(|j| j.id != *id));
            assert_eq!(after.journeys.len(), before.journeys.len() - 1);
        }
        Edit::AddRule => {
            let rule = added(&before.rules, &after.rules, |r| &r.id);
            assert_eq!(Some(&rule.lane), before.default_lane.as_ref());
        }
        Edit::Rule { rule, set } => expect_rule(
            set,
            find(&before.rules, rule, |r| &r.id),
            find(&after.rules, rule, |r| &r.id),
        ),
        Edit::DeleteRule(id) => {
            assert!(after.rules.iter().all(|r| r.id != *id));
            assert_eq!(after.rules.len(), before.rules.len() - 1);
        }
        Edit::MoveRule { rule, direction } => {
            expect_moved(&before.rules, &after.rules, rule, *direction, |r| &r.id)
        }
        Edit::SetDefaultLane(lane) => assert_eq!(after.default_lane, *lane),
        Edit::SetPlatform(v) => assert_eq!(after.platform.kind, *v),
        Edit::SetAllEmailsLane(lane) => assert_eq!(after.platform.all_emails_lane, *lane),
        Edit::Dmarc(set) => {
            let d = &after.dmarc;
            match set {
                DmarcField::Goal(v) => assert_eq!(d.goal, *v),
                DmarcField::Np(v) => assert_eq!(d.np, *v),
                DmarcField::Rua(v) => assert_eq!(d.rua, bare(v)),
                DmarcField::RolloutStart(v) => assert_eq!(d.rollout_start, *v),
                DmarcField::FirstStage(v) => assert_eq!(
                    d.first_stage,
                    (v.map(|p| p.min(d.goal))).filter(|p| *p != DmarcPolicy::None)
                ),
                DmarcField::WeeksPerStage(v) => assert_eq!(d.weeks_per_stage, *v),
                DmarcField::StrictDkim(v) => assert_eq!(d.strict_dkim, *v),
                DmarcField::StrictSpf(v) => assert_eq!(d.strict_spf, *v),
                DmarcField::NotOurs {
                    source_ip,
                    not_ours,
                } => assert_eq!(d.not_ours.contains(source_ip), *not_ours),
            }
        }
        Edit::Extras(set) => {
            let x = &after.extras;
            match set {
                ExtrasField::MtaSts(v) => assert_eq!(x.mta_sts, *v),
                ExtrasField::TlsRptRua(v) => assert_eq!(x.tls_rpt_rua, bare(v)),
                ExtrasField::BimiLogo(v) => assert_eq!(x.bimi_logo, *v),
                ExtrasField::BimiCertificate(v) => assert_eq!(x.bimi_certificate, *v),
            }
        }
        Edit::SetExistingRecords(v) => assert_eq!(after.existing_records, *v),
        Edit::Simulation(set) => {
            let sim = &after.simulation;
            match set {
                SimulationField::StartDate(v) => assert_eq!(sim.start_date, *v),
                SimulationField::Days(v) => assert_eq!(sim.days, *v),
                SimulationField::Mix { provider, percent } => {
                    assert_eq!(sim.mix_percent[provider.slot()], *percent)
                }
                SimulationField::PromoFrequencyPercent(v) => {
                    assert_eq!(sim.promo_frequency_percent, *v)
                }
                SimulationField::PromoAudience(v) => assert_eq!(sim.promo_audience, *v),
                SimulationField::ComplaintPercent(v) => assert_eq!(sim.complaint_percent, *v),
                SimulationField::GateDeliveredPercent(v) => {
                    assert_eq!(sim.gate_delivered_percent, *v)
                }
                SimulationField::GateComplaintPercent(v) => {
                    assert_eq!(sim.gate_complaint_percent, *v)
                }
                SimulationField::GateBouncePercent(v) => assert_eq!(sim.gate_bounce_percent, *v),
            }
        }
        Edit::SetFallback { lane, action } => {
            let found = after.simulation.fallbacks.iter().find(|f| f.lane == *lane);
            assert_eq!(found.map(|f| f.action), *action);
        }
        Edit::SetFallbackShift { lane, shift_lane } => {
            let found = after.simulation.fallbacks.iter().find(|f| f.lane == *lane);
            assert_eq!(found.unwrap().shift_lane, *shift_lane);
        }
        Edit::ChecklistItem { item, lane, set } => {
            let state = after
                .checklist
                .items
                .iter()
                .find(|i| i.item == *item && i.lane == *lane)
                .expect("the item's state exists once edited");
            match set {
                ItemField::Status(v) => assert_eq!(state.status, *v),
                ItemField::Owner(v) => assert_eq!(state.owner, *v),
                ItemField::Due(v) => assert_eq!(state.due, *v),
                ItemField::Notes(v) => assert_eq!(state.notes, *v),
            }
        }
        Edit::SetMigratingEsp(v) => assert_eq!(after.checklist.migrating_esp, *v),
        Edit::AddSeed { lane, date } => {
            let seed = added(&before.checklist.seeds, &after.checklist.seeds, |s| &s.id);
            assert_eq!(*seed, SeedTest::new(&seed.id, lane, date));
        }
        Edit::Seed { seed, set } => {
            let seed = find(&after.checklist.seeds, seed, |s| &s.id);
            match set {
                SeedField::Date(v) => assert_eq!(seed.date, *v),
                SeedField::Gmail(v) => assert_eq!(seed.gmail, *v),
                SeedField::Yahoo(v) => assert_eq!(seed.yahoo, *v),
                SeedField::Outlook(v) => assert_eq!(seed.outlook, *v),
            }
        }
        Edit::DeleteSeed(id) => {
            expect_deleted(&before.checklist.seeds, &after.checklist.seeds, id, |s| {
                &s.id
            })
        }
        Edit::AddTopic => {
            let topic = added(&before.preferences.topics, &after.preferences.topics, |t| {
                &t.id
            });
            assert!(topic.suppresses.is_empty());
        }
        Edit::Topic { topic, set } => {
            let topic = find(&after.preferences.topics, topic, |t| &t.id);
            match set {
                TopicField::Name(v) => assert_eq!(topic.name, *v),
                TopicField::Kind(v) => assert_eq!(topic.kind, *v),
                TopicField::Suppresses { lane, on } => {
                    assert_eq!(topic.suppresses.contains(lane), *on);
                    assert_in_lane_order(after, &topic.suppresses);
                }
            }
        }
        Edit::DeleteTopic(id) => expect_deleted(
            &before.preferences.topics,
            &after.preferences.topics,
            id,
            |t| &t.id,
        ),
        Edit::SetPreferences(v) => assert_eq!(after.preferences, *v),
        Edit::SetOneClick { lane, on } => {
            let lanes = &after.preferences.one_click_lanes;
            assert_eq!(lanes.contains(lane), *on);
            assert_in_lane_order(after, lanes);
        }
        Edit::SetProcessingDays(v) => assert_eq!(after.preferences.processing_days, *v),
        Edit::MapKey { kind, key, lane } => {
            let mapped: Vec<&String> = after
                .monitoring
                .mapping
                .iter()
                .filter(|m| m.kind == *kind && m.key == *key)
                .map(|m| &m.lane)
                .collect();
            assert_eq!(
                mapped,
                lane.iter().collect::<Vec<_>>(),
                "one mapping per key"
            );
        }
        Edit::AddPostmaster { date } => {
            let row = added(
                &before.monitoring.postmaster,
                &after.monitoring.postmaster,
                |p| &p.id,
            );
            assert_eq!(
                (&row.date, &row.domain, row.spam_rate_percent),
                (date, &after.brand.primary_domain, 0.0)
            );
        }
        Edit::Postmaster { entry, set } => {
            let row = find(&after.monitoring.postmaster, entry, |p| &p.id);
            match set {
                PostmasterField::Date(v) => assert_eq!(row.date, *v),
                PostmasterField::Domain(v) => assert_eq!(row.domain, v.to_ascii_lowercase()),
                PostmasterField::SpamRatePercent(v) => assert_eq!(row.spam_rate_percent, *v),
            }
        }
        Edit::DeletePostmaster(id) => expect_deleted(
            &before.monitoring.postmaster,
            &after.monitoring.postmaster,
            id,
            |p| &p.id,
        ),
        Edit::Threshold { lane, set } => {
            let t = after
                .monitoring
                .thresholds
                .iter()
                .find(|t| t.lane == *lane)
                .unwrap();
            match set {
                ThresholdField::ComplaintWatchPercent(v) => {
                    assert_eq!(t.complaint_watch_percent, *v)
                }
                ThresholdField::ComplaintActPercent(v) => assert_eq!(t.complaint_act_percent, *v),
                ThresholdField::BounceWatchPercent(v) => assert_eq!(t.bounce_watch_percent, *v),
                ThresholdField::BounceActPercent(v) => assert_eq!(t.bounce_act_percent, *v),
                ThresholdField::DeliveredMinPercent(v) => {
                    assert_eq!(t.delivered_min_percent, *v)
                }
                ThresholdField::Reset => assert_eq!(*t, Thresholds::reference(lane)),
            }
        }
        Edit::AddMigration { from_lane, to_lane } => {
            let m = added(&before.migrations, &after.migrations, |m| &m.id);
            let expected = Migration::new(&m.id, from_lane, to_lane);
            assert_eq!(
                *m,
                Migration {
                    name: m.name.clone(),
                    ..expected
                }
            );
            assert!(m.name.contains(" to "), "{}", m.name);
        }
        Edit::Migration { migration, set } => expect_migration(
            set,
            find(&before.migrations, migration, |m| &m.id),
            find(&after.migrations, migration, |m| &m.id),
            after,
        ),
        Edit::DeleteMigration(id) => {
            expect_deleted(&before.migrations, &after.migrations, id, |m| &m.id)
        }
        Edit::SetPeakWindow(v) => assert_eq!(after.peak_window, *v),
        Edit::PeakWindow(set) => {
            let mut expected = before.peak_window.clone().unwrap_or_default();
            match set {
                PeakField::Name(v) => expected.name = v.trim().to_string(),
                PeakField::Start(v) => expected.start = v.trim().to_string(),
                PeakField::End(v) => expected.end = v.trim().to_string(),
            }
            assert_eq!(after.peak_window, Some(expected));
        }
        Edit::Many(edits) => {
            // The steps apply in order, each to the plan the last one left.
            let mut stepwise = before.clone();
            for step in edits {
                let was = stepwise.clone();
                edit_plan(&mut stepwise, step.clone());
                expect(step, &was, &stepwise);
            }
            assert_eq!(*after, stepwise);
        }
    }
}

fn expect_migration(set: &MigrationField, before: &Migration, m: &Migration, plan: &Plan) {
    match set {
        MigrationField::Name(v) => assert_eq!(m.name, *v),
        MigrationField::FromLane(v) => assert_eq!(m.from_lane, *v),
        MigrationField::ToLane(v) => assert_eq!(m.to_lane, *v),
        MigrationField::WholeLane(v) => assert_eq!(m.whole_lane, *v),
        MigrationField::Journey { journey, on } => {
            assert_ne!(
                before.journeys.contains(journey),
                *on,
                "the case changes it"
            );
            assert_eq!(m.journeys.contains(journey), *on);
            // Ticked journeys keep the plan's order, as the boxes show them.
            let ordered: Vec<&String> = plan
                .journeys
                .iter()
                .map(|j| &j.id)
                .filter(|id| m.journeys.contains(id))
                .collect();
            assert_eq!(m.journeys.iter().collect::<Vec<_>>(), ordered);
        }
        MigrationField::StartDate(v) => assert_eq!(m.start_date, *v),
        MigrationField::HoldDates(v) => assert_eq!(m.hold_dates, *v),
        MigrationField::HoldDate(change) => expect_dates(change, &before.hold_dates, &m.hold_dates),
        MigrationField::GraceDays(v) => assert_eq!(m.grace_days, *v),
        MigrationField::Rollback(v) => assert_eq!(m.rollback, *v),
    }
}

fn expect_lane(set: &LaneField, platform: Platform, lane: &Lane) {
    let domain = |v: &str| normalize_domain(v).unwrap();
    let address = |v: &str| normalize_address(v).unwrap();
    match set {
        LaneField::Name(v) => assert_eq!(lane.name, *v),
        LaneField::Owner(v) => assert_eq!(lane.owner, *v),
        LaneField::Purpose(v) => assert_eq!(lane.purpose, *v),
        LaneField::Status(v) => assert_eq!(lane.status, *v),
        // A provider brings its SMTP defaults, on a port the platform takes.
        LaneField::Provider(v) => assert_eq!(lane.smtp, Smtp::for_platform(*v, platform)),
        LaneField::SmtpHost(v) => assert_eq!(lane.smtp.host, domain(v)),
        LaneField::SmtpPort(v) => assert_eq!(lane.smtp.port, *v),
        LaneField::SmtpSecurity(v) => assert_eq!(lane.smtp.security, *v),
        LaneField::SmtpUsername(v) => assert_eq!(lane.smtp.username, *v),
        LaneField::SendingDomain(v) => assert_eq!(lane.sending_domain, domain(v)),
        LaneField::FromName(v) => assert_eq!(lane.from_name, *v),
        LaneField::FromAddress(v) => assert_eq!(lane.from_address, address(v)),
        LaneField::ReplyTo(v) => assert_eq!(lane.reply_to, address(v)),
        LaneField::ReturnPathDomain(v) => assert_eq!(lane.return_path_domain, domain(v)),
        LaneField::TrackingDomain(v) => assert_eq!(lane.tracking_domain, domain(v)),
        LaneField::DkimDomain(v) => assert_eq!(lane.dkim_domain, domain(v)),
        LaneField::DkimSelector(v) => assert_eq!(lane.dkim_selector, *v),
        LaneField::IpAddresses(v) => assert_eq!(lane.ip_addresses, *v),
        LaneField::IpStrategy(v) => assert_eq!(lane.ip_strategy, *v),
        LaneField::EngagementFilter(v) => assert_eq!(lane.engagement_filter, *v),
    }
}

fn expect_warmup(set: &WarmupField, before: Option<&WarmupPlan>, after: Option<&WarmupPlan>) {
    match set {
        WarmupField::Preset(preset) => {
            // A preset keeps the dates and volume already planned.
            let kept = before.cloned().unwrap_or_default();
            let expected = preset.map(|preset| WarmupPlan { preset, ..kept });
            return assert_eq!(after, expected.as_ref());
        }
        WarmupField::Restore(plan) => return assert_eq!(after, Some(&**plan)),
        _ => {}
    }
    let w = after.expect("the lane has a warm-up plan");
    match set {
        WarmupField::Preset(_) | WarmupField::Restore(_) => unreachable!("handled above"),
        WarmupField::StartDate(v) => assert_eq!(w.start_date, *v),
        WarmupField::TargetDate(v) => assert_eq!(w.target_date, *v),
        WarmupField::TargetVolume(v) => assert_eq!(w.target_volume, *v),
        WarmupField::SkippedDates(v) => assert_eq!(w.skipped_dates, *v),
        WarmupField::SkippedDate(change) => {
            let was = &before.expect("the lane had a warm-up plan").skipped_dates;
            expect_dates(change, was, &w.skipped_dates)
        }
        WarmupField::Weekday { day, on } => {
            assert_eq!(w.sending_weekdays.contains(day), *on);
            assert!(w.sending_weekdays.is_sorted(), "{:?}", w.sending_weekdays);
        }
        WarmupField::Overflow(v) => assert_eq!(w.overflow, *v),
        WarmupField::SpillLane(v) => assert_eq!(w.spill_lane, *v),
        WarmupField::Custom(set) => {
            // The one number changes; the others stay as they were.
            let mut expected = before.expect("the lane had a warm-up plan").custom.clone();
            match *set {
                RampField::StartVolume(v) => expected.start_volume = v,
                RampField::GrowthPercent(v) => expected.growth_percent = v,
                RampField::HoldDays(v) => expected.hold_days = v,
                RampField::Cap(v) => expected.cap = v,
            }
            assert_eq!(w.custom, expected);
        }
    }
}

fn expect_journey(set: &JourneyField, before: &Journey, j: &Journey) {
    match set {
        JourneyField::Name(v) => assert_eq!(j.name, *v),
        JourneyField::Intent(v) => assert_eq!(j.intent, *v),
        JourneyField::TriggerKind(v) => {
            assert_ne!(before.trigger.kind(), *v, "the case changes the kind");
            // A new kind starts from that kind's defaults.
            let fresh = match v {
                TriggerKind::Event => Trigger::Event {
                    event_name: String::new(),
                    latency_minutes: 1,
                    delay_minutes: 0,
                },
                TriggerKind::SegmentEntry => Trigger::SegmentEntry {
                    segment: String::new(),
                },
                TriggerKind::Scheduled => Trigger::Scheduled {
                    cadence: Cadence::Weekly,
                    send_day: None,
                    send_date: None,
                },
                TriggerKind::ApiBroadcast => Trigger::ApiBroadcast {
                    broadcast: String::new(),
                },
                TriggerKind::TransactionalApi => Trigger::TransactionalApi {
                    message: String::new(),
                },
            };
            assert_eq!(j.trigger, fresh);
        }
        JourneyField::Trigger(v) => assert_eq!(j.trigger, *v),
        JourneyField::EventName(v) => {
            assert!(matches!(&j.trigger, Trigger::Event { event_name, .. } if event_name == v))
        }
        JourneyField::LatencyMinutes(v) => assert!(
            matches!(&j.trigger, Trigger::Event { latency_minutes, .. } if latency_minutes == v)
        ),
        JourneyField::DelayMinutes(v) => assert!(
            matches!(&j.trigger, Trigger::Event { delay_minutes, .. } if delay_minutes == v)
        ),
        JourneyField::Segment(v) => {
            assert!(matches!(&j.trigger, Trigger::SegmentEntry { segment } if segment == v))
        }
        JourneyField::Cadence(v) => {
            assert!(matches!(&j.trigger, Trigger::Scheduled { cadence, .. } if cadence == v))
        }
        JourneyField::CadenceWith {
            cadence: to,
            send_day: day,
            send_date: date,
        } => {
            let Trigger::Scheduled {
                cadence: was,
                send_day: had_day,
                send_date: had_date,
            } = &before.trigger
            else {
                return assert_eq!(j.trigger, before.trigger);
            };
            // A day or date comes back from the edit only when the journey
            // had none of its own, and stays only when the cadence uses it.
            let weekly = |c: &Cadence| !matches!(c, Cadence::Daily | Cadence::OneOff);
            let once = |c: &Cadence| *c == Cadence::OneOff;
            let expected = Trigger::Scheduled {
                cadence: *to,
                send_day: weekly(to)
                    .then(|| if weekly(was) { *had_day } else { *day })
                    .flatten(),
                send_date: once(to)
                    .then(|| if once(was) { had_date } else { date }.clone())
                    .flatten(),
            };
            assert_eq!(j.trigger, expected);
        }
        JourneyField::SendDay(v) => {
            assert!(matches!(&j.trigger, Trigger::Scheduled { send_day, .. } if send_day == v))
        }
        JourneyField::SendDate(v) => {
            let want = Some(v.trim().to_string()).filter(|v| !v.is_empty());
            assert!(
                matches!(&j.trigger, Trigger::Scheduled { send_date, .. } if *send_date == want)
            )
        }
        JourneyField::Broadcast(v) => {
            assert!(matches!(&j.trigger, Trigger::ApiBroadcast { broadcast } if broadcast == v))
        }
        JourneyField::TransactionalMessage(v) => {
            assert!(matches!(&j.trigger, Trigger::TransactionalApi { message } if message == v))
        }
        JourneyField::DailyVolume(v) => assert_eq!(j.daily_volume, *v),
        JourneyField::RevenuePerRecipient(v) => assert_eq!(j.revenue_per_recipient, *v),
        JourneyField::Audience(v) => assert_eq!(j.audience, *v),
        JourneyField::OwningTeam(v) => assert_eq!(j.owning_team, *v),
        JourneyField::Tags(v) => assert_eq!(j.tags, *v),
        JourneyField::LaneOverride(v) => assert_eq!(j.lane_override, *v),
    }
}

fn expect_rule(set: &RuleField, before: &Rule, r: &Rule) {
    let w = &r.when;
    // Ticked choices keep the order the boxes show them in.
    fn ticked<T: PartialEq + Copy + std::fmt::Debug>(all: &[T], list: &[T], item: T, on: bool) {
        assert_eq!(list.contains(&item), on);
        let ordered: Vec<T> = all.iter().copied().filter(|x| list.contains(x)).collect();
        assert_eq!(list, ordered);
    }
    match set {
        RuleField::Name(v) => assert_eq!(r.name, *v),
        RuleField::Enabled(v) => assert_eq!(r.enabled, *v),
        RuleField::Lane(v) => assert_eq!(r.lane, *v),
        RuleField::Intent { intent, on } => ticked(&Intent::ALL, &w.intents, *intent, *on),
        RuleField::TriggerKind { kind, on } => {
            ticked(&TriggerKind::ALL, &w.trigger_kinds, *kind, *on)
        }
        RuleField::Audience { audience, on } => {
            ticked(&Audience::ALL, &w.audiences, *audience, *on)
        }
        RuleField::MinRevenue(v) => assert_eq!(w.min_revenue_per_recipient, *v),
        RuleField::MaxRevenue(v) => assert_eq!(w.max_revenue_per_recipient, *v),
        RuleField::Tags(v) => assert_eq!(w.tags, *v),
        RuleField::ClearTeams => {
            assert!(!before.when.owning_teams.is_empty(), "the case has teams");
            assert!(w.owning_teams.is_empty());
        }
    }
}

fn find<'a, T>(items: &'a [T], id: &str, id_of: fn(&T) -> &String) -> &'a T {
    items
        .iter()
        .find(|x| id_of(x) == id)
        .unwrap_or_else(|| panic!("{id} is there"))
}

/// The one item `after` has at its end that `before` did not, with an id
/// no earlier item has.
fn added<'a, T: PartialEq + std::fmt::Debug>(
    before: &[T],
    after: &'a [T],
    id_of: fn(&T) -> &String,
) -> &'a T {
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(&after[..before.len()], before, "the others are kept");
    let new = after.last().unwrap();
    assert!(!id_of(new).is_empty());
    assert!(before.iter().all(|x| id_of(x) != id_of(new)), "a fresh id");
    new
}

fn expect_deleted<T: PartialEq + Clone + std::fmt::Debug>(
    before: &[T],
    after: &[T],
    id: &str,
    id_of: fn(&T) -> &String,
) {
    let kept: Vec<T> = before.iter().filter(|x| id_of(x) != id).cloned().collect();
    assert_eq!(kept.len(), before.len() - 1, "the case deletes one row");
    assert_eq!(after, kept);
}

fn expect_moved<T: PartialEq + std::fmt::Debug>(
    before: &[T],
    after: &[T],
    id: &str,
    direction: Direction,
    id_of: fn(&T) -> &String,
) {
    let from = before.iter().position(|x| id_of(x) == id).unwrap();
    let to = match direction {
        Direction::Up => from - 1,
        Direction::Down => from + 1,
    };
    assert_eq!(id_of(&after[to]), id);
    assert_eq!(after[from], before[to], "the neighbour swapped places");
}

fn assert_in_lane_order(plan: &Plan, lanes: &[String]) {
    let ordered: Vec<&String> = plan
        .lanes
        .iter()
        .map(|l| &l.id)
        .filter(|id| lanes.contains(id))
        .collect();
    assert_eq!(lanes.iter().collect::<Vec<_>>(), ordered);
}

/// The places where two plans differ, as JSON paths, for short failures.
fn differences(a: &Plan, b: &Plan) -> Vec<String> {
    fn walk(a: &Value, b: &Value, at: String, out: &mut Vec<String>) {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                    let null = Value::Null;
                    let (p, q) = (x.get(key).unwrap_or(&null), y.get(key).unwrap_or(&null));
                    walk(p, q, format!("{at}.{key}"), out);
                }
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                for (i, (p, q)) in x.iter().zip(y).enumerate() {
                    walk(p, q, format!("{at}[{i}]"), out);
                }
            }
            _ if a != b => out.push(format!("{at}: {a} → {b}")),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(
        &serde_json::to_value(a).unwrap(),
        &serde_json::to_value(b).unwrap(),
        "$".into(),
        &mut out,
    );
    out
}

/// What `edit` changed, if anything, for a list of failures.
fn changed(before: &Plan, after: &Plan, edit: &Edit) -> Option<String> {
    (before != after).then(|| format!("{edit:?} changed {:?}", differences(before, after)))
}

#[test]
fn revenue_is_kept_to_the_cent() {
    // (typed, kept)
    for (typed, kept) in [(1.999, 2.0), (2.75, 2.75), (0.004, 0.0), (12.345, 12.35)] {
        let mut plan = base();
        edit_plan(
            &mut plan,
            journey_edit("welcome", JourneyField::RevenuePerRecipient(typed)),
        );
        let j = plan.journeys.iter().find(|j| j.id == "welcome").unwrap();
        assert_eq!(j.revenue_per_recipient, kept, "{typed}");
    }
}

#[test]
fn every_edit_reads_back_from_json_and_applies_as_it_says() {
    for edit in cases() {
        let json = serde_json::to_string(&edit).unwrap();
        let back: Edit = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(back, edit, "{json}");
        let before = base();
        let mut after = before.clone();
        edit_plan(&mut after, back);
        assert_ne!(after, before, "{json} changes the plan");
        expect(&edit, &before, &after);
    }
}

#[test]
fn every_edit_is_one_undo_step_through_the_reducer() {
    let start = PlannerState::with_plans(vec![(base(), 1)], None);
    for edit in cases() {
        let mut expected = base();
        edit_plan(&mut expected, edit.clone());
        let edited = apply(&start, Action::Edit(edit.clone()));
        assert_eq!(edited.plan(), &expected, "{edit:?}");
        assert_eq!(edited.undo.len(), 1, "{edit:?}");
        let undone = apply(&edited, Action::Undo);
        assert_eq!(undone.plan(), start.plan(), "{edit:?}");
        assert_eq!(apply(&undone, Action::Redo).plan(), &expected, "{edit:?}");
    }
}

/// The snake_case names serde reads for an enum's variants, from the error
/// it gives for a name the enum does not have.
fn variant_names<T: DeserializeOwned>() -> Vec<String> {
    let error = serde_json::from_str::<T>("\"no such variant\"")
        .err()
        .expect("not a variant")
        .to_string();
    let expected = error.split("expected").nth(1).expect("serde lists them");
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The variant name serde writes for a value of an externally tagged enum.
fn variant_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value).unwrap() {
        Value::String(name) => name,
        Value::Object(map) if map.len() == 1 => map.keys().next().unwrap().clone(),
        other => panic!("not an externally tagged enum: {other}"),
    }
}

/// The field enum an edit carries, by type name, and its variant.
fn field_of(edit: &Edit) -> Option<(&'static str, String)> {
    Some(match edit {
        Edit::Lane { set, .. } => ("LaneField", variant_of(set)),
        Edit::Warmup { set, .. } => ("WarmupField", variant_of(set)),
        Edit::Journey { set, .. } => ("JourneyField", variant_of(set)),
        Edit::Rule { set, .. } => ("RuleField", variant_of(set)),
        Edit::Dmarc(set) => ("DmarcField", variant_of(set)),
        Edit::Extras(set) => ("ExtrasField", variant_of(set)),
        Edit::Simulation(set) => ("SimulationField", variant_of(set)),
        Edit::ChecklistItem { set, .. } => ("ItemField", variant_of(set)),
        Edit::Seed { set, .. } => ("SeedField", variant_of(set)),
        Edit::Topic { set, .. } => ("TopicField", variant_of(set)),
        Edit::Postmaster { set, .. } => ("PostmasterField", variant_of(set)),
        Edit::Threshold { set, .. } => ("ThresholdField", variant_of(set)),
        Edit::Migration { set, .. } => ("MigrationField", variant_of(set)),
        Edit::PeakWindow(set) => ("PeakField", variant_of(set)),
        _ => return None,
    })
}

#[test]
fn every_variant_has_a_case() {
    let cases = cases();
    let mut covered: Vec<(&str, String)> = Vec::new();
    for edit in &cases {
        covered.push(("Edit", variant_of(edit)));
        covered.extend(field_of(edit));
        if let Edit::Many(steps) = edit {
            covered.extend(steps.iter().filter_map(field_of));
        }
        if let Edit::Warmup {
            set: WarmupField::Custom(set),
            ..
        } = edit
        {
            covered.push(("RampField", variant_of(set)));
        }
    }
    let all = [
        ("Edit", variant_names::<Edit>()),
        ("LaneField", variant_names::<LaneField>()),
        ("WarmupField", variant_names::<WarmupField>()),
        ("JourneyField", variant_names::<JourneyField>()),
        ("RuleField", variant_names::<RuleField>()),
        ("DmarcField", variant_names::<DmarcField>()),
        ("ExtrasField", variant_names::<ExtrasField>()),
        ("SimulationField", variant_names::<SimulationField>()),
        ("ItemField", variant_names::<ItemField>()),
        ("SeedField", variant_names::<SeedField>()),
        ("TopicField", variant_names::<TopicField>()),
        ("PostmasterField", variant_names::<PostmasterField>()),
        ("ThresholdField", variant_names::<ThresholdField>()),
        ("MigrationField", variant_names::<MigrationField>()),
        ("RampField", variant_names::<RampField>()),
        ("PeakField", variant_names::<PeakField>()),
    ];
    assert!(
        all[0].1.iter().any(|n| n == "set_brand_name") && all[0].1.iter().any(|n| n == "many"),
        "serde lists the variants: {:?}",
        all[0].1
    );
    let missing: Vec<String> = all
        .iter()
        .flat_map(|(enum_name, names)| {
            names
                .iter()
                .filter(|name| !covered.contains(&(*enum_name, name.to_string())))
                .map(move |name| format!("{enum_name}::{name}"))
        })
        .collect();
    assert!(missing.is_empty(), "no case for {missing:?}");
}

/// The edit that removes what `edit` is addressed to, if it addresses a
/// lane, journey, rule, topic, seed test or Postmaster row. No wildcard.
fn delete_target(edit: &Edit) -> Option<Edit> {
    let lane = |id: &String| Some(Edit::DeleteLane(id.clone()));
    match edit {
        Edit::SetBrandName(_)
        | Edit::SetPrimaryDomain(_)
        | Edit::SetNotes(_)
        | Edit::AddLane(_)
        | Edit::AddLaneAs { .. }
        | Edit::AddJourney
        | Edit::AddRule
        | Edit::Dmarc(_)
        | Edit::Extras(_)
        | Edit::SetExistingRecords(_)
        | Edit::Simulation(_)
        | Edit::SetMigratingEsp(_)
        | Edit::SetPlatform(_)
        | Edit::AddTopic
        | Edit::SetPreferences(_)
        | Edit::SetProcessingDays(_)
        | Edit::AddPostmaster { .. }
        | Edit::SetPeakWindow(_)
        | Edit::PeakWindow(_)
        | Edit::Many(_) => None,
        Edit::AddMigration { from_lane: id, .. } => lane(id),
        Edit::Migration { migration: id, .. } | Edit::DeleteMigration(id) => {
            Some(Edit::DeleteMigration(id.clone()))
        }
        Edit::SetDefaultLane(target) | Edit::SetAllEmailsLane(target) => {
            target.as_ref().and_then(lane)
        }
        Edit::MapKey { lane: target, .. } => target.as_ref().and_then(lane),
        Edit::Lane { lane: id, .. }
        | Edit::Warmup { lane: id, .. }
        | Edit::DeleteLane(id)
        | Edit::MoveLane { lane: id, .. }
        | Edit::SetFallback { lane: id, .. }
        | Edit::SetFallbackShift { lane: id, .. }
        | Edit::AddSeed { lane: id, .. }
        | Edit::SetOneClick { lane: id, .. }
        | Edit::Threshold { lane: id, .. } => lane(id),
        Edit::ChecklistItem { lane: id, .. } => (!id.is_empty()).then(|| lane(id)).flatten(),
        Edit::Journey { journey: id, .. } | Edit::DeleteJourney(id) => {
            Some(Edit::DeleteJourney(id.clone()))
        }
        Edit::Rule { rule: id, .. } | Edit::DeleteRule(id) | Edit::MoveRule { rule: id, .. } => {
            Some(Edit::DeleteRule(id.clone()))
        }
        Edit::Seed { seed: id, .. } | Edit::DeleteSeed(id) => Some(Edit::DeleteSeed(id.clone())),
        Edit::Topic { topic: id, .. } | Edit::DeleteTopic(id) => {
            Some(Edit::DeleteTopic(id.clone()))
        }
        Edit::Postmaster { entry: id, .. } | Edit::DeletePostmaster(id) => {
            Some(Edit::DeletePostmaster(id.clone()))
        }
    }
}

#[test]
fn an_edit_to_something_deleted_changes_nothing() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for edit in cases() {
        let Some(delete) = delete_target(&edit) else {
            continue;
        };
        let mut gone = base();
        edit_plan(&mut gone, delete);
        let mut after = gone.clone();
        edit_plan(&mut after, edit.clone());
        failures.extend(changed(&gone, &after, &edit));
        checked += 1;
    }
    assert!(checked > 60, "{checked}");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn edits_out_of_range_or_to_missing_rows_change_nothing() {
    let s = |v: &str| v.to_string();
    let gone = || s("gone");
    let refused = [
        lane_edit("gone", LaneField::Name(s("x"))),
        Edit::MoveLane {
            lane: s("transactional"),
            direction: Direction::Up,
        },
        Edit::MoveLane {
            lane: s("promotional"),
            direction: Direction::Down,
        },
        // Only a lane with a warm-up plan has its dates.
        Edit::Warmup {
            lane: s("transactional"),
            set: WarmupField::StartDate(s("2027-01-04")),
        },
        warmup_edit(WarmupField::Weekday { day: 0, on: true }),
        warmup_edit(WarmupField::Weekday { day: 8, on: true }),
        // Trigger details apply to journeys with that kind of trigger.
        journey_edit("replenishment", JourneyField::EventName(s("x"))),
        journey_edit("cart-recovery", JourneyField::Segment(s("x"))),
        journey_edit("cart-recovery", JourneyField::Cadence(Cadence::Daily)),
        journey_edit(
            "cart-recovery",
            JourneyField::CadenceWith {
                cadence: Cadence::Weekly,
                send_day: Some(Weekday::Friday),
                send_date: None,
            },
        ),
        journey_edit(
            "cart-recovery",
            JourneyField::SendDay(Some(Weekday::Friday)),
        ),
        journey_edit("cart-recovery", JourneyField::Broadcast(s("x"))),
        journey_edit("cart-recovery", JourneyField::TransactionalMessage(s("x"))),
        journey_edit(
            "cart-recovery",
            JourneyField::TriggerKind(TriggerKind::Event),
        ),
        journey_edit("welcome", JourneyField::RevenuePerRecipient(-1.0)),
        journey_edit("welcome", JourneyField::RevenuePerRecipient(f64::NAN)),
        // A bad amount keeps the bound there was.
        rule_edit(RuleField::MinRevenue(Some(-1.0))),
        rule_edit(RuleField::MaxRevenue(Some(f64::INFINITY))),
        Edit::MoveRule {
            rule: s("rule-transactional"),
            direction: Direction::Up,
        },
        Edit::Simulation(SimulationField::GateDeliveredPercent(101.0)),
        Edit::Simulation(SimulationField::GateBouncePercent(-0.5)),
        Edit::SetFallback {
            lane: gone(),
            action: Some(FallbackAction::Shift),
        },
        // Only a lane with a fallback has a lane to shift to.
        Edit::SetFallbackShift {
            lane: s("transactional"),
            shift_lane: Some(s("promotional")),
        },
        item_edit(Item::DomainPlan, "gone", ItemField::Owner(s("x"))),
        Edit::AddSeed {
            lane: gone(),
            date: s("2026-11-29"),
        },
        Edit::Seed {
            seed: gone(),
            set: SeedField::Gmail(Placement::Spam),
        },
        Edit::DeleteSeed(gone()),
        Edit::Topic {
            topic: gone(),
            set: TopicField::Name(s("x")),
        },
        topic_edit(TopicField::Suppresses {
            lane: gone(),
            on: true,
        }),
        Edit::DeleteTopic(gone()),
        Edit::SetOneClick {
            lane: gone(),
            on: true,
        },
        postmaster_edit(PostmasterField::SpamRatePercent(200.0)),
        postmaster_edit(PostmasterField::SpamRatePercent(f64::NAN)),
        Edit::DeletePostmaster(gone()),
        threshold_edit("gone", ThresholdField::Reset),
        // A bad figure adds no thresholds to a lane that had none.
        threshold_edit("promotional", ThresholdField::BounceWatchPercent(-1.0)),
        threshold_edit("promotional", ThresholdField::BounceWatchPercent(101.0)),
        threshold_edit(
            "transactional",
            ThresholdField::DeliveredMinPercent(f64::NAN),
        ),
        // A reference to a lane the plan does not have would leave a plan
        // that its own import refuses.
        Edit::SetDefaultLane(Some(gone())),
        Edit::SetAllEmailsLane(Some(gone())),
        rule_edit(RuleField::Lane(gone())),
        journey_edit("welcome", JourneyField::LaneOverride(Some(gone()))),
        warmup_edit(WarmupField::SpillLane(Some(gone()))),
        Edit::SetFallbackShift {
            lane: s("promotional"),
            shift_lane: Some(gone()),
        },
        // Mapping a key to a missing lane leaves its mapping alone.
        Edit::MapKey {
            kind: KeyKind::SendgridPool,
            key: s("flows"),
            lane: Some(gone()),
        },
        // A migration names lanes and journeys the plan has.
        Edit::AddMigration {
            from_lane: s("promotional"),
            to_lane: gone(),
        },
        migration_edit(MigrationField::FromLane(gone())),
        migration_edit(MigrationField::ToLane(gone())),
        migration_edit(MigrationField::Journey {
            journey: gone(),
            on: true,
        }),
        Edit::Migration {
            migration: gone(),
            set: MigrationField::GraceDays(1),
        },
        Edit::DeleteMigration(gone()),
        Edit::Many(vec![]),
    ];
    let failures: Vec<String> = refused
        .iter()
        .filter_map(|edit| {
            let before = base();
            let mut after = before.clone();
            edit_plan(&mut after, edit.clone());
            changed(&before, &after, edit)
        })
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn edits_read_the_json_the_pages_send() {
    // The external form the UI and stored fixes use, spelled out once.
    let edit: Edit = serde_json::from_str(
        r#"{"lane":{"lane":"promotional","set":{"engagement_filter":{"kind":"engaged_within","days":60}}}}"#,
    )
    .unwrap();
    assert_eq!(
        edit,
        lane_edit(
            "promotional",
            LaneField::EngagementFilter(EngagementFilter::EngagedWithin { days: 60 })
        )
    );
    let edit: Edit = serde_json::from_str(r#"{"many":["add_journey",{"set_notes":"n"}]}"#).unwrap();
    assert_eq!(
        edit,
        Edit::Many(vec![Edit::AddJourney, Edit::SetNotes("n".into())])
    );
    assert!(
        serde_json::from_str::<Edit>(r#"{"lane":{"lane":"x","set":{"colour":"red"}}}"#).is_err()
    );
}

#[test]
fn fields_sent_one_after_another_all_stay() {
    // Each form field sends only its own value, so a second edit made
    // before the page redraws cannot put the first one back.
    let mut plan = base();
    plan.peak_window = None;
    for edit in [
        warmup_edit(WarmupField::Custom(RampField::StartVolume(900))),
        warmup_edit(WarmupField::Custom(RampField::HoldDays(3))),
        warmup_edit(WarmupField::SkippedDate(added_date("2027-10-20"))),
        warmup_edit(WarmupField::SkippedDate(added_date("2027-10-05"))),
        Edit::PeakWindow(PeakField::Name("Holidays".into())),
        Edit::PeakWindow(PeakField::End("2027-12-31".into())),
    ] {
        edit_plan(&mut plan, edit);
    }
    let w = plan.lanes[2].warmup.as_ref().unwrap();
    assert_eq!((w.custom.start_volume, w.custom.hold_days), (900, 3));
    assert_eq!(w.skipped_dates, ["2027-10-05", "2027-10-11", "2027-10-20"]);
    let peak = plan.peak_window.unwrap();
    assert_eq!(
        (peak.name.as_str(), peak.start.as_str(), peak.end.as_str()),
        ("Holidays", "", "2027-12-31")
    );
}

#[test]
fn a_date_change_names_the_date_it_touches() {
    let dates = |list: &[&str]| list.iter().map(|d| d.to_string()).collect::<Vec<_>>();
    let cases: [(&[&str], DateChange, &[&str]); 7] = [
        (&[], added_date(" 2027-10-12 "), &["2027-10-12"]),
        (
            &["2027-10-12"],
            added_date("2027-10-05"),
            &["2027-10-05", "2027-10-12"],
        ),
        (&["2027-10-12"], added_date("2027-10-12"), &["2027-10-12"]),
        (
            &["2027-10-05", "2027-10-12"],
            moved_date("2027-10-05", "2027-10-20"),
            &["2027-10-12", "2027-10-20"],
        ),
        (
            &["2027-10-05", "2027-10-12"],
            moved_date("2027-10-12", ""),
            &["2027-10-05"],
        ),
        (
            &["2027-10-05", "2027-10-12"],
            moved_date("2027-10-05", "2027-10-12"),
            &["2027-10-12"],
        ),
        // Removed meanwhile, in another tab say: nothing to move.
        (
            &["2027-10-12"],
            moved_date("2027-10-05", "2027-10-20"),
            &["2027-10-12"],
        ),
    ];
    for (before, change, after) in cases {
        let mut list = dates(before);
        change.apply(&mut list);
        assert_eq!(list, dates(after), "{before:?} {change:?}");
    }
}

#[test]
fn a_lane_moved_to_another_provider_reopens_its_server_and_authentication() {
    let mut plan = sample_plan();
    let set_by_hand = |plan: &Plan, item: Item| {
        let state = plan.checklist.items.iter();
        state
            .filter(|s| s.item == item && s.lane == "transactional")
            .find_map(|s| s.status)
    };
    assert_eq!(
        set_by_hand(&plan, Item::SmtpServers),
        Some(ItemStatus::Done)
    );
    assert_eq!(
        set_by_hand(&plan, Item::Authenticate),
        Some(ItemStatus::Done)
    );
    // What must stay: every item's notes, and the other lanes' items.
    let kept = |plan: &Plan| -> (Vec<String>, Vec<ItemState>) {
        let items = &plan.checklist.items;
        let notes = items.iter().map(|s| s.notes.clone()).collect();
        let others = items.iter().filter(|s| s.lane != "transactional");
        (notes, others.cloned().collect())
    };
    let before = kept(&plan);

    // The same provider again changes nothing.
    let same = lane_edit("transactional", LaneField::Provider(Provider::Postmark));
    edit_plan(&mut plan, same);
    assert_eq!(
        set_by_hand(&plan, Item::SmtpServers),
        Some(ItemStatus::Done)
    );

    edit_plan(
        &mut plan,
        lane_edit("transactional", LaneField::Provider(Provider::Mailgun)),
    );
    for item in [Item::SmtpServers, Item::Authenticate, Item::AuthConfigured] {
        assert_eq!(set_by_hand(&plan, item), None, "{item:?}");
    }
    assert_eq!(kept(&plan), before, "notes and other lanes' items stay");
}

#[test]
fn lanes_keep_their_colours_when_others_are_added_moved_or_deleted() {
    // The sample's lanes keep no colour: each shows its position's.
    let s = |v: &str| v.to_string();
    let mut plan = sample_plan();
    assert!(plan.lanes.iter().all(|l| l.colour.is_none()));
    let colours = |plan: &Plan| -> Vec<(String, u8)> {
        (0..plan.lanes.len())
            .map(|i| (plan.lanes[i].id.clone(), plan.lane_colour(i)))
            .collect()
    };
    assert_eq!(
        colours(&plan).iter().map(|c| c.1).collect::<Vec<_>>(),
        [0, 1, 2]
    );
    // Deleting the first lane leaves the others their colours.
    edit_plan(&mut plan, Edit::DeleteLane(s("transactional")));
    let kept = colours(&plan);
    assert_eq!(kept, [(s("revenue-flows"), 1), (s("promotional"), 2)]);
    // Moving a lane moves its colour with it.
    let up = Edit::MoveLane {
        lane: s("promotional"),
        direction: Direction::Up,
    };
    edit_plan(&mut plan, up);
    assert_eq!(
        colours(&plan),
        [(s("promotional"), 2), (s("revenue-flows"), 1)]
    );
    // A new lane takes the colour fewest lanes show: the freed 0, then 3.
    edit_plan(&mut plan, Edit::AddLane(Purpose::Custom));
    edit_plan(&mut plan, Edit::AddLane(Purpose::Custom));
    let new: Vec<u8> = colours(&plan)[2..].iter().map(|c| c.1).collect();
    assert_eq!(new, [0, 3]);
    // The colours are part of the plan file, and a colour out of range
    // still shows one of the six.
    let json = serde_json::to_string(&plan).unwrap();
    let read: Plan = serde_json::from_str(&json).unwrap();
    assert_eq!(colours(&read), colours(&plan));
    plan.lanes[0].colour = Some(200);
    assert_eq!(plan.lane_colour(0), 200 % LANE_COLOURS);
}

#[test]
fn a_lane_moved_to_another_provider_leaves_its_addresses_behind() {
    let mut plan = sample_plan();
    let ips = |plan: &Plan| plan.lane("promotional").unwrap().ip_addresses.clone();
    let listed = ips(&plan);
    assert!(
        !listed.is_empty(),
        "the sample lists the lane's dedicated IPs"
    );
    let provider = plan.lane("promotional").unwrap().smtp.provider;
    // The same provider again keeps them.
    edit_plan(
        &mut plan,
        Edit::Lane {
            lane: "promotional".into(),
            set: LaneField::Provider(provider),
        },
    );
    assert_eq!(ips(&plan), listed);
    // Another provider assigns its own, which warm up anew.
    let other = if provider == Provider::SendGrid {
        Provider::Postmark
    } else {
        Provider::SendGrid
    };
    edit_plan(
        &mut plan,
        Edit::Lane {
            lane: "promotional".into(),
            set: LaneField::Provider(other),
        },
    );
    assert!(ips(&plan).is_empty());
    assert!(matches!(
        plan.lane("promotional").unwrap().ip_strategy,
        IpStrategy::Dedicated { .. }
    ));
}
