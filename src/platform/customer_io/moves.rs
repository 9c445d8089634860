//! What scheduled migrations need on Customer.io, which sends each message
//! type through one server: a server of the moved mail's type on the new
//! lane, and one date on which the type changes server, whole. The
//! Platform tab's steps and table, the server sheet, the Migrations card
//! and the lint all read it from here, so they say the same.

use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::{Lane, Migration, Plan, Platform, Provider};
use crate::plan::routing::Routing;
use crate::units::{and_list, count};
use crate::warmup::calendar::date;
use crate::warmup::migration::{moved_mail, moved_words, moving_mail, split, Moved};

use super::{
    accepted_port, setup, CioSetup, MessageType, Server, MAX_SERVERS, REFUSED_PORTS, SERVERS_SOURCE,
};

/// Mail of one message type that a scheduled migration moves onto its new
/// lane from another lane's server. Customer.io sends each type through
/// one server, so the new lane needs a server of that type, and the type
/// can change server only whole and on one date.
pub struct Arriving<'a> {
    pub migration: &'a Migration,
    /// The server that carries the mail until it moves.
    pub server: &'a Server,
    /// That server's journeys the migration leaves where they are.
    pub staying: Vec<&'a str>,
    /// The first day the new lane takes some of the mail, and the day it
    /// takes all of it (`None` past the calendar).
    pub first_day: String,
    pub completes_on: Option<String>,
}

impl Arriving<'_> {
    /// Whether the move splits the type's mail between the two lanes over
    /// several days, rather than moving it all on its first day.
    pub fn ramps(&self) -> bool {
        self.completes_on.as_deref() != Some(self.first_day.as_str())
    }

    /// The mail of the whole type, which changes server at once: the
    /// journeys the migration moves and those it leaves behind, counted as
    /// the move counts its own.
    pub fn type_mail(&self, plan: &Plan) -> Moved {
        let of_type = (plan.journeys.iter()).filter(|j| self.server.journeys.contains(&j.id));
        Moved {
            journeys: self.server.journeys.clone(),
            moving: moving_mail(plan, self.migration, of_type),
            ..Moved::default()
        }
    }
}

/// What each scheduled migration moves off another lane's server onto its
/// new lane, by the servers of the buildable plan, in plan order.
pub fn arriving<'a>(plan: &'a Plan, routing: &Routing, cio: &'a CioSetup) -> Vec<Arriving<'a>> {
    let mut out = Vec::new();
    for m in &plan.migrations {
        arriving_with(plan, routing, cio, m, &mut out);
    }
    out
}

/// What one migration moves onto its new lane, as `arriving`.
fn arriving_with<'a>(
    plan: &'a Plan,
    routing: &Routing,
    cio: &'a CioSetup,
    m: &'a Migration,
    out: &mut Vec<Arriving<'a>>,
) {
    if m.from_lane == m.to_lane {
        return;
    }
    let Some(split) = split(plan, routing, m, &[]) else {
        return;
    };
    let Some(first_day) = split.first_day else {
        return;
    };
    let moved: rustc_hash::FxHashSet<&str> =
        split.moved.journeys.iter().map(String::as_str).collect();
    let moves = |id: &&String| moved.contains(id.as_str());
    for server in cio.servers.iter().filter(|s| s.lane != m.to_lane) {
        if !server.journeys.iter().any(|id| moves(&id)) {
            continue;
        }
        out.push(Arriving {
            migration: m,
            server,
            staying: (server.journeys.iter())
                .filter(|id| !moves(id))
                .map(String::as_str)
                .collect(),
            first_day: first_day.clone(),
            completes_on: split.completes_on.clone(),
        });
    }
}

/// A server the migrations add: a lane with an SMTP server of its own and
/// a type it does not carry yet, with the moves that bring that mail.
pub struct Added<'a> {
    pub lane: &'a Lane,
    pub email_type: MessageType,
    pub moves: Vec<&'a Arriving<'a>>,
}

/// The servers the migrations add, one for each lane and type, in plan
/// order. A lane on Customer.io's own delivery needs none.
pub fn added<'a>(plan: &'a Plan, arriving: &'a [Arriving<'a>]) -> Vec<Added<'a>> {
    let mut out: Vec<Added<'a>> = Vec::new();
    for a in arriving {
        let Some(lane) = plan.lane(&a.migration.to_lane) else {
            continue;
        };
        if lane.smtp.provider == Provider::CustomerIo {
            continue;
        }
        let kind = a.server.email_type;
        match (out.iter_mut()).find(|s| s.lane.id == lane.id && s.email_type == kind) {
            Some(server) => server.moves.push(a),
            None => out.push(Added {
                lane,
                email_type: kind,
                moves: vec![a],
            }),
        }
    }
    out
}

/// The migrations with no first day yet that would move mail between two
/// of the plan's lanes: nothing moves until they have one, so no server is
/// set up for them.
pub fn unscheduled<'a>(plan: &'a Plan, routing: &Routing) -> Vec<&'a Migration> {
    let lanes =
        |m: &Migration| plan.lane(&m.from_lane).is_some() && plan.lane(&m.to_lane).is_some();
    (plan.migrations.iter())
        .filter(|m| m.from_lane != m.to_lane && lanes(m) && date(&m.start_date).is_none())
        .filter(|m| !moved_mail(plan, routing, m).journeys.is_empty())
        .collect()
}

/// The host and port of `lane`'s server on Customer.io: a lane that only a
/// migration brings mail to has no port change in the setup, so a refused
/// port is swapped here as the setup would.
pub fn server_settings(cio: &CioSetup, lane: &Lane) -> (String, u16) {
    let smtp = &lane.smtp;
    let host = match smtp.host.is_empty() {
        true => format!("the SMTP host from {}", smtp.provider.label()),
        false => smtp.host.clone(),
    };
    let port = (cio.ports.iter())
        .find(|p| p.lane == lane.id)
        .map_or(smtp.port, |p| p.suggested);
    let port = match REFUSED_PORTS.contains(&port) {
        true => accepted_port(smtp.provider),
        false => port,
    };
    (host, port)
}

/// Whether the `added` servers the migrations bring would take the
/// workspace past the servers Customer.io uses, so each move changes the
/// old lane's server in place instead.
pub fn in_place(cio: &CioSetup, added: usize) -> bool {
    added > 0 && cio.servers.len() + added > MAX_SERVERS as usize
}

/// A migration's name, or its id while it has none.
pub fn title(m: &Migration) -> &str {
    match m.name.trim() {
        "" => &m.id,
        _ => &m.name,
    }
}

/// How a migration's mail of one type changes server onto `lane`: on its
/// one day, or, for a ramp, which Customer.io cannot split by day between
/// two servers, on one date the user picks; with the journeys of the type
/// the migration leaves behind, which move too. With the workspace `full`
/// (`in_place`), the old lane's server of the type is changed in place to
/// the new lane's settings; else the server added for the move takes the
/// type and the old one is set to None.
pub fn switch_step(plan: &Plan, cio: &CioSetup, lane: &Lane, a: &Arriving, full: bool) -> String {
    let kind = a.server.email_type.label();
    let from = plan.lane_name(&a.server.lane);
    let (on_day, on_ramp) = if full {
        let (host, port) = server_settings(cio, lane);
        let change = format!(
            "change the {kind} server on {from} to {host}, port {port} with {}'s login, and rename it “{} ({kind})”, rather than add a server",
            lane.name, lane.name
        );
        (
            format!("{change}."),
            format!(", and on that date {change}."),
        )
    } else {
        let set = format!(
            "server “{} ({kind})” to {kind} and the {kind} server on {from} to None",
            lane.name
        );
        (
            format!("set {set}."),
            format!(
                ", setting {set}; the Migrations tab compares the ramp with a one-day cutover."
            ),
        )
    };
    let switch = match a.ramps() {
        true => format!("{}{on_ramp}", ramp_words(plan, lane, a)),
        false => format!(
            "On {}, when migration “{}” moves the mail, {on_day}",
            a.first_day,
            title(a.migration)
        ),
    };
    format!("{switch}{}", what_moves(plan, a))
}

/// What moves with the type beyond the migration's own journeys: every
/// type, for All Emails, and the journeys of the type it leaves behind.
fn what_moves(plan: &Plan, a: &Arriving) -> String {
    let fallback = match a.server.email_type {
        MessageType::AllEmails => {
            " All Emails carries every type without a server of its own, so that mail moves here too."
        }
        _ => "",
    };
    let staying = whole_type(plan, a).map_or(String::new(), |s| format!(" {s}"));
    format!("{fallback}{staying}")
}

/// That a ramp onto `lane` cannot be built on Customer.io, and the date to
/// move the type on instead, without a full stop.
pub fn ramp_words(plan: &Plan, lane: &Lane, a: &Arriving) -> String {
    let kind = a.server.email_type.label();
    let until = match &a.completes_on {
        Some(day) => format!("to {day}"),
        None => "on".to_string(),
    };
    // The day the new lane's cap first takes all of it is the date that
    // loses nothing to the cap.
    let when = match &a.completes_on {
        Some(day) => format!(", such as {day}, when the ramp would take all of it"),
        None => String::new(),
    };
    format!(
        "Migration “{}” splits {kind} mail between {} and {} day by day from {} {until}, which Customer.io cannot do: it sends each message type through one server. Move {kind} on one date instead{when}",
        title(a.migration),
        plan.lane_name(&a.server.lane),
        lane.name,
        a.first_day
    )
}

/// The journeys of the type the migration leaves behind, which move with
/// it, and the mail of the whole type, in a sentence; `None` when it
/// takes every journey of the type. The Platform tab's steps and table and
/// the Migrations card all give this figure.
pub fn whole_type(plan: &Plan, a: &Arriving) -> Option<String> {
    if a.staying.is_empty() {
        return None;
    }
    Some(format!(
        "Customer.io moves a type whole, so migration “{}” also moves {} it leaves on {}: {}; in all, {} moves {}.",
        title(a.migration),
        count(a.staying.len() as u64, "journey", "journeys"),
        plan.lane_name(&a.server.lane),
        journey_names(plan, &a.staying),
        a.server.email_type.label(),
        moved_words(&a.type_mail(plan), "messages a day")
    ))
}

/// Journeys by name, in quotes: the first three, then how many more.
fn journey_names(plan: &Plan, ids: &[&str]) -> String {
    const NAMED: usize = 3;
    let name = |id: &&str| {
        let j = plan.journeys.iter().find(|j| j.id == *id);
        format!("“{}”", j.map_or(*id, |j| j.called()))
    };
    let mut names: Vec<String> = ids.iter().take(NAMED).map(name).collect();
    if ids.len() > NAMED {
        names.push(format!("{} more", ids.len() - NAMED));
    }
    and_list(&names)
}

/// Migration `m`'s steps on Customer.io, set up as `cio`, as the Platform
/// tab gives them for its new lane: how each type it moves changes server.
/// None off Customer.io, before it has a first day, or onto a lane on
/// Customer.io's own delivery, which has no server to switch.
pub fn steps_of(plan: &Plan, routing: &Routing, cio: &CioSetup, m: &Migration) -> Vec<String> {
    let lane = plan.lane(&m.to_lane);
    let Some(lane) = lane.filter(|l| l.smtp.provider != Provider::CustomerIo) else {
        return Vec::new();
    };
    if plan.platform.kind != Platform::CustomerIo {
        return Vec::new();
    }
    let all = self::arriving(plan, routing, cio);
    let full = in_place(cio, added(plan, &all).len());
    let mut arriving = Vec::new();
    arriving_with(plan, routing, cio, m, &mut arriving);
    (arriving.iter())
        .map(|a| switch_step(plan, cio, lane, a, full))
        .collect()
}

/// What to do about more servers than Customer.io uses, which the
/// Platform tab's step and the finding's hint share. Adding a server ahead
/// of its day, or even on it, would make one too many while the old one
/// is still there; changing the old one in place never adds one.
pub const IN_PLACE: &str = "rather than add a move's server, on the move's day change the old lane's server for the type it moves to the new lane's host, port and login, and rename it";

/// On Customer.io, each migration whose servers bring the workspace past
/// the four servers Customer.io uses, at that migration: with five or
/// more, only four are used, so each move changes a server in place. Adding and removing servers is done in Customer.io's settings,
/// so there is no plan edit to offer.
pub fn findings(plan: &Plan, routing: &Routing) -> Vec<Diagnostic> {
    if plan.platform.kind != Platform::CustomerIo || plan.migrations.is_empty() {
        return Vec::new();
    }
    let cio = setup(plan, routing);
    let arriving = arriving(plan, routing, &cio);
    let added = added(plan, &arriving);
    let mut total = cio.servers.len() as u32;
    let mut out = Vec::new();
    for (index, m) in plan.migrations.iter().enumerate() {
        let its = |s: &&Added| std::ptr::eq(s.moves[0].migration, m);
        let names: Vec<String> = (added.iter().filter(its))
            .map(|s| format!("“{} ({})”", s.lane.name, s.email_type.label()))
            .collect();
        total += names.len() as u32;
        if names.is_empty() || total <= MAX_SERVERS {
            continue;
        }
        let servers = match names.len() {
            1 => "the server",
            _ => "the servers",
        };
        // A note, not a warning: the plan is sound, and changing servers in
        // place in Customer.io's settings, which no edit makes, keeps it so.
        out.push(
            Diagnostic::info(
                "platform.cio_migration_servers",
                format!("$.migrations[{index}]"),
                format!(
                    "With {servers} {} that migration “{}” needs, the plan would have {total} Customer.io SMTP servers, and with five or more Customer.io uses only four of them.",
                    and_list(&names),
                    title(m)
                ),
            )
            .hint(format!(
                "On Customer.io, {IN_PLACE}, so the workspace never holds more than four; the Platform tab's steps give each move's day. Source: {SERVERS_SOURCE}"
            )),
        );
    }
    out
}
