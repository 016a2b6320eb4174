"""kb/archigos.py: Archigos spells into a leaders file, without duplicating curated people."""

from __future__ import annotations

import csv
import io
from datetime import date

from summitline.kb import Leader, Term
from summitline.kb.archigos import archigos_rows, fold_name, read_spells, write_leaders_file

ARCHIGOS = """obsid,leadid,cow_state,country_name,country,leader,full_name,start,end,gender,born,died,entry,exit
USA-1989,aaa,USA,United States of America,US,G.H.W. Bush,,1989-01-20,1993-01-20,M,1924,2018,Regular,Regular
RUS-1953,bbb,RUS,Russia,RU,Khrushchev,,1953-03-20,1964-10-15,M,1894,1971,Regular,Irregular
RUS-2000,ccc,RUS,Russia,RU,Putin,Vladimir Putin,2000-05-07,2015-12-31,M,1952,-777,Regular,Unknown
CAN-1935,ddd,CAN,Canada,CA,King,,1935-10-23,1948-11-15,M,1874,1950,Regular,Regular
DOM-1876,ddd,DOM,Dominican Republic,DO,Buenaventura Baez,,1876-12-27,1878-03-02,M,1812,1884,Irregular,Irregular
BAV-1886,eee,BAV,Bavaria,,Luitpold,,1886-06-10,1912-12-12,M,1821,1912,Regular,Natural Death
"""


def _kb(kb, leaders):
    import dataclasses

    return dataclasses.replace(kb, leaders=leaders, derived={})


def _curated() -> dict[str, Leader]:
    bush = Leader(
        "george-h-w-bush",
        "George H. W. Bush",
        ["Bush"],
        [Term("President of the United States", "US", "head_of_state", date(1989, 1, 20), date(1993, 1, 20))],
    )
    putin = Leader(
        "vladimir-putin",
        "Vladimir Putin",
        ["Putin"],
        [Term("President of Russia", "RU", "head_of_state", date(2000, 5, 7), date(2008, 5, 7))],
    )
    return {"george-h-w-bush": bush, "vladimir-putin": putin}


def test_soviet_spells_are_written_as_su_and_polities_without_a_code_left_out() -> None:
    spells = read_spells(ARCHIGOS)
    assert [(s.leader, s.country) for s in spells][:2] == [("G.H.W. Bush", "US"), ("Khrushchev", "SU")]
    assert "Luitpold" not in {s.leader for s in spells}


def test_curated_people_keep_their_id_and_add_no_covered_term(kb) -> None:
    rows = archigos_rows(read_spells(ARCHIGOS), _kb(kb, _curated()))
    by_id = {}
    for r in rows:
        by_id.setdefault(r[0], []).append(r)
    assert "g-h-w-bush" not in by_id  # initials and surname: the curated George H. W. Bush
    bush = by_id["george-h-w-bush"]
    assert all(r[4] == "" for r in bush)  # covered by the curated term: aliases/gender only
    putin = by_id["vladimir-putin"]
    assert [(r[4], r[5]) for r in putin] == [("Leader of Russia", "effective_ruler")]  # 2008-2015 not covered


def test_new_people_get_an_effective_ruler_term_that_ends_with_the_data(kb) -> None:
    rows = archigos_rows(read_spells(ARCHIGOS), _kb(kb, {}))
    khrushchev = next(r for r in rows if r[1] == "Khrushchev")
    assert khrushchev[3:8] == ["SU", "Leader of Soviet Union", "effective_ruler", "1953-03-20", "1964-10-15"]
    putin = next(r for r in rows if r[1] == "Vladimir Putin")
    assert putin[7] == "2015-12-31"  # never left open: what came after is not Archigos's to say


def test_one_leadid_shared_by_two_people_gives_two_ids(kb) -> None:
    rows = archigos_rows(read_spells(ARCHIGOS), _kb(kb, {}))
    ids = {r[1]: r[0] for r in rows}
    assert ids["King"] != ids["Buenaventura Baez"]


def test_the_written_file_loads_with_its_source_note(kb, tmp_path) -> None:
    from summitline.kb import _load_leaders

    path = tmp_path / "leaders_archigos.csv"
    write_leaders_file(archigos_rows(read_spells(ARCHIGOS), _kb(kb, _curated())), path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# source: Archigos 4.1")
    assert list(csv.reader(io.StringIO(lines[1])))[0][-2:] == ["gender", "source"]
    sources: dict[str, str] = {}
    loaded = _load_leaders(list(_curated_files(tmp_path)) + [path], sources)
    assert loaded["khrushchev"].gender == "M"
    assert "G.H.W. Bush" in loaded["george-h-w-bush"].aliases


def _curated_files(tmp_path):
    path = tmp_path / "leaders_curated.csv"
    path.write_text(
        "# source: test\nid,name,aliases,country,office,role,start,end\n"
        "george-h-w-bush,George H. W. Bush,Bush,US,President of the United States,head_of_state,"
        "1989-01-20,1993-01-20\n",
        encoding="utf-8",
    )
    yield path


def test_names_fold_to_ascii_words() -> None:
    assert fold_name("Recep Tayyip Erdoğan") == ["recep", "tayyip", "erdogan"]
    assert fold_name("G.H.W. Bush") == ["g", "h", "w", "bush"]
