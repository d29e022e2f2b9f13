"""Uncertainty over the analyst's choices, and leave-one-out.

:func:`choices` treats each choice as a random input: the scheme (among those
evaluated), the aggregation method (among ``methods``), the rater (one named
rater throughout, where they rated, or the merged value) and, with
``drop=True``, one criterion left out (its weight set to 0, the others
renormalised) or none.  Each is drawn uniformly; every combination's ranking
is computed once through the engine.  It reports each proposal's rank
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

from rubric.analysis.sampling import SmaaError
from rubric.analysis.sobol import sobol_indices
from rubric.components import Table
from rubric.engine import aggregate, rank
from rubric.rendering import Rendered
from rubric.results import Evaluation

__all__ = ["ChoicesResult", "LeaveOneOutResult", "choices", "leave_one_out"]

MERGED = "merged"


def _matrix(evaluation: Evaluation, rater: str, without: Optional[str] = None) -> list:
    """Values as one rater gave them (the merged value where they did not), or without one rater."""
    rows = []
    for row in evaluation.values:
        cells = []
        for value in row:
            if without is not None:
                others = [r.score for r in value.raters if r.rater != without]
                cells.append(sum(others) / len(others) if others and len(others) < len(value.raters) else value.score)
                continue
            given = [r.score for r in value.raters if r.rater == rater]
            cells.append(given[0] if given else value.score)
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


def choices(
    evaluation: Evaluation,
    *,
    methods: Sequence[str] = (),
    samples: int = 1_000,
    seed: Optional[int] = 0,
    drop: bool = False,
) -> "ChoicesResult":
    """Rank distributions and Sobol indices over schemes, methods, raters and (``drop``) a left-out criterion."""
    import numpy as np

    if not evaluation.proposals:
        raise SmaaError(f"rubric {evaluation.rubric.id!r} applies to no proposal: nothing to rank")
    criteria = evaluation.rubric.criteria
    schemes = [r.scheme for r in evaluation.results]
    methods = list(methods) or sorted({s.aggregation.name for s in schemes})
    raters = [MERGED, *_raters(evaluation)]
    options = {"scheme": [s.id for s in schemes], "method": methods, "rater": raters}
    drop = drop and len(criteria) > 1  # leaving out the only criterion leaves nothing to rank by
    if drop:
        options["left out"] = ["none", *(c.id for c in criteria)]
    weights = {r.scheme.id: [r.weights[c.id] for c in criteria] for r in evaluation.results}
    matrices = {rater: _matrix(evaluation, rater) for rater in raters}
    cache: dict = {}

    def run(picks: tuple) -> list:
        if picks not in cache:
            scheme = schemes[picks[0]].with_aggregation(methods[picks[1]])
            left = picks[3] - 1 if drop and picks[3] else None
            cache[picks] = _ranks(evaluation, scheme, matrices[raters[picks[2]]], weights[schemes[picks[0]].id], left)
        return cache[picks]

    sizes = np.array([len(o) for o in options.values()])

    def model(x):
        picks = np.minimum((x * sizes).astype(int), sizes - 1)
        return np.array([run(tuple(int(v) for v in row)) for row in picks], dtype=float)

    ranks_seen: list = []

    def recording(x):
        y = model(x)
        ranks_seen.append(y)
        return y

    indices = sobol_indices(recording, len(options), samples, seed=seed)
    all_ranks = np.concatenate(ranks_seen)
    variance = np.asarray(indices.variance, dtype=float).reshape(-1)
    share = variance / variance.sum() if variance.sum() > 0 else np.zeros_like(variance)
    first = np.asarray(indices.first).reshape(len(options), -1) @ share
    total = np.asarray(indices.total).reshape(len(options), -1) @ share
    return ChoicesResult(
        rubric_id=evaluation.rubric.id,
        proposals=tuple(p.id for p in evaluation.proposals),
        options={k: tuple(v) for k, v in options.items()},
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
    """Rank distributions per proposal, and Sobol indices per choice."""

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
        drawn = "; ".join(f"{name}: {', '.join(values)}" for name, values in self.options.items())
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
            ranks = _ranks(evaluation, result.scheme, _matrix(evaluation, MERGED, without=name), weights)
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
