//! Whole documents rather than event streams: the per-day CSV template
//! anyone can fill from a spreadsheet, Microsoft SNDS data files, and
//! Google Postmaster Tools traffic statistics. CSV is read with the `csv`
//! crate.

use serde_json::Value;

use super::refused::Refused;
use super::{day_of_iso, day_of_ymd, Counts, KeyKind, Mailbox, Sink};

/// The template's columns; `mailbox_provider` may be left out. Fields may
/// be separated by commas or, as European Excel writes them, semicolons. A
/// blank count is 0, except a blank sent, which is what the row delivered
/// or bounced.
pub const TEMPLATE_COLUMNS: [&str; 12] = [
    "date",
    "lane",
    "mailbox_provider",
    "sent",
    "delivered",
    "hard_bounces",
    "soft_bounces",
    "complaints",
    "opens",
    "clicks",
    "unsubscribes",
    "revenue",
];

/// The blank template, with one example row to overwrite.
pub fn template() -> String {
    let mut text = TEMPLATE_COLUMNS.join(",");
    text.push_str("\n2027-03-01,promotional,gmail,12000,11800,40,60,9,2400,310,14,5230.50\n");
    text
}

/// Google Postmaster Tools statistics, as its API returns them.
pub fn is_postmaster(record: &[u8]) -> bool {
    serde_json::from_slice::<Value>(record)
        .ok()
        .and_then(|v| {
            v.as_object()
                .map(|o| o.contains_key("trafficStats") || o.contains_key("domainStats"))
        })
        .unwrap_or(false)
}

/// Reads a document into the import; the format's name, or why the file
/// is not one Switchyard reads.
pub(super) fn read_document(text: &[u8], sink: &mut dyn Sink) -> Result<String, Refused> {
    if is_postmaster(text) {
        return postmaster(text, sink);
    }
    // Gzip's and zip's first bytes: vendors' exports often come packed.
    if text.starts_with(b"\x1f\x8b") || text.starts_with(b"PK\x03\x04") {
        return Err(Refused::Compressed);
    }
    // A DMARC report's root, with or without a namespace prefix.
    if (text.get(..1024).unwrap_or(text))
        .windows(9)
        .any(|w| matches!(w[0], b'<' | b':') && w[1..] == *b"feedback")
    {
        return Err(Refused::Dmarc);
    }
    let mut records = reader(text, b',').into_records();
    let Some(Ok(first)) = records.next() else {
        return Err(Refused::NotCsvOrJson);
    };
    if let Some(header) = template_header(&first) {
        template_rows(&header, records, Marks::Comma, text, sink)?;
        return Ok("Per-day CSV".into());
    }
    // European Excel separates fields with semicolons, as the comma is
    // its decimal mark.
    let mut semicolons = reader(text, b';').into_records();
    if let Some(header) = semicolons
        .next()
        .and_then(Result::ok)
        .as_ref()
        .and_then(template_header)
    {
        template_rows(&header, semicolons, Marks::Semicolon, text, sink)?;
        return Ok("Per-day CSV".into());
    }
    if first.get(0).is_some_and(is_ipv4) && first.len() >= 11 {
        let mut lines = Lines::new(text);
        snds_row(&first, lines.of(first.position(), 1), sink);
        for (index, row) in records.enumerate() {
            let line = index as u32 + 2;
            match row {
                Ok(row) => snds_row(&row, lines.of(row.position(), line), sink),
                Err(e) => sink.skip_line(lines.of(e.position(), line), e.to_string()),
            }
        }
        return Ok("Microsoft SNDS".into());
    }
    // The template's header between other separators: say how to save it.
    for delimiter in [b'\t', b'|'] {
        let mut other = reader(text, delimiter).into_records();
        if other
            .next()
            .and_then(Result::ok)
            .as_ref()
            .and_then(template_header)
            .is_some()
        {
            return Err(match delimiter {
                b'\t' => Refused::Tabs,
                _ => Refused::Bars,
            });
        }
    }
    Err(Refused::NotTemplate)
}

/// A reader of CSV fields separated by `delimiter`.
fn reader(text: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text)
}

/// The column names, lower-cased, if `first` is the template's header.
fn template_header(first: &csv::StringRecord) -> Option<Vec<String>> {
    let header: Vec<String> = first.iter().map(|h| h.to_ascii_lowercase()).collect();
    (header.iter().any(|h| h == "date") && header.iter().any(|h| h == "lane")).then_some(header)
}

/// Line numbers of records, from their byte offsets: the `csv` crate's
/// own line count runs a line behind after a CRLF line end (Excel's, and
/// SNDS's).
struct Lines<'a> {
    text: &'a [u8],
    /// The last offset asked for, and its line.
    at: usize,
    line: u32,
}

impl<'a> Lines<'a> {
    fn new(text: &'a [u8]) -> Lines<'a> {
        Lines {
            text,
            at: 0,
            line: 1,
        }
    }

    /// The line a record starts on, or `fallback` if its place is unknown.
    /// Records come in order, so the count only ever moves forwards.
    fn of(&mut self, position: Option<&csv::Position>, fallback: u32) -> u32 {
        let Some(position) = position else {
            return fallback;
        };
        let mut end = usize::try_from(position.byte())
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        // A record after a CRLF starts, for the crate, at the LF; blank
        // lines before a record are skipped.
        while self
            .text
            .get(end)
            .is_some_and(|b| matches!(b, b'\r' | b'\n'))
        {
            end += 1;
        }
        if end < self.at {
            (self.at, self.line) = (0, 1);
        }
        let newlines = self.text[self.at..end].iter().filter(|&&b| b == b'\n');
        self.line = self.line.saturating_add(newlines.count() as u32);
        self.at = end;
        self.line
    }
}

/// How a file writes its numbers, which its field separator tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marks {
    /// Comma-separated: thousands grouped with commas, a decimal point.
    Comma,
    /// Semicolon-separated (European Excel): a decimal comma, thousands
    /// grouped with points or spaces.
    Semicolon,
}

impl Marks {
    /// A cell's number with its thousands separators taken out and a
    /// decimal point, ready for `parse`.
    fn plain(self, text: &str) -> String {
        match self {
            Marks::Comma => text.replace(',', ""),
            Marks::Semicolon => {
                let text: String = text
                    .chars()
                    .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
                    .collect();
                // Points group thousands beside a decimal comma, or in groups
                // of three ("12.000"); otherwise a point is a decimal point
                // ("5230.50"), which a decimal comma's locale may still write.
                if text.contains(',') || grouped(&text, '.') {
                    text.replace('.', "").replace(',', ".")
                } else {
                    text
                }
            }
        }
    }
}

/// Whether `text` is digits grouped in threes by `separator`: "12.000".
fn grouped(text: &str, separator: char) -> bool {
    let text = text.strip_prefix(['-', '\u{2212}']).unwrap_or(text);
    let mut groups = text.split(separator);
    let digits = |g: &str, sizes: std::ops::RangeInclusive<usize>| {
        sizes.contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit())
    };
    groups.next().is_some_and(|g| digits(g, 1..=3))
        && text.contains(separator)
        && groups.all(|g| digits(g, 3..=3))
}

/// A count cell: blank, a whole number, or why it is not one.
fn count_cell(name: &str, cell: &str, marks: Marks) -> Result<Option<u64>, String> {
    let text = marks.plain(cell);
    if text.is_empty() {
        return Ok(None);
    }
    if let Ok(n) = text.parse::<u64>() {
        return Ok(Some(n));
    }
    if negative(&text) {
        return Err(format!(
            "{name} “{cell}” is negative; counts are whole numbers from 0"
        ));
    }
    Err(format!("{name} “{cell}” is not a whole number"))
}

/// Whether `text` is a number below zero, written with a hyphen or a
/// minus sign.
fn negative(text: &str) -> bool {
    text.strip_prefix(['-', '\u{2212}'])
        .and_then(|rest| rest.parse::<f64>().ok())
        .is_some_and(|n| n.is_finite() && n > 0.0)
}

/// Why a row's counts cannot all be true, with what to correct: more
/// delivered and bounced than sent, or more complaints or unsubscribes
/// than mail delivered. `sent` and `delivered` are `None` where blank.
fn inconsistent(
    sent: Option<u64>,
    delivered: Option<u64>,
    bounced: u64,
    complaints: u64,
    unsubscribes: u64,
) -> Option<String> {
    use crate::units::{count, group};
    let outcomes = delivered.unwrap_or(0).saturating_add(bounced);
    if let Some(sent) = sent.filter(|s| outcomes > *s) {
        return Some(format!(
            "delivered {} and bounced {} add up to more than sent {}; sent counts every message, delivered or bounced, so correct the row",
            group(delivered.unwrap_or(0)),
            group(bounced),
            group(sent)
        ));
    }
    // Without a delivered count, rates are taken over mail sent; without
    // either, over what the row says was delivered or bounced.
    let (base, base_name) = match (delivered, sent) {
        (Some(d), _) => (d, format!("the {} delivered", group(d))),
        (None, Some(s)) => (s, format!("the {} sent", group(s))),
        (None, None) => (
            outcomes,
            format!(
                "the {} delivered or bounced (sent and delivered are blank)",
                group(outcomes)
            ),
        ),
    };
    let more = |n: u64, one: &str, many: &str, why: &str| {
        let verb = if n == 1 { "is" } else { "are" };
        format!(
            "{} {verb} more than {base_name}; {why}, so correct the row",
            count(n, one, many)
        )
    };
    if complaints > base {
        return Some(more(
            complaints,
            "complaint",
            "complaints",
            "complaints come only from mail people received",
        ));
    }
    if unsubscribes > base {
        return Some(more(
            unsubscribes,
            "unsubscribe",
            "unsubscribes",
            "people unsubscribe only from mail they received",
        ));
    }
    None
}

fn template_rows(
    header: &[String],
    records: impl Iterator<Item = csv::Result<csv::StringRecord>>,
    marks: Marks,
    text: &[u8],
    sink: &mut dyn Sink,
) -> Result<(), String> {
    let column = |name: &str| header.iter().position(|h| h == name);
    let missing: Vec<&str> = ["sent"]
        .into_iter()
        .filter(|c| column(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "The per-day CSV has no {} column.",
            missing.join(", ")
        ));
    }
    let (date, lane) = (column("date").unwrap_or(0), column("lane").unwrap_or(1));
    let provider = column("mailbox_provider");
    let mut lines = Lines::new(text);
    for (index, row) in records.enumerate() {
        let line = index as u32 + 2;
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                sink.skip_line(lines.of(e.position(), line), e.to_string());
                continue;
            }
        };
        let line = lines.of(row.position(), line);
        // A row cut short would count its missing bounces and complaints
        // as none.
        if row.len() < header.len() {
            let why = format!(
                "it has {} of the header's {} columns",
                row.len(),
                header.len()
            );
            sink.skip_line(line, why);
            continue;
        }
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).unwrap_or("");
        let Some(day) = day_of_cell(cell(Some(date))) else {
            sink.skip_line(line, not_a_date(cell(Some(date))));
            continue;
        };
        let lane_key = cell(Some(lane));
        if lane_key.is_empty() {
            sink.skip_line(line, "the lane is empty".into());
            continue;
        }
        let mut numbers = [None; 8];
        let mut bad = None;
        // The counts' columns, in the template's order.
        for (slot, name) in numbers.iter_mut().zip(&TEMPLATE_COLUMNS[3..11]) {
            match count_cell(name, cell(column(name)), marks) {
                Ok(n) => *slot = n,
                Err(why) => bad = Some(why),
            }
        }
        let revenue_cell = cell(column("revenue"));
        let revenue_text = marks.plain(revenue_cell);
        let revenue = match revenue_text.parse::<f64>() {
            Ok(r) if r.is_finite() && r >= 0.0 => (r * 100.0).round() as u64,
            _ if revenue_text.is_empty() => 0,
            _ if negative(&revenue_text) => {
                bad = Some(format!(
                    "revenue “{revenue_cell}” is negative; revenue is an amount from 0"
                ));
                0
            }
            _ => {
                bad = Some(format!("revenue “{revenue_cell}” is not an amount"));
                0
            }
        };
        let [sent, delivered, hard_bounces, soft_bounces, complaints, opens, clicks, unsubscribes] =
            numbers;
        let [hard_bounces, soft_bounces, complaints, opens, clicks, unsubscribes] = [
            hard_bounces,
            soft_bounces,
            complaints,
            opens,
            clicks,
            unsubscribes,
        ]
        .map(|n| n.unwrap_or(0));
        let bounced = hard_bounces.saturating_add(soft_bounces);
        let bad = bad.or_else(|| inconsistent(sent, delivered, bounced, complaints, unsubscribes));
        if let Some(why) = bad {
            sink.skip_line(line, why);
            continue;
        }
        let delivered = delivered.unwrap_or(0);
        // A row without a sent count has sent at least what it delivered or
        // bounced, as event files without send events do; a sent count is
        // kept as written.
        let sent = sent.unwrap_or(delivered.saturating_add(bounced));
        let mailbox = Mailbox::from_name(cell(provider)).unwrap_or(Mailbox::Other);
        sink.record();
        sink.counts(day, KeyKind::CsvLane, lane_key, mailbox)
            .add(&Counts {
                sent,
                delivered,
                hard_bounces,
                soft_bounces,
                complaints,
                opens,
                clicks,
                unsubscribes,
                revenue_cents: revenue,
                ..Counts::default()
            });
    }
    Ok(())
}

/// SNDS dates are MM/DD/YYYY with a time after them.
fn snds_day(text: &str) -> Option<i32> {
    let date = text.split_whitespace().next()?;
    let mut parts = date.split('/').map(|p| {
        let digits = p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| p.parse().ok()).flatten()
    });
    let (m, d, y) = (parts.next()??, parts.next()??, parts.next()??);
    day_of_ymd(y, m, d)
}

/// Whether `text` is an IPv4 address in dotted decimal, as SNDS writes
/// its first column: four numbers from 0 to 255.
fn is_ipv4(text: &str) -> bool {
    let parts = text.split('.');
    parts.clone().count() == 4
        && parts.into_iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

fn snds_row(row: &csv::StringRecord, line: u32, sink: &mut dyn Sink) {
    let cell = |i: usize| row.get(i).unwrap_or("");
    if row.len() < 11 || !is_ipv4(cell(0)) {
        sink.skip_line(
            line,
            "an SNDS row has an IP address and at least 11 columns".into(),
        );
        return;
    }
    let Some(day) = snds_day(cell(2)).or_else(|| snds_day(cell(1))) else {
        sink.skip_line(
            line,
            format!("“{}” is not an SNDS date (MM/DD/YYYY)", cell(2)),
        );
        return;
    };
    let Ok(recipients) = cell(5).parse::<u64>() else {
        sink.skip_line(
            line,
            format!("message recipients “{}” is not a number", cell(5)),
        );
        return;
    };
    // "< 0.1%" is below what SNDS reports: counted as none.
    let rate = cell(7).trim_end_matches('%').trim();
    let complaints = if rate.starts_with('<') || rate.is_empty() {
        0
    } else {
        match rate.parse::<f64>() {
            Ok(r) if (0.0..=100.0).contains(&r) => (recipients as f64 * r / 100.0).round() as u64,
            _ => {
                let why = format!(
                    "complaint rate “{}” is not a percentage from 0 to 100",
                    cell(7)
                );
                return sink.skip_line(line, why);
            }
        }
    };
    let filter = match cell(6).to_ascii_uppercase().as_str() {
        "GREEN" => 1,
        "YELLOW" => 2,
        "RED" => 3,
        _ => 0,
    };
    sink.record();
    sink.counts(day, KeyKind::SendingIp, cell(0), Mailbox::Microsoft)
        .add(&Counts {
            sent: recipients,
            complaints,
            trap_hits: cell(10).parse::<u64>().unwrap_or(0),
            filter,
            ..Counts::default()
        });
}

/// Postmaster Tools v1 `trafficStats` (historical files) and v2
/// `domainStats` with spam-rate metrics.
fn postmaster(text: &[u8], sink: &mut dyn Sink) -> Result<String, Refused> {
    let value: Value = serde_json::from_slice(text)
        .map_err(|e| format!("The Postmaster Tools file is not valid JSON: {e}"))?;
    let domain_of = |name: &str| name.split('/').nth(1).unwrap_or("").to_string();
    if let Some(stats) = value.get("trafficStats").and_then(Value::as_array) {
        for (i, s) in stats.iter().enumerate() {
            let name = s.get("name").and_then(Value::as_str).unwrap_or("");
            let date = name.rsplit('/').next().unwrap_or("");
            // Digits only, so the slices below fall on character boundaries.
            let number = |at: usize, len: usize| date.get(at..at + len)?.parse().ok();
            let day = (date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()))
                .then(|| day_of_ymd(number(0, 4)?, number(4, 2)?, number(6, 2)?))
                .flatten();
            match (day, s.get("userReportedSpamRatio").and_then(Value::as_f64)) {
                (Some(day), Some(ratio)) => {
                    sink.record();
                    sink.postmaster(day, domain_of(name), ratio * 100.0);
                }
                _ => sink.skip_line(
                    i as u32 + 1,
                    format!("trafficStats[{i}] has no date or spam ratio"),
                ),
            }
        }
        return Ok("Google Postmaster Tools (v1)".into());
    }
    let stats = value
        .get("domainStats")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    // v2 names each metric by the label the query gave it: only a label
    // with “spam” in it is read as the spam rate.
    let mut spam = false;
    for (i, s) in stats.iter().enumerate() {
        let label = s.get("metric").and_then(Value::as_str).unwrap_or("");
        if !label.to_ascii_lowercase().contains("spam") {
            continue;
        }
        spam = true;
        let date = s.get("date");
        let part = |k: &str| date.and_then(|d| d.get(k)).and_then(Value::as_u64);
        let day = match (part("year"), part("month"), part("day")) {
            (Some(y), Some(m), Some(d)) => day_of_ymd(y, m, d),
            _ => None,
        };
        let v = s.get("value");
        let number = ["doubleValue", "floatValue", "value", "intValue"]
            .iter()
            .find_map(|k| {
                let x = v?.get(k)?;
                x.as_f64().or_else(|| x.as_str()?.parse().ok())
            })
            .or_else(|| v.and_then(Value::as_f64));
        match (day, number) {
            (Some(day), Some(rate)) => {
                sink.record();
                // The API gives rates as fractions.
                sink.postmaster(
                    day,
                    domain_of(s.get("name").and_then(Value::as_str).unwrap_or("")),
                    rate * 100.0,
                );
            }
            _ => sink.skip_line(
                i as u32 + 1,
                format!("domainStats[{i}] has no date or value"),
            ),
        }
    }
    match spam || stats.is_empty() {
        true => Ok("Google Postmaster Tools (v2)".into()),
        false => Err(Refused::NoSpamMetric),
    }
}

/// The day of a date cell: ISO, year first with slashes or dots
/// (2027/03/25), or day- or month-first where only one reading is a date
/// (25/03/2027, 03/25/2027). 01/03/2027 could be either, and is refused.
fn day_of_cell(text: &str) -> Option<i32> {
    if let Some(day) = day_of_iso(text) {
        return Some(day);
    }
    let parts: Vec<&str> = text.trim().split(['/', '.', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let n = |p: &str| p.parse::<u32>().ok().filter(|_| p.len() <= 4);
    let (y, m, d) = match (n(a)?, n(b)?, n(c)?) {
        (y, m, d) if a.len() == 4 => (y, m, d),
        (d, m, y) if c.len() == 4 && d > 12 && m <= 12 => (y, m, d),
        (m, d, y) if c.len() == 4 && d > 12 && m <= 12 => (y, m, d),
        _ => return None,
    };
    day_of_ymd(y.into(), m.into(), d.into())
}

/// Why a date cell is refused. A day-first or month-first date cannot be
/// told apart (01/03/2027), so it is not guessed at; the message says how
/// to have the spreadsheet write the one form that is certain.
fn not_a_date(text: &str) -> String {
    let slashed = text.contains('/') || text.matches('.').count() == 2;
    if slashed {
        format!("“{text}” could be day-first or month-first; format the date column as yyyy-mm-dd in the spreadsheet and save again")
    } else {
        format!("“{text}” is not a date (YYYY-MM-DD)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_where_only_one_reading_is_a_date() {
        let day = |text: &str| day_of_cell(text).map(super::super::date_of_day);
        let cases = [
            ("2027-03-25", Some("2027-03-25")),
            ("2027/03/25", Some("2027-03-25")),
            ("25/03/2027", Some("2027-03-25")),
            ("03/25/2027", Some("2027-03-25")),
            ("25.03.2027", Some("2027-03-25")),
            ("01/03/2027", None),
            ("2027/13/01", None),
            ("32/01/2027", None),
            ("25/03/27", None),
        ];
        for (text, date) in cases {
            assert_eq!(day(text).as_deref(), date, "{text}");
        }
    }

    #[test]
    fn numbers_are_read_as_their_separator_writes_them() {
        // (marks, cell, the number to parse)
        let cases = [
            (Marks::Comma, "1,234", "1234"),
            (Marks::Comma, "7,410.25", "7410.25"),
            (Marks::Comma, "-100", "-100"),
            (Marks::Semicolon, "5230,50", "5230.50"),
            (Marks::Semicolon, "1.234,56", "1234.56"),
            (Marks::Semicolon, "12.000", "12000"),
            (Marks::Semicolon, "1.234.567", "1234567"),
            (Marks::Semicolon, "2 500", "2500"),
            (Marks::Semicolon, "2\u{a0}500", "2500"),
            (Marks::Semicolon, "2\u{202f}500,5", "2500.5"),
            (Marks::Semicolon, "-1.234,5", "-1234.5"),
            // Points that do not group thousands are decimal points.
            (Marks::Semicolon, "5230.50", "5230.50"),
            (Marks::Semicolon, "12.5", "12.5"),
            (Marks::Semicolon, "1.2345", "1.2345"),
            (Marks::Semicolon, "", ""),
        ];
        for (marks, cell, plain) in cases {
            assert_eq!(marks.plain(cell), plain, "{marks:?} {cell}");
        }
    }

    #[test]
    fn count_cells_say_what_is_wrong_with_them() {
        // (cell, count or why)
        let cases: [(&str, Result<Option<u64>, &str>); 7] = [
            ("", Ok(None)),
            ("0", Ok(Some(0))),
            ("1,200", Ok(Some(1_200))),
            (
                "-100",
                Err("sent “-100” is negative; counts are whole numbers from 0"),
            ),
            (
                "−7",
                Err("sent “−7” is negative; counts are whole numbers from 0"),
            ),
            ("-", Err("sent “-” is not a whole number")),
            ("1e3", Err("sent “1e3” is not a whole number")),
        ];
        for (cell, expected) in cases {
            assert_eq!(
                count_cell("sent", cell, Marks::Comma),
                expected.map_err(str::to_string),
                "{cell}"
            );
        }
    }

    #[test]
    fn rows_that_cannot_all_be_true_are_caught() {
        // (sent, delivered, bounced, complaints, unsubscribes, caught)
        let cases = [
            (Some(100), Some(90), 10, 0, 0, false),
            (Some(100), Some(91), 10, 0, 0, true),
            (None, Some(500), 10, 0, 0, false),
            (Some(100), Some(50), 0, 50, 50, false),
            (Some(100), Some(50), 0, 51, 0, true),
            (Some(100), Some(50), 0, 0, 51, true),
            (Some(100), None, 0, 100, 0, false),
            (Some(100), None, 0, 101, 0, true),
            // Sums stop at the largest count, as `Counts::add` does.
            (Some(u64::MAX), Some(u64::MAX), u64::MAX, 1, 1, false),
        ];
        for (sent, delivered, bounced, complaints, unsubscribes, caught) in cases {
            assert_eq!(
                inconsistent(sent, delivered, bounced, complaints, unsubscribes).is_some(),
                caught,
                "{sent:?} {delivered:?} {bounced} {complaints} {unsubscribes}"
            );
        }
    }
}
