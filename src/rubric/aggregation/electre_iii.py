"""ELECTRE III: a valued outranking relation with vetoes, distilled into a partial preorder.

Roy, B. (1978) "ELECTRE III : un algorithme de classements fondé sur une
représentation floue des préférences en présence de critères multiples",
Cahiers du CERO 20(1):3-24; Figueira, Mousseau & Roy (2005), §4.3.

1. **Credibility** σ(a, b) of "a is at least as good as b" from concordance
   (indifference q and preference p thresholds) and discordance (veto v), see
   :mod:`rubric.aggregation.outranking`.
2. **Distillation.**  At a cut level λ, a outranks b when σ(a, b) > λ and
   σ(a, b) − σ(b, a) > s(σ(a, b)), with the discrimination threshold
   ``s(λ) = alpha + beta·λ`` (Roy's s(λ) = 0.3 − 0.15λ by default).  A
   proposal's qualification is how many it outranks less how many outrank
   it.  Starting from λ₀ = the largest σ among the proposals left, each step
   lowers the cut to λ_{k+1} = the largest σ below λ_k − s(λ_k) (0 if none)
   and keeps the proposals of best qualification, until one is left or the
   cut reaches 0: they form the next class.  The *descending* distillation
   keeps the best qualified and fills classes from the top; the *ascending*
   one keeps the worst and fills them from the bottom.
3. **Final partial preorder**, the intersection of the two: a is preferred
   to b when it is at least as well placed in both and better in one;
   indifferent when equally placed in both; **incomparable** when each is
   better placed in one distillation.

**How the partial preorder is carried.**  The aggregation contract returns
one score per proposal; ELECTRE III's score is a display value derived from
the final preorder, ``(#preferred to − #preferred over)/(n − 1)`` mapped onto
the scale.  If a is preferred to b, a's score is strictly higher; indifferent
proposals score the same.  Incomparable proposals get whatever their counts
give, so their ranks say nothing about each other: the method declares the
``incomparable`` capability, the engine keeps the pairs on the scheme's
result, every table lists them, and rank agreement counts an incomparable
pair as unordered, never as ordered by score or id.

**Cost**: O(n²·m) time and O(n²) memory (every pair), plus the distillations
(each step O(n²)); fine for hundreds of proposals, not for 100,000.

Declares weight-scale invariance (weights are rescaled), permutation
invariance (nothing is broken by position), ties (identical proposals have
identical relations) and bounded scores.  Not monotonicity or Pareto (a
distillation can reverse when one value rises: Roy & Bouyssou 1993 discuss
it), not zero-weight irrelevance (a criterion's veto acts whatever its
weight), not independence of irrelevant alternatives.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from rubric import hookimpl
from rubric.aggregation.common import from_unit, prepare, prepare_batch, span
from rubric.aggregation.outranking import check_threshold_params, column_thresholds, credibility
from rubric.components import AggregationMethod, Property, is_real_number
from rubric.model import Rubric

__all__ = ["METHOD", "distil", "electre_iii", "final_preorder", "incomparable_pairs", "outranking_matrix", "preorder_shares"]

#: A comparison of credibilities within this of equality is not decided by it (float noise).
EPSILON = 1e-12
#: A difference within this share of the scale's range of a threshold counts as equal to it.
THRESHOLD_TOLERANCE = 1e-9


def outranking_matrix(matrix, weights, *, scale, thresholds=None, per_criterion=None, criteria=None):
    """σ(a, b) for every pair of rows (diagonal 0: a proposal is not compared with itself)."""
    import numpy as np

    x, w = prepare(matrix, weights)
    columns = column_thresholds(x.shape[1], thresholds or {}, per_criterion, criteria)
    sigma = credibility(x, x, w, columns, tolerance=THRESHOLD_TOLERANCE * span(scale))
    np.fill_diagonal(sigma, 0.0)
    return sigma


def _qualifications(sigma, members, cut: float, alpha: float, beta: float):
    """Strength − weakness of each member at the cut level, among the members only."""
    import numpy as np

    sub = sigma[np.ix_(members, members)]
    outranks = (sub > cut + EPSILON) & (sub - sub.T > alpha + beta * sub + EPSILON)
    np.fill_diagonal(outranks, False)
    return outranks.sum(axis=1) - outranks.sum(axis=0)


def _largest_below(sigma, members, level: float) -> float:
    """The largest σ between distinct members below ``level`` (0 if none)."""
    import numpy as np

    sub = sigma[np.ix_(members, members)]
    off = sub[~np.eye(len(members), dtype=bool)]
    below = off[off < level - EPSILON]
    return float(below.max()) if below.size else 0.0


def distil(sigma, *, descending: bool = True, alpha: float = 0.3, beta: float = -0.15) -> list[list[int]]:
    """The classes of a distillation of the credibility matrix, best class first, as row indices."""
    import numpy as np

    remaining = list(range(sigma.shape[0]))
    classes: list[list[int]] = []
    while remaining:
        members = np.array(remaining)
        level = _largest_below(sigma, members, np.inf)
        while len(members) > 1:
            cut = _largest_below(sigma, members, level - (alpha + beta * level))
            quality = _qualifications(sigma, members, cut, alpha, beta)
            members = members[quality == (quality.max() if descending else quality.min())]
            if cut <= 0.0:
                break
            level = cut
        chosen = sorted(int(i) for i in members)
        classes.append(chosen)
        remaining = [i for i in remaining if i not in chosen]
    return classes if descending else classes[::-1]


def final_preorder(sigma, *, alpha: float = 0.3, beta: float = -0.15):
    """Each row's class in the descending and in the ascending distillation (0 = best), as two lists."""
    n = sigma.shape[0]
    places = []
    for descending in (True, False):
        place = [0] * n
        for k, members in enumerate(distil(sigma, descending=descending, alpha=alpha, beta=beta)):
            for i in members:
                place[i] = k
        places.append(place)
    return places[0], places[1]


def preorder_shares(down: Sequence[int], up: Sequence[int]):
    """The final preorder's display shares in [0, 1] and its incomparable pairs."""
    import numpy as np

    d, u = np.asarray(down)[:, None], np.asarray(up)[:, None]
    better = ((d <= d.T) & (u <= u.T)) & ((d < d.T) | (u < u.T))
    n = len(down)
    net = (better.sum(axis=1) - better.sum(axis=0)) / max(n - 1, 1)
    crossed = ((d < d.T) & (u > u.T)) | ((d > d.T) & (u < u.T))
    pairs = [(int(i), int(j)) for i, j in zip(*np.nonzero(np.triu(crossed, 1)))]
    return (net + 1.0) / 2.0, pairs


def _outcome(
    matrix,
    weights,
    *,
    scale,
    thresholds: Optional[Mapping[str, Any]] = None,
    per_criterion: Optional[Mapping[str, Any]] = None,
    criteria: Optional[Sequence[Any]] = None,
    alpha: float = 0.3,
    beta: float = -0.15,
):
    """The final preorder's display shares and incomparable pairs; every parameter is checked here."""
    sigma = outranking_matrix(matrix, weights, scale=scale, thresholds=thresholds, per_criterion=per_criterion, criteria=criteria)
    return preorder_shares(*final_preorder(sigma, alpha=alpha, beta=beta))


def electre_iii(matrix, weights, *, scale, **params):
    """The final preorder's display score on the scale (see the module's docstring).

    :param params: ``thresholds``, ``per_criterion`` (by criterion id, with
        ``criteria`` the columns' criteria), ``alpha`` and ``beta``.
    """
    shares, _ = _outcome(matrix, weights, scale=scale, **params)
    return from_unit(shares, scale)


def incomparable_pairs(matrix, weights, *, scale, **params) -> list[tuple[int, int]]:
    """The pairs of rows (i < j) the final preorder leaves incomparable (parameters as :func:`electre_iii`)."""
    _, pairs = _outcome(matrix, weights, scale=scale, **params)
    return pairs


def electre_iii_batched(matrices, weights, *, scale, **params):
    """k × n scores: each weighting's distillation is its own (it has no shared arithmetic worth batching)."""
    import numpy as np

    x, w = prepare_batch(matrices, weights)
    rows = [electre_iii(x if x.ndim == 2 else x[s], w[s], scale=scale, **params) for s in range(len(w))]
    return np.array(rows).reshape(len(w), x.shape[-2])


def check_params(params: Mapping[str, Any], rubric: Rubric) -> list[tuple[str, str]]:
    """Sound thresholds for known criteria, and a discrimination threshold s(λ) in [0, 1) for every λ in [0, 1]."""
    problems = check_threshold_params(params, rubric)
    alpha, beta = params.get("alpha", 0.3), params.get("beta", -0.15)
    for key, value in (("alpha", alpha), ("beta", beta)):
        if not is_real_number(value):
            problems.append((key, f"{key} must be a number, got {value!r}"))
    if not problems and not (0 <= alpha < 1 and 0 <= alpha + beta < 1):
        problems.append(("alpha", f"s(λ) = alpha + beta·λ must lie in [0, 1) at λ = 0 and 1, got alpha={alpha!r}, beta={beta!r}"))
    return problems


METHOD = AggregationMethod(
    name="electre-iii",
    aggregate=electre_iii,
    properties={
        Property.WEIGHT_SCALE_INVARIANCE,
        Property.PERMUTATION_INVARIANCE,
        Property.TIES,
        Property.BOUNDED_BY_SCALE,
    },
    params={"thresholds": {}, "per_criterion": {}, "alpha": 0.3, "beta": -0.15},
    description="Outranking with indifference, preference and veto thresholds; a partial preorder (incomparability kept).",
    check_params=check_params,
    batched=electre_iii_batched,
    incomparable=incomparable_pairs,
)


@hookimpl
def rubric_aggregation_methods():
    return [METHOD]
