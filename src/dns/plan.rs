//! The DNS records a plan needs: per lane SPF at the bounce name, DKIM,
//! tracking CNAMEs and bounce MX, and for the brand the DMARC record and the
//! optional MTA-STS, TLS-RPT and BIMI records, each with the reason it is
//! needed; the records grouped into zone files; and the DMARC rollout
//! calendar.
//!
//! Provider specifics come from each provider's domain-authentication
//! documentation. Values only the provider's dashboard can give (account
//! numbers, DKIM tokens and keys) are marked as placeholders, never made up.

use chrono::{Days, NaiveDate};

use crate::dns::zonefile::{parse_zone, write_master_file, write_zone, ParsedRecord, ZONE_TTL};
use crate::dns::{canonical_name, oversized_name, RecordData, Zone};
use crate::domain::{address_domain, normalize_domain};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::{DmarcPlan, DmarcPolicy, Lane, MtaStsMode, Plan, Provider};
use crate::plan::validate::bimi_url_ok;

/// One record the plan publishes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedRecord {
    pub name: String,
    pub data: RecordData,
    /// Why the record is needed, in a sentence.
    pub why: String,
    /// The lane it serves; `None` for brand-wide records.
    pub lane: Option<String>,
    /// Part of the value must be copied from the provider's dashboard.
    pub placeholder: bool,
}

/// Where a lane's identities live, with the defaults filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaneDomains {
    pub from_domain: String,
    /// The envelope (Return-Path) domain SPF checks.
    pub bounce_domain: String,
    pub dkim_domain: String,
    pub dkim_selector: String,
    pub tracking_domain: Option<String>,
}

impl LaneDomains {
    /// Where the lane's DKIM key is published: `selector._domainkey.domain`.
    pub fn dkim_name(&self) -> String {
        format!("{}._domainkey.{}", self.dkim_selector, self.dkim_domain)
    }

    /// The selector in words: Amazon SES's Easy DKIM has three tokens.
    pub fn selector_shown(&self) -> String {
        match self.dkim_selector.as_str() {
            SES_TOKEN => "Amazon SES's Easy DKIM tokens".to_string(),
            POSTMARK_SELECTOR => "Postmark's selector, a date ending in pm".to_string(),
            MAILGUN_SELECTOR => "the selector Mailgun shows".to_string(),
            selector => format!("selector {selector}"),
        }
    }
}

/// The lane's identities, or `None` while its sending domain is not valid.
/// Mailgun sends every message with the Return-Path `bounce+…@` the domain
/// added to it, which is the lane's sending domain
/// (`Provider::bounces_at_sending_domain`).
pub fn lane_domains(lane: &Lane) -> Option<LaneDomains> {
    let sending = normalize_domain(&lane.sending_domain).ok()?;
    let from_domain = address_domain(&lane.from_address)
        .and_then(|d| normalize_domain(d).ok())
        .unwrap_or_else(|| sending.clone());
    let bounce_domain = match lane.smtp.provider.bounces_at_sending_domain() {
        true => sending.clone(),
        false => normalize_domain(&lane.return_path_domain)
            .unwrap_or_else(|_| format!("bounce.{sending}")),
    };
    let dkim_domain = normalize_domain(&lane.dkim_domain).unwrap_or_else(|_| sending.clone());
    let dkim_selector = crate::domain::selector_of(&lane.dkim_selector)
        .unwrap_or_else(|| default_selector(lane.smtp.provider).to_string());
    let tracking_domain = normalize_domain(&lane.tracking_domain).ok();
    Some(LaneDomains {
        from_domain,
        bounce_domain,
        dkim_domain,
        dkim_selector,
        tracking_domain,
    })
}

/// Where Amazon SES's three Easy DKIM tokens go in planned names, in the
/// order SES lists its CNAMEs.
const SES_TOKENS: [&str; 3] = ["<token1>", "<token2>", "<token3>"];

/// An Easy DKIM lane's selector: the first token stands for all three, so
/// the lane's DKIM name is the first CNAME's.
pub const SES_TOKEN: &str = SES_TOKENS[0];

/// Postmark's selector until the lane names it: Postmark picks one when the
/// domain is added, the date and time of the key followed by `pm`.
pub const POSTMARK_SELECTOR: &str = "<date>pm";

/// Mailgun's selector until the lane names it: Mailgun picks it when the
/// domain is added, and its API does not take one.
pub const MAILGUN_SELECTOR: &str = "<selector>";

/// Why DNS could not hold a planned name once published, or `None`. An SES
/// token is 32 characters where the plan writes `<token1>`, Postmark's date
/// 14 and Mailgun's selector up to 10, so each is measured at that length.
pub fn unpublishable(name: &str) -> Option<String> {
    let token = "t".repeat(32);
    let name = (SES_TOKENS.iter()).fold(name.to_string(), |name, t| name.replace(t, &token));
    let name = name.replace(MAILGUN_SELECTOR, &"s".repeat(10));
    oversized_name(&name.replace("<date>", &"0".repeat(14)))
}

/// The selector each provider uses unless told otherwise.
pub fn default_selector(provider: Provider) -> &'static str {
    match provider {
        Provider::SendGrid => "s1",
        Provider::Postmark => POSTMARK_SELECTOR,
        Provider::Mailgun => MAILGUN_SELECTOR,
        Provider::SparkPost => "scph",
        // Easy DKIM names its three keys with tokens only SES can give.
        Provider::AmazonSes => SES_TOKEN,
        Provider::CustomerIo | Provider::Custom => "s1",
    }
}

/// The provider's SPF include, for providers that publish one.
pub fn spf_include(provider: Provider) -> Option<&'static str> {
    match provider {
        Provider::SendGrid => Some("sendgrid.net"),
        Provider::AmazonSes => Some("amazonses.com"),
        Provider::Postmark => Some("spf.mtasv.net"),
        Provider::Mailgun => Some("mailgun.org"),
        Provider::SparkPost => Some("_spf.sparkpostmail.com"),
        Provider::CustomerIo | Provider::Custom => None,
    }
}

pub use crate::plan::model::ses_region;

/// A TXT record as DNS holds it: strings of at most 255 bytes, which
/// receivers join back together.
fn txt(text: &str) -> RecordData {
    let strings = text.as_bytes().chunks(crate::dns::spf::MAX_STRING);
    RecordData::Txt(strings.map(<[u8]>::to_vec).collect())
}

/// The records the user pasted as already published, read once for
/// everything a check derives from them.
pub struct Pasted {
    pub records: Vec<ParsedRecord>,
    /// What is wrong in the pasted text, each at its line.
    pub findings: Vec<Diagnostic>,
}

impl Pasted {
    /// The plan's pasted records, relative names under its primary domain.
    pub fn of(plan: &Plan) -> Pasted {
        let origin = normalize_domain(&plan.brand.primary_domain).unwrap_or_default();
        let (records, findings) = parse_zone(&plan.existing_records, &origin);
        Pasted { records, findings }
    }
}

/// Every record the plan publishes, lane by lane, then brand-wide, with
/// the DMARC record at the rollout's goal.
pub fn planned_records(plan: &Plan) -> Vec<PlannedRecord> {
    records_at_stage(plan, &Pasted::of(plan), plan.dmarc.goal)
}

/// Every record the plan publishes while the DMARC rollout is at `stage`:
/// what to publish on a day, since publishing the goal at once skips the
/// stages that show what would fail.
pub fn records_at_stage(plan: &Plan, pasted: &Pasted, stage: DmarcPolicy) -> Vec<PlannedRecord> {
    let mut out: Vec<PlannedRecord> = Vec::new();
    let mail = mail_names(plan, &pasted.records);
    for lane in &plan.lanes {
        if let Some(domains) = lane_domains(lane) {
            let mut own = Vec::new();
            lane_records(lane, &domains, &mail, &mut own);
            // Lanes that share a name (a From domain, say) publish what
            // they plan alike there once: a second copy is a duplicate
            // record, or a second SPF record, which receivers refuse.
            own.retain(|r| !out.iter().any(|o| o.name == r.name && o.data == r.data));
            // Two lanes' SPF at one name (a shared Return-Path domain) are
            // one record with both lanes' senders: two would be permerror.
            own.retain(|r| !merge_spf(&mut out, r));
            out.extend(own);
        }
    }
    brand_records(plan, stage, &mut out);
    extra_records(plan, pasted, stage, &mut out);
    out
}

/// Merges `record`'s senders into an SPF record already planned at its
/// name, keeping that record's `all`; whether it did.
fn merge_spf(out: &mut [PlannedRecord], record: &PlannedRecord) -> bool {
    let Some(theirs) = spf_text(&record.data) else {
        return false;
    };
    let Some(ours) =
        (out.iter_mut()).find(|o| o.name == record.name && spf_text(&o.data).is_some())
    else {
        return false;
    };
    let mine = spf_text(&ours.data).unwrap_or_default();
    let senders = |text: &str| -> Vec<String> {
        (text.split_whitespace().skip(1))
            .filter(|t| {
                !t.trim_start_matches(['+', '-', '~', '?'])
                    .eq_ignore_ascii_case("all")
            })
            .map(str::to_string)
            .collect()
    };
    let mut terms = senders(&mine);
    for term in senders(&theirs) {
        if !terms.contains(&term) {
            terms.push(term);
        }
    }
    let all = (mine.split_whitespace())
        .find(|t| {
            t.trim_start_matches(['+', '-', '~', '?'])
                .eq_ignore_ascii_case("all")
        })
        .unwrap_or("-all")
        .to_string();
    terms.insert(0, "v=spf1".to_string());
    terms.push(all);
    ours.data = txt(&terms.join(" "));
    true
}

/// The text of an SPF record.
fn spf_text(data: &RecordData) -> Option<String> {
    let RecordData::Txt(strings) = data else {
        return None;
    };
    let text = String::from_utf8_lossy(&strings.concat()).into_owned();
    crate::dns::spf::is_spf_record(text.as_bytes()).then_some(text)
}

/// Names that carry other mail: the primary domain, which holds the
/// company's own mailboxes, and any name with an existing MX or SPF record.
/// A From domain there gets no `v=spf1 -all`, which would stop that mail.
fn mail_names(plan: &Plan, existing: &[ParsedRecord]) -> Vec<String> {
    let Ok(origin) = normalize_domain(&plan.brand.primary_domain) else {
        return Vec::new();
    };
    let mut names = vec![canonical_name(&origin)];
    names.extend(
        (existing.iter())
            .filter(|r| carries_mail(&r.data))
            .map(|r| r.name.clone()),
    );
    names
}

/// Whether a record says a name sends or receives mail: an MX record, or
/// an SPF record that authorises something. `v=spf1 -all` says the name
/// sends nothing, as the plan's own record for a From domain does.
pub(crate) fn carries_mail(data: &RecordData) -> bool {
    match (kind_of(data).as_str(), data) {
        ("MX", _) => true,
        ("SPF", RecordData::Txt(strings)) => {
            let text = String::from_utf8_lossy(&strings.concat()).to_ascii_lowercase();
            text.split_whitespace().ne(["v=spf1", "-all"])
        }
        _ => false,
    }
}

/// A lane's records; `mail` names the domains that carry other mail.
fn lane_records(lane: &Lane, d: &LaneDomains, mail: &[String], out: &mut Vec<PlannedRecord>) {
    let mut records = bounce_records(lane, d);
    records.extend(dkim_records(lane.smtp.provider, d));
    records.extend(sendgrid_second_key(lane.smtp.provider, d));
    records.extend(tracking_record(lane, d));
    // One ownership record serves every lane whose links share a domain.
    let owner = sendgrid_link_owner(lane, d);
    records.extend(owner.filter(|o| !out.iter().any(|r| r.name == o.name && r.data == o.data)));
    if d.from_domain != d.bounce_domain && !mail.contains(&canonical_name(&d.from_domain)) {
        records.push(lane_record(
            &d.from_domain,
            txt("v=spf1 -all"),
            "The From domain sends no envelope mail itself; this stops others using it as a Return-Path.",
            false,
        ));
    }
    out.extend(records.into_iter().map(|r| PlannedRecord {
        lane: Some(lane.id.clone()),
        ..r
    }));
}

/// A record of a lane's, at its canonical name; `lane_records` names the lane.
fn lane_record(
    name: &str,
    data: RecordData,
    why: impl Into<String>,
    placeholder: bool,
) -> PlannedRecord {
    PlannedRecord {
        name: canonical_name(name),
        data,
        why: why.into(),
        lane: None,
        placeholder,
    }
}

/// Where a provider's own domain setup points the Return-Path name: a
/// CNAME to a host where the provider keeps the SPF record and the bounce
/// MX, and whether the target must be copied from its dashboard. `None`
/// where the plan publishes SPF itself.
pub fn return_path_cname(lane: &Lane) -> Option<(String, bool)> {
    match lane.smtp.provider {
        Provider::Postmark => Some(("pm.mtasv.net".to_string(), false)),
        // Automated security, which the SendGrid export turns on.
        Provider::SendGrid => Some(("u<account>.wl<id>.sendgrid.net".to_string(), true)),
        Provider::SparkPost if lane.smtp.host.contains(".eu.") => {
            Some(("eu.sparkpostmail.com".to_string(), false))
        }
        Provider::SparkPost => Some(("sparkpostmail.com".to_string(), false)),
        _ => None,
    }
}

/// The provider whose host `target` is, by the domains its Return-Path
/// CNAMEs and SPF includes lead to (`u123.wl456.sendgrid.net` is
/// SendGrid's), or `None` for a host of no provider known here.
pub fn provider_of_host(target: &str) -> Option<Provider> {
    let host = canonical_name(target);
    Provider::ALL.into_iter().find(|&p| {
        let base = match p {
            Provider::Postmark => "mtasv.net",
            Provider::SparkPost => "sparkpostmail.com",
            _ => match spf_include(p) {
                Some(include) => include,
                None => return false,
            },
        };
        host == base || host.ends_with(&format!(".{base}"))
    })
}

/// Whose host `target`, a CNAME at `lane`'s Return-Path name, is when it
/// is left from an earlier setup ("SendGrid's host"): neither the CNAME
/// the lane's provider asks for nor another host of that provider. A host
/// of no provider known here counts only for a lane on a known provider:
/// a lane on its own servers may mean to send bounces there.
pub fn earlier_return_path(lane: &Lane, target: &str) -> Option<String> {
    let host = provider_of_host(target);
    let own = planned_return_path(lane, target) || host == Some(lane.smtp.provider);
    match host {
        _ if own => None,
        Some(p) => Some(format!("{}'s host", p.label())),
        None if lane.smtp.provider == Provider::Custom => None,
        None => Some("another provider's host".to_string()),
    }
}

/// Whether `target`, the CNAME published at `lane`'s Return-Path name, is
/// the one its provider's setup asks for.
pub fn planned_return_path(lane: &Lane, target: &str) -> bool {
    let target = canonical_name(target);
    return_path_cname(lane).is_some_and(|(want, placeholder)| match placeholder {
        true => crate::dns::fits_placeholders(&want, &target),
        false => canonical_name(&want) == target,
    })
}

/// The records at the bounce name: the provider's CNAME where it keeps
/// SPF itself, otherwise SPF plus the MX that brings bounces back.
fn bounce_records(lane: &Lane, d: &LaneDomains) -> Vec<PlannedRecord> {
    let label = lane.smtp.provider.label();
    match return_path_cname(lane) {
        Some((target, placeholder)) => {
            let copy = match placeholder {
                true => " Copy the target from its domain authentication page.",
                false => "",
            };
            vec![lane_record(
                &d.bounce_domain,
                RecordData::Cname(target),
                format!("Return-Path: {label} verifies this CNAME and publishes SPF and the bounce MX behind it, so no TXT record goes here.{copy}"),
                placeholder,
            )]
        }
        None => {
            let mut records = vec![spf_record(lane, d)];
            records.extend(ses_feedback_mx(lane, d));
            records.extend(mailgun_mx(lane, d));
            records
        }
    }
}

/// Mailgun receives a domain's bounces at its own MX hosts.
fn mailgun_mx(lane: &Lane, d: &LaneDomains) -> Vec<PlannedRecord> {
    if lane.smtp.provider != Provider::Mailgun {
        return Vec::new();
    }
    ["mxa.mailgun.org", "mxb.mailgun.org"]
        .into_iter()
        .map(|host| {
            lane_record(
                &d.bounce_domain,
                RecordData::Mx {
                    preference: 10,
                    exchange: host.to_string(),
                },
                "Mailgun's MX for the envelope domain: bounces come back to Mailgun through it.",
                false,
            )
        })
        .collect()
}

/// Whether the lane's planned SPF authorises no server: its provider has
/// no include and publishes none behind a CNAME, and it lists no IPs.
pub fn spf_authorises_nothing(lane: &Lane) -> bool {
    return_path_cname(lane).is_none() && spf_terms(lane).is_empty()
}

/// The mechanisms of the bounce domain's SPF: the lane's IPs, then its
/// provider's include.
fn spf_terms(lane: &Lane) -> Vec<String> {
    let mut terms: Vec<String> = lane
        .ip_addresses
        .iter()
        .filter_map(|ip| ip.trim().parse::<std::net::IpAddr>().ok())
        .map(|ip| {
            if ip.is_ipv4() {
                format!("ip4:{ip}")
            } else {
                format!("ip6:{ip}")
            }
        })
        .collect();
    terms.extend(spf_include(lane.smtp.provider).map(|include| format!("include:{include}")));
    terms
}

/// SPF at the bounce name, the identity SPF checks and DMARC aligns.
fn spf_record(lane: &Lane, d: &LaneDomains) -> PlannedRecord {
    let terms = spf_terms(lane);
    let spf = format!("v=spf1 {} -all", terms.join(" ")).replace("  ", " ");
    let why = if terms.is_empty() {
        "SPF for the bounce domain. No addresses or provider include are known yet, so nothing may send; add the lane's IPs.".to_string()
    } else {
        format!(
            "SPF for the bounce (Return-Path) domain: authorises {} and fails everything else.",
            terms.join(", ")
        )
    };
    lane_record(&d.bounce_domain, txt(&spf), why, false)
}

/// SES's custom MAIL FROM needs an MX at the bounce name.
fn ses_feedback_mx(lane: &Lane, d: &LaneDomains) -> Option<PlannedRecord> {
    if lane.smtp.provider != Provider::AmazonSes {
        return None;
    }
    let region = ses_region(&lane.smtp.host)?;
    Some(lane_record(
        &d.bounce_domain,
        RecordData::Mx {
            preference: 10,
            exchange: format!("feedback-smtp.{region}.amazonses.com"),
        },
        "SES custom MAIL FROM: bounces and complaints come back to SES through this MX.",
        false,
    ))
}

/// DKIM: CNAMEs to provider-held keys, or a key record to fill in.
fn dkim_records(provider: Provider, d: &LaneDomains) -> Vec<PlannedRecord> {
    let label = provider.label();
    let dkim_name = d.dkim_name();
    let domain = &d.dkim_domain;
    let why = match provider {
        Provider::SendGrid => {
            return vec![lane_record(
                &dkim_name,
                RecordData::Cname(format!("{}.domainkey.u<account>.wl<id>.sendgrid.net", d.dkim_selector)),
                format!("DKIM key held by {label}; copy the account-specific target from the domain authentication page."),
                true,
            )]
        }
        Provider::AmazonSes if d.dkim_selector == SES_TOKEN => return easy_dkim(d),
        Provider::AmazonSes => format!("BYODKIM: the public half (RSA 2048) of the key pair you give SES for d={domain}; paste it here."),
        Provider::Postmark if d.dkim_selector == POSTMARK_SELECTOR => format!("DKIM public key for d={domain}, under the selector Postmark picks when the domain is added (a date ending in pm); enter that selector on the lane, or publish the key under the name Postmark shows."),
        Provider::Postmark => format!("DKIM public key for d={domain}: paste the key Postmark shows for this selector."),
        Provider::Mailgun if d.dkim_selector == MAILGUN_SELECTOR => format!("DKIM public key for d={domain}, under the selector Mailgun shows once the domain is added; enter that selector on the lane, or publish the key under the name Mailgun shows."),
        _ => format!("DKIM public key (RSA 2048) for d={domain}; paste the key from {label}."),
    };
    vec![lane_record(
        &dkim_name,
        txt("v=DKIM1; k=rsa; p=<public key>"),
        why,
        true,
    )]
}

/// Amazon SES's Easy DKIM: three CNAMEs, one per token, to keys SES holds.
fn easy_dkim(d: &LaneDomains) -> Vec<PlannedRecord> {
    let nth = ["first", "second", "third"];
    (SES_TOKENS.iter().zip(nth))
        .map(|(token, nth)| {
            lane_record(
                &format!("{token}._domainkey.{}", d.dkim_domain),
                RecordData::Cname(format!("{token}.dkim.amazonses.com")),
                format!("Easy DKIM: the {nth} of the three CNAMEs SES shows; copy its token in place of {token}."),
                true,
            )
        })
        .collect()
}

/// SendGrid's automated security publishes a second key to rotate to:
/// `s2` beside `s1`, or the custom selector with a 2.
fn sendgrid_second_key(provider: Provider, d: &LaneDomains) -> Option<PlannedRecord> {
    if provider != Provider::SendGrid {
        return None;
    }
    let second = match d.dkim_selector.as_str() {
        "s1" => "s2".to_string(),
        selector => format!("{selector}2"),
    };
    Some(lane_record(
        &format!("{second}._domainkey.{}", d.dkim_domain),
        RecordData::Cname(format!("{second}.domainkey.u<account>.wl<id>.sendgrid.net")),
        "SendGrid's second DKIM key, which it rotates to; copy the target from the domain authentication page.",
        true,
    ))
}

/// Branded link tracking, a CNAME to the provider's tracking host.
fn tracking_record(lane: &Lane, d: &LaneDomains) -> Option<PlannedRecord> {
    let tracking = d.tracking_domain.as_ref()?;
    let provider = lane.smtp.provider;
    let target = match provider {
        Provider::SendGrid => Some("sendgrid.net".to_string()),
        Provider::Mailgun => Some("mailgun.org".to_string()),
        Provider::Postmark => Some("track.postmarkapp.com".to_string()),
        Provider::AmazonSes => ses_region(&lane.smtp.host).map(|r| format!("r.{r}.awstrack.me")),
        _ => None,
    };
    let placeholder = target.is_none();
    Some(lane_record(
        tracking,
        RecordData::Cname(target.unwrap_or_else(|| format!("<tracking host from {}>", provider.label()))),
        "Branded link tracking: links point at your own domain instead of the provider's shared one.",
        placeholder,
    ))
}

/// A tracking domain as SendGrid's link branding takes it: the domain and
/// the subdomain under it, `brand.com` and `click` for `click.brand.com`;
/// a domain of two labels is taken whole.
pub fn link_branding(tracking: &str) -> (&str, Option<&str>) {
    match tracking.split_once('.') {
        Some((sub, root)) if root.contains('.') => (root, Some(sub)),
        _ => (tracking, None),
    }
}

/// SendGrid's link branding proves the account owns the domain with a
/// second CNAME, named after the account's user id, beside the link one.
fn sendgrid_link_owner(lane: &Lane, d: &LaneDomains) -> Option<PlannedRecord> {
    if lane.smtp.provider != Provider::SendGrid {
        return None;
    }
    let (root, _) = link_branding(d.tracking_domain.as_ref()?);
    Some(lane_record(
        &format!("<user id>.{root}"),
        RecordData::Cname("sendgrid.net".to_string()),
        "SendGrid link branding's ownership record: the name starts with the account's user id, which the link branding page shows.",
        true,
    ))
}

fn brand_records(plan: &Plan, stage: DmarcPolicy, out: &mut Vec<PlannedRecord>) {
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
fn extra_records(plan: &Plan, pasted: &Pasted, stage: DmarcPolicy, out: &mut Vec<PlannedRecord>) {
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

/// The records to publish in one DNS zone, and the zone file that holds them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZoneFile {
    pub origin: String,
    /// Every record of the zone except names DNS cannot hold, which the
    /// checks report instead.
    pub records: Vec<PlannedRecord>,
    /// A BIND master file: `$TTL`, `$ORIGIN`, TXT values split at 255 bytes.
    pub text: String,
}

/// A zone's records by what a download does with them.
pub struct ZoneParts<'a> {
    /// Published as they are.
    pub ready: Vec<&'a PlannedRecord>,
    /// CNAMEs at a name with other records, which would stop the whole
    /// file or plan loading: left out, commented, until Problems is fixed.
    pub clash: Vec<&'a PlannedRecord>,
    /// Values to fill in from a provider's dashboard, commented.
    pub pending: Vec<&'a PlannedRecord>,
}

impl ZoneFile {
    /// The zone's records split the way every download writes them.
    pub fn parts(&self) -> ZoneParts<'_> {
        let (ready, pending): (Vec<&PlannedRecord>, Vec<&PlannedRecord>) =
            self.records.iter().partition(|r| !r.placeholder);
        let (clash, ready) = (ready.iter().copied()).partition(|r| cname_clashes(r, &ready));
        ZoneParts {
            ready,
            clash,
            pending,
        }
    }
}

/// The planned records grouped by the zone they belong in: the primary
/// domain's, each lane domain outside it, and a report address's domain.
/// The DMARC record carries `dmarc_stage`, the rollout's current policy,
/// so that a download never jumps straight to the goal.
pub fn zone_files(plan: &Plan, pasted: &Pasted, dmarc_stage: DmarcPolicy) -> Vec<ZoneFile> {
    // A name DNS cannot hold would make a whole file or export unreadable.
    let mut records = records_at_stage(plan, pasted, dmarc_stage);
    records.retain(|r| unpublishable(&r.name).is_none());
    fill_placeholders(&pasted.records, &mut records);
    let mut origins: Vec<String> = Vec::new();
    if let Ok(primary) = normalize_domain(&plan.brand.primary_domain) {
        origins.push(primary);
    }
    for lane in &plan.lanes {
        if let Some(d) = lane_domains(lane) {
            origins.extend([d.from_domain, d.bounce_domain, d.dkim_domain]);
        }
    }
    origins.retain(|o| oversized_name(o).is_none());
    let mut files: Vec<ZoneFile> = Vec::new();
    for record in records {
        // A report authorisation record is published in the report domain.
        let origin = match record.name.split_once("._report._dmarc.") {
            Some((_, report_domain)) => report_domain.to_string(),
            None => origins
                .iter()
                .filter(|o| crate::domain::is_within(&record.name, o))
                .min_by_key(|o| o.len())
                .cloned()
                .unwrap_or_else(|| record.name.clone()),
        };
        match files.iter_mut().find(|f| f.origin == origin) {
            Some(file) => file.records.push(record),
            None => files.push(ZoneFile {
                origin,
                records: vec![record],
                text: String::new(),
            }),
        }
    }
    for file in &mut files {
        file.text = zone_text(file);
    }
    files
}

/// Each placeholder a pasted record fills becomes that record, so a
/// download publishes the provider's value instead of commenting it out.
fn fill_placeholders(existing: &[ParsedRecord], records: &mut [PlannedRecord]) {
    let fillers = fillers(records, existing);
    for (record, pasted) in records.iter_mut().zip(fillers) {
        if let Some(pasted) = pasted {
            record.name = pasted.name.clone();
            record.data = pasted.data.clone();
            record.placeholder = false;
        }
    }
}

/// The pasted record that fills each planned record's placeholder, if any.
/// A pasted record fills one placeholder, so the tokens SES gives fill its
/// three CNAMEs in turn rather than one token filling all three.
pub(crate) fn fillers<'a>(
    planned: &[PlannedRecord],
    existing: &'a [ParsedRecord],
) -> Vec<Option<&'a ParsedRecord>> {
    let mut taken: Vec<&ParsedRecord> = Vec::new();
    (planned.iter())
        .map(|p| {
            let free =
                |e: &&ParsedRecord| !taken.iter().any(|t| t.name == e.name && t.data == e.data);
            let found = (existing.iter()).find(|e| free(e) && fills(&e.name, &e.data, p))?;
            taken.push(found);
            Some(found)
        })
        .collect()
}

/// A zone's master file: the records to publish, then those left out and
/// those to fill in, commented so the file loads as it is.
fn zone_text(file: &ZoneFile) -> String {
    let ZoneParts {
        ready,
        clash,
        pending,
    } = file.parts();
    let pairs = |records: &[&PlannedRecord]| -> Vec<(String, RecordData)> {
        records
            .iter()
            .map(|r| (r.name.clone(), r.data.clone()))
            .collect()
    };
    let mut text = write_master_file(&file.origin, ZONE_TTL, &pairs(&ready));
    // Both stay commented out so the file loads as it is.
    let held = [
        (
            clash,
            "; Left out: a CNAME cannot share its name with other records (see Problems):\n",
        ),
        (
            pending,
            "; To fill in from the provider's dashboard, then uncomment:\n",
        ),
    ];
    for (records, heading) in held.iter().filter(|(r, _)| !r.is_empty()) {
        text.push_str(heading);
        let body = write_zone(&file.origin, &pairs(records));
        for line in body.lines().skip(1) {
            text.push_str(&format!("; {line}\n"));
        }
    }
    text
}

/// Whether `record` is a CNAME at a name where `others` hold more records.
fn cname_clashes(record: &PlannedRecord, others: &[&PlannedRecord]) -> bool {
    matches!(record.data, RecordData::Cname(_))
        && others
            .iter()
            .any(|o| o.name == record.name && !std::ptr::eq(*o, record))
}

/// The plan's records, the DMARC record at `stage`, plus the pasted ones,
/// as one zone for the checks, with what is wrong in the pasted text. A
/// planned record replaces an existing one of the same kind at the same
/// name (an SPF record another SPF record, a DMARC record another), a
/// planned CNAME every record at its name, and the replacement is noted;
/// other existing records stay.
pub fn planned_zone(plan: &Plan, pasted: &Pasted, stage: DmarcPolicy) -> (Zone, Vec<Diagnostic>) {
    let mut zone = Zone::new();
    let (existing, mut findings) = (&pasted.records, pasted.findings.clone());
    let planned = records_at_stage(plan, pasted, stage);
    for record in existing {
        let kind = kind_of(&record.data);
        // A planned CNAME must stand alone, so it replaces every record there.
        let replaced =
            |p: &PlannedRecord| kind_of(&p.data) == kind || matches!(p.data, RecordData::Cname(_));
        // A record already published as planned replaces nothing.
        let published = planned
            .iter()
            .any(|p| p.name == record.name && p.data == record.data);
        if published {
            continue;
        }
        // The provider's key or CNAME, published where the plan holds a
        // placeholder for it, is the record the plan asks for.
        if planned.iter().any(|p| fills(&record.name, &record.data, p)) {
            zone.add(&record.name, record.data.clone());
            continue;
        }
        if planned.iter().any(|p| p.name == record.name && replaced(p)) {
            findings.push(
                Diagnostic::info("dns.replaced", format!("line {}", record.line), format!("The plan replaces the existing {kind} record at {}.", record.name))
                    .hint("Publish the planned record in its place; two such records at one name break the check."),
            );
        } else {
            zone.add(&record.name, record.data.clone());
        }
    }
    for record in planned {
        if !existing.iter().any(|e| fills(&e.name, &e.data, &record)) {
            zone.add(&record.name, record.data);
        }
    }
    (zone, findings)
}

/// Whether a pasted record fills a planned placeholder: the same kind of
/// record at a name the planned one fits (a name the provider picks part
/// of, such as Postmark's date), a CNAME's target fitting the planned one.
pub(crate) fn fills(name: &str, data: &RecordData, planned: &PlannedRecord) -> bool {
    let fits = crate::dns::fits_placeholders;
    if !planned.placeholder || !fits(&planned.name, name) {
        return false;
    }
    match (&planned.data, data) {
        (RecordData::Cname(target), RecordData::Cname(got)) => fits(target, &canonical_name(got)),
        (want, got) => kind_of(want) == kind_of(got),
    }
}

/// What a record is for, so a planned record can replace an existing one.
fn kind_of(data: &RecordData) -> String {
    match data {
        RecordData::Txt(strings) => {
            let text = String::from_utf8_lossy(&strings.concat()).into_owned();
            if crate::dns::spf::is_spf_record(text.as_bytes()) {
                "SPF".into()
            } else if crate::dns::dmarc::is_dmarc_record(&text) {
                "DMARC".into()
            } else if text.trim_start().starts_with("v=DKIM1") || text.contains("p=") {
                "DKIM".into()
            } else {
                format!("TXT {text}")
            }
        }
        RecordData::Cname(_) => "CNAME".into(),
        RecordData::Mx { .. } => "MX".into(),
        RecordData::A(_) => "A".into(),
        RecordData::Aaaa(_) => "AAAA".into(),
        RecordData::Ptr(_) => "PTR".into(),
    }
}

/// The rollout stage in force on `today`: the first (p=none, or the
/// plan's first stage) before the rollout starts or while it has no start
/// date.
pub fn stage_on(plan: &Plan, today: NaiveDate) -> DmarcPolicy {
    match rollout(plan) {
        Some(stages) => stages
            .iter()
            .rev()
            .find(|s| s.starts <= today)
            .or(stages.first())
            .map_or(plan.dmarc.goal, |s| s.policy),
        None => first_stage(&plan.dmarc),
    }
}

/// The policy the rollout starts at: the plan's first stage, never past
/// its goal, else p=none.
pub fn first_stage(dmarc: &DmarcPlan) -> DmarcPolicy {
    let first = dmarc.first_stage.unwrap_or(DmarcPolicy::None);
    first.min(dmarc.goal)
}

/// The policies the plan's rollout passes through: those on the way to
/// its goal from its first stage.
pub fn planned_stages(plan: &Plan) -> &'static [DmarcPolicy] {
    let all = stages_to(plan.dmarc.goal);
    let first = first_stage(&plan.dmarc);
    &all[all.iter().position(|p| *p == first).unwrap_or(0)..]
}

/// The stages on the way to the goal that the plan's first stage skips.
pub fn skipped_stages(plan: &Plan) -> &'static [DmarcPolicy] {
    let all = stages_to(plan.dmarc.goal);
    &all[..all.len() - planned_stages(plan).len()]
}

/// One step of the DMARC rollout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RolloutStage {
    pub policy: DmarcPolicy,
    pub starts: NaiveDate,
    pub record: String,
}

/// The policies a rollout passes through on its way to `goal`.
pub fn stages_to(goal: DmarcPolicy) -> &'static [DmarcPolicy] {
    match goal {
        DmarcPolicy::None => &[DmarcPolicy::None],
        DmarcPolicy::Quarantine => &[DmarcPolicy::None, DmarcPolicy::Quarantine],
        DmarcPolicy::Reject => &[
            DmarcPolicy::None,
            DmarcPolicy::Quarantine,
            DmarcPolicy::Reject,
        ],
    }
}

/// p=none with reports, then quarantine, then the goal, each for
/// `weeks_per_stage` weeks, from the plan's first stage on (the stages
/// before it are skipped, and have no dates); `None` until a valid start
/// date is set.
pub fn rollout(plan: &Plan) -> Option<Vec<RolloutStage>> {
    let start = crate::units::iso_date(&plan.dmarc.rollout_start)?;
    let weeks = u64::from(crate::plan::ranges::DMARC_WEEKS.clamp(plan.dmarc.weeks_per_stage));
    let policies = planned_stages(plan);
    policies
        .iter()
        .enumerate()
        .map(|(i, &policy)| {
            let starts = start.checked_add_days(Days::new(weeks * 7 * i as u64))?;
            Some(RolloutStage {
                policy,
                starts,
                record: dmarc_record(plan, policy),
            })
        })
        .collect()
}
