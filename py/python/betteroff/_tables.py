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
    if isinstance(value, bool) or (_library(value) == "numpy" and type(value).__name__ in ("bool", "bool_")):
        return "true" if value else "false"
    if isinstance(value, float):
        # float() first: numpy.float64 is a float whose repr is "np.float64(1.5)".
        return None if math.isnan(value) else repr(float(value))
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
    """pandas Period objects in betteroff's spelling (2020-05, 2020-Q1, 2020, 2019-04-30), by the
    span they cover: a fiscal quarter (``Q-MAR``: 2020Q1 is April to June 2019) is the calendar
    quarter with the same dates, a year ending March (``Y-MAR``) a financial year
    (``FY2019/20``), one ending August an academic year (``2019/20``). A span with no betteroff
    period (a quarter of a year ending in January, say) is refused, never shifted."""
    if type(value).__name__ != "Period" or _library(value) != "pandas":
        return None
    freq = str(getattr(value, "freqstr", ""))
    start, end = value.start_time, value.end_time
    if freq.startswith("M"):
        return f"{value.year:04d}-{value.month:02d}"
    if freq.startswith("Q"):
        if start.month in (1, 4, 7, 10) and (end.month - start.month) % 12 == 2:
            return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
        raise ValueError(f"pandas period {value} ({freq}) runs {start.date()} to {end.date()}, "
                         "which is no calendar quarter: give its months instead")
    if freq.startswith(("Y", "A")):
        if start.month == 1:
            return f"{start.year:04d}"
        if start.month == 4:
            return f"FY{start.year:04d}/{(start.year + 1) % 100:02d}"
        if start.month == 9:
            return f"{start.year:04d}/{(start.year + 1) % 100:02d}"
        raise ValueError(f"pandas period {value} ({freq}) runs {start.date()} to {end.date()}: "
                         "betteroff's years are calendar (Y-DEC), financial (Y-MAR) and academic "
                         "(Y-AUG) years")
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
