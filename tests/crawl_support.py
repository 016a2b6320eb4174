"""What the crawl tests share: an article as a web page, and WARC files written with warcio."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def article_html(text: str, title: str = "Report") -> str:
    """``text`` as a web page: one paragraph per line inside an article."""
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    return f"<html><head><title>{title}</title></head><body><article>{paragraphs}</article></body></html>"


def write_warc(
    path: Path, records: list[tuple[str, str, str, str, int]], date: str = "2018-04-20T10:00:00Z", gzip: bool = True
) -> None:
    """A WARC of ``(kind, uri, content type, body, status)`` records, each of the crawl date ``date``."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for kind, uri, ctype, body, status in records:
            data = body.encode("utf-8")
            http = None
            if kind == "response":
                http = StatusAndHeaders(f"{status} OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            headers = {"WARC-Date": date}
            if kind != "response":
                headers["Content-Type"] = ctype
            record = writer.create_warc_record(
                uri, kind, payload=io.BytesIO(data), length=len(data), http_headers=http, warc_headers_dict=headers
            )
            writer.write_record(record)


def write_pages_warc(path: Path, base: str, texts: list[str], date: str, title: str = "Report") -> None:
    """A WARC.gz of one HTML response per text, at ``base`` + its number."""
    write_warc(
        path, [("response", f"{base}{n}", "text/html", article_html(t, title), 200) for n, t in enumerate(texts)], date
    )
