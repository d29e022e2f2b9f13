"""Rating sheets take gaps (``unknown``, ``not-applicable``) and, under a graded rubric, letter grades."""

from __future__ import annotations

import pytest

from rubric.loading import load_project
from test_sheets import fill, imported, new_sheet

openpyxl = pytest.importorskip("openpyxl")

#: A GPA-style mapping on the tiny rubric's −2…2 scale, one grade per label.
GRADE_POINTS = '\n[grade_points]\nA = 2\nB = 1\nC = 0\nD = -1\nF = -2\n'

#: What the rater means, written by hand as an assessment file: labels and numbers as numbers, the rest as given.
BY_HAND = '''rubric = "tiny"
rater = "analyst-d"

[ratings.a.openness]
score = 1
rationale = "Opens it."

[ratings.a.progress]
score = "unknown"
rationale = "Not disclosed."

[ratings.a.misuse]
score = "B"
low = "C"
high = "A"
rationale = "Some misuse."

[ratings.b.openness]
score = -1.5
low = -2
rationale = "Closes it."

[ratings.b.progress]
score = "not-applicable"
rationale = "No research involved."

[ratings.b.misuse]
score = "F"
high = 0
confidence = "low"
rationale = "Worst case."
'''


def ratings(folder):
    """Every rating of analyst-d that the assessment files in ``folder`` add, by proposal and criterion."""
    project = load_project(["rubrics"], ["proposals"], assessment_paths=[folder], autoload=False)
    by_criterion = ((p.id, c, rs) for p in project.proposals for c, rs in p.assessments["tiny"].items())
    return {(pid, c): r for pid, c, rs in by_criterion for r in rs if r.rater == "analyst-d"}


def test_a_filled_sheet_gives_the_ratings_written_by_hand(project, capsys):
    """Labels, numbers, both gaps with their rationale, and letters (an interval of letters too) import as by hand."""
    with open(project / "rubrics" / "tiny.toml", "a") as rubric:
        rubric.write(GRADE_POINTS)
    cells = {
        (2, "score"): "improves", (2, "rationale"): "Opens it.",
        (3, "score"): "unknown", (3, "rationale"): "Not disclosed.",
        (4, "score"): "B", (4, "low"): "C", (4, "high"): "A", (4, "rationale"): "Some misuse.",
        (5, "score"): -1.5, (5, "low"): "strongly worsens", (5, "rationale"): "Closes it.",
        (6, "score"): "not-applicable", (6, "rationale"): "No research involved.",
        (7, "score"): "F", (7, "high"): "no effect", (7, "confidence"): "low", (7, "rationale"): "Worst case.",
    }
    code, err = imported(capsys, fill(new_sheet(capsys), cells), "--dir", "sheet")
    assert code == 0, err
    (project / "hand").mkdir()
    (project / "hand" / "analyst-d.toml").write_text(BY_HAND)
    from_sheet, by_hand = ratings("sheet"), ratings("hand")
    assert from_sheet == by_hand and len(by_hand) == 6
    gap, letter = by_hand[("a", "progress")], by_hand[("a", "misuse")]
    assert (gap.score, gap.gap, gap.rationale) == (None, "unknown", "Not disclosed.")
    assert (letter.score, letter.low, letter.high, letter.letter()) == (1, 0, 2, "B")


def test_the_drop_down_offers_letters_and_gaps(project, capsys):
    """Under a graded rubric the score cell lists the labels, then the grades, then unknown and not-applicable."""
    with open(project / "rubrics" / "tiny.toml", "a") as rubric:
        rubric.write(GRADE_POINTS)
    sheet = new_sheet(capsys)["ratings"]
    lists = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert lists["D2:D10"] == '"strongly worsens,worsens,no effect,improves,strongly improves,A,B,C,D,F,unknown,not-applicable"'


@pytest.mark.parametrize(
    ("cells", "where", "message"),
    [
        ({(2, "score"): "unknown", (2, "low"): -1, (2, "rationale"): "?"}, "row 2, column low",
         'a score of "unknown" has no interval; clear this cell'),
        ({(2, "score"): "B", (2, "rationale"): "?"}, "row 2, column score",
         "expected a number from -2 to 2 or one of the labels (strongly worsens, worsens, no effect, improves, "
         "strongly improves), written exactly so (or, for a score, unknown or not-applicable), found 'B'"),
        ({(2, "score"): "Unknown", (2, "rationale"): "?"}, "row 2, column score", "found 'Unknown'"),
    ],
)
def test_a_gap_with_an_interval_or_a_letter_without_grade_points_is_located(project, capsys, cells, where, message):
    """Each problem names the row and column; nothing is written."""
    code, err = imported(capsys, fill(new_sheet(capsys), cells))
    assert code == 2 and f"sheet ratings, {where}" in err and message in err, err
    assert not (project / "assessments").exists()
