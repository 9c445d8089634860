//! The DMARC reports tab: aggregate reports dropped or picked and read by
//! the report worker; over a chosen period, each lane's DMARC, aligned SPF
//! and aligned DKIM pass rates with the dispositions applied, a chart of
//! pass rates per day, the same by domain and by reporting organisation;
//! the sources no lane explains; whether the rollout's next stage is
//! safe; and the policies receivers saw published, against the plan's.
//!
//! `DmarcPage` wires the worker's handle to `DmarcView`, which takes plain
//! typed props, so tests render it without a worker.

use std::rc::Rc;

use chrono::{Days, NaiveDate};
use web_sys::File;
use yew::prelude::*;

use super::{neighbours, PageProps};
use crate::dmarc_reports::attribute::{brands_mail, rate, summarise, LaneSeries, Summary, Tally};
use crate::dmarc_reports::published::{findings, periods, words};
use crate::dmarc_reports::rollout::{judged_on, readiness, BlockerKind, Outcome, Readiness};
use crate::dmarc_reports::store::Store;
use crate::monitor::{date_of_day, day_of_iso};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{DmarcField, Edit};
use crate::plan::model::Plan;
use crate::review::place::name_finding_places;
use crate::ui::chart::{dated, day_slots, days_covered, lane_color, line_path, ChartFrame};
use crate::ui::fields::{
    use_focus_later, use_read_only, ConfirmButton, Field, FileDrop, FindingList, FocusLater,
    InputKind,
};
use crate::ui::reports::{Line, Reading, ReportsHandle};
use crate::units::{and_list, count, fixed, group};
use crate::warmup::calendar::date;

/// The period shown when the user has not chosen one: the last 30 days
/// with reports.
const DEFAULT_DAYS: u64 = 30;

#[derive(Properties, PartialEq, Clone)]
pub struct DmarcPageProps {
    pub page: PageProps,
    pub reports: ReportsHandle,
}

#[component]
pub fn DmarcPage(props: &DmarcPageProps) -> Html {
    let reports = &props.reports;
    let on_import = {
        let reports = reports.clone();
        Callback::from(move |files: Vec<File>| reports.import(files))
    };
    let on_clear = {
        let reports = reports.clone();
        Callback::from(move |_: ()| reports.clear())
    };
    let on_remove = {
        let reports = reports.clone();
        Callback::from(move |org: AttrValue| reports.remove_reporter(&org))
    };
    html! {
        <DmarcView plan={props.page.plan.clone()} today={props.page.today} store={reports.store.clone()}
            reading={reports.reading.clone()} elsewhere={reports.elsewhere} lines={reports.lines.clone()} error={reports.error.clone()}
            {on_import} {on_clear} {on_remove} on_edit={props.page.on_edit.clone()} />
    }
}

#[derive(Properties, PartialEq)]
pub struct DmarcViewProps {
    pub plan: Rc<Plan>,
    pub today: NaiveDate,
    pub store: Rc<Store>,
    #[prop_or_default]
    pub reading: Option<Reading>,
    /// The import being read is for another plan's reports.
    #[prop_or_default]
    pub elsewhere: bool,
    #[prop_or_default]
    pub lines: Option<Rc<Vec<Line>>>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub on_import: Callback<Vec<File>>,
    pub on_clear: Callback<()>,
    /// Removes one reporting organisation's reports.
    pub on_remove: Callback<AttrValue>,
    /// Edits the plan: marking a source not the brand's own.
    pub on_edit: Callback<Edit>,
}

#[component]
pub fn DmarcView(props: &DmarcViewProps) -> Html {
    // The period the user typed; empty means the default.
    let from = use_state(String::new);
    let to = use_state(String::new);
    let store = props.store.clone();
    let (first, last) = store
        .days()
        .map(|(a, b)| (date(a), date(b)))
        .unwrap_or((None, None));
    // The reports' last day, unless a stray report is dated past the day
    // readiness is judged on.
    let as_of = judged_on(&store, props.today);
    let period_to = date(&to).unwrap_or(last.map_or(as_of, |last| last.min(as_of)));
    let period_from = date(&from).unwrap_or_else(|| {
        let start = period_to
            .checked_sub_days(Days::new(DEFAULT_DAYS - 1))
            .unwrap_or(period_to);
        first.map_or(start, |f| start.max(f))
    });
    let summary = use_memo(
        (props.plan.clone(), store.clone(), period_from, period_to),
        |(plan, store, from, to)| summarise(plan, &store.rows, *from, *to),
    );
    let verdict = use_memo(
        (props.plan.clone(), store.clone(), as_of),
        |(plan, store, day)| readiness(plan, &store.rows, *day),
    );
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    let busy = props.reading.is_some();
    // Reports are not part of the plan, so Undo cannot bring them back:
    // removing them asks first, and the focus then goes to the heading.
    let focus = use_focus_later();
    let on_clear = {
        let on_clear = props.on_clear.clone();
        Callback::from(move |()| {
            on_clear.emit(());
            focus.request_ids(["dmarc-heading"]);
        })
    };
    let backwards = period_from > period_to;
    let period_findings = if backwards {
        vec![Diagnostic::error(
            "dmarc.period",
            "dmarc-from",
            "The first day is after the last.",
        )
        .hint("Choose a first day on or before the last day.")]
    } else {
        Vec::new()
    };
    html! {
        <section aria-labelledby="dmarc-heading" class="dmarc">
            <h2 id="dmarc-heading" tabindex="-1">{ "DMARC reports" }</h2>
            <p class="muted">{ "Drop the aggregate (rua) reports mailbox providers send: XML, .xml.gz, .gz or .zip, several at once. They are read here, in the browser. Only the counts are kept, beside the plan; a report's contact addresses are never kept." }</p>
            <FileDrop id="dmarc-files" busy={busy} on_files={props.on_import.clone()}
                accept=".xml,.gz,.zip,application/xml,text/xml,application/gzip,application/zip"
                hint=" or drop them here." />
            { import_status(props) }
            if store.seen.is_empty() {
                <p class="empty">{ "No reports yet." }</p>
            } else {
                <p class="summary">{ format!("{}, {} to {}.", count(store.seen.len() as u64, "report", "reports"), first.map(|d| d.to_string()).unwrap_or_default(), last.map(|d| d.to_string()).unwrap_or_default()) }
                    { " " }
                    <ConfirmButton label="Remove every report…" question="Remove every DMARC report from this browser? This cannot be undone."
                        confirm="Remove every report" on_confirm={on_clear} />
                </p>
                <ReadinessView readiness={verdict.clone()} not_ours={Rc::new(props.plan.dmarc.not_ours.clone())} on_edit={props.on_edit.clone()} />
                <Published plan={props.plan.clone()} store={store.clone()} on_edit={props.on_edit.clone()} />
                <div class="grid-2 period">
                    <Field id="dmarc-from" label="From" kind={InputKind::Date} value={period_from.to_string()}
                        findings={period_findings} on_change={set(&from)} />
                    <Field id="dmarc-to" label="To" kind={InputKind::Date} value={period_to.to_string()} on_change={set(&to)} />
                </div>
                if !backwards {
                    <SummaryView summary={summary.clone()} colours={lane_colours(&props.plan)} />
                }
                <Reporters plan={props.plan.clone()} store={store.clone()} on_remove={props.on_remove.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ReportersProps {
    plan: Rc<Plan>,
    store: Rc<Store>,
    on_remove: Callback<AttrValue>,
}

/// The organisations whose reports are kept, each of which can be removed
/// on its own (reports are merged on reading, so one organisation's go
/// together): a receiver whose reports look wrong need not take the rest.
#[component]
fn Reporters(props: &ReportersProps) -> Html {
    // Messages as the sums above count them: the brand's mail alone.
    let reporters = use_memo(
        (props.plan.clone(), props.store.clone()),
        |(plan, store)| store.reporters_counting(brands_mail(plan)),
    );
    let focus = use_focus_later();
    html! {
        <details class="card reporters" id="dmarc-reporters">
            <summary><h3>{ format!("Reporting organisations ({})", reporters.len()) }</h3></summary>
            <p class="muted">{ "Every report kept, whatever the period chosen; the messages are this brand's mail alone, as the sums above count it." }</p>
            <div class="table-scroll">
                <table class="data">
                    <thead><tr>
                        <th scope="col">{ "Organisation" }</th><th scope="col" class="num">{ "Reports" }</th>
                        <th scope="col" class="num">{ "Messages" }</th><th scope="col">{ "Days" }</th><th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                    </tr></thead>
                    <tbody>
                        for r in reporters.iter() {
                            <tr key={r.org.clone()}>
                                <th scope="row">{ r.org.clone() }</th>
                                <td class="num">{ r.reports }</td>
                                <td class="num">{ group(r.messages) }</td>
                                <td>{ if r.first == r.last { r.first.clone() } else { format!("{} to {}", r.first, r.last) } }</td>
                                <td>
                                    <ConfirmButton label="Remove…" aria_label={format!("Remove {}'s reports", r.org)}
                                        question={format!("Remove {} from {} from this browser? This cannot be undone.", count(u64::from(r.reports), "report", "reports"), r.org)}
                                        confirm="Remove" on_confirm={{
                                            let (on_remove, org, focus) = (props.on_remove.clone(), AttrValue::from(r.org.clone()), focus.clone());
                                            Callback::from(move |()| {
                                                on_remove.emit(org.clone());
                                                // The row goes with its button.
                                                focus.request(vec!["#dmarc-reporters summary".into(), "#dmarc-heading".into()]);
                                            })
                                        }} />
                                </td>
                            </tr>
                        }
                    </tbody>
                </table>
            </div>
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct PublishedProps {
    plan: Rc<Plan>,
    store: Rc<Store>,
    on_edit: Callback<Edit>,
}

/// The policies the reports saw published, latest first; where the latest
/// for the brand's domain is not what the plan has in force, and where
/// reporters saw different policies on the same days.
#[component]
fn Published(props: &PublishedProps) -> Html {
    let seen = use_memo(props.store.clone(), |store| periods(store));
    let found = use_memo(
        (props.plan.clone(), props.store.clone()),
        |(plan, store)| {
            // Named as the Problems tab names them: a disagreement between
            // reporters is about this table, not the plan's DMARC settings.
            let mut found = findings(plan, store)?;
            name_finding_places(plan, &mut found);
            Some(found)
        },
    );
    html! {
        <section id="dmarc-published" class="card" aria-labelledby="dmarc-published-heading">
            <h3 id="dmarc-published-heading">{ "What receivers saw published" }</h3>
            if seen.is_empty() {
                <p class="empty">{ "These reports were kept before their published policy was; import them again to see it." }</p>
            } else {
                <p class="muted">{ "The DMARC policy each report says was published, the latest first. Receivers apply a missing sp as p, a missing np as sp, a missing adkim or aspf as r (relaxed) and a missing pct as 100; t=y is test mode." }</p>
                <div class="table-scroll">
                    // Focusable by script: a finding's Open button shows it.
                    <table class="data" id="dmarc-published-policies" tabindex="-1">
                        <caption class="visually-hidden">{ "Published DMARC policies in the reports, latest first" }</caption>
                        <thead><tr>
                            <th scope="col">{ "Published policy" }</th><th scope="col">{ "Domain" }</th>
                            <th scope="col">{ "Reported by" }</th><th scope="col">{ "Days" }</th>
                        </tr></thead>
                        <tbody>
                            for p in seen.iter() {
                                <tr>
                                    <th scope="row"><code>{ words(&p.policy) }</code></th>
                                    <td>{ p.policy.domain.clone() }</td>
                                    <td>{ p.orgs.join(", ") }</td>
                                    <td>{ p.days() }</td>
                                </tr>
                            }
                        </tbody>
                    </table>
                </div>
                if let Some(found) = found.as_ref() {
                    <FindingList findings={found.clone()} on_edit={props.on_edit.clone()}
                        empty="The latest policy receivers saw for the brand's domain is the one the plan has in force on that day." />
                }
            }
        </section>
    }
}

/// The import being read, the last import's outcome per file, and a worker
/// failure.
fn import_status(props: &DmarcViewProps) -> Html {
    html! {
        <>
            if let Some(r) = &props.reading {
                <div class="import-progress" role="status">
                    <label for="dmarc-progress">{ format!("Reading {}{} ({} of {} files done)", r.file,
                        if props.elsewhere { " into another plan's reports" } else { "" }, r.done, r.total) }</label>
                    <progress id="dmarc-progress" max={r.total.max(1).to_string()} value={r.done.to_string()} />
                </div>
            }
            // The live region is always there, so a screen reader announces
            // the list when it arrives; it wraps the list, which keeps its role.
            <div role="status">
                if let Some(lines) = &props.lines {
                    <ul id="dmarc-import-report" class="import-report">
                        for line in lines.iter() {
                            <li class={classes!(line.error.then_some("error"))}>{ line.text.clone() }</li>
                        }
                    </ul>
                }
            </div>
            if let Some(error) = &props.error {
                <p class="finding error">{ format!("The report worker failed: {}.", error.trim_end_matches('.')) }</p>
            }
        </>
    }
}

fn outcome_class(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Ready => "status met",
        Outcome::Blocked => "status missing",
        Outcome::NotEnoughData => "status pending",
    }
}

fn outcome_label(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Ready => "Ready",
        Outcome::Blocked => "Blocked",
        Outcome::NotEnoughData => "Not enough data",
    }
}

#[derive(Properties, PartialEq)]
struct ReadinessProps {
    readiness: Rc<Readiness>,
    /// The sources the plan marks not the brand's own.
    not_ours: Rc<Vec<String>>,
    on_edit: Callback<Edit>,
}

/// The id of a source's "Not ours" button under the blockers, or (`marked`)
/// of its "Ours after all" button under Marked not ours.
pub fn mark_button_id(source_ip: &str, marked: bool) -> String {
    let action = if marked { "unmark" } else { "mark" };
    format!("dmarc-{action}-{source_ip}")
}

/// Where the focus goes once a source is marked not ours (`not_ours`) or
/// its mark taken back, by id: its button in the list it moves to (a
/// source taken back is listed again only if it still blocks), else the
/// next button in the list it leaves (or the one before), else the card's
/// heading. `leaves` are the addresses with a button in that list, in order.
pub fn mark_focus(leaves: &[&str], source_ip: &str, not_ours: bool) -> Vec<String> {
    let beside = neighbours(
        leaves,
        source_ip,
        |ip| mark_button_id(ip, !not_ours),
        "dmarc-readiness-heading",
    );
    [mark_button_id(source_ip, not_ours)]
        .into_iter()
        .chain(beside)
        .collect()
}

/// Marks a source not the brand's own, or takes the mark back; the button
/// pressed goes with its row, so the focus follows the row.
fn mark(
    on_edit: &Callback<Edit>,
    focus: &FocusLater,
    leaves: &Rc<Vec<String>>,
    source_ip: &str,
    not_ours: bool,
) -> Callback<MouseEvent> {
    let (on_edit, focus, leaves) = (on_edit.clone(), focus.clone(), leaves.clone());
    let source_ip = source_ip.to_string();
    Callback::from(move |_| {
        let ips: Vec<&str> = leaves.iter().map(String::as_str).collect();
        let ids = mark_focus(&ips, &source_ip, not_ours);
        focus.request_ids(ids.iter().map(String::as_str));
        on_edit.emit(Edit::Dmarc(DmarcField::NotOurs {
            source_ip: source_ip.clone(),
            not_ours,
        }))
    })
}

/// Each stage of the rollout with its verdict, and what blocks the next.
#[component]
fn ReadinessView(props: &ReadinessProps) -> Html {
    let r = &props.readiness;
    let locked = use_read_only();
    let focus = use_focus_later();
    // The addresses with a button in each list, in order.
    let blocking: Rc<Vec<String>> = Rc::new(
        (r.blockers.iter())
            .filter(|b| b.kind == BlockerKind::SourceFails)
            .filter_map(|b| b.source_ip.clone())
            .collect(),
    );
    html! {
        <section id="dmarc-readiness" class="card" aria-labelledby="dmarc-readiness-heading">
            // Focusable by script: the focus comes here when the last
            // button of a list goes.
            <h3 id="dmarc-readiness-heading" tabindex="-1">{ "Can the policy tighten?" }</h3>
            <p>{ r.sentence.clone() }</p>
            <p class="muted">{ match (r.window_from.as_str(), r.window_to.as_str()) {
                ("", _) | (_, "") => "Judged on the latest reports: every lane and every legitimate source at least 98% DMARC-aligned, with at least 100 messages per lane.".to_string(),
                (from, to) => format!("Judged on {from} to {to}: every lane and every legitimate source at least 98% DMARC-aligned, with at least 100 messages per lane."),
            } }</p>
            <ol class="stages">
                for stage in r.stages.iter() {
                    <li key={stage.policy.as_str()}>
                        <strong>{ format!("p={}", stage.policy.as_str()) }</strong>
                        { match stage.starts.as_str() {
                            "" => " ".to_string(),
                            starts => format!(" from {starts} "),
                        } }
                        <span class={outcome_class(stage.outcome)}>{ outcome_label(stage.outcome) }</span>
                        { format!(" {}", stage.sentence) }
                    </li>
                }
            </ol>
            if !r.blockers.is_empty() {
                <h4>{ "To fix first" }</h4>
                <ul class="blockers">
                    for b in r.blockers.iter() {
                        <li>{ b.fix.clone() }
                            if let Some(ip) = b.source_ip.as_deref().filter(|_| b.kind == BlockerKind::SourceFails) {
                                { " " }
                                <button type="button" disabled={locked} id={mark_button_id(ip, false)} onclick={mark(&props.on_edit, &focus, &blocking, ip, true)}
                                    aria-label={format!("Mark {ip} not ours: spoofing, which does not block")}>{ "Not ours" }</button>
                            }
                        </li>
                    }
                </ul>
            }
            if !props.not_ours.is_empty() {
                <h4>{ "Marked not ours" }</h4>
                <p class="muted">{ "Spoofing the brand checked: the stricter policy is what stops it, so it does not block. Undo, or take a mark back, if a source turns out to be a service of the brand's." }</p>
                <ul class="not-ours" id="dmarc-not-ours">
                    for ip in props.not_ours.iter() {
                        <li key={ip.clone()}><code>{ ip.clone() }</code>{ " " }
                            <button type="button" disabled={locked} id={mark_button_id(ip, true)} onclick={mark(&props.on_edit, &focus, &props.not_ours, ip, false)}
                                aria-label={format!("Take back: {ip} is ours")}>{ "Ours after all" }</button>
                        </li>
                    }
                </ul>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    summary: Rc<Summary>,
    /// Each lane's id and colour, so its line matches it elsewhere.
    colours: Rc<Vec<(String, u8)>>,
}

/// Each lane's id with the colour it shows on every page.
fn lane_colours(plan: &Plan) -> Rc<Vec<(String, u8)>> {
    let colours = (plan.lanes.iter().enumerate())
        .map(|(i, lane)| (lane.id.clone(), plan.lane_colour(i)))
        .collect();
    Rc::new(colours)
}

/// The period's pass rates by lane (with a chart), by domain, by
/// reporting organisation, and the sources no lane explains.
#[component]
fn SummaryView(props: &SummaryProps) -> Html {
    let s = &props.summary;
    let lane_name = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| s.lanes.iter().find(|l| &l.lane == id))
            .map_or("Unexplained".to_string(), |l| l.name.clone())
    };
    html! {
        <>
            { other_domains(s) }
            <h3>{ "By lane" }</h3>
            <table id="dmarc-lanes" class="data">
                <caption class="visually-hidden">{ "DMARC results per lane over the period" }</caption>
                { tally_head("Lane") }
                <tbody>
                    for lane in s.lanes.iter() {
                        { tally_row(&lane.name, &lane.tally) }
                    }
                    if s.unexplained.messages > 0 {
                        { tally_row("Unexplained sources", &s.unexplained) }
                    }
                </tbody>
            </table>
            // No day of the plan's lanes to draw: no chart of nothing.
            if s.daily.iter().any(|l| !l.days.is_empty()) {
                <PassChart series={Rc::new(s.daily.clone())} colours={props.colours.clone()} />
            }
            { daily_table(&s.daily) }
            { crossed(s) }
            <h3>{ "By domain" }</h3>
            <table id="dmarc-domains" class="data">
                <caption class="visually-hidden">{ "DMARC results per header From domain" }</caption>
                { tally_head("Domain (header From)") }
                <tbody>
                    for d in s.domains.iter() { { tally_row(&d.domain, &d.tally) } }
                </tbody>
            </table>
            <h3>{ "By reporting organisation" }</h3>
            <table id="dmarc-orgs" class="data">
                <caption class="visually-hidden">{ "DMARC results per lane and reporting organisation" }</caption>
                { tally_head("Lane · organisation") }
                <tbody>
                    for o in s.lane_orgs.iter() {
                        { tally_row(&format!("{} · {}", lane_name(&o.lane), o.org), &o.tally) }
                    }
                </tbody>
            </table>
            <h3>{ "Unexplained sources" }</h3>
            { sources(s) }
        </>
    }
}

fn tally_head(first: &str) -> Html {
    html! {
        <thead><tr>
            <th scope="col">{ first.to_string() }</th>
            <th scope="col" class="num">{ "Messages" }</th>
            <th scope="col" class="num">{ "DMARC pass" }</th>
            <th scope="col" class="num">{ "Aligned SPF" }</th>
            <th scope="col" class="num">{ "Aligned DKIM" }</th>
            <th scope="col">{ "Applied: none / quarantine / reject" }</th>
        </tr></thead>
    }
}

fn tally_row(name: &str, t: &Tally) -> Html {
    let d = &t.dispositions;
    html! {
        <tr key={name.to_string()}>
            <th scope="row">{ name.to_string() }</th>
            <td class="num">{ group(t.messages) }</td>
            <td class="num">{ rate(t.dmarc_pass_bps) }</td>
            <td class="num">{ rate(t.spf_aligned_bps) }</td>
            <td class="num">{ rate(t.dkim_aligned_bps) }</td>
            <td>{ format!("{} / {} / {}", group(d.none + d.pass), group(d.quarantine), group(d.reject)) }</td>
        </tr>
    }
}

/// The sources no lane explains, with what the plan knows of them.
fn sources(s: &Summary) -> Html {
    if s.sources.is_empty() {
        return html! { <p class="empty">{ "Every source in the period belongs to a lane." }</p> };
    }
    // A narrow window scrolls the table, not the page, since its addresses
    // keep their line.
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Unexplained sources">
            <table id="dmarc-unexplained" class="data">
                <caption class="visually-hidden">{ "Sources sending as the brand that no lane explains" }</caption>
                <thead><tr>
                    <th scope="col">{ "Source IP" }</th>
                    <th scope="col" class="num">{ "Messages" }</th>
                    <th scope="col">{ "Seen" }</th>
                    <th scope="col">{ "DMARC pass / fail" }</th>
                    <th scope="col">{ "DKIM d= · SPF domain" }</th>
                    <th scope="col">{ "What it may be" }</th>
                </tr></thead>
                <tbody>
                    for src in s.sources.iter() {
                        <tr key={src.source_ip.clone()}>
                            <th scope="row" class="keep"><code>{ src.source_ip.clone() }</code></th>
                            <td class="num">{ group(src.messages) }</td>
                            <td><span class="keep">{ src.first_seen.clone() }</span>{ " to " }<span class="keep">{ src.last_seen.clone() }</span></td>
                            <td>{ format!("{} / {}", group(src.dmarc_pass), group(src.dmarc_fail)) }</td>
                            <td>{ domains(&src.dkim_domains) }{ " · " }{ domains(&src.spf_domains) }</td>
                            <td class="prose">{ src.hint.text.clone() }</td>
                        </tr>
                    }
                </tbody>
            </table>
        </div>
    }
}

/// A source's DKIM or SPF domains, each kept on its line, or "none".
fn domains(names: &[String]) -> Html {
    if names.is_empty() {
        return html! { "none" };
    }
    let last = names.len() - 1;
    html! {
        for (i, name) in names.iter().enumerate() {
            <span class="keep">{ name.clone() }</span>
            if i < last { { ", " } }
        }
    }
}

#[derive(Properties, PartialEq)]
struct ChartProps {
    series: Rc<Vec<LaneSeries>>,
    colours: Rc<Vec<(String, u8)>>,
}

/// Every day any lane has reports for, oldest first.
fn days_of(series: &[LaneSeries]) -> Vec<&str> {
    let mut days: Vec<&str> = (series.iter())
        .flat_map(|s| s.days.iter().map(|d| d.day.as_str()))
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// The chart's numbers as a table, a row per day and a column per lane,
/// for readers who would rather read them, or cannot see the lines.
fn daily_table(series: &[LaneSeries]) -> Html {
    let days = days_of(series);
    let on = |lane: &LaneSeries, day: &str| {
        let point = lane.days.iter().find(|d| d.day == day);
        point.map_or("–".to_string(), |d| {
            format!("{} of {}", rate(d.pass_bps), group(d.messages))
        })
    };
    html! {
        <details class="dmarc-daily">
            <summary>{ "Pass rates per day as a table" }</summary>
            <table class="data" id="dmarc-daily">
                <thead><tr>
                    <th scope="col">{ "Day" }</th>
                    for lane in series.iter() { <th scope="col">{ lane.name.clone() }</th> }
                </tr></thead>
                <tbody>
                    for day in days.iter() {
                        <tr>
                            <th scope="row">{ day.to_string() }</th>
                            for lane in series.iter() { <td class="num">{ on(lane, day) }</td> }
                        </tr>
                    }
                </tbody>
            </table>
        </details>
    }
}

/// Reports about another brand's domain, which no sum counts.
fn other_domains(s: &Summary) -> Html {
    if s.other_domains.is_empty() {
        return html! {};
    }
    let parts: Vec<String> = (s.other_domains.iter())
        .map(|(domain, messages)| {
            format!("{} about {domain}", count(*messages, "message", "messages"))
        })
        .collect();
    html! {
        <p class="finding warning" id="dmarc-other-domains">
            { format!("Left out: {}, which is not this plan's domain. That mail belongs to another brand's plan; the sums below count only this brand's mail.", and_list(&parts)) }
        </p>
    }
}

/// Mail one lane's address sent with another lane's identity: that lane's
/// journeys going out through the wrong SMTP server.
fn crossed(s: &Summary) -> Html {
    if s.crossed.is_empty() {
        return html! {};
    }
    let name = |id: &str| {
        s.lanes
            .iter()
            .find(|l| l.lane == id)
            .map_or(id.to_string(), |l| l.name.clone())
    };
    html! {
        <section id="dmarc-crossed" aria-labelledby="dmarc-crossed-heading">
            <h3 id="dmarc-crossed-heading">{ "Mail on another lane's address" }</h3>
            <ul class="findings">
                for c in s.crossed.iter() {
                    <li key={format!("{} {} {}", c.source_ip, c.ip_lane, c.identity_lane)} class="finding warning">
                        { format!("{} carrying the identity of {} came from {}, an address of {}. Check which SMTP server its journeys use; the reports count this mail for {}.",
                            count(c.messages, "message", "messages"), name(&c.identity_lane), c.source_ip,
                            name(&c.ip_lane), name(&c.ip_lane)) }
                    </li>
                }
            </ul>
        </section>
    }
}

/// A day's pass rate per lane in words, for the chart's readout.
fn pass_words(series: &[LaneSeries], day: &str) -> AttrValue {
    let rates: Vec<String> = series
        .iter()
        .map(|lane| {
            let bps = lane
                .days
                .iter()
                .find(|d| d.day == day)
                .and_then(|d| d.pass_bps);
            match bps {
                Some(b) => format!("{} {}%", lane.name, fixed(f64::from(b) / 100.0, 1)),
                None => format!("{} no mail", lane.name),
            }
        })
        .collect();
    format!("{}: {}.", dated(day), rates.join(", ")).into()
}

/// Each lane's DMARC pass rate per day, one line per lane, on a scale from
/// the lowest rate shown to 100%, with the dates below and the rates beside.
/// Every day from the first to the last has its place; a lane's line breaks
/// on a day it has no rate.
#[component]
fn PassChart(props: &ChartProps) -> Html {
    let (w, h) = (600.0f64, 160.0f64);
    let days: Vec<(i32, &str)> = (days_of(&props.series).into_iter())
        .filter_map(|d| Some((day_of_iso(d)?, d)))
        .collect();
    let (first, slots) = day_slots(&days, |d| d.0);
    let floor = props
        .series
        .iter()
        .flat_map(|s| s.days.iter().filter_map(|d| d.pass_bps))
        .min()
        .map_or(9_000.0, |b| f64::from(b.min(9_000)));
    // Each day in the middle of its share of the width, where its date's
    // tick is.
    let n = slots.len().max(1) as f64;
    let x = |i: usize| (i as f64 + 0.5) * w / n;
    let y = |bps: u32| h - (f64::from(bps) - floor) / (10_000.0 - floor) * h;
    let (from, to) = (
        days.first().map_or("", |d| d.1),
        days.last().map_or("", |d| d.1),
    );
    let label = format!(
        "DMARC pass rate per lane {}, on a scale from {}% to 100%.",
        days_covered(from, to),
        fixed(floor / 100.0, 0)
    );
    let label = match slots.iter().filter(|d| d.is_none()).count() {
        0 => label,
        blank => format!("{label} No report covers {blank} of these days."),
    };
    let percent = |bps: f64| AttrValue::from(format!("{}%", fixed(bps / 100.0, 0)));
    let left = [
        percent(10_000.0),
        percent((10_000.0 + floor) / 2.0),
        percent(floor),
    ];
    // A lane's line takes the lane's own colour.
    let colour = |lane: &LaneSeries| {
        (props.colours.iter())
            .find(|(id, _)| *id == lane.lane)
            .map_or("lane-color-none".to_string(), |&(_, c)| lane_color(c))
    };
    let keys: Vec<(AttrValue, AttrValue)> = (props.series.iter())
        .map(|lane| (colour(lane).into(), lane.name.clone().into()))
        .collect();
    let line = |lane: &LaneSeries| {
        let levels: Vec<Option<f64>> = (slots.iter())
            .map(|slot| {
                let day = (*slot)?.1;
                lane.days.iter().find(|d| d.day == day)?.pass_bps.map(y)
            })
            .collect();
        line_path(&levels, x, w / n)
    };
    let readout: Vec<(AttrValue, AttrValue)> = (slots.iter().zip(first..))
        .map(|(slot, day)| match *slot {
            Some(&(_, day)) => (
                AttrValue::from(day.to_string()),
                pass_words(&props.series, day),
            ),
            None => {
                let date = date_of_day(day);
                let said = format!("{}: no report covers this day.", dated(&date));
                (AttrValue::from(date), AttrValue::from(said))
            }
        })
        .collect();
    html! {
        <ChartFrame id="dmarc-chart" caption={label.clone()} {left} legend={keys} {readout}>
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={label} preserveAspectRatio="none">
                for lane in props.series.iter() {
                    <path key={lane.lane.clone()} class={classes!("rate", colour(lane))} d={line(lane)} />
                }
            </svg>
        </ChartFrame>
    }
}
