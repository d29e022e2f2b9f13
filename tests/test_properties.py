"""Every built-in aggregation method against the properties it declares.

One generic suite, parametrised over :data:`rubric.aggregation.BUILTINS`,
runs :mod:`rubric.testing` for each declared property; then, for each
property a method does not declare, a concrete example shows it failing (or,
for the rank-based tie-breaks, how little it fails); last, meta-tests show
that the helper catches a method that lies about its properties.
"""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rubric.aggregation import BUILTINS
from rubric.aggregation.common import TIE_BREAK_SHARE
from rubric.components import AggregationMethod, Property
from rubric.model import Scale
from rubric.testing import check_aggregation_method, check_property
from strategies import cases

METHODS = {name: importlib.import_module(name).METHOD for name in BUILTINS}

#: Parameters other than the defaults, each checked against the same declaration.
VARIANTS = [
    ("rubric.aggregation.weighted_product", {"floor": 0.0}),
    ("rubric.aggregation.weighted_product", {"floor": 0.5}),
    ("rubric.aggregation.lexicographic", {"tolerance": 0.5}),
    ("rubric.aggregation.lexicographic", {"tolerance": 3.0}),
    ("rubric.aggregation.topsis", {"ideal": "scale"}),
    ("rubric.aggregation.promethee", {"preference": {"function": "u-shape", "q": 0.5}}),
    ("rubric.aggregation.promethee", {"preference": {"function": "v-shape", "p": 1.0}}),
    ("rubric.aggregation.promethee", {"preference": {"function": "level", "q": 0.5, "p": 1.5}}),
    ("rubric.aggregation.promethee", {"preference": {"function": "linear", "q": 0.3, "p": 1.2}}),
    ("rubric.aggregation.promethee", {"preference": {"function": "gaussian", "s": 0.7}}),
    ("rubric.aggregation.vikor", {"v": 0.0}),
    ("rubric.aggregation.vikor", {"v": 1.0}),
]

MINUS2_PLUS2 = Scale(-2, 2, ("strongly worsens", "worsens", "no effect", "improves", "strongly improves"))


def _examples() -> int:
    return settings.default.max_examples


@pytest.mark.parametrize(
    ("method", "prop"),
    [
        pytest.param(method, prop, id=f"{method.name}-{prop.value}")
        for method in METHODS.values()
        for prop in Property
        if prop in method.properties
    ],
)
def test_declared_property_holds(method, prop):
    """Each built-in method has each property it declares (default parameters)."""
    check_property(method, prop, max_examples=_examples())


@pytest.mark.parametrize(
    ("module", "params"),
    [pytest.param(module, params, id=f"{module.rsplit('.', 1)[1]}-{params}") for module, params in VARIANTS],
)
def test_declared_properties_hold_with_other_parameters(module, params):
    """The declarations hold for non-default parameters too."""
    check_aggregation_method(METHODS[module], params=params, max_examples=max(10, _examples() // 2))


def test_every_builtin_module_is_listed_once():
    """BUILTINS names each method module once, and the method names are distinct."""
    assert len(set(BUILTINS)) == len(BUILTINS)
    assert len({method.name for method in METHODS.values()}) == len(METHODS)


# --- what the undeclared properties look like ------------------------------------

UNDECLARED = sorted(
    (method.name, prop.value) for method in METHODS.values() for prop in Property if prop not in method.properties
)


#: The outranking methods, whose promises are asserted apart (below).
OUTRANKING = {"electre-iii", "promethee-i"}


def test_the_undeclared_properties_are_the_expected_ones():
    """Only independence of irrelevant alternatives is given up, and only by the field-relative methods."""
    assert [(name, prop) for name, prop in UNDECLARED if name not in OUTRANKING] == [
        ("lexicographic", "independence-of-irrelevant-alternatives"),
        ("maximin", "independence-of-irrelevant-alternatives"),
        ("promethee-ii", "independence-of-irrelevant-alternatives"),
        ("topsis", "independence-of-irrelevant-alternatives"),
        ("vikor", "independence-of-irrelevant-alternatives"),
    ]


def test_the_outranking_methods_give_up_what_they_say():
    """PROMETHEE I scores as PROMETHEE II; ELECTRE III also gives up monotonicity, Pareto and zero-weight irrelevance.

    Its distillations can reverse when a value rises, and a criterion's veto
    acts whatever its weight (demonstrated in tests/aggregation/test_electre_iii.py).
    """
    assert [(name, prop) for name, prop in UNDECLARED if name in OUTRANKING] == [
        ("electre-iii", "independence-of-irrelevant-alternatives"),
        ("electre-iii", "monotonicity"),
        ("electre-iii", "pareto"),
        ("electre-iii", "zero-weight-irrelevance"),
        ("promethee-i", "independence-of-irrelevant-alternatives"),
    ]


def _method(name: str) -> AggregationMethod:
    return next(m for m in METHODS.values() if m.name == name)


def _scores(name, matrix, weights, **params):
    method = _method(name)
    return list(method.aggregate(matrix, weights, scale=MINUS2_PLUS2, **{**method.params, **params}))


def test_topsis_rank_reversal_when_a_proposal_is_added():
    """TOPSIS: adding c = (−2, 0) to a = (1, −2) and b = (−1, −1) puts a above b.

    Worked by hand (equal weights ½, values measured from the bottom −2, so
    a = (3, 0), b = (1, 1), c = (0, 2)):

    * a and b alone: column norms √10 and 1; weighted normalised values
      a = (3/(2√10), 0), b = (1/(2√10), ½); ideal (3/(2√10), ½), anti-ideal
      (1/(2√10), 0).  C_a = (1/√10)/(½ + 1/√10) = (√10 − 2)/3 ≈ 0.387 and
      C_b = 1 − C_a ≈ 0.613: b first.
    * with c: the second norm becomes √5; a = (3/(2√10), 0),
      b = (1/(2√10), 1/(2√5)), c = (0, 1/√5); ideal (3/(2√10), 1/√5),
      anti-ideal (0, 0).  C_a = 9 − 6√2 ≈ 0.515, C_b = √2 − 1 ≈ 0.414: a first.
    """
    a, b, c = [1, -2], [-1, -1], [-2, 0]
    before = _scores("topsis", [a, b], [0.5, 0.5])
    after = _scores("topsis", [a, b, c], [0.5, 0.5])
    assert before == pytest.approx([-2 + 4 * (10**0.5 - 2) / 3, -2 + 4 * (5 - 10**0.5) / 3], abs=1e-12)
    assert after[:2] == pytest.approx([-2 + 4 * (9 - 6 * 2**0.5), -2 + 4 * (2**0.5 - 1)], abs=1e-12)
    assert before[0] < before[1] and after[0] > after[1]


def test_promethee_rank_reversal_when_a_proposal_is_added():
    """PROMETHEE II (usual): adding d = (2, 0) puts c above b.

    By hand, with per-criterion balances #below − #above and φ = ½(bal₁ +
    bal₂)/(n − 1), score = 2φ on −2…+2:

    * a = (0, 2), b = (0, −1), c = (−2, 1): balances a (1, 2), b (1, −2),
      c (−2, 0); φ = ¾, −¼, −½: b above c.
    * with d: a (0, 3), b (0, −3), c (−3, 1), d (3, −1); φ = ½, −½, −⅓, ⅓:
      c above b.
    """
    rows = [[0, 2], [0, -1], [-2, 1]]
    before = _scores("promethee-ii", rows, [0.5, 0.5])
    after = _scores("promethee-ii", rows + [[2, 0]], [0.5, 0.5])
    assert before == pytest.approx([1.5, -0.5, -1.0], abs=1e-12)
    assert after == pytest.approx([1.0, -1.0, -2 / 3, 2 / 3], abs=1e-12)
    assert before[1] > before[2] and after[1] < after[2]


def test_vikor_rank_reversal_when_a_proposal_is_added():
    """VIKOR (v = ½): adding d = (2, −1) puts b above a.

    By hand, equal weights ½:

    * a = (−2, 1), b = (0, 0), c = (2, 1): f* = (2, 1), f⁻ = (−2, 0);
      weighted shortfalls a (½, 0), b (¼, ½), c (0, 0); S = ½, ¾, 0 and
      R = ½, ½, 0; Q = ⅚, 1, 0; scores −2 + 4(1 − Q) = −4/3, −2, 2: a above b.
    * with d: f⁻ = (−2, −1); shortfalls a (½, 0), b (¼, ¼), c (0, 0),
      d (0, ½); S = ½, ½, 0, ½ and R = ½, ¼, 0, ½; Q = 1, ¾, 0, 1;
      scores −2, −1, 2, −2: b above a.
    """
    rows = [[-2, 1], [0, 0], [2, 1]]
    before = _scores("vikor", rows, [0.5, 0.5])
    after = _scores("vikor", rows + [[2, -1]], [0.5, 0.5])
    assert before == pytest.approx([-4 / 3, -2.0, 2.0], abs=1e-12)
    assert after == pytest.approx([-2.0, -1.0, 2.0, -2.0], abs=1e-12)
    assert before[0] > before[1] and after[0] < after[1]


@pytest.mark.parametrize("name", ["maximin", "lexicographic"])
def test_tie_breaks_move_scores_a_little_but_never_the_order(name):
    """Maximin and lexicographic: a proposal added moves the others' scores only within the tie-break share.

    Their tie-break counts the proposals below each one, so a score can move
    by up to 10⁻⁴ of the range — which is why neither declares independence
    of irrelevant alternatives — but the order of two proposals never does.
    """
    rows = [[1, -1, 0], [1, -1, 2], [-1, 2, 2]]
    before = _scores(name, rows, [0.5, 0.25, 0.25])
    after = _scores(name, rows + [[1, 0, 2]], [0.5, 0.25, 0.25])
    assert after[:3] != before
    assert after[:3] == pytest.approx(before, abs=TIE_BREAK_SHARE * 4)
    assert sorted(range(3), key=before.__getitem__) == sorted(range(3), key=after[:3].__getitem__)


@pytest.mark.parametrize("name", ["maximin", "lexicographic"])
@given(case=cases(min_proposals=3, max_proposals=6), data=st.data())
def test_tie_broken_order_of_two_proposals_ignores_the_others(name, case, data):
    """For maximin and lexicographic, removing a third proposal never reverses two others."""
    method = _method(name)
    gone = data.draw(st.integers(0, len(case.matrix) - 1))
    rest = [row for k, row in enumerate(case.matrix) if k != gone]
    before = [s for k, s in enumerate(method.aggregate(case.matrix, case.weights, scale=case.scale)) if k != gone]
    after = list(method.aggregate(rest, case.weights, scale=case.scale))
    for i in range(len(rest)):
        for k in range(len(rest)):
            if before[i] < before[k]:
                assert after[i] < after[k]
            if before[i] == before[k]:
                assert after[i] == after[k]


# --- the helper catches liars ------------------------------------------------------


def _broken_monotonicity(matrix, weights, *, scale, criteria=None):
    """A weighted mean that punishes reaching the top of the scale: not monotone."""
    top = float(scale.max)
    return [
        sum(w * (x - (scale.max - scale.min) if x == top else x) for w, x in zip(weights, row)) / sum(weights)
        for row in matrix
    ]


def test_helper_catches_a_method_that_is_not_monotone():
    """A method declaring monotonicity that punishes top scores fails with a counterexample."""
    liar = AggregationMethod(name="liar", aggregate=_broken_monotonicity, properties={Property.MONOTONICITY})
    with pytest.raises(AssertionError) as caught:
        check_aggregation_method(liar, max_examples=200)
    message = str(caught.value)
    assert "'liar' declares monotonicity but breaks it" in message
    assert "lowered its score" in message
    assert "matrix:" in message and "weights:" in message


def test_helper_reports_every_broken_property():
    """A method that breaks two declared properties gets both reported, and the kept one is not."""

    def negated(matrix, weights, *, scale, criteria=None):
        return [-sum(w * x for w, x in zip(weights, row)) for row in matrix]

    liar = AggregationMethod(
        name="negated", aggregate=negated, properties={Property.MONOTONICITY, Property.PARETO, Property.TIES}
    )
    with pytest.raises(AssertionError) as caught:
        check_aggregation_method(liar, max_examples=100)
    message = str(caught.value)
    assert "breaks 2 of the properties it declares" in message
    assert "monotonicity" in message and "pareto" in message
    assert "declares ties" not in message


def test_helper_catches_a_broken_call_contract():
    """A method returning the wrong number of scores fails whatever it declares."""

    def one_short(matrix, weights, *, scale, criteria=None):
        return [0.0] * (len(matrix) - 1)

    liar = AggregationMethod(name="short", aggregate=one_short, properties={Property.TIES})
    with pytest.raises(AssertionError, match="returned 1 scores for 2 proposals"):
        check_aggregation_method(liar, max_examples=20)


def test_helper_refuses_to_check_undeclared_properties_by_default():
    """Asking check_aggregation_method for an undeclared property is a usage error."""
    with pytest.raises(ValueError, match="does not declare"):
        check_aggregation_method(_method("topsis"), properties={Property.INDEPENDENCE_OF_IRRELEVANT_ALTERNATIVES})


def test_check_property_finds_topsis_rank_reversal_by_itself():
    """check_property on an undeclared property finds a counterexample and says it is undeclared."""
    with pytest.raises(AssertionError, match="'topsis' lacks independence-of-irrelevant-alternatives"):
        check_property(_method("topsis"), Property.INDEPENDENCE_OF_IRRELEVANT_ALTERNATIVES, max_examples=200)


def test_helper_catches_a_false_linear_declaration():
    """A method that declares ``linear`` but scores the worst value (maximin) fails the capability check."""

    def worst(matrix, weights, *, scale, criteria=None):
        return [min(row) for row in matrix]

    liar = AggregationMethod(name="worst", aggregate=worst, linear=True)
    with pytest.raises(AssertionError, match="'worst' declares the capability linear but breaks it"):
        check_aggregation_method(liar, max_examples=100)


def test_only_the_weighted_sum_declares_linear_and_keeps_it():
    """Among the built-ins only the weighted sum is a weighted mean, and the full check (capability included) passes."""
    linear = [m for m in METHODS.values() if m.linear]
    assert [m.name for m in linear] == ["weighted-sum"]
    check_aggregation_method(linear[0], max_examples=_examples())
