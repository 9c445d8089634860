//! DMARC policy records (RFC 9989, which obsoletes RFC 7489): parsing with
//! findings, and policy discovery by the DNS tree walk over a resolver.
//!
//! Findings name the differences that matter between the two RFCs, since
//! receivers implementing either are in service at once.

use crate::dns::tags::{tag_list, TagCodes};
use crate::dns::{canonical_name, join_terms, PerTerm, RecordData, RecordType, Resolver};
use crate::plan::diagnostic::Diagnostic;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    None,
    Quarantine,
    Reject,
}

impl Policy {
    fn parse(value: &str) -> Option<Policy> {
        match value.to_ascii_lowercase().as_str() {
            "none" => Some(Policy::None),
            "quarantine" => Some(Policy::Quarantine),
            "reject" => Some(Policy::Reject),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Policy::None => "none",
            Policy::Quarantine => "quarantine",
            Policy::Reject => "reject",
        }
    }
}

/// Identifier alignment mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Alignment {
    #[default]
    Relaxed,
    Strict,
}

/// The `psd` tag of RFC 9989.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Psd {
    Yes,
    No,
    #[default]
    Unknown,
}

/// A parsed record. Missing tags hold their defaults.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DmarcRecord {
    pub policy: Option<Policy>,
    pub subdomain_policy: Option<Policy>,
    pub nonexistent_policy: Option<Policy>,
    pub adkim: Alignment,
    pub aspf: Alignment,
    /// Addresses of `rua` and `ruf`, without the `mailto:` scheme.
    pub rua: Vec<String>,
    pub ruf: Vec<String>,
    pub psd: Psd,
    pub testing: bool,
}

impl DmarcRecord {
    /// The policy that applies to the organisational domain itself: a missing
    /// `p` counts as `none` when reports are asked for (RFC 9989 §4.7).
    pub fn effective_policy(&self) -> Option<Policy> {
        self.policy
            .or((!self.rua.is_empty()).then_some(Policy::None))
    }

    /// The policy for existing subdomains: `sp`, else `p`.
    pub fn effective_subdomain_policy(&self) -> Option<Policy> {
        self.subdomain_policy.or(self.effective_policy())
    }
}

/// Whether TXT text is a DMARC record: it starts with `v=DMARC1`, as
/// receivers discard the other records at `_dmarc` (RFC 7489 §6.6.3), one
/// that starts with a space among them.
pub fn is_dmarc_record(text: &str) -> bool {
    let Some((tag, rest)) = text.split_once('=') else {
        return false;
    };
    // Tag names are case-insensitive in the record's grammar (RFC 7489
    // §6.4), so receivers read “V=DMARC1” as a DMARC record.
    tag.trim_end().eq_ignore_ascii_case("v")
        && rest
            .trim_start()
            .get(..6)
            .is_some_and(|v| v.eq_ignore_ascii_case("DMARC1"))
}

/// Parses a record and reports every problem. `at` names the record in
/// findings, such as `_dmarc.brand.com`. Returns `None` when the record
/// cannot be used at all.
pub fn parse_dmarc(text: &str, at: &str) -> (Option<DmarcRecord>, Vec<Diagnostic>) {
    let mut findings = Vec::new();
    let mut record = DmarcRecord::default();
    let mut has_version = false;
    let mut written = Written::default();
    let mut unknown = PerTerm::default();
    let codes = TagCodes {
        syntax: "dmarc.tag_syntax",
        duplicate: "dmarc.duplicate_tag",
        example: "v=DMARC1; p=none",
        duplicate_hint: "Keep one of them; receivers may reject the record.",
    };
    for tag in tag_list(text, at, &codes, true, &mut findings) {
        let (column, value) = (tag.column, tag.value);
        let tag_name = tag.name.as_str();
        if tag.first {
            if tag_name != "v" || !value.eq_ignore_ascii_case("DMARC1") {
                findings.push(
                    Diagnostic::warning(
                        "dmarc.version",
                        at,
                        "The record does not start with v=DMARC1, so receivers ignore it.",
                    )
                    .hint("Put “v=DMARC1;” first.")
                    .at_column(column),
                );
                return (None, findings);
            }
            has_version = true;
            if text.starts_with(char::is_whitespace) {
                findings.push(
                    Diagnostic::warning("dmarc.leading_space", at, "The record begins with a space, and receivers read only records that begin with v=DMARC1 (RFC 7489 §6.6.3), so they may discard it; it is not counted as a published policy.")
                        .hint("Remove the space, so the record begins “v=DMARC1;”.")
                        .at_column(1),
                );
            }
            if value != "DMARC1" {
                findings.push(
                    Diagnostic::warning("dmarc.version_case", at, format!("“v={value}” is not written exactly as DMARC1."))
                        .hint("RFC 7489 requires the exact text “DMARC1”; some receivers ignore the record otherwise.")
                        .at_column(column),
                );
            }
            continue;
        }
        written.p |= tag_name == "p";
        written.rua |= tag_name == "rua";
        tag_value(
            &mut record,
            tag_name,
            value,
            column,
            at,
            &mut findings,
            &mut unknown,
        );
    }
    findings.extend(unknown.findings(unknown_tags));
    if !has_version {
        findings.push(
            Diagnostic::error(
                "dmarc.version",
                at,
                "The record does not start with v=DMARC1.",
            )
            .hint("Start with “v=DMARC1; p=none; rua=mailto:…”."),
        );
        return (None, findings);
    }
    record_level_checks(&record, written, at, &mut findings);
    // Receivers may discard a record that starts with a space.
    let usable = record.effective_policy().is_some() && is_dmarc_record(text);
    (usable.then_some(record), findings)
}

/// Reads one tag's value into the record, with the findings about it.
fn tag_value(
    record: &mut DmarcRecord,
    tag: &str,
    value: &str,
    column: u32,
    at: &str,
    out: &mut Vec<Diagnostic>,
    unknown: &mut PerTerm<()>,
) {
    let t = TagAt {
        tag,
        value,
        column,
        at,
    };
    match tag {
        "p" => record.policy = t.policy(out),
        "sp" => record.subdomain_policy = t.policy(out),
        "np" => record.nonexistent_policy = t.policy(out),
        "adkim" => record.adkim = t.alignment(out),
        "aspf" => record.aspf = t.alignment(out),
        "rua" => record.rua = report_uris(value, tag, column, at, out),
        "ruf" => record.ruf = report_uris(value, tag, column, at, out),
        "fo" => t.failure_options(out),
        "psd" => {
            let psd = [("y", Psd::Yes), ("n", Psd::No), ("u", Psd::Unknown)];
            record.psd = t.one_of(out, &psd, "y, n or u").unwrap_or(Psd::Unknown);
        }
        "t" => record.testing = t.one_of(out, &[("y", true), ("n", false)], "y or n") == Some(true),
        "pct" => out.push(t.removed_pct()),
        "rf" | "ri" => out.push(
            t.finding(Diagnostic::warning(
                "dmarc.removed_tag",
                at,
                format!("{tag} was removed by RFC 9989 and is ignored."),
            ))
            .hint(format!("Remove {tag}.")),
        ),
        _ => unknown.add((), at, format!("“{tag}”"), Some(column)),
    }
}

/// One tag of a record, where it is, and the readers of its value.
struct TagAt<'a> {
    tag: &'a str,
    value: &'a str,
    column: u32,
    at: &'a str,
}

impl TagAt<'_> {
    /// A finding placed at the tag.
    fn finding(&self, d: Diagnostic) -> Diagnostic {
        d.at_column(self.column)
    }

    /// Reports a value the tag does not take; `allowed` says what it takes.
    fn bad(&self, out: &mut Vec<Diagnostic>, allowed: &str) {
        let (tag, value) = (self.tag, self.value);
        let d = Diagnostic::error(
            "dmarc.bad_value",
            self.at,
            format!("“{tag}={value}” is not a valid value."),
        );
        out.push(self.finding(d).hint(format!("{tag} takes {allowed}.")));
    }

    /// The value among `choices`, matched without regard to case.
    fn one_of<T: Copy>(
        &self,
        out: &mut Vec<Diagnostic>,
        choices: &[(&str, T)],
        allowed: &str,
    ) -> Option<T> {
        let found = choices
            .iter()
            .find(|(name, _)| self.value.eq_ignore_ascii_case(name))
            .map(|&(_, v)| v);
        if found.is_none() {
            self.bad(out, allowed);
        }
        found
    }

    fn policy(&self, out: &mut Vec<Diagnostic>) -> Option<Policy> {
        let parsed = Policy::parse(self.value);
        if parsed.is_none() {
            self.bad(out, "none, quarantine or reject");
        }
        parsed
    }

    fn alignment(&self, out: &mut Vec<Diagnostic>) -> Alignment {
        let choices = [("r", Alignment::Relaxed), ("s", Alignment::Strict)];
        self.one_of(out, &choices, "r (relaxed) or s (strict)")
            .unwrap_or(Alignment::Relaxed)
    }

    fn failure_options(&self, out: &mut Vec<Diagnostic>) {
        let known = |o: &str| matches!(o.trim(), "0" | "1" | "d" | "s");
        if !self.value.split(':').all(known) {
            self.bad(out, "a colon-separated list of 0, 1, d and s");
        }
    }

    /// pct is gone from RFC 9989, but RFC 7489 receivers still sample by it.
    fn removed_pct(&self) -> Diagnostic {
        let message = match self.value.parse::<u8>() {
            Ok(100) => "pct was removed by RFC 9989; pct=100 changes nothing.".to_string(),
            Ok(n) if n <= 100 => format!("pct was removed by RFC 9989; RFC 7489 receivers still apply the policy to only {n}% of failing mail."),
            _ => format!("pct={} is not a percentage, and pct was removed by RFC 9989.", self.value),
        };
        self.finding(Diagnostic::warning("dmarc.removed_tag", self.at, message))
            .hint("Remove pct; to test a stricter policy, publish it with t=y.")
    }
}

/// One note for every unknown tag of a record.
fn unknown_tags((): (), at: &str, tags: &[String]) -> Diagnostic {
    let message = match tags {
        [tag] => format!("The tag {tag} is not a DMARC tag and is ignored."),
        _ => format!(
            "The tags {} are not DMARC tags and are ignored.",
            join_terms(tags)
        ),
    };
    let hint = if tags.len() == 1 {
        "Check its spelling."
    } else {
        "Check their spelling."
    };
    Diagnostic::info("dmarc.unknown_tag", at, message).hint(hint)
}

/// Parses a comma-separated list of `mailto:` URIs.
fn report_uris(
    value: &str,
    tag: &str,
    column: u32,
    at: &str,
    out: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut addresses = Vec::new();
    for uri in value.split(',').map(str::trim).filter(|u| !u.is_empty()) {
        let Some(rest) = uri
            .get(..7)
            .filter(|s| s.eq_ignore_ascii_case("mailto:"))
            .map(|_| &uri[7..])
        else {
            out.push(
                Diagnostic::error(
                    "dmarc.report_uri",
                    at,
                    format!("{tag} “{uri}” is not a mailto: URI."),
                )
                .hint("Write reports addresses as mailto:dmarc@brand.com.")
                .at_column(column),
            );
            continue;
        };
        let (address, size) = rest
            .split_once('!')
            .map_or((rest, None), |(a, s)| (a, Some(s)));
        if size.is_some() {
            out.push(
                Diagnostic::info(
                    "dmarc.report_size",
                    at,
                    format!(
                        "The size limit “!{}” is ignored by RFC 9989 reporters.",
                        size.unwrap_or_default()
                    ),
                )
                .hint("Remove the size suffix.")
                .at_column(column),
            );
        }
        match crate::domain::normalize_address(address) {
            Ok(address) => addresses.push(address),
            Err(why) => out.push(
                Diagnostic::error("dmarc.report_uri", at, format!("{tag} “{uri}”: {why}."))
                    .hint("Use a mailbox that accepts reports, such as mailto:dmarc@brand.com.")
                    .at_column(column),
            ),
        }
    }
    addresses
}

/// Which tags the record wrote, whatever their values: an invalid p= or
/// rua= has a finding of its own, so the record-level finding names it
/// rather than calling it missing.
#[derive(Clone, Copy, Default)]
struct Written {
    p: bool,
    rua: bool,
}

/// Findings about the record as a whole, given which tags it wrote.
fn record_level_checks(
    record: &DmarcRecord,
    written: Written,
    at: &str,
    out: &mut Vec<Diagnostic>,
) {
    let p_written = written.p;
    // A rua= whose every address was refused reports to no one.
    let (no_rua, without_rua, add_rua) = if written.rua {
        (
            "its rua= holds no usable address",
            "with no usable rua= address",
            "Correct the rua= address, such as rua=mailto:dmarc@brand.com.",
        )
    } else {
        (
            "the record has no rua=",
            "without rua",
            "Add rua=mailto: and a mailbox, such as rua=mailto:dmarc@brand.com, to receive aggregate reports; the plan's own record takes it from the DMARC report address field, as the address alone.",
        )
    };
    match (record.policy, record.rua.is_empty()) {
        (None, false) if p_written => out.push(
            Diagnostic::warning("dmarc.no_policy", at, "The p= value is not a policy; receivers treat the record as p=none because it asks for reports.")
                .hint("Write p=none, p=quarantine or p=reject."),
        ),
        (None, true) if p_written => out.push(
            Diagnostic::error("dmarc.no_policy", at, format!("The p= value is not a policy and {no_rua}, so no DMARC policy applies."))
                .hint("Write p=none, p=quarantine or p=reject."),
        ),
        (None, false) => out.push(
            Diagnostic::warning("dmarc.no_policy", at, "The record has no p= tag; receivers treat it as p=none because it asks for reports.")
                .hint("Write p=none explicitly; RFC 7489 receivers require it."),
        ),
        (None, true) if written.rua => out.push(
            Diagnostic::error("dmarc.no_policy", at, format!("The record has no p= tag and {no_rua}, so no DMARC policy applies."))
                .hint("Add p=none and correct the rua= address, such as rua=mailto:dmarc@brand.com."),
        ),
        (None, true) => out.push(
            Diagnostic::error("dmarc.no_policy", at, "The record has neither p= nor rua=, so no DMARC policy applies.")
                .hint("Add “p=none; rua=mailto:…” to start monitoring."),
        ),
        (Some(Policy::None), true) => out.push(
            Diagnostic::warning("dmarc.no_reports", at, format!("p=none {without_rua} gives no visibility into who sends as this domain."))
                .hint(add_rua),
        ),
        // An enforcing policy without reports acts on mail unseen: a
        // service that sends as the domain and fails DMARC is never shown.
        (Some(policy), true) => out.push(
            Diagnostic::warning("dmarc.no_reports", at, format!("p={} {without_rua} gives no visibility into the mail it {}: a service sending as this domain that fails DMARC goes unseen.", policy.as_str(), match policy {
                Policy::Reject => "rejects",
                _ => "sends to spam",
            }))
                .hint(add_rua),
        ),
        _ => {}
    }
    if matches!(record.policy, Some(Policy::Quarantine | Policy::Reject))
        && record.subdomain_policy == Some(Policy::None)
    {
        out.push(
            Diagnostic::warning(
                "dmarc.weak_subdomains",
                at,
                "sp=none leaves every subdomain unprotected under a stricter p=.",
            )
            .hint(
                "Remove sp=none, or publish records for the subdomains that still need monitoring.",
            ),
        );
    }
    out.extend(weak_nonexistent(record, at));
    if record.testing && matches!(record.policy, Some(Policy::Quarantine | Policy::Reject)) {
        out.push(
            Diagnostic::warning(
                "dmarc.testing",
                at,
                "t=y asks receivers to apply one step less than p= (quarantine as none, reject as quarantine).",
            )
            .hint("Remove t=y once the reports show the lanes pass."),
        );
    }
    if record.rua.len() > 2 {
        out.push(
            Diagnostic::warning(
                "dmarc.many_rua",
                at,
                format!(
                    "{} rua addresses; some reporters send to the first two only.",
                    record.rua.len()
                ),
            )
            .hint("Keep at most two report addresses."),
        );
    }
}

/// A warning for np=none under a stricter policy for the subdomains that
/// exist: the names spoofers make up are then the ones left open.
fn weak_nonexistent(record: &DmarcRecord, at: &str) -> Option<Diagnostic> {
    let stricter = matches!(
        record.effective_subdomain_policy(),
        Some(Policy::Quarantine | Policy::Reject)
    );
    (stricter && record.nonexistent_policy == Some(Policy::None)).then(|| {
        Diagnostic::warning(
            "dmarc.weak_nonexistent",
            at,
            "np=none leaves subdomains that do not exist, which spoofers make up, unprotected under a stricter policy for the real ones.",
        )
        .hint("Remove np=none, or set np=reject.")
    })
}

/// The result of DMARC policy discovery for one author domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Discovery {
    /// The domain whose `_dmarc` record applies, and the record.
    pub record: Option<(String, DmarcRecord)>,
    /// The organisational domain the tree walk settled on.
    pub organizational_domain: String,
    /// The names queried, in order.
    pub queried: Vec<String>,
}

/// Most `_dmarc` queries one tree walk makes (RFC 9989 §4.10).
const MAX_TREE_WALK_QUERIES: usize = 8;

/// Finds the DMARC record that applies to `domain` and its organisational
/// domain by the tree walk of RFC 9989 §4.10, without the Public Suffix List.
pub fn discover(resolver: &dyn Resolver, domain: &str) -> Discovery {
    let domain = canonical_name(domain);
    let mut queried = Vec::new();
    let mut found: Vec<(String, DmarcRecord)> = Vec::new();
    for name in walk_names(&domain) {
        let record = dmarc_at(resolver, &name);
        queried.push(format!("_dmarc.{name}"));
        if let Some(record) = record {
            let stop = record.psd != Psd::Unknown;
            found.push((name, record));
            if stop {
                break;
            }
        }
    }
    let organizational_domain = organizational_domain(&domain, &found);
    let record = found.first().cloned();
    Discovery {
        record,
        organizational_domain,
        queried,
    }
}

/// The names a tree walk queries: the domain, then (from at most its
/// rightmost seven labels) one label less at a time.
fn walk_names(domain: &str) -> Vec<String> {
    let labels: Vec<&str> = domain.split('.').collect();
    let mut names = vec![domain.to_string()];
    let start = labels.len().saturating_sub(7).max(1);
    for first in start..labels.len() {
        names.push(labels[first..].join("."));
        if names.len() == MAX_TREE_WALK_QUERIES {
            break;
        }
    }
    names
}

/// Picks the organisational domain from the records the walk found.
fn organizational_domain(domain: &str, found: &[(String, DmarcRecord)]) -> String {
    if let Some((name, record)) = found.last() {
        match record.psd {
            Psd::No => return name.clone(),
            Psd::Yes if name != domain => {
                // The organisational domain is the name one label below the PSD.
                let depth = name.split('.').count() + 1;
                let labels: Vec<&str> = domain.split('.').collect();
                return labels[labels.len() - depth..].join(".");
            }
            Psd::Yes => return name.clone(),
            Psd::Unknown => {}
        }
    }
    found
        .iter()
        .min_by_key(|(name, _)| name.split('.').count())
        .map_or_else(|| domain.to_string(), |(name, _)| name.clone())
}

/// The one usable DMARC record at `_dmarc.<name>`; several records mean none.
fn dmarc_at(resolver: &dyn Resolver, name: &str) -> Option<DmarcRecord> {
    let answer = resolver.query(&format!("_dmarc.{name}"), RecordType::Txt);
    let texts: Vec<String> = answer
        .records()
        .iter()
        .filter_map(|r| match r {
            RecordData::Txt(strings) => String::from_utf8(strings.concat()).ok(),
            _ => None,
        })
        .filter(|t| is_dmarc_record(t))
        .collect();
    match texts.as_slice() {
        [one] => parse_dmarc(one, name).0,
        _ => None,
    }
}
