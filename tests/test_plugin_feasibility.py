"""The computed criteria of plugins/feasibility.py and the shipped feasibility rubric."""

from __future__ import annotations

import importlib.util
import itertools
import math
import sys
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from rubric.cli import main
from rubric.criteria import value_function
from rubric.engine import evaluate
from rubric.errors import InputError
from rubric.loading import load_project
from rubric.model import Criterion, Group, Proposal, Rubric, Scale
from rubric.testing import scales

REPO = Path(__file__).resolve().parents[1]
PLUGIN = REPO / "plugins" / "feasibility.py"


def _import_plugin():
    spec = importlib.util.spec_from_file_location("feasibility_under_test", PLUGIN)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


feasibility = _import_plugin()
KINDS = {kind.name: kind for kind in feasibility.KINDS}

#: Facts under which every kind has what it needs: the blanket export controls.
BLANKET = dict(
    mechanism="export-control",
    mandatory=True,
    restricts_publication=True,
    scope="all-open-models",
    substitutes="many",
    enforcement_reach="domestic",
    cost_usd=100_000_000,
    months_to_effect=6,
)


def make_rubric(low: float = -2, high: float = 2, scale: Scale | None = None) -> Rubric:
    labels = ("very poor", "poor", "neutral", "good", "very good")
    return Rubric(
        id="test",
        title="Test",
        version="1",
        scale=scale or Scale(low, high, labels),
        groups=(Group("g", "G"),),
        criteria=(),
        schemes=(),
        path=Path("rubrics/test.toml"),
    )


def value(kind: str, facts: dict, params: dict | None = None, scale: tuple | Scale = (-2, 2)):
    criterion = Criterion(id=f"c-{kind}", group="g", title=kind, kind=kind, params=params or {})
    proposal = Proposal(id="p", title="P", facts=facts, path=Path("proposals/p.toml"))
    rubric = make_rubric(scale=scale) if isinstance(scale, Scale) else make_rubric(*scale)
    return KINDS[kind].score(criterion, proposal, rubric)


def problems(kind: str, facts: dict, params: dict | None = None) -> list:
    with pytest.raises(InputError) as raised:
        value(kind, facts, params)
    return list(raised.value.problems)


# --- the shipped rubric and proposals ------------------------------------------------


def test_every_shipped_proposal_scores_under_the_feasibility_rubric():
    """All proposals in proposals/ carry the facts the rubric reads; values on the scale, with notes."""
    project = load_project([REPO / "rubrics" / "feasibility.toml"], [REPO / "proposals"], autoload=False)
    rubric = project.rubrics[0]
    ev = evaluate(rubric, project.proposals, registry=project.registry)
    assert not ev.not_applicable, "a rubric of computed criteria applies to every proposal"
    assert len(ev.proposals) == len(list((REPO / "proposals").glob("*.toml")))
    for proposal, row in zip(ev.proposals, ev.values):
        for criterion, v in zip(rubric.criteria, row):
            assert rubric.scale.contains(v.score), (proposal.id, criterion.id)
            assert " = " in v.note, f"the note of {criterion.id} for {proposal.id} does not show its facts"


def test_feasibility_rubric_has_schemes_with_titles_and_descriptions():
    """At least three schemes, each explained; only computed criteria."""
    project = load_project([REPO / "rubrics" / "feasibility.toml"], autoload=False)
    rubric = project.rubrics[0]
    assert rubric.id == "feasibility"
    assert len(rubric.schemes) >= 3
    assert all(s.title and s.description.strip() for s in rubric.schemes)
    assert {c.kind for c in rubric.criteria} == set(KINDS) | {"value-function"}  # time to effect: a built-in curve
    assert [g.id for g in rubric.top_groups] == ["legal", "practical"]


def test_explain_shows_how_legal_durability_was_computed(monkeypatch, capsys):
    """`rubric explain` prints the note: the facts read and the Bernstein caveat."""
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("RUBRIC_DISABLE_PLUGIN_AUTOLOAD", "1")
    code = main(["explain", "blanket-export-controls", "--rubric", "feasibility", "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0
    assert "restricts_publication = true" in out
    assert "persuasive, not binding" in out


# --- value functions ------------------------------------------------------------------


def test_blanket_export_controls_take_the_bottom_of_the_legal_and_practical_scales():
    """Binding, publication-restraining, all open models, many substitutes, domestic: the worst case."""
    for kind in ("legal-durability", "proportionality", "circumvention"):
        assert value(kind, BLANKET).score == pytest.approx(-2), kind
    assert "Bernstein" in value("legal-durability", BLANKET).note
    assert "176 F.3d 1132" in value("legal-durability", BLANKET).note


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (dict(mandatory=False), 2.0),  # binds no one
        (dict(restricts_publication=False), 2 - 0.25 * 4),  # ordinary binding rule
        (dict(scope="dangerous-capability"), 2 - (0.25 + 0.75 * 0.4) * 4),  # narrowly tailored
        (dict(mechanism="pre-release-testing", scope="frontier-models"), 2 - (0.25 + 0.75 * 0.8 * 0.7) * 4),
        (dict(mechanism="monitoring"), 2 - (0.25 + 0.75 * 0.6) * 4),  # any other mechanism
    ],
)
def test_legal_durability_values(facts, expected):
    """Exposure 0 if voluntary, binding_exposure if it restrains nothing, more for a prior restraint."""
    assert value("legal-durability", {**BLANKET, **facts}).score == pytest.approx(expected)


def test_legal_durability_binding_exposure_param():
    """binding_exposure sets the exposure of a binding rule that restrains no publication."""
    v = value("legal-durability", {**BLANKET, "restricts_publication": False}, {"binding_exposure": 0.5})
    assert v.score == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("scope", "mandatory", "expected"),
    [
        ("all-open-models", True, -2.0),
        ("all-open-models", False, 0.0),
        ("frontier-models", True, 0.0),
        ("frontier-models", False, 1.0),
        ("dangerous-capability", True, 2 - 0.2 * 4),
        ("none", True, 2.0),
    ],
)
def test_proportionality_values(scope, mandatory, expected):
    """Breadth of scope, halved for a voluntary measure."""
    assert value("proportionality", {"scope": scope, "mandatory": mandatory}).score == pytest.approx(expected)


def test_proportionality_breadth_override():
    """A rubric may state its own breadth for a scope."""
    v = value("proportionality", {"scope": "frontier-models", "mandatory": True}, {"breadth": {"frontier-models": 0.75}})
    assert v.score == pytest.approx(-1.0)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (dict(substitutes="some"), 2 - 0.6 * 4),
        (dict(substitutes="few", enforcement_reach="multilateral"), 2 - 0.25 * 0.4 * 4),
        (dict(enforcement_reach="allied"), 2 - 0.6 * 4),
        (dict(restricts_publication=False), 2 - 0.6 * 4),  # acts before publication
        (dict(substitutes="not-applicable", restricts_publication=False, mechanism="public-funding"), 2.0),
    ],
)
def test_circumvention_values(facts, expected):
    """Leakage = substitutes × reach × channel; nothing to route around scores the top."""
    assert value("circumvention", {**BLANKET, **facts}).score == pytest.approx(expected)


@pytest.mark.parametrize(
    "facts",
    [dict(substitutes="not-applicable"), dict(substitutes="not-applicable", restricts_publication=False)],
)
def test_circumvention_refuses_not_applicable_substitutes_for_a_restriction(facts):
    """'not-applicable' substitutes contradict a publication restraint or a licence regime."""
    found = problems("circumvention", {**BLANKET, **facts})
    assert [p.key for p in found] == ["facts.substitutes"]
    assert "'many', 'some', 'few'" in found[0].message


@pytest.mark.parametrize(
    ("cost", "expected"),
    [(0, 2.0), (1e5, 2.0), (1e6, 2.0), (1e7, 1.0), (1e8, 0.0), (1e10, -2.0), (1e12, -2.0)],
)
def test_fiscal_cost_is_logarithmic_between_anchors(cost, expected):
    """Each tenfold increase costs a quarter of the scale between $1M and $10B, clamped."""
    assert value("fiscal-cost", {"cost_usd": cost}).score == pytest.approx(expected)


def test_fiscal_cost_anchor_params():
    """best_usd and worst_usd move the anchors."""
    assert value("fiscal-cost", {"cost_usd": 1e4}, {"best_usd": 1e3, "worst_usd": 1e5}).score == pytest.approx(0.0)


def time_to_effect(months, **params):
    """The shipped rubric's time-to-effect value (a built-in value function), params overridden."""
    shipped = load_project([REPO / "rubrics" / "feasibility.toml"], []).rubrics[0]
    criterion = shipped.criterion("time-to-effect")
    criterion = Criterion(criterion.id, "g", criterion.title, kind=criterion.kind, params={**criterion.params, **params})
    proposal = Proposal(id="p", title="P", facts={"months_to_effect": months}, path=Path("proposals/p.toml"))
    return value_function.KIND.score(criterion, proposal, make_rubric())


@pytest.mark.parametrize(("months", "expected"), [(0, 2.0), (6, 1.6), (30, 0.0), (60, -2.0), (120, -2.0)])
def test_time_to_effect_is_linear_between_anchors(months, expected):
    """0 months is the top, 60 the bottom, linear in between, clamped."""
    assert time_to_effect(months).score == pytest.approx(expected)


def test_time_to_effect_anchor_params():
    """The goalposts (min and max months) move the anchors."""
    assert time_to_effect(18, min=12, max=24).score == pytest.approx(0.0)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_values_follow_the_rubric_scale(kind):
    """On a 0…10 scale every kind lands at the same share of the scale as on -2…2."""
    narrow = value(kind, BLANKET).score
    wide = value(kind, BLANKET, scale=(0, 10)).score
    assert (wide - 0) / 10 == pytest.approx((narrow + 2) / 4)


@given(
    scales(),
    st.sampled_from(sorted(KINDS)),
    st.sampled_from([0, 1, 5, 30, 100]),
    st.sampled_from([0, 1e6, 3e7, 1e10, 1e12]),
)
def test_values_land_on_every_scale(scale, kind, months, cost):
    """On any scale rubric.testing draws, each kind's value is on it, at the share it has on -2…2."""
    facts = {**BLANKET, "months_to_effect": months, "cost_usd": cost}
    share = (value(kind, facts).score + 2) / 4
    here = value(kind, facts, scale=scale).score
    assert scale.contains(here)
    assert (here - scale.min) / (scale.max - scale.min) == pytest.approx(share)


CATEGORICAL = dict(
    mechanism=feasibility.MECHANISMS,
    mandatory=(True, False),
    restricts_publication=(True, False),
    scope=feasibility.SCOPES,
    substitutes=feasibility.SUBSTITUTES,
    enforcement_reach=feasibility.REACHES,
)


def every_combination():
    keys = list(CATEGORICAL)
    for combination in itertools.product(*CATEGORICAL.values()):
        yield {**BLANKET, **dict(zip(keys, combination))}


def test_every_combination_of_categorical_facts_lands_on_the_scale():
    """All 1,920 combinations: each kind returns a finite value on the scale, or refuses the facts."""
    scale = make_rubric().scale
    for facts in every_combination():
        for kind in ("legal-durability", "proportionality", "circumvention"):
            try:
                v = value(kind, facts)
            except InputError as error:
                assert kind == "circumvention" and facts["substitutes"] == "not-applicable", error
                continue
            assert math.isfinite(v.score) and scale.contains(v.score)


def test_binding_and_restraining_never_improve_legal_durability():
    """Making a measure mandatory, or making it restrain publication, never raises the value."""
    for facts in every_combination():
        here = value("legal-durability", facts).score
        if facts["mandatory"]:
            assert value("legal-durability", {**facts, "mandatory": False}).score >= here
        if facts["restricts_publication"]:
            assert value("legal-durability", {**facts, "restricts_publication": False}).score >= here


def test_broader_scope_is_never_more_proportionate():
    """Breadth order all-open-models > frontier-models > dangerous-capability > none, for either mandatory."""
    for mandatory in (True, False):
        scores = [value("proportionality", {"scope": s, "mandatory": mandatory}).score for s in feasibility.SCOPES]
        assert scores == sorted(scores)


def test_more_substitutes_never_make_a_measure_harder_to_evade():
    """Fewer substitutes: at least as high a value, whatever the reach and channel."""
    for reach, restricts in itertools.product(feasibility.REACHES, (True, False)):
        facts = {**BLANKET, "enforcement_reach": reach, "restricts_publication": restricts}
        scores = [value("circumvention", {**facts, "substitutes": s}).score for s in ("many", "some", "few")]
        assert scores == sorted(scores)


@given(st.floats(0, 1e13), st.floats(0, 1e13))
def test_fiscal_cost_never_rewards_spending_more(a, b):
    """Higher cost, never a higher value; always on the scale."""
    low, high = sorted((a, b))
    v_low, v_high = value("fiscal-cost", {"cost_usd": low}).score, value("fiscal-cost", {"cost_usd": high}).score
    assert -2 <= v_high <= v_low <= 2


@given(st.floats(0, 1000), st.floats(0, 1000))
def test_time_to_effect_never_rewards_delay(a, b):
    """Later effect, never a higher value; always on the scale."""
    early, late = sorted((a, b))
    assert -2 <= time_to_effect(late).score <= time_to_effect(early).score <= 2


# --- missing and unexpected facts --------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_missing_facts_are_errors_naming_each_fact(kind):
    """With no facts at all, the error lists every fact the kind reads, in the proposal file."""
    found = problems(kind, {})
    assert found and all(p.key.startswith("facts.") for p in found)
    assert all(str(p.path) == "proposals/p.toml" for p in found)
    assert all(f"'c-{kind}'" in p.message and "found nothing" in p.message for p in found)
    assert all(p.key[len("facts."):] in BLANKET for p in found)


def test_missing_fact_lists_expected_values():
    """The message for a missing categorical fact lists the values it may take."""
    (problem,) = problems("proportionality", {"mandatory": True})
    assert problem.key == "facts.scope"
    assert "'all-open-models', 'frontier-models', 'dangerous-capability', 'none'" in problem.message
    assert "missing = <value>" in problem.message


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_declared_default_is_used_and_stated(kind):
    """With missing = 0 a proposal without the facts gets 0 and the note says so."""
    v = value(kind, {}, {"missing": 0})
    assert v.score == 0
    assert "default" in v.note and "missing = 0" in v.note


def test_declared_default_off_the_scale_names_the_rubric_param():
    """A default off the rubric's scale is the rubric's error, at criteria.<id>.params.missing."""
    found = problems("fiscal-cost", {}, {"missing": 7})
    assert found[0].key == "criteria.c-fiscal-cost.params.missing"
    assert str(found[0].path) == "rubrics/test.toml"


@pytest.mark.parametrize(
    ("kind", "fact", "bad", "words"),
    [
        ("proportionality", "scope", "frontier", ["did you mean 'frontier-models'", "found a string ('frontier')"]),
        ("proportionality", "mandatory", "yes", ["true or false", "found a string ('yes')"]),
        ("legal-durability", "mechanism", "export-controls", ["did you mean 'export-control'"]),
        ("circumvention", "enforcement_reach", "global", ["'domestic', 'allied', 'multilateral'"]),
        ("fiscal-cost", "cost_usd", -5, ["a number >= 0", "found a number (-5)"]),
        ("fiscal-cost", "cost_usd", "1e8", ["a number >= 0", "found a string"]),
    ],
)
def test_unexpected_fact_values_name_fact_expected_and_found(kind, fact, bad, words):
    """A fact with the wrong value or type: one problem naming it, the expected values, the value found."""
    found = problems(kind, {**BLANKET, fact: bad})
    assert [p.key for p in found] == [f"facts.{fact}"]
    for word in words:
        assert word in found[0].message


@pytest.mark.parametrize(("bad", "words"), [(float("nan"), ["a number (months)"]), (True, ["a number", "found a boolean"])])
def test_unexpected_time_to_effect_names_fact_expected_and_found(bad, words):
    """The value function refuses a months_to_effect that is not a finite number, at the fact."""
    with pytest.raises(InputError) as raised:
        time_to_effect(bad)
    assert [p.key for p in raised.value.problems] == ["facts.months_to_effect"]
    for word in words:
        assert word in raised.value.problems[0].message


@pytest.mark.parametrize(
    ("params", "key", "words"),
    [({"max": 0}, "max", "expected max greater than min (0), found 0"), ({"min": 70}, "max", "greater than min (70)")],
)
def test_time_to_effect_goalposts_are_checked(params, key, words):
    """Goalposts that do not rise are refused at their key, like the old best/worst months."""
    shipped = load_project([REPO / "rubrics" / "feasibility.toml"], []).rubrics[0]
    found = value_function.check_params({**shipped.criterion("time-to-effect").params, **params}, shipped)
    assert any(k == key and words in message for k, message in found), found


def test_unexpected_value_is_an_error_even_with_a_default():
    """A declared default covers a missing fact, never a misspelled one."""
    found = problems("proportionality", {"scope": "everything"}, {"missing": 0})
    assert {p.key for p in found} == {"facts.scope", "facts.mandatory"}


def test_bad_fact_from_the_command_line(tmp_path, monkeypatch, capsys):
    """`rubric score` with a misspelled fact: exit 2, the file and fact named, nothing on stdout."""
    (tmp_path / "proposals").mkdir()
    text = (REPO / "proposals" / "blanket-export-controls.toml").read_text(encoding="utf-8")
    bad = text.replace('scope = "all-open-models"', 'scope = "all-models"')
    assert bad != text
    (tmp_path / "proposals" / "bad.toml").write_text(bad, encoding="utf-8")
    monkeypatch.setenv("RUBRIC_DISABLE_PLUGIN_AUTOLOAD", "1")
    code = main(["score", "--rubrics", str(REPO / "rubrics" / "feasibility.toml"), str(tmp_path / "proposals")])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert "bad.toml" in err and "[facts.scope]" in err and "'all-models'" in err
    assert "Traceback" not in err


# --- parameters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "params", "words"),
    [
        ("fiscal-cost", {"best_usd": 1e6, "worst_usd": 1e10}, []),
        ("fiscal-cost", {"best": 1}, ["unknown parameter 'best'", "did you mean"]),
        ("fiscal-cost", {"best_usd": 1e11}, ["worst_usd: expected more than best_usd"]),
        ("fiscal-cost", {"worst_usd": -1}, ["worst_usd: expected a number > 0"]),
        ("legal-durability", {"binding_exposure": 1.5}, ["binding_exposure: expected a number from 0 to 1"]),
        ("proportionality", {"breadth": {"frontier": 0.5}}, ["unknown key 'frontier'"]),
        ("proportionality", {"breadth": {"none": 2}}, ["breadth: none: expected a number from 0 to 1"]),
        ("circumvention", {"missing": "skip"}, ['missing: expected "error" or a value']),
        ("circumvention", {"missing": "error", "unpublished_factor": 0.5}, []),
    ],
)
def test_check_params(tmp_path, kind, params, words):
    """The loader (names) and check_params (values) accept good params and name the parameter in each problem."""
    found = param_problems(tmp_path, kind, params)
    if not words:
        assert found == []
    for word in words:
        assert any(word in message for message in found), found


def test_shipped_rubric_params_are_valid():
    """The params in rubrics/feasibility.toml pass each kind's check."""
    project = load_project([REPO / "rubrics" / "feasibility.toml"], autoload=False)
    for criterion in project.rubrics[0].criteria:
        kind = project.registry.criterion_kind(criterion.kind)
        assert kind.check_params(criterion.params, project.rubrics[0]) == []


def load_problems(tmp_path, kind: str, params: dict) -> list:
    """The problems `rubric validate` finds in a one-criterion rubric of ``kind`` with ``params``."""
    rubric = {
        "id": "t",
        "title": "T",
        "version": "1",
        "plugins": [str(PLUGIN)],
        "scale": {"min": -2, "max": 2, "labels": ["bad", "neutral", "good"]},
        "groups": {"g": {"title": "G"}},
        "criteria": {"c": {"group": "g", "title": "C", "kind": kind, "params": params}},
        "schemes": {"equal": {"title": "Equal", "weights": {"g": 1}}},
    }
    (tmp_path / "t.toml").write_text(tomli_w.dumps(rubric), encoding="utf-8")
    found: list = []
    load_project([tmp_path / "t.toml"], autoload=False, collect=found)
    return found


def param_problems(tmp_path, kind: str, params: dict) -> list:
    """The messages of :func:`load_problems`, each found under the criterion's params."""
    found = load_problems(tmp_path, kind, params)
    assert all(p.key.startswith("criteria.c.params") for p in found), found
    return [p.message for p in found]
