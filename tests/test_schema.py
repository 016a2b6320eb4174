"""Every `extract --format json` output follows ../shared/spec/meetings.schema.json, and every
evidence span is exactly the slice of the extracted text it names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from summitline import extract

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def documents(shared: Path) -> list[Path]:
    docs = [shared / "seeds" / "000_a39ee73e12a900c8.txt", *sorted((shared / "corpus" / "dev").glob("*.txt"))]
    docs += sorted(EXAMPLES.glob("*.txt"))
    return docs


@pytest.fixture(scope="module")
def validator(shared_dir: Path) -> Draft202012Validator:
    schema = json.loads((shared_dir / "spec" / "meetings.schema.json").read_text())
    return Draft202012Validator(schema)


def test_every_output_validates_and_evidence_matches_text(shared_dir: Path, validator: Draft202012Validator) -> None:
    checked = 0
    for path in documents(shared_dir):
        result = extract(path)
        data = json.loads(json.dumps(result.to_dict()))
        errors = sorted(validator.iter_errors(data), key=str)
        assert not errors, f"{path.name}: {errors[0].message} at {list(errors[0].path)}"
        for meeting in data["meetings"]:
            for ev in meeting["evidence"]:
                assert result.document.text[ev["start"] : ev["end"]] == ev["text"], (path.name, ev)
            fields = {ev["field"].split(".")[0] for ev in meeting["evidence"]}
            assert {"date", "participants", "format"} <= fields, (path.name, meeting["date"], fields)
            if meeting["place"]:
                assert "place" in fields
            checked += 1
    assert checked >= 50


def test_web_pages_validate_too(shared_dir: Path, validator: Draft202012Validator) -> None:
    pages = sorted((shared_dir / "corpus" / "web").glob("*.html"))[:15]
    assert pages
    for page in pages:
        data = extract(page).to_dict()
        assert not list(validator.iter_errors(data)), page.name
