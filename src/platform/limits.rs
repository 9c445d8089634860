//! What each ESP's limits mean for the lanes planned on it.
//!
//! `findings` are what needs a change, shown with the plan's other
//! findings; `notes` are what the limits mean for a lane that fits them,
//! shown on the platform page. Each hint ends with the vendor page that
//! states the limit.

use crate::dns::plan::{default_selector, sendgrid_takes};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, LaneField};
use crate::plan::model::{IpStrategy, Journey, Lane, Plan, Provider};
use crate::plan::routing::Routing;
use crate::plan::schedule::{quiet_day, Schedule};
use crate::units::group;

use super::names::{lane_name, name_finding, NameKind};

const SENDGRID_POOLS: &str =
    "https://twilio.com/docs/sendgrid/api-reference/ip-pools/create-an-ip-pool";
const SENDGRID_DOMAIN: &str =
    "https://twilio.com/docs/sendgrid/api-reference/domain-authentication/authenticate-a-domain";
const SES_SETS: &str =
    "https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_CreateConfigurationSet.html";
const SES_WARMING: &str = "https://docs.aws.amazon.com/ses/latest/dg/dedicated-ip-warming.html";
const SES_MANAGED: &str =
    "https://docs.aws.amazon.com/ses/latest/dg/managed-dedicated-sending.html";
const POSTMARK_STREAMS: &str =
    "https://postmarkapp.com/support/article/1207-how-to-create-and-send-through-message-streams";
const MAILGUN_POOLS: &str =
    "https://documentation.mailgun.com/docs/mailgun/api-reference/openapi-final/tag/IP-Pools";

/// SendGrid's IP pools per user.
pub const SENDGRID_MAX_POOLS: u32 = 100;
/// Postmark's message streams per server.
pub const POSTMARK_MAX_STREAMS: u32 = 10;
/// SES's managed dedicated pools per region.
pub const SES_MAX_MANAGED_POOLS: u32 = 5;
/// Messages a day SES asks each warm standard dedicated IP to send to each
/// mailbox provider.
pub const SES_DAILY_PER_IP: u64 = 1_000;

/// The mailbox providers of the simulation's mix, by position; the fifth,
/// "others", is no one provider.
const MAILBOX_PROVIDERS: [&str; 4] = ["Gmail", "Yahoo", "Microsoft", "Apple"];

/// What needs a change for the plan to fit its ESPs' limits.
pub fn findings(plan: &Plan, routing: &Routing) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (index, lane) in plan.lanes.iter().enumerate() {
        out.extend(lane_findings(
            plan,
            routing,
            index as u32,
            lane.smtp.provider,
        ));
    }
    out.extend(too_many(plan, Provider::SendGrid, SENDGRID_MAX_POOLS));
    out.extend(too_many(plan, Provider::Postmark, POSTMARK_MAX_STREAMS));
    out.extend(shared_configuration_sets(plan));
    out.extend(shared_mailgun_domains(plan));
    out
}

/// What a lane would need to change on `provider`, whichever ESP the plan
/// puts it on, so that the platform page can compare.
pub fn lane_findings(
    plan: &Plan,
    routing: &Routing,
    index: u32,
    provider: Provider,
) -> Vec<Diagnostic> {
    let Some(lane) = plan.lanes.get(index as usize) else {
        return Vec::new();
    };
    let mut out: Vec<Diagnostic> = match provider {
        Provider::SendGrid => sendgrid_selector(lane, index).into_iter().collect(),
        Provider::AmazonSes => ses_volume(plan, routing, lane, index).into_iter().collect(),
        Provider::Postmark => (postmark_dedicated(lane, index).into_iter())
            .chain(postmark_promotions(plan, routing, lane, index))
            .collect(),
        _ => Vec::new(),
    };
    for (kind, what) in vendor_names(lane, provider) {
        out.extend(name_finding(plan, index, kind, what));
    }
    out
}

/// What the limits mean for lanes that fit them: setup facts per lane.
pub fn notes(plan: &Plan, routing: &Routing) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for index in 0..plan.lanes.len() as u32 {
        out.extend(lane_notes(plan, routing, index));
    }
    let managed = plan
        .lanes
        .iter()
        .filter(|l| l.smtp.provider == Provider::AmazonSes && dedicated(l))
        .count() as u32;
    if managed > SES_MAX_MANAGED_POOLS {
        out.push(
            Diagnostic::info(
                "platform.ses_managed_pools",
                "$.lanes",
                format!("{managed} lanes have dedicated IPs on SES, which allows {SES_MAX_MANAGED_POOLS} managed pools per region: the rest need standard pools."),
            )
            .hint(format!("Source: {SES_MANAGED}")),
        );
    }
    out
}

fn lane_notes(plan: &Plan, routing: &Routing, index: u32) -> Vec<Diagnostic> {
    let Some(lane) = plan.lanes.get(index as usize) else {
        return Vec::new();
    };
    match lane.smtp.provider {
        Provider::SendGrid => sendgrid_rdns(plan, lane, index).into_iter().collect(),
        Provider::AmazonSes => {
            let mut out = vec![ses_configuration_set(plan, lane, index)];
            out.extend(ses_pool(lane, index));
            out
        }
        Provider::Postmark => vec![postmark_stream(plan, routing, lane, index)],
        Provider::Mailgun => mailgun_warming(lane, index).into_iter().collect(),
        _ => Vec::new(),
    }
}

fn dedicated(lane: &Lane) -> bool {
    matches!(lane.ip_strategy, IpStrategy::Dedicated { .. })
}

/// The names a lane needs at a vendor, and what each names.
fn vendor_names(lane: &Lane, provider: Provider) -> Vec<(NameKind, &'static str)> {
    let pools = dedicated(lane);
    match provider {
        Provider::SendGrid if pools => vec![(NameKind::SendgridPool, "SendGrid IP pool")],
        Provider::AmazonSes => {
            let mut names = vec![(NameKind::SesConfigurationSet, "SES configuration set")];
            if pools {
                names.push((NameKind::SesPool, "SES dedicated IP pool"));
            }
            names
        }
        Provider::Postmark => vec![(NameKind::PostmarkStream, "Postmark message stream")],
        Provider::Mailgun if pools => vec![(NameKind::MailgunPool, "Mailgun IP pool")],
        _ => Vec::new(),
    }
}

/// SendGrid takes a custom DKIM selector of three letters or digits; its
/// own is `s1`, which needs no saying.
fn sendgrid_selector(lane: &Lane, index: u32) -> Option<Diagnostic> {
    let selector = lane.dkim_selector.trim();
    let own = selector.eq_ignore_ascii_case(default_selector(Provider::SendGrid));
    if selector.is_empty() || own || sendgrid_takes(selector) {
        return None;
    }
    Some(
        Diagnostic::warning(
            "platform.sendgrid_dkim_selector",
            format!("$.lanes[{index}].dkim_selector"),
            format!(
                "SendGrid takes a custom DKIM selector of exactly three letters or digits, so the selector “{selector}” of {} cannot be used there; the DNS records and SendGrid's files use its own, s1, instead.",
                lane.name
            ),
        )
        .hint(format!(
            "Choose a three-character selector, or leave it empty for SendGrid's own. Source: {SENDGRID_DOMAIN}"
        )),
    )
}

/// SendGrid wants reverse DNS on the IPs of a pool.
fn sendgrid_rdns(plan: &Plan, lane: &Lane, index: u32) -> Option<Diagnostic> {
    if !dedicated(lane) {
        return None;
    }
    let (ips, them) = match lane.ip_addresses.as_slice() {
        [] => ("its dedicated IPs".to_string(), "them"),
        [one] => (one.clone(), "it"),
        many => (many.join(", "), "them"),
    };
    Some(
        Diagnostic::info(
            "platform.sendgrid_rdns",
            format!("$.lanes[{index}].ip_addresses"),
            format!(
                "SendGrid needs reverse DNS on {ips} before adding {them} to the IP pool “{}”; a user has up to {SENDGRID_MAX_POOLS} pools.",
                lane_name(plan, lane, NameKind::SendgridPool)
            ),
        )
        .hint(format!("Set up reverse DNS in SendGrid first. Source: {SENDGRID_POOLS}")),
    )
}

/// A standard dedicated SES IP keeps its reputation at about 1,000
/// messages a day to each mailbox provider; fewer calls for fewer IPs or a
/// managed pool. Scheduled sends leave days with less than the average, so
/// the lane's quietest day is what is weighed.
fn ses_volume(plan: &Plan, routing: &Routing, lane: &Lane, index: u32) -> Option<Diagnostic> {
    let IpStrategy::Dedicated { count } = lane.ip_strategy else {
        return None;
    };
    let mail: Vec<(f64, Schedule)> = (routing.journeys_on(plan, &lane.id))
        .map(|j| (f64::from(j.daily_volume), Schedule::of(j)))
        .collect();
    let scheduled = mail.iter().any(|(v, s)| *v > 0.0 && *s != Schedule::Spread);
    // An imported plan's volumes are untrusted: the float sums cannot
    // overflow, and the conversion back saturates.
    let volume = quiet_day(&mail).round() as u64;
    let per_ip =
        |share: u32| volume.saturating_mul(u64::from(share)) / 100 / u64::from(count.max(1));
    let (provider, least) = MAILBOX_PROVIDERS
        .iter()
        .zip(plan.simulation.mix_percent)
        .filter(|(_, share)| *share > 0)
        .map(|(name, share)| (*name, per_ip(share)))
        .min_by_key(|(_, n)| *n)?;
    let sent = mail.iter().any(|(v, _)| *v > 0.0);
    if !sent || least >= SES_DAILY_PER_IP {
        return None;
    }
    let (when, spread) = if scheduled {
        (
            " on its quietest days",
            "; or spread its scheduled sends over more days",
        )
    } else {
        ("", "")
    };
    Some(
        Diagnostic::warning(
            "platform.ses_ip_volume",
            format!("$.lanes[{index}].ip_strategy"),
            format!(
                "After warm-up, SES asks each standard dedicated IP for about {} messages a day to each mailbox provider to keep its reputation; {} sends about {} a day per IP to {provider}{when}.",
                group(SES_DAILY_PER_IP),
                lane.name,
                group(least)
            ),
        )
        .hint(format!(
            "Use fewer IPs, or a managed pool, which SES scales per mailbox provider and warms as volume allows{spread}. Source: {SES_WARMING}"
        )),
    )
}

fn ses_configuration_set(plan: &Plan, lane: &Lane, index: u32) -> Diagnostic {
    let pool = if dedicated(lane) {
        format!(
            ", and its dedicated pool “{}”",
            lane_name(plan, lane, NameKind::SesPool)
        )
    } else {
        String::new()
    };
    Diagnostic::info(
        "platform.ses_configuration_set",
        format!("$.lanes[{index}]"),
        format!(
            "{} gets its own SES configuration set, “{}”, which holds the lane's event destination and reputation metrics{pool}. Each message names it in the X-SES-CONFIGURATION-SET header, or the identity names it as its default.",
            lane.name,
            lane_name(plan, lane, NameKind::SesConfigurationSet)
        ),
    )
    .hint(format!("Source: {SES_SETS}"))
}

fn ses_pool(lane: &Lane, index: u32) -> Option<Diagnostic> {
    if !dedicated(lane) {
        return None;
    }
    Some(
        Diagnostic::info(
            "platform.ses_dedicated_pool",
            format!("$.lanes[{index}].ip_strategy"),
            format!(
                "The dedicated IPs of {} can sit in a standard pool, whose IPs SES warms over 45 days whatever the volume, so the lane's own ramp should keep pace; or in a managed pool, where SES picks the number of IPs and warms them per mailbox provider as volume allows.",
                lane.name
            ),
        )
        .hint(format!(
            "Standard pools: {SES_WARMING}. Source: {SES_MANAGED}"
        )),
    )
}

/// A lane on dedicated IPs at Postmark, which offers none to warm.
fn postmark_dedicated(lane: &Lane, index: u32) -> Option<Diagnostic> {
    if !dedicated(lane) {
        return None;
    }
    let edit = Edit::Lane {
        lane: lane.id.clone(),
        set: LaneField::IpStrategy(IpStrategy::Shared),
    };
    Some(
        Diagnostic::warning(
            "platform.postmark_dedicated_ips",
            format!("$.lanes[{index}].ip_strategy"),
            format!(
                "Postmark sends from shared infrastructure and publishes no dedicated-IP warm-up, so the dedicated IPs planned for {} have nothing to warm there.",
                lane.name
            ),
        )
        .hint(format!(
            "Plan the lane on shared IPs, or move it to an ESP with dedicated IPs. Source: {POSTMARK_STREAMS}"
        ))
        .fix(format!("Plan {} on shared IPs", lane.name), vec![edit]),
    )
}

/// A Postmark lane that carries promotions with other mail, or promotions
/// on the default transactional stream.
fn postmark_promotions(
    plan: &Plan,
    routing: &Routing,
    lane: &Lane,
    index: u32,
) -> Option<Diagnostic> {
    let (promos, others): (Vec<&Journey>, Vec<&Journey>) =
        (routing.journeys_on(plan, &lane.id)).partition(|j| j.intent.is_promotional());
    let stream = lane_name(plan, lane, NameKind::PostmarkStream);
    let message = if promos.is_empty() {
        return None;
    } else if !others.is_empty() {
        format!(
            "Postmark keeps promotions off transactional streams, and {} carries {} with {}. The promotions need a Broadcasts stream, apart from the transactional mail.",
            lane.name,
            names(&promos),
            names(&others)
        )
    } else if stream == "outbound" {
        format!(
            "{} carries only promotions, but its stream “outbound” is the server's default transactional stream. Promotions need a Broadcasts stream.",
            lane.name
        )
    } else {
        return None;
    };
    Some(
        Diagnostic::warning(
            "platform.postmark_broadcast_stream",
            format!("$.lanes[{index}]"),
            message,
        )
        .hint(format!(
            "Route the promotions to a lane of their own with a Broadcasts stream. Source: {POSTMARK_STREAMS}"
        )),
    )
}

/// The stream type a lane's mail needs on Postmark: Broadcasts when it
/// carries only promotions.
pub fn postmark_stream_type(plan: &Plan, routing: &Routing, lane: &Lane) -> &'static str {
    let mut journeys = routing.journeys_on(plan, &lane.id).peekable();
    if journeys.peek().is_some() && journeys.all(|j| j.intent.is_promotional()) {
        "Broadcasts"
    } else {
        "Transactional"
    }
}

fn postmark_stream(plan: &Plan, routing: &Routing, lane: &Lane, index: u32) -> Diagnostic {
    let stream = lane_name(plan, lane, NameKind::PostmarkStream);
    let kind = postmark_stream_type(plan, routing, lane);
    Diagnostic::info(
            "platform.postmark_stream",
            format!("$.lanes[{index}]"),
            format!(
                "{} sends through the Postmark message stream “{stream}”, of type {kind}; a server holds up to {POSTMARK_MAX_STREAMS} streams, and broadcast streams use separate infrastructure.",
                lane.name
            ),
        )
    .hint(format!("Source: {POSTMARK_STREAMS}"))
}

fn mailgun_warming(lane: &Lane, index: u32) -> Option<Diagnostic> {
    if !dedicated(lane) {
        return None;
    }
    Some(
        Diagnostic::info(
            "platform.mailgun_pool",
            format!("$.lanes[{index}].ip_strategy"),
            format!(
                "Mailgun adds only dedicated IPs that are out of warm-up to an IP pool, and links a pool to a sending domain; the pool of {} joins its domain once its IPs are warm.",
                lane.name
            ),
        )
        .hint(format!("Source: {MAILGUN_POOLS}")),
    )
}

/// Lanes on one ESP beyond what one account or server holds: SendGrid's
/// pools per user, Postmark's streams per server.
fn too_many(plan: &Plan, provider: Provider, max: u32) -> Option<Diagnostic> {
    let on: Vec<usize> = plan
        .lanes
        .iter()
        .enumerate()
        .filter(|(_, l)| l.smtp.provider == provider)
        .filter(|(_, l)| provider != Provider::SendGrid || dedicated(l))
        .map(|(i, _)| i)
        .collect();
    let first_over = on.get(max as usize)?;
    let count = on.len();
    let (code, message, source) = match provider {
        Provider::SendGrid => (
            "platform.sendgrid_pools",
            format!("SendGrid allows a user up to {max} IP pools, and {count} lanes need one."),
            SENDGRID_POOLS,
        ),
        _ => (
            "platform.postmark_streams",
            format!(
                "A Postmark server holds up to {max} message streams, and {count} lanes need one."
            ),
            POSTMARK_STREAMS,
        ),
    };
    Some(
        Diagnostic::warning(code, format!("$.lanes[{first_over}]"), message).hint(format!(
            "Merge lanes, or split them across accounts or servers. Source: {source}"
        )),
    )
}

/// Two SES lanes that would share one configuration set, and so one event
/// destination, one set of reputation metrics and one pool.
fn shared_configuration_sets(plan: &Plan) -> Vec<Diagnostic> {
    let ses: Vec<(usize, &Lane, String)> = plan
        .lanes
        .iter()
        .enumerate()
        .filter(|(_, l)| l.smtp.provider == Provider::AmazonSes)
        .map(|(i, l)| (i, l, lane_name(plan, l, NameKind::SesConfigurationSet)))
        .collect();
    let mut out = Vec::new();
    for (n, (index, lane, set)) in ses.iter().enumerate() {
        let Some((_, earlier, _)) = ses[..n].iter().find(|(_, _, s)| s == set) else {
            continue;
        };
        out.push(
            Diagnostic::warning(
                "platform.ses_shared_configuration_set",
                format!("$.lanes[{index}].id"),
                format!(
                    "{} and {} would share the SES configuration set “{set}”, so their events, reputation metrics and sending pool would mix.",
                    earlier.name, lane.name
                ),
            )
            .hint(format!(
                "Give each lane its own configuration set in the monitoring mapping. Source: {SES_SETS}"
            )),
        );
    }
    out
}

/// Two Mailgun lanes with dedicated IPs on one sending domain: Mailgun
/// links one pool to a domain, so the later lane names its pool on every
/// message.
fn shared_mailgun_domains(plan: &Plan) -> Vec<Diagnostic> {
    let pooled: Vec<(usize, &Lane)> = plan
        .lanes
        .iter()
        .enumerate()
        .filter(|(_, l)| l.smtp.provider == Provider::Mailgun && dedicated(l))
        .filter(|(_, l)| !l.sending_domain.trim().is_empty())
        .collect();
    let mut out = Vec::new();
    for (n, (index, lane)) in pooled.iter().enumerate() {
        let same = |other: &Lane| {
            other
                .sending_domain
                .eq_ignore_ascii_case(&lane.sending_domain)
                && other.ip_addresses != lane.ip_addresses
        };
        let Some((_, earlier)) = pooled[..n].iter().find(|(_, l)| same(l)) else {
            continue;
        };
        out.push(
            Diagnostic::warning(
                "platform.mailgun_shared_domain",
                format!("$.lanes[{index}].sending_domain"),
                format!(
                    "{} and {} send from {} on Mailgun with different dedicated IPs, but Mailgun links one IP pool to a domain: {} must name its pool on every message with the X-Mailgun-Sending-Ip-Pool header.",
                    earlier.name, lane.name, lane.sending_domain, lane.name
                ),
            )
            .hint(format!(
                "Give the lanes their own sending domains, or add the header. Source: {MAILGUN_POOLS}"
            )),
        );
    }
    out
}

/// Journey names as a short list: “A”, “B” and “C”.
fn names(journeys: &[&Journey]) -> String {
    let quoted: Vec<String> = journeys
        .iter()
        .map(|j| format!("“{}”", j.called()))
        .collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
