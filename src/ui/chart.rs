//! What the charts share: lines over days, and the frame around a chart
//! with its scales, the dates that fit its width, its legend and what runs
//! off its scale.
//!
//! The charts stretch to their box (`preserveAspectRatio="none"`), which
//! would distort text inside them, so the frame sets its labels in HTML and
//! in an axis SVG without a viewBox, placed by percentages.

use chrono::{Datelike, Weekday};
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use super::resize::Observer;
use crate::units::{count, fixed};

/// An SVG path through one level per day: flat across each day's bar,
/// joined to the next day's level, and broken on a day without one (a day
/// without sending, or a cap above the chart's scale), so that no line is
/// drawn where there is nothing to show.
pub fn step_path(
    levels: impl IntoIterator<Item = Option<f64>>,
    x: impl Fn(usize) -> f64,
    bar: f64,
) -> String {
    let mut path = String::new();
    let mut joined = false;
    for (i, level) in levels.into_iter().enumerate() {
        let Some(y) = level else {
            joined = false;
            continue;
        };
        let (x0, x1) = (fixed(x(i), 1), fixed(x(i) + bar, 1));
        let to = if joined { 'L' } else { 'M' };
        path.push_str(&format!("{to}{x0},{} H{x1} ", fixed(y, 1)));
        joined = true;
    }
    path
}

/// The top of a scale that reaches `v`: rounded up to two figures with an
/// even second one, so that its half is a round number too.
pub fn nice_top(v: u64) -> u64 {
    let mut unit = 2u64;
    // Compared by division, which cannot overflow as `unit * 50` would.
    while unit <= v / 50 {
        unit = unit.saturating_mul(10);
    }
    v.max(1).div_ceil(unit).saturating_mul(unit)
}

/// What runs above the chart's scale: the cap on some sending days, and
/// mail with its backlog on others.
pub fn above_scale(caps: usize, wanted: usize) -> Option<String> {
    let days = |n: usize| count(n as u64, "day", "days");
    match (caps, wanted) {
        (0, 0) => None,
        (c, 0) => Some(format!(
            "The cap is above the scale on {}.",
            count(c as u64, "sending day", "sending days")
        )),
        (0, m) => Some(format!(
            "Mail with its deferred backlog runs above the scale on {}; the table gives each day.",
            days(m)
        )),
        (c, m) => Some(format!(
            "The cap is above the scale on {}, and mail with its deferred backlog on {}.",
            count(c as u64, "sending day", "sending days"),
            days(m)
        )),
    }
}

/// `v`'s share of `top` (capped at all of it) as a length out of `span`,
/// worked out wide so that no volume a plan can hold overflows it.
pub fn scaled(v: u64, top: u64, span: u64) -> u64 {
    let share = u128::from(v.min(top)) * u128::from(span) / u128::from(top.max(1));
    share as u64
}

/// A scale's three labels, top first: the top, its half and 0.
pub fn scale(top: f64, show: impl Fn(f64) -> String) -> [AttrValue; 3] {
    [top, top / 2.0, 0.0].map(|v| show(v).into())
}

/// A line through one point per day, at the middle of its slot, broken on
/// a day without one (no data), so that no line stands for days nothing was
/// measured on; a day alone between such days is a dash across its slot.
pub fn line_path(levels: &[Option<f64>], x: impl Fn(usize) -> f64, slot: f64) -> String {
    let mut path = String::new();
    for (i, level) in levels.iter().enumerate() {
        let Some(y) = level else { continue };
        let joined = i > 0 && levels[i - 1].is_some();
        let alone = !joined && levels.get(i + 1).is_none_or(Option::is_none);
        let (x, y) = (x(i), fixed(*y, 1));
        let step = match (joined, alone) {
            (true, _) => format!("L{},{y} ", fixed(x, 1)),
            (false, true) => {
                let (x0, x1) = (fixed(x - slot / 2.0, 1), fixed(x + slot / 2.0, 1));
                format!("M{x0},{y} H{x1} ")
            }
            (false, false) => format!("M{},{y} ", fixed(x, 1)),
        };
        path.push_str(&step);
    }
    path
}

/// A place for each day from the first item's to the last's (`items` in day
/// order, `day` their day number), holding that day's item or none, so that
/// the axis keeps time and a day without data is a gap, not a slope across
/// it; and the first day's number.
pub fn day_slots<T>(items: &[T], day: impl Fn(&T) -> i32) -> (i32, Vec<Option<&T>>) {
    let first = items.first().map_or(0, &day);
    let span = items.last().map_or(1, |d| day(d) - first + 1);
    let mut slots = vec![None; usize::try_from(span).unwrap_or(1)];
    for item in items {
        let at = usize::try_from(day(item) - first).ok();
        if let Some(slot) = at.and_then(|i| slots.get_mut(i)) {
            *slot = Some(item);
        }
    }
    (first, slots)
}

/// A labelled day on a chart's time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// The middle of the day's bar, from 0 (left) to 1 (right).
    pub at: f64,
    pub date: AttrValue,
}

/// The room a date label takes on the axis, in pixels: its ten characters
/// at the axis's 0.75rem take about 60, and a gap keeps it off the next.
pub const LABEL_PX: f64 = 72.0;

/// The axis's width before it is measured (and when rendered on a server):
/// a narrow chart's, so that labels do not overlap on any chart.
const UNMEASURED_PX: f64 = 240.0;

/// The dates to label on an axis `width` pixels wide: the first, the last
/// where it clears the first, and between them each month's first day
/// where it clears its neighbours' labels; a chart within a month or two,
/// which has at most one month's first day, labels Mondays where they
/// label more.
pub fn date_ticks<'a>(
    dates: impl ExactSizeIterator<Item = &'a str> + Clone,
    width: f64,
) -> Vec<Tick> {
    let room = LABEL_PX / width.max(1.0);
    let first_day = |d: &str| d.ends_with("-01");
    let months = ticks_where(dates.clone(), room, first_day);
    if months.len() > 2 || dates.clone().filter(|d| first_day(d)).count() > 1 {
        return months;
    }
    let mondays = ticks_where(dates, room, |d| {
        crate::units::iso_date(d).is_some_and(|d| d.weekday() == Weekday::Mon)
    });
    if mondays.len() > months.len() {
        mondays
    } else {
        months
    }
}

/// The first and last dates, and each date `labelled` picks, where each
/// label's middle is at least `room` (a label's width, as a share of the
/// axis) from the one before.
fn ticks_where<'a>(
    dates: impl ExactSizeIterator<Item = &'a str>,
    room: f64,
    labelled: impl Fn(&str) -> bool,
) -> Vec<Tick> {
    let n = dates.len();
    let at = |i: usize| (i as f64 + 0.5) / n as f64;
    // The first and last labels are held against the edges (`label_at`),
    // so their middles are at least half a label in from them.
    let end = at(n.saturating_sub(1)).min(1.0 - room / 2.0);
    let mut ticks: Vec<Tick> = Vec::new();
    let mut previous = 0.0;
    for (i, date) in dates.enumerate() {
        let middle = at(i).max(room / 2.0);
        let picked = match i {
            0 => true,
            // The last date goes where it clears the first: on an axis too
            // narrow for two labels, the first date stands alone.
            i if i + 1 == n => end - previous >= room,
            _ => labelled(date) && middle - previous >= room && end - middle >= room,
        };
        if picked {
            previous = middle;
            ticks.push(Tick {
                at: at(i),
                date: date.to_string().into(),
            });
        }
    }
    ticks
}

/// A date with its weekday, such as `2027-01-04 (Mon)`, to start a
/// readout: weekends and days off explain much of what a chart shows.
pub fn dated(date: &str) -> String {
    match crate::units::iso_date(date) {
        Some(d) => format!("{date} ({})", d.weekday()),
        None => date.to_string(),
    }
}

/// The days a chart covers, for its label: `each day from A to B`, or
/// `on A` for a single day.
pub fn days_covered(first: &str, last: &str) -> String {
    match first == last {
        true => format!("on {first}"),
        false => format!("each day from {first} to {last}"),
    }
}

/// A share of the chart's width as an SVG length.
fn percent(at: f64) -> AttrValue {
    format!("{}%", fixed(at * 100.0, 2)).into()
}

/// Where tick `i` of `0..=last` puts its label, and how it is anchored:
/// under its tick, unless that would run past an edge of the chart (`room`
/// a label's width as a share of it), where the first and last labels are
/// held against the edge instead.
fn label_at(i: usize, last: usize, at: f64, room: f64) -> (AttrValue, &'static str) {
    let half = room / 2.0;
    match i {
        0 if at < half => ("0%".into(), "start"),
        i if i == last && at > 1.0 - half => ("100%".into(), "end"),
        _ => (percent(at), "middle"),
    }
}

/// A legend of fixed series: (class, name) each.
pub fn legend(keys: &[(&'static str, &'static str)]) -> Vec<(AttrValue, AttrValue)> {
    keys.iter()
        .map(|&(class, name)| (class.into(), name.into()))
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct ChartFrameProps {
    /// The figure's id, for a page with a chart per item.
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// Classes beside `chart` on the figure.
    #[prop_or_default]
    pub class: Classes,
    /// The chart in words, shown under it.
    pub caption: AttrValue,
    /// The left scale's labels, top first.
    pub left: [AttrValue; 3],
    /// A right scale, for a line measured in other units.
    #[prop_or_default]
    pub right: Option<[AttrValue; 3]>,
    /// Each series: its class (which colours its key as it colours the
    /// series) and its name.
    pub legend: Vec<(AttrValue, AttrValue)>,
    /// What the chart leaves out, such as a cap above its scale.
    #[prop_or_default]
    pub note: Option<AttrValue>,
    /// Each day's date and its figures in words, left to right: shown for
    /// the day under the pointer, or picked with the arrow keys; the dates
    /// label the time axis too. None: no readout and no dates.
    #[prop_or_default]
    pub readout: Vec<(AttrValue, AttrValue)>,
    /// The chart's SVG.
    pub children: Html,
}

/// A chart with its legend, scales and dates around it. The labels repeat
/// what the chart's own label says, so screen readers skip them.
#[component]
pub fn ChartFrame(props: &ChartFrameProps) -> Html {
    let axis = |labels: &[AttrValue; 3], side: &'static str| {
        html! {
            <div class={classes!("y-axis", side)} aria-hidden="true">
                // A scale left blank (no revenue) draws no tick either.
                for label in labels.iter() { <span class={classes!(label.is_empty().then_some("blank"))}>{ label.clone() }</span> }
            </div>
        }
    };
    let days = props.readout.len();
    let interactive = days > 0;
    // The date picked, set on every pointer move: the same day again
    // redraws nothing. Kept by date, so an edit that moves the chart's
    // days keeps the day, or lets it go when the chart no longer has it.
    let picked = use_state_eq(|| None::<AttrValue>);
    let day = (*picked)
        .as_ref()
        .and_then(|date| props.readout.iter().position(|(d, _)| d == date));
    let date_at = {
        let readout = props.readout.clone();
        move |i: usize| readout.get(i).map(|(date, _)| date.clone())
    };
    let axis_ref = use_node_ref();
    // The axis's width, measured again whenever it changes (the window, the
    // layout, a closed section opened), so that its dates fit it.
    let width = use_state_eq(|| UNMEASURED_PX as u32);
    {
        let (width, axis_ref) = (width.clone(), axis_ref.clone());
        // The plot, and the axis in it, is drawn anew when the chart
        // becomes interactive or stops being so.
        use_effect_with(interactive, move |_| {
            let observer = watch_width(&axis_ref, move |w| width.set(w));
            move || drop(observer)
        });
    }
    let width = f64::from(*width);
    let ticks = date_ticks(props.readout.iter().map(|(d, _)| d.as_str()), width);
    let axis_dates = (ticks, LABEL_PX / width);
    let onpointermove = {
        let (picked, axis_ref, date_at) = (picked.clone(), axis_ref.clone(), date_at.clone());
        Callback::from(move |e: PointerEvent| {
            if let Some(axis) = axis_ref.cast::<web_sys::Element>() {
                let rect = axis.get_bounding_client_rect();
                let share = (f64::from(e.client_x()) - rect.left()) / rect.width().max(1.0);
                let at = (share * days as f64).floor();
                let inside = days > 0 && (0.0..days as f64).contains(&at);
                picked.set(inside.then(|| date_at(at as usize)).flatten());
            }
        })
    };
    // Reached from the keyboard, the slider reads the day it stands on at
    // once, so that the first step right is seen to reach the second day.
    // A pointer's focus is not `:focus-visible`, and the pointer picks its
    // own day.
    let onfocus = {
        let (picked, date_at) = (picked.clone(), date_at.clone());
        Callback::from(move |e: FocusEvent| {
            let target = e.target_dyn_into::<web_sys::Element>();
            let keyboard = target.is_some_and(|t| t.matches(":focus-visible").unwrap_or(false));
            if day.is_none() && keyboard {
                picked.set(date_at(0));
            }
        })
    };
    let onkeydown = {
        let picked = picked.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Before a pick the slider stands on the first day, as its
            // value says and its readout shows once it has the focus, so
            // the first step right reaches the second.
            let at = day.unwrap_or(0);
            let next = match e.key().as_str() {
                // As on any slider, up is right and down is left.
                "ArrowRight" | "ArrowUp" => (at + 1).min(days - 1),
                "ArrowLeft" | "ArrowDown" => at.saturating_sub(1),
                "PageDown" => (at + 7).min(days - 1),
                "PageUp" => at.saturating_sub(7),
                "Home" => 0,
                "End" => days - 1,
                _ => return,
            };
            e.prevent_default();
            picked.set(date_at(next));
        })
    };
    let text = day.map_or_else(|| AttrValue::from(HINT), |i| props.readout[i].1.clone());
    html! {
        <figure id={props.id.clone()} class={classes!("chart", props.class.clone())}>
            <div class="chart-head">
                <ul class="legend">
                    for (class, name) in props.legend.iter() {
                        <li><span class={classes!("key", class.clone())}></span>{ name.clone() }</li>
                    }
                </ul>
                if let Some(note) = &props.note {
                    <p class="off-scale">{ note.clone() }</p>
                }
                if interactive {
                    <p class="readout" aria-hidden="true">{ text.clone() }</p>
                }
            </div>
            if interactive {
                // A slider, so screen readers pass it the arrow keys and
                // say each day's figures as it moves; a tap picks a day,
                // and the day picked last stays when the pointer leaves.
                <div class="plot" role="slider" tabindex="0" onpointerdown={onpointermove.clone()} {onpointermove} {onkeydown} {onfocus}
                    aria-label={props.caption.clone()} aria-valuemin="1" aria-valuemax={days.to_string()}
                    aria-valuenow={(day.unwrap_or(0) + 1).to_string()} aria-valuetext={text}>
                    { plot(props, axis, &axis_ref, &axis_dates, day.map(|i| (i as f64 + 0.5) / days as f64)) }
                </div>
            } else {
                <div class="plot">{ plot(props, axis, &axis_ref, &axis_dates, None) }</div>
            }
            <figcaption>{ props.caption.clone() }</figcaption>
        </figure>
    }
}

/// What the readout says before a day is picked.
const HINT: &str = "Point at a day, or use the arrow keys, to read its figures.";

/// The plot's scales, chart and dates (with the room a label takes, as a
/// share of the axis), with a guide at the picked day.
fn plot(
    props: &ChartFrameProps,
    axis: impl Fn(&[AttrValue; 3], &'static str) -> Html,
    axis_ref: &NodeRef,
    (ticks, room): &(Vec<Tick>, f64),
    guide: Option<f64>,
) -> Html {
    let last = ticks.len().saturating_sub(1);
    html! {
        <>
                { axis(&props.left, "left") }
                { props.children.clone() }
                if let Some(at) = guide {
                    <svg class="guide-area" aria-hidden="true">
                        <line class="guide" x1={percent(at)} x2={percent(at)} y1="0" y2="100%" />
                    </svg>
                }
                if let Some(right) = &props.right {
                    { axis(right, "right") }
                }
                <svg class="x-axis" aria-hidden="true" ref={axis_ref.clone()}>
                    for (i, tick) in ticks.iter().enumerate() {
                        <line x1={percent(tick.at)} x2={percent(tick.at)} y1="0" y2="4" />
                        <text x={label_at(i, last, tick.at, *room).0} y="15" text-anchor={label_at(i, last, tick.at, *room).1}>
                            { tick.date.clone() }
                        </text>
                    }
                </svg>
        </>
    }
}

/// Calls `measured` with the element's width in whole pixels, now and each
/// time it changes, until the observer returned is dropped; a hidden
/// element, which has no width, is not measured.
fn watch_width(node: &NodeRef, measured: impl Fn(u32) + 'static) -> Option<Observer> {
    let element = node.cast::<web_sys::Element>()?;
    let target = element.clone();
    let changed = Closure::<dyn Fn()>::new(move || {
        let width = target.get_bounding_client_rect().width().round();
        if width >= 1.0 {
            measured(width as u32);
        }
    });
    Observer::new(&element, changed)
}

/// The class of a lane's colour (`Plan::lane_colour`), for its swatches,
/// columns and lines; the stylesheet defines `lane-color-N`.
pub fn lane_color(colour: u8) -> String {
    format!("lane-color-{colour}")
}
