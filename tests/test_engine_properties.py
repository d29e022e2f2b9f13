"""Consistency of the engine's weighted sum, checked on generated rubrics and proposals.

These go through the whole engine (weights flattened through the value tree,
raters merged, ranks) rather than the bare method; the generic per-method
suite is in test_properties.py.
"""

from __future__ import annotations

import attrs
import pytest
import tomli_w
from hypothesis import assume, given
from hypothesis import strategies as st

from proposal_data import proposal_to_data
from rubric.discovery import create_registry
from rubric.engine import evaluate
from rubric.loading import Document, parse_proposal
from rubric.model import Criterion, Group, MethodChoice, Proposal, Rating, Rubric, Scale, Scheme, Source

REGISTRY = create_registry(autoload=False)
SCALE = Scale(-2, 2, ("--", "-", "0", "+", "++"))
scores = st.floats(-2, 2, allow_nan=False)
weights_st = st.floats(0.01, 100, allow_nan=False)


@st.composite
def problems(draw, min_proposals=1):
    """A rubric of 1–6 criteria in two groups with direct weights, and proposals scoring it."""
    m = draw(st.integers(1, 6))
    criteria = tuple(Criterion(f"c{j}", "g1" if j % 2 == 0 else "g2", f"C{j}") for j in range(m))
    groups = tuple(Group(g, g.upper()) for g in ("g1", "g2") if any(c.group == g for c in criteria))
    weights = {c.id: draw(weights_st) for c in criteria}
    weights.update({g.id: draw(weights_st) for g in groups})
    rubric = Rubric("r", "R", "1", SCALE, groups, criteria, (Scheme("s", "S", MethodChoice("direct", {"weights": weights})),))
    n = draw(st.integers(min_proposals, 6))
    rows = [[draw(scores) for _ in range(m)] for _ in range(n)]
    return rubric, rows


def make_proposals(rubric: Rubric, rows) -> list:
    return [
        Proposal(f"p{i}", f"P{i}", assessments={rubric.id: {c.id: (Rating("x", v),) for c, v in zip(rubric.criteria, row)}})
        for i, row in enumerate(rows)
    ]


def totals(rubric: Rubric, rows) -> dict:
    """Total per proposal id."""
    evaluation = evaluate(rubric, make_proposals(rubric, rows), registry=REGISTRY)
    return {p.id: t for p, t in zip(evaluation.proposals, evaluation.results[0].totals)}


def with_weights(rubric: Rubric, weights: dict) -> Rubric:
    return attrs.evolve(rubric, schemes=(Scheme("s", "S", MethodChoice("direct", {"weights": weights})),))


@given(problems(), st.floats(0.001, 1000))
def test_scaling_all_weights_changes_nothing(problem, c):
    """Multiplying every weight by c > 0 leaves every total unchanged."""
    rubric, rows = problem
    scaled = with_weights(rubric, {k: v * c for k, v in rubric.schemes[0].weighting.params["weights"].items()})
    before, after = totals(rubric, rows), totals(scaled, rows)
    assert after == pytest.approx(before, abs=1e-9)


@given(problems(), st.randoms(use_true_random=False))
def test_order_of_proposals_and_criteria_is_irrelevant(problem, rng):
    """Shuffling the proposals and the rubric's criteria changes no total or rank."""
    rubric, rows = problem
    proposals = make_proposals(rubric, rows)
    base = evaluate(rubric, proposals, registry=REGISTRY).results[0]
    shuffled_rubric = attrs.evolve(rubric, criteria=tuple(rng.sample(rubric.criteria, len(rubric.criteria))))
    shuffled = evaluate(shuffled_rubric, rng.sample(proposals, len(proposals)), registry=REGISTRY).results[0]
    assert shuffled.totals == pytest.approx(base.totals, abs=1e-12)
    assert shuffled.ranks == base.ranks


@given(problems(min_proposals=2), st.data())
def test_pareto_dominance_is_respected(problem, data):
    """A proposal at least as good everywhere never scores lower than the one it dominates."""
    rubric, rows = problem
    dominated = rows[1]
    rows[0] = [min(2.0, v + data.draw(st.floats(0, 1))) for v in dominated]
    result = evaluate(rubric, make_proposals(rubric, rows), registry=REGISTRY).results[0]
    assert result.totals[0] >= result.totals[1] - 1e-12
    assert int(result.ranks[0]) <= int(result.ranks[1])


@given(problems(), st.data())
def test_monotonic_in_own_score(problem, data):
    """Raising one of a proposal's values never lowers its total, nor anyone's rank below it."""
    rubric, rows = problem
    j = data.draw(st.integers(0, len(rubric.criteria) - 1))
    before = totals(rubric, rows)["p0"]
    rows[0][j] = data.draw(st.floats(rows[0][j], 2))
    assert totals(rubric, rows)["p0"] >= before - 1e-12


@given(problems())
def test_identical_proposals_tie(problem):
    """Two proposals with the same values share a rank."""
    rubric, rows = problem
    rows.append(list(rows[0]))
    result = evaluate(rubric, make_proposals(rubric, rows), registry=REGISTRY).results[0]
    assert result.ranks[0] == result.ranks[-1] and result.ranks[0].tied


@given(problems(), st.data())
def test_zero_weight_criterion_is_irrelevant(problem, data):
    """With weight zero, a criterion's values have no influence on any total."""
    rubric, rows = problem
    weights = dict(rubric.schemes[0].weighting.params["weights"])
    j = data.draw(st.integers(0, len(rubric.criteria) - 1))
    criterion = rubric.criteria[j]
    assume(sum(1 for c in rubric.criteria if c.group == criterion.group) > 1)  # a lone criterion at 0 zeroes its group
    weights[criterion.id] = 0
    zeroed = with_weights(rubric, weights)
    changed = [list(row) for row in rows]
    for row in changed:
        row[j] = data.draw(scores)
    assert totals(zeroed, changed) == pytest.approx(totals(zeroed, rows), abs=1e-12)


@given(problems())
def test_totals_and_sub_scores_stay_on_the_scale(problem):
    """Totals and group sub-scores lie within the rubric's scale."""
    rubric, rows = problem
    result = evaluate(rubric, make_proposals(rubric, rows), registry=REGISTRY).results[0]
    for value in (*result.totals, *(v for sub in result.groups.values() for v in sub)):
        assert SCALE.min - 1e-12 <= value <= SCALE.max + 1e-12


ids = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@st.composite
def generated_proposals(draw):
    """Proposals with every optional field exercised."""
    sources = tuple(
        Source(sid, draw(text.filter(bool)), draw(text), draw(text), draw(st.one_of(st.none(), st.dates())))
        for sid in draw(st.lists(ids, max_size=3, unique=True))
    )
    source_ids = [s.id for s in sources]
    assessments = {}
    for rubric_id in draw(st.lists(ids, max_size=2, unique=True)):
        by_criterion = {}
        for criterion_id in draw(st.lists(ids, min_size=1, max_size=3, unique=True)):
            ratings = []
            for rater in draw(st.lists(ids, min_size=1, max_size=2, unique=True)):
                score = draw(scores)
                ratings.append(
                    Rating(
                        rater,
                        score,
                        draw(text),
                        draw(st.one_of(st.none(), st.floats(-2, score))),
                        draw(st.one_of(st.none(), st.floats(score, 2))),
                        draw(st.one_of(st.none(), st.sampled_from(["low", "medium", "high"]))),
                        tuple(draw(st.lists(st.sampled_from(source_ids), max_size=2))) if source_ids else (),
                    )
                )
            by_criterion[criterion_id] = tuple(ratings)
        assessments[rubric_id] = by_criterion
    facts = draw(st.dictionaries(ids, st.one_of(st.booleans(), st.integers(-10**6, 10**6), text), max_size=4))
    return Proposal(
        id=draw(ids),
        title=draw(text.filter(bool)),
        summary=draw(text),
        sponsor=draw(text),
        status=draw(text),
        # A date is a TOML date or a YYYY-MM(-DD) string (the loader refuses other strings).
        date=draw(
            st.one_of(
                st.none(), st.dates(), st.tuples(st.dates(), st.sampled_from((7, 10))).map(lambda d: d[0].isoformat()[: d[1]])
            )
        ),
        tags=tuple(draw(st.lists(text, max_size=3))),
        sources=sources,
        facts=facts,
        assessments=assessments,
    )


@given(generated_proposals())
def test_proposals_round_trip_through_toml(proposal):
    """Writing a proposal as TOML and reading it back gives the same proposal."""
    from pathlib import Path

    import tomli

    text_ = tomli_w.dumps(proposal_to_data(proposal))
    doc = Document(Path("generated.toml"), text=text_, data=tomli.loads(text_))
    loaded = parse_proposal(doc)
    assert doc.problems == []
    assert attrs.evolve(loaded, path=None) == proposal
