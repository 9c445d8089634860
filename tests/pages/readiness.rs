//! The report tab: the readiness report for the plan, printable, with its
//! Markdown to download.

use switchyard::plan::model::Plan;
use switchyard::plan::sample::sample_plan;
use switchyard::review::assess::assess;
use switchyard::review::readiness::{report, Block, Inputs};
use switchyard::ui::pages::readiness::{ReadinessPage, ReadinessPageProps};

use std::rc::Rc;

use switchyard::dmarc_reports::read::read_file;
use switchyard::dmarc_reports::store::Store as ReportStore;
use switchyard::monitor::health::health;
use switchyard::monitor::import::{import_bytes, Seen};
use switchyard::monitor::Store;
use switchyard::ui::pages::PageProps;

use super::support::{no_behaviour_attributes, no_injected_markup, props, render, today};

/// The page with no delivery data or DMARC reports imported.
fn alone(page: PageProps) -> ReadinessPageProps {
    ReadinessPageProps {
        page,
        health: None,
        reports: None,
    }
}

fn fixture(path: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[tokio::test]
async fn the_report_shows_every_block_and_its_buttons() {
    let page = props(sample_plan());
    let (plan, findings) = (page.plan.clone(), page.findings.clone());
    let expected = report(&Inputs {
        plan: &plan,
        today: today(),
        routing: &findings.routing,
        carried: &findings.carried,
        checklist: &findings.checklist,
        assessment: &assess(&plan),
        records: Some(&findings.domains.records),
        dmarc_stage: &findings.domains.stage,
        findings: &findings.all,
        delivery: None,
        dmarc_reports: None,
    });
    let html = render::<ReadinessPage>(alone(page)).await;
    assert!(html.contains("<h2 id=\"readiness-heading\">Readiness report: Fernleaf Coffee</h2>"));
    for block in &expected.blocks {
        if let Block::Heading(2, text) = block {
            assert!(html.contains(&format!("<h3>{text}</h3>")), "{text}");
        }
    }
    for heading in [
        "Lanes",
        "Domains and records",
        "Routing",
        "Warm-up",
        "Checklist",
        "Open findings",
    ] {
        assert!(html.contains(&format!("<h3>{heading}")), "{heading}");
    }
    // The report carries the DNS records the shell derived.
    assert!(html.contains("_dmarc.fernleafcoffee.com"));
    assert!(html.contains(">Print</button>"));
    assert!(html.contains(">Download Markdown</button>"));
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn an_empty_plan_has_a_report() {
    let html = render::<ReadinessPage>(alone(props(Plan::empty("p")))).await;
    assert!(html.contains("Readiness report: Untitled plan"));
    assert!(html.contains(">Download Markdown</button>"));
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn user_text_is_escaped() {
    let mut plan = sample_plan();
    plan.lanes[0].name = "<script>alert(1)</script>".into();
    plan.brand.name = "\"><img src=x onerror=alert(1)>".into();
    let html = render::<ReadinessPage>(alone(props(plan))).await;
    no_injected_markup(&html);
}

#[tokio::test]
async fn only_cells_with_a_long_token_may_break_inside_a_word() {
    let html = render::<ReadinessPage>(alone(props(sample_plan()))).await;
    // A host name may wrap anywhere; a lane's name keeps its line.
    assert!(
        html.contains("<td class=\"token\">bounce.receipts.fernleafcoffee.com</td>"),
        "{html}"
    );
    assert!(html.contains("<td>Transactional</td>"));
}

#[tokio::test]
async fn without_imported_data_the_report_says_where_to_import_it() {
    let html = render::<ReadinessPage>(alone(props(sample_plan()))).await;
    assert!(html.contains("<h3>Delivery and DMARC results</h3>"));
    assert!(
        html.contains(
            "No delivery data is imported. Import the providers' event files on the Monitoring tab"
        ),
        "{html}"
    );
    assert!(html.contains("No DMARC aggregate reports are imported. Import them on the DMARC tab"));
}

/// The report carries what the Monitoring and DMARC tabs show: each lane's
/// status and rates, and the reports' verdict with each lane's pass rate.
#[tokio::test]
async fn imported_delivery_data_and_dmarc_reports_are_reported() {
    let plan = sample_plan();
    let mut store = Store::default();
    let mut seen = Seen::default();
    let daily = fixture("monitoring/daily.csv");
    store.add(import_bytes("daily.csv", &daily, 1 << 16, &mut seen).unwrap());
    let h = health(&plan, &store);
    let mut reports = ReportStore::default();
    for name in ["google.zip", "outlook.zip", "yahoo.xml.gz"] {
        for report in read_file(name, &fixture(&format!("dmarc/{name}"))).unwrap() {
            reports.add(report);
        }
    }
    let page = ReadinessPageProps {
        page: props(plan.clone()),
        health: Some(Rc::new(h.clone())),
        reports: Some(Rc::new(reports)),
    };
    let html = render::<ReadinessPage>(page).await;
    assert!(html.contains("<h4>Delivery</h4>"), "{html}");
    let watched: Vec<_> = h.lanes.iter().filter(|l| l.window.sent > 0).collect();
    assert!(!watched.is_empty());
    for lane in watched {
        let row = format!("<td>{}</td><td>{}</td>", lane.name, lane.status.label());
        assert!(html.contains(&row), "{row}");
    }
    assert!(html.contains("<h4>DMARC reports</h4>"));
    assert!(html.contains("<th scope=\"col\">DMARC pass</th>"));
    assert!(!html.contains("No DMARC aggregate reports are imported"));
    assert!(!html.contains("No delivery data is imported"));
    no_behaviour_attributes(&html);
}

/// A lane without delivery data keeps its row in the Delivery table, saying
/// so, while other lanes have data.
#[tokio::test]
async fn a_lane_without_delivery_data_keeps_its_row() {
    let plan = sample_plan();
    let csv = b"date,lane,sent,delivered\n2027-03-01,promotional,1000,990\n";
    let mut store = Store::default();
    store.add(import_bytes("d.csv", csv, 64, &mut Seen::default()).unwrap());
    let page = ReadinessPageProps {
        page: props(plan.clone()),
        health: Some(Rc::new(health(&plan, &store))),
        reports: None,
    };
    let html = render::<ReadinessPage>(page).await;
    assert!(
        html.contains("<td>Promotional</td><td>Healthy</td>"),
        "{html}"
    );
    for lane in plan.lanes.iter().filter(|l| l.id != "promotional") {
        let row = format!(
            "<td>{}</td><td>No data</td><td>–</td><td>–</td><td>–</td><td>–</td><td>–</td><td>No imported data is mapped to this lane</td>",
            lane.name
        );
        assert!(html.contains(&row), "{row}\n{html}");
    }
    assert!(!html.contains("No delivery data is imported"));
}

/// A move cut over before it starts: the report gives its mail to the old
/// lane, which carries it today, and its Routing table says so beside the
/// lane the plan routes each journey to.
#[tokio::test]
async fn a_move_cut_over_early_leaves_todays_mail_on_its_old_lane() {
    use switchyard::plan::edit::{edit_plan, Edit, RuleField};
    use switchyard::plan::model::{Lane, Migration, Purpose, WarmupPlan, WarmupPreset};
    let mut plan = sample_plan();
    let start = today().to_string();
    let mut lane = Lane::new("flows-new", "New flows", Purpose::RevenueFlows);
    lane.warmup = Some(WarmupPlan {
        preset: WarmupPreset::BrazeModerate,
        start_date: start.clone(),
        ..WarmupPlan::default()
    });
    plan.lanes.push(lane);
    plan.migrations.push(Migration {
        start_date: start,
        ..Migration::new("flows-move", "revenue-flows", "flows-new")
    });
    for rule in ["rule-recovery", "rule-lifecycle"] {
        let set = RuleField::Lane("flows-new".into());
        let rule = rule.into();
        edit_plan(&mut plan, Edit::Rule { rule, set });
    }
    let html = render::<ReadinessPage>(alone(props(plan))).await;
    let lanes = &html[html.find("<h3>Lanes</h3>").unwrap()..html.find("<h3>Domains").unwrap()];
    assert!(
        lanes.contains("<td>11,000 / day. Moves to New flows"),
        "{lanes}"
    );
    assert!(
        lanes.contains("<td>0 / day. Moves in from Revenue flows"),
        "{lanes}"
    );
    let held = "<td>New flows (on Revenue flows until the move completes on 2026-12-08)</td>";
    assert_eq!(html.matches(held).count(), 7, "{html}");
}
