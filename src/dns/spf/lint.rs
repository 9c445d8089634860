//! Static checks of the SPF record at one name of the planned zone: what
//! will go wrong for every sender, before any mail is sent (RFC 7208 §3, §4.6.4, §5).

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use super::eval::MAX_MX_NAMES;
use super::macros::{MacroItem, MacroString};
use super::record::{is_spf_record, parse_record, Mechanism, Qualifier, SpfRecord};
use super::MAX_DNS_TERMS;
use crate::dns::{canonical_name, join_terms, Answer, PerTerm, RecordData, RecordType, Resolver};
use crate::plan::diagnostic::Diagnostic;

/// Longest character-string in a TXT record (RFC 1035 §3.3).
pub const MAX_STRING: usize = 255;
/// Record size that keeps the DNS answer within 512 bytes (RFC 7208 §3.4).
pub const MAX_RECORD: usize = 450;

/// An SPF include outside the planned zone whose cost is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownInclude {
    pub domain: &'static str,
    pub provider: &'static str,
    /// DNS-querying terms inside the provider's record tree.
    pub nested_terms: u32,
}

/// Provider includes whose records list addresses only, so each costs one
/// lookup. Providers can change their records; the trace says what was assumed.
pub const KNOWN_INCLUDES: [KnownInclude; 3] = [
    KnownInclude {
        domain: "sendgrid.net",
        provider: "SendGrid",
        nested_terms: 0,
    },
    KnownInclude {
        domain: "amazonses.com",
        provider: "Amazon SES",
        nested_terms: 0,
    },
    KnownInclude {
        domain: "spf.mtasv.net",
        provider: "Postmark",
        nested_terms: 0,
    },
];

/// Every finding about the SPF record at `name`.
pub fn lint_spf(resolver: &dyn Resolver, name: &str, known: &[KnownInclude]) -> Vec<Diagnostic> {
    lint_spf_in(&SpfReader::new(resolver), name, known)
}

/// The SPF records includes and redirects reach, each read and parsed once
/// however many records of a zone reach it: pasted records that include
/// one another would otherwise be parsed once per record above them.
pub struct SpfReader<'a> {
    resolver: &'a dyn Resolver,
    found: RefCell<HashMap<String, Rc<Found>>>,
}

/// What an include or redirect finds at its target.
enum Found {
    /// No such name: the target is outside the planned zone, or a name
    /// under the record's own domain that the zone does not hold.
    Absent,
    /// Not exactly one SPF record; how many there are.
    NotOne(usize),
    /// One SPF record, parsed; none when it does not parse, which the
    /// record's own check reports.
    One(Option<Rc<SpfRecord>>),
}

impl<'a> SpfReader<'a> {
    pub fn new(resolver: &'a dyn Resolver) -> SpfReader<'a> {
        SpfReader {
            resolver,
            found: RefCell::default(),
        }
    }

    fn find(&self, target: &str) -> Rc<Found> {
        if let Some(found) = self.found.borrow().get(target) {
            return found.clone();
        }
        let found = Rc::new(match self.resolver.query(target, RecordType::Txt) {
            Answer::NxDomain | Answer::Failure => Found::Absent,
            // The name is in the zone, without a TXT record.
            Answer::NoData => Found::NotOne(0),
            Answer::Records(_) => match spf_texts(self.resolver, target).as_slice() {
                [strings] => Found::One(
                    parse_record(&String::from_utf8_lossy(&strings.concat()))
                        .ok()
                        .map(Rc::new),
                ),
                texts => Found::NotOne(texts.len()),
            },
        });
        self.found
            .borrow_mut()
            .insert(target.to_string(), found.clone());
        found
    }
}

/// Every finding about the SPF record at `name`, reading what its includes
/// reach through `reader`.
pub fn lint_spf_in(reader: &SpfReader, name: &str, known: &[KnownInclude]) -> Vec<Diagnostic> {
    let resolver = reader.resolver;
    let name = canonical_name(name);
    let mut out = Vec::new();
    let texts = spf_texts(resolver, &name);
    if texts.len() > 1 {
        out.push(
            Diagnostic::error(
                "spf.duplicate",
                &name,
                format!(
                    "{} SPF records at {name}; receivers return permerror.",
                    texts.len()
                ),
            )
            .hint("Merge them into one record."),
        );
    }
    let Some(strings) = texts.first() else {
        out.push(
            Diagnostic::warning("spf.missing", &name, format!("{name} has no SPF record."))
                .hint("Publish “v=spf1 … -all” at this name."),
        );
        return out;
    };
    if let Some(long) = strings.iter().find(|s| s.len() > MAX_STRING) {
        out.push(
            Diagnostic::error(
                "spf.long_string",
                &name,
                format!(
                    "A string of {} characters; TXT strings hold at most {MAX_STRING}.",
                    long.len()
                ),
            )
            .hint("Split the record into several quoted strings; they are joined without spaces."),
        );
    }
    let text = String::from_utf8_lossy(&strings.concat()).into_owned();
    if text.len() > MAX_RECORD {
        out.push(
            Diagnostic::warning("spf.long_record", &name, format!("The record is {} bytes; above {MAX_RECORD} the DNS answer may not fit in 512 bytes.", text.len()))
                .hint("Replace address lists with an include, or remove unused mechanisms."),
        );
    }
    let record = match parse_record(&text) {
        Ok(record) => record,
        Err(e) => {
            out.push(
                Diagnostic::error("spf.syntax", &name, e.message)
                    .hint(e.hint)
                    .at_column(e.offset),
            );
            return out;
        }
    };
    check_terms(&record, &name, &mut out);
    let mut walk = Walk {
        reader,
        known,
        out: &mut out,
        terms: 0,
        voids: BTreeSet::new(),
        path: vec![name.clone()],
        uncounted: PerTerm::default(),
    };
    walk.count(&record);
    let (terms, voids) = (walk.terms, walk.voids.len());
    let uncounted = walk.uncounted.findings(uncounted_finding);
    out.extend(uncounted);
    if terms > MAX_DNS_TERMS {
        out.push(
            Diagnostic::error("spf.too_many_lookups", &name, match terms {
                n if n > COUNT_CAP => format!("Evaluating the record takes more than {COUNT_CAP} DNS-querying terms; the limit is {MAX_DNS_TERMS}."),
                n => format!("Evaluating the record takes {n} DNS-querying terms; the limit is {MAX_DNS_TERMS}."),
            })
                .hint("Replace a, mx and nested includes with ip4:/ip6: ranges, or drop providers no longer used."),
        );
    }
    if voids > 2 {
        out.push(
            Diagnostic::error("spf.void_lookups", &name, format!("{voids} names the record looks up do not exist in the zone; the third makes SPF permerror."))
                .hint("Remove mechanisms that point at names you do not publish."),
        );
    }
    out
}

/// The character-strings of each SPF record at a name.
fn spf_texts(resolver: &dyn Resolver, name: &str) -> Vec<Vec<Vec<u8>>> {
    resolver
        .query(name, RecordType::Txt)
        .records()
        .iter()
        .filter_map(|r| match r {
            RecordData::Txt(strings) if is_spf_record(&strings.concat()) => Some(strings.clone()),
            _ => None,
        })
        .collect()
}

fn check_terms(record: &SpfRecord, name: &str, out: &mut Vec<Diagnostic>) {
    let all = record
        .directives
        .iter()
        .position(|d| d.mechanism == Mechanism::All);
    let mut ptrs = PerTerm::default();
    for directive in &record.directives {
        if matches!(directive.mechanism, Mechanism::Ptr(_)) {
            ptrs.add((), name, directive.text.as_str(), Some(directive.offset));
        }
    }
    out.extend(ptrs.findings(|(), name, terms| {
        let message = match terms {
            [_] => "ptr is slow, unreliable and “SHOULD NOT be used” (RFC 7208 §5.5).".to_string(),
            _ => format!(
                "{} ptr terms ({}) are slow, unreliable and “SHOULD NOT be used” (RFC 7208 §5.5).",
                terms.len(),
                join_terms(terms)
            ),
        };
        Diagnostic::warning("spf.ptr", name, message)
            .hint("List the sending addresses with ip4: and ip6: instead.")
    }));
    let Some(at) = all else {
        if record.redirect.is_none() {
            out.push(
                Diagnostic::warning(
                    "spf.no_all",
                    name,
                    "The record ends without all, so unlisted senders get neutral.",
                )
                .hint("End the record with -all (or ~all while rolling out)."),
            );
        }
        return;
    };
    let column = record.directives[at].offset;
    match record.directives[at].qualifier {
        Qualifier::Pass => out.push(
            Diagnostic::error(
                "spf.pass_all",
                name,
                "+all lets every server on the internet pass SPF for this name.",
            )
            .hint("Use -all, or ~all while rolling out.")
            .at_column(column),
        ),
        Qualifier::Neutral => out.push(
            Diagnostic::warning(
                "spf.neutral_all",
                name,
                "?all makes unlisted senders neutral, so SPF protects nothing.",
            )
            .hint("Use -all, or ~all while rolling out.")
            .at_column(column),
        ),
        Qualifier::Fail | Qualifier::SoftFail => {}
    }
    if at + 1 < record.directives.len() {
        out.push(
            Diagnostic::warning(
                "spf.after_all",
                name,
                "Mechanisms after all are never evaluated.",
            )
            .hint("Move them before all, or delete them.")
            .at_column(record.directives[at + 1].offset),
        );
    }
    if record.redirect.is_some() {
        out.push(
            Diagnostic::warning(
                "spf.redirect_with_all",
                name,
                "redirect= is ignored because the record has all.",
            )
            .hint("Remove all to use the redirect, or remove the redirect."),
        );
    }
}

/// Counts DNS-querying terms through includes and redirects in the zone.
struct Walk<'a> {
    reader: &'a SpfReader<'a>,
    known: &'a [KnownInclude],
    out: &'a mut Vec<Diagnostic>,
    terms: u32,
    voids: BTreeSet<String>,
    /// Names being walked, to find loops.
    path: Vec<String>,
    /// Includes and redirects whose lookups cannot be counted, per record.
    uncounted: PerTerm<Uncounted>,
}

/// Why an include or redirect's own lookups are not counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Uncounted {
    /// Its target is outside the planned zone.
    Outside,
    /// Its target is written with macros, known only per message.
    Macros,
}

/// One finding for every uncounted term of one kind at one record, so a
/// record with eleven outside includes shows one note naming all eleven.
fn uncounted_finding(kind: Uncounted, name: &str, terms: &[String]) -> Diagnostic {
    let message = match (kind, terms) {
        (Uncounted::Outside, [term]) => {
            format!("{term} is outside the planned zone; its own lookups are not counted.")
        }
        (Uncounted::Outside, _) => {
            let noun = if terms.iter().all(|t| t.starts_with("include:")) {
                "includes"
            } else {
                "includes and redirects"
            };
            format!(
                "{} {noun} are outside the planned zone; their own lookups are not counted: {}.",
                terms.len(),
                join_terms(terms)
            )
        }
        (Uncounted::Macros, [term]) => {
            let (how, target) = term.split_once([':', '=']).unwrap_or(("include", term));
            format!("The {how} target “{target}” uses macros; its lookups are not counted.")
        }
        (Uncounted::Macros, _) => format!(
            "{} targets use macros, so their lookups are not counted: {}.",
            terms.len(),
            join_terms(terms)
        ),
    };
    let hint = match terms {
        [_] => "Check the provider's record when you publish.",
        _ => "Check each provider's record when you publish.",
    };
    Diagnostic::info("spf.not_counted", name, message).hint(hint)
}

/// The walk stops counting past this many terms: pasted records whose
/// includes branch could otherwise take exponential time, and a long chain
/// of them a deep recursion.
const COUNT_CAP: u32 = 10 * MAX_DNS_TERMS;

impl Walk<'_> {
    fn count(&mut self, record: &SpfRecord) {
        let current = self.path.last().cloned().unwrap_or_default();
        for directive in &record.directives {
            if self.terms > COUNT_CAP {
                return;
            }
            if directive.mechanism.queries_dns() {
                self.terms += 1;
            }
            match &directive.mechanism {
                Mechanism::Include(spec) => self.follow(spec, &current, "include:"),
                Mechanism::A {
                    domain: Some(spec), ..
                }
                | Mechanism::Exists(spec) => self.check_exists(spec, &current, RecordType::A),
                Mechanism::Mx { domain, .. } => {
                    if let Some(spec) = domain {
                        self.check_exists(spec, &current, RecordType::Mx);
                    }
                    let target = domain.as_ref().map_or(Some(current.clone()), literal);
                    self.check_mx_count(target, &directive.text, &current);
                }
                _ => {}
            }
        }
        if let Some(spec) = &record.redirect {
            if !record
                .directives
                .iter()
                .any(|d| d.mechanism == Mechanism::All)
            {
                self.terms += 1;
                self.follow(spec, &current, "redirect=");
            }
        }
    }

    /// Follows an include or redirect; `how` is the term as written up to
    /// its target, `include:` or `redirect=`.
    fn follow(&mut self, spec: &MacroString, current: &str, how: &str) {
        let Some(target) = literal(spec) else {
            let term = format!("{how}{}", display(spec));
            self.uncounted.add(Uncounted::Macros, current, term, None);
            return;
        };
        if self.path.contains(&target) {
            self.out.push(
                Diagnostic::error(
                    "spf.loop",
                    current,
                    format!(
                        "{how}{target} leads back to a record already being evaluated: {}.",
                        self.path.join(" → ")
                    ),
                )
                .hint("Remove the include or redirect that closes the loop."),
            );
            return;
        }
        match &*self.reader.find(&target) {
            // A name under the record's own domain that the zone lacks has
            // no SPF record, as an `a:` there is a void lookup.
            Found::Absent if shares_parent(&target, current) => {
                self.not_one(0, how, &target, current)
            }
            Found::Absent => {
                if let Some(known) = self.known.iter().find(|k| k.domain == target) {
                    self.terms += known.nested_terms;
                } else {
                    let term = format!("{how}{target}");
                    self.uncounted.add(Uncounted::Outside, current, term, None);
                }
            }
            Found::NotOne(n) => self.not_one(*n, how, &target, current),
            Found::One(None) => {}
            Found::One(Some(record)) => {
                self.path.push(target);
                self.count(record);
                self.path.pop();
            }
        }
    }

    /// A target without exactly one SPF record makes the record that
    /// reaches it permerror (RFC 7208 §5.2, §6.1).
    fn not_one(&mut self, n: usize, how: &str, target: &str, current: &str) {
        let message = match n {
            0 => format!("{how}{target} has no SPF record, so receivers return permerror."),
            n => format!("{how}{target} has {n} SPF records; it must have exactly one."),
        };
        self.out.push(
            Diagnostic::error("spf.include_target", current, message)
                .hint(format!("Publish one SPF record at {target}.")),
        );
    }

    /// An `mx` over more than ten mail exchangers is a permerror wherever
    /// it is evaluated (RFC 7208 §4.6.4).
    fn check_mx_count(&mut self, target: Option<String>, term: &str, current: &str) {
        let Some(target) = target else { return };
        let n = self
            .reader
            .resolver
            .query(&target, RecordType::Mx)
            .records()
            .len();
        if n > MAX_MX_NAMES {
            self.out.push(
                Diagnostic::error(
                    "spf.mx_too_many",
                    current,
                    format!("{term} looks up the {n} mail exchangers of {target}; SPF allows at most {MAX_MX_NAMES}, so the record is permerror."),
                )
                .hint("List the exchangers' addresses as ip4:/ip6: ranges instead of mx."),
            );
        }
    }

    /// Records a void lookup when a name inside the planned zone is absent.
    fn check_exists(&mut self, spec: &MacroString, current: &str, rtype: RecordType) {
        let Some(target) = literal(spec) else { return };
        let answer = self.reader.resolver.query(&target, rtype);
        if answer.is_void() && shares_parent(&target, current) {
            self.voids.insert(target);
        }
    }
}

/// The target when it has no macros.
fn literal(spec: &MacroString) -> Option<String> {
    match spec.items.as_slice() {
        [MacroItem::Literal(text)] => Some(canonical_name(text)),
        _ => None,
    }
}

fn display(spec: &MacroString) -> String {
    spec.items
        .iter()
        .map(|item| match item {
            MacroItem::Literal(text) => text.clone(),
            MacroItem::Macro { letter, .. } => format!("%{{{letter}…}}"),
        })
        .collect()
}

/// Whether two names share their last two labels, so one is planned with the other.
fn shares_parent(a: &str, b: &str) -> bool {
    a.rsplit('.').take(2).eq(b.rsplit('.').take(2))
}
