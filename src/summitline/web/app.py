"""The web app: pages (chronology, meeting, map, tone over time, ingest) and a JSON API over the library.

``create_app(ServeConfig(...))`` builds it; ``summitline serve`` runs it with uvicorn. Every page and the API
read the library through ``chronology.py``, ``meeting.py`` and ``figures.py``, so the pages, the API and the
report show the same thing. The pages filter together: the filters live in the URL's query string, which the
navigation carries from page to page. Who may read and write: ``access.py``. The OpenAPI description is at
``/openapi.json`` (no browsable /docs page: its scripts would come from a CDN).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from .. import __version__
from ..config import Settings, settings_from_env
from ..errors import ConfigError, SummitlineError
from ..kb import KnowledgeBase, load_kb
from ..store import open_database
from ..store.database import Database, StoreError
from ..store.queries import AmbiguousLeaderError, NotFoundError, library_leaders
from .access import TOKEN_COOKIE, access_for, check_request, without_token
from .chronology import MAX_PAGE_SIZE, PAGE_SIZE, ChronologyFilter, ChronologyPage, chronology
from .figures import map_markers, tone_chart
from .meeting import meeting_view
from .render import render
from .writes import Upload, ingest_upload, remove_document


@dataclass(slots=True)
class ServeConfig:
    db: str
    host: str = "127.0.0.1"
    public: bool = False
    token: str | None = None  # None: SUMMITLINE_TOKEN from the environment
    tiles: str | None = None  # a tile URL template ({z}/{x}/{y}); None: the offline outline only
    kb_dir: Path | None = None
    settings: Settings = field(default_factory=settings_from_env)


class VerdictBody(BaseModel):
    verdict: Literal["confirmed", "dismissed"]
    note: str | None = None


def _clean(value: str | None) -> str | None:
    """A query value with NUL characters dropped (PostgreSQL cannot take them), None when empty."""
    value = (value or "").replace("\x00", "").strip()
    return value or None


def filters(
    leader: Annotated[list[str], Query(description="a leader who took part: an id or a name (repeatable)")] = [],  # noqa: B006
    country: Annotated[list[str], Query(description="a country that took part: a code or a name (repeatable)")] = [],  # noqa: B006
    date_from: Annotated[str | None, Query(description="on or after: YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(description="on or before: YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    format: Annotated[list[str], Query(description="in_person, video_call or phone_call (repeatable)")] = [],  # noqa: B006
    topic: Annotated[list[str], Query(description="a topic id or label (repeatable)")] = [],  # noqa: B006
    q: Annotated[str | None, Query(description="words to search in summaries, quotes and source titles")] = None,
) -> ChronologyFilter:
    def many(values: list[str]) -> list[str]:
        return [v for v in (_clean(x) for x in values) if v]

    return ChronologyFilter(
        leader=many(leader),
        country=many(country),
        date_from=_clean(date_from),
        date_to=_clean(date_to),
        format=many(format),
        topic=many(topic),
        q=_clean(q),
    )


Filters = Annotated[ChronologyFilter, Depends(filters)]


def create_app(config: ServeConfig) -> FastAPI:
    """The app over the library at ``config.db``; the knowledge base is loaded once."""
    kb = load_kb(config.kb_dir or config.settings.kb_dir)
    access = access_for(config.host, config.public, config.token or os.environ.get("SUMMITLINE_TOKEN"))
    app = FastAPI(
        title="summitline",
        version=__version__,
        description="The chronology of meetings between national leaders, with its sources, evidence and checks.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.kb = kb
    app.state.config = config

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        headers = {k.lower(): v for k, v in request.headers.items()}
        own = f"{request.url.scheme}://{headers.get('host', '')}"
        refusal = check_request(access, request.method, headers, dict(request.cookies), own)
        query = list(request.query_params.multi_items())
        if refusal and request.method == "GET" and any(k == "token" for k, _ in query):
            token = dict(query)["token"]
            if not check_request(access, "GET", {"x-summitline-token": token}, {}, own):
                response = RedirectResponse(without_token(request.url.path, query), status_code=303)
                response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
                return response
        if refusal:
            return JSONResponse({"detail": refusal.detail}, status_code=refusal.status)
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", _csp(config.tiles))
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    @app.exception_handler(SummitlineError)
    async def library_error(request: Request, exc: SummitlineError) -> Response:
        status = _status(exc)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        return HTMLResponse(render("base.html", error=str(exc), page=None), status_code=status)

    static = resources.files("summitline.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    _pages(app, config, kb)
    _api(app, config, kb)
    _write_api(app, config, kb)
    return app


def _status(exc: SummitlineError) -> int:
    if isinstance(exc, AmbiguousLeaderError | ConfigError):
        return 400
    if isinstance(exc, NotFoundError) or type(exc).__name__ == "DocumentNotFoundError":
        return 404
    if isinstance(exc, StoreError):
        return 503
    return 400


def _csp(tiles: str | None) -> str:
    """Only the app's own scripts, styles and images (and the tile server's images with --tiles)."""
    images = "'self' data:"
    if tiles:
        from urllib.parse import urlsplit

        parts = urlsplit(tiles.replace("{s}", "a"))
        images += f" {parts.scheme}://{parts.netloc.replace('a.', '*.', 1) if '{s}' in tiles else parts.netloc}"
    return (
        f"default-src 'self'; img-src {images}; style-src 'self' 'unsafe-inline'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


@contextmanager
def _library(config: ServeConfig, write: bool = False) -> Iterator[Database]:
    db = open_database(config.db, write=write)
    try:
        yield db
    finally:
        db.close()


def _query_string(f: ChronologyFilter) -> str:
    from urllib.parse import urlencode

    return urlencode(f.query_pairs())


def _page_context(f: ChronologyFilter, db: Database, kb: KnowledgeBase, page: str) -> dict[str, Any]:
    return {
        "f": f,
        "page": page,
        "query_string": _query_string(f),
        "leaders": library_leaders(db),
        "topics": kb.topics,
    }


def _pages(app: FastAPI, config: ServeConfig, kb: KnowledgeBase) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def chronology_page(f: Filters, after: str | None = None) -> HTMLResponse:
        with _library(config) as db:
            context = _page_context(f, db, kb, "chronology")
            try:
                data: ChronologyPage | None = chronology(db, kb, f, after=_clean(after))
            except (NotFoundError, ConfigError) as exc:
                return HTMLResponse(render("chronology.html", error=str(exc), **context), status_code=_status(exc))
        return HTMLResponse(render("chronology.html", page_data=data, after=after, **context))

    @app.get("/meetings/{meeting_id}", response_class=HTMLResponse, include_in_schema=False)
    def meeting_page(meeting_id: str) -> HTMLResponse:
        with _library(config) as db:
            view = meeting_view(db, kb, meeting_id)
        return HTMLResponse(render("meeting.html", m=view, page="meeting"))

    for name, build in (("map", map_markers), ("tone", tone_chart)):
        app.add_api_route(f"/{name}", _figure_page(config, kb, name, build), response_class=HTMLResponse,
                          include_in_schema=False)  # fmt: skip

    @app.get("/ingest", response_class=HTMLResponse, include_in_schema=False)
    def ingest_page() -> HTMLResponse:
        writes = bool(config.token or os.environ.get("SUMMITLINE_TOKEN"))
        return HTMLResponse(render("ingest.html", page="ingest", writes=writes))


def _figure_page(config: ServeConfig, kb: KnowledgeBase, name: str, build: Any) -> Any:
    def page(f: Filters) -> HTMLResponse:
        with _library(config) as db:
            context = _page_context(f, db, kb, name)
            try:
                figure = build(db, kb, f)
            except (NotFoundError, ConfigError) as exc:
                return HTMLResponse(render(f"{name}.html", error=str(exc), **context), status_code=_status(exc))
        return HTMLResponse(render(f"{name}.html", figure=figure, tiles=config.tiles, **context))

    return page


def _api(app: FastAPI, config: ServeConfig, kb: KnowledgeBase) -> None:
    @app.get("/api/meetings", tags=["chronology"], summary="The chronology: one page of meeting cards, by date")
    def api_meetings(
        f: Filters,
        after: Annotated[str | None, Query(description="the next_cursor of the page before")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = PAGE_SIZE,
    ) -> dict[str, Any]:
        with _library(config) as db:
            page = chronology(db, kb, f, after=_clean(after), limit=limit)
        return {"total": page.total, "next_cursor": page.next_cursor, "meetings": page.cards}

    @app.get("/api/meetings/{meeting_id}", tags=["chronology"], summary="One meeting, its sources and evidence")
    def api_meeting(meeting_id: str) -> dict[str, Any]:
        with _library(config) as db:
            view = meeting_view(db, kb, meeting_id)
        for mention in view["mentions"]:
            mention["passages"] = [[{"text": s.text, "fields": list(s.fields)} for s in p] for p in mention["passages"]]
        return view

    @app.get("/api/map", tags=["figures"], summary="Map markers: one per place, sized by count, coloured by tone")
    def api_map(f: Filters) -> dict[str, Any]:
        with _library(config) as db:
            return map_markers(db, kb, f)

    @app.get("/api/tone", tags=["figures"], summary="Tone over time per pair of leaders, with their terms")
    def api_tone(f: Filters) -> dict[str, Any]:
        with _library(config) as db:
            return tone_chart(db, kb, f)

    @app.get("/api/leaders", tags=["chronology"], summary="The leaders of the library, most meetings first")
    def api_leaders(limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> list[dict[str, Any]]:
        with _library(config) as db:
            return library_leaders(db, limit)


def _write_api(app: FastAPI, config: ServeConfig, kb: KnowledgeBase) -> None:
    @app.post("/api/documents", tags=["writes"], summary="Add a document (pasted text or a file); needs the token")
    def api_ingest(
        text: Annotated[str | None, Form()] = None,
        file: Annotated[UploadFile | None, File()] = None,
        title: Annotated[str | None, Form()] = None,
        published: Annotated[str | None, Form(description="YYYY-MM-DD")] = None,
    ) -> dict[str, Any]:
        if file is not None and file.filename:
            upload = Upload(file.file.read(config.settings.max_bytes + 1), file.filename, file.content_type)
        elif text and text.strip():
            upload = Upload(text.encode("utf-8", "replace"))
        else:
            raise ConfigError("give the document's text, or a file")
        upload.title, upload.published = _clean(title), _clean(published)
        with _library(config, write=True) as db:
            return ingest_upload(db, kb, upload, config.settings)

    @app.delete("/api/documents/{document_id}", tags=["writes"], summary="Remove a document; needs the token")
    def api_remove(document_id: int) -> dict[str, Any]:
        with _library(config, write=True) as db:
            return remove_document(db, kb, document_id)

    @app.post("/api/findings/{finding_id}/verdict", tags=["writes"], summary="A verdict on a finding; needs the token")
    def api_verdict(finding_id: str, body: VerdictBody) -> dict[str, Any]:
        from ..store.verdicts import set_verdict

        with _library(config, write=True) as db:
            return set_verdict(db, finding_id, body.verdict, _clean(body.note))
