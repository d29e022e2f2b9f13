"""Maximin: the worst criterion decides; ties go to the next worst (leximin).

The cautious rule (Wald 1945, for decisions under uncertainty; Hwang &
Yoon 1981, for attributes): a proposal is as good as its weakest
point, so nothing elsewhere can make up for a bad value.  Among proposals
with the same worst value the second worst decides, then the third, and so
on — the *leximin* refinement (Sen 1970), without which maximin ignores
every improvement that is not at the very bottom.

**Weights.**  Plain maximin has no weights.  Here they act as importance in
the weighted minimum of Dubois & Prade (1986): with values mapped onto
[0, 1] (bottom of the scale 0, top 1) and importances ``i_j = w_j / max w``,
each criterion contributes ``max(t_j, 1 − i_j)``.  The most important
criteria count in full; a criterion half as important can pull a proposal
down only to the middle of the scale; a criterion of weight zero contributes
1 and so never matters.  With equal weights this is the plain minimum.

**Scores.**  The score reads as the worst weighted value, mapped back onto
the scale, and is nudged by at most 10⁻⁴ of the scale's range by a
tie-break that orders the proposals exactly by leximin (the sorted vectors
of weighted values compared lexicographically, values equal to 10 decimals
counting as equal)::

    score = min + (max − min)·((1 − ε)·worst + ε·share),   ε = 10⁻⁴

where ``share`` is the fraction of the other proposals with a smaller
leximin vector.  A lexicographic order has no real-valued representation
(Debreu 1954), so an exact tie-break must look at the other proposals; that
is why this method does not claim independence of irrelevant alternatives:
adding a proposal can move a score by up to 10⁻⁴ of the range — but the
order of any two proposals depends only on their own values.

Guarantees every other :class:`~rubric.components.Property`.
"""

from __future__ import annotations

from rubric import hookimpl
from rubric.aggregation.common import (
    KEY_DECIMALS,
    from_unit,
    prepare,
    prepare_batch,
    rank_shares,
    tie_broken,
    to_unit,
    with_tie_break,
)
from rubric.components import AggregationMethod, Property

__all__ = ["METHOD", "maximin", "maximins", "weighted_values", "worst_value"]


def weighted_values(matrix, weights, *, scale):
    """Each proposal's weighted values ``max(t_j, 1 − w_j/max w)``, sorted worst first.

    ``t_j`` is the value mapped onto [0, 1].  Column 0 of the result is the
    Dubois–Prade weighted minimum.
    """
    import numpy as np

    x, w = prepare(matrix, weights)
    v = np.maximum(to_unit(x, scale), 1.0 - w / w.max())
    v.sort(axis=1)
    return v


def maximin(matrix, weights, *, scale, criteria=None):
    """The worst weighted value of each proposal, ties broken by leximin, on the scale."""
    import numpy as np

    v = np.round(weighted_values(matrix, weights, scale=scale), KEY_DECIMALS)
    return from_unit(with_tie_break(v[:, 0], v), scale)


def maximins(matrices, weights, *, scale, criteria=None):
    """The batched form (k × n scores): the worst weighted values, and the sorted leximin vectors only where they tie."""
    import numpy as np

    x, w = prepare_batch(matrices, weights)
    t = to_unit(x, scale)
    v = np.maximum(t if t.ndim == 3 else t[None], (1.0 - w / w.max(axis=1, keepdims=True))[:, None, :])
    first = np.round(v.min(axis=2), KEY_DECIMALS)

    def leximin(column, sample, rows):
        return np.round(np.partition(v[sample, rows], column, axis=1)[:, column], KEY_DECIMALS)

    return from_unit(tie_broken(first, rank_shares(first, leximin, v.shape[2])), scale)


def worst_value(matrix, weights, *, scale, criteria=None):
    """The worst weighted value of each proposal on the scale: what a maximin score reads as."""
    import numpy as np

    return from_unit(np.round(weighted_values(matrix, weights, scale=scale)[:, 0], KEY_DECIMALS), scale)


METHOD = AggregationMethod(
    name="maximin",
    aggregate=maximin,
    primary=worst_value,
    batched=maximins,
    properties=set(Property) - {Property.INDEPENDENCE_OF_IRRELEVANT_ALTERNATIVES},
    description="The worst importance-weighted criterion decides, then the next worst (leximin).",
)


@hookimpl
def rubric_aggregation_methods():
    return [METHOD]
