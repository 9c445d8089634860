//! The engine worker's answer, rendered natively: the pages it draws, the
//! fields it offers and the keys the page turns into edits.
//! Run with `cargo test --features engine --test engine`.
#![cfg(feature = "engine")]

use chrono::NaiveDate;
use switchyard::answers::{DnsAnswer, DnsSummary, EngineAnswer, ReviewAnswer};
use switchyard::dns::psl::SuffixList;
use switchyard::edits::{button_edit, field_edit};
use switchyard::plan::model::Plan;
use switchyard::plan::sample::sample_plan;
use switchyard::ui::views::{render_domains, render_pages, render_review};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 2, 10).unwrap()
}

/// The list the app serves beside the engine.
fn psl() -> SuffixList {
    let text = include_str!("../static/public_suffix_list.dat");
    SuffixList::parse(text).unwrap()
}

/// The workers' answers for one plan; the review worker's with the DNS
/// worker's summary, as the page passes it on.
struct Answer {
    pages: EngineAnswer,
    dns: DnsAnswer,
    review: ReviewAnswer,
}

async fn answer(plan: &Plan) -> Answer {
    let dns = render_domains(plan, day(), 7, Some(&psl())).await;
    let summary: DnsSummary = serde_json::from_str(&dns.summary).unwrap();
    Answer {
        pages: render_pages(plan, 7, &Default::default()).await,
        review: render_review(plan, day(), 7, Some(&summary)).await,
        dns,
    }
}

fn lane_html<'a>(answer: &'a Answer, id: &str) -> &'a str {
    &answer
        .dns
        .lane_html
        .iter()
        .find(|(l, _)| l == id)
        .unwrap()
        .1
}

/// Every `name="…"` attribute value in `html`.
fn attributes(html: &str, name: &str) -> Vec<String> {
    let marker = format!("{name}=\"");
    html.split(&marker)
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

#[tokio::test]
async fn the_sample_plan_gets_every_page() {
    let plan = sample_plan();
    let a = answer(&plan).await;
    assert_eq!((a.pages.request, a.dns.request), (7, 7));
    assert!(a.pages.overview_html.contains("3 lanes · 12 journeys"));
    assert!(a.pages.lanes_html.contains("id=\"lane-promotional\""));
    assert!(a.pages.journeys_html.contains("Showing 12 of 12 journeys."));
    assert_eq!(a.dns.lane_html.len(), plan.lanes.len());
    // The brand page: the rollout in force on the day, and the zone file.
    assert!(a.dns.brand_html.contains("p=quarantine"));
    assert!(a.dns.brand_html.contains("in force today"));
    assert!(a.dns.brand_html.contains("$ORIGIN fernleafcoffee.com."));
    assert!(a
        .dns
        .brand_html
        .contains("data-download=\"fernleafcoffee.com.zone\""));
    // A lane page: records with copy buttons, the SPF verdict with its trace.
    let flows = lane_html(&a, "revenue-flows");
    assert!(flows.contains("bounce.flows.fernleafcoffee.com"));
    assert!(flows.contains("198.51.100.10: pass"));
    assert!(flows.contains("Evaluation trace for 198.51.100.10"));
    assert!(flows.contains("data-copy=\"rec-revenue-flows-0\""));
    assert!(flows.contains("id=\"rec-revenue-flows-0\""));
    assert!(flows.contains("Treated as a bulk sender"));
    // Each record belongs to its lane, for links from the problems list.
    assert!(a.dns.record_lanes.contains(&(
        "bounce.flows.fernleafcoffee.com".into(),
        "revenue-flows".into()
    )));
}

#[tokio::test]
async fn every_rendered_field_is_an_edit() {
    let plan = sample_plan();
    let a = answer(&plan).await;
    let mut keys = attributes(&a.dns.brand_html, "data-edit");
    for (_, html) in &a.dns.lane_html {
        keys.extend(attributes(html, "data-edit"));
    }
    keys.extend(attributes(&a.pages.warmup_html, "data-edit"));
    keys.extend(attributes(&a.pages.lanes_html, "data-edit"));
    keys.extend(attributes(&a.pages.rules_html, "data-edit"));
    keys.extend(attributes(&a.pages.simulation_html, "data-edit"));
    keys.extend(attributes(&a.pages.overview_html, "data-edit"));
    keys.extend(attributes(&a.review.checklist_html, "data-edit"));
    keys.extend(attributes(&a.review.preferences_html, "data-edit"));
    assert!(
        keys.len() >= 10 + 7 * plan.lanes.len() + 3 + 12 + 15 * plan.lanes.len(),
        "{keys:?}"
    );
    for key in keys {
        let value = match key.as_str() {
            k if k.starts_with("item:") && k.ends_with(":status") => "done",
            k if k.starts_with("item:") && k.ends_with(":due") => "2027-01-01",
            k if k.starts_with("seed:") && !k.ends_with(":date") => "inbox",
            k if k.starts_with("topic:") && k.ends_with(":kind") => "promotional",
            k if k.starts_with("topic:") && k.contains(":lane-") => "true",
            k if k.starts_with("one_click:")
                || k.ends_with(":check")
                || k == "checklist:migrating_esp" =>
            {
                "true"
            }
            "preferences:processing_days" => "2",
            "dmarc:goal" => "quarantine",
            "extras:mta_sts" => "enforce",
            "dmarc:weeks_per_stage" => "3",
            "dmarc:strict_dkim" | "dmarc:strict_spf" => "true",
            k if k.ends_with(":preset") => "sparkpost",
            k if k.ends_with(":purpose") => "vip",
            k if k.ends_with(":status") => "warm",
            k if k.ends_with(":provider") => "postmark",
            k if k.ends_with(":smtp.security") => "starttls",
            k if k.ends_with(":smtp.port") || k.ends_with(".count") || k.ends_with(".days") => "3",
            k if k.ends_with(":ip_strategy") => "shared",
            k if k.ends_with(":engagement_filter") => "none",
            "default_lane" => "transactional",
            k if k.starts_with("rule:") && k.ends_with(":lane") => "transactional",
            k if k.ends_with(":min") || k.ends_with(":max") => "1.5",
            k if k.contains(":intent-")
                || k.contains(":trigger-")
                || k.contains(":audience-")
                || k.ends_with(":enabled") =>
            {
                "true"
            }
            k if k.starts_with("sim:mix-") || k.ends_with("_percent") || k == "sim:days" => "50",
            "sim:promo_audience" => "engaged30",
            k if k.ends_with(":action") => "pause_promotions",
            k if k.ends_with(":shift_lane") => "",
            k if k.ends_with(":overflow") => "suppress",
            k if k.contains(":weekday-") => "false",
            k if k.ends_with("_volume") || k.contains("custom-") => "1000",
            _ => "x.example",
        };
        assert!(field_edit(&plan, &key, value).is_some(), "{key}");
    }
}

#[tokio::test]
async fn the_review_pages_show_progress_policy_and_the_report() {
    let plan = sample_plan();
    let a = answer(&plan).await;
    let r = &a.review;
    assert_eq!(r.request, 7);
    assert!(
        r.progress.0 > 0 && r.progress.0 < r.progress.1,
        "{:?}",
        r.progress
    );
    assert!(r
        .checklist_html
        .contains(&format!("{} of {} done", r.progress.0, r.progress.1)));
    assert!(r.checklist_html.contains("Inbox rate 83% (5 of 6 results)"));
    assert!(r
        .checklist_html
        .contains("data-action=\"seed-add:promotional\""));
    assert!(r
        .preferences_html
        .contains("id=\"topic-all-marketing-lane-promotional\""));
    assert!(r.preferences_html.contains("The policy has no gaps."));
    // The report carries the DNS worker's records and its own Markdown.
    assert!(r.readiness_html.contains("_dmarc.fernleafcoffee.com"));
    assert!(r.readiness_html.contains("id=\"readiness-markdown\""));
    assert!(r
        .readiness_html
        .contains("data-download=\"sample-fernleaf-readiness.md\""));
    // Every button of the review pages is an edit, a print or a download.
    for html in [&r.checklist_html, &r.preferences_html, &r.readiness_html] {
        for action in attributes(html, "data-action") {
            assert!(
                action == "print" || button_edit(&plan, &action, "", "2027-02-10").is_some(),
                "{action}"
            );
        }
    }
}

#[tokio::test]
async fn findings_carry_their_fix_to_the_page() {
    let mut plan = sample_plan();
    plan.preferences.one_click_lanes.clear();
    let a = answer(&plan).await;
    let fixes = attributes(&a.review.preferences_html, "data-fix");
    assert_eq!(fixes.len(), 2, "{fixes:?}");
    let edits: Vec<(String, String)> =
        serde_json::from_str(&fixes[0].replace("&quot;", "\"")).unwrap();
    assert_eq!(
        edits,
        [("one_click:revenue-flows".to_string(), "true".to_string())]
    );
    assert!(a
        .review
        .preferences_html
        .contains("Fix: Offer one-click unsubscribe"));
}

#[tokio::test]
async fn a_broken_spf_record_is_reported_where_it_was_pasted() {
    let mut plan = sample_plan();
    plan.existing_records
        .push_str("shop IN TXT \"v=spf1 include:a.example ptr +all\"\n");
    let a = answer(&plan).await;
    let at = a.dns.brand_html.find("id=\"existing-check\"").unwrap();
    let check = &a.dns.brand_html[at..];
    assert!(check.contains("4 records read."));
    assert!(check.contains("shop.fernleafcoffee.com"), "{check}");
    assert!(check.contains("+all"));
    assert!(
        check.contains("shop.fernleafcoffee.com, character 30"),
        "{check}"
    );
    assert!(a
        .dns
        .findings
        .iter()
        .any(|d| d.path == "shop.fernleafcoffee.com"
            && d.severity == switchyard::diagnostic::Severity::Error));
}

#[tokio::test]
async fn user_text_is_escaped() {
    let mut plan = sample_plan();
    plan.lanes[0].name = "<script>alert(1)</script>".into();
    plan.lanes[0].from_address = "\"><img src=x onerror=alert(1)>@x.example".into();
    let a = answer(&plan).await;
    for html in [
        &a.pages.overview_html,
        &a.pages.lanes_html,
        &a.pages.journeys_html,
        &a.pages.warmup_html,
        &a.dns.brand_html,
        lane_html(&a, "transactional"),
        &a.review.checklist_html,
        &a.review.preferences_html,
        &a.review.readiness_html,
    ] {
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }
    assert!(lane_html(&a, "transactional").contains("&lt;script&gt;"));
}

#[tokio::test]
async fn a_lane_without_a_domain_still_gets_its_form() {
    let mut plan = sample_plan();
    plan.lanes[1].sending_domain.clear();
    let a = answer(&plan).await;
    let html = lane_html(&a, "revenue-flows");
    assert!(html.contains("data-edit=\"lane:revenue-flows:sending_domain\""));
    assert!(html.contains("Give the lane a valid sending domain"));
}

#[tokio::test]
async fn alignment_is_compared_with_the_public_suffix_list() {
    let plan = sample_plan();
    let a = answer(&plan).await;
    let flows = lane_html(&a, "revenue-flows");
    assert!(flows.contains("Public Suffix List (RFC 7489)"));
    assert!(!flows.contains("list not loaded"));
    // A From domain under a public suffix the zone cannot see: the tree
    // walk finds no organisation above it, the list does.
    let mut split = sample_plan();
    split.brand.primary_domain = "fernleaf.co.uk".into();
    split.lanes[1].sending_domain = "flows.fernleaf.co.uk".into();
    split.lanes[1].from_address = "hello@flows.fernleaf.co.uk".into();
    split.lanes[1].return_path_domain = "bounce.fernleaf.co.uk".into();
    split.lanes[1].dkim_domain = "fernleaf.co.uk".into();
    split.lanes[1].tracking_domain.clear();
    split.dmarc.rua.clear();
    let report = switchyard::dns::report::domains_report(&split, day(), 1, Some(&psl()));
    let lane = report
        .lanes
        .iter()
        .find(|l| l.lane_id == "revenue-flows")
        .unwrap();
    assert_eq!(
        lane.psl_orgs.as_deref(),
        Some(
            &[
                Some("fernleaf.co.uk".to_string()),
                Some("fernleaf.co.uk".to_string()),
                Some("fernleaf.co.uk".to_string())
            ][..]
        )
    );
    assert_eq!(lane.from_org, "fernleaf.co.uk");
    // Without a DMARC record to stop the walk, the tree walk treats each
    // name as its own organisation, while the list joins them.
    let mut no_dmarc = split.clone();
    no_dmarc.dmarc.goal = switchyard::plan::model::DmarcPolicy::None;
    no_dmarc.brand.primary_domain = "elsewhere.example".into();
    let report = switchyard::dns::report::domains_report(&no_dmarc, day(), 1, Some(&psl()));
    assert!(
        report
            .findings
            .iter()
            .any(|d| d.code == "align.psl_differs"),
        "{:?}",
        report.findings
    );
}

#[tokio::test]
async fn the_warmup_page_shows_the_calendar_and_its_csv() {
    let plan = sample_plan();
    let a = answer(&plan).await;
    let html = &a.pages.warmup_html;
    // The sample's promotional lane warms up on Braze moderate for Black Friday.
    assert!(html.contains("id=\"warmup-promotional\""));
    assert!(html.contains("Braze docs"));
    assert!(html.contains("60,000 a day: reached"), "{html}");
    assert!(html.contains("data-download=\"warmup-promotional.csv\""));
    assert!(html.contains("date,sending,ramp_day,daily_cap"));
    assert!(html.contains("role=\"img\""));
    // Lanes without a plan offer the schedules.
    assert!(html.contains("Choose a schedule to plan this lane's warm-up."));
    assert!(html.contains("The published schedules"));
}

#[tokio::test]
async fn choosing_a_schedule_for_a_warm_lane_plans_its_warmup() {
    let plan = sample_plan();
    let edit = field_edit(&plan, "warmup:transactional:preset", "kumo_transactional").unwrap();
    let state = switchyard::plan::state::PlannerState::with_plans(vec![(plan, 1)], None);
    let next = switchyard::plan::state::apply(&state, switchyard::plan::state::Action::Edit(edit));
    let lane = next.plan().lane("transactional").unwrap();
    assert_eq!(
        lane.warmup.as_ref().unwrap().preset,
        switchyard::plan::model::WarmupPreset::KumoTransactional
    );
    let removed = field_edit(next.plan(), "warmup:transactional:preset", "none").unwrap();
    let after =
        switchyard::plan::state::apply(&next, switchyard::plan::state::Action::Edit(removed));
    assert!(after.plan().lane("transactional").unwrap().warmup.is_none());
}

#[tokio::test]
async fn the_monitoring_page_shows_health_keys_and_files() {
    use switchyard::monitor::import::{import_bytes, Seen};
    use switchyard::monitor::Store;
    use switchyard::ui::views::render_monitor;
    let mut plan = sample_plan();
    plan.lanes[2].name = "<script>alert(1)</script>".into();
    let mut store = Store::default();
    let mut seen = Seen::default();
    for name in ["sendgrid.json", "daily.csv", "broken.ndjson"] {
        let bytes = std::fs::read(format!(
            "{}/tests/fixtures/monitoring/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        store.add(import_bytes(name, &bytes, 4096, &mut seen).unwrap());
    }
    let a = render_monitor(&plan, &store, 3).await;
    assert_eq!(a.request, 3);
    assert!(a.html.contains("id=\"health-transactional\""));
    assert!(a.html.contains("Is the clean lane staying clean?"));
    assert!(a.html.contains("Line 2: the record is not complete JSON"));
    assert!(a.html.contains("data-monitor=\"forget:"));
    assert!(!a.html.contains("<script>"));
    // Every field and button is an edit the review worker makes.
    for key in attributes(&a.html, "data-edit") {
        let value = if key.starts_with("mapping:") {
            "promotional"
        } else {
            "1"
        };
        assert!(field_edit(&plan, &key, value).is_some(), "{key}");
    }
    for action in attributes(&a.html, "data-action") {
        assert!(
            button_edit(&plan, &action, "", "2027-02-10").is_some(),
            "{action}"
        );
    }
    for fix in attributes(&a.html, "data-fix") {
        let edits: Vec<(String, String)> =
            serde_json::from_str(&fix.replace("&quot;", "\"")).unwrap();
        assert!(
            edits.iter().all(|(k, v)| field_edit(&plan, k, v).is_some()),
            "{fix}"
        );
    }
}
