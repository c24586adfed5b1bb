#!/usr/bin/env bash
# Fuzzes the Python and JavaScript table layers for SECONDS each (default 600): Python with
# atheris (fuzz/tables/fuzz_python.py, in its own virtualenv target/fuzz-venv with the wheel),
# JavaScript with a seeded random fuzzer over the wasm package (fuzz/tables/fuzz_wasm.mjs).
# Not part of the test command: run it by hand and copy the figures into docs/robustness.md.
#
#   bash scripts/fuzz-tables.sh [python|js|both] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-both}
seconds=${2:-600}
mkdir -p target/fuzz-logs
if [ "$which" != js ]; then
  venv=target/fuzz-venv
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check atheris==3.0.0 -r py/requirements-test.txt
  rm -rf target/fuzz-wheels
  (cd py && "../$venv/bin/maturin" build --quiet --out ../target/fuzz-wheels)
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps target/fuzz-wheels/betteroff-*.whl
  mkdir -p fuzz/corpus/tables_python
  echo "== python tables for ${seconds}s"
  "$venv/bin/python" fuzz/tables/fuzz_python.py fuzz/corpus/tables_python -max_total_time="$seconds" \
    -rss_limit_mb=4096 -print_final_stats=1 > target/fuzz-logs/tables_python.log 2>&1 \
    || echo "python tables: stopped early (see target/fuzz-logs/tables_python.log)"
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done|=== Uncaught|.*Error)" target/fuzz-logs/tables_python.log | tail -5 || true
fi
if [ "$which" != python ]; then
  [ -f wasm/pkg/node/betteroff.js ] || bash wasm/build.sh
  echo "== js tables for ${seconds}s"
  node fuzz/tables/fuzz_wasm.mjs "$seconds" | tee target/fuzz-logs/tables_js.log
fi
