//! The reputation model card names the simulator's current files: every
//! file it names exists, every file of `src/simulate/` is named, and every
//! function it names is defined in a file it names.

use std::collections::BTreeSet;
use std::path::Path;

const CARD: &str = include_str!("../docs/reputation-model.md");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `code span` of the card.
fn spans(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// The spans that name a file of the repository.
fn named_files() -> BTreeSet<&'static str> {
    spans(CARD)
        .into_iter()
        .filter(|s| {
            ["src/", "tests/", "docs/"]
                .iter()
                .any(|dir| s.starts_with(dir))
        })
        .collect()
}

#[test]
fn every_named_file_exists() {
    let named = named_files();
    assert!(named.len() >= 5, "the card names its files: {named:?}");
    for path in &named {
        assert!(
            root().join(path).is_file(),
            "the card names {path}, which does not exist"
        );
    }
}

#[test]
fn every_file_of_the_simulator_is_named() {
    let named = named_files();
    let dir = root().join("src/simulate");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("the simulator's folder")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".rs"))
        .map(|name| format!("src/simulate/{name}"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "{files:?}");
    for file in &files {
        assert!(
            named.contains(file.as_str()),
            "the card does not name {file}"
        );
    }
}

/// Each file row of the card's table: the file and the functions and types
/// it says the file holds.
fn file_rows() -> Vec<(&'static str, Vec<&'static str>)> {
    CARD.lines()
        .filter(|line| line.starts_with("| `src/"))
        .map(|line| {
            let mut cells = line.split('|').skip(1);
            let file = spans(cells.next().unwrap_or_default())[0];
            let items = spans(cells.next().unwrap_or_default());
            (file, items)
        })
        .collect()
}

#[test]
fn every_item_a_file_row_names_is_in_that_file() {
    let rows = file_rows();
    assert!(rows.len() >= 3, "{rows:?}");
    for (file, items) in rows {
        let source = std::fs::read_to_string(root().join(file)).unwrap_or_default();
        for item in items {
            let defined = ["fn", "struct", "enum", "const", "mod"]
                .iter()
                .any(|kind| source.contains(&format!("{kind} {item}")));
            assert!(
                defined,
                "the card says {file} holds {item}, which it does not define"
            );
        }
    }
}

/// Paths such as `warmup::calendar::cap_at` name a function in a module file.
#[test]
fn every_rust_path_in_the_card_resolves() {
    for span in spans(CARD).into_iter().filter(|s| s.contains("::")) {
        let mut parts: Vec<&str> = span.split("::").collect();
        let item = parts.pop().expect("an item");
        let module = parts.join("/");
        let source = [format!("src/{module}.rs"), format!("src/{module}/mod.rs")]
            .iter()
            .find_map(|p| std::fs::read_to_string(root().join(p)).ok())
            .unwrap_or_else(|| panic!("the card names {span}, whose module does not exist"));
        assert!(
            source.contains(&format!("fn {item}")),
            "the card names {span}, which is not defined"
        );
    }
}
