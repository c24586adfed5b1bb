"""Checked with `mypy --strict`: the public API is typed (py.typed and the native stubs)."""

from typing import Any, Dict, List

import betteroff


def figures() -> List[Dict[str, Any]]:
    card: betteroff.Scorecard = betteroff.Scorecard.load("examples/dudley-wsoa")
    card.add_observations([{"measure": "9.A1", "period": "2020-06", "value": 6500}])
    report: betteroff.Report = card.score(as_of="2020-06")
    chart: betteroff.Chart = report.chart("9.A1")
    svg: str = chart.svg
    data: Dict[str, Any] = report.to_dict()
    steps: List[Dict[str, Any]] = betteroff.project_demand(1568.0, {"2020": 1.9})
    period: Dict[str, str] = betteroff.parse_period("2019/20")
    try:
        betteroff.Scorecard.from_toml("id = 1")
    except betteroff.FormatError as e:
        problems = e.errors
        assert isinstance(problems, list)
    assert svg and data and period
    return steps
