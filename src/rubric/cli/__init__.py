"""The ``rubric`` command line.

Exit status: 0 ok, 1 a check failed (``validate`` found problems) or the
output could not be written (a full disk), 2 a usage or input error, 130
interrupted (Ctrl-C).  Data goes to stdout, messages to stderr; a closed
pipe (``rubric compare | head``) never changes the status.  Run with no
paths from a project folder, commands use ``./rubrics/`` and ``./proposals/``.

:mod:`~rubric.cli.parser` declares the arguments, :mod:`~rubric.cli.commands`
runs them, :mod:`~rubric.cli.common` holds what every command shares,
:mod:`~rubric.cli.project` reads the project file and
:mod:`~rubric.cli.streams` guards the output.
"""

from __future__ import annotations

import sys
from typing import Optional, Sequence

from rubric.cli.commands import COMMANDS, EXIT_CHECK_FAILED, EXIT_INTERRUPTED, EXIT_USAGE
from rubric.cli.common import print_plugin_traceback
from rubric.cli.parser import build_parser, parse
from rubric.cli.streams import GuardedStream
from rubric.errors import InputError, PluginError, RubricError

__all__ = ["COMMANDS", "build_parser", "main"]


def _run(argv: Sequence[str]) -> int:
    args = parse(build_parser(only=argv[0] if argv else None), argv)
    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        for problem in exc.problems:
            print(f"rubric: error: {problem}", file=sys.stderr)
        if len(exc.problems) > 1:
            print(f"rubric: {len(exc.problems)} problems; nothing was computed", file=sys.stderr)
        return EXIT_USAGE
    except RubricError as exc:
        print(f"rubric: error: {exc}", file=sys.stderr)
        if isinstance(exc, PluginError) and args.traceback:
            print_plugin_traceback(exc)
        return EXIT_USAGE


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; return the exit status."""
    streams = sys.stdout, sys.stderr
    out = sys.stdout = GuardedStream(streams[0])
    sys.stderr = GuardedStream(streams[1])
    try:
        status = _run(sys.argv[1:] if argv is None else list(argv))
        out.flush()
    except KeyboardInterrupt:
        print("rubric: interrupted", file=sys.stderr)
        status = EXIT_INTERRUPTED
    finally:
        sys.stdout, sys.stderr = streams
    if out.error is not None:
        print(f"rubric: error: cannot write the output: {out.error.strerror or out.error}", file=sys.stderr)
        return status or EXIT_CHECK_FAILED
    return status
