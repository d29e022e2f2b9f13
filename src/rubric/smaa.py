"""SMAA-2: how likely each proposal is to take each rank when weights and values are uncertain.

Stochastic multicriteria acceptability analysis (Lahdelma, R. & Salminen, P.
(2001) "SMAA-2: Stochastic multicriteria acceptability analysis for group
decision making", Operations Research 49(3): 444–454) asks, instead of "what
is the ranking under these weights?", "over every weighting an analyst could
hold, how often does each proposal come first, second, …?".  It reports:

* **rank acceptability indices** b_i^r: the share of the weight (and value)
  space in which proposal i takes rank r;
* **central weight vectors** w_i^c: the average weights among those that put
  proposal i first, i.e. the typical preferences of someone who would choose it;
* **confidence factors** p_i^c: how often proposal i comes first when judged
  with its own central weights while the values vary, i.e. whether the data are
  precise enough to pick it even for its most favourable voter.

The confidence factors are computed, as Tervonen, T. & Lahdelma, R. (2007)
"Implementing stochastic multicriteria acceptability analysis", European
Journal of Operational Research 178(2): 500–513 describe, in a second pass
with fresh value samples once the central weights are known.

How the samples are drawn
-------------------------
*Weights* are drawn uniformly from the simplex of effective criterion weights
(non-negative, summing to 1): every weighting is equally likely, the scheme's
own weights are not used.  A scheme's ``constraints`` narrow that space (see
:mod:`rubric.constraints` for the TOML form).  Bounds with low == high pin a
weight exactly; the value tree makes the pinned sets nested, so the remaining
space is a product of smaller simplices, each sampled uniformly.  Other bounds
and orderings are imposed by rejection, which keeps the sample exactly
uniform; if fewer than :data:`MIN_ACCEPTANCE` of the drawn vectors pass,
:class:`ConstraintError` says so rather than running for ever.  (Constraints
that tight would need a Markov-chain sampler such as hit-and-run: Tervonen, T.,
van Valkenhoef, G., Baştürk, N. & Postmus, D. (2013) "Hit-And-Run enables
efficient weight generation for simulation-based multiple criteria decision
analysis", European Journal of Operational Research 224(3): 552–559.)

*Values*: each criterion value with an interval (``low``/``high``) or several
raters is drawn anew in every sample.  With ``raters="pick"`` (the default) a
sample picks one of the cell's raters at random, each equally likely, and draws
within that rater's interval: disagreement between raters becomes uncertainty
instead of being averaged away.  The pick ignores the rubric's
``merge_raters`` rule, which decides the deterministic value only; with
``raters="merged"`` the merged value and interval are used instead.  Within an interval the
draw is uniform, or triangular with the rater's score as the mode.  Cells are
drawn independently of one another.

*Ties*: proposals whose scores are equal (within 1e-9 times the larger of 1
and the largest absolute value, the engine's own tie tolerance) share the
ranks they span evenly — two proposals tied for first get half
of rank 1 and half of rank 2 each — so acceptabilities still sum to 1 per
proposal and per rank, and the tie counts as half a first place for the central
weights.

The computation is vectorised: :func:`smaa_core` works on plain arrays (use it
directly for synthetic data or benchmarks); :func:`smaa` is a thin wrapper that
reads an :class:`~rubric.results.Evaluation`.  Under the weighted sum, scores
for a whole batch of samples come from one matrix product plus a sparse
correction for the uncertain cells; any other aggregation method is called
through the engine once per sample, with its errors naming the plugin.
numpy is imported only when a function here runs.
"""

from __future__ import annotations

import math
import sys
import time
from typing import Any, Callable, Mapping, Optional

import attrs

from rubric.components import Table
from rubric.constraints import ConstraintError, WeightConstraints, compile_constraints
from rubric.engine import TIE_TOLERANCE, aggregate
from rubric.errors import RubricError
from rubric.rendering import Rendered

__all__ = [
    "DISTRIBUTIONS",
    "MIN_ACCEPTANCE",
    "RATER_MODELS",
    "SmaaArrays",
    "SmaaError",
    "SmaaResult",
    "progress_bar",
    "smaa",
    "smaa_core",
]

#: How values are drawn within their interval.
DISTRIBUTIONS = ("uniform", "triangular")
#: How several raters of one value enter the sampling (see the module docstring).
RATER_MODELS = ("pick", "merged")
#: Below this share of accepted weight vectors, constrained sampling gives up.
MIN_ACCEPTANCE = 1e-3
#: Draws made before the acceptance rate is judged.
_JUDGE_AFTER = 20_000
#: Relative tolerance for ties between scores and for constraint checks: the engine's.
TOLERANCE = TIE_TOLERANCE
#: Upper bound on the floats one batch allocates per array (about 32 MB).
_BATCH_FLOATS = 4_000_000


class SmaaError(RubricError, ValueError):
    """An SMAA run that cannot go ahead as asked (bad arguments, unusable constraints)."""


class _WeightSampler:
    """Uniform weight vectors on the simplex, narrowed by constraints.

    Pinned bounds (low == high) split the criteria into blocks with a fixed
    total each; blocks are sampled as scaled uniform simplices (exponential
    spacings), and the remaining inequalities are imposed by rejection.
    """

    def __init__(self, m: int, constraints: Optional[WeightConstraints]):
        import numpy as np

        self.m = m
        self.drawn = 0
        self.accepted = 0
        constraints = constraints if constraints is not None and not constraints.empty else None
        pinned = {}
        loose = []
        for node, members, low, high in constraints.bounds if constraints else ():
            if high - low <= 1e-12:
                pinned[frozenset(members)] = (node, (low + high) / 2)
            else:
                loose.append((members, low, high))
        self.blocks = self._blocks(m, pinned)
        if loose:
            self.member_matrix = np.zeros((m, len(loose)))
            for column, (members, _, _) in enumerate(loose):
                self.member_matrix[list(members), column] = 1.0
            self.lows = np.array([lo for _, lo, _ in loose])
            self.highs = np.array([hi for _, _, hi in loose])
        else:
            self.member_matrix = None
        orders = constraints.orders if constraints else ()
        self.order_texts = [text for text, _ in orders]
        self.order_matrix = np.array([c for _, c in orders]).T if orders else None
        self.rejecting = self.member_matrix is not None or self.order_matrix is not None

    @staticmethod
    def _blocks(m: int, pinned: Mapping[frozenset, tuple]) -> list:
        """(criterion indices, total) blocks; a criterion belongs to its smallest pinned node."""
        nodes = sorted(pinned.items(), key=lambda item: len(item[0]))
        owner = {}
        for members, _ in nodes:
            for j in members:
                owner.setdefault(j, members)
        blocks = []
        everything = frozenset(range(m))
        root = [] if everything in pinned else [(everything, ("", 1.0))]
        for members, (node, total) in [*nodes, *root]:
            # Nodes are nested or disjoint, so the pinned nodes strictly inside
            # this one that are not inside another such node are its children.
            inside = [other for other, _ in nodes if other < members]
            maximal = [other for other in inside if not any(other < bigger for bigger in inside)]
            free = sorted(j for j in members if owner.get(j, everything) == members)
            remaining = total - sum(pinned[other][1] for other in maximal)
            where = f"the pinned weight of {node!r}" if node else "the total weight 1"
            if remaining < -1e-9 or (not free and remaining > 1e-9):
                pinned_inside = ", ".join(pinned[other][0] for other in maximal) or "nothing"
                raise ConstraintError(
                    [f"bounds: no weighting satisfies the pinned weights: {where} ({total:g}) cannot be split "
                     f"among {pinned_inside} (pinned to {sum(pinned[o][1] for o in maximal):g} in all)"
                     + ("" if free else " with no other criterion to take the rest")]
                )
            if free:
                blocks.append((free, max(remaining, 0.0)))
        return blocks

    def _raw(self, rng, count: int):
        import numpy as np

        if len(self.blocks) == 1 and len(self.blocks[0][0]) == self.m:
            spacings = rng.standard_exponential((count, self.m))
            return spacings / spacings.sum(axis=1, keepdims=True)
        weights = np.zeros((count, self.m))
        for members, total in self.blocks:
            if len(members) == 1:
                weights[:, members[0]] = total
                continue
            spacings = rng.standard_exponential((count, len(members)))
            weights[:, members] = total * spacings / spacings.sum(axis=1, keepdims=True)
        return weights

    def _keep(self, weights):
        import numpy as np

        keep = np.ones(len(weights), dtype=bool)
        if self.member_matrix is not None:
            totals = weights @ self.member_matrix
            keep &= np.all(totals >= self.lows - TOLERANCE, axis=1) & np.all(totals <= self.highs + TOLERANCE, axis=1)
        if self.order_matrix is not None:
            keep &= np.all(weights @ self.order_matrix >= -TOLERANCE, axis=1)
        return keep

    def draw(self, rng, count: int):
        """Exactly ``count`` accepted weight vectors (count × m)."""
        import numpy as np

        if not self.rejecting:
            self.drawn += count
            self.accepted += count
            return self._raw(rng, count)
        parts, have = [], 0
        while have < count:
            rate = self.accepted / self.drawn if self.drawn else 1.0
            want = count - have
            size = int(min(max(want / max(rate, MIN_ACCEPTANCE) * 1.2, 256), 1_000_000))
            weights = self._raw(rng, size)
            keep = self._keep(weights)
            self.drawn += size
            self.accepted += int(keep.sum())
            if self.drawn >= _JUDGE_AFTER and self.accepted < MIN_ACCEPTANCE * self.drawn:
                raise ConstraintError([self._too_tight()])
            kept = weights[keep][:want]
            parts.append(kept)
            have += len(kept)
        return np.concatenate(parts) if len(parts) > 1 else parts[0]

    def _too_tight(self) -> str:
        share = self.accepted / self.drawn
        return (
            f"the weight constraints accept {share:.3%} of {self.drawn:,} weight vectors drawn uniformly "
            f"(at least {MIN_ACCEPTANCE:.1%} is needed): "
            + ("they contradict each other" if not self.accepted else "they are too tight to sample by rejection")
            + "; widen the bounds, pin weights exactly with low == high, or drop an ordering"
            + (f" ({'; '.join(self.order_texts)})" if self.order_texts else "")
        )

    @property
    def acceptance(self) -> float:
        return self.accepted / self.drawn if self.drawn else 1.0


# --- value sampling -------------------------------------------------------------


class _ValueSampler:
    """Draws the uncertain cells of the value matrix; the others stay at ``base``."""

    def __init__(self, values, low, high, distribution: str):
        import numpy as np

        present = ~np.isnan(values)
        if not present.any(axis=2).all():
            raise SmaaError("every proposal needs a value on every criterion (a cell has no rater)")
        low = np.where(np.isnan(low), values, low)
        high = np.where(np.isnan(high), values, high)
        if np.any(present & ((low > values) | (high < values))):
            raise SmaaError("every value must lie within its interval (low <= score <= high)")
        self.base = np.nanmean(values, axis=2)
        count = present.sum(axis=2)
        wide = np.any(present & (high > low), axis=2)
        spread = np.nanmax(np.where(present, values, -np.inf), axis=2) > np.nanmin(np.where(present, values, np.inf), axis=2)
        self.rows, self.cols = np.nonzero(wide | spread)
        self.k = len(self.rows)
        self.distribution = distribution
        if not self.k:
            return
        # Present raters first, so a random index below the count picks one of them.
        order = np.argsort(~present[self.rows, self.cols], axis=1, kind="stable")

        def take(array):
            return np.take_along_axis(array[self.rows, self.cols], order, axis=1)

        self.low, self.high, self.mode = take(low), take(high), take(values)
        self.count = count[self.rows, self.cols]
        self.several = bool((self.count > 1).any())
        self.cell = np.arange(self.k)
        self.base_cells = self.base[self.rows, self.cols]
        # The same distributions moved by −base: draws of the change from base, one pass cheaper.
        shift = self.base_cells[:, None]
        self.shifted = (self.low - shift, self.high - shift, self.mode - shift)
        # Cells grouped by row, for summing their corrections per proposal.
        self.starts = np.flatnonzero(np.r_[True, self.rows[1:] != self.rows[:-1]])
        self.touched = self.rows[self.starts]

    def draw(self, rng, count: int, *, change: bool = False):
        """Sampled values of the uncertain cells (``count`` × k); with ``change``, minus their base values."""
        import numpy as np

        low, high, mode = self.shifted if change else (self.low, self.high, self.mode)
        if self.several:
            pick = (rng.random((count, self.k)) * self.count).astype(np.intp)
            low, high, mode = low[self.cell, pick], high[self.cell, pick], mode[self.cell, pick]
        else:
            low, high, mode = low[:, 0], high[:, 0], mode[:, 0]
        u = rng.random((count, self.k))
        width = high - low
        if self.distribution == "uniform":
            u *= width
            u += low
            return u
        # Triangular by its inverse distribution function, mode = the rater's score.
        rise = mode - low
        with np.errstate(invalid="ignore", divide="ignore"):
            turn = np.where(width > 0, rise / np.where(width > 0, width, 1.0), 0.0)
        left = low + np.sqrt(u * width * rise)
        right = high - np.sqrt((1.0 - u) * width * (high - mode))
        return np.where(u < turn, left, right)

    def matrices(self, rng, count: int):
        """``count`` full value matrices (count × n × m)."""
        import numpy as np

        matrices = np.broadcast_to(self.base, (count, *self.base.shape)).copy()
        if self.k:
            matrices[:, self.rows, self.cols] = self.draw(rng, count)
        return matrices


# --- ranks ----------------------------------------------------------------------------


def _tolerance(scores) -> float:
    """Absolute tie tolerance for a batch of scores of unknown range."""
    import numpy as np

    return TOLERANCE * max(1.0, float(np.abs(scores).max())) if scores.size else TOLERANCE


class _Tally:
    """Running sums of rank counts, first-rank weights and first-rank shares."""

    def __init__(self, n: int, m: int):
        import numpy as np

        self.n = n
        self.ranks = np.zeros((n, n))
        self.central = np.zeros((n, m))
        self.first = np.zeros(n)

    def add(self, scores, weights, tolerance: float) -> None:
        """Add a batch: ``scores`` samples × n (higher is better), ``weights`` samples × m."""
        import numpy as np

        # Sorted ascending and gathered while contiguous; reversed views then put the best first.
        ascending = np.argsort(scores, axis=1)
        ordered = np.take_along_axis(scores, ascending, axis=1)
        apart = ((ordered[:, 1:] - ordered[:, :-1]) > tolerance)[:, ::-1]
        order = ascending[:, ::-1]
        # Every sample is counted as if untied; the few with ties are then
        # taken out again and shared out, so large batches stay on the fast path.
        self._count(order, weights, 1.0)
        tied = np.flatnonzero(~apart.all(axis=1))
        if len(tied):
            self._count(order[tied], weights[tied], -1.0)
            self._share(order[tied], apart[tied], weights[tied])

    def _count(self, order, weights, sign: float) -> None:
        import numpy as np

        n = self.n
        # One count per rank column: cheaper than one flat bincount over samples × n.
        for position in range(n):
            self.ranks[:, position] += sign * np.bincount(order[:, position], minlength=n)
        top = order[:, 0]
        self.first += sign * np.bincount(top, minlength=n)
        for j in range(weights.shape[1]):
            self.central[:, j] += sign * np.bincount(top, weights=weights[:, j], minlength=n)

    def _share(self, order, apart, weights) -> None:
        """Tied proposals share the ranks they span: 1/size of each, added as a difference array."""
        import numpy as np

        n = self.n
        position = np.arange(n)
        opens = np.ones(order.shape, dtype=bool)
        opens[:, 1:] = apart
        closes = np.ones(order.shape, dtype=bool)
        closes[:, :-1] = apart
        start = np.maximum.accumulate(np.where(opens, position, 0), axis=1)
        end = np.minimum.accumulate(np.where(closes, position, n)[:, ::-1], axis=1)[:, ::-1]
        share = 1.0 / (end - start + 1)
        width = n + 1
        steps = np.bincount((order * width + start).ravel(), weights=share.ravel(), minlength=n * width)
        steps -= np.bincount((order * width + end + 1).ravel(), weights=share.ravel(), minlength=n * width)
        self.ranks += np.cumsum(steps.reshape(n, width), axis=1)[:, :n]
        first = np.zeros(order.shape)
        np.put_along_axis(first, order, np.where(start == 0, share, 0.0), axis=1)
        self.first += first.sum(axis=0)
        self.central += first.T @ weights


def _first_share(scores, who, tolerance: float):
    """Per sample, the share of first place that proposal ``who[c]`` gets in ``scores[:, :, c]``.

    One pass for the best of the others; the tie count is only taken where
    the proposal is level with them, which is rare.
    """
    import numpy as np

    columns = np.arange(len(who))
    own = scores[:, who, columns]
    scores[:, who, columns] = -np.inf
    rest = scores.max(axis=1)
    scores[:, who, columns] = own
    share = (own > rest + tolerance).astype(float)
    level = np.abs(own - rest) <= tolerance
    if level.any():
        sample, column = np.nonzero(level)
        best = np.maximum(own, rest)[sample, column]
        tied = (scores[sample, :, column] >= best[:, None] - tolerance).sum(axis=1)
        share[sample, column] = 1.0 / tied
    return share


# --- the array-level core -------------------------------------------------------------


@attrs.frozen
class SmaaArrays:
    """What :func:`smaa_core` computes, as numpy arrays.

    ``acceptability[i, r]`` is b_i^(r+1); ``central_weights[i]`` is NaN where
    proposal i never comes first, as is ``confidence[i]``; ``acceptance`` is
    the share of drawn weight vectors the constraints accepted.
    """

    acceptability: Any
    central_weights: Any
    confidence: Any
    acceptance: float
    samples: int


def _prepare(array, name: str):
    import numpy as np

    if array is None:
        return None
    array = np.asarray(array, dtype=float)
    if array.ndim == 2:
        array = array[:, :, None]
    if array.ndim != 3:
        raise SmaaError(f"{name} must be proposals × criteria (× raters), found {array.ndim} dimensions")
    return array


def smaa_core(
    values,
    low=None,
    high=None,
    *,
    samples: int = 10_000,
    seed: Optional[int] = 0,
    distribution: str = "uniform",
    constraints: Optional[WeightConstraints] = None,
    aggregate: Optional[Callable] = None,
    progress: Optional[Callable[[float], None]] = None,
) -> SmaaArrays:
    """SMAA-2 on arrays: the engine behind :func:`smaa`, usable on its own.

    :param values: proposals × criteria, or proposals × criteria × raters with
        NaN where a rater gave no score (each sample picks a present rater).
    :param low, high: the same shape; NaN or absent means the score itself.
    :param constraints: compiled :class:`WeightConstraints` (see
        :func:`compile_constraints`), or ``None`` for the whole simplex.
    :param aggregate: ``aggregate(matrix, weights) -> scores`` for one sample;
        ``None`` means the weighted sum, computed a batch at a time.
    :param progress: called with the fraction done (0 to 1) after each batch.
    """
    import numpy as np

    if distribution not in DISTRIBUTIONS:
        raise SmaaError(f"score distribution must be one of {', '.join(DISTRIBUTIONS)}, found {distribution!r}")
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise SmaaError(f"samples must be a whole number >= 1, found {samples!r}")
    values = _prepare(values, "values")
    low = _prepare(low, "low") if low is not None else np.full(values.shape, np.nan)
    high = _prepare(high, "high") if high is not None else np.full(values.shape, np.nan)
    if low.shape != values.shape or high.shape != values.shape:
        raise SmaaError(f"low and high must have the shape of values {values.shape}, found {low.shape} and {high.shape}")
    n, m, _ = values.shape
    if m == 0:
        raise SmaaError("SMAA needs at least one criterion")
    cells = _ValueSampler(values, low, high, distribution)
    # Weights sum to 1, so weighted sums never exceed the largest value in size.
    bound = max(1.0, float(np.nanmax(np.abs(np.concatenate([values, low, high], axis=None))))) if values.size else 1.0
    tolerance = TOLERANCE * bound
    weights_rng, values_rng, confidence_rng = (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(3))
    sampler = _WeightSampler(m, constraints)
    tally = _Tally(n, m)
    batch = max(1, min(samples, _BATCH_FLOATS // max(n, cells.k, m, 1)))
    confidence_work = samples if cells.k else 0
    total_work = samples + confidence_work
    report = progress or (lambda fraction: None)
    report(0.0)
    done = 0
    while done < samples:
        size = min(batch, samples - done)
        weights = sampler.draw(weights_rng, size)
        if aggregate is None:
            scores = weights @ cells.base.T
            if cells.k:
                change = cells.draw(values_rng, size, change=True)
                change *= weights[:, cells.cols]
                scores[:, cells.touched] += np.add.reduceat(change, cells.starts, axis=1)
        else:
            matrices = cells.matrices(values_rng, size)
            scores = np.array([aggregate(matrices[s], weights[s]) for s in range(size)], dtype=float).reshape(size, n)
            tolerance = _tolerance(scores)
        tally.add(scores, weights, tolerance)
        done += size
        report(done / total_work)

    acceptability = tally.ranks / samples
    with np.errstate(invalid="ignore", divide="ignore"):
        central = np.where(tally.first[:, None] > 0, tally.central / tally.first[:, None], np.nan)
    confidence = np.full(n, np.nan)
    winners = np.flatnonzero(tally.first > 0)
    if len(winners):
        chosen = central[winners]  # winners × m
        if not cells.k:
            confidence[winners] = _confidence_batch(cells.base[None], chosen, winners, aggregate, tolerance)[0]
        else:
            hits = np.zeros(len(winners))
            step = max(1, min(samples, _BATCH_FLOATS // max(n * (m + len(winners)), 1)))
            if aggregate is not None:
                step = min(step, batch)
            done = 0
            while done < samples:
                size = min(step, samples - done)
                hits += _confidence_batch(cells.matrices(confidence_rng, size), chosen, winners, aggregate, tolerance).sum(axis=0)
                done += size
                report((samples + done) / total_work)
            confidence[winners] = hits / samples
    report(1.0)
    return SmaaArrays(acceptability, central, confidence, sampler.acceptance, samples)


def _confidence_batch(matrices, chosen, winners, aggregate, tolerance: float):
    """Per sample and winner c, its share of first place under its central weights."""
    import numpy as np

    if aggregate is None:
        scores = matrices @ chosen.T  # samples × n × winners
    else:
        scores = np.array(
            [[aggregate(matrix, weights) for weights in chosen] for matrix in matrices], dtype=float
        ).transpose(0, 2, 1)
        tolerance = _tolerance(scores)
    return _first_share(scores, winners, tolerance)


# --- the Evaluation-level wrapper -----------------------------------------------------


def _value_arrays(evaluation, raters: str):
    """values, low, high as proposals × criteria × raters arrays (NaN padded)."""
    import numpy as np

    rows = evaluation.values
    n, m = len(rows), len(evaluation.rubric.criteria)
    depth = 1 if raters == "merged" else max((len(v.raters) for row in rows for v in row), default=1) or 1
    values = np.full((n, m, depth), np.nan)
    low, high = values.copy(), values.copy()
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if raters == "pick" and value.raters:
                given = [(r.score, r.low, r.high) for r in value.raters]
            else:
                given = [(value.score, value.low, value.high)]
            for r, (score, lo, hi) in enumerate(given):
                values[i, j, r] = score
                low[i, j, r] = score if lo is None else lo
                high[i, j, r] = score if hi is None else hi
    return values, low, high


def _aggregator(evaluation, scheme):
    """Per-sample aggregation through the engine, so plugin failures name the plugin."""
    import numpy as np

    registry, rubric, proposals = evaluation.registry, evaluation.rubric, evaluation.proposals

    def one_sample(matrix, weights):
        return np.asarray(aggregate(registry, rubric, scheme, matrix, weights.tolist(), proposals=proposals), dtype=float)

    return one_sample


def smaa(
    evaluation,
    scheme_id: Optional[str] = None,
    *,
    samples: int = 10_000,
    seed: Optional[int] = 0,
    score_distribution: str = "uniform",
    constraints: Any = None,
    raters: str = "pick",
    progress: Optional[Callable[[float], None]] = None,
) -> "SmaaResult":
    """SMAA-2 for one scheme of an evaluation (see the module docstring).

    :param scheme_id: whose aggregation method and constraints to use
        (default: the evaluation's first scheme).  The scheme's weights are not
        used: weights are sampled.
    :param samples: Monte Carlo samples; the standard error of an
        acceptability is at most 0.5/√samples (0.5 points at 10,000).
    :param seed: seeds numpy's generator: the same seed gives the same result.
    :param score_distribution: ``"uniform"`` or ``"triangular"`` (mode = score).
    :param constraints: a constraints table (see :mod:`rubric.constraints`), a
        :class:`WeightConstraints`, or ``None`` for the scheme's own (its
        ``constraints`` attribute, if any); ``{}`` ignores the scheme's.
    :param raters: ``"pick"`` (a random rater per sample and value) or
        ``"merged"`` (the merged value and interval).
    :param progress: called with the fraction done; see :func:`progress_bar`.
    """
    if raters not in RATER_MODELS:
        raise SmaaError(f"raters must be one of {', '.join(RATER_MODELS)}, found {raters!r}")
    result = evaluation.result(scheme_id) if scheme_id else evaluation.results[0]
    scheme = result.scheme
    rubric = evaluation.rubric
    if constraints is None:
        constraints = getattr(scheme, "constraints", None)
    compiled = compile_constraints(constraints, rubric)
    if not evaluation.proposals:
        raise SmaaError(f"rubric {rubric.id!r} applies to no proposal: nothing to rank")
    method = scheme.aggregation.name
    values, low, high = _value_arrays(evaluation, raters)
    linear = evaluation.registry.aggregation_method(method).linear
    per_sample = None if linear else _aggregator(evaluation, scheme)
    arrays = smaa_core(
        values,
        low,
        high,
        samples=samples,
        seed=seed,
        distribution=score_distribution,
        constraints=compiled,
        aggregate=per_sample,
        progress=progress,
    )

    def optional(number):
        return None if math.isnan(number) else float(number)

    return SmaaResult(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        scheme_id=scheme.id,
        method=method,
        proposals=tuple(p.id for p in evaluation.proposals),
        criteria=tuple(c.id for c in rubric.criteria),
        ranks=tuple(result.ranks),
        acceptability=tuple(tuple(float(b) for b in row) for row in arrays.acceptability),
        central_weights=tuple(
            None if math.isnan(row[0]) else tuple(float(w) for w in row) for row in arrays.central_weights
        ),
        confidence=tuple(optional(p) for p in arrays.confidence),
        samples=samples,
        seed=seed,
        distribution=score_distribution,
        raters=raters,
        merge_rule=rubric.merge_raters,
        constraints=compiled,
        acceptance=arrays.acceptance,
    )


def _percent(share: Optional[float]) -> Optional[float]:
    return None if share is None else round(100.0 * share, 1)


@attrs.frozen(repr=False)
class SmaaResult(Rendered):
    """Rank acceptabilities, central weights and confidence factors for one scheme.

    Sequences are aligned with :attr:`proposals` (evaluation order) and
    :attr:`criteria` (rubric order); ``acceptability[i][r]`` is the probability
    that proposal i takes rank r + 1; ``ranks`` are the scheme's own ranks.
    """

    rubric_id: str
    rubric_version: str
    scheme_id: str
    method: str
    proposals: tuple
    criteria: tuple
    ranks: tuple
    acceptability: tuple
    central_weights: tuple
    confidence: tuple
    samples: int
    seed: Optional[int]
    distribution: str
    raters: str
    merge_rule: str
    constraints: WeightConstraints
    acceptance: float

    def __repr__(self) -> str:
        return (
            f"<SmaaResult of {len(self.proposals)} proposals under scheme {self.scheme_id!r} of rubric "
            f"{self.rubric_id!r}: {self.samples:,} samples, seed {self.seed}>"
        )


    def _order(self) -> list:
        return sorted(range(len(self.proposals)), key=lambda i: (self.ranks[i], self.proposals[i]))

    def _notes(self) -> list:
        margin = 100 * 1.96 * 0.5 / math.sqrt(self.samples)
        notes = [
            f"{self.samples:,} samples, seed {self.seed}; aggregation {self.method}. Percentages are within "
            f"±{margin:.1f} points of the exact value 95% of the time.",
            "Weights: drawn uniformly over all weightings"
            + (" that satisfy the scheme's constraints" if not self.constraints.empty else "")
            + "; the scheme's own weights are not used.",
            "Values: "
            + (
                f"one rater picked at random per sample and value, then drawn within that rater's interval ({self.distribution})."
                if self.raters == "pick"
                else f"drawn within the merged interval ({self.merge_rule} of the raters; {self.distribution})."
            ),
        ]
        if not self.constraints.empty:
            described = [f"{node} in [{lo:g}, {hi:g}]" for node, _, lo, hi in self.constraints.bounds]
            described += [text for text, _ in self.constraints.orders]
            notes.append(f"Constraints: {'; '.join(described)} (accepted {self.acceptance:.1%} of drawn weightings).")
        return notes

    def acceptability_table(self) -> Table:
        n = len(self.proposals)
        rows = tuple(
            (self.proposals[i], self.ranks[i], *(_percent(b) for b in self.acceptability[i])) for i in self._order()
        )
        return Table(
            title=f"Rank acceptability (%) under scheme {self.scheme_id!r}: how often each proposal takes each rank",
            headers=("Proposal", "Scheme rank", *(f"Rank {r}" for r in range(1, n + 1))),
            rows=rows,
            float_format=".1f",
            notes=tuple(
                self._notes()
                + ["Tied proposals share the ranks they span evenly; every row and every rank column sums to 100."]
            ),
        )

    def central_weights_table(self) -> Table:
        rows = tuple(
            (self.proposals[i], _percent(self.acceptability[i][0]), *(self.central_weights[i] or (None,) * len(self.criteria)))
            for i in self._order()
        )
        return Table(
            title=f"Central weights under scheme {self.scheme_id!r}: the typical weights of those who would rank each proposal first",
            headers=("Proposal", "Rank 1 (%)", *self.criteria),
            rows=rows,
            float_format=("", ".1f", *(".3f" for _ in self.criteria)),
            notes=("n/a: the proposal never came first, so it has no central weights.",),
        )

    def confidence_table(self) -> Table:
        rows = tuple(
            (self.proposals[i], _percent(self.acceptability[i][0]), _percent(self.confidence[i])) for i in self._order()
        )
        return Table(
            title=f"Confidence factors under scheme {self.scheme_id!r}",
            headers=("Proposal", "Rank 1 (%)", "Confidence (%)"),
            rows=rows,
            float_format=".1f",
            notes=(
                "Confidence: how often the proposal comes first with its own central weights while the values vary "
                "(100 when values are exact and it wins there); low means the values are too uncertain to pick it "
                "even for its most favourable voter.",
                "n/a: the proposal never came first.",
            ),
        )

    def tables(self) -> list:
        """Rank acceptabilities, central weights and confidence factors."""
        return [self.acceptability_table(), self.central_weights_table(), self.confidence_table()]

    def to_records(self) -> list:
        """One flat record per proposal (``pandas.DataFrame(records)``); shares in [0, 1]."""
        records = []
        for i in self._order():
            record = {
                "rubric": self.rubric_id,
                "rubric_version": self.rubric_version,
                "scheme": self.scheme_id,
                "method": self.method,
                "samples": self.samples,
                "seed": self.seed,
                "distribution": self.distribution,
                "raters": self.raters,
                "proposal": self.proposals[i],
                "scheme_rank": int(self.ranks[i]),
            }
            record.update({f"rank_{r + 1}": b for r, b in enumerate(self.acceptability[i])})
            weights = self.central_weights[i]
            record.update({f"central_weight_{c}": (weights[j] if weights else None) for j, c in enumerate(self.criteria)})
            record["confidence"] = self.confidence[i]
            records.append(record)
        return records


# --- progress ----------------------------------------------------------------------


def progress_bar(label: str = "SMAA", *, stream=None, delay: float = 1.0, width: int = 30) -> Callable[[float], None]:
    """A ``progress`` callable that draws a bar on stderr, for long runs only.

    Nothing is drawn unless ``stream`` (default ``sys.stderr``) is a terminal
    and more than ``delay`` seconds have passed since the bar was made, so
    short runs, pipes and logs stay clean.  The bar ends its line at 1.0.
    """
    stream = stream if stream is not None else sys.stderr
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        terminal = False
    started = time.perf_counter()
    state = {"shown": False, "last": -1}

    def update(fraction: float) -> None:
        if not terminal:
            return
        if not state["shown"] and time.perf_counter() - started < delay:
            return
        filled = int(width * min(max(fraction, 0.0), 1.0))
        percent = int(100 * min(max(fraction, 0.0), 1.0))
        if percent == state["last"]:
            return
        state["shown"], state["last"] = True, percent
        stream.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {percent:3d}%")
        if fraction >= 1.0:
            stream.write("\n")
        stream.flush()

    return update
