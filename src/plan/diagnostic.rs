//! Findings about a plan or an imported file, each with a place and a fix.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::edit::Edit;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
            Severity::Info => "Note",
        }
    }
}

/// One finding. `path` is a JSON path into the plan file (`$.lanes[0].name`),
/// so that the same text locates the problem in the app and in the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Short stable identifier, such as `lane.from_outside_domain`; owned
    /// only when read back from JSON.
    pub code: Cow<'static, str>,
    pub path: String,
    pub message: String,
    pub hint: String,
    /// Byte offset within a DNS record's text, for findings about records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// A one-click fix, where one is obvious.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    /// `path` in the words the pages use, naming lanes and journeys as
    /// the plan does (`path_words::name_places`); empty until named.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
}

/// A fix as the edits that make it, applied in order as one undo step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fix {
    /// What the button says, such as "Move Cart recovery to Revenue flows".
    pub label: String,
    pub edits: Vec<Edit>,
}

impl Diagnostic {
    pub fn error(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, path.into(), message.into())
    }

    pub fn warning(
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, path.into(), message.into())
    }

    pub fn info(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code, path.into(), message.into())
    }

    fn new(severity: Severity, code: &'static str, path: String, message: String) -> Self {
        Diagnostic {
            severity,
            code: Cow::Borrowed(code),
            path,
            message,
            hint: String::new(),
            column: None,
            fix: None,
            place: String::new(),
        }
    }

    /// Places the finding at a byte offset of the record text.
    pub fn at_column(mut self, column: u32) -> Self {
        self.column = Some(column);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }

    /// Offers a fix made of edits (see `Fix`).
    pub fn fix(mut self, label: impl Into<String>, edits: Vec<Edit>) -> Self {
        self.fix = Some(Fix {
            label: label.into(),
            edits,
        });
        self
    }

    /// The same with a fix already made, for fixes that several findings
    /// share or whose label depends on their edits.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// The location of a finding about a lane's DNS checks as a whole, such as
/// its alignment: `lane:<id>`, which no JSON path or record name can be.
pub fn lane_checks(lane_id: &str) -> String {
    format!("lane:{lane_id}")
}

/// The lane whose DNS checks a location names, if it names one.
pub fn lane_of_checks(path: &str) -> Option<&str> {
    path.strip_prefix("lane:")
}

/// Where a JSON path points in the plan, for links from a finding to its form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Brand,
    Lane(u32),
    Journey(u32),
    Rule(u32),
    Plan,
}

/// Reads the first segment of a JSON path such as `$.lanes[2].smtp.port`.
pub fn target_of(path: &str) -> Target {
    let rest = path.strip_prefix("$.").unwrap_or(path);
    let index = |prefix: &str| -> Option<u32> {
        let tail = rest.strip_prefix(prefix)?.strip_prefix('[')?;
        tail.split(']').next()?.parse().ok()
    };
    if let Some(i) = index("lanes") {
        Target::Lane(i)
    } else if let Some(i) = index("journeys") {
        Target::Journey(i)
    } else if let Some(i) = index("rules") {
        Target::Rule(i)
    } else if rest.starts_with("brand") {
        Target::Brand
    } else {
        Target::Plan
    }
}
