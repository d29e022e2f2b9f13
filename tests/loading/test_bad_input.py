"""Every kind of bad input gives a one-paragraph message naming file and key, exit 2.

No traceback, nothing on stdout: a command either prints a complete result
or explains why it could not.
"""

from __future__ import annotations

import pytest

from conftest import TINY_RUBRIC, tiny_proposal
from loading.helpers import edit
from rubric.cli import main


def score(capsys, *extra):
    code = main(["score", *extra])
    out, err = capsys.readouterr()
    assert code == 2, err
    assert out == ""
    assert "Traceback" not in err
    return err


def test_malformed_toml_names_line_and_column(project, capsys):
    """A TOML syntax error names the file, line and column."""
    (project / "proposals" / "a.toml").write_text('id = "a"\ntitle = [1,\n')
    err = score(capsys)
    assert "proposals/a.toml:3:1:" in err and "is not valid TOML" in err


def test_empty_file(project, capsys):
    """An empty file is reported as such."""
    (project / "proposals" / "a.toml").write_text("  \n")
    assert "proposals/a.toml: the file is empty" in score(capsys)


def test_binary_file(project, capsys):
    """A binary file is reported as not text."""
    (project / "proposals" / "a.toml").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    assert "proposals/a.toml: is not a UTF-8 text file" in score(capsys)


def test_unknown_key_suggests(project, capsys):
    """A misspelt key is an error with a suggestion, never silently dropped."""
    edit(project / "proposals" / "a.toml", 'rationale = "Because."', 'rational = "Because."')
    err = score(capsys)
    assert "proposals/a.toml:" in err
    assert "[assessments.tiny.openness[0].rational] unknown key 'rational'; did you mean 'rationale'?" in err


def test_unknown_key_line_is_located(project, capsys):
    """The message gives the line of the offending key."""
    edit(project / "rubrics" / "tiny.toml", 'question = "Does it make models more open?"', 'questoin = "x"')
    err = score(capsys)
    line = next(n for n, text in enumerate((project / "rubrics" / "tiny.toml").read_text().splitlines(), 1) if "questoin" in text)
    assert f"rubrics/tiny.toml:{line}: [criteria.openness.questoin] unknown key" in err


def test_missing_required_field(project, capsys):
    """A missing required field names the key."""
    edit(project / "proposals" / "a.toml", 'title = "Proposal a"', "")
    assert "proposals/a.toml: [title] missing required key 'title'" in score(capsys)


def test_wrong_type(project, capsys):
    """A value of the wrong type says what was expected and what was found."""
    edit(project / "proposals" / "a.toml", "score = 2", 'score = "high"')
    err = score(capsys)
    assert "[assessments.tiny.openness[0].score] expected a finite number, found a string ('high')" in err


def test_score_off_the_scale(project, capsys):
    """A score outside the rubric's scale is rejected with the scale's bounds."""
    edit(project / "proposals" / "a.toml", "score = 2", "score = 3")
    err = score(capsys)
    assert "proposals/a.toml" in err
    assert "[assessments.tiny.openness[0].score] expected a value on rubric 'tiny''s scale -2…2, found 3" in err


def test_interval_must_contain_score(project, capsys):
    """low <= score <= high."""
    edit(project / "proposals" / "a.toml", "score = 2", "score = 1\nlow = 1.5")
    assert "[assessments.tiny.openness[0].low] expected low <= score (1), found 1.5" in score(capsys)


def test_unknown_criterion_kind_lists_known(project, capsys):
    """An unknown criterion kind names the known ones."""
    edit(project / "rubrics" / "tiny.toml", 'title = "Progress"', 'title = "Progress"\nkind = "asessed"')
    err = score(capsys)
    assert (
        "[criteria.progress.kind] unknown criterion kind 'asessed'; did you mean 'assessed'? Known: assessed, value-function."
    ) in err


def test_unknown_scheme_lists_known(project, capsys):
    """--scheme with an unknown id lists the rubric's schemes."""
    err = score(capsys, "--scheme", "balance")
    assert "rubric 'tiny' has no scheme 'balance'; did you mean 'balanced'? Known: balanced, risk-first." in err


def test_unknown_method_lists_known(project, capsys):
    """An unknown aggregation method in a scheme lists the registered ones."""
    edit(project / "rubrics" / "tiny.toml", 'title = "Balanced"', 'title = "Balanced"\naggregation = "weighted-summ"')
    err = score(capsys)
    assert "rubrics/tiny.toml" in err
    assert "[schemes.balanced.aggregation] unknown aggregation method 'weighted-summ'; did you mean 'weighted-sum'?" in err


def test_unknown_weighting_method(project, capsys):
    """An unknown weighting method is reported at its key."""
    edit(project / "rubrics" / "tiny.toml", "weights = { values = 1, risks = 3 }", 'weighting = "equa"')
    assert "[schemes.risk-first.weighting] unknown weighting method 'equa'; did you mean 'equal'?" in score(capsys)


def test_unknown_method_parameter(project, capsys):
    """A parameter a method does not take is an error, not silently ignored."""
    edit(
        project / "rubrics" / "tiny.toml",
        'title = "Balanced"',
        'title = "Balanced"\naggregation = { method = "weighted-sum", v = 1 }',
    )
    assert "[schemes.balanced.aggregation.v] unknown parameter 'v' of aggregation method 'weighted-sum'" in score(capsys)


def test_unknown_group(project, capsys):
    """A criterion in an unknown group lists the groups."""
    edit(project / "rubrics" / "tiny.toml", 'group = "risks"', 'group = "risk"')
    assert "[criteria.misuse.group] unknown group 'risk'; did you mean 'risks'? Known: risks, values." in score(capsys)


def test_duplicate_ids_across_files(project, capsys):
    """Two files with one id: the second is reported, naming the first."""
    (project / "proposals" / "a-copy.toml").write_text(tiny_proposal("a", 0, 0, 0))
    err = score(capsys)
    assert "[id] duplicate proposal id 'a': also used by proposals/a" in err


def test_duplicate_rubric_ids(project, capsys):
    """Rubric ids are unique too."""
    (project / "rubrics" / "tiny2.toml").write_text(TINY_RUBRIC)
    assert "rubrics/tiny2.toml:2: [id] duplicate rubric id 'tiny': also used by rubrics/tiny.toml" in score(capsys)


def test_negative_weight(project, capsys):
    """Negative weights are refused."""
    edit(project / "rubrics" / "tiny.toml", "weights = { values = 1, risks = 3 }", "weights = { values = -1, risks = 3 }")
    assert "[schemes.risk-first.weights.values] weights cannot be negative, found -1" in score(capsys)


def test_all_zero_weights(project, capsys):
    """All-zero sibling weights are refused."""
    edit(project / "rubrics" / "tiny.toml", "weights = { values = 1, risks = 3 }", "weights = { values = 0, risks = 0 }")
    err = score(capsys)
    assert "[schemes.risk-first.weights] at the top level, the weights of values, risks are all zero" in err


def test_weights_for_some_siblings_only(project, capsys):
    """A weight for some siblings but not others is ambiguous, so refused."""
    edit(
        project / "rubrics" / "tiny.toml",
        "weights = { values = 1, risks = 3 }",
        "weights = { values = 1, risks = 3, openness = 2 }",
    )
    err = score(capsys)
    assert "at group 'values', weights are given for openness but not for progress" in err


def test_missing_assessment(project, capsys):
    """Under the default rule missing = "error", validate reports a criterion left unassessed.

    ``score`` no longer refuses the whole run: it lists the proposal as not
    scored (tests/test_missing.py), so the gap is checked where it is reported.
    """
    text = (project / "proposals" / "a.toml").read_text()
    (project / "proposals" / "a.toml").write_text(text[: text.index("[[assessments.tiny.misuse]]")])
    assert main(["validate"]) == 1  # validate's "checks failed"
    err = capsys.readouterr().err
    assert "proposals/a.toml" in err and "[assessments.tiny] missing an assessment of criterion 'misuse'" in err


def test_unknown_criterion_in_assessment(project, capsys):
    """Assessing a criterion the rubric lacks is an error with a suggestion."""
    edit(project / "proposals" / "a.toml", "[[assessments.tiny.progress]]", "[[assessments.tiny.progres]]")
    err = score(capsys)
    assert "[assessments.tiny.progres] rubric 'tiny' has no criterion 'progres'; did you mean 'progress'?" in err


def test_misspelt_rubric_id_in_assessments(project, capsys):
    """Assessments under a near-miss rubric id would be silently ignored, so they are an error."""
    path = project / "proposals" / "a.toml"
    path.write_text(path.read_text().replace("assessments.tiny.", "assessments.tinny."))
    assert "[assessments.tinny] no loaded rubric has id 'tinny'; did you mean 'tiny'?" in score(capsys)


def test_bad_scale(project, capsys):
    """A scale must run upwards."""
    edit(project / "rubrics" / "tiny.toml", "min = -2\nmax = 2", "min = 2\nmax = -2")
    assert "[scale.max] expected max greater than min (2), found -2" in score(capsys)


def test_validate_reports_every_problem_and_exits_1(project, capsys):
    """validate lists all problems in all files, not only the first, and exits 1."""
    edit(project / "proposals" / "a.toml", 'title = "Proposal a"', "")
    edit(project / "proposals" / "b.toml", "score = 2", "score = 9")
    edit(project / "rubrics" / "tiny.toml", 'title = "Progress"', 'title = "Progress"\ncolour = "red"')
    code = main(["validate"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert "missing required key 'title'" in err
    assert "found 9" not in err  # b is checked against a rubric only once the rubric is valid
    assert "unknown key 'colour'" in err
    assert "problems in 2 files" in err


def test_validate_collects_several_problems_in_one_file(project, capsys):
    """Several problems in one file are all reported."""
    edit(project / "proposals" / "a.toml", 'title = "Proposal a"', 'title = 3\nsumary = "x"')
    edit(project / "proposals" / "a.toml", "score = 2", "score = 5")
    code = main(["validate"])
    err = capsys.readouterr().err
    assert code == 1
    assert "[title] expected a string" in err and "unknown key 'sumary'" in err and "found 5" in err


def test_rubric_given_as_proposal(project, capsys):
    """Passing a rubric where proposals are expected says so."""
    err = score(capsys, "rubrics/tiny.toml")
    assert "this is a rubric, not a proposal" in err


@pytest.mark.parametrize("argv", [["score", "--rubric", "tiyn"], ["compare", "--methods", "topsiss"]])
def test_unknown_names_on_the_command_line(project, capsys, argv):
    """Unknown rubric ids and methods on the command line list the known ones."""
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "Known:" in err
