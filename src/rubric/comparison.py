"""Comparing an evaluation's schemes: scores and ranks side by side, rank agreement, robust conclusions.

Kept apart from :mod:`rubric.results` (which it only reads, through the
evaluation it is given) so that neither module grows past one concern.
"""

from __future__ import annotations

import itertools
from typing import Any, Optional, Sequence

import attrs

from rubric.components import Table
from rubric.partial import partial_kendall_tau
from rubric.ranks import RED_LINE_NOTE, TIE_NOTE
from rubric.redlines import lines_for
from rubric.rendering import Rendered

__all__ = ["Comparison", "scheme_agreement"]


def scheme_agreement(x: Any, rx: Sequence[int], y: Any, ry: Sequence[int]) -> Optional[float]:
    """Kendall's tau-b of two schemes' ranks; pairs a scheme leaves incomparable count as unordered in it."""
    if x.incomparable or y.incomparable:
        return partial_kendall_tau([-r for r in rx], [-r for r in ry], x.incomparable, y.incomparable)
    from rubric.kendall import kendall_tau  # here: `score` never compares, so it never imports it

    return kendall_tau(rx, ry)


class Comparison(Rendered):
    """Proposals × schemes: scores and ranks, rank agreement, robust conclusions.

    ``top`` is capped at half the number of proposals, so that "in the top k"
    and "in the bottom k" never overlap; ``requested_top`` keeps what was asked.
    """

    def __init__(self, evaluation: Any, *, top: int = 3):
        self.evaluation = evaluation
        self.requested_top = top
        results = evaluation.results
        ids = [p.id for p in evaluation.proposals]
        self.top = top = min(top, len(ids) // 2)
        ranks = [[int(r) for r in result.ranks] for result in results]
        # Each unordered pair once (tau is symmetric); a ranking agrees fully with itself unless it
        # ties every proposal, where tau-b is undefined.
        self.tau = {(x.scheme.id, x.scheme.id): 1.0 if len(set(rx)) > 1 else None for x, rx in zip(results, ranks)}
        for (x, rx), (y, ry) in itertools.combinations(zip(results, ranks), 2):
            self.tau[(x.scheme.id, y.scheme.id)] = self.tau[(y.scheme.id, x.scheme.id)] = scheme_agreement(x, rx, y, ry)
        self.best_worst = {pid: (min(each), max(each)) for pid, each in zip(ids, zip(*ranks))} if ranks else {}
        self.stable_rank = [pid for pid, (best, worst) in self.best_worst.items() if best == worst]
        self.always_top = [pid for pid, (_, worst) in self.best_worst.items() if worst <= top]
        last = len(ids) - top
        self.always_bottom = [pid for pid, (best, _) in self.best_worst.items() if best > last]

    def __repr__(self) -> str:
        return f"<Comparison of {len(self.evaluation.results)} schemes under rubric {self.evaluation.rubric.id!r}>"

    def _by_scheme(self, what: str, cell, notes: Sequence[str], measure: str) -> Table:
        """Proposals × schemes, rows in the first scheme's rank order."""
        ev = self.evaluation
        results = ev.results
        rows = [(ev.label(i), *(cell(r, i) for r in results)) for i in ev.order(results[0])] if results else []
        return Table(
            title=f"{ev.heading}: {what} by scheme",
            headers=("Proposal", *(r.scheme.id for r in results)),
            rows=tuple(rows),
            notes=tuple(notes),
            name=f"{measure}s",
            data=tuple(record for r in results for record in ev.score_records(r, (measure,))),
        )

    def scores_table(self) -> Table:
        """Each proposal's score under each scheme, with the schemes' legend and the n/a line."""
        ev = self.evaluation
        legend = [f"{r.scheme.id}: {r.scheme.title} ({r.scheme.aggregation.name})" for r in ev.results]
        notes = [*legend, *ev.not_applicable_note(), *ev.gap_notes()]
        return self._by_scheme("scores", lambda result, i: result.scores[i], notes, "score")

    def ranks_table(self) -> Table:
        """Each proposal's rank under each scheme ('2=' where shared, '2!' marked and 'excluded' by a red line)."""
        tied = any(r.tied for result in self.evaluation.results for r in result.ranks)
        marked = any(result.red_lines for result in self.evaluation.results)
        notes = [TIE_NOTE] * tied + [RED_LINE_NOTE] * marked + self.evaluation.incomparable_notes(self.evaluation.results)
        return self._by_scheme("ranks", lambda result, i: result.ranks[i], notes, "rank")

    def grades_table(self) -> Table:
        """Each proposal's grade on the total under each scheme."""
        ev = self.evaluation
        labels = " > ".join(ev.rubric.grades.labels) if ev.rubric.grades else ""
        table = self._by_scheme("grades", lambda result, i: ev.grade(result, None, i), [f"Grades, best first: {labels}."], "rank")
        data = tuple(
            {"rubric": ev.rubric.id, **r.fields, "proposal": p.id, "measure": "grade", "value": ev.grade(r, None, i)}
            for r in ev.results
            for i, p in enumerate(ev.proposals)
        )
        return attrs.evolve(table, name="grades", data=data)

    def red_lines_table(self) -> Table:
        """Which proposals cross a red line under which scheme, and what it does to them."""
        ev = self.evaluation
        rows, data = [], []
        for i in ev.order(ev.results[0]):
            for result in ev.results:
                for hit in result.hits(i):
                    rows.append((ev.proposals[i].id, result.scheme.id, hit.line.node, hit.value, hit.bound, hit.by,
                                 hit.rater or "", hit.line.effect))
                    data.append({"rubric": ev.rubric.id, **result.fields, "proposal": ev.proposals[i].id,
                                 "node": hit.line.node, "value": hit.value, "side": hit.side, "bound": hit.bound,
                                 "by": hit.by, "rater": hit.rater, "effect": hit.line.effect, "cap": hit.line.cap})
        excluded = {
            r.scheme.id: [p.id for p, rank in zip(ev.proposals, r.ranks) if getattr(rank, "red_line", "") == "exclude"]
            for r in ev.results
        }
        notes = [f"Excluded under {scheme!r}: {', '.join(ids)}." for scheme, ids in excluded.items() if ids]
        return Table(
            title=f"{ev.heading}: red lines crossed, by scheme",
            headers=("Proposal", "Scheme", "Line on", "Value", "Bound", "By", "Rater", "Effect"),
            rows=tuple(rows),
            notes=tuple(notes or ["No proposal is excluded under any scheme."]),
            name="red_lines",
            data=tuple(data),
        )

    def agreement_table(self) -> Table:
        ev = self.evaluation
        ids = [r.scheme.id for r in ev.results]
        rows = tuple((a, *(self.tau[(a, b)] for b in ids)) for a in ids)
        data = tuple(
            {
                "rubric": ev.rubric.id,
                **{f"{key}_a": value for key, value in x.fields.items()},
                **{f"{key}_b": value for key, value in y.fields.items()},
                "measure": "kendall_tau_b",
                "value": self.tau[(x.scheme.id, y.scheme.id)],
            }
            for x, y in itertools.product(ev.results, repeat=2)
        )
        return Table(
            title=f"Rank agreement between the schemes of rubric {ev.rubric.id!r} (Kendall's tau-b: 1 same order, -1 reversed)",
            headers=("Scheme", *ids),
            rows=rows,
            name="agreement",
            data=data,
            notes=("Pairs a scheme leaves incomparable count as unordered in it, like ties.",) * any(
                r.incomparable for r in ev.results
            ),
        )

    def robustness_table(self) -> Table:
        ev = self.evaluation
        ordered = sorted(self.best_worst.items(), key=lambda item: (item[1], item[0]))
        flags = {
            "same_rank_everywhere": self.stable_rank,
            "top_everywhere": self.always_top,
            "bottom_everywhere": self.always_bottom,
        }
        rows = tuple(
            (pid, best, worst, *("yes" if pid in ids else "no" for ids in flags.values())) for pid, (best, worst) in ordered
        )
        data = tuple(
            {"rubric": ev.rubric.id, "proposal": pid, "top": self.top, "measure": measure, "value": value}
            for pid, (best, worst) in ordered
            for measure, value in (("best_rank", best), ("worst_rank", worst), *((m, pid in ids) for m, ids in flags.items()))
        )
        notes = [
            f"Keeps its rank under every scheme: {', '.join(self.stable_rank) or 'none'}.",
            f"In the top {self.top} under every scheme: {', '.join(self.always_top) or 'none'}.",
            f"In the bottom {self.top} under every scheme: {', '.join(self.always_bottom) or 'none'}.",
        ]
        if self.top < self.requested_top:
            notes.append(
                f"Top {self.requested_top} was capped at {self.top}, half of the {len(ev.proposals)} proposals, "
                "so that the top and the bottom never overlap."
            )
        return Table(
            title=f"Which conclusions hold under all {len(ev.results)} schemes of rubric {ev.rubric.id!r}",
            headers=(
                "Proposal",
                "Best rank",
                "Worst rank",
                "Same rank everywhere",
                f"Top {self.top} everywhere",
                f"Bottom {self.top} everywhere",
            ),
            rows=rows,
            notes=tuple(notes),
            name="robustness",
            data=data,
        )

    def tables(self) -> list:
        """Scores, ranks, grades and red lines (where the rubric has them), agreement, robustness."""
        ev = self.evaluation
        rules = [self.grades_table()] if ev.rubric.grades and ev.results else []
        if any(lines_for(ev.rubric, r.scheme) for r in ev.results):
            rules.append(self.red_lines_table())
        tables = [self.scores_table(), self.ranks_table(), *rules, self.agreement_table(), self.robustness_table()]
        return tables + ev.incomparable_tables(ev.results)
