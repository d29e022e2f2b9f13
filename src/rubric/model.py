"""The data model: rubrics, schemes and proposals as frozen attrs classes.

Instances are built by :mod:`rubric.loading`, which validates the TOML first,
so these classes carry no validators of their own: checking happens once, in
one place, where the file name and key path are known.
"""

from __future__ import annotations

import datetime
import math
from pathlib import Path
from typing import Any, Mapping, Optional, Union

import attrs

from rubric.errors import UnknownNameError
from rubric.grades import Grades

__all__ = [
    "Criterion",
    "Group",
    "MethodChoice",
    "Proposal",
    "Rating",
    "RedLine",
    "Rubric",
    "Scale",
    "Scheme",
    "Source",
]


@attrs.frozen
class Scale:
    """The score scale: ``min`` to ``max`` with evenly spaced labelled levels."""

    min: float
    max: float
    labels: tuple[str, ...]

    @property
    def step(self) -> float:
        """Distance between two labelled levels."""
        return (self.max - self.min) / (len(self.labels) - 1) if len(self.labels) > 1 else 0.0

    def label(self, value: float) -> str:
        """The label of the level nearest to ``value``; halfway between two, both.

        A value exactly halfway between two labelled levels (to 1e-9 of a
        step: the mean of two raters one level apart, say 0.5 on a −2…+2
        scale) is neither, so it reads "between no effect and improves"
        rather than silently taking one side.  Values off the scale take the
        label of its nearer end.
        """
        if not self.labels:
            return ""
        if self.step == 0:
            return self.labels[0]
        top = len(self.labels) - 1
        position = min(max((value - self.min) / self.step, 0.0), float(top))
        below = math.floor(position)
        if abs(position - below - 0.5) <= 1e-9 and below < top:
            return f"between {self.labels[below]} and {self.labels[below + 1]}"
        return self.labels[min(top, math.floor(position + 0.5))]

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies on the scale (with a little float slack)."""
        slack = 1e-9 * (self.max - self.min)
        return self.min - slack <= value <= self.max + slack


@attrs.frozen
class Source:
    """A public source: what it is, who published it, where to find it."""

    id: str
    title: str
    publisher: str = ""
    url: str = ""
    accessed: Union[datetime.date, str, None] = None


@attrs.frozen
class Group:
    """A node of the value tree; ``parent`` is ``None`` for a top-level group."""

    id: str
    title: str
    parent: Optional[str] = None
    description: str = ""


@attrs.frozen
class Criterion:
    """A leaf of the value tree: what is judged, and how its value is obtained."""

    id: str
    group: str
    title: str
    question: str = ""
    kind: str = "assessed"
    params: Mapping[str, Any] = attrs.field(factory=dict)
    description: str = ""


@attrs.frozen
class MethodChoice:
    """A method name with the parameters a scheme gives it."""

    name: str
    params: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class RedLine:
    """A rule that does not compensate: a criterion's value (or a group's score) past a bound.

    ``node`` is a criterion or group id; the line is crossed strictly below
    ``below`` or strictly above ``above``.  ``effect``: ``"exclude"`` (not
    ranked), ``"flag"`` (ranked and marked) or ``"cap"`` (the total capped at
    ``cap``); ``on``: the merged value (``"merged"``) or any single rater's
    score (``"any-rater"``).
    """

    node: str
    below: Optional[float] = None
    above: Optional[float] = None
    effect: str = "exclude"
    cap: Optional[float] = None
    on: str = "merged"
    #: Why the line is drawn, in the analyst's words (shown with every hit).
    note: str = ""


@attrs.frozen
class Scheme:
    """A named weighting scheme: how weights are derived and how to aggregate."""

    id: str
    title: str
    weighting: MethodChoice
    aggregation: MethodChoice = MethodChoice("weighted-sum")
    description: str = ""
    path: Optional[Path] = None
    #: Bounds and orderings of weights for stochastic analysis (:func:`rubric.smaa`).
    constraints: Mapping[str, Any] = attrs.field(factory=dict)
    #: Group id -> the method that group aggregates its children with
    #: (``aggregation.by_group``); any entry makes the evaluation hierarchical.
    by_group: Mapping[str, MethodChoice] = attrs.field(factory=dict)
    #: How totals and sub-scores are shown, overriding the rubric's ``present``.
    present: Optional[tuple[str, ...]] = None
    #: The sorting method into ordered classes (its ``classes`` among the params), if any.
    sorting: Optional[MethodChoice] = None
    #: Red lines of this scheme only, on top of the rubric's.
    red_lines: tuple[RedLine, ...] = ()
    #: This scheme's rule for missing data (:mod:`rubric.missing`); ``None``: the rubric's.
    missing: Optional[str] = None

    def with_aggregation(self, method: str) -> "Scheme":
        """This scheme aggregated by another method (its defaults) at every node, for comparisons."""
        return attrs.evolve(self, id=f"{self.id}/{method}", aggregation=MethodChoice(method), by_group={})


@attrs.frozen
class Rubric:
    """A rubric: the scale, the value tree of groups and criteria, and schemes."""

    id: str
    title: str
    version: str
    scale: Scale
    groups: tuple[Group, ...]
    criteria: tuple[Criterion, ...]
    schemes: tuple[Scheme, ...]
    perspective: str = ""
    description: str = ""
    merge_raters: str = "mean"
    plugins: tuple[Path, ...] = ()
    sources: tuple[Source, ...] = ()
    path: Optional[Path] = None
    digest: str = ""
    #: Requirement strings (``"dist>=1.2"``) for the distributions the rubric's criteria need.
    requires: tuple[str, ...] = ()
    #: ``"required"``: every rating needs a rationale; ``"optional"``: scores alone will do.
    rationale: str = "required"
    #: How totals and sub-scores are shown, by depth (the total first, the last
    #: entry for every deeper level): ``"mean"``, ``"points"`` or ``"percent"``.
    present: tuple[str, ...] = ("mean",)
    #: Decimals scores are shown and ranked at (published rounding); ``None``: full precision.
    precision: Optional[int] = None
    #: Red lines under every scheme (:class:`RedLine`).
    red_lines: tuple[RedLine, ...] = ()
    #: Grade bands on the total (:mod:`rubric.grades`), and per group id.
    grades: Optional[Grades] = None
    group_grades: Mapping[str, Grades] = attrs.field(factory=dict)
    #: A GPA-style mapping, grade label -> number (A+ = 4.3 … F = 0), for ratings given as letters.
    grade_points: Mapping[str, float] = attrs.field(factory=dict)
    #: The rule for missing data (:mod:`rubric.missing`), and the share of the
    #: criteria that apply a proposal must have assessed to be scored.
    missing: str = "error"
    min_coverage: float = 0.0
    # Node id -> ids directly below it, built once: walking the tree asks for every node's children.
    _below: dict[Optional[str], tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        below: dict[Optional[str], list[str]] = {}
        for group in self.groups:
            below.setdefault(group.parent, []).append(group.id)
        for criterion in self.criteria:
            if criterion.group is not None:
                below.setdefault(criterion.group, []).append(criterion.id)
        object.__setattr__(self, "_below", {node: tuple(ids) for node, ids in below.items()})

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id."""
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise UnknownNameError("criterion", criterion_id, [c.id for c in self.criteria], f" in rubric {self.id!r}")

    def scheme(self, scheme_id: str) -> Scheme:
        """The scheme with this id."""
        for scheme in self.schemes:
            if scheme.id == scheme_id:
                return scheme
        raise UnknownNameError("scheme", scheme_id, [s.id for s in self.schemes], f" in rubric {self.id!r}")

    @property
    def top_groups(self) -> tuple[Group, ...]:
        """The top-level groups, in file order."""
        return tuple(group for group in self.groups if group.parent is None)

    def children(self, node: Optional[str]) -> tuple[str, ...]:
        """Ids of the groups and criteria directly below ``node`` (``None``: the root), groups first."""
        return self._below.get(node, ())

    def criteria_under(self, group_id: str) -> tuple[Criterion, ...]:
        """The criteria anywhere below a group, in rubric order."""
        parents = {g.id: g.parent for g in self.groups}

        def below(group: Optional[str]) -> bool:
            while group is not None:
                if group == group_id:
                    return True
                group = parents.get(group)
            return False

        return tuple(c for c in self.criteria if below(c.group))

    def columns_under(self, node: str) -> tuple[int, ...]:
        """Positions in :attr:`criteria` of a criterion, or of every criterion below a group."""
        if any(c.id == node for c in self.criteria):
            return tuple(j for j, c in enumerate(self.criteria) if c.id == node)
        under = {c.id for c in self.criteria_under(node)}
        return tuple(j for j, c in enumerate(self.criteria) if c.id in under)


@attrs.frozen
class Rating:
    """One rater's assessment of one criterion for one proposal.

    ``gap`` is ``"unknown"`` or ``"not-applicable"`` for a rating that gives
    no score (``score`` is then ``None``), with its reasons in ``rationale``.
    ``letters`` holds the letter grades the rater gave instead of numbers, by
    key (``(("score", "B-"),)``): a proposal is read without its rubric, so
    ``score`` is ``None`` until the checks against the rubric put the number
    of its ``[grade_points]`` there, and the letter stays to be shown.
    """

    rater: str
    score: Optional[float]
    rationale: str = ""
    low: Optional[float] = None
    high: Optional[float] = None
    confidence: Optional[str] = None
    sources: tuple[str, ...] = ()
    #: The assessment file the rating came from (``None``: the proposal's own file); not part of equality.
    origin: Optional[Path] = attrs.field(default=None, eq=False)
    gap: str = ""
    #: SHA-256 of the assessment file it came from (empty with no ``origin``), for the run's provenance.
    origin_digest: str = attrs.field(default="", eq=False)
    letters: tuple[tuple[str, str], ...] = ()

    def letter(self, name: str = "score") -> str:
        """The letter grade given for ``name`` (``score``, ``low``, ``high``); empty if a number was given."""
        return next((given for key, given in self.letters if key == name), "")


@attrs.frozen
class Proposal:
    """A policy proposal: what it is, its sources, facts and assessments.

    ``assessments`` maps a rubric id to a mapping of criterion id to the
    tuple of :class:`Rating` given for it.
    """

    id: str
    title: str
    summary: str = ""
    sponsor: str = ""
    status: str = ""
    date: Union[datetime.date, str, None] = None
    tags: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    facts: Mapping[str, Any] = attrs.field(factory=dict)
    assessments: Mapping[str, Mapping[str, tuple[Rating, ...]]] = attrs.field(factory=dict)
    path: Optional[Path] = None
    digest: str = ""
    #: Rubric ids assessed here for use elsewhere: not an error when no such rubric is loaded.
    foreign_rubrics: tuple[str, ...] = ()

    def source(self, source_id: str) -> Source:
        """The source with this id."""
        for source in self.sources:
            if source.id == source_id:
                return source
        raise UnknownNameError("source", source_id, [s.id for s in self.sources], f" in proposal {self.id!r}")
