"""What the derived weighting methods share: naming nodes of the value tree.

Rank-order centroid, rank sum, AHP and swing all take a table keyed by node —
``root`` for the top of the tree, or a group id — whose value describes that
node's children.  Nodes left out keep equal weights among their children, so
every node a table names must cover all of its children.

Messages start with the key path inside the scheme's ``weighting`` table
(``ranking.ideological``, ``pairwise.root."a/b"``); the loader adds the file
and ``schemes.<id>.weighting`` in front.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping, Optional, Sequence

from rubric.errors import describe, did_you_mean
from rubric.model import Rubric

#: The key that names the top of the value tree (whose children are the top-level groups).
ROOT = "root"

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def key_path(*parts: str) -> str:
    """A dotted TOML key path, quoting the parts that are not bare keys."""
    return ".".join(part if _BARE_KEY.fullmatch(part) else '"' + part.replace('"', '\\"') + '"' for part in parts)


def node_name(key: str) -> str:
    """How a node reads in a message."""
    return "the root" if key == ROOT else f"group {key!r}"


def children_of(rubric: Rubric, key: str) -> tuple[str, ...]:
    """Ids of the children of the node a key names (``root``: the top-level groups)."""
    return rubric.children(None if key == ROOT else key)


def check_node_table(rubric: Rubric, param: str, table: Any, expected: str) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    """Check a parameter that maps nodes to something about their children.

    :param param: the parameter's name (``ranking``, ``pairwise``, ``points``).
    :param expected: what each node's value should be, for messages.
    :returns: the problems, and ``{key: children}`` for every key naming a
        node that has children (their values are still to be checked).
    """
    if not isinstance(table, Mapping):
        return [f"{param}: expected a table whose keys are \"root\" or group ids and whose values are "
                f"{expected}, found {describe(table)}"], {}
    if not table:
        return [f"{param}: an empty table; name \"root\" or at least one group"], {}
    group_ids = [g.id for g in rubric.groups]
    criterion_ids = {c.id for c in rubric.criteria}
    problems: list[str] = []
    nodes: dict[str, tuple[str, ...]] = {}
    for key in table:
        path = key_path(param, key)
        if key == ROOT and ROOT in group_ids:
            problems.append(f"{path}: ambiguous, since the rubric has a group with the id \"root\"; "
                            "rename that group so \"root\" can name the top of the tree")
        elif key in criterion_ids:
            problems.append(f"{path}: {key!r} is a criterion, which has nothing below it to weight; "
                            "expected \"root\" or a group id")
        elif key != ROOT and key not in group_ids:
            problems.append(f"{path}: neither \"root\" nor a group of rubric {rubric.id!r}"
                            f"{did_you_mean(key, [ROOT, *group_ids])}")
        elif not children_of(rubric, key):
            problems.append(f"{path}: {node_name(key)} has no groups or criteria below it to weight")
        else:
            nodes[key] = children_of(rubric, key)
    return problems, nodes


def check_children(path: str, key: str, children: Sequence[str], named: Iterable[str],
                   what: Optional[str] = None) -> list[str]:
    """Problems when ``named`` is not exactly the children of a node, each once.

    :param what: what needs every child, for messages (``"a ranking"``, ``"swing weighting"``).
    """
    problems = []
    seen = set()
    for item in named:
        if item in seen:
            problems.append(f"{path}: {item!r} is given twice")
        seen.add(item)
        if item not in children:
            problems.append(f"{path}: {item!r} is not directly below {node_name(key)}"
                            f"{did_you_mean(item, list(children))}")
    missing = [child for child in children if child not in seen]
    if missing:
        listed = ", ".join(repr(child) for child in missing)
        problems.append(f"{path}: {listed} {'is' if len(missing) == 1 else 'are'} missing; "
                        f"{what or 'the method'} needs every child of {node_name(key)} "
                        f"({', '.join(children)}), or leave {key!r} out so its children count equally")
    return problems
