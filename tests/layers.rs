//! The crate's parts import one way. Each top-level module may use only the
//! modules in lower layers, and within a folder no two files use each
//! other, directly or around a longer loop. The check reads the sources, so
//! a new import that runs backwards fails here before it can settle in.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Each top-level module and the layer it sits in; a module may use
/// modules of lower layers only.
const LAYERS: &[(&str, u32)] = &[
    ("domain", 0),
    ("units", 0),
    ("markdown", 0),
    ("plan", 1),
    ("dns", 2),
    ("warmup", 2),
    ("simulate", 3),
    ("monitor", 3),
    ("platform", 3),
    ("dmarc_reports", 3),
    ("review", 4),
    ("schema", 4),
    ("ui", 5),
];

fn layer(module: &str) -> Option<u32> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The sources under `src/`, minus the binaries, with their path relative
/// to `src/` and their text without comments.
fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(&root).expect("under src");
            let text = fs::read_to_string(&path).expect("a readable source");
            let code: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            (relative.to_string_lossy().replace('\\', "/"), code)
        })
        .filter(|(path, _)| !path.starts_with("bin/"))
        .collect()
}

/// The names that follow `prefix` in `code`: `crate::plan` gives `plan`.
fn names_after<'a>(code: &'a str, prefix: &str) -> BTreeSet<&'a str> {
    code.match_indices(prefix)
        .filter(|(at, _)| {
            // Not part of a longer path such as `switchyard::crate::`.
            !code[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
        })
        .map(|(at, _)| {
            let rest = &code[at + prefix.len()..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .filter(|name| !name.is_empty())
        .collect()
}

fn top_module(path: &str) -> &str {
    let first = path.split('/').next().unwrap_or(path);
    first.strip_suffix(".rs").unwrap_or(first)
}

#[test]
fn no_module_uses_a_module_above_it() {
    let mut wrong = Vec::new();
    for (path, code) in sources() {
        let own = top_module(&path);
        if own == "lib" || own == "main" {
            continue;
        }
        let Some(own_layer) = layer(own) else {
            wrong.push(format!("{path}: the module {own} has no layer in LAYERS"));
            continue;
        };
        for used in names_after(&code, "crate::") {
            if used == own {
                continue;
            }
            match layer(used) {
                Some(l) if l < own_layer => {}
                Some(_) => wrong.push(format!(
                    "{path} uses crate::{used}, which is not below {own}"
                )),
                None => wrong.push(format!("{path} uses crate::{used}, which has no layer")),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_core_never_names_the_browser() {
    for (path, code) in sources() {
        if top_module(&path) == "ui" {
            continue;
        }
        for browser in ["yew::", "gloo::", "web_sys::", "js_sys::", "wasm_bindgen"] {
            assert!(!code.contains(browser), "{path} names {browser}");
        }
    }
}

/// Which files of one folder each file uses, by `super::name` or by
/// `crate::<folder path>::name`.
fn folder_graph(files: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, code) in files {
        let Some((folder, file)) = path.rsplit_once('/') else {
            continue;
        };
        let module = file.trim_end_matches(".rs");
        let siblings: BTreeSet<String> = files
            .iter()
            .filter_map(|(p, _)| p.rsplit_once('/'))
            .filter(|(f, _)| *f == folder)
            .map(|(_, name)| name.trim_end_matches(".rs").to_string())
            .filter(|name| name != "mod")
            .collect();
        // `super::` from a file reaches its folder; from mod.rs, the parent.
        let mut used: BTreeSet<&str> = BTreeSet::new();
        if module != "mod" {
            used.extend(names_after(code, "super::"));
        }
        let absolute = format!("crate::{}::", folder.replace('/', "::"));
        used.extend(names_after(code, &absolute));
        let edges = used
            .into_iter()
            .filter(|name| *name != module && siblings.contains(*name))
            .map(|name| format!("{folder}/{name}"))
            .collect();
        graph.insert(format!("{folder}/{module}"), edges);
    }
    graph
}

#[test]
fn no_two_files_of_a_folder_use_each_other() {
    let graph = folder_graph(&sources());
    // Depth-first search for a loop from each file.
    fn reaches(graph: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(node) = stack.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if next == to {
                    return true;
                }
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        false
    }
    let loops: Vec<&String> = graph.keys().filter(|f| reaches(&graph, f, f)).collect();
    assert!(loops.is_empty(), "files in an import loop: {loops:?}");
}
