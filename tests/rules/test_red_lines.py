"""Red lines: exclude, flag and cap, on criteria, groups and single raters, shown in every table."""

from __future__ import annotations

import textwrap

import pytest
from tests.conftest import TINY_RUBRIC

import rubric
from rubric.cli import main


def evaluate(project, lines: str, scheme_lines: str = ""):
    """The tiny project (a: openness 2, progress 1, misuse -1; b: -1, 0, 2; c: 0, 0, 0) under red lines.

    Balanced totals by hand: a = (2+1)/2/2 + (-1)/2 = 0.25, b = -0.25 + 1 = 0.75, c = 0: ranks b, a, c.
    """
    text = TINY_RUBRIC.replace('version = "1.0"\n', f'version = "1.0"\nred_lines = [{lines}]\n', 1)
    if scheme_lines:
        risk_first = "weights = { values = 1, risks = 3 }"
        text = text.replace(risk_first, f"{risk_first}\nred_lines = [{scheme_lines}]")
    (project / "rubrics" / "tiny.toml").write_text(text)
    return rubric.evaluate(rubric.load_rubric("rubrics/tiny.toml"), rubric.load_proposals("proposals"))


def ranks(ev, scheme="balanced"):
    result = ev.result(scheme)
    return {p.id: str(r) for p, r in zip(ev.proposals, result.ranks)}


def test_without_red_lines_the_hand_computed_ranking(project):
    """The baseline the other tests change: b 1st (0.75), a 2nd (0.25), c 3rd (0)."""
    ev = evaluate(project, "")
    assert ranks(ev) == {"a": "2", "b": "1", "c": "3"}
    assert ev.result("balanced").totals == pytest.approx((0.25, 0.75, 0.0))


def test_exclude_takes_the_proposal_out_of_the_ranking(project):
    """a's misuse (-1) is below 0: a is not ranked, c moves up to 2nd."""
    ev = evaluate(project, '{ criterion = "misuse", below = 0, effect = "exclude" }')
    assert ranks(ev) == {"a": "excluded", "b": "1", "c": "2"}
    hit = ev.result("balanced").hits(0)[0]
    assert (hit.value, hit.bound, hit.by, hit.side) == (-1, 0, 1, "below")


def test_flag_keeps_the_rank_and_marks_it(project):
    """Flagged, a keeps rank 2 and shows '2!'."""
    ev = evaluate(project, '{ criterion = "misuse", below = 0, effect = "flag" }')
    assert ranks(ev) == {"a": "2!", "b": "1", "c": "3"}


def test_cap_caps_the_total(project):
    """Capped at -0.5, a's total 0.25 becomes -0.5, below c's 0: a drops to 3rd."""
    ev = evaluate(project, '{ criterion = "misuse", below = 0, effect = "cap", cap = -0.5 }')
    assert ev.result("balanced").totals[0] == -0.5
    assert ranks(ev) == {"a": "3!", "b": "1", "c": "2"}


def test_above_and_a_group_line(project):
    """b's risks group scores 2 under balanced, above 1.5: b is excluded; a line above on openness hits a (2 > 1.5)."""
    ev = evaluate(project, '{ group = "risks", above = 1.5 }, { criterion = "openness", above = 1.5, effect = "flag" }')
    assert ranks(ev) == {"a": "1!", "b": "excluded", "c": "2"}


def test_a_scheme_line_applies_under_that_scheme_only(project):
    """The risk-first scheme's own line excludes a there, not under balanced."""
    ev = evaluate(project, "", '{ criterion = "misuse", below = 0 }')
    assert ranks(ev)["a"] == "2"
    assert ranks(ev, "risk-first")["a"] == "excluded"


def test_any_rater_reads_each_raters_score(project):
    """Raters x (1) and y (-1.5) on c's misuse merge to -0.25: only the any-rater line is crossed, by y, by 0.5."""
    extra = textwrap.dedent("""
        [[assessments.tiny.misuse]]
        rater = "y"
        score = -1.5
        rationale = "Because."
    """)
    text = (project / "proposals" / "c.toml").read_text().replace("score = 0\n", "score = 0\n", 2)
    text = text.replace('[[assessments.tiny.misuse]]\nscore = 0\n', '[[assessments.tiny.misuse]]\nrater = "x"\nscore = 1\n')
    (project / "proposals" / "c.toml").write_text(text + extra)
    merged = evaluate(project, '{ criterion = "misuse", below = -1, effect = "flag" }')
    assert merged.result("balanced").hits(2) == ()
    ev = evaluate(project, '{ criterion = "misuse", below = -1, effect = "flag", on = "any-rater" }')
    (hit,) = ev.result("balanced").hits(2)
    assert (hit.rater, hit.value, hit.by) == ("y", -1.5, 0.5)


def test_tables_and_data_say_which_line(project, capsys):
    """score marks the rank and names the line; compare lists the exclusion per scheme; explain says by how much."""
    evaluate(project, '{ criterion = "misuse", below = 0, note = "misuse is a red line" }')
    assert main(["score"]) == 0
    out = capsys.readouterr().out
    assert "excluded" in out and "misuse -1 below 0 (by 1): exclude" in out and "misuse is a red line" in out
    assert main(["compare"]) == 0
    out = capsys.readouterr().out
    assert "Excluded under 'balanced': a." in out and "Excluded under 'risk-first': a." in out
    assert main(["explain", "a"]) == 0
    assert "Red line under 'balanced': misuse -1 below 0 (by 1): exclude." in capsys.readouterr().out
    assert main(["score", "--format", "json"]) == 0
    import json

    records = json.loads(capsys.readouterr().out)["scores"]
    rank_a = next(r for r in records if r["proposal"] == "a" and r["measure"] == "rank" and r["scheme"] == "balanced")
    assert rank_a["value"] is None and rank_a["red_lines"] == ["misuse -1 below 0 (by 1): exclude"]


def test_a_crossing_is_described_at_the_tables_three_decimals():
    """A merged value of -14/9 past -1 (blanket controls' ideological values) reads as the score tables show it.

    -14/9 = -1.5556 → "-1.556"; by -1 - (-14/9) = 5/9 = 0.5556 → "0.556"; a cap of 0.25 stays "0.25".
    """
    from rubric.model import RedLine
    from rubric.redlines import Hit

    flag = Hit(RedLine("ideological", below=-1, effect="flag"), -14 / 9, "below")
    assert flag.describe() == "ideological -1.556 below -1 (by 0.556): flag"
    cap = Hit(RedLine("misuse", above=1, effect="cap", cap=0.25), 2.0, "above", rater="analyst-b")
    assert cap.describe() == "misuse 2 above 1 (by 1, rater 'analyst-b'): cap at 0.25"
