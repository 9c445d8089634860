//! One file's import: fed in chunks, it finds the format, reads every
//! record, skips and reports the broken ones by line, drops events seen
//! before, and sums the rest per day, lane key and mailbox provider.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};

use super::formats::{self, Event, Format, Kind};
use super::frame::{Framer, Piece};
use super::refused::Refused;
use super::{Counts, KeyKind, LaneKey, Mailbox, Moved, Row, Sink, Source};

/// Skipped lines listed by line number; the rest are only counted.
pub const LISTED_SKIPS: usize = 20;

/// Event ids already counted, and the file (by fingerprint) that counted
/// them, so that two files with the same events count them once; and the
/// files imported, so that an import can say what it replaced of them.
#[derive(Default)]
pub struct Seen {
    ids: HashMap<u64, u64>,
    /// The files imported, oldest first, as the page's `Store` keeps them.
    files: Vec<FileSeen>,
    /// Events of earlier files that the last file's sends gave a pool,
    /// for the page to move (`take_moved`).
    moved: Vec<Moved>,
}

/// An event waiting for its send's pool: (message hash, day, kind,
/// provider, its own key).
type Waiting = (u64, i32, Kind, Mailbox, Option<u32>);

/// A file imported: its name, the per-day CSV days it gave, what its
/// import found of the files before it, and the pools its sends named.
struct FileSeen {
    tag: u64,
    fingerprint: String,
    name: String,
    days: HashSet<CsvDay>,
    earlier: Earlier,
    /// The pool each message the file sent went through, by a hash of its
    /// id, as an index into `keys`: SendGrid's later files carry
    /// deliveries and opens without the pool their send named. They go
    /// with the file, so forgetting it forgets only the pools it taught.
    pools: HashMap<u64, u32>,
    keys: Vec<LaneKey>,
    /// Its events no send's pool had reached, for a later file's sends.
    orphans: Vec<Waiting>,
}

/// A per-day CSV row's day, lane and mailbox provider: a later file's row
/// for the same replaces it.
type CsvDay = (i32, String, Mailbox);

/// What an import found of the files imported before it, for its report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Earlier {
    /// The name of a file imported before with the same content (the same
    /// fingerprint): the same file, whose import this one replaced.
    pub same_content: Option<String>,
    /// Per-day CSV days (date, lane and provider) another file gave before,
    /// whose figures this file's replace: (that file's name, days), in the
    /// order they were met.
    pub replaced_days: Vec<(String, u64)>,
}

impl Seen {
    /// Forgets the events of a file whose import was removed.
    pub fn forget(&mut self, fingerprint: &str) {
        let tag = tag_of(fingerprint);
        self.ids.retain(|_, t| *t != tag);
        self.files.retain(|f| f.tag != tag);
    }

    /// The pool an earlier file's send of `message` named, the latest
    /// file's first.
    fn pool_of(&self, message: u64) -> Option<LaneKey> {
        (self.files.iter().rev())
            .find_map(|f| f.keys.get(*f.pools.get(&message)? as usize))
            .cloned()
    }

    /// Events of earlier files that the last file's sends gave a pool.
    pub fn take_moved(&mut self) -> Vec<Moved> {
        std::mem::take(&mut self.moved)
    }

    /// What the import of the file with `fingerprint` found of the files
    /// imported before it; `None` if it was not imported here.
    pub fn earlier(&self, fingerprint: &str) -> Option<&Earlier> {
        let tag = tag_of(fingerprint);
        self.files.iter().find(|f| f.tag == tag).map(|f| &f.earlier)
    }
}

fn message_hash(message: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = siphasher::sip::SipHasher13::new();
    message.hash(&mut h);
    h.finish()
}

/// A file's first two bytes are UTF-16's byte order mark, or ASCII text
/// with a NUL byte beside each letter, as UTF-16 without one writes it.
fn is_utf16(head: &[u8]) -> bool {
    matches!(head, [0xFF, 0xFE] | [0xFE, 0xFF] | [0, _] | [_, 0])
}

/// A file's tag, from its fingerprint, or a lane key's: a hash to find it
/// by among the few there are.
fn tag_of(value: impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    value.hash(&mut h);
    h.finish()
}

/// How many records before the first a format is known by may be passed
/// over.
const UNKNOWN_LEAD: u64 = 20;

/// Why a record before the format is known is passed over.
const UNKNOWN_RECORD: &str = "no format Switchyard reads has this record";

enum Mode {
    /// Waiting for the first record or line.
    Start,
    Events(Format),
    /// A whole document read at the end: CSV, or Postmaster statistics.
    Document,
    Unknown,
    /// UTF-16 text, which is not read.
    Utf16,
}

pub struct Importer<'s> {
    name: String,
    fingerprint: String,
    tag: u64,
    mode: Mode,
    /// The first byte that is not white space has been seen.
    sniffed: bool,
    /// White space before it.
    before: Vec<u8>,
    /// The file's first two bytes, which tell UTF-16 text.
    head: Vec<u8>,
    framer: Framer,
    /// The text of a CSV or Postmaster file.
    document: Vec<u8>,
    seen: &'s mut Seen,
    /// The index of each key in `key_list`, by a hash of the key.
    keys: HashMap<u64, u32>,
    key_list: Vec<LaneKey>,
    counts: DayCounts,
    /// SendGrid: the pool each message went through (from `processed`),
    /// and events still waiting for theirs.
    /// Keyed by a hash of the message id, to keep no text per message.
    pools: HashMap<u64, u32>,
    /// Each waiting event's own key, if it has one: SendGrid's category,
    /// which names its lane when its send named no pool.
    waiting: Vec<Waiting>,
    /// Those no send's pool reached.
    orphans: Vec<Waiting>,
    records: u64,
    skipped: u64,
    skipped_lines: Vec<(u32, String)>,
    duplicates: u64,
    without_key: u64,
    postmaster: Vec<(i32, String, f64)>,
    /// The per-day CSV days this file gives.
    days: HashSet<CsvDay>,
    /// What this import found of earlier files: the name of one with the
    /// same content, and the days replaced of each by its tag, name and
    /// number, in the order met.
    same_content: Option<String>,
    replaced: Vec<(u64, String, u64)>,
}

impl<'s> Importer<'s> {
    /// `fingerprint` names the file's content; importing the same content
    /// again replaces the earlier import.
    pub fn new(name: &str, fingerprint: &str, seen: &'s mut Seen) -> Importer<'s> {
        let tag = tag_of(fingerprint);
        let same_content = seen
            .files
            .iter()
            .find(|f| f.tag == tag)
            .map(|f| f.name.clone());
        // This import replaces an earlier one of the same file: its events
        // are not duplicates, and any id met twice from now on is.
        seen.forget(fingerprint);
        Importer {
            name: name.to_string(),
            fingerprint: fingerprint.to_string(),
            tag,
            mode: Mode::Start,
            sniffed: false,
            before: Vec::new(),
            head: Vec::new(),
            framer: Framer::new(),
            document: Vec::new(),
            seen,
            keys: HashMap::default(),
            key_list: Vec::new(),
            counts: HashMap::default(),
            pools: HashMap::default(),
            waiting: Vec::new(),
            orphans: Vec::new(),
            records: 0,
            skipped: 0,
            skipped_lines: Vec::new(),
            duplicates: 0,
            without_key: 0,
            postmaster: Vec::new(),
            days: HashSet::default(),
            same_content,
            replaced: Vec::new(),
        }
    }

    pub fn feed(&mut self, chunk: &[u8]) {
        if self.head.len() < 2 {
            let more = chunk.len().min(2 - self.head.len());
            self.head.extend_from_slice(&chunk[..more]);
            if is_utf16(&self.head) {
                self.mode = Mode::Utf16;
            }
        }
        if let Mode::Utf16 = self.mode {
            return;
        }
        if !self.sniffed {
            // The first byte that is not white space tells JSON from CSV;
            // what comes before it is kept for the line count.
            match chunk
                .iter()
                .position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF))
            {
                None => {
                    self.before.extend_from_slice(chunk);
                    return;
                }
                Some(i) => {
                    self.sniffed = true;
                    if !matches!(chunk[i], b'{' | b'[') {
                        self.mode = Mode::Document;
                    }
                    let before = std::mem::take(&mut self.before);
                    self.feed(&before);
                }
            }
        }
        if let Mode::Document | Mode::Unknown = self.mode {
            if let Mode::Document = self.mode {
                self.document.extend_from_slice(chunk);
            }
            return;
        }
        let mut framer = std::mem::take(&mut self.framer);
        framer.feed(chunk, &mut |piece| self.piece(piece));
        self.framer = framer;
    }

    fn piece(&mut self, piece: Piece) {
        match piece {
            Piece::Junk(line, why) => self.skip(line, why.to_string()),
            Piece::Record(line, bytes) => {
                if let Mode::Start = self.mode {
                    if super::tables::is_postmaster(bytes) {
                        self.mode = Mode::Document;
                        self.document.extend_from_slice(bytes);
                        return;
                    }
                    self.mode = match formats::detect(bytes) {
                        Some(format) => Mode::Events(format),
                        // A first record no format has, such as an SNS
                        // subscription confirmation, is passed over while
                        // the next ones may still name the format.
                        None if self.skipped < UNKNOWN_LEAD => {
                            self.skip(line, UNKNOWN_RECORD.into());
                            return;
                        }
                        None => Mode::Unknown,
                    };
                }
                match self.mode {
                    Mode::Events(format) => {
                        // Events are counted as they are read; a record that
                        // fails part-way (no time, say) has emitted none, and
                        // counts among the skipped lines, not the records.
                        match formats::read(format, bytes, &mut |e| self.count(e)) {
                            Ok(()) => self.records += 1,
                            Err(why) => self.skip(line, why),
                        }
                    }
                    Mode::Document => self.document.extend_from_slice(bytes),
                    _ => {}
                }
            }
        }
    }

    fn skip(&mut self, line: u32, why: String) {
        self.skipped += 1;
        if self.skipped_lines.len() < LISTED_SKIPS {
            self.skipped_lines.push((line, why));
        }
    }

    /// A per-day CSV row's day, lane and provider: the first time this file
    /// gives it, the latest earlier file that gave it has its figures
    /// replaced.
    fn csv_day(&mut self, day: CsvDay) {
        if self.days.contains(&day) {
            return;
        }
        let earlier = self.seen.files.iter().rev().find(|f| f.days.contains(&day));
        if let Some(file) = earlier {
            match self.replaced.iter_mut().find(|r| r.0 == file.tag) {
                Some(r) => r.2 += 1,
                None => self.replaced.push((file.tag, file.name.clone(), 1)),
            }
        }
        self.days.insert(day);
    }

    fn key_id(&mut self, kind: KeyKind, value: &str) -> u32 {
        let value = value.trim();
        let hash = tag_of((kind, value));
        if let Some(id) = self.keys.get(&hash) {
            return *id;
        }
        let id = self.key_list.len() as u32;
        self.key_list.push(LaneKey {
            kind,
            value: value.to_string(),
        });
        self.keys.insert(hash, id);
        id
    }

    fn count(&mut self, e: Event) {
        let key = e
            .key
            .as_ref()
            .map(|(kind, value)| (*kind, self.key_id(*kind, value)));
        // The message id is hashed only where it is kept: the send that
        // names a pool, or an event waiting for its send's pool. A send
        // met again still names its pool for the events after it.
        let message = e.message.as_deref();
        if let (Some((_, key)), Some(message), Kind::Sent) = (key, message, e.kind) {
            self.pools.insert(message_hash(message), key);
        }
        if let Some(id) = e.id {
            // Counted before, by this file or another one kept: a duplicate,
            // still the file's that counted it, so forgetting that file
            // lets a file with the event count it again.
            if let Some(first) = self.seen.ids.insert(id, self.tag) {
                self.seen.ids.insert(id, first);
                self.duplicates += 1;
                return;
            }
        }
        match (key, message) {
            // SendGrid names a category on every event but the pool only on
            // the send: the send's pool, where there is one, names the lane.
            (Some((KeyKind::SendgridCategory, key)), Some(message)) if e.kind != Kind::Sent => {
                let message = message_hash(message);
                (self.waiting).push((message, e.day, e.kind, e.mailbox, Some(key)))
            }
            (Some((_, key)), _) => self.add(e.day, key, e.mailbox, e.kind),
            (None, Some(message)) => {
                let message = message_hash(message);
                self.waiting.push((message, e.day, e.kind, e.mailbox, None))
            }
            (None, None) => self.without_key += 1,
        }
    }

    fn add(&mut self, day: i32, key: u32, mailbox: Mailbox, kind: Kind) {
        tally(self.counts.entry((day, key, mailbox)).or_default(), kind);
    }

    /// Gives earlier files' events that waited for a pool the pool this
    /// file's send of their message named, as if the files came the other
    /// way round.
    fn fill_earlier(&mut self) {
        let pools = &self.pools;
        for file in &mut self.seen.files {
            // Grouped by the key they leave, then by day, pool and provider.
            let mut groups: Vec<(Option<u32>, DayCounts)> = Vec::new();
            file.orphans.retain(|&(message, day, kind, mailbox, from)| {
                let Some(&to) = pools.get(&message) else {
                    return true;
                };
                let at = match groups.iter().position(|g| g.0 == from) {
                    Some(at) => at,
                    None => {
                        groups.push((from, HashMap::default()));
                        groups.len() - 1
                    }
                };
                tally(groups[at].1.entry((day, to, mailbox)).or_default(), kind);
                false
            });
            for (from, rows) in groups {
                self.seen.moved.push(Moved {
                    file: file.fingerprint.clone(),
                    by: self.fingerprint.clone(),
                    from,
                    rows: rows_of(rows),
                });
            }
        }
    }
}

/// Counts by day, key and mailbox provider.
type DayCounts = HashMap<(i32, u32, Mailbox), Counts>;

/// The counts as rows, in order.
fn rows_of(counts: DayCounts) -> Vec<Row> {
    let mut rows: Vec<Row> = (counts.into_iter())
        .map(|((day, key, mailbox), counts)| Row(day, key, mailbox, counts))
        .collect();
    rows.sort_by_key(|r| (r.0, r.1, r.2));
    rows
}

/// Counts one event of `kind`.
fn tally(c: &mut Counts, kind: Kind) {
    match kind {
        Kind::Sent => c.sent += 1,
        Kind::Delivered => c.delivered += 1,
        Kind::HardBounce => c.hard_bounces += 1,
        Kind::SoftBounce => c.soft_bounces += 1,
        Kind::Deferred => c.deferred += 1,
        Kind::Complaint => c.complaints += 1,
        Kind::Open { machine } => {
            c.opens += 1;
            c.machine_opens += u64::from(machine);
        }
        Kind::Click => c.clicks += 1,
        Kind::Unsubscribe => c.unsubscribes += 1,
        Kind::Unsent => c.sent = c.sent.saturating_sub(1),
    }
}

impl Importer<'_> {
    /// The end of the file: the import's result, or why the file is not
    /// one Switchyard reads.
    pub fn finish(mut self) -> Result<Source, Refused> {
        if let Mode::Utf16 = self.mode {
            return Err(Refused::Utf16);
        }
        let mut framer = std::mem::take(&mut self.framer);
        framer.finish(&mut |piece| self.piece(piece));
        let waiting = std::mem::take(&mut self.waiting);
        for (message, day, kind, mailbox, own) in waiting {
            let earlier = self.seen.pool_of(message);
            let earlier = earlier.map(|k| self.key_id(k.kind, &k.value));
            // The send's pool, from this file or an earlier one, wins over
            // the category the event names.
            if let Some(key) = self.pools.get(&message).copied().or(earlier) {
                self.add(day, key, mailbox, kind);
                continue;
            }
            match own {
                Some(key) => self.add(day, key, mailbox, kind),
                None => self.without_key += 1,
            }
            // A send in a later file may still name its pool; a send taken
            // back has no place to move from.
            if kind != Kind::Unsent {
                self.orphans.push((message, day, kind, mailbox, own));
            }
        }
        let format = match self.mode {
            Mode::Events(format) => format.label().to_string(),
            Mode::Document => {
                let document = std::mem::take(&mut self.document);
                super::tables::read_document(&document, &mut self)?
            }
            // A file whose one record is cut off is not empty.
            Mode::Start
                if self
                    .skipped_lines
                    .iter()
                    .all(|(_, why)| why != UNKNOWN_RECORD) =>
            {
                return Err(match self.skipped_lines.first() {
                    Some((line, why)) => {
                        format!("Nothing could be read: at line {line}, {why}.").into()
                    }
                    None if !self.sniffed => Refused::Empty,
                    // “[]”: complete, and no record in it.
                    None if framer.closed() => Refused::NoRecords,
                    // “[” alone, say: the records are missing or cut off.
                    None => Refused::EndsEarly,
                });
            }
            Mode::Start | Mode::Unknown | Mode::Utf16 => return Err(Refused::Unknown),
        };
        self.fill_earlier();
        self.seen.files.push(FileSeen {
            tag: self.tag,
            fingerprint: self.fingerprint.clone(),
            name: self.name.clone(),
            days: std::mem::take(&mut self.days),
            earlier: Earlier {
                same_content: self.same_content.take(),
                replaced_days: self
                    .replaced
                    .drain(..)
                    .map(|(_, name, days)| (name, days))
                    .collect(),
            },
            pools: std::mem::take(&mut self.pools),
            keys: self.key_list.clone(),
            orphans: std::mem::take(&mut self.orphans),
        });
        let rows = rows_of(self.counts);
        Ok(Source {
            name: self.name,
            fingerprint: self.fingerprint,
            format,
            records: self.records,
            skipped: self.skipped,
            duplicates: self.duplicates,
            keys: self.key_list,
            rows,
            postmaster: self.postmaster,
            skipped_lines: self.skipped_lines,
            without_key: self.without_key,
        })
    }
}

impl Sink for Importer<'_> {
    fn record(&mut self) {
        self.records += 1;
    }
    fn skip_line(&mut self, line: u32, why: String) {
        self.skip(line, why);
    }
    fn counts(&mut self, day: i32, kind: KeyKind, key: &str, mailbox: Mailbox) -> &mut Counts {
        if kind == KeyKind::CsvLane {
            self.csv_day((day, key.trim().to_string(), mailbox));
        }
        let key = self.key_id(kind, key);
        self.counts.entry((day, key, mailbox)).or_default()
    }
    fn postmaster(&mut self, day: i32, domain: String, spam_percent: f64) {
        self.postmaster.push((day, domain, spam_percent));
    }
}

/// Imports a whole file at once, in chunks of `chunk` bytes, as the worker
/// does: for tests and benchmarks.
pub fn import_bytes(
    name: &str,
    bytes: &[u8],
    chunk: usize,
    seen: &mut Seen,
) -> Result<Source, Refused> {
    let fingerprint = fingerprint(
        bytes.len() as u64,
        bytes.get(..HEAD).unwrap_or(bytes),
        tail(bytes),
    );
    let mut importer = Importer::new(name, &fingerprint, seen);
    for piece in bytes.chunks(chunk.max(1)) {
        importer.feed(piece);
    }
    importer.finish()
}

/// Bytes of the head and the tail a fingerprint reads.
pub const HEAD: usize = 64 * 1024;

fn tail(bytes: &[u8]) -> &[u8] {
    &bytes[bytes.len().saturating_sub(HEAD)..]
}

/// A file's fingerprint from its size, head and tail, so the worker need not
/// read a large file twice. Fingerprints are kept with the counts, so the
/// bytes hashed are spelled out (lengths as 4-byte little-endian numbers,
/// as the Wasm build has always written them) and the hash is SipHash-1-3
/// with zero keys: the same on every platform and with every toolchain.
pub fn fingerprint(size: u64, head: &[u8], tail: &[u8]) -> String {
    use std::hash::Hasher;
    let mut h = siphasher::sip::SipHasher13::new();
    h.write(&size.to_le_bytes());
    for part in [head, tail] {
        let len = u32::try_from(part.len()).unwrap_or(u32::MAX);
        h.write(&len.to_le_bytes());
        h.write(part);
    }
    format!("{size}-{:016x}", h.finish())
}
