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

echo "-- crates: cargo package betteroff, betteroff-arrow, betteroff-cli, then each built from its packaged sources"
# cargo's own verification builds a crate's packaged dependencies as registry crates, which it
# fingerprints by version alone, so a second run in the same target directory would build the
# arrow and CLI crates against an earlier run's core. The packaged sources are built here
# instead, as path crates (fingerprinted by their files) in a workspace of their own, with this
# workspace's lock file and target directory.
rm -rf target/package target/package-check
cargo package -q --no-verify -p betteroff -p betteroff-arrow -p betteroff-cli --allow-dirty
mkdir -p target/package-check
for c in betteroff betteroff-arrow betteroff-cli; do
  tar xzf "target/package/$c-$version.crate" -C target/package-check
done
# Archives keep their files' times; cargo must see these as new, not as an earlier build's.
find target/package-check -type f -exec touch {} +
cat > target/package-check/Cargo.toml <<TOML
[workspace]
resolver = "2"
members = ["betteroff-$version", "betteroff-arrow-$version", "betteroff-cli-$version"]
[patch.crates-io]
betteroff = { path = "betteroff-$version" }
betteroff-arrow = { path = "betteroff-arrow-$version" }
TOML
cp Cargo.lock target/package-check/
(cd target/package-check && CARGO_TARGET_DIR=../../target cargo build -q --offline --workspace)

echo "-- Python: maturin sdist; twine check --strict on the sdist and the wheel"
rm -rf target/sdist
(cd py && "../$venv/bin/maturin" sdist --out ../target/sdist >/dev/null)
sdist="target/sdist/betteroff-$version.tar.gz"
wheel=$(ls target/wheels/betteroff-"$version"-*.whl)
"$venv/bin/python" -m twine check --strict "$sdist" "$wheel"
# The sdist's Rust sources, as a user's pip would build them (sharing this build's target).
rm -rf target/sdist-src && mkdir -p target/sdist-src && tar xzf "$sdist" -C target/sdist-src
find target/sdist-src -type f -exec touch {} +
(cd "target/sdist-src/betteroff-$version/py" && CARGO_TARGET_DIR="$PWD/../../../../target" cargo check -q --offline)

echo "-- npm: npm pack"
rm -rf target/npm && mkdir -p target/npm
(cd wasm/pkg && npm pack --silent --pack-destination ../../target/npm --json > ../../target/npm/pack.json)

"$venv/bin/python" scripts/check_packages.py "$version" "$sdist" "$wheel" target/npm/pack.json target/package
