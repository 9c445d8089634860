//! The simulation page: the what-if fields and fallback plans against the
//! plan, the comparison with one lane, and each lane's charts and table.

use switchyard::plan::edit::{edit_plan, Edit, SimulationField};
use switchyard::plan::model::{FallbackAction, Mailbox, Plan};
use switchyard::plan::sample::sample_plan;
use switchyard::ui::pages::simulation::SimulationPage;

use super::support::{
    self, attr, element, no_behaviour_attributes, no_injected_markup, selected, tag,
};

async fn page(plan: Plan) -> String {
    support::render::<SimulationPage>(support::props(plan)).await
}

/// A number field's type, value and range.
fn number(html: &str, id: &str) -> (String, String, String, String) {
    let input = tag(html, id);
    assert_eq!(attr(input, "type"), Some("number"), "#{id}");
    let get = |name| attr(input, name).unwrap_or_default().to_string();
    (get("value"), get("min"), get("max"), get("step"))
}

#[tokio::test]
async fn the_plan_is_compared_with_everything_on_one_lane() {
    let html = page(sample_plan()).await;
    let comparison = element(&html, "simulation-comparison", "article");
    assert!(comparison.contains("This plan against everything on one lane, over 90 days"));
    assert!(comparison.contains("<th scope=\"row\">Inbox placement</th>"));
    // The model card is linked beside the app.
    assert!(html.contains(
        "<a href=\"reputation-model.md\" target=\"_blank\" rel=\"noopener\">model card</a>"
    ));
    // Each lane: figures, two charts and a table.
    for (lane, name) in [
        ("transactional", "Transactional"),
        ("revenue-flows", "Revenue flows"),
        ("promotional", "Promotional"),
    ] {
        let card = element(&html, &format!("simulation-{lane}"), "article");
        assert!(card.contains("<dt>Fallback</dt>"), "{lane}");
        assert!(card.contains("mail wanted and accepted each day"), "{lane}");
        assert!(card.contains("revenue each day"), "{lane}");
        assert!(card.contains(&format!("Simulation for {name} as a table")));
        assert_eq!(card.matches("role=\"img\"").count(), 2, "{lane}");
    }
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn the_what_if_fields_carry_the_plans_settings() {
    let mut plan = sample_plan();
    plan.simulation.start_date = "2027-09-01".into();
    plan.simulation.gate_complaint_percent = 0.05;
    let html = page(plan).await;
    let start = tag(&html, "f-sim-start_date");
    assert_eq!(attr(start, "type"), Some("date"));
    assert_eq!(attr(start, "value"), Some("2027-09-01"));
    let whole = |value: &str, min: &str, max: &str| {
        (
            value.to_string(),
            min.to_string(),
            max.to_string(),
            "1".to_string(),
        )
    };
    assert_eq!(number(&html, "f-sim-days"), whole("90", "7", "365"));
    assert_eq!(
        number(&html, "f-sim-promo_frequency_percent"),
        whole("100", "0", "1000")
    );
    assert_eq!(
        number(&html, "f-sim-complaint_percent"),
        whole("100", "0", "1000")
    );
    for (i, percent) in [45, 15, 20, 12, 8].iter().enumerate() {
        assert_eq!(
            number(&html, &format!("f-sim-mix-{i}")),
            whole(&percent.to_string(), "0", "100")
        );
    }
    let gate = |value: &str| {
        (
            value.to_string(),
            "0".to_string(),
            "100".to_string(),
            "0.01".to_string(),
        )
    };
    assert_eq!(number(&html, "f-sim-gate_delivered_percent"), gate("90"));
    assert_eq!(number(&html, "f-sim-gate_complaint_percent"), gate("0.05"));
    assert_eq!(number(&html, "f-sim-gate_bounce_percent"), gate("2"));
    assert_eq!(selected(&html, "f-sim-promo_audience"), "all");
    assert!(html.contains(">Gmail</label>"));
    // Every control has its label.
    support::every_control_labelled(&html, "f-");
}

#[tokio::test]
async fn a_mix_that_does_not_add_up_is_explained() {
    let mut plan = sample_plan();
    edit_plan(
        &mut plan,
        Edit::Simulation(SimulationField::Mix {
            provider: Mailbox::Gmail,
            percent: 50,
        }),
    );
    let html = page(plan).await;
    assert_eq!(number(&html, "f-sim-mix-0").0, "50");
    assert!(element(&html, "simulation-settings", "article").contains("adds up to 105%, not 100%"));
}

#[tokio::test]
async fn each_lane_shows_its_fallback_plan() {
    let html = page(sample_plan()).await;
    assert_eq!(
        selected(&html, "f-fallback-promotional-action"),
        "pause_promotions"
    );
    assert_eq!(selected(&html, "f-fallback-transactional-action"), "none");
    assert_eq!(selected(&html, "f-fallback-revenue-flows-action"), "none");
    assert!(!html.contains("f-fallback-promotional-shift_lane"));
    // Shifting needs a lane to shift to, and warns when it is cold.
    let mut plan = sample_plan();
    let shift = Edit::SetFallback {
        lane: "revenue-flows".into(),
        action: Some(FallbackAction::Shift),
    };
    edit_plan(&mut plan, shift);
    let html = page(plan.clone()).await;
    assert_eq!(selected(&html, "f-fallback-revenue-flows-action"), "shift");
    assert_eq!(selected(&html, "f-fallback-revenue-flows-shift_lane"), "");
    let fallbacks = element(&html, "simulation-fallbacks", "article");
    assert!(fallbacks.contains("needs another lane to take them"));
    edit_plan(
        &mut plan,
        Edit::SetFallbackShift {
            lane: "revenue-flows".into(),
            shift_lane: Some("promotional".into()),
        },
    );
    let html = page(plan.clone()).await;
    assert_eq!(
        selected(&html, "f-fallback-revenue-flows-shift_lane"),
        "promotional"
    );
    assert!(element(&html, "simulation-fallbacks", "article").contains("which is not warm itself"));
    // "No fallback" removes it.
    edit_plan(
        &mut plan,
        Edit::SetFallback {
            lane: "revenue-flows".into(),
            action: None,
        },
    );
    let html = page(plan).await;
    assert_eq!(selected(&html, "f-fallback-revenue-flows-action"), "none");
    assert!(!html.contains("f-fallback-revenue-flows-shift_lane"));
}

#[tokio::test]
async fn a_fallback_fires_on_its_trigger_and_shows_when() {
    let mut plan = sample_plan();
    // Complaints three times the model's push the revenue flows down.
    edit_plan(
        &mut plan,
        Edit::Simulation(SimulationField::ComplaintPercent(300)),
    );
    let html = page(plan.clone()).await;
    let flows = element(&html, "simulation-revenue-flows", "article");
    assert!(flows.contains("<dt>Fallback</dt><dd>did not fire</dd>"));
    edit_plan(
        &mut plan,
        Edit::SetFallback {
            lane: "revenue-flows".into(),
            action: Some(FallbackAction::TightenTo30Days),
        },
    );
    let html = page(plan).await;
    let flows = element(&html, "simulation-revenue-flows", "article");
    assert!(flows.contains("<dt>Fallback</dt><dd>fired on "), "{flows}");
    assert!(flows.contains("Fallback fires ("));
    assert!(flows.contains("<title>Fallback fires on "));
}

#[tokio::test]
async fn without_a_first_day_the_simulation_waits() {
    let html = page(Plan::empty("p")).await;
    assert!(html.contains("Set a first day, or schedule a lane's warm-up, to run the simulation."));
    assert!(!html.contains("id=\"simulation-comparison\""));
    assert_eq!(attr(tag(&html, "f-sim-start_date"), "value"), Some(""));
    assert_eq!(selected(&html, "f-fallback-lane-1-action"), "none");
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn a_first_day_that_is_not_a_date_is_explained() {
    let mut plan = sample_plan();
    plan.simulation.start_date = "soon".into();
    let html = page(plan).await;
    assert!(html.contains("The first day is not a date."));
    assert!(element(&html, "simulation-settings", "article").contains("“soon” is not a date."));
    assert_eq!(
        attr(tag(&html, "f-sim-start_date"), "aria-invalid"),
        Some("true")
    );
}

#[tokio::test]
async fn user_text_is_escaped() {
    let mut plan = sample_plan();
    plan.lanes[2].name = "<script>alert(1)</script>".into();
    plan.lanes[0].name = "\"><img src=x onerror=alert(1)>".into();
    let html = page(plan).await;
    no_injected_markup(&html);
    assert!(html.contains("&lt;script&gt;"));
}

#[tokio::test]
async fn the_fallback_selects_name_each_choice_and_a_lane_that_is_gone() {
    let mut plan = sample_plan();
    let shift = Edit::SetFallback {
        lane: "revenue-flows".into(),
        action: Some(FallbackAction::Shift),
    };
    edit_plan(&mut plan, shift);
    // A plan file may name a lane the plan does not have.
    let fallback = plan
        .simulation
        .fallbacks
        .iter_mut()
        .find(|f| f.lane == "revenue-flows");
    fallback.expect("the shift fallback").shift_lane = Some("gone".into());
    let html = page(plan).await;
    let actions = element(&html, "f-fallback-revenue-flows-action", "select");
    assert_eq!(
        support::attributes(actions, "value"),
        ["none", "pause_promotions", "shift", "tighten_to30_days"]
    );
    // A shift lane the plan no longer has stays in view until it is changed.
    let shift = element(&html, "f-fallback-revenue-flows-shift_lane", "select");
    assert!(shift.contains(">Missing lane “gone”</option>"), "{shift}");
    assert_eq!(
        selected(&html, "f-fallback-revenue-flows-shift_lane"),
        "gone"
    );
}

#[tokio::test]
async fn a_cap_above_the_scale_is_left_out_and_said() {
    let html = page(sample_plan()).await;
    let card = element(&html, "simulation-promotional", "article");
    let before = card
        .split("\" class=\"cap\"></path>")
        .next()
        .expect("the cap is drawn");
    let path = &before[before.rfind("<path d=\"").expect("a path") + 9..];
    assert!(path.starts_with('M'), "{path}");
    // No step runs along the top edge of the chart.
    assert!(!path.contains(",0.0 H"), "{path}");
    assert!(card.contains("The cap is above the scale on "), "{card}");
}
