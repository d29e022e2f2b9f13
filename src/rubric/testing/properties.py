"""The property checks: a method called the way the engine calls it, on drawn cases.

See :mod:`rubric.testing` for what each property means and how it is tested.
"""

from __future__ import annotations

import math
from typing import Any, Iterable, Mapping, Optional

import hypothesis
from hypothesis import strategies as st
from hypothesis.errors import HypothesisException

from rubric.components import AggregationMethod, Property
from rubric.model import Criterion, Scale
from rubric.testing.orders import check_incomparable
from rubric.testing.strategies import Case, cases, values_on, weight_vectors

__all__ = [
    "BATCHED_TOLERANCE",
    "RELATIVE_TOLERANCE",
    "check_aggregation_method",
    "check_capabilities",
    "check_property",
]

#: Scores are compared up to this share of the scale's range.
RELATIVE_TOLERANCE = 1e-9

#: A batched form agrees with ``aggregate`` row by row to this share of the scale's range.
BATCHED_TOLERANCE = 1e-12


class _Runner:
    """Calls a method the way the engine does and compares its scores."""

    def __init__(self, method: AggregationMethod, params: Mapping[str, Any], as_array: bool):
        self.method = method
        self.params = {**method.params, **params}
        self.as_array = as_array

    def scores(self, case: Case, matrix=None, weights=None) -> list:
        matrix = case.matrix if matrix is None else matrix
        weights = case.weights if weights is None else weights
        if self.as_array:
            import numpy as np

            matrix, weights = np.array(matrix, dtype=float).reshape(len(matrix), len(weights)), np.array(weights)
        criteria = tuple(Criterion(f"c{j}", "g", f"C{j}") for j in range(len(weights)))
        result = self.method.aggregate(matrix, weights, scale=case.scale, criteria=criteria, **self.params)
        try:
            scores = [float(s) for s in result]
        except (TypeError, ValueError):
            raise AssertionError(
                f"aggregation method {self.method.name!r} must return a sequence of numbers, got {result!r}"
            ) from None
        if len(scores) != len(matrix):
            raise AssertionError(
                f"aggregation method {self.method.name!r} returned {len(scores)} scores for {len(matrix)} proposals"
            )
        if not all(math.isfinite(s) for s in scores):
            raise AssertionError(f"aggregation method {self.method.name!r} returned non-finite scores {scores}")
        return scores

    def fail_capability(self, capability: str, what: str, case: Case) -> None:
        raise AssertionError(
            f"aggregation method {self.method.name!r} declares the capability {capability} but breaks it: {what}\n"
            f"{case.describe()}\n  params: {self.params!r}"
        )

    def fail(self, prop: Property, what: str, case: Case) -> None:
        form = "a 2-D numpy array" if self.as_array else "a list of rows"
        if prop in self.method.properties:
            head = f"aggregation method {self.method.name!r} declares {prop.value} but breaks it"
        else:
            head = f"aggregation method {self.method.name!r} lacks {prop.value} (and does not declare it)"
        raise AssertionError(
            f"{head}: {what}\n"
            f"{case.describe()}\n  params: {self.params!r}\n  (matrix passed as {form})"
        )


def _close(a: float, b: float, scale: Scale) -> bool:
    return abs(a - b) <= RELATIVE_TOLERANCE * (float(scale.max) - float(scale.min))


def _differing(before: list, after: list, scale: Scale) -> Optional[int]:
    return next((i for i, (a, b) in enumerate(zip(before, after)) if not _close(a, b, scale)), None)


def _weight_scale(run: _Runner, draw, case: Case) -> None:
    c = draw(st.one_of(st.sampled_from([0.5, 2.0, 10.0]), st.floats(0.01, 100.0)))
    before = run.scores(case)
    after = run.scores(case, weights=[c * w for w in case.weights])
    i = _differing(before, after, case.scale)
    if i is not None:
        run.fail(
            Property.WEIGHT_SCALE_INVARIANCE,
            f"multiplying every weight by {c!r} changed proposal {i}'s score from {before[i]!r} to {after[i]!r}",
            case,
        )


def _permutation(run: _Runner, draw, case: Case) -> None:
    n, m = len(case.matrix), len(case.weights)
    rows = draw(st.permutations(range(n)))
    cols = draw(st.permutations(range(m)))
    before = run.scores(case)
    matrix = [[case.matrix[r][c] for c in cols] for r in rows]
    after = run.scores(case, matrix=matrix, weights=[case.weights[c] for c in cols])
    for position, r in enumerate(rows):
        if not _close(before[r], after[position], case.scale):
            run.fail(
                Property.PERMUTATION_INVARIANCE,
                f"reordering proposals as {list(rows)} and criteria as {list(cols)} changed proposal {r}'s "
                f"score from {before[r]!r} to {after[position]!r}",
                case,
            )


def _pareto(run: _Runner, draw, case: Case) -> None:
    n = len(case.matrix)
    better, worse = draw(st.permutations(range(n)))[:2]
    hi = float(case.scale.max)
    row = [max(a, b) for a, b in zip(case.matrix[better], case.matrix[worse])]
    weighted = [j for j, w in enumerate(case.weights) if w > 0]
    if all(row[j] == case.matrix[worse][j] for j in weighted):
        room = [j for j in weighted if row[j] < hi]
        hypothesis.assume(room)
        j = draw(st.sampled_from(room))
        old = row[j]
        row[j] = draw(st.floats(old, hi).filter(lambda v: v > old))
    matrix = [list(r) for r in case.matrix]
    matrix[better] = row
    scores = run.scores(case, matrix=matrix)
    if scores[better] < scores[worse] and not _close(scores[better], scores[worse], case.scale):
        run.fail(
            Property.PARETO,
            f"proposal {better} {row!r} dominates proposal {worse} {matrix[worse]!r} yet scores "
            f"{scores[better]!r} against {scores[worse]!r} (the matrix below is before proposal {better} "
            f"was replaced)",
            case,
        )


def _monotonicity(run: _Runner, draw, case: Case) -> None:
    i = draw(st.integers(0, len(case.matrix) - 1))
    j = draw(st.integers(0, len(case.weights) - 1))
    old = case.matrix[i][j]
    hi = float(case.scale.max)
    hypothesis.assume(old < hi)
    new = draw(st.one_of(st.just(hi), st.floats(old, hi)).filter(lambda v: v > old))
    matrix = [list(r) for r in case.matrix]
    matrix[i][j] = new
    before, after = run.scores(case), run.scores(case, matrix=matrix)
    if after[i] < before[i] and not _close(after[i], before[i], case.scale):
        run.fail(
            Property.MONOTONICITY,
            f"raising proposal {i}'s value on criterion {j} from {old!r} to {new!r} lowered its score "
            f"from {before[i]!r} to {after[i]!r}",
            case,
        )


def _ties(run: _Runner, draw, case: Case) -> None:
    copy, original = draw(st.permutations(range(len(case.matrix))))[:2]
    matrix = [list(r) for r in case.matrix]
    matrix[copy] = list(matrix[original])
    scores = run.scores(case, matrix=matrix)
    if not _close(scores[copy], scores[original], case.scale):
        run.fail(
            Property.TIES,
            f"proposals {original} and {copy}, both {matrix[original]!r}, score {scores[original]!r} and "
            f"{scores[copy]!r} (the matrix below is before proposal {copy} was made a copy)",
            case,
        )


def _zero_weight(run: _Runner, draw, case: Case) -> None:
    j = draw(st.integers(0, len(case.weights) - 1))
    weights = list(case.weights)
    weights[j] = 0.0
    if not any(weights):
        weights[(j + 1) % len(weights)] = 1.0
    total = math.fsum(weights)
    zeroed = Case(case.scale, case.matrix, [w / total for w in weights])
    column = draw(st.lists(values_on(case.scale), min_size=len(case.matrix), max_size=len(case.matrix)))
    matrix = [list(r) for r in case.matrix]
    for row, value in zip(matrix, column):
        row[j] = value
    before, after = run.scores(zeroed), run.scores(zeroed, matrix=matrix)
    i = _differing(before, after, case.scale)
    if i is not None:
        run.fail(
            Property.ZERO_WEIGHT_IRRELEVANCE,
            f"with weights {zeroed.weights!r}, changing criterion {j} (weight 0) to {column!r} changed "
            f"proposal {i}'s score from {before[i]!r} to {after[i]!r}",
            case,
        )


def _bounded(run: _Runner, draw, case: Case) -> None:
    lo, hi = float(case.scale.min), float(case.scale.max)
    slack = RELATIVE_TOLERANCE * (hi - lo)
    for i, score in enumerate(run.scores(case)):
        if not lo - slack <= score <= hi + slack:
            run.fail(Property.BOUNDED_BY_SCALE, f"proposal {i} scores {score!r}, outside {lo} to {hi}", case)


def _independence(run: _Runner, draw, case: Case) -> None:
    gone = draw(st.integers(0, len(case.matrix) - 1))
    before = run.scores(case)
    after = run.scores(case, matrix=[r for k, r in enumerate(case.matrix) if k != gone])
    kept = [k for k in range(len(case.matrix)) if k != gone]
    for position, k in enumerate(kept):
        if not _close(before[k], after[position], case.scale):
            run.fail(
                Property.INDEPENDENCE_OF_IRRELEVANT_ALTERNATIVES,
                f"removing proposal {gone} changed proposal {k}'s score from {before[k]!r} to {after[position]!r}",
                case,
            )


def _linear(run: _Runner, draw, case: Case) -> None:
    scores = run.scores(case)
    total = sum(case.weights)
    for i, (row, score) in enumerate(zip(case.matrix, scores)):
        mean = sum(w * x for w, x in zip(case.weights, row)) / total
        if not _close(score, mean, case.scale):
            run.fail_capability("linear", f"proposal {i} scored {score!r}, its weighted mean is {mean!r}", case)


def _batched(run: _Runner, draw, case: Case) -> None:
    """k weightings of the case's matrix, and k matrices, in one batched call each: the per-row scores."""
    import numpy as np

    m = len(case.weights)
    weights = [case.weights, *draw(st.lists(weight_vectors(m), min_size=0, max_size=3))]
    matrix = np.array(case.matrix, dtype=float).reshape(len(case.matrix), m)
    n, value = len(case.matrix), values_on(case.scale)
    others = [matrix, *(np.array(draw(st.lists(st.lists(value, min_size=m, max_size=m), min_size=n, max_size=n)))
                        for _ in weights[1:])]
    criteria = tuple(Criterion(f"c{j}", "g", f"C{j}") for j in range(m))
    batched = run.method.batched
    assert batched is not None
    for shared in (True, False):
        given = matrix if shared else np.array(others)
        batch = batched(given, np.array(weights), scale=case.scale, criteria=criteria, **run.params)
        batch = np.asarray(batch, dtype=float)
        if batch.shape != (len(weights), len(matrix)):
            run.fail_capability("batched", f"returned shape {batch.shape}, not {(len(weights), len(matrix))}", case)
        for s, w in enumerate(weights):
            row = others[0] if shared else others[s]
            expected = run.scores(case, matrix=[list(r) for r in row], weights=w)
            i = next((i for i, (a, b) in enumerate(zip(batch[s], expected))
                      if not abs(a - b) <= BATCHED_TOLERANCE * (float(case.scale.max) - float(case.scale.min))), None)
            if i is not None:
                form = "one shared matrix" if shared else "a matrix per weighting"
                run.fail_capability(
                    "batched",
                    f"with {form}, weighting {s} ({w!r}) gave proposal {i} {batch[s][i]!r}, aggregate gives {expected[i]!r}",
                    case,
                )


# property -> (check, fewest proposals, fewest criteria)
_CHECKS: Mapping[Property, tuple] = {
    Property.WEIGHT_SCALE_INVARIANCE: (_weight_scale, 1, 1),
    Property.PERMUTATION_INVARIANCE: (_permutation, 1, 1),
    Property.PARETO: (_pareto, 2, 1),
    Property.MONOTONICITY: (_monotonicity, 1, 1),
    Property.TIES: (_ties, 2, 1),
    Property.ZERO_WEIGHT_IRRELEVANCE: (_zero_weight, 1, 2),
    Property.BOUNDED_BY_SCALE: (_bounded, 1, 1),
    Property.INDEPENDENCE_OF_IRRELEVANT_ALTERNATIVES: (_independence, 2, 1),
}


def _settings(max_examples: int, settings: Optional[hypothesis.settings]) -> hypothesis.settings:
    if settings is not None:
        return settings
    return hypothesis.settings(
        max_examples=max_examples,
        deadline=None,
        report_multiple_bugs=False,
        suppress_health_check=[hypothesis.HealthCheck.too_slow, hypothesis.HealthCheck.filter_too_much],
    )


def check_property(
    method: AggregationMethod,
    prop: Property,
    *,
    params: Optional[Mapping[str, Any]] = None,
    max_examples: int = 100,
    settings: Optional[hypothesis.settings] = None,
) -> None:
    """Test one property of ``method`` (declared or not).

    :raises AssertionError: with a counterexample if the property fails, or if
        the method breaks the call contract (wrong number of scores, NaN, an
        exception).
    """
    check, min_n, min_m = _CHECKS[prop]
    _run(method, check, min_n, min_m, prop.value, params, max_examples, settings)


def _run(method, check, min_n: int, min_m: int, what: str, params, max_examples: int, settings) -> None:
    """Run one check under hypothesis on drawn cases, the matrix as rows or as an array."""
    given_params = dict(params or {})

    @_settings(max_examples, settings)
    @hypothesis.given(case=cases(min_proposals=min_n, min_criteria=min_m), as_array=st.booleans(), data=st.data())
    def run_check(case: Case, as_array: bool, data) -> None:
        runner = _Runner(method, given_params, as_array)
        try:
            check(runner, data.draw, case)
        except (AssertionError, HypothesisException):
            raise
        except Exception as exc:
            raise AssertionError(
                f"aggregation method {method.name!r} raised {type(exc).__name__}: {exc} while checking "
                f"{what}\n{case.describe()}\n  params: {runner.params!r}"
            ) from exc

    run_check()


def check_aggregation_method(
    method: AggregationMethod,
    *,
    params: Optional[Mapping[str, Any]] = None,
    properties: Optional[Iterable[Property]] = None,
    max_examples: int = 100,
    settings: Optional[hypothesis.settings] = None,
) -> None:
    """Test every property ``method`` declares (or the given subset of them), and its capabilities.

    A declared capability (``linear``, ``batched``, ``incomparable``) is checked too, since
    the analyses trust it for their exact and fast paths.

    :param params: parameters for the method, over its defaults.
    :param properties: check only these (each must be declared).
    :param max_examples: examples hypothesis tries per property.
    :param settings: hypothesis settings to use instead (overrides
        ``max_examples``).
    :raises AssertionError: listing every declared property that failed, each
        with the smallest counterexample found.
    """
    chosen = set(method.properties) if properties is None else set(properties)
    undeclared = chosen - set(method.properties)
    if undeclared:
        raise ValueError(
            f"aggregation method {method.name!r} does not declare "
            f"{', '.join(sorted(p.value for p in undeclared))}; check_property tests undeclared properties"
        )
    failures = []
    for prop in sorted(chosen, key=lambda p: list(Property).index(p)):
        try:
            check_property(method, prop, params=params, max_examples=max_examples, settings=settings)
        except AssertionError as exc:
            failures.append(str(exc))
    if properties is None:
        try:
            check_capabilities(method, params=params, max_examples=max_examples, settings=settings)
        except AssertionError as exc:
            failures.append(str(exc))
    if failures:
        raise AssertionError(
            f"aggregation method {method.name!r} breaks {len(failures)} of the properties it declares:\n\n"
            + "\n\n".join(failures)
        )


def check_capabilities(
    method: AggregationMethod,
    *,
    params: Optional[Mapping[str, Any]] = None,
    max_examples: int = 100,
    settings: Optional[hypothesis.settings] = None,
) -> None:
    """Test the capabilities ``method`` declares (``linear``, ``batched``, ``incomparable``) and nothing else.

    :raises AssertionError: naming the capability broken, with a counterexample.
    """
    failures = []
    declared = [("linear", _linear)] if method.linear else []
    declared += [("batched", _batched)] if method.batched is not None else []
    declared += [("incomparable", check_incomparable)] if method.incomparable is not None else []
    for name, check in declared:
        try:
            _run(method, check, 1, 1, f"the capability {name}", params, max_examples, settings)
        except AssertionError as exc:
            failures.append(str(exc))
    if failures:
        raise AssertionError("\n\n".join(failures))
