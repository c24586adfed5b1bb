//! Milestones as a plan reads them (docs/semantics.md section 5, docs/status-rules.md): a plan
//! with a baseline, four dated milestones (one flat step, one that lets the figure worsen) and
//! a final target, scored at each milestone date and between them. Figures are illustrative
//! (labelled so in the definition); every expected status is worked by hand below.
//!
//! Lower is better: "EHC needs assessments over 20 weeks (%)", baseline 40% (March 2023);
//! milestones at most 40% by 2023-09 (hold: a flat step), 42% by 2024-03 (a step that allows the
//! figure to worsen), 30% by 2024-09, and 20% by 2025-03, the final target. The at-risk
//! tolerance is 10% of the whole target, |20 - 40| = 2 points, on every step.

use betteroff::{Period, Report, Scorecard, Sources, Status};

const DEFINITION: &str = r#"
id = "plan"
title = "An improvement plan"
notes = ["Illustrative figures: a plan written to test milestones."]
[[sections]]
id = "s"
title = "Timeliness"
kind = "service"
[[sections.measures]]
id = "t20"
name = "EHC needs assessments over 20 weeks"
kind = "how_well"
unit = "percentage"
polarity = "lower_is_better"
frequency = "monthly"
baseline = { period = "2023-03" }
target = { kind = "milestones", milestones = [
  { kind = "absolute", value = 40, due = "2023-09" },
  { kind = "absolute", value = 42, due = "2024-03" },
  { kind = "absolute", value = 30, due = "2024-09" },
  { kind = "absolute", value = 20, due = "2025-03" },
] }
"#;

/// The measure scored at `at` with the baseline and one figure `v` for that month.
fn score(at: &str, v: f64) -> Report {
    let obs = format!("measure,period,value\nt20,2023-03,40\nt20,{at},{v}\n");
    let card = Scorecard::load(Sources {
        definition: ("plan.toml", DEFINITION),
        observations: Some(("observations.csv", &obs)),
        comparators: None,
        actions: None,
        commentary: None,
        annotations: None,
        workbooks: &[],
        tables: &[],
    })
    .unwrap_or_else(|e| panic!("{e}"));
    card.score(Some(at.parse::<Period>().unwrap()))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn status(at: &str, v: f64) -> (Status, Option<f64>, Vec<String>) {
    let r = score(at, v);
    let m = &r.measures[0];
    (m.status, m.expected, m.notes.clone())
}

#[test]
fn a_flat_step_at_its_date_is_at_risk_not_missed() {
    // 2023-09, 41%: the first milestone (at most 40) is not met. Expected on the flat step: 40.
    // Short by 1 <= 2 (10% of the whole target): at risk. Before the fix this was `missed`
    // (the milestone's date treated as the final due date), and a flat step had no tolerance.
    let (s, e, notes) = status("2023-09", 41.0);
    assert_eq!((s, e), (Status::AtRisk, Some(40.0)));
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("Milestone 2023-09 (at most 40%) is not met")),
        "{notes:?}"
    );
    // 43%: short by 3 > 2: off track, still not missed.
    assert_eq!(status("2023-09", 43.0).0, Status::OffTrack);
    // 39.5%: the milestone is met: on track, with a note that the final one is not yet.
    let (s, _, notes) = status("2023-09", 39.5);
    assert_eq!(s, Status::OnTrack);
    assert!(notes
        .iter()
        .any(|n| n
            == "Milestone 2023-09 (at most 40%) is met; the final milestone 2025-03 is not yet."));
}

#[test]
fn a_step_that_lets_the_figure_worsen() {
    // 2024-03: expected 42 (the milestone). 41.5 meets it: on track. 43 is short by 1: at risk.
    // 45 is short by 3: off track.
    assert_eq!(status("2024-03", 41.5).0, Status::OnTrack);
    assert_eq!(status("2024-03", 43.0).0, Status::AtRisk);
    assert_eq!(status("2024-03", 45.0).0, Status::OffTrack);
    // Halfway along the worsening step (2023-12-31: 92 of 183 days from 2023-09-30 to
    // 2024-03-31), expected 40 + 2 x 92/183 = 41.005464; 40.5 is better than that: on track.
    let (s, e, _) = status("2023-12", 40.5);
    assert_eq!(s, Status::OnTrack);
    assert_eq!(e, Some(41.005464));
}

#[test]
fn between_milestones_the_trajectory_runs_from_the_last_one() {
    // 2024-06-30 is 91 of 183 days from 2024-03-31 to 2024-09-30: expected
    // 42 - 12 x 91/183 = 36.032787. 37 is short by 0.97 <= 2: at risk; 36 meets it: on track;
    // 39 is short by 2.97: off track.
    let (s, e, _) = status("2024-06", 37.0);
    assert_eq!((s, e), (Status::AtRisk, Some(36.032787)));
    assert_eq!(status("2024-06", 36.0).0, Status::OnTrack);
    assert_eq!(status("2024-06", 39.0).0, Status::OffTrack);
    // At the 2024-09 milestone, 33 against an expected 30: short by 3, off track, not missed.
    assert_eq!(status("2024-09", 33.0).0, Status::OffTrack);
}

#[test]
fn missed_and_achieved_only_on_the_final_milestone() {
    assert_eq!(status("2025-03", 21.0).0, Status::Missed);
    assert_eq!(status("2025-03", 20.0).0, Status::Achieved);
    // Meeting the final target early is achieved at any date.
    assert_eq!(status("2024-06", 19.0).0, Status::Achieved);
    // Progress runs to the final target: (33 - 40) / (20 - 40) = 35%.
    assert_eq!(score("2024-09", 33.0).measures[0].progress_pct, Some(35.0));
}

#[test]
fn no_missed_anywhere_before_the_final_due_date() {
    // Every month from the baseline to the month before the final due date, and figures from
    // far better to far worse: never missed.
    for month in 0..23 {
        let at = format!("{}-{:02}", 2023 + (month + 3) / 12, (month + 3) % 12 + 1);
        for v in [10.0, 25.0, 40.0, 41.0, 43.0, 50.0, 90.0] {
            let (s, _, _) = status(&at, v);
            assert_ne!(s, Status::Missed, "{at}: {v}");
        }
    }
}

#[test]
fn a_problem_inside_a_milestone_names_that_milestone_and_its_line() {
    // Lines: the measure's id is on line 9; the milestones follow, one per line (16 to 18).
    let definition = r#"id = "t"
title = "T"
[[sections]]
id = "s"
title = "S"
kind = "priority"

[[sections.measures]]
id = "m"
name = "Appeals"
kind = "better_off"
unit = "count"
polarity = "lower_is_better"
baseline = { period = "2019", value = 40 }
target = { kind = "milestones", milestones = [
  { kind = "absolute", value = 40, due = "2020" },
  { kind = "absolut", value = 20, due = "2021" },
  { kind = "absolute", value = 10, due = "2021" },
] }
"#;
    let e = Scorecard::from_toml(definition, "scorecard.toml")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("scorecard.toml:17: field \"target.milestones[2].kind\": measure \"m\", milestone 2: unknown target kind \"absolut\""),
        "{e}"
    );
    // Milestone 3 is due with milestone 1 (2021 after 2020 passes, and milestone 2 is refused).
    let fixed = definition.replace("\"absolut\"", "\"absolute\"");
    let e = Scorecard::from_toml(&fixed, "scorecard.toml")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("scorecard.toml:18: field \"target.milestones[3].due\": measure \"m\", milestone 3: due 2021, it must come after the milestone before it (2021)"),
        "{e}"
    );
}
