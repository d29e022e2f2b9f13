"""Rank-order centroid weights from a ranking of each node's children.

Reference: F. H. Barron and B. E. Barrett (1996), "Decision quality using
ranked attribute weights", *Management Science* 42(11), 1515–1523.

When an analyst can say which consideration matters more but not by how much,
every weight vector that respects the ranking (w1 ≥ w2 ≥ … ≥ wn ≥ 0, summing
to 1) is equally plausible; the rank-order centroid is the centre of that
region.  For the child ranked k-th of n::

    w_k = (1/n) · Σ_{i=k..n} 1/i          n = 3: 0.6111, 0.2778, 0.1111

Ties.  Children in an inner list are judged *equally* important, so the region
is the one where their weights are equal; its centroid is used again.  With
tie classes of sizes s_1, …, s_m (best first) and S_t = s_1 + … + s_t, the
region is a simplex whose t-th vertex gives 1/S_t to every child in classes
1…t, and each child of class j gets the mean of the vertices::

    w_j = (1/m) · Σ_{t=j..m} 1/S_t        ["a", "b"]-tie then "c": 5/12, 5/12, 1/6

Without ties this is exactly Barron and Barrett's formula.  This is the
default, ``ties = "centroid"``: a tie says the weights are equal, and this is
the centre of exactly the weights that say so.

``ties = "average"`` is the other rule in use: the textbook weights of the
untied positions, averaged over the positions each tie class occupies (as
fractional ranking gives tied items the mean of their positions, and as
``rank-sum`` treats ties here)::

    w_j = mean of (1/n) · Σ_{i=k..n} 1/i over the class's positions k
                                          ["a", "b"]-tie then "c": 4/9, 4/9, 1/9

It answers "a and b are in some order I do not know" rather than "a and b
matter equally", and gives a tied class a little more than the centroid does
at the expense of the classes below.  Both rules agree when nothing ties.

Parameters: ``ranking`` (required) maps ``root`` or a group id to its children,
most important first.  A node the ranking names must list all its children;
nodes it leaves out weigh their children equally.  ``ties``: ``"centroid"``
(the default) or ``"average"``, as above.

.. code-block:: toml

    [schemes.security-first-ranked]
    title = "Security first, by rank"

    [schemes.security-first-ranked.weighting]
    method = "rank-order-centroid"
    ranking.root = ["geopolitical", "ideological"]
    ranking.geopolitical = ["china-misuse", ["backdoor-risk", "global-power"]]  # the last two tie
    ranking.ideological = ["transparency", "progress", "power-distribution"]
"""

from __future__ import annotations

from typing import Sequence

from rubric import hookimpl
from rubric.components import DerivedWeights, WeightingMethod
from rubric.weighting import ranking


def centroid_weights(sizes: Sequence[int]) -> list:
    """The weight of one member of each tie class, given the classes' sizes, best first.

    >>> [round(w, 4) for w in centroid_weights([1, 1, 1])]
    [0.6111, 0.2778, 0.1111]
    """
    cumulative, total = [], 0
    for size in sizes:
        total += size
        cumulative.append(total)
    m = len(sizes)
    weights, tail = [0.0] * m, 0.0
    for j in range(m - 1, -1, -1):
        tail += 1.0 / cumulative[j]
        weights[j] = tail / m
    return weights


def average_position_weights(sizes: Sequence[int]) -> list:
    """The weight of one member of each tie class: the mean untied weight of its positions.

    >>> [round(w, 4) for w in average_position_weights([2, 1])]
    [0.4444, 0.1111]
    """
    untied = centroid_weights([1] * sum(sizes))
    weights, start = [], 0
    for size in sizes:
        weights.append(sum(untied[start : start + size]) / size)
        start += size
    return weights


#: The rules for tied children, by the value of the ``ties`` parameter.
TIE_RULES = {"centroid": centroid_weights, "average": average_position_weights}


def rank_order_centroid(rubric, params) -> DerivedWeights:
    """Local weights of the children of every ranked node."""
    return ranking.derive_from_ranking(rubric, params, TIE_RULES[params.get("ties", "centroid")])


def check_params(params, rubric) -> list:
    """The ranking's problems, and a ``ties`` rule that is not one of :data:`TIE_RULES`."""
    problems = ranking.check_params(params, rubric)
    ties = params.get("ties", "centroid")
    if ties not in TIE_RULES:
        problems.append(("ties", f"expected one of {', '.join(map(repr, TIE_RULES))}, found {ties!r}"))
    return problems


METHOD = WeightingMethod(
    name="rank-order-centroid",
    derive=rank_order_centroid,
    params={"ranking": None, "ties": "centroid"},
    description="Centroid weights from a ranking of each node's children (Barron & Barrett 1996).",
    check_params=check_params,
)


@hookimpl
def rubric_weighting_methods():
    return [METHOD]
