//! One lane's run: its figures, a chart of volume, cap and reputation with
//! the fallback's trigger marked, the outcome chart, and the same numbers as
//! a table.

use std::rc::Rc;

use yew::prelude::*;

use super::comparison::{amount, hold};
use crate::simulate::{
    blended, Gate, LaneDay, LaneRun, MoveHold, PassedIn, PassedOn, Passing, Tier,
};
use crate::ui::chart::{above_scale, dated, legend, nice_top, scale, step_path, ChartFrame};
use crate::units::{apportion, count, fixed, group};

#[derive(Properties, PartialEq)]
pub(super) struct SimulatedLaneProps {
    pub(super) name: AttrValue,
    /// The lane's place in the run, for its heading's id.
    pub(super) index: usize,
    pub(super) run: Rc<LaneRun>,
    /// Every lane's id and name, to name the lanes mail is passed on to.
    pub(super) names: Rc<Vec<(String, String)>>,
    /// The figures of the mail other lanes passed in each day (`taken`).
    pub(super) taken: Rc<Taken>,
    /// The mailbox-provider mix the run used, which weighs reputation.
    pub(super) mix: [f64; 5],
    /// The lane has a warm-up, so a day without a cap is a warm day.
    pub(super) warms: bool,
    /// The warm-up's peak date, marked on the chart.
    #[prop_or_default]
    pub(super) peak: Option<AttrValue>,
    pub(super) table_open: bool,
    pub(super) on_table: Callback<(String, bool)>,
}

/// A lane's figures, charts and table.
#[component]
pub(super) fn SimulatedLane(props: &SimulatedLaneProps) -> Html {
    let (run, index, name) = (&*props.run, props.index, props.name.as_str());
    let ontoggle = {
        let (on_table, lane) = (props.on_table.clone(), run.lane_id.clone());
        Callback::from(move |e: Event| {
            if let Some(details) = e.target_dyn_into::<web_sys::Element>() {
                on_table.emit((lane.clone(), details.has_attribute("open")));
            }
        })
    };
    let reputation = |d: &LaneDay| blended(&props.mix, &d.reputation);
    let (names, taken) = (Names(&props.names), props.taken.as_slice());
    html! {
        <article class="card" id={format!("simulation-{}", run.lane_id)} tabindex="-1" aria-labelledby={format!("sim-{index}-heading")}>
            <h3 id={format!("sim-{index}-heading")}>{ name.to_string() }</h3>
            <dl class="figures">
                for (term, value) in figures(run, &reputation, names).iter() {
                    <div><dt>{ *term }</dt><dd>{ value.clone() }</dd></div>
                }
                if props.warms {
                    <div><dt>{ "Ramp held" }</dt><dd>{ held(run) }</dd></div>
                }
            </dl>
            { chart(name, run, (props.warms, props.peak.as_deref()), &reputation, (names, taken)) }
            { outcome_chart(name, run) }
            <details open={props.table_open} {ontoggle}>
                <summary>{ format!("Simulation for {name} as a table") }</summary>
                // A narrow window scrolls the table, not the page, and its
                // notes keep a readable width.
                <div class="table-scroll" tabindex="0" role="region" aria-label={format!("Simulation for {name}, day by day")}>
                    { day_table(run, props.warms, &reputation, (names, taken)) }
                </div>
            </details>
        </article>
    }
}

/// A reputation to two places, cut rather than rounded, so that a score
/// just under a tier's bound (0.598, Low) never reads as the bound (0.60,
/// which is Medium).
fn score(reputation: f64) -> String {
    fixed((reputation * 100.0).floor() / 100.0, 2)
}

/// The lane's headline figures over the run, as (term, value).
fn figures(
    run: &LaneRun,
    reputation: &dyn Fn(&LaneDay) -> f64,
    names: Names,
) -> [(&'static str, String); 7] {
    let delivered = run.total(|d| d.delivered);
    let inbox = if delivered > 0.0 {
        format!("{}%", fixed(run.total(|d| d.inbox) / delivered * 100.0, 1))
    } else {
        "–".into()
    };
    let end = run.days.last().map_or("–".into(), |d| {
        let r = reputation(d);
        format!("{} ({})", score(r), Tier::of(r).label())
    });
    // Mail the run did not send: let go, and still deferred at its end.
    let lost = run.total(|d| d.lost).round() as u64;
    let waiting = run.days.last().map_or(0, |d| d.waiting.round() as u64);
    let unsent = match (lost, waiting) {
        (0, 0) => "none".to_string(),
        (lost, 0) => format!("{} lost", group(lost)),
        (0, waiting) => format!("{} still waiting at the end", group(waiting)),
        (lost, waiting) => format!(
            "{} lost, {} still waiting at the end",
            group(lost),
            group(waiting)
        ),
    };
    [
        ("Revenue", amount(run.total(|d| d.revenue), true)),
        ("Inbox placement", inbox),
        ("Reputation at the end", end),
        ("Mail not sent", unsent),
        ("Mail sent late", sent_late(run)),
        ("Mail passed on", passed_total(run, names)),
        ("Fallback", fired(run)),
    ]
}

/// The days a health gate held the warm-up's ramp, with the gate that held
/// it most and how far the day's figure went past it: a ramp held all run
/// explains mail still waiting at its end.
fn held(run: &LaneRun) -> String {
    match hold(run) {
        Some((days, why)) => format!("{days}: {why}"),
        None => "never".into(),
    }
}

/// Lanes' names by id; a lane the plan lacks is named by its id.
#[derive(Clone, Copy)]
struct Names<'a>(&'a [(String, String)]);

impl Names<'_> {
    fn of<'n>(&'n self, id: &'n str) -> &'n str {
        (self.0.iter())
            .find(|(lane, _)| lane == id)
            .map_or(id, |(_, name)| name.as_str())
    }
}

/// Mail handed on to other lanes over the run, lane by lane: it leaves
/// this lane's figures, and the lanes that took it send it.
fn passed_total(run: &LaneRun, names: Names) -> String {
    let mut to: Vec<(&str, f64)> = Vec::new();
    for p in run.days.iter().flat_map(|d| &d.passed_on) {
        match to.iter_mut().find(|(id, _)| *id == p.lane_id) {
            Some(entry) => entry.1 += p.volume,
            None => to.push((&p.lane_id, p.volume)),
        }
    }
    let parts: Vec<String> = to
        .iter()
        .filter(|(_, volume)| volume.round() > 0.0)
        .map(|(id, volume)| format!("{} to {}", group(volume.round() as u64), names.of(id)))
        .collect();
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(", ")
    }
}

/// A day's figures as the table shows them, rounded so that they add up:
/// wanted is accepted, waiting, lost and passed on (each part to a lane).
pub(super) struct Shown {
    pub(super) wanted: u64,
    pub(super) deferred: u64,
    pub(super) accepted: u64,
    pub(super) waiting: u64,
    pub(super) lost: u64,
    pub(super) passed: Vec<u64>,
}

impl Shown {
    /// The day rounded by the largest remainders, so its row balances.
    pub(super) fn of(d: &LaneDay) -> Shown {
        let mut parts = vec![d.accepted, d.waiting, d.lost];
        parts.extend(d.passed_on.iter().map(|p| p.volume));
        let whole = apportion(&parts);
        Shown {
            wanted: whole.iter().sum(),
            deferred: d.deferred.round() as u64,
            accepted: whole[0],
            waiting: whole[1],
            lost: whole[2],
            passed: whole[3..].to_vec(),
        }
    }
}

/// Deferred mail that went out on a later day, and the most days any of
/// it waited: mail sent late is sent, but not on time.
fn sent_late(run: &LaneRun) -> String {
    let late = run.total(|d| d.sent_late).round() as u64;
    let days = run.days.iter().map(|d| d.days_late).max().unwrap_or(0);
    match (late, days) {
        (0, _) => "none".to_string(),
        (late, 1) => format!("{}, up to a day late", count(late, "message", "messages")),
        (late, days) => format!(
            "{}, up to {days} days late",
            count(late, "message", "messages")
        ),
    }
}

/// For each day of a lane's run, the figure of each part other lanes
/// passed in (`LaneDay::passed_in`) as the row that passed it on rounds it.
pub(super) type Taken = Vec<Vec<u64>>;

/// The `Taken` of `run` among `lanes`, so both lanes' tables give the same
/// figure.
pub(super) fn taken(lanes: &[LaneRun], run: &LaneRun) -> Taken {
    let shown = |p: &PassedIn| {
        let from = lanes.iter().find(|l| l.lane_id == p.lane_id)?;
        let at = (from.days).binary_search_by(|d| d.date.as_str().cmp(&p.on));
        let d = &from.days[at.ok()?];
        let to = |o: &PassedOn| o.lane_id == run.lane_id && o.why == p.why;
        Some(Shown::of(d).passed[d.passed_on.iter().position(to)?])
    };
    // Mail passed on before the run's first day has no row to match.
    let figure = |p: &PassedIn| shown(p).unwrap_or(p.volume.round() as u64);
    let day = |d: &LaneDay| d.passed_in.iter().map(figure).collect();
    run.days.iter().map(day).collect()
}

/// A day's mail wanted, with the parts deferred from earlier days, as the
/// warm-up calendar gives it, and passed in by other lanes, each named as
/// its lane's Passed on names it, so that the day's own mail can be read:
/// "30,000 (2,000 deferred, 4,000 spilled from Promotional)".
fn wanted(d: &LaneDay, shown: &Shown, taken: &[u64], names: Names) -> String {
    let deferred = (shown.deferred > 0).then(|| format!("{} deferred", group(shown.deferred)));
    let from = (d.passed_in.iter().zip(taken))
        .filter(|(_, n)| **n > 0)
        .map(|(p, n)| {
            let part = handed(*n, p.why, "from", names.of(&p.lane_id));
            // Mail passed on after this lane's turn joins its next day.
            match p.on == d.date {
                true => part,
                false => format!("{part} the day before"),
            }
        });
    let parts: Vec<String> = deferred.into_iter().chain(from).collect();
    match parts.is_empty() {
        true => group(shown.wanted),
        false => format!("{} ({})", group(shown.wanted), parts.join(", ")),
    }
}

/// Mail passed between this lane and another, how it went and which way:
/// "26,950 spilled to Promotional B", "4,000 shifted from Promotional".
fn handed(n: u64, why: Passing, way: &str, lane: &str) -> String {
    format!("{} {} {way} {lane}", group(n), why.label())
}

/// Mail passed on to other lanes, each part with how it went and where:
/// "26,950 spilled to Promotional B".
fn passed_on(on: &[PassedOn], shown: &[u64], names: Names) -> String {
    let parts: Vec<String> = (on.iter().zip(shown))
        .filter(|(_, n)| **n > 0)
        .map(|(p, n)| handed(*n, p.why, "to", names.of(&p.lane_id)))
        .collect();
    match parts.is_empty() {
        true => group(0),
        false => parts.join("; "),
    }
}

/// The run day by day; `warms` says a day without a cap is a warm day.
fn day_table(
    run: &LaneRun,
    warms: bool,
    reputation: &dyn Fn(&LaneDay) -> f64,
    (names, taken): (Names, &[Vec<u64>]),
) -> Html {
    html! {
        <table class="data">
            <thead><tr>
                <th scope="col">{ "Date" }</th><th scope="col" class="num">{ "Wanted" }</th><th scope="col" class="num">{ "Cap" }</th>
                <th scope="col" class="num">{ "Accepted" }</th><th scope="col" class="num">{ "Waiting" }</th><th scope="col" class="num">{ "Lost" }</th>
                <th scope="col" class="num">{ "Passed on" }</th><th scope="col" class="num">{ "Complaints" }</th><th scope="col" class="num">{ "Bounces" }</th>
                <th scope="col" class="num">{ "Reputation" }</th><th scope="col" class="num">{ "Inbox" }</th><th scope="col" class="num">{ "Revenue" }</th><th scope="col">{ "Note" }</th>
            </tr></thead>
            <tbody>
                for (d, shown, taken) in run.days.iter().zip(taken).map(|(d, t)| (d, Shown::of(d), t)) {
                    <tr class={classes!((!d.sending).then_some("idle"))}>
                        <td class="date">{ d.date.clone() }</td>
                        <td class="num">{ wanted(d, &shown, taken, names) }</td>
                        <td class="num">{ cap(d, warms) }</td>
                        <td class="num">{ group(shown.accepted) }</td>
                        <td class="num">{ group(shown.waiting) }</td>
                        <td class="num">{ group(shown.lost) }</td>
                        <td class="num">{ passed_on(&d.passed_on, &shown.passed, names) }</td>
                        <td class="num">{ format!("{}%", fixed(d.complaint_rate * 100.0, 3)) }</td>
                        <td class="num">{ format!("{}%", fixed(d.bounce_rate * 100.0, 2)) }</td>
                        <td class="num">{ score(reputation(d)) }</td>
                        <td class="num">{ group(d.inbox.round() as u64) }</td>
                        <td class="num">{ amount(d.revenue, true) }</td>
                        <td class="prose">{ note(d) }</td>
                    </tr>
                }
            </tbody>
        </table>
    }
}

/// A day's cap in words: its figure, or why it has none.
fn cap(d: &LaneDay, warms: bool) -> String {
    match d.cap {
        Some(c) => group(c as u64),
        None if !d.sending => "not sending".into(),
        None if warms => "warm".into(),
        None => "no cap".into(),
    }
}

/// What else happened on a day: the fallback and the mail it holds back,
/// Gmail's refusal, a held ramp, a move's split held by a hold date or
/// by imported delivery data, and, on a day without sending, that
/// the mail its journeys wanted went unsent (the Lost column).
fn note(d: &LaneDay) -> String {
    let held = d.held_by.filter(|_| d.cap.is_some());
    // Mail the fallback holds back is lost whether the lane sends.
    let idle = (!d.sending && d.lost > d.withheld)
        .then(|| "No sending today: the mail wanted today is lost".to_string());
    let withheld = (d.withheld.round() > 0.0).then(|| {
        let mail = count(d.withheld.round() as u64, "message", "messages");
        format!("The fallback holds back {mail}: lost")
    });
    let parts: Vec<String> = [
        idle,
        withheld,
        d.triggered
            .map(|t| format!("Fallback fires: {}", t.label())),
        d.gmail_ineligible
            .then(|| "Gmail: no mitigation".to_string()),
        held.map(|g| match g {
            // The Complaints column is the day's own mail's; the gate read
            // the complaints that arrived today.
            Gate::Complaints => format!(
                "Ramp holds: {} ({}%)",
                g.label(),
                fixed(d.known_complaint_rate * 100.0, 3)
            ),
            _ => format!("Ramp holds: {}", g.label()),
        }),
        d.move_held.as_ref().map(|h| match h {
            MoveHold::HoldDate if d.imported_failed => "Hold date: the split stays as it was; \
                 Health gate failed: the ramp holds the next sending day"
                .to_string(),
            MoveHold::HoldDate => "Hold date: the split stays as it was".to_string(),
            MoveHold::Imported(on) => {
                format!("Held: imported delivery data failed its gates on {on}")
            }
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join("; ")
}

/// A day of the volume chart in words, for its readout.
fn volume_words(
    (d, taken): (&LaneDay, &[u64]),
    (warms, peak): (bool, bool),
    reputation: f64,
    names: Names,
) -> AttrValue {
    let shown = Shown::of(d);
    let passed = match shown.passed.iter().sum::<u64>() {
        0 => String::new(),
        _ => format!(
            ", {} passed on",
            passed_on(&d.passed_on, &shown.passed, names)
        ),
    };
    let mut words = format!(
        "{}: {} wanted, {}, {} accepted, {} waiting, {} lost{passed}; reputation {}",
        dated(&d.date),
        wanted(d, &shown, taken, names),
        match d.cap {
            Some(c) => format!("cap {}", group(c as u64)),
            None => cap(d, warms),
        },
        group(shown.accepted),
        group(shown.waiting),
        group(shown.lost),
        score(reputation)
    );
    let note = note(d);
    if !note.is_empty() {
        words.push_str(&format!("; {note}"));
    }
    if peak {
        words.push_str("; the peak date");
    }
    words.push('.');
    words.into()
}

/// A day of the outcome chart in words, for its readout.
fn outcome_words(d: &LaneDay, earns: bool) -> AttrValue {
    let inbox = if d.delivered > 0.0 {
        format!(
            "{}% of delivered mail in the inbox",
            fixed(d.inbox / d.delivered * 100.0, 1)
        )
    } else {
        "nothing delivered".to_string()
    };
    let revenue = if earns {
        format!(", revenue {}", amount(d.revenue, true))
    } else {
        String::new()
    };
    format!("{}: {inbox}{revenue}.", dated(&d.date)).into()
}

/// When the fallback fired, and why.
fn fired(run: &LaneRun) -> String {
    let why = run.days.iter().find_map(|d| d.triggered);
    match (&run.fallback_on, why) {
        (Some(d), Some(why)) => format!("fired on {d}: {}", why.label()),
        (Some(d), None) => format!("fired on {d}"),
        (None, _) => "did not fire".into(),
    }
}

/// Wanted (light) and accepted (dark) mail as bars, the cap and the
/// reputation as lines, the fallback's trigger as a marker.
/// `warm` says whether the lane warms up, and on what peak date.
fn chart(
    name: &str,
    run: &LaneRun,
    warm: (bool, Option<&str>),
    reputation: &dyn Fn(&LaneDay) -> f64,
    (names, taken): (Names, &[Vec<u64>]),
) -> Html {
    let (warms, peak_date) = warm;
    let peak = |d: &LaneDay| Some(d.date.as_str()) == peak_date;
    let (w, h) = (600.0f64, 160.0f64);
    let n = run.days.len().max(1) as f64;
    // The scale follows the day's own mail, as the warm-up chart's does,
    // not a backlog that can grow without bound and flatten the rest.
    let own = |d: &LaneDay| d.requested - d.deferred;
    let wanted = run.days.iter().map(own).fold(1.0f64, f64::max) * 1.1;
    let top = nice_top(wanted.ceil() as u64) as f64;
    let x = |i: usize| i as f64 * w / n;
    let y = |v: f64| h - v.min(top) / top * h;
    let bar = (w / n).max(1.0);
    // A cap above the scale is left out rather than drawn along the top.
    let levels = run.days.iter().map(|d| d.cap.filter(|c| *c <= top).map(y));
    let cap = step_path(levels, x, bar);
    let mut rep = String::new();
    for (i, d) in run.days.iter().enumerate() {
        rep.push_str(&format!(
            "{},{} ",
            fixed(x(i) + bar / 2.0, 1),
            fixed(h - reputation(d) * h, 1)
        ));
    }
    // A lane with no warm-up, or one warm from the start, has no cap to draw.
    let capped = run.days.iter().any(|d| d.cap.is_some());
    let caption = format!(
        "{name}: mail wanted and accepted each day{}, and reputation from 0 to 1 on the same height; the volume scale reaches {} a day.",
        if capped { " with the warm-up cap" } else { "" },
        group(top as u64)
    );
    let above = run
        .days
        .iter()
        .filter(|d| d.cap.is_some_and(|c| c > top))
        .count();
    let over = run.days.iter().filter(|d| d.requested > top).count();
    let note = above_scale(above, over);
    let label = match &note {
        Some(note) => format!("{caption} {note}"),
        None => caption.clone(),
    };
    let mut keys = vec![("wanted", "Wanted"), ("sent", "Accepted")];
    if run.days.iter().any(|d| d.cap.is_some()) {
        keys.push(("cap", "Daily cap"));
    }
    keys.push(("reputation", "Reputation (right scale)"));
    if run.fallback_on.is_some() {
        keys.push(("marker", "Fallback fires"));
    }
    if run.days.iter().any(peak) {
        keys.push(("marker peak", "Peak date"));
    }
    html! {
        <ChartFrame {caption} left={scale(top, |v| group(v as u64))} right={scale(1.0, |v| fixed(v, 1))}
            legend={legend(&keys)} note={note.map(AttrValue::from)}
            readout={run.days.iter().zip(taken).map(|(d, t)| (AttrValue::from(d.date.clone()), volume_words((d, t), (warms, peak(d)), reputation(d), names))).collect::<Vec<_>>()}>
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={label} preserveAspectRatio="none">
                for (i, d) in run.days.iter().enumerate() {
                    if d.requested > 0.0 {
                        <rect class="wanted" x={fixed(x(i), 1)} y={fixed(y(d.requested), 1)} width={fixed(bar, 1)} height={fixed(h - y(d.requested), 1)} />
                    }
                    if d.accepted > 0.0 {
                        <rect class="sent" x={fixed(x(i), 1)} y={fixed(y(d.accepted), 1)} width={fixed(bar, 1)} height={fixed(h - y(d.accepted), 1)} />
                    }
                    if d.triggered.is_some() {
                        <line class="marker" x1={fixed(x(i), 1)} x2={fixed(x(i), 1)} y1="0" y2={fixed(h, 1)}>
                            <title>{ format!("Fallback fires on {}", d.date) }</title>
                        </line>
                    }
                    if peak(d) {
                        <line class="marker peak" x1={fixed(x(i), 1)} x2={fixed(x(i), 1)} y1="0" y2={fixed(h, 1)}>
                            <title>{ format!("Peak on {}", d.date) }</title>
                        </line>
                    }
                }
                // Light halos keep the lines visible over the dark bars.
                <path class="halo" d={cap.clone()} />
                <path class="cap" d={cap} />
                <polyline class="halo" points={rep.clone()} />
                <polyline class="reputation" points={rep} />
            </svg>
        </ChartFrame>
    }
}

/// Inbox placement (a line, 0–100%) and revenue (bars) per day.
fn outcome_chart(name: &str, run: &LaneRun) -> Html {
    let (w, h) = (600.0f64, 100.0f64);
    let n = run.days.len().max(1) as f64;
    let most = run.days.iter().map(|d| d.revenue).fold(1.0f64, f64::max) * 1.1;
    let top = nice_top(most.ceil() as u64) as f64;
    let x = |i: usize| i as f64 * w / n;
    // Revenue past what the scale can hold (an imported plan's figures are
    // untrusted) stops at its top rather than running over the page.
    let height = |revenue: f64| {
        let share = revenue / top;
        if share.is_finite() {
            share.min(1.0) * h
        } else {
            h
        }
    };
    let bar = (w / n).max(1.0);
    let mut inbox = String::new();
    for (i, d) in run.days.iter().enumerate() {
        if d.delivered > 0.0 {
            let share = d.inbox / d.delivered;
            inbox.push_str(&format!(
                "{},{} ",
                fixed(x(i) + bar / 2.0, 1),
                fixed(h - share * h, 1)
            ));
        }
    }
    // A lane whose mail earns nothing (receipts) gets no revenue scale.
    let earns = run.days.iter().any(|d| d.revenue > 0.0);
    let caption = if earns {
        format!(
            "{name}: revenue each day as bars, up to {} a day, and the share of delivered mail in the inbox as a line from 0 to 100%.",
            amount(top, true)
        )
    } else if run.days.iter().all(|d| d.delivered <= 0.0) {
        // A paused lane, or one no journey routes to: its journeys may
        // carry revenue, but none of it is sent here.
        format!("{name}: delivers nothing in this run, so no revenue and no inbox share.")
    } else {
        format!("{name}: no revenue, as its journeys carry none; the share of delivered mail in the inbox as a line from 0 to 100%.")
    };
    let left = if earns {
        scale(top, |v| amount(v, true))
    } else {
        [
            AttrValue::default(),
            AttrValue::default(),
            amount(0.0, true).into(),
        ]
    };
    let series: &[(&str, &str)] = if earns {
        &[
            ("revenue", "Revenue"),
            ("inbox", "Inbox placement (right scale)"),
        ]
    } else {
        &[("inbox", "Inbox placement (right scale)")]
    };
    html! {
        <ChartFrame class="outcome" caption={caption.clone()} {left}
            right={scale(100.0, |v| format!("{}%", fixed(v, 0)))}
            legend={legend(series)}
            readout={run.days.iter().map(|d| (AttrValue::from(d.date.clone()), outcome_words(d, earns))).collect::<Vec<_>>()}>
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={caption} preserveAspectRatio="none">
                for (i, d) in run.days.iter().enumerate() {
                    if d.revenue > 0.0 {
                        <rect class="revenue" x={fixed(x(i), 1)} y={fixed(h - height(d.revenue), 1)} width={fixed(bar, 1)} height={fixed(height(d.revenue), 1)} />
                    }
                }
                <polyline class="halo" points={inbox.clone()} />
                <polyline class="inbox" points={inbox} />
            </svg>
        </ChartFrame>
    }
}

#[cfg(test)]
mod tests {
    use super::score;
    use crate::simulate::Tier;

    #[test]
    fn a_score_never_reads_as_the_bound_of_a_tier_it_is_below() {
        // (reputation, shown, tier)
        let cases = [
            (0.598, "0.59", "Low"),
            (0.6, "0.60", "Medium"),
            (0.8049, "0.80", "High"),
            (0.3499, "0.34", "Bad"),
        ];
        for (r, shown, tier) in cases {
            assert_eq!(
                (score(r).as_str(), Tier::of(r).label()),
                (shown, tier),
                "{r}"
            );
        }
    }
}
