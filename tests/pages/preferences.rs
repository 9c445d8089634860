//! The preference page: the topic × lane matrix, one-click unsubscribe per
//! lane, the processing days, and the policy's findings with their fixes.

use switchyard::plan::model::{enum_key, Plan};
use switchyard::plan::sample::sample_plan;
use switchyard::ui::pages::preferences::PreferencesPage;

use super::support::{
    attribute, checked, escape, no_behaviour_attributes, no_injected_markup, props, render,
    selected, tag,
};

async fn preferences(plan: Plan) -> String {
    render::<PreferencesPage>(props(plan)).await
}

#[tokio::test]
async fn the_matrix_shows_each_topic_against_each_lane() {
    let plan = sample_plan();
    let html = preferences(plan.clone()).await;
    assert!(!plan.preferences.topics.is_empty());
    for topic in &plan.preferences.topics {
        let id = |field: &str| format!("topic-{}-{field}", topic.id);
        tag(&html, &format!("topic-{}", topic.id));
        assert_eq!(attribute(&html, &id("name"), "value"), escape(&topic.name));
        assert_eq!(selected(&html, &id("kind")), enum_key(topic.kind));
        for lane in &plan.lanes {
            let on = topic.suppresses.contains(&lane.id);
            assert_eq!(
                checked(&html, &id(&format!("lane-{}", lane.id))),
                on,
                "{}",
                topic.id
            );
        }
    }
    assert!(html.contains("id=\"topic-all-marketing-lane-promotional\""));
    for lane in &plan.lanes {
        let on = plan.preferences.one_click_lanes.contains(&lane.id);
        assert_eq!(checked(&html, &format!("one-click-{}", lane.id)), on);
    }
    assert!(html.contains(">Add a topic</button>"));
    // The standard topics are offered only to a plan without topics.
    assert!(!html.contains("Add the standard topics"));
    assert!(html.contains("The policy has no gaps."));
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn processing_days_is_a_whole_number_of_days() {
    let plan = sample_plan();
    let html = preferences(plan.clone()).await;
    assert_eq!(attribute(&html, "processing-days", "type"), "number");
    assert_eq!(attribute(&html, "processing-days", "min"), "0");
    assert_eq!(attribute(&html, "processing-days", "max"), "30");
    assert_eq!(attribute(&html, "processing-days", "step"), "1");
    assert_eq!(
        attribute(&html, "processing-days", "value"),
        plan.preferences.processing_days.to_string()
    );
}

#[tokio::test]
async fn findings_carry_their_fix_to_the_page() {
    let mut plan = sample_plan();
    plan.preferences.one_click_lanes.clear();
    let html = preferences(plan).await;
    assert_eq!(
        html.matches(">Fix: Offer one-click unsubscribe</button>")
            .count(),
        2
    );
    assert!(html.contains("Revenue flows does not offer one-click unsubscribe."));
    assert!(!html.contains("The policy has no gaps."));
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn a_lane_no_topic_stops_opens_the_box_that_lets_all_marketing_stop_it() {
    use switchyard::review::place::{place_of_finding, Place};
    use switchyard::ui::pages::preferences::topic_lane_control;
    let mut plan = sample_plan();
    for topic in &mut plan.preferences.topics {
        topic.suppresses.retain(|l| l != "promotional");
    }
    let page = props(plan.clone());
    let finding = (page.findings.all.iter())
        .find(|d| d.code == "lint.lane_not_suppressible")
        .cloned()
        .expect("no topic stops Promotional");
    assert!(finding
        .message
        .starts_with("No unsubscribe topic stops Promotional"));
    // The finding asks for the lane to be ticked under "all marketing", as
    // its fix does: Open lands on that box, not on Add a topic.
    let place = place_of_finding(&plan, &[], &finding);
    let Place::TopicLane { topic, lane } = place else {
        panic!("{place:?}")
    };
    assert_eq!(
        (topic.as_str(), lane.as_str()),
        ("all-marketing", "promotional")
    );
    let html = render::<PreferencesPage>(page).await;
    let id = topic_lane_control(&topic, &lane);
    assert_eq!(attribute(&html, &id, "type"), "checkbox");
    assert!(!checked(&html, &id));
}

#[tokio::test]
async fn a_transactional_lane_ticked_under_a_topic_is_marked_wrong() {
    let mut plan = sample_plan();
    plan.preferences.topics[0]
        .suppresses
        .insert(0, "transactional".into());
    let id = format!("topic-{}-lane-transactional", plan.preferences.topics[0].id);
    let html = preferences(plan).await;
    assert!(checked(&html, &id));
    let at = html.find(&format!(" id=\"{id}\"")).unwrap();
    let cell = html[..at].rfind("<td").unwrap();
    assert!(
        html[cell..at].starts_with("<td class=\"wrong\""),
        "{}",
        &html[cell..at]
    );
    assert!(html.contains("would lose receipts and shipping updates"));
    assert!(html.contains(">Fix: Stop "));
}

#[tokio::test]
async fn a_plan_without_topics_is_offered_the_standard_ones() {
    let mut plan = sample_plan();
    plan.preferences.topics.clear();
    let html = preferences(plan).await;
    assert!(html.contains(">Add the standard topics and one-click unsubscribe</button>"));
    assert!(html.contains(">Fix: Add the standard topics and one-click unsubscribe</button>"));
    assert!(!html.contains("id=\"topic-"));
}

#[tokio::test]
async fn an_empty_plan_shows_its_one_lane() {
    let html = preferences(Plan::empty("p")).await;
    assert!(!checked(&html, "one-click-lane-1"));
    assert!(html.contains(">Main lane"));
    tag(&html, "processing-days");
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn user_text_is_escaped() {
    let mut plan = sample_plan();
    plan.lanes[0].name = "<script>alert(1)</script>".into();
    plan.preferences.topics[0].name = "\"><img src=x onerror=alert(1)>".into();
    let html = preferences(plan).await;
    no_injected_markup(&html);
}
