//! Read-only views of the planning core's results as Yew components that
//! touch no browser API, so the engine worker can render them to HTML.
//! Their buttons carry data attributes (`data-open`, `data-copy`,
//! `data-download`) that the page acts on.

pub mod checklist;
pub mod dns;
pub mod fields;
pub mod journeys;
pub mod lanes;
pub mod monitoring;
pub mod overview;
pub mod preferences;
pub mod problems;
pub mod readiness;
pub mod rules;
pub mod simulation;
pub mod warmup;

use crate::diagnostic::Severity;

pub fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// The findings whose path is exactly `path`, for showing under a field.
pub fn findings_at(
    findings: &[crate::diagnostic::Diagnostic],
    path: &str,
) -> Vec<crate::diagnostic::Diagnostic> {
    findings
        .iter()
        .filter(|d| d.path == path)
        .cloned()
        .collect()
}

pub use crate::plan::model::enum_key;

#[cfg(feature = "engine")]
pub use render::{render_domains, render_monitor, render_pages, render_review};

#[cfg(feature = "engine")]
mod render {
    use yew::LocalServerRenderer;

    use std::rc::Rc;

    use super::checklist::{ChecklistPage, ChecklistPageProps};
    use super::dns::{BrandReport, BrandReportProps, LaneReport, LaneReportProps};
    use super::journeys::{JourneyView, JourneysPage, JourneysPageProps};
    use super::lanes::{LanesPage, LanesPageProps};
    use super::overview::{Overview, OverviewProps};
    use super::preferences::{PreferencesPage, PreferencesPageProps};
    use super::readiness::{ReadinessPage, ReadinessPageProps};
    use super::rules::{RulesPage, RulesPageProps};
    use super::simulation::{SimulationPage, SimulationPageProps};
    use super::warmup::{WarmupPage, WarmupPageProps};
    use crate::answers::{DnsAnswer, DnsSummary, EngineAnswer, ReviewAnswer};
    use crate::dns::psl::SuffixList;
    use crate::dns::report::domains_report;
    use crate::plan::model::Plan;
    use crate::plan::routing::route;
    use crate::plan::validate::validate;

    /// The DNS worker's answer: the domains pages and the DNS findings.
    pub async fn render_domains(
        plan: &Plan,
        today: chrono::NaiveDate,
        request: u32,
        psl: Option<&SuffixList>,
    ) -> DnsAnswer {
        let report = domains_report(plan, today, request, psl);
        let fields = validate(plan);
        // Findings that no lane owns belong to the brand's section.
        let lane_owned = |path: &str| {
            path.starts_with("lane:")
                || report
                    .records
                    .iter()
                    .any(|r| r.lane.is_some() && r.name == path)
        };
        let brand_findings = report
            .findings
            .iter()
            .filter(|d| !lane_owned(&d.path))
            .cloned()
            .collect();
        let brand_html = html(BrandReportProps {
            dmarc: plan.dmarc.clone(),
            extras: plan.extras.clone(),
            existing: plan.existing_records.clone(),
            field_findings: fields
                .iter()
                .filter(|d| d.path.starts_with("$.dmarc") || d.path.starts_with("$.extras"))
                .cloned()
                .collect(),
            rollout: report.rollout.clone(),
            weeks_per_stage: plan.dmarc.weeks_per_stage.clamp(1, 52),
            mta_sts_policy: report.mta_sts_policy.clone(),
            existing_count: report.existing_count,
            existing_findings: report.existing_findings.clone(),
            zone_files: report.zone_files.clone(),
            stage: report.stage.clone(),
            findings: brand_findings,
        })
        .await;
        let mut lane_html = Vec::new();
        for (index, lane) in plan.lanes.iter().enumerate() {
            let records: Vec<_> = report
                .records
                .iter()
                .filter(|r| r.lane.as_deref() == Some(lane.id.as_str()))
                .cloned()
                .collect();
            let own = format!("lane:{}", lane.id);
            let findings = report
                .findings
                .iter()
                .filter(|d| d.path == own || records.iter().any(|r| r.name == d.path))
                .cloned()
                .collect();
            let prefix = format!("$.lanes[{index}].");
            let text = html_of::<LaneReport>(LaneReportProps {
                lane: lane.clone(),
                index: index as u32,
                view: report.lanes.iter().find(|v| v.lane_id == lane.id).cloned(),
                records,
                findings,
                field_findings: fields
                    .iter()
                    .filter(|d| d.path.starts_with(&prefix))
                    .cloned()
                    .collect(),
            })
            .await;
            lane_html.push((lane.id.clone(), text));
        }
        let mut findings = report.findings.clone();
        findings.extend(report.existing_findings.iter().cloned());

        let summary = crate::answers::DnsSummary {
            evidence: crate::dns::report::evidence(plan, &report),
            records: report.records.clone(),
            stage: report.stage.clone(),
            findings: findings.clone(),
        };
        DnsAnswer {
            request,
            brand_html,
            lane_html,
            summary: serde_json::to_string(&summary).unwrap_or_default(),
            record_lanes: report
                .records
                .iter()
                .filter_map(|r| r.lane.clone().map(|lane| (r.name.clone(), lane)))
                .collect(),
            findings,
            error: None,
        }
    }

    /// The review worker's answer: the checklist, preferences and readiness
    /// pages, which weigh every finding, the DNS checks' (from `dns`, once
    /// they have run) included.
    pub async fn render_review(
        plan: &Plan,
        today: chrono::NaiveDate,
        request: u32,
        dns: Option<&DnsSummary>,
    ) -> ReviewAnswer {
        let routing = route(plan);
        let mut all = validate(plan);
        all.extend(routing.diagnostics.iter().cloned());
        all.extend(crate::review::lint::lint(plan, &routing));
        if let Some(dns) = dns {
            all.extend(dns.findings.iter().cloned());
        }
        all.sort_by_key(|d| d.severity);
        let evidence = dns.map(|d| d.evidence.as_slice());
        let checklist = crate::review::checklist::checklist(plan, &routing, &all, evidence, today);
        let about = |prefixes: &[&str]| -> Vec<_> {
            all.iter()
                .filter(|d| prefixes.iter().any(|p| d.path.starts_with(p)))
                .cloned()
                .collect()
        };
        let assessment = crate::review::assess::assess(plan);
        let readiness = crate::review::readiness::report(&crate::review::readiness::Inputs {
            plan,
            today,
            routing: &routing,
            checklist: &checklist,
            assessment: &assessment,
            records: dns.map(|d| d.records.as_slice()),
            dmarc_stage: dns.map_or("", |d| d.stage.as_str()),
            findings: &all,
        });
        let markdown = crate::review::readiness::to_markdown(&readiness);
        let progress = (checklist.overall.done, checklist.overall.total);
        ReviewAnswer {
            request,
            checklist_html: html_of::<ChecklistPage>(ChecklistPageProps {
                report: Rc::new(checklist),
                findings: about(&["$.checklist", "$.monitoring"]),
            })
            .await,
            preferences_html: html_of::<PreferencesPage>(PreferencesPageProps {
                plan: Rc::new(plan.clone()),
                findings: about(&["$.preferences"]),
            })
            .await,
            readiness_html: html_of::<ReadinessPage>(ReadinessPageProps {
                report: Rc::new(readiness),
                markdown: markdown.into(),
                file_name: format!("{}-readiness.md", plan.id).into(),
            })
            .await,
            progress,
            error: None,
        }
    }

    /// The monitoring worker's answer: the monitoring page for the plan and
    /// the imported counts.
    pub async fn render_monitor(
        plan: &Plan,
        store: &crate::monitor::Store,
        request: u32,
    ) -> crate::answers::MonitorAnswer {
        use crate::monitor::health::{health, Status};
        use crate::monitor::review::{weekly_csv, weekly_markdown, weeks};
        let h = health(plan, store);
        let acting = h.lanes.iter().filter(|l| l.status == Status::Act).count() as u32;
        let weekly_md = weekly_markdown(plan, &h);
        let weekly = weekly_csv(&weeks(&h));
        // Findings about the mapping and the typed-in figures are on the
        // problems page; validation is left out of this worker.
        crate::answers::MonitorAnswer {
            request,
            html: html_of::<super::monitoring::MonitoringPage>(
                super::monitoring::MonitoringPageProps {
                    plan: Rc::new(plan.clone()),
                    health: Rc::new(h),
                    sources: Rc::new(store.sources.clone()),
                    weekly_markdown: weekly_md.into(),
                    weekly_csv: weekly.into(),
                    template: crate::monitor::tables::template().into(),
                },
            )
            .await,
            acting,
            error: None,
        }
    }

    /// The engine's answer: the plan's pages and the findings of validation
    /// and routing.
    pub async fn render_pages(plan: &Plan, request: u32, journeys: &JourneyView) -> EngineAnswer {
        let fields = validate(plan);
        let routing = Rc::new(route(plan));
        let plan_rc = Rc::new(plan.clone());
        let about = |prefix: &str| -> Vec<_> {
            fields
                .iter()
                .chain(routing.diagnostics.iter())
                .filter(|d| d.path.starts_with(prefix))
                .cloned()
                .collect()
        };
        let warmup_findings = fields
            .iter()
            .filter(|d| d.path.contains(".warmup"))
            .cloned()
            .collect();
        let mut findings = fields.clone();
        findings.extend(routing.diagnostics.iter().cloned());
        findings.extend(crate::review::lint::lint(plan, &routing));
        EngineAnswer {
            request,
            rules_html: html_of::<RulesPage>(RulesPageProps {
                plan: plan_rc.clone(),
                routing: routing.clone(),
                findings: fields
                    .iter()
                    .chain(routing.diagnostics.iter())
                    .filter(|d| {
                        d.path.starts_with("$.rules") || d.path.starts_with("$.default_lane")
                    })
                    .cloned()
                    .collect(),
            })
            .await,
            simulation_html: html_of::<SimulationPage>(SimulationPageProps {
                plan: plan_rc.clone(),
                routing: routing.clone(),
                findings: about("$.simulation"),
            })
            .await,
            journeys_html: html_of::<JourneysPage>(JourneysPageProps {
                plan: plan_rc.clone(),
                routing: routing.clone(),
                findings: about("$.journeys"),
                view: journeys.clone(),
            })
            .await,
            lanes_html: html_of::<LanesPage>(LanesPageProps {
                plan: plan_rc.clone(),
                routing: routing.clone(),
                findings: about("$.lanes"),
            })
            .await,
            warmup_html: html_of::<WarmupPage>(WarmupPageProps {
                plan: plan_rc.clone(),
                routing: routing.clone(),
                findings: warmup_findings,
            })
            .await,
            overview_html: html_of::<Overview>(OverviewProps {
                findings: about("$.brand"),
                plan: plan_rc,
                routing,
            })
            .await,
            findings,
            error: None,
        }
    }

    async fn html(props: BrandReportProps) -> String {
        html_of::<BrandReport>(props).await
    }

    async fn html_of<C: yew::BaseComponent>(props: C::Properties) -> String {
        LocalServerRenderer::<C>::with_props(props)
            .hydratable(false)
            .render()
            .await
    }
}
