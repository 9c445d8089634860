//! The brand's records: DMARC at each rollout stage, and the optional
//! MTA-STS, TLS-RPT and BIMI records and the pasted extras.

use crate::dns::{canonical_name, RecordData};
use crate::domain::{address_domain, normalize_domain};
use crate::plan::model::{DmarcPolicy, MtaStsMode, Plan};
use crate::plan::validate::bimi_url_ok;

use super::{txt, Pasted, PlannedRecord};

pub(super) fn brand_records(plan: &Plan, stage: DmarcPolicy, out: &mut Vec<PlannedRecord>) {
    let Ok(primary) = normalize_domain(&plan.brand.primary_domain) else {
        return;
    };
    let dmarc = &plan.dmarc;
    let rua = crate::domain::normalize_address(&dmarc.rua).ok();
    let why = if stage == dmarc.goal {
        format!(
            "DMARC policy for {primary} and every subdomain without its own: the rollout's goal."
        )
    } else {
        format!(
            "DMARC policy for {primary} and every subdomain without its own, at the rollout's current stage; the goal is p={}.",
            dmarc.goal.as_str()
        )
    };
    let why = match dmarc.np {
        Some(np) => format!(
            "{why} Names under {primary} that do not exist get np={} at every stage.",
            np.as_str()
        ),
        None => why,
    };
    out.push(PlannedRecord {
        name: format!("_dmarc.{primary}"),
        data: txt(&dmarc_record(plan, stage)),
        why,
        lane: None,
        placeholder: false,
    });
    if let Some(rua_domain) = rua.as_deref().and_then(address_domain) {
        if !crate::domain::is_within(rua_domain, &primary) {
            out.push(PlannedRecord {
                name: format!("{primary}._report._dmarc.{rua_domain}"),
                data: txt("v=DMARC1"),
                why: format!("Lets {rua_domain} accept DMARC reports for {primary} (RFC 9989 §7.1); published in the zone of {rua_domain}."),
                lane: None,
                placeholder: false,
            });
        }
    }
}

/// The brand's DMARC record at `policy`, with the plan's policy for
/// subdomains that do not exist, alignment modes and report address.
pub fn dmarc_record(plan: &Plan, policy: DmarcPolicy) -> String {
    let dmarc = &plan.dmarc;
    let mut tags = vec!["v=DMARC1".to_string(), format!("p={}", policy.as_str())];
    if policy != DmarcPolicy::None {
        tags.push(format!("sp={}", policy.as_str()));
    }
    if let Some(np) = dmarc.np {
        tags.push(format!("np={}", np.as_str()));
    }
    if dmarc.strict_dkim {
        tags.push("adkim=s".into());
    }
    if dmarc.strict_spf {
        tags.push("aspf=s".into());
    }
    if let Ok(rua) = crate::domain::normalize_address(&dmarc.rua) {
        tags.push(format!("rua=mailto:{rua}"));
    }
    tags.join("; ")
}

/// MTA-STS, TLS-RPT and BIMI at the primary domain, where the plan asks.
/// MTA-STS, TLS reporting and BIMI; BIMI only while the DMARC `stage`
/// enforces and its addresses can stand in the record.
pub(super) fn extra_records(
    plan: &Plan,
    pasted: &Pasted,
    stage: DmarcPolicy,
    out: &mut Vec<PlannedRecord>,
) {
    let Ok(primary) = normalize_domain(&plan.brand.primary_domain) else {
        return;
    };
    let extras = &plan.extras;
    let mut push = |name: String, data: RecordData, why: String, placeholder: bool| {
        out.push(PlannedRecord {
            name,
            data,
            why,
            lane: None,
            placeholder,
        })
    };
    if extras.mta_sts != MtaStsMode::Off {
        let policy = mta_sts_policy(plan, pasted).unwrap_or_default();
        push(
            format!("_mta-sts.{primary}"),
            txt(&format!("v=STSv1; id={}", policy_id(&policy))),
            "MTA-STS (RFC 8461): tells senders to require TLS when delivering to you. The id changes whenever the policy does.".to_string(),
            false,
        );
        push(
            format!("mta-sts.{primary}"),
            RecordData::Cname("<host serving the policy over HTTPS>".to_string()),
            format!("Serves the policy at https://mta-sts.{primary}/.well-known/mta-sts.txt; point it at your web host."),
            true,
        );
    }
    if let Ok(rua) = crate::domain::normalize_address(&extras.tls_rpt_rua) {
        push(
            format!("_smtp._tls.{primary}"),
            txt(&format!("v=TLSRPTv1; rua=mailto:{rua}")),
            "TLS reporting (RFC 8460): daily reports of TLS failures delivering to you."
                .to_string(),
            false,
        );
    }
    let logo = extras.bimi_logo.trim();
    if bimi_url_ok(logo, ".svg") && stage != DmarcPolicy::None {
        let certificate = extras.bimi_certificate.trim();
        let mut value = format!("v=BIMI1; l={logo}");
        if bimi_url_ok(certificate, ".pem") {
            value.push_str(&format!("; a={certificate}"));
        }
        push(
            format!("default._bimi.{primary}"),
            txt(&value),
            "BIMI: the logo mailbox providers may show beside authenticated mail; needs DMARC at quarantine or reject.".to_string(),
            false,
        );
    }
}

/// The MTA-STS policy file for the primary domain, listing the MX hosts
/// among the pasted records; `None` while MTA-STS is off.
pub fn mta_sts_policy(plan: &Plan, pasted: &Pasted) -> Option<String> {
    let primary = normalize_domain(&plan.brand.primary_domain).ok()?;
    let mode = match plan.extras.mta_sts {
        MtaStsMode::Off => return None,
        MtaStsMode::Testing => "testing",
        MtaStsMode::Enforce => "enforce",
    };
    // RFC 8461 §3.2 ends each line with CRLF.
    let mut text = format!("version: STSv1\r\nmode: {mode}\r\n");
    for record in pasted.records.iter().filter(|r| r.name == primary) {
        // A null MX (RFC 7505) takes no mail, so it names no host here.
        if let RecordData::Mx { exchange, .. } = &record.data {
            if exchange.is_empty() {
                continue;
            }
            text.push_str(&format!("mx: {}\r\n", canonical_name(exchange)));
        }
    }
    text.push_str("max_age: 604800\r\n");
    Some(text)
}

/// A short id that changes whenever the policy text does (FNV-1a).
fn policy_id(policy: &str) -> String {
    let hash = policy.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("{hash:08x}")
}
