#!/usr/bin/env bash
# Spark local mode, tested: the mapInArrow recipe of docs/scale-out.md on a partitioned Parquet
# dataset (examples/scale-out/spark_score.py) must equal one score_table call on the whole
# table, cell for cell. Java 17 or later must be installed; pyspark comes from PyPI into its own
# virtualenv (target/spark-venv) with the betteroff wheel the test command built (target/wheels),
# or one built here. scripts/test-all.sh runs it; the result is recorded in docs/scale-out.md.
#
#   bash scripts/test-spark.sh [AREAS] [MONTHS] [CORES]
set -euo pipefail
cd "$(dirname "$0")/.."

command -v java >/dev/null 2>&1 || { echo "Spark needs Java 17 or later (apt-get install openjdk-17-jre-headless)"; exit 1; }
venv=target/spark-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check pyspark==4.3.0 pyarrow==26.0.1 pandas==2.3.3 maturin==1.16.0
if ! ls target/wheels/betteroff-*.whl >/dev/null 2>&1; then
  (cd py && "../$venv/bin/maturin" build --quiet --out ../target/wheels)
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps target/wheels/betteroff-*.whl
java -version 2>&1 | head -n 1
"$venv/bin/python" -c 'import pyspark; print("pyspark", pyspark.__version__)'
# Spark's own logging goes to target/spark.log; the result line to stdout.
"$venv/bin/python" examples/scale-out/spark_score.py "$@" 2> target/spark.log || { tail -n 40 target/spark.log; exit 1; }
