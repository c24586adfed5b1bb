#!/usr/bin/env bash
# Ray Data on a local Ray instance, tested: examples/scale-out/ray_score.py (groupby measure,
# map_groups calling score_table) must equal one score_table call on the whole table, cell for
# cell. ray[data] comes from PyPI into its own virtualenv (target/ray-venv, about 600 MB), with
# the betteroff wheel the test command built (target/wheels) or one built here. Not in the test
# command (the download); run before changing scale-out code; result in docs/scale-out.md.
#
#   bash scripts/test-ray.sh [AREAS] [MONTHS] [CPUS]
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/ray-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check "ray[data]==2.60.0" pyarrow==26.0.1 pandas==3.1.1 maturin==1.16.0
if ! ls target/wheels/betteroff-*.whl >/dev/null 2>&1; then
  (cd py && "../$venv/bin/maturin" build --quiet --out ../target/wheels)
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps target/wheels/betteroff-*.whl
"$venv/bin/python" -c 'import ray; print("ray", ray.__version__)'
# Ray's own logging goes to target/ray.log; the result line to stdout.
"$venv/bin/python" examples/scale-out/ray_score.py "$@" 2> target/ray.log || { tail -n 40 target/ray.log; exit 1; }
