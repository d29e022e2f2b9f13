"""The project file, ``rubric.toml`` at the project root: which rubric comes first.

::

    default = "open-source-ai"      # the rubric every screen opens with
    rubrics = ["open-source-ai", "sovereign-ai", "data-access", "feasibility"]

Both keys are optional.  ``rubrics`` orders the rubrics; ``default`` comes
first whatever its place there.  Rubrics the file does not list follow, as
do all of them without a file: the rubrics that apply to the most proposals
first, then by id — so the screen never opens with a rubric that is n/a for
most of them.  An id that names no loaded rubric is an error when the rubrics
are the project's own (``./rubrics``), ignored when others are named.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

from rubric.errors import InputError, did_you_mean

__all__ = ["PROJECT_FILE", "order_rubrics", "read_project_file"]

#: The project file's name, looked for in the current folder.
PROJECT_FILE = Path("rubric.toml")


def read_project_file(path: Path, known: Optional[Sequence[str]]) -> tuple:
    """The rubric ids the file puts first, in order; problems become an :class:`InputError`.

    ``known``: the loaded rubrics' ids, checked against (``None``: not checked).
    """
    from rubric.loading import describe, read_document

    doc = read_document(path)
    data = doc.data if doc.data is not None else {}
    order: list = []
    for key, value in data.items():
        if key not in ("default", "rubrics"):
            doc.problem(key, f"unknown key {key!r}{did_you_mean(key, ['default', 'rubrics'])}")
            continue
        ids = [value] if key == "default" else value
        expected = "a rubric id (a string)" if key == "default" else "a list of rubric ids (strings)"
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            doc.problem(key, f"expected {expected}, found {describe(value)}")
            continue
        for position, rubric_id in enumerate(ids):
            where = key if key == "default" else f"{key}[{position}]"
            if known is not None and rubric_id not in known:
                doc.problem(where, f"no rubric has id {rubric_id!r}{did_you_mean(rubric_id, known)}")
        order = ids + order if key == "default" else order + ids
    if doc.problems:
        raise InputError(doc.problems)
    return tuple(dict.fromkeys(order))


def order_rubrics(rubrics: Sequence, proposals: Sequence, registry, first: Sequence[str] = ()) -> tuple:
    """``first`` (ids from the project file) in its order, then by proposals applied to, most first, then id."""
    from rubric.loading import applies

    listed = {rubric_id: place for place, rubric_id in enumerate(first)}

    def key(rubric):
        if rubric.id in listed:
            return (0, listed[rubric.id], 0, "")
        return (1, 0, -sum(applies(rubric, p, registry) for p in proposals), rubric.id)

    return tuple(sorted(rubrics, key=key))
