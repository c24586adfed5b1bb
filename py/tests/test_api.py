"""The Python API: loading, round trips, rendering, charts, rich display, projections."""

import subprocess
import sys
import threading

import pytest

import betteroff
from conftest import ROOT


def test_definition_round_trips_through_a_dict() -> None:
    card = betteroff.Scorecard.load(ROOT / "examples/dudley-wsoa/scorecard.toml")
    again = betteroff.Scorecard.from_dict(card.to_dict())
    assert again.to_dict() == card.to_dict()
    d = card.to_dict()
    assert len(d["sections"]) == 14 and d["sections"][1]["measures"][1]["target"] == {
        "kind": "relative", "change": -50.0, "due": "2020-05",
        "wording": "Reduce the number of parents and carers dissatisfied with the assessment of their "
                   "child's needs by 50% compared to the April 2019 benchmark (32%) by May 2020",
    }


def test_rendering_and_display() -> None:
    card = betteroff.Scorecard.load(ROOT / "examples/dudley-wsoa")
    assert "14 sections, 38 measures, 117 observations" in repr(card)
    assert "<th scope=\"row\">Area 2:" in card._repr_html_()
    report = card.score("2020-05")
    assert report.as_of == "2020-05" and repr(report) == "<betteroff.Report as of 2020-05>"
    fragment = report._repr_html_()
    assert fragment.startswith("<style>") and "<body" not in fragment and '<div class="bo">' in fragment
    assert report.to_text().startswith("Dudley Local Area SEND Written Statement of Action")
    chart = report.chart("2.A3a")
    # 32% (April 2019) to 16% by May 2020; 17% in May 2020.
    assert ">Baseline 32%</text>" in chart._repr_svg_() and ">Target 16%</text>" in str(chart)
    assert report.to_csv().splitlines()[0].startswith("section,id,name,kind")
    spc = report.spc_chart("9.A1")
    assert spc is not None and spc.svg.startswith("<svg") and "SPC chart of Local Offer usage" in spc.svg
    assert report.spc_chart("2.A3a") is None  # three figures: too few for SPC


def test_project_demand_dorset_table_3() -> None:
    # Dorset strategy table 3: 1,568 EHCPs (2017), +1.9%, +4.9%, +1.0% -> 1,598, 1,676, 1,693.
    steps = betteroff.project_demand(1568, [("2020", 1.9), ("2025", 4.9), ("2030", 1.0)])
    assert [s["rounded"] for s in steps] == [1598.0, 1676.0, 1693.0]
    assert steps[0]["value"] == 1597.792


def test_parse_period() -> None:
    assert betteroff.parse_period("FY 2019/20") == {
        "period": "FY2019/20", "kind": "FinancialYear", "start": "2019-04-01", "end": "2020-03-31"}


def test_scoring_releases_the_gil() -> None:
    # Two threads scoring at once both finish and agree (the core runs without the GIL).
    card = betteroff.Scorecard.load(ROOT / "examples/dudley-wsoa")
    results: list = []
    threads = [threading.Thread(target=lambda: results.append(card.score("2020-05").to_json())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and len(set(results)) == 1


def test_import_needs_no_dataframe_library() -> None:
    # pandas, polars and pyarrow are optional: blocking them, import works and a method that
    # needs one says which to install.
    code = (
        "import sys\n"
        "for m in ('pandas', 'polars', 'pyarrow'): sys.modules[m] = None\n"
        "import betteroff\n"
        f"r = betteroff.Scorecard.load({str(ROOT / 'examples/dorset')!r}).score()\n"
        "try:\n    r.to_pandas()\nexcept ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "Report.to_pandas() needs pandas: pip install pandas"


def test_disclosure_control_is_on_by_default() -> None:
    # Dudley 12.B2: 1 permanent exclusion in Autumn 2019 is withheld (c); internal use shows it.
    card = betteroff.Scorecard.load(ROOT / "examples/dudley-wsoa")
    published = next(m for m in card.score("2020-05").to_dict()["measures"] if m["id"] == "12.B2")
    assert [(p["value"], p["symbol"]) for p in published["series"]] == [(None, "c"), (0.0, None)]
    internal = card.score("2020-05", disclosure_control=False)
    assert "Disclosure control is OFF" in internal.to_text()
    assert [p["value"] for p in next(m for m in internal.to_dict()["measures"] if m["id"] == "12.B2")["series"]] == [1.0, 0.0]


def test_breakdowns_as_a_dataframe_and_csv() -> None:
    # Stockton's EHC plans by age group, 2022-Q4: 449 of 1,383 are aged 5-10 (32.4656...%); the
    # small 0-4 count is withheld, and 20-25 with it, so neither can be worked back.
    report = betteroff.Scorecard.load(ROOT / "examples/stockton").score()
    frame = report.breakdowns()
    assert list(frame.columns) == [
        "measure", "dimension", "category", "period", "value", "symbol", "share_pct", "change", "change_from",
    ]
    ages = frame[(frame["measure"] == "ehcp-count") & (frame["dimension"] == "age_group")].set_index("category")
    assert ages.loc["5-10", "value"] == 449 and ages.loc["5-10", "share_pct"] == 32.465654
    assert ages.loc["5-10", "change"] == 8 and ages.loc["5-10", "change_from"] == "2022-Q3"  # 441 before
    assert ages.loc["0-4", "symbol"] == "c" and ages.loc["0-4", "value"] != ages.loc["0-4", "value"]  # NaN: no figure
    assert ages.loc["20-25", "symbol"] == "c"
    assert "ehcp-count,age_group,5-10,2022-Q4,449,,32.465654,8,2022-Q3" in report.breakdowns_csv().splitlines()


def test_turn_the_curve_as_a_dataframe_and_csv() -> None:
    # The Dudley WSoA's area 2 records (docs/scorecard-format.md): the same words as every
    # other format, one row per item in Friedman's order.
    report = betteroff.Scorecard.load(ROOT / "examples/dudley-wsoa").score("2020-05")
    frame = report.turn_the_curve()
    assert list(frame.columns) == ["measure", "part", "item"]
    a3a = frame[frame["measure"] == "2.A3a"]
    assert list(dict.fromkeys(a3a["part"])) == ["Story behind the curve", "Partners", "Proposed actions"]
    assert list(a3a[a3a["part"] == "Partners"]["item"]) == ["SEND Manager DMBC", "Parents and carers", "SENCos"]
    assert "2.A3a,Partners,SEND Manager DMBC" in report.turn_the_curve_csv().splitlines()
    record = next(m for m in report.to_dict()["measures"] if m["id"] == "2.A3a")["turn_the_curve"]
    assert [a["id"] for a in record["actions"]] == ["2.A.3", "2.A.2"]
    assert "Story behind the curve" in report.to_text()


def test_board_pack_order_and_filter() -> None:
    # Dudley WSoA, May 2020: area 2 exceptions first (missed 2.A3a and 2.B4, off track 2.B1b,
    # at risk 2.A2 and 2.B1c, then the rest in the plan's order), as in Rust and JavaScript.
    card = betteroff.Scorecard.load(ROOT / "examples/dudley-wsoa")
    ordered = card.score("2020-05", order="exceptions").to_dict()
    area2 = next(s for s in ordered["sections"] if s["id"] == "area-2")["measures"]
    assert area2 == ["2.A3a", "2.B4", "2.B1b", "2.A2", "2.B1c", "2.A3b", "2.A5", "2.B1a", "2.B5"]
    only = card.score("2020-05", only=["off_track", "missed"]).to_dict()
    assert len(only["measures"]) == 14 and {m["status"] for m in only["measures"]} == {"off_track", "missed"}
    assert only["summary"]["measures"] == 38
    with pytest.raises(betteroff.UsageError, match='only: unknown status "late"'):
        card.score("2020-05", only="late")


def test_spc_summary_matrix_as_a_dataframe_and_csv() -> None:
    # Stockton's monthly EHC timeliness (the one measure with SPC): 75% in December 2022, above
    # the upper limit, an improvement where higher is better; the target (60%) within the
    # limits: hit and miss. The same rows as the report's summary.spc and the CLI's --table spc.
    report = betteroff.Scorecard.load(ROOT / "examples/stockton").score()
    frame = report.spc_summary()
    assert list(frame.columns) == [
        "section", "id", "name", "period", "value", "variation_icon", "variation",
        "assurance_icon", "assurance", "rule", "rule_text", "status",
    ]
    row = frame.iloc[0]
    assert (row["id"], row["variation_icon"], row["assurance_icon"], row["rule_text"]) == (
        "ehcp-20-weeks-monthly", "improvement_high", "inconsistent", "Above UCL",
    )
    assert len(frame) == len(report.to_dict()["summary"]["spc"])
    assert report.spc_summary_csv().splitlines()[1].startswith("identified-early,ehcp-20-weeks-monthly,")
    assert 'aria-label="Variation: Special cause improvement: higher values"' in report._repr_html_()


def test_annotations_from_a_directory_and_a_dataframe() -> None:
    # Dudley's annotations.csv: three events on Local Offer usage, numbered on its charts.
    card = betteroff.Scorecard.load(ROOT / "examples/dudley-wsoa")
    m = next(m for m in card.score("2020-05").to_dict()["measures"] if m["id"] == "9.A1")
    assert [(a["number"], a["period"]) for a in m["annotations"]] == [(1, "2019-05"), (2, "2019-07"), (3, "2020-03")]
    import pandas as pd

    card.add_annotations(pd.DataFrame({"measure": ["9.A1"], "period": ["2020-04"], "text": ["Illustrative: a new page"]}))
    m = next(m for m in card.score("2020-05").to_dict()["measures"] if m["id"] == "9.A1")
    assert [a["number"] for a in m["annotations"]] == [1, 2, 3, 4]
    assert "Event 4 (2020-04): Illustrative: a new page" in card.score("2020-05").to_markdown()
