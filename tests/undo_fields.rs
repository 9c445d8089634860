//! Which fields an undo or redo says changed, and how, part by part of the
//! plan, in the words the pages use.

use switchyard::plan::diff::change;
use switchyard::plan::edit::*;
use switchyard::plan::model::*;
use switchyard::plan::sample::sample_plan;
use switchyard::plan::state::*;

fn start() -> PlannerState {
    PlannerState::with_plans(vec![(sample_plan(), 1)], None)
}

/// What the undo of the last of `edits` says, and what its redo says.
fn undo_and_redo(edits: &[Edit]) -> (String, String) {
    let mut actions: Vec<Action> = edits.iter().cloned().map(Action::Edit).collect();
    actions.push(Action::Undo);
    let undone = actions.into_iter().fold(start(), |s, a| apply(&s, a));
    let redone = apply(&undone, Action::Redo);
    let text = |s: PlannerState| s.notice.map(|n| n.text).unwrap_or_default();
    (text(undone), text(redone))
}

fn lane(lane: &str, set: LaneField) -> Edit {
    Edit::Lane {
        lane: lane.into(),
        set,
    }
}

fn warmup(set: WarmupField) -> Edit {
    Edit::Warmup {
        lane: "promotional".into(),
        set,
    }
}

fn journey(set: JourneyField) -> Edit {
    Edit::Journey {
        journey: "order-confirmation".into(),
        set,
    }
}

fn rule(set: RuleField) -> Edit {
    Edit::Rule {
        rule: "rule-recovery".into(),
        set,
    }
}

/// (the edits, the last one undone; what the undo says; what the redo says)
type Case = (Vec<Edit>, &'static str, &'static str);

fn check(cases: Vec<Case>) {
    for (edits, undone, redone) in cases {
        let said = undo_and_redo(&edits);
        assert_eq!(said, (undone.into(), redone.into()), "{:?}", edits.last());
    }
}

#[test]
fn lists_name_the_fields_of_their_items() {
    let cases: Vec<Case> = vec![
        (
            vec![rule(RuleField::Lane("promotional".into()))],
            "Undone: the rule “Cart and checkout recovery”: its lane changed from Promotional to Revenue flows.",
            "Redone: the rule “Cart and checkout recovery”: its lane changed from Revenue flows to Promotional.",
        ),
        (
            vec![Edit::Many(vec![
                rule(RuleField::Name("Recovery flows".into())),
                rule(RuleField::Lane("promotional".into())),
                rule(RuleField::Intent {
                    intent: Intent::Welcome,
                    on: true,
                }),
                rule(RuleField::Intent {
                    intent: Intent::Winback,
                    on: true,
                }),
            ])],
            "Undone: the rule “Cart and checkout recovery”: its name, lane and 2 intents changed.",
            "Redone: the rule “Recovery flows”: its name, lane and 2 intents changed.",
        ),
        (
            vec![rule(RuleField::Enabled(false))],
            "Undone: the rule “Cart and checkout recovery”: its state changed from disabled to enabled.",
            "Redone: the rule “Cart and checkout recovery”: its state changed from enabled to disabled.",
        ),
        (
            vec![journey(JourneyField::TriggerKind(TriggerKind::SegmentEntry))],
            "Undone: the journey “Order confirmation”: its trigger changed from Segment entry to Transactional API message.",
            "Redone: the journey “Order confirmation”: its trigger changed from Transactional API message to Segment entry.",
        ),
        (
            vec![journey(JourneyField::LaneOverride(Some("promotional".into())))],
            "Undone: the journey “Order confirmation”: its lane changed from Promotional (always) to Route by rules.",
            "Redone: the journey “Order confirmation”: its lane changed from Route by rules to Promotional (always).",
        ),
        (
            vec![journey(JourneyField::Tags(vec!["vip".into()]))],
            "Undone: the journey “Order confirmation”: its tags changed: vip removed.",
            "Redone: the journey “Order confirmation”: its tags changed: vip added.",
        ),
        (
            vec![journey(JourneyField::DailyVolume(2500))],
            "Undone: the journey “Order confirmation”: its messages per day changed from 2,500 to 1,800.",
            "Redone: the journey “Order confirmation”: its messages per day changed from 1,800 to 2,500.",
        ),
        (
            vec![
                Edit::AddMigration {
                    from_lane: "promotional".into(),
                    to_lane: "transactional".into(),
                },
                Edit::Migration {
                    migration: "migration-1".into(),
                    set: MigrationField::GraceDays(45),
                },
            ],
            "Undone: the migration “Promotional to Transactional”: its grace days changed from 45 to 30.",
            "Redone: the migration “Promotional to Transactional”: its grace days changed from 30 to 45.",
        ),
        (
            vec![Edit::Seed {
                seed: "seed-revenue-flows-2026-11-16".into(),
                set: SeedField::Outlook(Placement::Inbox),
            }],
            "Undone: Revenue flows seed test 1: its Outlook placement changed from Inbox to Spam or junk.",
            "Redone: Revenue flows seed test 1: its Outlook placement changed from Spam or junk to Inbox.",
        ),
        (
            vec![Edit::Topic {
                topic: "promotions".into(),
                set: TopicField::Suppresses {
                    lane: "revenue-flows".into(),
                    on: true,
                },
            }],
            "Undone: the topic “Offers and new roasts”: its suppressed lanes changed: Revenue flows removed.",
            "Redone: the topic “Offers and new roasts”: its suppressed lanes changed: Revenue flows added.",
        ),
        (
            vec![
                Edit::AddPostmaster {
                    date: "2027-02-01".into(),
                },
                Edit::Postmaster {
                    entry: "postmaster-1".into(),
                    set: PostmasterField::SpamRatePercent(0.25),
                },
            ],
            "Undone: the Postmaster Tools row “fernleafcoffee.com”: its spam rate changed from 0.25% to 0%.",
            "Redone: the Postmaster Tools row “fernleafcoffee.com”: its spam rate changed from 0% to 0.25%.",
        ),
    ];
    check(cases);
}

/// A seed test is named as the checklist names its row, whatever its
/// date: the second of its lane's tests is "… seed test 2".
/// Renaming a lane renames the migrations named after it; the undo and
/// redo of the rename say so, in a sentence of their own, and say nothing
/// of a migration the user named or one of other lanes.
#[test]
fn a_lane_rename_says_the_migrations_named_after_it_followed() {
    let add = |from: &str, to: &str| Edit::AddMigration {
        from_lane: from.into(),
        to_lane: to.into(),
    };
    let rename = |id: &str, name: &str| lane(id, LaneField::Name(name.into()));
    let cases: Vec<Case> = vec![
        (
            vec![add("revenue-flows", "promotional"), rename("promotional", "Promos")],
            "Undone: the lane “Promotional”: its name changed from “Promos” to “Promotional”. The migration named after it is now “Revenue flows to Promotional”.",
            "Redone: the lane “Promos”: its name changed from “Promotional” to “Promos”. The migration named after it is now “Revenue flows to Promos”.",
        ),
        (
            vec![
                add("revenue-flows", "promotional"),
                add("promotional", "transactional"),
                rename("promotional", "Promos"),
            ],
            "Undone: the lane “Promotional”: its name changed from “Promos” to “Promotional”. The migrations named after it are now “Revenue flows to Promotional” and “Promotional to Transactional”.",
            "Redone: the lane “Promos”: its name changed from “Promotional” to “Promos”. The migrations named after it are now “Revenue flows to Promos” and “Promos to Transactional”.",
        ),
        // A name the user typed stays, so nothing else is said.
        (
            vec![
                add("revenue-flows", "promotional"),
                Edit::Migration {
                    migration: "migration-1".into(),
                    set: MigrationField::Name("Spring move".into()),
                },
                rename("promotional", "Promos"),
            ],
            "Undone: the lane “Promotional”: its name changed from “Promos” to “Promotional”.",
            "Redone: the lane “Promos”: its name changed from “Promotional” to “Promos”.",
        ),
        // A lane no migration moves mail to or from.
        (
            vec![add("revenue-flows", "promotional"), rename("transactional", "Receipts")],
            "Undone: the lane “Transactional”: its name changed from “Receipts” to “Transactional”.",
            "Redone: the lane “Receipts”: its name changed from “Transactional” to “Receipts”.",
        ),
    ];
    check(cases);
}

#[test]
fn seed_tests_are_named_as_the_checklist_names_their_rows() {
    let seed = |set: SeedField| Edit::Seed {
        seed: "seed-revenue-flows-2026-11-23".into(),
        set,
    };
    let cases: Vec<Case> = vec![
        (
            vec![seed(SeedField::Date("2026-11-30".into()))],
            "Undone: Revenue flows seed test 2: its date changed from 2026-11-30 to 2026-11-23.",
            "Redone: Revenue flows seed test 2: its date changed from 2026-11-23 to 2026-11-30.",
        ),
        (
            vec![Edit::DeleteSeed("seed-revenue-flows-2026-11-16".into())],
            "Undone: Revenue flows seed test 1 is in the plan again.",
            "Redone: Revenue flows seed test 1 is no longer in the plan.",
        ),
        (
            vec![Edit::AddSeed {
                lane: "promotional".into(),
                date: "2027-02-01".into(),
            }],
            "Undone: Promotional seed test 1 is no longer in the plan.",
            "Redone: Promotional seed test 1 is in the plan again.",
        ),
        (
            vec![Edit::Many(vec![
                Edit::DeleteSeed("seed-transactional-2026-11-16".into()),
                Edit::DeleteSeed("seed-revenue-flows-2026-11-23".into()),
            ])],
            "Undone: Transactional seed test 1 and Revenue flows seed test 2 are in the plan again.",
            "Redone: Transactional seed test 1 and Revenue flows seed test 2 are no longer in the plan.",
        ),
    ];
    check(cases);
}

/// A warm-up a fix plans, setting its schedule, peak and more at once, is
/// said as the warm-up plan it is, not as its schedule alone.
#[test]
fn a_warm_up_planned_or_removed_whole_is_said_whole() {
    let day = chrono::NaiveDate::from_ymd_opt(2027, 2, 10).unwrap();
    let mut plan = sample_plan();
    plan.lanes[2].warmup = None;
    let derived = switchyard::review::findings::findings(&plan, day, None);
    let fix = (derived.all.iter())
        .find(|d| d.code == "warmup.missing" && d.path == "$.lanes[2].warmup")
        .and_then(|d| d.fix.clone())
        .expect("a fix that plans the warm-up");
    assert!(fix.edits.len() > 1, "{fix:?}");
    let state = PlannerState::with_plans(vec![(plan, 1)], None);
    let fixed = apply(&state, Action::Edit(Edit::Many(fix.edits)));
    let undone = apply(&fixed, Action::Undo);
    let redone = apply(&undone, Action::Redo);
    let text = |s: &PlannerState| s.notice.as_ref().map(|n| n.text.clone());
    assert_eq!(
        text(&undone).as_deref(),
        Some("Undone: the lane “Promotional”: its warm-up plan was removed.")
    );
    assert_eq!(
        text(&redone).as_deref(),
        Some("Redone: the lane “Promotional”: its warm-up plan was added.")
    );
}

#[test]
fn lanes_and_their_warm_ups_name_the_field_as_their_pages_label_it() {
    let identity = [
        LaneField::Owner as fn(String) -> LaneField,
        LaneField::SendingDomain,
        LaneField::FromName,
        LaneField::ReplyTo,
        LaneField::TrackingDomain,
    ];
    let values = [
        "Growth",
        "x.fernleafcoffee.com",
        "Growth team",
        "growth@fernleafcoffee.com",
        "t.fernleafcoffee.com",
    ];
    let many = (identity.iter().zip(values))
        .map(|(set, value)| lane("promotional", set(value.into())))
        .collect();
    let cases: Vec<Case> = vec![
        (
            vec![lane("promotional", LaneField::SmtpPort(2525))],
            "Undone: the lane “Promotional”: its SMTP port changed from 2525 to 2587.",
            "Redone: the lane “Promotional”: its SMTP port changed from 2587 to 2525.",
        ),
        // Many fields at once are summed up.
        (
            vec![Edit::Many(many)],
            "Undone: the lane “Promotional”: its owner, sending domain, From name and 4 other fields changed.",
            "Redone: the lane “Promotional”: its owner, sending domain, From name and 4 other fields changed.",
        ),
        // No warm-up takes the whole plan away, its dates and peak with its
        // schedule; another schedule changes the schedule alone.
        (
            vec![warmup(WarmupField::Preset(None))],
            "Undone: the lane “Promotional”: its warm-up plan was added.",
            "Redone: the lane “Promotional”: its warm-up plan was removed.",
        ),
        (
            vec![warmup(WarmupField::Preset(Some(WarmupPreset::KumoConservative)))],
            "Undone: the lane “Promotional”: its warm-up schedule changed from KumoMTA conservative to Braze moderate.",
            "Redone: the lane “Promotional”: its warm-up schedule changed from Braze moderate to KumoMTA conservative.",
        ),
        (
            vec![warmup(WarmupField::Overflow(Overflow::Spill))],
            "Undone: the lane “Promotional”: its mail over the day's cap changed from Spill to a warm lane to Suppress.",
            "Redone: the lane “Promotional”: its mail over the day's cap changed from Suppress to Spill to a warm lane.",
        ),
        (
            vec![lane("promotional", LaneField::IpAddresses(vec!["192.0.2.1".into()]))],
            "Undone: the lane “Promotional”: its sending IP addresses changed: 203.0.113.10 and 203.0.113.11 added, 192.0.2.1 removed.",
            "Redone: the lane “Promotional”: its sending IP addresses changed: 192.0.2.1 added, 203.0.113.10 and 203.0.113.11 removed.",
        ),
    ];
    check(cases);
}

#[test]
fn sections_name_their_fields() {
    let cases: Vec<Case> = vec![
        (
            vec![Edit::SetPrimaryDomain("fernleaf.example".into())],
            "Undone: the brand: its primary domain changed from “fernleaf.example” to “fernleafcoffee.com”.",
            "Redone: the brand: its primary domain changed from “fernleafcoffee.com” to “fernleaf.example”.",
        ),
        (
            vec![Edit::Dmarc(DmarcField::Goal(DmarcPolicy::Quarantine))],
            "Undone: the DMARC plan: its goal policy changed from p=quarantine to p=reject.",
            "Redone: the DMARC plan: its goal policy changed from p=reject to p=quarantine.",
        ),
        (
            vec![Edit::Dmarc(DmarcField::Np(Some(DmarcPolicy::Reject)))],
            "Undone: the DMARC plan: its policy for subdomains that do not exist was cleared.",
            "Redone: the DMARC plan: its policy for subdomains that do not exist was set to np=reject.",
        ),
        (
            vec![Edit::Dmarc(DmarcField::FirstStage(Some(DmarcPolicy::Reject)))],
            "Undone: the DMARC plan: its first stage changed from p=reject to p=none.",
            "Redone: the DMARC plan: its first stage changed from p=none to p=reject.",
        ),
        (
            vec![Edit::Dmarc(DmarcField::StrictDkim(true))],
            "Undone: the DMARC plan: its DKIM alignment changed from strict to relaxed.",
            "Redone: the DMARC plan: its DKIM alignment changed from relaxed to strict.",
        ),
        // A part that is one value is said without a label.
        (
            vec![Edit::SetDefaultLane(Some("transactional".into()))],
            "Undone: the default lane changed from Transactional to Promotional.",
            "Redone: the default lane changed from Promotional to Transactional.",
        ),
        (
            vec![Edit::Simulation(SimulationField::Mix {
                provider: Mailbox::Gmail,
                percent: 50,
            })],
            "Undone: the simulation's settings: their Gmail share changed from 50% to 45%.",
            "Redone: the simulation's settings: their Gmail share changed from 45% to 50%.",
        ),
        (
            vec![Edit::SetFallback {
                lane: "promotional".into(),
                action: Some(FallbackAction::TightenTo30Days),
            }],
            "Undone: the simulation's settings: their fallback for Promotional changed from Mail only the 30-day engaged to Pause promotions.",
            "Redone: the simulation's settings: their fallback for Promotional changed from Pause promotions to Mail only the 30-day engaged.",
        ),
        // A checklist row set for the first time.
        (
            vec![Edit::ChecklistItem {
                item: Item::DomainPlan,
                lane: String::new(),
                set: ItemField::Status(Some(ItemStatus::Done)),
            }],
            "Undone: the checklist: its “Decide the domain plan” status was cleared.",
            "Redone: the checklist: its “Decide the domain plan” status was set to Done.",
        ),
        (
            vec![Edit::Threshold {
                lane: "promotional".into(),
                set: ThresholdField::BounceActPercent(4.5),
            }],
            "Undone: the monitoring settings: their bounce act level for Promotional changed from 4.5% to 5%.",
            "Redone: the monitoring settings: their bounce act level for Promotional changed from 5% to 4.5%.",
        ),
        (
            vec![Edit::MapKey {
                kind: KeyKind::SendgridPool,
                key: "flows".into(),
                lane: Some("promotional".into()),
            }],
            "Undone: the monitoring settings: their lane for SendGrid IP pool “flows” changed from Promotional to Revenue flows.",
            "Redone: the monitoring settings: their lane for SendGrid IP pool “flows” changed from Revenue flows to Promotional.",
        ),
        (
            vec![Edit::SetOneClick {
                lane: "promotional".into(),
                on: false,
            }],
            "Undone: the preferences: their one-click unsubscribe lanes changed: Promotional added.",
            "Redone: the preferences: their one-click unsubscribe lanes changed: Promotional removed.",
        ),
        (
            vec![Edit::SetAllEmailsLane(Some("revenue-flows".into()))],
            "Undone: the platform: its lane that keeps “All Emails” changed from Revenue flows to Transactional.",
            "Redone: the platform: its lane that keeps “All Emails” changed from Transactional to Revenue flows.",
        ),
        (
            vec![Edit::SetPeakWindow(Some(PeakWindow {
                name: "Black Friday".into(),
                start: "2026-11-27".into(),
                end: "2026-11-30".into(),
            }))],
            "Undone: the peak season is no longer in the plan.",
            "Redone: the peak season is in the plan again.",
        ),
    ];
    check(cases);
}

/// Long values are cut short, and notes, records and checklist notes are
/// compared but never repeated.
#[test]
fn long_and_free_text_is_cut_short_or_left_unsaid() {
    let logo = "https://fernleafcoffee.com/brand/assets/2026/holiday-season/logo-tiny-ps.svg";
    let name = "Promotions for the whole of the holiday season and the January sale";
    let cases: Vec<Case> = vec![
        (
            vec![Edit::Extras(ExtrasField::BimiLogo(logo.into()))],
            "Undone: the optional DNS records: their BIMI logo was cleared.",
            "Redone: the optional DNS records: their BIMI logo was set to “https://fernleafcoffee.com/brand/assets/2026/holiday-season/…”.",
        ),
        (
            vec![lane("promotional", LaneField::Name(name.into()))],
            "Undone: the lane “Promotional”: its name changed from “Promotions for the whole of the holiday season and the Janua…” to “Promotional”.",
            "Redone: the lane “Promotions for the whole of the holiday season and the January sale”: its name changed from “Promotional” to “Promotions for the whole of the holiday season and the Janua…”.",
        ),
        (
            vec![Edit::SetNotes("Call Ann before the cutover".into())],
            "Undone: the plan's notes changed.",
            "Redone: the plan's notes changed.",
        ),
        (
            vec![Edit::SetExistingRecords(
                "example.com. 300 IN TXT \"v=spf1 -all\"".into(),
            )],
            "Undone: the existing DNS records changed.",
            "Redone: the existing DNS records changed.",
        ),
        (
            vec![Edit::ChecklistItem {
                item: Item::QaTrackingDomain,
                lane: "transactional".into(),
                set: ItemField::Notes("Tracking stays off".into()),
            }],
            "Undone: the checklist: its “Link-tracking domain for Transactional” notes changed.",
            "Redone: the checklist: its “Link-tracking domain for Transactional” notes changed.",
        ),
    ];
    check(cases);
}

/// Text no page would take, such as a name of thousands of characters
/// with line breaks, or weekdays out of range, is said without a panic
/// and kept short.
#[test]
fn odd_values_are_said_briefly_without_a_panic() {
    let before = sample_plan();
    let mut after = before.clone();
    let long = "é\u{202E}\nname ".repeat(2000);
    after.lanes[2].owner = long.clone();
    after.lanes[2].warmup.as_mut().unwrap().sending_weekdays = vec![0, 9, 255];
    after.journeys[0].revenue_per_recipient = f64::NAN;
    for (a, b) in [(&before, &after), (&after, &before)] {
        let found = change(a, b).expect("the plans differ");
        let said = found.sentence("Undone");
        assert!(said.contains("its owner") && said.len() < 300, "{said}");
        assert!(!said.contains('\n') && !said.contains('\u{202E}'), "{said}");
    }
}

/// An edit of several journeys at once, by id.
fn each(ids: &[&str], set: impl Fn(&str) -> JourneyField) -> Edit {
    Edit::Many(
        (ids.iter())
            .map(|id| Edit::Journey {
                journey: id.to_string(),
                set: set(id),
            })
            .collect(),
    )
}

#[test]
fn several_items_are_named_up_to_three_then_counted() {
    let promo = || JourneyField::LaneOverride(Some("promotional".into()));
    let five = [
        "order-confirmation",
        "shipping-updates",
        "login-code",
        "cart-recovery",
        "checkout-recovery",
    ];
    let long = "Browse abandonment for the whole of the holiday season and the January sale";
    let cases: Vec<Case> = vec![
        (
            vec![each(&["cart-recovery", "winback", "browse-abandonment"], |_| promo())],
            "Undone: the journeys “Cart recovery”, “Browse abandonment” and “Winback after 90 days” changed.",
            "Redone: the journeys “Cart recovery”, “Browse abandonment” and “Winback after 90 days” changed.",
        ),
        (
            vec![each(&five[..4], |_| promo())],
            "Undone: the journeys “Order confirmation”, “Shipping updates”, “Login code” and 1 more changed.",
            "Redone: the journeys “Order confirmation”, “Shipping updates”, “Login code” and 1 more changed.",
        ),
        (
            vec![each(&five, |_| promo())],
            "Undone: the journeys “Order confirmation”, “Shipping updates”, “Login code” and 2 more changed.",
            "Redone: the journeys “Order confirmation”, “Shipping updates”, “Login code” and 2 more changed.",
        ),
        // Names are cut short as a field's value is.
        (
            vec![each(&["cart-recovery", "browse-abandonment"], |id| match id {
                "browse-abandonment" => JourneyField::Name(long.into()),
                _ => JourneyField::DailyVolume(10),
            })],
            "Undone: the journeys “Cart recovery” and “Browse abandonment” changed.",
            "Redone: the journeys “Cart recovery” and “Browse abandonment for the whole of the holiday season and t…” changed.",
        ),
        // Items without a name are counted, not quoted.
        (
            vec![each(&["order-confirmation", "shipping-updates", "login-code"], |id| match id {
                "login-code" => JourneyField::DailyVolume(10),
                _ => JourneyField::Name(" ".into()),
            })],
            "Undone: the journeys “Order confirmation”, “Shipping updates” and “Login code” changed.",
            "Redone: the journeys “Login code” and 2 without a name changed.",
        ),
        (
            vec![each(&["order-confirmation", "shipping-updates"], |_| JourneyField::Name("".into()))],
            "Undone: the journeys “Order confirmation” and “Shipping updates” changed.",
            "Redone: 2 journeys without a name changed.",
        ),
        (
            vec![Edit::Many(
                five.iter().map(|id| Edit::DeleteJourney(id.to_string())).collect(),
            )],
            "Undone: the journeys “Order confirmation”, “Shipping updates”, “Login code” and 2 more are in the plan again.",
            "Redone: the journeys “Order confirmation”, “Shipping updates”, “Login code” and 2 more are no longer in the plan.",
        ),
        (
            vec![Edit::Many(vec![
                Edit::DeleteRule("rule-recovery".into()),
                Edit::DeleteRule("rule-transactional".into()),
            ])],
            "Undone: the rules “Receipts, shipping and login codes” and “Cart and checkout recovery” are in the plan again.",
            "Redone: the rules “Receipts, shipping and login codes” and “Cart and checkout recovery” are no longer in the plan.",
        ),
    ];
    check(cases);
}
