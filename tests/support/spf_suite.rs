//! Reads the openspf RFC 7208 suite (../shared/testdata/spf) into cases with
//! their zones. `SuiteZone` serves each scenario's zone data with the
//! reference driver's conventions (see the README beside the suite).
//! Shared by tests/spf_suite.rs and benches/spf_suite.rs.

use std::collections::HashMap;
use std::net::IpAddr;

use switchyard::dns::spf::SpfQuery;
use switchyard::dns::{canonical_name, Answer, RecordData, RecordType, Resolver};
use yaml_rust2::{Yaml, YamlLoader};

pub const SUITE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/testdata/spf/rfc7208-tests.yml"
);

#[derive(Debug)]
enum Entry {
    Timeout,
    /// `TXT: NONE`: the name has explicit TXT data, and it is none.
    TxtNone,
    Spf(Vec<Vec<u8>>),
    Record(RecordData),
}

pub struct SuiteZone {
    names: HashMap<String, Vec<Entry>>,
}

impl SuiteZone {
    fn from_yaml(zone: &Yaml) -> SuiteZone {
        let mut names = HashMap::new();
        for (name, entries) in zone.as_hash().into_iter().flatten() {
            let name = canonical_name(name.as_str().expect("owner names are strings"));
            let list = entries
                .as_vec()
                .map(|v| v.iter().map(entry).collect())
                .unwrap_or_default();
            names.insert(name, list);
        }
        SuiteZone { names }
    }

    fn answer(&self, name: &str, rtype: RecordType) -> Answer {
        let Some(entries) = self.names.get(name) else {
            return if name.split('.').next() == Some("error") {
                Answer::Failure
            } else {
                Answer::NxDomain
            };
        };
        let explicit_txt = entries
            .iter()
            .any(|e| matches!(e, Entry::TxtNone | Entry::Record(RecordData::Txt(_))));
        let mut found = Vec::new();
        for entry in entries {
            let data = match entry {
                Entry::Timeout if found.is_empty() => return Answer::Failure,
                Entry::Timeout | Entry::TxtNone => continue,
                Entry::Spf(strings) if rtype == RecordType::Txt && !explicit_txt => {
                    RecordData::Txt(strings.clone())
                }
                Entry::Spf(_) => continue,
                Entry::Record(data) => data.clone(),
            };
            if data.record_type() == rtype {
                found.push(data);
            }
        }
        if found.is_empty() {
            Answer::NoData
        } else {
            Answer::Records(found)
        }
    }
}

impl Resolver for SuiteZone {
    fn query(&self, name: &str, rtype: RecordType) -> Answer {
        let name = canonical_name(name);
        // The reference driver treats a label over 63 characters as a DNS error.
        if name.split('.').any(|label| label.len() > 63) {
            return Answer::Failure;
        }
        let answer = self.answer(&name, rtype);
        if rtype != RecordType::Cname && matches!(answer, Answer::NoData) {
            // CNAMEs are followed one level, as the reference driver does.
            if let Answer::Records(records) = self.answer(&name, RecordType::Cname) {
                if let Some(RecordData::Cname(target)) = records.first() {
                    return self.answer(&canonical_name(target), rtype);
                }
            }
        }
        answer
    }
}

fn strings(value: &Yaml) -> Vec<Vec<u8>> {
    match value {
        Yaml::Array(parts) => parts.iter().map(|p| scalar(p).into_bytes()).collect(),
        other => vec![scalar(other).into_bytes()],
    }
}

fn scalar(value: &Yaml) -> String {
    match value {
        Yaml::String(s) | Yaml::Real(s) => s.clone(),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Boolean(b) => b.to_string(),
        other => panic!("unexpected YAML value {other:?}"),
    }
}

fn entry(item: &Yaml) -> Entry {
    if item.as_str() == Some("TIMEOUT") {
        return Entry::Timeout;
    }
    let (kind, value) = item
        .as_hash()
        .and_then(|h| h.iter().next())
        .expect("a zone entry is TIMEOUT or a one-key map");
    match kind.as_str().expect("record kinds are strings") {
        "SPF" => Entry::Spf(strings(value)),
        "TXT" if value.as_str() == Some("NONE") => Entry::TxtNone,
        "TXT" => Entry::Record(RecordData::Txt(strings(value))),
        "A" => Entry::Record(RecordData::A(
            scalar(value).parse().expect("an IPv4 address"),
        )),
        "AAAA" => Entry::Record(RecordData::Aaaa(
            scalar(value).parse().expect("an IPv6 address"),
        )),
        "PTR" => Entry::Record(RecordData::Ptr(scalar(value))),
        "CNAME" => Entry::Record(RecordData::Cname(scalar(value))),
        "MX" => {
            let pair = value.as_vec().expect("MX is [preference, exchange]");
            Entry::Record(RecordData::Mx {
                preference: pair[0].as_i64().expect("a preference") as u16,
                exchange: scalar(&pair[1]),
            })
        }
        other => panic!("unknown record kind {other}"),
    }
}

/// Accepted results; the old names map as the reference driver maps them.
fn expected_results(value: &Yaml) -> Vec<String> {
    let map = |s: String| match s.as_str() {
        "unknown" => "permerror".to_string(),
        "error" => "temperror".to_string(),
        _ => s,
    };
    match value {
        Yaml::Array(items) => items.iter().map(|i| map(scalar(i))).collect(),
        other => vec![map(scalar(other))],
    }
}

/// One test of the suite.
pub struct Case {
    pub id: String,
    pub scenario: usize,
    pub host: IpAddr,
    pub mail_from: String,
    pub helo: String,
    pub results: Vec<String>,
    /// The expected explanation, unless absent or the driver default.
    pub explanation: Option<String>,
}

impl Case {
    /// The query the reference driver makes: MAIL FROM, HELO and client IP.
    pub fn query(&self) -> SpfQuery<'_> {
        SpfQuery {
            ip: self.host,
            mail_from: &self.mail_from,
            helo: &self.helo,
            receiver: "unknown",
            timestamp: 0,
        }
    }
}

/// The zones, one per scenario, and every case.
pub fn load(text: &str) -> (Vec<SuiteZone>, Vec<Case>) {
    let scenarios = YamlLoader::load_from_str(text).expect("the suite is valid YAML");
    let zones = scenarios
        .iter()
        .map(|s| SuiteZone::from_yaml(&s["zonedata"]))
        .collect();
    let mut cases = Vec::new();
    for (scenario, doc) in scenarios.iter().enumerate() {
        for (id, case) in doc["tests"].as_hash().into_iter().flatten() {
            cases.push(Case {
                id: id.as_str().unwrap_or_default().to_string(),
                scenario,
                host: scalar(&case["host"])
                    .parse()
                    .expect("host is an IP address"),
                mail_from: scalar(&case["mailfrom"]),
                helo: scalar(&case["helo"]),
                results: expected_results(&case["result"]),
                explanation: case["explanation"]
                    .as_str()
                    .filter(|t| *t != "DEFAULT")
                    .map(str::to_string),
            });
        }
    }
    (zones, cases)
}
