//! The names a lane goes by at each vendor: IP pools, configuration sets,
//! message streams, KumoMTA tenants and Terraform resources.
//!
//! A name the monitoring mapping already records for the lane wins, so that
//! the events a vendor sends back name the lane the way the plan expects,
//! even after the lane is renamed; otherwise the name is derived from the
//! lane id, or, where the id is only a number such as `lane-1`, from the
//! lane's name, made to fit every vendor's rules. A name from an id or the
//! mapping is never cut to fit: one that breaks a vendor's rules is
//! reported instead (`platform::names`).
//!
//! Monitoring reads the same names (`named_lane`), so a key naming what the
//! vendor files set up is suggested for that lane.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::plan::model::{KeyKind, Lane, Plan};

/// A kind of name a vendor gives a lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameKind {
    SendgridPool,
    SendgridSubuser,
    SesConfigurationSet,
    SesPool,
    PostmarkStream,
    MailgunPool,
    KumoPool,
    KumoTenant,
    ListmonkServer,
    /// A Terraform or CloudFormation resource label.
    Resource,
}

/// What a vendor accepts for one kind of name.
struct Rule {
    min: u32,
    max: u32,
    allowed: fn(char) -> bool,
    /// The rule in words, for findings.
    says: &'static str,
    source: &'static str,
}

fn slug_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
}

/// What listmonk keeps of an SMTP server's name; it rewrites every other
/// character to `-` (`reAlphaNum` in cmd/settings.go).
fn listmonk_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
}

fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

fn rule(kind: NameKind) -> Rule {
    let sendgrid = "https://www.twilio.com/docs/sendgrid/api-reference/ip-pools";
    let ses =
        "https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_CreateConfigurationSet.html";
    match kind {
        NameKind::SendgridPool => Rule {
            min: 2,
            max: 64,
            allowed: word_char,
            says: "2 to 64 letters, digits, hyphens or underscores",
            source: sendgrid,
        },
        NameKind::SendgridSubuser => Rule {
            min: 1,
            max: 64,
            allowed: word_char,
            says: "up to 64 letters, digits, hyphens or underscores",
            source: "https://www.twilio.com/docs/sendgrid/api-reference/subusers-api",
        },
        NameKind::SesConfigurationSet => Rule {
            min: 1,
            max: 64,
            allowed: word_char,
            says: "up to 64 letters, digits, hyphens or underscores",
            source: ses,
        },
        NameKind::SesPool => Rule {
            min: 1,
            max: 64,
            allowed: slug_char,
            says: "up to 64 lower-case letters, digits, hyphens or underscores",
            source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ses-dedicatedippool.html",
        },
        NameKind::PostmarkStream => Rule {
            min: 1,
            max: 30,
            allowed: slug_char,
            says: "up to 30 lower-case letters, digits, hyphens or underscores",
            source: "https://postmarkapp.com/developer/api/message-streams-api",
        },
        NameKind::MailgunPool | NameKind::KumoPool | NameKind::KumoTenant => Rule {
            min: 1,
            max: 64,
            allowed: word_char,
            says: "up to 64 letters, digits, hyphens or underscores",
            source: "https://documentation.mailgun.com/docs/mailgun/api-reference/",
        },
        NameKind::ListmonkServer => Rule {
            min: 1,
            max: 64,
            allowed: listmonk_char,
            says: "lower-case letters, digits and hyphens (listmonk rewrites the rest)",
            source: "https://github.com/knadh/listmonk/blob/master/cmd/settings.go",
        },
        NameKind::Resource => Rule {
            min: 1,
            max: 64,
            allowed: word_char,
            says: "letters, digits, hyphens or underscores, starting with a letter",
            source: "https://developer.hashicorp.com/terraform/language/syntax/configuration",
        },
    }
}

/// The kinds of name the monitoring mapping records, each with the kind of
/// lane key it is recorded as: the names a vendor's events carry.
const RECORDED: [(NameKind, KeyKind); 4] = [
    (NameKind::SendgridPool, KeyKind::SendgridPool),
    (NameKind::SesConfigurationSet, KeyKind::SesConfigurationSet),
    (NameKind::PostmarkStream, KeyKind::PostmarkStream),
    (NameKind::KumoPool, KeyKind::KumoPool),
];

/// The name `kind` gives `lane` at its vendor.
pub fn lane_name(plan: &Plan, lane: &Lane, kind: NameKind) -> String {
    named(plan, lane, kind, || base(plan, lane))
}

/// The name the mapping records for `lane` as `kind`, else the one derived
/// from the base `base` gives.
fn named(plan: &Plan, lane: &Lane, kind: NameKind, base: impl FnOnce() -> String) -> String {
    let recorded = RECORDED
        .iter()
        .find(|(n, _)| *n == kind)
        .and_then(|&(_, k)| {
            (plan.monitoring.mapping.iter())
                .find(|m| m.kind == k && m.lane == lane.id && !m.key.is_empty())
        });
    match recorded {
        Some(m) => m.key.clone(),
        None => derive(&base(), kind),
    }
}

/// The lane the vendor files set up under `value`, a name of the kind a
/// key of `kind` is, whatever its case; `None` for a kind no file names.
pub fn named_lane<'a>(plan: &'a Plan, kind: KeyKind, value: &str) -> Option<&'a Lane> {
    let &(name_kind, _) = RECORDED.iter().find(|(_, k)| *k == kind)?;
    let bases = bases(plan);
    (plan.lanes.iter().zip(bases)).find_map(|(lane, base)| {
        let name = named(plan, lane, name_kind, || base);
        name.eq_ignore_ascii_case(value.trim()).then_some(lane)
    })
}

/// Whether `id` is only a number, such as a new plan's `lane-1`, which says
/// nothing of the lane at a vendor.
fn numbered(id: &str) -> bool {
    id.strip_prefix("lane-")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The longest name taken from a lane's name, so that it fits every
/// vendor's rules (Postmark's streams take 30 characters).
const SLUG_MAX: usize = 30;

/// A lane's name as lower-case letters and digits, each run of other
/// characters one hyphen, cut to `SLUG_MAX` after a whole word where it can.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.len() > SLUG_MAX {
        let words = out[..=SLUG_MAX].rfind('-').unwrap_or(SLUG_MAX);
        out.truncate(words);
    }
    out.trim_end_matches('-').to_string()
}

/// What `lane`'s names are derived from: see `bases`.
fn base(plan: &Plan, lane: &Lane) -> String {
    if !numbered(&lane.id) {
        return lane.id.clone();
    }
    let at = plan.lanes.iter().position(|l| l.id == lane.id);
    at.and_then(|i| bases(plan).into_iter().nth(i))
        .unwrap_or_else(|| lane.id.clone())
}

/// What each lane's names are derived from, in lane order: its id, or, for
/// a numbered id, its name as a slug, numbered on where another lane's id
/// or slug, or a name the mapping records for another lane, has it. The id
/// stays where the name gives fewer than two characters (SendGrid's least).
fn bases(plan: &Plan) -> Vec<String> {
    let slugs: Vec<Option<String>> = (plan.lanes.iter())
        .map(|l| Some(slug(&l.name)).filter(|s| numbered(&l.id) && s.len() >= 2))
        .collect();
    let mut taken: HashSet<String> = (plan.lanes.iter().zip(&slugs))
        .filter(|(_, s)| s.is_none())
        .map(|(l, _)| l.id.to_ascii_lowercase())
        .collect();
    let recorded: HashMap<String, &str> = (plan.monitoring.mapping.iter())
        .filter(|m| RECORDED.iter().any(|(_, k)| *k == m.kind))
        .map(|m| (m.key.trim().to_ascii_lowercase(), m.lane.as_str()))
        .collect();
    let free = |name: &str, lane: &str, taken: &HashSet<String>| {
        !taken.contains(name) && recorded.get(name).is_none_or(|l| *l == lane)
    };
    (plan.lanes.iter().zip(slugs))
        .map(|(lane, slug)| {
            let Some(slug) = slug else {
                return lane.id.clone();
            };
            let mut name = slug.clone();
            for n in 2u32.. {
                if free(&name, &lane.id, &taken) {
                    break;
                }
                let tail = format!("-{n}");
                let head = &slug[..slug.len().min(SLUG_MAX - tail.len())];
                name = format!("{}{tail}", head.trim_end_matches('-'));
            }
            taken.insert(name.clone());
            name
        })
        .collect()
}

/// The base rewritten into the characters `kind` allows.
fn derive(id: &str, kind: NameKind) -> String {
    let allowed = rule(kind).allowed;
    let lowered = id.to_ascii_lowercase();
    let mut name: String = lowered
        .chars()
        .map(|c| if allowed(c) { c } else { '-' })
        .collect();
    match kind {
        NameKind::ListmonkServer => name.insert_str(0, "email-"),
        NameKind::Resource => name = name.replace('-', "_"),
        _ => {}
    }
    if kind == NameKind::Resource && !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "lane_");
    }
    name
}

/// Why `name` is not valid for `kind`, if it is not.
pub fn problem(name: &str, kind: NameKind) -> Option<String> {
    let rule = rule(kind);
    let length = name.chars().count() as u32;
    let fits = (rule.min..=rule.max).contains(&length);
    if fits && name.chars().all(rule.allowed) {
        return None;
    }
    Some(format!(
        "“{name}” is not a valid name here: use {}.",
        rule.says
    ))
}

/// The source that states the rule for `kind`.
pub fn source(kind: NameKind) -> &'static str {
    rule(kind).source
}
