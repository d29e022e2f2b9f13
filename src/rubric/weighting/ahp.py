"""Analytic hierarchy process: weights from pairwise comparisons, with a consistency check.

References: T. L. Saaty (1980), *The Analytic Hierarchy Process*, McGraw-Hill,
New York; T. L. Saaty (2008), "Decision making with the analytic hierarchy
process", *Int. J. Services Sciences* 1(1), 83–98.

At each node the analyst judges, for every pair of its children, how many
times more important the first is than the second, on Saaty's scale: 1 equal,
3 moderately, 5 strongly, 7 very strongly, 9 extremely more important; 2, 4,
6, 8 in between; reciprocals for less important; any number from 1/9 to 9.
The random index below is calibrated on that scale, and siblings more than
nine times apart belong at different levels of the tree.  The judgements fill a
positive reciprocal matrix A (a_ij = judgement, a_ji = 1/a_ij, a_ii = 1) and
the children's weights are its principal right eigenvector w, A·w = λmax·w,
normalised to sum to 1.  When every judgement agrees with every other
(a_ij · a_jk = a_ik) λmax = n and a_ij = w_i / w_j exactly; otherwise
λmax > n and the consistency ratio measures by how much::

    CI = (λmax − n) / (n − 1)        CR = CI / RI(n)

RI is Saaty's random index, the mean CI of random reciprocal matrices, from
the table in Saaty (1980)::

    n   1  2  3     4     5     6     7     8     9     10
    RI  0  0  0.58  0.90  1.12  1.24  1.32  1.41  1.45  1.49

Two children are always consistent (CR = 0).  The table stops at ten, so a
node compared here has at most ten children; Saaty advises about seven at
most anyway, and sub-groups for more.  The tests reproduce the weights and CR
of the drinks example in Saaty (2008) and hand-worked 3×3 matrices.

Parameters:

``pairwise`` (required)
    maps ``root`` or a group id to a table of judgements ``"a/b" = x``: a is x
    times as important as b (write ``"b/a" = 3`` rather than ``"a/b" = 0.333``).
    Every pair of the node's children must be judged exactly once, in either
    order.  Nodes not named weigh their children equally.
``max_cr`` (default 0.1)
    the largest consistency ratio accepted.  Above it ``rubric validate``
    reports the node, its CR and the judgement furthest from the weights.
``allow_inconsistent`` (default false)
    use judgements above ``max_cr`` anyway; ``rubric explain`` then shows a
    warning beside their CR.

``rubric explain`` shows the consistency ratio of every compared node.  The
eigenvector is found by power iteration in plain Python, which converges for
every positive matrix (Perron–Frobenius) and, for the few children a node has,
takes microseconds where importing numpy alone would take a tenth of a second.

.. code-block:: toml

    [schemes.panel-ahp]
    title = "Panel judgements (AHP)"

    [schemes.panel-ahp.weighting]
    method = "ahp"
    max_cr = 0.1                  # the default
    allow_inconsistent = false    # the default
    pairwise.root = { "geopolitical/ideological" = 2 }

    [schemes.panel-ahp.weighting.pairwise.ideological]
    "transparency/progress" = 2
    "transparency/power-distribution" = 1
    "progress/power-distribution" = 0.5

    [schemes.panel-ahp.weighting.pairwise.geopolitical]
    "china-misuse/backdoor-risk" = 3
    "china-misuse/global-power" = 2
    "global-power/backdoor-risk" = 2
"""

from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

import attrs

from rubric import hookimpl
from rubric.components import DerivedWeights, WeightingMethod, is_real_number
from rubric.errors import describe, did_you_mean
from rubric.model import Rubric
from rubric.weighting.nodes import check_node_table, key_path, node_name

#: Saaty's (1980) random index by number of children: RANDOM_INDEX[n - 1].
RANDOM_INDEX = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)
MAX_CHILDREN = len(RANDOM_INDEX)
DEFAULT_MAX_CR = 0.1

#: Judgements run from 1/SCALE_LIMIT to SCALE_LIMIT.
SCALE_LIMIT = 9
# So that 1/9 written as 0.111 is still on the scale.
_SCALE_SLACK = 1.005

_TOLERANCE = 1e-12
# On the scale, the slowest matrices found by search (n = 3…10, cycles of
# 9 and 1/9 among them) need under 150 iterations.
_MAX_ITERATIONS = 10_000


@attrs.frozen
class Priorities:
    """What a pairwise comparison matrix yields."""

    #: The principal eigenvector, normalised to sum to 1.
    weights: tuple
    lambda_max: float
    consistency_index: float
    consistency_ratio: float


def principal_eigenvector(matrix: Sequence[Sequence[float]]) -> tuple:
    """The principal right eigenvector of a positive matrix (summing to 1) and its eigenvalue.

    Power iteration from the normalised row sums; for a positive matrix the
    Perron root strictly dominates every other eigenvalue, so it converges.
    """
    n = len(matrix)
    w = [sum(row) for row in matrix]
    total = sum(w)
    w = [x / total for x in w]
    for _ in range(_MAX_ITERATIONS):
        product = [sum(a * x for a, x in zip(row, w)) for row in matrix]
        # With w summing to 1, the sum of A·w is the eigenvalue estimate.
        eigenvalue = sum(product)
        product = [x / eigenvalue for x in product]
        # Relative, so that tiny weights (extreme judgements) converge too.
        if all(abs(new - old) <= _TOLERANCE * new for new, old in zip(product, w)):
            return tuple(product), eigenvalue
        w = product
    raise ArithmeticError(f"power iteration did not converge on a {n}×{n} matrix")


def priorities(matrix: Sequence[Sequence[float]]) -> Priorities:
    """Weights, λmax, consistency index and ratio of a positive reciprocal matrix.

    >>> p = priorities([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]])
    >>> [round(w, 6) for w in p.weights], round(p.consistency_ratio, 9)
    ([0.571429, 0.285714, 0.142857], 0.0)
    """
    n = len(matrix)
    if n > MAX_CHILDREN:
        raise ValueError(f"the random index is tabulated for at most {MAX_CHILDREN} elements, not {n}")
    weights, lambda_max = principal_eigenvector(matrix)
    ci = (lambda_max - n) / (n - 1) if n > 2 else 0.0
    if ci < 1e-12:
        # λmax ≥ n holds exactly; what falls below, or barely above, is rounding noise.
        ci = 0.0
    ri = RANDOM_INDEX[n - 1]
    return Priorities(weights, lambda_max, ci, ci / ri if ri else 0.0)


def parse_judgements(key: str, children: Sequence[str], table) -> tuple[list, list, list]:
    """Read one node's ``"a/b" = x`` judgements into a reciprocal matrix.

    :returns: the problems; the matrix (rows and columns in ``children``
        order); the judgements as ``(a, b, x)``.  The last two are empty if
        there were problems.
    """
    path = key_path("pairwise", key)
    if not isinstance(table, Mapping):
        return [f"{path}: expected a table of judgements \"a/b\" = x (a is x times as important as b), "
                f"found {describe(table)}"], [], []
    problems, judgements = [], []
    pairs_seen: dict[frozenset[str], str] = {}
    for pair, value in table.items():
        where = key_path("pairwise", key, pair)
        sides = [side.strip() for side in pair.split("/")]
        if len(sides) != 2 or not all(sides):
            problems.append(f"{where}: expected a key \"a/b\" naming two children of {node_name(key)}, "
                            f"found {pair!r}")
            continue
        a, b = sides
        unknown = [side for side in dict.fromkeys((a, b)) if side not in children]
        for side in unknown:
            problems.append(f"{where}: {side!r} is not directly below {node_name(key)}"
                            f"{did_you_mean(side, list(children))}")
        if unknown:
            continue
        if a == b:
            problems.append(f"{where}: compares {a!r} with itself; judge pairs of different children")
            continue
        earlier = pairs_seen.get(frozenset((a, b)))
        if earlier is not None:
            problems.append(f"{where}: {a!r} and {b!r} are already compared as {earlier!r}; judge each pair once")
            continue
        pairs_seen[frozenset((a, b))] = pair
        if not is_real_number(value) or value <= 0:
            if isinstance(value, str):
                hint = f'; TOML has no fractions: to say {b!r} is x times as important, write "{b}/{a}" = x'
            elif is_real_number(value):
                hint = "; a judgement is a ratio of importances, so it is positive (1 means equally important)"
            else:
                hint = ""
            problems.append(f"{where}: expected a positive number (how many times {a!r} is as important "
                            f"as {b!r}), found {describe(value)}{hint}")
            continue
        if max(value, 1 / value) > SCALE_LIMIT * _SCALE_SLACK:
            problems.append(f"{where}: expected a judgement from 1/{SCALE_LIMIT} to {SCALE_LIMIT} (Saaty's scale, "
                            f"on which the consistency ratio is calibrated), found {value:g}; children more than "
                            f"{SCALE_LIMIT} times apart in importance are better compared through sub-groups")
            continue
        judgements.append((a, b, float(value)))
    missing = [f"{a}/{b}" for i, a in enumerate(children) for b in children[i + 1:]
               if frozenset((a, b)) not in pairs_seen]
    if missing:
        problems.append(f"{path}: {'judgement' if len(missing) == 1 else 'judgements'} "
                        f"{', '.join(repr(m) for m in missing)} {'is' if len(missing) == 1 else 'are'} missing; "
                        f"AHP needs every pair of children of {node_name(key)} judged once, in either order")
    if problems:
        return problems, [], []
    index = {child: i for i, child in enumerate(children)}
    matrix = [[1.0] * len(children) for _ in children]
    for a, b, x in judgements:
        matrix[index[a]][index[b]] = x
        matrix[index[b]][index[a]] = 1.0 / x
    return [], matrix, judgements


def worst_judgement(judgements, children: Sequence[str], weights: Sequence[float]) -> tuple:
    """The judgement furthest (as a ratio) from what the weights imply: ``(a, b, given, implied)``."""
    index = {child: i for i, child in enumerate(children)}

    def implied(a, b):
        return weights[index[a]] / weights[index[b]]

    a, b, given = max(judgements, key=lambda j: abs(math.log(j[2] / implied(j[0], j[1]))))
    return a, b, given, implied(a, b)


def analyse(params: Mapping[str, Any], rubric: Rubric) -> tuple[list[str], dict[str, float], dict[str, Any]]:
    """Check the parameters and compute every compared node.

    :returns: the problems, the local weights and the details.
    """
    problems: list[str] = []
    max_cr = params.get("max_cr", DEFAULT_MAX_CR)
    if not is_real_number(max_cr) or max_cr < 0:
        problems.append(f"max_cr: expected a number ≥ 0 (the largest consistency ratio accepted, "
                        f"usually 0.1), found {describe(max_cr)}")
        max_cr = DEFAULT_MAX_CR
    allow = params.get("allow_inconsistent", False)
    if not isinstance(allow, bool):
        problems.append(f"allow_inconsistent: expected true or false, found {describe(allow)}")
        allow = False
    table: Any = params.get("pairwise")
    node_problems, nodes = check_node_table(
        rubric, "pairwise", table, 'tables of judgements "a/b" = x (a is x times as important as b)')
    problems.extend(node_problems)
    weights: dict[str, float] = {}
    details: dict[str, Any] = {}
    for key, children in nodes.items():
        path = key_path("pairwise", key)
        if len(children) > MAX_CHILDREN:
            problems.append(f"{path}: {node_name(key)} has {len(children)} children; "
                            f"AHP compares at most {MAX_CHILDREN} (the random index table stops there): "
                            "split them into sub-groups")
            continue
        judgement_problems, matrix, judgements = parse_judgements(key, children, table[key])
        if judgement_problems:
            problems.extend(judgement_problems)
            continue
        result = priorities(matrix)
        weights.update(zip(children, result.weights))
        cr = result.consistency_ratio
        # Four decimals: a diagnostic read against 0.1, shown as it is by `rubric explain`.
        details[f"consistency ratio ({key})"] = round(cr, 4)
        if cr > max_cr:
            a, b, given, implied = worst_judgement(judgements, children, result.weights)
            message = (f"consistency ratio {cr:.3f} is above max_cr {max_cr:g}; the judgement furthest from "
                       f"the derived weights is \"{a}/{b}\" = {given:g}, where the weights give {implied:.3g}")
            if allow:
                details[f"warning ({key})"] = f"{message} (used because allow_inconsistent = true)"
            else:
                problems.append(f"{path}: {message}; revise the judgements, or set allow_inconsistent = true "
                                "to use them anyway")
    return problems, weights, details


def check_params(params: Mapping[str, Any], rubric: Rubric) -> list[str]:
    """Unknown nodes or children, missing or repeated pairs, bad judgements, CR above ``max_cr``."""
    return analyse(params, rubric)[0]


def ahp(rubric: Rubric, params: Mapping[str, Any]) -> DerivedWeights:
    """Local weights of the children of every compared node, with each node's CR."""
    problems, weights, details = analyse(params, rubric)
    if problems:
        raise ValueError("; ".join(problems))
    return DerivedWeights(weights, details)


METHOD = WeightingMethod(
    name="ahp",
    derive=ahp,
    params={"pairwise": None, "max_cr": DEFAULT_MAX_CR, "allow_inconsistent": False},
    description="Eigenvector weights from pairwise comparisons, refused above a consistency ratio (Saaty's AHP).",
    check_params=check_params,
)


@hookimpl
def rubric_weighting_methods():
    return [METHOD]
