//! The journeys page: every journey with its lane and why, the filters, and
//! one journey's editor with a field per part of the journey.

use std::rc::Rc;

use switchyard::plan::diagnostic::Diagnostic;
use switchyard::plan::edit::{edit_plan, Edit, JourneyField};
use switchyard::plan::model::{Cadence, Intent, Plan, Trigger, Weekday};
use switchyard::plan::routing::route;
use switchyard::plan::sample::sample_plan;
use switchyard::ui::kept::Kept;
use switchyard::ui::pages::journeys::{
    shows, JourneyMemories, JourneyRow, JourneyRowProps, JourneysPage, JourneysView, LaneFilter,
};
use yew::{AttrValue, Callback};

use super::support::{
    attribute, attributes, element, no_behaviour_attributes, no_injected_markup, props, render,
    selected, tag,
};

async fn journeys(plan: Plan) -> String {
    render::<JourneysPage>(props(plan)).await
}

/// The row of journey `id` in `plan`, its editor open, with the findings
/// the shell derives for the plan.
async fn editor(plan: Plan, id: &str) -> String {
    let page = props(plan);
    let plan = page.plan.clone();
    let index = plan
        .journeys
        .iter()
        .position(|j| j.id == id)
        .expect("the journey");
    let route = page.findings.routing.routes[index].clone();
    let prefix = format!("$.journeys[{index}]");
    let findings: Vec<Diagnostic> = page
        .findings
        .plan
        .iter()
        .filter(|d| d.path == prefix || d.path.starts_with(&format!("{prefix}.")))
        .cloned()
        .collect();
    render::<JourneyRow>(JourneyRowProps {
        journey: plan.journeys[index].clone(),
        index,
        lane: route
            .lane_id
            .as_deref()
            .map(|l| AttrValue::from(plan.lane_name(l).to_string())),
        why: route.explain(&plan).into(),
        route,
        open: true,
        lanes: Rc::new(
            plan.lanes
                .iter()
                .map(|l| (l.id.clone().into(), l.name.clone().into()))
                .collect(),
        ),
        findings,
        memory: Kept::default(),
        on_edit: Callback::noop(),
        on_toggle: Callback::noop(),
    })
    .await
}

#[tokio::test]
async fn a_journey_whose_name_was_cleared_reads_as_unnamed_in_its_row() {
    let mut plan = sample_plan();
    plan.journeys[0].name = String::new();
    let html = journeys(plan).await;
    assert!(
        html.contains("<th scope=\"row\">Unnamed journey</th>"),
        "{html}"
    );
}

#[tokio::test]
async fn every_journey_has_a_row_with_its_lane_and_reason() {
    let plan = sample_plan();
    let html = journeys(plan.clone()).await;
    assert!(html.contains("Showing 12 of 12 journeys."), "{html}");
    assert_eq!(html.matches("class=\"journey-row\"").count(), 12);
    for j in &plan.journeys {
        assert!(html.contains(&format!("id=\"journey-{}\"", j.id)));
        let edit = tag(&html, &format!("journey-{}-edit", j.id));
        assert!(
            edit.contains(&format!("aria-label=\"Edit {}\"", j.name)),
            "{edit}"
        );
        assert!(edit.contains("aria-expanded=\"false\""), "{edit}");
    }
    assert!(html.contains("Rule 2: Cart and checkout recovery"));
    assert!(html.contains("class=\"reason rule\""));
    assert!(html.contains("18,000"), "volumes are grouped");
    assert!(html.contains("$3.10"), "revenue is in dollars, to the cent");
    assert!(
        !html.contains("id=\"journey-editor-"),
        "no editor is open at first"
    );
    assert!(tag(&html, "add-journey").contains("type=\"button\""));
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn a_plan_without_journeys_says_how_to_start() {
    let mut plan = sample_plan();
    plan.journeys.clear();
    let html = journeys(plan).await;
    assert!(
        html.contains("No journeys yet. Add each flow and campaign"),
        "{html}"
    );
    assert!(!html.contains("No journey matches these filters."));
    let html = journeys(sample_plan()).await;
    assert!(!html.contains("No journeys yet."));
}

#[tokio::test]
async fn the_filters_offer_every_lane_unrouted_and_every_intent() {
    let html = journeys(sample_plan()).await;
    assert_eq!(selected(&html, "filter-lane"), "");
    assert_eq!(selected(&html, "filter-intent"), "");
    let at = html.find("id=\"filter-lane\"").unwrap();
    let lane_select = &html[at..at + html[at..].find("</select>").unwrap()];
    assert_eq!(
        attributes(lane_select, "value"),
        [
            "",
            "transactional",
            "revenue-flows",
            "promotional",
            "unrouted"
        ]
    );
    assert!(lane_select.contains(">Unrouted</option>"));
    let at = html.find("id=\"filter-intent\"").unwrap();
    let intent_select = &html[at..at + html[at..].find("</select>").unwrap()];
    assert!(intent_select.contains("value=\"winback\""));
    assert!(intent_select.contains(">All intents</option>"));
}

/// How many of the sample's journeys the filters let through.
fn shown(plan: &Plan, lane: LaneFilter, intent: Option<Intent>) -> usize {
    let routing = route(plan);
    plan.journeys
        .iter()
        .zip(&routing.routes)
        .filter(|(j, r)| shows(&lane, intent, j, r))
        .count()
}

#[tokio::test]
async fn the_filters_narrow_by_lane_and_intent() {
    let plan = sample_plan();
    let lane = |id: &str| LaneFilter::Lane(id.to_string());
    let winback = Some(Intent::Winback);
    assert_eq!(shown(&plan, LaneFilter::All, None), 12);
    assert_eq!(shown(&plan, lane("transactional"), None), 3);
    assert_eq!(shown(&plan, lane("promotional"), None), 2);
    assert_eq!(shown(&plan, LaneFilter::All, winback), 1);
    assert_eq!(shown(&plan, lane("revenue-flows"), winback), 1);
    assert_eq!(shown(&plan, lane("transactional"), winback), 0);
    assert_eq!(shown(&plan, LaneFilter::Unrouted, None), 0);
    let mut broken = sample_plan();
    broken.lanes.retain(|l| l.id != "promotional");
    assert_eq!(shown(&broken, LaneFilter::Unrouted, None), 2);
}

#[tokio::test]
async fn the_editor_shows_an_event_journey_as_the_plan_has_it() {
    let html = editor(sample_plan(), "cart-recovery").await;
    let id = |f: &str| format!("journey-cart-recovery-{f}");
    assert!(html.contains("id=\"journey-editor-cart-recovery\""));
    assert!(tag(&html, &id("edit")).contains("aria-expanded=\"true\""));
    assert!(html.contains(">Close</button>"));
    assert_eq!(attribute(&html, &id("name"), "value"), "Cart recovery");
    assert_eq!(selected(&html, &id("intent")), "cart_abandonment");
    assert_eq!(selected(&html, &id("lane")), "", "routed by rules");
    assert_eq!(selected(&html, &id("audience")), "all");
    assert_eq!(selected(&html, &id("trigger")), "event");
    assert_eq!(attribute(&html, &id("event"), "value"), "Added to Cart");
    assert_eq!(attribute(&html, &id("team"), "value"), "Lifecycle");
    for (field, value, max, step) in [
        ("volume", "2400", "100000000", "1"),
        ("revenue", "1.85", "1000000", "0.01"),
        ("latency", "2", "525600", "1"),
        ("delay", "60", "525600", "1"),
    ] {
        let input = tag(&html, &id(field));
        assert!(input.contains("type=\"number\""), "{input}");
        assert_eq!(attribute(&html, &id(field), "value"), value, "{field}");
        assert_eq!(attribute(&html, &id(field), "min"), "0", "{field}");
        assert_eq!(attribute(&html, &id(field), "max"), max, "{field}");
        assert_eq!(attribute(&html, &id(field), "step"), step, "{field}");
    }
    for text in ["name", "event", "team", "tags"] {
        assert!(tag(&html, &id(text)).contains("type=\"text\""), "{text}");
    }
    assert!(html.contains("<label for=\"journey-cart-recovery-name\">"));
    assert!(html.contains("Delete journey…"));
    assert!(!html.contains(&id("segment")) && !html.contains(&id("cadence")));
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn the_editor_shows_the_fields_of_each_kind_of_trigger() {
    let mut plan = sample_plan();
    plan.journeys[7].tags = vec!["refill".into(), "subscription".into()];
    let segment = editor(plan, "replenishment").await;
    assert_eq!(
        selected(&segment, "journey-replenishment-trigger"),
        "segment_entry"
    );
    assert_eq!(
        attribute(&segment, "journey-replenishment-segment", "value"),
        "Bag running low (day 21)"
    );
    assert_eq!(
        attribute(&segment, "journey-replenishment-tags", "value"),
        "refill, subscription"
    );
    assert!(!segment.contains("journey-replenishment-latency"));
    let scheduled = editor(sample_plan(), "newsletter").await;
    assert_eq!(
        selected(&scheduled, "journey-newsletter-trigger"),
        "scheduled"
    );
    assert_eq!(
        selected(&scheduled, "journey-newsletter-cadence"),
        "fortnightly"
    );
    // Options start with a capital, as every other list's do.
    assert!(
        scheduled.contains(
            "<option value=\"fortnightly\" selected=\"selected\">Every two weeks</option>"
        ),
        "{scheduled}"
    );
    assert!(scheduled.contains("<option value=\"several_per_week\">Several times a week</option>"));
    assert_eq!(
        selected(&scheduled, "journey-newsletter-audience"),
        "engaged60"
    );
}

#[tokio::test]
async fn a_scheduled_journey_offers_a_send_day_and_says_what_each_send_carries() {
    let set = |cadence: Cadence, send_day: Option<Weekday>| {
        let mut plan = sample_plan();
        plan.journeys[10].trigger = Trigger::Scheduled {
            cadence,
            send_day,
            send_date: None,
        };
        plan
    };
    let id = "journey-weekly-promo-send_day";
    let spread = editor(set(Cadence::Weekly, None), "weekly-promo").await;
    assert_eq!(selected(&spread, id), "spread");
    assert!(spread.contains(">Spread over every day</option>"));
    assert!(spread.contains("<label for=\"journey-weekly-promo-send_day\">Send day</label>"));
    assert!(
        spread.contains("Messages per day go out every day."),
        "{spread}"
    );
    // The volume is a daily average; spread, it goes out every day, and
    // with a send day the help says what a send holds.
    assert!(
        spread.contains(
            "A daily average over the cadence, sent every day until a send day is chosen."
        ),
        "{spread}"
    );
    assert!(!spread.contains("a send."), "{spread}");
    let tuesdays = editor(set(Cadence::Weekly, Some(Weekday::Tuesday)), "weekly-promo").await;
    assert!(
        tuesdays.contains("A daily average over the cadence: about 126,000 a send."),
        "{tuesdays}"
    );
    let event = editor(sample_plan(), "cart-recovery").await;
    assert!(!event.contains("A daily average over the cadence"));
    // (cadence, what the help says): 18,000 a day on average.
    for (cadence, says) in [
        (Cadence::Weekly, "Sends weekly on Tuesdays: about 126,000 each time, the week's mail."),
        (Cadence::Fortnightly, "Sends every other Tuesday: about 252,000 each time, two weeks' mail."),
        (
            Cadence::SeveralPerWeek,
            "Sends on Tuesdays, Thursdays and Saturdays: about 42,000 each time, a third of the week's mail.",
        ),
        (
            Cadence::Monthly,
            "Sends on the first Tuesday of the month: about 540,000 each time, the month's mail.",
        ),
    ] {
        let html = editor(set(cadence, Some(Weekday::Tuesday)), "weekly-promo").await;
        assert_eq!(selected(&html, id), "tuesday");
        assert!(html.contains(says), "{cadence:?}: {html}");
    }
    // Daily mail goes out every day: there is no day to choose.
    let daily = editor(set(Cadence::Daily, Some(Weekday::Tuesday)), "weekly-promo").await;
    assert!(!daily.contains(id));
    no_behaviour_attributes(&spread);
}

#[tokio::test]
async fn the_lane_override_shows_the_lane_or_the_missing_one() {
    let mut plan = sample_plan();
    plan.journeys[8].lane_override = Some("promotional".into());
    let html = editor(plan, "winback").await;
    assert_eq!(selected(&html, "journey-winback-lane"), "promotional");
    assert!(html.contains(">Promotional (always)</option>"));
    assert!(html.contains(">Route by rules</option>"));
    assert!(html.contains("Lane chosen on the journey (override)"));
    assert!(html.contains("class=\"reason override\""));

    let mut plan = sample_plan();
    plan.journeys[8].lane_override = Some("vip".into());
    let html = editor(plan, "winback").await;
    assert_eq!(selected(&html, "journey-winback-lane"), "vip");
    assert!(html.contains("Missing lane “vip”"));
    assert!(html.contains("Unrouted: its override names the missing lane “vip”"));
    assert!(html.contains("class=\"reason unrouted\""));
}

#[tokio::test]
async fn the_editor_shows_findings_with_their_fixes() {
    let mut plan = sample_plan();
    plan.journeys[3].trigger = Trigger::Event {
        event_name: String::new(),
        latency_minutes: 90,
        delay_minutes: 30,
    };
    let html = editor(plan, "cart-recovery").await;
    assert!(html.contains("The trigger event has no name."), "{html}");
    assert!(html.contains("Fix: Wait 105 minutes"), "{html}");
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn a_new_journey_is_unrouted_without_a_default_lane() {
    let mut plan = Plan::empty("p");
    let mut j = switchyard::plan::model::Journey::new("journey-1", "New journey");
    j.trigger = Trigger::Scheduled {
        cadence: Cadence::Weekly,
        send_day: None,
        send_date: None,
    };
    plan.journeys.push(j);
    plan.default_lane = None;
    let html = journeys(plan).await;
    assert!(html.contains("Showing 1 of 1 journeys."));
    assert!(html.contains("Unrouted: no rule matches and the plan has no default lane"));
    assert!(html.contains("<td class=\"lane-cell\">—</td>"), "{html}");
}

#[tokio::test]
async fn a_long_name_is_clamped_in_its_row_and_whole_in_its_title() {
    let mut plan = sample_plan();
    let long = "Revenue flows ".repeat(22);
    plan.lanes[1].name = long.clone();
    let html = journeys(plan).await;
    let cell = format!(
        "<td class=\"lane-cell\"><span title=\"{long}\" class=\"clamp\">{long}</span></td>"
    );
    assert!(html.contains(&cell), "{html}");
    // A name of usual length is plain text.
    assert!(
        html.contains("<td class=\"lane-cell\">Transactional</td>"),
        "{html}"
    );
}

#[tokio::test]
async fn an_empty_plan_has_no_rows() {
    let html = journeys(Plan::empty("p")).await;
    assert!(html.contains("Showing 0 of 0 journeys."));
    assert!(html.contains("id=\"add-journey\""));
    assert!(!html.contains("journey-row"));
}

#[tokio::test]
async fn user_text_is_escaped() {
    let mut plan = sample_plan();
    plan.journeys[0].name = "<img src=x onerror=alert(1)>".into();
    plan.journeys[0].owning_team = "<script>alert(1)</script>".into();
    plan.lanes[0].name = "<script>lane</script>".into();
    let html = journeys(plan.clone()).await;
    no_injected_markup(&html);
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    let open = editor(plan, "order-confirmation").await;
    no_injected_markup(&open);
}

/// The sample with its weekly promotion sent once, on `date`.
fn one_off(date: Option<&str>) -> Plan {
    let mut plan = sample_plan();
    plan.journeys[10].trigger = Trigger::Scheduled {
        cadence: Cadence::OneOff,
        send_day: None,
        send_date: date.map(String::from),
    };
    plan
}

#[tokio::test]
async fn a_one_off_offers_a_labelled_date_instead_of_a_send_day() {
    let id = "journey-weekly-promo-send_date";
    let html = editor(one_off(Some("2027-11-18")), "weekly-promo").await;
    assert_eq!(selected(&html, "journey-weekly-promo-cadence"), "one_off");
    assert!(html.contains(">Once, on a date</option>"), "{html}");
    // A native date input, named by its label, with the plan's date.
    assert_eq!(attribute(&html, id, "type"), "date");
    assert_eq!(attribute(&html, id, "value"), "2027-11-18");
    assert!(
        html.contains(&format!("<label for=\"{id}\">Send date</label>")),
        "{html}"
    );
    assert!(!tag(&html, id).contains("tabindex=\"-1\""));
    assert!(html.contains("The one day this send goes out"), "{html}");
    // No day of the week: the date says when.
    assert!(!html.contains("journey-weekly-promo-send_day"));
    // The volume is the send's, not an average over a cadence.
    assert!(html.contains("A one-off sends this many once, on its send date."));
    assert!(!html.contains("A daily average over the cadence"));
    no_behaviour_attributes(&html);

    // (the date, what the editor says under it)
    let cases = [
        (
            None,
            "has no date, so no day of the calendars or the simulation carries its mail",
        ),
        (
            Some("2028-03-01"),
            "falls outside the simulated days, 2027-09-06 to 2027-12-04",
        ),
    ];
    for (date, says) in cases {
        let html = editor(one_off(date), "weekly-promo").await;
        assert_eq!(attribute(&html, id, "value"), date.unwrap_or(""));
        assert!(html.contains(says), "{date:?}: {html}");
    }

    // Other cadences have no date field.
    let weekly = editor(sample_plan(), "weekly-promo").await;
    assert!(!weekly.contains(id));
}

#[tokio::test]
async fn a_one_offs_volume_is_the_sends_not_a_days() {
    let id = "journey-weekly-promo-volume";
    // (the plan, the field's label, the list's cell)
    let cases = [
        (sample_plan(), "Messages per day", ">18,000</td>"),
        (
            one_off(Some("2027-11-18")),
            "Messages in the send",
            ">18,000 once</td>",
        ),
        (one_off(None), "Messages in the send", ">18,000 once</td>"),
    ];
    for (plan, label, cell) in cases {
        let html = editor(plan.clone(), "weekly-promo").await;
        // The field keeps its id; only its label says what it counts.
        assert_eq!(attribute(&html, id, "value"), "18000");
        assert!(
            html.contains(&format!("<label for=\"{id}\">{label}</label>")),
            "{label}: {html}"
        );
        let list = journeys(plan).await;
        let row = element(&list, "journey-weekly-promo", "tr");
        assert!(row.contains(cell), "{label}: {row}");
    }
    // Other journeys keep their daily figure.
    let list = journeys(one_off(None)).await;
    let row = element(&list, "journey-newsletter", "tr");
    assert!(row.contains(">9,000</td>"), "{row}");
}

#[tokio::test]
async fn the_volume_column_is_headed_for_a_days_mail_and_a_send_alike() {
    // A day's figure and a one-off's "18,000 once" share the column.
    let html = journeys(one_off(Some("2027-11-18"))).await;
    assert!(
        html.contains("<th scope=\"col\" class=\"num\">Volume</th>"),
        "{html}"
    );
    assert!(!html.contains("Per day"), "{html}");
    let row = element(&html, "journey-weekly-promo", "tr");
    assert!(row.contains(">18,000 once</td>"), "{row}");
}

#[tokio::test]
async fn a_one_off_whose_date_has_passed_says_so_once_in_its_editor() {
    // The pages' today is 2026-12-01; the sample simulates from 2027-09-06.
    // (the send date, what the editor says, what it does not)
    let passed = "The one-off send “Weekly promotion” is dated 2026-11-18, which has passed";
    let outside = "falls outside the simulated days";
    let cases = [
        (Some("2026-11-18"), passed, outside),
        (Some("2027-09-05"), outside, "which has passed"),
    ];
    for (date, says, not) in cases {
        let html = editor(one_off(date), "weekly-promo").await;
        assert!(html.contains(says), "{date:?}: {html}");
        assert!(!html.contains(not), "{date:?}: {html}");
    }
    let html = editor(one_off(Some("2026-11-18")), "weekly-promo").await;
    assert!(
        html.contains("set the date of its next send; if it has gone out, delete the journey."),
        "{html}"
    );
}

#[tokio::test]
async fn the_journey_list_says_when_a_one_off_goes_out() {
    let html = journeys(one_off(Some("2027-11-18"))).await;
    assert!(html.contains("Scheduled, once on 2027-11-18"), "{html}");
    let html = journeys(one_off(None)).await;
    assert!(html.contains("Scheduled, once (no date yet)"), "{html}");
    no_injected_markup(&html);
}

#[tokio::test]
async fn a_change_to_a_one_off_says_the_volume_is_now_the_whole_send() {
    use switchyard::ui::pages::journeys::{JourneyVolume, JourneyVolumeProps};
    let id = "journey-weekly-promo-volume";
    let hint = "The volume is now the whole send: 18,000 once.";
    // (the plan, the cadence the editor changed it from, the field's help)
    let cases = [
        (one_off(Some("2027-11-18")), Some(Cadence::Weekly), hint),
        (one_off(None), Some(Cadence::Daily), hint),
        // A one-off as the plan had it, and a weekly send, say what they
        // always do.
        (
            one_off(None),
            None,
            "A one-off sends this many once, on its send date.",
        ),
        (
            sample_plan(),
            Some(Cadence::Weekly),
            "A daily average over the cadence",
        ),
    ];
    for (plan, once_from, help) in cases {
        let html = super::support::render::<JourneyVolume>(JourneyVolumeProps {
            id: id.into(),
            journey: plan.journeys[10].clone(),
            once_from,
            findings: Vec::new(),
            on_change: Callback::noop(),
        })
        .await;
        assert!(html.contains(help), "{once_from:?}: {html}");
        assert_eq!(html.contains(hint), help == hint, "{once_from:?}: {html}");
        // The field keeps its number and its label says what it counts.
        assert_eq!(attribute(&html, id, "value"), "18000");
        let label = plan.journeys[10].volume_label();
        assert!(html.contains(&format!("<label for=\"{id}\">{label}</label>")));
    }
}

/// The journeys page inside what the shell gives it: the view and the
/// editors' memories it keeps across tabs.
#[derive(yew::Properties, PartialEq)]
struct ShellProps {
    page: switchyard::ui::pages::PageProps,
    view: Kept<JourneysView>,
    memories: Kept<JourneyMemories>,
}

#[yew::component]
fn Shell(props: &ShellProps) -> yew::Html {
    use yew::{html, ContextProvider};
    html! {
        <ContextProvider<Kept<JourneysView>> context={props.view.clone()}>
            <ContextProvider<Kept<JourneyMemories>> context={props.memories.clone()}>
                <JourneysPage ..props.page.clone() />
            </ContextProvider<Kept<JourneyMemories>>>
        </ContextProvider<Kept<JourneysView>>>
    }
}

#[tokio::test]
async fn what_a_cadence_change_set_aside_outlives_the_journeys_page() {
    let (view, memories) = (Kept::<JourneysView>::default(), Kept::default());
    // The shell, with the weekly promotion's editor open, draws the page
    // anew each time, as on coming back from another tab.
    let shown = |plan: &Plan| {
        view.set(JourneysView {
            plan_id: plan.id.clone(),
            open: Some("weekly-promo".into()),
            ..JourneysView::default()
        });
        render::<Shell>(ShellProps {
            page: props(plan.clone()),
            view: view.clone(),
            memories: memories.clone(),
        })
    };
    // The edit the cadence select makes, from what the editor remembers.
    let change = |plan: &mut Plan, to: Cadence| {
        let set = memories.with(|m| m.of(plan)[10].with(|m| m.cadence(to)));
        let journey = "weekly-promo".to_string();
        edit_plan(plan, Edit::Journey { journey, set });
    };
    let note = "The volume is now the whole send: 18,000 once.";
    let day = "journey-weekly-promo-send_day";
    let mut plan = sample_plan();
    edit_plan(
        &mut plan,
        Edit::Journey {
            journey: "weekly-promo".into(),
            set: JourneyField::SendDay(Some(Weekday::Tuesday)),
        },
    );
    assert_eq!(selected(&shown(&plan).await, day), "tuesday");
    change(&mut plan, Cadence::OneOff);
    let once = plan.clone();
    let html = shown(&plan).await;
    assert!(html.contains(note), "{html}");
    change(&mut plan, Cadence::Weekly);
    let html = shown(&plan).await;
    assert_eq!(selected(&html, day), "tuesday");
    assert!(!html.contains(note));
    // A page without the shell's memories starts afresh: nothing was
    // changed to a one-off as far as it knows.
    let html = journeys(once.clone()).await;
    assert!(!html.contains(note));
    // A journey deleted takes its memory with it: one of the same id later
    // is a journey of its own.
    change(&mut plan, Cadence::OneOff);
    assert!(shown(&plan).await.contains(note));
    let mut gone = plan.clone();
    edit_plan(&mut gone, Edit::DeleteJourney("weekly-promo".into()));
    shown(&gone).await;
    assert!(!shown(&once).await.contains(note));
    // Another plan's journeys are not this plan's, whatever their ids.
    let other = Plan {
        id: "another".into(),
        ..once.clone()
    };
    change(&mut plan, Cadence::Weekly);
    shown(&plan).await;
    change(&mut plan, Cadence::OneOff);
    assert!(shown(&plan).await.contains(note));
    assert!(!shown(&other).await.contains(note));
}

#[tokio::test]
async fn a_winback_on_a_lane_not_warm_yet_opens_and_shows_at_its_lane() {
    use switchyard::plan::model::LaneStatus;
    use switchyard::review::place::{place_of_finding, Place};
    let mut plan = sample_plan();
    plan.lanes[1].status = LaneStatus::Warming;
    let page = props(plan.clone());
    let finding = (page.findings.all.iter())
        .find(|d| d.code == "lint.winback_while_warming")
        .cloned()
        .expect("a winback on a warming lane");
    // The finding is about the lane the journey goes through: Open lands
    // on its Lane field, not its Intent.
    let place = place_of_finding(&plan, &[], &finding);
    let Place::JourneyField { journey, control } = place else {
        panic!("{place:?}")
    };
    let html = editor(plan, &journey).await;
    let id = format!("journey-{journey}-{control}");
    assert_eq!(id, "journey-winback-lane");
    assert_eq!(selected(&html, &id), "");
    // Its note is drawn under that field, not under the Intent.
    let lane = html.find(&format!("id=\"{id}\"")).unwrap();
    let volume = html.find("id=\"journey-winback-volume\"").unwrap();
    let intent = html.find("id=\"journey-winback-intent\"").unwrap();
    let at = html
        .find("lapsed subscribers through Revenue flows")
        .unwrap();
    assert!(intent < lane && lane < at && at < volume, "{html}");
}

/// The search box keeps the journeys whose name, tags or trigger hold
/// every word typed, in any case, and the count says how many.
#[tokio::test]
async fn the_search_box_keeps_the_journeys_that_hold_its_words() {
    let plan = sample_plan();
    let view = Kept::<JourneysView>::default();
    view.set(JourneysView {
        plan_id: plan.id.clone(),
        text: "RECOVERY cart".into(),
        ..JourneysView::default()
    });
    let html = render::<Shell>(ShellProps {
        page: props(plan.clone()),
        view,
        memories: Kept::default(),
    })
    .await;
    assert!(html.contains("id=\"journey-cart-recovery\""), "{html}");
    assert!(!html.contains("id=\"journey-checkout-recovery\""), "{html}");
    assert!(html.contains(&format!("Showing 1 of {} journeys.", plan.journeys.len())));
    assert!(html.contains("type=\"search\""));
}

#[test]
fn a_journey_holds_words_of_its_name_tags_and_trigger() {
    let plan = sample_plan();
    let cart = plan
        .journeys
        .iter()
        .find(|j| j.id == "cart-recovery")
        .unwrap();
    let event = cart.trigger.name().to_string();
    assert!(!event.is_empty());
    // (text, held)
    let cases = [
        ("", true),
        ("   ", true),
        ("cart", true),
        ("CART Recovery", true),
        ("cart winback", false),
        (event.as_str(), true),
        ("no such words", false),
    ];
    for (text, held) in cases {
        assert_eq!(cart.holds_words(text), held, "{text:?}");
    }
    let mut tagged = cart.clone();
    tagged.tags = vec!["Holiday-2027".into()];
    assert!(tagged.holds_words("holiday"));
    // The Trigger column's words, and a name typed with either apostrophe.
    let held = |id: &str, text: &str| {
        let j = plan.journeys.iter().find(|j| j.id == id).unwrap();
        j.holds_words(text)
    };
    assert!(held("cart-recovery", "event"));
    let scheduled = plan
        .journeys
        .iter()
        .find(|j| j.trigger.summary().starts_with("Scheduled"))
        .unwrap();
    assert!(scheduled.holds_words("scheduled"));
    let segment = plan
        .journeys
        .iter()
        .find(|j| j.trigger.summary().starts_with("Enters segment"))
        .unwrap();
    assert!(segment.holds_words("segment"));
    let mut apostrophe = cart.clone();
    apostrophe.name = "Roaster's newsletter".into();
    assert!(apostrophe.holds_words("roaster\u{2019}s"));
    assert!(apostrophe.holds_words("Roaster's"));
    assert!(!held("cart-recovery", "segment"));
}
