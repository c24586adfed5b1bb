"""Each bad-input case raises the right exception class, naming the file or table, the line or
row, and the field, with the core's message. Nothing surfaces as a PanicException."""

from pathlib import Path

import pytest

import betteroff
from conftest import ROOT

# The minimal scorecard every front end's error tests share (line 10 is the measure's id).
CARD = (ROOT / "tests/fixtures/minimal/scorecard.toml").read_text()


def card() -> betteroff.Scorecard:
    return betteroff.Scorecard.from_toml(CARD)


def test_hierarchy() -> None:
    for cls in (betteroff.FormatError, betteroff.DefinitionError, betteroff.PeriodError,
                betteroff.TargetError, betteroff.DataError, betteroff.UsageError):
        assert issubclass(cls, betteroff.BetteroffError)
    assert issubclass(betteroff.BetteroffError, ValueError)
    # Registered under the public module, so tracebacks and pickles name betteroff.DataError.
    for cls in (betteroff.BetteroffError, betteroff.FormatError, betteroff.DataError,
                betteroff.UsageError):
        assert cls.__module__ == "betteroff", cls
        assert cls.__qualname__ == cls.__name__


def test_unknown_measure_id() -> None:
    with pytest.raises(betteroff.DataError) as e:
        card().add_observations([{"measure": "m", "period": "2019-04", "value": 32},
                                 {"measure": "x9", "period": "2019-05", "value": 30}])
    assert str(e.value) == ('observations (list of dicts), row 2: field "measure": unknown measure id "x9": '
                            "the scorecard has no measure with that id")
    assert e.value.errors[0]["row"] == 2 and e.value.errors[0]["field"] == "measure"


def test_unparseable_period() -> None:
    import pandas as pd

    with pytest.raises(betteroff.PeriodError) as e:
        card().add_observations(pd.DataFrame({"measure": ["m"], "period": ["04/30/2019"], "value": [32]}))
    assert str(e.value).startswith('observations (pandas DataFrame), row 1: field "period": '
                                   'cannot read "04/30/2019" as a period')


def test_nan_value() -> None:
    with pytest.raises(betteroff.DataError) as e:
        card().add_observations([{"measure": "m", "period": "2019-04", "value": "NaN"}])
    assert 'row 1: field "value": "NaN" is not a finite number' in str(e.value)
    # In a DataFrame NaN means an empty cell: the row then has no figure at all.
    import pandas as pd

    with pytest.raises(betteroff.DataError, match='row 1: field "value": no figure'):
        card().add_observations(pd.DataFrame({"measure": ["m"], "period": ["2019-04"], "value": [float("nan")]}))


def test_duplicate_observation() -> None:
    with pytest.raises(betteroff.DataError, match=r'row 2: field "period": duplicate observation for measure "m" '
                                                  r"and period 2019-04: first given at observations \(list of dicts\)"):
        card().add_observations([{"measure": "m", "period": "2019-04", "value": 32},
                                 {"measure": "m", "period": "2019-04", "value": 31}])


def test_relative_target_on_a_zero_baseline() -> None:
    with pytest.raises(betteroff.TargetError) as e:
        betteroff.Scorecard.from_toml(CARD.replace('{ period = "2019-04" }', '{ period = "2019-04", value = 0 }'))
    assert str(e.value).startswith('scorecard.toml:10: field "baseline.value": measure "m": '
                                   "a relative target on a zero baseline")
    c = card().add_observations([{"measure": "m", "period": "2019-04", "value": 0}])
    with pytest.raises(betteroff.TargetError, match=r'row 1: field "value": measure "m": this observation is '
                                                    r"the baseline of a relative target, and it is zero"):
        c.score()


def test_target_date_before_its_baseline() -> None:
    with pytest.raises(betteroff.TargetError, match=r'scorecard.toml:10: field "target.due": measure "m": the '
                                                    r"target's due date 2019-01 does not come after its baseline"):
        betteroff.Scorecard.from_toml(CARD.replace('due = "2020-05"', 'due = "2019-01"'))


def test_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(betteroff.FormatError, match="scorecard.toml:2: "):
        betteroff.Scorecard.from_toml('id = "t"\ntitle = \n')
    (tmp_path / "scorecard.toml").write_text(CARD)
    (tmp_path / "observations.csv").write_bytes(b"measure,period,value\nm,2019-04,\xff\n")
    with pytest.raises(betteroff.FormatError, match=r"observations.csv:2: the file is not valid UTF-8"):
        betteroff.Scorecard.load(tmp_path)
    with pytest.raises(betteroff.DefinitionError, match="unknown unit"):
        betteroff.Scorecard.from_dict({"id": "t", "title": "T", "sections": [
            {"id": "s", "title": "S", "kind": "result", "measures": [
                {"id": "m", "name": "M", "kind": "indicator", "unit": "furlongs", "polarity": "neutral"}]}]})


def test_bad_arguments() -> None:
    with pytest.raises(TypeError, match=r"add_observations\(\) takes a pandas DataFrame, a polars DataFrame, a pyarrow "
                                        r"Table, an object with __arrow_c_stream__, or a list of dicts; got builtins.int"):
        card().add_observations(42)
    with pytest.raises(TypeError, match="as_of is a period written as text"):
        card().score(as_of=2020)  # type: ignore[arg-type]
    with pytest.raises(betteroff.PeriodError, match='as_of: cannot read "2020-13" as a period'):
        card().score(as_of="2020-13")
    with pytest.raises(betteroff.UsageError, match='no measure "nope"'):
        betteroff.Scorecard.load(ROOT / "examples/dorset").score().chart("nope")
    with pytest.raises(TypeError, match="from_dict"):
        betteroff.Scorecard.from_dict([1, 2])  # type: ignore[arg-type]


def test_no_panic_crosses_the_boundary() -> None:
    # Extreme but valid figures, odd text and empty tables: ordinary results or exceptions only.
    c = card()
    c.add_observations([{"measure": "m", "period": "2019-04", "value": "1e-300"},
                        {"measure": "m", "period": "2019-05", "value": "99.999999999"}])
    c.score()
    for bad in ([{"measure": "m\x00", "period": "\u202e2019", "value": "1"}], [{}], [{"measure": None}]):
        with pytest.raises(betteroff.BetteroffError):
            card().add_observations(bad)
    card().add_observations([])
