#!/usr/bin/env bash
# Builds the dashboard into one self-contained page, OUT/index.html, that works opened from a
# shared drive (file://) as well as from any static web host: the WebAssembly module, the
# JavaScript, the styles and the scorecards' files are all inside it, and it makes no request.
#
#   bash examples/dashboard/build.sh [OUT] [--scorecard DIR ...]
#
# Without --scorecard it carries the scorecards scorecards.json lists (the Dudley WSoA and
# Dorset examples); with --scorecard, the folders given instead (scorecard.toml or .json and
# its CSV files; a council pre-loads its own scorecard for a public page this way). OUT
# defaults to target/dashboard. Builds the WebAssembly package first when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=target/dashboard
cards=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scorecard) cards+=("$2"); shift 2 ;;
    --scorecard=*) cards+=("${1#--scorecard=}"); shift ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) out=$1; shift ;;
  esac
done

wasm=target/wasm32-unknown-unknown/wasm-release/betteroff_wasm.wasm
lite=target/wasm-lite/betteroff_wasm.wasm
[ -f wasm/pkg/web/betteroff_bg.wasm ] && [ -f wasm/pkg/lite/betteroff-lite_bg.wasm ] && [ -f "$wasm" ] && [ -f "$lite" ] \
  || bash wasm/build.sh
# The classic-script glue (no ES modules: a page opened from file:// may not import any) of
# both modules, over the same stripped modules the npm package ships: the small one's under the
# global wasm_bindgen, the full one's under betteroff_full.
glue=target/dashboard-glue
rm -rf "$glue"
wasm-bindgen --target no-modules --out-dir "$glue" --out-name betteroff-lite "$lite"
wasm-bindgen --target no-modules --no-modules-global betteroff_full --out-dir "$glue" --out-name betteroff "$wasm"
mkdir -p "$out"
node examples/dashboard/build.mjs "$out/index.html" "$glue" "${cards[@]}"
