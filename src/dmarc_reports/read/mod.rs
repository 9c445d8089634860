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

use serde::{Deserialize, Serialize};

use super::Report;

mod record;
mod xml;

pub(crate) use record::day_of;
use xml::read_xml;

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

/// The most messages one row counts: a whole day of the largest sender's
/// mail from one address is far below it, so a larger count is damage.
const MAX_COUNT: u64 = 1_000_000_000;

/// The days a report may cover, 2000-01-01 to 2199-12-31 in Unix seconds,
/// as every date in a plan; a report dated outside them is damaged.
const REPORT_SECONDS: std::ops::RangeInclusive<i64> = 946_684_800..=7_258_118_399;

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
    let mut reports = read_bytes(bytes).map_err(|refusal| refusal.named(name))?;
    for note in reports.iter_mut().flat_map(|r| r.notes.iter_mut()) {
        note.file = name.to_string();
    }
    Ok(reports)
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
