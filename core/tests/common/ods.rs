//! OpenDocument spreadsheet fixtures, written when the tests run (never committed): the
//! smallest `.ods` a spreadsheet program writes (mimetype, manifest, content), its cells typed
//! as LibreOffice types them (`float`, `date`, `string`).
#![allow(dead_code)]

use std::io::Write;
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

/// A cell: text, a number, or a date (ISO 8601).
pub enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    Date(&'a str),
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An `.ods` workbook with one sheet per (name, rows of cells).
pub fn ods(sheets: &[(&str, Vec<Vec<Cell>>)]) -> Vec<u8> {
    let mut body = String::new();
    for (name, rows) in sheets {
        body.push_str(&format!("<table:table table:name=\"{}\">", escape(name)));
        for row in rows {
            body.push_str("<table:table-row>");
            for cell in row {
                body.push_str(&match cell {
                    Cell::Text(t) => format!(
                        "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                        escape(t)
                    ),
                    Cell::Number(x) => format!(
                        "<table:table-cell office:value-type=\"float\" office:value=\"{x}\"><text:p>{x}</text:p></table:table-cell>"
                    ),
                    Cell::Date(d) => format!(
                        "<table:table-cell office:value-type=\"date\" office:date-value=\"{d}\"><text:p>{d}</text:p></table:table-cell>"
                    ),
                });
            }
            body.push_str("</table:table-row>");
        }
        body.push_str("</table:table>");
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
</manifest:manifest>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, data) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).expect("a zip entry");
        zip.write_all(data.as_bytes()).expect("written");
    }
    zip.finish().expect("the zip is written").into_inner()
}
