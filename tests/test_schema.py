"""The published JSON Schema matches the loader, and the shipped files satisfy it."""

from __future__ import annotations

import json

import pytest
import tomli

from conftest import REPO
from rubric.schema import json_schema


@pytest.mark.parametrize("kind", ["rubric", "scheme", "proposal"])
def test_published_schema_is_current(kind):
    """docs/schema/ is what `python -m rubric.schema` generates today."""
    published = json.loads((REPO / "docs" / "schema" / f"{kind}.schema.json").read_text())
    assert published == json_schema(kind)


def test_schema_knows_every_key_the_loader_accepts():
    """Each loader field table appears in the schema with its required keys."""
    rubric = json_schema("rubric")
    assert set(rubric["required"]) == {"id", "title", "version", "scale", "groups", "criteria"}
    criterion = rubric["properties"]["criteria"]["additionalProperties"]
    assert criterion["required"] == ["group", "title"] and criterion["additionalProperties"] is False
    rating = json_schema("proposal")["properties"]["assessments"]["additionalProperties"]["additionalProperties"]
    assert rating["anyOf"][1]["properties"]["confidence"] == {"enum": ["low", "medium", "high"]}


def test_shipped_files_satisfy_the_schema():
    """Every shipped rubric and proposal validates against the schema (where jsonschema is installed)."""
    jsonschema = pytest.importorskip("jsonschema")
    for folder, kind in (("rubrics", "rubric"), ("proposals", "proposal")):
        validator = jsonschema.Draft202012Validator(json_schema(kind))
        for path in sorted((REPO / folder).glob("*.toml")):
            data = json.loads(json.dumps(tomli.loads(path.read_text()), default=str))
            errors = [e.message for e in validator.iter_errors(data)]
            assert errors == [], (path.name, errors[:3])


def test_unknown_kind():
    """Only the three formats exist."""
    with pytest.raises(ValueError, match="expected rubric, scheme or proposal"):
        json_schema("scale")
