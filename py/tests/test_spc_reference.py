"""NHSRplotthedots 0.2.2's own answers (tests/reference/spc-reference-cases.json) through
betteroff.spc_table and Scorecard, as core/tests/spc_reference.rs checks them in Rust. Where
betteroff keeps a documented difference (docs/statistics.md), the expected value says so."""

import json
from typing import Any, Dict, List, Optional

import pyarrow as pa
import pytest

import betteroff
from conftest import ROOT

CASES: List[Dict[str, Any]] = json.loads((ROOT / "tests/reference/spc-reference-cases.json").read_text())["cases"]

# NHSRplotthedots' rule text -> betteroff's rule key.
RULE_KEYS = {
    "Above UCL": "above_ucl",
    "Below LCL": "below_lcl",
    "7 Point Trend (Increasing)": "trend_increasing",
    "7 Point Trend (Decreasing)": "trend_decreasing",
    "2 in 3 Above CL": "two_in_three_above",
    "2 in 3 Below CL": "two_in_three_below",
    "7 Points Above CL": "shift_above",
    "7 Points Below CL": "shift_below",
    "Common Cause": "common_cause",
}
POLARITY = {"increase": "higher_is_better", "decrease": "lower_is_better", "neutral": "neutral"}


def expected_assurance(case: Dict[str, Any]) -> Optional[str]:
    """The package's icon, except with no limits, where it compares the target with NA and says
    "inconsistent": betteroff gives no icon (docs/statistics.md)."""
    e = case["expected"]
    if e["upl"] is None and e["assurance"] == "inconsistent":
        return None
    result: Optional[str] = e["assurance"]
    return result


def close(a: Optional[float], b: Optional[float], tol: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol


def r6(x: Optional[float]) -> Optional[float]:
    return None if x is None else round(x * 1e6) / 1e6


def test_there_are_ten_cases() -> None:
    assert len(CASES) == 10


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_spc_table(case: Dict[str, Any]) -> None:
    e = case["expected"]
    t = pa.table({"series": [1] * len(case["values"]), "value": case["values"]})
    out = betteroff.spc_table(
        t,
        polarity=POLARITY[case["improvement_direction"]],
        screen_outliers=case["screen_outliers"],
        fix_after=case["fix_after_n_points"],
    ).to_pylist()
    assert [r["rule"] for r in out] == [RULE_KEYS[r] for r in e["rule"]]
    assert [r["point_type"] for r in out] == e["point_types"]
    for i, r in enumerate(out):
        assert close(r["mean"], e["mean_per_point"][i], 1e-12), i
        assert close(r["lower"], e["lpl_per_point"][i], 1e-12), i
        assert close(r["upper"], e["upl_per_point"][i], 1e-12), i


def scorecard(case: Dict[str, Any]) -> Dict[str, Any]:
    """The case as a one-measure monthly scorecard from 2020-01, scored at its last month."""
    month = lambda i: f"{2020 + i // 12}-{i % 12 + 1:02d}"  # noqa: E731
    spc = [f"fix_after = {case['fix_after_n_points']}"] if case["fix_after_n_points"] else []
    target = f'target = {{ kind = "absolute", value = {case["target"]!r} }}\n' if case["target"] is not None else ""
    definition = (
        'id = "ref"\ntitle = "Reference cases"\nnotes = ["Illustrative figures: NHSRplotthedots\' reference cases."]\n'
        f"[analysis]\nspc_min_points = 2\nspc_screen_outliers = {str(case['screen_outliers']).lower()}\n"
        '[[sections]]\nid = "s"\ntitle = "S"\nkind = "service"\n'
        '[[sections.measures]]\nid = "m"\nname = "M"\nkind = "how_well"\nunit = "score"\n'
        f'polarity = "{POLARITY[case["improvement_direction"]]}"\nfrequency = "monthly"\n{target}'
        f"spc = {{ {', '.join(spc)} }}\n"
    )
    card = betteroff.Scorecard.from_toml(definition)
    card.add_observations([{"measure": "m", "period": month(i), "value": v} for i, v in enumerate(case["values"])])
    measure: Dict[str, Any] = card.score(month(len(case["values"]) - 1)).to_dict()["measures"][0]
    return measure


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_scorecard(case: Dict[str, Any]) -> None:
    e = case["expected"]
    m = scorecard(case)
    if len(case["values"]) < 2:
        # A scorecard gives SPC to series of at least 2 figures, and says why not.
        assert m["spc"] is None and m["spc_missing"].startswith("No SPC: 1 figure(s)")
        return
    s = m["spc"]
    assert [p["rule_text"] for p in s["points"]] == e["rule"]
    assert [p["point_type"] for p in s["points"]] == e["point_types"]
    # The report rounds every figure to 6 decimals (the JSON contract).
    assert [p["mean"] for p in s["points"]] == [r6(v) for v in e["mean_per_point"]]
    assert [p["lower"] for p in s["points"]] == [r6(v) for v in e["lpl_per_point"]]
    assert [p["upper"] for p in s["points"]] == [r6(v) for v in e["upl_per_point"]]
    assert s["variation"] == e["variation"]
    assert s["assurance"] == expected_assurance(case)
