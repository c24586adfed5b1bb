//! The turn-the-curve record (issue 16, item 1): the story behind the curve, partners, what
//! works, the proposed actions as they stand, the data development needs, and the commentary,
//! on the Dudley WSoA's area 2 measures (their words from the WSoA, labelled so) in every
//! format.

#[path = "common/examples.rs"]
mod loading;

use betteroff::render::{render, turn_the_curve_csv, Format};
use betteroff::{ActionStatus, Report, Scorecard, Sources};

fn dudley(as_of: &str) -> Report {
    loading::load("examples/dudley-wsoa")
        .score(Some(as_of.parse().unwrap()))
        .unwrap()
}

#[test]
fn the_wsoa_area_2_records_in_friedmans_order() {
    let r = dudley("2020-05");
    let area2: Vec<_> = r
        .measures
        .iter()
        .filter(|m| m.section == "area-2")
        .collect();
    assert_eq!(area2.len(), 9);
    assert!(
        area2.iter().all(|m| m.turn_the_curve.is_some()),
        "every area 2 measure"
    );
    let m = area2.iter().find(|m| m.id == "2.A3a").unwrap();
    let t = m.turn_the_curve.as_ref().unwrap();
    assert!(t
        .story
        .as_deref()
        .unwrap()
        .starts_with("The inspection (May 2019) found that the needs of children and young people with SEND have not been accurately identified or moderated over time."));
    assert!(t
        .source
        .as_deref()
        .unwrap()
        .starts_with("In the WSoA's own words"));
    assert_eq!(
        t.partners,
        ["SEND Manager DMBC", "Parents and carers", "SENCos"]
    );
    // The actions as they stand in May 2020 (actions.csv): 2.A.3 due February, in progress,
    // so overdue; 2.A.2 due April, in progress, overdue.
    let actions: Vec<(&str, ActionStatus, bool)> = t
        .actions
        .iter()
        .map(|a| (a.action.id.as_str(), a.action.status, a.overdue))
        .collect();
    assert_eq!(
        actions,
        [
            ("2.A.3", ActionStatus::InProgress, true),
            ("2.A.2", ActionStatus::InProgress, true)
        ]
    );
    // The June 2020 commentary is not in a May report; it is in June's.
    assert!(t.commentary.is_empty());
    let june = dudley("2020-06");
    let t = june
        .measures
        .iter()
        .find(|m| m.id == "2.A3a")
        .and_then(|m| m.turn_the_curve.as_ref())
        .unwrap();
    assert_eq!(t.commentary.len(), 1);
    assert!(t.commentary[0]
        .text
        .starts_with("The increased capacity of the SEND Team"));
    // A measure of another area has no record.
    assert!(r
        .measures
        .iter()
        .find(|m| m.id == "9.A1")
        .unwrap()
        .turn_the_curve
        .is_none());
}

#[test]
fn every_format_shows_the_record() {
    let r = dudley("2020-05");
    for f in [Format::Text, Format::Markdown, Format::Html] {
        // Text wraps at 100 columns: compare with its line breaks and indents as single spaces.
        let out = render(&r, f, false)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for part in [
            "Turn the curve",
            "Story behind the curve",
            "Partners",
            "What works",
            "Proposed actions",
            "Data development",
            "Commentary",
            "SEND Manager DMBC",
            "2.A.3 Review the staff handbook",
            "At the Dudley Dialogue event held on 10th March 2020",
        ] {
            assert!(out.contains(part), "{f:?} lacks {part:?}");
        }
        // The prompt questions belong to the template, never the report.
        assert!(!out.contains("What is the story behind the curve"), "{f:?}");
    }
    let html = render(&r, Format::Html, false);
    assert!(html.contains("<article class=\"ttc\" id=\"ttc-2.A3a\">"));
    assert!(html.contains("<a href=\"#ttc-2.A3a\">"));
    // Each page starts a printed page.
    assert!(html.contains("article.ttc { break-before: page; }"));
    assert!(render(&r, Format::Json, false).contains("\"turn_the_curve\": {"));
    let csv = turn_the_curve_csv(&r);
    assert!(csv.starts_with("measure,part,item\n"));
    assert!(csv.contains("2.A3a,Partners,SEND Manager DMBC\n"));
}

const DEF: &str = r#"
id = "t"
title = "T"
[[sections]]
id = "s"
title = "S"
kind = "priority"
[[sections.measures]]
id = "m"
name = "M"
kind = "how_well"
unit = "percentage"
polarity = "higher_is_better"

[sections.measures.turn_the_curve]
story = "Demand rose after the new assessment pathway opened."
partners = ["   "]
actions = ["A1", "A9"]
"#;

fn load(actions: Option<&str>) -> Result<Scorecard, betteroff::Errors> {
    Scorecard::load(Sources {
        definition: ("scorecard.toml", DEF),
        observations: Some(("observations.csv", "measure,period,value\nm,2020-01,50\n")),
        actions: actions.map(|a| ("actions.csv", a)),
        ..Sources::default()
    })
}

#[test]
fn an_action_that_is_not_loaded_is_an_error_or_a_warning() {
    let actions = "id,title,due,status\nA1,Open the pathway,2020-03,in_progress\n";
    let e = load(Some(actions)).unwrap_err().to_string();
    assert_eq!(
        e,
        "scorecard.toml:9: field \"turn_the_curve.actions\": measure \"m\": no action \"A9\" among the actions loaded"
    );
    // With no actions at all, the report says so and shows none.
    let r = load(None).unwrap().score(None).unwrap();
    let w: Vec<_> = r
        .warnings
        .iter()
        .map(|w| (w.code, w.message.as_str()))
        .collect();
    assert_eq!(
        w,
        [(
            "actions_not_loaded",
            "The turn-the-curve record names actions A1, A9, but no actions are loaded, so it shows none: add the actions file."
        )]
    );
    let t = r.measures[0].turn_the_curve.as_ref().unwrap();
    assert!(t.actions.is_empty());
    // A blank partner is no partner; an empty part is left out of every format.
    assert!(t.partners.is_empty());
    let text = render(&r, Format::Text, false);
    assert!(text.contains("Story behind the curve: Demand rose"));
    assert!(!text.contains("Partners"));
}

#[test]
fn commentary_rows_name_their_line() {
    let e = Scorecard::load(Sources {
        definition: (
            "scorecard.toml",
            DEF.split("\n[sections.measures.turn_the_curve]")
                .next()
                .unwrap(),
        ),
        commentary: Some((
            "commentary.csv",
            "measure,period,text\nm,2020-01,\nx,2020-01,T\n",
        )),
        ..Sources::default()
    })
    .unwrap_err();
    let lines: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "commentary.csv:2: field \"text\": the text is empty",
            "commentary.csv:3: field \"measure\": unknown measure id \"x\": the scorecard has no measure with that id"
        ]
    );
}

#[test]
fn the_prompt_questions_are_the_templates_and_the_docs() {
    // The one list of prompts (betteroff init's template will write them as comments); the
    // format's documentation shows each beside its field.
    let docs = std::fs::read_to_string(loading::root().join("docs/scorecard-format.md")).unwrap();
    let fields: Vec<&str> = betteroff::TurnTheCurve::PROMPTS
        .iter()
        .map(|(f, _)| *f)
        .collect();
    assert_eq!(
        fields,
        [
            "story",
            "partners",
            "what_works",
            "actions",
            "data_development"
        ]
    );
    for (field, prompt) in betteroff::TurnTheCurve::PROMPTS {
        let line = docs
            .lines()
            .find(|l| l.starts_with(&format!("{field} = ")))
            .unwrap_or_else(|| panic!("docs/scorecard-format.md shows no {field}"));
        assert!(line.contains(prompt), "{field}: {line}");
    }
}
