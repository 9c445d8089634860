//! Parsers never panic: each gets many mutated and random inputs, generated
//! deterministically so a failure reproduces. (Coverage-guided fuzzing with
//! cargo fuzz goes further; this runs on every test run.)

use switchyard::dns::dkim::parse_dkim_key;
use switchyard::dns::dmarc::parse_dmarc;
use switchyard::dns::spf::{check_host, parse_record, SpfQuery};
use switchyard::dns::zonefile::parse_zone;
use switchyard::dns::{RecordData, Zone};
use switchyard::domain::{normalize_address, normalize_domain};
use switchyard::plan::io::{export, import};
use switchyard::plan::sample::sample_plan;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

const PIECES: [&str; 24] = [
    "v=spf1", " ", "-all", "include:", "a:", "mx/", "//", "%{", "}", "ir", ".", "ip4:", "ip6:",
    "::", "/33", "=", ";", "\"", "\\", "(", ")", "\n", "é", "\u{0}",
];

/// Mutations of `seed`: pieces inserted, bytes dropped, halves swapped.
fn inputs(seed: &str, count: usize, rng: &mut Lcg) -> Vec<String> {
    (0..count)
        .map(|_| {
            let mut text: Vec<char> = seed.chars().collect();
            for _ in 0..1 + rng.next(6) {
                let at = rng.next(text.len() + 1);
                match rng.next(3) {
                    0 => text
                        .splice(at..at, PIECES[rng.next(PIECES.len())].chars())
                        .for_each(drop),
                    1 if at < text.len() => {
                        text.remove(at);
                    }
                    _ => text.insert(at, char::from(rng.next(128) as u8)),
                }
            }
            text.into_iter().collect()
        })
        .collect()
}

#[test]
fn record_parsers_survive_mutations() {
    let mut rng = Lcg(42);
    for text in inputs(
        "v=spf1 a:%{d1r}.x.example/24//64 include:_spf.example ip6:2001:db8::/32 exp=e.%{o} -all",
        20_000,
        &mut rng,
    ) {
        let _ = parse_record(&text);
    }
    for text in inputs(
        "v=DMARC1; p=reject; sp=none; rua=mailto:d@brand.com!10m, mailto:x@y.z; fo=1:d; psd=n",
        20_000,
        &mut rng,
    ) {
        let _ = parse_dmarc(&text, "x");
    }
    for text in inputs(
        "v=DKIM1; k=rsa; t=y:s; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC",
        20_000,
        &mut rng,
    ) {
        let _ = parse_dkim_key(&text, "x");
    }
    for text in inputs(
        "$ORIGIN brand.com.\n@ 300 IN TXT ( \"a\\065\" \"b\" )\nmx IN MX 10 mail\n",
        20_000,
        &mut rng,
    ) {
        let _ = parse_zone(&text, "brand.com");
    }
    for text in inputs("Mail.Bücher.example", 20_000, &mut rng) {
        let _ = normalize_domain(&text);
        let _ = normalize_address(&format!("a@{text}"));
    }
}

#[test]
fn evaluation_survives_mutated_records() {
    let mut rng = Lcg(7);
    let ip = "2001:db8::1".parse().unwrap();
    for text in inputs(
        "v=spf1 a mx ptr exists:%{i}.%{v}.%{h}.x.example include:b.example redirect=b.example -all",
        5_000,
        &mut rng,
    ) {
        let mut zone = Zone::new();
        zone.add("a.example", RecordData::Txt(vec![text.into_bytes()]));
        zone.add(
            "b.example",
            RecordData::Txt(vec![b"v=spf1 include:a.example ?all".to_vec()]),
        );
        let _ = check_host(
            &zone,
            &SpfQuery {
                ip,
                mail_from: "x@a.example",
                helo: "h.example",
                receiver: "r",
                timestamp: 0,
            },
        );
    }
}

#[test]
fn plan_import_survives_mutated_files() {
    let mut rng = Lcg(3);
    let exported = export(&sample_plan());
    for text in inputs(&exported, 3_000, &mut rng) {
        let _ = import(text.as_bytes());
    }
    for _ in 0..2_000 {
        let bytes: Vec<u8> = (0..rng.next(300)).map(|_| rng.next(256) as u8).collect();
        let _ = import(&bytes);
    }
}

#[test]
fn monitoring_imports_survive_mutations() {
    use switchyard::monitor::health::health;
    use switchyard::monitor::import::{import_bytes, Seen};
    use switchyard::monitor::Store;
    let mut rng = Lcg(9);
    let plan = sample_plan();
    for name in [
        "sendgrid.json",
        "ses.ndjson",
        "ses-sns.ndjson",
        "postmark.json",
        "mailgun.ndjson",
        "mailgun-page.json",
        "mailgun-page-paging-first.json",
        "sparkpost.json",
        "kumomta.ndjson",
        "customerio.ndjson",
        "daily.csv",
        "snds.csv",
        "postmaster-v1.json",
    ] {
        let seed = std::fs::read_to_string(format!(
            "{}/tests/fixtures/monitoring/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        for text in inputs(&seed, 300, &mut rng) {
            let chunk = 1 + rng.next(700);
            let mut store = Store::default();
            if let Ok(source) = import_bytes(name, text.as_bytes(), chunk, &mut Seen::default()) {
                store.add(source);
            }
            // Whatever was read, the health page can be computed.
            let _ = health(&plan, &store);
        }
    }
}
