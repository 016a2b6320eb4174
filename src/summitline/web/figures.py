"""The map and the tone chart, as data and as SVG geometry (no script needed to draw them).

The map projects Natural Earth's land outline (vendored from the ``world-atlas`` npm package, see
``tools/vendor_static.py``) equirectangularly onto a :data:`MAP_W` x :data:`MAP_H` box, and puts one marker per
place where matching meetings were held: its area grows with the number of meetings, its colour is their mean
tone. A place known only to a region or country is drawn as a ring, not pinned like a city.

The tone chart has one row per pair of leaders (the pairs with the most toned meetings first), one point per
meeting with a tone, and the terms of office of both leaders shaded behind the points.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from typing import Any

from ..kb import KnowledgeBase
from ..store.database import Database
from ..store.queries import leader_names, timeline_places, timeline_tones
from .chronology import ChronologyFilter, date_label, place_label, place_precision, resolve_filter

MAP_W, MAP_H = 1000.0, 500.0
CHART_W, ROW_H, AXIS_H, LABEL_W = 1000.0, 90.0, 24.0, 0.0
#: pairs drawn in the tone chart, most toned meetings first
MAX_PAIRS = 12
#: points drawn for one pair before they are averaged per month
MAX_POINTS = 2000


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular: longitude and latitude to the map box (x right, y down)."""
    return round((lon + 180.0) / 360.0 * MAP_W, 1), round((90.0 - lat) / 180.0 * MAP_H, 1)


@cache
def land_path() -> str:
    """The SVG path of the world's land, from the vendored TopoJSON (decoded once)."""
    data = resources.files("summitline.web").joinpath("static/vendor/world-atlas/land-110m.json").read_text()
    topo = json.loads(data)
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(project(x * sx + tx, y * sy + ty))
        arcs.append(points)
    parts = []
    for geometry in topo["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                points = []
                for index in ring:
                    arc = arcs[index] if index >= 0 else arcs[~index][::-1]
                    points.extend(arc if not points else arc[1:])
                parts.append(_ring_path(points))
    return "".join(parts)


def _ring_path(points: list[tuple[float, float]]) -> str:
    """One ring as SVG path data; a step across the antimeridian (Chukotka, Fiji, Antarctica) starts a new
    subpath instead of a line across the whole map."""
    out = [f"M{points[0][0]:g} {points[0][1]:g}"]
    for (x0, _), (x, y) in zip(points, points[1:], strict=False):
        out.append(f"{'M' if abs(x - x0) > MAP_W / 2 else 'L'}{x:g} {y:g}")
    return "".join(out) + "Z"


def tone_colour(score: float | None) -> str:
    """Tense red through grey to warm green; grey when there is no tone."""
    if score is None:
        return "#8a8f98"
    s = max(-1.0, min(1.0, float(score)))
    if s >= 0:
        return _mix((138, 143, 152), (26, 150, 65), s)
    return _mix((138, 143, 152), (215, 48, 39), -s)


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> str:
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))


def map_markers(db: Database, kb: KnowledgeBase, filt: ChronologyFilter) -> dict[str, Any]:
    """The map's markers for the meetings matching ``filt``: one per place with coordinates."""
    query = resolve_filter(kb, filt)
    markers = []
    unplaced = 0
    for row in timeline_places(db, query):
        place = row["place"] or {}
        if place.get("lat") is None or place.get("lon") is None:
            unplaced += row["meetings"]
            continue
        x, y = project(place["lon"], place["lat"])
        markers.append(
            {
                "label": place_label(place, kb),
                "precision": place_precision(place),
                "lat": place["lat"],
                "lon": place["lon"],
                "x": x,
                "y": y,
                "r": round(3.5 + 3.0 * math.sqrt(row["meetings"]), 1),
                "meetings": row["meetings"],
                "tone": None if row["tone"] is None else round(float(row["tone"]), 2),
                "colour": tone_colour(row["tone"]),
                "sample": row["sample"],
            }
        )
    return {"markers": markers, "placed": sum(m["meetings"] for m in markers), "unplaced": unplaced}


def tone_chart(db: Database, kb: KnowledgeBase, filt: ChronologyFilter) -> dict[str, Any]:
    """The tone chart for the meetings matching ``filt``: rows of pairs, each with its points and the
    leaders' terms, on one shared time axis."""
    query = resolve_filter(kb, filt)
    by_pair: dict[str, list[dict[str, Any]]] = {}
    for row in timeline_tones(db, query):
        by_pair.setdefault(row["participants_key"], []).append(row)
    pairs = sorted(by_pair, key=lambda k: (-len(by_pair[k]), k))[:MAX_PAIRS]
    points_total = sum(len(by_pair[k]) for k in pairs)
    if not pairs:
        return {"rows": [], "points": 0, "axis": [], "width": CHART_W, "height": AXIS_H, "pairs_left_out": 0}
    years = [int(r["date_first"][:4]) for k in pairs for r in by_pair[k]]
    lo, hi = min(years), max(years) + 1
    names = leader_names(db, [lid for k in pairs for lid in k.split("|")])

    def x_of(day: str) -> float:
        y, m, d = (int(p) for p in day[:10].split("-"))
        return round((y + (m - 1) / 12 + (d - 1) / 365 - lo) / (hi - lo) * CHART_W, 1)

    rows = []
    for n, key in enumerate(pairs):
        top = AXIS_H + n * ROW_H
        leaders = key.split("|")
        rows.append(
            {
                "key": key,
                "title": " – ".join(names.get(lid, lid) for lid in leaders),
                "y": top,
                "terms": _terms(kb, leaders, names, lo, hi, x_of, top),
                "points": [
                    {
                        "id": r["id"],
                        "x": x_of(r["date_first"]),
                        "y": round(top + ROW_H / 2 - float(r["score"]) * (ROW_H / 2 - 8), 1),
                        "score": round(float(r["score"]), 2),
                        "label": r["label"],
                        "date_label": date_label(r["date"]),
                        "colour": tone_colour(r["score"]),
                    }
                    for r in by_pair[key][:MAX_POINTS]
                ],
            }
        )
    step = max(1, math.ceil((hi - lo) / 12))
    axis = [{"year": y, "x": x_of(f"{y}-01-01")} for y in range(lo, hi + 1, step)]
    return {
        "rows": rows,
        "points": points_total,
        "axis": axis,
        "width": CHART_W,
        "height": AXIS_H + len(rows) * ROW_H,
        "pairs_left_out": len(by_pair) - len(pairs),
    }


def _terms(
    kb: KnowledgeBase, leaders: list[str], names: dict[str, str], lo: int, hi: int, x_of: Any, top: float
) -> list[dict[str, Any]]:
    """The shaded bands of the leaders' terms within [lo, hi): the first leader's in the upper half of the
    row, the second's in the lower half."""
    bands = []
    for n, lid in enumerate(leaders[:2]):
        leader = kb.leaders.get(lid)
        for term in leader.terms if leader else []:
            start = max(term.start.isoformat(), f"{lo}-01-01")
            end = min(term.end.isoformat() if term.end else f"{hi}-01-01", f"{hi}-01-01")
            if start >= end:
                continue
            bands.append(
                {
                    "leader": names.get(lid, lid),
                    "office": term.office,
                    "x": x_of(start),
                    "w": round(x_of(end) - x_of(start), 1),
                    "y": top + n * ROW_H / 2,
                    "h": ROW_H / 2,
                    "side": n,
                }
            )
    return bands
