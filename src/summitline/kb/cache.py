"""The compiled knowledge base: parsed once, then loaded from a cache in milliseconds.

Parsing the YAML and CSV files and building the place index takes most of a second;
every later process loads the result from ``$SUMMITLINE_CACHE`` (default
``$XDG_CACHE_HOME/summitline``, else ``~/.cache/summitline``). Each cache file is
named by a fingerprint of every data file's bytes (the built-in ones and a ``--kb``
folder's) and of summitline's version, so an edited file or an upgrade builds a new
one; it is written to a temporary file and renamed into place, so processes starting
together never read half a file. ``SUMMITLINE_CACHE=off`` turns the cache off. A cache
that cannot be read or written is rebuilt in memory, never an error.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _debug(message: str, *args: object) -> None:
    import logging  # only on the rare path that logs: not at every start-up

    logging.getLogger(__name__).debug(message, *args)


FORMAT = "3"  # raise when the layout of a cached object changes


def cache_dir() -> Path | None:
    value = os.environ.get("SUMMITLINE_CACHE", "").strip()
    if value.lower() in ("off", "0", "none", "false"):
        return None
    if value:
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "summitline"


def fingerprint(files: list[Path], version: str) -> str:
    """A digest of the data files' bytes, of ``version`` and of summitline's own source (and whether it is
    compiled): a cache written by other code (another version, a developer's edit) is never read back."""
    digest = hashlib.sha256(f"{FORMAT}\0{version}".encode())
    package = Path(__file__).resolve().parents[1]
    for path in [*sorted(package.glob("kb/*.py")), *sorted(package.glob("recognize/*.py")), *files]:
        digest.update(f"\0{path.name}\0".encode())
        digest.update(path.read_bytes())
    # modules compiled by mypyc (setup.py) pickle their classes their own way: their caches are their own
    for path in sorted(package.glob("recognize/*.so")) + sorted(package.glob("recognize/*.pyd")):
        digest.update(f"\0{path.name}".encode())
    return digest.hexdigest()[:24]


def _read(path: Path, loads: Callable[[bytes], Any]) -> Any:
    import gc

    enabled = gc.isenabled()
    gc.disable()  # the collector would walk the many objects being loaded again and again, for nothing
    try:
        return loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged or foreign file: rebuild rather than fail
        _debug("cache %s unreadable (%s); rebuilding", path, exc)
        return None
    finally:
        if enabled:
            gc.enable()


KEEP = 6  # compiled caches kept per kind: a few knowledge-base folders or versions side by side


def _write(path: Path, data: bytes) -> None:
    import tempfile  # only when a cache is written

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        _prune(path)
    except OSError as exc:
        _debug("cache %s not written (%s)", path, exc)


def _prune(path: Path) -> None:
    """Remove all but the newest ``KEEP`` caches of this kind (older data files, older versions)."""
    kind = path.name.rsplit("-", 1)[0]
    older = sorted(path.parent.glob(f"{kind}-*{path.suffix}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in older[KEEP:]:
        try:
            stale.unlink()
        except OSError:
            pass  # another process removed it first


def cached_object(key: str, name: str, build: Callable[[], Any]) -> Any:
    """``build()``'s result, pickled under the fingerprint ``key`` (our own objects, in our own folder)."""
    folder = cache_dir()
    if folder is None or not key:
        return build()
    path = folder / f"{name}-{key}.pickle"
    found = _read(path, pickle.loads)
    if found is not None:
        return found
    value = build()
    _write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def compiled_index(kb: Any, name: str, build: Callable[[Any], Any], from_plain: Callable[[Any], Any]) -> Any:
    """An index derived from ``kb``, kept as a marshal of plain tuples (fast to load) under the
    knowledge base's fingerprint. ``build(kb)`` makes it; its ``to_plain()`` and ``from_plain`` convert."""
    folder = cache_dir()
    if folder is None or not kb.cacheable:
        return build(kb)
    path = folder / f"{name}-{kb.fingerprint}.marshal"
    plain = _read(path, marshal.loads)
    if plain is not None:
        return from_plain(plain)
    index = build(kb)
    _write(path, marshal.dumps(index.to_plain()))
    return index
