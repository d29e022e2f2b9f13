"""The published JSON Schema matches the loader, and the shipped files satisfy it."""

from __future__ import annotations

import json

import pytest
import tomli

from conftest import REPO
from rubric.schema import json_schema


@pytest.mark.parametrize("kind", ["rubric", "scheme", "proposal", "assessment"])
def test_published_schema_is_current(kind):
    """docs/schema/ is what `python -m rubric.schema` generates today."""
    published = json.loads((REPO / "docs" / "schema" / f"{kind}.schema.json").read_text())
    assert published == json_schema(kind)


@pytest.mark.parametrize("kind", ["rubric", "scheme", "proposal", "assessment"])
def test_package_ships_the_same_schema_as_the_docs(kind):
    """The schema inside the package (what a wheel ships) is byte for byte docs/schema/'s, and current."""
    from rubric import schema

    shipped = (schema.PACKAGE_FOLDER / f"{kind}.schema.json").read_bytes()
    assert shipped == (REPO / "docs" / "schema" / f"{kind}.schema.json").read_bytes()
    assert schema.published(kind) == json_schema(kind)


def test_write_regenerates_both_copies(tmp_path):
    """`python -m rubric.schema` writes each schema into every folder it is given."""
    from rubric import schema

    written = schema.write([tmp_path / "a", tmp_path / "b"])
    assert len(written) == 2 * len(schema.KINDS) == 8
    assert (tmp_path / "b" / "proposal.schema.json").read_text() == schema.schema_text("proposal")


def test_new_fields_are_in_the_schema():
    """rationale, requires and foreign_rubrics are described; dates carry their pattern."""
    rubric = json_schema("rubric")["properties"]
    assert rubric["rationale"] == {"enum": ["required", "optional"]}
    assert rubric["requires"] == {"type": "array", "items": {"type": "string"}}
    proposal = json_schema("proposal")["properties"]
    assert proposal["foreign_rubrics"] == {"type": "array", "items": {"type": "string"}}
    import re

    pattern = re.compile(proposal["date"]["pattern"])
    assert pattern.match("2026-11") and pattern.match("2026-11-30") and not pattern.match("2026-13")


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


def test_shipped_assessment_files_satisfy_their_schema():
    """Every shipped assessment file validates against the assessment schema, and a misspelt key does not."""
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json_schema("assessment"))
    paths = sorted((REPO / "assessments").glob("*.toml"))
    assert paths
    for path in paths:
        data = json.loads(json.dumps(tomli.loads(path.read_text()), default=str))
        assert [e.message for e in validator.iter_errors(data)] == [], path.name
    assert list(validator.iter_errors({"rubric": "r", "ratings": {"p": {"c": {"score": 1, "rationle": "x"}}}}))


def test_unknown_kind():
    """Only the three formats exist."""
    with pytest.raises(ValueError, match="expected rubric, scheme or proposal"):
        json_schema("scale")
