"""Rating sheets: written, filled and imported back exactly; every bad input a located error, nothing written."""

from __future__ import annotations

import codecs
import csv

import pytest

from rubric.cli import main
from rubric.loading import load_project

openpyxl = pytest.importorskip("openpyxl")

HEADER = "proposal,criterion,score,low,high,confidence,rationale,sources,rubric,rater"


def new_sheet(capsys, *extra):
    assert main(["new", "sheet", "--rubric", "tiny", "--rater", "analyst-d", *extra]) == 0
    capsys.readouterr()
    return openpyxl.load_workbook("ratings-analyst-d.xlsx")


class Text(str):
    """Typed as text (after an apostrophe, in a spreadsheet): stored as text even when it starts with '='."""


def fill(workbook, cells, path="filled.xlsx"):
    """Set cells of the ratings sheet by row and column name, as a rater would, and save."""
    sheet = workbook["ratings"]
    columns = {c.value: c.column_letter for c in sheet[1]}
    for (row, column), value in cells.items():
        cell = sheet[f"{columns[column]}{row}"]
        cell.value = str(value) if isinstance(value, Text) else value
        if isinstance(value, Text):
            cell.data_type = "s"
    workbook.save(path)
    return path


def imported(capsys, *argv):
    code = main(["import", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and out == ""
    return code, err


def ratings_of(rater):
    project = load_project(["rubrics"], ["proposals"], assessment_paths=["assessments"], autoload=False)
    return {
        (p.id, cid): r
        for p in project.proposals
        for cid, rs in p.assessments["tiny"].items()
        for r in rs
        if r.rater == rater
    }


def test_the_sheet_has_every_question_a_drop_down_and_locked_keys(project, capsys):
    """Rows a, b, c × openness, progress, misuse; the labels drop-down on the score column; key columns locked."""
    workbook = new_sheet(capsys)
    assert workbook.sheetnames == ["ratings", "proposals"]
    sheet = workbook["ratings"]
    header = [c.value for c in sheet[1]]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [(r[0], r[1]) for r in rows] == [(p, c) for p in "abc" for c in ("openness", "progress", "misuse")]
    assert rows[0][header.index("question")] == "Does it make models more open?"
    assert {r[header.index("rater")] for r in rows} == {"analyst-d"}
    lists = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert lists["D2:D10"] == '"strongly worsens,worsens,no effect,improves,strongly improves,unknown,not-applicable"'
    assert sheet.protection.sheet
    assert sheet["A2"].protection.locked and not sheet["D2"].protection.locked and not sheet["H2"].protection.locked
    proposals = [[c.value for c in row] for row in workbook["proposals"].iter_rows(min_row=2)]
    assert proposals[0][:2] == ["a", "Proposal a"] and proposals[0][3] == "src: A source"


def test_written_filled_imported_reproduces_the_ratings_exactly(project, capsys):
    """Labels, numbers, intervals, confidence, multi-line rationale and sources come back as the rater typed them."""
    workbook = new_sheet(capsys)
    cells = {
        (2, "score"): "improves", (2, "rationale"): "Opens it.\nSecond line, with \"quotes\" and a \\ backslash.",
        (2, "sources"): "src",
        (3, "score"): -1.5, (3, "low"): -2, (3, "high"): "worsens", (3, "confidence"): "low", (3, "rationale"): "Slower.",
        (4, "score"): "0.25", (4, "rationale"): Text("=not a formula, typed text"),
    }
    path = fill(workbook, cells)
    code, err = imported(capsys, path)
    assert code == 0 and "wrote assessments/analyst-d.toml" in err
    got = ratings_of("analyst-d")
    assert set(got) == {("a", "openness"), ("a", "progress"), ("a", "misuse")}
    openness, progress, misuse = got[("a", "openness")], got[("a", "progress")], got[("a", "misuse")]
    assert (openness.score, openness.rationale, openness.sources) == (
        1, "Opens it.\nSecond line, with \"quotes\" and a \\ backslash.", ("src",)
    )
    assert (progress.score, progress.low, progress.high, progress.confidence) == (-1.5, -2, -1, "low")
    assert (misuse.score, misuse.rationale, misuse.low) == (0.25, "=not a formula, typed text", None)


def test_a_csv_saved_from_the_sheet_imports_the_same_with_or_without_a_bom(project, capsys):
    """Excel's "CSV UTF-8" starts with a byte-order mark; it is accepted and changes nothing."""
    rows = HEADER + "\r\na,misuse,-1,,,,Bad for misuse,,tiny,analyst-d\r\n"
    (project / "plain.csv").write_text(rows, encoding="utf-8", newline="")
    (project / "bom.csv").write_bytes(codecs.BOM_UTF8 + rows.encode())
    assert imported(capsys, "plain.csv", "--dir", "one")[0] == 0
    assert imported(capsys, "bom.csv", "--dir", "two")[0] == 0
    assert (project / "one" / "analyst-d.toml").read_text().replace("plain.csv", "") == (
        project / "two" / "analyst-d.toml"
    ).read_text().replace("bom.csv", "")


def test_export_then_import_round_trips(project, capsys):
    """`rubric export ratings` of one rater, imported under another file name, gives back equal ratings."""
    (project / "assessments").mkdir()
    (project / "assessments" / "analyst-c.toml").write_text(
        'rubric = "tiny"\nrater = "analyst-c"\n\n[ratings.a.misuse]\nscore = -0.5\nlow = -1\nconfidence = "high"\n'
        'rationale = """-1 would be too harsh;\nsecond line."""\nsources = ["src"]\n'
    )
    before = ratings_of("analyst-c")
    assert main(["export", "ratings", "-o", "ratings.csv"]) == 0
    with open(project / "ratings.csv", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    (project / "assessments" / "analyst-c.toml").unlink()
    with open(project / "mine.csv", "w", newline="") as handle:
        csv.writer(handle).writerows([header, *(r for r in rows if r[header.index("rater")] == "analyst-c")])
    capsys.readouterr()
    assert imported(capsys, "mine.csv")[0] == 0
    assert ratings_of("analyst-c") == before


BAD_CELLS = [
    ({(2, "score"): 3}, "sheet ratings, row 2, column score", "3 is off the scale -2…2"),
    ({(2, "score"): "Improves"}, "sheet ratings, row 2, column score",
     "or one of the labels (strongly worsens, worsens, no effect, improves, strongly improves), written exactly so"),
    ({(2, "score"): "=1+1"}, "sheet ratings, row 2, column score", "a formula (=1+1); type the value itself"),
    ({(3, "score"): 1}, "sheet ratings, row 3, column rationale", "the rationale is empty"),
    ({(2, "proposal"): "aa"}, "sheet ratings, row 2, column proposal", "no loaded proposal has id 'aa'; did you mean 'a'?"),
    ({(2, "criterion"): "opennes"}, "sheet ratings, row 2, column criterion", "did you mean 'openness'?"),
    ({(2, "low"): 1}, "sheet ratings, row 2, column low", "expected low <= score (0), found 1"),
    ({(2, "confidence"): "sure"}, "sheet ratings, row 2, column confidence", "expected one of low, medium, high"),
    ({(2, "sources"): "src; nope"}, "sheet ratings, row 2, column sources", "unknown source 'nope'"),
    ({(5, "proposal"): "a", (5, "score"): 1, (5, "rationale"): "Again."}, "sheet ratings, row 5",
     "rater 'analyst-d' rates criterion 'openness' of 'a' twice"),
    ({(2, "score"): None, (2, "rationale"): "Half done."}, "sheet ratings, row 2, column score", "the score is empty"),
]


@pytest.mark.parametrize("cells, where, message", BAD_CELLS)
def test_bad_cells_are_located_and_nothing_is_written(project, capsys, cells, where, message):
    """Row 2 (a × openness) is filled correctly with score 0, then spoilt; the error names sheet, row and column."""
    workbook = new_sheet(capsys)
    fill(workbook, {(2, "score"): 0, (2, "rationale"): "Fine.", **cells})
    code, err = imported(capsys, "filled.xlsx")
    assert code == 2
    assert f"[{where}] " in err and message in err, err
    assert not (project / "assessments").exists()


def test_every_problem_is_reported_at_once(project, capsys):
    """Two bad rows: both reported, one paragraph each, and the count."""
    fill(new_sheet(capsys), {(2, "score"): 5, (2, "rationale"): "x", (3, "score"): "better", (3, "rationale"): "y"})
    code, err = imported(capsys, "filled.xlsx")
    assert code == 2 and "row 2, column score" in err and "row 3, column score" in err and "2 problems" in err


def test_workbook_structure_problems(project, capsys):
    """A missing column, an extra sheet and merged cells are each reported; nothing is written."""
    workbook = new_sheet(capsys)
    sheet = workbook["ratings"]
    sheet.protection.sheet = False
    sheet.delete_cols(10)  # rubric
    sheet.merge_cells("A3:B3")
    workbook.create_sheet("notes")
    workbook.save("broken.xlsx")
    code, err = imported(capsys, "broken.xlsx")
    assert code == 2
    assert "[sheet ratings, row 1] missing column 'rubric'" in err
    assert "[sheet notes] unexpected sheet" in err
    assert "[sheet ratings, row 3] cells A3:B3 are merged" in err
    assert not (project / "assessments").exists()


def test_missing_required_column(project, capsys):
    """Without a score column the sheet cannot be read: the error names the column."""
    (project / "r.csv").write_text("proposal,criterion,rubric,rater,rationale\na,openness,tiny,x,y\n")
    code, err = imported(capsys, "r.csv")
    assert code == 2 and "[row 1] missing column 'score'" in err


@pytest.mark.parametrize(
    "data, message",
    [
        (b"proposal;criterion;score;rationale;rubric;rater\n", "[row 1] columns are separated by ';'"),
        (HEADER.encode() + b"\na,openness,1,,,,caf\xe9,,tiny,x\n", "[row 2] is not UTF-8 (byte 0xe9)"),
        (HEADER.encode() + b"\na,openness,1,,,,y,,tiny,x,extra\n", "[row 2] 11 cells, but the header has 10 columns"),
        (b"proposal,criterion,score,rubric,rater,mark\n", "[row 1, column 6] unknown column 'mark'"),
    ],
)
def test_bad_csv(project, capsys, data, message):
    """A ';'-separated or non-UTF-8 CSV, a row too long, an unknown column: one clear, located error."""
    (project / "r.csv").write_bytes(data)
    code, err = imported(capsys, "r.csv")
    assert code == 2 and message in err, err


def test_an_existing_rater_elsewhere_is_refused(project, capsys):
    """The proposal files' own default rater 'analyst' already rates a × openness: the import says where."""
    (project / "r.csv").write_text(HEADER + "\na,openness,1,,,,Again,,tiny,analyst\n")
    code, err = imported(capsys, "r.csv")
    assert code == 2 and "already rates criterion 'openness' of 'a' in proposals/a.toml" in err


def test_never_overwrites_without_force(project, capsys):
    """A second import of the same rater refuses; --force replaces the file."""
    (project / "r.csv").write_text(HEADER + "\na,misuse,1,,,,Yes,,tiny,analyst-d\n")
    assert imported(capsys, "r.csv")[0] == 0
    (project / "r.csv").write_text(HEADER + "\na,misuse,2,,,,More,,tiny,analyst-d\n")
    code, err = imported(capsys, "r.csv")
    assert code == 2 and "already exists" in err
    assert imported(capsys, "r.csv", "--force")[0] == 0
    assert ratings_of("analyst-d")[("a", "misuse")].score == 2


def test_new_sheet_without_openpyxl_says_what_to_install(project, capsys, monkeypatch):
    """One line naming the extra, exit 2, no file."""
    monkeypatch.setitem(__import__("sys").modules, "openpyxl", None)
    code = main(["new", "sheet", "--rubric", "tiny", "--rater", "analyst-d"])
    err = capsys.readouterr().err
    assert code == 2 and "pip install 'policy-rubric[excel]'" in err
    assert not (project / "ratings-analyst-d.xlsx").exists()


def test_new_sheet_refuses_a_rater_that_is_not_a_name(project, capsys):
    """The rater names the default file and the assessment file: '../x' is refused before anything is written."""
    assert main(["new", "sheet", "--rubric", "tiny", "--rater", "../x"]) == 2
    assert "--rater: expected a name" in capsys.readouterr().err
    assert not list(project.glob("*.xlsx")) and not list(project.parent.glob("ratings-*.xlsx"))


def test_new_sheet_never_overwrites(project, capsys):
    """A second `new sheet` to the same file refuses (exit 2) and leaves it alone; --force replaces it."""
    new_sheet(capsys)
    before = (project / "ratings-analyst-d.xlsx").read_bytes()
    assert main(["new", "sheet", "--rubric", "tiny", "--rater", "analyst-d"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (project / "ratings-analyst-d.xlsx").read_bytes() == before
    assert main(["new", "sheet", "--rubric", "tiny", "--rater", "analyst-d", "--force"]) == 0
