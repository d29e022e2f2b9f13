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
    """to_records() gives tidy records: one per proposal, scheme and measure, ids as keys."""
    rub = rubric.load_rubric("rubrics/tiny.toml", autoload=False)
    records = rubric.evaluate(rub, rubric.load_proposals("proposals")).to_records()
    # 2 schemes × 3 proposals × (score, values sub-score, risks sub-score, rank)
    assert len(records) == 24
    first = [r for r in records if r["scheme"] == "balanced" and r["proposal"] == "a"]
    common = {
        "rubric": "tiny", "rubric_version": "1.0", "scheme": "balanced", "method": "weighted-sum", "proposal": "a", "tied": False
    }
    assert first == [
        {**common, "group": None, "measure": "score", "value": 0.25},
        {**common, "group": "values", "measure": "score", "value": 1.5},
        {**common, "group": "risks", "measure": "score", "value": -1.0},
        {**common, "group": None, "measure": "rank", "value": 2},
    ]


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
        _ = rubric.nope
    assert "evaluate" in dir(rubric)


def test_table_headers_are_unique(project):
    """Records are keyed by header, so no table may repeat one (JSON would lose a column)."""
    rub = rubric.load_rubric("rubrics/tiny.toml", autoload=False)
    evaluation = rubric.evaluate(rub, rubric.load_proposals("proposals"))
    tables = [*evaluation.tables(), *evaluation.compare().tables(), *evaluation.explain("a").tables()]
    for table in tables:
        assert len(set(table.headers)) == len(table.headers), table.title


def test_explain_is_a_result_object(project):
    """explain() returns a result like the others: text, notebook HTML, tables() and tidy to_records()."""
    from rubric.explain import Explanation

    rub = rubric.load_rubric("rubrics/tiny.toml", autoload=False)
    explanation = rubric.evaluate(rub, rubric.load_proposals("proposals")).explain("a", "risk-first")
    assert isinstance(explanation, Explanation)
    assert "Criteria under scheme 'risk-first'" in str(explanation)
    assert explanation._repr_html_().count("<table>") == len(explanation.tables()) == 5
    records = explanation.to_records()
    misuse = next(r for r in records if r["table"] == "criteria" and r["criterion"] == "misuse")
    # risk-first weighs misuse 0.75 (test_cli's docstring); a rates it -1
    assert (misuse["weight"], misuse["contribution"], misuse["scheme"]) == (0.75, -0.75, "risk-first")
    assert repr(explanation) == "<Explanation of 'a' under rubric 'tiny'>"


def test_comparison_records_are_its_tables_as_data(project):
    """A comparison's to_records() holds every table's data, each record tagged with its table."""
    rub = rubric.load_rubric("rubrics/tiny.toml", autoload=False)
    records = rubric.evaluate(rub, rubric.load_proposals("proposals")).compare(top=1).to_records()
    assert {r["table"] for r in records} == {"scores", "ranks", "agreement", "robustness"}
    tau = next(r for r in records if r["table"] == "agreement" and (r["scheme_a"], r["scheme_b"]) == ("balanced", "risk-first"))
    assert tau["value"] == pytest.approx(1 / 3)


def test_lookups_in_an_evaluation_suggest_the_name(project):
    """A misspelt scheme or proposal id is a RubricError (and a KeyError) with a did-you-mean, not a bare KeyError."""
    import pytest

    from rubric.errors import RubricError

    tiny = rubric.load_rubrics([project / "rubrics"])[0]
    evaluation = rubric.evaluate(tiny, rubric.load_proposals([project / "proposals"]))
    with pytest.raises(RubricError, match="no scheme 'balance' in this evaluation of 'tiny'; did you mean 'balanced'"):
        evaluation.result("balance")
    with pytest.raises(KeyError, match="no proposal 'aa' among those rubric 'tiny' applies to; did you mean 'a'"):
        evaluation.explain("aa")
