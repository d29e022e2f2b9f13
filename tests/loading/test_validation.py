"""What `rubric validate` catches beyond the structure of each file, each at the line of its key."""

from __future__ import annotations

import pytest

from conftest import REPO
from loading.helpers import edit, validate
from rubric.loading import load_project


def line_of(path, text: str) -> int:
    """The number of the first line containing ``text``."""
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


# --- rationale -------------------------------------------------------------


def test_rating_without_rationale_is_an_error(project, capsys):
    """A rubric requires every rating to give its reasons unless it says otherwise."""
    path = project / "proposals" / "a.toml"
    edit(path, 'score = 1\nrationale = "Because."', "score = 1")
    code, err = validate(capsys)
    header = line_of(path, "[[assessments.tiny.progress]]")
    assert code == 1
    assert f"proposals/a.toml:{header}: [assessments.tiny.progress[0].rationale] missing required key 'rationale'" in err
    assert 'rationale = "optional"' in err


def test_blank_rationale_counts_as_none(project, capsys):
    """A rationale of spaces gives no reasons either."""
    edit(project / "proposals" / "a.toml", 'score = 1\nrationale = "Because."', 'score = 1\nrationale = "  "')
    code, err = validate(capsys)
    assert code == 1 and "[assessments.tiny.progress[0].rationale] missing required key 'rationale'" in err


def test_rationale_optional_accepts_scores_alone(project, capsys):
    """`rationale = "optional"` in the rubric lets a rating be a bare score."""
    edit(project / "proposals" / "a.toml", 'score = 1\nrationale = "Because."', "score = 1")
    edit(project / "rubrics" / "tiny.toml", 'version = "1.0"', 'version = "1.0"\nrationale = "optional"')
    assert validate(capsys)[0] == 0
    assert load_project(["rubrics"], autoload=False).rubrics[0].rationale == "optional"


def test_rationale_rule_must_be_known(project, capsys):
    """Only "required" and "optional" are rationale rules."""
    edit(project / "rubrics" / "tiny.toml", 'version = "1.0"', 'version = "1.0"\nrationale = "sometimes"')
    code, err = validate(capsys)
    assert code == 1 and "rubrics/tiny.toml:5: [rationale] expected 'required' or 'optional', found 'sometimes'" in err


# --- dates -----------------------------------------------------------------


@pytest.mark.parametrize("date", ['"yesterday"', '"2026-13"', '"2026-11-31"', '"2026-02-30"', '"26-11-01"', '"2026-1"'])
def test_bad_date_strings(project, capsys, date):
    """A date string must be a real YYYY-MM or YYYY-MM-DD (no month 13, no 31 November)."""
    edit(project / "proposals" / "a.toml", 'title = "Proposal a"', f'title = "Proposal a"\ndate = {date}')
    code, err = validate(capsys)
    assert code == 1
    assert 'proposals/a.toml:4: [date] expected a TOML date (2025-01-13) or a "YYYY-MM" or "YYYY-MM-DD" string' in err


@pytest.mark.parametrize("date", ['"2026-11"', '"2026-11-30"', "2026-11-30", '"2024-02-29"'])
def test_good_dates(project, capsys, date):
    """TOML dates and real YYYY-MM(-DD) strings are accepted."""
    edit(project / "proposals" / "a.toml", 'title = "Proposal a"', f'title = "Proposal a"\ndate = {date}')
    assert validate(capsys)[0] == 0


def test_source_accessed_date_is_checked(project, capsys):
    """A source's `accessed` date follows the same rule."""
    edit(project / "proposals" / "a.toml", 'title = "A source"', 'title = "A source"\naccessed = "last week"')
    code, err = validate(capsys)
    assert code == 1 and "[sources[0].accessed] expected a TOML date" in err


def test_loose_toml_date_gets_a_hint(project, capsys):
    """`date = 2026-9-14` is a TOML syntax error; the message says how to write a date."""
    edit(project / "proposals" / "a.toml", 'title = "Proposal a"', 'title = "Proposal a"\ndate = 2026-9-14')
    code, err = validate(capsys)
    assert code == 1
    assert "proposals/a.toml:4:" in err and "is not valid TOML" in err and "YYYY-MM-DD" in err and "2026-09-14" in err


def test_other_syntax_errors_get_no_date_hint(project, capsys):
    """The hint is only for a line that holds a loose date."""
    edit(project / "proposals" / "a.toml", 'title = "Proposal a"', 'title = "Proposal a"\nsummary = [1,')
    assert "YYYY-MM-DD" not in validate(capsys)[1]


# --- assessments of rubrics that are not loaded ----------------------------


def test_assessments_of_an_unloaded_rubric_are_an_error(project, capsys):
    """Ratings for a rubric id nobody loaded would be dropped silently: validate names the loaded ids."""
    path = project / "proposals" / "a.toml"
    path.write_text(path.read_text() + '\n[[assessments.elsewhere.x]]\nscore = 1\nrationale = "r"\n')
    code, err = validate(capsys)
    assert code == 1
    line = line_of(path, "[[assessments.elsewhere.x]]")
    assert f"proposals/a.toml:{line}: [assessments.elsewhere] no loaded rubric has id 'elsewhere'. Known: tiny." in err
    assert "foreign_rubrics = ['elsewhere']" in err


def test_foreign_rubrics_are_allowed(project, capsys):
    """Listing the id under `foreign_rubrics` says the ratings are for a rubric kept elsewhere."""
    path = project / "proposals" / "a.toml"
    text = path.read_text().replace('title = "Proposal a"', 'title = "Proposal a"\nforeign_rubrics = ["elsewhere"]')
    path.write_text(text + '\n[[assessments.elsewhere.x]]\nscore = 1\n')
    assert validate(capsys)[0] == 0
    proposal = next(p for p in load_project(["rubrics"], ["proposals"], autoload=False).proposals if p.id == "a")
    assert proposal.foreign_rubrics == ("elsewhere",)


def test_scoring_with_some_rubrics_ignores_the_others(capsys, monkeypatch):
    """Outside validate, picking rubrics by file is deliberate: the shipped proposals score under one rubric."""
    monkeypatch.setenv("RUBRIC_DISABLE_PLUGIN_AUTOLOAD", "1")
    project = load_project([REPO / "rubrics" / "data-access.toml"], [REPO / "proposals"], autoload=False)
    assert len(project.proposals) == len(list((REPO / "proposals").glob("*.toml")))


def test_strict_loading_refuses_unloaded_rubric_ids():
    """With strict, every assessed rubric must be loaded (the shipped proposals assess four)."""
    problems: list = []
    load_project([REPO / "rubrics" / "data-access.toml"], [REPO / "proposals"], autoload=False, collect=problems, strict=True)
    assert {p.key for p in problems} == {"assessments.open-source-ai", "assessments.sovereign-ai"}


# --- lines of keys that check_params and plugins report --------------------

AHP_SCHEME = """
[schemes.panel]
title = "Panel"

[schemes.panel.weighting]
method = "ahp"

[schemes.panel.weighting.pairwise.root]
"values/risks" = -3
"""


def test_ahp_judgement_problem_is_at_its_line(project, capsys):
    """A bad AHP judgement points at the judgement's own line, not the scheme's header."""
    path = project / "rubrics" / "tiny.toml"
    path.write_text(path.read_text() + AHP_SCHEME)
    code, err = validate(capsys)
    line = line_of(path, '"values/risks" = -3')
    assert code == 1
    assert f'rubrics/tiny.toml:{line}: [schemes.panel.weighting] pairwise.root."values/risks": expected a positive number' in err


def test_missing_ahp_node_is_at_the_pairwise_line(project, capsys):
    """A problem with a node points at its table."""
    path = project / "rubrics" / "tiny.toml"
    path.write_text(path.read_text() + AHP_SCHEME.replace("pairwise.root]", "pairwise.valeus]"))
    code, err = validate(capsys)
    line = line_of(path, "[schemes.panel.weighting.pairwise.valeus]")
    assert code == 1 and f"rubrics/tiny.toml:{line}: [schemes.panel.weighting] pairwise.valeus: neither" in err


def test_bad_fact_is_at_its_line(tmp_path, capsys, monkeypatch):
    """A fact a computed criterion refuses is reported at the fact's line."""
    (tmp_path / "proposals").mkdir()
    text = (REPO / "proposals" / "blanket-export-controls.toml").read_text(encoding="utf-8")
    path = tmp_path / "proposals" / "bad.toml"
    text = text.replace('scope = "all-open-models"', 'scope = "all-models"')
    text = text.replace("\ntitle = ", '\nforeign_rubrics = ["open-source-ai", "sovereign-ai"]\ntitle = ', 1)
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("RUBRIC_DISABLE_PLUGIN_AUTOLOAD", "1")
    code, err = validate(capsys, "--rubrics", str(REPO / "rubrics" / "feasibility.toml"), str(tmp_path / "proposals"))
    assert code == 1
    assert f"bad.toml:{line_of(path, 'scope = ')}: [facts.scope]" in err


# --- requires --------------------------------------------------------------


def test_requires_is_kept_on_the_rubric(project):
    """`requires` lists requirement strings, stored as a tuple (checked by the plugin loader)."""
    edit(project / "rubrics" / "tiny.toml", 'version = "1.0"', 'version = "1.0"\nrequires = ["numpy>=1.20", "attrs"]')
    assert load_project(["rubrics"], autoload=False).rubrics[0].requires == ("numpy>=1.20", "attrs")
    assert load_project([REPO / "rubrics" / "open-source-ai.toml"], autoload=False).rubrics[0].requires == ()


def test_requires_must_be_a_list_of_strings(project, capsys):
    """A single string is not a list of requirements."""
    edit(project / "rubrics" / "tiny.toml", 'version = "1.0"', 'version = "1.0"\nrequires = "numpy"')
    code, err = validate(capsys)
    assert code == 1 and "rubrics/tiny.toml:5: [requires] expected a list of strings, found a string ('numpy')" in err
