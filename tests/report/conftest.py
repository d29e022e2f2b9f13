"""Reports of the shipped project and of a small hostile one, built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rubric.cli import main

REPO = Path(__file__).resolve().parents[2]

#: A proposal whose texts try to run script and to link a javascript: URL.
HOSTILE = """
id = "hostile"
title = "Hostile <script>window.pwned = 1</script> title"
summary = "A summary with <img src=x onerror='window.pwned = 2'> in it."

[[sources]]
id = "bad"
title = "Click <b>me</b>"
url = "javascript:window.pwned = 3"

[[sources]]
id = "good"
title = "A real source"
url = "https://example.org/paper"
""" + "".join(
    f"""
[[assessments.open-source-ai.{criterion}]]
rater = "analyst-a"
score = 1
rationale = "Rationale </script><script>window.pwned = 4</script> ends here."
sources = ["bad", "good"]
"""
    for criterion in ("transparency", "progress", "power-distribution", "china-misuse", "backdoor-risk", "global-power")
)


@pytest.fixture(scope="session")
def shipped_report(tmp_path_factory) -> Path:
    """The shipped project's report, as ``rubric report`` writes it."""
    target = tmp_path_factory.mktemp("shipped") / "report.html"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(REPO)
        assert main(["report", "--rubric", "open-source-ai", "--samples", "2000", "-o", str(target)]) == 0
    return target


@pytest.fixture(scope="session")
def hostile_report(tmp_path_factory) -> Path:
    """The report of the shipped open-source-ai proposals plus one whose texts are hostile."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(REPO / "rubrics", root / "rubrics")
    shutil.copytree(REPO / "proposals", root / "proposals")
    (root / "proposals" / "hostile.toml").write_text(HOSTILE, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        assert main(["report", "--rubric", "open-source-ai", "--samples", "500"]) == 0
    return root / "report.html"
