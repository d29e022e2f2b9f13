"""The value tree as nodes: depths, the order groups are shown in, each node's weight and points.

Results show every group of the tree, not only the top level, so they need
each group's depth (1 for a top-level group), a stable order to lay groups
out in (depth first, in file order: a group, then its sub-groups), and each
node's effective weight (the sum of the flat weights of the criteria below
it), from which the sibling-normalised weights of a hierarchical evaluation
and the maximum points of a group follow.
"""

from __future__ import annotations

from typing import Mapping, Optional

from rubric.components import Property
from rubric.errors import did_you_mean
from rubric.model import Group, MethodChoice, Rubric, Scale, Scheme
from rubric.registry import Registry

__all__ = [
    "PRESENTATIONS",
    "depths",
    "hierarchical",
    "node_method",
    "node_weights",
    "preorder",
    "presentation",
    "published",
    "shown",
    "tree_problems",
]

#: How a score is shown: the weighted mean on the scale, points, or a percentage of the maximum.
PRESENTATIONS = ("mean", "points", "percent")


def depths(rubric: Rubric) -> dict[str, int]:
    """Each group's depth: 1 for a top-level group, 2 for its sub-groups, …"""
    parents = {g.id: g.parent for g in rubric.groups}
    found: dict[str, int] = {}

    def depth(group: str) -> int:
        if group not in found:
            parent = parents[group]
            found[group] = 1 if parent is None else depth(parent) + 1
        return found[group]

    for group in rubric.groups:
        depth(group.id)
    return found


def preorder(rubric: Rubric, max_depth: Optional[int] = None) -> tuple[Group, ...]:
    """Groups down to ``max_depth`` (default: all), each followed by its sub-groups, in file order."""
    by_id = {g.id: g for g in rubric.groups}
    shown: list[Group] = []

    def visit(node: Optional[str], depth: int) -> None:
        for child in rubric.children(node):
            if child in by_id and (max_depth is None or depth <= max_depth):
                shown.append(by_id[child])
                visit(child, depth + 1)

    visit(None, 1)
    return tuple(shown)


def node_weights(rubric: Rubric, weights: Mapping[str, float]) -> dict[str, float]:
    """Every node's effective weight: a criterion's flat weight, a group's the sum below it."""
    found = {c.id: weights[c.id] for c in rubric.criteria}
    for group in rubric.groups:
        found[group.id] = sum(weights[c.id] for c in rubric.criteria_under(group.id))
    return found


def presentation(present: tuple[str, ...], depth: int) -> str:
    """What ``present`` says for a node at ``depth`` (0: the total); the last entry holds below."""
    return present[min(depth, len(present) - 1)]


def hierarchical(scheme: Scheme) -> bool:
    """Whether some group aggregates its own way, so the tree is evaluated bottom-up."""
    return any(choice != scheme.aggregation for choice in scheme.by_group.values())


def node_method(scheme: Scheme, node: Optional[str]) -> MethodChoice:
    """The method a node aggregates its children with: its ``by_group`` entry, else the scheme's."""
    return scheme.by_group.get(node, scheme.aggregation) if node is not None else scheme.aggregation


def tree_problems(rubric: Rubric, scheme: Scheme, registry: Registry) -> list[tuple[str, str]]:
    """``(key below the scheme's aggregation, message)`` for ``by_group`` entries that cannot work.

    An unknown group, and, in a hierarchical evaluation, a group whose method
    does not declare :attr:`~rubric.components.Property.BOUNDED_BY_SCALE`: its
    parent reads its scores as values on the scale.  Unknown methods and
    their parameters are the registry's to report.
    """
    group_ids = [g.id for g in rubric.groups]
    problems = []
    for name in scheme.by_group:
        if name not in group_ids:
            problems.append((f"by_group.{name}", f"unknown group {name!r}{did_you_mean(name, group_ids)}"))
    if not hierarchical(scheme):
        return problems
    for group in rubric.groups:
        choice = node_method(scheme, group.id)
        if not registry.has("aggregation method", choice.name):
            continue
        if Property.BOUNDED_BY_SCALE not in registry.aggregation_method(choice.name).properties:
            key = f"by_group.{group.id}" if group.id in scheme.by_group else "method"
            problems.append((
                key,
                f"group {group.id!r} is aggregated by {choice.name!r}, whose scores are not declared to lie on the "
                "scale, but its parent reads them as values on the scale; use it only for the total",
            ))
    return problems


def shown(value: Optional[float], mode: str, scale: Scale, max_points: float) -> Optional[float]:
    """A score as ``present`` shows it: on the scale (``"mean"``), as points of ``max_points``, or as a percentage.

    Points are the share of the scale the score reaches times the node's
    maximum: with a weighted sum on a 0…1 scale, Σ value × points.
    """
    if value is None or mode == "mean":
        return value
    share = (value - scale.min) / (scale.max - scale.min)
    return share * max_points if mode == "points" else share * 100.0


def published(value: Optional[float], precision: Optional[int]) -> Optional[float]:
    """``value`` rounded half up to ``precision`` decimals, as published tables round (``None``: unrounded)."""
    if value is None or precision is None:
        return value
    from decimal import ROUND_HALF_UP, Decimal  # only tables with a `precision` round: the cold start skips it

    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-precision), rounding=ROUND_HALF_UP))
