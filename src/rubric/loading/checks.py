"""The checks that need the registry or other files.

Criterion kinds, methods and their parameters, weights, duplicate ids, and
proposals' assessments against the rubrics that apply to them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Collection, Iterable, Mapping, Optional, Sequence

import attrs

from rubric.errors import WeightError, did_you_mean
from rubric.loading.documents import Document
from rubric.loading.letters import resolve_letters
from rubric.model import MethodChoice, Proposal, Rating, Rubric, Scheme
from rubric.registry import Registry
from rubric.tree import tree_problems


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
    from rubric.loading.rules import red_line_problems
    from rubric.weights import derive_weights

    for subkey, message in red_line_problems(rubric, rubric.red_lines, "red_lines"):
        doc.problem(subkey, message)

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
        check_tree(sdoc, f"{skey}.aggregation", scheme, registry, rubric)
        if scheme.sorting is not None:
            sorting_key = f"{skey}.sorting"
            sorting = scheme.sorting
            check_method(sdoc, f"{sorting_key}.method", sorting, registry, "sorting method", rubric, params_key=sorting_key)
        for subkey, message in red_line_problems(rubric, scheme.red_lines, f"{skey}.red_lines"):
            sdoc.problem(subkey, message)
        # Only when there are some: the check indexes every node, which is costly on wide rubrics.
        for subkey, message in constraint_problems(scheme.constraints, rubric) if scheme.constraints else ():
            sdoc.problem(f"{skey}.constraints" + (f".{subkey}" if subkey else ""), message)
        if ok:
            try:
                derive_weights(rubric, scheme, registry)
            except WeightError as exc:
                sdoc.problem(wkey if explicit else f"{skey}.weights", str(exc))


def check_tree(doc: Document, key: str, scheme: Scheme, registry: Registry, rubric: Rubric) -> None:
    """A scheme's ``aggregation.by_group``: each group's method and parameters, and whether the tree can use them."""
    for group, choice in scheme.by_group.items():
        check_method(doc, f"{key}.by_group.{group}", choice, registry, "aggregation method", rubric)
    for subkey, message in tree_problems(rubric, scheme, registry):
        doc.problem(f"{key}.{subkey}", message)


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
) -> Proposal:
    """Check a proposal's assessments against the rubrics that loaded cleanly; the proposal with its letters read.

    ``loaded`` holds the ids of every rubric read, those with problems too
    (default: ``rubrics``' ids).  Assessments of any other rubric are ignored,
    so a near miss of a loaded id is an error; with ``strict`` (the whole
    project is loaded, as ``rubric validate`` does) so is any id the proposal
    does not list in ``foreign_rubrics``.  Whether every assessed criterion is
    rated is the rubric's missing-data rule's business (``rubric validate``
    reports gaps under ``missing = "error"``), not the loader's.  Letter
    grades become their numbers under the rubric's ``[grade_points]``; the
    ratings of a rubric not loaded keep theirs unread.
    """
    by_id = {r.id: r for r in rubrics}
    assessments = {rid: dict(by_criterion) for rid, by_criterion in proposal.assessments.items()}
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
        for criterion_id, ratings in by_criterion.items():
            key = f"assessments.{rubric_id}.{criterion_id}"
            assessments[rubric_id][criterion_id] = check_ratings(doc, key, rubric, criterion_id, ratings, registry)
    return attrs.evolve(proposal, assessments=assessments) if assessments != proposal.assessments else proposal


def check_ratings(
    doc: Document, key: str, rubric: Rubric, criterion_id: str, ratings: Sequence[Rating], registry: Registry
) -> tuple[Rating, ...]:
    """Check the ratings of one criterion at ``key``: the criterion exists and is assessed, each rating is on the scale.

    Proposal files and assessment files both check their ratings here, the
    one place a rating meets its rubric, so letter grades are read here too:
    the ratings are returned with their numbers.
    """
    ratings = tuple(ratings)
    if any(rating.letters for rating in ratings):  # most ratings are numbers: skip the per-rating pass
        ratings = tuple(resolve_letters(doc, f"{key}[{index}]", rubric, rating) for index, rating in enumerate(ratings))
    criteria = {c.id: c for c in rubric.criteria}
    if criterion_id not in criteria:
        hint = did_you_mean(criterion_id, list(criteria))
        doc.problem(key, f"rubric {rubric.id!r} has no criterion {criterion_id!r}{hint}")
        return ratings
    name = criteria[criterion_id].kind
    kind = registry.criterion_kind(name) if registry.has("criterion kind", name) else None
    if kind is not None and not kind.assessed:
        doc.problem(
            key,
            f"criterion {criterion_id!r} of rubric {rubric.id!r} is computed (kind {kind.name!r}) from the "
            "proposal's facts; its ratings would be ignored, so remove them",
        )
        return ratings
    for index, rating in enumerate(ratings):
        if rubric.rationale == "required" and not rating.rationale.strip():
            doc.problem(
                f"{key}[{index}].rationale",
                f"missing required key 'rationale': rubric {rubric.id!r} asks every rating to say why "
                '(or set rationale = "optional" in the rubric to accept scores alone)',
            )
        for name in ("score", "low", "high"):
            value = getattr(rating, name)
            if value is not None and not rubric.scale.contains(value):
                doc.problem(
                    f"{key}[{index}].{name}",
                    f"expected a value on rubric {rubric.id!r}'s scale "
                    f"{rubric.scale.min:g}…{rubric.scale.max:g}, found {value}",
                )
    return ratings


def check_duplicates(docs_and_items: Iterable[tuple], what: str) -> None:
    seen: dict[str, Optional[Path]] = {}
    for doc, item in docs_and_items:
        if item.id in seen:
            doc.problem("id", f"duplicate {what} id {item.id!r}: also used by {seen[item.id]}")
        else:
            seen[item.id] = doc.path

