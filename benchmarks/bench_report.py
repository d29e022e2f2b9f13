"""How long ``rubric report`` takes, and whether the report of 1,000 proposals stays usable.

Run from the repository root with the environment rubric is installed in (the ``[report]`` extra)::

    python benchmarks/bench_report.py            # 3 repeats, 1,000 proposals
    python benchmarks/bench_report.py --quick    # 1 repeat

Figures (medians, with min–max, of runs side by side in one run):

* the shipped project's report (``rubric report``: every rubric, 10,000 SMAA samples): wall and CPU
  time of the process, against the goal of 3 s;
* a generated project of N proposals under the shipped open-source-ai rubric, two raters each:
  wall and CPU time (also with 2,000 SMAA samples), the file's size (goal: under 10 MB), how many cards start open (none past 40),
  and, where Chromium is installed, how many of the plane's points carry a label once the page's
  script has run (the top and bottom 8 only).
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CRITERIA = ("transparency", "progress", "power-distribution", "china-misuse", "backdoor-risk", "global-power")
GOAL_SECONDS = 3.0
GOAL_BYTES = 10_000_000


def run(argv: list, cwd: Path) -> tuple:
    """(wall, CPU) seconds of one ``rubric`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rubric", *argv], cwd=cwd, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def timed(argv: list, cwd: Path, repeats: int) -> str:
    walls, cpus = zip(*(run(argv, cwd) for _ in range(repeats)))
    return (f"wall {statistics.median(walls):.2f} s ({min(walls):.2f}–{max(walls):.2f}), "
            f"CPU {statistics.median(cpus):.2f} s ({min(cpus):.2f}–{max(cpus):.2f})")


def write_project(folder: Path, count: int) -> None:
    """``count`` proposals under the shipped open-source-ai rubric, rated by analyst-a and analyst-b."""
    (folder / "rubrics").mkdir()
    shutil.copy(REPO / "rubrics" / "open-source-ai.toml", folder / "rubrics")
    (folder / "proposals").mkdir()
    (folder / "assessments").mkdir()
    rng = random.Random(0)
    second = ['rubric = "open-source-ai"', 'rater = "analyst-b"']
    for n in range(count):
        pid = f"generated-proposal-{n:04d}"
        parts = [f'id = "{pid}"', f'title = "Generated proposal {n}"',
                 'summary = "A generated proposal, to measure the report at scale."',
                 '[[sources]]\nid = "s"\ntitle = "A source"\nurl = "https://example.org/source"']
        for c in CRITERIA:
            score = rng.choice((-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2))
            parts.append(f'[[assessments.open-source-ai.{c}]]\nrater = "analyst-a"\nscore = {score}\n'
                         f'rationale = "Rationale for {c}: generated text of a typical length."\nsources = ["s"]')
            other = max(-2, min(2, score + rng.choice((-1, -0.5, 0, 0.5, 1))))
            second.append(f'[ratings.{pid}.{c}]\nscore = {other}\nrationale = "A second view."')
        (folder / "proposals" / f"{pid}.toml").write_text("\n".join(parts) + "\n", encoding="utf-8")
    (folder / "assessments" / "analyst-b.toml").write_text("\n".join(second) + "\n", encoding="utf-8")


def labels_drawn(page: Path) -> str:
    """How many plane points carry a label after the page's script ran (Chromium's ``--dump-dom``)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return "no Chromium: labels not counted"
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=300).stdout
    plane = dom[dom.index('class="plane"'):]
    plane = plane[:plane.index("</svg>")]
    points = len(re.findall(r'<circle[^>]*class="point"', plane))
    labels = len(re.findall(r'<text[^>]*class="label"', plane))
    return f"{points} points, {labels} labelled"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat")
    parser.add_argument("--proposals", type=int, default=1000)
    args = parser.parse_args()
    repeats = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        page = folder / "shipped.html"
        print(f"shipped project, rubric report (goal < {GOAL_SECONDS:.0f} s): "
              f"{timed(['report', '-o', str(page), '--force'], REPO, repeats)}")
        print(f"  size {page.stat().st_size / 1e6:.2f} MB")
        project = folder / "large"
        project.mkdir()
        write_project(project, args.proposals)
        big = project / "report.html"
        print(f"{args.proposals:,} proposals, rubric report: {timed(['report', '--force'], project, repeats)}")
        print(f"  with --samples 2000 (SMAA is most of the time at this size): "
              f"{timed(['report', '--force', '--samples', '2000', '-o', 'fewer.html'], project, repeats)}")
        text = big.read_text(encoding="utf-8")
        cards, opened = text.count('<details class="card"'), text.count('" open>')
        print(f"  size {len(text.encode()) / 1e6:.2f} MB (goal < {GOAL_BYTES / 1e6:.0f} MB), "
              f"{cards} cards, {opened} open; {labels_drawn(big)}")


if __name__ == "__main__":
    main()
