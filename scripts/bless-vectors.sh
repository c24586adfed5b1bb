#!/usr/bin/env bash
# Regenerates every golden vector listed in tests/vectors/manifest.json with the CLI. Run only
# after a deliberate change to the output, read the diff, and say in the commit why it changed.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p betteroff-cli
python3 - <<'PY'
import json, subprocess
for v in json.load(open("tests/vectors/manifest.json"))["vectors"]:
    args = ["target/debug/betteroff", "report", v["example"], "--format", v["format"], "--output", v["file"]]
    if v["as_of"]:
        args += ["--as-of", v["as_of"]]
    subprocess.run(args, check=True)
    print("wrote", v["file"])
PY
git --no-pager diff --stat -- tests/vectors || true
