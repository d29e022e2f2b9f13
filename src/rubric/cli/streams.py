"""Output that cannot change the exit status: closed pipes, full disks.

``rubric validate 2>&1 | head -1`` closes the pipe after one line while
hundreds of problems are still to be written; a write then raises
:class:`BrokenPipeError` in the middle of the command, and the status it had
computed (1: problems found) would be lost.  :class:`GuardedStream` drops what
is written once the reader has gone, so the command runs to its end and its
status stands.  Any other failure to write (``> /dev/full``) is kept and
reported once, in one line, by :func:`rubric.cli.main`.
"""

from __future__ import annotations

import os
from typing import Optional

__all__ = ["GuardedStream"]


class GuardedStream:
    """A text stream whose write failures are recorded instead of raised."""

    def __init__(self, stream):
        self.stream = stream
        #: The first failure other than a closed pipe (a full disk, say).
        self.error: Optional[OSError] = None
        self.gone = False

    def _failed(self, exc: OSError) -> None:
        self.gone = True
        if not isinstance(exc, BrokenPipeError):
            self.error = exc
        # Point the descriptor at /dev/null, so that the interpreter's own
        # flush at exit does not fail a second time with a traceback.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):  # not a file descriptor (a test's capture)
            pass

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return self.stream.write(text)
            except OSError as exc:
                self._failed(exc)
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self.stream.flush()
            except OSError as exc:
                self._failed(exc)

    def __getattr__(self, name):
        return getattr(self.stream, name)
