//! Zone-file fragments in the BIND master format (RFC 1035 §5): reading what
//! users paste, and writing what the plan publishes.
//!
//! Reading supports `$ORIGIN`, `$TTL`, `@`, relative and absolute names, a
//! blank owner repeating the previous one, TTL (seconds, or units such as
//! `1h30m`) and class in either order, parentheses across lines, comments,
//! and quoted strings with escapes. Types other than A, AAAA, MX, PTR, TXT
//! and CNAME are reported and skipped; a line whose type is no DNS type, or
//! that starts with a TXT value, is not a record, and is said to be one.
//!
//! Every name is checked as a domain name (labels of 1 to 63 octets, at most
//! 253 characters in all): one that is not is a finding at its line and
//! column, and no record is made from it; the one exception is a null MX
//! (`MX 0 .`, RFC 7505), whose exchange is the root, kept as an empty name.
//! A TXT string longer than 255 bytes
//! is split as DNS stores it. So what is read, written and read again gives
//! the same records.

use crate::dns::{canonical_name, RecordData, Zone};
use crate::plan::diagnostic::Diagnostic;

mod lex;
mod names;
mod write;

use lex::{logical_lines, Entry, Token};
use names::{check_written, domain, exchange_name};
use write::character_strings;
pub use write::{quote, write_master_file, write_zone};

/// The default TTL written at the top of a zone file: an hour.
pub const ZONE_TTL: u32 = 3600;

/// The longest TTL (RFC 2181 §8).
const MAX_TTL: u32 = i32::MAX as u32;
/// The longest label, and the longest name written without its final dot.
const MAX_LABEL: usize = 63;
const MAX_NAME: usize = 253;
/// The longest character-string of a TXT record.
const MAX_STRING: usize = 255;

/// One record read from a fragment, with the line it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedRecord {
    pub name: String,
    pub ttl: Option<u32>,
    pub data: RecordData,
    pub line: u32,
}

/// Reads a fragment. `origin` completes relative names until `$ORIGIN`
/// changes it; an `origin` that is not a domain is ignored, so relative
/// names stay as written.
pub fn parse_zone(text: &str, origin: &str) -> (Vec<ParsedRecord>, Vec<Diagnostic>) {
    let origin = canonical_name(origin);
    let valid = check_written(&origin).is_ok() && origin.len() <= MAX_NAME;
    let mut reader = Reader {
        origin: Origin::Name(if valid { origin } else { String::new() }),
        default_ttl: None,
        previous_owner: Owner::Unset,
        records: Vec::new(),
        findings: Vec::new(),
    };
    for (line, entry) in logical_lines(text, &mut reader.findings) {
        reader.entry(line, entry);
    }
    (reader.records, reader.findings)
}

/// Adds parsed records to a zone.
pub fn add_to_zone(zone: &mut Zone, records: &[ParsedRecord]) {
    for record in records {
        zone.add(&record.name, record.data.clone());
    }
}

/// What relative names are completed with.
enum Origin {
    /// A domain, or empty for none: relative names then stay as written.
    Name(String),
    /// A `$ORIGIN` that is not a domain: relative names cannot be completed,
    /// and the records that use them are skipped under its finding.
    Invalid,
}

/// The owner a line that starts with a blank repeats.
enum Owner {
    Unset,
    Valid(String),
    /// Refused, with a finding; the lines that repeat it are skipped.
    Invalid,
}

/// What is wrong at one place in the text, and how to fix it.
struct Problem {
    line: u32,
    column: u32,
    why: String,
    hint: String,
}

impl Problem {
    fn at(token: &Token, offset: usize, why: String, hint: impl Into<String>) -> Problem {
        Problem {
            line: token.line,
            column: token.column + offset as u32,
            why,
            hint: hint.into(),
        }
    }

    fn error(self, code: &'static str, message: String) -> Diagnostic {
        Diagnostic::error(code, format!("line {}", self.line), message)
            .hint(self.hint)
            .at_column(self.column)
    }

    fn warning(self, code: &'static str, message: String) -> Diagnostic {
        Diagnostic::warning(code, format!("line {}", self.line), message)
            .hint(self.hint)
            .at_column(self.column)
    }
}

/// A name could not be read: why, or `None` when it is relative to a
/// `$ORIGIN` that was refused (that finding already says so).
type NameResult = Result<String, Option<Problem>>;

struct Reader {
    origin: Origin,
    default_ttl: Option<u32>,
    previous_owner: Owner,
    records: Vec<ParsedRecord>,
    findings: Vec<Diagnostic>,
}

impl Reader {
    fn entry(&mut self, line: u32, entry: Entry) {
        let Some(first) = entry.tokens.first() else {
            return;
        };
        if first.text.starts_with('$') && !first.quoted {
            self.directive(&entry.tokens);
        } else {
            self.record(line, &entry);
        }
    }

    fn directive(&mut self, tokens: &[Token]) {
        let (name, value) = (&tokens[0], tokens.get(1));
        match name.text.to_ascii_uppercase().as_str() {
            "$ORIGIN" => self.set_origin(name, value),
            "$TTL" => self.set_ttl(name, value),
            _ => self.findings.push(
                Problem::at(
                    name,
                    0,
                    String::new(),
                    "Paste the records themselves; only $ORIGIN and $TTL are understood.",
                )
                .error(
                    "zone.directive",
                    format!("{} is not supported here.", name.text),
                ),
            ),
        }
    }

    fn set_origin(&mut self, directive: &Token, value: Option<&Token>) {
        let hint = "Write the zone's domain with a final dot, such as “$ORIGIN brand.com.”.";
        let Some(value) = value else {
            self.origin = Origin::Invalid;
            let problem = Problem::at(directive, directive.text.len(), String::new(), hint);
            self.findings
                .push(problem.error("zone.origin", "$ORIGIN needs a domain.".into()));
            return;
        };
        if value.text == "." && !value.quoted {
            // The root: relative names are complete as written.
            self.origin = Origin::Name(String::new());
            return;
        }
        match domain(value, &self.origin) {
            Ok(name) => self.origin = Origin::Name(name),
            Err(problem) => {
                self.origin = Origin::Invalid;
                if let Some(problem) = problem {
                    let message = format!(
                        "$ORIGIN: {}. Records with relative names are skipped until a valid $ORIGIN.",
                        problem.why
                    );
                    self.findings.push(problem.error("zone.origin", message));
                }
            }
        }
    }

    fn set_ttl(&mut self, directive: &Token, value: Option<&Token>) {
        let hint = "Write a number of seconds, such as “$TTL 3600”, or units, such as “$TTL 1h”.";
        let problem = match value {
            None => Problem::at(
                directive,
                directive.text.len(),
                "$TTL needs a number of seconds".into(),
                hint,
            ),
            Some(value) => match parse_ttl(value) {
                Ok(ttl) => {
                    self.default_ttl = Some(ttl);
                    return;
                }
                Err(why) => Problem::at(value, 0, format!("$TTL: {why}"), hint),
            },
        };
        let message = format!("{}.", problem.why);
        self.findings.push(problem.error("zone.ttl", message));
    }

    fn record(&mut self, line: u32, entry: &Entry) {
        if looks_like_value(&entry.tokens[0]) {
            let why = "it holds a TXT value without the record's name and type";
            let name = name_for(&entry.tokens[0].text);
            self.findings
                .push(not_a_record(line, entry, &entry.tokens[0], why, name));
            return;
        }
        let Some((owner, rest)) = self.owner(entry) else {
            return;
        };
        let mut rest = rest;
        let mut ttl = self.default_ttl;
        // TTL and class may come in either order before the type.
        for _ in 0..2 {
            match rest.first() {
                Some(t) if !t.quoted && t.text.starts_with(|c: char| c.is_ascii_digit()) => {
                    match parse_ttl(t) {
                        Ok(value) => ttl = Some(value),
                        Err(why) => {
                            let hint = "Write the TTL in seconds, such as 3600, or with units, such as 1h.";
                            let message = format!("The record's TTL: {why}.");
                            let problem = Problem::at(t, 0, why, hint);
                            self.findings.push(problem.error("zone.ttl", message));
                            return;
                        }
                    }
                    rest = &rest[1..];
                }
                Some(t) if !t.quoted && t.text.eq_ignore_ascii_case("IN") => rest = &rest[1..],
                _ => {}
            }
        }
        let Some(kind) = rest.first() else {
            self.findings.push(
                Diagnostic::error(
                    "zone.type",
                    format!("line {line}"),
                    "The record has no type.",
                )
                .hint("Write the type (TXT, CNAME, MX, A…) and its data."),
            );
            return;
        };
        let upper = kind.text.to_ascii_uppercase();
        let rdata = &rest[1..];
        match record_data(&upper, kind, rdata, &self.origin) {
            Ok(Some(data)) => {
                if upper == "TXT" {
                    self.note_long_strings(rdata);
                }
                self.records.push(ParsedRecord {
                    name: owner,
                    ttl,
                    data,
                    line,
                });
            }
            Ok(None) if !is_record_type(&upper) => {
                let why = format!("“{}” is not a DNS record type", kind.text);
                let name = match entry.starts_with_blank {
                    true => name_for(&kind.text),
                    false => &entry.tokens[0].text,
                };
                let finding = not_a_record(line, entry, kind, &why, name);
                self.findings.push(finding);
            }
            Ok(None) => self.findings.push(
                Diagnostic::info(
                    "zone.unsupported",
                    format!("line {line}"),
                    format!(
                        "{} records are not used by the planner and were skipped.",
                        kind.text
                    ),
                )
                .hint("Only A, AAAA, MX, PTR, TXT and CNAME records take part in the checks.")
                .at_column(kind.column),
            ),
            Err(Some(problem)) => {
                let message = format!("{upper} record: {}.", problem.why);
                self.findings.push(problem.error("zone.rdata", message));
            }
            Err(None) => {}
        }
    }

    /// The record's owner and the tokens after it; `None` when the record
    /// is skipped.
    fn owner<'e>(&mut self, entry: &'e Entry) -> Option<(String, &'e [Token])> {
        if entry.starts_with_blank {
            return match &self.previous_owner {
                Owner::Valid(owner) => Some((owner.clone(), &entry.tokens[..])),
                Owner::Invalid => None,
                Owner::Unset => {
                    let problem = Problem::at(
                        &entry.tokens[0],
                        0,
                        String::new(),
                        "Start the line with the record's name, or @ for the origin.",
                    );
                    self.findings.push(
                        problem.error("zone.owner", "The first record has no owner name.".into()),
                    );
                    None
                }
            };
        }
        let token = &entry.tokens[0];
        match domain(token, &self.origin) {
            Ok(owner) => {
                self.note_repeated_origin(token, &owner);
                self.previous_owner = Owner::Valid(owner.clone());
                Some((owner, &entry.tokens[1..]))
            }
            Err(problem) => {
                self.previous_owner = Owner::Invalid;
                if let Some(problem) = problem {
                    let message = format!("The owner “{}”: {}.", token.text, problem.why);
                    self.findings.push(problem.error("zone.owner", message));
                }
                None
            }
        }
    }

    /// A relative name that already ends in the origin, as a dashboard
    /// shows names in full: read as zone files read it, with the origin
    /// added again, but said, since the full name was likely meant.
    fn note_repeated_origin(&mut self, token: &Token, owner: &str) {
        let Origin::Name(origin) = &self.origin else {
            return;
        };
        let text = token.text.to_ascii_lowercase();
        let repeats = !origin.is_empty()
            && !text.ends_with('.')
            && (text == *origin || text.ends_with(&format!(".{origin}")));
        if repeats {
            let why = format!("{} has no final dot", token.text);
            let problem = Problem::at(
                token,
                0,
                why,
                format!("If {}. is the whole name, end it with a dot.", token.text),
            );
            let message = format!(
                "“{}” has no final dot, so it is read as {owner}.",
                token.text
            );
            self.findings
                .push(problem.warning("zone.origin_repeated", message));
        }
    }

    /// A TXT string over 255 bytes is read as several, as DNS stores it.
    fn note_long_strings(&mut self, rdata: &[Token]) {
        if let Some(long) = rdata.iter().find(|t| t.bytes.len() > MAX_STRING) {
            let why = format!(
                "a string is {} bytes long; DNS stores strings of at most 255, so it was read as {} strings",
                long.bytes.len(),
                long.bytes.len().div_ceil(MAX_STRING)
            );
            let problem = Problem::at(
                long,
                0,
                why,
                "Split it into quoted strings of at most 255 bytes, as the zone files Switchyard writes do.",
            );
            let message = format!("TXT record: {}.", problem.why);
            let finding = problem.error("zone.txt_length", message);
            self.findings.push(Diagnostic {
                severity: crate::plan::diagnostic::Severity::Warning,
                ..finding
            });
        }
    }
}

/// Types of DNS records the planner skips; TYPE followed by a number is
/// any type (RFC 3597).
const OTHER_TYPES: [&str; 22] = [
    "NS",
    "SOA",
    "SRV",
    "CAA",
    "SPF",
    "HTTPS",
    "SVCB",
    "DS",
    "DNSKEY",
    "TLSA",
    "SSHFP",
    "NAPTR",
    "DNAME",
    "LOC",
    "HINFO",
    "RP",
    "URI",
    "CERT",
    "OPENPGPKEY",
    "SMIMEA",
    "ALIAS",
    "ANAME",
];

fn is_record_type(upper: &str) -> bool {
    OTHER_TYPES.contains(&upper)
        || upper
            .strip_prefix("TYPE")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a token is a TXT value pasted as a line of its own: quoted, or
/// an SPF, DMARC or DKIM record as a dashboard shows it.
fn looks_like_value(token: &Token) -> bool {
    let text = token.text.to_ascii_lowercase();
    token.quoted
        || ["v=spf1", "v=dmarc1", "v=dkim1"]
            .iter()
            .any(|v| text.starts_with(v))
}

/// The name a TXT value is published at, as written in a zone file.
fn name_for(value: &str) -> &'static str {
    let value = value.to_ascii_lowercase();
    if value.starts_with("v=dmarc1") {
        "_dmarc"
    } else if value.starts_with("v=dkim1") {
        "selector._domainkey"
    } else {
        "@"
    }
}

/// A line that is not a record: why, at `at`, with the form a record takes
/// and, when the rest of the line is a TXT value, that record written out.
fn not_a_record(line: u32, entry: &Entry, at: &Token, why: &str, name: &str) -> Diagnostic {
    let hint = match looks_like_value(at) {
        true => {
            let on_first_line = at.line == line;
            let value = entry.text.get(at.column as usize..).filter(|_| on_first_line);
            let value = value.unwrap_or(&at.text);
            let value = match value.starts_with('"') {
                true => value.trim_end().to_string(),
                false => format!("\"{}\"", value.trim_end()),
            };
            format!("Write a record as “name TTL class type value”, here “{name} IN TXT {value}”.")
        }
        false => "Write a record as “name TTL class type value”, such as “mail IN A 192.0.2.10”; TTL and class may be left out.".to_string(),
    };
    Diagnostic::error(
        "zone.not_record",
        format!("line {line}"),
        format!("Line {line} is not a record: {why}."),
    )
    .hint(hint)
    .at_column(at.column)
}

/// A TTL: seconds, or a number of weeks, days, hours, minutes and seconds
/// such as `1h30m` (as BIND reads them), up to 2³¹ − 1 seconds.
fn parse_ttl(token: &Token) -> Result<u32, String> {
    let text = &token.text;
    let bad = || format!("“{text}” is not a TTL");
    if token.quoted {
        return Err(bad());
    }
    let (mut total, mut number) = (0u64, None::<u64>);
    for c in text.chars() {
        if let Some(digit) = c.to_digit(10) {
            number = Some(
                number
                    .unwrap_or(0)
                    .saturating_mul(10)
                    .saturating_add(digit.into()),
            );
            continue;
        }
        let unit: u64 = match c.to_ascii_lowercase() {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 604_800,
            _ => return Err(bad()),
        };
        total = total.saturating_add(number.take().ok_or_else(bad)?.saturating_mul(unit));
    }
    total = total.saturating_add(number.unwrap_or(0));
    u32::try_from(total)
        .ok()
        .filter(|&ttl| ttl <= MAX_TTL)
        .ok_or_else(|| format!("{text} is more than the longest TTL, {MAX_TTL} seconds"))
}

fn record_data(
    kind: &str,
    kind_token: &Token,
    rdata: &[Token],
    origin: &Origin,
) -> Result<Option<RecordData>, Option<Problem>> {
    let problem =
        |token: &Token, why: &str, hint: &str| Some(Problem::at(token, 0, why.to_string(), hint));
    let one = || -> Result<&Token, Option<Problem>> {
        match rdata {
            [only] => Ok(only),
            [] => Err(problem(
                kind_token,
                "the data is missing",
                "Write the record's data after its type.",
            )),
            [_, extra, ..] => Err(problem(
                extra,
                "there is more data than the type takes",
                "Remove what follows the record's data, or quote text.",
            )),
        }
    };
    Ok(Some(match kind {
        "A" => {
            let token = one()?;
            RecordData::A(token.text.parse().map_err(|_| {
                problem(
                    token,
                    &format!("“{}” is not an IPv4 address", token.text),
                    "Write four numbers from 0 to 255, such as 192.0.2.10.",
                )
            })?)
        }
        "AAAA" => {
            let token = one()?;
            RecordData::Aaaa(token.text.parse().map_err(|_| {
                problem(
                    token,
                    &format!("“{}” is not an IPv6 address", token.text),
                    "Write an IPv6 address, such as 2001:db8::10.",
                )
            })?)
        }
        "CNAME" => RecordData::Cname(domain(one()?, origin)?),
        "PTR" => RecordData::Ptr(domain(one()?, origin)?),
        "MX" => match rdata {
            [preference, exchange] => RecordData::Mx {
                preference: preference.text.parse().map_err(|_| {
                    problem(
                        preference,
                        "the preference is not a number from 0 to 65535",
                        "Write the preference, such as 10, before the host name.",
                    )
                })?,
                exchange: exchange_name(exchange, origin)?,
            },
            _ => {
                return Err(problem(
                    kind_token,
                    "MX takes a preference and a host name",
                    "Write “MX 10 mail.brand.com.”.",
                ))
            }
        },
        "TXT" => {
            if rdata.is_empty() {
                return Err(problem(
                    kind_token,
                    "the text is missing",
                    "Write the text in quotes after TXT.",
                ));
            }
            RecordData::Txt(
                rdata
                    .iter()
                    .flat_map(|t| character_strings(&t.bytes))
                    .collect(),
            )
        }
        _ => return Ok(None),
    }))
}
