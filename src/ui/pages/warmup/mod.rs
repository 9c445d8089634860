//! The warm-up page: per lane, the schedule and calendar settings, the
//! headline figures (warm on, target reached, latest start), a chart of the
//! cap against the mail the lane's journeys want, the calendar as a table
//! and as CSV, and the published schedules with their sources.
use std::rc::Rc;

use yew::prelude::*;

use super::{maybe_edit, other_lanes, PageProps};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{DateChange, Edit, RampField, WarmupField};
use crate::plan::model::{CustomRamp, Lane, LaneStatus, Overflow, Plan, WarmupPlan, WarmupPreset};
use crate::plan::ranges::{Range, GROWTH_PERCENT, HOLD_DAYS, WARMUP_VOLUME};
use crate::plan::routing::{route, Routing};
use crate::review::migration::{moved_words, title};
use crate::ui::fields::{
    findings_under, notes, use_disclosure, CheckField, Choices, DateListField, Field, FindingList,
    InputKind, NumberField, SelectField,
};
use crate::warmup::calendar::words::PAUSED_RAMP;
use crate::warmup::calendar::{calendar, shown_days, to_csv, Calendar};
use crate::warmup::migration::{lane_moves, lane_wanted};
use crate::warmup::presets::schedule;

mod calendar_view;
mod published;

use calendar_view::calendar_view;
use published::{counted_from, PresetTable};

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// A lane's calendar, as the page shows and offers it for download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaneCalendar {
    pub lane: String,
    /// The lane's average mail a day per engagement cohort, each one-off's
    /// send counted as a day's.
    pub requested: [u64; 4],
    /// The most mail one day wants, with the scheduled sends that day.
    pub largest_day: u64,
    /// Of `requested`, the mail of one-off sends, each sent once, and of
    /// that the part without a date, which `largest_day` counts.
    pub one_offs: (u64, u64),
    /// Of the one-off sends, the mail dated outside the calendar.
    pub outside: u64,
    /// `None` until the warm-up has a valid first day.
    pub calendar: Option<Calendar>,
    pub csv: String,
    /// The mail migrations move onto the lane or off it, in words; the
    /// calendar counts it on the days it moves.
    pub moves: Vec<String>,
    /// The name of the lane that takes the overflow, when one is chosen.
    pub spill_to: Option<String>,
}

/// The calendar of every lane with a warm-up, in lane order.
pub fn calendars(plan: &Plan) -> Vec<Rc<LaneCalendar>> {
    // Routed from the same plan, so a calendar never mixes two versions.
    let routing = route(plan);
    plan.lanes
        .iter()
        .filter_map(|lane| Some(Rc::new(lane_calendar(plan, &routing, lane)?)))
        .collect()
}

fn lane_calendar(plan: &Plan, routing: &Routing, lane: &Lane) -> Option<LaneCalendar> {
    let w = lane.warmup.as_ref()?;
    let wanted = lane_wanted(plan, routing, &lane.id);
    let calendar = calendar(w, &wanted, shown_days(w, &wanted));
    Some(LaneCalendar {
        lane: lane.id.clone(),
        requested: wanted.average(),
        largest_day: wanted.peak_for(w),
        one_offs: wanted.one_offs(),
        outside: wanted.one_offs_outside(w.calendar_days()),
        csv: calendar.as_ref().map(to_csv).unwrap_or_default(),
        calendar,
        moves: moves(plan, routing, lane),
        spill_to: (w.spill_lane.as_deref())
            .and_then(|id| plan.lane(id))
            .map(|other| other.name.clone()),
    })
}

/// Each migration onto the lane or off it: what it moves, and from when.
fn moves(plan: &Plan, routing: &Routing, lane: &Lane) -> Vec<String> {
    (lane_moves(plan, routing, &lane.id).iter())
        .map(|mv| {
            let m = mv.migration;
            let when = match m.start_date.trim() {
                "" => "once it has a first day".to_string(),
                start => format!("from {start}"),
            };
            let (name, amount) = (title(m), moved_words(&mv.moved, "a day on average"));
            if !mv.onto {
                let to = plan.lane_name(&m.to_lane);
                return format!("Migration “{name}” moves {amount} off this lane to {to} {when}: the calendar leaves out what has moved each day, as the Migrations tab's daily split has it.");
            }
            // The split and this calendar hold the lane's ramp alike.
            let holds = match m.hold_dates.is_empty() {
                true => "",
                false => " Its hold dates hold this lane's ramp too: on each the cap stays at the last sending day's, as in the split.",
            };
            format!(
                "Migration “{name}” moves {amount} onto this lane {when}, each day as much as the cap leaves after the lane's own mail, and the calendar counts it on the days it moves (off its old lane's calendar); the Migrations tab shows its daily split.{holds}"
            )
        })
        .collect()
}

#[component]
pub fn WarmupPage(props: &PageProps) -> Html {
    let calendars = use_memo(props.plan.clone(), |plan| calendars(plan));
    let plan = &props.plan;
    html! {
        <section aria-labelledby="warmup-heading" class="warmup">
            <h2 id="warmup-heading">{ "Warm-up" }</h2>
            <p class="muted">{ "Warm up each new sending domain or IP gradually, starting with the most engaged audiences. Mail a recipient's own action starts, such as a cart or a receipt, reaches someone engaged in the last 30 days. Only sending days advance a ramp; a month without sending starts it again. Each calendar is the ramp as planned, as if every day passed its health gates; the Simulation tab shows a ramp held back by complaints and bounces." }</p>
            for (index, lane) in plan.lanes.iter().enumerate() {
                // Keyed by plan too: what a card set aside belongs to its plan.
                <WarmupLane key={format!("{}/{}", plan.id, lane.id)} lane={lane.clone()}
                    others={other_lanes(plan, lane, lane.warmup.as_ref().and_then(|w| w.spill_lane.as_deref()))}
                    warmup_path={format!("$.lanes[{index}].warmup")}
                    findings={lane_findings(&props.findings.plan, index)}
                    calendar={calendars.iter().find(|c| c.lane == lane.id).cloned()}
                    on_edit={props.on_edit.clone()} />
            }
            <PresetTable />
        </section>
    }
}

/// The findings about the warm-up of the lane at `index`.
fn lane_findings(findings: &[Diagnostic], index: usize) -> Vec<Diagnostic> {
    findings_under(findings, &format!("$.lanes[{index}].warmup"))
}

#[derive(Properties, PartialEq)]
struct WarmupLaneProps {
    lane: Lane,
    /// Where findings put the lane's warm-up: `$.lanes[i].warmup`.
    warmup_path: AttrValue,
    /// The other lanes, to spill into: (id, name).
    others: Vec<(AttrValue, AttrValue)>,
    findings: Vec<Diagnostic>,
    calendar: Option<Rc<LaneCalendar>>,
    on_edit: Callback<Edit>,
}

impl WarmupLaneProps {
    /// The findings about `field` of the warm-up (`""` for the warm-up
    /// itself), or an element of it.
    fn about(&self, field: &str) -> Vec<Diagnostic> {
        let path = match field {
            "" => self.warmup_path.to_string(),
            field => format!("{}.{field}", self.warmup_path),
        };
        self.findings
            .iter()
            .filter(|d| {
                d.path
                    .strip_prefix(&path)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('['))
            })
            .cloned()
            .collect()
    }

    /// A callback that turns a field's value into an edit of the lane's
    /// warm-up, or ignores a value that makes none.
    fn edit<T: 'static>(&self, make: impl Fn(T) -> Option<WarmupField> + 'static) -> Callback<T> {
        let lane = self.lane.id.clone();
        maybe_edit(&self.on_edit, move |value: T| {
            make(value).map(|set| Edit::Warmup {
                lane: lane.clone(),
                set,
            })
        })
    }

    fn id(&self, field: &str) -> String {
        format!("f-warmup-{}-{field}", self.lane.id)
    }
}

/// One lane's card: its schedule, settings and calendar.
#[component]
fn WarmupLane(props: &WarmupLaneProps) -> Html {
    let table = use_disclosure(format!("warmup-table-{}", props.lane.id));
    // The warm-up the user set aside by choosing no warm-up, so that
    // choosing a schedule again brings back its dates and settings.
    let aside = use_state(|| None::<WarmupPlan>);
    let lane = &props.lane;
    // The warm-up's own findings, and those about its selects and sending
    // days, which have no place of their own for them.
    let general: Vec<Diagnostic> = ["", "preset", "overflow", "spill_lane", "sending_weekdays"]
        .into_iter()
        .flat_map(|field| props.about(field))
        .collect();
    let body = match &lane.warmup {
        None => {
            html! { <p class="muted">{ "No warm-up: the lane sends all its mail from the first day, without a cap. Choose a schedule if it is new or its volume is growing." }</p> }
        }
        Some(w) => html! {
            <>
                if lane.status == LaneStatus::Paused {
                    <p class="notice info" id={format!("warmup-{}-paused", lane.id)}>{ PAUSED_RAMP }</p>
                }
                if let Some(s) = schedule(w.preset) {
                    <p class="muted">{ format!("{}{} Source: {}.", s.note, counted_from(&s), s.source) }</p>
                }
                { settings(props, w) }
                { match props.calendar.as_deref() {
                    Some(lc @ LaneCalendar { calendar: Some(cal), moves, .. }) => html! {
                        <>
                            if !moves.is_empty() {
                                <div id={format!("warmup-{}-moves", lane.id)}>
                                    for line in moves.iter() { <p class="muted">{ line.clone() }</p> }
                                </div>
                            }
                            { calendar_view(lane, w, cal, lc, &table) }
                        </>
                    },
                    _ => html! { <p class="empty">{ "Set a valid first day to see the calendar." }</p> },
                } }
            </>
        },
    };
    html! {
        <article class="card" id={format!("warmup-{}", lane.id)} tabindex="-1" aria-labelledby={format!("warmup-{}-heading", lane.id)}>
            <h3 id={format!("warmup-{}-heading", lane.id)}>{ lane.name.clone() }</h3>
            { preset_select(props, &aside) }
            if !general.is_empty() {
                <FindingList findings={general} empty="" on_edit={props.on_edit.clone()} />
            }
            { body }
        </article>
    }
}

fn preset_select(props: &WarmupLaneProps, aside: &UseStateHandle<Option<WarmupPlan>>) -> Html {
    let (aside, current) = (aside.clone(), props.lane.warmup.clone());
    let others: Vec<String> = props.others.iter().map(|(id, _)| id.to_string()).collect();
    // A lane set New or Warming is not warm, whatever this select says.
    let none = match props.lane.status {
        LaneStatus::New | LaneStatus::Warming => "No warm-up",
        _ => "No warm-up (the lane is warm)",
    };
    let choices = Choices::of_optional_enum(
        ("none", none),
        &WarmupPreset::ALL,
        WarmupPreset::label,
        props.lane.warmup.as_ref().map(|w| w.preset),
        props.edit(move |preset| {
            let Some(preset) = preset else {
                aside.set(current.clone());
                return Some(WarmupField::Preset(None));
            };
            match (&current, &*aside) {
                (None, Some(kept)) => {
                    // A spill lane deleted since is not brought back.
                    let spill_lane = kept.spill_lane.clone().filter(|id| others.contains(id));
                    let plan = WarmupPlan {
                        preset,
                        spill_lane,
                        ..kept.clone()
                    };
                    Some(WarmupField::Restore(Box::new(plan)))
                }
                _ => Some(WarmupField::Preset(Some(preset))),
            }
        }),
    );
    html! {
        // In the grid, so the select is as wide as the fields below it.
        <div class="grid-3">
            <SelectField id={props.id("preset")} label="Schedule" context={props.lane.name.clone()} {choices} />
        </div>
    }
}

/// The warm-up's dates, volume, sending days and overflow, and the custom
/// ramp when chosen.
fn settings(props: &WarmupLaneProps, w: &WarmupPlan) -> Html {
    html! {
        <>
            <div class="grid-3">
                <Field id={props.id("start_date")} label="First day" kind={InputKind::Date}
                    value={w.start_date.clone()} findings={props.about("start_date")} on_fix={Some(props.on_edit.clone())}
                    on_change={props.edit(|v: String| Some(WarmupField::StartDate(v)))} />
                <NumberField id={props.id("target_volume")} label="Peak volume to reach (a day)"
                    value={w.target_volume as f64} min={WARMUP_VOLUME.lowest()} max={WARMUP_VOLUME.highest()}
                    help="Warm up to your peak, not your average." findings={props.about("target_volume")} on_fix={Some(props.on_edit.clone())}
                    on_change={props.edit(|n: f64| Some(WarmupField::TargetVolume(n as u64)))} />
                <Field id={props.id("target_date")} label="Peak date" kind={InputKind::Date}
                    value={w.target_date.clone()} help="Such as Black Friday." findings={props.about("target_date")} on_fix={Some(props.on_edit.clone())}
                    on_change={props.edit(|v: String| Some(WarmupField::TargetDate(v)))} />
                <DateListField id={props.id("skipped_dates")} label="Days without sending"
                    add_label="Add a day without sending" dates={w.skipped_dates.clone()}
                    help="They hold the ramp." findings={props.about("skipped_dates")} on_fix={Some(props.on_edit.clone())}
                    on_change={props.edit(|change: DateChange| Some(WarmupField::SkippedDate(change)))} />
                <SelectField id={props.id("overflow")} label="Mail over the day's cap"
                    choices={Choices::of_enum(&Overflow::ALL, Overflow::label, w.overflow,
                        props.edit(|o| Some(WarmupField::Overflow(o))))} />
                if w.overflow == Overflow::Spill {
                    <SelectField id={props.id("spill_lane")} label="Spill into"
                        choices={Choices::of_optional_lanes("Choose a lane", &props.others, w.spill_lane.as_deref(),
                            props.edit(|id| Some(WarmupField::SpillLane(id))))} />
                }
                <fieldset class="check-group">
                    <legend>{ "Sending days while warming" }</legend>
                    for (day, name) in (1u8..).zip(WEEKDAYS) {
                        <CheckField id={props.id(&format!("weekday-{day}"))} label={name}
                            checked={w.sending_weekdays.contains(&day)}
                            on_change={props.edit(move |on: bool| Some(WarmupField::Weekday { day, on }))} />
                    }
                    <p class="help">{ "Once the lane is warm, it sends on any day its journeys do." }</p>
                </fieldset>
                if w.preset == WarmupPreset::Custom {
                    { custom_ramp(props, &w.custom) }
                }
            </div>
            { notes(&["spill_lane", "sending_weekdays", "custom"].iter().flat_map(|f| props.about(f)).collect::<Vec<_>>(), &props.on_edit) }
        </>
    }
}

/// The custom ramp's four numbers; each change sends that number alone.
fn custom_ramp(props: &WarmupLaneProps, ramp: &CustomRamp) -> Html {
    let number = |field: &str,
                  label: &'static str,
                  value: f64,
                  range: Range,
                  set: fn(f64) -> RampField| {
        html! {
            <NumberField id={props.id(&format!("custom-{field}"))} {label} {value}
                min={range.lowest()} max={range.highest()} findings={props.about(&format!("custom.{field}"))} on_fix={Some(props.on_edit.clone())}
                on_change={props.edit(move |n: f64| Some(WarmupField::Custom(set(n))))} />
        }
    };
    html! {
        <>
            { number("start_volume", "Start volume (a day)", ramp.start_volume as f64, WARMUP_VOLUME, |n| RampField::StartVolume(n as u64)) }
            { number("growth_percent", "Growth per level (%)", f64::from(ramp.growth_percent), GROWTH_PERCENT, |n| RampField::GrowthPercent(n as u32)) }
            { number("hold_days", "Sending days per level", f64::from(ramp.hold_days), HOLD_DAYS, |n| RampField::HoldDays(n as u32)) }
            { number("cap", "Warm at (a day; 0 for none)", ramp.cap as f64, WARMUP_VOLUME, |n| RampField::Cap(n as u64)) }
        </>
    }
}
