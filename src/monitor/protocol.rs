//! What the page and the monitoring worker say to each other.
//!
//! Every message is a `ToWorker` or a `FromWorker`, sent as JSON text. The
//! files of an import travel beside their `Import` message, since a
//! browser's `File` is not data that serde can carry. The worker holds the
//! parsers and the ids of the events it has counted; the page holds the
//! counts (a `Store` per plan, kept in local storage), adds what each
//! import returns and derives lane health from them. The counts only ever
//! travel from the worker, which keeps the reader of a whole `Store` out
//! of the worker's bundle.

use serde::{Deserialize, Serialize};

use super::import::{Earlier, Seen};
use super::refused::Refused;
use super::{Recount, Source, Store};
use crate::units::{and_list, count};

/// From the page to the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToWorker {
    /// The plan on screen: the events counted for another plan are no
    /// longer duplicates. Sent when the worker starts and when the plan
    /// changes.
    Load { plan_id: String },
    /// Reads the files sent beside this message. The page cancels an
    /// import by ending the worker and starting another, which stops it at
    /// once wherever it is and changes nothing.
    Import { id: u32 },
    /// An imported file was removed: the kept files are counted as if it
    /// had never been imported.
    Forget { fingerprint: String },
}

/// From the worker to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker listens; the page holds its messages until then, since
    /// a worker still loading drops what it is sent.
    Ready,
    Progress(Progress),
    /// An import is read: the counts of each file read, for the plan that
    /// was loaded when it began; a line per file; the worker's memory in
    /// bytes, which only grows, so it is the import's peak; and the kept
    /// files counted again, whose events these files' sends gave a pool
    /// or which count what a file imported again had counted first.
    Imported {
        id: u32,
        plan_id: String,
        sources: Vec<Source>,
        report: Vec<ReportLine>,
        memory_bytes: u64,
        recounted: Vec<Recount>,
    },
    /// A file is forgotten: the kept files counted again without it, for
    /// the plan loaded.
    Recounted {
        plan_id: String,
        recounted: Vec<Recount>,
    },
    /// A message the worker could not act on; `id` names the import it
    /// concerned, if any.
    Failed {
        id: Option<u32>,
        why: String,
    },
}

/// How far an import has read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub id: u32,
    /// Bytes read of all the import's files, and bytes in all.
    pub done: f64,
    pub total: f64,
    /// The file being read.
    pub file: String,
}

/// One line of an import's report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportLine {
    pub error: bool,
    /// Read, but with a problem to fix before it counts: the page words
    /// it, so it never travels from the worker.
    #[serde(skip)]
    pub warning: bool,
    pub text: String,
    /// The fingerprint of the file imported, which the page adds to.
    #[serde(default)]
    pub file: Option<String>,
    /// Why a file was not imported, which the page words (`worded`); till
    /// then `text` is the file's name.
    #[serde(default)]
    pub refused: Option<Refused>,
    /// What a file read replaced of the files before it, which the page
    /// words with the file's counts; till then `text` is empty.
    #[serde(default)]
    pub earlier: Option<Earlier>,
}

impl ReportLine {
    /// A file read: its format, records, and what was left out. A file
    /// that gave no records is marked as a failure, not a success.
    pub fn imported(source: &Source) -> ReportLine {
        let empty = source.records == 0;
        // Records read, but none an event that counts (only opens of
        // other channels, say), and none a duplicate of one that did.
        let counted_nothing = source.records > source.skipped
            && source.rows.is_empty()
            && source.postmaster.is_empty()
            && source.without_key == 0
            && source.duplicates == 0;
        // Events counted, none of them on a lane key: no lane can get them.
        let no_lane = !empty
            && source.rows.is_empty()
            && source.postmaster.is_empty()
            && source.without_key > 0;
        let mut text = format!(
            "{} {}: {}, {}",
            if empty || counted_nothing {
                "✗"
            } else if no_lane {
                "⚠"
            } else {
                "✓"
            },
            source.name,
            source.format,
            if empty {
                "nothing imported".to_string()
            } else {
                count(source.records, "record", "records")
            }
        );
        if source.skipped > 0 {
            text.push_str(&format!(
                ", {} skipped (see Imported files)",
                count(source.skipped, "line", "lines")
            ));
        }
        if source.duplicates > 0 {
            text.push_str(&format!(
                ", {} dropped",
                count(source.duplicates, "duplicate", "duplicates")
            ));
        }
        text.push('.');
        if source.gave_nothing() {
            text.push_str(
                " The file holds no events or rows; check that it is the export you meant.",
            );
        } else if counted_nothing {
            text.push_str(" None of its records is an event Switchyard counts: sends, deliveries, bounces, deferrals, complaints, opens, clicks or unsubscribes.");
        } else if no_lane {
            text.push_str(" No event in it names a lane, so none counts for a lane. ");
            text.push_str(lane_fields(&source.format));
        }
        ReportLine {
            error: empty || counted_nothing,
            warning: no_lane,
            text,
            file: Some(source.fingerprint.clone()),
            refused: None,
            earlier: None,
        }
    }

    /// A file read, as `imported` says, and what it replaced of the files
    /// imported before it (`Seen` knows them): an earlier import of the same
    /// content, and per-day CSV days another file gave, whose figures this
    /// file's replace rather than add to.
    pub fn imported_after(source: &Source, seen: &Seen) -> ReportLine {
        ReportLine::read(source, seen).worded(std::slice::from_ref(source))
    }

    /// A file read, as the worker sends it: what it found of the files
    /// before it, which the page words with the file's counts.
    pub fn read(source: &Source, seen: &Seen) -> ReportLine {
        ReportLine {
            error: false,
            warning: false,
            text: String::new(),
            file: Some(source.fingerprint.clone()),
            refused: None,
            earlier: Some(
                seen.earlier(&source.fingerprint)
                    .cloned()
                    .unwrap_or_default(),
            ),
        }
    }

    /// A file that was not imported, and why.
    pub fn failed(name: &str, why: &Refused) -> ReportLine {
        ReportLine::refused(name, why.clone()).worded(&[])
    }

    /// A file that was not imported, as the worker sends it: the page
    /// words why, unless it is in words already.
    pub fn refused(name: &str, why: Refused) -> ReportLine {
        let (text, refused) = match why {
            Refused::Said(why) => (format!("✗ {name}: {why}"), None),
            kind => (name.to_string(), Some(kind)),
        };
        ReportLine {
            error: true,
            warning: false,
            text,
            file: None,
            refused,
            earlier: None,
        }
    }

    /// The line in the page's words, with the `sources` of its import.
    pub fn worded(mut self, sources: &[Source]) -> ReportLine {
        if let Some(why) = self.refused.take() {
            self.text = format!("✗ {}: {}", self.text, why.words(&self.text));
        }
        let file = self.file.as_ref();
        let source = sources.iter().find(|s| Some(&s.fingerprint) == file);
        if let (Some(earlier), Some(source)) = (self.earlier.take(), source) {
            let mut line = ReportLine::imported(source);
            line.text.push_str(&replaced(&source.name, &earlier));
            return line;
        }
        self
    }

    /// An import the user stopped.
    pub fn cancelled() -> ReportLine {
        ReportLine {
            error: false,
            warning: false,
            text: "Import cancelled; nothing was changed.".into(),
            file: None,
            refused: None,
            earlier: None,
        }
    }

    /// The line the file with `fingerprint` leaves in place of the last
    /// import's when it is forgotten from `store`, naming the files whose
    /// dropped duplicates may be its events and now count nowhere
    /// (`Store::dropped_maybe_from`; `held`, the files the worker holds),
    /// to import again.
    pub fn forgot(store: &Store, fingerprint: &str, held: &[String]) -> Option<ReportLine> {
        let gone = (store.sources.iter()).find(|s| s.fingerprint == fingerprint)?;
        let mut text = format!("Forgot {}: its counts left this browser.", gone.name);
        text.push_str(&dropped_sentence(
            &store.dropped_maybe_from(fingerprint, held),
        ));
        Some(ReportLine {
            error: false,
            warning: false,
            text,
            file: None,
            refused: None,
            earlier: None,
        })
    }

    /// Counts the browser refused to keep.
    pub fn not_kept() -> ReportLine {
        ReportLine {
            error: true,
            warning: false,
            text: "✗ The browser's storage is full: the imported counts were not kept.".into(),
            file: None,
            refused: None,
            earlier: None,
        }
    }
}

/// What to include so that a format's events name a lane.
fn lane_fields(format: &str) -> &'static str {
    use super::formats::Format;
    let advice = [
        (Format::SendGrid, "SendGrid names the IP pool only on processed events and the sending IP only on delivered ones: export those events too, or send with a category or a lane custom argument."),
        (Format::Ses, "Send through a configuration set, which SES tags each event with, or tag the mail with lane."),
        (Format::Postmark, "Export the webhooks with their MessageStream field, or set lane in the messages' metadata."),
        (Format::Mailgun { webhook: false }, "Export the events with their tags or envelope (its sending-ip), or set a lane user variable."),
        (Format::SparkPost { webhook: false }, "Export the events with ip_pool or sending_ip, or set lane in the recipient metadata."),
        (Format::KumoMta, "Log each record's egress_pool or egress_source, or set lane in its metadata."),
        (Format::CustomerIo, "Export the webhooks with their data's campaign, broadcast, newsletter or transactional message id."),
    ];
    (advice.into_iter())
        .find(|(f, _)| f.label() == format)
        .map_or(
            "Export the field your vendor names the lane in too.",
            |(_, a)| a,
        )
}

/// What forgetting a file leaves uncounted of `files`, those whose dropped
/// duplicates may be its events (`Store::dropped_maybe_from`).
pub fn dropped_sentence(files: &[&Source]) -> String {
    let those = match files {
        [] => return String::new(),
        [_] => "that file is",
        _ => "those files are",
    };
    let names: Vec<String> = files.iter().map(|s| s.name.clone()).collect();
    format!(
        " {} dropped duplicates that may be its events; without it, they count nowhere until {those} imported again.",
        and_list(&names)
    )
}

/// What a report line adds for what its file replaced of earlier ones.
pub fn replaced(name_now: &str, earlier: &Earlier) -> String {
    let mut text = String::new();
    match &earlier.same_content {
        Some(name) if name == name_now => text.push_str(&format!(
            " {name} was imported before; this import replaced that one, so nothing is counted twice."
        )),
        Some(name) => text.push_str(&format!(
            " It has the same content as {name}, imported before, and replaced it under Imported files, so nothing is counted twice."
        )),
        None => {}
    }
    let parts: Vec<String> = earlier
        .replaced_days
        .iter()
        .map(|(name, days)| {
            format!(
                "{} already imported from {name}",
                count(*days, "row", "rows")
            )
        })
        .collect();
    if !parts.is_empty() {
        let one = matches!(earlier.replaced_days.as_slice(), [(_, 1)]);
        text.push_str(&format!(
            " {} {} replaced by this file's figures for the same day, lane and provider.",
            and_list(&parts),
            if one { "was" } else { "were" }
        ));
    }
    text
}

impl ToWorker {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<ToWorker, String> {
        serde_json::from_str(text).map_err(|e| format!("it could not read a message ({e})"))
    }
}

impl FromWorker {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<FromWorker, String> {
        serde_json::from_str(text)
            .map_err(|e| format!("it sent an answer that could not be read ({e})"))
    }
}
