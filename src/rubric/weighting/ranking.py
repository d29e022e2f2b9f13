"""The ``ranking`` parameter shared by rank-order centroid and rank sum.

``ranking`` maps ``root`` or a group id to that node's children, most
important first.  An inner list holds children that tie::

    ranking.root = ["geopolitical", "ideological"]
    ranking.geopolitical = ["china-misuse", ["backdoor-risk", "global-power"]]

Each method turns the sizes of the tie classes, in order, into one weight per
class; every child in a class gets that weight.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from rubric.components import DerivedWeights
from rubric.errors import describe
from rubric.model import Rubric
from rubric.weighting.nodes import check_children, check_node_table, key_path

EXPECTED = "lists of the node's children, most important first (children that tie in an inner list)"


def parse_ranking(path: str, value: Any) -> tuple[list[str], list[list[str]]]:
    """Read one node's ranking into tie classes (lists of ids), best first.

    :returns: the problems and the tie classes that could be read.
    """
    if not isinstance(value, list):
        return [f"{path}: expected a list of ids, most important first (children that tie in an inner "
                f"list, e.g. [\"a\", [\"b\", \"c\"]]), found {describe(value)}"], []
    problems, classes = [], []
    for position, item in enumerate(value):
        where = f"{path}[{position}]"
        if isinstance(item, str):
            classes.append([item])
        elif isinstance(item, list) and item and all(isinstance(member, str) for member in item):
            classes.append(list(item))
        elif isinstance(item, list) and not item:
            problems.append(f"{where}: an empty list; an inner list holds two or more ids that tie")
        else:
            problems.append(f"{where}: expected an id, or an inner list of ids that tie, found {describe(item)}")
    return problems, classes


def analyse(params: Mapping[str, Any], rubric: Rubric) -> tuple[list[str], dict[str, list[list[str]]]]:
    """Check ``params["ranking"]`` against the rubric's tree.

    :returns: the problems and ``{node key: tie classes}`` for the good nodes.
    """
    problems, nodes = check_node_table(rubric, "ranking", params.get("ranking"), EXPECTED)
    rankings = {}
    for key, children in nodes.items():
        path = key_path("ranking", key)
        value = params["ranking"][key]
        node_problems, classes = parse_ranking(path, value)
        if not node_problems:
            node_problems = check_children(path, key, children, (i for c in classes for i in c), "a ranking")
        problems.extend(node_problems)
        if not node_problems:
            rankings[key] = classes
    return problems, rankings


def check_params(params: Mapping[str, Any], rubric: Rubric) -> list[str]:
    """The problems with a ``ranking`` parameter (empty when it is usable)."""
    return analyse(params, rubric)[0]


def ranking_text(classes: Sequence[Sequence[str]]) -> str:
    """A ranking as it reads in ``rubric explain``: ``a > b = c``."""
    return " > ".join(" = ".join(members) for members in classes)


def derive_from_ranking(
    rubric: Rubric, params: Mapping[str, Any], class_weights: Callable[[Sequence[int]], list[float]]
) -> DerivedWeights:
    """Local weights from each ranked node's tie classes.

    :param class_weights: maps the sizes of the tie classes, best first, to the
        weight of one member of each class.
    :raises ValueError: if the ranking has problems (the loader reports them first).
    """
    problems, rankings = analyse(params, rubric)
    if problems:
        raise ValueError("; ".join(problems))
    weights, details = {}, {}
    for key, classes in rankings.items():
        for members, weight in zip(classes, class_weights([len(members) for members in classes])):
            for child in members:
                weights[child] = weight
        details[f"ranking ({key})"] = ranking_text(classes)
    return DerivedWeights(weights, details)
