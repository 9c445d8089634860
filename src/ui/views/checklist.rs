//! The checklist page: progress per lane, the setup steps and the
//! implementation checklist with status, owner, due date and notes, the
//! end-to-end QA checks, seed-list results and monitoring thresholds.

use std::rc::Rc;

use yew::prelude::*;

use super::fields::FindingList;
use crate::diagnostic::Diagnostic;
use crate::plan::model::{ItemStatus, Placement, Thresholds};
use crate::review::checklist::{ChecklistReport, Progress, Row, SeedLane};

#[derive(Properties, PartialEq)]
pub struct ChecklistPageProps {
    pub report: Rc<ChecklistReport>,
    /// Findings about checklist dates, seed results and thresholds.
    pub findings: Vec<Diagnostic>,
}

#[component]
pub fn ChecklistPage(props: &ChecklistPageProps) -> Html {
    let report = &props.report;
    html! {
        <section aria-labelledby="checklist-heading" class="checklist">
            <h2 id="checklist-heading" tabindex="-1">{ "Checklist" }</h2>
            <p class="muted">{ "Treat the split as a deliverability and revenue-protection project, not a settings change. Statuses marked “from the plan” follow the plan itself; the rest are yours to set. Due dates count back from each lane's warm-up start unless you set one." }</p>
            { progress_list(&report.overall, &report.progress) }
            <h3 id="steps-heading">{ "Setup steps" }</h3>
            { rows_table("steps", &report.steps) }
            <h3 id="implementation-heading">{ "Implementation checklist" }</h3>
            { rows_table("implementation", &report.implementation) }
            <h3 id="qa">{ "End-to-end QA" }</h3>
            <p class="muted">{ "Step 7: send each lane's mail to yourself and confirm each of these." }</p>
            <div class="qa-lanes">
                for lane in report.lanes.iter() {
                    <fieldset class="qa-lane">
                        <legend>{ lane.name.clone() }</legend>
                        for row in lane.qa.iter() { { qa_check(row) } }
                    </fieldset>
                }
            </div>
            <h3 id="seeds" tabindex="-1">{ "Seed-list tests" }</h3>
            <p class="muted">{ format!("Send each lane's mail to seed addresses at Gmail, Yahoo and Outlook and record where it lands. A tab counts as the inbox; under {}% needs attention.", crate::review::lint::SEED_INBOX_MIN_PERCENT) }</p>
            for lane in report.seeds.iter() { { seed_lane(lane) } }
            <h3 id="thresholds" tabindex="-1">{ "Monitoring thresholds" }</h3>
            <p class="muted">{ "A lane whose rates pass “watch” needs a closer look; past “act” its fallback plan applies. The reference figures are Gmail's and Yahoo's 0.1% complaint target and 0.3% ceiling, 2% and 5% bounces, and 90% delivered." }</p>
            { thresholds_table(report) }
            <FindingList findings={props.findings.clone()} empty="" />
        </section>
    }
}

fn progress_list(overall: &Progress, lanes: &[Progress]) -> Html {
    let bar = |p: &Progress, id: String| {
        let text = format!("{} of {} done", p.done, p.total);
        html! {
            <div class="progress-row">
                <label for={id.clone()}>{ p.name.clone() }</label>
                <progress {id} max={p.total.max(1).to_string()} value={p.done.to_string()}>{ text.clone() }</progress>
                <span class="figure">{ text }</span>
            </div>
        }
    };
    html! {
        <div class="progress-list" aria-label="Progress">
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

fn status_key(status: ItemStatus) -> String {
    super::enum_key(status)
}

fn rows_table(section: &str, rows: &[Row]) -> Html {
    html! {
        <table class={classes!("checklist-table", section.to_string())}>
            <thead><tr>
                <th scope="col">{ "Item" }</th>
                <th scope="col">{ "Lane" }</th>
                <th scope="col">{ "Status" }</th>
                <th scope="col">{ "Owner" }</th>
                <th scope="col">{ "Due" }</th>
                <th scope="col">{ "Notes" }</th>
            </tr></thead>
            <tbody>
                for row in rows.iter() { { row_html(row) } }
            </tbody>
        </table>
    }
}

fn row_html(row: &Row) -> Html {
    let item = super::enum_key(row.item);
    let edit = |field: &str| format!("item:{item}:{}:{field}", row.lane);
    let id = |field: &str| {
        format!(
            "ck-{item}-{}-{field}",
            if row.lane.is_empty() {
                "plan"
            } else {
                row.lane.as_str()
            }
        )
    };
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
        let chosen = row.manual.map_or("auto".to_string(), status_key);
        html! {
            <select id={id("status")} data-edit={edit("status")} aria-label={format!("Status: {what}")}
                class={status_class(row.status)}>
                <option value="auto" selected={chosen == "auto"}>{ format!("{} (from the plan)", if row.manual.is_none() { row.status.label() } else { "Suggested" }) }</option>
                for s in ItemStatus::ALL {
                    <option value={status_key(s)} selected={chosen == status_key(s)}>{ s.label() }</option>
                }
            </select>
        }
    };
    html! {
        <tr class={classes!(status_class(row.status), row.overdue.then_some("overdue"))}>
            <th scope="row">{ row.label.clone() }</th>
            <td>{ if row.lane_name.is_empty() { "Whole plan".to_string() } else { row.lane_name.clone() } }</td>
            <td class="status-cell">
                { status }
                if !row.evidence.is_empty() { <p class="evidence">{ row.evidence.clone() }</p> }
            </td>
            <td><input type="text" id={id("owner")} data-edit={edit("owner")} value={row.owner.clone()}
                aria-label={format!("Owner: {what}")} /></td>
            <td>
                <input type="date" id={id("due")} data-edit={edit("due")} value={row.due.clone()}
                    aria-label={format!("Due: {what}")} />
                if row.overdue { <p class="finding error">{ "Overdue" }</p> }
                else if row.due_derived { <p class="evidence">{ "From the warm-up" }</p> }
            </td>
            <td><input type="text" id={id("notes")} data-edit={edit("notes")} value={row.notes.clone()}
                aria-label={format!("Notes: {what}")} /></td>
        </tr>
    }
}

fn qa_check(row: &Row) -> Html {
    let item = super::enum_key(row.item);
    let id = format!("qa-{item}-{}", row.lane);
    let done = row.manual == Some(ItemStatus::Done);
    html! {
        <div class="qa-check">
            <input type="checkbox" id={id.clone()} checked={done}
                data-edit={format!("item:{item}:{}:check", row.lane)} />
            <label for={id.clone()}>{ row.label.clone() }</label>
            <input type="text" id={format!("{id}-notes")} class="qa-note" value={row.notes.clone()}
                data-edit={format!("item:{item}:{}:notes", row.lane)}
                aria-label={format!("Note on {} for {}", row.label.to_lowercase(), row.lane_name)}
                placeholder="Note" />
        </div>
    }
}

fn seed_lane(lane: &SeedLane) -> Html {
    let rate = (lane.tested > 0).then(|| lane.inbox * 100 / lane.tested);
    let options = |field: &str, index: u32, chosen: Placement| {
        html! {
            <select id={format!("seed-{index}-{field}")} data-edit={format!("seed:{index}:{field}")}
                aria-label={format!("{} result, {} seed test {}", field, lane.name, index + 1)}>
                for p in Placement::ALL {
                    <option value={super::enum_key(p)} selected={p == chosen}>{ p.label() }</option>
                }
            </select>
        }
    };
    html! {
        <div class={classes!("seed-lane", lane.low.then_some("low"))} id={format!("seeds-{}", lane.lane)}>
            <h4>{ lane.name.clone() }</h4>
            <p class="seed-rate">
                { match rate {
                    Some(r) => format!("Inbox rate {r}% ({} of {} results)", lane.inbox, lane.tested),
                    None => "No results yet.".to_string(),
                } }
                if let Some(r) = rate {
                    <svg class="mini-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
                        <rect class="track" x="0" y="0" width="100" height="4" />
                        <rect class={if lane.low { "fill low" } else { "fill" }} x="0" y="0" width={r.to_string()} height="4" />
                        <line class="limit" x1="80" x2="80" y1="0" y2="4" />
                    </svg>
                }
            </p>
            if lane.low {
                <p class="finding warning">{ format!("Under {}%: check authentication and content, mail only engaged recipients for a while, and test again.", crate::review::lint::SEED_INBOX_MIN_PERCENT) }</p>
            }
            if !lane.tests.is_empty() {
                <table class="seed-table">
                    <thead><tr>
                        <th scope="col">{ "Date" }</th><th scope="col">{ "Gmail" }</th>
                        <th scope="col">{ "Yahoo" }</th><th scope="col">{ "Outlook" }</th><th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                    </tr></thead>
                    <tbody>
                        for (index, test) in lane.tests.iter() {
                            <tr>
                                <td><input type="date" id={format!("seed-{index}-date")} data-edit={format!("seed:{index}:date")}
                                    value={test.date.clone()} aria-label={format!("Date of {} seed test {}", lane.name, index + 1)} /></td>
                                <td>{ options("gmail", *index, test.gmail) }</td>
                                <td>{ options("yahoo", *index, test.yahoo) }</td>
                                <td>{ options("outlook", *index, test.outlook) }</td>
                                <td><button type="button" class="link" data-action={format!("seed-delete:{index}")}>{ "Delete" }</button></td>
                            </tr>
                        }
                    </tbody>
                </table>
            }
            <button type="button" data-action={format!("seed-add:{}", lane.lane)}>{ format!("Add a seed test for {}", lane.name) }</button>
        </div>
    }
}

/// A threshold's field key, its column heading and how to read it.
type ThresholdField = (&'static str, &'static str, fn(&Thresholds) -> f64);

fn thresholds_table(report: &ChecklistReport) -> Html {
    let fields: [ThresholdField; 5] = [
        ("complaint_watch_percent", "Complaints: watch at %", |t| {
            t.complaint_watch_percent
        }),
        ("complaint_act_percent", "Complaints: act at %", |t| {
            t.complaint_act_percent
        }),
        ("bounce_watch_percent", "Bounces: watch at %", |t| {
            t.bounce_watch_percent
        }),
        ("bounce_act_percent", "Bounces: act at %", |t| {
            t.bounce_act_percent
        }),
        ("delivered_min_percent", "Delivered: act under %", |t| {
            t.delivered_min_percent
        }),
    ];
    html! {
        <table class="thresholds-table">
            <thead><tr>
                <th scope="col">{ "Lane" }</th>
                for (_, label, _) in fields.iter() { <th scope="col">{ *label }</th> }
            </tr></thead>
            <tbody>
                for lane in report.lanes.iter() {
                    <tr>
                        <th scope="row">{ lane.name.clone() }</th>
                        if let Some(t) = &lane.thresholds {
                            for (field, label, get) in fields.iter() {
                                <td><input type="number" step="0.01" min="0" max="100"
                                    id={format!("th-{}-{field}", lane.lane)}
                                    data-edit={format!("threshold:{}:{field}", lane.lane)}
                                    value={get(t).to_string()}
                                    aria-label={format!("{}, {}", lane.name, label)} /></td>
                            }
                        } else {
                            <td colspan="5">
                                { "No thresholds. " }
                                <button type="button" data-fix={serde_json::to_string(&[(format!("threshold:{}:reset", lane.lane), "")]).unwrap_or_default()}>
                                    { format!("Use the reference thresholds for {}", lane.name) }
                                </button>
                            </td>
                        }
                    </tr>
                }
            </tbody>
        </table>
    }
}
