"""The values step: each proposal's value on each criterion, from its criterion kind.

Below both the loader (``rubric validate`` computes every value, so a
computed criterion's missing fact is reported there and not first at
``score``) and the engine (which scores from these values).
"""

from __future__ import annotations

from typing import Optional, Sequence, Union

from rubric.components import CriterionKind, CriterionValue, Gap, is_real_number
from rubric.errors import PLUGIN_FAILURES, InputError, MissingDataError, Problem, RubricError
from rubric.model import Criterion, Proposal, Rubric
from rubric.registry import Registry

__all__ = ["gap_error", "value_matrix"]


def gap_error(rubric: Rubric, criterion: Criterion, proposal: Proposal, gap: Gap) -> InputError:
    """An unknown value reported under the rule ``missing = "error"``, at its own key where it has one."""
    if gap.problems:
        return InputError(list(gap.problems))
    message = f"criterion {criterion.id!r} is unknown ({gap.reason or 'no reason given'}) and rubric {rubric.id!r} has "
    return InputError([Problem(proposal.path, f"assessments.{rubric.id}.{criterion.id}", message + 'missing = "error"')])


def _bad_value(
    registry: Registry, rubric: Rubric, criterion: Criterion, kind: CriterionKind, proposal: Proposal, value: CriterionValue
) -> RubricError:
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
    rubric: Rubric,
    proposals: Sequence[Proposal],
    registry: Registry,
    *,
    errors: Optional[list[RubricError]] = None,
    gaps: bool = False,
) -> list[list[Union[CriterionValue, Gap]]]:
    """proposals × criteria :class:`CriterionValue` objects, each checked.

    A missing value (a criterion not assessed, a rating of ``"unknown"`` or
    ``"not-applicable"``, a kind's :class:`~rubric.components.Gap`) is kept
    as its :class:`Gap` with ``gaps`` (the engine then applies the missing
    rules of :mod:`rubric.missing`).  Without it an unknown value is refused
    (:func:`gap_error`) when a rule of the rubric is ``"error"`` — what
    ``rubric validate`` reports — and kept otherwise.

    The first bad value raises, unless ``errors`` is given: then the error
    of every bad value of every criterion (an :class:`InputError` with located
    problems, or a plugin's :class:`~rubric.errors.PluginError`) is appended to
    it and its cell left out, so ``rubric validate`` reports them all in one run.

    This loop runs once per proposal and criterion, so the checks are inlined
    and error messages are only built when something is wrong.
    """
    criteria = [(c, registry.criterion_kind(c.kind)) for c in rubric.criteria]
    strict = not gaps and "error" in (rubric.missing, *(s.missing for s in rubric.schemes))
    slack = 1e-9 * (rubric.scale.max - rubric.scale.min)
    lowest, highest = rubric.scale.min - slack, rubric.scale.max + slack

    def on_scale(number: object) -> bool:
        return number is None or (is_real_number(number) and lowest <= number <= highest)

    def refuse(error: RubricError) -> None:
        if errors is None:
            raise error
        errors.append(error)

    rows: list[list[Union[CriterionValue, Gap]]] = []
    for proposal in proposals:
        assessed = proposal.assessments.get(rubric.id, {})
        row: list[Union[CriterionValue, Gap]] = []
        for criterion, kind in criteria:
            if kind.assessed and criterion.id not in assessed:
                message = (
                    f"missing an assessment of criterion {criterion.id!r}, which rubric {rubric.id!r} needs "
                    f"([[assessments.{rubric.id}.{criterion.id}]] with at least a score, or score = \"unknown\")"
                )
                value = Gap("unknown", "not assessed", (Problem(proposal.path, f"assessments.{rubric.id}", message),))
            else:
                try:
                    value = kind.score(criterion, proposal, rubric)
                except MissingDataError as exc:  # missing facts: a gap, which the missing rule handles
                    value = Gap("unknown", exc.reason, exc.problems)
                except RubricError as exc:
                    refuse(exc)
                    continue
                except PLUGIN_FAILURES as exc:
                    what = f"scoring criterion {criterion.id!r} of proposal {proposal.id!r}"
                    refuse(registry.failure("criterion kind", kind, what, exc))
                    continue
            if isinstance(value, Gap):
                if strict and value.kind == "unknown":
                    refuse(gap_error(rubric, criterion, proposal, value))
                    continue
                row.append(value)
                continue
            if not isinstance(value, CriterionValue):
                value = CriterionValue(value)
            if value.score is None or not (on_scale(value.score) and on_scale(value.low) and on_scale(value.high)):
                refuse(_bad_value(registry, rubric, criterion, kind, proposal, value))
                continue
            row.append(value)
        rows.append(row)
    return rows
