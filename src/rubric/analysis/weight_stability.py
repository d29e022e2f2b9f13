"""Weight stability: how far one weight can move before the ranking changes.

For each criterion and each group of a scheme, the weight W of that node is
moved away from the scheme's value W0 while every other weight is rescaled
proportionally so that the weights still sum to 1: inside the node, criterion
j keeps its share u_j = w_j / W0; outside it, criterion j keeps its share
v_j = w_j / (1 − W0).  (When W0 is 0 or 1 those shares are undefined; the
criteria inside, or outside, then share equally.)  Reported per node:

* the interval of W over which the full ranking stays the same, and which
  proposal passes which at each end;
* the wider interval over which the top proposal stays on top, and which
  proposal takes first place at each end.

An end at 0 or 1 means the ranking holds all the way there; nothing takes over
(proposals may still tie at exactly 0 or 1).

**Weighted sum: exact.**  With a(i) = Σ_{j in node} u_j x_ij (the node's
sub-score) and b(i) = Σ_{j outside} v_j x_ij (the rest's), every score is
linear in W:

    s_i(W) = W · a(i) + (1 − W) · b(i),

so the order of proposals i and k changes only where their lines cross,

    W* = (b(k) − b(i)) / ((a(i) − a(k)) − (b(i) − b(k))),

and the interval is bounded by the nearest crossings below and above W0.  This
is the pairwise-threshold idea of Triantaphyllou, E. & Sánchez, A. (1997) "A
sensitivity analysis approach for some deterministic multi-criteria
decision-making methods", Decision Sciences 28(1): 151–194, applied to a weight
moved with the others rescaled in proportion.

**Other methods: numeric.**  The ranking is recomputed through the engine (so
the registry's aggregation method is used, and a failing plugin is named) on a
grid of W (``grid`` steps over [0, 1]), and each end is refined by bisection
to 1e-9.  A method with a batched form scores the whole grid in one call.
A change that reverses within one grid step can be missed; raise
``grid`` to look closer.

"The ranking stays the same" means no proposal passes or draws level with one
that was ahead of it at W0.  Proposals tied at W0 have no order to keep: a
move that separates them is not counted (the tables say which are tied).
Likewise "the top proposal stays on top" means first place stays with the
proposals first at W0.
"""

from __future__ import annotations

from typing import Optional, Sequence

from rubric.analysis.stability_result import StabilityError, StabilityResult, WeightInterval
from rubric.model import Rubric
from rubric.results import Evaluation, SchemeResult

__all__ = ["stability", "weight_intervals"]

#: Ends closer than this to 0 or 1 count as the end of the range.
_EDGE = 1e-9
#: Bisection stops when the bracket is this narrow.
_PRECISION = 1e-9
#: How far past a numeric end the new order is read.
_PAST = 1e-7


# --- the value tree -----------------------------------------------------------------


def _nodes(rubric: Rubric) -> list:
    """(id, kind, title, criterion indices) for every group and criterion, tree order."""
    titles = {g.id: g.title for g in rubric.groups}
    nodes = []

    def visit(group) -> None:
        members = rubric.columns_under(group.id)
        nodes.append((group.id, "group", titles[group.id], members))
        for child in rubric.groups:
            if child.parent == group.id:
                visit(child)
        for criterion in rubric.criteria:
            if criterion.group == group.id:
                nodes.append((criterion.id, "criterion", criterion.title, rubric.columns_under(criterion.id)))

    for group in rubric.top_groups:
        visit(group)
    return nodes


def _shares(weights, members: Sequence[int]):
    """Unit weight vectors inside and outside a node, and the node's weight W0."""
    import numpy as np

    inside = np.zeros(len(weights), dtype=bool)
    inside[list(members)] = True
    w0 = float(weights[inside].sum())
    u = np.where(inside, weights, 0.0)
    v = np.where(inside, 0.0, weights)
    u = u / u.sum() if u.sum() > 0 else inside / inside.sum()
    v = v / v.sum() if v.sum() > 0 else ~inside / (~inside).sum()
    return u, v, min(max(w0, 0.0), 1.0)


# --- exact: weighted sum ----------------------------------------------------------------


def weight_intervals(a, b, w0: float, ids: Sequence[str], *, tolerance: float = 1e-9) -> dict:
    """Exact intervals for scores s_i(W) = W·a_i + (1 − W)·b_i around W = w0.

    The array-level core of the weighted-sum case: ``a`` and ``b`` are the
    node's and the rest's sub-scores per proposal.  Returns a dict with
    ``ranking``, ``ranking_below``, ``ranking_above``, ``top``, ``top_below``,
    ``top_above`` (see :class:`WeightInterval`).
    """
    import numpy as np

    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    s0 = w0 * a + (1 - w0) * b
    slope = a - b  # ds_i/dW
    level = float(np.abs(s0).max()) if len(s0) else 0.0
    limit = tolerance * max(1.0, level)
    d0 = s0[:, None] - s0[None, :]  # d0[i, k] = s_i − s_k at w0
    dslope = slope[:, None] - slope[None, :]
    ahead = d0 > limit  # i strictly ahead of k at w0: an order to keep
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = np.where(dslope != 0, w0 - d0 / dslope, np.nan)
    # k passes i where their lines cross: above w0 if i's lead shrinks as W
    # grows (dslope < 0), below w0 if it grows.
    passing = {+1: ahead & (dslope < 0), -1: ahead & (dslope > 0)}

    def nearest(mask, direction) -> float:
        if not mask.any():
            return 1.0 if direction > 0 else 0.0
        at = float(np.nanmin(np.where(mask, direction * cross, np.inf))) * direction
        return min(at, 1.0) if direction > 0 else max(at, 0.0)

    def at_end(at, direction) -> bool:
        return at >= 1.0 - _EDGE if direction > 0 else at <= _EDGE

    def swaps(at, direction) -> tuple:
        if at_end(at, direction):
            return ()
        faller, riser = np.nonzero(passing[direction] & (np.abs(cross - at) <= _PRECISION))
        return tuple(sorted((ids[int(r)], ids[int(f)]) for r, f in zip(riser, faller)))

    leaders = s0 >= s0.max() - limit if len(s0) else np.zeros(0, dtype=bool)

    def first_place(direction) -> tuple:
        """Where first place leaves the leaders at w0, and who takes it."""
        mask = passing[direction] & leaders[:, None] & ~leaders[None, :]
        for at in sorted(set((direction * cross[mask]).tolist())):
            at *= direction
            if (direction > 0 and at >= 1.0) or (direction < 0 and at <= 0.0):
                break
            scores = at * a + (1 - at) * b
            close = np.flatnonzero(scores >= scores.max() - limit - _PRECISION * np.abs(slope).max())
            # All of these tie at `at`; the steepest in the direction of travel is first just past it.
            steepest = (direction * slope[close]).max()
            winners = close[direction * slope[close] >= steepest - tolerance]
            if not leaders[winners].all():
                if at_end(at, direction):
                    break
                return at, tuple(sorted(ids[i] for i in winners if not leaders[i]))
        return (1.0 if direction > 0 else 0.0), ()

    low, high = nearest(passing[-1], -1), nearest(passing[+1], +1)
    low, high = (0.0 if at_end(low, -1) else low), (1.0 if at_end(high, +1) else high)
    (top_low, top_below), (top_high, top_above) = first_place(-1), first_place(+1)
    return {
        "ranking": (low, high),
        "ranking_below": swaps(low, -1),
        "ranking_above": swaps(high, +1),
        "top": (top_low, top_high),
        "top_below": top_below,
        "top_above": top_above,
    }


# --- numeric: any method ------------------------------------------------------------------


class _Ranker:
    """Ranks at a node weight W through the engine (or the method's batched form), memoised."""

    def __init__(self, evaluation: Evaluation, result: SchemeResult, u, v):
        from rubric.analysis.batch import batched_aggregator
        from rubric.engine import aggregate, rank

        self.matrix = [[value.score for value in row] for row in evaluation.values]
        self.ids = [p.id for p in evaluation.proposals]
        self.u, self.v = u, v
        self.cache: dict[float, tuple[int, ...]] = {}
        self._aggregate = lambda weights: aggregate(
            evaluation.registry, evaluation.rubric, result.scheme, self.matrix, weights, proposals=evaluation.proposals
        )
        self._batched = batched_aggregator(evaluation, result.scheme)
        self._rank = rank

    def __call__(self, w: float) -> tuple:
        if w not in self.cache:
            if self._batched is not None:
                self.prefill([w])
            else:
                weights = (w * self.u + (1 - w) * self.v).tolist()
                self.cache[w] = tuple(int(r) for r in self._rank(self._aggregate(weights), self.ids))
        return self.cache[w]

    def prefill(self, points: Sequence[float]) -> None:
        """Rank at every point in one batched call, where the method has a batched form."""
        import numpy as np

        if self._batched is None or not points:
            return
        weights = np.array([w * self.u + (1 - w) * self.v for w in points])
        matrix = np.array(self.matrix, dtype=float).reshape(len(self.ids), len(self.u))
        for w, scores in zip(points, self._batched(matrix, weights)):
            self.cache[w] = tuple(int(r) for r in self._rank(scores.tolist(), self.ids))


def _walk(ranks, w0: float, grid: int, same, direction: int) -> tuple:
    """The end of the range around w0 where ``same(ranks(W))`` holds, and the ranks just past it."""
    steps = [k / grid for k in range(grid + 1)]
    points = [p for p in steps if p > w0] if direction > 0 else [p for p in reversed(steps) if p < w0]
    inside = w0
    for point in points:
        if same(ranks(point)):
            inside = point
            continue
        outside = point
        while abs(outside - inside) > _PRECISION:
            middle = (inside + outside) / 2
            if same(ranks(middle)):
                inside = middle
            else:
                outside = middle
        end = (inside + outside) / 2
        if (direction > 0 and end >= 1.0 - 1e-6) or (direction < 0 and end <= 1e-6):
            break
        # Who took over is read a little past the end, where the scores that
        # met there are apart by more than the engine's tie tolerance.
        past = min(1.0, max(0.0, outside + direction * _PAST))
        return end, ranks(past)
    return (1.0 if direction > 0 else 0.0), None


def _numeric(ranker, w0: float, grid: int, ids: Sequence[str]) -> dict:
    ranker.prefill([w0, *(k / grid for k in range(grid + 1))])
    base = ranker(w0)
    n = len(base)
    leaders = {i for i, r in enumerate(base) if r == 1}
    ordered = [(i, k) for i in range(n) for k in range(n) if base[i] < base[k]]  # i strictly ahead of k
    levels = [[i for i in range(n) if base[i] == rank] for rank in sorted(set(base))]

    def same_ranking(ranks):
        # Every strict order holds iff each rank level stays wholly ahead of the next one.
        return all(
            max(ranks[i] for i in ahead) < min(ranks[k] for k in behind) for ahead, behind in zip(levels, levels[1:])
        )

    def same_top(ranks):
        return {i for i, r in enumerate(ranks) if r == 1} <= leaders

    def passes(after):
        if after is None:
            return ()
        return tuple(sorted((ids[k], ids[i]) for i, k in ordered if after[k] <= after[i]))

    def first(after):
        if after is None:
            return ()
        return tuple(sorted(ids[i] for i, r in enumerate(after) if r == 1 and i not in leaders))

    low, below = _walk(ranker, w0, grid, same_ranking, -1)
    high, above = _walk(ranker, w0, grid, same_ranking, +1)
    top_low, top_below = _walk(ranker, w0, grid, same_top, -1)
    top_high, top_above = _walk(ranker, w0, grid, same_top, +1)
    return {
        "ranking": (low, high),
        "ranking_below": passes(below),
        "ranking_above": passes(above),
        "top": (top_low, top_high),
        "top_below": first(top_below),
        "top_above": first(top_above),
    }


# --- the Evaluation-level wrapper ------------------------------------------------------------


def stability(
    evaluation: Evaluation, scheme_id: Optional[str] = None, *, grid: int = 200, numeric: bool = False
) -> StabilityResult:
    """Weight stability intervals for every criterion and group of one scheme.

    :param scheme_id: the scheme (default: the evaluation's first).
    :param grid: grid steps over [0, 1] for the numeric search.
    :param numeric: search numerically even under the weighted sum (a cross-check).
    """
    import numpy as np

    result = evaluation.result(scheme_id)
    rubric = evaluation.rubric
    method = result.scheme.aggregation.name
    exact = evaluation.registry.aggregation_method(method).linear and not numeric
    if isinstance(grid, bool) or not isinstance(grid, int) or grid < 1:
        raise StabilityError(f"grid must be a whole number >= 1, found {grid!r}")
    ids = [p.id for p in evaluation.proposals]
    weights = np.array([result.weights[c.id] for c in rubric.criteria], dtype=float)
    matrix = np.array([[value.score for value in row] for row in evaluation.values], dtype=float).reshape(len(ids), len(weights))
    intervals = []
    for node, kind, title, members in _nodes(rubric):
        if len(members) == len(weights) or not members:
            continue  # a node holding every criterion (or none) has nothing to trade against
        u, v, w0 = _shares(weights, members)
        if not ids:
            found = {
                "ranking": (0.0, 1.0), "ranking_below": (), "ranking_above": (),
                "top": (0.0, 1.0), "top_below": (), "top_above": (),
            }
        elif exact:
            found = weight_intervals(matrix @ u, matrix @ v, w0, ids)
        else:
            found = _numeric(_Ranker(evaluation, result, u, v), w0, grid, ids)
        intervals.append(WeightInterval(node=node, kind=kind, title=title, weight=w0, **found))
    order = sorted(range(len(ids)), key=lambda i: (result.ranks[i], ids[i]))
    return StabilityResult(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        scheme_id=result.scheme.id,
        method=method,
        exact=exact,
        ranking=tuple((ids[i], int(result.ranks[i])) for i in order),
        top=tuple(ids[i] for i in order if result.ranks[i] == 1),
        intervals=tuple(intervals),
        grid=None if exact else grid,
    )
