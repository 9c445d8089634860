//! Reading one DoH JSON answer (Google's `resolve` and Cloudflare's
//! `dns-query` with `accept: application/dns-json`). The format is not
//! standardised, so the reader is lenient where it can be and says what it
//! skipped: an entry it cannot read is left out with a note naming its
//! place (`$.Answer[1].data`), and only an answer with no readable
//! `Status` is refused. Nothing here panics, whatever the bytes.

use std::net::{Ipv4Addr, Ipv6Addr};

use serde_json::{Map, Value};

use super::{DohAnswer, DohData, DohRecord, SOA};
use crate::dns::{canonical_name, RecordData};
use crate::plan::diagnostic::Diagnostic;

/// Largest answer read; a TXT-heavy answer is a few kilobytes.
pub const MAX_BODY: usize = 256 * 1024;
/// Most records read from one section.
const MAX_RECORDS: usize = 256;

/// Reads an answer from bytes, refusing text that is not UTF-8.
pub fn read_answer_bytes(body: &[u8], at: &str) -> Result<DohAnswer, Box<Diagnostic>> {
    match std::str::from_utf8(body) {
        Ok(text) => read_answer(text, at),
        Err(e) => Err(Box::new(
            Diagnostic::error(
                "doh.not_utf8",
                format!("{at}: byte {}", e.valid_up_to()),
                "The answer is not UTF-8 text.",
            )
            .hint("The resolver sent something other than JSON; choose the other resolver."),
        )),
    }
}

/// Reads an answer. `at` names it in notes, such as
/// `dns.google: bounce.brand.com TXT`.
pub fn read_answer(body: &str, at: &str) -> Result<DohAnswer, Box<Diagnostic>> {
    let value = parse(body, at)?;
    let Some(object) = value.as_object() else {
        return Err(Box::new(
            Diagnostic::error("doh.shape", at, "The answer is not a JSON object.")
                .hint("Choose the other resolver, or try again later."),
        ));
    };
    let status = status(object, at)?;
    let flag = |key: &str| object.get(key).and_then(Value::as_bool).unwrap_or(false);
    let mut notes = Vec::new();
    let answer = section(object, "Answer", at, &mut notes);
    let authority = section(object, "Authority", at, &mut notes);
    Ok(DohAnswer {
        status,
        truncated: flag("TC"),
        authenticated: flag("AD"),
        answer,
        authority,
        notes,
    })
}

/// The answer as JSON, if it is no larger than a DNS answer can be.
fn parse(body: &str, at: &str) -> Result<Value, Box<Diagnostic>> {
    if body.len() > MAX_BODY {
        return Err(Box::new(
            Diagnostic::error(
                "doh.too_large",
                at,
                format!(
                    "The answer is {} bytes; at most {} are read.",
                    crate::units::group(body.len() as u64),
                    crate::units::group(MAX_BODY as u64)
                ),
            )
            .hint("A DNS answer is a few kilobytes; the resolver sent something else."),
        ));
    }
    serde_json::from_str(body).map_err(|e| {
        Box::new(Diagnostic::error(
            "doh.not_json",
            format!("{at}: line {}, column {}", e.line(), e.column()),
            format!("The answer is not JSON: {e}."),
        )
        .hint("The resolver may be blocked by a proxy or captive portal that answers with a page instead."))
    })
}

/// The DNS response code.
fn status(object: &Map<String, Value>, at: &str) -> Result<u16, Box<Diagnostic>> {
    object
        .get("Status")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .ok_or_else(|| {
            Box::new(
                Diagnostic::error(
                    "doh.no_status",
                    format!("{at}: $.Status"),
                    "The answer has no numeric Status (the DNS response code).",
                )
                .hint("The resolver's JSON format may have changed; choose the other resolver."),
            )
        })
}

/// The records of one section, `Answer` or `Authority`: the first
/// `MAX_RECORDS`, with a note for what is left out or cannot be read.
fn section(
    object: &Map<String, Value>,
    key: &str,
    at: &str,
    notes: &mut Vec<Diagnostic>,
) -> Vec<DohRecord> {
    match object.get(key) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => {
            if items.len() > MAX_RECORDS {
                notes.push(Diagnostic::warning(
                    "doh.many_records",
                    format!("{at}: $.{key}"),
                    format!("{} records; the first {MAX_RECORDS} are read.", items.len()),
                ));
            }
            items
                .iter()
                .take(MAX_RECORDS)
                .enumerate()
                .filter_map(|(i, item)| read_record(item, &format!("{at}: $.{key}[{i}]"), notes))
                .collect()
        }
        Some(_) => {
            notes.push(
                Diagnostic::warning(
                    "doh.shape",
                    format!("{at}: $.{key}"),
                    format!("{key} is not a list; it is ignored."),
                )
                .hint("The resolver's JSON format may have changed."),
            );
            Vec::new()
        }
    }
}

/// One `{name, type, TTL, data}` entry, or `None` with a note.
fn read_record(item: &Value, at: &str, notes: &mut Vec<Diagnostic>) -> Option<DohRecord> {
    let skip = |notes: &mut Vec<Diagnostic>, what: &str| {
        notes.push(
            Diagnostic::warning("doh.record", at, format!("A record is left out: {what}."))
                .hint("The other records are still read; the answer may be incomplete."),
        );
        None
    };
    let Some(name) = item.get("name").and_then(Value::as_str) else {
        return skip(notes, "it has no name");
    };
    let Some(rtype) = item
        .get("type")
        .and_then(Value::as_u64)
        .and_then(|t| u16::try_from(t).ok())
    else {
        return skip(notes, "it has no numeric type");
    };
    // A missing or odd TTL means the record may not be kept.
    let ttl = item
        .get("TTL")
        .and_then(Value::as_u64)
        .map_or(0, |t| u32::try_from(t).unwrap_or(u32::MAX));
    let Some(data) = item.get("data").and_then(Value::as_str) else {
        return skip(notes, "it has no data");
    };
    match read_data(rtype, data) {
        Ok(data) => Some(DohRecord {
            name: canonical_name(name),
            rtype,
            ttl,
            data,
        }),
        Err(why) => skip(notes, &why),
    }
}

/// The data of one record in presentation form.
fn read_data(rtype: u16, data: &str) -> Result<DohData, String> {
    let name = |text: &str| {
        let text = text.trim();
        if text.is_empty() {
            Err("its target is empty".to_string())
        } else {
            Ok(canonical_name(text))
        }
    };
    let known = DohData::Known;
    Ok(match rtype {
        1 => known(RecordData::A(data.trim().parse::<Ipv4Addr>().map_err(
            |_| format!("“{}” is not an IPv4 address", shorten(data)),
        )?)),
        28 => known(RecordData::Aaaa(data.trim().parse::<Ipv6Addr>().map_err(
            |_| format!("“{}” is not an IPv6 address", shorten(data)),
        )?)),
        5 => known(RecordData::Cname(name(data)?)),
        12 => known(RecordData::Ptr(name(data)?)),
        15 => {
            let mut parts = data.split_whitespace();
            let preference = parts
                .next()
                .and_then(|p| p.parse::<u16>().ok())
                .ok_or_else(|| format!("“{}” is not “preference exchange”", shorten(data)))?;
            let exchange = name(parts.next().unwrap_or(""))?;
            known(RecordData::Mx {
                preference,
                exchange,
            })
        }
        16 => known(RecordData::Txt(parse_txt_data(data)?)),
        SOA => DohData::Soa {
            minimum: data
                .split_whitespace()
                .nth(6)
                .and_then(|m| m.parse::<u32>().ok())
                .ok_or_else(|| format!("“{}” is not an SOA record", shorten(data)))?,
        },
        _ => DohData::Other(data.to_string()),
    })
}

/// A TXT record's data in presentation form: one or more quoted strings,
/// with `\"`, `\\` and `\DDD` escapes, joined without separators by
/// readers. Data that does not start with a quote is taken as one string,
/// as some resolvers write it.
pub fn parse_txt_data(data: &str) -> Result<Vec<Vec<u8>>, String> {
    let trimmed = data.trim();
    if !trimmed.starts_with('"') {
        return Ok(vec![trimmed.as_bytes().to_vec()]);
    }
    let bytes = trimmed.as_bytes();
    let mut strings = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' => i += 1,
            b'"' => {
                let (string, next) = quoted(bytes, i + 1)?;
                strings.push(string);
                i = next;
            }
            _ => {
                return Err(format!(
                    "text outside quotes at character {} of the TXT data",
                    i + 1
                ))
            }
        }
    }
    Ok(strings)
}

/// One quoted string starting after its opening quote: the bytes and the
/// index after the closing quote.
fn quoted(bytes: &[u8], start: usize) -> Result<(Vec<u8>, usize), String> {
    let mut out = Vec::new();
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return Ok((out, i + 1)),
            b'\\' => {
                let digits = bytes
                    .get(i + 1..i + 4)
                    .filter(|d| d.iter().all(u8::is_ascii_digit));
                match (digits, bytes.get(i + 1)) {
                    (Some(d), _) => {
                        let value = d.iter().fold(0u32, |v, b| v * 10 + u32::from(b - b'0'));
                        let byte = u8::try_from(value).map_err(|_| {
                            format!("the escape \\{value} at character {} is above 255", i + 1)
                        })?;
                        out.push(byte);
                        i += 4;
                    }
                    (None, Some(&next)) => {
                        out.push(next);
                        i += 2;
                    }
                    (None, None) => return Err("the TXT data ends with a lone backslash".into()),
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    Err(format!(
        "a quoted string opened at character {start} of the TXT data is never closed"
    ))
}

/// At most 60 characters of hostile data, for messages.
fn shorten(data: &str) -> String {
    let short: String = data.chars().take(60).collect();
    if short.len() < data.len() {
        format!("{short}…")
    } else {
        short
    }
}
