"""Assessment files: ratings kept apart from proposals, merged with theirs, every problem located."""

from __future__ import annotations

import json
import textwrap

import pytest

from conftest import TINY_ASSESSMENT as ANALYST_C
from rubric.cli import main
from rubric.errors import InputError
from rubric.loading import load_project


def write(project, name, text):
    (project / "assessments").mkdir(exist_ok=True)
    path = project / "assessments" / name
    path.write_text(textwrap.dedent(text))
    return path


def load(project, *assessments):
    return load_project([project / "rubrics"], [project / "proposals"], assessment_paths=assessments, autoload=False)


def add_rubric_other(project):
    """A second rubric, the tiny one under another id, that no proposal file rates."""
    tiny = (project / "rubrics" / "tiny.toml").read_text()
    (project / "rubrics" / "other.toml").write_text(tiny.replace('id = "tiny"', 'id = "other"'))


def problems(project, *assessments):
    with pytest.raises(InputError) as caught:
        load(project, *assessments)
    return caught.value.problems


def test_an_assessment_file_adds_a_rater_to_the_proposal(project):
    """Proposal a's own rater gave openness 2; analyst-c's file gives 0: both are kept, in that order, and cited sources join."""
    path = write(project, "analyst-c.toml", ANALYST_C)
    a = {p.id: p for p in load(project, path).proposals}["a"]
    ratings = a.assessments["tiny"]["openness"]
    assert [(r.rater, r.score, r.origin) for r in ratings] == [("analyst", 2, None), ("analyst-c", 0, path)]
    assert [s.id for s in a.sources] == ["src", "wto-2024"]


def scores(capsys) -> dict:
    assert main(["score", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["scores"]
    return {(r["proposal"], r["group"]): r["value"] for r in rows if r["measure"] == "score"}


def test_default_folder_is_read_beside_default_proposals(project, capsys):
    """`rubric score` from a project folder reads ./assessments and merges by the rubric's mean rule.

    Balanced weighs values and risks 1/2 each, values' two criteria equally.  Before: a's values
    (2+1)/2 = 1.5, risks -1, total 0.75 - 0.5 = 0.25.  With analyst-c (openness 0, progress -1,
    misuse -1): openness (2+0)/2 = 1, progress (1-1)/2 = 0, values 0.5; misuse (-1-1)/2 = -1;
    total 0.25 - 0.5 = -0.25.  b is not rated by the file and keeps its score.
    """
    before = scores(capsys)
    assert (before[("a", None)], before[("a", "values")]) == (0.25, 1.5)
    write(project, "analyst-c.toml", ANALYST_C)
    after = scores(capsys)
    assert (after[("a", None)], after[("a", "values")], after[("a", "risks")]) == (-0.25, 0.5, -1)
    assert after[("b", None)] == before[("b", None)]
    assert main(["explain", "a", "--format", "json"]) == 0
    ratings = json.loads(capsys.readouterr().out)["ratings"]
    files = {(r["criterion"], r["rater"]): r["file"] for r in ratings}
    assert files[("openness", "analyst-c")] == "assessments/analyst-c.toml"
    assert files[("openness", "analyst")] == "proposals/a.toml"


def test_explain_names_the_file_a_rating_came_from(project, capsys):
    """The ratings table shows the assessment file beside the rater."""
    write(project, "analyst-c.toml", ANALYST_C)
    assert main(["explain", "a"]) == 0
    assert "analyst-c (from assessments/analyst-c.toml)" in capsys.readouterr().out


def test_some_proposals_take_their_ratings_from_the_default_folder(project, capsys):
    """Naming proposal files keeps ./assessments' ratings of them and leaves out the others'; --assessments is strict."""
    write(project, "analyst-c.toml", ANALYST_C + '\n[ratings.b.misuse]\nscore = 2\nrationale = "Yes."\n')
    assert main(["explain", "a", "proposals/a.toml", "--format", "json"]) == 0
    raters = {r["rater"] for r in json.loads(capsys.readouterr().out)["ratings"]}
    assert raters == {"analyst", "analyst-c"}
    assert main(["score", "proposals/a.toml", "--assessments", "assessments"]) == 2
    assert "no loaded proposal has id 'b'" in capsys.readouterr().err


def test_same_rater_twice_names_both_files_and_lines(project):
    """analyst-c rates a's openness in two files: the second is an error pointing at the first's line."""
    first = write(project, "c1.toml", ANALYST_C)
    again = 'rubric = "tiny"\nrater = "analyst-c"\n\n[ratings.a.openness]\nscore = 1\nrationale = "Again."\n'
    second = write(project, "c2.toml", again)
    (problem,) = problems(project, first, second)
    assert (problem.path, problem.line, problem.key) == (second, 4, "ratings.a.openness[0]")
    assert f"already rates criterion 'openness' of proposal 'a' in {first} (line 10)" in problem.message


def test_a_rater_already_in_the_proposal_file_is_a_duplicate(project):
    """The proposal's own default rater ('analyst', line 19 of a.toml) cannot rate the same criterion again."""
    path = write(project, "again.toml", 'rubric = "tiny"\n\n[ratings.a.misuse]\nscore = 1\nrationale = "Again."\n')
    (problem,) = problems(project, path)
    assert (problem.path, problem.line) == (path, 3)
    assert f"in {project / 'proposals' / 'a.toml'} (line 19)" in problem.message


@pytest.mark.parametrize(
    "old, new, key, line, expected",
    [
        ("[ratings.a.openness]", "[ratings.aa.openness]", "ratings.aa", 10, "no loaded proposal has id 'aa'; did you mean 'a'?"),
        ("a.openness]", "a.opennes]", "ratings.a.opennes", 10, "no criterion 'opennes'; did you mean 'openness'?"),
        ('rubric = "tiny"', 'rubric = "tinny"', "rubric", 2, "no loaded rubric has id 'tinny'; did you mean 'tiny'?"),
        ("score = 0", "score = 3", "ratings.a.openness[0].score", 11, "scale -2…2, found 3"),
        ('sources = ["src", "wto-2024"]', 'sources = ["w"]', "ratings.a.openness[0].sources", 13, "unknown source 'w'"),
        ('rationale = "Slower."', 'rationale = ""', "ratings.a.progress[0].rationale", 17, "missing required key 'rationale'"),
    ],
)
def test_bad_ratings_are_located(project, old, new, key, line, expected):
    """Each mistake in an assessment file is a problem at its key and line, with a did-you-mean where one helps."""
    path = write(project, "analyst-c.toml", ANALYST_C.replace(old, new))
    found = problems(project, path)
    assert any(p.path == path and p.key == key and p.line == line and expected in p.message for p in found), found


def test_a_new_rubric_rated_only_in_an_assessment_file_reports_a_missing_criterion(project, capsys, monkeypatch):
    """Rating a proposal under a rubric its own file does not mention, one criterion left out.

    Under the default rule ``missing = "error"`` the gap is ``validate``'s to
    report (as for a proposal file, tests/loading/test_bad_input.py); ``score``
    leaves the proposal unscored, and as no other proposal is rated under the
    rubric there is nothing to score: exit 2 with the gap.  With every
    criterion rated the file's ratings are the proposal's.
    """
    add_rubric_other(project)
    misuse = '[ratings.a.misuse]\nscore = -1\nrationale = "No less misuse."\n'
    text = ANALYST_C.replace('rubric = "tiny"', 'rubric = "other"').replace(misuse, "")
    write(project, "other.toml", text)
    monkeypatch.chdir(project)
    assert main(["validate"]) == 1
    assert "missing an assessment of criterion 'misuse', which rubric 'other' needs" in capsys.readouterr().err
    assert main(["score", "--rubric", "other"]) == 2
    assert "missing an assessment of criterion 'misuse', which rubric 'other' needs" in capsys.readouterr().err
    complete = write(project, "other.toml", ANALYST_C.replace('rubric = "tiny"', 'rubric = "other"'))
    a = {p.id: p for p in load(project, complete).proposals}["a"]
    assert [r.rater for r in a.assessments["other"]["misuse"]] == ["analyst-c"]


def test_a_file_for_a_rubric_not_in_use_is_left_out(project):
    """With --rubric picking another rubric, an assessment file for this one is not checked against proposals."""
    add_rubric_other(project)
    path = write(project, "analyst-c.toml", ANALYST_C.replace("[ratings.a.openness]", "[ratings.zzz.openness]"))
    project_ = load_project(["rubrics"], ["proposals"], assessment_paths=[path], use=["other"], autoload=False)
    assert project_.proposals


def test_a_file_for_a_rubric_not_loaded_is_left_out_unless_validating(project, capsys):
    """Like a proposal's ratings of an unloaded rubric: ignored by score, reported by validate (which loads everything)."""
    write(project, "elsewhere.toml", ANALYST_C.replace('rubric = "tiny"', 'rubric = "data-access"'))
    assert main(["score"]) == 0
    capsys.readouterr()
    assert main(["validate"]) == 1
    assert "no loaded rubric has id 'data-access'" in capsys.readouterr().err
