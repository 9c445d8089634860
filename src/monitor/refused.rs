//! Why a delivery file was not imported. The worker sends the kind and
//! the page words it, so the worker's bundle carries none of the text.

use serde::{Deserialize, Serialize, Serializer};

use super::formats::EXPECTED;

/// Why a file gave no counts. Sent by name (`Refused::name`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refused {
    /// Nothing but white space.
    Empty,
    /// An array opened and never closed, before any record.
    EndsEarly,
    /// A complete JSON array with no record in it.
    NoRecords,
    /// UTF-16 text: a byte order mark, or a NUL beside each ASCII letter.
    Utf16,
    /// Gzip or zip.
    Compressed,
    /// A DMARC aggregate report: XML with a `feedback` root. A packed one
    /// is `Compressed`, which the page tells by its name.
    Dmarc,
    /// Text no CSV reader takes.
    NotCsvOrJson,
    /// Records, none of them of a format Switchyard reads.
    Unknown,
    /// A first line that is neither the per-day CSV's header nor an SNDS
    /// row.
    NotTemplate,
    /// The per-day CSV's header, its columns separated by tabs.
    Tabs,
    /// The per-day CSV's header, its columns separated by vertical bars.
    Bars,
    /// The browser could not read the file.
    Unreadable,
    /// A Postmaster Tools v2 answer none of whose metrics' labels name a
    /// spam rate: v2 labels each metric as the query named it.
    NoSpamMetric,
    /// Anything else, in words, which the worker sends as the line's
    /// text, not as a kind.
    Said(String),
}

impl From<String> for Refused {
    fn from(why: String) -> Refused {
        Refused::Said(why)
    }
}

/// A kind is written as its name from a table, which keeps the worker's
/// writer small; the derived reader reads it back.
impl Serialize for Refused {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl Refused {
    /// The kind's name, as serde's derived reader names it.
    fn name(&self) -> &'static str {
        match self {
            Refused::Empty => "empty",
            Refused::EndsEarly => "ends_early",
            Refused::NoRecords => "no_records",
            Refused::Utf16 => "utf16",
            Refused::Compressed => "compressed",
            Refused::Dmarc => "dmarc",
            Refused::NotCsvOrJson => "not_csv_or_json",
            Refused::Unknown => "unknown",
            Refused::NotTemplate => "not_template",
            Refused::Tabs => "tabs",
            Refused::Bars => "bars",
            Refused::Unreadable => "unreadable",
            Refused::NoSpamMetric => "no_spam_metric",
            Refused::Said(_) => "said",
        }
    }

    /// Why the file named `name` was not imported, and what to do.
    pub fn words(&self, name: &str) -> String {
        let separated = |what: &str| {
            format!("The first line is the per-day CSV's header with its columns separated by {what}. Save the file as comma-separated CSV (in Excel, “CSV UTF-8 (Comma delimited)”) and import it again.")
        };
        match self {
            Refused::Empty => "The file is empty.".into(),
            Refused::EndsEarly => {
                "Nothing could be read: the file ends before its first record.".into()
            }
            Refused::NoRecords => "The file holds no records: it is an empty JSON array ([]) or an empty page of Mailgun events. Export again over dates that had mail, and import that file.".into(),
            Refused::Utf16 => "The file is UTF-16 text, from its first bytes; Switchyard reads UTF-8. Save it as UTF-8 (in Excel, “CSV UTF-8 (Comma delimited)”; in a text editor, the UTF-8 encoding) and import it again.".into(),
            Refused::Compressed => match packed_kind(name) {
                Packed::Dmarc => "It looks like a packed DMARC aggregate report, not delivery data: import it as it is on the DMARC reports tab, which unpacks it.".into(),
                Packed::Delivery => "The file is compressed. Unpack it (open it, or run gunzip or unzip on it) and import the file inside.".into(),
                Packed::Unknown => "The file is compressed. Unpack it (open it, or run gunzip or unzip on it) and import the file inside; a packed DMARC aggregate report goes as it is to the DMARC reports tab.".into(),
            },
            Refused::Dmarc => "It is a DMARC aggregate report, not delivery data: import it on the DMARC reports tab.".into(),
            Refused::NotCsvOrJson => format!("The file is not CSV or JSON. Expected {EXPECTED}."),
            Refused::Unknown => {
                format!("{name} is not a format Switchyard reads. Expected {EXPECTED}.")
            }
            Refused::NotTemplate => format!("The first line is neither the per-day CSV's header (date, lane, sent, …) nor an SNDS row. Expected {EXPECTED}."),
            Refused::Tabs => separated("tabs"),
            Refused::Bars => separated("vertical bars"),
            Refused::Unreadable => "The browser could not read the file. Check that it is still where it was picked from, and import it again.".into(),
            Refused::NoSpamMetric => "The Postmaster Tools file has no metric labelled as a spam rate. Query SPAM_RATE with a label that holds “spam”, such as spam_rate, and import the answer.".into(),
            Refused::Said(why) => why.clone(),
        }
    }
}

/// What a packed file's name says it holds.
enum Packed {
    /// A DMARC aggregate report: RFC 7489 names it
    /// `receiver!domain!begin!end`, and it is XML inside.
    Dmarc,
    /// Delivery data: JSON, CSV or text inside.
    Delivery,
    Unknown,
}

/// Only the name is read, which keeps the monitoring worker from looking
/// inside.
fn packed_kind(name: &str) -> Packed {
    let name = name.to_ascii_lowercase();
    let stem = name.trim_end_matches(".gz").trim_end_matches(".zip");
    if stem.ends_with(".xml") || stem.matches('!').count() >= 2 {
        Packed::Dmarc
    } else if [".json", ".ndjson", ".jsonl", ".csv", ".txt"]
        .iter()
        .any(|e| stem.ends_with(e))
    {
        Packed::Delivery
    } else {
        Packed::Unknown
    }
}
