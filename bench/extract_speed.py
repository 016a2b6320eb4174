"""How fast is ``extract_document`` on one document, against a naive spaCy + dateparser pass?

Prints human-readable lines (and, with ``--json``, one JSON line at the end):

    summitline extract: median 12.3 ms/doc (p90 13.0, min 11.8) = 81.3 docs/s, 18 meetings
    naive spaCy+dateparser: median 450 ms/doc; summitline is 36.6x faster
    CPU time, taken in turn: naive median 130 ms (min 118), summitline median 16.2 ms (min 14.9): 8.0x …
    summitline --help: 180 ms

The knowledge base is loaded once before timing; each timed run reads the
document's bytes (already in memory) and extracts its meetings. The naive
comparison needs the ``bench`` extra: ``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DOC = REPO.parent / "shared/seeds/000_a39ee73e12a900c8.txt"


def default_doc() -> Path | None:
    if DEFAULT_DOC.is_file():
        return DEFAULT_DOC
    examples = sorted((REPO / "examples").glob("*.txt"))
    return examples[0] if examples else None


def pin_to_one_core() -> int | None:
    """Run on the first allowed CPU, to cut scheduler noise; None where the OS does not allow it."""
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return cpu
    except (AttributeError, OSError, ValueError):
        return None


def time_runs(fn: Callable[[], object], runs: int, warmup: int) -> list[float]:
    """Milliseconds per call for ``runs`` calls, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil
    return ordered[int(rank) - 1]


def bench_summitline(data: bytes, label: str, runs: int, warmup: int) -> dict:
    from summitline import extract_document
    from summitline.kb import load_kb
    from summitline.read import read_bytes

    kb = load_kb()
    result = {}

    def run() -> None:
        result["extraction"] = extract_document(read_bytes(data, label=label), kb)

    times = time_runs(run, runs, warmup)
    median = statistics.median(times)
    return {
        "runs": runs,
        "median_ms": median,
        "p90_ms": percentile(times, 90),
        "min_ms": min(times),
        "docs_per_s": 1000 / median if median else float("inf"),
        "meetings": len(result["extraction"].meetings),
        "text_chars": len(result["extraction"].document.text),
    }


def bench_naive(text: str, runs: int) -> dict | None:
    """spaCy's blank English pipeline with a sentencizer, then dateparser on every sentence."""
    try:
        import spacy
        from dateparser.search import search_dates
    except ImportError as exc:
        print(
            f"naive spaCy+dateparser: skipped ({exc.name or exc} is not installed; "
            "install with pip install -e '.[bench]')"
        )
        return None

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    found = {}

    def run() -> None:
        dates = sentences = 0
        for sent in nlp(text).sents:
            sentences += 1
            dates += len(search_dates(sent.text, languages=["en"]) or [])
        found["dates"], found["sentences"] = dates, sentences

    times = time_runs(run, runs, warmup=1)
    return {
        "runs": runs,
        "median_ms": statistics.median(times),
        "min_ms": min(times),
        "dates": found["dates"],
        "sentences": found["sentences"],
    }


def bench_interleaved(data: bytes, label: str, text: str, rounds: int, per_round: int) -> dict | None:
    """CPU time of both, taken in turn: each round one naive run, then ``per_round`` extractions. On a shared
    machine the load changes from minute to minute; taken in turn, both see the same load, and CPU time leaves
    out the time other processes take. The ratio of the medians is the issue's bar."""
    try:
        import spacy
        from dateparser.search import search_dates
    except ImportError:
        return None
    from summitline import extract_document
    from summitline.kb import load_kb
    from summitline.read import read_bytes

    kb = load_kb()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    def naive() -> None:
        for sent in nlp(text).sents:
            search_dates(sent.text, languages=["en"])

    def ours() -> None:
        extract_document(read_bytes(data, label=label), kb)

    naive()
    for _ in range(3):
        ours()
    naive_ms: list[float] = []
    ours_ms: list[float] = []
    for _ in range(rounds):
        start = time.process_time()
        naive()
        naive_ms.append((time.process_time() - start) * 1000)
        for _ in range(per_round):
            start = time.process_time()
            ours()
            ours_ms.append((time.process_time() - start) * 1000)
    return {
        "rounds": rounds,
        "naive_median_ms": statistics.median(naive_ms),
        "naive_min_ms": min(naive_ms),
        "ours_median_ms": statistics.median(ours_ms),
        "ours_min_ms": min(ours_ms),
        "ratio_median": statistics.median(naive_ms) / statistics.median(ours_ms),
        "ratio_min": min(naive_ms) / min(ours_ms),
    }


def bench_help(argv: list[str], runs: int = 5) -> float | None:
    """Median wall time in ms of running ``argv`` (which should exit 0)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        times.append((time.perf_counter() - start) * 1000)
        if proc.returncode != 0:
            err = proc.stderr.decode(errors="replace").strip()
            print(f"{' '.join(argv)}: exited {proc.returncode}: {err}")
            return None
    return statistics.median(times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--doc",
        type=Path,
        default=None,
        help=f"document to extract (default: {DEFAULT_DOC}, else the first examples/*.txt)",
    )
    parser.add_argument("--runs", type=int, default=50, help="timed extract runs (default 50)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed extract runs first (default 5)")
    parser.add_argument("--naive-runs", type=int, default=5, help="timed naive runs (default 5)")
    parser.add_argument("--no-naive", action="store_true", help="skip the spaCy+dateparser comparison")
    parser.add_argument(
        "--rounds", type=int, default=15, help="rounds of the CPU-time comparison taken in turn (default 15)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON line of results at the end")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.naive_runs < 1 or args.rounds < 1 or args.warmup < 0:
        parser.error("--runs, --naive-runs and --rounds must be at least 1, --warmup at least 0")

    doc = args.doc or default_doc()
    if doc is None:
        parser.error(f"no document: {DEFAULT_DOC} is absent and examples/ has no .txt file; give --doc PATH")
    if not doc.is_file():
        parser.error(f"{doc}: no such file; give --doc PATH")

    cpu = pin_to_one_core()
    data = doc.read_bytes()
    print(
        f"document: {doc} ({len(data)} bytes); "
        + (f"pinned to CPU {cpu}" if cpu is not None else "not pinned to a CPU")
    )
    from summitline.compiled import compiled_modules

    compiled = compiled_modules()
    print(f"pipeline: {len(compiled)} modules compiled by mypyc" if compiled else "pipeline: pure Python")
    results: dict = {"doc": str(doc), "bytes": len(data), "cpu": cpu, "python": sys.version.split()[0]}
    results["compiled_modules"] = len(compiled)

    ours = bench_summitline(data, doc.name, args.runs, args.warmup)
    results["summitline"] = ours
    print(
        f"summitline extract: median {ours['median_ms']:.1f} ms/doc (p90 {ours['p90_ms']:.1f}, "
        f"min {ours['min_ms']:.1f}) = {ours['docs_per_s']:.1f} docs/s, {ours['meetings']} meetings "
        f"[{args.runs} runs after {args.warmup} warm-up]"
    )

    if not args.no_naive:
        from summitline.read import read_bytes

        naive = bench_naive(read_bytes(data, label=doc.name).text, args.naive_runs)
        if naive is not None:
            naive["ratio"] = naive["median_ms"] / ours["median_ms"]
            results["naive"] = naive
            ratio = naive["ratio"]
            verdict = f"summitline is {ratio:.1f}x faster" if ratio >= 1 else f"summitline is {1 / ratio:.1f}x SLOWER"
            print(
                f"naive spaCy+dateparser: median {naive['median_ms']:.0f} ms/doc "
                f"(min {naive['min_ms']:.0f}; {naive['sentences']} sentences, {naive['dates']} dates); "
                f"{verdict} [{args.naive_runs} runs]"
            )
        both = bench_interleaved(data, doc.name, read_bytes(data, label=doc.name).text, args.rounds, 10)
        if both is not None:
            results["interleaved"] = both
            print(
                f"CPU time, taken in turn: naive median {both['naive_median_ms']:.0f} ms (min "
                f"{both['naive_min_ms']:.0f}), summitline median {both['ours_median_ms']:.1f} ms (min "
                f"{both['ours_min_ms']:.1f}): {both['ratio_median']:.1f}x by the medians (the bar: 8x), "
                f"{both['ratio_min']:.1f}x by the least [{args.rounds} rounds of 1 naive run and 10 extractions]"
            )

    results["help_ms"] = {}
    commands = {"python -m summitline --help": [sys.executable, "-m", "summitline", "--help"]}
    script = shutil.which("summitline")
    if script:
        commands["summitline --help"] = [script, "--help"]
    # pyenv and similar put a shell shim on PATH; time the real entry point beside this python too
    beside = Path(sys.executable).parent / "summitline"
    if beside.is_file() and (not script or Path(script).resolve() != beside.resolve()):
        commands[f"{beside} --help"] = [str(beside), "--help"]
    for name, command in commands.items():
        ms = bench_help(command)
        results["help_ms"][name] = ms
        if ms is not None:
            print(f"{name}: {ms:.0f} ms")
    if not script:
        print("summitline --help: skipped (no summitline console script on PATH)")

    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
