"""Where the rows come from does not change the scores: the generated national sample (20 areas
x 50 measures x 60 months, with England as a comparator) scored by score_table from Arrow, by
`betteroff score` from Parquet and from CSV, and from a real PostgreSQL server, both through
ADBC into Arrow and score_table (no copy into Python objects) and through the CLI's --from-sql,
gives the same table, cell for cell.

The server is one this test starts itself for the module, through scripts/with-postgres.sh (a
throwaway cluster on 127.0.0.1; Debian's postgresql installed when missing), stopped when the
module's tests end; or the one BETTEROFF_TEST_POSTGRES names, when it is set.
"""

import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

import betteroff

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from national_tables import load, plain  # noqa: E402

QUERY = "SELECT area, measure, period, value FROM national ORDER BY area, measure, period"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A PostgreSQL server's address: BETTEROFF_TEST_POSTGRES's, or a throwaway one started by
    scripts/with-postgres.sh, which keeps it up until its command (waiting on stdin) ends."""
    given = os.environ.get("BETTEROFF_TEST_POSTGRES")
    if given:
        yield given
        return
    proc = subprocess.Popen(["bash", ROOT / "scripts" / "with-postgres.sh", "bash", "-c",
                             'echo "$BETTEROFF_TEST_POSTGRES"; read -r _'],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdin is not None
    url = ""
    for line in proc.stdout:
        print(line, end="")
        if line.startswith("postgresql://"):
            url = line.strip()
            break
    if not url:
        pytest.fail(f"scripts/with-postgres.sh did not start a server (exit {proc.wait()})")
    try:
        yield url
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict:
    d = tmp_path_factory.mktemp("national")
    subprocess.run(["cargo", "build", "-q", "-p", "betteroff-cli", "-p", "betteroff-bench"], cwd=ROOT, check=True)
    target = ROOT / "target" / "debug"
    subprocess.run([target / "betteroff-bench", "national", d, "20", "50", "60"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows, comparators, definition = load(d)
    (d / "national.toml").write_text(definition)
    pq.write_table(rows, d / "national.parquet")
    pacsv.write_csv(rows, d / "national.csv")
    pq.write_table(comparators, d / "england.parquet")
    pacsv.write_csv(comparators, d / "england.csv")
    card = betteroff.Scorecard.from_toml(definition)
    expected = betteroff.score_table(rows, card, comparators=comparators)
    return {"dir": d, "cli": target / "betteroff", "rows": rows, "comparators": comparators,
            "card": card, "expected": plain(expected)}


def cli(sample: dict, *args: str) -> pa.Table:
    out = sample["dir"] / f"out-{abs(hash(args))}.parquet"
    d = sample["dir"]
    subprocess.run([sample["cli"], "score", *args, "--scorecard", d / "national.toml", "--output", out],
                   check=True, env={**os.environ, "BETTEROFF_NO_PROGRESS": "1"})
    return plain(pq.read_table(out))


def same(got: pa.Table, expected: pa.Table) -> None:
    assert got.column_names == expected.column_names
    assert got.num_rows == expected.num_rows == 20 * 50
    for name in expected.column_names:
        assert got.column(name).to_pylist() == expected.column(name).to_pylist(), name


def test_the_sample_is_scored_with_every_status_and_band(sample: dict) -> None:
    # A sample that exercises the scoring: several statuses, the four bands, SPC limits.
    t = sample["expected"]
    assert len(set(t.column("status").to_pylist())) >= 4
    assert set(t.column("band").to_pylist()) >= {"A", "B", "C", "D"}
    assert t.column("spc_mean").null_count < t.num_rows


def test_cli_from_parquet_and_csv_equals_score_table(sample: dict) -> None:
    d = sample["dir"]
    same(cli(sample, str(d / "national.parquet"), "--comparators", str(d / "england.parquet")), sample["expected"])
    same(cli(sample, str(d / "national.csv"), "--comparators", str(d / "england.csv")), sample["expected"])


@pytest.fixture(scope="module")
def loaded(sample: dict, server: str) -> str:
    import adbc_driver_postgresql.dbapi as pg

    with pg.connect(server) as conn, conn.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS national")
        cur.adbc_ingest("national", sample["rows"], mode="create")
        conn.commit()
        cur.execute("SELECT count(*), count(value) FROM national")
        rows, figures = cur.fetchone()
    assert rows == sample["rows"].num_rows
    assert figures == sample["rows"].num_rows - sample["rows"].column("value").null_count
    return server


def test_postgres_through_adbc_into_score_table(sample: dict, loaded: str) -> None:
    import adbc_driver_postgresql.dbapi as pg

    with pg.connect(loaded) as conn, conn.cursor() as cur:
        cur.execute(QUERY)
        table = cur.fetch_arrow_table()
    assert table.schema.field("value").type == pa.float64()
    got = betteroff.score_table(table, sample["card"], comparators=sample["comparators"])
    same(plain(got), sample["expected"])


def test_postgres_through_the_cli(sample: dict, loaded: str) -> None:
    got = cli(sample, "--from-sql", loaded, "--query", QUERY, "--comparators", str(sample["dir"] / "england.parquet"))
    same(got, sample["expected"])


def test_a_failing_query_is_the_servers_message(sample: dict, loaded: str) -> None:
    d = sample["dir"]
    o = subprocess.run([sample["cli"], "score", "--from-sql", loaded, "--query", "SELECT * FROM nowhere",
                        "--scorecard", d / "national.toml"], capture_output=True, text=True)
    assert o.returncode == 1
    assert o.stderr == 'betteroff: the query failed: ERROR: relation "nowhere" does not exist\n'


def test_the_batch_matrix_counts_each_series_icon(sample: dict) -> None:
    # score_table(summary=...) and `betteroff score --summary`: the same table, and each count
    # is the number of series with that icon in the per-series scores (counted here by pyarrow).
    d = sample["dir"]
    series = sample["expected"]
    for by in ("measure", "area"):
        got = plain(betteroff.score_table(sample["rows"], sample["card"], comparators=sample["comparators"], summary=by))
        cli_got = cli(sample, str(d / "national.parquet"), "--comparators", str(d / "england.parquet"), "--summary", by)
        assert cli_got.column_names == got.column_names
        for name in got.column_names:
            assert cli_got.column(name).to_pylist() == got.column(name).to_pylist(), (by, name)
        assert got.num_rows == (50 if by == "measure" else 20)
        assert sum(got.column("series").to_pylist()) == series.num_rows
        rows = {k: i for i, k in enumerate(got.column(by).to_pylist())}
        for column, none in (("variation_icon", "no_spc"), ("assurance", "no_assurance")):
            counted = series.group_by([by, column]).aggregate([([], "count_all")]).to_pylist()
            for c in counted:
                icon = c[column] if c[column] is not None else none
                assert got.column(icon)[rows[c[by]]].as_py() == c["count_all"], (by, icon)
    # Concern first: the first measure has at least as many concern icons as any other.
    m = plain(betteroff.score_table(sample["rows"], sample["card"], comparators=sample["comparators"], summary="measure"))
    concern = [a + b for a, b in zip(m.column("concern_high").to_pylist(), m.column("concern_low").to_pylist())]
    assert concern[0] == max(concern) > 0
    with pytest.raises(betteroff.UsageError, match='summary must be "measure" or "area"'):
        betteroff.score_table(sample["rows"], sample["card"], summary="region")
