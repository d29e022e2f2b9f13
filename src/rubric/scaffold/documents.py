"""``rubric new proposal|rubric|scheme``: TOML files that load as they stand, from the templates.

Where a value can only come from the author — a score, a fact, a source — the
template holds a commented example instead of a placeholder value, so that an
unfinished file is never mistaken for data.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence, Union

from rubric.loading import ID_PATTERN
from rubric.model import Proposal, Rubric
from rubric.scaffold.files import ScaffoldError, render, toml_value, write_files

if TYPE_CHECKING:  # plugins are loaded (and the registry imported) only when --rubric is given
    from rubric.registry import Registry

__all__ = ["FACTS", "new_assessment", "new_proposal", "new_rubric", "new_scheme"]

PathLike = Union[str, Path]

#: Facts vocabulary (docs/formats.md): key, a TOML example, what it means.
FACTS = (
    (
        "mechanism",
        '"export-control"',
        "export-control | licensing | pre-release-testing |\n"
        "voluntary-commitment | public-funding | procurement-rule |\n"
        "trade-agreement | international-forum | monitoring |\n"
        "definition-alignment",
    ),
    ("mandatory", "true", "whether anyone is legally bound"),
    ("enforcer", '"BIS (Commerce)"', 'who enforces, or "none"'),
    ("restricts_publication", "false", "whether it restricts publishing code, weights or other published material"),
    ("scope", '"frontier-models"', "all-open-models | frontier-models | dangerous-capability | none"),
    ("substitutes", '"some"', "many | some | few | not-applicable"),
    ("enforcement_reach", '"domestic"', "domestic | allied | multilateral | not-applicable"),
    ("cost_usd", "10_000_000", "public cost in US dollars over the proposal's horizon"),
    ("months_to_effect", "12", "months from adoption until it takes effect"),
    ("legal_exposure", '"low"', "low | medium | high: legal risk of any kind, as the analyst reads it"),
)


def check_id(what: str, value: str) -> None:
    """Refuse an id the loader would reject, before anything is written."""
    if not ID_PATTERN.match(value):
        raise ScaffoldError(f"{what} {value!r}: expected an id of lowercase letters, digits, '-' or '_' (e.g. my-proposal)")


def title_of(identifier: str) -> str:
    """``blanket-export-controls`` → ``Blanket export controls``."""
    return " ".join(re.split(r"[-_]+", identifier)).capitalize()


def _facts_block() -> str:
    """The commented facts, one per line, meanings aligned (continued lines too)."""
    lines = []
    for key, example, meaning in FACTS:
        first, *rest = meaning.split("\n")
        lines.append(f"# {f'{key} = {example}':<36} # {first}")
        lines += [f"# {'':<36} # {more}" for more in rest]
    return "\n".join(lines)


def _assessed(rubric: Rubric, registry: Optional[Registry]) -> list:
    """The criteria a rater scores: read from ``registry`` when given (plugin kinds may be assessed too)."""
    return [
        c
        for c in rubric.criteria
        if (registry.criterion_kind(c.kind).assessed if registry is not None else c.kind == "assessed")
    ]


def _assessments(rubric: Rubric, registry: Optional[Registry]) -> str:
    """Commented assessment blocks for each assessed criterion of ``rubric`` ("" if none)."""
    assessed = _assessed(rubric, registry)
    if not assessed:
        return ""
    scale = rubric.scale
    head = render(
        "rubric-assessments.toml.tmpl",
        rubric=rubric.id,
        low=f"{scale.min:g}",
        low_label=scale.labels[0],
        high=f"{scale.max:g}",
        high_label=scale.labels[-1],
    )
    blocks = [
        render(
            "assessment.toml.tmpl",
            rubric=rubric.id,
            criterion=c.id,
            question=_one_line(c.question or c.title),
        )
        for c in assessed
    ]
    return head + "".join(blocks)


def new_proposal(
    proposal_id: str,
    directory: PathLike = "proposals",
    *,
    title: Optional[str] = None,
    rubrics: Sequence[Rubric] = (),
    registry: Optional[Registry] = None,
    force: bool = False,
) -> Path:
    """Write ``<directory>/<proposal_id>.toml``: a proposal that loads as it stands.

    Every field an author must supply is a commented example: the facts of
    the facts vocabulary, a source, and — for each rubric in ``rubrics``
    (:class:`~rubric.model.Rubric` objects) — one assessment block per
    assessed criterion, with the criterion's question and the scale.  Which
    criteria are assessed is read from ``registry`` when given (plugin kinds
    may be assessed too), else from ``kind = "assessed"``.

    :raises ScaffoldError: the id is unusable, the file exists (unless
        ``force``, which replaces it), or it cannot be written.
    """
    check_id("proposal id", proposal_id)
    path = Path(directory) / f"{proposal_id}.toml"
    text = render(
        "proposal.toml.tmpl",
        id=proposal_id,
        id_value=toml_value(proposal_id),
        title=toml_value(title or title_of(proposal_id)),
        today=datetime.date.today().isoformat(),
        facts=_facts_block(),
    )
    text += "".join(_assessments(rubric, registry) for rubric in rubrics)
    return write_files({path: text}, force=force)[0]


def new_rubric(rubric_id: str, directory: PathLike = "rubrics", *, title: Optional[str] = None, force: bool = False) -> Path:
    """Write ``<directory>/<rubric_id>.toml``: a rubric with two groups, four criteria, two schemes.

    :raises ScaffoldError: the id is unusable, the file exists (unless
        ``force``, which replaces it), or it cannot be written.
    """
    check_id("rubric id", rubric_id)
    path = Path(directory) / f"{rubric_id}.toml"
    title_value = toml_value(title or title_of(rubric_id))
    text = render("rubric.toml.tmpl", id=rubric_id, id_value=toml_value(rubric_id), title=title_value)
    return write_files({path: text}, force=force)[0]


def new_scheme(
    scheme_id: str,
    rubric: Rubric,
    directory: Optional[PathLike] = None,
    *,
    title: Optional[str] = None,
    force: bool = False,
) -> Path:
    """Write a scheme file ``<rubric id>.<scheme_id>.toml`` for a loaded rubric.

    The scheme weighs the rubric's top-level groups equally and lists every
    criterion in a comment, so criterion weights are one uncomment away.  The
    file goes next to the rubric's file by default, where the loader finds it.

    :param rubric: the :class:`~rubric.model.Rubric` the scheme is for.
    :param directory: where to write (default: the rubric file's folder, else ``rubrics``).
    :raises ScaffoldError: the id is unusable or already a scheme of the rubric,
        the file exists (unless ``force``, which replaces it), or it cannot be written.
    """
    check_id("scheme id", scheme_id)
    known = [s.id for s in rubric.schemes]
    if scheme_id in known:
        raise ScaffoldError(f"rubric {rubric.id!r} already has a scheme {scheme_id!r}; its schemes: {', '.join(known)}")
    if directory is None:
        directory = rubric.path.parent if rubric.path is not None else Path("rubrics")
    path = Path(directory) / f"{rubric.id}.{scheme_id}.toml"
    text = render(
        "scheme.toml.tmpl",
        id=scheme_id,
        rubric=rubric.id,
        rubric_value=toml_value(rubric.id),
        title=toml_value(title or title_of(scheme_id)),
        groups=", ".join(f"{g.id} = 1" for g in rubric.top_groups),
        criteria=", ".join(f"{c.id} = 1" for c in rubric.criteria),
    )
    return write_files({path: text}, force=force)[0]


def new_assessment(
    rater: str,
    rubric: Rubric,
    proposals: Sequence[Proposal],
    directory: PathLike = "assessments",
    *,
    registry: Optional[Registry] = None,
    force: bool = False,
) -> Path:
    """Write ``<directory>/<rater>.toml``: a blank assessment file asking every question of every proposal.

    Each rating is a commented block (criterion, question, the proposal's
    source ids), so the file loads as it stands and a rating counts only once
    it is filled in.

    :raises ScaffoldError: the rater is unusable as a file name, the file
        exists (unless ``force``, which replaces it), or it cannot be written.
    """
    check_id("rater", rater)
    scale = rubric.scale
    text = render(
        "assessment-file.toml.tmpl",
        rater=rater,
        rubric=rubric.id,
        rater_value=toml_value(rater),
        rubric_value=toml_value(rubric.id),
        low=f"{scale.min:g}",
        low_label=scale.labels[0],
        high=f"{scale.max:g}",
        high_label=scale.labels[-1],
        labels=", ".join(scale.labels),
    )
    assessed = _assessed(rubric, registry)
    for proposal in proposals:
        sources = ", ".join(s.id for s in proposal.sources) or "none"
        text += render("assessment-proposal.toml.tmpl", proposal=proposal.id, title=_one_line(proposal.title), sources=sources)
        text += "".join(
            render(
                "assessment-rating.toml.tmpl",
                proposal=proposal.id,
                criterion=c.id,
                heading=_one_line(f"{c.title}: {c.question}" if c.question else c.title),
            )
            for c in assessed
        )
    return write_files({Path(directory) / f"{rater}.toml": text}, force=force)[0]


def _one_line(text: str) -> str:
    """Text for a TOML comment: one line, whatever the proposal's title holds."""
    return " ".join(text.split())
