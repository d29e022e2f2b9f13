"""Assembling a project: rubrics, scheme files and proposals read, parsed and checked together."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Collection, Iterable, Optional, Sequence

import attrs

from rubric.errors import InputError, Problem, UnknownRubricError, did_you_mean
from rubric.loading.assessments import read_assessments
from rubric.loading.checks import check_duplicates, check_proposal, check_rubric
from rubric.loading.documents import Document, collector_paused, read_document, toml_files
from rubric.loading.plugins import check_requirements, plugin_warnings, registry_for, unknown_kind_hint
from rubric.loading.proposals import parse_proposal
from rubric.loading.rubrics import parse_rubric, parse_scheme_file
from rubric.model import Proposal, Rubric
from rubric.registry import Registry
from rubric.weights import weight_warnings


@attrs.frozen
class Project:
    """Everything a command works on: rubrics, proposals and the registry.

    ``warnings`` are one-line notes on what was left out: rubric files the
    command does not use that have problems, installed plugins that failed.
    """

    rubrics: tuple
    proposals: tuple
    registry: Registry
    warnings: tuple = ()


def load_project(
    rubric_paths: Iterable[Path | str],
    proposal_paths: Iterable[Path | str] = (),
    *,
    plugin_files: Iterable[Path | str] = (),
    autoload: Optional[bool] = None,
    registry: Optional[Registry] = None,
    collect: Optional[list] = None,
    use: Optional[Collection[str]] = None,
    rubric_plugins: bool = True,
    block: Iterable[str] = (),
    lenient: bool = False,
    strict: bool = False,
    assessment_paths: Iterable[Path | str] = (),
    some_proposals: bool = False,
) -> Project:
    """Load and check rubrics (with scheme files) and proposals together.

    Raises :class:`InputError` with every problem in every file, unless
    ``collect`` is given: then problems are appended to it and whatever loaded
    cleanly is returned (``rubric validate`` uses this).  With ``strict``, the
    rubrics given are all there are: assessments of any other rubric are an
    error unless the proposal lists its id in ``foreign_rubrics``.

    :param use: ids of the rubrics to check and return (default: all).  Every
        rubric file is parsed, but only these have their plugin files imported
        and are checked; another file's problems become a warning, and
        proposals are checked against these rubrics only.
    :param rubric_plugins: import the plugin files the rubrics name (set it
        False to check a rubric one does not trust).
    :param assessment_paths: assessment files and folders whose ratings join
        the proposals' own (:mod:`rubric.loading.assessments`); with
        ``some_proposals``, they may rate proposals not loaded here, whose
        ratings are then left out (rather than reported as unknown ids).
    :param block: plugin names to leave out; ``lenient``: an installed plugin
        that fails is left out with a warning (see
        :func:`~rubric.discovery.create_registry`).
    """
    options = {
        "plugin_files": plugin_files,
        "autoload": autoload,
        "rubric_plugins": rubric_plugins,
        "block": block,
        "lenient": lenient,
    }
    with collector_paused():
        assessments = (assessment_paths, some_proposals)
        return _load_project(rubric_paths, proposal_paths, registry, collect, use, options, strict, assessments)


def _load_project(
    rubric_paths: Iterable[Path | str],
    proposal_paths: Iterable[Path | str],
    registry: Optional[Registry],
    collect: Optional[list[Problem]],
    use: Optional[Collection[str]],
    options: dict[str, Any],
    strict: bool,
    assessments: tuple[Iterable[Path | str], bool] = ((), False),
) -> Project:
    unlisted: list = []  # folders that cannot be listed
    rubric_docs = [read_document(p) for p in toml_files(rubric_paths, unlisted)]
    proposal_files = toml_files(proposal_paths, unlisted)
    assessment_docs = [read_document(p) for p in toml_files(assessments[0], unlisted)]
    rubrics, scheme_files, declared = [], [], {}
    for doc in rubric_docs:
        if doc.data is None:
            continue
        if "rubric" in doc.data and "criteria" not in doc.data:
            scheme_files.append((doc, *parse_scheme_file(doc)))
        else:
            declared[doc.path] = doc.data.get("id")  # a rubric with problems is still picked by its id
            rubric = parse_rubric(doc)
            if rubric is not None:
                rubrics.append((doc, rubric))
    rubrics = _merge_scheme_files(rubrics, scheme_files)
    check_duplicates(rubrics, "rubric")
    _check_use(use, declared, rubric_docs)

    def used(rubric_id) -> bool:
        return use is None or rubric_id in use

    in_use = [(d, r) for d, r in rubrics if used(r.id)]
    unused = [(d, r) for d, r in rubrics if not used(r.id)]
    for doc, rubric in in_use:
        check_requirements(doc, rubric)
    if registry is None:
        registry = registry_for(in_use, **options)
    hint = unknown_kind_hint(registry, unused, rubric_plugins=options["rubric_plugins"])
    scheme_docs = {doc.path: doc for doc, _, _ in scheme_files}
    for doc, rubric in in_use:
        check_rubric(doc, rubric, registry, scheme_docs, hint)
    proposal_docs, proposals = _parse_proposals(proposal_files)
    used_paths = {p for p, rubric_id in declared.items() if used(rubric_id)} | {d.path for d, rid, _ in scheme_files if used(rid)}
    failed = {doc.path for doc in rubric_docs if doc.problems}
    good_rubrics = tuple(r for d, r in in_use if not failed & {d.path, *(s.path for s in r.schemes)})
    read_ids = {i for i in declared.values() if isinstance(i, str)}  # in use or not, with problems or not
    added = read_assessments(assessment_docs, proposals, good_rubrics, registry, read_ids, assessments[1], strict)
    proposals = [(doc, check_proposal(doc, proposal, good_rubrics, registry, read_ids, strict)) for doc, proposal in proposals]
    checked = [d for d in rubric_docs if use is None or d.path in used_paths]
    unchecked = [d for d in rubric_docs if use is not None and d.path not in used_paths]
    problems = [*unlisted, *(p for doc in (*checked, *proposal_docs, *assessment_docs) for p in doc.problems)]
    if collect is None and problems:
        raise InputError(problems)
    if collect is not None:
        collect.extend(problems)
    warnings = [_left_out(d) for d in unchecked if d.problems]
    warnings += plugin_warnings(registry, options["block"])
    warnings += [w for rubric in good_rubrics for w in weight_warnings(rubric)]
    good_proposals = tuple(added.apply(p) for d, p in proposals if not d.problems)
    return Project(good_rubrics, good_proposals, registry, tuple(warnings))


def _parse_proposals(files: Sequence[Path]) -> tuple[list[Document], list[tuple[Document, Proposal]]]:
    """Every file's document, and the proposals that parse with theirs; duplicate ids are problems of the later file.

    Files are read and parsed one at a time, and each one's parsed TOML is let go
    once its :class:`Proposal` is built (the text stays, to place problems found
    later), so a large batch never holds every file's raw tables beside the model.
    """
    docs, proposals = [], []
    for path in files:
        doc = read_document(path)
        docs.append(doc)
        if doc.data is not None:
            proposal = parse_proposal(doc)
            doc.data = None
            if proposal is not None:
                proposals.append((doc, proposal))
    check_duplicates(proposals, "proposal")
    return docs, proposals


def _check_use(use, declared, rubric_docs) -> None:
    known = [i for i in declared.values() if isinstance(i, str)]
    unread = [str(d.path) for d in rubric_docs if d.data is None]
    for rubric_id in use or ():
        if rubric_id not in known:
            also = f" (unreadable: {', '.join(unread)}; `rubric validate` lists their problems)" if unread else ""
            raise UnknownRubricError(rubric_id, known, also)


def _left_out(doc) -> str:
    count = len(doc.problems)
    return (
        f"{doc.path} is not used here and was left out: {count} problem{'s' * (count != 1)}, "
        f"the first: {doc.problems[0]} (`rubric validate` lists them)"
    )


def _merge_scheme_files(rubrics: list, scheme_files: list) -> list:
    by_id = {rubric.id: index for index, (_, rubric) in enumerate(rubrics)}
    for doc, rubric_id, schemes in scheme_files:
        if rubric_id is None:
            continue
        if rubric_id not in by_id:
            doc.problem("rubric", f"no loaded rubric has id {rubric_id!r}{did_you_mean(rubric_id, list(by_id))}")
            continue
        rdoc, rubric = rubrics[by_id[rubric_id]]
        known = {s.id for s in rubric.schemes}
        for scheme in schemes:
            if scheme.id in known:
                doc.problem(f"schemes.{scheme.id}", f"rubric {rubric_id!r} already has a scheme {scheme.id!r} (in {rdoc.path})")
        # Scheme files are checked against the rubric; their problems stay theirs.
        extra = tuple(s for s in schemes if s.id not in known)
        rubrics[by_id[rubric_id]] = (rdoc, attrs.evolve(rubric, schemes=rubric.schemes + extra))
    return rubrics


def load_rubric(path: Path | str, *, registry: Optional[Registry] = None, autoload: Optional[bool] = None) -> Rubric:
    """Load and check one rubric file."""
    return load_project([path], registry=registry, autoload=autoload).rubrics[0]


def load_rubrics(
    paths: Iterable[Path | str], *, registry: Optional[Registry] = None, autoload: Optional[bool] = None
) -> tuple[Rubric, ...]:
    """Load and check rubric files and folders (scheme files included)."""
    return load_project(paths, registry=registry, autoload=autoload).rubrics


def load_proposals(
    paths: Iterable[Path | str] | Path | str, *, rubrics: Sequence[Rubric] = (), registry: Optional[Registry] = None
) -> tuple:
    """Load proposal files and folders; with ``rubrics``, check assessments against them."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    docs, proposals = _parse_proposals(toml_files(paths))
    if rubrics:
        if registry is None:
            from rubric.discovery import create_registry

            registry = create_registry([p for r in rubrics for p in r.plugins])
        proposals = [(doc, check_proposal(doc, proposal, rubrics, registry)) for doc, proposal in proposals]
    problems = [p for doc in docs for p in doc.problems]
    if problems:
        raise InputError(problems)
    return tuple(p for _, p in proposals)

