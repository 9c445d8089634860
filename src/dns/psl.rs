//! Organisational domains from the Public Suffix List (RFC 7489 §3.2): the
//! public suffix plus one label. The list's text is an argument, so callers
//! choose where it comes from; the `publicsuffix` crate does the matching.
//!
//! Building the crate's tree of the whole list takes tens of milliseconds
//! in the browser, a long task right after the page loads. So reading only
//! checks each rule and files it under its last two labels (one for a rule
//! of one label). A rule can only match a name filed under the name's top
//! label, its last two labels, or "*" and its top label, so a lookup gives
//! the crate just the few rules filed there that match the name, and the
//! crate picks the prevailing one.

use std::hash::Hasher;

use publicsuffix::{List, Psl};
use rustc_hash::FxHasher;

const ICANN_MARKER: &str = "===BEGIN ICANN DOMAINS===";
const PRIVATE_MARKER: &str = "===BEGIN PRIVATE DOMAINS===";

pub struct SuffixList {
    text: String,
    /// Every rule, sorted by the hash of the labels it is filed under.
    rules: Vec<Rule>,
}

/// A rule: the hash of the labels it is filed under, where it stands in
/// the text, and whether it is in the private section. Rules whose labels
/// hash alike are told apart when they are matched.
struct Rule {
    key: u64,
    start: u32,
    end: u32,
    private: bool,
}

impl SuffixList {
    /// Reads `public_suffix_list.dat`, checking each rule's form. Lines are
    /// read as the crate reads them: a section starts at a comment naming
    /// it, and a rule is the first word of any other line.
    pub fn parse(text: impl Into<String>) -> Result<SuffixList, String> {
        let text = text.into();
        let unreadable = |why: String| format!("the Public Suffix List could not be read: {why}");
        if u32::try_from(text.len()).is_err() {
            return Err(unreadable("it is larger than 4 GB".into()));
        }
        let mut rules = Vec::new();
        let mut private = None;
        for (number, line) in text.lines().enumerate() {
            let line = line.trim_start();
            if line.starts_with("//") {
                private = section_of(line).or(private);
                continue;
            }
            let (Some(private), Some(rule)) = (private, line.split_whitespace().next()) else {
                continue;
            };
            let filed = check_rule(rule)
                .map_err(|why| unreadable(format!("line {}, rule \"{rule}\" {why}", number + 1)))?;
            // The text is under 4 GB, so every offset fits in a u32.
            let start = (rule.as_ptr() as usize - text.as_ptr() as usize) as u32;
            let end = start + rule.len() as u32;
            let key = key_of(filed);
            rules.push(Rule {
                key,
                start,
                end,
                private,
            });
        }
        if rules.is_empty() {
            return Err(unreadable("it holds no rules".into()));
        }
        rules.sort_unstable_by_key(|rule| rule.key);
        Ok(SuffixList { text, rules })
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
        let found = self.matching(&unicode).domain(unicode.as_bytes())?;
        let count = found.as_bytes().split(|b| *b == b'.').count();
        Some(labels[labels.len() - count..].join("."))
    }

    /// The crate's list of the rules that match `name`, in their sections.
    /// With none, the crate applies the implicit "*" rule.
    fn matching(&self, name: &str) -> List {
        let top = name.rsplit('.').next().unwrap_or_default();
        let last_two = name.rsplitn(3, '.').collect::<Vec<_>>();
        let mut places = vec![top.to_owned(), format!("*.{top}")];
        if let [top, second, ..] = last_two[..] {
            places.push(format!("{second}.{top}"));
        }
        let mut icann = format!("// {ICANN_MARKER}\n");
        let mut private = format!("// {PRIVATE_MARKER}\n");
        for place in places {
            let key = key_of(&place);
            let from = self.rules.partition_point(|rule| rule.key < key);
            for rule in self.rules[from..].iter().take_while(|rule| rule.key == key) {
                let text = &self.text[rule.start as usize..rule.end as usize];
                if matches(text, name) {
                    let section = if rule.private {
                        &mut private
                    } else {
                        &mut icann
                    };
                    section.push_str(text);
                    section.push('\n');
                }
            }
        }
        icann.push_str(&private);
        // Every rule was checked on reading; an empty list is the crate's error.
        icann.parse().unwrap_or_default()
    }
}

/// Whether a comment starts the private section (`Some(true)`), the ICANN
/// one (`Some(false)`), or neither.
fn section_of(comment: &str) -> Option<bool> {
    if comment.contains(ICANN_MARKER) {
        Some(false)
    } else if comment.contains(PRIVATE_MARKER) {
        Some(true)
    } else {
        None
    }
}

/// The labels a rule is filed under (its last two, or its only one), or
/// why the crate would refuse the rule.
fn check_rule(rule: &str) -> Result<&str, &'static str> {
    let name = match rule.strip_prefix('!') {
        Some(_) if !rule.contains('.') => return Err("is an exception of one label"),
        Some(name) => name,
        None => rule,
    };
    let bytes = name.as_bytes();
    let (mut last, mut before_last) = (None, None);
    for dot in memchr::memchr_iter(b'.', bytes) {
        if dot == 0 || bytes.get(dot + 1).is_none_or(|b| *b == b'.') {
            return Err("has an empty label");
        }
        (before_last, last) = (last, Some(dot));
    }
    Ok(before_last.map_or(name, |dot| &name[dot + 1..]))
}

fn key_of(labels: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(labels.as_bytes());
    hasher.finish()
}

/// Whether every label of the rule (an exception's too) matches the
/// name's label in the same place from the right, "*" matching any.
fn matches(rule: &str, name: &str) -> bool {
    let rule = rule.strip_prefix('!').unwrap_or(rule);
    let mut names = name.rsplit('.');
    rule.rsplit('.')
        .all(|label| names.next().is_some_and(|n| label == "*" || label == n))
}
