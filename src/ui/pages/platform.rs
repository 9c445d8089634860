//! The platform page: the sending platform and its fallback lane, whether
//! Customer.io can carry each journey on its planned lane, how each lane
//! fits every vendor, the setup steps in order, and the vendor files.
//! Customer.io's setup reads the routing as the lanes carry the mail
//! today (`Findings::carried`), as its findings do, so a move cut over
//! before it completes keeps its old lane's server and steps until then.

use std::rc::Rc;

use yew::prelude::*;

use super::{lane_choices, PageProps};
use crate::dns::plan::stage_on;
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::Edit;
use crate::plan::model::{enum_key, Plan, Platform};
use crate::platform::customer_io::{self, setup, CioSetup, Conflict, ConflictReason, Suggestion};
use crate::platform::export::{download, Download, ExportKind, Inputs};
use crate::platform::limits;
use crate::platform::status::{status_on, unplaced, LaneFit, PlatformStatus, Unplaced};
use crate::review::findings::Findings;
use crate::ui::fields::{
    focus_holder, use_read_only, Choices, CopyButton, DownloadButton, FindingList, SelectField,
};

#[component]
pub fn PlatformPage(props: &PageProps) -> Html {
    let plan = &props.plan;
    let findings = use_memo(props.findings.clone(), |derived| platform_findings(derived));
    let notes = use_memo((plan.clone(), props.findings.clone()), |(plan, derived)| {
        vendor_notes(plan, derived)
    });
    html! {
        <section aria-labelledby="platform-heading" class="platform">
            <h2 id="platform-heading" tabindex="-1">{ "Platform" }</h2>
            <p class="muted">{ "Where the plan is built, whether each lane can be built there as drawn, and the files that set it up at each vendor." }</p>
            <PlatformChoice ..props.clone() />
            if plan.platform.kind == Platform::CustomerIo {
                <CustomerIo plan={plan.clone()} findings={props.findings.clone()} on_edit={props.on_edit.clone()} />
            }
            <Fit plan={plan.clone()} findings={props.findings.clone()} />
            <h3>{ "Platform findings" }</h3>
            <p class="muted">{ "The same findings Problems lists and counts." }</p>
            <FindingList findings={(*findings).clone()} empty="Nothing on the platforms stops this plan." on_edit={props.on_edit.clone()} />
            if !notes.is_empty() {
                <section id="vendor-notes" aria-labelledby="vendor-notes-heading">
                    <h3 id="vendor-notes-heading">{ "Notes on the vendors" }</h3>
                    <p class="muted">{ "What each vendor needs of the lanes planned there. These are not faults, so Problems does not count them." }</p>
                    <FindingList findings={(*notes).clone()} empty="" on_edit={props.on_edit.clone()} />
                </section>
            }
            <Exports plan={plan.clone()} findings={props.findings.clone()} today={props.today} />
        </section>
    }
}

/// The plan's platform findings, as Problems lists them.
fn platform_findings(derived: &Findings) -> Vec<Diagnostic> {
    let platform = |d: &&Diagnostic| d.code.starts_with("platform.");
    derived.all.iter().filter(platform).cloned().collect()
}

/// What each vendor needs of the lanes planned there. Lint leaves these
/// out because they are not faults, so they are listed apart.
fn vendor_notes(plan: &Plan, derived: &Findings) -> Vec<Diagnostic> {
    let mut out = customer_io::notes(plan, &derived.carried);
    out.extend(limits::notes(plan, &derived.routing));
    crate::plan::path_words::name_places(plan, &mut out);
    out
}

/// The id of the select of the lane that keeps Customer.io's All Emails
/// server, which Open on a finding about that lane focuses.
pub const ALL_EMAILS_CONTROL: &str = "platform-all-emails";

/// The sending platform and, for Customer.io, the lane on "All Emails".
#[component]
fn PlatformChoice(props: &PageProps) -> Html {
    let platform = &props.plan.platform;
    let lanes = lane_choices(&props.plan);
    html! {
        <div class="grid-2">
            <SelectField id="platform-kind" label="Sending platform"
                choices={Choices::of_enum(&Platform::ALL, Platform::label, platform.kind, props.edit(Edit::SetPlatform))}
                help="Customer.io picks an SMTP server by message type, which limits how journeys can be split." />
            if platform.kind == Platform::CustomerIo {
                <SelectField id={ALL_EMAILS_CONTROL} label="Lane that keeps “All Emails”"
                    choices={Choices::of_optional_lanes("Not chosen", &lanes, platform.all_emails_lane.as_deref(),
                        props.edit(Edit::SetAllEmailsLane))}
                    help="The fallback server: transactional API mail and every message type without a server of its own." />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct DerivedProps {
    plan: Rc<Plan>,
    findings: Rc<Findings>,
    #[prop_or_default]
    on_edit: Callback<Edit>,
}

/// Customer.io's servers in the order to add them, and the journeys it
/// cannot carry on their planned lane, with the nearest plan it can.
#[component]
fn CustomerIo(props: &DerivedProps) -> Html {
    let cio = use_memo(
        (props.plan.clone(), props.findings.clone()),
        |(plan, findings)| setup(plan, &findings.carried),
    );
    let plan = &props.plan;
    html! {
        <>
            <h3 id="cio-heading">{ "Customer.io servers" }</h3>
            <p class="muted">{ "Customer.io sends each message type through one custom SMTP server; the first keeps “All Emails”, the fallback. It uses at most four, and more than one needs the Premium plan." }</p>
            <table id="cio-servers" class="data cio-servers">
                <caption class="visually-hidden">{ "Customer.io SMTP servers in the order to add them" }</caption>
                <thead><tr>
                    <th scope="col">{ "Order" }</th>
                    <th scope="col">{ "Email types" }</th>
                    <th scope="col">{ "Lane" }</th>
                    <th scope="col">{ "Server" }</th>
                    <th scope="col">{ "Journeys" }</th>
                </tr></thead>
                <tbody>
                    for server in cio.servers.iter() {
                        <tr key={format!("{}-{}", server.order, server.lane)}>
                            <td>{ server.order }</td>
                            <td>{ server.email_type.label() }</td>
                            <td>{ plan.lane_name(&server.lane).to_string() }</td>
                            <td>{ server_address(plan, &server.lane) }</td>
                            <td>{ journey_names(plan, &server.journeys) }</td>
                        </tr>
                    }
                </tbody>
            </table>
            <Conflicts plan={plan.clone()} cio={cio.clone()} on_edit={props.on_edit.clone()} />
        </>
    }
}

/// The lane's SMTP host and port, as the server form asks for them.
fn server_address(plan: &Plan, lane: &str) -> String {
    match plan.lane(lane) {
        Some(l) if !l.smtp.host.is_empty() => format!("{}:{}", l.smtp.host, l.smtp.port),
        Some(l) => l.smtp.provider.label().to_string(),
        None => String::new(),
    }
}

fn journey_names(plan: &Plan, ids: &[String]) -> String {
    let name = |id: &String| {
        plan.journeys
            .iter()
            .find(|j| &j.id == id)
            .map_or(id.clone(), |j| j.called().to_string())
    };
    ids.iter().map(name).collect::<Vec<_>>().join(", ")
}

#[derive(Properties, PartialEq)]
struct ConflictsProps {
    plan: Rc<Plan>,
    cio: Rc<CioSetup>,
    on_edit: Callback<Edit>,
}

/// The journeys that cannot go to their planned lane, why, and the one
/// button that makes the nearest plan Customer.io can build.
#[component]
fn Conflicts(props: &ConflictsProps) -> Html {
    let locked = use_read_only();
    let cio = &props.cio;
    let apply = cio.fix.clone().map(|fix| {
        let on_edit = props.on_edit.clone();
        let label = format!("Apply: {}", fix.label);
        // The button goes once the plan is buildable; the list around it stays.
        let onclick = Callback::from(move |e: MouseEvent| {
            if let Some(button) = e.target_dyn_into::<web_sys::Element>() {
                focus_holder(&button);
            }
            on_edit.emit(Edit::Many(fix.edits.clone()))
        });
        html! { <button type="button" disabled={locked} class="fix" {onclick}>{ label }</button> }
    });
    html! {
        <div id="cio-conflicts" aria-live="polite" tabindex="-1">
            if cio.conflicts.is_empty() {
                <p class="empty">{ cio.verdict() }</p>
            } else {
                <ul class="problems">
                    for conflict in cio.conflicts.iter() {
                        <li key={conflict.journey.clone()} class="problem warning">
                            { conflict_text(&props.plan, conflict) }
                        </li>
                    }
                </ul>
            }
            if !cio.merged.is_empty() {
                <p>{ format!("Back to All Emails for want of servers: {}.", cio.merged.iter().map(|t| t.label()).collect::<Vec<_>>().join(", ")) }</p>
            }
            for port in cio.ports.iter() {
                <p key={port.lane.clone()}>{ format!("{}: Customer.io refuses port {}; use {}.", props.plan.lane_name(&port.lane), port.planned, port.suggested) }</p>
            }
            for own in cio.own_delivery.iter() {
                <p key={format!("own-{}", own.lane)}>{ format!("{}: Customer.io's own delivery carries nothing beside custom servers; send it through {}.", props.plan.lane_name(&own.lane), own.suggested.label()) }</p>
            }
            { apply.unwrap_or_default() }
        </div>
    }
}

/// A conflict in a sentence: the journey, its type, why, and what to do.
fn conflict_text(plan: &Plan, c: &Conflict) -> String {
    let journey = plan
        .journeys
        .iter()
        .find(|j| j.id == c.journey)
        .map_or(c.journey.as_str(), |j| j.called());
    let why = match c.reason {
        ConflictReason::TypeSplit => format!(
            "{} is planned on more than one lane",
            c.message_type.label()
        ),
        ConflictReason::TooManyServers => "Customer.io has no server left for its type".to_string(),
        ConflictReason::TransactionalApi => {
            "transactional API mail goes through the All Emails server".to_string()
        }
    };
    let then = match &c.suggested {
        _ if customer_io::all_emails_instead(plan, c) => format!(
            "make {} the All Emails lane, as All Emails carries receipts and codes",
            plan.lane_name(&c.planned_lane)
        ),
        Suggestion::Move { lane } => format!("move it to {}", plan.lane_name(lane)),
        Suggestion::Trigger { trigger } => {
            format!("trigger it by {}", customer_io::trigger_words(*trigger))
        }
        Suggestion::TriggerAndMove { trigger, lane } => format!(
            "trigger it by {} and move it to {}",
            customer_io::trigger_words(*trigger),
            plan.lane_name(lane)
        ),
    };
    format!(
        "{journey} ({}) cannot go to {}: {why}; {then}.",
        c.message_type.label(),
        plan.lane_name(&c.planned_lane)
    )
}

/// Every lane against every platform, and each platform's steps in order.
#[component]
fn Fit(props: &DerivedProps) -> Html {
    let table = use_memo(
        (props.plan.clone(), props.findings.clone()),
        |(plan, findings)| status_on(plan, &findings.routing, &findings.carried),
    );
    let elsewhere = use_memo(props.plan.clone(), |plan| unplaced(plan));
    let plan = &props.plan;
    html! {
        <>
            <h3 id="fit-heading">{ "Each lane on each platform" }</h3>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="fit-heading">
                <table id="platform-fit" class="data fit">
                    <caption class="visually-hidden">{ "Lanes against platforms: as planned, needs a change or not possible" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Lane" }</th>
                        for p in table.iter() {
                            <th scope="col" key={p.label}>{ p.label }
                                if p.in_plan { <span class="muted">{ " (in the plan)" }</span> }
                            </th>
                        }
                    </tr></thead>
                    <tbody>
                        for (index, lane) in plan.lanes.iter().enumerate() {
                            <tr key={lane.id.clone()}>
                                <th scope="row">{ lane.name.clone() }</th>
                                for p in table.iter() {
                                    <td key={p.label}>{ fit_cell(p.lanes.get(index).map(|r| &r.fit)) }</td>
                                }
                            </tr>
                        }
                    </tbody>
                </table>
            </div>
            <h3 id="steps-heading">{ "Steps on each platform" }</h3>
            <div id="platform-steps">
                for p in table.iter() {
                    <Steps key={p.label} platform={Rc::new(p.clone())} plan={plan.clone()} />
                }
                <Elsewhere lanes={elsewhere.clone()} />
            </div>
        </>
    }
}

fn fit_cell(fit: Option<&LaneFit>) -> Html {
    let (class, label, reasons) = match fit {
        Some(LaneFit::AsPlanned) => ("status met", "As planned", &[][..]),
        Some(LaneFit::NeedsChange(r)) => ("status pending", "Needs a change", &r[..]),
        Some(LaneFit::NotPossible(r)) => ("status missing", "Not possible", &r[..]),
        None => return Html::default(),
    };
    html! {
        <>
            <span class={class}>{ label }</span>
            if !reasons.is_empty() {
                <ul class="reasons">
                    for r in reasons.iter() { <li>{ r.clone() }</li> }
                </ul>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct StepsProps {
    platform: Rc<PlatformStatus>,
    plan: Rc<Plan>,
}

/// One platform's steps: first its own, then those of each lane the core
/// says sends through it, so no list sets up another vendor's lane. The
/// platforms the plan uses show them; the others keep them in a closed
/// section, for comparison.
#[component]
fn Steps(props: &StepsProps) -> Html {
    let p = &props.platform;
    let list = html! {
        <>
            <p class="muted">{ p.scope() }</p>
            <ol>
                for step in p.steps.iter() { <li>{ step.clone() }</li> }
                for row in p.step_rows() {
                    for step in row.steps.iter() {
                        <li>{ format!("{}: {step}", props.plan.lane_name(&row.lane)) }</li>
                    }
                }
            </ol>
        </>
    };
    let id = format!("steps-{}", enum_key(p.vendor));
    if p.in_plan {
        html! {
            <div {id} class="steps">
                <h4>{ format!("Steps on {}", p.label) }</h4>
                { list }
            </div>
        }
    } else {
        html! {
            <details {id} class="steps">
                <summary>{ format!("Steps on {} (not in the plan)", p.label) }</summary>
                { list }
            </details>
        }
    }
}

#[derive(Properties, PartialEq)]
struct ElsewhereProps {
    lanes: Rc<Vec<Unplaced>>,
}

/// The lanes on a provider no platform above stands for, so that none is
/// left out of the steps without a word.
#[component]
fn Elsewhere(props: &ElsewhereProps) -> Html {
    if props.lanes.is_empty() {
        return Html::default();
    }
    html! {
        <div id="steps-elsewhere" class="steps">
            <h4>{ "Lanes on other platforms" }</h4>
            <ul>
                for u in props.lanes.iter() { <li key={u.lane.clone()}>{ u.reason.clone() }</li> }
            </ul>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ExportsProps {
    plan: Rc<Plan>,
    findings: Rc<Findings>,
    today: chrono::NaiveDate,
}

/// Every vendor file, written once per plan while the page is open.
#[component]
fn Exports(props: &ExportsProps) -> Html {
    let files = use_memo(
        (props.plan.clone(), props.findings.clone(), props.today),
        |(plan, findings, today)| {
            let inputs = Inputs {
                plan,
                routing: &findings.routing,
                carried: &findings.carried,
                dmarc_stage: stage_on(plan, *today),
            };
            ExportKind::ALL
                .iter()
                .map(|kind| {
                    let Download { text, .. } = download(&inputs, *kind);
                    (*kind, AttrValue::from(Rc::<str>::from(text)))
                })
                .collect::<Vec<(ExportKind, AttrValue)>>()
        },
    );
    html! {
        <>
            <h3 id="exports-heading">{ "Vendor files" }</h3>
            <p class="muted">{ "Secrets never appear in these files: API keys are environment variables or named placeholders, and values only a vendor's dashboard gives are marked <like this>." }</p>
            <table id="exports" class="data exports">
                <caption class="visually-hidden">{ "Files that set the plan up at each vendor" }</caption>
                <thead><tr>
                    <th scope="col">{ "Vendor" }</th>
                    <th scope="col">{ "File" }</th>
                    <th scope="col">{ "Holds" }</th>
                    <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                </tr></thead>
                <tbody>
                    for (kind, text) in files.iter() {
                        <tr key={kind.file_name()}>
                            <td>{ kind.vendor() }</td>
                            <td><code>{ kind.file_name() }</code></td>
                            <td>{ kind.label() }</td>
                            // The buttons' flex row inside the cell, so the
                            // cell keeps the table's borders.
                            <td><div class="actions">
                                <DownloadButton label={format!("Download {}", kind.file_name())} file_name={kind.file_name()}
                                    mime={kind.mime()} text={text.clone()} />
                                { " " }
                                <CopyButton label="Copy" aria_label={AttrValue::from(format!("Copy {}", kind.file_name()))}
                                    text={text.clone()} />
                            </div></td>
                        </tr>
                    }
                </tbody>
            </table>
        </>
    }
}
