#!/usr/bin/env bash
# Ready to publish (issue 18, item 7): the crates package and build from their packaged sources;
# the Python sdist and wheel carry metadata a package index renders (twine check --strict), and
# the sdist's Rust sources check; the npm tarball has its exports, types and README; every
# package and CHANGELOG.md carry the one version, Cargo.toml's. Run by scripts/test-all.sh after
# the wheel (target/wheels) and the npm package (wasm/pkg) are built.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/py-venv

version=$(cargo metadata -q --no-deps --format-version 1 \
  | python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "betteroff"))')
echo "version $version (Cargo.toml, workspace.package.version)"

echo "-- crates: cargo package betteroff, betteroff-arrow, betteroff-cli (each verified by a build)"
cargo package -q -p betteroff -p betteroff-arrow -p betteroff-cli --allow-dirty

echo "-- Python: maturin sdist; twine check --strict on the sdist and the wheel"
rm -rf target/sdist
(cd py && "../$venv/bin/maturin" sdist --out ../target/sdist >/dev/null)
sdist="target/sdist/betteroff-$version.tar.gz"
wheel=$(ls target/wheels/betteroff-"$version"-*.whl)
"$venv/bin/python" -m twine check --strict "$sdist" "$wheel"
# The sdist's Rust sources, as a user's pip would build them (sharing this build's target).
rm -rf target/sdist-src && mkdir -p target/sdist-src && tar xzf "$sdist" -C target/sdist-src
(cd "target/sdist-src/betteroff-$version/py" && CARGO_TARGET_DIR="$PWD/../../../../target" cargo check -q --offline)

echo "-- npm: npm pack"
rm -rf target/npm && mkdir -p target/npm
(cd wasm/pkg && npm pack --silent --pack-destination ../../target/npm --json > ../../target/npm/pack.json)

"$venv/bin/python" scripts/check_packages.py "$version" "$sdist" "$wheel" target/npm/pack.json target/package
