//! Loading a bundled example as the CLI does, for the tests that score them.

use betteroff::{borrow_file, Scorecard, Sources};
use std::fs;
use std::path::{Path, PathBuf};

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Loads an example directory the way the CLI does, with file names relative to the root.
pub fn load(example: &str) -> Scorecard {
    let read = |name: &str| {
        let rel = format!("{example}/{name}");
        fs::read_to_string(root().join(&rel)).ok().map(|t| (rel, t))
    };
    let def = read("scorecard.toml").expect("example has scorecard.toml");
    let (obs, cmp, act, notes) = (
        read("observations.csv"),
        read("comparators.csv"),
        read("actions.csv"),
        read("commentary.csv"),
    );
    let events = read("annotations.csv");
    // The published tables the definition names, read from beside it.
    let named = Scorecard::from_toml(&def.1, &def.0).expect("example definition reads");
    let tables: Vec<(String, String)> = named
        .definition()
        .tables
        .iter()
        .flat_map(|t| std::iter::once(&t.file).chain(&t.meta))
        .filter_map(|f| read(f))
        .collect();
    let tables: Vec<(&str, &str)> = tables
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Scorecard::load(Sources {
        definition: (&def.0, &def.1),
        observations: borrow_file(&obs),
        comparators: borrow_file(&cmp),
        actions: borrow_file(&act),
        commentary: borrow_file(&notes),
        annotations: borrow_file(&events),
        workbooks: &[],
        tables: &tables,
    })
    .unwrap_or_else(|e| panic!("{example} is valid:\n{e}"))
}
