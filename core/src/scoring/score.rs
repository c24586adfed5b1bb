//! Scoring a scorecard at a reporting period: every measure's value, changes, direction,
//! target, expected value, progress, status and comparators, with a note for each missing
//! figure; then the summary.

use crate::error::{Error, ErrorKind, Errors, Location};
use crate::input::scorecard::Scorecard;
use crate::model::action::Action;
use crate::model::baseline::ResolvedBaseline;
use crate::model::definition::Section;
use crate::model::kinds::{Polarity, Unit};
use crate::model::measure::Measure;
use crate::model::observation::{Observation, Reading};
use crate::model::period::Period;
use crate::model::status::{Direction, Status};
use crate::model::target::{Basis, Rule, Target};
use crate::model::window::Window;
use crate::num::{fmt_num, r6, signed, signed_dp};
use crate::report::*;
use crate::rules::baseline;
use crate::rules::status::{
    active_milestone, judge, judge_milestones, progress_pct, unjudged, Judgement, Latest, Step,
    Unjudged,
};
use crate::rules::target::{self, Context, Resolved};
use crate::scoring::analysis;
use crate::scoring::summary::summarise;

/// Scores `card` (validated by the caller) as at `as_of` (default: the latest period with an
/// observation), calling `progress(done, total)` as measures are scored, so that a front end
/// can show a progress bar on a long run.
pub fn score_with_progress(
    card: &Scorecard,
    as_of: Option<Period>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Report, Errors> {
    let Some(as_of) = as_of.or_else(|| card.latest_period()) else {
        return Err(Errors::one(Error::new(
            ErrorKind::Usage,
            Location::file(&card.definition.id),
            "no reporting period: give one (--as-of), or add observations to take the latest from",
        )));
    };
    let scorer = Scorer { card, as_of };
    let total = card.measures().count();
    let warnings = card
        .measures()
        .flat_map(|(_, m)| crate::scoring::warnings::of_measure(card, m, as_of))
        .collect();
    let measures: Vec<MeasureResult> = card
        .measures()
        .enumerate()
        .map(|(i, (s, m))| {
            progress(i, total);
            scorer.measure(s, m)
        })
        .collect();
    progress(total, total);
    let actions: Vec<ActionResult> = card.actions().iter().map(|a| action_at(a, as_of)).collect();
    let def = &card.definition;
    let sections: Vec<(String, Option<String>)> = def
        .sections
        .iter()
        .map(|s| (s.id.clone(), s.parent.clone()))
        .collect();
    let summary = summarise(&sections, &measures, &actions);
    Ok(Report {
        schema: SCHEMA,
        scorecard: CardInfo {
            id: def.id.clone(),
            title: def.title.clone(),
            area: def.area.clone(),
            description: def.description.clone(),
            source: def.source.clone(),
            notes: def.notes.clone(),
            status_rules: def.status_rules,
            // Filled in by disclosure::annotate.
            disclosure: crate::report::DisclosureInfo {
                enabled: false,
                threshold: 0,
                round_to: None,
                symbols: vec![],
            },
        },
        as_of,
        sections: def
            .sections
            .iter()
            .map(|s| SectionInfo {
                id: s.id.clone(),
                title: s.title.clone(),
                kind: s.kind,
                parent: s.parent.clone(),
                description: s.description.clone(),
                measures: s.measures.iter().map(|m| m.id.clone()).collect(),
            })
            .collect(),
        measures,
        summary,
        actions,
        risks: def
            .risks
            .iter()
            .map(|r| RiskResult {
                id: r.id.clone(),
                title: r.title.clone(),
                likelihood: r.likelihood,
                impact: r.impact,
                score: r.score(),
                rating: r.rating(),
                mitigation: r.mitigation.clone(),
                owner: r.owner.clone(),
            })
            .collect(),
        projections: def
            .projections
            .iter()
            .map(|p| ProjectionResult {
                id: p.id.clone(),
                name: p.name.clone(),
                base_period: p.base_period,
                base: p.base,
                steps: p.project(),
                source: p.source.clone(),
            })
            .collect(),
        warnings,
    })
}

struct Scorer<'a> {
    card: &'a Scorecard,
    as_of: Period,
}

/// What judging a target gave.
struct Outcome {
    status: Status,
    expected: Option<f64>,
    progress: Option<f64>,
    target: Option<TargetResult>,
    /// The value target as resolved, before rounding for the report: what the assurance icon
    /// judges.
    goal: Option<f64>,
}

impl Outcome {
    /// A target that could not become a number: `no_target`, with a note naming what is missing.
    fn unresolved(target: TargetResult, why: &str, notes: &mut Vec<String>) -> Self {
        notes.push(format!("The target could not be resolved: {why}."));
        Outcome {
            status: Unjudged::Unresolved.status(),
            expected: None,
            progress: None,
            target: Some(target),
            goal: None,
        }
    }
}

/// The notes of `figures` in words, one line per distinct note, in the order of the figures'
/// periods: "The 2019-04 figure: Real: strategy table 5", "The 2019-10 and 2020-05 figures:
/// Illustrative". A figure named twice (the baseline is the previous figure) counts once.
fn figure_notes<'o>(figures: impl Iterator<Item = &'o Observation>) -> Vec<String> {
    let mut seen: Vec<&Observation> = figures.collect();
    crate::num::sort_by_key(&mut seen, |o| o.period);
    seen.dedup_by_key(|o| o.period);
    let mut grouped: Vec<(&str, Vec<Period>)> = Vec::new();
    for o in seen {
        let Some(note) = o.note.as_deref() else {
            continue;
        };
        match grouped.iter_mut().find(|(n, _)| *n == note) {
            Some((_, periods)) => periods.push(o.period),
            None => grouped.push((note, vec![o.period])),
        }
    }
    grouped
        .into_iter()
        .map(|(note, periods)| {
            let mut names: Vec<String> = periods.iter().map(ToString::to_string).collect();
            // A group has at least one period: it was made for one.
            let last = names.pop().unwrap_or_default();
            if names.is_empty() {
                format!("The {last} figure: {note}")
            } else {
                format!("The {} and {last} figures: {note}", names.join(", "))
            }
        })
        .collect()
}

/// An action as it stands at `as_of`: its status then, its completion date if by then, and
/// whether it is overdue. The report's actions and a turn-the-curve record's use this.
fn action_at(a: &Action, as_of: Period) -> ActionResult {
    ActionResult {
        action: Action {
            status: a.status_at(&as_of),
            completed: a.completed.filter(|c| c.end() <= as_of.end()),
            ..a.clone()
        },
        overdue: a.overdue_at(&as_of),
    }
}

/// Progress from the baseline `start` to `goal`, or none with a note saying why.
fn progress(
    start: Option<(f64, Period)>,
    x: f64,
    goal: f64,
    comparison: crate::model::target::Comparison,
    notes: &mut Vec<String>,
) -> Option<f64> {
    match progress_pct(x, start?.0, goal, comparison) {
        Ok(p) => Some(p),
        Err(why) => {
            notes.push(why.text().to_string());
            None
        }
    }
}

impl<'a> Scorer<'a> {
    /// The decimal places `m`'s figures are shown to: its definition's `decimals`, or the
    /// precision its figures were given to (its values, stated baseline, target numbers and
    /// comparators' figures; a fraction's figure is computed, not given), and at least the
    /// unit's. Computed from the data scored, which under disclosure control is the published
    /// view, so a withheld figure adds nothing.
    fn decimals(&self, m: &Measure) -> u8 {
        if let Some(d) = m.decimals {
            return d;
        }
        let values = self
            .card
            .observations_of(&m.id)
            .iter()
            .filter_map(|o| match o.reading {
                Reading::Value { value } | Reading::Bound { value, .. } => Some(value),
                _ => None,
            });
        let baseline = match &m.baseline {
            Some(crate::model::baseline::Baseline::Stated { value, .. }) => Some(*value),
            _ => None,
        };
        let rules: Vec<&Rule> = match &m.target {
            Some(Target::Single { rule, .. }) => vec![rule],
            Some(Target::Milestones(ms)) => ms.iter().map(|x| &x.rule).collect(),
            None => vec![],
        };
        let targets = rules.into_iter().filter_map(|r| match r {
            Rule::Absolute { value } | Rule::Threshold { value, .. } => Some(*value),
            _ => None,
        });
        let comparators = self.card.comparators_of(&m.id).iter().map(|c| c.value);
        values
            .chain(baseline)
            .chain(targets)
            .chain(comparators)
            .map(crate::num::given_decimals)
            .fold(m.unit.decimals(), u8::max)
    }

    /// What the report says of each figure of `m` (up to the reporting period) that a later
    /// row flagged `revised` replaced: which it uses, and where each was given. No figure is
    /// quoted (the first one may be a small count).
    fn revisions(&self, m: &Measure) -> Vec<String> {
        let rows = self.card.observations_of(&m.id);
        self.card
            .superseded()
            .iter()
            .filter(|o| o.measure == m.id && o.period.end() <= self.as_of.end())
            .filter_map(|old| {
                let now = rows
                    .iter()
                    .find(|o| {
                        o.period == old.period
                            && o.window == old.window
                            && o.breakdown == old.breakdown
                    })?;
                let what = old
                    .breakdown
                    .as_deref()
                    .map_or(String::new(), |(d, c)| format!(" ({d} = {c})"));
                Some(format!(
                    "The {}{what} figure was revised: the report uses the correction ({}), not the figure first published ({}).",
                    old.window.label(old.period),
                    crate::input::scorecard::row_place(&now.source),
                    crate::input::scorecard::row_place(&old.source)
                ))
            })
            .collect()
    }

    /// The measure's annotations on or before the reporting period, in period order (stably:
    /// events of one period in the order given), numbered from 1.
    fn annotations(&self, m: &Measure) -> Vec<AnnotationResult> {
        let mut events: Vec<&crate::model::story::Annotation> = self
            .card
            .annotations()
            .iter()
            .filter(|a| a.measure == m.id && a.period.end() <= self.as_of.end())
            .collect();
        crate::num::sort_by_key(&mut events, |a| a.period);
        events
            .into_iter()
            .zip(1..)
            .map(|(a, number)| AnnotationResult {
                number,
                period: a.period,
                text: a.text.clone(),
            })
            .collect()
    }

    /// The measure's turn-the-curve record at the reporting period: its actions as they stand
    /// then, and the commentary up to it in period order; `None` when there is nothing.
    fn turn_the_curve(&self, m: &Measure) -> Option<TurnTheCurveResult> {
        let t = &m.turn_the_curve;
        let mut commentary: Vec<CommentaryResult> = self
            .card
            .commentary()
            .iter()
            .filter(|c| c.measure == m.id && c.period.end() <= self.as_of.end())
            .map(|c| CommentaryResult {
                period: c.period,
                text: c.text.clone(),
                author: c.author.clone(),
            })
            .collect();
        crate::num::sort_by_key(&mut commentary, |c| c.period);
        if t.is_empty() && commentary.is_empty() {
            return None;
        }
        let actions = t
            .actions
            .iter()
            .filter_map(|id| self.card.actions().iter().find(|a| &a.id == id))
            .map(|a| action_at(a, self.as_of))
            .collect();
        Some(TurnTheCurveResult {
            story: t.story.clone(),
            partners: t.partners.clone(),
            what_works: t.what_works.clone(),
            actions,
            data_development: t.data_development.clone(),
            source: t.source.clone(),
            commentary,
        })
    }

    /// The measure's totals on or before the reporting period, in any window.
    fn totals(&self, m: &Measure) -> impl Iterator<Item = &'a Observation> + '_ {
        let card: &'a Scorecard = self.card;
        card.series(&m.id)
            .into_iter()
            .filter(|o| o.period.end() <= self.as_of.end())
    }

    /// The window of the measure's headline series at the reporting period
    /// ([`Scorecard::headline`]).
    fn headline(&self, m: &Measure) -> Option<Window> {
        self.card.headline(m, self.as_of).0
    }

    /// The measure's headline series ([`Scorecard::headline`]): figures of other windows are
    /// never joined to it.
    fn series(&self, m: &Measure) -> Vec<&'a Observation> {
        self.card.headline(m, self.as_of).1
    }

    /// The latest figure of each window other than the headline's, in the order of their
    /// windows, and a note naming them.
    fn other_windows(
        &self,
        m: &Measure,
        headline: Option<Window>,
        decimals: u8,
        notes: &mut Vec<String>,
    ) -> Vec<WindowFigure> {
        // The latest figure of each kind of window (one year to date, however long).
        let mut latest: Vec<&Observation> = Vec::new();
        let own = headline.map(|w| w.spec());
        for o in self.totals(m).filter(|o| Some(o.window.spec()) != own) {
            match latest
                .iter_mut()
                .find(|l| l.window.spec() == o.window.spec())
            {
                Some(l) => *l = o,
                None => latest.push(o),
            }
        }
        crate::num::sort_by_key(&mut latest, |o| o.window.spec());
        if latest.is_empty() {
            return Vec::new();
        }
        let quoted: Vec<String> = latest
            .iter()
            .map(|o| {
                let label = o.window.label(o.period);
                match (
                    o.value(),
                    given_text(o, m.unit, decimals),
                    o.reading.in_place_of_figure(),
                ) {
                    (Some(v), _, _) => format!("{} ({label})", quote(m.unit, decimals, v)),
                    (None, Some(g), _) => format!("{g} ({label})"),
                    (None, None, Some(why)) => format!("{label}: {why}"),
                    (None, None, None) => label,
                }
            })
            .collect();
        let series = match headline {
            Some(w) if !w.is_period() => format!("the {} series", w.words()),
            Some(_) => "the series for each period".to_string(),
            None => "the window the definition names, which has no figure".to_string(),
        };
        notes.push(format!(
            "Figures over other windows, not joined to {series} nor judged: {}.",
            quoted.join("; ")
        ));
        latest
            .into_iter()
            .map(|o| WindowFigure {
                window: o.window,
                label: o.window.label(o.period),
                period: o.period,
                value: o.value().and_then(r6),
                given: given_text(o, m.unit, decimals),
                flag: flag(o),
            })
            .collect()
    }

    fn measure(&self, section: &Section, m: &Measure) -> MeasureResult {
        let mut notes: Vec<String> = m
            .wording
            .iter()
            .map(|w| format!("Target as worded: \"{w}\""))
            .collect();
        notes.extend(m.notes.iter().cloned());
        notes.extend(self.card.inferred_note(&m.id).map(str::to_string));
        notes.extend(self.card.proportions(m).ok().flatten());
        let headline = self.headline(m);
        let series = self.series(m);
        let latest = series.last().copied();
        let value = latest.and_then(Observation::value);
        let decimals = self.decimals(m);
        let other_windows = self.other_windows(m, headline, decimals, &mut notes);
        let baseline = self.baseline(m, &series, &mut notes);
        // The own notes ("Illustrative", "Real: strategy table 4") of every figure the report
        // states: the latest, the one before it (the change is worked from it) and the
        // baseline period's. The label a figure must never lose when it is pasted into a board
        // paper.
        let observed_baseline = baseline
            .as_ref()
            .and_then(|b| series.iter().find(|o| o.period == b.period).copied());
        let previous_figure = series.len().checked_sub(2).map(|i| series[i]);
        notes.extend(figure_notes(
            [observed_baseline, previous_figure, latest]
                .into_iter()
                .flatten(),
        ));
        notes.extend(self.revisions(m));
        let outcome = self.outcome(m, latest, value, baseline.as_ref(), &mut notes);
        // A projected or part-year figure is judged as given, and the report says what it is.
        // A year to date short of twelve months is part of its year.
        let part_year = latest.is_some_and(|o| o.part_year || o.window.is_part_year());
        if let Some(o) = latest.filter(|o| o.value().is_some()) {
            if o.projected {
                notes.push(format!(
                    "The {} figure is a projection, not an outturn: the status may change when the outturn is known.",
                    o.window.label(o.period)
                ));
            }
            if part_year {
                notes.push(format!(
                    "The {} figure covers part of the {} only{}.",
                    o.window.label(o.period),
                    if o.window.is_part_year() {
                        "year"
                    } else {
                        "period"
                    },
                    if outcome.status == Status::Achieved {
                        ": achieved on it, the full period's figure may not hold"
                    } else {
                        ": the full period's figure may differ"
                    }
                ));
            }
        }
        let previous = self.previous_change(m, decimals, &series, &mut notes);
        let (direction, streak) = direction_and_streak(m.polarity, &series);
        let (numerator, denominator) = match latest.map(|o| o.reading) {
            Some(Reading::Fraction {
                numerator,
                denominator,
                ..
            }) => (Some(numerator), Some(denominator)),
            _ => (None, None),
        };
        let mut comparators =
            self.comparators(m, decimals, latest.map_or(self.as_of, |o| o.period), value);
        let a = &self.card.definition.analysis;
        let value_target = outcome.target.as_ref().filter(|t| t.basis == Basis::Value);
        // The assurance icon judges the target as resolved, not the report's rounded copy.
        let spc = analysis::spc(m, &series, a, outcome.goal);
        // What SPC left out or could not do is told in the measure's notes, which every
        // format shows: a withheld month never removes a chart or moves its limits unsaid.
        let (spc, spc_missing) = match spc {
            Ok(s) => {
                notes.extend(s.notes.iter().map(|n| format!("SPC: {n}")));
                (Some(s), None)
            }
            Err(why) => {
                if why.notable {
                    notes.push(why.text.clone());
                }
                (None, Some(why.text))
            }
        };
        let runs = spc
            .is_none()
            .then(|| analysis::runs(m, &series, a))
            .flatten();
        let forecast = analysis::forecast(
            &series,
            baseline.as_ref(),
            value_target.and_then(|t| Some((t.value?, t.comparison?, t.due))),
            m.polarity,
            a.forecast_points,
            m.unit,
            self.as_of,
            &mut notes,
        );
        let interval = analysis::interval(m, a, latest);
        if let Some(i) = &interval {
            for c in &mut comparators {
                c.significance = Some(crate::stats::interval::compare(
                    (i.lower_95, i.upper_95),
                    c.value,
                    m.polarity,
                ));
            }
        }
        let benchmark = analysis::benchmark(self.card, m, &series, a, self.as_of);
        MeasureResult {
            id: m.id.clone(),
            name: m.name.clone(),
            section: section.id.clone(),
            kind: m.kind,
            unit: m.unit.name(),
            per: match m.unit {
                Unit::Rate { per } => Some(per.get()),
                _ => None,
            },
            decimals,
            polarity: m.polarity,
            frequency: m.frequency,
            owner: m.owner.clone(),
            source: m.source.clone(),
            to_be_developed: m.to_be_developed,
            counts: m.counts,
            period: latest.map(|o| o.period),
            value: value.and_then(r6),
            symbol: latest.and_then(|o| (o.reading == Reading::Suppressed).then_some("c")),
            numerator,
            denominator,
            provisional: latest.is_some_and(|o| o.provisional),
            revised: latest.is_some_and(|o| o.revised),
            projected: latest.is_some_and(|o| o.projected),
            part_year,
            window: headline.filter(|w| !w.is_period()),
            period_label: latest
                .filter(|o| !o.window.is_period())
                .map(|o| o.window.label(o.period)),
            given: latest.and_then(|o| given_text(o, m.unit, decimals)),
            other_windows,
            baseline: baseline.map(|b| ResolvedBaseline {
                value: r6(b.value).unwrap_or(b.value),
                ..b
            }),
            target: outcome.target,
            expected: outcome.expected.and_then(r6),
            progress_pct: outcome.progress.and_then(r6),
            change: Changes {
                previous,
                baseline: match (value, baseline, latest) {
                    (Some(v), Some(b), Some(o)) if o.period != b.period => {
                        Some(change(m.unit, decimals, b.period, b.value, v))
                    }
                    _ => None,
                },
            },
            direction,
            streak,
            status: outcome.status,
            status_label: outcome.status.label(),
            rag: outcome.status.rag(),
            comparators,
            breakdowns: self.breakdowns(m, headline, decimals),
            series: series
                .iter()
                .map(|o| Point {
                    period: o.period,
                    value: o.value().and_then(r6),
                    flag: flag(o),
                    symbol: match o.reading {
                        Reading::Suppressed => Some("c"),
                        Reading::Missing => Some("x"),
                        _ => None,
                    },
                    given: given_text(o, m.unit, decimals),
                })
                .collect(),
            spc,
            spc_missing,
            runs,
            forecast,
            interval,
            benchmark,
            notes,
            annotations: self.annotations(m),
            turn_the_curve: self.turn_the_curve(m),
        }
    }

    fn baseline(
        &self,
        m: &Measure,
        series: &[&Observation],
        notes: &mut Vec<String>,
    ) -> Option<ResolvedBaseline> {
        let figures = series.iter().filter_map(|o| Some((o.period, o.value()?)));
        match baseline::choose(m.baseline.as_ref()?, figures) {
            Ok(b) => Some(b),
            Err(why) => {
                notes.push(why.note());
                None
            }
        }
    }

    fn outcome(
        &self,
        m: &Measure,
        latest: Option<&Observation>,
        value: Option<f64>,
        baseline: Option<&ResolvedBaseline>,
        notes: &mut Vec<String>,
    ) -> Outcome {
        let none = |why: Unjudged| Outcome {
            status: why.status(),
            expected: None,
            progress: None,
            target: None,
            goal: None,
        };
        let state = match (latest, value) {
            (None, _) => Latest::None,
            (Some(o), None) if o.reading == Reading::Suppressed => Latest::Suppressed,
            (Some(o), None) if o.reading.given().is_some() => Latest::Given,
            (Some(_), None) => Latest::Missing,
            (Some(_), Some(_)) => Latest::Figure,
        };
        if let Some(why) = unjudged(m.to_be_developed, state, m.target.is_some()) {
            match (why, latest) {
                (Unjudged::ToBeDeveloped, _) => notes.push(
                    "On the data development agenda: the measure is to be developed.".to_string(),
                ),
                (Unjudged::NoObservation, _) => notes.push(format!(
                    "No figure: there is no observation on or before {}.",
                    self.as_of
                )),
                (Unjudged::Missing | Unjudged::Suppressed, Some(o)) => notes.push(format!(
                    "No figure: the figure for {} is {}.",
                    o.period,
                    if why == Unjudged::Suppressed {
                        "suppressed"
                    } else {
                        "missing"
                    }
                )),
                _ => {}
            }
            return none(why);
        }
        if let (Latest::Given, Some(o), Some(target)) = (state, latest, &m.target) {
            return self.given(m, target, o, baseline, notes);
        }
        let (Some(o), Some(v), Some(target)) = (latest, value, &m.target) else {
            return none(Unjudged::NoObservation);
        };
        if let Some(due) = target.final_due() {
            if self.as_of.end() >= due.end() && o.period.end() < due.end() {
                notes.push(format!(
                    "The target was due {due}; the latest figure is for {}, so it is judged on the trajectory.",
                    o.period
                ));
            }
        }
        match target {
            Target::Single {
                rule: Rule::Direction,
                due,
            } => self.direction_only(m, due, baseline, notes),
            Target::Single { rule, due } => self.single(m, rule, *due, o, v, baseline, notes),
            Target::Milestones(ms) => self.milestones(m, ms, o, v, baseline, notes),
        }
    }

    /// A latest figure given only as a bound or an outcome ("< 60", "not met"), judged against
    /// the step it falls under: the single target, or the milestone due next
    /// ([`crate::rules::status::given`]). No expected value or progress: there is no figure.
    fn given(
        &self,
        m: &Measure,
        target: &Target,
        o: &Observation,
        baseline: Option<&ResolvedBaseline>,
        notes: &mut Vec<String>,
    ) -> Outcome {
        let label = o.window.label(o.period);
        let shown = given_text(o, m.unit, 6).unwrap_or_default();
        let t = o.period.end();
        let (rule, due, steps) = match target {
            Target::Single {
                rule: Rule::Direction,
                due,
            } => {
                notes.push(format!(
                    "The {label} figure is given only as {shown}: a direction of travel needs figures."
                ));
                return self.direction_only(m, due, baseline, notes);
            }
            Target::Single { rule, due } => (rule, *due, &[][..]),
            Target::Milestones(ms) => {
                let Some(active) = active_milestone(ms.iter().map(|s| s.due.end()), t) else {
                    return Outcome::unresolved(
                        TargetResult {
                            kind: "milestones",
                            description: "0 milestones".to_string(),
                            value: None,
                            comparison: None,
                            due: None,
                            basis: Basis::Value,
                            judged: None,
                            milestones: vec![],
                        },
                        "the target has no milestones",
                        notes,
                    );
                };
                (&ms[active].rule, Some(ms[active].due), &ms[..])
            }
        };
        let final_step = steps.last().is_none_or(|last| Some(last.due) == due);
        let mut result = TargetResult {
            kind: target.kind_name(),
            description: match target {
                Target::Milestones(ms) => format!("{} milestones", ms.len()),
                Target::Single { rule, .. } => rule.describe(m.unit.difference_label()),
            },
            value: None,
            comparison: None,
            due,
            basis: Basis::Value,
            judged: None,
            milestones: steps
                .iter()
                .map(|s| MilestoneResult {
                    due: s.due,
                    description: s.rule.describe(m.unit.difference_label()),
                    value: self
                        .resolve(m, &s.rule, o, None, baseline)
                        .ok()
                        .and_then(|r| r6(r.value)),
                    current: Some(s.due) == due,
                })
                .collect(),
        };
        let resolved = self.resolve(m, rule, o, None, baseline);
        if let Ok(r) = &resolved {
            result.value = r6(r.value);
            result.comparison = Some(r.comparison);
            result.basis = r.basis.clone();
        }
        let met = match (o.reading, &resolved) {
            (Reading::Outcome { met }, _) => Some(met),
            (Reading::Bound { .. }, Err(why)) => {
                return Outcome::unresolved(result, why, notes);
            }
            (Reading::Bound { bound, value }, Ok(r)) if r.basis == Basis::Value => {
                let at_least = bound.settles(value, r.value, true);
                let at_most = bound.settles(value, r.value, false);
                match r.comparison {
                    crate::model::target::Comparison::AtLeast => at_least,
                    crate::model::target::Comparison::AtMost => at_most,
                    crate::model::target::Comparison::Exactly => {
                        (at_least == Some(false) || at_most == Some(false)).then_some(false)
                    }
                }
            }
            _ => None,
        };
        let due_passed = due.is_some_and(|d| t >= d.end());
        let status = crate::rules::status::given(met, final_step, due_passed);
        let step = match (steps.last(), due) {
            (Some(_), Some(d)) if !final_step => format!("milestone {d}"),
            _ => "the target".to_string(),
        };
        let goal = result
            .value
            .map(|v| {
                format!(
                    " ({}{})",
                    crate::model::target::Comparison::key(
                        result
                            .comparison
                            .unwrap_or(crate::model::target::Comparison::Exactly)
                    )
                    .replace('_', " ")
                        + " ",
                    quote(m.unit, 6, v)
                )
            })
            .unwrap_or_default();
        let last = steps.last().map(|s| s.due);
        notes.push(match status {
            Status::NoData => format!(
                "The {label} figure is given only as {shown}, which does not settle {step}{goal}: no status until a figure is given."
            ),
            Status::Achieved => format!("The {label} figure is given only as {shown}: {step}{goal} is met."),
            Status::OnTrack => format!(
                "The {label} figure is given only as {shown}: {step}{goal} is met; the final milestone{} is not yet.",
                last.map(|d| format!(" ({d})")).unwrap_or_default()
            ),
            Status::Missed => format!(
                "The {label} figure is given only as {shown}: {step}{goal}, due {}, is not met.",
                due.map(|d| d.to_string()).unwrap_or_default()
            ),
            _ if !final_step => format!(
                "The {label} figure is given only as {shown}: {step}{goal} is not met; with no figure there is no trajectory, so it is at risk, and missed only if the final milestone{} is not met by then.",
                last.map(|d| format!(", due {d},")).unwrap_or_default()
            ),
            _ => format!(
                "The {label} figure is given only as {shown}: {step}{goal} is not met; with no figure there is no trajectory, so it is at risk{}.",
                due.map(|d| format!(" until it is due ({d})")).unwrap_or_default()
            ),
        });
        Outcome {
            status,
            expected: None,
            progress: None,
            target: Some(result),
            goal: None,
        }
    }

    fn direction_only(
        &self,
        m: &Measure,
        due: &Option<Period>,
        baseline: Option<&ResolvedBaseline>,
        notes: &mut Vec<String>,
    ) -> Outcome {
        let series = self.series(m);
        let (mut direction, _) = direction_and_streak(m.polarity, &series);
        notes.push("A direction-only target: judged by the direction of travel (improving: on track; no change: at risk; worsening: off track).".to_string());
        // With no two consecutive figures, a baseline before the latest figure (a plan's stated
        // "from 12 in 2019") is its first figure: the plan's own starting point.
        if direction == Direction::Unknown {
            let latest = series.last().and_then(|o| Some((o.period, o.value()?)));
            if let (Some((period, v)), Some(b)) = (latest, baseline) {
                if b.period < period {
                    direction = Direction::between(b.value, v, m.polarity);
                    notes.push(format!(
                        "Judged from the baseline ({}, {}) as the first figure: {}.",
                        b.period,
                        fmt_num(b.value),
                        direction.label()
                    ));
                }
            }
        }
        let status = match direction {
            Direction::Improving => Status::OnTrack,
            Direction::NoChange => Status::AtRisk,
            Direction::Worsening => Status::OffTrack,
            _ => {
                notes.push("The direction of travel needs two consecutive figures.".to_string());
                Status::NoData
            }
        };
        let target = TargetResult {
            kind: "direction",
            description: Rule::Direction.describe(m.unit.difference_label()),
            value: None,
            comparison: None,
            due: *due,
            basis: Basis::Value,
            judged: None,
            milestones: vec![],
        };
        Outcome {
            status,
            expected: None,
            progress: None,
            target: Some(target),
            goal: None,
        }
    }

    fn resolve(
        &self,
        m: &Measure,
        rule: &Rule,
        o: &Observation,
        v: Option<f64>,
        baseline: Option<&ResolvedBaseline>,
    ) -> Result<Resolved, String> {
        let card = self.card;
        let now = |name: &str| comparator_at(card, &m.id, name, o.period).map(|c| c.value);
        let then = |name: &str| {
            baseline
                .and_then(|b| comparator_at(card, &m.id, name, b.period))
                .map(|c| c.value)
        };
        let group = |g: &str| group_values(card, &m.id, g, o.period);
        let cx = Context {
            polarity: m.polarity,
            baseline: baseline.map(|b| b.value),
            comparator: &now,
            comparator_at_baseline: &then,
            group: &group,
            own_value: v,
        };
        target::resolve(rule, &cx)
    }

    /// The figure judged and its starting point ([`target::judged`]).
    fn judged(
        &self,
        m: &Measure,
        r: &Resolved,
        v: f64,
        baseline: Option<&ResolvedBaseline>,
    ) -> (f64, Option<(f64, Period)>) {
        target::judged(r, v, baseline.map(|b| (b.value, b.period)), |name| {
            let b = baseline?;
            comparator_at(self.card, &m.id, name, b.period).map(|c| c.value)
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn single(
        &self,
        m: &Measure,
        rule: &Rule,
        due: Option<Period>,
        o: &Observation,
        v: f64,
        baseline: Option<&ResolvedBaseline>,
        notes: &mut Vec<String>,
    ) -> Outcome {
        let mut target = TargetResult {
            kind: rule.kind_name(),
            description: rule.describe(m.unit.difference_label()),
            value: None,
            comparison: None,
            due,
            basis: Basis::Value,
            judged: None,
            milestones: vec![],
        };
        let r = match self.resolve(m, rule, o, Some(v), baseline) {
            Ok(r) => r,
            Err(why) => return Outcome::unresolved(target, &why, notes),
        };
        let (x, start) = self.judged(m, &r, v, baseline);
        let tol = self.card.definition.status_rules.at_risk_tolerance_pct;
        let Judgement { status, expected } = judge(
            x,
            o.period.end(),
            r.value,
            r.comparison,
            due.map(|d| d.end()),
            start.map(|(b, p)| (b, p.end())),
            tol,
        );
        self.note_trajectory(start.is_some(), due.is_some(), status, notes);
        let progress = progress(start, x, r.value, r.comparison, notes);
        target.value = r6(r.value);
        target.comparison = Some(r.comparison);
        target.judged = r6(x);
        let goal = (r.basis == Basis::Value).then_some(r.value);
        target.basis = r.basis;
        Outcome {
            status,
            expected,
            progress,
            target: Some(target),
            goal,
        }
    }

    fn note_trajectory(
        &self,
        has_start: bool,
        has_due: bool,
        status: Status,
        notes: &mut Vec<String>,
    ) {
        if matches!(status, Status::Achieved | Status::Missed) {
            return;
        }
        if !has_start {
            notes.push("No expected value or progress: the measure has no baseline, so a target not yet met is at risk.".to_string());
        } else if !has_due {
            notes.push("No expected value: the target has no due date, so a target not yet met is at risk.".to_string());
        }
    }

    fn milestones(
        &self,
        m: &Measure,
        ms: &[crate::model::target::Milestone],
        o: &Observation,
        v: f64,
        baseline: Option<&ResolvedBaseline>,
        notes: &mut Vec<String>,
    ) -> Outcome {
        let t = o.period.end();
        let mut target = TargetResult {
            kind: "milestones",
            description: format!("{} milestones", ms.len()),
            value: None,
            comparison: None,
            due: None,
            basis: Basis::Value,
            judged: None,
            milestones: Vec::new(),
        };
        let Some(active) = active_milestone(ms.iter().map(|s| s.due.end()), t) else {
            return Outcome::unresolved(target, "the target has no milestones", notes);
        };
        target.due = Some(ms[active].due);
        let mut resolved = Vec::new();
        for (i, step) in ms.iter().enumerate() {
            let r = self.resolve(m, &step.rule, o, Some(v), baseline);
            target.milestones.push(MilestoneResult {
                due: step.due,
                description: step.rule.describe(m.unit.difference_label()),
                value: r.as_ref().ok().and_then(|r| r6(r.value)),
                current: i == active,
            });
            resolved.push(r);
        }
        let resolved: Result<Vec<Resolved>, String> = resolved.into_iter().collect();
        let resolved = match resolved {
            Ok(r) => r,
            Err(why) => return Outcome::unresolved(target, &why, notes),
        };
        let (fin, cur) = (&resolved[resolved.len() - 1], &resolved[active]);
        let (x, start) = self.judged(m, cur, v, baseline);
        let (xf, _) = self.judged(m, fin, v, baseline);
        let steps: Vec<Step> = resolved
            .iter()
            .zip(ms)
            .map(|(r, s)| Step {
                goal: r.value,
                comparison: r.comparison,
                due: s.due.end(),
            })
            .collect();
        let tol = self.card.definition.status_rules.at_risk_tolerance_pct;
        let start_at = start.map(|(b, p)| (b, p.end()));
        let Some(j) = judge_milestones((x, xf), t, &steps, start_at, tol) else {
            return Outcome::unresolved(target, "the target has no milestones", notes);
        };
        let last = ms[ms.len() - 1].due;
        // The milestone as the plan states it: its date and the figure it asks for.
        let named = format!(
            "{} ({} {}{})",
            ms[active].due,
            cur.comparison.key().replace('_', " "),
            fmt_num(cur.value),
            if m.unit == Unit::Percentage { "%" } else { "" }
        );
        if j.status == Status::OnTrack && j.meets_active {
            notes.push(format!(
                "Milestone {named} is met; the final milestone {last} is not yet."
            ));
        } else if j.at_due && !j.meets_active && active + 1 < ms.len() {
            notes.push(format!(
                "Milestone {named} is not met; the figure is judged on the trajectory to the final milestone, due {last}, and is missed only if that is not met by then."
            ));
        }
        self.note_trajectory(active > 0 || start.is_some(), true, j.status, notes);
        target.value = r6(cur.value);
        target.comparison = Some(cur.comparison);
        target.judged = r6(x);
        target.basis = cur.basis.clone();
        let progress = progress(start, xf, fin.value, fin.comparison, notes);
        let goal = (cur.basis == Basis::Value).then_some(cur.value);
        Outcome {
            status: j.status,
            expected: j.expected,
            progress,
            target: Some(target),
            goal,
        }
    }

    fn previous_change(
        &self,
        m: &Measure,
        decimals: u8,
        series: &[&Observation],
        notes: &mut Vec<String>,
    ) -> Option<ChangeResult> {
        let [.., prev, last] = series else {
            if !series.is_empty() && !m.to_be_developed {
                notes.push(
                    "No change on the previous period: there is no earlier figure.".to_string(),
                );
            }
            return None;
        };
        match (prev.value(), last.value()) {
            (Some(p), Some(v)) => Some(change(m.unit, decimals, prev.period, p, v)),
            (None, Some(_)) => {
                notes.push(format!(
                    "No change on the previous period: the figure for {} is {}.",
                    prev.window.label(prev.period),
                    prev.reading.in_place_of_figure().unwrap_or_default()
                ));
                None
            }
            _ => None,
        }
    }

    fn comparators(
        &self,
        m: &Measure,
        decimals: u8,
        period: Period,
        value: Option<f64>,
    ) -> Vec<ComparatorResult> {
        let mut names: Vec<&str> = Vec::new();
        for c in self
            .card
            .comparators_of(&m.id)
            .iter()
            .filter(|c| c.group.is_none())
        {
            if !names.contains(&c.comparator.as_str()) {
                names.push(&c.comparator);
            }
        }
        names
            .into_iter()
            .filter_map(|name| {
                let c = comparator_at(self.card, &m.id, name, period)?;
                let gap = value.and_then(|v| r6(v - c.value));
                Some(ComparatorResult {
                    name: name.to_string(),
                    period: c.period,
                    value: r6(c.value).unwrap_or(c.value),
                    gap,
                    gap_label: gap.map(|g| {
                        format!("{}{}", signed_dp(g, decimals), m.unit.difference_label())
                    }),
                    position: gap.map(|g| position(g, m.polarity)),
                    series: self.comparator_series(&m.id, name),
                    significance: None,
                })
            })
            .collect()
    }

    fn comparator_series(&self, measure: &str, name: &str) -> Vec<Point> {
        let mut rows: Vec<_> = self
            .card
            .comparators_of(measure)
            .iter()
            .filter(|c| c.comparator == name && c.period.end() <= self.as_of.end())
            .collect();
        crate::num::sort_by_key(&mut rows, |c| c.period);
        rows.iter()
            .map(|c| Point {
                period: c.period,
                value: r6(c.value),
                flag: None,
                symbol: None,
                given: None,
            })
            .collect()
    }

    fn breakdowns(
        &self,
        m: &Measure,
        headline: Option<Window>,
        decimals: u8,
    ) -> Vec<BreakdownResult> {
        let mut out: Vec<BreakdownResult> = Vec::new();
        // Each (dimension, category)'s place in `out`: one lookup a row, not a scan.
        let mut at: crate::keyed::Keyed<(&str, &str), usize> = crate::keyed::Keyed::new();
        let rows = self
            .card
            .observations_of(&m.id)
            .iter()
            .filter(|o| o.period.end() <= self.as_of.end() && Some(o.window) == headline);
        // Rows come in period order: each category's latest row replaces the one before, which
        // its change is worked from (both published, or no change).
        for o in rows {
            let Some((dimension, category)) = o.breakdown.as_deref() else {
                continue;
            };
            let value = o.value().and_then(r6);
            let item = |change| BreakdownResult {
                dimension: dimension.clone(),
                category: category.clone(),
                period: o.period,
                value,
                symbol: match o.reading {
                    Reading::Suppressed => Some("c"),
                    Reading::Missing => Some("x"),
                    _ => None,
                },
                change,
            };
            match at.get(&(dimension.as_str(), category.as_str())) {
                Some(&i) if out[i].period < o.period => {
                    let before = &out[i];
                    let change = before
                        .value
                        .zip(value)
                        .map(|(from, to)| change(m.unit, decimals, before.period, from, to));
                    out[i] = item(change);
                }
                Some(_) => {}
                None => {
                    at.insert((dimension, category), out.len());
                    out.push(item(None));
                }
            }
        }
        out
    }
}

/// A comparator's value for `period`, or its latest value before it.
fn comparator_at<'c>(
    card: &'c Scorecard,
    measure: &str,
    name: &str,
    period: Period,
) -> Option<&'c crate::model::comparator::ComparatorValue> {
    card.comparators_of(measure)
        .iter()
        .filter(|c| c.comparator == name && c.period.end() <= period.end())
        .max_by_key(|c| c.period)
}

/// Every value of a comparator group for the latest period, on or before `period`, that has any.
fn group_values(card: &Scorecard, measure: &str, group: &str, period: Period) -> Vec<f64> {
    let rows: Vec<_> = card
        .comparators_of(measure)
        .iter()
        .filter(|c| c.group.as_deref() == Some(group) && c.period.end() <= period.end())
        .collect();
    let Some(latest) = rows.iter().map(|c| c.period).max() else {
        return vec![];
    };
    rows.iter()
        .filter(|c| c.period == latest)
        .map(|c| c.value)
        .collect()
}

fn direction_and_streak(polarity: Polarity, series: &[&Observation]) -> (Direction, u32) {
    let moves: Vec<Option<Direction>> = series
        .windows(2)
        .map(|w| match (w[0].value(), w[1].value()) {
            (Some(a), Some(b)) => Some(Direction::between(a, b, polarity)),
            _ => None,
        })
        .collect();
    let Some(Some(last)) = moves.last().copied() else {
        return (Direction::Unknown, 0);
    };
    let streak = moves.iter().rev().take_while(|d| **d == Some(last)).count();
    (last, u32::try_from(streak).unwrap_or(u32::MAX))
}

fn change(unit: Unit, dp: u8, from_period: Period, from: f64, to: f64) -> ChangeResult {
    let absolute = r6(to - from).unwrap_or(0.0);
    let relative_pct = (from != 0.0)
        .then(|| (to - from) / from.abs() * 100.0)
        .and_then(r6);
    let unit_label = unit.difference_label();
    let label = match relative_pct {
        Some(r) => format!("{}{unit_label} ({}%)", signed_dp(absolute, dp), signed(r)),
        None => format!("{}{unit_label}", signed_dp(absolute, dp)),
    };
    ChangeResult {
        from_period,
        from_value: r6(from).unwrap_or(from),
        absolute,
        absolute_unit: if unit_label.is_empty() {
            unit.name()
        } else {
            unit_label
        },
        relative_pct,
        label,
    }
}

fn position(gap: f64, polarity: Polarity) -> &'static str {
    if gap.abs() <= 1e-9 {
        return "same";
    }
    match polarity {
        Polarity::Neutral if gap > 0.0 => "higher",
        Polarity::Neutral => "lower",
        p if gap * p.sign() > 0.0 => "better",
        _ => "worse",
    }
}

/// A figure in a note: to the measure's decimal places, with `%` for a percentage (notes are
/// plain words; the renderers' unit formats are for the figures they lay out).
fn quote(unit: Unit, dp: u8, v: f64) -> String {
    let n = fmt_num(crate::num::round_to(v, i32::from(dp)));
    if unit == Unit::Percentage {
        format!("{n}%")
    } else {
        n
    }
}

/// A bound or an outcome as published, with the unit's sign: "< 60%", "not met".
fn given_text(o: &Observation, unit: Unit, dp: u8) -> Option<String> {
    match o.reading {
        Reading::Bound { bound, value } => {
            Some(format!("{} {}", bound.sign(), quote(unit, dp, value)))
        }
        r => r.given(),
    }
}

/// What the data row says about its figure: missing or suppressed at source, provisional,
/// revised.
pub(crate) fn flag(o: &Observation) -> Option<&'static str> {
    match o.reading {
        Reading::Missing => Some("missing"),
        Reading::Suppressed => Some("suppressed"),
        Reading::Bound { .. } => Some("bound"),
        Reading::Outcome { .. } => Some("outcome"),
        _ if o.provisional => Some("provisional"),
        _ if o.revised => Some("revised"),
        _ if o.projected => Some("projected"),
        _ if o.part_year => Some("part_year"),
        _ => None,
    }
}
