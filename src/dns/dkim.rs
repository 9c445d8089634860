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
    let tags = read_tags(text, at, &mut findings);
    let Some((p, column)) = tags.public else {
        findings.push(
            Diagnostic::error("dkim.no_key", at, "The record has no p= tag.")
                .hint("Publish the public key your provider gives you in p=."),
        );
        return (None, findings);
    };
    if tags.testing {
        findings.push(
            Diagnostic::warning(
                "dkim.testing",
                at,
                "t=y is on: receivers may treat signatures as unsigned.",
            )
            .hint("Remove t=y once signing works."),
        );
    }
    let key = |bits, revoked| DkimKey {
        key_type: tags.key_type,
        bits,
        revoked,
        testing: tags.testing,
    };
    if p.is_empty() {
        findings.push(
            Diagnostic::warning("dkim.revoked", at, "p= is empty: this key is revoked.")
                .hint("Publish the current key, or remove the selector."),
        );
        return (Some(key(0, true)), findings);
    }
    let Some(bits) = key_bits(tags.key_type, (&p, column), at, &mut findings) else {
        return (None, findings);
    };
    if tags.key_type == KeyType::Rsa {
        findings.extend(rsa_size(bits, at));
    }
    (Some(key(bits, false)), findings)
}

/// What a key record's tags say.
struct KeyTags {
    key_type: KeyType,
    /// The p= value without white space, and its column.
    public: Option<(String, u32)>,
    testing: bool,
}

/// Reads a key record's tags, adding findings for tags that are wrong or
/// unknown.
fn read_tags(text: &str, at: &str, findings: &mut Vec<Diagnostic>) -> KeyTags {
    let mut tags = KeyTags {
        key_type: KeyType::Rsa,
        public: None,
        testing: false,
    };
    let mut unknown = PerTerm::default();
    let codes = TagCodes {
        syntax: "dkim.tag_syntax",
        duplicate: "dkim.duplicate_tag",
        example: "v=DKIM1; k=rsa; p=MIIB…",
        duplicate_hint: "Receivers reject key records with duplicate tags; keep one.",
    };
    for tag in tag_list(text, at, &codes, false, findings) {
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
                "rsa" => tags.key_type = KeyType::Rsa,
                "ed25519" => tags.key_type = KeyType::Ed25519,
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
                let key = value.chars().filter(|c| !c.is_whitespace()).collect();
                tags.public = Some((key, column));
            }
            "t" => tags.testing = value.split(':').map(str::trim).any(|f| f == "y"),
            "h" => findings.extend(hash_algorithms(value, at, column)),
            "n" | "s" | "g" => {}
            other => unknown.add((), at, format!("“{other}”"), Some(column)),
        }
    }
    findings.extend(unknown.findings(unknown_tags));
    tags
}

/// A finding when h= lists SHA-1: signers must not use rsa-sha1 and
/// verifiers treat it as unsigned (RFC 8301 §3.1), so a key limited to it
/// verifies no signature that counts.
fn hash_algorithms(value: &str, at: &str, column: u32) -> Option<Diagnostic> {
    let listed: Vec<String> = (value.split(':'))
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let sha1 = listed.iter().any(|h| h == "sha1");
    let sha256 = listed.iter().any(|h| h == "sha256");
    let finding = match (sha1, sha256) {
        (true, false) => Diagnostic::error(
            "dkim.sha1",
            at,
            "h= allows SHA-1 only, which signers must not use (RFC 8301 §3.1): no signature made with this key counts.",
        ),
        (true, true) => Diagnostic::warning(
            "dkim.sha1",
            at,
            "h= still allows SHA-1, which signers must not use (RFC 8301 §3.1).",
        ),
        _ => return None,
    };
    Some(
        finding
            .hint("Write h=sha256, or leave h= out.")
            .at_column(column),
    )
}

/// The size of the key in p= in bits, or `None` with a finding when it is
/// not a key of its type.
fn key_bits(
    key_type: KeyType,
    (p, column): (&str, u32),
    at: &str,
    findings: &mut Vec<Diagnostic>,
) -> Option<u32> {
    let wrong = |code, message: String, hint| {
        Diagnostic::error(code, at, message)
            .hint(hint)
            .at_column(column)
    };
    let Some(der) = base64_decode(p) else {
        findings.push(wrong(
            "dkim.base64",
            "The key in p= is not valid base64.".into(),
            "Copy the key again without quotes or line breaks inside it.",
        ));
        return None;
    };
    let bits = match key_type {
        KeyType::Ed25519 => (der.len() == 32).then_some(256),
        KeyType::Rsa => rsa_modulus_bits(&der),
    };
    if bits.is_none() {
        findings.push(match key_type {
            KeyType::Ed25519 => wrong(
                "dkim.key_size",
                format!("An Ed25519 key is 32 bytes; this one is {}.", der.len()),
                "Publish the raw 32-byte Ed25519 public key, base64-encoded (RFC 8463).",
            ),
            KeyType::Rsa => wrong(
                "dkim.key_format",
                "The key in p= is not an RSA public key.".into(),
                "Publish the SubjectPublicKeyInfo (the “MIIB…” text) your provider gives you.",
            ),
        });
    }
    bits
}

/// An RSA key under 1024 bits is an error (RFC 8301); under 2048, a
/// warning; over 2048, a warning too, since its answer outgrows 512 bytes.
fn rsa_size(bits: u32, at: &str) -> Option<Diagnostic> {
    if bits < 1024 {
        Some(
            Diagnostic::error(
                "dkim.key_size",
                at,
                format!("The RSA key has {bits} bits; RFC 8301 requires at least 1024."),
            )
            .hint("Generate a 2048-bit key."),
        )
    } else if bits < 2048 {
        Some(
            Diagnostic::warning(
                "dkim.key_size",
                at,
                format!("The RSA key has {bits} bits; 2048 is recommended."),
            )
            .hint("Rotate to a 2048-bit key; long keys are split into 255-character strings."),
        )
    } else if bits > 2048 {
        Some(
            Diagnostic::warning(
                "dkim.key_size",
                at,
                format!("The RSA key has {bits} bits: its answer is larger than 512 bytes, needs EDNS0 or TCP, and many DNS dashboards refuse a record that long."),
            )
            .hint("Use a 2048-bit key, or Ed25519 beside it."),
        )
    } else {
        None
    }
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
