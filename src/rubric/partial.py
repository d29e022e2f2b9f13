"""Partial orders in results: the note that lists incomparable pairs, and rank agreement that respects them.

A scheme whose method yields a partial order (see
:attr:`rubric.components.AggregationMethod.incomparable`) still has one score
and rank per proposal, but for an incomparable pair those ranks say nothing.
Tables therefore name the pairs, and Kendall's tau-b counts such a pair as
unordered under that scheme — as a tie is — rather than as ordered by score
or by id.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

from rubric.components import Table

__all__ = ["TITLE", "incomparable_note", "incomparable_tables", "partial_kendall_tau"]

#: The title of the table of incomparable pairs, which the notes point to.
TITLE = "pairs left incomparable"


def incomparable_note(scheme_id: str, pairs: Sequence[tuple[int, int]]) -> str:
    """One line saying how many pairs a scheme leaves incomparable, and where they are listed."""
    return (
        f"Incomparable under {scheme_id!r}: {len(pairs)} pair{'s' * (len(pairs) != 1)} (the method's order is partial, "
        f"so their ranks say nothing about each other), listed under {TITLE!r}."
    )


def incomparable_tables(heading: str, rubric_id: str, ids: Sequence[str], results: Sequence[Any]) -> list[Table]:
    """The table of every pair each scheme leaves incomparable (a ∥ b), or no table when there are none."""
    rows = [(r.scheme.id, ids[i], ids[j]) for r in results for i, j in r.incomparable]
    if not rows:
        return []
    data = tuple(
        {"rubric": rubric_id, **r.fields, "proposal_a": ids[i], "proposal_b": ids[j]} for r in results for i, j in r.incomparable
    )
    return [
        Table(
            title=f"{heading}: {TITLE}",
            headers=("Scheme", "Proposal", "incomparable with"),
            rows=tuple(rows),
            notes=("Each is better than the other in a way the method will not trade off: neither is ranked above the other.",),
            name="incomparable",
            data=data,
        )
    ]


Pairs = Sequence[tuple[int, int]]


def partial_kendall_tau(
    a: Sequence[float], b: Sequence[float], unordered_a: Pairs = (), unordered_b: Pairs = ()
) -> Optional[float]:
    """Kendall's tau-b of two weak orders in which some pairs are unordered; ``None`` if undefined.

    ``a`` and ``b`` are scores (higher first); a pair in ``unordered_a``
    counts as tied in a whatever its scores (likewise for b), so
    tau-b = (C − D)/sqrt((n0 − n1)(n0 − n2)) with n1, n2 the pairs tied or
    incomparable in a, in b.  Pairwise, O(n²): partial orders come from
    pairwise methods anyway.
    """
    import numpy as np

    signs = []
    for scores, unordered in ((a, unordered_a), (b, unordered_b)):
        x = np.asarray(scores, dtype=float)
        sign = np.sign(x[:, None] - x[None, :])
        for i, j in unordered:
            sign[i, j] = sign[j, i] = 0.0
        signs.append(sign[np.triu_indices(len(x), 1)])
    sa, sb = signs
    product = sa * sb
    concordant, discordant = int((product > 0).sum()), int((product < 0).sum())
    n0 = sa.size
    denominator = float((n0 - int((sa == 0).sum())) * (n0 - int((sb == 0).sum()))) ** 0.5
    return (concordant - discordant) / denominator if denominator else None
