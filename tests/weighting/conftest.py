"""Small value trees built directly, so the weighting tests need no loader."""

from __future__ import annotations

import pytest

from rubric.model import Criterion, Group, Rubric, Scale

#: The reference tree: three ideological values and three geopolitical risks.
REFERENCE_TREE = {
    "ideological": ["transparency", "progress", "power-distribution"],
    "geopolitical": ["china-misuse", "backdoor-risk", "global-power"],
}


def build_rubric(criteria: dict, parents: dict | None = None, rubric_id: str = "test") -> Rubric:
    """A rubric whose groups hold the listed criteria; ``parents`` nests groups (id → parent id)."""
    parents = parents or {}
    group_ids = list(dict.fromkeys([*criteria, *parents, *(p for p in parents.values() if p)]))
    return Rubric(
        id=rubric_id,
        title="Test rubric",
        version="1",
        scale=Scale(-2, 2, ("strongly worsens", "worsens", "no effect", "improves", "strongly improves")),
        groups=tuple(Group(g, g.title(), parent=parents.get(g)) for g in group_ids),
        criteria=tuple(Criterion(c, g, c.title()) for g, cs in criteria.items() for c in cs),
        schemes=(),
    )


@pytest.fixture
def reference_rubric() -> Rubric:
    """Two top-level groups of three criteria each."""
    return build_rubric(REFERENCE_TREE, rubric_id="open-source-ai")


@pytest.fixture
def deep_rubric() -> Rubric:
    """Three levels: a group holding both a sub-group and a criterion."""
    return build_rubric(
        {"security": ["china-misuse"], "supply-chain": ["backdoor-risk", "provenance"], "values": ["transparency"]},
        parents={"supply-chain": "security"},
    )


@pytest.fixture
def make_rubric():
    """Build a rubric from ``{group: [criteria]}`` and optional ``parents``."""
    return build_rubric
