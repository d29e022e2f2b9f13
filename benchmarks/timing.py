"""Stdlib timing shared by the benchmark scripts: repeated runs, median with min–max."""

from __future__ import annotations

import statistics
import time


def timed(function, repeats: int, *, warm_up: bool = False) -> list:
    """Seconds taken by each of ``repeats`` calls (after one untimed call if ``warm_up``)."""
    if warm_up:
        function()  # imports, allocator, caches
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def summary(times: list, decimals: int = 1) -> str:
    """``median ms  (min–max)``."""
    return (
        f"{statistics.median(times) * 1000:8.{decimals}f} ms  "
        f"({min(times) * 1000:.{decimals}f}–{max(times) * 1000:.{decimals}f})"
    )
