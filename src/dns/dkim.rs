//! DKIM key records (RFC 6376 §3.6.1, RFC 8301, RFC 8463): tags, the
//! public key's encoding, type and size.

use crate::dns::tags::{tag_list, TagCodes};
use crate::dns::{join_terms, PerTerm};
use crate::plan::diagnostic::Diagnostic;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyType {
    Rsa,
    Ed25519,
}

/// What a key record says, once parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DkimKey {
    pub key_type: KeyType,
    /// Key size in bits: the RSA modulus length, or 256 for Ed25519.
    pub bits: u32,
    /// `p=` is empty: the key was revoked.
    pub revoked: bool,
    /// `t=y`: the domain is testing DKIM.
    pub testing: bool,
}

/// Parses a key record at `at` (such as `s1._domainkey.brand.com`).
pub fn parse_dkim_key(text: &str, at: &str) -> (Option<DkimKey>, Vec<Diagnostic>) {
    let mut findings = Vec::new();
    let mut key_type = KeyType::Rsa;
    let mut public: Option<(String, u32)> = None;
    let mut testing = false;
    let mut unknown = PerTerm::default();
    let codes = TagCodes {
        syntax: "dkim.tag_syntax",
        duplicate: "dkim.duplicate_tag",
        example: "v=DKIM1; k=rsa; p=MIIB…",
        duplicate_hint: "Receivers reject key records with duplicate tags; keep one.",
    };
    for tag in tag_list(text, at, &codes, false, &mut findings) {
        let (column, value) = (tag.column, tag.value);
        match tag.name.as_str() {
            "v" if tag.first && value == "DKIM1" => {}
            "v" => findings.push(
                Diagnostic::error(
                    "dkim.version",
                    at,
                    "v= must be “DKIM1” and come first, or be left out.",
                )
                .hint("Write “v=DKIM1;” at the start.")
                .at_column(column),
            ),
            "k" => match value {
                "rsa" => key_type = KeyType::Rsa,
                "ed25519" => key_type = KeyType::Ed25519,
                other => findings.push(
                    Diagnostic::error(
                        "dkim.key_type",
                        at,
                        format!("k={other} is not a DKIM key type."),
                    )
                    .hint("Use k=rsa (2048 bits) or k=ed25519.")
                    .at_column(column),
                ),
            },
            "p" => {
                public = Some((
                    value.chars().filter(|c| !c.is_whitespace()).collect(),
                    column,
                ))
            }
            "t" => {
                let flags: Vec<&str> = value.split(':').map(str::trim).collect();
                testing = flags.contains(&"y");
            }
            "h" | "n" | "s" | "g" => {}
            other => unknown.add((), at, format!("“{other}”"), Some(column)),
        }
    }
    findings.extend(unknown.findings(unknown_tags));
    let Some((p, column)) = public else {
        findings.push(
            Diagnostic::error("dkim.no_key", at, "The record has no p= tag.")
                .hint("Publish the public key your provider gives you in p=."),
        );
        return (None, findings);
    };
    if testing {
        findings.push(
            Diagnostic::warning(
                "dkim.testing",
                at,
                "t=y is on: receivers may treat signatures as unsigned.",
            )
            .hint("Remove t=y once signing works."),
        );
    }
    if p.is_empty() {
        findings.push(
            Diagnostic::warning("dkim.revoked", at, "p= is empty: this key is revoked.")
                .hint("Publish the current key, or remove the selector."),
        );
        return (
            Some(DkimKey {
                key_type,
                bits: 0,
                revoked: true,
                testing,
            }),
            findings,
        );
    }
    let Some(der) = base64_decode(&p) else {
        findings.push(
            Diagnostic::error("dkim.base64", at, "The key in p= is not valid base64.")
                .hint("Copy the key again without quotes or line breaks inside it.")
                .at_column(column),
        );
        return (None, findings);
    };
    let bits = match key_type {
        KeyType::Ed25519 if der.len() == 32 => 256,
        KeyType::Ed25519 => {
            findings.push(
                Diagnostic::error(
                    "dkim.key_size",
                    at,
                    format!("An Ed25519 key is 32 bytes; this one is {}.", der.len()),
                )
                .hint("Publish the raw 32-byte Ed25519 public key, base64-encoded (RFC 8463).")
                .at_column(column),
            );
            return (None, findings);
        }
        KeyType::Rsa => match rsa_modulus_bits(&der) {
            Some(bits) => bits,
            None => {
                findings.push(
                    Diagnostic::error("dkim.key_format", at, "The key in p= is not an RSA public key.")
                        .hint("Publish the SubjectPublicKeyInfo (the “MIIB…” text) your provider gives you.")
                        .at_column(column),
                );
                return (None, findings);
            }
        },
    };
    if key_type == KeyType::Rsa && bits < 1024 {
        findings.push(
            Diagnostic::error(
                "dkim.key_size",
                at,
                format!("The RSA key has {bits} bits; RFC 8301 requires at least 1024."),
            )
            .hint("Generate a 2048-bit key."),
        );
    } else if key_type == KeyType::Rsa && bits < 2048 {
        findings.push(
            Diagnostic::warning(
                "dkim.key_size",
                at,
                format!("The RSA key has {bits} bits; 2048 is recommended."),
            )
            .hint("Rotate to a 2048-bit key; long keys are split into 255-character strings."),
        );
    }
    (
        Some(DkimKey {
            key_type,
            bits,
            revoked: false,
            testing,
        }),
        findings,
    )
}

/// Standard base64, padding optional.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let body = text.trim_end_matches('=');
    if text.len() - body.len() > 2 || body.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    for chunk in body.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Some(out)
}

/// The modulus size of an RSA key in SubjectPublicKeyInfo (or bare
/// RSAPublicKey) DER, read with a minimal DER walker.
fn rsa_modulus_bits(der: &[u8]) -> Option<u32> {
    let (tag, outer, _) = read_tlv(der)?;
    if tag != 0x30 {
        return None;
    }
    let (first_tag, first, rest) = read_tlv(outer)?;
    let rsa_key = match first_tag {
        // SubjectPublicKeyInfo: algorithm SEQUENCE, then the key in a BIT STRING.
        0x30 => {
            const RSA_OID: [u8; 9] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
            let (oid_tag, oid, _) = read_tlv(first)?;
            if oid_tag != 0x06 || oid != RSA_OID {
                return None;
            }
            let (bits_tag, bits, _) = read_tlv(rest)?;
            if bits_tag != 0x03 || bits.first() != Some(&0) {
                return None;
            }
            let (seq_tag, seq, _) = read_tlv(&bits[1..])?;
            if seq_tag != 0x30 {
                return None;
            }
            seq
        }
        // A bare RSAPublicKey: the modulus comes first.
        0x02 => outer,
        _ => return None,
    };
    let (int_tag, modulus, _) = read_tlv(rsa_key)?;
    if int_tag != 0x02 {
        return None;
    }
    let significant = modulus.iter().skip_while(|b| **b == 0).collect::<Vec<_>>();
    let first = **significant.first()?;
    Some((significant.len() as u32 - 1) * 8 + (8 - first.leading_zeros()))
}

/// One DER tag-length-value: (tag, contents, what follows).
fn read_tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (first as usize, rest)
    } else {
        let count = (first & 0x7f) as usize;
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let len = rest[..count]
            .iter()
            .fold(0usize, |n, b| (n << 8) | *b as usize);
        (len, &rest[count..])
    };
    if rest.len() < len {
        return None;
    }
    Some((tag, &rest[..len], &rest[len..]))
}

/// One note for every unknown tag of a key record.
fn unknown_tags((): (), at: &str, tags: &[String]) -> Diagnostic {
    let (message, hint) = match tags {
        [tag] => (
            format!("The tag {tag} is not a key-record tag and is ignored."),
            "Check its spelling.",
        ),
        _ => (
            format!(
                "The tags {} are not key-record tags and are ignored.",
                join_terms(tags)
            ),
            "Check their spelling.",
        ),
    };
    Diagnostic::info("dkim.unknown_tag", at, message).hint(hint)
}
