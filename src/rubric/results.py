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
from rubric.errors import UnknownNameError
from rubric.model import Group, Rubric
from rubric.partial import incomparable_note, incomparable_tables, partial_kendall_tau
from rubric.registry import Registry
from rubric.rendering import Rendered
from rubric.tree import depths, node_weights, preorder, presentation, published, shown
from rubric.weights import total_points

__all__ = ["TIE_NOTE", "Comparison", "Evaluation", "Rank", "SchemeResult", "kendall_tau"]

TIE_NOTE = "A rank followed by '=' is shared by proposals with equal scores."


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

    scheme: Any
    weights: Mapping[str, float]
    details: Mapping
    totals: tuple
    groups: Mapping[str, tuple]
    ranks: tuple
    #: The totals as shown: without the tie-break a method adds to order
    #: exactly (its ``primary`` values); ``ranks`` follow ``totals``.
    scores: tuple = ()
    #: Pairs of proposal indices (i < j) the scheme's method leaves incomparable
    #: (a partial order: ELECTRE III, PROMETHEE I); their ranks say nothing about each other.
    incomparable: tuple = ()

    @property
    def fields(self) -> dict:
        """The scheme and method as data fields (a ``--methods`` column ``balanced/topsis`` splits in two)."""
        return {"scheme": self.scheme.id.partition("/")[0], "method": self.scheme.aggregation.name}


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

    rubric: Rubric
    proposals: tuple
    not_applicable: tuple
    values: tuple
    results: tuple
    registry: Registry = attrs.field(eq=False, repr=False)

    def __repr__(self) -> str:
        return (
            f"<Evaluation of {len(self.proposals)} proposals under rubric {self.rubric.id!r} "
            f"v{self.rubric.version}, schemes {', '.join(r.scheme.id for r in self.results)}>"
        )

    def result(self, scheme_id: Optional[str] = None) -> SchemeResult:
        """The result of the scheme with this id; by default the first scheme's (the rubric's default)."""
        if scheme_id is None:
            return self.results[0]
        for result in self.results:
            if result.scheme.id == scheme_id:
                return result
        known = [r.scheme.id for r in self.results]
        raise UnknownNameError("scheme", scheme_id, known, f" in this evaluation of {self.rubric.id!r}")

    def proposal_index(self, proposal_id: str) -> int:
        """Position of a proposal in :attr:`proposals`."""
        for index, proposal in enumerate(self.proposals):
            if proposal.id == proposal_id:
                return index
        raise UnknownNameError(
            "proposal", proposal_id, [p.id for p in self.proposals], f" among those rubric {self.rubric.id!r} applies to"
        )

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

    @property
    def heading(self) -> str:
        """The rubric's title with its id (the value ``--rubric`` takes) and version."""
        return f"{self.rubric.title} (rubric {self.rubric.id!r}, v{self.rubric.version})"

    def not_applicable_note(self) -> tuple:
        """One line naming the proposals the rubric does not apply to (none: no line)."""
        if not self.not_applicable:
            return ()
        n = len(self.not_applicable)
        ids = ", ".join(p.id for p in self.not_applicable)
        return (f"n/a: rubric {self.rubric.id!r} does not apply to {n} proposal{'s' * (n != 1)} (no assessments for it): {ids}.",)

    def score_records(
        self, result: SchemeResult, measures: Sequence[str] = ("score", "rank"), proposal: Optional[int] = None
    ) -> tuple:
        """Tidy records of one scheme's results: one per proposal and measure.

        ``score`` gives the total (``group`` null) and every group's
        sub-score, at every depth (where the tree is deeper than one level,
        each group record says its ``depth`` and ``parent``); ``rank`` the
        rank, with ``tied`` saying whether it is shared.  Proposals the rubric
        does not apply to have a null score.
        """
        base = {"rubric": self.rubric.id, "rubric_version": self.rubric.version, **result.fields}
        groups = [(g, self.group_fields(g)) for g in preorder(self.rubric)]
        plain = self.presenting(result) == ("mean",) and self.rubric.precision is None
        records = []
        for i in range(len(self.proposals)) if proposal is None else (proposal,):
            row = {**base, "proposal": self.proposals[i].id}
            tied = result.ranks[i].tied
            if "score" in measures:
                records.append({**row, "group": None, "measure": "score", "value": result.scores[i], "tied": tied,
                                **self.shown_fields(result, None, i, plain)})
                records += [
                    {**row, "group": g.id, **where, "measure": "score", "value": result.groups[g.id][i], "tied": tied,
                     **self.shown_fields(result, g.id, i, plain)}
                    for g, where in groups
                ]
            if "rank" in measures:
                records.append({**row, "group": None, "measure": "rank", "value": int(result.ranks[i]), "tied": tied})
        if proposal is None and "score" in measures:
            records += [
                {**base, "proposal": p.id, "group": None, "measure": "score", "value": None, "tied": None}
                for p in self.not_applicable
            ]
        return tuple(records)

    def shown_fields(self, result: SchemeResult, node: Optional[str], i: int, plain: bool) -> dict:
        """``shown`` (the value as the table shows it), ``present`` and ``max_points``, unless scores are shown plain."""
        if plain:
            return {}
        mode = presentation(self.presenting(result), 0 if node is None else depths(self.rubric)[node])
        return {"present": mode, "shown": self.shown(result, node, i), "max_points": self.max_points(result, node)}

    def group_fields(self, group: Group) -> dict:
        """A group's ``depth`` and ``parent`` as data fields, where the tree has more than one level of groups."""
        if all(g.parent is None for g in self.rubric.groups):
            return {}
        return {"depth": depths(self.rubric)[group.id], "parent": group.parent}

    def order(self, result: SchemeResult) -> list:
        """Positions of the proposals in rank order (ties by id)."""
        return sorted(range(len(self.proposals)), key=lambda i: (result.ranks[i], self.proposals[i].id))

    def presenting(self, result: SchemeResult) -> tuple[str, ...]:
        """How a scheme's scores are shown, by depth: the scheme's ``present``, else the rubric's."""
        return result.scheme.present or self.rubric.present

    def shown(self, result: SchemeResult, node: Optional[str], i: int) -> Optional[float]:
        """Proposal ``i``'s score at ``node`` (``None``: the total) as presented and published (rounded)."""
        rubric = self.rubric
        value = result.scores[i] if node is None else result.groups[node][i]
        mode = presentation(self.presenting(result), 0 if node is None else depths(rubric)[node])
        most = self.max_points(result, node)
        return published(shown(value, mode, rubric.scale, most), rubric.precision)

    def max_points(self, result: SchemeResult, node: Optional[str]) -> float:
        """The points a node (``None``: the whole tree) is worth under a scheme."""
        total = total_points(self.rubric, result.scheme)
        return total if node is None else total * node_weights(self.rubric, result.weights)[node]

    def table(self, scheme_id: Optional[str] = None, *, depth: int = 1) -> Table:
        """Scores, group sub-scores down to ``depth`` (1: the top level) and ranks under one scheme (default: the first).

        Scores are shown as the scheme (or rubric) ``present``s them, at the
        rubric's ``precision``; under points or percentages, headers and notes
        give each group's number of criteria and maximum points.
        """
        result = self.result(scheme_id)
        groups = preorder(self.rubric, depth)
        present = self.presenting(result)
        plain = present == ("mean",)
        rows = [
            (result.ranks[i], self.proposals[i].id, self.shown(result, None, i), *(self.shown(result, g.id, i) for g in groups))
            for i in self.order(result)
        ]
        notes = list(self.not_applicable_note())
        if any(r.tied for r in result.ranks):
            notes.append(TIE_NOTE)
        notes += self.incomparable_notes([result])
        headers = ["Score", *(g.title for g in groups)]
        if not plain:
            modes = [presentation(present, 0), *(presentation(present, depths(self.rubric)[g.id]) for g in groups)]
            nodes = [None, *(g.id for g in groups)]
            headers = [self.heading_for(h, m, self.max_points(result, n)) for h, m, n in zip(headers, modes, nodes)]
            notes += [
                f"{g.title}: {len(self.rubric.criteria_under(g.id))} criteria, {self.max_points(result, g.id):g} points at most."
                for g in groups
            ]
        precision = self.rubric.precision
        number = "" if plain and precision is None else (f".{precision}f" if precision is not None else "g")
        scheme = result.scheme
        return Table(
            title=f"{self.heading}: scheme {scheme.id!r}, {scheme.aggregation.name}",
            headers=("Rank", "Proposal", *headers),
            rows=tuple(rows),
            notes=tuple(notes),
            float_format=number and ("", "", *[number] * (1 + len(groups))),
            name="scores",
            data=self.score_records(result),
        )

    def incomparable_notes(self, results: Sequence[SchemeResult]) -> list:
        """A line per scheme whose method leaves pairs incomparable, naming them."""
        return [incomparable_note(r.scheme.id, r.incomparable) for r in results if r.incomparable]

    def incomparable_tables(self, results: Sequence[SchemeResult]) -> list:
        """The table of the pairs these schemes leave incomparable (none: no table)."""
        return incomparable_tables(self.heading, self.rubric.id, [p.id for p in self.proposals], results)

    @staticmethod
    def heading_for(title: str, mode: str, most: float) -> str:
        """A score column's header under a presentation: ``Upstream (of 34)``, ``Data %``."""
        return f"{title} (of {most:g})" if mode == "points" else f"{title} %" if mode == "percent" else title

    def tables(self, schemes: Optional[Sequence[str]] = None, *, depth: int = 1) -> list:
        """One :meth:`table` per scheme, with groups down to ``depth``."""
        chosen = schemes or [r.scheme.id for r in self.results]
        return [self.table(s, depth=depth) for s in chosen] + self.incomparable_tables([self.result(s) for s in chosen])

    def compare(self, *, top: int = 3) -> "Comparison":
        """How far the schemes agree, and which conclusions hold under all of them."""
        return Comparison(self, top=top)

    def explain(self, proposal_id: str, scheme_id: Optional[str] = None):
        """An :class:`~rubric.explain.Explanation`: a proposal's scores traced to values, weights, raters and sources."""
        from rubric.explain import Explanation

        return Explanation(self, proposal_id, scheme_id)


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


def agreement(x: SchemeResult, rx: Sequence[int], y: SchemeResult, ry: Sequence[int]) -> Optional[float]:
    """Kendall's tau-b of two schemes' ranks; pairs a scheme leaves incomparable count as unordered in it."""
    if x.incomparable or y.incomparable:
        return partial_kendall_tau([-r for r in rx], [-r for r in ry], x.incomparable, y.incomparable)
    return kendall_tau([-r for r in rx], [-r for r in ry])


class Comparison(Rendered):
    """Proposals × schemes: scores and ranks, rank agreement, robust conclusions.

    ``top`` is capped at half the number of proposals, so that "in the top k"
    and "in the bottom k" never overlap; ``requested_top`` keeps what was asked.
    """

    def __init__(self, evaluation: Evaluation, *, top: int = 3):
        self.evaluation = evaluation
        self.requested_top = top
        results = evaluation.results
        ids = [p.id for p in evaluation.proposals]
        self.top = top = min(top, len(ids) // 2)
        ranks = [[int(r) for r in result.ranks] for result in results]
        self.tau = {
            (x.scheme.id, y.scheme.id): agreement(x, rx, y, ry)
            for (x, rx), (y, ry) in itertools.product(zip(results, ranks), repeat=2)
        }
        self.stable_rank = [pid for i, pid in enumerate(ids) if len({r[i] for r in ranks}) == 1]
        self.always_top = [pid for i, pid in enumerate(ids) if all(r[i] <= top for r in ranks)]
        last = len(ids) - top
        self.always_bottom = [pid for i, pid in enumerate(ids) if all(r[i] > last for r in ranks)]
        self.best_worst = {pid: (min(r[i] for r in ranks), max(r[i] for r in ranks)) for i, pid in enumerate(ids)}

    def __repr__(self) -> str:
        return f"<Comparison of {len(self.evaluation.results)} schemes under rubric {self.evaluation.rubric.id!r}>"

    def _by_scheme(self, what: str, cell, notes: Sequence[str], measure: str) -> Table:
        """Proposals × schemes, rows in the first scheme's rank order."""
        ev = self.evaluation
        results = ev.results
        rows = [(ev.proposals[i].id, *(cell(r, i) for r in results)) for i in ev.order(results[0])] if results else []
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
        return self._by_scheme("scores", lambda result, i: result.scores[i], [*legend, *ev.not_applicable_note()], "score")

    def ranks_table(self) -> Table:
        """Each proposal's rank under each scheme ('2=' where shared)."""
        ev = self.evaluation
        tied = any(r.tied for result in ev.results for r in result.ranks)
        notes = [TIE_NOTE] if tied else []
        return self._by_scheme("ranks", lambda result, i: result.ranks[i], notes + ev.incomparable_notes(ev.results), "rank")

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
        tables = [self.scores_table(), self.ranks_table(), self.agreement_table(), self.robustness_table()]
        return tables + self.evaluation.incomparable_tables(self.evaluation.results)
