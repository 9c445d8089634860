//! The planned records grouped into zone files, with placeholders filled
//! from records already published, and the zone a check compares.

use crate::dns::zonefile::{write_master_file, write_zone, ParsedRecord, ZONE_TTL};
use crate::dns::{canonical_name, oversized_name, RecordData, Zone};
use crate::domain::normalize_domain;
use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::{DmarcPolicy, Plan};

use super::{lane_domains, records_at_stage, unpublishable, Pasted, PlannedRecord};

/// The records to publish in one DNS zone, and the zone file that holds them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZoneFile {
    pub origin: String,
    /// Every record of the zone except names DNS cannot hold, which the
    /// checks report instead.
    pub records: Vec<PlannedRecord>,
    /// A BIND master file: `$TTL`, `$ORIGIN`, TXT values split at 255 bytes.
    pub text: String,
}

/// A zone's records by what a download does with them.
pub struct ZoneParts<'a> {
    /// Published as they are.
    pub ready: Vec<&'a PlannedRecord>,
    /// CNAMEs at a name with other records, which would stop the whole
    /// file or plan loading: left out, commented, until Problems is fixed.
    pub clash: Vec<&'a PlannedRecord>,
    /// Values to fill in from a provider's dashboard, commented.
    pub pending: Vec<&'a PlannedRecord>,
}

impl ZoneFile {
    /// The zone's records split the way every download writes them.
    pub fn parts(&self) -> ZoneParts<'_> {
        let (ready, pending): (Vec<&PlannedRecord>, Vec<&PlannedRecord>) =
            self.records.iter().partition(|r| !r.placeholder);
        let (clash, ready) = (ready.iter().copied()).partition(|r| cname_clashes(r, &ready));
        ZoneParts {
            ready,
            clash,
            pending,
        }
    }
}

/// The planned records grouped by the zone they belong in: the primary
/// domain's, each lane domain outside it, and a report address's domain.
/// The DMARC record carries `dmarc_stage`, the rollout's current policy,
/// so that a download never jumps straight to the goal.
pub fn zone_files(plan: &Plan, pasted: &Pasted, dmarc_stage: DmarcPolicy) -> Vec<ZoneFile> {
    // A name DNS cannot hold would make a whole file or export unreadable.
    let mut records = records_at_stage(plan, pasted, dmarc_stage);
    records.retain(|r| unpublishable(&r.name).is_none());
    fill_placeholders(&pasted.records, &mut records);
    let mut origins: Vec<String> = Vec::new();
    if let Ok(primary) = normalize_domain(&plan.brand.primary_domain) {
        origins.push(primary);
    }
    // A lane domain outside the brand's is in the zone of the registered
    // domain it is under, as are the brand's other names there: lanes
    // left on the old domain after the primary domain changes share its
    // zone, not one zone each.
    let outside = |name: String| match origins.first() {
        Some(primary) if crate::domain::is_within(&name, primary) => name,
        _ => crate::domain::registered_part(&name).map_or(name.clone(), str::to_string),
    };
    let lanes: Vec<String> = (plan.lanes.iter())
        .filter_map(lane_domains)
        .flat_map(|d| [d.from_domain, d.bounce_domain, d.dkim_domain])
        .map(outside)
        .collect();
    origins.extend(lanes);
    origins.retain(|o| oversized_name(o).is_none());
    let mut files: Vec<ZoneFile> = Vec::new();
    for record in records {
        // A report authorisation record is published in the report domain.
        let origin = match record.name.split_once("._report._dmarc.") {
            Some((_, report_domain)) => report_domain.to_string(),
            None => origins
                .iter()
                .filter(|o| crate::domain::is_within(&record.name, o))
                .min_by_key(|o| o.len())
                .cloned()
                .unwrap_or_else(|| own_zone(&record.name)),
        };
        match files.iter_mut().find(|f| f.origin == origin) {
            Some(file) => file.records.push(record),
            None => files.push(ZoneFile {
                origin,
                records: vec![record],
                text: String::new(),
            }),
        }
    }
    for file in &mut files {
        file.text = zone_text(file);
    }
    files
}

/// Each placeholder a pasted record fills becomes that record, so a
/// download publishes the provider's value instead of commenting it out.
fn fill_placeholders(existing: &[ParsedRecord], records: &mut [PlannedRecord]) {
    let fillers = fillers(records, existing);
    for (record, pasted) in records.iter_mut().zip(fillers) {
        if let Some(pasted) = pasted {
            record.name = pasted.name.clone();
            record.data = pasted.data.clone();
            record.placeholder = false;
        }
    }
}

/// The zone of a name under none of the plan's domains: the registered
/// domain it is under, else the name itself, less a first label the
/// provider fills in, which names no zone.
fn own_zone(name: &str) -> String {
    let name = match name.split_once('.') {
        Some((first, rest)) if first.starts_with('<') => rest,
        _ => name,
    };
    crate::domain::registered_part(name)
        .unwrap_or(name)
        .to_string()
}

/// Whether the plan gives a record of its own, no placeholder, at `name`.
fn planned_at(planned: &[PlannedRecord], name: &str) -> bool {
    // A name with no placeholder in it is the plan's own, whatever its
    // value still needs from the provider.
    let name = crate::dns::canonical_name(name);
    (planned.iter()).any(|p| !p.name.contains('<') && crate::dns::canonical_name(&p.name) == name)
}

/// The pasted record that fills each planned record's placeholder, if any.
/// A pasted record fills one placeholder, so the tokens SES gives fill its
/// three CNAMEs in turn rather than one token filling all three. A record
/// at a name the plan gives a record of its own fills none: SendGrid's
/// link CNAME fits the pattern of its ownership record's name, yet is not
/// that record.
pub(crate) fn fillers<'a>(
    planned: &[PlannedRecord],
    existing: &'a [ParsedRecord],
) -> Vec<Option<&'a ParsedRecord>> {
    let mut taken: Vec<&ParsedRecord> = Vec::new();
    (planned.iter())
        .map(|p| {
            // A record at a name the plan uses fills only that name's own
            // placeholder, such as the value SendGrid gives its
            // Return-Path, never another name's.
            let own = |e: &ParsedRecord| {
                crate::dns::canonical_name(&e.name) == crate::dns::canonical_name(&p.name)
            };
            let free = |e: &&ParsedRecord| {
                !taken.iter().any(|t| t.name == e.name && t.data == e.data)
                    && (own(e) || !planned_at(planned, &e.name))
            };
            let found = (existing.iter()).find(|e| free(e) && fills(&e.name, &e.data, p))?;
            taken.push(found);
            Some(found)
        })
        .collect()
}

/// A zone's master file: the records to publish, then those left out and
/// those to fill in, commented so the file loads as it is.
fn zone_text(file: &ZoneFile) -> String {
    let ZoneParts {
        ready,
        clash,
        pending,
    } = file.parts();
    let pairs = |records: &[&PlannedRecord]| -> Vec<(String, RecordData)> {
        records
            .iter()
            .map(|r| (r.name.clone(), r.data.clone()))
            .collect()
    };
    let mut text = write_master_file(&file.origin, ZONE_TTL, &pairs(&ready));
    // Both stay commented out so the file loads as it is.
    let held = [
        (
            clash,
            "; Left out: a CNAME cannot share its name with other records (see Problems):\n",
        ),
        (
            pending,
            "; To fill in from the provider's dashboard, then uncomment:\n",
        ),
    ];
    for (records, heading) in held.iter().filter(|(r, _)| !r.is_empty()) {
        text.push_str(heading);
        let body = write_zone(&file.origin, &pairs(records));
        for line in body.lines().skip(1) {
            text.push_str(&format!("; {line}\n"));
        }
    }
    text
}

/// Whether `record` is a CNAME at a name where `others` hold more records.
fn cname_clashes(record: &PlannedRecord, others: &[&PlannedRecord]) -> bool {
    matches!(record.data, RecordData::Cname(_))
        && others
            .iter()
            .any(|o| o.name == record.name && !std::ptr::eq(*o, record))
}

/// The plan's records, the DMARC record at `stage`, plus the pasted ones,
/// as one zone for the checks, with what is wrong in the pasted text. A
/// planned record replaces an existing one of the same kind at the same
/// name (an SPF record another SPF record, a DMARC record another), a
/// planned CNAME every record at its name, and the replacement is noted;
/// other existing records stay.
pub fn planned_zone(plan: &Plan, pasted: &Pasted, stage: DmarcPolicy) -> (Zone, Vec<Diagnostic>) {
    let mut zone = Zone::new();
    let (existing, mut findings) = (&pasted.records, pasted.findings.clone());
    let planned = records_at_stage(plan, pasted, stage);
    for record in existing {
        let kind = kind_of(&record.data);
        // A planned CNAME must stand alone, so it replaces every record there.
        let replaced =
            |p: &PlannedRecord| kind_of(&p.data) == kind || matches!(p.data, RecordData::Cname(_));
        // A record already published as planned replaces nothing.
        let published = planned
            .iter()
            .any(|p| p.name == record.name && p.data == record.data);
        if published {
            continue;
        }
        // The provider's key or CNAME, published where the plan holds a
        // placeholder for it, is the record the plan asks for.
        if planned.iter().any(|p| fills(&record.name, &record.data, p)) {
            zone.add(&record.name, record.data.clone());
            continue;
        }
        if planned.iter().any(|p| p.name == record.name && replaced(p)) {
            findings.push(
                Diagnostic::info("dns.replaced", format!("line {}", record.line), format!("The plan replaces the existing {kind} record at {}.", record.name))
                    .hint("Publish the planned record in its place; two such records at one name break the check."),
            );
        } else {
            zone.add(&record.name, record.data.clone());
        }
    }
    let fillers = fillers(&planned, existing);
    for (record, filler) in planned.iter().zip(fillers) {
        if filler.is_none() {
            zone.add(&record.name, record.data.clone());
        }
    }
    (zone, findings)
}

/// Whether a pasted record fills a planned placeholder: the same kind of
/// record at a name the planned one fits (a name the provider picks part
/// of, such as Postmark's date), a CNAME's target fitting the planned one.
pub(crate) fn fills(name: &str, data: &RecordData, planned: &PlannedRecord) -> bool {
    let fits = crate::dns::fits_placeholders;
    if !planned.placeholder || !fits(&planned.name, name) {
        return false;
    }
    match (&planned.data, data) {
        (RecordData::Cname(target), RecordData::Cname(got)) => fits(target, &canonical_name(got)),
        (want, got) => kind_of(want) == kind_of(got),
    }
}

/// What a record is for, so a planned record can replace an existing one.
pub(super) fn kind_of(data: &RecordData) -> String {
    match data {
        RecordData::Txt(strings) => {
            let text = String::from_utf8_lossy(&strings.concat()).into_owned();
            if crate::dns::spf::is_spf_record(text.as_bytes()) {
                "SPF".into()
            } else if crate::dns::dmarc::is_dmarc_record(&text) {
                "DMARC".into()
            } else if text.trim_start().starts_with("v=DKIM1") || text.contains("p=") {
                "DKIM".into()
            } else {
                format!("TXT {text}")
            }
        }
        RecordData::Cname(_) => "CNAME".into(),
        RecordData::Mx { .. } => "MX".into(),
        RecordData::A(_) => "A".into(),
        RecordData::Aaaa(_) => "AAAA".into(),
        RecordData::Ptr(_) => "PTR".into(),
    }
}
