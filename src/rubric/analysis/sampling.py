"""SMAA's sampling: weight vectors on the simplex and values within their intervals.

*Weights* are drawn uniformly from the simplex of effective criterion weights
(non-negative, summing to 1): every weighting is equally likely, the scheme's
own weights are not used.  A scheme's ``constraints`` narrow that space (see
:mod:`rubric.loading.constraints` for the TOML form).  Bounds with low == high pin a
weight exactly; the value tree makes the pinned sets nested, so the remaining
space is a product of smaller simplices, each sampled uniformly.  Other bounds
and orderings are imposed by rejection, which keeps the sample exactly
uniform; if fewer than :data:`MIN_ACCEPTANCE` of the drawn vectors pass,
:class:`ConstraintError` says so rather than running for ever.  (Constraints
that tight would need a Markov-chain sampler such as hit-and-run: Tervonen, T.,
van Valkenhoef, G., Baştürk, N. & Postmus, D. (2013) "Hit-And-Run enables
efficient weight generation for simulation-based multiple criteria decision
analysis", European Journal of Operational Research 224(3): 552–559.)

*Around a scheme* (:class:`AroundSampler`), weights are drawn near the
scheme's own effective weights w instead: from a Dirichlet distribution with
mean w and concentration c (parameters c·w; the standard deviation of a weight
is √(w(1−w)/(c+1)), so the default c = :data:`DEFAULT_CONCENTRATION` keeps a
weight of 1/6 within about ±22 % of itself), or by multiplying each weight by a
factor uniform on [1 − s, 1 + s] and renormalising (``spread`` s).  A weight of
zero stays zero either way; spread 0 gives the scheme's weights exactly.

*Values*: each cell of a proposals × criteria × raters array with an interval
or several raters is drawn anew in every sample: one of the cell's raters at
random, each equally likely, then a draw within that rater's interval, uniform
or triangular with the rater's score as the mode.  Cells are drawn
independently of one another.
"""

from __future__ import annotations

from typing import Mapping, Optional

from rubric.analysis.constraints import WeightConstraints
from rubric.engine import TIE_TOLERANCE
from rubric.errors import RubricError
from rubric.loading.constraints import ConstraintError

__all__ = [
    "DEFAULT_CONCENTRATION",
    "DISTRIBUTIONS",
    "MIN_ACCEPTANCE",
    "TOLERANCE",
    "AroundSampler",
    "SmaaError",
    "ValueSampler",
    "WeightSampler",
]

#: How values are drawn within their interval.
DISTRIBUTIONS = ("uniform", "triangular")
#: Dirichlet concentration around a scheme's weights when none is given.
DEFAULT_CONCENTRATION = 100.0
#: Below this share of accepted weight vectors, constrained sampling gives up.
MIN_ACCEPTANCE = 1e-3
#: Draws made before the acceptance rate is judged.
_JUDGE_AFTER = 20_000
#: Relative tolerance for ties between scores and for constraint checks: the engine's.
TOLERANCE = TIE_TOLERANCE


class SmaaError(RubricError, ValueError):
    """An SMAA run that cannot go ahead as asked (bad arguments, unusable constraints)."""


class WeightSampler:
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
            self.member_matrix: Optional[np.ndarray] = np.zeros((m, len(loose)))
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
        owner: dict[int, frozenset] = {}
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


class AroundSampler:
    """Weight vectors near a scheme's weights: Dirichlet (``concentration``) or ± a relative ``spread``."""

    def __init__(self, centre, *, concentration: Optional[float] = None, spread: Optional[float] = None):
        import numpy as np

        if (concentration is None) == (spread is None):
            raise SmaaError("around a scheme, give either a concentration or a spread, not both")
        if concentration is not None and not (np.isfinite(concentration) and concentration > 0):
            raise SmaaError(f"the concentration must be a finite number > 0, found {concentration!r}")
        if spread is not None and not (np.isfinite(spread) and 0 <= spread < 1):
            raise SmaaError(f"the spread must be a number in [0, 1), found {spread!r}")
        centre = np.asarray(centre, dtype=float)
        self.centre = centre / centre.sum()
        self.m = len(centre)
        self.concentration = concentration
        self.spread = spread
        self.positive = np.flatnonzero(self.centre > 0)
        self.acceptance = 1.0

    def draw(self, rng, count: int):
        """``count`` weight vectors (count × m) summing to 1."""
        import numpy as np

        weights = np.zeros((count, self.m))
        centre = self.centre[self.positive]
        if self.concentration is not None:
            # A Dirichlet as normalised gammas, over the positive weights only (a zero parameter has no density).
            raw = rng.standard_gamma(self.concentration * centre, size=(count, len(centre)))
        else:
            spread = self.spread or 0.0
            raw = centre * rng.uniform(1.0 - spread, 1.0 + spread, size=(count, len(centre)))
        weights[:, self.positive] = raw / raw.sum(axis=1, keepdims=True)
        return weights


class ValueSampler:
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

