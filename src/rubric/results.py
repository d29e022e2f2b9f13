"""Result objects: what an evaluation found, as tables, records and HTML.

Results hold numbers, not text; :meth:`Evaluation.tables` and friends lay
them out as :class:`~rubric.components.Table` objects that any output format
renders, ``to_records()`` gives flat dictionaries for pandas, and
``_repr_html_`` shows them in a notebook.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

import attrs

from rubric.components import Table
from rubric.errors import RubricError, UnknownNameError
from rubric.grades import band_of
from rubric.model import Group, Rubric
from rubric.partial import incomparable_note, incomparable_tables
from rubric.ranks import RED_LINE_NOTE, TIE_NOTE, Rank
from rubric.redlines import lines_for
from rubric.registry import Registry
from rubric.rendering import Rendered
from rubric.tree import depths, node_weights, preorder, presentation, published, shown
from rubric.weights import total_points

__all__ = ["Evaluation", "Rank", "SchemeResult", "run_inputs"]


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
    #: Per proposal, the :class:`~rubric.redlines.Hit`\ s of the red lines it
    #: crossed under this scheme; empty when no proposal crossed one.
    red_lines: tuple = ()

    def hits(self, i: int) -> tuple:
        """The red lines proposal ``i`` crossed under this scheme."""
        return self.red_lines[i] if self.red_lines else ()
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
    ``unscored`` lists the :class:`~rubric.missing.Unscored` proposals the
    rubric applies to but that are not scored (a gap under ``missing =
    "error"``, coverage below ``min_coverage``), each with the reason.
    """

    rubric: Rubric
    proposals: tuple
    not_applicable: tuple
    values: tuple
    results: tuple
    registry: Registry = attrs.field(eq=False, repr=False)
    unscored: tuple = ()

    def __repr__(self) -> str:
        return (
            f"<Evaluation of {len(self.proposals)} proposals under rubric {self.rubric.id!r} "
            f"v{self.rubric.version}, schemes {', '.join(r.scheme.id for r in self.results)}>"
        )

    @property
    def plot(self) -> Any:
        """The report's charts for a notebook: ``evaluation.plot.plane()`` (and ``ranks``, ``contributions``, …).

        Whatever the ``rubric.plot`` entry point names (the ``[report]`` extra's
        :class:`rubric.report.notebook.Plots`), so this layer imports nothing of the report's.
        """
        from importlib.metadata import entry_points

        found = list(entry_points(group="rubric.plot"))
        if not found:
            raise RubricError("no chart plotter is installed: pip install 'policy-rubric[report]'")
        return found[0].load()(self)

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
        for unscored in self.unscored:
            if unscored.proposal.id == proposal_id:
                where = f" under rubric {self.rubric.id!r}: {unscored.reason}"
                raise UnknownNameError("scored proposal", proposal_id, (), where)
        raise UnknownNameError(
            "proposal", proposal_id, [p.id for p in self.proposals], f" among those rubric {self.rubric.id!r} applies to"
        )

    def contributions(self, scheme_id: str, proposal_id: str) -> dict:
        """weight × value per criterion: how much each moved the weighted-sum score."""
        result, i = self.result(scheme_id), self.proposal_index(proposal_id)
        return {c.id: result.weights[c.id] * v.score for c, v in zip(self.rubric.criteria, self.values[i])}

    @property
    def inputs(self) -> dict:
        """SHA-256 of every input file, for reproducibility: the rubric, every proposal (scored or not), and the
        assessment files that rate them under this rubric."""
        files = {str(self.rubric.path): self.rubric.digest}
        proposals = [p for p in (*self.proposals, *self.not_applicable, *(u.proposal for u in self.unscored)) if p.path]
        files.update({str(p.path): p.digest for p in proposals})
        files.update({
            str(rating.origin): rating.origin_digest
            for p in proposals
            for ratings in p.assessments.get(self.rubric.id, {}).values()
            for rating in ratings
            if rating.origin is not None
        })
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

    # --- missing data: coverage marks and the proposals not scored -----------------

    def coverage(self, index: int) -> tuple[int, int]:
        """(criteria assessed, criteria that apply) of the proposal at ``index``."""
        row = self.values[index]
        return sum(not v.gap for v in row), sum(v.gap != "not-applicable" for v in row)

    def label(self, index: int) -> str:
        """A proposal's id as tables show it: with its coverage ``[4/5]`` where it has gaps."""
        assessed, applicable = self.coverage(index)
        pid = self.proposals[index].id
        return pid if assessed == len(self.rubric.criteria) else f"{pid} [{assessed}/{applicable}]"

    def gap_notes(self) -> tuple:
        """The coverage legend (where a proposal has gaps) and one line per proposal not scored."""
        notes = []
        if any(v.gap for row in self.values for v in row):
            rules = sorted({v.rule for row in self.values for v in row if v.rule})
            notes.append(
                "[assessed/applicable]: coverage of a proposal with gaps; its gaps filled by the missing rule "
                f"({', '.join(rules)}; `rubric explain` says which filled each)."
            )
        notes += [f"not scored: {u.proposal.id}: {u.reason}." for u in self.unscored]
        return tuple(notes)

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
        plain = self.plain(result)
        records = []
        for i in range(len(self.proposals)) if proposal is None else (proposal,):
            row = {**base, "proposal": self.proposals[i].id}
            tied = result.ranks[i].tied
            if "score" in measures:
                records.append({**row, "group": None, "measure": "score", "value": result.scores[i], "tied": tied,
                                **self.shown_fields(result, None, i, plain), **self.grade_field(result, None, i)})
                records += [
                    {**row, "group": g.id, **where, "measure": "score", "value": result.groups[g.id][i], "tied": tied,
                     **self.shown_fields(result, g.id, i, plain), **self.grade_field(result, g.id, i)}
                    for g, where in groups
                ]
            if "rank" in measures:
                records.append({**row, "group": None, "measure": "rank", **self.rank_fields(result, i), "tied": tied})
        if proposal is None and "score" in measures:
            records += [
                {**base, "proposal": p.id, "group": None, "measure": "score", "value": None, "tied": None}
                for p in self.not_applicable
            ]
            records += [
                {**base, "proposal": u.proposal.id, "group": None, "measure": "score", "value": None, "tied": None,
                 "reason": u.reason}
                for u in self.unscored
            ]
        return tuple(records)

    def plain(self, result: SchemeResult) -> bool:
        """Whether a scheme's scores are shown as they are (means, unrounded): then no ``shown`` fields."""
        return self.presenting(result) == ("mean",) and self.rubric.precision is None

    def shown_fields(self, result: SchemeResult, node: Optional[str], i: int, plain: bool) -> dict:
        """``shown`` (the value as the table shows it), ``present`` and ``max_points``, unless scores are shown plain."""
        if plain:
            return {}
        mode = presentation(self.presenting(result), 0 if node is None else depths(self.rubric)[node])
        return {"present": mode, "shown": self.shown(result, node, i), "max_points": self.max_points(result, node)}

    # Grades and red lines (rubric.grades, rubric.redlines): fields and cells only where the rubric has them.
    def grade(self, result: SchemeResult, node: Optional[str], i: int) -> Optional[str]:
        """Proposal ``i``'s grade at ``node`` (``None``: the total), on the value as presented on the bands' terms."""
        grades = self.rubric.grades if node is None else self.rubric.group_grades.get(node)
        if grades is None:
            return None
        return band_of(self.graded(result, node, i), grades.bands)

    def graded(self, result: SchemeResult, node: Optional[str], i: int) -> Optional[float]:
        """Proposal ``i``'s value at ``node`` (``None``: the total) as its grade bands read it: on their scale, published."""
        grades = self.rubric.grades if node is None else self.rubric.group_grades.get(node)
        value = result.scores[i] if node is None else result.groups[node][i]
        mode = "mean" if grades is None or grades.on == "scale" else grades.on
        most = self.max_points(result, node)
        return published(shown(value, mode, self.rubric.scale, most), self.rubric.precision)

    def grade_field(self, result: SchemeResult, node: Optional[str], i: int) -> dict:
        """``grade`` as a data field, where ``node`` has grade bands."""
        banded = self.rubric.grades if node is None else self.rubric.group_grades.get(node)
        return {} if banded is None else {"grade": self.grade(result, node, i)}

    def rank_fields(self, result: SchemeResult, i: int) -> dict:
        """A rank record's ``value`` (null when a red line excludes the proposal) and, under red lines, which it crossed."""
        r = result.ranks[i]
        fields: dict[str, Any] = {"value": None if getattr(r, "red_line", "") == "exclude" else int(r)}
        if lines_for(self.rubric, result.scheme):
            fields["red_lines"] = [hit.describe() for hit in result.hits(i)]
        return fields

    def red_line_cell(self, result: SchemeResult, i: int) -> str:
        """The red lines proposal ``i`` crossed under a scheme, one cell."""
        return "; ".join(hit.describe() for hit in result.hits(i))

    def red_line_notes(self, result: SchemeResult) -> list[str]:
        """The rank marks' legend and each line's note, where some proposal crossed a red line."""
        if not result.red_lines:
            return []
        notes = [RED_LINE_NOTE]
        seen = []
        for hits in result.red_lines:
            seen += [h.line for h in hits if h.line.note and h.line not in seen]
        return notes + [f"Red line on {line.node}: {line.note}" for line in seen]

    def group_fields(self, group: Group) -> dict:
        """A group's ``depth`` and ``parent`` as data fields, where the tree has more than one level of groups."""
        if all(g.parent is None for g in self.rubric.groups):
            return {}
        return {"depth": depths(self.rubric)[group.id], "parent": group.parent}

    def to_frame(self):
        """The results as a pandas DataFrame: the long table of ``rubric export results``.

        :raises MissingExtraError: pandas is not installed (``pip install 'policy-rubric[pandas]'``).
        """
        from rubric.tabular import require
        from rubric.tidy import results_table

        pandas = require("pandas", "pandas", "Evaluation.to_frame()")
        table = results_table([self])
        return pandas.DataFrame.from_records(list(table.records), columns=list(table.columns))

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
            (result.ranks[i], self.label(i), self.shown(result, None, i), *(self.shown(result, g.id, i) for g in groups))
            for i in self.order(result)
        ]
        notes = [*self.not_applicable_note(), *self.gap_notes()]
        if any(r.tied for r in result.ranks):
            notes.append(TIE_NOTE)
        notes += self.red_line_notes(result)
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
        formats = ["", "", *[number] * (1 + len(groups))]
        headers, rows, formats = self.rule_columns(result, groups, ["Rank", "Proposal", *headers], rows, formats)
        scheme = result.scheme
        return Table(
            title=f"{self.heading}: scheme {scheme.id!r}, {scheme.aggregation.name}",
            headers=tuple(headers),
            rows=tuple(rows),
            notes=tuple(notes),
            float_format=number and tuple(formats),
            name="scores",
            data=self.score_records(result),
        )

    def incomparable_notes(self, results: Sequence[SchemeResult]) -> list:
        """A line per scheme whose method leaves pairs incomparable, naming them."""
        return [incomparable_note(r.scheme.id, r.incomparable) for r in results if r.incomparable]

    def incomparable_tables(self, results: Sequence[SchemeResult]) -> list:
        """The table of the pairs these schemes leave incomparable (none: no table)."""
        return incomparable_tables(self.heading, self.rubric.id, [p.id for p in self.proposals], results)

    def rule_columns(self, result: SchemeResult, groups, headers: list, rows: list, formats: list):
        """A score table's columns with a grade after each graded score and the red lines crossed last.

        ``rows`` are in :meth:`order`; the score of the total is column 2 and
        the groups' follow it, as :meth:`table` lays them out.
        """
        rubric = self.rubric
        nodes = [None, *(g.id for g in groups)]
        graded = [k for k, node in enumerate(nodes) if (rubric.grades if node is None else rubric.group_grades.get(node))]
        if not graded and not result.red_lines:
            return headers, rows, formats
        order = self.order(result)
        rows = [list(row) for row in rows]
        for k in reversed(graded):
            at = 3 + k
            headers.insert(at, "Grade" if nodes[k] is None else f"{headers[2 + k]} grade")
            formats.insert(at, "")
            for row, i in zip(rows, order):
                row.insert(at, self.grade(result, nodes[k], i))
        if result.red_lines:
            headers.append("Red lines")
            formats.append("")
            for row, i in zip(rows, order):
                row.append(self.red_line_cell(result, i))
        return headers, [tuple(row) for row in rows], formats

    @staticmethod
    def heading_for(title: str, mode: str, most: float) -> str:
        """A score column's header under a presentation: ``Upstream (of 34)``, ``Data %``."""
        return f"{title} (of {most:g})" if mode == "points" else f"{title} %" if mode == "percent" else title

    def tables(self, schemes: Optional[Sequence[str]] = None, *, depth: int = 1) -> list:
        """One :meth:`table` per scheme, with groups down to ``depth``."""
        chosen = schemes or [r.scheme.id for r in self.results]
        return [self.table(s, depth=depth) for s in chosen] + self.incomparable_tables([self.result(s) for s in chosen])

    def compare(self, *, top: int = 3):
        """A :class:`~rubric.comparison.Comparison`: how far the schemes agree, and which conclusions hold under all of them."""
        from rubric.comparison import Comparison

        return Comparison(self, top=top)

    def explain(self, proposal_id: str, scheme_id: Optional[str] = None):
        """An :class:`~rubric.explain.Explanation`: a proposal's scores traced to values, weights, raters and sources."""
        from rubric.explain import Explanation

        return Explanation(self, proposal_id, scheme_id)


def run_inputs(evaluations: Sequence[Evaluation]) -> dict:
    """The input files of a run and their SHA-256, by path: what ``snapshot``, ``--baseline`` and a report's footer record."""
    files: dict = {}
    for evaluation in evaluations:
        files.update(evaluation.inputs)
    return dict(sorted(files.items()))
