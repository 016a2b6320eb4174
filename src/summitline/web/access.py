"""Who may read and write through the web app.

- Writes (POST, PUT, PATCH, DELETE: ingest, verdicts, removing a document) need the token the server was
  started with (``SUMMITLINE_TOKEN``) in the ``X-Summitline-Token`` header, or ``Authorization: Bearer``.
  With no token set, writes are off: every write is refused with 401. A write must also come from the app's
  own pages: a browser request whose ``Origin`` is another site, or whose ``Sec-Fetch-Site`` says
  ``cross-site`` or ``same-site``, is refused with 403 (and since the token travels in a header, never in a
  cookie, a page elsewhere could not send it anyway).
- Reads are open when the server listens on a loopback address (127.0.0.1, ::1, localhost) or was started
  with ``--public``. Bound to any other address, a read needs the token too: in the header, in the
  ``summitline_token`` cookie, or once as ``?token=…``, which sets that cookie (HttpOnly, SameSite=Strict)
  and redirects to the same URL without it.
"""

from __future__ import annotations

import hmac
import ipaddress
from dataclasses import dataclass
from urllib.parse import urlencode

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
TOKEN_HEADER = "x-summitline-token"
TOKEN_COOKIE = "summitline_token"


@dataclass(frozen=True, slots=True)
class Access:
    """The server's rules: its token (None: writes off), and whether reads need it."""

    token: str | None
    reads_need_token: bool


def access_for(host: str, public: bool, token: str | None) -> Access:
    return Access(token=token or None, reads_need_token=not public and not is_loopback(host))


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class Refusal:
    status: int
    detail: str


def check_request(
    access: Access, method: str, headers: dict[str, str], cookies: dict[str, str], own_origin: str
) -> Refusal | None:
    """Why a request is refused (None: it may go on). ``headers`` have lower-case names."""
    given = headers.get(TOKEN_HEADER) or _bearer(headers.get("authorization", ""))
    if method.upper() in WRITE_METHODS:
        if access.token is None:
            return Refusal(401, "writes are off: start the server with SUMMITLINE_TOKEN set to allow them")
        if not _same(given, access.token):
            return Refusal(401, "a write needs the server's token in the X-Summitline-Token header")
        origin = headers.get("origin")
        site = headers.get("sec-fetch-site")
        if (origin and origin.rstrip("/") != own_origin) or (site and site not in ("same-origin", "none")):
            return Refusal(403, "writes are accepted only from this server's own pages (same origin)")
        return None
    if access.reads_need_token and not (_same(given, access.token) or _same(cookies.get(TOKEN_COOKIE), access.token)):
        if access.token is None:
            return Refusal(
                401, "this server is not on 127.0.0.1 and has no token: start it with --public or set SUMMITLINE_TOKEN"
            )
        return Refusal(401, "reading needs the server's token (?token=…, or the X-Summitline-Token header)")
    return None


def without_token(path: str, query: list[tuple[str, str]]) -> str:
    """The URL of a ``?token=`` request without it, to redirect to once the cookie is set."""
    rest = [(k, v) for k, v in query if k != "token"]
    return path + ("?" + urlencode(rest) if rest else "")


def _bearer(value: str) -> str | None:
    scheme, _, credentials = value.partition(" ")
    return credentials.strip() if scheme.lower() == "bearer" and credentials.strip() else None


def _same(given: str | None, token: str | None) -> bool:
    return bool(given) and bool(token) and hmac.compare_digest(str(given).encode(), str(token).encode())
