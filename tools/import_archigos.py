#!/usr/bin/env python3
"""Write ``src/summitline/kb/data/leaders_archigos.csv`` from Archigos 4.1.

    python tools/import_archigos.py [ARCHIGOS_CSV] [-o OUT]

ARCHIGOS_CSV defaults to ``../shared/reference/archigos/leaders.csv``. Run it again
after a curated leaders file changes: persons the curated files know keep their ids,
and spells that a curated term covers add no term (see ``summitline.kb.archigos``).
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from summitline.kb import DATA_DIR, _load_leaders, load_kb
from summitline.kb.archigos import archigos_rows, read_spells, write_leaders_file

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archigos", nargs="?", type=Path, default=ROOT.parent / "shared/reference/archigos/leaders.csv")
    parser.add_argument("-o", "--output", type=Path, default=DATA_DIR / "leaders_archigos.csv")
    args = parser.parse_args()
    curated_files = [p for p in sorted(DATA_DIR.glob("leaders*.csv")) if p.resolve() != args.output.resolve()]
    kb = dataclasses.replace(load_kb(), leaders=_load_leaders(curated_files, {}))
    rows = archigos_rows(read_spells(args.archigos.read_text(encoding="utf-8")), kb)
    write_leaders_file(rows, args.output)
    terms = sum(1 for r in rows if r[4])
    print(f"{args.output}: {len(rows)} rows ({terms} terms, {len(rows) - terms} alias/gender rows)")


if __name__ == "__main__":
    main()
