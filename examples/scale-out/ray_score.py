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
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).parent))
from dask_score import COLUMNS, make_dataset  # noqa: E402
from spark_score import differences, score  # noqa: E402


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


def main() -> None:
    given = [int(a) for a in sys.argv[1:4]]
    areas, months, cpus = given + [153, 36, 2][len(given):]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "national.parquet"
        make_dataset(folder, areas, months)
        start = time.perf_counter()
        ray_out = with_ray(folder, cpus)
        ray_s = time.perf_counter() - start
        local = score(pq.read_table(folder))
        diff = differences(ray_out, local)
        print(f"{areas} areas x {local.num_rows // areas} measures x {months} months, Ray local ({cpus} CPUs) "
              f"in {ray_s:.1f} s (with start-up); {local.num_rows} series")
        print("Ray result equals the single-machine result:", not diff, *(["differing:", *diff] if diff else []))
        if diff:
            sys.exit(1)


if __name__ == "__main__":
    main()
