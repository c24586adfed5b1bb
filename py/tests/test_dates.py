"""Dates as Excel and pandas write monthly figures, through Python (core/tests/dates.rs holds
the same cases in Rust): a monthly measure reads a pandas datetime64 column as its months, with
the status and expected value of the tidy spelling; without a frequency the report says how it
read them. WSoA area 2 A3: 32% (April 2019) to 16% by May 2020; 25% in October 2019 is expected
24.58%, at risk, progress 43.75%."""

from typing import Any, Dict, Optional

import pandas as pd
import pytest

import betteroff
from conftest import ROOT

CARD = (ROOT / "tests/fixtures/minimal/scorecard.toml").read_text()


def measure(frequency: Optional[str], periods: Any) -> Dict[str, Any]:
    text = CARD if frequency is None else CARD.replace(
        'polarity = "lower_is_better"\n', f'polarity = "lower_is_better"\nfrequency = "{frequency}"\n'
    )
    card = betteroff.Scorecard.from_toml(text)
    card.add_observations(pd.DataFrame({"measure": ["m", "m"], "period": periods, "value": [32, 25]}))
    result: Dict[str, Any] = card.score("2019-10").to_dict()["measures"][0]
    return result


def test_datetime64_months_score_as_the_months() -> None:
    tidy = measure("monthly", ["2019-04", "2019-10"])
    assert (tidy["status"], tidy["expected"], tidy["progress_pct"]) == ("at_risk", 24.584383, 43.75)
    for periods in (pd.to_datetime(["2019-04-01", "2019-10-01"]), pd.to_datetime(["2019-04-30", "2019-10-31"]),
                    ["2019-04-30T00:00:00", "2019-10-31T00:00:00"]):
        got = measure("monthly", periods)
        assert (got["status"], got["expected"], got["progress_pct"], got["period"]) == ("at_risk", 24.584383, 43.75, "2019-10")


def test_without_a_frequency_the_report_says_how_dates_were_read() -> None:
    got = measure(None, pd.to_datetime(["2019-04-01", "2019-10-01"]))
    assert (got["status"], got["expected"]) == ("at_risk", 24.584383)
    assert any(n.startswith("No frequency is given; the figures are dated on the first of their months") for n in got["notes"])


def test_a_quarter_in_a_monthly_measure_is_refused_naming_the_row() -> None:
    with pytest.raises(betteroff.PeriodError, match=r'row 2: field "period": measure "m" is monthly, and 2019-Q3 is a quarter'):
        measure("monthly", ["2019-04", "2019-Q3"])


def test_percentages_given_as_proportions_are_refused_against_a_stated_target() -> None:
    text = CARD.replace('target = { kind = "relative", change = -50, due = "2020-05" }',
                        'target = { kind = "absolute", value = 16, due = "2020-05" }')
    card = betteroff.Scorecard.from_toml(text)
    card.add_observations([{"measure": "m", "period": "2019-04", "value": 0.32}, {"measure": "m", "period": "2019-10", "value": 0.25}])
    with pytest.raises(betteroff.DataError, match=r"its figures are all between 0 and 1 \(0\.32, 0\.25\), but its target is 16"):
        card.score("2019-10")


def test_warnings_are_listed_and_refused_when_strict() -> None:
    card = betteroff.Scorecard.from_toml(CARD)
    card.add_observations([{"measure": "m", "period": "2019-04-15", "value": 32}, {"measure": "m", "period": "2019-10-20", "value": 25}])
    report = card.score("2019-10").to_dict()
    assert [w["code"] for w in report["warnings"]] == ["baseline_missing"]
    with pytest.raises(betteroff.DataError, match="warning baseline_missing, refused in a strict run"):
        card.score("2019-10", strict=True)
