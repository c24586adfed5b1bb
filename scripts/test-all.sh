#!/usr/bin/env bash
# The one command that installs what the tests need and runs every test. `.ci/run` calls it, and
# the README gives it. Each front end adds its own section here as it lands.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "Rust toolchain"
cargo --version
rustc --version

step "Format (cargo fmt --check)"
if cargo fmt --version >/dev/null 2>&1; then
  cargo fmt --all -- --check
else
  echo "rustfmt is not installed here; skipping the format check"
fi

step "Lint (cargo clippy -D warnings)"
if cargo clippy --version >/dev/null 2>&1; then
  cargo clippy --all-targets -- -D warnings
  # The core without workbooks (the build a small WebAssembly module would use).
  cargo clippy -q -p betteroff --no-default-features -- -D warnings
  # The fuzz targets (a workspace of their own, run by scripts/fuzz.sh) still build against the
  # core's API: checked here, so that a change to it cannot leave them broken unnoticed.
  cargo check -q --manifest-path fuzz/Cargo.toml --bins
else
  echo "clippy is not installed here; skipping the lint"
fi

step "Lint the Python binding crate, the benchmark crate and the core's parallel feature"
if cargo clippy --version >/dev/null 2>&1; then
  cargo clippy -p betteroff-py --all-targets -- -D warnings
  cargo clippy -p betteroff-bench -p betteroff --features betteroff/parallel --all-targets -- -D warnings
fi

step "Rust tests: core unit, property, example, golden-vector and CLI tests"
# The default members include bench/, whose tests/national.rs holds batch scoring equal to the
# scorecard, area by area, on a generated workload.
cargo test
cargo test -q -p betteroff --features parallel --lib batch

step "Command line: the README's main command runs on the bundled example"
NO_COLOR=1 cargo run -q -p betteroff-cli -- report >/dev/null
for dir in examples/*/; do
  [ -f "$dir/scorecard.toml" ] || [ -f "$dir/scorecard.json" ] || continue
  cargo run -q -p betteroff-cli -- validate "$dir"
done

step "Rust service (examples/service): started on 127.0.0.1 and called over HTTP; the load test on a small count"
if cargo clippy --version >/dev/null 2>&1; then
  cargo clippy -q -p betteroff-service --all-targets -- -D warnings
fi
cargo test -q -p betteroff-service

step "The core as a published crate: rustdoc with warnings denied (cargo package: below, with every package)"
RUSTDOCFLAGS="-D warnings" cargo doc -q -p betteroff --no-deps

step "Workbook fixtures for the Python and JavaScript tests (written by rust_xlsxwriter, never committed)"
cargo run -q -p betteroff --example workbook_fixtures -- target/fixtures

step "Python: build the wheel in a virtualenv, then pytest and mypy --strict"
venv=target/py-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r py/requirements-test.txt
rm -rf target/wheels
(cd py && "../$venv/bin/maturin" build --quiet --out ../target/wheels)
wheel=$(ls target/wheels/betteroff-*.whl)
"$venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$wheel"
# py/tests/test_warehouse.py starts a throwaway PostgreSQL server on 127.0.0.1 itself
# (scripts/with-postgres.sh: Debian's postgresql, installed when missing): PostgreSQL through
# ADBC and through `betteroff score --from-sql`, Parquet and CSV all give score_table's scores.
"$venv/bin/python" -m pytest py/tests -q
"$venv/bin/python" -m mypy --strict py/tests/typecheck_usage.py
(cd py/python && "../../$venv/bin/python" -m mypy --strict betteroff)

step "Benchmark code: spc_table, NumPy, polars and pandas SPC agree with the core on a small spc workload (timings meaningless here: debug build)"
cargo run -q -p betteroff-bench -- spc target/bench/spc-small 300 48 >/dev/null
"$venv/bin/python" bench/compare_spc.py target/bench/spc-small
# The national workload, sampled (20 areas x 50 measures x 60 months): pandas' figures must
# equal the core's within 1e-9, every status, band, rank and rule identical.
cargo run -q -p betteroff-bench -- national target/bench/national-small 20 50 60 >/dev/null 2>&1
"$venv/bin/python" bench/compare_national.py target/bench/national-small 1

step "Python: the wheel alone in a fresh virtualenv"
python3 -m venv --clear target/py-bare
target/py-bare/bin/python -m pip install -q --disable-pip-version-check --no-deps "$wheel"
target/py-bare/bin/python -c "import betteroff; print('import betteroff', betteroff.__version__, 'with', betteroff.SCHEMA)"

step "Debian packages: chromium (browser tests), poppler-utils (the board pack's PDF pages as PNGs) and wabt (wasm-strip)"
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v wasm-strip >/dev/null 2>&1 || missing="$missing wabt"
if [ -n "$missing" ]; then
  echo "installing:$missing"
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

step "WebAssembly: build the npm package (wasm32 target and wasm-bindgen-cli installed if missing)"
bash wasm/build.sh
if cargo clippy --version >/dev/null 2>&1; then
  cargo clippy -p betteroff-wasm --target wasm32-unknown-unknown -- -D warnings
  # The dashboard's small module (no TOML, workbooks, tables or renderers).
  cargo clippy -q -p betteroff-wasm --target wasm32-unknown-unknown --no-default-features -- -D warnings
fi

step "WebAssembly: Node tests (golden vectors, errors, the small module equal to the full one) and tsc --noEmit on a TypeScript usage file"
(cd wasm/tests && npm ci --no-audit --no-fund --loglevel=error && node --test && ./node_modules/.bin/tsc --noEmit -p .)
node bench/wasm_spc.mjs target/bench/spc-small   # the wasm benchmark script, flags checked
node bench/wasm_national.mjs target/bench/national-small   # full batch scoring, figures checked

step "Ready to publish: cargo package (3 crates), maturin sdist and twine check, npm pack, one version"
bash scripts/check-packages.sh

step "Browser: the HTML report and the dashboard in headless Chromium"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
cargo build -q -p betteroff-cli
(cd tests/browser && node --test)

step "Spark local mode: the mapInArrow recipe equals one score_table call (pyspark from PyPI, Java 17)"
spark_start=$SECONDS
bash scripts/test-spark.sh
echo "the Spark step took $((SECONDS - spark_start)) s"

echo
echo "All tests passed."
