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

__all__ = ["RATING_COLUMNS", "RESULT_COLUMNS", "LongTable", "ratings_table", "results_table"]

RATING_COLUMNS = (
    "proposal", "rubric", "criterion", "rater", "score", "low", "high", "confidence", "rationale", "sources", "file",
)
RESULT_COLUMNS = ("proposal", "rubric", "rubric_version", "scheme", "method", "node", "score", "rank", "tied")
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
    rating was written: an assessment file, else the proposal's own.
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
                        "low": clean_number(rating.low),
                        "high": clean_number(rating.high),
                        "confidence": rating.confidence,
                        "rationale": rating.rationale.strip(),
                        "sources": "; ".join(rating.sources),
                        "file": str(rating.origin or proposal.path or ""),
                    })
    formats = {"score": "0.0##", "low": "0.0##", "high": "0.0##"}
    return LongTable("ratings", RATING_COLUMNS, tuple(records), formats)


def results_table(evaluations: Iterable[Any]) -> LongTable:
    """Every scheme's total and group scores per proposal, with the total's rank.

    ``node`` is ``"total"`` or a group id; ``rank`` and ``tied`` belong to the
    total.  A proposal the rubric does not apply to has one row with no score.
    """
    records: list[dict[str, Any]] = []
    for evaluation in evaluations:
        rubric = evaluation.rubric
        for result in evaluation.results:
            base = {"rubric": rubric.id, "rubric_version": rubric.version, **result.fields}
            scores = result.scores or result.totals
            for i, proposal in enumerate(evaluation.proposals):
                rank = result.ranks[i]
                records.append({
                    "proposal": proposal.id, **base, "node": TOTAL, "score": clean_number(scores[i]),
                    "rank": int(rank), "tied": bool(rank.tied),
                })
                records += [
                    {"proposal": proposal.id, **base, "node": node, "score": clean_number(values[i]), "rank": None, "tied": None}
                    for node, values in result.groups.items()
                ]
            records += [
                {"proposal": p.id, **base, "node": TOTAL, "score": None, "rank": None, "tied": None}
                for p in evaluation.not_applicable
            ]
    return LongTable("results", RESULT_COLUMNS, tuple(records), {"score": "0.000", "rank": "0"})

