"""Uncertainty over the analyst's choices, and leave-one-out.

:func:`choices` treats each choice as a random input: the scheme (among those
evaluated), the aggregation method (among ``methods``), the rater of each
criterion (drawn independently per criterion: the merged value or one of the
raters who rated that criterion; where that rater did not rate a proposal, its
merged value) and, with ``drop=True``, one criterion left out (its weight set
to 0, the others renormalised) or none.  Each is drawn uniformly.  With
``around_scheme``, the weights are drawn around the drawn scheme's effective
weights by :class:`~rubric.analysis.sampling.AroundSampler`.

The per-criterion rater picks form one input of the attribution, as do the
weights: the weights input is one vector around *every* scheme, drawn
independently of which scheme is drawn (so the inputs stay independent, as the
estimators need), of which a run uses its scheme's; its index swaps the whole
block at once.  Every distinct combination's ranking is computed once through
the engine.  It reports each proposal's rank
distribution (median and 5–95 % interval over the Saltelli design's runs) and
how much of the rank variance each choice explains: first-order and total
Sobol indices (:mod:`rubric.analysis.sobol`), averaged over the proposals
weighted by their rank variance.

:func:`leave_one_out` removes each criterion (or each rater) in turn and
reports the proposals whose rank moves.  Without a rater, a value is the mean
of the remaining raters' scores (the value itself if it had no other).
"""

from __future__ import annotations

from typing import Optional, Sequence

import attrs

from rubric.analysis.sampling import DEFAULT_CONCENTRATION, AroundSampler, SmaaError
from rubric.analysis.sobol import sobol_indices
from rubric.components import Table
from rubric.engine import aggregate, rank
from rubric.rendering import Rendered
from rubric.results import Evaluation

__all__ = ["ChoicesResult", "LeaveOneOutResult", "choices", "leave_one_out"]

def _without(evaluation: Evaluation, rater: str) -> list:
    """The merged values with one rater's scores left out (the value itself where no other rated it)."""
    rows = []
    for row in evaluation.values:
        cells = []
        for value in row:
            others = [r.score for r in value.raters if r.rater != rater]
            cells.append(sum(others) / len(others) if others and len(others) < len(value.raters) else value.score)
        rows.append(cells)
    return rows


def _ranks(evaluation: Evaluation, scheme, matrix, weights, drop: Optional[int] = None) -> list:
    if drop is not None:
        weights = [0.0 if j == drop else w for j, w in enumerate(weights)]
        total = sum(weights)
        weights = [w / total for w in weights] if total > 0 else weights
    scores = aggregate(evaluation.registry, evaluation.rubric, scheme, matrix, weights, proposals=evaluation.proposals)
    return [int(r) for r in rank(scores, [p.id for p in evaluation.proposals])]


def _raters(evaluation: Evaluation) -> list:
    return sorted({r.rater for row in evaluation.values for v in row for r in v.raters})


def _rater_values(evaluation: Evaluation, raters: Sequence[str]):
    """raters × proposals × criteria: each rater's scores, the merged value where they gave none (merged first)."""
    import numpy as np

    stack = np.array([[[v.score for v in row] for row in evaluation.values]] * (len(raters) + 1), dtype=float)
    where = {name: k + 1 for k, name in enumerate(raters)}
    for i, row in enumerate(evaluation.values):
        for j, value in enumerate(row):
            for r in value.raters:
                stack[where[r.rater], i, j] = r.score
    return stack


def _criterion_raters(evaluation: Evaluation, raters: Sequence[str]) -> list:
    """Per criterion, the rows of :func:`_rater_values` to draw from: merged, then each rater who rated it."""
    rated: list[set] = [set() for _ in evaluation.rubric.criteria]
    for row in evaluation.values:
        for j, value in enumerate(row):
            rated[j].update(r.rater for r in value.raters)
    return [[0, *(k + 1 for k, name in enumerate(raters) if name in rated[j])] for j in range(len(rated))]


def choices(
    evaluation: Evaluation,
    *,
    methods: Sequence[str] = (),
    samples: int = 1_000,
    seed: Optional[int] = 0,
    drop: bool = False,
    around_scheme: bool = False,
    concentration: Optional[float] = None,
    spread: Optional[float] = None,
) -> "ChoicesResult":
    """Rank distributions and Sobol indices over schemes, methods, raters, (``drop``) a left-out criterion
    and (``around_scheme``) the weights around the drawn scheme's, as in :class:`AroundSampler`."""
    import numpy as np

    if not evaluation.proposals:
        raise SmaaError(f"rubric {evaluation.rubric.id!r} applies to no proposal: nothing to rank")
    if not around_scheme and (concentration is not None or spread is not None):
        raise SmaaError("a concentration or a spread applies only around a scheme (around_scheme=True)")
    criteria = evaluation.rubric.criteria
    m = len(criteria)
    schemes = [r.scheme for r in evaluation.results]
    methods = list(methods) or sorted({s.aggregation.name for s in schemes})
    raters = _raters(evaluation)
    values = _rater_values(evaluation, raters)
    picks = _criterion_raters(evaluation, raters)
    weights = np.array([[r.weights[c.id] for c in criteria] for r in evaluation.results])
    drop = drop and m > 1  # leaving out the only criterion leaves nothing to rank by
    # Columns of a run: scheme, method, one rater pick per criterion, [left out], [weights per scheme].
    groups = {"scheme": [0], "method": [1], "rater": list(range(2, 2 + m))}
    options = {
        "scheme": ", ".join(s.id for s in schemes),
        "method": ", ".join(methods),
        "rater": "per criterion, merged or one of its raters" + (f" ({', '.join(raters)})" if raters else ""),
    }
    if drop:
        groups["left out"] = [2 + m]
        options["left out"] = "none or one of " + ", ".join(c.id for c in criteria)
    width = 2 + m + drop
    samplers = []
    if around_scheme:
        if concentration is None and spread is None:
            concentration = DEFAULT_CONCENTRATION
        samplers = [AroundSampler(w, concentration=concentration, spread=spread) for w in weights]
        groups["weights"] = list(range(width, width + len(schemes) * m))
        how = f"Dirichlet, concentration {concentration:g}" if spread is None else f"each ±{spread:.0%}, renormalised"
        options["weights"] = f"around the drawn scheme's ({how})"
    sizes = np.array([len(schemes), len(methods), *(len(p) for p in picks), *([m + 1] if drop else [])])

    def draw(rng, count: int):
        # The weights input is one vector around every scheme, drawn whatever the scheme; a run uses its scheme's.
        return np.hstack([rng.random((count, width)), *(s.draw(rng, count) for s in samplers)])

    cache: dict = {}
    rows = np.arange(len(evaluation.proposals))[:, None]

    def run(x) -> list:
        chosen = np.minimum((x[:width] * sizes).astype(int), sizes - 1)
        scheme_index = int(chosen[0])
        drawn = weights[scheme_index] if not samplers else x[width + scheme_index * m : width + (scheme_index + 1) * m]
        rater_rows = [picks[j][int(k)] for j, k in enumerate(chosen[2 : 2 + m])]
        left = int(chosen[-1]) - 1 if drop and chosen[-1] else None
        key = (scheme_index, int(chosen[1]), tuple(rater_rows), left, drawn.tobytes())
        if key not in cache:
            scheme = schemes[scheme_index].with_aggregation(methods[int(chosen[1])])
            matrix = values[rater_rows, rows, np.arange(m)]
            cache[key] = _ranks(evaluation, scheme, matrix.tolist(), drawn.tolist(), left)
        return cache[key]

    ranks_seen: list = []

    def model(x):
        y = np.array([run(row) for row in x], dtype=float)
        ranks_seen.append(y)
        return y

    indices = sobol_indices(model, width + len(samplers) * m, samples, seed=seed, groups=list(groups.values()), draw=draw)
    all_ranks = np.concatenate(ranks_seen)
    variance = np.asarray(indices.variance, dtype=float).reshape(-1)
    share = variance / variance.sum() if variance.sum() > 0 else np.zeros_like(variance)
    first = np.asarray(indices.first).reshape(len(groups), -1) @ share
    total = np.asarray(indices.total).reshape(len(groups), -1) @ share
    return ChoicesResult(
        rubric_id=evaluation.rubric.id,
        proposals=tuple(p.id for p in evaluation.proposals),
        options=options,
        median=tuple(float(v) for v in np.median(all_ranks, axis=0)),
        low=tuple(float(v) for v in np.percentile(all_ranks, 5, axis=0)),
        high=tuple(float(v) for v in np.percentile(all_ranks, 95, axis=0)),
        first=tuple(float(v) for v in first),
        total=tuple(float(v) for v in total),
        samples=samples,
        seed=seed,
    )


@attrs.frozen(repr=False)
class ChoicesResult(Rendered):
    """Rank distributions per proposal, and Sobol indices per choice (``options``: name → what was drawn)."""

    rubric_id: str
    proposals: tuple
    options: dict
    median: tuple
    low: tuple
    high: tuple
    first: tuple
    total: tuple
    samples: int
    seed: Optional[int]

    def tables(self) -> list:
        """The rank distributions, then the attribution of rank variance."""
        order = sorted(range(len(self.proposals)), key=lambda i: (self.median[i], self.proposals[i]))
        runs = f"{self.samples:,} base samples ({self.samples * (len(self.options) + 2):,} runs), seed {self.seed}"
        drawn = "; ".join(f"{name}: {text}" for name, text in self.options.items())
        ranks = Table(
            title=f"Ranks over the analyst's choices (rubric {self.rubric_id!r}): median and 5–95 % interval",
            headers=("Proposal", "Median rank", "5 %", "95 %"),
            rows=tuple((self.proposals[i], self.median[i], self.low[i], self.high[i]) for i in order),
            float_format=".1f",
            notes=(f"Each run draws, uniformly: {drawn}.", runs + "."),
        )
        attribution = Table(
            title="Which choice the rank variance comes from: Sobol indices (Saltelli/Jansen)",
            headers=("Choice", "First order", "Total"),
            rows=tuple((name, f, t) for name, f, t in zip(self.options, self.first, self.total)),
            float_format=("", ".3f", ".3f"),
            notes=(
                "First order: the share of rank variance the choice explains alone; total: with its interactions. "
                "Averaged over proposals, weighted by their rank variance; estimates carry sampling error.",
            ),
        )
        return [ranks, attribution]


def leave_one_out(evaluation: Evaluation, scheme_id: Optional[str] = None, *, what: str = "criteria") -> "LeaveOneOutResult":
    """Each criterion (``what="criteria"``) or rater (``"raters"``) removed in turn: the ranks that move."""
    if what not in ("criteria", "raters"):
        raise SmaaError(f"leave-one-out takes criteria or raters, found {what!r}")
    result = evaluation.result(scheme_id)
    criteria = evaluation.rubric.criteria
    weights = [result.weights[c.id] for c in criteria]
    base = [int(r) for r in result.ranks]
    merged = [[v.score for v in row] for row in evaluation.values]
    removed = [c.id for c in criteria] if what == "criteria" else _raters(evaluation)
    rows = []
    for index, name in enumerate(removed):
        if what == "criteria":
            ranks = _ranks(evaluation, result.scheme, merged, weights, drop=index)
        else:
            ranks = _ranks(evaluation, result.scheme, _without(evaluation, name), weights)
        for i, (before, after) in enumerate(zip(base, ranks)):
            if before != after:
                rows.append((name, evaluation.proposals[i].id, before, after, after - before))
    return LeaveOneOutResult(evaluation.rubric.id, result.scheme.id, what, tuple(removed), tuple(rows))


@attrs.frozen(repr=False)
class LeaveOneOutResult(Rendered):
    """The rank changes when each criterion or rater is left out."""

    rubric_id: str
    scheme_id: str
    what: str
    removed: tuple
    moves: tuple

    def tables(self) -> list:
        """One row per proposal whose rank moves, per removal."""
        unmoved = [name for name in self.removed if not any(row[0] == name for row in self.moves)]
        notes = [f"Leaving out {', '.join(unmoved)} moves no rank."] if unmoved else []
        return [
            Table(
                title=f"Leave one out ({self.what}) under scheme {self.scheme_id!r}: the ranks that move",
                headers=("Left out", "Proposal", "Rank", "Rank without", "Change"),
                rows=self.moves,
                notes=tuple(notes),
            )
        ]
