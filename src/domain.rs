//! Domain names and e-mail addresses as people type them.
//!
//! Internationalised names are normalised to their ASCII (A-label) form, the
//! form DNS and SMTP use: each label is lower-cased and, if it is not ASCII,
//! encoded with the `idna` crate's RFC 3492 Punycode. The full UTS 46 tables
//! (about 45 KB of the compressed bundle) are left out, so labels must be
//! typed in the composed form keyboards produce; symbols and spaces are
//! refused. Addresses are parsed with the `email_address` crate. Both return
//! a reason instead of failing.

/// Normalises a domain name: trims, lower-cases, converts Unicode labels to
/// Punycode and checks the shape DNS requires.
pub fn normalize_domain(input: &str) -> Result<String, String> {
    // One final dot is the root, as in zone files; more is an empty label.
    let trimmed = input.trim();
    let trimmed = trimmed.strip_suffix('.').unwrap_or(trimmed);
    if trimmed.is_empty() {
        return Err("the domain is empty".to_string());
    }
    if trimmed.contains("://") || trimmed.contains('/') {
        return Err("a domain has no scheme or path; write only the host name".to_string());
    }
    if trimmed.contains('@') {
        return Err("this looks like an e-mail address, not a domain".to_string());
    }
    // Ideographic and fullwidth full stops separate labels too (UTS 46).
    let unified = trimmed.replace(['\u{3002}', '\u{ff0e}', '\u{ff61}'], ".");
    let labels = unified
        .split('.')
        .map(to_ascii_label)
        .collect::<Result<Vec<String>, String>>()?;
    let ascii = labels.join(".");
    if ascii.len() > 253 {
        return Err("it is longer than 253 characters".to_string());
    }
    if labels.len() < 2 {
        return Err("it needs at least two labels, such as brand.com".to_string());
    }
    let tld = &labels[labels.len() - 1];
    if tld.bytes().all(|b| b.is_ascii_digit()) {
        return Err("the last label is numeric; use a domain name, not an IP address".to_string());
    }
    Ok(ascii)
}

/// One label in lower-case ASCII, Punycode-encoded when it is not ASCII.
fn to_ascii_label(label: &str) -> Result<String, String> {
    if label.is_empty() {
        return Err("it has an empty label (two dots in a row)".to_string());
    }
    let lower = label.to_lowercase();
    let encoded = if lower.is_ascii() {
        if let Some(puny) = lower.strip_prefix("xn--") {
            let decoded = idna::punycode::decode_to_string(puny)
                .filter(|d| !d.is_ascii())
                .ok_or_else(|| format!("the label “{label}” is not valid Punycode"))?;
            check_unicode_label(&decoded, label)?;
        }
        lower
    } else {
        check_unicode_label(&lower, label)?;
        let puny = idna::punycode::encode_str(&lower)
            .ok_or_else(|| format!("the label “{label}” cannot be encoded"))?;
        format!("xn--{puny}")
    };
    if encoded.len() > 63 {
        return Err(format!(
            "the label “{label}” is longer than 63 characters in DNS form"
        ));
    }
    if !encoded
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(format!(
            "the label “{label}” may hold only letters, digits and hyphens"
        ));
    }
    if encoded.starts_with('-') || encoded.ends_with('-') {
        return Err(format!("the label “{label}” starts or ends with a hyphen"));
    }
    Ok(encoded)
}

/// Letters, digits, combining marks and hyphens are allowed in a Unicode label.
fn check_unicode_label(unicode: &str, shown: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_alphanumeric() || c == '-' || is_combining_mark(c);
    match unicode.chars().find(|&c| !allowed(c)) {
        None => Ok(()),
        Some(c) => Err(format!(
            "the label “{shown}” contains “{c}”, which domain names do not allow"
        )),
    }
}

/// Combining marks used by scripts such as Devanagari and Thai.
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0900..=0x0DFF | 0x0E31..=0x0E4E | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

/// The Unicode form of an ASCII domain, for display next to Punycode.
pub fn display_domain(ascii: &str) -> String {
    ascii
        .split('.')
        .map(|label| {
            label
                .strip_prefix("xn--")
                .and_then(idna::punycode::decode_to_string)
                .unwrap_or_else(|| label.to_string())
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Normalises an address: parses it and normalises its domain part.
pub fn normalize_address(input: &str) -> Result<String, String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err("the address is empty".to_string());
    }
    if trimmed.contains('<') || trimmed.contains('>') {
        return Err("write the bare address, without a display name or angle brackets".to_string());
    }
    let Some((local, domain)) = trimmed.rsplit_once('@') else {
        return Err("an address needs an @ between the mailbox and the domain".to_string());
    };
    // "it has an empty label" reads as "its domain has an empty label".
    let domain = normalize_domain(domain).map_err(|why| match why.strip_prefix("it ") {
        Some(rest) => format!("its domain {rest}"),
        None => format!("in its domain, {why}"),
    })?;
    let candidate = format!("{local}@{domain}");
    if !email_address::EmailAddress::is_valid(&candidate) {
        return Err(format!("the mailbox part “{local}” is not valid"));
    }
    Ok(candidate)
}

/// The domain part of an address, if it has one.
pub fn address_domain(address: &str) -> Option<&str> {
    address.rsplit_once('@').map(|(_, domain)| domain)
}

/// Whether `name` is `parent` or a subdomain of it (both ASCII, lower case).
pub fn is_within(name: &str, parent: &str) -> bool {
    name == parent
        || (name.len() > parent.len()
            && name.ends_with(parent)
            && name.as_bytes()[name.len() - parent.len() - 1] == b'.')
}

/// Whether `domain` looks like a registered domain itself rather than a
/// name under one: two labels (brand.com), or a short one under a country
/// code's (brand.co.uk, brand.com.au). A guess where no Public Suffix List
/// is at hand, as in a download, which must not change once it loads.
pub fn looks_registered(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    match labels.as_slice() {
        [_, _] => true,
        [_, second, country] => second.len() <= 3 && country.len() == 2,
        _ => false,
    }
}

/// The registered domain `domain` is, or is under, as `looks_registered`
/// guesses it: receipts.brand.com is under brand.com. `None` for a name of
/// one label.
pub fn registered_part(domain: &str) -> Option<&str> {
    let mut rest = domain;
    loop {
        if looks_registered(rest) {
            return Some(rest);
        }
        rest = rest.split_once('.')?.1;
    }
}

/// The selector a lane's field names: the text, or the part before
/// `._domainkey` of a whole record name pasted from a provider, in lower
/// case; `None` when empty or not dot-separated labels of letters, digits
/// and hyphens, so a record is never planned under a name DNS refuses.
pub fn selector_of(text: &str) -> Option<String> {
    let text = text.trim().to_ascii_lowercase();
    let selector = text.split("._domainkey").next().unwrap_or_default();
    let label_ok = |l: &str| {
        !l.is_empty() && l.len() <= 63 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    selector
        .split('.')
        .all(label_ok)
        .then(|| selector.to_string())
}
