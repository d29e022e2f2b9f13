"""PROMETHEE II: net outranking flow from pairwise preferences.

Brans, J.-P., Vincke, Ph. (1985); Brans, J.-P., Vincke, Ph., Mareschal, B.
(1986).  For every pair of proposals and every criterion, a *preference
function* P turns the difference ``d = a_j − b_j`` into a degree of
preference of a over b between 0 and 1.  The weighted sum over criteria is
the preference index ``π(a, b)``, and a proposal's net flow is::

    φ(a) = 1/(n − 1) · Σ_b [π(a, b) − π(b, a)]       in [−1, 1]

The score is φ mapped onto the scale, ``min + (max − min)·(φ + 1)/2``, so a
proposal preferred to every other on every criterion scores the top, and the
net flows of a field always average to the middle of the scale.

**Preference functions** (Brans & Vincke's six types; thresholds are in
scale units, ``d`` is the difference in a's favour):

=============  ==================  =============================================
``usual``      —                   1 if d > 0
``u-shape``    ``q``               1 if d > q
``v-shape``    ``p``               d/p up to p, then 1
``level``      ``q``, ``p``        ½ if q < d ≤ p, 1 if d > p
``linear``     ``q``, ``p``        0 up to q, rising linearly to 1 at p
``gaussian``   ``s``               1 − exp(−d²/(2s²)) if d > 0
=============  ==================  =============================================

and P = 0 whenever d is not positive.  A difference within 10⁻⁹ of the
scale's range of a step (0, q or p of the usual, u-shape and level
functions) counts as equal to it, so rounding never decides a preference.

A scheme sets one function for every criterion and may override it per
criterion::

    [schemes.cautious.aggregation]
    method = "promethee-ii"
    preference = { function = "linear", q = 0.5, p = 2 }
    per_criterion = { misuse = "usual", backdoors = { function = "gaussian", s = 1 } }

By default (``preference = "usual"``) every criterion uses ``usual``: any
positive difference is a full preference.  ``usual`` alone may be written as a bare string.  ``per_criterion`` is keyed
by criterion id, so the caller must say which criterion each column is:
``promethee_ii(..., criteria=ids)``.

**Cost.**  The textbook computation compares every pair: O(n²·m) time, and
O(n²) memory if π is stored — hopeless at 100,000 proposals.  Here the
usual, u-shape, level, v-shape and linear functions need only counts and
sums of the values below and above each threshold, which one sort of each
column and prefix sums give in O(n·m·log n).  The Gaussian has no such
decomposition: its counting part is computed the same way, and the rest
pairwise over the *distinct* values of the column, in chunks of bounded
memory — O(m·n·log n + m·U²) for U distinct values, which is fast for
assessed scores (a handful of levels) and quadratic for continuous data.

Guarantees every :class:`~rubric.components.Property` but independence of
irrelevant alternatives (adding a proposal adds a term to everyone's flow
and can reverse the order of two others).
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

import attrs

from rubric import hookimpl
from rubric.aggregation.common import from_unit, per_criterion_problems, prepare, prepare_batch, span
from rubric.components import AggregationMethod, Property, is_real_number
from rubric.model import Rubric

__all__ = [
    "FUNCTIONS",
    "METHOD",
    "Preference",
    "balances",
    "column_preferences",
    "net_flows",
    "parse_preference",
    "promethee_ii",
    "promethee_ii_batched",
]

#: Each preference function and the thresholds it takes.
FUNCTIONS = {
    "usual": (),
    "u-shape": ("q",),
    "v-shape": ("p",),
    "level": ("q", "p"),
    "linear": ("q", "p"),
    "gaussian": ("s",),
}

#: Most pairwise differences held at once by the Gaussian (8 MB of floats).
CHUNK_ELEMENTS = 1 << 20

#: Differences within this share of the scale's range of a step threshold
#: count as equal to it (the engine's tie tolerance, applied to differences).
THRESHOLD_TOLERANCE = 1e-9


@attrs.frozen
class Preference:
    """A preference function and its thresholds (scale units)."""

    function: str = "usual"
    q: float = 0.0
    p: float = 0.0
    s: float = 0.0


def preference_problems(spec: Any) -> list:
    """What is wrong with a preference function setting, as (key, message) pairs."""
    if isinstance(spec, str):
        name, given = spec, {}
    elif isinstance(spec, Mapping):
        given = dict(spec)
        name = given.pop("function", None)
        if name is None:
            return [("function", f"a preference function needs `function`, one of {_names()}")]
    else:
        return [("", f"a preference function is a name or a table with `function`, got {spec!r}")]
    if name not in FUNCTIONS:
        return [("function", f"unknown preference function {name!r}; expected one of {_names()}")]
    takes = FUNCTIONS[name]
    problems = []
    for key in sorted(set(given) - set(takes)):
        problems.append((key, f"{name} takes {_takes(takes)}, not {key!r}"))
    for key in takes:
        if key not in given:
            problems.append(("", f"{name} needs {_takes(takes)}; {key!r} is missing"))
        elif not is_real_number(given[key]) or given[key] < 0:
            problems.append((key, f"{key} must be a number at least 0 (in scale units), got {given[key]!r}"))
    if problems:
        return problems
    if name in ("v-shape", "gaussian") and given[takes[0]] == 0:
        problems.append((takes[0], f"{takes[0]} of {name} must be above 0"))
    if name in ("level", "linear") and not given["p"] > given["q"]:
        problems.append(("p", f"p of {name} must be above q, got q={given['q']!r}, p={given['p']!r}"))
    return problems


def parse_preference(spec: Any) -> Preference:
    """A :class:`Preference` from a scheme's setting.

    :raises ValueError: naming every problem with the setting.
    """
    problems = preference_problems(spec)
    if problems:
        raise ValueError("; ".join(f"{key}: {message}" if key else message for key, message in problems))
    if isinstance(spec, str):
        return Preference(spec)
    fields = dict(spec)
    return Preference(fields.pop("function"), **{k: float(v) for k, v in fields.items()})


def _names() -> str:
    return ", ".join(FUNCTIONS)


def _takes(keys: Sequence[str]) -> str:
    return " and ".join(keys) if keys else "no thresholds"


def net_flows(matrix, weights, preferences: Sequence[Preference], *, tolerance: float = 0.0):
    """PROMETHEE II net flows φ in [−1, 1], one preference function per column.

    :param tolerance: a difference within this of a step's threshold (0 for
        ``usual``, q or p for ``u-shape`` and ``level``) counts as equal to
        it, so that rounding (1.1 − 0.7 = 0.40000000000000013) never turns
        an indifference into a preference.  The continuous functions need
        no such slack.
    """
    import numpy as np

    x, w = prepare(matrix, weights)
    n, m = x.shape
    if len(preferences) != m:
        raise ValueError(f"{len(preferences)} preference functions for {m} criteria")
    flow = np.zeros(n)
    if n < 2:
        return flow
    for j in range(m):
        if w[j] > 0:
            flow += w[j] * _balance(x[:, j], preferences[j], tolerance)
    return flow / (n - 1)


def balances(matrix, preferences: Sequence[Preference], *, tolerance: float = 0.0):
    """n × m: Σ_b [P_j(a − b) − P_j(b − a)] for every proposal a and criterion j.

    These do not depend on the weights, so the net flows of k weightings of
    one matrix are one product: ``weights @ balances.T / (n − 1)``.
    """
    import numpy as np

    x = np.asarray(matrix, dtype=float)
    if x.shape[0] < 2:
        return np.zeros(x.shape)
    return np.stack([_balance(x[:, j], preferences[j], tolerance) for j in range(x.shape[1])], axis=1)


def _balance(column, pref: Preference, tolerance: float):
    """Σ_b [P(a − b) − P(b − a)] for every value a of one column."""
    import numpy as np

    # Tied values get equal balances, so the sort need not be stable (and
    # the default one is nearly twice as fast).
    order = np.argsort(column)
    s = column[order]
    kind = pref.function
    if kind == "usual":
        sorted_balance = _step(s, tolerance) if tolerance > 0 else _strict_balance(s)
    elif kind == "gaussian":
        # P is continuous at 0, so the counting part needs no tolerance.
        sorted_balance = _strict_balance(s) - _gaussian_tail(s, pref.s)
    elif kind == "u-shape":
        sorted_balance = _step(s, pref.q + tolerance)
    elif kind == "level":
        sorted_balance = 0.5 * (_step(s, pref.q + tolerance) + _step(s, pref.p + tolerance))
    elif kind == "v-shape":
        sorted_balance = _ramp(s, 0.0, pref.p)
    else:
        sorted_balance = _ramp(s, pref.q, pref.p)
    balance = np.empty_like(sorted_balance)
    balance[order] = sorted_balance
    return balance


def _runs(s):
    """For sorted ``s``: index of each value's run, and where every run starts and ends."""
    import numpy as np

    starts_run = np.empty(s.size, dtype=bool)
    starts_run[0] = True
    np.not_equal(s[1:], s[:-1], out=starts_run[1:])
    starts = np.flatnonzero(starts_run)
    run = np.cumsum(starts_run) - 1
    ends = np.append(starts[1:], s.size)
    return run, starts, ends


def _strict_balance(s):
    """#(b < a) − #(b > a) for sorted ``s``: the usual criterion, in O(n)."""
    run, starts, ends = _runs(s)
    return (starts - (s.size - ends))[run].astype(float)


def _step(s, t):
    """#(a − b > t) − #(b − a > t) for sorted ``s``."""
    import numpy as np

    below = np.searchsorted(s, s - t, side="left")
    above = s.size - np.searchsorted(s, s + t, side="right")
    return (below - above).astype(float)


def _ramp(s, q, p):
    """Σ_b [L(a − b) − L(b − a)] for L rising linearly from 0 at q to 1 at p, sorted ``s``."""
    import numpy as np

    n, width = s.size, p - q
    # Sums are taken around the median so prefix sums of 100,000 values lose
    # no more digits to cancellation than they must.
    z = s - s[n // 2]
    prefix = np.concatenate(([0.0], np.cumsum(z)))
    # a over b: fully where b ≤ a − p, partly where a − p < b < a − q.
    full = np.searchsorted(s, s - p, side="right")
    part = np.searchsorted(s, s - q, side="left")
    gain = full + ((z - q) * (part - full) - (prefix[part] - prefix[full])) / width
    # b over a: fully where b ≥ a + p, partly where a + q < b < a + p.
    full = np.searchsorted(s, s + p, side="left")
    part = np.searchsorted(s, s + q, side="right")
    loss = (n - full) + ((prefix[full] - prefix[part]) - (z + q) * (full - part)) / width
    return gain - loss


def _gaussian_tail(s, sigma):
    """Σ_b sign(a − b)·exp(−(a − b)²/(2σ²)) for sorted ``s``, over distinct values in chunks."""
    import numpy as np

    run, starts, ends = _runs(s)
    values, counts = s[starts], (ends - starts).astype(float)
    tail = np.empty(values.size)
    rows = max(1, CHUNK_ELEMENTS // values.size)
    inverse_two_var = 1.0 / (2.0 * sigma * sigma)
    for first in range(0, values.size, rows):
        d = values[first:first + rows, None] - values[None, :]
        kernel = np.exp(-(d * d) * inverse_two_var)
        kernel *= np.sign(d)
        tail[first:first + rows] = kernel @ counts
    return tail[run]


def promethee_ii(
    matrix,
    weights,
    *,
    scale,
    preference: Any = "usual",
    per_criterion: Optional[Mapping[str, Any]] = None,
    criteria: Optional[Sequence[Any]] = None,
):
    """Net outranking flow on the scale.

    :param preference: the preference function of every criterion.
    :param per_criterion: preference functions by criterion id, overriding
        ``preference``.
    :param criteria: the criteria of the matrix's columns, in order (ids or
        objects with an ``id``); needed only with ``per_criterion``.
    """
    preferences = column_preferences(len(weights), preference, per_criterion, criteria)
    flows = net_flows(matrix, weights, preferences, tolerance=THRESHOLD_TOLERANCE * span(scale))
    return from_unit((flows + 1.0) / 2.0, scale)


def promethee_ii_batched(
    matrices,
    weights,
    *,
    scale,
    preference: Any = "usual",
    per_criterion: Optional[Mapping[str, Any]] = None,
    criteria: Optional[Sequence[Any]] = None,
):
    """The batched form of :func:`promethee_ii` (k × n scores).

    On one shared matrix the balances are computed once and every
    weighting's flows are one matrix product; k matrices are taken one at a
    time (each column's balance needs its own sort).
    """
    import numpy as np

    x, w = prepare_batch(matrices, weights)
    preferences = column_preferences(w.shape[1], preference, per_criterion, criteria)
    tolerance = THRESHOLD_TOLERANCE * span(scale)
    n = x.shape[-2]
    if x.ndim == 2:
        flows = w @ balances(x, preferences, tolerance=tolerance).T / max(n - 1, 1)
    else:
        flows = np.array([net_flows(x[s], w[s], preferences, tolerance=tolerance) for s in range(len(w))])
    return from_unit((flows.reshape(len(w), n) + 1.0) / 2.0, scale)


def column_preferences(n_columns: int, preference: Any, per_criterion, criteria) -> list:
    """Each column's :class:`Preference` (see :func:`promethee_ii`)."""
    default = parse_preference(preference)
    per_criterion = per_criterion or {}
    if per_criterion:
        if criteria is None:
            raise ValueError(
                "per_criterion preference functions need the criterion of every column; "
                "call with criteria=[ids of the columns, in order]"
            )
        ids = [getattr(c, "id", c) for c in criteria]
        if len(ids) != n_columns:
            raise ValueError(f"{len(ids)} criteria given for {n_columns} columns")
        preferences = [parse_preference(per_criterion[i]) if i in per_criterion else default for i in ids]
    else:
        preferences = [default] * n_columns
    return preferences


def check_params(params: Mapping[str, Any], rubric: Rubric) -> list[tuple[str, str]]:
    """The preference functions must be known, with sound thresholds, for known criteria."""
    return per_criterion_problems(params, "preference", "usual", preference_problems, rubric.criteria)


METHOD = AggregationMethod(
    name="promethee-ii",
    aggregate=promethee_ii,
    properties=set(Property) - {Property.INDEPENDENCE_OF_IRRELEVANT_ALTERNATIVES},
    params={"preference": "usual", "per_criterion": {}},
    description="Net outranking flow; a preference function per criterion (usual, linear, gaussian…).",
    check_params=check_params,
    batched=promethee_ii_batched,
)


@hookimpl
def rubric_aggregation_methods():
    return [METHOD]
