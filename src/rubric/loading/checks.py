"""The checks that need the registry or other files.

Criterion kinds, methods and their parameters, weights, duplicate ids, and
proposals' assessments against the rubrics that apply to them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Collection, Iterable, Mapping, Optional, Sequence

from rubric.errors import WeightError, did_you_mean
from rubric.loading.documents import Document
from rubric.model import MethodChoice, Proposal, Rubric


def check_rubric(doc: Document, rubric: Rubric, registry, scheme_docs: Mapping[Path, Document] = {}) -> None:
    """What needs the registry: criterion kinds, methods, their parameters, the weights.

    Problems with a scheme from a scheme file are recorded against that file.
    """
    from rubric.constraints import constraint_problems
    from rubric.weights import derive_weights

    kinds = registry.names("criterion kind")
    for criterion in rubric.criteria:
        ckey = f"criteria.{criterion.id}"
        if criterion.kind not in kinds:
            doc.problem(f"{ckey}.kind", f"unknown criterion kind {criterion.kind!r}{did_you_mean(criterion.kind, kinds)}")
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
        # Only when there are some: the check indexes every node, which is costly on wide rubrics.
        for subkey, message in constraint_problems(scheme.constraints, rubric) if scheme.constraints else ():
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
        doc.problem(key, f"unknown {category} {choice.name!r}{did_you_mean(choice.name, names)}")
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


# A message that starts with a key path inside the method's table (``pairwise.root."a/b": ...``).
_LEADING_KEY = re.compile(r'((?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*")(?:\.(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"))*): ')


def _report(doc: Document, key: str, message) -> None:
    """Record a check_params result: a message, or a (sub-key, message) pair.

    A message that starts with a key path (the weighting methods' convention)
    is placed at that key's line.
    """
    at = None
    if isinstance(message, tuple):
        subkey, message = message
        key = f"{key}.{subkey}"
    else:
        found = _LEADING_KEY.match(str(message))
        at = f"{key}.{found[1]}" if found else None
    doc.problem(key, str(message), at)


def check_proposal(
    doc: Document,
    proposal: Proposal,
    rubrics: Sequence[Rubric],
    registry,
    loaded: Optional[Collection[str]] = None,
    strict: bool = False,
) -> None:
    """Check a proposal's assessments against the rubrics that loaded cleanly.

    ``loaded`` holds the ids of every rubric read, those with problems too
    (default: ``rubrics``' ids).  Assessments of any other rubric are ignored,
    so a near miss of a loaded id is an error; with ``strict`` (the whole
    project is loaded, as ``rubric validate`` does) so is any id the proposal
    does not list in ``foreign_rubrics``.
    """
    by_id = {r.id: r for r in rubrics}
    loaded = by_id if loaded is None else loaded
    for rubric_id, by_criterion in proposal.assessments.items():
        rubric = by_id.get(rubric_id)
        if rubric is None:
            if rubric_id not in loaded and rubric_id not in proposal.foreign_rubrics:
                hint = did_you_mean(rubric_id, sorted(loaded))
                if strict or "did you mean" in hint:
                    doc.problem(
                        f"assessments.{rubric_id}",
                        f"no loaded rubric has id {rubric_id!r}{hint} If these ratings are for a rubric "
                        f"kept elsewhere, list it: foreign_rubrics = [{rubric_id!r}].",
                    )
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
                if rubric.rationale == "required" and not rating.rationale.strip():
                    doc.problem(
                        f"{ckey}[{index}].rationale",
                        f"missing required key 'rationale': rubric {rubric_id!r} asks every rating to say why "
                        '(or set rationale = "optional" in the rubric to accept scores alone)',
                    )
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

