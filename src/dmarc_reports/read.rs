//! One aggregate report file, plain XML, gzip or zip, read into reports or
//! refused with what is wrong, where, and what to do about it.
//!
//! The first bytes tell the format, never the name. Compressed content is
//! inflated under a cap while it is read, so a small file that would inflate
//! to gigabytes is refused early, whatever its header claims. The XML is read
//! as a stream of events matched by local name, so namespaces, prefixes, a
//! byte order mark or a stray wrapper element change nothing. Elements the
//! reader does not know, such as RFC 9990 extensions, are skipped, and the
//! report's contact e-mail and extra contact information are never read.

use std::io::{Cursor, Read};
use std::net::IpAddr;

use quick_xml::errors::{Error as XmlError, IllFormedError};
use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;
use serde::{Deserialize, Serialize};

use super::{Disposition, DkimResult, PublishedPolicy, Report, Row, SpfResult, Verdict};

/// Files larger than this are refused before any work is done.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Inflated XML larger than this, summed over a zip's entries, is refused.
pub const MAX_XML_BYTES: u64 = 256 * 1024 * 1024;

/// Report zips hold one file; a central directory of thousands is hostile.
const MAX_ZIP_ENTRIES: u64 = 1_000;

/// Reports nest six deep; far deeper nesting only costs memory.
const MAX_DEPTH: usize = 256;

/// No value in a report (a domain, an id, a name) comes near this length;
/// longer text copied into every row would only cost memory.
const MAX_VALUE_BYTES: usize = 1024;

/// The memory one file's rows may take, estimated; real reports take a
/// small part of it, hostile ones are refused before the browser runs out.
const MAX_ROW_BYTES: u64 = 512 * 1024 * 1024;

/// The longest piece of the file a message quotes.
const QUOTE_CHARS: usize = 40;

/// Why a file was not read, and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadError {
    /// The file's name as given.
    pub file: String,
    pub message: String,
    /// 1-based line and column (in characters) in the XML, where known.
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// What the user can do about it.
    pub hint: String,
}

/// Reads one file into the reports it holds: a plain or gzipped XML report
/// gives one, a zip one per XML file inside.
pub fn read_file(name: &str, bytes: &[u8]) -> Result<Vec<Report>, ReadError> {
    read_bytes(bytes).map_err(|refusal| refusal.named(name))
}

/// Refuses a file by its size alone, before it is read.
pub fn too_large(name: &str, size: u64) -> Option<ReadError> {
    check_size(size).err().map(|refusal| refusal.named(name))
}

impl ReadError {
    /// A file that could not be read at all, such as one removed from the
    /// disk after it was chosen.
    pub fn unreadable(file: &str) -> ReadError {
        refuse(
            "The file could not be read",
            "Check that the file still exists and can be opened, then choose it again.",
        )
        .named(file)
    }

    /// One line saying all of it: file, place, what is wrong, what to do.
    pub fn describe(&self) -> String {
        let place = match (self.line, self.column) {
            (Some(line), Some(column)) => format!(", line {line}, column {column}"),
            (Some(line), None) => format!(", line {line}"),
            _ => String::new(),
        };
        format!("{}{place}: {}. {}", self.file, self.message, self.hint)
    }
}

/// A refusal before the file name is attached.
struct Refusal {
    message: String,
    place: Option<(u32, u32)>,
    hint: String,
}

fn refuse(message: impl Into<String>, hint: impl Into<String>) -> Refusal {
    Refusal {
        message: message.into(),
        place: None,
        hint: hint.into(),
    }
}

impl Refusal {
    fn named(self, file: &str) -> ReadError {
        ReadError {
            file: file.to_string(),
            message: self.message,
            line: self.place.map(|(line, _)| line),
            column: self.place.map(|(_, column)| column),
            hint: self.hint,
        }
    }

    fn at(mut self, text: &[u8], offset: usize) -> Refusal {
        self.place = Some(place(text, offset));
        self
    }

    /// Names the zip entry the refusal is about.
    fn inside(mut self, entry: &str) -> Refusal {
        self.message = format!("In {} inside the zip: {}", quote(entry), self.message);
        self
    }
}

// ---------------------------------------------------------------------------
// Formats

fn check_size(size: u64) -> Result<(), Refusal> {
    if size > MAX_FILE_BYTES {
        return Err(refuse(
            format!(
                "The file is {} MB; report files are at most {} MB",
                megabytes(size),
                MAX_FILE_BYTES >> 20
            ),
            "Aggregate reports are rarely over a few MB; check that this is a DMARC report.",
        ));
    }
    Ok(())
}

fn read_bytes(bytes: &[u8]) -> Result<Vec<Report>, Refusal> {
    check_size(bytes.len() as u64)?;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        read_xml(&gunzip(bytes)?)
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        read_zip(bytes)
    } else {
        read_xml(bytes)
    }
}

fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
    inflate(
        flate2::read::MultiGzDecoder::new(bytes),
        MAX_XML_BYTES,
        "gzip file",
    )
}

/// Reads `reader` to its end, refusing as soon as it passes `cap` bytes.
fn inflate(mut reader: impl Read, cap: u64, what: &str) -> Result<Vec<u8>, Refusal> {
    let mut out = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => return Ok(out),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(damaged(what, &e)),
        };
        if (out.len() + n) as u64 > cap {
            return Err(too_large_inflated(what));
        }
        out.extend_from_slice(&chunk[..n]);
    }
}

fn damaged(what: &str, error: &std::io::Error) -> Refusal {
    let message = if error.kind() == std::io::ErrorKind::UnexpectedEof {
        format!("The {what} is cut short: it ends before its compressed data does")
    } else {
        format!("The {what} is damaged: {error}")
    };
    refuse(
        message,
        "Save the attachment again from the report e-mail; a damaged download cannot be read.",
    )
}

fn too_large_inflated(what: &str) -> Refusal {
    refuse(
        format!(
            "The {what} inflates to more than {} MB, far more than any aggregate report",
            MAX_XML_BYTES >> 20
        ),
        "This looks like a zip bomb, not a DMARC report; do not open it elsewhere either.",
    )
}

fn read_zip(bytes: &[u8]) -> Result<Vec<Report>, Refusal> {
    check_zip_entries(bytes)?;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_refusal)?;
    let entries = xml_entries(&archive)?;
    let mut left = MAX_XML_BYTES;
    let mut reports = Vec::new();
    for (index, name) in entries {
        let entry = archive
            .by_index(index)
            .map_err(|e| zip_refusal(e).inside(&name))?;
        if entry.size() > left {
            return Err(too_large_inflated("zip").inside(&name));
        }
        let xml = inflate(entry, left, "zip entry").map_err(|r| r.inside(&name))?;
        left -= xml.len() as u64;
        reports.extend(read_xml(&xml).map_err(|r| r.inside(&name))?);
    }
    Ok(reports)
}

/// Refuses a zip whose end record lists more entries than a report zip
/// could need, before the zip reader builds a table of them all.
fn check_zip_entries(bytes: &[u8]) -> Result<(), Refusal> {
    let tail = &bytes[bytes.len().saturating_sub(22 + 0xFFFF)..];
    let Some(end) = memchr::memmem::rfind(tail, b"PK\x05\x06") else {
        return Ok(());
    };
    let Some(count) = tail.get(end + 10..end + 12) else {
        return Ok(());
    };
    let count = u64::from(u16::from_le_bytes([count[0], count[1]]));
    if count > MAX_ZIP_ENTRIES {
        return Err(refuse(
            format!("The zip lists {count} files; a report zip holds one"),
            "Unzip it and drop the DMARC report XML files themselves.",
        ));
    }
    Ok(())
}

/// The zip's entries that are XML files, by index and name.
fn xml_entries(archive: &zip::ZipArchive<Cursor<&[u8]>>) -> Result<Vec<(usize, String)>, Refusal> {
    let mut xml = Vec::new();
    let mut others = Vec::new();
    for index in 0..archive.len() {
        let Some(Ok(name)) = archive.name_for_index(index) else {
            continue;
        };
        let lower = name.to_ascii_lowercase();
        if lower.ends_with('/') || lower.starts_with("__macosx/") {
            continue;
        }
        if lower.ends_with(".xml") {
            xml.push((index, name.into_owned()));
        } else {
            others.push(quote(&name));
        }
    }
    if xml.is_empty() {
        let held = match others.len() {
            0 => "nothing".to_string(),
            n if n > 5 => format!("{} and {} more", others[..5].join(", "), n - 5),
            _ => others.join(", "),
        };
        return Err(refuse(
            format!("The zip holds no XML file (it holds {held})"),
            "A DMARC report zip holds one .xml file; check that this is an aggregate report.",
        ));
    }
    Ok(xml)
}

fn zip_refusal(error: zip::result::ZipError) -> Refusal {
    use zip::result::ZipError;
    match error {
        ZipError::Io(e) => damaged("zip file", &e),
        ZipError::UnsupportedArchive(why) => refuse(
            format!("The zip uses something Switchyard does not read: {why}"),
            "Unzip it and drop the XML file inside.",
        ),
        ZipError::CompressionMethodNotSupported(method) => refuse(
            format!("The zip is compressed with method {method}; Switchyard reads stored and deflated entries"),
            "Unzip it and drop the XML file inside.",
        ),
        other => refuse(
            format!("The zip file is damaged: {other}"),
            "Save the attachment again from the report e-mail; a damaged download cannot be read.",
        ),
    }
}

// ---------------------------------------------------------------------------
// Text

fn read_xml(bytes: &[u8]) -> Result<Vec<Report>, Refusal> {
    let (bom, bytes) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(refuse(
            "The report is UTF-16 text; aggregate reports are UTF-8",
            "Save it as UTF-8 and drop it again.",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        refuse(
            format!(
                "The report is not UTF-8 text: byte {} is not valid UTF-8",
                bom + offset
            ),
            "Aggregate reports are UTF-8 XML; the file may be damaged or in another encoding.",
        )
        .at(bytes, offset)
    })?;
    if text.trim().is_empty() {
        return Err(refuse(
            "The report is empty",
            "Save the attachment again from the report e-mail.",
        ));
    }
    Parser::new(text).run()
}

/// 1-based line and column (in characters) of a byte offset.
fn place(text: &[u8], offset: usize) -> (u32, u32) {
    let before = &text[..offset.min(text.len())];
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let column = before[line_start..]
        .iter()
        .filter(|b| (*b & 0xC0) != 0x80)
        .count()
        + 1;
    (saturate(line), saturate(column))
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A piece of the file for a message, cut short and quoted.
fn quote(text: &str) -> String {
    let mut cut: String = text.chars().take(QUOTE_CHARS).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    format!("\"{cut}\"")
}

fn megabytes(bytes: u64) -> String {
    crate::units::fixed(bytes as f64 / (1024.0 * 1024.0), 1)
}

// ---------------------------------------------------------------------------
// Elements

/// The elements the reader knows, each in its place: a name seen anywhere
/// else is `Other`, so an extension's `<domain>` is never a policy domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
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
    fn classify(parent: Option<Tag>, local: &str, in_report: bool) -> Tag {
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
    fn is_value(self) -> bool {
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

/// A report while its `<feedback>` is open.
struct Draft {
    at: usize,
    metadata_at: Option<usize>,
    org: String,
    report_id: String,
    begin: Option<i64>,
    end: Option<i64>,
    policy: Option<PublishedPolicy>,
    record: Option<RecordDraft>,
    rows: Vec<Row>,
}

/// A record while its `<record>` is open.
struct RecordDraft {
    at: usize,
    source_ip: String,
    count: Option<u64>,
    evaluated: bool,
    disposition: Disposition,
    policy_dkim: Verdict,
    policy_spf: Verdict,
    reasons: Vec<String>,
    header_from: String,
    envelope_from: String,
    dkim: Vec<DkimResult>,
    spf: Vec<SpfResult>,
}

impl RecordDraft {
    fn new(at: usize) -> RecordDraft {
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

/// The streaming reader's state: the open elements, the text of the one
/// being read, and the report being built.
struct Parser<'a> {
    text: &'a str,
    stack: Vec<Tag>,
    value: String,
    /// Where the most recently opened element starts.
    opened_at: usize,
    draft: Option<Draft>,
    reports: Vec<Report>,
    /// The estimated memory of the rows read so far.
    row_bytes: u64,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Parser<'a> {
        Parser {
            text,
            stack: Vec::new(),
            value: String::new(),
            opened_at: 0,
            draft: None,
            reports: Vec::new(),
            row_bytes: 0,
        }
    }

    fn run(mut self) -> Result<Vec<Report>, Refusal> {
        let mut reader = Reader::from_str(self.text);
        loop {
            let at = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
            let event = reader.read_event().map_err(|e| {
                let offset = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                malformed(&e).at(self.text.as_bytes(), offset)
            })?;
            match event {
                Event::Start(e) => self.open(e.local_name().into_inner(), at)?,
                Event::Empty(e) => {
                    self.open(e.local_name().into_inner(), at)?;
                    self.close()?;
                }
                Event::End(_) => self.close()?,
                Event::Text(t) => self.push_text(&t),
                Event::CData(t) => self.push_text(&t),
                Event::GeneralRef(r) => self.push_reference(&r),
                Event::Eof => return self.finish(),
                _ => {}
            }
        }
    }

    fn reading_value(&self) -> bool {
        self.stack.last().is_some_and(|tag| tag.is_value())
    }

    fn push_text(&mut self, text: &str) {
        if self.reading_value() {
            self.value.push_str(text);
        }
    }

    fn push_reference(&mut self, reference: &BytesRef) {
        if !self.reading_value() {
            return;
        }
        let named = match &**reference {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "apos" => Some('\''),
            "quot" => Some('"'),
            _ => reference.resolve_char_ref().ok().flatten(),
        };
        match named {
            Some(c) => self.value.push(c),
            None => {
                self.value.push('&');
                self.value.push_str(reference);
                self.value.push(';');
            }
        }
    }

    fn refuse_here(&self, message: impl Into<String>, hint: &str, at: usize) -> Refusal {
        refuse(message, hint).at(self.text.as_bytes(), at)
    }

    fn open(&mut self, local: &str, at: usize) -> Result<(), Refusal> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.refuse_here(
                format!("The XML nests more than {MAX_DEPTH} elements deep"),
                "Aggregate reports nest a few levels deep; this is not a DMARC report.",
                at,
            ));
        }
        let tag = Tag::classify(self.stack.last().copied(), local, self.draft.is_some());
        self.opened_at = at;
        self.value.clear();
        self.stack.push(tag);
        if tag == Tag::Feedback {
            self.draft = Some(Draft {
                at,
                metadata_at: None,
                org: String::new(),
                report_id: String::new(),
                begin: None,
                end: None,
                policy: None,
                record: None,
                rows: Vec::new(),
            });
            return Ok(());
        }
        let Some(draft) = self.draft.as_mut() else {
            return Ok(());
        };
        match tag {
            Tag::Metadata => draft.metadata_at = Some(at),
            Tag::Policy => draft.policy = Some(PublishedPolicy::default()),
            Tag::Record => draft.record = Some(RecordDraft::new(at)),
            _ => {
                if let Some(record) = draft.record.as_mut() {
                    open_in_record(record, tag);
                }
            }
        }
        Ok(())
    }

    fn close(&mut self) -> Result<(), Refusal> {
        let Some(tag) = self.stack.pop() else {
            return Ok(());
        };
        if self.value.len() > MAX_VALUE_BYTES {
            return Err(self.refuse_here(
                format!(
                    "The element's text is {} bytes long; no report value is longer than {MAX_VALUE_BYTES}",
                    self.value.len()
                ),
                "The report is damaged or not an aggregate report.",
                self.opened_at,
            ));
        }
        let value = std::mem::take(&mut self.value);
        let result = self.apply(tag, value.trim());
        self.value = value;
        self.value.clear();
        result
    }

    /// Takes in the element that just closed.
    fn apply(&mut self, tag: Tag, value: &str) -> Result<(), Refusal> {
        match tag {
            Tag::Feedback => return self.finish_report(),
            Tag::Record => return self.finish_record(),
            Tag::Begin | Tag::End => {
                let seconds = self.seconds(value)?;
                if let Some(draft) = self.draft.as_mut() {
                    match tag {
                        Tag::Begin => draft.begin = Some(seconds),
                        _ => draft.end = Some(seconds),
                    }
                }
            }
            Tag::Count => {
                let count = value.parse::<u64>().map_err(|_| {
                    self.refuse_here(
                        format!("The record's count {} is not a whole number", quote(value)),
                        "Each record counts its messages as a whole number; the report is damaged.",
                        self.opened_at,
                    )
                })?;
                if let Some(record) = self.record() {
                    record.count = Some(count);
                }
            }
            Tag::Disposition => {
                let disposition = disposition(value).ok_or_else(|| {
                    self.refuse_here(
                        format!(
                            "The disposition {} is not none, quarantine, reject or pass",
                            quote(value)
                        ),
                        "The report does not follow RFC 7489 or RFC 9990; ask its sender.",
                        self.opened_at,
                    )
                })?;
                if let Some(record) = self.record() {
                    record.disposition = disposition;
                }
            }
            _ => self.take_value(tag, value),
        }
        Ok(())
    }

    /// Takes a value that needs no checking.
    fn take_value(&mut self, tag: Tag, value: &str) {
        let Some(draft) = self.draft.as_mut() else {
            return;
        };
        match tag {
            Tag::OrgName => draft.org = value.to_string(),
            Tag::ReportId => draft.report_id = value.to_string(),
            _ => {}
        }
        if let Some(policy) = draft.policy.as_mut() {
            match tag {
                Tag::PolicyDomain => policy.domain = domain(value),
                Tag::PolicyP => policy.p = value.to_ascii_lowercase(),
                Tag::PolicySp => policy.sp = value.to_ascii_lowercase(),
                Tag::PolicyNp => policy.np = value.to_ascii_lowercase(),
                Tag::PolicyTesting => policy.testing = value.to_ascii_lowercase(),
                _ => {}
            }
        }
        if let Some(record) = draft.record.as_mut() {
            close_in_record(record, tag, value);
        }
    }

    fn record(&mut self) -> Option<&mut RecordDraft> {
        self.draft.as_mut()?.record.as_mut()
    }

    /// Unix seconds from a `begin` or `end`, which some reporters write
    /// with a fraction.
    fn seconds(&self, value: &str) -> Result<i64, Refusal> {
        let seconds = value
            .parse::<i64>()
            .ok()
            .or_else(|| {
                let f = value.parse::<f64>().ok()?;
                f.is_finite().then_some(f.trunc() as i64)
            })
            .filter(|s| (0..=253_402_300_799).contains(s));
        seconds.ok_or_else(|| {
            self.refuse_here(
                format!("The date range time {} is not Unix seconds", quote(value)),
                "date_range begin and end are seconds since 1970 (such as 1803427200).",
                self.opened_at,
            )
        })
    }

    fn finish_record(&mut self) -> Result<(), Refusal> {
        let Some(record) = self.draft.as_mut().and_then(|d| d.record.take()) else {
            return Ok(());
        };
        let missing = if record.source_ip.is_empty() {
            Some("source_ip")
        } else if record.count.is_none() {
            Some("count")
        } else if !record.evaluated {
            Some("policy_evaluated")
        } else {
            None
        };
        if let Some(what) = missing {
            return Err(self.refuse_here(
                format!("A record has no {what}"),
                "Each record's row needs source_ip, count and policy_evaluated; the report is damaged or incomplete.",
                record.at,
            ));
        }
        let at = record.at;
        let row = Row {
            day: String::new(),
            org: String::new(),
            policy_domain: String::new(),
            source_ip: record.source_ip,
            header_from: record.header_from,
            envelope_from: record.envelope_from,
            dkim: record.dkim,
            spf: record.spf,
            policy_dkim: record.policy_dkim,
            policy_spf: record.policy_spf,
            disposition: record.disposition,
            reasons: record.reasons,
            count: record.count.unwrap_or(0),
        };
        self.spend(row_bytes(&row), at)?;
        if let Some(draft) = self.draft.as_mut() {
            draft.rows.push(row);
        }
        Ok(())
    }

    /// Counts `bytes` more of rows, refusing the file past the budget.
    fn spend(&mut self, bytes: u64, at: usize) -> Result<(), Refusal> {
        self.row_bytes = self.row_bytes.saturating_add(bytes);
        if self.row_bytes > MAX_ROW_BYTES {
            return Err(self.refuse_here(
                format!(
                    "The report's rows would take more than {} MB of memory",
                    MAX_ROW_BYTES >> 20
                ),
                "Real reports are far smaller; this file is damaged or hostile.",
                at,
            ));
        }
        Ok(())
    }

    fn finish_report(&mut self) -> Result<(), Refusal> {
        let Some(draft) = self.draft.take() else {
            return Ok(());
        };
        // Each row gets its own copy of the day, organisation and domain.
        let domain = draft.policy.as_ref().map_or(0, |p| p.domain.len());
        let stamp = (10 + draft.org.len() + domain) as u64;
        self.spend(stamp.saturating_mul(draft.rows.len() as u64), draft.at)?;
        let report = self.check_report(draft)?;
        self.reports.push(report);
        Ok(())
    }

    /// The finished report, or why it cannot be kept.
    fn check_report(&self, draft: Draft) -> Result<Report, Refusal> {
        let metadata_hint = "Every aggregate report names its sender and an id in report_metadata; the report is damaged or not an aggregate report.";
        let Some(metadata_at) = draft.metadata_at else {
            return Err(self.refuse_here(
                "The report has no report_metadata",
                metadata_hint,
                draft.at,
            ));
        };
        if draft.org.is_empty() {
            return Err(self.refuse_here(
                "The report names no reporting organisation (report_metadata has no org_name)",
                metadata_hint,
                metadata_at,
            ));
        }
        if draft.report_id.is_empty() {
            return Err(self.refuse_here(
                "The report has no report_id, so a second copy could not be told apart",
                metadata_hint,
                metadata_at,
            ));
        }
        let Some(begin) = draft.begin else {
            return Err(self.refuse_here(
                "The report has no date_range begin, so its day is unknown",
                metadata_hint,
                metadata_at,
            ));
        };
        let Some(policy) = draft.policy else {
            return Err(self.refuse_here(
                "The report has no policy_published, so the domain and policy it judged are unknown",
                "Every aggregate report says which policy it applied; the report is damaged or incomplete.",
                draft.at,
            ));
        };
        if policy.domain.is_empty() {
            return Err(self.refuse_here(
                "The report's policy_published has no domain",
                "Every aggregate report names the domain it is about; the report is damaged or incomplete.",
                draft.at,
            ));
        }
        if draft.rows.is_empty() {
            return Err(self.refuse_here(
                "The report holds no records",
                "A report without records counts no mail; nothing is lost by leaving it out.",
                draft.at,
            ));
        }
        Ok(report_of(
            draft.org,
            draft.report_id,
            begin,
            draft.end,
            policy,
            draft.rows,
        ))
    }

    fn finish(self) -> Result<Vec<Report>, Refusal> {
        if self.draft.is_some() {
            return Err(self.refuse_here(
                "The XML ends inside <feedback>: the report is cut short",
                "Save the attachment again from the report e-mail; a cut-short file cannot be read.",
                self.text.len(),
            ));
        }
        if self.reports.is_empty() {
            return Err(refuse(
                "The file holds no DMARC aggregate report: there is no <feedback> element",
                "Aggregate (rua) reports are XML with a <feedback> root; was a failure (ruf) report or another file chosen?",
            ));
        }
        Ok(self.reports)
    }
}

/// The report, its rows stamped with its day, sender and policy domain.
fn report_of(
    org: String,
    report_id: String,
    begin: i64,
    end: Option<i64>,
    policy: PublishedPolicy,
    mut rows: Vec<Row>,
) -> Report {
    let day = day_of(begin);
    for row in &mut rows {
        row.day.clone_from(&day);
        row.org.clone_from(&org);
        row.policy_domain.clone_from(&policy.domain);
    }
    Report {
        org,
        report_id,
        begin,
        end: end.unwrap_or(begin),
        policy,
        rows,
    }
}

/// The memory a row takes, roughly: its fields and its text.
fn row_bytes(row: &Row) -> u64 {
    let text = |s: &String| s.len() as u64;
    let dkim: u64 = row
        .dkim
        .iter()
        .map(|d| {
            size_of::<DkimResult>() as u64 + text(&d.domain) + text(&d.selector) + text(&d.result)
        })
        .sum();
    let spf: u64 = row
        .spf
        .iter()
        .map(|s| size_of::<SpfResult>() as u64 + text(&s.domain) + text(&s.scope) + text(&s.result))
        .sum();
    let reasons: u64 = row
        .reasons
        .iter()
        .map(|r| size_of::<String>() as u64 + text(r))
        .sum();
    size_of::<Row>() as u64
        + text(&row.source_ip)
        + text(&row.header_from)
        + text(&row.envelope_from)
        + dkim
        + spf
        + reasons
}

/// Prepares for an element opening inside a record.
fn open_in_record(record: &mut RecordDraft, tag: Tag) {
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
fn close_in_record(record: &mut RecordDraft, tag: Tag, value: &str) {
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
fn domain(value: &str) -> String {
    let host = value.rsplit_once('@').map_or(value, |(_, host)| host);
    host.trim_end_matches('.').to_ascii_lowercase()
}

/// An address in its canonical text, IPv4-mapped IPv6 as IPv4; text that
/// is no address is kept as written.
fn ip(value: &str) -> String {
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

fn verdict(value: &str) -> Verdict {
    if value.eq_ignore_ascii_case("pass") {
        Verdict::Pass
    } else {
        Verdict::Fail
    }
}

/// A disposition; an empty one is `none`.
fn disposition(value: &str) -> Option<Disposition> {
    match value.to_ascii_lowercase().as_str() {
        "" | "none" => Some(Disposition::None),
        "quarantine" => Some(Disposition::Quarantine),
        "reject" => Some(Disposition::Reject),
        "pass" => Some(Disposition::Pass),
        _ => None,
    }
}

/// The UTC date of Unix seconds already checked to be in range.
fn day_of(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|t| t.date_naive().to_string())
        .unwrap_or_default()
}

/// What the XML parser found wrong, said plainly.
fn malformed(error: &XmlError) -> Refusal {
    let what = match error {
        XmlError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            format!("<{expected}> is closed by </{found}>")
        }
        XmlError::IllFormed(IllFormedError::UnmatchedEndTag(tag)) => {
            format!("</{tag}> closes no open element")
        }
        XmlError::Syntax(e) => e.to_string(),
        other => other.to_string(),
    };
    refuse(
        format!("The XML is malformed: {what}"),
        "The report is damaged; save the attachment again, or ask its sender for a new copy.",
    )
}
