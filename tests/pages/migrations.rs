//! The migrations page: the new-migration lanes, each migration's fields
//! against the plan, its split (figures, chart, table), steps, rollback
//! and the simulated comparison, and the peak season.

use switchyard::plan::model::{Migration, Overflow, PeakWindow, Plan};
use switchyard::plan::sample::sample_plan;
use switchyard::ui::pages::migrations::{MigrationsPage, MigrationsPageProps};

use super::delivery::failing_on;
use super::moves::promotions_to_a_new_lane;
use super::support::{
    self, attr, checked, element, escape_text, every_control_labelled, no_behaviour_attributes,
    no_injected_markup, selected, tag,
};

async fn page(plan: Plan) -> String {
    let props = MigrationsPageProps {
        page: support::props(plan),
        health: None,
    };
    support::render::<MigrationsPage>(props).await
}

/// The page with delivery data imported for `lane`: a thousand messages a
/// day, all delivered, with complaints over the health gate on `failed`.
async fn page_with_data(plan: Plan, lane: &str, days: &[&str], failed: &[&str]) -> String {
    use std::rc::Rc;
    use switchyard::monitor::health::health;
    let health = health(&plan, &failing_on(lane, days, failed));
    let props = MigrationsPageProps {
        page: support::props(plan),
        health: Some(Rc::new(health)),
    };
    support::render::<MigrationsPage>(props).await
}

/// The rows of a table, each from its `<tr` to its `</tr>`.
fn rows(table: &str) -> Vec<&str> {
    table
        .split("<tr")
        .skip(1)
        .map(|row| row.split("</tr>").next().unwrap_or(row))
        .collect()
}

/// The sample moving its revenue flows onto the promotional lane's SES
/// warm-up from the day that warm-up starts.
fn with_migration() -> Plan {
    let mut plan = sample_plan();
    plan.migrations.push(Migration {
        name: "Flows to SES".into(),
        start_date: "2027-09-06".into(),
        ..Migration::new("migration-1", "revenue-flows", "promotional")
    });
    plan
}

#[tokio::test]
async fn without_migrations_the_page_offers_a_new_one() {
    let html = page(sample_plan()).await;
    assert!(html.contains("No migration yet."));
    assert_eq!(selected(&html, "new-migration-from"), "transactional");
    assert_eq!(selected(&html, "new-migration-to"), "revenue-flows");
    let add = tag(&html, "add-migration");
    assert!(add.starts_with("<button"), "{add}");
    assert!(!add.contains("disabled"), "{add}");
    assert_eq!(attr(tag(&html, "f-peak-start"), "type"), Some("date"));
    assert!(!html.contains("remove-peak"));
    no_behaviour_attributes(&html);
    every_control_labelled(&html, "f-");
    every_control_labelled(&html, "new-migration");
}

#[tokio::test]
async fn the_fields_carry_the_migration() {
    let mut plan = with_migration();
    let m = &mut plan.migrations[0];
    m.whole_lane = false;
    m.journeys = vec!["welcome".into()];
    m.hold_dates = vec!["2027-09-08".into()];
    m.grace_days = 21;
    let html = page(plan).await;
    let id = |f: &str| format!("f-migration-migration-1-{f}");
    assert_eq!(attr(tag(&html, &id("name")), "value"), Some("Flows to SES"));
    assert_eq!(selected(&html, &id("from_lane")), "revenue-flows");
    assert_eq!(selected(&html, &id("to_lane")), "promotional");
    let start = tag(&html, &id("start_date"));
    assert_eq!(attr(start, "type"), Some("date"));
    assert_eq!(attr(start, "value"), Some("2027-09-06"));
    let hold = tag(&html, &id("hold_dates-0"));
    assert_eq!(attr(hold, "type"), Some("date"));
    assert_eq!(attr(hold, "value"), Some("2027-09-08"));
    assert_eq!(
        attr(tag(&html, &id("hold_dates-add")), "type"),
        Some("date")
    );
    let grace = tag(&html, &id("grace_days"));
    assert_eq!(attr(grace, "type"), Some("number"));
    assert_eq!(attr(grace, "value"), Some("21"));
    assert_eq!(attr(grace, "max"), Some("365"));
    assert!(!checked(&html, &id("whole_lane")));
    assert!(checked(&html, &id("journey-welcome")));
    assert!(!checked(&html, &id("journey-cart-recovery")));
    // The boxes are the old lane's journeys; one listed from another lane
    // says where it is, so it can be taken off.
    assert!(html.contains("> Cart recovery</label>"));
    assert!(!html.contains(&id("journey-order-confirmation")));
    assert!(html.contains(&id("journey-cart-recovery")));
    every_control_labelled(&html, "f-migration");
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn the_split_shows_its_end_date_chart_table_steps_and_comparison() {
    let html = page(with_migration()).await;
    let card = element(&html, "migration-migration-1", "article");
    // The promotional lane's own 27,000 a day use its Braze moderate caps
    // first: 35,000 on the tenth sending day leave room for 8,000 of the
    // 11,000, and 50,000 on the Monday after for all of it.
    let figures = element(&html, "migration-migration-1-figures", "dl");
    assert!(
        figures.contains("7 journeys, 11,000 messages a day"),
        "{figures}"
    );
    assert!(
        figures.contains("<dd>2027-09-17 (planned 2027-09-06)</dd>"),
        "{figures}"
    );
    assert!(figures.contains("<dd>2027-09-20</dd>"), "{figures}");
    let chart = element(&html, "migration-migration-1-chart", "figure");
    assert!(chart.contains("role=\"img\""));
    assert!(chart.contains("on the new lane (dark) and the old lane (light)"));
    // The legend names both bars, and the scale's top is a round figure
    // over the 11,000 moved a day.
    assert!(
        chart.contains("New lane") && chart.contains("Old lane"),
        "{chart}"
    );
    assert!(chart.contains("<span>12,000</span>"), "{chart}");
    let table = element(&html, "migration-migration-1-table", "table");
    assert!(table.contains("<td class=\"date\">2027-09-06</td>"));
    assert!(table.contains("The new lane does not send today."));
    assert!(table.contains("Complete: the new lane takes all the moved mail."));
    let steps = element(&html, "migration-migration-1-steps", "ol");
    assert!(
        steps.contains("Publish the DNS records of Promotional"),
        "{steps}"
    );
    assert!(steps.contains("2027-08-23"));
    assert!(steps.contains("Cutover: route the moved journeys to Promotional"));
    // The whole lane moves, so its records go 30 days after the last day.
    assert!(steps.contains("2027-10-20"), "{steps}");
    let rollback = element(&html, "migration-migration-1-rollback", "div");
    assert!(
        rollback.contains("Back to Revenue flows: Cart recovery"),
        "{rollback}"
    );
    let gates = element(&html, "migration-migration-1-gates", "p");
    assert!(
        gates.contains("takes every sending day to pass its health gates"),
        "{gates}"
    );
    let comparison = element(&html, "migration-migration-1-comparison", "div");
    assert!(
        comparison.contains("every day passing its gates"),
        "{comparison}"
    );
    assert!(comparison.contains("One-day cutover"));
    assert!(
        comparison.contains("more than a one-day cutover"),
        "{comparison}"
    );
    assert!(card.contains("Delete migration…"));
    // Each card's delete button names its migration, as several may show.
    assert!(card.contains("aria-label=\"Delete migration “"), "{card}");
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn findings_sit_in_their_card_with_their_fixes() {
    let mut plan = with_migration();
    plan.peak_window = Some(PeakWindow {
        name: "Harvest <b>sale</b>".into(),
        start: "2027-09-16".into(),
        end: "2027-09-21".into(),
    });
    // A journey routed to neither lane: a finding about what moves, which
    // has no notes of its own, so the card lists it.
    plan.migrations[0].whole_lane = false;
    plan.migrations[0].journeys = vec!["welcome".into(), "order-confirmation".into()];
    let html = page(plan).await;
    let card = element(&html, "migration-migration-1", "article");
    // The finding about the first day sits under it, once, with its fix.
    let notes = element(&html, "f-migration-migration-1-start_date-notes", "div");
    assert!(
        notes.contains("inside Harvest &lt;b&gt;sale&lt;/b&gt;"),
        "{notes}"
    );
    assert!(
        notes.contains("Fix: Hold the move through Harvest"),
        "{notes}"
    );
    assert_eq!(card.matches("inside Harvest").count(), 1, "{card}");
    // Where a listed finding is, in words, with its JSON path for the curious.
    assert!(card.contains("routed to neither Revenue flows"), "{card}");
    assert!(
        card.contains("<code title=\"$.migrations[0].journeys"),
        "{card}"
    );
    assert!(
        card.contains(">Migration “Flows to SES” › journeys</code>"),
        "{card}"
    );
    assert!(html.contains("remove-peak"));
    assert_eq!(attr(tag(&html, "f-peak-end"), "value"), Some("2027-09-21"));
    no_injected_markup(&html);
}

/// A move into a lane without a warm-up is told once: by its finding, with
/// its fix, when the lane is not warm; by the split's own line when it is.
#[tokio::test]
async fn a_lane_without_a_warm_up_is_told_once() {
    use switchyard::plan::model::LaneStatus;
    let line = "The new lane has no warm-up, so it takes all the moved mail on the first day.";
    for (status, finding, own_line) in [(LaneStatus::Warming, 1, 0), (LaneStatus::Warm, 0, 1)] {
        let mut plan = with_migration();
        let lane = plan
            .lanes
            .iter_mut()
            .find(|l| l.id == "promotional")
            .unwrap();
        lane.warmup = None;
        lane.status = status;
        let html = page(plan).await;
        let card = element(&html, "migration-migration-1", "article");
        assert_eq!(
            card.matches("so it all arrives on the first day").count(),
            finding,
            "{status:?}: {card}"
        );
        assert_eq!(card.matches(line).count(), own_line, "{status:?}: {card}");
    }
}

/// Two moves of the same journey at once: the finding sits on the move
/// that leaves it be, once, under the first day it is about, with its fix;
/// the card's list leaves it to that field.
#[tokio::test]
async fn an_overlap_shows_once_under_the_first_day() {
    let mut plan = with_migration();
    plan.migrations.push(Migration {
        name: "Welcome to transactional".into(),
        start_date: "2027-09-08".into(),
        whole_lane: false,
        journeys: vec!["welcome".into()],
        ..Migration::new("migration-2", "revenue-flows", "transactional")
    });
    let html = page(plan).await;
    let said = "both move Welcome series at the same time";
    let first = element(&html, "migration-migration-1", "article");
    assert!(!first.contains(said), "{first}");
    let card = element(&html, "migration-migration-2", "article");
    assert_eq!(card.matches(said).count(), 1, "{card}");
    assert_eq!(card.matches("Fix: Take it off").count(), 1, "{card}");
    let notes = element(&html, "f-migration-migration-2-start_date-notes", "div");
    assert!(notes.contains(said), "{notes}");
    assert!(
        notes.contains("Fix: Take it off Welcome to transactional"),
        "{notes}"
    );
    assert!(card.contains("No other findings for this move."), "{card}");
    no_behaviour_attributes(&html);
}

/// Imported delivery data that failed the new lane's gates on a day holds
/// the split on the next sending day: its row says so in words, naming
/// the day that failed, as the note above the table and the comparison
/// below it word the holds.
#[tokio::test]
async fn a_day_a_failed_gate_holds_says_so_in_its_row() {
    let days = ["2027-09-06", "2027-09-07", "2027-09-08", "2027-09-09"];
    let html = page_with_data(with_migration(), "promotional", &days, &["2027-09-07"]).await;
    let gates = element(&html, "migration-migration-1-gates", "p");
    assert!(
        gates.contains("but the 1 day imported delivery data failed them, each holding the ramp the next sending day"),
        "{gates}"
    );
    let table = element(&html, "migration-migration-1-table", "table");
    let rows = rows(table);
    let at = |date: &str| {
        (rows.iter())
            .position(|r| r.contains(&format!("<td class=\"date\">{date}</td>")))
            .unwrap_or_else(|| panic!("no row for {date}: {table}"))
    };
    let failed = at("2027-09-07");
    assert!(
        rows[failed].contains("Health gate failed: the ramp holds the next sending day."),
        "{}",
        rows[failed]
    );
    // The next sending day holds, and says which day's gate held it.
    let held: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].contains("Held by the health gate failed on 2027-09-07"))
        .collect();
    assert_eq!(held.len(), 1, "{table}");
    let sending_between = rows[failed + 1..held[0]]
        .iter()
        .any(|r| !r.contains("class=\"idle\""));
    assert!(held[0] > failed && !sending_between, "{table}");
    assert!(rows[held[0]].contains("the ramp stays at that day's step."));
    // A held day whose own gates fail says both.
    let twice = ["2027-09-07", "2027-09-08"];
    let html = page_with_data(with_migration(), "promotional", &days, &twice).await;
    let table = element(&html, "migration-migration-1-table", "table");
    assert!(
        table.contains("Held by the health gate failed on 2027-09-07, and failed again: the ramp holds the next sending day too."),
        "{table}"
    );
    assert!(table.contains("Held by the health gate failed on 2027-09-08: the ramp stays"));
    // Without data, no row is held.
    let plain = page(with_migration()).await;
    assert!(!plain.contains("Held by the health gate"));
    assert!(!plain.contains("Health gate failed"));
}

/// A hold date right after a day whose imported delivery data failed its
/// gates keeps that day's ramp day and cap, as its note says.
#[tokio::test]
async fn a_hold_date_after_a_failed_gate_keeps_that_days_cap() {
    let mut plan = with_migration();
    plan.migrations[0].hold_dates = vec!["2027-09-08".into()];
    let days = ["2027-09-06", "2027-09-07", "2027-09-08", "2027-09-09"];
    let html = page_with_data(plan, "promotional", &days, &["2027-09-07"]).await;
    let table = element(&html, "migration-migration-1-table", "table");
    let rows = rows(table);
    let row = |date: &str| {
        *(rows.iter())
            .find(|r| r.contains(&format!("<td class=\"date\">{date}</td>")))
            .unwrap_or_else(|| panic!("no row for {date}: {table}"))
    };
    // The cells after the date: the ramp day and the cap.
    let ramp_and_cap = |row: &str| -> Vec<String> {
        row.split("<td")
            .skip(2)
            .take(2)
            .map(str::to_string)
            .collect()
    };
    let (failed, held) = (row("2027-09-07"), row("2027-09-08"));
    assert!(failed.contains("Health gate failed"), "{failed}");
    assert!(
        held.contains("Hold date: the split stays as it was."),
        "{held}"
    );
    assert_eq!(ramp_and_cap(held), ramp_and_cap(failed), "{table}");
}

#[tokio::test]
async fn a_migration_without_a_date_asks_for_one() {
    let mut plan = with_migration();
    plan.migrations[0].start_date.clear();
    let html = page(plan).await;
    assert!(html.contains("Set a valid first day to see the daily split."));
    assert!(!html.contains("migration-migration-1-comparison"));
}

/// On Customer.io a move of part of a message type moves the whole type,
/// as the Platform tab's steps say: the card gives those steps, with the
/// figure for the whole type beside the move's own.
#[tokio::test]
async fn on_customer_io_the_card_says_what_the_platform_tab_says() {
    use switchyard::plan::model::{LaneStatus, Platform};
    use switchyard::plan::routing::route;
    use switchyard::platform::status::status;
    let mut plan = sample_plan();
    let mut lane = plan.lanes[2].clone();
    lane.id = "promotional-2".into();
    lane.name = "Promotions 2".into();
    lane.warmup = None;
    lane.status = LaneStatus::Warm;
    plan.lanes.push(lane);
    plan.migrations.push(Migration {
        name: "Promotions to the new pool".into(),
        start_date: "2027-09-06".into(),
        whole_lane: false,
        journeys: vec!["weekly-promo".into()],
        ..Migration::new("migration-1", "promotional", "promotional-2")
    });
    let html = page(plan.clone()).await;
    let figures = element(&html, "migration-migration-1-figures", "dl");
    assert!(
        figures.contains("1 journey, 18,000 messages a day"),
        "{figures}"
    );
    let cio = element(&html, "migration-migration-1-customer-io", "div");
    let table = status(&plan, &route(&plan));
    let steps: Vec<&String> = (table[0].lanes[3].steps.iter())
        .filter(|s| s.starts_with("On 2027-09-06"))
        .collect();
    assert_eq!(steps.len(), 1, "{steps:#?}");
    for step in steps {
        assert!(cio.contains(&escape_text(step)), "{step}\n{cio}");
    }
    assert!(
        cio.contains("in all, Newsletters moves 27,000 messages a day."),
        "{cio}"
    );
    // A plan sent by its own code picks a lane per message: no such part.
    plan.platform.kind = Platform::OwnCode;
    let html = page(plan).await;
    assert!(!html.contains("migration-migration-1-customer-io"));
}

/// On Customer.io a move cut over before it completes still sends
/// through the old lane's server until then: its card keeps the steps it
/// gave before the cutover, as the Platform tab does.
#[tokio::test]
async fn on_customer_io_a_move_cut_over_early_keeps_its_steps() {
    let before = promotions_to_a_new_lane("2027-09-06", Overflow::Defer);
    let mut cut = before.clone();
    for j in cut.journeys.iter_mut().filter(|j| j.intent.is_broadcast()) {
        j.lane_override = Some("promo-ses".into());
    }
    let id = "migration-promo-move-customer-io";
    let html = page(before).await;
    let steps = element(&html, id, "div");
    assert!(
        // Past four servers, the old lane's server changes in place.
        steps.contains("change the Newsletters server on Promotional to email-smtp"),
        "{steps}"
    );
    assert_eq!(element(&page(cut).await, id, "div"), steps);
}

#[tokio::test]
async fn the_checklist_lists_each_migrations_steps() {
    use switchyard::ui::pages::checklist::{ChecklistPage, ChecklistPageProps};
    let props = ChecklistPageProps {
        page: support::props(with_migration()),
        health: None,
    };
    let html = support::render::<ChecklistPage>(props).await;
    assert!(html.contains("Flows to SES: Revenue flows to Promotional"));
    let steps = element(&html, "migration-migration-1-steps", "ol");
    assert!(
        steps.contains("Check the records of Promotional"),
        "{steps}"
    );
    assert!(steps.contains("2027-09-03"), "{steps}");
}

#[tokio::test]
async fn a_move_of_scheduled_mail_says_its_days_without_mail_and_scales_to_its_sends() {
    // The weekly promotion, on Tuesdays and kept on the revenue-flows lane
    // by hand, moves onto the warming promotional lane, whose newsletter
    // goes out every other Thursday: Mondays have no mail.
    use switchyard::plan::model::{Cadence, Trigger, Weekday};
    let mut plan = sample_plan();
    for (index, cadence, day) in [
        (10, Cadence::Weekly, Weekday::Tuesday),
        (11, Cadence::Fortnightly, Weekday::Thursday),
    ] {
        plan.journeys[index].trigger = Trigger::Scheduled {
            cadence,
            send_day: Some(day),
            send_date: None,
        };
    }
    plan.journeys[10].lane_override = Some("revenue-flows".into());
    plan.migrations.push(Migration {
        name: "Promotion to SES".into(),
        start_date: "2027-09-06".into(),
        whole_lane: false,
        journeys: vec!["weekly-promo".into()],
        ..Migration::new("migration-1", "revenue-flows", "promotional")
    });
    let html = page(plan).await;
    let table = element(&html, "migration-migration-1-table", "table");
    assert!(
        table.contains("No mail is due today: the ramp holds until the next send."),
        "{table}"
    );
    // The scale reaches over a Tuesday's 126,000, not the 18,000 average.
    let chart = element(&html, "migration-migration-1-chart", "figure");
    assert!(chart.contains("<span>140,000</span>"), "{chart}");
}

#[test]
fn a_cutover_that_earns_as_much_still_carries_the_caveat() {
    use switchyard::ui::pages::migrations::gain_sentence;
    let same = gain_sentence(0.2);
    assert!(
        same.starts_with("The ramp and a one-day cutover earn the same here, but "),
        "{same}"
    );
    assert!(same.contains("a sudden jump in volume"), "{same}");
    assert!(gain_sentence(-500.0).contains("a sudden jump in volume"));
    assert!(!gain_sentence(500.0).contains("a sudden jump"));
}

/// The simulation's failed gates are told by what each held: before the
/// move completes, the ramp and the split; after it, the ramp alone.
#[test]
fn failed_gates_after_the_move_completed_hold_only_the_ramp() {
    use switchyard::ui::pages::migrations::gate_failures;
    let done = Some("2027-09-13");
    // (case, failed days, completion, the sentence)
    let cases: [(&str, &[&str], Option<&str>, &str); 6] = [
        ("none", &[], done, "In the simulation, the new lane passed its health gates every day it sent."),
        (
            "before",
            &["2027-09-07", "2027-09-08"],
            done,
            "In the simulation, the new lane failed its health gates on 2 days (the first 2027-09-07), each holding its ramp, and the split, the next sending day.",
        ),
        (
            "never completes",
            &["2027-09-20"],
            None,
            "In the simulation, the new lane failed its health gates on 1 day (the first 2027-09-20), each holding its ramp, and the split, the next sending day.",
        ),
        (
            "one after",
            &["2027-09-14"],
            done,
            "In the simulation, the new lane failed its health gates on 1 day (the first 2027-09-14), after the move completed, so it held only its ramp.",
        ),
        (
            "all after, on the day it completed too",
            &["2027-09-13", "2027-09-15"],
            done,
            "In the simulation, the new lane failed its health gates on 2 days (the first 2027-09-13), all after the move completed, so each held only its ramp.",
        ),
        (
            "both",
            &["2027-09-07", "2027-09-14", "2027-09-15"],
            done,
            "In the simulation, the new lane failed its health gates on 3 days (the first 2027-09-07): the 1 day before the move completed each held its ramp, and the split, the next sending day; the 2 days after it held only its ramp.",
        ),
    ];
    for (case, failed, completes, words) in cases {
        let failed: Vec<String> = failed.iter().map(|d| d.to_string()).collect();
        assert_eq!(gate_failures(&failed, completes), words, "{case}");
    }
}

/// With imported delivery data failing the new lane's gates, the card's
/// completion date, the simulated comparison's schedule and the split
/// held on those days are one date.
#[tokio::test]
async fn the_comparison_measures_the_run_against_the_held_schedule() {
    let days = ["2027-09-06", "2027-09-07", "2027-09-08", "2027-09-09"];
    let html = page_with_data(with_migration(), "promotional", &days, &["2027-09-07"]).await;
    let figures = element(&html, "migration-migration-1-figures", "dl");
    let done = figures
        .split("<dt>Complete on</dt><dd>")
        .nth(1)
        .and_then(|rest| rest.split("</dd>").next())
        .unwrap_or_else(|| panic!("{figures}"));
    let comparison = element(&html, "migration-migration-1-comparison", "div");
    assert!(
        comparison.contains("held after the 1 day imported delivery data failed its gates"),
        "{comparison}"
    );
    assert!(
        comparison.contains(&format!(
            "completes on {done} as the split plans it, held after"
        )) || comparison.contains(&format!("failed its gates: {done})")),
        "{done}: {comparison}"
    );
    // Without data the comparison takes every day to pass.
    let plain = page(with_migration()).await;
    let comparison = element(&plain, "migration-migration-1-comparison", "div");
    assert!(
        comparison.contains("every day passing its gates"),
        "{comparison}"
    );
}

/// A hold date sends, so imported delivery data can fail its gates: its
/// row says both, the next sending day is held by it, and the Delays line
/// and the comparison count the hold date and the failed gate.
#[tokio::test]
async fn a_hold_date_whose_gates_fail_says_both_and_holds_the_next_day() {
    let mut plan = with_migration();
    plan.migrations[0].hold_dates = vec!["2027-09-08".into()];
    let days = ["2027-09-06", "2027-09-07", "2027-09-08", "2027-09-09"];
    let html = page_with_data(plan, "promotional", &days, &["2027-09-08"]).await;
    let table = element(&html, "migration-migration-1-table", "table");
    let rows = rows(table);
    let row = |date: &str| {
        *(rows.iter())
            .find(|r| r.contains(&format!("<td class=\"date\">{date}</td>")))
            .unwrap_or_else(|| panic!("no row for {date}: {table}"))
    };
    assert!(
        row("2027-09-08").contains("Hold date: the split stays as it was. Health gate failed: the ramp holds the next sending day."),
        "{}",
        row("2027-09-08")
    );
    assert!(
        row("2027-09-09").contains("Held by the health gate failed on 2027-09-08"),
        "{}",
        row("2027-09-09")
    );
    let figures = element(&html, "migration-migration-1-figures", "dl");
    assert!(
        figures.contains("1 hold date of the move and 1 failed health gate"),
        "{figures}"
    );
    let comparison = element(&html, "migration-migration-1-comparison", "div");
    assert!(
        comparison.contains(
            "held after the 1 day imported delivery data failed its gates and on 1 hold date"
        ),
        "{comparison}"
    );
}

/// A day the old lane does not send has a note in the split's table, as a
/// day the new lane does not send has, saying what becomes of the moved
/// mail left on it.
#[tokio::test]
async fn the_table_says_when_the_old_lane_does_not_send() {
    let waits = "The old lane does not send today: the moved mail left on it waits for its next sending day.";
    let not_sent = "The old lane does not send today: the moved mail left on it is not sent.";
    // (first day, the old lane's overflow, date, the note it has, and
    // the one it has not)
    let cases = [
        // A weekend its ramp leaves out while it warms.
        (
            "2027-09-13",
            Overflow::Suppress,
            "2027-09-18",
            not_sent,
            waits,
        ),
        ("2027-09-13", Overflow::Defer, "2027-09-19", waits, not_sent),
        // A sending day says nothing of the old lane.
        (
            "2027-09-13",
            Overflow::Suppress,
            "2027-09-17",
            "",
            "The old lane",
        ),
        // Its skipped date, once it sends every day.
        (
            "2027-10-04",
            Overflow::Suppress,
            "2027-10-11",
            not_sent,
            waits,
        ),
        (
            "2027-10-04",
            Overflow::Suppress,
            "2027-10-10",
            "",
            "The old lane",
        ),
    ];
    for (start, overflow, date, says, not) in cases {
        let html = page(promotions_to_a_new_lane(start, overflow)).await;
        let table = element(&html, "migration-promo-move-table", "table");
        let row = *(rows(table).iter())
            .find(|r| r.contains(&format!("<td class=\"date\">{date}</td>")))
            .unwrap_or_else(|| panic!("no row for {date}: {table}"));
        assert!(row.contains(says), "{start} {date}: {row}");
        assert!(!row.contains(not), "{start} {date}: {row}");
    }
}

/// The comparison's sentence tells the schedule's holds (hold dates and the
/// days imported delivery data failed the gates, those after the move
/// completed apart, as they hold only the ramp) from the simulated lane's
/// own gates.
#[test]
fn the_comparison_tells_imported_holds_from_simulated_ones() {
    use chrono::{Days, NaiveDate};
    use switchyard::plan::routing::route;
    use switchyard::simulate::migration::compare;
    use switchyard::ui::pages::migrations::simulated_completion;
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    let plain = with_migration();
    let c = compare(&plain, &route(&plain), &plain.migrations[0], &[]).unwrap();
    let done = day(c.planned_completes_on.as_deref().unwrap());
    let after = done.checked_add_days(Days::new(1)).unwrap().to_string();
    // (case, hold dates, imported failed days, what the words say, and
    // what they must not)
    type Case<'a> = (
        &'a str,
        Vec<&'a str>,
        Vec<&'a str>,
        Vec<String>,
        Vec<&'a str>,
    );
    let cases: [Case; 5] = [
        (
            "nothing held",
            vec![],
            vec![],
            vec!["every day passing its gates".into()],
            vec!["hold date", "imported"],
        ),
        (
            "two imported days",
            vec![],
            vec!["2027-09-07", "2027-09-08"],
            vec![
                "held after the 2 days imported delivery data failed its gates".into(),
                "In the simulation, the new lane".into(),
            ],
            vec![". The new lane", "hold date"],
        ),
        (
            "one imported day after completion",
            vec![],
            vec![after.as_str()],
            vec![
                "every day before it completes passing its gates".into(),
                format!("Imported delivery data failed the new lane's gates on {after}, after the move completed, so it held only its ramp."),
            ],
            vec!["every day passing its gates"],
        ),
        (
            "a hold date and an imported day",
            vec!["2027-09-09"],
            vec!["2027-09-07"],
            vec![
                "held after the 1 day imported delivery data failed its gates and on 1 hold date"
                    .into(),
            ],
            vec![],
        ),
        (
            "a hold date alone",
            vec!["2027-09-09"],
            vec![],
            vec!["held on 1 hold date".into()],
            vec!["every day passing its gates", "imported"],
        ),
    ];
    for (case, holds, failed, says, not) in cases {
        let mut plan = with_migration();
        plan.migrations[0].hold_dates = holds.iter().map(|d| d.to_string()).collect();
        let known: Vec<NaiveDate> = failed.iter().map(|d| day(d)).collect();
        let c = compare(&plan, &route(&plan), &plan.migrations[0], &known).unwrap();
        let words = simulated_completion(&c);
        for part in says {
            assert!(words.contains(&part), "{case}: {part}: {words}");
        }
        for part in not {
            assert!(!words.contains(part), "{case}: {part}: {words}");
        }
    }
}

/// Before mail starts to move there is nothing to roll back: the card says
/// how to call the move off, with no Roll back button, which comes once
/// mail has moved.
#[tokio::test]
async fn roll_back_waits_for_mail_to_move() {
    // (first day, the button, what the card says instead)
    let cases = [
        (
            "2027-01-04",
            false,
            Some("Nothing has moved yet: mail starts to move on 2027-01-04."),
        ),
        ("2026-11-02", true, None),
    ];
    for (start, button, reason) in cases {
        let mut plan = sample_plan();
        plan.migrations.push(Migration {
            name: "Flows to receipts".into(),
            start_date: start.into(),
            ..Migration::new("migration-1", "revenue-flows", "transactional")
        });
        let html = page(plan).await;
        let rollback = element(&html, "migration-migration-1-rollback", "div");
        assert!(
            rollback.contains("Back to Revenue flows: Cart recovery"),
            "{rollback}"
        );
        assert_eq!(
            rollback.contains("Roll back…"),
            button,
            "{start}: {rollback}"
        );
        match reason {
            Some(reason) => assert!(rollback.contains(reason), "{start}: {rollback}"),
            None => assert!(!rollback.contains("Nothing has moved yet"), "{rollback}"),
        }
        no_behaviour_attributes(&html);
    }
}

/// A move off a lane whose warm-up begins later starts when it begins: the
/// card's figures say so, and the finding sits under the first day with
/// its fix.
#[tokio::test]
async fn a_move_before_its_old_lane_begins_says_when_it_starts() {
    let plan = promotions_to_a_new_lane("2027-01-11", Overflow::Suppress);
    let html = page(plan).await;
    let figures = element(&html, "migration-promo-move-figures", "dl");
    assert!(
        figures.contains("<dd>2027-09-06 (planned 2027-01-11)</dd>"),
        "{figures}"
    );
    assert!(
        figures.contains(
            "as the old lane sends none of its mail before its warm-up begins on 2027-09-06"
        ),
        "{figures}"
    );
    let notes = element(&html, "f-migration-promo-move-start_date-notes", "div");
    assert!(
        notes
            .contains("Promotional sends none of its mail before its warm-up begins on 2027-09-06"),
        "{notes}"
    );
    assert!(
        notes.contains("Fix: Start the move on 2027-09-06"),
        "{notes}"
    );
}
