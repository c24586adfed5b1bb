"""Full scoring of every area against every measure of a partitioned Parquet dataset, with Dask
on a local cluster, giving the same figures as one `betteroff.score_table` call on the whole
table.

    python examples/scale-out/dask_score.py [AREAS] [MONTHS] [WORKERS]

The scorecard is examples/scale-out/national.toml; the figures are illustrative (seeded random
monthly series), not from a seed document: the point is the plumbing. Each Parquet partition
holds whole measures (every area's figures for them), because a series needs all its months and
quartile bands and ranks need every area's figure for the same measure and period. Dask only
schedules: every figure comes from betteroff's core, via `map_partitions` calling `score_table`
on each partition's rows. The same function runs in Spark's `mapInArrow` or Ray Data's
`map_batches` (docs/scale-out.md).
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

DEFINITION = Path(__file__).with_name("national.toml")
COLUMNS = ["area", "measure", "period", "value"]
# Each measure's national level and whether its figures are percentages (clipped to 0-100).
LEVELS = {"ehcp-20wk": (60, True), "absence": (35, True), "tribunals": (90, False),
          "reviews": (70, True), "requests": (400, False), "satisfaction": (72, True)}


def make_dataset(folder: Path, areas: int, months: int, seed: int = 20261125) -> None:
    """Writes every area's monthly figures from April 2022 as Parquet, partitioned by measure;
    3% of figures are missing (null)."""
    rng = np.random.default_rng(seed)
    periods = pd.period_range("2022-04", periods=months, freq="M").strftime("%Y-%m")
    parts = []
    for measure, (level, pct) in LEVELS.items():
        area_level = level * (1 + 0.15 * rng.normal(size=(areas, 1)))
        trend = level * 0.004 * rng.normal() * np.arange(months)
        y = area_level + trend + rng.normal(size=(areas, months)) * level * 0.05
        y = np.clip(y, 0, 100) if pct else np.maximum(y, 0)
        y = np.where(rng.random((areas, months)) < 0.03, np.nan, y)
        parts.append(pd.DataFrame({
            "area": np.repeat([f"LA{a:03}" for a in range(areas)], months),
            "measure": measure,
            "period": np.tile(periods, areas),
            "value": y.ravel(),
        }))
    pq.write_to_dataset(pa.Table.from_pandas(pd.concat(parts), preserve_index=False), folder,
                        partition_cols=["measure"])


def score_partition(df: pd.DataFrame) -> pd.DataFrame:
    """One partition's rows (whole measures) to one row of scores per area and measure."""
    rows = df[COLUMNS].astype({"area": str, "measure": str, "period": str})
    rows = rows.sort_values(["area", "measure", "period"], kind="stable")
    # The scorecard is loaded in the worker (a few measures: microseconds), so nothing but the
    # function and the rows travels to it.
    card = betteroff.Scorecard.load(DEFINITION)
    out = betteroff.score_table(pa.Table.from_pandas(rows, preserve_index=False), card).to_pandas()
    # Dictionary-encoded columns (status, band, periods) arrive as categoricals whose categories
    # differ from partition to partition; plain text concatenates.
    categorical = [c for c in out.columns if isinstance(out[c].dtype, pd.CategoricalDtype)]
    return out.astype({c: object for c in categorical})


def with_dask(folder: Path, workers: int = 2) -> pd.DataFrame:
    """The dataset scored on a local Dask cluster (worker processes talking over loopback)."""
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, host="127.0.0.1", dashboard_address=None) as cluster:
        with Client(cluster):
            ddf = dd.read_parquet(folder, columns=COLUMNS)
            meta = score_partition(ddf._meta)
            return ddf.map_partitions(score_partition, meta=meta).compute()


def single_machine(folder: Path) -> pd.DataFrame:
    """The whole dataset in one table, one call."""
    return score_partition(pq.read_table(folder, columns=COLUMNS).to_pandas())


def same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """The same rows and figures, whatever order the partitions came back in."""
    def tidy(x: pd.DataFrame) -> pd.DataFrame:
        return x.sort_values(["area", "measure"]).reset_index(drop=True)

    return tidy(a).equals(tidy(b))


def main() -> None:
    given = [int(a) for a in sys.argv[1:4]]
    areas, months, workers = given + [153, 36, 2][len(given):]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "national.parquet"
        make_dataset(folder, areas, months)
        dask_out = with_dask(folder, workers)
        local = single_machine(folder)
        print(f"{areas} areas x {len(LEVELS)} measures x {months} months; statuses:")
        print(local["status"].astype(str).value_counts().to_string())
        print("Dask result equals the single-machine result:", same(dask_out, local))
        if not same(dask_out, local):
            sys.exit(1)


if __name__ == "__main__":
    main()
