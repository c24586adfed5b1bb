"""Full scoring of every area against every measure of a partitioned Parquet dataset with Ray
Data on a local Ray instance (`groupby("measure").map_groups`), giving the same figures as one
`betteroff.score_table` call on the whole table: the Ray recipe of docs/scale-out.md, run.

    python examples/scale-out/ray_score.py [AREAS] [MONTHS] [CPUS]

The dataset and the scorecard are dask_score.py's; each group is one measure's rows (every area's
months), scored by `score_table` in a Ray worker. Needs `ray[data]` (`bash scripts/test-ray.sh`
sets it up and runs this).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).parent))
from dask_score import COLUMNS  # noqa: E402
from spark_score import check, score  # noqa: E402


def with_ray(folder: Path, cpus: int) -> pa.Table:
    import ray

    ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        ds = ray.data.read_parquet(str(folder), columns=COLUMNS)
        out = ds.groupby("measure").map_groups(score, batch_format="pyarrow")
        # Groups differ in which columns have nulls (the schema says so): unify them.
        return pa.concat_tables(ray.get(out.to_arrow_refs()), promote_options="permissive")
    finally:
        ray.shutdown()


if __name__ == "__main__":
    check("Ray Data", with_ray)
