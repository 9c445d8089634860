//! Replays every fuzz seed natively, so `cargo test` guards what the fuzzers
//! found without a fuzzer: each file in `fuzz/seeds/<target>/` goes through
//! the same entry the target runs (`fuzz/entries.rs`), and every target,
//! seed folder and list of targets names the same set.

#[path = "../fuzz/entries.rs"]
mod entries;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seeds(target: &str) -> Vec<PathBuf> {
    let folder = root().join("fuzz/seeds").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| entry.expect("a readable folder").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_seed_replays_without_a_panic() {
    let mut failed = Vec::new();
    let mut replayed = 0;
    for (target, entry) in entries::TARGETS {
        let files = seeds(target);
        assert!(!files.is_empty(), "{target} has no seeds");
        for file in files {
            let data = std::fs::read(&file).expect("a readable seed");
            if std::panic::catch_unwind(|| entry(&data)).is_err() {
                failed.push(file.display().to_string());
            }
            replayed += 1;
        }
    }
    println!("{replayed} seeds replayed");
    assert!(failed.is_empty(), "seeds that panic: {failed:#?}");
}

/// The `[[bin]]` names of the fuzz crate.
fn fuzz_bins() -> BTreeSet<String> {
    let manifest = std::fs::read_to_string(root().join("fuzz/Cargo.toml")).unwrap();
    let table: toml::Table = manifest.parse().unwrap();
    table["bin"]
        .as_array()
        .unwrap()
        .iter()
        .map(|bin| bin["name"].as_str().unwrap().to_string())
        .collect()
}

/// The targets `scripts/fuzz` runs when given none.
fn script_targets() -> BTreeSet<String> {
    let script = std::fs::read_to_string(root().join("scripts/fuzz")).unwrap();
    let line = script
        .lines()
        .find(|l| l.contains("targets=(") && !l.contains("\"$@\""))
        .expect("the default list of targets");
    let list = &line[line.find("targets=(").unwrap() + 9..line.rfind(')').unwrap()];
    list.split_whitespace().map(String::from).collect()
}

#[test]
fn targets_seeds_and_script_name_the_same_set() {
    let entries: BTreeSet<String> = entries::TARGETS
        .iter()
        .map(|(name, _)| name.to_string())
        .collect();
    let folders: BTreeSet<String> = std::fs::read_dir(root().join("fuzz/seeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(fuzz_bins(), entries, "fuzz/Cargo.toml");
    assert_eq!(folders, entries, "fuzz/seeds");
    assert_eq!(script_targets(), entries, "scripts/fuzz");
    for name in &entries {
        let source =
            std::fs::read_to_string(root().join(format!("fuzz/fuzz_targets/{name}.rs"))).unwrap();
        assert!(
            source.contains(&format!("entries::{name}(data)")),
            "fuzz_targets/{name}.rs runs entries::{name}"
        );
    }
}

/// The promises the zone-file entry asserts hold for a file the fuzzer
/// first broke them with: a leading dot in `$ORIGIN`.
#[test]
fn the_zone_entry_refuses_a_leading_dot_origin() {
    let text =
        "$ORIGIN .example.com.\nmail IN A 192.0.2.1\n_dmarc IN TXT \"v=DMARC1\"\n@ IN MX 10 mail\n";
    entries::zone_file(text.as_bytes());
    let (records, findings) = switchyard::dns::zonefile::parse_zone(text, "example.com");
    assert!(records.is_empty(), "{records:?}");
    assert_eq!(findings.len(), 1);
}
