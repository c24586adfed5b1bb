"""The "national" workload written by `betteroff-bench national DIR ...` as the tables an analyst
holds: one row per area, measure and period (areas numbered, measure ids and periods as text, a
missing figure as null) sorted by area, measure and period, and England's figures as a
comparators table (measure, period, comparator, value). Used by bench/score_cli.py and
py/tests/test_warehouse.py.
"""

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import tomllib


def load(folder: str | Path) -> tuple[pa.Table, pa.Table, str]:
    """(rows, comparators, definition TOML) of a generated workload."""
    d = Path(folder)
    periods = (d / "periods.txt").read_text().split("\n")
    definition = (d / "definition.toml").read_text()
    ids = [m["id"] for sec in tomllib.loads(definition)["sections"] for m in sec["measures"]]
    cols = {c: np.fromfile(d / f"{c}.u32", dtype="<u4") for c in ("area", "measure", "period")}
    value = pa.array(np.fromfile(d / "value.f64", dtype="<f8"))
    rows = pa.table({
        "area": pa.array(cols["area"], pa.int64()),
        "measure": pa.array(np.array(ids, dtype=object)[cols["measure"]], pa.string()),
        "period": pa.array(np.array(periods, dtype=object)[cols["period"]], pa.string()),
        # A missing figure as null, as a database or a CSV file holds it.
        "value": pc.if_else(pc.is_nan(value), pa.scalar(None, pa.float64()), value),
    }).sort_by([("area", "ascending"), ("measure", "ascending"), ("period", "ascending")])
    england = np.fromfile(d / "england.f64", dtype="<f8")
    known = ~np.isnan(england)
    comparators = pa.table({
        "measure": pa.array(np.repeat(ids, len(periods))[known], pa.string()),
        "period": pa.array(np.tile(periods, len(ids))[known], pa.string()),
        "comparator": pa.array(["England"] * int(known.sum()), pa.string()),
        "value": england[known],
    })
    return rows, comparators, definition


def plain(t: pa.Table) -> pa.Table:
    """A score table with dictionary columns as text and the area as text (CSV and a query's
    COPY give it as text), so that tables from every path compare cell by cell."""
    cols = {}
    for f in t.schema:
        c = t.column(f.name)
        if pa.types.is_dictionary(f.type) or f.name == "area":
            c = c.cast(pa.string())
        cols[f.name] = c
    return pa.table(cols)
