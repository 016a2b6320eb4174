"""The evaluation gate: extraction scores on gold sets must not fall below these floors.

Floors only go up. Raise one when a change improves a score; never lower one
to make a change pass. The dev corpus checks generality, it is not for tuning.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .evaluation import score_corpus

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
OTHER_STYLES = Path(__file__).resolve().parent / "data" / "holdout"
SECOND_SET = Path(__file__).resolve().parent / "data" / "holdout2"

# corpus -> (minimum micro F1, minimum share of exact dates among matched meetings)
FLOORS = {
    "corpus": (1.00, 1.00),  # the founding article (seed.gold.json)
    "corpus/dev": (1.00, 1.00),
    "examples": (1.00, 1.00),
    "other-styles": (0.93, 0.96),  # tests/data/holdout: wire story, Q&A, timeline, feature, round-up, history
    # tests/data/holdout2: live blog, year-by-year profile, listicle, regional story, obituary, UK brief;
    # scored once before any change for it (0.49), then only general fixes: the honest measure of generality
    "second-set": (0.63, 0.96),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scores_stay_above_floors(name: str, request: pytest.FixtureRequest) -> None:
    local = {"examples": EXAMPLES, "other-styles": OTHER_STYLES, "second-set": SECOND_SET}
    folder = local[name] if name in local else request.getfixturevalue("shared_dir") / name
    result = score_corpus(folder)
    f1_floor, date_floor = FLOORS[name]
    assert result.f1 >= f1_floor, f"{name}: F1 {result.f1:.3f} < {f1_floor} ({result})"
    assert result.date_exact >= date_floor, f"{name}: date exact {result.date_exact:.3f} < {date_floor} ({result})"


def test_scoring_counts_misses_extras_and_wrong_dates() -> None:
    from .evaluation import score

    gold = {
        "meetings": [
            {"date": "2000-06-04", "participants": ["Vladimir Putin", "Bill Clinton"]},
            {"date": "2001-06", "participants": ["Vladimir Putin", "George W. Bush"]},
            {"date": "2005", "participants": ["Vladimir Putin", "George W. Bush"], "optional": True},
        ]
    }
    pred = [
        {"date": "2000-06", "participants": [{"name": "Bill Clinton"}, {"name": "Vladimir Putin"}]},
        {"date": "2019-06-28", "participants": [{"name": "Donald Trump"}, {"name": "Vladimir Putin"}]},
    ]
    result = score(gold, pred)
    assert (result.tp, result.fp, result.fn, result.date_ok) == (1, 1, 1, 0)
