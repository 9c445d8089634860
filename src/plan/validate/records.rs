//! The DMARC plan and the extra records: TLS reports and BIMI.

use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::Plan;

use super::lanes::check_address;
use crate::plan::ranges::DMARC_WEEKS;

pub(super) fn check_dmarc_plan(plan: &Plan, out: &mut Vec<Diagnostic>) {
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
                crate::units::not_a_date(start),
            )
            .hint("Write the first day as YYYY-MM-DD, such as 2027-01-04."),
        );
    }
    if !DMARC_WEEKS.contains(dmarc.weeks_per_stage.into()) {
        out.push(
            Diagnostic::error(
                "dmarc.weeks_per_stage",
                "$.dmarc.weeks_per_stage",
                format!(
                    "{} weeks per stage is outside {} to {}.",
                    dmarc.weeks_per_stage, DMARC_WEEKS.min, DMARC_WEEKS.max
                ),
            )
            .hint("Four weeks per stage gives reports time to show every sender."),
        );
    }
}

/// Whether a BIMI address can go in the record: HTTPS, to a file ending in
/// `suffix`, with nothing that would break the record's tag list.
pub fn bimi_url_ok(url: &str, suffix: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let bad_char = url
        .chars()
        .any(|c| c == ';' || c == '"' || c.is_whitespace());
    lower.starts_with("https://") && lower.ends_with(suffix) && !bad_char
}

pub(super) fn check_extras(plan: &Plan, out: &mut Vec<Diagnostic>) {
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
        if !bimi_url_ok(url, suffix) {
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
