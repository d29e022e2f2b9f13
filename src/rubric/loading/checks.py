"""The checks that need the registry or other files.

Criterion kinds, methods and their parameters, weights, duplicate ids, and
proposals' assessments against the rubrics that apply to them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from rubric.errors import WeightError, did_you_mean
from rubric.loading.documents import Document
from rubric.model import MethodChoice, Proposal, Rubric


def check_rubric(
    doc: Document, rubric: Rubric, registry, scheme_docs: Mapping[Path, Document] = {}, kind_hint: Callable[[str], str] = lambda kind: ""
) -> None:
    """What needs the registry: criterion kinds, methods, their parameters, the weights.

    Problems with a scheme from a scheme file are recorded against that file;
    ``kind_hint`` adds, to an unknown criterion kind, where it could come from.
    """
    from rubric.constraints import constraint_problems
    from rubric.weights import derive_weights

    kinds = registry.names("criterion kind")
    for criterion in rubric.criteria:
        ckey = f"criteria.{criterion.id}"
        if criterion.kind not in kinds:
            doc.problem(
                f"{ckey}.kind",
                f"unknown criterion kind {criterion.kind!r}{did_you_mean(criterion.kind, kinds)}{kind_hint(criterion.kind)}",
            )
            continue
        kind = registry.criterion_kind(criterion.kind)
        if kind.check_params is not None:
            for message in _call_check(registry, "criterion kind", kind, f"criterion {criterion.id!r}", criterion.params):
                _report(doc, f"{ckey}.params", message)
    for scheme in rubric.schemes:
        sdoc = scheme_docs.get(scheme.path, doc)
        skey = f"schemes.{scheme.id}"
        # `weights = {...}` is shorthand for direct weighting: its inputs sit in the scheme table.
        explicit = "weighting" in (sdoc.data or {}).get("schemes", {}).get(scheme.id, {})
        wkey = f"{skey}.weighting" if explicit else skey
        ok = check_method(sdoc, wkey, scheme.weighting, registry, "weighting method", rubric)
        check_method(sdoc, f"{skey}.aggregation", scheme.aggregation, registry, "aggregation method", rubric)
        for subkey, message in constraint_problems(scheme.constraints, rubric):
            sdoc.problem(f"{skey}.constraints" + (f".{subkey}" if subkey else ""), message)
        if ok:
            try:
                derive_weights(rubric, scheme, registry)
            except WeightError as exc:
                sdoc.problem(wkey if explicit else f"{skey}.weights", str(exc))


def _call_check(registry, category: str, component, where: str, *args) -> list:
    """A component's check_params, through the registry's one guard for plugin calls."""
    return list(registry.call(category, component, f"checking its parameters for {where}", component.check_params, *args))


def check_method(doc: Document, key: str, choice: MethodChoice, registry, category: str, context) -> bool:
    """Check a method name, its parameter names and values.  True if usable.

    Defaults are not filled in here: the engine does that when it calls the method.
    """
    names = registry.names(category)
    if choice.name not in names:
        left_out = registry.skipped_providers(category, choice.name)
        doc.problem(key, f"unknown {category} {choice.name!r}{did_you_mean(choice.name, names)}{left_out}")
        return False
    method = registry.get(category, choice.name)
    ok = True
    for name in choice.params:
        if name not in method.params:
            doc.problem(f"{key}.{name}", f"unknown parameter {name!r} of {category} {choice.name!r}{did_you_mean(name, list(method.params))}")
            ok = False
    for name, default in method.params.items():
        if default is None and name not in choice.params:
            doc.problem(key, f"{category} {choice.name!r} needs the parameter {name!r}")
            ok = False
    if ok and method.check_params is not None:
        messages = _call_check(registry, category, method, key, choice.params, context)
        for message in messages:
            _report(doc, key, message)
        ok = not messages
    return ok


def _report(doc: Document, key: str, message) -> None:
    """Record a check_params result: a message, or a (sub-key, message) pair."""
    if isinstance(message, tuple):
        subkey, message = message
        key = f"{key}.{subkey}"
    doc.problem(key, str(message))


def check_proposal(doc: Document, proposal: Proposal, rubrics: Sequence[Rubric], registry, unused: Iterable[str] = ()) -> None:
    """Check a proposal's assessments against the loaded rubrics (``unused``: ids known but not checked)."""
    by_id = {r.id: r for r in rubrics}
    for rubric_id, by_criterion in proposal.assessments.items():
        rubric = by_id.get(rubric_id)
        if rubric is None and rubric_id in unused:
            continue
        if rubric is None:
            hint = did_you_mean(rubric_id, list(by_id))
            if "did you mean" in hint:  # most likely a typo, which would silently drop the assessments
                doc.problem(f"assessments.{rubric_id}", f"no loaded rubric has id {rubric_id!r}{hint}")
            continue
        criteria = {c.id: c for c in rubric.criteria}
        for criterion_id, ratings in by_criterion.items():
            ckey = f"assessments.{rubric_id}.{criterion_id}"
            if criterion_id not in criteria:
                doc.problem(ckey, f"rubric {rubric_id!r} has no criterion {criterion_id!r}{did_you_mean(criterion_id, list(criteria))}")
                continue
            kind = registry.components["criterion kind"].get(criteria[criterion_id].kind)
            if kind is not None and not kind.assessed:
                doc.problem(
                    ckey,
                    f"criterion {criterion_id!r} of rubric {rubric_id!r} is computed (kind {kind.name!r}) from the "
                    "proposal's facts; its ratings would be ignored, so remove them",
                )
                continue
            for index, rating in enumerate(ratings):
                for name in ("score", "low", "high"):
                    value = getattr(rating, name)
                    if value is not None and not rubric.scale.contains(value):
                        doc.problem(
                            f"{ckey}[{index}].{name}",
                            f"expected a value on rubric {rubric_id!r}'s scale {rubric.scale.min:g}…{rubric.scale.max:g}, found {value}",
                        )
    for rubric in rubrics:
        if rubric.id not in proposal.assessments:
            continue
        for criterion in rubric.criteria:
            kind = registry.components["criterion kind"].get(criterion.kind)
            if kind is not None and kind.assessed and criterion.id not in proposal.assessments[rubric.id]:
                doc.problem(
                    f"assessments.{rubric.id}",
                    f"missing an assessment of criterion {criterion.id!r}, which rubric {rubric.id!r} needs "
                    f"([[assessments.{rubric.id}.{criterion.id}]] with at least a score)",
                )


def check_duplicates(docs_and_items: Iterable[tuple], what: str) -> None:
    seen = {}
    for doc, item in docs_and_items:
        if item.id in seen:
            doc.problem("id", f"duplicate {what} id {item.id!r}: also used by {seen[item.id]}")
        else:
            seen[item.id] = doc.path

