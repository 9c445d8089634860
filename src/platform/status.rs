//! The platform page's table: for each platform, whether each lane can be
//! built there as planned, needs a change or cannot be built, and the steps
//! that set it up, in order.
//!
//! Every platform is shown for every lane, so a team can compare: a lane
//! planned on another ESP needs at least the move. The fit on an ESP comes
//! from `limits`, on Customer.io from `customer_io::setup`.
//!
//! A platform's steps, unlike its column, cover only the lanes that send
//! through it (`sends_through`), or every lane for comparison when none
//! does, the same rule the vendor files follow. A lane on a provider no
//! platform here stands for is listed by `unplaced`.
//!
//! On Customer.io a lane also needs a server for the mail a scheduled
//! migration moves onto it (`customer_io::moves`), and since Customer.io
//! sends each message type through one server, the type changes server
//! whole and on one date: the steps say so where the migration ramps it
//! over days, and the table says what that changes on each lane. A lane
//! only an unscheduled migration would bring mail to waits for its date.
//! Customer.io is set up for the routing as the lanes carry the mail on
//! the day (`status_on`): a move cut over before it completes still sends
//! through the old lane's server until then.

use std::borrow::Cow;

use serde::Serialize;

use crate::dns::plan::{default_selector, lane_domains, LaneDomains};
use crate::plan::model::{IpStrategy, Lane, Migration, Plan, Platform, Provider};
use crate::plan::routing::Routing;
use crate::units::{and_list, count};

use super::customer_io::moves::{self, Arriving};
use super::customer_io::{self, CioSetup, ConflictReason, MessageType, Suggestion};
use super::limits;
use super::names::{lane_headers, lane_headers_on, lane_name, Header, NameKind};

/// A platform or vendor a plan can be built on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Vendor {
    CustomerIo,
    SendGrid,
    AmazonSes,
    Postmark,
    Mailgun,
    KumoMta,
    Listmonk,
}

impl Vendor {
    pub const ALL: [Vendor; 7] = [
        Vendor::CustomerIo,
        Vendor::SendGrid,
        Vendor::AmazonSes,
        Vendor::Postmark,
        Vendor::Mailgun,
        Vendor::KumoMta,
        Vendor::Listmonk,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Vendor::CustomerIo => "Customer.io",
            Vendor::SendGrid => "SendGrid",
            Vendor::AmazonSes => "Amazon SES",
            Vendor::Postmark => "Postmark",
            Vendor::Mailgun => "Mailgun",
            Vendor::KumoMta => "KumoMTA",
            Vendor::Listmonk => "listmonk",
        }
    }

    /// The ESP a lane names when it is planned on this vendor.
    fn provider(self) -> Option<Provider> {
        match self {
            Vendor::SendGrid => Some(Provider::SendGrid),
            Vendor::AmazonSes => Some(Provider::AmazonSes),
            Vendor::Postmark => Some(Provider::Postmark),
            Vendor::Mailgun => Some(Provider::Mailgun),
            Vendor::CustomerIo | Vendor::KumoMta | Vendor::Listmonk => None,
        }
    }
}

/// The vendor that sends a lane's mail, as its SMTP provider names it:
/// the table, the steps and the vendor files all ask this one question.
/// Custom SMTP is the brand's own servers, which KumoMTA builds; `None` is
/// a provider no platform here stands for.
pub fn lane_vendor(lane: &Lane) -> Option<Vendor> {
    match lane.smtp.provider {
        Provider::CustomerIo => Some(Vendor::CustomerIo),
        Provider::SendGrid => Some(Vendor::SendGrid),
        Provider::AmazonSes => Some(Vendor::AmazonSes),
        Provider::Postmark => Some(Vendor::Postmark),
        Provider::Mailgun => Some(Vendor::Mailgun),
        Provider::Custom => Some(Vendor::KumoMta),
        Provider::SparkPost => None,
    }
}

/// Whether a lane's mail goes through `vendor`: its own vendor, or
/// Customer.io when that is the plan's platform, since Customer.io hands
/// every lane's mail to that lane's server.
pub fn sends_through(plan: &Plan, lane: &Lane, vendor: Vendor) -> bool {
    let platform = vendor == Vendor::CustomerIo && plan.platform.kind == Platform::CustomerIo;
    platform || lane_vendor(lane) == Some(vendor)
}

/// A lane whose mail no platform here sends, and what to do about it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unplaced {
    pub lane: String,
    /// A sentence.
    pub reason: String,
}

/// The lanes whose provider no platform here stands for, so no list of
/// steps sets up their sending.
pub fn unplaced(plan: &Plan) -> Vec<Unplaced> {
    plan.lanes
        .iter()
        .filter(|lane| lane_vendor(lane).is_none())
        .map(|lane| Unplaced {
            lane: lane.id.clone(),
            reason: format!(
                "{} sends through {}, which has no steps here: set it up by {}'s own guide, or move the lane to a platform above.",
                lane.name,
                lane.smtp.provider.label(),
                lane.smtp.provider.label()
            ),
        })
        .collect()
}

/// Whether a lane can be built on a platform.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", content = "reasons", rename_all = "snake_case")]
pub enum LaneFit {
    AsPlanned,
    NeedsChange(Vec<String>),
    NotPossible(Vec<String>),
}

/// One lane on one platform.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LaneRow {
    pub lane: String,
    /// Whether the lane's mail goes through this platform (`sends_through`).
    pub sends_here: bool,
    pub fit: LaneFit,
    /// What to do there, in order, each a sentence.
    pub steps: Vec<String>,
}

/// One platform's column of the page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlatformStatus {
    pub vendor: Vendor,
    pub label: &'static str,
    /// Whether the plan uses it: as its platform or as a lane's ESP.
    pub in_plan: bool,
    /// Whether no lane sends through it, so its steps set up every lane
    /// for comparison.
    pub comparison: bool,
    /// What to do before any lane, in order.
    pub steps: Vec<String>,
    pub lanes: Vec<LaneRow>,
}

impl PlatformStatus {
    /// The rows whose steps the platform's list gives: the lanes that send
    /// through it, or every lane when it is shown for comparison.
    pub fn step_rows(&self) -> impl Iterator<Item = &LaneRow> {
        self.lanes
            .iter()
            .filter(move |row| row.sends_here || self.comparison)
    }

    /// The sentence that says which lanes the steps cover.
    pub fn scope(&self) -> String {
        if self.comparison {
            format!(
                "No lane sends through {}; these steps set up every lane there for comparison.",
                self.label
            )
        } else {
            format!("For the lanes that send through {}.", self.label)
        }
    }
}

/// Every platform's table for the plan as routed, in `Vendor::ALL` order:
/// `status_on` with nothing carried elsewhere.
pub fn status(plan: &Plan, routing: &Routing) -> Vec<PlatformStatus> {
    status_on(plan, routing, routing)
}

/// Every platform's table for the plan as routed, Customer.io's set up
/// for `carried`, the routing as the lanes carry the mail on the day
/// (`warmup::migration::carried_on`), as its findings are: a move cut over
/// early keeps its old lane's server and its steps until it completes.
pub fn status_on(plan: &Plan, routing: &Routing, carried: &Routing) -> Vec<PlatformStatus> {
    let cio = customer_io::setup(plan, carried);
    let arriving = moves::arriving(plan, carried, &cio);
    let unscheduled = moves::unscheduled(plan, carried);
    let cio = Cio {
        setup: &cio,
        arriving: &arriving,
        unscheduled: &unscheduled,
    };
    Vendor::ALL
        .into_iter()
        .map(|vendor| {
            let lanes: Vec<LaneRow> = (0..plan.lanes.len() as u32)
                .map(|index| lane_row(plan, routing, &cio, vendor, index))
                .collect();
            let comparison = !lanes.iter().any(|row| row.sends_here);
            PlatformStatus {
                vendor,
                label: vendor.label(),
                in_plan: in_plan(plan, vendor),
                comparison,
                steps: platform_steps(plan, &cio, vendor),
                lanes,
            }
        })
        .collect()
}

/// Whether the plan uses the platform: as its platform, or for a lane.
fn in_plan(plan: &Plan, vendor: Vendor) -> bool {
    let platform = vendor == Vendor::CustomerIo && plan.platform.kind == Platform::CustomerIo;
    platform || plan.lanes.iter().any(|l| sends_through(plan, l, vendor))
}

fn platform_steps(plan: &Plan, cio: &Cio, vendor: Vendor) -> Vec<String> {
    match vendor {
        Vendor::CustomerIo => cio_platform_steps(plan, cio),
        Vendor::SendGrid => vec![
            "Create an API key for the setup and keep it in the environment variable SENDGRID_API_KEY, never in a file.".to_string(),
        ],
        _ => Vec::new(),
    }
}

fn lane_row(plan: &Plan, routing: &Routing, cio: &Cio, vendor: Vendor, index: u32) -> LaneRow {
    let lane = &plan.lanes[index as usize];
    let sends_here = sends_through(plan, lane, vendor);
    // A lane's listed IPs are its own vendor's, so a lane shown on another
    // is set up with the addresses that vendor would give it.
    let there = if sends_here {
        Cow::Borrowed(lane)
    } else {
        Cow::Owned(without_ips(lane))
    };
    let (fit, steps) = match vendor {
        Vendor::CustomerIo => (cio_fit(plan, cio, lane), cio_steps(plan, cio, lane)),
        Vendor::KumoMta => (kumo_fit(lane, sends_here), kumo_steps(plan, &there)),
        Vendor::Listmonk => (listmonk_fit(lane), listmonk_steps(plan, lane)),
        _ => {
            let provider = vendor.provider().unwrap_or(Provider::Custom);
            (
                esp_fit(plan, routing, index, provider, sends_here),
                esp_steps(plan, routing, &there, provider),
            )
        }
    };
    LaneRow {
        lane: lane.id.clone(),
        sends_here,
        fit,
        steps,
    }
}

/// The lane with no IPs listed.
fn without_ips(lane: &Lane) -> Lane {
    Lane {
        ip_addresses: Vec::new(),
        ..lane.clone()
    }
}

fn fit_of(reasons: Vec<String>) -> LaneFit {
    if reasons.is_empty() {
        LaneFit::AsPlanned
    } else {
        LaneFit::NeedsChange(reasons)
    }
}

fn dedicated(lane: &Lane) -> bool {
    matches!(lane.ip_strategy, IpStrategy::Dedicated { .. })
}

/// The lane's IPs as a list, or words for them when none are listed.
fn ips(lane: &Lane) -> String {
    if lane.ip_addresses.is_empty() {
        "the lane's dedicated IPs".to_string()
    } else {
        lane.ip_addresses.join(", ")
    }
}

/// The same, as the subject of a sentence.
fn the_ips(lane: &Lane) -> String {
    if lane.ip_addresses.is_empty() {
        ips(lane)
    } else {
        format!("the IPs {}", ips(lane))
    }
}

fn header_text(headers: &[Header]) -> String {
    let each: Vec<String> = headers
        .iter()
        .map(|h| format!("{}: {}", h.name, h.value))
        .collect();
    each.join(" and ")
}

/// The step that asks for the lane's headers, if it needs any.
fn header_step(plan: &Plan, lane: &Lane, provider: Provider) -> Option<String> {
    let headers = lane_headers_on(plan, lane, provider);
    (!headers.is_empty()).then(|| {
        format!(
            "Send the lane's mail with the header {}.",
            header_text(&headers)
        )
    })
}

// Customer.io.

/// The plan set up on Customer.io, with the mail its migrations move onto
/// lanes whose servers do not carry it yet.
struct Cio<'a> {
    setup: &'a CioSetup,
    arriving: &'a [Arriving<'a>],
    /// The migrations that would move mail but have no first day yet.
    unscheduled: &'a [&'a Migration],
}

/// The servers the migrations add: one for each lane and type, on lanes
/// with an SMTP server of their own.
fn added_servers(plan: &Plan, cio: &Cio) -> u32 {
    moves::added(plan, cio.arriving).len() as u32
}

fn cio_platform_steps(plan: &Plan, cio: &Cio) -> Vec<String> {
    let added = added_servers(plan, cio);
    let cio = cio.setup;
    let total = cio.servers.len() as u32 + added;
    let mut steps = Vec::new();
    if cio.fix.is_some() {
        steps.push(match cio.conflicts.len() {
            0 => "Change the plan first, with its Customer.io fix.".to_string(),
            1 => "Change the plan first, with its Customer.io fix: 1 journey moves or changes trigger.".to_string(),
            n => format!(
                "Change the plan first, with its Customer.io fix: {} move or change trigger.",
                count(n as u64, "journey", "journeys")
            ),
        });
    }
    if total > 1 {
        steps.push(
            "Check that the workspace is on Customer.io's Premium plan, which several SMTP servers need.".to_string(),
        );
    }
    let add = "In Workspace Settings, Email, Custom SMTP Settings, add";
    match cio.servers.len() {
        0 => {}
        1 => steps.push(format!("{add} the one server; it keeps All Emails.")),
        n => steps.push(format!(
            "{add} the {n} servers in the order of their numbers; the first keeps All Emails."
        )),
    }
    if added > 0 && total > customer_io::MAX_SERVERS {
        steps.push(format!(
            "The migrations' servers make {total} in all, and Customer.io uses at most four: {}, as with five or more Customer.io uses only four of them.",
            moves::ONE_AT_A_TIME
        ));
    }
    steps
}

fn cio_fit(plan: &Plan, with_moves: &Cio, lane: &Lane) -> LaneFit {
    let cio = with_moves.setup;
    let mut reasons: Vec<String> = cio
        .conflicts
        .iter()
        .filter(|c| c.planned_lane == lane.id)
        .map(|c| conflict_reason(plan, c))
        .collect();
    let is_all_emails = cio.all_emails_lane.as_deref() == Some(lane.id.as_str());
    let was_all_emails = plan.platform.all_emails_lane.as_deref() == Some(lane.id.as_str());
    if cio.all_emails_changes && is_all_emails {
        reasons.push("It becomes the All Emails lane.".to_string());
    } else if cio.all_emails_changes && was_all_emails {
        reasons.push("It gives up All Emails to another lane.".to_string());
    }
    for port in cio.ports.iter().filter(|p| p.lane == lane.id) {
        reasons.push(format!(
            "Its port {} becomes {}: Customer.io has refused 25, 465 and 587.",
            port.planned, port.suggested
        ));
    }
    for reason in move_reasons(plan, with_moves, lane) {
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
    let serves = cio.servers.iter().any(|s| s.lane == lane.id);
    let custom_elsewhere = cio.servers.iter().any(|s| {
        plan.lane(&s.lane)
            .is_some_and(|l| l.smtp.provider != Provider::CustomerIo)
    });
    if serves && lane.smtp.provider == Provider::CustomerIo && custom_elsewhere {
        reasons.push("Once custom SMTP servers carry All Emails, every message type goes through one of them, so Customer.io's own delivery carries none of this lane's mail.".to_string());
        return LaneFit::NotPossible(reasons);
    }
    let planned = cio.conflicts.iter().filter(|c| c.planned_lane == lane.id);
    let all_move = planned.clone().count() > 0
        && planned.clone().all(|c| {
            matches!(
                c.suggested,
                Suggestion::Move { .. } | Suggestion::TriggerAndMove { .. }
            )
        })
        && !serves;
    if all_move {
        reasons.push(
            "None of its journeys can stay, so Customer.io sends nothing through it.".to_string(),
        );
        return LaneFit::NotPossible(reasons);
    }
    fit_of(reasons)
}

/// What the scheduled migrations do to a lane on Customer.io that the plan
/// does not say: a ramp onto it, which Customer.io cannot split by day, and
/// the journeys of a type that move with the migration, off the lane or
/// onto it, in the Platform tab's steps' words.
fn move_reasons(plan: &Plan, cio: &Cio, lane: &Lane) -> Vec<String> {
    let mut reasons = Vec::new();
    for a in cio.arriving {
        let onto = a.migration.to_lane == lane.id;
        if onto && a.ramps() {
            reasons.push(format!("{}.", moves::ramp_words(plan, lane, a)));
        }
        if onto || a.server.lane == lane.id {
            reasons.extend(moves::whole_type(plan, a));
        }
    }
    reasons
}

fn conflict_reason(plan: &Plan, conflict: &customer_io::Conflict) -> String {
    let name = plan
        .journeys
        .iter()
        .find(|j| j.id == conflict.journey)
        .map_or(conflict.journey.as_str(), |j| j.name.as_str());
    let kind = conflict.message_type.label();
    let why = match conflict.reason {
        ConflictReason::TypeSplit => format!("{kind} mail goes through one lane"),
        ConflictReason::TooManyServers => {
            format!("Customer.io uses at most four servers, so {kind} goes back to All Emails")
        }
        ConflictReason::TransactionalApi => {
            "transactional API mail goes through All Emails".to_string()
        }
    };
    match &conflict.suggested {
        Suggestion::Move { lane } => {
            format!("“{name}” moves to {}: {why}.", plan.lane_name(lane))
        }
        Suggestion::Trigger { trigger } => format!(
            "“{name}” is triggered by {} instead: {why}.",
            customer_io::trigger_words(*trigger)
        ),
        Suggestion::TriggerAndMove { trigger, lane } => format!(
            "“{name}” is triggered by {} and moves to {}: {why}.",
            customer_io::trigger_words(*trigger),
            plan.lane_name(lane)
        ),
    }
}

fn cio_steps(plan: &Plan, cio: &Cio, lane: &Lane) -> Vec<String> {
    let on_lane: Vec<&customer_io::Server> = (cio.setup.servers.iter())
        .filter(|s| s.lane == lane.id)
        .collect();
    let arriving: Vec<&Arriving> = (cio.arriving.iter())
        .filter(|a| a.migration.to_lane == lane.id)
        .collect();
    if on_lane.is_empty() && arriving.is_empty() {
        return vec![no_server(cio, lane)];
    }
    // Beside custom servers, the fix moves the lane to one of its own,
    // which the platform's step counts among the servers to add.
    let own = (cio.setup.own_delivery.iter()).find(|o| o.lane == lane.id);
    if let (Some(own), Some(server)) = (own, on_lane.first()) {
        let kind = server.email_type.label();
        return vec![format!(
            "Add server {}, “{} ({kind})”, email type {kind}, once the plan's Customer.io fix moves the lane to {}: beside custom servers, Customer.io's own delivery carries none of its mail.",
            server.order,
            lane.name,
            own.suggested.label()
        )];
    }
    if lane.smtp.provider == Provider::CustomerIo {
        return vec!["Send through Customer.io's own delivery: no SMTP server to add.".to_string()];
    }
    let smtp = &lane.smtp;
    let host = if smtp.host.is_empty() {
        format!("the SMTP host from {}", smtp.provider.label())
    } else {
        smtp.host.clone()
    };
    // A lane that only a migration brings mail to has no port change in
    // the setup, so a refused port is swapped here as the setup would.
    let port = (cio.setup.ports.iter())
        .find(|p| p.lane == lane.id)
        .map_or(smtp.port, |p| p.suggested);
    let port = match customer_io::REFUSED_PORTS.contains(&port) {
        true => customer_io::accepted_port(smtp.provider),
        false => port,
    };
    let mut steps: Vec<String> = on_lane
        .iter()
        .map(|server| {
            format!(
                "Add server {}, “{} ({})”: {host}, port {port}, email type {}.",
                server.order,
                lane.name,
                server.email_type.label(),
                server.email_type.label()
            )
        })
        .collect();
    let mut added: Vec<MessageType> = Vec::new();
    for a in arriving {
        let kind = a.server.email_type;
        if !added.contains(&kind) {
            added.push(kind);
            steps.push(format!(
                "Add a server “{} ({})”: {host}, port {port}, email type None; migration “{}” moves {} mail here from {}.",
                lane.name,
                kind.label(),
                moves::title(a.migration),
                kind.label(),
                plan.lane_name(&a.server.lane)
            ));
        }
        steps.push(moves::switch_step(plan, lane, a));
    }
    steps.extend(header_step(plan, lane, smtp.provider));
    steps
}

/// The step of a lane no server carries mail for: none, or none yet while
/// the migrations that would bring it mail have no first day, since
/// nothing moves before then.
fn no_server(cio: &Cio, lane: &Lane) -> String {
    let waiting: Vec<String> = (cio.unscheduled.iter())
        .filter(|m| m.to_lane == lane.id)
        .map(|m| format!("“{}”", moves::title(m)))
        .collect();
    match waiting.len() {
        0 => format!(
            "Add no server: none of the plan's mail goes through {} on Customer.io.",
            lane.name
        ),
        1 => format!(
            "No server yet: migration {} would move mail here but has no first day; once it has one, these steps give the server it needs.",
            waiting[0]
        ),
        _ => format!(
            "No server yet: migrations {} would move mail here but have no first day; once they have one, these steps give the servers they need.",
            and_list(&waiting)
        ),
    }
}

// ESPs.

fn esp_fit(plan: &Plan, routing: &Routing, index: u32, provider: Provider, here: bool) -> LaneFit {
    let lane = &plan.lanes[index as usize];
    let mut reasons = Vec::new();
    if !here {
        reasons.push(format!(
            "It is planned on {}; its mail would move to {}.",
            lane.smtp.provider.label(),
            provider.label()
        ));
        if dedicated(lane) && !lane.ip_addresses.is_empty() {
            reasons.push(format!(
                "Its listed IPs belong to {}; {} assigns its own, which warm up anew.",
                lane.smtp.provider.label(),
                provider.label()
            ));
        }
    }
    if provider == Provider::Postmark && dedicated(lane) {
        reasons.push("Postmark sends from shared infrastructure and publishes no dedicated-IP warm-up, so the lane's dedicated IPs do not carry over.".to_string());
    }
    reasons.extend(
        limits::lane_findings(plan, routing, index, provider)
            .into_iter()
            .map(|d| d.message),
    );
    fit_of(reasons)
}

fn esp_steps(plan: &Plan, routing: &Routing, lane: &Lane, provider: Provider) -> Vec<String> {
    let domains = lane_domains(lane);
    let mut steps = match (provider, &domains) {
        (_, None) => vec!["Give the lane a sending domain to authenticate.".to_string()],
        (Provider::SendGrid, Some(d)) => sendgrid_steps(plan, lane, d),
        (Provider::AmazonSes, Some(d)) => ses_steps(plan, lane, d),
        (Provider::Postmark, Some(d)) => postmark_steps(plan, routing, lane, d),
        (_, Some(d)) => mailgun_steps(plan, lane, d),
    };
    steps.extend(header_step(plan, lane, provider));
    steps
}

/// The return path's label under the lane's domain, as SendGrid asks.
fn return_path_label(d: &LaneDomains) -> Option<&str> {
    d.bounce_domain
        .strip_suffix(&d.from_domain)?
        .strip_suffix('.')
        .filter(|label| !label.is_empty())
}

fn sendgrid_steps(plan: &Plan, lane: &Lane, d: &LaneDomains) -> Vec<String> {
    let mut steps = Vec::new();
    if dedicated(lane) {
        let pool = lane_name(plan, lane, NameKind::SendgridPool);
        steps.push(format!("Set up reverse DNS for {}.", ips(lane)));
        steps.push(format!(
            "Create the IP pool “{pool}” and add {}.",
            ips(lane)
        ));
    }
    // The selector the DNS records are under: SendGrid's own, s1, when
    // the lane names none SendGrid takes.
    let selector = if d.dkim_selector == default_selector(Provider::SendGrid) {
        "SendGrid's own DKIM selectors".to_string()
    } else {
        format!("the custom DKIM selector “{}”", d.dkim_selector)
    };
    steps.push(match return_path_label(d) {
        Some(label) => format!(
            "Authenticate {} with the return-path subdomain “{label}” and {selector}.",
            d.from_domain
        ),
        None => format!(
            "Authenticate {} with {selector}; SendGrid's return path sits under that domain, not at {}.",
            d.from_domain, d.bounce_domain
        ),
    });
    if let Some(tracking) = &d.tracking_domain {
        steps.push(format!("Brand the lane's links with {tracking}."));
    }
    steps.push(
        "Turn on the Event Webhook so the lane's bounces and complaints reach your monitoring."
            .to_string(),
    );
    steps
}

fn ses_steps(plan: &Plan, lane: &Lane, d: &LaneDomains) -> Vec<String> {
    let set = lane_name(plan, lane, NameKind::SesConfigurationSet);
    let mut steps = vec![if lane.dkim_selector.trim().is_empty() {
        format!(
            "Verify {} as an email identity with Easy DKIM.",
            d.from_domain
        )
    } else {
        format!(
            "Verify {} as an email identity with your own DKIM key under the selector “{}” (BYODKIM).",
            d.from_domain, d.dkim_selector
        )
    }];
    steps.push(format!(
        "Set its custom MAIL FROM domain to {}.",
        d.bounce_domain
    ));
    let mut sending = String::new();
    if dedicated(lane) {
        let pool = lane_name(plan, lane, NameKind::SesPool);
        let leased = if lane.ip_addresses.is_empty() {
            "the IPs you lease".to_string()
        } else {
            format!("the leased IPs {}", ips(lane))
        };
        steps.push(format!(
            "Create the dedicated IP pool “{pool}”: standard for {leased}, or managed to let SES scale and warm them."
        ));
        sending = format!(", sending through the pool “{pool}”");
    }
    steps.push(format!(
        "Create the configuration set “{set}” with reputation metrics on{sending}, and an event destination for bounces and complaints."
    ));
    if let Some(tracking) = &d.tracking_domain {
        steps.push(format!(
            "Set the set's custom redirect domain to {tracking}."
        ));
    }
    steps
}

fn postmark_steps(plan: &Plan, routing: &Routing, lane: &Lane, d: &LaneDomains) -> Vec<String> {
    let stream = lane_name(plan, lane, NameKind::PostmarkStream);
    let kind = limits::postmark_stream_type(plan, routing, lane);
    vec![
        format!(
            "Add {} as a sender domain, with its DKIM record and the Return-Path {}.",
            d.from_domain, d.bounce_domain
        ),
        if stream == "outbound" {
            "Send through the server's default transactional stream “outbound”.".to_string()
        } else {
            format!("Create the {kind} message stream “{stream}”.")
        },
        "Hand the sender the stream's SMTP token.".to_string(),
        "Add the stream's webhooks for deliveries, bounces and spam complaints.".to_string(),
    ]
}

fn mailgun_steps(plan: &Plan, lane: &Lane, d: &LaneDomains) -> Vec<String> {
    let mut steps = vec![format!(
        "Add the sending domain {} and publish the records Mailgun gives for it.",
        d.from_domain
    )];
    if dedicated(lane) {
        steps.push(format!(
            "Once {} are out of warm-up, create the IP pool “{}” with them and link it to {}.",
            the_ips(lane),
            lane_name(plan, lane, NameKind::MailgunPool),
            d.from_domain
        ));
    }
    steps.push("Add webhooks for deliveries, bounces and complaints.".to_string());
    steps
}

// KumoMTA and listmonk.

fn kumo_fit(lane: &Lane, here: bool) -> LaneFit {
    let mut reasons = Vec::new();
    if !here {
        reasons.push(format!(
            "It is planned on {}; KumoMTA sends from your own servers instead.",
            lane.smtp.provider.label()
        ));
    }
    if !dedicated(lane) {
        reasons.push("KumoMTA sends from your own IP addresses, so the lane needs addresses of its own, each with reverse DNS that matches its EHLO name.".to_string());
    } else if lane.ip_addresses.is_empty() {
        reasons.push("List the lane's IP addresses: each becomes an egress source.".to_string());
    }
    fit_of(reasons)
}

fn kumo_steps(plan: &Plan, lane: &Lane) -> Vec<String> {
    let pool = lane_name(plan, lane, NameKind::KumoPool);
    let tenant = lane_name(plan, lane, NameKind::KumoTenant);
    let mut steps = vec![
        format!(
            "Add an egress source for each of {}, with an EHLO name that matches its reverse DNS.",
            ips(lane)
        ),
        format!("Group them in the egress pool “{pool}” in sources.toml."),
        format!("Map the tenant “{tenant}” to that pool in queues.toml, and send the lane's mail with the header X-Tenant: {tenant}."),
    ];
    if let Some(warmup) = &lane.warmup {
        steps.push(format!(
            "Limit each new source with source_selection_rate in shaping.toml while it warms up ({}).",
            warmup.preset.label()
        ));
    }
    if let Some(d) = lane_domains(lane) {
        steps.push(format!(
            "Sign with DKIM for {} under the selector “{}”, and publish the planned records.",
            d.dkim_domain, d.dkim_selector
        ));
    }
    steps
}

fn listmonk_fit(lane: &Lane) -> LaneFit {
    if lane.smtp.host.trim().is_empty() {
        return LaneFit::NeedsChange(vec![format!(
            "listmonk needs an SMTP server for the lane, and {} names none.",
            lane.name
        )]);
    }
    LaneFit::AsPlanned
}

fn listmonk_steps(plan: &Plan, lane: &Lane) -> Vec<String> {
    let messenger = lane_name(plan, lane, NameKind::ListmonkServer);
    let smtp = &lane.smtp;
    let mut steps = vec![format!(
        "Add an SMTP server for {}:{} whose messenger is “{messenger}”.",
        if smtp.host.is_empty() {
            "the lane's SMTP host"
        } else {
            &smtp.host
        },
        smtp.port
    )];
    let headers = lane_headers(plan, lane);
    if !headers.is_empty() {
        steps.push(format!(
            "Give it the email headers {}.",
            header_text(&headers)
        ));
    }
    steps.push(format!("Choose the messenger “{messenger}” on each of the lane's campaigns: listmonk falls back to the shared “email” messenger, without a word, when it is missing or disabled."));
    steps
}
