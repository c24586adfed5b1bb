"""Plans as councils write them (issue 20), from Python: figures over windows and figures given
only as a bound or an outcome, the same as the Rust tests (core/tests/plans.rs) find."""

import pandas as pd

import betteroff
from conftest import ROOT


def test_windows_are_labelled_and_never_joined() -> None:
    # The KPI is the rolling 12 months: 52% in the 12 months to December 2024 against a
    # trajectory asking 54.58% (38% to 60% over the year to March 2025): off track, with the
    # calendar year and the latest financial year to date shown beside it, not judged.
    report = betteroff.Scorecard.load(ROOT / "examples/timeliness-plan").score("2024-12")
    m = next(m for m in report.to_dict()["measures"] if m["id"] == "ehc20")
    assert m["window"] == {"kind": "rolling", "months": 12}
    assert (m["period_label"], m["value"], m["status"]) == ("12 months to Dec 2024", 52.0, "off_track")
    assert [w["label"] for w in m["other_windows"]] == ["calendar year 2024", "Apr to Dec 2024, financial year to date"]
    assert [p["value"] for p in m["series"]] == [38.0, 41.0, 45.0, 52.0]
    frame = report.to_pandas().set_index("id")
    assert frame.loc["ehc20", "window"] == "rolling_12_months"
    assert frame.loc["ehc20", "period_label"] == "12 months to Dec 2024"
    assert "52% (12 months to Dec 2024)" in report.to_text()


def test_a_bound_or_an_outcome_in_place_of_a_figure() -> None:
    # "< 60%" at the final milestone (at least 70% by 2024-Q3): missed, with no value.
    report = betteroff.Scorecard.load(ROOT / "examples/kpi-plan").score("2024-Q3")
    frame = report.to_pandas().set_index("id")
    assert frame.loc["ehc20", "given"] == "< 60%"
    assert frame.loc["ehc20", "status"] == "missed"
    assert frame.loc["ehc20", "value"] != frame.loc["ehc20", "value"]  # NaN: no figure
    # The same from a DataFrame whose value column mixes figures and words, as a plan's is.
    obs = pd.DataFrame({
        "measure": ["ehc20", "ehc20", "ehc20", "ehc20"],
        "period": ["2023-Q1", "2023-Q3", "2024-Q1", "2024-Q3"],
        "value": ["38", "52", "not met", "< 60%"],
    })
    card = betteroff.Scorecard.from_toml((ROOT / "examples/kpi-plan/scorecard.toml").read_text())
    card.add_observations(obs)
    at_q1 = next(m for m in card.score("2024-Q1").to_dict()["measures"] if m["id"] == "ehc20")
    # "not met" at an interim milestone: at risk, never missed before the final one.
    assert (at_q1["given"], at_q1["status"]) == ("not met", "at_risk")
