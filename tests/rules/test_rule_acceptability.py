"""SMAA's grade acceptability and red-line shares, checked against hand-computed probabilities."""

from __future__ import annotations

import pytest
from tests.conftest import TINY_RUBRIC, tiny_proposal

import rubric

RULES = """red_lines = [{ criterion = "misuse", below = -0.5, effect = "flag" }]
[[grades]]
label = "good"
lower = 0.5
[[grades]]
label = "poor"
"""


@pytest.fixture
def smaa(project):
    """Proposal d scores 1 everywhere (total 1 whatever the weights); c's misuse 0 is uncertain within -1…1."""
    text = TINY_RUBRIC.replace('version = "1.0"\n', f'version = "1.0"\n{RULES}', 1)
    (project / "rubrics" / "tiny.toml").write_text(text)
    (project / "proposals" / "d.toml").write_text(tiny_proposal("d", 1, 1, 1))
    c = tiny_proposal("c", 0, 0, 0).replace(
        "[[assessments.tiny.misuse]]\nscore = 0\n", "[[assessments.tiny.misuse]]\nscore = 0\nlow = -1\nhigh = 1\n"
    )
    (project / "proposals" / "c.toml").write_text(c)
    ev = rubric.evaluate(rubric.load_rubric("rubrics/tiny.toml"), rubric.load_proposals("proposals"))
    return ev, rubric.smaa(ev, samples=4000, seed=1)


def test_grade_acceptability(smaa):
    """d's total is 1 under every weighting, so it is 'good' in every sample; every row sums to 1."""
    ev, result = smaa
    shares = dict(zip(result.rules.proposals, result.rules.grades))
    assert shares["d"] == (1.0, 0.0)
    assert all(sum(row) == pytest.approx(1.0) for row in result.rules.grades)
    assert "Grade acceptability" in str(result)


def test_red_line_share_is_the_probability_of_crossing(smaa):
    """c's misuse is uniform on -1…1, so it falls below -0.5 with probability 0.25 (4000 samples: sd 0.007)."""
    ev, result = smaa
    shares = dict(zip(result.rules.proposals, result.rules.red_lines))
    assert shares["c"] == pytest.approx(0.25, abs=0.03)
    assert shares["a"] == 1.0 and shares["b"] == 0.0 and shares["d"] == 0.0  # a's misuse is -1 for sure
