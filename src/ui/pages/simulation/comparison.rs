//! "This plan" against "everything on one lane": the totals side by side,
//! rounded as they are shown.

use yew::prelude::*;

use crate::simulate::{Gate, LaneDay, LaneRun, MoveHold, Run};
use crate::units::{count, fixed, group};

/// This plan against the same journeys on one lane, warm when `warm`;
/// `names` gives each lane's name by id, and `paused` names the paused
/// lanes whose mail goes unsent in this plan's run.
pub(super) fn comparison(
    (ours, shared): (&Run, &Run),
    days: u32,
    warm: bool,
    names: &[(String, String)],
    promotions: bool,
    paused: &[String],
) -> Html {
    let inbox_rate = |r: &Run| {
        let delivered = r.total(|d| d.delivered);
        if delivered > 0.0 {
            r.total(|d| d.inbox) / delivered
        } else {
            0.0
        }
    };
    let row = |name: &'static str, pick: fn(&LaneDay) -> f64, money: bool| {
        (name, ours.total(pick), shared.total(pick), money)
    };
    let rows = [
        row("Revenue", |d| d.revenue, true),
        row(
            "Revenue from cart, checkout and post-purchase",
            |d| d.revenue_flows,
            true,
        ),
        row("Messages delivered", |d| d.delivered, false),
        row("Messages in the inbox", |d| d.inbox, false),
    ];
    html! {
        <article class="card" id="simulation-comparison" aria-labelledby="sim-compare-heading">
            <h3 id="sim-compare-heading">{ format!("This plan against everything on one lane, over {days} days") }</h3>
            <table class="data">
                <thead><tr><th scope="col">{ "" }</th><th scope="col" class="num">{ "This plan" }</th><th scope="col" class="num">{ "One lane" }</th><th scope="col" class="num">{ "Difference" }</th></tr></thead>
                <tbody>
                    for (name, a, b, money) in rows.iter() {
                        <tr>
                            <th scope="row">{ *name }</th>
                            <td class="num">{ amount(*a, *money) }</td>
                            <td class="num">{ amount(*b, *money) }</td>
                            <td class="num">{ signed(shown(*a) - shown(*b), *money) }</td>
                        </tr>
                    }
                    <tr>
                        <th scope="row">{ "Inbox placement" }</th>
                        <td class="num">{ percent(tenths(inbox_rate(ours))) }</td>
                        <td class="num">{ percent(tenths(inbox_rate(shared))) }</td>
                        <td class="num">{ points(tenths(inbox_rate(ours)) - tenths(inbox_rate(shared))) }</td>
                    </tr>
                </tbody>
            </table>
            <p class="muted" id="simulation-one-lane">
                if warm {
                    { "One lane: the plan's default lane takes every journey, with the mail the plan's lanes want each day as its migrations and peaks leave it, warm and without a warm-up cap; lanes pay when promotions would otherwise drag the revenue flows down." }
                } else {
                    { "One lane: the plan's default lane takes every journey, with the mail the plan's lanes want each day as its migrations and peaks leave it, new and on its warm-up as the plan has it, since none of the plan's lanes is warm yet and one new lane would have to warm up too; lanes pay when promotions would otherwise drag the revenue flows down." }
                }
            </p>
            if let Some(words) = held_back(ours, shared, names) {
                <p class="muted" id="simulation-held-back">{ words }</p>
            }
            if !paused.is_empty() {
                <p class="muted" id="simulation-paused">{ paused_words(paused) }</p>
            }
            else if tenths(inbox_rate(ours)) == tenths(inbox_rate(shared)) && shown(ours.total(|d| d.revenue)) <= shown(shared.total(|d| d.revenue)) {
                <p class="muted" id="simulation-no-gain">{ no_gain_words(promotions) }</p>
            }
        </article>
    }
}

/// What paused lanes cost this plan against one lane, which sends their
/// journeys' mail.
fn paused_words(paused: &[String]) -> String {
    let (verb, their) = match paused.len() {
        1 => ("is", "its"),
        _ => ("are", "their"),
    };
    format!(
        "{} {verb} paused, so {their} mail goes unsent in this plan, where one lane would send it: the comparison counts that against the split.",
        crate::units::and_list(paused)
    )
}

/// Why the split gains nothing here, and what to change to see it pay:
/// with no promotions in the run, more of them or their complaints would
/// change nothing.
fn no_gain_words(promotions: bool) -> &'static str {
    if promotions {
        "Here the promotions do not pull any lane below the top placement tier, so both place mail alike and the split costs only what its warm-up holds back. Raise the promotional volume or the complaint rates above to see when separate lanes pay."
    } else {
        "Here the run has no promotions (the plan has none, or the promotions audience above leaves them all out), so both place mail alike and the split costs only what its warm-up holds back. Let promotions mail a broader audience to see when separate lanes pay."
    }
}

/// Why this plan delivers less than one lane, when a ramp its health
/// gates held left the most mail unsent: the lane, its held days and the
/// mail still waiting. A split that loses to one lane otherwise reads as
/// a verdict against lanes, where the cause is one lane's audience.
fn held_back(ours: &Run, shared: &Run, names: &[(String, String)]) -> Option<String> {
    if shown(ours.total(|d| d.delivered)) >= shown(shared.total(|d| d.delivered)) {
        return None;
    }
    let unsent = |run: &LaneRun| {
        let waiting = run.days.last().map_or(0.0, |d| d.waiting);
        (run.total(|d| d.lost) + waiting).round()
    };
    let lane = (ours.lanes.iter())
        .filter(|run| unsent(run) > 0.0 && hold(run).is_some())
        .max_by(|a, b| unsent(a).total_cmp(&unsent(b)))?;
    let (days, why) = hold(lane)?;
    let name = (names.iter())
        .find(|(id, _)| *id == lane.lane_id)
        .map_or(lane.lane_id.as_str(), |(_, name)| name.as_str());
    let one_lane = match shared.lanes.iter().find_map(hold) {
        Some((days, _)) => format!("the gates hold its ramp {days}"),
        None => "no gate holds its ramp".into(),
    };
    Some(format!(
        "Here this plan delivers fewer messages than one lane: the health gates held {name}'s ramp {days} ({why}), and {} of its messages were lost or still wait at the end. On one lane the same mail mixes with the other journeys' mail, and {one_lane}. Narrow whom {name} mails to see the split pay.",
        group(unsent(lane) as u64)
    ))
}

/// The days the ramp was held, as "320 days", and why: the gate that held
/// it most and its worst figure, or the imported delivery data that
/// failed the gates; `None` for a ramp never held.
pub(super) fn hold(run: &LaneRun) -> Option<(String, String)> {
    let capped = || run.days.iter().filter(|d| d.cap.is_some());
    let imported: Vec<&str> = capped()
        .filter_map(|d| match &d.move_held {
            Some(MoveHold::Imported(on)) => Some(on.as_str()),
            _ => None,
        })
        .collect();
    let days = capped()
        .filter(|d| d.held_by.is_some() || matches!(d.move_held, Some(MoveHold::Imported(_))))
        .count();
    let why = match (gate_hold(run), imported.as_slice()) {
        (None, []) => return None,
        (Some(why), []) => why,
        (None, [on]) => format!("imported delivery data failed its gates on {on}"),
        (None, more) => format!(
            "imported delivery data failed its gates on {} days",
            more.len()
        ),
        (Some(why), more) => format!(
            "{why}; imported delivery data on {}",
            count(more.len() as u64, "day", "days")
        ),
    };
    Some((count(days as u64, "day", "days"), why))
}

/// The gate that held the ramp most, with its worst figure, as
/// "Complaints, up to 0.45%"; `None` when no gate of the run held it.
fn gate_hold(run: &LaneRun) -> Option<String> {
    let days: Vec<&LaneDay> = (run.days.iter())
        .filter(|d| d.cap.is_some() && d.held_by.is_some())
        .collect();
    let on = |gate: Gate| days.iter().filter(|d| d.held_by == Some(gate)).count();
    let most = [Gate::Delivered, Gate::Complaints, Gate::Bounces]
        .into_iter()
        .max_by_key(|&gate| on(gate));
    let gate = most.filter(|_| !days.is_empty())?;
    let held = days.iter().filter(|d| d.held_by == Some(gate));
    let worst = match gate {
        Gate::Delivered => held
            .map(|d| d.delivered / d.accepted.max(1.0))
            .fold(1.0, f64::min),
        // The gate reads the complaints that arrived today, of mail sent
        // days before, not the day's own.
        Gate::Complaints => held.map(|d| d.known_complaint_rate).fold(0.0, f64::max),
        Gate::Bounces => held.map(|d| d.bounce_rate).fold(0.0, f64::max),
    };
    let bound = if gate == Gate::Delivered {
        "down to"
    } else {
        "up to"
    };
    Some(format!(
        "{}, {bound} {}%",
        gate.label(),
        fixed(worst * 100.0, 2)
    ))
}

pub(super) fn amount(value: f64, money: bool) -> String {
    if money {
        crate::units::money(value.max(0.0))
    } else {
        group(shown(value) as u64)
    }
}

/// A count or amount as `amount` shows it: whole and not below 0. A
/// difference is taken between these, so it matches the figures beside it.
fn shown(value: f64) -> f64 {
    value.max(0.0).round()
}

/// A share as shown, in tenths of a percent.
fn tenths(share: f64) -> i64 {
    (share * 1000.0).round() as i64
}

/// A share in tenths of a percent, as a percentage.
fn percent(tenths: i64) -> String {
    format!("{}%", fixed(tenths as f64 / 10.0, 1))
}

/// A difference in tenths of a percentage point, signed as the other
/// differences are.
fn points(tenths: i64) -> String {
    format!(
        "{}{} points",
        sign(tenths as f64),
        fixed(tenths.abs() as f64 / 10.0, 1)
    )
}

fn signed(value: f64, money: bool) -> String {
    format!("{}{}", sign(value), amount(value.abs(), money))
}

/// The sign of a difference; none for no difference.
fn sign(value: f64) -> &'static str {
    if value < 0.0 {
        "−"
    } else if value > 0.0 {
        "+"
    } else {
        ""
    }
}
