"""``rubric explain``: every number of a proposal traced to its reasons.

The proposal itself, its score under every scheme, then per criterion its
value and label, weight and contribution under one scheme, then every rating
with its rationale and sources, and the sources in full.
"""

from __future__ import annotations

from typing import Any, Optional

import attrs

from rubric.components import Table
from rubric.rendering import Rendered

__all__ = ["Explanation"]


def _prose(text: str) -> str:
    """Text from a TOML multi-line string as one paragraph, for table cells."""
    return " ".join(text.split())


def _label(label, value) -> str:
    """The scale label of a value; for a filled gap, which gap and which rule filled it."""
    return f"{value.gap}, filled by rule {value.rule}" if value.gap else label(value.score)


def _interval(value) -> str:
    """``low to high`` where either end is given (the other is the score); empty where neither is."""
    if value.low is None and value.high is None:
        return ""
    low = value.score if value.low is None else value.low
    high = value.score if value.high is None else value.high
    return f"{low:g} to {high:g}"


@attrs.frozen(repr=False)
class Explanation(Rendered):
    """One proposal's scores under one rubric traced to values, weights, raters and sources.

    ``scheme_id`` is the scheme whose weights and contributions are shown
    (default: the rubric's first).
    """

    evaluation: Any
    proposal_id: str
    scheme_id: Optional[str] = None

    def __attrs_post_init__(self) -> None:
        # An unknown proposal or scheme fails here, where it is asked for, not when first shown.
        self.evaluation.proposal_index(self.proposal_id)
        self.evaluation.result(self.scheme_id)

    def __repr__(self) -> str:
        return f"<Explanation of {self.proposal_id!r} under rubric {self.evaluation.rubric.id!r}>"

    @property
    def _where(self):
        ev = self.evaluation
        i = ev.proposal_index(self.proposal_id)
        return ev, i, ev.proposals[i], ev.result(self.scheme_id)

    def about_table(self) -> Table:
        ev, _, proposal, _ = self._where
        fields: tuple[tuple[str, Any], ...] = (
            ("summary", _prose(proposal.summary)),
            ("sponsor", proposal.sponsor),
            ("status", proposal.status),
            ("date", str(proposal.date) if proposal.date else ""),
            ("tags", ", ".join(proposal.tags)),
            ("file", str(proposal.path or "")),
        )
        assessed, applicable = ev.coverage(ev.proposal_index(proposal.id))
        if assessed < len(ev.rubric.criteria):
            fields += (("coverage", f"{assessed}/{applicable} criteria assessed of those that apply"),)
        # (data key, shown name, value); facts keep their TOML key path.
        shown = [(name, name, value) for name, value in fields if value != ""]
        shown += [(f"facts.{k}", f"fact: {k}", v) for k, v in proposal.facts.items()]
        rows = tuple((name, value) for _, name, value in shown)
        data = tuple({"rubric": ev.rubric.id, "proposal": proposal.id, "field": key, "value": value} for key, _, value in shown)
        return Table(title=f"{proposal.title} ({proposal.id})", headers=("Field", "Value"), rows=rows, name="proposal", data=data)

    def scores_table(self) -> Table:
        ev, i, _, _ = self._where
        groups = ev.rubric.top_groups
        return Table(
            title=f"Scores under rubric {ev.rubric.id!r} (v{ev.rubric.version})",
            headers=("Scheme", "Method", "Score", "Rank", *(g.title for g in groups)),
            rows=tuple(
                (r.scheme.id, r.scheme.aggregation.name, r.scores[i], r.ranks[i], *(r.groups[g.id][i] for g in groups))
                for r in ev.results
            ),
            notes=(f"Ranks are out of {len(ev.proposals)} proposals.",),
            name="scores",
            data=tuple(record for r in ev.results for record in ev.score_records(r, proposal=i)),
        )

    def criteria_table(self) -> Table:
        ev, i, proposal, result = self._where
        rubric = ev.rubric
        contributions = ev.contributions(result.scheme.id, proposal.id)
        titles = {c.group: c.group for c in rubric.criteria} | {g.id: g.title for g in rubric.groups}
        method = result.scheme.aggregation.name
        notes = [
            f"Contribution = weight × value; under {method!r}, a linear method, the contributions add up to the score "
            f"({result.scores[i]:.3f} under {result.scheme.id!r})."
            if ev.registry.aggregation_method(method).linear
            else f"Contribution = weight × value; {method!r} does not add them up, they show how much each criterion weighs in."
        ]
        notes += [
            f"{name}: {value:.4g}" if isinstance(value, float) else f"{name}: {value}"
            for name, value in result.details.items()
        ]
        pairs = list(zip(rubric.criteria, ev.values[i]))
        label = rubric.scale.label
        return Table(
            title=f"Criteria under scheme {result.scheme.id!r} ({result.scheme.title})",
            headers=("Group", "Criterion", "Value", "Label", "Interval", "Weight", "Contribution"),
            rows=tuple(
                (titles[c.group], c.title, v.score, _label(label, v), _interval(v), result.weights[c.id], contributions[c.id])
                for c, v in pairs
            ),
            notes=tuple(notes),
            name="criteria",
            data=tuple(
                {
                    "rubric": rubric.id,
                    **result.fields,
                    "proposal": proposal.id,
                    "group": c.group,
                    "criterion": c.id,
                    "value": v.score,
                    "label": label(v.score),
                    "gap": v.gap or None,
                    "rule": v.rule or None,
                    "low": v.low,
                    "high": v.high,
                    "weight": result.weights[c.id],
                    "contribution": contributions[c.id],
                }
                for c, v in pairs
            ),
        )

    def ratings_table(self) -> Table:
        ev, i, proposal, _ = self._where
        rows, data = [], []
        for c, v in zip(ev.rubric.criteria, ev.values[i]):
            base = {"rubric": ev.rubric.id, "proposal": proposal.id, "criterion": c.id}
            if not v.raters:
                source = f"{v.gap}: rule {v.rule}" if v.gap else f"computed ({c.kind})"
                rows.append((c.title, source, v.score, _interval(v), None, _prose(v.note), ""))
                data.append({**base, "rater": None, "kind": c.kind, "score": v.score, "low": v.low, "high": v.high,
                             "confidence": None, "rationale": v.note, "sources": []})
            for r in v.raters:
                rows.append((c.title, r.rater, r.score, _interval(r), r.confidence, _prose(r.rationale), ", ".join(r.sources)))
                data.append({**base, "rater": r.rater, "kind": c.kind, "score": r.score, "low": r.low, "high": r.high,
                             "confidence": r.confidence, "rationale": r.rationale, "sources": list(r.sources)})
        return Table(
            title="Ratings and rationale",
            headers=("Criterion", "Rater", "Score", "Interval", "Confidence", "Rationale", "Sources"),
            rows=tuple(rows),
            notes=tuple(f"{c.title}: {v.note}" for c, v in zip(ev.rubric.criteria, ev.values[i]) if v.raters and v.note),
            name="ratings",
            data=tuple(data),
        )

    def sources_table(self) -> Table:
        ev, _, proposal, _ = self._where
        fields = ("id", "title", "publisher", "url", "accessed")
        sources = [(s.id, s.title, s.publisher, s.url, str(s.accessed or "")) for s in proposal.sources]
        return Table(
            title="Sources",
            headers=("Id", "Title", "Publisher", "URL", "Accessed"),
            rows=tuple(sources),
            name="sources",
            data=tuple({"rubric": ev.rubric.id, "proposal": proposal.id, **dict(zip(fields, s))} for s in sources),
        )

    def tables(self) -> list:
        """About, scores by scheme, criteria, ratings, the raters side by side (if several), sources."""
        ev, i, proposal, _ = self._where
        tables = [self.about_table(), self.scores_table(), self.criteria_table(), self.ratings_table()]
        if any(len(v.raters) > 1 for v in ev.values[i]):
            from rubric.raters import rater_table

            tables.append(rater_table(ev, proposal.id))
        return tables + [self.sources_table()]
