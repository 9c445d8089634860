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

use crate::plan::model::{IpStrategy, Lane, Plan, Platform, Provider};
use crate::plan::routing::Routing;

use super::customer_io;
use super::customer_io::moves;
use super::names::{lane_headers_on, Header};

mod cio;
mod esp;

use cio::{cio_fit, cio_platform_steps, cio_steps, Cio};
use esp::{esp_fit, esp_steps, kumo_fit, kumo_steps, listmonk_fit, listmonk_steps};

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
