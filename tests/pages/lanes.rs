//! The lanes page: a card per lane with every field, the arrange and delete
//! buttons, and adding a lane by purpose.

use switchyard::plan::diagnostic::Diagnostic;
use switchyard::plan::edit::{edit_plan, Edit};
use switchyard::plan::model::{EngagementFilter, IpStrategy, Plan, Provider};
use switchyard::plan::sample::sample_plan;
use switchyard::ui::pages::lanes::{LaneCard, LaneCardProps, LanesPage};
use switchyard::ui::pages::overview::OverviewPage;
use yew::Callback;

use super::support::{
    attribute, no_behaviour_attributes, no_injected_markup, props, render, selected, tag,
};

async fn lanes(plan: Plan) -> String {
    render::<LanesPage>(props(plan)).await
}

#[tokio::test]
async fn every_lane_has_its_card_with_the_plan_values() {
    let plan = sample_plan();
    let html = lanes(plan.clone()).await;
    assert_eq!(html.matches("class=\"card lane-card\"").count(), 3);
    for lane in &plan.lanes {
        let id = |f: &str| format!("lane-{}-{f}", lane.id);
        assert!(html.contains(&format!("id=\"lane-{}\"", lane.id)));
        assert_eq!(attribute(&html, &id("name"), "value"), lane.name);
        assert_eq!(attribute(&html, &id("owner"), "value"), lane.owner);
        assert_eq!(
            attribute(&html, &id("domain"), "value"),
            lane.sending_domain
        );
        assert_eq!(attribute(&html, &id("from-name"), "value"), lane.from_name);
        assert_eq!(
            attribute(&html, &id("from-address"), "value"),
            lane.from_address
        );
        assert_eq!(attribute(&html, &id("reply-to"), "value"), lane.reply_to);
        assert_eq!(
            attribute(&html, &id("return-path"), "value"),
            lane.return_path_domain
        );
        assert_eq!(
            attribute(&html, &id("tracking"), "value"),
            lane.tracking_domain
        );
        assert_eq!(attribute(&html, &id("host"), "value"), lane.smtp.host);
        assert_eq!(
            attribute(&html, &id("username"), "value"),
            lane.smtp.username
        );
        assert_eq!(
            attribute(&html, &id("port"), "value"),
            lane.smtp.port.to_string()
        );
        assert_eq!(selected(&html, &id("purpose")), key(lane.purpose));
        assert_eq!(selected(&html, &id("status")), key(lane.status));
        assert_eq!(selected(&html, &id("provider")), key(lane.smtp.provider));
        assert_eq!(selected(&html, &id("security")), key(lane.smtp.security));
        assert!(html.contains(&format!("<label for=\"{}\">Name</label>", id("name"))));
    }
}

fn key<T: serde::Serialize>(value: T) -> String {
    switchyard::plan::model::enum_key(value)
}

#[tokio::test]
async fn inputs_have_native_types() {
    let html = lanes(sample_plan()).await;
    for field in ["from-address", "reply-to"] {
        let t = tag(&html, &format!("lane-transactional-{field}"));
        assert!(t.contains("type=\"email\""), "{t}");
    }
    for field in ["name", "domain", "host", "owner"] {
        let t = tag(&html, &format!("lane-transactional-{field}"));
        assert!(t.contains("type=\"text\""), "{t}");
    }
    let port = tag(&html, "lane-transactional-port");
    assert!(port.contains("type=\"number\""), "{port}");
    assert!(
        port.contains("min=\"1\"") && port.contains("max=\"65535\""),
        "{port}"
    );
    let count = tag(&html, "lane-promotional-ip-count");
    assert!(
        count.contains("type=\"number\"") && count.contains("max=\"64\""),
        "{count}"
    );
    let days = tag(&html, "lane-promotional-filter-days");
    assert!(
        days.contains("type=\"number\"") && days.contains("max=\"730\""),
        "{days}"
    );
}

#[tokio::test]
async fn reputation_shows_the_strategy_and_filter_with_their_numbers() {
    let html = lanes(sample_plan()).await;
    assert_eq!(selected(&html, "lane-transactional-ips"), "shared");
    assert!(!html.contains("id=\"lane-transactional-ip-count\""));
    assert_eq!(selected(&html, "lane-revenue-flows-ips"), "dedicated");
    assert_eq!(
        attribute(&html, "lane-revenue-flows-ip-count", "value"),
        "1"
    );
    assert_eq!(attribute(&html, "lane-promotional-ip-count", "value"), "2");
    assert_eq!(selected(&html, "lane-transactional-filter"), "none");
    assert!(!html.contains("id=\"lane-transactional-filter-days\""));
    assert_eq!(selected(&html, "lane-promotional-filter"), "engaged_within");
    assert_eq!(
        attribute(&html, "lane-promotional-filter-days", "value"),
        "90"
    );

    // A predicted intent segment has no window to enter.
    let mut plan = sample_plan();
    plan.lanes[2].engagement_filter = EngagementFilter::PredictedIntent;
    let html = lanes(plan).await;
    assert_eq!(
        selected(&html, "lane-promotional-filter"),
        "predicted_intent"
    );
    assert!(!html.contains("id=\"lane-promotional-filter-days\""));

    let mut plan = sample_plan();
    plan.lanes[0].engagement_filter = EngagementFilter::PurchasedWithin { days: 365 };
    plan.lanes[0].ip_strategy = IpStrategy::Dedicated { count: 4 };
    let html = lanes(plan).await;
    assert_eq!(
        selected(&html, "lane-transactional-filter"),
        "purchased_within"
    );
    assert_eq!(
        attribute(&html, "lane-transactional-filter-days", "value"),
        "365"
    );
    assert_eq!(
        attribute(&html, "lane-transactional-ip-count", "value"),
        "4"
    );
}

#[tokio::test]
async fn customer_io_lanes_have_no_smtp_connection() {
    let mut plan = sample_plan();
    plan.lanes[0].smtp = switchyard::plan::model::Smtp::from_preset(Provider::CustomerIo);
    let html = lanes(plan).await;
    assert_eq!(
        selected(&html, "lane-transactional-provider"),
        "customer_io"
    );
    assert!(!html.contains("id=\"lane-transactional-host\""));
    assert!(!html.contains("id=\"lane-transactional-port\""));
    assert!(html.contains("Customer.io sends this lane through its own delivery"));
}

#[tokio::test]
async fn arrange_and_delete_buttons_are_labelled() {
    let html = lanes(sample_plan()).await;
    assert!(tag(&html, "lane-transactional-up").contains("aria-disabled=\"true\""));
    assert!(!tag(&html, "lane-transactional-down").contains("aria-disabled=\"true\""));
    assert!(!tag(&html, "lane-revenue-flows-up").contains("aria-disabled=\"true\""));
    assert!(tag(&html, "lane-promotional-down").contains("aria-disabled=\"true\""));
    assert!(html.contains("aria-label=\"Move Revenue flows up\""));
    assert!(html.contains("aria-label=\"Delete lane Revenue flows\""));
    assert_eq!(html.matches(">Delete…</button>").count(), 3);
    // The question is asked only once Delete… is pressed.
    assert!(!html.contains("Delete this lane?"));
    assert_eq!(html.matches("Default lane").count(), 1, "{html}");
}

#[tokio::test]
async fn a_lane_is_added_by_purpose() {
    let html = lanes(sample_plan()).await;
    assert_eq!(selected(&html, "new-lane-purpose"), "transactional");
    assert!(html.contains("<option value=\"vip\""));
    assert!(tag(&html, "add-lane").starts_with("<button"));
    assert!(html.contains(">Add lane</button>"));
}

#[tokio::test]
async fn a_plan_without_lanes_says_so() {
    let mut plan = Plan::empty("p");
    plan.lanes.clear();
    let html = lanes(plan).await;
    assert!(html.contains("No lanes yet. Add one to start routing journeys."));
    assert!(html.contains("id=\"add-lane\""));
}

#[tokio::test]
async fn findings_show_beside_their_fields() {
    let mut plan = sample_plan();
    plan.lanes[1].from_address = "not an address".into();
    plan.lanes[1].sending_domain.clear();
    let html = lanes(plan).await;
    let card = &html[html.find("id=\"lane-revenue-flows\"").unwrap()
        ..html.find("id=\"lane-promotional\"").unwrap()];
    assert!(
        card.contains("The From address “not an address” is not a valid address"),
        "{card}"
    );
    assert!(
        tag(card, "lane-revenue-flows-from-address").contains("aria-invalid=\"true\""),
        "an error marks the field"
    );
    assert!(attribute(card, "lane-revenue-flows-domain", "value").is_empty());
    let first = &html[..html.find("id=\"lane-revenue-flows\"").unwrap()];
    assert!(
        !first.contains("not an address"),
        "findings stay with their lane"
    );
}

#[tokio::test]
async fn a_lane_card_shows_its_own_and_its_selects_findings() {
    let plan = sample_plan();
    let findings = vec![
        Diagnostic::warning("lane.general", "$.lanes[2]", "About the whole lane."),
        Diagnostic::warning(
            "smtp.security_mismatch",
            "$.lanes[2].smtp.security",
            "Port 587 is normally used with STARTTLS.",
        ),
        Diagnostic::error(
            "smtp.port_zero",
            "$.lanes[2].smtp.port",
            "The SMTP port is 0.",
        ),
    ];
    let html = render::<LaneCard>(LaneCardProps {
        lane: plan.lanes[2].clone(),
        index: 2,
        colour: 2,
        count: 3,
        is_default: true,
        routed: vec!["Spring sale".into(), "Back in stock".into()],
        left: vec![],
        cleared: vec![],
        findings,
        on_edit: Callback::noop(),
    })
    .await;
    assert!(html.contains("About the whole lane."));
    assert!(html.contains("Port 587 is normally used with STARTTLS."));
    let notes = &html[html.find("id=\"lane-promotional-port-notes\"").unwrap()..];
    assert!(notes.contains("The SMTP port is 0."));
    assert!(html.contains("Default lane"));
    assert!(tag(&html, "lane-promotional-down").contains("aria-disabled=\"true\""));
}

#[tokio::test]
async fn user_text_is_escaped() {
    let mut plan = sample_plan();
    plan.lanes[0].name = "<script>alert(1)</script>".into();
    plan.lanes[0].from_address = "\"><img src=x onerror=alert(1)>@x.example".into();
    let html = lanes(plan).await;
    no_injected_markup(&html);
    assert!(html.contains("&lt;script&gt;"));
}

#[tokio::test]
async fn no_behaviour_rides_in_attributes() {
    let html = lanes(sample_plan()).await;
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn every_lane_field_open_can_focus_is_on_the_card() {
    use switchyard::plan::model::EngagementFilter;
    use switchyard::ui::pages::lanes::LANE_CONTROLS;
    let mut plan = sample_plan();
    plan.lanes[2].engagement_filter = EngagementFilter::EngagedWithin { days: 90 };
    let html = lanes(plan).await;
    for (field, control) in LANE_CONTROLS {
        let id = format!("id=\"lane-promotional-{control}\"");
        assert!(html.contains(&id), "{field}: no {id}");
    }
}

#[tokio::test]
async fn a_lane_keeps_its_colour_when_the_one_before_it_goes() {
    let swatches = |html: &str| -> Vec<String> {
        html.split("class=\"swatch lane-color-")
            .skip(1)
            .map(|rest| rest[..rest.find('"').unwrap()].to_string())
            .collect()
    };
    let mut plan = sample_plan();
    assert_eq!(swatches(&lanes(plan.clone()).await), ["0", "1", "2"]);
    edit_plan(&mut plan, Edit::DeleteLane("transactional".into()));
    assert_eq!(swatches(&lanes(plan.clone()).await), ["1", "2"]);
    // The overview's columns and share bar show the same colours.
    let overview = render::<OverviewPage>(props(plan)).await;
    assert!(
        overview.contains("class=\"lane-head lane-color-1\""),
        "{overview}"
    );
    assert!(overview.contains("class=\"lane-head lane-color-2\""));
    assert!(!overview.contains("lane-color-0"));
}
