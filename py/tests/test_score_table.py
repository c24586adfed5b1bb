"""betteroff.score_table: full batch scoring of every area and measure from Arrow columns."""

from typing import Any, Dict, List

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import betteroff
from conftest import ROOT

# Dudley WSoA area 2 A3 (tests/fixtures/batch/wsoa-a3.toml, semantics section 5), with two more
# measures: one with a top-quartile target among the areas, one with none.
DEFINITION = (ROOT / "tests/fixtures/batch/wsoa-a3.toml").read_text() + """
[[sections.measures]]
id = "Q"
name = "Plans issued within 20 weeks"
kind = "how_well"
unit = "percentage"
polarity = "higher_is_better"
target = { kind = "quartile", group = "la" }
[[sections.measures]]
id = "N"
name = "Requests for assessment"
kind = "how_much"
unit = "count"
polarity = "neutral"
"""

# Illustrative figures for four areas, September and October 2019 (area 4's October A3a
# figure is missing).
A3 = {1: (26.0, 25.0), 2: (30.0, 24.0), 3: (31.0, 27.0), 4: (28.0, None)}
Q = {1: (50.0, 60.0), 2: (55.0, 70.0), 3: (40.0, 80.0), 4: (45.0, 90.0)}


def rows() -> Dict[str, List[Any]]:
    out: Dict[str, List[Any]] = {"area": [], "measure": [], "period": [], "value": []}
    for a in (1, 2, 3, 4):
        for m, figures in (("A3a", A3[a]), ("Q", Q[a]), ("N", (100.0 + a, 110.0 + a))):
            for p, v in zip(("2019-09", "2019-10"), figures):
                out["area"].append(f"LA{a}")
                out["measure"].append(m)
                out["period"].append(p)
                out["value"].append(v)
    return out


@pytest.fixture
def card() -> betteroff.Scorecard:
    return betteroff.Scorecard.from_toml(DEFINITION)


def test_hand_worked_statuses_quartiles_and_ranks(card: betteroff.Scorecard) -> None:
    out = betteroff.score_table(pa.table(rows()), card)
    assert isinstance(out, pa.Table)
    assert out.num_rows == 12
    d = out.to_pandas().set_index(["area", "measure"])
    # At 2019-10, 184 of 397 days on: expected 32 - 16 x 184/397 = 24.58; 25 is short by 0.42
    # <= 1.6 (10% of the 16-point span): at risk; 24 meets it; 27 is short by 2.42: off track;
    # area 4's missing October figure: no data.
    a3 = d.xs("A3a", level="measure")
    assert list(a3["status"].astype(str)) == ["at_risk", "on_track", "off_track", "no_data"]
    assert a3.loc["LA1", "expected"] == pytest.approx(32 - 16 * 184 / 397)
    assert a3.loc["LA1", "target"] == 16 and a3.loc["LA1", "progress_pct"] == 43.75
    # October's A3a figures 24, 25, 27: R's quantile type 7 gives 24.5, 25, 26; 25 is band B
    # (lower is better) and rank 2. Area 4, without an October figure, is benchmarked at
    # October all the same (LAIT's rule: the latest period with figures): the others'
    # quartiles, no band.
    assert (a3.loc["LA1", "q1"], a3.loc["LA1", "median"], a3.loc["LA1", "q3"]) == (24.5, 25, 26)
    assert (a3.loc["LA1", "band"], a3.loc["LA1", "rank"], a3.loc["LA1", "areas"]) == ("B", 2, 3)
    assert (a3.loc["LA4", "benchmark_period"], a3.loc["LA4", "q1"], a3.loc["LA4", "q3"]) == ("2019-10", 24.5, 26)
    assert pd.isna(a3.loc["LA4", "band"]) and pd.isna(a3.loc["LA4", "rank"])
    # Quartile target on October's 60, 70, 80, 90 (higher is better): the 75th percentile, at
    # h = 3 x 0.75 = 2.25, is 80 + 0.25 x 10 = 82.5. 90 meets it; the others have no baseline,
    # so a target not yet met is at risk. Bands: Q1 67.5, median 75, Q3 82.5.
    q = d.xs("Q", level="measure")
    assert list(q["target"]) == [82.5] * 4
    assert list(q["status"].astype(str)) == ["at_risk", "at_risk", "at_risk", "achieved"]
    assert list(q["rank"]) == [4, 3, 2, 1] and list(q["band"]) == ["D", "C", "B", "A"]
    # No target: no_target; a neutral measure has no band or rank, but has quartiles.
    n = d.xs("N", level="measure")
    assert set(n["status"].astype(str)) == {"no_target"}
    assert n["band"].isna().all() and n["rank"].isna().all() and n["median"].notna().all()


def test_pandas_polars_dictionary_and_plain_text_give_the_same_table(card: betteroff.Scorecard) -> None:
    base = betteroff.score_table(pa.table(rows()), card)
    df = pd.DataFrame(rows())
    categorical = df.astype({"area": "category", "measure": "category", "period": "category"})
    for source in (df, categorical, pl.DataFrame(rows()), pl.from_pandas(categorical)):
        out = betteroff.score_table(source, card)
        for name in out.column_names:
            if name not in ("area", "measure"):
                assert out.column(name).to_pylist() == base.column(name).to_pylist(), name
        assert [str(x) for x in out.column("area").to_pylist()] == base.column("area").to_pylist()
    # Areas named by number are kept as numbers.
    numbered = df.assign(area=df["area"].str[2:].astype(int))
    assert betteroff.score_table(numbered, card).column("area").to_pylist()[:3] == [1, 1, 1]


def test_points_give_each_rows_rule(card: betteroff.Scorecard) -> None:
    out = betteroff.score_table(pa.table(rows()), card, points=True)
    assert out.column_names == ["area", "measure", "period", "value", "rule", "point_type"]
    assert out.num_rows == 24
    # Two points per series are fewer than the 12 SPC needs: no rule anywhere.
    assert out.column("rule").null_count == 24


def test_bad_input_is_refused_with_the_row(card: betteroff.Scorecard) -> None:
    r = rows()
    r["measure"][5] = "NOPE"
    with pytest.raises(betteroff.DataError, match="row 6: field \"measure\": the scorecard has no measure 'NOPE'"):
        betteroff.score_table(pa.table(r), card)
    r = rows()
    r["period"][0], r["period"][1] = "2019-10", "2019-09"
    with pytest.raises(betteroff.DataError, match="row 2: field \"period\": 2019-09 does not follow 2019-10"):
        betteroff.score_table(pa.table(r), card)
    with pytest.raises(betteroff.UsageError, match="the table has no column 'region'"):
        betteroff.score_table(pa.table(rows()), card, area="region")
    direction = DEFINITION.replace('{ kind = "quartile", group = "la" }', '{ kind = "direction" }')
    with pytest.raises(betteroff.UsageError, match="batch scoring does not take a direction-only target"):
        betteroff.score_table(pa.table(rows()), betteroff.Scorecard.from_toml(direction))


def test_equals_the_scorecard_scored_area_by_area(card: betteroff.Scorecard) -> None:
    # Area LA1's own scorecard, with the other areas as comparator group "la", gives the same
    # status, target, expected value, quartiles, band and rank as the batch.
    r = pd.DataFrame(rows())
    own, others = r[r["area"] == "LA1"], r[(r["area"] != "LA1") & r["value"].notna()]
    obs = own.assign(flag=own["value"].isna().map({True: "missing", False: ""}))[["measure", "period", "value", "flag"]]
    cmp = others.rename(columns={"area": "comparator"}).assign(group="la")
    report = (
        betteroff.Scorecard.from_toml(DEFINITION)
        .add_observations(obs)
        .add_comparators(cmp[["measure", "period", "comparator", "group", "value"]])
        .score(as_of="2019-10", disclosure_control=False)
        .to_dict()
    )
    batch = betteroff.score_table(pa.table(rows()), card).to_pandas()
    batch = batch[batch["area"] == "LA1"].set_index("measure")
    for m in report["measures"]:
        b = batch.loc[m["id"]]
        assert str(b["status"]) == m["status"], m["id"]
        assert (m["target"] or {}).get("value") == (None if pd.isna(b["target"]) else round(b["target"], 6))
        assert m["expected"] == (None if pd.isna(b["expected"]) else round(b["expected"], 6))
        bench = m["benchmark"]
        assert (bench["q1"], bench["median"], bench["q3"]) == (b["q1"], b["median"], b["q3"])
        assert bench["band"] == (None if pd.isna(b["band"]) else b["band"])
        assert bench["rank"] == (None if pd.isna(b["rank"]) else b["rank"])


def test_comparator_targets_read_the_named_figures() -> None:
    # "Match England" (higher is better) on measure Q: England's October figure is 75. Areas at
    # 80 and 90 meet it; 60 and 70 do not and, with no baseline, are at risk. Without the
    # comparators table the target cannot be resolved: no target, as in the scorecard.
    text = DEFINITION.replace('{ kind = "quartile", group = "la" }', '{ kind = "comparator", comparator = "England" }')
    card = betteroff.Scorecard.from_toml(text)
    england = pd.DataFrame({"measure": ["Q", "Q"], "period": ["2019-09", "2019-10"],
                            "comparator": ["England", "England"], "value": [47.5, 75.0]})
    out = betteroff.score_table(pa.table(rows()), card, comparators=england).to_pandas()
    q = out[out["measure"] == "Q"]
    assert list(q["target"]) == [75.0] * 4
    assert list(q["status"].astype(str)) == ["at_risk", "at_risk", "achieved", "achieved"]
    bare = betteroff.score_table(pa.table(rows()), card).to_pandas()
    assert set(bare[bare["measure"] == "Q"]["status"].astype(str)) == {"no_target"}
    with pytest.raises(betteroff.DataError, match="row 2: field \"comparator\": a second figure for comparator 'England'"):
        betteroff.score_table(pa.table(rows()), card, comparators=england.assign(period="2019-10"))
    # "Close the gap to England": the figure judged is the gap, value - 75: -15, -5, 5, 15
    # against a goal of 0 (higher is better): the last two are achieved.
    text = DEFINITION.replace('{ kind = "quartile", group = "la" }', '{ kind = "gap", comparator = "England", value = 0 }')
    gap = betteroff.score_table(pa.table(rows()), betteroff.Scorecard.from_toml(text), comparators=england).to_pandas()
    q = gap[gap["measure"] == "Q"]
    assert list(q["judged"]) == [-15.0, -5.0, 5.0, 15.0] and list(q["target"]) == [0.0] * 4
    assert list(q["status"].astype(str)) == ["at_risk", "at_risk", "achieved", "achieved"]
    assert q["forecast_at_due"].isna().all()  # no forecast of a gap, as in the scorecard


def test_disclosure_control_as_in_the_scorecard() -> None:
    # A count of children: area 1's October figure, 3, is a small count (1 to 4), so it is
    # withheld and the series is "suppressed" (and area 1 drops out of October's benchmark
    # group); area 2's 12 is published. Without control (internal use) the 3 is scored.
    card = betteroff.Scorecard.from_toml(
        'id = "c"\ntitle = "C"\n[[sections]]\nid = "s"\ntitle = "S"\nkind = "service"\n'
        '[[sections.measures]]\nid = "K"\nname = "Children"\nkind = "better_off"\n'
        'unit = "count"\npolarity = "lower_is_better"\n'
    )
    table = pa.table({"area": [1, 1, 2, 2], "measure": ["K"] * 4,
                      "period": ["2019-09", "2019-10"] * 2, "value": [10.0, 3.0, 11.0, 12.0]})
    out = betteroff.score_table(table, card).to_pandas().set_index("area")
    assert out.loc[1, "status"] == "suppressed"
    assert pd.isna(out.loc[1, "value"])
    assert out.loc[2, "status"] == "no_target" and out.loc[2, "value"] == 12.0
    # October's published group is area 2 alone, so area 2 is benchmarked on September: 10
    # and 11 give quartiles 10.25, 10.5, 10.75 (R type 7); 11 is band D, rank 2.
    assert out.loc[2, "benchmark_value"] == 11.0
    assert (out.loc[2, "q1"], out.loc[2, "median"], out.loc[2, "q3"]) == (10.25, 10.5, 10.75)
    assert (out.loc[2, "band"], out.loc[2, "rank"]) == ("D", 2)
    raw = betteroff.score_table(table, card, disclosure_control=False).to_pandas().set_index("area")
    assert raw.loc[1, "value"] == 3.0 and raw.loc[1, "status"] == "no_target"
    assert raw.loc[2, "benchmark_value"] == 12.0


def test_dictionary_keys_beyond_the_dictionary_are_refused(card: betteroff.Scorecard) -> None:
    # An invalid Arrow dictionary array (built without validation): its third key points past
    # the one text. A clear error naming the row, never an invalid output table.
    measure = pa.DictionaryArray.from_arrays(pa.array([0, 0, 7], pa.int32()), pa.array(["A3a"]), safe=False)
    table = pa.table({"area": [1, 1, 2], "measure": measure,
                      "period": ["2019-09", "2019-10", "2019-09"], "value": [26.0, 25.0, 30.0]})
    with pytest.raises(betteroff.DataError, match="row 3: field \"measure\": dictionary key 7 is beyond"):
        betteroff.score_table(table, card)
