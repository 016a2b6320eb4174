"""The README's screenshots, from the example that ships with the project: docs/chronology.png (the
chronology page) and docs/meeting.png (the page of the Elmau meeting, with its evidence).

    python tools/readme_screenshots.py [--out docs]

Builds a library from examples/ in a temporary folder, serves it on 127.0.0.1 and drives Debian's Chromium
with Playwright (`apt-get install chromium`, `pip install playwright`).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.web_support import EXAMPLES, browser_page, build_library, serving  # noqa: E402

from summitline.kb import load_kb  # noqa: E402
from summitline.web.app import ServeConfig, create_app  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder of the screenshots (default docs/)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        target = str(Path(tmp) / "examples.db")
        build_library(target, [str(EXAMPLES)], load_kb())
        with serving(create_app(ServeConfig(db=target))) as url, browser_page(1280, 1000) as (page, _, _):
            page.goto(url)
            page.screenshot(path=str(args.out / "chronology.png"))
            page.goto(url + "?q=pretzels")
            page.locator("article.card .date a").first.click()
            page.wait_for_selector("section.source")
            page.screenshot(path=str(args.out / "meeting.png"), full_page=True)
    for name in ("chronology.png", "meeting.png"):
        print(args.out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
