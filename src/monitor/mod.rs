//! Monitoring by lane: delivery data that teams already export (vendors'
//! event streams, a per-day CSV, Microsoft SNDS, Google Postmaster Tools),
//! read in chunks, attributed to lanes by each vendor's lane key and kept
//! only as counts per day, lane key and mailbox provider. Recipient
//! addresses and message contents are never kept.

pub mod findings;
pub mod formats;
pub mod frame;
pub mod generate;
pub mod health;
pub mod import;
pub mod kept;
pub mod protocol;
pub mod refused;
pub mod review;
pub mod tables;

use serde::{Deserialize, Serialize};

pub use crate::plan::model::{KeyKind, Mailbox};

/// A lane key as found in the data.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LaneKey {
    pub kind: KeyKind,
    pub value: String,
}

/// Reading a provider from delivery data.
impl Mailbox {
    /// The provider of a recipient address or domain, without allocating:
    /// this runs for every imported event.
    pub fn of(address_or_domain: &str) -> Mailbox {
        // Plain byte loops: addresses are short, too short for `memchr`.
        let bytes = address_or_domain.as_bytes();
        let domain = match bytes.iter().rposition(|&b| b == b'@') {
            Some(at) => &address_or_domain[at + 1..],
            None => address_or_domain,
        };
        let domain = domain.trim();
        let base = match domain.bytes().position(|b| b == b'.') {
            Some(dot) => &domain[..dot],
            None => domain,
        };
        // Lower-cased on the stack: no name below is longer than 11 bytes.
        let mut buffer = [0u8; 11];
        let Some(lower) = buffer.get_mut(..base.len()) else {
            return Mailbox::Other;
        };
        lower.copy_from_slice(base.as_bytes());
        lower.make_ascii_lowercase();
        match &*lower {
            b"gmail" | b"googlemail" => Mailbox::Gmail,
            b"yahoo" | b"ymail" | b"rocketmail" | b"aol" | b"aim" => Mailbox::Yahoo,
            b"outlook" | b"hotmail" | b"live" | b"msn" | b"windowslive" => Mailbox::Microsoft,
            b"icloud" | b"me" | b"mac" => Mailbox::Apple,
            _ => Mailbox::Other,
        }
    }

    /// A provider's name as vendors write it (SparkPost's `mailbox_provider`,
    /// the CSV template's column).
    pub fn from_name(name: &str) -> Option<Mailbox> {
        let name = name.trim().to_ascii_lowercase();
        Some(match name.as_str() {
            "" => return None,
            n if n.starts_with("gmail") || n.starts_with("google") => Mailbox::Gmail,
            n if n.starts_with("yahoo") || n.starts_with("aol") => Mailbox::Yahoo,
            n if n.starts_with("microsoft")
                || n.starts_with("outlook")
                || n.starts_with("hotmail") =>
            {
                Mailbox::Microsoft
            }
            n if n.starts_with("apple") || n.starts_with("icloud") => Mailbox::Apple,
            _ => Mailbox::Other,
        })
    }
}

/// Counts for one day, lane key and provider.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub sent: u64,
    pub delivered: u64,
    pub hard_bounces: u64,
    pub soft_bounces: u64,
    pub deferred: u64,
    pub complaints: u64,
    pub opens: u64,
    /// Opens a vendor flagged as machine opens (Apple Mail Privacy
    /// Protection).
    pub machine_opens: u64,
    pub clicks: u64,
    pub unsubscribes: u64,
    pub revenue_cents: u64,
    /// Microsoft SNDS spam-trap hits.
    pub trap_hits: u64,
    /// Microsoft SNDS filter result: 0 none, 1 green, 2 yellow, 3 red.
    pub filter: u8,
}

impl Counts {
    /// Adds `other`'s counts. Imported files can hold any number, so the
    /// sums stop at the largest count rather than wrap to a small one.
    pub fn add(&mut self, other: &Counts) {
        let sum = |a: &mut u64, b: u64| *a = a.saturating_add(b);
        sum(&mut self.sent, other.sent);
        sum(&mut self.delivered, other.delivered);
        sum(&mut self.hard_bounces, other.hard_bounces);
        sum(&mut self.soft_bounces, other.soft_bounces);
        sum(&mut self.deferred, other.deferred);
        sum(&mut self.complaints, other.complaints);
        sum(&mut self.opens, other.opens);
        sum(&mut self.machine_opens, other.machine_opens);
        sum(&mut self.clicks, other.clicks);
        sum(&mut self.unsubscribes, other.unsubscribes);
        sum(&mut self.revenue_cents, other.revenue_cents);
        sum(&mut self.trap_hits, other.trap_hits);
        self.filter = self.filter.max(other.filter);
    }

    /// Mail sent: as counted, or at least what was delivered or bounced,
    /// for data without send events. Counts of several lane keys are added
    /// each with its own sent (`health`), so that one key's deliveries
    /// never stand in for another key's sends.
    pub fn sent_or_inferred(&self) -> u64 {
        self.sent.max(
            self.delivered
                .saturating_add(self.hard_bounces)
                .saturating_add(self.soft_bounces),
        )
    }
}

/// One row of the kept aggregates: (day, index into the source's keys,
/// provider, counts). Days count from 1970-01-01.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row(pub i32, pub u32, pub Mailbox, pub Counts);

/// A kept file's counts as the worker counts them again: when a later
/// file's sends may give its events a pool, or another file is forgotten.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recount {
    pub fingerprint: String,
    pub keys: Vec<LaneKey>,
    pub rows: Vec<Row>,
    pub without_key: u64,
    pub duplicates: u64,
}

/// A skipped line's reason as the page words it. A JSON parser's place
/// ("at line 1 column 40") counts from the record's own first line, which
/// is the line the list names, so it becomes the column, or the lines
/// further on. The parser's message is put in plain words: a field the
/// record lacks is named (a time as the other reasons say it, with no
/// place, since the parser only notices at the record's end), and a
/// syntax error says the record is not valid JSON.
pub fn skip_reason(why: &str) -> String {
    let place = why.rsplit_once(" at line ").and_then(|(message, place)| {
        let (line, column) = place.split_once(" column ")?;
        Some((
            message,
            line.parse::<u32>().ok()?,
            column.parse::<u32>().ok()?,
        ))
    });
    let Some((message, line, column)) = place else {
        return why.to_string();
    };
    // The parser's own message, after any words of ours (an SES
    // notification's reason names the notification first).
    let at = ["missing field `", "invalid type: ", "invalid value: "]
        .iter()
        .find_map(|p| message.find(p));
    let (ours, parser) = message.split_at(at.unwrap_or(0));
    let field = (parser.strip_prefix("missing field `")).and_then(|f| f.strip_suffix('`'));
    let plain = match (field, parser.split_once(", expected ")) {
        (Some("timestamp"), _) => return format!("{ours}the record has no readable time"),
        (Some(field), _) => return format!("{ours}the record has no “{field}” field"),
        (None, Some((found, expected))) if at.is_some() => {
            let found = found.split_once(": ").map_or(found, |(_, f)| f);
            format!("{ours}a field holds {found} where {expected} belongs")
        }
        _ if message.starts_with("the ") => message.to_string(),
        _ if message.starts_with("EOF ") => "the record is cut off".to_string(),
        _ => format!("the record is not valid JSON: {message}"),
    };
    match line {
        0 | 1 => format!("{plain} (column {column})"),
        line => format!("{plain} ({} lines further, column {column})", line - 1),
    }
}

/// One imported file: what it was and the counts it contributed.
/// Importing a file with the same fingerprint again replaces it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    pub fingerprint: String,
    pub format: String,
    pub records: u64,
    pub skipped: u64,
    pub duplicates: u64,
    pub keys: Vec<LaneKey>,
    pub rows: Vec<Row>,
    /// Google Postmaster Tools figures: (day, domain, spam rate in %).
    #[serde(default)]
    pub postmaster: Vec<(i32, String, f64)>,
    /// The first skipped lines: (line, why).
    #[serde(default)]
    pub skipped_lines: Vec<(u32, String)>,
    /// Events that named no lane key at all.
    #[serde(default)]
    pub without_key: u64,
}

impl Source {
    /// Takes the counts the worker counted again.
    pub fn recount(&mut self, counts: Recount) {
        self.keys = counts.keys;
        self.rows = counts.rows;
        self.without_key = counts.without_key;
        self.duplicates = counts.duplicates;
    }

    /// Whether the file gave nothing at all, not even lines to skip (a
    /// header alone): it is refused, and not kept.
    pub fn gave_nothing(&self) -> bool {
        self.records == 0 && self.skipped == 0
    }
}

/// Everything imported for one plan, kept in the browser beside the plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Store {
    /// Oldest import first. Where per-day CSV files give the same day,
    /// lane and provider, the later file's figures count.
    pub sources: Vec<Source>,
}

impl Store {
    /// Adds a source last, as the newest import. A file with the same
    /// fingerprint (the same content, under any name) is the same file:
    /// the earlier import is replaced, so nothing is counted twice.
    pub fn add(&mut self, source: Source) {
        self.sources.retain(|s| s.fingerprint != source.fingerprint);
        self.sources.push(source);
    }

    /// The SendGrid pools file `fingerprint` names on which other kept
    /// files count events too, where the worker does not hold both files
    /// (`held`, as after a reload): events joined to its sends stay on
    /// those pools when it is forgotten, which its Forget question says.
    pub fn pools_shared(&self, fingerprint: &str, held: &[String]) -> Vec<String> {
        let Some(file) = self.sources.iter().find(|s| s.fingerprint == fingerprint) else {
            return Vec::new();
        };
        // Events on `key` in `s`, or with `sends`, the sends that name it.
        let counted = |s: &Source, key: &LaneKey, sends: bool| {
            let at = s.keys.iter().position(|k| k == key);
            (s.rows.iter()).any(|r| Some(r.1 as usize) == at && (!sends || r.3.sent > 0))
        };
        let others: Vec<&Source> = (self.sources.iter())
            .filter(|s| s.fingerprint != fingerprint && !both_held(held, file, s))
            .collect();
        (file.keys.iter())
            .filter(|k| k.kind == KeyKind::SendgridPool && counted(file, k, true))
            .filter(|k| others.iter().any(|s| counted(s, k, false)))
            .map(|k| k.value.clone())
            .collect()
    }

    /// The kept files whose dropped duplicates may be events the file
    /// `fingerprint` counted first: forgetting it leaves those counted
    /// nowhere, where an import without it would have counted them, so its
    /// Forget question and line name them, to import again. They are the
    /// files of its format that dropped duplicates and that the worker does
    /// not hold (`held`): a file it holds dropped none of a file it does not
    /// hold, and when it holds both it counts them again. Where they stand
    /// in the list says nothing, since a file imported again moves to its
    /// end, after files that dropped its events before.
    pub fn dropped_maybe_from(&self, fingerprint: &str, held: &[String]) -> Vec<&Source> {
        let Some(file) = self.sources.iter().find(|s| s.fingerprint == fingerprint) else {
            return Vec::new();
        };
        (self.sources.iter())
            .filter(|s| s.fingerprint != fingerprint && s.format == file.format)
            .filter(|s| s.duplicates > 0 && !held.contains(&s.fingerprint))
            .collect()
    }

    /// Puts kept files' counts as the worker counted them again; a file
    /// no longer kept is passed over.
    pub fn recounted(&mut self, counts: Vec<Recount>) {
        for c in counts {
            let kept = (self.sources.iter_mut()).find(|s| s.fingerprint == c.fingerprint);
            if let Some(kept) = kept {
                kept.recount(c);
            }
        }
    }
}

/// Whether the worker holds the events of both files (`held`, by
/// fingerprint), so that forgetting one counts the other as if it had
/// never been imported.
pub fn both_held(held: &[String], a: &Source, b: &Source) -> bool {
    held.contains(&a.fingerprint) && held.contains(&b.fingerprint)
}

/// Days since 1970-01-01 of a UNIX time in seconds (or milliseconds).
pub fn day_of_unix(seconds: f64) -> Option<i32> {
    // Seconds reach the year 3000 at this; a time past it is in
    // milliseconds, as some exports write it.
    const YEAR_3000: f64 = 32_503_680_000.0;
    let seconds = if seconds > YEAR_3000 {
        seconds / 1000.0
    } else {
        seconds
    };
    if !seconds.is_finite() || !(0.0..=YEAR_3000).contains(&seconds) {
        return None;
    }
    in_reach((seconds / 86_400.0).floor() as i32)
}

/// Days since 1970-01-01 of a date or timestamp starting YYYY-MM-DD.
pub fn day_of_iso(text: &str) -> Option<i32> {
    let date = crate::warmup::calendar::date(text.get(..10)?)?;
    in_reach(days_since_1970(date) + utc_shift(text).unwrap_or(0))
}

/// Days since 1970-01-01 of a year, month and day, from 2000 to 2199 as
/// `day_of_iso` reads them.
pub fn day_of_ymd(year: u64, month: u64, day: u64) -> Option<i32> {
    let (y, m, d) = (
        year.min(99_999) as i32,
        month.min(99) as u32,
        day.min(99) as u32,
    );
    in_reach(days_since_1970(chrono::NaiveDate::from_ymd_opt(y, m, d)?))
}

fn days_since_1970(date: chrono::NaiveDate) -> i32 {
    use chrono::Datelike;
    // 1970-01-01 is day 719,163 counted from 0001-01-01 as day 1.
    date.num_days_from_ce() - 719_163
}

/// A day from 2000 to 2199, as plans run; a time of 0, or 1970-01-01,
/// is a system's blank, not a day mail was sent.
fn in_reach(day: i32) -> Option<i32> {
    // 2000-01-01 and 2200-01-01 as days since 1970-01-01.
    (10_957..84_006).contains(&day).then_some(day)
}

/// The days a timestamp's UTC date lies from the date it is written with:
/// `2027-03-21T20:30:00-04:00` is 00:30 on the 22nd in UTC, as the times
/// vendors give in seconds are counted. `None` without a time and offset.
fn utc_shift(text: &str) -> Option<i32> {
    let time = text.get(10..)?.strip_prefix(['T', ' '])?;
    let number = |part: Option<&str>| part?.parse::<i32>().ok();
    let minutes = number(time.get(..2))? * 60 + number(time.get(3..5))?;
    let offset = if time.ends_with(['Z', 'z']) {
        0
    } else {
        let at = time.rfind(['+', '-']).filter(|&at| at >= 5)?;
        let sign = if time[at..].starts_with('-') { -1 } else { 1 };
        let zone = time[at + 1..].replace(':', "");
        let (hours, mins) = (number(zone.get(..2))?, number(zone.get(2..4)).unwrap_or(0));
        sign * (hours * 60 + mins)
    };
    Some((minutes - offset).div_euclid(24 * 60))
}

/// The date of a day number, as YYYY-MM-DD.
pub fn date_of_day(day: i32) -> String {
    let days = u64::try_from(day).unwrap_or(0);
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|e| e.checked_add_days(chrono::Days::new(days)))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// What the table readers need of an import in progress.
pub(crate) trait Sink {
    fn record(&mut self);
    fn skip_line(&mut self, line: u32, why: String);
    fn counts(&mut self, day: i32, kind: KeyKind, key: &str, mailbox: Mailbox) -> &mut Counts;
    fn postmaster(&mut self, day: i32, domain: String, spam_percent: f64);
}
