"""The chronology as one self-contained HTML file (``summitline report``): every card, the map and the tone
chart, with the styles, the one script and the data inlined, so that it opens offline, can be published as
is or sent as an attachment. Document text in it is escaped like on the app's pages; the inlined data is JSON
that cannot end its ``<script>`` element, and the page's Content-Security-Policy allows only its own script
(by hash), no network at all."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from ..kb import KnowledgeBase
from ..store.database import Database
from .chronology import ChronologyFilter, chronology
from .figures import map_markers, tone_chart
from .render import environment, json_for_script


@dataclass(frozen=True, slots=True)
class Report:
    html: str
    meetings: int


def chronology_report(db: Database, kb: KnowledgeBase, filt: ChronologyFilter, title: str | None = None) -> Report:
    """The report of every meeting matching ``filt``: its HTML and how many meetings it shows."""
    page = chronology(db, kb, filt, limit=None)
    static = resources.files("summitline.web").joinpath("static")
    script = static.joinpath("report.js").read_text(encoding="utf-8")
    documents = int(db.scalar("SELECT COUNT(*) FROM documents") or 0)
    template = environment().get_template("report.html")
    context: dict[str, Any] = {
        "root": "#",
        "meeting_link": "#",
        "query_string": "",
        "title": title or "Meetings between leaders: a chronology",
        "cards": page.cards,
        "markers": map_markers(db, kb, filt),
        "tones": tone_chart(db, kb, filt),
        "documents": documents,
        "filter_text": ", ".join(f"{k} {v}" for k, v in filt.query_pairs()),
        "made": datetime.now(UTC).date().isoformat(),
        "css": static.joinpath("app.css").read_text(encoding="utf-8"),
        "script": script,
        "script_hash": base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii"),
        "data_json": json_for_script([_data(c) for c in page.cards]),
    }
    return Report(template.render(**context), len(page.cards))


def _data(card: dict[str, Any]) -> dict[str, Any]:
    """What the report's script searches: the card's values, without the ones it repeats."""
    keep = ("id", "date", "date_label", "place_label", "participants", "occasion", "summary", "topics", "quote", "tone")
    return {k: card.get(k) for k in keep}
