//! Zone-file fragments in the BIND master format (RFC 1035 §5): reading what
//! users paste, and writing what the plan publishes.
//!
//! Reading supports `$ORIGIN`, `$TTL`, `@`, relative and absolute names, a
//! blank owner repeating the previous one, TTL and class in either order,
//! parentheses across lines, comments, and quoted strings with escapes.
//! Types other than A, AAAA, MX, PTR, TXT and CNAME are reported and skipped.

use crate::dns::{canonical_name, RecordData, Zone};
use crate::plan::diagnostic::Diagnostic;

/// One record read from a fragment, with the line it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedRecord {
    pub name: String,
    pub ttl: Option<u32>,
    pub data: RecordData,
    pub line: u32,
}

/// Reads a fragment. `origin` completes relative names until `$ORIGIN` changes it.
pub fn parse_zone(text: &str, origin: &str) -> (Vec<ParsedRecord>, Vec<Diagnostic>) {
    let mut records = Vec::new();
    let mut findings = Vec::new();
    // An origin that is not a name is ignored, so names stay as written.
    let mut origin = Some(canonical_name(origin))
        .filter(|o| is_name(o))
        .unwrap_or_default();
    let mut default_ttl = None;
    let mut previous_owner: Option<String> = None;
    for (line, entry) in logical_lines(text, &mut findings) {
        let at = format!("line {line}");
        let owner_blank = entry.starts_with_blank;
        let tokens = entry.tokens;
        let Some(first) = tokens.first() else {
            continue;
        };
        if first.text.eq_ignore_ascii_case("$ORIGIN") {
            match tokens.get(1).map(|name| host_name(name, &origin)) {
                Some(Ok(name)) => origin = name,
                Some(Err(why)) => findings.push(
                    Diagnostic::error("zone.origin", &at, format!("$ORIGIN: {why}."))
                        .hint("Write “$ORIGIN brand.com.”."),
                ),
                None => findings.push(
                    Diagnostic::error("zone.origin", &at, "$ORIGIN needs a domain.")
                        .hint("Write “$ORIGIN brand.com.”."),
                ),
            }
            continue;
        }
        if first.text.eq_ignore_ascii_case("$TTL") {
            default_ttl = tokens.get(1).and_then(|t| t.text.parse().ok());
            if default_ttl.is_none() {
                findings.push(
                    Diagnostic::error("zone.ttl", &at, "$TTL needs a number of seconds.")
                        .hint("Write “$TTL 3600”."),
                );
            }
            continue;
        }
        if first.text.starts_with('$') && !first.quoted {
            findings.push(
                Diagnostic::error(
                    "zone.directive",
                    &at,
                    format!("{} is not supported here.", first.text),
                )
                .hint("Paste the records themselves; only $ORIGIN and $TTL are understood."),
            );
            continue;
        }
        let mut rest = &tokens[..];
        let owner = if owner_blank {
            match &previous_owner {
                Some(owner) => owner.clone(),
                None => {
                    findings.push(
                        Diagnostic::error("zone.owner", &at, "The first record has no owner name.")
                            .hint("Start the line with the record's name, or @ for the origin."),
                    );
                    continue;
                }
            }
        } else {
            let token = &rest[0];
            rest = &rest[1..];
            if token.quoted || (token.text != "@" && !is_name(&absolute(&token.text, &origin))) {
                findings.push(
                    Diagnostic::error(
                        "zone.owner",
                        &at,
                        format!("“{}” is not a domain name.", token.text),
                    )
                    .hint("Start the line with the record's name, or @ for the origin."),
                );
                continue;
            }
            if token.text == "@" {
                origin.clone()
            } else {
                absolute(&token.text, &origin)
            }
        };
        previous_owner = Some(owner.clone());
        let mut ttl = default_ttl;
        // TTL and class may come in either order before the type.
        for _ in 0..2 {
            match rest.first() {
                Some(t) if !t.quoted && t.text.bytes().all(|b| b.is_ascii_digit()) => {
                    ttl = t.text.parse().ok();
                    rest = &rest[1..];
                }
                Some(t) if !t.quoted && t.text.eq_ignore_ascii_case("IN") => rest = &rest[1..],
                _ => {}
            }
        }
        let Some(kind) = rest.first() else {
            findings.push(
                Diagnostic::error("zone.type", &at, "The record has no type.")
                    .hint("Write the type (TXT, CNAME, MX, A…) and its data."),
            );
            continue;
        };
        let rdata = &rest[1..];
        match record_data(&kind.text.to_ascii_uppercase(), rdata, &origin) {
            Ok(Some(data)) => records.push(ParsedRecord {
                name: owner,
                ttl,
                data,
                line,
            }),
            Ok(None) => findings.push(
                Diagnostic::info(
                    "zone.unsupported",
                    &at,
                    format!(
                        "{} records are not used by the planner and were skipped.",
                        kind.text
                    ),
                )
                .hint("Only A, AAAA, MX, PTR, TXT and CNAME records take part in the checks."),
            ),
            Err(why) => findings.push(
                Diagnostic::error(
                    "zone.rdata",
                    &at,
                    format!("{} record: {why}.", kind.text.to_ascii_uppercase()),
                )
                .hint("Check the record's data.")
                .at_column(kind.column),
            ),
        }
    }
    (records, findings)
}

/// Adds parsed records to a zone.
pub fn add_to_zone(zone: &mut Zone, records: &[ParsedRecord]) {
    for record in records {
        zone.add(&record.name, record.data.clone());
    }
}

fn record_data(kind: &str, rdata: &[Token], origin: &str) -> Result<Option<RecordData>, String> {
    let one = || -> Result<&Token, String> {
        match rdata {
            [only] => Ok(only),
            [] => Err("the data is missing".into()),
            _ => Err("there is more data than the type takes".into()),
        }
    };
    Ok(Some(match kind {
        "A" => RecordData::A(one()?.text.parse().map_err(|_| {
            format!(
                "“{}” is not an IPv4 address",
                one().map(|t| t.text.as_str()).unwrap_or_default()
            )
        })?),
        "AAAA" => RecordData::Aaaa(
            one()?
                .text
                .parse()
                .map_err(|_| "the data is not an IPv6 address".to_string())?,
        ),
        "CNAME" => RecordData::Cname(host_name(one()?, origin)?),
        "PTR" => RecordData::Ptr(host_name(one()?, origin)?),
        "MX" => match rdata {
            [preference, exchange] => RecordData::Mx {
                preference: preference
                    .text
                    .parse()
                    .map_err(|_| "the preference is not a number from 0 to 65535".to_string())?,
                exchange: host_name(exchange, origin)?,
            },
            _ => return Err("MX takes a preference and a host name".into()),
        },
        "TXT" => {
            if rdata.is_empty() {
                return Err("the text is missing".into());
            }
            RecordData::Txt(rdata.iter().map(|t| t.bytes.clone()).collect())
        }
        _ => return Ok(None),
    }))
}

/// A domain name in record data: an unquoted token of printable characters.
fn host_name(token: &Token, origin: &str) -> Result<String, String> {
    if token.text == "@" && !token.quoted && !origin.is_empty() {
        return Ok(origin.to_string());
    }
    let name = absolute(&token.text, origin);
    if token.quoted || !is_name(&name) {
        return Err(format!("“{}” is not a domain name", token.text));
    }
    Ok(name)
}

/// Printable ASCII without the characters the format reserves.
fn is_name(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('$')
        && !text.contains('@')
        && text
            .bytes()
            .all(|b| (0x21..=0x7e).contains(&b) && !b"\"();\\".contains(&b))
}

/// A name completed with the origin unless it ends with a dot.
fn absolute(name: &str, origin: &str) -> String {
    if name.ends_with('.') || origin.is_empty() {
        canonical_name(name)
    } else {
        canonical_name(&format!("{name}.{origin}"))
    }
}

#[derive(Clone, Debug)]
struct Token {
    text: String,
    /// The bytes a quoted string stands for, after escapes.
    bytes: Vec<u8>,
    quoted: bool,
    column: u32,
}

struct Entry {
    tokens: Vec<Token>,
    starts_with_blank: bool,
}

/// Splits the text into entries, joining lines inside parentheses.
fn logical_lines(text: &str, findings: &mut Vec<Diagnostic>) -> Vec<(u32, Entry)> {
    let mut entries = Vec::new();
    let mut current: Option<(u32, Entry)> = None;
    let mut depth = 0u32;
    for (index, line) in text.lines().enumerate() {
        let number = index as u32 + 1;
        let (tokens, opened, closed) = match tokenize(line) {
            Ok(t) => t,
            Err((column, why)) => {
                findings.push(
                    Diagnostic::error("zone.syntax", format!("line {number}"), why)
                        .hint("Close the quoted string on the same line.")
                        .at_column(column),
                );
                continue;
            }
        };
        if depth == 0 {
            if tokens.is_empty() {
                continue;
            }
            let blank = line.starts_with([' ', '\t']);
            current = Some((
                number,
                Entry {
                    tokens,
                    starts_with_blank: blank,
                },
            ));
        } else if let Some((_, entry)) = current.as_mut() {
            entry.tokens.extend(tokens);
        }
        depth = (depth + opened).saturating_sub(closed);
        if depth == 0 {
            entries.extend(current.take());
        }
    }
    if let Some(open) = current.take() {
        findings.push(
            Diagnostic::error(
                "zone.syntax",
                format!("line {}", open.0),
                "A parenthesis is never closed.",
            )
            .hint("Add the closing “)”."),
        );
        entries.push(open);
    }
    entries
}

/// Tokens of one line, and how many parentheses it opens and closes.
fn tokenize(line: &str) -> Result<(Vec<Token>, u32, u32), (u32, String)> {
    let bytes = line.as_bytes();
    let (mut tokens, mut opened, mut closed) = (Vec::new(), 0, 0);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\r' => i += 1,
            b';' => break,
            b'(' => {
                opened += 1;
                i += 1;
            }
            b')' => {
                closed += 1;
                i += 1;
            }
            b'"' => {
                let start = i;
                let mut out = Vec::new();
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => return Err((start as u32, "a quoted string is not closed".into())),
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(b'\\') => {
                            let digits = &bytes[i + 1..(i + 4).min(bytes.len())];
                            if digits.len() == 3 && digits.iter().all(u8::is_ascii_digit) {
                                let value: u32 = std::str::from_utf8(digits)
                                    .ok()
                                    .and_then(|d| d.parse().ok())
                                    .unwrap_or(256);
                                out.push(u8::try_from(value).map_err(|_| {
                                    (i as u32, "\\DDD escapes go up to \\255".to_string())
                                })?);
                                i += 4;
                            } else if let Some(&next) = bytes.get(i + 1) {
                                out.push(next);
                                i += 2;
                            } else {
                                return Err((i as u32, "a backslash ends the line".into()));
                            }
                        }
                        Some(&b) => {
                            out.push(b);
                            i += 1;
                        }
                    }
                }
                tokens.push(Token {
                    text: String::from_utf8_lossy(&out).into_owned(),
                    bytes: out,
                    quoted: true,
                    column: start as u32,
                });
            }
            _ => {
                let start = i;
                while i < bytes.len() && !b" \t\r;()\"".contains(&bytes[i]) {
                    i += 1;
                }
                let text = line[start..i].to_string();
                tokens.push(Token {
                    bytes: text.clone().into_bytes(),
                    text,
                    quoted: false,
                    column: start as u32,
                });
            }
        }
    }
    Ok((tokens, opened, closed))
}

/// Writes records as a BIND fragment under `origin`, TXT data split into
/// strings of at most 255 bytes.
pub fn write_zone(origin: &str, records: &[(String, RecordData)]) -> String {
    let origin = canonical_name(origin);
    let mut out = format!("$ORIGIN {origin}.\n");
    for (name, data) in records {
        let name = canonical_name(name);
        let owner = if name == origin {
            "@".to_string()
        } else if let Some(relative) = name.strip_suffix(&format!(".{origin}")) {
            relative.to_string()
        } else {
            format!("{name}.")
        };
        let rdata = match data {
            RecordData::A(ip) => format!("A     {ip}"),
            RecordData::Aaaa(ip) => format!("AAAA  {ip}"),
            RecordData::Cname(target) => format!("CNAME {}.", canonical_name(target)),
            RecordData::Ptr(target) => format!("PTR   {}.", canonical_name(target)),
            RecordData::Mx {
                preference,
                exchange,
            } => format!("MX    {preference} {}.", canonical_name(exchange)),
            RecordData::Txt(strings) => {
                let parts: Vec<String> = strings
                    .iter()
                    // An empty string is still a string: it is written as "".
                    .flat_map(|s| match s.is_empty() {
                        true => vec![quote(b"")],
                        false => s.chunks(255).map(quote).collect::<Vec<_>>(),
                    })
                    .collect();
                format!("TXT   {}", parts.join(" "))
            }
        };
        out.push_str(&format!("{owner:<24} IN {rdata}\n"));
    }
    out
}

/// A quoted character-string with `"` and `\` escaped and other bytes outside
/// printable ASCII written as `\DDD`, as zone files and DNS-as-code files
/// write TXT strings.
pub fn quote(bytes: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in bytes {
        match b {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\{b:03}")),
        }
    }
    out.push('"');
    out
}
