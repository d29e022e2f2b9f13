"""Krippendorff's alpha against published values and its properties; rater agreement over an evaluation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rater_cases import SCALE, evaluation
from rubric.analysis.reliability import agreement, krippendorff_alpha
from rubric.discovery import create_registry
from rubric.engine import evaluate
from rubric.model import Criterion, Group, MethodChoice, Proposal, Rating, Rubric, Scheme
from rubric.raters import rater_table

# Krippendorff (2011), the worked example with missing values: 4 observers (rows)
# × 12 units (columns), None where an observer gave no value.
OBSERVERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]
UNITS = list(zip(*OBSERVERS))


@pytest.mark.parametrize("metric, published", [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)])
def test_published_example(metric, published):
    """Krippendorff, K. (2011) "Computing Krippendorff's Alpha-Reliability", Annenberg School for
    Communication, University of Pennsylvania (repository.upenn.edu/asc_papers/43): the example of
    4 observers and 12 units with missing values gives alpha = 0.743 nominal, 0.815 ordinal,
    0.849 interval and 0.797 ratio.
    """
    assert round(krippendorff_alpha(UNITS, metric), 3) == published


def test_second_published_example():
    """Three coders, 15 units, many missing (the example on Wikipedia's "Krippendorff's alpha" page):
    nominal alpha = 0.691, interval alpha = 0.811.
    """
    coders = [
        [None, None, None, None, None, 3, 4, 1, 2, 1, 1, 3, 3, None, 3],
        [1, None, 2, 1, 3, 3, 4, 3, None, None, None, None, None, None, None],
        [None, None, 2, 1, 3, 4, 4, None, 2, 1, 1, 3, 3, None, 4],
    ]
    units = list(zip(*coders))
    assert krippendorff_alpha(units, "nominal") == pytest.approx(0.691358, abs=1e-6)
    assert krippendorff_alpha(units, "interval") == pytest.approx(0.810845, abs=1e-6)


def test_systematic_disagreement_is_negative():
    """Units (1, 2) and (2, 1): o_12 = o_21 = 2, n_1 = n_2 = 2, so alpha = 1 − 3·4 / 8 = −0.5."""
    assert krippendorff_alpha([(1, 2), (2, 1)]) == pytest.approx(-0.5)


def test_undefined_without_pairs_or_variation():
    """No unit with two values, or every value the same: alpha is undefined (None)."""
    assert krippendorff_alpha([(1, None), (2,)]) is None
    assert krippendorff_alpha([(1, 1), (1, 1, 1)]) is None
    with pytest.raises(ValueError, match="interval"):
        krippendorff_alpha(UNITS, "circular")


values = st.sampled_from([x / 2 for x in range(-4, 5)])


@given(st.lists(values, min_size=2, max_size=12, unique=True), st.integers(2, 5))
def test_identical_raters_agree_perfectly(truth, raters):
    """Raters who give every unit the same value agree perfectly: alpha = 1 under every metric."""
    units = [[value] * raters for value in truth]
    for metric in ("nominal", "ordinal", "interval"):
        assert krippendorff_alpha(units, metric) == pytest.approx(1.0)


@given(st.lists(st.lists(values, min_size=2, max_size=4), min_size=2, max_size=8), st.randoms())
def test_order_of_units_and_of_values_does_not_matter(units, random):
    """Alpha depends on the values within each unit, not on their order nor the order of units."""
    shuffled = [random.sample(unit, len(unit)) for unit in units]
    random.shuffle(shuffled)
    first, second = krippendorff_alpha(units), krippendorff_alpha(shuffled)
    assert first == second or first == pytest.approx(second)


@given(st.lists(st.lists(values, min_size=2, max_size=4), min_size=2, max_size=8))
def test_alpha_is_at_most_one(units):
    """Observed disagreement is never negative, so alpha never exceeds 1."""
    alpha = krippendorff_alpha(units)
    assert alpha is None or alpha <= 1 + 1e-12


# --- an evaluation with raters ----------------------------------------------------------------


def test_agreement_per_criterion():
    """Units are proposals with two raters or more; alpha for x comes from the three pairs."""
    report = agreement(evaluation())
    x, y = report.criteria
    assert (x.raters, x.units, x.values) == (2, 3, 6)
    assert x.alpha == pytest.approx(krippendorff_alpha([(2, 0), (-1, -1.5), (0, 1)]))
    assert (y.raters, y.units, y.values) == (3, 2, 5)
    assert report.overall.units == 5 and report.overall.raters == 3
    assert [(c.proposal, c.criterion) for c in report.flagged] == [("p0", "x")]


def test_agreement_tables_and_records():
    """An agreement table (one row per criterion plus the pooled row) and a spread table, widest first."""
    report = agreement(evaluation())
    agreement_table, spread_table = report.tables()
    assert [row[0] for row in agreement_table.rows] == ["Criterion X", "Criterion Y", "All criteria pooled"]
    assert spread_table.rows[0][:2] == ("p0", "x") and spread_table.rows[0][-1] == "yes"
    assert "a 2, b 0" in spread_table.rows[0][2]
    records = report.to_records()
    assert len(records) == 6 and records[0]["scores"] == {"a": 2.0, "b": 0.0}
    assert "Krippendorff" in str(report)


def test_computed_criteria_have_no_raters(tmp_path):
    """A criterion without raters shows as computed in the rater table and is left out of alpha."""
    from rubric import hookimpl
    from rubric.components import CriterionKind, CriterionValue

    class Fixed:
        __name__ = "fixed-kind-plugin"

        @hookimpl
        def rubric_criterion_kinds(self):
            return [CriterionKind("fixed", lambda criterion, proposal, rubric: CriterionValue(1.0))]

    registry = create_registry(autoload=False, plugins=[Fixed()])
    rubric = Rubric(
        "r", "R", "1", SCALE, (Group("g", "G"),),
        (Criterion("x", "g", "X"), Criterion("f", "g", "F", kind="fixed")),
        (Scheme("s", "S", MethodChoice("direct", {"weights": {}})),),
    )
    proposal = Proposal("p", "P", assessments={"r": {"x": (Rating("a", 1), Rating("b", 1))}})
    ev = evaluate(rubric, [proposal], registry=registry)
    _, computed = rater_table(ev, "p").rows
    assert computed[-1] == "computed (fixed)"
    report = agreement(ev)
    assert report.criteria[1].units == 0 and report.criteria[1].alpha is None
