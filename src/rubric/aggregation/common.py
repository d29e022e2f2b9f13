"""Array plumbing shared by the built-in aggregation methods (not a plugin).

Every function imports numpy when called, never at import time: a method
module must stay cheap to import, because the registry imports all of them
for every command, including the ones that never aggregate.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

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


def prepare_batch(matrices: Any, weights: Any):
    """The matrices as an n×m or k×n×m float array and the k weight rows rescaled to sum to 1.

    The batched counterpart of :func:`prepare` (see
    :attr:`rubric.components.AggregationMethod.batched` for the shapes).

    :raises ValueError: on a shape mismatch, a negative weight or a row of all-zero weights.
    """
    import numpy as np

    w = np.asarray(weights, dtype=float)
    if w.ndim != 2:
        raise ValueError(f"batched weights must be a k×m array, got shape {w.shape}")
    x = np.asarray(matrices, dtype=float)
    if x.ndim not in (2, 3) or x.shape[-1] != w.shape[1] or (x.ndim == 3 and x.shape[0] != w.shape[0]):
        raise ValueError(f"matrices of shape {x.shape} do not fit {w.shape[0]} weight vectors of {w.shape[1]} criteria")
    if (w < 0).any():
        raise ValueError("weights must not be negative")
    total = w.sum(axis=1, keepdims=True)
    if not (total > 0).all():
        raise ValueError("at least one weight of every row must be positive")
    return x, w / total


def rank_share(keys):
    """For each row, the share of the *other* rows whose key is lexicographically smaller.

    ``keys`` is an n×k array compared column 0 first.  Identical keys get
    identical shares; a strictly larger key gets a strictly larger share
    (by at least 1/(n−1)).  O(k·n·log n).
    """
    import numpy as np

    if keys.shape[0] <= 1 or keys.shape[1] == 0:
        return np.zeros(keys.shape[0])
    return rank_shares(keys[None, :, 0], lambda column, sample, rows: keys[rows, column], keys.shape[1])[0]


def rank_shares(first, key=None, depth: int = 1):
    """:func:`rank_share` in each of k samples at once, each key column computed only where it is needed.

    ``first`` (k×n) is every row's first key; ``key(c, samples, rows)``
    returns key column c (1 ≤ c < ``depth``) of the given (sample, row)
    pairs.  It is asked only for the rows still tied on the columns before
    c, which on continuous data are few, so the later keys are rarely built.
    """
    import numpy as np

    k, n = first.shape
    if n <= 1:
        return np.zeros((k, n))
    # Sort by the first key alone, then re-sort only the blocks it leaves
    # tied, one key column at a time.
    order = np.argsort(first, axis=1, kind="stable")
    ordered = np.take_along_axis(first, order, axis=1)
    starts_group = np.ones((k, n), dtype=bool)
    np.not_equal(ordered[:, 1:], ordered[:, :-1], out=starts_group[:, 1:])
    position_of_start = np.arange(n)
    for column in range(1, depth if key is not None else 1):
        ends_group = np.ones((k, n), dtype=bool)
        ends_group[:, :-1] = starts_group[:, 1:]
        tied = ~(starts_group & ends_group)
        if not tied.any():
            break
        sample, position = np.nonzero(tied)
        rows = order[sample, position]
        group = sample * n + np.maximum.accumulate(np.where(starts_group, position_of_start, 0), axis=1)[sample, position]
        values = key(column, sample, rows)
        # np.lexsort sorts by its last key first: each tied group keeps its
        # place, and its rows are ordered by the next key.
        resort = np.lexsort((values, group))
        order[sample, position] = rows[resort]
        values = values[resort]
        starts_group[sample[1:], position[1:]] = (group[1:] != group[:-1]) | (values[1:] != values[:-1])
    # The number of rows strictly below a row is the position where its group starts.
    below_sorted = np.maximum.accumulate(np.where(starts_group, position_of_start, 0), axis=1)
    below = np.empty((k, n))
    np.put_along_axis(below, order, below_sorted, axis=1)
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
    return tie_broken(primary, rank_share(keys))


def tie_broken(primary, share):
    """``(1 − ε)·primary + ε·share``: the scores of :func:`with_tie_break` from the rank shares."""
    return (1.0 - TIE_BREAK_SHARE) * primary + TIE_BREAK_SHARE * share


def per_criterion_problems(
    params: Mapping[str, Any], key: str, default: Any, problems_of: Callable[[Any], list], criteria: Any
) -> list[tuple[str, str]]:
    """Problems with a setting given for every criterion under ``key`` and overridden by ``per_criterion``.

    ``problems_of(spec)`` returns (sub-key, message) pairs for one setting;
    ``per_criterion`` must be keyed by the ids of ``criteria`` (the rubric's).
    Each problem is located under its key: ``per_criterion.ID.SUBKEY``.
    """
    problems = [(f"{key}.{sub}" if sub else key, message) for sub, message in problems_of(params.get(key, default))]
    per_criterion = params.get("per_criterion", {})
    if not isinstance(per_criterion, Mapping):
        return problems + [("per_criterion", f"per_criterion must be a table keyed by criterion id, got {per_criterion!r}")]
    known = {c.id for c in criteria}
    for cid, spec in per_criterion.items():
        at = f"per_criterion.{cid}"
        if cid not in known:
            problems.append((at, f"no criterion {cid!r} in this rubric"))
            continue
        problems += [(f"{at}.{sub}" if sub else at, message) for sub, message in problems_of(spec)]
    return problems
