//! SPF macros (RFC 7208 §7): parsing macro-strings and expanding them.

use std::net::IpAddr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MacroItem {
    Literal(String),
    Macro {
        letter: char,
        /// An upper-case letter asks for URL escaping of the value.
        escape: bool,
        /// Keep only the rightmost `keep` parts.
        keep: Option<u32>,
        reverse: bool,
        delimiters: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct MacroString {
    pub items: Vec<MacroItem>,
}

impl MacroString {
    /// The literal text after the last macro, or all of it without macros;
    /// `None` when the string ends with a macro.
    pub fn literal_tail(&self) -> Option<&str> {
        match self.items.last() {
            Some(MacroItem::Literal(text)) => Some(text),
            Some(MacroItem::Macro { .. }) => None,
            None => Some(""),
        }
    }

    pub fn ends_after_macro(&self) -> bool {
        self.items.len() > 1
    }
}

/// Parses a macro-string. `c`, `r` and `t` are allowed only in explanation
/// text (`in_explanation`).
pub fn parse_macro_string(text: &str, in_explanation: bool) -> Result<MacroString, String> {
    let mut items = Vec::new();
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            if !in_explanation && !('\u{21}'..='\u{7e}').contains(&c) {
                return Err(format!("“{c}” is not allowed in a domain"));
            }
            literal.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => literal.push('%'),
            Some('_') => literal.push(' '),
            Some('-') => literal.push_str("%20"),
            Some('{') => {
                let mut body = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => body.push(c),
                        None => return Err("a macro is missing its closing “}”".into()),
                    }
                }
                if !literal.is_empty() {
                    items.push(MacroItem::Literal(std::mem::take(&mut literal)));
                }
                items.push(parse_macro(&body, in_explanation)?);
            }
            Some(other) => {
                return Err(format!(
                    "“%{other}” is not a macro; write “%%” for a percent sign"
                ))
            }
            None => return Err("a lone “%” ends the text; write “%%” for a percent sign".into()),
        }
    }
    if !literal.is_empty() {
        items.push(MacroItem::Literal(literal));
    }
    Ok(MacroString { items })
}

fn parse_macro(body: &str, in_explanation: bool) -> Result<MacroItem, String> {
    let mut chars = body.chars();
    let letter = chars.next().ok_or("an empty macro “%{}”")?;
    let lower = letter.to_ascii_lowercase();
    let allowed = "slodiphv".contains(lower) || (in_explanation && "crt".contains(lower));
    if !letter.is_ascii_alphabetic() || !allowed {
        return Err(if "crt".contains(lower) {
            format!("the macro “%{{{letter}}}” is allowed only in explanation text")
        } else {
            format!("“%{{{letter}…}}” is not a macro letter")
        });
    }
    let rest: String = chars.collect();
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let mut tail = &rest[digits.len()..];
    let keep = if digits.is_empty() {
        None
    } else {
        match digits.parse::<u32>() {
            Ok(0) | Err(_) => {
                return Err(format!("“{digits}” keeps no parts; use a number from 1"))
            }
            Ok(n) => Some(n),
        }
    };
    let reverse = tail.starts_with(['r', 'R']);
    if reverse {
        tail = &tail[1..];
    }
    if let Some(bad) = tail.chars().find(|c| !".-+,/_=".contains(*c)) {
        return Err(format!("“{bad}” is not a macro delimiter"));
    }
    Ok(MacroItem::Macro {
        letter: lower,
        escape: letter.is_ascii_uppercase(),
        keep,
        reverse,
        delimiters: tail.to_string(),
    })
}

/// The values macros expand to. `p` is computed by the caller on demand.
pub struct MacroValues<'a> {
    pub sender: &'a str,
    pub local_part: &'a str,
    pub sender_domain: &'a str,
    pub domain: &'a str,
    pub ip: IpAddr,
    pub helo: &'a str,
    pub receiver: &'a str,
    /// Seconds since 1970, for `%{t}`; an argument, never the clock.
    pub timestamp: u64,
}

/// Expands a macro-string; `validated_ptr` is called only if `%{p}` appears.
pub fn expand(
    spec: &MacroString,
    values: &MacroValues<'_>,
    validated_ptr: &mut dyn FnMut() -> String,
) -> String {
    let mut out = String::new();
    for item in &spec.items {
        match item {
            MacroItem::Literal(text) => out.push_str(text),
            MacroItem::Macro {
                letter,
                escape,
                keep,
                reverse,
                delimiters,
            } => {
                let value = match letter {
                    's' => values.sender.to_string(),
                    'l' => values.local_part.to_string(),
                    'o' => values.sender_domain.to_string(),
                    'd' => values.domain.to_string(),
                    'i' => dotted_ip(values.ip),
                    'p' => validated_ptr(),
                    'v' => if values.ip.is_ipv4() {
                        "in-addr"
                    } else {
                        "ip6"
                    }
                    .to_string(),
                    'h' => values.helo.to_string(),
                    'c' => values.ip.to_string(),
                    'r' => values.receiver.to_string(),
                    _ => values.timestamp.to_string(),
                };
                let transformed = transform(&value, *keep, *reverse, delimiters);
                if *escape {
                    out.push_str(&url_escape(&transformed));
                } else {
                    out.push_str(&transformed);
                }
            }
        }
    }
    out
}

/// Splits on the delimiters, reverses if asked, keeps the rightmost parts
/// and joins with dots (§7.3).
fn transform(value: &str, keep: Option<u32>, reverse: bool, delimiters: &str) -> String {
    if keep.is_none() && !reverse && delimiters.is_empty() {
        return value.to_string();
    }
    let delimiters = if delimiters.is_empty() {
        "."
    } else {
        delimiters
    };
    let mut parts: Vec<&str> = value.split(|c| delimiters.contains(c)).collect();
    if reverse {
        parts.reverse();
    }
    if let Some(n) = keep {
        let n = n as usize;
        if n < parts.len() {
            parts.drain(..parts.len() - n);
        }
    }
    parts.join(".")
}

/// The `i` macro: dotted quad, or 32 dot-separated nibbles for IPv6, upper
/// case as in the examples of RFC 7208 §7.4.
pub fn dotted_ip(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => v6
            .octets()
            .iter()
            .flat_map(|b| [b >> 4, b & 0xf])
            .map(|n| format!("{n:X}"))
            .collect::<Vec<_>>()
            .join("."),
    }
}

fn url_escape(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
