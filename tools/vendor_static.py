"""Vendor the web app's third-party files from the npm registry, pinned, into the package's static folder.

    python tools/vendor_static.py            # fetch with `npm pack`, copy, write the manifest
    python tools/vendor_static.py --check    # only check the committed files against the manifest

Each package is fetched with the ordinary npm client (`npm pack NAME@VERSION`, which checks the tarball
against the registry's integrity hash); the files the app serves are copied, with the package's licence,
into ``src/summitline/web/static/vendor/NAME/``, and ``src/summitline/web/static/vendor/manifest.json``
records for each package its version, licence, the tarball's integrity and every file's sha256 and size.
The app never loads anything from a CDN: these files are all it uses from outside.

Packages (their licences allow copying with the licence kept):
- world-atlas (ISC): Natural Earth's land outline (public domain), 1:110m, as TopoJSON: the offline map.
- leaflet (BSD-2-Clause): the map with tiles, used only when `summitline serve --tiles URL` is given.
- @knight-lab/timelinejs (MPL-2.0, copied unmodified with its licence): TimelineJS itself, so that the
  browser tests load `summitline export --format timelinejs` files in it offline.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "src" / "summitline" / "web" / "static" / "vendor"

#: name, pinned version, expected licence, files to copy (paths inside the package)
PACKAGES = [
    ("world-atlas", "2.0.2", "ISC", ["land-110m.json", "LICENSE"]),
    ("leaflet", "1.9.4", "BSD-2-Clause", ["dist/leaflet.js", "dist/leaflet.css", "LICENSE"]),
    ("@knight-lab/timelinejs", "3.9.11", "MPL-2.0", ["dist/js/timeline.js", "dist/css/timeline.css", "LICENSE"]),
]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def vendor() -> dict[str, object]:
    manifest: dict[str, object] = {"note": "written by tools/vendor_static.py; do not edit", "packages": []}
    for name, version, licence, files in PACKAGES:
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run(
                ["npm", "pack", f"{name}@{version}", "--json", "--pack-destination", tmp],
                check=True,
                capture_output=True,
                text=True,
                cwd=tmp,
            )
            info = json.loads(out.stdout)[0]
            tarball = Path(tmp) / info["filename"]
            with tarfile.open(tarball) as tar:
                package_json = json.load(tar.extractfile("package/package.json"))  # type: ignore[arg-type]
                if package_json.get("license") != licence:
                    sys.exit(f"{name}@{version}: licence {package_json.get('license')!r}, expected {licence!r}")
                target = VENDOR / name.rsplit("/", 1)[-1]  # a scoped package's folder is its own name
                target.mkdir(parents=True, exist_ok=True)
                entries = []
                for file in files:
                    member = tar.extractfile(f"package/{file}")
                    if member is None:
                        sys.exit(f"{name}@{version}: no {file} in the package")
                    dest = target / Path(file).name
                    dest.write_bytes(member.read())
                    entries.append({"path": f"{target.name}/{dest.name}", "from": file, "sha256": sha256(dest),
                                    "bytes": dest.stat().st_size})  # fmt: skip
        manifest["packages"].append(  # type: ignore[attr-defined]
            {"name": name, "version": version, "license": licence, "integrity": info["integrity"], "files": entries}
        )
    (VENDOR / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def check() -> list[str]:
    """The files that differ from the manifest (empty: all match)."""
    manifest = json.loads((VENDOR / "manifest.json").read_text(encoding="utf-8"))
    return [
        entry["path"]
        for package in manifest["packages"]
        for entry in package["files"]
        if not (VENDOR / entry["path"]).is_file() or sha256(VENDOR / entry["path"]) != entry["sha256"]
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the vendored files against the manifest")
    args = parser.parse_args()
    if args.check:
        bad = check()
        for path in bad:
            print(f"differs from the manifest: {path}", file=sys.stderr)
        return 1 if bad else 0
    manifest = vendor()
    for package in manifest["packages"]:  # type: ignore[attr-defined]
        size = sum(f["bytes"] for f in package["files"])
        files = len(package["files"])
        print(f"{package['name']}@{package['version']} ({package['license']}): {files} files, {size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
