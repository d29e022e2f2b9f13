"""Swing weights: points for how much each child's full swing matters.

Reference: D. von Winterfeldt and W. Edwards (1986), *Decision Analysis and
Behavioral Research*, Cambridge University Press; the SMARTS procedure of
W. Edwards and F. H. Barron (1994), "SMARTS and SMARTER: improved simple
methods for multiattribute utility measurement", *Organizational Behavior and
Human Decision Processes* 60(3), 306–325.

At each node the analyst imagines a proposal at the bottom of the scale on
every child, asks which child's swing from worst to best would matter most,
and gives that swing 100 points; every other child's swing gets points
relative to it (50: worth half as much; 0: its swing makes no difference).
Because the question is about the scale's whole range, swing weights answer
"how much does a change from strongly worsens to strongly improves on this
matter?" rather than the vaguer "how important is this?".  The weights are
the points normalised within the node::

    w_i = points_i / Σ_j points_j            100, 70, 30  →  0.5, 0.35, 0.15

Parameters: ``points`` (required) maps ``root`` or a group id to a table
``child = points`` covering all of the node's children, each between 0 and
100, the largest exactly 100 (the reference swing).  Nodes not named weigh
their children equally.

.. code-block:: toml

    [schemes.panel-swing]
    title = "Panel swing weights"

    [schemes.panel-swing.weighting]
    method = "swing"
    points.root = { geopolitical = 100, ideological = 80 }
    points.ideological = { transparency = 100, progress = 70, power-distribution = 30 }
    points.geopolitical = { china-misuse = 100, backdoor-risk = 60, global-power = 60 }
"""

from __future__ import annotations

from typing import Any, Mapping

from rubric import hookimpl
from rubric.components import DerivedWeights, WeightingMethod, is_real_number
from rubric.errors import describe
from rubric.model import Rubric
from rubric.weighting.nodes import check_children, check_node_table, key_path, node_name

#: The points of the reference swing, the one that matters most at a node.
REFERENCE = 100


def analyse(params: Mapping[str, Any], rubric: Rubric) -> tuple[list[str], dict[str, float]]:
    """Check ``params["points"]`` and compute the local weights of the good nodes."""
    table: Any = params.get("points")
    problems, nodes = check_node_table(
        rubric, "points", table, f"tables of child = points (0 to {REFERENCE}, the most important swing {REFERENCE})")
    weights: dict[str, float] = {}
    for key, children in nodes.items():
        path = key_path("points", key)
        points = table[key]
        if not isinstance(points, Mapping):
            problems.append(f"{path}: expected a table of child = points, found {describe(points)}")
            continue
        node_problems = check_children(path, key, children, points, "swing weighting")
        for child, value in points.items():
            if not is_real_number(value) or not 0 <= value <= REFERENCE:
                node_problems.append(f"{key_path('points', key, child)}: expected points from 0 to {REFERENCE}, "
                                     f"found {describe(value)}")
        if not node_problems:
            top = max(points.values())
            if top != REFERENCE:
                best = max(points, key=points.__getitem__)
                node_problems.append(
                    f"{path}: the largest swing of {node_name(key)} is {best!r} with {top:g} points; the most "
                    f"important swing is the reference and gets exactly {REFERENCE}, the others points relative to it")
        problems.extend(node_problems)
        if not node_problems:
            total = sum(points.values())
            weights.update((child, points[child] / total) for child in children)
    return problems, weights


def check_params(params: Mapping[str, Any], rubric: Rubric) -> list[str]:
    """Unknown or missing children, points outside 0–100, no reference swing of 100."""
    return analyse(params, rubric)[0]


def swing(rubric: Rubric, params: Mapping[str, Any]) -> DerivedWeights:
    """Local weights of the children of every node given points."""
    problems, weights = analyse(params, rubric)
    if problems:
        raise ValueError("; ".join(problems))
    return DerivedWeights(weights)


METHOD = WeightingMethod(
    name="swing",
    derive=swing,
    params={"points": None},
    description="Swing weights: 100 points for the swing that matters most at a node, others relative to it.",
    check_params=check_params,
)


@hookimpl
def rubric_weighting_methods():
    return [METHOD]
