"""AHP weights and consistency ratios against a published example and hand computation."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rubric.weighting.ahp import METHOD, RANDOM_INDEX, priorities

# Saaty, T. L. (2008), "Decision making with the analytic hierarchy process",
# Int. J. Services Sciences 1(1), 83–98: Table 2, "Which drink is consumed more
# in the US?", the judgements of a row drink's consumption over a column drink's.
DRINKS = ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"]
DRINK_JUDGEMENTS = [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
]
# The derived scale and consistency ratio the paper gives, to three decimals.
DRINK_WEIGHTS = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
DRINK_CR = 0.022


def ahp(rubric, pairwise, **params):
    return METHOD.derive(rubric, {"pairwise": pairwise, **params})


def problems(rubric, pairwise, **params):
    return METHOD.check_params({"pairwise": pairwise, **params}, rubric)


def upper_triangle(children, matrix):
    """The judgements above the diagonal as ``{"a/b": x}``, the form a scheme gives them in."""
    return {f"{a}/{b}": matrix[i][j] for (i, a), (j, b) in itertools.combinations(enumerate(children), 2)}


def test_saaty_2008_drinks(make_rubric):
    """The drinks example: the paper's weights and CR, to its three decimals."""
    rubric = make_rubric({"drinks": DRINKS})
    derived = ahp(rubric, {"drinks": upper_triangle(DRINKS, DRINK_JUDGEMENTS)})
    assert [derived.weights[d] for d in DRINKS] == pytest.approx(DRINK_WEIGHTS, abs=5e-4)
    assert derived.details["consistency ratio (drinks)"] == pytest.approx(DRINK_CR, abs=5e-4)


def test_consistent_matrix_gives_exact_weights_and_zero_cr(reference_rubric):
    """a/b = 2, a/c = 1, b/c = 0.5 agree with each other: weights 0.4, 0.2, 0.4 and CR 0."""
    pairwise = {"ideological": {"transparency/progress": 2, "transparency/power-distribution": 1,
                                "progress/power-distribution": 0.5}}
    derived = ahp(reference_rubric, pairwise)
    assert dict(derived.weights) == pytest.approx(
        {"transparency": 0.4, "progress": 0.2, "power-distribution": 0.4}, abs=1e-12)
    assert derived.details == {"consistency ratio (ideological)": 0.0}


def test_consistent_three_by_three_priorities():
    """[[1, 2, 4], [1/2, 1, 2], [1/4, 1/2, 1]]: weights 4/7, 2/7, 1/7, λmax 3, CR 0."""
    result = priorities([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]])
    assert result.weights == pytest.approx([4 / 7, 2 / 7, 1 / 7], abs=1e-12)
    assert result.lambda_max == pytest.approx(3.0, abs=1e-12)
    assert result.consistency_ratio == 0.0


def test_inconsistent_three_by_three_by_hand():
    """a12 = 3, a13 = 5, a23 = 1, worked by hand to 1e-6.

    For a 3×3 reciprocal matrix det(A − λI) = 0 reduces, with μ = λ − 1 and
    d = a12·a23/a13, to μ³ − 3μ − (d + 1/d) = 0, whose real root is
    μ = d^(1/3) + d^(−1/3).  Here d = 0.6: λmax = 3.0290638, CI = 0.0145319,
    CR = CI/0.58 = 0.0250550.  The eigenvector is the cross product of the
    first two rows of A − λI, (3 + 5μ, 5/3 + μ, μ² − 1) with μ = 2.0290638:
    (13.1453188, 3.6957304, 3.1170998)/19.9581490 = (0.6586442, 0.1851740, 0.1561818).
    """
    result = priorities([[1, 3, 5], [1 / 3, 1, 1], [1 / 5, 1, 1]])
    assert result.lambda_max == pytest.approx(3.0290638, abs=1e-6)
    assert result.consistency_index == pytest.approx(0.0145319, abs=1e-6)
    assert result.consistency_ratio == pytest.approx(0.0250550, abs=1e-6)
    assert result.weights == pytest.approx([0.6586442, 0.1851740, 0.1561818], abs=1e-6)


def test_random_index_is_saatys_1980_table():
    """RI for n = 1…10 as Saaty (1980) tabulates it."""
    assert RANDOM_INDEX == (0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)


def test_two_children(reference_rubric):
    """One judgement x between two children gives x/(1 + x) and 1/(1 + x), always consistent."""
    derived = ahp(reference_rubric, {"root": {"geopolitical/ideological": 3}})
    assert dict(derived.weights) == pytest.approx({"geopolitical": 0.75, "ideological": 0.25})
    assert derived.details == {"consistency ratio (root)": 0.0}


def test_single_child_needs_no_judgement(make_rubric):
    """A group with one child compares nothing and gives it the whole weight."""
    rubric = make_rubric({"lonely": ["only"], "other": ["x", "y"]})
    derived = ahp(rubric, {"lonely": {}})
    assert dict(derived.weights) == {"only": 1.0}


def test_pair_order_does_not_matter(reference_rubric):
    """"a/b" = x says the same as "b/a" = 1/x."""
    one = ahp(reference_rubric, {"ideological": {"transparency/progress": 3, "transparency/power-distribution": 5,
                                                 "progress/power-distribution": 1}})
    other = ahp(reference_rubric, {"ideological": {"progress/transparency": 1 / 3,
                                                   "power-distribution/transparency": 0.2,
                                                   "power-distribution/progress": 1}})
    assert dict(one.weights) == pytest.approx(dict(other.weights), abs=1e-12)
    assert one.details["consistency ratio (ideological)"] == pytest.approx(
        other.details["consistency ratio (ideological)"], abs=1e-12)


def test_several_levels_report_a_cr_each(deep_rubric):
    """Every compared node gets weights for its children and its own CR in details."""
    derived = ahp(deep_rubric, {"root": {"security/values": 2}, "supply-chain": {"backdoor-risk/provenance": 4},
                                "security": {"china-misuse/supply-chain": 1}})
    assert dict(derived.weights) == pytest.approx({"security": 2 / 3, "values": 1 / 3, "backdoor-risk": 0.8,
                                                   "provenance": 0.2, "china-misuse": 0.5, "supply-chain": 0.5})
    assert set(derived.details) == {"consistency ratio (root)", "consistency ratio (supply-chain)",
                                    "consistency ratio (security)"}


ANYWHERE_ON_THE_SCALE = st.floats(min_value=-math.log(9), max_value=math.log(9)).map(math.exp)
SAATY_SCALE = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]
ON_THE_SAATY_SCALE = st.sampled_from(SAATY_SCALE)


@st.composite
def reciprocal_matrices(draw, values=ON_THE_SAATY_SCALE):
    n = draw(st.integers(min_value=3, max_value=10))
    matrix = [[1.0] * n for _ in range(n)]
    for i, j in itertools.combinations(range(n), 2):
        matrix[i][j] = draw(values)
        matrix[j][i] = 1 / matrix[i][j]
    return matrix


@settings(max_examples=200)
@given(reciprocal_matrices() | reciprocal_matrices(ANYWHERE_ON_THE_SCALE))
def test_power_iteration_agrees_with_numpy(matrix):
    """On any reciprocal matrix of Saaty-scale judgements, weights and λmax match LAPACK's eigensolver."""
    import numpy as np

    values, vectors = np.linalg.eig(np.array(matrix))
    top = int(np.argmax(values.real))
    expected = vectors[:, top].real / vectors[:, top].real.sum()
    result = priorities(matrix)
    assert result.weights == pytest.approx(list(expected), abs=1e-9)
    assert result.lambda_max == pytest.approx(values[top].real, rel=1e-9)


@given(st.lists(st.floats(min_value=0.01, max_value=100), min_size=1, max_size=10))
def test_consistent_matrices_recover_their_weights(scale):
    """Judgements a_ij = v_i/v_j from any positive v give back v/Σv with CR 0."""
    matrix = [[vi / vj for vj in scale] for vi in scale]
    result = priorities(matrix)
    assert result.weights == pytest.approx([v / sum(scale) for v in scale], rel=1e-9)
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-9)


# --- check_params ------------------------------------------------------------

IDEOLOGICAL = {"transparency/progress": 2, "transparency/power-distribution": 1, "progress/power-distribution": 0.5}


def test_missing_pair_is_named(reference_rubric):
    """Each pair not judged is named, and the message says every pair is needed."""
    [message] = problems(reference_rubric, {"ideological": {"transparency/progress": 2}})
    assert message == ("pairwise.ideological: judgements 'transparency/power-distribution', "
                       "'progress/power-distribution' are missing; AHP needs every pair of children of "
                       "group 'ideological' judged once, in either order")


def test_unknown_id_in_a_pair(reference_rubric):
    """A side that is not a child of the node is named, with the nearest child."""
    found = problems(reference_rubric, {"root": {"geopolitical/ideologcal": 2}})
    assert found[0] == ("pairwise.root.\"geopolitical/ideologcal\": 'ideologcal' is not directly below the root; "
                        "did you mean 'ideological'? Known: geopolitical, ideological.")
    # The pair it was meant to be is then still missing, and said so.
    assert "'ideological/geopolitical' is missing" in found[1]


def test_unknown_node(reference_rubric):
    """A node key that is neither root nor a group is named."""
    [message] = problems(reference_rubric, {"ideology": IDEOLOGICAL})
    assert message.startswith("pairwise.ideology: neither \"root\" nor a group of rubric 'open-source-ai'; "
                              "did you mean 'ideological'?")


def test_criterion_as_node(reference_rubric):
    """A criterion has no children to compare."""
    [message] = problems(reference_rubric, {"china-misuse": {}})
    assert message.startswith("pairwise.china-misuse: 'china-misuse' is a criterion")


@pytest.mark.parametrize(("value", "expected"), [
    (0, "found int (0); a judgement is a ratio of importances, so it is positive"),
    (-2, "found int (-2); a judgement is a ratio"),
    (-0.5, "found float (-0.5); a judgement is a ratio"),
    ("1/2", "found a string ('1/2'); TOML has no fractions: to say 'progress' is x times as important, "
            "write \"progress/transparency\" = x"),
    (True, "found a boolean (True)"),
    (float("nan"), "found float (nan)"),
    (float("inf"), "found float (inf)"),
])
def test_judgement_must_be_a_positive_number(reference_rubric, value, expected):
    """Zero, negative, non-finite and non-numeric judgements are refused with what was found."""
    [message] = problems(reference_rubric, {"ideological": {**IDEOLOGICAL, "transparency/progress": value}})
    assert message.startswith("pairwise.ideological.\"transparency/progress\": expected a positive number "
                              "(how many times 'transparency' is as important as 'progress'), ")
    assert expected in message


@pytest.mark.parametrize("value", [10, 1 / 10, 100, 0.11])
def test_judgement_must_be_on_saatys_scale(reference_rubric, value):
    """Judgements beyond 1/9…9 are refused: the random index is calibrated on that scale."""
    [message] = problems(reference_rubric, {"ideological": {**IDEOLOGICAL, "transparency/progress": value}})
    assert message == (f"pairwise.ideological.\"transparency/progress\": expected a judgement from 1/9 to 9 "
                       f"(Saaty's scale, on which the consistency ratio is calibrated), found {value:g}; children "
                       "more than 9 times apart in importance are better compared through sub-groups")


@pytest.mark.parametrize("value", [9, 1 / 9, 0.111, 9.0])
def test_ends_of_the_scale_are_accepted(reference_rubric, value):
    """9 and 1/9 are on the scale, and so is 1/9 written as 0.111."""
    pairwise = {"root": {"ideological/geopolitical": value}}
    assert problems(reference_rubric, pairwise) == []


def test_pair_judged_twice(reference_rubric):
    """"a/b" and "b/a" both given is a problem naming both keys."""
    [message] = problems(reference_rubric, {"ideological": {**IDEOLOGICAL, "progress/transparency": 0.5}})
    assert message == ("pairwise.ideological.\"progress/transparency\": 'progress' and 'transparency' are already "
                       "compared as 'transparency/progress'; judge each pair once")


@pytest.mark.parametrize("pair", ["transparency", "transparency/progress/power-distribution", "/progress"])
def test_malformed_pair_key(reference_rubric, pair):
    """A key that is not "a/b" says what was expected."""
    found = problems(reference_rubric, {"ideological": {**IDEOLOGICAL, pair: 1}})
    assert found[0].endswith(f"expected a key \"a/b\" naming two children of group 'ideological', found {pair!r}")


def test_self_comparison(reference_rubric):
    """Comparing a child with itself is a problem."""
    [message] = problems(reference_rubric, {"ideological": {**IDEOLOGICAL, "progress/progress": 1}})
    assert "compares 'progress' with itself" in message


def test_consistency_ratio_above_limit_is_refused(reference_rubric):
    """A cycle of strong judgements is refused, naming the node, its CR and max_cr."""
    cycle = {"china-misuse/backdoor-risk": 5, "backdoor-risk/global-power": 5, "global-power/china-misuse": 5}
    [message] = problems(reference_rubric, {"geopolitical": cycle})
    assert message.startswith("pairwise.geopolitical: consistency ratio ")
    assert "is above max_cr 0.1" in message and "allow_inconsistent = true" in message


def test_the_worst_judgement_is_named(make_rubric):
    """With one judgement off among consistent ones, the message points at that one."""
    children = ["a", "b", "c", "d"]
    rubric = make_rubric({"g": children})
    pairwise = {f"{x}/{y}": 2.0 ** (j - i) for (i, x), (j, y) in itertools.combinations(enumerate(children), 2)}
    pairwise["b/d"] = 1 / 4  # consistent would be 4
    [message] = problems(rubric, {"g": pairwise})
    assert 'the judgement furthest from the derived weights is "b/d" = 0.25' in message


def test_allow_inconsistent_keeps_the_weights_and_warns(reference_rubric):
    """With allow_inconsistent the weights are derived, and details carry the CR and a warning."""
    cycle = {"china-misuse/backdoor-risk": 5, "backdoor-risk/global-power": 5, "global-power/china-misuse": 5}
    assert problems(reference_rubric, {"geopolitical": cycle}, allow_inconsistent=True) == []
    derived = ahp(reference_rubric, {"geopolitical": cycle}, allow_inconsistent=True)
    assert list(derived.weights.values()) == pytest.approx([1 / 3] * 3)
    assert derived.details["consistency ratio (geopolitical)"] > 0.1
    assert "allow_inconsistent = true" in derived.details["warning (geopolitical)"]


def test_max_cr_sets_the_limit(reference_rubric):
    """The hand-computed matrix (CR 0.0251) passes the default and fails max_cr = 0.02."""
    pairwise = {"ideological": {"transparency/progress": 3, "transparency/power-distribution": 5,
                                "progress/power-distribution": 1}}
    assert problems(reference_rubric, pairwise) == []
    [message] = problems(reference_rubric, pairwise, max_cr=0.02)
    assert "consistency ratio 0.025 is above max_cr 0.02" in message


@pytest.mark.parametrize(("params", "expected"), [
    ({"max_cr": -0.1}, "max_cr: expected a number ≥ 0"),
    ({"max_cr": "0.1"}, "max_cr: expected a number ≥ 0"),
    ({"allow_inconsistent": "yes"}, "allow_inconsistent: expected true or false, found a string ('yes')"),
])
def test_bad_options(reference_rubric, params, expected):
    """max_cr must be a number ≥ 0 and allow_inconsistent a boolean."""
    [message] = problems(reference_rubric, {"ideological": IDEOLOGICAL}, **params)
    assert message.startswith(expected)


@pytest.mark.parametrize(("pairwise", "expected"), [
    (None, "pairwise: expected a table whose keys are \"root\" or group ids"),
    ({}, "pairwise: an empty table"),
    ({"ideological": [2, 1, 0.5]}, "pairwise.ideological: expected a table of judgements"),
])
def test_wrong_shapes(reference_rubric, pairwise, expected):
    """Values of the wrong shape say what was expected and what was found."""
    [message] = problems(reference_rubric, pairwise)
    assert message.startswith(expected)


def test_more_than_ten_children(make_rubric):
    """The random index stops at ten, so a node with eleven children cannot be compared."""
    children = [f"c{i}" for i in range(11)]
    rubric = make_rubric({"big": children})
    [message] = problems(rubric, {"big": {f"{a}/{b}": 1 for a, b in itertools.combinations(children, 2)}})
    assert message.startswith("pairwise.big: group 'big' has 11 children; AHP compares at most 10")


def test_every_problem_is_reported(reference_rubric):
    """Problems in several nodes and options are all reported, not only the first."""
    found = problems(reference_rubric, {"root": {}, "ideological": {"transparency/progress": 0}}, max_cr=-1)
    assert len(found) == 4


def test_derive_refuses_what_check_params_refuses(reference_rubric):
    """Called without the loader's check, derive raises instead of returning wrong weights."""
    with pytest.raises(ValueError, match="consistency ratio"):
        ahp(reference_rubric, {"geopolitical": {"china-misuse/backdoor-risk": 5, "backdoor-risk/global-power": 5,
                                                "global-power/china-misuse": 5}})


def test_small_deviations_give_a_small_cr(make_rubric):
    """Small deviations from consistency give a small CR (continuity, not a published figure)."""
    children = list("abcde")
    rubric = make_rubric({"g": children})
    pairwise = {f"{x}/{y}": math.exp(0.05 * ((i * 7 + j * 3) % 5 - 2)) * (j + 1) / (i + 1)
                for (i, x), (j, y) in itertools.combinations(enumerate(children), 2)}
    assert ahp(rubric, {"g": pairwise}).details["consistency ratio (g)"] < 0.01
