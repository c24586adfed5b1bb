//! Writes the workbook fixtures the Python and JavaScript tests read (`tests/common/workbook.rs`):
//! `cargo run -p betteroff --example workbook_fixtures -- target/fixtures`.

#[path = "../tests/common/workbook.rs"]
mod workbook;

fn main() -> std::io::Result<()> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/fixtures".to_string());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    workbook::write_all(&root, std::path::Path::new(&out))
}
