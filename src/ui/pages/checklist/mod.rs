//! The checklist page: progress per lane, the setup steps and the
//! implementation checklist with status, owner, due date and notes, the
//! end-to-end QA checks, seed-list results and monitoring thresholds.
//!
//! The checklist itself is derived once per plan by the shell
//! (`findings.checklist`), for the tab's progress badge; this page shows
//! it, derives each migration's dated steps on its schedule (held after
//! the days imported delivery data failed the new lane's health gates, as
//! the Migrations tab shows it), and sends the edits.
//! Controls inside tables are the cell controls from `fields`: a table's
//! column heading is their visible label, so they carry an `aria-label`
//! instead of a label of their own.

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use super::{lane_choices, neighbours, use_edit_focusing, PageProps};
use crate::monitor::health::Health;
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{added_id, Edit, ItemField, SeedField, ThresholdField};
use crate::plan::model::{enum_key, ItemStatus, Placement, Plan, Thresholds};
use crate::review::checklist::{LaneChecks, Progress, Row, SeedLane};
use crate::review::lint::SEED_INBOX_MIN_PERCENT;
use crate::review::migration::{reports as migration_reports, MigrationReport};
use crate::ui::fields::{
    enum_items, use_focus_later, use_read_only, CellCheck, CellInput, CellSelect, CellText,
    CheckField, Choices, FindingList, InputKind, NumberField,
};

mod filter;

pub use filter::{owners, ChecklistView, LaneShown, OwnerShown, StatusShown};
use filter::{use_checklist_view, use_noting_edits, ChecklistFilters, Edited};

#[derive(Properties, PartialEq, Clone)]
pub struct ChecklistPageProps {
    pub page: PageProps,
    /// Lane health from imported delivery data, whose failed health gates
    /// hold the migrations' schedules, and so their steps' dates.
    #[prop_or_default]
    pub health: Option<Rc<Health>>,
}

#[component]
pub fn ChecklistPage(props: &ChecklistPageProps) -> Html {
    // Each migration's steps on the schedule the Migrations tab shows,
    // only while this page is open.
    let migrations = use_memo(
        (
            props.page.plan.clone(),
            props.page.findings.clone(),
            props.health.clone(),
            props.page.today,
        ),
        |(plan, findings, health, today)| {
            let domains = &findings.domains;
            migration_reports(
                plan,
                &findings.routing,
                &domains.records,
                Some(&domains.evidence),
                *today,
                health.as_deref(),
            )
        },
    );
    let props = &props.page;
    let (view, edited) = use_checklist_view(&props.plan);
    let report = &props.findings.checklist;
    let findings = about(&props.findings.all, &["$.checklist", "$.monitoring"]);
    let on_edit = use_edit_focusing(props, seed_focus);
    let on_edit = use_noting_edits(&on_edit, &edited);
    let shown = Shown::new(&view, &edited, &report.steps, &report.implementation);
    let on_filter = {
        let (view, edited) = (view.clone(), edited.clone());
        Callback::from(move |next: ChecklistView| {
            // Rows edited under the old filters are judged by the new ones.
            edited.borrow_mut().clear();
            view.set(next);
        })
    };
    html! {
        <section aria-labelledby="checklist-heading" class="checklist">
            <h2 id="checklist-heading" tabindex="-1">{ "Checklist" }</h2>
            <p class="muted">{ "Treat the split as a deliverability and revenue-protection project, not a settings change. Statuses marked “from the plan” follow the plan itself; the rest are yours to set. Due dates count back from each lane's warm-up start unless you set one." }</p>
            { progress_list(&report.overall, &report.progress) }
            <CheckField id="checklist-migrating-esp" label="We are migrating from another ESP"
                checked={props.plan.checklist.migrating_esp}
                on_change={props.edit(Edit::SetMigratingEsp)} />
            <ChecklistFilters view={(*view).clone()} lanes={lane_choices(&props.plan)}
                owners={owners(report.steps.iter().chain(&report.implementation))} on_change={on_filter} />
            { shown.note(view.filters()) }
            <h3 id="steps-heading">{ "Setup steps" }</h3>
            if shown.steps.is_empty() {
                <p class="empty">{ "No setup step matches the filters." }</p>
            } else {
                <RowsTable section="steps" rows={shown.steps.clone()} on_edit={on_edit.clone()} />
            }
            <h3 id="implementation-heading">{ "Implementation checklist" }</h3>
            if shown.implementation.is_empty() {
                <p class="empty">{ "No implementation item matches the filters." }</p>
            } else {
                <RowsTable section="implementation" rows={shown.implementation.clone()} on_edit={on_edit.clone()} />
            }
            if !migrations.is_empty() {
                <h3 id="migration-steps">{ "Migrations" }</h3>
                for r in migrations.iter() {
                    <h4>{ move_heading(&props.plan, r) }</h4>
                    { super::migrations::steps_list(r) }
                }
            }
            <h3 id="qa">{ "End-to-end QA" }</h3>
            <p class="muted">{ "Step 7: send each lane's mail to yourself and confirm each of these." }</p>
            <div class="qa-lanes">
                for lane in report.lanes.iter() {
                    <QaLane key={lane.lane.clone()} lane={lane.clone()} on_edit={on_edit.clone()} />
                }
            </div>
            <h3 id="seeds" tabindex="-1">{ "Seed-list tests" }</h3>
            <p class="muted">{ format!("Send each lane's mail to seed addresses at Gmail, Yahoo and Outlook and record where it lands. A tab counts as the inbox; under {SEED_INBOX_MIN_PERCENT}% needs attention.") }</p>
            for lane in report.seeds.iter() {
                <SeedLaneView key={lane.lane.clone()} lane={lane.clone()} today={props.today} on_edit={on_edit.clone()} />
            }
            <h3 id="thresholds" tabindex="-1">{ "Monitoring thresholds" }</h3>
            <p class="muted">{ "A lane whose rates pass “watch” needs a closer look; past “act” its fallback plan applies. The reference figures are Gmail's and Yahoo's 0.1% complaint target and 0.3% ceiling, 2% and 5% bounces, and 90% delivered." }</p>
            <table class="thresholds-table">
                <thead><tr>
                    <th scope="col">{ "Lane" }</th>
                    <th scope="col" colspan="5">{ "Thresholds" }</th>
                    <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                </tr></thead>
                <tbody>
                    for lane in report.lanes.iter() {
                        <ThresholdRow key={lane.lane.clone()} lane={lane.clone()} on_edit={on_edit.clone()} />
                    }
                </tbody>
            </table>
            <FindingList {findings} empty="" {on_edit} />
        </section>
    }
}

/// The rows of the two tables the filters let through, with the rows
/// edited under them, and how many there are in all.
struct Shown {
    steps: Vec<Row>,
    implementation: Vec<Row>,
    /// Rows of both tables, shown or not.
    all: usize,
    /// Of those, the rows not needed for this plan, which the progress
    /// leaves out.
    not_needed: usize,
    /// Rows shown only because they were edited under the filters.
    stale: usize,
}

impl Shown {
    fn new(
        view: &ChecklistView,
        edited: &Edited,
        steps_all: &[Row],
        implementation_all: &[Row],
    ) -> Self {
        let edited = edited.borrow();
        let was_edited = |r: &Row| {
            edited
                .iter()
                .any(|(item, lane)| *item == r.item && *lane == r.lane)
        };
        let keep = |rows: &[Row]| -> Vec<Row> {
            (rows.iter())
                .filter(|r| view.passes(r) || was_edited(r))
                .cloned()
                .collect()
        };
        let (steps, implementation) = (keep(steps_all), keep(implementation_all));
        let stale = (steps.iter().chain(&implementation))
            .filter(|r| !view.passes(r))
            .count();
        let not_needed = (steps_all.iter().chain(implementation_all))
            .filter(|r| r.status == ItemStatus::NotApplicable)
            .count();
        Shown {
            all: steps_all.len() + implementation_all.len(),
            not_needed,
            steps,
            implementation,
            stale,
        }
    }

    /// How many items the progress counts, where some are not needed.
    fn needed(&self) -> String {
        let items = match self.not_needed {
            0 => return String::new(),
            1 => "1 item is".to_string(),
            n => format!("{n} items are"),
        };
        let counted = self.all - self.not_needed;
        format!(" {items} not needed for this plan, so the progress counts {counted}.")
    }

    /// How many items the filters show, said while they hide any.
    fn note(&self, filtering: bool) -> Html {
        let stale = match self.stale {
            0 => String::new(),
            1 => {
                " One item edited since no longer matches them; it stays until the filters change."
                    .to_string()
            }
            n => format!(
                " {n} items edited since no longer match them; they stay until the filters change."
            ),
        };
        html! {
            <p class="muted" id="checklist-shown" aria-live="polite">
                if filtering {
                    { format!("Showing {} of {} items.{}{stale}", crate::units::group((self.steps.len() + self.implementation.len()) as u64), crate::units::group(self.all as u64), self.needed()) }
                }
            </p>
        }
    }
}

/// A migration's heading: its name and its lanes, or its lanes alone when
/// its name is theirs, as a new migration's is.
fn move_heading(plan: &Plan, r: &MigrationReport) -> String {
    let lanes = format!(
        "{} to {}",
        plan.lane_name(&r.from_lane),
        plan.lane_name(&r.to_lane)
    );
    match r.name == lanes {
        true => lanes,
        false => format!("{}: {lanes}", r.name),
    }
}

/// The findings whose path starts with one of `prefixes`.
fn about(all: &[Diagnostic], prefixes: &[&str]) -> Vec<Diagnostic> {
    all.iter()
        .filter(|d| prefixes.iter().any(|p| d.path.starts_with(p)))
        .cloned()
        .collect()
}

fn progress_list(overall: &Progress, lanes: &[Progress]) -> Html {
    let bar = |p: &Progress, id: String| {
        let text = format!("{} of {} done", p.done, p.total);
        html! {
            <div class="progress-row" key={id.clone()}>
                <label for={id.clone()}>{ p.name.clone() }</label>
                <progress {id} max={p.total.max(1).to_string()} value={p.done.to_string()}>{ text.clone() }</progress>
                <span class="figure">{ text }</span>
            </div>
        }
    };
    html! {
        <div class="progress-list" role="group" aria-label="Progress">
            { bar(overall, "progress-overall".to_string()) }
            for p in lanes.iter() {
                { bar(p, format!("progress-{}", if p.lane.is_empty() { "plan" } else { p.lane.as_str() })) }
            }
        </div>
    }
}

fn status_class(status: ItemStatus) -> &'static str {
    match status {
        ItemStatus::NotStarted => "status-not-started",
        ItemStatus::InProgress => "status-in-progress",
        ItemStatus::Done => "status-done",
        ItemStatus::NotApplicable => "status-na",
    }
}

/// An edit of one checklist item's state.
fn item_edit(row: &Row, set: ItemField) -> Edit {
    Edit::ChecklistItem {
        item: row.item,
        lane: row.lane.clone(),
        set,
    }
}

/// A callback that turns a control's value into an edit of `row`.
fn item_callback<T: 'static>(
    on_edit: &Callback<Edit>,
    row: &Row,
    make: impl Fn(T) -> ItemField + 'static,
) -> Callback<T> {
    let (on_edit, row) = (on_edit.clone(), row.clone());
    Callback::from(move |value: T| on_edit.emit(item_edit(&row, make(value))))
}

#[derive(Properties, PartialEq)]
struct RowsTableProps {
    section: AttrValue,
    rows: Vec<Row>,
    on_edit: Callback<Edit>,
}

#[component]
fn RowsTable(props: &RowsTableProps) -> Html {
    html! {
        <table class={classes!("checklist-table", props.section.to_string())}>
            <thead><tr>
                <th scope="col">{ "Item" }</th>
                <th scope="col">{ "Lane" }</th>
                <th scope="col">{ "Status" }</th>
                <th scope="col">{ "Owner" }</th>
                <th scope="col">{ "Due" }</th>
                <th scope="col">{ "Notes" }</th>
            </tr></thead>
            <tbody>
                for row in props.rows.iter() {
                    <ItemRow key={format!("{}-{}", enum_key(row.item), row.lane)} row={row.clone()}
                        on_edit={props.on_edit.clone()} />
                }
            </tbody>
        </table>
    }
}

#[derive(Properties, PartialEq)]
struct ItemRowProps {
    row: Row,
    on_edit: Callback<Edit>,
}

/// One item of the checklist: its status (a choice unless the plan proves
/// it), owner, due date and notes.
#[component]
fn ItemRow(props: &ItemRowProps) -> Html {
    let row = &props.row;
    let item = enum_key(row.item);
    let lane = if row.lane.is_empty() {
        "plan"
    } else {
        row.lane.as_str()
    };
    let id = |field: &str| format!("ck-{item}-{lane}-{field}");
    let what = if row.lane_name.is_empty() {
        row.label.clone()
    } else {
        format!("{} for {}", row.label, row.lane_name)
    };
    let status = if row.proven {
        html! {
            <>
                <span class={classes!("status", status_class(row.status))}>{ row.status.label() }</span>
                <span class="derived">{ " from the plan" }</span>
            </>
        }
    } else {
        let auto = if row.manual.is_none() {
            row.status.label()
        } else {
            "Suggested"
        };
        let first = (
            None,
            "auto".into(),
            format!("{auto} (from the plan)").into(),
        );
        let manual = enum_items(&ItemStatus::ALL, ItemStatus::label)
            .map(|(v, key, text)| (Some(v), key, text));
        let choices = Choices::new(
            std::iter::once(first).chain(manual).collect(),
            &row.manual,
            item_callback(&props.on_edit, row, ItemField::Status),
        );
        html! {
            <CellSelect id={id("status")} label={format!("Status: {what}")} {choices}
                class={status_class(row.status)} />
        }
    };
    html! {
        <tr class={classes!(status_class(row.status), row.overdue.then_some("overdue"))}>
            <th scope="row">{ row.label.clone() }</th>
            <td class="lane">{ if row.lane_name.is_empty() { "Whole plan".to_string() } else { row.lane_name.clone() } }</td>
            <td class="status-cell">
                { status }
                if !row.evidence.is_empty() { <p class="evidence">{ row.evidence.clone() }</p> }
            </td>
            <td class="owner"><CellInput id={id("owner")} label={format!("Owner: {what}")} value={row.owner.clone()}
                on_change={item_callback(&props.on_edit, row, ItemField::Owner)} /></td>
            <td>
                <CellInput id={id("due")} kind={InputKind::Date} label={format!("Due: {what}")} value={row.due.clone()}
                    on_change={item_callback(&props.on_edit, row, ItemField::Due)} />
                if row.overdue { <p class="finding error">{ "Overdue" }</p> }
                else if row.due_derived { <p class="evidence">{ "From the warm-up" }</p> }
            </td>
            <td class="notes"><CellText id={id("notes")} label={format!("Notes: {what}")} value={row.notes.clone()}
                on_change={item_callback(&props.on_edit, row, ItemField::Notes)} /></td>
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct QaLaneProps {
    lane: LaneChecks,
    on_edit: Callback<Edit>,
}

/// A lane's four QA checks: ticking one marks it done, unticking gives it
/// back to the plan's suggestion.
#[component]
fn QaLane(props: &QaLaneProps) -> Html {
    let lane = &props.lane;
    html! {
        <fieldset class="qa-lane">
            <legend>{ lane.name.clone() }</legend>
            for row in lane.qa.iter() {
                {{
                    let id = format!("qa-{}-{}", enum_key(row.item), row.lane);
                    let check = |on: bool| ItemField::Status(on.then_some(ItemStatus::Done));
                    html! {
                        <div class="qa-check" key={id.clone()}>
                            <CellCheck id={id.clone()} checked={row.manual == Some(ItemStatus::Done)}
                                on_change={item_callback(&props.on_edit, row, check)} />
                            <label for={id.clone()}>{ row.label.clone() }</label>
                            <CellText id={format!("{id}-notes")} class="qa-note" value={row.notes.clone()}
                                label={format!("Note on {} for {}", row.label.to_lowercase(), row.lane_name)}
                                placeholder="Note" on_change={item_callback(&props.on_edit, row, ItemField::Notes)} />
                        </div>
                    }
                }}
            }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct SeedLaneProps {
    lane: SeedLane,
    /// The date a new seed test starts with.
    today: NaiveDate,
    on_edit: Callback<Edit>,
}

/// Which tests the rate is of: the latest, or the several of its date.
fn latest_words(lane: &SeedLane, date: &str) -> String {
    let tests = lane
        .tests
        .iter()
        .filter(|(_, t)| t.date.trim() == date)
        .count();
    match tests {
        0 | 1 => format!(" in the latest test, on {date}"),
        n => format!(" in the latest {n} tests, on {date}"),
    }
}

/// A lane's seed-list results, its inbox rate, and a row per test.
#[component]
fn SeedLaneView(props: &SeedLaneProps) -> Html {
    let locked = use_read_only();
    let lane = &props.lane;
    // One decimal, as the checklist's row and Problems give the rate.
    let rate = (lane.tested > 0).then(|| f64::from(lane.inbox) * 100.0 / f64::from(lane.tested));
    let add = {
        let on_edit = props.on_edit.clone();
        let edit = Edit::AddSeed {
            lane: lane.lane.clone(),
            // A date displays as YYYY-MM-DD.
            date: props.today.to_string(),
        };
        Callback::from(move |_: MouseEvent| on_edit.emit(edit.clone()))
    };
    html! {
        <div class={classes!("seed-lane", lane.low.then_some("low"))} id={format!("seeds-{}", lane.lane)}>
            <h4>{ lane.name.clone() }</h4>
            <p class="seed-rate">
                { match rate {
                    Some(r) => format!("Inbox rate {}% ({} of {} results){}", crate::units::percent(r), lane.inbox, lane.tested,
                        lane.latest.as_ref().map_or(String::new(), |d| latest_words(lane, d))),
                    None => "No results yet.".to_string(),
                } }
                if let Some(r) = rate {
                    <svg class="mini-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
                        <rect class="track" x="0" y="0" width="100" height="4" />
                        <rect class={if lane.low { "fill low" } else { "fill" }} x="0" y="0" width={crate::units::fixed(r, 1)} height="4" />
                        <line class="limit" x1="80" x2="80" y1="0" y2="4" />
                    </svg>
                }
            </p>
            if lane.low {
                <p class="finding warning">{ format!("Under {SEED_INBOX_MIN_PERCENT}%: check authentication and content, mail only engaged recipients for a while, and test again.") }</p>
            }
            if !lane.tests.is_empty() {
                <table class="seed-table">
                    <thead><tr>
                        <th scope="col">{ "Date" }</th><th scope="col">{ "Gmail" }</th>
                        <th scope="col">{ "Yahoo" }</th><th scope="col">{ "Outlook" }</th><th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                    </tr></thead>
                    <tbody>
                        for (n, (_, test)) in (1..).zip(lane.tests.iter()) {
                            <SeedRow key={test.id.clone()} seed={test.clone()}
                                name={format!("{} seed test {n}", lane.name)} on_edit={props.on_edit.clone()} />
                        }
                    </tbody>
                </table>
            }
            <button type="button" disabled={locked} id={format!("add-seed-{}", lane.lane)} onclick={add}>{ format!("Add a seed test for {}", lane.name) }</button>
        </div>
    }
}

/// The id of the control for `field` (`date`, `gmail`, …) in the row of
/// seed test `seed`, which Open and the focus after an edit land on.
pub fn seed_control(seed: &str, field: &str) -> String {
    format!("seed-{seed}-{field}")
}

/// Where the focus goes after a seed test is added (its date) or deleted
/// (the date of the lane's test beside it, or the lane's Add button).
fn seed_focus(plan: &Plan, edit: &Edit) -> Vec<String> {
    let date = |id: &str| seed_control(id, "date");
    match edit {
        Edit::AddSeed { .. } => added_id(plan, edit)
            .map(|id| date(&id))
            .into_iter()
            .collect(),
        Edit::DeleteSeed(gone) => {
            let seeds = &plan.checklist.seeds;
            let Some(lane) = seeds.iter().find(|s| &s.id == gone).map(|s| &s.lane) else {
                return Vec::new();
            };
            let ids: Vec<&str> = seeds
                .iter()
                .filter(|s| &s.lane == lane)
                .map(|s| s.id.as_str())
                .collect();
            neighbours(&ids, gone, date, &format!("add-seed-{lane}"))
        }
        _ => Vec::new(),
    }
}

#[derive(Properties, PartialEq)]
struct SeedRowProps {
    seed: crate::plan::model::SeedTest,
    /// How the row is named to assistive technology, such as
    /// "Promotional seed test 2".
    name: AttrValue,
    on_edit: Callback<Edit>,
}

/// A callback setting a field of the seed test with id `seed`.
fn seed_edit<T: 'static>(
    on_edit: &Callback<Edit>,
    seed: &str,
    make: fn(T) -> SeedField,
) -> Callback<T> {
    let seed = seed.to_string();
    on_edit.reform(move |value| Edit::Seed {
        seed: seed.clone(),
        set: make(value),
    })
}

/// One seed test: its date, where it landed at each mailbox provider, and
/// a delete button.
#[component]
fn SeedRow(props: &SeedRowProps) -> Html {
    let locked = use_read_only();
    let seed = &props.seed;
    let placement = |field: &str,
                     label: &str,
                     chosen: Placement,
                     make: fn(Placement) -> SeedField| {
        let on_pick = seed_edit(&props.on_edit, &seed.id, make);
        html! {
            <CellSelect id={seed_control(&seed.id, field)}
                label={format!("{label} result, {}", props.name)}
                choices={Choices::of_enum(&Placement::ALL, Placement::label, chosen, on_pick)} />
        }
    };
    let delete = {
        let (on_edit, id) = (props.on_edit.clone(), seed.id.clone());
        Callback::from(move |_: MouseEvent| on_edit.emit(Edit::DeleteSeed(id.clone())))
    };
    html! {
        <tr>
            <td><CellInput id={seed_control(&seed.id, "date")} kind={InputKind::Date} value={seed.date.clone()}
                label={format!("Date of {}", props.name)} on_change={seed_edit(&props.on_edit, &seed.id, SeedField::Date)} /></td>
            <td>{ placement("gmail", "Gmail", seed.gmail, SeedField::Gmail) }</td>
            <td>{ placement("yahoo", "Yahoo", seed.yahoo, SeedField::Yahoo) }</td>
            <td>{ placement("outlook", "Outlook", seed.outlook, SeedField::Outlook) }</td>
            <td><button type="button" disabled={locked} class="link" onclick={delete} aria-label={format!("Delete {}", props.name)}>{ "Delete" }</button></td>
        </tr>
    }
}

/// The id of the control for `field` in `lane`'s row of thresholds: a
/// threshold by its name in the plan file, or `reset`, the button that
/// sets them to the reference figures.
pub fn threshold_control(lane: &str, field: &str) -> String {
    format!("th-{lane}-{field}")
}

/// A threshold column: its field key, its label, how to read it from the
/// plan and the edit that sets it.
struct Column {
    key: &'static str,
    label: &'static str,
    get: fn(&Thresholds) -> f64,
    set: fn(f64) -> ThresholdField,
}

const COLUMNS: [Column; 5] = [
    Column {
        key: "complaint_watch_percent",
        label: "Complaints: watch at %",
        get: |t| t.complaint_watch_percent,
        set: ThresholdField::ComplaintWatchPercent,
    },
    Column {
        key: "complaint_act_percent",
        label: "Complaints: act at %",
        get: |t| t.complaint_act_percent,
        set: ThresholdField::ComplaintActPercent,
    },
    Column {
        key: "bounce_watch_percent",
        label: "Bounces: watch at %",
        get: |t| t.bounce_watch_percent,
        set: ThresholdField::BounceWatchPercent,
    },
    Column {
        key: "bounce_act_percent",
        label: "Bounces: act at %",
        get: |t| t.bounce_act_percent,
        set: ThresholdField::BounceActPercent,
    },
    Column {
        key: "delivered_min_percent",
        label: "Delivered: act under %",
        get: |t| t.delivered_min_percent,
        set: ThresholdField::DeliveredMinPercent,
    },
];

#[derive(Properties, PartialEq)]
struct ThresholdRowProps {
    lane: LaneChecks,
    on_edit: Callback<Edit>,
}

/// A lane's monitoring thresholds, or a button that starts them from the
/// reference figures.
#[component]
fn ThresholdRow(props: &ThresholdRowProps) -> Html {
    let locked = use_read_only();
    let lane = &props.lane;
    let threshold = |set: ThresholdField| Edit::Threshold {
        lane: lane.lane.clone(),
        set,
    };
    // The button that starts the thresholds goes as they come, so the
    // focus moves to the first of them, as the Reset button keeps its own.
    let focus = use_focus_later();
    let first = format!("th-{}-{}", lane.lane, COLUMNS[0].key);
    let reset = {
        let (on_edit, edit) = (props.on_edit.clone(), threshold(ThresholdField::Reset));
        let started = lane.thresholds.is_none();
        Callback::from(move |_: MouseEvent| {
            if started {
                focus.request_ids([first.as_str()]);
            }
            on_edit.emit(edit.clone())
        })
    };
    let Some(t) = &lane.thresholds else {
        return html! {
            <tr>
                <th scope="row">{ lane.name.clone() }</th>
                <td colspan="6">
                    { "No thresholds. " }
                    <button type="button" disabled={locked} id={threshold_control(&lane.lane, "reset")} onclick={reset}>{ format!("Use the reference thresholds for {}", lane.name) }</button>
                </td>
            </tr>
        };
    };
    html! {
        <tr>
            <th scope="row">{ lane.name.clone() }</th>
            for column in COLUMNS.iter() {
                <td key={column.key}>
                    <NumberField id={threshold_control(&lane.lane, column.key)} label={column.label} context={lane.name.clone()}
                        value={(column.get)(t)} min={0.0} max={100.0} step={0.01}
                        on_change={{
                            let (on_edit, lane, set) = (props.on_edit.clone(), lane.lane.clone(), column.set);
                            Callback::from(move |n: f64| on_edit.emit(Edit::Threshold { lane: lane.clone(), set: set(n) }))
                        }} />
                </td>
            }
            <td>
                <button type="button" disabled={locked} class="link" id={threshold_control(&lane.lane, "reset")} onclick={reset}
                    aria-label={format!("Reset the thresholds for {} to the reference", lane.name)}>{ "Reset" }</button>
            </td>
        </tr>
    }
}
