"""Letter grades given as ratings, read through the rubric's ``[grade_points]``.

A proposal file is parsed without its rubric, so ``score = "B-"`` is only
text until the rating meets its rubric (:func:`~rubric.loading.checks.check_ratings`,
for proposal and assessment files alike); there the letter becomes its number
and stays beside it on the :class:`~rubric.model.Rating` to be shown.  Rating
sheets read their score cells with the same :func:`letter_points`.
"""

from __future__ import annotations

from typing import Optional

import attrs

from rubric.errors import describe, did_you_mean
from rubric.grades import points_of
from rubric.loading.documents import Document
from rubric.loading.fields import GAP_SCORES
from rubric.loading.proposals import interval_problems
from rubric.model import Rating, Rubric


def letter_points(text: str, rubric: Rubric, gaps: bool = True) -> tuple[Optional[float], str]:
    """The number a letter grade stands for under ``rubric``, or ``None`` and why not (a message to show).

    ``gaps``: whether ``"unknown"`` / ``"not-applicable"`` may be written where
    the letter was (a score), so that the message offers them.
    """
    number = points_of(text, rubric.grade_points)
    if number is not None:
        return number, ""
    words = list(GAP_SCORES) if gaps else []
    found = f"expected a finite number, found {describe(text)}"
    if not rubric.grade_points:
        why = f"; rubric {rubric.id!r} has no [grade_points], so a rating cannot be a letter grade"
        return None, found + why + (did_you_mean(text, words) if words else ".")
    hint = did_you_mean(text, [*rubric.grade_points, *words])
    return None, f"{found}, not a grade of rubric {rubric.id!r}'s [grade_points]{hint}"


def resolve_letters(doc: Document, key: str, rubric: Rubric, rating: Rating) -> Rating:
    """``rating`` with each letter it gives replaced by its number under ``rubric``; a letter it lacks is a problem.

    Letters already resolved (their key holds a number) are left alone, so
    checking a rating twice is harmless.
    """
    pending = [(name, text) for name, text in rating.letters if getattr(rating, name) is None]
    if not pending:
        return rating
    numbers = {}
    for name, text in pending:
        number, problem = letter_points(text, rubric, gaps=name == "score")
        if problem:
            doc.problem(f"{key}.{name}", problem)
        numbers[name] = number
    resolved = attrs.evolve(rating, **{name: numbers.get(name, getattr(rating, name)) for name in ("score", "low", "high")})
    for name, message in interval_problems(resolved.score, resolved.low, resolved.high):
        doc.problem(f"{key}.{name}", message)
    return resolved
