"""Concordance, discordance and credibility with q/p/v thresholds (shared by the ELECTRE methods; not a plugin).

Roy, B. (1978) ELECTRE III; Figueira, J., Mousseau, V., Roy, B. (2005) "ELECTRE
methods", in *Multiple Criteria Decision Analysis: State of the Art Surveys*.
On criterion j, with thresholds 0 ≤ q_j ≤ p_j ≤ v_j in scale units (higher is
better) and ``Δ = g_j(b) − g_j(a)`` how far b is ahead of a:

* partial concordance with "a is at least as good as b": 1 when Δ ≤ q_j
  (indifference), 0 when Δ ≥ p_j (strict preference for b), linear between;
* partial discordance: 0 when Δ ≤ p_j, 1 when Δ ≥ v_j (veto), linear between;
  a criterion without ``v`` never vetoes;
* concordance ``C(a, b) = Σ_j w_j·c_j(a, b)``, and credibility
  ``σ(a, b) = C(a, b) · Π_{j: d_j > C} (1 − d_j)/(1 − C)``.

A scheme gives thresholds for every criterion and may override them per
criterion (criteria are keyed by id, as PROMETHEE's preference functions)::

    thresholds = { q = 0.5, p = 1 }
    per_criterion = { misuse = { q = 0, p = 1, v = 2 } }

Defaults are q = p = 0 and no veto.  A difference within 10⁻⁹ of the scale's
range of a step (q = p, or p = v) counts as equal to it, so rounding never
decides.  Arrays may be any two sets of rows (proposals against proposals,
or proposals against class profiles), so sorting methods can reuse them.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

import attrs

from rubric.aggregation.common import per_criterion_problems
from rubric.components import is_real_number
from rubric.model import Rubric

__all__ = [
    "Thresholds",
    "check_threshold_params",
    "column_thresholds",
    "concordance",
    "credibility",
    "discordance",
    "parse_thresholds",
    "threshold_problems",
]

#: The keys a threshold table takes, in the order they must not decrease.
KEYS = ("q", "p", "v")


@attrs.frozen
class Thresholds:
    """Indifference ``q``, preference ``p`` and veto ``v`` (``None``: no veto) of one criterion, in scale units."""

    q: float = 0.0
    p: float = 0.0
    v: Optional[float] = None


def threshold_problems(spec: Any) -> list[tuple[str, str]]:
    """What is wrong with a threshold table, as (key, message) pairs: unknown keys, negatives, q > p or p > v."""
    if not isinstance(spec, Mapping):
        return [("", f"thresholds are a table with q, p and optionally v (scale units), got {spec!r}")]
    problems = [(key, f"thresholds take q, p and v, not {key!r}") for key in sorted(set(spec) - set(KEYS))]
    for key in KEYS:
        if key in spec and (not is_real_number(spec[key]) or spec[key] < 0):
            problems.append((key, f"{key} must be a number at least 0 (in scale units), got {spec[key]!r}"))
    if problems:
        return problems
    q, p = spec.get("q", 0), spec.get("p", spec.get("q", 0))
    if q > p:
        problems.append(("q", f"the indifference threshold must not exceed the preference threshold, got q={q!r} > p={p!r}"))
    if "v" in spec and p > spec["v"]:
        problems.append(("v", f"the veto threshold must not be below the preference threshold, got p={p!r} > v={spec['v']!r}"))
    return problems


def parse_thresholds(spec: Mapping[str, Any]) -> Thresholds:
    """:class:`Thresholds` from a table (``p`` defaults to ``q``).

    :raises ValueError: naming every problem with it.
    """
    problems = threshold_problems(spec)
    if problems:
        raise ValueError("; ".join(f"{key}: {message}" if key else message for key, message in problems))
    q = float(spec.get("q", 0.0))
    v = spec.get("v")
    return Thresholds(q, float(spec.get("p", q)), None if v is None else float(v))


def column_thresholds(
    n_columns: int, thresholds: Mapping[str, Any], per_criterion: Optional[Mapping[str, Any]], criteria: Optional[Sequence[Any]]
) -> list[Thresholds]:
    """Each column's :class:`Thresholds`: ``thresholds`` for all, ``per_criterion`` (by criterion id) overriding."""
    default = parse_thresholds(thresholds)
    if not per_criterion:
        return [default] * n_columns
    if criteria is None or len(criteria) != n_columns:
        raise ValueError("per_criterion thresholds need the criterion of every column (criteria=[ids, in order])")
    ids = [getattr(c, "id", c) for c in criteria]
    return [parse_thresholds(per_criterion[i]) if i in per_criterion else default for i in ids]


def check_threshold_params(params: Mapping[str, Any], rubric: Rubric) -> list[tuple[str, str]]:
    """Problems with a scheme's ``thresholds`` and ``per_criterion``, located under the parameters' key."""
    return per_criterion_problems(params, "thresholds", {}, threshold_problems, rubric.criteria)


def _ramp(delta, start: float, end: float, tolerance: float):
    """0 up to ``start``, 1 from ``end``, linear between (a step at ``start`` when they meet)."""
    import numpy as np

    if end - start > tolerance:
        return np.clip((delta - start) / (end - start), 0.0, 1.0)
    return (delta > start + tolerance).astype(float)


def concordance(a, b, t: Thresholds, tolerance: float = 0.0):
    """c_j(a, b) for arrays of values ``a`` and ``b`` (broadcast): how far "a is at least as good as b" holds."""
    return 1.0 - _ramp(b - a, t.q, t.p, tolerance)


def discordance(a, b, t: Thresholds, tolerance: float = 0.0):
    """d_j(a, b): how strongly the criterion opposes "a outranks b" (0 without a veto threshold)."""
    import numpy as np

    if t.v is None:
        return np.zeros(np.broadcast(a, b).shape)
    return _ramp(b - a, t.p, t.v, tolerance)


def credibility(left, right, weights, thresholds: Sequence[Thresholds], *, tolerance: float = 0.0):
    """σ(a, b) for every row a of ``left`` against every row b of ``right``: a len(left) × len(right) array.

    ``weights`` are rescaled to sum to 1.  Memory is O(len(left)·len(right)).
    """
    import numpy as np

    x, y = np.asarray(left, dtype=float), np.asarray(right, dtype=float)
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    concord = np.zeros((x.shape[0], y.shape[0]))
    discords = []
    for j, t in enumerate(thresholds):
        a, b = x[:, j, None], y[None, :, j]
        if w[j] > 0:
            concord += w[j] * concordance(a, b, t, tolerance)
        if t.v is not None:
            discords.append(discordance(a, b, t, tolerance))
    sigma = concord.copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        for d in discords:
            # Only a discordance above the concordance weakens it; a full one (d = 1) vetoes,
            # even against a concordance of 1 (from a criterion of weight zero).
            factor = np.where(d >= 1.0, 0.0, np.where(d > concord, (1.0 - d) / (1.0 - concord), 1.0))
            sigma *= np.where(np.isfinite(factor), factor, 0.0)
    return np.clip(sigma, 0.0, 1.0)
