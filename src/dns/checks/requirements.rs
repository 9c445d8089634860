//! The bulk-sender requirements of Gmail, Yahoo and Microsoft that the
//! DNS decides, row by row for one lane, each with its status and the
//! evidence behind it. The rows the plan's mail and preferences decide are
//! `review::sender_rules`'.

use crate::dns::dkim::{parse_dkim_key, KeyType};
use crate::dns::dmarc::Discovery;
use crate::dns::plan::{LaneDomains, PlannedRecord};
use crate::dns::spf::{is_spf_record, SpfResult};
use crate::dns::{RecordData, RecordType, Resolver, Zone};
use crate::plan::model::Lane;

use super::alignment::Aligned;
use super::{cname_at, Requirement, SpfVerdict, Status};

/// The mailbox providers whose bulk-sender rules a requirement comes from.
const BULK_RULES_BY: &str = "Gmail, Yahoo, Microsoft";

/// The bulk-sender rules' rows for one lane, each with its status and the
/// evidence behind it.
pub(super) fn requirements(
    (zone, planned): (&Zone, &[PlannedRecord]),
    lane: &Lane,
    d: &LaneDomains,
    spf: &[SpfVerdict],
    a: &Aligned,
    dmarc: &Discovery,
) -> Vec<Requirement> {
    let (spf_aligned, dkim_aligned) = (a.spf, a.dkim);
    let status = |ok: bool| if ok { Status::Met } else { Status::Missing };
    let policy = dmarc
        .record
        .as_ref()
        .and_then(|(_, r)| r.effective_policy());
    vec![
        spf_row(zone, lane, d, spf),
        dkim_row(zone, planned, d),
        Requirement {
            requirement: "DMARC published, at least p=none",
            required_by: BULK_RULES_BY,
            status: status(policy.is_some()),
            detail: dmarc
                .record
                .as_ref()
                .map_or("No DMARC record applies.".to_string(), |(name, _)| {
                    format!("From _dmarc.{name}.")
                }),
        },
        Requirement {
            requirement: "From domain aligned with SPF or DKIM",
            required_by: BULK_RULES_BY,
            status: status(spf_aligned || dkim_aligned),
            detail: format!(
                "SPF {}, DKIM {}.",
                if spf_aligned {
                    "aligned"
                } else {
                    "not aligned"
                },
                if dkim_aligned {
                    "aligned"
                } else {
                    "not aligned"
                }
            ),
        },
        Requirement {
            requirement: "Spam complaint rate under 0.1%, never 0.3%",
            required_by: BULK_RULES_BY,
            status: Status::Pending,
            detail: "Measured once mail flows; watch Postmaster Tools and SNDS per lane.".into(),
        },
    ]
}

/// SPF passes for the bounce domain: published, and every sending
/// address checked passes (pending until the lane lists its IPs).
fn spf_row(zone: &Zone, lane: &Lane, d: &LaneDomains, spf: &[SpfVerdict]) -> Requirement {
    let cname = cname_at(zone, &d.bounce_domain);
    // A CNAME the lane's provider does not ask for is stale from an
    // earlier setup: SPF is looked up at a host that does not authorise
    // the lane (`stale_return_paths`).
    let stale = |t: &String| crate::dns::plan::earlier_return_path(lane, t);
    if let Some((target, whose)) = cname.as_ref().and_then(|t| Some((t, stale(t)?))) {
        return Requirement {
            requirement: "SPF passes for the bounce domain",
            required_by: BULK_RULES_BY,
            status: Status::Missing,
            detail: format!(
                "{} is a CNAME to {target}, {whose} left from an earlier setup, so SPF is checked there, not with {}; replace it with the planned records.",
                d.bounce_domain,
                lane.smtp.provider.label()
            ),
        };
    }
    if let Some(target) = cname {
        return Requirement {
            requirement: "SPF passes for the bounce domain",
            required_by: BULK_RULES_BY,
            status: Status::Pending,
            detail: format!(
                "{} is a CNAME to {target}, where the provider publishes SPF; the live DNS check follows it.",
                d.bounce_domain
            ),
        };
    }
    let spf_record = zone
        .query(&d.bounce_domain, RecordType::Txt)
        .records()
        .iter()
        .any(|r| matches!(r, RecordData::Txt(s) if is_spf_record(&s.concat())));
    let failing = spf
        .iter()
        .filter(|v| v.outcome.result != SpfResult::Pass)
        .count();
    let status = match (spf_record, spf.is_empty(), failing) {
        (false, _, _) => Status::Missing,
        (true, true, _) => Status::Pending,
        (true, false, 0) => Status::Met,
        (true, false, _) => Status::Missing,
    };
    let detail = match status {
        Status::Pending => format!(
            "SPF is published at {}; list the lane's IPs to check a verdict.",
            d.bounce_domain
        ),
        _ => format!(
            "{} of {} sending addresses pass at {}.",
            spf.len() - failing,
            spf.len(),
            d.bounce_domain
        ),
    };
    Requirement {
        requirement: "SPF passes for the bounce domain",
        required_by: BULK_RULES_BY,
        status,
        detail,
    }
}

/// Where the lane's key is published in place of the plan's placeholder:
/// a usable key at the name the provider picked (the planned name with its
/// `<…>` parts filled), or a CNAME there that fills the planned one and
/// so delegates the key to the provider. The placeholders themselves are
/// no one's record.
fn filled(
    zone: &Zone,
    name: &str,
    placeholder: Option<&PlannedRecord>,
    usable: &dyn Fn(&[u8]) -> bool,
) -> Option<String> {
    zone.records().find_map(|(at, r)| {
        let found = match r {
            _ if at.contains('<') => false,
            RecordData::Txt(s) => crate::dns::fits_placeholders(name, at) && usable(&s.concat()),
            RecordData::Cname(target) if !target.contains('<') => {
                placeholder.is_some_and(|p| crate::dns::plan::fills(at, r, p))
            }
            _ => false,
        };
        found.then(|| at.to_string())
    })
}

/// DKIM signs with a usable key: one published at the lane's selector and
/// not revoked (pending while the plan holds a placeholder).
fn dkim_row(zone: &Zone, planned: &[PlannedRecord], d: &LaneDomains) -> Requirement {
    let name = d.dkim_name();
    let placeholder = planned.iter().find(|r| r.name == name && r.placeholder);
    // A key a receiver would use, of the length the requirement names.
    let usable = |text: &[u8]| {
        let key = parse_dkim_key(&String::from_utf8_lossy(text), &name).0;
        key.is_some_and(|k| !k.revoked && (k.key_type == KeyType::Ed25519 || k.bits >= 1024))
    };
    let published = || {
        let texts = zone.query(&name, RecordType::Txt);
        let at_name = (texts.records().iter())
            .any(|r| matches!(r, RecordData::Txt(s) if usable(&s.concat())));
        match at_name {
            true => Some(name.clone()),
            false => filled(zone, &name, placeholder, &usable),
        }
    };
    let (status, detail) = match (published(), &placeholder) {
        (Some(at), _) => (Status::Met, at),
        (None, Some(_)) => (
            Status::Pending,
            format!("Replace the placeholder at {name} with the provider's key or CNAME."),
        ),
        (None, None) => (Status::Missing, name),
    };
    Requirement {
        requirement: "DKIM signs with a key of at least 1024 bits",
        required_by: BULK_RULES_BY,
        status,
        detail,
    }
}
