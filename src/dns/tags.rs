//! Tag lists (RFC 6376 §3.2): the `tag=value; tag=value` syntax that DKIM
//! key records and DMARC records share.

use crate::plan::diagnostic::Diagnostic;

/// One `tag=value`, trimmed, with its byte offset in the record.
pub struct Tag<'a> {
    pub name: String,
    pub value: &'a str,
    pub column: u32,
    /// The tag is the first thing in the record.
    pub first: bool,
}

/// What to call problems, so each record type keeps its own finding codes.
pub struct TagCodes {
    pub syntax: &'static str,
    pub duplicate: &'static str,
    /// A well-formed record, quoted in the syntax hint.
    pub example: &'static str,
    pub duplicate_hint: &'static str,
}

/// Splits a record into tags, reporting parts that are not `tag=value` and
/// tags that repeat (the later copy is dropped). DMARC tag names are not
/// case-sensitive (`fold_case`); DKIM's are.
pub fn tag_list<'a>(
    text: &'a str,
    at: &str,
    codes: &TagCodes,
    fold_case: bool,
    findings: &mut Vec<Diagnostic>,
) -> Vec<Tag<'a>> {
    let mut tags: Vec<Tag<'a>> = Vec::new();
    let mut offset = 0u32;
    for (index, part) in text.split(';').enumerate() {
        let column = offset + (part.len() - part.trim_start().len()) as u32;
        offset += part.len() as u32 + 1;
        let trimmed = part.trim();
        if trimmed.is_empty() {
            continue;
        }
        let Some((name, value)) = trimmed.split_once('=') else {
            findings.push(
                Diagnostic::error(
                    codes.syntax,
                    at,
                    format!("“{trimmed}” is not a tag=value pair."),
                )
                .hint(format!(
                    "Separate tags with semicolons, such as “{}”.",
                    codes.example
                ))
                .at_column(column),
            );
            continue;
        };
        let name = if fold_case {
            name.trim().to_ascii_lowercase()
        } else {
            name.trim().to_string()
        };
        if tags.iter().any(|t| t.name == name) {
            findings.push(
                Diagnostic::error(
                    codes.duplicate,
                    at,
                    format!("The tag “{name}” appears twice."),
                )
                .hint(codes.duplicate_hint)
                .at_column(column),
            );
            continue;
        }
        tags.push(Tag {
            name,
            value: value.trim(),
            column,
            first: index == 0,
        });
    }
    tags
}
