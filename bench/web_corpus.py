"""Run the extractor over a corpus of saved web pages and report crashes, hangs and meetings.

    python bench/web_corpus.py [--dir DIR] [--jobs 2] [--timeout 30] [--json FILE] [--fail-on-crash]

Every page is extracted in a worker process (``concurrent.futures.ProcessPoolExecutor``) with a
per-page time limit. A page that runs over the limit is recorded as a hang: the pool's processes
are killed and a fresh pool is started, and the other pages that were running are re-queued.
A worker that dies on its own (a segfault, the OOM killer) breaks the whole pool; the pages that
were running are then re-run one at a time so the culprit can be named.

Outcomes per page:

* ``ok``        ``summitline.extract`` returned (with or without meetings);
* ``unusable``  it raised ``summitline.SummitlineError`` (an expected, clean refusal);
* ``crash``     it raised any other exception, or the worker process died;
* ``hang``      it did not finish within ``--timeout`` seconds.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import sys
import time
import traceback
from collections import Counter, deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared/corpus/web"
PROGRESS_EVERY = 50
WARMUP_TIMEOUT = 180.0  # importing trafilatura and loading the knowledge base, once per worker


# --------------------------------------------------------------------------- worker side


def _extract_function() -> Any:
    """``summitline.extract``, resolved once per worker (the package loads the pipeline lazily)."""
    import summitline

    return summitline.extract


_EXTRACT: Any = None


def _init_worker() -> None:
    """Pay the import and knowledge-base cost once per worker, not inside the first page's time limit."""
    global _EXTRACT
    import trafilatura  # noqa: F401

    import summitline
    from summitline.config import settings_from_env

    _EXTRACT = _extract_function()
    summitline.load_kb(settings_from_env().kb_dir)


def _warmup(delay: float) -> int:
    time.sleep(delay)  # keeps this worker busy so the next warm-up task goes to another one
    return os.getpid()


def _last_line(exc: BaseException) -> str:
    lines = [ln for ln in traceback.format_exception_only(type(exc), exc) if ln.strip()]
    return lines[-1].strip() if lines else type(exc).__name__


def _where(exc: BaseException) -> str | None:
    """The innermost frame of the traceback, as 'file:line in function'."""
    tb = traceback.extract_tb(exc.__traceback__)
    if not tb:
        return None
    f = tb[-1]
    return f"{f.filename}:{f.lineno} in {f.name}"


def _place(place: Any) -> str:
    if place is None:
        return "-"
    name = place.name or "?"
    return f"{name} ({place.country})" if place.country else name


def extract_page(path_str: str) -> dict[str, Any]:
    """Run ``summitline.extract`` on one page; never raises (outcomes are returned as data)."""
    import summitline

    path = Path(path_str)
    t0 = time.perf_counter()
    out: dict[str, Any] = {"file": path.name, "path": path_str}
    extract = _EXTRACT or _extract_function()
    try:
        result = extract(path)
    except summitline.SummitlineError as exc:
        out.update(status="unusable", error_type=type(exc).__name__, reason=str(exc))
    except Exception as exc:  # noqa: BLE001 - anything else is a bug in the extractor
        out.update(
            status="crash",
            error=_last_line(exc),
            where=_where(exc),
            traceback="".join(traceback.format_exception(exc)),
        )
    else:
        doc = result.document
        out.update(
            status="ok",
            title=doc.title,
            published=doc.published,
            published_source=doc.published_source,
            chars=len(doc.text),
            meetings=[
                {
                    "date": m.date,
                    "date_precision": m.date_precision,
                    "date_source": m.date_source,
                    "participants": [p.name for p in m.participants],
                    "participants_resolved_by": [p.resolved_by for p in m.participants],
                    "participant_mentions": [p.mention for p in m.participants],
                    "place": _place(m.place),
                    "format": m.format,
                    "status": m.status,
                    "occasion": m.occasion,
                    "summary": m.summary,
                }
                for m in result.meetings
            ],
        )
    out["seconds"] = round(time.perf_counter() - t0, 3)
    return out


# --------------------------------------------------------------------------- pool management


class Runner:
    """Runs pages through a ProcessPoolExecutor, killing and replacing it when a page hangs."""

    def __init__(self, jobs: int, timeout: float, progress: Any) -> None:
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.progress = progress
        self.ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self.executor: ProcessPoolExecutor | None = None
        self.procs: list[Any] = []
        self.restarts = 0

    # -- executor lifecycle

    def _start(self) -> None:
        self.executor = ProcessPoolExecutor(max_workers=self.jobs, mp_context=self.ctx, initializer=_init_worker)
        # start every worker now and let it finish its imports before any page's clock starts
        warm = [self.executor.submit(_warmup, 0.3) for _ in range(self.jobs)]
        done, not_done = wait(warm, timeout=WARMUP_TIMEOUT)
        if not_done or any(f.exception() for f in done):
            raise RuntimeError("worker processes could not start (imports or knowledge base failed)")
        self.procs = list(getattr(self.executor, "_processes", {}).values())

    def _kill(self) -> None:
        """Kill every worker of the current pool (a hung worker cannot be stopped any other way)."""
        if self.executor is None:
            return
        procs = list(getattr(self.executor, "_processes", {}).values()) or self.procs
        for p in procs:
            try:
                if p.is_alive():
                    p.kill()
            except Exception:  # noqa: BLE001 - already gone
                pass
        for p in procs:
            try:
                p.join(timeout=5)
            except Exception:  # noqa: BLE001
                pass
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = None
        self.restarts += 1

    def _exit_codes(self) -> list[int]:
        """Exit codes of the workers that died (a negative code is the signal that killed it)."""
        current = (getattr(self.executor, "_processes", None) or {}).values()
        procs = {id(p): p for p in [*self.procs, *current]}
        codes = []
        for p in procs.values():
            p.join(timeout=1)
            if p.exitcode is not None:
                codes.append(p.exitcode)
        return codes

    # -- main loop

    def run(self, pages: list[Path]) -> list[dict[str, Any]]:
        results: dict[str, dict[str, Any]] = {}
        pending: deque[str] = deque(str(p) for p in pages)
        suspects: deque[str] = deque()  # pages that were running when a worker died: re-run one at a time
        inflight: dict[Future[dict[str, Any]], tuple[str, float, bool]] = {}  # future -> (page, start, solo)
        self._start()
        try:
            while pending or suspects or inflight:
                # fill the pool; suspects run strictly alone
                while self.executor is not None:
                    if suspects:
                        if inflight:
                            break
                        page, solo = suspects.popleft(), True
                    elif pending and len(inflight) < self.jobs and not any(v[2] for v in inflight.values()):
                        page, solo = pending.popleft(), False
                    else:
                        break
                    inflight[self.executor.submit(extract_page, page)] = (page, time.monotonic(), solo)
                    if solo:
                        break

                done, _ = wait(list(inflight), timeout=0.25, return_when=FIRST_COMPLETED)
                broken: list[tuple[str, bool]] = []
                for fut in done:
                    page, start, solo = inflight.pop(fut)
                    try:
                        res = fut.result()
                    except BrokenProcessPool:
                        broken.append((page, solo))
                        continue
                    except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
                        res = {
                            "file": Path(page).name,
                            "path": page,
                            "status": "crash",
                            "error": f"(in the pool) {_last_line(exc)}",
                            "where": None,
                            "seconds": round(time.monotonic() - start, 3),
                        }
                    self._record(results, res, len(pages))

                if broken:
                    codes = self._exit_codes()
                    # every other running page fails with the pool too
                    for page, _start, solo in inflight.values():
                        broken.append((page, solo))
                    inflight.clear()
                    self._kill()
                    for page, solo in broken:
                        if solo:  # died again when run alone: this page kills the worker
                            self._record(
                                results,
                                {
                                    "file": Path(page).name,
                                    "path": page,
                                    "status": "crash",
                                    "error": f"worker process died (exit codes of the pool's workers: {codes})",
                                    "where": None,
                                    "seconds": None,
                                },
                                len(pages),
                            )
                        else:
                            suspects.append(page)
                    self._start()
                    continue

                now = time.monotonic()
                overdue = [(f, v) for f, v in inflight.items() if now - v[1] > self.timeout]
                if overdue:
                    for fut, (page, start, _solo) in overdue:
                        del inflight[fut]
                        self._record(
                            results,
                            {
                                "file": Path(page).name,
                                "path": page,
                                "status": "hang",
                                "error": f"no result after {now - start:.1f} s (limit {self.timeout:g} s); "
                                "worker killed",
                                "where": None,
                                "seconds": round(now - start, 3),
                            },
                            len(pages),
                        )
                    # the innocent pages running alongside start again in the new pool
                    requeue = [(page, solo) for page, _s, solo in inflight.values()]
                    inflight.clear()
                    self._kill()
                    for page, solo in reversed(requeue):
                        (suspects if solo else pending).appendleft(page)
                    self._start()
        finally:
            if self.executor is not None:
                self._kill()
                self.restarts -= 1
        return [results[str(p)] for p in pages]

    def _record(self, results: dict[str, dict[str, Any]], res: dict[str, Any], total: int) -> None:
        results[res["path"]] = res
        if len(results) % PROGRESS_EVERY == 0 or len(results) == total:
            self.progress(results, total)


# --------------------------------------------------------------------------- report


def _reason_key(res: dict[str, Any]) -> str:
    """The reason of an 'unusable' outcome without the page's own path or numbers, for counting."""
    reason = res.get("reason") or ""
    for prefix in (res["path"] + ": ", res["file"] + ": "):
        if reason.startswith(prefix):
            reason = reason[len(prefix) :]
    reason = reason.replace(res["path"], "<page>")
    reason = re.sub(r"\d+", "N", reason)
    return f"{res.get('error_type', 'SummitlineError')}: {reason}"


def summarize(results: list[dict[str, Any]], elapsed: float, args: argparse.Namespace, restarts: int) -> dict:
    n = len(results)
    by = {s: [r for r in results if r["status"] == s] for s in ("ok", "unusable", "crash", "hang")}
    with_meetings = [r for r in by["ok"] if r.get("meetings")]
    reasons = Counter(_reason_key(r) for r in by["unusable"])
    timed = [r for r in results if r.get("seconds") is not None and r["status"] != "hang"]
    slowest = sorted(timed, key=lambda r: r["seconds"], reverse=True)[:5]
    return {
        "dir": str(args.dir),
        "jobs": args.jobs,
        "timeout": args.timeout,
        "pages": n,
        "ok": len(by["ok"]),
        "crashes": [{k: r.get(k) for k in ("file", "error", "where", "traceback")} for r in by["crash"]],
        "hangs": [{k: r.get(k) for k in ("file", "error")} for r in by["hang"]],
        "unusable": {
            "count": len(by["unusable"]),
            "by_reason": dict(reasons.most_common()),
            "pages": [{"file": r["file"], "reason": r["reason"]} for r in by["unusable"]],
        },
        "pages_with_meetings": len(with_meetings),
        "pages_without_meetings": n - len(with_meetings),
        "pct_pages_without_meeting": round(100 * (n - len(with_meetings)) / n, 1) if n else None,
        "pct_usable_pages_without_meeting": (
            round(100 * (len(by["ok"]) - len(with_meetings)) / len(by["ok"]), 1) if by["ok"] else None
        ),
        "meetings_total": sum(len(r["meetings"]) for r in with_meetings),
        "seconds": round(elapsed, 2),
        "pages_per_second": round(n / elapsed, 2) if elapsed > 0 else None,
        "pool_restarts": restarts,
        "slowest": [{"file": r["file"], "seconds": r["seconds"]} for r in slowest],
        "with_meetings": [
            {"file": r["file"], "title": r.get("title"), "published": r.get("published"), "meetings": r["meetings"]}
            for r in with_meetings
        ],
        "results": [{k: v for k, v in r.items() if k != "traceback"} for r in results],
    }


def meeting_line(m: dict[str, Any]) -> str:
    summary = (m.get("summary") or "").replace("\n", " ")[:160]
    return " | ".join(
        [
            m["date"],
            ", ".join(m["participants"]),
            m["place"],
            m["format"],
            m["status"],
            summary,
        ]
    )


def print_report(s: dict[str, Any], out: Any = sys.stdout) -> None:
    w = out.write
    w(f"corpus: {s['dir']}\n")
    w(
        f"pages read: {s['pages']}  (extracted {s['ok']}, unusable {s['unusable']['count']}, "
        f"crashes {len(s['crashes'])}, hangs {len(s['hangs'])})\n"
    )
    w(f"\ncrashes: {len(s['crashes'])}\n")
    for c in s["crashes"]:
        w(f"  {c['file']}: {c['error']}" + (f"  [{c['where']}]" if c.get("where") else "") + "\n")
    w(f"hangs (> {s['timeout']:g} s): {len(s['hangs'])}\n")
    for h in s["hangs"]:
        w(f"  {h['file']}: {h['error']}\n")
    w(f"unusable: {s['unusable']['count']}\n")
    for reason, count in s["unusable"]["by_reason"].items():
        w(f"  {count:4d}  {reason}\n")
    w(
        f"\npages with >=1 meeting: {s['pages_with_meetings']} of {s['pages']} "
        f"({s['meetings_total']} meetings); pages with no meeting: {s['pct_pages_without_meeting']}% of all "
        f"pages, {s['pct_usable_pages_without_meeting']}% of extracted pages\n"
    )
    w(
        f"time: {s['seconds']:.1f} s, {s['pages_per_second']} pages/s with {s['jobs']} worker(s)"
        f" (pool restarts: {s['pool_restarts']})\n"
    )
    if s["slowest"]:
        w("slowest: " + ", ".join(f"{x['file']} {x['seconds']:.1f} s" for x in s["slowest"]) + "\n")
    if s["with_meetings"]:
        w("\nmeetings (date | participants | place | format | status | summary[:160]):\n")
    for page in s["with_meetings"]:
        w(f"\n{page['file']}" + (f"  — {page['title']}" if page.get("title") else "") + "\n")
        for m in page["meetings"]:
            w(f"  {meeting_line(m)}\n")


# --------------------------------------------------------------------------- entry point


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--dir", type=Path, default=DEFAULT_DIR, help=f"folder of pages (default {DEFAULT_DIR})")
    p.add_argument("--glob", default="*.html", help="which files of --dir to read (default '*.html')")
    p.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds per page before it counts as a hang")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the whole report as JSON to FILE")
    p.add_argument("--limit", type=int, help="only the first N pages (sorted by name), for a quick check")
    p.add_argument("--fail-on-crash", action="store_true", help="exit 1 if any page crashed or hung")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.dir.is_dir():
        print(f"error: {args.dir} is not a folder", file=sys.stderr)
        return 2
    pages = sorted(p for p in args.dir.glob(args.glob) if p.is_file())
    if args.limit:
        pages = pages[: args.limit]
    if not pages:
        print(f"error: no {args.glob} pages in {args.dir}", file=sys.stderr)
        return 2
    t0 = time.monotonic()

    def progress(results: dict[str, dict[str, Any]], total: int) -> None:
        st = Counter(r["status"] for r in results.values())
        mt = sum(1 for r in results.values() if r.get("meetings"))
        el = time.monotonic() - t0
        print(
            f"[{len(results)}/{total}] {el:.0f} s, {len(results) / el:.2f} pages/s; "
            f"crashes {st['crash']}, hangs {st['hang']}, unusable {st['unusable']}, with meetings {mt}",
            file=sys.stderr,
            flush=True,
        )

    runner = Runner(args.jobs, args.timeout, progress)
    results = runner.run(pages)
    elapsed = time.monotonic() - t0
    summary = summarize(results, elapsed, args, runner.restarts)
    print_report(summary)
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.fail_on_crash and (summary["crashes"] or summary["hangs"]):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
