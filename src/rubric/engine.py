"""The engine: proposals × criteria → values → weights → scores, sub-scores, ranks.

Its steps are public functions, so an analysis reuses exactly the engine's
arithmetic and checks: :func:`value_matrix` (criterion kinds → checked
values), :func:`~rubric.weights.derive_weights` (weighting methods → flat
weights), :func:`aggregate` (an aggregation method → checked scores) and
:func:`rank`.  :func:`evaluate` runs them once per rubric: the value matrix
is built once and every scheme is evaluated from it.  Every call into a
plugin goes through :meth:`~rubric.registry.Registry.call`, so an exception,
a wrong type, NaN/infinity or a value off the scale becomes a
:class:`~rubric.errors.PluginError` naming the plugin, the criterion (or
scheme) and the proposal — never a traceback, never a silently wrong ranking.
"""

from __future__ import annotations

import math
from typing import Iterable, Mapping, Optional, Sequence

import attrs

from rubric.comparison import Comparison
from rubric.components import CriterionValue
from rubric.discovery import create_registry
from rubric.errors import InputError, Problem
from rubric.loading import applies, collector_paused
from rubric.missing import Gaps
from rubric.model import Criterion, Proposal, Rubric, Scheme
from rubric.ranks import Rank
from rubric.redlines import capped, excludes, flags, red_line_hits
from rubric.registry import Registry
from rubric.results import Evaluation, SchemeResult
from rubric.tree import hierarchical, node_method, node_weights, presentation, published, shown, tree_problems
from rubric.values import value_matrix
from rubric.weights import WeightError, derive_weights, flatten_weights, total_points

__all__ = [
    "TIE_TOLERANCE",
    "WeightError",
    "aggregate",
    "check_aggregation",
    "compare",
    "derive_weights",
    "evaluate",
    "flatten_weights",
    "flat_group_scores",
    "incomparable",
    "rank",
    "rank_red_lined",
    "score_tree",
    "value_matrix",
]

#: Scores closer than this (relative) count as a tie: float noise must not rank.
TIE_TOLERANCE = 1e-9


def call_method(registry: Registry, rubric: Rubric, scheme: Scheme, function, doing: str, matrix, weights, criteria):
    """One of a scheme's method's functions called on a matrix through :meth:`Registry.call`, with its parameters."""
    method = registry.aggregation_method(scheme.aggregation.name)
    return registry.call(
        "aggregation method",
        method,
        doing,
        function,
        matrix,
        list(weights),
        scale=rubric.scale,
        criteria=rubric.criteria if criteria is None else criteria,
        **{**method.params, **scheme.aggregation.params},
    )


def aggregate(
    registry: Registry,
    rubric: Rubric,
    scheme: Scheme,
    matrix: Sequence[Sequence[float]],
    weights: Sequence[float],
    *,
    criteria: Optional[Sequence[Criterion]] = None,
    proposals: Sequence[Proposal] = (),
    primary: bool = False,
) -> list[float]:
    """Scores of the matrix's rows under a scheme's aggregation method, checked.

    The method gets its declared defaults overridden by the scheme's
    parameters, the rubric's scale and ``criteria``, the criteria of the
    matrix's columns (default: all of the rubric's, for a full matrix; a
    group's, for its sub-score).  ``weights`` align with the columns and sum to
    1.  A failure, or anything but one finite number per row, is a
    :class:`~rubric.errors.PluginError` naming the plugin, the scheme and
    (from ``proposals``, aligned with the rows) the proposal.  With
    ``primary``, the method's :attr:`~rubric.components.AggregationMethod.primary`
    values where it declares them: the scores without a tie-break.
    """
    method = registry.aggregation_method(scheme.aggregation.name)
    function = method.primary if primary and method.primary else method.aggregate
    returned = call_method(registry, rubric, scheme, function, f"aggregating scheme {scheme.id!r}", matrix, weights, criteria)
    try:
        scores = [float(s) for s in returned]
    except (TypeError, ValueError):
        scores = []
    if len(scores) != len(matrix) or not all(math.isfinite(s) for s in scores):
        bad = next((p.id for p, s in zip(proposals, scores) if not math.isfinite(s)), None)
        found = f"a non-finite score for proposal {bad!r}" if bad else f"not {len(matrix)} numbers"
        raise registry.plugin_error(
            "aggregation method",
            method.name,
            f"aggregation method {method.name!r} returned {found} under scheme {scheme.id!r}",
            proposal=bad or "",
        )
    return scores


def rank(scores: Sequence[float], ids: Sequence[str]) -> list[Rank]:
    """Competition ranks (1, 2, 2, 4), higher score first; tied scores share a rank.

    Ties are decided by :data:`TIE_TOLERANCE`, so float noise never separates
    proposals that an exact computation would tie.
    """
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], ids[i]))
    ranks = [0] * len(scores)
    tied = [False] * len(scores)
    for position, index in enumerate(order):
        if position and _close(scores[order[position - 1]], scores[index]):
            previous = order[position - 1]
            ranks[index] = ranks[previous]
            tied[index] = tied[previous] = True
        else:
            ranks[index] = position + 1
    return [Rank(r, tied=t) for r, t in zip(ranks, tied)]


def incomparable(
    registry: Registry, rubric: Rubric, scheme: Scheme, matrix, weights: Sequence[float], criteria=None
) -> tuple[tuple[int, int], ...]:
    """The pairs of rows (i < j) a partial-order method leaves incomparable, checked; () for any other method.

    Called like :func:`aggregate`; anything but pairs of distinct row
    indices is a :class:`~rubric.errors.PluginError` naming the plugin and scheme.
    """
    method = registry.aggregation_method(scheme.aggregation.name)
    if method.incomparable is None or not matrix:
        return ()
    doing = f"finding the incomparable pairs of scheme {scheme.id!r}"
    returned = call_method(registry, rubric, scheme, method.incomparable, doing, matrix, weights, criteria)
    n = len(matrix)
    try:
        pairs = {tuple(sorted((int(i), int(j)))) for i, j in returned}
    except (TypeError, ValueError):
        pairs = {(-1, -1)}
    if any(not 0 <= i < j < n for i, j in pairs):
        raise registry.plugin_error(
            "aggregation method",
            method.name,
            f"aggregation method {method.name!r} returned incomparable pairs that are not pairs of distinct rows "
            f"0…{n - 1} under scheme {scheme.id!r}",
        )
    return tuple(sorted(pairs))  # type: ignore[arg-type]


def rank_red_lined(scores: Sequence[float], ids: Sequence[str], hits: Sequence[Sequence]) -> list[Rank]:
    """:func:`rank` among the proposals no red line excludes; each excluded one is placed below them all.

    An excluded proposal's rank is one past the last ranked one, so every
    analysis that compares ranks reads it as below them (it is shown as
    ``excluded``); a proposal a red line flags or caps keeps its rank, marked.
    """
    if not any(hits):  # no red line crossed (or none drawn): plain ranks, without a second pass
        return rank(scores, ids)
    keep = [i for i, found in enumerate(hits) if not excludes(found)]
    ranked = rank([scores[i] for i in keep], [ids[i] for i in keep])
    out = [Rank(len(keep) + 1, red_line="exclude") for _ in scores]
    for i, r in zip(keep, ranked):
        out[i] = Rank(int(r), tied=r.tied, red_line="flag" if flags(hits[i]) else "")
    return out


def flat_group_scores(
    registry: Registry, rubric: Rubric, scheme: Scheme, groups: Sequence[tuple], weights: Sequence[float], proposals
) -> dict[str, tuple[Optional[float], ...]]:
    """Each group's sub-score in a flat evaluation: the scheme's method over the criteria below it.

    ``groups`` are ``(id, column indices, sub-matrix, criteria)``; a group's
    weights are its criteria's flat weights renormalised; a group of weight
    zero has no sub-score.
    """
    sub_scores: dict[str, tuple[Optional[float], ...]] = {}
    for group_id, indices, sub, group_criteria in groups:
        share = sum(weights[i] for i in indices)
        if share <= 0 or not proposals:
            sub_scores[group_id] = tuple(None for _ in proposals)
            continue
        sub_weights = [weights[i] / share for i in indices]
        # A sub-score is never ranked: the method's primary value, without a tie-break.
        sub_scores[group_id] = tuple(
            aggregate(registry, rubric, scheme, sub, sub_weights, criteria=group_criteria, proposals=proposals, primary=True)
        )
    return sub_scores


def score_tree(
    registry: Registry,
    rubric: Rubric,
    scheme: Scheme,
    matrix: Sequence[Sequence[float]],
    weights: Mapping[str, float],
    proposals: Sequence[Proposal],
) -> tuple[list[float], list[float], dict[str, tuple[Optional[float], ...]]]:
    """Totals, shown scores and every group's score, evaluated bottom-up through the tree.

    Each group aggregates its children (criteria's values, sub-groups'
    scores) with its own method (:func:`rubric.tree.node_method`) and the
    children's sibling-normalised weights (each child's effective weight over
    the group's); the root does the same over the top-level groups.  A
    sub-group passes up its primary value (no tie-break: it is a value, not a
    rank).  A group of weight zero shows no score and passes up the equally
    weighted aggregate of its children, which its parent gives weight zero.
    """
    if not proposals:
        return [], [], {g.id: () for g in rubric.groups}
    nodes = node_weights(rubric, weights)
    found: dict[str, list[float]] = {c.id: [row[j] for row in matrix] for j, c in enumerate(rubric.criteria)}
    criteria = {c.id: c for c in rubric.criteria}
    groups = {g.id: g for g in rubric.groups}

    def node_scores(node: Optional[str], primary: bool) -> list[float]:
        children = rubric.children(node)
        for child in children:
            if child not in found:
                found[child] = node_scores(child, True)
        share = nodes[node] if node is not None else 1.0
        child_weights = [nodes[c] / share for c in children] if share > 0 else [1 / len(children)] * len(children)
        columns = [found[c] for c in children]
        sub = [list(row) for row in zip(*columns)]
        as_criteria = [criteria.get(c) or Criterion(c, groups[c].parent or "", groups[c].title) for c in children]
        method = attrs.evolve(scheme, aggregation=node_method(scheme, node))
        tie_broken = primary and registry.aggregation_method(method.aggregation.name).primary is not None
        return aggregate(
            registry, rubric, method, sub, child_weights, criteria=as_criteria, proposals=proposals, primary=tie_broken
        )

    totals = node_scores(None, False)
    root = registry.aggregation_method(scheme.aggregation.name)
    scores = node_scores(None, True) if root.primary else totals
    sub_scores: dict[str, tuple[Optional[float], ...]] = {
        g: tuple(found[g]) if nodes[g] > 0 else tuple(None for _ in proposals) for g in groups
    }
    return totals, scores, sub_scores


def top_level_incomparable(
    registry: Registry, rubric: Rubric, scheme: Scheme, weights: Mapping[str, float], sub_scores: Mapping, proposals
) -> tuple[tuple[int, int], ...]:
    """In a tree, the incomparable pairs of the root's method over the top-level nodes' scores (the totals' inputs)."""
    children = rubric.children(None)
    nodes = node_weights(rubric, weights)
    columns = [sub_scores[c] if c in sub_scores else None for c in children]
    if not proposals or any(column is None or None in column for column in columns):
        return ()  # a top-level criterion or a group of weight zero: no partial order to carry beyond the scores
    criteria = [Criterion(c, "", c) for c in children]
    sub = [list(row) for row in zip(*columns)]
    root = attrs.evolve(scheme, aggregation=node_method(scheme, None))
    return incomparable(registry, rubric, root, sub, [nodes[c] for c in children], criteria)


def ranked_on(rubric: Rubric, scheme: Scheme, totals: Sequence[float]) -> list[float]:
    """What ranks are computed on: the totals, or with a ``precision`` the totals as published (rounded).

    Published indices rank on the rounded figures, so two totals that show
    the same share a rank, as in the publication.
    """
    if rubric.precision is None:
        return list(totals)
    mode = presentation(scheme.present or rubric.present, 0)
    most = total_points(rubric, scheme)
    return [published(shown(t, mode, rubric.scale, most), rubric.precision) or 0.0 for t in totals]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TIE_TOLERANCE * max(1.0, abs(a), abs(b))


def evaluate(
    rubric: Rubric,
    proposals: Iterable[Proposal],
    *,
    schemes: Optional[Sequence[str]] = None,
    methods: Sequence[str] = (),
    registry: Optional[Registry] = None,
    strict: bool = True,
) -> Evaluation:
    """Score proposals under a rubric's schemes.

    :param schemes: ids of the schemes to use (default: all, in rubric order).
    :param methods: aggregation methods to run every chosen scheme under as
        well, as extra columns named ``scheme/method``; a crossing identical to
        a column already there (same weights, same method and parameters) is
        left out.
    :param registry: from :func:`rubric.create_registry`; default: built-ins,
        entry points and the rubric's plugin files.  The evaluation keeps it,
        so the analyses run on it use the same plugins.
    :param strict: raise an :class:`~rubric.errors.InputError` for an unknown
        value under the rule ``missing = "error"``; with ``strict=False`` (what
        ``rubric score`` and ``compare`` do) that proposal is listed in
        :attr:`~rubric.results.Evaluation.unscored` with the reason, and every
        other proposal scored.  Gaps under the other rules are filled either
        way (:mod:`rubric.missing`).
    """
    with collector_paused():
        return _evaluate(rubric, proposals, schemes, methods, registry or create_registry(rubric.plugins), strict)


def check_aggregation(rubric: Rubric, schemes: Sequence[Scheme], registry: Registry) -> None:
    """Refuse aggregation parameters the method would refuse, naming the scheme and key.

    The loader reports these for schemes read from files; this catches a
    scheme built in Python before its method fails on it mid-evaluation.
    """
    problems = []
    for scheme in schemes:
        where = f"schemes.{scheme.id}.aggregation"
        method = scheme.aggregation
        for key, message in registry.param_problems("aggregation method", method.name, method.params, rubric):
            problems.append(Problem(scheme.path or rubric.path, f"{where}.{key}" if key else where, message))
        for group, choice in scheme.by_group.items():
            for key, message in registry.param_problems("aggregation method", choice.name, choice.params, rubric):
                at = f"{where}.by_group.{group}"
                problems.append(Problem(scheme.path or rubric.path, f"{at}.{key}" if key else at, message))
        for key, message in tree_problems(rubric, scheme, registry):
            problems.append(Problem(scheme.path or rubric.path, f"{where}.{key}", message))
    if problems:
        raise InputError(problems)


def _evaluate(
    rubric: Rubric,
    proposals: Iterable[Proposal],
    schemes: Optional[Sequence[str]],
    methods: Sequence[str],
    registry: Registry,
    strict: bool,
) -> Evaluation:
    proposals = sorted(proposals, key=lambda p: p.id)
    applicable: list[Proposal] = []
    not_applicable: list[Proposal] = []
    for proposal in proposals:
        (applicable if applies(rubric, proposal, registry) else not_applicable).append(proposal)
    chosen = [rubric.scheme(s) for s in schemes] if schemes else list(rubric.schemes)
    crossings = [s.with_aggregation(m) for s in chosen for m in methods if m != s.aggregation.name]
    check_aggregation(rubric, chosen + crossings, registry)
    gaps = Gaps(rubric, chosen + crossings, applicable, value_matrix(rubric, applicable, registry, gaps=not strict))
    applicable = gaps.proposals
    ids = [p.id for p in applicable]
    results = []
    columns_seen = set()
    seen_values: Optional[tuple] = None
    for scheme in chosen + crossings:
        derived = derive_weights(rubric, scheme, registry)
        weights = [derived.weights[c.id] for c in rubric.criteria]
        method = registry.aggregation_method(scheme.aggregation.name)
        params = sorted({**method.params, **scheme.aggregation.params}.items())
        column = (method.name, repr(params), tuple(round(w, 12) for w in weights))
        if column in columns_seen and scheme in crossings:
            continue  # a crossing identical to a column already there (e.g. balanced/maximin = worst-case)
        columns_seen.add(column)
        values = gaps.fill(scheme, weights)
        if values is not seen_values:
            seen_values, (matrix, groups) = values, _columns(rubric, values)
        if hierarchical(scheme):
            totals, scores, sub_scores = score_tree(registry, rubric, scheme, matrix, derived.weights, applicable)
            unordered = top_level_incomparable(registry, rubric, scheme, derived.weights, sub_scores, applicable)
        else:
            unordered = incomparable(registry, rubric, scheme, matrix, weights)
            totals = aggregate(registry, rubric, scheme, matrix, weights, proposals=applicable) if applicable else []
            scores = totals
            if applicable and method.primary:
                scores = aggregate(registry, rubric, scheme, matrix, weights, proposals=applicable, primary=True)
            sub_scores = flat_group_scores(registry, rubric, scheme, groups, weights, applicable)
        # Red lines, in this one place: after every score is known, before ranking.
        hits = red_line_hits(rubric, scheme, values, sub_scores)
        if any(hits):
            totals, scores = capped(totals, hits), capped(scores, hits)
        results.append(
            SchemeResult(
                scheme=scheme,
                weights=derived.weights,
                details=derived.details,
                totals=tuple(totals),
                scores=tuple(scores),
                groups=sub_scores,
                ranks=tuple(rank_red_lined(ranked_on(rubric, scheme, totals), ids, hits)),
                red_lines=hits if any(hits) else (),
                incomparable=unordered,
            )
        )
    return Evaluation(
        rubric=rubric,
        proposals=tuple(applicable),
        not_applicable=tuple(not_applicable),
        values=gaps.values or (),
        results=tuple(results),
        registry=registry,
        unscored=gaps.unscored,
    )


def _columns(rubric: Rubric, values: Sequence[Sequence[CriterionValue]]) -> tuple[list, list]:
    """The score matrix and every group's columns, built once per distinct set of values."""
    matrix = [[v.score for v in row] for row in values]
    columns = list(zip(*matrix)) or [()] * len(rubric.criteria)
    groups = []
    for group in rubric.groups:
        indices = rubric.columns_under(group.id)
        sub = [list(row) for row in zip(*(columns[i] for i in indices))]
        groups.append((group.id, indices, sub, tuple(rubric.criteria[i] for i in indices)))
    return matrix, groups


def compare(evaluation: Evaluation, *, top: int = 3) -> Comparison:
    """Rank agreement and robust conclusions across an evaluation's schemes."""
    return evaluation.compare(top=top)
