"""Writing a proposal back as its TOML table, for round-trip tests of the loader."""

from __future__ import annotations

import attrs

from rubric.model import Proposal


def proposal_to_data(proposal: Proposal) -> dict:
    """The TOML table of a proposal: the inverse of reading one (defaults left out)."""
    data: dict = {"id": proposal.id, "title": proposal.title}
    for name in ("summary", "sponsor", "status"):
        if getattr(proposal, name):
            data[name] = getattr(proposal, name)
    if proposal.date is not None:
        data["date"] = proposal.date
    if proposal.tags:
        data["tags"] = list(proposal.tags)
    if proposal.sources:
        data["sources"] = [
            {k: v for k, v in attrs.asdict(s).items() if v not in ("", None)} for s in proposal.sources
        ]
    if proposal.facts:
        data["facts"] = dict(proposal.facts)
    if proposal.assessments:
        data["assessments"] = {
            rubric_id: {
                criterion_id: [
                    {
                        k: list(v) if k == "sources" else v
                        for k, v in attrs.asdict(r).items()
                        if v not in (None, "", ())
                    }
                    for r in ratings
                ]
                for criterion_id, ratings in by_criterion.items()
            }
            for rubric_id, by_criterion in proposal.assessments.items()
        }
    return data
