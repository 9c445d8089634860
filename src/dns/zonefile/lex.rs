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

/// Splits the text into entries, joining lines inside parentheses.
pub(super) fn logical_lines(text: &str, findings: &mut Vec<Diagnostic>) -> Vec<(u32, Entry)> {
    let mut entries = Vec::new();
    let mut current: Option<(u32, Entry)> = None;
    let mut depth = 0u32;
    for (index, line) in text.lines().enumerate() {
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
    entries
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
