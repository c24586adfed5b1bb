"""The same observations as pandas, polars, pyarrow, an Arrow stream and a list of dicts give
identical reports, equal to the golden JSON the CLI writes."""

import json
import csv
from pathlib import Path
from typing import Any, Callable, Dict

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import betteroff
from conftest import ROOT, without_locations

WSOA = ROOT / "examples/dudley-wsoa"
GOLDEN = (ROOT / "tests/vectors/dudley-wsoa-2020-05.json").read_text()


class ArrowStream:
    """Any object with __arrow_c_stream__ (the Arrow PyCapsule interface), not a pyarrow type."""

    def __init__(self, table: pa.Table) -> None:
        self._table = table

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self._table.__arrow_c_stream__(requested_schema)


def as_dicts(path: Path) -> list:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


READERS: Dict[str, Callable[[Path], Any]] = {
    "pandas": lambda p: pd.read_csv(p),
    "polars": lambda p: pl.read_csv(p, infer_schema_length=10000),
    "pyarrow": lambda p: pacsv.read_csv(p),
    "arrow-stream": lambda p: ArrowStream(pacsv.read_csv(p)),
    "dicts": as_dicts,
}


@pytest.mark.parametrize("reader", READERS)
def test_every_table_type_gives_the_golden_report(reader: str) -> None:
    read = READERS[reader]
    card = betteroff.Scorecard.load(WSOA / "scorecard.toml")
    card.add_observations(read(WSOA / "observations.csv"))
    card.add_comparators(read(WSOA / "comparators.csv"))
    card.add_actions(read(WSOA / "actions.csv"))
    card.add_commentary(read(WSOA / "commentary.csv"))
    card.add_annotations(read(WSOA / "annotations.csv"))
    got = card.score("2020-05").to_json()
    # Byte for byte, but for where each warning's figure came from (a row of the table here).
    assert without_locations(got) == without_locations(GOLDEN)
    assert all(w["location"]["row"] is not None for w in json.loads(got)["warnings"])


def test_analyst_spellings_and_python_values() -> None:
    # A pandas Period column, dates and numbers work as the CSV spellings do.
    card = betteroff.Scorecard.load(WSOA / "scorecard.toml")
    frame = pd.DataFrame(
        {
            "measure": ["9.A1", "9.A1"],
            "period": [pd.Period("2019-04", "M"), pd.Period("2019-05", "M")],
            "value": [5200, 5150.0],
        }
    )
    card.add_observations(frame)
    m = next(m for m in card.score().to_dict()["measures"] if m["id"] == "9.A1")
    assert [p["period"] for p in m["series"]] == ["2019-04", "2019-05"]
    assert m["change"]["previous"]["absolute"] == -50.0
    quarters = pd.Series(pd.period_range("2020Q1", periods=2, freq="Q"))
    from betteroff._tables import cell

    assert [cell(q) for q in quarters] == ["2020-Q1", "2020-Q2"]
    assert cell(float("nan")) is None and cell(pd.NA) is None and cell(None) is None


def test_report_tables_have_one_row_per_measure() -> None:
    report = betteroff.Scorecard.load(WSOA).score("2020-05")
    frames = [report.to_pandas(), report.to_polars(), report.to_arrow()]
    assert [len(f) for f in frames] == [38, 38, 38]
    df = frames[0]
    a3b = df[df["id"] == "2.A3b"].iloc[0]
    # 28% reduced by 50% -> 14%; 14% in May 2020: achieved.
    assert (a3b["target_value"], a3b["value"], a3b["status"]) == (14.0, 14.0, "achieved")
    assert frames[1].columns == list(df.columns) == frames[2].column_names
    assert str(frames[1].schema["value"]) == "Float64" and str(frames[2].schema.field("streak").type) == "int64"
    assert (df["status"] == "off_track").sum() == 2


def test_numpy_scalars_and_fiscal_periods() -> None:
    import numpy as np

    from betteroff._tables import cell

    # numpy.float64 is a float whose repr is "np.float64(1.5)" (numpy 2): read as the number.
    assert cell(np.float64(1.5)) == "1.5"
    assert cell(np.float64("nan")) is None
    assert cell(np.int64(3)) == "3"
    assert cell(np.bool_(True)) == "true"
    # Q-MAR's 2020Q1 is April to June 2019: the calendar quarter 2019-Q2, not 2020-Q1.
    assert cell(pd.Period("2020Q1", freq="Q-MAR")) == "2019-Q2"
    assert cell(pd.Period("2020Q4", freq="Q-MAR")) == "2020-Q1"
    assert cell(pd.Period("2020Q1", freq="Q-DEC")) == "2020-Q1"
    # A year ending March is a financial year; one ending August an academic year.
    assert cell(pd.Period("2020", freq="Y-MAR")) == "FY2019/20"
    assert cell(pd.Period("2020", freq="Y-AUG")) == "2019/20"
    assert cell(pd.Period("2020", freq="Y-DEC")) == "2020"
    with pytest.raises(ValueError, match="no calendar quarter"):
        cell(pd.Period("2020Q1", freq="Q-JAN"))
    # In a table, the same refusal is a PeriodError naming the table, row and field (found by
    # fuzz/tables/fuzz_python.py: it was a bare ValueError).
    card = betteroff.Scorecard.from_toml((ROOT / "tests/fixtures/minimal/scorecard.toml").read_text())
    frame = pd.DataFrame({"measure": ["m", "m"], "period": [pd.Period("2019-04", "M"), pd.Period("2006", freq="Y-JAN")], "value": [1, 2]})
    with pytest.raises(betteroff.PeriodError, match=r'^observations \(pandas DataFrame\), row 2: field "period": pandas period 2006 \(Y-JAN\)'):
        card.add_observations(frame)
