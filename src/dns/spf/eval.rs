//! `check_host()` (RFC 7208 §4) over a `Resolver`, with the processing
//! limits of §4.6.4 and a trace of every step for people to read.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::macros::{expand, MacroString, MacroValues};
use super::record::{is_spf_record, parse_record, Directive, Mechanism, Qualifier, SpfRecord};
use crate::dns::{canonical_name, Answer, RecordData, RecordType, Resolver};

/// Most DNS-querying terms one evaluation may use.
pub const MAX_DNS_TERMS: u32 = 10;
/// Most void lookups (NXDOMAIN or no answer) one evaluation may see.
pub const MAX_VOID_LOOKUPS: u32 = 2;
/// Most MX names one `mx` mechanism may look up.
pub const MAX_MX_NAMES: usize = 10;
/// Most PTR names looked at; the rest are ignored.
const MAX_PTR_NAMES: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpfResult {
    None,
    Neutral,
    Pass,
    Fail,
    SoftFail,
    TempError,
    PermError,
}

impl SpfResult {
    pub fn as_str(self) -> &'static str {
        match self {
            SpfResult::None => "none",
            SpfResult::Neutral => "neutral",
            SpfResult::Pass => "pass",
            SpfResult::Fail => "fail",
            SpfResult::SoftFail => "softfail",
            SpfResult::TempError => "temperror",
            SpfResult::PermError => "permerror",
        }
    }
}

/// What is checked: the connecting IP, the MAIL FROM and the HELO name.
#[derive(Clone, Debug)]
pub struct SpfQuery<'a> {
    pub ip: IpAddr,
    /// MAIL FROM; empty for a null reverse-path, which checks postmaster@helo.
    pub mail_from: &'a str,
    pub helo: &'a str,
    /// The receiving host, for `%{r}` in explanations.
    pub receiver: &'a str,
    /// Seconds since 1970, for `%{t}` in explanations.
    pub timestamp: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpfOutcome {
    pub result: SpfResult,
    /// The expanded `exp=` text, when the result is `fail` and it could be built.
    pub explanation: Option<String>,
    /// One line per step, in order.
    pub trace: Vec<String>,
    pub dns_terms: u32,
    pub void_lookups: u32,
}

/// Evaluates SPF for the query against whatever the resolver answers.
pub fn check_host(resolver: &dyn Resolver, query: &SpfQuery<'_>) -> SpfOutcome {
    let ip = unmap(query.ip);
    let sender = if query.mail_from.is_empty() {
        format!("postmaster@{}", query.helo)
    } else if query.mail_from.starts_with('@') {
        format!("postmaster{}", query.mail_from)
    } else if !query.mail_from.contains('@') {
        format!("postmaster@{}", query.mail_from)
    } else {
        query.mail_from.to_string()
    };
    let (local_part, sender_domain) = sender
        .rsplit_once('@')
        .map(|(l, d)| (l.to_string(), d.to_string()))
        .unwrap_or_default();
    let mut eval = Evaluation {
        resolver,
        ip,
        sender: &sender,
        local_part: &local_part,
        sender_domain: &sender_domain,
        helo: query.helo,
        receiver: query.receiver,
        timestamp: query.timestamp,
        dns_terms: 0,
        void_lookups: 0,
        trace: Vec::new(),
    };
    let (result, explanation) = if let Err(why) = valid_domain(&sender_domain) {
        eval.note(format!("{sender_domain}: {why}; no SPF check is possible"));
        (SpfResult::None, None)
    } else {
        eval.check(&sender_domain, 0)
    };
    eval.note(format!("result: {}", result.as_str()));
    SpfOutcome {
        result,
        explanation,
        trace: eval.trace,
        dns_terms: eval.dns_terms,
        void_lookups: eval.void_lookups,
    }
}

/// IPv4-mapped IPv6 addresses are checked as the IPv4 address they carry.
fn unmap(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// A domain that can be looked up: labels of 1 to 63 characters, at least two.
fn valid_domain(domain: &str) -> Result<(), &'static str> {
    let name = domain.strip_suffix('.').unwrap_or(domain);
    if name.starts_with('[') {
        return Err("a domain literal is not a domain name");
    }
    let labels: Vec<&str> = name.split('.').collect();
    if labels.len() < 2 {
        return Err("a single-label name is not a domain");
    }
    if labels.iter().any(|l| l.is_empty()) {
        return Err("the domain has an empty label");
    }
    if labels.iter().any(|l| l.len() > 63) {
        return Err("a label is longer than 63 characters");
    }
    if name.len() > 253 {
        return Err("the domain is longer than 253 characters");
    }
    Ok(())
}

/// An early end of evaluation with a result (temperror or permerror).
type Stop = SpfResult;

struct Evaluation<'a> {
    resolver: &'a dyn Resolver,
    ip: IpAddr,
    sender: &'a str,
    local_part: &'a str,
    sender_domain: &'a str,
    helo: &'a str,
    receiver: &'a str,
    timestamp: u64,
    dns_terms: u32,
    void_lookups: u32,
    trace: Vec<String>,
}

impl Evaluation<'_> {
    fn note(&mut self, line: String) {
        self.trace.push(line);
    }

    /// One `check_host` level: the record of `domain` and its terms.
    fn check(&mut self, domain: &str, depth: u32) -> (SpfResult, Option<String>) {
        let indent = "  ".repeat(depth as usize);
        let record = match self.record_of(domain, &indent) {
            Ok(record) => record,
            Err(result) => return (result, None),
        };
        for directive in &record.directives {
            match self.matches(directive, domain, depth) {
                Err(stop) => {
                    self.note(format!("{indent}  {}: {}", directive.text, stop.as_str()));
                    return (stop, None);
                }
                Ok(true) => {
                    let result = match directive.qualifier {
                        Qualifier::Pass => SpfResult::Pass,
                        Qualifier::Fail => SpfResult::Fail,
                        Qualifier::SoftFail => SpfResult::SoftFail,
                        Qualifier::Neutral => SpfResult::Neutral,
                    };
                    self.note(format!(
                        "{indent}  {}: matches, {}",
                        directive.text,
                        result.as_str()
                    ));
                    let explanation = match (result, &record.explanation) {
                        (SpfResult::Fail, Some(spec)) => self.explain(spec, domain),
                        _ => None,
                    };
                    return (result, explanation);
                }
                Ok(false) => self.note(format!("{indent}  {}: no match", directive.text)),
            }
        }
        match &record.redirect {
            Some(redirect) => self.redirect(redirect, domain, depth, &indent),
            None => {
                self.note(format!("{indent}  nothing matched: neutral"));
                (SpfResult::Neutral, None)
            }
        }
    }

    /// The one SPF record of `domain`, parsed; the result to end with when
    /// there is none, more than one, or one that does not parse.
    fn record_of(&mut self, domain: &str, indent: &str) -> Result<SpfRecord, SpfResult> {
        let answer = self.resolver.query(domain, RecordType::Txt);
        if matches!(answer, Answer::Failure) {
            self.note(format!("{indent}{domain}: the TXT lookup failed"));
            return Err(SpfResult::TempError);
        }
        let mut texts: Vec<Vec<u8>> = answer
            .records()
            .iter()
            .filter_map(|r| match r {
                RecordData::Txt(strings) => Some(strings.concat()),
                _ => None,
            })
            .filter(|text| is_spf_record(text))
            .collect();
        let record_text = match texts.len() {
            0 => {
                self.note(format!("{indent}{domain}: no SPF record"));
                return Err(SpfResult::None);
            }
            1 => texts.remove(0),
            n => {
                self.note(format!(
                    "{indent}{domain}: {n} SPF records; there must be one"
                ));
                return Err(SpfResult::PermError);
            }
        };
        let Ok(text) = String::from_utf8(record_text) else {
            self.note(format!("{indent}{domain}: the record is not ASCII text"));
            return Err(SpfResult::PermError);
        };
        self.note(format!("{indent}{domain}: \"{text}\""));
        parse_record(&text).map_err(|e| {
            self.note(format!(
                "{indent}  syntax error at {}: {}",
                e.offset, e.message
            ));
            SpfResult::PermError
        })
    }

    /// Follows `redirect=`, which counts as a DNS term; the target's result
    /// and explanation are the record's, and a target without an SPF record
    /// is a permerror.
    fn redirect(
        &mut self,
        redirect: &MacroString,
        domain: &str,
        depth: u32,
        indent: &str,
    ) -> (SpfResult, Option<String>) {
        let target = match self
            .count_dns_term()
            .and_then(|()| self.domain_of(redirect, domain))
        {
            Ok(target) => target,
            Err(stop) => return (stop, None),
        };
        self.note(format!("{indent}  redirect={target}"));
        if valid_domain(&target).is_err() {
            return (SpfResult::PermError, None);
        }
        match self.check(&target, depth + 1) {
            (SpfResult::None, _) => {
                self.note(format!("{indent}  the redirect target has no SPF record"));
                (SpfResult::PermError, None)
            }
            other => other,
        }
    }

    fn count_dns_term(&mut self) -> Result<(), Stop> {
        self.dns_terms += 1;
        if self.dns_terms > MAX_DNS_TERMS {
            self.note(format!("more than {MAX_DNS_TERMS} DNS-querying terms"));
            return Err(SpfResult::PermError);
        }
        Ok(())
    }

    /// Counts a void answer; the third one ends the evaluation.
    fn count_void(&mut self, answer: &Answer) -> Result<(), Stop> {
        if answer.is_void() {
            self.void_lookups += 1;
            if self.void_lookups > MAX_VOID_LOOKUPS {
                self.note(format!("more than {MAX_VOID_LOOKUPS} void lookups"));
                return Err(SpfResult::PermError);
            }
        }
        Ok(())
    }

    fn matches(&mut self, directive: &Directive, domain: &str, depth: u32) -> Result<bool, Stop> {
        let mechanism = &directive.mechanism;
        if mechanism.queries_dns() {
            self.count_dns_term()?;
        }
        match mechanism {
            Mechanism::All => Ok(true),
            Mechanism::Ip4 { network, prefix } => Ok(match self.ip {
                IpAddr::V4(ip) => in_v4(ip, *network, *prefix),
                IpAddr::V6(_) => false,
            }),
            Mechanism::Ip6 { network, prefix } => Ok(match self.ip {
                IpAddr::V6(ip) => in_v6(ip, *network, *prefix),
                IpAddr::V4(_) => false,
            }),
            Mechanism::Include(spec) => {
                let target = self.domain_of(spec, domain)?;
                if valid_domain(&target).is_err() {
                    return Err(SpfResult::PermError);
                }
                match self.check(&target, depth + 1).0 {
                    SpfResult::Pass => Ok(true),
                    SpfResult::Fail | SpfResult::SoftFail | SpfResult::Neutral => Ok(false),
                    SpfResult::TempError => Err(SpfResult::TempError),
                    SpfResult::PermError | SpfResult::None => Err(SpfResult::PermError),
                }
            }
            Mechanism::A {
                domain: spec,
                v4,
                v6,
            } => {
                let target = self.optional_domain(spec.as_ref(), domain)?;
                self.address_match(&target, *v4, *v6, true)
            }
            Mechanism::Mx {
                domain: spec,
                v4,
                v6,
            } => {
                let target = self.optional_domain(spec.as_ref(), domain)?;
                let answer = self.lookup(&target, RecordType::Mx)?;
                self.count_void(&answer)?;
                let exchanges: Vec<String> = answer
                    .records()
                    .iter()
                    .filter_map(|r| match r {
                        // A null MX (RFC 7505) names no host to look up.
                        RecordData::Mx { exchange, .. } if !exchange.is_empty() => {
                            Some(exchange.clone())
                        }
                        _ => None,
                    })
                    .collect();
                if exchanges.len() > MAX_MX_NAMES {
                    self.note(format!("{target} has more than {MAX_MX_NAMES} MX names"));
                    return Err(SpfResult::PermError);
                }
                for exchange in exchanges {
                    if self.address_match(&exchange, *v4, *v6, false)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Mechanism::Ptr(spec) => {
                let target = self.optional_domain(spec.as_ref(), domain)?;
                let names = self.validated_names()?;
                Ok(names.iter().any(|name| is_within(name, &target)))
            }
            Mechanism::Exists(spec) => {
                let target = self.domain_of(spec, domain)?;
                let answer = self.lookup(&target, RecordType::A)?;
                self.count_void(&answer)?;
                Ok(!answer.records().is_empty())
            }
        }
    }

    fn lookup(&mut self, name: &str, rtype: RecordType) -> Result<Answer, Stop> {
        // A name DNS cannot carry is treated as non-existent (RFC 7208 §4.8, 5/10).
        if name
            .split('.')
            .any(|label| label.is_empty() || label.len() > 63)
        {
            self.note(format!(
                "{name}: not a valid DNS name; treated as non-existent"
            ));
            return Ok(Answer::NxDomain);
        }
        match self.resolver.query(name, rtype) {
            Answer::Failure => {
                self.note(format!("{name} {rtype:?}: lookup failed"));
                Err(SpfResult::TempError)
            }
            answer => Ok(answer),
        }
    }

    /// Whether the client IP is among `name`'s A (or AAAA) addresses.
    fn address_match(
        &mut self,
        name: &str,
        v4: u8,
        v6: u8,
        count_void: bool,
    ) -> Result<bool, Stop> {
        let rtype = if self.ip.is_ipv4() {
            RecordType::A
        } else {
            RecordType::Aaaa
        };
        let answer = self.lookup(name, rtype)?;
        if count_void {
            self.count_void(&answer)?;
        }
        Ok(answer.records().iter().any(|r| match (r, self.ip) {
            (RecordData::A(addr), IpAddr::V4(ip)) => in_v4(ip, *addr, v4),
            (RecordData::Aaaa(addr), IpAddr::V6(ip)) => in_v6(ip, *addr, v6),
            _ => false,
        }))
    }

    /// The client's validated host names (§5.5): PTR names whose own
    /// addresses include the client IP, from the first ten PTR answers.
    fn validated_names(&mut self) -> Result<Vec<String>, Stop> {
        let answer = self.resolver.query(&reverse_name(self.ip), RecordType::Ptr);
        // A DNS error makes ptr not match (§5.5) rather than end the evaluation.
        if matches!(answer, Answer::Failure) {
            return Ok(Vec::new());
        }
        self.count_void(&answer)?;
        Ok(validated_ptr_names(self.resolver, self.ip, &answer))
    }

    fn optional_domain(
        &mut self,
        spec: Option<&MacroString>,
        current: &str,
    ) -> Result<String, Stop> {
        match spec {
            Some(spec) => self.domain_of(spec, current),
            None => Ok(current.to_string()),
        }
    }

    /// Expands a domain-spec and shortens it to 253 characters from the left (§7.3).
    fn domain_of(&mut self, spec: &MacroString, current: &str) -> Result<String, Stop> {
        let mut expanded = self.expand(spec, current);
        while expanded.len() > 253 {
            match expanded.split_once('.') {
                Some((_, rest)) => expanded = rest.to_string(),
                None => return Err(SpfResult::PermError),
            }
        }
        Ok(expanded.trim_end_matches('.').to_string())
    }

    fn expand(&mut self, spec: &MacroString, current: &str) -> String {
        let values = MacroValues {
            sender: self.sender,
            local_part: self.local_part,
            sender_domain: self.sender_domain,
            domain: current,
            ip: self.ip,
            helo: self.helo,
            receiver: self.receiver,
            timestamp: self.timestamp,
        };
        let resolver = self.resolver;
        let ip = self.ip;
        let mut ptr = || validated_name_for(resolver, ip, current);
        expand(spec, &values, &mut ptr)
    }

    /// The explanation for a fail (§6.2); any problem means no explanation.
    fn explain(&mut self, spec: &MacroString, current: &str) -> Option<String> {
        let target = self.domain_of(spec, current).ok()?;
        let answer = self.resolver.query(&target, RecordType::Txt);
        let [RecordData::Txt(strings)] = answer.records() else {
            return None;
        };
        let text = String::from_utf8(strings.concat()).ok()?;
        if !text.is_ascii() {
            return None;
        }
        let parsed = super::macros::parse_macro_string(&text, true).ok()?;
        let explanation = self.expand(&parsed, current);
        self.note(format!("explanation: {explanation}"));
        Some(explanation)
    }
}

/// The `%{p}` value: a validated name within `domain` if there is one,
/// else any validated name, else "unknown". Its lookups are not counted.
fn validated_name_for(resolver: &dyn Resolver, ip: IpAddr, domain: &str) -> String {
    let ptr = resolver.query(&reverse_name(ip), RecordType::Ptr);
    let validated = validated_ptr_names(resolver, ip, &ptr);
    validated
        .iter()
        .find(|name| is_within(name, &canonical_name(domain)))
        .or(validated.first())
        .cloned()
        .unwrap_or_else(|| "unknown".to_string())
}

/// The client's validated host names (§5.5): of the first ten PTR names,
/// those whose own addresses include the client IP.
fn validated_ptr_names(resolver: &dyn Resolver, ip: IpAddr, ptr: &Answer) -> Vec<String> {
    let rtype = if ip.is_ipv4() {
        RecordType::A
    } else {
        RecordType::Aaaa
    };
    ptr.records()
        .iter()
        .filter_map(|r| match r {
            RecordData::Ptr(name) => Some(canonical_name(name)),
            _ => None,
        })
        .take(MAX_PTR_NAMES)
        .filter(|name| {
            resolver
                .query(name, rtype)
                .records()
                .iter()
                .any(|r| match (r, ip) {
                    (RecordData::A(a), IpAddr::V4(ip)) => *a == ip,
                    (RecordData::Aaaa(a), IpAddr::V6(ip)) => *a == ip,
                    _ => false,
                })
        })
        .collect()
}

fn is_within(name: &str, domain: &str) -> bool {
    crate::domain::is_within(&canonical_name(name), &canonical_name(domain))
}

/// `4.3.2.1.in-addr.arpa` or the nibble form under `ip6.arpa`.
pub fn reverse_name(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            format!("{}.{}.{}.{}.in-addr.arpa", o[3], o[2], o[1], o[0])
        }
        IpAddr::V6(_) => {
            let mut nibbles: Vec<String> = super::macros::dotted_ip(ip)
                .split('.')
                .map(str::to_string)
                .collect();
            nibbles.reverse();
            format!("{}.ip6.arpa", nibbles.join("."))
        }
    }
}

fn in_v4(ip: Ipv4Addr, network: Ipv4Addr, prefix: u8) -> bool {
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(prefix))
    };
    u32::from(ip) & mask == u32::from(network) & mask
}

fn in_v6(ip: Ipv6Addr, network: Ipv6Addr, prefix: u8) -> bool {
    let mask = if prefix == 0 {
        0
    } else {
        u128::MAX << (128 - u32::from(prefix))
    };
    u128::from(ip) & mask == u128::from(network) & mask
}
