"""Parts of a report that read features the engine does not compute yet: one adapter each.

Red lines, grade bands, coverage and the change since a baseline are not in
the result objects of this version; each adapter returns ``None`` (the
report leaves its section out), so when a feature lands, filling in its one
function here puts it in the headline, the tables and the cards.
"""

from __future__ import annotations

from typing import Any, Optional

__all__ = ["baseline_changes", "coverage", "grades", "red_lines"]


def red_lines(evaluation: Any, scheme_index: int) -> Optional[list]:
    """Per proposal, the red lines it crosses under a scheme; ``None``: the rubric has none."""
    return None


def grades(evaluation: Any, scheme_index: int) -> Optional[list]:
    """Per proposal, its grade band under a scheme; ``None``: the rubric has no bands."""
    return None


def coverage(evaluation: Any) -> Optional[list]:
    """Per proposal, the share of its criteria with a known value; ``None``: every value is known."""
    return None


def baseline_changes(evaluation: Any) -> Optional[list]:
    """What changed since a baseline run, one line each; ``None``: no baseline was given."""
    return None
