//! The checklist page: progress, every item with its status, owner, due
//! date and notes, the QA boxes, seed tests by id and the thresholds, each
//! checked against the plan.

use switchyard::plan::model::{enum_key, Item, ItemState, ItemStatus, Placement, Plan};
use switchyard::plan::path_words::in_words;
use switchyard::plan::sample::sample_plan;
use switchyard::review::place::{place_of, place_of_finding, Place};
use switchyard::ui::fields::show_number;
use switchyard::ui::pages::checklist::{
    seed_control, threshold_control, ChecklistPage, ChecklistPageProps,
};

use super::support::{
    attr, attribute, checked, element, escape, escape_text, no_behaviour_attributes,
    no_injected_markup, props, render, selected, tag,
};

async fn checklist(plan: Plan) -> String {
    without_data(props(plan)).await
}

/// The page without delivery data.
async fn without_data(page: switchyard::ui::pages::PageProps) -> String {
    render::<ChecklistPage>(ChecklistPageProps { page, health: None }).await
}

#[tokio::test]
async fn progress_counts_the_items_done() {
    let page = props(sample_plan());
    let overall = page.findings.checklist.overall.clone();
    let html = without_data(page).await;
    assert!(
        overall.done > 0 && overall.done < overall.total,
        "{overall:?}"
    );
    assert!(html.contains(&format!("{} of {} done", overall.done, overall.total)));
    assert_eq!(
        attribute(&html, "progress-overall", "value"),
        overall.done.to_string()
    );
    for lane in ["plan", "transactional", "revenue-flows", "promotional"] {
        tag(&html, &format!("progress-{lane}"));
    }
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn every_item_has_its_owner_due_date_and_notes_and_a_status_unless_proven() {
    let page = props(sample_plan());
    let report = page.findings.checklist.clone();
    let html = without_data(page).await;
    let rows = report.steps.iter().chain(&report.implementation);
    for row in rows {
        let lane = if row.lane.is_empty() {
            "plan"
        } else {
            &row.lane
        };
        let id = |field: &str| format!("ck-{}-{lane}-{field}", enum_key(row.item));
        assert_eq!(attribute(&html, &id("owner"), "value"), escape(&row.owner));
        let notes = element(&html, &id("notes"), "textarea");
        assert!(notes.starts_with("<textarea"), "{notes}");
        assert!(
            notes.ends_with(&format!(">{}", escape_text(&row.notes))),
            "{notes}"
        );
        assert_eq!(attribute(&html, &id("due"), "type"), "date");
        assert_eq!(attribute(&html, &id("due"), "value"), row.due);
        if row.proven {
            assert!(
                !html.contains(&format!("id=\"{}\"", id("status"))),
                "{row:?}"
            );
        } else {
            let chosen = row.manual.map_or("auto".to_string(), enum_key);
            assert_eq!(selected(&html, &id("status")), chosen, "{row:?}");
        }
    }
    // Statuses the plan proves have no control to override them.
    assert!(!html.contains("id=\"ck-map_lanes-plan-status\""));
    assert_eq!(
        selected(&html, "ck-smtp_servers-promotional-status"),
        "in_progress"
    );
    assert_eq!(
        attribute(&html, "ck-smtp_servers-promotional-owner", "value"),
        "Brand marketing"
    );
}

#[tokio::test]
async fn a_due_date_set_by_hand_is_shown_in_a_date_input() {
    let mut plan = sample_plan();
    plan.checklist.items.push(ItemState {
        item: Item::DomainPlan,
        lane: "promotional".into(),
        status: None,
        owner: String::new(),
        due: "2027-01-15".into(),
        notes: String::new(),
    });
    let html = checklist(plan).await;
    let due = tag(&html, "ck-domain_plan-promotional-due");
    assert!(due.contains("type=\"date\""), "{due}");
    assert!(due.contains("value=\"2027-01-15\""), "{due}");
}

#[tokio::test]
async fn qa_boxes_are_ticked_for_the_checks_marked_done() {
    let plan = sample_plan();
    let html = checklist(plan.clone()).await;
    for lane in &plan.lanes {
        for item in [
            Item::QaFromIdentity,
            Item::QaReplyHandling,
            Item::QaTrackingDomain,
            Item::QaUnsubscribe,
        ] {
            let id = format!("qa-{}-{}", enum_key(item), lane.id);
            let done =
                plan.checklist.items.iter().any(|s| {
                    s.item == item && s.lane == lane.id && s.status == Some(ItemStatus::Done)
                });
            assert_eq!(checked(&html, &id), done, "{id}");
            assert_eq!(attribute(&html, &id, "type"), "checkbox");
            assert!(html.contains(&format!("<label for=\"{id}\">")), "{id}");
            assert!(tag(&html, &format!("{id}-notes")).starts_with("<textarea"));
        }
    }
}

#[tokio::test]
async fn seed_tests_are_rows_named_by_their_id() {
    let plan = sample_plan();
    let html = checklist(plan.clone()).await;
    assert!(html.contains("Inbox rate 100.0% (3 of 3 results) in the latest test, on 2026-11-23"));
    assert!(html.contains("No results yet."));
    // Two of three in the inbox reads as the checklist's row and Problems
    // give it, to one decimal, not cut down to a whole percent.
    let mut two_of_three = plan.clone();
    let latest = (two_of_three.checklist.seeds.iter_mut())
        .filter(|s| s.gmail != Placement::NotTested)
        .max_by(|a, b| a.date.cmp(&b.date))
        .expect("the sample has a read seed test");
    latest.gmail = Placement::Spam;
    let lower = checklist(two_of_three).await;
    assert!(
        lower.contains("Inbox rate 66.7% (2 of 3 results)"),
        "{lower}"
    );
    for seed in &plan.checklist.seeds {
        let id = |field: &str| format!("seed-{}-{field}", seed.id);
        assert_eq!(attribute(&html, &id("date"), "type"), "date");
        assert_eq!(attribute(&html, &id("date"), "value"), seed.date);
        assert_eq!(selected(&html, &id("gmail")), enum_key(seed.gmail));
        assert_eq!(selected(&html, &id("yahoo")), enum_key(seed.yahoo));
        assert_eq!(selected(&html, &id("outlook")), enum_key(seed.outlook));
    }
    assert!(!html.contains("id=\"seed-0-date\""));
    for lane in &plan.lanes {
        tag(&html, &format!("seeds-{}", lane.id));
        assert!(html.contains(&format!(">Add a seed test for {}</button>", lane.name)));
    }
}

#[tokio::test]
async fn a_finding_about_a_seed_test_names_and_opens_the_row_the_page_shows() {
    let plan = sample_plan();
    let html = checklist(plan.clone()).await;
    assert!(html.contains(">Seed-list tests</h3>"));
    for (i, seed) in plan.checklist.seeds.iter().enumerate() {
        let path = format!("$.checklist.seeds[{i}]");
        // The place in words names the row as the page labels it.
        let words = in_words(Some(&plan), &path);
        let row = (words.strip_prefix("Checklist › seed-list tests › "))
            .unwrap_or_else(|| panic!("{path}: {words}"));
        assert!(
            html.contains(&format!("aria-label=\"Date of {row}\"")),
            "{path}: {row}"
        );
        // Open lands on the row's first field, its date.
        let place = place_of(&plan, &[], &path);
        let Place::SeedField { seed: id, field } = place else {
            panic!("{path}: {place:?}")
        };
        assert_eq!((id.as_str(), field), (seed.id.as_str(), "date"), "{path}");
        assert_eq!(attribute(&html, &seed_control(&id, field), "type"), "date");
        assert!(html.contains(&format!("aria-label=\"Delete {row}\"")));
    }
}

#[tokio::test]
async fn a_low_inbox_rates_finding_opens_the_result_that_missed_the_inbox() {
    use switchyard::plan::model::Placement;
    let mut plan = sample_plan();
    // Revenue flows' latest test: in the inbox at Gmail only.
    let latest = "seed-revenue-flows-2026-11-23";
    plan.checklist.seeds[2].yahoo = Placement::Spam;
    plan.checklist.seeds[2].outlook = Placement::Missing;
    let page = props(plan.clone());
    let finding = (page.findings.all.iter())
        .find(|d| d.code == "lint.seed_inbox_rate")
        .cloned()
        .expect("a low inbox rate");
    // The place names the first result that missed the inbox, as its
    // select is labelled, and Open lands on that select, not the date.
    assert_eq!(
        finding.place,
        "Checklist › seed-list tests › Revenue flows seed test 2 › Yahoo result"
    );
    let place = place_of(&plan, &[], &finding.path);
    assert_eq!(
        place,
        Place::SeedField {
            seed: latest.into(),
            field: "yahoo",
        }
    );
    let html = without_data(page).await;
    assert_eq!(selected(&html, &seed_control(latest, "yahoo")), "spam");
    assert!(html.contains("aria-label=\"Yahoo result, Revenue flows seed test 2\""));
}

#[tokio::test]
async fn a_low_inbox_rate_is_flagged_on_its_lane() {
    let mut plan = sample_plan();
    for seed in &mut plan.checklist.seeds {
        seed.gmail = switchyard::plan::model::Placement::Spam;
    }
    let html = checklist(plan).await;
    assert!(tag(&html, "seeds-transactional").contains("seed-lane low"));
    assert!(html.contains("Under 80%"));
}

#[tokio::test]
async fn thresholds_are_percentages_with_their_range() {
    let plan = sample_plan();
    let html = checklist(plan.clone()).await;
    let fields = [
        "complaint_watch_percent",
        "complaint_act_percent",
        "bounce_watch_percent",
        "bounce_act_percent",
        "delivered_min_percent",
    ];
    for t in &plan.monitoring.thresholds {
        let values = [
            t.complaint_watch_percent,
            t.complaint_act_percent,
            t.bounce_watch_percent,
            t.bounce_act_percent,
            t.delivered_min_percent,
        ];
        for (field, value) in fields.iter().zip(values) {
            let id = format!("th-{}-{field}", t.lane);
            assert_eq!(attribute(&html, &id, "type"), "number");
            assert_eq!(attribute(&html, &id, "min"), "0");
            assert_eq!(attribute(&html, &id, "max"), "100");
            assert_eq!(attribute(&html, &id, "step"), "0.01");
            assert_eq!(attribute(&html, &id, "value"), show_number(value));
        }
    }
    assert_eq!(
        attribute(&html, "th-promotional-complaint_act_percent", "value"),
        "0.3"
    );
    // Each row's fields name their lane, hidden after the column's label.
    let label_start = html
        .find("<label for=\"th-promotional-complaint_act_percent\">")
        .expect("a label");
    let label = &html[label_start..];
    let label = &label[..label.find("</label>").unwrap()];
    assert!(
        label.contains("<span aria-hidden=\"true\">Complaints: act at %</span><span class=\"visually-hidden\">Complaints: act at %, Promotional</span>"),
        "{label}"
    );
    // A seed test's Delete button names the test.
    let seed_lane = &plan.lanes[plan
        .lanes
        .iter()
        .position(|l| plan.checklist.seeds.iter().any(|s| s.lane == l.id))
        .expect("a lane with seed tests")]
    .name;
    assert!(
        html.contains(&format!("aria-label=\"Delete {seed_lane} seed test 1\"")),
        "{html}"
    );
}

#[tokio::test]
async fn a_lane_without_thresholds_offers_the_reference_and_its_finding_the_fix() {
    let mut plan = sample_plan();
    plan.monitoring
        .thresholds
        .retain(|t| t.lane != "promotional");
    let page = props(plan.clone());
    // Open on its finding lands on the button that sets them, in the
    // lane's row.
    let finding = (page.findings.all.iter())
        .find(|d| d.code == "lint.no_thresholds")
        .expect("a lane without thresholds");
    let place = place_of_finding(&plan, &[], finding);
    assert_eq!(place, Place::ThresholdReset("promotional".into()));
    let html = without_data(page).await;
    assert!(!html.contains("id=\"th-promotional-complaint_act_percent\""));
    let button = element(&html, &threshold_control("promotional", "reset"), "button");
    assert!(
        button.ends_with(">Use the reference thresholds for Promotional"),
        "{button}"
    );
    // A lane with thresholds has its Reset there.
    let reset = element(
        &html,
        &threshold_control("transactional", "reset"),
        "button",
    );
    assert!(reset.ends_with(">Reset"), "{reset}");
    assert!(html.contains("Promotional has no monitoring thresholds"));
    assert!(html.contains(">Fix: Use the reference thresholds</button>"));
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn the_migration_box_follows_the_plan() {
    let mut plan = sample_plan();
    assert!(!checked(
        &checklist(plan.clone()).await,
        "checklist-migrating-esp"
    ));
    plan.checklist.migrating_esp = true;
    assert!(checked(&checklist(plan).await, "checklist-migrating-esp"));
}

#[tokio::test]
async fn an_empty_plan_has_a_checklist_for_its_one_lane() {
    let html = checklist(Plan::empty("p")).await;
    assert!(html.contains("id=\"checklist-heading\""));
    tag(&html, "progress-lane-1");
    tag(&html, "ck-domain_plan-lane-1-owner");
    assert!(html.contains(">Add a seed test for Main lane</button>"));
    assert!(html.contains(">Use the reference thresholds for Main lane</button>"));
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn a_long_note_is_kept_whole_in_a_box_that_grows() {
    let mut plan = sample_plan();
    let note = format!(
        "{}\nCall the DNS team first.",
        "Waiting on the registrar. ".repeat(200)
    );
    plan.checklist.items[0].notes = note.clone();
    let (item, lane) = (
        plan.checklist.items[0].item,
        plan.checklist.items[0].lane.clone(),
    );
    let html = checklist(plan).await;
    let lane = if lane.is_empty() {
        "plan".to_string()
    } else {
        lane
    };
    let id = format!("ck-{}-{lane}-notes", enum_key(item));
    let notes = element(&html, &id, "textarea");
    assert!(
        notes.ends_with(&format!(">{}", escape_text(&note))),
        "{notes}"
    );
    assert!(notes.contains("class=\"cell-text\""), "{notes}");
    assert_eq!(
        attr(tag(&html, &id), "maxlength"),
        None,
        "notes are free text"
    );
}

#[tokio::test]
async fn user_text_is_escaped() {
    let mut plan = sample_plan();
    plan.lanes[0].name = "<script>alert(1)</script>".into();
    plan.checklist.items[0].notes = "\"><img src=x onerror=alert(1)>".into();
    let html = checklist(plan).await;
    no_injected_markup(&html);
    assert!(html.contains("&lt;script&gt;"));
}

/// With imported delivery data failing the new lane's health gates, a
/// migration's steps follow its schedule, held after those days, not the
/// split as planned: the same list, with the same dates, as the
/// Migrations card's.
#[tokio::test]
async fn a_migrations_steps_follow_its_schedule_held_by_imported_data() {
    use std::rc::Rc;
    use switchyard::monitor::health::health;
    use switchyard::plan::model::Migration;
    use switchyard::plan::routing::route;
    use switchyard::review::migration::schedule;
    use switchyard::ui::pages::migrations::{MigrationsPage, MigrationsPageProps};
    let mut plan = sample_plan();
    plan.migrations.push(Migration {
        name: "Flows to SES".into(),
        start_date: "2027-09-06".into(),
        ..Migration::new("migration-1", "revenue-flows", "promotional")
    });
    let days = ["2027-09-06", "2027-09-07", "2027-09-08"];
    let failing = super::delivery::failing_on("promotional", &days, &["2027-09-07"]);
    let data = Rc::new(health(&plan, &failing));
    let (routing, m) = (route(&plan), &plan.migrations[0]);
    let held = schedule(&plan, &routing, m, Some(&data)).unwrap();
    let planned = schedule(&plan, &routing, m, None).unwrap();
    let done = held.completes_on.clone().unwrap();
    assert_ne!(Some(done.clone()), planned.completes_on);
    let html = render::<ChecklistPage>(ChecklistPageProps {
        page: props(plan.clone()),
        health: Some(data.clone()),
    })
    .await;
    let steps = element(&html, "migration-migration-1-steps", "ol");
    let item = |title: &str| {
        let found = steps.split("<li").find(|li| li.contains(title));
        found
            .unwrap_or_else(|| panic!("{title}: {steps}"))
            .to_string()
    };
    let cutover = item("Cutover: route the moved journeys to Promotional");
    assert!(cutover.contains(&format!(" — {done}")), "{cutover}");
    let grace = u64::from(m.grace_days);
    let after = (held.completes_on.as_deref())
        .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
        .and_then(|d| d.checked_add_days(chrono::Days::new(grace)))
        .unwrap()
        .to_string();
    let keep = item("Keep the records of Revenue flows until the grace period ends");
    assert!(keep.contains(&format!(" — {after}")), "{keep}");
    let remove = item("Remove the records of Revenue flows");
    assert!(remove.contains(&format!(" — {after}")), "{remove}");
    let card = render::<MigrationsPage>(MigrationsPageProps {
        page: props(plan),
        health: Some(data),
    })
    .await;
    assert_eq!(element(&card, "migration-migration-1-steps", "ol"), steps);
}

/// A migration's steps are headed by its name and its lanes, once each: a
/// new migration is named after its lanes, which are not said twice.
#[tokio::test]
async fn a_migrations_steps_are_headed_by_its_name_and_lanes_once() {
    use switchyard::plan::model::Migration;
    // (its name, the heading)
    let cases = [
        (
            "Revenue flows to Promotional",
            "Revenue flows to Promotional",
        ),
        ("Flows to SES", "Flows to SES: Revenue flows to Promotional"),
    ];
    for (name, heading) in cases {
        let mut plan = sample_plan();
        plan.migrations.push(Migration {
            name: name.into(),
            ..Migration::new("migration-1", "revenue-flows", "promotional")
        });
        let html = render::<ChecklistPage>(ChecklistPageProps {
            page: props(plan),
            health: None,
        })
        .await;
        let after = html.split("id=\"migration-steps\"").nth(1).unwrap();
        let h4 = &after[after.find("<h4>").unwrap() + 4..after.find("</h4>").unwrap()];
        assert_eq!(h4, heading, "{name}");
    }
}

#[test]
fn the_filters_pass_rows_by_lane_status_and_owner() {
    use switchyard::ui::pages::checklist::{ChecklistView, LaneShown, OwnerShown, StatusShown};
    let mut plan = sample_plan();
    (plan.checklist.items).retain(|s| !(s.item == Item::SmtpServers && s.lane == "promotional"));
    plan.checklist.items.push(ItemState {
        item: Item::SmtpServers,
        lane: "promotional".into(),
        status: Some(ItemStatus::InProgress),
        owner: " Priya ".into(),
        due: String::new(),
        notes: String::new(),
    });
    let page = props(plan);
    let report = &page.findings.checklist;
    let rows: Vec<_> = report.steps.iter().chain(&report.implementation).collect();
    let view = |lane, status, owner| ChecklistView {
        lane,
        status,
        owner,
        ..ChecklistView::default()
    };
    let promotional = || LaneShown::Lane("promotional".into());
    // (filters, what a row passing them must be)
    type Check = fn(&switchyard::review::checklist::Row) -> bool;
    let cases: Vec<(ChecklistView, Check)> = vec![
        (
            view(LaneShown::All, StatusShown::Any, OwnerShown::Anyone),
            |_| true,
        ),
        (
            view(LaneShown::WholePlan, StatusShown::Any, OwnerShown::Anyone),
            |r| r.lane.is_empty(),
        ),
        (
            view(promotional(), StatusShown::Any, OwnerShown::Anyone),
            |r| r.lane == "promotional",
        ),
        (
            view(LaneShown::All, StatusShown::ToDo, OwnerShown::Anyone),
            |r| !matches!(r.status, ItemStatus::Done | ItemStatus::NotApplicable),
        ),
        (
            view(LaneShown::All, StatusShown::Done, OwnerShown::Anyone),
            |r| r.status == ItemStatus::Done,
        ),
        (
            view(LaneShown::All, StatusShown::Overdue, OwnerShown::Anyone),
            |r| r.overdue,
        ),
        (
            view(LaneShown::All, StatusShown::Any, OwnerShown::Nobody),
            |r| r.owner.trim().is_empty(),
        ),
        (
            view(
                promotional(),
                StatusShown::ToDo,
                OwnerShown::Named("priya".into()),
            ),
            |r| r.item == Item::SmtpServers && r.lane == "promotional",
        ),
    ];
    for (filters, expected) in cases {
        let passed: Vec<_> = rows.iter().filter(|r| filters.passes(r)).collect();
        let wanted: Vec<_> = rows.iter().filter(|r| expected(r)).collect();
        assert_eq!(passed, wanted, "{filters:?}");
        assert_eq!(
            filters.filters(),
            filters != ChecklistView::default(),
            "{filters:?}"
        );
    }
    // Owners are offered once each, as first written.
    let owners = switchyard::ui::pages::checklist::owners(rows.iter().copied());
    assert!(owners.contains(&"Priya".to_string()), "{owners:?}");
    assert_eq!(
        owners
            .iter()
            .filter(|o| o.eq_ignore_ascii_case("priya"))
            .count(),
        1
    );
}

#[tokio::test]
async fn the_filters_start_showing_every_item() {
    let html = checklist(sample_plan()).await;
    for id in [
        "checklist-filter-lane",
        "checklist-filter-status",
        "checklist-filter-owner",
    ] {
        assert_eq!(selected(&html, id), "", "{id}");
    }
    for label in [
        "All lanes",
        "Whole plan",
        "Any status",
        "Still to do",
        "Overdue",
        "Anyone",
        "No owner",
    ] {
        assert!(html.contains(&format!(">{label}</option>")), "{label}");
    }
    for lane in ["transactional", "revenue-flows", "promotional"] {
        assert!(html.contains(&format!("value=\"{lane}\"")), "{lane}");
    }
    // Nothing is hidden, so nothing is counted.
    assert!(!html.contains("Showing "));
}
