//! Findings' JSON paths in the words the pages use.

use switchyard::plan::model::LaneStatus;
use switchyard::plan::path_words::in_words;
use switchyard::plan::sample::sample_plan;

#[test]
fn paths_read_as_the_pages_name_things() {
    let plan = sample_plan();
    // (path, in words with the sample plan, in words without a plan)
    let cases = [
        ("$", "The plan as a whole", "The plan as a whole"),
        (
            "$.lanes[0].name",
            "Lane “Transactional” › name",
            "Lane 1 › name",
        ),
        (
            "$.lanes[2].smtp.host",
            "Lane “Promotional” › SMTP › host",
            "Lane 3 › SMTP › host",
        ),
        (
            "$.lanes[2].warmup.sending_weekdays[1]",
            "Lane “Promotional” › warm-up › sending days while warming › item 2",
            "Lane 3 › warm-up › sending days while warming › item 2",
        ),
        // The optional records, as the brand's section labels them.
        (
            "$.extras.mta_sts",
            "Optional DNS records › MTA-STS (inbound TLS)",
            "Optional DNS records › MTA-STS (inbound TLS)",
        ),
        (
            "$.journeys[1].trigger.event_name",
            "Journey “Shipping updates” › trigger › event name",
            "Journey 2 › trigger › event name",
        ),
        // The editor's Lane field, override or not.
        (
            "$.journeys[1].lane_override",
            "Journey “Shipping updates” › lane",
            "Journey 2 › lane",
        ),
        (
            "$.rules[0]",
            "Rule “Receipts, shipping and login codes”",
            "Rule 1",
        ),
        // An item the plan does not have is named by number.
        (
            "$.migrations[4].start_date",
            "Migration 5 › first day",
            "Migration 5 › first day",
        ),
        (
            "$.monitoring.thresholds[1].complaint_act_percent",
            "Checklist › monitoring thresholds › Lane “Revenue flows” › complaints: act at %",
            "Checklist › monitoring thresholds › item 2 › complaints: act at %",
        ),
        // A row of thresholds the plan does not have is named by number.
        (
            "$.monitoring.thresholds[7].bounce_act_percent",
            "Checklist › monitoring thresholds › item 8 › bounces: act at %",
            "Checklist › monitoring thresholds › item 8 › bounces: act at %",
        ),
        // A warm-up's fields, as its card labels them.
        (
            "$.lanes[2].warmup.target_date",
            "Lane “Promotional” › warm-up › peak date",
            "Lane 3 › warm-up › peak date",
        ),
        (
            "$.lanes[2].warmup.spill_lane",
            "Lane “Promotional” › warm-up › spill into",
            "Lane 3 › warm-up › spill into",
        ),
        // A fallback plan is its lane's row, whatever its place in the file.
        (
            "$.simulation.fallbacks[0].shift_lane",
            "Simulation › fallback plans › Lane “Promotional” › shift to",
            "Simulation › fallback plans › item 1 › shift to",
        ),
        (
            "$.simulation.fallbacks[0]",
            "Simulation › fallback plans › Lane “Promotional”",
            "Simulation › fallback plans › item 1",
        ),
        // A lane's addresses and domains, as the card labels them.
        (
            "$.lanes[2].return_path_domain",
            "Lane “Promotional” › Return-Path domain",
            "Lane 3 › Return-Path domain",
        ),
        (
            "$.lanes[0].from_address",
            "Lane “Transactional” › From address",
            "Lane 1 › From address",
        ),
        (
            "$.lanes[0].reply_to",
            "Lane “Transactional” › Reply-To",
            "Lane 1 › Reply-To",
        ),
        (
            "$.lanes[1].dkim_selector",
            "Lane “Revenue flows” › DKIM selector",
            "Lane 2 › DKIM selector",
        ),
        (
            "$.preferences.topics[0].suppresses",
            "Preferences › topic “Offers and new roasts” › suppresses",
            "Preferences › topic 1 › suppresses",
        ),
        (
            "$.preferences.topics[9].name",
            "Preferences › topic 10 › name",
            "Preferences › topic 10 › name",
        ),
        // A seed test, as the checklist names its row: the second test of
        // a lane is that lane's test 2, whatever its place in the file.
        (
            "$.checklist.seeds[2]",
            "Checklist › seed-list tests › Revenue flows seed test 2",
            "Checklist › seed-list tests › item 3",
        ),
        (
            "$.checklist.seeds[0].date",
            "Checklist › seed-list tests › Transactional seed test 1 › date",
            "Checklist › seed-list tests › item 1 › date",
        ),
        // A test the plan does not have is named by number.
        (
            "$.checklist.seeds[9].date",
            "Checklist › seed-list tests › item 10 › date",
            "Checklist › seed-list tests › item 10 › date",
        ),
        // A checklist item's row, by its step and its lane.
        (
            "$.checklist.items[2].notes",
            "Checklist › Create the SMTP server configuration (Promotional) › notes",
            "Checklist › items › item 3 › notes",
        ),
        (
            "$.checklist.items[99].notes",
            "Checklist › items › item 100 › notes",
            "Checklist › items › item 100 › notes",
        ),
        // A Postmaster Tools figure, by its domain and date.
        (
            "$.monitoring.postmaster[0].spam_rate_percent",
            "Monitoring › Google Postmaster Tools › figure 1 › spam rate %",
            "Monitoring › Google Postmaster Tools › figure 1 › spam rate %",
        ),
        (
            "$.monitoring.postmaster[7].domain",
            "Monitoring › Google Postmaster Tools › figure 8 › domain",
            "Monitoring › Google Postmaster Tools › figure 8 › domain",
        ),
        // A lane's DNS checks as a whole.
        (
            "lane:transactional",
            "Lane “Transactional” › DNS checks",
            "Lane transactional › DNS checks",
        ),
        ("$.brand[\"na me\"]", "Brand › na me", "Brand › na me"),
        ("$.odd_part", "Odd part", "Odd part"),
        // Not JSON paths: as they are.
        (
            "_dmarc.fernleafcoffee.com",
            "_dmarc.fernleafcoffee.com",
            "_dmarc.fernleafcoffee.com",
        ),
        ("line 3, column 7", "line 3, column 7", "line 3, column 7"),
        // A line of the pasted records, named with the box it is in.
        (
            "line 4",
            "Existing records › line 4",
            "Existing records › line 4",
        ),
        ("line x", "line x", "line x"),
        ("$.lanes[x]", "$.lanes[x]", "$.lanes[x]"),
        (
            "$.lanes[99999999999]",
            "$.lanes[99999999999]",
            "$.lanes[99999999999]",
        ),
        ("$[\"unclosed", "$[\"unclosed", "$[\"unclosed"),
    ];
    for (path, with_plan, without) in cases {
        assert_eq!(in_words(Some(&plan), path), with_plan, "{path}");
        assert_eq!(in_words(None, path), without, "{path}");
    }
}

#[test]
fn every_finding_the_pages_list_names_its_place_as_problems_does() {
    let mut plan = sample_plan();
    // A warming revenue lane without a warm-up plan, and a lane check.
    plan.lanes[1].status = LaneStatus::Warming;
    plan.lanes[2].dkim_selector = String::new();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let derived = switchyard::review::findings::findings(&plan, today, None);
    let lists = [&derived.fields, &derived.plan, &derived.all];
    let mut named = 0;
    for finding in lists.into_iter().flatten() {
        let words = in_words(Some(&plan), &finding.path);
        match finding.column {
            Some(_) => assert!(finding.place.is_empty()),
            None => {
                assert_eq!(finding.place, words, "{}", finding.code);
                named += 1;
            }
        }
    }
    assert!(named > 0);
    let missing = derived
        .all
        .iter()
        .find(|d| d.code == "warmup.missing")
        .unwrap();
    assert_eq!(missing.place, "Lane “Revenue flows” › warm-up");
}

#[test]
fn a_seed_test_is_named_by_its_lane_as_its_row_is() {
    let mut plan = sample_plan();
    // A lane without a name is named by its id, as the plan file names it.
    plan.lanes[1].name = " ".into();
    assert_eq!(
        in_words(Some(&plan), "$.checklist.seeds[1].date"),
        "Checklist › seed-list tests › revenue-flows seed test 1 › date"
    );
    // A test of a lane the plan does not have is shown under no lane, so
    // it is named by number.
    plan.checklist.seeds[0].lane = "gone".into();
    assert_eq!(
        in_words(Some(&plan), "$.checklist.seeds[0].lane"),
        "Checklist › seed-list tests › item 1 › lane"
    );
}

#[test]
fn a_postmaster_figure_is_named_by_its_domain_and_date() {
    use switchyard::plan::model::PostmasterEntry;
    let mut plan = sample_plan();
    let entry = |date: &str, domain: &str| PostmasterEntry {
        id: format!("pm-{date}"),
        date: date.into(),
        domain: domain.into(),
        spam_rate_percent: 150.0,
    };
    plan.monitoring.postmaster = vec![
        entry("2026-11-30", "fernleafcoffee.com"),
        entry("", "news.fernleafcoffee.com"),
    ];
    assert_eq!(
        in_words(Some(&plan), "$.monitoring.postmaster[0].spam_rate_percent"),
        "Monitoring › Google Postmaster Tools › fernleafcoffee.com on 2026-11-30 › spam rate %"
    );
    assert_eq!(
        in_words(Some(&plan), "$.monitoring.postmaster[1].date"),
        "Monitoring › Google Postmaster Tools › figure for news.fernleafcoffee.com › date"
    );
}
