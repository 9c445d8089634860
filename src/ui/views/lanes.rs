//! The lanes page: add, edit, reorder and delete sending lanes. Fields carry
//! `data-edit` keys (`lane:<id>:<field>`, see `edits::field_edit`) and
//! buttons `data-action` keys (see `edits::button_edit`); the page acts on
//! both.

use std::rc::Rc;

use yew::prelude::*;

use super::enum_key;
use super::fields::{select_field, text_field, FieldSpec};
use super::overview::lane_color;
use crate::diagnostic::Diagnostic;
use crate::domain::display_domain;
use crate::plan::model::{EngagementFilter, IpStrategy, Lane, LaneStatus, Plan, Provider, Purpose};
use crate::plan::routing::Routing;

#[derive(Properties, PartialEq)]
pub struct LanesPageProps {
    pub plan: Rc<Plan>,
    pub routing: Rc<Routing>,
    pub findings: Vec<Diagnostic>,
}

#[component]
pub fn LanesPage(props: &LanesPageProps) -> Html {
    let plan = &props.plan;
    let purposes: Vec<(String, &str)> = Purpose::ALL
        .iter()
        .map(|p| (enum_key(*p), p.label()))
        .collect();
    html! {
        <section aria-labelledby="lanes-heading">
            <div class="page-head">
                <h2 id="lanes-heading">{ "Lanes" }</h2>
                <div class="row add-lane">
                    <label for="new-lane-purpose">{ "Purpose" }</label>
                    <select id="new-lane-purpose">
                        for (value, label) in purposes.iter() {
                            <option value={value.clone()}>{ *label }</option>
                        }
                    </select>
                    <button type="button" class="primary" id="add-lane" data-action="lane-add">{ "Add lane" }</button>
                </div>
            </div>
            <p class="muted">{ "Two or three lanes cover most brands: transactional, revenue flows and promotions. Keep the clean lane small and high intent." }</p>
            if plan.lanes.is_empty() {
                <p class="empty">{ "No lanes yet. Add one to start routing journeys." }</p>
            }
            for (index, lane) in plan.lanes.iter().enumerate() {
                { lane_card(plan, &props.routing, lane, index, &props.findings) }
            }
        </section>
    }
}

/// One lane's form. Every field commits on change; a change is one undo step.
fn lane_card(
    plan: &Plan,
    routing: &Routing,
    lane: &Lane,
    i: usize,
    findings: &[Diagnostic],
) -> Html {
    let fid = |field: &str| format!("lane-{}-{field}", lane.id);
    let at = |field: &str| super::findings_at(findings, &format!("$.lanes[{i}].{field}"));
    let field = |id: &str, name: &str, label: &'static str, value: String, help: &'static str| {
        text_field(FieldSpec {
            id: Some(fid(id)),
            key: format!("lane:{}:{name}", lane.id),
            label,
            value,
            help,
            findings: at(name),
        })
    };
    let select =
        |id: &str, name: &str, label: &'static str, options: &[(&str, &str)], selected: &str| {
            select_field(
                Some(&fid(id)),
                &format!("lane:{}:{name}", lane.id),
                label,
                options,
                selected,
            )
        };
    let routed = routing
        .routes
        .iter()
        .filter(|r| r.lane_id.as_deref() == Some(lane.id.as_str()))
        .count();
    let is_default = plan.default_lane.as_deref() == Some(lane.id.as_str());
    let count = plan.lanes.len();
    let purposes: Vec<(String, &str)> = Purpose::ALL
        .iter()
        .map(|p| (enum_key(*p), p.label()))
        .collect();
    let statuses: Vec<(String, &str)> = LaneStatus::ALL
        .iter()
        .map(|s| (enum_key(*s), s.label()))
        .collect();
    let providers: Vec<(String, &str)> = Provider::ALL
        .iter()
        .map(|p| (enum_key(*p), p.label()))
        .collect();

    let (filter_kind, filter_days) = match lane.engagement_filter {
        EngagementFilter::None => ("none", 0),
        EngagementFilter::EngagedWithin { days } => ("engaged_within", days),
        EngagementFilter::PurchasedWithin { days } => ("purchased_within", days),
    };
    let (ip_kind, ip_count) = match lane.ip_strategy {
        IpStrategy::Shared => ("shared", 0),
        IpStrategy::Dedicated { count } => ("dedicated", count),
    };
    let unicode = display_domain(&lane.sending_domain);
    let general: Vec<Diagnostic> = findings
        .iter()
        .filter(|d| d.path == format!("$.lanes[{i}]"))
        .cloned()
        .collect();
    html! {
        <article class="card lane-card" id={format!("lane-{}", lane.id)} tabindex="-1" aria-labelledby={fid("title")}>
            <header class="card-head">
                <h3 id={fid("title")}>
                    <span class={classes!("swatch", lane_color(i))} aria-hidden="true"></span>
                    { lane.name.clone() }
                    if is_default { <span class="chip">{ "Default lane" }</span> }
                </h3>
                <div class="row" role="group" aria-label={format!("Arrange lane {}", lane.name)}>
                    <button type="button" id={fid("up")} data-action={format!("lane-up:{}", lane.id)} disabled={i == 0}
                        aria-label={format!("Move {} up", lane.name)}>{ "↑" }</button>
                    <button type="button" id={fid("down")} data-action={format!("lane-down:{}", lane.id)} disabled={i + 1 >= count}
                        aria-label={format!("Move {} down", lane.name)}>{ "↓" }</button>
                    <button type="button" class="danger-outline" data-action="confirm-show"
                        aria-label={format!("Delete lane {}", lane.name)}>{ "Delete…" }</button>
                    <span class="confirm" role="group" aria-label="Confirm deletion" hidden=true>
                        { match routed {
                            0 => "Delete this lane?".to_string(),
                            n => format!("Delete this lane? {n} journey(s) routed here will show as unrouted until you route them again."),
                        } }
                        <button type="button" class="danger" data-action={format!("lane-delete:{}", lane.id)}>{ "Delete lane" }</button>
                        <button type="button" data-action="confirm-hide">{ "Cancel" }</button>
                    </span>
                </div>
            </header>
            for d in general.iter() { <p class={classes!("finding", super::severity_class(d.severity))}>{ d.message.clone() }</p> }
            <div class="grid-3">
                { field("name", "name", "Name", lane.name.clone(), "") }
                { select("purpose", "purpose", "Purpose", &refs(&purposes), &enum_key(lane.purpose)) }
                { select("status", "status", "Status", &refs(&statuses), &enum_key(lane.status)) }
                { field("owner", "owner", "Owner", lane.owner.clone(), "") }
            </div>
            <fieldset class="group">
                <legend>{ "SMTP server" }</legend>
                <div class="grid-3">
                    { select("provider", "provider", "Provider", &refs(&providers), &enum_key(lane.smtp.provider)) }
                    if lane.smtp.provider != Provider::CustomerIo {
                        { field("host", "smtp.host", "Host", lane.smtp.host.clone(), "") }
                        { field("port", "smtp.port", "Port", lane.smtp.port.to_string(), "") }
                        { select("security", "smtp.security", "Security", &[("starttls", "STARTTLS"), ("implicit_tls", "Implicit TLS")], &enum_key(lane.smtp.security)) }
                        { field("username", "smtp.username", "Username", lane.smtp.username.clone(), "Passwords and API keys are never stored in a plan.") }
                    } else {
                        <p class="muted">{ "Customer.io sends this lane through its own delivery; no SMTP connection to plan." }</p>
                    }
                </div>
                <p class="help">{ "Choosing a provider fills in its SMTP defaults." }</p>
            </fieldset>
            <fieldset class="group">
                <legend>{ "Identity and domains" }</legend>
                <div class="grid-3">
                    { field("domain", "sending_domain", "Sending domain", lane.sending_domain.clone(), "") }
                    { field("from-name", "from_name", "From name", lane.from_name.clone(), "") }
                    { field("from-address", "from_address", "From address", lane.from_address.clone(), "") }
                    { field("reply-to", "reply_to", "Reply-To", lane.reply_to.clone(), "") }
                    { field("return-path", "return_path_domain", "Return-Path (bounce) domain", lane.return_path_domain.clone(), "") }
                    { field("tracking", "tracking_domain", "Link-tracking domain", lane.tracking_domain.clone(), "") }
                </div>
                if unicode != lane.sending_domain {
                    <p class="help">{ format!("The sending domain is shown to people as {unicode}.") }</p>
                }
            </fieldset>
            <fieldset class="group">
                <legend>{ "Reputation" }</legend>
                <div class="grid-3">
                    { select("ips", "ip_strategy", "IP strategy", &[("shared", "Shared pool"), ("dedicated", "Dedicated IPs")], ip_kind) }
                    if ip_kind == "dedicated" {
                        { field("ip-count", "ip_strategy.count", "Dedicated IPs", ip_count.to_string(), "") }
                    }
                    { select("filter", "engagement_filter", "Engagement filter",
                        &[("none", "None"), ("engaged_within", "Opened or clicked recently"), ("purchased_within", "Purchased recently")], filter_kind) }
                    if filter_kind != "none" {
                        { field("filter-days", "engagement_filter.days", "Within the last (days)", filter_days.to_string(), "") }
                    }
                </div>
            </fieldset>
        </article>
    }
}

/// Borrowed (value, label) pairs for `select_field`.
fn refs<'a>(list: &'a [(String, &'static str)]) -> Vec<(&'a str, &'static str)> {
    list.iter().map(|(k, l)| (k.as_str(), *l)).collect()
}
