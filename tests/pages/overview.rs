//! The overview: the brand's fields, the lanes side by side and the split
//! assessment.

use switchyard::plan::model::{Cadence, Migration, Plan, Trigger};
use switchyard::plan::sample::sample_plan;
use switchyard::ui::pages::overview::OverviewPage;

use super::support::{
    element, no_behaviour_attributes, no_injected_markup, props, render, selected, tag,
};
use switchyard::plan::model::enum_key;

async fn overview(plan: Plan) -> String {
    render::<OverviewPage>(props(plan)).await
}

#[tokio::test]
async fn lanes_show_side_by_side_with_volume_and_share() {
    let html = overview(sample_plan()).await;
    assert!(
        html.contains("3 lanes · 12 journeys · 42,250 messages a day"),
        "{html}"
    );
    for text in [
        "Transactional",
        "Revenue flows",
        "Promotional",
        "4,250",
        "11,000",
        "27,000",
        "63.9% of daily volume",
        "Cart recovery",
    ] {
        assert!(html.contains(text), "missing {text}");
    }
    assert!(html.contains("class=\"lane-columns\""));
    assert_eq!(html.matches("class=\"lane-column\"").count(), 3);
    assert!(html.contains("aria-label=\"Share of daily volume by lane\""));
    assert!(
        !html.contains("Unrouted"),
        "nothing is unrouted in the sample"
    );
}

#[tokio::test]
async fn a_one_off_is_told_apart_from_the_mail_of_a_day() {
    // The sample's weekly promotion of 18,000 a day, sent once instead.
    let mut plan = sample_plan();
    plan.journeys[10].trigger = Trigger::Scheduled {
        cadence: Cadence::OneOff,
        send_day: None,
        send_date: Some("2027-11-18".into()),
    };
    let html = overview(plan).await;
    assert!(
        html.contains("3 lanes · 12 journeys · 24,250 messages a day, and 18,000 in one-off sends"),
        "{html}"
    );
    let promotional = html
        .split("<article")
        .find(|a| a.contains("aria-label=\"Lane Promotional\""))
        .expect("the promotional lane's column");
    // (what the column says, whether it says it)
    let cases = [
        ("<strong>9,000</strong> / day + 18,000 once", true),
        ("18,000 once</span>", true),
        ("<strong>27,000</strong>", false),
    ];
    for (text, shown) in cases {
        assert_eq!(promotional.contains(text), shown, "{text}: {promotional}");
    }
    // Other lanes are as they were.
    let revenue = html
        .split("<article")
        .find(|a| a.contains("aria-label=\"Lane Revenue flows\""))
        .unwrap();
    assert!(
        revenue.contains("<strong>11,000</strong> / day<"),
        "{revenue}"
    );
    assert!(!revenue.contains("once"), "{revenue}");
    // The split is judged on a usual day's mail.
    assert!(
        html.contains("Promotions are 9,000 of 24,250 messages a day"),
        "{html}"
    );
}

#[tokio::test]
async fn lane_names_are_buttons_that_open_the_lane() {
    let html = overview(sample_plan()).await;
    for name in ["Transactional", "Revenue flows", "Promotional"] {
        assert!(
            html.contains(&format!(
                "<button type=\"button\" class=\"link\">{name}</button>"
            )),
            "{name} opens its lane: {html}"
        );
    }
}

#[tokio::test]
async fn unrouted_journeys_get_their_own_column() {
    let mut plan = sample_plan();
    plan.lanes.retain(|l| l.id != "promotional");
    let html = overview(plan).await;
    assert!(html.contains("unrouted-column"));
    assert!(html.contains("Unrouted"));
    assert!(html.contains("Weekly promotion"));
    // No lane is missing when no rule matches and there is no default
    // lane; the column claims no cause, and sends to the Journeys tab.
    let mut plan = sample_plan();
    plan.default_lane = None;
    plan.rules.clear();
    let html = overview(plan).await;
    assert!(html.contains("unrouted-column"));
    assert!(html.contains("Journeys no lane takes; the Journeys tab says why for each"));
    assert!(!html.contains("whose lane is missing"));
}

#[tokio::test]
async fn the_brand_form_carries_the_plan() {
    let plan = sample_plan();
    let html = overview(plan.clone()).await;
    let name = tag(&html, "brand-name");
    assert!(name.contains("type=\"text\""), "{name}");
    assert!(
        name.contains(&format!("value=\"{}\"", plan.brand.name)),
        "{name}"
    );
    let domain = tag(&html, "brand-domain");
    assert!(domain.contains("value=\"fernleafcoffee.com\""), "{domain}");
    assert!(html.contains("New lanes get subdomains of it"));
    let notes = tag(&html, "plan-notes");
    assert!(notes.starts_with("<textarea"), "{notes}");
    assert!(html.contains("Sample plan: receipts stay on Postmark"));
    assert!(html.contains("<label for=\"plan-notes\">Notes</label>"));
    // The platform a new plan starts on is shown where the plan starts.
    assert!(html.contains("<label for=\"brand-platform\">Sending platform</label>"));
    assert_eq!(
        selected(&html, "brand-platform"),
        enum_key(plan.platform.kind)
    );
}

#[tokio::test]
async fn brand_findings_show_under_the_brand_fields() {
    let mut plan = Plan::empty("p");
    plan.brand.name.clear();
    let html = overview(plan).await;
    let form = &html[..html.find("overview-heading").expect("the lanes")];
    assert!(form.contains("The brand has no name."), "{form}");
    assert!(form.contains("The primary domain is not set."), "{form}");
    assert!(form.contains("Enter a domain such as brand.com."));
}

#[tokio::test]
async fn a_public_suffix_is_flagged_under_the_domain_field() {
    use switchyard::dns::psl::SuffixList;
    use switchyard::review::findings::findings;
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/testdata/psl");
    let text = std::fs::read_to_string(format!("{root}/public_suffix_list.dat")).unwrap();
    let list = SuffixList::parse(text).unwrap();
    let mut plan = sample_plan();
    plan.brand.primary_domain = "co.uk".into();
    let mut page = props(plan.clone());
    page.findings = std::rc::Rc::new(findings(&plan, super::support::today(), Some(&list)));
    let html = render::<OverviewPage>(page).await;
    let notes = element(&html, "brand-domain-notes", "div");
    assert!(notes.contains("“co.uk” is a public suffix"), "{notes}");
}

#[tokio::test]
async fn an_empty_plan_has_one_lane_and_no_journeys() {
    let html = overview(Plan::empty("p")).await;
    assert!(
        html.contains("1 lane · 0 journeys · 0 messages a day"),
        "{html}"
    );
    assert!(html.contains("No journeys routed here."));
    assert!(html.contains("Should you split at all?"));
}

#[tokio::test]
async fn the_split_assessment_weighs_the_plan() {
    let html = overview(sample_plan()).await;
    assert!(html.contains("Should you split at all?"));
    assert!(
        html.contains("Split: three of the five situations clearly apply"),
        "{html}"
    );
    assert!(html.contains("class=\"start-with\""));
    assert!(html.contains("You are migrating ESPs"));
    let check = tag(&html, "migrating-esp");
    assert!(check.contains("type=\"checkbox\""), "{check}");
    assert!(!check.contains("checked"), "{check}");

    let mut migrating = sample_plan();
    migrating.checklist.migrating_esp = true;
    let html = overview(migrating).await;
    assert!(tag(&html, "migrating-esp").contains("checked"));
    assert!(html.contains("<strong>Migration</strong>"), "{html}");
}

#[tokio::test]
async fn user_text_is_escaped() {
    let mut plan = sample_plan();
    plan.journeys[0].name = "<img src=x onerror=alert(1)>".into();
    plan.lanes[0].name = "<script>alert(1)</script>".into();
    plan.brand.name = "\"><script>alert(2)</script>".into();
    let html = overview(plan).await;
    no_injected_markup(&html);
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[tokio::test]
async fn no_behaviour_rides_in_attributes() {
    let html = overview(sample_plan()).await;
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn a_plan_without_mail_judges_nothing_yet() {
    let html = overview(Plan::empty("p")).await;
    assert!(html.contains("Add the journeys and their volumes to weigh the split."));
    assert!(
        !html.contains("class=\"situations\""),
        "no table of judgements"
    );
    assert!(!html.contains("Does not apply"));
    assert!(
        html.contains("<span class=\"share\">no mail planned yet</span>"),
        "{html}"
    );
    assert!(!html.contains("0.0% of daily volume"));
    // With mail, each lane has its share and the situations are judged.
    let html = overview(sample_plan()).await;
    assert!(html.contains("class=\"situations\""));
    assert!(html.contains("% of daily volume</span>"));
}

#[tokio::test]
async fn a_lane_column_names_the_moves_onto_it_and_off_it() {
    let mut plan = sample_plan();
    plan.migrations.push(Migration {
        name: "Flows to promotions".into(),
        start_date: "2027-10-04".into(),
        ..Migration::new("migration-1", "revenue-flows", "promotional")
    });
    let html = overview(plan).await;
    let column = |name: &str| {
        html.split("<article")
            .find(|a| a.contains(&format!("aria-label=\"Lane {name}\"")))
            .unwrap()
            .to_string()
    };
    // (lane, what its column says of the move)
    let cases = [
        ("Revenue flows", "Moves to Promotional, planned first day 2027-10-04: 7 journeys, 11,000 a day (Flows to promotions)."),
        ("Promotional", "Moves in from Revenue flows, planned first day 2027-10-04: 7 journeys, 11,000 a day (Flows to promotions)."),
    ];
    for (lane, words) in cases {
        let column = column(lane);
        let button = format!("<button type=\"button\" class=\"link\">{words}</button>");
        assert!(column.contains(&button), "{lane}: {column}");
    }
    assert!(!column("Transactional").contains("lane-moves"));
    // Routing is as it was: the moved mail is told, not counted twice.
    assert!(column("Promotional").contains("<strong>27,000</strong> / day<"));
}

#[tokio::test]
async fn an_unnamed_journey_is_listed_under_its_lane_by_what_it_is_called() {
    let mut plan = sample_plan();
    let cart = (plan.journeys.iter_mut())
        .find(|j| j.id == "cart-recovery")
        .unwrap();
    cart.name = String::new();
    let html = overview(plan).await;
    assert!(html.contains("<span>Unnamed journey</span>"), "{html}");
}

/// An internationalised primary domain is kept in Punycode, as DNS uses it,
/// and its help says the name people see.
#[tokio::test]
async fn an_internationalised_primary_domain_shows_the_name_people_see() {
    let mut plan = sample_plan();
    plan.brand.primary_domain = "xn--brhaus-4ya.de".into();
    let html = overview(plan).await;
    let notes = element(&html, "brand-domain-notes", "div");
    assert!(notes.contains("Shown to people as brühaus.de."), "{notes}");
    let html = overview(sample_plan()).await;
    let notes = element(&html, "brand-domain-notes", "div");
    assert!(!notes.contains("Shown to people as"), "{notes}");
}
