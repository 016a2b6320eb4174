"""GeoJSON export (RFC 7946): a FeatureCollection with one Point feature per placed meeting.

A meeting is placed when its place is a venue, a city or a region with coordinates (see ``record.py``);
one with no place, or a place known only to its country, has no feature (the collection's
``summitline:unplaced`` member counts them). Coordinates are [longitude, latitude] in WGS 84. Every text
property is HTML-escaped, since map libraries show properties in popups as HTML; a source link is kept only
when it is an http(s) URL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from .record import ExportMeeting
from .web_text import escaped, web_url


def feature(meeting: ExportMeeting) -> dict[str, Any] | None:
    """The GeoJSON feature of a meeting, or None when it is not placed."""
    point = meeting.coordinates
    if point is None:
        return None
    properties = meeting.to_dict()
    for key in ("latitude", "longitude"):
        properties.pop(key)
    properties["leader_names"] = " – ".join(p["name"] for p in meeting.leaders)
    properties["sources"] = [{**s, "url": web_url(s.get("url"))} for s in meeting.sources]
    return {
        "type": "Feature",
        "id": meeting.id,
        "geometry": {"type": "Point", "coordinates": [point[0], point[1]]},
        "properties": escaped(properties),
    }


def write_geojson(meetings: Iterable[ExportMeeting], out: TextIO) -> int:
    features = []
    unplaced = 0
    for meeting in meetings:
        found = feature(meeting)
        if found is None:
            unplaced += 1
        else:
            features.append(found)
    collection = {"type": "FeatureCollection", "features": features, "summitline:unplaced": unplaced}
    json.dump(collection, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(features)
