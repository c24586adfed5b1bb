//! The dated notes on a measure: the commentary file (`commentary.csv`: what the partnership
//! said of a measure, period by period: measure, period, text, author), read into
//! [`Commentary`], and the annotations file (`annotations.csv`: the events that explain its
//! series: measure, period, text), read into [`Annotation`]. Both read their rows here.

use crate::error::{Error, ErrorKind, Errors};
use crate::input::observations;
use crate::input::table::{self, Table};
use crate::model::measure::Measure;
use crate::model::story::{Annotation, Commentary};

pub const REQUIRED: &[&str] = &["measure", "period", "text"];
pub const OPTIONAL: &[&str] = &["author"];

/// Reads the rows of `src` (a CSV file, records or a workbook's sheet), each measure found
/// through `find`.
pub fn parse<'m>(
    src: &table::Source,
    find: &dyn Fn(&str) -> Option<&'m Measure>,
) -> Result<Vec<Commentary>, Errors> {
    parse_table(&src.read(REQUIRED, OPTIONAL)?, find)
}

/// Reads the rows of `src` as annotations (measure, period, text), each measure found through
/// `find`.
pub fn parse_annotations<'m>(
    src: &table::Source,
    find: &dyn Fn(&str) -> Option<&'m Measure>,
) -> Result<Vec<Annotation>, Errors> {
    let t = src.read(REQUIRED, &[])?;
    dated(&t, find, |m, period, text, row| Annotation {
        measure: m.id.clone(),
        period,
        text: text.to_string(),
        source: t.at(row, "text"),
    })
}

fn parse_table<'m>(
    t: &Table,
    find: &dyn Fn(&str) -> Option<&'m Measure>,
) -> Result<Vec<Commentary>, Errors> {
    dated(t, find, |m, period, text, row| Commentary {
        measure: m.id.clone(),
        period,
        text: text.to_string(),
        author: t.get(row, "author").map(str::to_string),
        source: t.at(row, "text"),
    })
}

/// Every row's measure, period and text (none may be missing), made into `T` by `make`.
fn dated<'m, 't, T>(
    t: &'t Table,
    find: &dyn Fn(&str) -> Option<&'m Measure>,
    make: impl Fn(&'m Measure, crate::model::period::Period, &'t str, &'t table::Row) -> T,
) -> Result<Vec<T>, Errors> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for row in &t.rows {
        let (measure, period) = observations::measure_and_period(t, row, find, &mut errors);
        let text = t.get(row, "text");
        if text.is_none() {
            errors.push(Error::new(
                ErrorKind::Data,
                t.at(row, "text"),
                "the text is empty",
            ));
        }
        if let (Some(m), Some(period), Some(text)) = (measure, period, text) {
            out.push(make(m, period, text, row));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Errors(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kinds::{Frequency, MeasureKind, Polarity, Unit};

    fn measure() -> Measure {
        let card = crate::Scorecard::from_toml(
            "id = \"c\"\ntitle = \"C\"\n[[sections]]\nid = \"s\"\ntitle = \"S\"\nkind = \"priority\"\n\
             [[sections.measures]]\nid = \"m\"\nname = \"M\"\nkind = \"how_well\"\n\
             unit = \"percentage\"\npolarity = \"higher_is_better\"\nfrequency = \"monthly\"\n",
            "c.toml",
        )
        .unwrap();
        let m = card.measure("m").unwrap().clone();
        assert_eq!(
            (m.kind, m.unit, m.polarity, m.frequency),
            (
                MeasureKind::HowWell,
                Unit::Percentage,
                Polarity::HigherIsBetter,
                Some(Frequency::Monthly)
            )
        );
        m
    }

    #[test]
    fn rows_read_with_their_measure_and_period() {
        let m = measure();
        let find = |id: &str| (id == "m").then_some(&m);
        let text = "measure,period,text,author\nm,2020-03-10,\"Schools told us, at the Dudley Dialogue\",SEND Board\nm,2020-04,Better,\n";
        let rows = parse(
            &table::Source::Csv {
                text,
                file: "commentary.csv",
            },
            &find,
        )
        .unwrap();
        // A day in a monthly measure is its month.
        assert_eq!(rows[0].period.to_string(), "2020-03");
        assert_eq!(rows[0].text, "Schools told us, at the Dudley Dialogue");
        assert_eq!(rows[0].author.as_deref(), Some("SEND Board"));
        assert_eq!(rows[1].author, None);
    }

    #[test]
    fn bad_rows_name_their_line_and_field() {
        let m = measure();
        let find = |id: &str| (id == "m").then_some(&m);
        let text = "measure,period,text\nx,2020-03,T\nm,2020-13,T\nm,2020-03,\n";
        let e: Vec<String> = parse(
            &table::Source::Csv {
                text,
                file: "commentary.csv",
            },
            &find,
        )
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
        assert!(
            e[0].starts_with("commentary.csv:2: field \"measure\": unknown measure id \"x\""),
            "{e:?}"
        );
        assert!(
            e[1].starts_with("commentary.csv:3: field \"period\""),
            "{e:?}"
        );
        assert_eq!(e[2], "commentary.csv:4: field \"text\": the text is empty");
    }
}
