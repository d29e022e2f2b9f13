"""`rubric export` on a rubric using every feature: nested groups, points and percent, grades, red lines, gaps.

The project (scale -2…2, weighted sum, balanced: values and risks 1 each;
openness and progress under open, under values; misuse under risks):

====  ========  ========  ======  ========================  =====
id    openness  progress  misuse  total = (open + misuse)/2  rank
====  ========  ========  ======  ========================  =====
a     2         1         -1      (1.5 - 1)/2 = 0.25         3=
b     -1        0         2       (-0.5 + 2)/2 = 0.75        1
c     0         0         0       0                          5
d     unknown   1         0       midpoint 0: 0.25           3=
e     1         n/a       0       reweighted: (1 + 0)/2 = 0.5 2
f     unknown   unknown   0       coverage 1/3 < 0.6: not scored
g     (no assessments for the rubric: not applicable)
====  ========  ========  ======  ========================  =====

Points: one per criterion, 3 in all; a total t is worth 3 (t + 2)/4 points
(b: 2.0625).  Groups are shown in percent: a value v is (v + 2)/4 of the
most (b's values: 37.5 %); values and risks are worth 1.5 points each.
Grades on the total: strong from 0.5, arguable from 0; on risks: safer from 0.
The red line flags a misuse below 0: a only (-1, by 1).
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import REPO, tiny_proposal
from rubric.cli import main

FULL_RUBRIC = """
id = "full"
title = "Every feature"
version = "2.0"
present = ["points", "percent"]
missing = "midpoint"
min_coverage = 0.6
red_lines = [{ criterion = "misuse", below = 0, effect = "flag" }]

[[grades]]
label = "strong"
lower = 0.5
[[grades]]
label = "arguable"
lower = 0
[[grades]]
label = "weak"

[scale]
min = -2
max = 2
labels = ["much worse", "worse", "same", "better", "much better"]

[groups.values]
title = "Values"

[groups.open]
title = "Open"
parent = "values"

[groups.risks]
title = "Risks"

[[groups.risks.grades]]
label = "safer"
lower = 0
[[groups.risks.grades]]
label = "riskier"

[criteria.openness]
group = "open"
title = "Openness"

[criteria.progress]
group = "open"
title = "Progress"

[criteria.misuse]
group = "risks"
title = "Misuse"

[schemes.balanced]
title = "Balanced"
weights = { values = 1, risks = 1 }
"""

#: analyst-c agrees with c's own openness (0), from an assessment file: c's values do not move.
SECOND_RATER = """
rubric = "full"
rater = "analyst-c"

[ratings.c.openness]
score = 0
rationale = "=1+1 is no formula here."
"""


@pytest.fixture
def full(tmp_path, monkeypatch):
    """The project of the module docstring, as the working directory."""
    for folder in ("rubrics", "proposals", "assessments"):
        (tmp_path / folder).mkdir()
    (tmp_path / "rubrics" / "full.toml").write_text(FULL_RUBRIC)
    rows = {"a": (2, 1, -1), "b": (-1, 0, 2), "c": (0, 0, 0), "d": ('"unknown"', 1, 0), "e": (1, '"not-applicable"', 0),
            "f": ('"unknown"', '"unknown"', 0)}
    for pid, row in rows.items():
        text = tiny_proposal(pid, *row).replace("assessments.tiny.", "assessments.full.")
        (tmp_path / "proposals" / f"{pid}.toml").write_text(text)
    (tmp_path / "proposals" / "g.toml").write_text('id = "g"\ntitle = "Proposal g"\n')
    (tmp_path / "assessments" / "c.toml").write_text(SECOND_RATER)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RUBRIC_DISABLE_PLUGIN_AUTOLOAD", "1")
    return tmp_path


def export(capsys, *argv):
    assert main(["export", *argv]) == 0
    return capsys.readouterr().out


def records(capsys, *argv):
    return [json.loads(line) for line in export(capsys, *argv, "--format", "jsonl").splitlines()]


#: Every column the results table of this project has: all it can have.
COLUMNS = ["proposal", "rubric", "rubric_version", "scheme", "method", "node", "depth", "parent", "score", "present",
           "shown", "max_points", "grade", "rank", "tied", "red_lines", "assessed", "applicable", "coverage", "reason"]
BASE = {"rubric": "full", "rubric_version": "2.0", "scheme": "balanced", "method": "weighted-sum"}
EMPTY = dict.fromkeys(COLUMNS)


def test_results_jsonl_by_hand(full, capsys):
    """Totals in points with grade, rank, red lines and coverage; groups in percent with depth and parent; f and g empty."""
    got = {(r["proposal"], r["node"]): r for r in records(capsys, "results")}
    assert list(got["a", "total"]) == COLUMNS
    total = {**EMPTY, **BASE, "node": "total", "depth": 0, "present": "points", "max_points": 3.0}
    assert got["a", "total"] == {**total, "proposal": "a", "score": 0.25, "shown": 1.6875, "grade": "arguable", "rank": 3,
                                 "tied": True, "red_lines": ["misuse -1 below 0 (by 1): flag"], "assessed": 3,
                                 "applicable": 3, "coverage": 1.0}
    assert got["d", "total"] == {**total, "proposal": "d", "score": 0.25, "shown": 1.6875, "grade": "arguable", "rank": 3,
                                 "tied": True, "red_lines": [], "assessed": 2, "applicable": 3, "coverage": 0.666666666667}
    assert got["e", "total"] == {**total, "proposal": "e", "score": 0.5, "shown": 1.875, "grade": "strong", "rank": 2,
                                 "tied": False, "red_lines": [], "assessed": 2, "applicable": 2, "coverage": 1.0}
    group = {**EMPTY, **BASE, "present": "percent", "max_points": 1.5}
    assert got["b", "risks"] == {**group, "proposal": "b", "node": "risks", "depth": 1, "score": 2.0, "shown": 100.0,
                                 "grade": "safer"}
    assert got["a", "open"] == {**group, "proposal": "a", "node": "open", "depth": 2, "parent": "values", "score": 1.5,
                                "shown": 87.5}
    unscored = {**EMPTY, **BASE, "node": "total", "depth": 0}
    assert got["f", "total"] == {**unscored, "proposal": "f", "reason": "coverage 1/3 is below the rubric's min_coverage 0.6"}
    assert got["g", "total"] == {**unscored, "proposal": "g"}
    assert {pid for pid, _ in got} == set("abcdefg") and {k for k in got if k[0] in "fg"} == {("f", "total"), ("g", "total")}


def test_results_csv_has_the_same_fields(full, capsys):
    """CSV: the same columns; the red lines crossed joined in one cell, flags as true/false, empty for null."""
    rows = {(r["proposal"], r["node"]): r for r in csv.DictReader(io.StringIO(export(capsys, "results")))}
    assert list(rows["a", "total"]) == COLUMNS
    a = rows["a", "total"]
    assert (a["shown"], a["grade"], a["rank"], a["tied"], a["red_lines"]) == ("1.6875", "arguable", "3", "true",
                                                                              "misuse -1 below 0 (by 1): flag")
    assert (rows["d", "total"]["coverage"], rows["d", "total"]["assessed"]) == ("0.666666666667", "2")
    assert (rows["a", "open"]["depth"], rows["a", "open"]["parent"], rows["a", "open"]["grade"]) == ("2", "values", "")
    assert rows["f", "total"]["reason"] == "coverage 1/3 is below the rubric's min_coverage 0.6"


def test_results_xlsx_has_the_same_fields(full, capsys, tmp_path):
    """The workbook's results sheet: the same columns, numbers as numbers, the red lines as one text cell."""
    openpyxl = pytest.importorskip("openpyxl")
    assert main(["export", "all", "--format", "xlsx", "-o", str(tmp_path / "out.xlsx")]) == 0
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx")["results"]
    header = [c.value for c in sheet[1]]
    assert header == COLUMNS
    a = next(dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)
             if row[0].value == "a" and row[5].value == "total")
    assert (a["shown"], a["max_points"], a["coverage"], a["red_lines"]) == (1.6875, 3, 1, "misuse -1 below 0 (by 1): flag")
    assert a["tied"] is True and a["reason"] is None


def test_ratings_carry_gaps_and_their_file(full, capsys):
    """d's openness is unknown, e's progress not applicable (no score); analyst-c's rating names its assessment file,
    and its rationale "=1+1 …" is neutralised."""
    rows = list(csv.DictReader(io.StringIO(export(capsys, "ratings"))))
    assert list(rows[0]) == ["proposal", "rubric", "criterion", "rater", "score", "gap", "low", "high", "confidence",
                             "rationale", "sources", "file"]
    gaps = {(r["proposal"], r["criterion"]): (r["score"], r["gap"]) for r in rows if r["gap"]}
    assert gaps == {("d", "openness"): ("", "unknown"), ("e", "progress"): ("", "not-applicable"),
                    ("f", "openness"): ("", "unknown"), ("f", "progress"): ("", "unknown")}
    c = [(r["rater"], r["score"], r["file"], r["rationale"]) for r in rows if r["proposal"] + r["criterion"] == "copenness"]
    assert c == [("analyst", "0", "proposals/c.toml", "Because."),
                 ("analyst-c", "0", "assessments/c.toml", "'=1+1 is no formula here.")]
    jsonl = {(r["proposal"], r["criterion"], r["rater"]): r for r in records(capsys, "ratings")}
    assert (jsonl["d", "openness", "analyst"]["score"], jsonl["d", "openness", "analyst"]["gap"]) == (None, "unknown")
    assert jsonl["a", "openness", "analyst"]["gap"] is None


def test_to_frame_has_the_same_fields(full):
    """Evaluation.to_frame(): the columns of `export results`, a's total row as there."""
    pytest.importorskip("pandas")
    import rubric

    ev = rubric.evaluate(rubric.load_rubric("rubrics/full.toml"), rubric.load_proposals("proposals"))
    frame = ev.to_frame()
    assert list(frame.columns) == COLUMNS
    a = frame[(frame.proposal == "a") & (frame.node == "total")].iloc[0]
    assert (a["shown"], a["grade"], a["rank"]) == (1.6875, "arguable", 3)
    assert list(a["red_lines"]) == ["misuse -1 below 0 (by 1): flag"]


def schema_errors(name: str, data) -> list:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((REPO / "docs" / "schema" / f"output-{name}.schema.json").read_text())
    return [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]


@pytest.mark.parametrize("argv", [["score", "--all-schemes"], ["compare"], ["explain", "a"], ["explain", "d"]])
def test_every_field_emitted_is_in_the_schema(full, capsys, argv):
    """On a rubric using every feature, the JSON of score, compare and explain satisfies its strict schema
    (``additionalProperties: false``: a field the schema does not list fails it)."""
    assert main([*argv, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert schema_errors(argv[0], data) == []
    if argv[0] == "score":
        fields = {key for record in data["scores"] for key in record}
        assert {"depth", "parent", "present", "shown", "max_points", "grade", "red_lines", "reason"} <= fields


def test_the_changes_since_a_baseline_are_in_the_compare_schema(full, capsys):
    """compare --baseline adds the changes and changed-files tables; the compare schema lists their fields."""
    assert main(["snapshot", "-o", "run.json"]) == 0
    (full / "assessments" / "c.toml").write_text(SECOND_RATER.replace("score = 0", "score = 2"))
    capsys.readouterr()
    assert main(["compare", "--baseline", "run.json", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["changed_files"] == [{"file": "assessments/c.toml", "change": "changed"}]
    assert schema_errors("compare", data) == []


@pytest.mark.parametrize("what", ["results", "ratings"])
def test_every_exported_field_is_in_the_schema(full, capsys, what):
    """Each JSON line of `export results` / `export ratings` satisfies docs/schema/output-export-WHAT.schema.json."""
    lines = records(capsys, what)
    assert lines and [error for line in lines for error in schema_errors(f"export-{what}", line)] == []


def test_inputs_cover_every_proposal_and_the_assessment_files(full):
    """The run's inputs: the rubric, all seven proposals (f not scored, g not applicable) and c's assessment file,
    each with the SHA-256 of its bytes."""
    import hashlib

    from rubric.engine import evaluate
    from rubric.loading import load_project
    from rubric.results import run_inputs

    project = load_project(["rubrics"], ["proposals"], assessment_paths=["assessments"], autoload=False)
    ev = evaluate(project.rubrics[0], project.proposals, registry=project.registry)
    expected = {str(p.relative_to(full)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(full.rglob("*.toml"))}
    assert run_inputs([ev]) == expected and "assessments/c.toml" in expected and len(expected) == 9


def test_the_change_table_marks_shared_ranks(full, capsys):
    """a and d share rank 3 (0.25 each) before and after: the change table shows 3= as the other tables do."""
    assert main(["snapshot", "-o", "run.json"]) == 0
    capsys.readouterr()
    assert main(["compare", "--baseline", "run.json"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line[:2] in ("a ", "d ", "b ")}
    assert rows["a"][4:6] == ["3=", "3="] and rows["d"][4:6] == ["3=", "3="] and rows["b"][4:6] == ["1", "1"]
    assert "A rank followed by '=' is shared by proposals with equal scores." in out
