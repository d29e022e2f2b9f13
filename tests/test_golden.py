"""The shipped comparison tables, pinned: a change to them must be deliberate."""

from __future__ import annotations

import pytest

from golden import CASES, GOLDEN, render


@pytest.mark.parametrize("name", sorted(CASES))
def test_shipped_comparison_matches_golden(name):
    """`rubric compare --rubric X` on the shipped files prints exactly the golden table."""
    expected = (GOLDEN / name).read_text()
    assert render(CASES[name]) == expected, f"regenerate with `python tests/golden.py` if intended: {name}"
