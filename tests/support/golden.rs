//! Golden files: the exact text a test expects, kept under tests/golden.
//! After a change has been checked, `UPDATE_GOLDEN=1` rewrites them.
//! Shared by tests/golden.rs and the export tests, which also write each
//! export of a plan here the way the download does.

use std::path::Path;

use switchyard::plan::model::{DmarcPolicy, Plan};
use switchyard::plan::routing::route;
use switchyard::platform::export::{download, ExportKind, Inputs};

/// Fails unless `actual` is the golden file at tests/golden/`path`; with
/// `UPDATE_GOLDEN` set, writes it there first.
pub fn check(path: &str, actual: &str) {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(path);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(full.parent().expect("a folder")).unwrap();
        std::fs::write(&full, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&full).unwrap_or_default();
    assert!(
        expected == actual,
        "{path} differs; rerun with UPDATE_GOLDEN=1 after checking the change"
    );
}

/// The export of `kind` for `plan`, with the plan's routing and the DMARC
/// rollout at its start.
pub fn export(plan: &Plan, kind: ExportKind) -> String {
    let routing = route(plan);
    let inputs = Inputs {
        plan,
        routing: &routing,
        carried: &routing,
        dmarc_stage: DmarcPolicy::None,
    };
    download(&inputs, kind).text
}

/// Checks each export of `plan` against tests/golden/exports/<file name>.
pub fn check_exports(plan: &Plan, kinds: &[ExportKind]) {
    for &kind in kinds {
        check(
            &format!("exports/{}", kind.file_name()),
            &export(plan, kind),
        );
    }
}
