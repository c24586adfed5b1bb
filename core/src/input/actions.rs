//! The actions file (`actions.csv`) read into [`Action`]s.

use crate::error::quoted;
use crate::error::{Error, ErrorKind, Errors};
use crate::input::table;
use crate::model::action::{Action, ActionStatus};
use crate::model::period::Period;

pub const REQUIRED: &[&str] = &["id", "title", "due", "status"];
pub const OPTIONAL: &[&str] = &["section", "objective", "lead", "completed", "note"];

/// Reads the rows of `src` (a CSV file, records or a workbook's sheet).
pub fn parse(src: &table::Source) -> Result<Vec<Action>, Errors> {
    parse_table(&src.read(REQUIRED, OPTIONAL)?)
}

fn parse_table(t: &table::Table) -> Result<Vec<Action>, Errors> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for row in &t.rows {
        let before = errors.len();
        let mut period = |field: &str| match t.get(row, field).map(str::parse::<Period>) {
            Some(Ok(p)) => Some(p),
            Some(Err(e)) => {
                errors.push(Error::new(
                    ErrorKind::Period,
                    t.at(row, field),
                    e.to_string(),
                ));
                None
            }
            None => None,
        };
        let (due, completed) = (period("due"), period("completed"));
        let text_field = |field: &str| t.get(row, field).map(str::to_string);
        let status_text = t.get(row, "status").unwrap_or("");
        let status = ActionStatus::parse(status_text);
        let data = |field: &str, msg: String| Error::new(ErrorKind::Data, t.at(row, field), msg);
        if status.is_none() {
            errors.push(data(
                "status",
                format!(
                    "unknown status {}: expected not_started, in_progress, completed or withdrawn",
                    quoted(&status_text)
                ),
            ));
        }
        if due.is_none() && t.get(row, "due").is_none() {
            errors.push(data("due", "the due date is empty".into()));
        }
        if completed.is_some() && status != Some(ActionStatus::Completed) {
            errors.push(data(
                "completed",
                "only a completed action has a completion date".into(),
            ));
        }
        for field in ["id", "title"] {
            if t.get(row, field).is_none() {
                errors.push(data(field, format!("the {field} is empty")));
            }
        }
        if errors.len() > before {
            continue;
        }
        if let (Some(due), Some(status)) = (due, status) {
            out.push(Action {
                id: text_field("id").unwrap_or_default(),
                section: text_field("section"),
                objective: text_field("objective"),
                title: text_field("title").unwrap_or_default(),
                lead: text_field("lead"),
                due,
                status,
                completed,
                source: t.at(row, "id"),
            });
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

    #[test]
    fn actions_parse_and_report_status_as_of() {
        let text =
            "id,title,due,status,completed\n1A1,Agree governance,2019-11,completed,2020-02\n\
                    1A2,Review,2019-12,in_progress,\n";
        let a = parse(&table::Source::Csv {
            text,
            file: "actions.csv",
        })
        .unwrap();
        let jan: Period = "2020-01".parse().unwrap();
        let mar: Period = "2020-03".parse().unwrap();
        assert_eq!(a[0].status_at(&jan), ActionStatus::InProgress);
        assert_eq!(a[0].status_at(&mar), ActionStatus::Completed);
        assert!(a[0].overdue_at(&jan));
        assert!(!a[0].overdue_at(&mar));
        assert!(a[1].overdue_at(&jan));
        let nov: Period = "2019-11".parse().unwrap();
        assert!(!a[1].overdue_at(&nov));
    }

    #[test]
    fn bad_action_rows_are_errors() {
        let text =
            "id,title,due,status,completed\n1,T,2019-13,done,\n2,T,2020-01,in_progress,2020-02\n";
        let e = parse(&table::Source::Csv {
            text,
            file: "actions.csv",
        })
        .unwrap_err();
        let m: Vec<String> = e.iter().map(ToString::to_string).collect();
        assert!(
            m[0].starts_with("actions.csv:2: field \"due\": cannot read"),
            "{m:?}"
        );
        assert!(
            m[1].starts_with("actions.csv:2: field \"status\": unknown status \"done\""),
            "{m:?}"
        );
        assert!(
            m[2].starts_with("actions.csv:3: field \"completed\""),
            "{m:?}"
        );
    }
}
