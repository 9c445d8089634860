//! The lanes as KumoMTA policy-helper files: `sources.toml` (each lane's
//! egress sources and pool, for `policy-extras.sources`), `queues.toml`
//! (each lane's tenant and its pool, for `policy-extras.queue`) and
//! `shaping.toml` (each warming source's daily rate, for
//! `policy-extras.shaping`).
//!
//! The warm-up is a static `source_selection_rate`, the first sending
//! day's, with a dated table of the later rates as comments. KumoMTA's
//! warm-up helper (`policy-extras/warmup.lua` with `warmup.toml`) would
//! advance by itself, but it is only on KumoMTA's main branch, not in a
//! release, and it counts calendar days where the plan's ramp holds on the
//! days a lane does not send. Shaping files read `source_selection_rate`
//! in every release since 2025.03.19, and KumoMTA's warm-up guide names
//! keeping it by hand as the way without the helper.
//!
//! The rate is scoped to one destination site and one source, so the file
//! sets it at Gmail, Outlook.com and Yahoo, the providers that judge new
//! IPs hardest and receive most of the mail; other destinations are not
//! capped, and the file says so.

use super::{
    comment, comparison_note, double_quoted, lanes_on, own_ips, placeholder, unique, Inputs,
};
use crate::plan::model::{IpStrategy, Lane, Mailbox, Plan, WarmupPlan};
use crate::plan::ranges::MAX_DEDICATED_IPS;
use crate::platform::names::{lane_name, problem, NameKind};
use crate::platform::status::Vendor;
use crate::warmup::calendar::{binding, cap_at, enough, Calendar, MAX_DAYS};
use crate::warmup::migration::lane_wanted;

/// The destinations whose site gets each warming source's rate.
const WARMUP_DOMAINS: [(&str, Mailbox); 3] = [
    ("gmail.com", Mailbox::Gmail),
    ("outlook.com", Mailbox::Microsoft),
    ("yahoo.com", Mailbox::Yahoo),
];

/// Each warm-up domain's part of a source's daily rate: its mailbox
/// provider's share of the plan's mix, so the three together keep to the
/// ramp's cap instead of each taking all of it.
fn domain_shares(plan: &Plan) -> [(&'static str, u64); 3] {
    let mix = &plan.simulation.mix_percent;
    let total: u64 = mix.iter().map(|&p| u64::from(p)).sum::<u64>().max(1);
    WARMUP_DOMAINS.map(|(domain, mailbox)| (domain, u64::from(mix[mailbox.slot()]) * 100 / total))
}

/// The header that names a message's tenant, and so its lane.
const TENANT_HEADER: &str = "X-Tenant";

/// One lane as KumoMTA sees it.
struct KumoLane<'a> {
    lane: &'a Lane,
    pool: String,
    tenant: String,
    sources: Vec<Source>,
}

/// One egress source: a sending IP of the lane.
struct Source {
    name: String,
    /// The address, or why there is none yet.
    address: Result<String, String>,
}

/// The per-source warm-up rate from a date (or a sending day) on; `None`
/// once the lane is warm.
struct Step {
    from: String,
    rate: Option<u64>,
}

/// `sources.toml`: per lane its sources, then its pool of them.
pub fn sources(inputs: &Inputs) -> String {
    let (lanes, mut out) = opening(
        inputs.plan,
        "egress sources and pools, for policy-extras.sources.",
    );
    for lane in &lanes {
        out.push('\n');
        lane_comment(&mut out, lane);
        notes(&mut out, &[problem(&lane.pool, NameKind::KumoPool)]);
        for source in &lane.sources {
            source_table(&mut out, source);
        }
        for source in &lane.sources {
            let lines = [
                format!("[pool.{}.{}]", key(&lane.pool), key(&source.name)),
                "weight = 1".to_string(),
            ];
            table(&mut out, &lines, source.address.is_err());
        }
    }
    out
}

/// `queues.toml`: the tenant header, and per lane its tenant's pool.
pub fn queues(inputs: &Inputs) -> String {
    let (lanes, mut out) = opening(
        inputs.plan,
        "tenants and their egress pools, for policy-extras.queue.",
    );
    out.push_str(&format!(
        "\ntenant_header = {}\n",
        toml_string(TENANT_HEADER)
    ));
    out.push_str("remove_tenant_header = true\n");
    let default = inputs.plan.default_lane.as_deref();
    match lanes.iter().find(|l| Some(l.lane.id.as_str()) == default) {
        Some(lane) => out.push_str(&format!("default_tenant = {}\n", toml_string(&lane.tenant))),
        None => out.push_str("# No default lane among these lanes, so no default tenant.\n"),
    }
    for lane in &lanes {
        out.push('\n');
        lane_comment(&mut out, lane);
        let routed = inputs
            .routing
            .routes
            .iter()
            .filter(|r| r.lane_id.as_deref() == Some(lane.lane.id.as_str()))
            .count();
        let mut said = vec![
            problem(&lane.tenant, NameKind::KumoTenant),
            Some(format!(
                "{}: their messages carry {TENANT_HEADER}: {}.",
                journeys(routed),
                lane.tenant
            )),
        ];
        if lane.sources.iter().all(|s| s.address.is_err()) {
            said.push(Some(
                "The pool has no address yet: see sources.toml.".to_string(),
            ));
        }
        notes(&mut out, &said);
        out.push_str(&format!("[tenant.{}]\n", key(&lane.tenant)));
        out.push_str(&format!("egress_pool = {}\n", toml_string(&lane.pool)));
    }
    out
}

/// `shaping.toml`: each warming source's first-day rate at the largest
/// mailbox providers, with the dates the rate changes.
pub fn shaping(inputs: &Inputs) -> String {
    let what = "warm-up rates per egress source; list it after the shipped shaping.toml in the shaping helper's extra_files.";
    let (lanes, mut out) = opening(inputs.plan, what);
    let shares = domain_shares(inputs.plan);
    let named: Vec<String> = shares.iter().map(|(d, p)| format!("{d} {p}%")).collect();
    let rest = 100 - shares.iter().map(|(_, p)| p).sum::<u64>().min(100);
    let scope = format!(
        "A source_selection_rate applies per destination site, so each site here takes its share of a source's daily rate by the plan's mailbox mix ({}); the other {rest}% (Apple and other domains) is not capped here: add a table for each large one.",
        named.join(", ")
    );
    out.push_str(&format!("# {scope}\n"));
    for lane in &lanes {
        out.push('\n');
        lane_comment(&mut out, lane);
        match &lane.lane.warmup {
            Some(warmup) => warmup_tables(inputs, lane, warmup, &mut out),
            None => out.push_str("# The lane is warm: no warm-up rate.\n"),
        }
    }
    out
}

/// The lanes the files set up, with names unique across the file.
fn kumo_lanes(plan: &Plan) -> (Vec<KumoLane<'_>>, bool) {
    let (lanes, for_comparison) = lanes_on(plan, Vendor::KumoMta);
    let mut tenants = Vec::new();
    let mut source_names = Vec::new();
    let lanes = lanes
        .into_iter()
        .map(|lane| {
            let pool = lane_name(plan, lane, NameKind::KumoPool);
            let tenant = lane_name(plan, lane, NameKind::KumoTenant);
            let tenant = unique(tenant, &mut tenants, "-");
            let sources = lane_sources(lane, for_comparison, &pool, &mut source_names);
            KumoLane {
                lane,
                pool,
                tenant,
                sources,
            }
        })
        .collect();
    (lanes, for_comparison)
}

/// A source per planned IP: the addresses the lane lists, unless they are
/// another vendor's (`comparison`), then placeholders up to its dedicated
/// count (one for a shared lane, which needs an address of its own on
/// KumoMTA).
fn lane_sources(lane: &Lane, comparison: bool, pool: &str, taken: &mut Vec<String>) -> Vec<Source> {
    let listed = own_ips(lane, comparison);
    let missing = if listed.len() < lane.ip_addresses.len() {
        format!(
            "the lane's listed addresses are {}'s",
            lane.smtp.provider.label()
        )
    } else {
        "no address planned yet".to_string()
    };
    let planned = match lane.ip_strategy {
        IpStrategy::Dedicated { count } => count.min(MAX_DEDICATED_IPS) as usize,
        IpStrategy::Shared => 1,
    };
    let count = planned.max(listed.len());
    (0..count)
        .map(|i| {
            let address = match listed.get(i).map(|a| a.trim()) {
                Some(text) => match text.parse::<std::net::IpAddr>() {
                    Ok(ip) => Ok(ip.to_string()),
                    Err(_) => Err(format!("“{text}” is not an IP address")),
                },
                None => Err(missing.clone()),
            };
            Source {
                name: unique(format!("{pool}-{}", i + 1), taken, "-"),
                address,
            }
        })
        .collect()
}

fn source_table(out: &mut String, source: &Source) {
    let (address, ehlo) = match &source.address {
        Ok(ip) => (ip.clone(), placeholder(&format!("PTR host name of {ip}"))),
        Err(why) => {
            out.push_str(&comment(&format!("{}: {why}.", source.name)));
            (placeholder("IP address"), placeholder("its PTR host name"))
        }
    };
    let lines = [
        format!("[source.{}]", key(&source.name)),
        format!("source_address = {}", toml_string(&address)),
    ];
    table(out, &lines, source.address.is_err());
    // The EHLO name must match the address's PTR record, which the plan
    // does not hold; KumoMTA uses the host name until it is set.
    out.push_str(&format!("# ehlo_domain = {}\n", toml_string(&ehlo)));
}

fn warmup_tables(inputs: &Inputs, lane: &KumoLane, warmup: &WarmupPlan, out: &mut String) {
    let count = lane.sources.len() as u64;
    let steps = schedule(inputs, lane.lane, warmup, count);
    let first = match steps.first() {
        Some(Step {
            rate: Some(rate), ..
        }) => *rate,
        Some(_) => {
            out.push_str(
                "# The ramp's first day already covers the lane's mail: no warm-up rate.\n",
            );
            return;
        }
        None => {
            out.push_str("# The warm-up has no sending day: no warm-up rate.\n");
            return;
        }
    };
    out.push_str(&format!(
        "# {} ramp, split across {count} sources. The rate below is each source's first day, before the sites' shares; set the shares of it on each date:\n",
        warmup.preset.label()
    ));
    for step in &steps {
        let rate = match step.rate {
            Some(rate) => format!("{rate}/day"),
            None => "warm: delete this lane's tables".to_string(),
        };
        out.push_str(&format!("#   {}  {rate}\n", step.from));
    }
    for (domain, share) in domain_shares(inputs.plan) {
        let rate = (first * share).div_ceil(100).max(1);
        for source in &lane.sources {
            let lines = [
                format!("[{}.sources.{}]", key(domain), key(&source.name)),
                format!(
                    "source_selection_rate = {}",
                    toml_string(&format!("{rate}/day,max_burst=1"))
                ),
            ];
            table(out, &lines, source.address.is_err());
        }
    }
}

/// The lane's per-source rate from each date it changes, from its warm-up
/// calendar, or by sending day while the ramp has no start date.
fn schedule(inputs: &Inputs, lane: &Lane, warmup: &WarmupPlan, sources: u64) -> Vec<Step> {
    let wanted = lane_wanted(inputs.plan, inputs.routing, &lane.id);
    let per_source = |cap: u64| cap.div_ceil(sources.max(1));
    match crate::warmup::calendar::calendar(warmup, &wanted, MAX_DAYS) {
        Some(calendar) => dated(&calendar, per_source),
        None => {
            let enough = enough(warmup, wanted.peak_for(warmup));
            let days = (0..MAX_DAYS).map(|step| {
                // As the calendar does: warm once the cap covers everything.
                let cap = binding(cap_at(warmup, step), enough);
                (format!("sending day {}", step + 1), cap.map(per_source))
            });
            changes(days)
        }
    }
}

fn dated(calendar: &Calendar, per_source: impl Fn(u64) -> u64) -> Vec<Step> {
    let warm_on = calendar.warm_on.as_deref();
    let days = calendar.days.iter().filter(|d| d.sending).map(|day| {
        let warm = warm_on.is_some_and(|w| day.date.as_str() >= w);
        let rate = if warm { None } else { day.cap.map(&per_source) };
        (day.date.clone(), rate)
    });
    changes(days)
}

/// The days on which the rate changes, up to the first warm one.
fn changes(days: impl Iterator<Item = (String, Option<u64>)>) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    for (from, rate) in days {
        if steps.last().map(|s| s.rate) != Some(rate) {
            steps.push(Step { from, rate });
        }
        if rate.is_none() {
            break;
        }
    }
    steps
}

fn journeys(count: usize) -> String {
    match count {
        1 => "1 journey routes here".to_string(),
        n => format!("{n} journeys route here"),
    }
}

/// The file's lanes and its opening comments.
fn opening<'a>(plan: &'a Plan, what: &str) -> (Vec<KumoLane<'a>>, String) {
    let (lanes, for_comparison) = kumo_lanes(plan);
    let mut lines = vec![format!("KumoMTA for {}: {what}", plan.title())];
    if for_comparison {
        lines.push(comparison_note("KumoMTA (a custom SMTP server)"));
    }
    (lanes, lines.iter().map(|line| comment(line)).collect())
}

fn lane_comment(out: &mut String, lane: &KumoLane) {
    let text = format!("Lane “{}” ({}).", lane.lane.name, lane.lane.id);
    out.push_str(&comment(&text));
}

fn notes(out: &mut String, notes: &[Option<String>]) {
    for note in notes.iter().flatten() {
        out.push_str(&comment(note));
    }
}

/// A table's lines, commented out when its values are placeholders.
fn table(out: &mut String, lines: &[String], commented: bool) {
    for line in lines {
        if commented {
            out.push_str("# ");
        }
        out.push_str(line);
        out.push('\n');
    }
}

/// A TOML key, always quoted so any name is one key.
fn key(name: &str) -> String {
    toml_string(name)
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
fn toml_string(text: &str) -> String {
    double_quoted(text, char::is_control)
}
