//! The master format's lexer: lines joined inside parentheses, comments
//! dropped, and tokens, quoted strings with their escapes read.

use crate::plan::diagnostic::Diagnostic;

#[derive(Clone, Debug)]
pub(super) struct Token {
    pub(super) text: String,
    /// The bytes a quoted string stands for, after escapes.
    pub(super) bytes: Vec<u8>,
    pub(super) quoted: bool,
    /// Where the token starts: its line, and its byte offset in that line.
    pub(super) line: u32,
    pub(super) column: u32,
}

pub(super) struct Entry {
    pub(super) tokens: Vec<Token>,
    /// The entry's first line as written, to quote a value from.
    pub(super) text: String,
    pub(super) starts_with_blank: bool,
}

/// The most lines of pasted records read. The records of a brand's mail
/// domains take a few dozen; every record is checked again on each edit,
/// so a whole zone of thousands would keep the page busy for seconds.
const MAX_LINES: u32 = 1_000;

/// Splits the text into entries, joining lines inside parentheses; lines
/// past `MAX_LINES` are left out, with a finding that says so.
pub(super) fn logical_lines(text: &str, findings: &mut Vec<Diagnostic>) -> Vec<(u32, Entry)> {
    let mut entries = Vec::new();
    let mut current: Option<(u32, Entry)> = None;
    let mut depth = 0u32;
    let mut lines = text.lines().enumerate();
    for (index, line) in lines.by_ref().take(MAX_LINES as usize) {
        let number = index as u32 + 1;
        let (tokens, opened, closed) = match tokenize(line, number) {
            Ok(t) => t,
            Err((column, why)) => {
                findings.push(
                    Diagnostic::error("zone.syntax", format!("line {number}"), why)
                        .hint("Close the quoted string on the same line.")
                        .at_column(column),
                );
                continue;
            }
        };
        if depth == 0 {
            if tokens.is_empty() {
                continue;
            }
            let blank = line.starts_with([' ', '\t']);
            current = Some((
                number,
                Entry {
                    tokens,
                    text: line.to_string(),
                    starts_with_blank: blank,
                },
            ));
        } else if let Some((_, entry)) = current.as_mut() {
            entry.tokens.extend(tokens);
        }
        depth = (depth + opened).saturating_sub(closed);
        if depth == 0 {
            entries.extend(current.take());
        }
    }
    if let Some(open) = current.take() {
        findings.push(
            Diagnostic::error(
                "zone.syntax",
                format!("line {}", open.0),
                "A parenthesis is never closed.",
            )
            .hint("Add the closing “)”."),
        );
        entries.push(open);
    }
    let past = lines.count() as u64;
    if past > 0 {
        findings.push(too_many_lines(past));
    }
    entries
}

/// That the lines past `MAX_LINES` are left out, and what to paste instead.
fn too_many_lines(past: u64) -> Diagnostic {
    let first = MAX_LINES + 1;
    Diagnostic::warning(
        "zone.too_long",
        format!("line {first}"),
        format!(
            "Only the first {} lines are read: the {} after them {} left out.",
            crate::units::group(u64::from(MAX_LINES)),
            crate::units::count(past, "line", "lines"),
            if past == 1 { "is" } else { "are" }
        ),
    )
    .hint("Paste only the records of the domains the lanes send from and of the primary domain, not a whole zone.")
}

/// Tokens of one line, and how many parentheses it opens and closes.
pub(super) fn tokenize(line: &str, number: u32) -> Result<(Vec<Token>, u32, u32), (u32, String)> {
    let bytes = line.as_bytes();
    let (mut tokens, mut opened, mut closed) = (Vec::new(), 0, 0);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\r' => i += 1,
            b';' => break,
            b'(' => {
                opened += 1;
                i += 1;
            }
            b')' => {
                closed += 1;
                i += 1;
            }
            b'"' => {
                let start = i;
                let (out, end) = quoted(bytes, i)?;
                i = end;
                tokens.push(Token {
                    text: String::from_utf8_lossy(&out).into_owned(),
                    bytes: out,
                    quoted: true,
                    line: number,
                    column: start as u32,
                });
            }
            _ => {
                let start = i;
                while i < bytes.len() && !b" \t\r;()\"".contains(&bytes[i]) {
                    i += 1;
                }
                let text = line[start..i].to_string();
                tokens.push(Token {
                    bytes: text.clone().into_bytes(),
                    text,
                    quoted: false,
                    line: number,
                    column: start as u32,
                });
            }
        }
    }
    Ok((tokens, opened, closed))
}

/// The bytes of the quoted string that starts at `start`, and the offset
/// after its closing quote.
pub(super) fn quoted(bytes: &[u8], start: usize) -> Result<(Vec<u8>, usize), (u32, String)> {
    let mut out = Vec::new();
    let mut i = start + 1;
    loop {
        match bytes.get(i) {
            None => return Err((start as u32, "a quoted string is not closed".into())),
            Some(b'"') => return Ok((out, i + 1)),
            Some(b'\\') => {
                let digits = &bytes[i + 1..(i + 4).min(bytes.len())];
                if digits.len() == 3 && digits.iter().all(u8::is_ascii_digit) {
                    let value = digits
                        .iter()
                        .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
                    out.push(
                        u8::try_from(value)
                            .map_err(|_| (i as u32, "\\DDD escapes go up to \\255".to_string()))?,
                    );
                    i += 4;
                } else if let Some(&next) = bytes.get(i + 1) {
                    out.push(next);
                    i += 2;
                } else {
                    return Err((i as u32, "a backslash ends the line".into()));
                }
            }
            Some(&b) => {
                out.push(b);
                i += 1;
            }
        }
    }
}
