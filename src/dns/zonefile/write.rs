//! Zone files written from the plan's records, strings quoted and split
//! as DNS stores them.

use super::MAX_STRING;
use crate::dns::{canonical_name, written_name, RecordData};

/// A whole zone file for `origin`: the default TTL first (RFC 2308), then
/// the records as `write_zone` writes them.
pub fn write_master_file(origin: &str, ttl: u32, records: &[(String, RecordData)]) -> String {
    format!("$TTL {ttl}\n{}", write_zone(origin, records))
}

/// Writes records as a BIND fragment under `origin`, TXT data split into
/// strings of at most 255 bytes.
pub fn write_zone(origin: &str, records: &[(String, RecordData)]) -> String {
    let origin = canonical_name(origin);
    let mut out = format!("$ORIGIN {origin}.\n");
    for (name, data) in records {
        let name = written_name(name);
        let owner = if name == origin {
            "@".to_string()
        } else if let Some(relative) = name.strip_suffix(&format!(".{origin}")) {
            relative.to_string()
        } else {
            format!("{name}.")
        };
        let rdata = match data {
            RecordData::A(ip) => format!("A     {ip}"),
            RecordData::Aaaa(ip) => format!("AAAA  {ip}"),
            RecordData::Cname(target) => format!("CNAME {}.", written_name(target)),
            RecordData::Ptr(target) => format!("PTR   {}.", written_name(target)),
            RecordData::Mx {
                preference,
                exchange,
            } => format!("MX    {preference} {}.", written_name(exchange)),
            RecordData::Txt(strings) => {
                let parts: Vec<String> = strings
                    .iter()
                    .flat_map(|s| character_strings(s))
                    .map(|s| quote(&s))
                    .collect();
                format!("TXT   {}", parts.join(" "))
            }
        };
        out.push_str(&format!("{owner:<24} IN {rdata}\n"));
    }
    out
}

/// A quoted character-string with `"` and `\` escaped and other bytes outside
/// printable ASCII written as `\DDD`, as zone files and DNS-as-code files
/// write TXT strings.
pub fn quote(bytes: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in bytes {
        match b {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\{b:03}")),
        }
    }
    out.push('"');
    out
}

/// A string as DNS stores it: pieces of at most 255 bytes, and an empty
/// string as one empty piece.
pub(super) fn character_strings(bytes: &[u8]) -> Vec<Vec<u8>> {
    if bytes.is_empty() {
        return vec![Vec::new()];
    }
    bytes.chunks(MAX_STRING).map(<[u8]>::to_vec).collect()
}
