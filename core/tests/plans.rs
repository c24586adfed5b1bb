//! Plans as councils write them (issue 20): a direction-only target whose baseline is stated; a
//! figure published twice (a council's first report and its later correction); projected and
//! part-year figures; figures over windows (rolling, year to date, a quarter written as months);
//! actuals given only as a bound or an outcome ("< 60%", "not met"); targets without a date or
//! with two. The two example plans (examples/kpi-plan and examples/timeliness-plan) are scored
//! at each date, with the reasons a careful reader of the plan would give.

#[path = "common/examples.rs"]
mod loading;

use betteroff::render::{render, Format};
use betteroff::{Report, Scorecard, Sources, Status, Window, YearKind};

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

fn at(example: &str, as_of: &str) -> Report {
    loading::load(example)
        .score(Some(as_of.parse().unwrap()))
        .unwrap()
}

fn status_of(r: &Report, id: &str) -> Status {
    r.measures.iter().find(|m| m.id == id).unwrap().status
}

/// Every format a person reads states `needle` (the JSON carries the same in its fields:
/// `period_label`, `given`, `other_windows`, `notes`; the CSV in its columns).
fn every_format_says(r: &Report, needle: &str) {
    // Markdown and HTML write `<` as `&lt;`, which reads as `<`.
    let escaped = needle.replace('<', "&lt;");
    for f in [Format::Text, Format::Markdown, Format::Html] {
        let out = render(r, f, false);
        assert!(
            out.contains(needle) || out.contains(&escaped),
            "{f:?} lacks {needle:?}"
        );
    }
}

#[test]
fn the_kpi_table_plan_at_each_milestone_date() {
    let ex = "examples/kpi-plan";
    // 2023-Q3, the first milestones' date.
    let r = at(ex, "2023-Q3");
    // 52% against the milestone "at least 50% by 2023-Q3": met, and the final one (70% by
    // 2024-Q3) is still ahead, so on track, not achieved.
    assert_eq!(status_of(&r, "ehc20"), Status::OnTrack);
    // 9.5% at the 2022/23 baseline, the target at most 7% due 2024/25: the only figure is the
    // baseline, so it sits on its own trajectory.
    assert_eq!(status_of(&r, "neet"), Status::OnTrack);
    // The plan dates that target two ways (March 2025 in its table, the 2024/25 academic year
    // in its text): judged against the later, and said.
    every_format_says(
        &r,
        "The plan gives the due date two ways (FY2024/25 and 2024/25)",
    );

    // 2024-Q1: the second EHC milestone's actual is published only as "not met". Not "no
    // data": a milestone not met, with no figure to place on the trajectory, is at risk, and
    // never missed before the final milestone.
    let r = at(ex, "2024-Q1");
    assert_eq!(status_of(&r, "ehc20"), Status::AtRisk);
    every_format_says(&r, "not met (2024-Q1)");
    // Reviews: 57% against "at least 55% by 2023-Q4", met; the final milestone is ahead.
    assert_eq!(status_of(&r, "reviews"), Status::OnTrack);
    // Satisfaction: "in line with England", with no date: 55% against England's 61% for 2023
    // is not yet met, and with no due date and no baseline it is at risk, never missed.
    assert_eq!(status_of(&r, "satisfaction"), Status::AtRisk);
    // Tribunals: 36 in 2023 on the way from 40 (2022) to at most 30 in 2024: the trajectory
    // asks 35, and 1 over is within a tenth of the 10 to lose, so at risk.
    assert_eq!(status_of(&r, "tribunals"), Status::AtRisk);

    // 2024-Q2: the reviews' final milestone actual is "66% (projected)": achieved on it, and
    // the report says it is a projection.
    let r = at(ex, "2024-Q2");
    assert_eq!(status_of(&r, "reviews"), Status::Achieved);
    every_format_says(&r, "66% (2024-Q2) projected");

    // 2024-Q3, the final EHC milestone: "< 60%" against at least 70% settles it: missed.
    let r = at(ex, "2024-Q3");
    assert_eq!(status_of(&r, "ehc20"), Status::Missed);
    every_format_says(&r, "< 60% (2024-Q3)");
    let m = r.measures.iter().find(|m| m.id == "ehc20").unwrap();
    assert_eq!(m.given.as_deref(), Some("< 60%"));
    assert!(render(&r, Format::Csv, false).contains(",2024-Q3,,,,,< 60%,"));
    assert_eq!(m.value, None);
    // The target stays in the report.
    assert_eq!(m.target.as_ref().and_then(|t| t.value), Some(70.0));

    // 2024: tribunals published as "under 30" against at most 30: every figure under 30 is at
    // most 30, so achieved without a figure.
    let r = at(ex, "2024-12");
    assert_eq!(status_of(&r, "tribunals"), Status::Achieved);
    // Satisfaction 58% against England's 62% for 2024: still short, still at risk.
    assert_eq!(status_of(&r, "satisfaction"), Status::AtRisk);

    // 2024/25 (August 2025): NEET 7.4% against at most 7%, now due by both dates: missed.
    let r = at(ex, "2024/25");
    assert_eq!(status_of(&r, "neet"), Status::Missed);
}

#[test]
fn the_plan_with_rolling_year_to_date_and_quarterly_actuals_at_each_date() {
    let ex = "examples/timeliness-plan";
    // The KPI is the rolling 12 months, from 38% in the 12 months to March 2024 to at least
    // 60% in the 12 months to March 2025: the trajectory rises 22 points in 365 days.
    let r = at(ex, "2024-09");
    let m = r.measures.iter().find(|m| m.id == "ehc20").unwrap();
    assert_eq!(m.window, Some(Window::Rolling { months: 12 }));
    assert_eq!(m.period_label.as_deref(), Some("12 months to Sep 2024"));
    // 45% at 184 days asks 38 + 22 x 184/365 = 49.09: 4 points short, beyond the 2.2
    // tolerance, so off track, although the April-September year to date (50%) is higher:
    // that figure is shown, not judged, and not joined to the rolling series.
    assert_eq!(m.status, Status::OffTrack);
    assert_eq!(m.series.len(), 3);
    assert_eq!(m.other_windows.len(), 1);
    assert_eq!(
        m.other_windows[0].label,
        "Apr to Sep 2024, financial year to date"
    );
    every_format_says(&r, "45% (12 months to Sep 2024)");
    // The CSV names the window and the label in their own columns.
    let csv = render(&r, Format::Csv, false);
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .contains(",period,window,period_label,value,symbol,given,"),
        "{csv}"
    );
    assert!(
        csv.contains(",2024-09,rolling_12_months,12 months to Sep 2024,45,"),
        "{csv}"
    );
    every_format_says(&r, "50% (Apr to Sep 2024, financial year to date)");

    // December 2024: 52% asks 54.58; 2.58 short, beyond 2.2: off track. The quarterly
    // measure's October to December figure (61%, written as a span of months and read as
    // 2024-Q4) meets its own 60%: achieved, in its own series.
    let r = at(ex, "2024-12");
    assert_eq!(status_of(&r, "ehc20"), Status::OffTrack);
    let q = r.measures.iter().find(|m| m.id == "ehc20-quarter").unwrap();
    assert_eq!(
        (q.status, q.period.map(|p| p.to_string())),
        (Status::Achieved, Some("2024-Q4".into()))
    );
    // Its financial year to date (April to December, 9 months) is shown beside the quarters.
    assert_eq!(
        q.other_windows[0].window,
        Window::YearToDate {
            year: YearKind::Financial,
            months: 9
        }
    );
    let m = r.measures.iter().find(|m| m.id == "ehc20").unwrap();
    // The calendar year 2024 and the latest financial year to date: one line each.
    let labels: Vec<&str> = m.other_windows.iter().map(|w| w.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "calendar year 2024",
            "Apr to Dec 2024, financial year to date"
        ]
    );
    // The forecast is the rolling series' own: four figures, none of another window.
    assert_eq!(
        m.series
            .iter()
            .map(|p| p.value.unwrap())
            .collect::<Vec<_>>(),
        [38.0, 41.0, 45.0, 52.0]
    );

    // March 2025, the due date: 57% in the 12 months to March 2025 against at least 60%:
    // missed, though the quarter to March (64%) is above it.
    let r = at(ex, "2025-03");
    assert_eq!(status_of(&r, "ehc20"), Status::Missed);
    assert_eq!(status_of(&r, "ehc20-quarter"), Status::Achieved);
    every_format_says(&r, "57% (12 months to Mar 2025)");
}

#[test]
fn a_year_to_date_short_of_the_year_is_part_of_it() {
    // A financial year to date judged as the headline series: April to December is 9 of 12
    // months, so the figure is part-year, and says so.
    let def = DEF.replace(
        "frequency = \"quarterly\"\ntarget",
        "frequency = \"quarterly\"\nwindow = \"financial year to date\"\ntarget",
    );
    let card = Scorecard::load(Sources {
        definition: ("plan.toml", &def),
        observations: Some((
            "observations.csv",
            "measure,period,value\nt20,2020-09,55\nt20,2020-12,62\n",
        )),
        ..Sources::default()
    })
    .unwrap();
    let r = card.score(None).unwrap();
    let m = &r.measures[1];
    assert!(m.part_year);
    assert_eq!(
        m.period_label.as_deref(),
        Some("Apr to Dec 2020, financial year to date")
    );
    // 62% meets at least 60%: achieved, but only on nine months.
    assert_eq!(m.status, Status::Achieved);
    assert!(m.notes.iter().any(|n| n == "The Apr to Dec 2020, financial year to date figure covers part of the year only: achieved on it, the full period's figure may not hold."), "{:?}", m.notes);
    // The year to date to September (6 months) and to December (9) are different series: the
    // December figure has no earlier December to compare with.
    assert_eq!(m.series.len(), 1);
}

#[test]
fn windows_and_bounds_that_cannot_be_read_say_why() {
    let e = |obs: &str| load(obs).unwrap_err().to_string();
    // "Year to date" alone: which year changes the figure.
    let msg = e("measure,period,value,window\nt20,2020-12,61,year to date\n");
    assert!(
        msg.contains("observations.csv:2: field \"window\""),
        "{msg}"
    );
    assert!(msg.contains("say which year it counts from"), "{msg}");
    // A window ends at a month, not at a year.
    let msg = e("measure,period,value,window\nappr,2020,15,rolling 12 months\n");
    assert!(msg.contains("field \"period\""), "{msg}");
    assert!(msg.contains("dated at the month the window ends"), "{msg}");
    // A span that ends before it starts.
    let msg = e("measure,period,value\nt20,September 2024 to March 2024,61\n");
    assert!(msg.contains("ends (2024-03) before it starts"), "{msg}");
    // A bound with numerator and denominator.
    let msg = e("measure,period,value,numerator,denominator\nt20,2020-Q4,< 60,3,5\n");
    assert!(
        msg.contains("given only as < 60: leave numerator and denominator empty"),
        "{msg}"
    );
    // A bound's number in the wrong unit.
    let msg = e("measure,period,value\nt20,2020-Q4,< 160\n");
    assert!(msg.contains("field \"value\""), "{msg}");
    // The same period in two windows is two figures, not a duplicate.
    assert!(load(
        "measure,period,value,window\nt20,2020-Q4,61,\nt20,2020-12,58,rolling 12 months\n"
    )
    .is_ok());
}

#[test]
fn a_bound_that_does_not_settle_the_target_is_said_so() {
    // "< 70%" against at least 60%: 65% would meet it, 55% would not. No status until a
    // figure is given, and the target stays in the report.
    let r = load("measure,period,value\nt20,2020-Q3,55\nt20,2020-Q4,< 70%\n")
        .unwrap()
        .score(None)
        .unwrap();
    let m = &r.measures[1];
    assert_eq!(m.status, Status::NoData);
    assert_eq!(m.target.as_ref().and_then(|t| t.value), Some(60.0));
    assert!(m.notes.iter().any(|n| n == "The 2020-Q4 figure is given only as < 70%, which does not settle the target (at least 60%): no status until a figure is given."), "{:?}", m.notes);
    // The chart marks the period with what was given.
    let svg = betteroff::render::chart(m);
    assert!(svg.contains("given only as &lt; 70%"), "{svg}");
    // "not met" at the due date is missed, not no data.
    let r = load("measure,period,value\nt20,2020-Q3,55\nt20,2020-Q4,not met\n")
        .unwrap()
        .score(None)
        .unwrap();
    assert_eq!(r.measures[1].status, Status::Missed);
    // And "met" before it is achieved.
    let r = load("measure,period,value\nt20,2020-Q3,met\n")
        .unwrap()
        .score(None)
        .unwrap();
    assert_eq!(r.measures[1].status, Status::Achieved);
}
