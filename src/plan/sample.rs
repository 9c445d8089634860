//! The sample plan shown on first open: a D2C coffee brand with the three
//! lanes most teams start from, and the journeys such a brand runs.

use crate::plan::model::*;

pub fn sample_plan() -> Plan {
    let mut lanes = vec![
        lane(
            "transactional",
            "Transactional",
            Purpose::Transactional,
            "Customer experience",
            Provider::Postmark,
            "receipts",
            "orders",
            IpStrategy::Shared,
            "",
            LaneStatus::Warm,
            EngagementFilter::None,
        ),
        lane(
            "revenue-flows",
            "Revenue flows",
            Purpose::RevenueFlows,
            "Lifecycle marketing",
            Provider::SendGrid,
            "flows",
            "hello",
            IpStrategy::Dedicated { count: 1 },
            "198.51.100",
            LaneStatus::Warm,
            EngagementFilter::None,
        ),
        lane(
            "promotional",
            "Promotional",
            Purpose::Promotional,
            "Brand marketing",
            Provider::AmazonSes,
            "mail",
            "news",
            IpStrategy::Dedicated { count: 2 },
            "203.0.113",
            LaneStatus::Warming,
            EngagementFilter::EngagedWithin { days: 90 },
        ),
    ];
    // Customer.io asks for a port other than 25, 465 and 587; each provider
    // also listens on 2525 (SES on 2587).
    for (lane, port) in lanes.iter_mut().zip([2525, 2525, 2587]) {
        lane.smtp.port = port;
    }
    // Promotions warm up their new SES IPs in time for Black Friday, on
    // weekdays only; the most engaged get the mail, the rest is not sent.
    lanes[2].warmup = Some(WarmupPlan {
        preset: WarmupPreset::BrazeModerate,
        start_date: "2027-09-06".to_string(),
        sending_weekdays: vec![1, 2, 3, 4, 5],
        skipped_dates: vec!["2027-10-11".to_string()],
        target_volume: 60_000,
        target_date: "2027-11-26".to_string(),
        overflow: Overflow::Suppress,
        ..WarmupPlan::default()
    });
    let event = |name: &str, latency: u32, delay: u32| Trigger::Event {
        event_name: name.to_string(),
        latency_minutes: latency,
        delay_minutes: delay,
    };
    let segment = |name: &str| Trigger::SegmentEntry {
        segment: name.to_string(),
    };
    // Receipts, shipping updates and login codes go out through Customer.io's
    // transactional API, which its "All Emails" server carries.
    let transactional = |message: &str| Trigger::TransactionalApi {
        message: message.to_string(),
    };
    let journeys = vec![
        journey(
            "order-confirmation",
            "Order confirmation",
            Intent::OrderConfirmation,
            transactional("order_confirmation"),
            1_800,
            0.0,
            Audience::All,
            "Customer experience",
        ),
        journey(
            "shipping-updates",
            "Shipping updates",
            Intent::ShippingUpdate,
            transactional("shipping_update"),
            2_100,
            0.0,
            Audience::All,
            "Customer experience",
        ),
        journey(
            "login-code",
            "Login code",
            Intent::PasswordReset,
            transactional("login_code"),
            350,
            0.0,
            Audience::All,
            "Product",
        ),
        journey(
            "cart-recovery",
            "Cart recovery",
            Intent::CartAbandonment,
            event("Added to Cart", 2, 60),
            2_400,
            1.85,
            Audience::All,
            "Lifecycle",
        ),
        journey(
            "checkout-recovery",
            "Checkout recovery",
            Intent::CheckoutAbandonment,
            event("Checkout Started", 2, 30),
            900,
            3.10,
            Audience::All,
            "Lifecycle",
        ),
        journey(
            "browse-abandonment",
            "Browse abandonment",
            Intent::BrowseAbandonment,
            event("Product Viewed", 5, 120),
            3_200,
            0.42,
            Audience::Engaged90,
            "Lifecycle",
        ),
        journey(
            "post-purchase",
            "Post-purchase brew guide",
            Intent::PostPurchase,
            event("Order Completed", 1, 4_320),
            1_500,
            0.95,
            Audience::All,
            "Lifecycle",
        ),
        journey(
            "replenishment",
            "Replenishment reminder",
            Intent::Replenishment,
            segment("Bag running low (day 21)"),
            1_100,
            2.40,
            Audience::Engaged90,
            "Lifecycle",
        ),
        journey(
            "winback",
            "Winback after 90 days",
            Intent::Winback,
            segment("No order in 90 days"),
            1_300,
            0.60,
            Audience::All,
            "Lifecycle",
        ),
        journey(
            "welcome",
            "Welcome series",
            Intent::Welcome,
            event("Newsletter Subscribed", 1, 0),
            600,
            1.20,
            Audience::Engaged30,
            "Lifecycle",
        ),
        journey(
            "weekly-promo",
            "Weekly promotion",
            Intent::PromotionalBroadcast,
            Trigger::Scheduled {
                cadence: Cadence::Weekly,
                send_day: None,
                send_date: None,
            },
            18_000,
            0.08,
            Audience::Engaged90,
            "Brand",
        ),
        journey(
            "newsletter",
            "Roaster's newsletter",
            Intent::Newsletter,
            Trigger::Scheduled {
                cadence: Cadence::Fortnightly,
                send_day: None,
                send_date: None,
            },
            9_000,
            0.05,
            Audience::Engaged60,
            "Brand",
        ),
    ];
    let rules = vec![
        rule(
            "rule-transactional",
            "Receipts, shipping and login codes",
            &[
                Intent::OrderConfirmation,
                Intent::ShippingUpdate,
                Intent::PasswordReset,
            ],
            &[],
            "transactional",
        ),
        rule(
            "rule-recovery",
            "Cart and checkout recovery",
            &[Intent::CartAbandonment, Intent::CheckoutAbandonment],
            &[],
            "revenue-flows",
        ),
        rule(
            "rule-lifecycle",
            "Lifecycle revenue flows",
            &[
                Intent::BrowseAbandonment,
                Intent::PostPurchase,
                Intent::Replenishment,
                Intent::Winback,
                Intent::Welcome,
            ],
            &[],
            "revenue-flows",
        ),
        rule(
            "rule-broadcasts",
            "Scheduled broadcasts",
            &[],
            &[TriggerKind::Scheduled],
            "promotional",
        ),
    ];
    Plan {
        schema_version: SCHEMA_VERSION,
        id: "sample-fernleaf".to_string(),
        brand: Brand {
            name: "Fernleaf Coffee".to_string(),
            primary_domain: "fernleafcoffee.com".to_string(),
        },
        lanes,
        journeys,
        rules,
        default_lane: Some("promotional".to_string()),
        notes: "Sample plan: receipts stay on Postmark, money flows on their own SendGrid IP, promotions warm up on SES with a 90-day engagement filter.".to_string(),
        dmarc: DmarcPlan {
            rua: "dmarc-reports@fernleafcoffee.com".to_string(),
            goal: DmarcPolicy::Reject,
            np: None,
            strict_dkim: false,
            strict_spf: false,
            rollout_start: "2027-01-04".to_string(),
            first_stage: None,
            weeks_per_stage: 4,
            not_ours: Vec::new(),
        },
        // What the brand already publishes for its staff mailboxes.
        existing_records: concat!(
            "$ORIGIN fernleafcoffee.com.\n",
            "@        IN MX  1 smtp.google.com.\n",
            "@        IN TXT \"v=spf1 include:_spf.google.com ~all\"\n",
            "google._domainkey IN TXT \"v=DKIM1; k=rsa; p=\"\n",
        )
        .to_string(),
        extras: ExtraRecords {
            mta_sts: MtaStsMode::Testing,
            tls_rpt_rua: "tls-reports@fernleafcoffee.com".to_string(),
            bimi_logo: String::new(),
            bimi_certificate: String::new(),
        },
        // If promotions go bad, pause them before they drag the domain.
        simulation: SimulationPlan {
            fallbacks: vec![FallbackPlan {
                lane: "promotional".to_string(),
                action: FallbackAction::PausePromotions,
                shift_lane: None,
            }],
            ..SimulationPlan::default()
        },
        checklist: sample_checklist(),
        preferences: Preferences {
            topics: vec![
                topic("promotions", "Offers and new roasts", TopicKind::Promotional, &["promotional"]),
                topic("reminders", "Reminders and refills", TopicKind::Lifecycle, &["revenue-flows"]),
                topic(
                    "all-marketing",
                    "All marketing email",
                    TopicKind::AllMarketing,
                    &["revenue-flows", "promotional"],
                ),
            ],
            one_click_lanes: vec!["revenue-flows".to_string(), "promotional".to_string()],
            processing_days: 2,
        },
        monitoring: Monitoring {
            thresholds: vec![
                // Receipts draw almost no complaints; a few mean something broke.
                Thresholds {
                    complaint_watch_percent: 0.05,
                    complaint_act_percent: 0.1,
                    ..Thresholds::reference("transactional")
                },
                Thresholds::reference("revenue-flows"),
                Thresholds::reference("promotional"),
            ],
            // How each provider's exports name the lanes.
            mapping: vec![
                mapping(KeyKind::PostmarkStream, "outbound", "transactional"),
                mapping(KeyKind::SendgridPool, "flows", "revenue-flows"),
                mapping(KeyKind::SesConfigurationSet, "fernleaf-promotions", "promotional"),
            ],
            postmaster: Vec::new(),
        },
        platform: PlatformPlan {
            kind: Platform::CustomerIo,
            all_emails_lane: Some("transactional".to_string()),
        },
        migrations: Vec::new(),
        peak_window: None,
    }
}

/// Where a team a few weeks into the project stands: the warm lanes set up
/// and tested, the promotional lane still being built.
fn sample_checklist() -> Checklist {
    let item =
        |item: Item, lane: &str, status: Option<ItemStatus>, owner: &str, notes: &str| ItemState {
            item,
            lane: lane.to_string(),
            status,
            owner: owner.to_string(),
            due: String::new(),
            notes: notes.to_string(),
        };
    let done = Some(ItemStatus::Done);
    let mut items = vec![
        item(
            Item::SmtpServers,
            "transactional",
            done,
            "Customer experience",
            "Postmark server token in Customer.io.",
        ),
        item(
            Item::SmtpServers,
            "revenue-flows",
            done,
            "Lifecycle marketing",
            "",
        ),
        item(
            Item::SmtpServers,
            "promotional",
            Some(ItemStatus::InProgress),
            "Brand marketing",
            "Waiting for the SES production access request.",
        ),
        item(
            Item::Authenticate,
            "transactional",
            done,
            "IT",
            "Verified in Postmark.",
        ),
        item(
            Item::Authenticate,
            "revenue-flows",
            done,
            "IT",
            "Verified in SendGrid.",
        ),
    ];
    for lane in ["transactional", "revenue-flows"] {
        items.push(item(
            Item::WeeklyReview,
            lane,
            Some(ItemStatus::InProgress),
            "Lifecycle marketing",
            "Monday deliverability review; the dashboard is being built.",
        ));
    }
    for lane in ["transactional", "revenue-flows"] {
        for qa in [
            Item::QaFromIdentity,
            Item::QaReplyHandling,
            Item::QaUnsubscribe,
        ] {
            items.push(item(qa, lane, done, "", ""));
        }
    }
    items.push(item(
        Item::QaTrackingDomain,
        "transactional",
        done,
        "",
        "No link tracking on receipts.",
    ));
    let seed = |lane: &str, date: &str, gmail, yahoo, outlook| SeedTest {
        id: format!("seed-{lane}-{date}"),
        lane: lane.to_string(),
        date: date.to_string(),
        gmail,
        yahoo,
        outlook,
    };
    Checklist {
        items,
        seeds: vec![
            seed(
                "transactional",
                "2026-11-16",
                Placement::Inbox,
                Placement::Inbox,
                Placement::Inbox,
            ),
            seed(
                "revenue-flows",
                "2026-11-16",
                Placement::Inbox,
                Placement::Inbox,
                Placement::Spam,
            ),
            seed(
                "revenue-flows",
                "2026-11-23",
                Placement::Tab,
                Placement::Inbox,
                Placement::Inbox,
            ),
        ],
        migrating_esp: false,
    }
}

fn mapping(kind: KeyKind, key: &str, lane: &str) -> KeyMapping {
    KeyMapping {
        kind,
        key: key.to_string(),
        lane: lane.to_string(),
    }
}

fn topic(id: &str, name: &str, kind: TopicKind, lanes: &[&str]) -> Topic {
    Topic {
        id: id.to_string(),
        name: name.to_string(),
        kind,
        suppresses: lanes.iter().map(|l| l.to_string()).collect(),
    }
}

#[allow(clippy::too_many_arguments)]
fn lane(
    id: &str,
    name: &str,
    purpose: Purpose,
    owner: &str,
    provider: Provider,
    sub: &str,
    mailbox: &str,
    ip_strategy: IpStrategy,
    address_block: &str,
    status: LaneStatus,
    engagement_filter: EngagementFilter,
) -> Lane {
    let domain = format!("{sub}.fernleafcoffee.com");
    Lane {
        id: id.to_string(),
        name: name.to_string(),
        purpose,
        owner: owner.to_string(),
        smtp: Smtp::from_preset(provider),
        from_name: "Fernleaf Coffee".to_string(),
        from_address: format!("{mailbox}@{domain}"),
        reply_to: "care@fernleafcoffee.com".to_string(),
        return_path_domain: format!("bounce.{domain}"),
        tracking_domain: if purpose == Purpose::Transactional {
            String::new()
        } else {
            format!("links.{domain}")
        },
        sending_domain: domain,
        // Documentation addresses (RFC 5737) stand in for the lane's own.
        ip_addresses: match ip_strategy {
            IpStrategy::Shared => Vec::new(),
            IpStrategy::Dedicated { count } => (0..count)
                .map(|i| format!("{}.{}", address_block, 10 + i))
                .collect(),
        },
        ip_strategy,
        status,
        engagement_filter,
        dkim_selector: String::new(),
        dkim_domain: String::new(),
        warmup: None,
        colour: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn journey(
    id: &str,
    name: &str,
    intent: Intent,
    trigger: Trigger,
    daily_volume: u32,
    revenue_per_recipient: f64,
    audience: Audience,
    owning_team: &str,
) -> Journey {
    Journey {
        id: id.to_string(),
        name: name.to_string(),
        intent,
        trigger,
        daily_volume,
        revenue_per_recipient,
        audience,
        owning_team: owning_team.to_string(),
        tags: Vec::new(),
        lane_override: None,
    }
}

fn rule(id: &str, name: &str, intents: &[Intent], triggers: &[TriggerKind], lane: &str) -> Rule {
    Rule {
        id: id.to_string(),
        name: name.to_string(),
        enabled: true,
        when: Conditions {
            intents: intents.to_vec(),
            trigger_kinds: triggers.to_vec(),
            ..Conditions::default()
        },
        lane: lane.to_string(),
    }
}

/// The sample scaled to `lanes` lanes, each with a copy of the sample's
/// journeys routed to it by override, and a warm-up on every other lane:
/// the plan the simulator's benchmarks run.
pub fn scaled_sample(lanes: usize) -> Plan {
    let base = sample_plan();
    let mut plan = base.clone();
    plan.lanes.clear();
    plan.journeys.clear();
    for i in 0..lanes {
        let mut lane = base.lanes[i % base.lanes.len()].clone();
        lane.id = format!("{}-{i}", lane.id);
        lane.name = format!("{} {i}", lane.name);
        if i % 2 == 1 {
            lane.warmup = base.lanes[2].warmup.clone();
        }
        for journey in &base.journeys {
            let mut j = journey.clone();
            j.id = format!("{}-{i}", j.id);
            j.lane_override = Some(lane.id.clone());
            plan.journeys.push(j);
        }
        plan.lanes.push(lane);
    }
    plan.default_lane = plan.lanes.first().map(|l| l.id.clone());
    plan.simulation.fallbacks.clear();
    plan
}

pub const SCALE_LANES: usize = 8;
pub const SCALE_JOURNEYS: usize = 500;
pub const SCALE_RULES: usize = 100;

/// A deterministic generator, so generated plans are the same on every run.
pub struct Lcg(pub u64);

impl Lcg {
    /// The next number below `below`.
    pub fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// A copy of `base` as lane number `n`, on a sending domain of its own.
fn extra_lane(base: &Lane, n: usize) -> Lane {
    let mut lane = base.clone();
    lane.id = format!("{}-{n}", base.id);
    lane.name = format!("{} {n}", base.name);
    // "receipts.fernleafcoffee.com" becomes "receipts3.fernleafcoffee.com".
    let (sub, parent) = base
        .sending_domain
        .split_once('.')
        .expect("the sample's lanes have sending domains");
    let domain = format!("{sub}{n}.{parent}");
    let mailbox = base
        .from_address
        .split('@')
        .next()
        .unwrap_or("hello")
        .to_string();
    lane.from_address = format!("{mailbox}@{domain}");
    lane.return_path_domain = format!("bounce.{domain}");
    if !base.tracking_domain.is_empty() {
        lane.tracking_domain = format!("links.{domain}");
    }
    lane.sending_domain = domain;
    // Documentation addresses (RFC 5737), moved up so no two lanes share one.
    lane.ip_addresses = base
        .ip_addresses
        .iter()
        .map(|ip| {
            let (block, last) = ip.rsplit_once('.').expect("dotted IPv4 address");
            let last: usize = last.parse().expect("numeric octet");
            format!("{block}.{}", last + 10 * n)
        })
        .collect();
    lane
}

/// The plan the benchmarks work at scale: the sample brand grown to 8
/// lanes, 500 journeys and 100 rules. It keeps the sample's three lanes (so
/// its checklist, preferences, monitoring and fallbacks still refer to lanes
/// that exist) and adds five more with domains of their own; most rules are
/// narrow and come before the sample's broad ones, so every journey is
/// tested against many of them. The same plan on every call.
pub fn scale_plan() -> Plan {
    let mut rng = Lcg(7);
    let base = sample_plan();
    let mut plan = base.clone();
    plan.id = "scale-fernleaf".to_string();
    plan.brand.name = "Fernleaf Coffee at scale".to_string();
    plan.notes = format!(
        "Benchmark plan: the sample grown to {SCALE_LANES} lanes, {SCALE_JOURNEYS} journeys and {SCALE_RULES} rules."
    );

    for n in base.lanes.len()..SCALE_LANES {
        let lane = extra_lane(&base.lanes[n % base.lanes.len()], n);
        plan.monitoring
            .thresholds
            .push(Thresholds::reference(&lane.id));
        plan.lanes.push(lane);
    }
    let lanes_where = |keep: fn(Purpose) -> bool| -> Vec<String> {
        plan.lanes
            .iter()
            .filter(|l| keep(l.purpose))
            .map(|l| l.id.clone())
            .collect()
    };
    let transactional = lanes_where(|p| p == Purpose::Transactional);
    let revenue = lanes_where(|p| p == Purpose::RevenueFlows);
    let promotional = lanes_where(|p| p == Purpose::Promotional);
    assert!(!transactional.is_empty() && !revenue.is_empty() && !promotional.is_empty());
    let lane_for = |intent: Intent, rng: &mut Lcg| -> String {
        let pool = if intent.is_transactional() {
            &transactional
        } else if intent.is_broadcast() || intent == Intent::VipOffer {
            &promotional
        } else {
            &revenue
        };
        pool[rng.next(pool.len() as u64) as usize].clone()
    };

    let tags: Vec<String> = (0..40).map(|i| format!("tag-{i}")).collect();
    let markets = [
        "US",
        "UK",
        "EU",
        "CA",
        "AU",
        "JP",
        "Wholesale",
        "Subscriptions",
    ];
    plan.journeys = (0..SCALE_JOURNEYS)
        .map(|k| {
            let template = &base.journeys[k % base.journeys.len()];
            let copy = k / base.journeys.len() + 1;
            let mut journey = template.clone();
            journey.id = format!("{}-{copy}", template.id);
            journey.name = format!(
                "{} · {} {copy}",
                template.name,
                markets[copy % markets.len()]
            );
            // 25% to 100% of the sample's volume, so the total stays plausible.
            journey.daily_volume =
                (u64::from(template.daily_volume) * (25 + rng.next(76)) / 100) as u32;
            journey.audience = Audience::ALL[rng.next(4) as usize];
            journey.tags = (0..rng.next(4))
                .map(|_| tags[rng.next(40) as usize].clone())
                .collect();
            journey.tags.sort();
            journey.tags.dedup();
            // A few journeys are placed by hand.
            if k % 25 == 24 {
                journey.lane_override = Some(lane_for(journey.intent, &mut rng));
            }
            journey
        })
        .collect();

    // Narrow rules first, then the sample's broad ones as the catch-alls.
    let broad = base.rules.clone();
    let narrow = SCALE_RULES - broad.len();
    plan.rules = (0..narrow)
        .map(|i| {
            let intent = Intent::ALL[rng.next(14) as usize];
            Rule {
                id: format!("rule-narrow-{i}"),
                name: format!("{} ({})", intent.label(), i + 1),
                enabled: i % 17 != 16,
                when: Conditions {
                    intents: vec![intent],
                    audiences: vec![Audience::ALL[rng.next(4) as usize]],
                    min_revenue_per_recipient: if intent.is_transactional() {
                        None
                    } else {
                        Some(rng.next(300) as f64 / 100.0)
                    },
                    tags: if i % 3 == 0 {
                        vec![tags[rng.next(40) as usize].clone()]
                    } else {
                        vec![]
                    },
                    ..Conditions::default()
                },
                lane: lane_for(intent, &mut rng),
            }
        })
        .chain(broad)
        .collect();
    plan
}
