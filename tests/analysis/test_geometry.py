"""The GAIA plane against hand computations."""

from __future__ import annotations

import math

import pytest

from rubric.analysis.geometry import gaia, gaia_plane
from rubric.discovery import create_registry
from rubric.engine import evaluate
from rubric.model import Criterion, Group, MethodChoice, Proposal, Rating, Rubric, Scale, Scheme

PM2 = Scale(-2, 2, ("--", "-", "0", "+", "++"))
R2 = 2**0.5


def test_two_criteria_by_hand():
    """a = (2, 0), b = (1, 2), c = (0, 1), usual, weights ½, ½.

    Unicriterion flows: φ₁ = (1, 0, −1), φ₂ = (−1, 1, 0).  ΦᵀΦ/3 =
    [[2, −1], [−1, 2]]/3: eigenvalues 1 along (1, −1)/√2 and ⅓ along (1, 1)/√2,
    δ = 1 (two criteria, nothing lost).  The stick (½, ½) projects to (0, 1/√2),
    so the second axis keeps (1, 1)/√2 and the first, with no lean, has its first
    component positive.  Points: a = (√2, 0), b = (−1/√2, 1/√2), c = (−1/√2, −1/√2);
    axes: criterion 1 = (1/√2, 1/√2), criterion 2 = (−1/√2, 1/√2).
    """
    plane = gaia_plane([[2, 0], [1, 2], [0, 1]], [1, 1], scale=PM2, proposals=["a", "b", "c"], criteria=["c1", "c2"])
    assert plane.eigenvalues == pytest.approx((1.0, 1 / 3))
    assert plane.delta == pytest.approx(1.0)
    expected_points = [(R2, 0), (-1 / R2, 1 / R2), (-1 / R2, -1 / R2)]
    for point, expected in zip(plane.points, expected_points):
        assert point == pytest.approx(expected, abs=1e-12)
    assert plane.axes[0] == pytest.approx((1 / R2, 1 / R2)) and plane.axes[1] == pytest.approx((-1 / R2, 1 / R2))
    assert plane.stick == pytest.approx((0, 1 / R2), abs=1e-12)


def test_three_orthogonal_profiles_keep_five_sevenths():
    """Four proposals whose unicriterion flow columns are orthogonal, so C is diagonal.

    Values (usual): A = 2, 1, 0, −1 → φ = (1, ⅓, −⅓, −1), |φ|² = 20/9;
    B = 1, 0, 0, 1 → (⅔, −⅔, −⅔, ⅔), 16/9; C = 1, −1, 2, 0 → (⅓, −1, 1, −⅓), 20/9.
    Eigenvalues |φ|²/4: 5/9, 5/9, 4/9, so the plane is span(A, C) and δ = 10/14 = 5/7.
    Inside the plane the two equal eigenvalues leave the axes free to rotate, so
    the checks are rotation-free: each point's squared length is φ_A² + φ_C²;
    criterion B's axis has length 0 and A's and C's length 1; with weights
    (½, ¼, ¼) the stick's length is √(½² + ¼²).
    """
    matrix = [[2, 1, 1], [1, 0, -1], [0, 0, 2], [-1, 1, 0]]
    plane = gaia_plane(matrix, [2, 1, 1], scale=PM2, proposals=list("pqrs"), criteria=["A", "B", "C"])
    assert plane.eigenvalues == pytest.approx((5 / 9, 5 / 9, 4 / 9))
    assert plane.delta == pytest.approx(5 / 7)
    phi_a, phi_c = [1, 1 / 3, -1 / 3, -1], [1 / 3, -1, 1, -1 / 3]
    for (x, y), fa, fc in zip(plane.points, phi_a, phi_c):
        assert x * x + y * y == pytest.approx(fa * fa + fc * fc)
    assert [math.hypot(*axis) for axis in plane.axes] == pytest.approx([1, 0, 1], abs=1e-9)
    assert math.hypot(*plane.stick) == pytest.approx(math.hypot(0.5, 0.25))


def test_from_an_evaluation_uses_the_schemes_weights():
    """gaia(evaluation) is the plane of its values under the scheme's weights (the two-criteria case above)."""
    criteria = (Criterion("c1", "g", "C1"), Criterion("c2", "g", "C2"))
    scheme = Scheme("p", "P", MethodChoice("equal"), MethodChoice("promethee-ii"))
    rubric = Rubric("r", "R", "1", PM2, (Group("g", "G"),), criteria, (scheme,))
    values = {"a": (2, 0), "b": (1, 2), "c": (0, 1)}
    proposals = [
        Proposal(pid, pid, assessments={"r": {c.id: (Rating("x", v),) for c, v in zip(criteria, vs)}})
        for pid, vs in values.items()
    ]
    plane = gaia(evaluate(rubric, proposals, registry=create_registry(autoload=False)))
    assert plane.proposals == ("a", "b", "c") and plane.criteria == ("c1", "c2")
    assert plane.points[0] == pytest.approx((R2, 0), abs=1e-12)
    assert plane.stick == pytest.approx((0, 1 / R2), abs=1e-12)
