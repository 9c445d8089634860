//! Organisational domains from the Public Suffix List (RFC 7489 §3.2): the
//! public suffix plus one label. The list's text is an argument, so callers
//! choose where it comes from; the `publicsuffix` crate does the matching.

use publicsuffix::{List, Psl};

pub struct SuffixList {
    list: List,
}

impl SuffixList {
    /// Reads `public_suffix_list.dat`.
    pub fn parse(text: &str) -> Result<SuffixList, String> {
        text.parse::<List>()
            .map(|list| SuffixList { list })
            .map_err(|e| format!("the Public Suffix List could not be read: {e}"))
    }

    /// The registrable (organisational) domain of `domain`, in the form it
    /// was given (Unicode or Punycode, lower-cased), or `None` for a public
    /// suffix or a malformed name.
    pub fn organizational_domain(&self, domain: &str) -> Option<String> {
        let lower = domain.strip_suffix('.').unwrap_or(domain).to_lowercase();
        let labels: Vec<&str> = lower.split('.').collect();
        if labels.iter().any(|l| l.is_empty()) {
            return None;
        }
        // The list holds Unicode rules, so Punycode labels are decoded first.
        let unicode = crate::domain::display_domain(&lower);
        let found = self.list.domain(unicode.as_bytes())?;
        let count = found.as_bytes().split(|b| *b == b'.').count();
        Some(labels[labels.len() - count..].join("."))
    }
}
