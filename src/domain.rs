//! Domain names and e-mail addresses as people type them.
//!
//! Internationalised names are normalised to their ASCII (A-label) form with
//! the `idna` crate, the form DNS and SMTP use; addresses are parsed with the
//! `email_address` crate. Both return a reason instead of failing loudly.

/// Normalises a domain name: trims, lower-cases, converts Unicode labels to
/// punycode and checks the shape DNS requires.
pub fn normalize_domain(input: &str) -> Result<String, String> {
    let trimmed = input.trim().trim_end_matches('.');
    if trimmed.is_empty() {
        return Err("the domain is empty".to_string());
    }
    if trimmed.contains("://") || trimmed.contains('/') {
        return Err("a domain has no scheme or path; write only the host name".to_string());
    }
    if trimmed.contains('@') {
        return Err("this looks like an e-mail address, not a domain".to_string());
    }
    let ascii = idna::domain_to_ascii_strict(trimmed)
        .map_err(|_| "it is not a valid internationalised domain name".to_string())?;
    if ascii.len() > 253 {
        return Err("it is longer than 253 characters".to_string());
    }
    let labels: Vec<&str> = ascii.split('.').collect();
    if labels.len() < 2 {
        return Err("it needs at least two labels, such as brand.com".to_string());
    }
    for label in &labels {
        if label.is_empty() {
            return Err("it has an empty label (two dots in a row)".to_string());
        }
        if label.len() > 63 {
            return Err(format!("the label “{label}” is longer than 63 characters"));
        }
        if !label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(format!("the label “{label}” may hold only letters, digits and hyphens"));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(format!("the label “{label}” starts or ends with a hyphen"));
        }
    }
    let tld = labels[labels.len() - 1];
    if tld.bytes().all(|b| b.is_ascii_digit()) {
        return Err("the last label is numeric; use a domain name, not an IP address".to_string());
    }
    Ok(ascii)
}

/// The Unicode form of an ASCII domain, for display next to punycode.
pub fn display_domain(ascii: &str) -> String {
    let (unicode, result) = idna::domain_to_unicode(ascii);
    if result.is_ok() {
        unicode
    } else {
        ascii.to_string()
    }
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
    let domain = normalize_domain(domain).map_err(|why| format!("its domain: {why}"))?;
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
