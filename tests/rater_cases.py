"""An evaluation with several raters per value, shared by the rater-table and agreement tests."""

from __future__ import annotations

from rubric.discovery import create_registry
from rubric.engine import evaluate
from rubric.model import Criterion, Group, MethodChoice, Proposal, Rating, Rubric, Scale, Scheme

REGISTRY = create_registry(autoload=False)
SCALE = Scale(-2, 2, ("--", "-", "0", "+", "++"))


def evaluation():
    """Three proposals, two criteria; raters a and b, and c on one value only."""
    rubric = Rubric(
        "r",
        "R",
        "1",
        SCALE,
        (Group("g", "G"),),
        (Criterion("x", "g", "Criterion X"), Criterion("y", "g", "Criterion Y")),
        (Scheme("s", "S", MethodChoice("direct", {"weights": {}})),),
    )
    scores = {
        "p0": {"x": [("a", 2), ("b", 0)], "y": [("a", 1), ("b", 1), ("c", 0.5)]},
        "p1": {"x": [("a", -1), ("b", -1.5)], "y": [("a", 0)]},
        "p2": {"x": [("a", 0), ("b", 1)], "y": [("a", -2), ("b", -1)]},
    }
    proposals = [
        Proposal(pid, pid.upper(), assessments={"r": {c: tuple(Rating(r, v) for r, v in given) for c, given in cells.items()}})
        for pid, cells in scores.items()
    ]
    return evaluate(rubric, proposals, registry=REGISTRY)
