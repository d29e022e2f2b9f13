"""SMAA-2: how likely each proposal is to take each rank when weights and values are uncertain.

Stochastic multicriteria acceptability analysis (Lahdelma, R. & Salminen, P.
(2001) "SMAA-2: Stochastic multicriteria acceptability analysis for group
decision making", Operations Research 49(3): 444–454) asks, instead of "what
is the ranking under these weights?", "over every weighting an analyst could
hold, how often does each proposal come first, second, …?".  It reports:

* **rank acceptability indices** b_i^r: the share of the weight (and value)
  space in which proposal i takes rank r;
* **central weight vectors** w_i^c: the average weights among those that put
  proposal i first, i.e. the typical preferences of someone who would choose it;
* **confidence factors** p_i^c: how often proposal i comes first when judged
  with its own central weights while the values vary, i.e. whether the data are
  precise enough to pick it even for its most favourable voter.

:func:`smaa` reads an :class:`~rubric.results.Evaluation` into arrays and
hands them to :func:`~rubric.analysis.array_core.smaa_core` (how samples are
drawn: :mod:`rubric.analysis.sampling`).  With ``raters="pick"`` (the default)
a sample picks one of a value's raters at random and draws within that
rater's interval: disagreement between raters becomes uncertainty instead of
being averaged away.  The pick ignores the rubric's ``merge_raters`` rule,
which decides the deterministic value only; with ``raters="merged"`` the
merged value and interval are used instead.  A method that declares itself
``linear`` is scored a batch at a time by one matrix product; one that
declares a ``batched`` form is called once per batch; any other is called
through the engine once per sample.  Either way its errors name the plugin.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Optional

import attrs

from rubric.analysis.array_core import smaa_core
from rubric.analysis.batch import batched_aggregator
from rubric.analysis.constraints import WeightConstraints, compile_constraints
from rubric.analysis.rule_acceptability import GradeTally, RuleAcceptability, red_line_shares
from rubric.analysis.sampling import DEFAULT_CONCENTRATION, AroundSampler, SmaaError
from rubric.components import Table
from rubric.engine import aggregate
from rubric.model import Scheme
from rubric.rendering import Rendered
from rubric.results import Evaluation

__all__ = ["RATER_MODELS", "SmaaResult", "smaa"]

#: How several raters of one value enter the sampling (see the module docstring).
RATER_MODELS = ("pick", "merged")


def _value_arrays(evaluation: Evaluation, raters: str):
    """values, low, high as proposals × criteria × raters arrays (NaN padded)."""
    import numpy as np

    rows = evaluation.values
    n, m = len(rows), len(evaluation.rubric.criteria)
    depth = 1 if raters == "merged" else max((len(v.raters) for row in rows for v in row), default=1) or 1
    values = np.full((n, m, depth), np.nan)
    low, high = values.copy(), values.copy()
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if raters == "pick" and value.raters:
                given = [(r.score, r.low, r.high) for r in value.raters]
            else:
                given = [(value.score, value.low, value.high)]
            for r, (score, lo, hi) in enumerate(given):
                values[i, j, r] = score
                low[i, j, r] = score if lo is None else lo
                high[i, j, r] = score if hi is None else hi
    return values, low, high


def _aggregator(evaluation: Evaluation, scheme: Scheme):
    """Per-sample aggregation through the engine, so plugin failures name the plugin."""
    import numpy as np

    registry, rubric, proposals = evaluation.registry, evaluation.rubric, evaluation.proposals

    def one_sample(matrix, weights):
        return np.asarray(aggregate(registry, rubric, scheme, matrix, weights.tolist(), proposals=proposals), dtype=float)

    return one_sample


def smaa(
    evaluation: Evaluation,
    scheme_id: Optional[str] = None,
    *,
    samples: int = 10_000,
    seed: Optional[int] = 0,
    score_distribution: str = "uniform",
    constraints: Any = None,
    raters: str = "pick",
    progress: Optional[Callable[[float], None]] = None,
    around_scheme: bool = False,
    concentration: Optional[float] = None,
    spread: Optional[float] = None,
) -> "SmaaResult":
    """SMAA-2 for one scheme of an evaluation (see the module docstring).

    :param scheme_id: whose aggregation method and constraints to use
        (default: the evaluation's first scheme).  The scheme's weights are not
        used: weights are sampled.
    :param samples: Monte Carlo samples; the standard error of an
        acceptability is at most 0.5/√samples (0.5 points at 10,000).
    :param seed: seeds numpy's generator: the same seed gives the same result.
    :param score_distribution: ``"uniform"`` or ``"triangular"`` (mode = score).
    :param constraints: a constraints table (see :mod:`rubric.loading.constraints`), a
        :class:`WeightConstraints`, or ``None`` for the scheme's own (its
        ``constraints`` attribute, if any); ``{}`` ignores the scheme's.
    :param raters: ``"pick"`` (a random rater per sample and value) or
        ``"merged"`` (the merged value and interval).
    :param progress: called with the fraction done (0 to 1) after each batch;
        whatever it raises (``KeyboardInterrupt`` included) stops the run.
    :param around_scheme: draw weights near the scheme's own effective weights
        (see :mod:`rubric.analysis.sampling`): from a Dirichlet of this
        ``concentration`` (default :data:`~rubric.analysis.sampling.DEFAULT_CONCENTRATION`),
        or, with ``spread``, each weight times a factor in [1 − spread, 1 + spread],
        renormalised.  The scheme's constraints are not applied then.
    """
    if raters not in RATER_MODELS:
        raise SmaaError(f"raters must be one of {', '.join(RATER_MODELS)}, found {raters!r}")
    result = evaluation.result(scheme_id)
    scheme = result.scheme
    rubric = evaluation.rubric
    if constraints is None:
        constraints = getattr(scheme, "constraints", None)
    compiled = compile_constraints(constraints, rubric)
    if not evaluation.proposals:
        raise SmaaError(f"rubric {rubric.id!r} applies to no proposal: nothing to rank")
    sampler = None
    if around_scheme:
        if spread is None and concentration is None:
            concentration = DEFAULT_CONCENTRATION
        sampler = AroundSampler([result.weights[c.id] for c in rubric.criteria], concentration=concentration, spread=spread)
    elif concentration is not None or spread is not None:
        raise SmaaError("a concentration or a spread applies only around a scheme (around_scheme=True)")
    method = scheme.aggregation.name
    values, low, high = _value_arrays(evaluation, raters)
    linear = evaluation.registry.aggregation_method(method).linear
    batched = None if linear else batched_aggregator(evaluation, scheme)
    per_sample = None if linear or batched else _aggregator(evaluation, scheme)
    grades = GradeTally(evaluation, result) if rubric.grades else None
    arrays = smaa_core(
        values,
        low,
        high,
        samples=samples,
        seed=seed,
        distribution=score_distribution,
        constraints=compiled,
        aggregate=per_sample,
        progress=progress,
        weight_sampler=sampler,
        batched=batched,
        observe=grades,
    )
    shares = red_line_shares(evaluation, result, values, low, high, samples=samples, seed=seed, distribution=score_distribution)
    rules = RuleAcceptability(
        scheme.id, tuple(p.id for p in evaluation.proposals), grades.labels if grades else (),
        grades.shares() if grades else (), shares,
    )

    def optional(number):
        return None if math.isnan(number) else number

    return SmaaResult(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        scheme_id=scheme.id,
        method=method,
        proposals=tuple(p.id for p in evaluation.proposals),
        criteria=tuple(c.id for c in rubric.criteria),
        ranks=tuple(result.ranks),
        # tolist() makes the Python floats in one call, a few times faster than a float() per cell.
        acceptability=tuple(map(tuple, arrays.acceptability.tolist())),
        central_weights=tuple(None if math.isnan(row[0]) else tuple(row) for row in arrays.central_weights.tolist()),
        confidence=tuple(optional(p) for p in arrays.confidence.tolist()),
        samples=samples,
        seed=seed,
        distribution=score_distribution,
        raters=raters,
        merge_rule=rubric.merge_raters,
        constraints=compiled,
        acceptance=arrays.acceptance,
        weight_mode=("dirichlet" if spread is None else "spread") if around_scheme else "simplex",
        concentration=concentration,
        spread=spread,
        rules=rules,
    )


def _percent(share: Optional[float]) -> Optional[float]:
    return None if share is None else round(100.0 * share, 1)


@attrs.frozen(repr=False)
class SmaaResult(Rendered):
    """Rank acceptabilities, central weights and confidence factors for one scheme.

    Sequences are aligned with :attr:`proposals` (evaluation order) and
    :attr:`criteria` (rubric order); ``acceptability[i][r]`` is the probability
    that proposal i takes rank r + 1; ``ranks`` are the scheme's own ranks.
    """

    rubric_id: str
    rubric_version: str
    scheme_id: str
    method: str
    proposals: tuple
    criteria: tuple
    ranks: tuple
    acceptability: tuple
    central_weights: tuple
    confidence: tuple
    samples: int
    seed: Optional[int]
    distribution: str
    raters: str
    merge_rule: str
    constraints: WeightConstraints
    acceptance: float
    #: How weights were drawn: ``"simplex"`` (uniformly), or around the scheme's: ``"dirichlet"``, ``"spread"``.
    weight_mode: str = "simplex"
    concentration: Optional[float] = None
    spread: Optional[float] = None
    #: Grade acceptability and red-line shares (:mod:`rubric.analysis.rule_acceptability`).
    rules: Optional[RuleAcceptability] = None

    def __repr__(self) -> str:
        return (
            f"<SmaaResult of {len(self.proposals)} proposals under scheme {self.scheme_id!r} of rubric "
            f"{self.rubric_id!r}: {self.samples:,} samples, seed {self.seed}>"
        )


    def _order(self) -> list:
        return sorted(range(len(self.proposals)), key=lambda i: (self.ranks[i], self.proposals[i]))

    def _notes(self) -> list:
        margin = 100 * 1.96 * 0.5 / math.sqrt(self.samples)
        notes = [
            f"{self.samples:,} samples, seed {self.seed}; aggregation {self.method}. Percentages are within "
            f"±{margin:.1f} points of the exact value 95% of the time.",
            self._weights_note(),
            "Values: "
            + (
                f"one rater picked at random per sample and value, then drawn within that rater's interval ({self.distribution})."
                if self.raters == "pick"
                else f"drawn within the merged interval ({self.merge_rule} of the raters; {self.distribution})."
            ),
        ]
        if not self.constraints.empty:
            described = [f"{node} in [{lo:g}, {hi:g}]" for node, _, lo, hi in self.constraints.bounds]
            described += [text for text, _ in self.constraints.orders]
            notes.append(f"Constraints: {'; '.join(described)} (accepted {self.acceptance:.1%} of drawn weightings).")
        return notes

    @property
    def mode(self) -> str:
        """How weights were drawn, in words, for titles."""
        if self.weight_mode == "dirichlet":
            how = f"Dirichlet, concentration {self.concentration:g}"
        elif self.weight_mode == "spread":
            how = f"weights ±{self.spread:.0%}, renormalised"
        else:
            return f"under scheme {self.scheme_id!r}"
        return f"around scheme {self.scheme_id!r} ({how}; {self.samples:,} samples, seed {self.seed})"

    def _weights_note(self) -> str:
        if self.weight_mode == "simplex":
            return (
                "Weights: drawn uniformly over all weightings"
                + (" that satisfy the scheme's constraints" if not self.constraints.empty else "")
                + "; the scheme's own weights are not used."
            )
        if self.weight_mode == "dirichlet":
            how = f"from a Dirichlet whose mean is the scheme's effective weights, concentration {self.concentration:g}"
        else:
            spread = self.spread or 0.0
            how = f"as the scheme's effective weights, each times a factor in [{1 - spread:g}, {1 + spread:g}], renormalised"
        return f"Weights: drawn {how}; a zero weight stays zero and the scheme's constraints are not applied."

    def acceptability_table(self) -> Table:
        n = len(self.proposals)
        rows = tuple(
            (self.proposals[i], self.ranks[i], *(_percent(b) for b in self.acceptability[i])) for i in self._order()
        )
        return Table(
            title=f"Rank acceptability (%) {self.mode}: how often each proposal takes each rank",
            headers=("Proposal", "Scheme rank", *(f"Rank {r}" for r in range(1, n + 1))),
            rows=rows,
            float_format=".1f",
            notes=tuple(
                self._notes()
                + ["Tied proposals share the ranks they span evenly; every row and every rank column sums to 100."]
            ),
        )

    def central_weights_table(self) -> Table:
        rows = tuple(
            (self.proposals[i], _percent(self.acceptability[i][0]), *(self.central_weights[i] or (None,) * len(self.criteria)))
            for i in self._order()
        )
        return Table(
            title=(
                f"Central weights {self.mode}: "
                "the typical weights of those who would rank each proposal first"
            ),
            headers=("Proposal", "Rank 1 (%)", *self.criteria),
            rows=rows,
            float_format=("", ".1f", *(".3f" for _ in self.criteria)),
            notes=("n/a: the proposal never came first, so it has no central weights.",),
        )

    def confidence_table(self) -> Table:
        rows = tuple(
            (self.proposals[i], _percent(self.acceptability[i][0]), _percent(self.confidence[i])) for i in self._order()
        )
        return Table(
            title=f"Confidence factors {self.mode}",
            headers=("Proposal", "Rank 1 (%)", "Confidence (%)"),
            rows=rows,
            float_format=".1f",
            notes=(
                "Confidence: how often the proposal comes first with its own central weights while the values vary "
                "(100 when values are exact and it wins there); low means the values are too uncertain to pick it "
                "even for its most favourable voter.",
                "n/a: the proposal never came first.",
            ),
        )

    def tables(self) -> list:
        """Rank acceptabilities, central weights and confidence factors."""
        rules = self.rules.tables() if self.rules else []
        return [self.acceptability_table(), self.central_weights_table(), self.confidence_table(), *rules]

    def to_records(self) -> list:
        """One flat record per proposal (``pandas.DataFrame(records)``); shares in [0, 1]."""
        records = []
        for i in self._order():
            record = {
                "rubric": self.rubric_id,
                "rubric_version": self.rubric_version,
                "scheme": self.scheme_id,
                "method": self.method,
                "samples": self.samples,
                "seed": self.seed,
                "distribution": self.distribution,
                "raters": self.raters,
                "weights": self.weight_mode,
                "concentration": self.concentration,
                "spread": self.spread,
                "proposal": self.proposals[i],
                "scheme_rank": int(self.ranks[i]),
            }
            record.update({f"rank_{r + 1}": b for r, b in enumerate(self.acceptability[i])})
            weights = self.central_weights[i]
            record.update({f"central_weight_{c}": (weights[j] if weights else None) for j, c in enumerate(self.criteria)})
            record["confidence"] = self.confidence[i]
            records.append(record)
        return records
