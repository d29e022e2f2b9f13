"""What ``rubric validate`` checks beyond loading: each proposal's values under each rubric."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Optional

import attrs

from rubric.errors import InputError, PluginError, Problem
from rubric.loading.documents import find_line, key_lines
from rubric.model import Proposal, Rubric
from rubric.registry import Registry


def applies(rubric: Rubric, proposal: Proposal, registry: Registry) -> bool:
    """A rubric applies to a proposal that assesses it, or to all if it has no assessed criteria."""
    if rubric.id in proposal.assessments:
        return True
    return not any(registry.criterion_kind(c.kind).assessed for c in rubric.criteria)


def value_problems(
    rubric: Rubric,
    proposals: Iterable[Proposal],
    registry: Registry,
    on_plugin_error: Optional[Callable[[PluginError], None]] = None,
) -> list[Problem]:
    """Problems computing each proposal's criterion values, for ``rubric validate``.

    Computed criteria read facts that only their plugin knows how to check, so
    validation runs them: every criterion's problems are reported, not only
    the first, each at the line of its key (``facts.scope``) when the plugin
    gave none.  A plugin failure is a problem of the proposal's file;
    ``on_plugin_error`` also sees it (``--traceback`` prints it).
    """
    from rubric.values import value_matrix  # it needs the registry, imported here only lazily

    problems: list[Problem] = []
    for proposal in proposals:
        if not applies(rubric, proposal, registry):
            continue
        errors: list = []
        value_matrix(rubric, [proposal], registry, errors=errors)
        for error in errors:
            if isinstance(error, InputError):
                problems.extend(error.problems)
            else:
                problems.append(Problem(proposal.path, "", str(error)))
                if isinstance(error, PluginError) and on_plugin_error:
                    on_plugin_error(error)
    indexes: dict = {}
    return [_placed(problem, indexes) for problem in problems]


def _placed(problem: Problem, indexes: dict) -> Problem:
    """The problem with the line of its key, reading its file once (``indexes`` caches by path)."""
    if problem.line is not None or not problem.key or problem.path is None:
        return problem
    if problem.path not in indexes:
        try:
            text = Path(problem.path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):  # pragma: no cover - the file was read a moment ago
            text = ""
        indexes[problem.path] = key_lines(text)
    return attrs.evolve(problem, line=find_line(indexes[problem.path], problem.key))
