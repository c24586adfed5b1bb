#!/usr/bin/env bash
# The side-by-side benchmarks of docs/benchmarks.md, in one run (not part of the test command:
# the full workloads take a few minutes, abspc most of it):
#   bash bench/run.sh [SERIES] [POINTS] [AREAS] [MEASURES] [MONTHS]
#   (defaults 10000 48: the "spc" workload; 153 1000 60: the "national" workload)
# For each workload:
# 1. the native core: workload, median of 7 runs, one thread and rayon's, peak memory
#    (target/release/betteroff-bench);
# 2. Python: betteroff's Arrow path (spc_table / score_table, release wheel) and the strongest
#    NumPy, polars, pandas (and abspc for SPC), every figure checked against the core's
#    (bench/compare_spc.py, bench/compare_national.py);
# 3. WebAssembly from Node on a tenth of the workload, against the core on the same tenth.
set -euo pipefail
cd "$(dirname "$0")/.."
series=${1:-10000}
points=${2:-48}
areas=${3:-153}
measures=${4:-1000}
months=${5:-60}

venv=target/bench-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r py/requirements-test.txt -r bench/requirements.txt
cargo build -q --release -p betteroff-bench
(cd py && "../$venv/bin/maturin" build --release --quiet --out ../target/wheels-release)
"$venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps \
  "$(ls target/wheels-release/betteroff-*.whl)"

echo "== machine"
lscpu | grep -E '^(Model name|CPU\(s\)):' | sed 's/  */ /g'
echo "rustc: $(rustc --version); python: $("$venv/bin/python" --version); node: $(node --version)"
"$venv/bin/python" -c 'import numpy, pandas, polars, pyarrow; print("numpy", numpy.__version__, "pandas", pandas.__version__, "polars", polars.__version__, "pyarrow", pyarrow.__version__)'

echo "== spc workload, native core"
target/release/betteroff-bench spc target/bench/spc "$series" "$points"
echo "== spc workload, Python implementations"
"$venv/bin/python" bench/compare_spc.py target/bench/spc

echo "== spc workload (a tenth), WebAssembly from Node"
bash wasm/build.sh   # always rebuilt: a stale package would time old code
target/release/betteroff-bench spc target/bench/spc-tenth "$((series / 10))" "$points" >/dev/null
node bench/wasm_spc.mjs target/bench/spc-tenth

echo "== national workload, native core"
target/release/betteroff-bench national target/bench/national "$areas" "$measures" "$months"
echo "== national workload, Python: score_table and vectorised pandas/NumPy"
"$venv/bin/python" bench/compare_national.py target/bench/national 5
echo "== national workload (a tenth of the measures), WebAssembly from Node"
target/release/betteroff-bench national target/bench/national-tenth "$areas" "$((measures / 10))" "$months" >/dev/null
node bench/wasm_national.mjs target/bench/national-tenth
