"""Bad sorting tables are located one-paragraph errors; `rubric sort` prints classes and their reasons."""

from __future__ import annotations

import json

import pytest

from loading.helpers import assert_located
from rubric.cli import main

RUBRIC = """id = "r"
title = "R"
version = "1"
rationale = "optional"
[scale]
min = 0
max = 10
labels = ["0", "10"]
[groups]
g = {{ title = "G" }}
[criteria]
x = {{ group = "g", title = "X" }}
y = {{ group = "g", title = "Y" }}
[schemes.s]
weights = {{ x = 3, y = 1 }}
[schemes.s.sorting]
{sorting}
"""

MR = 'method = "mr-sort"\nclasses = ["no", "maybe", "yes"]\n'
PROFILES = "profiles = {{ maybe = {{ x = {mx}, y = {my} }}, yes = {{ x = {yx}, y = 8 }} }}\n"
GOOD = PROFILES.format(mx=4, my=4, yx=8)
TRI = 'method = "electre-tri-b"\nclasses = ["no", "maybe", "yes"]\n' + GOOD


@pytest.mark.parametrize(
    ("sorting", "key", "words"),
    [
        (MR + PROFILES.format(mx=12, my=4, yx=8), "schemes.s.sorting.profiles.maybe.x", "outside it"),
        (MR + PROFILES.format(mx=9, my=4, yx=8), "schemes.s.sorting.profiles.yes.x",
         "expected the profile of 'yes' to dominate that of 'maybe'"),
        (MR + GOOD + "majority = 0.4", "schemes.s.sorting.majority", "from 0.5 to 1, found 0.4"),
        (MR + GOOD + "vetoes = { yes = { y = 9 } }", "schemes.s.sorting.vetoes.yes.y", "expected a veto below the profile"),
        ('method = "mr-sort"\nclasses = ["no", "no"]\n' + GOOD, "schemes.s.sorting.classes", "distinct class labels"),
        ('method = "mr-sort"\nclasses = ["no", "maybe", "yes"]\nprofiles = { maybe = { x = 4, y = 4 } }',
         "schemes.s.sorting.profiles", "found none for 'yes'"),
        ('method = "mr-sort"\nclasses = ["no", "maybe", "yes"]\nprofiles = { maybe = { x = 4 }, yes = { x = 8, y = 8 } }',
         "schemes.s.sorting.profiles.maybe", "found none for 'y'"),
        (TRI + "indifference = 2\npreference = 1", "schemes.s.sorting.preference", "expected indifference ≤ preference"),
        (TRI + "preference = { x = 3, y = 1 }\nveto = { x = 2 }", "schemes.s.sorting.veto.x", "expected preference ≤ veto"),
        (TRI + "cut = 1.5", "schemes.s.sorting.cut", "from 0.5 to 1, found 1.5"),
        ('method = "mr-srot"\nclasses = ["no", "yes"]', "schemes.s.sorting.method", "did you mean 'mr-sort'"),
        ('method = "thresholds"\nclasses = ["no", "yes"]\nbounds = { yes = 11 }', "schemes.s.sorting.bounds.yes", "on the scale"),
        ('classes = ["no", "yes"]', "schemes.s.sorting.method", "expected the method's name"),
    ],
)
def test_bad_sorting_is_located(tmp_path, capsys, sorting, key, words):
    """Each bad key: exit 2, one paragraph naming the file, the line and the key path, no traceback."""
    path = tmp_path / "r.toml"
    path.write_text(RUBRIC.format(sorting=sorting), encoding="utf-8")
    (tmp_path / "p").mkdir()
    assert main(["sort", "--rubrics", str(path), str(tmp_path / "p")]) == 2
    assert_located(capsys.readouterr().err, path, key, words)


PROPOSAL = """id = "{id}"
title = "{id}"
[assessments.r]
x = {{ score = {x} }}
y = {{ score = {y} }}
"""


def test_sort_prints_classes_and_reasons(tmp_path, capsys):
    """x weighs 0.75: (9, 0) reaches yes on x alone (0.75 ≥ 0.6); (5, 9) meets maybe on both, yes on y only (0.25)."""
    path = tmp_path / "r.toml"
    path.write_text(RUBRIC.format(sorting=MR + GOOD + "majority = 0.6"), encoding="utf-8")
    folder = tmp_path / "p"
    folder.mkdir()
    for pid, x, y in (("strong", 9, 0), ("middling", 5, 9), ("weak", 1, 9)):
        (folder / f"{pid}.toml").write_text(PROPOSAL.format(id=pid, x=x, y=y), encoding="utf-8")
    assert main(["sort", "--rubrics", str(path), str(folder), "--format", "json"]) == 0
    records = {r["proposal"]: r for r in json.loads(capsys.readouterr().out)["classes"]}
    assert {p: r["pessimistic"] for p, r in records.items()} == {"strong": "yes", "middling": "maybe", "weak": "no"}
    assert records["middling"]["criteria"] == "x" and records["weak"]["criteria"] == "x"


def test_sort_without_a_sorting_scheme_is_a_usage_error(tmp_path, capsys):
    """A rubric with no `sorting` table: exit 2 and a sentence saying so."""
    path = tmp_path / "r.toml"
    path.write_text(RUBRIC.format(sorting="").replace("[schemes.s.sorting]\n", ""), encoding="utf-8")
    (tmp_path / "p").mkdir()
    assert main(["sort", "--rubrics", str(path), str(tmp_path / "p")]) == 2
    assert "has a `sorting` table" in capsys.readouterr().err


def test_shipped_memo_classes(capsys):
    """The open-source-ai rubric's MR-Sort: the veto on china-misuse holds the weighted sum's first proposal to conditional."""
    assert main(["sort", "--rubric", "open-source-ai", "--no-plugin-autoload", "--format", "json"]) == 0
    records = {r["proposal"]: r for r in json.loads(capsys.readouterr().out)["classes"]}
    assert records["public-open-frontier-models"]["pessimistic"] == "conditional"
    assert records["public-open-frontier-models"]["criteria"] == "china-misuse"
    assert records["blanket-export-controls"]["pessimistic"] == "reject"
    assert records["security-audit-repository"]["pessimistic"] == "recommend"


def test_threshold_sorting_reads_the_rubrics_grades(tmp_path, capsys):
    """`thresholds` with neither classes nor bounds sorts by the [[grades]] bands, on their terms (per cent here).

    Totals with x weighing 3 and y 1 on 0…10: (9, 9) → 9 = 90 %, (6, 2) → 5 = 50 %, (1, 1) → 10 %;
    bands A from 80 %, B from 40 %, C from 0 → A, B, C.
    """
    text = RUBRIC.format(sorting='method = "thresholds"').replace(
        "[scale]", 'grade_on = "percent"\n' + "".join(
            f'[[grades]]\nlabel = "{label}"\nlower = {lower}\n' for label, lower in (("A", 80), ("B", 40), ("C", 0))
        ) + "[scale]", 1,
    )
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    folder = tmp_path / "p"
    folder.mkdir()
    for pid, x, y in (("top", 9, 9), ("mid", 6, 2), ("low", 1, 1)):
        (folder / f"{pid}.toml").write_text(PROPOSAL.format(id=pid, x=x, y=y), encoding="utf-8")
    assert main(["sort", "--rubrics", str(path), str(folder), "--format", "json"]) == 0, capsys.readouterr().err
    records = {r["proposal"]: r["pessimistic"] for r in json.loads(capsys.readouterr().out)["classes"]}
    assert records == {"top": "A", "mid": "B", "low": "C"}


def test_threshold_sorting_without_bounds_or_grades_is_located(tmp_path, capsys):
    """Neither bounds nor grade bands: one located paragraph at the sorting table."""
    path = tmp_path / "r.toml"
    path.write_text(RUBRIC.format(sorting='method = "thresholds"'), encoding="utf-8")
    (tmp_path / "p").mkdir()
    assert main(["sort", "--rubrics", str(path), str(tmp_path / "p")]) == 2
    err = capsys.readouterr().err
    assert "schemes.s.sorting" in err and "or grade bands in the rubric" in err, err


def test_electre_tri_prints_the_pessimistic_and_optimistic_pair(tmp_path, capsys):
    """Weights x 0.75, y 0.25; profiles maybe (4, 4), yes (8, 8); q = 0, p = 1, v = 5, λ = 0.75, by hand.

    strong (9, 0): vs maybe, x agrees (C = 0.75) and y is 4 below: d = (4 − 1)/(5 − 1) = 0.75, not
    above C → σ = 0.75 → outranks maybe; vs yes, y is 8 below → d = 1 → σ = 0.  Pessimistic maybe.
    Neither profile outranks it (σ(maybe, a) = 0: x is 5 below; σ(yes, a) = 0.25) → optimistic yes.
    weak (2, 9): vs maybe, C = 0.25 (y), d_x = 0.25 → σ = 0.25 → pessimistic no; maybe does not
    outrank it (y is 5 above: veto), yes does (σ = 0.75) and it does not outrank yes → optimistic maybe.
    middling (5, 2): σ(a, maybe) = 0.75 (d_y = 0.25) → maybe; σ(yes, a) = 1 → optimistic maybe.
    """
    sorting = TRI + "cut = 0.75\nindifference = 0\npreference = 1\nveto = 5"
    path = tmp_path / "r.toml"
    path.write_text(RUBRIC.format(sorting=sorting), encoding="utf-8")
    folder = tmp_path / "p"
    folder.mkdir()
    for pid, x, y in (("strong", 9, 0), ("weak", 2, 9), ("middling", 5, 2)):
        (folder / f"{pid}.toml").write_text(PROPOSAL.format(id=pid, x=x, y=y), encoding="utf-8")
    assert main(["sort", "--rubrics", str(path), str(folder), "--format", "json"]) == 0, capsys.readouterr().err
    pairs = {r["proposal"]: (r["pessimistic"], r["optimistic"]) for r in json.loads(capsys.readouterr().out)["classes"]}
    assert pairs == {"strong": ("maybe", "yes"), "weak": ("no", "maybe"), "middling": ("maybe", "maybe")}
    assert main(["sort", "--rubrics", str(path), str(folder)]) == 0
    assert "Pessimistic    Optimistic" in capsys.readouterr().out


def test_a_sorting_plugin_that_fails_is_named(tmp_path):
    """A third-party sorting method that raises, or returns too few assignments, is a PluginError naming the plugin."""
    import rubric
    from rubric import hookimpl
    from rubric.assignments import sort
    from rubric.components import Assignment, SortingMethod
    from rubric.discovery import create_registry
    from rubric.errors import PluginError
    from rubric.loading import load_project

    class Broken:
        __name__ = "broken-sorting"

        @hookimpl
        def rubric_sorting_methods(self):
            return [
                SortingMethod("raises", sort=lambda *a, **k: 1 / 0, params={"classes": None}),
                SortingMethod("short", sort=lambda *a, **k: [Assignment(0, 0)], params={"classes": None}),
            ]

    folder = tmp_path / "p"
    folder.mkdir()
    for pid in ("a", "b"):
        (folder / f"{pid}.toml").write_text(PROPOSAL.format(id=pid, x=1, y=2), encoding="utf-8")
    for name, words in (("raises", "failed while sorting the proposals"), ("short", "returned 1 assignments for 2 proposals")):
        path = tmp_path / f"{name}.toml"
        path.write_text(RUBRIC.format(sorting=f'method = "{name}"\nclasses = ["no", "yes"]'), encoding="utf-8")
        registry = create_registry(autoload=False, plugins=[Broken()])
        project = load_project([path], [folder], registry=registry)
        evaluation = rubric.evaluate(project.rubrics[0], project.proposals, registry=project.registry)
        with pytest.raises(PluginError, match=f"plugin broken-sorting .*{words}"):
            sort(evaluation)
