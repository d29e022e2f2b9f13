"""SMAA under weight constraints: bounds and orderings narrow the sampled weights."""

from __future__ import annotations

from types import SimpleNamespace

import attrs
import pytest

from analysis.smaa_cases import reference
from rubric.analysis.acceptability import smaa
from rubric.analysis.constraints import compile_constraints
from rubric.loading.constraints import ConstraintError


def test_constraints_hold_for_the_central_weights():
    """Bounds and orderings are linear, so every central weight vector satisfies them too."""
    constraints = {
        "bounds": {"geopolitical": [0.3, 0.7], "transparency": [0.05, 0.5]},
        "order": ["geopolitical >= ideological", "misuse >= 2 * backdoors"],
    }
    result = smaa(reference(), constraints=constraints, samples=5_000, seed=11)
    for w in result.central_weights:
        if w is None:
            continue
        t, p, m, b = w
        assert 0.3 - 1e-9 <= m + b <= 0.7 + 1e-9 and 0.05 - 1e-9 <= t <= 0.5 + 1e-9
        assert m + b >= t + p - 1e-9 and m >= 2 * b - 1e-9
    assert 0 < result.acceptance < 1
    assert any("geopolitical >= ideological" in note for note in result.acceptability_table().notes)


def test_constraints_can_pin_a_group_and_leave_its_criteria_free():
    """Pinning a group's total samples its criteria uniformly within it, with no rejection."""
    result = smaa(reference(), constraints={"bounds": {"geopolitical": [0.6, 0.6]}}, samples=3_000)
    for w in result.central_weights:
        if w is not None:
            assert w[2] + w[3] == pytest.approx(0.6)
    assert result.acceptance == 1.0


def test_scheme_constraints_are_used_by_default():
    """A scheme carrying ``constraints`` is constrained unless the call passes others ({} for none)."""
    evaluation = reference()
    scheme = evaluation.results[0].scheme
    own = {"bounds": {"misuse": [0.7, 1.0]}}
    if "constraints" in attrs.fields_dict(type(scheme)):
        scheme = attrs.evolve(scheme, constraints=own)
    else:  # a model without the field yet: the same scheme with the attribute added
        scheme = SimpleNamespace(**attrs.asdict(scheme, recurse=False), constraints=own)
    constrained = attrs.evolve(evaluation, results=(attrs.evolve(evaluation.results[0], scheme=scheme),))
    # p1 is best on misuse, which now carries at least 70% of the weight.
    assert smaa(constrained, samples=2_000).acceptability[1][0] > 0.99
    assert smaa(constrained, samples=2_000, constraints={}).acceptability[1][0] < 0.6


def test_too_tight_constraints_are_refused_clearly():
    """Bounds that almost nothing satisfies stop with the acceptance rate, not an endless loop."""
    tight = {"bounds": {c: [0.2499, 0.2501] for c in ("transparency", "progress", "misuse")}}
    with pytest.raises(ConstraintError, match=r"accept .*%.*widen the bounds"):
        smaa(reference(), constraints=tight, samples=1_000)


def test_contradictory_orderings_are_refused():
    """Orderings that no weighting satisfies are reported as contradicting each other."""
    with pytest.raises(ConstraintError, match="contradict"):
        smaa(reference(), constraints={"order": ["misuse >= 0.6 * geopolitical", "backdoors >= 0.6 * geopolitical"]}, samples=100)



def test_valid_orderings_with_factors_compile():
    """'A >= 2 * B', '1.5 * A <= B' and group names compile to linear inequalities."""
    compiled = compile_constraints({"order": ["misuse >= 2 * backdoors", "1.5 * ideological <= geopolitical"]}, reference().rubric)
    (_, first), (_, second) = compiled.orders
    assert first == (0.0, 0.0, 1.0, -2.0)
    assert second == (-1.5, -1.5, 1.0, 1.0)
    with pytest.raises(ConstraintError, match="bounds.nothing"):
        compile_constraints({"bounds": {"nothing": [0, 1]}}, reference().rubric)
