//! What the page keeps besides health: the lane-key mapping, the
//! Postmaster Tools figures and the imported files.

use std::rc::Rc;

use yew::prelude::*;

use crate::monitor::health::{Health, KeyRow};
use crate::monitor::protocol::dropped_sentence;
use crate::monitor::{skip_reason, Source, Store};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{added_id, Edit, PostmasterField};
use crate::plan::model::{Plan, PostmasterEntry};
use crate::ui::fields::{
    findings_at, findings_under, use_focus_later, use_read_only, CellSelect, Choices,
    ConfirmButton, Field, InputKind, NumberField,
};
use crate::units::{and_list, count, group};

#[derive(Properties, PartialEq)]
pub(super) struct MappingProps {
    pub(super) plan: Rc<Plan>,
    pub(super) health: Rc<Health>,
    pub(super) on_edit: Callback<Edit>,
}

/// The edit that maps a key found in the data to a lane.
fn map_key(row: &KeyRow, lane: Option<String>) -> Edit {
    Edit::MapKey {
        kind: row.key.kind,
        key: row.key.value.clone(),
        lane,
    }
}

/// The lane keys found in the data, each with the lane it is mapped to.
#[component]
pub(super) fn Mapping(props: &MappingProps) -> Html {
    let keys = &props.health.keys;
    let lanes: Rc<Vec<(AttrValue, AttrValue)>> = Rc::new(
        props
            .plan
            .lanes
            .iter()
            .map(|l| (l.id.clone().into(), l.name.clone().into()))
            .collect(),
    );
    let suggested: Vec<Edit> = keys
        .iter()
        .filter(|k| k.lane.is_none())
        .filter_map(|k| Some(map_key(k, Some(k.suggestion.as_ref()?.0.clone()))))
        .collect();
    // The button goes once every key is mapped, so the focus moves to the
    // section's heading.
    let focus = use_focus_later();
    let map_all = {
        let (edit, on_edit) = (Edit::Many(suggested.clone()), props.on_edit.clone());
        Callback::from(move |_: MouseEvent| {
            on_edit.emit(edit.clone());
            focus.request_ids(["mapping-heading"]);
        })
    };
    html! {
        <section aria-labelledby="mapping-heading" class="mapping">
            <h3 id="mapping-heading" tabindex="-1">{ "Lane keys in the data" }</h3>
            <p class="muted">{ "Each vendor names the lane its own way: a configuration set, an IP pool, a message stream, a sending IP. Map each key to a lane; mail under keys not mapped counts for no lane. The mapping is saved with the plan." }</p>
            if keys.is_empty() {
                <p class="empty">{ "No data imported yet." }</p>
            } else {
                <table class="report-table key-table">
                    <thead><tr>
                        <th scope="col">{ "Kind" }</th><th scope="col">{ "Key" }</th>
                        <th scope="col">{ "Sent" }</th><th scope="col">{ "Lane" }</th><th scope="col">{ "Suggestion" }</th>
                    </tr></thead>
                    <tbody>
                        for (i, k) in keys.iter().enumerate() {
                            <KeyMapping key={format!("{:?}:{}", k.key.kind, k.key.value)} index={i} row={k.clone()}
                                lanes={lanes.clone()} on_edit={props.on_edit.clone()} />
                        }
                    </tbody>
                </table>
                if suggested.len() > 1 {
                    <button type="button" onclick={map_all}>{ match suggested.len() { 2 => "Map both suggestions".to_string(), n => format!("Map all {n} suggestions") } }</button>
                }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct KeyMappingProps {
    index: usize,
    row: KeyRow,
    /// The plan's lanes: (id, name).
    lanes: Rc<Vec<(AttrValue, AttrValue)>>,
    on_edit: Callback<Edit>,
}

/// A key's row: its volume, the lane select and the plan's suggestion.
#[component]
fn KeyMapping(props: &KeyMappingProps) -> Html {
    let k = &props.row;
    let name_of = |id: &str| -> AttrValue {
        let lane = props.lanes.iter().find(|(lane, _)| lane.as_str() == id);
        lane.map_or_else(|| AttrValue::from(id.to_string()), |(_, name)| name.clone())
    };
    let choices = {
        let row = k.clone();
        let on_pick = props.on_edit.reform(move |lane| map_key(&row, lane));
        Choices::of_optional_lanes("Not mapped", &props.lanes, k.lane.as_deref(), on_pick)
    };
    let label = format!("Lane for {} {}", k.key.kind.label(), k.key.value);
    let select = format!("map-{}", props.index);
    let later = use_focus_later();
    html! {
        <tr class={classes!(k.lane.is_none().then_some("unmapped"))}>
            <td>{ k.key.kind.label() }</td>
            <td><code>{ k.key.value.clone() }</code></td>
            <td class="num">{ group(k.sent) }</td>
            <td>
                <CellSelect id={select.clone()} {label} {choices} />
                if k.lane.is_some() && !k.mapped { <p class="evidence">{ "The key is the lane's id." }</p> }
            </td>
            <td>
                if let Some((lane, why)) = &k.suggestion {
                    <span class="evidence">{ format!("{}: {why}. ", name_of(lane)) }</span>
                    <button type="button" class="link" onclick={{
                        let (edit, on_edit) = (map_key(k, Some(lane.clone())), props.on_edit.clone());
                        // The button goes with the suggestion, so the focus
                        // moves to the row's select, which now shows the lane.
                        let (later, select) = (later.clone(), select.clone());
                        Callback::from(move |_: MouseEvent| {
                            on_edit.emit(edit.clone());
                            later.request_ids([select.as_str()]);
                        })
                    }}>
                        { format!("Map to {}", name_of(lane)) }
                    </button>
                }
            </td>
        </tr>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct PostmasterProps {
    /// The plan, whose figures the section lists.
    pub(super) plan: Rc<Plan>,
    /// Validation's findings about the figures.
    pub(super) findings: Rc<Vec<Diagnostic>>,
    /// Today, YYYY-MM-DD, the date of a new figure.
    pub(super) today: AttrValue,
    /// Domains of imported figures that no lane's are.
    pub(super) unmatched: Vec<String>,
    pub(super) on_edit: Callback<Edit>,
}

/// Postmaster Tools figures typed in by hand.
#[component]
pub(super) fn Postmaster(props: &PostmasterProps) -> Html {
    // A new figure's date takes the focus, as a new item's first field does.
    let focus = use_focus_later();
    let locked = use_read_only();
    let add = {
        let (date, on_edit, focus) = (
            props.today.to_string(),
            props.on_edit.clone(),
            focus.clone(),
        );
        let plan = props.plan.clone();
        // A figure's controls are named by its id, which the add tells.
        Callback::from(move |_: MouseEvent| {
            let edit = Edit::AddPostmaster { date: date.clone() };
            let new = added_id(&plan, &edit).map(|row| postmaster_control(&row, "date"));
            on_edit.emit(edit);
            focus.request_ids(new.as_deref());
        })
    };
    // A deleted figure's place goes to the figure after it, else the Add button.
    let delete = {
        let (on_edit, plan) = (props.on_edit.clone(), props.plan.clone());
        Callback::from(move |(entry, index): (String, usize)| {
            on_edit.emit(Edit::DeletePostmaster(entry));
            let rows = &plan.monitoring.postmaster;
            let after = rows
                .get(index + 1)
                .map(|row| postmaster_control(&row.id, "delete"));
            let ids: Vec<&str> = after
                .iter()
                .map(String::as_str)
                .chain(["add-postmaster"])
                .collect();
            focus.request_ids(ids);
        })
    };
    html! {
        <section aria-labelledby="postmaster-heading" class="postmaster">
            <h3 id="postmaster-heading" tabindex="-1">{ "Google Postmaster Tools" }</h3>
            <p class="muted">{ "Import the traffic statistics Postmaster Tools' API returns, or type in a day's user-reported spam rate per domain. A figure for a lane's sending, From, DKIM or envelope domain is that lane's; one for the primary domain is every lane's. Gmail asks senders to stay under 0.1% and never reach 0.3%." }</p>
            if !props.unmatched.is_empty() {
                <p class="finding warning" id="postmaster-unmatched">{ unmatched_words(&props.unmatched) }</p>
            }
            for (i, row) in props.plan.monitoring.postmaster.iter().enumerate() {
                <PostmasterRow key={row.id.clone()} index={i} row={row.clone()} on_edit={props.on_edit.clone()}
                    on_delete={delete.clone()}
                    findings={findings_under(&props.findings, &format!("$.monitoring.postmaster[{i}]"))} />
            }
            <button type="button" id="add-postmaster" onclick={add} disabled={locked}>{ "Add a figure" }</button>
        </section>
    }
}

/// Why imported figures for `domains` count for no lane, and what to do.
fn unmatched_words(domains: &[String]) -> String {
    let that = if domains.len() == 1 {
        "that domain"
    } else {
        "those domains"
    };
    format!(
        "Imported figures for {} count for no lane, as no lane sends from or signs for {that}. If a lane does, give it {that} as its sending, DKIM or envelope domain; otherwise forget the file.",
        and_list(domains)
    )
}

/// The id of the control for `field` (`date`, `domain`,
/// `spam_rate_percent`, or its `delete` button) in the row of figure
/// `row`, by the figure's id, which Open and the focus after an add or
/// delete land on.
pub fn postmaster_control(row: &str, field: &str) -> String {
    let control = match field {
        "spam_rate_percent" => "rate",
        other => other,
    };
    format!("pm-{row}-{control}")
}

#[derive(Properties, PartialEq)]
struct PostmasterRowProps {
    index: usize,
    row: PostmasterEntry,
    findings: Vec<Diagnostic>,
    on_edit: Callback<Edit>,
    /// The figure's id and place, when its Delete is pressed.
    on_delete: Callback<(String, usize)>,
}

/// One figure: its date, domain and spam rate.
#[component]
fn PostmasterRow(props: &PostmasterRowProps) -> Html {
    let (i, row) = (props.index, &props.row);
    let control = |field: &str| postmaster_control(&row.id, field);
    let at = |field: &str| {
        findings_at(
            &props.findings,
            &format!("$.monitoring.postmaster[{i}].{field}"),
        )
    };
    let set = |make: fn(String) -> PostmasterField| {
        let entry = row.id.clone();
        props.on_edit.reform(move |v: String| Edit::Postmaster {
            entry: entry.clone(),
            set: make(v),
        })
    };
    let on_rate = {
        let entry = row.id.clone();
        props.on_edit.reform(move |n: f64| Edit::Postmaster {
            entry: entry.clone(),
            set: PostmasterField::SpamRatePercent(n),
        })
    };
    let delete = {
        let entry = row.id.clone();
        props
            .on_delete
            .reform(move |_: MouseEvent| (entry.clone(), i))
    };
    html! {
        <fieldset class="group postmaster-figure">
            <legend>{ format!("Figure {}", i + 1) }</legend>
            <div class="row">
                <Field id={control("date")} label="Date" kind={InputKind::Date}
                    value={row.date.clone()} findings={at("date")} on_change={set(PostmasterField::Date)} />
                <Field id={control("domain")} label="Domain" value={row.domain.clone()}
                    placeholder="mail.example.com" findings={at("domain")} on_change={set(PostmasterField::Domain)} />
                <NumberField id={control("spam_rate_percent")} label="Spam rate %" value={row.spam_rate_percent}
                    min={0.0} max={100.0} step={0.01} findings={at("spam_rate_percent")} on_change={on_rate} />
                <button type="button" class="link" id={control("delete")} aria-label={format!("Delete figure {}", i + 1)}
                    onclick={delete}>{ "Delete" }</button>
            </div>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct SourcesProps {
    pub(super) store: Rc<Store>,
    pub(super) held: Rc<Vec<String>>,
    pub(super) on_forget: Callback<String>,
}

/// The files imported, what each held, and a button to forget each.
#[component]
pub(super) fn Sources(props: &SourcesProps) -> Html {
    let sources = &props.store.sources;
    // The Forget button goes with its file, so the focus moves to the
    // section's heading.
    let focus = use_focus_later();
    let on_forget = {
        let on_forget = props.on_forget.clone();
        Callback::from(move |fingerprint: String| {
            on_forget.emit(fingerprint);
            focus.request_ids(["sources-heading"]);
        })
    };
    html! {
        <section aria-labelledby="sources-heading" class="sources">
            <h3 id="sources-heading" tabindex="-1">{ "Imported files" }</h3>
            <p class="muted">{ "Only counts per day, lane key and mailbox provider are kept, in this browser; addresses and message contents are never stored. Importing a file again replaces it. An event two files both hold counts once when both are imported while the page is open; event ids are not kept, so after a reload the report names files that share days with a new one." }</p>
            if sources.is_empty() {
                <p class="empty">{ "None yet." }</p>
            }
            <ul class="source-list">
                for s in sources.iter() {
                    // Files that dropped this one's events as duplicates
                    // count them nowhere once it is forgotten, unless the
                    // worker holds both; forgetting it names them.
                    <li key={s.fingerprint.clone()}>{ source_item(s,
                        &props.store.dropped_maybe_from(&s.fingerprint, &props.held),
                        &props.store.pools_shared(&s.fingerprint, &props.held), &on_forget) }</li>
                }
            </ul>
        </section>
    }
}

/// What forgetting a file does to other files' events on its pools.
fn pools_note(pools: &[String]) -> String {
    match pools {
        [] => String::new(),
        [pool] => format!(" Other files' events on its pool {pool} stay on it: import those files again after forgetting this one to count them without it."),
        _ => format!(" Other files' events on its pools ({}) stay on them: import those files again after forgetting this one to count them without them.", pools.join(", ")),
    }
}

fn source_item(
    s: &Source,
    dropped: &[&Source],
    pools: &[String],
    on_forget: &Callback<String>,
) -> Html {
    let forget = {
        let fingerprint = s.fingerprint.clone();
        on_forget.reform(move |()| fingerprint.clone())
    };
    let unlisted = (s.skipped as usize).saturating_sub(s.skipped_lines.len());
    html! {
        <>
            <strong>{ s.name.clone() }</strong>
            { format!(" — {}: {}", s.format, count(s.records, "record", "records")) }
            if s.duplicates > 0 { { format!(", {} dropped", count(s.duplicates, "duplicate", "duplicates")) } }
            if s.without_key > 0 { { format!(", {} without a lane key", count(s.without_key, "event", "events")) } }
            if s.skipped > 0 {
                <details class="skipped">
                    <summary>{ format!("{} skipped", count(s.skipped, "line", "lines")) }</summary>
                    <ul>
                        for (line, why) in s.skipped_lines.iter() { <li>{ format!("Line {line}: {}", skip_reason(why)) }</li> }
                        if unlisted > 0 { <li>{ format!("… and {unlisted} more") }</li> }
                    </ul>
                </details>
            }
            { " " }
            // Nothing brings the counts back but the file, so it asks first.
            <ConfirmButton label="Forget…" aria_label={AttrValue::from(format!("Forget {}", s.name))}
                question={format!("Forget {}? Its counts leave this browser; only importing the file again brings them back.{}{}", s.name,
                    dropped_sentence(dropped),
                    pools_note(pools))}
                confirm="Forget file" on_confirm={forget} />
        </>
    }
}
