#!/usr/bin/env bash
# Builds the npm package `betteroff` into wasm/pkg/ (not committed): the WebAssembly module with
# wasm-bindgen glue for browsers (pkg/web, ES module) and Node (pkg/node, CommonJS), and the
# dashboard's small module (pkg/lite, ES module, also in the package as `betteroff/lite`), then
# prints each module's size, raw and gzipped. Installs the wasm32 target and wasm-bindgen-cli when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want=0.2.130   # must equal the wasm-bindgen crate's version in wasm/Cargo.toml
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
if ! wasm-bindgen --version 2>/dev/null | grep -q " $want"; then
  echo "installing wasm-bindgen-cli $want (a few minutes, once)"
  cargo install -q wasm-bindgen-cli --version "=$want"
fi

# The dashboard's small module first (JSON definitions, the CSV files, scoring, the report's
# JSON and the icons: `--no-default-features`), kept aside, then the full module.
#
# The small module is built with the standard library compiled from source for it
# (`-Zbuild-std`, std's `optimize_for_size` algorithms, and `-Cpanic=immediate-abort`, which
# drops the panic messages a browser never shows: in wasm32-unknown-unknown a panic prints
# nothing either way and ends in the same trap). Those are unstable cargo and rustc flags, so
# RUSTC_BOOTSTRAP=1 lets this one command use them on the pinned stable compiler; they need the
# rust-src component, installed here when missing. The build has its own target directory, so
# that the rest of the workspace keeps its cache. Without rust-src (no network), the module is
# built the ordinary way, about 10 KB larger gzipped, and this script says so.
# See docs/benchmarks.md ("WebAssembly bundle size").
lite=target/wasm-lite/betteroff_wasm.wasm
mkdir -p target/wasm-lite
rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src || true
if rustup component list --installed | grep -q '^rust-src'; then
  RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=target/wasm-std RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
    cargo build -q -p betteroff-wasm --target wasm32-unknown-unknown --profile wasm-release --no-default-features \
      -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
  cp target/wasm-std/wasm32-unknown-unknown/wasm-release/betteroff_wasm.wasm "$lite"
else
  echo "rust-src is not installed and could not be: the small module is built with the prebuilt standard library (larger)"
  cargo build -q -p betteroff-wasm --target wasm32-unknown-unknown --profile wasm-release --no-default-features
  cp target/wasm32-unknown-unknown/wasm-release/betteroff_wasm.wasm "$lite"
fi
cargo build -q -p betteroff-wasm --target wasm32-unknown-unknown --profile wasm-release
wasm=target/wasm32-unknown-unknown/wasm-release/betteroff_wasm.wasm
rm -rf wasm/pkg
wasm-bindgen --target web --out-dir wasm/pkg/lite --out-name betteroff-lite "$lite"
wasm-bindgen --target web --out-dir wasm/pkg/web --out-name betteroff "$wasm"
wasm-bindgen --target nodejs --out-dir wasm/pkg/node --out-name betteroff "$wasm"
# wasm-bindgen keeps function names; wabt's wasm-strip drops them (and any other custom section).
# wasm-opt (npm's binaryen) saves under 1% more, so it is not used; see docs/benchmarks.md.
if command -v wasm-strip >/dev/null 2>&1; then
  wasm-strip wasm/pkg/web/betteroff_bg.wasm
  wasm-strip wasm/pkg/node/betteroff_bg.wasm
  wasm-strip wasm/pkg/lite/betteroff-lite_bg.wasm
else
  echo "wasm-strip (Debian package wabt) not found: the module keeps its names section"
fi
printf '{ "type": "module" }\n' > wasm/pkg/web/package.json
printf '{ "type": "commonjs" }\n' > wasm/pkg/node/package.json
printf '{ "type": "module" }\n' > wasm/pkg/lite/package.json
cp wasm/README.md wasm/pkg/
# The package's version is the Cargo workspace's (Cargo.toml), the one place it is written.
version=$(cargo metadata -q --no-deps --format-version 1 \
  | node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () => console.log(JSON.parse(s).packages.find(p => p.name === "betteroff-wasm").version))')
node -e 'const fs = require("fs"); const p = JSON.parse(fs.readFileSync("wasm/package.json", "utf8"));
  fs.writeFileSync("wasm/pkg/package.json", JSON.stringify({ name: p.name, version: process.argv[1], ...p }, null, 2) + "\n");' "$version"

for f in wasm/pkg/web/betteroff_bg.wasm wasm/pkg/lite/betteroff-lite_bg.wasm; do
  raw=$(wc -c < "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  awk -v f="$f" -v raw="$raw" -v gz="$gz" 'BEGIN { printf "%s: %d bytes raw (%.1f KB), %d bytes gzipped (%.1f KB)\n", f, raw, raw / 1024, gz, gz / 1024 }'
done
