"""SPC of every series of a partitioned Parquet dataset, with Dask on a local cluster, giving
the same figures as one `betteroff.spc_table` call on the whole table.

    python examples/scale-out/dask_spc.py [SERIES] [POINTS] [WORKERS]

The data are illustrative (seeded random monthly series, some with a step change), not from a
seed document: the point is the plumbing. Each Parquet partition holds whole series (the
partition column is the series id divided by 100), because SPC needs every point of a series
together and in time order. Dask only schedules: every figure comes from betteroff's core, via
`map_partitions` calling `spc_table` on each partition's rows. The same function runs in Spark's
`mapInArrow` or Ray Data's `map_batches` (docs/scale-out.md).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import betteroff

COLUMNS = ["series", "month", "value"]


def make_dataset(folder: Path, series: int, points: int, seed: int = 20261125) -> None:
    """Writes `series` monthly series of `points` values as Parquet, partitioned by series // 100."""
    rng = np.random.default_rng(seed)
    level = rng.uniform(10, 1000, series)
    noise = rng.normal(0, 1, (series, points)) * (level * 0.05)[:, None]
    step = np.where(rng.random(series) < 0.2, 1.5 * level * 0.05, 0.0)
    at = rng.integers(1, points, series)
    values = level[:, None] + noise + step[:, None] * (np.arange(points)[None, :] >= at[:, None])
    ids = np.repeat(np.arange(series), points)
    table = pa.table(
        {
            "series": ids,
            "month": np.tile(np.arange(points), series),
            "value": values.ravel(),
            "part": ids // 100,
        }
    )
    pq.write_to_dataset(table, folder, partition_cols=["part"])


def spc_partition(df: pd.DataFrame) -> pd.DataFrame:
    """One partition's rows (whole series, in month order) to their SPC columns."""
    rows = df[COLUMNS].sort_values(["series", "month"], kind="stable")
    out = betteroff.spc_table(pa.Table.from_pandas(rows, preserve_index=False)).to_pandas()
    out.insert(1, "month", rows["month"].to_numpy())
    return out


def with_dask(folder: Path, workers: int = 2) -> pd.DataFrame:
    """The dataset scored on a local Dask cluster (worker processes talking over loopback)."""
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, host="127.0.0.1", dashboard_address=None) as cluster:
        with Client(cluster):
            ddf = dd.read_parquet(folder, columns=COLUMNS)
            meta = spc_partition(ddf._meta)
            return ddf.map_partitions(spc_partition, meta=meta).compute()


def single_machine(folder: Path) -> pd.DataFrame:
    """The whole dataset in one table, one call."""
    rows = pq.read_table(folder, columns=COLUMNS).to_pandas()
    return spc_partition(rows)


def same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """The same rows and figures, whatever order the partitions came back in."""
    key = ["series", "month"]
    a, b = (x.sort_values(key).reset_index(drop=True) for x in (a, b))
    for x in (a, b):
        for c in ("rule", "point_type"):
            x[c] = x[c].astype(str)
    return a.equals(b)


def main() -> None:
    given = [int(a) for a in sys.argv[1:4]]
    series, points, workers = given + [2000, 48, 2][len(given) :]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "spc.parquet"
        make_dataset(folder, series, points)
        dask_out = with_dask(folder, workers)
        local = single_machine(folder)
        flagged = int((local["rule"].astype(str) != "common_cause").sum())
        print(f"{series:,} series x {points} points; {flagged:,} points flagged")
        print("Dask result equals the single-machine result:", same(dask_out, local))
        if not same(dask_out, local):
            sys.exit(1)


if __name__ == "__main__":
    main()
