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
else
  echo "clippy is not installed here; skipping the lint"
fi

step "Rust tests: core unit, property, example, golden-vector and CLI tests"
cargo test

step "Command line: the README's main command runs on the bundled example"
NO_COLOR=1 cargo run -q -p betteroff-cli -- report >/dev/null
for dir in examples/*/; do
  [ -f "$dir/scorecard.toml" ] || [ -f "$dir/scorecard.json" ] || continue
  cargo run -q -p betteroff-cli -- validate "$dir"
done

step "Browser: the HTML report in headless Chromium"
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Debian's chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
cargo build -q -p betteroff-cli
(cd tests/browser && node --test)

echo
echo "All tests passed."
