"""``rubric explain``: every number of a proposal traced to its reasons.

The proposal itself, its score under every scheme, then per criterion its
value and label, weight and contribution under one scheme, then every rating
with its rationale and sources, and the sources in full.
"""

from __future__ import annotations

from typing import Optional

from rubric.components import Table


def _prose(text: str) -> str:
    """Text from a TOML multi-line string as one paragraph, for table cells."""
    return " ".join(text.split())


def _interval(value) -> Optional[str]:
    """``low to high`` where either end is given (the other is the score), else None."""
    if value.low is None and value.high is None:
        return None
    low = value.score if value.low is None else value.low
    high = value.score if value.high is None else value.high
    return f"{low:g} to {high:g}"


def explain(evaluation, proposal_id: str, scheme_id: Optional[str] = None) -> list:
    """The tables that trace a proposal's scores (see the module docstring)."""
    rubric = evaluation.rubric
    i = evaluation.proposal_index(proposal_id)
    proposal = evaluation.proposals[i]
    result = evaluation.result(scheme_id) if scheme_id else evaluation.results[0]
    groups = rubric.top_groups
    about = Table(
        title=f"{proposal.title} ({proposal.id})",
        headers=("Field", "Value"),
        rows=tuple(
            (name, value)
            for name, value in (
                ("summary", _prose(proposal.summary)),
                ("sponsor", proposal.sponsor),
                ("status", proposal.status),
                ("date", str(proposal.date) if proposal.date else ""),
                ("tags", ", ".join(proposal.tags)),
                ("file", str(proposal.path or "")),
                *((f"fact: {k}", v) for k, v in proposal.facts.items()),
            )
            if value != ""
        ),
    )
    by_scheme = Table(
        title=f"Scores under rubric {rubric.id!r} (v{rubric.version})",
        headers=("Scheme", "Method", "Score", "Rank", *(g.title for g in groups)),
        rows=tuple(
            (r.scheme.id, r.scheme.aggregation.name, r.totals[i], r.ranks[i], *(r.groups[g.id][i] for g in groups))
            for r in evaluation.results
        ),
        notes=(f"Ranks are out of {len(evaluation.proposals)} proposals.",),
    )
    contributions = evaluation.contributions(result.scheme.id, proposal.id)
    titles = {g.id: g.title for g in rubric.groups}
    method = result.scheme.aggregation.name
    notes = [
        f"Contribution = weight × value; under {method!r}, a linear method, the contributions add up to the score "
        f"({result.totals[i]:.3f} under {result.scheme.id!r})."
        if evaluation.registry.aggregation_method(method).linear
        else f"Contribution = weight × value; {result.scheme.aggregation.name!r} does not add them up, "
        "they show how much each criterion weighs in."
    ]
    notes += [f"{name}: {value:.4g}" if isinstance(value, float) else f"{name}: {value}" for name, value in result.details.items()]
    criteria = Table(
        title=f"Criteria under scheme {result.scheme.id!r} ({result.scheme.title})",
        headers=("Group", "Criterion", "Value", "Label", "Interval", "Weight", "Contribution"),
        rows=tuple(
            (
                titles.get(c.group, c.group),
                c.title,
                v.score,
                rubric.scale.label(v.score),
                _interval(v),
                result.weights[c.id],
                contributions[c.id],
            )
            for c, v in zip(rubric.criteria, evaluation.values[i])
        ),
        notes=tuple(notes),
    )
    ratings = []
    for c, v in zip(rubric.criteria, evaluation.values[i]):
        if not v.raters:
            ratings.append((c.title, f"computed ({c.kind})", v.score, _interval(v), None, _prose(v.note), ""))
        for r in v.raters:
            ratings.append((c.title, r.rater, r.score, _interval(r), r.confidence, _prose(r.rationale), ", ".join(r.sources)))
    rating_notes = [f"{c.title}: {v.note}" for c, v in zip(rubric.criteria, evaluation.values[i]) if v.raters and v.note]
    rationale = Table(
        title="Ratings and rationale",
        headers=("Criterion", "Rater", "Score", "Interval", "Confidence", "Rationale", "Sources"),
        rows=tuple(ratings),
        notes=tuple(rating_notes),
    )
    sources = Table(
        title="Sources",
        headers=("Id", "Title", "Publisher", "URL", "Accessed"),
        rows=tuple((s.id, s.title, s.publisher, s.url, str(s.accessed or "")) for s in proposal.sources),
    )
    tables = [about, by_scheme, criteria, rationale]
    if any(len(v.raters) > 1 for v in evaluation.values[i]):
        from rubric.raters import rater_table

        tables.append(rater_table(evaluation, proposal.id))
    return tables + [sources]
