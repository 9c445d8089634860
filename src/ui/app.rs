//! The app shell: header, plan tools, notices, tabs and the current page.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use crate::answers::{DnsAnswer, EngineAnswer, ReviewAnswer};
use crate::diagnostic::{target_of, Diagnostic, Severity, Target};
use crate::plan::routing::{route, Routing};
use crate::plan::state::Action;
use crate::ui::views::journeys::JourneyView;
use crate::ui::views::problems::Problems;

use super::context::{use_planner, PlannerProvider};
use super::domains::DomainsPage;
use super::engine::{use_review, use_worker, Editor};
use super::monitoring::{use_monitor, MonitoringTab};
use super::notice::{ConflictBanner, NoticeBar};
use super::report::{Delegate, Report};
use super::toolbar::Toolbar;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Lanes,
    Journeys,
    Rules,
    Domains,
    Warmup,
    Simulation,
    Checklist,
    Preferences,
    Readiness,
    Monitoring,
    Problems,
}

impl Tab {
    const ALL: [Tab; 12] = [
        Tab::Overview,
        Tab::Lanes,
        Tab::Journeys,
        Tab::Rules,
        Tab::Domains,
        Tab::Warmup,
        Tab::Simulation,
        Tab::Checklist,
        Tab::Preferences,
        Tab::Readiness,
        Tab::Monitoring,
        Tab::Problems,
    ];

    fn label(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::Lanes => "Lanes",
            Tab::Journeys => "Journeys",
            Tab::Rules => "Routing rules",
            Tab::Domains => "Domains",
            Tab::Warmup => "Warm-up",
            Tab::Simulation => "Simulation",
            Tab::Checklist => "Checklist",
            Tab::Preferences => "Preferences",
            Tab::Readiness => "Report",
            Tab::Monitoring => "Monitoring",
            Tab::Problems => "Problems",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Tab::Overview => "overview",
            Tab::Lanes => "lanes",
            Tab::Journeys => "journeys",
            Tab::Rules => "rules",
            Tab::Domains => "domains",
            Tab::Warmup => "warmup",
            Tab::Simulation => "simulation",
            Tab::Checklist => "checklist",
            Tab::Preferences => "preferences",
            Tab::Readiness => "report",
            Tab::Monitoring => "monitoring",
            Tab::Problems => "problems",
        }
    }
}

/// Where the user is looking: a tab and, optionally, an element to focus.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub tab: Tab,
    pub focus: Option<String>,
}

#[component]
pub fn App() -> Html {
    html! {
        <PlannerProvider>
            <Shell />
        </PlannerProvider>
    }
}

#[component]
fn Shell() -> Html {
    let planner = use_planner();
    let view = use_state(|| View {
        tab: Tab::Overview,
        focus: None,
    });
    let plan = Rc::new(planner.state().plan().clone());
    let routing: Rc<Routing> = use_memo(plan.clone(), |plan| route(plan));
    // What the journeys page shows: its filters and the open editor.
    let journeys = use_state(JourneyView::default);
    // The engine worker renders the plan's pages; the DNS worker the
    // domains pages.
    let journeys_json = serde_json::to_string_pretty(&*journeys).unwrap_or_default();
    let engine = use_worker::<EngineAnswer>("engine-worker.js", plan.clone(), journeys_json);
    let dns = use_worker::<DnsAnswer>("dns-worker.js", plan.clone(), String::new());
    // The review worker weighs the DNS checks too: the DNS worker's summary
    // is its view. It also makes the forms' edits.
    let summary = dns
        .answer
        .as_ref()
        .map(|a| a.summary.clone())
        .unwrap_or_default();
    let dispatch = {
        let planner = planner.clone();
        Callback::from(move |action| planner.dispatch(action))
    };
    let (review, editor) = use_review::<ReviewAnswer>(plan.clone(), summary, dispatch);
    // The monitoring worker starts the first time its tab opens.
    let monitoring_seen = use_state(|| false);
    let monitor = use_monitor(
        plan.clone(),
        *monitoring_seen || view.tab == Tab::Monitoring,
    );
    if view.tab == Tab::Monitoring && !*monitoring_seen {
        monitoring_seen.set(true);
    }
    let acting = monitor.acting();
    let on_journeys_view = {
        let journeys = journeys.clone();
        Callback::from(move |(key, value): (String, String)| {
            let mut next = (*journeys).clone();
            match key.as_str() {
                "journeys.lane" => next.lane = value,
                "journeys.intent" => next.intent = value,
                // The same journey's button closes its editor.
                "journeys.open" => {
                    next.open = (next.open.as_deref() != Some(value.as_str())).then_some(value)
                }
                _ => return,
            }
            journeys.set(next);
        })
    };
    // Findings shown beside the fields that fix them: validation and
    // routing from the engine (routing from here until it answers).
    let findings: Rc<Vec<Diagnostic>> = {
        let routing = routing.clone();
        let answer = engine.answer.clone();
        use_memo((plan.clone(), answer), move |(_, answer)| match answer {
            Some(a) => a.findings.clone(),
            None => routing.diagnostics.clone(),
        })
    };
    // Every finding, DNS included, for the problems page and its badge.
    let all: Rc<Vec<Diagnostic>> = {
        let dns_answer = dns.answer.clone();
        use_memo((findings.clone(), dns_answer), |(findings, dns)| {
            let mut all = (**findings).clone();
            if let Some(dns) = dns {
                all.extend(dns.findings.iter().cloned());
            }
            all.sort_by_key(|d| d.severity);
            all
        })
    };

    use_undo_shortcuts(planner.clone());
    // Marks the page while a worker is redrawing (`data-busy` on the root
    // element), for tests to wait on before typing into its pages.
    use_effect_with(engine.pending || dns.pending || review.pending, |busy| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = match busy {
                true => root.set_attribute("data-busy", ""),
                false => root.remove_attribute("data-busy"),
            };
        }
    });
    use_focus(view.focus.clone());

    let open = {
        let view = view.clone();
        let journeys = journeys.clone();
        Callback::from(move |next: View| {
            // A link to a journey opens its editor.
            if let Some(id) = next
                .focus
                .as_deref()
                .and_then(|f| f.strip_prefix("journey-"))
            {
                journeys.set(JourneyView {
                    open: Some(id.to_string()),
                    ..(*journeys).clone()
                });
            }
            view.set(next)
        })
    };
    let open_finding = {
        let open = open.clone();
        let plan = plan.clone();
        let answer = dns.answer.clone();
        Callback::from(move |path: String| open.emit(view_for(&plan, answer.as_deref(), &path)))
    };
    let count = |s: Severity| all.iter().filter(|d| d.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let html_of = |pick: fn(&EngineAnswer) -> &String| {
        engine
            .answer
            .as_deref()
            .map(|a| AttrValue::from(pick(a).clone()))
    };

    let review_html = |pick: fn(&ReviewAnswer) -> &String| {
        review
            .answer
            .as_deref()
            .map(|a| AttrValue::from(pick(a).clone()))
    };
    let progress = review.answer.as_deref().map(|a| a.progress);
    // Most tabs are a worker's HTML in a `Report`: one place builds it.
    let worker_page = match view.tab {
        Tab::Overview => Some((html_of(|a| &a.overview_html), "Loading the overview…")),
        Tab::Lanes => Some((html_of(|a| &a.lanes_html), "Loading the lanes…")),
        Tab::Journeys => Some((html_of(|a| &a.journeys_html), "Loading the journeys…")),
        Tab::Rules => Some((html_of(|a| &a.rules_html), "Loading the rules…")),
        Tab::Warmup => Some((html_of(|a| &a.warmup_html), "Loading the warm-up plans…")),
        Tab::Simulation => Some((html_of(|a| &a.simulation_html), "Running the simulation…")),
        Tab::Checklist => Some((review_html(|a| &a.checklist_html), "Loading the checklist…")),
        Tab::Preferences => Some((
            review_html(|a| &a.preferences_html),
            "Loading the preferences…",
        )),
        Tab::Readiness => Some((review_html(|a| &a.readiness_html), "Preparing the report…")),
        _ => None,
    };
    let page = match (worker_page, view.tab) {
        (Some((html, loading)), _) => {
            html! { <Report {html} on_open={open_finding.clone()} on_view={on_journeys_view.clone()} {loading} /> }
        }
        (None, Tab::Domains) => {
            html! { <DomainsPage plan={plan.clone()} answer={dns.answer.clone()}
            pending={dns.pending} error={dns.error.clone()} open={view.focus.clone()} on_open={open_finding.clone()} /> }
        }
        (None, Tab::Monitoring) => {
            html! { <MonitoringTab monitor={monitor.clone()} on_open={open_finding.clone()} /> }
        }
        _ => {
            html! { <Delegate on_open={open_finding.clone()}><Problems findings={(*all).clone()} /></Delegate> }
        }
    };
    let state = planner.state();
    html! {
        <div class="app">
            <Toolbar />
            if let Some(conflict) = state.conflict.clone() {
                <ConflictBanner {conflict} plan_name={plan.brand.name.clone()}
                    on_resolve={Callback::from({ let p = planner.clone(); move |r| p.dispatch(Action::Resolve(r)) })} />
            }
            if let Some(notice) = state.notice.clone() {
                <NoticeBar {notice} on_dismiss={planner.on(Action::DismissNotice)} />
            }
            <nav class="tabs" aria-label="Sections">
                for tab in Tab::ALL {
                    {{
                        let current = (view.tab == tab).then_some("page");
                        let view = view.clone();
                        let onclick = Callback::from(move |_| view.set(View { tab, focus: None }));
                        html! {
                            <button type="button" id={format!("tab-{}", tab.slug())} class="tab" aria-current={current} {onclick}>
                                { tab.label() }
                                if let (Tab::Checklist, Some((done, total))) = (tab, progress) {
                                    <span class="badge progress" aria-label={format!("{done} of {total} done")}>{ format!("{done}/{total}") }</span>
                                }
                                if tab == Tab::Monitoring && acting > 0 {
                                    <span class="badge error" aria-label={format!("{acting} lanes need action")}>{ acting }</span>
                                }
                                if tab == Tab::Problems && errors + warnings > 0 {
                                    <span class={classes!("badge", if errors > 0 { "error" } else { "warning" })}
                                        aria-label={format!("{errors} errors, {warnings} warnings")}>
                                        { errors + warnings }
                                    </span>
                                }
                            </button>
                        }
                    }}
                }
            </nav>
            if let Some(why) = review.error.as_ref() {
                <p class="finding error" role="alert">
                    { format!("Changes made in the pages cannot be applied: {why}. Reload the page; your plan is saved in this browser.") }
                </p>
            }
            <main id="main" class={format!("page page-{}", view.tab.slug())}>
                <ContextProvider<Editor> context={editor}>{ page }</ContextProvider<Editor>>
            </main>
            <footer class="footer">
                <p>
                    { "Plans stay in this browser until you export them. " }
                    <a href="plan.schema.json" target="_blank" rel="noopener">{ "Plan file format (JSON Schema)" }</a>
                    { " · Undo Ctrl+Z · Redo Ctrl+Shift+Z" }
                </p>
            </footer>
        </div>
    }
}

/// The tab and element that a finding's path points at: a JSON path, a
/// lane's checks (`lane:<id>`), a record name or a line of existing records.
fn view_for(plan: &crate::plan::model::Plan, answer: Option<&DnsAnswer>, path: &str) -> View {
    let domains = |lane: Option<&str>| View {
        tab: Tab::Domains,
        focus: lane.map(str::to_string),
    };
    if let Some(id) = path.strip_prefix("lane:") {
        return domains(Some(id));
    }
    if path.starts_with("$.simulation") {
        return View {
            tab: Tab::Simulation,
            focus: None,
        };
    }
    for (prefix, tab, focus) in [
        ("$.checklist.seeds", Tab::Checklist, "seeds"),
        ("$.checklist", Tab::Checklist, "checklist-heading"),
        ("$.monitoring.mapping", Tab::Monitoring, "mapping-heading"),
        (
            "$.monitoring.postmaster",
            Tab::Monitoring,
            "postmaster-heading",
        ),
        ("$.monitoring", Tab::Checklist, "thresholds"),
        ("$.preferences", Tab::Preferences, "preferences-heading"),
    ] {
        if path.starts_with(prefix) {
            return View {
                tab,
                focus: Some(focus.to_string()),
            };
        }
    }
    if ["$.dmarc", "$.extras", "$.existing_records", "line "]
        .iter()
        .any(|p| path.starts_with(p))
    {
        return domains(None);
    }
    if !path.starts_with('$') {
        let owner = answer
            .and_then(|a| a.record_lanes.iter().find(|(name, _)| name == path))
            .map(|(_, lane)| lane.clone());
        return domains(owner.as_deref());
    }
    if let Target::Lane(i) = target_of(path) {
        let field = path.split('.').nth(2).unwrap_or_default();
        if field.starts_with("warmup") {
            return View {
                tab: Tab::Warmup,
                focus: plan
                    .lanes
                    .get(i as usize)
                    .map(|l| format!("warmup-{}", l.id)),
            };
        }
        if ["dkim_selector", "dkim_domain", "ip_addresses"]
            .iter()
            .any(|f| field.starts_with(f))
        {
            return domains(plan.lanes.get(i as usize).map(|l| l.id.as_str()));
        }
    }
    match target_of(path) {
        Target::Lane(i) => View {
            tab: Tab::Lanes,
            focus: plan.lanes.get(i as usize).map(|l| format!("lane-{}", l.id)),
        },
        Target::Journey(i) => View {
            tab: Tab::Journeys,
            focus: plan
                .journeys
                .get(i as usize)
                .map(|j| format!("journey-{}", j.id)),
        },
        Target::Rule(i) => View {
            tab: Tab::Rules,
            focus: plan.rules.get(i as usize).map(|r| format!("rule-{}", r.id)),
        },
        Target::Brand | Target::Plan if path.starts_with("$.default_lane") => View {
            tab: Tab::Rules,
            focus: Some("default-lane".to_string()),
        },
        Target::Brand | Target::Plan => View {
            tab: Tab::Overview,
            focus: Some("brand".to_string()),
        },
    }
}

/// Ctrl+Z undoes and Ctrl+Shift+Z (or Ctrl+Y) redoes, except inside text
/// boxes, where the browser's own text undo is what people expect.
#[hook]
fn use_undo_shortcuts(planner: super::context::PlannerHandle) {
    use_effect_with((), move |_| {
        let document = web_sys::window().and_then(|w| w.document());
        let listener = document.map(|document| {
            let active = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&document, "keydown", active, move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if !(event.ctrl_key() || event.meta_key()) || event.alt_key() {
                    return;
                }
                let typing = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| {
                        let tag = el.tag_name();
                        tag == "TEXTAREA"
                            || (tag == "INPUT"
                                && !matches!(
                                    el.get_attribute("type").as_deref(),
                                    Some("checkbox" | "radio" | "button")
                                ))
                    });
                if typing {
                    return;
                }
                let key = event.key().to_lowercase();
                let action = match (key.as_str(), event.shift_key()) {
                    ("z", false) => Action::Undo,
                    ("z", true) | ("y", false) => Action::Redo,
                    _ => return,
                };
                event.prevent_default();
                planner.dispatch(action);
            })
        });
        move || drop(listener)
    });
}

/// Scrolls to and focuses the element a finding pointed at.
#[hook]
fn use_focus(target: Option<String>) {
    use_effect_with(target, |target| {
        if let Some(id) = target {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(id))
            {
                el.scroll_into_view();
                if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
    });
}
