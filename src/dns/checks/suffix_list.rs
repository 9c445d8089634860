//! Findings that read the Public Suffix List: a primary domain or lane
//! identity that is itself a public suffix, and DMARC alignment that
//! differs between RFC 9989's tree walk and the list.

use crate::dns::plan::LaneDomains;
use crate::dns::psl::SuffixList;
use crate::plan::diagnostic::{lane_checks, Diagnostic};
use crate::plan::model::{Lane, Plan};

/// An error when the primary domain is itself a public suffix, such as
/// `co.uk`: no one registers it, and its DMARC record is not the brand's.
pub(super) fn public_suffix(plan: &Plan, list: &SuffixList) -> Option<Diagnostic> {
    let primary = crate::domain::normalize_domain(&plan.brand.primary_domain).ok()?;
    if list.organizational_domain(&primary).is_some() {
        return None;
    }
    Some(
        Diagnostic::error(
            "brand.public_suffix",
            "$.brand.primary_domain",
            format!("“{primary}” is a public suffix: names are registered under it, not it."),
        )
        .hint(format!(
            "Enter the domain the brand registered under it, such as brand.{primary}."
        )),
    )
}

/// A warning when DMARC alignment under the RFC 9989 tree walk (SPF's and
/// DKIM's, `aligned`) differs from alignment by the Public Suffix List
/// (RFC 7489), whose organisational domains of the From, bounce and DKIM
/// domains are `orgs`; a note when only one identity differs, as that
/// identity is the backup when the other fails (a forward breaks SPF, a
/// rotated key DKIM).
pub(super) fn psl_differs(
    lane: &Lane,
    domains: &LaneDomains,
    [from, bounce, dkim]: &[Option<String>; 3],
    (strict_spf, strict_dkim): (bool, bool),
    (spf, dkim_aligned): (bool, bool),
) -> Option<Diagnostic> {
    let psl_aligned = |other: &str, org: &Option<String>, strict: bool| {
        if strict {
            other == domains.from_domain
        } else {
            from.is_some() && org == from
        }
    };
    let old = (
        psl_aligned(&domains.bounce_domain, bounce, strict_spf),
        psl_aligned(&domains.dkim_domain, dkim, strict_dkim),
    );
    let (aligned, old_any) = (spf || dkim_aligned, old.0 || old.1);
    let verb = |aligns: bool| if aligns { "aligns" } else { "fails" };
    let puts = format!(
        "which puts {} in {}",
        domains.from_domain,
        from.as_deref().unwrap_or("no organisation")
    );
    let hint = "Keep the bounce and DKIM domains under the From domain's registrable domain, so both methods agree.";
    if old_any != aligned {
        return Some(
            Diagnostic::warning(
                "align.psl_differs",
                lane_checks(&lane.id),
                format!(
                    "{}: DMARC {} under the RFC 9989 tree walk but {} for receivers that still use the Public Suffix List (RFC 7489), {puts}.",
                    lane.name,
                    verb(aligned),
                    verb(old_any),
                ),
            )
            .hint(hint),
        );
    }
    let (which, now) = match (spf != old.0, dkim_aligned != old.1) {
        (true, false) => ("SPF", spf),
        (false, true) => ("DKIM", dkim_aligned),
        // Each method has one identity, and not the same one: neither has
        // a backup.
        (true, true) => {
            let one = |spf: bool| if spf { "SPF" } else { "DKIM" };
            return Some(
                Diagnostic::info(
                    "align.psl_differs_one",
                    lane_checks(&lane.id),
                    format!(
                        "{}: DMARC rests on {} alone under the RFC 9989 tree walk and on {} alone for receivers that still use the Public Suffix List (RFC 7489), {puts}; neither has a backup.",
                        lane.name,
                        one(spf),
                        one(old.0),
                    ),
                )
                .hint(hint),
            );
        }
        (false, false) => return None,
    };
    Some(
        Diagnostic::info(
            "align.psl_differs_one",
            lane_checks(&lane.id),
            format!(
                "{}: {which} {} under the RFC 9989 tree walk but {} for receivers that still use the Public Suffix List (RFC 7489), {puts}. DMARC passes either way while the other identity aligns, but {which} is no backup for it there.",
                lane.name,
                verb(now),
                verb(!now),
            ),
        )
        .hint(hint),
    )
}

/// An error for each of a lane's From, bounce and DKIM domains that is a
/// public suffix (no organisation under the Public Suffix List): no one
/// registers it, so its records are not the brand's to publish.
pub(super) fn suffix_identities(
    lane: &Lane,
    index: usize,
    d: &LaneDomains,
    orgs: &[Option<String>; 3],
) -> Vec<Diagnostic> {
    let names = [
        (&d.from_domain, "From", "from_address"),
        (&d.bounce_domain, "Return-Path", "return_path_domain"),
        (&d.dkim_domain, "DKIM", "dkim_domain"),
    ];
    let mut out: Vec<Diagnostic> = Vec::new();
    for ((name, role, field), org) in names.into_iter().zip(orgs) {
        if org.is_some() || out.iter().any(|f| f.message.contains(&format!("“{name}”"))) {
            continue;
        }
        out.push(
            Diagnostic::error(
                "lane.public_suffix",
                format!("$.lanes[{index}].{field}"),
                format!("{}: the {role} domain “{name}” is a public suffix: names are registered under it, not it.", lane.name),
            )
            .hint("Use a subdomain of the brand's own domain, such as bounce.mail.brand.com."),
        );
    }
    out
}
