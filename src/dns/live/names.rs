//! Which names may be sent to a resolver. A name is checked before any
//! query is made, so a placeholder such as `<token1>._domainkey.brand.com`,
//! a typo or text that would change the query string never leaves the
//! browser.

/// Most characters in a name (RFC 1035 §2.3.4, without the final dot).
const MAX_NAME: usize = 253;
/// Most characters in one label.
const MAX_LABEL: usize = 63;

/// `Ok` for a name in canonical form (lower case, no final dot) made of at
/// least two labels of 1 to 63 letters, digits, hyphens or underscores,
/// with a top label that is not all digits; otherwise why not.
pub fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("the name is empty".into());
    }
    if name.len() > MAX_NAME {
        return Err(format!("the name is longer than {MAX_NAME} characters"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')))
    {
        return Err(match c {
            '<' | '>' => "the name still holds a placeholder to fill in".to_string(),
            c if c.is_ascii_uppercase() => "the name is not in lower case".to_string(),
            c => format!("the name holds “{c}”, which DNS names do not"),
        });
    }
    let labels: Vec<&str> = name.split('.').collect();
    if labels.len() < 2 {
        return Err("a single label is not a domain name".into());
    }
    if labels.iter().any(|l| l.is_empty()) {
        return Err("the name has an empty label".into());
    }
    if labels.iter().any(|l| l.len() > MAX_LABEL) {
        return Err(format!("a label is longer than {MAX_LABEL} characters"));
    }
    let top = labels[labels.len() - 1];
    if top.bytes().all(|b| b.is_ascii_digit()) {
        return Err("the top label is all digits, so this is not a domain name".into());
    }
    Ok(())
}
