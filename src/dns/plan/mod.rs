//! The DNS records a plan needs: per lane SPF at the bounce name, DKIM,
//! tracking CNAMEs and bounce MX, and for the brand the DMARC record and the
//! optional MTA-STS, TLS-RPT and BIMI records, each with the reason it is
//! needed; the records grouped into zone files; and the DMARC rollout
//! calendar.
//!
//! Provider specifics come from each provider's domain-authentication
//! documentation. Values only the provider's dashboard can give (account
//! numbers, DKIM tokens and keys) are marked as placeholders, never made up.

mod brand;
mod lane;
mod rollout;
mod zones;

use crate::dns::zonefile::{parse_zone, ParsedRecord};
use crate::dns::{canonical_name, oversized_name, RecordData};
use crate::domain::{address_domain, normalize_domain};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::{DmarcPolicy, Lane, Plan, Provider};

pub use brand::{dmarc_record, mta_sts_policy};
pub use lane::{
    earlier_return_path, link_branding, planned_return_path, provider_of_host, return_path_cname,
    spf_authorises_nothing,
};
pub use rollout::{
    first_stage, planned_stages, rollout, skipped_stages, stage_on, stages_to, RolloutStage,
};
pub(crate) use zones::{fillers, fills};
pub use zones::{planned_zone, zone_files, ZoneFile, ZoneParts};

use brand::{brand_records, extra_records};
use lane::lane_records;
use zones::kind_of;

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
/// The label SendGrid's domain authentication takes for the return path:
/// the Return-Path domain less the From domain it sits under, such as
/// `bounce` for bounce.flows.brand.com under flows.brand.com; `None` when
/// it is not under the From domain, and SendGrid's own subdomain is used.
pub fn sendgrid_return_label(d: &LaneDomains) -> Option<&str> {
    d.bounce_domain
        .strip_suffix(&d.from_domain)?
        .strip_suffix('.')
        .filter(|label| !label.is_empty())
}

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
    // A selector SendGrid cannot take is not the one its keys are under.
    let provider = lane.smtp.provider;
    let dkim_selector = crate::domain::selector_of(&lane.dkim_selector)
        .filter(|s| provider != Provider::SendGrid || sendgrid_takes(s))
        .unwrap_or_else(|| default_selector(provider).to_string());
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

/// Whether SendGrid takes `selector` as a custom DKIM selector: exactly
/// three letters or digits.
pub fn sendgrid_takes(selector: &str) -> bool {
    selector.len() == 3 && selector.chars().all(|c| c.is_ascii_alphanumeric())
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
