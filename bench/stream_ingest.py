"""A crawl-like stream ingested on one core, against trafilatura alone over the same records (issue 10's bar).

    python bench/stream_ingest.py [--records 10000] [--small 1000] [--shared ../shared] [--json]

Builds a mixed stream from the 484 saved web pages of ``corpus/web`` and the articles of ``corpus/dev``,
``dev2`` and ``dev3``, repeated until it holds ``--records`` records, each copy altered by a unique comment
(HTML) or line (text) so that no two are byte-identical; writes it as WARC.gz (pages as ``text/html``
responses, articles as ``text/plain`` ones) and as JSONL (``html`` or ``text``). Then, each in a fresh
process, ``summitline ingest STREAM --workers 1`` into a new SQLite library (wall-clock time and peak
memory, for the whole stream and for its first ``--small`` records), and ``trafilatura.extract`` alone over
the HTML records of the stream's first two rounds (wall-clock rate, the same per record whatever the
round). Prints records/s of each, the ratio of ingest to trafilatura (bar: 5x or more) and how much the
peak memory grows from ``--small`` to ``--records`` records (bar: under 50 MB).
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


def base_documents(shared: Path) -> list[tuple[str, str, bytes]]:
    """(name, media type, bytes) of every web page and corpus article."""
    corpus = shared / "corpus"
    docs = [(p.name, "text/html", p.read_bytes()) for p in sorted((corpus / "web").glob("*.html"))]
    for folder in ("dev", "dev2", "dev3"):
        for p in sorted((corpus / folder).glob("*")):
            if p.suffix.lower() in (".html", ".htm"):
                docs.append((p.name, "text/html", p.read_bytes()))
            elif p.suffix.lower() == ".txt":
                docs.append((p.name, "text/plain", p.read_bytes()))
    return docs


def altered(data: bytes, media: str, n: int) -> bytes:
    """A copy that differs from every other by a comment (HTML) or a last line (text) naming its number."""
    if media == "text/html":
        return data + f"\n<!-- stream copy {n} -->\n".encode()
    return data + f"\n\n(stream copy {n})\n".encode()


def stream(bases: list[tuple[str, str, bytes]], count: int) -> list[tuple[str, str, bytes]]:
    return [(f"https://stream.example/{n}/{bases[n % len(bases)][0]}", bases[n % len(bases)][1],
             altered(bases[n % len(bases)][2], bases[n % len(bases)][1], n)) for n in range(count)]  # fmt: skip


def write_warc(records: list[tuple[str, str, bytes]], path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, media, data in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", f"{media}; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(data),
                length=len(data),
                http_headers=http,
                warc_headers_dict={"WARC-Date": "2025-06-01T00:00:00Z"},
            )
            writer.write_record(record)


def write_jsonl(records: list[tuple[str, str, bytes]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for url, media, data in records:
            field = "html" if media == "text/html" else "text"
            out.write(json.dumps({"url": url, field: data.decode("utf-8", errors="replace")}) + "\n")


def measured(argv: list[str]) -> tuple[float, float, str]:
    """(seconds, peak resident MB, stdout) of a command run in a fresh process of its own."""
    probe = (
        "import resource, subprocess, sys, time, json; t = time.perf_counter(); "
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(json.dumps([time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
        "p.returncode, p.stdout, p.stderr[-2000:]]))"
    )
    out = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, check=True).stdout
    seconds, kb, code, stdout, stderr = json.loads(out)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({code}): {stderr}")
    return seconds, kb / 1024, stdout.strip()


def ingest_run(path: Path, folder: Path) -> dict[str, Any]:
    db = folder / f"{path.name}.db"
    argv = [sys.executable, "-m", "summitline", "ingest", str(path), "--db", str(db), "--workers", "1", "--quiet"]
    seconds, peak, out = measured(argv)
    return {"seconds": round(seconds, 2), "peak_mb": round(peak, 1), "summary": out.splitlines()[0] if out else ""}


def trafilatura_rate(records: list[tuple[str, str, bytes]]) -> dict[str, Any]:
    import trafilatura

    pages = [data.decode("utf-8", errors="replace") for _, media, data in records if media == "text/html"]
    trafilatura.extract(pages[0])  # warm-up: imports and first-call caches
    started = time.perf_counter()
    for page in pages:
        trafilatura.extract(page, include_comments=False)
    seconds = time.perf_counter() - started
    return {"pages": len(pages), "html_share": len(pages) / len(records), "seconds": round(seconds, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    bases = base_documents(args.shared)
    records = stream(bases, args.records)
    results: dict[str, Any] = {"bases": len(bases), "records": len(records)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for kind, write in (("warc.gz", write_warc), ("jsonl", write_jsonl)):
            for size in (args.small, args.records):
                path = folder / f"stream{size}.{kind}"
                write(records[:size], path)
                results[f"{kind} {size}"] = ingest_run(path, folder)
        sample = records[: 2 * len(bases)]
        traf = trafilatura_rate(sample)
        # trafilatura's time per record over the whole stream: HTML records at the sampled rate
        traf_seconds = traf["seconds"] / traf["pages"] * traf["html_share"] * len(records)
        results["trafilatura"] = {**traf, "estimated_seconds_for_stream": round(traf_seconds, 1)}
    for kind in ("warc.gz", "jsonl"):
        whole, small = results[f"{kind} {args.records}"], results[f"{kind} {args.small}"]
        whole["records_per_s"] = round(len(records) / whole["seconds"], 1)
        whole["ratio_to_trafilatura"] = round(traf_seconds / whole["seconds"], 2)
        whole["peak_growth_mb"] = round(whole["peak_mb"] - small["peak_mb"], 1)
    results["trafilatura"]["records_per_s"] = round(len(records) / traf_seconds, 1)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{len(records)} records from {len(bases)} documents; trafilatura alone: "
          f"{results['trafilatura']['records_per_s']} records/s")  # fmt: skip
    for kind in ("warc.gz", "jsonl"):
        w, s = results[f"{kind} {args.records}"], results[f"{kind} {args.small}"]
        print(
            f"{kind:>8}: {w['records_per_s']} records/s, {w['ratio_to_trafilatura']}x trafilatura (bar 5x); "
            f"peak {s['peak_mb']} MB at {args.small}, {w['peak_mb']} MB at {args.records} "
            f"(+{w['peak_growth_mb']} MB, bar < 50)\n          {w['summary']}"
        )


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
