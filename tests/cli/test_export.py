"""`rubric export`: ratings and results as long tables in CSV, JSON lines and XLSX, safe in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile

import pytest

from conftest import REPO
from rubric.cli import main

ANALYST_C = """
rubric = "tiny"
rater = "analyst-c"

[ratings.a.openness]
score = 0
rationale = "=HYPERLINK(\\"http://evil.example\\", \\"click\\")"
sources = ["src"]

[ratings.a.progress]
score = -1
low = -1.5
high = -0.5
confidence = "low"
rationale = "-1 because it is slower."

[ratings.a.misuse]
score = -1
rationale = "@SUM(A1:A9) and +1 are text here."
"""


@pytest.fixture
def rated(project):
    (project / "assessments").mkdir()
    (project / "assessments" / "analyst-c.toml").write_text(ANALYST_C)
    return project


def run(capsys, *argv):
    code = main(["export", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_ratings_csv_is_one_row_per_rating(rated, capsys):
    """Proposal a: the proposal's own rater and analyst-c on each criterion; b and c: one rater each (3·2 + 2·3 = 12 rows)."""
    code, out, _ = run(capsys, "ratings")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 12
    assert list(rows[0]) == ["proposal", "rubric", "criterion", "rater", "score", "low", "high", "confidence",
                             "rationale", "sources", "file"]
    progress = [r for r in rows if r["proposal"] == "a" and r["criterion"] == "progress"]
    assert [(r["rater"], r["score"], r["low"], r["high"], r["confidence"], r["file"]) for r in progress] == [
        ("analyst", "1", "", "", "", "proposals/a.toml"),
        ("analyst-c", "-1", "-1.5", "-0.5", "low", "assessments/analyst-c.toml"),
    ]
    assert [r["sources"] for r in rows if r["proposal"] == "a" and r["criterion"] == "openness"] == ["src", "src"]


def test_formula_cells_are_neutralised_in_csv_but_numbers_stay_numbers(rated, capsys):
    """Texts starting with =, - or @ get a leading apostrophe; the score -1 is still the number -1."""
    _, out, _ = run(capsys, "ratings")
    rows = [r for r in csv.DictReader(io.StringIO(out)) if r["rater"] == "analyst-c"]
    assert [r["rationale"] for r in rows] == [
        "'=HYPERLINK(\"http://evil.example\", \"click\")",
        "'-1 because it is slower.",
        "'@SUM(A1:A9) and +1 are text here.",
    ]
    assert [r["score"] for r in rows] == ["0", "-1", "-1"]


def test_results_csv_hand_computed(rated, capsys):
    """Balanced, a with analyst-c merged by the mean: openness (2+0)/2 = 1, progress (1-1)/2 = 0, misuse (-1-1)/2 = -1;
    values 0.5, risks -1, total 0.25 - 0.5 = -0.25.  b: values (-1+0)/2 = -0.5, risks 2, total 0.75, rank 1."""
    code, out, _ = run(capsys, "results", "--scheme", "balanced")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    got = {(r["proposal"], r["node"]): (float(r["score"]), r["rank"], r["tied"]) for r in rows}
    assert got[("a", "total")] == (-0.25, "3", "false")
    assert got[("a", "values")] == (0.5, "", "")
    assert got[("a", "risks")] == (-1.0, "", "")
    assert got[("b", "total")] == (0.75, "1", "false")
    assert {r["scheme"] for r in rows} == {"balanced"} and {r["method"] for r in rows} == {"weighted-sum"}


def test_jsonl_is_one_object_per_line(rated, capsys):
    """JSON lines keep types: numbers, nulls and booleans, not text."""
    _, out, _ = run(capsys, "results", "--format", "jsonl", "--scheme", "balanced")
    records = [json.loads(line) for line in out.splitlines()]
    total = next(r for r in records if r["proposal"] == "b" and r["node"] == "total")
    assert total == {"proposal": "b", "rubric": "tiny", "rubric_version": "1.0", "scheme": "balanced",
                     "method": "weighted-sum", "node": "total", "score": 0.75, "rank": 1, "tied": False}


def test_xlsx_has_a_sheet_per_table_frozen_headers_widths_and_formats(rated, capsys, tmp_path):
    """`export all -f xlsx`: sheets ratings and results, header frozen, widths set, numbers formatted, formulas inert."""
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "out.xlsx"
    code, _, err = run(capsys, "all", "--format", "xlsx", "-o", str(path))
    assert code == 0 and f"wrote {path}" in err
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["ratings", "results"]
    ratings = workbook["ratings"]
    assert ratings.freeze_panes == "A2" and workbook["results"].freeze_panes == "A2"
    assert [c.value for c in ratings[1]][:4] == ["proposal", "rubric", "criterion", "rater"]
    assert ratings.column_dimensions["A"].width == len("proposal") + 2
    evil = next(row for row in ratings.iter_rows(min_row=2) if str(row[8].value).startswith("=HYPER"))
    assert evil[8].data_type == "s" and evil[4].value == 0 and evil[4].number_format == "0.0##"
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any("<f>" in sheet or "<f " in sheet for sheet in sheets)
    results = workbook["results"]
    header = [c.value for c in results[1]]
    score = next(row for row in results.iter_rows(min_row=2) if row[0].value == "b" and row[5].value == "total")
    assert score[header.index("score")].value == 0.75 and score[header.index("score")].number_format == "0.000"


def test_xlsx_without_openpyxl_says_what_to_install(rated, capsys, monkeypatch, tmp_path):
    """Without the extra: one line naming the pip install, exit 2, nothing written."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    code, out, err = run(capsys, "ratings", "--format", "xlsx", "-o", str(tmp_path / "x.xlsx"))
    assert (code, out) == (2, "")
    assert err.strip() == "rubric: error: XLSX output needs openpyxl: pip install 'policy-rubric[excel]'"
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize(
    "argv, message",
    [(["ratings", "--format", "xlsx"], "name it with -o FILE.xlsx"), (["all"], "`export all` needs --format xlsx")],
)
def test_usage_errors(rated, capsys, argv, message):
    """A workbook needs a file name; two tables need a workbook."""
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err


def test_to_frame_is_the_results_table(rated):
    """Evaluation.to_frame(): the same long table as `export results`, as a DataFrame."""
    pandas = pytest.importorskip("pandas")
    from rubric.engine import evaluate
    from rubric.loading import load_project

    project = load_project(["rubrics"], ["proposals"], assessment_paths=["assessments"], autoload=False)
    frame = evaluate(project.rubrics[0], project.proposals, registry=project.registry).to_frame()
    assert isinstance(frame, pandas.DataFrame)
    total = frame[(frame.proposal == "a") & (frame.node == "total") & (frame.scheme == "balanced")]
    assert total.score.tolist() == [-0.25]


def test_to_frame_without_pandas_says_what_to_install(rated, monkeypatch):
    """Without pandas, to_frame raises MissingExtraError naming the extra."""
    from rubric.engine import evaluate
    from rubric.errors import MissingExtraError
    from rubric.loading import load_project

    monkeypatch.setitem(sys.modules, "pandas", None)
    project = load_project(["rubrics"], ["proposals"], autoload=False)
    evaluation = evaluate(project.rubrics[0], project.proposals, registry=project.registry)
    with pytest.raises(MissingExtraError, match=r"pip install 'policy-rubric\[pandas\]'"):
        evaluation.to_frame()


def test_cold_start_of_compare_and_csv_export_imports_no_extra():
    """compare and a CSV export import neither numpy nor openpyxl nor pandas (the feasibility rubric: weighted sums)."""
    for argv in (["compare", "--rubric", "feasibility"], ["export", "results", "--rubric", "feasibility"]):
        code = (
            f"import sys; from rubric.cli import main; main({argv + ['--no-plugin-autoload']!r}); "
            "print(sorted(m for m in ('numpy', 'openpyxl', 'pandas') if m in sys.modules), file=sys.stderr)"
        )
        done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
        assert done.stderr.strip().splitlines()[-1] == "[]", argv
