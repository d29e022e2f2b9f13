"""The command line's SMAA progress bar: drawn only on a terminal, only for long runs."""

from __future__ import annotations

import io

from rubric.cli.progress import progress_bar


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_draws_only_on_a_terminal_after_the_delay():
    """Nothing is written to a pipe, nor before the delay; on a terminal a bar ends its line at 100%."""
    pipe = io.StringIO()
    bar = progress_bar(stream=pipe, delay=0)
    bar(0.5), bar(1.0)
    assert pipe.getvalue() == ""
    early = FakeTerminal()
    bar = progress_bar(stream=early, delay=60)
    bar(0.5), bar(1.0)
    assert early.getvalue() == ""
    terminal = FakeTerminal()
    bar = progress_bar("SMAA", stream=terminal, delay=0, width=10)
    bar(0.5), bar(1.0)
    assert terminal.getvalue() == "\rSMAA [#####.....]  50%\rSMAA [##########] 100%\n"
