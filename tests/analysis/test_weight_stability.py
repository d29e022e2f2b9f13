"""Weight stability intervals: a hand-computed case, and properties checked through the engine."""

from __future__ import annotations

import math

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rubric import hookimpl
from rubric.analysis.weight_stability import stability, weight_intervals
from rubric.components import AggregationMethod
from rubric.discovery import create_registry
from rubric.engine import evaluate
from rubric.model import Criterion, Group, MethodChoice, Proposal, Rating, Rubric, Scale, Scheme

SCALE = Scale(-2, 2, ("--", "-", "0", "+", "++"))


def soft_maximin(matrix, weights, *, scale=None, criteria=None, sharpness=2.0):
    """A smooth stand-in for maximin: −log(Σ w_j·exp(−k·x_j))/k, nonlinear in the weights."""
    return [-math.log(sum(w * math.exp(-sharpness * x) for w, x in zip(weights, row))) / sharpness for row in matrix]


class SoftMaximinPlugin:
    """A test-local aggregation plugin, so the numeric search is tested on a non-linear method."""

    __name__ = "soft-maximin-plugin"

    @hookimpl
    def rubric_aggregation_methods(self):
        return [AggregationMethod("soft-maximin", soft_maximin, description="test only")]


REGISTRY = create_registry(autoload=False, plugins=[SoftMaximinPlugin()])


def build(rows, tree, weights, aggregation="weighted-sum"):
    """Evaluate proposals p0, p1, … with ``rows`` of values under one direct-weight scheme.

    ``tree`` maps group ids to criterion ids; ``weights`` are effective
    criterion weights, turned into group and within-group local weights.
    """
    criteria = tuple(Criterion(c, g, c.upper()) for g, cs in tree.items() for c in cs)
    groups = tuple(Group(g, g.title()) for g in tree)
    rubric = Rubric("r", "R", "1", SCALE, groups, criteria, (scheme(tree, weights, aggregation),))
    proposals = [
        Proposal(f"p{i}", f"P{i}", assessments={"r": {c.id: (Rating("x", v),) for c, v in zip(criteria, row)}})
        for i, row in enumerate(rows)
    ]
    return evaluate(rubric, proposals, registry=REGISTRY)


def scheme(tree, weights, aggregation="weighted-sum"):
    local = dict(weights)
    local.update({g: sum(weights[c] for c in cs) for g, cs in tree.items()})
    return Scheme("s", "S", MethodChoice("direct", {"weights": local}), aggregation=MethodChoice(aggregation))


def moved(evaluation, members, w):
    """Ranks after moving the total weight of ``members`` to ``w``, the rest rescaled in proportion."""
    result = evaluation.results[0]
    weights = dict(result.weights)
    w0 = sum(weights[c] for c in members)
    new = {c: (w * v / w0 if c in members else (1 - w) * v / (1 - w0)) for c, v in weights.items()}
    rubric = evaluation.rubric
    tree = {g.id: [c.id for c in rubric.criteria if c.group == g.id] for g in rubric.groups}
    evolved = attrs.evolve(rubric, schemes=(scheme(tree, new, result.scheme.aggregation.name),))
    again = evaluate(evolved, evaluation.proposals, registry=REGISTRY)
    return [int(r) for r in again.results[0].ranks]


def keeps_order(base, ranks):
    """No proposal passes or draws level with one that was strictly ahead of it."""
    return all(ranks[i] < ranks[k] for i in range(len(base)) for k in range(len(base)) if base[i] < base[k])


def keeps_top(base, ranks):
    leaders = {i for i, r in enumerate(base) if r == 1}
    return {i for i, r in enumerate(ranks) if r == 1} <= leaders


TWO = {"gx": ["x"], "gy": ["y"]}


def test_hand_computed_intervals():
    """A=(2,0), B=(0,1.5), C=(1,0) at equal weights: s_A = 2W, s_B = 1.5(1 − W), s_C = W for W the weight of x.

    A meets B at W = 3/7 and B meets C at W = 0.6, so the ranking A > B > C holds
    on [3/7, 0.6] and A stays first on [3/7, 1]; for y (W_y = 1 − W) the ends swap.
    """
    evaluation = build([[2, 0], [0, 1.5], [1, 0]], TWO, {"x": 0.5, "y": 0.5})
    result = stability(evaluation, "s")
    x, y, gx = result.interval("x"), result.interval("y"), result.interval("gx")
    assert x.ranking == pytest.approx((3 / 7, 0.6), abs=1e-12)
    assert x.ranking_below == (("p1", "p0"),) and x.ranking_above == (("p2", "p1"),)
    assert x.top == pytest.approx((3 / 7, 1.0)) and x.top_below == ("p1",) and x.top_above == ()
    assert y.ranking == pytest.approx((0.4, 4 / 7), abs=1e-12)
    assert y.ranking_below == (("p2", "p1"),) and y.ranking_above == (("p1", "p0"),)
    assert y.top == pytest.approx((0.0, 4 / 7)) and y.top_below == () and y.top_above == ("p1",)
    assert (gx.ranking, gx.top, gx.kind, x.kind) == (x.ranking, x.top, "group", "criterion")
    assert result.exact and result.top == ("p0",)


def test_group_moves_its_criteria_together():
    """Varying a group scales its criteria in proportion: its interval comes from the group's sub-score."""
    tree = {"g1": ["a", "b"], "g2": ["c"]}
    evaluation = build([[2, 0, 0], [0, 0, 1.5], [1, 1, -2]], tree, {"a": 0.25, "b": 0.25, "c": 0.5})
    g1 = stability(evaluation).interval("g1")
    # Sub-scores: g1 = (a + b)/2 → 1, 0, 1; rest = c → 0, 1.5, −2.
    expected = weight_intervals([1, 0, 1], [0, 1.5, -2], 0.5, ["p0", "p1", "p2"])
    assert g1.ranking == pytest.approx(expected["ranking"]) and g1.top == pytest.approx(expected["top"])


def test_tables_and_records():
    """Two tables (ranking, top) with one row per group and criterion; records match."""
    evaluation = build([[2, 0], [0, 1.5], [1, 0]], TWO, {"x": 0.5, "y": 0.5})
    result = stability(evaluation)
    ranking, top = result.tables()
    assert len(ranking.rows) == len(top.rows) == len(result.to_records()) == 4
    assert ranking.headers[:5] == ("Weight of", "Kind", "Weight", "From", "To")
    assert "p1 passes p0" in ranking.rows[0] or "p1 passes p0" in ranking.rows[1]
    assert "p0 > p1 > p2" in ranking.notes[0]
    assert {r["node"] for r in result.to_records()} == {"gx", "x", "gy", "y"}
    assert "stays the same" in str(result)


def test_ties_at_the_scheme_weights_are_not_an_order_to_keep():
    """Two proposals tied at W0 may separate; the interval stays wide and the note says so."""
    evaluation = build([[1, 0], [0, 1], [-2, -2]], TWO, {"x": 0.5, "y": 0.5})
    result = stability(evaluation)
    assert result.interval("x").ranking == (0.0, 1.0)
    assert any("tied" in note for note in result.ranking_table().notes)
    assert result.interval("x").top == (0.0, 1.0)


def test_identical_proposals_are_ignored():
    """Proposals identical on every criterion tie at every weight: never a change."""
    evaluation = build([[1, 0], [1, 0], [0, 0.5]], TWO, {"x": 0.5, "y": 0.5})
    # p0 and p1 coincide; p2 (0.5·(1 − W)) meets them at W = 1/3.
    assert stability(evaluation).interval("x").ranking == pytest.approx((1 / 3, 1.0))


def test_node_holding_every_criterion_is_skipped():
    """With a single group holding every criterion there is nothing to trade against."""
    evaluation = build([[1, 0], [0, 1]], {"g": ["x", "y"]}, {"x": 0.5, "y": 0.5})
    assert [it.node for it in stability(evaluation).intervals] == ["x", "y"]


def test_bad_grid_is_refused():
    """grid must be a whole number >= 1; the error is one the command line reports without a traceback."""
    from rubric.errors import RubricError

    evaluation = build([[1, 0], [0, 1]], TWO, {"x": 0.5, "y": 0.5})
    with pytest.raises(RubricError, match="grid must be a whole number >= 1, found 0"):
        stability(evaluation, grid=0)


# --- properties ---------------------------------------------------------------------------

half_steps = st.sampled_from([x / 2 for x in range(-4, 5)])


@st.composite
def problems(draw):
    """2–5 criteria in up to three groups, integer weights, 2–6 proposals on half steps."""
    m = draw(st.integers(2, 5))
    names = [f"c{j}" for j in range(m)]
    tree = {}
    for j, name in enumerate(names):
        tree.setdefault(f"g{draw(st.integers(0, min(2, j)))}", []).append(name)
    raw = {c: draw(st.integers(1, 5)) for c in names}
    total = sum(raw.values())
    weights = {c: v / total for c, v in raw.items()}
    n = draw(st.integers(2, 6))
    rows = [[draw(half_steps) for _ in range(m)] for _ in range(n)]
    return rows, tree, weights


def members_of(evaluation, node):
    rubric = evaluation.rubric
    if node in {c.id for c in rubric.criteria}:
        return {node}
    return {c.id for c in rubric.criteria_under(node)}


@given(problems())
def test_intervals_contain_the_scheme_weight(problem):
    """Every ranking interval contains the scheme's own weight; the top interval contains the ranking one."""
    evaluation = build(*problem)
    for it in stability(evaluation).intervals:
        assert it.ranking[0] <= it.weight + 1e-12 and it.weight <= it.ranking[1] + 1e-12
        assert it.top[0] <= it.ranking[0] + 1e-12 and it.ranking[1] <= it.top[1] + 1e-12
        assert it.top[0] >= 0.0 and it.top[1] <= 1.0


@given(problems(), st.data())
def test_just_inside_keeps_and_just_outside_changes(problem, data):
    """Re-ranking through the engine: 1e-5 inside an end the order holds; 1e-5 outside it does not."""
    evaluation = build(*problem)
    base = [int(r) for r in evaluation.results[0].ranks]
    intervals = stability(evaluation).intervals
    it = data.draw(st.sampled_from(intervals))
    members = members_of(evaluation, it.node)
    delta = 1e-5
    for (low, high), keeps, below, above in (
        (it.ranking, keeps_order, it.ranking_below, it.ranking_above),
        (it.top, keeps_top, it.top_below, it.top_above),
    ):
        if high - it.weight > 2 * delta:
            assert keeps(base, moved(evaluation, members, high - delta))
        if it.weight - low > 2 * delta:
            assert keeps(base, moved(evaluation, members, low + delta))
        if high < 1.0:
            assert above and not keeps(base, moved(evaluation, members, high + delta))
        else:
            assert not above
        if low > 0.0:
            assert below and not keeps(base, moved(evaluation, members, low - delta))
        else:
            assert not below


@given(problems())
def test_numeric_search_agrees_with_the_closed_form(problem):
    """Forcing the numeric search under the weighted sum finds the same ends (to 1e-6) and the same takers."""
    evaluation = build(*problem)
    exact = stability(evaluation)
    numeric = stability(evaluation, numeric=True, grid=50)
    assert not numeric.exact
    for e, n in zip(exact.intervals, numeric.intervals):
        assert e.ranking == pytest.approx(n.ranking, abs=1e-6)
        assert e.top == pytest.approx(n.top, abs=1e-6)
        assert e.top_below == n.top_below and e.top_above == n.top_above
        assert set(e.ranking_above) <= set(n.ranking_above) and set(e.ranking_below) <= set(n.ranking_below)


@given(problems(), st.data())
def test_numeric_method_through_the_engine(problem, data):
    """Under a non-linear plugin method the numeric intervals contain W0 and hold just inside their ends."""
    rows, tree, weights = problem
    evaluation = build(rows, tree, weights, aggregation="soft-maximin")
    base = [int(r) for r in evaluation.results[0].ranks]
    result = stability(evaluation, grid=40)
    assert not result.exact and result.method == "soft-maximin"
    it = data.draw(st.sampled_from(result.intervals))
    assert it.ranking[0] <= it.weight <= it.ranking[1]
    members = members_of(evaluation, it.node)
    low, high = it.ranking
    if high - it.weight > 1e-4:
        assert keeps_order(base, moved(evaluation, members, high - 1e-6))
    if high < 1.0:
        assert not keeps_order(base, moved(evaluation, members, min(1.0, high + 1e-6)))


def test_plugin_failure_names_the_plugin():
    """A method that fails part-way through the numeric search is reported by plugin name, not as a traceback."""
    from rubric.errors import PluginError

    calls = {"n": 0}

    def flaky(matrix, weights, *, scale=None, criteria=None):
        calls["n"] += 1
        if calls["n"] > 3:
            raise ZeroDivisionError("boom")
        return [sum(w * x for w, x in zip(weights, row)) for row in matrix]

    class Flaky:
        __name__ = "flaky-plugin"

        @hookimpl
        def rubric_aggregation_methods(self):
            return [AggregationMethod("flaky", flaky)]

    registry = create_registry(autoload=False, plugins=[Flaky()])
    criteria = (Criterion("x", "gx", "X"), Criterion("y", "gy", "Y"))
    rubric = Rubric(
        "r", "R", "1", SCALE, (Group("gx", "GX"), Group("gy", "GY")), criteria,
        (Scheme("s", "S", MethodChoice("direct", {"weights": {}}), aggregation=MethodChoice("flaky")),),
    )
    proposals = [
        Proposal(f"p{i}", "P", assessments={"r": {"x": (Rating("a", v),), "y": (Rating("a", -v),)}})
        for i, v in enumerate((1, 0, -1))
    ]
    evaluation = evaluate(rubric, proposals, registry=registry)
    with pytest.raises(PluginError, match="flaky-plugin"):
        stability(evaluation)


def test_zero_weight_criterion_starts_at_zero():
    """A criterion the scheme ignores (weight 0) has an interval starting at 0."""
    evaluation = build([[2, 0, 1], [0, 1.5, -1], [1, 0, 0]], {"g": ["x", "y", "z"]}, {"x": 0.5, "y": 0.5, "z": 0.0})
    z = stability(evaluation).interval("z")
    assert z.weight == 0.0 and z.ranking[0] == 0.0 and z.ranking[1] > 0.0


RUBRIC_TOML = """
id = "mini"
title = "Mini rubric"
version = "1.0"
rationale = "optional"

[scale]
min = -2
max = 2
labels = ["strongly worsens", "worsens", "no effect", "improves", "strongly improves"]

[groups.values]
title = "Values"

[groups.risks]
title = "Risks"

[criteria.openness]
group = "values"
title = "Openness"

[criteria.misuse]
group = "risks"
title = "Misuse"

[schemes.balanced]
title = "Balanced"
weights = { values = 1, risks = 1 }
"""


def proposal_toml(pid: str, openness: tuple, misuse: float) -> str:
    """Two raters on openness (the second with an interval), one on misuse."""
    first, second = openness
    return f"""
id = "{pid}"
title = "Proposal {pid}"

[[assessments.mini.openness]]
rater = "a"
score = {first}

[[assessments.mini.openness]]
rater = "b"
score = {second}
low = {second - 0.5}
high = {second}

[[assessments.mini.misuse]]
rater = "a"
score = {misuse}
"""


def test_end_to_end_from_toml(tmp_path):
    """Loaded from files, all three analyses give tables every output format renders."""
    from rubric.analysis.acceptability import smaa
    from rubric.analysis.reliability import agreement
    from rubric.loading import load_project
    from rubric.raters import rater_table

    (tmp_path / "rubrics").mkdir()
    (tmp_path / "proposals").mkdir()
    (tmp_path / "rubrics" / "mini.toml").write_text(RUBRIC_TOML)
    for pid, openness, misuse in (("p", (2, 1), -1), ("q", (-1, 1), 1.5), ("r", (0, 0), 0)):
        (tmp_path / "proposals" / f"{pid}.toml").write_text(proposal_toml(pid, openness, misuse))
    project = load_project([tmp_path / "rubrics"], [tmp_path / "proposals"], autoload=False)
    evaluation = evaluate(project.rubrics[0], project.proposals, registry=project.registry)
    tables = [
        *stability(evaluation, "balanced").tables(),
        *smaa(evaluation, "balanced", samples=500, seed=3).tables(),
        *agreement(evaluation).tables(),
        rater_table(evaluation, "q"),
    ]
    for name in ("json", "csv", "github"):
        text = project.registry.output_format(name).render(tables)
        assert "Rank acceptability" in text and "Krippendorff" in text
    assert [row[-1] for row in rater_table(evaluation, "q").rows] == ["yes", ""]
