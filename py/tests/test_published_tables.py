"""Published tables through Python (core/tests/tables.rs holds the same cases in Rust): an EES
tidy CSV named in the definition's [[tables]] gives Dorset's Attainment 8 of the SEND Strategy
2018-21, table 4 (Dorset, statistical neighbours, England), with LAIT's band and rank; a bad cell
names the file, line and column."""

from pathlib import Path

import pytest

import betteroff
from conftest import ROOT

EXAMPLE = ROOT / "examples/dorset-ees"


def test_the_directory_reads_its_ees_file() -> None:
    report = betteroff.Scorecard.load(EXAMPLE).score().to_dict()
    by_id = {m["id"]: m for m in report["measures"]}
    for mid, dorset, sn, england in (
        ("ctx-a8-all", 50.1, 50.4, 48.5),
        ("ctx-a8-sen-support", 37.0, 34.9, 36.2),
        ("ctx-a8-ehcp", 17.8, 17.2, 17.0),
        ("ctx-a8-no-sen", 53.4, 53.5, 53.3),
    ):
        m = by_id[mid]
        comparators = {c["name"]: c["value"] for c in m["comparators"]}
        assert (m["value"], comparators["Statistical neighbours"], comparators["England"]) == (dorset, sn, england)
    # All pupils among 16 authorities: R type-7 quartiles 49.05, 49.9, 50.55; 50.1 is band B, rank 7
    # (worked in core/tests/tables.rs).
    b = by_id["ctx-a8-all"]["benchmark"]
    assert (b["q1"], b["median"], b["q3"], b["band"], b["rank"], b["sn_count"]) == (49.05, 49.9, 50.55, "B", 7, 10)


def test_add_table_takes_a_path_or_bytes_and_names_bad_cells(tmp_path: Path) -> None:
    definition = (EXAMPLE / "scorecard.toml").read_text()
    text = (EXAMPLE / "ks4-attainment.csv").read_text()
    from_path = betteroff.Scorecard.from_toml(definition).add_table(EXAMPLE / "ks4-attainment.csv")
    from_bytes = betteroff.Scorecard.from_toml(definition).add_table(text.encode(), "ks4-attainment.csv")
    assert from_path.score().to_json() == from_bytes.score().to_json()
    # Line 4 is Dorset's all-pupils row (the header is line 1).
    bad = text.replace("Dorset,Total,50.1", "Dorset,Total,n/a")
    with pytest.raises(betteroff.DataError) as e:
        betteroff.Scorecard.from_toml(definition).add_table(bad.encode(), "ks4-attainment.csv")
    assert 'ks4-attainment.csv:4: field "avg_att8": "n/a" is not a number' in str(e.value)
    with pytest.raises(betteroff.UsageError) as u:
        betteroff.Scorecard.from_toml(definition).add_table(text.encode(), "other.csv")
    assert 'no [[tables]] entry names this file (they name "ks4-attainment.csv", "ks4-attainment.meta.csv")' in str(u.value)
