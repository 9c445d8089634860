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

/// Which modules of one folder each module uses, by `super::`, `self::` or
/// `crate::` paths, grouped ones (`super::{a, b}`) included. A module is a
/// file or a subfolder; a subfolder's edges are those of every file in it,
/// so splitting a file into a folder keeps it in its parent's check.
fn folder_graph(files: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<Vec<String>> = files.iter().map(|(p, _)| module_path(p)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, code) in files {
        let from = module_path(path);
        for used in used_paths(code, &from) {
            // The folder holding both: the edge is between its children.
            let shared = from.iter().zip(&used).take_while(|(a, b)| a == b).count();
            if shared + 1 > from.len() || shared + 1 > used.len() {
                continue;
            }
            let (a, b) = (&from[..=shared], &used[..=shared]);
            if modules.contains(b) {
                let edges = graph.entry(a.join("/")).or_default();
                edges.insert(b.join("/"));
            }
        }
    }
    graph
}

/// A file's module path: `warmup/calendar/mod.rs` is `warmup::calendar`.
fn module_path(path: &str) -> Vec<String> {
    let mut parts: Vec<String> = path
        .trim_end_matches(".rs")
        .split('/')
        .map(String::from)
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Every path `code` names from the crate's root, resolved against the
/// module `own`: `super::x` in `a::b` is `a::x`.
fn used_paths(code: &str, own: &[String]) -> Vec<Vec<String>> {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = Vec::new();
    for (at, _) in code
        .match_indices("crate::")
        .chain(code.match_indices("super::"))
        .chain(code.match_indices("self::"))
    {
        if code[..at].ends_with(|c: char| word(c) || c == ':') {
            continue;
        }
        let mut rest = &code[at..];
        let mut base: Vec<String> = own.to_vec();
        loop {
            if let Some(r) = rest.strip_prefix("crate::") {
                base.clear();
                rest = r;
            } else if let Some(r) = rest.strip_prefix("super::") {
                base.pop();
                rest = r;
            } else if let Some(r) = rest.strip_prefix("self::") {
                rest = r;
            } else {
                break;
            }
        }
        path_items(rest, base, &mut out);
    }
    out
}

/// The comma-separated items of a `{…}` group up to its closing brace,
/// with nested groups kept whole.
fn top_level_items(group: &str) -> Vec<&str> {
    let (mut items, mut depth, mut start) = (Vec::new(), 0, 0);
    for (at, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&group[start..at]);
                return items;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    items.push(&group[start..]);
    items
}

/// The paths a `use` tree or a path in code names, below `base`:
/// `a::{b, c::d}` gives `base::a::b` and `base::a::c::d`.
fn path_items(mut rest: &str, mut base: Vec<String>, out: &mut Vec<Vec<String>>) {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    loop {
        if let Some(group) = rest.strip_prefix('{') {
            for item in top_level_items(group) {
                path_items(item.trim(), base.clone(), out);
            }
            return;
        }
        let end = rest.find(|c: char| !word(c)).unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        base.push(rest[..end].to_string());
        match rest[end..].strip_prefix("::") {
            Some(next) => rest = next,
            None => break,
        }
    }
    out.push(base);
}

#[test]
fn no_two_files_of_a_folder_use_each_other() {
    let loops = in_loops(&folder_graph(&sources()));
    assert!(loops.is_empty(), "files in an import loop: {loops:?}");
}

#[test]
fn a_loop_through_a_subfolder_or_a_grouped_import_is_found() {
    let files = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        (list.iter())
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect()
    };
    let split = files(&[
        ("a/b/mod.rs", "mod x;"),
        ("a/b/x.rs", "use super::super::c::f;"),
        ("a/c.rs", "use crate::a::{d::{e, f}, b::g};"),
        ("a/d.rs", "use super::c::h;"),
    ]);
    assert_eq!(in_loops(&folder_graph(&split)), ["a/b", "a/c", "a/d"]);
    // A file may use its own folder's mod.rs and its own children.
    let down = files(&[
        ("a/mod.rs", "use self::b::x;"),
        ("a/b/mod.rs", "use super::Item;"),
        ("a/b/x.rs", "use super::y;"),
        ("a/b/y.rs", ""),
    ]);
    assert!(in_loops(&folder_graph(&down)).is_empty());
}

/// The modules from which a depth-first search comes back to them.
fn in_loops(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let reaches = |from: &str, to: &str| {
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
    };
    (graph.keys()).filter(|m| reaches(m, m)).cloned().collect()
}
