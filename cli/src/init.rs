//! `betteroff init DIR [--from EXAMPLE]`: a new scorecard folder that `validate` accepts as it
//! is. From the template: a definition whose comments say what each field means (one priority,
//! a measure for each of the three RBA questions, the turn-the-curve prompts), and the data
//! files with their headers. With `--from`, a copy of another scorecard folder's files.

use std::fs;
use std::path::Path;

/// The files a scorecard folder may hold besides workbooks and published tables.
const FILES: [&str; 7] = betteroff::SCORECARD_FILES;

/// The data files the template writes, each with its header row only.
const HEADERS: [(&str, &str); 5] = [
    (
        "observations.csv",
        "measure,period,value,numerator,denominator,flag,window,note\n",
    ),
    (
        "comparators.csv",
        "measure,period,comparator,value,group,note\n",
    ),
    (
        "actions.csv",
        "id,section,title,lead,due,status,completed,note\n",
    ),
    ("commentary.csv", "measure,period,text,author\n"),
    ("annotations.csv", "measure,period,text\n"),
];

/// Makes the folder `dir` (which must not exist, or be empty), from the template or a copy of
/// `from`. `Err` says what went wrong in words.
pub fn init(dir: &Path, from: Option<&Path>) -> Result<Vec<String>, String> {
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .next()
            .is_none();
        if !empty {
            return Err(format!(
                "{} exists and is not empty: give a new folder (nothing is overwritten)",
                dir.display()
            ));
        }
    }
    // What to copy, read (and checked) before anything is made.
    let copied = from.map(copy_list).transpose()?;
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let write = |name: &str, text: &[u8]| {
        fs::write(dir.join(name), text)
            .map_err(|e| format!("cannot write {}: {e}", dir.join(name).display()))
    };
    let mut written = Vec::new();
    match from {
        None => {
            write("scorecard.toml", template().as_bytes())?;
            written.push("scorecard.toml".to_string());
            for (name, header) in HEADERS {
                write(name, header.as_bytes())?;
                written.push(name.to_string());
            }
        }
        Some(src) => {
            let names = copied.unwrap_or_default();
            for name in names {
                let bytes = fs::read(src.join(&name))
                    .map_err(|e| format!("cannot read {}: {e}", src.join(&name).display()))?;
                write(&name, &bytes)?;
                written.push(name);
            }
        }
    }
    Ok(written)
}

/// The scorecard files of folder `src` to copy, in name order; `Err` when it has no definition.
fn copy_list(src: &Path) -> Result<Vec<String>, String> {
    let entries = fs::read_dir(src).map_err(|e| format!("cannot read {}: {e}", src.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| {
            let lower = n.to_lowercase();
            FILES.contains(&lower.as_str())
                || lower.ends_with(".csv")
                || betteroff::workbook::is_workbook(n)
        })
        .collect();
    names.sort();
    if !names.iter().any(|n| n.starts_with("scorecard.")) {
        return Err(format!(
            "{} holds no scorecard.toml or scorecard.json to copy",
            src.display()
        ));
    }
    Ok(names)
}

/// The template definition, its turn-the-curve prompts from the one list the reports use.
pub fn template() -> String {
    let prompts: String = betteroff::TurnTheCurve::PROMPTS
        .iter()
        .map(|(field, question)| format!("#   {field}: {question}\n"))
        .collect();
    TEMPLATE.replace("{prompts}", &prompts)
}

const TEMPLATE: &str = r#"# A results-based accountability scorecard, made by `betteroff init`. `betteroff validate DIR`
# checks it and `betteroff report DIR` scores it; every field is explained in
# docs/scorecard-format.md. Replace the examples with your plan's own: one section per priority,
# and under each the measures that answer the three questions (how much did we do? how well did
# we do it? is anyone better off?), with the population indicators it serves.

id = "my-scorecard"                # a short id, unique among your scorecards
title = "Our partnership's scorecard"
area = "Our area"                  # the area the figures are for (a council, an ICB)
source = "Our plan"                # where the measures and targets come from
# notes = ["Illustrative figures"] # said at the top of every report

# [disclosure]                     # publishing: counts of people from 1 to threshold - 1 are
# threshold = 5                    # withheld, with every figure that would reveal them

[[sections]]
id = "p1"
title = "Priority 1"
kind = "priority"                  # priority | result | service

# How much did we do?
[[sections.measures]]
id = "p1-how-much"
name = "Example: EHC needs assessments completed"
kind = "how_much"                  # how_much | how_well | better_off | indicator
unit = "count"                     # count | percentage | rate (with per = 10000) | score | days | currency | ratio
polarity = "higher_is_better"      # higher_is_better | lower_is_better | neutral
frequency = "quarterly"            # monthly | quarterly | termly | annual | academic_year | financial_year | adhoc
# counts = "events"                # people (the default: withheld when small) | events | services
# source = "Case management system"
# owner = "Head of SEND"

# How well did we do it?
[[sections.measures]]
id = "p1-how-well"
name = "Example: new EHC plans issued within 20 weeks"
kind = "how_well"
unit = "percentage"                # give figures as value, or as numerator and denominator
polarity = "higher_is_better"
frequency = "quarterly"
# window = "rolling 12 months"     # the figures' window when not the period itself
baseline = { first_observation = true }   # or { period = "2024-Q1" }, or { period = "2024-Q1", value = 38 }
target = { kind = "threshold", comparison = "at_least", value = 60, due = "2026-Q1", wording = "60% within 20 weeks by March 2026" }
# spc = { chart = "p_prime" }      # xmr (the default) | p_prime | u_prime | c; rebase = ["2025-04"]

# Is anyone better off?
[[sections.measures]]
id = "p1-better-off"
name = "Example: families who feel listened to"
kind = "better_off"
unit = "percentage"
polarity = "higher_is_better"
frequency = "annual"
target = { kind = "direction", wording = "we will see an increase" }
# The turn-the-curve record, in Friedman's order; each field answers its question:
{prompts}# [sections.measures.turn_the_curve]
# story = ""
# partners = []
# what_works = [{ text = "", evidence = "" }]
# actions = []                     # ids of actions.csv rows
# data_development = ""
"#;
