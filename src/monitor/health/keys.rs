//! Which lane a monitoring key is: mapped in the plan, or suggested by an
//! address or domain of the lane's, the vendor files' names, the lane's
//! name, or a word of its purpose.

use super::super::{KeyKind, LaneKey};
use crate::plan::model::{Plan, Purpose};
use crate::plan::vendor_names::named_lane;

fn keywords(purpose: Purpose) -> &'static [&'static str] {
    match purpose {
        Purpose::Transactional => &[
            "transactional",
            "tx",
            "receipt",
            "order",
            "shipping",
            "account",
            "outbound",
            "password",
        ],
        Purpose::RevenueFlows => &[
            "flow",
            "lifecycle",
            "cart",
            "recovery",
            "revenue",
            "abandon",
            "winback",
            "replenish",
            "trigger",
        ],
        Purpose::Promotional => &[
            "promo",
            "marketing",
            "newsletter",
            "broadcast",
            "mkt",
            "news",
            "campaign",
        ],
        Purpose::Vip => &["vip"],
        Purpose::Migration => &["migration", "legacy"],
        Purpose::Custom => &[],
    }
}

fn lowercase_domain(address: &str) -> String {
    address
        .rsplit('@')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The provider whose data names a key of this kind, if one vendor's.
fn vendor_of(kind: KeyKind) -> Option<crate::plan::model::Provider> {
    use crate::plan::model::Provider;
    match kind {
        KeyKind::SesConfigurationSet => Some(Provider::AmazonSes),
        KeyKind::SendgridPool | KeyKind::SendgridCategory => Some(Provider::SendGrid),
        KeyKind::PostmarkStream => Some(Provider::Postmark),
        KeyKind::MailgunTag => Some(Provider::Mailgun),
        KeyKind::SparkpostPool => Some(Provider::SparkPost),
        _ => None,
    }
}

/// The lane a key seems to belong to, and why.
pub fn suggest(plan: &Plan, key: &LaneKey) -> Option<(String, String)> {
    let value = key.value.trim().to_ascii_lowercase();
    let within = |domain: &str, lane_domain: &str| {
        !lane_domain.is_empty()
            && (domain == lane_domain || domain.ends_with(&format!(".{lane_domain}")))
    };
    for lane in &plan.lanes {
        let found = match key.kind {
            KeyKind::SendingIp => lane
                .ip_addresses
                .iter()
                .any(|ip| ip.trim() == value)
                .then(|| format!("{value} is one of its sending IPs")),
            KeyKind::SendingDomain => {
                let sending = lane.sending_domain.to_ascii_lowercase();
                let from = lowercase_domain(&lane.from_address);
                (within(&value, &sending) || within(&value, &from))
                    .then(|| format!("{value} is its sending domain"))
            }
            _ => None,
        };
        if let Some(why) = found {
            return Some((lane.id.clone(), why));
        }
    }
    if matches!(key.kind, KeyKind::SendingIp | KeyKind::SendingDomain) {
        return None;
    }
    // The pool, configuration set or stream the vendor files set up for a
    // lane is that lane's, whatever its name holds.
    if let Some(lane) = named_lane(plan, key.kind, &key.value) {
        let why = format!("the vendor files set it up as “{}”", key.value);
        return Some((lane.id.clone(), why));
    }
    let by_name = plan.lanes.iter().find(|l| {
        let id = l.id.to_ascii_lowercase();
        let name = l.name.to_ascii_lowercase();
        value.contains(&id) || (!name.is_empty() && value.contains(&name))
    });
    if let Some(lane) = by_name {
        return Some((lane.id.clone(), format!("“{}” names the lane", key.value)));
    }
    // Customer.io's campaigns are its triggered journeys, cart recovery as
    // much as promotions: "campaign 17", as the import names one, says
    // nothing of its purpose.
    if key.kind == KeyKind::CustomerioCampaign && value.starts_with("campaign ") {
        return None;
    }
    // A word only guesses at the kind of mail, so the guess stays among
    // the lanes on the key's vendor, where the plan has any: a SendGrid
    // category is never an SES lane's mail.
    let vendor = vendor_of(key.kind);
    let on_vendor = |l: &&crate::plan::model::Lane| vendor.is_none_or(|p| l.smtp.provider == p);
    let any_on_vendor = plan.lanes.iter().any(|l| on_vendor(&l));
    (plan.lanes.iter())
        .filter(|l| !any_on_vendor || on_vendor(l))
        .find_map(|l| {
            let word = keywords(l.purpose).iter().find(|w| value.contains(*w))?;
            Some((
                l.id.clone(),
                format!(
                    "“{}” suggests {} mail (“{word}”)",
                    key.value,
                    l.purpose.label().to_lowercase()
                ),
            ))
        })
}

/// The lane a key is mapped to: by the plan's mapping, or, for a lane tag
/// or the CSV's lane column, by naming the lane's id.
pub(super) fn mapped(plan: &Plan, key: &LaneKey) -> Option<(String, bool)> {
    if let Some(m) = plan
        .monitoring
        .mapping
        .iter()
        .find(|m| m.kind == key.kind && m.key == key.value)
    {
        return plan.lane(&m.lane).map(|l| (l.id.clone(), true));
    }
    matches!(key.kind, KeyKind::LaneTag | KeyKind::CsvLane)
        .then(|| plan.lane(key.value.trim()).map(|l| (l.id.clone(), false)))
        .flatten()
}
