"""Assessment files: ratings of existing proposals kept apart from the proposals' own files.

A second rater, or a new rubric applied to the shipped proposals, writes an
assessment file instead of editing someone else's proposal::

    rubric = "open-source-ai"
    rater = "analyst-c"                 # for every rating that names none

    [[sources]]                         # the file's own, beside each proposal's
    id = "wto-2024"
    title = "..."

    [ratings.blanket-export-controls.transparency]
    score = -1
    rationale = "..."
    sources = ["caip-2025", "wto-2024"] # the proposal's source ids or the file's

The ratings join the proposal's own and the rubric's merge rule is unchanged.
Ratings are read by :func:`~rubric.loading.proposals.parse_ratings` and
checked by :func:`~rubric.loading.checks.check_ratings`, as a proposal
file's are; what is added here is what spans files: the proposal must be
loaded, and one rater rates one proposal's criterion once, in any file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Collection, Sequence

import attrs

from rubric.errors import describe, did_you_mean
from rubric.loading.checks import check_ratings
from rubric.loading.documents import Document
from rubric.loading.fields import OPTIONAL, REQUIRED, Fields, check_table, is_str, is_table, is_table_list
from rubric.loading.proposals import parse_ratings
from rubric.loading.rubrics import parse_sources
from rubric.model import Proposal, Rating, Rubric, Source
from rubric.registry import Registry

ASSESSMENT_FIELDS = Fields({
    "rubric": (is_str, REQUIRED),
    "rater": (is_str, OPTIONAL),
    "sources": (is_table_list, OPTIONAL),
    "ratings": (is_table, OPTIONAL),
})


@attrs.define
class Assessments:
    """The ratings that assessment files add, by proposal, rubric and criterion, and the sources they cite."""

    ratings: dict[str, dict[str, dict[str, list[Rating]]]] = attrs.Factory(dict)
    sources: dict[str, dict[str, Source]] = attrs.Factory(dict)

    def apply(self, proposal: Proposal) -> Proposal:
        """The proposal with the added ratings after its own, and the added sources it now cites."""
        added = self.ratings.get(proposal.id)
        if not added:
            return proposal
        assessments = {rid: dict(by_criterion) for rid, by_criterion in proposal.assessments.items()}
        for rid, by_criterion in added.items():
            into = assessments.setdefault(rid, {})
            for cid, ratings in by_criterion.items():
                into[cid] = (*into.get(cid, ()), *ratings)
        known = {s.id for s in proposal.sources}
        extra = tuple(s for sid, s in self.sources.get(proposal.id, {}).items() if sid not in known)
        return attrs.evolve(proposal, assessments=assessments, sources=proposal.sources + extra)


def read_assessments(
    docs: Sequence[Document],
    proposals: Sequence[tuple[Document, Proposal]],
    rubrics: Sequence[Rubric],
    registry: Registry,
    read_ids: Collection[str],
    some_proposals: bool = False,
    strict: bool = False,
) -> Assessments:
    """Parse and check assessment files against the loaded proposals and the rubrics in use.

    A file for a rubric that was read but is not in use (``--rubric`` picked
    another, or it has problems of its own) is left out; so is one for a rubric
    no file has (the rubrics may have been picked on purpose), unless its id
    is a near miss of a loaded one or ``strict`` says every rubric is loaded,
    as for proposals' assessments.  So is a proposal id not loaded, unless
    ``some_proposals`` says that only some of the rated proposals were
    loaded: then their ratings are left out.  Problems are recorded in each
    file's document.
    """
    found = Assessments()
    if not docs:
        return found
    by_id = {p.id: (doc, p) for doc, p in proposals}
    in_use = {r.id: r for r in rubrics}
    # (proposal, rubric, criterion, rater) -> where it was rated first; lines are looked up only for a duplicate.
    seen: dict[tuple, tuple[Document, str]] = {}
    for doc, proposal in proposals:
        for rid, by_criterion in proposal.assessments.items():
            for cid, ratings in by_criterion.items():
                for index, rating in enumerate(ratings):
                    seen.setdefault((proposal.id, rid, cid, rating.rater), (doc, f"assessments.{rid}.{cid}[{index}]"))
    for doc in docs:
        if doc.data is None:
            continue
        fields = check_table(doc, doc.data, "", ASSESSMENT_FIELDS)
        rubric_id = fields.get("rubric")
        rubric = in_use.get(rubric_id) if rubric_id is not None else None
        if rubric is None:
            hint = did_you_mean(rubric_id, sorted(read_ids)) if rubric_id is not None else ""
            if rubric_id is not None and rubric_id not in read_ids and (strict or "did you mean" in hint):
                doc.problem("rubric", f"no loaded rubric has id {rubric_id!r}{hint}")
            continue
        own = {s.id: s for s in parse_sources(doc, fields.get("sources"))}
        for pid, by_criterion in fields.get("ratings", {}).items():
            pkey = f"ratings.{pid}"
            if pid not in by_id:
                if some_proposals:
                    continue
                doc.problem(pkey, f"no loaded proposal has id {pid!r}{did_you_mean(pid, list(by_id))}")
                continue
            if not isinstance(by_criterion, dict):
                doc.problem(pkey, f"expected a table of criterion ids, found {describe(by_criterion)}")
                continue
            proposal = by_id[pid][1]
            theirs = {s.id: s for s in proposal.sources}
            for sid in own.keys() & theirs.keys():
                if own[sid] != theirs[sid]:
                    doc.problem("sources", f"source {sid!r} differs from proposal {pid!r}'s source of that id; rename it")
            for cid, entries in by_criterion.items():
                ckey = f"{pkey}.{cid}"
                parsed = parse_ratings(doc, ckey, entries, theirs.keys() | own.keys(), fields.get("rater"))
                if parsed is None:
                    continue
                parsed = check_ratings(doc, ckey, rubric, cid, parsed, registry)
                for index, rating in enumerate(parsed):
                    where = seen.setdefault((pid, rubric.id, cid, rating.rater), (doc, f"{ckey}[{index}]"))
                    if where[0] is not doc or where[1] != f"{ckey}[{index}]":
                        other, key = where
                        doc.problem(
                            f"{ckey}[{index}]",
                            f"rater {rating.rater!r} already rates criterion {cid!r} of proposal {pid!r} "
                            f"in {other.path} (line {other.line_of(key)}); keep one of the two ratings",
                        )
                        continue
                    found.ratings.setdefault(pid, {}).setdefault(rubric.id, {}).setdefault(cid, []).append(
                        attrs.evolve(rating, origin=Path(doc.path), origin_digest=doc.digest)
                    )
                    for sid in rating.sources:
                        if sid in own and sid not in theirs:
                            found.sources.setdefault(pid, {})[sid] = own[sid]
    return found

