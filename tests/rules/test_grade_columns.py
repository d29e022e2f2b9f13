"""Grades as a column in score, compare and explain, and a field of the data outputs."""

from __future__ import annotations

import json

from tests.conftest import TINY_RUBRIC

import rubric
from rubric.cli import main

BANDS = """
[[grades]]
label = "strong"
lower = {strong}
[[grades]]
label = "arguable"
lower = {arguable}
[[grades]]
label = "weak"
"""

GROUP_BANDS = """
[[groups.risks.grades]]
label = "safer"
lower = 0
[[groups.risks.grades]]
label = "riskier"
"""


def graded(project, top: str, group: str = ""):
    """The tiny project (balanced totals by hand: a 0.25, b 0.75, c 0; risks: a -1, b 2, c 0) with grade bands."""
    text = TINY_RUBRIC.replace('version = "1.0"\n', f'version = "1.0"\n{top}\n', 1)
    text = text.replace('[groups.risks]\ntitle = "Risks"\n', f'[groups.risks]\ntitle = "Risks"\n{group}\n')
    (project / "rubrics" / "tiny.toml").write_text(text)
    return rubric.evaluate(rubric.load_rubric("rubrics/tiny.toml"), rubric.load_proposals("proposals"))


def grades(ev, node=None, scheme="balanced"):
    result = ev.result(scheme)
    return {p.id: ev.grade(result, node, i) for i, p in enumerate(ev.proposals)}


def test_grades_on_the_scale(project):
    """0.75 ≥ 0.5 is strong; 0.25 and 0 (exactly on its bound) are arguable."""
    ev = graded(project, "[[grades]]\nlabel = \"strong\"\nlower = 0.5\n[[grades]]\nlabel = \"arguable\"\nlower = 0\n"
                "[[grades]]\nlabel = \"weak\"")
    assert grades(ev) == {"a": "arguable", "b": "strong", "c": "arguable"}


def test_grades_on_percent(project):
    """On -2…2 a total t is (t + 2) / 4 of the maximum: a 56.25 %, b 68.75 %, c 50 %; bands 60 and 50."""
    ev = graded(project, 'grade_on = "percent"' + BANDS.format(strong=60, arguable=50))
    assert grades(ev) == {"a": "arguable", "b": "strong", "c": "arguable"}


def test_grades_on_points(project):
    """Three criteria, one point each: a total t is worth 3 (t + 2) / 4 points: a 1.6875, b 2.0625, c 1.5."""
    ev = graded(project, 'grade_on = "points"' + BANDS.format(strong=2, arguable=1.6))
    assert grades(ev) == {"a": "arguable", "b": "strong", "c": "weak"}


def test_group_grades(project):
    """The risks group's own bands: a's -1 is riskier, b's 2 and c's 0 safer."""
    ev = graded(project, "", GROUP_BANDS)
    assert grades(ev, "risks") == {"a": "riskier", "b": "safer", "c": "safer"}
    assert ev.rubric.grades is None


def test_grade_columns_in_every_output(project, capsys):
    """score shows a Grade and a Risks grade column, compare a grades table, explain a Grade column, JSON a grade field."""
    graded(project, BANDS.format(strong=0.5, arguable=0), GROUP_BANDS)
    assert main(["score"]) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("Rank"))
    assert header.split()[:8] == ["Rank", "Proposal", "Score", "Grade", "Values", "Risks", "Risks", "grade"]
    row_b = next(line for line in out.splitlines() if line.split()[1:2] == ["b"])
    assert row_b.split()[3] == "strong" and row_b.split()[-1] == "safer"
    assert main(["compare"]) == 0
    out = capsys.readouterr().out
    assert "grades by scheme" in out and "Grades, best first: strong > arguable > weak." in out
    assert main(["explain", "b"]) == 0
    assert "Grade" in capsys.readouterr().out
    assert main(["score", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)["scores"]
    total_b = next(r for r in records if r["proposal"] == "b" and r["measure"] == "score" and r["group"] is None)
    risks_a = next(r for r in records if r["proposal"] == "a" and r["measure"] == "score" and r["group"] == "risks")
    assert total_b["grade"] == "strong" and risks_a["grade"] == "riskier"
