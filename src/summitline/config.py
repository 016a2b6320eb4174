"""Settings, declared once: defaults < environment < explicit arguments (CLI flags)."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import ConfigError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

#: environment variables read by :func:`settings_from_env`, documented in the README
ENVIRONMENT = {
    "SUMMITLINE_KB": "a folder of extra knowledge-base files (same formats as the built-in ones)",
    "SUMMITLINE_MAX_BYTES": "largest document accepted, in bytes (default 50 MB)",
    "SUMMITLINE_TIMEOUT": "URL fetch timeout in seconds (default 20)",
    "SUMMITLINE_ALLOW_PRIVATE": "set to 1 to allow fetching URLs on private or loopback addresses",
    "SUMMITLINE_DB": "the library database: a SQLite path or a postgresql:// URL (default ./summitline.db)",
    "SUMMITLINE_CACHE": "folder of the compiled knowledge base (default $XDG_CACHE_HOME/summitline); off to disable",
    "SUMMITLINE_TOKEN": "the web app's token: writes need it; reads too on an address other than 127.0.0.1 "
    "(see summitline serve)",
}

DEFAULT_DB = "summitline.db"


def database_target(flag: str | None, environ: dict[str, str] | None = None) -> str:
    """--db, else SUMMITLINE_DB, else ./summitline.db."""
    env = os.environ if environ is None else environ
    return flag or env.get("SUMMITLINE_DB") or DEFAULT_DB


@dataclass(frozen=True, slots=True)
class Settings:
    """How documents are read. Extraction itself has no settings: it is deterministic."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 20.0
    allow_private: bool = False
    kb_dir: Path | None = None
    published: str | None = None

    def with_(self, **changes: object) -> Settings:
        """A copy with the given fields changed; ``None`` values leave a field as it is."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]


def settings_from_env(environ: dict[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    s = Settings()
    if env.get("SUMMITLINE_KB"):
        s = s.with_(kb_dir=Path(env["SUMMITLINE_KB"]))
    if env.get("SUMMITLINE_MAX_BYTES"):
        s = s.with_(max_bytes=_number(env, "SUMMITLINE_MAX_BYTES", int, "a whole number of bytes"))
    if env.get("SUMMITLINE_TIMEOUT"):
        s = s.with_(timeout=_number(env, "SUMMITLINE_TIMEOUT", float, "a number of seconds"))
    if env.get("SUMMITLINE_ALLOW_PRIVATE", "").lower() in ("1", "true", "yes"):
        s = s.with_(allow_private=True)
    return s


def _number(env: dict[str, str] | os._Environ[str], name: str, kind: type, what: str) -> float:
    try:
        value = kind(env[name])
    except ValueError:
        raise ConfigError(f"{name}={env[name]!r}: give {what}") from None
    if value <= 0:
        raise ConfigError(f"{name}={env[name]!r}: give {what} above zero")
    return value  # type: ignore[no-any-return]
