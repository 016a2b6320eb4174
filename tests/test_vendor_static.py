"""The vendored third-party files (tools/vendor_static.py) are the ones the manifest records, with licences
that allow it, and nothing the pages use comes from elsewhere."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import vendor_static  # noqa: E402

STATIC = ROOT / "src" / "summitline" / "web" / "static"
TEMPLATES = ROOT / "src" / "summitline" / "web" / "templates"


def test_every_vendored_file_matches_its_manifest_entry() -> None:
    assert vendor_static.check() == []


def test_the_manifest_pins_versions_and_licences_and_keeps_each_licence() -> None:
    manifest = json.loads((STATIC / "vendor" / "manifest.json").read_text(encoding="utf-8"))
    for package in manifest["packages"]:
        assert re.fullmatch(r"\d+\.\d+\.\d+", package["version"])
        # permissive licences; MPL-2.0 (TimelineJS, for the browser tests) only for files copied unmodified
        assert package["license"] in ("ISC", "BSD-2-Clause", "MIT", "MPL-2.0")
        assert package["integrity"].startswith("sha512-")
        assert any(f["path"].endswith("/LICENSE") for f in package["files"])
    size = sum(f["bytes"] for p in manifest["packages"] for f in p["files"])
    assert size < 700_000  # modest: the map outline, leaflet, TimelineJS


def test_no_template_or_script_loads_anything_from_another_host() -> None:
    for path in [*TEMPLATES.glob("*.html"), *STATIC.glob("*.js"), *STATIC.glob("*.css")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), path
        assert "@import" not in text and "url(http" not in text, path
