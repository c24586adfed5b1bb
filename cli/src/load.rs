//! Reading a scorecard: a folder's definition, CSV files, published tables and workbooks (each
//! read bounded by the core's size limit, its UTF-8 checked), or the bundled Dorset example.

use betteroff::{borrow_file, Errors, Scorecard, Sources};
use std::path::{Path, PathBuf};

use crate::progress::Progress;
use crate::Failure;

/// The bundled example, so that `betteroff report` works with no files at all.
const DORSET: [(&str, &str); 3] = [
    (
        "examples/dorset/scorecard.toml",
        include_str!("../bundled/dorset/scorecard.toml"),
    ),
    (
        "examples/dorset/observations.csv",
        include_str!("../bundled/dorset/observations.csv"),
    ),
    (
        "examples/dorset/comparators.csv",
        include_str!("../bundled/dorset/comparators.csv"),
    ),
];

pub fn load_bundled() -> Result<Scorecard, Failure> {
    let [def, obs, cmp] = DORSET;
    Scorecard::load(Sources {
        definition: def,
        observations: Some(obs),
        comparators: Some(cmp),
        actions: None,
        commentary: None,
        annotations: None,
        workbooks: &[],
        tables: &[],
    })
    .map_err(Failure::Invalid)
}

/// Reads a scorecard directory: one definition file and the optional CSV files.
pub fn load_dir(
    dir: &Path,
    command: &'static str,
    progress: &Progress,
) -> Result<Scorecard, Failure> {
    if !dir.is_dir() {
        return Err(Failure::Usage(
            command,
            format!("{} is not a directory", dir.display()),
        ));
    }
    let def_path = definition_path(dir)?;
    let def = read(&def_path, progress)?
        .ok_or_else(|| Failure::Io(format!("cannot read {}", def_path.display())))?;
    let obs = read(&dir.join("observations.csv"), progress)?;
    let cmp = read(&dir.join("comparators.csv"), progress)?;
    let act = read(&dir.join("actions.csv"), progress)?;
    let notes = read(&dir.join("commentary.csv"), progress)?;
    let events = read(&dir.join("annotations.csv"), progress)?;
    let books = workbooks(dir, progress)?;
    let tables = tables(dir, &def, progress)?;
    let tables: Vec<(&str, &str)> = tables
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let books: Vec<(&str, &[u8])> = books
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    Scorecard::load(Sources {
        definition: (&def.0, &def.1),
        observations: borrow_file(&obs),
        comparators: borrow_file(&cmp),
        actions: borrow_file(&act),
        commentary: borrow_file(&notes),
        annotations: borrow_file(&events),
        workbooks: &books,
        tables: &tables,
    })
    .map_err(Failure::Invalid)
}

/// The folder's definition file: scorecard.toml or scorecard.json, never both.
fn definition_path(dir: &Path) -> Result<PathBuf, Failure> {
    let toml = dir.join("scorecard.toml");
    let json = dir.join("scorecard.json");
    match (toml.exists(), json.exists()) {
        (true, false) => Ok(toml),
        (false, true) => Ok(json),
        (true, true) => Err(Failure::Io(format!(
            "{} has both scorecard.toml and scorecard.json: keep one",
            dir.display()
        ))),
        (false, false) => Err(Failure::Io(format!(
            "{} has no scorecard.toml or scorecard.json",
            dir.display()
        ))),
    }
}

/// A scorecard definition alone (for `score`): a .toml or .json file, or a folder holding one.
pub fn definition(path: &Path, progress: &Progress) -> Result<Scorecard, Failure> {
    let file = if path.is_dir() {
        definition_path(path)?
    } else {
        path.to_path_buf()
    };
    let def = read(&file, progress)?
        .ok_or_else(|| Failure::Usage("score", format!("{} does not exist", file.display())))?;
    parse_definition(&def).map_err(Failure::Invalid)
}

/// A definition's text as its file's extension says (JSON, else TOML).
fn parse_definition((name, text): &(String, String)) -> Result<Scorecard, Errors> {
    if name.ends_with(".json") {
        Scorecard::from_json(text, name)
    } else {
        Scorecard::from_toml(text, name)
    }
}

/// The published tables the definition's `[[tables]]` name, read from beside it; one that is
/// absent is left for the core to report. A definition that does not read gives none (its
/// problems are reported when it is loaded).
fn tables(
    dir: &Path,
    def: &(String, String),
    progress: &Progress,
) -> Result<Vec<(String, String)>, Failure> {
    let Ok(card) = parse_definition(def) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for t in &card.definition().tables {
        for f in std::iter::once(&t.file).chain(&t.meta) {
            if let Some(file) = read(&dir.join(f), progress)? {
                out.push(file);
            }
        }
    }
    Ok(out)
}

/// Every workbook in the directory (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`), by name, each
/// read as `Scorecard::add_workbook` reads it. Excel's lock files (`~$book.xlsx`) are left.
fn workbooks(dir: &Path, progress: &Progress) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Failure::Io(format!("cannot list {}: {e}", dir.display())))?;
    let mut paths: Vec<std::path::PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| betteroff::workbook::is_workbook(n) && !n.starts_with("~$"))
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| read_bytes(p, progress).transpose())
        .collect()
}

/// A file's name and bytes; `None` when it does not exist. Bounded as [`read`] is.
pub fn read_bytes(path: &Path, progress: &Progress) -> Result<Option<(String, Vec<u8>)>, Failure> {
    use std::io::Read;
    let name = path.display().to_string();
    let limits = betteroff::Limits::default();
    if let Ok(meta) = std::fs::metadata(path) {
        limits
            .check_file(&name, usize::try_from(meta.len()).unwrap_or(usize::MAX))
            .map_err(|e| Failure::Invalid(Errors::one(e)))?;
    }
    progress.reading(&name);
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Failure::Io(format!("cannot read {name}: {e}"))),
    };
    let mut bytes = Vec::new();
    let cap = u64::try_from(limits.max_file_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    file.take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Io(format!("cannot read {name}: {e}")))?;
    limits
        .check_read(&name, bytes.len())
        .map_err(|e| Failure::Invalid(Errors::one(e)))?;
    Ok(Some((name, bytes)))
}

/// A file's name and UTF-8 text; `None` when it does not exist. The read itself is bounded (at
/// most the size limit and one byte more), so memory stays bounded whatever the file claims to
/// be: a FIFO, a link to /dev/zero, or a file that grows while it is read.
pub fn read(path: &Path, progress: &Progress) -> Result<Option<(String, String)>, Failure> {
    let Some((name, bytes)) = read_bytes(path, progress)? else {
        return Ok(None);
    };
    betteroff::decode_utf8(bytes, &name)
        .map(|text| Some((name.clone(), text)))
        .map_err(|e| Failure::Invalid(Errors::one(e)))
}
