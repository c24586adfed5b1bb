"""`betteroff score` beside `score_table` on the "national" workload: the same rows (areas
numbered, measure ids and periods as text, missing figures null, England as a comparator) from
one Parquet file, scored by the CLI (reading the file, scoring, writing Parquet: wall time of the
process) and by score_table from Python (an Arrow table already in memory); the two results must
be equal cell for cell.

    cargo build --release -p betteroff-cli -p betteroff-bench
    target/release/betteroff-bench national target/bench/national
    python bench/score_cli.py target/bench/national [RUNS]
"""

import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq

import betteroff
from national_tables import load, plain

ROOT = Path(__file__).resolve().parents[1]


def main(folder: str, runs: int) -> None:
    d = Path(folder)
    rows, comparators, definition = load(d)
    (d / "national.toml").write_text(definition)
    pq.write_table(rows, d / "national.parquet")
    pq.write_table(comparators, d / "england.parquet")
    pacsv.write_csv(rows, d / "national.csv")
    card = betteroff.Scorecard.from_toml(definition)
    py_times, cli_times, csv_times = [], [], []
    for _ in range(runs):
        t = time.perf_counter()
        expected = betteroff.score_table(rows, card, comparators=comparators)
        py_times.append(time.perf_counter() - t)
    cli = ROOT / "target" / "release" / "betteroff"
    for source, times in ((d / "national.parquet", cli_times), (d / "national.csv", csv_times)):
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run([cli, "score", source, "--scorecard", d / "national.toml", "--comparators",
                            d / "england.parquet", "--output", d / "scores.parquet"], check=True)
            times.append(time.perf_counter() - t)
        got = plain(pq.read_table(d / "scores.parquet"))
        want = plain(expected)
        bad = [c for c in want.column_names if got.column(c).to_pylist() != want.column(c).to_pylist()]
        if bad:
            sys.exit(f"{source.name}: betteroff score differs from score_table in {bad}")
    mb = (d / "national.parquet").stat().st_size / 1e6
    csv_mb = (d / "national.csv").stat().st_size / 1e6
    print(f"{rows.num_rows:,} rows, {expected.num_rows:,} series; medians of {runs}:")
    print(f"  score_table (Arrow in memory)                      {statistics.median(py_times):7.2f} s")
    print(f"  betteroff score, Parquet in ({mb:.0f} MB) and out        {statistics.median(cli_times):7.2f} s")
    print(f"  betteroff score, CSV in ({csv_mb:.0f} MB), Parquet out       {statistics.median(csv_times):7.2f} s")
    print("  every cell of both equal to score_table's")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3)
