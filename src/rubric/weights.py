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

__all__ = ["WeightError", "derive_weights", "flatten_weights"]


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
        if total <= 0:
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
