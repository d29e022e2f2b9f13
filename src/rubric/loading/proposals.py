"""Proposal files: their structure, checked on its own, and the model built from it.

What needs the rubrics (criterion ids, scales) is checked in :mod:`rubric.loading.checks`.
"""

from __future__ import annotations

from typing import Any, Collection, Iterable, Optional

from rubric.errors import describe, did_you_mean
from rubric.loading.documents import Document
from rubric.loading.fields import (
    GAP_SCORES,
    OPTIONAL,
    REQUIRED,
    Fields,
    check_id,
    check_table,
    is_bound,
    is_date,
    is_score,
    is_str,
    is_str_list,
    is_table,
    is_table_list,
)
from rubric.loading.rubrics import parse_sources
from rubric.model import Proposal, Rating

CONFIDENCE_LEVELS = ("low", "medium", "high")
DEFAULT_RATER = "analyst"
#: How deep facts may nest: criteria read them by key, and deeper trees break explain and JSON output.
MAX_FACT_DEPTH = 32

PROPOSAL_FIELDS = Fields({
    "id": (is_str, REQUIRED),
    "title": (is_str, REQUIRED),
    "summary": (is_str, OPTIONAL),
    "sponsor": (is_str, OPTIONAL),
    "status": (is_str, OPTIONAL),
    "date": (is_date, OPTIONAL),
    "tags": (is_str_list, OPTIONAL),
    "sources": (is_table_list, OPTIONAL),
    "facts": (is_table, OPTIONAL),
    "assessments": (is_table, OPTIONAL),
    "foreign_rubrics": (is_str_list, OPTIONAL),
})
RATING_FIELDS = Fields({
    "rater": (is_str, OPTIONAL),
    "score": (is_score, REQUIRED),
    "low": (is_bound, OPTIONAL),
    "high": (is_bound, OPTIONAL),
    "confidence": (is_str, OPTIONAL),
    "rationale": (is_str, OPTIONAL),
    "sources": (is_str_list, OPTIONAL),
})


def parse_proposal(doc: Document) -> Optional[Proposal]:
    """Check a proposal file's structure and build the :class:`Proposal`."""
    data = doc.data
    if isinstance(data, dict) and "criteria" in data and "scale" in data:
        doc.problem("", "this is a rubric, not a proposal; pass rubrics with --rubrics")
        return None
    fields = check_table(doc, data, "", PROPOSAL_FIELDS)
    if "id" in fields:
        check_id(doc, "id", fields["id"])
    sources = parse_sources(doc, fields.get("sources"))
    source_ids = dict.fromkeys(s.id for s in sources)  # ordered for messages, hashed for lookups
    facts = fields.get("facts", {})
    deep = too_deep(facts, MAX_FACT_DEPTH)
    if deep is not None:
        doc.problem(f"facts{deep}", f"facts are nested more than {MAX_FACT_DEPTH} levels deep; keep them shallower")
    assessments: dict[str, dict[str, tuple[Rating, ...]]] = {}
    for rubric_id, by_criterion in fields.get("assessments", {}).items():
        rkey = f"assessments.{rubric_id}"
        if not isinstance(by_criterion, dict):
            doc.problem(rkey, f"expected a table of criterion ids, found {describe(by_criterion)}")
            continue
        assessments[rubric_id] = {}
        for criterion_id, entries in by_criterion.items():
            ratings = parse_ratings(doc, f"{rkey}.{criterion_id}", entries, source_ids)
            if ratings is not None:
                assessments[rubric_id][criterion_id] = ratings
    # Built even when there are problems, so that the checks against rubrics
    # still run; the caller keeps only proposals from files without problems.
    return Proposal(
        id=fields.get("id", doc.path.stem),
        title=fields.get("title", ""),
        summary=fields.get("summary", ""),
        sponsor=fields.get("sponsor", ""),
        status=fields.get("status", ""),
        date=fields.get("date"),
        tags=tuple(fields.get("tags", ())),
        sources=sources,
        facts=facts,
        assessments=assessments,
        path=doc.path,
        digest=doc.digest,
        foreign_rubrics=tuple(fields.get("foreign_rubrics", ())),
    )


def too_deep(value, remaining: int) -> Optional[str]:
    """The key path below ``value`` to a table or list more than ``remaining`` levels down, if any.

    Recursion stops at the limit, so even a tree nested thousands deep costs nothing.
    """
    items: Iterable[tuple[Any, Any]]
    if type(value) is dict:
        items = value.items()
    elif type(value) is list:
        items = enumerate(value)
    else:
        return None
    if remaining < 0:
        return ""
    for key, item in items:
        below = too_deep(item, remaining - 1)
        if below is not None:
            return (f"[{key}]" if type(key) is int else f".{key}") + below
    return None


def parse_ratings(
    doc: Document, key: str, entries: Any, source_ids: Collection[str], rater: Optional[str] = None
) -> Optional[tuple[Rating, ...]]:
    """The ratings of one criterion at ``key``: one table, or an array of them (one per rater).

    Proposal files and assessment files both read ratings here; ``rater`` is
    the default for entries that name none (an assessment file's ``rater``).
    ``None`` when ``entries`` is not ratings at all.
    """
    if isinstance(entries, dict):  # a single [assessments.r.c] table is one rating
        entries = [entries]
    if not is_table_list(entries) or not entries:
        doc.problem(key, f"expected one or more ratings ([[{key}]]), found {describe(entries)}")
        return None
    ratings, raters = [], set()
    for index, entry in enumerate(entries):
        if rater is not None and "rater" not in entry:
            entry = {**entry, "rater": rater}
        rating = parse_rating(doc, f"{key}[{index}]", entry, source_ids)
        if rating is None:
            continue
        if rating.rater in raters:
            doc.problem(f"{key}[{index}].rater", f"rater {rating.rater!r} rates this criterion twice")
        raters.add(rating.rater)
        ratings.append(rating)
    return tuple(ratings)


def parse_rating(doc: Document, key: str, entry: dict, source_ids: Collection[str]) -> Optional[Rating]:
    """One rating at ``key``, parsed without its rubric: a letter grade is kept in ``letters`` (its number unknown yet)."""
    fields = check_table(doc, entry, key, RATING_FIELDS)
    if "score" not in fields:
        return None
    given = {name: fields[name] for name in ("score", "low", "high") if name in fields}
    gap = given["score"] if given["score"] in GAP_SCORES else ""
    if gap:
        for name in ("low", "high"):
            if name in fields:
                doc.problem(f"{key}.{name}", f'a score of "{gap}" has no interval; remove `{name}`, or give a score')
    letters = tuple((name, value) for name, value in given.items() if isinstance(value, str) and not gap)
    numbers = {name: None if isinstance(value, str) else value for name, value in given.items()}
    if not gap:
        for name, message in interval_problems(numbers["score"], numbers.get("low"), numbers.get("high")):
            doc.problem(f"{key}.{name}", message)
    confidence = fields.get("confidence")
    if confidence is not None and confidence not in CONFIDENCE_LEVELS:
        doc.problem(f"{key}.confidence", f"expected one of {', '.join(CONFIDENCE_LEVELS)}, found {confidence!r}")
    for source in fields.get("sources", ()):
        if source not in source_ids:
            hint = did_you_mean(source, list(source_ids))
            doc.problem(f"{key}.sources", f"unknown source {source!r}: not among this proposal's [[sources]] ids{hint}")
    return Rating(
        rater=fields.get("rater", DEFAULT_RATER),
        score=numbers["score"],
        rationale=fields.get("rationale", ""),
        low=None if gap else numbers.get("low"),
        high=None if gap else numbers.get("high"),
        confidence=confidence,
        sources=tuple(fields.get("sources", ())),
        gap=gap,
        letters=letters,
    )


def interval_problems(score: Optional[float], low: Optional[float], high: Optional[float]) -> list[tuple[str, str]]:
    """``(key, message)`` for an interval that does not hold its score; an end not known yet (a letter) is skipped."""
    problems = []
    if score is not None and low is not None and low > score:
        problems.append(("low", f"expected low <= score ({score}), found {low}"))
    if score is not None and high is not None and high < score:
        problems.append(("high", f"expected high >= score ({score}), found {high}"))
    return problems
