"""What changed since a baseline: compare --baseline, rubric snapshot, rubric diff REV."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import TINY_ASSESSMENT as ANALYST_C
from rubric.cli import main


def changes(capsys, *argv):
    assert main([*argv, "--scheme", "balanced", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    return {r["proposal"]: r for r in data["changes"]}, data.get("changed_files")


def test_baseline_json_hand_made(project, capsys):
    """A baseline where a scored 1 (rank 1) and zzz existed: now a is 0.25 (rank 2, hand-computed in the loader tests:
    values (2+1)/2 = 1.5, risks -1, total 0.25), so -0.75 and one place down; zzz removed; b and c not in it: added."""
    baseline = {
        "scores": [
            {"rubric": "tiny", "scheme": "balanced", "method": "weighted-sum", "proposal": p, "group": None,
             "measure": "score", "value": v}
            for p, v in (("a", 1.0), ("zzz", 0.5))
        ],
        "ranks": [
            {"rubric": "tiny", "scheme": "balanced", "method": "weighted-sum", "proposal": p, "group": None,
             "measure": "rank", "value": v}
            for p, v in (("a", 1), ("zzz", 2))
        ],
    }
    (project / "run.json").write_text(json.dumps(baseline))
    rows, files = changes(capsys, "compare", "--baseline", "run.json")
    assert (rows["a"]["score_before"], rows["a"]["score"], rows["a"]["score_change"]) == (1.0, 0.25, -0.75)
    assert (rows["a"]["rank_before"], rows["a"]["rank"], rows["a"]["rank_change"]) == (1, 2, -1)
    assert rows["zzz"]["status"] == "removed" and rows["b"]["status"] == "added" and rows["b"]["score_before"] is None
    assert files is None  # a plain compare output records no input hashes


def test_snapshot_then_a_new_rater(project, capsys):
    """After a snapshot, analyst-c's file moves a from 0.25 to -0.25 (hand-computed: openness 1, progress 0, misuse -1)
    and from rank 2 to 3; the files table names the new file, and only it."""
    assert main(["snapshot", "-o", "run.json"]) == 0
    capsys.readouterr()
    assert "inputs" in json.loads((project / "run.json").read_text())
    (project / "assessments").mkdir()
    (project / "assessments" / "c.toml").write_text(ANALYST_C)
    rows, files = changes(capsys, "compare", "--baseline", "run.json")
    assert (rows["a"]["score_before"], rows["a"]["score"], rows["a"]["rank_before"], rows["a"]["rank"]) == (0.25, -0.25, 2, 3)
    assert rows["a"]["rank_change"] == -1 and rows["c"]["rank_change"] == 1
    assert files == [{"file": "assessments/c.toml", "change": "added"}]


def test_text_output_signs_the_moves(project, capsys):
    """The text table shows a move up as +1 and down as -1."""
    assert main(["snapshot", "-o", "run.json"]) == 0
    (project / "assessments").mkdir()
    (project / "assessments" / "c.toml").write_text(ANALYST_C)
    capsys.readouterr()
    assert main(["compare", "--baseline", "run.json", "--scheme", "balanced"]) == 0
    out = capsys.readouterr().out
    assert "Change since run.json: rubric 'tiny', scheme 'balanced', weighted-sum" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line[:2] in ("a ", "c ")}
    assert rows["a"][6] == "-1" and rows["c"][6] == "+1"


@pytest.mark.parametrize("text", ["not json", '{"other": []}'])
def test_a_bad_baseline_is_a_usage_error(project, capsys, text):
    """Not JSON, or not a run: exit 2 with one line."""
    (project / "run.json").write_text(text)
    assert main(["compare", "--baseline", "run.json"]) == 2
    assert "--baseline run.json:" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_diff_against_a_git_revision(project, capsys):
    """Commit the project, change b's misuse from 2 to -2: b falls from 0.75 to -1.25 (risks weigh 1/2: 0.5·4 = 2)."""
    def git(*argv):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *argv], cwd=project, check=True,
                       capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "start")
    b = project / "proposals" / "b.toml"
    b.write_text(b.read_text().replace("[[assessments.tiny.misuse]]\nscore = 2", "[[assessments.tiny.misuse]]\nscore = -2"))
    rows, files = changes(capsys, "diff", "HEAD")
    assert (rows["b"]["score_before"], rows["b"]["score"], rows["b"]["rank_before"], rows["b"]["rank"]) == (0.75, -1.25, 1, 3)
    assert files == [{"file": "proposals/b.toml", "change": "changed"}]


def test_diff_outside_git_says_so(project, capsys):
    """Not a git repository: exit 2, one line, no traceback."""
    assert main(["diff", "HEAD"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rubric: error: ") and "Traceback" not in err
