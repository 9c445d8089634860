//! The planned zone as Terraform, beside the BIND file: for Cloudflare
//! (provider v5, `cloudflare_dns_record`) and for Route 53
//! (`aws_route53_record`). Each zone's id is a variable, since only the
//! DNS host's dashboard knows it; records whose value must first be copied
//! from a provider's dashboard are commented out, as in the BIND file.

use super::{comment, hcl_string, resource, unique, Inputs};
use crate::dns::plan::{zone_files, Pasted, PlannedRecord, ZoneFile};
use crate::dns::zonefile::quote;
use crate::dns::{host_shown, written_name, RecordData};
use crate::plan::model::Plan;

/// The TTL of every record: an hour.
const TTL: u32 = 3600;

/// One zone with the names the file gives it.
struct Zone {
    file: ZoneFile,
    /// The zone's label in variable and resource names.
    label: String,
}

/// Records that share a name and type, or a single record.
struct RecordSet<'a> {
    records: Vec<&'a PlannedRecord>,
}

/// What differs between the DNS hosts.
struct Host {
    name: &'static str,
    provider: &'static str,
    version: Option<&'static str>,
    /// What the zone id variable holds.
    zone_id: &'static str,
    resource: &'static str,
    /// Route 53 holds the records of one name and type in one record set,
    /// so one resource writes them all; Cloudflare takes one per record.
    grouped: bool,
    attributes: fn(&Zone, &RecordSet) -> Vec<(&'static str, String)>,
}

/// Terraform for Cloudflare: one `cloudflare_dns_record` per record.
pub fn cloudflare(inputs: &Inputs) -> String {
    write(
        inputs,
        &Host {
            name: "Cloudflare",
            provider: "cloudflare/cloudflare",
            version: Some("~> 5.0"),
            zone_id: "Cloudflare zone id",
            resource: "cloudflare_dns_record",
            grouped: false,
            attributes: cloudflare_attributes,
        },
    )
}

/// Terraform for Route 53: one `aws_route53_record` per name and type.
pub fn route53(inputs: &Inputs) -> String {
    write(
        inputs,
        &Host {
            name: "Route 53",
            provider: "hashicorp/aws",
            version: None,
            zone_id: "Route 53 hosted zone id",
            resource: "aws_route53_record",
            grouped: true,
            attributes: route53_attributes,
        },
    )
}

/// The file for `host`: zone id variables, then each zone's records, those
/// to fill in last and commented out.
fn write(inputs: &Inputs, host: &Host) -> String {
    let zones = zones(inputs);
    let mut out = header(inputs.plan, host);
    variables(&zones, host.zone_id, &mut out);
    let mut labels = Vec::new();
    for zone in &zones {
        let parts = zone.file.parts();
        // As in the zone file: a CNAME beside other records would fail the
        // whole apply, and dashboard values are not known yet.
        let held = [
            (parts.ready, None),
            (
                parts.clash,
                Some("# Left out: a CNAME cannot share its name with other records (see Problems):\n"),
            ),
            (
                parts.pending,
                Some("# To fill in from the provider's dashboard, then uncomment:\n"),
            ),
        ];
        for (records, heading) in held {
            let commented = heading.is_some();
            for set in record_sets(&records, host.grouped) {
                out.push('\n');
                why(&mut out, &set.records);
                out.push_str(heading.unwrap_or_default());
                let label = record_label(zone, set.records[0], &mut labels);
                let opening = resource(host.resource, &label);
                block(
                    &mut out,
                    &opening,
                    &(host.attributes)(zone, &set),
                    commented,
                );
            }
        }
    }
    out
}

/// The plan's zones, each with a distinct label.
fn zones(inputs: &Inputs) -> Vec<Zone> {
    let mut taken = Vec::new();
    zone_files(inputs.plan, &Pasted::of(inputs.plan), inputs.dmarc_stage)
        .into_iter()
        .map(|file| {
            let label = unique(identifier(&file.origin), &mut taken, "_");
            Zone { file, label }
        })
        .collect()
}

fn header(plan: &Plan, host: &Host) -> String {
    let lines = [
        format!("DNS records planned for {}, as Terraform for {}.", plan.title(), host.name),
        "Set each zone's id variable from the DNS host's dashboard.".to_string(),
        "Records whose value comes from a provider's dashboard are commented out: fill them in, then uncomment.".to_string(),
    ];
    let mut out: String = lines.iter().map(|line| comment(line)).collect();
    let source = host.provider;
    let name = source.rsplit('/').next().unwrap_or(source);
    out.push_str("\nterraform {\n  required_providers {\n");
    out.push_str(&format!("    {name} = {{\n"));
    match host.version {
        Some(version) => out.push_str(&format!(
            "      source  = \"{source}\"\n      version = \"{version}\"\n"
        )),
        None => out.push_str(&format!("      source = \"{source}\"\n")),
    }
    out.push_str("    }\n  }\n}\n");
    out
}

fn variables(zones: &[Zone], what: &str, out: &mut String) {
    for zone in zones {
        out.push_str(&format!("\nvariable \"{}\" {{\n", zone_variable(zone)));
        let description = format!("{what} of {}.", zone.file.origin);
        out.push_str(&format!("  description = {}\n", hcl_string(&description)));
        out.push_str("  type        = string\n}\n");
    }
}

fn zone_variable(zone: &Zone) -> String {
    format!("{}_zone_id", zone.label)
}

/// Why each record is needed, as comments above its resource.
fn why(out: &mut String, records: &[&PlannedRecord]) {
    let mut said: Vec<&str> = Vec::new();
    for record in records {
        if !said.contains(&record.why.as_str()) {
            said.push(&record.why);
            out.push_str(&comment(&record.why));
        }
    }
}

/// A resource block, commented out line by line when `commented`.
fn block(out: &mut String, opening: &str, attrs: &[(&str, String)], commented: bool) {
    let width = attrs.iter().map(|(key, _)| key.len()).max().unwrap_or(0);
    let mut lines = vec![format!("{opening} {{")];
    lines.extend(
        attrs
            .iter()
            .map(|(key, value)| format!("  {key:<width$} = {value}")),
    );
    lines.push("}".to_string());
    for line in lines {
        if commented {
            out.push_str("# ");
        }
        out.push_str(&line);
        out.push('\n');
    }
}

/// The record's resource label, unique in the file.
fn record_label(zone: &Zone, record: &PlannedRecord, taken: &mut Vec<String>) -> String {
    let origin = &zone.file.origin;
    let relative = match record.name.strip_suffix(&format!(".{origin}")) {
        Some(relative) => relative.to_string(),
        None if &record.name == origin => "apex".to_string(),
        None => record.name.clone(),
    };
    let kind = type_name(&record.data).to_ascii_lowercase();
    let words = match words(&relative) {
        words if words.is_empty() => "record".to_string(),
        words => words,
    };
    unique(format!("{}_{words}_{kind}", zone.label), taken, "_")
}

fn cloudflare_attributes(zone: &Zone, set: &RecordSet) -> Vec<(&'static str, String)> {
    let record = set.records[0];
    let mut attrs = vec![
        ("zone_id", format!("var.{}", zone_variable(zone))),
        ("name", hcl_string(&record.name)),
        ("type", hcl_string(type_name(&record.data))),
    ];
    let content = match &record.data {
        RecordData::A(ip) => ip.to_string(),
        RecordData::Aaaa(ip) => ip.to_string(),
        RecordData::Mx { exchange, .. } => host_shown(exchange),
        RecordData::Cname(target) | RecordData::Ptr(target) => written_name(target),
        // Cloudflare reads TXT content as quoted character-strings.
        RecordData::Txt(strings) => character_strings(strings).join(" "),
    };
    attrs.push(("content", hcl_string(&content)));
    attrs.push(("ttl", TTL.to_string()));
    match &record.data {
        RecordData::Mx { preference, .. } => attrs.push(("priority", preference.to_string())),
        RecordData::A(_) | RecordData::Aaaa(_) | RecordData::Cname(_) => {
            // Mail records must answer with the record itself, not a proxy.
            attrs.push(("proxied", "false".to_string()));
        }
        RecordData::Ptr(_) | RecordData::Txt(_) => {}
    }
    attrs
}

fn route53_attributes(zone: &Zone, set: &RecordSet) -> Vec<(&'static str, String)> {
    let first = set.records[0];
    let values: Vec<String> = set
        .records
        .iter()
        .map(|r| hcl_string(&route53_value(&r.data)))
        .collect();
    vec![
        ("zone_id", format!("var.{}", zone_variable(zone))),
        ("name", hcl_string(&first.name)),
        ("type", hcl_string(type_name(&first.data))),
        ("ttl", TTL.to_string()),
        ("records", format!("[{}]", values.join(", "))),
    ]
}

/// One value of a Route 53 record set. A TXT value is its quoted strings
/// without the outer quotes, which the provider adds: a value over 255
/// bytes becomes `part1""part2`, the form the provider documents.
fn route53_value(data: &RecordData) -> String {
    match data {
        RecordData::A(ip) => ip.to_string(),
        RecordData::Aaaa(ip) => ip.to_string(),
        RecordData::Mx {
            preference,
            exchange,
        } => format!("{preference} {}", host_shown(exchange)),
        RecordData::Cname(target) | RecordData::Ptr(target) => written_name(target),
        RecordData::Txt(strings) => {
            // The provider's documented form for a value over 255 bytes is
            // `part1""part2`: the strings with no space between them.
            let quoted = character_strings(strings).join("");
            match quoted.len() {
                // An empty string stays quoted, or nothing would be left.
                0..=2 => quoted,
                len => quoted[1..len - 1].to_string(),
            }
        }
    }
}

/// The records one resource each, or grouped by name and type in the order
/// each group first appears.
fn record_sets<'a>(records: &[&'a PlannedRecord], grouped: bool) -> Vec<RecordSet<'a>> {
    let mut sets: Vec<RecordSet<'a>> = Vec::new();
    for record in records {
        if !grouped {
            sets.push(RecordSet {
                records: vec![record],
            });
            continue;
        }
        let same = |set: &&mut RecordSet| {
            let first = set.records[0];
            first.name == record.name && type_name(&first.data) == type_name(&record.data)
        };
        match sets.iter_mut().find(same) {
            Some(set) => set.records.push(record),
            None => sets.push(RecordSet {
                records: vec![record],
            }),
        }
    }
    sets
}

fn type_name(data: &RecordData) -> &'static str {
    match data {
        RecordData::A(_) => "A",
        RecordData::Aaaa(_) => "AAAA",
        RecordData::Mx { .. } => "MX",
        RecordData::Ptr(_) => "PTR",
        RecordData::Txt(_) => "TXT",
        RecordData::Cname(_) => "CNAME",
    }
}

/// A TXT record's strings as quoted character-strings of at most 255
/// bytes: `"` and `\` escaped, other bytes outside printable ASCII as
/// `\DDD`, as in zone files.
fn character_strings(strings: &[Vec<u8>]) -> Vec<String> {
    strings
        .iter()
        .flat_map(|s| match s.is_empty() {
            true => vec![quote(b"")],
            false => s.chunks(255).map(quote).collect(),
        })
        .collect()
}

/// A Terraform identifier from a DNS name: its words, starting with a
/// letter.
fn identifier(name: &str) -> String {
    let mut out = words(name);
    if !out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out.insert_str(0, "zone_");
    }
    out
}

/// The name's runs of letters and digits, lower-case, joined by underscores.
fn words(name: &str) -> String {
    name.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}
