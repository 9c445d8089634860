//! A lane's DMARC alignment, and the findings about how it authenticates:
//! strict modes its domains cannot meet, SPF that authorises no server, an
//! identity that does not align, and no DMARC record that applies.

use crate::dns::dmarc::{discover, Discovery};
use crate::dns::plan::LaneDomains;
use crate::dns::Zone;
use crate::plan::diagnostic::{lane_checks, Diagnostic, Fix};
use crate::plan::edit::{DmarcField, Edit};
use crate::plan::model::{Lane, Plan};

/// A lane's DMARC alignment: the modes the record in force asks for (the
/// plan's own where no record applies), and whether SPF's and DKIM's
/// domains align with the From domain under them.
pub(super) struct Aligned {
    pub(super) strict_spf: bool,
    pub(super) strict_dkim: bool,
    pub(super) spf: bool,
    pub(super) dkim: bool,
}

impl Aligned {
    pub(super) fn of(
        plan: &Plan,
        zone: &Zone,
        domains: &LaneDomains,
        dmarc: &Discovery,
    ) -> Aligned {
        use crate::dns::dmarc::Alignment::Strict;
        let policy = dmarc.record.as_ref().map(|(_, r)| r);
        let strict_spf = policy.map_or(plan.dmarc.strict_spf, |r| r.aspf == Strict);
        let strict_dkim = policy.map_or(plan.dmarc.strict_dkim, |r| r.adkim == Strict);
        let aligned = |other: &str, strict: bool| {
            if strict {
                other == domains.from_domain
            } else {
                discover(zone, other).organizational_domain == dmarc.organizational_domain
            }
        };
        Aligned {
            strict_spf,
            strict_dkim,
            spf: aligned(&domains.bounce_domain, strict_spf),
            dkim: aligned(&domains.dkim_domain, strict_dkim),
        }
    }

    /// Whether either identity aligns, which is all DMARC needs.
    fn any(&self) -> bool {
        self.spf || self.dkim
    }
}

/// The findings about one lane's alignment and the DMARC record that
/// applies to it, added to `out`.
#[allow(clippy::too_many_arguments)]
pub(super) fn lane_findings(
    plan: &Plan,
    lane: &Lane,
    d: &LaneDomains,
    a: &Aligned,
    dmarc: &Discovery,
    out: &mut Vec<Diagnostic>,
) {
    let (at, lane_name) = (lane_checks(&lane.id), &lane.name);
    // The plan's alignment modes are its own to relax; a lane domain's own
    // pasted record is the team's to change.
    let primary = crate::domain::normalize_domain(&plan.brand.primary_domain).unwrap_or_default();
    let plans_modes = (dmarc.record.as_ref()).is_none_or(|(name, _)| *name == primary);
    let relax = |label: &str, set: DmarcField| {
        plans_modes.then(|| Fix {
            label: label.to_string(),
            edits: vec![Edit::Dmarc(set)],
        })
    };
    if a.strict_spf && d.bounce_domain != d.from_domain {
        let finding = Diagnostic::warning("align.strict_spf", &at, format!("{lane_name}: aspf=s needs the bounce domain {} to equal the From domain {}, so SPF never aligns.", d.bounce_domain, d.from_domain))
            .hint("Use relaxed SPF alignment (aspf=r), which accepts any bounce subdomain of the same organisation.");
        out.push(
            match relax("Use relaxed SPF alignment", DmarcField::StrictSpf(false)) {
                Some(fix) => finding.with_fix(fix),
                None => finding,
            },
        );
    }
    if a.strict_dkim && d.dkim_domain != d.from_domain {
        let finding = Diagnostic::warning(
            "align.strict_dkim",
            &at,
            format!(
                "{lane_name}: adkim=s needs d={} to equal the From domain {}.",
                d.dkim_domain, d.from_domain
            ),
        )
        .hint("Sign with d= set to the From domain, or use relaxed DKIM alignment.");
        out.push(
            match relax("Use relaxed DKIM alignment", DmarcField::StrictDkim(false)) {
                Some(fix) => finding.with_fix(fix),
                None => finding,
            },
        );
    }
    if crate::dns::plan::spf_authorises_nothing(lane) {
        out.push(
            Diagnostic::warning(
                "spf.authorises_nothing",
                &at,
                format!(
                    "{lane_name}: the planned SPF at {} is v=spf1 -all, which authorises no server, as the lane lists no IP addresses and {} has no include Switchyard knows; its mail fails SPF.",
                    d.bounce_domain,
                    lane.smtp.provider.label()
                ),
            )
            .hint("List the sending server's IP addresses on the Domains tab, or use the Return-Path the provider gives, whose SPF it publishes."),
        );
    }
    if a.spf && !a.dkim {
        out.push(
            Diagnostic::warning("align.spf_only", &at, format!("{lane_name} passes DMARC on SPF alone; forwarded mail loses SPF and then fails DMARC."))
                .hint("Sign with a DKIM domain in the From domain's organisation."),
        );
    }
    if !a.any() {
        out.push(
            Diagnostic::error("align.none", &at, format!("{lane_name}: neither SPF nor DKIM aligns with the From domain {}, so DMARC fails.", d.from_domain))
                .hint("Put the bounce and DKIM domains under the From domain's organisation."),
        );
    }
    if dmarc.record.is_none() {
        out.push(
            Diagnostic::error(
                "dmarc.none_applies",
                &at,
                format!("{lane_name}: no DMARC record applies to {}.", d.from_domain),
            )
            .hint(dmarc_home_hint(plan, &d.from_domain)),
        );
    }
}

/// Where a From domain's DMARC record belongs: the primary domain covers
/// its own subdomains, never another organisation's.
fn dmarc_home_hint(plan: &Plan, from: &str) -> String {
    match crate::domain::normalize_domain(&plan.brand.primary_domain) {
        Ok(primary) if crate::domain::is_within(from, &primary) => {
            "Publish a DMARC record at the primary domain; subdomains inherit it.".to_string()
        }
        _ => format!("Publish a DMARC record at _dmarc of {from}'s registered domain, or send from a subdomain of the primary domain."),
    }
}
