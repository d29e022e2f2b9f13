"""The shipped rubrics and proposals: valid, sourced, and argued."""

from __future__ import annotations

import pytest

from conftest import REPO
from rubric.loading import load_project

FOUNDING = ("blanket-export-controls", "industry-risk-assessments", "security-audit-repository", "data-licensing-treaties")


@pytest.fixture(scope="module")
def shipped():
    return load_project([REPO / "rubrics"], [REPO / "proposals"], autoload=False, assessment_paths=[REPO / "assessments"])


def test_every_shipped_file_is_valid(shipped):
    """All shipped rubrics and proposals load without a single problem."""
    problems = []
    project = load_project(
        [REPO / "rubrics"], [REPO / "proposals"], autoload=False, collect=problems, assessment_paths=[REPO / "assessments"]
    )
    assert problems == []
    assert len(project.rubrics) == len(list((REPO / "rubrics").glob("*.toml")))
    assert len(project.proposals) == len(list((REPO / "proposals").glob("*.toml")))


def test_catalogue_size_and_rubrics(shipped):
    """At least 14 proposals and the four rubrics, each with three or more schemes."""
    assert len(shipped.proposals) >= 14
    rubrics = {r.id: r for r in shipped.rubrics}
    assert set(rubrics) >= {"open-source-ai", "sovereign-ai", "data-access", "feasibility"}
    for rubric in rubrics.values():
        assert len(rubric.schemes) >= 3, rubric.id


def test_reference_rubric_shape(shipped):
    """Three ideological and three geopolitical criteria on a labelled -2…+2 scale, four schemes or more."""
    rubric = next(r for r in shipped.rubrics if r.id == "open-source-ai")
    assert (rubric.scale.min, rubric.scale.max, len(rubric.scale.labels)) == (-2, 2, 5)
    assert [c.group for c in rubric.criteria].count("ideological") == 3
    assert [c.group for c in rubric.criteria].count("geopolitical") == 3
    assert all(c.question for c in rubric.criteria)
    assert len(rubric.schemes) >= 4


def test_every_rating_is_argued_and_sourced(shipped):
    """Every rating carries a rationale; every proposal cites public sources with URLs or publishers."""
    for proposal in shipped.proposals:
        assert proposal.summary and proposal.sources, proposal.id
        assert all(s.url or s.publisher for s in proposal.sources), proposal.id
        for rubric_id, by_criterion in proposal.assessments.items():
            for criterion_id, ratings in by_criterion.items():
                for rating in ratings:
                    assert len(rating.rationale.split()) >= 15, (proposal.id, rubric_id, criterion_id, rating.rater)


def test_founding_proposals_have_a_second_rater(shipped):
    """The four founding proposals are assessed by three raters (two from assessment files) who really disagree somewhere.

    The third rater, analyst-c, deliberately changed the shipped results (see the README's tour).
    """
    by_id = {p.id: p for p in shipped.proposals}
    for pid in FOUNDING:
        ratings = by_id[pid].assessments["open-source-ai"]
        assert all({r.rater for r in rs} == {"analyst-a", "analyst-b", "analyst-c"} for rs in ratings.values()), pid
    spreads = [
        max(r.score for r in rs) - min(r.score for r in rs)
        for pid in FOUNDING
        for rs in by_id[pid].assessments["open-source-ai"].values()
    ]
    assert max(spreads) >= 2


def test_not_applicable_is_shown_not_zero(shipped):
    """Under data-access, proposals without assessments for it are listed as n/a."""
    from rubric.engine import evaluate

    rubric = next(r for r in shipped.rubrics if r.id == "data-access")
    evaluation = evaluate(rubric, shipped.proposals, registry=shipped.registry)
    assert evaluation.not_applicable
    rows = evaluation.table().rows
    assert all(row[2] is None for row in rows if row[1] in {p.id for p in evaluation.not_applicable})


def test_third_rater_reads_trade_policy_from_its_own_sources(shipped):
    """analyst-c rates every founding proposal from assessments/analyst-c.toml, citing trade sources of the file's own."""
    by_id = {p.id: p for p in shipped.proposals}
    cited = set()
    for pid in FOUNDING:
        proposal = by_id[pid]
        for ratings in proposal.assessments["open-source-ai"].values():
            (rating,) = [r for r in ratings if r.rater == "analyst-c"]
            assert rating.origin == REPO / "assessments" / "analyst-c.toml"
            assert rating.sources and all(proposal.source(s) for s in rating.sources)
            cited.update(rating.sources)
    assert {"bown-2020", "ds615", "usmca-19"} <= cited
