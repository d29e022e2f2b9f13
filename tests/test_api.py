"""The Python API a notebook user meets: load, evaluate, compare, render."""

from __future__ import annotations

import pytest

import rubric


def test_load_evaluate_compare(project):
    """The documented three-line session works and gives hand-computed numbers."""
    rub = rubric.load_rubric("rubrics/tiny.toml", autoload=False)
    proposals = rubric.load_proposals("proposals", rubrics=[rub])
    result = rubric.evaluate(rub, proposals)
    assert result.result("balanced").totals == pytest.approx((0.25, 0.75, 0.0))
    comparison = result.compare(top=1)
    assert comparison.always_top == ["b"]
    assert comparison.tau[("balanced", "risk-first")] == pytest.approx(1 / 3)
    assert rubric.compare(result).stable_rank == comparison.stable_rank


def test_records_for_pandas(project):
    """to_records() gives one flat record per proposal and scheme."""
    rub = rubric.load_rubric("rubrics/tiny.toml", autoload=False)
    records = rubric.evaluate(rub, rubric.load_proposals("proposals")).to_records()
    assert len(records) == 6
    first = records[0]
    assert first == {
        "rubric": "tiny",
        "rubric_version": "1.0",
        "scheme": "balanced",
        "method": "weighted-sum",
        "proposal": "a",
        "score": pytest.approx(0.25),
        "rank": 2,
        "tied": False,
        "values": pytest.approx(1.5),
        "risks": pytest.approx(-1.0),
    }


def test_renders_as_text_and_html(project):
    """str() is a text table; notebooks get HTML tables."""
    rub = rubric.load_rubric("rubrics/tiny.toml", autoload=False)
    result = rubric.evaluate(rub, rubric.load_proposals("proposals"))
    assert "0.750" in str(result) and "risk-first" in str(result)
    html = result._repr_html_()
    assert html.count("<table>") == 2 and "<h3>" in html
    assert "<table>" in result.compare()._repr_html_()
    assert "Evaluation of 3 proposals under rubric 'tiny' v1.0" in repr(result)


def test_inputs_are_hashed(project):
    """Every input file's SHA-256 travels with the result, for reproducibility."""
    import hashlib

    rub = rubric.load_rubric("rubrics/tiny.toml", autoload=False)
    result = rubric.evaluate(rub, rubric.load_proposals("proposals"))
    expected = hashlib.sha256((project / "proposals" / "a.toml").read_bytes()).hexdigest()
    assert result.inputs["proposals/a.toml"] == expected
    assert set(result.inputs) == {"rubrics/tiny.toml", "proposals/a.toml", "proposals/b.toml", "proposals/c.toml"}


def test_load_errors_raise_input_error(project):
    """Bad input raises InputError carrying each problem with file and key."""
    (project / "proposals" / "a.toml").write_text('id = "a"\n')
    with pytest.raises(rubric.InputError) as info:
        rubric.load_proposals("proposals")
    (problem,) = info.value.problems
    assert problem.key == "title" and problem.path.name == "a.toml"


def test_api_checks_assessments_without_the_loader(project):
    """Proposals built in Python are checked when evaluated: a missing assessment is an InputError."""
    from rubric.model import Proposal

    rub = rubric.load_rubric("rubrics/tiny.toml", autoload=False)
    incomplete = Proposal("x", "X", assessments={"tiny": {}})
    with pytest.raises(rubric.InputError, match="missing an assessment of criterion 'openness'"):
        rubric.evaluate(rub, [incomplete])


def test_lazy_attributes():
    """Unknown attributes fail like any module's; dir() lists the API."""
    with pytest.raises(AttributeError):
        rubric.nope
    assert "evaluate" in dir(rubric)


def test_table_headers_are_unique(project):
    """Records are keyed by header, so no table may repeat one (JSON would lose a column)."""
    rub = rubric.load_rubric("rubrics/tiny.toml", autoload=False)
    evaluation = rubric.evaluate(rub, rubric.load_proposals("proposals"))
    tables = [*evaluation.tables(), *evaluation.compare().tables(), *evaluation.explain("a")]
    for table in tables:
        assert len(set(table.headers)) == len(table.headers), table.title
