//! Findings about the records themselves, name by name over the planned
//! zone: names DNS cannot hold, SPF, DMARC and DKIM syntax and limits,
//! report addresses that are not authorised, null MX records and CNAMEs
//! that share their name.

use crate::dns::dkim::parse_dkim_key;
use crate::dns::dmarc::{discover, is_dmarc_record, parse_dmarc};
use crate::dns::plan::{unpublishable, PlannedRecord};
use crate::dns::spf::{is_spf_record, lint_spf_in, SpfReader, KNOWN_INCLUDES};
use crate::dns::{RecordData, RecordType, Resolver, Zone};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::Plan;

/// Findings about the records themselves: planned names DNS cannot hold,
/// SPF, DMARC and DKIM syntax and limits, null MX records that are not
/// alone or not preference 0, and CNAMEs that share a name with other
/// records.
pub(super) fn record_findings(
    plan: &Plan,
    zone: &Zone,
    planned: &[PlannedRecord],
) -> Vec<Diagnostic> {
    let placeholders: Vec<&str> = planned
        .iter()
        .filter(|r| r.placeholder)
        .map(|r| r.name.as_str())
        .collect();
    let mut out = oversized_findings(planned);
    let spf = SpfReader::new(zone);
    for (name, records) in zone.names() {
        let records: Vec<&RecordData> = records.iter().collect();
        out.extend(null_mx_findings(name, &records));
        if records.iter().any(|r| matches!(r, RecordData::Cname(_))) && records.len() > 1 {
            out.push(
                Diagnostic::error("dns.cname_and_other", name, format!("{name} has a CNAME and other records; a CNAME must stand alone (RFC 1034 §3.6.2)."))
                    .hint("Move the other records to another name, or drop the CNAME."),
            );
        }
        let texts: Vec<String> = records
            .iter()
            .filter_map(|r| match r {
                RecordData::Txt(strings) => {
                    Some(String::from_utf8_lossy(&strings.concat()).into_owned())
                }
                _ => None,
            })
            .collect();
        if texts.iter().any(|t| is_spf_record(t.as_bytes())) {
            out.extend(lint_spf_in(&spf, name, &KNOWN_INCLUDES));
        }
        out.extend(texts.iter().filter_map(|t| spf_lookalike(name, t)));
        let dmarc: Vec<&String> = texts.iter().filter(|t| is_dmarc_record(t)).collect();
        if name.starts_with("_dmarc.") {
            if dmarc.len() > 1 {
                out.push(
                    Diagnostic::error(
                        "dmarc.duplicate",
                        name,
                        format!(
                            "{} DMARC records at {name}; receivers apply none of them.",
                            dmarc.len()
                        ),
                    )
                    .hint("Keep one record."),
                );
            }
            for text in &dmarc {
                let (record, findings) = parse_dmarc(text, name);
                out.extend(findings);
                if let Some(record) = record {
                    for (kind, addresses) in [
                        (Reports::Aggregate, &record.rua),
                        (Reports::Failure, &record.ruf),
                    ] {
                        out.extend(unverified_reports(zone, planned, name, kind, addresses));
                    }
                    out.extend(brand_psd(plan, name, &record));
                }
            }
            // A record that names DMARC1 further on is ignored by receivers;
            // its parse says why.
            for text in texts.iter().filter(|t| !is_dmarc_record(t)) {
                if text.to_ascii_lowercase().contains("v=dmarc1") {
                    out.extend(parse_dmarc(text, name).1);
                }
            }
        } else if !dmarc.is_empty() && !name.contains("._report._dmarc.") {
            // A report authorisation record (RFC 9989 §7.1) is a DMARC record
            // by its text, and sits where it belongs.
            out.push(
                Diagnostic::warning(
                    "dmarc.misplaced",
                    name,
                    format!("A DMARC record at {name} has no effect; it belongs at _dmarc.{name}."),
                )
                .hint(format!("Move it to _dmarc.{name}.")),
            );
        }
        // The plan's own placeholder key is checked once filled in; a key
        // pasted in its place is checked as it stands.
        if name.contains("._domainkey.") {
            let placeholder = placeholders.contains(&name);
            for text in texts.iter().filter(|t| !(placeholder && t.contains('<'))) {
                out.extend(parse_dkim_key(text, name).1);
            }
        }
    }
    // A record walked through another's include reports what its own check
    // reports; each finding is kept once.
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(out.len());
    for finding in out {
        if !kept.contains(&finding) {
            kept.push(finding);
        }
    }
    kept
}

/// The two kinds of report a DMARC record asks for: `rua` and `ruf`.
#[derive(Clone, Copy)]
enum Reports {
    Aggregate,
    Failure,
}

/// A warning for each report address outside the policy domain's
/// organisation whose domain does not authorise the reports (RFC 9989
/// §7.1); receivers drop them. Failure reports need the same record as
/// aggregate ones. The plan's own authorisation records count.
fn unverified_reports(
    zone: &Zone,
    planned: &[PlannedRecord],
    name: &str,
    kind: Reports,
    addresses: &[String],
) -> Vec<Diagnostic> {
    let domain = name.strip_prefix("_dmarc.").unwrap_or(name);
    let org = discover(zone, domain).organizational_domain;
    let (code, what) = match kind {
        Reports::Aggregate => ("dmarc.rua_unverified", "Reports"),
        Reports::Failure => ("dmarc.ruf_unverified", "Failure reports (ruf)"),
    };
    addresses.iter()
        .filter_map(|address| {
            let to = crate::domain::address_domain(address)?.to_ascii_lowercase();
            let auth = format!("{domain}._report._dmarc.{to}");
            let outside = !crate::domain::is_within(&to, &org);
            // A wildcard record authorises every domain's reports (RFC 9989 §7.1).
            let wildcard = format!("*._report._dmarc.{to}");
            let published = |name: &str| {
                zone.query(name, RecordType::Txt).records().iter().any(
                    |r| matches!(r, RecordData::Txt(s) if is_dmarc_record(&String::from_utf8_lossy(&s.concat()))),
                )
            };
            let authorised = planned.iter().any(|r| r.name == auth)
                || published(&auth)
                || published(&wildcard);
            (outside && !authorised).then(|| {
                Diagnostic::warning(
                    code,
                    name,
                    format!("{what} for {domain} go to {address}, outside its organisation; receivers send them only if {to} publishes “v=DMARC1” at {auth}."),
                )
                .hint(format!("Ask the report service to publish that record, or send reports to an address under {org}."))
            })
        })
        .collect()
}

/// `psd=y` on the brand's own domain or a subdomain of it: it declares a
/// public suffix, so the RFC 9989 tree walk takes the names below it for
/// organisational domains of their own, and mail from one to another no
/// longer aligns.
fn brand_psd(
    plan: &Plan,
    name: &str,
    record: &crate::dns::dmarc::DmarcRecord,
) -> Option<Diagnostic> {
    let domain = name.strip_prefix("_dmarc.")?;
    let primary = plan.brand.primary_domain.trim().to_ascii_lowercase();
    let own =
        !primary.is_empty() && (domain == primary || domain.ends_with(&format!(".{primary}")));
    (own && record.psd == crate::dns::dmarc::Psd::Yes).then(|| {
        Diagnostic::error(
            "dmarc.psd_on_brand",
            name,
            format!("psd=y at {name} declares {domain} a public suffix, which only registries are: the tree walk then takes the names below it for separate organisations, and their SPF and DKIM no longer align with each other."),
        )
        .hint("Remove psd=y; a brand's own domain is never a public suffix.")
    })
}

/// A TXT record that begins like SPF but is not one (`v=spf10`, or
/// `"v=spf1" "+all"`, whose strings join with no space): receivers read
/// only a record that is exactly `v=spf1` or begins `v=spf1 `, so the
/// name has no SPF record though it looks as if it had.
fn spf_lookalike(name: &str, text: &str) -> Option<Diagnostic> {
    let looks = text
        .get(..5)
        .is_some_and(|v| v.eq_ignore_ascii_case("v=spf"));
    (looks && !is_spf_record(text.as_bytes())).then(|| {
        Diagnostic::warning(
            "spf.lookalike",
            name,
            format!("The TXT record “{text}” at {name} begins like SPF but is not an SPF record, so receivers find no SPF policy there."),
        )
        .hint("Begin the record with “v=spf1” and a space. Quoted strings join with nothing between them, so put the space inside a string.")
    })
}

/// Planned names that DNS cannot hold: a long domain under a selector or
/// `_dmarc.` prefix can pass 253 characters though the domain alone fits.
/// Each is reported at its name, which the domains page shows.
fn oversized_findings(planned: &[PlannedRecord]) -> Vec<Diagnostic> {
    planned
        .iter()
        .filter_map(|record| {
            let why = unpublishable(&record.name)?;
            let hint = match record.lane {
                Some(_) => "Shorten the lane's sending, bounce or DKIM domain, or its DKIM selector.",
                None => "Shorten the primary domain or the report address's domain.",
            };
            let message = format!("The planned record cannot be published: {why}. Zone files and exports leave it out.");
            Some(Diagnostic::error("dns.name_too_long", &record.name, message).hint(hint))
        })
        .collect()
}

/// A null MX (RFC 7505) says a domain takes no mail: it has preference 0
/// and stands alone, or receivers may still try the other hosts.
fn null_mx_findings(name: &str, records: &[&RecordData]) -> Vec<Diagnostic> {
    let mx: Vec<(u16, &str)> = records
        .iter()
        .filter_map(|r| match r {
            RecordData::Mx {
                preference,
                exchange,
            } => Some((*preference, exchange.as_str())),
            _ => None,
        })
        .collect();
    let Some(&(preference, _)) = mx.iter().find(|(_, e)| e.is_empty()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if mx.len() > 1 {
        out.push(
            Diagnostic::warning("dns.null_mx_not_alone", name, format!("{name} has a null MX beside other MX records; a null MX must stand alone (RFC 7505 §3)."))
                .hint("Keep the null MX if the domain takes no mail, or remove it."),
        );
    }
    if preference != 0 {
        out.push(
            Diagnostic::warning(
                "dns.null_mx_preference",
                name,
                format!(
                    "The null MX at {name} has preference {preference}; RFC 7505 §3 gives it 0."
                ),
            )
            .hint("Write it as “MX 0 .”."),
        );
    }
    out
}
