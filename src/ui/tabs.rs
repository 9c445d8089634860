//! The tabs across the top: the sections of the app, with badges for
//! checklist progress, lanes that need action and the plan's problems.

use yew::prelude::*;

use crate::monitor::findings::ACT;
use crate::plan::diagnostic::Severity;
use crate::review::findings::Findings;
use crate::review::place::Place;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Lanes,
    Journeys,
    Rules,
    Domains,
    Platform,
    Warmup,
    Migrations,
    Simulation,
    Checklist,
    Preferences,
    Readiness,
    Monitoring,
    Dmarc,
    Problems,
}

impl Tab {
    pub const ALL: [Tab; 15] = [
        Tab::Overview,
        Tab::Lanes,
        Tab::Journeys,
        Tab::Rules,
        Tab::Domains,
        Tab::Platform,
        Tab::Warmup,
        Tab::Migrations,
        Tab::Simulation,
        Tab::Checklist,
        Tab::Preferences,
        Tab::Readiness,
        Tab::Monitoring,
        Tab::Dmarc,
        Tab::Problems,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::Lanes => "Lanes",
            Tab::Journeys => "Journeys",
            Tab::Rules => "Routing rules",
            Tab::Domains => "Domains",
            Tab::Platform => "Platform",
            Tab::Warmup => "Warm-up",
            Tab::Migrations => "Migrations",
            Tab::Simulation => "Simulation",
            Tab::Checklist => "Checklist",
            Tab::Preferences => "Preferences",
            Tab::Readiness => "Report",
            Tab::Monitoring => "Monitoring",
            Tab::Dmarc => "DMARC reports",
            Tab::Problems => "Problems",
        }
    }

    /// The tab whose slug is `slug`.
    pub fn of_slug(slug: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.slug() == slug)
    }

    pub fn slug(self) -> &'static str {
        match self {
            Tab::Overview => "overview",
            Tab::Lanes => "lanes",
            Tab::Journeys => "journeys",
            Tab::Rules => "rules",
            Tab::Domains => "domains",
            Tab::Platform => "platform",
            Tab::Warmup => "warmup",
            Tab::Migrations => "migrations",
            Tab::Simulation => "simulation",
            Tab::Checklist => "checklist",
            Tab::Preferences => "preferences",
            Tab::Readiness => "report",
            Tab::Monitoring => "monitoring",
            Tab::Dmarc => "dmarc",
            Tab::Problems => "problems",
        }
    }
}

/// The tab that shows a place.
pub fn tab_of(place: &Place) -> Tab {
    match place {
        Place::Brand | Place::BrandField(_) => Tab::Overview,
        Place::Lane(_) | Place::LaneField { .. } => Tab::Lanes,
        Place::Domains(_)
        | Place::DnsBrand
        | Place::DmarcField(_)
        | Place::ExtrasField(_)
        | Place::ExistingRecords => Tab::Domains,
        Place::Warmup(_) | Place::WarmupField { .. } => Tab::Warmup,
        Place::Journey(_) | Place::JourneyField { .. } => Tab::Journeys,
        Place::Rule(_) | Place::RuleField { .. } | Place::DefaultLane => Tab::Rules,
        Place::Migration(_) | Place::MigrationField { .. } | Place::PeakWindow => Tab::Migrations,
        Place::Simulation | Place::Fallbacks | Place::FallbackField { .. } => Tab::Simulation,
        Place::Checklist
        | Place::SeedTests
        | Place::SeedField { .. }
        | Place::Thresholds
        | Place::ThresholdField { .. }
        | Place::ThresholdReset(_) => Tab::Checklist,
        Place::Mapping
        | Place::Postmaster
        | Place::PostmasterField { .. }
        | Place::LaneHealth(_) => Tab::Monitoring,
        Place::DmarcPublished => Tab::Dmarc,
        Place::Preferences
        | Place::Topic(_)
        | Place::TopicLane { .. }
        | Place::OneClick(_)
        | Place::ProcessingDays => Tab::Preferences,
        Place::Platform | Place::AllEmailsLane => Tab::Platform,
    }
}

/// What the tabs show beside their names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Badges {
    /// Checklist items done, of all.
    progress: (u32, u32),
    /// Lanes whose monitoring says act now: their findings, so that this
    /// badge and the problems' count the same lanes.
    acting: u32,
    errors: u32,
    warnings: u32,
}

impl Badges {
    pub fn of(derived: &Findings) -> Badges {
        let count = |severity| {
            derived
                .all
                .iter()
                .filter(|d| d.severity == severity)
                .count() as u32
        };
        let acting = (derived.all.iter()).filter(|d| d.code == ACT).count() as u32;
        Badges {
            progress: (
                derived.checklist.overall.done,
                derived.checklist.overall.total,
            ),
            acting,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct TabsProps {
    pub current: Tab,
    pub badges: Badges,
    pub on_pick: Callback<Tab>,
}

#[component]
pub fn Tabs(props: &TabsProps) -> Html {
    let Badges {
        progress: (done, total),
        acting,
        errors,
        warnings,
    } = props.badges;
    html! {
        <nav class="tabs" aria-label="Sections">
            for tab in Tab::ALL {
                <button type="button" id={format!("tab-{}", tab.slug())} class="tab"
                    aria-current={(props.current == tab).then_some("page")}
                    onclick={{ let pick = props.on_pick.clone(); move |_| pick.emit(tab) }}>
                    { tab.label() }
                    // A badge shows a figure; the tab's name says it in words.
                    if tab == Tab::Checklist && total > 0 {
                        { badge("progress", format!("{done}/{total}"), format!("{done} of {total} done")) }
                    }
                    if tab == Tab::Monitoring && acting > 0 {
                        { badge("error", acting.to_string(), crate::units::count(acting as u64, "lane needs action", "lanes need action")) }
                    }
                    if tab == Tab::Problems && errors + warnings > 0 {
                        { badge(if errors > 0 { "error" } else { "warning" }, (errors + warnings).to_string(),
                            format!("{}, {}", crate::units::count(errors as u64, "error", "errors"), crate::units::count(warnings as u64, "warning", "warnings"))) }
                    }
                </button>
            }
        </nav>
    }
}

/// A tab's badge: a figure to see, and the same in words for screen readers.
fn badge(kind: &'static str, shown: String, said: String) -> Html {
    html! {
        <>
            <span class={classes!("badge", kind)} aria-hidden="true">{ shown }</span>
            <span class="visually-hidden">{ format!(", {said}") }</span>
        </>
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::Badges;
    use crate::monitor::health::{health, Health};
    use crate::monitor::Store;
    use crate::plan::model::PostmasterEntry;
    use crate::plan::sample::sample_plan;
    use crate::review::findings::{dns_part, findings_with};

    #[test]
    fn the_monitoring_badge_counts_the_lanes_problems_lists_as_needing_action() {
        // The primary domain's spam rate past Gmail's 0.3% line, typed in
        // as a shared plan carries it: every lane acts.
        let mut plan = sample_plan();
        plan.monitoring.postmaster.push(PostmasterEntry {
            id: "pm-1".into(),
            date: "2026-11-28".into(),
            domain: "fernleafcoffee.com".into(),
            spam_rate_percent: 0.35,
        });
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let part = Rc::new(dns_part(&plan, today, None));
        let of = |h: &Health| {
            Badges::of(&findings_with(
                &plan,
                today,
                part.clone(),
                &Default::default(),
                &Default::default(),
                h,
            ))
        };
        let without = of(&Default::default());
        let with = of(&health(&plan, &Store::default()));
        assert_eq!((without.acting, with.acting), (0, 3));
        assert_eq!(with.errors, without.errors + 3);
        assert_eq!(with.warnings, without.warnings);
    }
}
