//! The report written out as Markdown.

use super::{Block, Report};
use crate::markdown::escape;

/// The report as Markdown (CommonMark with pipe tables).
pub fn to_markdown(report: &Report) -> String {
    let mut out = format!("# {}\n", escape(&report.title));
    for block in &report.blocks {
        out.push('\n');
        match block {
            Block::Heading(level, text) => {
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                out.push_str(&escape(text));
                out.push('\n');
            }
            Block::Paragraph(text) => {
                out.push_str(&escape(text));
                out.push('\n');
            }
            Block::List(items) => {
                for item in items {
                    out.push_str("- ");
                    out.push_str(&escape(item));
                    out.push('\n');
                }
            }
            Block::Table { head, rows } => {
                let line = |cells: &[String]| {
                    let cells: Vec<String> = cells.iter().map(|c| escape(c)).collect();
                    format!("| {} |\n", cells.join(" | "))
                };
                out.push_str(&line(head));
                out.push_str(&format!("|{}\n", " --- |".repeat(head.len())));
                if rows.is_empty() {
                    let mut empty = vec!["None".to_string()];
                    empty.resize(head.len(), String::new());
                    out.push_str(&line(&empty));
                }
                for row in rows {
                    out.push_str(&line(row));
                }
            }
        }
    }
    out
}
