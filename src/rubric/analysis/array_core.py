"""SMAA-2 on plain arrays: batches of samples scored, ranked and tallied.

:func:`smaa_core` is the engine behind :func:`rubric.smaa`; use it directly
for synthetic data or benchmarks.  Under a linear method (the weighted sum),
scores for a whole batch of samples come from one matrix product plus a
sparse correction for the uncertain cells; a method with a batched form is
called once per batch through the ``batched`` callable it is given, on the
very matrices and weights a per-sample run would see; any other method is
called once per sample through the ``aggregate`` callable it is given.

*Ties*: proposals whose scores are equal (within 1e-9 times the larger of 1
and the largest absolute value, the engine's own tie tolerance) share the
ranks they span evenly — two proposals tied for first get half of rank 1 and
half of rank 2 each — so acceptabilities still sum to 1 per proposal and per
rank, and the tie counts as half a first place for the central weights.

The confidence factors are computed, as Tervonen, T. & Lahdelma, R. (2007)
"Implementing stochastic multicriteria acceptability analysis", European
Journal of Operational Research 178(2): 500–513 describe, in a second pass
with fresh value samples once the central weights are known.  numpy is
imported only when a function here runs.
"""

from __future__ import annotations

import numbers
from typing import Any, Callable, Optional

import attrs

from rubric.analysis.constraints import WeightConstraints
from rubric.analysis.sampling import DISTRIBUTIONS, TOLERANCE, SmaaError, ValueSampler, WeightSampler

__all__ = ["SmaaArrays", "Tally", "smaa_core"]

#: Upper bound on the floats one batch allocates per array (about 32 MB).
_BATCH_FLOATS = 4_000_000
#: Scores ranked at a time within a batch (about 0.8 MB): the sorts and the
#: rank counts then work in cache instead of memory.
_RANK_FLOATS = 100_000
#: Fewest samples ranked at a time, so that many proposals still make few pieces.
_RANK_ROWS = 1_000


def _tolerance(scores) -> float:
    """Absolute tie tolerance for a batch of scores of unknown range (two reductions, no copy of ``scores``)."""
    return TOLERANCE * max(1.0, float(-scores.min()), float(scores.max())) if scores.size else TOLERANCE


def _rank_counts(order, *, best_first: bool = True):
    """``counts[i, r]``: the samples (rows of ``order``) that put proposal i at rank r (0 is the best).

    One flat count of (proposal, rank) pairs: cheaper than a count per rank
    column, which reads ``order`` a strided column at a time.  An ascending
    ``order`` (``best_first=False``) is read as it lies, not through a reversed view.
    """
    import numpy as np

    n = order.shape[1]
    pairs = order * n
    pairs += np.arange(n) if best_first else np.arange(n - 1, -1, -1)
    return np.bincount(pairs.ravel(), minlength=n * n).reshape(n, n)


class Tally:
    """Running sums of rank counts, first-rank weights and first-rank shares.

    ``piece`` is how many samples are ranked at a time (default: what stays
    in cache); it changes the speed only, never a number.
    """

    def __init__(self, n: int, m: int, *, piece: Optional[int] = None):
        import numpy as np

        self.n = n
        self.piece = piece or max(_RANK_ROWS, _RANK_FLOATS // max(n, 1))
        self.ranks = np.zeros((n, n))
        self.central = np.zeros((n, m))
        self.first = np.zeros(n)

    def add(self, scores, weights, tolerance: float) -> None:
        """Add a batch: ``scores`` samples × n (higher is better), ``weights`` samples × m.

        Every sample is counted as if untied; the few with ties are then taken
        out again and shared out, so large batches stay on the fast path.
        """
        import numpy as np

        n = self.n
        counts = np.zeros((n, n), dtype=np.intp)
        top = np.empty(len(scores), dtype=np.intp)
        tied, tied_orders, tied_apart = [], [], []
        for start in range(0, len(scores), self.piece):
            ascending, apart, ties = self._rank(scores[start:start + self.piece], counts, tolerance)
            top[start:start + len(ascending)] = ascending[:, -1]
            if len(ties):
                tied.append(ties + start)
                tied_orders.append(ascending[ties, ::-1])
                tied_apart.append(apart[ties, ::-1])
        # Whole-batch sums in sample order, as if unpieced, so the floats add up in the same order.
        self.ranks += counts
        self.first += np.bincount(top, minlength=n)
        for j in range(weights.shape[1]):
            self.central[:, j] += np.bincount(top, weights=weights[:, j], minlength=n)
        if tied:
            rows = np.concatenate(tied)
            order, apart = np.concatenate(tied_orders), np.concatenate(tied_apart)
            self._take_out(order, weights[rows])
            self._share(order, apart, weights[rows])

    @staticmethod
    def _rank(scores, counts, tolerance: float):
        """Sort a piece of samples, add its rank counts to ``counts``; its ascending order, gaps apart, tied rows.

        Integer counts are exact, so pieces sum to what one pass would count.
        """
        import numpy as np

        ascending = np.argsort(scores, axis=1)
        ordered = np.sort(scores, axis=1)  # the values sort faster than a gather through ``ascending``
        apart = (ordered[:, 1:] - ordered[:, :-1]) > tolerance
        ties = np.flatnonzero(~apart.all(axis=1))
        counts += _rank_counts(ascending, best_first=False)
        return ascending, apart, ties

    def _take_out(self, order, weights) -> None:
        """Undo the untied count of these samples (``order`` best first), before :meth:`_share` adds them back."""
        import numpy as np

        n = self.n
        self.ranks -= _rank_counts(order)
        top = order[:, 0]
        self.first -= np.bincount(top, minlength=n)
        for j in range(weights.shape[1]):
            self.central[:, j] -= np.bincount(top, weights=weights[:, j], minlength=n)

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


def _batched_scores(batched: Callable, matrices, weights):
    """``batched`` over the weight rows in chunks, so that no call holds more than :data:`_BATCH_FLOATS` cells."""
    import numpy as np

    n, m = matrices.shape[-2:]
    step = max(1, _BATCH_FLOATS // max(n * m, 1))
    parts = [
        batched(matrices if matrices.ndim == 2 else matrices[first:first + step], weights[first:first + step])
        for first in range(0, len(weights), step)
    ]
    return np.concatenate(parts).reshape(len(weights), n)


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
    weight_sampler: Any = None,
    batched: Optional[Callable] = None,
    observe: Optional[Callable] = None,
) -> SmaaArrays:
    """SMAA-2 on arrays: the engine behind :func:`rubric.smaa`, usable on its own.

    :param values: proposals × criteria, or proposals × criteria × raters with
        NaN where a rater gave no score (each sample picks a present rater).
    :param low, high: the same shape; NaN or absent means the score itself.
    :param constraints: compiled :class:`WeightConstraints` (see
        :func:`~rubric.analysis.constraints.compile_constraints`), or ``None`` for the whole simplex.
    :param aggregate: ``aggregate(matrix, weights) -> scores`` for one sample;
        ``None`` means the weighted sum, computed a batch at a time.
    :param batched: ``batched(matrices, weights) -> samples × n`` for many
        samples at once (the contract of
        :attr:`~rubric.components.AggregationMethod.batched`, parameters
        bound); used instead of ``aggregate`` when given.
    :param progress: called with the fraction done (0 to 1) after each batch.
    :param weight_sampler: draws the weights instead of the (constrained) uniform
        sampler, e.g. an :class:`~rubric.analysis.sampling.AroundSampler`.
    :param observe: called as ``observe(scores, weights)`` with each batch's
        samples × proposals scores (e.g. to tally grades).
    """
    import numpy as np

    if distribution not in DISTRIBUTIONS:
        raise SmaaError(f"score distribution must be one of {', '.join(DISTRIBUTIONS)}, found {distribution!r}")
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise SmaaError(f"samples must be a whole number >= 1, found {samples!r}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0):
        raise SmaaError(f"seed must be a whole number >= 0 (or None for a fresh one), found {seed!r}")
    values = _prepare(values, "values")
    low = _prepare(low, "low") if low is not None else np.full(values.shape, np.nan)
    high = _prepare(high, "high") if high is not None else np.full(values.shape, np.nan)
    if low.shape != values.shape or high.shape != values.shape:
        raise SmaaError(f"low and high must have the shape of values {values.shape}, found {low.shape} and {high.shape}")
    n, m, _ = values.shape
    if m == 0:
        raise SmaaError("SMAA needs at least one criterion")
    cells = ValueSampler(values, low, high, distribution)
    # Weights sum to 1, so weighted sums never exceed the largest value in size.
    bound = max(1.0, float(np.nanmax(np.abs(np.concatenate([values, low, high], axis=None))))) if values.size else 1.0
    tolerance = TOLERANCE * bound
    weights_rng, values_rng, confidence_rng = (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(3))
    sampler = weight_sampler or WeightSampler(m, constraints)
    tally = Tally(n, m)
    batch = max(1, min(samples, _BATCH_FLOATS // max(n, cells.k, m, 1)))
    confidence_work = samples if cells.k else 0
    total_work = samples + confidence_work
    report = progress or (lambda fraction: None)
    report(0.0)
    done = 0
    while done < samples:
        size = min(batch, samples - done)
        weights = sampler.draw(weights_rng, size)
        if batched is not None:
            shared = cells.base if not cells.k else cells.matrices(values_rng, size)
            scores = _batched_scores(batched, shared, weights)
            tolerance = _tolerance(scores)
        elif aggregate is None:
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
        if observe is not None:
            observe(scores, weights)
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
            confidence[winners] = _confidence_batch(cells.base[None], chosen, winners, aggregate, tolerance, batched)[0]
        else:
            hits = np.zeros(len(winners))
            step = max(1, min(samples, _BATCH_FLOATS // max(n * (m + len(winners)), 1)))
            if aggregate is not None or batched is not None:
                step = min(step, batch)
            done = 0
            while done < samples:
                size = min(step, samples - done)
                matrices = cells.matrices(confidence_rng, size)
                hits += _confidence_batch(matrices, chosen, winners, aggregate, tolerance, batched).sum(axis=0)
                done += size
                report((samples + done) / total_work)
            confidence[winners] = hits / samples
    report(1.0)
    return SmaaArrays(acceptability, central, confidence, sampler.acceptance, samples)


def _confidence_batch(matrices, chosen, winners, aggregate, tolerance: float, batched=None):
    """Per sample and winner c, its share of first place under its central weights."""
    import numpy as np

    if batched is not None:
        if len(matrices) == 1:  # exact values: one matrix, every winner's weights in one call
            scores = _batched_scores(batched, matrices[0], chosen).T[None]
        else:
            size = len(matrices)
            scores = np.stack(
                [_batched_scores(batched, matrices, np.broadcast_to(weights, (size, len(weights)))) for weights in chosen], axis=2
            )
        tolerance = _tolerance(scores)
    elif aggregate is None:
        scores = matrices @ chosen.T  # samples × n × winners
    else:
        scores = np.array(
            [[aggregate(matrix, weights) for weights in chosen] for matrix in matrices], dtype=float
        ).transpose(0, 2, 1)
        tolerance = _tolerance(scores)
    return _first_share(scores, winners, tolerance)
