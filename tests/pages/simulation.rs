//! The simulation page: the what-if fields and fallback plans against the
//! plan, the comparison with one lane, and each lane's charts and table.

use switchyard::plan::edit::{edit_plan, Edit, SimulationField};
use switchyard::plan::model::{FallbackAction, Mailbox, Overflow, Plan};
use switchyard::plan::sample::sample_plan;
use switchyard::simulate::Trigger;
use switchyard::ui::pages::simulation::{SimulationPage, SimulationPageProps};

use super::support::{
    self, attr, element, escape_text, no_behaviour_attributes, no_injected_markup, selected, tag,
};
use super::warmup::{axis, figures, legend, texts};

async fn page(plan: Plan) -> String {
    let props = SimulationPageProps {
        page: support::props(plan),
        health: None,
    };
    support::render::<SimulationPage>(props).await
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
        // What the run did not send, in the figures and day by day.
        assert!(card.contains("<dt>Mail not sent</dt>"), "{lane}");
        assert!(
            card.contains(">Waiting</th>") && card.contains(">Lost</th>"),
            "{lane}"
        );
        assert!(card.contains("mail wanted and accepted each day"), "{lane}");
        // Only a lane that warms up has a cap to speak of.
        let capped = lane == "promotional";
        assert_eq!(
            card.contains("each day with the warm-up cap"),
            capped,
            "{lane}"
        );
        // Receipts earn nothing, and their chart says so.
        let revenue = if lane == "transactional" {
            "no revenue, as its journeys carry none"
        } else {
            "revenue each day"
        };
        assert!(card.contains(revenue), "{lane}");
        assert!(card.contains(&format!("Simulation for {name} as a table")));
        assert_eq!(card.matches("role=\"img\"").count(), 2, "{lane}");
    }
    no_behaviour_attributes(&html);
    // At the sample's settings both place mail alike, and the page says
    // why the split earns no more; with complaints ten times the model's,
    // the lanes place apart and the sentence goes.
    assert!(comparison.contains("simulation-no-gain"), "{comparison}");
    let mut noisy = sample_plan();
    noisy.simulation.complaint_percent = 1000;
    let html = page(noisy).await;
    let comparison = element(&html, "simulation-comparison", "article");
    assert!(!comparison.contains("simulation-no-gain"), "{comparison}");
}

/// A paused lane's mail goes unsent in this plan, where one lane sends
/// it: the comparison says so, rather than putting the loss on the warm-up.
#[tokio::test]
async fn the_comparison_names_a_paused_lane() {
    use switchyard::plan::model::LaneStatus;
    let mut plan = sample_plan();
    let at = plan
        .lanes
        .iter()
        .position(|l| l.id == "revenue-flows")
        .unwrap();
    plan.lanes[at].status = LaneStatus::Paused;
    let html = page(plan).await;
    let comparison = element(&html, "simulation-comparison", "article");
    assert!(
        comparison.contains("Revenue flows is paused, so its mail goes unsent in this plan, where one lane would send it"),
        "{comparison}"
    );
    assert!(!comparison.contains("simulation-no-gain"), "{comparison}");
}

#[tokio::test]
async fn the_promotions_audience_says_which_promotions_it_leaves_out() {
    use switchyard::plan::model::Audience;
    let promotions: Vec<String> = (sample_plan().journeys.iter())
        .filter(|j| j.intent.is_promotional())
        .map(|j| format!("“{}”", j.name))
        .collect();
    let engaged = sample_plan()
        .journeys
        .iter()
        .filter(|j| j.intent.is_promotional() && j.audience == Audience::Engaged30)
        .count();
    assert!(
        promotions.len() > 1 && engaged == 0,
        "the sample's promotions"
    );
    let help = |html: &str| element(html, "f-sim-promo_audience-notes", "div").to_string();
    let html = page(sample_plan()).await;
    assert!(help(&html).contains("Every promotional journey is in the run"));
    // The 30-day engaged leave every one of the sample's promotions out:
    // the field names them, and the comparison no longer asks for more
    // promotional volume, which would change nothing.
    let mut plan = sample_plan();
    plan.simulation.promo_audience = Audience::Engaged30;
    let html = page(plan).await;
    let words = help(&html);
    assert!(words.contains("so the run sends no promotions"), "{words}");
    for name in &promotions {
        assert!(words.contains(&escape_text(name)), "{name}: {words}");
    }
    let comparison = element(&html, "simulation-comparison", "article");
    assert!(
        comparison.contains("Here the run has no promotions"),
        "{comparison}"
    );
    assert!(!comparison.contains("Raise the promotional volume"));
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
    // Each fallback says when it fires, in its lane's own thresholds.
    assert!(element(&html, "fallback-promotional-fires", "p")
        .ends_with(">Fires when complaints reach 0.3% or bounces 5%."));
    assert!(!html.contains("fallback-transactional-fires"));
    let mut strict = sample_plan();
    edit_plan(
        &mut strict,
        Edit::SetFallback {
            lane: "transactional".into(),
            action: Some(FallbackAction::PausePromotions),
        },
    );
    let html = page(strict).await;
    assert!(element(&html, "fallback-transactional-fires", "p")
        .ends_with(">Fires when complaints reach 0.1% or bounces 5%."));
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
    // The figure and the day's note say why it fired, in words.
    let why = flows
        .split("<dt>Fallback</dt><dd>fired on ")
        .nth(1)
        .unwrap();
    let why = &why[..why.find("</dd>").unwrap()];
    let labels = [Trigger::TierLow, Trigger::Complaints, Trigger::Bounces].map(Trigger::label);
    let label = labels
        .iter()
        .find(|l| why.ends_with(&format!(": {l}")))
        .expect(why);
    assert!(flows.contains(&format!("Fallback fires: {label}")));
    assert!(flows.contains("<title>Fallback fires on "));
}

#[tokio::test]
async fn without_a_first_day_the_simulation_waits() {
    let html = page(Plan::empty("p")).await;
    assert!(html.contains("Set a first day, or give a lane's warm-up or a migration its first day, to run the simulation."));
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
    // The peak after the run, so the cap rises to meet it while the run's
    // mail sets the scale.
    let mut plan = sample_plan();
    let promo = plan.lanes.iter_mut().find(|l| l.id == "promotional");
    promo.unwrap().warmup.as_mut().unwrap().target_date = "2028-03-01".into();
    let html = page(plan).await;
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

#[tokio::test]
async fn revenue_past_any_scale_stays_inside_its_chart() {
    let mut plan = sample_plan();
    for journey in &mut plan.journeys {
        journey.revenue_per_recipient = 1e20;
    }
    let html = page(plan).await;
    let card = element(&html, "simulation-promotional", "article");
    let heights: Vec<f64> = card
        .split("<rect ")
        .filter_map(|rect| rect.split_once('>').map(|(attrs, _)| attrs))
        .filter(|attrs| attrs.contains("class=\"revenue\""))
        .map(|attrs| {
            let at = attrs.find("height=\"").expect("a height") + 8;
            let value = &attrs[at..at + attrs[at..].find('"').unwrap()];
            value.parse().unwrap_or_else(|_| panic!("{value}"))
        })
        .collect();
    assert!(!heights.is_empty());
    assert!(
        heights.iter().all(|h| (0.0..=100.0).contains(h)),
        "{heights:?}"
    );
}

#[tokio::test]
async fn each_chart_has_scales_dates_and_a_legend() {
    let html = page(sample_plan()).await;
    let promotional = element(&html, "simulation-promotional", "article");
    let [volume, outcome] = figures(promotional)[..] else {
        panic!("two charts: {promotional}");
    };
    // Volume on the left, up past the peak day's 60,000, and reputation
    // (0 to 1) on the right.
    assert_eq!(
        texts(axis(volume, "left"), "<span>"),
        ["66,000", "33,000", "0"]
    );
    assert_eq!(
        texts(axis(volume, "right"), "<span>"),
        ["1.0", "0.5", "0.0"]
    );
    assert!(volume.contains("the volume scale reaches 66,000 a day."));
    // Revenue on the left, inbox placement on the right.
    assert_eq!(
        texts(axis(outcome, "left"), "<span>"),
        ["$4,600", "$2,300", "$0"]
    );
    assert_eq!(
        texts(axis(outcome, "right"), "<span>"),
        ["100%", "50%", "0%"]
    );
    assert!(outcome.contains("up to $4,600 a day"));
    // 90 days from the warm-up's start: the first date and the last, on an
    // axis not yet measured, which is taken to be narrow.
    for figure in [volume, outcome] {
        assert_eq!(texts(figure, "text-anchor=\"start\">"), ["2027-09-06"]);
        assert!(texts(figure, "text-anchor=\"middle\">").is_empty());
        assert_eq!(texts(figure, "text-anchor=\"end\">"), ["2027-12-04"]);
    }
    assert_eq!(
        texts(legend(volume), "</span>"),
        [
            "Wanted",
            "Accepted",
            "Daily cap",
            "Reputation (right scale)",
            "Peak date"
        ]
    );
    // The warm-up's peak is marked where it falls, and the readout waits
    // for a day to be picked.
    assert!(volume.contains("<title>Peak on 2027-11-26</title>"));
    assert!(volume.contains("Point at a day, or use the arrow keys, to read its figures."));
    assert_eq!(
        texts(legend(outcome), "</span>"),
        ["Revenue", "Inbox placement (right scale)"]
    );
    for class in ["wanted", "sent", "cap", "reputation"] {
        assert!(
            volume.contains(&format!("<span class=\"key {class}\"></span>")),
            "{class}"
        );
    }
    // Halos under the cap and reputation lines, and under the inbox line.
    assert_eq!(volume.matches("class=\"halo\"").count(), 2);
    assert_eq!(outcome.matches("class=\"halo\"").count(), 1);
    // The scale reaches the peak the run sends, so no cap is above it
    // (`a_cap_above_the_scale_is_left_out_and_said` has one that is).
    assert!(!volume.contains("class=\"off-scale\""), "{volume}");
    assert!(!volume.contains("Light bars"));
    // A lane without a cap has no cap in its legend, nor a note about it.
    let transactional = element(&html, "simulation-transactional", "article");
    let volume = figures(transactional)[0];
    assert_eq!(
        texts(legend(volume), "</span>"),
        ["Wanted", "Accepted", "Reputation (right scale)"]
    );
    assert!(!volume.contains("off-scale"));
}

/// The Cap cells of a lane's table, with whether their row is idle.
fn caps(card: &str) -> Vec<(bool, String)> {
    let body = &card[card.find("<tbody>").expect("a table")..];
    body.split("<tr")
        .skip(1)
        .map(|row| {
            let cells: Vec<&str> = row.split("<td class=\"num\">").skip(1).collect();
            let cap = cells[1].split('<').next().unwrap_or("").to_string();
            (row.starts_with(" class=\"idle\""), cap)
        })
        .collect()
}

#[tokio::test]
async fn the_cap_column_tells_no_cap_from_not_sending() {
    let html = page(sample_plan()).await;
    // The warm-up lane: a cap on sending days, "not sending" on the others.
    let promotional = caps(element(&html, "simulation-promotional", "article"));
    assert_eq!(promotional[0], (false, "50".to_string()));
    // 2027-09-11, a Saturday, whose wanted mail the Lost column counts and
    // the row's note explains.
    assert_eq!(promotional[5], (true, "not sending".to_string()));
    let card = element(&html, "simulation-promotional", "article");
    let saturday = card
        .split("<tr")
        .find(|row| row.contains("<td class=\"date\">2027-09-11</td>"))
        .expect("the Saturday's row");
    assert!(
        saturday.contains("No sending today: the mail wanted today is lost"),
        "{saturday}"
    );
    // From the day the cap covers the lane's mail and peak, the lane is warm.
    let warm = promotional
        .iter()
        .position(|(_, cap)| cap == "warm")
        .expect("a warm day");
    assert!(promotional[..warm]
        .iter()
        .all(|(idle, cap)| *idle == (cap == "not sending")
            && cap.replace(',', "").parse::<u64>().is_ok() != *idle));
    assert!(promotional[warm..]
        .iter()
        .all(|(idle, cap)| cap == if *idle { "not sending" } else { "warm" }));
    // A lane without a warm-up sends every day, without a cap.
    let transactional = caps(element(&html, "simulation-transactional", "article"));
    assert_eq!(transactional.len(), 90);
    assert!(transactional
        .iter()
        .all(|(idle, cap)| !idle && cap == "no cap"));
}

/// A figure of the comparison as a number: dollars, messages or tenths of
/// a percent (or of a point).
fn figure(cell: &str) -> i64 {
    let negative = cell.starts_with('−');
    let digits: String = cell.chars().filter(char::is_ascii_digit).collect();
    let n: i64 = digits
        .parse()
        .unwrap_or_else(|_| panic!("a number: {cell}"));
    if negative {
        -n
    } else {
        n
    }
}

/// Each row of the comparison: its name and its three figures.
fn comparison_rows(html: &str) -> Vec<(String, [String; 3])> {
    let table = element(html, "simulation-comparison", "article");
    let body = &table[table.find("<tbody>").expect("a table")..];
    body.split("<tr><th scope=\"row\">")
        .skip(1)
        .map(|row| {
            let name = row.split('<').next().unwrap_or("").to_string();
            let cells = texts(row, "<td class=\"num\">");
            (name, [cells[0].clone(), cells[1].clone(), cells[2].clone()])
        })
        .collect()
}

#[tokio::test]
async fn each_difference_is_that_of_the_figures_shown() {
    // Several runs, so that some figure's fractions round apart.
    let plans = [100, 150, 200, 300].into_iter().flat_map(|promo| {
        [50, 100, 200].map(|complaints| {
            let mut plan = sample_plan();
            for set in [
                SimulationField::PromoFrequencyPercent(promo),
                SimulationField::ComplaintPercent(complaints),
            ] {
                edit_plan(&mut plan, Edit::Simulation(set));
            }
            plan
        })
    });
    for plan in plans {
        let rows = comparison_rows(&page(plan).await);
        assert_eq!(rows.len(), 5, "{rows:?}");
        for (name, [ours, one, difference]) in rows.iter() {
            let shown = figure(ours) - figure(one);
            assert_eq!(
                figure(difference),
                shown,
                "{name}: {ours} − {one} ≠ {difference}"
            );
            // Signed when there is a difference, bare when there is none.
            let sign = match shown {
                0 => "",
                s if s < 0 => "−",
                _ => "+",
            };
            let rest = difference.strip_prefix(sign).expect("signed");
            assert!(!rest.starts_with(['+', '−']), "{difference}");
        }
        let (_, [ours, _, difference]) = &rows[4];
        assert!(
            ours.ends_with('%') && difference.ends_with(" points"),
            "{rows:?}"
        );
    }
}

#[tokio::test]
async fn the_run_follows_the_plans_migrations() {
    use switchyard::plan::model::Migration;
    use switchyard::ui::pages::simulation::{run, Outcome};
    let mut plan = sample_plan();
    assert!(!page(plan.clone()).await.contains("simulation-migrations"));
    // Revenue flows move to the promotional lane from 2027-09-06: by the
    // end of the run the flows lane sends nothing it did not send before.
    plan.migrations.push(Migration {
        name: "Flows onto the promo lane".into(),
        start_date: "2027-09-06".into(),
        ..Migration::new("migration-1", "revenue-flows", "promotional")
    });
    let html = page(plan.clone()).await;
    let note = element(&html, "simulation-migrations", "p");
    assert!(note.contains("Flows onto the promo lane"), "{note}");
    assert!(note.contains("take every day to pass"), "{note}");
    // Each migration as the run made it, against its calendar.
    let held = element(&html, "simulation-migrations-held", "ul");
    assert!(held.contains("Flows onto the promo lane: "), "{held}");
    assert!(
        held.contains("as scheduled") || held.contains("health gates held the split"),
        "{held}"
    );
    let Outcome::Ran { ours, .. } = run(&plan, None) else {
        panic!("the sample runs")
    };
    let flows = &ours.lanes[1].days;
    assert!(flows[0].requested > 0.0);
    assert_eq!(flows.last().unwrap().requested, 0.0);
}

#[tokio::test]
async fn mail_a_cap_defers_is_told_as_sent_late() {
    // (the promotional warm-up's overflow, what its figures say)
    let cases = [
        (Overflow::Suppress, "<dt>Mail sent late</dt><dd>none</dd>"),
        (Overflow::Defer, " days late</dd>"),
    ];
    for (overflow, says) in cases {
        let mut plan = sample_plan();
        plan.lanes[2].warmup.as_mut().unwrap().overflow = overflow;
        let html = page(plan).await;
        let card = element(&html, "simulation-promotional", "article");
        let late = &card[card.find("<dt>Mail sent late</dt>").expect("the figure")..];
        let late = &late[..late.find("</div>").expect("the figure closes")];
        assert!(late.contains(says), "{overflow:?}: {late}");
    }
}

/// A table cell's whole number: its first figure, commas taken out.
fn whole(cell: &str) -> u64 {
    let digits: String = (cell.chars())
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    digits.parse().unwrap_or(0)
}

/// The sample with promotions spilling over their cap into the warm
/// revenue lane.
fn spilling_into_flows() -> Plan {
    let mut plan = sample_plan();
    plan.lanes[1].status = switchyard::plan::model::LaneStatus::Warm;
    plan.lanes[1].warmup = None;
    let w = plan.lanes[2].warmup.as_mut().unwrap();
    w.overflow = Overflow::Spill;
    w.spill_lane = Some("revenue-flows".into());
    plan
}

#[tokio::test]
async fn a_day_row_adds_up_and_names_the_lane_its_mail_went_to() {
    let html = page(spilling_into_flows()).await;
    let promo = element(&html, "simulation-promotional", "article");
    assert!(promo.contains(">Passed on</th>"), "{promo}");
    assert!(promo.contains("spilled to Revenue flows</td>"), "{promo}");
    assert!(promo.contains("<dt>Mail passed on</dt>"), "{promo}");
    let flows = element(&html, "simulation-revenue-flows", "article");
    assert!(flows.contains(" spilled from Promotional"), "{flows}");
    // Every row: wanted = accepted + waiting + lost + passed on.
    let rows = promo.split("<td class=\"date\">").skip(1);
    for row in rows {
        let cells: Vec<u64> = (row.split("<td class=\"num\">").skip(1))
            .map(whole)
            .collect();
        let (wanted, parts) = (cells[0], cells[2] + cells[3] + cells[4] + cells[5]);
        assert_eq!(wanted, parts, "{row}");
    }
}

/// A cell's text: up to its closing tag.
fn cell_text(cell: &str) -> &str {
    &cell[..cell.find("</td>").expect("the cell closes")]
}

/// Each row of a lane's day table: its date and its number cells' text.
fn day_rows(card: &str) -> Vec<(&str, Vec<&str>)> {
    (card.split("<td class=\"date\">").skip(1))
        .map(|row| {
            let cells = row.split("<td class=\"num\">").skip(1);
            (cell_text(row), cells.map(cell_text).collect())
        })
        .collect()
}

#[tokio::test]
async fn a_days_wanted_names_each_lane_that_passed_it_mail_with_its_figure() {
    // Receipts, on a warm-up of their own, spill into the revenue lane too.
    let mut plan = spilling_into_flows();
    let mut receipts = plan.lanes[2].warmup.clone().unwrap();
    receipts.sending_weekdays = vec![1, 2, 3, 4, 5, 6, 7];
    plan.lanes[0].status = switchyard::plan::model::LaneStatus::Warming;
    plan.lanes[0].warmup = Some(receipts);
    let html = page(plan).await;
    let flows = day_rows(element(&html, "simulation-revenue-flows", "article"));
    for (lane, name) in [
        ("transactional", "Transactional"),
        ("promotional", "Promotional"),
    ] {
        let rows = day_rows(element(&html, &format!("simulation-{lane}"), "article"));
        let mut named = 0;
        for ((date, cells), (same_date, theirs)) in rows.iter().zip(&flows) {
            assert_eq!(date, same_date);
            // The Passed on cell: "26,950 spilled to Revenue flows".
            let Some(figure) = cells[5].strip_suffix(" spilled to Revenue flows") else {
                continue;
            };
            let from = format!("{figure} spilled from {name}");
            assert!(
                theirs[0].contains(&from),
                "{date}: {} lacks {from}",
                theirs[0]
            );
            named += 1;
        }
        assert!(named > 0, "{lane}");
    }
    // A day both spill names both, beside no other lane.
    let both = flows
        .iter()
        .find(|(_, cells)| cells[0].contains("from Transactional"));
    let wanted = both.expect("receipts spill").1[0];
    assert!(wanted.contains("spilled from Promotional"), "{wanted}");
    assert!(!wanted.contains("other lanes"), "{wanted}");
}

#[tokio::test]
async fn mail_passed_after_a_lanes_turn_is_named_the_day_after() {
    // The revenue lane warms up too and spills into promotions, which
    // spill into it: it takes its turn first, so their mail joins its
    // next day.
    let mut plan = spilling_into_flows();
    let mut flows = plan.lanes[2].warmup.clone().unwrap();
    flows.spill_lane = Some("promotional".into());
    plan.lanes[1].status = switchyard::plan::model::LaneStatus::Warming;
    plan.lanes[1].warmup = Some(flows);
    let html = page(plan).await;
    let promo = day_rows(element(&html, "simulation-promotional", "article"));
    let flows = day_rows(element(&html, "simulation-revenue-flows", "article"));
    let mut named = 0;
    for ((date, cells), (_, theirs)) in promo.iter().zip(flows.iter().skip(1)) {
        let Some(figure) = cells[5].strip_suffix(" spilled to Revenue flows") else {
            continue;
        };
        let from = format!("{figure} spilled from Promotional the day before");
        assert!(
            theirs[0].contains(&from),
            "{date}: {} lacks {from}",
            theirs[0]
        );
        named += 1;
    }
    assert!(named > 0);
}

#[tokio::test]
async fn a_warming_lane_says_how_long_a_health_gate_held_its_ramp() {
    // The sample's complaints pass the standard gate; a gate at 0.001%
    // holds the promotional ramp on every day it sends under a cap.
    let mut plan = sample_plan();
    let held_by = |html: &str, lane: &str| {
        let card = element(html, &format!("simulation-{lane}"), "article");
        let at = card.find("<dt>Ramp held</dt><dd>")?;
        let rest = &card[at + "<dt>Ramp held</dt><dd>".len()..];
        Some(rest[..rest.find("</dd>").unwrap()].to_string())
    };
    let html = page(plan.clone()).await;
    assert_eq!(held_by(&html, "promotional").as_deref(), Some("never"));
    // The sample loses to one lane only by what its warm-up holds back,
    // which no gate caused, so no lane is named as the cause.
    assert!(!html.contains("simulation-held-back"));
    // A lane without a warm-up has no ramp to hold.
    assert_eq!(held_by(&html, "transactional"), None);
    edit_plan(
        &mut plan,
        Edit::Simulation(SimulationField::GateComplaintPercent(0.001)),
    );
    let html = page(plan).await;
    let held = held_by(&html, "promotional").unwrap();
    // The comparison names the held lane as why the plan delivers less.
    let why = element(&html, "simulation-held-back", "p");
    let days = &held[..held.find(':').unwrap()];
    assert!(
        why.contains(&format!(
            "the health gates held Promotional's ramp {days} (complaints"
        )),
        "{why}"
    );
    assert!(why.contains("still wait at the end"), "{why}");
    assert!(
        held.contains("days: complaints known today over their gate, up to 0."),
        "{held}"
    );
    // Each held day's note gives the complaints that arrived that day,
    // which the gate read; the summary quotes the highest of them.
    let card = element(&html, "simulation-promotional", "article");
    let note = "Ramp holds: complaints known today over their gate (";
    let known: Vec<f64> = (card.split(note).skip(1))
        .map(|rest| rest[..rest.find("%)").unwrap()].parse().unwrap())
        .collect();
    assert!(known.len() > 5, "{card}");
    let highest = known.iter().copied().fold(0.0, f64::max);
    assert!(
        held.ends_with(&format!("up to {highest:.2}%")),
        "{held} {highest}"
    );
}

/// With imported delivery data failing the new lane's gates, each
/// migration's line gives its schedule's completion, held after those
/// days, as the Migrations card and the report do, and says why.
#[tokio::test]
async fn a_migration_is_measured_against_its_held_schedule() {
    use std::rc::Rc;
    use switchyard::monitor::health::health;
    use switchyard::plan::model::Migration;
    use switchyard::plan::routing::route;
    use switchyard::review::migration::schedule;
    let mut plan = sample_plan();
    plan.migrations.push(Migration {
        name: "Flows onto the promo lane".into(),
        start_date: "2027-09-06".into(),
        ..Migration::new("migration-1", "revenue-flows", "promotional")
    });
    let days = ["2027-09-06", "2027-09-07", "2027-09-08"];
    let data = health(
        &plan,
        &super::delivery::failing_on("promotional", &days, &["2027-09-07"]),
    );
    let m = &plan.migrations[0];
    let scheduled = schedule(&plan, &route(&plan), m, Some(&data)).unwrap();
    let planned = schedule(&plan, &route(&plan), m, None).unwrap();
    let done = scheduled.completes_on.unwrap();
    assert_ne!(Some(done.clone()), planned.completes_on);
    let props = SimulationPageProps {
        page: support::props(plan),
        health: Some(Rc::new(data)),
    };
    let html = support::render::<SimulationPage>(props).await;
    let held = element(&html, "simulation-migrations-held", "ul");
    assert!(
        held.contains(&format!("completes on {done}, as scheduled"))
            || held.contains(&format!("after its scheduled {done}")),
        "{done}: {held}"
    );
    assert!(
        held.contains("Its schedule holds the split after the 1 day imported delivery data failed the new lane's gates."),
        "{held}"
    );
    let note = element(&html, "simulation-migrations", "p");
    assert!(
        note.contains("in the run or in imported delivery data"),
        "{note}"
    );
}

/// The new lane's day table marks the days a move's split held, as the
/// Migrations card's table does: each hold date, and the sending day after
/// a day imported delivery data failed its gates, naming that day.
#[tokio::test]
async fn the_new_lanes_table_marks_the_days_the_split_held() {
    let days = ["2027-09-06", "2027-09-07", "2027-09-08", "2027-09-09"];
    let html = flows_moved_to_promotional(&days, &["2027-09-07"]).await;
    let card = element(&html, "simulation-promotional", "article");
    let row = |date: &str| row_of(card, date);
    // (date, what its note says, or `None` for a day the split did not hold)
    let cases = [
        ("2027-09-07", None),
        (
            "2027-09-08",
            Some("Held: imported delivery data failed its gates on 2027-09-07"),
        ),
        ("2027-09-09", Some("Hold date: the split stays as it was")),
        ("2027-09-10", None),
    ];
    for (date, note) in cases {
        assert_hold_note(date, &row(date), note);
    }
    // The old lane's table marks none of them.
    let old = element(&html, "simulation-revenue-flows", "article");
    assert!(!old.contains("Hold date") && !old.contains("Held: imported"));
    // The notes keep a readable width, and a narrow window scrolls the
    // table in a region of its own.
    assert!(
        row("2027-09-09").contains("<td class=\"prose\">Hold date"),
        "{card}"
    );
    assert!(
        card.contains("<div tabindex=\"0\" role=\"region\" aria-label=\"Simulation for Promotional, day by day\" class=\"table-scroll\"><table class=\"data\">"),
        "{card}"
    );
}

/// A hold date imported delivery data failed says both, as the Migrations
/// card does, and the next sending day names it; a failed day once the
/// lane is warm marks no held day, as there is no ramp to hold.
#[tokio::test]
async fn the_new_lanes_table_says_a_hold_date_failed_and_marks_no_warm_day() {
    // (the failed days, each date with what its note says, or `None` for
    // a day the split did not hold)
    type Case = (
        &'static [&'static str],
        &'static [(&'static str, Option<&'static str>)],
    );
    let cases: [Case; 2] = [
        (
            &["2027-09-09"],
            &[
                (
                    "2027-09-09",
                    Some("Hold date: the split stays as it was; Health gate failed: the ramp holds the next sending day"),
                ),
                (
                    "2027-09-10",
                    Some("Held: imported delivery data failed its gates on 2027-09-09"),
                ),
            ],
        ),
        (&[WARM], &[(WARM, None), (AFTER_WARM, None)]),
    ];
    let days: Vec<String> = (6..=30).map(|d| format!("2027-09-{d:02}")).collect();
    let days: Vec<&str> = days.iter().map(String::as_str).collect();
    for (failed, rows) in cases {
        let html = flows_moved_to_promotional(&days, failed).await;
        let card = element(&html, "simulation-promotional", "article");
        let row = |date: &str| row_of(card, date);
        for &(date, note) in rows {
            assert_hold_note(date, &row(date), note);
        }
        if failed == [WARM] {
            assert!(row(AFTER_WARM).contains(">warm<"), "{}", row(AFTER_WARM));
        }
    }
}
/// That the day table's row for `date` says `note`, or, for `None`, marks
/// no hold.
fn assert_hold_note(date: &str, row: &str, note: Option<&str>) {
    match note {
        Some(note) => assert!(row.contains(note), "{date}: {row}"),
        None => assert!(
            !row.contains("Held:") && !row.contains("Hold date"),
            "{date}: {row}"
        ),
    }
}

const WARM: &str = "2027-09-27";
const AFTER_WARM: &str = "2027-09-28";

/// The Simulation tab with the sample's revenue flows moving onto the
/// promotional lane from 2027-09-06, held on 2027-09-09, and delivery data
/// for the promotional lane on `days` that fails its gates on `failed`.
async fn flows_moved_to_promotional(days: &[&str], failed: &[&str]) -> String {
    use std::rc::Rc;
    use switchyard::monitor::health::health;
    use switchyard::plan::model::Migration;
    let mut plan = sample_plan();
    plan.migrations.push(Migration {
        name: "Flows onto the promo lane".into(),
        start_date: "2027-09-06".into(),
        hold_dates: vec!["2027-09-09".into()],
        ..Migration::new("migration-1", "revenue-flows", "promotional")
    });
    let data = health(
        &plan,
        &super::delivery::failing_on("promotional", days, failed),
    );
    let props = SimulationPageProps {
        page: support::props(plan),
        health: Some(Rc::new(data)),
    };
    support::render::<SimulationPage>(props).await
}

/// The day table's row for `date` in a lane's card.
fn row_of(card: &str, date: &str) -> String {
    let at = card
        .find(&format!("<td class=\"date\">{date}</td>"))
        .unwrap_or_else(|| panic!("no row for {date}"));
    let row = &card[at..];
    row[..row.find("</tr>").unwrap()].to_string()
}

#[tokio::test]
async fn a_deferred_backlog_keeps_the_scale_on_the_days_own_mail() {
    // Deferring the promotions' overflow builds a backlog far above what
    // their journeys want each day; the scale stays on the day's own mail,
    // as without the backlog, and the chart says what runs above it.
    let left = |plan: Plan| async move {
        let html = page(plan).await;
        let card = element(&html, "simulation-promotional", "article").to_string();
        let figure = figures(&card)[0].to_string();
        (texts(axis(&figure, "left"), "<span>"), figure)
    };
    let (plain, _) = left(sample_plan()).await;
    let mut plan = sample_plan();
    plan.lanes[2].warmup.as_mut().unwrap().overflow = Overflow::Defer;
    let (deferred, figure) = left(plan).await;
    assert_eq!(deferred, plain);
    let note = figure.to_lowercase();
    assert!(note.contains("mail with its deferred backlog"), "{figure}");
}

/// A ramp held after imported delivery data failed its gates is counted
/// in the lane's "Ramp held", with the day that failed, as its day table
/// says it, though no gate of the run held it.
#[tokio::test]
async fn a_ramp_held_by_imported_failures_is_not_called_never_held() {
    use std::rc::Rc;
    use switchyard::monitor::health::health;
    let plan = sample_plan();
    let days = ["2027-09-06", "2027-09-07", "2027-09-08"];
    let data = health(
        &plan,
        &super::delivery::failing_on("promotional", &days, &["2027-09-07"]),
    );
    let props = SimulationPageProps {
        page: support::props(plan),
        health: Some(Rc::new(data)),
    };
    let html = support::render::<SimulationPage>(props).await;
    let card = element(&html, "simulation-promotional", "article");
    assert!(
        row_of(card, "2027-09-08")
            .contains("Held: imported delivery data failed its gates on 2027-09-07"),
        "{card}"
    );
    let at = card
        .find("<dt>Ramp held</dt><dd>")
        .expect("a Ramp held figure");
    let rest = &card[at + "<dt>Ramp held</dt><dd>".len()..];
    let held = &rest[..rest.find("</dd>").unwrap()];
    assert_eq!(
        held,
        "1 day: imported delivery data failed its gates on 2027-09-07"
    );
}

/// A paused lane's journeys carry revenue all the same; its chart says it
/// delivers nothing in the run, not that its journeys carry none.
#[tokio::test]
async fn a_paused_lanes_revenue_chart_says_it_delivers_nothing() {
    let mut plan = sample_plan();
    let flows = (plan.lanes.iter_mut())
        .find(|l| l.id == "revenue-flows")
        .unwrap();
    flows.status = switchyard::plan::model::LaneStatus::Paused;
    let html = page(plan).await;
    let card = element(&html, "simulation-revenue-flows", "article");
    assert!(
        card.contains(
            "Revenue flows: delivers nothing in this run, so no revenue and no inbox share."
        ),
        "{card}"
    );
    assert!(!card.contains("as its journeys carry none"), "{card}");
}
