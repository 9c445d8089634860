//! Plan files: export to pretty JSON and import with checks.
//!
//! Import is a pipeline of refusals, cheapest first: size, text encoding,
//! nesting depth, JSON syntax, format version, text length (`limits`),
//! shape, then references. Each refusal names the problem and where it is.
//! Anything that looks like a credential is removed before the plan is
//! built, and reported.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::shape;
use crate::plan::diagnostic::Diagnostic;
use crate::plan::limits::{
    is_free_text, too_long, too_many, too_many_inside, MAX_DEPTH, MAX_TEXT_CHARS,
};
use crate::plan::model::{Plan, SCHEMA_VERSION};
use crate::plan::validate;
use crate::units::{count, group};

/// Largest plan file accepted, in bytes.
pub const MAX_IMPORT_BYTES: u64 = 5 * 1024 * 1024;

/// The plan as pretty JSON, fields in declaration order, ending in a newline.
pub fn export(plan: &Plan) -> String {
    let mut text = serde_json::to_string_pretty(plan).expect("a plan always serialises");
    text.push('\n');
    text
}

/// The longest brand part of a file name, in (ASCII) characters.
const MAX_SLUG: usize = 60;

/// The stem of the plan's file names, from the brand name:
/// `switchyard-fernleaf-coffee`.
pub fn file_stem(plan: &Plan) -> String {
    stem_of(&plan.brand.name)
}

/// The stem of a file name for a plan called `name`, as the picker calls
/// it: `switchyard-fernleaf-coffee-2` for “Fernleaf Coffee (2)”.
/// Letters of any script are kept, so “Brühaus Café” is `brühaus-café`.
pub fn stem_of(name: &str) -> String {
    let mut words = String::new();
    for c in name.chars() {
        match c.is_alphanumeric() {
            true => words.extend(c.to_lowercase()),
            false => words.push('-'),
        }
    }
    let mut slug = (words.split('-'))
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    // File systems allow 255 bytes a name; downloads add suffixes to this
    // stem, so a long brand is cut at a word, well short of that, and
    // never inside a letter.
    if slug.len() > MAX_SLUG {
        let boundary = |at: usize| (0..=at).rev().find(|&i| slug.is_char_boundary(i));
        let (word, letter) = (boundary(MAX_SLUG + 1), boundary(MAX_SLUG));
        let cut = slug[..word.unwrap_or(0)].rfind('-');
        slug.truncate(cut.or(letter).unwrap_or(0));
    }
    let slug = if slug.is_empty() {
        "plan".to_string()
    } else {
        slug
    };
    format!("switchyard-{slug}")
}

/// A file name for the exported plan.
pub fn export_file_name(plan: &Plan) -> String {
    format!("{}.json", file_stem(plan))
}

/// A successful import: the plan and what was removed or noticed on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub plan: Plan,
    /// JSON paths of values removed because they looked like credentials.
    pub removed_secrets: Vec<String>,
}

/// Why a file was refused. `location` is a JSON path or a line and column.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportError {
    pub message: String,
    pub location: String,
    pub hint: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message)?;
        if !self.location.is_empty() {
            write!(f, " (at {})", self.location)?;
        }
        if !self.hint.is_empty() {
            write!(f, ". {}", self.hint)?;
        }
        Ok(())
    }
}

pub(crate) fn refuse(
    message: impl Into<String>,
    location: impl Into<String>,
    hint: impl Into<String>,
) -> ImportError {
    ImportError {
        message: message.into(),
        location: location.into(),
        hint: hint.into(),
    }
}

/// Refuses a file by its size alone, before reading it.
pub fn check_size(bytes: u64) -> Result<(), ImportError> {
    if bytes > MAX_IMPORT_BYTES {
        // Rounded up, so a file just over the limit never reads as at it.
        let hundredths = (bytes * 100).div_ceil(1024 * 1024);
        return Err(refuse(
            format!(
                "The file is {} MB; plan files are at most {} MB",
                crate::units::fixed(hundredths as f64 / 100.0, 2),
                MAX_IMPORT_BYTES / (1024 * 1024)
            ),
            "",
            "Choose a Switchyard plan file exported from the app.",
        ));
    }
    Ok(())
}

/// Reads a plan file. The caller's current plan is not involved, so a refusal
/// cannot change it.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    read(bytes, true)
}

/// Reads a plan saved in this browser: as a file, except that text over
/// the length limit and lists over the count limits are kept, so that a
/// plan saved before the limits still opens.
pub fn restore(bytes: &[u8]) -> Result<Imported, ImportError> {
    read(bytes, false)
}

fn read(bytes: &[u8], limit_text: bool) -> Result<Imported, ImportError> {
    check_size(bytes.len() as u64)?;
    let mut value = parse(text_of(bytes)?)?;
    check_version(&value)?;
    let mut removed_secrets = Vec::new();
    scrub(&mut value, "$", &mut removed_secrets);
    clean_lines(&mut value, None);
    // A plan this browser saved opens whatever its size, so it is never
    // lost; files and links are held to the limits.
    if limit_text {
        check_counts(&value)?;
        check_inner_counts(&value)?;
        check_lengths(&value)?;
    }
    let mut plan: Plan = match Plan::deserialize(&value) {
        Ok(plan) => plan,
        Err(error) => {
            let error = error.to_string();
            let (mut message, path, hint) = shape::describe(value.clone(), &error);
            let more = shape::more_unknown_fields(value, &error);
            if !more.is_empty() {
                message = format!("{message}. Also not known: {}", more.join(", "));
            }
            return Err(refuse(message, path, hint));
        }
    };
    check_integrity(&plan)?;
    validate::normalize(&mut plan);
    plan.fill_row_ids();
    Ok(Imported {
        plan,
        removed_secrets,
    })
}

/// Cleans every one-line value as a field does (`units::clean_line`);
/// free text keeps its spaces and characters.
fn clean_lines(value: &mut Value, key: Option<&str>) {
    match value {
        Value::String(text) if !key.is_some_and(is_free_text) => {
            let clean = crate::units::clean_line(text);
            if clean != *text {
                *text = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| clean_lines(item, key)),
        Value::Object(map) => map
            .iter_mut()
            .for_each(|(k, item)| clean_lines(item, Some(k))),
        _ => {}
    }
}

/// The file's text without a byte-order mark, if it is UTF-8 and not empty.
fn text_of(bytes: &[u8]) -> Result<&str, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        // JSON saved in an older encoding, such as by a Windows editor,
        // still starts as JSON does.
        let json = bytes.trim_ascii_start().starts_with(b"{");
        refuse(
            "The file is not UTF-8 text",
            format!("byte {}", e.valid_up_to()),
            match json {
                true => "It looks like JSON saved in another encoding, such as Windows-1252: save it as UTF-8 and import it again.",
                false => "Plan files are JSON text; was a spreadsheet or image chosen?",
            },
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(refuse(
            "The file is empty",
            "",
            "Choose a plan file exported from Switchyard.",
        ));
    }
    Ok(text)
}

/// The file's JSON, or where its syntax breaks and how to mend it.
fn parse(text: &str) -> Result<Value, ImportError> {
    if let Some(refused) = not_json(text) {
        return Err(refused);
    }
    check_depth(text)?;
    let value = serde_json::from_str(text).map_err(|e| {
        let (what, hint) = if e.is_eof() {
            (
                "it ends too soon, as if it was cut off".to_string(),
                "The end of the file is missing: export the plan again, or copy the whole file.",
            )
        } else {
            (
                shape::syntax_words(strip_position(&e.to_string())),
                "Fix the syntax there, or export the plan again.",
            )
        };
        refuse(
            format!("The file is not valid JSON: {what}"),
            format!("line {}, column {}", e.line(), e.column()),
            hint,
        )
    })?;
    if let Some(e) = super::unique_keys::repeated_key(text) {
        return Err(refuse(
            format!(
                "The file names one field twice: {}",
                strip_position(&e.to_string())
            ),
            format!("line {}, column {}", e.line(), e.column()),
            "Keep the one you mean and delete the other; only one of the two would be read.",
        ));
    }
    Ok(value)
}

/// Text whose first character starts no JSON value, such as a CSV file's
/// header line: the file is some other kind, which the JSON reader's word
/// on a misspelled `true` would not tell.
fn not_json(text: &str) -> Option<ImportError> {
    let rest = text.trim_start();
    let first = rest.chars().next()?;
    if "{[\"-0123456789tfn".contains(first) {
        return None;
    }
    let line = text[..text.len() - rest.len()].matches('\n').count() + 1;
    let start: String = rest
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(40)
        .collect();
    Some(refuse(
        format!("The file is not a plan: a plan file is JSON, which starts with “{{”, and this one starts “{start}”"),
        format!("line {line}"),
        "Choose a plan exported from Switchyard, a .json file. Delivery data is imported on the Monitoring tab, and DMARC reports on the DMARC tab.",
    ))
}

/// Refuses JSON that is not a plan object with a format version this app
/// reads.
fn check_version(value: &Value) -> Result<(), ImportError> {
    let Value::Object(object) = value else {
        return Err(refuse(
            format!("The file's JSON is {}, not a plan object", kind_of(value)),
            "$",
            "A plan file is a JSON object with schema_version, brand, lanes, journeys and rules.",
        ));
    };
    let at = "$.schema_version";
    match object.get("schema_version") {
        None => Err(refuse(
            "The file has no schema_version, so it is not a Switchyard plan",
            at,
            "Export the plan from Switchyard, or add \"schema_version\": 1.",
        )),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v > u64::from(SCHEMA_VERSION) => Err(refuse(
                format!("The plan uses format version {v}, newer than this app reads (up to {SCHEMA_VERSION})"),
                at,
                "Open it in a newer Switchyard, or export it from there in an older format.",
            )),
            Some(v) if v >= 1 => Ok(()),
            _ => Err(refuse(
                format!("schema_version {n} is not a format version"),
                at,
                "Format versions are whole numbers from 1.",
            )),
        },
        Some(other) => Err(refuse(
            format!("schema_version is {}, not a number", kind_of(other)),
            at,
            "Write it as a number, such as 1.",
        )),
    }
}

/// Refuses a plan with more lanes, journeys, rules or migrations than a
/// browser tab can lay out in good time.
fn check_counts(value: &Value) -> Result<(), ImportError> {
    let Some((key, len, most)) = too_many(value) else {
        return Ok(());
    };
    Err(refuse(
        format!(
            "The plan has {} {key}; Switchyard opens plans of at most {}",
            group(len),
            group(u64::from(most))
        ),
        format!("$.{key}"),
        "Split it into several plans, or remove what is not needed from the file.",
    ))
}

/// Refuses a plan with a list inside its items longer than a browser tab
/// can check in good time, such as thousands of a lane's IP addresses.
fn check_inner_counts(value: &Value) -> Result<(), ImportError> {
    let Some((path, len, most)) = too_many_inside(value) else {
        return Ok(());
    };
    Err(refuse(
        format!(
            "A list holds {} items; Switchyard opens lists of at most {} there",
            group(len),
            group(u64::from(most))
        ),
        path,
        "Remove what is not needed from the file.",
    ))
}

/// Refuses a file holding a value longer than names and addresses may be.
fn check_lengths(value: &Value) -> Result<(), ImportError> {
    let Some((path, chars)) = too_long(value) else {
        return Ok(());
    };
    Err(refuse(
        format!(
            "A value is {} characters long; names, addresses, ids and dates are at most {}",
            group(chars),
            group(u64::from(MAX_TEXT_CHARS))
        ),
        path,
        "Shorten it in the file. Notes and pasted records may be longer.",
    ))
}

/// Refuses a plan whose ids or references are broken, naming the first
/// problem and how many more there are. The routes to a missing lane that
/// deleting a lane leaves are let in: Problems lists each with its fix,
/// and a plan saved or exported in that state must open again.
fn check_integrity(plan: &Plan) -> Result<(), ImportError> {
    let left = validate::routes_to_missing_lanes(plan);
    let broken: Vec<Diagnostic> = validate::integrity(plan)
        .into_iter()
        .filter(|d| !left.contains(d))
        .collect();
    let Some(first) = broken.first() else {
        return Ok(());
    };
    let more = match broken.len() - 1 {
        0 => String::new(),
        _ => format!("; the file also has {}", kinds_of(&broken[1..])),
    };
    Err(refuse(
        format!("{}{more}", first.message.trim_end_matches('.')),
        first.path.clone(),
        first.hint.clone(),
    ))
}

/// The kinds of `problems`, most common first, in words: "2 duplicate ids
/// and 1 broken reference".
fn kinds_of(problems: &[Diagnostic]) -> String {
    let mut kinds: Vec<(&str, u64)> = Vec::new();
    for d in problems {
        match kinds.iter_mut().find(|(code, _)| *code == d.code) {
            Some((_, n)) => *n += 1,
            None => kinds.push((&d.code, 1)),
        }
    }
    kinds.sort_by_key(|k| std::cmp::Reverse(k.1));
    let words: Vec<String> = (kinds.iter())
        .map(|(code, n)| match *code {
            "plan.duplicate_id" => count(*n, "duplicate id", "duplicate ids"),
            "plan.id_empty" => count(*n, "empty id", "empty ids"),
            "plan.repeated_item" => {
                count(*n, "repeated checklist entry", "repeated checklist entries")
            }
            _ => count(*n, "broken reference", "broken references"),
        })
        .collect();
    crate::units::and_list(&words)
}

/// Refuses nesting deeper than `MAX_DEPTH` before the parser sees it, so a
/// hostile file cannot exhaust the stack.
fn check_depth(text: &str) -> Result<(), ImportError> {
    let (mut depth, mut in_string, mut escaped) = (0u32, false, false);
    let (mut line, mut column) = (1u32, 0u32);
    for c in text.chars() {
        column += 1;
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(refuse(
                        format!("The file nests arrays and objects more than {MAX_DEPTH} deep"),
                        format!("line {line}, column {column}"),
                        "Plan files are shallow; this is not a Switchyard plan.",
                    ));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            '\n' => {
                line += 1;
                column = 0;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Field names that hold credentials in SMTP and ESP configurations.
const SECRET_KEYS: [&str; 12] = [
    "password",
    "passwd",
    "pass",
    "secret",
    "api_key",
    "apikey",
    "token",
    "access_key",
    "private_key",
    "credentials",
    "auth",
    "smtp_password",
];

/// Removes credential-looking fields and values, recording their paths.
fn scrub(value: &mut Value, path: &str, removed: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            let doomed: Vec<String> = map
                .keys()
                .filter(|key| is_secret_key(key))
                .cloned()
                .collect();
            for key in doomed {
                map.remove(&key);
                removed.push(format!("{path}.{key}"));
            }
            for (key, child) in map.iter_mut() {
                // DNS records hold public keys, which look random but are no secret.
                if path == "$" && key == "existing_records" {
                    continue;
                }
                scrub(child, &format!("{path}.{key}"), removed);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter_mut().enumerate() {
                scrub(child, &format!("{path}[{index}]"), removed);
            }
        }
        Value::String(text) => {
            if let Some(clean) = redact(text) {
                // A value that was a credential and nothing else is
                // cleared, so that exports write their placeholder for it
                // rather than the marker as if it were the value.
                *text = if clean.starts_with('[') && clean.ends_with(" removed]") {
                    String::new()
                } else {
                    clean
                };
                removed.push(path.to_string());
            }
        }
        _ => {}
    }
}

/// Removes credential-looking tokens from every text in a plan but its
/// pasted DNS records, as an import does. Returns the paths changed.
pub fn scrub_plan(plan: &mut Plan) -> Vec<String> {
    let mut removed = Vec::new();
    // At `$`, `scrub` leaves the pasted DNS records alone.
    scrub_part_anyway(plan, "$", &mut removed);
    removed
}

/// Removes credential-looking tokens from the parts of `plan` that differ
/// from `before`, as `scrub_plan` does for a whole plan: an edit changes a
/// part or two, and the rest were scrubbed when they changed. Returns the
/// paths changed.
pub fn scrub_changes(before: &Plan, plan: &mut Plan) -> Vec<String> {
    let mut out = Vec::new();
    // Every field is named, so the compiler asks for any field added later.
    let Plan {
        schema_version: _,
        id,
        brand,
        lanes,
        journeys,
        rules,
        default_lane,
        notes,
        dmarc,
        // DNS records hold public keys, which look random but are no secret.
        existing_records: _,
        extras,
        simulation,
        checklist,
        preferences,
        monitoring,
        platform,
        migrations,
        peak_window,
    } = plan;
    scrub_part(&before.id, id, "$.id", &mut out);
    scrub_part(&before.brand, brand, "$.brand", &mut out);
    scrub_items(&before.lanes, lanes, "$.lanes", &mut out);
    scrub_items(&before.journeys, journeys, "$.journeys", &mut out);
    scrub_items(&before.rules, rules, "$.rules", &mut out);
    scrub_part(
        &before.default_lane,
        default_lane,
        "$.default_lane",
        &mut out,
    );
    scrub_part(&before.notes, notes, "$.notes", &mut out);
    scrub_part(&before.dmarc, dmarc, "$.dmarc", &mut out);
    scrub_part(&before.extras, extras, "$.extras", &mut out);
    scrub_part(&before.simulation, simulation, "$.simulation", &mut out);
    scrub_part(&before.checklist, checklist, "$.checklist", &mut out);
    scrub_part(&before.preferences, preferences, "$.preferences", &mut out);
    scrub_part(&before.monitoring, monitoring, "$.monitoring", &mut out);
    scrub_part(&before.platform, platform, "$.platform", &mut out);
    scrub_items(&before.migrations, migrations, "$.migrations", &mut out);
    scrub_part(&before.peak_window, peak_window, "$.peak_window", &mut out);
    out
}

/// Scrubs each item of a list that differs from the one at its place before.
fn scrub_items<T>(before: &[T], now: &mut [T], path: &str, out: &mut Vec<String>)
where
    T: PartialEq + Serialize + for<'de> Deserialize<'de>,
{
    if before == now {
        return;
    }
    for (i, item) in now.iter_mut().enumerate() {
        if before.get(i) != Some(item) {
            scrub_part_anyway(item, &format!("{path}[{i}]"), out);
        }
    }
}

/// Scrubs one part of a plan if it differs from what it was.
fn scrub_part<T>(before: &T, now: &mut T, path: &str, out: &mut Vec<String>)
where
    T: PartialEq + Serialize + for<'de> Deserialize<'de>,
{
    if before != now {
        scrub_part_anyway(now, path, out);
    }
}

/// Scrubs one part of a plan through JSON, with the writer and reader the
/// plan's own export and import compile for it, so no new serialiser is
/// built for a part.
fn scrub_part_anyway<T>(part: &mut T, path: &str, out: &mut Vec<String>)
where
    T: Serialize + for<'de> Deserialize<'de>,
{
    let text = serde_json::to_string(&*part).unwrap_or_default();
    let Ok(mut value) = serde_json::from_str::<Value>(&text) else {
        return;
    };
    let mut removed = Vec::new();
    scrub(&mut value, path, &mut removed);
    if removed.is_empty() {
        return;
    }
    // Only text changed, and no tag or date looks like a credential, so
    // the part reads back.
    if let Ok(clean) = T::deserialize(&value) {
        *part = clean;
        out.extend(removed);
    }
}

fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase().replace('-', "_");
    SECRET_KEYS.iter().any(|secret| {
        key == *secret
            || key.ends_with(&format!("_{secret}"))
            || (secret.len() > 5 && key.contains(secret))
    })
}

/// The text with credential-looking tokens replaced, or `None` if it has none.
pub fn redact(text: &str) -> Option<String> {
    if text.contains("-----BEGIN") && text.contains("PRIVATE KEY") {
        return Some("[private key removed]".to_string());
    }
    // Words end at white space of any kind, and at `=` and `:`, so a key
    // on a line of its own or after `api_key=` is found too.
    let mut cleaned = String::with_capacity(text.len());
    let mut changed = false;
    // Set after a label such as `password:`, so the word after it goes.
    let mut labelled = false;
    for piece in text.split_inclusive(|c: char| c.is_whitespace() || c == '=' || c == ':') {
        let end = piece
            .char_indices()
            .last()
            .filter(|&(_, c)| c.is_whitespace() || c == '=' || c == ':')
            .map_or(piece.len(), |(at, _)| at);
        let (word, separator) = piece.split_at(end);
        let bare = word.trim_matches(|c: char| "\"'`,;()[]{}<>“”‘’«»".contains(c));
        if !bare.is_empty() && ((labelled && looks_like_password(bare)) || looks_like_secret(bare))
        {
            changed = true;
            cleaned.push_str(&word.replace(bare, "[secret removed]"));
            labelled = false;
        } else {
            cleaned.push_str(word);
            if !bare.is_empty() {
                labelled = matches!(separator, "=" | ":") && is_secret_label(bare);
            }
        }
        cleaned.push_str(separator);
    }
    changed.then_some(cleaned)
}

/// A word after a credential's label that could be one: six characters
/// or more with a digit or a symbol, so that “password: sends a link”
/// keeps its words.
fn looks_like_password(word: &str) -> bool {
    word.chars().count() >= 6 && word.chars().any(|c| !c.is_alphabetic())
}

/// A word that introduces a credential in free text: `password:`,
/// `api_key=`, `SMTP_PASSWORD=`.
fn is_secret_label(word: &str) -> bool {
    let word = word.to_ascii_lowercase().replace('-', "_");
    [
        "password", "passwd", "pwd", "secret", "api_key", "apikey", "token",
    ]
    .iter()
    .any(|label| word == *label || word.ends_with(&format!("_{label}")))
}

/// Known credential formats: SendGrid keys, AWS access key ids, Mailgun keys,
/// Brevo keys and long random-looking tokens (see `looks_random`). UUIDs are left alone: they are
/// common identifiers, and a Postmark token only matters under a secret key.
fn looks_like_secret(word: &str) -> bool {
    let alnum = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let sendgrid = word.starts_with("SG.") && word.len() > 40 && word[3..].split('.').count() == 2;
    let aws = (word.starts_with("AKIA") || word.starts_with("ASIA"))
        && word.len() == 20
        && word
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let mailgun = word.starts_with("key-") && word.len() >= 36 && alnum(word);
    let brevo = word.starts_with("xkeysib-") || word.starts_with("xsmtpsib-");
    // Mailgun's newer keys: 32, 8 and 8 hexadecimal digits.
    let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
    let parts: Vec<&str> = word.split('-').collect();
    let mailgun_new = parts.len() == 3 && hex(parts[0], 32) && hex(parts[1], 8) && hex(parts[2], 8);
    // An AWS secret access key: 40 characters of base64.
    let aws_secret = word.len() == 40
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+')
        && word
            .bytes()
            .any(|b| b.is_ascii_digit() || b == b'/' || b == b'+')
        && word.bytes().any(|b| b.is_ascii_uppercase())
        && word.bytes().any(|b| b.is_ascii_lowercase())
        && in_words(word.as_bytes()) * 10 < word.len() * 6;
    let random = word.len() >= 32 && alnum(word) && word.split(['-', '_']).any(looks_random);
    sendgrid || aws || mailgun || mailgun_new || aws_secret || brevo || random
}

/// A run of 20 or more letters and digits that mixes both cases and digits
/// and reads as no words: in names such as
/// `WelcomeSeriesForNewSubscribersInEurope24` most letters belong to
/// words (a letter and two or more small letters after it); in a random
/// token few do.
fn looks_random(run: &str) -> bool {
    let bytes = run.as_bytes();
    bytes.len() >= 20
        && bytes.iter().any(u8::is_ascii_digit)
        && bytes.iter().any(u8::is_ascii_uppercase)
        && bytes.iter().any(u8::is_ascii_lowercase)
        && in_words(bytes) * 10 < bytes.len() * 6
}

/// How many of `bytes` are in word-like runs: a letter followed by two or
/// more small letters.
fn in_words(bytes: &[u8]) -> usize {
    let (mut at, mut covered) = (0, 0);
    while at < bytes.len() {
        let small = (bytes[at + 1..].iter())
            .take_while(|b| b.is_ascii_lowercase())
            .count();
        if bytes[at].is_ascii_alphabetic() && small >= 2 {
            covered += 1 + small;
            at += 1 + small;
        } else {
            at += 1;
        }
    }
    covered
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json appends " at line L column C"; the location is shown separately.
fn strip_position(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}
