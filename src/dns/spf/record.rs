//! SPF record syntax (RFC 7208 §4.5, §4.6.1, §5, §6, §7.1): selecting the
//! record among a name's TXT strings and parsing it into terms.
//!
//! Parsing is complete before evaluation, because a syntax error anywhere
//! in a record makes the whole record a permerror (§4.6).

use std::net::{Ipv4Addr, Ipv6Addr};

use super::macros::{parse_macro_string, MacroString};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualifier {
    Pass,
    Fail,
    SoftFail,
    Neutral,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mechanism {
    All,
    Include(MacroString),
    A {
        domain: Option<MacroString>,
        v4: u8,
        v6: u8,
    },
    Mx {
        domain: Option<MacroString>,
        v4: u8,
        v6: u8,
    },
    Ptr(Option<MacroString>),
    Ip4 {
        network: Ipv4Addr,
        prefix: u8,
    },
    Ip6 {
        network: Ipv6Addr,
        prefix: u8,
    },
    Exists(MacroString),
}

impl Mechanism {
    /// Whether the mechanism costs one of the ten DNS-querying terms (§4.6.4).
    pub fn queries_dns(&self) -> bool {
        !matches!(
            self,
            Mechanism::All | Mechanism::Ip4 { .. } | Mechanism::Ip6 { .. }
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub qualifier: Qualifier,
    pub mechanism: Mechanism,
    /// The term as written, for traces.
    pub text: String,
    /// Byte offset of the term in the record, for findings about it.
    pub offset: u32,
}

/// A parsed record. Modifier positions do not matter (§6), so they are kept apart.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SpfRecord {
    pub directives: Vec<Directive>,
    pub redirect: Option<MacroString>,
    pub explanation: Option<MacroString>,
}

/// A syntax error with the byte offset of the offending term in the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: u32,
    pub message: String,
    pub hint: String,
}

fn error(offset: usize, message: impl Into<String>, hint: impl Into<String>) -> SyntaxError {
    SyntaxError {
        offset: offset as u32,
        message: message.into(),
        hint: hint.into(),
    }
}

/// Whether TXT text is an SPF version 1 record: `v=spf1` followed by a space
/// or the end, in any case (§4.5).
pub fn is_spf_record(text: &[u8]) -> bool {
    text.len() >= 6
        && text[..6].eq_ignore_ascii_case(b"v=spf1")
        && (text.len() == 6 || text[6] == b' ')
}

/// Parses a whole record, starting with `v=spf1`.
pub fn parse_record(text: &str) -> Result<SpfRecord, SyntaxError> {
    if !is_spf_record(text.as_bytes()) {
        return Err(error(
            0,
            "the record does not start with v=spf1",
            "Start the record with “v=spf1 ”.",
        ));
    }
    if let Some(at) = text.bytes().position(|b| !(0x20..0x7f).contains(&b)) {
        return Err(error(
            at,
            "the record contains a character outside printable US-ASCII",
            "Retype the record; copy and paste can bring in invisible characters.",
        ));
    }
    let mut record = SpfRecord::default();
    let mut offset = 6;
    for term in text[6..].split(' ') {
        let start = offset;
        offset += term.len() + 1;
        if term.is_empty() {
            continue;
        }
        parse_term(term, start, &mut record)?;
    }
    Ok(record)
}

fn parse_term(term: &str, at: usize, record: &mut SpfRecord) -> Result<(), SyntaxError> {
    if let Some((name, value)) = modifier_parts(term) {
        let value = parse_macro_string(value, false)
            .map_err(|m| error(at, m, "Fix the macro; “%%” writes a percent sign."))?;
        let slot = match name.to_ascii_lowercase().as_str() {
            "redirect" => &mut record.redirect,
            "exp" => &mut record.explanation,
            // Unknown modifiers are ignored once they parse (§6).
            _ => return Ok(()),
        };
        if slot.is_some() {
            return Err(error(
                at,
                format!("{name}= appears twice"),
                format!("Keep a single {name}= modifier."),
            ));
        }
        check_domain_end(&value).map_err(|m| {
            error(
                at,
                m,
                "End the domain with a top-level label, such as “.com”.",
            )
        })?;
        *slot = Some(value);
        return Ok(());
    }
    let (qualifier, body) = match term.as_bytes()[0] {
        b'+' => (Qualifier::Pass, &term[1..]),
        b'-' => (Qualifier::Fail, &term[1..]),
        b'~' => (Qualifier::SoftFail, &term[1..]),
        b'?' => (Qualifier::Neutral, &term[1..]),
        _ => (Qualifier::Pass, term),
    };
    let name_end = body.find([':', '/']).unwrap_or(body.len());
    let (name, rest) = body.split_at(name_end);
    let mechanism = parse_mechanism(&name.to_ascii_lowercase(), rest)
        .map_err(|m| error(at, format!("“{term}”: {m}"), mechanism_hint(name)))?;
    record.directives.push(Directive {
        qualifier,
        mechanism,
        text: term.to_string(),
        offset: at as u32,
    });
    Ok(())
}

/// `name=value` when the term is a modifier (§4.6.1: name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )).
fn modifier_parts(term: &str) -> Option<(&str, &str)> {
    let (name, value) = term.split_once('=')?;
    let mut chars = name.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)))
        .then_some((name, value))
}

fn mechanism_hint(name: &str) -> String {
    match name.to_ascii_lowercase().as_str() {
        "all" => "Write “all” alone, usually as “-all” or “~all” at the end.".into(),
        "ip4" => "Write an IPv4 address or network, such as ip4:192.0.2.0/24.".into(),
        "ip6" => "Write an IPv6 address or network, such as ip6:2001:db8::/32.".into(),
        "include" | "exists" => format!("Write {name}:<domain>, such as {name}:_spf.example.com."),
        "a" | "mx" => format!("Write {name}, {name}:<domain>, or add /<prefix> such as {name}/24."),
        "ptr" => {
            "Avoid ptr (RFC 7208 §5.5); list the sending IPs with ip4: and ip6: instead.".into()
        }
        _ => "Mechanisms are all, include, a, mx, ptr, ip4, ip6 and exists.".into(),
    }
}

fn parse_mechanism(name: &str, rest: &str) -> Result<Mechanism, String> {
    match name {
        "all" if rest.is_empty() => Ok(Mechanism::All),
        "all" => Err("all takes no argument".into()),
        "include" => Ok(Mechanism::Include(required_domain(rest)?)),
        "exists" => Ok(Mechanism::Exists(required_domain(rest)?)),
        "ptr" => match rest.strip_prefix(':') {
            None if rest.is_empty() => Ok(Mechanism::Ptr(None)),
            None => Err("ptr takes no prefix length".into()),
            Some(spec) => Ok(Mechanism::Ptr(Some(domain_spec(spec)?))),
        },
        "a" | "mx" => {
            let (domain, v4, v6) = domain_and_dual_cidr(rest)?;
            Ok(if name == "a" {
                Mechanism::A { domain, v4, v6 }
            } else {
                Mechanism::Mx { domain, v4, v6 }
            })
        }
        "ip4" => {
            let text = rest.strip_prefix(':').ok_or("ip4 needs an address")?;
            let (addr, prefix) = split_prefix(text, 32)?;
            let network: Ipv4Addr = addr
                .parse()
                .map_err(|_| format!("“{addr}” is not an IPv4 address"))?;
            Ok(Mechanism::Ip4 { network, prefix })
        }
        "ip6" => {
            let text = rest.strip_prefix(':').ok_or("ip6 needs an address")?;
            let (addr, prefix) = split_prefix(text, 128)?;
            let network: Ipv6Addr = addr
                .parse()
                .map_err(|_| format!("“{addr}” is not an IPv6 address"))?;
            Ok(Mechanism::Ip6 { network, prefix })
        }
        "" => Err("a qualifier needs a mechanism".into()),
        other => Err(format!("“{other}” is not a mechanism")),
    }
}

fn required_domain(rest: &str) -> Result<MacroString, String> {
    let spec = rest.strip_prefix(':').ok_or("it needs :<domain>")?;
    domain_spec(spec)
}

/// Parses a domain-spec and checks that it ends like a domain (§7.1).
fn domain_spec(text: &str) -> Result<MacroString, String> {
    if text.is_empty() {
        return Err("the domain is empty".into());
    }
    let spec = parse_macro_string(text, false)?;
    check_domain_end(&spec)?;
    Ok(spec)
}

/// domain-end = ( "." toplabel [ "." ] ) / macro-expand
fn check_domain_end(spec: &MacroString) -> Result<(), String> {
    let Some(literal) = spec.literal_tail() else {
        return Ok(());
    };
    let trimmed = literal.strip_suffix('.').unwrap_or(literal);
    let Some((before, top)) = trimmed.rsplit_once('.') else {
        if spec.ends_after_macro() {
            return Err(format!("“{literal}” cannot follow a macro without a dot"));
        }
        return Err("the domain needs at least two labels".into());
    };
    let _ = before;
    let valid = !top.is_empty()
        && top.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !top.starts_with('-')
        && !top.ends_with('-')
        && !top.bytes().all(|b| b.is_ascii_digit());
    if valid {
        Ok(())
    } else {
        Err(format!("“{top}” is not a valid top-level label"))
    }
}

/// `[":" domain-spec] ["/" ip4-cidr] ["//" ip6-cidr]`, for a and mx.
fn domain_and_dual_cidr(rest: &str) -> Result<(Option<MacroString>, u8, u8), String> {
    let (mut body, mut v4, mut v6) = (rest, 32u8, 128u8);
    if let Some(at) = body.rfind("//") {
        v6 = cidr(&body[at + 2..], 128)?;
        body = &body[..at];
    }
    if let Some(at) = body.rfind('/') {
        if body[at + 1..].bytes().all(|b| b.is_ascii_digit()) {
            v4 = cidr(&body[at + 1..], 32)?;
            body = &body[..at];
        }
    }
    let domain = match body.strip_prefix(':') {
        Some(spec) => Some(domain_spec(spec)?),
        None if body.is_empty() => None,
        None => return Err(format!("unexpected “{body}”")),
    };
    Ok((domain, v4, v6))
}

fn split_prefix(text: &str, max: u8) -> Result<(&str, u8), String> {
    match text.split_once('/') {
        Some((addr, len)) => Ok((addr, cidr(len, max)?)),
        None => Ok((text, max)),
    }
}

/// A prefix length: digits without leading zeros, at most `max` (§5.6).
fn cidr(text: &str, max: u8) -> Result<u8, String> {
    let well_formed = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    match text.parse::<u8>() {
        Ok(n) if well_formed && n <= max => Ok(n),
        _ => Err(format!("“/{text}” is not a prefix length from 0 to {max}")),
    }
}
