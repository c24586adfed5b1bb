#!/usr/bin/env bash
# Builds the npm package `betteroff` into wasm/pkg/ (not committed): the WebAssembly module with
# wasm-bindgen glue for browsers (pkg/web, ES module) and Node (pkg/node, CommonJS), then prints
# its size, raw and gzipped. Installs the wasm32 target and wasm-bindgen-cli when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want=0.2.130   # must equal the wasm-bindgen crate's version in wasm/Cargo.toml
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
if ! wasm-bindgen --version 2>/dev/null | grep -q " $want"; then
  echo "installing wasm-bindgen-cli $want (a few minutes, once)"
  cargo install -q wasm-bindgen-cli --version "=$want"
fi

cargo build -q -p betteroff-wasm --target wasm32-unknown-unknown --profile wasm-release
wasm=target/wasm32-unknown-unknown/wasm-release/betteroff_wasm.wasm
rm -rf wasm/pkg
wasm-bindgen --target web --out-dir wasm/pkg/web --out-name betteroff "$wasm"
wasm-bindgen --target nodejs --out-dir wasm/pkg/node --out-name betteroff "$wasm"
# wasm-bindgen keeps function names; wabt's wasm-strip drops them (and any other custom section).
# wasm-opt (npm's binaryen) saves under 1% more, so it is not used; see docs/benchmarks.md.
if command -v wasm-strip >/dev/null 2>&1; then
  wasm-strip wasm/pkg/web/betteroff_bg.wasm
  wasm-strip wasm/pkg/node/betteroff_bg.wasm
else
  echo "wasm-strip (Debian package wabt) not found: the module keeps its names section"
fi
printf '{ "type": "module" }\n' > wasm/pkg/web/package.json
printf '{ "type": "commonjs" }\n' > wasm/pkg/node/package.json
cp wasm/README.md wasm/pkg/
# The package's version is the Cargo workspace's (Cargo.toml), the one place it is written.
version=$(cargo metadata -q --no-deps --format-version 1 \
  | node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () => console.log(JSON.parse(s).packages.find(p => p.name === "betteroff-wasm").version))')
node -e 'const fs = require("fs"); const p = JSON.parse(fs.readFileSync("wasm/package.json", "utf8"));
  fs.writeFileSync("wasm/pkg/package.json", JSON.stringify({ name: p.name, version: process.argv[1], ...p }, null, 2) + "\n");' "$version"

raw=$(wc -c < wasm/pkg/web/betteroff_bg.wasm)
gz=$(gzip -9 -c wasm/pkg/web/betteroff_bg.wasm | wc -c)
awk -v raw="$raw" -v gz="$gz" 'BEGIN { printf "wasm/pkg/web/betteroff_bg.wasm: %d bytes raw (%.1f KB), %d bytes gzipped (%.1f KB)\n", raw, raw / 1024, gz, gz / 1024 }'
