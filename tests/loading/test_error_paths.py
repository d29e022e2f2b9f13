"""Every problem the loader can record, each reached once: the message names the key and says what to do."""

from __future__ import annotations

import pytest

from rubric.cli import main
from rubric.loading import read_document

RUBRIC, PROPOSAL = "rubrics/tiny.toml", "proposals/a.toml"

CASES = [
    # (file, text to replace, replacement, expected in the message)
    (RUBRIC, '[groups.values]\ntitle = "Values"', '[groups.values]\ntitle = "Values"\nparent = "valeus"',
     "[groups.values.parent] unknown group 'valeus'; did you mean 'values'?"),
    (RUBRIC, '[groups.values]\ntitle = "Values"', '[groups.values]\ntitle = "Values"\nparent = "risks"\n'
     '[groups.risks2]\ntitle = "R"', "[groups.risks2] the group has no criteria and no sub-groups"),
    (RUBRIC, '[groups.risks]\ntitle = "Risks"', '[groups.risks]\ntitle = "Risks"\nparent = "loop"\n'
     '[groups.loop]\ntitle = "Loop"\nparent = "risks"', "[groups.risks.parent] groups form a cycle"),
    (RUBRIC, "[groups.risks]", "[groups.root]", "[groups.root] 'root' is reserved for the top of the value tree"),
    (RUBRIC, "[criteria.misuse]", "[criteria.risks]",
     "[criteria.risks] 'risks' is already a group id; groups and criteria share one namespace"),
    (RUBRIC, '[groups.values]\ntitle = "Values"', "[groups.values]\n[groups.other]",
     "[groups.values.title] missing required key 'title'"),
    (RUBRIC, 'labels = ["strongly worsens", "worsens", "no effect", "improves", "strongly improves"]', 'labels = ["one"]',
     "[scale.labels] expected at least two labels (for min and max), found 1"),
    (RUBRIC, 'version = "1.0"', 'version = "1.0"\nmerge_raters = "avg"', "[merge_raters] unknown merge rule 'avg'"),
    (RUBRIC, 'weights = { values = 1, risks = 1 }', 'weights = { values = 1, risks = 1 }\nweighting = "equal"',
     "[schemes.balanced.weights] a `weights` table goes with direct weighting, but this scheme uses 'equal'"),
    (RUBRIC, 'weights = { values = 1, risks = 1 }', 'aggregation = { ideal = "scale" }',
     "[schemes.balanced.aggregation.method] expected the method's name, found nothing"),
    (RUBRIC, 'weights = { values = 1, risks = 1 }', 'weighting = "ahp"',
     "[schemes.balanced.weighting] weighting method 'ahp' needs the parameter 'pairwise'"),
    (RUBRIC, "[schemes.risk-first]", "[schemes.Risk-First]", "[schemes.Risk-First] expected an id of lowercase letters"),
    (RUBRIC, 'version = "1.0"', 'version = "1.0"\n[[sources]]\nid = "s"\ntitle = "S"\n[[sources]]\nid = "s"\ntitle = "T"',
     "[sources[1].id] duplicate source id 's'"),
    (PROPOSAL, '[[assessments.tiny.misuse]]\nscore = -1\nrationale = "Because."', "[assessments]\nother = 3",
     "[assessments.other] expected a table of criterion ids, found int (3)"),
    (PROPOSAL, '[[assessments.tiny.misuse]]\nscore = -1\nrationale = "Because."', "[assessments.tiny]\nmisuse = 3",
     "[assessments.tiny.misuse] expected one or more ratings ([[assessments.tiny.misuse]]), found int (3)"),
    (PROPOSAL, '[[assessments.tiny.misuse]]', '[[assessments.tiny.misuse]]\nscore = 1\nrationale = "Twice."\n'
     '[[assessments.tiny.misuse]]', "[assessments.tiny.misuse[1].rater] rater 'analyst' rates this criterion twice"),
    (PROPOSAL, "score = 1\n", "score = 1\nhigh = 0\n", "[assessments.tiny.progress[0].high] expected high >= score (1), found 0"),
    (PROPOSAL, "score = 1\n", "score = 1\nlow = 2\n", "[assessments.tiny.progress[0].low] expected low <= score (1), found 2"),
    (PROPOSAL, "score = 1\n", 'score = 1\nconfidence = "very"\n',
     "[assessments.tiny.progress[0].confidence] expected one of low, medium, high, found 'very'"),
    (PROPOSAL, 'sources = ["src"]', 'sources = ["srcc"]',
     "[assessments.tiny.openness[0].sources] unknown source 'srcc': "
     "not among this proposal's [[sources]] ids; did you mean 'src'?"),
    (PROPOSAL, 'title = "A source"', 'title = "A source"\n[[sources]]\nid = "src"\ntitle = "Again"',
     "[sources[1].id] duplicate source id 'src'"),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), CASES, ids=[case[3][:50] for case in CASES])
def test_problem_is_reported(project, capsys, file, old, new, expected):
    """The edit makes validate report exactly this problem, with a line, and exit 1."""
    path = project / file
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    code = main(["validate"])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    message = next((line for line in err.splitlines() if expected in line), None)
    assert message is not None, err
    assert message.startswith(f"{file}:") and message.split(":")[1].isdigit(), message


def test_empty_groups_and_criteria_tables(project, capsys):
    """A rubric needs at least one group and one criterion."""
    (project / "rubrics" / "tiny.toml").write_text(
        'id = "tiny"\ntitle = "T"\nversion = "1"\n[scale]\nmin = 0\nmax = 1\nlabels = ["no", "yes"]\n[groups]\n[criteria]\n'
    )
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    assert "rubrics/tiny.toml:8: [groups] expected at least one group" in err
    assert "rubrics/tiny.toml:9: [criteria] expected at least one criterion" in err


def test_a_group_that_is_not_a_table(project, capsys):
    """A group must be a table."""
    path = project / "rubrics" / "tiny.toml"
    path.write_text(path.read_text().replace('[groups.risks]\ntitle = "Risks"', "[groups]\nrisks = 3"))
    assert main(["validate"]) == 1
    assert "[groups.risks] expected a table, found int (3)" in capsys.readouterr().err


def test_single_rating_table(project, capsys):
    """`[assessments.r.c]` (one table, not an array) is one rating."""
    path = project / "proposals" / "a.toml"
    path.write_text(path.read_text().replace("[[assessments.tiny.misuse]]", "[assessments.tiny.misuse]"))
    assert main(["validate"]) == 0, capsys.readouterr().err


def test_scheme_file_for_an_unknown_rubric(project, capsys):
    """A scheme file names a rubric that must be loaded."""
    (project / "rubrics" / "extra.toml").write_text('rubric = "tinny"\n[schemes.more]\nweights = { values = 2, risks = 1 }\n')
    assert main(["validate"]) == 1
    assert "rubrics/extra.toml:1: [rubric] no loaded rubric has id 'tinny'; did you mean 'tiny'?" in capsys.readouterr().err


def test_scheme_file_repeating_a_scheme(project, capsys):
    """A scheme file cannot redefine a scheme the rubric has."""
    (project / "rubrics" / "extra.toml").write_text('rubric = "tiny"\n[schemes.balanced]\nweights = { values = 2, risks = 1 }\n')
    assert main(["validate"]) == 1
    assert "rubrics/extra.toml:2: [schemes.balanced] rubric 'tiny' already has a scheme 'balanced'" in capsys.readouterr().err


def test_missing_file_named_explicitly(tmp_path):
    """A file that cannot be read is a problem of that file."""
    doc = read_document(tmp_path / "missing.toml")
    assert [p.message for p in doc.problems] == ["cannot be read: No such file or directory"]
