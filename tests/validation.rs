//! Validation of plans, domains and addresses.

use switchyard::domain::{
    display_domain, is_within, normalize_address, normalize_domain, registered_part,
};
use switchyard::plan::diagnostic::{target_of, Severity, Target};
use switchyard::plan::model::*;
use switchyard::plan::sample::sample_plan;
use switchyard::plan::validate::{integrity, normalize, validate};

#[test]
fn domains_normalise_or_explain() {
    let ok = [
        ("brand.com", "brand.com"),
        ("  Mail.Brand.COM. ", "mail.brand.com"),
        ("bücher.example", "xn--bcher-kva.example"),
        ("MÜNCHEN.de", "xn--mnchen-3ya.de"),
        ("例え.jp", "xn--r8jz45g.jp"),
        ("receipts。brand。com", "receipts.brand.com"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("a-b.c-d.io", "a-b.c-d.io"),
    ];
    for (input, expected) in ok {
        assert_eq!(normalize_domain(input).as_deref(), Ok(expected), "{input}");
    }
    let bad = [
        ("", "empty"),
        ("brand", "two labels"),
        ("https://brand.com", "no scheme"),
        ("mail..brand.com", "empty label"),
        ("brand.com..", "empty label"),
        (".", "empty"),
        ("-mail.brand.com", "hyphen"),
        ("mail_x.brand.com", "letters, digits and hyphens"),
        ("me@brand.com", "e-mail address"),
        ("10.0.0.1", "numeric"),
        ("bad domain.com", "letters, digits and hyphens"),
        ("bü€r.com", "do not allow"),
        ("xn--zz-.com", "Punycode"),
        (&"a".repeat(64), "63"),
    ];
    for (input, why) in bad {
        let err = normalize_domain(input).expect_err(input);
        assert!(err.contains(why), "{input}: {err}");
    }
    let long_label = format!("{}.com", "a".repeat(64));
    assert!(normalize_domain(&long_label).unwrap_err().contains("63"));
    let long_name = vec!["abcdefghij"; 24].join(".") + ".com";
    assert!(normalize_domain(&long_name).unwrap_err().contains("253"));
}

#[test]
fn the_registered_domain_of_a_name_is_guessed_from_its_labels() {
    let cases = [
        ("brand.com", Some("brand.com")),
        ("receipts.brand.com", Some("brand.com")),
        ("a.b.receipts.brand.com", Some("brand.com")),
        ("mail.brand.co.uk", Some("brand.co.uk")),
        ("brand.com.au", Some("brand.com.au")),
        ("localhost", None),
    ];
    for (name, registered) in cases {
        assert_eq!(registered_part(name), registered, "{name}");
    }
}

#[test]
fn unicode_display_round_trips() {
    assert_eq!(display_domain("xn--bcher-kva.example"), "bücher.example");
    assert_eq!(display_domain("mail.brand.com"), "mail.brand.com");
}

#[test]
fn addresses_normalise_or_explain() {
    assert_eq!(
        normalize_address(" Orders@Receipts.Brand.com ").as_deref(),
        Ok("Orders@receipts.brand.com")
    );
    assert_eq!(
        normalize_address("hallo@bücher.example").as_deref(),
        Ok("hallo@xn--bcher-kva.example")
    );
    for (input, why) in [
        ("", "empty"),
        ("no-at-sign", "@"),
        ("Brand <hi@brand.com>", "bare address"),
        ("hi@brand", "two labels"),
        ("a b@brand.com", "mailbox"),
        // The domain's reason reads on from the address's, in one sentence.
        ("hi@flows..brand.com", "its domain has an empty label"),
        (
            "hi@shop.brand.com/x",
            "in its domain, a domain has no scheme",
        ),
    ] {
        let err = normalize_address(input).expect_err(input);
        assert!(err.contains(why), "{input}: {err}");
    }
}

#[test]
fn subdomain_containment() {
    assert!(is_within("mail.brand.com", "brand.com"));
    assert!(is_within("brand.com", "brand.com"));
    assert!(!is_within("notbrand.com", "brand.com"));
    assert!(!is_within("brand.com", "mail.brand.com"));
}

#[test]
fn the_sample_plan_has_no_errors_or_warnings() {
    let findings = validate(&sample_plan());
    let serious: Vec<_> = findings
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .collect();
    assert!(serious.is_empty(), "{serious:#?}");
}

/// Applies `change` to the sample plan and returns the codes and paths found.
fn findings_after(change: impl FnOnce(&mut Plan)) -> Vec<(String, String)> {
    let mut plan = sample_plan();
    change(&mut plan);
    validate(&plan)
        .into_iter()
        .map(|d| (d.code.to_string(), d.path))
        .collect()
}

/// A change to the sample plan that introduces one mistake.
type Change = Box<dyn FnOnce(&mut Plan)>;

#[test]
fn each_mistake_is_found_where_it_is() {
    let cases: Vec<(&str, Change, &str, &str)> = vec![
        (
            "bad sending domain",
            Box::new(|p| p.lanes[0].sending_domain = "receipts..brand".into()),
            "domain.invalid",
            "$.lanes[0].sending_domain",
        ),
        (
            "non-canonical domain",
            Box::new(|p| p.lanes[1].sending_domain = "Flows.FernleafCoffee.com".into()),
            "domain.not_normalized",
            "$.lanes[1].sending_domain",
        ),
        (
            "bad From address",
            Box::new(|p| p.lanes[0].from_address = "orders-at-receipts".into()),
            "address.invalid",
            "$.lanes[0].from_address",
        ),
        (
            "From outside the sending domain",
            Box::new(|p| p.lanes[2].from_address = "news@other.com".into()),
            "lane.from_outside_domain",
            "$.lanes[2].from_address",
        ),
        (
            "bad Reply-To",
            Box::new(|p| p.lanes[2].reply_to = "care".into()),
            "address.invalid",
            "$.lanes[2].reply_to",
        ),
        (
            "duplicate lane id",
            Box::new(|p| p.lanes[1].id = "transactional".into()),
            "plan.duplicate_id",
            "$.lanes[1].id",
        ),
        (
            "duplicate journey name",
            Box::new(|p| p.journeys[1].name = "order confirmation".into()),
            "plan.duplicate_name",
            "$.journeys[1].name",
        ),
        (
            "empty lane name",
            Box::new(|p| p.lanes[0].name = " ".into()),
            "plan.name_empty",
            "$.lanes[0].name",
        ),
        (
            "empty rule name",
            Box::new(|p| p.rules[1].name = String::new()),
            "plan.name_empty",
            "$.rules[1].name",
        ),
        (
            "duplicate rule name",
            Box::new(|p| p.rules[1].name = p.rules[0].name.to_uppercase()),
            "plan.duplicate_name",
            "$.rules[1].name",
        ),
        (
            "dangling override",
            Box::new(|p| p.journeys[3].lane_override = Some("vip".into())),
            "plan.dangling_lane",
            "$.journeys[3].lane_override",
        ),
        (
            "dangling rule lane",
            Box::new(|p| p.rules[0].lane = "vip".into()),
            "plan.dangling_lane",
            "$.rules[0].lane",
        ),
        (
            "dangling default",
            Box::new(|p| p.default_lane = Some("vip".into())),
            "plan.dangling_lane",
            "$.default_lane",
        ),
        (
            "zero dedicated IPs",
            Box::new(|p| p.lanes[1].ip_strategy = IpStrategy::Dedicated { count: 0 }),
            "lane.ip_count",
            "$.lanes[1].ip_strategy.count",
        ),
        (
            "port 0",
            Box::new(|p| p.lanes[1].smtp.port = 0),
            "smtp.port_zero",
            "$.lanes[1].smtp.port",
        ),
        (
            "port and security disagree",
            Box::new(|p| p.lanes[1].smtp.port = 465),
            "smtp.security_mismatch",
            "$.lanes[1].smtp.security",
        ),
        (
            "negative revenue",
            Box::new(|p| p.journeys[3].revenue_per_recipient = -1.0),
            "journey.revenue",
            "$.journeys[3].revenue_per_recipient",
        ),
        (
            "unnamed event",
            Box::new(|p| {
                p.journeys[3].trigger = Trigger::Event {
                    event_name: "".into(),
                    latency_minutes: 1,
                    delay_minutes: 0,
                }
            }),
            "journey.event_name",
            "$.journeys[3].trigger.event_name",
        ),
        (
            "no primary domain",
            Box::new(|p| p.brand.primary_domain.clear()),
            "domain.missing",
            "$.brand.primary_domain",
        ),
        (
            "an event later than a year",
            Box::new(|p| {
                p.journeys[3].trigger = Trigger::Event {
                    event_name: "Added to Cart".into(),
                    latency_minutes: 525_601,
                    delay_minutes: 0,
                }
            }),
            "journey.minutes",
            "$.journeys[3].trigger.latency_minutes",
        ),
        (
            "a wait longer than a year",
            Box::new(|p| {
                p.journeys[3].trigger = Trigger::Event {
                    event_name: "Added to Cart".into(),
                    latency_minutes: 1,
                    delay_minutes: u32::MAX,
                }
            }),
            "journey.minutes",
            "$.journeys[3].trigger.delay_minutes",
        ),
        (
            "a peak date years after the warm-up starts",
            Box::new(|p| p.lanes[2].warmup.as_mut().unwrap().target_date = "2199-12-31".into()),
            "warmup.peak_far",
            "$.lanes[2].warmup.target_date",
        ),
        (
            "a warm-up peak beyond a billion a day",
            Box::new(|p| p.lanes[2].warmup.as_mut().unwrap().target_volume = u64::MAX),
            "number.range",
            "$.lanes[2].warmup.target_volume",
        ),
        (
            "a custom ramp growing more than tenfold a level",
            Box::new(|p| {
                let w = p.lanes[2].warmup.as_mut().unwrap();
                w.preset = WarmupPreset::Custom;
                w.custom.growth_percent = 1_001;
            }),
            "number.range",
            "$.lanes[2].warmup.custom.growth_percent",
        ),
        (
            "a health gate no day can pass",
            Box::new(|p| p.simulation.gate_delivered_percent = 100.0),
            "simulation.gate_unreachable",
            "$.simulation.gate_delivered_percent",
        ),
        (
            "a complaint gate of zero",
            Box::new(|p| p.simulation.gate_complaint_percent = 0.0),
            "simulation.gate_unreachable",
            "$.simulation.gate_complaint_percent",
        ),
        (
            "a warm-up with no peak volume",
            Box::new(|p| p.lanes[2].warmup.as_mut().unwrap().target_volume = 0),
            "warmup.target_volume",
            "$.lanes[2].warmup.target_volume",
        ),
        (
            "a custom ramp that never grows",
            Box::new(|p| {
                let w = p.lanes[2].warmup.as_mut().unwrap();
                w.preset = WarmupPreset::Custom;
                w.custom.growth_percent = 0;
            }),
            "warmup.custom_flat",
            "$.lanes[2].warmup.custom.growth_percent",
        ),
        (
            "a custom ramp holding each level over a year",
            Box::new(|p| {
                let w = p.lanes[2].warmup.as_mut().unwrap();
                w.preset = WarmupPreset::Custom;
                w.custom.hold_days = 366;
            }),
            "number.range",
            "$.lanes[2].warmup.custom.hold_days",
        ),
        (
            "an engagement filter of ten years",
            Box::new(|p| {
                p.lanes[2].engagement_filter = EngagementFilter::EngagedWithin { days: 3_650 }
            }),
            "number.range",
            "$.lanes[2].engagement_filter.days",
        ),
        (
            "a grace period over a year",
            Box::new(|p| {
                let mut m = Migration::new("move", "promotional", "revenue-flows");
                m.grace_days = 400;
                p.migrations.push(m);
            }),
            "number.range",
            "$.migrations[0].grace_days",
        ),
        (
            "unsubscribes taking a month and more",
            Box::new(|p| p.preferences.processing_days = 31),
            "number.range",
            "$.preferences.processing_days",
        ),
        (
            "promotions at a hundred times the plan",
            Box::new(|p| p.simulation.promo_frequency_percent = 10_000),
            "number.range",
            "$.simulation.promo_frequency_percent",
        ),
        (
            "revenue per recipient beyond a million",
            Box::new(|p| p.journeys[0].revenue_per_recipient = 1e7),
            "journey.revenue",
            "$.journeys[0].revenue_per_recipient",
        ),
        (
            "a warm-up starting after its peak date",
            Box::new(|p| {
                let w = p.lanes[2].warmup.as_mut().unwrap();
                w.start_date = "2027-12-01".into();
                w.target_date = "2027-11-26".into();
            }),
            "warmup.after_peak",
            "$.lanes[2].warmup.target_date",
        ),
        (
            // Summed in 32 bits, these shares wrap to exactly 100.
            "a provider mix too large to add up",
            Box::new(|p| p.simulation.mix_percent = [u32::MAX, 101, 0, 0, 0]),
            "simulation.mix",
            "$.simulation.mix_percent",
        ),
    ];
    for (name, change, code, path) in cases {
        let found = findings_after(change);
        assert!(
            found.iter().any(|(c, p)| c == code && p == path),
            "{name}: expected {code} at {path}, found {found:?}"
        );
    }
}

#[test]
fn numbers_at_the_ends_of_their_ranges_are_no_finding() {
    use switchyard::plan::ranges::*;
    let in_range = |plan: &Plan| !validate(plan).iter().any(|d| d.code == "number.range");
    for edge in [|r: Range| r.min, |r: Range| r.max] {
        let mut plan = sample_plan();
        let w = plan.lanes[2].warmup.as_mut().unwrap();
        w.preset = WarmupPreset::Custom;
        w.target_volume = edge(WARMUP_VOLUME);
        w.custom.start_volume = edge(WARMUP_VOLUME);
        w.custom.cap = edge(WARMUP_VOLUME);
        w.custom.growth_percent = edge(GROWTH_PERCENT) as u32;
        w.custom.hold_days = edge(HOLD_DAYS) as u32;
        plan.lanes[2].engagement_filter = EngagementFilter::EngagedWithin {
            days: edge(FILTER_DAYS) as u32,
        };
        plan.preferences.processing_days = edge(PROCESSING_DAYS) as u32;
        plan.simulation.complaint_percent = edge(KNOB_PERCENT) as u32;
        plan.simulation.promo_frequency_percent = edge(KNOB_PERCENT) as u32;
        assert!(in_range(&plan), "{:?}", validate(&plan));
    }
}

#[test]
fn a_preset_ignores_the_custom_ramp_fields_it_hides() {
    let mut plan = sample_plan();
    let w = plan.lanes[2].warmup.as_mut().unwrap();
    assert_ne!(w.preset, WarmupPreset::Custom);
    w.custom.growth_percent = u32::MAX;
    w.custom.cap = u64::MAX;
    assert!(!validate(&plan).iter().any(|d| d.code == "number.range"));
}

#[test]
fn every_finding_has_a_hint_and_a_place() {
    let mut plan = sample_plan();
    plan.lanes[0].from_address = "x@y.z".into();
    plan.lanes[0].sending_domain = "??".into();
    plan.journeys[0].lane_override = Some("gone".into());
    for d in validate(&plan) {
        assert!(!d.hint.is_empty(), "{} has no hint", d.code);
        assert!(d.path.starts_with('$'), "{} path {}", d.code, d.path);
    }
}

#[test]
fn integrity_is_only_about_references_and_ids() {
    let mut plan = sample_plan();
    plan.lanes[0].from_address = "broken".into();
    assert!(integrity(&plan).is_empty());
    plan.journeys[0].id = plan.journeys[1].id.clone();
    assert_eq!(integrity(&plan)[0].code, "plan.duplicate_id");
}

#[test]
fn normalize_rewrites_only_what_parses() {
    let mut plan = sample_plan();
    plan.lanes[0].sending_domain = "RECEIPTS.Bücher.example".into();
    plan.lanes[0].from_address = "Orders@RECEIPTS.bücher.example".into();
    plan.lanes[1].tracking_domain = "not a domain".into();
    normalize(&mut plan);
    assert_eq!(
        plan.lanes[0].sending_domain,
        "receipts.xn--bcher-kva.example"
    );
    assert_eq!(
        plan.lanes[0].from_address,
        "Orders@receipts.xn--bcher-kva.example"
    );
    assert_eq!(plan.lanes[1].tracking_domain, "not a domain");
}

#[test]
fn paths_lead_to_their_targets() {
    assert_eq!(target_of("$.lanes[2].smtp.port"), Target::Lane(2));
    assert_eq!(target_of("$.journeys[10]"), Target::Journey(10));
    assert_eq!(target_of("$.rules[0].when"), Target::Rule(0));
    assert_eq!(target_of("$.brand.name"), Target::Brand);
    assert_eq!(target_of("$.default_lane"), Target::Plan);
}

#[test]
fn readiness_values_are_checked() {
    type Break = fn(&mut Plan);
    let cases: Vec<(&str, &str, Break)> = vec![
        ("checklist.date", "$.checklist.items[0].due", |p| {
            p.checklist.items[0].due = "next week".into()
        }),
        ("checklist.date", "$.checklist.seeds[1].date", |p| {
            p.checklist.seeds[1].date = "16/11/2026".into()
        }),
        ("checklist.seed_date", "$.checklist.seeds[0].date", |p| {
            p.checklist.seeds[0].date.clear()
        }),
        (
            "preferences.topic_name",
            "$.preferences.topics[1].name",
            |p| p.preferences.topics[1].name = " ".into(),
        ),
        (
            "monitoring.order",
            "$.monitoring.thresholds[2].bounce_act_percent",
            |p| p.monitoring.thresholds[2].bounce_act_percent = 1.0,
        ),
        ("monitoring.range", "$.monitoring.thresholds[0].lane", |p| {
            p.monitoring.thresholds[0].delivered_min_percent = 120.0
        }),
        ("plan.dangling_lane", "$.preferences.one_click_lanes", |p| {
            p.preferences.one_click_lanes.push("gone".into())
        }),
        (
            "plan.dangling_lane",
            "$.monitoring.thresholds[1].lane",
            |p| p.monitoring.thresholds[1].lane = "gone".into(),
        ),
        ("plan.dangling_lane", "$.monitoring.mapping[0].lane", |p| {
            p.monitoring.mapping[0].lane = "gone".into()
        }),
        ("plan.duplicate_id", "$.preferences.topics[1].id", |p| {
            p.preferences.topics[1].id = "promotions".into()
        }),
    ];
    for (code, path, make) in cases {
        let mut plan = sample_plan();
        make(&mut plan);
        let found = validate(&plan);
        assert!(
            found.iter().any(|d| d.code == code && d.path == path),
            "{code} at {path}: {:?}",
            found.iter().map(|d| (&d.code, &d.path)).collect::<Vec<_>>()
        );
    }
    // Dangling references keep a file from being imported.
    let mut plan = sample_plan();
    plan.checklist.seeds[0].lane = "gone".into();
    assert!(!integrity(&plan).is_empty());
}

#[test]
fn names_ending_in_s_and_big_numbers_read_well() {
    // (how, where, the message there)
    let cases: Vec<(Change, &str, &str)> = vec![
        (
            Box::new(|p| {
                p.lanes[1].warmup = Some(WarmupPlan::default());
            }),
            "$.lanes[1].warmup.start_date",
            "The warm-up of Revenue flows has no start date yet.",
        ),
        (
            Box::new(|p| p.journeys[0].daily_volume = 200_000_000),
            "$.journeys[0].daily_volume",
            "200,000,000 messages a day is beyond what one journey sends.",
        ),
        (
            Box::new(|p| p.simulation.days = 1),
            "$.simulation.days",
            "1 day is outside 7 to 365.",
        ),
    ];
    for (change, path, message) in cases {
        let mut plan = sample_plan();
        change(&mut plan);
        let found = validate(&plan);
        let at: Vec<&str> = found
            .iter()
            .filter(|d| d.path == path)
            .map(|d| d.message.as_str())
            .collect();
        assert!(at.contains(&message), "{path}: {at:?}");
    }
    let filter = EngagementFilter::EngagedWithin { days: 1 };
    assert_eq!(filter.label(), "Opened or clicked in the last 1 day");
}

#[test]
fn a_duplicate_name_says_which_item_has_it_in_words() {
    let mut plan = sample_plan();
    plan.lanes[2].name = plan.lanes[0].name.to_uppercase();
    let found = validate(&plan);
    let d = found
        .iter()
        .find(|d| d.code == "plan.duplicate_name")
        .expect("a duplicate name");
    assert_eq!(
        d.message,
        "Another lane, number 1 in the list, is also called “TRANSACTIONAL”."
    );
}

#[test]
fn a_host_with_a_port_or_scheme_says_where_each_part_goes() {
    for (host, hint) in [
        (
            "smtp.sendgrid.net:587",
            "Enter only the host, smtp.sendgrid.net, and put 587 in the Port field.",
        ),
        (
            "smtps://smtp.postmarkapp.com",
            "Enter only the host name, without smtp:// or smtps://; the Security field says how to connect.",
        ),
    ] {
        let mut plan = sample_plan();
        plan.lanes[0].smtp.host = host.into();
        let found = validate(&plan);
        let d = found
            .iter()
            .find(|d| d.code == "smtp.host_invalid")
            .unwrap_or_else(|| panic!("{host}: {found:?}"));
        assert_eq!(d.hint, hint);
    }
}

#[test]
fn action_lines_looser_than_the_providers_own_are_flagged_with_a_fix() {
    let mut plan = sample_plan();
    let i = plan
        .monitoring
        .thresholds
        .iter()
        .position(|t| t.lane == "revenue-flows")
        .expect("the sample has thresholds for the flows");
    let t = &mut plan.monitoring.thresholds[i];
    t.complaint_watch_percent = 0.4;
    t.complaint_act_percent = 0.5;
    t.bounce_act_percent = 12.0;
    let lenient: Vec<_> = validate(&plan)
        .into_iter()
        .filter(|d| d.code == "monitoring.lenient")
        .collect();
    let paths: Vec<&str> = lenient.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            format!("$.monitoring.thresholds[{i}].complaint_act_percent"),
            format!("$.monitoring.thresholds[{i}].bounce_act_percent"),
        ]
    );
    assert!(
        lenient[0].message.contains("Gmail's 0.3%"),
        "{}",
        lenient[0].message
    );
    assert_eq!(lenient[0].severity, Severity::Warning);
    // Each fix clears its finding, and leaves the lines in order.
    for d in &lenient {
        let fix = d.fix.clone().expect("a fix");
        switchyard::plan::edit::edit_plan(&mut plan, switchyard::plan::edit::Edit::Many(fix.edits));
    }
    let after = validate(&plan);
    assert!(
        !after
            .iter()
            .any(|d| d.code == "monitoring.lenient" || d.code == "monitoring.order"),
        "{after:#?}"
    );
    let t = &plan.monitoring.thresholds[i];
    assert_eq!(
        (
            t.complaint_watch_percent,
            t.complaint_act_percent,
            t.bounce_act_percent
        ),
        (0.1, 0.3, 5.0)
    );
}

#[test]
fn a_dkim_domain_the_brand_does_not_run_is_an_error() {
    // (sending domain, DKIM d=, whether it is refused)
    let cases = [
        ("flows.fernleafcoffee.com", "sendgrid.net", true),
        // A neighbour under the same public suffix is another's.
        ("mail.fernleaf.shop", "other.shop", true),
        ("flows.fernleafcoffee.com", "fernleafcoffee.com", false),
        (
            "flows.fernleafcoffee.com",
            "s.flows.fernleafcoffee.com",
            false,
        ),
        // Beside the sending domain, under a second brand domain.
        ("mail.fernleaf.shop", "dkim.fernleaf.shop", false),
        ("flows.fernleafcoffee.com", "", false),
    ];
    for (sending, dkim, refused) in cases {
        let mut plan = switchyard::plan::sample::sample_plan();
        plan.lanes[1].sending_domain = sending.into();
        plan.lanes[1].dkim_domain = dkim.into();
        let found = switchyard::plan::validate::validate(&plan)
            .iter()
            .any(|d| d.code == "lane.dkim_outside");
        assert_eq!(found, refused, "{sending} signed by {dkim:?}");
    }
}

#[test]
fn a_dkim_selector_is_read_or_explained() {
    use switchyard::domain::selector_of;
    use switchyard::plan::edit::{edit_plan, Edit};
    // (the field's text on the revenue lane, whose domain is
    // flows.fernleafcoffee.com, the selector the records read, whether it
    // is an error, the fix's selector)
    let cases = [
        ("s1", Some("s1"), false, None),
        ("Tx2026A", Some("tx2026a"), false, None),
        ("  k1.eu ", Some("k1.eu"), false, None),
        (
            "20250314120000pm._domainkey.flows.fernleafcoffee.com",
            Some("20250314120000pm"),
            true,
            Some("20250314120000pm"),
        ),
        (
            "20250314120000PM._DOMAINKEY.FLOWS.FERNLEAFCOFFEE.COM",
            Some("20250314120000pm"),
            true,
            Some("20250314120000pm"),
        ),
        (
            "20250314120000pm._domainkey",
            Some("20250314120000pm"),
            true,
            Some("20250314120000pm"),
        ),
        // A record name pasted without ._domainkey.
        (
            "k2.flows.fernleafcoffee.com",
            Some("k2.flows.fernleafcoffee.com"),
            true,
            Some("k2"),
        ),
        ("bad selector!", None, true, None),
        ("_domainkey", None, true, None),
        ("", None, false, None),
    ];
    for (text, read, wrong, fixed) in cases {
        assert_eq!(selector_of(text).as_deref(), read, "{text}");
        let mut plan = sample_plan();
        plan.lanes[1].dkim_selector = text.into();
        let found = validate(&plan);
        let found: Vec<_> = found
            .iter()
            .filter(|d| d.code == "lane.dkim_selector")
            .collect();
        assert_eq!(found.len(), usize::from(wrong), "{text}");
        let fix = found.first().and_then(|d| d.fix.clone());
        assert_eq!(
            fix.as_ref().map(|f| f.label.clone()),
            fixed.map(|s| format!("Use the selector {s}")),
            "{text}"
        );
        if let Some(fix) = fix {
            edit_plan(&mut plan, Edit::Many(fix.edits));
            assert!(!validate(&plan)
                .iter()
                .any(|d| d.code == "lane.dkim_selector"));
        }
        // The records never carry a name DNS refuses.
        let d = switchyard::dns::plan::lane_domains(&plan.lanes[1]).unwrap();
        assert!(
            selector_of(&d.dkim_selector).is_some(),
            "{text}: {}",
            d.dkim_selector
        );
    }
}

/// A dedicated pool's count and its listed addresses agree, or a warning
/// offers the count the list gives.
#[test]
fn a_dedicated_ip_count_follows_the_listed_addresses() {
    for (count, listed, warned) in [
        (2u32, 5usize, true),
        (5, 2, true),
        (2, 2, false),
        (3, 0, false),
    ] {
        let mut plan = sample_plan();
        let lane = plan
            .lanes
            .iter_mut()
            .find(|l| l.id == "promotional")
            .unwrap();
        lane.ip_strategy = IpStrategy::Dedicated { count };
        lane.ip_addresses = (0..listed)
            .map(|i| format!("203.0.113.{}", 10 + i))
            .collect();
        let found: Vec<_> = validate(&plan)
            .into_iter()
            .filter(|d| d.code == "lane.ip_count_differs")
            .collect();
        assert_eq!(found.len(), usize::from(warned), "{count} {listed}");
        if let Some(d) = found.first() {
            assert_eq!(d.severity, Severity::Warning);
            let fix = d.fix.clone().unwrap();
            switchyard::plan::edit::edit_plan(
                &mut plan,
                switchyard::plan::edit::Edit::Many(fix.edits),
            );
            assert!(!validate(&plan)
                .iter()
                .any(|d| d.code == "lane.ip_count_differs"));
            let lane = plan.lanes.iter().find(|l| l.id == "promotional").unwrap();
            assert_eq!(
                lane.ip_strategy,
                IpStrategy::Dedicated {
                    count: listed as u32
                }
            );
        }
    }
}

/// An address listed twice is one IP: a warning whose fix keeps the first,
/// one term in SPF, and one in the pool's count. A private or local
/// address is no sender receivers see.
#[test]
fn repeated_and_private_ip_addresses_are_named() {
    use switchyard::dns::plan::planned_records;
    use switchyard::dns::RecordData;
    // (addresses, codes at the addresses, the SPF record's IP terms)
    let cases: [(&[&str], &[&str], &str); 4] = [
        (
            &["203.0.113.10", "203.0.113.10"],
            &["lane.ip_repeated"],
            "ip4:203.0.113.10",
        ),
        (
            &["203.0.113.10", " 203.0.113.10", "203.0.113.11"],
            &["lane.ip_repeated"],
            "ip4:203.0.113.10 ip4:203.0.113.11",
        ),
        (
            &["10.0.0.5", "203.0.113.10"],
            &["lane.ip_private"],
            "ip4:10.0.0.5 ip4:203.0.113.10",
        ),
        (
            &["fd00::1", "127.0.0.1"],
            &["lane.ip_private", "lane.ip_private"],
            "ip4:127.0.0.1 ip6:fd00::1",
        ),
    ];
    for (addresses, codes, terms) in cases {
        let mut plan = sample_plan();
        let lane = (plan.lanes.iter_mut())
            .find(|l| l.id == "promotional")
            .unwrap();
        lane.ip_addresses = addresses.iter().map(|a| a.to_string()).collect();
        let count = lane.ip_addresses.len() as u32;
        lane.ip_strategy = IpStrategy::Dedicated { count };
        let found: Vec<_> = (validate(&plan).into_iter())
            .filter(|d| d.path.contains(".ip_addresses["))
            .collect();
        let found_codes: Vec<&str> = found.iter().map(|d| d.code.as_ref()).collect();
        assert_eq!(found_codes, codes, "{addresses:?}");
        let spf = (planned_records(&plan).into_iter())
            .filter(|r| r.name == "bounce.mail.fernleafcoffee.com")
            .find_map(|r| match r.data {
                RecordData::Txt(t) => Some(String::from_utf8(t.concat()).unwrap()),
                _ => None,
            })
            .unwrap();
        // SPF names the addresses in the order listed, IPv4 or IPv6.
        let mut named: Vec<&str> = spf.split(' ').filter(|t| t.starts_with("ip")).collect();
        named.sort_unstable();
        assert_eq!(named.join(" "), terms, "{spf}");
        let Some(d) = found.iter().find(|d| d.code == "lane.ip_repeated") else {
            continue;
        };
        // The pool's count follows the distinct addresses.
        let differs = validate(&plan)
            .iter()
            .any(|d| d.code == "lane.ip_count_differs");
        assert!(differs, "{addresses:?}");
        let fix = d.fix.clone().unwrap();
        switchyard::plan::edit::edit_plan(&mut plan, switchyard::plan::edit::Edit::Many(fix.edits));
        assert!(!validate(&plan).iter().any(|d| d.code == "lane.ip_repeated"));
        let lane = plan.lanes.iter().find(|l| l.id == "promotional").unwrap();
        assert_eq!(lane.ip_addresses.len(), named.len(), "{addresses:?}");
    }
}

#[test]
fn a_port_and_security_that_disagree_are_fixed_by_the_ports_security() {
    // Customer.io refuses 465, so there the fix is the port it takes, with
    // STARTTLS, as its own port finding asks.
    for (platform, label, smtp) in [
        (
            Platform::OwnCode,
            "Use Implicit TLS",
            (465, Security::ImplicitTls),
        ),
        (
            Platform::CustomerIo,
            "Use port 2525 with STARTTLS",
            (2525, Security::Starttls),
        ),
    ] {
        let mut plan = sample_plan();
        plan.platform.kind = platform;
        plan.lanes[1].smtp.port = 465;
        let fix = (validate(&plan).into_iter())
            .find(|d| d.code == "smtp.security_mismatch")
            .and_then(|d| d.fix)
            .expect("a fix");
        assert_eq!(fix.label, label);
        switchyard::plan::edit::edit_plan(&mut plan, switchyard::plan::edit::Edit::Many(fix.edits));
        assert!(!validate(&plan)
            .iter()
            .any(|d| d.code == "smtp.security_mismatch"));
        let lane = &plan.lanes[1].smtp;
        assert_eq!((lane.port, lane.security), smtp, "{label}");
    }
}

#[test]
fn a_lane_without_a_from_name_is_offered_the_brands() {
    // (brand name, the fix's label, if any)
    for (brand, label) in [
        ("Fernleaf Coffee", Some("Use “Fernleaf Coffee”")),
        ("  ", None),
    ] {
        let mut plan = sample_plan();
        plan.brand.name = brand.into();
        plan.lanes[1].from_name = " ".into();
        let found = validate(&plan);
        let finding = (found.iter())
            .find(|d| d.code == "lane.from_name_empty")
            .expect("the empty From name is found");
        assert_eq!(finding.path, "$.lanes[1].from_name");
        assert_eq!(
            finding.fix.as_ref().map(|f| f.label.as_str()),
            label,
            "{brand:?}"
        );
        if let Some(fix) = &finding.fix {
            switchyard::plan::edit::edit_plan(
                &mut plan,
                switchyard::plan::edit::Edit::Many(fix.edits.clone()),
            );
            assert_eq!(plan.lanes[1].from_name, "Fernleaf Coffee");
            assert!(!validate(&plan)
                .iter()
                .any(|d| d.code == "lane.from_name_empty"));
        }
    }
}

/// Every kind of trigger that names what the platform sends says so when
/// that name is empty, at the field that names it.
#[test]
fn a_trigger_without_its_name_is_warned_about_at_its_field() {
    use switchyard::plan::model::Trigger;
    let cases = [
        (
            Trigger::starting(TriggerKind::Event),
            "journey.event_name",
            "trigger.event_name",
        ),
        (
            Trigger::starting(TriggerKind::SegmentEntry),
            "journey.segment",
            "trigger.segment",
        ),
        (
            Trigger::starting(TriggerKind::ApiBroadcast),
            "journey.broadcast",
            "trigger.broadcast",
        ),
        (
            Trigger::starting(TriggerKind::TransactionalApi),
            "journey.message",
            "trigger.message",
        ),
    ];
    for (trigger, code, field) in cases {
        let mut plan = switchyard::plan::sample::sample_plan();
        plan.journeys[0].trigger = trigger;
        let found = switchyard::plan::validate::validate(&plan);
        let d = found
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("{code}: {found:#?}"));
        assert_eq!(d.path, format!("$.journeys[0].{field}"), "{code}");
        assert!(!d.hint.is_empty(), "{code}");
    }
}
