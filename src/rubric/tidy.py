"""Tidy long tables of ratings and results: one observation per row, ready for pandas or a spreadsheet.

``rubric export`` writes them (:mod:`rubric.tabular` as CSV, JSON lines or
XLSX) and :meth:`rubric.results.Evaluation.to_frame` hands the results to
pandas.  An evaluation is taken as it comes (duck-typed): this module sits
beside :mod:`rubric.results`, which calls it, and so cannot import it.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

import attrs

from rubric.components import clean_number
from rubric.model import Proposal, Rubric
from rubric.tree import preorder

__all__ = [
    "ALL_RESULT_COLUMNS", "GAP_COLUMNS", "RATING_COLUMNS", "RESULT_COLUMNS", "LongTable", "ratings_table", "results_table",
]

RATING_COLUMNS = (
    "proposal", "rubric", "criterion", "rater", "score", "low", "high", "confidence", "rationale", "sources", "file",
)
#: The ratings table's columns where some rating is a gap (``unknown`` or ``not-applicable``, with no score).
GAP_COLUMNS = (*RATING_COLUMNS[:5], "gap", *RATING_COLUMNS[5:])
RESULT_COLUMNS = ("proposal", "rubric", "rubric_version", "scheme", "method", "node", "score", "rank", "tied")
#: Every column a results table may have, in order; those beyond :data:`RESULT_COLUMNS` appear only where some
#: record has them (a nested tree, points or percentages, grades, red lines, gaps, proposals not scored).
ALL_RESULT_COLUMNS = (
    "proposal", "rubric", "rubric_version", "scheme", "method", "node", "depth", "parent", "score", "present", "shown",
    "max_points", "grade", "rank", "tied", "red_lines", "assessed", "applicable", "coverage", "reason",
)
#: A node of the results table that is the total, not a group of the value tree.
TOTAL = "total"


@attrs.frozen
class LongTable:
    """A named table of records sharing ``columns``; ``number_formats`` say how a spreadsheet shows numbers."""

    name: str
    columns: tuple[str, ...]
    records: tuple[dict[str, Any], ...]
    number_formats: dict[str, str] = attrs.field(factory=dict)


def ratings_table(rubrics: Sequence[Rubric], proposals: Iterable[Proposal]) -> LongTable:
    """Every rating of every proposal under the rubrics, in rubric and criterion order.

    ``sources`` joins the cited ids with ``"; "``; ``file`` is where the
    rating was written: an assessment file, else the proposal's own.  Where
    some rating is a gap, a ``gap`` column says which kind (its score is empty).
    """
    proposals = tuple(proposals)
    records = []
    for rubric in rubrics:
        for proposal in proposals:
            by_criterion = proposal.assessments.get(rubric.id)
            if not by_criterion:
                continue
            for criterion in rubric.criteria:
                for rating in by_criterion.get(criterion.id, ()):
                    records.append({
                        "proposal": proposal.id,
                        "rubric": rubric.id,
                        "criterion": criterion.id,
                        "rater": rating.rater,
                        "score": clean_number(rating.score),
                        "gap": rating.gap or None,
                        "low": clean_number(rating.low),
                        "high": clean_number(rating.high),
                        "confidence": rating.confidence,
                        "rationale": rating.rationale.strip(),
                        "sources": "; ".join(rating.sources),
                        "file": str(rating.origin or proposal.path or ""),
                    })
    columns = GAP_COLUMNS if any(r["gap"] for r in records) else RATING_COLUMNS
    formats = {"score": "0.0##", "low": "0.0##", "high": "0.0##"}
    return LongTable("ratings", columns, tuple(records), formats)


def results_table(evaluations: Iterable[Any]) -> LongTable:
    """Every scheme's total and sub-scores at every node per proposal, with the total's rank.

    ``node`` is ``"total"`` or a group id (in a nested tree with its
    ``depth`` and ``parent``; the total is depth 0).  Each row has the
    fields :meth:`~rubric.results.Evaluation.score_records` gives its score
    (``present``, ``shown``, ``max_points``, ``grade``); ``rank``, ``tied``,
    ``red_lines`` and coverage (``assessed`` of ``applicable`` criteria, and
    their ratio) belong to the total.  A proposal the rubric does not apply
    to, or does not score (``reason`` says why), has one row with no score.
    """
    records: list[dict[str, Any]] = []
    for evaluation in evaluations:
        records += evaluation_rows(evaluation)
    present = {key for record in records for key in record}
    columns = tuple(c for c in ALL_RESULT_COLUMNS if c in RESULT_COLUMNS or c in present)
    return LongTable("results", columns, tuple(records), {"score": "0.000", "rank": "0", "shown": "0.0##"})


def evaluation_rows(evaluation: Any) -> list[dict[str, Any]]:
    """The results table's rows of one evaluation."""
    rubric = evaluation.rubric
    groups = [(g, evaluation.group_fields(g)) for g in preorder(rubric)]
    top = {"depth": 0, "parent": None} if any(where for _, where in groups) else {}
    gapped = any(v.gap for row in evaluation.values for v in row)
    rows: list[dict[str, Any]] = []
    for result in evaluation.results:
        base = {"rubric": rubric.id, "rubric_version": rubric.version, **result.fields}
        plain = evaluation.plain(result)
        scores = result.scores or result.totals
        for i, proposal in enumerate(evaluation.proposals):
            ranked = evaluation.rank_fields(result, i)
            rows.append({
                "proposal": proposal.id, **base, "node": TOTAL, **top, "score": clean_number(scores[i]),
                **evaluation.shown_fields(result, None, i, plain), **evaluation.grade_field(result, None, i),
                "rank": ranked.pop("value"), "tied": bool(result.ranks[i].tied), **ranked,
                **(coverage_fields(evaluation.coverage(i)) if gapped else {}),
            })
            rows += [
                {"proposal": proposal.id, **base, "node": g.id, **where, "score": clean_number(result.groups[g.id][i]),
                 **evaluation.shown_fields(result, g.id, i, plain), **evaluation.grade_field(result, g.id, i),
                 "rank": None, "tied": None}
                for g, where in groups
            ]
        empty = {**base, "node": TOTAL, **top, "score": None, "rank": None, "tied": None}
        rows += [{"proposal": p.id, **empty} for p in evaluation.not_applicable]
        rows += [{"proposal": u.proposal.id, **empty, "reason": u.reason} for u in evaluation.unscored]
    return rows


def coverage_fields(coverage: tuple[int, int]) -> dict[str, Any]:
    """A proposal's coverage as fields: criteria assessed, criteria that apply, and the share assessed."""
    assessed, applicable = coverage
    return {"assessed": assessed, "applicable": applicable,
            "coverage": clean_number(assessed / applicable) if applicable else None}
