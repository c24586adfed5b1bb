"""Every golden vector in tests/vectors/ reproduced byte for byte through Python."""

import pytest

import betteroff
from conftest import ROOT, manifest


@pytest.mark.parametrize("vector", manifest(), ids=lambda v: v["file"].split("/")[-1])
def test_golden_vector(vector: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    # Loaded by the path the CLI is given (relative to the root), so that every file is named as
    # the vectors name it (a warning says which file and line its figure came from).
    monkeypatch.chdir(ROOT)
    card = betteroff.Scorecard.load(vector["example"])
    report = card.score(as_of=vector["as_of"])
    render = {
        "json": report.to_json,
        "markdown": report.to_markdown,
        "html": report.to_html,
        "csv": report.to_csv,
    }[vector["format"]]
    expected = (ROOT / vector["file"]).read_bytes()
    assert render().encode("utf-8") == expected


def test_json_is_the_cli_contract() -> None:
    report = betteroff.Scorecard.load(ROOT / "examples/dudley-wsoa").score("2020-05")
    d = report.to_dict()
    assert d["schema"] == betteroff.SCHEMA == "betteroff.report/2"
    a3a = next(m for m in d["measures"] if m["id"] == "2.A3a")
    # WSoA area 2 A3: 32% reduced by 50% -> 16% by May 2020; 17% then: missed.
    assert (a3a["target"]["value"], a3a["value"], a3a["status"]) == (16.0, 17.0, "missed")
