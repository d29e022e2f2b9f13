"""A terminal progress bar for long analyses (``rubric sensitivity --smaa``).

Analyses report progress through a plain callable; drawing it is the command
line's business, so the bar lives here and :mod:`rubric.cli.commands` passes
it in.
"""

from __future__ import annotations

import sys
import time
from typing import Callable

__all__ = ["progress_bar"]


def progress_bar(label: str = "SMAA", *, stream=None, delay: float = 1.0, width: int = 30) -> Callable[[float], None]:
    """A ``progress`` callable that draws a bar on stderr, for long runs only.

    Nothing is drawn unless ``stream`` (default ``sys.stderr``) is a terminal
    and more than ``delay`` seconds have passed since the bar was made, so
    short runs, pipes and logs stay clean.  The bar ends its line at 1.0.
    """
    stream = stream if stream is not None else sys.stderr
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        terminal = False
    started = time.perf_counter()
    state = {"shown": False, "last": -1}

    def update(fraction: float) -> None:
        if not terminal:
            return
        if not state["shown"] and time.perf_counter() - started < delay:
            return
        filled = int(width * min(max(fraction, 0.0), 1.0))
        percent = int(100 * min(max(fraction, 0.0), 1.0))
        if percent == state["last"]:
            return
        state["shown"], state["last"] = True, percent
        stream.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {percent:3d}%")
        if fraction >= 1.0:
            stream.write("\n")
        stream.flush()

    return update
