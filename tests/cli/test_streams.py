"""Output robustness, in real processes: closed pipes keep the status, a full disk and Ctrl-C say so in one line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import TINY_RUBRIC, tiny_proposal

ENV = {**os.environ, "RUBRIC_DISABLE_PLUGIN_AUTOLOAD": "1"}


def make_project(root: Path, count: int, score: float = 1) -> Path:
    """A project with the tiny rubric and ``count`` proposals scoring ``score`` on every criterion."""
    (root / "rubrics").mkdir()
    (root / "proposals").mkdir()
    (root / "rubrics" / "tiny.toml").write_text(TINY_RUBRIC)
    for i in range(count):
        (root / "proposals" / f"p{i:04}.toml").write_text(tiny_proposal(f"p{i:04}", score, score, score))
    return root


def first_line_then_close(argv, cwd: Path, **streams) -> int:
    """Run rubric, read one line of its output, close the pipe (like `| head -1`), return its exit status."""
    child = subprocess.Popen([sys.executable, "-m", "rubric", *argv], cwd=cwd, env=ENV, stdout=subprocess.PIPE, **streams)
    assert child.stdout.readline()
    child.stdout.close()
    return child.wait(timeout=120)


def test_validate_keeps_exit_1_when_stderr_pipe_closes(tmp_path):
    """`rubric validate 2>&1 | head -1` with 1,800 problems (far beyond a pipe's buffer) still exits 1."""
    project = make_project(tmp_path, 600, score=5)  # off the −2…+2 scale on three criteria: 3 problems each
    assert first_line_then_close(["validate"], project, stderr=subprocess.STDOUT) == 1


def test_compare_keeps_exit_0_when_stdout_pipe_closes(tmp_path):
    """`rubric compare | head -1` on 600 proposals exits 0 and prints no traceback."""
    project = make_project(tmp_path, 600)
    child = subprocess.Popen(
        [sys.executable, "-m", "rubric", "compare"], cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert child.stdout.readline()
    child.stdout.close()
    assert child.wait(timeout=120) == 0
    assert child.stderr.read() == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk_is_one_line_and_nonzero(tmp_path):
    """`rubric compare > /dev/full` prints one line saying why, and exits 1."""
    project = make_project(tmp_path, 3)
    with open("/dev/full", "w") as full:
        command = [sys.executable, "-m", "rubric", "compare"]
        done = subprocess.run(command, cwd=project, env=ENV, stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 1
    assert done.stderr == "rubric: error: cannot write the output: No space left on device\n"


SLOW_PLUGIN = """
import pathlib, time
from rubric import hookimpl
from rubric.components import CriterionKind

def score(criterion, proposal, rubric):
    pathlib.Path("started").touch()
    time.sleep(60)
    return 0

@hookimpl
def rubric_criterion_kinds():
    return [CriterionKind("slow", score)]
"""


def test_ctrl_c_prints_one_line_and_exits_130(tmp_path):
    """SIGINT while a plugin computes: `rubric: interrupted` on stderr, exit status 130, no traceback."""
    project = make_project(tmp_path, 1)
    (project / "slow.py").write_text(SLOW_PLUGIN)
    rubric = (project / "rubrics" / "tiny.toml").read_text()
    (project / "rubrics" / "tiny.toml").write_text(
        rubric.replace('version = "1.0"', 'version = "1.0"\nplugins = ["../slow.py"]')
        .replace('title = "Progress"', 'title = "Progress"\nkind = "slow"')
    )
    path = project / "proposals" / "p0000.toml"
    head = path.read_text().split("[[assessments.tiny.progress]]")[0]
    path.write_text(head + "[[assessments.tiny.misuse]]\nscore = 1\nrationale = \"r\"\n")
    child = subprocess.Popen(
        [sys.executable, "-m", "rubric", "score"], cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while not (project / "started").exists():
        assert child.poll() is None, child.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=30)
    assert child.returncode == 130
    assert err == "rubric: interrupted\n"
