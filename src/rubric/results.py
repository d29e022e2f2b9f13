"""Result objects: what an evaluation found, as tables, records and HTML.

Results hold numbers, not text; :meth:`Evaluation.tables` and friends lay
them out as :class:`~rubric.components.Table` objects that any output format
renders, ``to_records()`` gives flat dictionaries for pandas, and
``_repr_html_`` shows them in a notebook.
"""

from __future__ import annotations

import itertools
from typing import Any, Mapping, Optional, Sequence

import attrs

from rubric.components import Table
from rubric.rendering import Rendered

__all__ = ["Comparison", "Evaluation", "Rank", "SchemeResult", "kendall_tau"]


class Rank(int):
    """A rank that knows whether it is shared; shown as ``2=`` when tied."""

    tied: bool

    def __new__(cls, value: int, tied: bool = False):
        rank = super().__new__(cls, value)
        rank.tied = tied
        return rank

    def __str__(self) -> str:
        return f"{int(self)}=" if self.tied else str(int(self))

    __repr__ = __str__


@attrs.frozen
class SchemeResult:
    """One scheme's outcome: weights, scores, group sub-scores and ranks.

    Sequences are aligned with :attr:`Evaluation.proposals`.
    """

    scheme: object
    weights: Mapping[str, float]
    details: Mapping
    totals: tuple
    groups: Mapping[str, tuple]
    ranks: tuple


@attrs.frozen(repr=False)
class Evaluation(Rendered):
    """Proposals scored under one rubric's schemes.

    ``values[i][j]`` is the :class:`~rubric.components.CriterionValue` of
    proposal ``i`` on criterion ``j``; ``results`` has one
    :class:`SchemeResult` per scheme.  ``not_applicable`` lists the
    proposals the rubric does not apply to: they are never scored as zero.
    ``registry`` is the :class:`~rubric.registry.Registry` it was computed
    with: the analyses run on an evaluation use the same plugins.
    """

    rubric: Any
    proposals: tuple
    not_applicable: tuple
    values: tuple
    results: tuple
    registry: Any = attrs.field(eq=False, repr=False)

    def __repr__(self) -> str:
        return (
            f"<Evaluation of {len(self.proposals)} proposals under rubric {self.rubric.id!r} "
            f"v{self.rubric.version}, schemes {', '.join(r.scheme.id for r in self.results)}>"
        )

    def result(self, scheme_id: str) -> SchemeResult:
        """The result of the scheme with this id."""
        for result in self.results:
            if result.scheme.id == scheme_id:
                return result
        raise KeyError(scheme_id)

    def proposal_index(self, proposal_id: str) -> int:
        """Position of a proposal in :attr:`proposals`."""
        for index, proposal in enumerate(self.proposals):
            if proposal.id == proposal_id:
                return index
        raise KeyError(proposal_id)

    def contributions(self, scheme_id: str, proposal_id: str) -> dict:
        """weight × value per criterion: how much each moved the weighted-sum score."""
        result, i = self.result(scheme_id), self.proposal_index(proposal_id)
        return {c.id: result.weights[c.id] * v.score for c, v in zip(self.rubric.criteria, self.values[i])}

    @property
    def inputs(self) -> dict:
        """SHA-256 of every input file, for reproducibility."""
        files = {str(self.rubric.path): self.rubric.digest}
        files.update({str(p.path): p.digest for p in (*self.proposals, *self.not_applicable)})
        return files

    def table(self, scheme_id: Optional[str] = None) -> Table:
        """Scores, group sub-scores and ranks under one scheme (default: the first)."""
        result = self.result(scheme_id) if scheme_id else self.results[0]
        groups = self.rubric.top_groups
        order = sorted(range(len(self.proposals)), key=lambda i: (result.ranks[i], self.proposals[i].id))
        rows = [
            (result.ranks[i], self.proposals[i].id, result.totals[i], *(result.groups[g.id][i] for g in groups))
            for i in order
        ]
        rows += [(None, p.id, None, *(None for _ in groups)) for p in self.not_applicable]
        scheme = result.scheme
        notes = []
        if self.not_applicable:
            notes.append(f"n/a: rubric {self.rubric.id!r} does not apply (no assessments for it).")
        if any(r.tied for r in result.ranks):
            notes.append("A rank followed by '=' is shared by proposals with equal scores.")
        return Table(
            title=f"{self.rubric.title} (v{self.rubric.version}): scheme {scheme.id!r}, {scheme.aggregation.name}",
            headers=("Rank", "Proposal", "Score", *(g.title for g in groups)),
            rows=tuple(rows),
            notes=tuple(notes),
        )

    def tables(self, schemes: Optional[Sequence[str]] = None) -> list:
        """One :meth:`table` per scheme."""
        return [self.table(s) for s in (schemes or [r.scheme.id for r in self.results])]

    def to_records(self) -> list:
        """One flat record per proposal and scheme (``pandas.DataFrame(records)``)."""
        records = []
        groups = self.rubric.top_groups
        for result in self.results:
            for i, proposal in enumerate(self.proposals):
                record = {
                    "rubric": self.rubric.id,
                    "rubric_version": self.rubric.version,
                    "scheme": result.scheme.id,
                    "method": result.scheme.aggregation.name,
                    "proposal": proposal.id,
                    "score": result.totals[i],
                    "rank": int(result.ranks[i]),
                    "tied": result.ranks[i].tied,
                }
                record.update({g.id: result.groups[g.id][i] for g in groups})
                records.append(record)
        return records

    def compare(self, *, top: int = 3) -> "Comparison":
        """How far the schemes agree, and which conclusions hold under all of them."""
        return Comparison(self, top=top)

    def explain(self, proposal_id: str, scheme_id: Optional[str] = None) -> list:
        """Tables tracing a proposal's scores to values, weights, raters and sources."""
        from rubric.explain import explain

        return explain(self, proposal_id, scheme_id)


def kendall_tau(a: Sequence[float], b: Sequence[float]) -> Optional[float]:
    """Kendall's tau-b rank correlation (ties handled); ``None`` if undefined.

    Kendall, M. G. (1945) "The treatment of ties in ranking problems",
    Biometrika 33(3): tau-b = (C − D) / sqrt((n0 − n1)(n0 − n2)).
    """
    concordant = discordant = ties_a = ties_b = 0
    for i, j in itertools.combinations(range(len(a)), 2):
        da, db = a[i] - a[j], b[i] - b[j]
        if da == 0 and db == 0:
            continue
        if da == 0:
            ties_a += 1
        elif db == 0:
            ties_b += 1
        elif (da > 0) == (db > 0):
            concordant += 1
        else:
            discordant += 1
    denominator = ((concordant + discordant + ties_a) * (concordant + discordant + ties_b)) ** 0.5
    return (concordant - discordant) / denominator if denominator else None


class Comparison(Rendered):
    """Proposals × schemes: scores and ranks, rank agreement, robust conclusions."""

    def __init__(self, evaluation: Evaluation, *, top: int = 3):
        self.evaluation = evaluation
        self.top = top
        results = evaluation.results
        ranks = [[int(r) for r in result.ranks] for result in results]
        self.tau = {
            (x.scheme.id, y.scheme.id): kendall_tau([-r for r in rx], [-r for r in ry])
            for (x, rx), (y, ry) in itertools.product(zip(results, ranks), repeat=2)
        }
        ids = [p.id for p in evaluation.proposals]
        self.stable_rank = [pid for i, pid in enumerate(ids) if len({r[i] for r in ranks}) == 1]
        self.always_top = [pid for i, pid in enumerate(ids) if all(r[i] <= top for r in ranks)]
        last = len(ids) - top
        self.always_bottom = [pid for i, pid in enumerate(ids) if all(r[i] > last for r in ranks)]
        self.best_worst = {pid: (min(r[i] for r in ranks), max(r[i] for r in ranks)) for i, pid in enumerate(ids)}

    def __repr__(self) -> str:
        return f"<Comparison of {len(self.evaluation.results)} schemes under rubric {self.evaluation.rubric.id!r}>"

    def _by_scheme(self, what: str, cell) -> Table:
        """Proposals × schemes, rows in the first scheme's rank order, n/a rows last."""
        ev = self.evaluation
        results = ev.results
        order = sorted(range(len(ev.proposals)), key=lambda i: (results[0].ranks[i], ev.proposals[i].id))
        rows = [(ev.proposals[i].id, *(cell(r, i) for r in results)) for i in order]
        rows += [(p.id, *([None] * len(results))) for p in ev.not_applicable]
        notes = [f"{r.scheme.id}: {r.scheme.title} ({r.scheme.aggregation.name})" for r in results]
        if ev.not_applicable:
            notes.append(f"n/a: rubric {ev.rubric.id!r} does not apply (no assessments for it).")
        return Table(
            title=f"{ev.rubric.title} (v{ev.rubric.version}): {what} by scheme",
            headers=("Proposal", *(r.scheme.id for r in results)),
            rows=tuple(rows),
            notes=tuple(notes),
        )

    def scores_table(self) -> Table:
        """Each proposal's score under each scheme."""
        return self._by_scheme("scores", lambda result, i: result.totals[i])

    def ranks_table(self) -> Table:
        """Each proposal's rank under each scheme ('2=' where shared)."""
        table = self._by_scheme("ranks", lambda result, i: result.ranks[i])
        if any(r.tied for result in self.evaluation.results for r in result.ranks):
            table = attrs.evolve(table, notes=table.notes + ("A rank followed by '=' is shared by proposals with equal scores.",))
        return table

    def agreement_table(self) -> Table:
        ids = [r.scheme.id for r in self.evaluation.results]
        rows = tuple((a, *(self.tau[(a, b)] for b in ids)) for a in ids)
        return Table(
            title="Rank agreement between schemes (Kendall's tau-b: 1 same order, -1 reversed)",
            headers=("Scheme", *ids),
            rows=rows,
        )

    def robustness_table(self) -> Table:
        ev = self.evaluation
        rows = tuple(
            (
                pid,
                best,
                worst,
                "yes" if pid in self.stable_rank else "no",
                "yes" if pid in self.always_top else "no",
                "yes" if pid in self.always_bottom else "no",
            )
            for pid, (best, worst) in sorted(self.best_worst.items(), key=lambda item: (item[1], item[0]))
        )
        notes = (
            f"Keeps its rank under every scheme: {', '.join(self.stable_rank) or 'none'}.",
            f"In the top {self.top} under every scheme: {', '.join(self.always_top) or 'none'}.",
            f"In the bottom {self.top} under every scheme: {', '.join(self.always_bottom) or 'none'}.",
        )
        return Table(
            title=f"Which conclusions hold under all {len(ev.results)} schemes",
            headers=(
                "Proposal",
                "Best rank",
                "Worst rank",
                "Same rank everywhere",
                f"Top {self.top} everywhere",
                f"Bottom {self.top} everywhere",
            ),
            rows=rows,
            notes=notes,
        )

    def tables(self) -> list:
        return [self.scores_table(), self.ranks_table(), self.agreement_table(), self.robustness_table()]

    def to_records(self) -> list:
        """One record per pair of schemes with their Kendall tau-b."""
        return [{"scheme_a": a, "scheme_b": b, "kendall_tau_b": tau} for (a, b), tau in self.tau.items()]
