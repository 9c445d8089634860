//! The report's XML, read as a stream of events matched by local name, into
//! reports whose rows are stamped with their day, sender and policy domain.

use quick_xml::errors::{Error as XmlError, IllFormedError};
use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;

use super::record::{
    close_in_record, day_of, disposition, domain, open_in_record, RecordDraft, Tag,
};
use super::{
    quote, refuse, Refusal, MAX_COUNT, MAX_DEPTH, MAX_ROW_BYTES, MAX_VALUE_BYTES, REPORT_SECONDS,
};
use crate::dmarc_reports::{DkimResult, PublishedPolicy, ReadError, Report, Row, SpfResult};
use crate::plan::model::DmarcPolicy;

/// The reports in an XML text, after its encoding is checked.
pub(super) fn read_xml(bytes: &[u8]) -> Result<Vec<Report>, Refusal> {
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
                "The report is not UTF-8 text: the byte 0x{:02X} at offset {} is not valid UTF-8",
                bytes[offset],
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
    // Delivery data dropped here by mistake is told apart before it is
    // parsed as XML, which a `<` in it could make malformed.
    if is_delivery_data(text.as_bytes()) {
        return Err(refuse(
            "The file holds no DMARC aggregate report: it looks like delivery data",
            "Import delivery data on the Monitoring tab; this tab reads aggregate (rua) reports, XML with a <feedback> root.",
        ));
    }
    Parser::new(text).run()
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
    notes: Vec<ReadError>,
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
                Event::GeneralRef(r) => self.push_reference(&r, at)?,
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

    /// Takes in a character or one of XML's five named entities; any
    /// other entity would come from a DOCTYPE, which reports never have
    /// and which is not read, so its name must not pass for a value.
    fn push_reference(&mut self, reference: &BytesRef, at: usize) -> Result<(), Refusal> {
        if !self.reading_value() {
            return Ok(());
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
                return Err(self.refuse_here(
                    format!(
                        "The report uses the entity &{};, which XML does not define",
                        &**reference
                    ),
                    "Aggregate reports declare no entities; the file is damaged or hostile.",
                    at,
                ))
            }
        }
        Ok(())
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
                notes: Vec::new(),
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
                if count > MAX_COUNT {
                    return Err(self.refuse_here(
                        format!("The record's count {} is more than one address sends in a report's time", quote(value)),
                        "A row counts the messages from one address; the report is damaged.",
                        self.opened_at,
                    ));
                }
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
            Tag::PolicyNp
            | Tag::PolicyAdkim
            | Tag::PolicyAspf
            | Tag::PolicyPct
            | Tag::PolicyTesting => self.take_tag(tag, value),
            _ => self.take_value(tag, value),
        }
        Ok(())
    }

    /// Takes one of the published policy's optional tags. A value the
    /// reader does not know leaves the tag unknown with a note: the rows
    /// are still good.
    fn take_tag(&mut self, tag: Tag, value: &str) {
        // The tag, the values it takes, why a value it does not take is
        // left out, and what to do about it.
        let (name, values, why, hint): (_, &[&str], _, _) = match tag {
            Tag::PolicyNp => (
                "np",
                &["none", "quarantine", "reject"],
                "is not none, quarantine or reject, so the policy for non-existent subdomains it applied is unknown",
                "RFC 9989's np takes none, quarantine or reject; ask the report's sender to correct it.",
            ),
            Tag::PolicyPct => (
                "pct",
                &[],
                "is not a whole number from 0 to 100, so the share of failing mail its policy applied to is unknown",
                "RFC 7489's pct takes a whole number from 0 to 100; ask the report's sender to correct it.",
            ),
            Tag::PolicyTesting => (
                "testing",
                &["y", "n"],
                "is not y or n, so whether its policy was in test mode is unknown",
                "RFC 9990's testing takes y or n; ask the report's sender to correct it.",
            ),
            Tag::PolicyAdkim => (
                "adkim",
                &["r", "s"],
                "is not r or s, so the DKIM alignment it applied is unknown",
                "RFC 7489's adkim takes r or s; ask the report's sender to correct it.",
            ),
            _ => (
                "aspf",
                &["r", "s"],
                "is not r or s, so the SPF alignment it applied is unknown",
                "RFC 7489's aspf takes r or s; ask the report's sender to correct it.",
            ),
        };
        let mut lower = value.to_ascii_lowercase();
        // Read as counts are, so no other number reader is compiled in.
        let pct = (lower.parse::<u64>().ok())
            .filter(|n| *n <= 100 && tag == Tag::PolicyPct)
            .map(|n| n as u8);
        if !(lower.is_empty() || pct.is_some() || values.contains(&lower.as_str())) {
            let note = self.refuse_here(
                format!(
                    "The policy_published {name} {} {why}; its rows are read all the same",
                    quote(value)
                ),
                hint,
                self.opened_at,
            );
            if let Some(draft) = self.draft.as_mut() {
                draft.notes.push(note.named(""));
            }
            lower.clear();
        }
        let Some(policy) = self.draft.as_mut().and_then(|d| d.policy.as_mut()) else {
            return;
        };
        match tag {
            Tag::PolicyNp => policy.np = DmarcPolicy::ALL.into_iter().find(|p| p.as_str() == lower),
            Tag::PolicyPct => policy.pct = pct,
            Tag::PolicyTesting => policy.testing = lower,
            Tag::PolicyAdkim => policy.adkim = lower,
            _ => policy.aspf = lower,
        }
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
            .filter(|s| REPORT_SECONDS.contains(s));
        seconds.ok_or_else(|| {
            self.refuse_here(
                format!("The date range time {} is not Unix seconds between 2000 and 2199", quote(value)),
                "date_range begin and end are seconds since 1970 (such as 1803427200); the report is damaged.",
                self.opened_at,
            )
        })
    }

    fn finish_record(&mut self) -> Result<(), Refusal> {
        let Some(record) = self.draft.as_mut().and_then(|d| d.record.take()) else {
            return Ok(());
        };
        if !record.source_ip.is_empty() && record.source_ip.parse::<std::net::IpAddr>().is_err() {
            return Err(self.refuse_here(
                format!("The record's source_ip {} is not an IP address", quote(&record.source_ip)),
                "Each row names the address that sent its mail, such as 192.0.2.1; the report is damaged.",
                record.at,
            ));
        }
        // RFC 7489 requires each of these; without header_from the row
        // names no domain it counts mail of.
        let missing = if record.source_ip.is_empty() {
            Some("source_ip")
        } else if record.count.is_none() {
            Some("count")
        } else if !record.evaluated {
            Some("policy_evaluated")
        } else if record.header_from.trim().is_empty() {
            Some("header_from in its identifiers")
        } else {
            None
        };
        if let Some(what) = missing {
            return Err(self.refuse_here(
                format!("A record has no {what}"),
                "Each record needs source_ip, count, policy_evaluated and header_from; the report is damaged or incomplete.",
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
        let range_hint = "Every aggregate report gives the time it covers in report_metadata's date_range, from begin to end; the report is damaged or incomplete.";
        let Some(begin) = draft.begin else {
            return Err(self.refuse_here(
                "The report has no date_range begin, so its day is unknown",
                range_hint,
                metadata_at,
            ));
        };
        if let Some(end) = draft.end.filter(|end| *end < begin) {
            return Err(self.refuse_here(
                format!(
                    "The report's date_range ends ({}) before it begins ({})",
                    day_of(end),
                    day_of(begin)
                ),
                range_hint,
                metadata_at,
            ));
        }
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
        )
        .noting(draft.notes))
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

/// Whether a file looks like delivery data from its first bytes: JSON (an
/// array, or JSON lines) starts with `[` or `{`, CSV with a header line of
/// names and commas, semicolons or tabs. An XML report starts with `<`.
fn is_delivery_data(text: &[u8]) -> bool {
    let start = text.iter().position(|b| !b.is_ascii_whitespace());
    let text = &text[start.unwrap_or(0)..];
    let header = text.iter().take(1024).take_while(|b| **b != b'\n');
    let (mut names, mut separators) = (true, false);
    for &b in header {
        separators |= matches!(b, b',' | b';' | b'\t');
        names &= b.is_ascii_alphanumeric() || b" _-.\"',;\t\r".contains(&b);
    }
    matches!(text.first(), Some(b'[' | b'{')) || names && separators
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
        notes: Vec::new(),
    }
}

impl Report {
    fn noting(mut self, notes: Vec<ReadError>) -> Report {
        self.notes = notes;
        self
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
