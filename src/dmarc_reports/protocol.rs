//! What the page and the DMARC report worker say to each other, as JSON
//! text. The files of an import travel beside the `Import` message; the
//! worker answers with each file's reports or why it refused the file. The
//! page keeps the rows (a `Store` per plan, in local storage).

use serde::{Deserialize, Serialize};

use super::{ReadError, Report};

/// From the page to the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToReportWorker {
    /// Reads the files sent beside this message.
    Import { id: u32 },
}

/// From the worker to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FromReportWorker {
    /// The worker listens; messages sent before this wait in the page.
    Ready,
    /// Files read so far of an import, and the one being read.
    Progress {
        id: u32,
        done: u32,
        total: u32,
        file: String,
    },
    /// Every file of import `id`, read or refused; one bad file never
    /// stops the others.
    Imported { id: u32, files: Vec<FileOutcome> },
    /// A message the worker could not act on.
    Failed { id: Option<u32>, why: String },
}

/// One file of an import: its reports, or why it was refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileOutcome {
    pub file: String,
    pub outcome: Result<Vec<Report>, ReadError>,
}

impl ToReportWorker {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<ToReportWorker, String> {
        serde_json::from_str(text).map_err(|e| format!("it could not read a message ({e})"))
    }
}

impl FromReportWorker {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<FromReportWorker, String> {
        serde_json::from_str(text)
            .map_err(|e| format!("it sent an answer that could not be read ({e})"))
    }
}
