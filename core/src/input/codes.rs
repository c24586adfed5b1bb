//! Text columns (area, measure, period) as the integer codes batch scoring reads: each
//! distinct text is read once (a measure id looked up, a period parsed). A column given as the
//! texts of every row is coded here ([`from_texts`]); a dictionary-encoded column (Arrow's, a
//! pandas categorical) already is, and only its texts are read ([`read_dictionary`]), which is
//! much faster for long columns.

use crate::keyed::Keyed;

use crate::error::{Error, ErrorKind, Location};

/// Each row's code, and the value read from each code's text, in code order (codes are given
/// in order of first use).
#[derive(Debug, Clone, PartialEq)]
pub struct Codes<T> {
    /// Each text's code: its index in `values`.
    pub codes: Vec<u32>,
    /// The distinct values, read once each.
    pub values: Vec<T>,
}

/// Codes for a column given as each row's text (`None` for a missing value, an error). A row
/// with the same text as the row before reuses its code without hashing: rows grouped by area
/// and measure repeat those texts.
pub fn from_texts<'a, T>(
    texts: impl Iterator<Item = Option<&'a str>>,
    field: &str,
    read: impl Fn(&str) -> Result<T, String>,
) -> Result<Codes<T>, Error> {
    let mut code_of: Keyed<&str, u32> = Keyed::new();
    let mut out = Codes {
        codes: Vec::with_capacity(texts.size_hint().0),
        values: Vec::new(),
    };
    let mut previous: Option<(&str, u32)> = None;
    for (row, text) in texts.enumerate() {
        let text = text.ok_or_else(|| bad(row, field, "the value is missing".into()))?;
        let code = match previous {
            Some((p, c)) if p == text => c,
            _ => match code_of.get(text) {
                Some(&c) => c,
                None => {
                    let v = read(text).map_err(|why| bad(row, field, why))?;
                    let c = out.values.len() as u32;
                    out.values.push(v);
                    code_of.insert(text, c);
                    c
                }
            },
        };
        previous = Some((text, code));
        out.codes.push(code);
    }
    Ok(out)
}

/// The value of every text of a dictionary whose rows hold `keys`, each text read once. A text
/// no row uses may be unreadable (the first readable value stands in for it); one a row uses is
/// an error naming that row, and so is a key beyond the texts (an invalid dictionary array).
pub fn read_dictionary<T: Clone>(
    keys: &[u32],
    texts: &[&str],
    field: &str,
    read: impl Fn(&str) -> Result<T, String>,
) -> Result<Vec<T>, Error> {
    if let Some(row) = keys.iter().position(|&k| k as usize >= texts.len()) {
        let why = format!(
            "dictionary key {} is beyond the dictionary's {} texts",
            keys[row],
            texts.len()
        );
        return Err(bad(row, field, why));
    }
    let read: Vec<Result<T, String>> = texts.iter().map(|t| read(t)).collect();
    let failed = |key: &u32| read.get(*key as usize).is_some_and(Result::is_err);
    if let Some(row) = keys.iter().position(failed) {
        let why = read[keys[row] as usize].clone().err().unwrap_or_default();
        return Err(bad(row, field, why));
    }
    let Some(stand_in) = read.iter().find_map(|r| r.as_ref().ok().cloned()) else {
        return Ok(Vec::new());
    };
    Ok(read
        .into_iter()
        .map(|r| r.unwrap_or_else(|_| stand_in.clone()))
        .collect())
}

fn bad(row: usize, field: &str, message: String) -> Error {
    Error::new(ErrorKind::Data, Location::row("table", row, field), message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Period;

    fn period(s: &str) -> Result<Period, String> {
        s.parse::<Period>().map_err(|e| e.to_string())
    }

    #[test]
    fn dictionary_and_texts_give_the_same_periods() {
        // Rows 2021-04, 2021-05, 2021-04 as texts, and as a dictionary whose first entry no
        // row uses.
        let rows = ["2021-04", "2021-05", "2021-04"].map(Some);
        let t = from_texts(rows.into_iter(), "period", period).unwrap();
        assert_eq!(t.codes, [0, 1, 0]);
        let keys = [2, 1, 2];
        let d = read_dictionary(&keys, &["x", "2021-05", "2021-04"], "period", period).unwrap();
        for (code, key) in t.codes.iter().zip(keys) {
            assert_eq!(t.values[*code as usize], d[key as usize]);
        }
    }

    #[test]
    fn a_dictionary_is_read_once_and_unused_bad_texts_are_harmless() {
        let texts = ["not a period", "2021-05", "2021-04"];
        let read = read_dictionary(&[2, 1, 2], &texts, "period", period).unwrap();
        let may = period("2021-05").unwrap();
        assert_eq!(read, [may, may, period("2021-04").unwrap()]);
        let e = read_dictionary(&[2, 0], &texts, "period", period).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("table, row 2: field \"period\": "),
            "{e}"
        );
    }

    #[test]
    fn a_key_beyond_the_dictionary_names_its_row() {
        // An Arrow dictionary array whose third row points past its two texts.
        let e = read_dictionary(&[0, 1, 7], &["2021-04", "2021-05"], "period", period).unwrap_err();
        assert_eq!(
            e.to_string(),
            "table, row 3: field \"period\": dictionary key 7 is beyond the dictionary's 2 texts"
        );
        assert!(read_dictionary(&[0], &[], "period", period).is_err());
    }

    #[test]
    fn bad_and_missing_texts_name_their_row() {
        let e = from_texts(
            [Some("2021-04"), Some("April")].into_iter(),
            "period",
            period,
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("table, row 2: field \"period\": "),
            "{e}"
        );
        let e = from_texts([Some("a"), None].into_iter(), "area", |_| Ok(())).unwrap_err();
        assert_eq!(
            e.to_string(),
            "table, row 2: field \"area\": the value is missing"
        );
    }
}
