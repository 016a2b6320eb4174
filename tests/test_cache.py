"""kb/cache.py: the compiled knowledge base, its key, its atomic writes, and running without it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from summitline.kb import cache, load_kb

SCRIPT = (
    "from summitline.kb import load_kb; from summitline.recognize.places import gazetteer; "
    "from summitline.recognize.leaders import leader_lexicon; kb = load_kb(); "
    "print(len(kb.leaders), len(gazetteer(kb).index), len(leader_lexicon(kb).alias_index))"
)


def _run(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT], env={**os.environ, **env}, stdout=subprocess.PIPE, text=True
    )


def test_processes_starting_together_build_one_cache_and_agree(tmp_path: Path) -> None:
    env = {"SUMMITLINE_CACHE": str(tmp_path / "cache")}
    runs = [_run(env) for _ in range(4)]
    outputs = {p.communicate(timeout=120)[0] for p in runs}
    assert all(p.returncode == 0 for p in runs)
    assert len(outputs) == 1  # every process saw the same knowledge base and indexes
    files = sorted(f.name.split("-")[0] for f in (tmp_path / "cache").iterdir())
    assert files == ["gazetteer", "kb", "leader_lexicon"]  # one of each, no temporary file left
    again = _run(env)
    assert again.communicate(timeout=120)[0] in outputs  # read back from the cache


def test_a_changed_data_file_gets_a_new_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data.csv"
    data.write_text("a", encoding="utf-8")
    first = cache.fingerprint([data], "1")
    data.write_text("b", encoding="utf-8")
    assert cache.fingerprint([data], "1") != first
    assert cache.fingerprint([data], "2") != cache.fingerprint([data], "1")


def test_a_damaged_cache_file_is_rebuilt_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMITLINE_CACHE", str(tmp_path))
    (tmp_path / "thing-abc.pickle").write_bytes(b"not a pickle")
    assert cache.cached_object("abc", "thing", lambda: {"built": True}) == {"built": True}
    assert cache.cached_object("abc", "thing", lambda: {"built": False}) == {"built": True}  # now cached


def test_an_unwritable_cache_folder_still_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("SUMMITLINE_CACHE", str(blocker / "cache"))  # a folder inside a file: cannot exist
    assert cache.cached_object("k", "thing", lambda: 42) == 42


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMITLINE_CACHE", "off")
    assert cache.cache_dir() is None
    calls = []
    cache.cached_object("k", "thing", lambda: calls.append(1))
    cache.cached_object("k", "thing", lambda: calls.append(1))
    assert calls == [1, 1]


def test_only_the_newest_caches_of_a_kind_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMITLINE_CACHE", str(tmp_path))
    for n in range(cache.KEEP + 3):
        cache.cached_object(f"key{n}", "thing", lambda n=n: n)
        os.utime(tmp_path / f"thing-key{n}.pickle", (1_000_000 + n, 1_000_000 + n))
    kept = sorted(tmp_path.glob("thing-*.pickle"))
    assert len(kept) == cache.KEEP


def test_the_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SUMMITLINE_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "summitline"


def test_the_loaded_knowledge_base_keeps_no_indexes_of_another_process(kb) -> None:
    assert kb.fingerprint and load_kb() is kb


def test_a_copy_with_other_leaders_never_writes_or_reads_the_cache(kb, tmp_path, monkeypatch) -> None:
    """A test's or a document's knowledge base with other leaders must not leave its indexes on disk
    under the loaded knowledge base's fingerprint (nor take that one's)."""
    import dataclasses

    from summitline.recognize.leaders import leader_lexicon

    monkeypatch.setenv("SUMMITLINE_CACHE", str(tmp_path))
    fewer = dataclasses.replace(kb, leaders={k: v for k, v in kb.leaders.items() if k != "felipe-vi"}, derived={})
    assert not fewer.cacheable and kb.cacheable
    assert "Felipe VI" not in leader_lexicon(fewer).alias_index
    assert list(tmp_path.iterdir()) == []


def test_every_record_of_the_knowledge_base_comes_back_from_the_cache_equal(kb) -> None:
    """The cached knowledge base's records are rebuilt by their constructors (``__reduce__``): each comes
    back equal, of its own type, with its methods working."""
    import pickle

    samples = [
        next(iter(kb.countries.values())),
        kb.venues[0],
        kb.regions[0],
        next(iter(kb.gatherings.values())).events[0],
        kb.topics[0],
        kb.leaders["joe-biden"],
        kb.leaders["joe-biden"].terms[0],
    ]
    for record in samples:
        copy = pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
        assert copy == record and type(copy) is type(record)
    term = pickle.loads(pickle.dumps(kb.leaders["joe-biden"].terms[0]))
    assert term.overlaps(term.start, term.start) and term._replace(role="x").role == "x"
    assert pickle.loads(pickle.dumps(kb)).countries == kb.countries
