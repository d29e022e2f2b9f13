"""The columns of a rating sheet, shared by the sheet written and the import that reads it back."""

from __future__ import annotations

RATINGS_SHEET = "ratings"
PROPOSALS_SHEET = "proposals"
#: What the rater fills in.
INPUT_COLUMNS = ("score", "low", "high", "confidence", "rationale", "sources")
#: Which rating a row is: locked in the workbook.
KEY_COLUMNS = ("proposal", "criterion", "rubric", "rater")
#: Shown to help, ignored on import (``file`` is in ``rubric export ratings`` output, so it imports back).
INFO_COLUMNS = ("question", "file")
REQUIRED_COLUMNS = (*KEY_COLUMNS, "score")
#: In the order the sheet shows them.
SHEET_COLUMNS = ("proposal", "criterion", "question", *INPUT_COLUMNS, "rubric", "rater")
KNOWN_COLUMNS = frozenset(KEY_COLUMNS + INPUT_COLUMNS + INFO_COLUMNS)
#: How several source ids share one cell.
SOURCE_SEPARATOR = ";"
