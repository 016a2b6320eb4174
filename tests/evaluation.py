"""Scoring extraction against gold annotations, for the evaluation gate and the bench scripts.

The rules are the team scorer's (``../shared/tools/score_meetings.py``), restated
here so that the gate runs where ``../shared`` is absent: a predicted held meeting
matches a gold one with the same people (a name's first and last word found in
the other name, one letter of slack in words of five letters or more; a surname
alone never matches a full name) and an overlapping date, exact dates matched
first, then the narrowest overlapping ones. Among matches, the date must be the
same string, the format the same, and for in-person meetings the place must
name the gold place (or a place containing it, or contained in it).
"""

from __future__ import annotations

import json
import re
import unicodedata
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from summitline import extract
from summitline.config import Settings
from summitline.errors import SummitlineError


def _words(name: str) -> list[str]:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return [t for t in re.split(r"[^a-z]+", s) if len(t) > 1] or [s.strip()]


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def same_person(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if (len(wa) == 1) != (len(wb) == 1):
        return False

    def within(x: list[str], y: list[str]) -> bool:
        return all(any(_same_word(w, v) for v in y) for w in {x[0], x[-1]})

    return within(wa, wb) or within(wb, wa)


def same_people(gold: list[str], predicted: list[str]) -> bool:
    if len(gold) != len(predicted):
        return False
    left = list(predicted)
    for g in gold:
        hit = next((p for p in left if same_person(g, p)), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


def interval(iso: str | None) -> tuple[date, date] | None:
    if not iso:
        return None
    if "/" in iso:
        a, b = (interval(x) for x in iso.split("/", 1))
        return (a[0], b[1]) if a and b else None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", iso.strip())
    if not m:
        return None
    y = int(m[1])
    if m[3]:
        d = date(y, int(m[2]), int(m[3]))
        return d, d
    if m[2]:
        mo = int(m[2])
        return date(y, mo, 1), date(y, mo, monthrange(y, mo)[1])
    return date(y, 1, 1), date(y, 12, 31)


def _place_words(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    return " ".join(re.split(r"[^a-z0-9]+", s)).strip()


def place_ok(gold: dict[str, Any], place: dict[str, Any] | None) -> bool | None:
    names = [_place_words(n) for n in [gold.get("place"), *(gold.get("place_alt") or [])] if n]
    if not names:
        return None
    p = _place_words((place or {}).get("name"))
    return bool(p) and any(p == n or f" {n} " in f" {p} " or f" {p} " in f" {n} " for n in names)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    date_ok: int = 0
    format_ok: int = 0
    place_ok: int = 0
    place_n: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def date_exact(self) -> float:
        return self.date_ok / self.tp if self.tp else 1.0

    @property
    def format(self) -> float:
        return self.format_ok / self.tp if self.tp else 1.0

    @property
    def place(self) -> float:
        return self.place_ok / self.place_n if self.place_n else 1.0

    def metrics(self) -> dict[str, float]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "date": self.date_exact,
            "place": self.place,
            "format": self.format,
        }

    def add(self, other: Score) -> None:
        for name in ("tp", "fp", "fn", "date_ok", "format_ok", "place_ok", "place_n"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.extras += other.extras

    def __str__(self) -> str:
        m = self.metrics()
        return " ".join(f"{k}={v:.3f}" for k, v in m.items()) + f" (tp={self.tp} fp={self.fp} fn={self.fn})"


def score(gold: dict[str, Any], predicted: list[dict[str, Any]]) -> Score:
    preds = [m for m in predicted if m.get("status", "held") == "held"]
    pairs = []
    for gi, g in enumerate(gold["meetings"]):
        gi_span = interval(g.get("date"))
        for pi, p in enumerate(preds):
            if not same_people(g["participants"], [x["name"] for x in p["participants"]]):
                continue
            p_span = interval(p.get("date"))
            if p.get("date") == g.get("date"):
                pairs.append((0, gi, pi))
            elif gi_span and p_span and gi_span[0] <= p_span[1] and p_span[0] <= gi_span[1]:
                pairs.append((1 + (p_span[1] - p_span[0]).days, gi, pi))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(pairs):
        if gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    result = Score()
    for gi, g in enumerate(gold["meetings"]):
        if gi not in matched:
            if not g.get("optional"):
                result.fn += 1
                result.misses.append(f"{g.get('date')} {' + '.join(g['participants'])}")
            continue
        if g.get("optional"):
            continue
        p = preds[matched[gi]]
        result.tp += 1
        result.date_ok += p.get("date") == g.get("date")
        result.format_ok += p.get("format") == g.get("format", "in_person")
        if g.get("format", "in_person") == "in_person":
            ok = place_ok(g, p.get("place"))
            if ok is not None:
                result.place_n += 1
                result.place_ok += ok
    for pi, p in enumerate(preds):
        if pi not in used:
            result.fp += 1
            result.extras.append(f"{p.get('date')} {' + '.join(x['name'] for x in p['participants'])}")
    return result


def _published(gold: dict[str, Any]) -> str | None:
    value = (gold.get("source") or {}).get("published")
    return value if isinstance(value, str) and len(value) == 10 else None


def predict(source: Path | bytes, published: str | None) -> list[dict[str, Any]]:
    try:
        return [m.to_dict() for m in extract(source, settings=Settings(published=published)).meetings]
    except SummitlineError:
        return []


def score_corpus(folder: Path) -> Score:
    """Every ``NAME.gold.json`` in the folder against ``NAME.txt`` (or ``NAME.html``), with the gold's
    publication date given when it is a full date, as the team scorer's ``{published}`` does."""
    total = Score()
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        stem = gold_path.name[: -len(".gold.json")]
        doc = next(
            (gold_path.with_name(stem + s) for s in (".txt", ".html") if gold_path.with_name(stem + s).exists()), None
        )
        if doc is None:
            doc = (gold_path.parent / gold["source"]["file"]).resolve()
        total.add(score(gold, predict(doc, _published(gold))))
    return total


@dataclass
class ChecklistScore:
    right: int = 0
    cases: int = 0
    negative_right: int = 0
    negatives: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.cases if self.cases else 1.0

    @property
    def no_meeting(self) -> float:
        return self.negative_right / self.negatives if self.negatives else 1.0


def score_checklist(path: Path) -> ChecklistScore:
    """The challenge set: a case is right when every non-optional meeting is found and nothing else held."""
    out = ChecklistScore()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        result = score({"meetings": case["meetings"]}, predict((case["text"] + "\n").encode(), case.get("published")))
        ok = result.fn == 0 and result.fp == 0
        out.cases += 1
        out.right += ok
        if not any(not m.get("optional") for m in case["meetings"]):
            out.negatives += 1
            out.negative_right += ok
        if not ok:
            out.failures.append(case["id"])
    return out
