"""The first screen of `rubric compare`: which rubric comes first, n/a in one line, ids in headings, fitting a terminal."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import REPO, TINY_RUBRIC, tiny_proposal
from golden import GOLDEN
from rubric.cli import main

#: A second rubric that only proposal a assesses (so it applies to one proposal of three).
NARROW = TINY_RUBRIC.replace('id = "tiny"', 'id = "narrow"').replace('title = "Tiny rubric"', 'title = "Narrow rubric"')


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def two_rubrics(project):
    """The tiny project plus rubric 'narrow' (id before 'tiny'), which applies to proposal a only."""
    (project / "rubrics" / "narrow.toml").write_text(NARROW)
    a = project / "proposals" / "a.toml"
    a.write_text(a.read_text() + tiny_proposal("a", 1, 1, 1).split('title = "A source"')[1].replace("tiny", "narrow"))
    return project


def headings(out: str) -> list:
    return [line for line in out.splitlines() if line.endswith("scores by scheme")]


def test_without_project_file_most_applicable_rubric_first(two_rubrics, capsys):
    """Without rubric.toml, the rubric applying to 3 proposals comes before the one applying to 1, not by id."""
    code, out, err = run(capsys, "compare")
    assert code == 0, err
    assert headings(out) == [
        "Tiny rubric (rubric 'tiny', v1.0): scores by scheme",
        "Narrow rubric (rubric 'narrow', v1.0): scores by scheme",
    ]


def test_project_file_sets_the_order_and_the_default(two_rubrics, capsys):
    """`rubrics` orders them; `default` comes first whatever its place in the list."""
    (two_rubrics / "rubric.toml").write_text('rubrics = ["narrow", "tiny"]\n')
    assert [h.split("'")[1] for h in headings(run(capsys, "compare")[1])] == ["narrow", "tiny"]
    (two_rubrics / "rubric.toml").write_text('rubrics = ["narrow", "tiny"]\ndefault = "tiny"\n')
    assert [h.split("'")[1] for h in headings(run(capsys, "compare")[1])] == ["tiny", "narrow"]


def test_project_file_problems_are_located(two_rubrics, capsys):
    """An unknown key, a wrong type and an unknown id are input errors with file, line, key and a suggestion."""
    (two_rubrics / "rubric.toml").write_text('# settings\ndefualt = "tiny"\nrubrics = "tiny"\n')
    code, out, err = run(capsys, "compare")
    assert code == 2 and out == ""
    assert "rubric.toml:2: [defualt] unknown key 'defualt'; did you mean 'default'?" in err
    assert "rubric.toml:3: [rubrics] expected a list of rubric ids (strings), found a string ('tiny')" in err
    (two_rubrics / "rubric.toml").write_text('rubrics = ["tiny", "narow"]\n')
    code, out, err = run(capsys, "validate")
    assert code == 1
    assert "rubric.toml:1: [rubrics[1]] no rubric has id 'narow'; did you mean 'narrow'?" in err


def test_project_file_ids_unchecked_for_rubrics_named_elsewhere(two_rubrics, capsys):
    """With --rubrics naming other files, ids of the project's rubrics that are not loaded are not errors."""
    (two_rubrics / "rubric.toml").write_text('rubrics = ["narrow", "tiny"]\n')
    code, out, err = run(capsys, "compare", "--rubrics", "rubrics/tiny.toml")
    assert code == 0, err


def test_not_applicable_in_one_line(two_rubrics, capsys):
    """Proposals a rubric does not apply to are one line under its first table, not rows of n/a."""
    code, out, _ = run(capsys, "compare", "--rubric", "narrow")
    assert "n/a: rubric 'narrow' does not apply to 2 proposals (no assessments for it): b, c." in out
    assert out.count("n/a:") == 1
    assert not any(line.startswith(("b ", "c ")) for line in out.splitlines())


def test_legend_once_per_rubric(project, capsys):
    """The schemes' legend is printed once per rubric, under the scores table."""
    code, out, _ = run(capsys, "compare")
    assert out.count("balanced: Balanced (weighted-sum)") == 1
    assert out.index("balanced: Balanced (weighted-sum)") < out.index("ranks by scheme")


def test_top_is_capped_at_half_the_proposals(project, capsys):
    """With 3 proposals, --top 3 would make every proposal both top and bottom: it is capped at 1, with a note."""
    code, out, _ = run(capsys, "compare", "--top", "3")
    assert "Top 1 everywhere" in out and "Top 3 everywhere" not in out
    assert "Top 3 was capped at 1, half of the 3 proposals, so that the top and the bottom never overlap." in out
    code, out, _ = run(capsys, "compare", "--top", "1")
    assert "capped" not in out


def test_methods_cross_only_the_selected_schemes(project, capsys):
    """--scheme balanced --methods topsis gives the columns balanced and balanced/topsis, not risk-first/topsis."""
    code, out, _ = run(capsys, "compare", "--scheme", "balanced", "--methods", "topsis")
    header = next(line for line in out.splitlines() if line.startswith("Proposal"))
    assert header.split() == ["Proposal", "balanced", "balanced/topsis"]


def test_methods_drop_crossings_identical_to_a_column(project, capsys):
    """A scheme 'worst' with balanced's weights and maximin makes balanced/maximin a duplicate: it is left out."""
    path = project / "rubrics" / "tiny.toml"
    path.write_text(
        path.read_text() + '\n[schemes.worst]\ntitle = "Worst"\nweights = { values = 1, risks = 1 }\naggregation = "maximin"\n'
    )
    code, out, err = run(capsys, "compare", "--methods", "maximin")
    assert code == 0, err
    header = next(line for line in out.splitlines() if line.startswith("Proposal"))
    assert header.split() == ["Proposal", "balanced", "risk-first", "worst", "risk-first/maximin"]


def test_first_screen_golden_opens_with_the_founding_rubric():
    """The shipped project file puts open-source-ai first; the golden first screen pins it."""
    first = (GOLDEN / "compare.txt").read_text().splitlines()[0]
    assert "(rubric 'open-source-ai', v1.0): scores by scheme" in first


def test_tables_fit_80_and_120_columns():
    """On a terminal of 80 or 120 columns no line is wider (but for a URL, never broken); numbers stay whole."""
    from rubric.engine import evaluate
    from rubric.loading import load_project
    from rubric.rendering import render

    project = load_project([REPO / "rubrics"], [REPO / "proposals"], autoload=False)
    for rubric in project.rubrics:
        evaluation = evaluate(rubric, project.proposals, registry=project.registry)
        tables = [*evaluation.compare().tables(), *evaluation.explain(evaluation.proposals[0].id).tables()]
        for width in (80, 120):
            text = render(tables, width=width)
            # A URL's column (and its rule line) may be wider: a URL is never broken.
            wide = [line for line in text.splitlines() if len(line) > width and set(line) != {"-", " "}]
            assert all(max(line.split(), key=len).startswith("http") for line in wide), (rubric.id, width, wide[:1])
            scores = evaluation.compare().scores_table()
            for row in scores.rows:
                for cell in row[1:]:
                    assert f"{cell:.3f}".replace("-0.000", "0.000") in text  # each number whole, on one line


def test_wide_table_splits_into_column_blocks():
    """Too wide even with prose wrapped, a table is split into blocks that each repeat the first column."""
    from rubric.components import Table
    from rubric.rendering import render

    table = Table("Wide", ("Proposal", *(f"scheme-{i}" for i in range(12))), (("p", *range(12)), ("q", *range(12))))
    text = render([table], width=60)
    assert max(len(line) for line in text.splitlines()) <= 60
    assert text.count("Proposal") >= 2 and "scheme-11" in text


def test_not_a_terminal_keeps_the_layout_whatever_COLUMNS_says():
    """Piped, `rubric compare` prints the golden layout even with COLUMNS=40."""
    env = {**os.environ, "COLUMNS": "40", "RUBRIC_DISABLE_PLUGIN_AUTOLOAD": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "rubric", "compare", "--rubric", "open-source-ai"], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert done.stdout == (GOLDEN / "compare-open-source-ai.txt").read_text()


def test_terminal_width_honours_COLUMNS(monkeypatch):
    """On a terminal, the width comes from shutil.get_terminal_size, which reads COLUMNS first."""
    from rubric import rendering

    monkeypatch.setenv("COLUMNS", "91")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    assert rendering.terminal_width() == 91
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    assert rendering.terminal_width() is None
