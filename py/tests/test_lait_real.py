"""Benchmarking on LAIT's own real data (../shared/data/lait: every local authority, every
indicator with a polarity, all years) against LAIT's published rules, through score_table (the
batch path) and Scorecard (the scorecard path).

The expected figures are LAIT's rules written out here from its R code
(dfe-analytical-services/local-authority-interactive-tool, R/fn_analysis.R and
R/lait_modules/mod_la_lvl_table.R): values "-", "c" and ".." are missing; the local authorities
are the areas whose LA number is below 970; every authority is benchmarked at the indicator's
latest year (`slice_max(Years)` over the authorities' rows); quartiles by R's default
`quantile(na.rm = TRUE)`, type 7, written as R computes it; bands with intervals closed above in
ascending value for both polarities (`calculate_quartile_band`); ranks with ties taking the
lowest rank; the statistical neighbours' average `mean(values_num, na.rm = TRUE)` over the ten
neighbours of sn_may_2025.xlsx; the change from the previous year, the latest row less the one
before it whatever the gap (`calculate_change_from_prev_yr`). These functions were checked
against LAIT's own R code run on the same files (docs/statistics.md). Skipped, with the reason,
only where ../shared is absent.
"""

import math
from typing import Any, Dict, List, Optional, Tuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import betteroff
from conftest import ROOT

LAIT = ROOT.parent / "shared" / "data" / "lait"
pytestmark = pytest.mark.skipif(
    not (LAIT / "bds_long_0.parquet").exists(), reason=f"{LAIT} is absent: the real LAIT data is in ../shared"
)


def r_type7(sorted_values: List[float], p: float) -> float:
    """R's quantile.default, type 7, operation for operation."""
    n = len(sorted_values)
    index = 1 + (n - 1) * p
    lo, hi = math.floor(index), math.ceil(index)
    a, b = sorted_values[lo - 1], sorted_values[hi - 1]
    if index > lo and b != a:
        h = index - lo
        return (1 - h) * a + h * b
    return a


def lait_band(v: float, q: Tuple[float, float, float], polarity: str) -> str:
    """calculate_quartile_band: intervals closed above, ascending, for both polarities."""
    quarter = 0 if v <= q[0] else 1 if v <= q[1] else 2 if v <= q[2] else 3
    return "ABCD"[quarter] if polarity == "Low" else "DCBA"[quarter]


@pytest.fixture(scope="module")
def lait() -> Dict[str, Any]:
    bds = pd.read_parquet(LAIT / "bds_long_0.parquet")
    bds = bds[bds["Years"].notna()].copy()
    bds["value"] = pd.to_numeric(bds["Values"].where(~bds["Values"].isin(["-", "c", ".."])), errors="coerce")
    bds["year"] = pd.to_numeric(bds["Years"].str[:4], errors="coerce")
    # One indicator (CINPermExclusion) has 170 rows whose year is "0": not a period betteroff
    # reads (it refuses it, naming the row); they never hold LAIT's latest year either.
    bds = bds[bds["year"] >= 1900].astype({"year": int})
    non_la = set(bds.loc[bds["LA Number"] >= 970, "LA and Regions"])
    las = bds[~bds["LA and Regions"].isin(non_la)].copy()
    meta = pd.read_csv(LAIT / "lait_data_dictionary.csv")
    meta = meta[~meta["Table_status"].fillna("").str.contains("DISCONTINUE")]
    meta = meta[meta["Polarity"].isin(["High", "Low"]) & (meta["No_Quartile"] != "N")]
    polarity = meta.drop_duplicates("Measure_short").set_index("Measure_short")["Polarity"]
    # One polarity per indicator, and one row per authority and year (as LAIT's tables have).
    conflicting = meta.groupby("Measure_short")["Polarity"].nunique()
    present = set(las["Short Desc"])
    keep = [k for k in polarity.index if conflicting[k] == 1 and k in present]
    las = las[las["Short Desc"].isin(keep)]
    assert not las.duplicated(["Short Desc", "LA and Regions", "year"]).any()
    sn = pd.read_excel(LAIT / "sn_may_2025.xlsx", header=2)
    sn = sn[sn["LA num"].notna()]  # LAIT drops the rows without an LA number
    names = dict(zip(sn["LA num"].astype(int), sn["LA Name"]))
    neighbours = {
        row["LA Name"]: [names[int(row[f"SN{k}"])] for k in range(1, 11)] for _, row in sn.iterrows()
    }
    # England and the regions: LAIT's rows whose LA number is 970 or more.
    areas = bds[bds["LA and Regions"].isin(non_la)].copy()
    return {"las": las, "areas": areas, "polarity": polarity[keep], "neighbours": neighbours}


def expected(las: pd.DataFrame, indicator: str, polarity: str) -> Dict[str, Any]:
    """LAIT's figures for one indicator at its latest year."""
    rows = las[las["Short Desc"] == indicator]
    latest = rows["Years"].max()
    at = rows[rows["Years"] == latest].set_index("LA and Regions")["value"]
    group = sorted(at.dropna())
    q = tuple(r_type7(group, p) for p in (0.25, 0.5, 0.75))
    sign = -1 if polarity == "High" else 1
    ranks = (at * sign).rank(method="min")
    return {"year": int(latest[:4]), "q": q, "areas": len(group), "value": at, "ranks": ranks}


def test_every_indicator_through_score_table(lait: Dict[str, Any]) -> None:
    las, polarity = lait["las"], lait["polarity"]
    assert len(polarity) > 250 and las["LA and Regions"].nunique() > 150
    ids = list(polarity.index)
    definition = 'id = "lait"\ntitle = "LAIT indicators"\nnotes = ["Real figures: DfE LAIT, every local authority."]\n'
    definition += '[[sections]]\nid = "s"\ntitle = "All"\nkind = "result"\n'
    for k in ids:
        p = "higher_is_better" if polarity[k] == "High" else "lower_is_better"
        definition += f'[[sections.measures]]\nid = "{k}"\nname = "{k}"\nkind = "indicator"\nunit = "score"\npolarity = "{p}"\n'
    card = betteroff.Scorecard.from_toml(definition)
    rows = las.sort_values(["LA and Regions", "Short Desc", "year"])
    table = pa.table({
        "area": rows["LA and Regions"].to_numpy(),
        "measure": rows["Short Desc"].to_numpy(),
        "period": rows["year"].astype(str).to_numpy(),
        "value": rows["value"].to_numpy(),
    })
    out = betteroff.score_table(table, card, disclosure_control=False).to_pandas()
    out = out.set_index(["measure", "area"])
    checked = bands = 0
    for k in ids:
        e = expected(las, k, polarity[k])
        got = out.xs(k, level="measure")
        # Every authority, with a figure in the latest year or not, at that year.
        assert (got["benchmark_period"] == str(e["year"])).all(), k
        assert (got["q1"] == e["q"][0]).all() and (got["median"] == e["q"][1]).all() and (got["q3"] == e["q"][2]).all(), k
        for la, v in e["value"].items():
            g = got.loc[la]
            if pd.isna(v):
                assert pd.isna(g["band"]) and pd.isna(g["rank"]), (k, la)
                continue
            assert g["band"] == lait_band(v, e["q"], polarity[k]), (k, la, v, e["q"])
            assert g["rank"] == e["ranks"][la] and g["areas"] == e["areas"], (k, la)
            bands += 1
        checked += 1
    assert checked == len(ids) and bands > 30000


def scorecard(lait: Dict[str, Any], la: str, indicators: List[str]) -> Dict[str, Any]:
    """One authority's scorecard: its own figures as observations, the other authorities' as the
    benchmark group, its ten statistical neighbours named."""
    las, polarity = lait["las"], lait["polarity"]
    sns = ", ".join(f'"{n}"' for n in lait["neighbours"][la])
    definition = f'id = "lait"\ntitle = "{la}"\nnotes = ["Real figures: DfE LAIT."]\n[analysis]\nstatistical_neighbours = [{sns}]\n'
    definition += '[[sections]]\nid = "s"\ntitle = "All"\nkind = "result"\n'
    for k in indicators:
        p = "higher_is_better" if polarity[k] == "High" else "lower_is_better"
        definition += f'[[sections.measures]]\nid = "{k}"\nname = "{k}"\nkind = "indicator"\nunit = "score"\npolarity = "{p}"\n'
    card = betteroff.Scorecard.from_toml(definition)
    rows = las[las["Short Desc"].isin(indicators)]
    own, others = rows[rows["LA and Regions"] == la], rows[(rows["LA and Regions"] != la) & rows["value"].notna()]
    card.add_observations([
        {"measure": r["Short Desc"], "period": str(r["year"]), **({"value": r["value"]} if not pd.isna(r["value"]) else {"flag": "missing"})}
        for _, r in own.iterrows()
    ])
    card.add_comparators([
        {"measure": r["Short Desc"], "period": str(r["year"]), "comparator": r["LA and Regions"], "value": r["value"], "group": "la"}
        for _, r in others.iterrows()
    ])
    latest = str(rows["year"].max())
    return {m["id"]: m for m in card.score(latest, disclosure_control=False).to_dict()["measures"]}


def r6(x: float) -> Optional[float]:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(x * 1e6) / 1e6


@pytest.mark.parametrize("la", ["Dudley", "Dorset", "Stockton-on-Tees"])
def test_authorities_scorecards(lait: Dict[str, Any], la: str) -> None:
    las, polarity = lait["las"], lait["polarity"]
    indicators = [k for k in ("SEN_EHC_All_20wks", "SEN_EHC_Excpt_20wks", "SEN_AppealableDec", "SEN_Stat_AVG_Prog8_Score") if k in polarity.index]
    assert len(indicators) == 4
    # Each indicator's own latest year, scored at it (the scorecard's reporting period).
    for k in indicators:
        got = scorecard(lait, la, [k])[k]["benchmark"]
        e = expected(las, k, polarity[k])
        assert got["period"] == str(e["year"]), k
        assert (got["q1"], got["median"], got["q3"]) == tuple(r6(q) for q in e["q"]), k
        v = e["value"].get(la)
        if v is None or pd.isna(v):
            assert got["band"] is None and got["rank"] is None and got["value"] is None
        else:
            assert got["band"] == lait_band(v, e["q"], polarity[k]) and got["rank"] == e["ranks"][la], k
        rows = las[(las["Short Desc"] == k)]
        at = rows[rows["year"] == e["year"]].set_index("LA and Regions")["value"]
        sn = at.reindex(lait["neighbours"][la]).dropna()
        assert got["sn_count"] == len(sn) and got["sn_average"] == r6(float(np.mean(sn))), k
        mine = rows[rows["LA and Regions"] == la].sort_values("year", ascending=False)["value"].to_list()
        change = mine[0] - mine[1] if len(mine) >= 2 else float("nan")
        assert got["change"] == r6(change), k


def test_dudley_new_ehc_plans_within_20_weeks_2024(lait: Dict[str, Any]) -> None:
    # New EHC plans issued within 20 weeks, 2024 (high is good): Dudley's 49.1, 45.4 in 2023.
    e = expected(lait["las"], "SEN_EHC_All_20wks", "High")
    assert e["year"] == 2024 and e["value"]["Dudley"] == 49.1
    got = scorecard(lait, "Dudley", ["SEN_EHC_All_20wks"])["SEN_EHC_All_20wks"]["benchmark"]
    assert got["value"] == 49.1
    assert got["band"] == lait_band(49.1, e["q"], "High")
    assert (got["change"], got["change_from"], got["trend"]) == (3.7, "2023", "up")  # 49.1 - 45.4


@pytest.mark.parametrize("la", ["Dudley", "Dorset", "Stockton-on-Tees"])
def test_new_ehc_plans_within_20_weeks_against_england_the_region_and_the_neighbours(lait: Dict[str, Any], la: str) -> None:
    # The real SEN_EHC_All_20wks series (new EHC plans issued within 20 weeks, %, high is good)
    # of each authority, scored at LAIT's latest year against England, its region and its ten
    # real statistical neighbours (sn_may_2025.xlsx), every figure as LAIT publishes it.
    k = "SEN_EHC_All_20wks"
    las, areas = lait["las"], lait["areas"]
    rows = las[las["Short Desc"] == k]
    own = rows[rows["LA and Regions"] == la]
    region = own["Region"].dropna().iloc[0]
    definition = (
        f'id = "lait"\ntitle = "{la}"\nnotes = ["Real figures: DfE LAIT."]\n[analysis]\n'
        f'statistical_neighbours = [{", ".join(repr(n).replace(chr(39), chr(34)) for n in lait["neighbours"][la])}]\n'
        '[[sections]]\nid = "s"\ntitle = "S"\nkind = "result"\n'
        f'[[sections.measures]]\nid = "{k}"\nname = "New EHC plans within 20 weeks"\nkind = "indicator"\n'
        'unit = "percentage"\npolarity = "higher_is_better"\nfrequency = "annual"\n'
    )
    card = betteroff.Scorecard.from_toml(definition)
    card.add_observations([
        {"measure": k, "period": str(r["year"]), **({"value": r["value"]} if not pd.isna(r["value"]) else {"flag": "missing"})}
        for _, r in own.iterrows()
    ])
    named = areas[(areas["Short Desc"] == k) & areas["LA and Regions"].isin(["England", region]) & areas["value"].notna()]
    others = rows[(rows["LA and Regions"] != la) & rows["value"].notna()]
    card.add_comparators(
        [{"measure": k, "period": str(r["year"]), "comparator": r["LA and Regions"], "value": r["value"]} for _, r in named.iterrows()]
        + [{"measure": k, "period": str(r["year"]), "comparator": r["LA and Regions"], "value": r["value"], "group": "la"} for _, r in others.iterrows()]
    )
    m = card.score("2024", disclosure_control=False).to_dict()["measures"][0]
    at = lambda name: float(areas[(areas["Short Desc"] == k) & (areas["LA and Regions"] == name) & (areas["year"] == 2024)]["value"].iloc[0])
    comparators = {c["name"]: c for c in m["comparators"]}
    assert set(comparators) == {"England", region}
    # LAIT, 2024: England 45.9; the regions 41 (West Midlands), 31 (South West), 47.6 (North East).
    assert comparators["England"]["value"] == at("England") == 45.9
    assert comparators[region]["value"] == at(region) == {"Dudley": 41.0, "Dorset": 31.0, "Stockton-on-Tees": 47.6}[la]
    # The authority's own 2024 figure (LAIT: Dudley 49.1, Dorset 49.1, Stockton-on-Tees 69.2),
    # its gap to England, and the neighbours' mean of their 2024 figures.
    mine = float(own[own["year"] == 2024]["value"].iloc[0])
    assert m["value"] == mine == {"Dudley": 49.1, "Dorset": 49.1, "Stockton-on-Tees": 69.2}[la]
    assert comparators["England"]["gap"] == r6(mine - 45.9)
    sn = rows[rows["year"] == 2024].set_index("LA and Regions")["value"].reindex(lait["neighbours"][la]).dropna()
    assert (m["benchmark"]["sn_count"], m["benchmark"]["sn_average"]) == (len(sn), r6(float(np.mean(sn))))


def test_every_lait_years_spelling_reads_or_is_refused_as_pooled(lait: Dict[str, Any]) -> None:
    # LAIT's Years column as published: 2019, 2019/20, 2019-20, 2018 (Rev), 2025 (prov),
    # 2020 (Final), 2019-20 (OT), and pooled spans (2014-16, 2013/14-15/16), which betteroff
    # refuses, saying what to give.
    spellings = sorted(lait["las"]["Years"].unique())
    definition = ('id = "y"\ntitle = "Y"\n[[sections]]\nid = "s"\ntitle = "S"\nkind = "result"\n'
                  '[[sections.measures]]\nid = "m"\nname = "M"\nkind = "indicator"\nunit = "score"\npolarity = "neutral"\n')
    read = pooled = 0
    for years in spellings:
        card = betteroff.Scorecard.from_toml(definition)
        try:
            card.add_observations([{"measure": "m", "period": years, "value": 1}])
            read += 1
        except betteroff.PeriodError as e:
            assert "pooled" in str(e), (years, str(e))
            pooled += 1
    assert read + pooled == len(spellings) and read >= 30 and pooled >= 10, (read, pooled)
    card = betteroff.Scorecard.from_toml(definition)
    card.add_observations([{"measure": "m", "period": "2018 (Rev)", "value": 1}, {"measure": "m", "period": "2019 (prov)", "value": 2}])
    series = card.score().to_dict()["measures"][0]["series"]
    assert [(p["period"], p["flag"]) for p in series] == [("2018", "revised"), ("2019", "provisional")]
