"""Red lines, grades, classes, coverage, each rating's file and the changes since a baseline, in the report.

A small project: the shipped open-source-ai rubric (with ``missing = "worst"``) and three proposals whose
numbers are worked by hand.  Under ``balanced`` the two groups weigh the same and a group is the mean of its
three criteria (ideological: transparency, progress, power-distribution; geopolitical: the other three).

- ``good``: every criterion +1, so both groups and the total are 1: grade "strong case" (>= 0.5); MR-Sort
  "recommend" (all six criteria at least +0.5, a majority of 6/6 >= 0.66).  Rank 1.
- ``patchy``: transparency "unknown", filled by the worst rule with -2; the others 0.25.  Ideological
  (-2 + 0.25 + 0.25) / 3 = -0.5, geopolitical 0.25, total -0.125: "weak case" (below 0); coverage 5 of 6;
  MR-Sort "conditional" (five criteria of six at least -0.25: 5/6 >= 0.66; none at +0.5).  Rank 2.
- ``harmful``: ideological criteria -2, geopolitical 0.  Ideological -2 lies below the rubric's red line
  at -1 (by 1): flagged, rank ``3!``; total -1: "weak case"; MR-Sort "reject" (three criteria of six at
  least -0.25: 3/6 < 0.66).
"""

from __future__ import annotations

import html
import json
import re

import pytest
from tests.report.conftest import REPO

from rubric.cli import main

IDEOLOGICAL = ("transparency", "progress", "power-distribution")
GEOPOLITICAL = ("china-misuse", "backdoor-risk", "global-power")


def proposal(pid: str, scores: dict, rater: str = "analyst-a") -> str:
    text = f'id = "{pid}"\ntitle = "{pid.title()} <i>proposal</i>"\n'
    for criterion, score in scores.items():
        value = f'"{score}"' if isinstance(score, str) else score
        text += f'\n[[assessments.open-source-ai.{criterion}]]\nrater = "{rater}"\nscore = {value}\nrationale = "r"\n'
    return text


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("features")
    (root / "rubrics").mkdir()
    rubric = (REPO / "rubrics" / "open-source-ai.toml").read_text(encoding="utf-8")
    (root / "rubrics" / "open-source-ai.toml").write_text(
        rubric.replace('merge_raters = "mean"', 'merge_raters = "mean"\nmissing = "worst"', 1), encoding="utf-8")
    (root / "proposals").mkdir()
    good = {c: 1 for c in IDEOLOGICAL + GEOPOLITICAL}
    (root / "proposals" / "good.toml").write_text(proposal("good", good), encoding="utf-8")
    patchy = {c: 0.25 for c in IDEOLOGICAL + GEOPOLITICAL} | {"transparency": "unknown"}
    (root / "proposals" / "patchy.toml").write_text(proposal("patchy", patchy), encoding="utf-8")
    harmful = {c: -2 for c in IDEOLOGICAL} | {c: 0 for c in GEOPOLITICAL}
    (root / "proposals" / "harmful.toml").write_text(proposal("harmful", harmful), encoding="utf-8")
    (root / "assessments").mkdir()
    (root / "assessments" / "analyst-z.toml").write_text(
        'rubric = "open-source-ai"\nrater = "analyst-z"\n\n[ratings.good.progress]\nscore = 1\nrationale = "z"\n',
        encoding="utf-8")
    return root


def report(project, monkeypatch, *args) -> str:
    monkeypatch.chdir(project)
    target = project / "report.html"
    assert main(["report", "--rubric", "open-source-ai", "--scheme", "balanced", "--samples", "300", "--force",
                 "-o", str(target), *args]) == 0
    return target.read_text(encoding="utf-8")


def headline(page: str, kind: str) -> str:
    found = re.search(rf'<li class="{kind}">(.*?)</li>', page, re.S)
    assert found, kind
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))


def test_headline_names_red_lines_grades_and_classes(project, monkeypatch):
    page = report(project, monkeypatch)
    assert headline(page, "red-lines") == "Red lines crossed: harmful, ideological -2 below -1 (by 1): flag, under every scheme."
    assert headline(page, "grades") == "Grades under balanced: strong case good; weak case patchy, harmful."
    assert headline(page, "classes") == "Classes under balanced: recommend good; conditional patchy; reject harmful."


def test_tables_mark_ranks_grades_classes_and_crossings(project, monkeypatch):
    page = report(project, monkeypatch)
    table = page[page.index("<h2>Scores and ranks by scheme</h2>"):page.index('<div class="live">')]
    rows = {re.search(r'#card-0-\d+">([^<]+)<', row).group(1): html.unescape(re.sub(r"<[^>]+>", "", row))
            for row in re.findall(r"<tr><th scope=\"row\">.*?</tr>", table)}
    assert rows["good"].endswith("1.000 #1 strong case recommend")
    assert rows["patchy [5/6]"].endswith("-0.125 #2 weak case conditional")
    assert rows["harmful"].endswith("-1.000 #3! weak case reject")
    assert table.count('class="crossed"') == 1


def test_cards_show_coverage_gaps_with_their_rule_and_each_ratings_file(project, monkeypatch):
    page = report(project, monkeypatch)
    cards = {re.search(r"<code>([^<]+)</code></summary>", c).group(1): c
             for c in re.findall(r'<details class="card".*?</details>', page, re.S)}
    found = re.search(r'<p class="meta coverage">(.*?)</p>', cards["patchy"], re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", found)) == (
        "Coverage: 5 of 6 applicable criteria assessed; gaps: Increased transparency (unknown, filled by the worst rule as -2).")
    assert "Coverage: 6 of 6 applicable criteria assessed." in cards["good"]
    assert "From <code>assessments/analyst-z.toml</code>." in cards["good"]
    assert "From <code>proposals/good.toml</code>." in cards["good"]
    assert "Red line under balanced: ideological -2 below -1 (by 1): flag." in cards["harmful"]
    assert "<i>proposal</i>" not in page  # titles from proposals stay text
    assert "&lt;i&gt;proposal&lt;/i&gt;" in page


def test_report_shows_changes_since_a_baseline(project, monkeypatch, tmp_path):
    """The baseline has good at 1 and harmful at -1; now harmful's geopolitical criteria are 3 × 1 (was 0).

    harmful then: ideological -2, geopolitical 1, total -0.5 (change +0.5), still rank 3: no move; no other change.
    """
    monkeypatch.chdir(project)
    baseline = tmp_path / "run.json"
    assert main(["snapshot", "--rubric", "open-source-ai", "--scheme", "balanced", "-o", str(baseline)]) == 0
    run = json.loads(baseline.read_text(encoding="utf-8"))
    harmful = project / "proposals" / "harmful.toml"
    before = harmful.read_text(encoding="utf-8")
    try:
        harmful.write_text(proposal("harmful", {c: -2 for c in IDEOLOGICAL} | {c: 1 for c in GEOPOLITICAL}), encoding="utf-8")
        page = report(project, monkeypatch, "--baseline", str(baseline))
    finally:
        harmful.write_text(before, encoding="utf-8")
    assert headline(page, "changes") == f"Since {baseline}: 0 proposals changed rank or came or went."
    section = page[page.index('id="changes-0"'):page.index("<h2>", page.index('id="changes-0"'))]
    section = html.unescape(re.sub(r"<[^>]+>", " ", section))
    assert re.search(r"harmful\s+-1\.000\s+-0\.500\s+0\.500\s+3\s+3\s+0", section)
    assert "good" not in section.split("Rank before", 1)[1].split("Input files")[0]
    assert "proposals/harmful.toml" in section and "changed" in section
    assert run["inputs"]  # the snapshot recorded the files, so the report can say which changed
