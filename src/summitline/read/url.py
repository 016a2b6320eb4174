"""Fetching a document over http(s). The transport is passed in, so tests use a local server or a fake."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import httpx

from ..errors import DocumentTooLargeError, FetchError

_TEXT_TYPES = ("text/", "application/xhtml", "application/xml", "application/json")


def check_address(url: str, allow_private: bool) -> None:
    """Refuse URLs whose host resolves to a private, loopback or link-local address."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        raise FetchError(f"{url}: not a valid URL ({exc})") from exc
    if parts.scheme not in ("http", "https") or not host:
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"{url}: the host cannot be resolved ({exc.strerror}); check the address") from exc
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved:
            raise FetchError(
                f"{url}: refusing to fetch from the private address {addr}; "
                "pass --allow-private (or SUMMITLINE_ALLOW_PRIVATE=1) if you mean it"
            )


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    allow_private: bool,
    transport: httpx.BaseTransport | None = None,
    text_only: bool = True,
) -> tuple[bytes, str, str]:
    """Return (body, content type, final URL); raise FetchError with the reason otherwise.

    Every redirect hop is checked for private addresses before it is followed; with ``text_only`` a body
    that is not text or HTML is refused."""
    check_address(url, allow_private)
    headers = {"User-Agent": "summitline/0.1 (+news meeting extraction)"}

    def check_hop(request: httpx.Request) -> None:  # every redirect is checked before it is followed
        check_address(str(request.url), allow_private)

    try:
        with httpx.Client(
            transport=transport,
            timeout=timeout,
            follow_redirects=True,
            headers=headers,
            event_hooks={"request": [check_hop]},
        ) as client:
            with client.stream("GET", url) as resp:
                if resp.status_code >= 400:
                    raise FetchError(f"{url}: the server answered HTTP {resp.status_code}; check the URL")
                ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                if text_only and ctype and not ctype.startswith(_TEXT_TYPES):
                    raise FetchError(f"{url}: the server sent {ctype}, not text or HTML")
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise DocumentTooLargeError(f"{url}: {declared} bytes is over the limit of {max_bytes} bytes")
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise DocumentTooLargeError(f"{url}: more than the limit of {max_bytes} bytes")
                    chunks.append(chunk)
                return b"".join(chunks), ctype, str(resp.url)
    except httpx.TimeoutException as exc:
        raise FetchError(f"{url}: timed out after {timeout:g} s; try again or raise --timeout") from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(f"{url}: cannot be reached ({exc.__class__.__name__}: {exc})") from exc
