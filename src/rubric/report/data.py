"""An evaluation laid out as one plain structure: what every document and the page's script read.

:func:`report_data` gives dictionaries, lists, strings and numbers only (it
goes through ``json.dumps`` as it is): the rubric's tree, the proposals, the
value matrix, every scheme's flat and local weights and results, the
comparison, one card per proposal and, from :func:`analyses`, SMAA, weight
stability and rater agreement.  :func:`live_data` is the part the page's
what-if script needs, so that the cards are not embedded twice.
"""

from __future__ import annotations

import itertools
import os
from typing import Any, Optional, Sequence

from rubric.errors import RubricError, did_you_mean
from rubric.explain import Explanation
from rubric.redlines import lines_for
from rubric.report import features
from rubric.results import Evaluation, SchemeResult
from rubric.tree import hierarchical, node_weights

__all__ = ["AxesError", "analyses", "live_data", "report_data", "safe_url"]

#: URL schemes a source may link to; any other (``javascript:``, ``data:``) is shown as text.
LINKED_SCHEMES = ("http://", "https://")


class AxesError(RubricError, ValueError):
    """``axes`` names something that is not a group of the rubric."""


def safe_url(url: str) -> Optional[str]:
    """``url`` if it is an http(s) address, else ``None`` (the report then shows it as text, unlinked)."""
    text = url.strip()
    return text if text.lower().startswith(LINKED_SCHEMES) and " " not in text else None


def live(evaluation: Evaluation, result: SchemeResult) -> bool:
    """Whether the page can recompute a scheme from its weights: a linear method, flat, unrounded.

    And nothing the page does not redo: no gap (a missing rule may fill it per scheme, or reweight
    around it), no group's red line that excludes or caps (whether it is crossed depends on the
    weights; a criterion's does not, and the page applies it from :func:`rules`).
    """
    method = evaluation.registry.aggregation_method(result.scheme.aggregation.name)
    groups = {g.id for g in evaluation.rubric.groups}
    rules = any(line.effect != "flag" and line.node in groups for line in lines_for(evaluation.rubric, result.scheme))
    gaps = any(v.gap for row in evaluation.values for v in row)
    return (bool(method.linear) and not hierarchical(result.scheme) and evaluation.rubric.precision is None
            and not rules and not gaps)


def rules(evaluation: Evaluation, result: SchemeResult) -> list:
    """Per proposal, what its criteria's red lines do whatever the weights: ``{"exclude": bool, "cap": float | None}``."""
    groups = {g.id for g in evaluation.rubric.groups}
    found = []
    for i in range(len(evaluation.proposals)):
        hits = [h for h in result.hits(i) if h.line.node not in groups]
        caps = [h.line.cap for h in hits if h.line.effect == "cap" and h.line.cap is not None]
        found.append({"exclude": any(h.line.effect == "exclude" for h in hits), "cap": min(caps) if caps else None})
    return found


def local_weights(evaluation: Evaluation, result: SchemeResult) -> dict:
    """Every node's weight among its siblings (they sum to 1): where the page's sliders start."""
    rubric = evaluation.rubric
    nodes = node_weights(rubric, result.weights)
    parents = {g.id: g.parent for g in rubric.groups} | {c.id: c.group for c in rubric.criteria}
    found = {}
    for node, parent in parents.items():
        share = 1.0 if parent is None else nodes[parent]
        siblings = len(rubric.children(parent))
        found[node] = nodes[node] / share if share > 0 else 1.0 / siblings
    return found


def plane_axes(evaluation: Evaluation, axes: Optional[Sequence[str]]) -> Optional[list]:
    """The plane's two groups: ``axes`` if given, else the first two top-level groups (``None``: fewer than two)."""
    groups = [g.id for g in evaluation.rubric.groups]
    if axes:
        if len(axes) != 2:
            raise AxesError(f"expected two groups, found {len(axes)}: {', '.join(axes)}")
        for axis in axes:
            if axis not in groups:
                raise AxesError(f"rubric {evaluation.rubric.id!r} has no group {axis!r}{did_you_mean(axis, groups)}")
        return list(axes)
    top = [g.id for g in evaluation.rubric.top_groups]
    return top[:2] if len(top) >= 2 else None


def scheme_data(evaluation: Evaluation, index: int) -> dict:
    """One scheme's weights and results, aligned with the proposals."""
    result = evaluation.results[index]
    scheme = result.scheme
    classes, class_labels = features.classes(evaluation, index)
    grade_labels = list(evaluation.rubric.grades.labels) if evaluation.rubric.grades else []
    return {
        "id": scheme.id,
        "title": scheme.title,
        "method": scheme.aggregation.name,
        "live": live(evaluation, result),
        "weights": [result.weights[c.id] for c in evaluation.rubric.criteria],
        "local": local_weights(evaluation, result),
        "scores": list(result.scores),
        "groups": {g: list(s) for g, s in result.groups.items()},
        "ranks": [int(r) for r in result.ranks],
        "tied": [r.tied for r in result.ranks],
        "marks": features.rank_marks(evaluation, index),
        "rules": rules(evaluation, result),
        "red_lines": features.red_lines(evaluation, index),
        "grades": features.grades(evaluation, index),
        "classes": classes,
        "labels": {"grades": grade_labels, "classes": class_labels},
    }


def comparison_data(evaluation: Evaluation, top: int) -> dict:
    """What holds under every scheme, and the rank agreement in one sentence."""
    comparison = evaluation.compare(top=top)
    ids = [r.scheme.id for r in evaluation.results]
    taus = [t for a, b in itertools.combinations(ids, 2) if (t := comparison.tau[(a, b)]) is not None]
    if not taus:
        sentence = "Only one scheme: there is no rank agreement to measure."
    else:
        low = min(taus)
        pair = next((a, b) for a, b in itertools.combinations(ids, 2) if comparison.tau[(a, b)] == low)
        sentence = (
            f"Across {len(ids)} schemes, Kendall's tau-b between rankings ranges from {low:.2f} "
            f"({pair[0]} against {pair[1]}) to {max(taus):.2f}; 1 is the same order, -1 reversed."
        )
    return {
        "top": comparison.top,
        "always_top": comparison.always_top,
        "always_bottom": comparison.always_bottom,
        "stable_rank": comparison.stable_rank,
        "best_worst": {pid: list(bw) for pid, bw in comparison.best_worst.items()},
        "tau": [[comparison.tau[(a, b)] for b in ids] for a in ids],
        "agreement": sentence,
    }


def sources_of(evaluation: Evaluation, proposal) -> dict:
    """Every source a rating may cite (the proposal's, then the rubric's), with a link only for http(s)."""
    found = {}
    for source in (*evaluation.rubric.sources, *proposal.sources):
        found[source.id] = {
            "id": source.id,
            "title": source.title,
            "publisher": source.publisher,
            "url": source.url,
            "link": safe_url(source.url),
            "accessed": str(source.accessed or ""),
        }
    return found


def card_data(evaluation: Evaluation, i: int) -> dict:
    """One proposal's card: what it is, its facts, the explain tables' rows, every rating with its sources."""
    proposal = evaluation.proposals[i]
    explanation = Explanation(evaluation, proposal.id)
    sources = sources_of(evaluation, proposal)
    criteria = explanation.criteria_table()
    ratings = []
    for criterion, value in zip(evaluation.rubric.criteria, evaluation.values[i]):
        for rating in value.raters:
            cited = [sources.get(s, {"id": s, "title": s, "url": "", "link": None}) for s in rating.sources]
            ratings.append({
                "criterion": criterion.title,
                "rater": rating.rater,
                "score": rating.score,
                "low": rating.low,
                "high": rating.high,
                "confidence": rating.confidence or "",
                "rationale": " ".join(rating.rationale.split()),
                "sources": cited,
                "file": shown_path(rating.origin or proposal.path),
            })
        if not value.raters:
            ratings.append({"criterion": criterion.title, "rater": f"computed ({criterion.kind})", "score": value.score,
                            "low": value.low, "high": value.high, "confidence": "", "rationale": value.note, "sources": [],
                            "file": ""})
    return {
        "id": proposal.id,
        "title": proposal.title,
        "summary": " ".join(proposal.summary.split()),
        "about": [[k, str(v)] for k, v in (("sponsor", proposal.sponsor), ("status", proposal.status),
                                            ("date", proposal.date or ""), ("tags", ", ".join(proposal.tags))) if v],
        "facts": [[k, str(v)] for k, v in proposal.facts.items()],
        "criteria": {"headers": list(criteria.headers), "rows": [list(map(cell, row)) for row in criteria.rows],
                     "title": criteria.title},
        "ratings": ratings,
        "sources": list(sources[s.id] for s in proposal.sources),
        "coverage": list(evaluation.coverage(i)),
        "gaps": features.gaps(evaluation, i),
    }


def shown_path(path) -> str:
    """A file as a card names it: relative to the working folder where it lies below it."""
    if path is None:
        return ""
    text = os.path.relpath(path)
    return str(path) if text.startswith("..") else text


def cell(value: Any) -> Any:
    """A table cell as JSON: numbers stay numbers, everything else becomes text."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def report_data(
    evaluation: Evaluation, *, top: int = 3, axes: Optional[Sequence[str]] = None, extra: Optional[dict] = None,
    baseline: Optional[dict] = None,
) -> dict:
    """The whole report of one evaluation as plain data (``extra``: the :func:`analyses`, provenance, …).

    ``baseline``: ``{"data": RUN, "label": …, "inputs": …}`` for the changes since a previous run.
    """
    rubric = evaluation.rubric
    n = len(evaluation.proposals)
    return {
        "rubric": {
            "id": rubric.id,
            "title": rubric.title,
            "version": rubric.version,
            "perspective": rubric.perspective,
            "scale": {"min": rubric.scale.min, "max": rubric.scale.max, "labels": list(rubric.scale.labels)},
            "groups": [{"id": g.id, "title": g.title, "parent": g.parent} for g in rubric.groups],
            "criteria": [{"id": c.id, "title": c.title, "group": c.group} for c in rubric.criteria],
        },
        "proposals": [{"id": p.id, "title": p.title} for p in evaluation.proposals],
        "not_applicable": [p.id for p in evaluation.not_applicable],
        "matrix": [[v.score for v in row] for row in evaluation.values],
        "schemes": [scheme_data(evaluation, k) for k in range(len(evaluation.results))],
        "order": evaluation.order(evaluation.results[0]) if evaluation.results else [],
        "axes": plane_axes(evaluation, axes),
        "comparison": comparison_data(evaluation, top) if n else None,
        "coverage": features.coverage(evaluation),
        "changes": features.baseline_changes(evaluation, *baseline_args(baseline)),
        "gaia": features.gaia_planes(evaluation),
        "cards": [card_data(evaluation, i) for i in range(n)],
        "inputs": evaluation.inputs,
        **(extra or {}),
    }


def baseline_args(baseline: Optional[dict]) -> tuple:
    if baseline is None:
        return (None,)
    return baseline["data"], baseline.get("label", "the baseline"), baseline.get("inputs")


def live_data(data: dict) -> dict:
    """What the page's script reads: the tree, the matrix and the schemes, not the cards."""
    keys = ("rubric", "proposals", "matrix", "schemes", "axes")
    return {key: data[key] for key in keys}


def analyses(evaluation: Evaluation, scheme_id: Optional[str] = None, *, samples: int = 10_000, seed: int = 0) -> dict:
    """SMAA rank acceptability, weight stability and rater disagreement under one scheme (default: the first)."""
    from rubric.analysis.acceptability import smaa
    from rubric.analysis.reliability import agreement
    from rubric.analysis.weight_stability import stability

    if not evaluation.proposals:
        return {"smaa": None, "stability": None, "raters": None}
    acceptability = smaa(evaluation, scheme_id, samples=samples, seed=seed)
    intervals = stability(evaluation, scheme_id)
    raters = agreement(evaluation)
    return {
        "smaa": {
            "scheme": acceptability.scheme_id,
            "samples": acceptability.samples,
            "seed": acceptability.seed,
            "proposals": list(acceptability.proposals),
            "acceptability": [list(row) for row in acceptability.acceptability],
            "rules": features.rule_shares(acceptability),
        },
        "stability": {
            "scheme": intervals.scheme_id,
            "intervals": [
                {"node": w.node, "kind": w.kind, "title": w.title, "weight": w.weight, "ranking": list(w.ranking),
                 "top": list(w.top)}
                for w in intervals.intervals
            ],
        },
        "raters": {
            "cells": [{"proposal": c.proposal, "criterion": c.criterion, "scores": [list(s) for s in c.scores],
                       "merged": c.merged, "flagged": c.flagged} for c in raters.cells if len(c.scores) > 1],
            "alpha": raters.overall.alpha,
        },
    }
