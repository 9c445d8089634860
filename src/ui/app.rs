//! The app shell: header, plan tools, notices, tabs and the current page.
//!
//! The shell derives what several pages and the tabs' badges share
//! (`review::findings`), memoised on the plan, and hands each page the plan,
//! those findings and two callbacks: one for typed edits, one to open the
//! place a finding points at.

use std::rc::Rc;

use chrono::NaiveDate;
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use crate::dmarc_reports::rollout::{
    checklist_evidence, judged_on, readiness, ItemEvidence as ReportEvidence,
};
use crate::dmarc_reports::store::Store as ReportStore;
use crate::dns::psl::SuffixList;
use crate::monitor::health::Health;
use crate::plan::diagnostic::Severity;
use crate::plan::edit::Edit;
use crate::plan::model::Plan;
use crate::plan::state::Action;
use crate::review::findings::{dns_part, findings_with, DnsKey, DnsPart, Findings};
use crate::review::place::{place_of, Place};

use super::context::{use_planner, PlannerHandle, PlannerProvider};
use super::live_dns::{use_live_dns, LiveDnsHandle};
use super::monitor::{use_monitor, MonitorHandle};
use super::notice::{ConflictBanner, NoticeBar};
use super::offline::UpdateBanner;
use super::pages::checklist::ChecklistPage;
use super::pages::dmarc::DmarcPage;
use super::pages::domains::DomainsPage;
use super::pages::journeys::JourneysPage;
use super::pages::lanes::LanesPage;
use super::pages::migrations::MigrationsPage;
use super::pages::monitoring::MonitoringPage;
use super::pages::overview::OverviewPage;
use super::pages::platform::PlatformPage;
use super::pages::preferences::PreferencesPage;
use super::pages::problems::ProblemsPage;
use super::pages::readiness::ReadinessPage;
use super::pages::rules::RulesPage;
use super::pages::simulation::SimulationPage;
use super::pages::warmup::WarmupPage;
use super::pages::{Focus, PageProps};
use super::reports::{use_reports, ReportsHandle};
use super::share::{use_shared, use_shared_health, NotInLink, SharedBar, SharedMonitoring};
use super::toolbar::Toolbar;

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
    const ALL: [Tab; 15] = [
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

    fn label(self) -> &'static str {
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

    fn slug(self) -> &'static str {
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

/// Where the user is looking: a tab and, optionally, an element to show.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub tab: Tab,
    pub focus: Option<Focus>,
}

#[component]
pub fn App() -> Html {
    html! {
        <PlannerProvider>
            <Shell />
        </PlannerProvider>
    }
}

/// The Public Suffix List once fetched; equal only to itself, so memos
/// keyed on it recompute once when it arrives.
#[derive(Clone)]
struct Psl(Rc<SuffixList>);

impl PartialEq for Psl {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[component]
fn Shell() -> Html {
    let planner = use_planner();
    let view = use_state(|| View {
        tab: Tab::Overview,
        focus: None,
    });
    let today = *use_memo((), |_| today());
    let psl = use_psl();
    let shared = use_shared(planner.clone());
    let own: Rc<Plan> = planner.state().plan_rc();
    // A plan opened from a link shows in place of the user's own, read-only.
    let plan: Rc<Plan> = shared.plan().unwrap_or_else(|| own.clone());
    // Reports and counts belong to the user's plans, never to a shared one.
    let reports = use_reports(own.clone());
    let store = shared.current.is_none().then(|| reports.store.clone());
    // What a check of published DNS proves, once the user asked for one.
    let live = use_live_dns(plan.clone());
    let derived = use_findings(&plan, today, &psl, store, &live);
    let monitor = use_monitor_from(own.clone(), view.tab);
    let shared_health = use_shared_health(shared.plan());
    let health = (*shared_health)
        .clone()
        .unwrap_or_else(|| monitor.health.clone());
    use_undo_shortcuts(planner.clone(), shared.current.is_none());
    use_focus(view.focus.clone());

    let on_edit = use_on_edit(&planner, shared.current.is_some());
    let open = use_open(view.setter());
    let page = PageProps {
        plan: plan.clone(),
        findings: derived.clone(),
        today,
        on_edit,
        on_open: open.clone(),
        focus: view.focus.clone(),
    };
    let sources = Sources {
        live: live.clone(),
        health: health.clone(),
        monitor: monitor.clone(),
        reports: reports.clone(),
        shared: shared.current.is_some(),
    };
    let body = page_body(view.tab, page, sources);
    let acting = if shared.current.is_some() {
        0
    } else {
        monitor.acting()
    };
    let badges = Badges::of(&derived, acting);
    let body = read_only_if(shared.current.is_some(), body);
    let state = planner.state();
    html! {
        <div class="app">
            if let Some(current) = &shared.current {
                <SharedBar plan_name={current.plan.brand.name.clone()} on_add={shared.on_add()} on_close={shared.on_close()} />
            } else {
                <Toolbar />
            }
            <UpdateBanner />
            if let Some(conflict) = state.conflict.clone() {
                <ConflictBanner {conflict} plan_name={own.brand.name.clone()}
                    on_resolve={Callback::from({ let p = planner.clone(); move |r| p.dispatch(Action::Resolve(r)) })} />
            }
            if let Some(notice) = state.notice.clone() {
                <NoticeBar on_show={show_part(&notice, &plan, &derived, &open)} {notice}
                    on_dismiss={planner.on(Action::DismissNotice)} />
            }
            <Tabs current={view.tab} {badges} on_pick={{ let view = view.setter(); Callback::from(move |tab| view.set(View { tab, focus: None })) }} />
            <main id="main" class={format!("page page-{}", view.tab.slug())}>{ body }</main>
            { footer() }
        </div>
    }
}

/// The monitoring worker, started the first time its tab opens.
#[hook]
fn use_monitor_from(own: Rc<Plan>, tab: Tab) -> MonitorHandle {
    let seen = use_state(|| false);
    let monitor = use_monitor(own, *seen || tab == Tab::Monitoring);
    if tab == Tab::Monitoring && !*seen {
        seen.set(true);
    }
    monitor
}

fn footer() -> Html {
    html! {
        <footer class="footer">
            <p>
                { "Plans stay in this browser until you export them. " }
                <a href="plan.schema.json" target="_blank" rel="noopener">{ "Plan file format (JSON Schema)" }</a>
                { " · Undo Ctrl+Z · Redo Ctrl+Shift+Z" }
            </p>
        </footer>
    }
}

/// The callback pages send typed edits to, the same one on every render so
/// that cards and rows whose item did not change are not drawn again. A
/// shared plan is read-only, so its edits go nowhere.
#[hook]
fn use_on_edit(planner: &PlannerHandle, read_only: bool) -> Callback<Edit> {
    let dispatcher = planner.dispatcher();
    let on_edit = use_callback((), move |edit: Edit, _| {
        dispatcher.dispatch(Action::Edit(edit))
    });
    let ignore = use_callback((), |_: Edit, _| ());
    if read_only {
        ignore
    } else {
        on_edit
    }
}

/// The callback that opens a place: its tab, and the element to show,
/// numbered so that opening the same place twice shows it twice.
#[hook]
fn use_open(view: UseStateSetter<View>) -> Callback<Place> {
    let seq = use_mut_ref(|| 0u32);
    use_callback((), move |place: Place, _| {
        *seq.borrow_mut() += 1;
        let tab = tab_of(&place);
        let focus = Some(Focus {
            place,
            seq: *seq.borrow(),
        });
        view.set(View { tab, focus });
    })
}

/// A disabled fieldset makes every control of a shared plan read-only.
fn read_only_if(read_only: bool, body: Html) -> Html {
    if !read_only {
        return body;
    }
    html! {
        <fieldset class="read-only" disabled=true>
            <legend class="visually-hidden">{ "Shared plan, read-only" }</legend>
            { body }
        </fieldset>
    }
}

/// Opens the part of the plan a notice is about, if it names one.
fn show_part(
    notice: &crate::plan::state::Notice,
    plan: &Rc<Plan>,
    derived: &Rc<Findings>,
    open: &Callback<Place>,
) -> Option<Callback<MouseEvent>> {
    let path = notice.at.clone()?;
    let (plan, derived, open) = (plan.clone(), derived.clone(), open.clone());
    Some(Callback::from(move |_| {
        open.emit(place_of(&plan, &derived.domains.records, &path))
    }))
}

/// What pages beyond the plan's own draw on: the published-DNS check, the
/// delivery counts, the monitoring and DMARC report imports, and whether
/// the plan on screen is a shared one.
struct Sources {
    live: LiveDnsHandle,
    health: Rc<Health>,
    monitor: MonitorHandle,
    reports: ReportsHandle,
    shared: bool,
}

/// The page of `tab`.
fn page_body(tab: Tab, page: PageProps, sources: Sources) -> Html {
    match tab {
        Tab::Overview => html! { <OverviewPage ..page /> },
        Tab::Lanes => html! { <LanesPage ..page /> },
        Tab::Journeys => html! { <JourneysPage ..page /> },
        Tab::Rules => html! { <RulesPage ..page /> },
        Tab::Domains => html! {
            <ContextProvider<LiveDnsHandle> context={sources.live}>
                <DomainsPage ..page />
            </ContextProvider<LiveDnsHandle>>
        },
        Tab::Platform => html! { <PlatformPage ..page /> },
        Tab::Warmup => html! { <WarmupPage ..page /> },
        Tab::Migrations => html! { <MigrationsPage {page} health={sources.health.clone()} /> },
        Tab::Simulation => html! { <SimulationPage ..page /> },
        Tab::Checklist => html! { <ChecklistPage ..page /> },
        Tab::Preferences => html! { <PreferencesPage ..page /> },
        Tab::Readiness => html! { <ReadinessPage ..page /> },
        Tab::Monitoring if sources.shared => {
            html! { <SharedMonitoring {page} health={sources.health} /> }
        }
        Tab::Monitoring => html! { <MonitoringPage {page} monitor={sources.monitor} /> },
        Tab::Dmarc if sources.shared => html! { <NotInLink what="DMARC reports" /> },
        Tab::Dmarc => html! { <DmarcPage {page} reports={sources.reports} /> },
        Tab::Problems => html! { <ProblemsPage ..page /> },
    }
}

/// The plan's findings, each part worked out again only when what it
/// reads changes: the DNS checks when the brand, lanes, DMARC plan or
/// records change, what the DMARC reports prove when those or the reports
/// change, and the rest with the plan.
#[hook]
fn use_findings(
    plan: &Rc<Plan>,
    today: NaiveDate,
    psl: &Option<Psl>,
    store: Option<Rc<ReportStore>>,
    live: &LiveDnsHandle,
) -> Rc<Findings> {
    let domains: Rc<DnsPart> = {
        let plan = plan.clone();
        use_memo(
            (DnsKey::of(&plan), today, psl.clone()),
            move |(_, today, psl)| dns_part(&plan, *today, psl.as_ref().map(|p| p.0.as_ref())),
        )
    };
    let proof: Rc<Vec<ReportEvidence>> = {
        let plan = plan.clone();
        use_memo(
            (DnsKey::of(&plan), store, today),
            move |(_, store, today)| {
                store
                    .as_ref()
                    .map_or_else(Vec::new, |s| report_evidence(&plan, s, *today))
            },
        )
    };
    use_memo(
        (plan.clone(), domains, proof, live.evidence.clone()),
        move |(plan, domains, proof, live)| {
            findings_with(plan, today, domains.clone(), proof, live)
        },
    )
}

/// What the tabs show beside their names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Badges {
    /// Checklist items done, of all.
    progress: (u32, u32),
    /// Lanes whose monitoring says act now.
    acting: u32,
    errors: u32,
    warnings: u32,
}

impl Badges {
    fn of(derived: &Findings, acting: u32) -> Badges {
        let count = |severity| {
            derived
                .all
                .iter()
                .filter(|d| d.severity == severity)
                .count() as u32
        };
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
struct TabsProps {
    current: Tab,
    badges: Badges,
    on_pick: Callback<Tab>,
}

#[component]
fn Tabs(props: &TabsProps) -> Html {
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
                    if tab == Tab::Checklist && total > 0 {
                        <span class="badge progress" aria-label={format!("{done} of {total} done")}>{ format!("{done}/{total}") }</span>
                    }
                    if tab == Tab::Monitoring && acting > 0 {
                        <span class="badge error" aria-label={crate::units::count(acting as u64, "lane needs action", "lanes need action")}>{ acting }</span>
                    }
                    if tab == Tab::Problems && errors + warnings > 0 {
                        <span class={classes!("badge", if errors > 0 { "error" } else { "warning" })}
                            aria-label={format!("{}, {}", crate::units::count(errors as u64, "error", "errors"), crate::units::count(warnings as u64, "warning", "warnings"))}>
                            { errors + warnings }
                        </span>
                    }
                </button>
            }
        </nav>
    }
}

/// The checklist evidence in a plan's DMARC reports.
fn report_evidence(plan: &Plan, store: &ReportStore, today: NaiveDate) -> Vec<ReportEvidence> {
    if store.rows.is_empty() {
        return Vec::new();
    }
    let day = judged_on(store.days().map(|(_, last)| last), today);
    checklist_evidence(&readiness(plan, &store.rows, day))
}

/// The tab that shows a place.
fn tab_of(place: &Place) -> Tab {
    match place {
        Place::Brand => Tab::Overview,
        Place::Lane(_) => Tab::Lanes,
        Place::Domains(_) | Place::DnsBrand | Place::ExistingRecords => Tab::Domains,
        Place::Warmup(_) => Tab::Warmup,
        Place::Journey(_) => Tab::Journeys,
        Place::Rule(_) | Place::DefaultLane => Tab::Rules,
        Place::Migration(_) | Place::PeakWindow => Tab::Migrations,
        Place::Simulation => Tab::Simulation,
        Place::Checklist | Place::SeedTests | Place::Thresholds => Tab::Checklist,
        Place::Mapping | Place::Postmaster => Tab::Monitoring,
        Place::Preferences => Tab::Preferences,
        Place::Platform => Tab::Platform,
    }
}

/// The element that shows a place, to scroll to and focus.
fn element_of(place: &Place) -> Option<String> {
    let fixed = |id: &str| Some(id.to_string());
    // An item of a list, or, with no item named, the list's Add button:
    // where a finding about the list, or the last item's delete, leaves
    // the user.
    let item = |kind: &str, id: &Option<String>| {
        Some(
            id.as_ref()
                .map_or(format!("add-{kind}"), |id| format!("{kind}-{id}")),
        )
    };
    match place {
        Place::Brand => fixed("brand"),
        // The section's button, which the domains page marks as current.
        Place::DnsBrand => fixed("domains-brand"),
        Place::ExistingRecords => fixed("existing-records"),
        Place::Domains(id) => id.as_ref().map(|id| format!("domains-lane-{id}")),
        Place::Lane(id) => item("lane", id),
        Place::Warmup(id) => id.as_ref().map(|id| format!("warmup-{id}")),
        Place::Journey(id) => item("journey", id),
        Place::Rule(id) => item("rule", id),
        Place::Migration(id) => item("migration", id),
        Place::DefaultLane => fixed("default-lane"),
        Place::PeakWindow => fixed("peak-window"),
        Place::Simulation => None,
        Place::Checklist => fixed("checklist-heading"),
        Place::SeedTests => fixed("seeds"),
        Place::Thresholds => fixed("thresholds"),
        Place::Mapping => fixed("mapping-heading"),
        Place::Postmaster => fixed("postmaster-heading"),
        Place::Preferences => fixed("preferences-heading"),
        Place::Platform => fixed("platform-heading"),
    }
}

/// Today in the browser's time zone.
fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// Fetches the Public Suffix List served beside the app, once. Until it
/// arrives, or if it cannot be read, DMARC alignment is judged without it.
#[hook]
fn use_psl() -> UseStateHandle<Option<Psl>> {
    let psl = use_state(|| None::<Psl>);
    {
        let psl = psl.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(list) = fetch_psl().await {
                    // Reading the list and checking the plan with it are
                    // each work enough for a task of their own.
                    super::sleep(0).await;
                    psl.set(Some(Psl(Rc::new(list))));
                }
            });
        });
    }
    psl
}

async fn fetch_psl() -> Option<SuffixList> {
    let window = web_sys::window()?;
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str("public_suffix_list.dat"))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
    if !response.ok() {
        return None;
    }
    // Read as bytes: a JavaScript string would be converted once more on
    // its way in, and leave a large string for the collector.
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    let text = String::from_utf8(js_sys::Uint8Array::new(&buffer).to_vec()).ok()?;
    SuffixList::parse(text).ok()
}

/// Ctrl+Z undoes and Ctrl+Shift+Z (or Ctrl+Y) redoes, except inside text
/// boxes, where the browser's own text undo is what people expect.
#[hook]
fn use_undo_shortcuts(planner: PlannerHandle, enabled: bool) {
    use_effect_with(enabled, move |enabled| {
        let document = enabled
            .then(|| web_sys::window().and_then(|w| w.document()))
            .flatten();
        let listener = document.map(|document| {
            let active = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&document, "keydown", active, move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if !(event.ctrl_key() || event.meta_key()) || event.alt_key() || typing(event) {
                    return;
                }
                let action = match (event.key().to_lowercase().as_str(), event.shift_key()) {
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

/// Whether a key went to a text box, whose own undo wins.
fn typing(event: &KeyboardEvent) -> bool {
    event
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
        })
}

/// Scrolls to and focuses the element the user asked to see, once the page
/// that holds it has rendered.
#[hook]
fn use_focus(target: Option<Focus>) {
    use_effect_with(target, |target| {
        let Some(id) = target.as_ref().and_then(|f| element_of(&f.place)) else {
            return;
        };
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id));
        if let Some(el) = element {
            // As little scrolling as shows it, so opening the item beside
            // one just deleted does not jump the page.
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&options);
            if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
