//! Plans as councils write them (issue 20, in part): a direction-only target whose baseline is
//! stated, and a figure published twice (a council's first report and its later correction).

use betteroff::{Scorecard, Sources, Status};

const DEF: &str = r#"
id = "p"
title = "Plan"
[[sections]]
id = "s"
title = "S"
kind = "priority"

[[sections.measures]]
id = "appr"
name = "Apprenticeships offered to young people with SEND"
kind = "better_off"
unit = "count"
polarity = "higher_is_better"
frequency = "annual"
baseline = { period = "2019", value = 12 }
target = { kind = "direction", wording = "we will see an increase" }

[[sections.measures]]
id = "t20"
name = "New EHC plans issued within 20 weeks"
kind = "how_well"
unit = "percentage"
polarity = "higher_is_better"
frequency = "quarterly"
target = { kind = "threshold", comparison = "at_least", value = 60, due = "2020-Q4" }
"#;

fn load(obs: &str) -> Result<Scorecard, betteroff::Errors> {
    Scorecard::load(Sources {
        definition: ("plan.toml", DEF),
        observations: Some(("observations.csv", obs)),
        ..Sources::default()
    })
}

#[test]
fn a_stated_baseline_is_a_direction_only_targets_first_figure() {
    // "We will see an increase" on 12 in 2019 (stated); 15 in 2020 is an increase: on track,
    // not "no data" beside "+3 on baseline".
    let r = load("measure,period,value\nappr,2020,15\n")
        .unwrap()
        .score(None)
        .unwrap();
    let m = &r.measures[0];
    assert_eq!(m.status, Status::OnTrack);
    assert!(m.notes.contains(
        &"Judged from the baseline (2019, 12) as the first figure: improving.".to_string()
    ));
    // 10 would be a fall: off track.
    let r = load("measure,period,value\nappr,2020,10\n")
        .unwrap()
        .score(None)
        .unwrap();
    assert_eq!(r.measures[0].status, Status::OffTrack);
    // With two consecutive figures, the direction of travel is theirs, as before.
    let r = load("measure,period,value\nappr,2020,15\nappr,2021,14\n")
        .unwrap()
        .score(None)
        .unwrap();
    assert_eq!(r.measures[0].status, Status::OffTrack);
}

#[test]
fn a_correction_flagged_revised_replaces_the_first_figure_and_says_so() {
    // The council first reported 58% for 2020-Q4 (missed against at least 60%), then corrected
    // it to 61% (achieved).
    let obs =
        "measure,period,value,flag\nt20,2020-Q3,55,\nt20,2020-Q4,58,\nt20,2020-Q4,61,revised\n";
    let card = load(obs).unwrap();
    assert_eq!(card.superseded().len(), 1);
    assert_eq!(card.superseded()[0].value(), Some(58.0));
    let r = card.score(None).unwrap();
    let m = &r.measures[1];
    assert_eq!(
        (m.value, m.status, m.revised),
        (Some(61.0), Status::Achieved, true)
    );
    assert!(m.notes.contains(
        &"The 2020-Q4 figure was revised: the report uses the correction (observations.csv:4), not the figure first published (observations.csv:3).".to_string()
    ));
    // A second correction replaces the first.
    let card = load(&format!("{obs}t20,2020-Q4,62,revised\n")).unwrap();
    assert_eq!(card.superseded().len(), 2);
    assert_eq!(card.score(None).unwrap().measures[1].value, Some(62.0));
    // A second figure not flagged as a correction is still an error, saying how to mark one.
    let e = load("measure,period,value\nt20,2020-Q4,58\nt20,2020-Q4,61\n")
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "observations.csv:3: field \"period\": duplicate observation for measure \"t20\" and period 2020-Q4: first given at observations.csv:2 (flag a correction `revised` to replace the earlier figure)"
    );
}

#[test]
fn a_revised_small_count_is_not_quoted() {
    // 3 first published, corrected to 2: both small. The note names where each was given and
    // never the figures.
    let def = DEF.replace("value = 12 }", "value = 12 }\ncounts = \"people\"");
    let card = Scorecard::load(Sources {
        definition: ("plan.toml", &def),
        observations: Some((
            "observations.csv",
            "measure,period,value,flag\nappr,2020,3,\nappr,2020,2,revised\n",
        )),
        ..Sources::default()
    })
    .unwrap();
    let r = card.score(None).unwrap();
    let m = &r.measures[0];
    assert_eq!((m.value, m.symbol), (None, Some("c")));
    let notes = m.notes.join(" ");
    assert!(notes.contains("The 2020 figure was revised"), "{notes}");
    assert!(!notes.contains(" 3") && !notes.contains(" 2 "), "{notes}");
}

#[test]
fn projected_and_part_year_figures_say_what_they_are() {
    use betteroff::render::{render, Format};
    // "1.17% (projected end of year)"-style: 61% for 2020-Q4 as a projection, achieved as
    // given, with the report saying it is a projection in every format.
    let r = load("measure,period,value,flag\nt20,2020-Q3,55,\nt20,2020-Q4,61,projected\n")
        .unwrap()
        .score(None)
        .unwrap();
    let m = &r.measures[1];
    assert_eq!(
        (m.status, m.projected, m.part_year),
        (Status::Achieved, true, false)
    );
    assert_eq!(m.series[1].flag, Some("projected"));
    let said = "The 2020-Q4 figure is a projection, not an outturn: the status may change when the outturn is known.";
    assert!(m.notes.contains(&said.to_string()));
    for f in [Format::Text, Format::Markdown, Format::Html] {
        assert!(
            render(&r, f, false).contains("61% (2020-Q4) projected"),
            "{f:?}"
        );
    }
    // A count to date set against a full year, written as DfE qualifies a period: achieved on
    // it, with a note that the full year may not hold.
    let r = load("measure,period,value\nappr,2020,15\nappr,2021 (year to date),16\n")
        .unwrap()
        .score(None)
        .unwrap();
    let m = &r.measures[0];
    assert!(m.part_year);
    assert!(m.notes.contains(
        &"The 2021 figure covers part of the period only: the full period's figure may differ."
            .to_string()
    ));
    // An unknown flag lists the ones there are.
    let e = load("measure,period,value,flag\nt20,2020-Q4,61,guess\n")
        .unwrap_err()
        .to_string();
    assert!(e.ends_with("unknown flag \"guess\": expected provisional, revised, projected, part_year, missing or suppressed"), "{e}");
}
