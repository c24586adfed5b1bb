"""betteroff: outcomes-based accountability scorecards.

The same engine as the ``betteroff`` command line: define a scorecard once, feed it
observations (CSV, pandas, polars, pyarrow, lists of dicts), and score it at any period.

>>> import betteroff
>>> card = betteroff.Scorecard.load("examples/dudley-wsoa")          # doctest: +SKIP
>>> report = card.score(as_of="2020-05")                              # doctest: +SKIP
>>> report.to_pandas()[["id", "value", "target_value", "status"]]     # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _betteroff as _native
from ._betteroff import (
    SCHEMA,
    BetteroffError,
    DataError,
    DefinitionError,
    FormatError,
    PeriodError,
    TargetError,
    UsageError,
    __version__,
)
from ._tables import require, to_records

__all__ = [
    "SCHEMA",
    "BetteroffError",
    "Chart",
    "DataError",
    "DefinitionError",
    "FormatError",
    "PeriodError",
    "Report",
    "Scorecard",
    "TargetError",
    "UsageError",
    "__version__",
    "parse_period",
    "project_demand",
    "score_table",
    "spc_table",
]

PathLike = Union[str, "os.PathLike[str]"]


class Chart:
    """A measure's turn-the-curve chart, as SVG. Shown as a picture in notebooks."""

    def __init__(self, measure_id: str, svg: str) -> None:
        self.measure_id = measure_id
        self.svg = svg

    def _repr_svg_(self) -> str:
        return self.svg

    def __str__(self) -> str:
        return self.svg

    def __repr__(self) -> str:
        return f"<betteroff.Chart of {self.measure_id!r}>"

    def save(self, path: PathLike) -> None:
        Path(path).write_text(self.svg, encoding="utf-8")


class Report:
    """A scored scorecard: every measure's figures and status, and the summary."""

    def __init__(self, native: _native._Report) -> None:
        self._native = native

    @property
    def as_of(self) -> str:
        """The reporting period."""
        return str(self._native.as_of())

    def to_json(self) -> str:
        """The JSON contract: the same bytes as ``betteroff report --format json``."""
        return str(self._native.to_json())

    def to_dict(self) -> Dict[str, Any]:
        result: Dict[str, Any] = json.loads(self.to_json())
        return result

    def to_html(self) -> str:
        """One self-contained HTML page (the same as ``--format html``)."""
        return str(self._native.render("html"))

    def to_markdown(self) -> str:
        return str(self._native.render("markdown"))

    def to_text(self, colour: bool = False) -> str:
        return str(self._native.render("text", colour))

    def to_csv(self) -> str:
        return str(self._native.render("csv"))

    def chart(self, measure_id: str) -> Chart:
        """The measure's turn-the-curve chart."""
        return Chart(measure_id, str(self._native.chart(measure_id)))

    def spc_chart(self, measure_id: str) -> Optional[Chart]:
        """The measure's SPC (XmR) chart; None when its series is too short for SPC."""
        svg = self._native.spc_chart(measure_id)
        return None if svg is None else Chart(measure_id, svg)

    def _columns(self) -> List[Tuple[str, str, List[Any]]]:
        return [(str(n), str(k), list(v)) for n, k, v in self._native.measure_columns()]

    def breakdowns(self) -> Any:
        """One row per breakdown category of each measure's current period (measure,
        dimension, category, period, value, symbol, share_pct), as a pandas DataFrame: the
        published figures, a withheld cell with its symbol and no value."""
        pd = require("pandas", "Report.breakdowns()")
        columns = [(str(n), list(v)) for n, _, v in self._native.breakdown_columns()]
        return pd.DataFrame({name: values for name, values in columns})

    def breakdowns_csv(self) -> str:
        """The breakdowns as CSV, one row per category."""
        return str(self._native.breakdowns_csv())

    def turn_the_curve(self) -> Any:
        """Each measure's turn-the-curve record as a DataFrame, one row per item (measure,
        part, item): the story behind the curve, partners, what works, proposed actions with
        their status, data development and commentary, in Friedman's order."""
        pd = require("pandas", "Report.turn_the_curve()")
        columns = [(str(n), list(v)) for n, _, v in self._native.turn_the_curve_columns()]
        return pd.DataFrame(dict(columns))

    def turn_the_curve_csv(self) -> str:
        """The turn-the-curve records as CSV, one row per item."""
        return str(self._native.turn_the_curve_csv())

    def spc_summary(self) -> Any:
        """The Making Data Count summary matrix as a DataFrame: one row per measure with SPC
        (section, id, name, period, value, variation_icon, variation, assurance_icon,
        assurance, rule, rule_text, status), concern first, the rows every format shows."""
        pd = require("pandas", "Report.spc_summary()")
        columns = [(str(n), list(v)) for n, _, v in self._native.spc_matrix_columns()]
        return pd.DataFrame(dict(columns))

    def spc_summary_csv(self) -> str:
        """The SPC summary matrix as CSV."""
        return str(self._native.spc_matrix_csv())

    def to_pandas(self) -> Any:
        """One row per measure, as a pandas DataFrame."""
        pd = require("pandas", "Report.to_pandas()")
        return pd.DataFrame({name: values for name, _, values in self._columns()})

    def to_polars(self) -> Any:
        """One row per measure, as a polars DataFrame."""
        pl = require("polars", "Report.to_polars()")
        types = {"text": pl.Utf8, "number": pl.Float64, "integer": pl.Int64}
        return pl.DataFrame([pl.Series(n, v, dtype=types[k]) for n, k, v in self._columns()])

    def to_arrow(self) -> Any:
        """One row per measure, as a pyarrow Table."""
        pa = require("pyarrow", "Report.to_arrow()")
        types = {"text": pa.string(), "number": pa.float64(), "integer": pa.int64()}
        return pa.table({n: pa.array(v, type=types[k]) for n, k, v in self._columns()})

    def _repr_html_(self) -> str:
        return str(self._native.render("html_fragment"))

    def __repr__(self) -> str:
        return f"<betteroff.Report as of {self.as_of}>"


def _read(path: Path) -> Optional[Tuple[str, bytes]]:
    """A file's name and bytes, read at most to the size limit and one byte more (a FIFO or a
    device reports no size), so that memory stays bounded; ``None`` when it does not exist."""
    if not path.exists() or path.is_dir():
        return None
    with open(path, "rb") as f:
        data = f.read(_native.max_file_bytes() + 1)
    _native.check_read(str(path), len(data))
    return (str(path), data)


_WORKBOOK = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


def _workbooks(directory: Path) -> List[Path]:
    """The workbooks in a scorecard directory, by name; Excel's lock files (``~$book.xlsx``) are
    left, as the CLI leaves them."""
    return sorted(
        f
        for f in directory.iterdir()
        if f.is_file() and f.name.lower().endswith(_WORKBOOK) and not f.name.startswith("~$")
    )


def _table_files(definition: Tuple[str, bytes]) -> List[str]:
    """The files the definition's ``[[tables]]`` name (and their ``.meta.csv``), to be read from
    beside it; none when the definition does not read (loading it then reports why)."""
    name, data = definition
    try:
        text = data.decode("utf-8")
        card = _native._Scorecard.from_json(text, name) if name.endswith(".json") else _native._Scorecard.from_toml(text, name)
    except (UnicodeDecodeError, BetteroffError):
        return []
    tables: List[Dict[str, Any]] = json.loads(card.definition_json()).get("tables", [])
    return [str(f) for t in tables for f in (t["file"], t.get("meta")) if f]


class Scorecard:
    """A scorecard definition and the data added to it."""

    def __init__(self, native: _native._Scorecard) -> None:
        self._native = native

    @classmethod
    def load(cls, path: PathLike) -> "Scorecard":
        """A scorecard directory (scorecard.toml or .json, any of observations.csv,
        comparators.csv, actions.csv, commentary.csv, annotations.csv, and any workbooks: .xlsx, .xlsm, .xlsb, .xls, .ods, whose
        sheets named observations, comparators and actions are read), or a single .toml /
        .json definition file."""
        p = Path(path)
        if p.is_dir():
            defs = [d for d in (p / "scorecard.toml", p / "scorecard.json") if d.is_file()]
            if len(defs) != 1:
                raise FileNotFoundError(
                    f"{p} must hold exactly one of scorecard.toml and scorecard.json"
                )
            definition = _read(defs[0])
            assert definition is not None
            tables = [
                table
                for table in (_read(p / name) for name in _table_files(definition))
                if table is not None
            ]
            return cls(
                _native._Scorecard.load(
                    definition,
                    _read(p / "observations.csv"),
                    _read(p / "comparators.csv"),
                    _read(p / "actions.csv"),
                    [
                        book
                        for book in (_read(f) for f in _workbooks(p))
                        if book is not None
                    ],
                    tables,
                    _read(p / "commentary.csv"),
                    _read(p / "annotations.csv"),
                )
            )
        if not p.is_file():
            raise FileNotFoundError(f"no such scorecard directory or file: {p}")
        definition = _read(p)
        assert definition is not None
        return cls(_native._Scorecard.load(definition))

    @classmethod
    def from_toml(cls, text: str, source: str = "scorecard.toml") -> "Scorecard":
        return cls(_native._Scorecard.from_toml(text, source))

    @classmethod
    def from_json(cls, text: str, source: str = "scorecard.json") -> "Scorecard":
        return cls(_native._Scorecard.from_json(text, source))

    @classmethod
    def from_dict(cls, definition: Mapping[str, Any], source: str = "dict") -> "Scorecard":
        """A definition with the structure of scorecard.toml, as Python objects."""
        if not isinstance(definition, Mapping):
            raise TypeError(f"from_dict() takes a dict; got {type(definition).__name__}")
        return cls.from_json(json.dumps(definition), source)

    def to_dict(self) -> Dict[str, Any]:
        """The definition (not the data) with the structure of scorecard.toml."""
        result: Dict[str, Any] = json.loads(self._native.definition_json())
        return result

    def _add(self, what: str, data: Any, source: Optional[str]) -> "Scorecard":
        name, columns, rows = to_records(data, what)
        if not columns and not rows:
            return self  # an empty list: nothing to add
        self._native.add_records(what, source or name, columns, rows)
        return self

    def add_observations(self, data: Any, source: Optional[str] = None) -> "Scorecard":
        """Adds observations: columns measure, period, and value or numerator and denominator
        (optional: flag, breakdown, category, note). Takes a pandas DataFrame, a polars
        DataFrame, a pyarrow Table, an object with __arrow_c_stream__, or a list of dicts."""
        return self._add("observations", data, source)

    def add_comparators(self, data: Any, source: Optional[str] = None) -> "Scorecard":
        """Adds comparator values: columns measure, period, comparator, value (optional: group,
        note)."""
        return self._add("comparators", data, source)

    def add_actions(self, data: Any, source: Optional[str] = None) -> "Scorecard":
        """Adds actions: columns id, title, due, status (optional: section, objective, lead,
        completed, note)."""
        return self._add("actions", data, source)

    def add_commentary(self, data: Any, source: Optional[str] = None) -> "Scorecard":
        """Adds commentary, what the partnership said of a measure period by period: columns
        measure, period, text (optional: author). Shown in each measure's turn-the-curve
        record up to the reporting period."""
        return self._add("commentary", data, source)

    def add_annotations(self, data: Any, source: Optional[str] = None) -> "Scorecard":
        """Adds annotations, the dated events that explain a measure's series (an inspection,
        a new service): columns measure, period, text. Drawn on its charts as numbered
        markers and listed under them."""
        return self._add("annotations", data, source)

    def add_table(self, data: Union[PathLike, bytes], source: Optional[str] = None) -> "Scorecard":
        """Adds a published table (an EES tidy CSV or a Fingertips export) that the definition's
        ``[[tables]]`` names by its file name: given as a path, or as its bytes with ``source``
        its file name. For each measure whose ``from`` names the table, our area's
        figures, and England, the region, every other area and the statistical neighbours' mean
        as comparators (docs/data-sources.md)."""
        if isinstance(data, (bytes, bytearray, memoryview)):
            if source is None:
                raise TypeError("add_table(bytes) needs source=, the file name the definition gives")
            self._native.add_table(bytes(data), source)
            return self
        read = _read(Path(data))
        if read is None:
            raise FileNotFoundError(f"no such table file: {data}")
        self._native.add_table(read[1], source or read[0])
        return self

    def add_workbook(self, data: Union[PathLike, bytes], source: Optional[str] = None) -> "Scorecard":
        """Adds a workbook (.xlsx, .xlsm, .xlsb, .xls, .ods), given as a path or its bytes: the
        sheets named observations, comparators and actions (in any case), each with the columns
        of the CSV file of that name; a workbook named observations.xlsx (comparators, actions)
        with none of them is read from its first sheet. Cells are read as typed (dates as dates,
        numbers as numbers); errors name the sheet and cell. All or nothing."""
        if isinstance(data, (bytes, bytearray, memoryview)):
            self._native.add_workbook(bytes(data), source or "workbook")
            return self
        read = _read(Path(data))
        if read is None:
            raise FileNotFoundError(f"no such workbook: {data}")
        self._native.add_workbook(read[1], source or read[0])
        return self

    def score(
        self,
        as_of: Optional[str] = None,
        disclosure_control: bool = True,
        strict: bool = False,
        order: str = "plan",
        only: Union[str, Sequence[str]] = (),
    ) -> Report:
        """Scores every measure at ``as_of`` (default: the latest period with data). Small
        counts, and every figure that would reveal them, are withheld from the report (symbol
        ``c``); ``disclosure_control=False`` shows the true figures, for internal use only, and
        the report says so. Valid but suspicious input is listed in the report's ``warnings``;
        ``strict=True`` refuses it (a DataError listing each). For a board pack,
        ``order="exceptions"`` lists each section's measures missed, off track, special cause
        concern and at risk first, and ``only=["off_track", "at_risk"]`` lists only measures of
        those statuses (the report says so; its summary counts every measure)."""
        if as_of is not None and not isinstance(as_of, str):
            raise TypeError(f"as_of is a period written as text, e.g. '2020-05'; got {type(as_of).__name__}")
        statuses = only if isinstance(only, str) else ",".join(only)
        return Report(self._native.score(as_of, bool(disclosure_control), bool(strict), order, statuses))

    @property
    def title(self) -> str:
        return str(self._native.title())

    def _repr_html_(self) -> str:
        return str(self._native.summary_html())

    def __repr__(self) -> str:
        sections, measures, observations, comparators, actions = self._native.counts()
        return (
            f"<betteroff.Scorecard {self.title!r}: {sections} sections, {measures} measures, "
            f"{observations} observations, {comparators} comparator values, {actions} actions>"
        )


def project_demand(
    base: float, steps: Union[Mapping[str, float], Sequence[Tuple[str, float]]]
) -> List[Dict[str, Any]]:
    """Compounds ``base`` by each period's growth in percent (Dorset's table 3):

    >>> [s["rounded"] for s in project_demand(1568, {"2020": 1.9, "2025": 4.9, "2030": 1.0})]
    [1598.0, 1676.0, 1693.0]
    """
    items = list(steps.items()) if isinstance(steps, Mapping) else list(steps)
    return [
        {"period": p, "growth_pct": g, "value": v, "rounded": r}
        for p, g, v, r in _native.project_demand(float(base), [(str(p), float(g)) for p, g in items])
    ]


def parse_period(text: str) -> Dict[str, str]:
    """A period in any of the analyst's spellings: its canonical text, kind, start and end."""
    canonical, kind, start, end = _native.parse_period_text(text)
    return {"period": canonical, "kind": kind, "start": start, "end": end}


def spc_table(
    table: Any,
    *,
    series: str = "series",
    value: str = "value",
    polarity: str = "higher_is_better",
    screen_outliers: Optional[bool] = None,
    fix_after: Optional[int] = None,
    preset: Optional[str] = None,
) -> Any:
    """SPC (XmR limits and the four Making Data Count rules) for every point of many series at
    once, from an Arrow table or anything with ``__arrow_c_stream__`` (pyarrow, pandas, polars).

    ``preset`` names another tool's defaults: ``"nhsr_plotthedots"`` (the default: moving
    ranges screened, limits at 2.66 mean moving ranges, 7-point shift and trend),
    ``"mdc_excel"`` (no screening), ``"abspc"`` (the abspc package: no screening, 3 / 1.128,
    8-point shift, 6-point trend) or ``"powerbi_spc"`` (the Power BI SPC visual with its rules
    on: screening, 3 / 1.128, 7-point shift, 5-point trend, its two-in-three rule);
    ``screen_outliers`` and ``fix_after``, when given, override it.

    The rows must be grouped by ``series`` (text or whole numbers) and in time order within each
    series; ``value`` holds numbers, none missing. Values are read from Arrow buffers, never
    turned into Python objects. The result has one row per input row, in input order: the
    series and value columns, then ``mean``, ``lower``, ``upper`` (null where a series has too
    few points for limits), ``rule`` and ``point_type`` (dictionary-encoded text, the names of
    the JSON report). It is a ``pyarrow.Table`` when pyarrow is installed, otherwise an Arrow
    table object that pandas, polars and pyarrow all read through ``__arrow_c_stream__``.

    >>> import pyarrow as pa                                              # doctest: +SKIP
    >>> t = pa.table({"series": ["a"] * 20, "value": [10.0, 12.0] * 10})  # doctest: +SKIP
    >>> spc_table(t).column("upper")[0].as_py()                           # doctest: +SKIP
    16.32
    """
    result = _native.spc_table(table, series, value, polarity, screen_outliers, fix_after, preset)
    try:
        pyarrow = __import__("pyarrow")
    except ImportError:
        return result
    return pyarrow.table(result)


def score_table(
    table: Any,
    scorecard: Scorecard,
    *,
    area: str = "area",
    measure: str = "measure",
    period: str = "period",
    value: str = "value",
    as_of: Optional[str] = None,
    points: bool = False,
    comparators: Any = None,
    disclosure_control: bool = True,
    summary: Optional[str] = None,
) -> Any:
    """Scores every area against every measure of ``scorecard`` at once, from an Arrow table or
    anything with ``__arrow_c_stream__`` (pyarrow, pandas, polars): the same figures as scoring
    each area's own scorecard with the other areas as its benchmark group.

    One row per area, measure and period, grouped by area and measure and in time order within
    each; ``area`` holds text or whole numbers, ``measure`` the scorecard's measure ids,
    ``period`` periods as text (dictionary-encoded text, such as a pandas categorical, is read
    fastest), ``value`` numbers, null or NaN where a figure is missing. Values are read from
    Arrow buffers, never turned into Python objects.

    The result has one row per series: area and measure as given, the latest ``period`` and
    ``value``, ``baseline_period``, ``baseline``, ``target``, ``comparison``, ``judged`` (the
    value, or for a gap target its gap to the comparator), ``expected``,
    ``progress_pct``, ``status`` (the JSON report's names), SPC limits (``spc_mean``,
    ``spc_lower``, ``spc_upper``), the Making Data Count icons (``variation_icon``,
    ``assurance``: the JSON's names, as the scorecard gives them), the forecast (``forecast_points``, ``slope_per_year``,
    ``forecast_at_due``, ``reachable``, ``baseline_forecast``, ``turned``) and the benchmark
    among all areas (``benchmark_period``, ``q1``, ``median``, ``q3``, ``band``, ``rank``,
    ``areas``), in full precision, null where a figure does not apply. With ``points=True`` it
    has one row per input row instead: the four input columns, ``rule`` and ``point_type``.
    ``comparators`` (optional, any table as above) holds named comparators' figures with the
    columns of comparators.csv (``measure``, ``period``, ``comparator``, ``value``): comparator
    and gap targets ("match England", "halve the gap") resolve to them as in the scorecard.
    Direction and milestone targets and SPC rebasing are refused (``UsageError``).
    Disclosure control applies as in the scorecard (docs/disclosure.md): a count measure's
    small counts are withheld (status ``suppressed`` when the latest is) and counts are rounded
    when the scorecard says so, before anything is worked from them; ``disclosure_control=False``
    scores the true figures, for internal use only. ``summary="measure"`` (or ``"area"``)
    returns the batch matrix of icons instead: one row per measure (or area), with ``series``
    and how many of its series have each variation icon (``common_cause``,
    ``improvement_high``, ..., ``no_spc``) and each assurance icon (``consistent_pass``,
    ``consistent_fail``, ``inconsistent``, ``no_assurance``), concern first.

    >>> card = Scorecard.load("examples/national/scorecard.toml")         # doctest: +SKIP
    >>> score_table(df, card).to_pandas()                                 # doctest: +SKIP
    """
    result = _native.score_table(
        table, scorecard._native, area, measure, period, value, as_of, points, comparators,
        disclosure_control, summary,
    )
    try:
        pyarrow = __import__("pyarrow")
    except ImportError:
        return result
    return pyarrow.table(result)
