"""Missing data: "unknown" and "not-applicable" ratings, the missing rules, coverage, min_coverage.

The tiny rubric (tests/conftest.py) weighs openness and progress 1/4 each and
misuse 1/2 under ``balanced`` (values = 1, risks = 1, equal within values).
Proposal d leaves openness unknown, with progress 1 and misuse 0; a, b and c
rate openness 2, −1 and 0.  Each expected score below is worked by hand.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rubric
from conftest import tiny_proposal
from loading.helpers import edit, validate
from rubric.cli import main
from rubric.components import Property
from rubric.errors import UnknownNameError
from rubric.model import Criterion, Group, MethodChoice, Proposal, Rating, Rubric, Scale, Scheme


def with_d(project, openness='"unknown"', rule=None, extra=""):
    (project / "proposals" / "d.toml").write_text(tiny_proposal("d", openness, 1, 0))
    if rule:
        edit(project / "rubrics" / "tiny.toml", 'version = "1.0"', f'version = "1.0"\nmissing = "{rule}"\n{extra}')
    rub = rubric.load_rubric("rubrics/tiny.toml", autoload=False)
    return rubric.evaluate(rub, rubric.load_proposals("proposals"), strict=False)


def d_score(evaluation, scheme="balanced"):
    return evaluation.result(scheme).scores[evaluation.proposal_index("d")]


@pytest.mark.parametrize(
    "rule, expected",
    [
        # renormalised: progress and misuse 1/2 each → 0.5·1 + 0.5·0 = 0.5
        ("reweight", 0.5),
        # openness = −2: 0.25·(−2) + 0.25·1 + 0.5·0 = −0.25
        ("worst", -0.25),
        # openness = 0: 0.25·0 + 0.25 = 0.25
        ("midpoint", 0.25),
        # openness = mean(2, −1, 0) = 1/3: 0.25/3 + 0.25 = 0.3333
        ("impute-mean", 0.25 / 3 + 0.25),
        # openness = midpoint 0 with the whole scale as interval: 0.25
        ("interval", 0.25),
    ],
)
def test_each_rule_fills_the_gap_as_stated(project, rule, expected):
    """Each rule gives the hand-computed score, and the filled value says its gap and rule."""
    ev = with_d(project, rule=rule)
    assert d_score(ev) == pytest.approx(expected)
    cell = ev.values[ev.proposal_index("d")][0]
    assert (cell.gap, cell.rule) == ("unknown", rule)


def test_reweight_renormalises_siblings_under_risk_first(project):
    """Under risk-first (values 1, risks 3): openness dropped, progress takes 1/4 → 0.25·1 + 0.75·0 = 0.25."""
    assert d_score(with_d(project, rule="reweight"), "risk-first") == pytest.approx(0.25)


def test_interval_rule_gives_smaa_the_whole_scale(project):
    """The interval rule sets low/high to the scale's ends, which is what SMAA samples."""
    ev = with_d(project, rule="interval")
    cell = ev.values[ev.proposal_index("d")][0]
    assert (cell.low, cell.score, cell.high) == (-2, 0, 2)


def test_not_applicable_is_reweighted_even_under_error(project):
    """A not-applicable rating is dropped and its siblings renormalised, whatever the rule: d scores 0.5."""
    ev = with_d(project, openness='"not-applicable"')
    assert d_score(ev) == pytest.approx(0.5) and ev.coverage(ev.proposal_index("d")) == (2, 2)
    assert ev.values[ev.proposal_index("d")][0].rule == "reweight"


def test_error_rule_leaves_the_proposal_unscored_and_scores_the_others(project, capsys):
    """With missing = "error" (the default), score lists d as not scored with the reason; a, b, c are ranked."""
    (project / "proposals" / "d.toml").write_text(tiny_proposal("d", '"unknown"', 1, 0))
    assert main(["score"]) == 0
    out = capsys.readouterr().out
    assert "not scored: d: unknown: openness (analyst: Because.); rule missing = \"error\"" in out
    assert all(f"| {pid} " in out or f" {pid} " in out for pid in "abc")
    assert "| d " not in out


def test_missing_assessment_no_longer_stops_the_run(project, capsys):
    """A criterion left unassessed: the proposal is not scored, with the reason, every other one is."""
    text = (project / "proposals" / "a.toml").read_text()
    (project / "proposals" / "a.toml").write_text(text[: text.index("[[assessments.tiny.misuse]]")])
    assert main(["compare"]) == 0
    assert "not scored: a: unknown: misuse (not assessed)" in capsys.readouterr().out


def test_nothing_scored_is_a_located_error(project, capsys):
    """When no proposal can be scored there is no table: exit 2 with the located gap."""
    for pid in "bc":
        (project / "proposals" / f"{pid}.toml").unlink()
    text = (project / "proposals" / "a.toml").read_text()
    (project / "proposals" / "a.toml").write_text(text[: text.index("[[assessments.tiny.misuse]]")])
    assert main(["score"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "proposals/a.toml" in captured.err and "[assessments.tiny]" in captured.err


def test_coverage_is_shown_and_explain_names_the_rule(project):
    """d's row reads "d [2/3]"; explain marks the filled value with its gap and rule."""
    ev = with_d(project, rule="midpoint")
    table = ev.table("balanced")
    assert any(row[1] == "d [2/3]" for row in table.rows) and any("[assessed/applicable]" in n for n in table.notes)
    about = dict(ev.explain("d").about_table().rows)
    assert about["coverage"] == "2/3 criteria assessed of those that apply"
    criteria = ev.explain("d").criteria_table()
    assert criteria.rows[0][3] == "unknown, filled by rule midpoint"
    ratings = ev.explain("d").ratings_table()
    assert ratings.rows[0][1] == "unknown: rule midpoint" and "rule midpoint: the midpoint of the scale, 0" in ratings.rows[0][5]


def test_min_coverage_leaves_a_thin_proposal_unscored(project):
    """With min_coverage = 0.9, d (2 of 3 assessed) is not scored, with the reason; a, b, c still are."""
    ev = with_d(project, rule="reweight", extra="min_coverage = 0.9")
    assert [u.proposal.id for u in ev.unscored] == ["d"]
    assert ev.unscored[0].reason == "coverage 2/3 is below the rubric's min_coverage 0.9"
    assert [p.id for p in ev.proposals] == ["a", "b", "c"]
    with pytest.raises(UnknownNameError, match="coverage 2/3"):
        ev.explain("d")


def test_validate_reports_the_gap_only_under_error(project, capsys):
    """validate reports an unknown value under missing = "error", and accepts it under a filling rule."""
    (project / "proposals" / "d.toml").write_text(tiny_proposal("d", '"unknown"', 1, 0))
    code, err = validate(capsys)
    assert code == 1 and "[assessments.tiny.openness] criterion 'openness' is unknown" in err
    edit(project / "rubrics" / "tiny.toml", 'version = "1.0"', 'version = "1.0"\nmissing = "midpoint"')
    assert validate(capsys)[0] == 0


@pytest.mark.parametrize(
    "line, key, words",
    [
        ('missing = "rewieght"', "missing", "unknown missing rule 'rewieght'; did you mean 'reweight'?"),
        ("min_coverage = 1.5", "min_coverage", "expected a share of the criteria from 0 to 1, found 1.5"),
    ],
)
def test_bad_rubric_keys_are_located(project, capsys, line, key, words):
    """An unknown rule or a min_coverage outside 0…1 is a one-paragraph error at its line."""
    edit(project / "rubrics" / "tiny.toml", 'version = "1.0"', f'version = "1.0"\n{line}')
    code, err = validate(capsys)
    assert code != 0 and f"rubrics/tiny.toml:5: [{key}] {words}" in err


def test_a_scheme_names_its_own_rule(project):
    """A scheme's missing overrides the rubric's: balanced fills by worst (−0.25), risk-first by the rubric's midpoint."""
    edit(project / "rubrics" / "tiny.toml", 'title = "Balanced"', 'title = "Balanced"\nmissing = "worst"')
    ev = with_d(project, rule="midpoint")
    assert d_score(ev) == pytest.approx(-0.25)
    # risk-first: openness 0 → 0.125·0 + 0.125·1 + 0.75·0 = 0.125
    assert d_score(ev, "risk-first") == pytest.approx(0.125)


def test_gap_rating_with_interval_is_refused(project, capsys):
    """A rating of "unknown" cannot also give low/high."""
    (project / "proposals" / "d.toml").write_text(tiny_proposal("d", '"unknown"\nlow = -1', 1, 0))
    code, err = validate(capsys)
    assert code != 0 and 'a score of "unknown" has no interval' in err


# --- the property: a gap on a zero-weight criterion changes nothing ---------------------

REGISTRY = rubric.create_registry(autoload=False)
ZERO_WEIGHT_METHODS = sorted(
    m.name
    for m in REGISTRY.components["aggregation method"].values()
    if Property.ZERO_WEIGHT_IRRELEVANCE in m.properties
)
SCALE = Scale(-2, 2, ("bad", "neutral", "good"))
RUB = Rubric(
    "r",
    "R",
    "1",
    SCALE,
    (Group("g", "G"), Group("h", "H")),
    tuple(Criterion(c, g, c) for c, g in (("x", "g"), ("y", "g"), ("z", "h"))),
    (),
    missing="reweight",
)
cell = st.integers(-8, 8).map(lambda n: n / 4)


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(st.tuples(cell, cell, cell), min_size=2, max_size=5),
    wx=st.integers(1, 5),
    wz=st.integers(1, 5),
    method=st.sampled_from(ZERO_WEIGHT_METHODS),
)
def test_reweight_on_a_zero_weight_criterion_scores_as_if_complete(rows, wx, wz, method):
    """Under missing = "reweight", proposal 0 missing y (weight 0) gets the score it has when y is known."""
    scheme = Scheme("s", "S", MethodChoice("direct", {"weights": {"g": 1, "h": wz, "x": wx, "y": 0}}), MethodChoice(method))
    rub = attrs.evolve(RUB, schemes=(scheme,))

    def proposal(i, row, gap=False):
        ratings = {c: (Rating("r", v),) for c, v in zip("xyz", row)}
        if gap:
            ratings["y"] = (Rating("r", None, gap="unknown"),)
        return Proposal(f"p{i}", "P", assessments={"r": ratings})

    complete = rubric.evaluate(rub, [proposal(i, r) for i, r in enumerate(rows)], registry=REGISTRY)
    gapped = rubric.evaluate(rub, [proposal(i, r, gap=i == 0) for i, r in enumerate(rows)], registry=REGISTRY)
    assert gapped.result().scores == pytest.approx(complete.result().scores)
    assert gapped.values[0][1].gap == "unknown"



@pytest.mark.parametrize("command", ["score", "compare", "explain"])
def test_json_with_gaps_matches_the_output_schema(project, capsys, command):
    """Data outputs with a filled gap and a proposal not scored still satisfy docs/schema/output-COMMAND.schema.json."""
    import json

    from cli.test_data_output import schema_errors

    edit(project / "rubrics" / "tiny.toml", 'version = "1.0"', 'version = "1.0"\nmissing = "midpoint"\nmin_coverage = 0.9')
    (project / "proposals" / "d.toml").write_text(tiny_proposal("d", '"unknown"', 1, 0))
    (project / "proposals" / "e.toml").write_text(tiny_proposal("e", 1, '"not-applicable"', 0))
    argv = ["explain", "e"] if command == "explain" else [command]
    assert main([*argv, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert schema_errors(command, data) == []
    if command == "score":
        assert {"proposal": "d", "reason": "coverage 2/3 is below the rubric's min_coverage 0.9"}.items() <= next(
            r for r in data["scores"] if r["proposal"] == "d"
        ).items()
