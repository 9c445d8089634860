//! Whole documents rather than event streams: the per-day CSV template
//! anyone can fill from a spreadsheet, Microsoft SNDS data files, and
//! Google Postmaster Tools traffic statistics. CSV is read with the `csv`
//! crate.

use serde_json::Value;

use super::{day_of_iso, Counts, KeyKind, Mailbox, Sink};

/// The template's columns; `mailbox_provider` may be left out.
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
pub(super) fn read_document(text: &[u8], sink: &mut dyn Sink) -> Result<String, String> {
    if is_postmaster(text) {
        return postmaster(text, sink);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text);
    let mut records = reader.records();
    let Some(Ok(first)) = records.next() else {
        return Err(format!(
            "The file is not CSV or JSON. Expected {}.",
            super::formats::EXPECTED
        ));
    };
    let header: Vec<String> = first.iter().map(|h| h.to_ascii_lowercase()).collect();
    if header.iter().any(|h| h == "date") && header.iter().any(|h| h == "lane") {
        template_rows(&header, records, sink)?;
        return Ok("Per-day CSV".into());
    }
    if first
        .get(0)
        .is_some_and(|ip| ip.parse::<std::net::Ipv4Addr>().is_ok())
        && first.len() >= 11
    {
        snds_row(&first, 1, sink);
        for (index, row) in records.enumerate() {
            match row {
                Ok(row) => snds_row(&row, index as u32 + 2, sink),
                Err(e) => sink.skip_line(line_of(&e, index as u32 + 2), e.to_string()),
            }
        }
        return Ok("Microsoft SNDS".into());
    }
    Err(format!(
        "The first line is neither the per-day CSV's header (date, lane, sent, …) nor an SNDS row. Expected {}.",
        super::formats::EXPECTED
    ))
}

fn line_of(e: &csv::Error, fallback: u32) -> u32 {
    e.position().map_or(fallback, |p| p.line() as u32)
}

fn template_rows(
    header: &[String],
    records: csv::StringRecordsIter<&[u8]>,
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
    for (index, row) in records.enumerate() {
        let line = index as u32 + 2;
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                sink.skip_line(line_of(&e, line), e.to_string());
                continue;
            }
        };
        let line = row.position().map_or(line, |p| p.line() as u32);
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).unwrap_or("");
        let Some(day) = day_of_iso(cell(Some(date))) else {
            sink.skip_line(
                line,
                format!("“{}” is not a date (YYYY-MM-DD)", cell(Some(date))),
            );
            continue;
        };
        let lane_key = cell(Some(lane));
        if lane_key.is_empty() {
            sink.skip_line(line, "the lane is empty".into());
            continue;
        }
        let mut numbers = [0u64; 8];
        let mut bad = None;
        // The counts' columns, in the template's order.
        for (slot, name) in numbers.iter_mut().zip(&TEMPLATE_COLUMNS[3..11]) {
            let text = cell(column(name)).replace(',', "");
            match text.as_str() {
                "" => {}
                t => match t.parse::<u64>() {
                    Ok(n) => *slot = n,
                    Err(_) => bad = Some(format!("{name} “{t}” is not a whole number")),
                },
            }
        }
        let revenue_text = cell(column("revenue")).replace(',', "");
        let revenue = match revenue_text.parse::<f64>() {
            Ok(r) if r.is_finite() && r >= 0.0 => (r * 100.0).round() as u64,
            _ if revenue_text.is_empty() => 0,
            _ => {
                bad = Some(format!("revenue “{revenue_text}” is not an amount"));
                0
            }
        };
        if let Some(why) = bad {
            sink.skip_line(line, why);
            continue;
        }
        let mailbox = Mailbox::from_name(cell(provider)).unwrap_or(Mailbox::Other);
        sink.record();
        let [sent, delivered, hard_bounces, soft_bounces, complaints, opens, clicks, unsubscribes] =
            numbers;
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
    let mut parts = date.split('/');
    let (m, d, y) = (parts.next()?, parts.next()?, parts.next()?);
    day_of_iso(&format!("{y:0>4}-{m:0>2}-{d:0>2}"))
}

fn snds_row(row: &csv::StringRecord, line: u32, sink: &mut dyn Sink) {
    let cell = |i: usize| row.get(i).unwrap_or("");
    if row.len() < 11 || cell(0).parse::<std::net::Ipv4Addr>().is_err() {
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
    let complaints = if rate.starts_with('<') {
        0
    } else {
        rate.parse::<f64>()
            .map_or(0, |r| (recipients as f64 * r / 100.0).round() as u64)
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
fn postmaster(text: &[u8], sink: &mut dyn Sink) -> Result<String, String> {
    let value: Value = serde_json::from_slice(text)
        .map_err(|e| format!("The Postmaster Tools file is not valid JSON: {e}"))?;
    let domain_of = |name: &str| name.split('/').nth(1).unwrap_or("").to_string();
    if let Some(stats) = value.get("trafficStats").and_then(Value::as_array) {
        for (i, s) in stats.iter().enumerate() {
            let name = s.get("name").and_then(Value::as_str).unwrap_or("");
            let date = name.rsplit('/').next().unwrap_or("");
            // Digits only, so the slices below fall on character boundaries.
            let day = (date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()))
                .then(|| day_of_iso(&format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..])))
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
    for (i, s) in stats.iter().enumerate() {
        let metric = s
            .get("metric")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_ascii_lowercase();
        if !metric.contains("spam") {
            continue;
        }
        let date = s.get("date");
        let part = |k: &str| date.and_then(|d| d.get(k)).and_then(Value::as_u64);
        let day = match (part("year"), part("month"), part("day")) {
            (Some(y), Some(m), Some(d)) => day_of_iso(&format!("{y:04}-{m:02}-{d:02}")),
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
    Ok("Google Postmaster Tools (v2)".into())
}
