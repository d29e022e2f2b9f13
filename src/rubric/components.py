"""What a plugin hands to the engine: criterion kinds, methods (sorting ones too) and output formats.

Each hook in :mod:`rubric.hookspecs` returns a list of these descriptors.  They
are plain frozen attrs classes so a plugin can build them without importing
anything heavy, and so the registry can attach the name of the plugin that
provided each one (see :mod:`rubric.registry`).
"""

from __future__ import annotations

import enum
import math
import numbers
import sys
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence, Tuple, TypeGuard, Union

import attrs

from rubric.model import Rating, Rubric

__all__ = [
    "AggregationMethod",
    "Assignment",
    "Component",
    "CriterionKind",
    "CriterionValue",
    "DerivedWeights",
    "GAP_KINDS",
    "Gap",
    "NOT_APPLICABLE",
    "OutputFormat",
    "ParamCheck",
    "ParamProblem",
    "Property",
    "SortingMethod",
    "Table",
    "UNKNOWN",
    "WeightingMethod",
    "clean_number",
    "is_real_number",
    "records_by_table",
    "tidy_records",
]


#: One problem a ``check_params`` found: a message, or a ``(sub-key, message)``
#: pair that locates it under the parameters' key.
ParamProblem = Union[str, Tuple[str, str]]

#: Every component kind's ``check_params(params, rubric)``: called when a rubric
#: is loaded (so ``rubric validate`` reports it) with the parameters as written
#: (names already checked against the component's ``params``, defaults not
#: filled in) and the rubric they appear in.  It returns the problems (see
#: :data:`ParamProblem`); an empty list means the parameters are fine.
ParamCheck = Callable[[Mapping[str, Any], Rubric], Sequence[ParamProblem]]


class Property(enum.Enum):
    """A consistency property an aggregation method can guarantee.

    :mod:`rubric.testing` checks each registered method against exactly the
    properties it declares.
    """

    #: Multiplying every weight by the same c > 0 leaves the scores unchanged.
    WEIGHT_SCALE_INVARIANCE = "weight-scale-invariance"
    #: Reordering proposals or criteria (weights alongside) changes nothing.
    PERMUTATION_INVARIANCE = "permutation-invariance"
    #: A proposal at least as good everywhere, and better somewhere with
    #: positive weight, never scores lower.
    PARETO = "pareto"
    #: Raising one of a proposal's values never lowers its score.
    MONOTONICITY = "monotonicity"
    #: Identical proposals get identical scores.
    TIES = "ties"
    #: A criterion with weight zero has no influence on any score.
    ZERO_WEIGHT_IRRELEVANCE = "zero-weight-irrelevance"
    #: Every score lies within the rubric's scale.
    BOUNDED_BY_SCALE = "bounded-by-scale"
    #: Adding or removing another proposal never changes a proposal's score.
    INDEPENDENCE_OF_IRRELEVANT_ALTERNATIVES = "independence-of-irrelevant-alternatives"


@attrs.frozen
class CriterionValue:
    """The value of one criterion for one proposal, on the rubric's scale.

    ``low``/``high`` bound the value where it is uncertain; ``raters`` are the
    assessments it came from (empty for computed criteria); ``note`` says how it
    was obtained, for ``rubric explain``.
    """

    score: float
    low: Optional[float] = None
    high: Optional[float] = None
    raters: tuple[Rating, ...] = ()
    note: str = ""
    #: For a value that fills a gap: the gap's kind (``"unknown"`` or
    #: ``"not-applicable"``) and the ``missing`` rule that filled it; tables mark it.
    gap: str = ""
    rule: str = ""


#: The two kinds of gap: not (yet) known, and not applying to the proposal.
GAP_KINDS = ("unknown", "not-applicable")


@attrs.frozen
class Gap:
    """A criterion value that is not there, with why: what a kind returns for missing data.

    A computed criterion returns :data:`UNKNOWN` (or ``Gap("unknown",
    reason)``) for a missing fact rather than raising (the helpers of
    :mod:`rubric.facts` do this for it), and :data:`NOT_APPLICABLE` where the
    criterion does not apply; the rubric's
    ``missing`` rule then fills or drops it (:mod:`rubric.missing`).
    ``problems`` are the located :class:`~rubric.errors.Problem` objects that
    ``rubric validate`` reports when the rule is ``"error"`` (empty: one
    problem at the criterion's assessment, saying ``reason``).
    """

    kind: str
    reason: str = ""
    problems: tuple[Any, ...] = ()


#: A value not known: not assessed, not disclosed, a fact not given.
UNKNOWN = Gap("unknown")
#: A criterion that does not apply to the proposal (always reweighted).
NOT_APPLICABLE = Gap("not-applicable")


@attrs.frozen
class CriterionKind:
    """How a criterion's value is obtained for a proposal.

    ``score(criterion, proposal, rubric)`` returns a number or a
    :class:`CriterionValue` on ``rubric.scale``, or a :class:`Gap`
    (:data:`UNKNOWN`, :data:`NOT_APPLICABLE`) where the data is missing.  ``params`` maps each
    parameter a criterion may set to its default (``None`` for required ones):
    the loader reports unknown and missing parameters, with a "did you mean",
    before ``check_params(params, rubric)`` (see :data:`ParamCheck`) looks at
    the values.  ``assessed`` kinds read the proposal's assessments: a
    proposal that a rubric applies to must then assess the criterion.
    """

    name: str
    score: Callable[..., Any]
    description: str = ""
    params: Mapping[str, Any] = attrs.field(factory=dict)
    check_params: Optional[ParamCheck] = None
    assessed: bool = False


def _properties(properties: Iterable[Property]) -> frozenset[Property]:
    """The converter of :attr:`AggregationMethod.properties` (a plugin may give a set, list or tuple)."""
    return frozenset(properties)


@attrs.frozen
class AggregationMethod:
    """How a proposal's criterion values and the weights become one score.

    ``aggregate(matrix, weights, *, scale, criteria, **params)`` receives an
    n×m matrix of values on the scale (a list of rows, or a 2-D numpy array), m
    non-negative weights that sum to 1, the :class:`~rubric.model.Scale` and the
    m :class:`~rubric.model.Criterion` of the columns, and returns n scores
    where higher is better.  ``params`` maps each accepted parameter to
    its default; ``check_params(params, rubric)`` may add semantic checks.
    ``properties`` are the :class:`Property` values the method guarantees.

    Capabilities let an analysis take a faster or exact path without knowing
    the method by name, so a third-party method gets it by declaring it (and
    :func:`rubric.testing.check_aggregation_method` checks the declaration):

    ``linear``
        The score is the weighted mean of the values, ``Σ_j w_j·x_ij`` for
        weights that sum to 1.  Weight stability then computes its intervals
        exactly, SMAA scores a whole batch of weight samples with one matrix
        product, and ``rubric explain`` says that the contributions add up to
        the score.

    ``primary``
        For a method whose scores carry a tie-break (maximin and
        lexicographic nudge each score by a rank share so that the scores
        order the proposals exactly): a function with the signature of
        ``aggregate`` that returns what each score reads as, without the
        tie-break.  Results show it as the score (and as group sub-scores,
        which are never ranked); ranks keep the exact order of ``aggregate``.

    ``batched``
        ``batched(matrices, weights, *, scale, criteria, **params)`` scores many
        weightings at once, for SMAA and weight stability: ``weights`` is a
        k×m numpy array whose rows are weight vectors (non-negative, each
        summing to 1), ``matrices`` either one n×m array shared by every row
        of weights or a k×n×m array, one matrix per row; it returns a k×n
        array whose row s equals ``aggregate`` of matrix s (or the shared
        matrix) with weights s, to 1e-12 of the scale's range.  Without it an
        analysis calls ``aggregate`` once per weighting.

    ``incomparable``
        For a method whose result is a partial order (ELECTRE III,
        PROMETHEE I): a function with the signature of ``aggregate`` that
        returns the pairs of rows ``(i, j)``, i < j, it leaves incomparable.
        Its scores must then order every comparable pair as the method does
        (equal for indifference); the engine keeps the pairs on the scheme's
        result, tables list them and rank agreement counts them as unordered.
    """

    name: str
    aggregate: Callable[..., Sequence[float]]
    properties: frozenset[Property] = attrs.field(converter=_properties, default=frozenset())
    params: Mapping[str, Any] = attrs.field(factory=dict)
    description: str = ""
    check_params: Optional[ParamCheck] = None
    linear: bool = False
    primary: Optional[Callable[..., Sequence[float]]] = None
    batched: Optional[Callable[..., Any]] = None
    incomparable: Optional[Callable[..., Sequence[Tuple[int, int]]]] = None


@attrs.frozen
class DerivedWeights:
    """Local weights per node of the value tree, with how they were derived.

    ``weights`` maps group and criterion ids to non-negative numbers; siblings
    are normalised and multiplied down the tree by the engine.  ``details`` are
    figures worth showing (an AHP consistency ratio, say).
    """

    weights: Mapping[str, float]
    details: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class WeightingMethod:
    """How a scheme's weights are derived from its inputs.

    ``derive(rubric, params)`` returns a :class:`DerivedWeights` or a plain
    mapping of local weights; ``params`` maps accepted parameters to defaults
    (``None`` for required ones); ``check_params(params, rubric)`` may add
    semantic checks reported at load time.
    """

    name: str
    derive: Callable[..., Any]
    params: Mapping[str, Any] = attrs.field(factory=dict)
    description: str = ""
    check_params: Optional[ParamCheck] = None
    #: A method that pools other schemes of the rubric (stakeholders' weights) declares it:
    #: ``derive`` then also gets ``weights_of(scheme)``, a scheme's (or a scheme id's)
    #: effective weights as :class:`DerivedWeights`, derived with the same registry; a
    #: scheme that pools itself, directly or not, is a :class:`~rubric.errors.WeightError`.
    pools: bool = False


@attrs.frozen
class Table:
    """A titled table of results, the unit every output format renders."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[Sequence[Any], ...]
    notes: tuple[str, ...] = ()
    #: How text formats show floats: a format spec for all columns, or one per
    #: column (empty: three decimals).  JSON and CSV keep full precision.
    float_format: Union[str, Sequence[str]] = ""
    #: The table's name in data outputs: its key in JSON, its ``table`` value in
    #: CSV (empty: the title).
    name: str = ""
    #: The same content as data, for JSON, CSV and ``to_records()``: tidy
    #: records keyed by ids, not display titles (``None``: the rows keyed by
    #: header).  Text formats never read it.
    data: Optional[tuple[Mapping[str, Any], ...]] = None

    def data_records(self) -> list[dict[str, Any]]:
        """The table as data: :attr:`data`, else rows keyed by identifiers made from the headers."""
        if self.data is not None:
            return [{key: clean_number(value) for key, value in record.items()} for record in self.data]
        keys = [_identifier(header) for header in self.headers]
        return [{key: clean_number(cell) for key, cell in zip(keys, row)} for row in self.rows]

    @property
    def data_name(self) -> str:
        """:attr:`name`, or else the title."""
        return self.name or self.title


def _identifier(text: str) -> str:
    """``Weight of`` → ``weight_of``: a display title as a data key."""
    return "_".join("".join(c if c.isalnum() else " " for c in str(text).lower()).split()) or "column"


#: Significant digits numbers keep in data outputs: enough for any score,
#: few enough that float noise (0.6599999999999999) reads as 0.66.
DATA_DIGITS = 12


def clean_number(value: Any) -> Any:
    """A number as data: a rank as an int, a float to :data:`DATA_DIGITS` significant digits."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, numbers.Integral):  # a Rank too: its tie flag is a field of its own
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(f"{float(value):.{DATA_DIGITS}g}")
        return number if number else 0.0  # never -0.0
    return value


def records_by_table(tables: Sequence[Table]) -> dict[str, list[dict[str, Any]]]:
    """Every table's data records, grouped by :attr:`Table.data_name` (same-named tables joined)."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for table in tables:
        grouped.setdefault(table.data_name, []).extend(table.data_records())
    return grouped


def tidy_records(tables: Sequence[Table]) -> list[dict[str, Any]]:
    """All the tables' data records in one list, with a ``table`` field when there are several names."""
    grouped = records_by_table(tables)
    if len(grouped) == 1:
        return next(iter(grouped.values()))
    return [{"table": name, **record} for name, records in grouped.items() for record in records]


@attrs.frozen
class OutputFormat:
    """A way to render tables: ``render(tables)`` returns the text to print."""

    name: str
    render: Callable[[Sequence[Table]], str]
    description: str = ""


@attrs.frozen
class Assignment:
    """One proposal's class from a sorting method: positions in the classes, worst first.

    ``low`` and ``high`` are the pessimistic and optimistic class (equal for a
    method that assigns one class); ``criteria`` are the ids of the criteria
    that decided it and ``note`` says how, in words, for ``rubric sort``.
    """

    low: int
    high: int
    criteria: tuple[str, ...] = ()
    note: str = ""


@attrs.frozen
class SortingMethod:
    """How proposals are sorted into ordered classes (reject < conditional < recommend).

    ``sort(matrix, weights, *, scale, criteria, totals, classes, **params)``
    receives what an aggregation method receives, the scheme's ``totals`` (one
    per proposal) and the class labels worst first, and returns one
    :class:`Assignment` per proposal.  Every sorting method declares the
    parameter ``classes`` in ``params``; ``check_params(params, rubric)`` checks
    the rest (profiles on the scale and in order, thresholds) when the rubric is
    loaded.  ``properties`` are the :class:`Property` values it guarantees
    (``monotonicity``: improving a proposal never moves it to a worse class;
    ``independence-of-irrelevant-alternatives``: a proposal's class never depends
    on the others); ``interval`` says that it may assign a pessimistic and an
    optimistic class that differ.
    """

    name: str
    sort: Callable[..., Sequence[Assignment]]
    params: Mapping[str, Any] = attrs.field(factory=dict)
    description: str = ""
    check_params: Optional[ParamCheck] = None
    properties: frozenset[Property] = attrs.field(converter=_properties, default=frozenset())
    interval: bool = False
    #: A method of bands on the total declares it: given neither ``classes`` nor
    #: ``bounds``, it gets the rubric's grade bands (``[[grades]]``) — their labels
    #: worst first as ``classes``, their lower bounds as ``bounds`` — and ``totals``
    #: on the bands' terms (scale, points or per cent, published rounding).
    grades: bool = False


#: Any of the things a plugin can provide.
Component = Union[CriterionKind, AggregationMethod, WeightingMethod, SortingMethod, OutputFormat]


_FLOAT_MAX = sys.float_info.max


def is_real_number(value: Any) -> TypeGuard[float]:
    """True for finite ints and floats (numpy's too), not bools, NaN or infinity.

    An int beyond the float range (tomli reads integers of any size)
    is not finite as a float, and would overflow in the arithmetic.
    """
    if type(value) is float:  # the common case first: this runs for every value read
        return value - value == 0  # false for NaN and infinity
    if type(value) is int:
        return -_FLOAT_MAX <= value <= _FLOAT_MAX
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
