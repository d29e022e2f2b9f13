"""The engine: proposals × criteria → values → weights → scores, sub-scores, ranks.

The value matrix is built once per rubric and every scheme is evaluated from
it.  Every call into a plugin goes through :func:`_call`, so an exception, a
wrong type, NaN/infinity or a value off the scale becomes a
:class:`~rubric.errors.PluginError` naming the plugin, the criterion (or
scheme) and the proposal — never a traceback, never a silently wrong ranking.
"""

from __future__ import annotations

import math
from typing import Iterable, Mapping, Optional, Sequence

from rubric.components import CriterionValue, DerivedWeights, is_real_number
from rubric.errors import PLUGIN_FAILURES, InputError, PluginError, Problem, RubricError
from rubric.model import Proposal, Rubric, Scheme
from rubric.results import Evaluation, Rank, SchemeResult

__all__ = ["WeightError", "compare", "derive_weights", "evaluate", "flatten_weights", "rank"]

#: Scores closer than this (relative) count as a tie: float noise must not rank.
TIE_TOLERANCE = 1e-9


class WeightError(ValueError):
    """Weights that cannot be flattened: negative, all zero, or given for some siblings only."""


def _failure(registry, category: str, component, what: str, exc: Exception) -> PluginError:
    """The error for a plugin function that raised: names the plugin and what it was doing."""
    info = registry.provider(category, component.name)
    return PluginError(
        f"plugin {info.name} ({info.source}) failed in {category} {component.name!r} {what}: "
        f"{type(exc).__name__}: {exc}",
        plugin=info.name,
    )


def _call(registry, category: str, component, what: str, function, *args, **kwargs):
    """Call a plugin's function; turn its failure into an error naming it."""
    try:
        return function(*args, **kwargs)
    except RubricError:
        raise
    except PLUGIN_FAILURES as exc:
        raise _failure(registry, category, component, what, exc) from None


def flatten_weights(rubric: Rubric, local: Mapping[str, float]) -> dict:
    """Effective criterion weights: siblings normalised, multiplied down the tree.

    Where no child of a node has a local weight the children count equally;
    where some do, all must.  The result sums to 1.
    """
    known = {g.id for g in rubric.groups} | {c.id for c in rubric.criteria}
    unknown = sorted(set(local) - known)
    if unknown:
        raise WeightError(f"weights for ids that are not in rubric {rubric.id!r}: {', '.join(unknown)}")
    effective = {}

    def descend(node: Optional[str], share: float) -> None:
        children = rubric.children(node)
        where = f"group {node!r}" if node else "the top level"
        given = [child for child in children if child in local]
        if given and len(given) < len(children):
            missing = [child for child in children if child not in local]
            raise WeightError(
                f"at {where}, weights are given for {', '.join(given)} but not for {', '.join(missing)}; "
                "give a weight to every sibling or to none (then they count equally)"
            )
        values = [local[child] for child in children] if given else [1.0] * len(children)
        for child, value in zip(children, values):
            if not is_real_number(value) or value < 0:
                raise WeightError(f"the weight of {child!r} must be a finite number >= 0, found {value!r}")
        total = sum(values)
        if total <= 0:
            raise WeightError(f"at {where}, the weights of {', '.join(children)} are all zero")
        for child, value in zip(children, values):
            if child in criteria:
                effective[child] = share * value / total
            else:
                descend(child, share * value / total)

    criteria = {c.id for c in rubric.criteria}
    descend(None, 1.0)
    return {c.id: effective.get(c.id, 0.0) for c in rubric.criteria}


def derive_weights(rubric: Rubric, scheme: Scheme, registry) -> DerivedWeights:
    """A scheme's effective criterion weights (flattened), with the method's details."""
    method = registry.weighting_method(scheme.weighting.name)
    params = {**{k: v for k, v in method.params.items() if v is not None}, **scheme.weighting.params}
    derived = _call(
        registry, "weighting method", method, f"deriving scheme {scheme.id!r}", method.derive, rubric, params
    )
    if isinstance(derived, Mapping):
        derived = DerivedWeights(dict(derived))
    if not isinstance(derived, DerivedWeights):
        info = registry.provider("weighting method", method.name)
        raise PluginError(
            f"plugin {info.name} ({info.source}): weighting method {method.name!r} must return DerivedWeights "
            f"or a mapping for scheme {scheme.id!r}, got {type(derived).__name__}",
            plugin=info.name,
        )
    return DerivedWeights(flatten_weights(rubric, derived.weights), derived.details)


def _bad_value(registry, rubric: Rubric, criterion, kind, proposal: Proposal, value: CriterionValue) -> Exception:
    """The error for a criterion value that is not a finite number on the scale."""
    scale = rubric.scale
    for name in ("score", "low", "high"):
        number = getattr(value, name)
        if number is None and name != "score":
            continue
        if not is_real_number(number):
            bad = f"{name} {number!r}, not a finite number"
            break
        if not scale.contains(number):
            bad = f"{name} {number!r}, off the scale {scale.min:g}…{scale.max:g}"
            break
    if kind.assessed:  # the data is wrong, not the plugin
        return InputError([Problem(proposal.path, f"assessments.{rubric.id}.{criterion.id}", f"merged rating has {bad}")])
    info = registry.provider("criterion kind", kind.name)
    return PluginError(
        f"plugin {info.name} ({info.source}): criterion kind {kind.name!r} returned {bad} "
        f"for criterion {criterion.id!r} of proposal {proposal.id!r}",
        plugin=info.name,
        criterion=criterion.id,
        proposal=proposal.id,
    )


def value_matrix(rubric: Rubric, proposals: Sequence[Proposal], registry) -> list:
    """proposals × criteria :class:`CriterionValue` objects, each checked.

    This loop runs once per proposal and criterion, so the checks are inlined
    and error messages are only built when something is wrong.
    """
    criteria = [(c, registry.criterion_kind(c.kind)) for c in rubric.criteria]
    slack = 1e-9 * (rubric.scale.max - rubric.scale.min)
    lowest, highest = rubric.scale.min - slack, rubric.scale.max + slack

    def on_scale(number) -> bool:
        return number is None or (is_real_number(number) and lowest <= number <= highest)

    rows = []
    for proposal in proposals:
        assessed = proposal.assessments.get(rubric.id, {})
        row = []
        for criterion, kind in criteria:
            if kind.assessed and criterion.id not in assessed:
                raise InputError(
                    [
                        Problem(
                            proposal.path,
                            f"assessments.{rubric.id}",
                            f"missing an assessment of criterion {criterion.id!r}, which rubric {rubric.id!r} needs",
                        )
                    ]
                )
            try:
                value = kind.score(criterion, proposal, rubric)
            except RubricError:
                raise
            except PLUGIN_FAILURES as exc:
                what = f"scoring criterion {criterion.id!r} of proposal {proposal.id!r}"
                raise _failure(registry, "criterion kind", kind, what, exc) from None
            if not isinstance(value, CriterionValue):
                value = CriterionValue(value)
            if value.score is None or not (on_scale(value.score) and on_scale(value.low) and on_scale(value.high)):
                raise _bad_value(registry, rubric, criterion, kind, proposal, value)
            row.append(value)
        rows.append(row)
    return rows


def value_problems(rubric: Rubric, proposals: Iterable[Proposal], registry) -> list:
    """Problems computing each proposal's criterion values, for ``rubric validate``.

    Computed criteria read facts that only their plugin knows how to check, so
    validation runs them; the first problem of each proposal is reported.
    """
    from rubric.loading import applies

    problems = []
    for proposal in proposals:
        if not applies(rubric, proposal, registry):
            continue
        try:
            value_matrix(rubric, [proposal], registry)
        except InputError as exc:
            problems.extend(exc.problems)
        except PluginError as exc:
            problems.append(Problem(proposal.path, "", str(exc)))
    return problems


def _aggregate(registry, rubric: Rubric, scheme: Scheme, matrix, weights: Sequence[float], proposals, criteria=None) -> list:
    """Scores under a scheme's method; ``criteria`` are the matrix's columns (default: all)."""
    method = registry.aggregation_method(scheme.aggregation.name)
    params = {**method.params, **scheme.aggregation.params}
    scores = _call(
        registry,
        "aggregation method",
        method,
        f"aggregating scheme {scheme.id!r}",
        method.aggregate,
        matrix,
        list(weights),
        scale=rubric.scale,
        criteria=rubric.criteria if criteria is None else criteria,
        **params,
    )
    try:
        scores = [float(s) for s in scores]
    except (TypeError, ValueError):
        scores = None
    if scores is None or len(scores) != len(matrix) or not all(math.isfinite(s) for s in scores):
        info = registry.provider("aggregation method", method.name)
        bad = next(
            (p.id for p, s in zip(proposals, scores or ()) if not math.isfinite(s)),
            None,
        )
        found = f"a non-finite score for proposal {bad!r}" if bad else f"not {len(matrix)} numbers"
        raise PluginError(
            f"plugin {info.name} ({info.source}): aggregation method {method.name!r} returned {found} "
            f"under scheme {scheme.id!r}",
            plugin=info.name,
            proposal=bad or "",
        )
    return scores


def rank(scores: Sequence[float], ids: Sequence[str]) -> list:
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


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TIE_TOLERANCE * max(1.0, abs(a), abs(b))


def evaluate(
    rubric: Rubric,
    proposals: Iterable[Proposal],
    *,
    schemes: Optional[Sequence[str]] = None,
    methods: Sequence[str] = (),
    registry=None,
) -> Evaluation:
    """Score proposals under a rubric's schemes.

    :param schemes: ids of the schemes to use (default: all, in rubric order).
    :param methods: aggregation methods to run every scheme under as well,
        as extra columns named ``scheme/method``.
    :param registry: from :func:`rubric.create_registry`; default: built-ins,
        entry points and the rubric's plugin files.
    """
    from rubric.loading import collector_paused

    with collector_paused():
        return _evaluate(rubric, proposals, schemes, methods, registry)


def _evaluate(rubric: Rubric, proposals, schemes, methods, registry) -> Evaluation:
    from rubric.loading import applies

    if registry is None:
        from rubric.registry import create_registry

        registry = create_registry(rubric.plugins)
    proposals = sorted(proposals, key=lambda p: p.id)
    applicable, not_applicable = [], []
    for proposal in proposals:
        (applicable if applies(rubric, proposal, registry) else not_applicable).append(proposal)
    chosen = [rubric.scheme(s) for s in schemes] if schemes else list(rubric.schemes)
    chosen += [s.with_aggregation(m) for s in list(chosen) for m in methods if m != s.aggregation.name]
    values = value_matrix(rubric, applicable, registry)
    matrix = [[v.score for v in row] for row in values]
    ids = [p.id for p in applicable]
    # Each top-level group's columns, built once and shared by every scheme.
    columns = list(zip(*matrix)) or [()] * len(rubric.criteria)
    groups = []
    for group in rubric.top_groups:
        indices = rubric.columns_under(group.id)
        sub = [list(row) for row in zip(*(columns[i] for i in indices))]
        groups.append((group.id, indices, sub, tuple(rubric.criteria[i] for i in indices)))
    results = []
    for scheme in chosen:
        derived = derive_weights(rubric, scheme, registry)
        weights = [derived.weights[c.id] for c in rubric.criteria]
        totals = _aggregate(registry, rubric, scheme, matrix, weights, applicable) if applicable else []
        sub_scores = {}
        for group_id, indices, sub, group_criteria in groups:
            share = sum(weights[i] for i in indices)
            if share <= 0 or not applicable:
                sub_scores[group_id] = tuple(None for _ in applicable)
            else:
                sub_weights = [weights[i] / share for i in indices]
                sub_scores[group_id] = tuple(
                    _aggregate(registry, rubric, scheme, sub, sub_weights, applicable, group_criteria)
                )
        results.append(
            SchemeResult(
                scheme=scheme,
                weights=derived.weights,
                details=derived.details,
                totals=tuple(totals),
                groups=sub_scores,
                ranks=tuple(rank(totals, ids)),
                properties=registry.aggregation_method(scheme.aggregation.name).properties,
            )
        )
    return Evaluation(
        rubric=rubric,
        proposals=tuple(applicable),
        not_applicable=tuple(not_applicable),
        values=tuple(tuple(row) for row in values),
        results=tuple(results),
    )


def compare(evaluation: Evaluation, *, top: int = 3):
    """Rank agreement and robust conclusions across an evaluation's schemes."""
    return evaluation.compare(top=top)
