//! The monitoring page: the import area with its progress and report, a
//! health card per lane, the key mapping's selects, the Postmaster figures'
//! date and number inputs, the imported files and the downloads, rendered
//! from counts the core importer read from the fixtures.

use std::rc::Rc;

use switchyard::monitor::health::{health, Status};
use switchyard::monitor::import::{import_bytes, Seen};
use switchyard::monitor::protocol::{Progress, ReportLine};
use switchyard::monitor::refused::Refused;
use switchyard::monitor::Store;
use switchyard::plan::model::{Plan, PostmasterEntry};
use switchyard::plan::sample::sample_plan;
use switchyard::ui::pages::monitoring::{postmaster_control, MonitoringView, MonitoringViewProps};
use yew::Callback;

use super::support::{
    attribute, element, no_behaviour_attributes, no_injected_markup, props, render, selected, tag,
};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/monitoring/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The counts of `files`, read as the worker reads them.
fn store_of(files: &[&str]) -> Store {
    let mut seen = Seen::default();
    let mut store = Store::default();
    for f in files {
        store.add(import_bytes(f, &fixture(f), 1 << 16, &mut seen).unwrap());
    }
    store
}

fn view_props(plan: Plan, store: Store) -> MonitoringViewProps {
    let h = health(&plan, &store);
    MonitoringViewProps {
        page: props(plan),
        store: Rc::new(store),
        health: Rc::new(h),
        progress: None,
        elsewhere: false,
        report: None,
        error: None,
        held: Rc::default(),
        on_import: Callback::noop(),
        on_cancel: Callback::noop(),
        on_forget: Callback::noop(),
    }
}

async fn page(plan: Plan, store: Store) -> String {
    render::<MonitoringView>(view_props(plan, store)).await
}

#[tokio::test]
async fn every_lane_has_a_health_card() {
    let plan = sample_plan();
    let store = store_of(&["daily.csv", "sendgrid.json"]);
    let h = health(&plan, &store);
    let html = page(plan.clone(), store).await;
    assert_eq!(h.lanes.len(), plan.lanes.len());
    for lane in &h.lanes {
        let card = element(&html, &format!("health-{}", lane.lane), "article");
        assert!(card.contains(&format!("Health of {}", lane.name)));
        // A finding about the lane's health opens here, so script can
        // focus it; the keys' Tab order does not stop on it.
        let id = format!("health-{}", lane.lane);
        assert_eq!(attribute(&html, &id, "tabindex"), "-1");
        assert!(card.contains(&format!(
            "<span class=\"health-status\">{}</span>",
            lane.status.label()
        )));
        if lane.status == Status::NoData {
            assert!(card.contains("No imported data is mapped to this lane."));
        } else {
            assert!(card.contains("complaints "), "{card}");
            assert!(card.contains("Day by day"));
        }
    }
    // The per-day CSV names the lanes by id.
    let promo = element(&html, "health-promotional", "article");
    assert!(promo.contains("2027-03-01"));
    assert!(html.contains("Is the clean lane staying clean?"));
    for label in [
        "Download the weekly review (Markdown)",
        "Download the weekly review (CSV)",
        "Download the per-day CSV template",
    ] {
        assert!(html.contains(&format!(">{label}</button>")), "{label}");
    }
    no_behaviour_attributes(&html);
}

/// Every delivery fixture that imports.
const GOOD: &[&str] = &[
    "customerio.ndjson",
    "daily.csv",
    "kumomta.ndjson",
    "mailgun-page.json",
    "mailgun.ndjson",
    "postmark.json",
    "sendgrid.json",
    "sendgrid.ndjson",
    "ses-sns.ndjson",
    "ses.ndjson",
    "sparkpost.json",
];

#[tokio::test]
async fn a_chart_of_one_day_says_the_day_not_a_span() {
    let plan = sample_plan();
    let store = store_of(GOOD);
    let h = health(&plan, &store);
    let html = page(plan, store).await;
    let mut single = 0;
    for lane in h.lanes.iter().filter(|l| !l.days.is_empty()) {
        let card = element(&html, &format!("health-{}", lane.lane), "article");
        let (first, last) = (&lane.days[0].date, &lane.days[lane.days.len() - 1].date);
        let covered = match first == last {
            true => format!("complaints on {first},"),
            false => format!("complaints each day from {first} to {last},"),
        };
        single += u32::from(first == last);
        assert!(card.contains(&covered), "{covered} in {card}");
        // Revenue is in dollars, as the journeys' revenue is typed.
        if let Some(v) = lane.window.revenue_per_recipient {
            let money = format!("${}", switchyard::units::fixed(v, 2));
            assert!(card.contains(&money), "{money} in {card}");
        }
    }
    assert!(single > 0, "a lane with one day of data");
}

#[tokio::test]
async fn a_day_of_few_messages_does_not_set_a_charts_scale() {
    let plan = sample_plan();
    let store = store_of(GOOD);
    let h = health(&plan, &store);
    let lane = h.lanes.iter().find(|l| l.lane == "transactional").unwrap();
    // The fixtures hold a day of a few messages, half of them bounced.
    let small = (lane.days.iter())
        .find(|d| d.rates.sent < 100 && d.rates.bounce_percent.is_some_and(|b| b >= 25.0))
        .expect("a small day with many bounces");
    let html = page(plan, store).await;
    let card = element(&html, "health-transactional", "article");
    assert!(
        card.contains(&format!(
            "Above the scale, days of fewer than 100 messages: {} (",
            small.date
        )),
        "{card}"
    );
    // The day's count is named as what was sent, not what the rate is of.
    assert!(
        card.contains(&format!(
            "{} sent)",
            switchyard::units::group(small.rates.sent)
        )),
        "{card}"
    );
    // The providers' figures sit in number cells, which never break.
    let providers = &card[card
        .find("By mailbox provider")
        .expect("the providers' table")..];
    let providers = &providers[..providers.find("</table>").unwrap()];
    assert!(providers.contains(r#"<td class="num">"#), "{providers}");
    assert!(!providers.contains("<td>"), "{providers}");
    // The bounce scale tops out over the action line, not at 50%.
    assert!(card.contains("<span>7.50%</span>"), "{card}");
    assert!(!card.contains("<span>50.00%</span>"), "{card}");
}

#[tokio::test]
async fn mapping_selects_show_each_keys_lane() {
    let plan = sample_plan();
    let store = store_of(&["daily.csv", "sendgrid.json", "ses.ndjson"]);
    let h = health(&plan, &store);
    let html = page(plan.clone(), store).await;
    assert!(!h.keys.is_empty());
    for (i, key) in h.keys.iter().enumerate() {
        let id = format!("map-{i}");
        assert_eq!(
            selected(&html, &id),
            key.lane.clone().unwrap_or_default(),
            "{key:?}"
        );
        assert_eq!(
            attribute(&html, &id, "aria-label"),
            format!("Lane for {} {}", key.key.kind.label(), key.key.value)
        );
    }
    // Every lane can be chosen, and "Not mapped".
    let first = element(&html, "map-0", "select");
    assert!(first.contains("<option value=\"\""));
    for lane in &plan.lanes {
        assert!(first.contains(&format!("<option value=\"{}\"", lane.id)));
    }
    // The SendGrid pool is not mapped and the plan suggests a lane for it.
    let pool = h
        .keys
        .iter()
        .position(|k| k.key.value == "promo")
        .expect("SendGrid's pool");
    assert_eq!(selected(&html, &format!("map-{pool}")), "");
    assert!(html.contains(">Map to Promotional</button>"));
    let suggestions = h
        .keys
        .iter()
        .filter(|k| k.lane.is_none() && k.suggestion.is_some())
        .count();
    let map_all = match suggestions {
        0 | 1 => None,
        2 => Some("Map both suggestions".to_string()),
        n => Some(format!("Map all {n} suggestions")),
    };
    if let Some(map_all) = map_all {
        assert!(html.contains(&format!(">{map_all}</button>")), "{map_all}");
    }
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn postmaster_figures_have_date_and_number_inputs() {
    let mut plan = sample_plan();
    plan.monitoring.postmaster = vec![
        PostmasterEntry {
            id: "postmaster-1".into(),
            date: "2027-03-01".into(),
            domain: "mail.fernleafcoffee.com".into(),
            spam_rate_percent: 0.35,
        },
        PostmasterEntry {
            id: "postmaster-2".into(),
            date: "2027-03-02".into(),
            domain: "fernleafcoffee.com".into(),
            spam_rate_percent: 0.0,
        },
    ];
    let html = page(plan.clone(), Store::default()).await;
    // Each control is named by its figure's id, as Open on a finding
    // about the figure names the control it focuses.
    for (i, row) in plan.monitoring.postmaster.iter().enumerate() {
        let date = postmaster_control(&row.id, "date");
        assert_eq!(date, format!("pm-{}-date", row.id));
        assert_eq!(attribute(&html, &date, "type"), "date");
        assert_eq!(attribute(&html, &date, "value"), row.date);
        let domain = postmaster_control(&row.id, "domain");
        assert_eq!(attribute(&html, &domain, "value"), row.domain);
        let rate = postmaster_control(&row.id, "spam_rate_percent");
        assert_eq!(attribute(&html, &rate, "type"), "number");
        assert_eq!(attribute(&html, &rate, "min"), "0");
        assert_eq!(attribute(&html, &rate, "max"), "100");
        assert_eq!(attribute(&html, &rate, "step"), "0.01");
        for id in [&date, &domain, &rate] {
            assert!(
                html.contains(&format!("<label for=\"{id}\"")),
                "{id} labelled"
            );
        }
        let delete = tag(&html, &postmaster_control(&row.id, "delete"));
        assert!(
            delete.contains(&format!("aria-label=\"Delete figure {}\"", i + 1)),
            "{delete}"
        );
    }
    assert_eq!(attribute(&html, "pm-postmaster-1-rate", "value"), "0.35");
    assert_eq!(attribute(&html, "pm-postmaster-2-rate", "value"), "0");
    assert!(html.contains(">Add a figure</button>"));
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn imported_postmaster_figures_for_no_lane_are_named() {
    let figures = |domain: &str| {
        let file = format!(
            r#"{{"trafficStats": [{{"name": "domains/{domain}/trafficStats/20270301", "userReportedSpamRatio": 0.004}}]}}"#
        );
        let mut store = Store::default();
        store.add(import_bytes("pm.json", file.as_bytes(), 64, &mut Seen::default()).unwrap());
        store
    };
    let html = page(sample_plan(), figures("news.other.example")).await;
    let note = element(&html, "postmaster-unmatched", "p");
    assert!(
        note.contains("Imported figures for news.other.example count for no lane"),
        "{note}"
    );
    assert!(note.contains("that domain"), "{note}");
    // Figures for a lane's domain need no note.
    let html = page(sample_plan(), figures("mail.fernleafcoffee.com")).await;
    assert!(!html.contains("postmaster-unmatched"));
    // A typed-in figure for such a domain is warned of under its field.
    let mut plan = sample_plan();
    plan.monitoring.postmaster.push(PostmasterEntry {
        id: "postmaster-1".into(),
        date: "2027-03-01".into(),
        domain: "news.other.example".into(),
        spam_rate_percent: 0.4,
    });
    let html = page(plan, Store::default()).await;
    let notes = element(&html, "pm-postmaster-1-domain-notes", "div");
    assert!(
        notes.contains("No lane sends from or signs for news.other.example"),
        "{notes}"
    );
}

#[tokio::test]
async fn imported_files_are_listed_with_their_skipped_lines() {
    let store = store_of(&["sendgrid.json", "broken.ndjson"]);
    let html = page(sample_plan(), store).await;
    // Forgetting a file asks first, and each button names its file.
    assert!(
        html.contains("aria-label=\"Forget sendgrid.json\""),
        "{html}"
    );
    assert!(html.contains("aria-label=\"Forget broken.ndjson\""));
    assert_eq!(html.matches(">Forget…</button>").count(), 2);
    assert!(html.contains("4 lines skipped"));
    assert!(html.contains("Line 2: the record is not complete JSON"));
    assert!(!html.contains("None yet."));
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn an_empty_plan_without_data_says_so() {
    let html = page(Plan::empty("p"), Store::default()).await;
    assert!(html.contains("id=\"health-heading\""));
    assert!(html.contains("No data imported yet."));
    assert!(html.contains("None yet."));
    assert!(!html.contains("<select"));
    assert!(!html.contains("postmaster-figure"));
    assert!(html.contains(">Add a figure</button>"));
    // Nothing is being read: the picker is open and there is no report.
    assert!(tag(&html, "monitor-files").contains("aria-disabled=\"false\""));
    assert!(!html.contains("import-progress"));
    assert!(!html.contains("import-report"));
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn an_import_shows_its_progress_and_report() {
    let mut props = view_props(sample_plan(), Store::default());
    props.progress = Some(Progress {
        id: 1,
        done: 4_194_304.0,
        total: 104_857_600.0,
        file: "big.ndjson".into(),
    });
    let html = render::<MonitoringView>(props.clone()).await;
    assert!(html.contains("Reading big.ndjson: 4.1 of 104.8 MB"));
    assert_eq!(attribute(&html, "import-progress", "max"), "104857600");
    assert_eq!(attribute(&html, "import-progress", "value"), "4194304");
    assert!(html.contains(">Cancel</button>"));
    // A file under a megabyte is counted in kilobytes.
    let small = MonitoringViewProps {
        progress: Some(Progress {
            id: 1,
            done: 0.0,
            total: 5_120.0,
            file: "sendgrid.json".into(),
        }),
        ..props.clone()
    };
    let small = render::<MonitoringView>(small).await;
    assert!(
        small.contains("Reading sendgrid.json: 0 of 6 KB"),
        "{small}"
    );
    // An import for the plan open before says so on another plan.
    let other = render::<MonitoringView>(MonitoringViewProps {
        elsewhere: true,
        ..props.clone()
    })
    .await;
    assert!(other.contains("Reading big.ndjson into another plan's counts: 4.1 of 104.8 MB"));
    // Busy, the picker takes no files but keeps its focus: it is not
    // disabled, which would drop the focus to the page.
    let input = tag(&html, "monitor-files");
    assert!(input.contains("aria-disabled=\"true\""), "{input}");
    assert!(!input.contains(" disabled"), "{input}");

    props.progress = None;
    props.report = Some(Rc::new(vec![
        ReportLine {
            error: false,
            warning: false,
            text: "✓ daily.csv: Per-day CSV, 4 records.".into(),
            file: None,
            refused: None,
            earlier: None,
        },
        ReportLine::failed(
            "unknown.json",
            &Refused::Said("not a format Switchyard reads.".into()),
        ),
    ]));
    props.error = Some("the worker stopped".into());
    let html = render::<MonitoringView>(props).await;
    assert!(html.contains("<li>✓ daily.csv: Per-day CSV, 4 records.</li>"));
    assert!(
        html.contains("<li class=\"error\">✗ unknown.json: not a format Switchyard reads.</li>")
    );
    assert!(html.contains("The monitoring worker failed: the worker stopped"));
    assert!(!html.contains(">Cancel</button>"));
}

/// An import whose events name no lane is marked as a warning, neither a
/// success nor a failure.
#[tokio::test]
async fn an_import_whose_events_name_no_lane_is_a_warning() {
    let bounces = br#"{"email":"a@gmail.com","timestamp":1803895200,"event":"bounce","sg_event_id":"b1","sg_message_id":"m1"}
{"email":"b@gmail.com","timestamp":1803895200,"event":"spamreport","sg_event_id":"c2","sg_message_id":"m2"}
"#;
    let source = import_bytes("outcomes.json", bounces, 64, &mut Seen::default()).unwrap();
    let mut props = view_props(sample_plan(), Store::default());
    props.report = Some(Rc::new(vec![
        ReportLine::imported(&source),
        ReportLine::imported(&store_of(&["sendgrid.json"]).sources[0]),
    ]));
    let html = render::<MonitoringView>(props).await;
    let warned = "<li class=\"warning\">⚠ outcomes.json: SendGrid Event Webhook, 2 records. No event in it names a lane, so none counts for a lane. SendGrid names the IP pool only on processed events and the sending IP only on delivered ones: export those events too, or send with a category or a lane custom argument.</li>";
    assert!(html.contains(warned), "{html}");
    assert!(html.contains("<li>✓ sendgrid.json: SendGrid Event Webhook, 16 records.</li>"));
}

#[tokio::test]
async fn hostile_text_is_escaped() {
    let mut plan = sample_plan();
    plan.lanes[0].name = "<script>alert(1)</script>".into();
    let mut store = store_of(&["daily.csv"]);
    store.sources[0].name = "<img src=x onerror=alert(1)>.csv".into();
    let html = page(plan, store).await;
    no_injected_markup(&html);
    assert!(html.contains("&lt;script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;.csv"));
}

#[tokio::test]
async fn a_complaint_on_a_day_without_sends_is_still_in_the_day_table() {
    use switchyard::plan::model::{KeyKind, KeyMapping};
    // Amazon SES reports the complaint and the unsubscribe of 2027-03-01's
    // mail the next day, when nothing was sent: no rate, but the counts.
    let mut plan = sample_plan();
    plan.monitoring.mapping.push(KeyMapping {
        kind: KeyKind::SesConfigurationSet,
        key: "brand-promotions".into(),
        lane: "promotional".into(),
    });
    let html = page(plan, store_of(&["ses.ndjson"])).await;
    let row = |date: &str| -> String {
        html.split("<tr")
            .find(|r| r.contains(&format!("<th scope=\"row\">{date}</th>")))
            .unwrap_or_else(|| panic!("{date}: {html}"))
            .to_string()
    };
    let late = row("2027-03-02");
    assert!(late.contains(">1 (no sends that day)</td>"), "{late}");
    assert!(!late.contains(">0.000%</td>"), "{late}");
    // A day with mail keeps its rates.
    assert!(row("2027-03-01").contains("%</td>"));
}

#[tokio::test]
async fn a_chart_leaves_days_without_data_blank() {
    // A lane's data on 2026-12-01 and 2026-12-06 only.
    let csv = "date,lane,mailbox_provider,sent,delivered,hard_bounces,soft_bounces,complaints,opens,clicks,unsubscribes,revenue\n\
        2026-12-01,promotional,gmail,10000,9900,20,30,30,2000,300,10,0\n\
        2026-12-06,promotional,gmail,10000,9900,40,60,20,2000,300,10,0\n";
    let mut store = Store::default();
    store.add(import_bytes("week.csv", csv.as_bytes(), 1 << 16, &mut Seen::default()).unwrap());
    let html = page(sample_plan(), store).await;
    let card = element(&html, "health-promotional", "article");
    let charts: Vec<&str> = card.split("<figure").skip(1).collect();
    assert_eq!(charts.len(), 2, "{card}");
    for chart in charts {
        // A day on the axis for each day of the span, those without data
        // among them, so the slider steps through all six.
        assert!(chart.contains("aria-valuemax=\"6\""), "{chart}");
        assert!(
            chart.contains("No data was imported for 4 of these days."),
            "{chart}"
        );
        // Each day with data is a dash of its own: no line crosses the
        // four days between them.
        let line = chart
            .split("<path d=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a rate line");
        assert_eq!(line.matches('M').count(), 2, "{line}");
        assert!(!line.contains('L'), "{line}");
    }
}
