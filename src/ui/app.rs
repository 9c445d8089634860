//! The app shell: header, plan tools, notices, tabs and the current page.
//!
//! The shell derives what several pages and the tabs' badges share
//! (`review::findings`), memoised on the plan, and hands each page the plan,
//! those findings and two callbacks: one for typed edits, one to open the
//! place a finding points at.

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use crate::dmarc_reports::rollout::{proof, Proof};
use crate::dmarc_reports::store::Store as ReportStore;
use crate::monitor::health::Health;
use crate::plan::edit::Edit;
use crate::plan::model::Plan;
use crate::plan::state::Action;
use crate::review::findings::{dns_part, findings_with, DnsKey, DnsPart, Findings};
use crate::review::place::{place_of, Place};

use super::context::{use_planner, PlannerHandle, PlannerProvider};
use super::fields::{focus_id, KeptRefusals, OpenSections, ReadOnly};
use super::focus::{use_focus, use_focus_through_moves};
use super::kept::Kept;
use super::live_dns::{use_live_dns, LiveDnsHandle};
use super::monitor::{use_monitor, MonitorHandle};
use super::notice::{ConflictBanner, DamagedBar, NoticeBar};
use super::offline::UpdateBanner;
use super::pages::checklist::{ChecklistPage, ChecklistView};
use super::pages::dmarc::DmarcPage;
use super::pages::domains::DomainsPage;
use super::pages::domains::DomainsSection;
use super::pages::journeys::JourneysPage;
use super::pages::journeys::{JourneyMemories, JourneysView};
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
use super::psl::{use_psl, Psl};
use super::reports::{use_reports, ReportsHandle};
use super::share::{use_shared, use_shared_health, NotInLink, SharedBar, SharedMonitoring};
use super::tabs::{tab_of, Badges, Tab, Tabs};
use super::toolbar::Toolbar;
use super::undo_keys::use_undo_shortcuts;

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

#[component]
fn Shell() -> Html {
    let planner = use_planner();
    // A reload comes back to the tab it left.
    let view = use_state(|| View {
        tab: (super::persist::tab_page().as_deref())
            .and_then(Tab::of_slug)
            .unwrap_or(Tab::Overview),
        focus: None,
    });
    use_effect_with(view.tab, |tab| super::persist::keep_tab_page(tab.slug()));
    let today = *use_memo((), |_| today());
    let psl = use_psl();
    let shared = use_shared(planner.clone());
    let own: Rc<Plan> = planner.state().plan_rc();
    // A plan opened from a link shows in place of the user's own, read-only.
    let plan: Rc<Plan> = shared.plan().unwrap_or_else(|| own.clone());
    super::panic::remember_shown(plan.clone());
    // Reports and counts belong to the user's plans, never to a shared one.
    let reports = use_reports(own.clone());
    let store = shared.current.is_none().then(|| reports.store.clone());
    // What a check of published DNS proves, once the user asked for one.
    let live = use_live_dns(plan.clone());
    let monitor = use_monitor_from(own.clone(), view.tab);
    // Lane health as the Monitoring tab shows it: a shared plan's from its
    // Postmaster rows alone, since its counts stay with its owner.
    let shared_health = use_shared_health(shared.plan());
    let health = (*shared_health)
        .clone()
        .unwrap_or_else(|| monitor.health.clone());
    let derived = use_findings(&plan, today, &psl, store, &live, &health);
    use_undo_shortcuts(planner.clone(), shared.current.is_none());
    use_focus(view.focus.clone());
    use_focus_through_moves();

    let on_edit = use_on_edit(&planner, shared.current.is_some());
    let (open, open_added) = use_open(view.setter());
    let page = PageProps {
        plan: plan.clone(),
        findings: derived.clone(),
        today,
        on_edit,
        on_open: open.clone(),
        on_added: open_added,
        focus: view.focus.clone(),
    };
    let sources = Sources {
        live: live.clone(),
        health: health.clone(),
        monitor: monitor.clone(),
        reports: reports.clone(),
        shared: shared.current.is_some(),
    };
    // What a page kept of one plan (its filters, open sections, chosen
    // lane, refused text) is no view of another's, though their lanes may
    // share ids: each plan starts from the pages' defaults.
    let kept_journeys = use_memo(plan.id.clone(), |_| Kept::<JourneysView>::default());
    let journey_memories = use_memo(plan.id.clone(), |_| Kept::<JourneyMemories>::default());
    let open_sections = use_memo(plan.id.clone(), |_| Kept::<OpenSections>::default());
    let domains_section = use_memo(plan.id.clone(), |_| Kept::<DomainsSection>::default());
    let checklist_view = use_memo(plan.id.clone(), |_| Kept::<ChecklistView>::default());
    let refusals = use_memo(plan.id.clone(), |_| Kept::<KeptRefusals>::default());
    let body = page_body(view.tab, page, sources);
    let body = html! {
        <ContextProvider<Kept<JourneysView>> context={(*kept_journeys).clone()}>
            <ContextProvider<Kept<JourneyMemories>> context={(*journey_memories).clone()}>
                <ContextProvider<Kept<OpenSections>> context={(*open_sections).clone()}>
                    <ContextProvider<Kept<DomainsSection>> context={(*domains_section).clone()}>
                        <ContextProvider<Kept<KeptRefusals>> context={(*refusals).clone()}>
                            <ContextProvider<Kept<ChecklistView>> context={(*checklist_view).clone()}>
                                { body }
                            </ContextProvider<Kept<ChecklistView>>>
                        </ContextProvider<Kept<KeptRefusals>>>
                    </ContextProvider<Kept<DomainsSection>>>
                </ContextProvider<Kept<OpenSections>>>
            </ContextProvider<Kept<JourneyMemories>>>
        </ContextProvider<Kept<JourneysView>>>
    };
    let badges = Badges::of(&derived);
    let body = read_only_if(shared.current.is_some(), body);
    let state = planner.state();
    let band = use_node_ref();
    super::band::use_band(band.clone());
    html! {
        <div class="app">
            <SkipLink />
            // Each part that comes and goes has a wrapper of its own, so
            // that a render which swaps the header and drops a message at
            // once has fixed places to put them.
            <div class="app-head">
                if let Some(current) = &shared.current {
                    <SharedBar plan_name={current.plan.brand.name.clone()} on_add={shared.on_add()} on_close={shared.on_close()} />
                } else {
                    <Toolbar />
                }
            </div>
            <UpdateBanner />
            <div class="app-messages" ref={band}>
                if let Some(conflict) = state.conflict.clone() {
                    <ConflictBanner plan_name={state.label_of(&conflict.plan_id).unwrap_or_default()}
                        differs={state.conflict_differs()} {conflict}
                        on_resolve={Callback::from({ let p = planner.clone(); move |r| p.dispatch(Action::Resolve(r)) })} />
                }
                // Notices concern the user's own plans, which a shared plan
                // covers; they show once it is closed or added.
                if !state.damaged.is_empty() && shared.current.is_none() {
                    <DamagedBar copies={state.damaged.clone()} on_clear={clear_damaged(&state.damaged, &planner)}
                        on_dismiss={planner.on(Action::DismissDamaged)} />
                }
                if let Some(notice) = state.notice.clone().filter(|_| shared.current.is_none()) {
                    <NoticeBar on_show={show_part(&notice, &plan, &derived, &open)} {notice}
                        on_dismiss={planner.on(Action::DismissNotice)} />
                }
            </div>
            <p id="said" class="visually-hidden" aria-live="polite">{ said(state.said.as_ref()) }</p>
            <Tabs current={view.tab} {badges} on_pick={{ let view = view.setter(); Callback::from(move |tab| view.set(View { tab, focus: None })) }} />
            <main key={plan.id.as_str()} id="main" tabindex="-1" class={format!("page page-{}", view.tab.slug())}>{ body }</main>
            { footer() }
        </div>
    }
}

/// What the last edit added, deleted, moved or applied, for screen
/// readers. Every other time a space is added, so the same words said
/// twice are a change and are heard again.
fn said(said: Option<&(u64, String)>) -> String {
    match said {
        Some((n, words)) if n % 2 == 1 => format!("{words}\u{a0}"),
        Some((_, words)) => words.clone(),
        None => String::new(),
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

/// The first stop for the keyboard: past the toolbar and the tabs to the
/// page, so the next Tab reaches its first field. A button, not a link,
/// so the address bar's fragment, which carries shared plans, is left
/// alone.
#[component]
fn SkipLink() -> Html {
    let onclick = Callback::from(|_: MouseEvent| {
        focus_id("main");
    });
    html! {
        <button type="button" class="skip-link" {onclick}>{ "Skip to the page" }</button>
    }
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

/// The callbacks that open a place: its tab, and the element to show,
/// numbered so that opening the same place twice shows it twice. The
/// second is for an item just added, whose name takes the focus.
#[hook]
fn use_open(view: UseStateSetter<View>) -> (Callback<Place>, Callback<Place>) {
    let seq = use_mut_ref(|| 0u32);
    let opener = move |added: bool| {
        let (view, seq) = (view.clone(), seq.clone());
        move |place: Place, _: &()| {
            *seq.borrow_mut() += 1;
            let tab = tab_of(&place);
            let focus = Some(Focus {
                place,
                seq: *seq.borrow(),
                added,
            });
            view.set(View { tab, focus });
        }
    };
    (
        use_callback((), opener(false)),
        use_callback((), opener(true)),
    )
}

/// A shared plan is read-only: the controls that edit it say so, while
/// filters, copying, downloads and printing still work.
fn read_only_if(read_only: bool, body: Html) -> Html {
    html! {
        <ContextProvider<ReadOnly> context={ReadOnly(read_only)}>
            <div class={classes!(read_only.then_some("read-only"))}>{ body }</div>
        </ContextProvider<ReadOnly>>
    }
}

/// Downloads and removes the saved copies that could not be read; their
/// message stays if that failed, so the user can try again.
fn clear_damaged(
    copies: &[crate::plan::storage::DamagedCopy],
    planner: &PlannerHandle,
) -> Callback<MouseEvent> {
    let ids: Vec<String> = copies.iter().map(|copy| copy.id.clone()).collect();
    let planner = planner.clone();
    Callback::from(move |_: MouseEvent| {
        let (notice, cleared) = super::persist::clear_damaged(&ids);
        if cleared {
            planner.dispatch(Action::DismissDamaged);
        }
        planner.dispatch(Action::Notify(notice));
    })
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
        Tab::Simulation => html! { <SimulationPage {page} health={sources.health.clone()} /> },
        Tab::Checklist => html! { <ChecklistPage {page} health={sources.health.clone()} /> },
        Tab::Preferences => html! { <PreferencesPage ..page /> },
        Tab::Readiness => {
            let reports = (!sources.shared).then(|| sources.reports.store.clone());
            html! { <ReadinessPage {page} health={Some(sources.health.clone())} {reports} /> }
        }
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
/// change, and the rest with the plan or the lanes' health. Health is
/// compared by value, so health derived again as it was (the counts read
/// again, another tab's save) works nothing out again.
#[hook]
fn use_findings(
    plan: &Rc<Plan>,
    today: NaiveDate,
    psl: &Option<Psl>,
    store: Option<Rc<ReportStore>>,
    live: &LiveDnsHandle,
    health: &Rc<Health>,
) -> Rc<Findings> {
    let domains: Rc<DnsPart> = {
        let plan = plan.clone();
        use_memo(
            (DnsKey::of(&plan), today, psl.clone()),
            move |(_, today, psl)| dns_part(&plan, *today, psl.as_ref().map(|p| p.0.as_ref())),
        )
    };
    let reports: Rc<Proof> = {
        let plan = plan.clone();
        use_memo(
            (DnsKey::of(&plan), store, today),
            move |(_, store, today)| {
                store
                    .as_ref()
                    .map_or_else(Proof::default, |s| proof(&plan, s, *today))
            },
        )
    };
    use_memo(
        (
            plan.clone(),
            domains,
            reports,
            live.proof.clone(),
            health.clone(),
        ),
        move |(plan, domains, reports, live, health)| {
            findings_with(plan, today, domains.clone(), reports, live, health)
        },
    )
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
