//! The planned DNS zone: records the plan will publish plus records the user
//! pastes, answered like a resolver would, so authentication can be checked
//! before anything is published.
//!
//! Names are compared in lower case without a trailing dot. A name with no
//! records answers NXDOMAIN; a name with records of other types answers
//! NODATA. CNAMEs are followed, at most a few levels, as resolvers do.

pub mod checks;
pub mod dkim;
pub mod dmarc;
pub mod live;
pub mod plan;
pub mod psl;
pub mod report;
pub mod spf;
pub mod tags;
pub mod zonefile;

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, Ipv6Addr};

use crate::plan::diagnostic::Diagnostic;

/// The record types the planner reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordType {
    A,
    Aaaa,
    Mx,
    Ptr,
    Txt,
    Cname,
}

/// The data of one record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordData {
    A(Ipv4Addr),
    Aaaa(Ipv6Addr),
    Mx {
        preference: u16,
        exchange: String,
    },
    Ptr(String),
    /// A TXT record's character-strings, which readers join without spaces.
    Txt(Vec<Vec<u8>>),
    Cname(String),
}

impl RecordData {
    pub fn record_type(&self) -> RecordType {
        match self {
            RecordData::A(_) => RecordType::A,
            RecordData::Aaaa(_) => RecordType::Aaaa,
            RecordData::Mx { .. } => RecordType::Mx,
            RecordData::Ptr(_) => RecordType::Ptr,
            RecordData::Txt(_) => RecordType::Txt,
            RecordData::Cname(_) => RecordType::Cname,
        }
    }

    /// The type and the value as people and DNS dashboards write them.
    pub fn shown(&self) -> (&'static str, String) {
        match self {
            RecordData::Txt(strings) => (
                "TXT",
                String::from_utf8_lossy(&strings.concat()).into_owned(),
            ),
            RecordData::Cname(target) => ("CNAME", target.clone()),
            RecordData::Mx {
                preference,
                exchange,
            } => ("MX", format!("{preference} {}", host_shown(exchange))),
            RecordData::A(ip) => ("A", ip.to_string()),
            RecordData::Aaaa(ip) => ("AAAA", ip.to_string()),
            RecordData::Ptr(target) => ("PTR", target.clone()),
        }
    }
}

/// The answer to one query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Records(Vec<RecordData>),
    /// The name exists but has no records of the type asked for.
    NoData,
    NxDomain,
    /// The name server did not answer (SERVFAIL or a timeout).
    Failure,
}

impl Answer {
    /// NXDOMAIN and NODATA both count as void lookups in SPF.
    pub fn is_void(&self) -> bool {
        matches!(self, Answer::NoData | Answer::NxDomain)
            || matches!(self, Answer::Records(r) if r.is_empty())
    }

    pub fn records(&self) -> &[RecordData] {
        match self {
            Answer::Records(records) => records,
            _ => &[],
        }
    }
}

/// Something that answers DNS queries: the planned zone, or a test double.
pub trait Resolver {
    fn query(&self, name: &str, rtype: RecordType) -> Answer;
}

/// Lower case without a trailing dot: the form names are stored and compared in.
pub fn canonical_name(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// A name as zone files and DNS-as-code files write it: lower case, as DNS compares names,
/// except the `<…>` parts the user fills in, which keep their words as
/// written (“<host serving the policy over HTTPS>”).
pub fn written_name(name: &str) -> String {
    let name = name.trim_end_matches('.');
    let mut out = String::with_capacity(name.len());
    let mut inside = false;
    for c in name.chars() {
        inside = match c {
            '<' => true,
            '>' => false,
            _ => inside,
        };
        out.push(if inside { c } else { c.to_ascii_lowercase() });
    }
    out
}

/// Whether `value`, a canonical name, fits a planned name or target with
/// placeholders, such as `s1.domainkey.u<account>.wl<id>.sendgrid.net` or
/// `<date>pm._domainkey.brand.com`: the text outside the `<…>` parts
/// appears in order, at the start and the end. Without placeholders, the
/// names are equal.
pub fn fits_placeholders(pattern: &str, value: &str) -> bool {
    let mut parts: Vec<String> = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('<') {
        parts.push(rest[..open].to_ascii_lowercase());
        rest = rest[open..]
            .find('>')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    parts.push(rest.to_ascii_lowercase());
    if parts.len() == 1 {
        return canonical_name(pattern) == value;
    }
    let (first, last) = (&parts[0], &parts[parts.len() - 1]);
    if !value.starts_with(first.as_str()) || !value.ends_with(last.as_str()) {
        return false;
    }
    let mut at = first.len();
    for part in &parts[1..parts.len() - 1] {
        match value[at..].find(part.as_str()) {
            Some(found) => at += found + part.len(),
            None => return false,
        }
    }
    at + last.len() <= value.len()
}

/// Why DNS cannot hold a name that the plan composes from a prefix and a
/// domain (RFC 1035 §2.3.4: labels of at most 63 octets, names of at most
/// 253 characters), or `None` when it can.
pub fn oversized_name(name: &str) -> Option<String> {
    let name = canonical_name(name);
    if name.len() > 253 {
        return Some(format!(
            "{name} is {} characters long, and a domain name has at most 253",
            name.len()
        ));
    }
    let label = name.split('.').find(|label| label.len() > 63)?;
    Some(format!(
        "the label {label} in {name} is {} characters long, and a label has at most 63",
        label.len()
    ))
}

/// A host name as record values write it: the root, which a null MX
/// (RFC 7505) names as its exchange, is a lone dot.
pub fn host_shown(name: &str) -> String {
    match canonical_name(name) {
        root if root.is_empty() => ".".to_string(),
        name => name,
    }
}

/// Findings that would repeat once per term of a record (eleven includes
/// outside the planned zone, three unknown DMARC tags), gathered so that
/// each kind at each record becomes one finding that lists its terms.
#[derive(Clone, Debug)]
pub struct PerTerm<K> {
    groups: Vec<TermGroup<K>>,
}

#[derive(Clone, Debug)]
struct TermGroup<K> {
    kind: K,
    name: String,
    /// Where the first term is in the record.
    column: Option<u32>,
    terms: Vec<String>,
}

impl<K> Default for PerTerm<K> {
    fn default() -> Self {
        PerTerm { groups: Vec::new() }
    }
}

impl<K: Copy + PartialEq> PerTerm<K> {
    /// Notes one term of a finding of `kind` at the record `name`; a term
    /// met again (through a second path to the record) is kept once.
    pub fn add(&mut self, kind: K, name: &str, term: impl Into<String>, column: Option<u32>) {
        let term = term.into();
        match self
            .groups
            .iter_mut()
            .find(|g| g.kind == kind && g.name == name)
        {
            Some(group) if group.terms.contains(&term) => {}
            Some(group) => group.terms.push(term),
            None => self.groups.push(TermGroup {
                kind,
                name: name.to_string(),
                column,
                terms: vec![term],
            }),
        }
    }

    /// One finding per kind and record, in the order first met; `render`
    /// writes it from the record's name and its terms.
    pub fn findings(self, render: impl Fn(K, &str, &[String]) -> Diagnostic) -> Vec<Diagnostic> {
        self.groups
            .into_iter()
            .map(|g| {
                let mut finding = render(g.kind, &g.name, &g.terms);
                finding.column = finding.column.or(g.column);
                finding
            })
            .collect()
    }
}

/// Terms as prose: "a", "a and b", "a, b and c".
pub fn join_terms(terms: &[String]) -> String {
    match terms {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// An in-memory zone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Zone {
    names: BTreeMap<String, Vec<RecordData>>,
}

/// How many CNAMEs a query follows before giving up, as resolvers bound it.
const MAX_CNAME_CHAIN: u32 = 8;

impl Zone {
    pub fn new() -> Zone {
        Zone::default()
    }

    pub fn add(&mut self, name: &str, data: RecordData) {
        self.names
            .entry(canonical_name(name))
            .or_default()
            .push(data);
    }

    /// Every record, by name in sorted order, then in insertion order.
    pub fn records(&self) -> impl Iterator<Item = (&str, &RecordData)> {
        self.names
            .iter()
            .flat_map(|(name, records)| records.iter().map(move |r| (name.as_str(), r)))
    }

    /// Each name with all its records, in name order.
    pub fn names(&self) -> impl Iterator<Item = (&str, &[RecordData])> {
        self.names
            .iter()
            .map(|(name, records)| (name.as_str(), records.as_slice()))
    }

    pub fn contains_name(&self, name: &str) -> bool {
        self.names.contains_key(&canonical_name(name))
    }
}

impl Resolver for Zone {
    fn query(&self, name: &str, rtype: RecordType) -> Answer {
        let mut name = canonical_name(name);
        for _ in 0..=MAX_CNAME_CHAIN {
            let Some(records) = self.names.get(&name) else {
                return Answer::NxDomain;
            };
            let matching: Vec<RecordData> = records
                .iter()
                .filter(|r| r.record_type() == rtype)
                .cloned()
                .collect();
            if !matching.is_empty() || rtype == RecordType::Cname {
                return if matching.is_empty() {
                    Answer::NoData
                } else {
                    Answer::Records(matching)
                };
            }
            match records.iter().find_map(|r| match r {
                RecordData::Cname(target) => Some(canonical_name(target)),
                _ => None,
            }) {
                Some(target) => name = target,
                None => return Answer::NoData,
            }
        }
        Answer::Failure
    }
}
