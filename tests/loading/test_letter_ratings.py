"""Letter grades as ratings: read through the rubric's ``[grade_points]`` where a rating meets its rubric.

The mapping is the AI Safety Index's (Future of Life Institute, "AI Safety Index", December 2024,
methodology: "uses the US GPA system for grade boundaries: A+, A, A-, B+, [...], F letter values
corresponding to numerical values 4.3, 4.0, 3.7, 3.3, [...], 0"), as in ``rules/test_grades.py``.
"""

from __future__ import annotations

import json

import pytest

import rubric
from loading.helpers import assert_located, validate
from rubric.cli import main
from rubric.grades import band_of, bands_from_points
from rubric.loading import load_project
from rules.test_grades import AI_SAFETY_INDEX, GPA_RUBRIC


def lab(risk: tuple[str, str], harms: tuple[str, str], extra: str = "") -> str:
    """A proposal rated by two reviewers on the index's two domains, with the scores as TOML values."""
    return (
        f'id = "lab"\ntitle = "Lab"\n'
        f'[[assessments.index.risk]]\nrater = "r1"\nscore = {risk[0]}\n{extra}'
        f'[[assessments.index.risk]]\nrater = "r2"\nscore = {risk[1]}\n'
        f'[[assessments.index.harms]]\nrater = "r1"\nscore = {harms[0]}\n'
        f'[[assessments.index.harms]]\nrater = "r2"\nscore = {harms[1]}\n'
    )


@pytest.fixture
def index(project):
    """The conftest project with the GPA rubric in place of the tiny one, and no proposals yet."""
    (project / "rubrics" / "tiny.toml").write_text(GPA_RUBRIC)
    for path in (project / "proposals").iterdir():
        path.unlink()
    return project


@pytest.mark.parametrize("letter", list(AI_SAFETY_INDEX))
def test_every_published_letter_round_trips_through_its_number(index, letter):
    """A rating of each of the index's 13 letters loads as the index's number, and that number reads back as the letter."""
    (index / "proposals" / "lab.toml").write_text(lab((f'"{letter}"', "0"), ("0", "0")))
    project = load_project(["rubrics"], ["proposals"])
    rating = project.proposals[0].assessments["index"]["risk"][0]
    assert rating.score == AI_SAFETY_INDEX[letter] and rating.letter() == letter
    assert band_of(rating.score, bands_from_points(AI_SAFETY_INDEX)) == letter


def test_letter_grades_are_averaged_as_numbers_and_the_mean_read_back(index):
    """Reviewers' C+ and B on one domain, B- and C on the other: 2.3, 3.0, 2.7, 2.0, mean 2.5, a C+ (2.3 <= 2.5 < 2.7).

    The same panel as ``rules/test_grades.py`` writes as numbers, so letters and numbers give one result.
    """
    (index / "proposals" / "lab.toml").write_text(lab(('"C+"', '"B"'), ('"B-"', '"C"')))
    project = load_project(["rubrics"], ["proposals"])
    ev = rubric.evaluate(project.rubrics[0], project.proposals)
    assert ev.result().totals[0] == pytest.approx(2.5)
    assert ev.grade(ev.result(), None, 0) == "C+"
    (index / "proposals" / "lab.toml").write_text(lab(("2.3", "3.0"), ("2.7", "2.0")))
    numbers = load_project(["rubrics"], ["proposals"]).proposals[0]
    assert [r.score for r in numbers.assessments["index"]["risk"]] == [
        r.score for r in project.proposals[0].assessments["index"]["risk"]
    ]


def test_an_interval_of_letters_and_an_assessment_file_read_the_same_way(index):
    """An assessment file's ``score = "A-"``, ``low = "B+"``, ``high = "A"`` is 3.7 within 3.3…4.0."""
    (index / "proposals" / "lab.toml").write_text(lab(("1", "1"), ("1", "1")))
    (index / "assessments").mkdir()
    (index / "assessments" / "r3.toml").write_text(
        'rubric = "index"\nrater = "r3"\n[ratings.lab.risk]\nscore = "A-"\nlow = "B+"\nhigh = "A"\n'
    )
    project = load_project(["rubrics"], ["proposals"], assessment_paths=["assessments"])
    rating = project.proposals[0].assessments["index"]["risk"][-1]
    assert (rating.rater, rating.score, rating.low, rating.high) == ("r3", 3.7, 3.3, 4.0)
    assert rating.letters == (("score", "A-"), ("low", "B+"), ("high", "A"))


def test_a_letter_the_rubric_does_not_know_is_located_with_a_did_you_mean(index, capsys):
    """``score = "B--"`` names the file, the line and key, and suggests B-."""
    path = index / "proposals" / "lab.toml"
    path.write_text(lab(('"B--"', '"B"'), ('"B"', '"B"')))
    code, err = validate(capsys)
    assert code == 1
    words = "not a grade of rubric 'index''s [grade_points]"
    assert_located(err, "proposals/lab.toml", "[assessments.index.risk[0].score]", words)
    assert "did you mean 'B-'?" in err and "proposals/lab.toml:5:" in err


def test_a_letter_interval_out_of_order_is_refused_once_read(index, capsys):
    """``score = "B"``, ``low = "A"``: 4.0 > 3.0 only shows once the letters are numbers."""
    (index / "proposals" / "lab.toml").write_text(lab(('"B"', '"B"'), ('"B"', '"B"'), extra='low = "A"\n'))
    code, err = validate(capsys)
    assert code == 1 and "[assessments.index.risk[0].low] expected low <= score (3.0), found 4.0" in err


def test_a_letter_under_a_rubric_without_grade_points_is_an_error(project, capsys):
    """The tiny rubric has no [grade_points]: ``score = "B"`` says so, and a near gap word is suggested."""
    path = project / "proposals" / "a.toml"
    path.write_text(path.read_text().replace("score = 2", 'score = "B"', 1).replace("score = 1", 'score = "unknwn"', 1))
    code, err = validate(capsys)
    assert code == 1
    assert "[assessments.tiny.openness[0].score] expected a finite number, found a string ('B'); rubric 'tiny' has no " \
           "[grade_points], so a rating cannot be a letter grade" in err
    assert "did you mean 'unknown'?" in err


def test_explain_shows_the_letter_beside_its_number(index, capsys):
    """The ratings table of `rubric explain` has a Letter column holding what the rater wrote."""
    (index / "proposals" / "lab.toml").write_text(lab(('"C+"', "3.0"), ('"B-"', '"C"')))
    assert main(["explain", "lab", "-f", "json"]) == 0
    ratings = json.loads(capsys.readouterr().out)["ratings"]
    assert [(r["score"], r["letter"]) for r in ratings] == [(2.3, "C+"), (3.0, None), (2.7, "B-"), (2.0, "C")]
    assert main(["explain", "lab"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = next(line for line in lines if line.startswith("Criterion") and "Letter" in line)
    assert header.split()[:4] == ["Criterion", "Rater", "Score", "Letter"]
    risk = [line.split()[2:5] for line in lines if line.startswith("Risk assessment  r")]
    assert risk == [["r1", "2.300", "C+"], ["r2", "3.000", "n/a"]]
