//! Finds the JSON records in a stream of chunks: objects one per line, in
//! a top-level array (or several, one after another, as a log of webhook
//! posts holds them), or one after another, without holding more than the
//! record being read. Text outside the objects, and objects broken off at
//! the end of their line in a file of one object per line, are reported
//! with their line number and skipped. A Mailgun Events API page, found
//! as one record, is framed again for its items (`page`).

/// The longest record kept; vendors' event records are under a few KiB.
pub const MAX_RECORD: usize = 1 << 20;

/// What the framer hands on: a record's first line and its bytes, or a
/// line that holds no record.
pub enum Piece<'a> {
    Record(u32, &'a [u8]),
    Junk(u32, &'static str),
}

#[derive(Default)]
pub struct Framer {
    buf: Vec<u8>,
    /// Where scanning resumes in `buf`.
    pos: usize,
    /// Start of the record being read, if any.
    start: Option<usize>,
    start_line: u32,
    line: u32,
    depth: u32,
    in_string: bool,
    escape: bool,
    /// Objects sit at depth 1 inside a top-level array.
    base: Option<u32>,
    /// One object per line: a line break inside an object ends it, broken.
    per_line: Option<bool>,
    /// Past the line of the record that showed one object per line: from
    /// here on each whole line is read as one record.
    by_line: bool,
    /// A junk line is being skipped.
    junk: bool,
    /// Reading a page's items, after which comes its `paging`.
    page: bool,
}

impl Framer {
    pub fn new() -> Framer {
        Framer {
            line: 1,
            ..Framer::default()
        }
    }

    /// Reads a chunk, handing on every record it completes.
    pub fn feed(&mut self, chunk: &[u8], out: &mut dyn FnMut(Piece)) {
        let chunk = self.lines_in_place(chunk, out);
        self.buf.extend_from_slice(chunk);
        self.scan(out);
        // A line this long is not an event: skip it rather than hold it.
        if self.per_line == Some(true)
            && self.start.is_none()
            && !self.junk
            && self.buf.len() - self.pos > MAX_RECORD
        {
            out(Piece::Junk(self.line, "the record is longer than 1 MiB"));
            self.junk = true;
            self.pos = self.buf.len();
        }
        // A record this long is not an event: skip it rather than hold it.
        if self.start.is_some_and(|s| self.buf.len() - s > MAX_RECORD) {
            out(Piece::Junk(
                self.start_line,
                "the record is longer than 1 MiB",
            ));
            self.start = None;
            self.in_string = false;
            self.escape = false;
            self.depth = self.base.unwrap_or(0);
            self.junk = true;
        }
        // Keep only the record in progress.
        let keep = self.start.unwrap_or(self.pos);
        self.buf.drain(..keep);
        self.pos -= keep;
        if let Some(start) = self.start.as_mut() {
            *start -= keep;
        }
    }

    /// The end of the stream: a record still open is broken.
    pub fn finish(&mut self, out: &mut dyn FnMut(Piece)) {
        // A last line without its line break.
        if self.per_line == Some(true) && self.start.is_none() && self.pos < self.buf.len() {
            let pos = self.pos;
            self.buf.push(b'\n');
            self.lines(pos, out);
        }
        if self.start.is_some() {
            out(Piece::Junk(
                self.start_line,
                "the record is cut off at the end of the file",
            ));
            self.start = None;
        }
    }

    /// Every array the file opened was closed: a file of `[]` is complete
    /// and empty, where `[` alone is cut off.
    pub fn closed(&self) -> bool {
        self.depth == 0
    }

    /// Reads the whole lines of a chunk where they lie, once whole lines
    /// are records, rather than copying the chunk: only the line begun in
    /// the last chunk is completed in `buf`. Returns what is left to hold.
    fn lines_in_place<'c>(&mut self, chunk: &'c [u8], out: &mut dyn FnMut(Piece)) -> &'c [u8] {
        if !(self.by_line && self.reads_lines()) {
            return chunk;
        }
        let Some(end) = memchr::memchr(b'\n', chunk) else {
            return chunk;
        };
        self.buf.extend_from_slice(&chunk[..=end]);
        self.pos = self.lines(self.pos, out);
        let rest = &chunk[end + 1..];
        &rest[read_lines(&mut self.line, rest, out)..]
    }

    /// Reads the whole lines of `buf` from `i`; returns where the
    /// incomplete last line starts.
    fn lines(&mut self, i: usize, out: &mut dyn FnMut(Piece)) -> usize {
        i + read_lines(&mut self.line, &self.buf[i..], out)
    }

    /// Whole lines can be read as records: a file of one object per line,
    /// between records.
    fn reads_lines(&self) -> bool {
        self.per_line == Some(true) && self.start.is_none() && !self.junk && !self.in_string
    }

    fn scan(&mut self, out: &mut dyn FnMut(Piece)) {
        let mut i = self.pos;
        if self.by_line && self.reads_lines() {
            self.pos = self.lines(i, out);
            return;
        }
        while i < self.buf.len() {
            let c = self.buf[i];
            i = self.step(i, out);
            // Byte by byte only until the next line: reading whole lines is
            // what makes large files fast.
            if c == b'\n' && self.reads_lines() {
                self.by_line = true;
                self.pos = self.lines(i, out);
                return;
            }
        }
        self.pos = i;
    }

    /// Reads the byte at `i`, or skips string text from there; returns
    /// where reading goes on.
    fn step(&mut self, i: usize, out: &mut dyn FnMut(Piece)) -> usize {
        let c = self.buf[i];
        if c == b'\n' {
            self.line += 1;
        }
        if self.junk {
            if c == b'\n' {
                self.junk = false;
            }
            return i + 1;
        }
        if self.in_string && !self.escape && !matches!(c, b'"' | b'\\' | b'\n') {
            // Most of a record is string text: jump to what matters.
            return match memchr::memchr3(b'"', b'\\', b'\n', &self.buf[i..]) {
                Some(skip) => i + skip,
                None => self.buf.len(),
            };
        }
        if self.in_string {
            if self.escape {
                self.escape = false;
            } else if c == b'\\' {
                self.escape = true;
            } else if c == b'"' {
                self.in_string = false;
            } else if c == b'\n' && self.per_line == Some(true) {
                self.broken(out);
            }
            return i + 1;
        }
        let base = self.base.unwrap_or(0);
        match c {
            b'"' if self.start.is_some() => self.in_string = true,
            b'{' => {
                if self.start.is_none() {
                    if self.depth != base {
                        self.junk_line(out, "a value outside the records");
                        return i + 1;
                    }
                    self.start = Some(i);
                    self.start_line = self.line;
                }
                self.depth += 1;
            }
            b'[' if self.start.is_some() => self.depth += 1,
            // A top-level array, or the next one: a log of webhook posts
            // holds one batch after another.
            b'[' if self.depth == 0 => {
                // Arrays are often pretty-printed: records span lines.
                self.base = Some(1);
                self.depth = 1;
                self.per_line = Some(false);
            }
            b'}' | b']' if self.start.is_some() => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == base {
                    let start = self.start.take().unwrap_or(i);
                    out(Piece::Record(self.start_line, &self.buf[start..=i]));
                    if self.per_line.is_none() {
                        self.per_line = Some(self.line == self.start_line);
                    }
                }
            }
            b']' if self.base == Some(1) && self.depth == 1 => {
                self.depth = 0;
                // The rest of a page is its `paging`, which holds no records.
                if self.page {
                    return self.buf.len();
                }
            }
            b'\n' if self.start.is_some() && self.per_line == Some(true) => self.broken(out),
            b' ' | b'\t' | b'\r' | b'\n' | b',' => {}
            _ if self.start.is_some() => {}
            // A byte order mark at the start of the file.
            0xEF | 0xBB | 0xBF if self.line == 1 && self.base.is_none() => {}
            _ => self.junk_line(out, "a line that is not a JSON record"),
        }
        i + 1
    }

    /// An object cut off by its line's end, in a file of one per line.
    fn broken(&mut self, out: &mut dyn FnMut(Piece)) {
        out(Piece::Junk(
            self.start_line,
            "the record is not complete JSON",
        ));
        self.start = None;
        self.in_string = false;
        self.escape = false;
        self.depth = self.base.unwrap_or(0);
    }

    fn junk_line(&mut self, out: &mut dyn FnMut(Piece), why: &'static str) {
        out(Piece::Junk(self.line, why));
        self.junk = true;
    }
}

/// Hands on the records of a Mailgun Events API page, `{"items": [...],
/// "paging": {...}}` or `{"paging": {...}, "items": [...]}`, as the same
/// items in a bare array would be, each at its own line; false if
/// `record` is not a page.
pub fn page(line: u32, record: &[u8], out: &mut dyn FnMut(Piece)) -> bool {
    let Some(items) = items_of(record) else {
        return false;
    };
    let before = &record[..record.len() - items.len()];
    let mut framer = Framer {
        line: line + before.iter().filter(|&&c| c == b'\n').count() as u32,
        page: true,
        ..Framer::default()
    };
    framer.feed(items, out);
    // A page on one line was not matched bracket by bracket: an item
    // still open at its end is broken.
    if framer.start.is_some() {
        out(Piece::Junk(
            framer.start_line,
            "the record is not complete JSON",
        ));
    }
    true
}

/// A page's text from the `[` of its items on. Mailgun writes `items`
/// first, or `paging` and then `items`, which tells a page from an event
/// without reading it whole.
fn items_of(record: &[u8]) -> Option<&[u8]> {
    let mut rest = record.strip_prefix(b"{")?;
    if let Some(paging) = value_of(rest, b"\"paging\"") {
        rest = after_value(paging)?.trim_ascii_start().strip_prefix(b",")?;
    }
    let items = value_of(rest, b"\"items\"")?;
    items.starts_with(b"[").then_some(items)
}

/// The text of the value of the member `text` starts with, if it is `key`.
fn value_of<'a>(text: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let rest = text
        .trim_ascii_start()
        .strip_prefix(key)?
        .trim_ascii_start();
    Some(rest.strip_prefix(b":")?.trim_ascii_start())
}

/// The text after the object or array `text` starts with, its strings
/// read as strings; `None` if it does not close.
fn after_value(text: &[u8]) -> Option<&[u8]> {
    let (mut depth, mut string, mut escape) = (0u32, false, false);
    for (i, &c) in text.iter().enumerate() {
        if escape {
            escape = false;
        } else if string {
            match c {
                b'\\' => escape = true,
                b'"' => string = false,
                _ => {}
            }
        } else {
            match c {
                b'"' => string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(&text[i + 1..]);
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// One object per line, once the first record showed it: each whole line
/// is a record, found with one search for its end. Returns the length of
/// the whole lines read; `line` counts them.
fn read_lines(line: &mut u32, bytes: &[u8], out: &mut dyn FnMut(Piece)) -> usize {
    let mut i = 0;
    while let Some(len) = memchr::memchr(b'\n', &bytes[i..]) {
        let text = bytes[i..i + len].trim_ascii();
        if !text.is_empty() {
            if text.starts_with(b"{") && text.ends_with(b"}") {
                out(Piece::Record(*line, text));
            } else if text.starts_with(b"{") {
                out(Piece::Junk(*line, "the record is not complete JSON"));
            } else {
                out(Piece::Junk(*line, "a line that is not a JSON record"));
            }
        }
        *line += 1;
        i += len + 1;
    }
    i
}
