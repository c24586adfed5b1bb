"""Turning the tables analysts hold (pandas, polars, pyarrow, Arrow streams, lists of dicts)
into column names and rows of text cells, which the core reads exactly as it reads a CSV file.

Only types are converted here: no figure is computed. pandas, polars and pyarrow are imported
only when a table of theirs is given (or asked for).
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any, List, Mapping, Optional, Sequence, Tuple

Rows = List[List[Optional[str]]]

ACCEPTED = (
    "a pandas DataFrame, a polars DataFrame, a pyarrow Table, an object with "
    "__arrow_c_stream__, or a list of dicts"
)


def _library(obj: object) -> str:
    return type(obj).__module__.split(".", 1)[0]


def cell(value: Any) -> Optional[str]:
    """One value as the text a CSV file would hold; None (or NaN, NA, NaT) is an empty cell."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return None if math.isnan(value) else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    period = _pandas_period(value)
    if period is not None:
        return period
    try:
        if value != value:  # pandas.NA, NaT and numpy NaN: missing
            return None
    except (TypeError, ValueError):
        return None
    text = str(value)
    return text


def _pandas_period(value: Any) -> Optional[str]:
    """pandas Period objects in betteroff's spelling (2020-05, 2020-Q1, 2020, 2019-04-30)."""
    if type(value).__name__ != "Period" or _library(value) != "pandas":
        return None
    freq = str(getattr(value, "freqstr", ""))
    if freq.startswith("M"):
        return f"{value.year:04d}-{value.month:02d}"
    if freq.startswith("Q"):
        return f"{value.year:04d}-Q{value.quarter}"
    if freq.startswith(("Y", "A")):
        return f"{value.year:04d}"
    if freq.startswith("D"):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return str(value)


def _from_dicts(rows: Sequence[Mapping[str, Any]]) -> Tuple[List[str], Rows]:
    columns: List[str] = []
    for r in rows:
        for key in r:
            if key not in columns:
                columns.append(key)
    return columns, [[cell(r.get(c)) for c in columns] for r in rows]


def to_records(data: Any, what: str) -> Tuple[str, List[str], Rows]:
    """(source name for messages, column names, rows of text cells)."""
    lib = _library(data)
    kind = type(data).__name__
    if lib == "pandas" and kind == "DataFrame":
        columns = [str(c) for c in data.columns]
        rows = [[cell(v) for v in row] for row in data.itertuples(index=False, name=None)]
        return f"{what} (pandas DataFrame)", columns, rows
    if lib == "polars" and kind == "DataFrame":
        return f"{what} (polars DataFrame)", list(data.columns), [[cell(v) for v in row] for row in data.rows()]
    if lib == "pyarrow" and kind in ("Table", "RecordBatch"):
        return f"{what} (pyarrow {kind})", list(data.column_names), _from_dicts(data.to_pylist())[1]
    if hasattr(data, "__arrow_c_stream__"):
        pa = require("pyarrow", f"reading {kind} through __arrow_c_stream__")
        table = pa.table(data)
        return f"{what} (Arrow stream)", list(table.column_names), _from_dicts(table.to_pylist())[1]
    if isinstance(data, (list, tuple)) and all(isinstance(r, Mapping) for r in data):
        columns, rows = _from_dicts(data)
        return f"{what} (list of dicts)", columns, rows
    raise TypeError(f"add_{what}() takes {ACCEPTED}; got {type(data).__module__}.{kind}")


def require(module: str, purpose: str) -> Any:
    """Imports an optional library, or says which to install."""
    try:
        return __import__(module)
    except ImportError as e:
        raise ImportError(f"{purpose} needs {module}: pip install {module}") from e
