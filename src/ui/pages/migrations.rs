//! The migrations page: moves of journeys (or a whole lane) from one lane
//! to another, each with its settings, the dated split as a chart and a
//! table, the day it completes and what delays it, the DNS records and
//! dated steps, the way back, and the simulated ramp against a one-day
//! cutover. The plan's peak season sits above them.

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use super::{item_focus, lane_choices, maybe_edit, use_edit_focusing, PageProps};
use crate::monitor::health::Health;
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{DateChange, Edit, MigrationField, PeakField};
use crate::plan::model::{Migration, PeakWindow, Plan, Platform};
use crate::plan::ranges::GRACE_DAYS;
use crate::platform::customer_io::{self, moves};
use crate::review::findings::Findings;
use crate::review::migration::{
    figures as migration_figures, imported_gates, report, MigrationReport, NO_WARMUP_CODE,
};
use crate::review::place::Place;
use crate::simulate::migration::{compare, Comparison};
use crate::ui::chart::{dated, legend, nice_top, scale, scaled, ChartFrame};
use crate::ui::fields::{
    findings_under, use_disclosure, use_focus_later, use_read_only, CheckField, Choices,
    ConfirmButton, DateListField, Disclosure, Field, FindingList, FocusLater, InputKind,
    NumberField, SelectField, TextArea,
};
use crate::units::{count, group, money};
use crate::warmup::migration::{Cause, DayKind, OldLaneOff, Split, SplitDay};

#[derive(Properties, PartialEq, Clone)]
pub struct MigrationsPageProps {
    pub page: PageProps,
    /// Lane health from imported delivery data, whose failed health gates
    /// delay the moves.
    #[prop_or_default]
    pub health: Option<Rc<Health>>,
}

/// One migration as the page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub report: Rc<MigrationReport>,
    pub comparison: Option<Rc<Comparison>>,
    /// How the move's types change server on Customer.io, in the Platform
    /// tab's words; empty off Customer.io.
    pub customer_io: Rc<Vec<String>>,
}

/// Every migration's report, with the failed gates in `health`, and its
/// simulated comparison.
pub fn shown(
    plan: &Plan,
    findings: &Findings,
    health: Option<&Health>,
    today: NaiveDate,
) -> Vec<Shown> {
    let routing = &findings.routing;
    // Customer.io's servers as the lanes carry the mail today, which the
    // moves' steps there read, once, as the Platform tab does.
    let carried = &findings.carried;
    let cio = (plan.platform.kind == Platform::CustomerIo && !plan.migrations.is_empty())
        .then(|| customer_io::setup(plan, carried));
    plan.migrations
        .iter()
        .map(|m| {
            let gates = imported_gates(plan, health, &m.to_lane);
            let evidence = Some(findings.domains.evidence.as_slice());
            let records = &findings.domains.records;
            Shown {
                report: Rc::new(report(plan, routing, m, records, evidence, today, health)),
                comparison: compare(plan, routing, m, &gates).map(Rc::new),
                customer_io: Rc::new(
                    cio.as_ref()
                        .map_or_else(Vec::new, |cio| moves::steps_of(plan, carried, cio, m)),
                ),
            }
        })
        .collect()
}

#[component]
pub fn MigrationsPage(props: &MigrationsPageProps) -> Html {
    let page = &props.page;
    let plan = &page.plan;
    let on_edit = use_edit_focusing(page, item_focus);
    let shown = use_memo(
        (
            plan.clone(),
            page.findings.clone(),
            props.health.clone(),
            page.today,
        ),
        |(plan, findings, health, today)| shown(plan, findings, health.as_deref(), *today),
    );
    let lanes = lane_choices(plan);
    html! {
        <section aria-labelledby="migrations-heading" class="migrations">
            <h2 id="migrations-heading">{ "Migrations" }</h2>
            <p class="muted">{ "Move journeys, or a whole lane, to another lane or provider on a dated ramp: the new lane's warm-up schedule caps how much of the moved mail it takes each sending day, most engaged first, and the rest stays on the old lane until it can move." }</p>
            <PeakSeason peak={plan.peak_window.clone()} findings={findings_under(&page.findings.fields, "$.peak_window")}
                on_edit={page.on_edit.clone()} />
            <NewMigration lanes={lanes.clone()} on_add={page.add(|edit: Edit| edit, Place::Migration)} />
            if plan.migrations.is_empty() {
                <p class="empty">{ "No migration yet." }</p>
            }
            for (index, m) in plan.migrations.iter().enumerate() {
                <MigrationCard key={m.id.clone()} migration={m.clone()} lanes={lanes.clone()}
                    journeys={journey_choices(plan, page, m)}
                    findings={findings_under(&page.findings.plan, &format!("$.migrations[{index}]"))}
                    shown={shown.iter().find(|s| s.report.id == m.id).cloned()}
                    on_edit={on_edit.clone()} />
            }
        </section>
    }
}

/// (journey id, label) of the journeys the move may take: those routed to
/// its old lane, and any it lists from elsewhere (the new lane, once cut
/// over), named with their lane so that the others can be taken off.
fn journey_choices(
    plan: &Plan,
    page: &PageProps,
    m: &Migration,
) -> Rc<Vec<(AttrValue, AttrValue)>> {
    let lane_of = |id: &str| {
        let routes = &page.findings.routing.routes;
        let route = routes.iter().find(|r| r.journey_id == id);
        route.and_then(|r| r.lane_id.clone())
    };
    let choices = plan.journeys.iter().filter_map(|j| {
        let lane = lane_of(&j.id);
        let label = match lane.as_deref() {
            Some(l) if l == m.from_lane => j.called().to_string(),
            _ if !m.journeys.contains(&j.id) => return None,
            Some(l) if l == m.to_lane => format!("{} (now on {})", j.name, plan.lane_name(l)),
            Some(l) => format!("{} (on {}, not the old lane)", j.name, plan.lane_name(l)),
            None => format!("{} (on no lane)", j.called()),
        };
        Some((AttrValue::from(j.id.clone()), AttrValue::from(label)))
    });
    Rc::new(choices.collect())
}

#[derive(Properties, PartialEq)]
struct PeakSeasonProps {
    peak: Option<PeakWindow>,
    findings: Vec<Diagnostic>,
    on_edit: Callback<Edit>,
}

/// The peak season's name and dates; each field sends itself alone.
#[component]
fn PeakSeason(props: &PeakSeasonProps) -> Html {
    let locked = use_read_only();
    let later = use_focus_later();
    let peak = props.peak.clone().unwrap_or_default();
    let field = |set: fn(String) -> PeakField| {
        maybe_edit(&props.on_edit, move |value: String| {
            Some(Edit::PeakWindow(set(value)))
        })
    };
    let about = |f: &str| {
        let path = format!("$.peak_window.{f}");
        props
            .findings
            .iter()
            .filter(|d| d.path == path)
            .cloned()
            .collect::<Vec<_>>()
    };
    html! {
        <fieldset class="card" id="peak-window">
            <legend>{ "Peak season" }</legend>
            <p class="muted">{ "The days no lane should change, such as Black Friday to Cyber Monday. A move that ramps inside them is flagged." }</p>
            <div class="grid-3">
                <Field id="f-peak-name" label="Name" value={peak.name.clone()} placeholder="Black Friday"
                    on_change={field(PeakField::Name)} />
                <Field id="f-peak-start" label="First day" kind={InputKind::Date} value={peak.start.clone()}
                    findings={about("start")} on_change={field(PeakField::Start)} />
                <Field id="f-peak-end" label="Last day" kind={InputKind::Date} value={peak.end.clone()}
                    findings={about("end")} on_change={field(PeakField::End)} />
            </div>
            if props.peak.is_some() {
                <button type="button" disabled={locked} id="remove-peak" onclick={{
                    let on_edit = props.on_edit.clone();
                    // The button goes with the season: the focus goes to
                    // its first field, where a new one starts.
                    move |_| {
                        later.request_ids(["f-peak-name"]);
                        on_edit.emit(Edit::SetPeakWindow(None));
                    }
                }}>{ "Remove the peak season" }</button>
            }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct NewMigrationProps {
    lanes: Rc<Vec<(AttrValue, AttrValue)>>,
    /// Adds the migration the edit describes and opens it.
    on_add: Callback<Edit>,
}

/// The lanes of a new migration, kept in the page until it is added.
#[component]
fn NewMigration(props: &NewMigrationProps) -> Html {
    let locked = use_read_only();
    let first = |i: usize| props.lanes.get(i).map(|l| l.0.clone()).unwrap_or_default();
    let from = use_state(|| first(0));
    let to = use_state(|| first(1));
    // A chosen lane that was deleted falls back to the first ones.
    let known = |v: &AttrValue| props.lanes.iter().any(|l| &l.0 == v);
    let from_value = if known(&from) {
        (*from).clone()
    } else {
        first(0)
    };
    let to_value = if known(&to) { (*to).clone() } else { first(1) };
    let pick = |state: &UseStateHandle<AttrValue>| {
        let state = state.clone();
        Callback::from(move |id: String| state.set(AttrValue::from(id)))
    };
    let add = {
        let (on_add, from_lane, to_lane) =
            (props.on_add.clone(), from_value.clone(), to_value.clone());
        Callback::from(move |_| {
            on_add.emit(Edit::AddMigration {
                from_lane: from_lane.to_string(),
                to_lane: to_lane.to_string(),
            })
        })
    };
    html! {
        <div class="card new-migration">
            <h3>{ "New migration" }</h3>
            <div class="grid-3">
                <SelectField id="new-migration-from" label="Move mail from"
                    choices={Choices::of_lanes(&props.lanes, &from_value, pick(&from))} />
                <SelectField id="new-migration-to" label="To"
                    choices={Choices::of_lanes(&props.lanes, &to_value, pick(&to))} />
            </div>
            <button type="button" id="add-migration" class="primary" onclick={add}
                disabled={locked || props.lanes.len() < 2 || from_value == to_value}
                aria-describedby="why-new-migration">{ "Add migration" }</button>
            <p class="help" id="why-new-migration">
                if props.lanes.len() < 2 {
                    { "A migration needs two lanes: add another on the Lanes tab." }
                } else if from_value == to_value {
                    { "Choose two different lanes." }
                }
            </p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct MigrationCardProps {
    migration: Migration,
    lanes: Rc<Vec<(AttrValue, AttrValue)>>,
    journeys: Rc<Vec<(AttrValue, AttrValue)>>,
    findings: Vec<Diagnostic>,
    shown: Option<Shown>,
    on_edit: Callback<Edit>,
}

impl MigrationCardProps {
    fn edit<T: 'static>(
        &self,
        make: impl Fn(T) -> Option<MigrationField> + 'static,
    ) -> Callback<T> {
        let id = self.migration.id.clone();
        maybe_edit(&self.on_edit, move |value: T| {
            make(value).map(|set| Edit::Migration {
                migration: id.clone(),
                set,
            })
        })
    }

    fn id(&self, field: &str) -> String {
        migration_control(&self.migration.id, field)
    }

    /// The findings about one field of the migration.
    fn about(&self, field: &str) -> Vec<Diagnostic> {
        self.findings
            .iter()
            .filter(|d| is_about(d, field))
            .cloned()
            .collect()
    }

    /// The findings the card lists: those about the move as a whole or a
    /// control without notes of its own (a select, a box). The fields
    /// with notes show theirs, so none is shown twice.
    fn general(&self) -> Vec<Diagnostic> {
        self.findings
            .iter()
            .filter(|d| !NOTED.iter().any(|field| is_about(d, field)))
            .cloned()
            .collect()
    }
}

/// The id of the control for `field` on the card of migration
/// `migration`, which Open on a finding about that field lands on.
pub fn migration_control(migration: &str, field: &str) -> String {
    format!("f-migration-{migration}-{field}")
}

/// The migration's fields that show their findings, with their fixes,
/// under them.
const NOTED: [&str; 3] = ["start_date", "hold_dates", "grace_days"];

/// Whether a finding is about one field of a migration, or an element of it.
fn is_about(d: &Diagnostic, field: &str) -> bool {
    let suffix = format!(".{field}");
    d.path.ends_with(&suffix) || d.path.contains(&format!("{suffix}["))
}

/// One migration: its settings, findings, split, steps and comparison.
#[component]
fn MigrationCard(props: &MigrationCardProps) -> Html {
    // The split's table stays as the user left it while the split is gone,
    // such as while the first day is not a date.
    let split_table = use_disclosure(format!("migration-split-{}", props.migration.id));
    // A rollback clears the first day, taking its button away: the focus
    // goes to the first day, where the move is set again.
    let focus = use_focus_later();
    let m = &props.migration;
    let heading = format!("migration-{}-heading", m.id);
    let delete = {
        let (on_edit, id) = (props.on_edit.clone(), m.id.clone());
        Callback::from(move |_| on_edit.emit(Edit::DeleteMigration(id.clone())))
    };
    let title = crate::review::migration::title(m).to_string();
    let general = props.general();
    // The fields above may show findings the list leaves to them.
    let empty = match general.len() == props.findings.len() {
        true => "No findings for this move.",
        false => "No other findings for this move.",
    };
    html! {
        <article class="card migration" id={format!("migration-{}", m.id)} tabindex="-1" aria-labelledby={heading.clone()}>
            <h3 id={heading}>{ title.clone() }</h3>
            { settings(props) }
            <FindingList findings={general} {empty} on_edit={props.on_edit.clone()} />
            { match &props.shown {
                Some(shown) => html! {
                    <>
                        { match &shown.report.split {
                            Some(split) => split_view(m, split, &split_table, &props.findings),
                            None => html! { <p class="empty">{ "Set a valid first day to see the daily split." }</p> },
                        } }
                        { customer_io_view(m, &shown.customer_io) }
                        { steps_view(&shown.report) }
                        { rollback_view(&shown.report, &props.on_edit, focus.clone(), props.id("start_date")) }
                        if let Some(c) = &shown.comparison {
                            { comparison_view(c) }
                        }
                    </>
                },
                None => html! {},
            } }
            <div class="row end">
                <ConfirmButton label="Delete migration…" question={format!("Delete “{title}”?")}
                    aria_label={AttrValue::from(format!("Delete migration “{title}”"))}
                    confirm="Delete migration" on_confirm={delete} />
            </div>
        </article>
    }
}

fn settings(props: &MigrationCardProps) -> Html {
    let m = &props.migration;
    html! {
        <>
            <div class="grid-3">
                <Field id={props.id("name")} label="Name" value={m.name.clone()} placeholder="For example, Flows to SES"
                    on_change={props.edit(|v: String| Some(MigrationField::Name(v)))} />
                <SelectField id={props.id("from_lane")} label="From lane" choices={Choices::of_lanes(&props.lanes,
                    &m.from_lane, props.edit(|id| Some(MigrationField::FromLane(id))))} />
                <SelectField id={props.id("to_lane")} label="To lane" choices={Choices::of_lanes(&props.lanes,
                    &m.to_lane, props.edit(|id| Some(MigrationField::ToLane(id))))} />
                <Field id={props.id("start_date")} label="First day" kind={InputKind::Date}
                    value={m.start_date.clone()} findings={props.about("start_date")} on_fix={Some(props.on_edit.clone())}
                    on_change={props.edit(|v: String| Some(MigrationField::StartDate(v)))} />
                <DateListField id={props.id("hold_dates")} label="Hold dates" add_label="Add a hold date"
                    dates={m.hold_dates.clone()} help="On these days the split stays as it was."
                    findings={props.about("hold_dates")} on_fix={Some(props.on_edit.clone())}
                    on_change={props.edit(|change: DateChange| Some(MigrationField::HoldDate(change)))} />
                <NumberField id={props.id("grace_days")} label="Grace days before removing old records"
                    value={f64::from(m.grace_days)} min={GRACE_DAYS.lowest()} max={GRACE_DAYS.highest()}
                    findings={props.about("grace_days")}
                    on_change={props.edit(|n: f64| Some(MigrationField::GraceDays(n as u32)))} />
            </div>
            <fieldset class="check-group">
                <legend>{ "What moves" }</legend>
                <CheckField id={props.id("whole_lane")} label="The whole lane (every journey routed to it)"
                    checked={m.whole_lane} on_change={props.edit(|on: bool| Some(MigrationField::WholeLane(on)))} />
                if !m.whole_lane {
                    for (id, label) in props.journeys.iter() {
                        <CheckField id={props.id(&format!("journey-{id}"))} label={label.clone()}
                            checked={m.journeys.iter().any(|j| j == id.as_str())}
                            on_change={{
                                let journey = id.to_string();
                                props.edit(move |on: bool| Some(MigrationField::Journey { journey: journey.clone(), on }))
                            }} />
                    }
                }
            </fieldset>
            <TextArea id={props.id("rollback")} label="Rollback plan" value={m.rollback.clone()} rows={2}
                placeholder="Who decides, which numbers trigger it, how the journeys go back."
                on_change={props.edit(|v: String| Some(MigrationField::Rollback(v)))} />
        </>
    }
}

/// The headline figures, the chart and the table of the split. A lane
/// without a warm-up is said to take the mail at once, unless the move's
/// findings already say so.
fn split_view(m: &Migration, s: &Split, table: &Disclosure, findings: &[Diagnostic]) -> Html {
    let figures = migration_figures(m, s);
    let told = findings.iter().any(|d| d.code == NO_WARMUP_CODE);
    html! {
        <>
            if s.no_warmup && !told {
                <p class="finding warning">{ "The new lane has no warm-up, so it takes all the moved mail on the first day." }</p>
            }
            <dl class="figures" id={format!("migration-{}-figures", m.id)}>
                for (term, value) in figures.iter() {
                    <div><dt>{ *term }</dt><dd>{ value.clone() }</dd></div>
                }
            </dl>
            <p class="muted" id={format!("migration-{}-gates", m.id)}>{ gates_note(s) }</p>
            { chart(m, s) }
            <details open={table.open} ontoggle={table.on_toggle.clone()}>
                <summary>{ "The daily split as a table" }</summary>
                <table class="data calendar" id={format!("migration-{}-table", m.id)}>
                    <thead><tr>
                        <th scope="col">{ "Date" }</th><th scope="col">{ "Ramp day" }</th><th scope="col" class="num">{ "Cap" }</th>
                        <th scope="col" class="num">{ "New lane" }</th><th scope="col" class="num">{ "Old lane" }</th><th scope="col" class="num">{ "New share" }</th><th scope="col">{ "Note" }</th>
                    </tr></thead>
                    <tbody>
                        for day in s.days.iter() {
                            <tr class={classes!((day.step.is_none()).then_some("idle"))}>
                                <td class="date">{ day.date.clone() }</td>
                                <td>{ day.step.map(|n| (n + 1).to_string()).unwrap_or_default() }</td>
                                <td class="num">{ match (day.step, day.cap) { (None, _) => "–".to_string(), (Some(_), None) => "warm".to_string(), (Some(_), Some(c)) => group(c) } }</td>
                                <td class="num">{ group(day.new_lane) }</td>
                                <td class="num">{ group(day.old_lane) }</td>
                                <td class="num">{ day.new_share() }</td>
                                <td>{ note(day) }</td>
                            </tr>
                        }
                    </tbody>
                </table>
            </details>
        </>
    }
}

/// What the split takes of the health gates: it is the plan, so every
/// sending day passes them but those imported delivery data failed.
fn gates_note(s: &Split) -> String {
    let failed = s.count(Cause::GateFailed);
    let except = match failed {
        0 => String::new(),
        n => format!(
            " but the {} imported delivery data failed them, each holding the ramp the next sending day (marked in the table)",
            count(u64::from(n), "day", "days")
        ),
    };
    format!("The split as planned: it takes every sending day to pass its health gates{except}. The simulation below holds it after each day its gates fail.")
}

/// What a day of the split is, in words: why the ramp did not move, or
/// that a failed health gate holds it, as the comparison below words it;
/// then, on a day the old lane does not send, what becomes of the moved
/// mail left on it.
fn note(day: &SplitDay) -> String {
    let old = day.old_lane_off.map(|fate| match fate {
        OldLaneOff::Waits => "The old lane does not send today: the moved mail left on it waits for its next sending day.",
        OldLaneOff::NotSent => "The old lane does not send today: the moved mail left on it is not sent.",
    });
    match (new_lane_note(day), old) {
        (new, None) => new,
        (new, Some(old)) if new.is_empty() => old.to_string(),
        (new, Some(old)) => format!("{new} {old}"),
    }
}

/// What a day of the split is on the new lane's side, in words.
fn new_lane_note(day: &SplitDay) -> String {
    let gate = match (&day.held_by_gate, day.gate_failed) {
        (Some(on), false) => Some(format!(
            "Held by the health gate failed on {on}: the ramp stays at that day's step."
        )),
        (Some(on), true) => Some(format!(
            "Held by the health gate failed on {on}, and failed again: the ramp holds the next sending day too."
        )),
        (None, true) => Some("Health gate failed: the ramp holds the next sending day.".into()),
        (None, false) => None,
    };
    // A hold date sends, so its gates can fail too: the row says both.
    match (day.kind, gate) {
        (DayKind::Held, Some(gate)) => format!("Hold date: the split stays as it was. {gate}"),
        (_, Some(gate)) => gate,
        (_, None) => match day.kind {
            DayKind::Complete => "Complete: the new lane takes all the moved mail.",
            DayKind::NotSending => "The new lane does not send today.",
            DayKind::NoMail => "No mail is due today: the ramp holds until the next send.",
            DayKind::Skipped => "Skipped date: the ramp holds.",
            DayKind::Held => "Hold date: the split stays as it was.",
            DayKind::Moving => "",
        }
        .into(),
    }
}

/// Each day's split as stacked bars: the new lane below, the old above.
fn chart(m: &Migration, s: &Split) -> Html {
    let (w, h) = (600u64, 160u64);
    let n = s.days.len().max(1) as u64;
    // The scale follows the busiest day, which a scheduled send makes.
    let busiest = s
        .days
        .iter()
        .map(|d| d.new_lane + d.old_lane)
        .max()
        .unwrap_or(0);
    let top = nice_top(busiest.max(s.moved.total()));
    let x = |i: usize| i as u64 * w / n;
    let height = |v: u64| scaled(v, top, h);
    let bar = (w / n).max(1);
    let caption = format!(
        "{}: the moved mail each day, on the new lane (dark) and the old lane (light), {} to {}; the scale reaches {} a day.",
        crate::review::migration::title(m),
        s.days.first().map_or("", |d| d.date.as_str()),
        s.days.last().map_or("", |d| d.date.as_str()),
        group(top)
    );
    let legend = legend(&[("sent", "New lane"), ("wanted", "Old lane")]);
    html! {
        <ChartFrame id={format!("migration-{}-chart", m.id)} caption={caption.clone()}
            left={scale(top as f64, |v| group(v as u64))} {legend}
            readout={s.days.iter().map(|d| (AttrValue::from(d.date.clone()), AttrValue::from(format!("{}: {} on the new lane, {} on the old.",
                dated(&d.date), group(d.new_lane), group(d.old_lane))))).collect::<Vec<_>>()}>
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={caption} preserveAspectRatio="none">
                for (i, day) in s.days.iter().enumerate() {
                    <rect class="sent" x={x(i).to_string()} y={(h - height(day.new_lane)).to_string()}
                        width={bar.to_string()} height={height(day.new_lane).to_string()} />
                    <rect class="wanted" x={x(i).to_string()} y={(h - height(day.new_lane) - height(day.old_lane)).to_string()}
                        width={bar.to_string()} height={height(day.old_lane).to_string()} />
                }
            </svg>
        </ChartFrame>
    }
}

/// How the move's types change server on Customer.io, which cannot split
/// a type between two servers, so that the card says what the Platform
/// tab's steps say.
fn customer_io_view(m: &Migration, steps: &[String]) -> Html {
    if steps.is_empty() {
        return Html::default();
    }
    html! {
        <div id={format!("migration-{}-customer-io", m.id)}>
            <h4>{ "On Customer.io" }</h4>
            <p class="muted">{ "Customer.io sends each message type through one server, so a type changes server whole, on one date. The Platform tab's steps for this move:" }</p>
            <ul>
                for step in steps.iter() { <li>{ step.clone() }</li> }
            </ul>
        </div>
    }
}

fn steps_view(r: &MigrationReport) -> Html {
    html! {
        <>
            <h4>{ "Steps" }</h4>
            { steps_list(r) }
            <details>
                <summary>{ format!("DNS: {} to publish, {} to remove", count(r.new_records.len() as u64, "record", "records"), r.removal.len()) }</summary>
                <table class="data">
                    <thead><tr><th scope="col">{ "Change" }</th><th scope="col">{ "Name" }</th><th scope="col">{ "Type" }</th><th scope="col">{ "Value" }</th></tr></thead>
                    <tbody>
                        for rec in r.new_records.iter() {
                            <tr><td>{ "Publish" }</td><td>{ rec.name.clone() }</td><td>{ rec.kind.clone() }</td><td>{ rec.value.clone() }</td></tr>
                        }
                        for rec in r.removal.iter() {
                            <tr><td>{ format!("Remove after {}", r.remove_after.clone().unwrap_or_default()) }</td><td>{ rec.name.clone() }</td><td>{ rec.kind.clone() }</td><td>{ rec.value.clone() }</td></tr>
                        }
                    </tbody>
                </table>
            </details>
        </>
    }
}

fn rollback_view(
    r: &MigrationReport,
    on_edit: &Callback<Edit>,
    focus: FocusLater,
    first_day: String,
) -> Html {
    let back = {
        let (on_edit, edits) = (on_edit.clone(), r.rollback.edits.clone());
        Callback::from(move |_| {
            on_edit.emit(Edit::Many(edits.clone()));
            focus.request_ids([first_day.as_str()]);
        })
    };
    let names: Vec<String> = r.rollback.journeys.iter().map(|(_, n)| n.clone()).collect();
    html! {
        <div class="rollback" id={format!("migration-{}-rollback", r.id)}>
            <h4>{ "Rollback" }</h4>
            <p>{ format!("Back to {}: {}.", r.rollback.lane_name, if names.is_empty() { "no journeys".to_string() } else { names.join(", ") }) }</p>
            if let Some(reason) = &r.rollback.not_yet {
                <p class="muted">{ reason.clone() }</p>
            } else if !names.is_empty() {
                <ConfirmButton label="Roll back…" question={format!("Route these journeys back to {} and clear the move's first day, so it moves nothing until you set one again?", r.rollback.lane_name)}
                    confirm="Route them back" on_confirm={back} />
            }
        </div>
    }
}

/// A migration's dated steps, with what the plan proves done and what is
/// late; the checklist page shows the same list.
pub fn steps_list(r: &MigrationReport) -> Html {
    html! {
        <ol class="steps" id={format!("migration-{}-steps", r.id)}>
            for step in r.steps.iter() {
                <li class={classes!(step.done.then_some("done"), step.overdue.then_some("overdue"))}>
                    <strong>{ step.title.clone() }</strong>
                    if !step.due.is_empty() { { format!(" — {}", step.due) } }
                    if step.done { { " (done)" } }
                    if step.overdue { { " (overdue)" } }
                    <br />
                    <span class="muted">{ step.detail.clone() }</span>
                </li>
            }
        </ol>
    }
}

/// The ramp's revenue against the cutover's in words. The model does not
/// punish a sudden jump in volume, so a cutover can come out even or
/// ahead; the sentence then says what that figure leaves out.
pub fn gain_sentence(gain: f64) -> String {
    // Unless the ramp earns more, the model's silence about a sudden
    // jump is what the figures rest on, so it is said.
    let caveat = "the model counts only the mail a cold lane's cap holds back, not the throttling and filtering mailbox providers apply to a sudden jump in volume (Gmail warns that doubling volume at once can bring rate limits and a reputation drop).";
    if gain.abs() < 0.5 {
        format!("The ramp and a one-day cutover earn the same here, but {caveat}")
    } else if gain > 0.0 {
        format!(
            "The ramp earns {} more than a one-day cutover.",
            money(gain)
        )
    } else {
        format!(
            "The ramp earns {} less than a one-day cutover, but {caveat}",
            money(-gain)
        )
    }
}

/// When the simulated move completes, against the split's schedule (held
/// on its hold dates and after the days imported delivery data failed its
/// gates, as the split above is), the imported failures after the
/// schedule completes, and the days the simulated lane's gates held it.
pub fn simulated_completion(c: &Comparison) -> String {
    let days = |n: usize| count(n as u64, "day", "days");
    let holds = count(c.hold_dates.len() as u64, "hold date", "hold dates");
    let basis = match (c.imported_gates.len(), c.hold_dates.len()) {
        (0, 0) if c.imported_after.is_empty() => "every day passing its gates".to_string(),
        (0, 0) => "every day before it completes passing its gates".to_string(),
        (0, _) => format!("held on {holds}"),
        (n, 0) => format!(
            "held after the {} imported delivery data failed its gates",
            days(n)
        ),
        (n, _) => format!(
            "held after the {} imported delivery data failed its gates and on {holds}",
            days(n)
        ),
    };
    // The same day needs no second mention.
    let planned = match &c.planned_completes_on {
        Some(p) if c.ramp_completes_on.as_ref() == Some(p) => {
            format!(" as the split plans it, {basis}")
        }
        Some(p) => format!(" (the split as planned, {basis}: {p})"),
        None => String::new(),
    };
    let completes = match &c.ramp_completes_on {
        Some(d) => format!("In the simulation the move completes on {d}{planned}."),
        None => {
            format!("In the simulation the move does not complete within the horizon{planned}.")
        }
    };
    let after = match c.imported_after.as_slice() {
        [] => String::new(),
        [on] => format!(" Imported delivery data failed the new lane's gates on {on}, after the move completed, so it held only its ramp."),
        all => format!(
            " Imported delivery data failed the new lane's gates on {} after the move completed (the first {}), so each held only its ramp.",
            days(all.len()),
            all[0]
        ),
    };
    let held = gate_failures(&c.gate_failures, c.ramp_completes_on.as_deref());
    completes + &after + " " + &held
}

/// The days the new lane failed its health gates in the simulation
/// (`failures`), by what each held: before the move completes (on
/// `completes_on`) a failure holds the ramp and the split; after it, only
/// the ramp, as the split is done. The simulated days are no imported
/// data, so the sentence says they are the simulation's.
pub fn gate_failures(failures: &[String], completes_on: Option<&str>) -> String {
    let Some(first) = failures.first() else {
        return "In the simulation, the new lane passed its health gates every day it sent."
            .to_string();
    };
    let days = |n: usize| count(n as u64, "day", "days");
    let failed = format!(
        "In the simulation, the new lane failed its health gates on {} (the first {first})",
        days(failures.len())
    );
    // ISO dates sort as the days do.
    let before = match completes_on {
        Some(done) => failures.iter().filter(|d| d.as_str() < done).count(),
        None => failures.len(),
    };
    match (before, failures.len() - before) {
        (_, 0) => format!("{failed}, each holding its ramp, and the split, the next sending day."),
        (0, 1) => format!("{failed}, after the move completed, so it held only its ramp."),
        (0, _) => format!("{failed}, all after the move completed, so each held only its ramp."),
        (b, a) => format!(
            "{failed}: the {} before the move completed each held its ramp, and the split, the next sending day; the {} after it held only its ramp.",
            days(b),
            days(a)
        ),
    }
}

/// The simulated ramp against a one-day cutover.
fn comparison_view(c: &Comparison) -> Html {
    let rows = [("Ramp", &c.ramp), ("One-day cutover", &c.cutover)];
    html! {
        <div class="comparison" id={format!("migration-{}-comparison", c.migration)}>
            <h4>{ format!("Simulated from {} for {} days", c.start_date, c.days) }</h4>
            <table class="data">
                <thead><tr>
                    <th scope="col">{ "Scenario" }</th><th scope="col">{ "Revenue (all lanes)" }</th>
                    <th scope="col">{ "Old lane sent" }</th><th scope="col">{ "New lane sent" }</th>
                    <th scope="col">{ "Not sent" }</th><th scope="col">{ "New lane's lowest reputation" }</th>
                </tr></thead>
                <tbody>
                    for (name, s) in rows {
                        <tr>
                            <th scope="row">{ name }</th>
                            <td>{ money(s.revenue) }</td>
                            <td>{ group(s.old_totals.accepted as u64) }</td>
                            <td>{ group(s.new_totals.accepted as u64) }</td>
                            <td>{ group((s.old_totals.not_sent + s.new_totals.not_sent) as u64) }</td>
                            <td>{ format!("{:.2}", s.new_totals.lowest_reputation) }</td>
                        </tr>
                    }
                </tbody>
            </table>
            <p>
                { gain_sentence(c.ramp_gain) }
                { " " }
                { simulated_completion(c) }
            </p>
        </div>
    }
}
