//! One file's import: fed in chunks, it finds the format, reads every
//! record, skips and reports the broken ones by line, drops events seen
//! before, and sums the rest per day, lane key and mailbox provider.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};

use super::formats::{self, Event, Format, Kind};
use super::frame::{self, Framer, Piece};
use super::refused::Refused;
use super::{Counts, KeyKind, LaneKey, Mailbox, Recount, Row, Sink, Source};

/// Skipped lines listed by line number; the rest are only counted.
pub const LISTED_SKIPS: usize = 20;

/// Event ids already counted, and the file (by fingerprint) that counted
/// them, so that two files with the same events count them once; and the
/// files imported, so that an import can say what it replaced of them, and
/// forgetting one counts the others as if it had never been imported.
#[derive(Default)]
pub struct Seen {
    ids: HashMap<u64, u64>,
    /// The files imported, oldest first, as the page's `Store` keeps them.
    files: Vec<FileSeen>,
    /// The files to count again for the page (`take_recounted`), by tag.
    recounted: Vec<u64>,
}

/// An event waiting for its send's pool: (message hash, day, kind,
/// provider, its own key).
type Waiting = (u64, i32, Kind, Mailbox, Option<u32>);

/// Marks a message's key in `pools` that a delivery's sending IP named
/// rather than a send: any file's send of the message wins over it.
const BY_IP: u32 = 1 << 31;

/// An event as a file counts it: (the message hash of an event that
/// waits for its send's pool, day, kind, provider, its key).
type Held = (Option<u64>, i32, Kind, Mailbox, Option<u32>);

/// A file imported: what its import found of the files before it, and
/// what it takes to count it again when the files kept change.
struct FileSeen {
    tag: u64,
    days: HashSet<CsvDay>,
    earlier: Earlier,
    /// The pool each message the file sent went through, by a hash of its
    /// id, as an index into `keys`: SendGrid's other events, in this file
    /// or another, carry only the message. A message the file only
    /// delivered has its sending IP, marked `BY_IP`.
    pools: HashMap<u64, u32>,
    /// The keys the file's own events named.
    keys: Vec<LaneKey>,
    tally: Tally,
    /// Its duplicates, by event id, which it counts once the file that
    /// counted them first is forgotten.
    dropped: Vec<(u64, Held)>,
    name: String,
    fingerprint: String,
}

/// A file's own events: those counted on their keys, those waiting for a
/// send's pool in another file, and how many name neither.
#[derive(Default)]
struct Tally {
    counts: DayCounts,
    waiting: Vec<Waiting>,
    without_key: u64,
}

impl FileSeen {
    /// Whether an event of the file waits for the send of a message in
    /// `pools`.
    fn waits_on(&self, pools: &HashMap<u64, u32>) -> bool {
        (self.tally.waiting.iter()).any(|w| pools.contains_key(&w.0))
    }
}

impl Tally {
    /// Counts an event on its key, or keeps it waiting for its send's pool.
    fn hold(&mut self, (message, day, kind, mailbox, key): Held) {
        match (message, key) {
            (Some(message), own) => self.waiting.push((message, day, kind, mailbox, own)),
            (None, Some(key)) => tally(self.counts.entry((day, key, mailbox)).or_default(), kind),
            (None, None) => self.without_key += 1,
        }
    }

    /// Counts the waiting events whose send the file's own `pools` name:
    /// that pool is theirs whatever other files are kept, so they need not
    /// be kept. A delivery's IP is theirs only while no file sends it.
    fn settle(&mut self, pools: &HashMap<u64, u32>) {
        let counts = &mut self.counts;
        self.waiting.retain(|&(message, day, kind, mailbox, _)| {
            let Some(&key) = pools.get(&message).filter(|&&k| k & BY_IP == 0) else {
                return true;
            };
            tally(counts.entry((day, key, mailbox)).or_default(), kind);
            false
        });
    }
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
    /// Forgets a file whose import was removed, and counts the others
    /// again, as an import without it would have.
    pub fn forget(&mut self, fingerprint: &str) {
        let tag = tag_of(fingerprint);
        self.ids.retain(|_, t| *t != tag);
        self.files.retain(|f| f.tag != tag);
        for file in &mut self.files {
            // An event the forgotten file counted first is counted by the
            // first file that dropped it.
            for (id, held) in std::mem::take(&mut file.dropped) {
                match self.ids.insert(id, file.tag) {
                    Some(first) => {
                        self.ids.insert(id, first);
                        file.dropped.push((id, held));
                    }
                    None => file.tally.hold(held),
                }
            }
            self.recounted.push(file.tag);
        }
    }

    /// The counts of the file at `at`: its own, and each waiting event on
    /// the pool a kept file's send of its message named, or else its own
    /// key.
    fn counted(&self, at: usize) -> Recount {
        let file = &self.files[at];
        let keys = self.keys(at);
        let mut counts = DayCounts::default();
        for (row, c) in &file.tally.counts {
            counts.entry(*row).or_default().add(c);
        }
        let mut without_key = file.tally.without_key;
        for &(message, day, kind, mailbox, own) in &file.tally.waiting {
            let pool = self.pool(at, message, kind);
            let pool = pool.and_then(|pool| keys.iter().position(|k| k == pool));
            match pool.map(|key| key as u32).or(own) {
                Some(key) => tally(counts.entry((day, key, mailbox)).or_default(), kind),
                None => without_key += 1,
            }
        }
        Recount {
            fingerprint: file.fingerprint.clone(),
            keys,
            rows: rows_of(counts),
            without_key,
            duplicates: file.dropped.len() as u64,
        }
    }

    /// The keys of the file at `at`: its own, then in order the pools its
    /// events take from other files, so that the order its events came in
    /// changes nothing.
    fn keys(&self, at: usize) -> Vec<LaneKey> {
        let file = &self.files[at];
        let own = file.keys.len();
        let mut keys = file.keys.clone();
        for &(message, _, kind, ..) in &file.tally.waiting {
            let Some(pool) = self.pool(at, message, kind) else {
                continue;
            };
            if !keys.contains(pool) {
                let at = own + keys[own..].partition_point(|k| k < pool);
                keys.insert(at, pool.clone());
            }
        }
        keys
    }

    /// The pool a send of `message` named, for an event of the file at
    /// `at`: its own file's send, else the latest earlier file's, else the
    /// first later file's, as importing the files in this order finds
    /// them; without a send, the sending IP of its delivery, in that
    /// order. A send taken back takes no later file's pool.
    fn pool(&self, at: usize, message: u64, kind: Kind) -> Option<&LaneKey> {
        let (before, from) = self.files.split_at(at);
        let later = if kind == Kind::Unsent { 1 } else { from.len() };
        let order = from[..1]
            .iter()
            .chain(before.iter().rev())
            .chain(&from[1..later]);
        let mut by_ip = None;
        for f in order {
            let Some(&key) = f.pools.get(&message) else {
                continue;
            };
            if key & BY_IP == 0 {
                return f.keys.get(key as usize);
            }
            by_ip = by_ip.or(f.keys.get((key ^ BY_IP) as usize));
        }
        by_ip
    }

    /// The kept files counted again since last asked: earlier files whose
    /// events a later file's sends may give a pool, and every file once one
    /// is forgotten.
    pub fn take_recounted(&mut self) -> Vec<Recount> {
        let tags = std::mem::take(&mut self.recounted);
        (0..self.files.len())
            .filter(|&at| tags.contains(&self.files[at].tag))
            .map(|at| self.counted(at))
            .collect()
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
    tally: Tally,
    /// SendGrid: the pool each message went through (from `processed`),
    /// keyed by a hash of the message id, to keep no text per message.
    pools: HashMap<u64, u32>,
    /// The file's duplicates, by event id.
    dropped: Vec<(u64, Held)>,
    records: u64,
    skipped: u64,
    skipped_lines: Vec<(u32, String)>,
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
        if same_content.is_some() {
            seen.forget(fingerprint);
        }
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
            tally: Tally::default(),
            pools: HashMap::default(),
            dropped: Vec::new(),
            records: 0,
            skipped: 0,
            skipped_lines: Vec::new(),
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

    /// Reads a piece of the file; a Mailgun Events API page, as its items.
    /// An item is read as a record even if it is a page, so that nesting
    /// cannot run deep.
    fn piece(&mut self, piece: Piece) {
        if let Piece::Record(line, bytes) = piece {
            if frame::page(line, bytes, &mut |item| self.read(item)) {
                return;
            }
        }
        self.read(piece);
    }

    /// Reads a record, or reports a line that holds none; the first record
    /// that names a format sets it.
    fn read(&mut self, piece: Piece) {
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
        // The message id is kept as a hash. A send met again still names
        // its pool for the events after it. A delivery's sending IP names
        // the message's key until a send does.
        let message = e.message.as_deref().map(message_hash);
        if let (Some((kind, key)), Some(message)) = (key, message) {
            let by_ip = kind == KeyKind::SendingIp;
            if e.kind == Kind::Sent || by_ip && !self.pools.contains_key(&message) {
                // Marked `BY_IP` where a delivery names it.
                self.pools.insert(message, key | u32::from(by_ip) << 31);
            }
        }
        // SendGrid names a category on every event, the pool only on the
        // send and the sending IP only on the delivery: an event with a
        // message that names no key, or only a category or an IP, waits for
        // its send's pool, which names the lane where there is one.
        let waits = match key {
            Some((kind, _)) => {
                matches!(kind, KeyKind::SendgridCategory | KeyKind::SendingIp)
                    && e.kind != Kind::Sent
            }
            None => true,
        };
        let message = message.filter(|_| waits);
        let held = (message, e.day, e.kind, e.mailbox, key.map(|(_, key)| key));
        if let Some(id) = e.id {
            // Counted before, by this file or another one kept: a duplicate,
            // still the file's that counted it, which this file counts
            // instead once that one is forgotten.
            if let Some(first) = self.seen.ids.insert(id, self.tag) {
                self.seen.ids.insert(id, first);
                self.dropped.push((id, held));
                return;
            }
        }
        self.tally.hold(held);
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
        self.tally.settle(&self.pools);
        let seen = self.seen;
        // Earlier files whose events this file's sends may give a pool are
        // counted again.
        for file in &seen.files {
            if file.waits_on(&self.pools) {
                seen.recounted.push(file.tag);
            }
        }
        seen.files.push(FileSeen {
            tag: self.tag,
            days: self.days,
            earlier: Earlier {
                same_content: self.same_content,
                replaced_days: (self.replaced.into_iter())
                    .map(|(_, name, days)| (name, days))
                    .collect(),
            },
            pools: self.pools,
            keys: self.key_list,
            tally: self.tally,
            dropped: self.dropped,
            name: self.name.clone(),
            fingerprint: self.fingerprint.clone(),
        });
        let counted = seen.counted(seen.files.len() - 1);
        Ok(Source {
            name: self.name,
            fingerprint: self.fingerprint,
            format,
            records: self.records,
            skipped: self.skipped,
            duplicates: counted.duplicates,
            keys: counted.keys,
            rows: counted.rows,
            postmaster: self.postmaster,
            skipped_lines: self.skipped_lines,
            without_key: counted.without_key,
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
        self.tally.counts.entry((day, key, mailbox)).or_default()
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
