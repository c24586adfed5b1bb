"""The bad-input catalogue (tests/bad-input/cases.json) through Python: the same kind (as the
exception class) and the same message as the Rust core and the CLI; never a PanicException."""

import json
from pathlib import Path

import pytest

import betteroff
from conftest import ROOT

CASES = json.loads((ROOT / "tests/bad-input/cases.json").read_text(encoding="utf-8"))["cases"]
CLASSES = {
    "syntax": betteroff.FormatError,
    "definition": betteroff.DefinitionError,
    "period": betteroff.PeriodError,
    "target": betteroff.TargetError,
    "data": betteroff.DataError,
    "usage": betteroff.UsageError,
}


@pytest.mark.parametrize("case", [c for c in CASES if "python" in c.get("front_ends", ["python"])], ids=lambda c: c["id"])
def test_case(case: dict, tmp_path: Path) -> None:
    for name, content in case["files"].items():
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(bytes.fromhex(content["hex"]))
    expect = case["expect"]
    if expect["ok"]:
        report = betteroff.Scorecard.load(tmp_path).score()
        assert "<script>" not in report.to_html()
        got = [{k: w[k] for k in ("code", "measure", "message")} for w in report.to_dict()["warnings"]]
        assert got == expect.get("warnings", [])
        return
    with pytest.raises(CLASSES[expect["kind"]]) as e:
        betteroff.Scorecard.load(tmp_path).score()
    message = str(e.value).replace(f"{tmp_path}/", "")
    assert message.startswith(expect["message"]), message


def test_a_file_that_claims_no_size_is_read_only_to_the_limit(tmp_path: Path) -> None:
    # /dev/zero reports no size and never ends: Python reads it to the limit and one byte
    # more, then the core refuses it, as the CLI does.
    (tmp_path / "scorecard.toml").write_text((ROOT / "tests/fixtures/minimal/scorecard.toml").read_text())
    (tmp_path / "observations.csv").symlink_to("/dev/zero")
    with pytest.raises(betteroff.UsageError) as e:
        betteroff.Scorecard.load(tmp_path)
    assert "observations.csv: the file is larger than the limit of 256.0 MB (reading stopped there)" in str(e.value)
