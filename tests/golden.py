"""Golden outputs of `rubric compare` on the shipped rubrics and proposals.

Regenerate after a deliberate change to the shipped files or the engine, then
read the diff: ``python tests/golden.py``.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
RUBRICS = ("open-source-ai", "sovereign-ai", "data-access", "feasibility")
CASES = {f"compare-{rubric}.txt": ["compare", "--rubric", rubric, "--no-plugin-autoload"] for rubric in RUBRICS}
#: The first screen: every rubric, in the order of the shipped project file.
CASES["compare.txt"] = ["compare", "--no-plugin-autoload"]


def render(argv) -> str:
    """What the command prints from the repository root."""
    from rubric.cli import main

    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        with contextlib.redirect_stdout(out):
            code = main(argv)
    finally:
        os.chdir(cwd)
    assert code == 0, f"{argv} exited {code}"
    return out.getvalue()


if __name__ == "__main__":
    GOLDEN.mkdir(exist_ok=True)
    for name, argv in CASES.items():
        (GOLDEN / name).write_text(render(argv))
        print(f"wrote {GOLDEN / name}")
