//! Where a finding is fixed: every kind of location a finding carries,
//! read into a typed place that names its lane, journey, rule or
//! migration by id.

use switchyard::dns::report::domains_report;
use switchyard::plan::model::Migration;
use switchyard::plan::sample::sample_plan;
use switchyard::review::findings::findings;
use switchyard::review::place::{place_of, Place};

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2027, 2, 10).unwrap()
}

fn some(id: &str) -> Option<String> {
    Some(id.to_string())
}

#[test]
fn each_location_opens_its_place() {
    let mut plan = sample_plan();
    let migration = Migration::new("migration-1", "revenue-flows", "promotional");
    plan.migrations.push(migration);
    let records = domains_report(&plan, day(), None).records;
    let cases = [
        ("$.brand.name", Place::BrandField("name")),
        (
            "$.brand.primary_domain",
            Place::BrandField("primary_domain"),
        ),
        ("$.notes", Place::Brand),
        // A field of a lane's card, which Open focuses.
        (
            "$.lanes[0].name",
            Place::LaneField {
                lane: "transactional".into(),
                field: "name".into(),
            },
        ),
        (
            "$.lanes[2].smtp.port",
            Place::LaneField {
                lane: "promotional".into(),
                field: "smtp.port".into(),
            },
        ),
        ("$.lanes[2]", Place::Lane(some("promotional"))),
        ("$.lanes[9].name", Place::Lane(None)),
        (
            "$.lanes[2].warmup.start_date",
            Place::WarmupField {
                lane: "promotional".into(),
                field: "start_date",
            },
        ),
        (
            "$.lanes[1].ip_addresses[0]",
            Place::Domains(some("revenue-flows")),
        ),
        (
            "$.lanes[1].dkim_selector",
            Place::Domains(some("revenue-flows")),
        ),
        ("$.lanes[9].dkim_selector", Place::Domains(None)),
        ("$.lanes[9].warmup.start_date", Place::Warmup(None)),
        ("lane:promotional", Place::Domains(some("promotional"))),
        (
            "bounce.flows.fernleafcoffee.com",
            Place::Domains(some("revenue-flows")),
        ),
        ("_dmarc.fernleafcoffee.com", Place::DnsBrand),
        ("line 3", Place::ExistingRecords),
        ("legacy.fernleafcoffee.com", Place::ExistingRecords),
        // A field of the DMARC plan, which Open focuses.
        ("$.dmarc.rua", Place::DmarcField("rua")),
        ("$.dmarc.np", Place::DmarcField("np")),
        ("$.dmarc.rollout_start", Place::DmarcField("rollout_start")),
        ("$.dmarc.first_stage", Place::DmarcField("first_stage")),
        // Fields without a control of their own open the section.
        ("$.dmarc", Place::DnsBrand),
        ("$.dmarc.not_ours[0]", Place::DnsBrand),
        // An optional record's field, which Open focuses.
        ("$.extras.bimi_logo", Place::ExtrasField("bimi_logo")),
        ("$.extras.mta_sts", Place::ExtrasField("mta_sts")),
        ("$.extras", Place::DnsBrand),
        ("$.existing_records", Place::ExistingRecords),
        (
            "$.journeys[3].daily_volume",
            Place::JourneyField {
                journey: "cart-recovery".into(),
                control: "volume",
            },
        ),
        (
            "$.journeys[3].trigger.event_name",
            Place::JourneyField {
                journey: "cart-recovery".into(),
                control: "event",
            },
        ),
        ("$.journeys[3]", Place::Journey(some("cart-recovery"))),
        ("$.journeys[99]", Place::Journey(None)),
        // Where a journey is routed is its Lane field, in its editor.
        (
            "$.journeys[3].lane_override",
            Place::JourneyField {
                journey: "cart-recovery".into(),
                control: "lane",
            },
        ),
        ("$.journeys[99].lane_override", Place::Journey(None)),
        // A whole list opens its Add button.
        ("$.lanes", Place::Lane(None)),
        ("$.journeys", Place::Journey(None)),
        ("$.rules", Place::Rule(None)),
        ("$.migrations", Place::Migration(None)),
        // A rule's condition opens its control on the rule's card.
        (
            "$.rules[1].when.intents",
            Place::RuleField {
                rule: "rule-recovery".into(),
                control: "intents",
            },
        ),
        (
            "$.rules[1].when.owning_teams",
            Place::RuleField {
                rule: "rule-recovery".into(),
                control: "teams",
            },
        ),
        (
            "$.rules[1].lane",
            Place::RuleField {
                rule: "rule-recovery".into(),
                control: "lane",
            },
        ),
        ("$.rules[1]", Place::Rule(some("rule-recovery"))),
        ("$.rules[99].lane", Place::Rule(None)),
        ("$.default_lane", Place::DefaultLane),
        (
            "$.migrations[0].start_date",
            Place::MigrationField {
                migration: "migration-1".into(),
                field: "start_date",
            },
        ),
        (
            "$.migrations[0].to_lane",
            Place::MigrationField {
                migration: "migration-1".into(),
                field: "to_lane",
            },
        ),
        // A field without a control of its own opens the card.
        (
            "$.migrations[0].hold_dates[1]",
            Place::Migration(some("migration-1")),
        ),
        ("$.migrations[0]", Place::Migration(some("migration-1"))),
        ("$.migrations[4]", Place::Migration(None)),
        ("$.migrations[4].to_lane", Place::Migration(None)),
        ("$.peak_window.end", Place::PeakWindow),
        (
            "$.lanes[2].warmup.target_volume",
            Place::WarmupField {
                lane: "promotional".into(),
                field: "target_volume",
            },
        ),
        (
            "$.lanes[2].warmup.custom.cap",
            Place::Warmup(some("promotional")),
        ),
        // The sending days, whole or one of them, open the days' boxes.
        (
            "$.lanes[2].warmup.sending_weekdays",
            Place::WarmupField {
                lane: "promotional".into(),
                field: "sending_weekdays",
            },
        ),
        (
            "$.lanes[2].warmup.sending_weekdays[1]",
            Place::WarmupField {
                lane: "promotional".into(),
                field: "sending_weekdays",
            },
        ),
        // A lane's fallback plan opens its control in the lane's row; one
        // the plan lacks, the section.
        (
            "$.simulation.fallbacks[0]",
            Place::FallbackField {
                lane: "promotional".into(),
                field: "action",
            },
        ),
        (
            "$.simulation.fallbacks[0].shift_lane",
            Place::FallbackField {
                lane: "promotional".into(),
                field: "shift_lane",
            },
        ),
        ("$.simulation.fallbacks[3].action", Place::Fallbacks),
        ("$.simulation.fallbacks", Place::Fallbacks),
        ("$.simulation.days", Place::Simulation),
        // A seed test's field opens in its row; the test as a whole, or a
        // field with no control, opens the row's first field, its date.
        (
            "$.checklist.seeds[1].gmail",
            Place::SeedField {
                seed: "seed-revenue-flows-2026-11-16".into(),
                field: "gmail",
            },
        ),
        (
            "$.checklist.seeds[2]",
            Place::SeedField {
                seed: "seed-revenue-flows-2026-11-23".into(),
                field: "date",
            },
        ),
        (
            "$.checklist.seeds[0].lane",
            Place::SeedField {
                seed: "seed-transactional-2026-11-16".into(),
                field: "date",
            },
        ),
        // A test the plan does not have: the seed tests' heading.
        ("$.checklist.seeds[7].date", Place::SeedTests),
        ("$.checklist.seeds", Place::SeedTests),
        ("$.checklist.items[0]", Place::Checklist),
        ("$.monitoring.mapping[2].key", Place::Mapping),
        ("$.monitoring.postmaster[0]", Place::Postmaster),
        // A lane's thresholds as a whole, or its lane, open the row's
        // first field.
        (
            "$.monitoring.thresholds[0]",
            Place::ThresholdField {
                lane: "transactional".into(),
                field: "complaint_watch_percent",
            },
        ),
        (
            "$.monitoring.thresholds[0].lane",
            Place::ThresholdField {
                lane: "transactional".into(),
                field: "complaint_watch_percent",
            },
        ),
        // A lane's threshold opens its own field; a row the plan lacks, the
        // table.
        (
            "$.monitoring.thresholds[1].complaint_act_percent",
            Place::ThresholdField {
                lane: "revenue-flows".into(),
                field: "complaint_act_percent",
            },
        ),
        (
            "$.monitoring.thresholds[9].complaint_act_percent",
            Place::Thresholds,
        ),
        // A topic's finding opens its row; one about a lane's one-click
        // unsubscribe, the first lane's box that lacks it.
        ("$.preferences.topics[0]", Place::Topic(some("promotions"))),
        (
            "$.preferences.topics[2].suppresses",
            Place::Topic(some("all-marketing")),
        ),
        ("$.preferences.topics[9].suppresses", Place::Topic(None)),
        ("$.preferences.topics", Place::Topic(None)),
        (
            "$.preferences.one_click_lanes",
            Place::OneClick("transactional".into()),
        ),
        ("$.preferences.processing_days", Place::ProcessingDays),
        ("$.preferences", Place::Preferences),
        ("$.platform.all_emails_lane", Place::AllEmailsLane),
        ("$.platform", Place::Platform),
    ];
    for (path, expected) in cases {
        assert_eq!(place_of(&plan, &records, path), expected, "{path}");
    }
    // A marketing lane without one-click unsubscribe is the one opened,
    // not the transactional lane, which needs none.
    plan.preferences
        .one_click_lanes
        .retain(|l| l != "promotional");
    let place = place_of(&plan, &records, "$.preferences.one_click_lanes");
    assert_eq!(place, Place::OneClick("promotional".into()));
}

/// A finding about a Postmaster Tools figure opens that figure's field,
/// named by the figure's id; the figure as a whole opens its date, and a
/// figure the plan lacks the section.
#[test]
fn a_postmaster_figures_finding_opens_its_field() {
    use switchyard::plan::model::PostmasterEntry;
    use switchyard::review::place::place_of_finding;
    let mut plan = sample_plan();
    let row = |id: &str, domain: &str| PostmasterEntry {
        id: id.into(),
        date: "2027-02-01".into(),
        domain: domain.into(),
        spam_rate_percent: 0.1,
    };
    plan.monitoring.postmaster = vec![
        row("postmaster-1", "fernleafcoffee.com"),
        row("postmaster-4", "not a domain"),
    ];
    let field = |row: &str, field| Place::PostmasterField {
        row: row.into(),
        field,
    };
    let cases = [
        (
            "$.monitoring.postmaster[0].date",
            field("postmaster-1", "date"),
        ),
        (
            "$.monitoring.postmaster[1].domain",
            field("postmaster-4", "domain"),
        ),
        (
            "$.monitoring.postmaster[1].spam_rate_percent",
            field("postmaster-4", "spam_rate_percent"),
        ),
        ("$.monitoring.postmaster[1]", field("postmaster-4", "date")),
        (
            "$.monitoring.postmaster[1].id",
            field("postmaster-4", "date"),
        ),
        ("$.monitoring.postmaster[2].domain", Place::Postmaster),
        ("$.monitoring.postmaster", Place::Postmaster),
    ];
    for (path, expected) in cases {
        assert_eq!(place_of(&plan, &[], path), expected, "{path}");
    }
    // The finding Problems lists for the figure's domain opens its field.
    let derived = findings(&plan, day(), None);
    let finding = (derived.all.iter())
        .find(|d| d.code == "monitoring.postmaster_domain")
        .expect("the domain is refused");
    assert_eq!(
        place_of_finding(&plan, &derived.domains.records, finding),
        field("postmaster-4", "domain")
    );
}

#[test]
fn a_seed_test_of_a_lane_the_plan_lacks_opens_the_seed_tests() {
    // The checklist shows a lane's tests under it, so a test of a lane the
    // plan does not have has no row to open.
    let mut plan = sample_plan();
    plan.checklist.seeds[0].lane = "gone".into();
    for path in ["$.checklist.seeds[0].lane", "$.checklist.seeds[0]"] {
        assert_eq!(place_of(&plan, &[], path), Place::SeedTests, "{path}");
    }
}

#[test]
fn a_threshold_row_of_a_lane_the_plan_lacks_opens_the_table() {
    // The checklist shows a row per lane of the plan, so thresholds kept
    // for a lane it does not have have no row to open.
    let mut plan = sample_plan();
    plan.monitoring.thresholds[1].lane = "gone".into();
    for path in [
        "$.monitoring.thresholds[1].lane",
        "$.monitoring.thresholds[1]",
        "$.monitoring.thresholds[1].complaint_act_percent",
    ] {
        assert_eq!(place_of(&plan, &[], path), Place::Thresholds, "{path}");
    }
}

/// A finding about a lane that a list of the plan lacks (no topic stops
/// it, no one-click box is ticked for it, no thresholds are kept for it)
/// is placed at the list, which names no lane: it opens the control of
/// that lane its fix sets, so each lane's finding opens its own.
#[test]
fn a_finding_on_a_lane_a_list_lacks_opens_that_lanes_control() {
    use switchyard::review::place::{finding_place_words, place_of_finding};
    let mut plan = sample_plan();
    for topic in &mut plan.preferences.topics {
        topic.suppresses.retain(|l| l != "promotional");
    }
    plan.preferences.one_click_lanes.clear();
    plan.monitoring
        .thresholds
        .retain(|t| t.lane != "promotional");
    let derived = findings(&plan, day(), None);
    let records = &derived.domains.records;
    let opens = |code: &str| -> Vec<Place> {
        (derived.all.iter())
            .filter(|d| d.code == code)
            .map(|d| place_of_finding(&plan, records, d))
            .collect()
    };
    // No topic stops the lane: the box that lets "all marketing" stop it,
    // which the finding's fix ticks, not the Add a topic button.
    assert_eq!(
        opens("lint.lane_not_suppressible"),
        [Place::TopicLane {
            topic: "all-marketing".into(),
            lane: "promotional".into(),
        }]
    );
    // Each lane without one-click unsubscribe opens its own box.
    assert_eq!(
        opens("lint.no_one_click"),
        [
            Place::OneClick("revenue-flows".into()),
            Place::OneClick("promotional".into())
        ]
    );
    // A lane without thresholds: the button in its row that sets them.
    assert_eq!(
        opens("lint.no_thresholds"),
        [Place::ThresholdReset("promotional".into())]
    );
    // Problems name the lane's row or box as those pages do.
    let named = |code: &str| -> Vec<String> {
        (derived.all.iter())
            .filter(|d| d.code == code)
            .map(|d| finding_place_words(&plan, d))
            .collect()
    };
    assert_eq!(
        named("lint.no_thresholds"),
        ["Checklist › monitoring thresholds › Lane “Promotional”"]
    );
    assert_eq!(
        named("lint.no_one_click"),
        [
            "Preferences › one-click lanes › Lane “Revenue flows”",
            "Preferences › one-click lanes › Lane “Promotional”"
        ]
    );
    // Without a fix to say which lane, the list's place stays.
    let topics = (derived.all.iter())
        .find(|d| d.code == "lint.lane_not_suppressible")
        .unwrap();
    let mut unfixed = topics.clone();
    unfixed.fix = None;
    assert_eq!(
        place_of_finding(&plan, records, &unfixed),
        Place::Topic(None)
    );
}

#[test]
fn every_finding_of_the_sample_opens_a_lane_the_plan_has() {
    let plan = sample_plan();
    let derived = findings(&plan, day(), None);
    assert!(!derived.all.is_empty());
    for d in &derived.all {
        match place_of(&plan, &derived.domains.records, &d.path) {
            Place::Lane(id) | Place::Domains(id) | Place::Warmup(id) => {
                let id = id.unwrap_or_else(|| panic!("{} opens no lane", d.path));
                assert!(plan.lane(&id).is_some(), "{} opens lane {id}", d.path);
            }
            Place::Journey(id) | Place::Rule(id) | Place::Migration(id) => {
                assert!(id.is_some(), "{} opens nothing", d.path)
            }
            _ => {}
        }
    }
}

#[test]
fn a_disagreement_between_reporters_opens_the_reports_list_of_who_saw_what() {
    use std::rc::Rc;
    use switchyard::dmarc_reports::published::{POLICY_DIFFERS, REPORTERS_DISAGREE};
    use switchyard::dmarc_reports::rollout::proof;
    use switchyard::dmarc_reports::store::Store;
    use switchyard::dmarc_reports::{PublishedPolicy, Report};
    use switchyard::plan::path_words::in_words;
    use switchyard::review::findings::{dns_part, findings_with};
    use switchyard::review::place::{finding_place_words, place_of_finding};
    let plan = sample_plan();
    let today = chrono::NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
    // Two reporters on one day, one of them still seeing p=none while the
    // rollout has reject in force.
    let mut store = Store::default();
    for (org, p) in [("google.com", "none"), ("Outlook.com", "reject")] {
        store.add(Report {
            org: org.into(),
            report_id: format!("{org}-1"),
            begin: 1_803_945_600,
            end: 1_804_031_999,
            policy: PublishedPolicy {
                domain: "fernleafcoffee.com".into(),
                p: p.into(),
                ..Default::default()
            },
            rows: Vec::new(),
            notes: Vec::new(),
        });
    }
    let part = Rc::new(dns_part(&plan, today, None));
    let derived = findings_with(
        &plan,
        today,
        part,
        &proof(&plan, &store, today),
        &Default::default(),
        &Default::default(),
    );
    let records = &derived.domains.records;
    let place = |code: &str| {
        let d = (derived.all.iter())
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("{code} found"));
        (place_of_finding(&plan, records, d), d.place.clone())
    };
    // What reporters saw differs: no field of the plan is wrong, so it
    // opens the reports' list of the policies and who saw each, and names
    // it so.
    let (disagree, words) = place(REPORTERS_DISAGREE);
    assert_eq!(disagree, Place::DmarcPublished);
    assert_eq!(words, "DMARC reports › What receivers saw published");
    // Its location alone still reads as the DMARC plan's section.
    assert_eq!(place_of(&plan, records, "$.dmarc"), Place::DnsBrand);
    // A published policy that differs from the plan's opens the plan's
    // field, as its path says.
    let (differs, words) = place(POLICY_DIFFERS);
    assert_eq!(differs, Place::DmarcField("rollout_start"));
    let finding = (derived.all.iter()).find(|d| d.code == POLICY_DIFFERS);
    assert_eq!(finding_place_words(&plan, finding.unwrap()), words);
    assert_eq!(words, in_words(Some(&plan), "$.dmarc.rollout_start"));
}

/// A finding whose location is a record or a section, or a field beside
/// the one it asks to change, opens the control to change: the DMARC
/// plan's report address for a record without one, the lane that
/// keeps Customer.io's All Emails server, and the Lane field of a winback
/// journey on a lane not warm yet.
#[test]
fn a_finding_opens_the_control_it_asks_to_change() {
    use switchyard::plan::model::LaneStatus;
    use switchyard::review::place::place_of_finding;
    type Change = fn(&mut switchyard::plan::model::Plan);
    // (the change to the sample, the day, the finding, its place in words,
    // where Open lands)
    type Case = (Change, &'static str, &'static str, &'static str, Place);
    let cases: [Case; 4] = [
        (
            // The rollout's p=none weeks, with no report address.
            |p| p.dmarc.rua.clear(),
            "2027-01-10",
            "dmarc.no_reports",
            "_dmarc.fernleafcoffee.com",
            Place::DmarcField("rua"),
        ),
        (
            // Its p=reject weeks, with none either.
            |p| p.dmarc.rua.clear(),
            "2027-03-10",
            "dmarc.no_reports",
            "_dmarc.fernleafcoffee.com",
            Place::DmarcField("rua"),
        ),
        (
            |p| p.platform.all_emails_lane = None,
            "2027-02-10",
            "platform.cio_no_all_emails",
            "Platform › all emails lane",
            Place::AllEmailsLane,
        ),
        (
            // The winback's lane still warming up: where the journey goes
            // is what to change, not its intent.
            |p| p.lanes[1].status = LaneStatus::Warming,
            "2027-02-10",
            "lint.winback_while_warming",
            "Journey “Winback after 90 days” › lane",
            Place::JourneyField {
                journey: "winback".into(),
                control: "lane",
            },
        ),
    ];
    for (change, today, code, words, expected) in cases {
        let mut plan = sample_plan();
        change(&mut plan);
        let derived = findings(&plan, today.parse().unwrap(), None);
        let finding = (derived.all.iter())
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("{code} found"));
        assert_eq!(finding.place, words, "{code}");
        let records = &derived.domains.records;
        assert_eq!(
            place_of_finding(&plan, records, finding),
            expected,
            "{code}"
        );
    }
}
