//! The elements the reader knows, and a record while it is read: what each
//! element's text sets, and how values are read leniently.

use std::net::IpAddr;

use crate::dmarc_reports::{Disposition, DkimResult, SpfResult, Verdict};

/// The elements the reader knows, each in its place: a name seen anywhere
/// else is `Other`, so an extension's `<domain>` is never a policy domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tag {
    Feedback,
    Metadata,
    OrgName,
    ReportId,
    DateRange,
    Begin,
    End,
    Policy,
    PolicyDomain,
    PolicyP,
    PolicySp,
    PolicyNp,
    PolicyTesting,
    PolicyAdkim,
    PolicyAspf,
    PolicyPct,
    Record,
    Row,
    SourceIp,
    Count,
    Evaluated,
    Disposition,
    VerdictDkim,
    VerdictSpf,
    Reason,
    ReasonType,
    Identifiers,
    HeaderFrom,
    EnvelopeFrom,
    AuthResults,
    Dkim,
    DkimDomain,
    DkimSelector,
    DkimResult,
    Spf,
    SpfDomain,
    SpfScope,
    SpfResult,
    Other,
}

impl Tag {
    /// The element `local` inside `parent`; `feedback` starts a report only
    /// when none is open.
    pub(super) fn classify(parent: Option<Tag>, local: &str, in_report: bool) -> Tag {
        use Tag::*;
        if !in_report {
            return if local == "feedback" { Feedback } else { Other };
        }
        // Each known parent's children, the most frequent first.
        let children: &[(&str, Tag)] = match parent {
            Some(Feedback) => &[
                ("record", Record),
                ("report_metadata", Metadata),
                ("policy_published", Policy),
            ],
            Some(Metadata) => &[
                ("org_name", OrgName),
                ("report_id", ReportId),
                ("date_range", DateRange),
            ],
            Some(DateRange) => &[("begin", Begin), ("end", End)],
            Some(Policy) => &[
                ("domain", PolicyDomain),
                ("p", PolicyP),
                ("sp", PolicySp),
                ("adkim", PolicyAdkim),
                ("aspf", PolicyAspf),
                ("pct", PolicyPct),
                ("np", PolicyNp),
                ("testing", PolicyTesting),
            ],
            Some(Record) => &[
                ("row", Row),
                ("identifiers", Identifiers),
                ("auth_results", AuthResults),
            ],
            Some(Row) => &[
                ("source_ip", SourceIp),
                ("count", Count),
                ("policy_evaluated", Evaluated),
            ],
            Some(Evaluated) => &[
                ("disposition", Disposition),
                ("dkim", VerdictDkim),
                ("spf", VerdictSpf),
                ("reason", Reason),
            ],
            Some(Reason) => &[("type", ReasonType)],
            Some(Identifiers) => &[("header_from", HeaderFrom), ("envelope_from", EnvelopeFrom)],
            Some(AuthResults) => &[("dkim", Dkim), ("spf", Spf)],
            Some(Dkim) => &[
                ("domain", DkimDomain),
                ("selector", DkimSelector),
                ("result", DkimResult),
            ],
            Some(Spf) => &[
                ("domain", SpfDomain),
                ("scope", SpfScope),
                ("result", SpfResult),
            ],
            _ => return Other,
        };
        children
            .iter()
            .find(|(name, _)| *name == local)
            .map_or(Other, |&(_, tag)| tag)
    }

    /// Whether the element's text is read.
    pub(super) fn is_value(self) -> bool {
        use Tag::*;
        matches!(
            self,
            OrgName
                | ReportId
                | Begin
                | End
                | PolicyDomain
                | PolicyP
                | PolicySp
                | PolicyNp
                | PolicyTesting
                | PolicyAdkim
                | PolicyAspf
                | PolicyPct
                | SourceIp
                | Count
                | Disposition
                | VerdictDkim
                | VerdictSpf
                | ReasonType
                | HeaderFrom
                | EnvelopeFrom
                | DkimDomain
                | DkimSelector
                | DkimResult
                | SpfDomain
                | SpfScope
                | SpfResult
        )
    }
}

/// A record while its `<record>` is open.
pub(super) struct RecordDraft {
    pub(super) at: usize,
    pub(super) source_ip: String,
    pub(super) count: Option<u64>,
    pub(super) evaluated: bool,
    pub(super) disposition: Disposition,
    pub(super) policy_dkim: Verdict,
    pub(super) policy_spf: Verdict,
    pub(super) reasons: Vec<String>,
    pub(super) header_from: String,
    pub(super) envelope_from: String,
    pub(super) dkim: Vec<DkimResult>,
    pub(super) spf: Vec<SpfResult>,
}

impl RecordDraft {
    pub(super) fn new(at: usize) -> RecordDraft {
        RecordDraft {
            at,
            source_ip: String::new(),
            count: None,
            evaluated: false,
            disposition: Disposition::None,
            policy_dkim: Verdict::Fail,
            policy_spf: Verdict::Fail,
            reasons: Vec::new(),
            header_from: String::new(),
            envelope_from: String::new(),
            dkim: Vec::new(),
            spf: Vec::new(),
        }
    }
}
/// Prepares for an element opening inside a record.
pub(super) fn open_in_record(record: &mut RecordDraft, tag: Tag) {
    match tag {
        Tag::Evaluated => record.evaluated = true,
        Tag::Reason => record.reasons.push(String::new()),
        Tag::Dkim => record.dkim.push(DkimResult {
            domain: String::new(),
            selector: String::new(),
            result: String::new(),
        }),
        Tag::Spf => record.spf.push(SpfResult {
            domain: String::new(),
            scope: String::new(),
            result: String::new(),
        }),
        _ => {}
    }
}

/// Takes in an element closing inside a record.
pub(super) fn close_in_record(record: &mut RecordDraft, tag: Tag, value: &str) {
    match tag {
        Tag::SourceIp => record.source_ip = ip(value),
        Tag::VerdictDkim => record.policy_dkim = verdict(value),
        Tag::VerdictSpf => record.policy_spf = verdict(value),
        Tag::ReasonType => {
            if let Some(reason) = record.reasons.last_mut() {
                *reason = value.to_ascii_lowercase();
            }
        }
        // An empty `<reason>` says nothing.
        Tag::Reason if record.reasons.last().is_some_and(String::is_empty) => {
            record.reasons.pop();
        }
        Tag::HeaderFrom => record.header_from = domain(value),
        Tag::EnvelopeFrom => record.envelope_from = domain(value),
        Tag::DkimDomain | Tag::DkimSelector | Tag::DkimResult => {
            if let Some(dkim) = record.dkim.last_mut() {
                let value = match tag {
                    Tag::DkimDomain => domain(value),
                    _ => value.to_ascii_lowercase(),
                };
                match tag {
                    Tag::DkimDomain => dkim.domain = value,
                    Tag::DkimSelector => dkim.selector = value,
                    _ => dkim.result = value,
                }
            }
        }
        Tag::SpfDomain | Tag::SpfScope | Tag::SpfResult => {
            if let Some(spf) = record.spf.last_mut() {
                let value = match tag {
                    Tag::SpfDomain => domain(value),
                    _ => value.to_ascii_lowercase(),
                };
                match tag {
                    Tag::SpfDomain => spf.domain = value,
                    Tag::SpfScope => spf.scope = value,
                    _ => spf.result = value,
                }
            }
        }
        // An empty `<dkim/>` or `<spf/>` result says nothing.
        Tag::Dkim
            if record
                .dkim
                .last()
                .is_some_and(|d| d.domain.is_empty() && d.result.is_empty()) =>
        {
            record.dkim.pop();
        }
        Tag::Spf
            if record
                .spf
                .last()
                .is_some_and(|s| s.domain.is_empty() && s.result.is_empty()) =>
        {
            record.spf.pop();
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------
// Values

/// A domain as attribution compares it: lower case, no trailing dot, and
/// the domain alone where a reporter wrote an address.
pub(super) fn domain(value: &str) -> String {
    let host = value.rsplit_once('@').map_or(value, |(_, host)| host);
    host.trim_end_matches('.').to_ascii_lowercase()
}

/// An address in its canonical text, IPv4-mapped IPv6 as IPv4; text that
/// is no address is kept as written.
pub(super) fn ip(value: &str) -> String {
    // IPv4 text that parses is canonical already (leading zeros do not
    // parse), which spares most rows the formatting.
    if value.parse::<std::net::Ipv4Addr>().is_ok() {
        return value.to_string();
    }
    value
        .parse::<IpAddr>()
        .map(|ip| ip.to_canonical().to_string())
        .unwrap_or_else(|_| value.to_string())
}

pub(super) fn verdict(value: &str) -> Verdict {
    if value.eq_ignore_ascii_case("pass") {
        Verdict::Pass
    } else {
        Verdict::Fail
    }
}

/// A disposition; an empty one is `none`.
pub(super) fn disposition(value: &str) -> Option<Disposition> {
    match value.to_ascii_lowercase().as_str() {
        "" | "none" => Some(Disposition::None),
        "quarantine" => Some(Disposition::Quarantine),
        "reject" => Some(Disposition::Reject),
        "pass" => Some(Disposition::Pass),
        _ => None,
    }
}

/// The UTC date of Unix seconds already checked to be in range.
pub(crate) fn day_of(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|t| t.date_naive().to_string())
        .unwrap_or_default()
}
