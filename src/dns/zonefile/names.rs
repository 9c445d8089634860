//! Names in a zone file: made absolute against the origin, and checked
//! as domain names (labels of 1 to 63 octets, 253 characters in all).

use super::lex::Token;
use super::{NameResult, Origin, Problem, MAX_LABEL, MAX_NAME};
use crate::dns::canonical_name;

/// An MX exchange: a domain name, or the root alone for a null MX (RFC
/// 7505), which says the domain takes no mail and is kept as an empty name.
pub(super) fn exchange_name(token: &Token, origin: &Origin) -> NameResult {
    match token.text == "." && !token.quoted {
        true => Ok(String::new()),
        false => domain(token, origin),
    }
}

/// The domain a written name stands for: `@` is the origin, and a name
/// without a final dot is completed with it.
pub(super) fn domain(token: &Token, origin: &Origin) -> NameResult {
    let text = token.text.as_str();
    let origin = match origin {
        Origin::Name(origin) => origin.as_str(),
        Origin::Invalid if text.ends_with('.') => "",
        Origin::Invalid => return Err(None),
    };
    if token.quoted {
        let why = format!("“{text}” is quoted, and a domain name is not");
        return Err(Some(Problem::at(token, 0, why, "Remove the quotes.")));
    }
    if text == "@" {
        return match origin {
            "" => Err(Some(Problem::at(
                token,
                0,
                "@ stands for the origin, and there is none here".into(),
                "Add “$ORIGIN brand.com.” above, or write the name in full with a final dot.",
            ))),
            origin => Ok(origin.to_string()),
        };
    }
    check_written(text)
        .map_err(|(offset, why, hint)| Some(Problem::at(token, offset, why, hint)))?;
    let relative = !text.ends_with('.') && !origin.is_empty();
    let name = match relative {
        true => canonical_name(&format!("{text}.{origin}")),
        false => canonical_name(text),
    };
    if name.len() > MAX_NAME {
        let why = format!(
            "{} is {} characters long, and a domain name has at most {MAX_NAME}",
            if relative {
                "with the origin, the name"
            } else {
                "the name"
            },
            name.len()
        );
        let hint = match relative {
            true => "End the name with a dot if it is already complete, or shorten it.",
            false => "Shorten the name.",
        };
        return Err(Some(Problem::at(token, 0, why, hint)));
    }
    Ok(name)
}

/// Checks a name as written: printable ASCII without the characters the
/// format reserves, labels of 1 to 63 characters. On failure, the byte
/// offset, why and a hint.
pub(super) fn check_written(text: &str) -> Result<(), (usize, String, String)> {
    if text.is_empty() || text == "." {
        let hint = "Write the full domain name, such as “brand.com.”.".to_string();
        return Err((
            0,
            "the root is not a name records are planned at".into(),
            hint,
        ));
    }
    if let Some(at) = text.bytes().enumerate().position(|(i, b)| {
        !(0x21..=0x7e).contains(&b) || b"\"();\\@".contains(&b) || (i == 0 && b == b'$')
    }) {
        let c = text[at..].chars().next().unwrap_or(' ');
        let hint = match c.is_ascii() {
            true => "Use letters, digits, hyphens, underscores and dots.",
            false => "Write an internationalised name in its xn-- (Punycode) form.",
        };
        return Err((
            at,
            format!("“{}” cannot appear in a domain name", c.escape_default()),
            hint.into(),
        ));
    }
    let body = text.strip_suffix('.').unwrap_or(text);
    let mut offset = 0;
    for label in body.split('.') {
        if label.is_empty() {
            return Err(empty_label(text, offset));
        }
        if label.len() > MAX_LABEL {
            let why = format!(
                "the label “{}…” is {} characters long, and a label has at most {MAX_LABEL}",
                &label[..12],
                label.len()
            );
            return Err((offset, why, "Shorten the label.".into()));
        }
        offset += label.len() + 1;
    }
    Ok(())
}

/// An empty label: a leading dot or two dots in a row, with the name
/// without them as the fix.
pub(super) fn empty_label(text: &str, offset: usize) -> (usize, String, String) {
    let labels: Vec<&str> = text.split('.').filter(|l| !l.is_empty()).collect();
    let fixed = format!(
        "{}{}",
        labels.join("."),
        if text.ends_with('.') { "." } else { "" }
    );
    let why = match offset {
        0 => "it starts with a dot".to_string(),
        _ => "it has two dots in a row, an empty label".to_string(),
    };
    let hint = match labels.is_empty() {
        true => "Write the full domain name, such as “brand.com.”.".to_string(),
        false => format!("Remove the extra dot: “{fixed}”."),
    };
    (offset, why, hint)
}
