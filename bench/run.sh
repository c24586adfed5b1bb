#!/usr/bin/env bash
# The side-by-side benchmarks of docs/benchmarks.md, in one run (not part of the test command:
# the full workload takes a few minutes, abspc most of it):
#   bash bench/run.sh [SERIES] [POINTS]        # default 10000 48, the "spc" workload
# 1. the native core: workload, median of 7 runs, peak memory (target/release/betteroff-bench);
# 2. Python: betteroff.spc_table (release wheel, Arrow in and out), NumPy, polars, pandas and
#    abspc, every flag checked against the core's (bench/compare_spc.py);
# 3. WebAssembly from Node on a tenth of the workload, against the core on the same tenth.
set -euo pipefail
cd "$(dirname "$0")/.."
series=${1:-10000}
points=${2:-48}

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
[ -f wasm/pkg/node/betteroff.js ] || bash wasm/build.sh
target/release/betteroff-bench spc target/bench/spc-tenth "$((series / 10))" "$points" >/dev/null
node bench/wasm_spc.mjs target/bench/spc-tenth
