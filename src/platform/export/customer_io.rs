//! Customer.io's setup sheet: the custom SMTP servers in the order to add
//! them, what each carries, and the headers each lane's messages need.
//!
//! Customer.io has no API for custom SMTP servers, so the sheet is YAML for
//! people to follow in its settings. It describes the nearest plan
//! Customer.io can build, and lists the plan changes that takes first, and
//! the servers scheduled migrations add, with the Platform tab's steps.

use crate::plan::model::{Lane, Plan, Platform, Provider};
use crate::platform::customer_io::moves::{self, Added};
use crate::platform::customer_io::{
    accepted_port, setup, trigger_words, CioSetup, Server, Suggestion, REFUSED_PORTS,
    SERVERS_SOURCE,
};
use crate::platform::names::{lane_name, NameKind};

use super::{placeholder, yaml_string, Inputs};

pub fn servers(inputs: &Inputs) -> String {
    let plan = inputs.plan;
    let cio = setup(plan, inputs.carried);
    // The servers scheduled migrations add, as the Platform tab's steps
    // give them.
    let arriving = moves::arriving(plan, inputs.carried, &cio);
    let added = moves::added(plan, &arriving);
    let mut out = preamble(plan, &cio, &added);
    out.push_str(&format!("brand: {}\n", yaml_string(&plan.brand.name)));
    let premium = cio.premium || cio.servers.len() + added.len() > 1;
    out.push_str(&format!("premium_plan_needed: {premium}\n"));
    out.push_str(&format!(
        "all_emails_lane: {}\n",
        cio.all_emails_lane
            .as_deref()
            .map_or("null".to_string(), yaml_string)
    ));
    out.push_str(&plan_changes(plan, &cio));
    out.push_str(&server_list(plan, &cio));
    out.push_str(&migration_servers(plan, &cio, &added));
    out.push_str(&lane_headers(plan, &cio, &added));
    out
}

/// The comments that head the sheet; fixed text only, so no plan text can
/// break out of a comment.
fn preamble(plan: &Plan, cio: &CioSetup, added: &[Added]) -> String {
    let mut out = String::from(
        "# Customer.io custom SMTP servers, in the order to add them:\n\
         # Workspace Settings > Email > Custom SMTP Settings > Add Custom SMTP Server.\n\
         # Each server carries one email type; a lane with two types is added twice\n\
         # with the same details. The first server keeps All Emails, the fallback.\n",
    );
    if plan.platform.kind != Platform::CustomerIo {
        out.push_str(
            "# The plan sends from its own code; this sheet sets it up on Customer.io\n\
             # for comparison.\n",
        );
    }
    let total = cio.servers.len() + added.len();
    if total > 1 {
        out.push_str("# More than one server needs Customer.io's Premium plan.\n");
    }
    if moves::in_place(cio, added.len()) {
        out.push_str(
            "# With the migrations' servers there would be more than four, and with five\n\
             # or more Customer.io uses only four: rather than add a move's server, on the\n\
             # move's day change the old lane's server for its type in place (replaces).\n",
        );
    }
    out.push_str("# Passwords never appear here: paste each from its provider.\n");
    out.push_str(&format!("# Source: {SERVERS_SOURCE}\n"));
    out
}

/// What the plan must change before Customer.io can build it.
fn plan_changes(plan: &Plan, cio: &CioSetup) -> String {
    let mut changes: Vec<String> = Vec::new();
    if cio.all_emails_changes {
        if let Some(lane) = &cio.all_emails_lane {
            changes.push(format!("{} keeps All Emails", plan.lane_name(lane)));
        }
    }
    for conflict in &cio.conflicts {
        let journey = plan
            .journeys
            .iter()
            .find(|j| j.id == conflict.journey)
            .map_or(conflict.journey.as_str(), |j| j.called());
        changes.push(match &conflict.suggested {
            Suggestion::Move { lane } => format!("{journey}: move to {}", plan.lane_name(lane)),
            Suggestion::Trigger { trigger } => {
                format!("{journey}: trigger by {}", trigger_words(*trigger))
            }
            Suggestion::TriggerAndMove { trigger, lane } => format!(
                "{journey}: trigger by {} and move to {}",
                trigger_words(*trigger),
                plan.lane_name(lane)
            ),
        });
    }
    for port in &cio.ports {
        changes.push(format!(
            "{}: use port {}",
            plan.lane_name(&port.lane),
            port.suggested
        ));
    }
    for own in &cio.own_delivery {
        changes.push(format!(
            "{}: send through {}",
            plan.lane_name(&own.lane),
            own.suggested.label()
        ));
    }
    if changes.is_empty() {
        return "plan_changes: []\n".to_string();
    }
    let mut out = String::from("plan_changes:\n");
    for change in changes {
        out.push_str(&format!("  - {}\n", yaml_string(&change)));
    }
    out
}

fn server_list(plan: &Plan, cio: &CioSetup) -> String {
    if cio.servers.is_empty() {
        return "servers: []\n".to_string();
    }
    let mut out = String::from("servers:\n");
    for server in &cio.servers {
        if let Some(lane) = plan.lane(&server.lane) {
            out.push_str(&server_entry(plan, cio, lane, server));
        }
    }
    out
}

fn server_entry(plan: &Plan, cio: &CioSetup, lane: &Lane, server: &Server) -> String {
    let email_type = server.email_type.label();
    let mut out = format!("  - order: {}\n", server.order);
    let name = format!("{} ({email_type})", lane.name);
    field_line(&mut out, "name", yaml_string(&name));
    field_line(&mut out, "lane", yaml_string(&lane.id));
    out.push_str(&smtp_fields(plan, cio, lane));
    field_line(&mut out, "email_type", yaml_string(email_type));
    journey_list(plan, &mut out, &server.journeys);
    out
}

/// One `key: value` line of a server entry.
fn field_line(out: &mut String, key: &str, value: String) {
    out.push_str(&format!("    {key}: {value}\n"));
}

/// The journeys a server carries, by name, or an empty list.
fn journey_list(plan: &Plan, out: &mut String, ids: &[String]) {
    if ids.is_empty() {
        field_line(out, "journeys", "[]".to_string());
        return;
    }
    out.push_str("    journeys:\n");
    for id in ids {
        let name = plan
            .journeys
            .iter()
            .find(|j| &j.id == id)
            .map_or(id.as_str(), |j| j.called());
        out.push_str(&format!("      - {}\n", yaml_string(name)));
    }
}

/// A server's provider and what to enter for its SMTP connection.
fn smtp_fields(plan: &Plan, cio: &CioSetup, lane: &Lane) -> String {
    let smtp = &lane.smtp;
    let provider = smtp.provider.label();
    let host = if smtp.host.trim().is_empty() {
        placeholder(&format!("SMTP host from {provider}"))
    } else {
        smtp.host.clone()
    };
    let mut out = String::new();
    let mut field = |key: &str, value: String| field_line(&mut out, key, value);
    field("provider", yaml_string(provider));
    // Customer.io's own delivery has no server to enter; beside custom
    // servers it carries nothing, and the plan changes list the move.
    let moving = cio.own_delivery.iter().find(|o| o.lane == lane.id);
    if let Some(own) = moving {
        field(
            "smtp",
            yaml_string(&format!(
                "none yet: Customer.io's own delivery carries nothing beside custom servers; send it through {} (see plan_changes)",
                own.suggested.label()
            )),
        );
    } else if smtp.provider == Provider::CustomerIo {
        field(
            "smtp",
            yaml_string("none: Customer.io's own delivery, no custom SMTP server"),
        );
    } else {
        field("host", yaml_string(&host));
        field("port", port_line(smtp.provider, smtp.port));
        field("username", yaml_string(&username(plan, lane)));
        field(
            "password",
            yaml_string(&placeholder(&format!(
                "SMTP password or API key from {provider}"
            ))),
        );
    }
    out
}

/// The servers scheduled migrations add, each set to None until its type
/// moves, with the Platform tab's steps for the switch, and the journeys
/// of the type, which move whole. Past the servers Customer.io uses, each
/// is the old lane's server of its type, changed in place on that day.
fn migration_servers(plan: &Plan, cio: &CioSetup, added: &[Added]) -> String {
    if added.is_empty() {
        return "migration_servers: []\n".to_string();
    }
    let in_place = moves::in_place(cio, added.len());
    let mut out = String::from(match in_place {
        false => {
            "# Servers the migrations add: each set to None, then to its type on the day\n\
                  # that type moves, as its steps say.\nmigration_servers:\n"
        }
        true => {
            "# The servers the migrations move to: past the four Customer.io uses, each is\n\
                 # the old lane's server of its type (replaces), changed to these settings on\n\
                 # the day that type moves, as its steps say.\nmigration_servers:\n"
        }
    });
    for server in added {
        let (lane, kind) = (server.lane, server.email_type.label());
        out.push_str(&format!(
            "  - name: {}\n",
            yaml_string(&format!("{} ({kind})", lane.name))
        ));
        field_line(&mut out, "lane", yaml_string(&lane.id));
        out.push_str(&smtp_fields(plan, cio, lane));
        if in_place {
            let old = &server.moves[0].server;
            let replaces = format!("{} ({kind})", plan.lane_name(&old.lane));
            field_line(&mut out, "replaces", yaml_string(&replaces));
            field_line(&mut out, "email_type", yaml_string(kind));
        } else {
            field_line(&mut out, "email_type", yaml_string("None"));
            field_line(&mut out, "then_email_type", yaml_string(kind));
        }
        out.push_str("    steps:\n");
        let mut journeys: Vec<String> = Vec::new();
        for a in &server.moves {
            let step = moves::switch_step(plan, cio, lane, a, in_place);
            out.push_str(&format!("      - {}\n", yaml_string(&step)));
            journeys.extend(a.server.journeys.iter().cloned());
        }
        // The type's journeys, once each, in plan order.
        let ids: Vec<String> = (plan.journeys.iter())
            .filter(|j| journeys.contains(&j.id))
            .map(|j| j.id.clone())
            .collect();
        journey_list(plan, &mut out, &ids);
    }
    out
}

/// The port to use, with the planned one in a comment when Customer.io
/// refuses it.
fn port_line(provider: Provider, port: u16) -> String {
    if !REFUSED_PORTS.contains(&port) {
        return port.to_string();
    }
    format!(
        "{}  # the plan says {port}; Customer.io has refused 25, 465 and 587",
        accepted_port(provider)
    )
}

/// The lane's SMTP user name, or a placeholder naming where to find it.
fn username(plan: &Plan, lane: &Lane) -> String {
    let smtp = &lane.smtp;
    if !smtp.username.trim().is_empty() {
        return smtp.username.clone();
    }
    placeholder(&match smtp.provider {
        Provider::Postmark => format!(
            "Access Key of the SMTP token of the Postmark stream {}",
            lane_name(plan, lane, NameKind::PostmarkStream)
        ),
        Provider::AmazonSes => "SES SMTP user name".to_string(),
        provider => format!("SMTP username from {}", provider.label()),
    })
}

/// Per server lane, the headers its messages carry, the lanes of the
/// migrations' servers with them.
fn lane_headers(plan: &Plan, cio: &CioSetup, added: &[Added]) -> String {
    let mut entries = String::new();
    for lane in &plan.lanes {
        let serves = cio.servers.iter().any(|s| s.lane == lane.id)
            || added.iter().any(|s| s.lane.id == lane.id);
        let needed = crate::platform::names::lane_headers(plan, lane);
        if !serves || needed.is_empty() {
            continue;
        }
        entries.push_str(&format!(
            "  - lane: {}\n    headers:\n",
            yaml_string(&lane.id)
        ));
        for header in needed {
            entries.push_str(&format!(
                "      {}: {}\n",
                yaml_string(header.name),
                yaml_string(&header.value)
            ));
        }
    }
    if entries.is_empty() {
        return "lane_headers: []\n".to_string();
    }
    format!(
        "# Custom headers each lane's messages carry, so the ESP picks its pool,\n\
         # configuration set or stream.\nlane_headers:\n{entries}"
    )
}
