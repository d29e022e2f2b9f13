"""JSON Schema of the rubric and proposal formats, derived from the loader's own checks.

Editors that understand JSON Schema for TOML (Taplo, "Even Better TOML") then
complete keys and flag typos as you type.  The schema is generated from the
same field tables :mod:`rubric.loading` checks against, so the two cannot
drift.  The schemas ship inside the package (``rubric/schemas/``, read with
:func:`published`); ``python -m rubric.schema`` rewrites them there and in
``docs/schema/``.  It describes
structure only: what needs the registry (criterion kinds, methods and their
parameters) or other files (scales, duplicate ids) is for ``rubric validate``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping, Optional

from rubric.components import is_real_number
from rubric.grades import GRADE_SCALES
from rubric.loading import assessments as A
from rubric.loading import fields as F
from rubric.loading import proposals as P
from rubric.loading import rubrics as R
from rubric.loading import rules as RL
from rubric.missing import MISSING_RULES
from rubric.tree import PRESENTATIONS

__all__ = ["json_schema", "published", "write"]

_LETTER = {"type": "string", "pattern": "\\S", "description": "a letter grade of the rubric's [grade_points]"}
_TYPES = {
    F.is_str: {"type": "string"},
    F.is_str_list: {"type": "array", "items": {"type": "string"}},
    F.is_date: {
        "type": "string",
        "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$",
        "description": "a TOML date (2025-01-13) or a YYYY-MM or YYYY-MM-DD string",
    },
    F.is_table: {"type": "object"},
    F.is_bool: {"type": "boolean"},
    is_real_number: {"type": "number"},
    F.is_method: {
        "anyOf": [
            {"type": "string"},
            {"type": "object", "properties": {"method": {"type": "string"}}, "required": ["method"]},
        ]
    },
    F.is_table_list: {"type": "array", "items": {"type": "object"}},
    F.is_str_or_str_list: {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    F.is_score: {"anyOf": [{"type": "number"}, {"enum": list(F.GAP_SCORES)}, _LETTER]},
    F.is_bound: {"anyOf": [{"type": "number"}, _LETTER]},
}


def _table(fields: "F.Fields", nested: Optional[Mapping[str, Any]] = None, description: str = "") -> dict[str, Any]:
    """An object schema for a field table; ``nested`` refines some fields' schemas."""
    refined = nested or {}
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {name: refined.get(name, _TYPES[check]) for name, check in fields.checks.items()},
        "required": list(fields.required),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def _by_id(item: dict) -> dict:
    return {"type": "object", "additionalProperties": item}


def json_schema(kind: str) -> dict:
    """The JSON Schema (draft 2020-12) of a ``"rubric"``, ``"scheme"``, ``"proposal"`` or ``"assessment"`` file."""
    source = _table(R.SOURCE_FIELDS)
    scheme = _table(R.SCHEME_FIELDS, {"missing": {"enum": list(MISSING_RULES)}})
    present = {"anyOf": [{"enum": list(PRESENTATIONS)}, {"type": "array", "items": {"enum": list(PRESENTATIONS)}, "minItems": 1}]}
    scheme["properties"]["present"] = present
    scheme["properties"]["sorting"] = {
        "type": "object",
        "description": "Sorting into ordered classes: the method, the classes worst first, and the method's parameters.",
        "properties": {"method": {"type": "string"}, "classes": {"type": "array", "items": {"type": "string"}, "minItems": 2}},
        "required": ["method", "classes"],
    }
    red_line = _table(RL.RED_LINE_FIELDS, description="A red line on a criterion or group, crossed below `below` or above.")
    red_line["properties"]["effect"] = {"enum": list(RL.EFFECTS)}
    red_line["properties"]["on"] = {"enum": list(RL.RED_LINE_ON)}
    red_lines = {"type": "array", "items": red_line}
    grades = {"type": "array", "items": _table(RL.GRADE_FIELDS), "minItems": 1, "description": "grade bands, best first"}
    scheme["properties"]["red_lines"] = red_lines
    group = _table(R.GROUP_FIELDS)
    group["properties"]["grades"] = grades
    rating = _table(P.RATING_FIELDS)
    rating["properties"]["confidence"] = {"enum": list(P.CONFIDENCE_LEVELS)}
    ratings = _by_id(_by_id({"anyOf": [{"type": "array", "items": rating}, rating]}))  # by id, then by criterion
    if kind == "rubric":
        body = _table(
            R.RUBRIC_FIELDS,
            {
                "scale": _table(R.SCALE_FIELDS),
                "sources": {"type": "array", "items": source},
                "groups": _by_id(group),
                "criteria": _by_id(_table(R.CRITERION_FIELDS)),
                "schemes": _by_id(scheme),
            },
            "A rubric: scale, value tree of groups and criteria, weighting schemes.",
        )
        body["properties"]["rationale"] = {"enum": list(R.RATIONALE_RULES)}
        body["properties"]["present"] = present
        body["properties"]["precision"] = {"type": "integer", "minimum": 0, "maximum": R.MAX_PRECISION}
        body["properties"]["red_lines"] = red_lines
        body["properties"]["grades"] = grades
        body["properties"]["grade_on"] = {"enum": list(GRADE_SCALES)}
        body["properties"]["grade_points"] = {"type": "object", "additionalProperties": {"type": "number"}}
        body["properties"]["missing"] = {"enum": list(MISSING_RULES)}
        body["properties"]["min_coverage"] = {"type": "number", "minimum": 0, "maximum": 1}
    elif kind == "scheme":
        body = _table(R.SCHEME_FILE_FIELDS, {"schemes": _by_id(scheme)}, "Schemes for the rubric named by `rubric`.")
    elif kind == "proposal":
        body = _table(
            P.PROPOSAL_FIELDS,
            {"sources": {"type": "array", "items": source}, "assessments": ratings},
            "A proposal: what it is, its sources, facts, and ratings per rubric and criterion.",
        )
    elif kind == "assessment":
        body = _table(
            A.ASSESSMENT_FIELDS,
            {"sources": {"type": "array", "items": source}, "ratings": ratings},
            "Ratings of existing proposals under the rubric named by `rubric`, by proposal id and criterion id.",
        )
    else:
        raise ValueError(f"unknown format {kind!r}; expected rubric, scheme or proposal, or an assessment file")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": f"rubric {kind}", **body}


KINDS = ("rubric", "scheme", "proposal", "assessment")
PACKAGE_FOLDER = Path(__file__).resolve().parent / "schemas"
DOCS_FOLDER = Path(__file__).resolve().parents[2] / "docs" / "schema"


def schema_text(kind: str) -> str:
    """The file text of a format's schema, as published."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def published(kind: str) -> dict:
    """The schema shipped with the package, for editors and validators that want the file."""
    from importlib import resources  # only here: the commands never need it

    return json.loads((resources.files("rubric") / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))


def write(folders=None) -> list:
    """Write every schema into each folder (default: the package's, and docs/ in a checkout); the paths written."""
    if folders is None:
        folders = (PACKAGE_FOLDER, *((DOCS_FOLDER,) if DOCS_FOLDER.parent.is_dir() else ()))
    written = []
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        for kind in KINDS:
            path = folder / f"{kind}.schema.json"
            path.write_text(schema_text(kind), encoding="utf-8")
            written.append(path)
    return written


if __name__ == "__main__":
    for path in write():
        print(f"wrote {path}")
