//! Turning a file's bytes into text: UTF-8 only (a byte-order mark is accepted by the parsers),
//! and an error that names the line where the file stops being UTF-8.

use crate::error::{Error, ErrorKind, Location};

/// Decodes `bytes` as UTF-8 (a leading byte-order mark dropped); an error names `file` and the line of the first invalid byte.
pub fn decode_utf8(bytes: Vec<u8>, file: &str) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let at = Location {
            file: file.to_string(),
            line: Some(line),
            row: None,
            field: None,
            ..Location::default()
        };
        Error::new(
            ErrorKind::Syntax,
            at,
            "the file is not valid UTF-8; save it as UTF-8",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_line_with_the_bad_byte() {
        let e = decode_utf8(b"measure,period\nm,2019\xff\n".to_vec(), "o.csv").unwrap_err();
        assert_eq!(
            e.to_string(),
            "o.csv:2: the file is not valid UTF-8; save it as UTF-8"
        );
        assert_eq!(
            decode_utf8("\u{feff}ok".as_bytes().to_vec(), "o.csv").unwrap(),
            "\u{feff}ok"
        );
    }
}
