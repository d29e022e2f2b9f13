"""Array plumbing shared by the built-in aggregation methods (not a plugin).

Every function imports numpy when called, never at import time: a method
module must stay cheap to import, because the registry imports all of them
for every command, including the ones that never aggregate.
"""

from __future__ import annotations

from typing import Any

#: Share of the scale's range given to a rank-based tie-break (see
#: :func:`with_tie_break`): small enough that a score still reads as its
#: primary value to three decimals on a −2…+2 scale, large enough that two
#: proposals the tie-break separates differ by far more than the engine's
#: tie tolerance (1e-9, relative), even among 100,000 proposals.
TIE_BREAK_SHARE = 1e-4

#: Normalised values are rounded to this many decimals before they are
#: compared for equality, so that float noise (0.1 + 0.2 against 0.3) never
#: decides a lexicographic comparison.
KEY_DECIMALS = 10


def prepare(matrix: Any, weights: Any):
    """The matrix as an n×m float array and the weights rescaled to sum to 1.

    Rescaling here (O(m)) is what makes every built-in method invariant to
    multiplying all weights by the same c > 0.

    :raises ValueError: on a shape mismatch, a negative weight or all-zero weights.
    """
    import numpy as np

    w = np.asarray(weights, dtype=float)
    if w.ndim != 1:
        raise ValueError(f"weights must be a flat sequence of numbers, got shape {w.shape}")
    x = np.asarray(matrix, dtype=float)
    if x.size == 0:
        x = x.reshape(0, w.size)
    if x.ndim != 2:
        raise ValueError(f"the matrix must be 2-D (proposals × criteria), got shape {x.shape}")
    if x.shape[1] != w.size:
        raise ValueError(f"the matrix has {x.shape[1]} criteria (columns) but {w.size} weights were given")
    if (w < 0).any():
        raise ValueError(f"weights must not be negative, got {w.tolist()}")
    total = w.sum()
    if not total > 0:
        raise ValueError("at least one weight must be positive")
    return x, w / total


def span(scale: Any) -> float:
    """Width of the scale (``max − min``); a scale without width is an error."""
    width = float(scale.max) - float(scale.min)
    if not width > 0:
        raise ValueError(f"the scale must have max > min, got min={scale.min}, max={scale.max}")
    return width


def to_unit(x, scale):
    """Values on the scale mapped linearly onto [0, 1] (bottom → 0, top → 1).

    Values a hair outside the scale (the engine allows float slack) are
    clipped, so no method ever sees a negative share or one above 1.
    """
    import numpy as np

    return np.clip((x - float(scale.min)) / span(scale), 0.0, 1.0)


def from_unit(u, scale):
    """Shares in [0, 1] mapped back onto the scale, clipped to its ends."""
    import numpy as np

    lo, hi = float(scale.min), float(scale.max)
    return np.clip(lo + (hi - lo) * u, lo, hi)


def rank_share(keys):
    """For each row, the share of the *other* rows whose key is lexicographically smaller.

    ``keys`` is an n×k array compared column 0 first.  Identical keys get
    identical shares; a strictly larger key gets a strictly larger share
    (by at least 1/(n−1)).  O(k·n·log n).
    """
    import numpy as np

    n = keys.shape[0]
    if n <= 1 or keys.shape[1] == 0:
        return np.zeros(n)
    # Sort by the first key alone, then re-sort only the rows it leaves
    # tied: on continuous data that is one argsort instead of a k-key lexsort.
    order = np.argsort(keys[:, 0], kind="stable")
    first = keys[order, 0]
    tied = np.zeros(n, dtype=bool)
    np.equal(first[1:], first[:-1], out=tied[1:])
    tied[:-1] |= tied[1:]
    if tied.any() and keys.shape[1] > 1:
        rows = order[tied]
        # np.lexsort sorts by its last key first, hence the reversed columns;
        # the first key stays primary, so each tied block keeps its place.
        order[tied] = rows[np.lexsort(keys[rows].T[::-1])]
    ordered = keys[order]
    starts_group = np.empty(n, dtype=bool)
    starts_group[0] = True
    np.any(ordered[1:] != ordered[:-1], axis=1, out=starts_group[1:])
    # The number of rows strictly below a row is the position where its group starts.
    below_sorted = np.maximum.accumulate(np.where(starts_group, np.arange(n), 0))
    below = np.empty(n)
    below[order] = below_sorted
    return below / (n - 1)


def with_tie_break(primary, keys):
    """Scores in [0, 1] that read as ``primary`` and order rows by ``keys``.

    ``primary`` (in [0, 1]) must be the first column of ``keys`` or a
    non-decreasing function of it.  The result is
    ``(1 − ε)·primary + ε·rank_share(keys)`` with ε = :data:`TIE_BREAK_SHARE`:
    it differs from ``primary`` by at most ε, and its order is exactly the
    lexicographic order of ``keys`` — a larger key has a primary at least as
    large and a strictly larger rank share.

    No score computed from a row alone can do this: a lexicographic order of
    real vectors has no real-valued representation (Debreu, 1954), so the
    tie-break has to look at the other rows, and the scores (though never
    the order of two rows) then depend on which other proposals are present.
    """
    return (1.0 - TIE_BREAK_SHARE) * primary + TIE_BREAK_SHARE * rank_share(keys)
