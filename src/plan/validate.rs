//! Checks a plan for mistakes a person can fix, and normalises what it can.
//!
//! `validate` never fails: it returns every finding with the JSON path of the
//! field and a hint. `integrity` is the subset that makes a plan unusable
//! (duplicate identifiers, references to lanes that do not exist), which an
//! import refuses outright.

use std::collections::HashMap;

use crate::domain::{address_domain, is_within, normalize_address, normalize_domain};
use crate::plan::diagnostic::{Diagnostic, Fix};
use crate::plan::edit::{Edit, WarmupField};
use crate::plan::model::{
    canonical_domain, FallbackAction, FallbackPlan, IpStrategy, Lane, LaneStatus, Overflow, Plan,
    Provider, Purpose, Rule, Trigger, WarmupPreset,
};
use crate::units::{count, group};

/// Largest daily volume a journey may claim; beyond it figures lose meaning.
pub const MAX_DAILY_VOLUME: u32 = 100_000_000;
/// Most dedicated IPs a lane may plan.
pub const MAX_DEDICATED_IPS: u32 = 64;
/// Longest event latency or wait a journey may have: a year, in minutes.
pub const MAX_MINUTES: u32 = 525_600;
/// Largest revenue per recipient a journey may claim.
pub const MAX_REVENUE: f64 = 1e6;

/// Every finding about the plan's own fields, in plan order.
pub fn validate(plan: &Plan) -> Vec<Diagnostic> {
    let mut out = integrity(plan);
    check_brand(plan, &mut out);
    for (index, lane) in plan.lanes.iter().enumerate() {
        check_lane(index, lane, &mut out);
    }
    check_journeys(plan, &mut out);
    check_dmarc_plan(plan, &mut out);
    check_extras(plan, &mut out);
    check_warmups(plan, &mut out);
    check_simulation(plan, &mut out);
    check_readiness(plan, &mut out);
    check_migrations(plan, &mut out);
    duplicate_names(
        plan.lanes.iter().map(|l| l.name.as_str()),
        "lanes",
        "lane",
        &mut out,
    );
    duplicate_names(
        plan.journeys.iter().map(|j| j.name.as_str()),
        "journeys",
        "journey",
        &mut out,
    );
    out
}

/// Findings that make the plan's references ambiguous or broken.
pub fn integrity(plan: &Plan) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if plan.id.trim().is_empty() {
        out.push(
            Diagnostic::error("plan.id_empty", "$.id", "The plan has no id.")
                .hint("Give the plan any short identifier, such as “acme-2026”."),
        );
    }
    duplicate_ids(plan.lanes.iter().map(|l| l.id.as_str()), "lanes", &mut out);
    duplicate_ids(
        plan.journeys.iter().map(|j| j.id.as_str()),
        "journeys",
        &mut out,
    );
    duplicate_ids(plan.rules.iter().map(|r| r.id.as_str()), "rules", &mut out);
    let exists = |id: &str| plan.lanes.iter().any(|lane| lane.id == id);
    if let Some(lane) = plan.default_lane.as_deref().filter(|l| !exists(l)) {
        out.push(missing_default(lane));
    }
    if let Some(lane) = &plan.platform.all_emails_lane {
        if !exists(lane) {
            out.push(dangling("$.platform.all_emails_lane".into(), lane));
        }
    }
    for (index, journey) in plan.journeys.iter().enumerate() {
        if let Some(lane) = &journey.lane_override {
            if !exists(lane) {
                out.push(dangling(format!("$.journeys[{index}].lane_override"), lane));
            }
        }
    }
    for (index, rule) in plan.rules.iter().enumerate() {
        if !exists(&rule.lane) {
            out.push(missing_rule_lane(index, rule));
        }
    }
    for (index, fallback) in plan.simulation.fallbacks.iter().enumerate() {
        let at = format!("$.simulation.fallbacks[{index}]");
        if !exists(&fallback.lane) {
            out.push(dangling(format!("{at}.lane"), &fallback.lane));
        }
        if let Some(shift) = fallback.shift_lane.as_deref().filter(|l| !exists(l)) {
            out.push(dangling(format!("{at}.shift_lane"), shift));
        }
    }
    let lanes_of_topics = plan
        .preferences
        .topics
        .iter()
        .enumerate()
        .flat_map(|(t, topic)| {
            topic
                .suppresses
                .iter()
                .map(move |l| (format!("$.preferences.topics[{t}].suppresses"), l.as_str()))
        });
    let references = (plan.checklist.items.iter().enumerate())
        .filter(|(_, i)| !i.lane.is_empty())
        .map(|(i, item)| (format!("$.checklist.items[{i}].lane"), item.lane.as_str()))
        .chain(
            plan.checklist
                .seeds
                .iter()
                .enumerate()
                .map(|(i, seed)| (format!("$.checklist.seeds[{i}].lane"), seed.lane.as_str())),
        )
        .chain(lanes_of_topics)
        .chain(
            plan.preferences
                .one_click_lanes
                .iter()
                .map(|l| ("$.preferences.one_click_lanes".to_string(), l.as_str())),
        )
        .chain(plan.monitoring.thresholds.iter().enumerate().map(|(i, t)| {
            (
                format!("$.monitoring.thresholds[{i}].lane"),
                t.lane.as_str(),
            )
        }));
    for (path, lane) in references {
        if !exists(lane) {
            out.push(dangling(path, lane));
        }
    }
    duplicate_ids(
        plan.preferences.topics.iter().map(|t| t.id.as_str()),
        "preferences.topics",
        &mut out,
    );
    for (index, lane) in plan.lanes.iter().enumerate() {
        if let Some(spill) = lane.warmup.as_ref().and_then(|w| w.spill_lane.as_deref()) {
            if !exists(spill) {
                out.push(dangling(
                    format!("$.lanes[{index}].warmup.spill_lane"),
                    spill,
                ));
            }
        }
    }
    migration_references(plan, &mut out);
    out
}

/// Migrations name lanes and journeys the plan has, each by a unique id.
fn migration_references(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let ids = plan.migrations.iter().map(|m| m.id.as_str());
    duplicate_ids(ids, "migrations", out);
    for (index, m) in plan.migrations.iter().enumerate() {
        let at = |field: &str| format!("$.migrations[{index}].{field}");
        for (field, lane) in [("from_lane", &m.from_lane), ("to_lane", &m.to_lane)] {
            if plan.lane(lane).is_none() {
                out.push(dangling(at(field), lane));
            }
        }
        for (i, journey) in m.journeys.iter().enumerate() {
            if !plan.journeys.iter().any(|j| j.id == *journey) {
                out.push(
                    Diagnostic::error(
                        "plan.dangling_journey",
                        format!("{}[{i}]", at("journeys")),
                        format!(
                            "It refers to the journey “{journey}”, which the plan does not have."
                        ),
                    )
                    .hint("Use the id of one of the plan's journeys, or remove it from the move."),
                );
            }
        }
    }
}

/// Puts every domain and address of the plan in canonical form. Values that
/// do not parse are left as typed, so that `validate` can point at them.
pub fn normalize(plan: &mut Plan) {
    canonical_domain(&mut plan.brand.primary_domain);
    plan.lanes.iter_mut().for_each(Lane::normalize);
}

fn dangling(path: String, lane: &str) -> Diagnostic {
    Diagnostic::error(
        "plan.dangling_lane",
        path,
        format!("It refers to the lane “{lane}”, which the plan does not have."),
    )
    .hint("Use the id of one of the plan's lanes, or add the lane.")
}

/// The default lane is gone. Routing reports the journeys it strands; this
/// is the one finding about the setting itself.
fn missing_default(lane: &str) -> Diagnostic {
    Diagnostic::error(
        "plan.dangling_lane",
        "$.default_lane",
        format!("The default lane “{lane}” does not exist."),
    )
    .hint("Choose one of the plan's lanes as the default.")
}

/// A rule's lane is gone, said with the rule's number and name so the
/// problems list tells which rule it is.
fn missing_rule_lane(index: usize, rule: &Rule) -> Diagnostic {
    Diagnostic::error(
        "plan.dangling_lane",
        format!("$.rules[{index}].lane"),
        format!(
            "Rule {} “{}” sends to the missing lane “{}”.",
            index + 1,
            rule.name,
            rule.lane
        ),
    )
    .hint("Point the rule at an existing lane or delete it.")
}

fn duplicate_ids<'a>(ids: impl Iterator<Item = &'a str>, list: &str, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (index, id) in ids.enumerate() {
        if id.trim().is_empty() {
            out.push(
                Diagnostic::error(
                    "plan.id_empty",
                    format!("$.{list}[{index}].id"),
                    "The id is empty.",
                )
                .hint("Give it a short unique identifier."),
            );
        } else if let Some(first) = seen.insert(id, index) {
            out.push(
                Diagnostic::error(
                    "plan.duplicate_id",
                    format!("$.{list}[{index}].id"),
                    format!("The id “{id}” is already used by {list}[{first}]."),
                )
                .hint("Ids must be unique within the list; rename one."),
            );
            seen.insert(id, first);
        }
    }
}

fn duplicate_names<'a>(
    names: impl Iterator<Item = &'a str>,
    list: &str,
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, name) in names.enumerate() {
        let key = name.trim().to_lowercase();
        if key.is_empty() {
            out.push(
                Diagnostic::error(
                    "plan.name_empty",
                    format!("$.{list}[{index}].name"),
                    format!("A {what} has no name."),
                )
                .hint("Name it after what it sends, such as “Cart recovery”."),
            );
        } else if let Some(&first) = seen.get(&key) {
            out.push(
                Diagnostic::warning(
                    "plan.duplicate_name",
                    format!("$.{list}[{index}].name"),
                    format!(
                        "Another {what} ({list}[{first}]) is also called “{}”.",
                        name.trim()
                    ),
                )
                .hint(format!(
                    "Give each {what} a distinct name so tables and reports stay readable."
                )),
            );
        } else {
            seen.insert(key, index);
        }
    }
}

fn check_brand(plan: &Plan, out: &mut Vec<Diagnostic>) {
    if plan.brand.name.trim().is_empty() {
        out.push(
            Diagnostic::warning("brand.name_empty", "$.brand.name", "The brand has no name.")
                .hint("Name the brand; it heads exports and reports."),
        );
    }
    if let Some(d) = check_domain(
        &plan.brand.primary_domain,
        "$.brand.primary_domain",
        "primary domain",
        true,
    ) {
        out.push(d);
    }
}

/// A finding for a malformed or non-canonical domain, if any.
fn check_domain(value: &str, path: &str, what: &str, required: bool) -> Option<Diagnostic> {
    if value.trim().is_empty() {
        return required.then(|| {
            Diagnostic::warning("domain.missing", path, format!("The {what} is not set."))
                .hint("Enter a domain such as brand.com.")
        });
    }
    match normalize_domain(value) {
        Err(why) => Some(
            Diagnostic::error(
                "domain.invalid",
                path,
                format!("The {what} “{value}” is not a valid domain: {why}."),
            )
            .hint("Use a host name such as mail.brand.com; internationalised names are fine."),
        ),
        Ok(ascii) if ascii != value => Some(
            Diagnostic::info(
                "domain.not_normalized",
                path,
                format!("The {what} “{value}” is stored as “{ascii}” in DNS."),
            )
            .hint("Editing the field saves the normalised form."),
        ),
        Ok(_) => None,
    }
}

fn check_address(value: &str, path: &str, what: &str, required: bool) -> Option<Diagnostic> {
    if value.trim().is_empty() {
        return required.then(|| {
            Diagnostic::warning("address.missing", path, format!("The {what} is not set."))
                .hint("Enter an address such as hello@mail.brand.com.")
        });
    }
    normalize_address(value).err().map(|why| {
        Diagnostic::error(
            "address.invalid",
            path,
            format!("The {what} “{value}” is not a valid address: {why}."),
        )
        .hint("Write a bare address such as orders@receipts.brand.com.")
    })
}

fn check_lane(index: usize, lane: &Lane, out: &mut Vec<Diagnostic>) {
    let at = |field: &str| format!("$.lanes[{index}].{field}");
    let push = |out: &mut Vec<Diagnostic>, d: Option<Diagnostic>| out.extend(d);
    push(
        out,
        check_domain(
            &lane.sending_domain,
            &at("sending_domain"),
            "sending domain",
            true,
        ),
    );
    push(
        out,
        check_domain(
            &lane.return_path_domain,
            &at("return_path_domain"),
            "Return-Path domain",
            false,
        ),
    );
    push(
        out,
        check_domain(
            &lane.tracking_domain,
            &at("tracking_domain"),
            "link-tracking domain",
            false,
        ),
    );
    push(
        out,
        check_address(
            &lane.from_address,
            &at("from_address"),
            "From address",
            true,
        ),
    );
    push(
        out,
        check_address(&lane.reply_to, &at("reply_to"), "Reply-To address", false),
    );

    if let (Ok(from), Ok(sending)) = (
        normalize_address(&lane.from_address),
        normalize_domain(&lane.sending_domain),
    ) {
        let from_domain = address_domain(&from).unwrap_or_default();
        if !is_within(from_domain, &sending) {
            out.push(
                Diagnostic::error(
                    "lane.from_outside_domain",
                    at("from_address"),
                    format!("The From address is on {from_domain}, outside the lane's sending domain {sending}."),
                )
                .hint(format!("Send from an address at {sending} so the lane's authentication and reputation apply.")),
            );
        }
    }
    if lane.from_name.trim().is_empty() {
        out.push(
            Diagnostic::warning(
                "lane.from_name_empty",
                at("from_name"),
                "The lane has no From name.",
            )
            .hint("Use the name customers know, the same across lanes."),
        );
    }
    check_smtp(lane, &at, out);
    out.extend(check_domain(
        &lane.dkim_domain,
        &at("dkim_domain"),
        "DKIM signing domain",
        false,
    ));
    let selector = lane.dkim_selector.trim();
    if !selector.is_empty()
        && !selector.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
    {
        out.push(
            Diagnostic::error(
                "lane.dkim_selector",
                at("dkim_selector"),
                format!("“{selector}” is not a DKIM selector."),
            )
            .hint("Use letters, digits and hyphens, such as s1 or tx2026a."),
        );
    }
    for (i, address) in lane.ip_addresses.iter().enumerate() {
        if address.trim().parse::<std::net::IpAddr>().is_err() {
            out.push(
                Diagnostic::error(
                    "lane.ip_address",
                    format!("$.lanes[{index}].ip_addresses[{i}]"),
                    format!("“{address}” is not an IP address."),
                )
                .hint("Write an IPv4 address such as 198.51.100.7 or an IPv6 address."),
            );
        }
    }
    if let IpStrategy::Dedicated { count } = lane.ip_strategy {
        if count == 0 || count > MAX_DEDICATED_IPS {
            out.push(
                Diagnostic::error(
                    "lane.ip_count",
                    at("ip_strategy.count"),
                    format!("{count} dedicated IPs is outside 1 to {MAX_DEDICATED_IPS}."),
                )
                .hint("Plan at least one dedicated IP, or choose the shared pool."),
            );
        }
    }
}

fn check_smtp(lane: &Lane, at: &dyn Fn(&str) -> String, out: &mut Vec<Diagnostic>) {
    let smtp = &lane.smtp;
    if smtp.provider == Provider::CustomerIo {
        return;
    }
    if smtp.host.trim().is_empty() {
        out.push(
            Diagnostic::warning(
                "smtp.host_missing",
                at("smtp.host"),
                "The SMTP host is not set.",
            )
            .hint("Enter the provider's SMTP host, or pick a provider preset."),
        );
    } else if let Err(why) = normalize_domain(&smtp.host) {
        out.push(
            Diagnostic::error(
                "smtp.host_invalid",
                at("smtp.host"),
                format!("The SMTP host “{}” is not valid: {why}.", smtp.host),
            )
            .hint(
                "Use the host name from the provider's SMTP settings, such as smtp.sendgrid.net.",
            ),
        );
    }
    if smtp.port == 0 {
        out.push(
            Diagnostic::error("smtp.port_zero", at("smtp.port"), "The SMTP port is 0.")
                .hint("Most providers take 587 (STARTTLS) or 465 (implicit TLS)."),
        );
    } else if smtp.port == 25 {
        out.push(
            Diagnostic::warning(
                "smtp.port_25",
                at("smtp.port"),
                "Port 25 is usually blocked for submission.",
            )
            .hint("Use 587 or 2525 with STARTTLS, or 465 with implicit TLS."),
        );
    } else if smtp.provider == Provider::Custom && matches!(smtp.port, 465 | 587) {
        out.push(
            Diagnostic::info(
                "smtp.cio_port",
                at("smtp.port"),
                format!(
                    "Customer.io's custom-SMTP documentation has listed port {} as unsupported.",
                    smtp.port
                ),
            )
            .hint("If Customer.io refuses the connection, use port 2525."),
        );
    }
    let expected = match smtp.port {
        465 | 2465 => Some(crate::plan::model::Security::ImplicitTls),
        587 | 2525 | 2587 => Some(crate::plan::model::Security::Starttls),
        _ => None,
    };
    if let Some(expected) = expected.filter(|e| *e != smtp.security) {
        out.push(
            Diagnostic::warning(
                "smtp.security_mismatch",
                at("smtp.security"),
                format!(
                    "Port {} is normally used with {}.",
                    smtp.port,
                    match expected {
                        crate::plan::model::Security::ImplicitTls => "implicit TLS",
                        crate::plan::model::Security::Starttls => "STARTTLS",
                    }
                ),
            )
            .hint("Match the security mode to the port, or the connection will fail."),
        );
    }
}

fn check_dmarc_plan(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let dmarc = &plan.dmarc;
    out.extend(check_address(
        &dmarc.rua,
        "$.dmarc.rua",
        "DMARC report address",
        false,
    ));
    let start = dmarc.rollout_start.trim();
    if !start.is_empty() && !crate::units::is_iso_date(start) {
        out.push(
            Diagnostic::error(
                "dmarc.rollout_start",
                "$.dmarc.rollout_start",
                format!("“{start}” is not a date."),
            )
            .hint("Write the first day as YYYY-MM-DD, such as 2027-01-04."),
        );
    }
    if !(1..=52).contains(&dmarc.weeks_per_stage) {
        out.push(
            Diagnostic::error(
                "dmarc.weeks_per_stage",
                "$.dmarc.weeks_per_stage",
                format!(
                    "{} weeks per stage is outside 1 to 52.",
                    dmarc.weeks_per_stage
                ),
            )
            .hint("Four weeks per stage gives reports time to show every sender."),
        );
    }
}

fn check_extras(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let extras = &plan.extras;
    out.extend(check_address(
        &extras.tls_rpt_rua,
        "$.extras.tls_rpt_rua",
        "TLS report address",
        false,
    ));
    let urls = [
        (
            &extras.bimi_logo,
            "bimi_logo",
            "logo",
            ".svg",
            "https://brand.com/bimi/logo.svg",
        ),
        (
            &extras.bimi_certificate,
            "bimi_certificate",
            "mark certificate",
            ".pem",
            "https://brand.com/bimi/vmc.pem",
        ),
    ];
    for (value, field, what, suffix, example) in urls {
        let url = value.trim();
        if url.is_empty() {
            continue;
        }
        let lower = url.to_ascii_lowercase();
        let bad_char = url
            .chars()
            .any(|c| c == ';' || c == '"' || c.is_whitespace());
        if !lower.starts_with("https://") || !lower.ends_with(suffix) || bad_char {
            out.push(
                Diagnostic::error(
                    "bimi.url",
                    format!("$.extras.{field}"),
                    format!("The BIMI {what} “{url}” must be an HTTPS address of a {suffix} file without spaces or semicolons."),
                )
                .hint(format!("Write an address such as {example}.")),
            );
        }
    }
    if extras.bimi_logo.trim().is_empty() && !extras.bimi_certificate.trim().is_empty() {
        out.push(
            Diagnostic::warning(
                "bimi.no_logo",
                "$.extras.bimi_logo",
                "A mark certificate is set but no logo, so no BIMI record is planned.",
            )
            .hint("Add the logo's HTTPS address."),
        );
    }
}

fn check_warmups(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for (index, lane) in plan.lanes.iter().enumerate() {
        let at = |field: &str| format!("$.lanes[{index}].warmup.{field}");
        let Some(w) = &lane.warmup else {
            if matches!(lane.status, LaneStatus::New | LaneStatus::Warming) {
                out.push(
                    Diagnostic::warning(
                        "warmup.missing",
                        format!("$.lanes[{index}].warmup"),
                        format!("{} is {} but has no warm-up plan.", lane.name, lane.status.label().to_lowercase()),
                    )
                    .hint("Warm up each new sending domain or IP gradually: choose a schedule for the lane, or No warm-up if it already sends at full volume.")
                    .fix(
                        "Plan Braze's moderate warm-up",
                        vec![Edit::Warmup {
                            lane: lane.id.clone(),
                            set: WarmupField::Preset(Some(WarmupPreset::BrazeModerate)),
                        }],
                    ),
                );
            }
            continue;
        };
        let date_field = |field: &str, value: &str, out: &mut Vec<Diagnostic>| {
            let value = value.trim();
            if !value.is_empty() && !crate::units::is_iso_date(value) {
                out.push(
                    Diagnostic::error(
                        "warmup.date",
                        at(field),
                        format!("“{value}” is not a date."),
                    )
                    .hint("Write dates as YYYY-MM-DD, such as 2027-09-06."),
                );
            }
        };
        date_field("start_date", &w.start_date, out);
        date_field("target_date", &w.target_date, out);
        for (i, day) in w.skipped_dates.iter().enumerate() {
            if !crate::units::is_iso_date(day.trim()) {
                out.push(
                    Diagnostic::error(
                        "warmup.date",
                        format!("{}[{i}]", at("skipped_dates")),
                        format!("“{day}” is not a date."),
                    )
                    .hint("Pick the day again in the calendar, or remove it."),
                );
            }
        }
        let (start, peak) = (w.start_date.trim(), w.target_date.trim());
        let both = crate::units::is_iso_date(start) && crate::units::is_iso_date(peak);
        // ISO dates compare as text.
        if both && start > peak {
            out.push(
                Diagnostic::warning(
                    "warmup.after_peak",
                    at("target_date"),
                    format!("The warm-up of {} starts on {start}, after its peak date, {peak}, so the lane cannot be warm for the peak.", lane.name),
                )
                .hint("Start the warm-up weeks before the peak date, or set the peak date it is for."),
            );
        }
        if w.start_date.trim().is_empty() {
            out.push(
                Diagnostic::info(
                    "warmup.unscheduled",
                    at("start_date"),
                    format!("The warm-up of {} has no start date yet.", lane.name),
                )
                .hint("Set the first day to see the calendar."),
            );
        }
        if w.sending_weekdays.is_empty() {
            out.push(
                Diagnostic::error(
                    "warmup.weekdays",
                    at("sending_weekdays"),
                    format!(
                        "The warm-up of {} has no sending days, so it never sends.",
                        lane.name
                    ),
                )
                .hint("Tick the days the lane sends on."),
            );
        } else if w.sending_weekdays.iter().any(|d| !(1..=7).contains(d)) {
            out.push(
                Diagnostic::error(
                    "warmup.weekdays",
                    at("sending_weekdays"),
                    "Sending weekdays are numbered 1 (Monday) to 7 (Sunday).",
                )
                .hint("Tick the days the lane sends on again, to replace the numbers in the file."),
            );
        }
        if w.preset == crate::plan::model::WarmupPreset::Custom
            && (w.custom.start_volume == 0 || w.custom.hold_days == 0)
        {
            out.push(
                Diagnostic::error(
                    "warmup.custom",
                    at("custom"),
                    "A custom ramp needs a start volume and at least one day per level.",
                )
                .hint(
                    "Start at a few hundred messages a day and hold each level one to three days.",
                ),
            );
        }
        if w.overflow == Overflow::Spill {
            match w.spill_lane.as_deref().and_then(|id| plan.lanes.iter().find(|l| l.id == id)) {
                None => out.push(
                    Diagnostic::error("warmup.spill_lane", at("spill_lane"), "Overflow spills to a lane, but none is chosen.")
                        .hint("Choose a warm lane, or defer or suppress the overflow."),
                ),
                Some(other) if other.id == lane.id => out.push(
                    Diagnostic::error("warmup.spill_lane", at("spill_lane"), "A lane cannot spill into itself.")
                        .hint("Choose another, warm lane."),
                ),
                Some(other) if !is_warm(other) => out.push(
                    Diagnostic::warning("warmup.spill_cold", at("spill_lane"), format!("{} spills into {}, which is not warm itself.", lane.name, other.name))
                        .hint("Spill only into a lane with an established reputation, or defer the overflow.")
                        .with_fix(spill_fix(plan, lane)),
                ),
                Some(_) => {}
            }
        }
    }
}

fn check_simulation(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let sim = &plan.simulation;
    let start = sim.start_date.trim();
    if !start.is_empty() && !crate::units::is_iso_date(start) {
        out.push(
            Diagnostic::error(
                "simulation.start_date",
                "$.simulation.start_date",
                format!("“{start}” is not a date."),
            )
            .hint("Write the first simulated day as YYYY-MM-DD."),
        );
    }
    if !(7..=365).contains(&sim.days) {
        out.push(
            Diagnostic::error(
                "simulation.days",
                "$.simulation.days",
                format!(
                    "{} is outside 7 to 365.",
                    count(sim.days.into(), "day", "days")
                ),
            )
            .hint("Simulate 90 days to see a warm-up and its repair times."),
        );
    }
    let gates = [
        (sim.gate_delivered_percent, "gate_delivered_percent"),
        (sim.gate_complaint_percent, "gate_complaint_percent"),
        (sim.gate_bounce_percent, "gate_bounce_percent"),
    ];
    for (value, field) in gates {
        if !(0.0..=100.0).contains(&value) {
            out.push(
                Diagnostic::error(
                    "simulation.gate",
                    format!("$.simulation.{field}"),
                    "A health gate is a percentage from 0 to 100.",
                )
                .hint("The defaults are 90% delivered, 0.1% complaints and 2% bounces."),
            );
        }
    }
    // Summed wide: a file may hold any shares, and a sum that wrapped
    // could come out at exactly 100.
    let mix: u64 = sim.mix_percent.iter().map(|&p| u64::from(p)).sum();
    if mix != 100 {
        out.push(
            Diagnostic::error(
                "simulation.mix",
                "$.simulation.mix_percent",
                format!("The mailbox-provider mix adds up to {mix}%, not 100%."),
            )
            .hint("Take the shares from your list's recipient domains."),
        );
    }
    for (index, fallback) in sim.fallbacks.iter().enumerate() {
        if fallback.action == crate::plan::model::FallbackAction::Shift {
            let target = fallback.shift_lane.as_deref();
            if target.is_none() || target == Some(fallback.lane.as_str()) {
                out.push(
                    Diagnostic::error(
                        "simulation.shift_lane",
                        format!("$.simulation.fallbacks[{index}].shift_lane"),
                        "A fallback that shifts promotions needs another lane to take them.",
                    )
                    .hint("Choose a warm lane, or pause the promotions instead."),
                );
            } else if let Some(lane) = target.and_then(|id| plan.lane(id)) {
                if !is_warm(lane) {
                    out.push(
                        Diagnostic::warning("simulation.shift_cold", format!("$.simulation.fallbacks[{index}].shift_lane"), format!("The fallback shifts promotions to {}, which is not warm itself.", lane.name))
                            .hint("A fallback lane must have a reputation of its own; warm it up first, or pause the promotions.")
                            .with_fix(shift_fix(plan, fallback)),
                    );
                }
            }
        }
    }
}

/// Whether a lane has a reputation of its own to lend: warm, with no
/// warm-up planned.
pub fn is_warm(lane: &Lane) -> bool {
    lane.status == LaneStatus::Warm && lane.warmup.is_none()
}

/// A warm lane of `lane`'s purpose, other than it and `not`, to take its
/// promotions or overflow. Never a transactional lane, whose reputation is
/// kept for mail people ask for.
fn warm_like<'a>(plan: &'a Plan, lane: &Lane, not: &str) -> Option<&'a Lane> {
    plan.lanes.iter().find(|l| {
        l.id != lane.id
            && l.id != not
            && l.purpose == lane.purpose
            && l.purpose != Purpose::Transactional
            && is_warm(l)
    })
}

/// The fix for a fallback that shifts promotions to the wrong lane: a warm
/// lane like its own, else pausing the promotions.
pub fn shift_fix(plan: &Plan, fallback: &FallbackPlan) -> Fix {
    let not = fallback.shift_lane.as_deref().unwrap_or("");
    let to = plan
        .lane(&fallback.lane)
        .and_then(|l| warm_like(plan, l, not));
    let lane = fallback.lane.clone();
    match to {
        Some(to) => Fix {
            label: format!("Shift them to {}", to.name),
            edits: vec![Edit::SetFallbackShift {
                lane,
                shift_lane: Some(to.id.clone()),
            }],
        },
        None => Fix {
            label: "Pause promotions instead".to_string(),
            edits: vec![Edit::SetFallback {
                lane,
                action: Some(FallbackAction::PausePromotions),
            }],
        },
    }
}

/// The fix for a warm-up that spills into the wrong lane: a warm lane like
/// it, else deferring the overflow.
pub fn spill_fix(plan: &Plan, lane: &Lane) -> Fix {
    let not = lane.warmup.as_ref().and_then(|w| w.spill_lane.as_deref());
    let to = warm_like(plan, lane, not.unwrap_or(""));
    let (label, set) = match to {
        Some(to) => (
            format!("Spill into {}", to.name),
            WarmupField::SpillLane(Some(to.id.clone())),
        ),
        None => (
            "Defer the overflow instead".to_string(),
            WarmupField::Overflow(Overflow::Defer),
        ),
    };
    let lane = lane.id.clone();
    Fix {
        label,
        edits: vec![Edit::Warmup { lane, set }],
    }
}

fn check_journeys(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for (index, journey) in plan.journeys.iter().enumerate() {
        let at = |field: &str| format!("$.journeys[{index}].{field}");
        if !(0.0..=MAX_REVENUE).contains(&journey.revenue_per_recipient) {
            out.push(
                Diagnostic::error(
                    "journey.revenue",
                    at("revenue_per_recipient"),
                    "Revenue per recipient must be from zero to 1,000,000.",
                )
                .hint("Enter the average revenue one recipient brings, such as 0.45."),
            );
        }
        if let Trigger::Event {
            latency_minutes,
            delay_minutes,
            ..
        } = &journey.trigger
        {
            let fields = [
                ("latency_minutes", latency_minutes),
                ("delay_minutes", delay_minutes),
            ];
            for (field, minutes) in fields {
                if *minutes > MAX_MINUTES {
                    out.push(
                        Diagnostic::error(
                            "journey.minutes",
                            at(&format!("trigger.{field}")),
                            format!("{} is longer than a year.", crate::units::minutes(*minutes)),
                        )
                        .hint("Enter minutes up to 525,600 (a year)."),
                    );
                }
            }
        }
        if journey.daily_volume > MAX_DAILY_VOLUME {
            out.push(
                Diagnostic::error(
                    "journey.volume",
                    at("daily_volume"),
                    format!(
                        "{} messages a day is beyond what one journey sends.",
                        group(journey.daily_volume.into())
                    ),
                )
                .hint(format!(
                    "Enter a daily volume up to {}.",
                    group(MAX_DAILY_VOLUME.into())
                )),
            );
        }
        match &journey.trigger {
            Trigger::Event { event_name, .. } if event_name.trim().is_empty() => out.push(
                Diagnostic::warning(
                    "journey.event_name",
                    at("trigger.event_name"),
                    "The trigger event has no name.",
                )
                .hint(
                    "Name the event exactly as the platform receives it, such as “Added to Cart”.",
                ),
            ),
            Trigger::SegmentEntry { segment } if segment.trim().is_empty() => out.push(
                Diagnostic::warning(
                    "journey.segment",
                    at("trigger.segment"),
                    "The trigger segment has no name.",
                )
                .hint("Name the segment people enter."),
            ),
            _ => {}
        }
    }
}

/// Migrations that move nothing, or into the lane they leave, and dates
/// that cannot be read.
fn check_migrations(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let date = |value: &str, path: String, out: &mut Vec<Diagnostic>| {
        let value = value.trim();
        if !value.is_empty() && !crate::units::is_iso_date(value) {
            out.push(
                Diagnostic::error("migration.date", path, format!("“{value}” is not a date."))
                    .hint("Write dates as YYYY-MM-DD, such as 2027-09-06."),
            );
        }
    };
    for (index, m) in plan.migrations.iter().enumerate() {
        let at = |field: &str| format!("$.migrations[{index}].{field}");
        let label = if m.name.trim().is_empty() {
            &m.id
        } else {
            &m.name
        };
        if m.from_lane == m.to_lane {
            out.push(
                Diagnostic::error(
                    "migration.same_lane",
                    at("to_lane"),
                    format!(
                        "{label} moves mail from {} into the same lane.",
                        plan.lane_name(&m.from_lane)
                    ),
                )
                .hint("Choose the lane the mail moves to."),
            );
        }
        if !m.whole_lane && m.journeys.is_empty() {
            out.push(
                Diagnostic::warning(
                    "migration.empty",
                    at("journeys"),
                    format!("{label} moves no journeys."),
                )
                .hint("Tick the journeys that move, or move the whole lane."),
            );
        }
        date(&m.start_date, at("start_date"), out);
        for (i, day) in m.hold_dates.iter().enumerate() {
            date(day, format!("{}[{i}]", at("hold_dates")), out);
        }
        if m.start_date.trim().is_empty() {
            out.push(
                Diagnostic::info(
                    "migration.unscheduled",
                    at("start_date"),
                    format!("{label} has no start date yet."),
                )
                .hint("Set the first day mail moves to see the daily split."),
            );
        }
    }
    if let Some(peak) = &plan.peak_window {
        date(&peak.start, "$.peak_window.start".into(), out);
        date(&peak.end, "$.peak_window.end".into(), out);
        if peak.end.trim() < peak.start.trim() {
            out.push(
                Diagnostic::error(
                    "migration.peak_window",
                    "$.peak_window.end",
                    "The peak season ends before it starts.",
                )
                .hint("Set the last day on or after the first."),
            );
        }
    }
}

/// Checklist dates, seed results and thresholds that cannot be read.
fn check_readiness(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let date = |value: &str, path: String, out: &mut Vec<Diagnostic>| {
        let value = value.trim();
        if !value.is_empty() && !crate::units::is_iso_date(value) {
            out.push(
                Diagnostic::error("checklist.date", path, format!("“{value}” is not a date."))
                    .hint("Write dates as YYYY-MM-DD, such as 2027-03-01."),
            );
        }
    };
    for (i, item) in plan.checklist.items.iter().enumerate() {
        date(&item.due, format!("$.checklist.items[{i}].due"), out);
    }
    for (i, seed) in plan.checklist.seeds.iter().enumerate() {
        if seed.date.trim().is_empty() {
            out.push(
                Diagnostic::warning(
                    "checklist.seed_date",
                    format!("$.checklist.seeds[{i}].date"),
                    "The seed test has no date.",
                )
                .hint("Record the day the seed list was sent, so older results can be told apart."),
            );
        }
        date(&seed.date, format!("$.checklist.seeds[{i}].date"), out);
    }
    for (i, topic) in plan.preferences.topics.iter().enumerate() {
        if topic.name.trim().is_empty() {
            out.push(
                Diagnostic::error(
                    "preferences.topic_name",
                    format!("$.preferences.topics[{i}].name"),
                    "The topic has no name.",
                )
                .hint("Name it as the preference page does, such as “Offers and news”."),
            );
        }
    }
    for (i, p) in plan.monitoring.postmaster.iter().enumerate() {
        date(&p.date, format!("$.monitoring.postmaster[{i}].date"), out);
        if crate::domain::normalize_domain(&p.domain).is_err() {
            out.push(
                Diagnostic::error(
                    "monitoring.postmaster_domain",
                    format!("$.monitoring.postmaster[{i}].domain"),
                    format!("“{}” is not a domain.", p.domain),
                )
                .hint("Use the domain as Postmaster Tools lists it, such as mail.brand.com."),
            );
        }
        if !(0.0..=100.0).contains(&p.spam_rate_percent) {
            out.push(
                Diagnostic::error(
                    "monitoring.range",
                    format!("$.monitoring.postmaster[{i}].spam_rate_percent"),
                    "The spam rate is outside 0–100%.",
                )
                .hint("Write the rate in %, such as 0.08."),
            );
        }
    }
    for (i, t) in plan.monitoring.thresholds.iter().enumerate() {
        let at = |field: &str| format!("$.monitoring.thresholds[{i}].{field}");
        let values = [
            t.complaint_watch_percent,
            t.complaint_act_percent,
            t.bounce_watch_percent,
            t.bounce_act_percent,
            t.delivered_min_percent,
        ];
        if values.iter().any(|v| !(0.0..=100.0).contains(v)) {
            out.push(
                Diagnostic::error(
                    "monitoring.range",
                    at("lane"),
                    "A threshold is outside 0–100%.",
                )
                .hint("Thresholds are percentages, such as 0.3 for complaints."),
            );
        }
        for (watch, act, field, what) in [
            (
                t.complaint_watch_percent,
                t.complaint_act_percent,
                "complaint_act_percent",
                "complaint",
            ),
            (
                t.bounce_watch_percent,
                t.bounce_act_percent,
                "bounce_act_percent",
                "bounce",
            ),
        ] {
            if act < watch {
                out.push(
                    Diagnostic::error(
                        "monitoring.order",
                        at(field),
                        format!("The {what} rate that calls for action ({act}%) is below the one that calls for watching ({watch}%)."),
                    )
                    .hint("Set the action threshold at or above the watch threshold."),
                );
            }
        }
    }
}
