"""betteroff.spc_table: SPC of many series at once from Arrow columns (issue 8's fast path)."""

import json
from typing import Any, Dict, List

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import betteroff
from conftest import ROOT


def test_hand_worked_limits_and_rules() -> None:
    # Series "a": 10, 12, 10, 12, ... (20 points): mean 11, every moving range 2, so the limits
    # are 11 +/- 2.66 x 2 = 5.68 and 16.32, and nothing is special. Series "b": one point, no
    # moving range, so no limits (null) and common cause; its centre line is the point itself, 3, as
    # in NHSRplotthedots (tests/reference/spc-reference-cases.json, one-point). Series "c": 1 .. 8, one step up each
    # month: mean 4.5, moving range 1, limits 1.84 and 7.16; all 8 points are in a 7-point
    # trend, but 1 and 8 lie outside the limits, which takes precedence.
    t = pa.table(
        {
            "series": ["a"] * 20 + ["b"] + ["c"] * 8,
            "value": [10.0, 12.0] * 10 + [3.0] + [float(i) for i in range(1, 9)],
        }
    )
    out = betteroff.spc_table(t)
    assert isinstance(out, pa.Table)
    assert out.column_names == ["series", "value", "mean", "lower", "upper", "rule", "point_type"]
    assert out.column("upper")[0].as_py() == pytest.approx(16.32)
    assert out.column("lower")[19].as_py() == pytest.approx(5.68)
    assert out.column("mean")[20].as_py() == 3.0
    assert out.column("upper")[20].as_py() is None
    assert set(out.column("rule").to_pylist()[:21]) == {"common_cause"}
    assert out.column("rule").to_pylist()[21:] == ["below_lcl"] + ["trend_increasing"] * 6 + ["above_ucl"]
    assert out.column("point_type").to_pylist()[21:] == ["special_cause_concern"] + ["special_cause_improvement"] * 7
    assert out.column("mean")[28].as_py() == pytest.approx(4.5)
    low = betteroff.spc_table(t, polarity="lower_is_better")
    assert low.column("point_type").to_pylist()[28] == "special_cause_concern"


def _vectors() -> List[Dict[str, Any]]:
    """Every measure with SPC in the golden JSON vectors (limits not fixed early)."""
    found = []
    for path in sorted((ROOT / "tests/vectors").glob("*.json")):
        if path.name == "manifest.json":
            continue
        for m in json.loads(path.read_text())["measures"]:
            spc = m.get("spc")
            if spc and spc["options"]["fix_after"] is None:
                found.append({"file": path.name, **m})
    return found


def test_equals_the_scorecard_path() -> None:
    # The batch path must give every point the figures the scorecard's JSON report gives it.
    # A rebased measure's groups are separate processes: each is a series of its own.
    measures = _vectors()
    assert len(measures) == 3  # Dudley 9.A1 at two dates, Stockton's monthly EHCP timeliness
    for polarity in ("higher_is_better", "lower_is_better", "neutral"):
        chosen = [m for m in measures if m["polarity"] == polarity]
        if not chosen:
            continue
        rows = [(f'{m["file"]}/{m["id"]}/{p["group"]}', p) for m in chosen for p in m["spc"]["points"]]
        t = pa.table({"series": [k for k, _ in rows], "value": [p["value"] for _, p in rows]})
        out = betteroff.spc_table(t, polarity=polarity).to_pylist()
        for got, (key, p) in zip(out, rows):
            assert (got["rule"], got["point_type"]) == (p["rule"], p["point_type"]), key
            for f in ("mean", "lower", "upper"):
                if p[f] is None:
                    assert got[f] is None, key
                else:
                    assert got[f] == pytest.approx(p[f], abs=1e-6), (key, f)


def test_pandas_polars_and_integer_series_agree() -> None:
    values = [5.0, 7.0, 6.0, 30.0, 6.0, 5.0, 7.0, 6.0] * 2
    ids = [1] * 8 + [2] * 8
    via_arrow = betteroff.spc_table(pa.table({"series": ids, "value": values}))
    # Series 1: mean 72 / 8 = 9; moving ranges 2, 1, 24, 24, 1, 2, 1, mean 55 / 7 (none reaches
    # 3.267 times it, so none is screened out); upper limit 9 + 2.66 x 55 / 7 = 29.90 < 30.
    assert via_arrow.column("rule")[3].as_py() == "above_ucl"
    for table in (pd.DataFrame({"series": ids, "value": values}), pl.DataFrame({"series": ids, "value": values})):
        out = betteroff.spc_table(table)
        assert out.column("rule").to_pylist() == via_arrow.column("rule").to_pylist()
        assert out.column("upper").to_pylist() == via_arrow.column("upper").to_pylist()
    names = betteroff.spc_table(pl.DataFrame({"area": ["E06000004"] * 8, "v": values[:8]}), series="area", value="v")
    assert names.column_names[:2] == ["area", "v"]
    assert names.column("rule").to_pylist() == via_arrow.column("rule").to_pylist()[:8]


def test_bad_tables_name_the_problem() -> None:
    with pytest.raises(betteroff.UsageError, match="no column 'value' \\(its columns: series, v\\)"):
        betteroff.spc_table(pa.table({"series": [1], "v": [1.0]}))
    with pytest.raises(betteroff.DataError, match="row 2: field \"value\": the value is missing") as e:
        betteroff.spc_table(pa.table({"series": [1, 1], "value": [1.0, None]}))
    assert e.value.errors[0]["row"] == 2
    with pytest.raises(betteroff.UsageError, match="series 'a' appears again at row 3"):
        betteroff.spc_table(pa.table({"series": ["a", "b", "a"], "value": [1.0, 2.0, 3.0]}))
    with pytest.raises(betteroff.UsageError, match="values must be numbers"):
        betteroff.spc_table(pa.table({"series": [1], "value": ["7"]}))
    with pytest.raises(betteroff.UsageError, match="polarity must be"):
        betteroff.spc_table(pa.table({"series": [1], "value": [1.0]}), polarity="up")
    with pytest.raises(betteroff.DataError, match="not a finite number"):
        betteroff.spc_table(pa.table({"series": [1, 1], "value": [1.0, float("inf")]}))


def test_presets_reproduce_other_tools_defaults() -> None:
    # 0, 1 six times: mean 0.5, every moving range 1. NHSRplotthedots (the default) puts the
    # upper limit at 0.5 + 2.66; abspc at 0.5 + 3 / 1.128 (and never screens moving ranges).
    t = pa.table({"series": [1] * 12, "value": [0.0, 1.0] * 6})
    upper = lambda **k: betteroff.spc_table(t, **k).column("upper")[0].as_py()  # noqa: E731
    assert upper() == 0.5 + 2.66
    assert upper(preset="nhsr_plotthedots") == 0.5 + 2.66
    assert upper(preset="abspc") == 0.5 + 3 / 1.128
    # The Power BI SPC visual's 5-point trend: 0.1 to 0.5 after 0, 1 four times (by hand: mean
    # 0.40625, mean moving range 0.72, nothing near the limits, no run of 7 on one side).
    rising = pa.table({"series": [1] * 16, "value": [0.0, 1.0] * 4 + [0.1, 0.2, 0.3, 0.4, 0.5, 0.0, 1.0, 0.0]})
    rule = lambda **k: betteroff.spc_table(rising, **k).column("rule").to_pylist()  # noqa: E731
    assert set(rule()) == {"common_cause"}
    assert rule(preset="powerbi_spc") == ["common_cause"] * 8 + ["trend_increasing"] * 5 + ["common_cause"] * 3
    with pytest.raises(betteroff.UsageError, match='unknown SPC preset "powerbi": expected nhsr_plotthedots, mdc_excel, abspc, powerbi_spc'):
        betteroff.spc_table(t, preset="powerbi")
