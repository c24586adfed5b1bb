//! Published tables read as they are: an EES tidy CSV (examples/dorset-ees, Dorset's Attainment
//! 8 of the SEND Strategy 2018-21, table 4) and a Fingertips export, through `[[tables]]` and each
//! measure's `from`. Figures worked by hand in the comments; bad files name the file, line and
//! column.

use betteroff::{Report, Scorecard, Sources};
use std::fs;
use std::path::Path;

fn root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn dorset_ees() -> Scorecard {
    let dir = root().join("examples/dorset-ees");
    let def = fs::read_to_string(dir.join("scorecard.toml")).unwrap();
    let csv = fs::read_to_string(dir.join("ks4-attainment.csv")).unwrap();
    let meta = fs::read_to_string(dir.join("ks4-attainment.meta.csv")).unwrap();
    Scorecard::load(Sources {
        definition: ("examples/dorset-ees/scorecard.toml", &def),
        tables: &[
            ("examples/dorset-ees/ks4-attainment.csv", &csv),
            ("examples/dorset-ees/ks4-attainment.meta.csv", &meta),
        ],
        ..Sources::default()
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

fn comparator(r: &Report, id: &str, name: &str) -> f64 {
    let m = r.measures.iter().find(|m| m.id == id).unwrap();
    m.comparators
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("{id}: no comparator {name}"))
        .value
}

#[test]
fn an_ees_file_gives_the_strategys_table_4_with_no_reshaping() {
    let r = dorset_ees().score(None).unwrap();
    // Strategy table 4 (Dorset, statistical neighbours, England), 2016/17.
    for (id, dorset, sn, england) in [
        ("ctx-a8-all", 50.1, 50.4, 48.5),
        ("ctx-a8-sen-support", 37.0, 34.9, 36.2),
        ("ctx-a8-ehcp", 17.8, 17.2, 17.0),
        ("ctx-a8-no-sen", 53.4, 53.5, 53.3),
    ] {
        let m = r.measures.iter().find(|m| m.id == id).unwrap();
        assert_eq!(m.value, Some(dorset), "{id}");
        assert_eq!(m.period.unwrap().to_string(), "2016/17", "{id}");
        assert_eq!(comparator(&r, id, "England"), england, "{id}");
        // The ten neighbours (by old LA code) averaged as LAIT does: the strategy's figure.
        assert!(
            (comparator(&r, id, "Statistical neighbours") - sn).abs() < 1e-9,
            "{id}"
        );
        let b = m.benchmark.as_ref().unwrap();
        assert_eq!((b.sn_count, b.sn_average), (10, Some(sn)), "{id}");
    }
    // All pupils among the 16 authorities of the file (Dorset, ten neighbours, five more):
    // sorted 47.7 48.2 48.7 48.9 49.1 49.4 49.7 49.8 50.0 50.1 50.2 50.5 50.7 50.9 51.3 51.5.
    // R type 7: Q1 at 1 + 15/4 = 4.75, 48.9 + 0.75 x 0.2 = 49.05; median (49.8 + 50.0)/2 = 49.9;
    // Q3 at 12.25, 50.5 + 0.25 x 0.2 = 50.55. 50.1 lies in (49.9, 50.55]: band B (high is
    // good); six authorities are higher: rank 7.
    let b = r.measures[0].benchmark.as_ref().unwrap();
    assert_eq!((b.areas, b.q1, b.median, b.q3), (16, 49.05, 49.9, 50.55));
    assert_eq!((b.band.as_deref(), b.rank), (Some("B"), Some(7)));
    // The South West's row is the regional comparator (illustrative: England's + 0.6).
    assert_eq!(comparator(&r, "ctx-a8-all", "South West"), 49.1);
}

const CARD: &str = r#"
id = "t"
title = "T"
[[tables]]
id = "ks4"
format = "ees"
file = "ks4.csv"
area = "838"
[[sections]]
id = "s"
title = "S"
kind = "result"
[[sections.measures]]
id = "a8"
name = "Attainment 8"
kind = "indicator"
unit = "score"
polarity = "higher_is_better"
from = { table = "ks4", indicator = "avg_att8", filters = { sen_status = "Total" } }
"#;

fn load(card: &str, file: &str, text: &str) -> Result<Scorecard, String> {
    Scorecard::load(Sources {
        definition: ("scorecard.toml", card),
        tables: &[(file, text)],
        ..Sources::default()
    })
    .map_err(|e| e.to_string())
}

const HEAD: &str = "time_period,time_identifier,geographic_level,country_name,region_code,region_name,old_la_code,new_la_code,la_name,sen_status,avg_att8\n";

#[test]
fn symbols_are_flags_and_bad_cells_name_file_line_and_column() {
    let text = format!(
        "{HEAD}201617,Academic year,Local authority,England,E12000009,South West,838,E06000059,Dorset,Total,c\n\
         201718,Academic year,Local authority,England,E12000009,South West,838,E06000059,Dorset,Total,50.3\n"
    );
    let card = load(CARD, "ks4.csv", &text).unwrap();
    let r = card.score(None).unwrap();
    // 2016/17 is suppressed at source (c), 2017/18 the figure.
    assert_eq!(r.measures[0].value, Some(50.3));
    assert_eq!(card.observations().len(), 2);
    assert!(card.observations()[0].value().is_none());

    let bad = text.replace(",50.3\n", ",n/a\n");
    let e = load(CARD, "ks4.csv", &bad).unwrap_err();
    assert!(
        e.contains("ks4.csv:3: field \"avg_att8\": \"n/a\" is not a number: an EES indicator is a number or a symbol"),
        "{e}"
    );
    let no_id = text
        .replace("time_identifier,", "")
        .replace("Academic year,", "");
    let e = load(CARD, "ks4.csv", &no_id).unwrap_err();
    assert!(
        e.contains("ks4.csv:1: field \"time_identifier\": missing column \"time_identifier\""),
        "{e}"
    );
    let e = load(
        CARD,
        "ks4.csv",
        &text.replace("201718,Academic", "2017,Academic"),
    )
    .unwrap_err();
    assert!(e.contains("ks4.csv:3: field \"time_period\": time_period \"2017\" with time_identifier \"Academic year\": an academic or financial period is written with 6 digits"), "{e}");
}

#[test]
fn two_rows_for_one_figure_name_the_column_that_tells_them_apart() {
    // A file with no Total row for SEN status (only its breakdown), and no filter named.
    let text = format!(
        "{HEAD}201617,Academic year,Local authority,England,E12000009,South West,838,E06000059,Dorset,EHC plan,17.8\n\
         201617,Academic year,Local authority,England,E12000009,South West,838,E06000059,Dorset,SEN support,37\n"
    );
    let card = CARD.replace(", filters = { sen_status = \"Total\" }", "");
    let e = load(&card, "ks4.csv", &text).unwrap_err();
    assert!(
        e.contains("ks4.csv:3: field \"avg_att8\": a second row for measure \"a8\", Dorset, 2016/17: first at ks4.csv:2; they differ in sen_status (\"EHC plan\" and \"SEN support\"): choose one in the measure's from.filters"),
        "{e}"
    );
}

#[test]
fn a_table_the_definition_names_must_be_given_and_match() {
    let e = Scorecard::load(Sources {
        definition: ("scorecard.toml", CARD),
        ..Sources::default()
    })
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("table \"ks4\": its file \"ks4.csv\" was not given"),
        "{e}"
    );
    let e = load(CARD, "other.csv", HEAD).unwrap_err();
    assert!(
        e.contains("other.csv: no [[tables]] entry names this file (they name \"ks4.csv\")"),
        "{e}"
    );
    let e = load(CARD, "ks4.csv", HEAD).unwrap_err();
    assert!(
        e.contains("ks4.csv: no local authority row has the code or name \"838\""),
        "{e}"
    );
    let e = Scorecard::from_toml(
        &CARD.replace("table = \"ks4\", indicator", "table = \"ks2\", indicator"),
        "scorecard.toml",
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("field \"from.table\": measure \"a8\": no table \"ks2\" in [[tables]] (the tables are ks4)"), "{e}");
}

/// An ILLUSTRATIVE Fingertips export (the layout of the "Download data" CSV, its figures made up
/// for the test): our county, its region (the parent), England, and two other counties.
const FINGERTIPS: &str = "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note\n\
90631,Obesity in Year 6,,,E92000001,England,England,Persons,10-11 yrs,,,2022/23,22.7,22.6,22.8,22.1,23.3,136000,600000,\n\
90631,Obesity in Year 6,E92000001,England,E12000009,South West,Region,Persons,10-11 yrs,,,2022/23,19.8,19.5,20.1,19,20.6,10000,50000,\n\
90631,Obesity in Year 6,E12000009,South West,E06000059,Dorset,Counties & UAs,Persons,10-11 yrs,,,2022/23,18.2,17.0,19.4,16.5,19.9,700,3850,\n\
90631,Obesity in Year 6,E12000009,South West,E06000059,Dorset,Counties & UAs,Persons,10-11 yrs,Deprivation deciles,Most deprived,2022/23,25.0,20.0,30.0,19.5,30.5,50,200,\n\
90631,Obesity in Year 6,E12000009,South West,E06000054,Wiltshire,Counties & UAs,Persons,10-11 yrs,,,2022/23,17.9,16.9,18.9,16.4,19.4,800,4470,\n\
90631,Obesity in Year 6,E12000008,South East,E10000016,Kent,Counties & UAs,Persons,10-11 yrs,,,2022/23,21.0,20.4,21.6,19.9,22.1,3700,17600,\n\
90631,Obesity in Year 6,E12000009,South West,E06000059,Dorset,Counties & UAs,Persons,10-11 yrs,,,2021/22,,,,,,,,Value suppressed for disclosure control\n";

const FT_CARD: &str = r#"
id = "ft"
title = "Fingertips"
[[tables]]
id = "obesity"
format = "fingertips"
file = "fingertips.csv"
area = "E06000059"
[[sections]]
id = "s"
title = "S"
kind = "result"
[[sections.measures]]
id = "y6"
name = "Obesity prevalence, Year 6"
kind = "indicator"
unit = "percentage"
polarity = "lower_is_better"
frequency = "academic_year"
from = { table = "obesity", indicator = "90631" }
"#;

#[test]
fn a_fingertips_export_gives_our_figures_england_the_parent_and_the_group() {
    let card = load(FT_CARD, "fingertips.csv", FINGERTIPS).unwrap();
    let r = card.score(None).unwrap();
    let m = &r.measures[0];
    // The total row (no category), not the deprivation decile's 25.0.
    assert_eq!(m.value, Some(18.2));
    // The export's own confidence limits, as its readers see them.
    let i = m.interval.as_ref().unwrap();
    assert_eq!(
        (i.method, i.lower_95, i.upper_95, i.lower_998, i.upper_998),
        ("published", 17.0, 19.4, 16.5, 19.9)
    );
    assert_eq!(comparator(&r, "y6", "England"), 22.7);
    assert_eq!(comparator(&r, "y6", "South West"), 19.8);
    // Dorset among Dorset, Wiltshire, Kent: 17.9 18.2 21.0; lower is better, one is lower: rank 2.
    let b = m.benchmark.as_ref().unwrap();
    assert_eq!((b.areas, b.rank), (3, Some(2)));
    // 2021/22 was suppressed at source (its value note says so).
    assert_eq!(card.observations().len(), 2);
    assert!(card.observations()[0].value().is_none());
    // Neighbours named by area code: Wiltshire 17.9 and Kent 21.0, mean 19.45.
    let with_sn = FT_CARD.replace(
        "[[tables]]",
        "[analysis]\nstatistical_neighbours = [\"E06000054\", \"E10000016\"]\n[[tables]]",
    );
    let r = load(&with_sn, "fingertips.csv", FINGERTIPS)
        .unwrap()
        .score(None)
        .unwrap();
    assert!((comparator(&r, "y6", "Statistical neighbours") - 19.45).abs() < 1e-9);
    assert_eq!(r.measures[0].benchmark.as_ref().unwrap().sn_count, 2);
    let e = load(
        FT_CARD,
        "fingertips.csv",
        &FINGERTIPS.replace(",18.2,17.0", ",18.2%,17.0"),
    )
    .unwrap_err();
    assert!(
        e.contains("fingertips.csv:4: field \"value\": \"18.2%\" is not a number"),
        "{e}"
    );
    let e = load(
        FT_CARD,
        "fingertips.csv",
        &FINGERTIPS.replace(",18.2,17.0,19.4", ",18.2,18.5,19.4"),
    )
    .unwrap_err();
    assert!(
        e.contains("fingertips.csv:4: field \"lower ci 95.0 limit\": the limits 16.5 <= 18.5 <= value <= 19.4 <= 19.9 do not hold"),
        "{e}"
    );
}

#[test]
fn a_meta_file_checks_the_indicator_and_filters_and_a_filter_left_out_is_read_at_total() {
    let meta = "col_name,col_type,label,indicator_unit\nsen_status,Filter,SEN status,\navg_att8,Indicator,Attainment 8,%\n";
    let card = CARD.replace(
        "file = \"ks4.csv\"\n",
        "file = \"ks4.csv\"\nmeta = \"ks4.meta.csv\"\n",
    );
    let text = format!(
        "{HEAD}201617,Academic year,Local authority,England,E12000009,South West,838,E06000059,Dorset,Total,50.1\n"
    );
    let e = Scorecard::load(Sources {
        definition: ("scorecard.toml", &card),
        tables: &[("ks4.csv", &text), ("ks4.meta.csv", meta)],
        ..Sources::default()
    })
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("ks4.meta.csv:3: field \"indicator_unit\": measure \"a8\": the indicator \"avg_att8\" is in \"%\", and the measure's unit is score"),
        "{e}"
    );
    let e = Scorecard::load(Sources {
        definition: ("scorecard.toml", &card),
        tables: &[("ks4.csv", &text)],
        ..Sources::default()
    })
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("table \"ks4\": its file \"ks4.meta.csv\" was not given"),
        "{e}"
    );
    // With no filter named, the rows are read at sen_status = Total (the EES aggregate), not
    // refused as two rows for one figure.
    let two = format!(
        "{text}201617,Academic year,Local authority,England,E12000009,South West,838,E06000059,Dorset,SEN support,37\n"
    );
    let open = CARD.replace(", filters = { sen_status = \"Total\" }", "");
    let r = load(&open, "ks4.csv", &two).unwrap().score(None).unwrap();
    assert_eq!(r.measures[0].value, Some(50.1));
}
