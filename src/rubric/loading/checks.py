"""The checks that need the registry or other files.

Criterion kinds, methods and their parameters, weights, duplicate ids, and
proposals' assessments against the rubrics that apply to them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Collection, Iterable, Mapping, Optional, Sequence

from rubric.errors import WeightError, did_you_mean
from rubric.loading.documents import Document
from rubric.model import MethodChoice, Proposal, Rubric
from rubric.registry import Registry


def check_rubric(
    doc: Document,
    rubric: Rubric,
    registry: Registry,
    scheme_docs: Mapping[Path, Document] = {},
    kind_hint: Optional[Callable[[str], str]] = None,
) -> None:
    """What needs the registry: criterion kinds, methods, their parameters, the weights.

    Problems with a scheme from a scheme file are recorded against that file;
    ``kind_hint`` adds, to an unknown criterion kind, where it could come from.
    """
    from rubric.loading.constraints import constraint_problems
    from rubric.weights import derive_weights

    for criterion in rubric.criteria:
        ckey = f"criteria.{criterion.id}"
        choice = MethodChoice(criterion.kind, criterion.params)
        check_method(doc, f"{ckey}.kind", choice, registry, "criterion kind", rubric, params_key=f"{ckey}.params", hint=kind_hint)
    for scheme in rubric.schemes:
        sdoc = scheme_docs.get(scheme.path, doc) if scheme.path else doc
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


# A message that starts with a key path inside the method's table (``pairwise.root."a/b": ...``).
_LEADING_KEY = re.compile(r'((?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*")(?:\.(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"))*): ')


def check_method(
    doc: Document,
    key: str,
    choice: MethodChoice,
    registry: Registry,
    category: str,
    context,
    *,
    params_key: Optional[str] = None,
    hint: Optional[Callable[[str], str]] = None,
) -> bool:
    """Check a component's name (at ``key``), its parameter names and values (at ``params_key``).  True if usable.

    An unknown name says where it could come from: ``hint(name)``, or by
    default the plugins the registry left out that provide it.

    Every component kind (criterion kinds too) goes through here, so unknown
    and missing parameters read the same everywhere.  Defaults are not filled
    in here: the engine (or the kind) does that when it is called.
    """
    params_key = params_key or key
    names = registry.names(category)
    if choice.name not in names:
        source = hint(choice.name) if hint else registry.skipped_providers(category, choice.name)
        doc.problem(key, f"unknown {category} {choice.name!r}{did_you_mean(choice.name, names)}{source}")
        return False
    problems = registry.param_problems(category, choice.name, choice.params, context, where=params_key)
    for subkey, message in problems:
        # A message may start with a key path inside the table (the weighting methods' convention).
        found = None if subkey else _LEADING_KEY.match(str(message))
        doc.problem(f"{params_key}.{subkey}" if subkey else params_key, message, f"{params_key}.{found[1]}" if found else None)
    return not problems


def check_proposal(
    doc: Document,
    proposal: Proposal,
    rubrics: Sequence[Rubric],
    registry: Registry,
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
                hint = did_you_mean(criterion_id, list(criteria))
                doc.problem(ckey, f"rubric {rubric_id!r} has no criterion {criterion_id!r}{hint}")
                continue
            name = criteria[criterion_id].kind
            kind = registry.criterion_kind(name) if registry.has("criterion kind", name) else None
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
                            f"expected a value on rubric {rubric_id!r}'s scale "
                            f"{rubric.scale.min:g}…{rubric.scale.max:g}, found {value}",
                        )


def check_duplicates(docs_and_items: Iterable[tuple], what: str) -> None:
    seen: dict[str, Optional[Path]] = {}
    for doc, item in docs_and_items:
        if item.id in seen:
            doc.problem("id", f"duplicate {what} id {item.id!r}: also used by {seen[item.id]}")
        else:
            seen[item.id] = doc.path

