#!/usr/bin/env bash
# Regenerates the golden JSON vectors in tests/vectors/ with the CLI. Run only after a deliberate
# change to the output, read the diff, and say in the commit why the figures changed.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p betteroff-cli
bin=target/debug/betteroff
$bin report examples/dudley-wsoa --as-of 2020-05 --format json --output tests/vectors/dudley-wsoa-2020-05.json
$bin report examples/dudley-wsoa --as-of 2019-10 --format json --output tests/vectors/dudley-wsoa-2019-10.json
$bin report examples/dorset --format json --output tests/vectors/dorset-latest.json
$bin report examples/stockton --format json --output tests/vectors/stockton-latest.json
git --no-pager diff --stat -- tests/vectors || true
