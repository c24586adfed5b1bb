//! The core's layers look only down (docs/ARCHITECTURE.md, "Layers"). This test reads every
//! `crate::` path in the core's non-test code and fails on one that names a higher layer.

use std::fs;
use std::path::{Path, PathBuf};

/// The layers, bottom up. A module may use its own layer and those below it.
const LAYERS: &[&[&str]] = &[
    &["error", "json", "keyed", "num"],
    &["model"],
    &["stats"],
    &["input"],
    &["rules"],
    &["report"],
    &["scoring"],
    &["render"],
];

/// Modules that exist only in the facade (`lib.rs`): the layers must not use them.
const FACADE_MODULES: &[&str] = &["batch", "spc"];

/// The layer of a top-level module; `None` for the crate root (the facade may use any layer).
fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The top-level module a source file belongs to (`model/target.rs` -> `model`).
fn module_of(rel: &Path) -> String {
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    first.trim_end_matches(".rs").to_string()
}

/// Every upward reference in `text`, the source of `module`: (line, the module named).
fn upward(module: &str, text: &str) -> Vec<(usize, String)> {
    let Some(own) = layer(module) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break; // unit tests may use anything
        }
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `use crate::{a, b}`: each name in the braces.
            let names: Vec<String> = if let Some(braced) = rest.strip_prefix('{') {
                let inner = braced.split('}').next().unwrap_or("");
                inner
                    .split(',')
                    .map(|s| s.trim().split("::").next().unwrap_or("").to_string())
                    .collect()
            } else {
                vec![name]
            };
            for n in names {
                // `crate::Scorecard`, `crate::batch`: the facade's names hide the layer.
                let facade = n.starts_with(|c: char| c.is_ascii_uppercase())
                    || FACADE_MODULES.contains(&n.as_str());
                if facade || layer(&n).is_some_and(|l| l > own) {
                    found.push((i + 1, n));
                }
            }
        }
    }
    found
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("core/src is readable").flatten() {
        let p = entry.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_module_uses_a_higher_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    let mut seen = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).expect("under src");
        let module = module_of(rel);
        if module != "lib" {
            assert!(
                layer(&module).is_some(),
                "{}: module {module:?} is in no layer; add it to LAYERS and to ARCHITECTURE.md",
                rel.display()
            );
            seen.push(module.clone());
        }
        let text = fs::read_to_string(f).expect("readable");
        for (line, target) in upward(&module, &text) {
            problems.push(format!(
                "{}:{line}: layer {module:?} uses {target:?}, a higher layer or the facade",
                rel.display()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Every layer named here exists, so the list cannot silently go stale.
    for name in LAYERS.iter().flat_map(|l| l.iter()) {
        assert!(
            seen.iter().any(|m| m == name),
            "no module {name:?} in core/src"
        );
    }
}

#[test]
fn an_upward_import_is_caught() {
    // A model type reaching up into scoring, and a statistic into rendering through braces.
    let bad = "use crate::model::period::Period;\nuse crate::scoring::score;\n";
    assert_eq!(upward("model", bad), vec![(2, "scoring".to_string())]);
    let braces = "use crate::{error::Error, render::Format};\n";
    assert_eq!(upward("stats", braces), vec![(1, "render".to_string())]);
    // Downward and sideways uses are fine, and so is anything in unit tests.
    let fine = "use crate::model::period::Period;\nuse crate::stats::spc;\n\
                #[cfg(test)]\nmod tests { use crate::render::Format; }\n";
    assert!(upward("rules", fine).is_empty());
    assert!(upward("report", "let x = crate::num::r6(1.0);").is_empty());
    assert_eq!(
        upward("num", "crate::model::period::Period"),
        vec![(1, "model".to_string())]
    );
    // The facade's re-exports would hide a layer: `crate::Scorecard` is refused in the layers.
    assert_eq!(
        upward("render", "fn f(c: &crate::Scorecard) {}"),
        vec![(1, "Scorecard".to_string())]
    );
}
