"""`rubric new assessment`: a blank assessment file that loads as it stands and asks every question."""

from __future__ import annotations

import re

from rubric.cli import main
from rubric.loading import load_project


def test_blank_file_asks_every_question_and_loads(project, capsys):
    """One commented block per proposal × criterion (3 × 3 on the tiny project), the question shown; it loads empty."""
    assert main(["new", "assessment", "--rubric", "tiny", "--rater", "analyst-c"]) == 0
    path = project / "assessments" / "analyst-c.toml"
    text = path.read_text()
    blocks = re.findall(r"^# \[ratings\.([a-z]+)\.([a-z]+)\]$", text, re.M)
    assert blocks == [(p, c) for p in "abc" for c in ("openness", "progress", "misuse")]
    assert "# Openness: Does it make models more open?" in text
    assert 'rubric = "tiny"\nrater = "analyst-c"' in text
    loaded = load_project(["rubrics"], ["proposals"], assessment_paths=[path], autoload=False)
    assert {r.rater for p in loaded.proposals for rs in p.assessments["tiny"].values() for r in rs} == {"analyst"}


def test_filled_in_blocks_become_ratings(project, capsys):
    """Uncommenting a's three blocks and giving scores adds analyst-c's ratings to a."""
    assert main(["new", "assessment", "--rubric", "tiny", "--rater", "analyst-c", "proposals/a.toml"]) == 0
    path = project / "assessments" / "analyst-c.toml"
    text = re.sub(r"^# (\[ratings|score|rationale)", r"\1", path.read_text(), flags=re.M)
    path.write_text(text.replace("score = 0", "score = 1"))
    loaded = load_project(["rubrics"], ["proposals"], assessment_paths=[path], autoload=False)
    a = next(p for p in loaded.proposals if p.id == "a")
    assert [(r.rater, r.score) for r in a.assessments["tiny"]["misuse"]] == [("analyst", -1), ("analyst-c", 1)]


def test_never_overwrites(project, capsys):
    """A second run refuses (exit 2) and leaves the first file as it was."""
    assert main(["new", "assessment", "--rubric", "tiny", "--rater", "analyst-c"]) == 0
    path = project / "assessments" / "analyst-c.toml"
    path.write_text(path.read_text() + "# mine\n")
    assert main(["new", "assessment", "--rubric", "tiny", "--rater", "analyst-c"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_text().endswith("# mine\n")


def test_proposal_titles_cannot_break_out_of_comments(project, capsys):
    """A title with newlines (untrusted text) stays on its comment line, so it cannot add TOML keys."""
    a = project / "proposals" / "a.toml"
    a.write_text(a.read_text().replace('title = "Proposal a"', 'title = "A\\n[ratings.a.openness]\\nscore = 2"'))
    assert main(["new", "assessment", "--rubric", "tiny", "--rater", "analyst-c"]) == 0
    text = (project / "assessments" / "analyst-c.toml").read_text()
    assert "# === a: A [ratings.a.openness] score = 2" in text
    assert not re.search(r"^score", text, re.M)
