"""kb/__init__.py: the knowledge base's data files, their consistency, and a user folder of extra files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from summitline.errors import KnowledgeBaseError
from summitline.kb import DATA_DIR, load_kb
from summitline.recognize.leaders import recognize_leaders

HEADER = "id,name,aliases,country,office,role,start,end\n"
KARIS = "alar-karis,Alar Karis,Karis,EE,President of Estonia,head_of_state,2021-10-11,\n"


@pytest.mark.parametrize("name", sorted(p.name for p in DATA_DIR.iterdir() if p.is_file()))
def test_every_data_file_has_a_source_note(kb, name: str) -> None:
    assert kb.sources.get(name, "").strip(), name


def test_every_leader_term_starts_before_it_ends(kb) -> None:
    bad = [(leader.id, t.office) for leader in kb.leaders.values() for t in leader.terms if t.end and t.end < t.start]
    assert bad == []


def _codes(kb, kind: str) -> set[str]:
    if kind == "leaders":
        return {t.country for leader in kb.leaders.values() for t in leader.terms}
    if kind == "venues":
        return {v.country for v in kb.venues}
    if kind == "regions":
        return {r.country for r in kb.regions}
    return {e.country for s in kb.gatherings.values() for e in s.events}


@pytest.mark.parametrize("kind", ["leaders", "venues", "regions", "gatherings"])
def test_every_country_code_is_a_known_country(kb, kind: str) -> None:
    codes = _codes(kb, kind)
    assert codes and codes <= set(kb.countries), sorted(codes - set(kb.countries))


def test_every_gathering_event_starts_before_it_ends(kb) -> None:
    bad = [(s.id, e.start) for s in kb.gatherings.values() for e in s.events if e.end < e.start]
    assert bad == []


def test_user_folder_adds_a_leader(tmp_path: Path) -> None:
    (tmp_path / "leaders_extra.csv").write_text("# source: Estonian presidency website\n" + HEADER + KARIS)
    extra = load_kb(tmp_path)
    leader = extra.leaders["alar-karis"]
    assert (leader.name, leader.aliases, leader.terms[0].start) == ("Alar Karis", ["Karis"], date(2021, 10, 11))
    assert extra.sources["leaders_extra.csv"] == "Estonian presidency website"
    assert "vladimir-putin" in extra.leaders  # the built-in leaders are still there


def test_user_leader_is_recognised(tmp_path: Path) -> None:
    (tmp_path / "leaders_extra.csv").write_text("# source: Estonian presidency website\n" + HEADER + KARIS)
    found = recognize_leaders("Alar Karis met Joe Biden in Washington.", load_kb(tmp_path))
    assert [(m.text, m.ids) for m in found if m.kind == "name"][0] == ("Alar Karis", ("alar-karis",))


def test_built_in_knowledge_base_is_loaded_once(kb) -> None:
    assert load_kb() is kb


def test_user_leader_file_without_source_note(tmp_path: Path) -> None:
    (tmp_path / "leaders_extra.csv").write_text(HEADER + KARIS)
    with pytest.raises(KnowledgeBaseError, match="source"):
        load_kb(tmp_path)


def test_user_yaml_file_without_source_note(tmp_path: Path) -> None:
    (tmp_path / "venues_extra.yaml").write_text("venues:\n  - name: Kadriorg Palace\n    country: EE\n")
    with pytest.raises(KnowledgeBaseError, match="source"):
        load_kb(tmp_path)


def test_missing_user_folder(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="does not exist"):
        load_kb(tmp_path / "nowhere")
