//! The report tab: the readiness report for the plan, printable, with its
//! Markdown to download.

use switchyard::plan::model::Plan;
use switchyard::plan::sample::sample_plan;
use switchyard::review::assess::assess;
use switchyard::review::readiness::{report, Block, Inputs};
use switchyard::ui::pages::readiness::ReadinessPage;

use super::support::{no_behaviour_attributes, no_injected_markup, props, render, today};

#[tokio::test]
async fn the_report_shows_every_block_and_its_buttons() {
    let page = props(sample_plan());
    let (plan, findings) = (page.plan.clone(), page.findings.clone());
    let expected = report(&Inputs {
        plan: &plan,
        today: today(),
        routing: &findings.routing,
        checklist: &findings.checklist,
        assessment: &assess(&plan),
        records: Some(&findings.domains.records),
        dmarc_stage: &findings.domains.stage,
        findings: &findings.all,
    });
    let html = render::<ReadinessPage>(page).await;
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
    let html = render::<ReadinessPage>(props(Plan::empty("p"))).await;
    assert!(html.contains("Readiness report: Untitled plan"));
    assert!(html.contains(">Download Markdown</button>"));
    no_behaviour_attributes(&html);
}

#[tokio::test]
async fn user_text_is_escaped() {
    let mut plan = sample_plan();
    plan.lanes[0].name = "<script>alert(1)</script>".into();
    plan.brand.name = "\"><img src=x onerror=alert(1)>".into();
    let html = render::<ReadinessPage>(props(plan)).await;
    no_injected_markup(&html);
}

#[tokio::test]
async fn only_cells_with_a_long_token_may_break_inside_a_word() {
    let html = render::<ReadinessPage>(props(sample_plan())).await;
    // A host name may wrap anywhere; a lane's name keeps its line.
    assert!(
        html.contains("<td class=\"token\">bounce.receipts.fernleafcoffee.com</td>"),
        "{html}"
    );
    assert!(html.contains("<td>Transactional</td>"));
}
