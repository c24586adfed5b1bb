#!/usr/bin/env bash
# The dashboard's size and speed, from one run: the WebAssembly module's size (wasm/build.sh
# prints it, raw and gzipped), the shipped page's size, and in Chromium the first contentful
# paint and the time to the scored scorecard shown, opened from file:// (median of 3), as
# docs/benchmarks.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash wasm/build.sh | tail -n 2
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null && node --test shipped.test.mjs 2>&1) \
  | grep -E "shipped dashboard from file|^# (pass|fail)"
ls -l target/dashboard-test/examples/index.html | awk '{ printf "target/dashboard-test/examples/index.html: %.2f MB (both modules, their glue, the app and both scorecards in one page)\n", $5 / 1048576 }'
