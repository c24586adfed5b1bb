"""Full scoring of every area against every measure of a partitioned Parquet dataset with Spark
in local mode (`mapInArrow`), giving the same figures as one `betteroff.score_table` call on the
whole table: the recipe of docs/scale-out.md, run.

    python examples/scale-out/spark_score.py [AREAS] [MONTHS] [CORES]

The dataset and the scorecard are dask_score.py's (examples/scale-out/national.toml,
illustrative seeded figures, Parquet partitioned by measure). Spark repartitions the rows by
measure, so that each task holds whole measures (every area's months), and each task calls
`score_table` on its rows; every figure comes from betteroff's core. Needs pyspark and Java 17
(`bash scripts/test-spark.sh` sets both up and runs this).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

import betteroff

sys.path.insert(0, str(Path(__file__).parent))
from dask_score import COLUMNS, DEFINITION, make_dataset  # noqa: E402

# score_table's columns as Spark types (Spark has no dictionary and no unsigned integer type).
SCHEMA = ", ".join([
    "area string", "measure string", "period string", "value double", "baseline_period string",
    "baseline double", "target double", "comparison string", "judged double", "expected double",
    "progress_pct double", "status string", "spc_mean double", "spc_lower double",
    "spc_upper double", "variation_icon string", "assurance string", "forecast_points bigint", "slope_per_year double",
    "forecast_at_due double", "reachable boolean", "baseline_forecast double", "turned boolean",
    "benchmark_period string", "benchmark_value double", "q1 double", "median double",
    "q3 double", "band string", "rank bigint", "areas bigint",
])


def spark_ready(t: pa.Table) -> pa.Table:
    """Dictionary columns as text and unsigned counts as 64-bit integers, as Spark holds them."""
    for i, f in enumerate(t.schema):
        if pa.types.is_dictionary(f.type):
            t = t.set_column(i, f.name, t.column(i).cast(pa.string()))
        elif pa.types.is_unsigned_integer(f.type):
            t = t.set_column(i, f.name, t.column(i).cast(pa.int64()))
    return t


def score(rows: pa.Table) -> pa.Table:
    """Whole measures' rows, sorted as score_table needs them, scored."""
    rows = rows.select(COLUMNS).cast(pa.schema([(c, pa.string()) for c in COLUMNS[:3]] + [("value", pa.float64())]))
    rows = rows.sort_by([("area", "ascending"), ("measure", "ascending"), ("period", "ascending")])
    return spark_ready(betteroff.score_table(rows, betteroff.Scorecard.load(DEFINITION)))


def score_batches(batches):  # type: ignore[no-untyped-def]
    """mapInArrow's function: a task's batches (whole measures, thanks to the repartition by
    measure) collected into one table, because a series may span batches."""
    table = pa.Table.from_batches(list(batches))
    if table.num_rows:
        yield from score(table).to_batches()


def with_spark(folder: Path, cores: int) -> pa.Table:
    import os

    from pyspark.sql import SparkSession

    # Spark's Python workers run this interpreter (the one with betteroff and pyarrow).
    os.environ["PYSPARK_PYTHON"] = sys.executable

    spark = (SparkSession.builder.master(f"local[{cores}]").appName("betteroff-spark-check")
             .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
             .config("spark.sql.shuffle.partitions", str(cores * 2)).getOrCreate())
    try:
        df = spark.read.parquet(str(folder)).select(*COLUMNS)
        out = df.repartition("measure").mapInArrow(score_batches, SCHEMA)
        return out.toArrow()
    finally:
        spark.stop()


def tidy(t: pa.Table) -> pa.Table:
    return t.sort_by([("area", "ascending"), ("measure", "ascending")])


def differences(a: pa.Table, b: pa.Table) -> list[str]:
    """Columns whose cells differ (figures compared exactly), after sorting by area and measure."""
    a, b = tidy(a), tidy(b)
    if a.num_rows != b.num_rows:
        return [f"{a.num_rows} rows against {b.num_rows}"]
    return [c for c in b.column_names if not pc.all(pc.fill_null(pc.or_kleene(
        pc.equal(a.column(c), b.column(c)), pc.and_(pc.is_null(a.column(c)), pc.is_null(b.column(c)))), False)).as_py()]


def check(engine: str, run: Callable[[Path, int], pa.Table]) -> None:
    """Scores dask_score.py's dataset with `run(folder, cores)` and with one score_table call,
    prints both's summary and exits 1 unless they are equal. Arguments: [AREAS] [MONTHS] [CORES]."""
    given = [int(a) for a in sys.argv[1:4]]
    areas, months, cores = given + [153, 36, 2][len(given):]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "national.parquet"
        make_dataset(folder, areas, months)
        start = time.perf_counter()
        spread = run(folder, cores)
        seconds = time.perf_counter() - start
        local = score(pq.read_table(folder))
        diff = differences(spread, local)
        statuses = pc.value_counts(local.column("status")).to_pylist()
        print(f"{areas} areas x {local.num_rows // areas} measures x {months} months, {engine} with {cores} cores "
              f"in {seconds:.1f} s (with start-up); {local.num_rows} series; statuses "
              + ", ".join(f"{s['values']} {s['counts']}" for s in statuses))
        print(f"{engine} result equals the single-machine result:", not diff, *(["differing:", *diff] if diff else []))
        if diff:
            sys.exit(1)


if __name__ == "__main__":
    check("Spark local mode", with_spark)
