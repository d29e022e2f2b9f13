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
from rubric.tree import hierarchical, node_method, node_weights

__all__ = ["Explanation"]


def _prose(text: str) -> str:
    """Text from a TOML multi-line string as one paragraph, for table cells."""
    return " ".join(text.split())


def _rater(rating) -> str:
    """The rater, and the assessment file the rating came from when it is not the proposal's own."""
    return f"{rating.rater} (from {rating.origin})" if rating.origin is not None else rating.rater


def _label(label, value) -> str:
    """The scale label of a value; for a filled gap, which gap and which rule filled it."""
    return f"{value.gap}, filled by rule {value.rule}" if value.gap else label(value.score)


def _letters(rating) -> str:
    """What a rater who gave letter grades wrote: ``B-``, or ``B- (C+ to B+)`` with an interval; empty for numbers."""
    if not rating.letters:
        return ""

    def given(name: str) -> str:
        if getattr(rating, name) is None:
            name = "score"  # an open end of the interval is the score
        return rating.letter(name) or f"{getattr(rating, name):g}"

    ends = f" ({given('low')} to {given('high')})" if rating.letter("low") or rating.letter("high") else ""
    return given("score") + ends


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
        graded = ("Grade",) if ev.rubric.grades else ()
        return Table(
            title=f"Scores under rubric {ev.rubric.id!r} (v{ev.rubric.version})",
            headers=("Scheme", "Method", "Score", *graded, "Rank", *(g.title for g in groups)),
            rows=tuple(
                (r.scheme.id, r.scheme.aggregation.name, r.scores[i], *((ev.grade(r, None, i),) if graded else ()), r.ranks[i],
                 *(r.groups[g.id][i] for g in groups))
                for r in ev.results
            ),
            notes=(f"Ranks are out of {len(ev.proposals)} proposals.", *self.red_line_notes()),
            name="scores",
            data=tuple(record for r in ev.results for record in ev.score_records(r, proposal=i)),
        )

    def red_line_notes(self) -> tuple[str, ...]:
        """Every red line the proposal crosses, under each scheme: which line, its value and by how much."""
        ev, i, _, _ = self._where
        return tuple(f"Red line under {r.scheme.id!r}: {hit.describe()}." for r in ev.results for hit in r.hits(i))

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

    def tree_table(self) -> Table:
        """The whole value tree under one scheme: each node's method, score, weight and contribution."""
        ev, i, proposal, result = self._where
        rubric, scheme = ev.rubric, result.scheme
        weights = node_weights(rubric, result.weights)
        scores = {**{c.id: v.score for c, v in zip(rubric.criteria, ev.values[i])}, **{g: s[i] for g, s in result.groups.items()}}
        titles = {**{c.id: c.title for c in rubric.criteria}, **{g.id: g.title for g in rubric.groups}}
        groups = {g.id for g in rubric.groups}
        rows = [("Total", 0, scheme.aggregation.name, result.scores[i], 1.0, 1.0, result.scores[i])]
        data = [{"node": None, "kind": "total", "depth": 0, "parent": None, "method": scheme.aggregation.name,
                 "score": result.scores[i], "weight": 1.0, "local_weight": 1.0, "contribution": result.scores[i]}]

        def visit(node, depth):
            share = weights[node] if node is not None else 1.0
            for child in rubric.children(node):
                method = node_method(scheme, child).name if child in groups else ""
                local = weights[child] / share if share > 0 else None
                score = scores[child]
                contribution = None if score is None else weights[child] * score
                rows.append(("  " * (depth - 1) + titles[child], depth, method, score, weights[child], local, contribution))
                data.append({"node": child, "kind": "group" if child in groups else "criterion", "depth": depth,
                             "parent": node, "method": method or None, "score": score, "weight": weights[child],
                             "local_weight": local, "contribution": contribution})
                if child in groups:
                    visit(child, depth + 1)

        visit(None, 1)
        base = {"rubric": rubric.id, **result.fields, "proposal": proposal.id}
        return Table(
            title=f"The value tree under scheme {scheme.id!r}",
            headers=("Node", "Depth", "Method", "Score", "Weight", "Local weight", "Contribution"),
            rows=tuple(rows),
            notes=(
                "Weight: the node's share of the total (the sum of its criteria's weights); local weight: its share "
                "among its siblings, which its parent aggregates it with; contribution = weight × score, which adds "
                "up to the total under a weighted sum at every node.",
            ),
            name="tree",
            data=tuple({**base, **record} for record in data),
        )

    def ratings_table(self) -> Table:
        """Every rating with its rationale; a ``Letter`` column beside the score when some rater gave a letter grade."""
        ev, i, proposal, _ = self._where
        lettered = any(r.letters for v in ev.values[i] for r in v.raters)
        rows, data = [], []
        for c, v in zip(ev.rubric.criteria, ev.values[i]):
            base = {"rubric": ev.rubric.id, "proposal": proposal.id, "criterion": c.id}
            if not v.raters:
                source = f"{v.gap}: rule {v.rule}" if v.gap else f"computed ({c.kind})"
                rows.append((c.title, source, v.score, *(("",) if lettered else ()), _interval(v), None, _prose(v.note), ""))
                data.append({**base, "rater": None, "kind": c.kind, "score": v.score, **({"letter": None} if lettered else {}),
                             "low": v.low, "high": v.high, "confidence": None, "rationale": v.note, "sources": [],
                             "file": str(proposal.path or "")})
            for r in v.raters:
                letter = (_letters(r),) if lettered else ()
                rows.append((c.title, _rater(r), r.score, *letter, _interval(r), r.confidence, _prose(r.rationale),
                             ", ".join(r.sources)))
                data.append({**base, "rater": r.rater, "kind": c.kind, "score": r.score,
                             **({"letter": r.letter() or None} if lettered else {}), "low": r.low, "high": r.high,
                             "confidence": r.confidence, "rationale": r.rationale, "sources": list(r.sources),
                             "file": str(r.origin or proposal.path or "")})
        return Table(
            title="Ratings and rationale",
            headers=("Criterion", "Rater", "Score", *(("Letter",) if lettered else ()), "Interval", "Confidence", "Rationale",
                     "Sources"),
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
        """About, scores by scheme, criteria, the tree (if deeper than one level of groups or evaluated
        bottom-up), ratings, the raters side by side (if several), sources."""
        ev, i, proposal, _ = self._where
        tables = [self.about_table(), self.scores_table(), self.criteria_table(), self.ratings_table()]
        if any(g.parent is not None for g in ev.rubric.groups) or hierarchical(ev.result(self.scheme_id).scheme):
            tables.insert(3, self.tree_table())
        if any(len(v.raters) > 1 for v in ev.values[i]):
            from rubric.raters import rater_table

            tables.append(rater_table(ev, proposal.id))
        return tables + [self.sources_table()]
