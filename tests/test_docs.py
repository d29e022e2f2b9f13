"""The README's promises: its test command is the one CI runs, its commands exist."""

from __future__ import annotations

import re

from conftest import REPO


def readme() -> str:
    return (REPO / "README.md").read_text()


def test_ci_runs_the_readme_test_command():
    """.ci/run runs the README's test command word for word."""
    commands = re.findall(r"```sh\n(python3 -m venv .*)\n```", readme())
    assert len(commands) == 2, commands
    install_and_run, install_and_test = commands
    assert install_and_run.endswith("rubric compare")
    ci = (REPO / ".ci" / "run").read_text().splitlines()
    assert install_and_test in ci


def test_readme_lists_every_command():
    """Every CLI command appears in the README's command table."""
    from rubric.cli import COMMANDS

    for name in COMMANDS:
        assert f"`rubric {name}" in readme(), name


def test_readme_examples_load_and_score(tmp_path):
    """The README's complete rubric and proposal examples load without a problem and score."""
    from rubric.engine import evaluate
    from rubric.loading import load_project

    blocks = re.findall(r"```toml\n(.*?)```", readme(), flags=re.S)
    (tmp_path / "rubric.toml").write_text(blocks[0])
    (tmp_path / "proposal.toml").write_text(blocks[1])
    project = load_project([tmp_path / "rubric.toml"], [tmp_path / "proposal.toml"], autoload=False)
    evaluation = evaluate(project.rubrics[0], project.proposals, registry=project.registry)
    assert [r.scheme.id for r in evaluation.results] == ["balanced", "security-first", "equal-criteria", "worst-case"]
    # mean of the raters (-2, -1) on one side, 0.5 on the other, sides weighted 1:1
    assert evaluation.result("balanced").totals[0] == (-1.5 + 0.5) / 2


def test_readme_tour_matches_a_real_run():
    """Every output block pasted in the README's tour is what the commands print today."""
    from golden import render

    tour = readme().split("<!-- tour:start -->")[1].split("<!-- tour:end -->")[0]
    blocks = re.findall(r"```text\n(.*?)\n```", tour, flags=re.S)
    founding = [
        f"proposals/{p}.toml"
        for p in ("blanket-export-controls", "industry-risk-assessments", "security-audit-repository", "data-licensing-treaties")
    ]
    outputs = [
        render(["compare", "--rubric", "open-source-ai", "--no-plugin-autoload"]),
        render(["score", "--rubric", "open-source-ai", "--no-plugin-autoload", *founding]),
        render(["sensitivity", "--raters", "--rubric", "open-source-ai", "--no-plugin-autoload"]),
    ]
    assert len(blocks) == 4
    for block in blocks:
        assert any(block in output for output in outputs), block[:200]
