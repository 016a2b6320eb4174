"""Scoring extraction against gold annotations, for the evaluation gate and for bench scripts.

The rules follow the shared scorer (``../shared/tools/score_meetings.py``): a
predicted held meeting matches a gold one with the same participants (first and
last name tokens) and an overlapping date, exact dates matched first.
"""

from __future__ import annotations

import json
import re
import unicodedata
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from summitline import extract
from summitline.config import Settings


def _name_key(name: str) -> tuple[str, str] | str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    toks = [t for t in re.split(r"[^a-z]+", s) if len(t) > 1]
    return (toks[0], toks[-1]) if toks else s


def _interval(iso: str) -> tuple[date, date]:
    if "/" in iso:
        a, b = iso.split("/", 1)
        return _interval(a)[0], _interval(b)[1]
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        d = date(*parts)
        return d, d
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], monthrange(parts[0], parts[1])[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    date_ok: int = 0

    @property
    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 2 * p * r / (p + r) if p + r else (1.0 if not (self.fp or self.fn) else 0.0)

    @property
    def date_exact(self) -> float:
        return self.date_ok / self.tp if self.tp else 1.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.date_ok += other.date_ok


def score(gold: dict, predicted: list[dict]) -> Score:
    preds = [m for m in predicted if m.get("status", "held") == "held"]
    pairs = []
    for gi, g in enumerate(gold["meetings"]):
        gk, gi_int = frozenset(map(_name_key, g["participants"])), _interval(g["date"])
        for pi, p in enumerate(preds):
            if frozenset(_name_key(x["name"]) for x in p["participants"]) != gk:
                continue
            pa, pb = _interval(p["date"])
            if p["date"] == g["date"]:
                pairs.append((0, gi, pi))
            elif pa <= gi_int[1] and gi_int[0] <= pb:
                pairs.append((1 + (pb - pa).days, gi, pi))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(pairs):
        if gi not in matched and pi not in used:
            matched[gi], _ = pi, used.add(pi)
    result = Score()
    for gi, g in enumerate(gold["meetings"]):
        if gi not in matched:
            result.fn += 0 if g.get("optional") else 1
        elif not g.get("optional"):
            result.tp += 1
            result.date_ok += preds[matched[gi]]["date"] == g["date"]
    result.fp = len(preds) - len(used)
    return result


def score_corpus(folder: Path) -> Score:
    total = Score()
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt")
        if not doc.exists():
            doc = (gold_path.parent / gold["source"]["file"]).resolve()
        published = (gold.get("source") or {}).get("published") if doc.suffix == ".html" else None
        result = extract(doc, settings=Settings(published=published))
        total.add(score(gold, [m.to_dict() for m in result.meetings]))
    return total
