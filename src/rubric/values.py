"""The values step: each proposal's value on each criterion, from its criterion kind.

Below both the loader (``rubric validate`` computes every value, so a
computed criterion's missing fact is reported there and not first at
``score``) and the engine (which scores from these values).
"""

from __future__ import annotations

from typing import Optional, Sequence

from rubric.components import CriterionKind, CriterionValue, is_real_number
from rubric.errors import PLUGIN_FAILURES, InputError, Problem, RubricError
from rubric.model import Criterion, Proposal, Rubric
from rubric.registry import Registry

__all__ = ["value_matrix"]


def _bad_value(
    registry: Registry, rubric: Rubric, criterion: Criterion, kind: CriterionKind, proposal: Proposal, value: CriterionValue
) -> Exception:
    """The error for a criterion value that is not a finite number on the scale."""
    scale = rubric.scale
    for name in ("score", "low", "high"):
        number = getattr(value, name)
        if number is None and name != "score":
            continue
        if not is_real_number(number):
            bad = f"{name} {number!r}, not a finite number"
            break
        if not scale.contains(number):
            bad = f"{name} {number!r}, off the scale {scale.min:g}…{scale.max:g}"
            break
    if kind.assessed:  # the data is wrong, not the plugin
        return InputError([Problem(proposal.path, f"assessments.{rubric.id}.{criterion.id}", f"merged rating has {bad}")])
    return registry.plugin_error(
        "criterion kind",
        kind.name,
        f"criterion kind {kind.name!r} returned {bad} for criterion {criterion.id!r} of proposal {proposal.id!r}",
        criterion=criterion.id,
        proposal=proposal.id,
    )


def value_matrix(
    rubric: Rubric, proposals: Sequence[Proposal], registry: Registry, *, problems: Optional[list[Problem]] = None
) -> list[list[CriterionValue]]:
    """proposals × criteria :class:`CriterionValue` objects, each checked.

    The first bad value raises, unless ``problems`` is given: then every
    bad value of every criterion is appended to it as a located problem (a
    plugin failure as a problem of the proposal's file) and its cell is left
    out, so ``rubric validate`` reports them all in one run.

    This loop runs once per proposal and criterion, so the checks are inlined
    and error messages are only built when something is wrong.
    """
    criteria = [(c, registry.criterion_kind(c.kind)) for c in rubric.criteria]
    slack = 1e-9 * (rubric.scale.max - rubric.scale.min)
    lowest, highest = rubric.scale.min - slack, rubric.scale.max + slack

    def on_scale(number: object) -> bool:
        return number is None or (is_real_number(number) and lowest <= number <= highest)

    def refuse(proposal: Proposal, error: RubricError) -> None:
        if problems is None:
            raise error
        if isinstance(error, InputError):
            problems.extend(error.problems)
        else:
            problems.append(Problem(proposal.path, "", str(error)))

    rows = []
    for proposal in proposals:
        assessed = proposal.assessments.get(rubric.id, {})
        row = []
        for criterion, kind in criteria:
            if kind.assessed and criterion.id not in assessed:
                message = f"missing an assessment of criterion {criterion.id!r}, which rubric {rubric.id!r} needs"
                refuse(proposal, InputError([Problem(proposal.path, f"assessments.{rubric.id}", message)]))
                continue
            try:
                value = kind.score(criterion, proposal, rubric)
            except RubricError as exc:
                refuse(proposal, exc)
                continue
            except PLUGIN_FAILURES as exc:
                what = f"scoring criterion {criterion.id!r} of proposal {proposal.id!r}"
                refuse(proposal, registry.failure("criterion kind", kind, what, exc))
                continue
            if not isinstance(value, CriterionValue):
                value = CriterionValue(value)
            if value.score is None or not (on_scale(value.score) and on_scale(value.low) and on_scale(value.high)):
                refuse(proposal, _bad_value(registry, rubric, criterion, kind, proposal, value))
                continue
            row.append(value)
        rows.append(row)
    return rows
