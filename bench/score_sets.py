#!/usr/bin/env python3
"""Score every gold set in one process with the team's scorer: P, R, F1, date, place, format per set.

    python bench/score_sets.py [--kb DIR] [--show-failures] [SET ...]

SETs (default all): seed, dev, dev2, dev3, examples, holdout, holdout2, checklist. The shared sets
are read from ../shared (never copied here). The same numbers as running
``../shared/tools/score_meetings.py`` and ``checklist.py`` with ``summitline extract``, without a
process per document.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "tools"))

from score_meetings import score_doc  # noqa: E402

from summitline import extract  # noqa: E402
from summitline.config import Settings  # noqa: E402
from summitline.errors import SummitlineError  # noqa: E402
from summitline.kb import load_kb  # noqa: E402

FOLDERS = {
    "seed": None,
    "dev": SHARED / "corpus/dev",
    "dev2": SHARED / "corpus/dev2",
    "dev3": SHARED / "corpus/dev3",
    "examples": ROOT / "examples",
    "holdout": ROOT / "tests/data/holdout",
    "holdout2": ROOT / "tests/data/holdout2",
}


def predict(path: Path, published: str | None, kb: object) -> dict:
    settings = Settings(published=published)
    try:
        return extract(path, settings=settings, kb=kb).to_dict()  # type: ignore[arg-type]
    except SummitlineError:
        return {"meetings": []}


def documents(name: str) -> list[tuple[Path, dict]]:
    if name == "seed":
        return [(SHARED / "seeds/000_a39ee73e12a900c8.txt", json.loads((SHARED / "corpus/seed.gold.json").read_text()))]
    folder = FOLDERS[name]
    out = []
    for gold_path in sorted(folder.glob("*.gold.json")):  # type: ignore[union-attr]
        stem = gold_path.name[: -len(".gold.json")]
        doc = next((p for p in folder.glob(stem + ".*") if not p.name.endswith(".gold.json")), None)  # type: ignore[union-attr]
        if doc:
            out.append((doc, json.loads(gold_path.read_text())))
    return out


def full_date(value: str | None) -> str | None:
    return value if value and len(value) == 10 else None


def score_set(name: str, kb: object, show: bool) -> dict:
    total: dict = defaultdict(int)
    for doc, gold in documents(name):
        pred = predict(doc, full_date((gold.get("source") or {}).get("published")), kb)
        r = score_doc(gold, pred)
        for k in ("tp", "fp", "fn", "date_ok", "place_ok", "place_n", "format_ok", "country_ok", "country_n"):
            total[k] += r[k]
        if show and (r["fp"] or r["fn"]):
            print(f"  {doc.name}: " + "; ".join(r["misses"] + [f"extra {x}" for x in r["extras"]]))
    tp, fp, fn = total["tp"], total["fp"], total["fn"]
    p = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
    return {
        "set": name, "precision": p, "recall": rec, "f1": f1,
        "date": total["date_ok"] / tp if tp else 1.0,
        "place": total["place_ok"] / total["place_n"] if total["place_n"] else 1.0,
        "format": total["format_ok"] / tp if tp else 1.0,
        "tp": tp, "fp": fp, "fn": fn,
    }  # fmt: skip


def score_checklist(kb: object, show: bool) -> dict:
    import tempfile

    cases = [json.loads(x) for x in (SHARED / "corpus/checklist/dev.jsonl").read_text().splitlines() if x.strip()]
    by_group: dict = defaultdict(lambda: [0, 0])
    neg = [0, 0]
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            f = Path(tmp, f"{case['id']}.txt")
            f.write_text(case["text"] + "\n", encoding="utf-8")
            r = score_doc({"meetings": case["meetings"]}, predict(f, case.get("published"), kb))
            ok = r["fn"] == 0 and r["fp"] == 0
            group = case["capability"].split(":")[0]
            by_group[group][0] += ok
            by_group[group][1] += 1
            if not any(not m.get("optional") for m in case["meetings"]):
                neg[0] += ok
                neg[1] += 1
            if show and not ok:
                print(f"  FAIL {case['id']}: " + "; ".join(r["misses"] + [f"extra {x}" for x in r["extras"]]))
    right = sum(k for k, _ in by_group.values())
    return {
        "set": "checklist", "accuracy": right / len(cases), "no_meeting": neg[0] / neg[1] if neg[1] else 1.0,
        "groups": {g: f"{k}/{n}" for g, (k, n) in sorted(by_group.items())},
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", default=[*FOLDERS, "checklist"])
    parser.add_argument("--kb", type=Path)
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    kb = load_kb(args.kb)
    for name in args.sets:
        if name == "checklist":
            r = score_checklist(kb, args.show_failures)
            print(f"checklist  accuracy={r['accuracy']:.3f} no_meeting={r['no_meeting']:.3f}  {r['groups']}")
        else:
            r = score_set(name, kb, args.show_failures)
            print(
                f"{name:9s}  P={r['precision']:.2f} R={r['recall']:.2f} F1={r['f1']:.3f} date={r['date']:.2f} "
                f"place={r['place']:.2f} format={r['format']:.2f} (tp={r['tp']} fp={r['fp']} fn={r['fn']})"
            )


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # piped into head
        pass
