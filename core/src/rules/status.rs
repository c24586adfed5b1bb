//! The status rules (docs/semantics.md section 5): the trajectory, the judgement, progress.

use crate::model::status::Status;
use crate::model::target::Comparison;
use chrono::NaiveDate;

/// The latest observation of a measure on or before the reporting period, as the status order
/// sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Latest {
    /// No observation at all.
    None,
    /// An observation without a figure (not collected, not available).
    Missing,
    /// An observation withheld at source.
    Suppressed,
    /// A figure.
    Figure,
    /// No figure, only a bound on it or whether the target was met ("< 60", "not met").
    Given,
}

/// Why a measure is not judged against a target, in the order the rules check
/// (docs/semantics.md section 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unjudged {
    /// On the data development agenda.
    ToBeDeveloped,
    /// No observation on or before the reporting period.
    NoObservation,
    /// The latest observation has no figure.
    Missing,
    /// The latest observation is withheld at source.
    Suppressed,
    /// The measure has no target.
    NoTarget,
    /// The target could not become a number (a figure it needs is missing).
    Unresolved,
}

impl Unjudged {
    /// The status the measure gets.
    pub fn status(self) -> Status {
        match self {
            Unjudged::ToBeDeveloped => Status::ToBeDeveloped,
            Unjudged::NoObservation | Unjudged::Missing => Status::NoData,
            Unjudged::Suppressed => Status::Suppressed,
            Unjudged::NoTarget | Unjudged::Unresolved => Status::NoTarget,
        }
    }
}

/// The status order before any judgement: to be developed, then no data (or suppressed), then
/// no target; `None` when the latest figure can be judged against a target. Both scoring paths
/// call this.
pub fn unjudged(to_be_developed: bool, latest: Latest, has_target: bool) -> Option<Unjudged> {
    if to_be_developed {
        return Some(Unjudged::ToBeDeveloped);
    }
    match latest {
        Latest::None => Some(Unjudged::NoObservation),
        Latest::Missing => Some(Unjudged::Missing),
        Latest::Suppressed => Some(Unjudged::Suppressed),
        Latest::Figure | Latest::Given if !has_target => Some(Unjudged::NoTarget),
        Latest::Figure | Latest::Given => None,
    }
}

/// The status of a figure given only as an outcome, or as a bound that settles the target
/// (`met`; `None` when the bound does not settle it), for the step it is judged against: met
/// is achieved on the final step (the single target, or the last milestone) and on track on an
/// earlier milestone; not met is missed once the final step is due, and at risk before then (no
/// figure, so no trajectory to judge off track on). An unsettled bound is no data.
pub fn given(met: Option<bool>, final_step: bool, due_passed: bool) -> Status {
    match met {
        None => Status::NoData,
        Some(true) if final_step => Status::Achieved,
        Some(true) => Status::OnTrack,
        Some(false) if final_step && due_passed => Status::Missed,
        Some(false) => Status::AtRisk,
    }
}

/// A straight line from a starting point to the goal, in days.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trajectory {
    pub start: f64,
    pub start_date: NaiveDate,
    pub goal: f64,
    pub due: NaiveDate,
}

impl Trajectory {
    /// The expected value at `t`: e = b + (T - b)(t - tb)/(tT - tb), held at b before the start
    /// and at T after the due date. `None` when the due date does not follow the start.
    pub fn expected(&self, t: NaiveDate) -> Option<f64> {
        let span = (self.due - self.start_date).num_days();
        if span <= 0 {
            return None;
        }
        let done = (t - self.start_date).num_days().clamp(0, span);
        Some(self.start + (self.goal - self.start) * done as f64 / span as f64)
    }
}

/// What the rules say about one value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judgement {
    pub status: Status,
    pub expected: Option<f64>,
}

/// Judges value `v` at date `t` against `goal` (docs/semantics.md section 5):
/// achieved if it meets the goal; missed if the due date has come; otherwise on the trajectory
/// from the start: on track if it meets the expected value, at risk if short by at most
/// `tolerance_pct`% of |goal - start|, else off track; at risk when there is no trajectory.
pub fn judge(
    v: f64,
    t: NaiveDate,
    goal: f64,
    comparison: Comparison,
    due: Option<NaiveDate>,
    start: Option<(f64, NaiveDate)>,
    tolerance_pct: f64,
) -> Judgement {
    let trajectory = match (start, due) {
        (Some((b, tb)), Some(due)) => Some(Trajectory {
            start: b,
            start_date: tb,
            goal,
            due,
        }),
        _ => None,
    };
    let expected = trajectory.and_then(|tr| tr.expected(t));
    let status = if comparison.meets(v, goal) {
        Status::Achieved
    } else if due.is_some_and(|due| t >= due) {
        Status::Missed
    } else {
        let allowed = trajectory.map(|tr| tolerance_pct / 100.0 * (tr.goal - tr.start).abs());
        on_trajectory(v, expected, comparison, allowed)
    };
    Judgement { status, expected }
}

/// Before the due date, a figure not meeting the goal: on track if it meets the expected value,
/// at risk if short of it by at most `allowed`, else off track; at risk without a trajectory.
fn on_trajectory(
    v: f64,
    expected: Option<f64>,
    comparison: Comparison,
    allowed: Option<f64>,
) -> Status {
    match (expected, allowed) {
        (Some(e), _) if comparison.meets(v, e) => Status::OnTrack,
        (Some(e), Some(a)) if (e - v).abs() <= a + 1e-9 * a.max(1.0) => Status::AtRisk,
        (Some(_), Some(_)) => Status::OffTrack,
        _ => Status::AtRisk,
    }
}

/// The milestone a figure dated `t` is judged towards: the first due on or after `t`, else the
/// last. `None` without milestones.
pub fn active_milestone(
    dues: impl ExactSizeIterator<Item = NaiveDate>,
    t: NaiveDate,
) -> Option<usize> {
    let n = dues.len();
    let mut dues = dues;
    n.checked_sub(1)
        .map(|last| dues.position(|d| d >= t).unwrap_or(last))
}

/// One milestone resolved to a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub goal: f64,
    pub comparison: Comparison,
    pub due: NaiveDate,
}

/// What the rules say about one value against a plan's milestones.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MilestoneJudgement {
    pub status: Status,
    pub expected: Option<f64>,
    /// The milestone the figure is judged towards: the first due on or after it (else the last).
    pub active: usize,
    /// Whether the figure meets that milestone (before the final one is met).
    pub meets_active: bool,
    /// Whether the figure is dated at the milestone's due date (the milestone is being read).
    pub at_due: bool,
}

/// Judges value `v` at date `t` against milestones in due order (docs/semantics.md section 5;
/// docs/status-rules.md): `achieved` when the final milestone is met, `missed` only once the
/// final due date has come; before it, meeting the current milestone is `on_track`, and
/// otherwise the trajectory runs from the previous milestone (or the start) to the current one,
/// with the at-risk tolerance `tolerance_pct`% of the whole target, |final - start| (without a
/// start, |final - first milestone|), so that a flat step, or one that lets the figure worsen,
/// still has one. An intermediate milestone not met is never `missed`. `v` is the figure as the
/// current milestone judges it and `v_final` as the final one does (they differ only when one
/// is on a gap and the other on the value). `None` without steps.
pub fn judge_milestones(
    (v, v_final): (f64, f64),
    t: NaiveDate,
    steps: &[Step],
    start: Option<(f64, NaiveDate)>,
    tolerance_pct: f64,
) -> Option<MilestoneJudgement> {
    let (first, fin) = (steps.first()?, steps.last()?);
    let active = active_milestone(steps.iter().map(|s| s.due), t)?;
    let cur = steps[active];
    let anchor = match active {
        0 => start,
        i => Some((steps[i - 1].goal, steps[i - 1].due)),
    };
    let expected = anchor.and_then(|(a, ta)| {
        Trajectory {
            start: a,
            start_date: ta,
            goal: cur.goal,
            due: cur.due,
        }
        .expected(t)
    });
    let from = start.map_or(first.goal, |(b, _)| b);
    let allowed = tolerance_pct / 100.0 * (fin.goal - from).abs();
    let meets_active = cur.comparison.meets(v, cur.goal);
    let status = if fin.comparison.meets(v_final, fin.goal) {
        Status::Achieved
    } else if t >= fin.due {
        Status::Missed
    } else if meets_active {
        Status::OnTrack
    } else {
        on_trajectory(v, expected, cur.comparison, anchor.map(|_| allowed))
    };
    Some(MilestoneJudgement {
        status,
        expected,
        active,
        meets_active,
        at_due: t >= cur.due,
    })
}

/// Why a measure shows no progress %.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoProgress {
    /// The target equals the baseline.
    AtBaseline,
    /// The baseline already meets the target (a plan that allows a figure to rise, or fall):
    /// there is no distance to cover, and a percentage of it would read as progress.
    BaselineMeets,
}

impl NoProgress {
    /// The note a report gives.
    pub fn text(self) -> &'static str {
        match self {
            NoProgress::AtBaseline => "No progress %: the target equals the baseline.",
            NoProgress::BaselineMeets => {
                "No progress %: the baseline already meets the target (the target lies on its \
                 worse side), so there is no distance to cover."
            }
        }
    }
}

/// Progress from baseline to target: (v - b) / (T - b) x 100, unclamped; none when T = b or
/// when the baseline already meets the target under `comparison` (the target on the worse
/// side of the baseline). Both scoring paths call this.
pub fn progress_pct(v: f64, b: f64, goal: f64, comparison: Comparison) -> Result<f64, NoProgress> {
    let span = goal - b;
    if span.abs() <= 1e-12 {
        Err(NoProgress::AtBaseline)
    } else if comparison.meets(b, goal) {
        Err(NoProgress::BaselineMeets)
    } else {
        Ok((v - b) / span * 100.0)
    }
}

#[cfg(test)]
mod given_tests {
    use super::*;

    #[test]
    fn an_outcome_without_a_figure() {
        // "not met" at the due date is missed, not no data; before it, at risk.
        assert_eq!(given(Some(false), true, true), Status::Missed);
        assert_eq!(given(Some(false), true, false), Status::AtRisk);
        // An interim milestone not met is never missed.
        assert_eq!(given(Some(false), false, true), Status::AtRisk);
        assert_eq!(given(Some(true), true, false), Status::Achieved);
        assert_eq!(given(Some(true), false, true), Status::OnTrack);
        assert_eq!(given(None, true, true), Status::NoData);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const B: f64 = 32.0;
    const T: f64 = 16.0;

    fn wsoa(v: f64, t: &str) -> Judgement {
        // WSoA area 2 A3: 32% (April 2019) to 16% by May 2020, lower is better.
        judge(
            v,
            d(t),
            T,
            Comparison::AtMost,
            Some(d("2020-05-31")),
            Some((B, d("2019-04-30"))),
            10.0,
        )
    }

    #[test]
    fn semantics_worked_check() {
        // docs/semantics.md section 5: at 2019-10-31 with v = 25%, 184 of 397 days have passed,
        // e = 32 - 16 x 184/397 = 24.58%, shortfall 0.42 <= 1.6, so at risk; progress 43.75%.
        let j = wsoa(25.0, "2019-10-31");
        assert_relative_eq!(j.expected.unwrap(), 32.0 - 16.0 * 184.0 / 397.0);
        assert_relative_eq!(j.expected.unwrap(), 24.58, epsilon = 0.005);
        assert_eq!(j.status, Status::AtRisk);
        assert_relative_eq!(progress_pct(25.0, B, T, Comparison::AtMost).unwrap(), 43.75);
    }

    #[test]
    fn each_status_lower_is_better() {
        assert_eq!(wsoa(16.0, "2019-10-31").status, Status::Achieved);
        assert_eq!(wsoa(24.0, "2019-10-31").status, Status::OnTrack);
        assert_eq!(wsoa(27.0, "2019-10-31").status, Status::OffTrack);
        assert_eq!(wsoa(17.0, "2020-05-31").status, Status::Missed);
        assert_eq!(wsoa(15.0, "2020-05-31").status, Status::Achieved);
    }

    #[test]
    fn each_status_higher_is_better() {
        // WSoA area 11 D2b: GLD for pupils with EHC plans 0.9% (2019) to 4.5% by July 2024.
        let j = |v: f64, t: &str| {
            judge(
                v,
                d(t),
                4.5,
                Comparison::AtLeast,
                Some(d("2024-07-31")),
                Some((0.9, d("2019-12-31"))),
                10.0,
            )
        };
        // 2022-03-31 is 821 of 1,674 days on: e = 0.9 + 3.6 x 821/1674 = 2.6656.
        assert_relative_eq!(
            j(2.7, "2022-03-31").expected.unwrap(),
            0.9 + 3.6 * 821.0 / 1674.0
        );
        assert_eq!(j(2.7, "2022-03-31").status, Status::OnTrack);
        assert_eq!(j(2.4, "2022-03-31").status, Status::AtRisk); // short 0.27 <= 0.36
        assert_eq!(j(2.0, "2022-03-31").status, Status::OffTrack);
        assert_eq!(j(4.6, "2022-03-31").status, Status::Achieved);
        assert_eq!(j(4.4, "2024-07-31").status, Status::Missed);
    }

    #[test]
    fn without_a_baseline_not_met_is_at_risk() {
        let j = judge(
            90.0,
            d("2020-01-31"),
            95.0,
            Comparison::AtLeast,
            Some(d("2020-04-30")),
            None,
            10.0,
        );
        assert_eq!(
            j,
            Judgement {
                status: Status::AtRisk,
                expected: None
            }
        );
    }

    #[test]
    fn the_status_order() {
        use Latest::*;
        // To be developed wins over everything, then the figure, then the target.
        assert_eq!(unjudged(true, Figure, true), Some(Unjudged::ToBeDeveloped));
        assert_eq!(
            unjudged(false, None, true).map(Unjudged::status),
            Some(Status::NoData)
        );
        assert_eq!(
            unjudged(false, Missing, true).map(Unjudged::status),
            Some(Status::NoData)
        );
        assert_eq!(
            unjudged(false, Suppressed, false).map(Unjudged::status),
            Some(Status::Suppressed)
        );
        assert_eq!(
            unjudged(false, Figure, false).map(Unjudged::status),
            Some(Status::NoTarget)
        );
        assert_eq!(unjudged(false, Figure, true), Option::None);
        assert_eq!(Unjudged::Unresolved.status(), Status::NoTarget);
    }

    #[test]
    fn progress_needs_a_span() {
        assert_eq!(
            progress_pct(5.0, 3.0, 3.0, Comparison::AtLeast),
            Err(NoProgress::AtBaseline)
        );
        assert_relative_eq!(
            progress_pct(40.0, 32.0, 16.0, Comparison::AtMost).unwrap(),
            -50.0
        );
        // A plan that lets exclusions rise from 1.0% to at most 1.05%: 1.07% is not "140%
        // progress" beside "missed"; the baseline already meets the target.
        assert_eq!(
            progress_pct(1.07, 1.0, 1.05, Comparison::AtMost),
            Err(NoProgress::BaselineMeets)
        );
    }

    #[test]
    fn milestones_flat_step_tolerance_is_the_whole_target() {
        // Baseline 40 (2023-03-31), lower is better: hold 40 by 2023-09-30 (flat), 20 by
        // 2025-03-31. At the flat milestone 41 is short by 1; the tolerance is 10% of
        // |20 - 40| = 2, not 10% of the flat step's 0: at risk. Never missed before 2025-03-31.
        let steps = [
            Step {
                goal: 40.0,
                comparison: Comparison::AtMost,
                due: d("2023-09-30"),
            },
            Step {
                goal: 20.0,
                comparison: Comparison::AtMost,
                due: d("2025-03-31"),
            },
        ];
        let j = |v: f64, t: &str| {
            judge_milestones((v, v), d(t), &steps, Some((40.0, d("2023-03-31"))), 10.0).unwrap()
        };
        let at = j(41.0, "2023-09-30");
        assert_eq!(
            (at.status, at.expected, at.active, at.at_due),
            (Status::AtRisk, Some(40.0), 0, true)
        );
        assert_eq!(j(43.0, "2023-09-30").status, Status::OffTrack);
        assert_eq!(j(21.0, "2025-03-31").status, Status::Missed);
        assert_eq!(
            judge_milestones((1.0, 1.0), d("2024-01-01"), &[], None, 10.0),
            None
        );
    }

    proptest! {
        /// Before the final due date no figure is missed, whatever the milestones.
        #[test]
        fn no_missed_before_the_final_due_date(
            goals in prop::collection::vec(-100.0f64..100.0, 1..6),
            v in -200.0f64..200.0, t in 0i64..2000, b in -100.0f64..100.0, higher in any::<bool>(),
        ) {
            let day0 = d("2020-01-01");
            let at = |n: i64| day0 + chrono::Duration::days(n);
            let cmp = if higher { Comparison::AtLeast } else { Comparison::AtMost };
            let steps: Vec<Step> = goals.iter().enumerate()
                .map(|(i, &goal)| Step { goal, comparison: cmp, due: at(300 * (i as i64 + 1)) })
                .collect();
            let last = steps[steps.len() - 1].due;
            let j = judge_milestones((v, v), at(t), &steps, Some((b, day0)), 10.0).unwrap();
            prop_assert!(at(t) >= last || j.status != Status::Missed);
            prop_assert!(j.expected.is_none_or(f64::is_finite));
        }

        /// Mirroring polarity (the comparison) and negating every value gives the same status.
        #[test]
        fn mirroring_polarity_and_values_mirrors_status(
            v in -1e6f64..1e6, goal in -1e6f64..1e6, b in -1e6f64..1e6,
            t in 0i64..1000, due in 1i64..1000, tol in 0.0f64..50.0, higher in any::<bool>(),
        ) {
            let day0 = d("2019-01-01");
            let cmp = if higher { Comparison::AtLeast } else { Comparison::AtMost };
            let at = |n: i64| day0 + chrono::Duration::days(n);
            let a = judge(v, at(t), goal, cmp, Some(at(due)), Some((b, day0)), tol);
            let m = judge(-v, at(t), -goal, cmp.mirrored(), Some(at(due)), Some((-b, day0)), tol);
            prop_assert_eq!(a.status, m.status);
            if let (Some(x), Some(y)) = (a.expected, m.expected) {
                prop_assert!((x + y).abs() <= 1e-6 * x.abs().max(1.0));
            }
        }

        #[test]
        fn judging_never_yields_nan(
            v in -1e12f64..1e12, goal in -1e12f64..1e12, b in -1e12f64..1e12,
            t in -100i64..1000, due in -100i64..1000,
        ) {
            let day0 = d("2019-01-01");
            let at = |n: i64| day0 + chrono::Duration::days(n);
            let j = judge(v, at(t), goal, Comparison::AtLeast, Some(at(due)), Some((b, day0)), 10.0);
            prop_assert!(j.expected.is_none_or(f64::is_finite));
            prop_assert!(progress_pct(v, b, goal, Comparison::AtLeast).map_or(true, f64::is_finite));
        }
    }
}
