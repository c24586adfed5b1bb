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


class CellError(ValueError):
    """A cell whose value has no text betteroff reads (a pandas period of a span betteroff has
    no period for); `to_records` turns it into a PeriodError naming the table, row and field."""

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
        raise CellError(f"pandas period {value} ({freq}) runs {start.date()} to {end.date()}, "
                         "which is no calendar quarter: give its months instead")
    if freq.startswith(("Y", "A")):
        if start.month == 1:
            return f"{start.year:04d}"
        if start.month == 4:
            return f"FY{start.year:04d}/{(start.year + 1) % 100:02d}"
        if start.month == 9:
            return f"{start.year:04d}/{(start.year + 1) % 100:02d}"
        raise CellError(f"pandas period {value} ({freq}) runs {start.date()} to {end.date()}: "
                         "betteroff's years are calendar (Y-DEC), financial (Y-MAR) and academic "
                         "(Y-AUG) years")
    if freq.startswith("D"):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return str(value)


def _dicts(source: str, rows: Sequence[Mapping[str, Any]]) -> Tuple[str, List[str], Rows]:
    columns: List[str] = []
    for r in rows:
        for key in r:
            if key not in columns:
                columns.append(key)
    return source, columns, _rows(source, columns, ([r.get(c) for c in columns] for r in rows))


def to_records(data: Any, what: str) -> Tuple[str, List[str], Rows]:
    """(source name for messages, column names, rows of text cells). A cell that cannot be
    read is a PeriodError naming the table, the row (from 1) and the field, as the core names
    them."""
    try:
        return _to_records(data, what)
    except _Located as e:
        from ._betteroff import PeriodError

        raise PeriodError(f'{e.source}, row {e.row}: field "{e.field}": {e.message}') from None


class _Located(Exception):
    def __init__(self, source: str, row: int, field: str, message: str) -> None:
        super().__init__(message)
        self.source, self.row, self.field, self.message = source, row, field, message


def _rows(source: str, columns: Sequence[str], rows: Any) -> Rows:
    out: Rows = []
    for i, row in enumerate(rows, 1):
        line: List[Optional[str]] = []
        for c, v in zip(columns, row):
            try:
                line.append(cell(v))
            except CellError as e:
                raise _Located(source, i, str(c), str(e)) from None
        out.append(line)
    return out


def _to_records(data: Any, what: str) -> Tuple[str, List[str], Rows]:
    lib = _library(data)
    kind = type(data).__name__
    if lib == "pandas" and kind == "DataFrame":
        source, columns = f"{what} (pandas DataFrame)", [str(c) for c in data.columns]
        return source, columns, _rows(source, columns, data.itertuples(index=False, name=None))
    if lib == "polars" and kind == "DataFrame":
        source, columns = f"{what} (polars DataFrame)", list(data.columns)
        return source, columns, _rows(source, columns, data.rows())
    if lib == "pyarrow" and kind in ("Table", "RecordBatch"):
        return _dicts(f"{what} (pyarrow {kind})", data.to_pylist())
    if hasattr(data, "__arrow_c_stream__"):
        pa = require("pyarrow", f"reading {kind} through __arrow_c_stream__")
        return _dicts(f"{what} (Arrow stream)", pa.table(data).to_pylist())
    if isinstance(data, (list, tuple)) and all(isinstance(r, Mapping) for r in data):
        return _dicts(f"{what} (list of dicts)", data)
    raise TypeError(f"add_{what}() takes {ACCEPTED}; got {type(data).__module__}.{kind}")


def require(module: str, purpose: str) -> Any:
    """Imports an optional library, or says which to install."""
    try:
        return __import__(module)
    except ImportError as e:
        raise ImportError(f"{purpose} needs {module}: pip install {module}") from e
