"""The built-in ``value-function`` criterion kind: goalposts, log, direction, points and tables.

Numbers are hand computations (shown in each docstring) or the UNDP Human
Development Report's own dimension-index formula: index = (actual − min) /
(max − min), with ln for income (HDR 2020 Technical notes, p. 2).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from loading.helpers import edit, validate
from rubric.criteria.value_function import KIND, check_params
from rubric.errors import InputError, MissingDataError
from rubric.model import Criterion, Group, Proposal, Rubric, Scale


def rubric_on(low: float, high: float) -> Rubric:
    return Rubric("t", "T", "1", Scale(low, high, ("bottom", "top")), (Group("g", "G"),), (), (), path=Path("t.toml"))


def value(params: dict, facts: dict, scale: tuple = (0, 1)):
    criterion = Criterion("c", "g", "C", kind="value-function", params=params)
    return KIND.score(criterion, Proposal("p", "P", facts=facts, path=Path("p.toml")), rubric_on(*scale))


LIFE = {"fact": "life_expectancy", "min": 20, "max": 85, "unit": "years"}
INCOME = {"fact": "gni_per_capita", "min": 100, "max": 75_000, "transform": "log"}


def test_goalposts_give_the_hdi_health_index():
    """Life expectancy 73.2 between 20 and 85: (73.2 − 20) / 65 = 0.81846; the note says so."""
    v = value(LIFE, {"life_expectancy": 73.2})
    assert v.score == pytest.approx(53.2 / 65)
    assert v.note == "life expectancy 73.2 years → 0.818 between goalposts 20 and 85 (life_expectancy = 73.2)"


def test_log_transform_gives_the_hdi_income_index():
    """GNI 10,000 between 100 and 75,000 on ln: ln(100) / ln(750) = 4.60517 / 6.62007 = 0.69563."""
    v = value(INCOME, {"gni_per_capita": 10_000})
    assert v.score == pytest.approx(0.69563, abs=1e-5)
    assert "on a log scale" in v.note


def test_values_beyond_the_goalposts_are_capped():
    """90 years caps at 85 (index 1), 15 at 20 (index 0); GNI 80,000 caps at 75,000 (as the HDR does)."""
    assert value(LIFE, {"life_expectancy": 90}).score == 1.0
    assert "capped at max 85" in value(LIFE, {"life_expectancy": 90}).note
    assert value(LIFE, {"life_expectancy": 15}).score == 0.0
    assert value(INCOME, {"gni_per_capita": 80_000}).score == 1.0


def test_lower_is_better_maps_onto_the_whole_scale():
    """12 months between 0 and 60, lower better, on −2…2: index 1 − 12/60 = 0.8 → −2 + 0.8 × 4 = 1.2."""
    v = value({"fact": "months", "min": 0, "max": 60, "direction": "lower"}, {"months": 12}, (-2, 2))
    assert v.score == pytest.approx(1.2)


def test_points_are_piecewise_linear_and_flat_beyond_the_ends():
    """Through (0, −2), (10, 0), (20, 2): 15 → 0 + 5/10 × 2 = 1; −5 → −2; 30 → 2; 10 → 0."""
    points = {"fact": "x", "points": [[0, -2], [10, 0], [20, 2]]}
    assert [value(points, {"x": x}, (-2, 2)).score for x in (15, -5, 30, 10)] == pytest.approx([1, -2, 2, 0])


def test_table_maps_categories_and_an_unknown_one_is_an_error_without_default():
    """A category in the table gives its value; one outside it is an error at the fact, unless a default is set."""
    table = {"fact": "substitutes", "table": {"many": -2, "some": 0, "few": 2}}
    assert value(table, {"substitutes": "few"}, (-2, 2)).score == 2
    with pytest.raises(InputError) as raised:
        value(table, {"substitutes": "lots"}, (-2, 2))
    (problem,) = raised.value.problems
    assert problem.key == "facts.substitutes" and "one of 'many', 'some', 'few'" in problem.message
    v = value({**table, "default": -1}, {"substitutes": "lots"}, (-2, 2))
    assert v.score == -1 and "default -1" in v.note


def test_missing_fact_is_missing_data_not_a_failure():
    """An absent fact raises MissingDataError, which the engine reads as an unknown value."""
    with pytest.raises(MissingDataError) as raised:
        value(LIFE, {})
    assert raised.value.problems[0].key == "facts.life_expectancy"
    assert raised.value.reason == "fact life_expectancy not given"


def test_log_of_a_non_positive_value_is_an_error_at_the_fact():
    """ln(0) is undefined: a GNI of 0 under a log transform is refused at facts.gni_per_capita."""
    with pytest.raises(InputError) as raised:
        value(INCOME, {"gni_per_capita": 0})
    (problem,) = raised.value.problems
    assert problem.key == "facts.gni_per_capita" and "a number > 0" in problem.message
    assert not isinstance(raised.value, MissingDataError)


@pytest.mark.parametrize(
    "params, key, words",
    [
        ({"fact": "x", "min": 5, "max": 5}, "max", "expected max greater than min (5), found 5"),
        ({"fact": "x", "min": 0, "max": 9, "transform": "log"}, "min", "a log transform needs goalposts > 0"),
        ({"fact": "x", "min": 0, "max": 9, "direction": "up"}, "direction", "expected one of 'higher', 'lower'"),
        ({"fact": "x", "min": 0}, "max", "expected a number, found nothing"),
        ({"fact": "x"}, "", "expected exactly one of goalposts"),
        ({"fact": "x", "min": 0, "max": 1, "table": {"a": 1}}, "", "expected exactly one of goalposts"),
        ({"fact": "x", "points": [[0, 0], [0, 1]]}, "points[1]", "expected x greater than the previous point's (0)"),
        ({"fact": "x", "points": [[0, 0], [1, 7]]}, "points[1]", "expected a value on the scale 0…1"),
        ({"fact": "x", "table": {"a": 3}}, "table.a", "expected a value on the scale 0…1"),
        ({"fact": "x", "table": {"a": 1}, "transform": "log"}, "transform", "goes with goalposts"),
        ({"min": 0, "max": 1}, "fact", "expected the name of a fact"),
    ],
)
def test_bad_parameters_are_located(params, key, words):
    """Each bad parameter is reported at its own key, saying what was expected."""
    found = check_params(params, rubric_on(0, 1))
    assert any(k == key and words in message for k, message in found), found


def test_bad_goalposts_are_a_located_one_paragraph_error(project, capsys):
    """In a rubric file, min >= max is reported by validate at the params key's line, with the file."""
    edit(
        project / "rubrics" / "tiny.toml",
        'title = "Misuse"',
        'title = "Misuse"\nkind = "value-function"\nparams = { fact = "x", min = 3, max = 1 }',
    )
    code, err = validate(capsys)
    assert code != 0
    assert "rubrics/tiny.toml:" in err and "[criteria.misuse.params.max] expected max greater than min (3), found 1" in err


def test_log_goalposts_match_math():
    """The log index is (ln x − ln min) / (ln max − ln min), checked at one more point by hand."""
    v = value(INCOME, {"gni_per_capita": 1_000})
    assert v.score == pytest.approx(math.log(10) / math.log(750))
