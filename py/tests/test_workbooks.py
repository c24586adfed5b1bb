"""Workbooks through Python (core/tests/workbooks.rs holds the same cases in Rust): a scorecard
directory's workbook gives the CSV files' report byte for byte; a workbook as a path or as bytes;
dates typed as dates read as the measure's months; problems name the sheet and the cell. The
fixtures are written by `cargo run -p betteroff --example workbook_fixtures -- target/fixtures`
(scripts/test-all.sh runs it first), never committed as binaries."""

import json
import shutil
from pathlib import Path
from typing import Any, Dict

import pytest

import betteroff
from conftest import ROOT

FIXTURES = ROOT / "target/fixtures"
CARD = (ROOT / "tests/fixtures/minimal/scorecard.toml").read_text()


def fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.exists():
        pytest.fail(f"{path} is missing: run cargo run -p betteroff --example workbook_fixtures -- target/fixtures")
    return path


def test_a_directory_with_a_workbook_gives_the_golden_vector(tmp_path: Path) -> None:
    shutil.copy(ROOT / "examples/dudley-wsoa/scorecard.toml", tmp_path / "scorecard.toml")
    shutil.copy(fixture("dudley-wsoa.xlsx"), tmp_path / "wsoa.xlsx")
    (tmp_path / "~$wsoa.xlsx").write_bytes(b"lock")  # Excel's lock file is not a workbook
    report = betteroff.Scorecard.load(tmp_path).score("2020-05")
    # The golden vector, but for where each warning's figure came from (a CSV line there, a sheet
    # and cell here).
    golden = json.loads((ROOT / "tests/vectors/dudley-wsoa-2020-05.json").read_text())
    got = json.loads(report.to_json())
    assert [w["location"]["sheet"] for w in got["warnings"]] == ["observations"] * len(golden["warnings"])
    for r in (golden, got):
        for w in r["warnings"]:
            del w["location"]
    assert got == golden


def first(card: betteroff.Scorecard) -> Dict[str, Any]:
    result: Dict[str, Any] = card.score("2020-05").to_dict()["measures"][0]
    return result


def test_month_start_dates_from_a_path_or_bytes_score_as_the_tidy_months() -> None:
    tidy = betteroff.Scorecard.from_toml(CARD).add_observations(
        [{"measure": "m", "period": p, "value": v} for p, v in (("2019-04", 32), ("2019-10", 27), ("2020-04", 20))]
    )
    want = first(tidy)
    # 32% to 16% by 2020-05-31 from 2019-04-30: at 2020-04-30, e = 32 - 16 x 366/397 = 17.249; 20%
    # falls short by 2.75, more than 1.6: off track (docs/semantics.md section 5).
    assert (want["status"], want["expected"]) == ("off_track", 17.249370)
    path = fixture("month-start.xlsx")
    for card in (
        betteroff.Scorecard.from_toml(CARD).add_workbook(path, "observations.xlsx"),
        betteroff.Scorecard.from_toml(CARD).add_workbook(path.read_bytes(), "observations.xlsx"),
    ):
        got = first(card)
        assert (got["status"], got["expected"], got["period"]) == (want["status"], want["expected"], "2020-04")
        # The minimal measure has no frequency: the report says how its dates were read.
        warnings = card.score("2020-05").to_dict()["warnings"]
        assert [w["code"] for w in warnings] == ["inferred_frequency"]
        assert warnings[0]["location"]["sheet"] == "Observations"


def test_problems_name_the_sheet_and_the_cell() -> None:
    card = betteroff.Scorecard.from_toml(CARD)
    with pytest.raises(betteroff.DataError) as e:
        card.add_workbook(fixture("bad-value.xlsx"), "data.xlsx")
    assert 'data.xlsx, sheet "observations", cell C3: field "value": "thirty" is not a number' in str(e.value)
    errors = e.value.errors  # type: ignore[attr-defined]
    assert [(x["sheet"], x["cell"], x["field"]) for x in errors] == [
        ("observations", "C3", "value"),
        ("observations", "A4", "measure"),
    ]
    assert card.score("2020-05").to_dict()["measures"][0]["status"] == "no_data"  # nothing added


def test_a_workbook_without_its_sheets_is_refused() -> None:
    with pytest.raises(betteroff.FormatError) as e:
        betteroff.Scorecard.from_toml(CARD).add_workbook(fixture("no-sheet.xlsx").read_bytes(), "book.xlsx")
    assert str(e.value).startswith(
        'book.xlsx: the workbook has no sheet named observations, comparators or actions (its sheets are "Sheet1")'
    )
    with pytest.raises(FileNotFoundError):
        betteroff.Scorecard.from_toml(CARD).add_workbook(FIXTURES / "absent.xlsx")
