//! A plan as a link: the whole plan in a URL fragment, which browsers never
//! send to a server.
//!
//! The fragment is `plan=1.` followed by the plan's compact JSON (the same
//! fields as a file export), deflated in a zlib stream, followed by the
//! CRC-32 of that stream, all in base64url without padding. The number
//! after `plan=` is the link format, so later formats can be told apart.
//! The CRC covers every bit that travels, so any changed character is
//! caught; zlib's own checksum covers the unpacked JSON. Reading a link
//! undoes each step with its own refusal (unknown format, stray character,
//! checksum, cut short, too large once unpacked) and then hands the JSON to
//! the file import, so a link passes every check a plan file does.

use std::io::Write;

use flate2::{Compression, Decompress, FlushDecompress, Status};

use crate::plan::io::{self, refuse, ImportError, Imported, MAX_IMPORT_BYTES};
use crate::plan::model::Plan;

/// What a plan link's fragment starts with, after the `#`.
pub const PREFIX: &str = "plan=";
/// The link format this app writes and reads.
pub const FORMAT: u32 = 1;
/// The longest link offered: what Chromium's address bar shows in full.
pub const MAX_LINK_CHARS: u64 = 32_768;

/// A plan whose link would be longer than `MAX_LINK_CHARS`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLong {
    /// The length the link would have, in characters.
    pub chars: u64,
}

impl std::fmt::Display for TooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "This plan needs a link of {} characters, more than the {} a browser's address bar takes. \
             Share it as a file with Export JSON instead.",
            crate::units::group(self.chars),
            crate::units::group(MAX_LINK_CHARS)
        )
    }
}

/// The fragment, without `#`, that carries `plan`. Credential-looking text
/// is removed first, as every edit does, so a link never carries one.
pub fn fragment(plan: &Plan) -> String {
    let mut clean = plan.clone();
    io::scrub_plan(&mut clean);
    let json = serde_json::to_vec(&clean).expect("a plan always serialises");
    format!("{PREFIX}{FORMAT}.{}", pack(&json))
}

/// The link to `plan` at `base` (the app's address without a fragment), or
/// how long it would be when that is more than `MAX_LINK_CHARS`.
pub fn link(base: &str, plan: &Plan) -> Result<String, TooLong> {
    let url = format!("{base}#{}", fragment(plan));
    let chars = url.chars().count() as u64;
    if chars > MAX_LINK_CHARS {
        return Err(TooLong { chars });
    }
    Ok(url)
}

/// Reads a location's fragment (with or without its `#`). `None` when it
/// is not a plan link at all; otherwise the plan, or why the link is
/// refused, in the same terms as a refused file.
pub fn read(fragment: &str) -> Option<Result<Imported, ImportError>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let rest = fragment.strip_prefix(PREFIX)?;
    Some(read_payload(rest))
}

fn read_payload(rest: &str) -> Result<Imported, ImportError> {
    if rest.len() as u64 > MAX_LINK_CHARS {
        return Err(refuse(
            "The link is longer than any plan link Switchyard makes",
            "",
            "Ask for the plan file instead.",
        ));
    }
    let Some((format, payload)) = rest.split_once('.') else {
        return Err(refuse(
            "The link does not say which link format it uses",
            "",
            COPY_AGAIN,
        ));
    };
    match format.parse::<u32>() {
        Ok(FORMAT) => {}
        Ok(newer) if newer > FORMAT => {
            return Err(refuse(
                format!(
                    "The link uses link format {newer}, newer than this app reads (up to {FORMAT})"
                ),
                "",
                "Open it in a newer Switchyard, or ask for the plan file.",
            ))
        }
        _ => {
            return Err(refuse(
                format!("The link's format “{}” is not a link format", clip(format)),
                "",
                COPY_AGAIN,
            ))
        }
    }
    let json = unpack(payload)?;
    io::import(&json).map_err(|e| ImportError {
        message: format!("the plan in the link: {}", e.message),
        ..e
    })
}

/// Deflates `bytes` in a zlib stream, appends the stream's CRC-32 and
/// writes both in base64url without padding: a link's payload.
pub fn pack(bytes: &[u8]) -> String {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(bytes)
        .expect("writing to memory cannot fail");
    let mut packed = encoder.finish().expect("writing to memory cannot fail");
    let sum = crc32(&packed);
    packed.extend_from_slice(&sum.to_be_bytes());
    base64url(&packed)
}

/// Reverses `pack`, refusing anything `pack` could not have written and
/// anything that unpacks to more than a plan file may hold.
pub fn unpack(payload: &str) -> Result<Vec<u8>, ImportError> {
    let packed = from_base64url(payload)?;
    // The shortest zlib stream is 8 bytes.
    if packed.len() < 12 {
        return Err(refuse("The link is cut short", "", COPY_AGAIN));
    }
    let (deflated, sum) = packed.split_at(packed.len() - 4);
    if crc32(deflated).to_be_bytes() != sum {
        return Err(refuse(
            "The link is cut short or damaged: its checksum does not match",
            "",
            COPY_AGAIN,
        ));
    }
    inflate(deflated)
}

/// The CRC-32 of ISO-HDLC (zlib's, gzip's, PNG's), a bit at a time. A link
/// holds at most about 24 KB, so this takes well under a millisecond; the
/// table-driven one in `crc32fast` would add 16 KB of table to the app.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

const COPY_AGAIN: &str = "Copy the whole link again: it was cut or changed on the way.";

/// At most 20 characters of untrusted text, for a message.
fn clip(text: &str) -> String {
    text.chars().take(20).collect()
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        // A chunk of k bytes needs k + 1 characters.
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// Each byte's value in `ALPHABET`, or 64 for bytes outside it.
const VALUES: [u8; 256] = {
    let mut table = [64u8; 256];
    let mut i = 0;
    while i < 64 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

fn sextet(c: u8) -> Option<u32> {
    let value = VALUES[usize::from(c)];
    (value < 64).then_some(u32::from(value))
}

/// Strict base64url: only the 64 characters, no padding, no leftover bits.
fn from_base64url(text: &str) -> Result<Vec<u8>, ImportError> {
    let bytes = text.as_bytes();
    if let Some(at) = bytes.iter().position(|&c| sextet(c).is_none()) {
        // Every byte before `at` is ASCII, so `at` starts a character.
        let shown = text.get(at..).and_then(|t| t.chars().next()).unwrap_or('?');
        return Err(refuse(
            format!("The link is damaged: “{shown}” cannot appear in a plan link"),
            format!("character {} of the link's data", at + 1),
            COPY_AGAIN,
        ));
    }
    if bytes.is_empty() || bytes.len() % 4 == 1 {
        return Err(refuse("The link is cut short", "", COPY_AGAIN));
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= sextet(c).unwrap_or(0) << (18 - 6 * i);
        }
        let whole = chunk.len() - 1;
        // A short last chunk leaves low bits that `pack` always writes as 0.
        if n & (0xff_ffff >> (8 * whole)) != 0 {
            return Err(refuse(
                "The link is cut short or damaged: its last characters do not decode",
                format!("character {} of the link's data", bytes.len()),
                COPY_AGAIN,
            ));
        }
        for i in 0..whole {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Ok(out)
}

/// Inflates a whole zlib stream into at most `MAX_IMPORT_BYTES`, so a link
/// built to unpack into gigabytes stops at the cap.
fn inflate(deflated: &[u8]) -> Result<Vec<u8>, ImportError> {
    const CAP: usize = MAX_IMPORT_BYTES as usize;
    let damaged = || {
        refuse(
            "The link is damaged: its data does not unpack",
            "",
            COPY_AGAIN,
        )
    };
    let mut inflater = Decompress::new(true);
    let mut out: Vec<u8> = Vec::new();
    loop {
        // One byte over the cap tells a plan at the cap from one beyond it.
        let room = (CAP + 1 - out.len()).min(64 * 1024);
        out.reserve_exact(room);
        let (read, written) = (inflater.total_in(), inflater.total_out());
        let input = &deflated[read as usize..];
        let status = inflater
            .decompress_vec(input, &mut out, FlushDecompress::None)
            .map_err(|_| damaged())?;
        if out.len() > CAP {
            return Err(refuse(
                format!(
                    "The link unpacks to more than {} MB; plan links are far smaller",
                    MAX_IMPORT_BYTES / (1024 * 1024)
                ),
                "",
                "This is not a link Switchyard made.",
            ));
        }
        match status {
            Status::StreamEnd => break,
            _ if inflater.total_in() == read && inflater.total_out() == written => {
                return Err(refuse("The link is cut short", "", COPY_AGAIN));
            }
            _ => {}
        }
    }
    if inflater.total_in() as usize != deflated.len() {
        return Err(refuse(
            "The link is damaged: it has data after its end",
            "",
            COPY_AGAIN,
        ));
    }
    Ok(out)
}
