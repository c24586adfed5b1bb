"""What scripts/check-packages.sh checks inside the packages it built: one version everywhere,
the metadata an index shows, and the files each package must carry.

    python scripts/check_packages.py VERSION SDIST WHEEL NPM_PACK_JSON CRATE_DIR
"""

import email.parser
import json
import re
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
problems: list[str] = []


def need(ok: bool, what: str) -> None:
    if not ok:
        problems.append(what)


def main(version: str, sdist: str, wheel: str, npm_json: str, crates: str) -> None:
    # CHANGELOG: the version has its entry, the first one.
    entries = re.findall(r"^## \[([^\]]+)\]", (ROOT / "CHANGELOG.md").read_text(), re.M)
    need(entries[:1] == [version], f"CHANGELOG.md's first entry is {entries[:1]}, not [{version}]")

    # Crates: one archive per crate at the version; the CLI carries the example it compiles in.
    for name in ("betteroff", "betteroff-arrow", "betteroff-cli"):
        crate = Path(crates) / f"{name}-{version}.crate"
        need(crate.exists(), f"{crate} was not written")
    cli = Path(crates) / f"betteroff-cli-{version}.crate"
    if cli.exists():
        with tarfile.open(cli) as t:
            names = t.getnames()
        for f in ("bundled/dorset/scorecard.toml", "README.md", "src/score.rs"):
            need(f"betteroff-cli-{version}/{f}" in names, f"the CLI crate lacks {f}")

    # The wheel's metadata: what PyPI's page shows.
    with zipfile.ZipFile(wheel) as z:
        meta_name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(z.read(meta_name).decode())
        files = z.namelist()
    need(meta["Version"] == version, f"the wheel is version {meta['Version']}")
    need((meta["Description-Content-Type"] or "").startswith("text/markdown"), "the wheel's README is not Markdown")
    need("score_table" in (meta.get_payload() or ""), "the wheel's long description is not py/README.md")
    need(meta["Requires-Python"] == ">=3.9", "Requires-Python")
    urls = {u.split(",")[0] for u in meta.get_all("Project-URL") or []}
    need(urls >= {"Homepage", "Documentation", "Repository", "Issues", "Changelog"}, f"project URLs: {urls}")
    extras = set(meta.get_all("Provides-Extra") or [])
    need(extras >= {"pandas", "polars", "arrow", "postgres"}, f"extras: {extras}")
    need(any(c.startswith("License :: OSI Approved") for c in meta.get_all("Classifier") or []), "no licence classifier")
    for f in ("betteroff/__init__.py", "betteroff/py.typed", "betteroff/_betteroff.pyi"):
        need(f in files, f"the wheel lacks {f}")

    # The sdist builds the same package: its PKG-INFO, the Rust sources of core, arrow and py.
    with tarfile.open(sdist) as t:
        names = set(t.getnames())
        top = next(n for n in names if n.count("/") == 1 and n.endswith("/PKG-INFO")).split("/")[0]
        info = email.parser.Parser().parsestr(t.extractfile(f"{top}/PKG-INFO").read().decode())  # type: ignore[union-attr]
    need(info["Version"] == version, f"the sdist is version {info['Version']}")
    need(top == f"betteroff-{version}", f"the sdist unpacks into {top}")
    for f in ("pyproject.toml", "Cargo.lock", "core/src/lib.rs", "arrow/src/lib.rs", "py/src/lib.rs",
              "python/betteroff/__init__.py", "README.md"):
        need(f"betteroff-{version}/{f}" in names, f"the sdist lacks {f}")

    # npm: the version, the exports' files, the types and the README in the tarball.
    pack = json.loads(Path(npm_json).read_text())[0]
    need(pack["version"] == version, f"the npm package is version {pack['version']}")
    packed = {f["path"] for f in pack["files"]}
    manifest = json.loads((ROOT / "wasm/pkg/package.json").read_text())
    targets = {manifest["main"], manifest["types"]}
    for entry in manifest["exports"].values():
        for cond in entry.values():
            targets |= set(cond.values()) if isinstance(cond, dict) else {cond}
    for t in sorted(targets):
        need(t.removeprefix("./") in packed, f"the npm package lacks {t} (named in package.json)")
    for f in ("README.md", "package.json", "web/betteroff_bg.wasm", "node/betteroff_bg.wasm",
              "lite/betteroff-lite_bg.wasm"):
        need(f in packed, f"the npm package lacks {f}")

    if problems:
        sys.exit("packages not ready:\n  " + "\n  ".join(problems))
    print(f"packages ready at {version}: 3 crates, sdist and wheel (twine check passed), npm tarball "
          f"({len(packed)} files, {pack['size'] / 1024:.0f} KB packed)")


if __name__ == "__main__":
    main(*sys.argv[1:6])
