"""The weighting step: a scheme's local weights, flattened through the value tree.

It sits below both the loader (which derives every scheme's weights when a
rubric is loaded, so ``rubric validate`` reports weights that cannot work)
and the engine (which derives them to score), so neither imports the other.
"""

from __future__ import annotations

from typing import Callable, Mapping, Optional, Union

from rubric.components import DerivedWeights, is_real_number
from rubric.errors import InputError, Problem, WeightError
from rubric.model import Rubric, Scheme
from rubric.registry import Registry

__all__ = [
    "WeightError",
    "derive_weights",
    "flatten_weights",
    "leaf_reading",
    "total_points",
    "weight_warnings",
    "with_leaf_sums",
]


def leaf_reading(rubric: Rubric, local: Mapping[str, float]) -> bool:
    """Whether weights are read flat: some are given, all of them at criteria (the leaf-weights rule)."""
    return bool(local) and not any(g.id in local for g in rubric.groups)


def with_leaf_sums(rubric: Rubric, local: Mapping[str, float]) -> dict[str, float]:
    """Weights written only at criteria, completed as flat weights: each group weighs the sum of its criteria's.

    So ``1`` on every criterion makes each count the same wherever it sits (a
    criterion without a weight counts 1).  Weights that name a group are
    read sibling-locally and returned as they are.
    """
    if not leaf_reading(rubric, local):
        return dict(local)
    return {**local, **{g.id: sum(local.get(c.id, 1.0) for c in rubric.criteria_under(g.id)) for g in rubric.groups}}


def flatten_weights(rubric: Rubric, local: Mapping[str, float]) -> dict[str, float]:
    """Effective criterion weights: siblings normalised, multiplied down the tree.

    Where no child of a node has a local weight the children count equally;
    where some do, all must.  The result sums to 1.
    """
    known = {g.id for g in rubric.groups} | {c.id for c in rubric.criteria}
    unknown = sorted(set(local) - known)
    if unknown:
        raise WeightError(f"weights for ids that are not in rubric {rubric.id!r}: {', '.join(unknown)}")
    criteria = {c.id for c in rubric.criteria}
    effective: dict[str, float] = {}

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
        if total <= 0 and share == 0:
            total = 1.0  # a group of weight zero: its criteria weigh nothing, whatever their weights
        elif total <= 0:
            raise WeightError(f"at {where}, the weights of {', '.join(children)} are all zero")
        for child, value in zip(children, values):
            if child in criteria:
                effective[child] = share * value / total
            else:
                descend(child, share * value / total)

    descend(None, 1.0)
    return {c.id: effective.get(c.id, 0.0) for c in rubric.criteria}


def derive_weights(rubric: Rubric, scheme: Scheme, registry: Registry, *, within: tuple = ()) -> DerivedWeights:
    """A scheme's effective criterion weights (flattened), with the method's details.

    Parameters the method would refuse (a scheme built in Python, which no
    loader checked) are an :class:`~rubric.errors.InputError` naming the
    scheme and key; a failure of the method itself is its plugin's.
    """
    method = registry.weighting_method(scheme.weighting.name)
    problems = registry.param_problems("weighting method", method.name, scheme.weighting.params, rubric)
    if problems:
        where = f"schemes.{scheme.id}.weighting"
        raise InputError(
            [Problem(scheme.path or rubric.path, f"{where}.{key}" if key else where, message) for key, message in problems]
        )
    params = {**{k: v for k, v in method.params.items() if v is not None}, **scheme.weighting.params}
    extra = {"weights_of": pooled_weights(rubric, registry, (*within, scheme.id))} if method.pools else {}
    derived = registry.call(
        "weighting method", method, f"deriving scheme {scheme.id!r}", method.derive, rubric, params, **extra
    )
    if isinstance(derived, Mapping):
        derived = DerivedWeights(dict(derived))
    if not isinstance(derived, DerivedWeights):
        raise registry.plugin_error(
            "weighting method",
            method.name,
            f"weighting method {method.name!r} must return DerivedWeights "
            f"or a mapping for scheme {scheme.id!r}, got {type(derived).__name__}",
        )
    return DerivedWeights(flatten_weights(rubric, derived.weights), derived.details)


def total_points(rubric: Rubric, scheme: Scheme) -> float:
    """The points a scheme's whole tree is worth, for ``present = "points"``.

    Under the leaf-weights reading (direct weights at criteria only), the sum
    of the criteria's weights, read as the points each is worth (a criterion
    without a weight is worth 1); otherwise one point per criterion, shared
    out by the effective weights.
    """
    weights = scheme.weighting.params.get("weights") if scheme.weighting.name == "direct" else None
    if isinstance(weights, Mapping) and leaf_reading(rubric, weights):
        return float(sum(weights.get(c.id, 1.0) for c in rubric.criteria))
    return float(len(rubric.criteria))


def weight_warnings(rubric: Rubric) -> list[str]:
    """Direct weights whose reading is ambiguous, one line each: ``validate`` shows them, scoring goes on.

    Two mixtures: criteria weighted only in part under the leaf-weights
    reading (the others count 1 each), and, where groups carry weights,
    sibling groups left without any while criteria below them carry weights
    (they count equally among their siblings, whatever their criteria's
    weights add up to).
    """
    found = []
    criteria = {c.id for c in rubric.criteria}
    for scheme in rubric.schemes:
        weights = scheme.weighting.params.get("weights") if scheme.weighting.name == "direct" else None
        if not isinstance(weights, Mapping) or not weights:
            continue
        where = f"{scheme.path or rubric.path}: schemes.{scheme.id}.weights"
        if leaf_reading(rubric, weights):
            missing = [c.id for c in rubric.criteria if c.id not in weights]
            if missing:
                found.append(
                    f"{where}: weights are given at criteria only, so they are read as flat weights (points), "
                    f"but not for {', '.join(missing)}, which count 1 each; give every criterion a weight"
                )
            continue
        for node in (None, *(g.id for g in rubric.groups)):
            groups = [c for c in rubric.children(node) if c not in criteria]
            unweighted = [g for g in groups if g not in weights]
            below = any(c.id in weights for g in groups for c in rubric.criteria_under(g))
            if len(groups) > 1 and unweighted == groups and below:
                found.append(
                    f"{where}: groups {', '.join(unweighted)} have no weight while criteria below them do; "
                    "because other groups carry weights, they count equally among their siblings (not as the "
                    "sum of their criteria's weights); give them weights to say which reading is meant"
                )
    return found


def pooled_weights(rubric: Rubric, registry: Registry, within: tuple) -> Callable[[Union[str, Scheme]], DerivedWeights]:
    """What a pooling method is given to derive the schemes it pools (see ``WeightingMethod.pools``)."""

    def weights_of(scheme: Union[str, Scheme]) -> DerivedWeights:
        if isinstance(scheme, str):
            if scheme in within:
                cycle = " -> ".join((*within[within.index(scheme):], scheme))
                raise WeightError(f"schemes pool each other in a cycle: {cycle}")
            scheme = rubric.scheme(scheme)
        return derive_weights(rubric, scheme, registry, within=within)

    return weights_of
