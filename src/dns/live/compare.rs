//! Each planned record against what is published at its name: equal,
//! published with a placeholder filled in, different in a way that does or
//! does not matter, missing, or in conflict with another record of the
//! same kind. Records are compared by meaning, not by text: an SPF record
//! with the same terms in another order is equal, so is a DMARC record with
//! the same tags, and a DKIM record with the same key.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{timestamp, Entry, Fetched, Lookups, Question, View};
use crate::dns::dkim::parse_dkim_key;
use crate::dns::dmarc::is_dmarc_record;
use crate::dns::plan::{
    earlier_return_path, lane_domains, records_at_stage, stage_on, Pasted, PlannedRecord,
};
use crate::dns::spf::{is_spf_record, parse_record};
use crate::dns::tags::{tag_list, TagCodes};
use crate::dns::{canonical_name, host_shown, RecordData, RecordType};
use crate::plan::model::Plan;

/// How a planned record compares with the published ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Published with the same meaning.
    Equal,
    /// The plan leaves part of the value to the provider, and what is
    /// published fits.
    Present,
    /// Published differently, in a way that does not break the plan.
    Harmless,
    /// Published differently, in a way that matters.
    Different,
    Missing,
    /// More than one record of the kind at the name.
    Conflict,
    /// Not checked: no answer yet, a failed query or a name not sent.
    Unknown,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Equal => "published, equal",
            Verdict::Present => "published",
            Verdict::Harmless => "published, differs harmlessly",
            Verdict::Different => "published, differs",
            Verdict::Missing => "missing",
            Verdict::Conflict => "conflicting records",
            Verdict::Unknown => "not checked",
        }
    }

    /// Whether the record is published well enough for the plan.
    pub fn ok(self) -> bool {
        matches!(self, Verdict::Equal | Verdict::Present | Verdict::Harmless)
    }

    pub fn key(self) -> &'static str {
        match self {
            Verdict::Equal => "equal",
            Verdict::Present => "present",
            Verdict::Harmless => "harmless",
            Verdict::Different => "different",
            Verdict::Missing => "missing",
            Verdict::Conflict => "conflict",
            Verdict::Unknown => "unknown",
        }
    }
}

/// One planned record and what is published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordCheck {
    pub name: String,
    /// TXT, CNAME or MX.
    pub kind: String,
    /// The lane it serves; `None` for brand-wide records.
    pub lane: Option<String>,
    pub planned: String,
    pub placeholder: bool,
    /// The published values of the same kind (or, when none is, the other
    /// records at the name).
    pub published: Vec<String>,
    pub verdict: Verdict,
    /// Why, in a sentence; empty when the values are simply equal.
    pub note: String,
    /// The smallest TTL of the published records, in seconds.
    pub ttl: Option<u32>,
    /// When the answer was fetched, `YYYY-MM-DD HH:MM UTC`.
    pub checked_at: Option<String>,
    /// The resolver validated the answer with DNSSEC (`AD`).
    pub dnssec: bool,
}

impl RecordCheck {
    /// A planned record, not compared with anything yet.
    fn unchecked(r: &PlannedRecord) -> RecordCheck {
        let (kind, planned) = r.data.shown();
        RecordCheck {
            name: r.name.clone(),
            kind: kind.to_string(),
            lane: r.lane.clone(),
            planned,
            placeholder: r.placeholder,
            published: Vec::new(),
            verdict: Verdict::Unknown,
            note: String::new(),
            ttl: None,
            checked_at: None,
            dnssec: false,
        }
    }
}

/// Compares every record the plan publishes on `day` (the DMARC record at
/// that day's rollout stage) with the cache.
pub fn compare(plan: &Plan, lookups: &Lookups<'_>, day: NaiveDate) -> Vec<RecordCheck> {
    let bounce_names: Vec<String> = plan
        .lanes
        .iter()
        .filter_map(|lane| Some(lane_domains(lane)?.bounce_domain))
        .collect();
    records_at_stage(plan, &Pasted::of(plan), stage_on(plan, day))
        .iter()
        .map(|r| {
            let serves_txt = bounce_names.contains(&r.name) || r.name.contains("._domainkey.");
            let question = Question::new(&r.name, query_type(&r.data, serves_txt));
            let mut check = RecordCheck::unchecked(r);
            let view = lookups.view(&question);
            // Only an answer is a check: a failed fetch has no time to show.
            if let Some(Entry {
                fetched: Fetched::Answer(answer),
                at_ms,
                ..
            }) = lookups.entry(&question)
            {
                check.checked_at = Some(timestamp(*at_ms).0);
                check.dnssec = answer.authenticated;
            }
            let first = match &view {
                View::Records { chain, .. } | View::NoData { chain } | View::NxDomain { chain } => {
                    chain.first().cloned()
                }
                _ => None,
            };
            judge(&mut check, &r.data, view);
            let lane = r.lane.as_deref().and_then(|id| plan.lane(id));
            if let (Some(lane), Some(first)) = (lane, first) {
                if bounce_names.contains(&r.name) && !check.verdict.ok() {
                    stale_return_path(&mut check, lane, &first);
                }
            }
            check
        })
        .collect()
}

/// The note for a record at a lane's Return-Path name reached through a
/// CNAME its provider's setup does not ask for: a host of another provider,
/// stale from an earlier setup (`earlier_return_path`).
fn stale_return_path(check: &mut RecordCheck, lane: &crate::plan::model::Lane, first: &str) {
    let Some(whose) = earlier_return_path(lane, first) else {
        return;
    };
    let planned = match check.kind.as_str() {
        "CNAME" => format!("the planned CNAME to {}", check.planned),
        kind => format!("the planned {kind} record"),
    };
    set(
        check,
        Verdict::Different,
        format!(
            "The Return-Path is a CNAME to {first}, {whose}, stale from an earlier setup: {} is not authorised there. Replace it with {planned}.",
            lane.smtp.provider.label()
        ),
    );
}

/// How a planned record compares with the records pasted at its name,
/// `found`. A pasted CNAME is taken at its word: there is no resolver to
/// follow it.
pub fn pasted_verdict(planned: &PlannedRecord, found: &[RecordData]) -> Verdict {
    let mut check = RecordCheck::unchecked(planned);
    let target = found.iter().find_map(|r| match r {
        RecordData::Cname(t) => Some(canonical_name(t)),
        _ => None,
    });
    match (&planned.data, target) {
        // A placeholder pasted as it is was never filled in.
        (RecordData::Cname(_), Some(target)) if target.contains('<') => Verdict::Different,
        (RecordData::Cname(want), Some(target)) if planned.placeholder => {
            fits(crate::dns::fits_placeholders(want, &target))
        }
        (RecordData::Cname(want), Some(target)) => fits(canonical_name(want) == target),
        // Records in place of a CNAME serve only as a DKIM key: a bounce
        // or link name must lead to the provider, which pasted records
        // cannot show without a resolver.
        (RecordData::Cname(_), None) if !planned.name.contains("._domainkey.") => {
            Verdict::Different
        }
        (_, _) => {
            let view = View::Records {
                chain: Vec::new(),
                records: found.to_vec(),
                ttl: 0,
            };
            judge(&mut check, &planned.data, view);
            check.verdict
        }
    }
}

fn fits(yes: bool) -> Verdict {
    if yes {
        Verdict::Equal
    } else {
        Verdict::Different
    }
}

/// The question that shows a record: a CNAME is read through the type it
/// serves (TXT for a DKIM key or a Return-Path's SPF, A for a link host),
/// so the answer also shows where it leads.
pub fn query_type(data: &RecordData, serves_txt: bool) -> RecordType {
    match data {
        RecordData::Cname(_) if serves_txt => RecordType::Txt,
        RecordData::Cname(_) => RecordType::A,
        other => other.record_type(),
    }
}

fn text_of(strings: &[Vec<u8>]) -> String {
    String::from_utf8_lossy(&strings.concat()).into_owned()
}

fn set(check: &mut RecordCheck, verdict: Verdict, note: impl Into<String>) {
    check.verdict = verdict;
    check.note = note.into();
}

/// Fills in the verdict from the view of the record's question.
fn judge(check: &mut RecordCheck, planned: &RecordData, view: View) {
    let (chain, records, ttl) = match view {
        View::Unknown => return set(check, Verdict::Unknown, "Not checked yet."),
        View::Refused(why) => {
            return set(
                check,
                Verdict::Unknown,
                format!("Not sent to the resolver: {why}."),
            )
        }
        View::Failed(why) => return set(check, Verdict::Unknown, format!("No answer: {why}.")),
        View::NxDomain { chain } | View::NoData { chain } if chain.is_empty() => {
            return set(
                check,
                Verdict::Missing,
                "Nothing is published at this name.",
            )
        }
        View::NxDomain { chain } | View::NoData { chain } => (chain, Vec::new(), None),
        View::Records {
            chain,
            records,
            ttl,
        } => (chain, records, Some(ttl)),
    };
    check.ttl = ttl;
    match planned {
        RecordData::Cname(target) => cname(check, target, &chain, &records),
        RecordData::Txt(strings) => {
            let texts: Vec<String> = records
                .iter()
                .filter_map(|r| match r {
                    RecordData::Txt(s) => Some(text_of(s)),
                    _ => None,
                })
                .collect();
            txt(check, &text_of(strings), &texts);
            if let Some(first) = chain.first() {
                check.note = format!("Reached through a CNAME to {first}. {}", check.note)
                    .trim_end()
                    .to_string();
            }
        }
        RecordData::Mx {
            preference,
            exchange,
        } => mx(check, *preference, exchange, &records),
        other => {
            check.published = records.iter().map(|r| r.shown().1).collect();
            if records.contains(other) {
                set(check, Verdict::Equal, "");
            } else if records.is_empty() {
                set(
                    check,
                    Verdict::Missing,
                    "No record of this type is published.",
                );
            } else {
                set(check, Verdict::Different, "");
            }
        }
    }
}

/// A planned CNAME: the first target in the answer's chain.
fn cname(check: &mut RecordCheck, planned: &str, chain: &[String], records: &[RecordData]) {
    let Some(published) = chain.first() else {
        check.published = records.iter().map(|r| r.shown().1).collect();
        let key = records.iter().find_map(|r| match r {
            RecordData::Txt(s) => parse_dkim_key(&text_of(s), &check.name).0,
            _ => None,
        });
        return match key {
            Some(key) if !key.revoked => set(check, Verdict::Harmless, "A key record is published instead of the provider's CNAME; it works, but the provider cannot rotate the key."),
            _ if records.is_empty() => set(check, Verdict::Missing, "The name exists but has no CNAME."),
            _ if check.placeholder && !check.name.contains("._domainkey.") => set(check, Verdict::Harmless, "Published as records rather than the planned CNAME; that serves as well."),
            _ => set(check, Verdict::Different, "Other records are published here instead of the CNAME."),
        };
    };
    check.published = vec![published.clone()];
    let fits = if check.placeholder {
        crate::dns::fits_placeholders(planned, published)
    } else {
        canonical_name(planned) == *published
    };
    let dead_end = records.is_empty();
    match (fits, check.placeholder, dead_end) {
        (false, _, _) => set(
            check,
            Verdict::Different,
            format!("The CNAME points elsewhere; the plan expects {planned}."),
        ),
        (true, _, true) => set(
            check,
            Verdict::Different,
            format!(
                "The CNAME is right, but {} answers nothing there yet.",
                chain.last().map_or(published.as_str(), String::as_str)
            ),
        ),
        (true, true, false) => set(
            check,
            Verdict::Present,
            "The provider's target fits the expected pattern and resolves.",
        ),
        (true, false, false) => set(check, Verdict::Equal, ""),
    }
}

/// The kind of TXT record, so a name's other TXT records are left alone.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Family {
    Spf,
    Dmarc,
    Dkim,
    /// Another `v=` record (MTA-STS, TLS-RPT, BIMI), by its version tag.
    Tagged(String),
    Plain,
}

fn family(text: &str) -> Family {
    let trimmed = text.trim_start();
    let version = trimmed
        .split([';', ' '])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if is_spf_record(trimmed.as_bytes()) {
        Family::Spf
    } else if is_dmarc_record(trimmed) {
        Family::Dmarc
    } else if version == "v=dkim1" || trimmed.starts_with("k=") || trimmed.starts_with("p=") {
        Family::Dkim
    } else if version.starts_with("v=") {
        Family::Tagged(version)
    } else {
        Family::Plain
    }
}

fn txt(check: &mut RecordCheck, planned: &str, texts: &[String]) {
    let kind = family(planned);
    let same: Vec<&String> = texts.iter().filter(|t| family(t) == kind).collect();
    match same.as_slice() {
        [] => {
            check.published = texts.to_vec();
            let note = if texts.is_empty() {
                "The name has no TXT record.".to_string()
            } else {
                format!("{} other TXT records here, none of this kind.", texts.len())
            };
            set(check, Verdict::Missing, note);
        }
        [one] => {
            check.published = vec![(*one).clone()];
            let (verdict, note) = match kind {
                Family::Spf => spf(planned, one),
                Family::Dmarc => dmarc(planned, one),
                Family::Dkim => dkim(planned, one, check.placeholder, &check.name),
                Family::Tagged(_) => tags(planned, one),
                Family::Plain if planned.trim() == one.trim() => (Verdict::Equal, String::new()),
                Family::Plain => (Verdict::Different, String::new()),
            };
            set(check, verdict, note);
        }
        many => {
            check.published = many.iter().map(|t| (*t).clone()).collect();
            let note = match kind {
                Family::Spf => format!("{} SPF records at one name: receivers answer permerror, so SPF fails for every message. Keep one.", many.len()),
                Family::Dmarc => format!("{} DMARC records at one name: receivers apply none of them. Keep one.", many.len()),
                _ => format!("{} records of this kind at one name; keep one.", many.len()),
            };
            set(check, Verdict::Conflict, note);
        }
    }
}

/// SPF terms as a sorted list, `+` dropped and case folded; modifiers apart.
fn spf_terms(text: &str) -> Result<(Vec<String>, Vec<String>), String> {
    parse_record(text).map_err(|e| format!("at character {}: {}", e.offset + 1, e.message))?;
    let (mut directives, mut modifiers) = (Vec::new(), Vec::new());
    for term in text.split_whitespace().skip(1) {
        let term = term.to_ascii_lowercase();
        let bare = term.strip_prefix('+').unwrap_or(&term).to_string();
        let name = bare.trim_start_matches(['-', '~', '?']);
        let modifier = name
            .split_once('=')
            .is_some_and(|(n, _)| !n.contains([':', '/']));
        if modifier {
            modifiers.push(bare);
        } else {
            directives.push(bare);
        }
    }
    Ok((directives, modifiers))
}

fn all_of(terms: &[String]) -> Option<&String> {
    terms
        .iter()
        .find(|t| t.trim_start_matches(['-', '~', '?']) == "all")
}

fn spf(planned: &str, published: &str) -> (Verdict, String) {
    let Ok((mut plan_terms, mut plan_mods)) = spf_terms(planned) else {
        return (
            Verdict::Different,
            "The planned record does not parse.".into(),
        );
    };
    let (mut live_terms, mut live_mods) = match spf_terms(published) {
        Ok(terms) => terms,
        Err(why) => {
            return (
                Verdict::Different,
                format!(
                    "The published record does not parse ({why}), so receivers answer permerror."
                ),
            )
        }
    };
    let reordered = plan_terms != live_terms;
    let all_differs = all_of(&plan_terms) != all_of(&live_terms);
    for list in [
        &mut plan_terms,
        &mut live_terms,
        &mut plan_mods,
        &mut live_mods,
    ] {
        list.sort();
    }
    if plan_terms == live_terms && plan_mods == live_mods {
        let note = if reordered {
            "The same mechanisms in another order; the result is the same."
        } else {
            ""
        };
        return (Verdict::Equal, note.into());
    }
    let missing: Vec<&String> = plan_terms
        .iter()
        .filter(|t| !live_terms.contains(t))
        .collect();
    let extra: Vec<&String> = live_terms
        .iter()
        .filter(|t| !plan_terms.contains(t))
        .collect();
    let list = |terms: &[&String]| {
        terms
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    if missing.is_empty() && !all_differs && plan_mods == live_mods {
        return (
            Verdict::Harmless,
            format!(
                "Also authorises {}, which the plan does not list; the planned senders still pass.",
                list(&extra)
            ),
        );
    }
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("missing {}", list(&missing)));
    }
    if !extra.is_empty() {
        parts.push(format!("not planned {}", list(&extra)));
    }
    if plan_mods != live_mods {
        parts.push(format!(
            "modifiers {} instead of {}",
            if live_mods.is_empty() {
                "none".to_string()
            } else {
                live_mods.join(" ")
            },
            if plan_mods.is_empty() {
                "none".to_string()
            } else {
                plan_mods.join(" ")
            }
        ));
    }
    (
        Verdict::Different,
        format!("The senders differ: {}.", parts.join("; ")),
    )
}

/// A tag list with names folded, values trimmed, and for DMARC the
/// defaults left out, so equal policies compare equal.
fn tag_map(text: &str, dmarc: bool) -> BTreeMap<String, String> {
    let codes = TagCodes {
        syntax: "live.tag_syntax",
        duplicate: "live.duplicate_tag",
        example: "",
        duplicate_hint: "",
    };
    let mut ignored = Vec::new();
    let mut map: BTreeMap<String, String> = tag_list(text, "", &codes, true, &mut ignored)
        .into_iter()
        .map(|t| {
            let value = match t.name.as_str() {
                "rua" | "ruf" => {
                    let mut uris: Vec<String> = t
                        .value
                        .split(',')
                        .map(|u| u.trim().to_ascii_lowercase())
                        .filter(|u| !u.is_empty())
                        .collect();
                    uris.sort();
                    uris.join(",")
                }
                _ if dmarc => t.value.to_ascii_lowercase(),
                _ => t.value.to_string(),
            };
            (t.name, value)
        })
        .collect();
    if dmarc {
        let policy = map.get("p").cloned();
        // np falls back to sp, and sp to p (RFC 9989).
        let subdomains = map.get("sp").cloned().or(policy.clone());
        for (tag, default) in [
            ("adkim", Some("r")),
            ("aspf", Some("r")),
            ("fo", Some("0")),
            ("pct", Some("100")),
            ("rf", Some("afrf")),
            ("ri", Some("86400")),
            ("t", Some("n")),
            ("sp", policy.as_deref()),
            ("np", subdomains.as_deref()),
        ] {
            if default.is_some() && map.get(tag).map(String::as_str) == default {
                map.remove(tag);
            }
        }
    }
    map
}

/// The tags whose values differ, as `tag: planned x, published y`.
fn differing(
    plan: &BTreeMap<String, String>,
    live: &BTreeMap<String, String>,
) -> Vec<(String, String)> {
    let mut tags: Vec<&String> = plan.keys().chain(live.keys()).collect();
    tags.sort();
    tags.dedup();
    tags.into_iter()
        .filter(|t| plan.get(*t) != live.get(*t))
        .map(|t| {
            let show = |v: Option<&String>| v.map_or("absent".to_string(), Clone::clone);
            (
                t.clone(),
                format!(
                    "{t}: planned {}, published {}",
                    show(plan.get(t)),
                    show(live.get(t))
                ),
            )
        })
        .collect()
}

fn dmarc(planned: &str, published: &str) -> (Verdict, String) {
    let (plan, live) = (tag_map(planned, true), tag_map(published, true));
    let diffs = differing(&plan, &live);
    if diffs.is_empty() {
        return (Verdict::Equal, String::new());
    }
    let matters = diffs.iter().any(|(tag, _)| {
        matches!(
            tag.as_str(),
            "v" | "p" | "sp" | "np" | "adkim" | "aspf" | "rua" | "t" | "psd" | "pct"
        )
    });
    let list: Vec<String> = diffs.into_iter().map(|(_, line)| line).collect();
    if matters {
        (
            Verdict::Different,
            format!("The policy differs: {}.", list.join("; ")),
        )
    } else {
        (
            Verdict::Harmless,
            format!(
                "Only tags that do not change the policy differ: {}.",
                list.join("; ")
            ),
        )
    }
}

fn dkim(planned: &str, published: &str, placeholder: bool, at: &str) -> (Verdict, String) {
    let (key, findings) = parse_dkim_key(published, at);
    let Some(key) = key else {
        let why = findings
            .first()
            .map_or("it does not parse".to_string(), |d| d.message.clone());
        return (
            Verdict::Different,
            format!("The published key record cannot be used: {why}"),
        );
    };
    if key.revoked {
        return (
            Verdict::Different,
            "The published key is revoked (empty p=).".into(),
        );
    }
    let described = format!("{:?} key of {} bits", key.key_type, key.bits).replace("Rsa", "RSA");
    if placeholder {
        return (Verdict::Present, format!("An {described} is published."));
    }
    let key_of = |text: &str| {
        tag_map(text, false)
            .get("p")
            .map(|p| p.replace(char::is_whitespace, ""))
    };
    if key_of(planned) == key_of(published) {
        (Verdict::Equal, String::new())
    } else {
        (
            Verdict::Different,
            format!("A different {described} is published."),
        )
    }
}

fn tags(planned: &str, published: &str) -> (Verdict, String) {
    let diffs = differing(&tag_map(planned, false), &tag_map(published, false));
    if diffs.is_empty() {
        (Verdict::Equal, String::new())
    } else {
        let list: Vec<String> = diffs.into_iter().map(|(_, line)| line).collect();
        (Verdict::Different, format!("{}.", list.join("; ")))
    }
}

fn mx(check: &mut RecordCheck, preference: u16, exchange: &str, records: &[RecordData]) {
    let published: Vec<(u16, String)> = records
        .iter()
        .filter_map(|r| match r {
            RecordData::Mx {
                preference,
                exchange,
            } => Some((*preference, canonical_name(exchange))),
            _ => None,
        })
        .collect();
    check.published = published
        .iter()
        .map(|(p, e)| format!("{p} {}", host_shown(e)))
        .collect();
    let exchange = canonical_name(exchange);
    let found = published.iter().find(|(_, e)| *e == exchange);
    match found {
        None if published.is_empty() => set(check, Verdict::Missing, "No MX record is published."),
        None => set(
            check,
            Verdict::Different,
            format!("The MX records do not include {}.", host_shown(&exchange)),
        ),
        Some(_) if published.len() > 1 => {
            set(check, Verdict::Harmless, "Other MX hosts are listed too.")
        }
        Some((p, _)) if *p != preference => set(
            check,
            Verdict::Harmless,
            "The preference differs; with one host it does not matter.",
        ),
        Some(_) => set(check, Verdict::Equal, ""),
    }
}
