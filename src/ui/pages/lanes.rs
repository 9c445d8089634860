//! The lanes page: add, edit, reorder and delete sending lanes. Each lane is
//! a `LaneCard` with its own props, so editing one lane leaves the others
//! as they are.

use serde::Serialize;
use yew::prelude::*;

use super::{item_focus, use_edit_focusing, PageProps};
use crate::domain::display_domain;
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, LaneField};
use crate::plan::lane_refs::{cleared_with, left_naming};
use crate::plan::model::{
    EngagementFilter, IpStrategy, Lane, LaneStatus, Provider, Purpose, Security,
};
use crate::plan::ranges::{FILTER_DAYS, MAX_DEDICATED_IPS};
use crate::review::place::Place;
use crate::ui::chart::lane_color;
use crate::ui::fields::{
    findings_at, findings_under, severity_class, use_read_only, Choices, ConfirmButton, Field,
    InputKind, MoveButtons, NumberField, Select, SelectField,
};
use crate::units::{and_list, capitalised, count};

#[component]
pub fn LanesPage(props: &PageProps) -> Html {
    let plan = &props.plan;
    let on_edit = use_edit_focusing(props, item_focus);
    html! {
        <section aria-labelledby="lanes-heading">
            <div class="page-head">
                <h2 id="lanes-heading">{ "Lanes" }</h2>
                <AddLane on_add={props.add(Edit::AddLane, Place::Lane)} />
            </div>
            <p class="muted">{ "Two or three lanes cover most brands: transactional, revenue flows and promotions. Keep the clean lane small and high intent." }</p>
            if plan.lanes.is_empty() {
                <p class="empty">{ "No lanes yet. Add one to start routing journeys." }</p>
            }
            for (index, lane) in plan.lanes.iter().enumerate() {
                // Keyed by plan too: a card remembers its lane's numbers.
                <LaneCard key={format!("{}/{}", plan.id, lane.id)} lane={lane.clone()} {index} colour={plan.lane_colour(index)} count={plan.lanes.len()}
                    is_default={plan.default_lane.as_deref() == Some(lane.id.as_str())}
                    routed={routed_here(props, &lane.id)}
                    left={left_naming(plan, &lane.id)}
                    cleared={cleared_with(plan, &lane.id)}
                    findings={lane_findings(props, index)}
                    on_edit={on_edit.clone()} />
            }
        </section>
    }
}

/// The names of the journeys that route to the lane, in the plan's order.
fn routed_here(props: &PageProps, lane: &str) -> Vec<String> {
    let plan = &props.plan;
    props
        .findings
        .routing
        .routes
        .iter()
        .filter(|r| r.lane_id.as_deref() == Some(lane))
        .filter_map(|r| plan.journeys.iter().find(|j| j.id == r.journey_id))
        .map(|j| j.called().to_string())
        .collect()
}

/// The findings about the lane at `index` and its fields, the DNS
/// checks' about its fields (such as its Return-Path) among them.
fn lane_findings(props: &PageProps, index: usize) -> Vec<Diagnostic> {
    findings_under(&props.findings.all, &format!("$.lanes[{index}]"))
}

#[derive(Properties, PartialEq)]
struct AddLaneProps {
    on_add: Callback<Purpose>,
}

/// The purpose for a new lane and the button that adds it. The chosen
/// purpose is the page's, not the plan's.
#[component]
fn AddLane(props: &AddLaneProps) -> Html {
    let locked = use_read_only();
    let purpose = use_state(|| Purpose::Transactional);
    let choices = Choices::of_enum(&Purpose::ALL, Purpose::label, *purpose, {
        let purpose = purpose.clone();
        Callback::from(move |chosen| purpose.set(chosen))
    });
    let add = {
        let (on_add, purpose) = (props.on_add.clone(), *purpose);
        Callback::from(move |_: MouseEvent| on_add.emit(purpose))
    };
    html! {
        <div class="row add-lane">
            <label for="new-lane-purpose">{ "Purpose" }</label>
            <Select id="new-lane-purpose" {choices} />
            <button type="button" disabled={locked} class="primary" id="add-lane" onclick={add}>{ "Add lane" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct LaneCardProps {
    pub lane: Lane,
    /// The lane's position, for its findings' paths and the arrange
    /// buttons.
    pub index: usize,
    /// The lane's colour (`Plan::lane_colour`).
    pub colour: u8,
    /// How many lanes the plan has.
    pub count: usize,
    pub is_default: bool,
    /// The names of the journeys that route to the lane.
    pub routed: Vec<String>,
    /// What goes on naming the lane once it is deleted (`lane_refs`).
    pub left: Vec<String>,
    /// What deleting the lane clears besides its routes (`lane_refs`).
    pub cleared: Vec<String>,
    /// The findings about the lane, at `$.lanes[index]…`.
    pub findings: Vec<Diagnostic>,
    pub on_edit: Callback<Edit>,
}

/// Makes the edits of one lane's fields.
struct LaneEdits {
    lane: String,
    on_edit: Callback<Edit>,
}

impl LaneEdits {
    /// A callback setting a field from a value.
    fn set<T: 'static>(&self, make: impl Fn(T) -> LaneField + 'static) -> Callback<T> {
        let (lane, on_edit) = (self.lane.clone(), self.on_edit.clone());
        Callback::from(move |value: T| {
            on_edit.emit(Edit::Lane {
                lane: lane.clone(),
                set: make(value),
            })
        })
    }

    /// The choices of a unit enum field, setting it when one is picked.
    fn pick<E: Serialize + Copy + PartialEq + 'static>(
        &self,
        all: &[E],
        label: fn(E) -> &'static str,
        current: E,
        make: impl Fn(E) -> LaneField + 'static,
    ) -> Choices {
        Choices::of_enum(all, label, current, self.set(make))
    }

    /// A callback for a button, sending a fixed edit.
    fn send<E: 'static>(&self, edit: Edit) -> Callback<E> {
        let on_edit = self.on_edit.clone();
        Callback::from(move |_: E| on_edit.emit(edit.clone()))
    }
}

/// The paths of the lane's select fields, whose findings show at the top
/// of the card since a select has no notes of its own.
const SELECT_PATHS: [&str; 6] = [
    "purpose",
    "status",
    "smtp.provider",
    "smtp.security",
    "ip_strategy",
    "engagement_filter",
];

/// One lane's form. Every field commits on change; a change is one undo step.
#[component]
pub fn LaneCard(props: &LaneCardProps) -> Html {
    let lane = &props.lane;
    let i = props.index;
    let fid = |field: &str| format!("lane-{}-{field}", lane.id);
    let edits = LaneEdits {
        lane: lane.id.clone(),
        on_edit: props.on_edit.clone(),
    };
    let numbers = use_mut_ref(Numbers::default);
    let numbers = numbers.borrow_mut().note(lane);
    let general: Vec<&Diagnostic> = props
        .findings
        .iter()
        .filter(|d| {
            let field = d.path.strip_prefix(&format!("$.lanes[{i}]")).unwrap_or("");
            field.is_empty()
                || SELECT_PATHS
                    .iter()
                    .any(|p| field.strip_prefix('.') == Some(*p))
        })
        .collect();
    html! {
        <article class="card lane-card" id={format!("lane-{}", lane.id)} tabindex="-1" aria-labelledby={fid("title")}>
            { card_head(props, &edits) }
            for d in general {
                <p class={classes!("finding", severity_class(d.severity))}>{ d.message.clone() }</p>
            }
            <div class="grid-3">
                { lane_field(props, InputKind::Text, "name", "Name", &lane.name, "", edits.set(LaneField::Name)) }
                <SelectField id={fid("purpose")} label="Purpose"
                    choices={edits.pick(&Purpose::ALL, Purpose::label, lane.purpose, LaneField::Purpose)} />
                <SelectField id={fid("status")} label="Status"
                    choices={edits.pick(&LaneStatus::ALL, LaneStatus::label, lane.status, LaneField::Status)} />
                { lane_field(props, InputKind::Text, "owner", "Owner", &lane.owner, "", edits.set(LaneField::Owner)) }
            </div>
            { smtp_fields(props, &edits) }
            { identity_fields(props, &edits) }
            { reputation_fields(props, &edits, numbers) }
        </article>
    }
}

/// The first few names, and how many more there are.
fn first_names(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let quoted = |name: &String| match name.trim() {
        "" => "one without a name".to_string(),
        name => format!("“{name}”"),
    };
    let mut shown: Vec<String> = names.iter().take(SHOWN).map(quoted).collect();
    if names.len() > SHOWN {
        shown.push(format!("{} more", names.len() - SHOWN));
    }
    and_list(&shown)
}

/// What the delete button asks: what happens to the lane's journeys and
/// what else the deletion clears.
fn deletion_question(routed: &[String], left: &[String], cleared: &[String]) -> String {
    let mut question = "Delete this lane?".to_string();
    if !routed.is_empty() {
        let journeys = count(routed.len() as u64, "journey", "journeys");
        question += &format!(
            " {journeys} routed here ({}) will show as unrouted until you route them again.",
            first_names(routed)
        );
    }
    if !left.is_empty() {
        let named = capitalised(&and_list(left));
        question += &format!(
            " {named} will name a missing lane until you choose another; Problems lists them."
        );
    }
    if !cleared.is_empty() {
        question += &format!(" It also clears {}.", and_list(cleared));
    }
    question
}

/// The lane's title and its arrange and delete buttons.
fn card_head(props: &LaneCardProps, edits: &LaneEdits) -> Html {
    let lane = &props.lane;
    let fid = |field: &str| format!("lane-{}-{field}", lane.id);
    let id = lane.id.clone();
    let moved = move |direction| Edit::MoveLane {
        lane: id.clone(),
        direction,
    };
    let question = deletion_question(&props.routed, &props.left, &props.cleared);
    html! {
        <header class="card-head">
            <h3 id={fid("title")}>
                <span class={classes!("swatch", lane_color(props.colour))} aria-hidden="true"></span>
                { lane.name.clone() }
                if props.is_default { <span class="chip">{ "Default lane" }</span> }
            </h3>
            <div class="row" role="group" aria-label={format!("Arrange lane {}", lane.name)}>
                <MoveButtons id={format!("lane-{}", lane.id)} what={lane.name.clone()} index={props.index as u32}
                    count={props.count as u32} on_move={edits.on_edit.reform(moved)} />
                <ConfirmButton label="Delete…" aria_label={AttrValue::from(format!("Delete lane {}", lane.name))}
                    {question} confirm="Delete lane" on_confirm={edits.send::<()>(Edit::DeleteLane(lane.id.clone()))} />
            </div>
        </header>
    }
}

/// The control on a lane's card that edits the lane's field at `field`
/// (its path below the lane), by the end of its id: `lane-{id}-{control}`.
/// The card names its text fields from here, and Open on a finding finds
/// the field to focus here.
pub const LANE_CONTROLS: [(&str, &str); 19] = [
    ("name", "name"),
    ("purpose", "purpose"),
    ("status", "status"),
    ("owner", "owner"),
    ("smtp.provider", "provider"),
    ("smtp.host", "host"),
    ("smtp.port", "port"),
    ("smtp.security", "security"),
    ("smtp.username", "username"),
    ("sending_domain", "domain"),
    ("from_name", "from-name"),
    ("from_address", "from-address"),
    ("reply_to", "reply-to"),
    ("return_path_domain", "return-path"),
    ("tracking_domain", "tracking"),
    ("ip_strategy", "ips"),
    ("ip_strategy.count", "ip-count"),
    ("engagement_filter", "filter"),
    ("engagement_filter.days", "filter-days"),
];

/// The control that edits the lane field at `field`; `None` for a part
/// with no control of its own, such as the SMTP server as a whole.
pub fn lane_control(field: &str) -> Option<&'static str> {
    LANE_CONTROLS
        .iter()
        .find(|(path, _)| *path == field)
        .map(|&(_, control)| control)
}

/// A text or address field of the lane, whose findings are at
/// `$.lanes[i].<path>`.
fn lane_field(
    props: &LaneCardProps,
    kind: InputKind,
    path: &str,
    label: &'static str,
    value: &str,
    help: &'static str,
    on_change: Callback<String>,
) -> Html {
    let control = lane_control(path).unwrap_or(path);
    html! {
        <Field id={format!("lane-{}-{control}", props.lane.id)} {label} value={value.to_string()} {kind} {help}
            findings={field_findings(props, path)} on_fix={Some(props.on_edit.clone())} {on_change} />
    }
}

/// What the Return-Path field means for the lane's provider: one that
/// bounces at the sending domain does so whatever the field says. Empty
/// for the others, which bounce where the field says.
pub(super) fn bounce_help(lane: &Lane) -> &'static str {
    match lane.smtp.provider.bounces_at_sending_domain() {
        true => "This provider bounces at the sending domain, the domain added to it, whatever this says; SPF is checked there.",
        false => "",
    }
}

/// The findings at `$.lanes[i].<path>`.
fn field_findings(props: &LaneCardProps, path: &str) -> Vec<Diagnostic> {
    findings_at(&props.findings, &format!("$.lanes[{}].{path}", props.index))
}

/// The provider and, unless Customer.io delivers, the SMTP connection.
fn smtp_fields(props: &LaneCardProps, edits: &LaneEdits) -> Html {
    let lane = &props.lane;
    let smtp = &lane.smtp;
    let fid = |field: &str| format!("lane-{}-{field}", lane.id);
    html! {
        <fieldset class="group">
            <legend>{ "SMTP server" }</legend>
            <div class="grid-3">
                <SelectField id={fid("provider")} label="Provider"
                    choices={edits.pick(&Provider::ALL, Provider::label, smtp.provider, LaneField::Provider)} />
                if smtp.provider != Provider::CustomerIo {
                    { lane_field(props, InputKind::Text, "smtp.host", "Host", &smtp.host, "", edits.set(LaneField::SmtpHost)) }
                    <NumberField id={fid("port")} label="Port" value={f64::from(smtp.port)} min={1.0} max={65535.0}
                        findings={field_findings(props, "smtp.port")}
                        on_change={edits.set(|n: f64| LaneField::SmtpPort(n as u16))} />
                    <SelectField id={fid("security")} label="Security"
                        choices={edits.pick(&Security::ALL, Security::label, smtp.security, LaneField::SmtpSecurity)} />
                    { lane_field(props, InputKind::Text, "smtp.username", "Username", &smtp.username,
                        "Passwords and API keys are never stored in a plan.", edits.set(LaneField::SmtpUsername)) }
                } else {
                    <p class="muted">{ "Customer.io sends this lane through its own delivery; no SMTP connection to plan." }</p>
                }
            </div>
            <p class="help">{ "Choosing a provider fills in its SMTP defaults." }</p>
        </fieldset>
    }
}

/// The sending domain, the addresses and the domains around them.
fn identity_fields(props: &LaneCardProps, edits: &LaneEdits) -> Html {
    let lane = &props.lane;
    let unicode = display_domain(&lane.sending_domain);
    html! {
        <fieldset class="group">
            <legend>{ "Identity and domains" }</legend>
            <div class="grid-3">
                { lane_field(props, InputKind::Text, "sending_domain", "Sending domain", &lane.sending_domain, "", edits.set(LaneField::SendingDomain)) }
                { lane_field(props, InputKind::Text, "from_name", "From name", &lane.from_name, "", edits.set(LaneField::FromName)) }
                { lane_field(props, InputKind::Email, "from_address", "From address", &lane.from_address, "", edits.set(LaneField::FromAddress)) }
                { lane_field(props, InputKind::Email, "reply_to", "Reply-To", &lane.reply_to, "", edits.set(LaneField::ReplyTo)) }
                { lane_field(props, InputKind::Text, "return_path_domain", "Return-Path (bounce) domain", &lane.return_path_domain, bounce_help(lane), edits.set(LaneField::ReturnPathDomain)) }
                { lane_field(props, InputKind::Text, "tracking_domain", "Link-tracking domain", &lane.tracking_domain, "", edits.set(LaneField::TrackingDomain)) }
            </div>
            if unicode != lane.sending_domain {
                <p class="help">{ format!("The sending domain is shown to people as {unicode}.") }</p>
            }
        </fieldset>
    }
}

/// The last dedicated IP count and filter window a lane had, so that
/// switching to shared IPs or no filter and back brings them back.
#[derive(Clone, Copy, Default)]
struct Numbers {
    ip_count: Option<u32>,
    filter_days: Option<u32>,
}

impl Numbers {
    /// Notes the lane's numbers as they are now, and returns all it knows.
    fn note(&mut self, lane: &Lane) -> Numbers {
        self.ip_count = ip_count(lane.ip_strategy).or(self.ip_count);
        self.filter_days = filter_days(lane.engagement_filter).or(self.filter_days);
        *self
    }
}

fn ip_count(strategy: IpStrategy) -> Option<u32> {
    match strategy {
        IpStrategy::Shared => None,
        IpStrategy::Dedicated { count } => Some(count),
    }
}

/// The IP strategy and the engagement filter, with their numbers.
fn reputation_fields(props: &LaneCardProps, edits: &LaneEdits, earlier: Numbers) -> Html {
    let lane = &props.lane;
    let fid = |field: &str| format!("lane-{}-{field}", lane.id);
    let filter = lane.engagement_filter;
    let ip_count = ip_count(lane.ip_strategy);
    let set_days = move |days: f64| {
        let days = days as u32;
        LaneField::EngagementFilter(match filter {
            EngagementFilter::PurchasedWithin { .. } => EngagementFilter::PurchasedWithin { days },
            _ => EngagementFilter::EngagedWithin { days },
        })
    };
    html! {
        <fieldset class="group">
            <legend>{ "Reputation" }</legend>
            <div class="grid-3">
                <SelectField id={fid("ips")} label="IP strategy" choices={Choices::new(ip_strategies(earlier.ip_count).into(),
                    &lane.ip_strategy, edits.set(LaneField::IpStrategy))} />
                if let Some(count) = ip_count {
                    <NumberField id={fid("ip-count")} label="Dedicated IPs" value={f64::from(count)}
                        min={1.0} max={f64::from(MAX_DEDICATED_IPS)} findings={field_findings(props, "ip_strategy.count")}
                        on_change={edits.set(|n: f64| LaneField::IpStrategy(IpStrategy::Dedicated { count: n as u32 }))} />
                }
                <SelectField id={fid("filter")} label="Engagement filter" choices={Choices::new(engagement_filters(earlier.filter_days).into(),
                    &filter, edits.set(LaneField::EngagementFilter))} />
                if let Some(days) = filter_days(filter) {
                    <NumberField id={fid("filter-days")} label="Within the last (days)" value={f64::from(days)}
                        min={FILTER_DAYS.lowest()} max={FILTER_DAYS.highest()} findings={field_findings(props, "engagement_filter.days")}
                        on_change={edits.set(set_days)} />
                }
            </div>
        </fieldset>
    }
}

/// A filter's window, if it has one.
fn filter_days(filter: EngagementFilter) -> Option<u32> {
    match filter {
        EngagementFilter::None | EngagementFilter::PredictedIntent => None,
        EngagementFilter::EngagedWithin { days } | EngagementFilter::PurchasedWithin { days } => {
            Some(days)
        }
    }
}

/// The strategies to choose from; a dedicated pool keeps its count.
fn ip_strategies(count: Option<u32>) -> [(IpStrategy, AttrValue, AttrValue); 2] {
    [
        (IpStrategy::Shared, "shared".into(), "Shared pool".into()),
        (
            IpStrategy::Dedicated {
                count: count.unwrap_or(1),
            },
            "dedicated".into(),
            "Dedicated IPs".into(),
        ),
    ]
}

/// The filters to choose from. Switching between the two kinds keeps the
/// window; a new filter starts from a typical one.
fn engagement_filters(days: Option<u32>) -> [(EngagementFilter, AttrValue, AttrValue); 4] {
    [
        (EngagementFilter::None, "none".into(), "None".into()),
        (
            EngagementFilter::EngagedWithin {
                days: days.unwrap_or(90),
            },
            "engaged_within".into(),
            "Opened or clicked recently".into(),
        ),
        (
            EngagementFilter::PurchasedWithin {
                days: days.unwrap_or(180),
            },
            "purchased_within".into(),
            "Purchased recently".into(),
        ),
        (
            EngagementFilter::PredictedIntent,
            "predicted_intent".into(),
            "High predicted intent segment".into(),
        ),
    ]
}
