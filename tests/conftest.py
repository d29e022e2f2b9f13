"""Shared fixtures: a tiny project folder written fresh for each test."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", max_examples=60, deadline=None)
settings.register_profile("dev", max_examples=30, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

REPO = Path(__file__).resolve().parents[1]

TINY_RUBRIC = """
id = "tiny"
title = "Tiny rubric"
version = "1.0"

[scale]
min = -2
max = 2
labels = ["strongly worsens", "worsens", "no effect", "improves", "strongly improves"]

[groups.values]
title = "Values"

[groups.risks]
title = "Risks"

[criteria.openness]
group = "values"
title = "Openness"
question = "Does it make models more open?"

[criteria.progress]
group = "values"
title = "Progress"

[criteria.misuse]
group = "risks"
title = "Misuse"

[schemes.balanced]
title = "Balanced"
weights = { values = 1, risks = 1 }

[schemes.risk-first]
title = "Risk first"
weights = { values = 1, risks = 3 }
"""


#: analyst-c rates proposal a of the tiny project from an assessment file (openness 0, progress -1, misuse -1).
TINY_ASSESSMENT = """
rubric = "tiny"
rater = "analyst-c"

[[sources]]
id = "wto-2024"
title = "World Trade Report 2024"
publisher = "World Trade Organization"

[ratings.a.openness]
score = 0
rationale = "Openness is untouched."
sources = ["src", "wto-2024"]

[ratings.a.progress]
score = -1
rationale = "Slower."

[ratings.a.misuse]
score = -1
rationale = "No less misuse."
"""


def tiny_proposal(pid: str, openness: float, progress: float, misuse: float, extra: str = "") -> str:
    """A proposal assessing the tiny rubric's three criteria."""
    return textwrap.dedent(
        f"""
        id = "{pid}"
        title = "Proposal {pid}"
        {extra}

        [[sources]]
        id = "src"
        title = "A source"

        [[assessments.tiny.openness]]
        score = {openness}
        rationale = "Because."
        sources = ["src"]

        [[assessments.tiny.progress]]
        score = {progress}
        rationale = "Because."

        [[assessments.tiny.misuse]]
        score = {misuse}
        rationale = "Because."
        """
    )


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder (rubrics/, proposals/) as the working directory."""
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "proposals").mkdir()
    (tmp_path / "rubrics" / "tiny.toml").write_text(TINY_RUBRIC)
    (tmp_path / "proposals" / "a.toml").write_text(tiny_proposal("a", 2, 1, -1))
    (tmp_path / "proposals" / "b.toml").write_text(tiny_proposal("b", -1, 0, 2))
    (tmp_path / "proposals" / "c.toml").write_text(tiny_proposal("c", 0, 0, 0))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RUBRIC_DISABLE_PLUGIN_AUTOLOAD", "1")
    return tmp_path
