"""Issue 8's scale-out check: examples/scale-out/dask_spc.py on a local Dask cluster (two worker
processes over loopback) gives exactly the single-machine figures."""

import importlib.util
from pathlib import Path

import pyarrow.parquet as pq

from conftest import ROOT


def _example(name: str = "dask_spc"):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, ROOT / f"examples/scale-out/{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dask_equals_single_machine(tmp_path: Path) -> None:
    ex = _example()
    folder = tmp_path / "spc.parquet"
    ex.make_dataset(folder, series=300, points=24)
    # Three partitions (series 0-99, 100-199, 200-299): the work really is split.
    assert len(pq.ParquetDataset(folder).fragments) == 3
    dask_out = ex.with_dask(folder, workers=2)
    local = ex.single_machine(folder)
    assert len(dask_out) == len(local) == 300 * 24
    # Some points are special cause (a fifth of the series step up by 1.5 sd), so the
    # comparison covers rules as well as limits.
    assert (local["rule"].astype(str) != "common_cause").sum() > 0
    assert ex.same(dask_out, local)


def test_dask_score_table_equals_single_machine(tmp_path: Path) -> None:
    # examples/scale-out/dask_score.py: full scoring (status, SPC, forecast, quartile bands and
    # ranks) of a Parquet dataset partitioned by measure, on two worker processes.
    ex = _example("dask_score")
    folder = tmp_path / "national.parquet"
    ex.make_dataset(folder, areas=30, months=24)
    assert len(pq.ParquetDataset(folder).fragments) == 6
    dask_out = ex.with_dask(folder, workers=2)
    local = ex.single_machine(folder)
    assert len(dask_out) == len(local) == 30 * 6
    # The comparison covers every kind of figure: targets judged, SPC limits, forecasts, bands.
    assert {"achieved", "on_track", "off_track"} <= set(local["status"])
    assert local["spc_mean"].notna().all() and local["band"].notna().any()
    assert local["forecast_at_due"].notna().any() and local["rank"].notna().any()
    assert ex.same(dask_out, local)
