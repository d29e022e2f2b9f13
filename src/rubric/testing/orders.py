"""The check of the ``incomparable`` capability: well-formed pairs that treat identical proposals alike.

A partial order's incomparable pairs cannot be checked against a formula
the method does not publish, but two promises hold for any method: the
pairs are pairs of distinct proposals (i < j, each once), and a copy of a
proposal is never incomparable with it and stands towards every other
proposal exactly as the original does.
"""

from __future__ import annotations

from typing import Any

from rubric.model import Criterion

__all__ = ["check_incomparable"]


def check_incomparable(run: Any, draw, case) -> None:
    """The case's matrix with its first proposal repeated at the end: the pairs are sound and the copy is the original's twin."""
    matrix = [list(row) for row in case.matrix] + [list(case.matrix[0])]
    n, copy = len(matrix), len(matrix) - 1
    criteria = tuple(Criterion(f"c{j}", "g", f"C{j}") for j in range(len(case.weights)))
    incomparable = run.method.incomparable
    returned = incomparable(matrix, list(case.weights), scale=case.scale, criteria=criteria, **run.params)
    pairs = [tuple(pair) for pair in returned]
    bad = next((p for p in pairs if len(p) != 2 or not all(isinstance(i, int) for i in p) or not 0 <= p[0] < p[1] < n), None)
    if bad is not None or len(set(pairs)) != len(pairs):
        what = f"pair {bad!r} is not (i, j) with 0 ≤ i < j < {n}" if bad is not None else "a pair is listed twice"
        run.fail_capability("incomparable", what, case)
    unordered = set(pairs)
    if (0, copy) in unordered:
        run.fail_capability("incomparable", "a proposal is incomparable with its own copy (the last row)", case)
    for k in range(1, copy):
        if ((0, k) in unordered) != ((k, copy) in unordered):
            run.fail_capability(
                "incomparable", f"proposal {k} is incomparable with one of proposal 0 and its copy but not the other", case
            )
