"""Ranks as the tables show them: shared (``2=``), marked by a red line (``2!``), or excluded.

Apart from the result objects so that every table that shows ranks — an
evaluation's, a comparison's — reads the same marks and notes.
"""

from __future__ import annotations

__all__ = ["RED_LINE_NOTE", "TIE_NOTE", "Rank"]

TIE_NOTE = "A rank followed by '=' is shared by proposals with equal scores."
RED_LINE_NOTE = (
    "A rank followed by '!' is marked by a red line (flagged or capped); 'excluded': a red line takes the proposal "
    "out of the ranking."
)


class Rank(int):
    """A rank that knows whether it is shared (shown ``2=``) and what a red line did to it.

    ``red_line``: ``""`` untouched, ``"flag"`` ranked and marked (``2!``),
    ``"exclude"`` not ranked (shown ``excluded``; its value is one past the
    last ranked proposal, so comparisons read it as below them all).
    """

    tied: bool
    red_line: str

    def __new__(cls, value: int, tied: bool = False, red_line: str = ""):
        rank = super().__new__(cls, value)
        rank.tied = tied
        rank.red_line = red_line
        return rank

    def __str__(self) -> str:
        if self.red_line == "exclude":
            return "excluded"
        shown = f"{int(self)}=" if self.tied else str(int(self))
        return f"{shown}!" if self.red_line == "flag" else shown

    __repr__ = __str__
