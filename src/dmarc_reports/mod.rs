//! DMARC aggregate reports: read the files mailbox providers send, keep
//! only the aggregates, and say what they mean for each lane.
//!
//! `read` turns one file (XML, gzip or zip) into reports or a refusal with
//! its place; `store` keeps the rows of every report once; `attribute`
//! gives each row its lane and sums pass rates per lane, domain and
//! reporting organisation; `rollout` says whether the plan's next DMARC
//! stage is safe; `published` what policy receivers saw published and
//! whether it is the plan's; `protocol` is what the page and the report
//! worker say.

pub mod attribute;
pub mod protocol;
pub mod published;
pub mod read;
pub mod rollout;
pub mod store;

pub use read::ReadError;

use serde::{Deserialize, Serialize};

use crate::plan::model::DmarcPolicy;

/// The DMARC-aligned outcome of one mechanism, as `policy_evaluated` says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    Fail,
}

/// What the receiver did with the mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    None,
    Quarantine,
    Reject,
    /// RFC 9990's value for mail that passed DMARC.
    Pass,
}

/// A raw DKIM result from `auth_results`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DkimResult {
    pub domain: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub selector: String,
    /// none, pass, fail, policy, neutral, temperror or permerror.
    pub result: String,
}

/// A raw SPF result from `auth_results`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SpfResult {
    pub domain: String,
    /// mfrom or helo; empty when the report leaves it out.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope: String,
    /// none, neutral, pass, fail, softfail, temperror or permerror.
    pub result: String,
}

/// One aggregate row: messages from one source on one day with one set of
/// results. Nothing about people is kept.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Row {
    /// The UTC day the report's range begins on (YYYY-MM-DD).
    pub day: String,
    /// The reporting organisation, such as `google.com`.
    pub org: String,
    /// The policy domain the report is about.
    pub policy_domain: String,
    pub source_ip: String,
    pub header_from: String,
    /// MAIL FROM domain where the report gives it (RFC 9990 expects it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub envelope_from: String,
    pub dkim: Vec<DkimResult>,
    pub spf: Vec<SpfResult>,
    /// The aligned results that decided DMARC.
    pub policy_dkim: Verdict,
    pub policy_spf: Verdict,
    pub disposition: Disposition,
    /// Override reasons the receiver gave (forwarded, mailing_list, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
    pub count: u64,
}

impl Row {
    /// DMARC passes when either aligned mechanism passes.
    pub fn passes(&self) -> bool {
        self.policy_dkim == Verdict::Pass || self.policy_spf == Verdict::Pass
    }
}

/// The policy the receiver found published.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedPolicy {
    pub domain: String,
    /// none, quarantine or reject.
    pub p: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sp: String,
    /// RFC 9990: the policy for non-existent subdomains (RFC 9989's `np`),
    /// `None` where the report leaves it out or gives no policy the reader
    /// knows (a note on the report then says so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub np: Option<DmarcPolicy>,
    /// RFC 9990: `y` while the policy is in test mode (RFC 9989's `t`),
    /// `n` when the report says it is not; empty where it leaves it out.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub testing: String,
    /// DKIM and SPF alignment, `r` (relaxed) or `s` (strict); empty where
    /// the report leaves them out or gives a value the reader does not
    /// know (a note then says so). Stores kept before these were have none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub adkim: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub aspf: String,
    /// RFC 7489's percentage of failing mail the policy applied to (RFC
    /// 9989 drops it), `None` where the report leaves it out or gives no
    /// whole number from 0 to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pct: Option<u8>,
}

/// One report as read: its identity, its policy and its rows. The report's
/// contact e-mail and extra contact information are never read into it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub org: String,
    pub report_id: String,
    /// Unix seconds.
    pub begin: i64,
    pub end: i64,
    pub policy: PublishedPolicy,
    pub rows: Vec<Row>,
    /// What the reader left out without refusing the report, each at its
    /// place with what to do about it, such as an `np` it does not know.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<ReadError>,
}
