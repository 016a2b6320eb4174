#!/usr/bin/env python3
"""Whole-process start-up against `import trafilatura`, and time against document size.

    python bench/startup_and_scaling.py [--runs 10] [--doc PATH] [--json]

1. Start-up: the least CPU time (of ``--runs`` interleaved runs) of `summitline extract DOC` (the
   founding article by default, table and JSON output) as a whole process, against
   `python -c 'import trafilatura'`, after one warm-up run of each (which builds the compiled
   knowledge-base cache, see `kb/cache.py`). The package's modules are byte-compiled first
   (`compileall`), as a regular install does: with PYTHONDONTWRITEBYTECODE set, an editable install
   otherwise recompiles every module on every start.
2. Scaling: in one process, the least CPU time (of five runs in turn) to extract one-paragraph
   documents of 80 KB and 400 KB made by repeating the founding article's text with its line breaks
   removed; linear time means a ratio near 5, the issue's bar is at most 6.
"""

from __future__ import annotations

import argparse
import compileall
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared/seeds/000_a39ee73e12a900c8.txt"


def cpu_times(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """The least CPU time (user + system, of the child) of each command over ``runs`` interleaved runs,
    after one warm-up run of each: the least is the run that other work on the machine disturbed least."""
    for cmd in commands.values():
        subprocess.run(cmd, check=True, capture_output=True)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(cmd, check=True, capture_output=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {name: min(t) for name, t in times.items()}


def scaling(doc: Path, runs: int = 5) -> dict[str, float]:
    """CPU time of this process (not wall time: other work on the machine does not count) to extract each
    size, least of ``runs`` runs taken in turn."""
    from summitline.kb import load_kb
    from summitline.pipeline import extract_document
    from summitline.read import read_bytes

    kb = load_kb()
    base = doc.read_text(encoding="utf-8").replace("\n", " ")
    extract_document(read_bytes(base.encode(), label="warm-up"), kb)
    sizes = (80_000, 400_000)
    data = {size: (base * (size // len(base) + 1))[:size].encode() for size in sizes}
    times: dict[int, list[float]] = {size: [] for size in sizes}
    for _ in range(runs):
        for size in sizes:
            t = time.process_time()
            extract_document(read_bytes(data[size], label=f"{size}"), kb)
            times[size].append(time.process_time() - t)
    out = {f"{size // 1000}KB_s": min(times[size]) for size in sizes}
    out["ratio"] = out["400KB_s"] / out["80KB_s"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--doc", type=Path, default=SEED if SEED.exists() else ROOT / "examples/merkel-us-presidents.txt"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    exe = [sys.executable, "-m", "summitline"]
    result = cpu_times(
        {
            "import_trafilatura_s": [sys.executable, "-c", "import trafilatura"],
            "extract_table_s": [*exe, "extract", str(args.doc)],
            "extract_json_s": [*exe, "extract", str(args.doc), "--format", "json"],
        },
        args.runs,
    )
    result["table_vs_trafilatura"] = result["extract_table_s"] / result["import_trafilatura_s"]
    result["json_vs_trafilatura"] = result["extract_json_s"] / result["import_trafilatura_s"]
    result.update(scaling(args.doc))
    least = f"least CPU time of {args.runs}"
    from summitline.compiled import compiled_modules

    result["compiled_modules"] = len(compiled_modules())
    print(f"pipeline: {result['compiled_modules']} modules compiled by mypyc" if result["compiled_modules"] else
          "pipeline: pure Python")  # fmt: skip
    print(f"python -c 'import trafilatura': {result['import_trafilatura_s'] * 1000:.0f} ms ({least})")
    print(f"summitline extract (table):     {result['extract_table_s'] * 1000:.0f} ms "
          f"= {result['table_vs_trafilatura']:.2f}x the trafilatura import")  # fmt: skip
    print(f"summitline extract (json):      {result['extract_json_s'] * 1000:.0f} ms "
          f"= {result['json_vs_trafilatura']:.2f}x")  # fmt: skip
    print(f"one paragraph of 80 KB: {result['80KB_s']:.2f} s; of 400 KB: {result['400KB_s']:.2f} s; "
          f"ratio {result['ratio']:.1f} (linear: 5)")  # fmt: skip
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
