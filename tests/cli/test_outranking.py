"""Outranking schemes from the command line: bad thresholds are located problems; partial orders reach JSON."""

from __future__ import annotations

import json

import pytest

from conftest import REPO, tiny_proposal
from rubric.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _with_aggregation(project, aggregation: str):
    path = project / "rubrics" / "tiny.toml"
    path.write_text(path.read_text().replace('title = "Balanced"', f'title = "Balanced"\naggregation = {aggregation}'))
    return path


def test_bad_thresholds_are_located_problems(project, capsys):
    """q > p, p > v, a negative threshold and an unknown criterion: one located paragraph each, exit 2."""
    path = _with_aggregation(
        project,
        '{ method = "electre-iii", thresholds = { q = 1, p = 0.5 }, '
        "per_criterion = { misuse = { p = 1, v = 0.5 }, openness = { q = -1 }, misuze = { q = 0 } } }",
    )
    code, out, err = run(capsys, "score")
    assert code == 2 and "Traceback" not in err
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "electre-iii" in text)
    for key, found in [
        ("schemes.balanced.aggregation.thresholds.q", "got q=1 > p=0.5"),
        ("schemes.balanced.aggregation.per_criterion.misuse.v", "got p=1 > v=0.5"),
        ("schemes.balanced.aggregation.per_criterion.openness.q", "at least 0 (in scale units), got -1"),
        ("schemes.balanced.aggregation.per_criterion.misuze", "no criterion 'misuze' in this rubric"),
    ]:
        paragraph = next(p for p in err.split("\n\n") if key in p)
        assert str(path.name) in paragraph and found in paragraph and f":{line}" in paragraph


def test_incomparable_pairs_reach_the_data_output(project, capsys):
    """PROMETHEE I on the tiny proposals plus d = (−2, −2, 0): a ∥ c, beside PROMETHEE II's ranking.

    Weights ¼, ¼, ½ (openness, progress, misuse), usual.  Sums of π out and in:
    a 1.5 and 1.5; b 2 and ¾; c 1.25 and 1 (c over d on openness and progress,
    ¼ each); d ½ and 2.  Over n − 1 = 3: a has the larger φ⁺ (0.5 against 0.417)
    and the larger φ⁻ (0.5 against 0.333) than c, so a ∥ c; b is ahead of all on
    both flows, d behind all.  Net flows 0, 5/12, 1/12, −1/2 on −2…2 (2φ):
    0, 0.833, 0.167, −1 — PROMETHEE II puts c above a, PROMETHEE I does not.
    """
    (project / "proposals" / "d.toml").write_text(tiny_proposal("d", -2, -2, 0))
    _with_aggregation(project, '"promethee-i"')
    code, out, err = run(capsys, "score", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    scores = {r["proposal"]: r["value"] for r in data["scores"] if r["measure"] == "score" and r["group"] is None}
    assert scores == pytest.approx({"a": 0.0, "b": 5 / 6, "c": 1 / 6, "d": -1.0})
    assert data["incomparable"] == [
        {"rubric": "tiny", "scheme": "balanced", "method": "promethee-i", "proposal_a": "a", "proposal_b": "c"}
    ]
    jsonschema = pytest.importorskip("jsonschema")
    for command in ("score", "compare"):
        code, out, err = run(capsys, command, "--format", "json")
        schema = json.loads((REPO / "docs" / "schema" / f"output-{command}.schema.json").read_text())
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(out))) == []
    code, out, err = run(capsys, "score")
    assert "Incomparable under 'balanced': 1 pair" in out and "pairs left incomparable" in out
