"""The rules and checks of a rubric as report data: red lines, grades, classes, coverage, changes since a baseline.

One adapter each, every one returning plain data (or ``None`` where the
rubric or the run has no such thing, so the report leaves that part out).
The texts they pass on (hit descriptions, rules, reasons) are shown through
the page's escaping like every other text.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

from rubric.results import Evaluation

__all__ = ["baseline_changes", "classes", "coverage", "gaia_planes", "gaps", "grades", "rank_marks", "red_line_lines",
           "red_lines", "rule_shares"]


def red_lines(evaluation: Evaluation, scheme_index: int) -> Optional[list]:
    """Per proposal, the red lines it crosses under a scheme, each described; ``None``: no proposal crosses one."""
    result = evaluation.results[scheme_index]
    if not any(result.red_lines or ()):
        return None
    return [[hit.describe() for hit in result.hits(i)] for i in range(len(evaluation.proposals))]


def rank_marks(evaluation: Evaluation, scheme_index: int) -> list:
    """Each rank as the tables show it: ``3``, ``3=``, ``3!`` (flagged by a red line) or ``excluded``."""
    return [str(rank) for rank in evaluation.results[scheme_index].ranks]


def grades(evaluation: Evaluation, scheme_index: int) -> Optional[list]:
    """Per proposal, its grade on the total under a scheme; ``None``: the rubric has no grade bands."""
    if evaluation.rubric.grades is None:
        return None
    result = evaluation.results[scheme_index]
    return [evaluation.grade(result, None, i) for i in range(len(evaluation.proposals))]


def classes(evaluation: Evaluation, scheme_index: int) -> tuple:
    """Per proposal, its class under a scheme that names a sorting method (``low … high``), and the classes best first.

    ``(None, [])`` where the scheme names no sorting method.
    """
    from rubric.assignments import sort

    result = evaluation.results[scheme_index]
    if result.scheme.sorting is None:
        return None, []
    sorting = sort(evaluation, [result.scheme.id]).schemes[0]
    return [sorting.label(a) for a in sorting.assignments], list(sorting.classes[::-1])


def red_line_lines(schemes: list, proposals: list) -> list:
    """``(proposal, hit, [scheme ids])``: each red line a proposal crosses once, with every scheme it crosses it under."""
    found: dict = {}
    for s in schemes:
        for i, hits in enumerate(s["red_lines"] or ()):
            for hit in hits:
                found.setdefault((proposals[i]["id"], hit), []).append(s["id"])
    return [(pid, hit, ids) for (pid, hit), ids in found.items()]


def coverage(evaluation: Evaluation) -> Optional[dict]:
    """Each proposal's (assessed, applicable) criteria and the legend; ``None``: no gap and nothing unscored."""
    notes = list(evaluation.gap_notes())
    if not notes:
        return None
    return {
        "cells": [list(evaluation.coverage(i)) for i in range(len(evaluation.proposals))],
        "labels": [evaluation.label(i) for i in range(len(evaluation.proposals))],
        "notes": notes,
        "unscored": [{"id": u.proposal.id, "reason": u.reason} for u in evaluation.unscored],
    }


def gaps(evaluation: Evaluation, index: int) -> list:
    """Proposal ``index``'s gaps: the criterion, the kind of gap, the rule that filled it and the value it gave."""
    row = evaluation.values[index]
    return [
        {"criterion": c.title, "gap": v.gap, "rule": v.rule, "score": v.score}
        for c, v in zip(evaluation.rubric.criteria, row)
        if v.gap
    ]


def rule_shares(acceptability: Any) -> Optional[dict]:
    """SMAA's grade acceptability (per proposal, a share per grade) and red-line shares; ``None``: neither."""
    rules = getattr(acceptability, "rules", None)
    if rules is None or not (rules.grades or rules.red_lines):
        return None
    return {
        "labels": list(rules.labels),
        "grades": [list(shares) for shares in rules.grades],
        "red_lines": list(rules.red_lines) if rules.red_lines else None,
    }


def baseline_changes(evaluation: Evaluation, baseline: Optional[Mapping], label: str = "the baseline",
                     inputs: Optional[Mapping[str, str]] = None) -> Optional[dict]:
    """What changed since a baseline run (``compare --format json`` or ``snapshot``); ``None``: no baseline given.

    One table per scheme (only the proposals whose score, rank or presence changed), the input files
    changed, and one headline sentence.
    """
    if baseline is None:
        return None
    from rubric.analysis.baseline import Changes

    tables = Changes([evaluation], baseline, inputs, label=label).tables()
    shown, moved = [], set()
    for table in tables:
        rows = [list(row) for row in table.rows]
        if table.name == "changes":  # Proposal, Score before, Score, Change, Rank before, Rank, Moved, Status
            rows = [row for row in rows if row[7] or row[6] not in ("", "0") or abs(row[3] or 0) > 1e-12]
            moved |= {row[0] for row in rows if row[7] or row[6] not in ("", "0")}
        shown.append({"title": table.title, "headers": list(table.headers), "rows": rows, "notes": list(table.notes)})
    sentence = (f"Since {label}: {len(moved)} proposal{'s' * (len(moved) != 1)} changed rank or came or went"
                + (f" ({', '.join(sorted(moved))})." if moved else "."))
    return {"label": label, "sentence": sentence, "tables": shown}



#: The outranking methods whose schemes get a GAIA plane (PROMETHEE's unicriterion net flows).
GAIA_METHODS = ("promethee-ii", "promethee-i")


def gaia_planes(evaluation: Evaluation) -> Optional[list]:
    """The GAIA plane of every PROMETHEE scheme (its points, criteria axes, decision stick and δ); ``None``: none."""
    from rubric.analysis.geometry import gaia

    titles = {c.id: c.title for c in evaluation.rubric.criteria}
    planes = []
    for result in evaluation.results:
        if result.scheme.aggregation.name in GAIA_METHODS and len(evaluation.proposals) > 2:
            plane = gaia(evaluation, result.scheme.id)
            planes.append({"scheme": result.scheme.id, "proposals": list(plane.proposals),
                           "points": [list(p) for p in plane.points], "criteria": [titles[c] for c in plane.criteria],
                           "axes": [list(a) for a in plane.axes], "stick": list(plane.stick), "delta": plane.delta})
    return planes or None
