//! The warm-up page: each lane's schedule fields against the plan, its
//! figures, chart, calendar and CSV, and the published schedules.

use switchyard::plan::edit::{edit_plan, Edit, RampField, WarmupField};
use switchyard::plan::model::{Overflow, Plan, WarmupPreset};
use switchyard::plan::sample::sample_plan;
use switchyard::ui::pages::warmup::{calendars, WarmupPage};

use super::support::{
    self, attr, element, is_checked, no_behaviour_attributes, no_injected_markup, selected, tag,
};

/// What a lane without a warm-up says.
const WARM: &str = "No warm-up: the lane sends all its mail from the first day, without a cap. Choose a schedule if it is new or its volume is growing.";

async fn page(plan: Plan) -> String {
    support::render::<WarmupPage>(support::props(plan)).await
}

/// The text of the lane's card.
fn card<'a>(html: &'a str, lane: &str) -> &'a str {
    element(html, &format!("warmup-{lane}"), "article")
}

#[tokio::test]
async fn the_warmup_page_shows_the_calendar_and_its_csv() {
    let html = page(sample_plan()).await;
    // The calendar is the plan; the simulation is where gates hold it.
    assert!(html.contains("as if every day passed its health gates; the Simulation tab shows"));
    // The sample's promotional lane warms up on Braze moderate for Black Friday.
    let promotional = card(&html, "promotional");
    assert!(promotional.contains("Braze docs"));
    assert!(
        promotional.contains("60,000 a day: reached"),
        "{promotional}"
    );
    assert!(promotional.contains("role=\"img\""));
    assert!(promotional.contains("the warm-up cap against the mail wanted"));
    assert!(promotional.contains("Calendar for Promotional as a table"));
    assert!(promotional.contains("<table class=\"data calendar\">"));
    assert!(promotional.contains("<td class=\"date\">2027-09-06</td>"));
    let download = tag(&html, "download-warmup-promotional");
    assert!(download.starts_with("<button"), "{download}");
    assert!(promotional.contains("Download the calendar (CSV)"));
    // A lane without a warm-up says what that means, and offers the schedules.
    assert!(card(&html, "transactional").contains(WARM));
    assert!(!html.contains("download-warmup-transactional"));
    assert!(html.contains("The published schedules"));
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn the_download_offers_the_calendar_as_csv() {
    let plan = sample_plan();
    let all = calendars(&plan);
    assert_eq!(all.len(), 1, "only the promotional lane warms up");
    let csv = &all[0].csv;
    assert_eq!(all[0].lane, "promotional");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("date,sending,ramp_day,daily_cap,wanted,waiting,sent_engaged_30,sent_engaged_60,sent_engaged_90,sent_others,over_cap,off_day,note")
    );
    assert!(lines.next().unwrap().starts_with("2027-09-06,yes,1,50,"));
    assert!(csv.contains("2027-10-11,no,,,27000,0,0,0,0,0,0,27000,\"Skipped date: the ramp holds, and the day's 27,000 messages are not sent.\""));
}

#[tokio::test]
async fn the_figures_and_the_table_count_the_mail_of_days_off() {
    let html = page(sample_plan()).await;
    assert!(
        html.contains(
            "<dt>On days the lane does not send</dt><dd>135,000 messages wanted, not sent</dd>"
        ),
        "the figure"
    );
    // The Saturday in the ramp wants its 27,000 like any other day.
    let row = html
        .split("<tr")
        .find(|r| r.contains("<td class=\"date\">2027-09-11</td>"))
        .expect("the Saturday's row");
    assert!(row.contains("<td class=\"num\">27,000</td>"), "{row}");
    assert!(
        row.contains("Not a sending day in the ramp: the day's 27,000 messages are not sent."),
        "{row}"
    );
    // The chart draws that mail too, in its own colour, as the table counts it.
    assert!(html.contains("class=\"offday\""));
    assert!(html.contains("Wanted on a day it does not send"));

    let mut plan = sample_plan();
    plan.lanes[2].warmup.as_mut().unwrap().overflow = Overflow::Defer;
    assert!(page(plan)
        .await
        .contains("135,000 messages wanted, wait for the next sending day"));

    // A skipped date past the calendar's last day is named, not counted.
    let mut plan = sample_plan();
    let w = plan.lanes[2].warmup.as_mut().unwrap();
    w.skipped_dates.push("2028-08-01".into());
    let html = page(plan).await;
    assert!(
        html.contains("<dt>On days the lane does not send</dt><dd>135,000 messages wanted, not sent; skipped past this calendar, and not counted here: 2028-08-01</dd>"),
        "the figure"
    );
}

#[tokio::test]
async fn a_ramp_without_sending_days_does_not_say_all_the_mail_goes_through() {
    // No sending day: nothing goes over the cap, and nothing is sent.
    let mut plan = sample_plan();
    plan.lanes[2]
        .warmup
        .as_mut()
        .unwrap()
        .sending_weekdays
        .clear();
    let html = page(plan).await;
    let promotional = card(&html, "promotional");
    assert!(promotional
        .contains("<dd>None: on the days the lane sends, the cap lets their mail through</dd>"));
    assert!(!promotional.contains("lets all the mail through"));
    // A ramp above all the lane's mail every day does let it all through.
    let mut plan = sample_plan();
    let w = plan.lanes[2].warmup.as_mut().unwrap();
    w.preset = WarmupPreset::Custom;
    (w.custom.start_volume, w.custom.cap) = (500_000, 500_000);
    w.skipped_dates.clear();
    w.sending_weekdays = (1..=7).collect();
    let html = page(plan).await;
    let promotional = card(&html, "promotional");
    assert!(promotional.contains("<dd>None: the cap lets all the mail through</dd>"));
}

#[tokio::test]
async fn the_calendar_reaches_every_listed_skipped_date() {
    // The sample skips 2027-10-11, which a peak a fortnight after the
    // start would leave past the calendar's last day.
    let mut plan = sample_plan();
    let w = plan.lanes[2].warmup.as_mut().unwrap();
    (w.start_date, w.target_date) = ("2027-08-31".into(), "2027-09-15".into());
    assert_eq!(w.skipped_dates, ["2027-10-11"]);
    let html = page(plan).await;
    let promotional = card(&html, "promotional");
    let row = (promotional.split("<tr"))
        .find(|r| r.contains("<td class=\"date\">2027-10-11</td>"))
        .expect("the skipped date's row");
    assert!(row.contains("<td class=\"num\">27,000</td>"), "{row}");
    assert!(!promotional.contains("<td class=\"date\">2027-10-12</td>"));
}

#[tokio::test]
async fn the_fields_carry_the_lanes_warmup() {
    let html = page(sample_plan()).await;
    let start = tag(&html, "f-warmup-promotional-start_date");
    assert_eq!(attr(start, "type"), Some("date"));
    assert_eq!(attr(start, "value"), Some("2027-09-06"));
    let target = tag(&html, "f-warmup-promotional-target_date");
    assert_eq!(attr(target, "type"), Some("date"));
    assert_eq!(attr(target, "value"), Some("2027-11-26"));
    let volume = tag(&html, "f-warmup-promotional-target_volume");
    assert_eq!(attr(volume, "type"), Some("number"));
    assert_eq!(attr(volume, "value"), Some("60000"));
    assert_eq!(attr(volume, "min"), Some("0"));
    assert_eq!(attr(volume, "step"), Some("1"));
    // Each day without sending is a date input of its own, beside an empty
    // one that adds a day.
    let skipped = tag(&html, "f-warmup-promotional-skipped_dates-0");
    assert_eq!(attr(skipped, "type"), Some("date"));
    assert_eq!(attr(skipped, "value"), Some("2027-10-11"));
    assert!(!html.contains("id=\"f-warmup-promotional-skipped_dates-1\""));
    let add = tag(&html, "f-warmup-promotional-skipped_dates-add");
    assert_eq!(attr(add, "type"), Some("date"));
    assert_eq!(attr(add, "value"), None);
    assert!(html.contains("aria-label=\"Remove 2027-10-11\""));
    assert_eq!(
        selected(&html, "f-warmup-promotional-preset"),
        "braze_moderate"
    );
    assert_eq!(selected(&html, "f-warmup-promotional-overflow"), "suppress");
    assert_eq!(selected(&html, "f-warmup-transactional-preset"), "none");
    // Each lane's schedule select names its lane, for people who cannot
    // see the card's heading.
    assert!(html.contains(
        "<label for=\"f-warmup-promotional-preset\"><span aria-hidden=\"true\">Schedule</span><span class=\"visually-hidden\">Schedule, Promotional</span></label>"
    ));
    // Weekdays only: Monday to Friday ticked, the weekend not.
    for day in 1..=7 {
        let weekday = tag(&html, &format!("f-warmup-promotional-weekday-{day}"));
        assert_eq!(attr(weekday, "type"), Some("checkbox"));
        assert_eq!(is_checked(weekday), day <= 5, "{weekday}");
    }
    // Spilling is not chosen, so there is no lane to spill into.
    assert!(!html.contains("f-warmup-promotional-spill_lane"));
    assert!(!html.contains("f-warmup-promotional-custom-start_volume"));
    // Every control has its label.
    support::every_control_labelled(&html, "f-warmup-");
}

#[tokio::test]
async fn choosing_a_schedule_for_a_warm_lane_plans_its_warmup() {
    let mut plan = sample_plan();
    let warmup = |set| Edit::Warmup {
        lane: "transactional".into(),
        set,
    };
    edit_plan(
        &mut plan,
        warmup(WarmupField::Preset(Some(WarmupPreset::KumoTransactional))),
    );
    let html = page(plan.clone()).await;
    assert_eq!(
        selected(&html, "f-warmup-transactional-preset"),
        "kumo_transactional"
    );
    let transactional = card(&html, "transactional");
    assert!(transactional.contains("Set a valid first day to see the calendar."));
    assert_eq!(
        attr(tag(&html, "f-warmup-transactional-start_date"), "value"),
        Some("")
    );
    // With a first day, the calendar and its download appear.
    edit_plan(
        &mut plan,
        warmup(WarmupField::StartDate("2027-03-01".into())),
    );
    let html = page(plan.clone()).await;
    let transactional = card(&html, "transactional");
    assert!(transactional.contains("Warm on"), "{transactional}");
    assert!(transactional.contains("<td class=\"date\">2027-03-01</td>"));
    assert!(html.contains("id=\"download-warmup-transactional\""));
    // "No warm-up" removes the plan.
    edit_plan(&mut plan, warmup(WarmupField::Preset(None)));
    assert!(plan.lane("transactional").unwrap().warmup.is_none());
    let html = page(plan).await;
    assert_eq!(selected(&html, "f-warmup-transactional-preset"), "none");
    assert!(card(&html, "transactional").contains(WARM));
}

#[tokio::test]
async fn a_custom_ramp_and_a_spill_lane_show_their_fields() {
    let mut plan = sample_plan();
    let warmup = |set| Edit::Warmup {
        lane: "promotional".into(),
        set,
    };
    edit_plan(
        &mut plan,
        warmup(WarmupField::Preset(Some(WarmupPreset::Custom))),
    );
    for set in [
        RampField::StartVolume(800),
        RampField::GrowthPercent(25),
        RampField::HoldDays(2),
        RampField::Cap(90_000),
    ] {
        edit_plan(&mut plan, warmup(WarmupField::Custom(set)));
    }
    edit_plan(&mut plan, warmup(WarmupField::Overflow(Overflow::Spill)));
    let html = page(plan.clone()).await;
    for (field, value) in [
        ("start_volume", "800"),
        ("growth_percent", "25"),
        ("hold_days", "2"),
        ("cap", "90000"),
    ] {
        let input = tag(&html, &format!("f-warmup-promotional-custom-{field}"));
        assert_eq!(attr(input, "type"), Some("number"), "{field}");
        assert_eq!(attr(input, "value"), Some(value), "{field}");
    }
    assert_eq!(selected(&html, "f-warmup-promotional-overflow"), "spill");
    assert_eq!(selected(&html, "f-warmup-promotional-spill_lane"), "");
    assert!(card(&html, "promotional").contains("Overflow spills to a lane, but none is chosen."));
    assert!(card(&html, "promotional").contains("messages, to spill once a lane is chosen"));
    edit_plan(
        &mut plan,
        warmup(WarmupField::SpillLane(Some("transactional".into()))),
    );
    let html = page(plan).await;
    assert_eq!(
        selected(&html, "f-warmup-promotional-spill_lane"),
        "transactional"
    );
    let promotional = card(&html, "promotional");
    assert!(!promotional.contains("none is chosen"));
    assert!(promotional.contains("messages, spilled to Transactional"));
    // The lint beside the field: marketing overflow borrows the
    // transactional lane's reputation.
    assert!(
        promotional.contains("spills its overflow into Transactional, the transactional lane"),
        "{promotional}"
    );
}

#[tokio::test]
async fn a_lane_spilling_into_itself_is_shown_as_this_lane() {
    let mut plan = sample_plan();
    let warmup = |set| Edit::Warmup {
        lane: "promotional".into(),
        set,
    };
    edit_plan(&mut plan, warmup(WarmupField::Overflow(Overflow::Spill)));
    let html = page(plan.clone()).await;
    let spill = element(&html, "f-warmup-promotional-spill_lane", "select");
    assert!(!spill.contains("(this lane)"), "offered only when chosen");
    edit_plan(
        &mut plan,
        warmup(WarmupField::SpillLane(Some("promotional".into()))),
    );
    let html = page(plan).await;
    assert_eq!(
        selected(&html, "f-warmup-promotional-spill_lane"),
        "promotional"
    );
    let spill = element(&html, "f-warmup-promotional-spill_lane", "select");
    assert!(spill.contains("Promotional (this lane)"), "{spill}");
    assert!(!spill.contains("Missing lane"), "{spill}");
    assert!(card(&html, "promotional").contains("A lane cannot spill into itself."));
}

#[tokio::test]
async fn a_warming_lane_without_a_plan_offers_its_fix() {
    let mut plan = sample_plan();
    edit_plan(
        &mut plan,
        Edit::Warmup {
            lane: "promotional".into(),
            set: WarmupField::Preset(None),
        },
    );
    let html = page(plan).await;
    let promotional = card(&html, "promotional");
    assert!(promotional.contains("Promotional is warming but has no warm-up plan."));
    assert!(
        promotional
            .contains(">Fix: Plan a warm-up: Amazon SES (45-day ramp) to 27,000 a day</button>"),
        "{promotional}"
    );
    // Named as Problems names it.
    assert!(
        promotional.contains(">Lane “Promotional” › warm-up</code>"),
        "{promotional}"
    );
    // The way out for a lane that is warm after all is its status, and the
    // select does not call a warming lane warm.
    assert!(promotional.contains("set its status to Warm on the Lanes tab"));
    assert!(
        promotional.contains(">No warm-up</option>"),
        "{promotional}"
    );
    assert!(card(&html, "transactional").contains(">No warm-up (the lane is warm)</option>"));
}

#[tokio::test]
async fn an_empty_plan_still_lists_the_published_schedules() {
    let html = page(Plan::empty("p")).await;
    assert!(html.contains("id=\"warmup-heading\""));
    assert!(html.contains("id=\"warmup-lane-1\""));
    assert_eq!(selected(&html, "f-warmup-lane-1-preset"), "none");
    assert!(html.contains("The published schedules"));
    assert!(html.contains("Braze moderate"));
    assert!(html.contains("<details class=\"card presets\">"));
    no_behaviour_attributes(&html);
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

/// The texts of the elements that open with `open` (up to their first
/// `<`), in order.
pub fn texts(html: &str, open: &str) -> Vec<String> {
    html.split(open)
        .skip(1)
        .map(|rest| rest.split('<').next().unwrap_or("").to_string())
        .collect()
}

/// The charts in `html`, each from its `<figure` to its `</figure>`.
pub fn figures(html: &str) -> Vec<&str> {
    html.split("<figure")
        .skip(1)
        .map(|f| &f[..f.find("</figure>").expect("the chart closes")])
        .collect()
}

/// A chart's scale on `side`.
pub fn axis<'a>(figure: &'a str, side: &str) -> &'a str {
    let from = format!("class=\"y-axis {side}\">");
    let rest = &figure[figure
        .find(&from)
        .unwrap_or_else(|| panic!("no {side} axis"))
        + from.len()..];
    &rest[..rest.find("</div>").expect("the axis closes")]
}

/// A chart's legend.
pub fn legend(figure: &str) -> &str {
    let rest = &figure[figure.find("<ul class=\"legend\">").expect("a legend")..];
    &rest[..rest.find("</ul>").expect("the legend closes")]
}

#[tokio::test]
async fn the_chart_has_scales_dates_and_a_legend() {
    let html = page(sample_plan()).await;
    let promotional = card(&html, "promotional");
    let figure = figures(promotional)[0];
    // The scale: 0, half and the top (the peak of 60,000 and a fifth).
    assert_eq!(
        texts(axis(figure, "left"), "<span>"),
        ["72,000", "36,000", "0"]
    );
    assert!(!figure.contains("y-axis right"));
    // The first date and the last: an axis not yet measured is taken to be
    // too narrow for the month starts between them (see tests/pages/chart.rs).
    let last = calendars(&sample_plan())[0]
        .calendar
        .as_ref()
        .and_then(|c| c.days.last())
        .map(|d| d.date.clone())
        .expect("a calendar");
    assert_eq!(
        texts(figure, "text-anchor=\"start\">"),
        ["2027-09-06"],
        "{figure}"
    );
    assert!(texts(figure, "text-anchor=\"middle\">").is_empty());
    assert_eq!(
        texts(figure, "text-anchor=\"end\">"),
        std::slice::from_ref(&last)
    );
    assert!(figure.contains(&format!("2027-09-06 to {last}")));
    // The axes are HTML and an axis SVG beside the chart, hidden from
    // screen readers, which read the chart's label; so is the readout,
    // which the chart's slider gives them as its value.
    assert_eq!(promotional.matches("role=\"img\"").count(), 1);
    assert_eq!(figure.matches("aria-hidden=\"true\"").count(), 3);
    assert!(figure.contains("role=\"slider\""));
    // The legend names each series beside a key of its colour.
    assert_eq!(
        texts(legend(figure), "</span>"),
        [
            "Wanted",
            "Wanted on a day it does not send",
            "Sent",
            "Daily cap",
            "Warm on",
            "Peak date"
        ]
    );
    for class in ["wanted", "offday", "sent", "cap", "marker", "marker peak"] {
        assert!(
            figure.contains(&format!("<span class=\"key {class}\"></span>")),
            "{class}"
        );
    }
    assert!(!figure.contains("Light bars"));
    // The cap line ends once the cap covers the lane's mail and its peak:
    // the ramp grows on, far above the mail, but no longer limits it.
    assert!(!figure.contains("off-scale"), "{figure}");
    let cap_line = figure.split("class=\"cap\"").next().unwrap();
    let last_x: f64 = cap_line
        .rsplit(" H")
        .next()
        .unwrap()
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap();
    let warm_x: f64 = figure
        .split("<title>Warm on")
        .next()
        .unwrap()
        .rsplit("x1=\"")
        .next()
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(last_x <= warm_x, "{last_x} {warm_x}");
    // A halo under the cap line.
    assert!(figure.contains("class=\"halo\""));
}

#[tokio::test]
async fn the_calendar_names_the_audiences_it_sends_to() {
    let html = page(sample_plan()).await;
    let promotional = card(&html, "promotional");
    // The lane's journeys mail the 60- and 90-day engaged only.
    assert!(
        promotional.contains(
            "<th scope=\"col\" class=\"num\">Sent by audience: Engaged in 60 days / Engaged in 90 days</th>"
        ),
        "{promotional}"
    );
    assert!(promotional
        .contains("<tr><td class=\"date\">2027-09-06</td><td class=\"num\">1</td><td class=\"num\">50</td><td class=\"num\">27,000</td><td class=\"num\">50 / 0</td>"));
}

#[tokio::test]
async fn a_schedule_counted_from_0_is_matched_to_ramp_day_1() {
    let mut plan = sample_plan();
    edit_plan(
        &mut plan,
        Edit::Warmup {
            lane: "promotional".into(),
            set: WarmupField::Preset(Some(WarmupPreset::SendgridAutomated)),
        },
    );
    let html = page(plan).await;
    let said = "The vendor numbers its days from 0: its day 0 is ramp day 1 in the calendar.";
    let promotional = card(&html, "promotional");
    assert!(promotional.contains(said), "{promotional}");
    // Its first day is ramp day 1, at SendGrid's day-0 cap of 20 an hour.
    assert!(promotional.contains(
        "<tr><td class=\"date\">2027-09-06</td><td class=\"num\">1</td><td class=\"num\">480</td>"
    ));
    // The published table keeps SendGrid's numbers, and says so too.
    assert!(element(&html, "schedule-sendgrid_automated", "table").contains(said));
    assert!(!element(&html, "schedule-sparkpost", "table").contains(said));
}

#[tokio::test]
async fn a_warm_up_at_the_ends_of_its_numbers_still_draws() {
    // (what, start volume, peak, peak date): values only a file can hold.
    let cases = [
        ("a start of u64::MAX", u64::MAX, 0, "2027-11-26"),
        (
            "a peak that overflows a fifth more",
            5_000_000,
            u64::MAX - 1,
            "2027-11-26",
        ),
        (
            "a scale past what 160 pixels can multiply",
            1 << 60,
            1 << 60,
            "2027-11-26",
        ),
        (
            "a peak date eight thousand years on",
            500,
            60_000,
            "9999-12-31",
        ),
    ];
    for (what, start_volume, target_volume, target_date) in cases {
        let mut plan = sample_plan();
        let w = plan.lanes[2].warmup.as_mut().unwrap();
        w.preset = WarmupPreset::Custom;
        w.custom.start_volume = start_volume;
        w.target_volume = target_volume;
        w.target_date = target_date.into();
        let html = page(plan).await;
        let promotional = card(&html, "promotional");
        assert!(promotional.contains("role=\"img\""), "{what}");
    }
}

#[test]
fn chart_scales_round_up_and_never_overflow() {
    use switchyard::ui::chart::{nice_top, scaled};
    // (the largest value, the scale's top).
    for (v, top) in [
        (0, 2),
        (1, 2),
        (99, 100),
        (11_000, 12_000),
        (60_001, 62_000),
        (u64::MAX / 50, 380_000_000_000_000_000),
        (u64::MAX, u64::MAX),
    ] {
        assert_eq!(nice_top(v), top, "{v}");
    }
    assert_eq!(scaled(u64::MAX, u64::MAX, 160), 160);
    assert_eq!(scaled(1 << 62, 1 << 63, 160), 80);
    assert_eq!(scaled(5, 0, 160), 0);
}

#[tokio::test]
async fn a_lane_a_migration_moves_mail_onto_says_so() {
    use switchyard::plan::model::Migration;
    let mut plan = sample_plan();
    plan.migrations.push(Migration {
        name: "Flows onto the promo lane".into(),
        start_date: "2027-09-13".into(),
        ..Migration::new("migration-1", "revenue-flows", "promotional")
    });
    let html = page(plan.clone()).await;
    let note = element(&html, "warmup-promotional-moves", "div");
    assert!(
        note.contains("Migration “Flows onto the promo lane” moves 11,000 a day on average onto this lane from 2027-09-13"),
        "{note}"
    );
    assert!(!html.contains("warmup-transactional-moves"));
    // A one-off's send is told apart from a day's mail.
    let winback = plan.journeys.iter_mut().find(|j| j.id == "winback");
    winback.unwrap().trigger = switchyard::plan::model::Trigger::Scheduled {
        cadence: switchyard::plan::model::Cadence::OneOff,
        send_day: None,
        send_date: Some("2027-10-05".into()),
    };
    let html = page(plan).await;
    let note = element(&html, "warmup-promotional-moves", "div");
    assert!(
        note.contains("moves 9,700 a day on average and 1,300 in one-off sends onto this lane from 2027-09-13"),
        "{note}"
    );
}

#[tokio::test]
async fn a_lane_a_migration_moves_mail_off_says_so() {
    use switchyard::plan::model::Migration;
    let mut plan = sample_plan();
    plan.migrations.push(Migration {
        name: "Winback onto flows".into(),
        whole_lane: false,
        journeys: vec!["winback".into()],
        start_date: "2027-10-04".into(),
        ..Migration::new("migration-1", "promotional", "revenue-flows")
    });
    let html = page(plan).await;
    let note = element(&html, "warmup-promotional-moves", "div");
    assert!(
        note.contains("Migration “Winback onto flows” moves 1,300 a day on average off this lane to Revenue flows from 2027-10-04: the calendar leaves out what has moved each day"),
        "{note}"
    );
}

#[test]
fn a_chart_within_a_month_labels_mondays_and_a_longer_one_months() {
    use switchyard::ui::chart::date_ticks;
    let days = |start: &str, n: u64| -> Vec<String> {
        let first = chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap();
        (0..n)
            .map(|i| (first + chrono::Days::new(i)).to_string())
            .collect()
    };
    let labels = |dates: &[String]| -> Vec<String> {
        // An axis 720 pixels wide.
        date_ticks(dates.iter().map(String::as_str), 720.0)
            .into_iter()
            .map(|t| t.date.to_string())
            .collect()
    };
    // Three weeks from a Monday inside September: no month's first day.
    let short = days("2027-09-06", 21);
    assert_eq!(
        labels(&short),
        ["2027-09-06", "2027-09-13", "2027-09-20", "2027-09-26"]
    );
    // Ninety days: the months' first days.
    let long = days("2027-09-06", 90);
    assert_eq!(
        labels(&long),
        ["2027-09-06", "2027-10-01", "2027-11-01", "2027-12-04"]
    );
}

#[tokio::test]
async fn a_lane_with_send_days_says_its_busiest_day() {
    let mut plan = sample_plan();
    plan.journeys[10].trigger = switchyard::plan::model::Trigger::Scheduled {
        cadence: switchyard::plan::model::Cadence::Weekly,
        send_day: Some(switchyard::plan::model::Weekday::Tuesday),
        send_date: None,
    };
    let html = page(plan).await;
    let promotional = card(&html, "promotional");
    // 18,000 + 9,000 a day on average; a Tuesday sends a week of the
    // promotion beside a day of the newsletter.
    assert!(
        promotional
            .contains("27,000 a day on average; 135,000 on the busiest day of scheduled sends"),
        "{promotional}"
    );
    // Spread, the sample says its daily mail alone.
    let spread = page(sample_plan()).await;
    assert!(card(&spread, "promotional").contains("<dd>27,000 a day</dd>"));
}

#[tokio::test]
async fn a_one_off_is_no_part_of_the_lanes_average_and_counts_on_its_busiest_day_within_the_calendar(
) {
    use switchyard::plan::model::{Cadence, Trigger};
    let launch = |date: Option<&str>| {
        let mut plan = sample_plan();
        plan.journeys[10].trigger = Trigger::Scheduled {
            cadence: Cadence::OneOff,
            send_day: None,
            send_date: date.map(String::from),
        };
        plan
    };
    // The newsletter's 9,000 a day, and the promotion's 18,000 once.
    // (the send date, what the lane's figures say)
    let cases = [
        (
            Some("2027-11-18"),
            "<dd>9,000 a day on average, and 18,000 in one-off sends; 27,000 on the busiest day of scheduled sends</dd>",
        ),
        (
            None,
            "<dd>9,000 a day on average, and 18,000 in one-off sends; 27,000 on the busiest day of scheduled sends, counting the 18,000 of one-off sends without a date on it</dd>",
        ),
        // Dated outside the calendar, from 2027-09-06 for 400 days, the
        // send is on none of its days, so none of them is its busiest.
        (
            Some("2028-10-10"),
            "<dd>9,000 a day on average, and 18,000 in one-off sends, dated outside this calendar</dd>",
        ),
        (
            Some("2027-09-05"),
            "<dd>9,000 a day on average, and 18,000 in one-off sends, dated outside this calendar</dd>",
        ),
        // Its last day is within it.
        (
            Some("2028-10-09"),
            "<dd>9,000 a day on average, and 18,000 in one-off sends; 27,000 on the busiest day of scheduled sends</dd>",
        ),
    ];
    for (date, says) in cases {
        let html = page(launch(date)).await;
        let promotional = card(&html, "promotional");
        assert!(promotional.contains(says), "{date:?}: {promotional}");
    }
    // The newsletter sent once too, within the calendar: part of the
    // one-off mail is dated outside it.
    let mut plan = launch(Some("2028-10-10"));
    plan.journeys[11].trigger = Trigger::Scheduled {
        cadence: Cadence::OneOff,
        send_day: None,
        send_date: Some("2027-11-19".into()),
    };
    let html = page(plan).await;
    let promotional = card(&html, "promotional");
    assert!(
        promotional.contains("<dd>27,000 in one-off sends, 18,000 of it dated outside this calendar; 9,000 on the busiest day of scheduled sends</dd>"),
        "{promotional}"
    );
}

#[tokio::test]
async fn a_custom_ramp_field_shows_its_finding() {
    let mut plan = sample_plan();
    let w = plan.lanes[2].warmup.as_mut().unwrap();
    w.preset = WarmupPreset::Custom;
    w.custom.growth_percent = 0;
    let html = page(plan).await;
    let notes = element(
        &html,
        "f-warmup-promotional-custom-growth_percent-notes",
        "div",
    );
    assert!(notes.contains("grows by 0%"), "{notes}");
}

#[tokio::test]
async fn a_peak_past_the_calendar_is_not_called_reached() {
    let mut plan = sample_plan();
    plan.lanes[2].warmup.as_mut().unwrap().target_date = "2099-11-26".into();
    let html = page(plan).await;
    let promotional = card(&html, "promotional");
    assert!(
        promotional.contains("60,000 a day on 2099-11-26: past the calendar's 400 days"),
        "{promotional}"
    );
    assert!(!promotional.contains("a day: reached"));
    // The chart has no marker for it, so its caption says where it is.
    let figure = figures(promotional)[0];
    assert!(
        figure.contains("The peak date, 2099-11-26, comes after the last day shown."),
        "{figure}"
    );
    assert!(!figure.contains("class=\"marker peak\""), "{figure}");
}

#[tokio::test]
async fn deferred_mail_is_stacked_and_keeps_the_scale_on_the_days_mail() {
    // Deferring the promotions' overflow builds a backlog far above the
    // 60,000 a day the lane's journeys want.
    let mut plan = sample_plan();
    plan.lanes[2].warmup.as_mut().unwrap().overflow = Overflow::Defer;
    let html = page(plan).await;
    let promotional = card(&html, "promotional");
    let figure = figures(promotional)[0];
    // The scale is the one without deferral: the peak and a fifth.
    assert_eq!(
        texts(axis(figure, "left"), "<span>"),
        ["72,000", "36,000", "0"]
    );
    assert_eq!(
        texts(legend(figure), "</span>"),
        [
            "Wanted",
            "Deferred from earlier days",
            "Wanted on a day it does not send",
            "Sent",
            "Daily cap",
            "Warm on",
            "Peak date"
        ]
    );
    assert!(figure.contains("class=\"waiting\">"), "{figure}");
    assert!(
        figure.contains("The cap is above the scale on 3 sending days, and mail with its deferred backlog on 16 days."),
        "{figure}"
    );
    // The table says which part of a day's mail was deferred.
    let row = promotional
        .split("<tr")
        .find(|r| r.contains("<td class=\"date\">2027-09-07</td>"))
        .expect("the second day's row");
    assert!(row.contains(" deferred)</td>"), "{row}");
    // So does a day off's, whose backlog waits on, as in the simulation.
    let saturday = promotional
        .split("<tr")
        .find(|r| r.contains("<td class=\"date\">2027-09-11</td>"))
        .expect("the first Saturday's row");
    assert!(saturday.contains(" deferred)</td>"), "{saturday}");
    // The figures say how late the deferred mail goes out.
    assert!(
        promotional.contains(" messages deferred, sent up to "),
        "{promotional}"
    );
}

#[tokio::test]
async fn a_ramp_that_ends_short_of_the_peak_says_so() {
    let mut plan = sample_plan();
    let w = plan.lanes[2].warmup.as_mut().unwrap();
    w.preset = WarmupPreset::AmazonSes;
    w.target_volume = 140_000;
    let top = switchyard::warmup::calendar::top(w).unwrap();
    let html = page(plan).await;
    let promotional = card(&html, "promotional");
    let top = switchyard::units::group(top);
    assert!(
        promotional.contains(&format!(
            "<dd>140,000 a day: not reached, the ramp ends at {top} a day; the peak's mail then goes out uncapped</dd>"
        )),
        "{promotional}"
    );
    assert!(promotional.contains(&format!(
        "<dt>Where the ramp ends</dt><dd>{top} a day, short of the lane's 140,000"
    )));
    // The finding is under the peak date; Problems offers its fix.
    assert!(promotional.contains(&format!(
        "<span class=\"hint\">The ramp ends at {top} a day, so no start date reaches the peak"
    )));
}

/// A migration's hold date holds its new lane's calendar as it holds the
/// split: the row keeps the last sending day's ramp day and cap, says so,
/// and the lane's note tells of the hold dates.
#[tokio::test]
async fn a_migrations_hold_date_holds_the_new_lanes_calendar() {
    use switchyard::plan::model::{Lane, Migration, Purpose, WarmupPlan, WarmupPreset};
    let mut plan = sample_plan();
    let mut lane = Lane::new("flows-ses", "Flows on SES", Purpose::Migration);
    lane.warmup = Some(WarmupPlan {
        preset: WarmupPreset::BrazeModerate,
        start_date: "2027-09-06".into(),
        ..WarmupPlan::default()
    });
    plan.lanes.push(lane);
    plan.migrations.push(Migration {
        name: "Flows to SES".into(),
        start_date: "2027-09-06".into(),
        hold_dates: vec!["2027-09-08".into()],
        ..Migration::new("migration-1", "revenue-flows", "flows-ses")
    });
    let html = page(plan).await;
    let note = element(&html, "warmup-flows-ses-moves", "div");
    assert!(
        note.contains("Its hold dates hold this lane's ramp too"),
        "{note}"
    );
    let card = card(&html, "flows-ses");
    let row = |date: &str| {
        let at = card
            .find(&format!("<td class=\"date\">{date}</td>"))
            .unwrap_or_else(|| panic!("no row for {date}"));
        card[at..].split("</tr>").next().unwrap().to_string()
    };
    let cells = |row: &str| -> Vec<String> {
        (row.split("<td").skip(1))
            .map(|c| {
                c.split('>')
                    .nth(1)
                    .unwrap_or("")
                    .split('<')
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    };
    let (before, held, after) = (row("2027-09-07"), row("2027-09-08"), row("2027-09-09"));
    assert!(
        held.contains("A migration's hold date: the ramp stays at the last sending day's step."),
        "{held}"
    );
    // Ramp day and cap as the day before; the ramp goes on the next day.
    assert_eq!(cells(&held)[1..3], cells(&before)[1..3], "{held} {before}");
    assert_eq!(cells(&after)[1], "3", "{after}");
}

#[tokio::test]
async fn a_paused_lane_s_calendar_is_said_to_be_the_ramp_it_would_run() {
    let note =
        "Paused: the lane sends nothing while it stays paused; this is the ramp it would run.";
    let html = page(sample_plan()).await;
    assert!(!html.contains("warmup-promotional-paused"));
    let mut plan = sample_plan();
    plan.lanes[2].status = switchyard::plan::model::LaneStatus::Paused;
    let html = page(plan).await;
    let said = element(&html, "warmup-promotional-paused", "p");
    assert!(said.contains(note), "{said}");
    // The calendar is still there to read.
    assert!(card(&html, "promotional").contains("<table class=\"data calendar\">"));
}

/// A warm-up field's finding offers its fix beside the field, as Problems
/// does: a peak the ramp reaches too late starts the warm-up earlier.
#[tokio::test]
async fn a_warmup_fields_finding_offers_its_fix_beside_it() {
    let mut plan = sample_plan();
    let w = plan.lanes[2].warmup.as_mut().unwrap();
    w.target_date = "2027-09-10".into();
    let html = page(plan).await;
    let promotional = card(&html, "promotional");
    let notes = element(promotional, "f-warmup-promotional-target_date-notes", "div");
    assert!(
        notes.contains(">Fix: Start the warm-up on 2027-08-26</button>"),
        "{notes}"
    );
}
