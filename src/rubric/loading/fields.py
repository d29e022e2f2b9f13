"""The field-check mini-language: which keys a table may hold and of what type.

The same tables drive the loader's checks and the JSON Schema
(:mod:`rubric.schema`), so the two cannot drift.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Mapping

from rubric.components import is_real_number
from rubric.errors import describe, did_you_mean
from rubric.loading.documents import Document

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")


# Checks compare exact types: TOML gives exactly these, and they run for every value.
def is_str(value):
    return type(value) is str


def is_str_list(value):
    return type(value) is list and all(type(v) is str for v in value)


_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?\Z")


def is_date(value):
    """A TOML date, or a ``YYYY-MM`` or ``YYYY-MM-DD`` string naming a day or month that exists."""
    if isinstance(value, datetime.date):
        return True
    found = _DATE.match(value) if type(value) is str else None
    if found is None:
        return False
    try:
        datetime.date(int(found[1]), int(found[2]), int(found[3] or 1))
    except ValueError:  # month 13, 31 November
        return False
    return True


def is_table(value):
    return type(value) is dict


def is_bool(value):
    return type(value) is bool


def is_method(value):
    return type(value) is str or type(value) is dict


def is_str_or_str_list(value):
    return is_str(value) or is_str_list(value)


def is_table_list(value):
    return type(value) is list and all(type(v) is dict for v in value)


#: What a rating's ``score`` may say instead of a number.
GAP_SCORES = ("unknown", "not-applicable")


def is_bound(value):
    """A rating's ``low`` or ``high``: a finite number, or a letter grade.

    Which letters there are is the rubric's ``[grade_points]``, so any text
    passes here and is checked when the rating meets its rubric.
    """
    return is_real_number(value) or (type(value) is str and value.strip() != "")


def is_score(value):
    """A rating's score: what a bound may be, or ``"unknown"`` / ``"not-applicable"`` (its own check for the schema)."""
    return is_bound(value)


EXPECTED = {
    is_str: "a string",
    is_str_list: "a list of strings",
    is_date: 'a TOML date (2025-01-13) or a "YYYY-MM" or "YYYY-MM-DD" string of a real month or day',
    is_table: "a table",
    is_bool: "true or false",
    is_real_number: "a finite number",
    is_method: "a method name or a table with `method` and its parameters",
    is_table_list: "an array of tables ([[...]])",
    is_str_or_str_list: "a string or a list of strings",
    is_score: "a finite number",  # or "unknown" / "not-applicable" or a letter grade, as the README says
    is_bound: "a finite number",  # or a letter grade of the rubric's [grade_points]
}

REQUIRED, OPTIONAL = True, False


class Fields:
    """The keys a table may hold: name -> (check, required), with lookups precomputed."""

    __slots__ = ("checks", "required")

    def __init__(self, spec: Mapping[str, tuple]):
        self.checks = {name: check for name, (check, _) in spec.items()}
        self.required = tuple(name for name, (_, required) in spec.items() if required)


def check_table(doc: Document, data: Any, key: str, fields: Fields) -> dict:
    """Check a table's keys and value types; return the well-typed fields only.

    Unknown keys, missing required keys and values of the wrong type are
    recorded as problems.  This runs for every table of every file, so the
    messages are only built when something is wrong.
    """
    if type(data) is not dict:
        doc.problem(key, f"expected a table, found {describe(data)}")
        return {}
    checks = fields.checks
    good = {}
    for name, value in data.items():
        check = checks.get(name)
        if check is not None and check(value):
            good[name] = value
    prefix = f"{key}." if key else ""
    if len(good) < len(data):
        for name, value in data.items():
            if name not in checks:
                doc.problem(f"{prefix}{name}", f"unknown key {name!r}{did_you_mean(name, list(checks))}")
            elif name not in good:
                doc.problem(f"{prefix}{name}", f"expected {EXPECTED[checks[name]]}, found {describe(value)}")
    for name in fields.required:
        if name not in data:
            doc.problem(f"{prefix}{name}", f"missing required key {name!r}")
    return good


def check_id(doc: Document, key: str, value: str) -> None:
    if not ID_PATTERN.match(value):
        doc.problem(key, f"expected an id of lowercase letters, digits, '-' or '_', found {value!r}")

