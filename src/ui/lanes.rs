//! The lanes page: create, edit, reorder and delete sending lanes.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::domain::display_domain;
use crate::model::{
    EngagementFilter, IpStrategy, Lane, LaneStatus, Plan, Provider, Purpose, Security, Smtp,
};
use crate::routing::Routing;
use crate::state::{Direction, Edit};

use super::context::use_planner;
use super::fields::{
    enum_from_key, enum_key, enum_options, findings_at, updater, SelectField, TextField,
};

#[derive(Properties, PartialEq)]
pub struct LanesPageProps {
    pub plan: Rc<Plan>,
    pub routing: Rc<Routing>,
    pub findings: Rc<Vec<Diagnostic>>,
}

#[component]
pub fn LanesPage(props: &LanesPageProps) -> Html {
    let planner = use_planner();
    let edit = planner.on_edit();
    let purpose = use_state(|| Purpose::Transactional);
    let on_purpose = {
        let purpose = purpose.clone();
        Callback::from(move |e: Event| {
            let key = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(p) = enum_from_key(&Purpose::ALL, &key) {
                purpose.set(p);
            }
        })
    };
    let on_add = {
        let edit = edit.clone();
        let purpose = *purpose;
        Callback::from(move |_| edit.emit(Edit::AddLane(purpose)))
    };
    let plan = &props.plan;
    let count = plan.lanes.len();
    html! {
        <section aria-labelledby="lanes-heading">
            <div class="page-head">
                <h2 id="lanes-heading">{ "Lanes" }</h2>
                <div class="row add-lane">
                    <label for="new-lane-purpose">{ "Purpose" }</label>
                    <select id="new-lane-purpose" onchange={on_purpose}>
                        for p in Purpose::ALL {
                            <option value={enum_key(p)} selected={p == *purpose}>{ p.label() }</option>
                        }
                    </select>
                    <button type="button" class="primary" id="add-lane" onclick={on_add}>{ "Add lane" }</button>
                </div>
            </div>
            <p class="muted">{ "Two or three lanes cover most brands: transactional, revenue flows and promotions. Keep the clean lane small and high intent." }</p>
            if plan.lanes.is_empty() {
                <p class="empty">{ "No lanes yet. Add one to start routing journeys." }</p>
            }
            for (index, lane) in plan.lanes.iter().enumerate() {
                {{
                    let id = lane.id.clone();
                    let prefix = format!("$.lanes[{index}].");
                    let findings: Vec<Diagnostic> = props.findings.iter().filter(|d| d.path.starts_with(&prefix)).cloned().collect();
                    let routed = props.routing.routes.iter().filter(|r| r.lane_id.as_deref() == Some(lane.id.as_str())).count() as u32;
                    let on_change = { let edit = edit.clone(); Callback::from(move |lane: Lane| edit.emit(Edit::UpdateLane(lane))) };
                    let on_delete = { let edit = edit.clone(); let id = id.clone(); Callback::from(move |_| edit.emit(Edit::DeleteLane(id.clone()))) };
                    let on_move = { let edit = edit.clone(); let id = id.clone(); Callback::from(move |d: Direction| edit.emit(Edit::MoveLane(id.clone(), d))) };
                    html! {
                        <LaneCard key={lane.id.clone()} lane={lane.clone()} index={index as u32} count={count as u32}
                            {routed} is_default={plan.default_lane.as_deref() == Some(lane.id.as_str())}
                            {findings} {on_change} {on_delete} {on_move} />
                    }
                }}
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct LaneCardProps {
    pub lane: Lane,
    pub index: u32,
    pub count: u32,
    /// Journeys currently routed to this lane.
    pub routed: u32,
    pub is_default: bool,
    pub findings: Vec<Diagnostic>,
    pub on_change: Callback<Lane>,
    pub on_delete: Callback<()>,
    pub on_move: Callback<Direction>,
}

/// One lane's form. Every field commits on change; a change is one undo step.
#[component]
pub fn LaneCard(props: &LaneCardProps) -> Html {
    let confirming = use_state(|| false);
    let lane = &props.lane;
    let i = props.index;
    let fid = |field: &str| format!("lane-{}-{field}", lane.id);
    let at = |field: &str| {
        findings_at(&props.findings, &format!("$.lanes[{i}].{field}"))
            .cloned()
            .collect::<Vec<_>>()
    };
    let update = |set: fn(&mut Lane, String)| updater(lane, &props.on_change, set);
    let move_by = |d: Direction| {
        let on_move = props.on_move.clone();
        Callback::from(move |_: MouseEvent| on_move.emit(d))
    };
    let unicode = display_domain(&lane.sending_domain);
    let (filter_kind, filter_days) = match lane.engagement_filter {
        EngagementFilter::None => ("none", 0),
        EngagementFilter::EngagedWithin { days } => ("engaged_within", days),
        EngagementFilter::PurchasedWithin { days } => ("purchased_within", days),
    };
    let (ip_kind, ip_count) = match lane.ip_strategy {
        IpStrategy::Shared => ("shared", 0),
        IpStrategy::Dedicated { count } => ("dedicated", count),
    };
    let other_findings: Vec<Diagnostic> = props
        .findings
        .iter()
        .filter(|d| d.path == format!("$.lanes[{i}]"))
        .cloned()
        .collect();
    html! {
        <article class="card lane-card" id={format!("lane-{}", lane.id)} tabindex="-1" aria-labelledby={fid("title")}>
            <header class="card-head">
                <h3 id={fid("title")}>
                    <span class={classes!("swatch", crate::views::overview::lane_color(i as usize))} aria-hidden="true"></span>
                    { lane.name.clone() }
                    if props.is_default { <span class="chip">{ "Default lane" }</span> }
                </h3>
                <div class="row" role="group" aria-label={format!("Arrange lane {}", lane.name)}>
                    <button type="button" onclick={move_by(Direction::Up)} disabled={i == 0}
                        aria-label={format!("Move {} up", lane.name)}>{ "↑" }</button>
                    <button type="button" onclick={move_by(Direction::Down)} disabled={i + 1 >= props.count}
                        aria-label={format!("Move {} down", lane.name)}>{ "↓" }</button>
                    if *confirming {
                        <span class="confirm" role="group" aria-label="Confirm deletion">
                            { match props.routed {
                                0 => "Delete this lane?".to_string(),
                                n => format!("Delete this lane? {n} journey(s) routed here will show as unrouted until you route them again."),
                            } }
                            <button type="button" class="danger" onclick={{ let cb = props.on_delete.clone(); let c = confirming.clone(); move |_| { c.set(false); cb.emit(()) } }}>
                                { "Delete lane" }
                            </button>
                            <button type="button" onclick={{ let c = confirming.clone(); move |_| c.set(false) }}>{ "Cancel" }</button>
                        </span>
                    } else {
                        <button type="button" class="danger-outline" onclick={{ let c = confirming.clone(); move |_| c.set(true) }}
                            aria-label={format!("Delete lane {}", lane.name)}>{ "Delete…" }</button>
                    }
                </div>
            </header>
            for d in other_findings.iter() { <p class={classes!("finding", super::fields::severity_class(d))}>{ d.message.clone() }</p> }
            <div class="grid-3">
                <TextField id={fid("name")} label="Name" value={lane.name.clone()} findings={at("name")}
                    on_commit={update(|l, v| l.name = v)} />
                <SelectField id={fid("purpose")} label="Purpose" options={enum_options(&Purpose::ALL, |p| p.label().to_string())}
                    selected={enum_key(lane.purpose)}
                    on_select={update(|l, v| if let Some(p) = enum_from_key(&Purpose::ALL, &v) { l.purpose = p })} />
                <SelectField id={fid("status")} label="Status" options={enum_options(&LaneStatus::ALL, |s| s.label().to_string())}
                    selected={enum_key(lane.status)}
                    on_select={update(|l, v| if let Some(s) = enum_from_key(&LaneStatus::ALL, &v) { l.status = s })} />
                <TextField id={fid("owner")} label="Owner" value={lane.owner.clone()} placeholder="Who watches this lane"
                    on_commit={update(|l, v| l.owner = v)} />
            </div>
            <fieldset class="group">
                <legend>{ "SMTP server" }</legend>
                <div class="grid-3">
                    <SelectField id={fid("provider")} label="Provider" options={enum_options(&Provider::ALL, |p| p.label().to_string())}
                        selected={enum_key(lane.smtp.provider)} help="Choosing a provider fills in its SMTP defaults."
                        on_select={update(|l, v| if let Some(p) = enum_from_key(&Provider::ALL, &v) { l.smtp = Smtp::from_preset(p) })} />
                    if lane.smtp.provider != Provider::CustomerIo {
                        <TextField id={fid("host")} label="Host" value={lane.smtp.host.clone()} findings={at("smtp.host")}
                            on_commit={update(|l, v| l.smtp.host = v)} />
                        <TextField kind="number" id={fid("port")} label="Port" value={lane.smtp.port.to_string()} findings={at("smtp.port")}
                            on_commit={update(|l, v| if let Ok(p) = v.trim().parse() { l.smtp.port = p })} />
                        <SelectField id={fid("security")} label="Security"
                            options={vec![("starttls".to_string(), "STARTTLS".to_string()), ("implicit_tls".to_string(), "Implicit TLS".to_string())]}
                            selected={enum_key(lane.smtp.security)} findings={at("smtp.security")}
                            on_select={update(|l, v| if let Some(s) = enum_from_key(&[Security::Starttls, Security::ImplicitTls], &v) { l.smtp.security = s })} />
                        <TextField id={fid("username")} label="Username" value={lane.smtp.username.clone()}
                            help="Passwords and API keys are never stored in a plan."
                            on_commit={update(|l, v| l.smtp.username = v)} />
                    } else {
                        <p class="muted">{ "Customer.io sends this lane through its own delivery; no SMTP connection to plan." }</p>
                    }
                </div>
            </fieldset>
            <fieldset class="group">
                <legend>{ "Identity and domains" }</legend>
                <div class="grid-3">
                    <TextField id={fid("domain")} label="Sending domain" value={lane.sending_domain.clone()} findings={at("sending_domain")}
                        placeholder="mail.brand.com"
                        help={if unicode != lane.sending_domain { AttrValue::from(format!("Shown to people as {unicode}.")) } else { AttrValue::default() }}
                        on_commit={update(|l, v| l.sending_domain = v)} />
                    <TextField id={fid("from-name")} label="From name" value={lane.from_name.clone()} findings={at("from_name")}
                        on_commit={update(|l, v| l.from_name = v)} />
                    <TextField id={fid("from-address")} label="From address" kind="email" value={lane.from_address.clone()} findings={at("from_address")}
                        on_commit={update(|l, v| l.from_address = v)} />
                    <TextField id={fid("reply-to")} label="Reply-To" kind="email" value={lane.reply_to.clone()} findings={at("reply_to")}
                        on_commit={update(|l, v| l.reply_to = v)} />
                    <TextField id={fid("return-path")} label="Return-Path (bounce) domain" value={lane.return_path_domain.clone()}
                        findings={at("return_path_domain")} on_commit={update(|l, v| l.return_path_domain = v)} />
                    <TextField id={fid("tracking")} label="Link-tracking domain" value={lane.tracking_domain.clone()}
                        findings={at("tracking_domain")} on_commit={update(|l, v| l.tracking_domain = v)} />
                </div>
            </fieldset>
            <fieldset class="group">
                <legend>{ "Reputation" }</legend>
                <div class="grid-3">
                    <SelectField id={fid("ips")} label="IP strategy"
                        options={vec![("shared".to_string(), "Shared pool".to_string()), ("dedicated".to_string(), "Dedicated IPs".to_string())]}
                        selected={ip_kind}
                        on_select={update(|l, v| l.ip_strategy = if v == "dedicated" { IpStrategy::Dedicated { count: 1 } } else { IpStrategy::Shared })} />
                    if ip_kind == "dedicated" {
                        <TextField kind="number" id={fid("ip-count")} label="Dedicated IPs" value={ip_count.to_string()} min={Some(AttrValue::Static("1"))} findings={at("ip_strategy.count")}
                            on_commit={update(|l, v| if let Ok(n) = v.trim().parse() { l.ip_strategy = IpStrategy::Dedicated { count: n } })} />
                    }
                    <SelectField id={fid("filter")} label="Engagement filter"
                        options={vec![
                            ("none".to_string(), "None".to_string()),
                            ("engaged_within".to_string(), "Opened or clicked recently".to_string()),
                            ("purchased_within".to_string(), "Purchased recently".to_string()),
                        ]}
                        selected={filter_kind}
                        on_select={update(|l, v| l.engagement_filter = match v.as_str() {
                            "engaged_within" => EngagementFilter::EngagedWithin { days: 90 },
                            "purchased_within" => EngagementFilter::PurchasedWithin { days: 180 },
                            _ => EngagementFilter::None,
                        })} />
                    if filter_kind != "none" {
                        <TextField kind="number" id={fid("filter-days")} label="Within the last (days)" value={filter_days.to_string()} min={Some(AttrValue::Static("1"))}
                            on_commit={update(|l, v| if let Ok(days) = v.trim().parse::<u32>() {
                                l.engagement_filter = match l.engagement_filter {
                                    EngagementFilter::PurchasedWithin { .. } => EngagementFilter::PurchasedWithin { days },
                                    _ => EngagementFilter::EngagedWithin { days },
                                }
                            })} />
                    }
                </div>
            </fieldset>
        </article>
    }
}
