"""Weight constraints compiled into the linear inequalities SMAA's sampler imposes.

The table's form and its checks are the loader's (:mod:`rubric.loading.constraints`):
this module turns a checked table into criterion-index bounds and coefficient
vectors over the rubric's criteria, in rubric order.
"""

from __future__ import annotations

from typing import Any

import attrs

from rubric.loading.constraints import ConstraintError, check_constraints, node_members, parse_order

__all__ = ["WeightConstraints", "compile_constraints"]


@attrs.frozen
class WeightConstraints:
    """Constraints compiled against a rubric's criteria (in rubric order).

    ``bounds`` holds ``(node id, criterion indices, low, high)``: the total
    effective weight of those criteria must lie in [low, high].  ``orders``
    holds ``(text, coefficients)``: the inequality Σ coefficient_j · w_j >= 0.
    """

    criteria: tuple
    bounds: tuple = ()
    orders: tuple = ()

    @property
    def empty(self) -> bool:
        return not self.bounds and not self.orders


def compile_constraints(constraints: Any, rubric) -> WeightConstraints:
    """Check and compile a constraints table (or pass a compiled one through).

    :raises ConstraintError: naming every problem, as :func:`~rubric.loading.constraints.check_constraints`.
    """
    criteria = tuple(c.id for c in rubric.criteria)
    if isinstance(constraints, WeightConstraints):
        if constraints.criteria != criteria:
            raise ConstraintError([f"constraints were compiled for criteria {', '.join(constraints.criteria)}, not {', '.join(criteria)}"])
        return constraints
    problems = check_constraints(constraints, rubric)
    if problems:
        raise ConstraintError(problems)
    constraints = constraints or {}
    members = node_members(rubric)
    bounds = tuple((node, members[node], float(lo), float(hi)) for node, (lo, hi) in constraints.get("bounds", {}).items())
    orders = []
    for text in constraints.get("order", []):
        left_factor, left, op, right_factor, right = parse_order(text)
        sign = 1.0 if op == ">=" else -1.0
        coefficients = [0.0] * len(criteria)
        for j in members[left]:
            coefficients[j] += sign * float(left_factor or 1)
        for j in members[right]:
            coefficients[j] -= sign * float(right_factor or 1)
        orders.append((text, tuple(coefficients)))
    return WeightConstraints(criteria=criteria, bounds=bounds, orders=tuple(orders))
