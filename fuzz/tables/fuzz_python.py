"""Fuzzes the Python face of the core with atheris (coverage-guided, over betteroff's Python code:
_tables.py's conversion of every table type, and through it py/src/table.rs and py/src/scores.rs):
lists of dicts, pandas, polars and pyarrow tables built from fuzzer bytes, with every kind of
cell an analyst's table holds (numpy scalars, pandas Periods of any frequency, Timestamps, NaT,
NA, Decimals, bytes, dictionary-encoded columns with keys out of range), through the records
readers, scoring, every renderer, to_pandas, score_table and spc_table.

Each call must return or raise a betteroff error (or TypeError for a value of the wrong Python
type); a panic (pyo3's PanicException), any other exception, or a NaN or infinity in a report's
JSON, is a crash that atheris reports with the input that caused it.

    bash scripts/fuzz-tables.sh python 600

Results are recorded in docs/robustness.md.
"""

import datetime as dt
import decimal
import json
import math
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import betteroff
    import betteroff._tables

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

CARD = (Path(__file__).parent / "scorecard.toml").read_text()
IDS = ["pct", "cnt", "rate", "score", "PCT", "pct\u200b", "nope", ""]
GOOD_IDS = ["pct", "cnt", "rate", "score"]
PERIODS = ["2019-04", "2019-05", "2019-06", "2019-10", "2020-01", "2020-05", "2020", "2019/20", "FY2019/20", "2020-Q1",
           "2019-04-30", "2019-13", "0", "", "April 2019"]
FREQS = ["M", "Q", "Q-MAR", "Q-DEC", "Y", "Y-MAR", "Y-AUG", "Y-JAN", "D", "W"]
ALLOWED = (betteroff.BetteroffError, TypeError)


def value(f: atheris.FuzzedDataProvider):
    k = f.ConsumeIntInRange(0, 17)
    if k == 0:
        return None
    if k == 1:
        return f.ConsumeUnicodeNoSurrogates(f.ConsumeIntInRange(0, 12))
    if k == 2:
        return f.ConsumeFloat()
    if k == 3:
        return f.ConsumeIntInRange(-(2 ** 63), 2 ** 63)
    if k == 4:
        return np.float64(f.ConsumeFloat())
    if k == 5:
        return np.int64(f.ConsumeIntInRange(-(2 ** 31), 2 ** 31))
    if k == 6:
        return f.ConsumeBool()
    if k == 7:
        return np.bool_(f.ConsumeBool())
    if k == 8:
        return dt.date(f.ConsumeIntInRange(1, 9999), f.ConsumeIntInRange(1, 12), f.ConsumeIntInRange(1, 28))
    if k == 9:
        return pd.Timestamp(2019, f.ConsumeIntInRange(1, 12), f.ConsumeIntInRange(1, 28), f.ConsumeIntInRange(0, 23))
    if k == 10:
        return pd.NaT
    if k == 11:
        return pd.NA
    if k == 12:
        try:
            return pd.Period(f"{f.ConsumeIntInRange(1990, 2030)}-{f.ConsumeIntInRange(1, 12):02d}", freq=FREQS[f.ConsumeIntInRange(0, len(FREQS) - 1)])
        except ValueError:
            return None
    if k == 13:
        return decimal.Decimal(f.ConsumeIntInRange(-1000, 1000)) / 10
    if k == 14:
        return f.ConsumeBytes(4)
    if k == 15:
        return [f.ConsumeFloat()]
    if k == 16:
        return float("nan") if f.ConsumeBool() else float("inf")
    return f.ConsumeIntInRange(0, 100)


def good(f: atheris.FuzzedDataProvider, column: str, i: int):
    """A cell that reads, most of the time; anything, now and then."""
    if f.ConsumeIntInRange(0, 19) == 0:
        return value(f)
    if column == "measure":
        return GOOD_IDS[f.ConsumeIntInRange(0, 3)] if f.ConsumeIntInRange(0, 9) else IDS[f.ConsumeIntInRange(0, len(IDS) - 1)]
    if column in ("period", "due", "completed"):
        return PERIODS[i % 6] if f.ConsumeIntInRange(0, 5) else PERIODS[f.ConsumeIntInRange(0, len(PERIODS) - 1)]
    if column in ("value", "numerator"):
        return f.ConsumeIntInRange(0, 100)
    if column == "denominator":
        return f.ConsumeIntInRange(1, 200)
    if column == "comparator":
        return ["A", "B", "C", "England"][f.ConsumeIntInRange(0, 3)]
    if column == "group":
        return "la"
    if column == "status":
        return ["not_started", "in_progress", "completed", "withdrawn"][f.ConsumeIntInRange(0, 3)]
    if column == "id":
        return f"A{i}"
    return f.ConsumeUnicodeNoSurrogates(f.ConsumeIntInRange(0, 8))


COLUMNS = {
    "observations": ["measure", "period", "value", "note"],
    "comparators": ["measure", "period", "comparator", "value", "group"],
    "actions": ["id", "title", "due", "status", "lead"],
}
EXTRA = ["numerator", "denominator", "flag", "breakdown", "category", "completed", "objective", "section"]


def table(f: atheris.FuzzedDataProvider, kind: str):
    columns = list(COLUMNS[kind])
    if f.ConsumeBool():
        columns.append(EXTRA[f.ConsumeIntInRange(0, len(EXTRA) - 1)])
    if f.ConsumeIntInRange(0, 19) == 0:
        columns.append(f.ConsumeUnicodeNoSurrogates(5))
    n = f.ConsumeIntInRange(0, 8)
    rows = [{c: good(f, c, i) for c in columns if f.ConsumeIntInRange(0, 24)} for i in range(n)]
    shape = f.ConsumeIntInRange(0, 4)
    try:
        if shape == 0:
            return rows
        if shape == 1:
            return pd.DataFrame(rows)
        if shape == 2:
            return pl.DataFrame(rows, strict=False)
        if shape == 3:
            return pa.Table.from_pylist(rows)
        return pa.table({c: pa.array([r.get(c) for r in rows]).dictionary_encode() for c in columns}) if rows else rows
    except Exception:  # the table library refused the cells: not betteroff's input
        return rows


def call(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except ALLOWED:
        return None


def finite_json(text: str) -> None:
    def bad(constant: str) -> None:
        raise AssertionError(f"{constant} in a report's JSON")

    json.loads(text, parse_constant=bad)


def one_input(data: bytes) -> None:
    f = atheris.FuzzedDataProvider(data)
    card = call(betteroff.Scorecard.from_toml, CARD)
    for _ in range(f.ConsumeIntInRange(0, 3)):
        kind = ["observations", "comparators", "actions"][f.ConsumeIntInRange(0, 2)]
        call(getattr(card, f"add_{kind}"), table(f, kind))
    report = call(card.score, PERIODS[f.ConsumeIntInRange(0, 5)] if f.ConsumeBool() else None, disclosure_control=f.ConsumeBool())
    if report is not None:
        finite_json(report.to_json())
        for fmt in (report.to_text, report.to_markdown, report.to_html, report.to_csv):
            fmt()
        frame = report.to_pandas()
        assert len(frame) == 4
        for m in ("pct", "cnt", "rate", "score"):
            report.chart(m)
            report.spc_chart(m)
    # Batch scoring and SPC from Arrow: dictionary keys out of range, unsorted rows, odd types.
    n = f.ConsumeIntInRange(0, 30)
    area = [f.ConsumeIntInRange(0, 3) for _ in range(n)]
    area.sort()
    keys = [f.ConsumeIntInRange(0, 5) for _ in range(n)]
    measures = pa.array([GOOD_IDS[f.ConsumeIntInRange(0, 3)] for _ in range(3)])
    try:
        measure = pa.DictionaryArray.from_arrays(pa.array(keys, pa.int32()), measures, safe=False)
    except (pa.ArrowInvalid, ValueError):
        measure = pa.array([GOOD_IDS[k % 4] for k in keys])
    period = pa.array([PERIODS[i % 6] if f.ConsumeIntInRange(0, 9) else PERIODS[f.ConsumeIntInRange(0, len(PERIODS) - 1)] for i in range(n)])
    values = pa.array([f.ConsumeFloat() if f.ConsumeIntInRange(0, 4) == 0 else float(f.ConsumeIntInRange(0, 100)) for _ in range(n)])
    t = pa.table({"area": area, "measure": measure, "period": period, "value": values})
    out = call(betteroff.score_table, t, card, points=f.ConsumeBool(), disclosure_control=f.ConsumeBool())
    if out is not None:
        for column in out.itercolumns():
            if pa.types.is_floating(column.type):
                assert all(v is None or math.isfinite(v) for v in column.to_pylist()), "non-finite figure"
    s = pa.table({"series": area, "value": values})
    call(betteroff.spc_table, s, polarity=["higher_is_better", "lower_is_better", "neutral", "up"][f.ConsumeIntInRange(0, 3)],
         screen_outliers=f.ConsumeBool(), fix_after=f.ConsumeIntInRange(0, 20) or None)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
