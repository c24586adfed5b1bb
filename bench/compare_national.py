"""Side-by-side timing of the "national" workload's full scoring: each area and measure's status
on its target's trajectory, SPC limits and rules, turn-the-curve forecast, quartile band and
rank, by betteroff's core, by betteroff from Python (Arrow in, Arrow out), and by the vectorised
pandas/NumPy an analyst would write. Every pandas figure is checked against the core's (within
1e-9, relative to the figure's size) and every status, band, rank and rule must be identical.

    cargo build --release -p betteroff-bench
    target/release/betteroff-bench national target/bench/national      # workload + core timing
    python bench/compare_national.py target/bench/national             # pandas, and the check

The semantics the pandas version follows are docs/status-rules.md and docs/statistics.md; it
reads the generated definition (TOML) for each measure's polarity, baseline and target.
"""

import json
import sys
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

import betteroff
from compare_spc import LIMIT, OUTLIER, pandas_rules, timed

# Status codes: positions in betteroff's Status::ALL.
ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK, MISSED, NO_TARGET, NO_DATA, _, TO_BE_DEVELOPED = range(9)
SPC_MIN_POINTS, TOLERANCE_PCT = 12, 10.0
AT_LEAST, AT_MOST, EXACTLY = 0, 1, 2


def month_end_day(period: str) -> int:
    """Days since 1970-01-01 of a month's last day ("2021-04" -> 2021-04-30)."""
    return int((np.datetime64(period, "M") + 1).astype("datetime64[D]").astype(np.int64)) - 1


def measure_table(definition: dict, periods: list[str]) -> pd.DataFrame:
    """One row per measure (in definition order, which is the measure code)."""
    code = {p: k for k, p in enumerate(periods)}
    rows = []
    for m in (m for s in definition["sections"] for m in s["measures"]):
        b, t = m.get("baseline"), m.get("target") or {}
        base = "none" if b is None else "first" if b.get("first_observation") else "stated" if "value" in b else "observed"
        rows.append({
            "sign": {"higher_is_better": 1, "lower_is_better": -1, "neutral": 0}[m["polarity"]],
            "unit": m["unit"],
            "base": base,
            "base_code": code.get(b.get("period"), -1) if b else -1,
            "base_day": month_end_day(b["period"]) if b and "period" in b else np.nan,
            "base_value": b.get("value", np.nan) if b else np.nan,
            "kind": t.get("kind", "none"),
            "param": t.get("value", t.get("change", np.nan)),
            "gap_relative": t.get("kind") == "gap" and "change" in t,
            "threshold_cmp": {"at_least": AT_LEAST, "at_most": AT_MOST, "exactly": EXACTLY}.get(t.get("comparison"), -1),
            "due_day": month_end_day(t["due"]) if "due" in t else np.nan,
            "tbd": bool(m.get("to_be_developed", False)),
            "fix_after": (m.get("spc") or {}).get("fix_after", np.inf),
        })
    return pd.DataFrame(rows)


def r6(x):
    """The report's rounding to 6 decimal places, half away from zero as Rust rounds."""
    y = np.asarray(x, float) * 1e6
    return np.sign(y) * np.floor(np.abs(y) + 0.5) / 1e6


def meets(v, goal, cmp):
    eps = 1e-9 * np.maximum(np.abs(goal), 1.0)
    return np.select([cmp == AT_LEAST, cmp == AT_MOST], [v >= goal - eps, v <= goal + eps], np.abs(v - goal) <= eps)


def least_squares(x: pd.Series, y: pd.Series, key: pd.Series):
    """Per `key`: slope and intercept of y on x (NaN with fewer than two distinct x)."""
    g = pd.DataFrame({"k": key, "x": x, "y": y}).groupby("k", sort=False)
    mx, my, n = g["x"].transform("mean"), g["y"].transform("mean"), g["x"].transform("size")
    dx = x - mx
    sums = pd.DataFrame({"k": key, "sxx": dx * dx, "sxy": dx * (y - my), "mx": mx, "my": my, "n": n}).groupby("k", sort=False)
    s = sums.agg(sxx=("sxx", "sum"), sxy=("sxy", "sum"), mx=("mx", "first"), my=("my", "first"), n=("n", "first"))
    ok = (s["n"] >= 2) & (s["sxx"] > 0)
    slope = (s["sxy"] / s["sxx"]).where(ok)
    return slope, (s["my"] - slope * s["mx"]).where(ok)


def pandas_score(df: pd.DataFrame, meas: pd.DataFrame, end_day: np.ndarray, england: np.ndarray) -> dict:
    """Every figure of the core's batch scoring, with pandas and NumPy over all rows at once."""
    df = df.assign(series=df["area"].astype(np.int64) * len(meas) + df["measure"], day=end_day[df["period"]])
    m = meas.iloc[df["measure"].to_numpy()].reset_index(drop=True).set_index(df.index)
    valued = df[df["value"].notna()].copy()
    vm = m.loc[valued.index]

    # One row per series: its latest row, and the measure's settings.
    s = df.groupby("series", sort=False).tail(1).set_index("series")
    s = s.join(meas, on="measure")
    v, t = s["value"], s["day"].astype(float)

    # Baselines: stated, observed at their period, or the first figure.
    first = valued.groupby("series", sort=False).head(1).set_index("series")
    at_base = valued[valued["period"] == vm["base_code"]].set_index("series")
    b = pd.Series(np.nan, index=s.index)
    b_day = pd.Series(np.nan, index=s.index)
    stated, observed, firsts = s["base"] == "stated", s["base"] == "observed", s["base"] == "first"
    b[stated], b_day[stated] = s["base_value"][stated], s["base_day"][stated]
    b[observed] = at_base["value"].reindex(s.index)[observed]
    b_day[observed] = s["base_day"][observed].where(b[observed].notna())
    b[firsts], b_day[firsts] = first["value"].reindex(s.index)[firsts], first["day"].reindex(s.index)[firsts]

    # Every area's figures for each measure and period: counts, quartiles, ranks.
    grp = valued.groupby(["measure", "period"], sort=False)["value"]
    valued["n"] = grp.transform("size")
    q = grp.quantile([0.25, 0.5, 0.75]).unstack()
    key = lambda frame: pd.MultiIndex.from_arrays([frame["measure"], frame["period"]])  # noqa: E731

    # Targets resolved to a number and a comparison.
    kind, param, sign = s["kind"], s["param"], s["sign"]
    latest_q = q.reindex(key(s))
    n_latest = grp.size().reindex(key(s)).to_numpy()
    quart = np.where(sign > 0, latest_q[0.75].to_numpy(), latest_q[0.25].to_numpy())
    # England's figure (a named comparator) for the measure and the latest period.
    months = len(end_day)
    eng = england[s["measure"].to_numpy().astype(np.int64) * months + s["period"].to_numpy().astype(np.int64)]
    # England at the baseline period, for gaps relative to the baseline gap.
    b_code = np.where(s["base"] == "first", first["period"].reindex(s.index), s["base_code"]).astype(float)
    b_key = s["measure"].to_numpy() * months + np.nan_to_num(b_code, nan=0).astype(np.int64)
    eng_base = np.where(b_code >= 0, england[np.clip(b_key, 0, len(england) - 1)], np.nan)
    gap = (kind == "gap").to_numpy()
    gap_goal = np.where(s["gap_relative"], (b - eng_base) * (1 + param / 100), param)
    goal = np.select(
        [kind == "absolute", kind == "threshold", kind == "relative", kind == "points", kind == "quartile",
         kind == "comparator", gap],
        [param, param, b * (1 + param / 100), b + param, np.where((n_latest >= 4) & (sign != 0), quart, np.nan),
         eng, np.where(np.isnan(eng), np.nan, gap_goal)],
        np.nan,
    )
    by_polarity = np.select([sign > 0, sign < 0, goal > b, goal < b], [AT_LEAST, AT_MOST, AT_LEAST, AT_MOST], EXACTLY)
    gap_cmp = np.select([sign > 0, sign < 0], [AT_LEAST, AT_MOST], EXACTLY)
    cmp = np.select([kind == "threshold", gap], [s["threshold_cmp"], gap_cmp], by_polarity)
    # The figure judged and its start: the value and baseline, or their gaps to England.
    xv = np.where(gap, v - eng, v)
    start = np.where(gap, b - eng_base, b)

    # Status on the trajectory from the baseline to the target (docs/status-rules.md).
    due = s["due_day"]
    span = due - b_day
    done = np.clip(t - b_day, 0, span)
    expected = np.where(span > 0, start + (goal - start) * done / span, np.nan)
    allowed = TOLERANCE_PCT / 100 * np.abs(goal - start)
    judged = np.select(
        [meets(xv, goal, cmp), due.notna() & (t >= due), np.isnan(expected), meets(xv, expected, cmp),
         np.abs(expected - xv) <= allowed + 1e-9 * np.maximum(allowed, 1.0)],
        [ACHIEVED, MISSED, AT_RISK, ON_TRACK, AT_RISK],
        OFF_TRACK,
    )
    status = np.select([s["tbd"], v.isna(), np.isnan(goal)], [TO_BE_DEVELOPED, NO_DATA, NO_TARGET], judged)
    has_target = (status != TO_BE_DEVELOPED) & (status != NO_DATA) & (status != NO_TARGET)
    span_goal = goal - start
    with np.errstate(divide="ignore", invalid="ignore"):  # the guarded-out rows divide by 0
        # None where the baseline already meets the target (the target on its worse side).
        progress = np.where(
            has_target & (np.abs(span_goal) > 1e-12) & ~meets(start, goal, cmp), (xv - start) / span_goal * 100, np.nan
        )

    # SPC of the figures (missing ones left out), limits from the first fix_after of them.
    pos = valued.groupby("series", sort=False).cumcount()
    count = valued.groupby("series", sort=False)["value"].transform("size")
    in_fix = pos < vm["fix_after"]
    gv = valued["value"].where(in_fix).groupby(valued["series"], sort=False)
    mean = gv.transform("mean")
    mr = valued.groupby("series", sort=False)["value"].diff().abs().where(in_fix)
    raw = mr.groupby(valued["series"], sort=False).transform("mean")
    amr = mr.where(mr < OUTLIER * raw).groupby(valued["series"], sort=False).transform("mean")
    use = (count >= SPC_MIN_POINTS) & ~vm["tbd"]
    # As NHSRplotthedots: an AMR of 0 gives zero-width limits; with no moving range left (NaN)
    # there are no limits, but the mean stays and the trend and shift rules still apply (NaN
    # comparisons are false, as R's NA ones).
    limited = use & amr.notna()
    rules = pandas_rules(valued[["series", "value"]], mean, amr)
    rule = np.full(len(df), 255, np.uint8)
    rule[np.flatnonzero(df["value"].notna().to_numpy())] = np.where(use, rules, 255)
    lim = pd.DataFrame({"series": valued["series"], "mean": mean.where(use), "amr": amr.where(limited)})
    lim = lim.groupby("series", sort=False).first().reindex(s.index)

    # Forecast: the line through the figures since the baseline, and the one up to it.
    x = valued["day"] - b_day.reindex(valued["series"]).to_numpy()
    since = x >= 0
    slope, icept = least_squares(x[since], valued["value"][since], valued["series"][since])
    slope, icept = slope.reindex(s.index), icept.reindex(s.index)
    hist = x <= 0
    h_slope, h_icept = least_squares(x[hist], valued["value"][hist], valued["series"][hist])
    last = valued.groupby("series", sort=False).tail(1).set_index("series").reindex(s.index)
    x_last = last["day"] - b_day
    bf = r6(h_icept.reindex(s.index) + h_slope.reindex(s.index) * x_last)
    # Each line needs at least 3 figures (rules::forecast::MIN_POINTS); the forecast at the due
    # date is stated only for a date after the reporting period, within the unit's range.
    n_since = valued["series"][since].value_counts().reindex(s.index, fill_value=0)
    n_hist = valued["series"][hist].value_counts().reindex(s.index, fill_value=0)
    bf = np.where(n_hist >= 3, bf, np.nan)
    fc = has_target & b.notna() & slope.notna() & ~gap & (n_since >= 3)
    as_of_day = df["day"].max()
    low = np.where(s["unit"].isin(["percentage", "count", "rate", "days", "ratio"]), 0.0, -np.inf)
    high = np.where(s["unit"] == "percentage", 100.0, np.inf)
    at_due = np.where(
        fc & due.notna() & (due > as_of_day), np.clip(r6(icept + slope * (due - b_day)), low, high), np.nan
    )
    reachable = np.where(np.isnan(at_due), np.nan, meets(at_due, r6(goal), cmp))
    turned = np.where(fc & ~np.isnan(bf) & (sign != 0), ((last["value"] - bf) * sign > 0), np.nan)

    # Benchmark, LAIT's rule: every series at the latest period with another area's figure for
    # its measure, whether or not it has a figure there; ranks of every figure among its
    # measure and period, best first, ties taking the lowest rank.
    valued["rank"] = (valued["value"] * -vm["sign"]).groupby([valued["measure"], valued["period"]], sort=False).rank(method="min")
    counts = valued.groupby(["measure", "period"]).size()
    last = counts.reset_index().sort_values("period").groupby("measure").tail(1).set_index("measure")
    series_measure = s["measure"]
    bench_period = last["period"].reindex(series_measure).to_numpy().astype(float)
    own_key = pd.MultiIndex.from_arrays([valued["series"], valued["period"]])
    owned = pd.Series(True, index=own_key)
    sole = last["period"][last[0] == 1]  # a measure whose latest period has one figure only
    for code, period in sole.items():
        # Its owner is benchmarked at the latest earlier period with another area's figure.
        for sid in s.index[(series_measure == code).to_numpy()]:
            if (sid, period) not in owned.index:
                continue
            earlier = counts.loc[code]
            earlier = earlier[earlier.index < period]
            ok = [p for p in earlier.index[::-1] if earlier[p] > int((sid, p) in owned.index)]
            bench_period[sid] = ok[0] if ok else np.nan
    # R's quantile type 7 over each (measure, period)'s figures, operation for operation.
    srt = valued.sort_values(["measure", "period", "value"])
    gsize = srt.groupby(["measure", "period"], sort=False)["value"].transform("size").to_numpy()
    gstart = np.arange(len(srt)) - srt.groupby(["measure", "period"], sort=False).cumcount().to_numpy()
    firsts = srt.groupby(["measure", "period"], sort=False).head(1)
    vals = srt["value"].to_numpy()
    first_pos = gstart[srt.index.get_indexer(firsts.index)]
    n_g = gsize[srt.index.get_indexer(firsts.index)]

    def r_type7(prob: float) -> np.ndarray:
        index = 1 + (n_g - 1) * prob
        lo, hi = np.floor(index), np.ceil(index)
        a = vals[first_pos + lo.astype(int) - 1]
        b = vals[first_pos + hi.astype(int) - 1]
        h = index - lo
        return np.where((index > lo) & (b != a), (1 - h) * a + h * b, a)

    rq = pd.DataFrame({0.25: r_type7(0.25), 0.5: r_type7(0.5), 0.75: r_type7(0.75), "n": n_g},
                      index=pd.MultiIndex.from_arrays([firsts["measure"], firsts["period"]]))
    bkey = pd.MultiIndex.from_arrays([series_measure.to_numpy(), np.nan_to_num(bench_period, nan=-1).astype(np.int64)])
    bq = rq.reindex(bkey)
    q1, q2, q3 = bq[0.25].to_numpy(), bq[0.5].to_numpy(), bq[0.75].to_numpy()
    own = valued.set_index(["series", "period"])
    okey = pd.MultiIndex.from_arrays([s.index.to_numpy(), np.nan_to_num(bench_period, nan=-1).astype(np.int64)])
    bv = own["value"].reindex(okey).to_numpy()
    brank = own["rank"].reindex(okey).to_numpy()
    # LAIT's bands: intervals closed above, in ascending value, for both polarities.
    quarter = np.select([bv <= q1, bv <= q2, bv <= q3], [0, 1, 2], 3)
    band = np.select([np.isnan(bv) | (sign == 0), sign > 0], [np.nan, 4 - quarter], quarter + 1)
    return {
        "status": status.astype(np.uint8),
        "value": v.to_numpy(),
        "baseline": b.to_numpy(),
        "target": np.where(has_target, goal, np.nan),
        "judged": np.where(has_target, xv, np.nan),
        "expected": np.where(has_target, expected, np.nan),
        "progress_pct": progress,
        "spc_mean": lim["mean"].to_numpy(),
        "spc_lower": (lim["mean"] - LIMIT * lim["amr"]).to_numpy(),
        "spc_upper": (lim["mean"] + LIMIT * lim["amr"]).to_numpy(),
        "slope_per_year": np.where(fc, slope * 365.25, np.nan),
        "at_due": at_due,
        "reachable": reachable,
        "baseline_forecast": np.where(fc, bf, np.nan),
        "turned": turned,
        "q1": q1, "median": q2, "q3": q3,
        "band": band,
        "rank": np.where(sign == 0, np.nan, brank),
        "areas": bq["n"].to_numpy(),
        "rule": rule,
    }


STATUS_KEYS = ["achieved", "on_track", "at_risk", "off_track", "missed", "no_target", "no_data", "suppressed", "to_be_developed"]
# score_table's column names for the core's figures, where they differ.
ARROW_NAMES = {"at_due": "forecast_at_due"}


def arrow_table(cols: dict, values: np.ndarray, periods: list[str], ids: list[str]) -> pa.Table:
    """The workload as an analyst's Arrow table: areas numbered, measures and periods
    dictionary-encoded (as a pandas categorical or a polars Categorical arrives)."""
    return pa.table({
        "area": cols["area"],
        "measure": pa.DictionaryArray.from_arrays(cols["measure"], ids),
        "period": pa.DictionaryArray.from_arrays(cols["period"], periods),
        "value": values,
    })


def from_arrow(out: pa.Table, core_keys) -> dict:
    """score_table's columns as the core's files hold them."""
    got = {}
    for k in core_keys:
        if k == "status":
            got[k] = np.array([STATUS_KEYS.index(x) for x in out.column("status").to_pylist()], np.uint8)
        elif k == "band":
            got[k] = np.array([np.nan if b is None else "ABCD".index(b) + 1 for b in out.column("band").to_pylist()])
        elif k in ("reachable", "turned"):
            got[k] = np.array([np.nan if b is None else float(b) for b in out.column(k).to_pylist()])
        elif k != "rule":
            got[k] = out.column(ARROW_NAMES.get(k, k)).to_numpy(zero_copy_only=False).astype(float)
    return got


def differing(name: str, ours: np.ndarray, core: np.ndarray) -> int:
    """Figures that differ: a figure on one side only, or apart by more than 1e-9 of its size."""
    ours, core = np.asarray(ours, float), np.asarray(core, float)
    gap = np.isnan(ours) != np.isnan(core)
    both = ~np.isnan(ours) & ~np.isnan(core)
    far = both & (np.abs(ours - core) > 1e-9 * np.maximum(1.0, np.abs(core)))
    n = int(gap.sum() + far.sum())
    if n:
        i = np.flatnonzero(gap | far)[:3]
        print(f"  {name}: {n} differ, first at series {list(i)}: pandas {ours[i]} core {core[i]}")
    return n


def main(folder: str, runs: int) -> None:
    d = Path(folder)
    meta = json.loads((d / "meta.json").read_text())
    periods = (d / "periods.txt").read_text().split("\n")
    definition = tomllib.loads((d / "definition.toml").read_text())
    meas = measure_table(definition, periods)
    end_day = np.array([month_end_day(p) for p in periods], np.int64)
    cols = {c: np.fromfile(d / f"{c}.u32", dtype="<u4") for c in ("area", "measure", "period")}
    df = pd.DataFrame({**cols, "value": np.fromfile(d / "value.f64", dtype="<f8")})
    england = np.fromfile(d / "england.f64", dtype="<f8")
    t_pd, ours = timed(pandas_score, df, meas, end_day, england, runs=runs)
    core = {k: np.fromfile(d / f"core_{k}.f64", dtype="<f8") for k in ours if k not in ("status", "rule")}
    core["status"] = np.fromfile(d / "core_status.u8", dtype=np.uint8)
    core["rule"] = np.fromfile(d / "core_rule.u8", dtype=np.uint8)
    diffs = {k: differing(k, ours[k], core[k]) for k in ours}
    ids = [m["id"] for sec in definition["sections"] for m in sec["measures"]]
    table = arrow_table(cols, df["value"].to_numpy(), periods, ids)
    card = betteroff.Scorecard.from_toml((d / "definition.toml").read_text())
    known = ~np.isnan(england)
    # Dictionary-encoded like the rows (as a pandas categorical or polars Categorical arrives).
    comparators = pa.table({
        "measure": pa.array(np.repeat(ids, len(periods))[known]).dictionary_encode(),
        "period": pa.array(np.tile(periods, len(ids))[known]).dictionary_encode(),
        "comparator": pa.array(["England"] * int(known.sum())).dictionary_encode(),
        "value": england[known],
    })
    t_py, out = timed(betteroff.score_table, table, card, comparators=comparators, disclosure_control=False, runs=max(runs, 3))
    got = from_arrow(out, [k for k in ours if k != "rule"])
    diffs.update({f"score_table {k}": differing(f"score_table {k}", got[k], core[k]) for k in got})
    points = betteroff.score_table(table, card, points=True, comparators=comparators, disclosure_control=False).column("rule").combine_chunks()
    rule = np.where(points.is_null().to_numpy(zero_copy_only=False), 255, points.indices.to_numpy(zero_copy_only=False))
    diffs["score_table rule"] = differing("score_table rule", rule, core["rule"])
    core_t, par_t = meta["core_median_seconds"], meta["core_parallel_median_seconds"]
    print(f"national workload: {meta['areas']} areas x {meta['measures']} measures x {meta['months']} months = "
          f"{meta['rows']:,} rows, {meta['series']:,} series")
    print(f"{'implementation':45} {'median s':>10} {'x core':>8}")
    print(f"{'betteroff core, one thread':45} {core_t:10.4f} {1:8.1f}")
    print(f"{'betteroff core, ' + str(meta['threads']) + ' threads':45} {par_t:10.4f} {par_t / core_t:8.2f}")
    print(f"{'betteroff from Python (score_table, Arrow)':45} {t_py:10.4f} {t_py / core_t:8.2f}")
    print(f"{'pandas/NumPy vectorised':45} {t_pd:10.4f} {t_pd / core_t:8.1f}")
    print(f"score_table / core on the same threads ({meta['threads']}): {t_py / par_t:.2f}x")
    print(f"pandas / core: {t_pd / core_t:.1f}x one thread, {t_pd / par_t:.1f}x {meta['threads']} threads")
    print(f"figures differing (of {meta['series']:,} series, {meta['rows']:,} rows): {sum(diffs.values())}")
    extra, given = meta["scoring_peak_bytes"], meta["input_bytes"]
    print(f"core memory: input {given / 2**20:.1f} MiB; scoring's peak heap beyond it {extra / 2**20:.1f} MiB "
          f"({extra / given:.2f} x the input)")
    (d / "compare.json").write_text(json.dumps({"pandas_seconds": t_pd, "score_table_seconds": t_py, "core_seconds": core_t,
                                                "core_parallel_seconds": par_t, "differing": diffs}, indent=2))
    if any(diffs.values()):
        sys.exit("pandas figures differ from the core's")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/bench/national", int(sys.argv[2]) if len(sys.argv) > 2 else 3)
