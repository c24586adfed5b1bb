import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def root() -> Path:
    return ROOT


def manifest() -> list:
    return json.loads((ROOT / "tests/vectors/manifest.json").read_text())["vectors"]


def without_locations(report_json: str) -> dict:
    """A report as a dict, with each warning's location taken out: the one part that says where
    a figure came from (a CSV file's line, a DataFrame's row, a workbook's cell)."""
    report = json.loads(report_json)
    for w in report["warnings"]:
        del w["location"]
    return report
