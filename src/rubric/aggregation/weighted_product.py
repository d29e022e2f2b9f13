"""Weighted product: the weighted geometric mean of the criterion values.

Bridgman (1922) and Miller & Starr (1969); the comparison form
``R(A/B) = Π_j (a_j / b_j)^w_j`` is the one in Triantaphyllou, E. (2000)
*Multi-Criteria Decision Making Methods: A Comparative Study*, Kluwer,
ch. 2.  A product rewards balance: a proposal that does badly on one
criterion loses a *factor*, which good values elsewhere only partly make up
for.  It is less compensatory than the weighted sum but, unlike maximin,
still lets every criterion count.

**Positive values.**  A product needs values on a ratio scale above zero,
and a rubric's scale is an interval scale (−2…+2, say) without a natural
zero.  The method therefore maps the scale linearly onto ``[floor, 1]``:
the top of the scale becomes 1 and the bottom becomes ``floor``::

    y = floor + (1 − floor)·(x − min)/(max − min)
    G = Π_j y_j^w_j                      (weights normalised to sum to 1)
    score = min + (max − min)·(G − floor)/(1 − floor)

``floor`` (default 0.1) says how much the worst level is worth relative to
the best: with 0.1, a "strongly worsens" is a tenth of a "strongly
improves".  Closer to 0 the bottom of the scale acts more and more like a
veto; ``floor = 0`` is the pure product, where a single bottom score on a
weighted criterion sends the total to the bottom.  Because the map is
linear and the result is mapped back the same way, a proposal with the same
value on every criterion scores exactly that value, and every score stays
on the scale.  Rankings can depend on ``floor`` — the price of putting an
interval scale into a product — so a scheme that uses this method should
say which floor it chose.

Guarantees every :class:`~rubric.components.Property`: each score depends
only on the proposal's own row, rises with each of its values, ignores
criteria of weight zero (they are left out of the product, so even
``0^0`` never arises) and stays within the scale.
"""

from __future__ import annotations

from typing import Any, Mapping

from rubric import hookimpl
from rubric.aggregation.common import from_unit, prepare, prepare_batch, to_unit
from rubric.components import AggregationMethod, Property, is_real_number
from rubric.model import Rubric

__all__ = ["METHOD", "weighted_product", "weighted_products"]


def _floor(floor) -> float:
    floor = float(floor)
    if not 0.0 <= floor < 1.0:
        raise ValueError(f"floor must be at least 0 and below 1, got {floor}")
    return floor


def weighted_product(matrix, weights, *, scale, floor=0.1, criteria=None):
    """Weighted geometric mean of the values mapped to ``[floor, 1]``, back on the scale.

    :param floor: what the bottom of the scale is worth relative to its top,
        in ``[0, 1)``.
    """
    import numpy as np

    floor = _floor(floor)
    x, w = prepare(matrix, weights)
    used = w > 0
    y = floor + (1.0 - floor) * to_unit(x[:, used], scale)
    with np.errstate(divide="ignore"):  # log(0) = −inf is the veto floor = 0 asks for
        g = np.exp(np.log(y) @ w[used])
    return from_unit((g - floor) / (1.0 - floor), scale)


def weighted_products(matrices, weights, *, scale, floor=0.1, criteria=None):
    """The batched form (k × n scores): the log-values' weighted sums as one matrix product.

    A bottom value under ``floor = 0`` has log −inf; it is counted apart, as a
    veto where its weight is positive, so that ``0 · −inf`` never arises.
    """
    import numpy as np

    floor = _floor(floor)
    x, w = prepare_batch(matrices, weights)
    with np.errstate(divide="ignore"):
        logs = np.log(floor + (1.0 - floor) * to_unit(x, scale))
    veto = np.isinf(logs)
    logs[veto] = 0.0
    used = (w > 0).astype(float)
    if x.ndim == 2:
        total, vetoed = w @ logs.T, used @ veto.T
    else:
        total, vetoed = np.matmul(logs, w[:, :, None])[:, :, 0], np.matmul(veto, used[:, :, None])[:, :, 0]
    g = np.where(vetoed > 0, 0.0, np.exp(total))
    return from_unit((g - floor) / (1.0 - floor), scale)


def check_params(params: Mapping[str, Any], rubric: Rubric) -> list[tuple[str, str]]:
    """``floor`` must be a number in [0, 1)."""
    floor = params.get("floor", 0.1)
    if not is_real_number(floor) or not 0 <= floor < 1:
        return [("floor", f"floor must be a number at least 0 and below 1, got {floor!r}")]
    return []


METHOD = AggregationMethod(
    name="weighted-product",
    aggregate=weighted_product,
    properties=set(Property),
    params={"floor": 0.1},
    description="Weighted geometric mean of the values mapped to [floor, 1]; rewards balance.",
    check_params=check_params,
    batched=weighted_products,
)


@hookimpl
def rubric_aggregation_methods():
    return [METHOD]
